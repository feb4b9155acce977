/* test_ttcheck.c: the timetable checker's hard rules on hand-built models: travel between
 * two bell schedules at the exact minute boundary, a group meeting its class and its
 * subgroup but not its sibling, a group's unavailable slot named as the group, double
 * periods, rooms twice, of the wrong kind or too small, unavailable slots, lessons on one
 * day, and the school changes of a day; each kind of rule over lessons kept and broken, a
 * soft "days apart" rule's back to back part that binds, each kind of rule on days at its
 * limit and one past it, a day's shape and a week's excess on bare arrays, a teacher's free
 * periods between two schools, and each one's sentence; each kind of rule on days made soft
 * at its limit and one past it, and the soft score's sum of weights times amounts; slots a
 * teacher, students or a room had rather not have, weighed by their slot; a course's
 * preferred rooms, weighed by the preference. */
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
		m->teachers[t].min_gap_periods = -1;
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
	static const int parent[6] = {-1, -1, 0, 0, 3, 3};
	for (int s = 0; s < 6; s++) {
		m->sets[s].name = tt_string(m, names[s]);
		m->sets[s].parent = parent[s];
		m->sets[s].students = -1;
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

/* what the last check reported: a count by rule, and the first violations themselves */
static int rules[32];
static struct tt_violation got[32];
static int ngot;
static void tally(void *ctx, const struct tt_violation *v)
{
	(void)ctx;
	rules[v->rule]++;
	if (ngot < 32)
		got[ngot] = *v;
	ngot++;
}

static int check(struct tt_model *m)
{
	memset(rules, 0, sizeof rules);
	ngot = 0;
	return tt_check(m, tally, NULL);
}

static int check_soft(struct tt_model *m)
{
	memset(rules, 0, sizeof rules);
	ngot = 0;
	return tt_check_soft(m, tally, NULL);
}

static void text_has(const struct tt_model *m, const struct tt_violation *v, const char *want)
{
	char buf[512] = "";
	tt_violation_text(m, v, buf, sizeof buf);
	if (!strstr(buf, want))
		fail_msg("\"%s\" does not say \"%s\"", buf, want);
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
	text_has(&m, &got[0], "A/g1 has 课 A/g1 on day 2, period 2, when not available");
	tt_model_free(&m);
}

/* A group's unavailable slot marks its subgroups; a lesson of the whole class there is
 * reported naming the group, as the data does, and so is a lesson the solver leaves out. */
static void test_group_unavailable(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int whole = course(&m, 0, 0, -1, 1), g2b = course(&m, 0, 5, -1, 1), g1 = course(&m, 0, 2, -1, 1);
	lesson(&m, whole, 2, 0, -1);
	lesson(&m, g2b, 2, 1, -1);
	lesson(&m, g1, 2, 2, -1);
	/* group A/g2 (leaves 1, 2) away on day 2 */
	for (int p = 0; p < PERIODS; p++)
		m.unav_leaf[1 * DAYS * PERIODS + 2 * PERIODS + p] = m.unav_leaf[2 * DAYS * PERIODS + 2 * PERIODS + p] = 1;
	/* the class's lesson once, and the subgroup's; not the other group's */
	assert_int_equal(check(&m), 2);
	assert_int_equal(rules[TT_STUDENTS_UNAVAILABLE], 2);
	assert_int_equal(got[0].a, 0);
	text_has(&m, &got[0], "A has 课 A on day 3, period 1, when A/g2 is not available");
	assert_int_equal(got[1].a, 1);
	text_has(&m, &got[1], "A/g2b has 课 A/g2b on day 3, period 2, when not available");
	/* only the subgroup A/g2a away: it is named */
	for (int p = 0; p < PERIODS; p++)
		m.unav_leaf[2 * DAYS * PERIODS + 2 * PERIODS + p] = 0;
	assert_int_equal(check(&m), 1);
	text_has(&m, &got[0], "when A/g2a is not available");
	/* in the way of a lesson left out: the group, not one subgroup of it */
	m.unav_leaf[2 * DAYS * PERIODS + 2 * PERIODS + 0] = 1;
	struct tt_violation v = {TT_STUDENTS_UNAVAILABLE, 0, -1, 2, 2, 0, 0, 0};
	char buf[512] = "";
	tt_block_text(&m, &v, 1, 1, buf, sizeof buf);
	if (!strstr(buf, "A/g2 is not available then"))
		fail_msg("\"%s\" does not name the group", buf);
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

/* A rule over the lessons ls[nls] (the slot kinds with no slot allowed yet); its index. */
static int lrule(struct tt_model *m, int kind, double weight, int n, bool flag, const int *ls, int nls)
{
	m->lrules = xrealloc(m->lrules, (size_t)(m->nlrules + 1) * sizeof *m->lrules);
	struct tt_lrule *r = &m->lrules[m->nlrules];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->weight = weight;
	r->n = n;
	r->flag = flag;
	r->lessons = xmalloc((size_t)nls * sizeof *r->lessons);
	memcpy(r->lessons, ls, (size_t)nls * sizeof *r->lessons);
	r->nlessons = nls;
	if (kind == TT_LR_START_SLOTS || kind == TT_LR_TIME_SLOTS)
		r->slots = xcalloc(DAYS * PERIODS, 1);
	return m->nlrules++;
}

/* A hard rule on days; its index. */
static int drule(struct tt_model *m, int kind, int n, int teacher, int set, int everyone)
{
	m->drules = xrealloc(m->drules, (size_t)(m->ndrules + 1) * sizeof *m->drules);
	m->drules[m->ndrules] = (struct tt_drule){kind, 100, n, false, teacher, set, everyone};
	return m->ndrules++;
}

/* course() with a label of its own, for the sentences */
static int named(struct tt_model *m, int s, int set, int t, int len, const char *label)
{
	int c = course(m, s, set, t, len);
	m->courses[c].label = tt_string(m, label);
	return c;
}

static void place_at(struct tt_model *m, int i, int day, int period)
{
	m->lessons[i].day = day;
	m->lessons[i].period = period;
}

/* The last check found just one violation: of rule r over lessons, lessons a and b. */
static void one_lesson_rule(int r, int a, int b)
{
	assert_int_equal(ngot, 1);
	assert_int_equal(got[0].rule, TT_LESSON_RULE);
	assert_int_equal(got[0].who, r);
	assert_int_equal(got[0].a, a);
	assert_int_equal(got[0].b, b);
}

/* The k-th violation of the last check is of rule r on days, for res (teacher or leaf). */
static void day_rule_at(int k, int r, int res, int day, int have)
{
	assert_true(k < ngot);
	assert_int_equal(got[k].rule, TT_DAY_RULE);
	assert_int_equal(got[k].who, r);
	assert_int_equal(got[k].res, res);
	assert_int_equal(got[k].day, day);
	assert_int_equal(got[k].have, have);
}

static void test_lrule_min_days(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 1, "数学");
	int l0 = lesson(&m, c, 0, 0, -1), l1 = lesson(&m, c, 2, 0, -1);
	int r = lrule(&m, TT_LR_MIN_DAYS, 100, 2, false, (int[]){l0, l1}, 2);
	assert_true(tt_lrule_hard(&m.lrules[r]));
	assert_int_equal(check(&m), 0); /* two days apart, two wanted */
	place_at(&m, l1, 1, 3);
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	assert_int_equal(got[0].need, 2);
	assert_int_equal(got[0].have, 1);
	text_has(&m, &got[0], "数学 B and 数学 B are 1 days apart; at least 2");
	/* whichever comes first */
	place_at(&m, l0, 3, 0);
	assert_int_equal(check(&m), 0);
	place_at(&m, l0, 2, 0);
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	/* a lesson not placed breaks none */
	place_at(&m, l1, -1, -1);
	assert_int_equal(check(&m), 0);
	/* a hard one: back to back on one day is no way out */
	m.lrules[r].n = 1;
	m.lrules[r].flag = true;
	place_at(&m, l0, 1, 0);
	place_at(&m, l1, 1, 1);
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	assert_int_equal(got[0].have, 0);
	/* and the soft check leaves the hard rules to tt_check */
	assert_int_equal(check_soft(&m), 0);
	tt_model_free(&m);
}

static void test_lrule_min_days_soft(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 1, "数学"), dbl = named(&m, 0, 1, 0, 2, "语文");
	int l0 = lesson(&m, c, 0, 0, -1), l1 = lesson(&m, c, 0, 2, -1);
	int r = lrule(&m, TT_LR_MIN_DAYS, 95, 1, true, (int[]){l0, l1}, 2);
	assert_false(tt_lrule_hard(&m.lrules[r]));
	assert_true(tt_lrule_binds(&m.lrules[r]));
	/* one day and not back to back: the part that binds is broken */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	assert_int_equal(got[0].need, -1);
	text_has(&m, &got[0], "fall on day 1 and are not back to back");
	/* and the soft part: no day apart, one wanted */
	assert_int_equal(check_soft(&m), 1);
	one_lesson_rule(r, l0, l1);
	assert_int_equal(got[0].need, 1);
	assert_int_equal(got[0].have, 0);
	/* back to back on one day, either way round: only the soft part */
	place_at(&m, l1, 0, 1);
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 1);
	place_at(&m, l0, 0, 2);
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 1);
	/* on different days: neither */
	place_at(&m, l1, 3, 2);
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 0);
	/* a double period and the lesson right after its second half are back to back */
	int l2 = lesson(&m, dbl, 3, 0, -1);
	int r2 = lrule(&m, TT_LR_MIN_DAYS, 95, 1, true, (int[]){l1, l2}, 2);
	assert_int_equal(check(&m), 0);
	place_at(&m, l1, 3, 3); /* p2 free between */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r2, l1, l2);
	/* without the flag a soft rule binds nothing, and is only counted */
	place_at(&m, l2, 4, 0);
	place_at(&m, l0, 3, 0);
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	m.lrules[r].flag = false;
	assert_false(tt_lrule_binds(&m.lrules[r]));
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 1);
	one_lesson_rule(r, l0, l1);
	tt_model_free(&m);
}

