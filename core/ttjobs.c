/* ttjobs.c: tt_solve on more than one core (core/ttsolve.h). The term's courses fall into
 * units that share no students, room, rule or teacher of one school (most often a school
 * each); the units are dealt into as many parts as there are threads. The lessons of the
 * teachers between parts are placed first, on the calling thread; then each part is solved
 * on a thread of its own with those lessons fixed, and a last pass over the whole term
 * mends what the parts could not and takes out what still breaks a rule. When the term does
 * not split so (one school, or most lessons between parts), or the last pass cannot mend
 * within some steps what the parts made (the lessons between parts fixed where the
 * students' days cannot be filled round them), restarts from different seeds race instead:
 * the one whose search ends with every hard rule kept soonest by a clock that is the same
 * on every run (tt_job's) wins, the others stop when they are past it. A repair always
 * races restarts, each run to its end, and the one that moves the fewest lessons wins.
 * Every thread has its own copy of the lessons and its own search; the rest of the model
 * is only read. The same seed and number of threads give the same timetable. */
#include "core/ttjobs.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"

#define MAX_JOBS 64

int tt_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One search on a thread: its model (a part of the term, or a copy of its lessons), its
 * options and what it hands back. */
struct worker {
	struct tt_model m;
	int *lesson_of; /* [lesson of m] the term's; NULL: the same numbers */
	bool own_lrules;
	struct tt_solve_opts o;
	struct tt_solve_result r;
	struct tt_job j;
	atomic_int placed, conflicted; /* its last progress */
	struct crew *crew;
	pthread_t thread;
	bool started;
};

/* The workers of one round, and how many have finished. */
struct crew {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done;
	atomic_bool stop;
	atomic_long bound;
};

static bool worker_progress(void *ctx, const struct tt_progress *p)
{
	struct worker *w = ctx;
	atomic_store_explicit(&w->placed, p->placed, memory_order_relaxed);
	atomic_store_explicit(&w->conflicted, p->conflicted, memory_order_relaxed);
	return true; /* the search itself looks at the crew's stop */
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	tt_solve_one(&w->m, &w->o, &w->r, &w->j);
	if (w->j.bound && w->j.ended_well) {
		/* the soonest so far: the others stop once past it */
		long key = tt_job_key(&w->j, w->j.clock), cur = atomic_load(w->j.bound);
		while (key < cur && !atomic_compare_exchange_weak(w->j.bound, &cur, key))
			;
	}
	pthread_mutex_lock(&w->crew->mu);
	w->crew->done++;
	pthread_cond_signal(&w->crew->cv);
	pthread_mutex_unlock(&w->crew->mu);
	return NULL;
}

/* Runs the n workers, a thread each, until all are done; meanwhile the caller's progress is
 * called on this thread about ten times a second (placed summed over parts, or the
 * furthest restart's), and stops them all when it says so (and is called no more). */
static void crew_run(struct crew *c, struct worker *w, int n, const struct tt_solve_opts *o, double t0, double limit,
	int total, bool parts)
{
	for (int k = 0; k < n; k++) {
		w[k].crew = c;
		w[k].j.stop = &c->stop;
		if (o && o->progress) {
			w[k].o.progress = worker_progress;
			w[k].o.ctx = &w[k];
		}
		w[k].started = pthread_create(&w[k].thread, NULL, worker_run, &w[k]) == 0;
	}
	for (int k = 0; k < n; k++)
		if (!w[k].started)
			worker_run(&w[k]); /* no thread to be had: here, in turn */
	pthread_mutex_lock(&c->mu);
	while (c->done < n) {
		if (!o || !o->progress || atomic_load(&c->stop)) {
			pthread_cond_wait(&c->cv, &c->mu);
			continue;
		}
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&c->cv, &c->mu, &ts);
		if (c->done == n)
			break;
		pthread_mutex_unlock(&c->mu);
		struct tt_progress p = {now_s() - t0, limit, 0, total, parts ? 0 : INT_MAX};
		for (int k = 0; k < n; k++) {
			int pl = atomic_load_explicit(&w[k].placed, memory_order_relaxed);
			int cf = atomic_load_explicit(&w[k].conflicted, memory_order_relaxed);
			p.placed = parts ? p.placed + pl : pl > p.placed ? pl : p.placed;
			p.conflicted = parts ? p.conflicted + cf : cf < p.conflicted ? cf : p.conflicted;
		}
		if (!o->progress(o->ctx, &p))
			atomic_store(&c->stop, true);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	for (int k = 0; k < n; k++)
		if (w[k].started)
			pthread_join(w[k].thread, NULL);
}

