/* test_indicators.c: the seven national resource indicators on hand-worked numbers — each
 * indicator, the pass rule at exactly 85 % and just under, the missing amounts, the stage's
 * required education, a nine-year school's split, both CV formulas, a teaching point under
 * 50 pupils — and the database's reading of schools and teachers, the split read back. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/indicators.h"
#include "core/policy.h"
#include "core/util.h"
#include "core/validate.h"
#include "db/db.h"
#include "db/indicators.h"
#include "db/school.h"
#include "db/teacher.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static struct indicator_policy pol(void)
{
	struct indicator_policy p;
	indicator_policy_defaults(&p);
	return p;
}

/* A primary school of 200 pupils meeting six exactly or above, sports ground at 85 %. */
static void primary_200(struct school *s, struct indicator_staff *st, double sports)
{
	school_init(s);
	s->level = LEVEL_PRIMARY;
	s->students = 200;
	s->teaching_area_m2 = 900;	/* 4.5 m² a pupil: the threshold */
	s->sports_area_m2 = sports;	/* 1275 → 6.375 = 85 % of 7.5 */
	s->equipment_value_yuan = 400000; /* 2000 yuan a pupil */
	s->multimedia_rooms = 5;	/* 2.5 per 100 */
	memset(st, 0, sizeof *st);
	for (int i = 0; i < 9; i++) /* 9 junior-college teachers: 4.5 per 100 */
		indicator_staff_add(st, EDU_JUNIOR_COLLEGE, i < 2 ? BB_COUNTY : BB_NONE, i >= 7, 1);
	indicator_staff_add(st, EDU_SECONDARY, BB_NONE, false, 1); /* below the requirement */
}

static void test_each_indicator(void **state)
{
	(void)state;
	struct indicator_policy p = pol();
	struct school s;
	struct indicator_staff st;
	struct indicator_result r;
	primary_200(&s, &st, 1500);
	assert_true(indicator_school(&s, &st, STAGE_PRIMARY, &p, &r));
	assert_int_equal(r.pupils, 200);
	NEAR(r.value[IND_QUALIFIED], 4.5);
	NEAR(r.value[IND_BACKBONE], 1.0);
	NEAR(r.value[IND_PE_ART], 1.0);
	NEAR(r.value[IND_TEACHING_AREA], 4.5);
	NEAR(r.value[IND_SPORTS_AREA], 7.5);
	NEAR(r.value[IND_EQUIPMENT], 2000);
	NEAR(r.value[IND_MULTIMEDIA], 2.5);
	assert_int_equal(r.met_count, 7);
	assert_true(r.ok);
	NEAR(r.lowest_ratio, 1.0);
	NEAR(r.threshold[IND_MULTIMEDIA], 2.3);
	/* no pupils at the junior stage */
	assert_false(indicator_school(&s, &st, STAGE_JUNIOR, &p, &r));
	assert_string_equal(indicator_codes[IND_MULTIMEDIA], "multimedia_per100");
	assert_int_equal(indicator_index("backbone_per100"), IND_BACKBONE);
	assert_int_equal(indicator_index("nonsense"), -1);
}

static void test_exactly_85(void **state)
{
	(void)state;
	struct indicator_policy p = pol();
	struct school s;
	struct indicator_staff st;
	struct indicator_result r;
	primary_200(&s, &st, 1275);
	indicator_school(&s, &st, STAGE_PRIMARY, &p, &r);
	NEAR(r.value[IND_SPORTS_AREA], 6.375);
	assert_false(r.met[IND_SPORTS_AREA]);
	assert_int_equal(r.met_count, 6);
	assert_true(r.ok); /* 85 % exactly passes */
	NEAR(r.lowest_ratio, 0.85);
	NEAR(r.missing[IND_SPORTS_AREA], 225); /* (7.5 - 6.375) × 200 m² */
	/* one m² less: 6.37 < 6.375 */
	primary_200(&s, &st, 1274);
	indicator_school(&s, &st, STAGE_PRIMARY, &p, &r);
	assert_int_equal(r.met_count, 6);
	assert_false(r.ok);
	NEAR(r.missing[IND_SPORTS_AREA], 226);
	/* two missed, both above 85 %: 6 of 7 not reached */
	primary_200(&s, &st, 1400);
	s.multimedia_rooms = 4; /* 2.0 per 100: 87 % of 2.3 */
	indicator_school(&s, &st, STAGE_PRIMARY, &p, &r);
	assert_int_equal(r.met_count, 5);
	assert_false(r.ok);
	NEAR(r.missing[IND_MULTIMEDIA], 1); /* 0.3 × 2 = 0.6 → 1 room */
	/* a county that asks five of seven */
	p.min_met = 5;
	indicator_judge(STAGE_PRIMARY, &p, &r);
	assert_true(r.ok);
}

