/* ttsolve.c: a greedy start and a min-conflicts search over per-slot occupancy counts
 * (core/ttsolve.h). A lesson's cost at a place is what it would meet there: teachers, atomic
 * student sets and rooms already in those slots, unavailable slots, periods without bell
 * times, a sibling on the same day when its course asks for different days, and, per
 * teacher and day, a lesson at another school too close in clock time to drive between.
 * The search moves one conflicting lesson at a time to its cheapest place, or, when no place
 * mends it, to a place free of hard rules once the lessons in its way there are taken out
 * and placed the same way (ejections); what still conflicts at the end is taken out again,
 * so that what is handed back breaks no hard rule.
 * Soft rules, over lessons and on days, only choose between places equal in hard rules;
 * once every hard rule holds, the lessons of each soft violation are moved in turn while
 * the soft score falls, and the timetable with the lowest one is kept. */
#include "core/ttsolve.h"

#include <stdatomic.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ttjobs.h"
#include "core/util.h"

/* A place's value: its hard rules met times HARD_UNIT, plus what its soft rules weigh (each
 * rule's weight, rounded, times how far it is broken: as the soft score counts), kept within
 * SOFT_MAX either way so that no soft rule outweighs a hard one; once every hard rule holds,
 * a repair's lesson away from its place weighs as much as two soft rules of weight 100. */
typedef long long value_t;
#define NO_PLACE LLONG_MAX /* no room the lesson may use is free there */
#define HARD_UNIT (1LL << 22)
#define SOFT_MAX ((1LL << 21) - 1)
/* The solver's work (struct solver), by what each thing it does takes: a lesson laid or a
 * room weighed, a place sought in FET's order in filling, and a lesson looked at for a
 * Kempe chain. Set by the time each takes on the fet-data files, so that the work of a
 * search and of FET's filling go at about the same pace (within 1.6 times either way on
 * eleven of them; on the steps-and-turns clock before it, FET's filling went 5 to 50 times
 * slower than the search on four of them). */
#define WORK_LAY 20
#define WORK_SEEK 10
#define WORK_KEMPE 1
#define HOME_COST 200

struct dlist {
	int *v;
	int n, cap;
};

static void dlist_add(struct dlist *d, int i)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
	}
	d->v[d->n++] = i;
}

static void dlist_del(struct dlist *d, int i)
{
	for (int q = 0; q < d->n; q++)
		if (d->v[q] == i) {
			d->v[q] = d->v[--d->n];
			return;
		}
}

/* i onto d (add) or off it. */
static void dlist_put(struct dlist *d, int i, bool add)
{
	if (add)
		dlist_add(d, i);
	else
		dlist_del(d, i);
}

/* What stands in a lesson's way at one place, noted while its cost there is weighed (only
 * when a lesson left out is explained). */
struct why {
	struct tt_violation *v;
	int n, cap;
};

struct solver {
	struct tt_model *m;
	int S;
	/* the solver's work so far (WORK_LAY), the clock racing restarts are set against
	 * each other by (tt_job's) */
	long work;
	unsigned short *tc, *lc, *rc; /* [n][S] lessons in each slot */
	int *one_start; /* [lesson] the one start its hard rules leave it in the week (FET's
			 * fixed time), else -1: there it is held (held) */
	unsigned short *fixed; /* [course][S] what a lesson of the course starting in that slot
				* meets that no move of another lesson mends, counted as
				* cost_at counts it: its teachers or students away, a period
				* without a bell (FIXED_MANY: that many or more) */
	int *lone;		      /* [leaf][S] one of the lessons there (any), -1 none */
	struct dlist *tday;	      /* [teacher * days] lessons of that teacher's day */
	int *sameday; /* [course][day] lessons placed */
	int **rooms;  /* [course] rooms it may use; NULL: none needed */
	int *nrooms;
	bool *optional;	 /* [course] it needs none, and may take one it had rather use (rooms) */
	bool *packed;	 /* [course] some of its students have at most KEMPE_SLACK periods free in
			  * the week once every lesson is placed: Kempe chains are tried */
	int **room_pref; /* [course] what each of its rooms weighs in its preferred rooms; NULL: none */
	int *none_pref;	 /* [course] and what no room weighs there */
	int *rule_at, *rule_of; /* the lesson rules of lesson i: rule_of[rule_at[i] .. rule_at[i+1]) */
	unsigned short *apart_days; /* [rule * days] the lessons of a "days apart" rule laid each day */
	int *apart_at, *apart_of; /* lesson i's rules of days apart (of rule_of, in its order), */
	int *bind_at, *bind_of;	  /* those that bind it (tt_lrule_binds), */
	int *soft_at, *soft_of;	  /* and its soft ones */
	bool apart_counted; /* whether rules_cost reads those: every lesson with a day is laid there
			     * (a locked one outside the week is not), and no test asked otherwise */
	int *ends_at, *ends_of; /* the lessons ending their day, by atomic set: the same way */
	int *sends_at, *sends_of, *sends_rule; /* and those asked softly, with their rules */
	int *tdr_at, *tdr_of, *ldr_at, *ldr_of; /* the hard rules on days of each teacher, atomic set */
	bool max_days; /* a hard rule of most days a week is among them */
	int *tsdr_at, *tsdr_of, *lsdr_at, *lsdr_of; /* and the soft ones */
	bool soft_days;				    /* whether there are any */
	int *home;				/* [lesson] its slot at the start, -1 none (repair) */
	struct dlist *lday, *rday;		/* [leaf * days], [room * days] lessons of that day */
	uint64_t **meets; /* [course] of a course so wide (index_wide): a bit for each course
			   * sharing an atomic set with it (itself too); else NULL; all NULL
			   * when none is */
	struct dlist *slotl; /* with meets: [school + 1][S] the lessons laid over each slot, */
	bool *slot_kept;     /* [school + 1] of the schools with a course so wide */
	int *sig;				/* [course] the same for courses of the same students and length */
	int *tabu_slot;				/* [lesson] the slot it left last, not taken again */
	long *tabu_until;			/* before that step */
	long step;
	int *todo, ntodo;			/* lessons that may meet a rule, each once */
	bool *queued;
	bool soft_rules; /* whether the term has soft rules, over lessons or on days */
	bool soft_slots; /* whether teachers or students had rather not have some slots */
	bool room_soft;	 /* whether some rooms had rather not */
	bool polish; /* a repair with every hard rule kept: only moves that bring lessons home,
		      * never a worse one */
	bool homeward; /* a repair's lessons weigh HOME_COST away from their places: once every
			* hard rule holds (before, it held the search back where it has to move
			* lessons sideways, the students' days kept compact) */
	bool room_prefs; /* whether some courses had rather use some rooms */
	unsigned *reached; /* [lesson] == stamp: in the Kempe chain, or taken out or moved by the
			    * ejections, or weighed for a pull, tried now */
	int *pulls;	   /* [lesson] the lessons weighed for a pull */
	unsigned stamp;
	unsigned *weighed; /* [lesson] == weigh_stamp: weighed by the recheck under way */
	unsigned weigh_stamp;
	int *snap;	   /* [lessons] a day's list as it was when a recheck began to read it */
	int noise; /* 0 to 2: the longer no step brings the count of lessons meeting a rule to a
		   * new least, the more often a random place or a worse one is taken */
	struct why *why; /* set: cost_at notes each rule it weighs */
	int why_lesson;
	bool without_days; /* cost_at leaves the rules on days out */
	int self; /* 1: cost_at weighs a laid lesson at its own place, its own part of the counts
		   * taken out (meets_rule) */
	bool *once; /* [course] no teacher nor atomic set twice in it: its own part is one */
	bool without_set_days; /* those of the students: a swap leaves their days as full */
	struct tt_day_shape *tweek, *lweek;	/* [teacher or leaf * days] their week's shapes */
	struct tt_week_sums *tsums, *lsums;	/* [teacher or leaf] and their sums */
	bool *tweek_ok, *lweek_ok;		/* whether those are made */
	uint32_t *tstale, *lstale;		/* [teacher or leaf] days laid on since (bit d: day d),
						 * made again when next asked for */
	uint32_t *tbits, *lbits;		/* [teacher or leaf * days] the periods of their lessons, */
	uint32_t *toff, *loff;			/* and those they are away, a bit each (period p: bit p) */
	uint64_t rng;
};

/* xorshift64*: the same seed, the same sequence */
static uint64_t xorshift(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}

static uint64_t next_rand(struct solver *s)
{
	return xorshift(&s->rng);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The atomic sets course c is over, counted once for each of its sets. */
static int course_leaves(const struct tt_model *m, int c)
{
	int n = 0;
	for (int q = 0; q < m->courses[c].nsets; q++)
		n += m->sets[m->courses[c].sets[q]].nleaves;
	return n;
}

static int holder(const struct tt_model *m, const struct dlist *d, int period);

/* [course] whether no teacher nor atomic set is in it twice (through two of its sets). */
static bool *courses_once(const struct tt_model *m)
{
	bool *once = xcalloc((size_t)m->ncourses + 1, sizeof *once);
	int *seen = xcalloc((size_t)(m->nteachers + m->nleaves) + 1, sizeof *seen);
	for (int ci = 0; ci < m->ncourses; ci++) {
		const struct tt_course *c = &m->courses[ci];
		bool ok = true;
		for (int t = 0; t < c->nteachers && ok; t++) {
			ok = seen[c->teachers[t]] != ci + 1;
			seen[c->teachers[t]] = ci + 1;
		}
		for (int q = 0; q < c->nsets && ok; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves && ok; f++) {
				int w = m->nteachers + m->sets[c->sets[q]].leaves[f];
				ok = seen[w] != ci + 1;
				seen[w] = ci + 1;
			}
		once[ci] = ok;
	}
	free(seen);
	return once;
}

static void lay(struct solver *s, int i, int delta)
{
	s->work += WORK_LAY;
	struct tt_model *m = s->m;
	struct tt_lesson *l = &m->lessons[i];
	const struct tt_course *c = &m->courses[l->course];
	int len = c->length, day = l->day, slot0 = day * m->periods + l->period;
	uint32_t bit = (uint32_t)1 << l->period, dbit = (uint32_t)1 << day;
	/* each teacher's: counts and periods, the day's week to be made again, the day's list */
	for (int t = 0; t < c->nteachers; t++) {
		int w = c->teachers[t], k = w * m->days + day;
		unsigned short *n = &s->tc[w * s->S + slot0];
		uint32_t *b = &s->tbits[k];
		for (int q = 0; q < len; q++)
			*b = (n[q] += delta) ? *b | bit << q : *b & ~(bit << q);
		s->tstale[w] |= dbit;
		dlist_put(&s->tday[k], i, delta > 0);
	}
	/* each atomic set's: the same, and the lesson holding each of its slots */
	for (int q = 0; q < c->nsets; q++) {
		/* read once: the stores below may alias them, as far as the compiler knows */
		const int *leaves = m->sets[c->sets[q]].leaves, nleaves = m->sets[c->sets[q]].nleaves;
		for (int f = 0; f < nleaves; f++) {
			int leaf = leaves[f], at = leaf * s->S + slot0;
			unsigned short *n = &s->lc[at];
			uint32_t *b = &s->lbits[leaf * m->days + day];
			for (int z = 0; z < len; z++)
				*b = (n[z] += delta) ? *b | bit << z : *b & ~(bit << z);
			s->lstale[leaf] |= dbit;
			struct dlist *d = &s->lday[leaf * m->days + day];
			if (delta > 0) {
				dlist_add(d, i);
				for (int z = 0; z < len; z++)
					s->lone[at + z] = i;
			} else {
				dlist_del(d, i);
				for (int z = 0; z < len; z++)
					if (s->lone[at + z] == i)
						s->lone[at + z] = n[z] ? holder(m, d, l->period + z) : -1;
			}
		}
	}
	if (l->room >= 0) {
		for (int z = 0; z < len; z++)
			s->rc[l->room * s->S + slot0 + z] += delta;
		dlist_put(&s->rday[l->room * m->days + day], i, delta > 0);
	}
	if (s->slotl && s->slot_kept[c->school + 1])
		for (int z = 0; z < len; z++)
			dlist_put(&s->slotl[(c->school + 1) * s->S + slot0 + z], i, delta > 0);
	s->sameday[l->course * m->days + day] += delta;
	for (int k = s->apart_at[i]; k < s->apart_at[i + 1]; k++)
		s->apart_days[s->apart_of[k] * m->days + day] += delta;
}

/* Laid lesson i's lists as lifting it and laying it again leaves them (it moves to the end
 * of each, the last one taking its place there, and holds its atomic sets' slots), and the
 * work those two lays count; its counts are as they were. */
static void relist(struct solver *s, int i)
{
	s->work += 2 * WORK_LAY;
	const struct tt_model *m = s->m;
	const struct tt_lesson *l = &m->lessons[i];
	const struct tt_course *c = &m->courses[l->course];
	int len = c->length, day = l->day, slot0 = day * m->periods + l->period;
	for (int pass = 0; pass < 2; pass++) { /* lifted, then laid */
		for (int t = 0; t < c->nteachers; t++)
			dlist_put(&s->tday[c->teachers[t] * m->days + day], i, pass);
		for (int q = 0; q < c->nsets; q++) {
			const int *leaves = m->sets[c->sets[q]].leaves, nleaves = m->sets[c->sets[q]].nleaves;
			for (int f = 0; f < nleaves; f++) {
				struct dlist *d = &s->lday[leaves[f] * m->days + day];
				if (pass) {
					dlist_add(d, i);
					for (int z = 0; z < len; z++)
						s->lone[leaves[f] * s->S + slot0 + z] = i;
				} else
					dlist_del(d, i);
			}
		}
		if (l->room >= 0)
			dlist_put(&s->rday[l->room * m->days + day], i, pass);
		if (s->slotl && s->slot_kept[c->school + 1])
			for (int z = 0; z < len; z++)
				dlist_put(&s->slotl[(c->school + 1) * s->S + slot0 + z], i, pass);
	}
}

static void place(struct solver *s, int i, int day, int period, int room)
{
	struct tt_lesson *l = &s->m->lessons[i];
	l->day = day;
	l->period = period;
	l->room = room;
	lay(s, i, 1);
}

static void unplace(struct solver *s, int i)
{
	struct tt_lesson *l = &s->m->lessons[i];
	if (l->day < 0)
		return;
	lay(s, i, -1);
	l->day = l->period = -1;
}

static bool times(const struct tt_model *m, int school, int period, int length, int *start, int *end)
{
	int a, b, c, d;
	if (!tt_period_times(m, school, period, &a, &b) || !tt_period_times(m, school, period + length - 1, &c, &d))
		return false;
	*start = a;
	*end = d;
	return true;
}

static int rules_cost(const struct solver *s, int i, int day, int period, bool soft);
static int days_cost(const struct solver *s, int i, int day, int period, bool soft);
static int changes_with(const struct solver *s, int t, int day, int school, int start);

/* Notes a rule in lesson i's way at day, period (b: another lesson concerned, or -1). */
static void note(const struct solver *s, int rule, int i, int b, int who, int day, int period, int need, int have, int res)
{
	struct why *w = s->why;
	for (int k = 0; k < w->n; k++)
		if (w->v[k].rule == rule && w->v[k].who == who && w->v[k].res == res)
			return;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->v = xrealloc(w->v, (size_t)w->cap * sizeof *w->v);
	}
	w->v[w->n++] = (struct tt_violation){rule, i, b, who, day, period, need, have, res};
}

/* Whether a lesson of course c from period is weighed for travel and changes of school: a
 * term of more than one school, and bells for its periods (their clock times in *st, *en). */
static bool weighs_travel(const struct tt_model *m, const struct tt_course *c, int period, int *st, int *en)
{
	return m->nschools > 1 && times(m, c->school, period, c->length, st, en);
}

/* The lesson of list d that holds slot period (of its day), -1 when none. */
static int holder(const struct tt_model *m, const struct dlist *d, int period)
{
	for (int q = 0; q < d->n; q++) {
		const struct tt_lesson *o = &m->lessons[d->v[q]];
		if (o->period <= period && period < o->period + m->courses[o->course].length)
			return d->v[q];
	}
	return -1;
}

static int teacher_holder(const struct solver *s, int t, int day, int period)
{
	const struct tt_model *m = s->m;
	int k = t * m->days + day;
	for (int q = 0; q < s->tday[k].n; q++) {
		const struct tt_lesson *o = &m->lessons[s->tday[k].v[q]];
		if (o->period <= period && period < o->period + m->courses[o->course].length)
			return s->tday[k].v[q];
	}
	return -1;
}

/* What lesson i (not laid) would meet at day, period in room. */
#define FIXED_MANY USHRT_MAX
static int cost_at(const struct solver *s, int i, int day, int period, int room)
{
	const struct tt_model *m = s->m;
	const struct tt_lesson *l = &m->lessons[i];
	const struct tt_course *c = &m->courses[l->course];
	int cost = 0, S = s->S;
	/* teachers and students away and bells as counted once for all, unless each is noted */
	int fixed = s->fixed[l->course * S + day * m->periods + period];
	bool counted = !s->why && fixed != FIXED_MANY;
	if (counted)
		cost = fixed;
	for (int k = 0; k < c->length; k++) {
		int slot = day * m->periods + period + k;
		for (int t = 0; t < c->nteachers; t++) {
			int w = c->teachers[t];
			cost += s->tc[w * S + slot] - s->self;
			if (s->why && s->tc[w * S + slot])
				note(s, TT_TEACHER_TWICE, i, teacher_holder(s, w, day, period + k), w, day, period + k, 0, 0, -1);
			if (!counted && m->unav_teacher && m->unav_teacher[w * S + slot]) {
				cost++;
				if (s->why)
					note(s, TT_TEACHER_UNAVAILABLE, i, -1, w, day, period + k, 0, 0, -1);
			}
		}
		for (int q = 0; q < c->nsets; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
				int leaf = m->sets[c->sets[q]].leaves[f];
				cost += s->lc[leaf * S + slot] - s->self;
				if (s->why && s->lc[leaf * S + slot])
					note(s, TT_STUDENTS_TWICE, i, holder(m, &s->lday[leaf * m->days + day], period + k), leaf,
						day, period + k, 0, 0, -1);
				if (!counted && m->unav_leaf && m->unav_leaf[leaf * S + slot]) {
					cost++;
					if (s->why)
						note(s, TT_STUDENTS_UNAVAILABLE, i, -1, leaf, day, period + k, 0, 0, -1);
				}
			}
		if (room >= 0) {
			cost += s->rc[room * S + slot] - s->self;
			if (s->why && s->rc[room * S + slot])
				note(s, TT_ROOM_TWICE, i, holder(m, &s->rday[room * m->days + day], period + k), room, day,
					period + k, 0, 0, -1);
			if (m->unav_room && m->unav_room[room * S + slot]) {
				cost++;
				if (s->why)
					note(s, TT_ROOM_UNAVAILABLE, i, -1, room, day, period + k, 0, 0, -1);
			}
		}
		int a, b;
		if (!counted && !tt_period_times(m, c->school, period + k, &a, &b)) {
			cost++;
			if (s->why)
				note(s, TT_NO_BELL, i, -1, c->school, day, period + k, 0, 0, -1);
		}
	}
	if (c->different_days && s->sameday[l->course * m->days + day] - s->self) {
		cost += s->sameday[l->course * m->days + day] - s->self;
		if (s->why)
			note(s, TT_SAME_DAY, i, -1, l->course, day, period, 0, 0, -1);
	}
	if (s->bind_at[i] < s->bind_at[i + 1] || s->ends_at[m->nleaves] > 0)
		cost += rules_cost(s, i, day, period, false);
	if (!s->without_days && (s->tdr_at[m->nteachers] || s->ldr_at[m->nleaves]))
		cost += days_cost(s, i, day, period, false);
	int st, en;
	if (!weighs_travel(m, c, period, &st, &en))
		return cost; /* one school: no travel, no change of school */
	for (int t = 0; t < c->nteachers; t++) {
		int k = c->teachers[t] * m->days + day;
		const struct tt_teacher *te = &m->teachers[c->teachers[t]];
		if (te->max_changes >= 0 && s->tday[k].n > 0) {
			int n = changes_with(s, c->teachers[t], day, c->school, st);
			if (n > te->max_changes) {
				cost++;
				if (s->why)
					note(s, TT_CHANGES, i, -1, c->teachers[t], day, period, te->max_changes, n, -1);
			}
		}
		for (int q = 0; q < s->tday[k].n; q++) {
			const struct tt_lesson *o = &m->lessons[s->tday[k].v[q]];
			const struct tt_course *oc = &m->courses[o->course];
			if (oc->school == c->school)
				continue; /* one school: the slots tell */
			int need = m->teachers[c->teachers[t]].min_travel;
			if (need < 0 && m->travel)
				need = m->travel[c->school * m->nschools + oc->school];
			int os, oe;
			if (!times(m, oc->school, o->period, oc->length, &os, &oe))
				continue;
			if (need < 0)
				need = 0; /* overlapping in clock time still counts */
			int gap = st >= oe ? st - oe : os >= en ? os - en : -1;
			if (gap < need) {
				cost++;
				if (s->why)
					note(s, TT_TRAVEL, i, s->tday[k].v[q], c->teachers[t], day, period, need, gap, -1);
			}
			int pgap = period >= o->period + oc->length ? period - (o->period + oc->length)
				   : o->period >= period + c->length ? o->period - (period + c->length)
								     : -1;
			if (te->min_gap_periods > 0 && pgap >= 0 && pgap < te->min_gap_periods) {
				cost++;
				if (s->why)
					note(s, TT_GAP_PERIODS, i, s->tday[k].v[q], c->teachers[t], day, period, te->min_gap_periods,
						pgap, -1);
			}
		}
	}
	return cost;
}

/* A soft rule's weight in the units a place's value counts: rounded, at least 1. */
static int soft_units(double weight)
{
	int u = (int)(weight + 0.5);
	return u < 1 ? 1 : u;
}

/* What the rules over lessons say of lesson i (not laid) at day, period, given the others:
 * the binding ones, or (soft) the soft ones, each its weight times how far it is broken,
 * which only choose between places equal else. */
/* What lesson i (not laid) at day, period adds to the soft "ends its students' day" rules
 * as the soft score counts them: its own, when a lesson of its students comes after it;
 * one of its students' earlier lessons' that had none after it before. */
static int soft_ends_cost(const struct solver *s, int i, int day, int period, int len)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int cost = 0;
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
			int leaf = m->sets[c->sets[q]].leaves[f];
			const unsigned short *lc = s->lc + (size_t)leaf * s->S + (size_t)day * m->periods;
			for (int k = s->sends_at[leaf]; k < s->sends_at[leaf + 1]; k++) {
				int e = s->sends_of[k], from;
				if (e == i) {
					from = period + len;
				} else {
					const struct tt_lesson *o = &m->lessons[e];
					if (o->day != day || o->period >= period)
						continue;
					from = o->period + m->courses[o->course].length;
				}
				bool after = false;
				for (int p = from; p < m->periods && !after; p++)
					after = lc[p] > 0;
				if (e == i ? after : !after)
					cost += soft_units(m->lrules[s->sends_rule[k]].weight);
			}
		}
	return cost;
}

static int rules_cost(const struct solver *s, int i, int day, int period, bool soft)
{
	const struct tt_model *m = s->m;
	int len = m->courses[m->lessons[i].course].length, cost = 0;
	const int *at = soft ? s->soft_at : s->bind_at, *of = soft ? s->soft_of : s->bind_of;
	for (int k = at[i]; k < at[i + 1]; k++) {
		int rule = of[k];
		const struct tt_lrule *x = &m->lrules[rule];
		int unit = soft ? soft_units(x->weight) : 1;
		if (x->kind == TT_LR_START_SLOTS || x->kind == TT_LR_TIME_SLOTS) {
			int n = x->kind == TT_LR_START_SLOTS ? 1 : len;
			for (int q = 0; q < n && x->slots; q++)
				if (!x->slots[day * m->periods + period + q]) {
					if (soft) { /* a lesson not where preferred, however far */
						cost += unit;
						break;
					}
					cost += 2;
					if (s->why && !soft)
						note(s, TT_LESSON_RULE, i, -1, rule, day, period, 0, 0, -1);
				}
			continue;
		}
		if (x->kind == TT_LR_ENDS_DAY)
			continue; /* weighed below, by atomic set */
		if (x->kind == TT_LR_MIN_DAYS && s->apart_counted && !s->why) {
			/* from the rule's lessons laid each day (i is not): those fewer days away
			 * than asked, how many days short they fall, and those on day */
			const unsigned short *on = s->apart_days + (size_t)rule * (size_t)m->days;
			int near = 0, short_by = 0;
			for (int g = 0; g < x->n && g < m->days; g++) {
				int a = day - g, b = day + g;
				int n = (a >= 0 ? on[a] : 0) + (g && b < m->days ? on[b] : 0) - (g ? 0 : s->self);
				near += n;
				short_by += (x->n - g) * n;
			}
			if (soft) {
				cost += short_by * unit;
				continue;
			}
			if (tt_lrule_hard(x) && x->n > 0) { /* one on the same day is near already */
				cost += near;
				continue;
			}
			if (on[day] == s->self)
				continue; /* back to back on one day or not: none is on it */
		}
		for (int q = 0; q < x->nlessons; q++) {
			int j = x->lessons[q];
			const struct tt_lesson *o = &m->lessons[j];
			if (j == i || o->day < 0)
				continue;
			int olen = m->courses[o->course].length;
			bool over = o->day == day && o->period < period + len && period < o->period + olen;
			int gap = o->day > day ? o->day - day : day - o->day, was = cost;
			switch (x->kind) {
			case TT_LR_MIN_DAYS: {
				bool apart = o->period + olen != period && period + len != o->period;
				if (soft)
					cost += gap < x->n ? (x->n - gap) * unit : 0; /* days short */
				else
					cost += tt_lrule_hard(x) ? gap < x->n || (gap == 0 && x->flag && apart)
								 : gap == 0 && apart;
				break;
			}
			case TT_LR_SAME_START: cost += unit * (o->day != day || o->period != period); break;
			case TT_LR_SAME_DAY: cost += unit * (o->day != day); break;
			case TT_LR_NOT_OVERLAP: cost += unit * over; break;
			case TT_LR_CONSECUTIVE:
				if (x->lessons[0] == i)
					cost += unit * (o->day != day || o->period != tt_after_breaks(m, day, period + len));
				else
					cost += unit * (o->day != day || period != tt_after_breaks(m, day, o->period + olen));
				break;
			case TT_LR_GROUPED:
				cost += unit * (o->day != day || over ||
						   (o->period != tt_after_breaks(m, day, period + len) &&
						       period != tt_after_breaks(m, day, o->period + olen) && x->nlessons == 2));
				break;
			}
			if (s->why && !soft && cost > was)
				note(s, TT_LESSON_RULE, i, j, rule, day, period, x->kind == TT_LR_MIN_DAYS ? x->n : 0, gap,
					-1);
		}
	}
	if (soft)
		return cost + soft_ends_cost(s, i, day, period, len);
	/* lessons that end their students' day: none of the same students after them */
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
			int leaf = m->sets[c->sets[q]].leaves[f];
			for (int k = s->ends_at[leaf]; k < s->ends_at[leaf + 1]; k++) {
				int e = s->ends_of[k];
				const struct tt_lesson *o = &m->lessons[e];
				int was = cost;
				if (e == i) {
					for (int p = period + len; p < m->periods; p++)
						cost += s->lc[leaf * s->S + day * m->periods + p] > 0;
				} else if (o->day == day && o->period < period)
					cost++;
				if (s->why && cost > was) {
					int r = -1;
					for (int q2 = s->rule_at[e]; q2 < s->rule_at[e + 1] && r < 0; q2++)
						if (m->lrules[s->rule_of[q2]].kind == TT_LR_ENDS_DAY)
							r = s->rule_of[q2];
					if (r >= 0)
						note(s, TT_LESSON_RULE, e == i ? i : e, e == i ? -1 : i, r, day, period, 0, 0, -1);
				}
			}
		}
	return cost;
}

