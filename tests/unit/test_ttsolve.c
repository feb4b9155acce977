/* test_ttsolve.c: the solver on generated models: every lesson placed with no hard
 * violation by the checker (which shares no code with the solver's weighing), locked
 * lessons kept, the same seed the same timetable, and an overloaded teacher's lessons left
 * unplaced with the rule that stood in the way, the rest still clean; with hard rules over
 * lessons and on days, every lesson placed and each rule seen kept, the same seed the same
 * timetable; soft rules that cannot be kept no bar to a clean timetable, and counted; soft
 * rules on days weighed (a far better soft score than solved blind to them, hard rules kept,
 * the same seed the same timetable) and never above a hard rule; slots teachers, classes and
 * rooms had rather not have weighed the same way, and the rooms courses had rather use
 * (the hard rules kept, a course that needs none placed without one); counts
 * that prove lessons cannot all fit, and the fewest rules in the way of each lesson left out. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/ttjobs.h"
#include "core/ttsolve.h"
#include "core/util.h"

/* The clock never decides a search here: each ends by itself (every lesson placed, the
 * soft rules given up) or at its step limit, STEPS where none other is named (far more
 * than any takes; it ends a search that no longer would), with time to spare under the
 * sanitizers on a loaded machine. So every result is the same on every run. */
#define UNTIMED 900
#define STEPS 2000000

/* schools s (bells 08:00 + 45 min a period at school 0, 08:20 at 1, ...), classes per school,
 * teachers; each class has per_class lessons in courses of 1 to 4, one course in share_in
 * taught by a teacher of the next school (0: none), no teacher with more than cap.
 * Deterministic from seed. */
static void generate_shared(struct tt_model *m, int schools, int classes, int teachers, unsigned seed, int per_class,
	int cap, int share_in)
{
	memset(m, 0, sizeof *m);
	srand(seed);
	m->days = 5;
	m->periods = 7;
	int S = m->days * m->periods;
	m->nschools = schools;
	m->school_names = xcalloc((size_t)schools, sizeof *m->school_names);
	m->bell = xmalloc((size_t)schools * (size_t)m->periods * 2 * sizeof *m->bell);
	m->travel = xmalloc((size_t)schools * (size_t)schools * sizeof *m->travel);
	for (int s = 0; s < schools; s++) {
		m->school_names[s] = tt_string(m, "school");
		for (int p = 0; p < m->periods; p++) {
			m->bell[(s * m->periods + p) * 2] = 480 + 20 * s + 50 * p;
			m->bell[(s * m->periods + p) * 2 + 1] = 480 + 20 * s + 50 * p + 40;
		}
		for (int s2 = 0; s2 < schools; s2++)
			m->travel[s * schools + s2] = s == s2 ? 0 : 15 + 5 * abs(s - s2);
	}
	m->nteachers = teachers * schools;
	m->teachers = xcalloc((size_t)m->nteachers, sizeof *m->teachers);
	for (int t = 0; t < m->nteachers; t++) {
		m->teachers[t].name = tt_string(m, "teacher");
		m->teachers[t].min_travel = m->teachers[t].max_changes = m->teachers[t].max_days = m->teachers[t].max_gaps = -1;
		m->teachers[t].min_gap_periods = -1;
	}
	m->nsets = m->nleaves = classes * schools;
	m->sets = xcalloc((size_t)m->nsets, sizeof *m->sets);
	for (int k = 0; k < m->nsets; k++) {
		m->sets[k].name = tt_string(m, "class");
		m->sets[k].school = k / classes;
		m->sets[k].leaves = xmalloc(sizeof(int));
		m->sets[k].leaves[0] = k;
		m->sets[k].nleaves = 1;
		m->sets[k].parent = -1;
		m->sets[k].students = -1;
	}
	m->unav_teacher = xcalloc((size_t)m->nteachers * (size_t)S, 1);
	m->unav_leaf = xcalloc((size_t)m->nleaves * (size_t)S, 1);
	m->unav_room = xcalloc(1, 1);
	/* each class: per_class lessons a week in courses of up to 4; its teacher load is kept
	 * at most cap of the 35 slots */
	int *load = xcalloc((size_t)m->nteachers, sizeof *load);
	for (int k = 0; k < m->nsets; k++) {
		int school = k / classes, left = per_class;
		while (left > 0) {
			int n = 1 + rand() % 4;
			if (n > left)
				n = left;
			int t = -1;
			for (int tries = 0; tries < 50 && (t < 0 || load[t] + n > cap); tries++) {
				t = school * teachers + rand() % teachers;
				if (share_in && rand() % share_in == 0 && school + 1 < schools)
					t = (school + 1) * teachers + rand() % teachers; /* shared with the next school */
			}
			if (load[t] + n > cap) { /* the school's least loaded teacher, one lesson at a time */
				n = 1;
				for (int q = 0; q < teachers; q++)
					if (load[school * teachers + q] < load[t])
						t = school * teachers + q;
			}
			load[t] += n;
			m->courses = xrealloc(m->courses, (size_t)(m->ncourses + 1) * sizeof *m->courses);
			struct tt_course *c = &m->courses[m->ncourses];
			memset(c, 0, sizeof *c);
			c->label = tt_string(m, "course");
			c->school = school;
			c->length = 1;
			c->different_days = n <= 5 && rand() % 2;
			c->room_kind = -1;
			c->students = -1;
			c->sets = xmalloc(sizeof(int));
			c->sets[0] = k;
			c->nsets = 1;
			c->teachers = xmalloc(sizeof(int));
			c->teachers[0] = t;
			c->nteachers = 1;
			for (int q = 0; q < n; q++) {
				m->lessons = xrealloc(m->lessons, (size_t)(m->nlessons + 1) * sizeof *m->lessons);
				m->lessons[m->nlessons++] = (struct tt_lesson){m->ncourses, q + 1, -1, -1, -1, false};
			}
			m->ncourses++;
			left -= n;
		}
	}
	free(load);
}

/* The same, a quarter of the courses shared. */
static void generate_load(struct tt_model *m, int schools, int classes, int teachers, unsigned seed, int per_class,
	int cap)
{
	generate_shared(m, schools, classes, teachers, seed, per_class, cap, 4);
}

static void generate(struct tt_model *m, int schools, int classes, int teachers, unsigned seed)
{
	generate_load(m, schools, classes, teachers, seed, 31, 27);
}

struct proofs {
	struct tt_proof v[16];
	int n;
};

static void keep_proof(void *ctx, const struct tt_proof *p)
{
	struct proofs *x = ctx;
	if (x->n < 16)
		x->v[x->n++] = *p;
}

/* Every lesson of the term to teacher 0: more than the week holds once it has over 35. */
static void one_teacher(struct tt_model *m)
{
	for (int c = 0; c < m->ncourses; c++)
		m->courses[c].teachers[0] = 0;
}

static int violations(struct tt_model *m)
{
	return tt_check(m, NULL, NULL);
}

static void test_solves_generated(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 4; seed++) {
		struct tt_model m;
		generate(&m, 3, 4, 6, seed);
		struct tt_solve_opts o = {seed, UNTIMED, STEPS};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(violations(&m), 0);
		if (r.nunplaced)
			fail_msg("seed %u: %d of %d lessons placed", seed, r.placed, r.total);
		assert_int_equal(r.placed, r.total);
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
}

static void test_same_seed_same_result(void **state)
{
	(void)state;
	struct tt_model a, b;
	generate(&a, 2, 3, 5, 7);
	generate(&b, 2, 3, 5, 7);
	struct tt_solve_opts o = {42, UNTIMED, STEPS};
	struct tt_solve_result ra, rb;
	tt_solve(&a, &o, &ra);
	tt_solve(&b, &o, &rb);
	assert_int_equal(a.nlessons, b.nlessons);
	for (int i = 0; i < a.nlessons; i++) {
		assert_int_equal(a.lessons[i].day, b.lessons[i].day);
		assert_int_equal(a.lessons[i].period, b.lessons[i].period);
	}
	tt_solve_result_free(&ra);
	tt_solve_result_free(&rb);
	tt_model_free(&a);
	tt_model_free(&b);
}

static void test_locked_kept(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 2, 3, 5, 11);
	/* three lessons locked where they are, without a room; the first's course needs a music
	 * room */
	for (int i = 0; i < 3; i++) {
		m.lessons[i * 7].day = i;
		m.lessons[i * 7].period = 2;
		m.lessons[i * 7].room = -1;
		m.lessons[i * 7].locked = true;
	}
	struct tt_course *needs = &m.courses[m.lessons[0].course];
	assert_int_equal(m.nrooms, 0); /* generated without rooms: two music rooms of its school */
	m.rooms = xcalloc(2, sizeof *m.rooms);
	for (int r = 0; r < 2; r++)
		m.rooms[m.nrooms++] = (struct tt_room){tt_string(&m, r ? "琴房二" : "琴房一"), needs->school, 4, -1};
	needs->room_kind = 4;
	free(m.unav_room); /* as many rooms' slots as there now are */
	m.unav_room = xcalloc((size_t)m.nrooms * (size_t)(m.days * m.periods) + 1, 1);
	struct tt_solve_opts o = {3, UNTIMED, STEPS};
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	assert_int_equal(r.locked, 3);
	int roomed = 0;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(m.lessons[i * 7].day, i);
		assert_int_equal(m.lessons[i * 7].period, 2);
		/* a room its course needs is given where it is */
		const struct tt_course *c = &m.courses[m.lessons[i * 7].course];
		if (c->nrooms || c->room_kind >= 0) {
			assert_true(m.lessons[i * 7].room >= 0);
			roomed++;
		}
	}
	assert_true(roomed > 0);
	assert_int_equal(violations(&m), 0);
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* One teacher for two classes' 62 lessons in 35 slots: 27 cannot be placed; nothing that is
 * placed breaks a rule. */
static void test_overloaded(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 1, 2, 3, 5);
	int t = 0, extra = 0;
	one_teacher(&m);
	for (int i = 0; i < m.nlessons; i++)
		extra++;
	assert_true(extra > 35);
	/* a number of steps, not a time, ends the search: the same result on any machine */
	struct tt_solve_opts o = {1, UNTIMED, 3000};
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	assert_int_equal(violations(&m), 0);
	assert_true(r.placed <= 35 && r.placed >= 30);
	assert_int_equal(r.nunplaced, m.nlessons - 35);
	/* each left out for a clash it would make (the teacher's, or its class's) */
	int teacher = 0;
	for (int k = 0; k < r.nunplaced; k++) {
		assert_true(r.why[k].rule == TT_TEACHER_TWICE || r.why[k].rule == TT_STUDENTS_TWICE);
		teacher += r.why[k].rule == TT_TEACHER_TWICE;
	}
	assert_true(teacher > 0);
	/* a count says so before any search */
	assert_true(r.proofs >= 1);
	struct proofs got = {0};
	tt_prove(&m, keep_proof, &got);
	assert_int_equal(got.n, r.proofs);
	assert_int_equal(got.v[0].kind, TT_PROOF_TEACHER);
	assert_int_equal(got.v[0].who, t);
	assert_int_equal(got.v[0].need, m.nlessons);
	assert_int_equal(got.v[0].have, 35);
	/* and in each one's way, one rule closing all 35 places: the teacher's other lessons */
	for (int k = 0; k < r.nunplaced; k++) {
		assert_int_equal(r.block_at[k + 1] - r.block_at[k], 1);
		const struct tt_block *b = &r.blocks[r.block_at[k]];
		assert_int_equal(b->v.rule, TT_TEACHER_TWICE);
		assert_int_equal(b->v.who, t);
		assert_int_equal(b->closes, 35);
		assert_int_equal(b->places, 35);
		char text[512];
		tt_block_text(&m, &b->v, b->closes, b->places, text, sizeof text);
		assert_non_null(strstr(text, "35 of 35"));
	}
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* The search cut short at its first step, a teacher's lessons stacked in the slots of the
 * greedy start, several going out between two checks of the term: one lesson is left in
 * each slot (lessons put back after taking out would fill a slot emptied by too many going
 * out), each one out told by a clash it was in, and what is handed back breaks no rule. */
static void test_cut_short(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 1, 3, 3, 11);
	one_teacher(&m);
	assert_true(m.nlessons > 70);
	struct tt_solve_opts o = {1, UNTIMED, 1};
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	assert_int_equal(violations(&m), 0);
	assert_int_equal(r.violations, 0);
	assert_int_equal(r.placed, 35);
	assert_int_equal(r.nunplaced, m.nlessons - 35);
	for (int k = 0; k < r.nunplaced; k++) {
		const struct tt_violation *v = &r.why[k];
		assert_int_equal(m.lessons[r.unplaced[k]].day, -1);
		assert_true(v->a == r.unplaced[k] || v->b == r.unplaced[k]);
		assert_true(v->rule == TT_TEACHER_TWICE || v->rule == TT_STUDENTS_TWICE || v->rule == TT_SAME_DAY);
	}
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* A teacher away four days of five with more lessons than the fifth holds: the count says
 * so, and what stands in the way of each lesson left out is the absence (28 places) and the
 * teacher's lessons on the day left (7). */
