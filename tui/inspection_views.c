/* inspection_views.c: two views the Inspections pane pushes — the seven resource
 * indicators of the schools of one level (marks readable without colour, the CV row with
 * its limit and formula, the selected school's missing amounts), the columns of `xuequ
 * indicators`; and the rectification ledger (overdue first, then open, reported,
 * verified) with its done and verify actions, as `xuequ rectification`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/indicators.h"
#include "db/policy.h"
#include "tui/inspections.h"

/* ---- the indicators ---- */

enum { NA_LEVEL = 1 };

static const struct action indicator_actions[] = {
	{NA_LEVEL, "indicators.level", "l", N_("primary/junior"), N_("Show the primary or the junior schools"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

/* What a missed indicator lacks, in its own unit (the words of `xuequ indicators`). */
static const char *const missing_fmt[INDICATOR_COUNT] = {
	N_("%.0f more qualified teachers"), N_("%.0f more backbone teachers"),
	N_("%.0f more PE and art teachers"), N_("%.0f m² of teaching rooms"),
	N_("%.0f m² of sports ground"), N_("%.0f yuan of equipment"),
	N_("%.0f more multimedia classrooms"),
};

struct indview {
	struct view v;
	int stage;
	char date[DATE_LEN];
	struct db_indicator_row *rows;
	int n, counted, apart;
	double cv[INDICATOR_COUNT];
	bool ok, stale; /* stale: the data changed, computed again when shown */
	char msg[XQ_MSG_MAX];
	struct list list;
};

static void ind_load(struct indview *iv)
{
	iv->stale = false;
	free(iv->rows);
	iv->rows = NULL;
	iv->n = iv->counted = iv->apart = 0;
	iv->msg[0] = '\0';
	struct db *db = app_db(iv->v.app);
	iv->ok = db_indicators_level(db, iv->stage, iv->date, &iv->rows, &iv->n, iv->msg) == XQ_OK;
	if (!iv->ok)
		return;
	iv->counted = db_indicators_cv(db, iv->rows, iv->n, iv->cv);
	for (int i = 0; i < iv->n; i++)
		iv->apart += !iv->rows[i].in_cv;
}

static long nl_count(void *ctx)
{
	return ((struct indview *)ctx)->n;
}

static int nl_page(void *ctx, long off, int limit, void *rows)
{
	struct indview *iv = ctx;
	int n = 0;
	for (long i = off; i < iv->n && n < limit; i++)
		((int *)rows)[n++] = (int)i;
	return n;
}

/* ids are indexes + 1: the rows are read again only when the level changes */
static int64_t nl_id(const void *row)
{
	return *(const int *)row + 1;
}

static long nl_index_position(void *ctx, int64_t id)
{
	struct indview *iv = ctx;
	return id >= 1 && id <= iv->n ? id - 1 : -1;
}

static bool nl_row_matches(void *ctx, const void *row, const char *text)
{
	struct indview *iv = ctx;
	const struct school *s = &iv->rows[*(const int *)row].s;
	return strcasestr(s->name, text) || strcasestr(s->code, text) || strcasestr(s->short_name, text);
}

static long nl_match_count(void *ctx, const char *text)
{
	struct indview *iv = ctx;
	long n = 0;
	for (int i = 0; i < iv->n; i++)
		n += nl_row_matches(ctx, &i, text);
	return n;
}

static int nl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct indview *iv = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < iv->n && n < limit; i++)
		if (nl_row_matches(ctx, &i, text) && k++ >= off)
			((int *)rows)[n++] = i;
	return n;
}

/* A value in its unit's precision; ✗ marks one not met. */
static void value_cell(int k, double v, bool met, char *buf, size_t size)
{
	snprintf(buf, size, k == IND_EQUIPMENT ? "%.0f%s" : k == IND_TEACHING_AREA || k == IND_SPORTS_AREA ? "%.1f%s" : "%.2f%s",
		v, met ? "" : "✗");
}

static void nl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct indview *iv = ctx;
	const struct db_indicator_row *r = &iv->rows[*(const int *)row];
	if (col == 0) {
		/* ◦ a teaching point left out of the CV */
		snprintf(buf, size, "%s%s", r->in_cv ? "" : "◦", r->s.short_name[0] ? r->s.short_name : r->s.name);
	} else if (col == 1) {
		snprintf(buf, size, "%ld", r->r.pupils);
	} else if (col < 2 + INDICATOR_COUNT) {
		value_cell(col - 2, r->r.value[col - 2], r->r.met[col - 2], buf, size);
	} else if (col == 2 + INDICATOR_COUNT) {
		snprintf(buf, size, "%d/7", r->r.met_count);
	} else {
		xq_copy(buf, size, r->r.ok ? "✓" : "✗");
	}
}