static void crew_init(struct crew *c)
{
	memset(c, 0, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	atomic_init(&c->stop, false);
	atomic_init(&c->bound, LONG_MAX);
}

static void crew_free(struct crew *c)
{
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
}

/* The options of one run: the caller's, with what is left of the time limit. */
static struct tt_solve_opts run_opts(const struct tt_solve_opts *o, unsigned long seed, double t0)
{
	double limit = o->time_limit > 0 ? o->time_limit : 10, left = limit - (now_s() - t0);
	struct tt_solve_opts r = *o;
	r.seed = seed;
	r.time_limit = left > 0.001 ? left : 0.001;
	r.jobs = 1;
	return r;
}

/* w's model: the lessons take[i] of m, their courses, the rules over them (each kept with
 * the lessons it has there) and the rules on days (without the students' when
 * !student_days: on a few lessons a day they say nothing yet); lock[i] fixes a lesson. The
 * teachers, students, rooms and the rest are m's. */
static void part_of(struct worker *w, const struct tt_model *m, const bool *take, const bool *lock, bool student_days)
{
	struct tt_model *p = &w->m;
	*p = *m;
	int *course_new = xcalloc((size_t)m->ncourses + 1, sizeof *course_new);
	int *lesson_new = xcalloc((size_t)m->nlessons + 1, sizeof *lesson_new);
	for (int i = 0; i < m->nlessons; i++)
		if (take[i])
			course_new[m->lessons[i].course] = 1;
	p->ncourses = 0;
	p->courses = xcalloc((size_t)m->ncourses + 1, sizeof *p->courses);
	for (int c = 0; c < m->ncourses; c++)
		if (course_new[c]) {
			p->courses[p->ncourses] = m->courses[c];
			course_new[c] = p->ncourses++;
		}
	p->nlessons = 0;
	p->lessons = xcalloc((size_t)m->nlessons + 1, sizeof *p->lessons);
	w->lesson_of = xcalloc((size_t)m->nlessons + 1, sizeof *w->lesson_of);
	for (int i = 0; i < m->nlessons; i++) {
		lesson_new[i] = -1;
		if (!take[i])
			continue;
		struct tt_lesson l = m->lessons[i];
		l.course = course_new[l.course];
		l.locked = l.locked || (lock && lock[i]);
		w->lesson_of[p->nlessons] = i;
		lesson_new[i] = p->nlessons;
		p->lessons[p->nlessons++] = l;
	}
	p->nlrules = 0;
	p->lrules = xcalloc((size_t)m->nlrules + 1, sizeof *p->lrules);
	for (int r = 0; r < m->nlrules; r++) {
		const struct tt_lrule *x = &m->lrules[r];
		int n = 0;
		for (int q = 0; q < x->nlessons; q++)
			n += lesson_new[x->lessons[q]] >= 0;
		if (!n)
			continue;
		struct tt_lrule y = *x;
		y.lessons = xcalloc((size_t)n, sizeof *y.lessons);
		y.nlessons = 0;
		for (int q = 0; q < x->nlessons; q++)
			if (lesson_new[x->lessons[q]] >= 0)
				y.lessons[y.nlessons++] = lesson_new[x->lessons[q]];
		p->lrules[p->nlrules++] = y;
	}
	w->own_lrules = true;
	if (!student_days) {
		p->ndrules = 0;
		p->drules = xcalloc((size_t)m->ndrules + 1, sizeof *p->drules);
		for (int r = 0; r < m->ndrules; r++)
			if (m->drules[r].teacher >= 0 || m->drules[r].everyone == 1)
				p->drules[p->ndrules++] = m->drules[r];
	}
	p->lesson_ext = NULL;
	free(course_new);
	free(lesson_new);
}

/* What worker_of and part_of made, and its result. */
static void worker_free(struct worker *w, const struct tt_model *m)
{
	if (w->own_lrules) {
		for (int r = 0; r < w->m.nlrules; r++)
			free(w->m.lrules[r].lessons);
		free(w->m.lrules);
		free(w->m.courses);
	}
	if (w->m.drules != m->drules)
		free(w->m.drules);
	free(w->m.lessons);
	free(w->lesson_of);
	tt_solve_result_free(&w->r);
}

/* The places w found, into m. */
static void put_places(const struct worker *w, struct tt_model *m)
{
	for (int k = 0; k < w->m.nlessons; k++) {
		struct tt_lesson *l = &m->lessons[w->lesson_of ? w->lesson_of[k] : k];
		l->day = w->m.lessons[k].day;
		l->period = w->m.lessons[k].period;
		l->room = w->m.lessons[k].room;
	}
}

static void join(int *up, int a, int b)
{
	a = xq_uf_find(up, a);
	b = xq_uf_find(up, b);
	if (a != b)
		up[a > b ? a : b] = a < b ? a : b; /* the smaller number leads: the same every run */
}

/* Joins node x to the first node seen at *first. */
static void join_first(int *up, int *first, int x)
{
	if (*first < 0)
		*first = x;
	else
		join(up, *first, x);
}

struct unit {
	int root, lessons;
};

static int by_size(const void *pa, const void *pb)
{
	const struct unit *a = pa, *b = pb;
	return a->lessons != b->lessons ? b->lessons - a->lessons : a->root - b->root;
}

/* bin[course]: which of jobs parts each course falls in; bridge[course]: whether a teacher
 * of it teaches in another part too. Returns the number of parts, or 0 when splitting
 * would not pay (fewer than two parts, one part small beside the others, or a quarter of
 * the lessons between parts). */
static int split(const struct tt_model *m, int jobs, int *bin, bool *bridge)
{
	int nc = m->ncourses, nr = m->nrooms;
	/* nodes: the courses, then the rooms */
	int *up = xcalloc((size_t)(nc + nr) + 1, sizeof *up);
	for (int k = 0; k < nc + nr; k++)
		up[k] = k;
	int *first = xcalloc((size_t)(m->nleaves > m->nteachers ? m->nleaves : m->nteachers) + 1, sizeof *first);
	/* students */
	for (int k = 0; k < m->nleaves; k++)
		first[k] = -1;
	for (int c = 0; c < nc; c++)
		for (int q = 0; q < m->courses[c].nsets; q++) {
			const struct tt_set *x = &m->sets[m->courses[c].sets[q]];
			for (int f = 0; f < x->nleaves; f++)
				join_first(up, &first[x->leaves[f]], c);
		}
	/* rooms: of the course's list, or of its school and kind, or it had rather use; and where
	 * a lesson is */
	int kinds = 0;
	for (int r = 0; r < nr; r++)
		kinds = m->rooms[r].kind >= kinds ? m->rooms[r].kind + 1 : kinds;
	for (int c = 0; c < nc; c++)
		kinds = m->courses[c].room_kind >= kinds ? m->courses[c].room_kind + 1 : kinds;
	int *kind_first = xcalloc((size_t)(m->nschools + 1) * (size_t)(kinds + 1), sizeof *kind_first);
	for (int k = 0; k < (m->nschools + 1) * (kinds + 1); k++)
		kind_first[k] = -1;
	for (int r = 0; r < nr; r++) {
		const struct tt_room *x = &m->rooms[r];
		if (x->kind >= 0 && x->school >= 0 && x->school < m->nschools)
			join_first(up, &kind_first[x->school * (kinds + 1) + x->kind], nc + r);
	}
	for (int c = 0; c < nc; c++) {
		const struct tt_course *x = &m->courses[c];
		for (int q = 0; q < x->nrooms; q++)
			join(up, c, nc + x->rooms[q]);
		for (int q = 0; q < x->nprefs; q++) /* a room it had rather use: it may take it */
			join(up, c, nc + x->prefs[q]);
		if (!x->nrooms && x->room_kind >= 0 && x->school >= 0 && x->school < m->nschools)
			join_first(up, &kind_first[x->school * (kinds + 1) + x->room_kind], c);
	}
	free(kind_first);
	for (int i = 0; i < m->nlessons; i++)
		if (m->lessons[i].room >= 0 && m->lessons[i].room < nr)
			join(up, m->lessons[i].course, nc + m->lessons[i].room);
	/* rules over lessons */
	for (int r = 0; r < m->nlrules; r++)
		for (int q = 1; q < m->lrules[r].nlessons; q++)
			join(up, m->lessons[m->lrules[r].lessons[0]].course, m->lessons[m->lrules[r].lessons[q]].course);
	/* teachers of one school */
	int *school_of = xcalloc((size_t)m->nteachers + 1, sizeof *school_of);
	for (int t = 0; t < m->nteachers; t++) {
		school_of[t] = INT_MIN;
		first[t] = -1;
	}
	for (int c = 0; c < nc; c++)
		for (int q = 0; q < m->courses[c].nteachers; q++) {
			int t = m->courses[c].teachers[q];
			if (school_of[t] == INT_MIN)
				school_of[t] = m->courses[c].school;
			else if (school_of[t] != m->courses[c].school)
				school_of[t] = INT_MAX; /* between schools */
		}
	for (int c = 0; c < nc; c++)
		for (int q = 0; q < m->courses[c].nteachers; q++) {
			int t = m->courses[c].teachers[q];
			if (school_of[t] != INT_MAX)
				join_first(up, &first[t], c);
		}
	/* the units, largest first, each into the part with the fewest lessons yet */
	int *size = xcalloc((size_t)nc + 1, sizeof *size);
	for (int i = 0; i < m->nlessons; i++)
		size[xq_uf_find(up, m->lessons[i].course)]++;
	struct unit *units = xcalloc((size_t)nc + 1, sizeof *units);
	int nu = 0;
	for (int c = 0; c < nc; c++)
		if (xq_uf_find(up, c) == c && size[c] > 0)
			units[nu++] = (struct unit){c, size[c]};
	qsort(units, (size_t)nu, sizeof *units, by_size);
	int parts = jobs < nu ? jobs : nu;
	int *load = xcalloc((size_t)parts + 1, sizeof *load);
	for (int u = 0; u < nu; u++) {
		int b = 0;
		for (int k = 1; k < parts; k++)
			if (load[k] < load[b])
				b = k;
		load[b] += units[u].lessons;
		size[units[u].root] = b; /* now: the unit's part */
	}
	for (int c = 0; c < nc; c++)
		bin[c] = size[xq_uf_find(up, c)];
	/* the teachers in more than one part, and their courses */
	for (int t = 0; t < m->nteachers; t++)
		first[t] = -1; /* now: the part of the teacher's first course, INT_MAX: more */
	for (int c = 0; c < nc; c++)
		for (int q = 0; q < m->courses[c].nteachers; q++) {
			int t = m->courses[c].teachers[q];
			if (first[t] == -1)
				first[t] = bin[c];
			else if (first[t] != bin[c])
				first[t] = INT_MAX;
		}
	for (int c = 0; c < nc; c++) {
		bridge[c] = false;
		for (int q = 0; q < m->courses[c].nteachers && !bridge[c]; q++)
			bridge[c] = first[m->courses[c].teachers[q]] == INT_MAX;
	}
	/* whether it pays: the unlocked lessons of each part apart from those between parts */
	int free_total = 0, between = 0, least = INT_MAX;
	memset(load, 0, (size_t)parts * sizeof *load);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (l->locked)
			continue;
		free_total++;
		if (bridge[l->course])
			between++;
		else
			load[bin[l->course]]++;
	}
	for (int k = 0; k < parts; k++)
		least = load[k] < least ? load[k] : least;
	bool pays = parts >= 2 && least * 4 * parts >= free_total && between * 4 <= free_total;
	free(load);
	free(units);
	free(size);
	free(school_of);
	free(first);
	free(up);
	return pays ? parts : 0;
}