static void test_lrule_same_start_day(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int a = named(&m, 0, 0, 0, 1, "数学"), b = named(&m, 0, 1, 1, 1, "英语");
	int l0 = lesson(&m, a, 1, 1, -1), l1 = lesson(&m, b, 1, 1, -1);
	int r = lrule(&m, TT_LR_SAME_START, 100, 0, false, (int[]){l0, l1}, 2);
	assert_int_equal(check(&m), 0);
	place_at(&m, l1, 1, 2);
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	text_has(&m, &got[0], "数学 A and 英语 B are to start together");
	place_at(&m, l1, 2, 1); /* the same period of another day */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	/* on one day: any periods */
	m.lrules[r].kind = TT_LR_SAME_DAY;
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	text_has(&m, &got[0], "are to fall on one day");
	place_at(&m, l1, 1, 3);
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

static void test_lrule_not_overlap(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int a = named(&m, 0, 0, 0, 2, "数学"), b = named(&m, 0, 1, 1, 1, "英语");
	int l0 = lesson(&m, a, 1, 0, -1), l1 = lesson(&m, b, 1, 2, -1);
	int r = lrule(&m, TT_LR_NOT_OVERLAP, 100, 0, false, (int[]){l0, l1}, 2);
	assert_int_equal(check(&m), 0); /* right after the double period */
	place_at(&m, l1, 1, 1);		/* in its second half */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	assert_int_equal(got[0].day, 1);
	assert_int_equal(got[0].period, 1);
	text_has(&m, &got[0], "are not to overlap: day 2, period 2");
	place_at(&m, l1, 2, 0);
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

static void test_lrule_consecutive(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int a = named(&m, 0, 0, 0, 2, "数学"), b = named(&m, 0, 1, 1, 1, "英语");
	int l0 = lesson(&m, a, 1, 1, -1), l1 = lesson(&m, b, 1, 3, -1);
	int r = lrule(&m, TT_LR_CONSECUTIVE, 100, 0, false, (int[]){l0, l1}, 2);
	assert_int_equal(check(&m), 0); /* right after both periods of the first */
	place_at(&m, l1, 1, 0);		/* right before: the wrong order */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	text_has(&m, &got[0], "英语 B is to come right after 数学 A");
	place_at(&m, l1, 1, 2); /* after its first period only */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	place_at(&m, l1, 2, 3); /* the right period, another day */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	place_at(&m, l0, -1, -1);
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

/* A break (every teacher and atomic set away at a period, as a FET file's break times): a
 * lesson "right after" another may have it between them, a pair in its order as lessons
 * grouped; a period only some are away at is none. */
static void test_lrule_breaks(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int S = DAYS * PERIODS;
	for (int t = 0; t < 2; t++)
		m.unav_teacher[t * S + 1 * PERIODS + 2] = 1; /* day 2, period 3: everyone away */
	for (int f = 0; f < 4; f++)
		m.unav_leaf[f * S + 1 * PERIODS + 2] = m.unav_leaf[f * S + 3 * PERIODS + 2] = 1;
	m.unav_teacher[0 * S + 3 * PERIODS + 2] = 1; /* day 4, period 3: all but 李 */
	tt_model_breaks(&m);
	assert_non_null(m.breaks);
	for (int k = 0; k < S; k++)
		assert_int_equal(m.breaks[k], k == 1 * PERIODS + 2);
	assert_int_equal(tt_after_breaks(&m, 1, 2), 3);
	assert_int_equal(tt_after_breaks(&m, 1, 1), 1);
	assert_int_equal(tt_after_breaks(&m, 3, 2), 2);
	int a = named(&m, 0, 0, 0, 2, "数学"), b = named(&m, 0, 1, 1, 1, "英语");
	int l0 = lesson(&m, a, 1, 0, -1), l1 = lesson(&m, b, 1, 3, -1);
	int r = lrule(&m, TT_LR_CONSECUTIVE, 100, 0, false, (int[]){l0, l1}, 2);
	assert_int_equal(check(&m), 0); /* periods 1 and 2, the break, then 4 */
	place_at(&m, l0, 0, 0);
	place_at(&m, l1, 0, 3); /* the same on a day without the break */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	place_at(&m, l0, -1, -1);
	place_at(&m, l1, -1, -1);
	int c = named(&m, 0, 1, 0, 1, "音乐");
	int g0 = lesson(&m, c, 1, 3, -1), g1 = lesson(&m, b, 1, 0, -1);
	r = lrule(&m, TT_LR_GROUPED, 100, 0, false, (int[]){g0, g1}, 2);
	assert_int_equal(check(&m), 1); /* periods 4 and 1: a free period besides the break */
	one_lesson_rule(r, g0, g1);
	place_at(&m, g1, 1, 1); /* 2, the break, 4: back to back in another order */
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
	/* without the break (no slot everyone is away at): no breaks at all */
	model(&m);
	m.unav_teacher[1 * S + 1 * PERIODS + 2] = 1;
	tt_model_breaks(&m);
	assert_null(m.breaks);
	assert_int_equal(tt_after_breaks(&m, 1, 2), 2);
	tt_model_free(&m);
}

static void test_lrule_grouped(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 1, "数学");
	int l0 = lesson(&m, c, 0, 2, -1), l1 = lesson(&m, c, 0, 0, -1), l2 = lesson(&m, c, 0, 1, -1);
	int r = lrule(&m, TT_LR_GROUPED, 100, 0, false, (int[]){l0, l1, l2}, 3);
	assert_int_equal(check(&m), 0); /* periods 3, 1, 2: back to back in another order */
	place_at(&m, l0, 0, 3);		/* 4, 1, 2: a hole */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	text_has(&m, &got[0], "数学 B and the lessons grouped with it are not back to back");
	place_at(&m, l0, 1, 2); /* one on another day */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	place_at(&m, l0, 1, 0);
	place_at(&m, l1, 1, 1);
	place_at(&m, l2, 1, 2);
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

static void test_lrule_ends_day(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int g1 = named(&m, 0, 2, -1, 1, "体育"), whole = named(&m, 0, 0, -1, 1, "语文");
	int g2 = named(&m, 0, 3, -1, 1, "美术");
	int l0 = lesson(&m, g1, 2, 2, -1), l1 = lesson(&m, whole, 2, 1, -1);
	int r = lrule(&m, TT_LR_ENDS_DAY, 100, 0, false, (int[]){l0}, 1);
	assert_int_equal(check(&m), 0); /* the class's lesson before it */
	int l2 = lesson(&m, g2, 2, 3, -1);
	assert_int_equal(check(&m), 0); /* the other group later: other students */
	place_at(&m, l2, 3, 3);
	place_at(&m, l1, 2, 3); /* the whole class later: group 1 among them */
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, l1);
	text_has(&m, &got[0], "体育 A/g1 is to end its students' day 3, and 语文 A comes after it");
	place_at(&m, l1, 1, 3);
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

static void test_lrule_slots(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 2, "实验");
	int l0 = lesson(&m, c, 0, 0, -1);
	int r = lrule(&m, TT_LR_START_SLOTS, 100, 0, false, (int[]){l0}, 1);
	m.lrules[r].slots[0 * PERIODS + 0] = m.lrules[r].slots[1 * PERIODS + 1] = 1;
	assert_int_equal(check(&m), 0); /* starts in a slot; its second period need not be one */
	place_at(&m, l0, 0, 1);
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, -1);
	assert_int_equal(got[0].day, 0);
	assert_int_equal(got[0].period, 1);
	text_has(&m, &got[0], "实验 B on day 1, period 2 is outside the times allowed");
	place_at(&m, l0, 1, 1);
	assert_int_equal(check(&m), 0);
	/* wholly in the slots: its second period too */
	m.lrules[r].kind = TT_LR_TIME_SLOTS;
	assert_int_equal(check(&m), 1);
	one_lesson_rule(r, l0, -1);
	assert_int_equal(got[0].day, 1);
	assert_int_equal(got[0].period, 2);
	text_has(&m, &got[0], "on day 2, period 3 is outside the times allowed");
	m.lrules[r].slots[1 * PERIODS + 2] = 1;
	assert_int_equal(check(&m), 0);
	place_at(&m, l0, 0, 0);
	assert_int_equal(check(&m), 1);
	assert_int_equal(got[0].period, 1);
	tt_model_free(&m);
}

static void test_drule_gaps(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 1, "数学"), c1 = named(&m, 0, 0, 1, 1, "英语");
	int l0 = lesson(&m, c, 0, 0, -1), l1 = lesson(&m, c, 0, 2, -1);
	int r = drule(&m, TT_DR_MAX_GAPS_DAY, 1, 0, -1, 0);
	assert_int_equal(check(&m), 0); /* one gap, one allowed */
	place_at(&m, l1, 0, 3);
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 0, 0, 1);
	assert_int_equal(got[0].need, 1);
	assert_int_equal(got[0].a, l1); /* the day's last lesson */
	text_has(&m, &got[0], "王 has 2 free periods between lessons on day 1; at most 1");
	/* a slot the teacher is not available in is no gap */
	m.unav_teacher[0 * DAYS * PERIODS + 0 * PERIODS + 1] = 1;
	assert_int_equal(check(&m), 0);
	m.unav_teacher[0 * DAYS * PERIODS + 0 * PERIODS + 1] = 0;
	place_at(&m, l1, 0, 2);
	/* another teacher's gaps are not this rule's; every teacher's are */
	lesson(&m, c1, 1, 0, -1);
	lesson(&m, c1, 1, 3, -1);
	assert_int_equal(check(&m), 0);
	m.drules[r].teacher = -1;
	m.drules[r].everyone = 1;
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 1, 1, 1);
	text_has(&m, &got[0], "李 has 2 free periods between lessons on day 2; at most 1");
	/* in the week: teacher 0 has one gap on day 1 and one on day 2 */
	m.drules[r] = (struct tt_drule){TT_DR_MAX_GAPS_WEEK, 100, 2, false, 0, -1, 0};
	lesson(&m, c, 1, 1, -1);
	int l4 = lesson(&m, c, 1, 3, -1);
	assert_int_equal(check(&m), 0);
	lesson(&m, c, 2, 1, -1);
	lesson(&m, c, 2, 3, -1);
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 0, -1, 1);
	text_has(&m, &got[0], "王 has 3 free periods between lessons in the week; at most 2");
	place_at(&m, l4, 1, 2);
	assert_int_equal(check(&m), 0);
	(void)l0;
	tt_model_free(&m);
}