/* One teacher's (teacher) or atomic set's day's shape, from the counts as they are. */
static void day_shape(const struct solver *s, bool teacher, int w, int day, struct tt_day_shape *out)
{
	size_t k = (size_t)w * (size_t)s->m->days + (size_t)day;
	tt_day_shape_bits((teacher ? s->tbits : s->lbits)[k], (teacher ? s->toff : s->loff)[k], out);
}

/* The shapes of the days of a teacher (teacher) or atomic set with rules on days, and
 * their week's sums: made when first asked for, and after a lesson of theirs is laid or
 * lifted, that day's made again when next asked for (a search lays and lifts a lesson many
 * times between two looks at a week). */
static struct tt_day_shape *week_of(const struct solver *s, bool teacher, int w, struct tt_week_sums **sums)
{
	const struct tt_model *m = s->m;
	struct tt_day_shape *week = (teacher ? s->tweek : s->lweek) + (size_t)w * (size_t)m->days;
	struct tt_week_sums *ws = (teacher ? s->tsums : s->lsums) + w;
	bool *valid = teacher ? s->tweek_ok : s->lweek_ok;
	uint32_t *stale = (teacher ? s->tstale : s->lstale) + w;
	*sums = ws;
	if (valid[w]) {
		for (uint32_t b = *stale; b; b &= b - 1) {
			int d = __builtin_ctz(b);
			tt_week_add(ws, &week[d], -1);
			day_shape(s, teacher, w, d, &week[d]);
			tt_week_add(ws, &week[d], 1);
		}
		*stale = 0;
		return week;
	}
	*stale = 0;
	memset(ws, 0, sizeof *ws);
	for (int d = 0; d < m->days; d++) {
		day_shape(s, teacher, w, d, &week[d]);
		tt_week_add(ws, &week[d], 1);
	}
	valid[w] = true;
	return week;
}

/* How much more one teacher's (teacher) or atomic set's hard rules on days are broken with
 * length periods from day, period taken too; or (soft) its soft ones, each by its weight;
 * or (worst) by how much the one broken most more is. */
static int days_more(const struct solver *s, bool teacher, bool soft, bool worst, int w, int day, int period,
	int length)
{
	const struct tt_model *m = s->m;
	const int *at = soft ? (teacher ? s->tsdr_at : s->lsdr_at) : teacher ? s->tdr_at : s->ldr_at;
	const int *of = soft ? (teacher ? s->tsdr_of : s->lsdr_of) : teacher ? s->tdr_of : s->ldr_of;
	if (at[w] == at[w + 1])
		return 0;
	struct tt_week_sums *ws;
	const struct tt_day_shape *before = &week_of(s, teacher, w, &ws)[day];
	size_t k0 = (size_t)w * (size_t)m->days + (size_t)day;
	uint32_t taken = (uint32_t)(((uint64_t)1 << length) - 1) << period & (uint32_t)(((uint64_t)1 << m->periods) - 1);
	struct tt_day_shape after;
	tt_day_shape_bits((teacher ? s->tbits : s->lbits)[k0] | taken, (teacher ? s->toff : s->loff)[k0], &after);
	struct tt_week_sums then = *ws;
	tt_week_add(&then, before, -1);
	tt_week_add(&then, &after, 1);
	int cost = 0;
	for (int k = at[w]; k < at[w + 1]; k++) {
		const struct tt_drule *x = &m->drules[of[k]];
		int more = tt_drule_excess_of(x, &then, &after) - tt_drule_excess_of(x, ws, before);
		if (worst) {
			cost = more > cost ? more : cost;
			continue;
		}
		cost += soft ? more * soft_units(x->weight) : more;
		if (s->why && more > 0 && !soft)
			note(s, TT_DAY_RULE, s->why_lesson, -1, of[k], day, period, x->n, tt_drule_excess_of(x, &then, &after), w);
	}
	return cost;
}

/* Whether a teacher's or atomic set's rules on days are broken in the week as it is
 * (over the whole week for weekly rules, on that day for the others); short: only those
 * that a lesson brought to the day may mend (a minimum of hours, the day begun at the first
 * period, and the students' free periods between lessons: a teacher's gaps are left out,
 * as pulls for them made the search no better). */
static bool days_broken_of(const struct solver *s, bool teacher, int w, int day, bool short_only)
{
	const struct tt_model *m = s->m;
	const int *at = teacher ? s->tdr_at : s->ldr_at, *of = teacher ? s->tdr_of : s->ldr_of;
	if (at[w] == at[w + 1])
		return false;
	struct tt_week_sums *ws;
	const struct tt_day_shape *d = &week_of(s, teacher, w, &ws)[day];
	for (int k = at[w]; k < at[w + 1]; k++) {
		const struct tt_drule *x = &m->drules[of[k]];
		if ((!short_only || x->kind == TT_DR_MIN_HOURS_DAY || x->kind == TT_DR_EARLY_SECOND ||
		     (!teacher && (x->kind == TT_DR_MAX_GAPS_DAY || x->kind == TT_DR_MAX_GAPS_WEEK))) &&
		    tt_drule_excess_of(x, ws, d) > 0)
			return true;
	}
	return false;
}

static int one_days_cost(const struct solver *s, bool teacher, bool soft, int w, int day, int period, int length)
{
	return days_more(s, teacher, soft, false, w, day, period, length);
}

/* Whether lesson i at day, period would break one of its teachers' or students' hard rules
 * on days more than it is broken now (whatever it mends of another). */
static bool days_worse(const struct solver *s, int i, int day, int period)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	for (int t = 0; t < c->nteachers; t++)
		if (days_more(s, true, false, true, c->teachers[t], day, period, c->length) > 0)
			return true;
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
			if (days_more(s, false, false, true, m->sets[c->sets[q]].leaves[f], day, period, c->length) > 0)
				return true;
	return false;
}

static bool days_broken(const struct solver *s, bool teacher, int w, int day)
{
	return days_broken_of(s, teacher, w, day, false);
}

/* What lesson i at day, period adds to its teachers' and students' hard rules on days, or
 * (soft) to their soft ones by weight. */
static int days_cost(const struct solver *s, int i, int day, int period, bool soft)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int cost = 0;
	for (int t = 0; t < c->nteachers; t++)
		cost += one_days_cost(s, true, soft, c->teachers[t], day, period, c->length);
	for (int q = 0; q < c->nsets && !s->without_set_days; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
			cost += one_days_cost(s, false, soft, m->sets[c->sets[q]].leaves[f], day, period, c->length);
	return cost;
}

/* What the slots lesson i's teachers and students had rather not have weigh at day,
 * period, as the soft score counts them: each one's weight at each such period. */
static int soft_slots_cost(const struct solver *s, int i, int day, int period)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int cost = 0, S = s->S;
	for (int k = 0; k < c->length; k++) {
		int slot = day * m->periods + period + k;
		for (int t = 0; m->soft_teacher && t < c->nteachers; t++)
			if (m->soft_teacher[c->teachers[t] * S + slot] > 0)
				cost += soft_units(m->soft_teacher[c->teachers[t] * S + slot]);
		for (int q = 0; m->soft_leaf && q < c->nsets; q++) {
			double w = tt_set_soft(m, c->sets[q], slot);
			if (w > 0)
				cost += soft_units(w);
		}
	}
	return cost;
}

/* What lesson i in room at day, period weighs in the soft rules on rooms: the slots the room
 * had rather not have. */
static int soft_room_cost(const struct solver *s, int i, int day, int period, int room)
{
	const struct tt_model *m = s->m;
	int cost = 0, len = m->courses[m->lessons[i].course].length;
	for (int k = 0; m->soft_room && room >= 0 && k < len; k++) {
		double w = m->soft_room[room * s->S + day * m->periods + period + k];
		if (w > 0)
			cost += soft_units(w);
	}
	return cost;
}

/* What the soft rules say of lesson i (not laid) at day, period: over lessons, on days and
 * on slots (the room's apart: best_room weighs them). */
static value_t soft_cost(const struct solver *s, int i, int day, int period)
{
	value_t v = 0;
	if (s->soft_slots)
		v += soft_slots_cost(s, i, day, period);
	if (s->rule_at[i] < s->rule_at[i + 1] || s->sends_at[s->m->nleaves] > 0)
		v += rules_cost(s, i, day, period, true);
	if (s->soft_days)
		v += days_cost(s, i, day, period, true);
	return v;
}

/* A soft value kept within SOFT_MAX either way, below every hard rule. */
static value_t soft_in_bounds(value_t v)
{
	return v > SOFT_MAX ? SOFT_MAX : v < -SOFT_MAX ? -SOFT_MAX : v;
}

/* The school changes of teacher t's day with lesson i (not laid) added at start at school. */
static int changes_with(const struct solver *s, int t, int day, int school, int start)
{
	const struct tt_model *m = s->m;
	int k = t * m->days + day, n = s->tday[k].n;
	int st[64], sc[64], c = 0;
	for (int q = 0; q < n && c < 63; q++) {
		const struct tt_lesson *o = &m->lessons[s->tday[k].v[q]];
		const struct tt_course *oc = &m->courses[o->course];
		int a, b;
		if (!tt_period_times(m, oc->school, o->period, &a, &b))
			continue;
		st[c] = a;
		sc[c++] = oc->school;
	}
	st[c] = start;
	sc[c++] = school;
	for (int i = 1; i < c; i++) /* by start */
		for (int j = i; j > 0 && st[j - 1] > st[j]; j--) {
			int x = st[j];
			st[j] = st[j - 1];
			st[j - 1] = x;
			x = sc[j];
			sc[j] = sc[j - 1];
			sc[j - 1] = x;
		}
	int changes = 0;
	for (int i = 1; i < c; i++)
		changes += sc[i] != sc[i - 1];
	return changes;
}

/* What room adds to cost_at for lesson i (not laid) at day, period: its lessons there and
 * its slots not available (cost_at with a room is cost_at without one and this). */
static int room_cost(const struct solver *s, int i, int day, int period, int room)
{
	const struct tt_model *m = s->m;
	int cost = 0, len = m->courses[m->lessons[i].course].length;
	for (int k = 0; k < len; k++) {
		int at = room * s->S + day * m->periods + period + k;
		cost += s->rc[at] + (m->unav_room && m->unav_room[at]);
	}
	return cost;
}

/* What the soft rules on rooms weigh for lesson i at day, period in its course's q-th room
 * (its slots had rather not, the course's preferred rooms). */
static int room_soft(const struct solver *s, int i, int day, int period, int q)
{
	int c = s->m->lessons[i].course;
	return (s->room_soft ? soft_room_cost(s, i, day, period, s->rooms[c][q]) : 0) +
	       (s->room_pref[c] ? s->room_pref[c][q] : 0);
}

/* The value of lesson i at day, period meeting hard rules there, its soft rules on rooms
 * weighing soft: any hard rule above every soft one, then the soft rules, then (repair) a
 * place other than its own. */
static value_t value_of(struct solver *s, int i, int day, int period, int hard, int soft)
{
	value_t v = hard * HARD_UNIT;
	if (s->soft_rules)
		v += soft_in_bounds(soft_cost(s, i, day, period) + soft);
	if (s->homeward && s->home[i] >= 0 && s->home[i] != day * s->m->periods + period)
		v += HOME_COST; /* a repair keeps what it can where it was */
	return v;
}

/* The cheapest room for lesson i at day, period (-1 when it needs none, or takes none of
 * those it had rather); *cost its cost in hard rules, and *soft (may be NULL) what the soft
 * rules on rooms weigh there (slots rooms had rather not have, a course's preferred rooms):
 * between rooms equal in hard rules, the one they weigh least. */
static int best_room(struct solver *s, int i, int day, int period, int *cost, int *soft)
{
	s->work += WORK_LAY;
	int c = s->m->lessons[i].course;
	if (soft)
		*soft = 0;
	if (!s->rooms[c]) {
		*cost = cost_at(s, i, day, period, -1);
		return -1;
	}
	int best = -1, bc = 1 << 30, bs = 0;
	int base = s->nrooms[c] || s->optional[c] ? cost_at(s, i, day, period, -1) : 0;
	if (s->optional[c]) { /* no room: a room is taken when it is as good in hard rules */
		bc = base;
		bs = s->none_pref[c];
	}
	for (int r = 0; r < s->nrooms[c]; r++) {
		int x = base + room_cost(s, i, day, period, s->rooms[c][r]);
		if (x > bc)
			continue;
		int y = room_soft(s, i, day, period, r);
		if (x < bc || y < bs) {
			bc = x;
			bs = y;
			best = s->rooms[c][r];
		}
	}
	*cost = bc;
	if (soft)
		*soft = bs;
	return best;
}

/* The lessons lesson i (not laid) would meet at day, period of its teachers and students:
 * a part of cost_at's, found at a fraction of its work. */
static int clashes_at(const struct solver *s, int i, int day, int period)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int cost = 0, S = s->S, slot = day * m->periods + period;
	for (int k = 0; k < c->length; k++) {
		for (int t = 0; t < c->nteachers; t++)
			cost += s->tc[c->teachers[t] * S + slot + k];
		for (int q = 0; q < c->nsets; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
				cost += s->lc[m->sets[c->sets[q]].leaves[f] * S + slot + k];
	}
	return cost;
}

/* Whether cost_at of lesson i is never below its clashes: no rule whose cost may fall
 * where the lesson mends it (a rule on lessons or ends of days, one on its teachers' or
 * students' days). */
static bool clashes_bound(const struct solver *s, int i)
{
	const struct tt_model *m = s->m;
	if (s->rule_at[i] < s->rule_at[i + 1] || s->ends_at[m->nleaves] > 0)
		return false;
	if (s->without_days)
		return true;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	for (int t = 0; t < c->nteachers; t++)
		if (s->tdr_at[c->teachers[t]] < s->tdr_at[c->teachers[t] + 1])
			return false;
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
			int leaf = m->sets[c->sets[q]].leaves[f];
			if (s->ldr_at[leaf] < s->ldr_at[leaf + 1])
				return false;
		}
	return true;
}

/* Moves lesson i (not laid) to its cheapest place, ties by the seeded draw; avoid (day *
 * periods + period, or -1) is not taken when another place costs the same. Returns the cost.
 * When its clashes bound its cost, a place whose clashes alone cost more than the cheapest
 * yet is not weighed further: it could not be taken, nor tie (the same place and draws as
 * weighing it whole). */
static value_t place_best(struct solver *s, int i, int avoid)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	value_t bc = NO_PLACE;
	int bd = -1, bp = -1, br = -1, ties = 0;
	bool bound = clashes_bound(s, i);
	for (int d = 0; d < m->days; d++)
		for (int p = 0; p + c->length <= m->periods; p++) {
			if (bound && bc != NO_PLACE && clashes_at(s, i, d, p) * HARD_UNIT - SOFT_MAX > bc)
				continue;
			int hard, soft, room = best_room(s, i, d, p, &hard, &soft);
			if (hard >= 1 << 24)
				continue; /* no room it may use */
			if (d * m->periods + p == avoid)
				hard++;
			value_t cost = value_of(s, i, d, p, hard, soft);
			if (cost < bc) {
				bc = cost;
				ties = 1;
				bd = d;
				bp = p;
				br = room;
			} else if (cost == bc && next_rand(s) % (uint64_t)++ties == 0) {
				bd = d;
				bp = p;
				br = room;
			}
		}
	if (bd >= 0)
		place(s, i, bd, bp, br);
	return bc;
}

/* The value of lesson i (not laid) at day, period in its best room (value_of); *room that
 * room, -1 when it needs none; NO_PLACE when no room it may use is there. */
static value_t value_at(struct solver *s, int i, int day, int period, int *room)
{
	int cost, soft;
	*room = best_room(s, i, day, period, &cost, &soft);
	return cost >= 1 << 24 ? NO_PLACE : value_of(s, i, day, period, cost, soft);
}

/* The value of lesson i (not laid) at day, period in room, one its course may use. */
static value_t value_in(struct solver *s, int i, int day, int period, int room)
{
	int c = s->m->lessons[i].course, q = 0;
	while (q < s->nrooms[c] && s->rooms[c][q] != room)
		q++;
	return value_of(s, i, day, period, cost_at(s, i, day, period, -1) + room_cost(s, i, day, period, room),
		q < s->nrooms[c] ? room_soft(s, i, day, period, q)
				 : s->room_soft ? soft_room_cost(s, i, day, period, room) : 0);
}

/* Whether lesson i, where it is, meets a hard rule the solver weighs. */
static bool meets_rule(struct solver *s, int i)
{
	struct tt_lesson *l = &s->m->lessons[i];
	if (l->locked || l->day < 0)
		return false;
	int d = l->day, p = l->period, room = l->room, st, en;
	const struct tt_course *oc = &s->m->courses[l->course];
	bool bad;
	s->without_days = true; /* weighed apart: a lesson filling a gap would hide a clash */
	if (s->once[l->course] && !s->why && !weighs_travel(s->m, oc, p, &st, &en)) {
		/* weighed where it lies, its own part of the counts taken out (travel, weighed
		 * from the teachers' lists, which hold it, lifts it), its lists then left as
		 * lifting and laying it again would leave them */
		s->self = 1;
		bad = cost_at(s, i, d, p, room) > 0;
		s->self = 0;
		relist(s, i);
	} else {
		unplace(s, i);
		bad = cost_at(s, i, d, p, room) > 0;
		place(s, i, d, p, room);
	}
	s->without_days = false;
	if (bad || !(s->tdr_at[s->m->nteachers] || s->ldr_at[s->m->nleaves]))
		return bad;
	/* a rule on days broken, even where no one lesson is to blame (a day begun late):
	 * every lesson of that week may mend it by moving */
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[l->course];
	for (int t = 0; t < c->nteachers && !bad; t++)
		bad = days_broken(s, true, c->teachers[t], d);
	for (int q = 0; q < c->nsets && !bad; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves && !bad; f++)
			bad = days_broken(s, false, m->sets[c->sets[q]].leaves[f], d);
	return bad;
}

static void queue(struct solver *s, int i)
{
	if (!s->queued[i]) {
		s->queued[i] = true;
		s->todo[s->ntodo++] = i;
	}
}

static void queue_if_bad(struct solver *s, int i)
{
	if (!s->queued[i] && meets_rule(s, i))
		queue(s, i);
}

/* Lesson i queued if it meets a rule, once a recheck: weighing lays it again, which costs
 * as much as it has teachers and atomic sets, and a lesson of a whole year is on the lists
 * of each of its atomic sets. */
static void recheck_one(struct solver *s, int i)
{
	if (s->weighed[i] == s->weigh_stamp)
		return;
	s->weighed[i] = s->weigh_stamp;
	queue_if_bad(s, i);
}

/* The n lessons of v, as they are now: weighing one moves it to the end of its lists. */
static void recheck_list(struct solver *s, const int *v, int n)
{
	memcpy(s->snap, v, (size_t)n * sizeof *v);
	for (int q = 0; q < n; q++)
		recheck_one(s, s->snap[q]);
}

/* After lesson i left day (room) or came to it: what shares a teacher, students, a room or a
 * rule with it that day may meet a rule now, or no longer. */
static void recheck(struct solver *s, int i, int day, int room)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	if (++s->weigh_stamp == 0) {
		memset(s->weighed, 0, (size_t)m->nlessons * sizeof *s->weighed);
		s->weigh_stamp = 1;
	}
	for (int t = 0; t < c->nteachers; t++) {
		int k = c->teachers[t] * m->days + day;
		recheck_list(s, s->tday[k].v, s->tday[k].n);
	}
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
			const struct dlist *d = &s->lday[m->sets[c->sets[q]].leaves[f] * m->days + day];
			recheck_list(s, d->v, d->n);
		}
	if (room >= 0)
		recheck_list(s, s->rday[room * m->days + day].v, s->rday[room * m->days + day].n);
	for (int k = s->rule_at[i]; k < s->rule_at[i + 1]; k++) {
		const struct tt_lrule *x = &m->lrules[s->rule_of[k]];
		for (int q = 0; q < x->nlessons; q++)
			recheck_one(s, x->lessons[q]);
	}
	recheck_one(s, i);
}

static bool tabu(const struct solver *s, int i, int slot)
{
	return s->tabu_slot[i] == slot && s->step < s->tabu_until[i];
}

static void leave(struct solver *s, int i, int slot)
{
	s->tabu_slot[i] = slot;
	s->tabu_until[i] = s->step + 8 + (long)(next_rand(s) % 8) + s->ntodo / 4;
}

/* One step of the search for lesson i (placed, not locked): the best of moving it to
 * another place and swapping places with a lesson of the same students and length, even
 * when that is worse (a way out of a dead end); the place it just left is not taken again
 * for a while unless that is better than where it is. When no move mends a hard rule it
 * meets, a Kempe chain (where the students' week is full or nearly), else ejections, else a
 * lesson pulled to its day when that day is too short or has a gap; now and then a random
 * place. A lesson at the one start its hard rules leave it stays there: another room, the
 * lessons in its way taken out, or a lesson pulled to its day. */
static bool step_eject(struct solver *s, int i);
static bool step_kempe(struct solver *s, int i);
static bool step_pull(struct solver *s, int i);
static bool step_room(struct solver *s, int i);
static bool held(const struct solver *s, int i);

