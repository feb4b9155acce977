/* test_util.c: dates, number parsing, UTF-8 and display width (core/util.c), and the record
 * validators (core/validate.c). */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/types.h"
#include "core/util.h"
#include "core/validate.h"

/* Dates */

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(date_valid("2024-01-01"));
	assert_true(date_valid("2026-12-31"));
	assert_true(date_valid("1900-01-01"));
	assert_true(date_valid("2199-12-31"));
	/* leap years: every 4th, not every 100th, but every 400th */
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2023-02-29"));
	assert_true(date_valid("2023-02-28"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_false(date_valid("2100-02-29"));
	assert_true(date_valid("2096-02-29"));
	/* month lengths */
	assert_true(date_valid("2025-04-30"));
	assert_false(date_valid("2025-04-31"));
	assert_false(date_valid("2025-06-31"));
	assert_false(date_valid("2025-09-31"));
	assert_false(date_valid("2025-11-31"));
	assert_true(date_valid("2025-12-31"));
	assert_false(date_valid("2025-12-32"));
	assert_false(date_valid("2025-13-01"));
	assert_false(date_valid("2025-00-10"));
	assert_false(date_valid("2025-01-00"));
	/* outside the years a record can hold */
	assert_false(date_valid("1899-12-31"));
	assert_false(date_valid("2200-01-01"));
	assert_false(date_valid("0000-01-01"));
	/* bad forms */
	assert_false(date_valid(NULL));
	assert_false(date_valid(""));
	assert_false(date_valid("2024-1-01"));
	assert_false(date_valid("2024-01-1"));
	assert_false(date_valid("24-01-01"));
	assert_false(date_valid("2024/01/01"));
	assert_false(date_valid("2024.01.01"));
	assert_false(date_valid("20240101"));
	assert_false(date_valid("2024-01-01 "));
	assert_false(date_valid(" 2024-01-01"));
	assert_false(date_valid("2024-01-01T00:00"));
	assert_false(date_valid("2024-0a-01"));
	assert_false(date_valid("+024-01-01"));
	assert_false(date_valid("2024--1-01"));
	assert_false(date_valid("2024-01--1"));
	assert_false(date_valid("２０２４-01-01")); /* full-width digits */
	assert_false(date_valid("2024年1月1日"));
}

static void test_date_days_known(void **state)
{
	(void)state;
	assert_int_equal(date_days("1970-01-01"), 0);
	assert_int_equal(date_days("1970-01-02"), 1);
	assert_int_equal(date_days("1969-12-31"), -1);
	assert_int_equal(date_days("1900-01-01"), -25567);
	assert_int_equal(date_days("2000-01-01"), 10957);
	assert_int_equal(date_days("2000-03-01"), 11017);
	assert_int_equal(date_days("2026-09-01") - date_days("2025-09-01"), 365);
	assert_int_equal(date_days("2024-09-01") - date_days("2023-09-01"), 366);
	char out[11];
	date_from_days(0, out);
	assert_string_equal(out, "1970-01-01");
	date_from_days(-1, out);
	assert_string_equal(out, "1969-12-31");
	date_from_days(11016, out);
	assert_string_equal(out, "2000-02-29");
	date_from_days(-25567, out);
	assert_string_equal(out, "1900-01-01");
}

static void test_date_round_trip(void **state)
{
	(void)state;
	long first = date_days("1900-01-01"), last = date_days("2199-12-31");
	char prev[11] = "", out[11];
	long n = 0;
	for (long d = first; d <= last; d++, n++) {
		date_from_days(d, out);
		assert_true(date_valid(out));
		assert_int_equal(date_days(out), d);
		/* ISO dates sort as text in day order */
		if (prev[0])
			assert_true(strcmp(prev, out) < 0);
		memcpy(prev, out, sizeof prev);
	}
	assert_string_equal(prev, "2199-12-31");
	/* 300 years of the Gregorian calendar: 300 * 365 + 73 leap days (2100 is none) */
	assert_int_equal(n, 300L * 365 + 73);
}

static void test_date_years_between(void **state)
{
	(void)state;
	assert_int_equal(date_years_between("2020-09-01", "2020-09-01"), 0);
	assert_int_equal(date_years_between("2020-09-01", "2026-08-31"), 5); /* day before */
	assert_int_equal(date_years_between("2020-09-01", "2026-09-01"), 6); /* anniversary */
	assert_int_equal(date_years_between("2020-09-01", "2026-09-02"), 6);
	assert_int_equal(date_years_between("2000-12-31", "2001-01-01"), 0);
	assert_int_equal(date_years_between("2000-01-01", "2000-12-31"), 0);
	assert_int_equal(date_years_between("1990-01-01", "2025-12-31"), 35);
	assert_int_equal(date_years_between("1990-01-01", "2026-01-01"), 36);
	/* born on 29 February: the anniversary in a common year is 1 March */
	assert_int_equal(date_years_between("2024-02-29", "2025-02-28"), 0);
	assert_int_equal(date_years_between("2024-02-29", "2025-03-01"), 1);
	assert_int_equal(date_years_between("2024-02-29", "2028-02-28"), 3);
	assert_int_equal(date_years_between("2024-02-29", "2028-02-29"), 4);
	/* a start on 28 February reaches its anniversary on 28 February of a leap year */
	assert_int_equal(date_years_between("2023-02-28", "2024-02-28"), 1);
	assert_int_equal(date_years_between("2023-02-28", "2024-02-27"), 0);
	/* 16th birthday (the teacher rule) */
	assert_int_equal(date_years_between("2000-06-15", "2016-06-14"), 15);
	assert_int_equal(date_years_between("2000-06-15", "2016-06-15"), 16);
}

static void test_date_today(void **state)
{
	(void)state;
	char out[11];
	setenv("XUEQU_TODAY", "2026-03-15", 1);
	date_today(out);
	assert_string_equal(out, "2026-03-15");
	/* a pinned date that is not a date is ignored */
	setenv("XUEQU_TODAY", "2026-02-30", 1);
	date_today(out);
	assert_true(date_valid(out));
	assert_string_not_equal(out, "2026-02-30");
	unsetenv("XUEQU_TODAY");
	date_today(out);
	assert_true(date_valid(out));
}

/* Numbers */

static void test_parse_long(void **state)
{
	(void)state;
	long v = 42;
	assert_true(parse_long("0", &v));
	assert_int_equal(v, 0);
	assert_true(parse_long("123", &v));
	assert_int_equal(v, 123);
	assert_true(parse_long("-7", &v));
	assert_int_equal(v, -7);
	assert_true(parse_long("+7", &v));
	assert_int_equal(v, 7);
	assert_true(parse_long("007", &v));
	assert_int_equal(v, 7);
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", LONG_MAX);
	assert_true(parse_long(buf, &v));
	assert_true(v == LONG_MAX);

	/* junk leaves *out alone */
	v = 42;
	static const char *const junk[] = {"", "abc", "12a", "a12", "1.5", "1e3", "0x10", "12 ",
		"1 2", "-", "+", "--1", "1,000", "９", "9999999999999999999999",
		"-9999999999999999999999"};
	for (size_t i = 0; i < XQ_NELEM(junk); i++) {
		if (parse_long(junk[i], &v))
			fail_msg("parse_long accepted '%s'", junk[i]);
		assert_int_equal(v, 42);
	}
	assert_false(parse_long(NULL, &v));
	/* Note: a leading blank (" 12") is accepted because strtol skips it, while a trailing
	 * one is refused; not asserted here. */
}

static void test_parse_double(void **state)
{
	(void)state;
	double d = 42;
	assert_true(parse_double("0", &d));
	assert_true(d == 0);
	assert_true(parse_double("3", &d));
	assert_true(d == 3);
	assert_true(parse_double("-0.5", &d));
	assert_true(d == -0.5);
	assert_true(parse_double("4.25", &d));
	assert_true(d == 4.25);
	assert_true(parse_double("1e3", &d));
	assert_true(d == 1000);
	assert_true(parse_double(".5", &d));
	assert_true(d == 0.5);

	d = 42;
	static const char *const junk[] = {"", "abc", "1.5x", "1.5.5", "1,5", "inf", "-inf",
		"infinity", "nan", "NAN", "1e999", "-1e999", "1e", "e3", ".", "-", "1 ", "1 2",
		"３.５"};
	for (size_t i = 0; i < XQ_NELEM(junk); i++) {
		if (parse_double(junk[i], &d))
			fail_msg("parse_double accepted '%s'", junk[i]);
		assert_true(d == 42);
	}
	assert_false(parse_double(NULL, &d));
}

/* UTF-8 */

static void test_utf8_valid(void **state)
{
	(void)state;
#define VALID(lit) assert_true(utf8_valid(lit, sizeof(lit) - 1))
#define INVALID(lit) assert_false(utf8_valid(lit, sizeof(lit) - 1))
	VALID("");
	VALID("abc");
	VALID("南京市第一中学");
	VALID("\xC2\x80");	       /* U+0080, smallest two-byte */
	VALID("\xDF\xBF");	       /* U+07FF */
	VALID("\xE0\xA0\x80");	       /* U+0800, smallest three-byte */
	VALID("\xED\x9F\xBF");	       /* U+D7FF, just below the surrogates */
	VALID("\xEE\x80\x80");	       /* U+E000, just above */
	VALID("\xEF\xBF\xBF");	       /* U+FFFF */
	VALID("\xF0\x90\x80\x80");     /* U+10000, smallest four-byte */
	VALID("\xF0\x9F\x98\x80");     /* an emoji */
	VALID("\xF4\x8F\xBF\xBF");     /* U+10FFFF, the last code point */
	VALID("\xF0\xA0\x80\x80");     /* U+20000, CJK extension B */
	VALID("a\0b");		       /* NUL is a character when the length says so */

	/* overlong forms */
	INVALID("\xC0\x80");
	INVALID("\xC1\xBF");
	INVALID("\xE0\x80\x80");
	INVALID("\xE0\x9F\xBF");
	INVALID("\xF0\x80\x80\x80");
	INVALID("\xF0\x8F\xBF\xBF");
	/* surrogates */
	INVALID("\xED\xA0\x80");
	INVALID("\xED\xBF\xBF");
	INVALID("\xED\xA0\xBD\xED\xB8\x80"); /* a CESU-8 pair */
	/* beyond U+10FFFF, and bytes that never start a character */
	INVALID("\xF4\x90\x80\x80");
	INVALID("\xF5\x80\x80\x80");
	INVALID("\xF8\x88\x80\x80\x80");
	INVALID("\xFC\x84\x80\x80\x80\x80");
	INVALID("\xFE");
	INVALID("\xFF");
	/* stray continuation bytes */
	INVALID("\x80");
	INVALID("a\xBF");
	/* truncated sequences */
	INVALID("\xE4\xB8");
	INVALID("\xE4");
	INVALID("\xF0\x9F\x98");
	INVALID("ab\xC3");
	/* a sequence cut by a non-continuation byte */
	INVALID("\xE4" "a" "\xAD");
	INVALID("\xC3" "(");
	/* GB18030 bytes are not UTF-8 */
	INVALID("\xC4\xCF\xBE\xA9");
#undef VALID
#undef INVALID
	/* the length bounds the check: half of 中 is not valid */
	assert_false(utf8_valid("中", 2));
	assert_true(utf8_valid("中", 3));
	assert_true(utf8_valid("中\xFF", 3));
}

static void test_utf8_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("中"), 2);
	assert_int_equal(utf8_width("中文ab"), 6);
	assert_int_equal(utf8_width("南京市第一中学"), 14);
	assert_int_equal(utf8_width("学区，"), 6);	 /* full-width comma */
	assert_int_equal(utf8_width("ＡＢ"), 4);	 /* full-width letters */
	assert_int_equal(utf8_width("e\xCC\x81"), 1);	 /* a combining accent takes no column */
	assert_int_equal(utf8_width("…"), 1);
	/* an invalid byte counts one column */
	assert_int_equal(utf8_width("\xFF"), 1);
	assert_int_equal(utf8_width("a\xFF" "b"), 3);
	assert_int_equal(utf8_width("\xE4\xB8"), 2);
	/* Note: widths come from mbrtowc/wcwidth and so from LC_CTYPE; main() sets a UTF-8
	 * locale, because under the C locale each byte of a Chinese character counts 1. */
}

