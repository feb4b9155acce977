/* test_teachers.c: what the console's teacher list asks of the database beyond the
 * teacher module's own tests — the subject filter with the others, the search by pinyin
 * initials, and a teacher's exchanges, newest first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/district.h"
#include "db/exchange.h"
#include "db/school.h"
#include "db/teacher.h"

#define MUST(call)                                                                           \
	do {                                                                                 \
		msg[0] = '\0';                                                               \
		if ((call) != XQ_OK)                                                         \
			fail_msg("%s: %s", #call, msg);                                      \
	} while (0)

static int64_t school(struct db *db, const char *code, const char *name)
{
	char msg[XQ_MSG_MAX];
	struct school s;
	school_init(&s);
	strcpy(s.code, code);
	strcpy(s.name, name);
	s.level = LEVEL_PRIMARY;
	s.location = LOC_RURAL;
	s.lat = 24.2;
	s.lon = 109.3;
	MUST(db_school_insert(db, &s, msg));
	return s.id;
}

static int64_t teacher(struct db *db, const char *staff_no, const char *name, int64_t school_id,
	const char *subjects, int backbone)
{
	char msg[XQ_MSG_MAX];
	struct teacher t;
	teacher_init(&t);
	strcpy(t.staff_no, staff_no);
	strcpy(t.name, name);
	strcpy(t.subjects, subjects);
	strcpy(t.joined_school_on, "2010-09-01");
	t.school_id = school_id;
	t.education = EDU_BACHELOR;
	t.backbone = backbone;
	MUST(db_teacher_insert(db, &t, msg));
	return t.id;
}

static long count(struct db *db, const char *search, int64_t school_id, const char *subject,
	int backbone_min)
{
	struct teacher_query q;
	teacher_query_init(&q);
	q.search = search;
	q.school_id = school_id;
	q.subject = subject;
	q.backbone_min = backbone_min;
	long n = db_teacher_count(db, &q);
	/* the page and the positions agree with the count */
	struct teacher_row rows[8];
	assert_int_equal(db_teacher_page(db, &q, 0, 8, rows), n);
	for (int i = 0; i < n; i++)
		assert_int_equal(db_teacher_position(db, &q, rows[i].t.id), i);
	return n;
}

static void test_filters(void **state)
{
	(void)state;
	struct db *db;
	char msg[XQ_MSG_MAX];
	MUST(db_open(":memory:", DB_CREATE, 1000, &db, msg));
	int64_t a = school(db, "2145099001", "柳江区甲小学"), b = school(db, "2145099002", "柳江区乙小学");
	teacher(db, "P1", "王芳", a, "语文", BB_NONE);
	teacher(db, "P2", "张伟", a, "数学;语文", BB_CITY);
	teacher(db, "P3", "李明", b, "语文", BB_COUNTY);
	teacher(db, "P4", "吴凡", b, "英语", BB_PROVINCE);
	assert_int_equal(count(db, NULL, 0, NULL, 0), 4);
	assert_int_equal(count(db, NULL, 0, "语文", 0), 3);
	assert_int_equal(count(db, NULL, 0, "语文", BB_CITY), 1);
	assert_int_equal(count(db, NULL, 0, "语文", BB_COUNTY), 2);
	assert_int_equal(count(db, NULL, a, "语文", 0), 2);
	assert_int_equal(count(db, NULL, b, "数学", 0), 0);
	/* LIKE's wildcards in the subject are taken literally */
	assert_int_equal(count(db, NULL, 0, "%", 0), 0);
	/* pinyin initials: wf is 王芳 and 吴凡, zw only 张伟 */
	assert_int_equal(count(db, "wf", 0, NULL, 0), 2);
	assert_int_equal(count(db, "wf", 0, "语文", 0), 1);
	assert_int_equal(count(db, "zw", 0, NULL, 0), 1);
	db_close(db);
}

static void test_exchanges(void **state)
{
	(void)state;
	struct db *db;
	char msg[XQ_MSG_MAX];
	MUST(db_open(":memory:", DB_CREATE, 1000, &db, msg));
	int64_t a = school(db, "2145099001", "柳江区甲小学"), b = school(db, "2145099002", "柳江区乙小学");
	struct district d = {0};
	strcpy(d.name, "测试学区");
	d.form = FORM_PAIRING;
	d.lead_school_id = a;
	strcpy(d.established_on, "2020-09-01");
	MUST(db_district_insert(db, &d, msg));
	/* the lead school is a member already */
	struct member m = {0};
	m.district_id = d.id;
	m.school_id = b;
	m.role = ROLE_MEMBER;
	strcpy(m.from_date, "2020-09-01");
	MUST(db_member_add(db, &m, msg));
	int64_t t = teacher(db, "P1", "王芳", a, "语文", BB_NONE);
	int64_t other = teacher(db, "P2", "张伟", a, "数学", BB_NONE);
	struct exchange_row *rows;
	int n;
	assert_int_equal(db_teacher_exchanges(db, t, &rows, &n), XQ_OK);
	assert_int_equal(n, 0);
	free(rows);
	static const char *const years[] = {"2024-2025", "2026-2027"};
	static const char *const starts[] = {"2024-09-01", "2026-09-01"};
	for (int i = 0; i < 2; i++) {
		struct exchange e;
		exchange_init(&e);
		e.teacher_id = t;
		e.from_school_id = a;
		e.to_school_id = b;
		e.kind = i ? EXK_SUPPORT : EXK_ROTATION;
		strcpy(e.year, years[i]);
		strcpy(e.start_date, starts[i]);
		strcpy(e.end_date, i ? "2027-07-15" : "2025-07-15");
		MUST(db_exchange_insert(db, &e, db_exchange_policy(db), msg));
	}
	assert_int_equal(db_teacher_exchanges(db, t, &rows, &n), XQ_OK);
	assert_int_equal(n, 2);
	/* newest first, with the schools' names */
	assert_string_equal(rows[0].e.year, "2026-2027");
	assert_int_equal(rows[0].e.kind, EXK_SUPPORT);
	assert_int_equal(rows[0].e.status, EXS_PROPOSED);
	assert_int_equal(rows[0].e.evaluation, EVAL_NONE);
	assert_string_equal(rows[0].e.start_date, "2026-09-01");
	assert_string_equal(rows[0].e.end_date, "2027-07-15");
	assert_string_equal(rows[0].from_name, "柳江区甲小学");
	assert_string_equal(rows[0].to_name, "柳江区乙小学");
	assert_string_equal(rows[1].e.year, "2024-2025");
	assert_int_equal(rows[1].e.kind, EXK_ROTATION);
	free(rows);
	assert_int_equal(db_teacher_exchanges(db, other, &rows, &n), XQ_OK);
	assert_int_equal(n, 0);
	free(rows);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_exchanges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