static void test_explained(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 1, 1, 2, 3);
	int t = m.courses[0].teachers[0], load = 0;
	for (int i = 0; i < m.nlessons; i++)
		load += m.courses[m.lessons[i].course].teachers[0] == t;
	assert_true(load > 7);
	for (int k = 0; k < 28; k++)
		m.unav_teacher[t * 35 + k] = 1;
	struct proofs got = {0};
	int want = 1; /* the teacher's periods; and each of their courses on different days */
	for (int c = 0; c < m.ncourses; c++) {
		int n = 0;
		for (int i = 0; i < m.nlessons; i++)
			n += m.lessons[i].course == c;
		want += m.courses[c].teachers[0] == t && m.courses[c].different_days && n >= 2;
	}
	assert_true(want > 1);
	assert_int_equal(tt_prove(&m, keep_proof, &got), want);
	assert_int_equal(got.v[0].kind, TT_PROOF_TEACHER);
	assert_int_equal(got.v[0].need, load);
	assert_int_equal(got.v[0].have, 7);
	for (int k = 1; k < got.n; k++) {
		/* the only day left holds one lesson of each */
		assert_int_equal(got.v[k].kind, TT_PROOF_COURSE_DAYS);
		assert_int_equal(m.courses[got.v[k].who].teachers[0], t);
		assert_int_equal(got.v[k].have, 1);
	}
	struct tt_solve_opts o = {1, UNTIMED, 5000};
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	assert_int_equal(violations(&m), 0);
	assert_int_equal(r.nunplaced, load - 7);
	for (int k = 0; k < r.nunplaced; k++) {
		assert_int_equal(r.block_at[k + 1] - r.block_at[k], 2);
		const struct tt_block *b = &r.blocks[r.block_at[k]];
		assert_int_equal(b[0].v.rule, TT_TEACHER_UNAVAILABLE);
		assert_int_equal(b[0].closes, 28);
		assert_true(b[1].v.rule == TT_TEACHER_TWICE || b[1].v.rule == TT_STUDENTS_TWICE);
	}
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* Three lessons two days apart in a week of five: days 1, 3, 5; with the class away on
 * the third day no such three days are left, and the count says so. */
static void test_open_days(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 1, 1, 2, 5);
	m.lrules = xcalloc(1, sizeof *m.lrules);
	m.nlrules = 1;
	m.lrules[0] = (struct tt_lrule){TT_LR_MIN_DAYS, 100, 2, false, xcalloc(3, sizeof(int)), 3, NULL, 0};
	for (int q = 0; q < 3; q++)
		m.lrules[0].lessons[q] = q;
	struct proofs got = {0};
	tt_prove(&m, keep_proof, &got);
	for (int k = 0; k < got.n; k++)
		assert_int_not_equal(got.v[k].kind, TT_PROOF_OPEN_DAYS);
	for (int p = 0; p < 7; p++)
		m.unav_leaf[2 * 7 + p] = 1;
	memset(&got, 0, sizeof got);
	tt_prove(&m, keep_proof, &got);
	bool seen = false;
	for (int k = 0; k < got.n; k++)
		if (got.v[k].kind == TT_PROOF_OPEN_DAYS) {
			assert_int_equal(got.v[k].who, 0);
			assert_int_equal(got.v[k].need, 3);
			assert_int_equal(got.v[k].have, 2);
			char text[512];
			tt_proof_text(&m, &got.v[k], text, sizeof text);
			assert_non_null(strstr(text, "only 2 such days"));
			seen = true;
		}
	assert_true(seen);
	tt_model_free(&m);
}

/* Counts that prove lessons cannot all fit: more lessons on different days than days, a
 * rule of days apart the week is too short for, a class over its hours a day and over the
 * week's periods. */
static void test_proofs(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 1, 2, 4, 9);
	struct proofs got = {0};
	assert_int_equal(tt_prove(&m, keep_proof, &got), 0);
	/* a course of six lessons on different days */
	int c = m.lessons[0].course;
	m.courses[c].different_days = true;
	for (int q = 0; q < 6; q++) {
		m.lessons = xrealloc(m.lessons, (size_t)(m.nlessons + 1) * sizeof *m.lessons);
		m.lessons[m.nlessons++] = (struct tt_lesson){c, 100 + q, -1, -1, -1, false};
	}
	/* three lessons two days apart need five days: fits; four need seven: does not */
	m.lrules = xcalloc(2, sizeof *m.lrules);
	m.nlrules = 2;
	for (int k = 0; k < 2; k++) {
		m.lrules[k] = (struct tt_lrule){TT_LR_MIN_DAYS, 100, 2, false, xcalloc(4, sizeof(int)), 3 + k, NULL, 0};
		for (int q = 0; q < 3 + k; q++)
			m.lrules[k].lessons[q] = q;
	}
	/* class 0 at most 5 a day */
	m.drules = xcalloc(1, sizeof *m.drules);
	m.ndrules = 1;
	m.drules[0] = (struct tt_drule){TT_DR_MAX_HOURS_DAY, 100, 5, false, -1, 0, 0};
	memset(&got, 0, sizeof got);
	assert_int_equal(tt_prove(&m, keep_proof, &got), 4);
	bool days = false, apart = false, hours = false, full = false;
	for (int k = 0; k < got.n; k++) {
		/* the course's class now has 37 lessons for 35 periods */
		full = full || (got.v[k].kind == TT_PROOF_SET && got.v[k].who == 0 && got.v[k].need == 37);
		days = days || (got.v[k].kind == TT_PROOF_DAYS && got.v[k].who == c && got.v[k].have == 5);
		apart = apart || (got.v[k].kind == TT_PROOF_MIN_DAYS && got.v[k].who == 1 && got.v[k].need == 7);
		hours = hours || (got.v[k].kind == TT_PROOF_SET_DAY && got.v[k].who == 0 && got.v[k].have == 25);
		char text[512];
		tt_proof_text(&m, &got.v[k], text, sizeof text);
		assert_true(strlen(text) > 10);
	}
	assert_true(days && apart && hours && full);
	tt_model_free(&m);
}

static void add_lrule(struct tt_model *m, int kind, double weight, int n, const int *ls, int nls)
{
	m->lrules = xrealloc(m->lrules, (size_t)(m->nlrules + 1) * sizeof *m->lrules);
	struct tt_lrule *r = &m->lrules[m->nlrules++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->weight = weight;
	r->n = n;
	r->lessons = xmalloc((size_t)nls * sizeof *r->lessons);
	memcpy(r->lessons, ls, (size_t)nls * sizeof *r->lessons);
	r->nlessons = nls;
}

static void add_drule(struct tt_model *m, int kind, int n, int everyone)
{
	m->drules = xrealloc(m->drules, (size_t)(m->ndrules + 1) * sizeof *m->drules);
	m->drules[m->ndrules++] = (struct tt_drule){kind, 100, n, false, -1, -1, everyone};
}

/* A course's lessons are generated together: the first, and how many. */
static int first_lesson(const struct tt_model *m, int c, int *n)
{
	int f = -1;
	*n = 0;
	for (int i = 0; i < m->nlessons; i++)
		if (m->lessons[i].course == c) {
			if (f < 0)
				f = i;
			++*n;
		}
	return f;
}

static int teacher_of(const struct tt_model *m, int i)
{
	return m->courses[m->lessons[i].course].teachers[0];
}

/* The last lesson of class k whose teacher is neither t1 nor t2, nor lesson not. */
static int lesson_of_class(const struct tt_model *m, int k, int t1, int t2, int not)
{
	for (int i = m->nlessons - 1; i >= 0; i--)
		if (m->courses[m->lessons[i].course].sets[0] == k && teacher_of(m, i) != t1 && teacher_of(m, i) != t2 &&
		    i != not)
			return i;
	return -1;
}

/* How many proofs of kind for who. */
static int proofs_of(const struct tt_model *m, int kind, int who)
{
	struct proofs got = {0};
	tt_prove(m, keep_proof, &got);
	int n = 0;
	for (int k = 0; k < got.n; k++)
		n += got.v[k].kind == kind && got.v[k].who == who;
	return n;
}

/* A teacher at two schools who may not change school in a day: three lessons on different
 * days at each need six days of five (with one change a day, ten). The same with one
 * school's lessons a day apart by a rule over lessons; not with lessons that may share a
 * day (a day's periods then ask for one day at each school), unless the teacher is away
 * four days of the five; and with one rule over both schools' lessons. */
static void test_school_days_proof(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 2, 1, 3, 4);
	int at[2] = {-1, -1};
	for (int c = 0; c < m.ncourses; c++) {
		int n;
		first_lesson(&m, c, &n);
		if (n == 3 && at[m.courses[c].school] < 0)
			at[m.courses[c].school] = c;
	}
	assert_true(at[0] >= 0 && at[1] >= 0);
	int t = m.courses[at[0]].teachers[0];
	m.courses[at[1]].teachers[0] = t;
	m.courses[at[0]].different_days = m.courses[at[1]].different_days = true;
	assert_int_equal(proofs_of(&m, TT_PROOF_SCHOOL_DAYS, t), 0); /* no limit on changes */
	m.teachers[t].max_changes = 0;
	struct proofs got = {0};
	tt_prove(&m, keep_proof, &got);
	int k = 0;
	while (k < got.n && got.v[k].kind != TT_PROOF_SCHOOL_DAYS)
		k++;
	assert_true(k < got.n);
	assert_int_equal(got.v[k].who, t);
	assert_true(got.v[k].need >= 6);
	assert_int_equal(got.v[k].have, 5);
	assert_int_equal(got.v[k].limit, 0);
	char text[512];
	tt_proof_text(&m, &got.v[k], text, sizeof text);
	assert_non_null(strstr(text, "at most 0 times a day the week holds 5"));
	m.teachers[t].max_changes = 1;
	assert_int_equal(proofs_of(&m, TT_PROOF_SCHOOL_DAYS, t), 0);
	/* one school's lessons a day apart by a rule over lessons */
	m.teachers[t].max_changes = 0;
	m.courses[at[1]].different_days = false;
	int n, f = first_lesson(&m, at[1], &n);
	int ls[3] = {f, f + 1, f + 2};
	add_lrule(&m, TT_LR_MIN_DAYS, 100, 1, ls, 3);
	assert_int_equal(proofs_of(&m, TT_PROOF_SCHOOL_DAYS, t), 1);
	m.lrules[0].n = 0;
	m.courses[at[0]].different_days = false;
	assert_int_equal(proofs_of(&m, TT_PROOF_SCHOOL_DAYS, t), 0);
	/* one rule over both schools' lessons, met first from the first school's course */
	int f0 = first_lesson(&m, at[0], &n);
	int both[6] = {f0, f0 + 1, f0 + 2, f, f + 1, f + 2};
	add_lrule(&m, TT_LR_MIN_DAYS, 100, 1, both, 6);
	assert_int_equal(proofs_of(&m, TT_PROOF_SCHOOL_DAYS, t), 1);
	m.lrules[1].n = 0;
	/* away four days of five: one school a day on the fifth */
	memset(m.unav_teacher + t * 35, 1, 28);
	assert_int_equal(proofs_of(&m, TT_PROOF_SCHOOL_DAYS, t), 1);
	tt_model_free(&m);
}

/* Hard rules over a generated term: every third course of two to five lessons a day apart
 * at least, another's two lessons back to back, a lesson of class 0 and one of class 1 at
 * one start, one of class 2 and another of class 0 never at once; no teacher with more than
 * one free period between lessons a day, no class with more than max_hours periods a day. */
static void add_rules(struct tt_model *m, int max_hours)
{
	int consecutive = -1;
	for (int c = 0; c < m->ncourses; c++) {
		int n, f = first_lesson(m, c, &n);
		if (n >= 2 && n <= 5 && c % 3 == 0) {
			int ls[5];
			for (int k = 0; k < n; k++)
				ls[k] = f + k;
			add_lrule(m, TT_LR_MIN_DAYS, 100, 1, ls, n);
		} else if (n == 2 && consecutive < 0 && !m->courses[c].different_days) {
			consecutive = c;
			add_lrule(m, TT_LR_CONSECUTIVE, 100, 0, (int[]){f, f + 1}, 2);
		}
	}
	assert_true(consecutive >= 0);
	int x = lesson_of_class(m, 0, -1, -1, -1);
	int y = lesson_of_class(m, 1, teacher_of(m, x), -1, -1);
	assert_true(x >= 0 && y >= 0);
	add_lrule(m, TT_LR_SAME_START, 100, 0, (int[]){x, y}, 2);
	int u = lesson_of_class(m, 2, teacher_of(m, x), -1, -1);
	int v = lesson_of_class(m, 0, teacher_of(m, u), -1, x);
	assert_true(u >= 0 && v >= 0);
	add_lrule(m, TT_LR_NOT_OVERLAP, 100, 0, (int[]){u, v}, 2);
	add_drule(m, TT_DR_MAX_GAPS_DAY, 1, 1);
	add_drule(m, TT_DR_MAX_HOURS_DAY, max_hours, 2);
}

