/* ttjobs.h: between the solver (core/ttsolve.c) and its runs on more than one core
 * (core/ttjobs.c): one run of the search, told when to stop by the other threads. Not for
 * the front ends, which call tt_solve. */
#ifndef XQ_CORE_TTJOBS_H
#define XQ_CORE_TTJOBS_H

#include <stdatomic.h>

#include "core/ttsolve.h"

/* What a run shares with the threads beside it. */
struct tt_job {
	atomic_bool *stop;  /* set by another thread: the search ends at its next step */
	atomic_long *bound; /* restarts racing: the search ends once clock * n + index pass it
			     * (n 0: the index alone), handing back nothing to use */
	int index, n;
	const int *origin; /* [lesson] its slot before any run (day * periods + period, -1 none):
			    * moved lessons and a repair's places are counted from there; NULL:
			    * from the model as it is given */
	/* out: whether the search ended by itself with every hard rule it weighs kept (not
	 * by the clock, the step limit, a proof or a stop) */
	bool ended_well;
	/* out: the search's clock when it ended: the solver's work (lessons laid, rooms
	 * weighed, places sought in filling, lessons looked at for Kempe chains, each by how
	 * long it takes: ttsolve.c's WORK_LAY), the same on every run of a seed and about as
	 * fast as time however the search begins */
	long clock;
};

/* A racing restart's standing at clock: its clock, a tie to the lower index. */
static inline long tt_job_key(const struct tt_job *j, long clock)
{
	return clock * j->n + j->index;
}

/* Whether a racing restart (j may be NULL) at clock is past another's end: it cannot win. */
static inline bool tt_job_lost(const struct tt_job *j, long clock)
{
	return j && j->bound && tt_job_key(j, clock) > atomic_load_explicit(j->bound, memory_order_relaxed);
}

/* tt_solve on one thread; j may be NULL. */
int tt_solve_one(struct tt_model *m, const struct tt_solve_opts *o, struct tt_solve_result *r, struct tt_job *j);
/* How many lessons must move at least to mend what m breaks now (tt_solve_result's
 * must_move). */
int tt_must_move(const struct tt_model *m);

#endif