static void step_one(struct solver *s, int i, int *cand)
{
	struct tt_model *m = s->m;
	struct tt_lesson *l = &m->lessons[i];
	const struct tt_course *c = &m->courses[l->course];
	int P = m->periods, d0 = l->day, p0 = l->period, r0 = l->room, slot0 = d0 * P + p0;
	s->step++;
	unplace(s, i);
	int rr;
	value_t cur = value_at(s, i, d0, p0, &rr);
	if (cur == NO_PLACE)
		cur = 0; /* its room taken from it since: anywhere is better */
	/* at the one start its hard rules leave it: another room, or those in its way out */
	bool hold = held(s, i);
	if (!hold && !s->polish && next_rand(s) % (uint64_t)(128 >> s->noise) == 0) {
		int d = (int)(next_rand(s) % (uint64_t)m->days);
		int p = (int)(next_rand(s) % (uint64_t)(P - c->length + 1));
		int room;
		if (value_at(s, i, d, p, &room) != NO_PLACE) {
			place(s, i, d, p, room);
			leave(s, i, slot0);
			recheck(s, i, d0, r0);
			if (d != d0 || room != r0)
				recheck(s, i, d, room);
			return;
		}
	}
	value_t best = LLONG_MAX;
	int bd = d0, bp = p0, br = rr, bj = -1, brj = -1, ties = 0;
	for (int d = 0; d < m->days && !hold; d++)
		for (int p = 0; p + c->length <= P; p++) {
			if (d * P + p == slot0)
				continue;
			int room;
			value_t v = value_at(s, i, d, p, &room);
			if (v == NO_PLACE)
				continue;
			v -= cur;
			if (v >= 0 && tabu(s, i, d * P + p))
				continue;
			if (v < best) {
				best = v;
				ties = 1;
				bd = d, bp = p, br = room;
			} else if (v == best && next_rand(s) % (uint64_t)++ties == 0)
				bd = d, bp = p, br = room;
		}
	/* swaps with a lesson of the same students: their days stay as full as they were */
	int n = 0;
	if (!hold && c->nsets > 0 && m->sets[c->sets[0]].nleaves > 0) {
		int leaf = m->sets[c->sets[0]].leaves[0];
		for (int d = 0; d < m->days; d++) {
			const struct dlist *dl = &s->lday[leaf * m->days + d];
			for (int q = 0; q < dl->n && n < s->S * 2; q++) {
				int j = dl->v[q];
				const struct tt_lesson *o = &m->lessons[j];
				if (j != i && !o->locked && s->sig[o->course] == s->sig[l->course] &&
				    o->day * P + o->period != slot0)
					cand[n++] = j;
			}
		}
	}
	s->without_set_days = true;
	for (int k = 0; k < n; k++) {
		int j = cand[k];
		struct tt_lesson *o = &m->lessons[j];
		int dj = o->day, pj = o->period, rj = o->room, ri, rj2, dummy;
		unplace(s, j);
		value_t a = value_at(s, i, d0, p0, &dummy);
		value_t b = value_at(s, i, dj, pj, &ri);
		value_t v = LLONG_MAX;
		if (a != NO_PLACE && b != NO_PLACE) {
			place(s, i, dj, pj, ri);
			value_t cj = value_at(s, j, d0, p0, &rj2);
			unplace(s, i);
			place(s, i, d0, p0, rr);
			value_t dj0 = value_at(s, j, dj, pj, &dummy);
			unplace(s, i);
			if (cj != NO_PLACE && dj0 != NO_PLACE)
				v = (b - a) + (cj - dj0);
		}
		place(s, j, dj, pj, rj);
		if (v == LLONG_MAX || (v >= 0 && (tabu(s, i, dj * P + pj) || tabu(s, j, slot0))))
			continue;
		if (v < best) {
			best = v;
			ties = 1;
			bd = dj, bp = pj, br = ri, bj = j, brj = rj2;
		} else if (v == best && next_rand(s) % (uint64_t)++ties == 0)
			bd = dj, bp = pj, br = ri, bj = j, brj = rj2;
	}
	s->without_set_days = false;
	if (best >= 0 && !s->home) {
		/* no move mends it: another room for a lesson in a room it may use, a Kempe chain,
		 * ejections or a lesson of another day brought to its day may (tried with it in its
		 * place; not in a repair, where they would move many lessons to mend one) */
		place(s, i, d0, p0, rr);
		if ((cur >= HARD_UNIT && (step_room(s, i) || (s->packed[l->course] && !hold && step_kempe(s, i)) ||
					     step_eject(s, i))) ||
		    step_pull(s, i)) {
			if (rr != r0) /* the room it left then, not the one it was weighed in */
				recheck(s, i, d0, r0);
			return;
		}
		unplace(s, i);
	}
	if (best == LLONG_MAX || (best >= 0 && s->polish) ||
	    (best > 0 && next_rand(s) % (uint64_t)(32 >> s->noise) != 0)) {
		/* nowhere else, or everywhere worse: it stays, most times */
		place(s, i, d0, p0, rr);
		return;
	}
	if (bj >= 0) {
		int rj = m->lessons[bj].room;
		unplace(s, bj);
		place(s, i, bd, bp, br);
		place(s, bj, d0, p0, brj);
		leave(s, bj, bd * P + bp);
		recheck(s, bj, bd, rj);
	} else
		place(s, i, bd, bp, br);
	leave(s, i, slot0);
	recheck(s, i, d0, r0);
	if (bd != d0 || br != r0)
		recheck(s, i, bd, br);
	if (bj >= 0 && (bd != d0 || brj != br))
		recheck(s, bj, d0, brj);
}

/* A new stamp: no lesson reached by the chain or ejections tried now (all cleared when the
 * count comes round). */
static void fresh_stamp(struct solver *s)
{
	if (++s->stamp == 0) {
		memset(s->reached, 0, (size_t)s->m->nlessons * sizeof *s->reached);
		s->stamp = 1;
	}
}

/* For lesson i (placed, in a room or none) with no room it may use free where it is: a
 * lesson in one of those rooms then moved to another room it may use, free at its time,
 * and that room given to i; the best when it weighs less. Whether one was. */
static bool step_room(struct solver *s, int i)
{
	const struct tt_model *m = s->m;
	struct tt_lesson *l = &m->lessons[i];
	int c = l->course, d0 = l->day, p0 = l->period, r0 = l->room, len = m->courses[c].length;
	if (!s->rooms[c] || !s->nrooms[c])
		return false;
	unplace(s, i);
	int rr;
	value_t cur = r0 >= 0 ? value_in(s, i, d0, p0, r0) : value_at(s, i, d0, p0, &rr);
	value_t best = 0;
	int by = -1, bry = -1, bri = -1;
	for (int q = 0; q < s->nrooms[c]; q++) {
		int r = s->rooms[c][q];
		if (room_cost(s, i, d0, p0, r) == 0)
			continue; /* free: the lesson staying takes its best room */
		int y = -1, n = 0;
		const struct dlist *dl = &s->rday[r * m->days + d0];
		for (int k = 0; k < dl->n; k++) {
			const struct tt_lesson *o = &m->lessons[dl->v[k]];
			if (o->period < p0 + len && p0 < o->period + m->courses[o->course].length)
				y = dl->v[k], n++;
		}
		if (n != 1 || m->lessons[y].locked || !s->rooms[m->lessons[y].course])
			continue;
		struct tt_lesson *o = &m->lessons[y];
		int cy = o->course, yd = o->day, yp = o->period;
		unplace(s, y);
		value_t y0 = value_in(s, y, yd, yp, r);
		for (int q2 = 0; q2 < s->nrooms[cy]; q2++) {
			int r2 = s->rooms[cy][q2];
			if (r2 == r || room_cost(s, y, yd, yp, r2) != 0)
				continue;
			value_t y1 = value_in(s, y, yd, yp, r2);
			place(s, y, yd, yp, r2);
			value_t v = value_in(s, i, d0, p0, r) + y1 - (cur + y0);
			unplace(s, y);
			if (v < best)
				best = v, by = y, bry = r2, bri = r;
		}
		place(s, y, yd, yp, r);
	}
	if (by < 0) {
		place(s, i, d0, p0, r0);
		return false;
	}
	struct tt_lesson *o = &m->lessons[by];
	int yd = o->day, yp = o->period;
	unplace(s, by);
	place(s, by, yd, yp, bry);
	place(s, i, d0, p0, bri);
	recheck(s, by, yd, bri);
	recheck(s, by, yd, bry);
	if (r0 >= 0)
		recheck(s, i, d0, r0);
	recheck(s, i, d0, bri);
	return true;
}

static void pull_add(struct solver *s, const int *v, int n, int *np)
{
	for (int q = 0; q < n; q++)
		if (s->reached[v[q]] != s->stamp && !s->m->lessons[v[q]].locked) {
			s->reached[v[q]] = s->stamp;
			s->pulls[(*np)++] = v[q];
		}
}

/* For lesson i (placed) whose teacher's or students' rules on days are broken on its day (a
 * day shorter than a minimum, begun late, the students' with a gap) and which no move of its
 * own mends: each lesson of that teacher or those students on another day weighed at each
 * period of that day, and the best moved there when it weighs less. Whether one was. */
static bool step_pull(struct solver *s, int i)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int d0 = m->lessons[i].day, n = 0;
	fresh_stamp(s);
	s->reached[i] = s->stamp;
	for (int t = 0; t < c->nteachers; t++) {
		int w = c->teachers[t];
		if (!days_broken_of(s, true, w, d0, true))
			continue;
		for (int d = 0; d < m->days; d++)
			if (d != d0)
				pull_add(s, s->tday[w * m->days + d].v, s->tday[w * m->days + d].n, &n);
	}
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
			int w = m->sets[c->sets[q]].leaves[f];
			if (!days_broken_of(s, false, w, d0, true))
				continue;
			for (int d = 0; d < m->days; d++)
				if (d != d0)
					pull_add(s, s->lday[w * m->days + d].v, s->lday[w * m->days + d].n, &n);
		}
	value_t best = 0;
	int bj = -1, bp = -1, br = -1, ties = 0;
	for (int k = 0; k < n; k++) {
		int j = s->pulls[k];
		struct tt_lesson *o = &m->lessons[j];
		int dj = o->day, pj = o->period, rj = o->room, room, len = m->courses[o->course].length;
		unplace(s, j);
		value_t cur = value_at(s, j, dj, pj, &room);
		if (cur == NO_PLACE)
			cur = 0;
		for (int p = 0; p + len <= m->periods; p++) {
			value_t v = value_at(s, j, d0, p, &room);
			if (v == NO_PLACE || (v -= cur) > best || (v == best && bj < 0))
				continue;
			if (v < best) {
				best = v;
				ties = 1;
				bj = j, bp = p, br = room;
			} else if (next_rand(s) % (uint64_t)++ties == 0)
				bj = j, bp = p, br = room;
		}
		place(s, j, dj, pj, rj);
	}
	if (bj < 0)
		return false;
	struct tt_lesson *o = &m->lessons[bj];
	int dj = o->day, pj = o->period, rj = o->room;
	unplace(s, bj);
	place(s, bj, d0, bp, br);
	leave(s, bj, dj * m->periods + pj);
	recheck(s, bj, dj, rj);
	recheck(s, bj, d0, br);
	return true;
}

/* The lessons of leaf on day over period .. period + len - 1 (or more: the day's, some of
 * them elsewhere) into *v, how many: each period's one lesson (into one[LEAF_ONE]) found at
 * once, the day's list where a period has more or the lesson is long. */
#define LEAF_ONE 8
static int leaf_lessons(const struct solver *s, int leaf, int day, int period, int len, int *one, const int **v)
{
	const struct tt_model *m = s->m;
	const struct dlist *d = &s->lday[leaf * m->days + day];
	int n = 0;
	for (int z = 0; z < len; z++) {
		int at = leaf * s->S + day * m->periods + period + z;
		if (s->lc[at] > 1 || len > LEAF_ONE) {
			*v = d->v;
			return d->n;
		}
		if (s->lc[at] == 1 && (n == 0 || one[n - 1] != s->lone[at]))
			one[n++] = s->lone[at];
	}
	*v = one;
	return n;
}

/* Whether lesson x at day, period meets a rule no other lesson's move mends: a teacher or
 * the students away, no bell. */
static bool fixed_out(const struct tt_model *m, int x, int day, int period)
{
	const struct tt_course *c = &m->courses[m->lessons[x].course];
	int S = m->days * m->periods;
	for (int k = 0; k < c->length; k++) {
		int slot = day * m->periods + period + k, a, b;
		for (int t = 0; t < c->nteachers && m->unav_teacher; t++)
			if (m->unav_teacher[c->teachers[t] * S + slot])
				return true;
		for (int q = 0; q < c->nsets && m->unav_leaf; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
				if (m->unav_leaf[m->sets[c->sets[q]].leaves[f] * S + slot])
					return true;
		if (!tt_period_times(m, c->school, period + k, &a, &b))
			return true;
	}
	return false;
}

/* What a lesson of each course meets at each start that no move of another lesson mends:
 * as cost_at counts a teacher or the students away and a period without a bell (fixed_out's
 * rules), once for the whole search. */
static unsigned short *fixed_costs(const struct tt_model *m)
{
	int S = m->days * m->periods;
	unsigned short *fixed = xcalloc((size_t)m->ncourses * (size_t)S + 1, sizeof *fixed);
	for (int ci = 0; ci < m->ncourses; ci++) {
		const struct tt_course *c = &m->courses[ci];
		for (int slot = 0; slot < S; slot++) {
			long n = 0;
			for (int k = 0, a, b; k < c->length; k++) {
				if (slot % m->periods + k >= m->periods) {
					n++; /* past the day's end: no bell */
					continue;
				}
				for (int t = 0; t < c->nteachers && m->unav_teacher; t++)
					n += m->unav_teacher[c->teachers[t] * S + slot + k] != 0;
				for (int q = 0; q < c->nsets && m->unav_leaf; q++)
					for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
						n += m->unav_leaf[m->sets[c->sets[q]].leaves[f] * S + slot + k] != 0;
				n += !tt_period_times(m, c->school, slot % m->periods + k, &a, &b);
			}
			fixed[(size_t)ci * S + slot] = n < FIXED_MANY ? (unsigned short)n : FIXED_MANY;
		}
	}
	return fixed;
}

/* fixed_out, for a lesson of the solver's term: from its counts. */
static bool out_for_good(const struct solver *s, int x, int day, int period)
{
	return s->fixed[s->m->lessons[x].course * s->S + day * s->m->periods + period] > 0;
}

/* Whether x is a hard rule on the slots a lesson may take. */
static bool hard_on_slots(const struct tt_lrule *x)
{
	return x->slots && tt_lrule_hard(x) && (x->kind == TT_LR_START_SLOTS || x->kind == TT_LR_TIME_SLOTS);
}

/* The starts lesson i may take as its hard rules stand (may[start], s->S of them): within
 * the day, its teachers and students not away and a bell (fixed), and in the slots its hard
 * rules on slots allow: how many. */
static int open_starts(const struct solver *s, int i, unsigned char *may)
{
	const struct tt_model *m = s->m;
	int P = m->periods, c = m->lessons[i].course, len = m->courses[c].length, n = 0;
	for (int b = 0; b < s->S; b++)
		may[b] = b % P + len <= P && s->fixed[c * s->S + b] == 0;
	for (int k = s->rule_at[i]; k < s->rule_at[i + 1]; k++) {
		const struct tt_lrule *x = &m->lrules[s->rule_of[k]];
		if (!hard_on_slots(x))
			continue;
		int span = x->kind == TT_LR_START_SLOTS ? 1 : len;
		for (int b = 0; b < s->S; b++)
			for (int q = 0; q < span && may[b]; q++)
				may[b] = b % P + q < P && x->slots[b + q];
	}
	for (int b = 0; b < s->S; b++)
		n += may[b];
	return n;
}

/* The one start each lesson's hard rules on slots leave it in the week, -1 when more or
 * none, or when it has no such rule (FET's fixed times: a preferred starting time at 100 %,
 * not locked). */
static int *one_starts(const struct solver *s)
{
	const struct tt_model *m = s->m;
	int *one = xmalloc(((size_t)m->nlessons + 1) * sizeof *one);
	unsigned char *may = xmalloc((size_t)s->S + 1);
	one[m->nlessons] = -1;
	for (int i = 0; i < m->nlessons; i++) {
		one[i] = -1;
		bool any = false;
		for (int k = s->rule_at[i]; k < s->rule_at[i + 1] && !any; k++)
			any = hard_on_slots(&m->lrules[s->rule_of[k]]);
		if (any && open_starts(s, i, may) == 1)
			for (int b = 0; b < s->S; b++)
				if (may[b])
					one[i] = b;
	}
	free(may);
	return one;
}

/* Whether lesson i is at the one start its hard rules leave it: there it stays, as FET
 * keeps its fixed times; no move of it, nor of another that would take it out, keeps them
 * (another room it may still take). */
static bool held(const struct solver *s, int i)
{
	const struct tt_lesson *l = &s->m->lessons[i];
	return s->one_start[i] >= 0 && l->day >= 0 && s->one_start[i] == l->day * s->m->periods + l->period;
}

/* Whether count (a teacher's, atomic set's or room's lessons in each slot) has one in row w
 * from slot on, len slots: where none is, the day's list has none in the way. */
static bool any_in(const unsigned short *count, int S, int w, int slot, int len)
{
	const unsigned short *c = count + (size_t)w * (size_t)S + slot;
	for (int k = 0; k < len; k++)
		if (c[k])
			return true;
	return false;
}

/* Kempe chains, for students' weeks full to the brim: lesson x leaves its place A (a block of
 * its own periods, or one more) for a block as long at B; the lessons at B that would then
 * share a teacher, students or a room with it go to A (each to the same period of the block),
 * those at A that would share one with them go to B, and so on until nothing left at either
 * place shares one with a lesson coming. Lessons that start together go together. Every
 * lesson of the chain lies within its block, none is locked, at most KEMPE_MAX of them. When
 * no single move or swap mends a clash in a full week, such a change-over often does: the
 * students keep a lesson in every period, and the teachers follow. */
#define KEMPE_MAX 24
#define KEMPE_SLACK 1 /* periods free in the students' week, at most, for them to be tried */
struct kempe {
	int n;
	int lesson[KEMPE_MAX], day[KEMPE_MAX], period[KEMPE_MAX], room[KEMPE_MAX], to[KEMPE_MAX];
};

/* Lesson j into the chain, going to slot: false when it may not go (locked, past the day's
 * end, too many). */
static bool kempe_add(struct solver *s, struct kempe *k, int j, int slot)
{
	const struct tt_model *m = s->m;
	if (s->reached[j] == s->stamp)
		return true;
	const struct tt_lesson *o = &m->lessons[j];
	if (k->n == KEMPE_MAX || o->locked || slot % m->periods + m->courses[o->course].length > m->periods)
		return false;
	s->reached[j] = s->stamp;
	k->lesson[k->n] = j;
	k->day[k->n] = o->day;
	k->period[k->n] = o->period;
	k->room[k->n] = o->room;
	k->to[k->n++] = slot;
	return true;
}

/* Those of list v (one day's) over periods p .. p + len - 1 into the chain: each must lie
 * within the block of h periods from period f on its day, and goes to the same place in the
 * block from period g on day e. */
static bool kempe_list(struct solver *s, struct kempe *k, const int *v, int nv, int p, int len, int f,
	int h, int e, int g)
{
	const struct tt_model *m = s->m;
	s->work += WORK_KEMPE * nv;
	for (int q = 0; q < nv; q++) {
		if (s->reached[v[q]] == s->stamp)
			continue;
		const struct tt_lesson *o = &m->lessons[v[q]];
		int lo = m->courses[o->course].length;
		if (o->period >= p + len || p >= o->period + lo)
			continue;
		if (o->period < f || o->period + lo > f + h || !kempe_add(s, k, v[q], e * m->periods + g + o->period - f))
			return false;
	}
	return true;
}

/* The chain of lesson x (placed) with its block of h periods from its start, to the block
 * from b (a slot): false when there is none. */
static bool kempe_chain(struct solver *s, int x, int h, int b, struct kempe *k)
{
	const struct tt_model *m = s->m;
	int P = m->periods, da = m->lessons[x].day, pa = m->lessons[x].period, db = b / P, pb = b % P;
	k->n = 0;
	fresh_stamp(s);
	if (!kempe_add(s, k, x, b))
		return false;
	for (int q = 0; q < k->n; q++) {
		int y = k->lesson[q], d = k->to[q] / P, p = k->to[q] % P;
		bool to_b = d == db && p >= pb && p < pb + h;
		int f = to_b ? pb : pa, e = to_b ? da : db, g = to_b ? pa : pb;
		const struct tt_course *c = &m->courses[m->lessons[y].course];
		for (int t = 0; t < c->nteachers; t++) {
			int w = c->teachers[t] * m->days + d;
			if (any_in(s->tc, s->S, c->teachers[t], k->to[q], c->length) &&
			    !kempe_list(s, k, s->tday[w].v, s->tday[w].n, p, c->length, f, h, e, g))
				return false;
		}
		for (int gi = 0; gi < c->nsets; gi++)
			for (int fl = 0; fl < m->sets[c->sets[gi]].nleaves; fl++) {
				const int *v;
				int one[LEAF_ONE], nv = leaf_lessons(s, m->sets[c->sets[gi]].leaves[fl], d, p, c->length, one, &v);
				if (!kempe_list(s, k, v, nv, p, c->length, f, h, e, g))
					return false;
			}
		if (k->room[q] >= 0) {
			const struct dlist *dl = &s->rday[k->room[q] * m->days + d];
			if (!kempe_list(s, k, dl->v, dl->n, p, c->length, f, h, e, g))
				return false;
		}
		for (int r = s->rule_at[y]; r < s->rule_at[y + 1]; r++) {
			const struct tt_lrule *x2 = &m->lrules[s->rule_of[r]];
			if (x2->kind != TT_LR_SAME_START)
				continue;
			for (int z = 0; z < x2->nlessons; z++) {
				const struct tt_lesson *o = &m->lessons[x2->lessons[z]];
				if (o->day == k->day[q] && o->period == k->period[q] && !kempe_add(s, k, x2->lessons[z], k->to[q]))
					return false;
			}
		}
	}
	return true;
}

/* What moving the chain's lessons weighs (what they weigh where they go, each in its best
 * room there into rooms, less what they weigh now, each laid after the ones before it);
 * NO_PLACE when one has no room there, or when it is no less than bound. The lessons are left
 * where they were. */
static value_t kempe_delta(struct solver *s, const struct kempe *k, int *rooms, value_t bound)
{
	int P = s->m->periods, q = k->n;
	value_t v = 0;
	while (q-- > 0) {
		int r;
		unplace(s, k->lesson[q]);
		value_t one = value_at(s, k->lesson[q], k->day[q], k->period[q], &r);
		v -= one == NO_PLACE ? 0 : one;
	}
	for (q = 0; q < k->n; q++) {
		value_t one = value_at(s, k->lesson[q], k->to[q] / P, k->to[q] % P, &rooms[q]);
		if (one == NO_PLACE || (v += one) >= bound)
			break;
		place(s, k->lesson[q], k->to[q] / P, k->to[q] % P, rooms[q]);
	}
	bool whole = q == k->n;
	while (q-- > 0)
		unplace(s, k->lesson[q]);
	for (q = 0; q < k->n; q++)
		place(s, k->lesson[q], k->day[q], k->period[q], k->room[q]);
	return whole ? v : NO_PLACE;
}

/* Lesson i (placed, meeting a hard rule) moved by the Kempe chain that weighs least, when
 * that is less than now: whether it was. */
static bool step_kempe(struct solver *s, int i)
{
	struct tt_model *m = s->m;
	struct tt_lesson *l = &m->lessons[i];
	int P = m->periods, a = l->day * P + l->period, ties = 0, len = m->courses[l->course].length;
	struct kempe k, best;
	int rooms[KEMPE_MAX], best_rooms[KEMPE_MAX];
	value_t bv = 0;
	for (int b = 0; b < s->S; b++) {
		if (b == a || b % P + len > P || out_for_good(s, i, b / P, b % P))
			continue;
		int h = len;
		while (h <= len + 1 && (b % P + h > P || l->period + h > P ||
			(b / P == l->day && abs(b % P - l->period) < h) || !kempe_chain(s, i, h, b, &k)))
			h++;
		if (h > len + 1)
			continue;
		value_t v = kempe_delta(s, &k, rooms, bv + 1);
		if (v == NO_PLACE)
			continue;
		if (v < bv || (v == bv && v < 0 && next_rand(s) % (uint64_t)++ties == 0)) {
			if (v < bv)
				ties = 1;
			bv = v;
			best = k;
			memcpy(best_rooms, rooms, (size_t)k.n * sizeof *rooms);
		}
	}
	if (bv >= 0)
		return false;
	for (int e = 0; e < best.n; e++)
		unplace(s, best.lesson[e]);
	for (int e = 0; e < best.n; e++)
		place(s, best.lesson[e], best.to[e] / P, best.to[e] % P, best_rooms[e]);
	for (int e = 0; e < best.n; e++) {
		int j = best.lesson[e];
		leave(s, j, best.day[e] * P + best.period[e]);
		recheck(s, j, best.day[e], best.room[e]);
		recheck(s, j, m->lessons[j].day, m->lessons[j].room);
	}
	return true;
}

/* Ejections, as FET places its lessons: lesson x goes where it would meet no hard rule once
 * the few lessons in its teachers' or students' way there are taken out, and each of those
 * goes on the same way, a few levels deep, until every one is in a place free of hard rules;
 * or everything is put back as it was. A dead end that single moves and swaps do not leave
 * (the students' week full, their teachers away much of it) is often left this way. */
#define EJECT_MAX 3	  /* lessons taken out for one place */
#define EJECT_LEVELS 3	  /* how deep */
#define EJECT_TRIES 3	  /* places tried for the first lesson */
#define EJECT_DEEP_TRIES 1 /* and for each one taken out */
#define EJECT_LOOKS 2000  /* places looked at in one search */
#define EJECT_KEPT 8	  /* places kept for each count in the way, drawn evenly */

struct undo {
	int lesson, day, period, room; /* where it was */
};

struct ejection {
	struct undo *log;
	int n, cap, looks;
};

static void moved(struct solver *s, struct ejection *e, int j)
{
	const struct tt_lesson *o = &s->m->lessons[j];
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->log = xrealloc(e->log, (size_t)e->cap * sizeof *e->log);
	}
	e->log[e->n++] = (struct undo){j, o->day, o->period, o->room};
}

static void undo_to(struct solver *s, struct ejection *e, int mark)
{
	while (e->n > mark) {
		struct undo *u = &e->log[--e->n];
		unplace(s, u->lesson);
		if (u->day >= 0)
			place(s, u->lesson, u->day, u->period, u->room);
	}
}

/* Lessons in the way being gathered into in: at most cap; when fresh, none moved in this
 * search (reached). */
struct way {
	int *in, n, cap;
	bool fresh;
	bool all; /* filling's: every hard rule on lessons and on most days (else days apart only) */
	/* filling in FET's order: each soft rule on lessons drawn from this state as FET's
	 * generator draws it, every time a place is weighed: hard with the chance of its weight
	 * (NULL: soft rules not weighed) */
	uint64_t *draw;
};

/* Whether a lesson is in w already. */
static bool in_way_has(const struct way *w, int j)
{
	for (int q = 0; q < w->n; q++)
		if (w->in[q] == j)
			return true;
	return false;
}

/* Lesson j among those in the way, once: false when it may not be taken out (locked, held
 * at the one start its hard rules leave it, or moved already when only fresh ones may) or
 * there are too many. */
static bool in_way_add(const struct solver *s, int j, struct way *w)
{
	if (in_way_has(w, j))
		return true;
	if (w->n == w->cap || s->m->lessons[j].locked || held(s, j) || (w->fresh && s->reached[j] == s->stamp))
		return false;
	w->in[w->n++] = j;
	return true;
}

/* The lessons of v (one day's) over period .. period + len - 1 into w: false as above. */
static bool in_way_list(const struct solver *s, const int *v, int nv, int period, int len, struct way *w)
{
	const struct tt_model *m = s->m;
	for (int q = 0; q < nv; q++) {
		const struct tt_lesson *o = &m->lessons[v[q]];
		if (o->period < period + len && period < o->period + m->courses[o->course].length &&
		    !in_way_add(s, v[q], w))
			return false;
	}
	return true;
}