static void test_missing_amounts(void **state)
{
	(void)state;
	struct indicator_policy p = pol();
	struct school s;
	school_init(&s);
	s.level = LEVEL_PRIMARY;
	s.students = 300;
	s.multimedia_rooms = 5; /* 1.667 per 100: (2.3 - 1.667) × 3 = 1.9 → 2 rooms */
	s.equipment_value_yuan = 500000.5; /* lacks 99999.5 → 100000 yuan */
	struct indicator_staff st = {0};
	struct indicator_result r;
	indicator_school(&s, &st, STAGE_PRIMARY, &p, &r);
	NEAR(r.missing[IND_MULTIMEDIA], 2);
	NEAR(r.missing[IND_BACKBONE], 3);  /* 1.0 × 3 */
	NEAR(r.missing[IND_QUALIFIED], 13); /* 4.2 × 3 = 12.6 → 13 teachers */
	NEAR(r.missing[IND_PE_ART], 3);	    /* 0.9 × 3 = 2.7 → 3 */
	NEAR(r.missing[IND_EQUIPMENT], 100000);
	NEAR(r.missing[IND_TEACHING_AREA], 1350); /* unknown area counts as 0 */
	NEAR(r.missing[IND_SPORTS_AREA], 2250);
	assert_int_equal(r.met_count, 0);
	NEAR(r.lowest_ratio, 0);
	assert_false(r.ok);
}

/* Junior schools require a bachelor's degree: junior-college teachers do not count. */
static void test_junior_requirement(void **state)
{
	(void)state;
	struct indicator_policy p = pol();
	struct school s;
	school_init(&s);
	s.level = LEVEL_JUNIOR;
	s.students = 100;
	struct indicator_staff st = {0};
	for (int i = 0; i < 4; i++)
		indicator_staff_add(&st, EDU_JUNIOR_COLLEGE, BB_NONE, false, 1);
	for (int i = 0; i < 5; i++)
		indicator_staff_add(&st, i ? EDU_BACHELOR : EDU_MASTER, i ? BB_NONE : BB_NATIONAL, false, 1);
	indicator_staff_add(&st, EDU_BACHELOR, BB_CITY, true, 0.5); /* half a week here */
	struct indicator_result r;
	assert_true(indicator_school(&s, &st, STAGE_JUNIOR, &p, &r));
	NEAR(r.value[IND_QUALIFIED], 5.5);
	NEAR(r.value[IND_BACKBONE], 1.5);
	NEAR(r.value[IND_PE_ART], 0.5);
	NEAR(r.threshold[IND_QUALIFIED], 5.3);
	assert_true(r.met[IND_QUALIFIED]);
	assert_false(indicator_school(&s, &st, STAGE_PRIMARY, &p, &r));
}