/* Checks what utf8_fit promises for every column count: never wider than cols, cut only
 * at a character boundary, "…" at the end exactly when cut, the return value is the
 * width, and the copy is a prefix of the input. */
static void check_fit_all(const char *s)
{
	int full = utf8_width(s);
	for (int cols = 0; cols <= full + 2; cols++) {
		char out[256];
		int w = utf8_fit(s, cols, out, sizeof out);
		assert_true(utf8_valid(out, strlen(out)));
		assert_int_equal(w, utf8_width(out));
		assert_true(w <= cols);
		if (cols >= full) {
			assert_string_equal(out, s);
			continue;
		}
		size_t n = strlen(out);
		if (cols == 0) {
			assert_string_equal(out, "");
			continue;
		}
		assert_true(n >= 3);
		assert_memory_equal(out + n - 3, "…", 3);
		assert_memory_equal(out, s, n - 3);
		/* as much as fits: one more character would not */
		const char *next = s + (n - 3);
		if (*next) {
			char one[8] = {0};
			size_t k = 1;
			while (((unsigned char)next[k] & 0xC0) == 0x80)
				k++;
			memcpy(one, next, k);
			assert_true(utf8_width(out) - 1 + utf8_width(one) + 1 > cols);
		}
	}
}

static void test_utf8_fit(void **state)
{
	(void)state;
	char out[64];
	/* fits: copied whole */
	assert_int_equal(utf8_fit("中文字abc", 9, out, sizeof out), 9);
	assert_string_equal(out, "中文字abc");
	assert_int_equal(utf8_fit("中文字abc", 20, out, sizeof out), 9);
	assert_string_equal(out, "中文字abc");
	/* cut with "…" at a character boundary */
	assert_int_equal(utf8_fit("中文字abc", 8, out, sizeof out), 8);
	assert_string_equal(out, "中文字a…");
	assert_int_equal(utf8_fit("中文字abc", 7, out, sizeof out), 7);
	assert_string_equal(out, "中文字…");
	assert_int_equal(utf8_fit("中文字abc", 6, out, sizeof out), 5);
	assert_string_equal(out, "中文…"); /* never half a wide character */
	assert_int_equal(utf8_fit("中文字abc", 5, out, sizeof out), 5);
	assert_string_equal(out, "中文…");
	assert_int_equal(utf8_fit("中文字abc", 4, out, sizeof out), 3);
	assert_string_equal(out, "中…");
	assert_int_equal(utf8_fit("中文字abc", 3, out, sizeof out), 3);
	assert_string_equal(out, "中…");
	assert_int_equal(utf8_fit("中文字abc", 2, out, sizeof out), 1);
	assert_string_equal(out, "…");
	assert_int_equal(utf8_fit("中文字abc", 1, out, sizeof out), 1);
	assert_string_equal(out, "…");
	assert_int_equal(utf8_fit("中文字abc", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(utf8_fit("学区管理", 7, out, sizeof out), 7);
	assert_string_equal(out, "学区管…");
	assert_int_equal(utf8_fit("学区管理", 6, out, sizeof out), 5);
	assert_string_equal(out, "学区…");
	assert_int_equal(utf8_fit("", 0, out, sizeof out), 0);
	assert_string_equal(out, "");

	check_fit_all("中文字abc");
	check_fit_all("a学b区c管d理");
	check_fit_all("南京市鼓楼区第一实验小学（本部）");
	check_fit_all("plain ascii text");
	check_fit_all("e\xCC\x81t\xC3\xA9 中");

	/* the output buffer bounds the copy, and nothing is written past it */
	char small[12];
	memset(small, '#', sizeof small);
	int w = utf8_fit("中文字学区", 100, small, 8);
	assert_true(strlen(small) < 8);
	assert_true(utf8_valid(small, strlen(small)));
	assert_int_equal(w, utf8_width(small));
	for (size_t i = 8; i < sizeof small; i++)
		assert_int_equal(small[i], '#');
	memset(small, '#', sizeof small);
	assert_int_equal(utf8_fit("abc", 10, small, 0), 0);
	assert_int_equal(small[0], '#');
}

/* Strings */

static void test_strings(void **state)
{
	(void)state;
	char buf[8];
	assert_true(xq_copy(buf, sizeof buf, "abc"));
	assert_string_equal(buf, "abc");
	assert_false(xq_copy(buf, sizeof buf, "abcdefghij"));
	assert_string_equal(buf, "abcdefg");
	/* a cut never splits a character: "中文字" is 9 bytes */
	assert_false(xq_copy(buf, sizeof buf, "中文字"));
	assert_string_equal(buf, "中文");
	char b5[5];
	assert_false(xq_copy(b5, sizeof b5, "中文"));
	assert_string_equal(b5, "中");

	char t[] = " \t 学区 \r\n";
	assert_string_equal(str_trim(t), "学区");
	char e[] = "   ";
	assert_string_equal(str_trim(e), "");

	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "学区");
	sb_addc(&sb, ',');
	sb_printf(&sb, "%d-%s", 7, "x");
	sb_add(&sb, "yz", 1);
	assert_string_equal(sb.s, "学区,7-xy");
	assert_int_equal(sb.len, strlen("学区,7-xy"));
	for (int i = 0; i < 1000; i++)
		sb_addc(&sb, 'a');
	assert_int_equal(sb.len, strlen("学区,7-xy") + 1000);
	char *s = sb_steal(&sb);
	assert_null(sb.s);
	assert_int_equal(strlen(s), strlen("学区,7-xy") + 1000);
	free(s);
	s = sb_steal(&sb);
	assert_string_equal(s, "");
	free(s);

	char msg[XQ_MSG_MAX];
	xq_msg(msg, "%s=%d", "n", 3);
	assert_string_equal(msg, "n=3");
	xq_msg(NULL, "ignored %d", 1);
	char *p = xasprintf("%s-%03d", "学区", 7);
	assert_string_equal(p, "学区-007");
	free(p);
}

/* Validators */

static void test_school_code_valid(void **state)
{
	(void)state;
	assert_true(school_code_valid("3201000001"));
	assert_true(school_code_valid("0000000000"));
	assert_false(school_code_valid(""));
	assert_false(school_code_valid("320100000"));
	assert_false(school_code_valid("32010000011"));
	assert_false(school_code_valid("320100000a"));
	assert_false(school_code_valid("3201 00001"));
	assert_false(school_code_valid(" 3201000001"));
	assert_false(school_code_valid("-320100000"));
	assert_false(school_code_valid("３２０１００００"));
	assert_false(school_code_valid("32010000.1"));
}

static void good_school(struct school *s)
{
	school_init(s);
	strcpy(s->code, "3201000001");
	strcpy(s->name, "南京市第一中学");
	strcpy(s->short_name, "一中");
	s->level = LEVEL_JUNIOR;
	strcpy(s->town, "城关镇");
	s->location = LOC_TOWN;
	s->lat = 32.05;
	s->lon = 118.78;
	s->students = 1200;
	s->classes = 24;
	s->staff_quota = 90;
	s->teaching_area_m2 = 8000;
	s->sports_area_m2 = 12000;
	s->equipment_value_yuan = 3e6;
	s->multimedia_rooms = 24;
	s->music_rooms = 2;
	s->art_rooms = 2;
	s->hardship = 1;
}

/* A mutation of a valid record and the field it must be refused for. */
struct school_case {
	const char *field;
	void (*mutate)(struct school *s);
};

static void sm_code(struct school *s) { strcpy(s->code, "32010"); }
static void sm_code_letters(struct school *s) { strcpy(s->code, "32010000AB"); }
static void sm_name(struct school *s) { s->name[0] = '\0'; }
static void sm_name_ctl(struct school *s) { strcpy(s->name, "一中\x01"); }
static void sm_short(struct school *s) { strcpy(s->short_name, "\xFF\xFE"); }
static void sm_level(struct school *s) { s->level = 5; }
static void sm_level_neg(struct school *s) { s->level = -1; }
static void sm_town(struct school *s) { strcpy(s->town, "镇\x1b[0m"); }
static void sm_location(struct school *s) { s->location = 3; }
static void sm_lat(struct school *s) { s->lat = 90.5; }
static void sm_lon(struct school *s) { s->lon = -180.5; }
static void sm_lat_only(struct school *s) { s->lon = NAN; }
static void sm_lon_only(struct school *s) { s->lat = NAN; }
static void sm_students(struct school *s) { s->students = -2; }
static void sm_students_max(struct school *s) { s->students = 100001; }
static void sm_classes(struct school *s) { s->classes = 2001; }
static void sm_quota(struct school *s) { s->staff_quota = 10001; }
static void sm_teaching(struct school *s) { s->teaching_area_m2 = -1; }
static void sm_sports(struct school *s) { s->sports_area_m2 = 2e7; }
static void sm_equipment(struct school *s) { s->equipment_value_yuan = 2e10; }
static void sm_multimedia(struct school *s) { s->multimedia_rooms = 10001; }
static void sm_music(struct school *s) { s->music_rooms = 1001; }
static void sm_art(struct school *s) { s->art_rooms = -5; }
static void sm_hardship(struct school *s) { s->hardship = 4; }
static void sm_hardship_neg(struct school *s) { s->hardship = -1; }

static void test_school_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct school s;
	good_school(&s);
	assert_null(school_validate(&s, msg));
	/* unknown figures are valid */
	school_init(&s);
	strcpy(s.code, "3201000002");
	strcpy(s.name, "村小");
	assert_null(school_validate(&s, msg));
	/* the limits themselves are valid */
	good_school(&s);
	s.lat = -90;
	s.lon = 180;
	s.students = 100000;
	s.hardship = 3;
	s.teaching_area_m2 = 0;
	assert_null(school_validate(&s, msg));

	static const struct school_case cases[] = {
		{"code", sm_code}, {"code", sm_code_letters}, {"name", sm_name}, {"name", sm_name_ctl},
		{"short_name", sm_short}, {"level", sm_level}, {"level", sm_level_neg},
		{"town", sm_town}, {"location", sm_location}, {"lat", sm_lat}, {"lon", sm_lon},
		{"lon", sm_lat_only}, {"lat", sm_lon_only}, {"students", sm_students},
		{"students", sm_students_max}, {"classes", sm_classes}, {"staff_quota", sm_quota},
		{"teaching_area_m2", sm_teaching}, {"sports_area_m2", sm_sports},
		{"equipment_value_yuan", sm_equipment}, {"multimedia_rooms", sm_multimedia},
		{"music_rooms", sm_music}, {"art_rooms", sm_art}, {"hardship", sm_hardship},
		{"hardship", sm_hardship_neg},
	};
	for (size_t i = 0; i < XQ_NELEM(cases); i++) {
		good_school(&s);
		cases[i].mutate(&s);
		msg[0] = '\0';
		const char *f = school_validate(&s, msg);
		if (!f || strcmp(f, cases[i].field) != 0)
			fail_msg("case %zu: want field %s, got %s (%s)", i, cases[i].field, f ? f : "NULL",
				msg);
		assert_true(msg[0] != '\0');
	}
	/* the message names the field */
	good_school(&s);
	s.hardship = 4;
	school_validate(&s, msg);
	assert_non_null(strstr(msg, "hardship"));
	good_school(&s);
	s.lon = NAN;
	school_validate(&s, msg);
	assert_non_null(strstr(msg, "lat"));
}

