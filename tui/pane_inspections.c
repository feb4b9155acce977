/* pane_inspections.c: the Inspections pane — the inspections in progress, planned,
 * submitted and closed, newest first in each, with the selected one's target, team,
 * template, status, total and verdict; the form that plans one; submit and close, each
 * asked first. Enter opens the checklist; the indicators and the rectification ledger are
 * views pushed on top. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/pack.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/form.h"
#include "tui/inspections.h"

enum { IA_OPEN = 1, IA_ADD, IA_SUBMIT, IA_CLOSE, IA_INDICATORS, IA_RECTIFICATIONS };

static const struct action inspection_actions[] = {
	{IA_OPEN, "inspections.open", "Enter", N_("score"), N_("Open the checklist of the inspection to score it"), 0},
	{IA_ADD, "inspections.add", "a", N_("add"), N_("Plan an inspection: template, school or district, date, team"), 0},
	{IA_SUBMIT, "inspections.submit", "S", N_("submit"), N_("Submit the inspection when every item is scored (asks)"), 0},
	{IA_CLOSE, "inspections.close", "C", N_("close"), N_("Close the submitted inspection (asks)"), 0},
	{IA_INDICATORS, "inspections.indicators", "i", N_("indicators"), N_("Show the seven resource indicators of the schools of a level"), 0},
	{IA_RECTIFICATIONS, "inspections.rectifications", "r", N_("rectifications"), N_("Show the rectification ledger, overdue ones first"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static struct db *idb(struct inspections *s)
{
	return app_db(s->v.app);
}

void inspection_verdict_text(const struct checklist_verdict *v, char *buf, size_t size)
{
	const char *word = !v->complete ? _("incomplete") : v->veto_failed ? _("veto failed")
			   : v->pass		       ? _("pass")
						       : _("fail");
	snprintf(buf, size, "%g/%g · %s", v->total, v->max_total, word);
}

/* in progress first, then planned, submitted, closed */
static int status_rank(int status)
{
	static const int rank[] = {1, 0, 2, 3};
	return status >= 0 && status < 4 ? rank[status] : 4;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct insp_row *a = pa, *b = pb;
	int d = status_rank(a->in.status) - status_rank(b->in.status);
	if (d)
		return d;
	d = strcmp(b->in.date, a->in.date);
	if (d)
		return d;
	return a->in.id < b->in.id ? 1 : a->in.id > b->in.id ? -1 : 0;
}

static void rows_load(struct inspections *s)
{
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
	s->msg[0] = '\0';
	s->taken_id = 0;
	memset(s->counts, 0, sizeof s->counts);
	struct inspection_query q = {-1, 0, 0};
	struct inspection *in;
	int n;
	if (db_inspection_list(idb(s), &q, &in, &n, s->msg) != XQ_OK)
		return;
	s->rows = xcalloc((size_t)(n > 0 ? n : 1), sizeof *s->rows);
	for (int i = 0; i < n; i++) {
		if (in[i].status >= 0 && in[i].status < 4)
			s->counts[in[i].status]++;
		if (s->status >= 0 && in[i].status != s->status)
			continue;
		struct insp_row *r = &s->rows[s->n++];
		struct check_item *items;
		struct result *res;
		char m[XQ_MSG_MAX];
		r->in = in[i];
		if (db_inspection_results(idb(s), in[i].id, &items, &res, &r->nitems, &r->v, m) == XQ_OK) {
			free(items);
			free(res);
		}
	}
	free(in);
	qsort(s->rows, (size_t)s->n, sizeof *s->rows, row_cmp);
}

/* Reads the rows again when the data changed: views under others are not read at every
 * write, only when they are used. */
static void fresh(struct inspections *s)
{
	if (!s->stale)
		return;
	s->stale = false;
	rows_load(s);
	list_reload(&s->list);
}

/* the list: rows in memory, copied out page by page */

static long il_count(void *ctx)
{
	return ((struct inspections *)ctx)->n;
}

static int il_page(void *ctx, long off, int limit, void *rows)
{
	struct inspections *s = ctx;
	int n = 0;
	for (long i = off; i < s->n && n < limit; i++)
		((struct insp_row *)rows)[n++] = s->rows[i];
	return n;
}