/* Whether hard rule r is one that two of its lessons break between them (pair_breaks). */
static bool pairwise(const struct tt_lrule *r)
{
	return r->kind == TT_LR_MIN_DAYS || r->kind == TT_LR_SAME_START || r->kind == TT_LR_SAME_DAY ||
	       r->kind == TT_LR_NOT_OVERLAP || (r->kind == TT_LR_CONSECUTIVE && r->nlessons == 2);
}

/* Whether lesson x at day, period lies where a rule on slots (its kinds only) wants it; a
 * rule without slots holds, as the checker takes it. */
static bool slots_hold(const struct solver *s, const struct tt_lrule *r, int x, int day, int period)
{
	const struct tt_model *m = s->m;
	int at = day * m->periods + period;
	int span = r->kind == TT_LR_START_SLOTS ? 1 : m->courses[m->lessons[x].course].length;
	for (int q = 0; q < span && r->slots; q++)
		if (!r->slots[at + q])
			return false;
	return true;
}

/* Whether lesson x at day, period and the q-th lesson of hard rule r where it lies (laid)
 * break r between them: too few days apart, not at one start or on one day, not one right
 * after the other, at once. */
static bool pair_breaks(const struct solver *s, const struct tt_lrule *r, int x, int day, int period, int q)
{
	const struct tt_model *m = s->m;
	const struct tt_lesson *o = &m->lessons[r->lessons[q]];
	int len = m->courses[m->lessons[x].course].length, olen = m->courses[o->course].length;
	switch (r->kind) {
	case TT_LR_MIN_DAYS:
		return abs(o->day - day) < r->n;
	case TT_LR_SAME_START:
		return o->day != day || o->period != period;
	case TT_LR_SAME_DAY:
		return o->day != day;
	case TT_LR_NOT_OVERLAP:
		return o->day == day && o->period < period + len && period < o->period + olen;
	case TT_LR_CONSECUTIVE:
		if (r->nlessons != 2)
			return false;
		if (q == 1) /* x first */
			return o->day != day || o->period != tt_after_breaks(m, day, period + len);
		return o->day != day || period != tt_after_breaks(m, day, o->period + olen);
	default:
		return false;
	}
}

static const int *day_lessons(const struct solver *s, bool teacher, int w, int d, int *n);
/* A teacher's (teacher) or atomic set's (w) hard rules on most days a week with lesson x
 * laid on day and those in way out: when they would be broken, every lesson of another
 * day (the one with fewest that may all be taken out, the first of them) into way; false
 * when no such day is there or there are too many. */
static bool max_days_way(const struct solver *s, bool teacher, int o, int x, int day, struct way *way)
{
	const struct tt_model *m = s->m;
	const int *at = teacher ? s->tdr_at : s->ldr_at, *of = teacher ? s->tdr_of : s->ldr_of;
	/* the days they would have lessons on, taking out none: at most so many */
	const uint32_t *bits = (teacher ? s->tbits : s->lbits) + (size_t)o * (size_t)m->days;
	int most = -1;
	for (int k = at[o]; k < at[o + 1]; k++) {
		const struct tt_drule *r = &m->drules[of[k]];
		if (r->kind != TT_DR_MAX_DAYS)
			continue;
		if (most < 0) {
			most = 0;
			for (int d = 0; d < m->days; d++)
				most += bits[d] != 0 || d == day;
		}
		if (most <= r->n)
			continue;
		int used = 0, best = -1, fewest = INT_MAX;
		for (int d = 0; d < m->days; d++) {
			int nv, here = 0;
			const int *v = day_lessons(s, teacher, o, d, &nv);
			bool free_ = true;
			for (int q = 0; q < nv; q++) {
				int j = v[q];
				if (j == x || in_way_has(way, j))
					continue;
				here++;
				const struct tt_lesson *l = &m->lessons[j];
				free_ = free_ && !l->locked && !held(s, j) && !(way->fresh && s->reached[j] == s->stamp);
			}
			if (here || d == day)
				used++;
			if (here && d != day && free_ && here < fewest)
				fewest = here, best = d;
		}
		if (used <= r->n)
			continue;
		if (best < 0)
			return false;
		int nv;
		const int *v = day_lessons(s, teacher, o, best, &nv);
		for (int q = 0; q < nv; q++)
			if (v[q] != x && !in_way_add(s, v[q], way))
				return false;
	}
	return true;
}

/* The lessons in the way of lesson x (not laid) at day, period, into w: those of its
 * teachers, its students and (when it may use only one) its room then, those of its course
 * on that day, those its hard rules of days apart would be broken with, and for filling (all)
 * those of the room with fewest in the way when every room it may use is taken, those its
 * other hard rules on lessons would be broken with (one start, one day, one right after the
 * other, not at once) and the lessons of another day of a teacher or students it would give
 * too many days (FET's way with these rules). How many; -1 when more, when one may not be
 * taken out, or when taking out mends nothing (a teacher or the students away, no bell). */
static int lessons_in_way(const struct solver *s, int x, int day, int period, struct way *w)
{
	const struct tt_model *m = s->m;
	int xc = m->lessons[x].course, len = m->courses[xc].length;
	const struct tt_course *c = &m->courses[xc];
	if (out_for_good(s, x, day, period))
		return -1;
	int slot = day * m->periods + period;
	for (int t = 0; t < c->nteachers; t++) {
		int k = c->teachers[t] * m->days + day;
		if (any_in(s->tc, s->S, c->teachers[t], slot, len) && !in_way_list(s, s->tday[k].v, s->tday[k].n, period, len, w))
			return -1;
	}
	int from = w->n;
	if (s->meets && s->meets[xc]) {
		/* over many atomic sets: the lessons of the slots whose courses meet x's (the same
		 * lessons its sets' lists would give, far fewer looked at) */
		const uint64_t *row = s->meets[xc];
		for (int z = 0; z < len; z++) {
			const struct dlist *d = &s->slotl[(c->school + 1) * s->S + slot + z];
			for (int e = 0; e < d->n; e++) {
				int jc = m->lessons[d->v[e]].course;
				if ((row[jc >> 6] >> (jc & 63) & 1) && !in_way_add(s, d->v[e], w))
					return -1;
			}
		}
	} else
		for (int q = 0; q < c->nsets; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++) {
				const int *v;
				int one[LEAF_ONE], nv = leaf_lessons(s, m->sets[c->sets[q]].leaves[f], day, period, len, one, &v);
				if (!in_way_list(s, v, nv, period, len, w))
					return -1;
			}
	/* the students' in lesson order, the same either way they were found */
	for (int a = from + 1; a < w->n; a++)
		for (int b = a; b > from && w->in[b - 1] > w->in[b]; b--) {
			int t = w->in[b];
			w->in[b] = w->in[b - 1];
			w->in[b - 1] = t;
		}
	if (s->rooms[xc] && !s->optional[xc] && (s->nrooms[xc] == 1 || (w->all && s->nrooms[xc] > 1))) {
		/* every room it may use taken then: those in the one with fewest in the way (the
		 * first of them), as FET takes a room; its only room's outside filling */
		int pick = -1, fewest = INT_MAX;
		for (int q = 0; q < s->nrooms[xc] && fewest > 0; q++) {
			int room = s->rooms[xc][q], n = 0;
			if (any_in(s->rc, s->S, room, slot, len)) {
				const struct dlist *d = &s->rday[room * m->days + day];
				int mark = w->n;
				n = in_way_list(s, d->v, d->n, period, len, w) ? w->n - mark : INT_MAX;
				w->n = mark;
			}
			if (n < fewest)
				fewest = n, pick = room;
		}
		if (pick < 0)
			return -1;
		const struct dlist *d = &s->rday[pick * m->days + day];
		if (fewest > 0 && !in_way_list(s, d->v, d->n, period, len, w))
			return -1;
	}
	if (c->different_days && c->nsets > 0 && m->sets[c->sets[0]].nleaves > 0) {
		const struct dlist *d = &s->lday[m->sets[c->sets[0]].leaves[0] * m->days + day];
		for (int e = 0; e < d->n; e++)
			if (d->v[e] != x && m->lessons[d->v[e]].course == xc && !in_way_add(s, d->v[e], w))
				return -1;
	}
	for (int k = s->rule_at[x]; k < s->rule_at[x + 1]; k++) {
		const struct tt_lrule *r = &m->lrules[s->rule_of[k]];
		bool hard = tt_lrule_hard(r);
		if (!hard && w->draw && r->weight > 0 &&
		    (double)(xorshift(w->draw) >> 11) / 9007199254740992.0 * 100.0 < r->weight) {
			if (r->kind == TT_LR_START_SLOTS || r->kind == TT_LR_TIME_SLOTS) {
				if (!slots_hold(s, r, x, day, period))
					return -1;
				continue;
			}
			hard = true;
		}
		if (!hard || (r->kind != TT_LR_MIN_DAYS && !w->all) || !pairwise(r))
			continue;
		for (int q = 0; q < r->nlessons; q++) {
			int j = r->lessons[q];
			if (j != x && m->lessons[j].day >= 0 && pair_breaks(s, r, x, day, period, q) && !in_way_add(s, j, w))
				return -1;
		}
	}
	if (!w->all || !s->max_days)
		return w->n;
	for (int t = 0; t < c->nteachers; t++)
		if (!max_days_way(s, true, c->teachers[t], x, day, w))
			return -1;
	for (int q = 0; q < c->nsets; q++)
		for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
			if (!max_days_way(s, false, m->sets[c->sets[q]].leaves[f], x, day, w))
				return -1;
	return w->n;
}

/* Those in the way for an ejection, into in[EJECT_MAX], none moved in it yet. */
static int in_way(const struct solver *s, int x, int day, int period, int *in)
{
	struct way w = {in, 0, EJECT_MAX, true, false, NULL};
	return lessons_in_way(s, x, day, period, &w);
}

/* Lesson x (not laid) to a place free of hard rules, the lessons in its way there taken out
 * and placed the same way one level deeper: whether all were (else all is as it was). */
static bool eject(struct solver *s, int x, int level, struct ejection *e)
{
	const struct tt_model *m = s->m;
	int P = m->periods, len = m->courses[m->lessons[x].course].length;
	int fd = -1, fp = -1, fr = -1, nfree = 0;
	/* the places with lessons in the way, fewest first: a few of each count, drawn evenly */
	int cd[EJECT_MAX + 1][EJECT_KEPT], cp[EJECT_MAX + 1][EJECT_KEPT], nc[EJECT_MAX + 1] = {0}, in[EJECT_MAX];
	int start = (int)(next_rand(s) % (uint64_t)s->S);
	for (int k = 0; k < s->S && e->looks > 0; k++) {
		int slot = (start + k) % s->S, d = slot / P, p = slot % P;
		if (p + len > P)
			continue;
		int n = in_way(s, x, d, p, in);
		if (n < 0)
			continue;
		e->looks--;
		if (n == 0) {
			int cost, room = best_room(s, x, d, p, &cost, NULL);
			if (cost == 0 && next_rand(s) % (uint64_t)++nfree == 0)
				fd = d, fp = p, fr = room;
		} else if (!nfree && level < EJECT_LEVELS) {
			int q = nc[n] < EJECT_KEPT ? nc[n] : (int)(next_rand(s) % (uint64_t)(nc[n] + 1));
			if (q < EJECT_KEPT)
				cd[n][q] = d, cp[n][q] = p;
			nc[n]++;
		}
	}
	if (nfree) {
		moved(s, e, x);
		place(s, x, fd, fp, fr);
		return true;
	}
	int tries = level ? EJECT_DEEP_TRIES : EJECT_TRIES;
	for (int n = 1; n <= EJECT_MAX && tries > 0; n++)
		for (int q = 0; q < nc[n] && q < EJECT_KEPT && tries > 0 && e->looks > 0; q++) {
			int d = cd[n][q], p = cp[n][q], mark = e->n;
			if (in_way(s, x, d, p, in) != n)
				continue;
			tries--;
			for (int k = 0; k < n; k++) {
				s->reached[in[k]] = s->stamp;
				moved(s, e, in[k]);
				unplace(s, in[k]);
			}
			int cost, room = best_room(s, x, d, p, &cost, NULL);
			bool ok = cost == 0;
			if (ok) {
				moved(s, e, x);
				place(s, x, d, p, room);
			}
			for (int k = 0; k < n && ok; k++)
				ok = eject(s, in[k], level + 1, e);
			if (ok)
				return true;
			undo_to(s, e, mark);
		}
	return false;
}

/* Lesson i (placed, meeting a hard rule) moved by ejections: whether it was (what they moved
 * looked at again). */
static bool step_eject(struct solver *s, int i)
{
	struct tt_model *m = s->m;
	struct ejection e = {.looks = EJECT_LOOKS};
	fresh_stamp(s);
	s->reached[i] = s->stamp;
	moved(s, &e, i);
	unplace(s, i);
	bool made = eject(s, i, 0, &e);
	if (!made)
		undo_to(s, &e, 0);
	else
		for (int k = 0; k < e.n; k++) {
			const struct undo *u = &e.log[k];
			const struct tt_lesson *o = &m->lessons[u->lesson];
			if (u->day < 0)
				continue;
			leave(s, u->lesson, u->day * m->periods + u->period);
			recheck(s, u->lesson, u->day, u->room);
			recheck(s, u->lesson, o->day, o->room);
		}
	free(e.log);
	return made;
}

/* The hard rule that lays lesson i with others at fixed distances: that they start together,
 * or that one comes right after the other (at most GROUP_MAX lessons, none locked); -1 when
 * none. */
#define GROUP_MAX 12
static int start_group(const struct solver *s, int i)
{
	const struct tt_model *m = s->m;
	for (int k = s->rule_at[i]; k < s->rule_at[i + 1]; k++) {
		const struct tt_lrule *x = &m->lrules[s->rule_of[k]];
		if ((x->kind != TT_LR_SAME_START && x->kind != TT_LR_CONSECUTIVE) || !tt_lrule_hard(x) ||
		    x->nlessons < 2 || x->nlessons > GROUP_MAX)
			continue;
		bool movable = true;
		for (int q = 0; q < x->nlessons && movable; q++)
			movable = !m->lessons[x->lessons[q]].locked && m->lessons[x->lessons[q]].day >= 0;
		if (movable)
			return s->rule_of[k];
	}
	return -1;
}

/* Where each of the group's lessons starts when the first starts at day, period: all there,
 * or each right after the one before (breaks between allowed); false when one would end past
 * the day. */
static bool group_starts(const struct tt_model *m, const struct tt_lrule *x, int day, int period, int *at)
{
	for (int q = 0; q < x->nlessons; q++) {
		int len = m->courses[m->lessons[x->lessons[q]].course].length;
		at[q] = q == 0 || x->kind != TT_LR_CONSECUTIVE
				? period
				: tt_after_breaks(m, day,
					  at[q - 1] + m->courses[m->lessons[x->lessons[q - 1]].course].length);
		if (at[q] + len > m->periods)
			return false;
	}
	return true;
}

/* The value of the group's lessons laid from day, period (each where group_starts puts it,
 * in its best room then); NO_PLACE when one fits nowhere there. The lessons are left out
 * again. */
static value_t group_value(struct solver *s, const struct tt_lrule *x, int day, int period, int *rooms)
{
	const struct tt_model *m = s->m;
	int at[GROUP_MAX];
	if (!group_starts(m, x, day, period, at))
		return NO_PLACE;
	value_t v = 0;
	int q = 0;
	for (; q < x->nlessons; q++) {
		int i = x->lessons[q];
		value_t one = value_at(s, i, day, at[q], &rooms[q]);
		if (one == NO_PLACE)
			break;
		v += one;
		place(s, i, day, at[q], rooms[q]);
	}
	bool whole = q == x->nlessons;
	while (q-- > 0)
		unplace(s, x->lessons[q]);
	return whole ? v : NO_PLACE;
}

/* One step for lessons laid together by rule g: all of them moved at once to the start where
 * they weigh least, as step_one moves one; worse only now and then. */
static void step_group(struct solver *s, int g)
{
	struct tt_model *m = s->m;
	const struct tt_lrule *x = &m->lrules[g];
	int n = x->nlessons, P = m->periods;
	int od[GROUP_MAX] = {0}, op[GROUP_MAX] = {0}, orm[GROUP_MAX] = {0}, rooms[GROUP_MAX] = {0},
	    best_rooms[GROUP_MAX] = {0}, at[GROUP_MAX] = {0};
	s->step++;
	for (int q = 0; q < n; q++) {
		const struct tt_lesson *l = &m->lessons[x->lessons[q]];
		od[q] = l->day, op[q] = l->period, orm[q] = l->room;
	}
	/* what they weigh where they are, laid the same way */
	for (int q = 0; q < n; q++)
		unplace(s, x->lessons[q]);
	value_t cur = 0;
	for (int q = 0; q < n; q++) {
		int i = x->lessons[q], r;
		value_t one = value_at(s, i, od[q], op[q], &r);
		cur += one == NO_PLACE ? 0 : one;
		place(s, i, od[q], op[q], orm[q]);
	}
	for (int q = 0; q < n; q++)
		unplace(s, x->lessons[q]);
	int slot0 = od[0] * P + op[0];
	value_t best = LLONG_MAX;
	int bd = -1, bp = -1, ties = 0;
	for (int d = 0; d < m->days; d++)
		for (int p = 0; p < P; p++) {
			bool together = group_starts(m, x, d, p, at);
			for (int q = 0; q < n && together; q++)
				together = od[q] == d && op[q] == at[q];
			if (together)
				continue;
			value_t v = group_value(s, x, d, p, rooms);
			if (v == NO_PLACE)
				continue;
			v -= cur;
			if (v >= 0 && tabu(s, x->lessons[0], d * P + p))
				continue;
			if (v < best || (v == best && next_rand(s) % (uint64_t)++ties == 0)) {
				if (v < best)
					ties = 1;
				best = v;
				bd = d, bp = p;
				memcpy(best_rooms, rooms, (size_t)n * sizeof *rooms);
			}
		}
	if (best == LLONG_MAX || (best >= 0 && s->polish) ||
	    (best > 0 && next_rand(s) % (uint64_t)(32 >> s->noise) != 0)) {
		for (int q = 0; q < n; q++)
			place(s, x->lessons[q], od[q], op[q], orm[q]);
		return;
	}
	group_starts(m, x, bd, bp, at);
	for (int q = 0; q < n; q++)
		place(s, x->lessons[q], bd, at[q], best_rooms[q]);
	leave(s, x->lessons[0], slot0);
	for (int q = 0; q < n; q++) {
		recheck(s, x->lessons[q], od[q], orm[q]);
		recheck(s, x->lessons[q], bd, best_rooms[q]);
	}
}

/* A course's preferred rooms' cost of a room (tt_room_pref_cost) in the units a place's value
 * counts: 0 when none. */
static int pref_units(const struct tt_model *m, int course, int room)
{
	double w = tt_room_pref_cost(m, course, room);
	return w > 0 ? soft_units(w) : 0;
}

/* The rooms a course may use: its list, else its school's rooms of its kind, large enough;
 * NULL when it needs none. A course that needs none but had rather use some rooms may take
 * one of those (optional). by_school[at[k] .. at[k + 1]) are school k's rooms. */
static void course_rooms(struct solver *s, int ci, const int *at, const int *by_school)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[ci];
	bool optional = !c->nrooms && c->room_kind < 0;
	if (optional && !c->nprefs)
		return;
	s->optional[ci] = optional;
	const int *from = c->nrooms ? c->rooms : s->optional[ci] ? c->prefs : by_school + at[c->school];
	int n = c->nrooms ? c->nrooms : s->optional[ci] ? c->nprefs : at[c->school + 1] - at[c->school];
	s->rooms[ci] = xcalloc((size_t)n + 1, sizeof **s->rooms);
	for (int q = 0; q < n; q++) {
		int r = from[q];
		const struct tt_room *room = &m->rooms[r];
		bool dup = false;
		for (int k = 0; k < s->nrooms[ci] && !dup; k++)
			dup = s->rooms[ci][k] == r;
		bool ok = !dup && room->school == c->school &&
			  (c->nrooms || s->optional[ci] || room->kind == c->room_kind) &&
			  (room->capacity < 0 || c->students < 0 || room->capacity >= c->students);
		if (ok)
			s->rooms[ci][s->nrooms[ci]++] = r;
	}
	if (s->optional[ci] && !s->nrooms[ci]) { /* none of them it may use: it needs none */
		free(s->rooms[ci]);
		s->rooms[ci] = NULL;
		s->optional[ci] = false;
		return;
	}
	if (c->nprefs) {
		s->room_prefs = true;
		s->room_pref[ci] = xcalloc((size_t)s->nrooms[ci] + 1, sizeof **s->room_pref);
		for (int q = 0; q < s->nrooms[ci]; q++)
			s->room_pref[ci][q] = pref_units(m, ci, s->rooms[ci][q]);
		s->none_pref[ci] = pref_units(m, ci, -1);
	}
}

/* Of each lesson's rules (index_rules), in their order, those of one kind: 0 of days apart,
 * 1 binding, 2 soft. */
static void index_some_rules(struct solver *s, int which, int **pat, int **pof)
{
	const struct tt_model *m = s->m;
	int *at = xcalloc((size_t)m->nlessons + 1, sizeof *at);
	int *of = xcalloc((size_t)s->rule_at[m->nlessons] + 1, sizeof *of);
	int n = 0;
	for (int i = 0; i < m->nlessons; i++) {
		at[i] = n;
		for (int k = s->rule_at[i]; k < s->rule_at[i + 1]; k++) {
			const struct tt_lrule *x = &m->lrules[s->rule_of[k]];
			if (which == 0 ? x->kind == TT_LR_MIN_DAYS : which == 1 ? tt_lrule_binds(x) : !tt_lrule_hard(x))
				of[n++] = s->rule_of[k];
		}
	}
	at[m->nlessons] = n;
	*pat = at;
	*pof = of;
}

/* Each lesson's rules, and each atomic set's lessons that end its day (hard, and soft with
 * their rules). */
static void index_rules(struct solver *s)
{
	const struct tt_model *m = s->m;
	s->rule_at = xcalloc((size_t)m->nlessons + 2, sizeof *s->rule_at);
	s->apart_days = xcalloc((size_t)m->nlrules * (size_t)m->days + 1, sizeof *s->apart_days);
	s->ends_at = xcalloc((size_t)m->nleaves + 2, sizeof *s->ends_at);
	s->sends_at = xcalloc((size_t)m->nleaves + 2, sizeof *s->sends_at);
	for (int pass = 0; pass < 2; pass++) {
		for (int r = 0; r < m->nlrules; r++) {
			const struct tt_lrule *x = &m->lrules[r];
			for (int q = 0; q < x->nlessons; q++) {
				int i = x->lessons[q];
				if (pass)
					s->rule_of[s->rule_at[i + 1]++] = r;
				else
					s->rule_at[i + 2]++;
				if (x->kind != TT_LR_ENDS_DAY)
					continue;
				bool hard = tt_lrule_hard(x);
				int *at = hard ? s->ends_at : s->sends_at;
				const struct tt_course *c = &m->courses[m->lessons[i].course];
				for (int k = 0; k < c->nsets; k++)
					for (int f = 0; f < m->sets[c->sets[k]].nleaves; f++) {
						int leaf = m->sets[c->sets[k]].leaves[f];
						if (pass) {
							if (!hard)
								s->sends_rule[at[leaf + 1]] = r;
							(hard ? s->ends_of : s->sends_of)[at[leaf + 1]++] = i;
						} else {
							at[leaf + 2]++;
						}
					}
			}
		}
		if (pass == 0) {
			/* counts to starts (shifted one on, so the second pass fills in place) */
			for (int i = 2; i <= m->nlessons + 1; i++)
				s->rule_at[i] += s->rule_at[i - 1];
			for (int i = 2; i <= m->nleaves + 1; i++) {
				s->ends_at[i] += s->ends_at[i - 1];
				s->sends_at[i] += s->sends_at[i - 1];
			}
			s->rule_of = xcalloc((size_t)s->rule_at[m->nlessons + 1] + 1, sizeof *s->rule_of);
			s->ends_of = xcalloc((size_t)s->ends_at[m->nleaves + 1] + 1, sizeof *s->ends_of);
			s->sends_of = xcalloc((size_t)s->sends_at[m->nleaves + 1] + 1, sizeof *s->sends_of);
			s->sends_rule = xcalloc((size_t)s->sends_at[m->nleaves + 1] + 1, sizeof *s->sends_rule);
		}
	}
}

/* Each teacher's and atomic set's hard rules on days (soft: those weighing less) by index:
 * of[at[w] .. at[w + 1]) for teacher or atomic set w. */
static void index_day_rules(const struct tt_model *m, bool soft, int **tat, int **tof, int **lat, int **lof)
{
	int nt = m->nteachers, nl = m->nleaves;
	*tat = xcalloc((size_t)nt + 2, sizeof **tat);
	*lat = xcalloc((size_t)nl + 2, sizeof **lat);
	int *who = xcalloc((size_t)(nt > nl ? nt : nl) + 1, sizeof *who);
	for (int pass = 0; pass < 2; pass++) {
		for (int r = 0; r < m->ndrules; r++) {
			const struct tt_drule *x = &m->drules[r];
			if (soft == tt_drule_hard(x))
				continue;
			bool teacher = x->teacher >= 0 || x->everyone == 1;
			int n = 0;
			if (x->teacher >= 0)
				who[n++] = x->teacher;
			else if (x->set >= 0)
				for (int f = 0; f < m->sets[x->set].nleaves; f++)
					who[n++] = m->sets[x->set].leaves[f];
			else
				for (int k = 0; k < (teacher ? nt : nl); k++)
					who[n++] = k;
			int *at = teacher ? *tat : *lat;
			int *of = teacher ? *tof : *lof;
			for (int k = 0; k < n; k++) {
				if (pass)
					of[at[who[k] + 1]++] = r;
				else
					at[who[k] + 2]++;
			}
		}
		if (pass == 0) {
			for (int k = 2; k <= nt + 1; k++)
				(*tat)[k] += (*tat)[k - 1];
			for (int k = 2; k <= nl + 1; k++)
				(*lat)[k] += (*lat)[k - 1];
			*tof = xcalloc((size_t)(*tat)[nt + 1] + 1, sizeof **tof);
			*lof = xcalloc((size_t)(*lat)[nl + 1] + 1, sizeof **lof);
		}
	}
	free(who);
}

