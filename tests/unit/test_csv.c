/* test_csv.c: the CSV reader and writer, and text encoding detection and conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/util.h"

/* Read buf[0..len) and describe it: one "LINE:f1|f2|...\n" per record, then "!message"
 * when reading failed. The caller frees the result. */
static char *csv_describe(const char *buf, size_t len)
{
	struct csv_reader *r = csv_open(buf, len);
	struct csv_record rec;
	struct strbuf out;
	char msg[XQ_MSG_MAX];
	int rc;
	sb_init(&out);
	while ((rc = csv_next(r, &rec, msg)) == 1) {
		sb_printf(&out, "%ld:", rec.line);
		for (size_t i = 0; i < rec.n; i++)
			sb_printf(&out, "%s%s", i ? "|" : "", rec.fields[i]);
		sb_addc(&out, '\n');
	}
	if (rc < 0) {
		sb_printf(&out, "!%s", msg);
		/* errors stick */
		msg[0] = '\0';
		assert_int_equal(csv_next(r, &rec, msg), -1);
		assert_string_equal(out.s + out.len - strlen(msg), msg);
	} else {
		assert_int_equal(csv_next(r, &rec, msg), 0);
	}
	csv_close(r);
	return sb_steal(&out);
}

#define EXPECT_CSV(lit, want)                                        \
	do {                                                         \
		char *got_ = csv_describe(lit, sizeof(lit) - 1);     \
		assert_string_equal(got_, want);                     \
		free(got_);                                          \
	} while (0)

static void test_read_simple(void **state)
{
	(void)state;
	EXPECT_CSV("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	EXPECT_CSV("学校代码,学校名称\n3201000001,南京市第一中学\n",
		   "1:学校代码|学校名称\n2:3201000001|南京市第一中学\n");
	EXPECT_CSV("", "");
	EXPECT_CSV("\n\r\n\r", "");
}

static void test_read_quoted(void **state)
{
	(void)state;
	EXPECT_CSV("\"a,b\",c\n", "1:a,b|c\n");
	EXPECT_CSV("\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x\n");
	EXPECT_CSV("\"\"\"\",\"\"\n", "1:\"|\n");
	EXPECT_CSV("\"\"\n", "1:\n");
	EXPECT_CSV("x,\"南京,鼓楼\"\n", "1:x|南京,鼓楼\n");
	/* a quote inside an unquoted field is kept as it is */
	EXPECT_CSV("a\"b,c\n", "1:a\"b|c\n");
}

static void test_read_newlines_in_fields(void **state)
{
	(void)state;
	EXPECT_CSV("h1,h2\n\"line1\nline2\",x\nnext,y\n", "1:h1|h2\n2:line1\nline2|x\n4:next|y\n");
	EXPECT_CSV("a\r\n\"p\r\nq\r\nr\",z\r\nb\r\n", "1:a\n2:p\nq\nr|z\n5:b\n");
	EXPECT_CSV("a\rb\r\"c\rd\"\re", "1:a\n2:b\n3:c\nd\n5:e\n");
	EXPECT_CSV("\"\n\n\",\"\n\"\nz\n", "1:\n\n|\n\n5:z\n");
}

static void test_read_empty_fields(void **state)
{
	(void)state;
	EXPECT_CSV(",,\n", "1:||\n");
	EXPECT_CSV("a,,b\n", "1:a||b\n");
	EXPECT_CSV("a,b,\n", "1:a|b|\n");
	EXPECT_CSV("a,b,", "1:a|b|\n");
	EXPECT_CSV("\"a\",\n", "1:a|\n");
	EXPECT_CSV(" a , b \n", "1: a | b \n");
}

static void test_read_blank_lines_and_last_line(void **state)
{
	(void)state;
	EXPECT_CSV("\n\na\n\n\r\n\rb\n\n", "3:a\n7:b\n");
	EXPECT_CSV("a,b\nc,d", "1:a|b\n2:c|d\n");
	EXPECT_CSV("a,b\r\n\"c\"", "1:a|b\n2:c\n");
	EXPECT_CSV("a\r\n\r\nb\r\n", "1:a\n3:b\n");
}

