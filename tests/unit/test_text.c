/* test_text.c: the characters a field may hold and their escaping (core/text.c), the record
 * checks that use them (core/validate.c), and telling UTF-8, GB18030 and other encodings
 * apart on import (core/encoding.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/encoding.h"
#include "core/text.h"
#include "core/types.h"
#include "core/validate.h"

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(text_class_of('a'), TEXT_PLAIN);
	assert_int_equal(text_class_of(0x5B66), TEXT_PLAIN); /* 学 */
	assert_int_equal(text_class_of(0xA0), TEXT_PLAIN);   /* no-break space: after C1 */
	assert_int_equal(text_class_of(0x09), TEXT_TAB);
	assert_int_equal(text_class_of(0x0A), TEXT_LF);
	static const uint32_t breaks[] = {0x0D, 0x85, 0x2028, 0x2029};
	for (size_t i = 0; i < XQ_NELEM(breaks); i++)
		assert_int_equal(text_class_of(breaks[i]), TEXT_BREAK);
	static const uint32_t controls[] = {0x00, 0x01, 0x1B, 0x1F, 0x7F, 0x80, 0x9B, 0x9F};
	for (size_t i = 0; i < XQ_NELEM(controls); i++)
		assert_int_equal(text_class_of(controls[i]), TEXT_CONTROL);
	for (uint32_t c = 0x202A; c <= 0x202E; c++)
		assert_int_equal(text_class_of(c), TEXT_BIDI);
	for (uint32_t c = 0x2066; c <= 0x2069; c++)
		assert_int_equal(text_class_of(c), TEXT_BIDI);
	assert_int_equal(text_class_of(0x200F), TEXT_BIDI);
	assert_int_equal(text_class_of(0x2027), TEXT_PLAIN);
	assert_int_equal(text_class_of(0x2065), TEXT_PLAIN);
	assert_int_equal(text_class_of(0x206A), TEXT_PLAIN);
}

/* text_check on s, expecting a refusal whose message is want. */
static void expect_refused(const char *s, bool multiline, const char *want)
{
	char msg[XQ_MSG_MAX] = "";
	assert_false(text_check("name", s, multiline, msg));
	assert_string_equal(msg, want);
}

static void test_check(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	assert_true(text_check("name", "", false, msg));
	assert_true(text_check("name", "柳江区第二中学 (本部)", false, msg));
	assert_true(text_check("note", "第一行\n第二行\t制表", true, msg));
	expect_refused("甲\x1b[2J", false, "name holds U+001B, a control character, at character 2");
	expect_refused("甲\x1b]52;c;aGk=\x07", true,
		"name holds U+001B, a control character, at character 2");
	expect_refused("ab\x7f", false, "name holds U+007F, a control character, at character 3");
	expect_refused("\xc2\x9b" "2J", false, "name holds U+009B, a control character, at character 1");
	expect_refused("王\xe2\x80\xae芳", false,
		"name holds U+202E, a bidirectional control, at character 2");
	expect_refused("王\xe2\x81\xa6芳", true,
		"name holds U+2066, a bidirectional control, at character 2");
	expect_refused("a\tb", false, "name holds U+0009, a tab, at character 2; the field is one line");
	expect_refused("a\nb", false,
		"name holds U+000A, a line break, at character 2; the field is one line");
	expect_refused("a\r\nb", true,
		"name holds U+000D, a line break other than LF, at character 2");
	expect_refused("一\xe2\x80\xa8二", true,
		"name holds U+2028, a line break other than LF, at character 2");
	expect_refused("一\xc2\x85二", false,
		"name holds U+0085, a line break, at character 2; the field is one line");
	expect_refused("王\xcd\xf5", false, "name is not valid UTF-8: byte 0xCD at character 2");

	uint32_t cp;
	bool invalid;
	size_t chars;
	const char *s = "学校\xe2\x80\xae";
	assert_int_equal(text_find_bad(s, strlen(s), false, &cp, &invalid, &chars), 6);
	assert_int_equal(cp, 0x202E);
	assert_false(invalid);
	assert_int_equal(chars, 2);
	assert_int_equal(text_find_bad("ok", 2, false, &cp, &invalid, &chars), 2);
}