/* Each teacher's and atomic set's rules on days, hard and soft, and room for their weeks. */
static void index_days(struct solver *s)
{
	const struct tt_model *m = s->m;
	int nt = m->nteachers, nl = m->nleaves;
	index_day_rules(m, false, &s->tdr_at, &s->tdr_of, &s->ldr_at, &s->ldr_of);
	for (int r = 0; r < m->ndrules; r++)
		s->max_days |= m->drules[r].kind == TT_DR_MAX_DAYS && tt_drule_hard(&m->drules[r]);
	index_day_rules(m, true, &s->tsdr_at, &s->tsdr_of, &s->lsdr_at, &s->lsdr_of);
	s->soft_days = s->tsdr_at[nt] > 0 || s->lsdr_at[nl] > 0;
	s->tweek = xcalloc((size_t)(nt + 1) * (size_t)m->days, sizeof *s->tweek);
	s->lweek = xcalloc((size_t)(nl + 1) * (size_t)m->days, sizeof *s->lweek);
	s->tweek_ok = xcalloc((size_t)nt + 1, sizeof *s->tweek_ok);
	s->tsums = xcalloc((size_t)nt + 1, sizeof *s->tsums);
	s->lsums = xcalloc((size_t)nl + 1, sizeof *s->lsums);
	s->lweek_ok = xcalloc((size_t)nl + 1, sizeof *s->lweek_ok);
	s->tstale = xcalloc((size_t)nt + 1, sizeof *s->tstale);
	s->lstale = xcalloc((size_t)nl + 1, sizeof *s->lstale);
	s->toff = xcalloc((size_t)(nt + 1) * (size_t)m->days, sizeof *s->toff);
	s->loff = xcalloc((size_t)(nl + 1) * (size_t)m->days, sizeof *s->loff);
	for (int d = 0; d < m->days; d++)
		for (int p = 0; p < m->periods; p++) {
			for (int t = 0; m->unav_teacher && t < nt; t++)
				s->toff[t * m->days + d] |= (uint32_t)(m->unav_teacher[t * s->S + d * m->periods + p] != 0) << p;
			for (int f = 0; m->unav_leaf && f < nl; f++)
				s->loff[f * m->days + d] |= (uint32_t)(m->unav_leaf[f * s->S + d * m->periods + p] != 0) << p;
		}
}

static int by_students(const void *pa, const void *pb, void *model)
{
	const struct tt_model *m = model;
	const struct tt_course *a = &m->courses[*(const int *)pa], *b = &m->courses[*(const int *)pb];
	if (a->length != b->length)
		return a->length - b->length;
	if (a->nsets != b->nsets)
		return a->nsets - b->nsets;
	for (int q = 0; q < a->nsets; q++)
		if (a->sets[q] != b->sets[q])
			return a->sets[q] - b->sets[q];
	return *(const int *)pa - *(const int *)pb;
}

/* [course] one number for the courses of the same students and lesson length: their
 * lessons may swap places without changing whose day is how full. */
static int *signatures(const struct tt_model *m)
{
	int *order = xcalloc((size_t)m->ncourses + 1, sizeof *order);
	int *sig = xcalloc((size_t)m->ncourses + 1, sizeof *sig);
	for (int c = 0; c < m->ncourses; c++)
		order[c] = c;
	qsort_r(order, (size_t)m->ncourses, sizeof *order, by_students, (void *)m);
	for (int k = 0; k < m->ncourses; k++) {
		int c = order[k];
		sig[c] = k > 0 && m->courses[order[k - 1]].length == m->courses[c].length &&
				 m->courses[order[k - 1]].nsets == m->courses[c].nsets &&
				 (m->courses[c].nsets == 0 || memcmp(m->courses[order[k - 1]].sets, m->courses[c].sets,
							       (size_t)m->courses[c].nsets * sizeof(int)) == 0)
			 ? sig[order[k - 1]]
			 : c;
	}
	free(order);
	return sig;
}

static int difficulty(const struct tt_model *m, int i)
{
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	return c->length * 8 + c->nteachers * 4 + c->nsets * 2 + (c->different_days ? 1 : 0);
}

static int by_difficulty(const void *pa, const void *pb, void *model)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	int da = difficulty(model, a), db = difficulty(model, b);
	return da != db ? db - da : a - b;
}

/* The lessons of teacher (teacher) or atomic set w on day d, *n of them. */
static const int *day_lessons(const struct solver *s, bool teacher, int w, int d, int *n)
{
	int k = w * s->m->days + d;
	const struct dlist *l = teacher ? &s->tday[k] : &s->lday[k];
	*n = l->n;
	return l->v;
}

struct tally {
	int *count; /* violations per lesson */
	struct tt_violation *first;
	int total, locked_only;
	const struct tt_model *m;
	bool final; /* the last pass, taking out what still breaks a rule */
	bool *firm; /* (final) [lesson] in a violation that taking it out mends: not only free
		     * periods between lessons */
	struct solver *s; /* set: a rule on days broken by locked lessons alone queues the
			   * other lessons of its teacher or students (from), which may mend it by
			   * coming to that day */
	bool *from;
	struct tt_violation *kept; /* (final) every violation counted against a lesson, in */
	int nkept, capkept;	   /* the checker's order */
};

/* Whether v is free periods between lessons: taking out a lesson may open more. */
static bool gaps_rule(const struct tt_model *m, const struct tt_violation *v)
{
	int kind = v->rule == TT_DAY_RULE ? m->drules[v->who].kind : -1;
	return kind == TT_DR_MAX_GAPS_DAY || kind == TT_DR_MAX_GAPS_WEEK;
}

static void tally_one(void *ctx, const struct tt_violation *v)
{
	struct tally *t = ctx;
	t->total++;
	int kind = v->rule == TT_DAY_RULE ? t->m->drules[v->who].kind : -1;
	if ((kind == TT_DR_MIN_HOURS_DAY || kind == TT_DR_EARLY_SECOND) && t->final) {
		/* fewer lessons would not mend these: they stay, and are told */
		t->locked_only++;
		return;
	}
	bool gaps = gaps_rule(t->m, v);
	int who[2] = {v->a, v->b};
	bool movable = false;
	for (int k = 0; k < 2; k++)
		if (who[k] >= 0 && !t->m->lessons[who[k]].locked) {
			if (t->count[who[k]]++ == 0)
				t->first[who[k]] = *v;
			if (t->firm && !gaps)
				t->firm[who[k]] = true;
			movable = true;
		}
	if (!movable)
		t->locked_only++;
	else if (t->final) {
		if (t->nkept == t->capkept) {
			t->capkept = t->capkept ? 2 * t->capkept : 256;
			t->kept = xrealloc(t->kept, (size_t)t->capkept * sizeof *t->kept);
		}
		t->kept[t->nkept++] = *v;
	}
	if (!movable && v->rule == TT_DAY_RULE && t->s && v->res >= 0) {
		const struct tt_drule *x = &t->m->drules[v->who];
		bool teacher = x->teacher >= 0 || x->everyone == 1;
		struct solver *s = t->s;
		for (int d = 0; d < t->m->days; d++) {
			int nl;
			const int *l = day_lessons(s, teacher, v->res, d, &nl);
			for (int q = 0; q < nl; q++)
				if (!t->m->lessons[l[q]].locked) {
					t->from[l[q]] = true;
					queue(s, l[q]);
				}
		}
	}
}

/* The violations at the start, for the least a repair must move. */
struct clashes {
	const struct tt_model *m;
	bool *alone; /* [lesson] breaks a rule by itself, or with locked lessons only */
	bool *gone;  /* [lesson] and that rule is on its time: it leaves its time */
	int *pairs, npairs, cap;
};

static void collect(void *ctx, const struct tt_violation *v)
{
	struct clashes *c = ctx;
	bool la = v->a >= 0 && !c->m->lessons[v->a].locked, lb = v->b >= 0 && !c->m->lessons[v->b].locked;
	/* only what the lesson breaks wherever the others are: rules on days, school changes
	 * and rules over several lessons may be mended by moving another */
	bool own = v->rule == TT_TEACHER_UNAVAILABLE || v->rule == TT_STUDENTS_UNAVAILABLE ||
		   v->rule == TT_ROOM_UNAVAILABLE || v->rule == TT_ROOM_NOT_ALLOWED || v->rule == TT_ROOM_TOO_SMALL ||
		   v->rule == TT_NO_BELL || v->rule == TT_PAST_DAY ||
		   (v->rule == TT_LESSON_RULE && v->b < 0 &&
			   (c->m->lrules[v->who].kind == TT_LR_START_SLOTS || c->m->lrules[v->who].kind == TT_LR_TIME_SLOTS));
	bool pair = v->rule == TT_TEACHER_TWICE || v->rule == TT_STUDENTS_TWICE || v->rule == TT_ROOM_TWICE ||
		    v->rule == TT_SAME_DAY || v->rule == TT_TRAVEL || v->rule == TT_GAP_PERIODS;
	if (!own && !pair)
		return;
	if (pair && la && lb) {
		if (c->npairs == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->pairs = xrealloc(c->pairs, (size_t)c->cap * 2 * sizeof *c->pairs);
		}
		c->pairs[2 * c->npairs] = v->a;
		c->pairs[2 * c->npairs + 1] = v->b;
		c->npairs++;
	} else if (own && la && v->b < 0) {
		c->alone[v->a] = true;
		if (v->rule != TT_ROOM_UNAVAILABLE && v->rule != TT_ROOM_NOT_ALLOWED && v->rule != TT_ROOM_TOO_SMALL)
			c->gone[v->a] = true; /* another room would not mend it */
	}
	else if (pair && la && !lb)
		c->alone[v->a] = true;
	else if (pair && lb && !la)
		c->alone[v->b] = true;
}

/* Whether lesson i may start somewhere on day with its teachers and students there, and a
 * bell. */
static bool may_be_on(const struct tt_model *m, int i, int day)
{
	for (int p = 0; p + m->courses[m->lessons[i].course].length <= m->periods; p++)
		if (!fixed_out(m, i, day, p))
			return true;
	return false;
}

/* The lessons that must move besides those that must anyway (alone), for the students' days
 * kept without gaps and begun at the first period (hard rules allowing none): where lessons
 * must leave their time (gone) and the others of an atomic set that day would then have a
 * free period among them, or begin late, another lesson of that set moves (to fill it, or to
 * close it up), unless one that moves anyway may go to that day. A lesson covers at most as
 * many sets as the widest course: so many such days, divided by that, rounded up. */
static int holes_left(const struct tt_model *m, const bool *alone, const bool *gone)
{
	int P = m->periods, D = m->days, S = D * P, nl = m->nleaves, widest = 1;
	bool *gapless = xcalloc((size_t)nl + 1, sizeof *gapless), *early = xcalloc((size_t)nl + 1, sizeof *early);
	bool any = false;
	for (int r = 0; r < m->ndrules; r++) {
		const struct tt_drule *x = &m->drules[r];
		bool gaps = x->kind == TT_DR_MAX_GAPS_WEEK || x->kind == TT_DR_MAX_GAPS_DAY;
		if (!tt_drule_hard(x) || x->n != 0 || (!gaps && x->kind != TT_DR_EARLY_SECOND) || x->teacher >= 0)
			continue;
		bool *mark = gaps ? gapless : early;
		if (x->set >= 0)
			for (int f = 0; f < m->sets[x->set].nleaves; f++)
				mark[m->sets[x->set].leaves[f]] = any = true;
		else if (x->everyone == 2)
			for (int f = 0; f < nl; f++)
				mark[f] = any = true;
	}
	int holes = 0;
	if (any) {
		/* [leaf * days + day]: its periods kept, whether a lesson leaves, whether one that
		 * moves anyway may come */
		unsigned char *kept = xcalloc((size_t)nl * (size_t)S + 1, 1);
		bool *leaves = xcalloc((size_t)nl * (size_t)D + 1, sizeof *leaves);
		bool *fill = xcalloc((size_t)nl * (size_t)D + 1, sizeof *fill);
		for (int i = 0; i < m->nlessons; i++) {
			const struct tt_lesson *l = &m->lessons[i];
			const struct tt_course *c = &m->courses[l->course];
			for (int q = 0; q < c->nsets; q++)
				for (int k = 0; k < m->sets[c->sets[q]].nleaves; k++) {
					int f = m->sets[c->sets[q]].leaves[k];
					if (alone[i])
						for (int d = 0; d < D; d++)
							fill[f * D + d] = fill[f * D + d] || may_be_on(m, i, d);
					if (l->day < 0 || l->day >= D || l->period < 0 || l->period + c->length > P)
						continue;
					if (gone[i])
						leaves[f * D + l->day] = true;
					else
						for (int z = 0; z < c->length; z++)
							kept[f * S + l->day * P + l->period + z] = 1;
				}
		}
		for (int f = 0; f < nl; f++)
			for (int d = 0; d < D && (gapless[f] || early[f]); d++) {
				if (!leaves[f * D + d] || fill[f * D + d])
					continue;
				const unsigned char *k = kept + f * S + d * P;
				bool away = false;
				for (int p = 0; p < P && m->unav_leaf && !away; p++)
					away = m->unav_leaf[f * S + d * P + p];
				int first = 0, last = P - 1;
				while (first < P && !k[first])
					first++;
				while (last >= 0 && !k[last])
					last--;
				if (away || first >= P)
					continue; /* breaks, or a day that may go empty: not counted */
				bool hole = early[f] && first > 0;
				for (int p = first; p < last && gapless[f] && !hole; p++)
					hole = !k[p];
				holes += hole;
			}
		free(kept);
		free(leaves);
		free(fill);
		for (int c = 0; c < m->ncourses; c++) {
			int n = course_leaves(m, c);
			widest = n > widest ? n : widest;
		}
	}
	free(gapless);
	free(early);
	return (holes + widest - 1) / widest;
}

/* How many lessons must move at least: each unlocked one breaking a rule alone (or with a
 * locked one), and of the rest, the more of: one of each pair of a greedy matching of the
 * clashes (no one move mends two pairs of a matching), and those the students' days without
 * gaps make move (holes_left). */
int tt_must_move(const struct tt_model *m)
{
	struct clashes c = {m, xcalloc((size_t)m->nlessons + 1, sizeof(bool)),
		xcalloc((size_t)m->nlessons + 1, sizeof(bool)), NULL, 0, 0};
	tt_check(m, collect, &c);
	int n = 0;
	for (int i = 0; i < m->nlessons; i++)
		n += c.alone[i];
	int holes = holes_left(m, c.alone, c.gone), pairs = 0;
	for (int k = 0; k < c.npairs; k++) {
		int a = c.pairs[2 * k], b = c.pairs[2 * k + 1];
		if (c.alone[a] || c.alone[b])
			continue;
		c.alone[a] = c.alone[b] = true; /* matched */
		pairs++;
	}
	free(c.alone);
	free(c.gone);
	free(c.pairs);
	return n + (pairs > holes ? pairs : holes);
}

/* Whether taking lesson i out leaves fewer hard violations than total; if not, it is put
 * back where it was. Each asking checks the whole term: *budget of them, then false. */
static bool out_mends(struct solver *s, int i, int total, long *budget)
{
	if (*budget <= 0)
		return false;
	--*budget;
	struct tt_lesson *l = &s->m->lessons[i];
	int d = l->day, p = l->period, room = l->room;
	unplace(s, i);
	if (tt_check(s->m, NULL, NULL) < total)
		return true;
	place(s, i, d, p, room);
	return false;
}

/* For free periods between lessons (v): a lesson of that teacher or atomic set at the start
 * or end of one of its days whose leaving mends them; -1 when none does. */
static int gap_out(struct solver *s, const struct tt_violation *v, int total, long *budget)
{
	const struct tt_model *m = s->m;
	const struct tt_drule *x = &m->drules[v->who];
	bool teacher = x->teacher >= 0 || x->everyone == 1;
	for (int d = 0; d < m->days; d++) {
		int n;
		const int *on = day_lessons(s, teacher, v->res, d, &n);
		int first = -1, last = -1;
		for (int q = 0; q < n; q++) {
			const struct tt_lesson *l = &m->lessons[on[q]];
			if (l->locked)
				continue;
			if (first < 0 || l->period < m->lessons[first].period)
				first = on[q];
			if (last < 0 || l->period > m->lessons[last].period)
				last = on[q];
		}
		if (first >= 0 && out_mends(s, first, total, budget))
			return first;
		if (last >= 0 && last != first && out_mends(s, last, total, budget))
			return last;
	}
	return -1;
}

/* Whether taking out either lesson of v (one of its lessons) ends it, whatever else is
 * where: two lessons in one slot, two of a course on one day, a lesson where it may not be,
 * a rule over lessons but the one on the ends of days (another lesson may come last). */
static bool ends_when_out(const struct tt_model *m, const struct tt_violation *v)
{
	switch (v->rule) {
	case TT_TEACHER_TWICE: case TT_STUDENTS_TWICE: case TT_ROOM_TWICE: case TT_SAME_DAY:
	case TT_ROOM_NOT_ALLOWED: case TT_ROOM_TOO_SMALL: case TT_TEACHER_UNAVAILABLE:
	case TT_STUDENTS_UNAVAILABLE: case TT_ROOM_UNAVAILABLE: case TT_NO_BELL: case TT_PAST_DAY:
		return true;
	case TT_LESSON_RULE:
		return m->lrules[v->who].kind != TT_LR_ENDS_DAY;
	default:
		return false;
	}
}

/* One check's violations by lesson, for taking out several lessons before the next check:
 * the k-th lesson's are kept[of[at[k]] .. of[at[k + 1]]), in the checker's order; dead
 * [violation] ended by a lesson gone, unsure [lesson] in a violation whose end is not sure. */
struct outs {
	int *at, *of;
	bool *dead, *unsure;
};

/* The lessons of violation v a tally counts against: unlocked, each once; how many. */
static int violation_lessons(const struct tt_model *m, const struct tt_violation *v, int who[2])
{
	int n = 0;
	if (v->a >= 0 && !m->lessons[v->a].locked)
		who[n++] = v->a;
	if (v->b >= 0 && v->b != v->a && !m->lessons[v->b].locked)
		who[n++] = v->b;
	return n;
}

static void outs_index(struct outs *o, const struct tally *t, int n)
{
	o->at = xrealloc(o->at, (size_t)(n + 2) * sizeof *o->at);
	o->of = xrealloc(o->of, (size_t)(2 * t->nkept + 1) * sizeof *o->of);
	o->dead = xrealloc(o->dead, (size_t)(t->nkept + 1) * sizeof *o->dead);
	o->unsure = xrealloc(o->unsure, (size_t)(n + 1) * sizeof *o->unsure);
	memset(o->at, 0, (size_t)(n + 2) * sizeof *o->at);
	memset(o->dead, 0, (size_t)(t->nkept + 1) * sizeof *o->dead);
	memset(o->unsure, 0, (size_t)(n + 1) * sizeof *o->unsure);
	int who[2];
	for (int k = 0; k < t->nkept; k++)
		for (int w = violation_lessons(t->m, &t->kept[k], who); w-- > 0;)
			o->at[who[w] + 2]++;
	for (int i = 0; i < n; i++)
		o->at[i + 2] += o->at[i + 1];
	for (int k = 0; k < t->nkept; k++)
		for (int w = violation_lessons(t->m, &t->kept[k], who); w-- > 0;)
			o->of[o->at[who[w] + 1]++] = k;
}

/* Lesson i gone: its violations end, and the other lesson in each counts one fewer, told by
 * the first it is still in, firm while one is not free periods; where the end is not sure
 * (a violation that taking out a lesson may not end), the other lesson waits for the next
 * check. */
static void outs_gone(struct outs *o, struct tally *t, int i)
{
	for (int q = o->at[i]; q < o->at[i + 1]; q++) {
		int k = o->of[q];
		if (o->dead[k])
			continue;
		o->dead[k] = true;
		const struct tt_violation *v = &t->kept[k];
		int other = v->a == i ? v->b : v->a;
		if (other < 0 || other == i || t->m->lessons[other].locked)
			continue;
		if (!ends_when_out(t->m, v))
			o->unsure[other] = true;
		t->count[other]--;
		t->firm[other] = false;
		bool told = false;
		for (int u = o->at[other]; u < o->at[other + 1]; u++) {
			const struct tt_violation *w = &t->kept[o->of[u]];
			if (o->dead[o->of[u]])
				continue;
			if (!told)
				t->first[other] = *w;
			told = true;
			t->firm[other] |= !gaps_rule(t->m, w);
		}
	}
	t->count[i] = 0;
}

/* Takes out what still breaks a rule, adding each to r's lessons left out with the
 * violation that stood in its way. One check counts each lesson's violations; the lessons
 * in one that taking them out mends go out one after another, the one in most first, the
 * others' counts kept as they fall; then, on the term checked again, those only in free
 * periods between lessons, each only when that mends the term. */
static void take_out(struct solver *s, struct tt_solve_result *r, int *count, struct tt_violation *first, long *budget)
{
	struct tt_model *m = s->m;
	bool *firm = xcalloc((size_t)m->nlessons + 1, sizeof *firm), *stays = xcalloc((size_t)m->nlessons + 1, sizeof *stays);
	int *cand = xcalloc((size_t)m->nlessons + 1, sizeof *cand);
	struct tally t = {count, first, 0, 0, m, true, firm};
	struct outs o = {0};
	for (;;) {
		memset(count, 0, (size_t)m->nlessons * sizeof *count);
		memset(firm, 0, (size_t)m->nlessons * sizeof *firm);
		t.total = t.locked_only = t.nkept = 0;
		tt_check(m, tally_one, &t);
		outs_index(&o, &t, m->nlessons);
		int ncand = 0;
		for (int i = 0; i < m->nlessons; i++)
			if (count[i] && !stays[i])
				cand[ncand++] = i;
		bool gone = false, changed = false;
		for (;;) {
			int worst = -1, gap = -1;
			for (int k = 0; k < ncand; k++) {
				int i = cand[k];
				if (!count[i] || stays[i] || o.unsure[i])
					continue;
				int *w = firm[i] ? &worst : &gap;
				if (*w < 0 || count[i] > count[*w])
					*w = i;
			}
			if (worst >= 0) {
				unplace(s, worst);
				r->unplaced[r->nunplaced] = worst;
				r->why[r->nunplaced++] = first[worst];
				outs_gone(&o, &t, worst);
				gone = true;
				continue;
			}
			if (gap < 0 || gone)
				break; /* what is left weighed on the term checked again */
			int out = gap;
			if (!out_mends(s, gap, t.total, budget)) {
				out = gap_out(s, &first[gap], t.total, budget);
				if (out < 0) {
					stays[gap] = true; /* the term as it was: the counts hold */
					continue;
				}
			}
			r->unplaced[r->nunplaced] = out;
			r->why[r->nunplaced++] = first[gap];
			changed = true;
			break;
		}
		if (!gone && !changed) {
			r->violations = t.total;
			break;
		}
	}
	free(o.at);
	free(o.of);
	free(o.dead);
	free(o.unsure);
	free(t.kept);
	free(cand);
	free(firm);
	free(stays);
}

/* Puts each lesson left out where nothing is in its way now and no rule on days is broken
 * more, if there is such a place; those leave r's list. Returns whether any did. */
static bool put_back(struct solver *s, struct tt_solve_result *r)
{
	struct tt_model *m = s->m;
	int kept = 0;
	for (int k = 0; k < r->nunplaced; k++) {
		int i = r->unplaced[k];
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		bool placed = false;
		for (int d = 0; d < m->days && !placed; d++)
			for (int p = 0; p + c->length <= m->periods && !placed; p++) {
				/* nothing in its way there, and no rule on days broken more than it is
				 * (a week with a free period it cannot mend still takes a lesson
				 * elsewhere) */
				int cost;
				s->without_days = true;
				int room = best_room(s, i, d, p, &cost, NULL);
				s->without_days = false;
				if (cost != 0 || days_worse(s, i, d, p))
					continue;
				place(s, i, d, p, room);
				placed = true;
			}
		if (!placed) {
			r->why[kept] = r->why[k];
			r->unplaced[kept++] = i;
		}
	}
	bool any = kept < r->nunplaced;
	r->nunplaced = kept;
	return any;
}

/* What still breaks a rule out (take_out), then back where it fits now (put_back), a few
 * rounds. A lesson only in free periods between lessons goes out only when the timetable then
 * breaks fewer rules, or else one at the start or end of a day of those whose free periods
 * they are: taken out of a day without free periods it would open one, and each lesson out
 * for that would open more. Each trial checks the whole term: some two million lessons'
 * worth of checking in all (a large term's gaps stay after that). */
static void go_out(struct solver *s, struct tt_solve_result *r, int *count, struct tt_violation *first)
{
	long budget = 2000000L / (s->m->nlessons + 1) + 16;
	for (int round = 0; round < 3; round++) {
		take_out(s, r, count, first, &budget);
		if (!put_back(s, r))
			break;
	}
}

/* The rules standing in the way of lesson i (not laid) at every place of the week: each
 * place's rules noted, then the fewest rules that close every place, the one closing most
 * places first (greedy). Appends to r->blocks; returns how many. */