/* 600 primary and 300 junior pupils weighted 1 : 1.1: shares 600/930 and 330/930. */
static void test_nine_year_split(void **state)
{
	(void)state;
	struct indicator_policy p = pol();
	struct school s;
	school_init(&s);
	snprintf(s.code, sizeof s.code, "4500000009");
	snprintf(s.name, sizeof s.name, "九年一贯制学校");
	s.location = LOC_TOWN;
	s.level = LEVEL_NINE_YEAR;
	s.students = 900;
	s.students_primary = 600;
	s.students_junior = 300;
	s.teaching_area_m2 = 4650;
	char msg[XQ_MSG_MAX];
	assert_null(school_validate(&s, msg));
	struct indicator_staff st = {0};
	for (int i = 0; i < 31; i++)
		indicator_staff_add(&st, EDU_BACHELOR, BB_NONE, false, 1);
	NEAR(indicator_share(&s, STAGE_PRIMARY, 1.1), 600.0 / 930);
	struct indicator_result r;
	assert_true(indicator_school(&s, &st, STAGE_PRIMARY, &p, &r));
	assert_int_equal(r.pupils, 600);
	NEAR(r.value[IND_TEACHING_AREA], 5.0);		/* 4650 × 600/930 / 600 */
	NEAR(r.value[IND_QUALIFIED], 100.0 * 20 / 600); /* 31 × 600/930 = 20 teachers */
	assert_true(indicator_school(&s, &st, STAGE_JUNIOR, &p, &r));
	assert_int_equal(r.pupils, 300);
	NEAR(r.value[IND_TEACHING_AREA], 5.5);		/* 4650 × 330/930 / 300 */
	NEAR(r.value[IND_QUALIFIED], 100.0 * 11 / 300); /* 31 × 330/930 = 11 */
	/* weights 1 : 1: shares in proportion to pupils, both stages 4650/900 a pupil */
	p.junior_weight = 1;
	indicator_school(&s, &st, STAGE_JUNIOR, &p, &r);
	NEAR(r.value[IND_TEACHING_AREA], 4650.0 / 900);
	/* the split must add up, and only two-stage schools have one */
	s.students_junior = 299;
	assert_non_null(school_validate(&s, msg));
	s.students_junior = -1;
	assert_non_null(school_validate(&s, msg));
	s.level = LEVEL_PRIMARY;
	s.students_primary = -1;
	assert_null(school_validate(&s, msg));
	s.students_junior = 0;
	assert_non_null(school_validate(&s, msg));
}

static void test_cv(void **state)
{
	(void)state;
	double x[] = {1, 3};
	long w[] = {100, 300};
	/* weighted: mean (100 + 900)/400 = 2.5; S² = (100 × 2.25 + 300 × 0.25)/400 = 0.75 */
	NEAR(indicator_cv(x, w, 2, false), sqrt(0.75) / 2.5);
	/* plain: mean 2, S² = 1 */
	NEAR(indicator_cv(x, w, 2, true), 0.5);
	double y[] = {2, 4, 4, 4, 5, 5, 7, 9};
	long one[] = {1, 1, 1, 1, 1, 1, 1, 1};
	NEAR(indicator_cv(y, one, 8, true), 2.0 / 5); /* the textbook σ = 2 around 5 */
	NEAR(indicator_cv(y, one, 8, false), 2.0 / 5);
	double same[] = {3, 3, 3};
	assert_true(indicator_cv(same, one, 3, false) == 0);
	assert_true(isnan(indicator_cv(x, w, 0, false)));
}

static void test_teaching_point(void **state)
{
	(void)state;
	struct indicator_policy p = pol();
	struct school s;
	school_init(&s);
	s.level = LEVEL_TEACHING_POINT;
	s.students = 49;
	assert_int_equal(indicator_pupils(&s, STAGE_PRIMARY), 49);
	assert_false(indicator_in_cv(&s, 49, &p));
	assert_true(indicator_in_cv(&s, 50, &p));
	s.level = LEVEL_PRIMARY; /* a small primary school stays in */
	assert_true(indicator_in_cv(&s, 10, &p));
	p.min_pupils = 10;
	s.level = LEVEL_TEACHING_POINT;
	assert_true(indicator_in_cv(&s, 49, &p));
}

static int64_t add_school(struct db *db, const char *code, int level, long n, long np, long nj,
	double area)
{
	struct school s;
	school_init(&s);
	snprintf(s.code, sizeof s.code, "%s", code);
	snprintf(s.name, sizeof s.name, "学校%s", code + 6);
	s.level = level;
	s.location = LOC_RURAL;
	s.students = n;
	s.students_primary = np;
	s.students_junior = nj;
	s.teaching_area_m2 = area;
	char msg[XQ_MSG_MAX] = "";
	if (db_school_insert(db, &s, msg) != XQ_OK)
		fail_msg("insert school: %s", msg);
	return s.id;
}