static void test_read_many_fields(void **state)
{
	(void)state;
	struct strbuf in, want;
	sb_init(&in);
	sb_init(&want);
	for (int row = 0; row < 3; row++) {
		sb_printf(&want, "%d:", row + 1);
		for (int i = 0; i < 300; i++) {
			sb_printf(&in, "%s%d", i ? "," : "", i * row);
			sb_printf(&want, "%s%d", i ? "|" : "", i * row);
		}
		sb_addc(&in, '\n');
		sb_addc(&want, '\n');
	}
	char *got = csv_describe(in.s, in.len);
	assert_string_equal(got, want.s);
	free(got);
	sb_free(&in);
	sb_free(&want);
}

static void test_read_errors(void **state)
{
	(void)state;
	EXPECT_CSV("a\nb\nc,\"open\nmore\n", "1:a\n2:b\n!line 3: unterminated quoted field");
	EXPECT_CSV("\"x\ny\",1\nok\n\"bad\n", "1:x\ny|1\n3:ok\n!line 4: unterminated quoted field");
	EXPECT_CSV("\"", "!line 1: unterminated quoted field");
	EXPECT_CSV("a\n\"m\nn\",b\n\"ab\"c,d\n", "1:a\n2:m\nn|b\n!line 4: text after closing quote");
	EXPECT_CSV("x\r\n\"p\r\nq\"\r\nx,\"a\" ,b\r\n",
		   "1:x\n2:p\nq\n!line 4: text after closing quote");
	EXPECT_CSV("a\nb\0c\n", "1:a\n!line 2: NUL byte in the data");
	EXPECT_CSV("\"a\nb\0\"\n", "!line 2: NUL byte in the data");
	EXPECT_CSV("\"a\"\0\n", "!line 1: NUL byte in the data");
	EXPECT_CSV("\0", "!line 1: NUL byte in the data");
}

static void test_read_null_msg(void **state)
{
	(void)state;
	struct csv_reader *r = csv_open("\"x", 2);
	struct csv_record rec;
	assert_int_equal(csv_next(r, &rec, NULL), -1);
	csv_close(r);
	r = csv_open(NULL, 0);
	assert_int_equal(csv_next(r, &rec, NULL), 0);
	csv_close(r);
	csv_close(NULL);
}

static char *field_str(const char *s)
{
	struct strbuf b;
	sb_init(&b);
	csv_field(&b, s);
	return sb_steal(&b);
}

#define EXPECT_FIELD(in, want)                       \
	do {                                         \
		char *got_ = field_str(in);          \
		assert_string_equal(got_, want);     \
		free(got_);                          \
	} while (0)

static void test_write_field(void **state)
{
	(void)state;
	EXPECT_FIELD("abc", "abc");
	EXPECT_FIELD("学校", "学校");
	EXPECT_FIELD("", "");
	EXPECT_FIELD(NULL, "");
	EXPECT_FIELD("a,b", "\"a,b\"");
	EXPECT_FIELD("say \"hi\"", "\"say \"\"hi\"\"\"");
	EXPECT_FIELD("\"", "\"\"\"\"");
	EXPECT_FIELD("a\nb", "\"a\nb\"");
	EXPECT_FIELD("a\r\nb", "\"a\r\nb\"");
	EXPECT_FIELD("a\rb", "\"a\rb\"");
	EXPECT_FIELD(" lead", "\" lead\"");
	EXPECT_FIELD("trail ", "\"trail \"");
	EXPECT_FIELD("\ttab", "\"\ttab\"");
	EXPECT_FIELD("in side", "in side");
}

static void test_write_row(void **state)
{
	(void)state;
	struct strbuf b;
	sb_init(&b);
	const char *row[] = {"a", "b,c", "", NULL, "学校"};
	csv_row(&b, row, XQ_NELEM(row));
	assert_string_equal(b.s, "a,\"b,c\",,,学校\n");
	const char *one[] = {""};
	csv_row(&b, one, 1);
	assert_string_equal(b.s, "a,\"b,c\",,,学校\n\"\"\n");
	char *got = csv_describe(b.s, b.len);
	assert_string_equal(got, "1:a|b,c|||学校\n2:\n");
	free(got);
	sb_free(&b);
}