static void test_drule_max_days(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 1, "数学"), c1 = named(&m, 0, 0, 1, 1, "英语");
	lesson(&m, c, 0, 0, -1);
	lesson(&m, c, 3, 1, -1);
	int r = drule(&m, TT_DR_MAX_DAYS, 2, 0, -1, 0);
	assert_int_equal(check(&m), 0);
	int l2 = lesson(&m, c, 4, 0, -1);
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 0, -1, 1);
	text_has(&m, &got[0], "王 has lessons on 3 days of the week; at most 2");
	place_at(&m, l2, 3, 3); /* a second lesson on a day already taught */
	assert_int_equal(check(&m), 0);
	/* every teacher: the other one teaches on three days */
	for (int d = 0; d < 3; d++)
		lesson(&m, c1, d, 2, -1);
	assert_int_equal(check(&m), 0);
	m.drules[r].teacher = -1;
	m.drules[r].everyone = 1;
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 1, -1, 1);
	text_has(&m, &got[0], "李 has lessons on 3 days");
	tt_model_free(&m);
}

static void test_drule_hours(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, -1, 1, "数学");
	for (int p = 0; p < 3; p++)
		lesson(&m, c, 0, p, -1);
	int r = drule(&m, TT_DR_MAX_HOURS_DAY, 3, -1, 1, 0);
	assert_int_equal(check(&m), 0);
	int l3 = lesson(&m, c, 0, 3, -1);
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 3, 0, 1);
	text_has(&m, &got[0], "B has 4 periods of lessons on day 1; at most 3");
	/* in a row */
	m.drules[r].kind = TT_DR_MAX_HOURS_RUN;
	m.drules[r].n = 2;
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 3, 0, 2);
	text_has(&m, &got[0], "B has 4 periods of lessons in a row on day 1; at most 2");
	place_at(&m, l3, 1, 0);
	m.lessons[1].period = 3; /* periods 1, 4, 3 */
	assert_int_equal(check(&m), 0);
	m.lessons[1].period = 1; /* 1, 2, 3 */
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 3, 0, 1);
	/* a class's rule holds for each of its atomic sets: its whole lesson, group 1's and
	 * subgroup 2a's on day 2 give leaves 0 and 1 two periods, leaf 2 one */
	m.drules[r].kind = TT_DR_MAX_HOURS_DAY;
	m.drules[r].n = 3;
	int whole = named(&m, 0, 0, -1, 1, "语文"), g1 = named(&m, 0, 2, -1, 1, "体育");
	int g2a = named(&m, 0, 4, -1, 1, "美术");
	lesson(&m, whole, 1, 0, -1);
	lesson(&m, g1, 1, 1, -1);
	lesson(&m, g2a, 1, 2, -1);
	assert_int_equal(check(&m), 0);
	int r2 = drule(&m, TT_DR_MAX_HOURS_DAY, 1, -1, 0, 0);
	assert_int_equal(check(&m), 2);
	day_rule_at(0, r2, 0, 1, 1);
	day_rule_at(1, r2, 1, 1, 1);
	text_has(&m, &got[0], "A/g1 has 2 periods of lessons on day 2; at most 1");
	text_has(&m, &got[1], "A/g2a has 2 periods");
	m.drules[r2].n = 2;
	assert_int_equal(check(&m), 0);
	/* all students: class B's three on day 1 too */
	m.drules[r2].set = -1;
	m.drules[r2].everyone = 2;
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r2, 3, 0, 1);
	tt_model_free(&m);
}