static const struct list_column nl_columns[] = {
	{N_("school"), 8, 1, false, 0},
	{N_("pupils"), 6, 0, true, 1},
	{N_("qual"), 6, 0, true, 0},
	{N_("backb"), 6, 0, true, 0},
	{N_("pe/art"), 6, 0, true, 0},
	{N_("rooms"), 6, 0, true, 0},
	{N_("sport"), 6, 0, true, 0},
	{N_("equip"), 6, 0, true, 0},
	{N_("media"), 6, 0, true, 0},
	{N_("met"), 4, 0, true, 0},
	{N_("ok"), 4, 0, false, 0},
};
#define NL_COLUMNS 11

static const struct list_source nl_source = {
	.columns = nl_columns,
	.ncolumns = NL_COLUMNS,
	.row_size = sizeof(int),
	.empty = N_("No school of this level has pupils."),
	.count = nl_count,
	.page = nl_page,
	.position = nl_index_position,
	.row_id = nl_id,
	.cell = nl_cell,
	.match_count = nl_match_count,
	.match_page = nl_match_page,
	.row_matches = nl_row_matches,
};

static const char *formula_text(bool plain)
{
	return plain ? _("plain: mean and standard deviation over schools")
		     : _("weighted by pupils: mean ΣPX/P, S = √(ΣP(X−mean)²/P)");
}

static void ind_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct indview *iv = (struct indview *)v;
	const struct indicator_policy *p = db_indicator_policy(app_db(v->app));
	char line[1024];
	if (iv->stale) {
		ind_load(iv);
		list_reload(&iv->list);
	}
	snprintf(line, sizeof line, _("Indicators of the %s schools, %s: %d of 7 met, the 7th ≥ %.0f%%"),
		ui_enum(stage_items, iv->stage), iv->date, p->min_met, 100 * p->seventh_min_share);
	draw_text(w, y, x, cols, line, ui_attr(UI_TITLE), AL_LEFT);
	if (!iv->ok) {
		draw_text(w, y + 1, x, cols, iv->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	int dh = h >= 20 ? 5 : 4; /* CV row, formula, detail */
	int lh = h - 1 - dh;
	list_paint(&iv->list, w, y + 1, x, lh, cols, true);
	/* the CV row in the value columns */
	int widths[NL_COLUMNS];
	list_column_widths(nl_columns, NL_COLUMNS, cols, widths);
	double lim = iv->stage == STAGE_JUNIOR ? p->cv_max_junior : p->cv_max_primary;
	char cells[NL_COLUMNS][48];
	const char *cp[NL_COLUMNS];
	snprintf(cells[0], sizeof cells[0], _("CV ≤ %.2f"), lim);
	snprintf(cells[1], sizeof cells[1], "%d", iv->counted);
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		if (isnan(iv->cv[k]))
			cells[2 + k][0] = '\0';
		else
			snprintf(cells[2 + k], sizeof cells[0], "%.3f%s", iv->cv[k], iv->cv[k] <= lim + 1e-12 ? "" : "✗");
	}
	cells[9][0] = cells[10][0] = '\0';
	for (int k = 0; k < NL_COLUMNS; k++)
		cp[k] = cells[k];
	int ry = y + 1 + lh;
	list_draw_cells(w, ry, x, cols, nl_columns, NL_COLUMNS, widths, cp, A_BOLD);
	snprintf(line, sizeof line, _("CV formula: %s."), formula_text(p->cv_plain));
	if (iv->apart) {
		size_t o = strlen(line);
		snprintf(line + o, sizeof line - o, _(" ◦ %d teaching points under %ld pupils left out."), iv->apart,
			p->min_pupils);
	}
	draw_text(w, ry + 1, x, cols, line, ui_attr(UI_DIM), AL_LEFT);
	/* the selected school: what it lacks */
	const int *sel = list_selected(&iv->list);
	if (!sel)
		return;
	const struct db_indicator_row *r = &iv->rows[*sel];
	struct strbuf b;
	sb_init(&b);
	sb_printf(&b, _("%s: %d of 7 met, lowest %.0f%% of its threshold, %s"), r->s.name, r->r.met_count,
		100 * r->r.lowest_ratio, r->r.ok ? _("passes") : _("does not pass"));
	bool first = true;
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		if (r->r.met[k])
			continue;
		sb_adds(&b, first ? _(" · missing: ") : _(", "));
		sb_printf(&b, _(missing_fmt[k]), r->r.missing[k]);
		first = false;
	}
	draw_wrapped(w, ry + 2, x, dh - 2, cols, b.s ? b.s : "", r->r.ok ? A_BOLD : ui_attr(UI_WARN) | A_BOLD);
	sb_free(&b);
}