static int explain(struct solver *s, int i, struct tt_solve_result *r, int *cap)
{
	struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int starts = m->periods - c->length + 1;
	if (starts <= 0 || (s->rooms[m->lessons[i].course] && !s->nrooms[m->lessons[i].course]))
		return 0; /* longer than a day, or no room it may use: said as it is */
	int places = m->days * starts;
	struct why w = {0};
	struct tt_violation *reasons = NULL;
	unsigned char *closes = NULL; /* [reason * places] */
	int nr = 0, capr = 0;
	for (int d = 0; d < m->days; d++)
		for (int p = 0; p < starts; p++) {
			int cost, room = best_room(s, i, d, p, &cost, NULL);
			if (cost >= 1 << 24)
				room = -1;
			w.n = 0;
			s->why = &w;
			s->why_lesson = i;
			cost_at(s, i, d, p, room);
			s->why = NULL;
			for (int k = 0; k < w.n; k++) {
				int q = 0;
				while (q < nr && !(reasons[q].rule == w.v[k].rule && reasons[q].who == w.v[k].who &&
						      reasons[q].res == w.v[k].res))
					q++;
				if (q == nr) {
					if (nr == capr) {
						capr = capr ? capr * 2 : 16;
						reasons = xrealloc(reasons, (size_t)capr * sizeof *reasons);
						closes = xrealloc(closes, (size_t)capr * (size_t)places);
					}
					reasons[nr] = w.v[k];
					memset(closes + (size_t)nr * (size_t)places, 0, (size_t)places);
					nr++;
				}
				closes[(size_t)q * (size_t)places + (size_t)(d * starts + p)] = 1;
			}
		}
	free(w.v);
	unsigned char *covered = xcalloc((size_t)places, 1);
	bool *used = xcalloc((size_t)nr + 1, sizeof *used);
	int n = 0;
	for (;;) {
		int best = -1, most = 0;
		for (int q = 0; q < nr; q++) {
			if (used[q])
				continue;
			int more = 0;
			for (int x = 0; x < places; x++)
				more += closes[(size_t)q * (size_t)places + (size_t)x] && !covered[x];
			if (more > most) {
				most = more;
				best = q;
			}
		}
		if (best < 0)
			break;
		used[best] = true;
		int all = 0;
		for (int x = 0; x < places; x++) {
			all += closes[(size_t)best * (size_t)places + (size_t)x];
			if (closes[(size_t)best * (size_t)places + (size_t)x])
				covered[x] = 1;
		}
		if (r->nblocks == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			r->blocks = xrealloc(r->blocks, (size_t)*cap * sizeof *r->blocks);
		}
		r->blocks[r->nblocks++] = (struct tt_block){reasons[best], all, places};
		n++;
	}
	free(covered);
	free(used);
	free(reasons);
	free(closes);
	return n;
}

struct soft_pick {
	const struct solver *s;
	int *in_rule; /* [lesson] soft violations it may mend by moving */
};

/* Marks the lessons that may mend a soft violation by moving: those it names, and for a
 * rule on days every lesson of that day (or of the week, for a weekly rule) of the teacher
 * or the atomic set. */
static void pick_soft(void *ctx, const struct tt_violation *v)
{
	struct soft_pick *p = ctx;
	const struct solver *s = p->s;
	const struct tt_model *m = s->m;
	if (v->rule != TT_DAY_RULE) {
		if (v->a >= 0)
			p->in_rule[v->a]++;
		if (v->b >= 0)
			p->in_rule[v->b]++;
		return;
	}
	const struct tt_drule *x = &m->drules[v->who];
	bool teacher = x->teacher >= 0 || x->everyone == 1;
	int from = v->day >= 0 ? v->day : 0, to = v->day >= 0 ? v->day + 1 : m->days;
	for (int d = from; d < to; d++) {
		if (teacher) {
			int k = v->res * m->days + d;
			for (int q = 0; q < s->tday[k].n; q++)
				p->in_rule[s->tday[k].v[q]]++;
		} else {
			const struct dlist *dl = &s->lday[v->res * m->days + d];
			for (int q = 0; q < dl->n; q++)
				p->in_rule[dl->v[q]]++;
		}
	}
}

/* Every lesson meeting a rule, the checker's word included for the rules over many
 * lessons; with hard ones kept and soft ones to keep, the lessons breaking a soft one
 * (from[i] set: taken even when no hard rule is met). Returns whether any hard one is. */
static bool scan(struct solver *s, bool *from, int *in_rule, struct tt_violation *first_v, bool *soft_phase)
{
	struct tt_model *m = s->m;
	*soft_phase = false;
	if (m->nlrules || m->ndrules) {
		memset(in_rule, 0, (size_t)m->nlessons * sizeof *in_rule);
		struct tally t = {in_rule, first_v, 0, 0, m, .s = s, .from = from};
		tt_check(m, tally_one, &t);
		for (int i = 0; i < m->nlessons; i++)
			if (in_rule[i] && !m->lessons[i].locked && m->lessons[i].day >= 0) {
				from[i] = true;
				queue(s, i);
			}
	}
	for (int i = 0; i < m->nlessons; i++)
		queue_if_bad(s, i);
	if (s->ntodo || (!s->soft_rules && !s->home))
		return s->ntodo > 0;
	*soft_phase = true;
	return false;
}

/* With every hard rule kept, what is still to mend: the soft score, and in a repair each
 * lesson away from its place as much as HOME_COST (the lessons of both marked in in_rule,
 * when given). */
static double mend_score(struct solver *s, int *in_rule)
{
	const struct tt_model *m = s->m;
	struct soft_pick sp = {s, in_rule};
	double score = tt_soft_score(m, NULL, in_rule ? pick_soft : NULL, in_rule ? &sp : NULL);
	for (int i = 0; s->home && i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (s->home[i] >= 0 && !l->locked && l->day >= 0 && l->day * m->periods + l->period != s->home[i]) {
			score += HOME_COST;
			if (in_rule)
				in_rule[i]++;
		}
	}
	return score;
}

/* The courses some of whose students have at most KEMPE_SLACK periods free in the week once
 * every lesson is placed (their open periods less their lessons' length). */
static bool *packed_courses(const struct tt_model *m)
{
	int *slack = tt_leaf_need(m);
	for (int f = 0; f < m->nleaves; f++)
		slack[f] = tt_open_periods(m->unav_leaf, f, m->days * m->periods) - slack[f];
	bool *packed = xcalloc((size_t)m->ncourses + 1, sizeof *packed);
	for (int k = 0; k < m->ncourses; k++) {
		const struct tt_course *c = &m->courses[k];
		for (int q = 0; q < c->nsets && !packed[k]; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves && !packed[k]; f++)
				packed[k] = slack[m->sets[c->sets[q]].leaves[f]] <= KEMPE_SLACK;
	}
	free(slack);
	return packed;
}

/* Every lesson laid as in "as" (its day, period and room; not placed where its day is -1). */
static void lay_all(struct solver *s, const struct tt_lesson *as)
{
	for (int i = 0; i < s->m->nlessons; i++)
		unplace(s, i);
	for (int i = 0; i < s->m->nlessons; i++)
		if (as[i].day >= 0)
			place(s, i, as[i].day, as[i].period, as[i].room);
}

/* What a long part of the search (filling) looks at now and then: the time, another
 * thread's word to stop, and the progress callback, about ten times a second. */
struct watch {
	const struct tt_solve_opts *o;
	struct tt_job *j;
	double t0, limit, last;
	long *steps;  /* the search's, which each turn of filling counts too */
	const long *work; /* the solver's: the racing restarts' clock */
	bool stopped; /* the callback or another thread said stop */
};

/* Whether filling goes on, with out lessons left out: as the search goes on at a step (the
 * time, the step limit, a racing restart done sooner by the clock, a stop), the progress
 * callback called now and then. */
static bool watch_on(struct watch *w, const struct tt_model *m, int out)
{
	double now = now_s();
	long steps = *w->steps;
	if (now - w->t0 > w->limit || (w->o && w->o->max_steps && steps >= w->o->max_steps))
		return false;
	if (tt_job_lost(w->j, *w->work))
		return false;
	if (w->j && w->j->stop && atomic_load_explicit(w->j->stop, memory_order_relaxed)) {
		w->stopped = true;
		return false;
	}
	if (w->o && w->o->progress && now - w->last >= 0.1) {
		w->last = now;
		struct tt_progress pr = {now - w->t0, w->limit, m->nlessons - out, m->nlessons, out};
		if (!w->o->progress(w->o->ctx, &pr)) {
			w->stopped = true;
			return false;
		}
	}
	return true;
}

/* Filling, as FET places its lessons: a timetable of some lessons, every hard rule kept
 * among them, with the rest left out, placed in turns, in one of two ways (tt_solve_opts'
 * fill_fet). The lightest first: a lesson out (the heaviest or one drawn) goes to the
 * place where the lightest lessons are in its way, those go out and each is placed the same
 * way a few levels deep, else the lesson stays at the lightest place and those wait their
 * turn (not taking it out again for a while). FET's order: the lessons in an order (those
 * placed first, then the hardest first); a turn takes the first lesson out in it to a place
 * where the fewest lessons are in its way, takes those out and places each the same way, up
 * to FILL_LEVELS levels deep (every place in that order at the first FILL_WIDE levels, the
 * first only deeper; no lesson taken out twice in a turn; at most FILL_CALLS places sought
 * in a turn for each lesson of the term). A place is weighed once, as FET's generate.cpp
 * weighs it: each soft rule over lessons hard with the chance of its weight, drawn anew
 * each time (FET's skipRandom); with the lessons at the ends of days the rules on days then
 * take out; left out where those cannot be met. When all that fails, the lesson goes by
 * force to the place FET sends it to (fill_first), and those in its way go out, each
 * counted as taken out of its place by force once more, and come next in the order. On
 * Insight_Learning_Centre2 (fet-data), filling so from an empty week solved three seeds of
 * ten on one thread (seed 1 in 157 s, 8 in 31.7 s), where blind to the soft rules it went
 * round among a few lessons for the whole limit (seed 1: 706 of 810 in 120 s, 701 in 600 s);
 * README, Performance. The rules on days that
 * lessons still out may mend (free periods between lessons, a day begun late, too few hours
 * on a day) are held only as far as those lessons cannot mend them: a week may have as many
 * free periods too many as its teacher's or students' lessons out have periods. Once none is
 * out, every rule holds. */
#define FILL_CAP 10	   /* lessons in the way of one place, at most (the lightest first) */
#define FILL_FET_CAP 16	   /* and in FET's order */
#define FILL_LIGHT_LEVELS 5 /* how deep lessons taken out are placed again at once */
#define FILL_LOOKS 400	   /* places looked at for one lesson and those it takes out */
#define FILL_DEEP_TRIES 3  /* places tried for a lesson taken out, the best first */
#define FILL_TENURE 20	   /* turns a lesson placed by force is not taken out again, more
			    * the more are out */
#define FILL_LEVELS 14	   /* in FET's order: how deep, */
#define FILL_WIDE 5	   /* at how many levels every place is tried (deeper, the first), */
#define FILL_CALLS 2	   /* and how many places sought in a turn, for each lesson */
#define FILL_PATIENCE 10000 /* turns without fewer lessons out before filling goes back to
			    * the fewest yet */
#define FILL_AGAIN 4	   /* times it does, before it gives up */
#define FILL_STALL 20000   /* steps of the search without a new least before it fills, */
#define FILL_STALL_LESSON 20 /* and so many more a lesson of the term */

struct fill {
	bool fet;	     /* in FET's order, else the lightest first */
	int cap;	     /* lessons in the way of one place, at most */
	int *un_t, *un_l;    /* [teacher], [leaf]: periods of lessons out */
	int *out, nout, *at; /* the lessons out, and each one's index there (-1: in) */
	long *w;	     /* [lesson] what taking it out weighs: its periods times its
			      * teachers and atomic sets */
	long *since;	     /* the lightest first: [lesson] the turn it last came in by force */
	long turn;
	int *order, *rank, n; /* FET's order: the lessons filling places, in the order placed */
	int *buf;
	unsigned short *forced; /* [lesson * S + slot]: times taken out of that place by force */
	uint64_t draw;	     /* the state soft rules on lessons are drawn from (struct way) */
	bool days;	     /* the term has hard rules on days: a place weighed with what they
			      * take out */
	bool by_forced;	     /* weighing a place at the first level: a lesson at a day's end
			      * taken out chosen among those taken out by force least often */
	int *lists, *counts; /* [level][slot]: the lessons in the way of each place as weighed
			      * (2 * FILL_FET_CAP a place), and how many */
	long calls;	     /* places sought in this turn */
	int first;	     /* where the lesson of the turn goes by force (fill_first), -1: none */
	struct ejection e;   /* what moved, to undo it, and the places left to look at */
};

static void fill_count(struct solver *s, struct fill *f, int j, int sign)
{
	const struct tt_model *m = s->m;
	const struct tt_course *c = &m->courses[m->lessons[j].course];
	for (int t = 0; t < c->nteachers; t++)
		f->un_t[c->teachers[t]] += sign * c->length;
	for (int q = 0; q < c->nsets; q++)
		for (int z = 0; z < m->sets[c->sets[q]].nleaves; z++)
			f->un_l[m->sets[c->sets[q]].leaves[z]] += sign * c->length;
}

/* Lesson j (not laid) among those out, or (in) no longer. */
static void fill_out(struct solver *s, struct fill *f, int j)
{
	fill_count(s, f, j, 1);
	f->at[j] = f->nout;
	f->out[f->nout++] = j;
}

static void fill_in(struct solver *s, struct fill *f, int j)
{
	fill_count(s, f, j, -1);
	int k = f->at[j];
	f->out[k] = f->out[--f->nout];
	f->at[f->out[k]] = k;
	f->at[j] = -1;
}

static void fill_take(struct solver *s, struct fill *f, int j)
{
	if (s->m->lessons[j].day < 0)
		return;
	moved(s, &f->e, j);
	unplace(s, j);
	fill_out(s, f, j);
}

static void fill_put(struct solver *s, struct fill *f, int j, int day, int period, int room)
{
	moved(s, &f->e, j);
	place(s, j, day, period, room);
	fill_in(s, f, j);
}

static void fill_undo(struct solver *s, struct fill *f, int mark)
{
	while (f->e.n > mark) {
		struct undo u = f->e.log[--f->e.n];
		if (s->m->lessons[u.lesson].day >= 0) {
			unplace(s, u.lesson);
			fill_out(s, f, u.lesson);
		}
		if (u.day >= 0) {
			place(s, u.lesson, u.day, u.period, u.room);
			fill_in(s, f, u.lesson);
		}
	}
}

/* What the hard rules on gaps, late beginnings and fewest hours a day of a teacher
 * (teacher) or atomic set w ask of its days together, as FET counts a subgroup's hours: each
 * day at least its fewest hours, or its lessons with the gaps and late periods between them
 * (what the rules leave free of those, at most); whether its lessons out (un periods) could
 * still give that, and no day must have more hours than allowed. Else *days gets the days a
 * lesson at an end of may lower what is asked. */
static bool fill_need_holds(const struct solver *s, bool teacher, int w, int un, uint32_t *days)
{
	const struct tt_model *m = s->m;
	const int *at = teacher ? s->tdr_at : s->ldr_at, *of = teacher ? s->tdr_of : s->ldr_of;
	int least = 0, least_empty = 0, most = INT_MAX, gweek = -1, gday = -1, early = -1;
	for (int k = at[w]; k < at[w + 1]; k++) {
		const struct tt_drule *x = &m->drules[of[k]];
		int *v = NULL;
		switch (x->kind) {
		case TT_DR_MIN_HOURS_DAY:
			least = x->n > least ? x->n : least;
			if (!x->empty_days && x->n > least_empty)
				least_empty = x->n;
			continue;
		case TT_DR_MAX_HOURS_DAY:
			most = x->n < most ? x->n : most;
			continue;
		case TT_DR_MAX_GAPS_WEEK: v = &gweek; break;
		case TT_DR_MAX_GAPS_DAY: v = &gday; break;
		case TT_DR_EARLY_SECOND: v = &early; break;
		default: continue;
		}
		if (*v < 0 || x->n < *v)
			*v = x->n;
	}
	if (!least && gweek < 0 && gday < 0 && early < 0)
		return true;
	struct tt_week_sums *ws;
	const struct tt_day_shape *week = week_of(s, teacher, w, &ws);
	bool gapped = gweek >= 0 || gday >= 0;
	long need = 0, free_ = 0, late = 0, each_day = 0;
	uint32_t lower = 0, over = 0;
	for (int d = 0; d < m->days; d++) {
		const struct tt_day_shape *sh = &week[d];
		int floor = sh->hours > 0 ? least : least_empty;
		int g = gapped ? sh->gaps : 0, l = early >= 0 && sh->hours > 0 ? sh->late : 0;
		/* filled whatever else is left free: free periods past a day's own limit, and one
		 * before the first lesson where the day begins past the second period */
		int g_must = gday >= 0 && g > gday ? g - gday : 0, l_must = l > 1;
		int top = sh->hours + g + l, low = sh->hours + g_must + l_must;
		top = top > floor ? top : floor;
		low = low > floor ? low : floor;
		need += top - sh->hours;
		free_ += top - low;
		late += l > 0;
		each_day += gday >= 0 ? gday : 0;
		uint32_t bit = d < 32 ? (uint32_t)1 << d : UINT32_MAX;
		if (sh->hours > 0 && top > floor)
			lower |= bit;
		if (low > most)
			over |= bit;
	}
	/* a period left unfilled is a free period or a late beginning the rules allow: at most
	 * so many of each (every one where no rule counts free periods) */
	long budget = !gapped ? LONG_MAX / 2 : gweek >= 0 ? gweek : each_day;
	budget += early >= 0 ? (early < late ? early : late) : 0;
	need -= free_ < budget ? free_ : budget;
	if (over || need > un) {
		*days |= over | (need > un ? lower : 0);
		return false;
	}
	return true;
}

/* Whether a teacher's (teacher) or atomic set's hard rules on days hold, as far as its
 * lessons out (un periods) could not mend them; days, the days a lesson taken out may mend
 * what does not hold (a bit a day; a term has 20 days at most, past 32 every bit): those a
 * rule on single days is broken on, every day for a rule on the week or on too few hours
 * a day, and those where what the rules ask of the days together may be lowered (those, in
 * last, by their last lesson alone, as FET takes it). */
static bool fill_days_hold(const struct solver *s, bool teacher, int w, int un, uint32_t *days, uint32_t *last)
{
	const struct tt_model *m = s->m;
	*days = *last = 0;
	const int *at = teacher ? s->tdr_at : s->ldr_at, *of = teacher ? s->tdr_of : s->ldr_of;
	if (at[w] == at[w + 1])
		return true;
	struct tt_week_sums *ws;
	const struct tt_day_shape *week = week_of(s, teacher, w, &ws);
	for (int k = at[w]; k < at[w + 1]; k++) {
		const struct tt_drule *x = &m->drules[of[k]];
		int ex = 0;
		uint32_t on = 0;
		if (tt_drule_weekly(x) || x->kind == TT_DR_MIN_HOURS_DAY)
			on = UINT32_MAX;
		if (tt_drule_weekly(x))
			ex = tt_drule_excess_of(x, ws, NULL);
		else
			for (int d = 0; d < m->days; d++) {
				int e = tt_drule_excess_of(x, ws, &week[d]);
				ex += e;
				on |= e <= 0 ? 0 : d < 32 ? (uint32_t)1 << d : UINT32_MAX;
			}
		bool mendable = x->kind == TT_DR_MAX_GAPS_WEEK || x->kind == TT_DR_MAX_GAPS_DAY ||
				x->kind == TT_DR_EARLY_SECOND || x->kind == TT_DR_MIN_HOURS_DAY;
		if (ex > (mendable ? un : 0))
			*days |= on;
	}
	uint32_t need = 0;
	if (!fill_need_holds(s, teacher, w, un, &need)) {
		*last = need & ~*days; /* as FET: a day's last lesson, first */
		*days |= need;
	}
	return !*days;
}

/* Those in the way for filling, into in[f->cap]: in FET's order, none taken out already in
 * this turn, the soft rules on lessons drawn as FET draws them, and each place sought
 * counted in the solver's work (seeking is most of a turn's time in that order). */
static int fill_in_way(struct solver *s, struct fill *f, int x, int day, int period, int *in)
{
	s->work += f->fet ? WORK_SEEK : 0;
	struct way w = {in, 0, f->cap, f->fet, true, f->fet ? &f->draw : NULL};
	return lessons_in_way(s, x, day, period, &w);
}

/* A lesson at an end of one of days (fill_days_hold's bits; of those in last, at its end,
 * and only when the day's last lesson is one) of teacher (teacher) or atomic set w, not x
 * nor locked (nor, fresh, moved in this turn), drawn evenly (with forced, among those taken
 * out of their places by force least often, as FET at its first level); -1 when none. */
static int fill_day_end(struct solver *s, bool fresh, const unsigned short *forced, bool teacher, int w, int x,
			uint32_t days, uint32_t last)
{
	const struct tt_model *m = s->m;
	int pick = -1, ties = 0, least = INT_MAX;
	for (int d = 0; d < m->days; d++) {
		if (d < 32 && !(days >> d & 1))
			continue;
		int nv;
		const int *v = day_lessons(s, teacher, w, d, &nv);
		int lo = INT_MAX, hi = -1, jl = -1, jh = -1, end = -1;
		for (int q = 0; q < nv; q++) {
			const struct tt_lesson *o = &m->lessons[v[q]];
			end = o->period > end ? o->period : end;
			if (o->locked || v[q] == x || (fresh && s->reached[v[q]] == s->stamp))
				continue;
			if (o->period < lo)
				lo = o->period, jl = v[q];
			if (o->period > hi)
				hi = o->period, jh = v[q];
		}
		/* of a day in last, its last lesson only, and only when that one may go out */
		int e0 = d < 32 && (last >> d & 1);
		if (e0 && hi != end)
			continue;
		for (int e = e0; e < 2; e++) {
			int j = e ? jh : jl;
			if (j < 0 || (e != e0 && jh == jl))
				continue;
			if (forced) {
				const struct tt_lesson *o = &m->lessons[j];
				int t = forced[(size_t)j * (size_t)s->S + (size_t)(o->day * m->periods + o->period)];
				if (t > least)
					continue;
				if (t < least)
					least = t, ties = 0;
			}
			if (next_rand(s) % (uint64_t)++ties == 0)
				pick = j;
		}
	}
	return pick;
}

/* Lesson x (out) laid at day, period with the *n in its way (in[2 * FILL_CAP]) taken out:
 * whether every rule then holds as filling holds them, lessons at the ends of days of its
 * teachers or students taken out too where theirs do not (added to in); else all is as it
 * was. */
static bool fill_try(struct solver *s, struct fill *f, int x, int day, int period, int *in, int *n)
{
	const struct tt_model *m = s->m;
	int mark = f->e.n;
	for (int k = 0; k < *n; k++)
		fill_take(s, f, in[k]);
	int cost;
	s->without_days = true;
	int room = best_room(s, x, day, period, &cost, NULL);
	s->without_days = false;
	if (cost == 0) {
		fill_put(s, f, x, day, period, room);
		const struct tt_course *c = &m->courses[m->lessons[x].course];
		bool ok = true;
		for (int t = 0; t < c->nteachers && ok; t++) {
			int w = c->teachers[t];
			uint32_t days, last;
			while (ok && !fill_days_hold(s, true, w, f->un_t[w], &days, &last)) {
				int j = *n < 2 * f->cap ? fill_day_end(s, f->fet, f->by_forced ? f->forced : NULL, true, w, x, days, last) : -1;
				if ((ok = j >= 0)) {
					fill_take(s, f, j);
					in[(*n)++] = j;
				}
			}
		}
		for (int q = 0; q < c->nsets && ok; q++)
			for (int z = 0; z < m->sets[c->sets[q]].nleaves && ok; z++) {
				int w = m->sets[c->sets[q]].leaves[z];
				uint32_t days, last;
				while (ok && !fill_days_hold(s, false, w, f->un_l[w], &days, &last)) {
					int j = *n < 2 * f->cap ? fill_day_end(s, f->fet, f->by_forced ? f->forced : NULL, false, w, x, days, last) : -1;
					if ((ok = j >= 0)) {
						fill_take(s, f, j);
						in[(*n)++] = j;
					}
				}
			}
		if (ok)
			return true;
	}
	fill_undo(s, f, mark);
	return false;
}

/* A place for filling, by what is in its way: the lightest first, key the weight of those
 * lessons; in FET's order, how many they are. */
struct fill_slot {
	int slot;
	long key;
	uint64_t draw;	/* ties by it */
	bool barred;	/* the lightest first: one in the way came in by force a moment ago */
};

static int by_way(const void *pa, const void *pb)
{
	const struct fill_slot *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->draw < b->draw ? -1 : a->draw > b->draw;
}

/* The places by by_way: a week's few dozen in place (qsort's calls through a pointer were an
 * eighth of a filling's time), more by qsort; the same order either way. */
static void sort_by_way(struct fill_slot *c, int n)
{
	if (n > 64) {
		qsort(c, (size_t)n, sizeof *c, by_way);
		return;
	}
	for (int k = 1; k < n; k++) {
		struct fill_slot z = c[k];
		int q = k;
		for (; q > 0 && by_way(&c[q - 1], &z) > 0; q--)
			c[q] = c[q - 1];
		c[q] = z;
	}
}

/* The lessons in the way of each place, as weighed at a level of FET's order: [slot * 2 *
 * FILL_FET_CAP], and how many ([slot]). */
static int *weighed_list(const struct solver *s, const struct fill *f, int level)
{
	return f->lists + (size_t)level * (size_t)s->S * 2 * FILL_FET_CAP;
}

static int *weighed_count(const struct solver *s, const struct fill *f, int level)
{
	return f->counts + (size_t)level * (size_t)s->S;
}

/* The places lesson x (out) may go at this level, into c (s->S of them at most), each
 * weighed by what is in its way as f fills, in by_way's order: how many. The lightest first
 * leaves out, below the first level, a place one of whose lessons came in by force a moment
 * ago. In FET's order each place is weighed once, as FET weighs it, and what is in its way
 * kept for its try (weighed_list): with the lessons at the ends of days its teachers' and
 * students' rules on days take out (those taken out by force least often first, at the
 * first level), a place where those rules cannot be met left out. */
