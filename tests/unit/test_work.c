/* test_work.c: the console's long reads on a thread of their own (tui/work.c) — jobs run in
 * order over the second connection and come back one by one; a dropped owner's jobs never
 * come back (queued, running or finished) and are all freed; held jobs wait until the
 * work is released; a job read ahead comes back as finished without running; the work stops with jobs still queued; the reading connection sees other connections' commits and writes
 * nothing. And what the teacher picker reads agrees with the county's walk for every demo
 * teacher: the picker's own walk (db_exchange_pick_each: id order, the exchange that holds
 * the year) and the selected teacher's whole record (db_exchange_eligibility_one); and the
 * quota counted as the teachers stream by is the quota of the county held whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/exchange.h"
#include "db/db.h"
#include "db/demo.h"
#include "db/exchange.h"
#include "db/policy.h"
#include "db/internal.h"
#include "db/school.h"
#include "db/teacher.h"
#include "tui/work.h"

static char tmpdir[256], path[512];
static int freed;

struct count_job {
	struct work_job j;
	int order;
	long exchanges; /* what the reader counted */
	int rc;
	int sleep_ms;
};

static void count_run(struct work_job *j_, struct db *db)
{
	struct count_job *j = (struct count_job *)j_;
	if (j->sleep_ms)
		usleep((useconds_t)j->sleep_ms * 1000);
	struct exchange_query q;
	exchange_query_init(&q);
	j->exchanges = db_exchange_count(db, &q);
}

static void count_done(struct work_job *j, struct app *a)
{
	(void)j;
	(void)a;
}

static void count_free(struct work_job *j)
{
	freed++;
	free(j);
}

static struct count_job *job(const void *owner, int order, int sleep_ms)
{
	struct count_job *j = calloc(1, sizeof *j);
	j->j = (struct work_job){.name = "count", .owner = owner, .run = count_run, .done = count_done,
		.free = count_free};
	j->order = order;
	j->sleep_ms = sleep_ms;
	return j;
}

/* The next finished job, waiting (bounded) for it. */
static struct count_job *next_done(struct work *w)
{
	for (int i = 0; i < 2000; i++) {
		struct work_job *j = work_next_done(w);
		if (j)
			return (struct count_job *)j;
		if (!work_busy(w))
			return NULL;
		usleep(1000);
	}
	return NULL;
}

static struct db *open_db(void)
{
	struct db *db;
	char msg[XQ_MSG_MAX] = "";
	if (db_open(path, DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("open: %s", msg);
	return db;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/xq-work-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof path, "%s/w.db", tmpdir);
	db_policy_seed(NULL);
	struct db *db = open_db();
	char msg[XQ_MSG_MAX] = "";
	int rc = db_demo_load(db, DEMO_COUNTY, msg);
	db_close(db);
	return rc == XQ_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char side[600];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(tmpdir);
	return 0;
}

static void test_order_and_drop(void **state)
{
	(void)state;
	struct db *db = open_db();
	struct exchange_query q;
	exchange_query_init(&q);
	long want = db_exchange_count(db, &q);
	assert_true(want > 0);
	struct work *w = work_new(db);
	int a, b; /* two owners */
	freed = 0;
	work_submit(w, &job(&a, 1, 50)->j, 0); /* runs while the others wait */
	work_submit(w, &job(&b, 2, 0)->j, 0);
	work_submit(w, &job(&a, 3, 0)->j, 0);
	work_submit(w, &job(&b, 4, 0)->j, 0);
	assert_true(work_pending(w, &a));
	work_drop(w, &b);
	assert_false(work_pending(w, &b));
	struct count_job *j;
	int seen[8], n = 0;
	while ((j = next_done(w))) {
		assert_ptr_equal(j->j.owner, &a);
		assert_int_equal(j->exchanges, want);
		assert_true(j->j.run_us >= 0);
		seen[n++] = j->order;
		j->j.free(&j->j);
	}
	assert_int_equal(n, 2);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1], 3);
	assert_int_equal(freed, 4); /* the dropped ones too */
	assert_false(work_busy(w));

	/* a running job dropped does not come back */
	freed = 0;
	work_submit(w, &job(&a, 5, 100)->j, 0);
	usleep(20 * 1000);
	work_drop(w, &a);
	assert_null(next_done(w));
	assert_int_equal(freed, 1);

	/* stopping with jobs queued frees them all */
	freed = 0;
	for (int i = 0; i < 5; i++)
		work_submit(w, &job(&a, 10 + i, 20)->j, 0);
	work_free(w);
	assert_int_equal(freed, 5);
	db_close(db);
}