/* The hard rules of add_rules, each looked at directly (every lesson one period long). */
static void assert_rules_kept(const struct tt_model *m)
{
	for (int r = 0; r < m->nlrules; r++) {
		const struct tt_lrule *x = &m->lrules[r];
		if (x->weight < 100)
			continue;
		for (int i = 0; i < x->nlessons; i++)
			for (int j = i + 1; j < x->nlessons; j++) {
				const struct tt_lesson *a = &m->lessons[x->lessons[i]], *b = &m->lessons[x->lessons[j]];
				switch (x->kind) {
				case TT_LR_MIN_DAYS:
					if (abs(a->day - b->day) < x->n)
						fail_msg("rule %d: lessons %d, %d on days %d, %d", r, x->lessons[i],
							x->lessons[j], a->day, b->day);
					break;
				case TT_LR_CONSECUTIVE:
					assert_int_equal(b->day, a->day);
					assert_int_equal(b->period, a->period + 1);
					break;
				case TT_LR_SAME_START:
					assert_int_equal(b->day, a->day);
					assert_int_equal(b->period, a->period);
					break;
				case TT_LR_NOT_OVERLAP:
					assert_false(a->day == b->day && a->period == b->period);
					break;
				}
			}
	}
	int P = m->periods, S = m->days * P;
	unsigned char *tocc = xcalloc((size_t)m->nteachers * (size_t)S, 1);
	unsigned char *locc = xcalloc((size_t)m->nleaves * (size_t)S, 1);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		assert_true(l->day >= 0);
		tocc[c->teachers[0] * S + l->day * P + l->period] = 1;
		locc[m->sets[c->sets[0]].leaves[0] * S + l->day * P + l->period] = 1;
	}
	for (int k = 0; k < m->ndrules; k++) {
		const struct tt_drule *x = &m->drules[k];
		if (x->weight < 100)
			continue;
		bool teachers = x->everyone == 1;
		int n = teachers ? m->nteachers : m->nleaves;
		for (int w = 0; w < n; w++)
			for (int d = 0; d < m->days; d++) {
				const unsigned char *o = (teachers ? tocc : locc) + w * S + d * P;
				int first = -1, last = -1, hours = 0;
				for (int p = 0; p < P; p++)
					if (o[p]) {
						hours++;
						first = first < 0 ? p : first;
						last = p;
					}
				int gaps = first < 0 ? 0 : last - first + 1 - hours;
				if (x->kind == TT_DR_MAX_GAPS_DAY && gaps > x->n)
					fail_msg("teacher %d: %d gaps on day %d", w, gaps, d);
				if (x->kind == TT_DR_MAX_HOURS_DAY && hours > x->n)
					fail_msg("class %d: %d periods on day %d", w, hours, d);
			}
	}
	free(tocc);
	free(locc);
}

static void solve_all_placed(struct tt_model *m, unsigned long seed)
{
	struct tt_solve_opts o = {seed, UNTIMED, STEPS};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(m, &o, &r), XQ_OK);
	if (r.nunplaced) {
		char why[512];
		tt_violation_text(m, &r.why[0], why, sizeof why);
		fail_msg("seed %lu: %d of %d lessons placed; first left out: %s", seed, r.placed, r.total, why);
	}
	assert_int_equal(r.placed, r.total);
	assert_int_equal(r.violations, 0);
	tt_solve_result_free(&r);
}

static void test_solves_rules(void **state)
{
	(void)state;
	/* thirty lessons a class and six a day at most: every class's every day full */
	for (unsigned seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		generate_load(&m, 2, 3, 6, seed, 30, 24);
		add_rules(&m, 6);
		solve_all_placed(&m, seed);
		assert_int_equal(violations(&m), 0);
		assert_rules_kept(&m);
		tt_model_free(&m);
	}
	/* the rules are not idle: solved without them, the same term breaks some */
	struct tt_model m;
	generate_load(&m, 2, 3, 6, 1, 30, 24);
	solve_all_placed(&m, 1);
	assert_int_equal(violations(&m), 0);
	add_rules(&m, 6);
	assert_true(violations(&m) > 0);
	tt_model_free(&m);
}

static void test_rules_same_seed(void **state)
{
	(void)state;
	struct tt_model a, b;
	generate_load(&a, 2, 3, 6, 4, 30, 24);
	generate_load(&b, 2, 3, 6, 4, 30, 24);
	add_rules(&a, 6);
	add_rules(&b, 6);
	solve_all_placed(&a, 9);
	solve_all_placed(&b, 9);
	assert_int_equal(a.nlessons, b.nlessons);
	for (int i = 0; i < a.nlessons; i++) {
		assert_int_equal(a.lessons[i].day, b.lessons[i].day);
		assert_int_equal(a.lessons[i].period, b.lessons[i].period);
		assert_int_equal(a.lessons[i].room, b.lessons[i].room);
	}
	assert_int_equal(violations(&a), 0);
	tt_model_free(&a);
	tt_model_free(&b);
}

/* Solves m on jobs threads: every lesson placed, no violation. */
static void solve_jobs(struct tt_model *m, unsigned long seed, int jobs)
{
	struct tt_solve_opts o = {seed, UNTIMED, STEPS};
	o.jobs = jobs;
	struct tt_solve_result r;
	assert_int_equal(tt_solve(m, &o, &r), XQ_OK);
	if (r.nunplaced)
		fail_msg("seed %lu, %d jobs: %d of %d lessons placed", seed, jobs, r.placed, r.total);
	assert_int_equal(r.placed, r.total);
	assert_int_equal(r.violations, 0);
	assert_int_equal(violations(m), 0);
	tt_solve_result_free(&r);
}

static void assert_same_places(const struct tt_model *a, const struct tt_model *b)
{
	assert_int_equal(a->nlessons, b->nlessons);
	for (int i = 0; i < a->nlessons; i++) {
		assert_int_equal(a->lessons[i].day, b->lessons[i].day);
		assert_int_equal(a->lessons[i].period, b->lessons[i].period);
		assert_int_equal(a->lessons[i].room, b->lessons[i].room);
	}
}

/* Two threads on a term of two schools sharing no teacher (each solved on its own), with
 * and without rules over lessons and on days: every lesson placed, no violation, each rule
 * kept; the same seed twice, the same timetable. */
static void test_jobs_apart(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 3; seed++) {
		struct tt_model a, b;
		generate_shared(&a, 2, 4, 6, seed, 31, 27, 0);
		generate_shared(&b, 2, 4, 6, seed, 31, 27, 0);
		solve_jobs(&a, seed, 2);
		solve_jobs(&b, seed, 2);
		assert_same_places(&a, &b);
		tt_model_free(&a);
		tt_model_free(&b);
		generate_shared(&a, 2, 3, 6, seed, 30, 24, 0);
		add_rules(&a, 6);
		solve_jobs(&a, seed, 2);
		assert_rules_kept(&a);
		tt_model_free(&a);
	}
}

/* Two and three threads on connected terms: four schools with a few teachers between them
 * (their lessons placed first, then the schools apart), one with many (restarts racing),
 * and one school (restarts), one with lessons locked: every lesson placed, no violation,
 * the locked ones where they were; the same seed twice, the same timetable. */
static void test_jobs_connected(void **state)
{
	(void)state;
	static const int shapes[][4] = {{4, 4, 10, 24}, {3, 4, 6, 4}, {1, 6, 8, 0}};
	for (int k = 0; k < 3; k++)
		for (int jobs = 2; jobs <= 3; jobs++) {
			struct tt_model a, b;
			const int *x = shapes[k];
			generate_shared(&a, x[0], x[1], x[2], 5 + (unsigned)k, 31, 27, x[3]);
			generate_shared(&b, x[0], x[1], x[2], 5 + (unsigned)k, 31, 27, x[3]);
			solve_jobs(&a, 3, jobs);
			solve_jobs(&b, 3, jobs);
			assert_same_places(&a, &b);
			tt_model_free(&a);
			tt_model_free(&b);
		}
	struct tt_model m;
	generate_shared(&m, 4, 3, 6, 8, 31, 27, 12);
	for (int i = 0; i < 3; i++) {
		m.lessons[i * 40].day = i;
		m.lessons[i * 40].period = 2;
		m.lessons[i * 40].locked = true;
	}
	solve_jobs(&m, 1, 2);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(m.lessons[i * 40].day, i);
		assert_int_equal(m.lessons[i * 40].period, 2);
	}
	tt_model_free(&m);
}

static bool stop_at_second(void *ctx, const struct tt_progress *p)
{
	int *calls = ctx;
	assert_int_equal(p->total, 6 * 31);
	return ++*calls < 2;
}

/* Two threads on a term that cannot fit (one teacher for all of a school's lessons), told
 * to stop by the progress callback, which is called on the calling thread: what is handed
 * back breaks no rule. */
