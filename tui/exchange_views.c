/* exchange_views.c: the two views the Exchanges pane pushes over its list — the year's
 * quotas by school or by district (the columns of `xuequ exchange quota`), and the
 * plan's proposals, accepted one by one or all at once as proposed exchanges. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/exchanges.h"
#include "tui/work.h"

/* The keys of an action of v, "" when unbound. */
static const char *action_keys(struct view *v, int id, char *buf, size_t size)
{
	int k = keymap_index(&v->keys, id);
	buf[0] = '\0';
	if (k >= 0)
		keymap_keys_text(&v->keys, k, true, buf, size);
	return buf;
}

static const char *ratio_text(double r, char *buf, size_t size)
{
	if (isnan(r))
		buf[0] = '\0';
	else
		snprintf(buf, size, "%.4f", r);
	return buf;
}

/* ---- quotas by school or district ---- */

enum { QA_BY = 1, QA_SHOW };

static const struct action quota_actions[] = {
	{QA_BY, "exchanges.quota_by", "b", N_("by district/school"), N_("Show the quotas by district or by school"), 0},
	{QA_SHOW, "exchanges.quota_show", "Enter", N_("its exchanges"), N_("Show the exchanges of the school or district in the list"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct quota_view {
	struct view v;
	struct exchanges *x;
	char year[EXCHANGE_YEAR_LEN];
	int scope; /* EXSCOPE_SCHOOL or EXSCOPE_DISTRICT */
	struct quota_row *rows;
	int n;
	struct exchange_quota county;
	bool ok, counting; /* counting: the rows are being read on the work's thread */
	char msg[XQ_MSG_MAX];
	struct list list;
};

static const char *quota_name(const struct quota_view *qv, const struct quota_row *r)
{
	if (qv->scope == EXSCOPE_DISTRICT && r->r.key == 0)
		return _("(no district)");
	return r->name;
}

static long ql_count(void *ctx)
{
	return ((struct quota_view *)ctx)->n;
}

static int ql_page(void *ctx, long off, int limit, void *rows)
{
	struct quota_view *qv = ctx;
	int n = 0;
	for (long i = off; i < qv->n && n < limit; i++)
		((int *)rows)[n++] = (int)i;
	return n;
}

static long ql_position(void *ctx, int64_t id)
{
	struct quota_view *qv = ctx;
	return id >= 1 && id <= qv->n ? id - 1 : -1;
}

static int64_t ql_id(const void *row)
{
	return *(const int *)row + 1;
}

static bool ql_row_matches(void *ctx, const void *row, const char *text)
{
	struct quota_view *qv = ctx;
	const struct quota_row *r = &qv->rows[*(const int *)row];
	return strcasestr(quota_name(qv, r), text) || strcasestr(r->code, text);
}

static long ql_match_count(void *ctx, const char *text)
{
	struct quota_view *qv = ctx;
	long n = 0;
	for (int i = 0; i < qv->n; i++)
		n += ql_row_matches(ctx, &i, text);
	return n;
}

static int ql_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct quota_view *qv = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < qv->n && n < limit; i++)
		if (ql_row_matches(ctx, &i, text) && k++ >= off)
			((int *)rows)[n++] = i;
	return n;
}

static void ql_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct quota_view *qv = ctx;
	const struct quota_row *r = &qv->rows[*(const int *)row];
	const struct exchange_quota *q = &r->r.q;
	const struct exchange_policy *p = exchanges_policy(qv->x);
	switch (col) {
	case 0:
		xq_copy(buf, size, ui_enum(exchange_scope_items, r->r.scope));
		break;
	case 1:
		xq_copy(buf, size, quota_name(qv, r));
		break;
	case 2:
		snprintf(buf, size, "%ld", q->eligible);
		break;
	case 3:
		snprintf(buf, size, "%ld", q->exchanged);
		break;
	case 4:
		ratio_text(q->ratio, buf, size);
		break;
	case 5:
		ratio_text(p->min_ratio, buf, size);
		break;
	case 6:
		snprintf(buf, size, "%ld", q->backbone_exchanged);
		break;
	case 7:
		ratio_text(q->backbone_ratio, buf, size);
		break;
	case 8:
		ratio_text(p->backbone_min_ratio, buf, size);
		break;
	case 9:
		snprintf(buf, size, "%ld", q->missing);
		break;
	case 10:
		snprintf(buf, size, "%ld", q->missing_backbone);
		break;
	case 11:
		xq_copy(buf, size, q->ok ? "✓ 1" : "✗ 0");
		break;
	}
}

