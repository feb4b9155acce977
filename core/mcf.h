/* mcf.h: minimum-cost flow by successive shortest paths with node potentials (Dijkstra on
 * reduced costs). Integer capacities and non-negative integer costs; deterministic: ties
 * go to the lower node number, so the same graph always gives the same flow. Taken apart
 * at the source and the sink, the network's components are solved one by one. */
#ifndef XQ_MCF_H
#define XQ_MCF_H

#include <stdint.h>

struct mcf;

struct mcf *mcf_new(int nnodes);
void mcf_free(struct mcf *g);
/* An arc from → to; returns its number for mcf_flow and mcf_set_cost. cost >= 0. */
int mcf_add_arc(struct mcf *g, int from, int to, int64_t cap, int64_t cost);
/* Change an arc's cost; only between solves, after mcf_reset. */
void mcf_set_cost(struct mcf *g, int arc, int64_t cost);
/* Remove all flow. */
void mcf_reset(struct mcf *g);
/* Send up to limit units from s to t, each along a cheapest path, so the result is a
 * cheapest flow of its value. Returns the flow sent (less than limit when no more can
 * go), and the total cost in *cost; -1 when an arc has a negative cost. */
int64_t mcf_solve(struct mcf *g, int s, int t, int64_t limit, int64_t *cost);
/* The same, the whole network searched at once for every path: the reference the split
 * of mcf_solve is checked against. */
int64_t mcf_solve_whole(struct mcf *g, int s, int t, int64_t limit, int64_t *cost);
int64_t mcf_flow(const struct mcf *g, int arc);
int mcf_arcs(const struct mcf *g);
/* The flow on every arc, into out[mcf_arcs(g)]. */
void mcf_flows(const struct mcf *g, int64_t *out);

/* Two flows a and b of the same value (arrays of arc flows): a - b is a circulation, split
 * here into simple cycles. Cycle i uses arc[k] for k in start[i] .. start[i + 1] - 1, in
 * direction dir[k] (+1: a has more flow there, -1: less), amount[i] units. Taking any
 * cycles, in any amounts up to theirs, out of a leaves a flow between a and b. */
struct mcf_cycles {
	int n;
	int *start, *arc, *dir;
	int64_t *amount;
};
void mcf_cycles(const struct mcf *g, const int64_t *a, const int64_t *b,
	struct mcf_cycles *out);
void mcf_cycles_free(struct mcf_cycles *c);

#endif