static void test_drule_min_hours(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, -1, 1, "数学");
	lesson(&m, c, 0, 0, -1);
	int l1 = lesson(&m, c, 0, 2, -1);
	int r = drule(&m, TT_DR_MIN_HOURS_DAY, 2, -1, 1, 0);
	m.drules[r].empty_days = true;
	assert_int_equal(check(&m), 0); /* two on day 1, the other days empty */
	place_at(&m, l1, 1, 2);
	assert_int_equal(check(&m), 2);
	day_rule_at(0, r, 3, 0, 1);
	day_rule_at(1, r, 3, 1, 1);
	text_has(&m, &got[1], "B has 1 periods of lessons on day 2; at least 2");
	/* empty days not allowed: each of the four is short by two */
	place_at(&m, l1, 0, 2);
	m.drules[r].empty_days = false;
	assert_int_equal(check(&m), 4);
	for (int k = 0; k < 4; k++)
		day_rule_at(k, r, 3, k + 1, 2);
	text_has(&m, &got[0], "B has 0 periods of lessons on day 2; at least 2");
	tt_model_free(&m);
}

static void test_drule_early_second(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, -1, 1, "数学");
	lesson(&m, c, 0, 1, -1);
	lesson(&m, c, 1, 0, -1);
	int r = drule(&m, TT_DR_EARLY_SECOND, 1, -1, 1, 0);
	assert_int_equal(check(&m), 0); /* one day begun at the second period, one allowed */
	int l2 = lesson(&m, c, 2, 1, -1);
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 3, -1, 1);
	text_has(&m, &got[0], "B begins the day later than the first period too often (1 beyond the 1 times");
	/* the third period: never, however many second-period starts are allowed */
	place_at(&m, l2, 2, 2);
	m.drules[r].n = 5;
	assert_int_equal(check(&m), 1);
	day_rule_at(0, r, 3, -1, 1);
	/* a first period the students are not available in is no late start */
	m.drules[r].n = 1;
	m.unav_leaf[3 * DAYS * PERIODS + 2 * PERIODS + 0] = 1;
	assert_int_equal(check(&m), 1); /* now begun at the second: two such days */
	day_rule_at(0, r, 3, -1, 1);
	m.unav_leaf[3 * DAYS * PERIODS + 2 * PERIODS + 1] = 1;
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