static void test_round_trip(void **state)
{
	(void)state;
	static const char *const tricky[] = {
		"南京市第一中学",  "a,b",      "say \"hi\"", "\"",      "\"\"",   "",
		"line1\nline2",    "crlf\r\n", "\r",         " lead",   "trail ", "  ",
		"学区,\"联盟\"\n第二行", ",",  "x\"y",       "\n",      "a\rb",   "\t",
	};
	/* a line end inside a quoted field, CRLF or CR, reads back as one LF */
	static const char *const back[] = {
		"南京市第一中学",  "a,b",      "say \"hi\"", "\"",      "\"\"",   "",
		"line1\nline2",    "crlf\n",   "\n",         " lead",   "trail ", "  ",
		"学区,\"联盟\"\n第二行", ",",  "x\"y",       "\n",      "a\nb",   "\t",
	};
	size_t n = XQ_NELEM(tricky);
	struct strbuf b;
	sb_init(&b);
	/* every field alone, then all of them in one row, then rotated rows */
	for (size_t i = 0; i < n; i++)
		csv_row(&b, &tricky[i], 1);
	csv_row(&b, tricky, n);
	for (size_t i = 1; i < n; i++)
		csv_row(&b, tricky + i, n - i);

	struct csv_reader *r = csv_open(b.s, b.len);
	struct csv_record rec;
	char msg[XQ_MSG_MAX];
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(csv_next(r, &rec, msg), 1);
		assert_int_equal(rec.n, 1);
		assert_string_equal(rec.fields[0], back[i]);
	}
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(csv_next(r, &rec, msg), 1);
		assert_int_equal(rec.n, n - i);
		for (size_t k = 0; k < rec.n; k++)
			assert_string_equal(rec.fields[k], back[i + k]);
	}
	assert_int_equal(csv_next(r, &rec, msg), 0);
	csv_close(r);
	sb_free(&b);
}

/* Run enc_to_utf8 over a literal and check what comes out. */
static void expect_decode(const char *in, size_t len, enum text_encoding want_enc,
			  const char *want, size_t want_len)
{
	size_t outlen = 12345;
	enum text_encoding enc = ENC_UTF16BE;
	char msg[XQ_MSG_MAX] = "";
	char *out = enc_to_utf8(in, len, &outlen, &enc, msg);
	if (!out)
		fail_msg("enc_to_utf8: %s", msg);
	assert_int_equal(enc, want_enc);
	assert_int_equal(outlen, want_len);
	assert_memory_equal(out, want, want_len);
	assert_int_equal(out[outlen], '\0');
	free(out);
}

#define EXPECT_DECODE(in, enc, want) \
	expect_decode(in, sizeof(in) - 1, enc, want, sizeof(want) - 1)

static void expect_decode_error(const char *in, size_t len, const char *want_msg)
{
	size_t outlen;
	enum text_encoding enc;
	char msg[XQ_MSG_MAX] = "";
	assert_null(enc_to_utf8(in, len, &outlen, &enc, msg));
	assert_string_equal(msg, want_msg);
}

#define EXPECT_DECODE_ERROR(in, want) expect_decode_error(in, sizeof(in) - 1, want)

/* "学校代码,学校名称\n" in GB18030, as iconv -t GB18030 writes it. */
static const char gb_header[] = "\xd1\xa7\xd0\xa3\xb4\xfa\xc2\xeb,\xd1\xa7\xd0\xa3\xc3\xfb\xb3\xc6\n";

static void test_detect_utf8(void **state)
{
	(void)state;
	EXPECT_DECODE("", ENC_UTF8, "");
	EXPECT_DECODE("code,name\r\n1,x\r\n", ENC_UTF8, "code,name\r\n1,x\r\n");
	EXPECT_DECODE("学校代码,学校名称\n", ENC_UTF8, "学校代码,学校名称\n");
	EXPECT_DECODE("\xEF\xBB\xBF学校代码,学校名称\n", ENC_UTF8_BOM, "学校代码,学校名称\n");
	EXPECT_DECODE("\xEF\xBB\xBF", ENC_UTF8_BOM, "");
	/* a NUL byte passes through; the CSV reader names its line */
	EXPECT_DECODE("a\0b", ENC_UTF8, "a\0b");
}

