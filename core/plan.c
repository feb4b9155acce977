/* plan.c: the exchange planner, an optimisation over a flow network.
 *
 * Model. Nodes and arcs:
 *   S -> s_i   one node per sending school i (plan_is_source, position known), capacity
 *              plan_out_capacity(i): never more than max_out_ratio of its teachers away;
 *   s_i -> g   one node per group of interchangeable candidates at school i (same backbone
 *              flag, same needed subjects), capacity the group's size;
 *   g -> k     one node per need k = (school, subject) that members of g teach, at another
 *              school, in the same district unless allow_cross_district; capacity the
 *              need, cost the distance between the schools in whole metres;
 *   k -> T     capacity the need.
 * Integral flows of value F = max(missing, missing_backbone) are exactly the plans of F
 * moves, and a flow's cost is the plan's total travel. The backbone quota is one side
 * constraint: at least B = missing_backbone units through backbone groups, i.e. at most
 * F - B through the others. Those arcs form no cut, so the constraint is not a capacity.
 *
 * Solution. The side constraint is relaxed with a penalty lambda >= 0 per non-backbone
 * move:  L(lambda) = min over flows x of value F of [cost(x) + lambda * nb(x)]
 *                    - lambda * (F - B),
 * each a min-cost flow (mcf.c). Every L(lambda) is a lower bound on the best plan, and
 * the largest is the LP relaxation's optimum (the rest of the problem is a network, so
 * its LP is integral). L is concave and piecewise linear; its maximum is found by the
 * cutting-plane (Newton) search: start from lambda = 0 (too few backbone moves) and a
 * lambda so large that backbone moves are maximised, evaluate L at the exact rational
 * lambda where the two ends' lines cross, let the new solution replace the end on its
 * side, and stop when no solution beats the crossing. There both ends are cheapest for
 * the penalised cost, and so is every flow between them (the end with too many backbone
 * moves less some of the zero-cost cycles of the difference, mcf_cycles); along them
 * the true cost falls by lambda per backbone move given up, so cycles are taken out
 * while at least B remain (repair). The plan returned is the cheapest seen with at least
 * B backbone moves; its excess over the bound is at most lambda * (its backbone moves -
 * B), 0 when exactly B are reached, and is reported as the gap. Greedy choices never
 * decide the plan: each evaluation is an exact min-cost flow.
 *
 * When F moves cannot all be placed, the plan is a largest one, with as many backbone
 * moves as such a plan can have, and the quota is reported as not met.
 *
 * Deterministic: nodes are numbered in id order, the solver breaks ties by node number,
 * teachers within a group are taken by id.
 */
#include "core/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/mcf.h"

/* ---- subjects ---- */