static void test_day_shape(void **state)
{
	(void)state;
	unsigned char occ[7] = {0, 1, 0, 0, 1, 1, 0}, off[7] = {0};
	struct tt_day_shape d;
	tt_day_shape(occ, NULL, 7, &d);
	assert_int_equal(d.hours, 3);
	assert_int_equal(d.gaps, 2);
	assert_int_equal(d.run, 2);
	assert_int_equal(d.first, 1);
	assert_int_equal(d.late, 1);
	tt_day_shape(occ, off, 7, &d);
	assert_int_equal(d.gaps, 2);
	off[2] = 1; /* off between: not a gap */
	tt_day_shape(occ, off, 7, &d);
	assert_int_equal(d.gaps, 1);
	assert_int_equal(d.late, 1);
	off[0] = 1; /* off before: not a late start */
	off[6] = 1;
	tt_day_shape(occ, off, 7, &d);
	assert_int_equal(d.late, 0);
	assert_int_equal(d.gaps, 1);
	assert_int_equal(d.hours, 3);
	unsigned char run[7] = {1, 1, 1, 0, 1, 1, 1};
	tt_day_shape(run, NULL, 7, &d);
	assert_int_equal(d.run, 3);
	assert_int_equal(d.hours, 6);
	assert_int_equal(d.gaps, 1);
	assert_int_equal(d.late, 0);
	run[3] = 1;
	tt_day_shape(run, NULL, 7, &d);
	assert_int_equal(d.run, 7);
	unsigned char none[7] = {0};
	tt_day_shape(none, NULL, 7, &d);
	assert_int_equal(d.hours, 0);
	assert_int_equal(d.first, -1);
	assert_int_equal(d.gaps, 0);
	assert_int_equal(d.late, 0);
	assert_int_equal(d.run, 0);
}

/* The shape counted period by period, as the rules on days say it: the reference the bits
 * are held to. */
static void shape_by_periods(const unsigned char *occ, const unsigned char *off, int periods, struct tt_day_shape *d)
{
	int last = -1, run = 0;
	*d = (struct tt_day_shape){.first = -1};
	for (int p = 0; p < periods; p++) {
		run = occ[p] ? run + 1 : 0;
		d->run = run > d->run ? run : d->run;
		d->hours += occ[p] != 0;
		if (occ[p] && d->first < 0)
			d->first = p;
		if (occ[p])
			last = p;
	}
	for (int p = 0; p < d->first; p++)
		d->late += !off[p];
	for (int p = d->first; d->first >= 0 && p < last; p++)
		d->gaps += !occ[p] && !off[p];
}

/* Every day of 10 periods with three patterns of periods off (none, some, all), and a day
 * of 30 periods (a term's most) taken at both ends: as counted period by period. */
static void test_day_shape_bits(void **state)
{
	(void)state;
	unsigned char occ[30], off[30];
	const uint32_t offs[] = {0, 0x0211, 0x3FF};
	for (size_t k = 0; k < sizeof offs / sizeof *offs; k++)
		for (uint32_t o = 0; o < 1024; o++) {
			for (int p = 0; p < 10; p++) {
				occ[p] = o >> p & 1;
				off[p] = offs[k] >> p & 1;
			}
			struct tt_day_shape want, got, bytes;
			shape_by_periods(occ, off, 10, &want);
			tt_day_shape_bits(o, offs[k], &got);
			tt_day_shape(occ, off, 10, &bytes);
			assert_memory_equal(&want, &got, sizeof want);
			assert_memory_equal(&want, &bytes, sizeof want);
		}
	memset(off, 0, sizeof off);
	for (int p = 0; p < 30; p++)
		occ[p] = p == 0 || p >= 27;
	struct tt_day_shape want, got;
	shape_by_periods(occ, off, 30, &want);
	tt_day_shape_bits(1u | 7u << 27, 0, &got);
	assert_memory_equal(&want, &got, sizeof want);
	assert_int_equal(got.gaps, 26);
	assert_int_equal(got.run, 3);
}