static void test_detect_gb18030(void **state)
{
	(void)state;
	expect_decode(gb_header, sizeof gb_header - 1, ENC_GB18030, "学校代码,学校名称\n",
		      strlen("学校代码,学校名称\n"));
	/* é (two bytes) and U+1F600 (four bytes) */
	EXPECT_DECODE("a\xa8\xa6,\x94\x39\xfc\x36\n", ENC_GB18030, "aé,😀\n");
	/* GBK-range character alone: 0xB0A1 is 啊 */
	EXPECT_DECODE("\xb0\xa1", ENC_GB18030, "啊");
}

/* What a Chinese Excel export goes through: GB18030 bytes, decoded, then read as CSV. */
static void test_gb18030_csv(void **state)
{
	(void)state;
	/* "学校代码,学校名称\r\n3201000001,\"南京市第一中学,本部\"\r\n" */
	static const char file[] = "\xd1\xa7\xd0\xa3\xb4\xfa\xc2\xeb,\xd1\xa7\xd0\xa3\xc3\xfb\xb3\xc6\r\n"
				   "3201000001,\"\xc4\xcf\xbe\xa9\xca\xd0\xb5\xda\xd2\xbb\xd6\xd0"
				   "\xd1\xa7,\xb1\xbe\xb2\xbf\"\r\n";
	size_t len;
	enum text_encoding enc;
	char msg[XQ_MSG_MAX];
	char *text = enc_to_utf8(file, sizeof file - 1, &len, &enc, msg);
	assert_non_null(text);
	assert_int_equal(enc, ENC_GB18030);
	char *got = csv_describe(text, len);
	assert_string_equal(got, "1:学校代码|学校名称\n2:3201000001|南京市第一中学,本部\n");
	free(got);
	free(text);
}

static void test_detect_utf16(void **state)
{
	(void)state;
	EXPECT_DECODE("\xff\xfe\x66\x5b\x21\x68,\0a\0\n\0", ENC_UTF16LE, "学校,a\n");
	EXPECT_DECODE("\xfe\xff\x5b\x66\x68\x21\0,\0a\0\n", ENC_UTF16BE, "学校,a\n");
	EXPECT_DECODE("\xff\xfe", ENC_UTF16LE, "");
	/* surrogate pair for U+1F600 */
	EXPECT_DECODE("\xff\xfe\x3d\xd8\x00\xde", ENC_UTF16LE, "😀");
}

static void test_detect_errors(void **state)
{
	(void)state;
	EXPECT_DECODE_ERROR("ok,1\nok,2\n\xff\xff\n",
			    "line 3: invalid byte sequence (not UTF-8 or GB18030)");
	/* GB18030 text going wrong on line 4 */
	EXPECT_DECODE_ERROR("\xd1\xa7\n\xd0\xa3\r\n\xb4\xfa\rx\x80y\n",
			    "line 4: invalid byte sequence (not UTF-8 or GB18030)");
	/* UTF-8 text going wrong on line 3, which GB18030 gets wrong on line 1 */
	EXPECT_DECODE_ERROR("学\nb\n\xff\n", "line 3: invalid byte sequence (not UTF-8 or GB18030)");
	/* a truncated GB18030 character at the very end */
	EXPECT_DECODE_ERROR("\xd1\xa7\n\xd1", "line 2: invalid byte sequence (not UTF-8 or GB18030)");
	EXPECT_DECODE_ERROR("\xEF\xBB\xBFok\n\xb4\xfa\n",
			    "line 2: invalid UTF-8 byte sequence (the file starts with a UTF-8 BOM)");
	/* an unpaired surrogate on line 2 */
	EXPECT_DECODE_ERROR("\xff\xfe\x61\0\n\0\x3d\xd8\x61\0",
			    "line 2: invalid UTF-16LE byte sequence");
	/* an odd byte at the end */
	EXPECT_DECODE_ERROR("\xfe\xff\0a\0\n\0\n\0", "line 3: invalid UTF-16BE byte sequence");
}