static int ind_action(struct view *v, int id)
{
	struct indview *iv = (struct indview *)v;
	if (list_moves(id))
		return list_move(&iv->list, id);
	switch (id) {
	case NA_LEVEL:
		iv->stage = iv->stage == STAGE_PRIMARY ? STAGE_JUNIOR : STAGE_PRIMARY;
		ind_load(iv);
		list_reload(&iv->list);
		list_select_index(&iv->list, 0);
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void ind_reload(struct view *v)
{
	((struct indview *)v)->stale = true;
}

static struct list *ind_list(struct view *v)
{
	return &((struct indview *)v)->list;
}

static bool ind_record(struct view *v, const char **table, int64_t *id)
{
	struct indview *iv = (struct indview *)v;
	const int *sel = list_selected(&iv->list);
	if (!sel)
		return false;
	*table = "school";
	*id = iv->rows[*sel].s.id;
	return true;
}

static void ind_free(struct view *v)
{
	struct indview *iv = (struct indview *)v;
	list_free(&iv->list);
	free(iv->rows);
	free(iv);
}

const struct view_ops indicators_view_ops = {
	.name = "indicators",
	.title = N_("Indicators"),
	.actions = indicator_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = ind_paint,
	.action = ind_action,
	.reload = ind_reload,
	.list = ind_list,
	.record = ind_record,
	.free = ind_free,
};

struct view *indicators_view_new(struct app *a)
{
	struct indview *iv = xcalloc(1, sizeof *iv);
	app_view_init(a, &iv->v, &indicators_view_ops);
	iv->stage = STAGE_PRIMARY;
	date_today(iv->date);
	ind_load(iv);
	list_init(&iv->list, &nl_source, iv);
	return &iv->v;
}

/* ---- the rectification ledger ---- */

enum { RA_DONE = 1, RA_VERIFY };

static const struct action rect_actions[] = {
	{RA_DONE, "rectifications.done", "D", N_("done"), N_("The owner school reports the rectification done (a note)"), 0},
	{RA_VERIFY, "rectifications.verify", "V", N_("verify"), N_("Verify it by a later inspection whose result passes (its id)"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct rectview {
	struct view v;
	struct rectification *rows;
	int n;
	char msg[XQ_MSG_MAX];
	struct list list;
	int64_t ask_id;
};

static int rect_rank(const struct rectification *r)
{
	return r->overdue ? 0 : r->status == RECT_OPEN ? 1 : r->status == RECT_REPORTED ? 2 : 3;
}

static int rect_cmp(const void *pa, const void *pb)
{
	const struct rectification *a = pa, *b = pb;
	int d = rect_rank(a) - rect_rank(b);
	if (d)
		return d;
	d = strcmp(a->deadline, b->deadline);
	if (d)
		return d;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void rect_load(struct rectview *rv)
{
	free(rv->rows);
	rv->rows = NULL;
	rv->n = 0;
	rv->msg[0] = '\0';
	if (db_rectification_list(app_db(rv->v.app), false, 0, &rv->rows, &rv->n, rv->msg) == XQ_OK)
		qsort(rv->rows, (size_t)rv->n, sizeof *rv->rows, rect_cmp);
}

static long rl_count(void *ctx)
{
	return ((struct rectview *)ctx)->n;
}

static int rl_page(void *ctx, long off, int limit, void *rows)
{
	struct rectview *rv = ctx;
	int n = 0;
	for (long i = off; i < rv->n && n < limit; i++)
		((struct rectification *)rows)[n++] = rv->rows[i];
	return n;
}

static long rl_position(void *ctx, int64_t id)
{
	struct rectview *rv = ctx;
	for (int i = 0; i < rv->n; i++)
		if (rv->rows[i].id == id)
			return i;
	return -1;
}

static int64_t rl_id(const void *row)
{
	return ((const struct rectification *)row)->id;
}

static bool rl_row_matches(void *ctx, const void *row, const char *text)
{
	const struct rectification *r = row;
	(void)ctx;
	return strcasestr(r->school_name, text) || strcasestr(r->item_text, text) || strcasestr(r->person, text);
}

static long rl_match_count(void *ctx, const char *text)
{
	struct rectview *rv = ctx;
	long n = 0;
	for (int i = 0; i < rv->n; i++)
		n += rl_row_matches(ctx, &rv->rows[i], text);
	return n;
}

static int rl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct rectview *rv = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < rv->n && n < limit; i++)
		if (rl_row_matches(ctx, &rv->rows[i], text) && k++ >= off)
			((struct rectification *)rows)[n++] = rv->rows[i];
	return n;
}

static void rl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct rectification *r = row;
	(void)ctx;
	switch (col) {
	case 0:
		snprintf(buf, size, "%lld", (long long)r->id);
		break;
	case 1:
		xq_copy(buf, size, r->school_name);
		break;
	case 2:
		xq_copy(buf, size, r->item_text);
		break;
	case 3:
		xq_copy(buf, size, r->person);
		break;
	case 4:
		xq_copy(buf, size, r->deadline);
		break;
	case 5:
		/* overdue in words and a mark, not only a colour */
		if (r->overdue)
			snprintf(buf, size, "! %s", _("overdue"));
		else
			xq_copy(buf, size, ui_enum(rect_status_items, r->status));
		break;
	}
}

static const struct list_column rl_columns[] = {
	{N_("No."), 3, 0, true, 2},
	{N_("School"), 8, 1, false, 0},
	{N_("Item"), 10, 2, false, 0},
	{N_("Person"), 6, 0, false, 1},
	{N_("Deadline"), 10, 0, false, 0},
	{N_("Status"), 8, 0, false, 0},
};

static const struct list_source rl_source = {
	.columns = rl_columns,
	.ncolumns = 6,
	.row_size = sizeof(struct rectification),
	.empty = N_("No rectification yet: R on a failed item of a submitted inspection makes one."),
	.count = rl_count,
	.page = rl_page,
	.position = rl_position,
	.row_id = rl_id,
	.cell = rl_cell,
	.match_count = rl_match_count,
	.match_page = rl_match_page,
	.row_matches = rl_row_matches,
};

static void rect_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct rectview *rv = (struct rectview *)v;
	char line[1024];
	int overdue = 0;
	for (int i = 0; i < rv->n; i++)
		overdue += rv->rows[i].overdue;
	snprintf(line, sizeof line, _("Rectifications %ld/%d · %d overdue · overdue first, then open, reported, verified"),
		rv->list.count ? rv->list.sel + 1 : 0, rv->n, overdue);
	draw_text(w, y, x, cols, line, ui_attr(rv->msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	int dh = h >= 16 ? 4 : 3;
	int lh = h - 1 - dh - 1;
	list_paint(&rv->list, w, y + 1, x, lh, cols, true);
	mvwhline(w, y + 1 + lh, x, ACS_HLINE, cols);
	const struct rectification *r = list_selected(&rv->list);
	if (!r) {
		if (rv->msg[0])
			draw_text(w, y + 2 + lh, x, cols, rv->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	int dy = y + 2 + lh;
	snprintf(line, sizeof line, _("Inspection %lld, item %d: %s"), (long long)r->inspection_id, r->position,
		r->item_text);
	int used = draw_wrapped(w, dy, x + 1, dh - 2, cols - 2, line, A_BOLD);
	snprintf(line, sizeof line, _("%s %s · %s · due %s · %s"), r->school_code, r->school_name, r->person,
		r->deadline, r->overdue ? _("OVERDUE") : ui_enum(rect_status_items, r->status));
	if (r->reported_on[0]) {
		size_t o = strlen(line);
		snprintf(line + o, sizeof line - o, _(" · reported done %s"), r->reported_on);
	}
	if (r->verified_by) {
		size_t o = strlen(line);
		snprintf(line + o, sizeof line - o, _(" · verified by inspection %lld"), (long long)r->verified_by);
	}
	draw_text(w, dy + used, x + 1, cols - 2, line, r->overdue ? ui_attr(UI_WARN) | A_BOLD : A_NORMAL, AL_LEFT);
	if (r->note[0] && used + 1 < dh)
		draw_text(w, dy + used + 1, x + 1, cols - 2, r->note, ui_attr(UI_DIM), AL_LEFT);
}

static void rect_after(struct rectview *rv, int64_t id, const char *good)
{
	app_msg(rv->v.app, MSG_GOOD, "%s", good);
	app_changed(rv->v.app);
	rect_load(rv);
	list_reload(&rv->list);
	list_select_id(&rv->list, id);
}

static void done_note(void *ctx, const char *text)
{
	struct rectview *rv = ctx;
	char msg[XQ_MSG_MAX], good[256];
	if (!text)
		return;
	if (db_rectification_done(app_db(rv->v.app), rv->ask_id, text, msg) != XQ_OK) {
		app_msg(rv->v.app, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	snprintf(good, sizeof good, _("Rectification %lld reported done."), (long long)rv->ask_id);
	rect_after(rv, rv->ask_id, good);
}

static void verify_by(void *ctx, const char *text)
{
	struct rectview *rv = ctx;
	char msg[XQ_MSG_MAX], good[256];
	long by;
	if (!text)
		return;
	if (!parse_long(text, &by) || by <= 0) {
		app_msg(rv->v.app, MSG_WARN, _("'%s' is not an inspection id."), text);
		return;
	}
	if (db_rectification_verify(app_db(rv->v.app), rv->ask_id, by, msg) != XQ_OK) {
		app_msg(rv->v.app, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	snprintf(good, sizeof good, _("Rectification %lld verified by inspection %ld."), (long long)rv->ask_id, by);
	rect_after(rv, rv->ask_id, good);
}

/* The newest submitted or closed inspection of the same target after the one that found
 * the failure, as text for the verify prompt ("" when none). */
static void later_inspection(struct rectview *rv, const struct rectification *r, char *buf, size_t size)
{
	struct db *db = app_db(rv->v.app);
	struct inspection in, *rows;
	int n;
	char msg[XQ_MSG_MAX];
	buf[0] = '\0';
	if (db_inspection_get(db, r->inspection_id, &in, msg) != XQ_OK)
		return;
	struct inspection_query q = {-1, in.school_id, in.district_id};
	if (db_inspection_list(db, &q, &rows, &n, msg) != XQ_OK)
		return;
	for (int i = 0; i < n && !buf[0]; i++) /* newest first */
		if (rows[i].status >= INSP_SUBMITTED && strcmp(rows[i].date, in.date) > 0)
			snprintf(buf, size, "%lld", (long long)rows[i].id);
	free(rows);
}

static int rect_action(struct view *v, int id)
{
	struct rectview *rv = (struct rectview *)v;
	const struct rectification *r = list_selected(&rv->list);
	if (list_moves(id))
		return list_move(&rv->list, id);
	switch (id) {
	case RA_DONE:
	case RA_VERIFY:
		if (!r) {
			app_msg(v->app, MSG_INFO, "%s", _("No rectification is selected."));
			return UI_PAINT;
		}
		rv->ask_id = r->id;
		if (id == RA_DONE)
			prompt_open(v->app, _("Done — a note (Enter), Esc keeps it open: "), "", done_note, NULL, rv);
		else {
			char later[32];
			later_inspection(rv, r, later, sizeof later);
			prompt_open(v->app, _("Verified by inspection: "), later, verify_by, NULL, rv);
		}
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void rect_reload(struct view *v)
{
	struct rectview *rv = (struct rectview *)v;
	rect_load(rv);
	list_reload(&rv->list);
}

static struct list *rect_list(struct view *v)
{
	return &((struct rectview *)v)->list;
}

static bool rect_record(struct view *v, const char **table, int64_t *id)
{
	const struct rectification *r = list_selected(&((struct rectview *)v)->list);
	if (!r)
		return false;
	*table = "rectification";
	*id = r->id;
	return true;
}

static void rect_free(struct view *v)
{
	struct rectview *rv = (struct rectview *)v;
	list_free(&rv->list);
	free(rv->rows);
	free(rv);
}

const struct view_ops rectifications_view_ops = {
	.name = "rectifications",
	.title = N_("Rectifications"),
	.actions = rect_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = rect_paint,
	.action = rect_action,
	.reload = rect_reload,
	.list = rect_list,
	.record = rect_record,
	.free = rect_free,
};

struct view *rectifications_view_new(struct app *a)
{
	struct rectview *rv = xcalloc(1, sizeof *rv);
	app_view_init(a, &rv->v, &rectifications_view_ops);
	rect_load(rv);
	list_init(&rv->list, &rl_source, rv);
	return &rv->v;
}