static void test_jobs_stopped(void **state)
{
	(void)state;
	struct tt_model m;
	generate(&m, 1, 6, 8, 5);
	one_teacher(&m);
	int calls = 0;
	struct tt_solve_opts o = {1, UNTIMED, STEPS, false, stop_at_second, &calls, 2};
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	assert_int_equal(calls, 2);
	assert_true(r.placed <= 35);
	assert_int_equal(violations(&m), 0);
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

static int soft_of[256];
static void soft_tally(void *ctx, const struct tt_violation *v)
{
	(void)ctx;
	assert_int_equal(v->rule, TT_LESSON_RULE);
	if (v->who < 256)
		soft_of[v->who]++;
}

/* Soft rules (weight 80) on one day: one over a course's lessons that must fall on different
 * days, which cannot be kept, and one over two lessons of a class, which can. */
/* A repair after a teacher is away a day: every hard rule kept, and lessons moved by it
 * brought back where moves that break nothing let them: with the students' days compact and
 * two restarts racing, the eight repairs move 68 lessons in all (143 when the solve had no
 * ejections and gave them other timetables to start from; 156 before moved lessons were
 * brought back). */
static void add_drule(struct tt_model *m, int kind, int n, int everyone);
static void test_repair_brings_back(void **state)
{
	(void)state;
	int moved = 0, must = 0;
	for (unsigned seed = 1; seed <= 8; seed++) {
		struct tt_model m;
		generate(&m, 3, 4, 6, seed);
		/* the students' days without a free period, begun at the first */
		add_drule(&m, TT_DR_MAX_GAPS_DAY, 0, 2);
		add_drule(&m, TT_DR_EARLY_SECOND, 0, 2);
		struct tt_solve_opts o = {seed, UNTIMED, STEPS};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, r.total);
		tt_solve_result_free(&r);
		/* the teacher of the first lesson on the first day is away that day */
		int t = -1;
		for (int i = 0; i < m.nlessons && t < 0; i++)
			if (m.lessons[i].day == 0)
				t = m.courses[m.lessons[i].course].teachers[0];
		assert_true(t >= 0);
		for (int p = 0; p < m.periods; p++)
			m.unav_teacher[t * m.days * m.periods + p] = 1;
		struct tt_solve_opts ro = {seed, UNTIMED, STEPS};
		ro.repair = true;
		ro.jobs = 2; /* as on two cores: restarts race, the fewest moves win */
		assert_int_equal(tt_solve(&m, &ro, &r), XQ_OK);
		assert_int_equal(violations(&m), 0);
		assert_int_equal(r.placed, r.total);
		assert_true(r.moved >= r.must_move);
		moved += r.moved;
		must += r.must_move;
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
	print_message("repair: %d moved, at least %d had to\n", moved, must);
	assert_true(moved <= 150); /* 156 before lessons away were brought back */
}

/* Blocks of four lessons, one of each class of the first school, each block to start at
 * once (as option blocks of a school's year): the whole block moves together, and every
 * term is placed whole within 600 steps. */
static void test_start_blocks(void **state)
{
	(void)state;
	int whole = 0;
	for (unsigned seed = 1; seed <= 6; seed++) {
		struct tt_model m;
		generate(&m, 1, 4, 8, seed);
		bool *used = xcalloc((size_t)m.nlessons, sizeof *used);
		for (int b = 0; b < 9; b++) {
			int ls[4], n = 0;
			for (int k = 0; k < 4; k++)
				for (int i = 0; i < m.nlessons && n == k; i++) {
					bool other = !used[i] && m.courses[m.lessons[i].course].sets[0] == k;
					for (int q = 0; q < n && other; q++)
						other = teacher_of(&m, ls[q]) != teacher_of(&m, i);
					if (other)
						ls[n++] = i;
				}
			assert_int_equal(n, 4);
			for (int q = 0; q < 4; q++)
				used[ls[q]] = true;
			add_lrule(&m, TT_LR_SAME_START, 100, 0, ls, 4);
		}
		free(used);
		struct tt_solve_opts o = {seed, UNTIMED, 600};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		if (r.placed == r.total && r.nunplaced == 0) {
			assert_int_equal(violations(&m), 0);
			whole++;
		}
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
	assert_int_equal(whole, 6); /* moved a lesson at a time, 4 of the 6 in as many steps */
}

static void test_soft_rules(void **state)
{
	(void)state;
	struct tt_model m;
	generate_load(&m, 2, 3, 6, 2, 30, 24);
	add_rules(&m, 6);
	int c = 0, n = 0, f = -1;
	for (; c < m.ncourses; c++) {
		f = first_lesson(&m, c, &n);
		if (m.courses[c].different_days && n >= 3)
			break;
	}
	assert_true(c < m.ncourses);
	int ls[5];
	for (int k = 0; k < n; k++)
		ls[k] = f + k;
	int never = m.nlrules;
	add_lrule(&m, TT_LR_SAME_DAY, 80, 0, ls, n);
	int x = lesson_of_class(&m, 3, -1, -1, -1);
	int y = lesson_of_class(&m, 3, teacher_of(&m, x), -1, -1);
	int can = m.nlrules;
	add_lrule(&m, TT_LR_SAME_DAY, 80, 0, (int[]){x, y}, 2);
	assert_true(can < 256);
	struct tt_solve_opts o = {2, UNTIMED, STEPS};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
	assert_int_equal(r.placed, r.total);
	assert_int_equal(r.nunplaced, 0);
	assert_int_equal(r.violations, 0);
	assert_int_equal(violations(&m), 0);
	assert_rules_kept(&m);
	memset(soft_of, 0, sizeof soft_of);
	int soft = tt_check_soft(&m, soft_tally, NULL);
	assert_int_equal(r.soft, soft);
	/* every pair of the course's lessons on two days: each pair one */
	assert_int_equal(soft_of[never], n * (n - 1) / 2);
	assert_int_equal(soft_of[can], 0);
	assert_int_equal(m.lessons[x].day, m.lessons[y].day);
	assert_int_equal(soft, n * (n - 1) / 2);
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* Soft rules on days for every teacher: no free period between lessons in the week
 * (weight 90), lessons on three days at most (weight 70). */
static void add_soft_days(struct tt_model *m)
{
	add_drule(m, TT_DR_MAX_GAPS_WEEK, 0, 1);
	m->drules[m->ndrules - 1].weight = 90;
	add_drule(m, TT_DR_MAX_DAYS, 3, 1);
	m->drules[m->ndrules - 1].weight = 70;
}

/* Solves m (seed) with every lesson placed and every hard rule kept; its soft score. */
static double solve_soft(struct tt_model *m, unsigned long seed)
{
	struct tt_solve_opts o = {seed, UNTIMED, STEPS};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(m, &o, &r), XQ_OK);
	assert_int_equal(r.placed, r.total);
	assert_int_equal(r.nunplaced, 0);
	assert_int_equal(r.violations, 0);
	assert_int_equal(violations(m), 0);
	int count = -1;
	double score = tt_soft_score(m, &count, NULL, NULL);
	assert_true(r.soft_score == score);
	assert_int_equal(r.soft, count);
	tt_solve_result_free(&r);
	return score;
}

/* A term of two schools solved blind to the soft rules add puts on it, and solved with
 * them: the second scores below factor times the first, every hard rule kept; the same seed,
 * the same timetable. */
static void weighed_beats_blind(int per_class, int cap, void (*add)(struct tt_model *), double factor)
{
	for (unsigned seed = 1; seed <= 2; seed++) {
		struct tt_model blind, weighed, again;
		generate_load(&blind, 2, 3, 6, seed, per_class, cap);
		add_rules(&blind, 6);
		solve_soft(&blind, 5);
		add(&blind);
		double before = tt_soft_score(&blind, NULL, NULL, NULL);
		generate_load(&weighed, 2, 3, 6, seed, per_class, cap);
		add_rules(&weighed, 6);
		add(&weighed);
		double after = solve_soft(&weighed, 5);
		assert_rules_kept(&weighed);
		if (!(after < before * factor))
			fail_msg("seed %u: soft score %g weighed, %g blind", seed, after, before);
		generate_load(&again, 2, 3, 6, seed, per_class, cap);
		add_rules(&again, 6);
		add(&again);
		assert_true(solve_soft(&again, 5) == after);
		assert_same_places(&weighed, &again);
		tt_model_free(&blind);
		tt_model_free(&weighed);
		tt_model_free(&again);
	}
}

/* Soft rules on days weighed: far better kept than by the term solved blind to them. */
static void test_soft_days_improved(void **state)
{
	(void)state;
	weighed_beats_blind(30, 24, add_soft_days, 0.7);
}

/* A course of n lessons for the one teacher and class of m, on different days if asked. */
static void add_course(struct tt_model *m, int n, bool different_days)
{
	m->courses = xrealloc(m->courses, (size_t)(m->ncourses + 1) * sizeof *m->courses);
	struct tt_course *c = &m->courses[m->ncourses];
	memset(c, 0, sizeof *c);
	c->label = tt_string(m, "course");
	c->length = 1;
	c->different_days = different_days;
	c->room_kind = -1;
	c->students = -1;
	c->sets = xcalloc(1, sizeof(int));
	c->nsets = 1;
	c->teachers = xcalloc(1, sizeof(int));
	c->nteachers = 1;
	for (int q = 0; q < n; q++) {
		m->lessons = xrealloc(m->lessons, (size_t)(m->nlessons + 1) * sizeof *m->lessons);
		m->lessons[m->nlessons++] = (struct tt_lesson){m->ncourses, q + 1, -1, -1, -1, false};
	}
	m->ncourses++;
}

/* A term of one school whose classes have only the first three periods of the first day. */
static void three_periods(struct tt_model *m, int classes, int teachers)
{
	generate_shared(m, 1, classes, teachers, 1, 0, 0, 0);
	int S = m->days * m->periods;
	for (int k = 0; k < classes; k++)
		for (int slot = 3; slot < S; slot++)
			m->unav_leaf[k * S + slot] = 1;
}

/* A lesson of class k with teacher t at period p of the first day, as a course of its own. */
static int lesson_at(struct tt_model *m, int k, int t, int p)
{
	int c = m->ncourses;
	add_course(m, 1, false);
	m->courses[c].sets[0] = k;
	m->courses[c].teachers[0] = t;
	m->lessons[c].day = 0;
	m->lessons[c].period = p;
	return c;
}

/* Whether one step of the search (seed) mends the term's one broken rule: a clash still
 * there after the step is taken out, so a term not mended has a lesson left out; a day too
 * short or with a gap (days) stays, and is counted. */
static bool one_step_mends(struct tt_model *m, unsigned long seed, bool days)
{
	assert_int_equal(violations(m), 1);
	struct tt_solve_opts o = {seed, UNTIMED, 1};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(m, &o, &r), XQ_OK);
	assert_int_equal(r.steps, 1);
	if (!days)
		assert_int_equal(violations(m), 0);
	bool mended = violations(m) == 0 && r.placed == r.total;
	tt_solve_result_free(&r);
	return mended;
}

/* On how many of eight seeds one step mends the one broken rule of the term build makes. */
static int mended_of(void (*build)(struct tt_model *), bool days)
{
	int mended = 0;
	for (unsigned long seed = 1; seed <= 8; seed++) {
		struct tt_model m;
		build(&m);
		mended += one_step_mends(&m, seed, days);
		tt_model_free(&m);
	}
	return mended;
}

/* One clash no single move mends: in three periods of one day, x (class A, teacher 0) and y
 * (A, teacher 1) both at period 1, w (A, teacher 2) at 2 beside z (class B, teacher 0) and v
 * (class C, teacher 1); teachers 0 and 1 away at period 3. Every move of x or y meets as
 * much or more; taking w and z (or w and v) out of period 2 and placing them again mends it,
 * in one step. */
static void ejection_term(struct tt_model *m)
{
	three_periods(m, 3, 3);
	int S = m->days * m->periods;
	m->unav_teacher[0 * S + 2] = m->unav_teacher[1 * S + 2] = 1;
	const int set[] = {0, 0, 0, 1, 2}, teacher[] = {0, 1, 2, 0, 1}, period[] = {0, 0, 1, 1, 1};
	for (int c = 0; c < 5; c++)
		lesson_at(m, set[c], teacher[c], period[c]);
}

static void test_ejection(void **state)
{
	(void)state;
	/* a step takes a random place one time in 128 instead; moves alone mend none */
	assert_true(mended_of(ejection_term, false) >= 7);
}

/* A week full to the brim that only a Kempe chain mends: seven classes with one lesson in
 * each of three periods of one day (period 2 locked), teacher 0 in classes A and C at
 * period 1. A move of either lesson meets its class's lesson where it goes; a swap of two
 * lessons of one class meets another teacher's lesson; taking lessons out and placing them
 * again (ejections, three levels) does not reach far enough. Periods 1 and 3 of classes A, D
 * and F changed over together (or of C, E and G) mend it, in one step. */
static void kempe_term(struct tt_model *m)
{
	three_periods(m, 7, 15);
	/* class, teacher at periods 1, 2, 3 */
	const int teacher[7][3] = {
		{0, 1, 2},    /* A */
		{1, 0, 4},    /* B */
		{0, 10, 5},   /* C */
		{2, 7, 3},    /* D */
		{5, 11, 12},  /* E */
		{3, 8, 9},    /* F */
		{12, 13, 14}, /* G */
	};
	for (int k = 0; k < 7; k++)
		for (int p = 0; p < 3; p++) {
			int c = lesson_at(m, k, teacher[k][p], p);
			m->lessons[c].locked = p == 1; /* the course's one lesson */
		}
}

static void test_kempe(void **state)
{
	(void)state;
	/* a step takes a random place one time in 128 instead */
	assert_true(mended_of(kempe_term, false) >= 7);
}

/* A day shorter than a minimum that no move of its own lesson mends: the teacher (at least
 * two periods on a day taught, none is fine) has x alone on the first day, in a class that
 * has only that day, and three lessons of another class on the second day. Every move of x
 * leaves it alone; bringing one of the three to the first day mends it, in one step. */
static void pull_term(struct tt_model *m)
{
	generate_shared(m, 1, 2, 1, 1, 0, 0, 0);
	int S = m->days * m->periods;
	for (int slot = m->periods; slot < S; slot++)
		m->unav_leaf[0 * S + slot] = 1; /* class A: the first day only */
	for (int slot = 2 * m->periods; slot < S; slot++)
		m->unav_teacher[slot] = 1; /* the teacher: the first two days */
	m->drules = xrealloc(m->drules, (size_t)(m->ndrules + 1) * sizeof *m->drules);
	m->drules[m->ndrules++] = (struct tt_drule){TT_DR_MIN_HOURS_DAY, 100, 2, true, 0, -1, 0};
	lesson_at(m, 0, 0, 0); /* x */
	for (int p = 0; p < 3; p++) {
		int c = lesson_at(m, 1, 0, p);
		m->lessons[c].day = 1;
	}
}

/* A gap in the students' day (none allowed) that no move of its own lesson mends: class A has
 * a (locked) at period 1 and x at period 3 of the first day, x's teacher only then; the class
 * has three lessons of another teacher on the second day. Bringing one of them to period 2
 * mends it, in one step. */
static void gap_term(struct tt_model *m)
{
	generate_shared(m, 1, 1, 2, 1, 0, 0, 0);
	int S = m->days * m->periods;
	for (int slot = 0; slot < S; slot++)
		m->unav_teacher[slot] = slot != 0 && slot != 2; /* teacher 0 */
	add_drule(m, TT_DR_MAX_GAPS_WEEK, 0, 2);
	int a = lesson_at(m, 0, 0, 0);
	m->lessons[a].locked = true;
	lesson_at(m, 0, 0, 2); /* x */
	for (int p = 0; p < 3; p++) {
		int c = lesson_at(m, 0, 1, p);
		m->lessons[c].day = 1;
	}
}

static void test_pull(void **state)
{
	(void)state;
	/* a step takes a random place one time in 128 instead */
	assert_true(mended_of(pull_term, true) >= 7);
	assert_true(mended_of(gap_term, true) >= 7);
}

/* Lessons left out only where that mends a rule: a class of two days of three periods (no
 * free period between its lessons in the week, at least two lessons on a day it has any)
 * has five lessons of a teacher away at the second day's second period, placed in the five
 * periods left. The free period stays whatever moves; no lesson's leaving mends it without a
 * day too short, so all five stay and it is counted (lessons taken out one after another
 * for it, the week's first each time, had left one or two placed). */
static void test_gaps_not_taken_out(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		generate_shared(&m, 1, 1, 1, 1, 0, 0, 0);
		int S = m.days * m.periods;
		for (int slot = 0; slot < S; slot++)
			m.unav_leaf[slot] = slot / m.periods > 1 || slot % m.periods > 2;
		m.unav_teacher[1 * m.periods + 1] = 1;
		add_drule(&m, TT_DR_MAX_GAPS_WEEK, 0, 2);
		add_drule(&m, TT_DR_MIN_HOURS_DAY, 2, 2);
		m.drules[m.ndrules - 1].empty_days = true;
		add_course(&m, 5, false);
		const int at[5][2] = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}};
		for (int i = 0; i < 5; i++) {
			m.lessons[i].day = at[i][0];
			m.lessons[i].period = at[i][1];
		}
		assert_int_equal(violations(&m), 1);
		struct tt_solve_opts o = {seed, UNTIMED, 200};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_true(r.placed >= 4);
		assert_int_equal(r.nunplaced, 5 - r.placed);
		assert_int_equal(r.violations, 1);
		assert_int_equal(violations(&m), 1);
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
}