/* Jobs given while the work is held wait, queued, until it is released (a running one
 * runs on); released, they run in order; a held job dropped never runs. */
static void test_hold(void **state)
{
	(void)state;
	struct db *db = open_db();
	struct work *w = work_new(db);
	int a, b;
	freed = 0;
	work_submit(w, &job(&a, 1, 60)->j, 0);
	usleep(20 * 1000); /* job 1 is running */
	work_hold(w, true);
	work_submit(w, &job(&a, 2, 0)->j, 0);
	work_submit(w, &job(&b, 3, 0)->j, 0);
	struct count_job *j = next_done(w); /* the running one ends */
	assert_non_null(j);
	assert_int_equal(j->order, 1);
	j->j.free(&j->j);
	usleep(50 * 1000);
	assert_null(work_next_done(w)); /* the held ones have not run */
	assert_true(work_pending(w, &a));
	work_drop(w, &b);
	work_hold(w, false);
	j = next_done(w);
	assert_non_null(j);
	assert_int_equal(j->order, 2);
	assert_true(j->exchanges > 0);
	j->j.free(&j->j);
	assert_null(next_done(w));
	assert_int_equal(freed, 3);
	assert_false(work_busy(w));
	work_free(w);
	db_close(db);
}

/* A job whose results were read ahead is handed over as finished, never run: returned by
 * the next work_next_done after the jobs finished before it, with the time it was asked
 * for and no work of the thread's; dropped with its owner like any other. */
static void test_ready(void **state)
{
	(void)state;
	struct db *db = open_db();
	struct work *w = work_new(db);
	int a, b;
	freed = 0;
	work_submit(w, &job(&a, 1, 0)->j, 0);
	struct count_job *j = next_done(w);
	assert_non_null(j);
	assert_int_equal(j->order, 1);
	j->j.free(&j->j);
	struct count_job *r = job(&a, 2, 0);
	r->exchanges = -7; /* what was read ahead: kept, not read again */
	work_ready(w, &r->j, 12345);
	assert_true(work_busy(w));
	j = next_done(w);
	assert_ptr_equal(j, r);
	assert_int_equal(j->exchanges, -7);
	assert_int_equal(j->j.queued_us, 12345);
	assert_int_equal(j->j.run_us, 0);
	j->j.free(&j->j);
	work_ready(w, &job(&b, 3, 0)->j, 0);
	work_drop(w, &b);
	assert_null(work_next_done(w));
	assert_int_equal(freed, 3);
	assert_false(work_busy(w));
	work_free(w);
	db_close(db);
}

/* The reader sees a commit of the console's own connection made after it opened, and
 * refuses to write. */
static void test_reader_reads_only(void **state)
{
	(void)state;
	struct db *db = open_db(), *r = NULL;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(db_reader(db, &r, msg), XQ_OK);
	struct exchange_query q;
	exchange_query_init(&q);
	q.status = EXS_PROPOSED;
	long before = db_exchange_count(r, &q);
	assert_true(before > 0);
	struct exchange_row row;
	assert_int_equal(db_exchange_page(db, &q, 0, 1, &row), 1);
	assert_int_equal(db_exchange_act(db, row.e.id, row.e.rev, "cancel", 0, msg), XQ_OK);
	assert_int_equal(db_exchange_count(r, &q), before - 1);
	/* the reader writes nothing */
	assert_int_not_equal(db_exchange_act(r, row.e.id, row.e.rev + 1, "reject", 0, msg), XQ_OK);
	long total;
	exchange_query_init(&q);
	total = db_exchange_count(db, &q);
	assert_true(total > 0);
	db_close(r);
	db_close(db);
}

