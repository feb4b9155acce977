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

/* Shortest paths from s by reduced costs, until t is final; true when t is reached. */
static bool dijkstra(struct mcf *g, int s, int t)
{
	for (int v = 0; v < g->n; v++) {
		g->dist[v] = MCF_INF;
		g->prev[v] = -1;
		g->done[v] = 0;
	}
	g->dist[s] = 0;
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
		for (int a = g->head[u]; a >= 0; a = g->next[a]) {
			if (g->cap[a] <= 0)
				continue;
			int v = g->to[a];
			int64_t nd = it.d + g->cost[a] + g->pot[u] - g->pot[v];
			if (nd < g->dist[v]) {
				g->dist[v] = nd;
				g->prev[v] = a;
				heap_push(g, nd, v);
			}
		}
	}
	return g->dist[t] < MCF_INF;
}

int64_t mcf_solve(struct mcf *g, int s, int t, int64_t limit, int64_t *cost)
{
	int64_t flow = 0, total = 0;
	for (int a = 0; a < g->narcs; a += 2)
		if (g->cost[a] < 0)
			return -1;
	while (flow < limit && dijkstra(g, s, t)) {
		/* final nodes move by their distance, the others by t's: reduced costs stay
		 * non-negative and those along shortest paths become 0 */
		for (int v = 0; v < g->n; v++)
			g->pot[v] += g->done[v] ? g->dist[v] : g->dist[t];
		int64_t push = limit - flow;
		for (int v = t; v != s; v = g->to[g->prev[v] ^ 1])
			if (g->cap[g->prev[v]] < push)
				push = g->cap[g->prev[v]];
		for (int v = t; v != s; v = g->to[g->prev[v] ^ 1]) {
			g->cap[g->prev[v]] -= push;
			g->cap[g->prev[v] ^ 1] += push;
			total += push * g->cost[g->prev[v]];
		}
		flow += push;
	}
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
