/* mcf.c: minimum-cost flow by successive shortest paths with potentials. */
#include "core/mcf.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define MCF_INF (INT64_MAX / 4)

/* Arcs come in pairs: 2k forward, 2k + 1 its residual reverse. */
struct mcf {
	int n, narcs, cap_arcs;
	int *head;	/* first arc out of each node, -1 when none */
	int *next;	/* next arc out of the same tail */
	int *to;
	int64_t *cap;	/* residual capacity */
	int64_t *orig;	/* the forward arc's capacity */
	int64_t *cost;
	int64_t *pot, *dist;
	int *prev;	/* arc into each node on the shortest path */
	char *done;	/* shortest distance final */
	struct heap_item {
		int64_t d;
		int v;
	} *heap;
	int nheap, cap_heap;
	bool fresh;	/* no flow yet: mcf_solve may split the network (solve_split) */
};

struct mcf *mcf_new(int nnodes)
{
	struct mcf *g = xcalloc(1, sizeof *g);
	g->n = nnodes;
	g->head = xmalloc(sizeof *g->head * (size_t)(nnodes + 1));
	for (int i = 0; i < nnodes; i++)
		g->head[i] = -1;
	g->pot = xcalloc((size_t)nnodes + 1, sizeof *g->pot);
	g->dist = xcalloc((size_t)nnodes + 1, sizeof *g->dist);
	g->prev = xcalloc((size_t)nnodes + 1, sizeof *g->prev);
	g->done = xcalloc((size_t)nnodes + 1, 1);
	g->fresh = true;
	return g;
}

void mcf_free(struct mcf *g)
{
	if (!g)
		return;
	free(g->head);
	free(g->next);
	free(g->to);
	free(g->cap);
	free(g->orig);
	free(g->cost);
	free(g->pot);
	free(g->dist);
	free(g->prev);
	free(g->done);
	free(g->heap);
	free(g);
}

static void push_half(struct mcf *g, int from, int to, int64_t cap, int64_t cost)
{
	if (g->narcs == g->cap_arcs) {
		g->cap_arcs = g->cap_arcs ? g->cap_arcs * 2 : 64;
		size_t m = (size_t)g->cap_arcs;
		g->next = xrealloc(g->next, m * sizeof *g->next);
		g->to = xrealloc(g->to, m * sizeof *g->to);
		g->cap = xrealloc(g->cap, m * sizeof *g->cap);
		g->orig = xrealloc(g->orig, m * sizeof *g->orig);
		g->cost = xrealloc(g->cost, m * sizeof *g->cost);
	}
	int a = g->narcs++;
	g->to[a] = to;
	g->cap[a] = cap;
	g->orig[a] = cap;
	g->cost[a] = cost;
	g->next[a] = g->head[from];
	g->head[from] = a;
}

int mcf_add_arc(struct mcf *g, int from, int to, int64_t cap, int64_t cost)
{
	int a = g->narcs;
	push_half(g, from, to, cap, cost);
	push_half(g, to, from, 0, -cost);
	return a / 2;
}

void mcf_set_cost(struct mcf *g, int arc, int64_t cost)
{
	g->cost[2 * arc] = cost;
	g->cost[2 * arc + 1] = -cost;
}

void mcf_reset(struct mcf *g)
{
	for (int a = 0; a < g->narcs; a++)
		g->cap[a] = g->orig[a];
	memset(g->pot, 0, sizeof *g->pot * (size_t)g->n);
	g->fresh = true;
}

int64_t mcf_flow(const struct mcf *g, int arc)
{
	return g->cap[2 * arc + 1];
}

/* A binary heap ordered by (distance, node). */
static bool heap_less(const struct heap_item *a, const struct heap_item *b)
{
	return a->d < b->d || (a->d == b->d && a->v < b->v);
}