static long il_position(void *ctx, int64_t id)
{
	struct inspections *s = ctx;
	for (int i = 0; i < s->n; i++)
		if (s->rows[i].in.id == id)
			return i;
	return -1;
}

static int64_t il_row_id(const void *row)
{
	return ((const struct insp_row *)row)->in.id;
}

static bool il_row_matches(void *ctx, const void *row, const char *text)
{
	(void)ctx;
	const struct inspection *in = &((const struct insp_row *)row)->in;
	return strcasestr(in->target_name, text) || strcasestr(in->target_code, text) ||
	       strcasestr(in->template_name, text) || strcasestr(in->team, text) || strstr(in->date, text);
}

static long il_match_count(void *ctx, const char *text)
{
	struct inspections *s = ctx;
	long n = 0;
	for (int i = 0; i < s->n; i++)
		n += il_row_matches(ctx, &s->rows[i], text);
	return n;
}

static int il_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct inspections *s = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < s->n && n < limit; i++)
		if (il_row_matches(ctx, &s->rows[i], text) && k++ >= off)
			((struct insp_row *)rows)[n++] = s->rows[i];
	return n;
}

static void il_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	(void)ctx;
	const struct insp_row *r = row;
	switch (col) {
	case 0:
		xq_copy(buf, size, r->in.date);
		break;
	case 1:
		xq_copy(buf, size, r->in.target_name);
		break;
	case 2:
		snprintf(buf, size, "%s v%d", r->in.template_name, r->in.template_version);
		break;
	case 3:
		xq_copy(buf, size, ui_enum(insp_status_items, r->in.status));
		break;
	case 4:
		inspection_verdict_text(&r->v, buf, size);
		break;
	}
}

static const struct list_column il_columns[] = {
	{N_("Date"), 10, 0, false, 0},
	{N_("Target"), 10, 2, false, 0},
	{N_("Checklist"), 10, 1, false, 2},
	{N_("Status"), 11, 0, false, 0},
	{N_("Total"), 18, 0, false, 1},
};

static const struct list_source il_source = {
	.columns = il_columns,
	.ncolumns = 5,
	.row_size = sizeof(struct insp_row),
	.empty = N_("No inspection shown: a plans one; F shows every status."),
	.count = il_count,
	.page = il_page,
	.position = il_position,
	.row_id = il_row_id,
	.cell = il_cell,
	.match_count = il_match_count,
	.match_page = il_match_page,
	.row_matches = il_row_matches,
};

static const struct insp_row *selected(struct inspections *s)
{
	return list_selected(&s->list);
}

/* the detail */

static void detail_paint(struct inspections *s, WINDOW *w, int y, int x, int h, int cols)
{
	const struct insp_row *r = selected(s);
	if (!r) {
		draw_text(w, y, x, cols, s->msg[0] ? s->msg : _("No inspection is selected."),
			ui_attr(s->msg[0] ? UI_WARN : UI_DIM), AL_LEFT);
		return;
	}
	const struct inspection *in = &r->in;
	char lines[10][512], verdict[128];
	attr_t attrs[10] = {0};
	int n = 0;
	snprintf(lines[n], sizeof lines[0], "%s%s%s · %s", in->target_code, in->target_code[0] ? " " : "",
		in->target_name, in->date);
	attrs[n++] = ui_attr(UI_TITLE);
	snprintf(lines[n], sizeof lines[0], _("Inspection %lld · %s"), (long long)in->id,
		ui_enum(insp_status_items, in->status));
	attrs[n++] = A_BOLD;
	inspection_verdict_text(&r->v, verdict, sizeof verdict);
	snprintf(lines[n], sizeof lines[0], _("Total %s · scored %d of %d · failed %d (veto %d)"), verdict,
		r->v.scored, r->nitems, r->v.failed, r->v.veto_failed);
	attrs[n++] = r->v.complete && !r->v.pass ? ui_attr(UI_WARN) | A_BOLD : A_BOLD;
	if (r->v.indicators > 0)
		snprintf(lines[n++], sizeof lines[0], _("Indicators met: %d of %d"), r->v.met, r->v.indicators);
	snprintf(lines[n++], sizeof lines[0], _("Checklist: %s, version %d%s%s"), in->template_name,
		in->template_version, in->stage >= 0 ? " · " : "", in->stage >= 0 ? ui_enum(stage_items, in->stage) : "");
	if (s->taken_id != in->id) {
		s->taken_id = in->id;
		if (db_pack_taken(app_db(s->v.app), in->id, s->taken, sizeof s->taken) != XQ_OK)
			s->taken[0] = '\0';
	}
	if (s->taken[0]) {
		snprintf(lines[n], sizeof lines[0], _("Team: %s · taken offline: %s"), in->team, s->taken);
		attrs[n++] = ui_attr(UI_ACCENT);
	} else
		snprintf(lines[n++], sizeof lines[0], _("Team: %s"), in->team);
	for (int i = 0; i < n && i < h; i++)
		draw_text(w, y + i, x, cols, lines[i], attrs[i], AL_LEFT);
}