static const struct list_column ql_columns[] = {
	{N_("Scope"), 6, 0, false, 6},
	{N_("Name"), 22, 1, false, 0},
	{N_("Eligible"), 8, 0, true, 0},
	{N_("Exchanged"), 9, 0, true, 0},
	{N_("Ratio"), 6, 0, true, 2},
	{N_("Target"), 6, 0, true, 4},
	{N_("Backbone"), 8, 0, true, 0},
	{N_("BB ratio"), 8, 0, true, 3},
	{N_("BB target"), 9, 0, true, 5},
	{N_("Missing"), 7, 0, true, 0},
	{N_("BB missing"), 10, 0, true, 1},
	{N_("Met"), 4, 0, false, 0},
};

static const struct list_source ql_source = {
	.columns = ql_columns,
	.ncolumns = 12,
	.row_size = sizeof(int),
	.empty = N_("No school has teachers in this year."),
	.count = ql_count,
	.page = ql_page,
	.position = ql_position,
	.row_id = ql_id,
	.cell = ql_cell,
	.match_count = ql_match_count,
	.match_page = ql_match_page,
	.row_matches = ql_row_matches,
};

/* The quotas read every teacher: counted on the work's thread. */
struct quota_job {
	struct work_job j;
	char year[EXCHANGE_YEAR_LEN];
	int scope;
	struct exchange_policy p;
	bool ok;
	struct quota_row *rows;
	int n;
	struct exchange_quota county;
	char msg[XQ_MSG_MAX];
};

static void quota_run(struct work_job *j_, struct db *db)
{
	struct quota_job *j = (struct quota_job *)j_;
	exchange_quota_compute(0, 0, 0, &j->p, &j->county);
	j->ok = db_exchange_quota2(db, j->year, &j->p, j->scope, &j->rows, &j->n, &j->county, j->msg) == XQ_OK;
}

static void quota_done(struct work_job *j_, struct app *a)
{
	struct quota_job *j = (struct quota_job *)j_;
	struct quota_view *qv = (struct quota_view *)j->j.owner;
	(void)a;
	if (j->scope != qv->scope)
		return; /* switched since: the newer job brings its rows */
	free(qv->rows);
	qv->rows = j->rows;
	j->rows = NULL;
	qv->n = j->n;
	qv->county = j->county;
	qv->ok = j->ok;
	xq_copy(qv->msg, sizeof qv->msg, j->msg);
	qv->counting = app_working(qv->v.app, qv);
	list_reload(&qv->list);
}

static void quota_job_free(struct work_job *j_)
{
	struct quota_job *j = (struct quota_job *)j_;
	free(j->rows);
	free(j);
}

static void quota_view_load(struct quota_view *qv)
{
	struct quota_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = "quotas", .owner = qv, .run = quota_run, .done = quota_done,
		.free = quota_job_free};
	xq_copy(j->year, sizeof j->year, qv->year);
	j->scope = qv->scope;
	j->p = *exchanges_policy(qv->x);
	qv->counting = true;
	const struct quota_row *rows;
	if (strcmp(qv->year, qv->x->year) == 0 && exchanges_quota_rows(qv->x, qv->scope, &rows, &j->n, &j->county)) {
		/* counted with the gauges: handed over as a read just done */
		j->rows = xcalloc((size_t)j->n + 1, sizeof *j->rows);
		if (j->n > 0)
			memcpy(j->rows, rows, (size_t)j->n * sizeof *j->rows);
		j->ok = true;
		app_work_ready(qv->v.app, &j->j, app_clock_us());
		return;
	}
	app_work(qv->v.app, &j->j);
}