static int fill_slots(struct solver *s, struct fill *f, int x, int level, struct fill_slot *c)
{
	const struct tt_model *m = s->m;
	int P = m->periods, len = m->courses[m->lessons[x].course].length, nc = 0, in[2 * FILL_FET_CAP];
	int *lists = f->fet ? weighed_list(s, f, level) : NULL, *counts = f->fet ? weighed_count(s, f, level) : NULL;
	for (int slot = 0; slot < s->S; slot++) {
		int d = slot / P, p = slot % P;
		if (p + len > P)
			continue;
		int n = fill_in_way(s, f, x, d, p, in);
		if (n < 0)
			continue;
		if (f->fet && f->days) {
			int mark = f->e.n;
			f->by_forced = level == 0;
			bool ok = fill_try(s, f, x, d, p, in, &n);
			f->by_forced = false;
			if (!ok)
				continue;
			fill_undo(s, f, mark);
		}
		struct fill_slot z = {slot, f->fet ? n : 0, next_rand(s), false};
		if (f->fet) {
			memcpy(lists + (size_t)slot * 2 * FILL_FET_CAP, in, (size_t)n * sizeof *in);
			counts[slot] = n;
		} else {
			for (int q = 0; q < n; q++) {
				z.key += f->w[in[q]];
				z.barred |= f->since[in[q]] + FILL_TENURE + f->nout >= f->turn;
			}
			if (z.barred && level > 0)
				continue;
		}
		c[nc++] = z;
	}
	sort_by_way(c, nc);
	return nc;
}

/* The lightest first: lesson x (out) to a place, those in its way out and placed the same
 * way one level deeper (level < FILL_LIGHT_LEVELS): whether all were, else all is as it was.
 * With force (the first level), when none was: x at the lightest place, they left out. */
static bool fill_light(struct solver *s, struct fill *f, int x, int level, bool force)
{
	const struct tt_model *m = s->m;
	int P = m->periods;
	/* the places by what is in the way, the lightest first; ties in a seeded order */
	struct fill_slot *c = xmalloc((size_t)s->S * sizeof *c);
	int in[2 * FILL_FET_CAP], tried = 0, nc = fill_slots(s, f, x, level, c);
	bool done = false;
	for (int q = 0; q < nc && f->e.looks > 0 && !done; q++) {
		if (c[q].barred)
			continue;
		int d = c[q].slot / P, p = c[q].slot % P, mark = f->e.n, n = fill_in_way(s, f, x, d, p, in);
		if (n < 0)
			continue;
		f->e.looks--;
		if (!fill_try(s, f, x, d, p, in, &n))
			continue;
		bool ok = true;
		if (level + 1 < FILL_LIGHT_LEVELS)
			for (int k = 0; k < n && ok; k++)
				ok = m->lessons[in[k]].day >= 0 || fill_light(s, f, in[k], level + 1, false);
		else
			ok = n == 0;
		if (ok)
			done = true;
		else {
			fill_undo(s, f, mark);
			if (level > 0 && ++tried >= FILL_DEEP_TRIES)
				break; /* deeper, the best few places only */
		}
	}
	/* by force: the lightest place that keeps every rule as filling does, a barred one too
	 * when no other */
	for (int pass = 0; pass < 2 && force && !done; pass++)
		for (int q = 0; q < nc && !done; q++) {
			if (c[q].barred != (pass == 1))
				continue;
			int d = c[q].slot / P, p = c[q].slot % P, n = fill_in_way(s, f, x, d, p, in);
			if (n < 0 || !fill_try(s, f, x, d, p, in, &n))
				continue;
			f->since[x] = f->turn;
			done = true;
		}
	free(c);
	return done;
}

/* The place FET sends a lesson to by force, of the nc places in c weighed at the first
 * level: of those with lessons in the way, the one whose lessons were taken out of their
 * places by force least often (the least of them, then all together), then with the
 * fewest, then the earliest of them in the order, then by the draw; -1 when none. */
static int fill_first(const struct solver *s, const struct fill *f, const struct fill_slot *c, int nc)
{
	const struct tt_model *m = s->m;
	const int *lists = weighed_list(s, f, 0), *counts = weighed_count(s, f, 0);
	long bk = LONG_MAX, bk2 = LONG_MAX, bn = LONG_MAX, br = LONG_MAX;
	uint64_t bd = 0;
	int first = -1;
	for (int q = 0; q < nc; q++) {
		int n = counts[c[q].slot];
		const int *in = lists + (size_t)c[q].slot * 2 * FILL_FET_CAP;
		if (n <= 0)
			continue;
		long k = LONG_MAX, k2 = 0, r = LONG_MAX;
		for (int z = 0; z < n; z++) {
			const struct tt_lesson *o = &m->lessons[in[z]];
			long t = f->forced[(size_t)in[z] * (size_t)s->S + (size_t)(o->day * m->periods + o->period)];
			k = t < k ? t : k;
			k2 += t;
			r = f->rank[in[z]] < r ? f->rank[in[z]] : r;
		}
		if (k != bk ? k < bk : k2 != bk2 ? k2 < bk2 : n != bn ? n < bn : r != br ? r < br : c[q].draw < bd) {
			bk = k, bk2 = k2, bn = n, br = r, bd = c[q].draw;
			first = c[q].slot;
		}
	}
	return first;
}

/* In FET's order: lesson x (out) to a place, those in its way (as weighed) out and placed the
 * same way one level deeper: whether all were, else all is as it was (at the first level,
 * f->first noted). */
static bool fill_fet(struct solver *s, struct fill *f, int x, int level)
{
	const struct tt_model *m = s->m;
	long calls = FILL_CALLS * (long)m->nlessons;
	if (level >= FILL_LEVELS || f->calls >= calls)
		return false;
	f->calls++;
	int P = m->periods;
	struct fill_slot *c = xmalloc((size_t)s->S * sizeof *c);
	int in[2 * FILL_FET_CAP], nc = fill_slots(s, f, x, level, c);
	const int *lists = weighed_list(s, f, level), *counts = weighed_count(s, f, level);
	if (level == 0)
		f->first = fill_first(s, f, c, nc);
	bool done = false;
	for (int q = 0; q < nc && !done; q++) {
		int d = c[q].slot / P, p = c[q].slot % P, mark = f->e.n, n = counts[c[q].slot];
		memcpy(in, lists + (size_t)c[q].slot * 2 * FILL_FET_CAP, (size_t)n * sizeof *in);
		if (n > 0 && (level == FILL_LEVELS - 1 || f->calls >= calls))
			break;
		if (!fill_try(s, f, x, d, p, in, &n))
			continue;
		for (int k = 0; k < n; k++)
			s->reached[in[k]] = s->stamp;
		bool ok = true;
		for (int k = 0; k < n && ok; k++)
			ok = m->lessons[in[k]].day >= 0 || fill_fet(s, f, in[k], level + 1);
		if (ok)
			done = true;
		else {
			for (int k = 0; k < n; k++)
				s->reached[in[k]] = 0;
			fill_undo(s, f, mark);
			if (level >= FILL_WIDE)
				break;
		}
	}
	free(c);
	return done;
}

/* The order after lesson x went by force: the lessons placed as they were, x, then those
 * out as they were (those x took out among them, right after it). */
static void fill_reorder(struct solver *s, struct fill *f, int x)
{
	const struct tt_model *m = s->m;
	int t = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < f->n; k++) {
			int j = f->order[k];
			if (j != x && (m->lessons[j].day >= 0) == (pass == 0))
				f->buf[t++] = j;
		}
		if (pass == 0)
			f->buf[t++] = x;
	}
	memcpy(f->order, f->buf, (size_t)f->n * sizeof *f->order);
	for (int k = 0; k < f->n; k++)
		f->rank[f->order[k]] = k;
}

/* Lesson x (out; fill_fet failed for it) by force to f->first, those in its way out and
 * next in the order; with no such place, x last in the order. */
static void fill_force(struct solver *s, struct fill *f, int x)
{
	const struct tt_model *m = s->m;
	int P = m->periods, in[2 * FILL_FET_CAP], n = -1;
	fresh_stamp(s);
	s->reached[x] = s->stamp;
	if (f->first >= 0)
		n = fill_in_way(s, f, x, f->first / P, f->first % P, in);
	if (n >= 0 && fill_try(s, f, x, f->first / P, f->first % P, in, &n)) {
		for (int k = 0; k < f->e.n; k++) {
			const struct undo *u = &f->e.log[k];
			if (u->lesson == x || u->day < 0)
				continue;
			unsigned short *t = &f->forced[(size_t)u->lesson * (size_t)s->S + (size_t)(u->day * P + u->period)];
			if (*t < USHRT_MAX)
				++*t;
		}
		fill_reorder(s, f, x);
		return;
	}
	for (int k = f->rank[x]; k + 1 < f->n; k++) {
		f->order[k] = f->order[k + 1];
		f->rank[f->order[k]] = k;
	}
	f->order[f->n - 1] = x;
	f->rank[x] = f->n - 1;
}

/* Whether lesson i is one filling places: not locked, with a room to use if it needs one,
 * no longer than a day. */
static bool fillable(const struct solver *s, int i)
{
	const struct tt_model *m = s->m;
	int c = m->lessons[i].course;
	return !m->lessons[i].locked && !(s->rooms[c] && !s->nrooms[c] && !s->optional[c]) &&
	       m->courses[c].length <= m->periods;
}

/* The lessons out (those filling places that are not laid) and their periods counted
 * afresh. */
static void fill_recount(struct solver *s, struct fill *f)
{
	const struct tt_model *m = s->m;
	memset(f->un_t, 0, (size_t)m->nteachers * sizeof *f->un_t);
	memset(f->un_l, 0, (size_t)m->nleaves * sizeof *f->un_l);
	f->nout = 0;
	f->e.n = 0;
	for (int i = 0; i <= m->nlessons; i++)
		f->at[i] = -1;
	for (int i = 0; i < m->nlessons; i++)
		if (m->lessons[i].day < 0 && fillable(s, i))
			fill_out(s, f, i);
}

/* The fill laid as the lessons of as are. */
static void fill_from(struct solver *s, struct fill *f, const struct tt_lesson *as)
{
	lay_all(s, as);
	fill_recount(s, f);
}

static int by_lightest(const void *pa, const void *pb, void *w)
{
	const long *weight = w;
	int a = *(const int *)pa, b = *(const int *)pb;
	if (weight[a] != weight[b])
		return weight[a] < weight[b] ? -1 : 1;
	return a - b;
}

/* The lessons of each teacher and atomic set: of[at[w] .. at[w + 1]), w a teacher or
 * nteachers + a leaf. */
static void lessons_by_owner(const struct tt_model *m, int **pat, int **pof)
{
	int W = m->nteachers + m->nleaves, *at = xcalloc((size_t)W + 2, sizeof *at);
	for (int pass = 0; pass < 2; pass++) {
		int *of = pass ? xmalloc(((size_t)at[W + 1] + 1) * sizeof *of) : NULL;
		for (int i = 0; i < m->nlessons; i++) {
			const struct tt_course *c = &m->courses[m->lessons[i].course];
			for (int t = 0; t < c->nteachers; t++) {
				int w = c->teachers[t];
				if (pass)
					of[at[w + 1]++] = i;
				else
					at[w + 2]++;
			}
			for (int q = 0; q < c->nsets; q++)
				for (int z = 0; z < m->sets[c->sets[q]].nleaves; z++) {
					int w = m->nteachers + m->sets[c->sets[q]].leaves[z];
					if (pass)
						of[at[w + 1]++] = i;
					else
						at[w + 2]++;
				}
		}
		if (!pass)
			for (int w = 2; w <= W + 1; w++)
				at[w] += at[w - 1];
		else
			*pof = of;
	}
	*pat = at;
}

/* Lessons held together by hard rules of kind k1 or k2 into sets (up[], by xq_uf_find). */
static int *held_together(const struct tt_model *m, int k1, int k2)
{
	int *up = xmalloc(((size_t)m->nlessons + 1) * sizeof *up);
	for (int i = 0; i < m->nlessons; i++)
		up[i] = i;
	for (int r = 0; r < m->nlrules; r++) {
		const struct tt_lrule *x = &m->lrules[r];
		if ((x->kind == k1 || x->kind == k2) && tt_lrule_hard(x))
			for (int q = 1; q < x->nlessons; q++) {
				int a = xq_uf_find(up, x->lessons[0]), b = xq_uf_find(up, x->lessons[q]);
				if (a != b)
					up[b] = a;
			}
	}
	return up;
}

/* How hard each lesson is to place (hard[lesson]), as FET orders its activities: the periods
 * of the other lessons that share a teacher or students with it or with a lesson that must
 * start with it (each lesson once, those starting with it not), a period for each start
 * closed to it, the days its teachers may not teach times the periods of a day, and the
 * demand on the rooms it may use (their closed slots and the periods others need them, on
 * average); all that times its own periods. A lesson with one start comes first; lessons
 * that start together or one right after the other are each as hard as the hardest of
 * them, and so, once, are those under such a rule or a rule to be back to back that weighs
 * 80 % or more. */
static void fill_hardness(const struct solver *s, long *hard)
{
	const struct tt_model *m = s->m;
	int *at, *of, N = m->nlessons, P = m->periods;
	lessons_by_owner(m, &at, &of);
	int *same = held_together(m, TT_LR_SAME_START, TT_LR_SAME_START);
	/* the members of each set starting together, listed from its root */
	int *first = xmalloc(((size_t)N + 1) * sizeof *first), *next = xmalloc(((size_t)N + 1) * sizeof *next);
	for (int i = 0; i < N; i++)
		first[i] = -1;
	for (int i = N - 1; i >= 0; i--) {
		int r = xq_uf_find(same, i);
		next[i] = first[r];
		first[r] = i;
	}
	int *mark = xcalloc((size_t)N + 1, sizeof *mark);
	unsigned char *may = xmalloc((size_t)s->S + 1);
	double *room_hours = xcalloc((size_t)m->nrooms + 1, sizeof *room_hours);
	int *room_closed = xcalloc((size_t)m->nrooms + 1, sizeof *room_closed);
	for (int i = 0; i < N; i++) {
		int c = m->lessons[i].course;
		if (s->rooms[c] && !s->optional[c])
			for (int q = 0; q < s->nrooms[c]; q++)
				room_hours[s->rooms[c][q]] += (double)m->courses[c].length / s->nrooms[c];
	}
	for (int r = 0; m->unav_room && r < m->nrooms; r++)
		for (int slot = 0; slot < s->S; slot++)
			room_closed[r] += m->unav_room[(size_t)r * (size_t)s->S + (size_t)slot] != 0;
	for (int i = 0; i < N; i++) {
		int ci = m->lessons[i].course, len = m->courses[ci].length, ri = xq_uf_find(same, i);
		const struct tt_course *c = &m->courses[ci];
		long h = 0;
		for (int g = first[ri]; g >= 0; g = next[g]) {
			const struct tt_course *cg = &m->courses[m->lessons[g].course];
			for (int k = 0; k < cg->nteachers + cg->nsets; k++) {
				const struct tt_set *st = k < cg->nteachers ? NULL : &m->sets[cg->sets[k - cg->nteachers]];
				for (int z = 0; z < (st ? st->nleaves : 1); z++) {
					int w = st ? m->nteachers + st->leaves[z] : cg->teachers[k];
					for (int e = at[w]; e < at[w + 1]; e++) {
						int j = of[e];
						if (mark[j] != i + 1 && xq_uf_find(same, j) != ri)
							h += m->courses[m->lessons[j].course].length;
						mark[j] = i + 1;
					}
				}
			}
		}
		int closed = s->S - open_starts(s, i, may);
		h += closed;
		for (int t = 0; t < c->nteachers; t++)
			for (int k = s->tdr_at[c->teachers[t]]; k < s->tdr_at[c->teachers[t] + 1]; k++) {
				const struct tt_drule *x = &m->drules[s->tdr_of[k]];
				if (x->kind == TT_DR_MAX_DAYS && x->n < m->days)
					h += (long)(m->days - x->n) * P;
			}
		if (s->rooms[ci] && !s->optional[ci] && s->nrooms[ci] > 0) {
			double cnt = 0;
			for (int q = 0; q < s->nrooms[ci]; q++)
				cnt += room_closed[s->rooms[ci][q]] + room_hours[s->rooms[ci][q]] - (double)len / s->nrooms[ci];
			h += (long)((cnt > 0 ? cnt : 0) / s->nrooms[ci]);
		}
		hard[i] = closed == s->S - 1 ? (1L << 40) + c->nsets + c->nteachers : h * len;
	}
	/* held together: each as hard as the hardest */
	int *tied = held_together(m, TT_LR_SAME_START, TT_LR_CONSECUTIVE);
	long *most = xcalloc((size_t)N + 1, sizeof *most);
	for (int i = 0; i < N; i++) {
		int r = xq_uf_find(tied, i);
		most[r] = hard[i] > most[r] ? hard[i] : most[r];
	}
	for (int i = 0; i < N; i++)
		hard[i] = most[xq_uf_find(tied, i)];
	for (int r = 0; r < m->nlrules; r++) {
		const struct tt_lrule *x = &m->lrules[r];
		if ((x->kind != TT_LR_SAME_START && x->kind != TT_LR_CONSECUTIVE && x->kind != TT_LR_GROUPED) || x->weight < 80)
			continue;
		long mx = 0;
		for (int q = 0; q < x->nlessons; q++)
			mx = hard[x->lessons[q]] > mx ? hard[x->lessons[q]] : mx;
		for (int q = 0; q < x->nlessons; q++)
			hard[x->lessons[q]] = mx;
	}
	free(at);
	free(of);
	free(same);
	free(first);
	free(next);
	free(mark);
	free(may);
	free(room_hours);
	free(room_closed);
	free(tied);
	free(most);
}

static int by_hardness(const void *pa, const void *pb, void *hard)
{
	const long *h = hard;
	int a = *(const int *)pa, b = *(const int *)pb;
	if (h[a] != h[b])
		return h[a] > h[b] ? -1 : 1;
	return a - b;
}

/* The order filling places lessons in: those placed, then those out, each the hardest first. */
static void fill_order(struct solver *s, struct fill *f)
{
	const struct tt_model *m = s->m;
	long *hard = xcalloc((size_t)m->nlessons + 1, sizeof *hard);
	fill_hardness(s, hard);
	f->n = 0;
	for (int i = 0; i < m->nlessons; i++)
		if (fillable(s, i))
			f->buf[f->n++] = i;
	qsort_r(f->buf, (size_t)f->n, sizeof *f->buf, by_hardness, hard);
	int t = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < f->n; k++)
			if ((m->lessons[f->buf[k]].day >= 0) == (pass == 0))
				f->order[t++] = f->buf[k];
	for (int k = 0; k < f->n; k++)
		f->rank[f->order[k]] = k;
	free(hard);
}

/* Fills from the timetable as it is, in FET's order (fet) or the lightest first: what breaks
 * a rule taken out (the lighter of lessons in a clash, then lessons at the ends of the days
 * of a teacher or students whose rules on days do not hold as filling holds them), then a
 * turn after another until no lesson is out, or FILL_PATIENCE turns bring no fewer (back to
 * the fewest yet, FILL_AGAIN times; with give_up, as FET begins: never back, and given up
 * after that many turns without fewer, the search's stall before it fills), or the time
 * runs out.
 * Whether none is left: every hard rule then holds; else the timetable is left as it was
 * with the fewest out (*least_out of them). */
static bool fill_all(struct solver *s, struct watch *watch, bool fet, long give_up, int *least_out)
{
	struct tt_model *m = s->m;
	size_t nl = (size_t)m->nlessons + 1;
	struct fill f = {.fet = fet, .cap = fet ? FILL_FET_CAP : FILL_CAP,
		.un_t = xcalloc((size_t)m->nteachers + 1, sizeof *f.un_t),
		.un_l = xcalloc((size_t)m->nleaves + 1, sizeof *f.un_l),
		.out = xcalloc(nl, sizeof *f.out),
		.at = xmalloc(nl * sizeof *f.at),
		.w = xcalloc(nl, sizeof *f.w)};
	if (!fet) {
		f.since = xmalloc(nl * sizeof *f.since);
		for (int i = 0; i <= m->nlessons; i++)
			f.since[i] = LONG_MIN / 4; /* never came in by force */
	} else {
		f.order = xcalloc(nl, sizeof *f.order);
		f.rank = xcalloc(nl, sizeof *f.rank);
		f.buf = xcalloc(nl, sizeof *f.buf);
		f.forced = xcalloc((size_t)m->nlessons * (size_t)s->S + 1, sizeof *f.forced);
		f.lists = xmalloc((size_t)FILL_LEVELS * (size_t)s->S * 2 * FILL_FET_CAP * sizeof *f.lists);
		f.counts = xmalloc((size_t)FILL_LEVELS * (size_t)s->S * sizeof *f.counts);
		f.days = s->tdr_at[m->nteachers] || s->ldr_at[m->nleaves];
	}
	int *light = xcalloc(nl, sizeof *light);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		f.w[i] = (long)c->length * (c->nteachers + course_leaves(m, m->lessons[i].course));
		light[i] = i;
	}
	qsort_r(light, (size_t)m->nlessons, sizeof *light, by_lightest, f.w);
	/* out: the lessons not placed (but those with no room to use, or longer than a day),
	 * then the lighter of each clash */
	fill_recount(s, &f);
	fresh_stamp(s);
	for (int k = 0; k < m->nlessons; k++) {
		int i = light[k];
		struct tt_lesson *l = &m->lessons[i];
		if (l->locked || l->day < 0)
			continue;
		int d = l->day, p = l->period, room = l->room;
		unplace(s, i);
		s->without_days = true;
		int cost = cost_at(s, i, d, p, room);
		s->without_days = false;
		place(s, i, d, p, room);
		if (cost > 0)
			fill_take(s, &f, i);
	}
	/* then lessons at the ends of days of those whose rules on days do not hold so */
	for (int pass = 0; pass < 2; pass++)
		for (int w = 0; w < (pass ? m->nleaves : m->nteachers); w++)
			for (uint32_t days, last; !fill_days_hold(s, pass == 0, w, pass ? f.un_l[w] : f.un_t[w], &days, &last);) {
				int j = fill_day_end(s, fet, NULL, pass == 0, w, -1, days, last);
				if (j < 0)
					break;
				fill_take(s, &f, j);
			}
	f.e.n = 0;
	if (fet) {
		f.draw = s->rng | 1;
		fill_order(s, &f);
	}
	long turns = 0, gain = 0;
	int least = f.nout, again = 0;
	struct tt_lesson *keep = xmalloc(nl * sizeof *keep);
	memcpy(keep, m->lessons, (size_t)m->nlessons * sizeof *keep);
	while (f.nout > 0 && watch_on(watch, m, f.nout)) {
		if (give_up > 0 && turns - gain >= give_up)
			break; /* never going back, it gives up after as long a stall as the search */
		if (give_up == 0 && turns - gain >= FILL_PATIENCE) {
			/* no fewer out for a while: from the fewest again, a few times */
			if (again++ == FILL_AGAIN)
				break;
			fill_from(s, &f, keep);
			if (fet)
				fill_order(s, &f);
			gain = turns;
		}
		int x = f.out[fet ? 0 : next_rand(s) % (uint64_t)f.nout];
		if (fet) { /* the first out in the order */
			for (int k = 1; k < f.nout; k++)
				if (f.rank[f.out[k]] < f.rank[x])
					x = f.out[k];
		} else if (next_rand(s) % 2) { /* else one drawn, or the heaviest */
			for (int k = 0; k < f.nout; k++)
				if (f.w[f.out[k]] > f.w[x])
					x = f.out[k];
		}
		f.turn++;
		turns++;
		++*watch->steps;
		if (fet) {
			fresh_stamp(s);
			s->reached[x] = s->stamp;
			f.calls = 0;
			if (!fill_fet(s, &f, x, 0))
				fill_force(s, &f, x);
		} else {
			f.e.looks = FILL_LOOKS;
			if (!fill_light(s, &f, x, 0, true))
				fill_undo(s, &f, 0);
		}
		f.e.n = 0; /* no going back past a turn */
		if (f.nout < least) {
			least = f.nout;
			gain = turns;
			memcpy(keep, m->lessons, (size_t)m->nlessons * sizeof *keep);
		}
	}
	bool done = f.nout == 0;
	*least_out = least;
	if (!done)
		fill_from(s, &f, keep);
	free(keep);
	free(f.un_t);
	free(f.un_l);
	free(f.out);
	free(f.at);
	free(f.w);
	free(f.since);
	free(f.order);
	free(f.rank);
	free(f.buf);
	free(f.forced);
	free(f.lists);
	free(f.counts);
	free(f.e.log);
	free(light);
	return done;
}

/* The courses over many atomic sets (a year's lessons over all its subgroups), for
 * lessons_in_way: each one's courses that share an atomic set with it, and the lessons laid
 * over each slot of its school, which are fewer to look at than its sets' own lists. A course
 * is so wide when it has WIDE_LEAVES atomic sets or more, and more than WIDE_SLOT times as
 * many as its school has lessons in a slot on average. None when courses of two schools share
 * a set. */