/* A rule on days broken by a locked lesson alone: the teacher's first day holds only its
 * locked lesson, and a day it teaches must have two periods at least; its other lesson, a
 * double on the second day, breaks no rule where it is and must come over. No lesson the
 * search may move met a rule there, and it had taken the week for clean. */
static void test_locked_day_short(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		generate_shared(&m, 1, 2, 1, 1, 0, 0, 0);
		add_drule(&m, TT_DR_MIN_HOURS_DAY, 2, 1);
		m.drules[m.ndrules - 1].empty_days = true;
		int fixed = lesson_at(&m, 0, 0, 0);
		m.lessons[fixed].locked = true;
		int dbl = lesson_at(&m, 1, 0, 0);
		m.courses[dbl].length = 2;
		m.lessons[dbl].day = 1;
		assert_int_equal(violations(&m), 1);
		struct tt_solve_opts o = {seed, UNTIMED, 200};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, 2);
		assert_int_equal(r.violations, 0);
		assert_int_equal(violations(&m), 0);
		assert_int_equal(m.lessons[dbl].day, 0);
		assert_int_equal(m.lessons[fixed].period, 0);
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
}

/* One class whose days have no free period between lessons and begin at the first period,
 * lessons of teachers 0, 1 and 2 at periods 1, 2 and 3 of the first day; teacher "away" is
 * not there on the whole first day (only at its lesson's period when "that_period"). */
static int must_with_away(int away, bool that_period)
{
	struct tt_model m;
	generate_shared(&m, 1, 1, 3, 1, 0, 0, 0);
	int S = m.days * m.periods;
	add_drule(&m, TT_DR_MAX_GAPS_WEEK, 0, 2);
	add_drule(&m, TT_DR_EARLY_SECOND, 0, 2);
	for (int p = 0; p < 3; p++)
		lesson_at(&m, 0, p, p);
	for (int p = 0; p < m.periods; p++)
		m.unav_teacher[away * S + p] = !that_period || p == away;
	int n = tt_must_move(&m);
	tt_model_free(&m);
	return n;
}

/* The least a repair must move counts the lessons a day without gaps makes move: the lesson
 * that leaves the middle or the start of the day leaves a free period that another lesson
 * must fill or close; one leaving its end does not; nor one that may stay on that day. */
static void test_must_move_holes(void **state)
{
	(void)state;
	assert_int_equal(must_with_away(1, false), 2);
	assert_int_equal(must_with_away(0, false), 2);
	assert_int_equal(must_with_away(2, false), 1);
	assert_int_equal(must_with_away(1, true), 1);
}

/* A term that cannot be kept whole: six classes of 33 lessons, at most six a day for five
 * days, and every class's days without a free period, begun at the first; three lessons of
 * each class must be left out. The search ends wherever its last steps took it, often with
 * more broken; what it hands back is the placement nearest to keeping every rule that it
 * found (20,000 steps), which leaves out only those 18 on most seeds (a day begun late may
 * stay: leaving lessons out does not mend it). */
static void test_nearest_kept(void **state)
{
	(void)state;
	int least = 0;
	for (unsigned seed = 1; seed <= 12; seed++) {
		struct tt_model m;
		generate_load(&m, 1, 6, 9, seed, 33, 34);
		add_drule(&m, TT_DR_MAX_GAPS_WEEK, 0, 2);
		add_drule(&m, TT_DR_EARLY_SECOND, 0, 2);
		add_drule(&m, TT_DR_MAX_HOURS_DAY, 6, 2);
		struct tt_solve_opts o = {seed, UNTIMED, 20000};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.total, 198);
		assert_true(r.placed <= 180);
		least += r.placed == 180;
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
	if (least < 9)
		fail_msg("%d of 12 seeds leave out only the 18 lessons that must be", least);
}

/* Filling: full weeks (six classes, each a lesson in every one of its 35 periods, seven
 * teachers nearly as full, each course's lessons on different days) with no free period
 * between the students' lessons, every day begun at the first period, at most two free
 * periods in a teacher's week. Filling after the first step that brings no new least, from
 * the placement then, the lightest first and in FET's order, every lesson is placed and the
 * checker (no code shared with the solver's) finds every hard rule kept in what the filling
 * hands back, on every seed; the same seed, the same timetable. */
static void full_weeks(struct tt_model *m, unsigned long seed)
{
	generate_load(m, 1, 6, 7, (unsigned)seed, 35, 33);
	add_drule(m, TT_DR_MAX_GAPS_WEEK, 0, 2);
	add_drule(m, TT_DR_EARLY_SECOND, 0, 2);
	add_drule(m, TT_DR_MAX_GAPS_WEEK, 2, 1);
	for (int c = 0; c < m->ncourses; c++)
		m->courses[c].different_days = true;
}

/* The k-th run of a loop filling after the first step without a new least: seeds 1, 1, 2,
 * 2, ..., lightest first, then in FET's order; at most steps. */
static struct tt_solve_opts filling_run(unsigned long k, long steps)
{
	struct tt_solve_opts o = {k / 2 + 1, UNTIMED, steps};
	o.fill_after = 1;
	o.fill_fet = k % 2;
	return o;
}

/* Runs filling_run 0 .. runs - 1 on the terms make builds: every lesson placed (total of
 * them, when not -1), every hard rule kept by the checker's word, at least one filling that
 * placed every lesson, the same timetable from the same seed. */
static void fill_runs(void (*make)(struct tt_model *, unsigned long), unsigned long runs, int total)
{
	for (unsigned long k = 0; k < runs; k++) {
		struct tt_solve_opts o = filling_run(k, 30000);
		struct tt_model m, again;
		make(&m, o.seed);
		make(&again, o.seed);
		struct tt_solve_result r, r2;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		if (total >= 0)
			assert_int_equal(r.total, total);
		if (r.placed != r.total || violations(&m) != 0)
			fail_msg("seed %lu%s: %d of %d placed, %d hard rules broken", o.seed, k % 2 ? " (FET's order)" : "",
				r.placed, r.total, violations(&m));
		if (r.fills < 1 || r.filled < 1)
			fail_msg("seed %lu%s: filled %d of %d times", o.seed, k % 2 ? " (FET's order)" : "", r.filled, r.fills);
		assert_int_equal(tt_solve(&again, &o, &r2), XQ_OK);
		assert_same_places(&m, &again);
		tt_solve_result_free(&r);
		tt_solve_result_free(&r2);
		tt_model_free(&m);
		tt_model_free(&again);
	}
}

static void test_fill(void **state)
{
	(void)state;
	fill_runs(full_weeks, 16, 210);
}

/* Full weeks (as test_fill's) with a slot of each of two classes closed: counts prove two
 * lessons cannot be placed, so every filling falls short, leaving at least those two out.
 * The search, cut short, hands back what it tells (hard rules left broken: free periods a
 * lesson out opens), each lesson out told with a rule in its way, the same seed the same
 * timetable, both ways of filling; and on some seeds the timetable handed back is that of
 * the filling that left the fewest out, fewer going out of it than out of where the search
 * ended (without it: 10 to 12 out, against 2 to 7). */
static void test_fill_short(void **state)
{
	(void)state;
	int from_fill = 0;
	for (unsigned long k = 0; k < 8; k++) {
		struct tt_solve_opts o = filling_run(k, 3000);
		struct tt_model m, again;
		full_weeks(&m, o.seed);
		full_weeks(&again, o.seed);
		int S = m.days * m.periods;
		for (int c = 0; c < 2; c++) { /* the last period of a day: no free period forced */
			int slot = c * S + c * m.periods + m.periods - 1;
			m.unav_leaf[slot] = again.unav_leaf[slot] = 1;
		}
		struct tt_solve_result r, r2;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.proofs, 2);
		assert_true(r.fills >= 1);
		assert_int_equal(r.filled, 0);
		assert_true(r.fill_least >= 2);
		assert_true(r.nunplaced >= 2);
		assert_int_equal(r.placed + r.nunplaced, 210);
		assert_int_equal(violations(&m), r.violations);
		for (int q = 0; q < r.nunplaced; q++) {
			assert_int_equal(m.lessons[r.unplaced[q]].day, -1);
			assert_true(r.why[q].rule != TT_NO_ROOM && r.why[q].rule != TT_PAST_DAY);
		}
		from_fill += r.from_fill;
		assert_int_equal(tt_solve(&again, &o, &r2), XQ_OK);
		assert_same_places(&m, &again);
		assert_int_equal(r2.from_fill, r.from_fill);
		tt_solve_result_free(&r);
		tt_solve_result_free(&r2);
		tt_model_free(&m);
		tt_model_free(&again);
	}
	if (from_fill == 0)
		fail_msg("no search ended with the fewest a filling left out");
}

/* Filling with rules between lessons and on the days of a week: every course of two lessons
 * not held to different days, one right after the other; add_rules' lessons at one start
 * and never at once; every teacher on four days at most. A lesson's place takes out the
 * lesson its rule would be broken with there, and every lesson of another day of a teacher
 * it would give a fifth day (as FET's generator does), so both ways of filling, from the
 * placement after the first step without a new least, place every lesson with every hard
 * rule kept by the checker's word, on every seed; the same seed, the same timetable. */
static void rules_weeks(struct tt_model *m, unsigned long seed)
{
	generate_load(m, 1, 6, 9, (unsigned)seed, 30, 24);
	add_rules(m, 7);
	for (int c = 0; c < m->ncourses; c++) {
		int n, f = first_lesson(m, c, &n);
		bool tied = false;
		for (int r = 0; r < m->nlrules && !tied; r++)
			for (int q = 0; q < m->lrules[r].nlessons; q++)
				tied |= m->lrules[r].lessons[q] == f;
		if (n == 2 && !m->courses[c].different_days && !tied)
			add_lrule(m, TT_LR_CONSECUTIVE, 100, 0, (int[]){f, f + 1}, 2);
	}
	add_drule(m, TT_DR_MAX_DAYS, 4, 1);
}

static void test_fill_rules(void **state)
{
	(void)state;
	fill_runs(rules_weeks, 12, -1);
}

/* Weeks of 30 lessons a class in 35 places, each day of a class in one piece from the
 * first period (no free period between lessons, none late), at least five lessons a day:
 * filling counts what the rules ask of a class's days together, as FET does: the free
 * periods a place leaves and the days short of five hours may each be few enough for the
 * lessons out, but not all together. */
static void shaped_weeks(struct tt_model *m, unsigned long seed)
{
	generate_load(m, 1, 6, 6, (unsigned)seed, 30, 30);
	add_drule(m, TT_DR_MAX_GAPS_WEEK, 0, 2);
	add_drule(m, TT_DR_EARLY_SECOND, 0, 2);
	add_drule(m, TT_DR_MIN_HOURS_DAY, 5, 2);
}

static void test_fill_shapes(void **state)
{
	(void)state;
	fill_runs(shaped_weeks, 16, -1);
}

/* Two years of one school, each of five groups of four subgroups: the year's own lessons
 * over its twenty subgroups (14 a week), each group's over its four (8), each subgroup's
 * alone (6): 28 of 35 periods; eighteen teachers in turn, none with more than 22 lessons. */
static void wide_years(struct tt_model *m, unsigned long seed)
{
	generate_load(m, 1, 1, 18, (unsigned)seed, 0, 22);
	free(m->sets[0].leaves);
	free(m->sets);
	enum { YEARS = 2, GROUPS = 5, SUBS = 4 };
	m->nsets = YEARS * (1 + GROUPS + GROUPS * SUBS);
	m->nleaves = YEARS * GROUPS * SUBS;
	m->sets = xcalloc((size_t)m->nsets, sizeof *m->sets);
	free(m->unav_leaf);
	m->unav_leaf = xcalloc((size_t)m->nleaves * (size_t)(m->days * m->periods), 1);
	int k = 0, leaf = 0, t = (int)(seed % 18), load[18] = {0};
	for (int y = 0; y < YEARS; y++) {
		int year = k++;
		m->sets[year] = (struct tt_set){tt_string(m, "year"), 0, xmalloc(GROUPS * SUBS * sizeof(int)), 0, -1, -1};
		for (int g = 0; g < GROUPS; g++) {
			int group = k++;
			m->sets[group] = (struct tt_set){tt_string(m, "group"), 0, xmalloc(SUBS * sizeof(int)), 0, year, -1};
			for (int q = 0; q < SUBS; q++, leaf++) {
				int sub = k++;
				m->sets[sub] = (struct tt_set){tt_string(m, "subgroup"), 0, xmalloc(sizeof(int)), 1, group, -1};
				m->sets[sub].leaves[0] = leaf;
				m->sets[group].leaves[m->sets[group].nleaves++] = leaf;
				m->sets[year].leaves[m->sets[year].nleaves++] = leaf;
			}
		}
	}
	/* courses of two lessons: seven a year, four a group, three a subgroup */
	for (int set = 0; set < m->nsets; set++) {
		int n = m->sets[set].parent < 0 ? 7 : m->sets[set].nleaves > 1 ? 4 : 3;
		for (int q = 0; q < n; q++) {
			while (load[t] + 2 > 22)
				t = (t + 1) % 18;
			load[t] += 2;
			add_course(m, 2, true);
			m->courses[m->ncourses - 1].sets[0] = set;
			m->courses[m->ncourses - 1].teachers[0] = t;
			t = (t + 3) % 18;
		}
	}
}

