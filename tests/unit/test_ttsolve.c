/* test_ttsolve.c: the solver on generated models: every lesson placed with no hard
 * violation by the checker (which shares no code with the solver's weighing), locked
 * lessons kept, the same seed the same timetable, and an overloaded teacher's lessons left
 * unplaced with the rule that stood in the way, the rest still clean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/ttsolve.h"
#include "core/util.h"

/* schools s (bells 08:00 + 45 min a period at school 0, 08:20 at 1, ...), classes per school,
 * teachers; each class has courses of 1 to 4 lessons, a quarter of the teachers shared with
 * the next school. Deterministic from seed. */
static void generate(struct tt_model *m, int schools, int classes, int teachers, unsigned seed)
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
	}
	m->nsets = m->nleaves = classes * schools;
	m->sets = xcalloc((size_t)m->nsets, sizeof *m->sets);
	for (int k = 0; k < m->nsets; k++) {
		m->sets[k].name = tt_string(m, "class");
		m->sets[k].school = k / classes;
		m->sets[k].leaves = xmalloc(sizeof(int));
		m->sets[k].leaves[0] = k;
		m->sets[k].nleaves = 1;
	}
	m->unav_teacher = xcalloc((size_t)m->nteachers * (size_t)S, 1);
	m->unav_leaf = xcalloc((size_t)m->nleaves * (size_t)S, 1);
	m->unav_room = xcalloc(1, 1);
	/* each class: 31 lessons a week in courses of up to 4; its teacher load is kept
	 * under 28 of the 35 slots */
	int *load = xcalloc((size_t)m->nteachers, sizeof *load);
	for (int k = 0; k < m->nsets; k++) {
		int school = k / classes, left = 31;
		while (left > 0) {
			int n = 1 + rand() % 4;
			if (n > left)
				n = left;
			int t = -1;
			for (int tries = 0; tries < 50 && (t < 0 || load[t] + n > 27); tries++) {
				t = school * teachers + rand() % teachers;
				if (rand() % 4 == 0 && school + 1 < schools)
					t = (school + 1) * teachers + rand() % teachers; /* shared with the next school */
			}
			if (load[t] + n > 27) { /* the school's least loaded teacher, one lesson at a time */
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
		struct tt_solve_opts o = {seed, 20, 0};
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
	struct tt_solve_opts o = {42, 20, 0};
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
	/* three lessons locked where they are */
	for (int i = 0; i < 3; i++) {
		m.lessons[i * 7].day = i;
		m.lessons[i * 7].period = 2;
		m.lessons[i * 7].locked = true;
	}
	struct tt_solve_opts o = {3, 20, 0};
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	assert_int_equal(r.locked, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(m.lessons[i * 7].day, i);
		assert_int_equal(m.lessons[i * 7].period, 2);
	}
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
	for (int c = 0; c < m.ncourses; c++)
		m.courses[c].teachers[0] = t;
	for (int i = 0; i < m.nlessons; i++)
		extra++;
	assert_true(extra > 35);
	/* a number of steps, not a time, ends the search: the same result on any machine */
	struct tt_solve_opts o = {1, 60, 3000};
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
	tt_solve_result_free(&r);
	tt_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solves_generated),
		cmocka_unit_test(test_same_seed_same_result),
		cmocka_unit_test(test_locked_kept),
		cmocka_unit_test(test_overloaded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