static void good_district(struct district *d)
{
	memset(d, 0, sizeof *d);
	strcpy(d->name, "城关学区");
	d->form = FORM_GROUP;
	strcpy(d->established_on, "2024-09-01");
	strcpy(d->note, "多行\n备注\t可以");
}

static void test_district_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct district d;
	good_district(&d);
	assert_null(district_validate(&d, msg));
	d.established_on[0] = '\0'; /* optional */
	assert_null(district_validate(&d, msg));

	good_district(&d);
	d.name[0] = '\0';
	assert_string_equal(district_validate(&d, msg), "name");
	good_district(&d);
	d.form = 4;
	assert_string_equal(district_validate(&d, msg), "form");
	good_district(&d);
	d.form = -1;
	assert_string_equal(district_validate(&d, msg), "form");
	good_district(&d);
	strcpy(d.established_on, "2025-02-29");
	assert_string_equal(district_validate(&d, msg), "established_on");
	assert_non_null(strstr(msg, "2025-02-29"));
	good_district(&d);
	strcpy(d.note, "a\x7f\x02");
	assert_string_equal(district_validate(&d, msg), "note");
}

static void good_member(struct member *m)
{
	memset(m, 0, sizeof *m);
	m->role = ROLE_MEMBER;
	strcpy(m->from_date, "2024-09-01");
}