/* Lessons over many atomic sets (a year's over its twenty subgroups) have those in their
 * way sought in their school's slots: the same timetable as set by set, from the greedy
 * start and from FET's, every lesson placed and every hard rule kept. */
static void test_wide_courses(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++)
		for (int fet = 0; fet < 2; fet++) {
			struct tt_model a, b;
			wide_years(&a, seed);
			wide_years(&b, seed);
			struct tt_solve_opts o = {seed, UNTIMED, 20000};
			o.start = fet ? TT_START_FET : TT_START_GREEDY;
			o.fill_fet = fet;
			struct tt_solve_result ra, rb;
			assert_int_equal(tt_solve(&a, &o, &ra), XQ_OK);
			o.narrow = true;
			assert_int_equal(tt_solve(&b, &o, &rb), XQ_OK);
			assert_int_equal(ra.wide, 2 * 7); /* the years' own courses */
			assert_int_equal(rb.wide, 0);
			if (ra.placed != ra.total)
				fail_msg("seed %lu%s: %d of %d lessons placed", seed, fet ? ", as FET" : "", ra.placed, ra.total);
			assert_int_equal(violations(&a), 0);
			assert_same_places(&a, &b);
			assert_int_equal(ra.steps, rb.steps);
			tt_solve_result_free(&ra);
			tt_solve_result_free(&rb);
			tt_model_free(&a);
			tt_model_free(&b);
		}
}

/* a solved with o, then b with *other set (an option of o): the same places after the same
 * steps, the same soft score; both freed. */
static void solved_alike(struct tt_model *a, struct tt_model *b, struct tt_solve_opts *o, bool *other)
{
	struct tt_solve_result ra, rb;
	*other = false;
	assert_int_equal(tt_solve(a, o, &ra), XQ_OK);
	*other = true;
	assert_int_equal(tt_solve(b, o, &rb), XQ_OK);
	assert_same_places(a, b);
	assert_int_equal(ra.steps, rb.steps);
	assert_true(ra.soft_score == rb.soft_score);
	tt_solve_result_free(&ra);
	tt_solve_result_free(&rb);
	tt_model_free(a);
	tt_model_free(b);
}

/* Weeks whose courses of two to five lessons each have a rule of days apart, of every kind
 * in turn: hard and soft, back to back on one day or not, from none to three days apart. */
static void apart_weeks(struct tt_model *m, unsigned long seed)
{
	static const struct {
		double weight;
		int n;
		bool flag;
	} kinds[] = {{100, 2, false}, {100, 1, true}, {95, 1, true}, {60, 2, false}, {100, 0, true}, {40, 3, true}};
	generate_load(m, 1, 6, 9, (unsigned)seed, 30, 24);
	for (int c = 0, k = 0; c < m->ncourses; c++) {
		int n, f = first_lesson(m, c, &n), ls[5];
		if (n < 2 || n > 5)
			continue;
		for (int q = 0; q < n; q++)
			ls[q] = f + q;
		int kind = k++ % 6;
		add_lrule(m, TT_LR_MIN_DAYS, kinds[kind].weight, kinds[kind].n, ls, n);
		m->lrules[m->nlrules - 1].flag = kinds[kind].flag;
	}
}

/* The rules of days apart weighed from their lessons laid each day: the same timetable after
 * the same steps as weighed lesson by lesson, from the greedy start and from FET's. */
static void test_apart_counted(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 2; seed++)
		for (int fet = 0; fet < 2; fet++) {
			struct tt_model a, b;
			apart_weeks(&a, seed);
			apart_weeks(&b, seed);
			struct tt_solve_opts o = {seed, UNTIMED, 8000};
			o.start = fet ? TT_START_FET : TT_START_GREEDY;
			solved_alike(&a, &b, &o, &o.apart_by_lessons);
		}
}

/* A laid lesson weighed where it lies with its own part of the counts taken out (meets_rule):
 * the same timetable after the same steps as lifting it and laying it again, from the greedy
 * start and from FET's, on weeks with rules of days apart, with years over many atomic sets,
 * and with rules on days; and a course over one atomic set twice, which is always lifted. */
static void test_weighed_laid(void **state)
{
	(void)state;
	for (int kind = 0; kind < 4; kind++)
		for (int fet = 0; fet < 2; fet++) {
			unsigned long seed = (unsigned long)kind + 1;
			struct tt_model a, b;
			for (int k = 0; k < 2; k++) {
				struct tt_model *m = k ? &b : &a;
				if (kind == 0)
					apart_weeks(m, seed);
				else if (kind == 1)
					wide_years(m, seed);
				else
					rules_weeks(m, seed);
				if (kind == 3) { /* a class's lessons over its set twice */
					struct tt_course *c = &m->courses[0];
					c->sets = xrealloc(c->sets, ((size_t)c->nsets + 1) * sizeof *c->sets);
					c->sets[c->nsets] = c->sets[0];
					c->nsets++;
				}
			}
			struct tt_solve_opts o = {seed, UNTIMED, 8000};
			o.start = fet ? TT_START_FET : TT_START_GREEDY;
			solved_alike(&a, &b, &o, &o.lift_to_weigh);
		}
}

/* Beginning as FET does (TT_START_FET): test_fill_rules' terms, a lesson of each locked where
 * a first solve put it; every other lesson taken out and placed from an empty week in FET's
 * order: all placed with every hard rule kept by the checker's word, the locked ones where
 * they were, and the same timetable from the same seed whether the lessons were placed
 * before or not; and so on two threads. */
static void test_start_fet(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 4; seed++) {
		struct tt_model m, again;
		rules_weeks(&m, seed);
		rules_weeks(&again, seed);
		struct tt_solve_opts o = {seed, UNTIMED, 30000};
		o.start = TT_START_FET;
		struct tt_solve_result r, r2;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, r.total);
		assert_int_equal(violations(&m), 0);
		assert_true(r.fills >= 1);
		tt_solve_result_free(&r);
		/* lock a lesson of each class where it is; solve the placed term and a copy with
		 * only those placed */
		for (int k = 0; k < m.nsets; k++) {
			int i = lesson_of_class(&m, k, -1, -1, -1);
			m.lessons[i].locked = again.lessons[i].locked = true;
			again.lessons[i].day = m.lessons[i].day;
			again.lessons[i].period = m.lessons[i].period;
		}
		struct tt_lesson *kept = xmalloc((size_t)m.nlessons * sizeof *kept);
		memcpy(kept, m.lessons, (size_t)m.nlessons * sizeof *kept);
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(tt_solve(&again, &o, &r2), XQ_OK);
		if (r.placed != r.total || violations(&m) != 0)
			fail_msg("seed %lu: %d of %d placed, %d hard rules broken", seed, r.placed, r.total, violations(&m));
		for (int i = 0; i < m.nlessons; i++)
			if (kept[i].locked) {
				assert_int_equal(m.lessons[i].day, kept[i].day);
				assert_int_equal(m.lessons[i].period, kept[i].period);
			}
		assert_same_places(&m, &again);
		free(kept);
		tt_solve_result_free(&r);
		tt_solve_result_free(&r2);
		tt_model_free(&m);
		tt_model_free(&again);
	}
	/* two threads: four schools with teachers between them (those lessons first, then each
	 * school apart, each beginning so, then the whole once more from there, not from the
	 * start) and one school (restarts racing, each beginning so) */
	static const int shapes[][4] = {{4, 4, 10, 24}, {1, 6, 8, 0}};
	for (int k = 0; k < 2; k++) {
		struct tt_model a, b;
		const int *x = shapes[k];
		generate_shared(&a, x[0], x[1], x[2], 5 + (unsigned)k, 31, 27, x[3]);
		generate_shared(&b, x[0], x[1], x[2], 5 + (unsigned)k, 31, 27, x[3]);
		struct tt_solve_opts o = {3, UNTIMED, STEPS};
		o.jobs = 2;
		o.start = TT_START_FET;
		struct tt_solve_result r, r2;
		assert_int_equal(tt_solve(&a, &o, &r), XQ_OK);
		assert_int_equal(tt_solve(&b, &o, &r2), XQ_OK);
		if (r.placed != r.total || violations(&a) != 0)
			fail_msg("shape %d: %d of %d placed, %d hard rules broken", k, r.placed, r.total, violations(&a));
		assert_same_places(&a, &b);
		tt_solve_result_free(&r);
		tt_solve_result_free(&r2);
		tt_model_free(&a);
		tt_model_free(&b);
	}
}

/* Filling in FET's order draws each soft rule on lessons as FET's generator does, every
 * time it weighs a place: hard with the chance of its weight. A course of five lessons of
 * one class and teacher, wanted on five days (at least a day apart) in the first three
 * periods, both at 99.99 %, and nothing else in the week: FET's beginning alone (the search
 * stopped as soon as the last is placed, so that it mends nothing) keeps both rules, where a
 * filling blind to them leaves the five where the draws between equal places put them. */
static void test_fill_draws_soft(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 5; seed++) {
		struct tt_model m;
		generate_load(&m, 1, 1, 1, 1, 0, 35);
		add_course(&m, 5, false);
		int five[5] = {0, 1, 2, 3, 4};
		add_lrule(&m, TT_LR_MIN_DAYS, 99.99, 1, five, 5);
		add_lrule(&m, TT_LR_TIME_SLOTS, 99.99, 0, five, 5);
		unsigned char *slots = m.lrules[m.nlrules - 1].slots = xcalloc((size_t)m.days * (size_t)m.periods, 1);
		for (int d = 0; d < m.days; d++)
			memset(slots + d * m.periods, 1, 3);
		struct tt_solve_opts o = {seed, UNTIMED, 5}; /* a step a turn: five turns */
		o.start = TT_START_FET;
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, r.total);
		assert_int_equal(r.filled, 1);
		assert_int_equal(r.steps, 5);
		if (r.soft != 0)
			fail_msg("seed %lu: %d soft rules broken by FET's beginning", seed, r.soft);
		for (int i = 0; i < 5; i++)
			assert_true(m.lessons[i].period < 3);
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
}

/* Restarts racing (one school of full weeks, as test_fill's, on two threads, filling after
 * a step without a new least): the timetable handed back is that of the restart which,
 * run alone, ends with every hard rule kept soonest by its clock (tt_job's), each restart
 * being the same search in the race as alone. */
static void test_jobs_race(void **state)
{
	(void)state;
	int timed = 0, fills = 0, differ = 0;
	for (unsigned long seed = 17; seed <= 22; seed++) {
		struct tt_model race, alone[2];
		full_weeks(&race, seed);
		/* filling soon after a stall: its turns weigh otherwise than steps on the clock */
		struct tt_solve_opts ro = {seed, UNTIMED, 30000};
		ro.jobs = 2;
		ro.fill_after = 1;
		struct tt_solve_result rr;
		assert_int_equal(tt_solve(&race, &ro, &rr), XQ_OK);
		fills += rr.fills;
		tt_solve_result_free(&rr);
		long key[2], by_steps[2];
		bool well[2];
		for (int k = 0; k < 2; k++) {
			full_weeks(&alone[k], seed);
			atomic_long bound;
			atomic_init(&bound, LONG_MAX);
			struct tt_job j = {.bound = &bound, .index = k, .n = 2};
			struct tt_solve_opts o = {seed + (unsigned long)k, UNTIMED, 30000};
			o.fill_after = 1;
			struct tt_solve_result r;
			assert_int_equal(tt_solve_one(&alone[k], &o, &r, &j), XQ_OK);
			key[k] = tt_job_key(&j, j.clock);
			by_steps[k] = r.steps * 2 + k;
			well[k] = j.ended_well;
			tt_solve_result_free(&r);
		}
		int win = well[0] != well[1] ? well[1] : key[1] < key[0];
		assert_true(well[win]);
		assert_same_places(&race, &alone[win]);
		timed += key[0] > 1 && key[1] > 1; /* both searched: the clock chose */
		/* seed 22: the clock and the steps alone choose differently */
		differ += well[0] && well[1] && (key[1] < key[0]) != (by_steps[1] < by_steps[0]);
		tt_model_free(&race);
		tt_model_free(&alone[0]);
		tt_model_free(&alone[1]);
	}
	assert_true(timed > 0);
	assert_true(fills > 0);
	assert_true(differ > 0);
}

/* The default start (TT_START_MIXED) on restarts racing: the first (index 0) begins as
 * TT_START_GREEDY's, the second as FET does (TT_START_FET's, filling once at the start),
 * each the same search as so begun; alone (no race) every restart begins greedy. */