static void test_drule_excess(void **state)
{
	(void)state;
	/* hours, gaps, run, first, late */
	struct tt_day_shape w[5] = {
		{4, 1, 2, 0, 0},
		{3, 2, 2, 1, 1},
		{0, 0, 0, -1, 3}, /* empty: its late counts for nothing */
		{1, 0, 1, 2, 2},
		{2, 0, 2, 1, 1},
	};
	struct tt_drule x = {TT_DR_MAX_GAPS_WEEK, 100, 3, false, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 0);
	x.n = 2;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 1);
	x = (struct tt_drule){TT_DR_MAX_GAPS_DAY, 100, 1, false, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 1);
	assert_int_equal(tt_drule_excess(&x, w, 5, 0), 0);
	assert_int_equal(tt_drule_excess(&x, w, 5, 1), 1);
	x.n = 0;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 3);
	x = (struct tt_drule){TT_DR_MAX_DAYS, 100, 4, false, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 0);
	x.n = 3;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 1);
	x = (struct tt_drule){TT_DR_MAX_HOURS_DAY, 100, 3, false, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 1);
	assert_int_equal(tt_drule_excess(&x, w, 5, 0), 1);
	assert_int_equal(tt_drule_excess(&x, w, 5, 1), 0);
	x = (struct tt_drule){TT_DR_MIN_HOURS_DAY, 100, 2, true, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 1);
	assert_int_equal(tt_drule_excess(&x, w, 5, 2), 0);
	assert_int_equal(tt_drule_excess(&x, w, 5, 3), 1);
	assert_int_equal(tt_drule_excess(&x, w, 5, 4), 0);
	x.empty_days = false;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 3);
	assert_int_equal(tt_drule_excess(&x, w, 5, 2), 2);
	x = (struct tt_drule){TT_DR_MAX_HOURS_RUN, 100, 1, false, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 3);
	assert_int_equal(tt_drule_excess(&x, w, 5, 3), 0);
	x.n = 2;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 0);
	/* second-period starts on days 2 and 5; day 4 begins at the third */
	x = (struct tt_drule){TT_DR_EARLY_SECOND, 100, 2, false, 0, -1, 0};
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 1);
	x.n = 1;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 2);
	x.n = 0;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 3);
	w[3].late = 0;
	x.n = 2;
	assert_int_equal(tt_drule_excess(&x, w, 5, -1), 0);
}

static void test_gap_periods(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int a = named(&m, 0, 1, 0, 1, "数学"), b = named(&m, 1, 0, 0, 1, "科学");
	m.teachers[0].min_travel = 0; /* the clock leaves room: only periods count */
	m.teachers[0].min_gap_periods = 2;
	int l0 = lesson(&m, a, 0, 0, -1), l1 = lesson(&m, b, 0, 3, -1);
	assert_int_equal(check(&m), 0); /* periods 2 and 3 free: two, two needed */
	place_at(&m, l1, 0, 2);
	assert_int_equal(check(&m), 1);
	assert_int_equal(got[0].rule, TT_GAP_PERIODS);
	assert_int_equal(got[0].a, l0);
	assert_int_equal(got[0].b, l1);
	assert_int_equal(got[0].who, 0);
	assert_int_equal(got[0].day, 0);
	assert_int_equal(got[0].need, 2);
	assert_int_equal(got[0].have, 1);
	text_has(&m, &got[0], "王 teaches 数学 B at 一小 and 科学 A at 中心校 on day 1 with 1 free periods between; at least 2");
	m.teachers[0].min_gap_periods = 1;
	assert_int_equal(check(&m), 0);
	place_at(&m, l1, 0, 1);
	assert_int_equal(check(&m), 1);
	assert_int_equal(got[0].rule, TT_GAP_PERIODS);
	assert_int_equal(got[0].have, 0);
	m.teachers[0].min_gap_periods = 0;
	assert_int_equal(check(&m), 0);
	m.teachers[0].min_gap_periods = -1;
	assert_int_equal(check(&m), 0);
	/* the other way round: the second school first */
	m.teachers[0].min_gap_periods = 2;
	place_at(&m, l1, 0, 0);
	place_at(&m, l0, 0, 2);
	assert_int_equal(check(&m), 1);
	assert_int_equal(got[0].rule, TT_GAP_PERIODS);
	assert_int_equal(got[0].a, l1);
	assert_int_equal(got[0].b, l0);
	place_at(&m, l0, 0, 3);
	assert_int_equal(check(&m), 0);
	/* on other days, or at one school, no change to make room for */
	place_at(&m, l0, 1, 1);
	assert_int_equal(check(&m), 0);
	place_at(&m, l0, 0, 1);
	m.courses[b].school = 0;
	assert_int_equal(check(&m), 0);
	tt_model_free(&m);
}

/* Each kind of rule on days, soft (weight 60), for a teacher and for a class: kept at its
 * limit, broken one past it, as a soft violation of amount 1 scoring its weight, never as a
 * hard one; and hard again at weight 100. */