static void test_member_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct member m;
	good_member(&m);
	assert_null(member_validate(&m, msg));
	strcpy(m.to_date, "2024-09-01"); /* one day */
	assert_null(member_validate(&m, msg));

	good_member(&m);
	m.role = 2;
	assert_string_equal(member_validate(&m, msg), "role");
	good_member(&m);
	m.from_date[0] = '\0';
	assert_string_equal(member_validate(&m, msg), "from_date");
	assert_non_null(strstr(msg, "required"));
	good_member(&m);
	strcpy(m.from_date, "2024-9-1");
	assert_string_equal(member_validate(&m, msg), "from_date");
	good_member(&m);
	strcpy(m.to_date, "2025-13-01");
	assert_string_equal(member_validate(&m, msg), "to_date");
	good_member(&m);
	strcpy(m.to_date, "2024-08-31");
	assert_string_equal(member_validate(&m, msg), "to_date");
	assert_non_null(strstr(msg, "before"));
}

static void good_agreement(struct agreement *a)
{
	memset(a, 0, sizeof *a);
	a->supporting_id = 1;
	a->supported_id = 2;
	strcpy(a->start_date, "2024-09-01");
	strcpy(a->end_date, "2026-08-31");
	strcpy(a->goals, "教研共建");
}

static void test_agreement_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct agreement a;
	good_agreement(&a);
	assert_null(agreement_validate(&a, msg));
	a.end_date[0] = '\0';
	assert_null(agreement_validate(&a, msg));

	good_agreement(&a);
	a.supported_id = 1;
	assert_string_equal(agreement_validate(&a, msg), "supported_school_code");
	good_agreement(&a);
	a.start_date[0] = '\0';
	assert_string_equal(agreement_validate(&a, msg), "start_date");
	good_agreement(&a);
	strcpy(a.start_date, "2024-02-30");
	assert_string_equal(agreement_validate(&a, msg), "start_date");
	good_agreement(&a);
	strcpy(a.end_date, "someday");
	assert_string_equal(agreement_validate(&a, msg), "end_date");
	good_agreement(&a);
	strcpy(a.end_date, "2024-08-31");
	assert_string_equal(agreement_validate(&a, msg), "end_date");
	good_agreement(&a);
	strcpy(a.goals, "\x03");
	assert_string_equal(agreement_validate(&a, msg), "goals");
}

