/* test_ttcheck.c: the timetable checker's hard rules on hand-built models: travel between
 * two bell schedules at the exact minute boundary, a group meeting its class and its
 * subgroup but not its sibling, double periods, rooms twice, of the wrong kind or too
 * small, unavailable slots, lessons on one day, and the school changes of a day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/ttcheck.h"
#include "core/util.h"

#define DAYS 5
#define PERIODS 4

/* Two schools: 0 rings 08:00 + 50 min a period (40 taught), 1 rings at 08:30 likewise.
 * Sets: 0 class A (groups 2, 3; 3 has subgroups 4, 5), 1 class B. */
static void model(struct tt_model *m)
{
	memset(m, 0, sizeof *m);
	m->days = DAYS;
	m->periods = PERIODS;
	m->nschools = 2;
	m->school_names = xcalloc(2, sizeof *m->school_names);
	m->school_names[0] = tt_string(m, "一小");
	m->school_names[1] = tt_string(m, "中心校");
	m->bell = xmalloc(2 * PERIODS * 2 * sizeof *m->bell);
	for (int s = 0; s < 2; s++)
		for (int p = 0; p < PERIODS; p++) {
			m->bell[(s * PERIODS + p) * 2] = 480 + 30 * s + 50 * p;
			m->bell[(s * PERIODS + p) * 2 + 1] = 480 + 30 * s + 50 * p + 40;
		}
	m->travel = xmalloc(4 * sizeof *m->travel);
	m->travel[0] = m->travel[3] = 0;
	m->travel[1] = m->travel[2] = 40;
	m->nteachers = 2;
	m->teachers = xcalloc(2, sizeof *m->teachers);
	for (int t = 0; t < 2; t++) {
		m->teachers[t].name = tt_string(m, t ? "李" : "王");
		m->teachers[t].min_travel = m->teachers[t].max_changes = -1;
		m->teachers[t].max_days = m->teachers[t].max_gaps = -1;
	}
	m->nrooms = 2;
	m->rooms = xcalloc(2, sizeof *m->rooms);
	m->rooms[0] = (struct tt_room){tt_string(m, "操场"), 0, 2, 100};
	m->rooms[1] = (struct tt_room){tt_string(m, "101"), 0, 0, 30};
	/* leaves: 0 group 2, 1 subgroup 4, 2 subgroup 5, 3 class B */
	m->nsets = 6;
	m->nleaves = 4;
	m->sets = xcalloc(6, sizeof *m->sets);
	static const int leaves_of[6][3] = {{0, 1, 2}, {3}, {0}, {1, 2}, {1}, {2}};
	static const int nleaves[6] = {3, 1, 1, 2, 1, 1};
	static const char *const names[6] = {"A", "B", "A/g1", "A/g2", "A/g2a", "A/g2b"};
	for (int s = 0; s < 6; s++) {
		m->sets[s].name = tt_string(m, names[s]);
		m->sets[s].nleaves = nleaves[s];
		m->sets[s].leaves = xmalloc(3 * sizeof(int));
		memcpy(m->sets[s].leaves, leaves_of[s], 3 * sizeof(int));
	}
	m->unav_teacher = xcalloc(2 * DAYS * PERIODS, 1);
	m->unav_leaf = xcalloc(4 * DAYS * PERIODS, 1);
	m->unav_room = xcalloc(2 * DAYS * PERIODS, 1);
}

/* A course at school s of set (teacher t, -1 none), length len; returns its index. */
static int course(struct tt_model *m, int s, int set, int t, int len)
{
	m->courses = xrealloc(m->courses, (size_t)(m->ncourses + 1) * sizeof *m->courses);
	struct tt_course *c = &m->courses[m->ncourses];
	memset(c, 0, sizeof *c);
	c->label = tt_string(m, "课");
	c->school = s;
	c->length = len;
	c->room_kind = -1;
	c->students = -1;
	c->sets = xmalloc(sizeof(int));
	c->sets[0] = set;
	c->nsets = 1;
	if (t >= 0) {
		c->teachers = xmalloc(sizeof(int));
		c->teachers[0] = t;
		c->nteachers = 1;
	}
	return m->ncourses++;
}

static int lesson(struct tt_model *m, int c, int day, int period, int room)
{
	m->lessons = xrealloc(m->lessons, (size_t)(m->nlessons + 1) * sizeof *m->lessons);
	m->lessons[m->nlessons] = (struct tt_lesson){c, m->nlessons + 1, day, period, room, false};
	return m->nlessons++;
}