static void inspections_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct inspections *s = (struct inspections *)v;
	fresh(s);
	bool wide = cols >= 110;
	int lw = wide ? cols * 11 / 20 : cols;
	int dh = h >= 16 ? 6 : h / 3;
	int lh = wide ? h : h - dh - 1;
	char title[512];
	if (s->status >= 0)
		snprintf(title, sizeof title, _("Inspections %ld/%ld · only %s · F shows all"),
			s->list.count ? s->list.sel + 1 : 0, s->list.count, ui_enum(insp_status_items, s->status));
	else
		snprintf(title, sizeof title, _("Inspections %ld/%ld · %d in progress, %d planned, %d submitted, %d closed"),
			s->list.count ? s->list.sel + 1 : 0, s->list.count, s->counts[INSP_IN_PROGRESS],
			s->counts[INSP_PLANNED], s->counts[INSP_SUBMITTED], s->counts[INSP_CLOSED]);
	draw_text(w, y, x, lw, title, ui_attr(UI_ACCENT), AL_LEFT);
	list_paint(&s->list, w, y + 1, x, lh - 1, wide ? lw - 1 : lw, true);
	if (wide) {
		mvwvline(w, y, x + lw, ACS_VLINE, h);
		detail_paint(s, w, y, x + lw + 2, h, cols - lw - 3);
	} else {
		mvwhline(w, y + lh, x, ACS_HLINE, cols);
		detail_paint(s, w, y + lh + 1, x + 1, h - lh - 1, cols - 2);
	}
}

/* the add form */

struct addctx {
	struct inspections *s;
	int64_t *template_ids;
	int ntemplates;
	int64_t *district_ids;
	int ndistricts;
};

enum { AF_TEMPLATE, AF_SCHOOL, AF_DISTRICT, AF_DATE, AF_TEAM, AF_STAGE };

static void addctx_free(void *ctx)
{
	struct addctx *c = ctx;
	free(c->template_ids);
	free(c->district_ids);
	free(c);
}

static bool template_has_indicators(struct inspections *s, int64_t template_id)
{
	struct check_item *items;
	int n;
	char msg[XQ_MSG_MAX];
	bool any = false;
	if (db_template_items(idb(s), template_id, &items, &n, msg) != XQ_OK)
		return false;
	for (int i = 0; i < n; i++)
		any |= items[i].kind == ITEM_INDICATOR;
	free(items);
	return any;
}

/* The stage of a one-stage school; -1 for a nine-year or twelve-year one (asked). */
static int school_stage(struct inspections *s, int64_t school_id)
{
	struct school sc;
	if (db_school_get(idb(s), school_id, &sc) != XQ_OK)
		return -1;
	return sc.level == LEVEL_PRIMARY || sc.level == LEVEL_TEACHING_POINT ? STAGE_PRIMARY
	       : sc.level == LEVEL_JUNIOR				   ? STAGE_JUNIOR
									   : -1;
}