struct walk {
	struct db *db;
	const char *year;
	const struct exchange_policy *p;
	int n, differ;
};

static int compare_one(void *ctx, const struct teacher_elig *e)
{
	struct walk *w = ctx;
	struct teacher_elig one;
	char msg[XQ_MSG_MAX] = "";
	if (db_exchange_eligibility_one(w->db, w->year, w->p, e->t.id, &one, msg) != XQ_OK)
		fail_msg("%s: %s", e->t.staff_no, msg);
	w->n++;
	if (one.elig != e->elig || strcmp(one.why, e->why) != 0 || one.years_at_school != e->years_at_school ||
	    one.principal != e->principal || strcmp(one.principal_why, e->principal_why) != 0 ||
	    one.district_id != e->district_id || strcmp(one.school_name, e->school_name) != 0) {
		print_error("%s: %d '%s' against %d '%s'\n", e->t.staff_no, one.elig, one.why, e->elig, e->why);
		w->differ++;
	}
	return XQ_OK;
}

static void test_eligibility_one(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX] = "";
	const char *years[] = {"2024-2025", "2025-2026", "2026-2027"};
	for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
		struct walk w = {db, years[i], db_exchange_policy(db), 0, 0};
		assert_int_equal(db_exchange_eligibility_each(db, years[i], w.p, 0, compare_one, &w, msg), XQ_OK);
		assert_true(w.n > 100);
		assert_int_equal(w.differ, 0);
	}
	struct teacher_elig one;
	assert_int_equal(db_exchange_eligibility_one(db, "2025-2026", db_exchange_policy(db), 999999999, &one, msg),
		XQ_ERR);
	assert_int_equal(db_exchange_eligibility_one(db, "2025", db_exchange_policy(db), 1, &one, msg), XQ_ERR);
	db_close(db);
}

/* The picker's walk: every teacher once, in id order, with the full walk's answer; an
 * eligible teacher is marked busy exactly when one of their exchanges holds the year. */
struct pick_check {
	struct db *db;
	const char *year;
	const struct exchange_policy *p;
	struct teacher_elig *full;
	int nfull, n, differ, busy;
	int64_t last_id;
	char **words; /* by the reasons' numbers: one number, one reason's words */
	int nwords;
};

static int check_pick(void *ctx, const struct teacher_pick *k)
{
	struct pick_check *c = ctx;
	assert_true(k->t->id > c->last_id);
	c->last_id = k->t->id;
	const struct teacher_elig *e = NULL;
	for (int i = 0; i < c->nfull && !e; i++)
		if (c->full[i].t.id == k->t->id)
			e = &c->full[i];
	assert_non_null(e);
	c->n++;
	if (k->elig != e->elig || strcmp(k->why, e->why) != 0 || k->years_at_school != e->years_at_school ||
	    strcmp(k->school_name, e->school_name) != 0 || strcmp(k->t->staff_no, e->t.staff_no) != 0 ||
	    strcmp(k->t->name, e->t.name) != 0 || k->t->backbone != e->t.backbone) {
		print_error("%s: %d '%s' against %d '%s'\n", e->t.staff_no, k->elig, k->why, e->elig, e->why);
		c->differ++;
	}
	/* the reason's number: -1 for none, else the same words each time it comes */
	assert_int_equal(k->why_no < 0, k->elig == ELIG_YES);
	if (k->why_no >= 0) {
		assert_true(k->why_no <= c->nwords);
		if (k->why_no == c->nwords) {
			c->words = realloc(c->words, (size_t)(c->nwords + 1) * sizeof *c->words);
			c->words[c->nwords++] = strdup(k->why);
		}
		assert_string_equal(c->words[k->why_no], k->why);
	}
	/* busy: as the teacher's own exchanges say */
	struct exchange_row *ex = NULL;
	int nex = 0, holds = 0;
	assert_int_equal(db_teacher_exchanges(c->db, k->t->id, &ex, &nex), XQ_OK);
	for (int i = 0; i < nex; i++) {
		struct exchange_brief b;
		exchange_brief_of(&ex[i].e, &b);
		holds |= exchange_holds_year(&b, c->year);
	}
	free(ex);
	assert_int_equal(k->busy != NULL, k->elig == ELIG_YES && holds);
	if (k->busy) {
		assert_int_equal(k->busy->teacher_id, k->t->id);
		assert_true(exchange_holds_year(k->busy, c->year));
		assert_true(*k->busy_to);
		c->busy++;
	}
	return XQ_OK;
}