/* The next subject of a list into out; false at the end. */
/* The length of the separator s starts with, 0 when none. */
static size_t subject_sep(const char *s)
{
	/* ; , space tab, and the full-width ；，、 and / */
	switch ((unsigned char)s[0]) {
	case ';': case ',': case '/': case ' ': case '\t':
		return 1;
	case 0xef: /* ；U+FF1B and ，U+FF0C */
		return (unsigned char)s[1] == 0xbc &&
		       ((unsigned char)s[2] == 0x9b || (unsigned char)s[2] == 0x8c) ? 3 : 0;
	case 0xe3: /* 、U+3001 */
		return (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x81 ? 3 : 0;
	default:
		return 0;
	}
}

static bool next_subject(const char **sp, char out[PLAN_SUBJECT_LEN])
{
	const char *s = *sp;
	for (size_t n; (n = subject_sep(s)) != 0;)
		s += n;
	if (!*s) {
		*sp = s;
		return false;
	}
	const char *start = s;
	while (*s && !subject_sep(s))
		s++;
	size_t len = (size_t)(s - start);
	if (len >= PLAN_SUBJECT_LEN)
		len = PLAN_SUBJECT_LEN - 1;
	memcpy(out, start, len);
	out[len] = '\0';
	*sp = s;
	return true;
}

bool plan_subject_in(const char *list, const char *subject)
{
	char tok[PLAN_SUBJECT_LEN];
	while (next_subject(&list, tok))
		if (strcmp(tok, subject) == 0)
			return true;
	return false;
}

/* A table of distinct subjects, kept sorted: a county's teachers name a few dozen
 * subjects tens of thousands of times, so each is looked up and only a new one inserted. */
struct subjects {
	char (*name)[PLAN_SUBJECT_LEN];
	int n, cap;
};

static void subjects_add(struct subjects *u, const char *s)
{
	int lo = 0, hi = u->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strcmp(u->name[mid], s);
		if (c == 0)
			return;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->name = xrealloc(u->name, (size_t)u->cap * sizeof *u->name);
	}
	memmove(u->name[lo + 1], u->name[lo], (size_t)(u->n - lo) * sizeof *u->name);
	xq_copy(u->name[lo], PLAN_SUBJECT_LEN, s);
	u->n++;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static int subjects_find(const struct subjects *u, const char *s)
{
	if (!u->n)
		return -1;
	const char(*hit)[PLAN_SUBJECT_LEN] =
		bsearch(s, u->name, (size_t)u->n, sizeof *u->name, cmp_name);
	return hit ? (int)(hit - u->name) : -1;
}

/* ---- schools ---- */

bool plan_is_source(const struct plan_school *s)
{
	return s->lead || (s->staff_quota >= 0 && s->teachers > s->staff_quota);
}

long plan_out_capacity(const struct plan_school *s, double max_out_ratio)
{
	if (!(max_out_ratio > 0) || s->teachers <= 0)
		return 0;
	long cap = (long)floor(max_out_ratio * (double)s->teachers + 1e-9) - s->away;
	return cap > 0 ? cap : 0;
}

static bool has_position(const struct plan_school *s)
{
	return !isnan(s->lat) && !isnan(s->lon);
}

/* Schools by id, for lookups. */
struct school_key {
	int64_t id;
	int at; /* index into the schools */
};
struct school_index {
	struct school_key *keys;
	int n;
};

static int cmp_school_key(const void *a, const void *b)
{
	int64_t x = ((const struct school_key *)a)->id, y = ((const struct school_key *)b)->id;
	return (x > y) - (x < y);
}

/* False when an id is listed twice. */
static bool index_schools(struct school_index *ix, const struct plan_school *s, int n)
{
	ix->n = n > 0 ? n : 0;
	ix->keys = xcalloc((size_t)ix->n + 1, sizeof *ix->keys);
	for (int i = 0; i < ix->n; i++)
		ix->keys[i] = (struct school_key){s[i].id, i};
	qsort(ix->keys, (size_t)ix->n, sizeof *ix->keys, cmp_school_key);
	for (int i = 1; i < ix->n; i++)
		if (ix->keys[i].id == ix->keys[i - 1].id)
			return false;
	return true;
}

/* Index into the schools of id, -1 when unknown. */
static int school_find(const struct school_index *ix, int64_t id)
{
	struct school_key k = {id, 0};
	const struct school_key *hit =
		bsearch(&k, ix->keys, (size_t)ix->n, sizeof *ix->keys, cmp_school_key);
	return hit ? hit->at : -1;
}

/* ---- shortages ---- */

static int cmp_need(const void *a, const void *b)
{
	const struct plan_need *x = a, *y = b;
	if (x->school_id != y->school_id)
		return x->school_id < y->school_id ? -1 : 1;
	return strcmp(x->subject, y->subject);
}

/* A teacher's subjects as indices of the table, remembered by the text's address: a
 * county's teachers share a few dozen subject texts (their callers keep one copy of each),
 * so most are split and looked up once. */
#define MEMO_SIZE 1024
struct subj_memo {
	const char *key;
	int k, idx[16];
};

static const struct subj_memo *subjects_of(struct subj_memo *memo, const struct subjects *u,
	const char *list)
{
	struct subj_memo *m = &memo[((uintptr_t)list >> 3) % MEMO_SIZE];
	if (m->key == list && list)
		return m;
	m->key = list;
	m->k = 0;
	char tok[PLAN_SUBJECT_LEN];
	for (const char *p = list; next_subject(&p, tok);) {
		if (m->k == (int)XQ_NELEM(m->idx)) {
			m->key = NULL; /* more than it holds: each, as it comes */
			m->k = -1;
			return m;
		}
		m->idx[m->k++] = subjects_find(u, tok);
	}
	return m;
}

int plan_needs_derive(const struct plan_school *schools, int nschools,
	const struct plan_teacher *all, int nall, struct plan_need **needs)
{
	struct subjects u = {0};
	char tok[PLAN_SUBJECT_LEN];
	const char **seen = xcalloc(MEMO_SIZE, sizeof *seen);
	for (int i = 0; i < nall; i++) {
		const char **h = &seen[((uintptr_t)all[i].subjects >> 3) % MEMO_SIZE];
		if (*h == all[i].subjects && *h)
			continue; /* its subjects are in the table */
		*h = all[i].subjects;
		for (const char *p = all[i].subjects; next_subject(&p, tok);)
			subjects_add(&u, tok);
	}
	free(seen);
	struct school_index ix;
	index_schools(&ix, schools, nschools);
	size_t ns = (size_t)(nschools > 0 ? nschools : 0), nu = (size_t)u.n;
	double *have = xcalloc(ns * nu + 1, sizeof *have), *share = xcalloc(nu + 1, sizeof *share);
	struct subj_memo *memo = xcalloc(MEMO_SIZE, sizeof *memo);
	double total = 0;
	for (int i = 0; i < nall; i++) {
		const struct subj_memo *m = subjects_of(memo, &u, all[i].subjects);
		int k = m->k;
		if (k < 0) { /* more than the memo holds: counted and looked up as they come */
			k = 0;
			for (const char *p = all[i].subjects; next_subject(&p, tok);)
				k++;
		}
		if (!k)
			continue;
		int si = school_find(&ix, all[i].school_id);
		if (m->k >= 0) {
			for (int q = 0; q < m->k; q++) {
				share[m->idx[q]] += 1.0 / k;
				if (si >= 0)
					have[(size_t)si * nu + (size_t)m->idx[q]] += 1.0 / k;
			}
		} else {
			for (const char *p = all[i].subjects; next_subject(&p, tok);) {
				int j = subjects_find(&u, tok);
				share[j] += 1.0 / k;
				if (si >= 0)
					have[(size_t)si * nu + (size_t)j] += 1.0 / k;
			}
		}
		total += 1;
	}
	free(memo);
	struct plan_need *out = xcalloc(ns * nu + 1, sizeof *out);
	int n = 0;
	for (size_t i = 0; i < ns && total > 0; i++) {
		const struct plan_school *s = &schools[i];
		long base = s->staff_quota >= 0 ? s->staff_quota : s->teachers;
		for (size_t j = 0; j < nu && base > 0; j++) {
			double expected = (double)base * share[j] / total;
			long short_by = (long)floor(expected - have[i * nu + j] + 0.5);
			if (short_by <= 0)
				continue;
			out[n].school_id = s->id;
			xq_copy(out[n].subject, PLAN_SUBJECT_LEN, u.name[j]);
			out[n++].count = short_by;
		}
	}
	qsort(out, (size_t)n, sizeof *out, cmp_need);
	free(have);
	free(share);
	free(ix.keys);
	free(u.name);
	*needs = out;
	return n;
}

/* ---- the network ---- */

struct cand {
	const struct plan_teacher *t;
	int school;   /* index into the schools */
	int nsubj, subj[16]; /* the needed subjects it teaches: indices, ascending */
};

struct group {
	int school, src, first, n; /* members: cands[first .. first + n) */
	bool bb;
	int arc, node;
};

struct sink {
	int64_t school_id;
	const char *subject; /* in the subject table */
	int school, subj, node, arc;
	long count;
};

struct link {
	int group, sink, arc;
	int64_t metres, cost; /* cost: metres in model units */
};

struct sol {
	int64_t flow, c, nb, bb;
	int64_t *af; /* flow per arc of the network */
};

struct net {
	const struct plan_input *in;
	struct mcf *g;
	struct cand *cands;
	struct group *groups;
	struct sink *sinks;
	struct link *links;
	int ncands, ngroups, nsinks, nlinks, nnodes, nsrc, narcs;
	char *arc_bb; /* 1 for the arcs into backbone groups */
	int64_t F, B;
	int64_t unit; /* metres per unit of cost */
};

/* The needed subjects two candidates teach, in the order of their lists (a list before
 * the longer ones it begins). */
static int cmp_subjects(const struct cand *x, const struct cand *y)
{
	for (int k = 0; k < x->nsubj && k < y->nsubj; k++)
		if (x->subj[k] != y->subj[k])
			return x->subj[k] < y->subj[k] ? -1 : 1;
	return (x->nsubj > y->nsubj) - (x->nsubj < y->nsubj);
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->t->school_id != y->t->school_id)
		return x->t->school_id < y->t->school_id ? -1 : 1;
	if (x->t->backbone != y->t->backbone)
		return x->t->backbone ? -1 : 1;
	int c = cmp_subjects(x, y);
	if (c)
		return c;
	return (x->t->id > y->t->id) - (x->t->id < y->t->id);
}