static void test_activity_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct activity a = {0};
	strcpy(a.date, "2025-03-12");
	a.kind = ACT_MENTORING;
	strcpy(a.note, "师徒结对");
	assert_null(activity_validate(&a, msg));
	a.date[0] = '\0';
	assert_string_equal(activity_validate(&a, msg), "date");
	strcpy(a.date, "2025-03-32");
	assert_string_equal(activity_validate(&a, msg), "date");
	strcpy(a.date, "2025-03-12");
	a.kind = ACT_OTHER + 1;
	assert_string_equal(activity_validate(&a, msg), "kind");
	a.kind = ACT_LECTURE;
	strcpy(a.note, "\xE4\xB8");
	assert_string_equal(activity_validate(&a, msg), "note");
}

static void good_teacher(struct teacher *t)
{
	teacher_init(t);
	strcpy(t->staff_no, "T2024-001");
	strcpy(t->name, "王小明");
	t->gender = 'F';
	strcpy(t->birth_date, "1985-06-15");
	t->school_id = 1;
	strcpy(t->subjects, "语文;数学");
	strcpy(t->title, "一级教师");
	t->education = EDU_BACHELOR;
	t->backbone = BB_CITY;
	t->pe_art = true;
	t->employment = EMP_SPECIAL_POST;
	t->post = POST_VICE_PRINCIPAL;
	strcpy(t->post_since, "2020-09-01");
	strcpy(t->joined_school_on, "2010-09-01");
}