static void test_pick_walk(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX] = "";
	const char *years[] = {"2024-2025", "2025-2026", "2026-2027"};
	int busy = 0;
	for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
		struct pick_check c = {db, years[i], db_exchange_policy(db), NULL, 0, 0, 0, 0, 0, NULL, 0};
		assert_int_equal(db_exchange_eligibility(db, years[i], c.p, 0, &c.full, &c.nfull, msg), XQ_OK);
		assert_int_equal(db_exchange_pick_each(db, years[i], c.p, check_pick, &c, msg), XQ_OK);
		assert_int_equal(c.n, c.nfull);
		assert_int_equal(c.differ, 0);
		/* the teachers not offered share fewer reasons than they are */
		int no = 0;
		for (int k = 0; k < c.nfull; k++)
			no += c.full[k].elig != ELIG_YES;
		assert_true(c.nwords > 0 && c.nwords < no);
		busy += c.busy;
		free(c.full);
		for (int k = 0; k < c.nwords; k++)
			free(c.words[k]);
		free(c.words);
	}
	assert_true(busy > 0); /* the demo has exchanges that hold a year */
	assert_int_equal(db_exchange_pick_each(db, "2025", db_exchange_policy(db), check_pick, NULL, msg), XQ_ERR);
	db_close(db);
}

/* A year's pages (the sending schools walked in the order of their codes) hold that year's
 * exchanges in the order of every year's list, page after page, under each filter. */
static void test_year_pages(void **state)
{
	(void)state;
	struct db *db = open_db();
	struct exchange_query all;
	exchange_query_init(&all);
	long nx = db_exchange_count(db, &all);
	assert_true(nx > 10);
	struct exchange_row *every = calloc((size_t)nx, sizeof *every), *page = calloc(7, sizeof *page);
	assert_int_equal(db_exchange_page(db, &all, 0, (int)nx, every), nx);
	const char *years[] = {"2024-2025", "2025-2026", "2026-2027"};
	int64_t school = every[nx / 2].e.from_school_id;
	long seen = 0;
	for (int f = 0; f < 4; f++)
		for (size_t y = 0; y < sizeof years / sizeof *years; y++) {
			struct exchange_query q;
			exchange_query_init(&q);
			q.year = years[y];
			if (f == 1)
				q.status = EXS_PROPOSED;
			else if (f == 2)
				q.school_id = school;
			else if (f == 3)
				q.search = "1";
			struct exchange_query wide = q;
			wide.year = NULL;
			long nw = db_exchange_count(db, &wide), n = db_exchange_count(db, &q), at = 0, k = 0;
			struct exchange_row *w = calloc((size_t)nw + 1, sizeof *w);
			assert_int_equal(db_exchange_page(db, &wide, 0, (int)nw, w), nw);
			for (long off = 0; off < n; off += 7) {
				int got = db_exchange_page(db, &q, off, 7, page);
				assert_int_equal(got, n - off < 7 ? n - off : 7);
				for (int i = 0; i < got; i++, k++) {
					while (at < nw && strcmp(w[at].e.year, years[y]) != 0)
						at++;
					assert_true(at < nw);
					assert_int_equal(page[i].e.id, w[at].e.id);
					assert_string_equal(page[i].teacher_name, w[at].teacher_name);
					at++;
				}
			}
			assert_int_equal(k, n);
			seen += n;
			free(w);
		}
	assert_true(seen > nx); /* some filter found rows in more than one year */
	free(every);
	free(page);
	db_close(db);
}

