/* ttcheck.c: the hard rules of a timetable over its dense model (core/ttcheck.h). Each
 * placed lesson is laid into per-slot occupancy arrays of its students' atomic sets and
 * its room (both belong to one school), so a clash is found when a slot is taken twice, in
 * time proportional to the lessons' periods. A teacher's day is checked in clock time,
 * because two schools' periods are not the same minutes: lessons that overlap are a clash,
 * and between two schools the minutes free must cover the drive. */
#include "core/ttcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "core/types.h"
#include "core/util.h"

/* A lesson's first and last minutes at its school; false without bell times. */
static bool lesson_times(const struct tt_model *m, const struct tt_lesson *l, int *start, int *end)
{
	const struct tt_course *c = &m->courses[l->course];
	int s0, e0, s1, e1;
	if (!tt_period_times(m, c->school, l->period, &s0, &e0) ||
	    !tt_period_times(m, c->school, l->period + c->length - 1, &s1, &e1))
		return false;
	*start = s0;
	*end = e1;
	return true;
}

struct emit {
	void (*fn)(void *, const struct tt_violation *);
	void *ctx;
	int n;
};

static void emit(struct emit *e, int rule, int a, int b, int who, int day, int period, int need, int have)
{
	struct tt_violation v = {rule, a, b, who, day, period, need, have};
	e->n++;
	if (e->fn)
		e->fn(e->ctx, &v);
}

/* Lays lesson i's slots into occ (n resources × slots) for resource r; reports each other
 * lesson met once, and an unavailable slot once while *told_unav is false (once for all
 * the atomic sets of one class or group). */
static void occupy(const struct tt_model *m, int *occ, const unsigned char *unav, int r, int i, int rule_twice,
	int rule_unav, int who, bool *told_unav, struct emit *e, int *met, int *nmet)
{
	const struct tt_lesson *l = &m->lessons[i];
	int len = m->courses[l->course].length, S = m->days * m->periods;
	for (int k = 0; k < len; k++) {
		int slot = l->day * m->periods + l->period + k;
		if (unav && unav[r * S + slot] && !*told_unav) {
			emit(e, rule_unav, i, -1, who, l->day, l->period + k, 0, 0);
			*told_unav = true;
		}
		int *cell = &occ[r * S + slot];
		if (*cell && *cell != i + 1) {
			int other = *cell - 1;
			bool seen = false;
			for (int q = 0; q < *nmet && !seen; q++)
				seen = met[q] == other;
			if (!seen) {
				if (*nmet < 64)
					met[(*nmet)++] = other;
				emit(e, rule_twice, other, i, who, l->day, l->period + k, 0, 0);
			}
		} else
			*cell = i + 1;
	}
}