struct teacher_case {
	const char *field;
	void (*mutate)(struct teacher *t);
};

static void tm_staff_empty(struct teacher *t) { t->staff_no[0] = '\0'; }
static void tm_staff_space(struct teacher *t) { strcpy(t->staff_no, "T 001"); }
static void tm_staff_comma(struct teacher *t) { strcpy(t->staff_no, "T,001"); }
static void tm_staff_nl(struct teacher *t) { strcpy(t->staff_no, "T\n001"); }
static void tm_name(struct teacher *t) { t->name[0] = '\0'; }
static void tm_gender(struct teacher *t) { t->gender = 'X'; }
static void tm_birth(struct teacher *t) { strcpy(t->birth_date, "1985-02-29"); }
static void tm_subjects(struct teacher *t) { strcpy(t->subjects, "语文\x01"); }
static void tm_title(struct teacher *t) { strcpy(t->title, "\xC0\x80"); }
static void tm_education(struct teacher *t) { t->education = 5; }
static void tm_backbone(struct teacher *t) { t->backbone = 5; }
static void tm_employment(struct teacher *t) { t->employment = 4; }
static void tm_post(struct teacher *t) { t->post = 3; }
static void tm_post_since(struct teacher *t) { strcpy(t->post_since, "2020-09"); }
static void tm_joined(struct teacher *t) { strcpy(t->joined_school_on, "2010/09/01"); }
static void tm_joined_young(struct teacher *t) { strcpy(t->joined_school_on, "2001-06-14"); }