/* The quota counted as the teachers stream by (db_exchange_quota2) is the quota of the
 * county's facts and exchanges held whole (exchange_quota_group), in every scope and year. */
static void test_quota_streamed(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX] = "";
	const struct exchange_policy *p = db_exchange_policy(db);
	struct exchange_query q;
	exchange_query_init(&q);
	long nx = db_exchange_count(db, &q);
	assert_true(nx > 0);
	struct exchange_row *xr = calloc((size_t)nx, sizeof *xr);
	assert_int_equal(db_exchange_page(db, &q, 0, (int)nx, xr), nx);
	struct exchange_brief *xs = calloc((size_t)nx, sizeof *xs);
	for (long i = 0; i < nx; i++)
		exchange_brief_of(&xr[i].e, &xs[i]);
	free(xr);
	const char *years[] = {"2024-2025", "2025-2026", "2026-2027"};
	long exchanged = 0;
	for (size_t y = 0; y < sizeof years / sizeof *years; y++) {
		struct teacher_elig *te;
		int nt;
		assert_int_equal(db_exchange_eligibility(db, years[y], p, 0, &te, &nt, msg), XQ_OK);
		struct exchange_fact *f = calloc((size_t)nt + 1, sizeof *f);
		for (int i = 0; i < nt; i++)
			f[i] = (struct exchange_fact){te[i].t.id, te[i].t.school_id, te[i].district_id,
				te[i].elig == ELIG_YES, te[i].t.backbone};
		free(te);
		for (int scope = EXSCOPE_COUNTY; scope <= EXSCOPE_SCHOOL; scope++) {
			struct exchange_quota_row *want;
			int nw = exchange_quota_group(f, nt, xs, (int)nx, years[y], p, scope, &want);
			struct quota_row *got;
			int ng;
			struct exchange_quota county;
			assert_int_equal(db_exchange_quota2(db, years[y], p, scope, &got, &ng, &county, msg), XQ_OK);
			assert_int_equal(ng, nw);
			for (int i = 0; i < nw; i++) {
				assert_int_equal(got[i].r.key, want[i].key);
				assert_int_equal(got[i].r.q.eligible, want[i].q.eligible);
				assert_int_equal(got[i].r.q.exchanged, want[i].q.exchanged);
				assert_int_equal(got[i].r.q.backbone_exchanged, want[i].q.backbone_exchanged);
				assert_int_equal(got[i].r.q.missing, want[i].q.missing);
				if (scope == EXSCOPE_COUNTY) {
					assert_int_equal(county.exchanged, want[i].q.exchanged);
					exchanged += want[i].q.exchanged;
				}
			}
			/* the three scopes from one reading (the console's gauges): the same rows */
			struct quota_sets sets;
			assert_int_equal(db_exchange_quota_sets(db, years[y], p, &sets, msg), XQ_OK);
			const struct quota_row *one = scope == EXSCOPE_SCHOOL ? sets.school : sets.district;
			int none = scope == EXSCOPE_SCHOOL ? sets.nschool : sets.ndistrict;
			if (scope == EXSCOPE_COUNTY) {
				assert_int_equal(sets.county.eligible, county.eligible);
				assert_int_equal(sets.county.exchanged, county.exchanged);
				assert_int_equal(sets.county.missing_backbone, county.missing_backbone);
			} else {
				assert_int_equal(none, ng);
				for (int i = 0; i < ng; i++) {
					assert_int_equal(one[i].r.key, got[i].r.key);
					assert_string_equal(one[i].name, got[i].name);
					assert_string_equal(one[i].code, got[i].code);
					assert_int_equal(one[i].r.q.eligible, got[i].r.q.eligible);
					assert_int_equal(one[i].r.q.exchanged, got[i].r.q.exchanged);
					assert_int_equal(one[i].r.q.backbone_exchanged, got[i].r.q.backbone_exchanged);
					assert_int_equal(one[i].r.q.base, got[i].r.q.base);
					assert_int_equal(one[i].r.q.missing, got[i].r.q.missing);
					assert_int_equal(one[i].r.q.missing_backbone, got[i].r.q.missing_backbone);
					assert_int_equal(one[i].r.q.ok, got[i].r.q.ok);
				}
			}
			quota_sets_free(&sets);
			free(want);
			free(got);
		}
		free(f);
	}
	assert_true(exchanged > 0); /* the demo's years have exchanges that count */
	free(xs);
	db_close(db);
}