static int add_submit(struct entry_form *f, void *ctx)
{
	struct addctx *c = ctx;
	struct inspection in = {0};
	char msg[XQ_MSG_MAX] = "";
	int t = form_get_choice(f, AF_TEMPLATE), d = form_get_choice(f, AF_DISTRICT);
	in.template_id = t >= 0 && t < c->ntemplates ? c->template_ids[t] : 0;
	in.school_id = form_get_school(f, AF_SCHOOL);
	in.district_id = d >= 0 && d < c->ndistricts ? c->district_ids[d] : 0;
	if ((in.school_id > 0) == (in.district_id > 0)) {
		form_set_message(f, MSG_WARN, _("Give a school or a district, one of them."));
		return XQ_ERR;
	}
	form_get_text(f, AF_DATE, in.date, sizeof in.date);
	form_get_text(f, AF_TEAM, in.team, sizeof in.team);
	in.stage = form_get_choice(f, AF_STAGE);
	if (in.stage < 0 && in.school_id > 0 && template_has_indicators(c->s, in.template_id))
		in.stage = school_stage(c->s, in.school_id);
	if (db_inspection_add(idb(c->s), &in, msg) != XQ_OK) {
		form_set_message(f, MSG_WARN, msg);
		return XQ_ERR;
	}
	app_msg(c->s->v.app, MSG_GOOD, _("Inspection %lld planned; Enter opens its checklist."), (long long)in.id);
	c->s->status = -1; /* the new one shows whatever the filter was */
	app_changed(c->s->v.app);
	fresh(c->s);
	list_select_id(&c->s->list, in.id);
	return XQ_OK;
}

static void add_open(struct inspections *s)
{
	struct app *a = s->v.app;
	char msg[XQ_MSG_MAX];
	struct template_info *t;
	int nt;
	if (db_template_list(idb(s), &t, &nt, msg) != XQ_OK || nt == 0) {
		app_msg(a, MSG_WARN, "%s", nt == 0 ? _("There is no checklist template.") : msg);
		return;
	}
	struct addctx *c = xcalloc(1, sizeof *c);
	c->s = s;
	c->template_ids = xcalloc((size_t)nt, sizeof *c->template_ids);
	char **labels = xcalloc((size_t)nt, sizeof *labels);
	for (int i = 0; i < nt; i++) {
		c->template_ids[i] = t[i].id;
		labels[i] = xasprintf("%s v%d (%s)", t[i].name, t[i].version, ui_enum(insp_target_items, t[i].target));
	}
	c->ntemplates = nt;
	struct district_query q;
	district_query_init(&q);
	long nd = db_district_count(idb(s), &q);
	struct district_row *dr = xcalloc((size_t)(nd > 0 ? nd : 1), sizeof *dr);
	int got = nd > 0 ? db_district_page(idb(s), &q, 0, (int)nd, dr) : 0;
	if (got < 0)
		got = 0;
	c->district_ids = xcalloc((size_t)(got > 0 ? got : 1), sizeof *c->district_ids);
	const char **dnames = xcalloc((size_t)(got > 0 ? got : 1), sizeof *dnames);
	for (int i = 0; i < got; i++) {
		c->district_ids[i] = dr[i].d.id;
		dnames[i] = dr[i].d.name;
	}
	c->ndistricts = got;
	char today[DATE_LEN];
	date_today(today);
	struct entry_form *f = form_new(a, _("Plan an inspection"), add_submit, c, addctx_free);
	form_choice_list(f, N_("Checklist"), (const char *const *)labels, nt, 0, NULL);
	form_school(f, N_("School inspected"), 0, false);
	form_choice_list(f, N_("District inspected"), dnames, got, -1, "—");
	form_date(f, N_("Date"), today, true);
	form_text(f, N_("Team (logins, commas)"), db_operator(idb(s))->login, TEXT_LEN, true);
	form_choice(f, N_("Stage of the indicators"), stage_items, -1, "—");
	form_set_message(f, MSG_INFO, _("A school or a district. The stage of the indicators follows a primary or junior school; a nine-year or twelve-year one needs it."));
	form_open(f);
	for (int i = 0; i < nt; i++)
		free(labels[i]);
	free(labels);
	free(dnames);
	free(dr);
	free(t);
}

/* submit and close */