/* The steps a part, or the last pass over the whole term, takes before the term is solved
 * whole instead: some times what a part or a mend of a few lessons needs. */
#define MEND_STEPS(m) (10000L + (long)(m)->nlessons)

/* The parts on their threads, as the top of the file says; false (m as it was given) when
 * the term does not split so that it pays, or when what the parts made is not mended within
 * MEND_STEPS and time is left. */
static bool solve_parts(struct tt_model *m, const struct tt_solve_opts *o, struct tt_solve_result *r, int jobs,
	double t0)
{
	int *bin = xcalloc((size_t)m->ncourses + 1, sizeof *bin);
	bool *bridge = xcalloc((size_t)m->ncourses + 1, sizeof *bridge);
	int parts = split(m, jobs, bin, bridge);
	if (!parts) {
		free(bin);
		free(bridge);
		return false;
	}
	int *origin = xcalloc((size_t)m->nlessons + 1, sizeof *origin);
	for (int i = 0; i < m->nlessons; i++)
		origin[i] = m->lessons[i].day >= 0 ? m->lessons[i].day * m->periods + m->lessons[i].period : -1;
	int must = tt_must_move(m);
	struct tt_lesson *start = xmalloc(((size_t)m->nlessons + 1) * sizeof *start);
	memcpy(start, m->lessons, (size_t)m->nlessons * sizeof *start);
	bool *take = xcalloc((size_t)m->nlessons + 1, sizeof *take);
	bool *lock = xcalloc((size_t)m->nlessons + 1, sizeof *lock);
	long steps = 0;
	struct crew c;
	crew_init(&c);

	/* the lessons between parts, with every locked one around them */
	struct worker *first = xcalloc(1, sizeof *first);
	for (int i = 0; i < m->nlessons; i++)
		take[i] = bridge[m->lessons[i].course] || m->lessons[i].locked;
	part_of(first, m, take, NULL, false);
	first->o = run_opts(o, o->seed, t0);
	first->j = (struct tt_job){.index = 0, .n = 1};
	crew_run(&c, first, 1, o, t0, first->o.time_limit, m->nlessons, true);
	put_places(first, m);
	steps += first->r.steps;
	bool between_placed = first->r.nunplaced == 0;
	worker_free(first, m);
	free(first);

	/* each part on its thread, those lessons fixed */
	if (between_placed && !atomic_load(&c.stop)) {
		struct worker *w = xcalloc((size_t)parts, sizeof *w);
		for (int i = 0; i < m->nlessons; i++)
			lock[i] = bridge[m->lessons[i].course];
		for (int k = 0; k < parts; k++) {
			for (int i = 0; i < m->nlessons; i++)
				take[i] = bin[m->lessons[i].course] == k;
			part_of(&w[k], m, take, lock, true);
			w[k].o = run_opts(o, o->seed + 1 + (unsigned long)k, t0);
			if (!w[k].o.max_steps || w[k].o.max_steps > MEND_STEPS(&w[k].m))
				w[k].o.max_steps = MEND_STEPS(&w[k].m); /* else whole, below */
			w[k].j = (struct tt_job){.index = k, .n = parts};
		}
		c.done = 0;
		crew_run(&c, w, parts, o, t0, w[0].o.time_limit, m->nlessons, true);
		for (int k = 0; k < parts; k++) {
			put_places(&w[k], m);
			steps += w[k].r.steps;
			worker_free(&w[k], m);
		}
		free(w);
	}

	/* the whole term once more, from there: what the parts left out, and the last word */
	struct tt_solve_opts last = run_opts(o, o->seed, t0);
	last.start = TT_START_GREEDY; /* a mend from where the parts left it, not a new beginning */
	bool stopped = atomic_load(&c.stop);
	if (stopped)
		last.max_steps = -1; /* stopped: no search, only what keeps every hard rule */
	else if (!o->max_steps || o->max_steps > MEND_STEPS(m))
		last.max_steps = MEND_STEPS(m);
	struct tt_job j = {.origin = origin, .index = 0, .n = 1};
	tt_solve_one(m, &last, r, &j);
	r->must_move = must;
	r->steps += steps;
	r->seconds = now_s() - t0;
	/* the parts fixed the lessons between them where the students' days could not be
	 * filled round them, and a mend does not bring every hard rule: the whole term from the
	 * start again, as restarts (the caller's) */
	bool again = (r->nunplaced || r->violations) && !stopped &&
		     now_s() - t0 < (o->time_limit > 0 ? o->time_limit : 10);
	if (again) {
		memcpy(m->lessons, start, (size_t)m->nlessons * sizeof *start);
		tt_solve_result_free(r);
		memset(r, 0, sizeof *r);
	}
	crew_free(&c);
	free(start);
	free(take);
	free(lock);
	free(origin);
	free(bin);
	free(bridge);
	return !again;
}