static void test_start_mixed(void **state)
{
	(void)state;
	static const int ways[] = {TT_START_MIXED, TT_START_GREEDY, TT_START_FET};
	int differ = 0;
	for (unsigned long seed = 1; seed <= 3; seed++)
		for (int k = 0; k < 3; k++) {
			struct tt_model m[3];
			int fills[3];
			for (int w = 0; w < 3; w++) {
				full_weeks(&m[w], seed);
				atomic_long bound;
				atomic_init(&bound, LONG_MAX);
				/* k 2: one restart alone, not racing */
				struct tt_job j = {.bound = k < 2 ? &bound : NULL, .index = k % 2, .n = k < 2 ? 2 : 1};
				struct tt_solve_opts o = {seed, UNTIMED, 30000};
				o.start = ways[w];
				struct tt_solve_result r;
				assert_int_equal(tt_solve_one(&m[w], &o, &r, &j), XQ_OK);
				fills[w] = r.fills;
				tt_solve_result_free(&r);
			}
			assert_true(fills[2] >= 1); /* FET's beginning is a filling */
			const struct tt_model *like = &m[k == 1 ? 2 : 1];
			assert_same_places(&m[0], like);
			assert_int_equal(fills[0], fills[k == 1 ? 2 : 1]);
			for (int i = 0; i < m[1].nlessons; i++)
				if (m[1].lessons[i].day != m[2].lessons[i].day || m[1].lessons[i].period != m[2].lessons[i].period) {
					differ++; /* the two beginnings lead elsewhere: the test tells them apart */
					break;
				}
			for (int w = 0; w < 3; w++)
				tt_model_free(&m[w]);
		}
	assert_true(differ >= 6);
}

/* The restart a mixed race begins as FET (the second) is, in the race, the search that
 * TT_START_FET runs alone from its seed: it fills in FET's order whatever fill_fet says,
 * and as often and as noisily as alone (a race begun greedy makes every other restart
 * fill later and wander less). On test_fill's full weeks, filling after a step without a
 * new least: FET's beginning gives up after a turn without fewer out (as long a stall as
 * the search's before it fills), and the search fills again. */
static void test_fet_racer_alone(void **state)
{
	(void)state;
	int again = 0;
	for (unsigned long seed = 1; seed <= 6; seed++) {
		struct tt_model race, alone;
		full_weeks(&race, seed);
		full_weeks(&alone, seed);
		atomic_long bound;
		atomic_init(&bound, LONG_MAX);
		struct tt_job j = {.bound = &bound, .index = 1, .n = 2};
		struct tt_solve_opts o = {seed, UNTIMED, 30000};
		o.fill_after = 1;
		struct tt_solve_result r, r2;
		assert_int_equal(tt_solve_one(&race, &o, &r, &j), XQ_OK);
		o.start = TT_START_FET;
		o.fill_fet = true;
		assert_int_equal(tt_solve_one(&alone, &o, &r2, NULL), XQ_OK);
		assert_same_places(&race, &alone);
		assert_int_equal(r.fills, r2.fills);
		again += r.fills > 1; /* filled again after FET's beginning: the test tells */
		tt_solve_result_free(&r);
		tt_solve_result_free(&r2);
		tt_model_free(&race);
		tt_model_free(&alone);
	}
	if (again < 2)
		fail_msg("filled again after FET's beginning on %d seeds of 6", again);
}

/* Racing restarts are set against each other by a clock of the solver's work, whichever
 * way a restart begins: a step of the search weighs a lesson's places, and a turn of FET's
 * filling seeks places for the lessons in a lesson's way, each far more than one tick. A
 * clock that ticked once a step or a turn let a restart begun as FET run on many times
 * longer than one begun greedily that had ended sooner: the whole solve waited for it. */
static void test_race_clock(void **state)
{
	(void)state;
	static const int ways[] = {TT_START_GREEDY, TT_START_FET};
	for (unsigned long seed = 1; seed <= 3; seed++)
		for (int w = 0; w < 2; w++) {
			struct tt_model m;
			full_weeks(&m, seed);
			atomic_long bound;
			atomic_init(&bound, LONG_MAX);
			struct tt_job j = {.bound = &bound, .index = w, .n = 2};
			struct tt_solve_opts o = {seed, UNTIMED, 30000};
			o.start = ways[w];
			struct tt_solve_result r;
			assert_int_equal(tt_solve_one(&m, &o, &r, &j), XQ_OK);
			/* each step or turn weighs or seeks the lesson's place in every slot of the
			 * week at least */
			long slots = (long)m.days * m.periods;
			if (j.clock < r.steps * slots)
				fail_msg("seed %lu, %s: clock %ld after %ld steps of %ld slots", seed,
					w ? "FET" : "greedy", j.clock, r.steps, slots);
			assert_true(j.ended_well);
			tt_solve_result_free(&r);
			tt_model_free(&m);
		}
}

/* A soft rule against a hard one: five lessons on different days (hard) and the teacher's
 * lessons on one day (soft, 99) cannot both hold; the hard one does, the soft one is broken
 * by four days (4 × 99), and a soft rule that can be kept beside it (no free period a day,
 * 60) is. */
static void test_soft_below_hard(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		generate_load(&m, 1, 1, 1, 1, 0, 35);
		add_course(&m, 5, true);
		add_course(&m, 2, false);
		add_drule(&m, TT_DR_MAX_DAYS, 1, 1);
		m.drules[0].weight = 99;
		add_drule(&m, TT_DR_MAX_GAPS_DAY, 0, 1);
		m.drules[1].weight = 60;
		double score = solve_soft(&m, seed);
		for (int i = 0; i < 5; i++)
			for (int j = i + 1; j < 5; j++)
				assert_int_not_equal(m.lessons[i].day, m.lessons[j].day);
		if (score != 4 * 99)
			fail_msg("seed %lu: soft score %g, not 396", seed, score);
		tt_model_free(&m);
	}
}

/* A hard rule holding lesson i to start in slot (of the week) only, as FET's preferred
 * starting time at 100 % does. */
static void hold_to(struct tt_model *m, int i, int slot)
{
	add_lrule(m, TT_LR_START_SLOTS, 100, 0, &i, 1);
	m->lrules[m->nlrules - 1].slots = xcalloc((size_t)m->days * (size_t)m->periods, 1);
	m->lrules[m->nlrules - 1].slots[slot] = 1;
}

/* Lessons held to one start each by hard rules on slots (FET's preferred starting time at
 * 100 %, not locked), with a soft rule between them they cannot keep: the search ends once
 * every hard rule holds, trying no move of them for the soft rule (it tried one pass after
 * another, some two thousand steps). A lesson of the class that may move still does. */
static void test_pinned_soft(void **state)
{
	(void)state;
	struct tt_model m;
	generate_load(&m, 1, 1, 1, 1, 0, 35);
	add_course(&m, 2, false);
	int both[2] = {0, 1};
	for (int i = 0; i < 2; i++)
		hold_to(&m, i, i); /* the first day, periods 1 and 2 */
	add_lrule(&m, TT_LR_MIN_DAYS, 50, 1, both, 2);
	struct tt_solve_opts o = {1, UNTIMED, STEPS};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
	assert_int_equal(r.placed, r.total);
	assert_int_equal(violations(&m), 0);
	assert_int_equal(m.lessons[0].day * m.periods + m.lessons[0].period, 0);
	assert_int_equal(m.lessons[1].day * m.periods + m.lessons[1].period, 1);
	assert_true(r.soft_score == 50);
	if (r.steps > 100)
		fail_msg("%ld steps for a soft rule no move may mend", r.steps);
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* Half the lessons of a tight term held by hard rules to the starts a first solve gave
 * them (FET's fixed times), the other half free, all taken out and placed again: a lesson
 * at its one start stays there and is not taken out for another, so the search moves only
 * the free half: some 1,900 steps over ten seeds, where moving the held ones away and back
 * took some 4,400. */
static void test_held_starts(void **state)
{
	(void)state;
	long steps = 0;
	for (unsigned seed = 1; seed <= 10; seed++) {
		struct tt_model m;
		generate_load(&m, 1, 8, 10, seed, 35, 30);
		struct tt_solve_opts o = {seed, UNTIMED, STEPS};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, r.total);
		tt_solve_result_free(&r);
		int *start = xcalloc((size_t)m.nlessons, sizeof *start);
		for (int i = 0; i < m.nlessons; i++) {
			start[i] = m.lessons[i].day * m.periods + m.lessons[i].period;
			if (i % 2 == 0)
				hold_to(&m, i, start[i]);
			m.lessons[i].day = m.lessons[i].period = -1;
		}
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, r.total);
		assert_int_equal(violations(&m), 0);
		for (int i = 0; i < m.nlessons; i += 2)
			assert_int_equal(m.lessons[i].day * m.periods + m.lessons[i].period, start[i]);
		steps += r.steps;
		tt_solve_result_free(&r);
		free(start);
		tt_model_free(&m);
	}
	if (steps > 3000)
		fail_msg("%ld steps over ten seeds (moving held lessons: some 4,400)", steps);
}

/* Two lessons of one class held by hard rules to the same start: one is placed there and
 * held, the other is left out with the rule that stands in its way; every hard rule kept by
 * what is placed. */
static void test_held_clash(void **state)
{
	(void)state;
	struct tt_model m;
	generate_load(&m, 1, 1, 2, 1, 0, 35);
	add_course(&m, 3, false);
	for (int i = 0; i < 2; i++)
		hold_to(&m, i, 3);
	struct tt_solve_opts o = {1, UNTIMED, 5000};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
	assert_int_equal(r.placed, 2);
	assert_int_equal(r.nunplaced, 1);
	int out = r.unplaced[0], in = 1 - out;
	assert_true(out == 0 || out == 1);
	assert_int_equal(m.lessons[in].day * m.periods + m.lessons[in].period, 3);
	assert_int_equal(m.lessons[out].day, -1);
	assert_int_equal(violations(&m), 0);
	assert_non_null(r.block_at);
	assert_true(r.block_at[1] > r.block_at[0]);
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* A soft "ends its students' day" weighed: in a generated term with its hard rules, a
 * lesson of every third course asked (weight 90) to end its class's day: each does (a soft
 * score of 0; the rules present but not weighed leave some broken), every hard rule kept;
 * and the same seed, the same timetable. */
static void add_soft_ends(struct tt_model *m)
{
	int ends[64], n = 0;
	for (int c = 0; c < m->ncourses && n < 10; c += 3) {
		int k, f = first_lesson(m, c, &k);
		if (f >= 0 && m->courses[c].nsets)
			ends[n++] = f;
	}
	for (int k = 0; k < n; k++)
		add_lrule(m, TT_LR_ENDS_DAY, 90, 0, &ends[k], 1);
}

static void test_soft_ends_day(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 4; seed++) {
		struct tt_model m, again;
		generate_load(&m, 2, 3, 6, seed, 30, 24);
		add_rules(&m, 6);
		add_soft_ends(&m);
		double score = solve_soft(&m, 5);
		assert_rules_kept(&m);
		if (score != 0)
			fail_msg("seed %u: soft score %g, not 0", seed, score);
		generate_load(&again, 2, 3, 6, seed, 30, 24);
		add_rules(&again, 6);
		add_soft_ends(&again);
		assert_true(solve_soft(&again, 5) == score);
		assert_same_places(&m, &again);
		tt_model_free(&m);
		tt_model_free(&again);
	}
}

/* Rooms r0 .. of school 0 (or of each class's school, by home), none of a kind, no
 * capacity; n of them, their slots all available. */
static void set_rooms(struct tt_model *m, int n, const int *school)
{
	int S = m->days * m->periods;
	m->nrooms = n;
	m->rooms = xcalloc((size_t)n, sizeof *m->rooms);
	for (int r = 0; r < n; r++)
		m->rooms[r] = (struct tt_room){tt_string(m, "room"), school ? school[r] : 0, -1, -1};
	free(m->unav_room);
	m->unav_room = xcalloc((size_t)n * (size_t)S, 1);
}

/* One teacher and one class, five lessons on different days, rooms R1 and R2 (limited: the
 * course may use those two only; else it needs none). */
static void five_in_two_rooms(struct tt_model *m, bool limited)
{
	generate_load(m, 1, 1, 1, 1, 0, 35);
	add_course(m, 5, true);
	set_rooms(m, 2, NULL);
	if (limited) {
		m->courses[0].rooms = xcalloc(2, sizeof(int));
		m->courses[0].rooms[0] = 0;
		m->courses[0].rooms[1] = 1;
		m->courses[0].nrooms = 2;
	}
}

/* Lessons in rooms that none may leave in time (each class has only the first period of
 * the first day): x (may use R1 or R2) and y (R1 or R3) both in R1, z (R2 only) in R2, R3
 * free. Giving y R3 mends it; no move of any does (a move changes the time), nor does
 * taking one out and placing it again where nothing is in its way (x has no free room). */
static void room_term(struct tt_model *m)
{
	generate_shared(m, 1, 3, 3, 1, 0, 0, 0);
	int S = m->days * m->periods;
	for (int k = 0; k < 3; k++)
		for (int slot = 1; slot < S; slot++)
			m->unav_leaf[k * S + slot] = 1;
	set_rooms(m, 3, NULL);
	const int rooms[3][2] = {{0, 1}, {0, 2}, {1, -1}}, in[3] = {0, 0, 1};
	for (int k = 0; k < 3; k++) {
		int c = lesson_at(m, k, k, 0);
		m->courses[c].rooms = xcalloc(2, sizeof(int));
		for (int q = 0; q < 2 && rooms[k][q] >= 0; q++)
			m->courses[c].rooms[m->courses[c].nrooms++] = rooms[k][q];
		m->lessons[c].room = in[k];
	}
}