static int rules[16];
static void tally(void *ctx, const struct tt_violation *v)
{
	(void)ctx;
	rules[v->rule]++;
}

static int check(struct tt_model *m)
{
	memset(rules, 0, sizeof rules);
	return tt_check(m, tally, NULL);
}

static void test_travel_boundary(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int a = course(&m, 0, 1, 0, 1), b = course(&m, 1, 0, 0, 1);
	(void)b;
	/* school 0 period 0 ends 08:40; school 1 period 1 starts 09:20: 40 free, 40 needed */
	lesson(&m, a, 0, 0, -1);
	int lb = lesson(&m, 1, 0, 1, -1);
	assert_int_equal(check(&m), 0);
	m.travel[1] = m.travel[2] = 41;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_TRAVEL], 1);
	/* the teacher's own minimum overrides the drive */
	m.teachers[0].min_travel = 30;
	assert_int_equal(check(&m), 0);
	m.teachers[0].min_travel = -1;
	/* the same period at both schools: 08:00-08:40 and 08:30-09:10 overlap in clock time */
	m.lessons[lb].period = 0;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_TEACHER_TWICE], 1);
	/* a school change more than allowed */
	m.lessons[lb].period = 2;
	m.teachers[0].max_changes = 0;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_CHANGES], 1);
	m.teachers[0].max_changes = 1;
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

static void test_groups(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int g1 = course(&m, 0, 2, -1, 1), g2 = course(&m, 0, 3, -1, 1), g2a = course(&m, 0, 4, -1, 1);
	int whole = course(&m, 0, 0, -1, 1);
	lesson(&m, g1, 1, 1, -1);
	lesson(&m, g2, 1, 1, -1);
	assert_int_equal(check(&m), 0); /* two groups of a class at once: fine */
	lesson(&m, g2a, 1, 1, -1);
	assert_int_equal(check(&m), 1); /* a subgroup meets its group */
	assert_int_equal(rules[TT_STUDENTS_TWICE], 1);
	m.lessons[2].day = 2;
	lesson(&m, whole, 2, 1, -1);
	assert_int_equal(check(&m), 1); /* the whole class meets its subgroup */
	/* unavailable: the class's slot blocks a group's lesson */
	m.lessons[3].day = 3;
	m.unav_leaf[0 * DAYS * PERIODS + 1 * PERIODS + 1] = 1; /* leaf 0 (group 1), day 1, period 1 */
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_STUDENTS_UNAVAILABLE], 1);
	tt_model_free(&m);
}

static void test_double_periods_and_rooms(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int dbl = course(&m, 0, 1, 0, 2), one = course(&m, 0, 1, 1, 1);
	lesson(&m, dbl, 0, 0, 0);
	int l2 = lesson(&m, one, 0, 1, -1);
	assert_int_equal(check(&m), 1); /* the double period's second half meets the class */
	m.lessons[l2].period = 2;
	assert_int_equal(check(&m), 0);
	/* the double period past the last period */
	m.lessons[0].period = 3;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_PAST_DAY], 1);
	m.lessons[0].period = 0;
	/* a room twice, then of the wrong kind, then too small */
	m.lessons[l2].period = 1;
	m.lessons[l2].day = 1;
	m.lessons[l2].room = 0;
	m.lessons[0].day = 1;
	m.lessons[0].period = 2;
	assert_int_equal(check(&m), 0);
	m.lessons[l2].period = 2;
	check(&m);
	assert_int_equal(rules[TT_ROOM_TWICE], 1);
	m.lessons[l2].period = 0;
	m.courses[one].room_kind = 4; /* music */
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_ROOM_NOT_ALLOWED], 1);
	m.courses[one].room_kind = -1;
	m.courses[one].students = 101;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_ROOM_TOO_SMALL], 1);
	tt_model_free(&m);
}

static void test_different_days(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = course(&m, 1, 1, 1, 1);
	m.courses[c].different_days = true;
	lesson(&m, c, 0, 0, -1);
	lesson(&m, c, 0, 2, -1);
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_SAME_DAY], 1);
	m.lessons[1].day = 1;
	assert_int_equal(check(&m), 0);
	/* a slot of the teacher's not available */
	m.unav_teacher[1 * DAYS * PERIODS + 1 * PERIODS + 2] = 1;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_TEACHER_UNAVAILABLE], 1);
	/* unplaced lessons are no violation */
	m.lessons[1].day = m.lessons[1].period = -1;
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_travel_boundary),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_double_periods_and_rooms),
		cmocka_unit_test(test_different_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