static void test_encode_round_trip(void **state)
{
	(void)state;
	const char *text = "学校代码,学校名称\n3201000001,\"南京,鼓楼\"\r\né😀\n";
	size_t len = strlen(text), outlen, backlen;
	enum text_encoding enc;
	char msg[XQ_MSG_MAX];
	static const enum text_encoding all[] = {ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030,
						 ENC_UTF16LE, ENC_UTF16BE};
	for (size_t i = 0; i < XQ_NELEM(all); i++) {
		char *out = enc_from_utf8(text, len, all[i], &outlen, msg);
		assert_non_null(out);
		char *back = enc_to_utf8(out, outlen, &backlen, &enc, msg);
		assert_non_null(back);
		assert_int_equal(enc, all[i]);
		assert_int_equal(backlen, len);
		assert_string_equal(back, text);
		free(out);
		free(back);
	}

	char *bom = enc_from_utf8("a,b\n", 4, ENC_UTF8_BOM, &outlen, msg);
	assert_int_equal(outlen, 7);
	assert_memory_equal(bom, "\xEF\xBB\xBF" "a,b\n", 7);
	free(bom);

	char *gb = enc_from_utf8("学校代码,学校名称\n", strlen("学校代码,学校名称\n"), ENC_GB18030,
				 &outlen, msg);
	assert_int_equal(outlen, sizeof gb_header - 1);
	assert_memory_equal(gb, gb_header, outlen);
	free(gb);

	char *le = enc_from_utf8("学", 3, ENC_UTF16LE, &outlen, msg);
	assert_int_equal(outlen, 4);
	assert_memory_equal(le, "\xff\xfe\x66\x5b", 4);
	free(le);

	char *empty = enc_from_utf8("", 0, ENC_GB18030, &outlen, msg);
	assert_non_null(empty);
	assert_int_equal(outlen, 0);
	free(empty);
}

static void test_encode_errors(void **state)
{
	(void)state;
	size_t outlen;
	char msg[XQ_MSG_MAX];
	assert_null(enc_from_utf8("ok\n\xff", 4, ENC_GB18030, &outlen, msg));
	assert_string_equal(msg, "line 2: invalid UTF-8 byte sequence");
	assert_null(enc_from_utf8("a", 1, (enum text_encoding)42, &outlen, msg));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(enc_name(ENC_UTF8), "UTF-8");
	assert_string_equal(enc_name(ENC_UTF8_BOM), "UTF-8 with BOM");
	assert_string_equal(enc_name(ENC_GB18030), "GB18030");
	assert_string_equal(enc_name(ENC_UTF16LE), "UTF-16LE");
	assert_string_equal(enc_name(ENC_UTF16BE), "UTF-16BE");
	assert_int_equal(enc_parse("utf-8"), ENC_UTF8);
	assert_int_equal(enc_parse("UTF8"), ENC_UTF8);
	assert_int_equal(enc_parse("utf-8-bom"), ENC_UTF8_BOM);
	assert_int_equal(enc_parse("GB18030"), ENC_GB18030);
	assert_int_equal(enc_parse("gbk"), ENC_GB18030);
	assert_int_equal(enc_parse("utf-16le"), ENC_UTF16LE);
	assert_int_equal(enc_parse("latin1"), -1);
	assert_int_equal(enc_parse(""), -1);
	assert_int_equal(enc_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_simple),
		cmocka_unit_test(test_read_quoted),
		cmocka_unit_test(test_read_newlines_in_fields),
		cmocka_unit_test(test_read_empty_fields),
		cmocka_unit_test(test_read_blank_lines_and_last_line),
		cmocka_unit_test(test_read_many_fields),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_read_null_msg),
		cmocka_unit_test(test_write_field),
		cmocka_unit_test(test_write_row),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_detect_utf8),
		cmocka_unit_test(test_detect_gb18030),
		cmocka_unit_test(test_gb18030_csv),
		cmocka_unit_test(test_detect_utf16),
		cmocka_unit_test(test_detect_errors),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_encode_errors),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