/* The record checks: names are one line, notes and goals take LF and TAB. */
static void test_validators(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct school s;
	school_init(&s);
	strcpy(s.code, "2145990001");
	strcpy(s.name, "甲小学");
	s.level = LEVEL_PRIMARY;
	s.location = LOC_URBAN;
	assert_null(school_validate(&s, msg));
	strcpy(s.town, "拉堡\xe2\x80\xae镇");
	assert_string_equal(school_validate(&s, msg), "town");
	assert_non_null(strstr(msg, "U+202E"));

	struct district d = {0};
	strcpy(d.name, "城关学区");
	d.form = FORM_GROUP;
	strcpy(d.note, "第一行\n第二行\t备注");
	assert_null(district_validate(&d, msg));
	strcpy(d.note, "一\x1b[2J");
	assert_string_equal(district_validate(&d, msg), "note");
	strcpy(d.note, "ok");
	strcpy(d.name, "城关\n学区");
	assert_string_equal(district_validate(&d, msg), "name");
	assert_string_equal(msg, "name holds U+000A, a line break, at character 3; the field is one line");

	struct teacher t;
	teacher_init(&t);
	strcpy(t.staff_no, "Z1");
	strcpy(t.name, "王芳");
	t.gender = 'F';
	assert_null(teacher_validate(&t, msg));
	strcpy(t.title, "一级\t教师");
	assert_string_equal(teacher_validate(&t, msg), "title");
	strcpy(t.title, "");
	strcpy(t.name, "王\xc2\x9b芳");
	assert_string_equal(teacher_validate(&t, msg), "name");

	struct agreement a = {.supporting_id = 1, .supported_id = 2, .start_date = "2025-09-01"};
	strcpy(a.goals, "教研\n共建");
	assert_null(agreement_validate(&a, msg));
	strcpy(a.goals, "教研\xe2\x80\xa9共建");
	assert_string_equal(agreement_validate(&a, msg), "goals");
}

static char *escaped(const char *s, bool breaks_as_space)
{
	struct strbuf b;
	sb_init(&b);
	text_escape(&b, s, breaks_as_space);
	return b.s ? sb_steal(&b) : xstrdup("");
}

#define EXPECT_ESCAPE(in, space, want)                     \
	do {                                               \
		char *got_ = escaped(in, space);           \
		assert_string_equal(got_, want);           \
		free(got_);                                \
	} while (0)

static void test_escape(void **state)
{
	(void)state;
	EXPECT_ESCAPE("", false, "");
	EXPECT_ESCAPE("柳江区第二中学", false, "柳江区第二中学");
	EXPECT_ESCAPE("甲\x1b[2J乙", false, "甲\\x1b[2J乙");
	EXPECT_ESCAPE("\x1b]52;c;aGk=\x07", false, "\\x1b]52;c;aGk=\\x07");
	EXPECT_ESCAPE("a\tb\nc\rd\x7f", false, "a\\tb\\nc\\rd\\x7f");
	EXPECT_ESCAPE("a\tb\nc\rd", true, "a b c\\rd");
	EXPECT_ESCAPE("\xc2\x9b" "2J", false, "<U+009B>2J");
	EXPECT_ESCAPE("王\xe2\x80\xae芳\xe2\x81\xa9", false, "王<U+202E>芳<U+2069>");
	EXPECT_ESCAPE("一\xe2\x80\xa8二", true, "一<U+2028>二");
	EXPECT_ESCAPE("M\xfcller", false, "M\\xfcller");
	EXPECT_ESCAPE("\xe5\xad", false, "\\xe5\\xad"); /* a cut character */

	assert_false(text_needs_escape(""));
	assert_false(text_needs_escape("学校 school ~"));
	assert_true(text_needs_escape("a\x1b"));
	assert_true(text_needs_escape("a\n"));
	assert_true(text_needs_escape("\xe2\x80\xae"));
	assert_true(text_needs_escape("\xff"));

	struct strbuf tmp;
	sb_init(&tmp);
	const char *clean = "干净";
	assert_ptr_equal(text_shown(clean, &tmp), clean);
	assert_string_equal(text_shown("a\x1b", &tmp), "a\\x1b");
	assert_string_equal(text_shown("b\x07", &tmp), "b\\x07"); /* tmp reused */
	sb_free(&tmp);
}

/* Encodings */

static char *decode(const char *in, size_t len, enum text_encoding *enc, char *msg)
{
	size_t outlen;
	return enc_to_utf8(in, len, &outlen, enc, msg);
}

static void test_latin1_refused(void **state)
{
	(void)state;
	const char in[] = "code,name\n2145991011,M\xfcller Schule\n";
	enum text_encoding enc;
	char msg[XQ_MSG_MAX] = "";
	assert_null(decode(in, sizeof in - 1, &enc, msg));
	assert_string_equal(msg, "line 2: neither UTF-8 nor likely GB18030: found bytes FC 6C "
				 "(\"黮\" in GB18030); encodings tried: UTF-8, GB18030; name the "
				 "file's encoding with --encoding");
	/* CP1252 quotes and accents misread as GBK are refused too */
	const char cp1252[] = "name\n\x93" "Caf\xe9" "\x94 Cr\xe8me\n";
	assert_null(decode(cp1252, sizeof cp1252 - 1, &enc, msg));
	assert_non_null(strstr(msg, "line 2: "));

	size_t outlen;
	char *out = enc_to_utf8_as(in, sizeof in - 1, "latin1", &outlen, msg);
	assert_non_null(out);
	assert_string_equal(out, "code,name\n2145991011,Müller Schule\n");
	assert_int_equal(outlen, strlen(out));
	free(out);
}

