/* work.h: what reads a whole county (the quotas, the plan, every teacher's eligibility)
 * runs on a thread of its own, over a reading connection of its own, so that no key waits
 * for it: the view shows that it is counting and paints the result when it comes. Jobs
 * run one at a time in the order given; a view or layer that goes drops its jobs. */
#ifndef XQ_TUI_WORK_H
#define XQ_TUI_WORK_H

#include <stdbool.h>
#include <stdint.h>

struct app;
struct db;

struct work_job {
	const char *name;  /* in the timing trace */
	const void *owner; /* the view or layer that takes the result */
	/* on the work's thread, over its reading connection: fills the job's results */
	void (*run)(struct work_job *j, struct db *db);
	/* on the console's thread, while the owner is there: takes the results */
	void (*done)(struct work_job *j, struct app *a);
	/* frees the job and what done did not take */
	void (*free)(struct work_job *j);
	/* kept by the work */
	int64_t queued_us, run_us;
	bool dropped;
	struct work_job *next;
};

struct work;
/* The work of a console on db; NULL never (without a thread, jobs run when given). */
struct work *work_new(struct db *db);
/* The process's heap as the long reads want it; called once, before the work's thread starts:
 * one heap for the console and the work's thread, so that what one frees the other takes
 * again rather than a second heap growing beside the first; and blocks of up to 4 MiB
 * (a city's plan) taken from the heap and kept there when freed (up to 8 MiB at its end),
 * so that the next long read reuses their pages rather than touching fresh ones. */
void work_heap(void);
/* Stops the thread (the running job is interrupted) and frees every job. */
void work_free(struct work *w);
/* Queues j (the work owns it from now on). */
void work_submit(struct work *w, struct work_job *j, int64_t now_us);
/* Hands j over as finished without running it (its results were read ahead): the next
 * work_next_done returns it as it would a job run now. */
void work_ready(struct work *w, struct work_job *j, int64_t now_us);
/* Holds the jobs queued from now on (held) until released: a job given while the console
 * answers a key starts once the key's screen is done, rather than beside it. A running
 * job runs on. */
void work_hold(struct work *w, bool held);
/* Drops the jobs of owner: queued ones never run, a running one is interrupted, finished
 * ones are not handed over. */
void work_drop(struct work *w, const void *owner);
/* Whether a job is queued, running or finished but not yet collected. */
bool work_busy(struct work *w);
/* Whether a job of owner is queued or running. */
bool work_pending(struct work *w, const void *owner);
/* The next finished job not dropped (NULL when none): the caller calls done and free. */
struct work_job *work_next_done(struct work *w);

#endif