static void test_soft_drules(void **state)
{
	(void)state;
	static const struct {
		int kind, n;
		bool empty_days;
		int at[4][2], nat, past[4][2], npast, day;
		const char *says;
	} cases[] = {
		{TT_DR_MAX_GAPS_DAY, 1, false, {{0, 0}, {0, 2}}, 2, {{0, 0}, {0, 3}}, 2, 0,
			"has 2 free periods between lessons on day 1; at most 1"},
		{TT_DR_MAX_GAPS_WEEK, 2, false, {{0, 0}, {0, 2}, {1, 0}, {1, 2}}, 4, {{0, 0}, {0, 2}, {1, 0}, {1, 3}}, 4, -1,
			"has 3 free periods between lessons in the week; at most 2"},
		{TT_DR_MAX_DAYS, 2, false, {{0, 0}, {3, 1}}, 2, {{0, 0}, {3, 1}, {4, 0}}, 3, -1,
			"has lessons on 3 days of the week; at most 2"},
		{TT_DR_MAX_HOURS_DAY, 3, false, {{0, 0}, {0, 1}, {0, 2}}, 3, {{0, 0}, {0, 1}, {0, 2}, {0, 3}}, 4, 0,
			"has 4 periods of lessons on day 1; at most 3"},
		{TT_DR_MIN_HOURS_DAY, 2, true, {{0, 0}, {0, 1}}, 2, {{0, 0}}, 1, 0,
			"has 1 periods of lessons on day 1; at least 2"},
		{TT_DR_MAX_HOURS_RUN, 2, false, {{0, 0}, {0, 1}, {0, 3}}, 3, {{0, 0}, {0, 1}, {0, 2}}, 3, 0,
			"has 3 periods of lessons in a row on day 1; at most 2"},
		{TT_DR_EARLY_SECOND, 1, false, {{0, 1}, {1, 0}}, 2, {{0, 1}, {1, 1}}, 2, -1,
			"begins the day later than the first period too often (1 beyond the 1 times"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
		for (int whose = 0; whose < 2; whose++) {
			struct tt_model m;
			model(&m);
			/* teacher 0 teaches class B: one lesson, one shape for both */
			int c = named(&m, 0, 1, 0, 1, "数学");
			for (int q = 0; q < cases[k].nat; q++)
				lesson(&m, c, cases[k].at[q][0], cases[k].at[q][1], -1);
			int r = drule(&m, cases[k].kind, cases[k].n, whose ? -1 : 0, whose ? 1 : -1, 0);
			m.drules[r].weight = 60;
			m.drules[r].empty_days = cases[k].empty_days;
			assert_false(tt_drule_hard(&m.drules[r]));
			assert_true(tt_has_soft(&m));
			if (check(&m) || check_soft(&m))
				fail_msg("%s, %s: broken at its limit", tt_drule_words[cases[k].kind], whose ? "class" : "teacher");
			assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 0);
			m.nlessons = 0;
			for (int q = 0; q < cases[k].npast; q++)
				lesson(&m, c, cases[k].past[q][0], cases[k].past[q][1], -1);
			assert_int_equal(check(&m), 0); /* soft: never a hard violation */
			if (check_soft(&m) != 1)
				fail_msg("%s, %s: %d soft violations one past its limit", tt_drule_words[cases[k].kind],
					whose ? "class" : "teacher", ngot);
			day_rule_at(0, r, whose ? 3 : 0, cases[k].day, 1);
			assert_int_equal(tt_soft_amount(&m, &got[0]), 1);
			assert_true(tt_soft_weight(&m, &got[0]) == 60);
			text_has(&m, &got[0], cases[k].says);
			int count = -1;
			assert_true(tt_soft_score(&m, &count, NULL, NULL) == 60);
			assert_int_equal(count, 1);
			/* hard at 100: the checker's, no longer the soft one's */
			m.drules[r].weight = 100;
			assert_false(tt_has_soft(&m));
			assert_int_equal(check(&m), 1);
			assert_int_equal(check_soft(&m), 0);
			tt_model_free(&m);
		}
}

/* The soft score: each soft violation's weight times how far it goes, summed; hard rules
 * broken add nothing to it. */
static void test_soft_score(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 1, 0, 1, "数学");
	int l0 = lesson(&m, c, 0, 0, -1);
	for (int p = 1; p < 4; p++)
		lesson(&m, c, 0, p, -1);
	int l4 = lesson(&m, c, 2, 0, -1), l5 = lesson(&m, c, 1, 0, -1);
	/* class B: four periods on day 1, two at most wanted (weight 80): 2 × 80 */
	int r = drule(&m, TT_DR_MAX_HOURS_DAY, 2, -1, 1, 0);
	m.drules[r].weight = 80;
	assert_int_equal(check_soft(&m), 1);
	assert_int_equal(tt_soft_amount(&m, &got[0]), 2);
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 160);
	/* two lessons on one day wanted (50): 1 × 50 */
	lrule(&m, TT_LR_SAME_DAY, 50, 0, false, (int[]){l0, l4}, 2);
	/* three days apart wanted, one apart (30): 2 days short × 30 */
	int md = lrule(&m, TT_LR_MIN_DAYS, 30, 3, false, (int[]){l0, l5}, 2);
	/* a lesson outside its preferred times (25.5): 1 × 25.5 */
	lrule(&m, TT_LR_TIME_SLOTS, 25.5, 0, false, (int[]){l4}, 1);
	int count = 0;
	assert_true(tt_soft_score(&m, &count, NULL, NULL) == 160 + 50 + 60 + 25.5);
	assert_int_equal(count, 4);
	/* the lesson rules first, then the rules on days */
	assert_int_equal(check_soft(&m), 4);
	assert_int_equal(got[0].rule, TT_LESSON_RULE);
	assert_int_equal(got[3].rule, TT_DAY_RULE);
	for (int k = 0; k < 4; k++)
		if (got[k].rule == TT_LESSON_RULE && got[k].who == md)
			assert_int_equal(tt_soft_amount(&m, &got[k]), 2);
	/* a hard rule broken: tt_check's, not the score's */
	int hard = drule(&m, TT_DR_MAX_DAYS, 1, 0, -1, 0);
	assert_int_equal(check(&m), 1);
	day_rule_at(0, hard, 0, -1, 2);
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 295.5);
	/* kept, each soft rule leaves the score */
	m.drules[r].n = 4;
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 135.5);
	char text[32];
	tt_score_text(135.5, text, sizeof text);
	assert_string_equal(text, "135.5");
	tt_score_text(160, text, sizeof text);
	assert_string_equal(text, "160");
	tt_score_text(0, text, sizeof text);
	assert_string_equal(text, "0");
	tt_score_text(99.25, text, sizeof text);
	assert_string_equal(text, "99.25");
	tt_model_free(&m);
}

/* Slots had rather not (soft "not available"): a teacher's, a group's and a room's, each
 * a soft violation of its lesson and period weighed by its slot (a class's lesson by the most
 * any of its atomic sets weighs), not a hard one; a slot also hard reported as hard only;
 * and the score their sum. */
static void test_soft_slots(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int S = DAYS * PERIODS;
	int c = named(&m, 0, 0, 0, 2, "语文");
	int l = lesson(&m, c, 1, 0, 1); /* day 2, periods 1 and 2, room 101 */
	assert_false(tt_has_soft(&m));
	m.soft_teacher = xcalloc((size_t)(2 * S), sizeof *m.soft_teacher);
	m.soft_leaf = xcalloc((size_t)(4 * S), sizeof *m.soft_leaf);
	m.soft_room = xcalloc((size_t)(2 * S), sizeof *m.soft_room);
	assert_true(tt_has_soft(&m));
	assert_int_equal(check_soft(&m), 0);
	m.soft_teacher[0 * S + 1 * PERIODS + 1] = 90;	/* 王, day 2 period 2 */
	m.soft_leaf[1 * S + 1 * PERIODS + 0] = 40;	/* subgroup A/g2a, day 2 period 1 */
	m.soft_leaf[2 * S + 1 * PERIODS + 0] = 60;	/* and A/g2b */
	m.soft_room[1 * S + 1 * PERIODS + 0] = 70.5;	/* room 101, day 2 period 1 */
	m.soft_room[1 * S + 1 * PERIODS + 1] = 70.5;
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 4);
	assert_int_equal(rules[TT_TEACHER_UNAVAILABLE], 1);
	assert_int_equal(rules[TT_STUDENTS_UNAVAILABLE], 1);
	assert_int_equal(rules[TT_ROOM_UNAVAILABLE], 2);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(got[k].a, l);
		assert_int_equal(tt_soft_amount(&m, &got[k]), 1);
		if (got[k].rule == TT_TEACHER_UNAVAILABLE) {
			assert_true(tt_soft_weight(&m, &got[k]) == 90);
			text_has(&m, &got[k], "王 teaches 语文 A on day 2, period 2, when not available");
		} else if (got[k].rule == TT_STUDENTS_UNAVAILABLE) {
			assert_int_equal(got[k].who, 0);
			assert_true(tt_soft_weight(&m, &got[k]) == 60); /* the most of the class's */
			text_has(&m, &got[k], "A has 语文 A on day 2, period 1, when not available");
		} else
			assert_true(tt_soft_weight(&m, &got[k]) == 70.5);
	}
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 90 + 60 + 2 * 70.5);
	/* elsewhere: kept */
	m.lessons[l].day = 3;
	assert_int_equal(check_soft(&m), 0);
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 0);
	/* a slot not available is hard, whatever it had rather */
	m.lessons[l].day = 1;
	m.unav_teacher[0 * S + 1 * PERIODS + 0] = 1;
	assert_int_equal(check(&m), 1);
	assert_int_equal(rules[TT_TEACHER_UNAVAILABLE], 1);
	tt_model_free(&m);
}