static bool in_list(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

struct tslot {
	int lesson, start, end, school;
};

static int tslot_cmp(const void *pa, const void *pb)
{
	const struct tslot *a = pa, *b = pb;
	return a->start != b->start ? (a->start < b->start ? -1 : 1) : a->lesson - b->lesson;
}

/* Whether lessons a and b (placed) take a slot in common. */
static bool overlap(const struct tt_model *m, const struct tt_lesson *a, const struct tt_lesson *b)
{
	return a->day == b->day && a->period < b->period + m->courses[b->course].length &&
	       b->period < a->period + m->courses[a->course].length;
}

static bool placed_ok(const struct tt_model *m, const struct tt_lesson *l)
{
	return l->day >= 0 && l->day < m->days && l->period >= 0 &&
	       l->period + m->courses[l->course].length <= m->periods;
}

/* Whether a block of lessons (indexes) lies back to back on one day, in some order. */
static bool back_to_back(const struct tt_model *m, const int *v, int n)
{
	int first = 0;
	for (int i = 0; i < n; i++) {
		const struct tt_lesson *l = &m->lessons[v[i]];
		if (l->day != m->lessons[v[0]].day)
			return false;
		for (int j = 0; j < i; j++)
			if (overlap(m, l, &m->lessons[v[j]]))
				return false;
		if (l->period < m->lessons[v[first]].period)
			first = i;
	}
	/* each but the first right after another (breaks between allowed) */
	for (int i = 0; i < n; i++) {
		const struct tt_lesson *l = &m->lessons[v[i]];
		bool after = i == first;
		for (int j = 0; j < n && !after; j++) {
			const struct tt_lesson *o = &m->lessons[v[j]];
			after = j != i && l->period == tt_after_breaks(m, o->day, o->period + m->courses[o->course].length);
		}
		if (!after)
			return false;
	}
	return true;
}

void tt_model_breaks(struct tt_model *m)
{
	int S = m->days * m->periods;
	free(m->breaks);
	m->breaks = NULL;
	if (S <= 0 || (m->nteachers == 0 && m->nleaves == 0))
		return;
	unsigned char *b = xcalloc((size_t)S, 1);
	int n = 0;
	for (int k = 0; k < S; k++) {
		bool closed = true;
		for (int t = 0; t < m->nteachers && closed; t++)
			closed = m->unav_teacher && m->unav_teacher[t * S + k];
		for (int f = 0; f < m->nleaves && closed; f++)
			closed = m->unav_leaf && m->unav_leaf[f * S + k];
		b[k] = closed;
		n += closed;
	}
	if (n)
		m->breaks = b;
	else
		free(b);
}

int tt_after_breaks(const struct tt_model *m, int day, int period)
{
	if (m->breaks)
		while (period < m->periods && m->breaks[day * m->periods + period])
			period++;
	return period;
}

void tt_day_shape(const unsigned char *occ, const unsigned char *off, int periods, struct tt_day_shape *out)
{
	uint32_t o = 0, f = 0;
	for (int p = 0; p < periods && p < 32; p++) {
		o |= (uint32_t)(occ[p] != 0) << p;
		f |= (uint32_t)(off && off[p]) << p;
	}
	tt_day_shape_bits(o, f, out);
}

/* The bits set in x, in a few steps: the baseline x86-64 has no instruction for it, and the
 * compiler's builtin calls out to a library function. */
static inline int bits_in(uint32_t x)
{
	x = x - (x >> 1 & 0x55555555u);
	x = (x & 0x33333333u) + (x >> 2 & 0x33333333u);
	x = (x + (x >> 4)) & 0x0F0F0F0Fu;
	return (int)(x * 0x01010101u >> 24);
}

void tt_day_shape_bits(uint32_t occ, uint32_t off, struct tt_day_shape *out)
{
	memset(out, 0, sizeof *out);
	out->first = -1;
	if (!occ)
		return;
	out->hours = bits_in(occ);
	out->first = __builtin_ctz(occ);
	int last = 31 - __builtin_clz(occ);
	for (uint32_t x = occ; x; x &= x << 1)
		out->run++; /* each turn shortens every run of periods by one */
	uint32_t before = (1u << out->first) - 1, span = (uint32_t)(((uint64_t)2 << last) - 1) & ~before;
	out->late = bits_in(before & ~off);
	out->gaps = bits_in(span & ~occ & ~off);
}

bool tt_drule_weekly(const struct tt_drule *x)
{
	return x->kind == TT_DR_MAX_GAPS_WEEK || x->kind == TT_DR_MAX_DAYS || x->kind == TT_DR_EARLY_SECOND;
}

int tt_drule_excess(const struct tt_drule *x, const struct tt_day_shape *week, int days, int day)
{
	struct tt_week_sums w = {0};
	if (tt_drule_weekly(x)) {
		for (int d = 0; d < days; d++)
			tt_week_add(&w, &week[d], 1);
		return tt_drule_excess_of(x, &w, NULL);
	}
	int total = 0, from = day >= 0 ? day : 0, to = day >= 0 ? day + 1 : days;
	for (int d = from; d < to; d++)
		total += tt_drule_excess_of(x, &w, &week[d]);
	return total;
}

/* The teachers (everyone 1) or atomic sets a rule on days covers, into out; how many. */
static int drule_members(const struct tt_model *m, const struct tt_drule *x, int *out)
{
	int n = 0;
	if (x->teacher >= 0)
		out[n++] = x->teacher;
	else if (x->set >= 0)
		for (int f = 0; f < m->sets[x->set].nleaves; f++)
			out[n++] = m->sets[x->set].leaves[f];
	else if (x->everyone == 1)
		for (int t = 0; t < m->nteachers; t++)
			out[n++] = t;
	else
		for (int f = 0; f < m->nleaves; f++)
			out[n++] = f;
	return n;
}

/* The hard rules on days, or (soft) those weighing less: occ holds each teacher's
 * (teachers) or atomic set's lessons by slot (lesson + 1, 0 free). */
static void day_rules(const struct tt_model *m, const int *tocc, const int *locc, struct emit *e, bool soft)
{
	int S = m->days * m->periods, P = m->periods;
	int *who = xcalloc((size_t)(m->nteachers > m->nleaves ? m->nteachers : m->nleaves) + 1, sizeof *who);
	struct tt_day_shape *week = xcalloc((size_t)m->days, sizeof *week);
	unsigned char *occ = xcalloc((size_t)P, 1);
	for (int r = 0; r < m->ndrules; r++) {
		const struct tt_drule *x = &m->drules[r];
		if (soft ? tt_drule_hard(x) : !tt_drule_hard(x))
			continue;
		bool teachers = x->teacher >= 0 || x->everyone == 1;
		const int *o = teachers ? tocc : locc;
		const unsigned char *unav = teachers ? m->unav_teacher : m->unav_leaf;
		int n = drule_members(m, x, who);
		for (int k = 0; k < n; k++) {
			int w = who[k], any = -1;
			for (int d = 0; d < m->days; d++) {
				for (int p = 0; p < P; p++) {
					occ[p] = o[w * S + d * P + p] != 0;
					if (occ[p] && any < 0)
						any = o[w * S + d * P + p] - 1;
				}
				tt_day_shape(occ, unav ? unav + w * S + d * P : NULL, P, &week[d]);
			}
			bool weekly = tt_drule_weekly(x);
			for (int d = weekly ? -1 : 0; d < (weekly ? 0 : m->days); d++) {
				int ex = tt_drule_excess(x, week, m->days, d);
				if (!ex)
					continue;
				int lesson = any;
				for (int p = 0; d >= 0 && p < P; p++)
					if (o[w * S + d * P + p]) {
						lesson = o[w * S + d * P + p] - 1;
						if (x->kind != TT_DR_MAX_GAPS_DAY)
							break; /* gaps: the day's last lesson, else its first */
					}
				struct tt_violation v = {TT_DAY_RULE, lesson, -1, r, d, -1, x->n, ex, w};
				e->n++;
				if (e->fn)
					e->fn(e->ctx, &v);
			}
		}
	}
	free(who);
	free(week);
	free(occ);
}

/* The hard rules over lessons; locc holds each atomic set's lessons by slot. */
static void lesson_rules(const struct tt_model *m, const int *locc, struct emit *e, bool soft)
{
	int S = m->days * m->periods;
	int *v = xcalloc((size_t)m->nlessons + 1, sizeof *v);
	for (int r = 0; r < m->nlrules; r++) {
		const struct tt_lrule *x = &m->lrules[r];
		if (soft ? tt_lrule_hard(x) : !tt_lrule_binds(x))
			continue;
		int n = 0;
		for (int i = 0; i < x->nlessons; i++)
			if (placed_ok(m, &m->lessons[x->lessons[i]]))
				v[n++] = x->lessons[i];
		switch (x->kind) {
		case TT_LR_MIN_DAYS:
		case TT_LR_SAME_START:
		case TT_LR_SAME_DAY:
		case TT_LR_NOT_OVERLAP:
			for (int i = 0; i < n; i++)
				for (int j = i + 1; j < n; j++) {
					const struct tt_lesson *a = &m->lessons[v[i]], *b = &m->lessons[v[j]];
					int gap = a->day > b->day ? a->day - b->day : b->day - a->day;
					int la = m->courses[a->course].length, lb = m->courses[b->course].length;
					bool apart = a->period + la != b->period && b->period + lb != a->period;
					if (!tt_lrule_hard(x) && !soft) {
						/* a soft one's "back to back if on one day" binds all the same */
						if (gap == 0 && apart)
							emit(e, TT_LESSON_RULE, v[i], v[j], r, b->day, b->period, -1, 0);
						continue;
					}
					bool bad = x->kind == TT_LR_MIN_DAYS ? gap < x->n || (gap == 0 && x->flag && apart && !soft)
						   : x->kind == TT_LR_SAME_START ? a->day != b->day || a->period != b->period
						   : x->kind == TT_LR_SAME_DAY ? a->day != b->day
									       : overlap(m, a, b);
					if (bad)
						emit(e, TT_LESSON_RULE, v[i], v[j], r, b->day, b->period, x->n, gap);
				}
			break;
		case TT_LR_CONSECUTIVE:
			if (n == 2 && x->nlessons == 2) {
				const struct tt_lesson *a = &m->lessons[x->lessons[0]], *b = &m->lessons[x->lessons[1]];
				if (b->day != a->day ||
				    b->period != tt_after_breaks(m, a->day, a->period + m->courses[a->course].length))
					emit(e, TT_LESSON_RULE, x->lessons[0], x->lessons[1], r, b->day, b->period, 0, 0);
			}
			break;
		case TT_LR_GROUPED:
			if (n == x->nlessons && n >= 2 && !back_to_back(m, v, n))
				emit(e, TT_LESSON_RULE, v[0], v[1], r, m->lessons[v[1]].day, m->lessons[v[1]].period, 0, 0);
			break;
		case TT_LR_ENDS_DAY:
			for (int i = 0; i < n; i++) {
				const struct tt_lesson *l = &m->lessons[v[i]];
				const struct tt_course *c = &m->courses[l->course];
				int after = -1;
				for (int q = 0; q < c->nsets && after < 0; q++)
					for (int f = 0; f < m->sets[c->sets[q]].nleaves && after < 0; f++) {
						int leaf = m->sets[c->sets[q]].leaves[f];
						for (int p = l->period + c->length; p < m->periods && after < 0; p++) {
							int o = locc[leaf * S + l->day * m->periods + p];
							if (o && o - 1 != v[i])
								after = o - 1;
						}
					}
				if (after >= 0)
					emit(e, TT_LESSON_RULE, v[i], after, r, l->day, l->period, 0, 0);
			}
			break;
		case TT_LR_START_SLOTS:
		case TT_LR_TIME_SLOTS:
			for (int i = 0; i < n && x->slots; i++) {
				const struct tt_lesson *l = &m->lessons[v[i]];
				int len = x->kind == TT_LR_START_SLOTS ? 1 : m->courses[l->course].length;
				for (int k = 0; k < len; k++)
					if (!x->slots[l->day * m->periods + l->period + k]) {
						emit(e, TT_LESSON_RULE, v[i], -1, r, l->day, l->period + k, 0, 0);
						break;
					}
			}
			break;
		}
	}
	free(v);
}

/* [teacher][slot]: the lesson (+ 1) each teacher has there, 0 when free. */
static int *teacher_occupancy(const struct tt_model *m)
{
	int S = m->days * m->periods;
	int *tocc = xcalloc((size_t)(m->nteachers ? m->nteachers : 1) * (size_t)S, sizeof *tocc);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		if (!placed_ok(m, l))
			continue;
		for (int t = 0; t < c->nteachers; t++)
			for (int k = 0; k < c->length; k++)
				tocc[c->teachers[t] * S + l->day * m->periods + l->period + k] = i + 1;
	}
	return tocc;
}