static void test_teacher_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct teacher t;
	good_teacher(&t);
	assert_null(teacher_validate(&t, msg));
	/* the 16th birthday itself is allowed */
	strcpy(t.joined_school_on, "2001-06-15");
	assert_null(teacher_validate(&t, msg));
	/* optional dates may be empty */
	good_teacher(&t);
	t.birth_date[0] = t.post_since[0] = t.joined_school_on[0] = '\0';
	assert_null(teacher_validate(&t, msg));

	static const struct teacher_case cases[] = {
		{"staff_no", tm_staff_empty}, {"staff_no", tm_staff_space}, {"staff_no", tm_staff_comma},
		{"staff_no", tm_staff_nl}, {"name", tm_name}, {"gender", tm_gender},
		{"birth_date", tm_birth}, {"subjects", tm_subjects}, {"title", tm_title},
		{"education", tm_education}, {"backbone_level", tm_backbone},
		{"employment", tm_employment}, {"post", tm_post}, {"post_since", tm_post_since},
		{"joined_school_on", tm_joined}, {"joined_school_on", tm_joined_young},
	};
	for (size_t i = 0; i < XQ_NELEM(cases); i++) {
		good_teacher(&t);
		cases[i].mutate(&t);
		msg[0] = '\0';
		const char *f = teacher_validate(&t, msg);
		if (!f || strcmp(f, cases[i].field) != 0)
			fail_msg("case %zu: want field %s, got %s (%s)", i, cases[i].field, f ? f : "NULL",
				msg);
		assert_true(msg[0] != '\0');
	}
	good_teacher(&t);
	tm_staff_space(&t);
	teacher_validate(&t, msg);
	assert_non_null(strstr(msg, "staff_no"));
	assert_non_null(strstr(msg, "T 001"));
}

