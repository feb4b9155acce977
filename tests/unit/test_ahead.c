/* test_ahead.c: reading ahead (tui/ahead.c) over a console that holds one read ahead at a
 * time, as tui/app.c does, and runs its jobs when the test says: a result read ahead is
 * kept for its generation and handed to the view that wants it, with that view as owner;
 * a view opened while it is read waits for it; several are read in turn; a long read a key
 * asks for drops the one being read and frees every result kept, none read ahead again for
 * the same data; a result of other data is never handed over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/ahead.h"
#include "tui/work.h"

/* the console: its read ahead (one), and the jobs handed over as finished */
static struct {
	struct work_job *job; /* the read ahead queued or running, NULL when none */
	const void *owner;
	void (*drop)(void *ctx);
	void *ctx;
	struct work_job *ready[8];
	int64_t ready_us[8];
	int nready;
} con;

static void give_up(bool tell)
{
	if (con.job)
		con.job->free(con.job);
	con.job = NULL;
	void (*drop)(void *) = con.drop;
	void *ctx = con.ctx;
	con.owner = NULL;
	con.drop = NULL;
	con.ctx = NULL;
	if (tell && drop)
		drop(ctx);
}

void app_work_ahead(struct app *a, struct work_job *j, void (*drop)(void *ctx), void *ctx)
{
	(void)a;
	if (con.owner == j->owner || (con.owner && con.job))
		give_up(con.owner != j->owner);
	con.job = j;
	con.owner = j->owner;
	con.drop = drop;
	con.ctx = ctx;
}

void app_work_ahead_end(struct app *a, const void *owner)
{
	(void)a;
	if (con.owner == owner)
		give_up(false);
}

void app_work_ready(struct app *a, struct work_job *j, int64_t asked_us)
{
	(void)a;
	assert_true(con.nready < 8);
	con.ready_us[con.nready] = asked_us;
	con.ready[con.nready++] = j;
}

/* a long read a key asks for (app_work): the read ahead gives way */
static void key_read(void)
{
	if (con.owner)
		give_up(true);
}

/* the read ahead runs and its result is collected */
static void finish(void)
{
	struct work_job *j = con.job;
	assert_non_null(j);
	con.job = NULL;
	j->run(j, NULL);
	j->done(j, NULL);
	j->free(j);
}

/* the view's job: what it read, and whose it became */
static int made, freed, own_reads;
static unsigned data_now;
struct vjob {
	struct work_job j;
	unsigned read;
};

static void v_run(struct work_job *j, struct db *db)
{
	(void)db;
	((struct vjob *)j)->read = data_now;
}

static void v_done(struct work_job *j, struct app *a)
{
	(void)j;
	(void)a;
}

static void v_free(struct work_job *j)
{
	freed++;
	free(j);
}

static struct work_job *v_make(void *ctx)
{
	(void)ctx;
	struct vjob *j = calloc(1, sizeof *j);
	j->j = (struct work_job){.name = "view", .run = v_run, .done = v_done, .free = v_free};
	made++;
	return &j->j;
}

static void v_read_own(void *consumer)
{
	(void)consumer;
	own_reads++;
}

static const struct ahead_ops ops = {.make = v_make, .read_own = v_read_own};

static int setup(void **state)
{
	(void)state;
	memset(&con, 0, sizeof con);
	made = freed = own_reads = 0;
	data_now = 1;
	return 0;
}

/* what was handed over: its owner and what it read; collected as the console does */
static unsigned collect(const void *owner, int64_t us)
{
	assert_int_equal(con.nready, 1);
	struct work_job *j = con.ready[0];
	con.nready = 0;
	assert_ptr_equal(j->owner, owner);
	assert_int_equal(con.ready_us[0], us);
	unsigned read = ((struct vjob *)j)->read;
	j->done(j, NULL);
	j->free(j);
	return read;
}

static void test_kept_and_taken(void **state)
{
	(void)state;
	struct ahead h;
	int view;
	ahead_init(&h, NULL, "view-ahead", &ops, NULL);
	ahead_ask(&h, 1, "2026-2027");
	assert_true(ahead_pending(&h));
	ahead_ask(&h, 1, "2026-2027"); /* asked already: not read twice */
	assert_int_equal(made, 1);
	finish();
	assert_false(ahead_pending(&h));
	assert_int_equal(con.nready, 0); /* nobody wants it yet: kept */
	assert_int_equal(ahead_take(&h, 1, "2026-2027", &view, 42), AHEAD_TAKEN);
	assert_int_equal(collect(&view, 42), 1);
	/* taken: this generation is not read again, the view reads for itself */
	assert_int_equal(ahead_take(&h, 1, "2026-2027", &view, 43), AHEAD_NONE);
	ahead_ask(&h, 1, "2026-2027");
	assert_int_equal(made, 1);
	ahead_free(&h);
	assert_int_equal(freed, 1);
}