static void ask_yes(void *ctx)
{
	struct inspections *s = ctx;
	char msg[XQ_MSG_MAX];
	int rc = s->ask_action == IA_SUBMIT ? db_inspection_submit(idb(s), s->ask_id, msg)
					    : db_inspection_close(idb(s), s->ask_id, msg);
	if (rc != XQ_OK) {
		app_msg(s->v.app, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	app_msg(s->v.app, MSG_GOOD, s->ask_action == IA_SUBMIT ? _("Inspection %lld submitted.")
							     : _("Inspection %lld closed."),
		(long long)s->ask_id);
	app_changed(s->v.app);
}

static void ask(struct inspections *s, int action)
{
	const struct insp_row *r = selected(s);
	if (!r) {
		app_msg(s->v.app, MSG_INFO, "%s", _("No inspection is selected."));
		return;
	}
	char q[512];
	s->ask_id = r->in.id;
	s->ask_action = action;
	snprintf(q, sizeof q, action == IA_SUBMIT ? _("Submit inspection %lld of %s? (y/n)")
						  : _("Close inspection %lld of %s? (y/n)"),
		(long long)r->in.id, r->in.target_name);
	prompt_confirm(s->v.app, q, ask_yes, s);
}

static int inspections_action(struct view *v, int id)
{
	struct inspections *s = (struct inspections *)v;
	struct app *a = v->app;
	fresh(s);
	if (list_moves(id))
		return list_move(&s->list, id);
	switch (id) {
	case IA_OPEN: {
		const struct insp_row *r = selected(s);
		if (!r) {
			app_msg(a, MSG_INFO, "%s", _("No inspection is selected: a plans one."));
			return UI_PAINT;
		}
		app_push_view(a, checklist_view_new(a, r->in.id));
		return UI_PAINT;
	}
	case LA_FILTER:
	case LA_CLEAR_FILTER:
		/* f: in progress, planned, submitted, closed, then all again */
		s->status = id == LA_CLEAR_FILTER ? -1 : s->status < 0 ? INSP_IN_PROGRESS
			    : s->status == INSP_IN_PROGRESS ? INSP_PLANNED
			    : s->status == INSP_PLANNED ? INSP_SUBMITTED
			    : s->status == INSP_SUBMITTED ? INSP_CLOSED : -1;
		s->stale = true;
		fresh(s);
		return UI_PAINT;
	case IA_ADD:
		add_open(s);
		return UI_PAINT;
	case IA_SUBMIT:
	case IA_CLOSE:
		ask(s, id);
		return UI_PAINT;
	case IA_INDICATORS:
		app_push_view(a, indicators_view_new(a));
		return UI_PAINT;
	case IA_RECTIFICATIONS:
		app_push_view(a, rectifications_view_new(a));
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void inspections_reload(struct view *v)
{
	((struct inspections *)v)->stale = true;
}

static struct list *inspections_list(struct view *v)
{
	fresh((struct inspections *)v);
	return &((struct inspections *)v)->list;
}

static bool inspections_record(struct view *v, const char **table, int64_t *id)
{
	fresh((struct inspections *)v);
	const struct insp_row *r = selected((struct inspections *)v);
	if (!r)
		return false;
	*table = "inspection";
	*id = r->in.id;
	return true;
}

static void inspections_free(struct view *v)
{
	struct inspections *s = (struct inspections *)v;
	list_free(&s->list);
	free(s->rows);
	free(s);
}

const struct view_ops inspections_view_ops = {
	.name = "inspections",
	.title = N_("Inspections"),
	.actions = inspection_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE), /* by status and date */
	.paint = inspections_paint,
	.action = inspections_action,
	.reload = inspections_reload,
	.list = inspections_list,
	.record = inspections_record,
	.free = inspections_free,
};

struct view *inspections_view_new(struct app *a)
{
	struct inspections *s = xcalloc(1, sizeof *s);
	app_view_init(a, &s->v, &inspections_view_ops);
	s->status = -1;
	rows_load(s);
	list_init(&s->list, &il_source, s);
	return &s->v;
}

void inspections_show_indicators(struct app *a)
{
	app_show_pane(a, 4);
	app_push_view(a, indicators_view_new(a));
}
