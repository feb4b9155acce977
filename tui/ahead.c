/* ahead.c: reading ahead (ahead.h). The read runs as a job of its own whose owner is the
 * struct ahead, wrapping the job the view would have asked for; when it is done, that job
 * is kept, or handed to the view waiting for it with the view as its owner. */
#include "tui/ahead.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/util.h"
#include "tui/ui.h"
#include "tui/work.h"

struct ahead_job {
	struct work_job j;
	struct ahead *h;
	struct work_job *inner;
	unsigned gen;
	char key[32];
};

/* every read ahead there is (the console's thread only) */
static struct ahead *all;

static bool current(const struct ahead *h, unsigned gen, const char *key)
{
	return h->gen == gen && strcmp(h->key, key) == 0;
}

static void held_free(struct ahead *h)
{
	if (h->held)
		h->held->free(h->held);
	h->held = NULL;
}

/* Hands job to a view, as a long read it asked for at asked_us and that just finished. */
static void hand_over(struct ahead *h, struct work_job *job, const void *view, int64_t asked_us)
{
	job->owner = view;
	app_work_ready(h->app, job, asked_us);
}

static void aj_run(struct work_job *j_, struct db *db)
{
	struct ahead_job *j = (struct ahead_job *)j_;
	j->inner->run(j->inner, db);
}

static void aj_done(struct work_job *j_, struct app *a)
{
	struct ahead_job *j = (struct ahead_job *)j_;
	struct ahead *h = j->h;
	(void)a;
	if (!current(h, j->gen, j->key))
		return; /* read for data since changed */
	struct work_job *job = j->inner;
	j->inner = NULL;
	h->reading = false;
	if (h->waiting) {
		hand_over(h, job, h->waiting, h->waiting_us);
		h->waiting = NULL;
	} else {
		held_free(h);
		h->held = job;
	}
}

static void aj_free(struct work_job *j_)
{
	struct ahead_job *j = (struct ahead_job *)j_;
	if (j->inner)
		j->inner->free(j->inner);
	free(j);
}

/* A view waiting for h reads for itself. */
static void wake(struct ahead *h)
{
	const void *c = h->waiting;
	h->waiting = NULL;
	if (c)
		h->ops->read_own((void *)c);
}

/* ahead_ask is giving the console's read ahead to another */
static bool asking;

/* The console's read ahead (ctx) is dropped. For another read ahead, it is asked for again
 * when its turn comes. For a long read a key asks for, every read ahead gives way: the one
 * being read is left, results kept are freed, and none is read ahead again for the same
 * data (a view opened reads for itself). */
static void dropped(void *ctx)
{
	if (asking) {
		struct ahead *h = ctx;
		h->asked = h->reading = false;
		wake(h);
		return;
	}
	bool freed = false;
	for (struct ahead *h = all; h; h = h->next) {
		h->reading = false;
		freed |= h->held != NULL;
		held_free(h);
		wake(h);
	}
#ifdef __GLIBC__
	/* the pages of what was read ahead go back to the system before the key's read: the
	 * heap keeps what a long read frees for the next (work_heap), and results kept ahead
	 * had split it */
	if (freed)
		malloc_trim(0);
#endif
}

/* The read made for gen and key: what was kept for other data goes. */
static void now_for(struct ahead *h, unsigned gen, const char *key)
{
	if (!current(h, gen, key)) {
		app_work_ahead_end(h->app, h);
		held_free(h);
		h->waiting = NULL;
		h->gen = gen;
		xq_copy(h->key, sizeof h->key, key);
		h->asked = h->reading = false;
	}
}

void ahead_init(struct ahead *h, struct app *a, const char *name, const struct ahead_ops *ops, void *ctx)
{
	memset(h, 0, sizeof *h);
	h->app = a;
	h->name = name;
	h->ops = ops;
	h->ctx = ctx;
	h->next = all;
	all = h;
}

void ahead_ask(struct ahead *h, unsigned gen, const char *key)
{
	now_for(h, gen, key);
	if (h->asked)
		return;
	struct ahead_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = h->name, .owner = h, .run = aj_run, .done = aj_done, .free = aj_free};
	j->h = h;
	j->inner = h->ops->make(h->ctx);
	j->gen = gen;
	xq_copy(j->key, sizeof j->key, key);
	h->asked = h->reading = true;
	asking = true;
	app_work_ahead(h->app, &j->j, dropped, h);
	asking = false;
}

bool ahead_pending(const struct ahead *h)
{
	return h->reading;
}

int ahead_take(struct ahead *h, unsigned gen, const char *key, const void *consumer, int64_t asked_us)
{
	now_for(h, gen, key);
	if (h->held) {
		struct work_job *job = h->held;
		h->held = NULL;
		hand_over(h, job, consumer, asked_us);
		return AHEAD_TAKEN;
	}
	if (ahead_pending(h)) {
		h->waiting = consumer;
		h->waiting_us = asked_us;
		return AHEAD_WAITING;
	}
	h->asked = true; /* read by the view now: not ahead again */
	return AHEAD_NONE;
}

void ahead_forget(struct ahead *h, const void *consumer)
{
	if (h->waiting == consumer)
		h->waiting = NULL;
}

void ahead_free(struct ahead *h)
{
	if (!h->ops)
		return;
	app_work_ahead_end(h->app, h);
	held_free(h);
	h->waiting = NULL;
	for (struct ahead **p = &all; *p; p = &(*p)->next)
		if (*p == h) {
			*p = h->next;
			break;
		}
	h->ops = NULL;
}
