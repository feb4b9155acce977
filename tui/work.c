/* work.c: the console's long reads on a thread of their own (see work.h). The thread
 * sleeps on a condition until a job is queued; finished jobs wait in a list that the
 * console's loop empties when no key is waiting. */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "core/util.h"
#include "db/db.h"
#include "tui/work.h"

struct work {
	struct db *db;	   /* the console's: jobs run on it at once when there is no thread */
	struct db *reader; /* the thread's own connection; NULL: no thread */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct work_job *queue, *running, *done; /* queue and done in order, oldest first */
	bool quit;
	bool held; /* queued jobs wait: the console is busy with a key */
};

static int64_t mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void append(struct work_job **list, struct work_job *j)
{
	j->next = NULL;
	while (*list)
		list = &(*list)->next;
	*list = j;
}

static void run_one(struct work_job *j, struct db *db)
{
	int64_t t0 = mono_us();
	j->run(j, db);
	j->run_us = mono_us() - t0;
}

static void *work_main(void *arg)
{
	struct work *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->quit && (!w->queue || w->held))
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->quit)
			break;
		struct work_job *j = w->queue;
		w->queue = j->next;
		if (j->dropped) { /* its owner went while it waited */
			append(&w->done, j);
			continue;
		}
		w->running = j;
		pthread_mutex_unlock(&w->mu);
		run_one(j, w->reader);
		pthread_mutex_lock(&w->mu);
		w->running = NULL;
		append(&w->done, j);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

void work_heap(void)
{
#ifdef M_ARENA_MAX
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}

struct work *work_new(struct db *db)
{
	struct work *w = xcalloc(1, sizeof *w);
	w->db = db;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	char msg[XQ_MSG_MAX];
	if (db_reader(db, &w->reader, msg) != XQ_OK)
		return w; /* the jobs run at once, on the console's connection */
	if (pthread_create(&w->thread, NULL, work_main, w) != 0) {
		db_close(w->reader);
		w->reader = NULL;
	}
	return w;
}

static void free_list(struct work_job *j)
{
	while (j) {
		struct work_job *next = j->next;
		j->free(j);
		j = next;
	}
}

void work_free(struct work *w)
{
	if (!w)
		return;
	if (w->reader) {
		pthread_mutex_lock(&w->mu);
		w->quit = true;
		if (w->running)
			db_interrupt(w->reader);
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		db_close(w->reader);
	}
	free_list(w->queue);
	free_list(w->done);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

void work_submit(struct work *w, struct work_job *j, int64_t now_us)
{
	j->queued_us = now_us;
	j->dropped = false;
	if (!w->reader) {
		run_one(j, w->db);
		append(&w->done, j);
		return;
	}
	pthread_mutex_lock(&w->mu);
	append(&w->queue, j);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void work_ready(struct work *w, struct work_job *j, int64_t now_us)
{
	j->queued_us = now_us;
	j->run_us = 0;
	j->dropped = false;
	pthread_mutex_lock(&w->mu);
	append(&w->done, j);
	pthread_mutex_unlock(&w->mu);
}

void work_hold(struct work *w, bool held)
{
	if (!w || !w->reader)
		return;
	pthread_mutex_lock(&w->mu);
	if (w->held != held) {
		w->held = held;
		if (!held)
			pthread_cond_signal(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
}

void work_drop(struct work *w, const void *owner)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	for (struct work_job *j = w->queue; j; j = j->next)
		j->dropped |= j->owner == owner;
	for (struct work_job *j = w->done; j; j = j->next)
		j->dropped |= j->owner == owner;
	if (w->running && w->running->owner == owner && !w->running->dropped) {
		w->running->dropped = true;
		db_interrupt(w->reader);
	}
	pthread_mutex_unlock(&w->mu);
}

bool work_busy(struct work *w)
{
	if (!w)
		return false;
	pthread_mutex_lock(&w->mu);
	bool busy = w->queue || w->running || w->done;
	pthread_mutex_unlock(&w->mu);
	return busy;
}

bool work_pending(struct work *w, const void *owner)
{
	if (!w)
		return false;
	bool found = false;
	pthread_mutex_lock(&w->mu);
	for (struct work_job *j = w->queue; j && !found; j = j->next)
		found = j->owner == owner && !j->dropped;
	if (w->running && w->running->owner == owner && !w->running->dropped)
		found = true;
	pthread_mutex_unlock(&w->mu);
	return found;
}

struct work_job *work_next_done(struct work *w)
{
	if (!w)
		return NULL;
	for (;;) {
		pthread_mutex_lock(&w->mu);
		struct work_job *j = w->done;
		if (j)
			w->done = j->next;
		pthread_mutex_unlock(&w->mu);
		if (!j || !j->dropped)
			return j;
		j->free(j);
	}
}