int tt_check(const struct tt_model *m, void (*fn)(void *ctx, const struct tt_violation *v), void *ctx)
{
	struct emit e = {fn, ctx, 0};
	int S = m->days * m->periods;
	int *locc = xcalloc((size_t)(m->nleaves ? m->nleaves : 1) * (size_t)S, sizeof *locc);
	int *rocc = xcalloc((size_t)(m->nrooms ? m->nrooms : 1) * (size_t)S, sizeof *rocc);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (l->day < 0)
			continue;
		const struct tt_course *c = &m->courses[l->course];
		if (l->day >= m->days || l->period < 0 || l->period + c->length > m->periods) {
			emit(&e, TT_PAST_DAY, i, -1, -1, l->day, l->period, 0, 0);
			continue;
		}
		int met[64], nmet;
		for (int t = 0; t < c->nteachers; t++)
			for (int k = 0; k < c->length && m->unav_teacher; k++)
				if (m->unav_teacher[c->teachers[t] * S + l->day * m->periods + l->period + k]) {
					emit(&e, TT_TEACHER_UNAVAILABLE, i, -1, c->teachers[t], l->day, l->period + k, 0, 0);
					break;
				}
		nmet = 0;
		for (int s = 0; s < c->nsets; s++) {
			const struct tt_set *set = &m->sets[c->sets[s]];
			bool told = false;
			for (int f = 0; f < set->nleaves; f++)
				occupy(m, locc, m->unav_leaf, set->leaves[f], i, TT_STUDENTS_TWICE, TT_STUDENTS_UNAVAILABLE,
					c->sets[s], &told, &e, met, &nmet);
		}
		if (l->room >= 0) {
			nmet = 0;
			bool told = false;
			occupy(m, rocc, m->unav_room, l->room, i, TT_ROOM_TWICE, TT_ROOM_UNAVAILABLE, l->room, &told, &e,
				met, &nmet);
			const struct tt_room *r = &m->rooms[l->room];
			bool allowed = r->school == c->school &&
				       (c->nrooms ? in_list(c->rooms, c->nrooms, l->room)
						  : c->room_kind < 0 || r->kind == c->room_kind);
			if (!allowed)
				emit(&e, TT_ROOM_NOT_ALLOWED, i, -1, l->room, l->day, l->period, 0, 0);
			else if (r->capacity >= 0 && c->students >= 0 && r->capacity < c->students)
				emit(&e, TT_ROOM_TOO_SMALL, i, -1, l->room, l->day, l->period, c->students, r->capacity);
		}
		for (int k = 0; k < c->length; k++) {
			int a, b;
			if (!tt_period_times(m, c->school, l->period + k, &a, &b)) {
				emit(&e, TT_NO_BELL, i, -1, -1, l->day, l->period + k, 0, 0);
				break;
			}
		}
	}
	/* lessons of one course on different days */
	int *first = xcalloc((size_t)(m->ncourses ? m->ncourses : 1) * (size_t)m->days, sizeof *first);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (l->day < 0 || l->day >= m->days || !m->courses[l->course].different_days)
			continue;
		int *f = &first[l->course * m->days + l->day];
		if (*f)
			emit(&e, TT_SAME_DAY, *f - 1, i, -1, l->day, l->period, 0, 0);
		else
			*f = i + 1;
	}
	free(first);
	/* a teacher's days in clock time: lessons that overlap, travel and school changes */
	int *count = xcalloc((size_t)(m->nteachers ? m->nteachers : 1) * (size_t)m->days + 1, sizeof *count);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		if (l->day < 0 || l->day >= m->days || l->period < 0 || l->period + c->length > m->periods)
			continue;
		for (int t = 0; t < c->nteachers; t++)
			count[c->teachers[t] * m->days + l->day + 1]++;
	}
	for (int k = 1; k <= m->nteachers * m->days; k++)
		count[k] += count[k - 1];
	struct tslot *all = xcalloc((size_t)(count[m->nteachers * m->days] + 1), sizeof *all);
	int *fill = xcalloc((size_t)(m->nteachers ? m->nteachers : 1) * (size_t)m->days, sizeof *fill);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		if (l->day < 0 || l->day >= m->days || l->period < 0 || l->period + c->length > m->periods)
			continue;
		int a, b;
		bool clock = lesson_times(m, l, &a, &b);
		for (int t = 0; t < c->nteachers; t++) {
			int k = c->teachers[t] * m->days + l->day;
			/* without bell times a lesson is placed by its periods, within its school */
			all[count[k] + fill[k]++] = clock ? (struct tslot){i, a, b, c->school}
							  : (struct tslot){i, -1, -1, c->school};
		}
	}
	for (int t = 0; t < m->nteachers; t++)
		for (int d = 0; d < m->days; d++) {
			int k = t * m->days + d, n = count[k + 1] - count[k];
			struct tslot *day = all + count[k];
			qsort(day, (size_t)n, sizeof *day, tslot_cmp);
			int changes = 0, last = -1;
			for (int q = 0; q < n; q++) {
				bool clock = day[q].start >= 0;
				/* lessons that overlap: in clock time, or in periods at one school without bells */
				for (int r = 0; r < q; r++) {
					bool rclock = day[r].start >= 0;
					if (clock != rclock || (!clock && day[r].school != day[q].school))
						continue;
					const struct tt_lesson *lr = &m->lessons[day[r].lesson], *lq = &m->lessons[day[q].lesson];
					bool overlap = clock ? day[r].start < day[q].end && day[q].start < day[r].end
							     : lr->period < lq->period + m->courses[lq->course].length &&
								       lq->period < lr->period + m->courses[lr->course].length;
					if (overlap)
						emit(&e, TT_TEACHER_TWICE, day[r].lesson, day[q].lesson, t, d,
							m->lessons[day[q].lesson].period, 0, 0);
				}
				if (!clock)
					continue;
				if (last >= 0 && day[last].school != day[q].school) {
					changes++;
					const struct tt_lesson *la = &m->lessons[day[last].lesson], *lq = &m->lessons[day[q].lesson];
					int free_periods = lq->period - (la->period + m->courses[la->course].length);
					if (m->teachers[t].min_gap_periods > 0 && free_periods >= 0 &&
					    free_periods < m->teachers[t].min_gap_periods)
						emit(&e, TT_GAP_PERIODS, day[last].lesson, day[q].lesson, t, d, -1,
							m->teachers[t].min_gap_periods, free_periods);
					int need = m->teachers[t].min_travel;
					if (need < 0 && m->travel)
						need = m->travel[day[last].school * m->nschools + day[q].school];
					int have = day[q].start - day[last].end;
					if (need >= 0 && have < need && have >= 0)
						emit(&e, TT_TRAVEL, day[last].lesson, day[q].lesson, t, d, -1, need, have);
					else if (need >= 0 && have < 0) {
						/* overlapping lessons at two schools: reported as a clash above */
					}
				}
				last = q;
			}
			if (m->teachers[t].max_changes >= 0 && changes > m->teachers[t].max_changes)
				emit(&e, TT_CHANGES, day[0].lesson, -1, t, d, -1, m->teachers[t].max_changes, changes);
		}
	free(all);
	free(fill);
	free(count);
	lesson_rules(m, locc, &e, false);
	if (m->ndrules) {
		int *tocc = teacher_occupancy(m);
		day_rules(m, tocc, locc, &e, false);
		free(tocc);
	}
	free(locc);
	free(rocc);
	return e.n;
}

double tt_set_soft(const struct tt_model *m, int set, int slot)
{
	double w = 0;
	int S = m->days * m->periods;
	for (int f = 0; m->soft_leaf && f < m->sets[set].nleaves; f++)
		if (m->soft_leaf[m->sets[set].leaves[f] * S + slot] > w)
			w = m->soft_leaf[m->sets[set].leaves[f] * S + slot];
	return w;
}

/* The lessons in slots their teachers, students or rooms had rather not have: one violation
 * for each of them and each such period. */
static void soft_slots(const struct tt_model *m, struct emit *e)
{
	int S = m->days * m->periods;
	if (!m->soft_teacher && !m->soft_leaf && !m->soft_room)
		return;
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (!placed_ok(m, l))
			continue;
		const struct tt_course *c = &m->courses[l->course];
		for (int k = 0; k < c->length; k++) {
			int slot = l->day * m->periods + l->period + k;
			for (int t = 0; m->soft_teacher && t < c->nteachers; t++)
				if (m->soft_teacher[c->teachers[t] * S + slot] > 0)
					emit(e, TT_TEACHER_UNAVAILABLE, i, -1, c->teachers[t], l->day, l->period + k, 0, 0);
			for (int q = 0; m->soft_leaf && q < c->nsets; q++)
				if (tt_set_soft(m, c->sets[q], slot) > 0)
					emit(e, TT_STUDENTS_UNAVAILABLE, i, -1, c->sets[q], l->day, l->period + k, 0, 0);
			if (m->soft_room && l->room >= 0 && m->soft_room[l->room * S + slot] > 0)
				emit(e, TT_ROOM_UNAVAILABLE, i, -1, l->room, l->day, l->period + k, 0, 0);
		}
	}
}

double tt_room_pref_cost(const struct tt_model *m, int course, int room)
{
	const struct tt_course *c = &m->courses[course];
	double most = 0, here = 0;
	for (int q = 0; q < c->nprefs; q++) {
		if (c->pref_weights[q] > most)
			most = c->pref_weights[q];
		if (c->prefs[q] == room && c->pref_weights[q] > here)
			here = c->pref_weights[q];
	}
	return most - here;
}