static void test_room_shuffle(void **state)
{
	(void)state;
	/* a step takes a random place one time in 128 instead */
	assert_true(mended_of(room_term, false) >= 7);
}

/* Two lessons, the second right after the first, that must use a laboratory open only at
 * periods 2 and 4 of each day; with a break at 3 (every teacher and class away, as a FET
 * file's break times) they land there, across it, in their order; without the break no
 * place keeps the rule, and the solver says so. */
static void lab_pair(struct tt_model *m, bool with_break)
{
	generate_load(m, 1, 1, 1, 1, 0, 35);
	add_course(m, 1, false);
	add_course(m, 1, false);
	set_rooms(m, 1, NULL);
	int P = m->periods;
	for (int d = 0; d < m->days; d++) {
		for (int p = 0; p < P; p++)
			m->unav_room[d * P + p] = p != 1 && p != 3;
		if (with_break)
			m->unav_teacher[d * P + 2] = m->unav_leaf[d * P + 2] = 1;
	}
	for (int c = 0; c < 2; c++) {
		m->courses[c].rooms = xcalloc(1, sizeof(int));
		m->courses[c].nrooms = 1;
	}
	add_lrule(m, TT_LR_CONSECUTIVE, 100, 0, (int[]){0, 1}, 2);
	assert_int_equal(m->nteachers * m->nleaves, 1); /* the one teacher and class: everyone */
	tt_model_breaks(m);
}

static void test_consecutive_over_break(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		lab_pair(&m, true);
		assert_non_null(m.breaks);
		struct tt_solve_opts o = {seed, UNTIMED, STEPS};
		struct tt_solve_result r;
		assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
		assert_int_equal(r.placed, 2);
		assert_int_equal(r.violations, 0);
		assert_int_equal(violations(&m), 0);
		assert_int_equal(m.lessons[1].day, m.lessons[0].day);
		assert_int_equal(m.lessons[0].period, 1);
		assert_int_equal(m.lessons[1].period, 3);
		tt_solve_result_free(&r);
		tt_model_free(&m);
	}
	struct tt_model m;
	lab_pair(&m, false);
	assert_null(m.breaks);
	struct tt_solve_opts o = {1, UNTIMED, 5000};
	struct tt_solve_result r;
	assert_int_equal(tt_solve(&m, &o, &r), XQ_OK);
	assert_true(r.placed < 2);
	assert_true(r.nunplaced > 0);
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

/* Slots had rather not (soft "not available") against a hard rule: five lessons on
 * different days (hard) and a teacher who had rather not teach on the first four days (80):
 * four of them there (4 × 80), the hard rule kept; the class had rather not have the last
 * day but its first period (50): kept; and of two rooms the lessons may use, the one with no
 * slot it had rather not (40) is taken. */
static void test_soft_slots_below_hard(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		five_in_two_rooms(&m, true);
		int S = m.days * m.periods;
		m.soft_teacher = xcalloc((size_t)S, sizeof *m.soft_teacher);
		m.soft_leaf = xcalloc((size_t)S, sizeof *m.soft_leaf);
		m.soft_room = xcalloc((size_t)(2 * S), sizeof *m.soft_room);
		for (int k = 0; k < 4 * m.periods; k++)
			m.soft_teacher[k] = 80;
		for (int p = 1; p < m.periods; p++)
			m.soft_leaf[4 * m.periods + p] = 50;
		for (int k = 0; k < S; k++)
			m.soft_room[k] = 40;
		double score = solve_soft(&m, seed);
		for (int i = 0; i < 5; i++) {
			for (int j = i + 1; j < 5; j++)
				assert_int_not_equal(m.lessons[i].day, m.lessons[j].day);
			assert_int_equal(m.lessons[i].room, 1);
			if (m.lessons[i].day == 4)
				assert_int_equal(m.lessons[i].period, 0);
		}
		if (score != 4 * 80)
			fail_msg("seed %lu: soft score %g, not 320", seed, score);
		tt_model_free(&m);
	}
}

/* Slots had rather not weighed in a generated term with its hard rules: every teacher had
 * rather not teach in the first and last periods (60), every class not on the last day's
 * afternoon (70): the term solved with them scores far better than solved blind to them,
 * every hard rule kept; the same seed, the same timetable. */
static void add_soft_slots(struct tt_model *m)
{
	int S = m->days * m->periods;
	m->soft_teacher = xcalloc((size_t)m->nteachers * (size_t)S, sizeof *m->soft_teacher);
	m->soft_leaf = xcalloc((size_t)m->nleaves * (size_t)S, sizeof *m->soft_leaf);
	for (int t = 0; t < m->nteachers; t++)
		for (int d = 0; d < m->days; d++) {
			m->soft_teacher[t * S + d * m->periods] = 60;
			m->soft_teacher[t * S + d * m->periods + m->periods - 1] = 60;
		}
	for (int f = 0; f < m->nleaves; f++)
		for (int p = 4; p < m->periods; p++)
			m->soft_leaf[f * S + (m->days - 1) * m->periods + p] = 70;
}

static void test_soft_slots_improved(void **state)
{
	(void)state;
	weighed_beats_blind(24, 20, add_soft_slots, 0.5);
}

/* Course c had rather use room (weight w), and no other. */
static void prefer(struct tt_model *m, int c, int room, double w)
{
	struct tt_course *x = &m->courses[c];
	x->prefs = xcalloc(1, sizeof *x->prefs);
	x->pref_weights = xcalloc(1, sizeof *x->pref_weights);
	x->prefs[0] = room;
	x->pref_weights[0] = w;
	x->nprefs = 1;
}

/* Preferred rooms against hard rules: five lessons on different days (hard) that need no
 * room and had rather use R1 (90), which is free on the first day only: one of them there,
 * the others without a room (4 × 90), every hard rule kept; five lessons on different days
 * limited to R1 and R2 that had rather use R2 (80), not available on the first three days:
 * two there, three in R1 (3 × 80), none in R2 when it is not available. */
static void test_soft_rooms_below_hard(void **state)
{
	(void)state;
	for (unsigned long seed = 1; seed <= 3; seed++) {
		struct tt_model m;
		five_in_two_rooms(&m, false);
		int S = m.days * m.periods;
		prefer(&m, 0, 0, 90);
		for (int k = m.periods; k < S; k++)
			m.unav_room[k] = 1; /* R1 free on the first day only */
		double score = solve_soft(&m, seed);
		int in_r1 = 0;
		for (int i = 0; i < 5; i++) {
			for (int j = i + 1; j < 5; j++)
				assert_int_not_equal(m.lessons[i].day, m.lessons[j].day);
			assert_true(m.lessons[i].room == -1 || (m.lessons[i].room == 0 && m.lessons[i].day == 0));
			in_r1 += m.lessons[i].room == 0;
		}
		assert_int_equal(in_r1, 1);
		if (score != 4 * 90)
			fail_msg("seed %lu: soft score %g, not 360", seed, score);
		tt_model_free(&m);

		five_in_two_rooms(&m, true);
		prefer(&m, 0, 1, 80);
		for (int k = 0; k < 3 * m.periods; k++)
			m.unav_room[S + k] = 1; /* R2 not available on days 1 to 3 */
		score = solve_soft(&m, seed);
		for (int i = 0; i < 5; i++) {
			assert_true(m.lessons[i].room == 0 || m.lessons[i].room == 1);
			if (m.lessons[i].room == 1)
				assert_true(m.lessons[i].day >= 3);
		}
		if (score != 3 * 80)
			fail_msg("seed %lu: soft score %g, not 240", seed, score);
		tt_model_free(&m);
	}
}

/* A home room for each class (95) and, for each class's first course, its school's music
 * room (60): every class at home for every other lesson, where solved blind to them none
 * is; on one thread and on two (the schools apart, each its rooms), every hard rule kept,
 * the same seed the same timetable. Without preferred rooms, the same term solves as it
 * did with no rooms at all. */
static void add_home_rooms(struct tt_model *m)
{
	int *school = xcalloc((size_t)(m->nsets + m->nschools), sizeof *school);
	for (int k = 0; k < m->nsets; k++)
		school[k] = m->sets[k].school;
	for (int s = 0; s < m->nschools; s++)
		school[m->nsets + s] = s;
	set_rooms(m, m->nsets + m->nschools, school);
	free(school);
	int *seen = xcalloc((size_t)m->nsets, sizeof *seen);
	for (int c = 0; c < m->ncourses; c++) {
		int k = m->courses[c].sets[0];
		if (seen[k]++)
			prefer(m, c, k, 95);
		else
			prefer(m, c, m->nsets + m->sets[k].school, 60);
	}
	free(seen);
}

static void assert_at_home(const struct tt_model *m)
{
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		if (c->prefs[0] < m->nsets && m->lessons[i].room != c->prefs[0])
			fail_msg("lesson %d in room %d, not at home in %d", i, m->lessons[i].room, c->prefs[0]);
	}
}

static void test_soft_rooms_improved(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 2; seed++) {
		struct tt_model blind, weighed, again, bare;
		generate_shared(&blind, 2, 3, 6, seed, 28, 24, 0);
		solve_soft(&blind, 5);
		add_home_rooms(&blind);
		double before = tt_soft_score(&blind, NULL, NULL, NULL);
		generate_shared(&weighed, 2, 3, 6, seed, 28, 24, 0);
		add_home_rooms(&weighed);
		double after = solve_soft(&weighed, 5);
		assert_at_home(&weighed);
		if (!(after < before * 0.2))
			fail_msg("seed %u: soft score %g weighed, %g blind", seed, after, before);
		generate_shared(&again, 2, 3, 6, seed, 28, 24, 0);
		add_home_rooms(&again);
		assert_true(solve_soft(&again, 5) == after);
		assert_same_places(&weighed, &again);
		/* rooms that no course needs or prefers change nothing */
		generate_shared(&bare, 2, 3, 6, seed, 28, 24, 0);
		add_home_rooms(&bare);
		for (int c = 0; c < bare.ncourses; c++)
			bare.courses[c].nprefs = 0;
		solve_soft(&bare, 5);
		assert_same_places(&blind, &bare);
		tt_model_free(&blind);
		tt_model_free(&weighed);
		tt_model_free(&again);
		tt_model_free(&bare);
	}
	for (unsigned seed = 1; seed <= 2; seed++) {
		struct tt_model a, b;
		generate_shared(&a, 2, 3, 6, seed, 28, 24, 0);
		generate_shared(&b, 2, 3, 6, seed, 28, 24, 0);
		add_home_rooms(&a);
		add_home_rooms(&b);
		solve_jobs(&a, seed, 2);
		solve_jobs(&b, seed, 2);
		assert_at_home(&a);
		assert_same_places(&a, &b);
		tt_model_free(&a);
		tt_model_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solves_generated),
		cmocka_unit_test(test_same_seed_same_result),
		cmocka_unit_test(test_locked_kept),
		cmocka_unit_test(test_overloaded),
		cmocka_unit_test(test_cut_short),
		cmocka_unit_test(test_explained),
		cmocka_unit_test(test_proofs),
		cmocka_unit_test(test_school_days_proof),
		cmocka_unit_test(test_open_days),
		cmocka_unit_test(test_solves_rules),
		cmocka_unit_test(test_rules_same_seed),
		cmocka_unit_test(test_repair_brings_back),
		cmocka_unit_test(test_start_blocks),
		cmocka_unit_test(test_ejection),
		cmocka_unit_test(test_kempe),
		cmocka_unit_test(test_pull),
		cmocka_unit_test(test_gaps_not_taken_out),
		cmocka_unit_test(test_locked_day_short),
		cmocka_unit_test(test_room_shuffle),
		cmocka_unit_test(test_consecutive_over_break),
		cmocka_unit_test(test_must_move_holes),
		cmocka_unit_test(test_nearest_kept),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fill_short),
		cmocka_unit_test(test_fill_rules),
		cmocka_unit_test(test_fill_shapes),
		cmocka_unit_test(test_start_fet),
		cmocka_unit_test(test_fill_draws_soft),
		cmocka_unit_test(test_start_mixed),
		cmocka_unit_test(test_fet_racer_alone),
		cmocka_unit_test(test_race_clock),
		cmocka_unit_test(test_wide_courses),
		cmocka_unit_test(test_apart_counted),
		cmocka_unit_test(test_weighed_laid),
		cmocka_unit_test(test_soft_rules),
		cmocka_unit_test(test_soft_days_improved),
		cmocka_unit_test(test_soft_below_hard),
		cmocka_unit_test(test_pinned_soft),
		cmocka_unit_test(test_held_starts),
		cmocka_unit_test(test_held_clash),
		cmocka_unit_test(test_soft_ends_day),
		cmocka_unit_test(test_soft_slots_below_hard),
		cmocka_unit_test(test_soft_slots_improved),
		cmocka_unit_test(test_soft_rooms_below_hard),
		cmocka_unit_test(test_soft_rooms_improved),
		cmocka_unit_test(test_jobs_apart),
		cmocka_unit_test(test_jobs_connected),
		cmocka_unit_test(test_jobs_race),
		cmocka_unit_test(test_jobs_stopped),
	};
	if (getenv("TT_TEST")) /* one test or a few by name, as cmocka matches them */
		cmocka_set_test_filter(getenv("TT_TEST"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