static void heap_push(struct mcf *g, int64_t d, int v)
{
	if (g->nheap == g->cap_heap) {
		g->cap_heap = g->cap_heap ? g->cap_heap * 2 : 64;
		g->heap = xrealloc(g->heap, (size_t)g->cap_heap * sizeof *g->heap);
	}
	int i = g->nheap++;
	g->heap[i] = (struct heap_item){d, v};
	while (i > 0 && heap_less(&g->heap[i], &g->heap[(i - 1) / 2])) {
		struct heap_item t = g->heap[i];
		g->heap[i] = g->heap[(i - 1) / 2];
		g->heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static struct heap_item heap_pop(struct mcf *g)
{
	struct heap_item top = g->heap[0];
	g->heap[0] = g->heap[--g->nheap];
	for (int i = 0;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < g->nheap && heap_less(&g->heap[l], &g->heap[m]))
			m = l;
		if (r < g->nheap && heap_less(&g->heap[r], &g->heap[m]))
			m = r;
		if (m == i)
			break;
		struct heap_item t = g->heap[i];
		g->heap[i] = g->heap[m];
		g->heap[m] = t;
		i = m;
	}
	return top;
}

/* ---- the network split at s and t ----
 *
 * Take s and t away and the network falls apart into components (in the exchange plan,
 * the districts). A cheapest flow of value F is then a cheapest flow in each component,
 * of values adding up to F; a component's cheapest cost is convex in its value, the
 * successive shortest paths giving its slopes in rising order. So each component is
 * solved alone, by Dijkstra over its own nodes only, recording the unit cost of each
 * path; the F cheapest units over all components say how much each component carries
 * (ties to the component with the lower first node); a component given less than it
 * reached is solved again up to its share. Same costs as the whole network at once, and
 * each path search costs a component's size, not the county's. */

struct split {
	int ncomp;
	int *comp;		/* component of each node, -1 for s and t */
	int *nodes, *nstart;	/* the nodes of component c: nodes[nstart[c] .. nstart[c + 1]) */
	int *sarcs, *sstart;	/* the arcs out of s into component c, alike */
	int64_t *tpot;		/* t's potential, one per component */
};

static void split_make(const struct mcf *g, int s, int t, struct split *sp)
{
	int n = g->n;
	int *up = xmalloc(sizeof *up * (size_t)n);
	for (int v = 0; v < n; v++)
		up[v] = v;
	for (int v = 0; v < n; v++) {
		if (v == s || v == t)
			continue;
		for (int a = g->head[v]; a >= 0; a = g->next[a]) {
			int w = g->to[a];
			if (w == s || w == t)
				continue;
			int x = xq_uf_find(up, v), y = xq_uf_find(up, w);
			if (x != y)
				up[x > y ? x : y] = x < y ? x : y;
		}
	}
	/* components numbered by their lowest node */
	sp->comp = xmalloc(sizeof *sp->comp * (size_t)n);
	int *id = xmalloc(sizeof *id * (size_t)n);
	sp->ncomp = 0;
	for (int v = 0; v < n; v++) {
		id[v] = -1;
		if (v != s && v != t && xq_uf_find(up, v) == v)
			id[v] = sp->ncomp++;
	}
	int nc = sp->ncomp;
	sp->nstart = xcalloc((size_t)nc + 1, sizeof *sp->nstart);
	sp->sstart = xcalloc((size_t)nc + 1, sizeof *sp->sstart);
	for (int v = 0; v < n; v++) {
		sp->comp[v] = v == s || v == t ? -1 : id[xq_uf_find(up, v)];
		if (sp->comp[v] >= 0)
			sp->nstart[sp->comp[v] + 1]++;
	}
	int ns = 0;
	for (int a = g->head[s]; a >= 0; a = g->next[a])
		if (sp->comp[g->to[a]] >= 0) {
			sp->sstart[sp->comp[g->to[a]] + 1]++;
			ns++;
		}
	for (int c = 0; c < nc; c++) {
		sp->nstart[c + 1] += sp->nstart[c];
		sp->sstart[c + 1] += sp->sstart[c];
	}
	sp->nodes = xmalloc(sizeof *sp->nodes * (size_t)(n + 1));
	sp->sarcs = xmalloc(sizeof *sp->sarcs * (size_t)(ns + 1));
	int *fill = xcalloc((size_t)nc + 1, sizeof *fill);
	for (int v = 0; v < n; v++)
		if (sp->comp[v] >= 0)
			sp->nodes[sp->nstart[sp->comp[v]] + fill[sp->comp[v]]++] = v;
	/* s's arcs in the order the whole search would meet them */
	memset(fill, 0, sizeof *fill * (size_t)(nc + 1));
	for (int a = g->head[s]; a >= 0; a = g->next[a]) {
		int c = sp->comp[g->to[a]];
		if (c >= 0)
			sp->sarcs[sp->sstart[c] + fill[c]++] = a;
	}
	sp->tpot = xcalloc((size_t)nc + 1, sizeof *sp->tpot);
	free(fill);
	free(id);
	free(up);
}

/* The whole network as one component, its potentials as they stand: the search of
 * every path over every node, and the one that can go on from a flow already sent. */
static void split_whole(const struct mcf *g, int s, int t, struct split *sp)
{
	int n = g->n, k = 0;
	sp->ncomp = 1;
	sp->comp = xmalloc(sizeof *sp->comp * (size_t)(n + 1));
	sp->nodes = xmalloc(sizeof *sp->nodes * (size_t)(n + 1));
	sp->nstart = xcalloc(2, sizeof *sp->nstart);
	for (int v = 0; v < n; v++) {
		sp->comp[v] = v == s || v == t ? -1 : 0;
		if (sp->comp[v] == 0)
			sp->nodes[k++] = v;
	}
	sp->nstart[1] = k;
	int ns = 0;
	for (int a = g->head[s]; a >= 0; a = g->next[a])
		ns++;
	sp->sarcs = xmalloc(sizeof *sp->sarcs * (size_t)(ns + 1));
	sp->sstart = xcalloc(2, sizeof *sp->sstart);
	for (int a = g->head[s]; a >= 0; a = g->next[a])
		sp->sarcs[sp->sstart[1]++] = a;
	sp->tpot = xcalloc(2, sizeof *sp->tpot);
	sp->tpot[0] = g->pot[t];
}

static void split_free(struct split *sp)
{
	free(sp->comp);
	free(sp->nodes);
	free(sp->nstart);
	free(sp->sarcs);
	free(sp->sstart);
	free(sp->tpot);
}

/* Dijkstra within component c (and s and t) by reduced costs; true when t is reached. */
static bool dijkstra_in(struct mcf *g, const struct split *sp, int c, int s, int t)
{
	for (int i = sp->nstart[c]; i < sp->nstart[c + 1]; i++) {
		int v = sp->nodes[i];
		g->dist[v] = MCF_INF;
		g->prev[v] = -1;
		g->done[v] = 0;
	}
	g->dist[t] = MCF_INF;
	g->prev[t] = -1;
	g->done[t] = 0;
	g->dist[s] = 0;
	g->done[s] = 0;
	g->nheap = 0;
	heap_push(g, 0, s);
	while (g->nheap) {
		struct heap_item it = heap_pop(g);
		if (it.d > g->dist[it.v] || g->done[it.v])
			continue;
		int u = it.v;
		g->done[u] = 1;
		if (u == t)
			break;
		int k = 0, a = u == s ? (sp->sstart[c] < sp->sstart[c + 1] ? sp->sarcs[sp->sstart[c]] : -1)
				      : g->head[u];
		while (a >= 0) {
			int v = g->to[a];
			if (g->cap[a] > 0 && v != s) {
				int64_t nd = it.d + g->cost[a] + g->pot[u] - g->pot[v];
				if (nd < g->dist[v]) {
					g->dist[v] = nd;
					g->prev[v] = a;
					heap_push(g, nd, v);
				}
			}
			if (u == s) {
				k++;
				a = sp->sstart[c] + k < sp->sstart[c + 1] ? sp->sarcs[sp->sstart[c] + k] : -1;
			} else {
				a = g->next[a];
			}
		}
	}
	return g->dist[t] < MCF_INF;
}

/* One unit cost of component comp: units sent along paths of that cost per unit. */
struct slope {
	int64_t unit, units;
	int comp, seq;
};

/* Successive shortest paths in component c, up to limit; each path's unit cost and
 * amount appended to *sl (when sl is not NULL). Returns the flow, its cost in *cost. */
static int64_t solve_in(struct mcf *g, struct split *sp, int c, int s, int t, int64_t limit,
	int64_t *cost, struct slope **sl, int *nsl, int *capsl)
{
	int64_t flow = 0, total = 0;
	g->pot[t] = sp->tpot[c];
	while (flow < limit && dijkstra_in(g, sp, c, s, t)) {
		for (int i = sp->nstart[c]; i < sp->nstart[c + 1]; i++) {
			int v = sp->nodes[i];
			g->pot[v] += g->done[v] ? g->dist[v] : g->dist[t];
		}
		g->pot[t] += g->dist[t];
		int64_t push = limit - flow, unit = 0;
		for (int v = t; v != s; v = g->to[g->prev[v] ^ 1]) {
			if (g->cap[g->prev[v]] < push)
				push = g->cap[g->prev[v]];
			unit += g->cost[g->prev[v]];
		}
		for (int v = t; v != s; v = g->to[g->prev[v] ^ 1]) {
			g->cap[g->prev[v]] -= push;
			g->cap[g->prev[v] ^ 1] += push;
		}
		total += push * unit;
		flow += push;
		if (sl) {
			if (*nsl == *capsl) {
				*capsl = *capsl ? *capsl * 2 : 64;
				*sl = xrealloc(*sl, sizeof **sl * (size_t)*capsl);
			}
			(*sl)[*nsl] = (struct slope){unit, push, c, *nsl};
			(*nsl)++;
		}
	}
	sp->tpot[c] = g->pot[t];
	*cost = total;
	return flow;
}

/* Component c back to no flow. */
static void unflow_in(struct mcf *g, struct split *sp, int c)
{
	for (int i = sp->nstart[c]; i < sp->nstart[c + 1]; i++) {
		int v = sp->nodes[i];
		g->pot[v] = 0;
		for (int a = g->head[v]; a >= 0; a = g->next[a]) {
			g->cap[a] = g->orig[a];
			g->cap[a ^ 1] = g->orig[a ^ 1];
		}
	}
	sp->tpot[c] = 0;
}

int64_t mcf_solve_whole(struct mcf *g, int s, int t, int64_t limit, int64_t *cost)
{
	for (int a = 0; a < g->narcs; a += 2)
		if (g->cost[a] < 0)
			return -1;
	g->fresh = false;
	struct split sp;
	split_whole(g, s, t, &sp);
	int64_t total = 0, flow = solve_in(g, &sp, 0, s, t, limit, &total, NULL, NULL, NULL);
	split_free(&sp);
	if (cost)
		*cost = total;
	return flow;
}

static int slope_cmp(const void *pa, const void *pb)
{
	const struct slope *a = pa, *b = pb;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->comp != b->comp)
		return a->comp < b->comp ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

int64_t mcf_solve(struct mcf *g, int s, int t, int64_t limit, int64_t *cost)
{
	for (int a = 0; a < g->narcs; a += 2)
		if (g->cost[a] < 0)
			return -1;
	if (!g->fresh || s == t || s < 0 || t < 0 || s >= g->n || t >= g->n)
		return mcf_solve_whole(g, s, t, limit, cost);
	for (int a = g->head[s]; a >= 0; a = g->next[a])
		if (g->to[a] == t) /* an arc straight to the sink belongs to no component */
			return mcf_solve_whole(g, s, t, limit, cost);
	g->fresh = false;
	struct split sp;
	split_make(g, s, t, &sp);
	int nc = sp.ncomp, nsl = 0, capsl = 0;
	struct slope *sl = NULL;
	int64_t *reached = xcalloc((size_t)nc + 1, sizeof *reached);
	int64_t *share = xcalloc((size_t)nc + 1, sizeof *share);
	int64_t *ccost = xcalloc((size_t)nc + 1, sizeof *ccost);
	int64_t all = 0;
	for (int c = 0; c < nc; c++) {
		if (sp.sstart[c] == sp.sstart[c + 1])
			continue; /* nothing from s reaches it */
		reached[c] = solve_in(g, &sp, c, s, t, limit, &ccost[c], &sl, &nsl, &capsl);
		all += reached[c];
	}
	int64_t flow = 0, total = 0;
	if (all <= limit) {
		flow = all;
		for (int c = 0; c < nc; c++)
			total += ccost[c];
	} else {
		qsort(sl, (size_t)nsl, sizeof *sl, slope_cmp);
		for (int i = 0; i < nsl && flow < limit; i++) {
			int64_t take = sl[i].units < limit - flow ? sl[i].units : limit - flow;
			share[sl[i].comp] += take;
			flow += take;
		}
		for (int c = 0; c < nc; c++) {
			if (share[c] < reached[c]) {
				unflow_in(g, &sp, c);
				solve_in(g, &sp, c, s, t, share[c], &ccost[c], NULL, NULL, NULL);
			}
			total += ccost[c];
		}
	}
	free(sl);
	free(reached);
	free(share);
	free(ccost);
	split_free(&sp);
	if (cost)
		*cost = total;
	return flow;
}

int mcf_arcs(const struct mcf *g)
{
	return g->narcs / 2;
}

void mcf_flows(const struct mcf *g, int64_t *out)
{
	for (int a = 0; a < g->narcs / 2; a++)
		out[a] = g->cap[2 * a + 1];
}

/* One cycle of len arcs path[0 ..] with directions: take its least remaining amount. */
static void cycle_take(struct mcf_cycles *c, int *cap, const int *path, const int *dir,
	int len, int64_t *left)
{
	int64_t amount = INT64_MAX;
	for (int i = 0; i < len; i++)
		if (left[path[i]] < amount)
			amount = left[path[i]];
	int used = c->n ? c->start[c->n] : 0;
	if (used + len > *cap) {
		*cap = (used + len) * 2;
		c->arc = xrealloc(c->arc, sizeof *c->arc * (size_t)*cap);
		c->dir = xrealloc(c->dir, sizeof *c->dir * (size_t)*cap);
	}
	c->start = xrealloc(c->start, sizeof *c->start * (size_t)(c->n + 2));
	c->amount = xrealloc(c->amount, sizeof *c->amount * (size_t)(c->n + 1));
	c->start[c->n] = used;
	for (int i = 0; i < len; i++) {
		c->arc[used + i] = path[i];
		c->dir[used + i] = dir[i];
		left[path[i]] -= amount;
	}
	c->amount[c->n++] = amount;
	c->start[c->n] = used + len;
}

void mcf_cycles(const struct mcf *g, const int64_t *a, const int64_t *b,
	struct mcf_cycles *out)
{
	int m = g->narcs / 2, n = g->n, cap = 0;
	memset(out, 0, sizeof *out);
	out->start = xcalloc(1, sizeof *out->start);
	/* arc k's difference as an edge tail → head with left[k] units */
	int64_t *left = xcalloc((size_t)m + 1, sizeof *left);
	int *tail = xcalloc((size_t)m + 1, sizeof *tail), *head = xcalloc((size_t)m + 1, sizeof *head);
	int *sign = xcalloc((size_t)m + 1, sizeof *sign), *first = xcalloc((size_t)n + 2, sizeof *first);
	int *adj = xcalloc((size_t)m + 1, sizeof *adj), *ptr = xcalloc((size_t)n + 1, sizeof *ptr);
	int *pos = xmalloc(sizeof *pos * ((size_t)n + 1)), *at = xcalloc((size_t)n + 1, sizeof *at);
	int *path = xcalloc((size_t)n + 1, sizeof *path), *dir = xcalloc((size_t)n + 1, sizeof *dir);
	for (int k = 0; k < m; k++) {
		int64_t d = a[k] - b[k];
		int u = g->to[2 * k + 1], v = g->to[2 * k];
		sign[k] = d >= 0 ? 1 : -1;
		left[k] = d * sign[k];
		tail[k] = d >= 0 ? u : v;
		head[k] = d >= 0 ? v : u;
		first[tail[k] + 1] += left[k] > 0;
	}
	for (int v = 0; v < n; v++)
		first[v + 1] += first[v];
	for (int k = 0; k < m; k++)
		if (left[k] > 0)
			adj[first[tail[k]] + ptr[tail[k]]++] = k;
	for (int v = 0; v < n; v++) {
		ptr[v] = first[v];
		pos[v] = -1;
	}
	/* walk along arcs with units left until a node repeats; the loop is a cycle */
	for (int k0 = 0; k0 < m; k0++) {
		while (left[k0] > 0) {
			int len = 0, v = tail[k0], k = k0;
			for (;;) {
				pos[v] = len;
				at[len] = v;
				path[len] = k;
				dir[len++] = sign[k];
				v = head[k];
				if (pos[v] >= 0)
					break;
				while (ptr[v] < first[v + 1] && left[adj[ptr[v]]] <= 0)
					ptr[v]++;
				if (ptr[v] == first[v + 1])
					break; /* not a circulation */
				k = adj[ptr[v]];
			}
			bool closed = pos[v] >= 0;
			if (closed)
				cycle_take(out, &cap, path + pos[v], dir + pos[v], len - pos[v], left);
			for (int i = 0; i < len; i++)
				pos[at[i]] = -1;
			if (!closed)
				break;
		}
	}
	free(left);
	free(tail);
	free(head);
	free(sign);
	free(first);
	free(adj);
	free(ptr);
	free(pos);
	free(at);
	free(path);
	free(dir);
}

void mcf_cycles_free(struct mcf_cycles *c)
{
	free(c->start);
	free(c->arc);
	free(c->dir);
	free(c->amount);
	memset(c, 0, sizeof *c);
}