/* The lessons not in a room their course had rather use: one violation each. */
static void soft_rooms(const struct tt_model *m, struct emit *e)
{
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (m->courses[l->course].nprefs && placed_ok(m, l) && tt_room_pref_cost(m, l->course, l->room) > 0)
			emit(e, TT_ROOM_NOT_PREFERRED, i, -1, l->room, l->day, l->period, 0, 0);
	}
}

int tt_check_soft(const struct tt_model *m, void (*fn)(void *ctx, const struct tt_violation *v), void *ctx)
{
	struct emit e = {fn, ctx, 0};
	if (!tt_has_soft(m))
		return 0;
	int S = m->days * m->periods;
	int *locc = xcalloc((size_t)(m->nleaves ? m->nleaves : 1) * (size_t)S, sizeof *locc);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (!placed_ok(m, l))
			continue;
		const struct tt_course *c = &m->courses[l->course];
		for (int q = 0; q < c->nsets; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
				for (int k = 0; k < c->length; k++) {
					int *cell = &locc[m->sets[c->sets[q]].leaves[f] * S + l->day * m->periods + l->period + k];
					if (!*cell)
						*cell = i + 1;
				}
	}
	lesson_rules(m, locc, &e, true);
	if (m->ndrules) {
		int *tocc = teacher_occupancy(m);
		day_rules(m, tocc, locc, &e, true);
		free(tocc);
	}
	free(locc);
	soft_slots(m, &e);
	soft_rooms(m, &e);
	return e.n;
}

bool tt_has_soft(const struct tt_model *m)
{
	for (int r = 0; r < m->nlrules; r++)
		if (!tt_lrule_hard(&m->lrules[r]))
			return true;
	for (int r = 0; r < m->ndrules; r++)
		if (!tt_drule_hard(&m->drules[r]))
			return true;
	for (int c = 0; c < m->ncourses; c++)
		if (m->courses[c].nprefs)
			return true;
	return m->soft_teacher || m->soft_leaf || m->soft_room;
}

double tt_soft_weight(const struct tt_model *m, const struct tt_violation *v)
{
	if (v->rule == TT_LESSON_RULE && v->who >= 0 && v->who < m->nlrules)
		return m->lrules[v->who].weight;
	if (v->rule == TT_DAY_RULE && v->who >= 0 && v->who < m->ndrules)
		return m->drules[v->who].weight;
	if (v->rule == TT_ROOM_NOT_PREFERRED && v->a >= 0 && v->a < m->nlessons)
		return tt_room_pref_cost(m, m->lessons[v->a].course, v->who);
	int S = m->days * m->periods, slot = v->day * m->periods + v->period;
	if (v->who < 0 || v->day < 0 || v->period < 0 || slot >= S)
		return 0;
	if (v->rule == TT_TEACHER_UNAVAILABLE && m->soft_teacher && v->who < m->nteachers)
		return m->soft_teacher[v->who * S + slot];
	if (v->rule == TT_STUDENTS_UNAVAILABLE && m->soft_leaf && v->who < m->nsets)
		return tt_set_soft(m, v->who, slot);
	if (v->rule == TT_ROOM_UNAVAILABLE && m->soft_room && v->who < m->nrooms)
		return m->soft_room[v->who * S + slot];
	return 0;
}

int tt_soft_amount(const struct tt_model *m, const struct tt_violation *v)
{
	if (v->rule == TT_DAY_RULE)
		return v->have; /* periods, gaps, days or late beginnings beyond the limit */
	if (v->rule == TT_LESSON_RULE && m->lrules[v->who].kind == TT_LR_MIN_DAYS && v->need > v->have)
		return v->need - v->have; /* days short */
	return 1;
}

struct score {
	const struct tt_model *m;
	double sum;
	void (*fn)(void *ctx, const struct tt_violation *v);
	void *ctx;
};

static void add_score(void *ctx, const struct tt_violation *v)
{
	struct score *s = ctx;
	s->sum += tt_soft_weight(s->m, v) * tt_soft_amount(s->m, v);
	if (s->fn)
		s->fn(s->ctx, v);
}

double tt_soft_score(const struct tt_model *m, int *count, void (*fn)(void *ctx, const struct tt_violation *v),
	void *ctx)
{
	struct score s = {m, 0, fn, ctx};
	int n = tt_check_soft(m, add_score, &s);
	if (count)
		*count = n;
	return s.sum;
}

void tt_score_text(double score, char *out, size_t size)
{
	double whole = (double)(long long)(score + (score < 0 ? -0.5 : 0.5));
	if (score - whole < 0.005 && whole - score < 0.005)
		snprintf(out, size, "%.0f", whole);
	else
		snprintf(out, size, "%.2f", score);
	/* no trailing zeros: "99.50" as "99.5" */
	size_t n = strlen(out);
	if (strchr(out, '.'))
		while (n > 0 && out[n - 1] == '0')
			out[--n] = '\0';
}

/* "语文 三年级1班" */
static void lesson_text(const struct tt_model *m, int i, char *out, size_t size)
{
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, c->label);
	for (int s = 0; s < c->nsets; s++)
		sb_printf(&b, "%s%s", s ? "、" : " ", m->sets[c->sets[s]].name);
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
}

/* Whether every atomic set of set s is unavailable at slot. */
static bool set_away(const struct tt_model *m, int s, int slot)
{
	int S = m->days * m->periods;
	for (int f = 0; f < m->sets[s].nleaves; f++)
		if (!m->unav_leaf[m->sets[s].leaves[f] * S + slot])
			return false;
	return m->sets[s].nleaves > 0;
}

static bool set_has_leaf(const struct tt_model *m, int s, int leaf)
{
	for (int f = 0; f < m->sets[s].nleaves; f++)
		if (m->sets[s].leaves[f] == leaf)
			return true;
	return false;
}

/* Who is not available at a slot where set s (or, s < 0, the atomic set leaf) has a lesson,
 * as the data names it: s itself when all of it is away, else the largest class, group or
 * subgroup wholly away that shares students with it (a group's slot marks the atomic sets
 * it covers); -1 when none is. */
static int away_set(const struct tt_model *m, int s, int leaf, int day, int period)
{
	int slot = day * m->periods + period;
	if (!m->unav_leaf || slot < 0 || slot >= m->days * m->periods)
		return -1;
	if (s >= 0 && set_away(m, s, slot))
		return s;
	int best = -1;
	for (int x = 0; x < m->nsets; x++) {
		if (best >= 0 && m->sets[x].nleaves <= m->sets[best].nleaves)
			continue;
		bool meets = false;
		for (int f = 0; f < m->sets[x].nleaves && !meets; f++)
			meets = s >= 0 ? set_has_leaf(m, s, m->sets[x].leaves[f]) : m->sets[x].leaves[f] == leaf;
		if (meets && set_away(m, x, slot))
			best = x;
	}
	return best;
}