static void quota_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct quota_view *qv = (struct quota_view *)v;
	char line[1024], a[256], b[256], key[32];
	snprintf(line, sizeof line, _("Quotas of %s %s %ld/%ld"), qv->year,
		qv->scope == EXSCOPE_SCHOOL ? _("by sending school") : _("by district"),
		qv->list.count ? qv->list.sel + 1 : 0, qv->list.count);
	draw_text(w, y, x, cols, line, ui_attr(UI_ACCENT), AL_LEFT);
	if (qv->counting && !qv->ok) {
		snprintf(line, sizeof line, _("School year %s: counting…"), qv->year);
		draw_text(w, y + 1, x, cols, line, ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	if (!qv->ok) {
		draw_text(w, y + 1, x, cols, qv->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	const struct exchange_quota *q = &qv->county;
	exchanges_missing_text(q->missing, false, a, sizeof a);
	exchanges_missing_text(q->missing_backbone, true, b, sizeof b);
	snprintf(line, sizeof line, _("County: eligible %ld, exchanged %ld (backbone %ld) · %s · %s"),
		q->eligible, q->exchanged, q->backbone_exchanged, a, b);
	draw_text(w, y + 1, x, cols, line, ui_attr(q->ok ? UI_GOOD : UI_WARN), AL_LEFT);
	char k2[32];
	snprintf(line, sizeof line, _("Exchanged teachers count at their sending school. %s switches "
				      "to %s; %s shows the exchanges."),
		action_keys(v, QA_BY, key, sizeof key),
		qv->scope == EXSCOPE_SCHOOL ? _("districts") : _("schools"),
		action_keys(v, QA_SHOW, k2, sizeof k2));
	draw_text(w, y + 2, x, cols, line, ui_attr(UI_DIM), AL_LEFT);
	list_paint(&qv->list, w, y + 3, x, h - 3, cols, true);
}

static int quota_action(struct view *v, int id)
{
	struct quota_view *qv = (struct quota_view *)v;
	struct app *a = v->app;
	if (list_moves(id))
		return list_move(&qv->list, id);
	switch (id) {
	case QA_BY:
		qv->scope = qv->scope == EXSCOPE_SCHOOL ? EXSCOPE_DISTRICT : EXSCOPE_SCHOOL;
		/* the other scope's rows are not these: none shown until they come */
		free(qv->rows);
		qv->rows = NULL;
		qv->n = 0;
		qv->ok = false;
		list_reload(&qv->list);
		list_select_index(&qv->list, 0);
		quota_view_load(qv);
		return UI_PAINT;
	case QA_SHOW: {
		const int *row = list_selected(&qv->list);
		if (!row)
			return UI_PAINT;
		const struct quota_row *r = &qv->rows[*row];
		if (r->r.key <= 0) {
			app_msg(a, MSG_INFO, "%s", _("These schools are in no district; pick a school instead."));
			return UI_PAINT;
		}
		struct exchanges *x = qv->x;
		char name[NAME_LEN];
		xq_copy(name, sizeof name, r->name);
		if (qv->scope == EXSCOPE_SCHOOL)
			exchanges_filter_place(x, r->r.key, 0);
		else
			exchanges_filter_place(x, 0, r->r.key);
		app_msg(a, MSG_INFO, _("Exchanges of %s; F shows all."), name);
		app_pop_view(a); /* qv is gone after this */
		return UI_PAINT;
	}
	}
	return UI_UNUSED;
}

static void quota_reload(struct view *v)
{
	quota_view_load((struct quota_view *)v);
}

static struct list *quota_list(struct view *v)
{
	return &((struct quota_view *)v)->list;
}

static void quota_free(struct view *v)
{
	struct quota_view *qv = (struct quota_view *)v;
	list_free(&qv->list);
	free(qv->rows);
	free(qv);
}

const struct view_ops exchange_quota_view_ops = {
	.name = "exchange_quota",
	.title = N_("Exchange quotas"),
	.actions = quota_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = quota_paint,
	.action = quota_action,
	.reload = quota_reload,
	.list = quota_list,
	.free = quota_free,
};

struct view *exchange_quota_view_new(struct exchanges *x)
{
	struct quota_view *qv = xcalloc(1, sizeof *qv);
	app_view_init(x->v.app, &qv->v, &exchange_quota_view_ops);
	qv->x = x;
	xq_copy(qv->year, sizeof qv->year, x->year);
	qv->scope = EXSCOPE_SCHOOL;
	list_init(&qv->list, &ql_source, qv);
	quota_view_load(qv);
	return &qv->v;
}

/* ---- the plan's proposals ---- */

enum { PA_ACCEPT = 1, PA_ACCEPT_ALL, PA_AGAIN };

static const struct action plan_actions[] = {
	{PA_ACCEPT, "exchanges.plan_accept", "Enter a", N_("accept"), N_("Accept the proposal: write it as a proposed exchange"), 0},
	{PA_ACCEPT_ALL, "exchanges.plan_accept_all", "A", N_("accept all"), N_("Accept every remaining proposal (asks first)"), 0},
	{PA_AGAIN, "exchanges.plan_again", "r", N_("plan again"), N_("Plan again from the data as they are now"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct plan_view {
	struct view v;
	struct exchanges *x;
	char year[EXCHANGE_YEAR_LEN];
	bool ok;
	char msg[XQ_MSG_MAX];
	struct plan_report r;
	int *written; /* per proposal: the status of the exchange written for it, -1 none */
	int nwritten;
	bool planning; /* the plan is being made on the work's thread */
	bool again;    /* asked for with r: said when it comes */
	struct list list;
};

static long pl_count(void *ctx)
{
	return ((struct plan_view *)ctx)->r.n;
}

static int pl_page(void *ctx, long off, int limit, void *rows)
{
	struct plan_view *pv = ctx;
	int n = 0;
	for (long i = off; i < pv->r.n && n < limit; i++)
		((int *)rows)[n++] = (int)i;
	return n;
}

static long pl_position(void *ctx, int64_t id)
{
	struct plan_view *pv = ctx;
	return id >= 1 && id <= pv->r.n ? id - 1 : -1;
}

static bool pl_row_matches(void *ctx, const void *row, const char *text)
{
	struct plan_view *pv = ctx;
	const struct plan_proposal *pp = &pv->r.proposals[*(const int *)row];
	return strcasestr(pp->teacher_name, text) || strcasestr(pp->e.staff_no, text) ||
	       strcasestr(pp->from_name, text) || strcasestr(pp->to_name, text);
}

static long pl_match_count(void *ctx, const char *text)
{
	struct plan_view *pv = ctx;
	long n = 0;
	for (int i = 0; i < pv->r.n; i++)
		n += pl_row_matches(ctx, &i, text);
	return n;
}

static int pl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct plan_view *pv = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < pv->r.n && n < limit; i++)
		if (pl_row_matches(ctx, &i, text) && k++ >= off)
			((int *)rows)[n++] = i;
	return n;
}

static void pl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct plan_view *pv = ctx;
	int i = *(const int *)row;
	const struct plan_proposal *pp = &pv->r.proposals[i];
	switch (col) {
	case 0:
		xq_copy(buf, size, pp->e.staff_no);
		break;
	case 1:
		xq_copy(buf, size, pp->teacher_name);
		break;
	case 2:
		xq_copy(buf, size, pp->subject);
		break;
	case 3:
		xq_copy(buf, size, pp->backbone ? "✓" : "");
		break;
	case 4:
		exchanges_school_cell(pv->x, pp->from_name, pp->from_short, buf, size);
		break;
	case 5:
		exchanges_school_cell(pv->x, pp->to_name, pp->to_short, buf, size);
		break;
	case 6:
		ui_real(pp->km, 1, buf, size);
		break;
	case 7:
		ui_real(pp->e.subsidy_month, 0, buf, size);
		break;
	case 8:
		if (pv->written[i] >= 0)
			snprintf(buf, size, "✓ %s", ui_enum(exchange_status_items, pv->written[i]));
		else
			buf[0] = '\0';
		break;
	}
}

static const struct list_column pl_columns[] = {
	{N_("Staff no."), 8, 0, false, 3},
	{N_("Teacher"), 6, 0, false, 0},
	{N_("Subject"), 6, 0, false, 2},
	{N_("BB"), 4, 0, false, 4},
	{N_("Sending school"), 10, 1, false, 0},
	{N_("Receiving school"), 10, 1, false, 0},
	{N_("km"), 5, 0, true, 0},
	{N_("Yuan/month"), 6, 0, true, 1},
	{N_("Accepted"), 8, 0, false, 0},
};

static const struct list_source pl_source = {
	.columns = pl_columns,
	.ncolumns = 9,
	.row_size = sizeof(int),
	.empty = N_("Nothing to propose: the quotas are met, or no teacher can move."),
	.count = pl_count,
	.page = pl_page,
	.position = pl_position,
	.row_id = ql_id,
	.cell = pl_cell,
	.match_count = pl_match_count,
	.match_page = pl_match_page,
	.row_matches = pl_row_matches,
};

static void plan_view_check(struct plan_view *pv)
{
	pv->nwritten = db_exchange_plan_written(app_db(pv->v.app), &pv->r, pv->written);
	list_reload(&pv->list);
}

/* The plan reads the county and solves its networks: on the work's thread. */
struct plan_job {
	struct work_job j;
	char year[EXCHANGE_YEAR_LEN];
	struct exchange_policy p;
	bool ok;
	struct plan_report r;
	int *written, nwritten;
	char msg[XQ_MSG_MAX];
};

static void plan_run(struct work_job *j_, struct db *db)
{
	struct plan_job *j = (struct plan_job *)j_;
	j->ok = db_exchange_plan(db, j->year, &j->p, &j->r, j->msg) == XQ_OK;
	if (!j->ok)
		j->r.n = 0;
	j->written = xcalloc((size_t)j->r.n + 1, sizeof *j->written);
	j->nwritten = db_exchange_plan_written(db, &j->r, j->written);
}

static void plan_done(struct work_job *j_, struct app *a)
{
	struct plan_job *j = (struct plan_job *)j_;
	struct plan_view *pv = (struct plan_view *)j->j.owner;
	(void)a;
	plan_report_free(&pv->r);
	free(pv->written);
	pv->r = j->r;
	memset(&j->r, 0, sizeof j->r);
	pv->written = j->written;
	j->written = NULL;
	pv->nwritten = j->nwritten;
	pv->ok = j->ok;
	xq_copy(pv->msg, sizeof pv->msg, j->msg);
	pv->planning = false;
	list_reload(&pv->list);
	if (pv->again)
		app_msg(pv->v.app, MSG_INFO, _("Planned again: %d proposals."), pv->r.n);
}

static void plan_job_free(struct work_job *j_)
{
	struct plan_job *j = (struct plan_job *)j_;
	plan_report_free(&j->r);
	free(j->written);
	free(j);
}

/* The plan's job for year (its owner set by who asks). */
static struct plan_job *plan_job_new(struct exchanges *x, const char *year)
{
	struct plan_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = "plan", .run = plan_run, .done = plan_done, .free = plan_job_free};
	xq_copy(j->year, sizeof j->year, year);
	j->p = *exchanges_policy(x);
	return j;
}

/* The view plans for itself. */
static void plan_view_load(void *consumer)
{
	struct plan_view *pv = consumer;
	struct plan_job *j = plan_job_new(pv->x, pv->year);
	j->j.owner = pv;
	pv->planning = true;
	app_work(pv->v.app, &j->j);
}

static struct work_job *plan_ahead_make(void *ctx)
{
	struct exchanges *x = ctx;
	return &plan_job_new(x, x->year)->j;
}

/* Planned ahead once the gauges are counted. */
const struct ahead_ops exchange_plan_ahead_ops = {.make = plan_ahead_make, .read_own = plan_view_load};

static void plan_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct plan_view *pv = (struct plan_view *)v;
	char line[1024], k1[32], k2[32];
	const struct plan_result *res = &pv->r.result;
	if (pv->planning && !pv->ok) {
		snprintf(line, sizeof line, _("Plan for %s: planning…"), pv->year);
		draw_text(w, y, x, cols, line, ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	snprintf(line, sizeof line, _("Plan for %s: %d proposals (%ld backbone), %.1f km in all"),
		pv->year, pv->r.n, res->backbone_moves, res->total_km);
	draw_text(w, y, x, cols, line, ui_attr(UI_ACCENT), AL_LEFT);
	if (!pv->ok) {
		draw_wrapped(w, y + 1, x, 2, cols, pv->msg, ui_attr(UI_WARN));
		return;
	}
	if (isnan(res->lower_bound_km))
		snprintf(line, sizeof line, "%s",
			_("No plan meets both quotas, so there is no lower bound to compare with."));
	else if (res->gap_km < 0.05) /* the gap in words: "gap 0.0 km" says nothing */
		snprintf(line, sizeof line, _("This plan is the shortest possible · before the plan: "
					      "eligible %ld, exchanged or proposed %ld"),
			pv->r.before.eligible, pv->r.before.exchanged);
	else
		snprintf(line, sizeof line, _("This plan is at most %.1f km longer than the shortest possible "
					      "(%.1f km at least) · before the plan: eligible %ld, exchanged "
					      "or proposed %ld"),
			res->gap_km, res->lower_bound_km, pv->r.before.eligible, pv->r.before.exchanged);
	draw_text(w, y + 1, x, cols, line, A_NORMAL, AL_LEFT);
	snprintf(line, sizeof line, _("Quota %s · backbone quota %s%s%s"),
		res->quota_met ? _("✓ met") : _("✗ not met"),
		res->backbone_met ? _("✓ met") : _("✗ not met"), res->note[0] ? ": " : "", res->note);
	draw_text(w, y + 2, x, cols, line,
		ui_attr(res->quota_met && res->backbone_met ? UI_GOOD : UI_WARN), AL_LEFT);
	snprintf(line, sizeof line, _("%d of %d accepted · %s accepts one, %s the rest; approve them "
				      "in the list (q goes back)."),
		pv->nwritten, pv->r.n, action_keys(v, PA_ACCEPT, k1, sizeof k1),
		action_keys(v, PA_ACCEPT_ALL, k2, sizeof k2));
	draw_text(w, y + 3, x, cols, line, ui_attr(UI_DIM), AL_LEFT);
	exchanges_list_paint(pv->x, &pv->list, w, y + 4, x, h - 4, cols);
}

static void accept_all_yes(void *ctx)
{
	struct plan_view *pv = ctx;
	struct app *a = pv->v.app;
	struct plan_report rest;
	memset(&rest, 0, sizeof rest);
	rest.proposals = xcalloc((size_t)pv->r.n + 1, sizeof *rest.proposals);
	for (int i = 0; i < pv->r.n; i++)
		if (pv->written[i] < 0)
			rest.proposals[rest.n++] = pv->r.proposals[i];
	char msg[XQ_MSG_MAX] = "";
	if (db_exchange_plan_apply(app_db(a), &rest, exchanges_policy(pv->x), msg) != XQ_OK) {
		app_msg(a, MSG_WARN, _("Refused: %s"), msg);
		app_changed(a);
	} else {
		app_msg(a, MSG_GOOD, _("%d proposals written as proposed exchanges; approve them in the list."),
			rest.n);
		exchanges_after_write(pv->x, rest.n ? rest.proposals[0].e.id : 0);
	}
	free(rest.proposals);
}

static int plan_action(struct view *v, int id)
{
	struct plan_view *pv = (struct plan_view *)v;
	struct app *a = v->app;
	if (list_moves(id))
		return list_move(&pv->list, id);
	switch (id) {
	case PA_ACCEPT: {
		const int *row = list_selected(&pv->list);
		if (!row)
			return UI_PAINT;
		int i = *row;
		const struct plan_proposal *pp = &pv->r.proposals[i];
		if (pv->written[i] >= 0) {
			app_msg(a, MSG_INFO, _("%s's move is accepted already (%s)."), pp->teacher_name,
				ui_enum(exchange_status_items, pv->written[i]));
			return UI_PAINT;
		}
		struct exchange e = pp->e;
		char msg[XQ_MSG_MAX] = "";
		if (db_exchange_insert(app_db(a), &e, exchanges_policy(pv->x), msg) != XQ_OK) {
			app_msg(a, MSG_WARN, _("Refused: %s"), msg);
			return UI_PAINT;
		}
		app_msg(a, MSG_GOOD, _("Accepted: %s to %s, proposed from %s; approve it in the list."),
			pp->teacher_name, pp->to_name, e.start_date);
		exchanges_after_write(pv->x, e.id);
		list_move(&pv->list, LA_DOWN);
		return UI_PAINT;
	}
	case PA_ACCEPT_ALL: {
		int rest = pv->r.n - pv->nwritten;
		if (rest <= 0) {
			app_msg(a, MSG_INFO, "%s", _("Every proposal is accepted already."));
			return UI_PAINT;
		}
		char q[256];
		snprintf(q, sizeof q, _("Write the %d remaining proposals as proposed exchanges? (y/n)"), rest);
		prompt_confirm(a, q, accept_all_yes, pv);
		return UI_PAINT;
	}
	case PA_AGAIN:
		if (pv->planning)
			return UI_PAINT;
		pv->again = true;
		plan_view_load(pv);
		app_msg(a, MSG_INFO, "%s", _("Planning again…"));
		return UI_PAINT;
	}
	return UI_UNUSED;
}

/* The data changed: the proposals stay (r plans again), what was written is looked up. */
static void plan_reload(struct view *v)
{
	plan_view_check((struct plan_view *)v);
}

static struct list *plan_list(struct view *v)
{
	return &((struct plan_view *)v)->list;
}

static void plan_free(struct view *v)
{
	struct plan_view *pv = (struct plan_view *)v;
	ahead_forget(&pv->x->plan_ahead, pv);
	list_free(&pv->list);
	plan_report_free(&pv->r);
	free(pv->written);
	free(pv);
}

const struct view_ops exchange_plan_view_ops = {
	.name = "exchange_plan",
	.title = N_("Exchange plan"),
	.actions = plan_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = plan_paint,
	.action = plan_action,
	.reload = plan_reload,
	.list = plan_list,
	.free = plan_free,
};

struct view *exchange_plan_view_new(struct exchanges *x)
{
	struct plan_view *pv = xcalloc(1, sizeof *pv);
	app_view_init(x->v.app, &pv->v, &exchange_plan_view_ops);
	pv->x = x;
	xq_copy(pv->year, sizeof pv->year, x->year);
	pv->written = xcalloc(1, sizeof *pv->written);
	list_init(&pv->list, &pl_source, pv);
	pv->planning = true;
	if (ahead_take(&x->plan_ahead, x->quota_gen, x->year, pv, app_clock_us()) == AHEAD_NONE)
		plan_view_load(pv);
	return &pv->v;
}
