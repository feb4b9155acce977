/* test_collate.c: Chinese names in pinyin order, directly and through the database's
 * "pinyin" collation that every list sorted by name uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/pinyin.h"
#include "db/school.h"

static int cmp(const char *a, const char *b)
{
	int r = pinyin_collate(a, (int)strlen(a), b, (int)strlen(b));
	return r < 0 ? -1 : r > 0;
}

static void test_order(void **state)
{
	(void)state;
	/* 基 ji < 拉 la < 里 li < 柳 liu < 三 san, though their code points say otherwise */
	const char *names[] = {"基隆", "拉堡", "里雍", "柳江", "三都"};
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 5; k++)
			assert_int_equal(cmp(names[i], names[k]), i < k ? -1 : i > k);
	assert_true(strcmp("三都", "基隆") < 0); /* code points disagree with pinyin */
	/* a prefix first; ASCII before Chinese */
	assert_int_equal(cmp("柳江", "柳江区"), -1);
	assert_int_equal(cmp("No.1", "柳江"), -1);
	/* a listed rarer character by its initial: 覃 (q) after 拉 (l), before 三 (s) */
	assert_int_equal(cmp("覃", "拉"), 1);
	assert_int_equal(cmp("覃", "三"), -1);
	/* different strings never compare equal, and the order is antisymmetric */
	assert_int_not_equal(cmp("齉", "龘"), 0);
	assert_int_equal(cmp("齉", "龘"), -cmp("龘", "齉"));
	assert_int_equal(cmp("", ""), 0);
	assert_int_equal(cmp("", "a"), -1);
	/* a stray byte sorts, bounded by the given length */
	assert_int_equal(cmp("\xe6", "柳"), 1);
	assert_int_equal(pinyin_collate("柳江", 3, "柳", 3), 0);
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

static void test_db_order(void **state)
{
	(void)state;
	struct db *db;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_open(":memory:", DB_CREATE, 1000, &db, msg), XQ_OK);
	/* inserted in code-point order */
	add_school(db, "4500000001", "三都镇中心小学");
	add_school(db, "4500000002", "基隆小学");
	add_school(db, "4500000003", "拉堡小学");
	add_school(db, "4500000004", "柳江区实验小学");
	add_school(db, "4500000005", "里雍镇中学");
	struct school_query q;
	school_query_init(&q);
	q.sort = SCHOOL_SORT_NAME;
	struct school_row rows[5];
	assert_int_equal(db_school_page(db, &q, 0, 5, rows), 5);
	const char *want[] = {"基隆小学", "拉堡小学", "里雍镇中学", "柳江区实验小学", "三都镇中心小学"};
	for (int i = 0; i < 5; i++)
		assert_string_equal(rows[i].s.name, want[i]);
	/* the position of a row agrees with the page */
	assert_int_equal(db_school_position(db, &q, rows[3].s.id), 3);
	q.desc = true;
	assert_int_equal(db_school_page(db, &q, 0, 5, rows), 5);
	assert_string_equal(rows[0].s.name, "三都镇中心小学");
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_db_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