static int cmp_sink(const void *a, const void *b)
{
	const struct sink *x = a, *y = b;
	if (x->school_id != y->school_id)
		return x->school_id < y->school_id ? -1 : 1;
	return strcmp(x->subject, y->subject);
}

/* A sink found by its subject and district (0 when districts do not matter). */
struct sink_key {
	int subj;
	int64_t district;
	int k;
};

static int cmp_sink_key(const void *a, const void *b)
{
	const struct sink_key *x = a, *y = b;
	if (x->subj != y->subj)
		return x->subj < y->subj ? -1 : 1;
	if (x->district != y->district)
		return x->district < y->district ? -1 : 1;
	return (x->k > y->k) - (x->k < y->k);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Total cost and backbone and other moves of a plan given by its link flows. */
static void recount(const struct net *nt, struct sol *s)
{
	s->c = s->nb = s->bb = s->flow = 0;
	for (int i = 0; i < nt->nlinks; i++) {
		int64_t f = s->af[nt->links[i].arc];
		s->c += f * nt->links[i].cost;
		s->flow += f;
		if (nt->groups[nt->links[i].group].bb)
			s->bb += f;
		else
			s->nb += f;
	}
}

/* Solve at penalty p/q per non-backbone move (distances scaled by q). */
static void evaluate(struct net *nt, int64_t p, int64_t q, struct sol *out)
{
	mcf_reset(nt->g);
	for (int i = 0; i < nt->nlinks; i++)
		mcf_set_cost(nt->g, nt->links[i].arc, nt->links[i].cost * q);
	for (int i = 0; i < nt->ngroups; i++)
		mcf_set_cost(nt->g, nt->groups[i].arc, nt->groups[i].bb ? 0 : p);
	int64_t total;
	mcf_solve(nt->g, 0, 1, nt->F, &total);
	mcf_flows(nt->g, out->af);
	recount(nt, out);
}

static void sol_copy(struct sol *dst, const struct sol *src, int narcs)
{
	int64_t *af = dst->af;
	*dst = *src;
	dst->af = af;
	memcpy(dst->af, src->af, sizeof *af * (size_t)(narcs ? narcs : 1));
}

static int64_t gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static int cmp_move(const void *a, const void *b)
{
	const struct plan_move *x = a, *y = b;
	if (x->from_school_id != y->from_school_id)
		return x->from_school_id < y->from_school_id ? -1 : 1;
	if (x->to_school_id != y->to_school_id)
		return x->to_school_id < y->to_school_id ? -1 : 1;
	return (x->teacher_id > y->teacher_id) - (x->teacher_id < y->teacher_id);
}

/* Build sinks, candidate groups, links and the graph. */
static void build(struct net *nt, const struct school_index *ix, struct subjects *u,
	struct plan_result *out)
{
	const struct plan_input *in = nt->in;
	const struct plan_school *S = in->schools;
	bool *skipped = xcalloc((size_t)in->nschools + 1, sizeof *skipped);
	/* needs, merged per school and subject */
	nt->sinks = xcalloc((size_t)in->nneeds + 1, sizeof *nt->sinks);
	for (int i = 0; i < in->nneeds; i++) {
		int si = school_find(ix, in->needs[i].school_id);
		if (si < 0 || in->needs[i].count <= 0)
			continue;
		if (!has_position(&S[si])) {
			skipped[si] = true;
			continue;
		}
		subjects_add(u, in->needs[i].subject);
	}
	for (int i = 0; i < in->nneeds; i++) {
		int si = school_find(ix, in->needs[i].school_id);
		if (si < 0 || in->needs[i].count <= 0 || !has_position(&S[si]))
			continue;
		int j = subjects_find(u, in->needs[i].subject);
		nt->sinks[nt->nsinks++] = (struct sink){.school_id = S[si].id,
			.subject = u->name[j], .school = si, .subj = j, .count = in->needs[i].count};
	}
	/* one sink per school and subject: the needs sorted, equal ones summed */
	qsort(nt->sinks, (size_t)nt->nsinks, sizeof *nt->sinks, cmp_sink);
	int nsinks = 0;
	for (int k = 0; k < nt->nsinks; k++) {
		struct sink *last = nsinks ? &nt->sinks[nsinks - 1] : NULL;
		if (last && last->school == nt->sinks[k].school && last->subj == nt->sinks[k].subj)
			last->count += nt->sinks[k].count;
		else
			nt->sinks[nsinks++] = nt->sinks[k];
	}
	nt->nsinks = nsinks;

	/* candidates at sending schools that teach a needed subject */
	nt->cands = xcalloc((size_t)in->ncandidates + 1, sizeof *nt->cands);
	for (int i = 0; i < in->ncandidates; i++) {
		int si = school_find(ix, in->candidates[i].school_id);
		if (si < 0 || !plan_is_source(&S[si]) ||
		    plan_out_capacity(&S[si], in->max_out_ratio) <= 0)
			continue;
		if (!has_position(&S[si])) {
			skipped[si] = true;
			continue;
		}
		struct cand *c = &nt->cands[nt->ncands];
		c->t = &in->candidates[i];
		c->school = si;
		char tok[PLAN_SUBJECT_LEN];
		for (const char *p = c->t->subjects; next_subject(&p, tok);) {
			int j = subjects_find(u, tok);
			if (j < 0 || c->nsubj == (int)XQ_NELEM(c->subj))
				continue;
			int k = c->nsubj;
			while (k > 0 && c->subj[k - 1] > j)
				k--;
			if (k > 0 && c->subj[k - 1] == j)
				continue;
			memmove(&c->subj[k + 1], &c->subj[k], sizeof *c->subj * (size_t)(c->nsubj - k));
			c->subj[k] = j;
			c->nsubj++;
		}
		if (c->nsubj)
			nt->ncands++;
	}
	qsort(nt->cands, (size_t)nt->ncands, sizeof *nt->cands, cmp_cand);
	for (int i = 0; i < in->nschools; i++)
		out->skipped_schools += skipped[i];
	free(skipped);

	/* groups, sources, nodes: S = 0, T = 1, sources, groups, sinks */
	nt->groups = xcalloc((size_t)nt->ncands + 1, sizeof *nt->groups);
	int nsrc = 0;
	for (int i = 0; i < nt->ncands; i++) {
		const struct cand *c = &nt->cands[i];
		struct group *g = nt->ngroups ? &nt->groups[nt->ngroups - 1] : NULL;
		if (g && g->school == c->school && g->bb == c->t->backbone &&
		    cmp_subjects(&nt->cands[g->first], c) == 0) {
			g->n++;
			continue;
		}
		int src = g && g->school == c->school ? g->src : nsrc++;
		nt->groups[nt->ngroups++] = (struct group){.school = c->school, .src = src,
			.first = i, .n = 1, .bb = c->t->backbone};
	}
	nt->nsrc = nsrc;
	nt->nnodes = 2 + nsrc + nt->ngroups + nt->nsinks;
	nt->g = mcf_new(nt->nnodes);
	for (int i = 0; i < nt->ngroups; i++) {
		struct group *g = &nt->groups[i];
		g->node = 2 + nsrc + i;
		if (i == 0 || g->src != nt->groups[i - 1].src)
			mcf_add_arc(nt->g, 0, 2 + g->src, plan_out_capacity(&S[g->school],
				in->max_out_ratio), 0);
		g->arc = mcf_add_arc(nt->g, 2 + g->src, g->node, g->n, 0);
	}
	for (int k = 0; k < nt->nsinks; k++) {
		nt->sinks[k].node = 2 + nsrc + nt->ngroups + k;
		nt->sinks[k].arc = mcf_add_arc(nt->g, nt->sinks[k].node, 1, nt->sinks[k].count, 0);
	}
	/* links */
	int cap = 64;
	nt->links = xmalloc(sizeof *nt->links * (size_t)cap);
	/* the sinks by subject and district, so that a group meets only the sinks it may
	 * serve, still in the order of their numbers */
	struct sink_key *by = xmalloc(sizeof *by * ((size_t)nt->nsinks + 1));
	for (int k = 0; k < nt->nsinks; k++)
		by[k] = (struct sink_key){nt->sinks[k].subj,
			in->allow_cross_district ? 0 : S[nt->sinks[k].school].district_id, k};
	qsort(by, (size_t)nt->nsinks, sizeof *by, cmp_sink_key);
	int *ks = xmalloc(sizeof *ks * ((size_t)nt->nsinks + 1));
	for (int i = 0; i < nt->ngroups; i++) {
		const struct group *g = &nt->groups[i];
		const struct cand *c = &nt->cands[g->first];
		const struct plan_school *a = &S[g->school];
		if (!in->allow_cross_district && a->district_id <= 0)
			continue;
		int nks = 0;
		for (int j = 0; j < c->nsubj; j++) {
			struct sink_key key = {c->subj[j], in->allow_cross_district ? 0 : a->district_id, -1};
			int lo = 0, hi = nt->nsinks;
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				if (cmp_sink_key(&by[mid], &key) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < nt->nsinks && by[lo].subj == key.subj && by[lo].district == key.district; lo++)
				ks[nks++] = by[lo].k;
		}
		qsort(ks, (size_t)nks, sizeof *ks, cmp_int);
		for (int x = 0; x < nks; x++) {
			int k = ks[x];
			const struct sink *sk = &nt->sinks[k];
			const struct plan_school *b = &S[sk->school];
			if (sk->school == g->school)
				continue;
			if (nt->nlinks == cap) {
				cap *= 2;
				nt->links = xrealloc(nt->links, sizeof *nt->links * (size_t)cap);
			}
			double km = exchange_distance_km(a->lat, a->lon, b->lat, b->lon);
			struct link *l = &nt->links[nt->nlinks++];
			l->group = i;
			l->sink = k;
			l->metres = llround(km * 1000);
			l->cost = l->metres;
			l->arc = mcf_add_arc(nt->g, g->node, sk->node,
				g->n < sk->count ? g->n : sk->count, l->cost);
		}
	}
	free(by);
	free(ks);
	nt->narcs = mcf_arcs(nt->g);
	nt->arc_bb = xcalloc((size_t)nt->narcs + 1, 1);
	for (int i = 0; i < nt->ngroups; i++)
		nt->arc_bb[nt->groups[i].arc] = nt->groups[i].bb;
}

/* Costs in units of whole metres, or of 10, 100 ... metres when a county is so large that
 * sums along paths (at most nodes × F × F × the longest distance) could overflow. */
static void choose_unit(struct net *nt)
{
	int64_t longest = 0;
	for (int i = 0; i < nt->nlinks; i++)
		if (nt->links[i].metres > longest)
			longest = nt->links[i].metres;
	double f = nt->F > 0 ? (double)nt->F : 1;
	nt->unit = 1;
	while (8.0 * (nt->nnodes + 2) * f * f * ((double)longest / (double)nt->unit + 1) > 4e18)
		nt->unit *= 10;
	for (int i = 0; i < nt->nlinks; i++)
		nt->links[i].cost = (nt->links[i].metres + nt->unit / 2) / nt->unit;
}

/* The moves of a solution, teachers of each group taken by id. */
static void emit(const struct net *nt, const struct sol *s, const struct subjects *u,
	struct plan_result *out)
{
	const struct plan_school *S = nt->in->schools;
	out->moves = xcalloc((size_t)s->flow + 1, sizeof *out->moves);
	int *used = xcalloc((size_t)nt->ngroups + 1, sizeof *used);
	for (int i = 0; i < nt->nlinks; i++) {
		const struct link *l = &nt->links[i];
		const struct group *g = &nt->groups[l->group];
		for (int64_t f = 0; f < s->af[l->arc]; f++) {
			const struct cand *c = &nt->cands[g->first + used[l->group]++];
			struct plan_move *m = &out->moves[out->nmoves++];
			m->teacher_id = c->t->id;
			m->from_school_id = S[g->school].id;
			m->to_school_id = S[nt->sinks[l->sink].school].id;
			xq_copy(m->subject, PLAN_SUBJECT_LEN, u->name[nt->sinks[l->sink].subj]);
			m->backbone = g->bb;
			m->km = (double)l->metres / 1000.0;
			out->total_km += m->km;
			out->backbone_moves += g->bb;
		}
	}
	free(used);
	qsort(out->moves, (size_t)out->nmoves, sizeof *out->moves, cmp_move);
}

static void net_free(struct net *nt)
{
	mcf_free(nt->g);
	free(nt->arc_bb);
	free(nt->cands);
	free(nt->groups);
	free(nt->sinks);
	free(nt->links);
}

/* When lo and hi are both cheapest at the last penalty, every plan between them -- hi
 * less some of the zero-cost cycles that make up hi - lo -- is cheapest too, and there
 * the true cost falls with each backbone move given up. So walk from hi towards lo,
 * taking out cycles that give up backbone moves while at least B remain (larger steps
 * first); reaching exactly B meets the lower bound. Result in out. */
static void repair(const struct net *nt, const struct sol *lo, const struct sol *hi,
	struct sol *out)
{
	struct mcf_cycles c;
	mcf_cycles(nt->g, hi->af, lo->af, &c);
	sol_copy(out, hi, nt->narcs);
	int *delta = xcalloc((size_t)c.n + 1, sizeof *delta), most = 0;
	for (int i = 0; i < c.n; i++) {
		for (int j = c.start[i]; j < c.start[i + 1]; j++)
			delta[i] += c.dir[j] * nt->arc_bb[c.arc[j]];
		if (delta[i] > most)
			most = delta[i];
	}
	int64_t bb = hi->bb;
	for (int want = most; want > 0; want--) /* the largest steps first */
		for (int i = 0; i < c.n && bb > nt->B; i++) {
			if (delta[i] != want)
				continue;
			int64_t k = (bb - nt->B) / want;
			if (k > c.amount[i])
				k = c.amount[i];
			for (int j = c.start[i]; j < c.start[i + 1]; j++)
				out->af[c.arc[j]] -= c.dir[j] * k;
			bb -= k * want;
		}
	recount(nt, out);
	free(delta);
	mcf_cycles_free(&c);
}

/* The Lagrangian search; fills best and returns the lower bound in model units (NAN when
 * the quotas cannot be met). */
static double search(struct net *nt, struct sol *best, struct sol *lo, struct sol *hi,
	struct sol *m)
{
	int64_t F = nt->F, B = nt->B, maxc = 0;
	for (int i = 0; i < nt->nlinks; i++)
		if (nt->links[i].cost > maxc)
			maxc = nt->links[i].cost;
	evaluate(nt, 0, 1, lo);
	if (lo->flow < F || lo->bb >= B) {
		if (lo->flow < F) /* as many moves as can be, as many backbone as can be */
			evaluate(nt, F * maxc + 1, 1, lo);
		sol_copy(best, lo, nt->narcs);
		return lo->flow < F ? NAN : (double)lo->c;
	}
	int64_t big = F * maxc + 1; /* above any difference in total distance */
	evaluate(nt, big, 1, hi);
	sol_copy(best, hi, nt->narcs);
	if (hi->bb < B)
		return NAN;
	double bound = (double)lo->c;
	double at_big = (double)hi->c - (double)big * (double)(hi->bb - B);
	if (at_big > bound)
		bound = at_big;
	for (int iter = 0; iter < 100; iter++) {
		/* the lines c + lambda * nb of lo and hi cross at p / q */
		int64_t p = hi->c - lo->c, q = lo->nb - hi->nb, d = gcd64(p, q);
		if (q <= 0)
			break;
		if (d > 1) {
			p /= d;
			q /= d;
		}
		evaluate(nt, p, q, m);
		int64_t v = m->c * q + p * m->nb, line = lo->c * q + p * lo->nb;
		double lb = ((double)v - (double)p * (double)(F - B)) / (double)q;
		if (lb > bound)
			bound = lb;
		if (m->flow < F)
			break;
		if (v >= line) { /* lo and hi are both cheapest at p / q */
			repair(nt, lo, hi, m);
			if (m->bb >= B && m->c < best->c)
				sol_copy(best, m, nt->narcs);
			break;
		}
		if (m->bb >= B) {
			sol_copy(hi, m, nt->narcs);
			if (m->c < best->c)
				sol_copy(best, m, nt->narcs);
		} else {
			sol_copy(lo, m, nt->narcs);
		}
	}
	return bound;
}

int plan_solve(const struct plan_input *in, struct plan_result *out, char *msg)
{
	memset(out, 0, sizeof *out);
	out->lower_bound_km = out->gap_km = NAN;
	if (in->nschools < 0 || in->ncandidates < 0 || in->nneeds < 0 || in->missing < 0 ||
	    in->missing_backbone < -1 || (in->nschools && !in->schools) ||
	    (in->ncandidates && !in->candidates) || (in->nneeds && !in->needs)) {
		xq_msg(msg, "%s", _("plan: bad input"));
		return XQ_MISUSE;
	}
	struct school_index ix;
	if (!index_schools(&ix, in->schools, in->nschools)) {
		free(ix.keys);
		xq_msg(msg, "%s", _("plan: a school is listed twice"));
		return XQ_MISUSE;
	}
	bool bb_unreachable = in->missing_backbone < 0;
	long F = in->missing > in->missing_backbone ? in->missing : in->missing_backbone;
	struct net nt = {.in = in, .F = F, .B = bb_unreachable ? F : in->missing_backbone};
	out->target = F;
	out->target_backbone = in->missing_backbone;
	struct subjects u = {0};
	build(&nt, &ix, &u, out);
	choose_unit(&nt);
	size_t na = (size_t)nt.narcs + 1;
	struct sol best = {.af = xcalloc(na, sizeof(int64_t))},
		   lo = {.af = xcalloc(na, sizeof(int64_t))},
		   hi = {.af = xcalloc(na, sizeof(int64_t))},
		   m = {.af = xcalloc(na, sizeof(int64_t))};
	double bound = F > 0 ? search(&nt, &best, &lo, &hi, &m) : 0;
	emit(&nt, &best, &u, out);
	out->quota_met = out->nmoves >= in->missing;
	out->backbone_met = !bb_unreachable && out->backbone_moves >= in->missing_backbone;
	if (out->quota_met && out->backbone_met && !isnan(bound)) {
		/* back to metres; rounding to coarser units may have saved F half-units */
		double slack = nt.unit > 1 ? (double)F * (double)nt.unit / 2 : 0;
		out->lower_bound_km = (bound * (double)nt.unit - slack) / 1000.0;
		if (out->lower_bound_km < 0)
			out->lower_bound_km = 0;
		if (out->lower_bound_km > out->total_km)
			out->lower_bound_km = out->total_km;
		out->gap_km = out->total_km - out->lower_bound_km;
	}
	if (!out->quota_met)
		xq_msg(out->note, _("only %d of the %ld exchanges needed can be planned: sending "
				    "schools, their max_out_ratio room, or matching shortages run out"),
			out->nmoves, in->missing);
	else if (bb_unreachable)
		xq_msg(out->note, "%s", _("the backbone quota cannot be reached by adding exchanges"));
	else if (!out->backbone_met)
		xq_msg(out->note, _("only %ld of the %ld backbone teachers needed can be planned"),
			out->backbone_moves, in->missing_backbone);
	free(best.af);
	free(lo.af);
	free(hi.af);
	free(m.af);
	free(u.name);
	free(ix.keys);
	net_free(&nt);
	return XQ_OK;
}

void plan_result_free(struct plan_result *r)
{
	free(r->moves);
	r->moves = NULL;
	r->nmoves = 0;
}

void plan_move_to_exchange(const struct plan_move *m, long to_hardship, const char *year,
	const struct exchange_policy *p, struct exchange *e)
{
	char last[DATE_LEN];
	exchange_init(e);
	e->teacher_id = m->teacher_id;
	e->from_school_id = m->from_school_id;
	e->to_school_id = m->to_school_id;
	e->kind = EXK_ROTATION;
	e->reason = EXR_ADJUSTMENT;
	xq_copy(e->year, sizeof e->year, year);
	if (exchange_year_bounds(year, p, e->start_date, last))
		exchange_fill_defaults(e, p);
	else
		e->start_date[0] = '\0';
	e->subsidy_month = exchange_subsidy_month(m->km, to_hardship, p);
}