void tt_violation_text(const struct tt_model *m, const struct tt_violation *v, char *out, size_t size)
{
	char a[256] = "", b[256] = "", t1[6], t2[6];
	if (v->a >= 0)
		lesson_text(m, v->a, a, sizeof a);
	if (v->b >= 0)
		lesson_text(m, v->b, b, sizeof b);
	const char *school_a = v->a >= 0 ? m->school_names[m->courses[m->lessons[v->a].course].school] : "";
	const char *school_b = v->b >= 0 ? m->school_names[m->courses[m->lessons[v->b].course].school] : "";
	int day = v->day + 1, period = v->period + 1;
	switch (v->rule) {
	case TT_TEACHER_TWICE: {
		int s1, e1, s2, e2;
		const struct tt_lesson *la = &m->lessons[v->a], *lb = &m->lessons[v->b];
		if (m->courses[la->course].school != m->courses[lb->course].school && lesson_times(m, la, &s1, &e1) &&
		    lesson_times(m, lb, &s2, &e2)) {
			char c1[6], c2[6];
			clock_format(s1, t1);
			clock_format(e1, t2);
			clock_format(s2, c1);
			clock_format(e2, c2);
			snprintf(out, size, _("%s teaches %s at %s %s–%s and %s at %s %s–%s on day %d: at once"),
				m->teachers[v->who].name, a, school_a, t1, t2, b, school_b, c1, c2, day);
		} else
			snprintf(out, size, _("%s teaches %s and %s at once: day %d, period %d"), m->teachers[v->who].name,
				a, b, day, period);
		break;
	}
	case TT_STUDENTS_TWICE:
		snprintf(out, size, _("%s has %s and %s at once: day %d, period %d"), m->sets[v->who].name, a, b, day,
			period);
		break;
	case TT_ROOM_TWICE:
		snprintf(out, size, _("room %s holds %s and %s at once: day %d, period %d"), m->rooms[v->who].name, a, b,
			day, period);
		break;
	case TT_ROOM_NOT_ALLOWED:
		snprintf(out, size, _("%s on day %d, period %d is in room %s, which its course does not allow"), a, day,
			period, m->rooms[v->who].name);
		break;
	case TT_ROOM_TOO_SMALL:
		snprintf(out, size, _("%s on day %d, period %d: room %s holds %d, the course has %d students"), a, day,
			period, m->rooms[v->who].name, v->have, v->need);
		break;
	case TT_TEACHER_UNAVAILABLE:
		snprintf(out, size, _("%s teaches %s on day %d, period %d, when not available"), m->teachers[v->who].name,
			a, day, period);
		break;
	case TT_STUDENTS_UNAVAILABLE: {
		int away = away_set(m, v->who, -1, v->day, v->period);
		if (away < 0 || away == v->who)
			snprintf(out, size, _("%s has %s on day %d, period %d, when not available"), m->sets[v->who].name,
				a, day, period);
		else
			snprintf(out, size, _("%s has %s on day %d, period %d, when %s is not available"),
				m->sets[v->who].name, a, day, period, m->sets[away].name);
		break;
	}
	case TT_ROOM_UNAVAILABLE:
		snprintf(out, size, _("room %s holds %s on day %d, period %d, when not available"), m->rooms[v->who].name,
			a, day, period);
		break;
	case TT_SAME_DAY:
		snprintf(out, size, _("%s has two lessons on day %d, though they are to fall on different days"), a, day);
		break;
	case TT_TRAVEL: {
		int s, e, s2, e2;
		lesson_times(m, &m->lessons[v->a], &s, &e);
		lesson_times(m, &m->lessons[v->b], &s2, &e2);
		clock_format(e, t1);
		clock_format(s2, t2);
		snprintf(out, size, _("%s teaches %s at %s until %s and %s at %s at %s on day %d; the drive takes %d min"),
			m->teachers[v->who].name, a, school_a, t1, b, school_b, t2, day, v->need);
		break;
	}
	case TT_CHANGES:
		snprintf(out, size, _("%s changes school %d times on day %d; at most %d"), m->teachers[v->who].name,
			v->have, day, v->need);
		break;
	case TT_NO_BELL:
		snprintf(out, size, _("%s on day %d, period %d: %s has no bell time for that period"), a, day, period,
			school_a);
		break;
	case TT_GAP_PERIODS:
		snprintf(out, size, _("%s teaches %s at %s and %s at %s on day %d with %d free periods between; at least %d"),
			m->teachers[v->who].name, a, school_a, b, school_b, day, v->have, v->need);
		break;
	case TT_LESSON_RULE: {
		const struct tt_lrule *x = &m->lrules[v->who];
		switch (x->kind) {
		case TT_LR_MIN_DAYS:
			if (v->need < 0)
				snprintf(out, size, _("%s and %s fall on day %d and are not back to back"), a, b, day);
			else
				snprintf(out, size, _("%s and %s are %d days apart; at least %d"), a, b, v->have, x->n);
			break;
		case TT_LR_SAME_START:
			snprintf(out, size, _("%s and %s are to start together, and do not"), a, b);
			break;
		case TT_LR_SAME_DAY:
			snprintf(out, size, _("%s and %s are to fall on one day, and do not"), a, b);
			break;
		case TT_LR_NOT_OVERLAP:
			snprintf(out, size, _("%s and %s are not to overlap: day %d, period %d"), a, b, day, period);
			break;
		case TT_LR_CONSECUTIVE:
			snprintf(out, size, _("%s is to come right after %s on one day, and does not"), b, a);
			break;
		case TT_LR_GROUPED:
			snprintf(out, size, _("%s and the lessons grouped with it are not back to back on one day"), a);
			break;
		case TT_LR_ENDS_DAY:
			snprintf(out, size, _("%s is to end its students' day %d, and %s comes after it"), a, day, b);
			break;
		default:
			snprintf(out, size, _("%s on day %d, period %d is outside the times allowed to it"), a, day, period);
		}
		break;
	}
	case TT_DAY_RULE: {
		const struct tt_drule *x = &m->drules[v->who];
		char name[256];
		if (x->teacher >= 0 || x->everyone == 1)
			xq_copy(name, sizeof name, m->teachers[v->res].name);
		else
			tt_leaf_name(m, v->res, name, sizeof name);
		switch (x->kind) {
		case TT_DR_MAX_GAPS_WEEK:
			snprintf(out, size, _("%s has %d free periods between lessons in the week; at most %d"), name,
				x->n + v->have, x->n);
			break;
		case TT_DR_MAX_GAPS_DAY:
			snprintf(out, size, _("%s has %d free periods between lessons on day %d; at most %d"), name,
				x->n + v->have, day, x->n);
			break;
		case TT_DR_MAX_DAYS:
			snprintf(out, size, _("%s has lessons on %d days of the week; at most %d"), name, x->n + v->have, x->n);
			break;
		case TT_DR_MAX_HOURS_DAY:
			snprintf(out, size, _("%s has %d periods of lessons on day %d; at most %d"), name, x->n + v->have, day,
				x->n);
			break;
		case TT_DR_MIN_HOURS_DAY:
			snprintf(out, size, _("%s has %d periods of lessons on day %d; at least %d"), name, x->n - v->have, day,
				x->n);
			break;
		case TT_DR_MAX_HOURS_RUN:
			snprintf(out, size, _("%s has %d periods of lessons in a row on day %d; at most %d"), name,
				x->n + v->have, day, x->n);
			break;
		default:
			snprintf(out, size, _("%s begins the day later than the first period too often (%d beyond the %d "
					      "times allowed at the second period, later never)"),
				name, v->have, x->n);
		}
		break;
	}
	case TT_NO_ROOM:
		snprintf(out, size, _("%s: its school has no room the course may use (of its kind, or its list, "
				      "and large enough)"), a);
		break;
	case TT_ROOM_NOT_PREFERRED: {
		/* the rooms it had rather: those weighing more than the one it is in */
		const struct tt_course *c = &m->courses[m->lessons[v->a].course];
		double here = 0; /* what its own room weighs among them */
		for (int q = 0; q < c->nprefs; q++)
			if (c->prefs[q] == v->who && c->pref_weights[q] > here)
				here = c->pref_weights[q];
		char pref[256] = "", who[300];
		for (int q = 0; q < c->nprefs; q++) {
			const char *name = m->rooms[c->prefs[q]].name;
			if (c->pref_weights[q] > here && strlen(pref) + strlen(name) + 4 < sizeof pref) {
				if (*pref)
					strcat(pref, ", ");
				strcat(pref, name);
			}
		}
		if (c->nteachers)
			snprintf(who, sizeof who, _("%s's %s"), m->teachers[c->teachers[0]].name, a);
		else
			xq_copy(who, sizeof who, a);
		if (v->who >= 0)
			snprintf(out, size, _("%s on day %d, period %d is in %s, not its preferred %s"), who, day, period,
				m->rooms[v->who].name, pref);
		else
			snprintf(out, size, _("%s on day %d, period %d has no room, not its preferred %s"), who, day,
				period, pref);
		break;
	}
	case TT_PAST_DAY:
		snprintf(out, size, _("%s does not fit in its day: day %d, period %d"), a, day, period);
		break;
	default:
		snprintf(out, size, "?");
	}
	(void)school_b;
}