static void test_waiting(void **state)
{
	(void)state;
	struct ahead h;
	int view;
	ahead_init(&h, NULL, "view-ahead", &ops, NULL);
	ahead_ask(&h, 1, "2026-2027");
	assert_int_equal(ahead_take(&h, 1, "2026-2027", &view, 7), AHEAD_WAITING);
	assert_int_equal(con.nready, 0);
	finish();
	assert_int_equal(collect(&view, 7), 1);
	/* a view that goes while waiting is handed nothing; the result is kept */
	data_now = 2;
	ahead_ask(&h, 2, "2026-2027");
	assert_int_equal(ahead_take(&h, 2, "2026-2027", &view, 8), AHEAD_WAITING);
	ahead_forget(&h, &view);
	finish();
	assert_int_equal(con.nready, 0);
	int other;
	assert_int_equal(ahead_take(&h, 2, "2026-2027", &other, 9), AHEAD_TAKEN);
	assert_int_equal(collect(&other, 9), 2);
	ahead_free(&h);
	assert_int_equal(own_reads, 0);
}

static void test_other_data(void **state)
{
	(void)state;
	struct ahead h;
	int view;
	ahead_init(&h, NULL, "view-ahead", &ops, NULL);
	ahead_ask(&h, 1, "2026-2027");
	finish();
	/* the data changed since, or another year is chosen: never handed over */
	assert_int_equal(ahead_take(&h, 2, "2026-2027", &view, 1), AHEAD_NONE);
	assert_int_equal(freed, 1);
	ahead_ask(&h, 3, "2026-2027");
	finish();
	assert_int_equal(ahead_take(&h, 3, "2025-2026", &view, 1), AHEAD_NONE);
	assert_int_equal(freed, 2);
	/* read for data that changed while it ran: not kept */
	data_now = 4;
	ahead_ask(&h, 4, "2026-2027");
	struct work_job *j = con.job;
	con.job = NULL;
	j->run(j, NULL);
	data_now = 5;
	ahead_ask(&h, 5, "2026-2027"); /* gives the slot to the new read */
	j->done(j, NULL);
	j->free(j);
	assert_int_equal(ahead_take(&h, 5, "2026-2027", &view, 1), AHEAD_WAITING);
	finish();
	assert_int_equal(collect(&view, 1), 5);
	ahead_free(&h);
}

static void test_key_reads_first(void **state)
{
	(void)state;
	struct ahead h;
	int view;
	ahead_init(&h, NULL, "view-ahead", &ops, NULL);
	/* a key's read while the read ahead waits: dropped, the view waiting reads itself */
	ahead_ask(&h, 1, "2026-2027");
	assert_int_equal(ahead_take(&h, 1, "2026-2027", &view, 1), AHEAD_WAITING);
	key_read();
	assert_null(con.job);
	assert_int_equal(own_reads, 1);
	assert_false(ahead_pending(&h));
	/* and it is not read ahead again for the same data; for new data it is */
	ahead_ask(&h, 1, "2026-2027");
	assert_int_equal(made, 1);
	assert_int_equal(ahead_take(&h, 1, "2026-2027", &view, 2), AHEAD_NONE);
	ahead_ask(&h, 2, "2026-2027");
	assert_int_equal(made, 2);
	finish();
	/* a result kept goes at a key's read */
	key_read();
	assert_int_equal(freed, 2);
	assert_int_equal(ahead_take(&h, 2, "2026-2027", &view, 5), AHEAD_NONE);
	assert_int_equal(own_reads, 1);
	ahead_free(&h);
}

static void test_two_in_turn(void **state)
{
	(void)state;
	struct ahead plan, pick;
	int pv, pp;
	ahead_init(&plan, NULL, "plan-ahead", &ops, NULL);
	ahead_init(&pick, NULL, "pick-ahead", &ops, NULL);
	ahead_ask(&plan, 1, "y");
	finish();
	ahead_ask(&pick, 1, "y"); /* the console's one read ahead passes to the picker's */
	assert_int_equal(freed, 0); /* the plan made is kept */
	finish();
	assert_int_equal(ahead_take(&plan, 1, "y", &pv, 3), AHEAD_TAKEN);
	assert_int_equal(collect(&pv, 3), 1);
	/* a key's read: the picker's rows go, and neither is read ahead again */
	key_read();
	assert_int_equal(freed, 2);
	ahead_ask(&plan, 1, "y");
	ahead_ask(&pick, 1, "y");
	assert_int_equal(made, 2);
	/* a read ahead asked while another is read drops that one */
	data_now = 2;
	ahead_ask(&plan, 2, "y");
	finish();
	ahead_ask(&pick, 2, "y");
	assert_true(ahead_pending(&pick));
	data_now = 3;
	ahead_ask(&plan, 3, "y");
	assert_false(ahead_pending(&pick));
	finish();
	assert_int_equal(ahead_take(&plan, 3, "y", &pv, 6), AHEAD_TAKEN);
	assert_int_equal(collect(&pv, 6), 3);
	assert_int_equal(ahead_take(&pick, 2, "y", &pp, 7), AHEAD_NONE);
	ahead_free(&plan);
	ahead_free(&pick);
	assert_int_equal(freed, made);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_kept_and_taken, setup),
		cmocka_unit_test_setup(test_waiting, setup),
		cmocka_unit_test_setup(test_other_data, setup),
		cmocka_unit_test_setup(test_key_reads_first, setup),
		cmocka_unit_test_setup(test_two_in_turn, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