static void add_teacher(struct db *db, int64_t school, const char *no, int edu, int bb)
{
	struct teacher t;
	teacher_init(&t);
	snprintf(t.staff_no, sizeof t.staff_no, "%s", no);
	snprintf(t.name, sizeof t.name, "教师%s", no);
	t.school_id = school;
	t.education = edu;
	t.backbone = bb;
	char msg[XQ_MSG_MAX] = "";
	if (db_teacher_insert(db, &t, msg) != XQ_OK)
		fail_msg("insert teacher: %s", msg);
}

/* The database: the split read back, a school's value, the schools of a level. */
static void test_db(void **state)
{
	(void)state;
	struct db *db;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(db_open(":memory:", DB_CREATE, 1000, &db, msg), XQ_OK);
	int64_t a = add_school(db, "4500000001", LEVEL_NINE_YEAR, 900, 600, 300, 4650);
	int64_t b = add_school(db, "4500000002", LEVEL_PRIMARY, 100, -1, -1, 500);
	int64_t c = add_school(db, "4500000003", LEVEL_TEACHING_POINT, 20, -1, -1, 200);
	struct school got;
	assert_int_equal(db_school_get(db, a, &got), XQ_OK);
	assert_int_equal(got.students_primary, 600);
	assert_int_equal(got.students_junior, 300);
	assert_int_equal(db_school_get(db, b, &got), XQ_OK);
	assert_int_equal(got.students_primary, -1);
	assert_int_equal(got.students_junior, -1);
	for (int i = 0; i < 31; i++) {
		char no[16];
		snprintf(no, sizeof no, "A%02d", i);
		add_teacher(db, a, no, EDU_BACHELOR, i == 0 ? BB_COUNTY : BB_NONE);
	}
	add_teacher(db, b, "B1", EDU_JUNIOR_COLLEGE, BB_CITY);
	add_teacher(db, b, "B2", EDU_SECONDARY, BB_NONE);
	double v = 0, t = 0;
	assert_int_equal(db_indicator_value(db, a, "2026-03-01", "qualified_teachers_per100", STAGE_JUNIOR,
		&v, &t, msg), XQ_OK);
	NEAR(v, 100.0 * 11 / 300);
	NEAR(t, 5.3);
	assert_int_equal(db_indicator_value(db, b, "2026-03-01", "backbone_per100", STAGE_PRIMARY,
		&v, &t, msg), XQ_OK);
	NEAR(v, 1.0);
	assert_int_equal(db_indicator_value(db, b, "2026-03-01", "teaching_area_per_student",
		STAGE_JUNIOR, &v, &t, msg), XQ_NOTFOUND);
	assert_int_equal(db_indicator_value(db, b, "2026-03-01", "nonsense", STAGE_PRIMARY, &v, &t, msg),
		XQ_ERR);
	assert_int_equal(db_indicator_value(db, b, "2026-02-30", "backbone_per100", STAGE_PRIMARY, &v,
		&t, msg), XQ_ERR);
	struct db_indicator_row *rows;
	int n;
	assert_int_equal(db_indicators_level(db, STAGE_PRIMARY, "2026-03-01", &rows, &n, msg), XQ_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].s.code, "4500000001");
	assert_int_equal(rows[0].r.pupils, 600);
	NEAR(rows[1].r.value[IND_QUALIFIED], 1.0);
	assert_int_equal(rows[2].s.id, c);
	assert_false(rows[2].in_cv);
	double cv[INDICATOR_COUNT];
	assert_int_equal(db_indicators_cv(db, rows, n, cv), 2);
	/* teaching area: 5.0 (600 pupils) and 5.0 (100 pupils): no spread */
	NEAR(cv[IND_TEACHING_AREA], 0);
	free(rows);
	assert_int_equal(db_indicators_level(db, STAGE_JUNIOR, "2026-03-01", &rows, &n, msg), XQ_OK);
	assert_int_equal(n, 1);
	NEAR(rows[0].r.value[IND_BACKBONE], 100.0 * (330.0 / 930) / 300);
	free(rows);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_indicator),
		cmocka_unit_test(test_exactly_85),
		cmocka_unit_test(test_missing_amounts),
		cmocka_unit_test(test_junior_requirement),
		cmocka_unit_test(test_nine_year_split),
		cmocka_unit_test(test_cv),
		cmocka_unit_test(test_teaching_point),
		cmocka_unit_test(test_db),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