struct find_pick {
	int64_t id;
	int found, elig;
	char school[128];
};

static int find_pick(void *ctx, const struct teacher_pick *k)
{
	struct find_pick *f = ctx;
	if (k->t->id == f->id) {
		f->found++;
		f->elig = k->elig;
		snprintf(f->school, sizeof f->school, "%s", k->school_name);
	}
	return XQ_OK;
}

/* A school and teacher made with an offline pack's ids (2^40 apart) are read by every
 * county walk like the others (the schools are looked up, not laid out by id). */
static void test_far_ids(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX] = "";
	db->id_lo = (int64_t)3 << 40;
	db->id_hi = db->id_lo + DB_ID_SPAN;
	struct school sc;
	school_init(&sc);
	strcpy(sc.code, "9900000001");
	strcpy(sc.name, "远号小学");
	sc.level = LEVEL_PRIMARY;
	sc.location = LOC_TOWN;
	assert_int_equal(db_school_insert(db, &sc, msg), XQ_OK);
	assert_true(sc.id >= db->id_lo);
	struct teacher t;
	teacher_init(&t);
	strcpy(t.staff_no, "T990000001");
	strcpy(t.name, "远老师");
	t.gender = 'F';
	strcpy(t.birth_date, "1985-03-01");
	t.school_id = sc.id;
	t.education = EDU_BACHELOR;
	t.employment = EMP_IN_POST;
	t.post = POST_TEACHER;
	strcpy(t.joined_school_on, "2012-09-01");
	assert_int_equal(db_teacher_insert(db, &t, msg), XQ_OK);
	const struct exchange_policy *p = db_exchange_policy(db);
	struct teacher_elig *te;
	int nt, found = 0;
	assert_int_equal(db_exchange_eligibility(db, "2026-2027", p, 0, &te, &nt, msg), XQ_OK);
	for (int i = 0; i < nt; i++)
		if (te[i].t.id == t.id) {
			found++;
			assert_int_equal(te[i].elig, ELIG_YES);
			assert_string_equal(te[i].school_name, "远号小学");
		}
	free(te);
	assert_int_equal(found, 1);
	struct find_pick fp = {t.id, 0, -1, ""};
	assert_int_equal(db_exchange_pick_each(db, "2026-2027", p, find_pick, &fp, msg), XQ_OK);
	assert_int_equal(fp.found, 1);
	assert_int_equal(fp.elig, ELIG_YES);
	assert_string_equal(fp.school, "远号小学");
	struct quota_row *qr;
	int nq;
	assert_int_equal(db_exchange_quota2(db, "2026-2027", p, EXSCOPE_SCHOOL, &qr, &nq, NULL, msg), XQ_OK);
	found = 0;
	for (int i = 0; i < nq; i++)
		if (qr[i].r.key == sc.id) {
			found++;
			assert_int_equal(qr[i].r.q.eligible, 1);
		}
	free(qr);
	assert_int_equal(found, 1);
	struct plan_report pr;
	assert_int_equal(db_exchange_plan(db, "2026-2027", p, &pr, msg), XQ_OK);
	plan_report_free(&pr);
	struct teacher_elig one;
	assert_int_equal(db_exchange_eligibility_one(db, "2026-2027", p, t.id, &one, msg), XQ_OK);
	assert_int_equal(one.elig, ELIG_YES);
	db_close(db);
}