static void test_mixed_refused(void **state)
{
	(void)state;
	/* UTF-8 with one name in GBK (王芳 = CD F5 B7 BC) on line 4 */
	const char in[] = "staff_no,name,subjects\nZ1,张三丰,语文\nZ2,李四光,数学\n"
			  "Z3,\xcd\xf5\xb7\xbc,英语\nZ4,赵六,物理\n";
	enum text_encoding enc;
	char msg[XQ_MSG_MAX] = "";
	assert_null(decode(in, sizeof in - 1, &enc, msg));
	assert_string_equal(msg, "line 4: not UTF-8: found bytes CD F5 B7 BC (\"王芳\" in GB18030); "
				 "the rest of the file is UTF-8");
	/* the GBK name first, then UTF-8: still that line */
	const char first[] = "name\n\xcd\xf5\xb7\xbc\n张三丰\n李四光\n赵六\n";
	assert_null(decode(first, sizeof first - 1, &enc, msg));
	assert_string_equal(msg, "line 2: not UTF-8: found bytes CD F5 B7 BC (\"王芳\" in GB18030); "
				 "the rest of the file is UTF-8");
}

/* What Excel and WPS write in a Chinese locale still reads as GB18030, including a name with
 * a character outside GB2312 among common ones. */
static void test_real_gbk_accepted(void **state)
{
	(void)state;
	/* "工号,姓名,学科\nZ1,王芳,英语\nZ2,张喆,语文\n" in GBK (喆 is 0x86B4, a GBK extension) */
	const char in[] = "\xb9\xa4\xba\xc5,\xd0\xd5\xc3\xfb,\xd1\xa7\xbf\xc6\n"
			  "Z1,\xcd\xf5\xb7\xbc,\xd3\xa2\xd3\xef\n"
			  "Z2,\xd5\xc5\x86\xb4,\xd3\xef\xce\xc4\n";
	enum text_encoding enc;
	char msg[XQ_MSG_MAX] = "";
	char *out = decode(in, sizeof in - 1, &enc, msg);
	if (!out)
		fail_msg("%s", msg);
	assert_int_equal(enc, ENC_GB18030);
	assert_string_equal(out, "工号,姓名,学科\nZ1,王芳,英语\nZ2,张喆,语文\n");
	free(out);
}

static void test_forced(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX] = "";
	size_t outlen;
	assert_true(enc_known("latin1"));
	assert_true(enc_known("GBK"));
	assert_true(enc_known("utf-8-bom"));
	assert_true(enc_known("CP1252"));
	assert_false(enc_known("no-such-encoding"));
	assert_false(enc_known(""));
	assert_false(enc_known(NULL));

	assert_null(enc_to_utf8_as("a", 1, "no-such-encoding", &outlen, msg));
	assert_string_equal(msg, "unknown encoding 'no-such-encoding' (iconv -l lists the names)");

	/* forcing GBK reads what detection would refuse as unlikely */
	const char gb[] = "name\n\xfc\x6c\n";
	char *out = enc_to_utf8_as(gb, sizeof gb - 1, "gbk", &outlen, msg);
	assert_non_null(out);
	assert_string_equal(out, "name\n黮\n");
	free(out);

	/* forcing UTF-8: a BOM is dropped, a bad byte named by line */
	out = enc_to_utf8_as("\xef\xbb\xbfok\n", 6, "UTF-8", &outlen, msg);
	assert_non_null(out);
	assert_string_equal(out, "ok\n");
	assert_int_equal(outlen, 3);
	free(out);
	assert_null(enc_to_utf8_as("ok\nM\xfcller\n", 10, "utf8", &outlen, msg));
	assert_string_equal(msg, "line 2: invalid UTF-8 byte sequence (--encoding utf8)");

	/* UTF-16 with its BOM, the BOM not kept */
	out = enc_to_utf8_as("\xff\xfe\x66\x5b\n\0", 6, "UTF-16LE", &outlen, msg);
	assert_non_null(out);
	assert_string_equal(out, "学\n");
	free(out);

	/* a sequence the named encoding lacks */
	assert_null(enc_to_utf8_as("a\nb\n\xff\xff", 6, "GB18030", &outlen, msg));
	assert_string_equal(msg, "line 3: invalid GB18030 byte sequence (--encoding GB18030)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_validators),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_latin1_refused),
		cmocka_unit_test(test_mixed_refused),
		cmocka_unit_test(test_real_gbk_accepted),
		cmocka_unit_test(test_forced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