void tt_block_text(const struct tt_model *m, const struct tt_violation *v, int closes, int places, char *out, size_t size)
{
	char what[768];
	switch (v->rule) {
	case TT_TEACHER_TWICE:
		snprintf(what, sizeof what, _("%s teaches other lessons then"), m->teachers[v->who].name);
		break;
	case TT_TEACHER_UNAVAILABLE:
		snprintf(what, sizeof what, _("%s is not available then"), m->teachers[v->who].name);
		break;
	case TT_STUDENTS_TWICE: {
		char name[256];
		tt_leaf_name(m, v->who, name, sizeof name);
		snprintf(what, sizeof what, _("%s has other lessons then"), name);
		break;
	}
	case TT_STUDENTS_UNAVAILABLE: {
		char name[256];
		int away = away_set(m, -1, v->who, v->day, v->period);
		if (away >= 0)
			xq_copy(name, sizeof name, m->sets[away].name);
		else
			tt_leaf_name(m, v->who, name, sizeof name);
		snprintf(what, sizeof what, _("%s is not available then"), name);
		break;
	}
	case TT_ROOM_TWICE:
		snprintf(what, sizeof what, _("room %s is taken then"), m->rooms[v->who].name);
		break;
	case TT_ROOM_UNAVAILABLE:
		snprintf(what, sizeof what, _("room %s is not available then"), m->rooms[v->who].name);
		break;
	case TT_NO_BELL:
		snprintf(what, sizeof what, _("%s has no bell times for those periods"), m->school_names[v->who]);
		break;
	case TT_SAME_DAY:
		snprintf(what, sizeof what, "%s", _("the course's other lessons fall on those days"));
		break;
	case TT_TRAVEL:
		snprintf(what, sizeof what, _("%s could not get there in time from another school (%d min)"),
			m->teachers[v->who].name, v->need);
		break;
	case TT_GAP_PERIODS:
		snprintf(what, sizeof what, _("%s needs %d free periods between two schools"), m->teachers[v->who].name,
			v->need);
		break;
	case TT_CHANGES:
		snprintf(what, sizeof what, _("%s changes school at most %d times a day"), m->teachers[v->who].name,
			v->need);
		break;
	default:
		tt_violation_text(m, v, what, sizeof what);
	}
	snprintf(out, size, _("%s (%d of %d places)"), what, closes, places);
}

void tt_leaf_name(const struct tt_model *m, int leaf, char *out, size_t size)
{
	int best = -1;
	for (int s = 0; s < m->nsets; s++)
		for (int f = 0; f < m->sets[s].nleaves; f++)
			if (m->sets[s].leaves[f] == leaf && (best < 0 || m->sets[s].nleaves < m->sets[best].nleaves))
				best = s;
	xq_copy(out, size, best >= 0 ? m->sets[best].name : "?");
}

static bool sets_meet(const struct tt_model *m, int a, int b)
{
	for (int i = 0; i < m->sets[a].nleaves; i++)
		for (int j = 0; j < m->sets[b].nleaves; j++)
			if (m->sets[a].leaves[i] == m->sets[b].leaves[j])
				return true;
	return false;
}

int tt_cell_lessons(const struct tt_model *m, int kind, int who, int day, int period, int *out, int max)
{
	int n = 0;
	for (int i = 0; i < m->nlessons && n < max; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		if (l->day != day || period < l->period || period >= l->period + c->length)
			continue;
		bool in = false;
		switch (kind) {
		case TT_GRID_TEACHER:
			for (int t = 0; t < c->nteachers && !in; t++)
				in = c->teachers[t] == who;
			break;
		case TT_GRID_SET:
			for (int s = 0; s < c->nsets && !in; s++)
				in = sets_meet(m, c->sets[s], who);
			break;
		case TT_GRID_SCHOOL:
			in = c->school == who;
			break;
		case TT_GRID_ROOM:
			in = l->room == who;
			break;
		}
		if (in)
			out[n++] = i;
	}
	return n;
}

int tt_find_ext(const int64_t *ids, int n, int64_t ext)
{
	for (int i = 0; ids && i < n; i++)
		if (ids[i] == ext)
			return i;
	return -1;
}

const char *tt_string(struct tt_model *m, const char *s)
{
	if (m->nstrings == m->capstrings) {
		m->capstrings = m->capstrings ? m->capstrings * 2 : 64;
		m->strings = xrealloc(m->strings, (size_t)m->capstrings * sizeof *m->strings);
	}
	return m->strings[m->nstrings++] = xstrdup(s ? s : "");
}

void tt_model_free(struct tt_model *m)
{
	for (int i = 0; i < m->nstrings; i++)
		free(m->strings[i]);
	free(m->strings);
	for (int i = 0; i < m->nsets; i++)
		free(m->sets[i].leaves);
	for (int i = 0; i < m->ncourses; i++) {
		free(m->courses[i].sets);
		free(m->courses[i].teachers);
		free(m->courses[i].rooms);
		free(m->courses[i].prefs);
		free(m->courses[i].pref_weights);
	}
	for (int i = 0; i < m->nlrules; i++) {
		free(m->lrules[i].lessons);
		free(m->lrules[i].slots);
	}
	free(m->lrules);
	free(m->drules);
	free(m->members);
	free(m->sets);
	free(m->courses);
	free(m->lessons);
	free(m->teachers);
	free(m->rooms);
	free(m->bell);
	free(m->travel);
	free(m->unav_teacher);
	free(m->unav_leaf);
	free(m->unav_room);
	free(m->breaks);
	free(m->soft_teacher);
	free(m->soft_leaf);
	free(m->soft_room);
	free(m->school_names);
	free(m->school_codes);
	free(m->teacher_codes);
	free(m->set_codes);
	free(m->room_codes);
	free(m->subject_codes);
	free(m->day_names);
	free(m->period_names);
	free(m->school_ext);
	free(m->teacher_ext);
	free(m->room_ext);
	free(m->set_ext);
	free(m->lesson_ext);
	memset(m, 0, sizeof *m);
}

struct lesson_tally {
	int lesson, n;
	struct tt_violation *first;
};

static void tally_lesson(void *ctx, const struct tt_violation *v)
{
	struct lesson_tally *t = ctx;
	if (v->a != t->lesson && v->b != t->lesson)
		return;
	if (t->n++ == 0 && t->first)
		*t->first = *v;
}

int tt_lesson_violations(const struct tt_model *m, int i, struct tt_violation *first)
{
	struct lesson_tally t = {i, 0, first};
	tt_check(m, tally_lesson, &t);
	return t.n;
}

/* One cell of the grid: its lessons, each as subject, the others involved and the room. */
void tt_cell_text(const struct tt_model *m, int kind, int who, int d, int p, char *out, size_t size)
{
	int ls[16];
	int n = tt_cell_lessons(m, kind, who, d, p, ls, 16);
	struct strbuf b;
	sb_init(&b);
	for (int i = 0; i < n; i++) {
		const struct tt_lesson *l = &m->lessons[ls[i]];
		const struct tt_course *c = &m->courses[l->course];
		if (i)
			sb_adds(&b, " / ");
		if (kind == TT_GRID_TEACHER) {
			int s, e;
			char t[6];
			if (tt_period_times(m, c->school, p, &s, &e)) {
				clock_format(s, t);
				sb_printf(&b, "%s ", t);
			}
			sb_printf(&b, "%s ", m->school_names[c->school]);
		}
		sb_adds(&b, c->label);
		if (kind != TT_GRID_SET)
			for (int k = 0; k < c->nsets; k++)
				sb_printf(&b, "%s%s", k ? "、" : " ", m->sets[c->sets[k]].name);
		else {
			/* a lesson of a group, or of classes together: whose it is */
			if (c->nsets != 1 || c->sets[0] != who)
				for (int k = 0; k < c->nsets; k++)
					sb_printf(&b, "%s%s%s", k ? "、" : " (", m->sets[c->sets[k]].name,
						k == c->nsets - 1 ? ")" : "");
			for (int k = 0; k < c->nteachers; k++)
				sb_printf(&b, "%s%s", k ? "、" : " ", m->teachers[c->teachers[k]].name);
		}
		if (l->room >= 0 && kind != TT_GRID_ROOM)
			sb_printf(&b, " @%s", m->rooms[l->room].name);
	}
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
}

const char *const tt_drule_words[TT_DR_KINDS] = {"max_gaps_week", "max_gaps_day", "max_days", "max_hours_day",
	"min_hours_day", "max_hours_run", "early_second"};

int tt_drule_kind(const char *word)
{
	for (int i = 0; i < TT_DR_KINDS; i++)
		if (strcmp(tt_drule_words[i], word) == 0)
			return i;
	return -1;
}