static void test_exemption_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct exemption e = {0};
	e.kind = EXM_MATERNITY;
	strcpy(e.start_date, "2025-01-01");
	strcpy(e.end_date, "2025-12-31");
	strcpy(e.note, "产假");
	assert_null(exemption_validate(&e, msg));
	e.end_date[0] = '\0';
	assert_null(exemption_validate(&e, msg));

	e.kind = 4;
	assert_string_equal(exemption_validate(&e, msg), "kind");
	e.kind = EXM_ILLNESS;
	e.start_date[0] = '\0';
	assert_string_equal(exemption_validate(&e, msg), "start_date");
	strcpy(e.start_date, "2025-01-01");
	strcpy(e.end_date, "2025-1-31");
	assert_string_equal(exemption_validate(&e, msg), "end_date");
	strcpy(e.end_date, "2024-12-31");
	assert_string_equal(exemption_validate(&e, msg), "end_date");
	strcpy(e.end_date, "2025-12-31");
	strcpy(e.note, "\x1f");
	assert_string_equal(exemption_validate(&e, msg), "note");
}

int main(void)
{
	/* display widths need a UTF-8 character type */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_days_known),
		cmocka_unit_test(test_date_round_trip),
		cmocka_unit_test(test_date_years_between),
		cmocka_unit_test(test_date_today),
		cmocka_unit_test(test_parse_long),
		cmocka_unit_test(test_parse_double),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_width),
		cmocka_unit_test(test_utf8_fit),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_school_code_valid),
		cmocka_unit_test(test_school_validate),
		cmocka_unit_test(test_district_validate),
		cmocka_unit_test(test_member_validate),
		cmocka_unit_test(test_agreement_validate),
		cmocka_unit_test(test_activity_validate),
		cmocka_unit_test(test_teacher_validate),
		cmocka_unit_test(test_exemption_validate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
