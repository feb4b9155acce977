/* longreads.c: the Exchanges pane's long reads of a whole county, each on a thread of its
 * own over a read-only connection, as the console runs them: the teacher picker's walk
 * (db_exchange_pick_each) and the plan (db_exchange_plan, then db_exchange_plan_written as
 * the plan view asks). For each it prints the first run's time in ms and its thread's minor
 * page faults (the fresh memory it touched, which varies far less between runs than the
 * time), as when the console first opens the view,
 * then the median and least time and the median faults over REPS runs (the heap grown).
 * usage: longreads DB YEAR [REPS]; tests/bench/longreads.sh builds the city and runs it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "db/db.h"
#include "db/exchange.h"
#include "db/policy.h"
#include "tui/work.h"

struct run {
	struct db *db;
	const char *year;
	int job; /* 0: picker, 1: plan */
	double ms;
	long faults;
	long rows;
	int rc;
	char msg[XQ_MSG_MAX];
};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long thread_faults(void)
{
	struct rusage u;
	return getrusage(RUSAGE_THREAD, &u) == 0 ? u.ru_minflt : 0;
}

static int count_pick(void *ctx, const struct teacher_pick *t)
{
	(void)t;
	(*(long *)ctx)++;
	return XQ_OK;
}

static void *run_job(void *arg)
{
	struct run *r = arg;
	long f0 = thread_faults();
	double t0 = now_ms();
	if (r->job == 0) {
		r->rc = db_exchange_pick_each(r->db, r->year, db_exchange_policy(r->db), count_pick,
			&r->rows, r->msg);
	} else {
		/* the plan and which of its proposals are written, as the plan view asks */
		struct plan_report p;
		r->rc = db_exchange_plan(r->db, r->year, db_exchange_policy(r->db), &p, r->msg);
		if (r->rc == XQ_OK) {
			int *written = calloc((size_t)p.n + 1, sizeof *written);
			if (written)
				db_exchange_plan_written(r->db, &p, written);
			free(written);
			r->rows = p.n;
			plan_report_free(&p);
		}
	}
	r->ms = now_ms() - t0;
	r->faults = thread_faults() - f0;
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: longreads DB YEAR [REPS]\n");
		return 2;
	}
	int reps = argc == 4 ? atoi(argv[3]) : 7;
	if (reps < 1 || reps > 1000) {
		fprintf(stderr, "longreads: REPS is a number from 1 to 1000\n");
		return 2;
	}
	work_heap(); /* the console's heap */
	char msg[XQ_MSG_MAX];
	struct db *db, *reader;
	if (db_open(argv[1], 0, 1000, &db, msg) != XQ_OK || db_reader(db, &reader, msg) != XQ_OK) {
		fprintf(stderr, "longreads: %s\n", msg);
		return 1;
	}
	db_small_cache(db);
	static const char *names[] = {"picker", "plan"};
	double *ms = calloc((size_t)reps, sizeof *ms);
	long *faults = calloc((size_t)reps, sizeof *faults);
	int status = 0;
	for (int job = 0; job < 2; job++) {
		long rows = 0;
		double first_ms = 0;
		long first_faults = 0;
		for (int i = 0; i < reps; i++) {
			struct run r = {.db = reader, .year = argv[2], .job = job};
			pthread_t t;
			if (pthread_create(&t, NULL, run_job, &r) != 0 || pthread_join(t, NULL) != 0) {
				fprintf(stderr, "longreads: cannot start a thread\n");
				return 1;
			}
			if (r.rc != XQ_OK) {
				fprintf(stderr, "longreads: %s: %s\n", names[job], r.msg);
				status = 1;
				break;
			}
			ms[i] = r.ms;
			faults[i] = r.faults;
			if (i == 0) {
				first_ms = r.ms;
				first_faults = r.faults;
			}
			rows = r.rows;
		}
		if (status)
			break;
		qsort(ms, (size_t)reps, sizeof *ms, cmp_double);
		qsort(faults, (size_t)reps, sizeof *faults, cmp_long);
		printf("%-7s first %6.1f ms %6ld faults · median %6.1f ms, least %6.1f, %6ld faults "
		       "(%ld rows, %d runs)\n",
			names[job], first_ms, first_faults, ms[reps / 2], ms[0], faults[reps / 2], rows,
			reps);
	}
	free(ms);
	free(faults);
	db_close(reader);
	db_close(db);
	return status;
}