/* Whether restart a beats b: done with every hard rule kept sooner by the clock (in a repair,
 * with fewer lessons moved); else, when neither is so, fewer lessons left out, fewer hard
 * rules broken, then the lower soft score. A restart stopped past another's end never
 * ended well, and that other did. */
static bool better(const struct worker *a, const struct worker *b, bool repair)
{
	long ka = tt_job_key(&a->j, a->j.clock), kb = tt_job_key(&b->j, b->j.clock);
	if (a->j.ended_well != b->j.ended_well)
		return a->j.ended_well;
	if (a->j.ended_well && repair && a->r.moved != b->r.moved)
		return a->r.moved < b->r.moved;
	if (a->j.ended_well)
		return ka < kb;
	if (a->r.nunplaced != b->r.nunplaced)
		return a->r.nunplaced < b->r.nunplaced;
	if (a->r.violations != b->r.violations)
		return a->r.violations < b->r.violations;
	if (a->r.soft_score != b->r.soft_score)
		return a->r.soft_score < b->r.soft_score;
	return a->j.index < b->j.index;
}

/* jobs restarts racing, as the top of the file says; the first from the caller's seed,
 * which a repair prefers whenever it ends with every hard rule kept. */
static void solve_restarts(struct tt_model *m, const struct tt_solve_opts *o, struct tt_solve_result *r, int jobs,
	double t0)
{
	struct crew c;
	crew_init(&c);
	struct worker *w = xcalloc((size_t)jobs, sizeof *w);
	for (int k = 0; k < jobs; k++) {
		w[k].m = *m;
		w[k].m.lessons = xcalloc((size_t)m->nlessons + 1, sizeof *m->lessons);
		memcpy(w[k].m.lessons, m->lessons, (size_t)m->nlessons * sizeof *m->lessons);
		w[k].o = run_opts(o, o->seed + (unsigned long)k, t0);
		/* a repair's restarts each run to their end: the fewest moves count there,
		 * not the clock */
		w[k].j = (struct tt_job){.bound = o->repair ? NULL : &c.bound, .index = k, .n = jobs};
	}
	crew_run(&c, w, jobs, o, t0, w[0].o.time_limit, m->nlessons, false);
	int win = 0;
	for (int k = 1; k < jobs; k++)
		if (better(&w[k], &w[win], o->repair))
			win = k;
	put_places(&w[win], m);
	*r = w[win].r;
	memset(&w[win].r, 0, sizeof w[win].r);
	r->seconds = now_s() - t0;
	for (int k = 0; k < jobs; k++)
		worker_free(&w[k], m);
	free(w);
	crew_free(&c);
}

int tt_solve(struct tt_model *m, const struct tt_solve_opts *o, struct tt_solve_result *r)
{
	int jobs = o ? o->jobs : 1;
	if (jobs <= 1)
		return tt_solve_one(m, o, r, NULL);
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	double t0 = now_s();
	/* a term proved not to fit is searched whole: its parts would each give up in turn */
	/* a repair races restarts: the parts, each with the lessons between them fixed, move
	 * many more lessons than a search of the whole */
	if (o->repair || tt_prove(m, NULL, NULL) > 0 || !solve_parts(m, o, r, jobs, t0))
		solve_restarts(m, o, r, jobs, t0);
	return XQ_OK;
}