const char *const tt_lrule_words[TT_LR_KINDS] = {"min_days", "same_start", "same_day", "not_overlapping",
	"consecutive", "grouped", "ends_day", "start_slots", "time_slots"};

int tt_lrule_kind(const char *word)
{
	for (int i = 0; i < TT_LR_KINDS; i++)
		if (strcmp(tt_lrule_words[i], word) == 0)
			return i;
	return -1;
}

/* ---- what a count proves cannot be placed ---- */

static void prove_one(void (*fn)(void *, const struct tt_proof *), void *ctx, int *n, int kind, int who, int need,
	int have, int limit)
{
	struct tt_proof p = {kind, who, need, have, limit};
	(*n)++;
	if (fn)
		fn(ctx, &p);
}

/* Each of count teachers, atomic sets or rooms needing more periods than the S of the week
 * less its unavailable ones (unav [count][S], or NULL). */
int *tt_leaf_need(const struct tt_model *m)
{
	int *need = xcalloc((size_t)m->nleaves + 1, sizeof *need);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		for (int q = 0; q < c->nsets; q++)
			for (int f = 0; f < m->sets[c->sets[q]].nleaves; f++)
				need[m->sets[c->sets[q]].leaves[f]] += c->length;
	}
	return need;
}

int tt_open_periods(const unsigned char *unav, int w, int S)
{
	int have = S;
	for (int k = 0; unav && k < S; k++)
		have -= unav[w * S + k];
	return have;
}

static void over_free(void (*fn)(void *, const struct tt_proof *), void *ctx, int *n, int kind, const int *need,
	const unsigned char *unav, int count, int S)
{
	for (int w = 0; w < count; w++) {
		int have = tt_open_periods(unav, w, S);
		if (need[w] > have)
			prove_one(fn, ctx, n, kind, w, need[w], have, 0);
	}
}

/* The days (bit d) on which lesson i has a stretch of its length free for all its
 * teachers and students: not unavailable, and with bell times at its school. */
static unsigned open_days(const struct tt_model *m, int i)
{
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	int S = m->days * m->periods;
	unsigned open = 0;
	for (int d = 0; d < m->days && d < 32; d++)
		for (int p = 0; p + c->length <= m->periods && !(open >> d & 1); p++) {
			bool free = true;
			for (int k = 0; k < c->length && free; k++) {
				int slot = d * m->periods + p + k, a, b;
				free = tt_period_times(m, c->school, p + k, &a, &b);
				for (int t = 0; t < c->nteachers && free; t++)
					free = !(m->unav_teacher && m->unav_teacher[c->teachers[t] * S + slot]);
				for (int q = 0; q < c->nsets && free; q++)
					for (int f = 0; f < m->sets[c->sets[q]].nleaves && free; f++)
						free = !(m->unav_leaf && m->unav_leaf[m->sets[c->sets[q]].leaves[f] * S + slot]);
			}
			if (free)
				open |= 1u << d;
		}
	return open;
}

/* The most days among open (bits) at least apart days from one another. */
static int spaced_days(unsigned open, int days, int apart)
{
	int n = 0, last = -1000;
	for (int d = 0; d < days && d < 32; d++)
		if ((open >> d & 1) && d - last >= apart) {
			n++;
			last = d;
		}
	return n;
}

/* Teachers who may change school at most c times a day, so teach at c + 1 schools a day at
 * most: the days their lessons need at each school (a day's periods; the lessons of a
 * course on different days; the lessons of a rule at least a day apart) summed over their
 * schools, against c + 1 times their days with a free period. lessons: [course] its
 * lessons. */
static void school_days(const struct tt_model *m, const int *lessons, void (*fn)(void *, const struct tt_proof *),
	void *ctx, int *n)
{
	int S = m->days * m->periods, nt = m->nteachers;
	int *at = xcalloc((size_t)nt + 2, sizeof *at);
	for (int ci = 0; ci < m->ncourses; ci++)
		for (int t = 0; t < m->courses[ci].nteachers; t++)
			if (m->teachers[m->courses[ci].teachers[t]].max_changes >= 0)
				at[m->courses[ci].teachers[t] + 2]++;
	for (int t = 0; t < nt; t++)
		at[t + 2] += at[t + 1];
	int *of = xcalloc((size_t)at[nt + 1] + 1, sizeof *of);
	for (int ci = 0; ci < m->ncourses; ci++)
		for (int t = 0; t < m->courses[ci].nteachers; t++)
			if (m->teachers[m->courses[ci].teachers[t]].max_changes >= 0)
				of[at[m->courses[ci].teachers[t] + 1]++] = ci;
	/* the lessons of each course in rules at least a day apart */
	int *rat = xcalloc((size_t)m->ncourses + 2, sizeof *rat);
	for (int k = 0; k < m->nlrules; k++) {
		const struct tt_lrule *x = &m->lrules[k];
		if (x->kind == TT_LR_MIN_DAYS && tt_lrule_hard(x) && x->n >= 1)
			for (int q = 0; q < x->nlessons; q++)
				rat[m->lessons[x->lessons[q]].course + 2]++;
	}
	for (int c = 0; c < m->ncourses; c++)
		rat[c + 2] += rat[c + 1];
	int *rof = xcalloc((size_t)rat[m->ncourses + 1] + 1, sizeof *rof);
	for (int k = 0; k < m->nlrules; k++) {
		const struct tt_lrule *x = &m->lrules[k];
		if (x->kind == TT_LR_MIN_DAYS && tt_lrule_hard(x) && x->n >= 1)
			for (int q = 0; q < x->nlessons; q++)
				rof[rat[m->lessons[x->lessons[q]].course + 1]++] = k;
	}
	int *periods = xcalloc((size_t)m->nschools + 1, sizeof *periods);
	int *days = xcalloc((size_t)m->nschools + 1, sizeof *days);
	int *apart = xcalloc((size_t)m->nschools + 1, sizeof *apart);
	int *seen = xcalloc((size_t)m->nlrules + 1, sizeof *seen);
	int *schools = xcalloc((size_t)m->nschools + 1, sizeof *schools);
	int *listed = xmalloc(((size_t)m->nschools + 1) * sizeof *listed); /* the teacher (+ 1) */
	memset(listed, 0, ((size_t)m->nschools + 1) * sizeof *listed);
	for (int t = 0; t < nt; t++) {
		if (at[t + 1] == at[t])
			continue;
		int ns = 0;
		for (int q = at[t]; q < at[t + 1]; q++) {
			const struct tt_course *c = &m->courses[of[q]];
			if (c->school < 0 || c->school >= m->nschools || !lessons[of[q]])
				continue;
			if (listed[c->school] != t + 1) {
				listed[c->school] = t + 1;
				schools[ns++] = c->school;
			}
			periods[c->school] += lessons[of[q]] * c->length;
			int d = c->different_days ? (lessons[of[q]] < m->days ? lessons[of[q]] : m->days) : 1;
			if (d > days[c->school])
				days[c->school] = d;
			/* a rule's lessons this teacher gives at each school fall on as many days */
			for (int r = rat[of[q]]; r < rat[of[q] + 1]; r++) {
				const struct tt_lrule *x = &m->lrules[rof[r]];
				if (seen[rof[r]] == t + 1)
					continue;
				seen[rof[r]] = t + 1;
				for (int l = 0; l < x->nlessons; l++) {
					const struct tt_course *lc = &m->courses[m->lessons[x->lessons[l]].course];
					if (lc->school >= 0 && lc->school < m->nschools && in_list(lc->teachers, lc->nteachers, t))
						apart[lc->school]++;
				}
				for (int l = 0; l < x->nlessons; l++) {
					int sc = m->courses[m->lessons[x->lessons[l]].course].school;
					if (sc < 0 || sc >= m->nschools || !apart[sc])
						continue;
					int k = apart[sc] < m->days ? apart[sc] : m->days;
					if (k > days[sc])
						days[sc] = k;
					apart[sc] = 0;
				}
			}
		}
		int need = 0;
		for (int k = 0; k < ns; k++) {
			int s = schools[k], d = (periods[s] + m->periods - 1) / m->periods;
			need += d > days[s] ? d : days[s];
			periods[s] = days[s] = 0;
		}
		int open = 0;
		for (int d = 0; d < m->days; d++) {
			bool free = false;
			for (int p = 0; p < m->periods && !free; p++)
				free = !(m->unav_teacher && m->unav_teacher[t * S + d * m->periods + p]);
			open += free;
		}
		int c = m->teachers[t].max_changes, have = (c + 1 < ns ? c + 1 : ns) * open;
		if (ns > 1 && need > have)
			prove_one(fn, ctx, n, TT_PROOF_SCHOOL_DAYS, t, need, have, c);
	}
	free(at);
	free(of);
	free(rat);
	free(rof);
	free(periods);
	free(days);
	free(apart);
	free(seen);
	free(schools);
	free(listed);
}