/* Which of the plan's proposals are written, each asked alone: the live exchange written
 * for it, or else the first rejected or cancelled one in the list's order. */
static void written_alone(struct db *db, const struct plan_report *r, int *w)
{
	for (int i = 0; i < r->n; i++) {
		const struct exchange *e = &r->proposals[i].e;
		struct exchange got;
		bool live = db_exchange_find(db, e->teacher_id, e->start_date, e->to_school_id, &got) == XQ_OK &&
			    got.to_school_id == e->to_school_id;
		w[i] = live || db_exchange_find_dead(db, e->teacher_id, e->start_date, e->to_school_id, -1, 0,
				       &got) == XQ_OK ? got.status : -1;
	}
}

static void assert_written_alone(struct db *db, const struct plan_report *r, const int *w)
{
	int *alone = calloc((size_t)r->n, sizeof *alone);
	written_alone(db, r, alone);
	assert_memory_equal(w, alone, (size_t)r->n * sizeof *w);
	free(alone);
}

/* Which of the plan's proposals are written: none live at first; all once applied, as
 * proposed; a cancelled one still counts, with its status; always as each asked alone. */
static void test_plan_written(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX] = "";
	const struct exchange_policy *p = db_exchange_policy(db);
	struct plan_report pr;
	assert_int_equal(db_exchange_plan(db, "2026-2027", p, &pr, msg), XQ_OK);
	assert_true(pr.n > 1);
	int *w = calloc((size_t)pr.n, sizeof *w);
	/* before: nothing live (the plan proposes no one already proposed); the demo's
	 * cancelled exchange of one proposal's teacher, school and date is seen */
	int before = db_exchange_plan_written(db, &pr, w), dead = 0;
	for (int i = 0; i < pr.n; i++) {
		assert_true(w[i] == -1 || w[i] == EXS_REJECTED || w[i] == EXS_CANCELLED);
		dead += w[i] >= 0;
	}
	assert_int_equal(before, dead);
	assert_true(before > 0 && before < pr.n);
	assert_written_alone(db, &pr, w);
	assert_int_equal(db_exchange_plan_apply(db, &pr, p, msg), XQ_OK);
	assert_int_equal(db_exchange_plan_written(db, &pr, w), pr.n);
	for (int i = 0; i < pr.n; i++)
		assert_int_equal(w[i], EXS_PROPOSED);
	assert_written_alone(db, &pr, w);
	struct exchange got;
	const struct exchange *e = &pr.proposals[1].e;
	assert_int_equal(db_exchange_find(db, e->teacher_id, e->start_date, e->to_school_id, &got), XQ_OK);
	assert_int_equal(db_exchange_act(db, got.id, got.rev, "cancel", 0, msg), XQ_OK);
	assert_int_equal(db_exchange_plan_written(db, &pr, w), pr.n);
	assert_int_equal(w[1], EXS_CANCELLED);
	assert_int_equal(w[0], EXS_PROPOSED);
	assert_written_alone(db, &pr, w);
	/* proposed again after the cancelled one: the live one is seen */
	struct exchange again = *e;
	again.id = 0;
	assert_int_equal(db_exchange_insert(db, &again, p, msg), XQ_OK);
	assert_int_equal(db_exchange_plan_written(db, &pr, w), pr.n);
	assert_int_equal(w[1], EXS_PROPOSED);
	assert_written_alone(db, &pr, w);
	free(w);
	plan_report_free(&pr);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_drop),
		cmocka_unit_test(test_hold),
		cmocka_unit_test(test_ready),
		cmocka_unit_test(test_reader_reads_only),
		cmocka_unit_test(test_eligibility_one),
		cmocka_unit_test(test_pick_walk),
		cmocka_unit_test(test_quota_streamed),
		cmocka_unit_test(test_year_pages),
		cmocka_unit_test(test_far_ids), /* it adds to the shared database */
		cmocka_unit_test(test_plan_written), /* last: it writes the plan */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
