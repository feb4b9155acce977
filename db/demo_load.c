/* demo_load.c: stores the generated demo county, resolving natural keys to row ids, and
 * gives it a history of exchanges: last year's completed and evaluated, this year's
 * proposed and approved, as the planner would have chosen them under the default policy. */
#include <stdlib.h>
#include <string.h>

#include "core/exchange.h"
#include "db/exchange.h"

#include "core/i18n.h"
#include "db/demo.h"
#include "db/district.h"
#include "db/internal.h"
#include "db/school.h"
#include "db/teacher.h"

struct loader {
	struct db *db;
	char *msg;
	int64_t agreement_id; /* the agreement whose activities come next */
};

static int school_id(struct loader *l, const char *code, int64_t *id)
{
	struct school s;
	if (db_school_by_code(l->db, code, &s) != XQ_OK) {
		xq_msg(l->msg, _("demo data: unknown school code %s"), code);
		return XQ_ERR;
	}
	*id = s.id;
	return XQ_OK;
}

static int on_school(void *ctx, const struct school *s)
{
	struct loader *l = ctx;
	struct school copy = *s;
	return db_school_insert(l->db, &copy, l->msg);
}

static int on_district(void *ctx, const struct district *d)
{
	struct loader *l = ctx;
	struct district copy = *d;
	copy.lead_school_id = 0;
	if (db_district_insert(l->db, &copy, l->msg) != XQ_OK)
		return XQ_ERR;
	if (!*d->lead_school_code)
		return XQ_OK;
	if (school_id(l, d->lead_school_code, &copy.lead_school_id) != XQ_OK)
		return XQ_ERR;
	return db_district_update_lead(l->db, &copy, l->msg);
}

static int on_member(void *ctx, const struct member *m)
{
	struct loader *l = ctx;
	struct member copy = *m;
	struct district d;
	if (db_district_by_name(l->db, m->district_name, &d) != XQ_OK) {
		xq_msg(l->msg, _("demo data: unknown district %s"), m->district_name);
		return XQ_ERR;
	}
	copy.district_id = d.id;
	if (school_id(l, m->school_code, &copy.school_id) != XQ_OK)
		return XQ_ERR;
	return db_member_add(l->db, &copy, l->msg);
}

static int on_agreement(void *ctx, const struct agreement *a)
{
	struct loader *l = ctx;
	struct agreement copy = *a;
	if (school_id(l, a->supporting_code, &copy.supporting_id) != XQ_OK ||
	    school_id(l, a->supported_code, &copy.supported_id) != XQ_OK ||
	    db_agreement_insert(l->db, &copy, l->msg) != XQ_OK)
		return XQ_ERR;
	l->agreement_id = copy.id;
	return XQ_OK;
}

static int on_activity(void *ctx, const struct agreement *a, const struct activity *act)
{
	(void)a;
	struct loader *l = ctx;
	struct activity copy = *act;
	copy.agreement_id = l->agreement_id;
	return db_activity_insert(l->db, &copy, l->msg);
}

static int on_teacher(void *ctx, const struct teacher *t)
{
	struct loader *l = ctx;
	struct teacher copy = *t;
	if (school_id(l, t->school_code, &copy.school_id) != XQ_OK)
		return XQ_ERR;
	return db_teacher_insert(l->db, &copy, l->msg);
}

static int on_exemption(void *ctx, const struct exemption *e)
{
	struct loader *l = ctx;
	struct exemption copy = *e;
	struct teacher t;
	if (db_teacher_by_staff_no(l->db, e->staff_no, &t) != XQ_OK) {
		xq_msg(l->msg, _("demo data: unknown staff number %s"), e->staff_no);
		return XQ_ERR;
	}
	copy.teacher_id = t.id;
	return db_exemption_insert(l->db, &copy, l->msg);
}

/* The school years before and of DEMO_AS_OF. */
#define DEMO_LAST_YEAR "2025-2026"
#define DEMO_THIS_YEAR "2026-2027"

/* Plans a year under policy p and writes the first keep of every 100 proposals (all when
 * 100), each running until the year's end when one_year; *ids gets their ids. */
static int history_year(struct db *db, const char *year, const struct exchange_policy *p, int keep,
	bool one_year, int64_t **ids, int *n, char *msg)
{
	struct plan_report r;
	*ids = NULL;
	*n = 0;
	if (db_exchange_plan(db, year, p, &r, msg) != XQ_OK)
		return XQ_ERR;
	char first[DATE_LEN], last[DATE_LEN];
	exchange_year_bounds(year, p, first, last);
	r.n = r.n * keep / 100;
	for (int i = 0; i < r.n && one_year; i++)
		memcpy(r.proposals[i].e.end_date, last, DATE_LEN);
	int rc = db_exchange_plan_apply(db, &r, p, msg);
	if (rc == XQ_OK) {
		*ids = xcalloc((size_t)r.n + 1, sizeof **ids);
		for (int i = 0; i < r.n; i++)
			(*ids)[i] = r.proposals[i].e.id;
		*n = r.n;
	}
	plan_report_free(&r);
	return rc;
}

/* Last year's exchanges run their year and are evaluated (one in four excellent, one
 * unqualified and so extended); two thirds of this year's plan is proposed, the first
 * half of that approved: the plan still has work to do. */
static int demo_history(struct db *db, char *msg)
{
	struct exchange_policy p;
	exchange_policy_defaults(&p);
	int64_t *ids;
	int n;
	if (history_year(db, DEMO_LAST_YEAR, &p, 100, true, &ids, &n, msg) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_OK;
	for (int i = 0; i < n && rc == XQ_OK; i++) {
		int eval = i == 5 ? EVAL_UNQUALIFIED : i % 4 == 1 ? EVAL_EXCELLENT : EVAL_QUALIFIED;
		if (db_exchange_act(db, ids[i], 0, "approve", -1, msg) != XQ_OK ||
		    db_exchange_act(db, ids[i], 0, "start", -1, msg) != XQ_OK ||
		    db_exchange_act(db, ids[i], 0, "complete", eval, msg) != XQ_OK)
			rc = XQ_ERR;
	}
	free(ids);
	if (rc != XQ_OK || history_year(db, DEMO_THIS_YEAR, &p, 67, false, &ids, &n, msg) != XQ_OK)
		return XQ_ERR;
	for (int i = 0; i < n / 2 && rc == XQ_OK; i++)
		rc = db_exchange_act(db, ids[i], 0, "approve", -1, msg);
	free(ids);
	return rc;
}

int db_demo_load(struct db *db, enum demo_scale scale, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM school", msg);
	if (!st)
		return XQ_ERR;
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (n != 0) {
		xq_msg(msg, "%s", _("the database holds data already; the demo county goes into an empty one"));
		return XQ_ERR;
	}
	struct loader l = {db, msg, 0};
	struct demo_sink sink = {&l, on_school, on_district, on_member, on_agreement, on_activity,
		on_teacher, on_exemption};
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (demo_generate(scale, DEMO_SEED, &sink) != 0 || demo_history(db, msg) != XQ_OK ||
	    db_demo_facilities(db, msg) != XQ_OK || db_demo_timetable(db, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}