int tt_prove(const struct tt_model *m, void (*fn)(void *ctx, const struct tt_proof *p), void *ctx)
{
	int S = m->days * m->periods, n = 0;
	int *tneed = xcalloc((size_t)m->nteachers + 1, sizeof *tneed);
	int *lneed = tt_leaf_need(m);
	int *rneed = xcalloc((size_t)m->nrooms + 1, sizeof *rneed);
	int *lessons = xcalloc((size_t)m->ncourses + 1, sizeof *lessons);
	for (int i = 0; i < m->nlessons; i++)
		lessons[m->lessons[i].course]++;
	for (int ci = 0; ci < m->ncourses; ci++) {
		const struct tt_course *c = &m->courses[ci];
		int periods = lessons[ci] * c->length;
		for (int t = 0; t < c->nteachers; t++)
			tneed[c->teachers[t]] += periods;
		if (c->nrooms == 1)
			rneed[c->rooms[0]] += periods;
		if (c->different_days && lessons[ci] > m->days)
			prove_one(fn, ctx, &n, TT_PROOF_DAYS, ci, lessons[ci], m->days, 0);
	}
	over_free(fn, ctx, &n, TT_PROOF_TEACHER, tneed, m->unav_teacher, m->nteachers, S);
	over_free(fn, ctx, &n, TT_PROOF_SET, lneed, m->unav_leaf, m->nleaves, S);
	over_free(fn, ctx, &n, TT_PROOF_ROOM, rneed, m->unav_room, m->nrooms, S);
	/* rules on days: hours a day, days a week */
	for (int k = 0; k < m->ndrules; k++) {
		const struct tt_drule *x = &m->drules[k];
		if (x->weight < 100 || (x->kind != TT_DR_MAX_HOURS_DAY && x->kind != TT_DR_MAX_DAYS))
			continue;
		int cap = x->kind == TT_DR_MAX_HOURS_DAY ? x->n * m->days : x->n * m->periods;
		bool teacher = x->teacher >= 0 || x->everyone == 1;
		if (x->kind == TT_DR_MAX_DAYS && !teacher)
			continue;
		if (teacher) {
			for (int t = 0; t < m->nteachers; t++)
				if ((x->teacher < 0 || x->teacher == t) && tneed[t] > cap)
					prove_one(fn, ctx, &n, x->kind == TT_DR_MAX_HOURS_DAY ? TT_PROOF_TEACHER_DAY : TT_PROOF_TEACHER_DAYS,
						t, tneed[t], cap, x->n);
		} else
			for (int f = 0; f < m->nleaves; f++) {
				bool in = x->set < 0;
				for (int q = 0; !in && q < m->sets[x->set].nleaves; q++)
					in = m->sets[x->set].leaves[q] == f;
				if (in && lneed[f] > cap)
					prove_one(fn, ctx, &n, TT_PROOF_SET_DAY, f, lneed[f], cap, x->n);
			}
	}
	/* lessons at least n days apart: the week long enough, and enough days with a free
	 * stretch for their teachers and students */
	for (int k = 0; k < m->nlrules; k++) {
		const struct tt_lrule *x = &m->lrules[k];
		if (x->kind != TT_LR_MIN_DAYS || !tt_lrule_hard(x) || x->nlessons < 2 || x->n < 1)
			continue;
		if ((x->nlessons - 1) * x->n + 1 > m->days) {
			prove_one(fn, ctx, &n, TT_PROOF_MIN_DAYS, k, (x->nlessons - 1) * x->n + 1, m->days, x->n);
			continue;
		}
		unsigned open = 0;
		for (int q = 0; q < x->nlessons; q++)
			open |= open_days(m, x->lessons[q]);
		int have = spaced_days(open, m->days, x->n);
		if (have < x->nlessons)
			prove_one(fn, ctx, &n, TT_PROOF_OPEN_DAYS, k, x->nlessons, have, x->n);
	}
	unsigned *open = xcalloc((size_t)m->ncourses + 1, sizeof *open);
	bool *seen = xcalloc((size_t)m->ncourses + 1, sizeof *seen);
	for (int i = 0; i < m->nlessons; i++) {
		int ci = m->lessons[i].course;
		/* a course's lessons share teachers and students: the first one tells */
		if (m->courses[ci].different_days && lessons[ci] >= 2 && lessons[ci] <= m->days && !seen[ci]) {
			open[ci] = open_days(m, i);
			seen[ci] = true;
		}
	}
	for (int ci = 0; ci < m->ncourses; ci++) {
		int have = spaced_days(open[ci], m->days, 1);
		if (seen[ci] && have < lessons[ci])
			prove_one(fn, ctx, &n, TT_PROOF_COURSE_DAYS, ci, lessons[ci], have, 1);
	}
	free(open);
	free(seen);
	school_days(m, lessons, fn, ctx, &n);
	free(tneed);
	free(lneed);
	free(rneed);
	free(lessons);
	return n;
}

void tt_proof_text(const struct tt_model *m, const struct tt_proof *p, char *out, size_t size)
{
	char name[256];
	switch (p->kind) {
	case TT_PROOF_TEACHER:
		snprintf(out, size, _("%s has %d periods of lessons and %d periods free in the week"),
			m->teachers[p->who].name, p->need, p->have);
		break;
	case TT_PROOF_SET:
		tt_leaf_name(m, p->who, name, sizeof name);
		snprintf(out, size, _("%s has %d periods of lessons and %d periods free in the week"), name, p->need,
			p->have);
		break;
	case TT_PROOF_ROOM:
		snprintf(out, size, _("room %s is the only room for %d periods of lessons and has %d periods free"),
			m->rooms[p->who].name, p->need, p->have);
		break;
	case TT_PROOF_DAYS:
		snprintf(out, size, _("%s has %d lessons to fall on different days, and the week has %d days"),
			m->courses[p->who].label, p->need, p->have);
		break;
	case TT_PROOF_TEACHER_DAY:
		snprintf(out, size, _("%s has %d periods of lessons, and at most %d a day make %d in the week"),
			m->teachers[p->who].name, p->need, p->limit, p->have);
		break;
	case TT_PROOF_SET_DAY:
		tt_leaf_name(m, p->who, name, sizeof name);
		snprintf(out, size, _("%s has %d periods of lessons, and at most %d a day make %d in the week"), name,
			p->need, p->limit, p->have);
		break;
	case TT_PROOF_TEACHER_DAYS:
		snprintf(out, size, _("%s has %d periods of lessons, and at most %d days make %d periods"),
			m->teachers[p->who].name, p->need, p->limit, p->have);
		break;
	case TT_PROOF_MIN_DAYS: {
		const struct tt_lrule *x = &m->lrules[p->who];
		char a[256];
		lesson_text(m, x->lessons[0], a, sizeof a);
		snprintf(out, size, _("%d lessons (%s …) at least %d days apart need %d days, and the week has %d"),
			x->nlessons, a, x->n, p->need, p->have);
		break;
	}
	case TT_PROOF_OPEN_DAYS: {
		const struct tt_lrule *x = &m->lrules[p->who];
		char a[256];
		lesson_text(m, x->lessons[0], a, sizeof a);
		snprintf(out, size, _("%d lessons (%s …) are to fall at least %d days apart, and only %d such days have a free period for their teachers and students"),
			p->need, a, p->limit, p->have);
		break;
	}
	case TT_PROOF_COURSE_DAYS:
		snprintf(out, size, _("%s has %d lessons to fall on different days, and only %d days have a free period for its teachers and students"),
			m->courses[p->who].label, p->need, p->have);
		break;
	case TT_PROOF_SCHOOL_DAYS:
		snprintf(out, size, _("%s's lessons need %d days at their schools in all (a day's periods, lessons on different days), and changing school at most %d times a day the week holds %d"),
			m->teachers[p->who].name, p->need, p->limit, p->have);
		break;
	default:
		snprintf(out, size, "?");
	}
}