/* Sets course c's preferred rooms: n rooms and weights. */
static void prefer(struct tt_model *m, int c, int n, const int *rooms, const double *weights)
{
	struct tt_course *x = &m->courses[c];
	free(x->prefs);
	free(x->pref_weights);
	x->prefs = xcalloc((size_t)n + 1, sizeof *x->prefs);
	x->pref_weights = xcalloc((size_t)n + 1, sizeof *x->pref_weights);
	memcpy(x->prefs, rooms, (size_t)n * sizeof *rooms);
	memcpy(x->pref_weights, weights, (size_t)n * sizeof *weights);
	x->nprefs = n;
}

/* Preferred rooms: a lesson in another room, or in none, a soft violation (not a hard one)
 * weighed by the preference, named with its teacher, room and the room it had rather; in a
 * preferred room none; a room preferred less weighs the difference; a course limited to its
 * rooms (hard) preferring one of them the same way; the soft score their sum. */
static void test_soft_rooms(void **state)
{
	(void)state;
	struct tt_model m;
	model(&m);
	int c = named(&m, 0, 0, 0, 1, "语文");
	int l = lesson(&m, c, 0, 3, 0); /* day 1, period 4, 操场 */
	assert_false(tt_has_soft(&m));
	prefer(&m, c, 1, (const int[]){1}, (const double[]){90});
	assert_true(tt_has_soft(&m));
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 1);
	assert_int_equal(rules[TT_ROOM_NOT_PREFERRED], 1);
	assert_int_equal(got[0].a, l);
	assert_int_equal(got[0].who, 0);
	assert_true(tt_soft_weight(&m, &got[0]) == 90);
	assert_int_equal(tt_soft_amount(&m, &got[0]), 1);
	text_has(&m, &got[0], "王's 语文 A on day 1, period 4 is in 操场, not its preferred 101");
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 90);
	/* in the room it had rather: kept */
	m.lessons[l].room = 1;
	assert_int_equal(check_soft(&m), 0);
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 0);
	/* in none: not kept */
	m.lessons[l].room = -1;
	assert_int_equal(check_soft(&m), 1);
	assert_true(tt_soft_weight(&m, &got[0]) == 90);
	text_has(&m, &got[0], "王's 语文 A on day 1, period 4 has no room, not its preferred 101");
	/* 101 at 90, 操场 at 30: in 操场 the difference, 60 */
	prefer(&m, c, 2, (const int[]){1, 0}, (const double[]){90, 30});
	m.lessons[l].room = 0;
	assert_true(tt_room_pref_cost(&m, c, 0) == 60);
	assert_true(tt_room_pref_cost(&m, c, 1) == 0);
	assert_true(tt_room_pref_cost(&m, c, -1) == 90);
	assert_int_equal(check_soft(&m), 1);
	assert_true(tt_soft_weight(&m, &got[0]) == 60);
	text_has(&m, &got[0], "is in 操场, not its preferred 101");
	/* limited to both rooms (hard), 101 preferred (80): 操场 allowed, weighed 80 */
	m.courses[c].rooms = xcalloc(2, sizeof(int));
	m.courses[c].rooms[0] = 0;
	m.courses[c].rooms[1] = 1;
	m.courses[c].nrooms = 2;
	prefer(&m, c, 1, (const int[]){1}, (const double[]){80});
	assert_int_equal(check(&m), 0);
	assert_int_equal(check_soft(&m), 1);
	assert_true(tt_soft_score(&m, NULL, NULL, NULL) == 80);
	/* a course without a teacher named by its lesson alone */
	free(m.courses[c].teachers);
	m.courses[c].teachers = NULL;
	m.courses[c].nteachers = 0;
	assert_int_equal(check_soft(&m), 1);
	text_has(&m, &got[0], "语文 A on day 1, period 4 is in 操场, not its preferred 101");
	tt_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_travel_boundary),
		cmocka_unit_test(test_soft_rooms),
		cmocka_unit_test(test_soft_slots),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_group_unavailable),
		cmocka_unit_test(test_double_periods_and_rooms),
		cmocka_unit_test(test_different_days),
		cmocka_unit_test(test_lrule_min_days),
		cmocka_unit_test(test_lrule_min_days_soft),
		cmocka_unit_test(test_lrule_same_start_day),
		cmocka_unit_test(test_lrule_not_overlap),
		cmocka_unit_test(test_lrule_consecutive),
		cmocka_unit_test(test_lrule_breaks),
		cmocka_unit_test(test_lrule_grouped),
		cmocka_unit_test(test_lrule_ends_day),
		cmocka_unit_test(test_lrule_slots),
		cmocka_unit_test(test_drule_gaps),
		cmocka_unit_test(test_drule_max_days),
		cmocka_unit_test(test_drule_hours),
		cmocka_unit_test(test_drule_min_hours),
		cmocka_unit_test(test_drule_early_second),
		cmocka_unit_test(test_day_shape),
		cmocka_unit_test(test_day_shape_bits),
		cmocka_unit_test(test_drule_excess),
		cmocka_unit_test(test_gap_periods),
		cmocka_unit_test(test_soft_drules),
		cmocka_unit_test(test_soft_score),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
