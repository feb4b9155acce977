/* test_pinyin.c: pinyin initials, and searching lists by them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/pinyin.h"
#include "db/district.h"
#include "db/school.h"

static void test_initials(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(pinyin_initials("柳江区拉堡小学", b, sizeof b), "ljqlbxx");
	assert_string_equal(pinyin_initials("基隆开发区实验小学", b, sizeof b), "jlkfqsyxx");
	/* a surname outside GB2312 level 1, and a place character */
	assert_string_equal(pinyin_initials("覃江华", b, sizeof b), "qjh");
	assert_string_equal(pinyin_initials("岜岭村小学", b, sizeof b), "blcxx");
	/* letters and digits kept, lower-cased; punctuation left out */
	assert_string_equal(pinyin_initials("第2中学 (ABC)", b, sizeof b), "d2zxabc");
	/* the buffer bounds the output */
	assert_string_equal(pinyin_initials("柳江区拉堡小学", b, 4), "ljq");
	assert_string_equal(pinyin_initials("", b, sizeof b), "");
}

static void test_matches(void **state)
{
	(void)state;
	assert_true(pinyin_matches("柳江区拉堡小学", "lbxx"));
	assert_true(pinyin_matches("柳江区拉堡小学", "LBXX"));
	assert_false(pinyin_matches("柳江区拉堡小学", "xyz"));
	assert_false(pinyin_matches("柳江区拉堡小学", "lb1")); /* only letters */
	assert_true(pinyin_matches("韦小宝", ""));
}

static void add_school(struct db *db, const char *code, const char *name)
{
	char msg[XQ_MSG_MAX];
	struct school s;
	school_init(&s);
	strcpy(s.code, code);
	strcpy(s.name, name);
	s.level = LEVEL_PRIMARY;
	s.location = LOC_URBAN;
	assert_int_equal(db_school_insert(db, &s, msg), XQ_OK);
}

static void test_search_by_initials(void **state)
{
	(void)state;
	struct db *db;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_open(":memory:", DB_CREATE, 1000, &db, msg), XQ_OK);
	add_school(db, "4500000001", "柳江区拉堡小学");
	add_school(db, "4500000002", "柳江区里雍镇中心小学");
	add_school(db, "4500000003", "柳江区百朋镇中学");
	struct school_query q;
	school_query_init(&q);
	q.search = "lbxx";
	assert_int_equal(db_school_count(db, &q), 1);
	q.search = "zx"; /* 中心, 中学: initials inside the name */
	assert_int_equal(db_school_count(db, &q), 2);
	q.search = "ljq";
	assert_int_equal(db_school_count(db, &q), 3);
	q.search = "qq";
	assert_int_equal(db_school_count(db, &q), 0);
	struct school_row rows[3];
	q.search = "bp";
	assert_int_equal(db_school_page(db, &q, 0, 3, rows), 1);
	assert_string_equal(rows[0].s.name, "柳江区百朋镇中学");
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initials),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_search_by_initials),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