#define WIDE_LEAVES 8
#define WIDE_SLOT 2
static void index_wide(struct solver *s)
{
	const struct tt_model *m = s->m;
	int nc = m->ncourses, ns = m->nschools + 1;
	for (int c = 0; c < nc; c++)
		if (m->courses[c].school < -1 || m->courses[c].school >= m->nschools)
			return; /* a school out of the term's: none */
	long *busy = xcalloc((size_t)ns, sizeof *busy); /* [school + 1] periods of lessons */
	for (int i = 0; i < m->nlessons; i++)
		busy[m->courses[m->lessons[i].course].school + 1] += m->courses[m->lessons[i].course].length;
	bool *wide = xcalloc((size_t)nc + 1, sizeof *wide), any = false;
	for (int c = 0; c < nc; c++) {
		int n = course_leaves(m, c);
		wide[c] = n >= WIDE_LEAVES && (long)n * s->S > WIDE_SLOT * busy[m->courses[c].school + 1];
		any |= wide[c];
	}
	free(busy);
	if (!any) {
		free(wide);
		return;
	}
	/* the courses over each atomic set: of[at[leaf] .. at[leaf + 1]) */
	int *at = xcalloc((size_t)m->nleaves + 2, sizeof *at);
	for (int c = 0; c < nc; c++)
		for (int q = 0; q < m->courses[c].nsets; q++)
			for (int f = 0; f < m->sets[m->courses[c].sets[q]].nleaves; f++)
				at[m->sets[m->courses[c].sets[q]].leaves[f] + 2]++;
	for (int f = 0; f < m->nleaves; f++)
		at[f + 2] += at[f + 1];
	int *of = xmalloc(((size_t)at[m->nleaves + 1] + 1) * sizeof *of);
	for (int c = 0; c < nc; c++)
		for (int q = 0; q < m->courses[c].nsets; q++)
			for (int f = 0; f < m->sets[m->courses[c].sets[q]].nleaves; f++)
				of[at[m->sets[m->courses[c].sets[q]].leaves[f] + 1]++] = c;
	int words = (nc + 63) / 64;
	s->meets = xcalloc((size_t)nc + 1, sizeof *s->meets);
	bool apart = true; /* no two schools' courses share a set */
	for (int c = 0; c < nc && apart; c++) {
		if (!wide[c])
			continue;
		const struct tt_course *co = &m->courses[c];
		s->meets[c] = xcalloc((size_t)words, sizeof **s->meets);
		for (int q = 0; q < co->nsets; q++)
			for (int f = 0; f < m->sets[co->sets[q]].nleaves; f++) {
				int leaf = m->sets[co->sets[q]].leaves[f];
				for (int k = at[leaf]; k < at[leaf + 1]; k++) {
					apart &= m->courses[of[k]].school == co->school;
					s->meets[c][of[k] >> 6] |= 1ULL << (of[k] & 63);
				}
			}
	}
	free(at);
	free(of);
	if (apart) {
		/* the slots of the schools with such a course only */
		s->slotl = xcalloc((size_t)ns * (size_t)s->S, sizeof *s->slotl);
		s->slot_kept = xcalloc((size_t)ns, sizeof *s->slot_kept);
		for (int c = 0; c < nc; c++)
			s->slot_kept[m->courses[c].school + 1] |= wide[c];
	} else {
		for (int c = 0; c < nc; c++)
			free(s->meets[c]);
		free(s->meets);
		s->meets = NULL;
	}
	free(wide);
}

#define NEAR_TODO 32 /* the nearest placement kept once this few lessons are left to look at */
/* Whether j is every other restart of a race (the second, fourth, ...): those search
 * otherwise than the rest, so that the race tries more than one way. */
static bool every_other_racer(const struct tt_job *j)
{
	return j && j->bound && j->n > 1 && j->index % 2 == 1;
}

int tt_solve_one(struct tt_model *m, const struct tt_solve_opts *o, struct tt_solve_result *r, struct tt_job *j)
{
	memset(r, 0, sizeof *r);
	double t0 = now_s(), limit = o && o->time_limit > 0 ? o->time_limit : 10;
	struct solver s = {.m = m, .S = m->days * m->periods};
	s.rng = (o ? o->seed : 0) * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	if (!s.rng)
		s.rng = 1;
	size_t S = (size_t)s.S;
	s.tc = xcalloc((size_t)(m->nteachers + 1) * S, sizeof *s.tc);
	s.lc = xcalloc((size_t)(m->nleaves + 1) * S, sizeof *s.lc);
	s.tbits = xcalloc((size_t)(m->nteachers + 1) * (size_t)m->days, sizeof *s.tbits);
	s.lbits = xcalloc((size_t)(m->nleaves + 1) * (size_t)m->days, sizeof *s.lbits);
	s.lone = xmalloc((size_t)(m->nleaves + 1) * S * sizeof *s.lone);
	memset(s.lone, 0xff, (size_t)(m->nleaves + 1) * S * sizeof *s.lone);
	s.rc = xcalloc((size_t)(m->nrooms + 1) * S, sizeof *s.rc);
	size_t td = (size_t)(m->nteachers + 1) * (size_t)m->days;
	s.tday = xcalloc(td, sizeof *s.tday);
	s.sameday = xcalloc((size_t)(m->ncourses + 1) * (size_t)m->days, sizeof *s.sameday);
	s.once = courses_once(m);
	if (o && o->lift_to_weigh)
		memset(s.once, 0, (size_t)m->ncourses * sizeof *s.once);
	s.rooms = xcalloc((size_t)(m->ncourses + 1), sizeof *s.rooms);
	s.nrooms = xcalloc((size_t)(m->ncourses + 1), sizeof *s.nrooms);
	s.optional = xcalloc((size_t)(m->ncourses + 1), sizeof *s.optional);
	s.packed = packed_courses(m);
	s.fixed = fixed_costs(m);
	s.room_pref = xcalloc((size_t)(m->ncourses + 1), sizeof *s.room_pref);
	s.none_pref = xcalloc((size_t)(m->ncourses + 1), sizeof *s.none_pref);
	int *room_at = xcalloc((size_t)m->nschools + 2, sizeof *room_at);
	int *by_school = xcalloc((size_t)m->nrooms + 1, sizeof *by_school);
	for (int r = 0; r < m->nrooms; r++)
		if (m->rooms[r].school >= 0 && m->rooms[r].school < m->nschools)
			room_at[m->rooms[r].school + 2]++;
	for (int k = 2; k <= m->nschools + 1; k++)
		room_at[k] += room_at[k - 1];
	for (int r = 0; r < m->nrooms; r++)
		if (m->rooms[r].school >= 0 && m->rooms[r].school < m->nschools)
			by_school[room_at[m->rooms[r].school + 1]++] = r;
	for (int c = 0; c < m->ncourses; c++)
		course_rooms(&s, c, room_at, by_school);
	free(room_at);
	free(by_school);
	s.lday = xcalloc((size_t)(m->nleaves + 1) * (size_t)m->days, sizeof *s.lday);
	s.rday = xcalloc((size_t)(m->nrooms + 1) * (size_t)m->days, sizeof *s.rday);
	if (!(o && o->narrow))
		index_wide(&s);
	for (int c = 0; s.meets && c < m->ncourses; c++)
		r->wide += s.meets[c] != NULL;
	s.sig = signatures(m);
	s.tabu_slot = xcalloc((size_t)m->nlessons + 1, sizeof *s.tabu_slot);
	s.tabu_until = xcalloc((size_t)m->nlessons + 1, sizeof *s.tabu_until);
	s.todo = xcalloc((size_t)m->nlessons + 1, sizeof *s.todo);
	s.queued = xcalloc((size_t)m->nlessons + 1, sizeof *s.queued);
	s.reached = xcalloc((size_t)m->nlessons + 1, sizeof *s.reached);
	s.weighed = xcalloc((size_t)m->nlessons + 1, sizeof *s.weighed);
	s.snap = xcalloc((size_t)m->nlessons + 1, sizeof *s.snap);
	s.pulls = xcalloc((size_t)m->nlessons + 1, sizeof *s.pulls);
	index_rules(&s);
	index_some_rules(&s, 0, &s.apart_at, &s.apart_of);
	index_some_rules(&s, 1, &s.bind_at, &s.bind_of);
	index_some_rules(&s, 2, &s.soft_at, &s.soft_of);
	index_days(&s);
	s.one_start = one_starts(&s);
	s.soft_slots = m->soft_teacher || m->soft_leaf;
	s.room_soft = m->soft_room != NULL;
	s.soft_rules = s.soft_days || s.soft_slots || s.room_soft || s.room_prefs;
	for (int r2 = 0; r2 < m->nlrules && !s.soft_rules; r2++)
		s.soft_rules = !tt_lrule_hard(&m->lrules[r2]);
	int *start_slot = xcalloc((size_t)m->nlessons + 1, sizeof *start_slot);
	for (int i = 0; i < m->nlessons; i++)
		start_slot[i] = j && j->origin ? j->origin[i]
			      : m->lessons[i].day >= 0 ? m->lessons[i].day * m->periods + m->lessons[i].period
						       : -1;
	r->must_move = tt_must_move(m);
	if (o && o->repair)
		s.home = start_slot;

	/* the locked lessons, and the placed ones as a start; the rest by difficulty */
	int *order = xcalloc((size_t)(m->nlessons + 1), sizeof *order), n = 0;
	r->total = m->nlessons;
	bool all_laid = true; /* every lesson with a day laid there */
	for (int i = 0; i < m->nlessons; i++) {
		struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		bool fits = l->day >= 0 && l->day < m->days && l->period >= 0 && l->period + c->length <= m->periods;
		if (l->locked) {
			all_laid &= fits || l->day < 0;
			r->locked++;
			if (fits && s.rooms[l->course] && l->room < 0) {
				/* its time is fixed; a room its course needs, it is given here */
				int cost, room = best_room(&s, i, l->day, l->period, &cost, NULL);
				if (room >= 0 && cost < 1 << 24)
					l->room = room;
			}
			if (fits)
				place(&s, i, l->day, l->period, l->room);
			continue;
		}
		if (fits && s.rooms[l->course] && !s.optional[l->course] && l->room >= 0) {
			/* a room no longer allowed (or too small now): placed again from the start */
			bool allowed = false;
			for (int q = 0; q < s.nrooms[l->course] && !allowed; q++)
				allowed = s.rooms[l->course][q] == l->room;
			if (!allowed)
				l->room = -1;
		}
		if (fits && (!s.rooms[l->course] || s.optional[l->course] || l->room >= 0))
			place(&s, i, l->day, l->period, l->room);
		else {
			l->day = l->period = -1;
			order[n++] = i;
		}
	}
	qsort_r(order, (size_t)n, sizeof *order, by_difficulty, m);
	s.apart_counted = all_laid && !(o && o->apart_by_lessons);
	/* FET's beginning: asked for, or every other racing restart by default */
	bool start_fet = o && !o->repair &&
			 (o->start == TT_START_FET ||
			  (o->start == TT_START_MIXED && every_other_racer(j)));
	for (int k = 0; k < n && !start_fet; k++) {
		int i = order[k];
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		if (s.rooms[m->lessons[i].course] && !s.nrooms[m->lessons[i].course])
			continue; /* no room it may use: said at the end */
		if (c->length <= m->periods)
			place_best(&s, i, -1);
	}

	/* the search: lessons meeting a rule, one at a time, each to its best move; what a
	 * move touches is looked at again; when none is left, the whole timetable once more */
	long steps = 0, gained = 0;
	/* restarts racing greedy: every other one takes worse steps less often, and fills
	 * after a longer stall; one begun as FET is as it would be alone, and fills in FET's
	 * order */
	bool other = every_other_racer(j) && !start_fet, fill_fet = (o && o->fill_fet) || start_fet;
	int noise_max = other ? 1 : 2;
	long stall = FILL_STALL + FILL_STALL_LESSON * (long)m->nlessons;
	long fill_after = o && o->fill_after ? o->fill_after : stall;
	if (other && fill_after > 0)
		fill_after *= 4;
	int least = INT_MAX;
	r->proofs = tt_prove(m, NULL, NULL);
	int *in_rule = xcalloc((size_t)(m->nlessons + 1), sizeof *in_rule);
	bool *from = xcalloc((size_t)(m->nlessons + 1), sizeof *from);
	int *cand = xcalloc((size_t)s.S * 2 + 1, sizeof *cand);
	struct tt_lesson *best = xcalloc((size_t)(m->nlessons + 1), sizeof *best);
	/* and the placement with the fewest lessons left to look at, while none keeps every
	 * hard rule: the wandering after it may end farther away */
	struct tt_lesson *nearest = xcalloc((size_t)(m->nlessons + 1), sizeof *nearest);
	/* and the timetable with the fewest lessons out a filling ended with (fill_out of them) */
	struct tt_lesson *fill_best = xcalloc((size_t)(m->nlessons + 1), sizeof *fill_best);
	int fill_out = INT_MAX;
	bool have_nearest = false;
	long near_step = 0;
	double best_soft = -1; /* the soft score of best, -1 while there is none */
	int stale = 0;
	long soft_gain = 0;
	double last_progress = t0;
	struct watch watch = {o, j, t0, limit, t0, &steps, &s.work, false};
	bool lost = false; /* another restart racing this one was done sooner by the clock */
	bool well = false;
	struct tt_violation *first_v = xcalloc((size_t)(m->nlessons + 1), sizeof *first_v);
	if (start_fet) {
		/* as FET begins: every lesson not locked out (none placed above), placed in its
		 * order from an empty week; what it leaves out (the fewest it had out) each at its
		 * best place, for the search to mend */
		for (int i = 0; i < m->nlessons; i++)
			if (!m->lessons[i].locked && m->lessons[i].day >= 0 && fillable(&s, i))
				unplace(&s, i);
		r->fills++;
		int out;
		if (fill_all(&s, &watch, true, fill_after > 0 ? fill_after : stall, &out))
			r->filled += tt_check(m, NULL, NULL) == 0;
		else {
			fill_out = out;
			memcpy(fill_best, m->lessons, (size_t)m->nlessons * sizeof *fill_best);
			for (int i = 0; i < m->nlessons; i++)
				if (m->lessons[i].day < 0 && fillable(&s, i))
					place_best(&s, i, -1);
		}
		last_progress = watch.last;
		gained = steps;
	}
	for (;;) {
		if (watch.stopped)
			break; /* the caller or another thread said stop while it filled */
		if (s.ntodo == 0) {
			bool soft_phase;
			if (!scan(&s, from, in_rule, first_v, &soft_phase) && soft_phase) {
				/* every hard rule holds: keep this if its soft score is better than
				 * before, then move what may mend a soft rule */
				memset(in_rule, 0, (size_t)m->nlessons * sizeof *in_rule);
				double soft = mend_score(&s, in_rule);
				/* a repair's lessons away from their places: brought back by moves that
				 * break nothing, a few passes while they bring any back */
				s.polish = s.home && !s.soft_rules;
				s.homeward = s.home != NULL;
				if (best_soft < 0 || soft < best_soft) {
					best_soft = soft;
					stale = 0;
					soft_gain = steps;
					for (int i = 0; i < m->nlessons; i++)
						best[i] = m->lessons[i];
				}
				for (int i = 0; i < m->nlessons; i++)
					if (in_rule[i] && !m->lessons[i].locked && !held(&s, i) && m->lessons[i].day >= 0) {
						from[i] = true;
						queue(&s, i);
					}
				/* the soft rules: given up when all are kept, or when a while (in passes
				 * and in steps, some thousands, more for a larger term) brings nothing
				 * better */
				if (best_soft == 0 || ++stale > (s.polish ? 3 : 2000)) {
					well = true;
					break;
				}
			}
			if (s.ntodo == 0) {
				well = true;
				break;
			}
		}
		if ((o && o->max_steps && steps >= o->max_steps) || now_s() - t0 > limit)
			break;
		if (j && j->stop && atomic_load_explicit(j->stop, memory_order_relaxed))
			break; /* the caller said stop */
		if (tt_job_lost(j, s.work)) {
			lost = true; /* another restart was done sooner: this one cannot win */
			break;
		}
		if (best_soft >= 0 && steps - soft_gain > 5000 + 10L * m->nlessons) {
			well = true;
			break; /* a timetable keeping every hard rule is in hand, and the soft ones
				* have not been kept better for a while */
		}
		if (s.ntodo < least) {
			least = s.ntodo;
			gained = steps;
			s.noise = 0;
			/* the nearest yet, while none is clean: kept when it is near, or when the last
			 * was kept a while ago (a copy of every lesson, not at every step) */
			if (best_soft < 0 && (least <= NEAR_TODO || steps - near_step >= m->nlessons / 4 + 100)) {
				for (int i = 0; i < m->nlessons; i++)
					nearest[i] = m->lessons[i];
				have_nearest = true;
				near_step = steps;
			}
		} else if (r->proofs && steps - gained > 20000 + 4L * m->nlessons)
			break; /* proved not to fit, and no nearer for a long while */
		else if (best_soft < 0 && have_nearest && fill_after >= 0 && steps - gained > fill_after) {
			/* stalled short of a timetable: filled from the nearest as FET places
			 * lessons (the checker asked whether what it hands back keeps every hard
			 * rule, as it must) */
			for (int i = 0; i < m->nlessons; i++)
				best[i] = m->lessons[i]; /* free while none is clean */
			lay_all(&s, nearest);
			r->fills++;
			watch.last = last_progress;
			int out;
			bool filled = fill_all(&s, &watch, fill_fet, 0, &out);
			last_progress = watch.last;
			if (filled)
				r->filled += tt_check(m, NULL, NULL) == 0; /* the checker's word on it */
			else {
				if (out < fill_out) { /* the fewest any filling left out */
					fill_out = out;
					memcpy(fill_best, m->lessons, (size_t)m->nlessons * sizeof *fill_best);
				}
				lay_all(&s, best); /* the search goes on as it was */
				fill_after *= 2;   /* and fills again after a stall twice as long */
			}
			if (watch.stopped)
				break;
			for (int k = 0; k < s.ntodo; k++)
				s.queued[s.todo[k]] = false;
			s.ntodo = 0;
			least = INT_MAX;
			gained = steps;
			continue;
		}
		else if (steps - gained > 1000L << s.noise && s.noise < noise_max)
			s.noise++;
		if (o && o->progress && now_s() - last_progress >= 0.1) {
			last_progress = now_s();
			struct tt_progress pr = {last_progress - t0, limit, 0, m->nlessons, s.ntodo};
			for (int i = 0; i < m->nlessons; i++)
				pr.placed += m->lessons[i].day >= 0;
			if (!o->progress(o->ctx, &pr))
				break;
		}
		int k = (int)(next_rand(&s) % (uint64_t)s.ntodo), i = s.todo[k];
		s.todo[k] = s.todo[--s.ntodo];
		s.queued[i] = false;
		if (!from[i] && !meets_rule(&s, i))
			continue;
		from[i] = false;
		if (m->lessons[i].locked || m->lessons[i].day < 0)
			continue;
		int g = s.rule_at[i] < s.rule_at[i + 1] ? start_group(&s, i) : -1;
		if (g >= 0 && next_rand(&s) % 2)
			step_group(&s, g);
		else
			step_one(&s, i, cand);
		steps++;
	}
	free(from);
	free(cand);
	r->steps = steps;
	if (j) {
		j->ended_well = well;
		j->clock = s.work;
	}
	int *count = NULL;
	struct tt_violation *first = NULL;
	if (lost)
		goto done; /* its timetable is not the one handed back: nothing to mend or explain */
	/* none kept every hard rule: the nearest, if it breaks fewer than the end */
	if (best_soft < 0 && have_nearest) {
		int now_bad = tt_check(m, NULL, NULL);
		for (int i = 0; i < m->nlessons; i++)
			best[i] = m->lessons[i];
		lay_all(&s, nearest);
		if (tt_check(m, NULL, NULL) > now_bad)
			lay_all(&s, best);
	}
	/* the best placement found with every hard rule kept, if the end is not as good */
	if (best_soft >= 0) {
		int now_hard = 0;
		for (int i = 0; i < m->nlessons && !now_hard; i++) {
			struct tt_lesson *l = &m->lessons[i];
			if (l->locked || l->day < 0)
				continue;
			int d = l->day, p = l->period, room = l->room;
			unplace(&s, i);
			now_hard = cost_at(&s, i, d, p, room) > 0;
			place(&s, i, d, p, room);
		}
		struct tally t0v = {in_rule, first_v, 0, 0, m};
		memset(in_rule, 0, (size_t)m->nlessons * sizeof *in_rule);
		int now_rules = (m->nlrules || m->ndrules) ? tt_check(m, tally_one, &t0v) : 0;
		double now_soft = mend_score(&s, NULL);
		if (now_hard || now_rules || now_soft > best_soft)
			lay_all(&s, best);
	}

	/* what still breaks a rule goes out again, the lesson in most violations first; then
	 * each lesson out goes back where it now meets no rule, if such a place is left */
	count = xcalloc((size_t)(m->nlessons + 1), sizeof *count);
	first = xcalloc((size_t)(m->nlessons + 1), sizeof *first);
	r->unplaced = xcalloc((size_t)(m->nlessons + 1), sizeof *r->unplaced);
	r->why = xcalloc((size_t)(m->nlessons + 1), sizeof *r->why);
	go_out(&s, r, count, first);
	r->fill_least = fill_out == INT_MAX ? -1 : fill_out;
	if (best_soft < 0 && fill_out < r->nunplaced) {
		/* the fewest lessons a filling left out were fewer: each of those at its
		 * cheapest place, and what breaks a rule taken out the same way; taken if it
		 * then leaves fewer hard rules broken, or as many and fewer lessons out */
		int na = r->nunplaced, va = r->violations;
		int *ua = xmalloc(((size_t)na + 1) * sizeof *ua);
		struct tt_violation *wa = xmalloc(((size_t)na + 1) * sizeof *wa);
		memcpy(ua, r->unplaced, (size_t)na * sizeof *ua);
		memcpy(wa, r->why, (size_t)na * sizeof *wa);
		for (int i = 0; i < m->nlessons; i++)
			best[i] = m->lessons[i];
		lay_all(&s, fill_best);
		for (int i = 0; i < m->nlessons; i++)
			if (m->lessons[i].day < 0 && fillable(&s, i))
				place_best(&s, i, -1);
		r->nunplaced = 0;
		go_out(&s, r, count, first);
		r->from_fill = r->violations < va || (r->violations == va && r->nunplaced < na);
		if (!r->from_fill) {
			lay_all(&s, best);
			memcpy(r->unplaced, ua, (size_t)na * sizeof *ua);
			memcpy(r->why, wa, (size_t)na * sizeof *wa);
			r->nunplaced = na;
			r->violations = va;
		}
		free(ua);
		free(wa);
	}
	/* and those it never placed: no room to use, or longer than a day */
	bool *listed = xcalloc((size_t)m->nlessons + 1, sizeof *listed);
	for (int k = 0; k < r->nunplaced; k++)
		listed[r->unplaced[k]] = true;
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (l->day < 0 && !listed[i]) {
			struct tt_violation v = {TT_NO_ROOM, i, -1, -1, -1, -1, 0, 0};
			if (m->courses[l->course].length > m->periods)
				v.rule = TT_PAST_DAY;
			r->unplaced[r->nunplaced] = i;
			r->why[r->nunplaced++] = v;
		}
	}
	free(listed);
	/* what stands in the way of each lesson left out */
	r->block_at = xcalloc((size_t)r->nunplaced + 2, sizeof *r->block_at);
	int cap = 0;
	for (int k = 0; k < r->nunplaced; k++) {
		explain(&s, r->unplaced[k], r, &cap);
		r->block_at[k + 1] = r->nblocks;
	}
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		r->placed += l->day >= 0;
		if (start_slot[i] >= 0 && (l->day < 0 || start_slot[i] != l->day * m->periods + l->period))
			r->moved++;
		else if (start_slot[i] < 0 && l->day >= 0)
			r->newly_placed++;
	}
	r->soft_score = tt_soft_score(m, &r->soft, NULL, NULL);
done:
	r->seconds = now_s() - t0;
	free(start_slot);
	free(count);
	free(first);
	free(in_rule);
	free(first_v);
	free(best);
	free(nearest);
	free(fill_best);
	free(order);
	for (size_t k = 0; k < td; k++)
		free(s.tday[k].v);
	for (size_t k = 0; k < (size_t)(m->nleaves + 1) * (size_t)m->days; k++)
		free(s.lday[k].v);
	for (size_t k = 0; k < (size_t)(m->nrooms + 1) * (size_t)m->days; k++)
		free(s.rday[k].v);
	free(s.lday);
	free(s.rday);
	if (s.meets) {
		for (int k = 0; k < (m->nschools + 1) * s.S; k++)
			free(s.slotl[k].v);
		for (int c = 0; c < m->ncourses; c++)
			free(s.meets[c]);
	}
	free(s.slotl);
	free(s.slot_kept);
	free(s.meets);
	free(s.sig);
	free(s.tabu_slot);
	free(s.tabu_until);
	free(s.todo);
	free(s.queued);
	free(s.reached);
	free(s.weighed);
	free(s.snap);
	free(s.pulls);
	for (int c = 0; c < m->ncourses; c++) {
		free(s.rooms[c]);
		free(s.room_pref[c]);
	}
	free(s.rooms);
	free(s.nrooms);
	free(s.optional);
	free(s.packed);
	free(s.fixed);
	free(s.one_start);
	free(s.room_pref);
	free(s.none_pref);
	free(s.rule_at);
	free(s.apart_days);
	free(s.rule_of);
	free(s.apart_at);
	free(s.apart_of);
	free(s.bind_at);
	free(s.bind_of);
	free(s.soft_at);
	free(s.soft_of);
	free(s.ends_at);
	free(s.ends_of);
	free(s.sends_at);
	free(s.sends_of);
	free(s.sends_rule);
	free(s.tdr_at);
	free(s.tdr_of);
	free(s.ldr_at);
	free(s.ldr_of);
	free(s.tsdr_at);
	free(s.tsdr_of);
	free(s.lsdr_at);
	free(s.lsdr_of);
	free(s.tweek);
	free(s.lweek);
	free(s.tweek_ok);
	free(s.tsums);
	free(s.lsums);
	free(s.lweek_ok);
	free(s.tstale);
	free(s.lstale);
	free(s.tbits);
	free(s.lbits);
	free(s.toff);
	free(s.loff);
	free(s.tday);
	free(s.sameday);
	free(s.once);
	free(s.tc);
	free(s.lc);
	free(s.lone);
	free(s.rc);
	return XQ_OK;
}

void tt_solve_result_free(struct tt_solve_result *r)
{
	free(r->blocks);
	free(r->block_at);
	free(r->unplaced);
	free(r->why);
	memset(r, 0, sizeof *r);
}
