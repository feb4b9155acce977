/* ahead.h: reading ahead. A long read (tui/work.h) that no key has asked for yet, made for
 * one generation of a view's data (a counter the view moves at every change, and a key such
 * as the chosen year), whose result is kept until a key wants it: the view that opens then
 * takes it at once, or waits for it while it is still being read. The console runs one read
 * ahead at a time (app_work_ahead), and several in turn; any long read a key asks for goes
 * first: the read ahead being made is dropped and the results kept are freed, and none of
 * them is read ahead again for the same data (a view opened reads for itself). */
#ifndef XQ_TUI_AHEAD_H
#define XQ_TUI_AHEAD_H

#include <stdbool.h>
#include <stdint.h>

struct app;
struct work_job;

struct ahead_ops {
	/* a new job for the read, as the view that takes it would ask for it itself; its owner
	 * is set to that view when handed over */
	struct work_job *(*make)(void *ctx);
	/* the view waiting for a read ahead that was dropped: it reads for itself now */
	void (*read_own)(void *consumer);
};

struct ahead {
	struct app *app;
	const char *name; /* of the job read ahead, in the timing trace ("plan-ahead") */
	const struct ahead_ops *ops;
	void *ctx;
	unsigned gen;
	char key[32];
	bool asked;		/* for gen and key: read, being read, or read by a view itself */
	bool reading;		/* being read (queued, running, or done but not yet collected) */
	struct work_job *held;	/* its finished job, not yet handed over */
	const void *waiting;	/* the view waiting for it */
	int64_t waiting_us;	/* when that view's key came (app_clock_us) */
	struct ahead *next;	/* every read ahead there is */
};

void ahead_init(struct ahead *h, struct app *a, const char *name, const struct ahead_ops *ops, void *ctx);
/* Asks for the read for gen and key, unless it is asked for already; a result kept for
 * other data goes. */
void ahead_ask(struct ahead *h, unsigned gen, const char *key);
/* Whether the read asked for is still to come. */
bool ahead_pending(const struct ahead *h);
enum { AHEAD_NONE, AHEAD_TAKEN, AHEAD_WAITING };
/* A view (consumer, the owner its job's done expects) wants the read for gen and key,
 * asked for at asked_us: AHEAD_TAKEN, the result is handed to it as a long read just
 * finished; AHEAD_WAITING, it is being read and is handed over when done (or the view is
 * told to read for itself, ops->read_own); AHEAD_NONE, the view reads for itself (and this
 * generation is not read ahead again). */
int ahead_take(struct ahead *h, unsigned gen, const char *key, const void *consumer, int64_t asked_us);
/* The view is going: nothing is handed to it. */
void ahead_forget(struct ahead *h, const void *consumer);
void ahead_free(struct ahead *h);

#endif
