/* inspection_checklist.c: scoring an inspection's checklist by keyboard alone — items by
 * section, y and n for yes/no items, digits and . for scores and measured values, Enter
 * saves and moves on, a note on any item; indicator items show the value computed from
 * the data (Enter takes it, a typed value overrides it with a note). The running total
 * and verdict stay on the top line; a failed item carries a mark, not only a colour. A
 * failed item of a submitted inspection becomes a rectification. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/indicators.h"
#include "tui/form.h"
#include "tui/inspections.h"

enum { CA_YES = 1, CA_NO, CA_TYPE, CA_ERASE, CA_SAVE, CA_NOTE, CA_RECTIFY };

static const struct action checklist_actions[] = {
	{CA_YES, "checklist.yes", "y", N_("yes"), N_("A yes/no item: yes, saved, and on to the next"), 0},
	{CA_NO, "checklist.no", "n", N_("no"), N_("A yes/no item: no, saved, and on to the next"), 0},
	{CA_TYPE, "checklist.type", "0 1 2 3 4 5 6 7 8 9 .", N_("value"),
		N_("Type a score or a measured value; on an indicator item, a value overriding the computed one"), 0},
	{CA_ERASE, "checklist.erase", "Backspace", NULL, N_("Erase the last character typed"), 0},
	{CA_SAVE, "checklist.save", "Enter", N_("save"),
		N_("Save the value typed (or the computed one) and go to the next item"), 0},
	{CA_NOTE, "checklist.note", "m", N_("note"), N_("Write a note on the item (asked for an override)"), 0},
	{CA_RECTIFY, "checklist.rectify", "R", N_("rectify"),
		N_("Make a rectification of the failed item: owner school, person, deadline"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct checklist {
	struct view v;
	int64_t id;
	struct inspection in;
	struct check_item *items;
	struct result *res;
	double *computed; /* unscored indicator items: the value from the data, NAN when none */
	int n;
	struct checklist_verdict verdict;
	bool ok;
	char msg[XQ_MSG_MAX];
	struct list list;
	char typed[32];	 /* the value being typed on the selected item */
	int64_t typed_rev; /* the revision of its result when typing began */
	int ask_pos;	 /* the item a note prompt is for */
	double ask_value;
	bool ask_has_value;
	int64_t ask_rev;
};

static struct db *cdb(struct checklist *c)
{
	return app_db(c->v.app);
}

static void checklist_load(struct checklist *c)
{
	free(c->items);
	free(c->res);
	free(c->computed);
	c->items = NULL;
	c->res = NULL;
	c->computed = NULL;
	c->n = 0;
	c->msg[0] = '\0';
	c->ok = db_inspection_get(cdb(c), c->id, &c->in, c->msg) == XQ_OK &&
		db_inspection_results(cdb(c), c->id, &c->items, &c->res, &c->n, &c->verdict, c->msg) == XQ_OK;
	if (!c->ok)
		return;
	c->computed = xcalloc((size_t)(c->n > 0 ? c->n : 1), sizeof *c->computed);
	for (int i = 0; i < c->n; i++) {
		c->computed[i] = NAN;
		if (c->items[i].kind != ITEM_INDICATOR || c->res[i].scored || c->in.school_id <= 0)
			continue;
		double v, thr;
		char m[XQ_MSG_MAX];
		if (db_indicator_value(cdb(c), c->in.school_id, c->in.date, c->items[i].indicator, c->in.stage,
			    &v, &thr, m) == XQ_OK)
			c->computed[i] = v;
	}
}

/* the list: item indexes */

static long cl_count(void *ctx)
{
	return ((struct checklist *)ctx)->n;
}

static int cl_page(void *ctx, long off, int limit, void *rows)
{
	struct checklist *c = ctx;
	int n = 0;
	for (long i = off; i < c->n && n < limit; i++)
		((int *)rows)[n++] = (int)i;
	return n;
}

static long cl_position(void *ctx, int64_t id)
{
	struct checklist *c = ctx;
	return id >= 1 && id <= c->n ? id - 1 : -1;
}

static int64_t cl_id(const void *row)
{
	return *(const int *)row + 1;
}

static bool cl_row_matches(void *ctx, const void *row, const char *text)
{
	struct checklist *c = ctx;
	const struct check_item *it = &c->items[*(const int *)row];
	return strcasestr(it->text, text) || strcasestr(it->section, text);
}

static long cl_match_count(void *ctx, const char *text)
{
	struct checklist *c = ctx;
	long n = 0;
	for (int i = 0; i < c->n; i++)
		n += cl_row_matches(ctx, &i, text);
	return n;
}

static int cl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct checklist *c = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < c->n && n < limit; i++)
		if (cl_row_matches(ctx, &i, text) && k++ >= off)
			((int *)rows)[n++] = i;
	return n;
}

static const char *num_text(double v, char *buf, size_t size)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, size, "%.4g", v);
	return buf;
}

/* The rule of an item: "yes", "0–10 ≥ 6", ">= 4 次". */
static void rule_text(const struct check_item *it, const struct result *r, char *buf, size_t size)
{
	char a[32];
	switch (it->kind) {
	case ITEM_YESNO:
		snprintf(buf, size, "%s", _("yes"));
		break;
	case ITEM_SCORE:
		if (isnan(it->threshold))
			snprintf(buf, size, "0–%s", num_text(it->max, a, sizeof a));
		else {
			char b[32];
			snprintf(buf, size, "0–%s ≥ %s", num_text(it->max, a, sizeof a), num_text(it->threshold, b, sizeof b));
		}
		break;
	default:
		snprintf(buf, size, "%s %s%s%s", it->kind == ITEM_INDICATOR ? ">=" : enum_key(comparator_items, it->comparator),
			num_text(r->threshold, a, sizeof a), it->unit[0] ? " " : "", it->unit);
	}
}

/* What the item holds: the value typed, the value saved, or the computed one. */
static void value_text(struct checklist *c, int i, bool sel, char *buf, size_t size)
{
	const struct check_item *it = &c->items[i];
	const struct result *r = &c->res[i];
	char a[32];
	if (sel && c->typed[0]) {
		snprintf(buf, size, "%s_", c->typed);
		return;
	}
	if (!r->scored) {
		if (!isnan(c->computed[i]))
			snprintf(buf, size, _("%s computed"), num_text(c->computed[i], a, sizeof a));
		else
			buf[0] = '\0';
		return;
	}
	if (it->kind == ITEM_YESNO)
		snprintf(buf, size, "%s", r->value != 0 ? _("yes") : _("no"));
	else if (!isnan(r->computed))
		snprintf(buf, size, _("%s overridden"), num_text(r->value, a, sizeof a));
	else
		snprintf(buf, size, "%s", num_text(r->value, a, sizeof a));
}

static void cl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct checklist *c = ctx;
	int i = *(const int *)row;
	const struct check_item *it = &c->items[i];
	const struct result *r = &c->res[i];
	switch (col) {
	case 0:
		/* readable without colour: ✓ passed, ✗ failed (!! a veto item), · not scored */
		xq_copy(buf, size, !r->scored ? "·" : r->pass ? "✓" : it->veto ? "✗!" : "✗");
		break;
	case 1:
		snprintf(buf, size, "%d", it->position);
		break;
	case 2:
		/* the section's name on its first item only */
		xq_copy(buf, size, i > 0 && strcmp(c->items[i - 1].section, it->section) == 0 ? "" : it->section);
		break;
	case 3:
		xq_copy(buf, size, it->text);
		break;
	case 4:
		value_text(c, i, (long)i == c->list.sel, buf, size);
		break;
	case 5:
		rule_text(it, r, buf, size);
		break;
	}
}

static const struct list_column cl_columns[] = {
	{N_("✓"), 2, 0, false, 0},
	{N_("No."), 4, 0, true, 0},
	{N_("Section"), 8, 1, false, 1},
	{N_("Item"), 14, 3, false, 0},
	{N_("Value"), 12, 0, false, 0},
	{N_("Standard"), 10, 0, false, 2},
};

static const struct list_source cl_source = {
	.columns = cl_columns,
	.ncolumns = 6,
	.row_size = sizeof(int),
	.empty = N_("This checklist has no items."),
	.count = cl_count,
	.page = cl_page,
	.position = cl_position,
	.row_id = cl_id,
	.cell = cl_cell,
	.match_count = cl_match_count,
	.match_page = cl_match_page,
	.row_matches = cl_row_matches,
};

static int sel_index(struct checklist *c)
{
	return c->n > 0 && c->list.sel >= 0 && c->list.sel < c->n ? (int)c->list.sel : -1;
}

static void checklist_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct checklist *c = (struct checklist *)v;
	char line[2200], verdict[128];
	if (!c->ok) {
		draw_text(w, y, x, cols, c->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	/* the running total and the verdict, always in view */
	inspection_verdict_text(&c->verdict, verdict, sizeof verdict);
	snprintf(line, sizeof line, _("Total %s · scored %d of %d · failed %d"), verdict, c->verdict.scored, c->n,
		c->verdict.failed);
	if (c->verdict.indicators > 0) {
		size_t o = strlen(line);
		snprintf(line + o, sizeof line - o, _(" · indicators met %d of %d"), c->verdict.met,
			c->verdict.indicators);
	}
	draw_text(w, y, x, cols, line,
		(c->verdict.complete && !c->verdict.pass ? ui_attr(UI_WARN) : ui_attr(UI_TITLE)) | A_BOLD, AL_LEFT);
	snprintf(line, sizeof line, _("Inspection %lld · %s · %s · %s v%d · %s"), (long long)c->in.id,
		c->in.target_name, c->in.date, c->in.template_name, c->in.template_version,
		ui_enum(insp_status_items, c->in.status));
	draw_text(w, y + 1, x, cols, line, ui_attr(UI_ACCENT), AL_LEFT);
	int dh = h >= 18 ? 4 : 3;
	int lh = h - 2 - dh - 1;
	list_paint(&c->list, w, y + 2, x, lh, cols, true);
	mvwhline(w, y + 2 + lh, x, ACS_HLINE, cols);
	int i = sel_index(c);
	if (i < 0)
		return;
	const struct check_item *it = &c->items[i];
	const struct result *r = &c->res[i];
	int dy = y + 3 + lh;
	snprintf(line, sizeof line, "%d. %s%s", it->position, it->text, it->veto ? _(" (veto item)") : "");
	int used = draw_wrapped(w, dy, x + 1, dh - 1, cols - 2, line, A_BOLD);
	const char *note = r->override_note[0] ? r->override_note : r->note;
	if (note[0])
		snprintf(line, sizeof line, _("Note: %s"), note);
	else if (it->kind == ITEM_YESNO)
		snprintf(line, sizeof line, "%s", _("y yes · n no · m a note"));
	else if (it->kind == ITEM_INDICATOR)
		snprintf(line, sizeof line, "%s", _("Enter takes the computed value · digits override it (with a note)"));
	else
		snprintf(line, sizeof line, "%s", _("Type the value (digits and .), Enter saves · m a note"));
	if (used < dh)
		draw_text(w, dy + used, x + 1, cols - 2, line, note[0] ? A_NORMAL : ui_attr(UI_DIM), AL_LEFT);
}

/* The next item not scored after i, else the next one; stays on the last. */
static void move_next(struct checklist *c, int i)
{
	int next = -1;
	for (int k = i + 1; k < c->n && next < 0; k++)
		if (!c->res[k].scored)
			next = k;
	if (next < 0)
		next = i + 1 < c->n ? i + 1 : i;
	list_select_index(&c->list, next);
}

/* The revision of item i's result as shown (0: not scored). */
static int64_t shown_rev(const struct checklist *c, int i)
{
	return c->res[i].scored ? c->res[i].rev : 0;
}

/* Saves item i: has_value false takes the computed value of an indicator item. rev: the
 * revision of the result the user acted on; someone else's change since is refused. */
static bool save(struct checklist *c, int i, bool has_value, double value, const char *note, int64_t rev)
{
	struct app *a = c->v.app;
	char msg[XQ_MSG_MAX];
	int rc = db_inspection_score_rev(cdb(c), c->id, c->items[i].position, has_value, value, note, rev, msg);
	if (rc != XQ_OK) {
		/* a stale result's message begins "not saved" already */
		if (rc == XQ_STALE)
			app_msg(a, MSG_WARN, "%s", msg);
		else
			app_msg(a, MSG_WARN, _("Not saved: %s"), msg);
		if (rc == XQ_STALE) {
			c->typed[0] = '\0';
			checklist_load(c);
			list_reload(&c->list);
		}
		return false;
	}
	c->typed[0] = '\0';
	app_changed(a); /* this checklist too */
	char verdict[128];
	inspection_verdict_text(&c->verdict, verdict, sizeof verdict);
	app_msg(a, c->res[i].pass ? MSG_GOOD : MSG_WARN, c->res[i].pass ? _("Item %d saved: passed. Total %s.")
									  : _("Item %d saved: FAILED. Total %s."),
		c->items[i].position, verdict);
	return true;
}

/* The note the user kept in the prompt (NULL: cancelled): saved with the value asked. */
static void note_done(void *ctx, const char *text)
{
	struct checklist *c = ctx;
	int i = c->ask_pos;
	if (!text || i < 0 || i >= c->n)
		return;
	if (save(c, i, c->ask_has_value, c->ask_value, text, c->ask_rev))
		move_next(c, i);
}

static void ask_note(struct checklist *c, int i, bool has_value, double value, const char *label)
{
	const struct result *r = &c->res[i];
	c->ask_pos = i;
	c->ask_has_value = has_value;
	c->ask_value = value;
	c->ask_rev = c->typed[0] ? c->typed_rev : shown_rev(c, i);
	prompt_open(c->v.app, label, r->override_note[0] ? r->override_note : r->note, note_done, NULL, c);
}

/* The note of an item: saved with the value it holds, typed or computed. */
static void note_open(struct checklist *c, int i)
{
	const struct check_item *it = &c->items[i];
	const struct result *r = &c->res[i];
	double value;
	if (c->typed[0]) {
		if (!parse_double(c->typed, &value)) {
			app_msg(c->v.app, MSG_WARN, _("'%s' is not a number."), c->typed);
			return;
		}
		ask_note(c, i, true, value, _("Note: "));
	} else if (r->scored) {
		/* a computed indicator value stays computed; an override keeps its value */
		bool keep = it->kind != ITEM_INDICATOR || !isnan(r->computed);
		ask_note(c, i, keep, r->value, _("Note: "));
	} else if (it->kind == ITEM_INDICATOR) {
		ask_note(c, i, false, NAN, _("Note: "));
	} else {
		app_msg(c->v.app, MSG_INFO, "%s", _("Score the item first (y/n or a value), then write its note."));
	}
}

static void enter(struct checklist *c, int i)
{
	const struct check_item *it = &c->items[i];
	const struct result *r = &c->res[i];
	const char *note = r->scored ? r->note : "";
	if (c->typed[0]) {
		double value;
		if (!parse_double(c->typed, &value)) {
			app_msg(c->v.app, MSG_WARN, _("'%s' is not a number."), c->typed);
			return;
		}
		if (it->kind == ITEM_INDICATOR) {
			app_msg(c->v.app, MSG_INFO, "%s", _("A typed value overrides the computed one: say why."));
			ask_note(c, i, true, value, _("Why override the computed value? "));
			return;
		}
		if (save(c, i, true, value, note, c->typed_rev))
			move_next(c, i);
		return;
	}
	if (it->kind == ITEM_INDICATOR && !r->scored) {
		if (save(c, i, false, NAN, note, shown_rev(c, i)))
			move_next(c, i);
		return;
	}
	if (!r->scored && it->kind == ITEM_YESNO) {
		app_msg(c->v.app, MSG_INFO, "%s", _("y or n answers this item."));
		return;
	}
	if (!r->scored) {
		app_msg(c->v.app, MSG_INFO, "%s", _("Type the value first (digits and .)."));
		return;
	}
	move_next(c, i);
}

/* rectification of a failed item */

struct rectctx {
	struct checklist *c;
	int position;
};

enum { RF_SCHOOL, RF_PERSON, RF_DEADLINE };

static int rect_submit(struct entry_form *f, void *ctx)
{
	struct rectctx *rc = ctx;
	struct checklist *c = rc->c;
	struct rectification r = {0};
	char msg[XQ_MSG_MAX] = "";
	r.inspection_id = c->id;
	r.position = rc->position;
	r.school_id = form_get_school(f, RF_SCHOOL);
	form_get_text(f, RF_PERSON, r.person, sizeof r.person);
	form_get_text(f, RF_DEADLINE, r.deadline, sizeof r.deadline);
	if (db_rectification_add(cdb(c), &r, msg) != XQ_OK) {
		form_set_message(f, MSG_WARN, msg);
		return XQ_ERR;
	}
	app_msg(c->v.app, MSG_GOOD, _("Rectification %lld of item %d made; r in the list shows the ledger."),
		(long long)r.id, rc->position);
	app_changed(c->v.app);
	return XQ_OK;
}

static void rectify_open(struct checklist *c, int i)
{
	const struct result *r = &c->res[i];
	if (!r->scored || r->pass) {
		app_msg(c->v.app, MSG_INFO, "%s", _("Only a failed item becomes a rectification."));
		return;
	}
	struct rectctx *rc = xcalloc(1, sizeof *rc);
	rc->c = c;
	rc->position = c->items[i].position;
	char title[512];
	snprintf(title, sizeof title, _("Rectify item %d: %s"), c->items[i].position, c->items[i].text);
	struct entry_form *f = form_new(c->v.app, title, rect_submit, rc, free);
	form_school(f, N_("Owner school"), c->in.school_id, c->in.school_id <= 0);
	form_text(f, N_("Responsible person"), "", SHORT_LEN, true);
	form_date(f, N_("Deadline"), "", true);
	form_set_message(f, MSG_INFO, _("The inspection must be submitted; a later inspection verifies it."));
	form_open(f);
}

static int checklist_action(struct view *v, int id)
{
	struct checklist *c = (struct checklist *)v;
	struct app *a = v->app;
	int i = sel_index(c);
	switch (id) {
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
	case LA_HALF_UP:
	case LA_HALF_DOWN:
		c->typed[0] = '\0'; /* what was typed belongs to the item left */
		return list_move(&c->list, id);
	case GA_BACK:
		if (c->typed[0]) {
			c->typed[0] = '\0';
			app_msg(a, MSG_INFO, "%s", _("The value typed is dropped."));
			return UI_PAINT;
		}
		return UI_UNUSED;
	}
	if (i < 0)
		return id == CA_TYPE || id == CA_YES || id == CA_NO ? UI_PAINT : UI_UNUSED;
	const struct check_item *it = &c->items[i];
	switch (id) {
	case CA_YES:
	case CA_NO:
		if (it->kind != ITEM_YESNO) {
			app_msg(a, MSG_INFO, "%s", _("This item takes a number: type it, then Enter."));
			return UI_PAINT;
		}
		c->typed[0] = '\0';
		if (save(c, i, true, id == CA_YES ? 1 : 0, c->res[i].scored ? c->res[i].note : "", shown_rev(c, i)))
			move_next(c, i);
		return UI_PAINT;
	case CA_TYPE: {
		int k = app_key_pressed(a);
		size_t len = strlen(c->typed);
		if (it->kind == ITEM_YESNO) {
			app_msg(a, MSG_INFO, "%s", _("y or n answers this item."));
			return UI_PAINT;
		}
		if (len == 0)
			c->typed_rev = shown_rev(c, i);
		if (((k >= '0' && k <= '9') || k == '.') && len + 1 < sizeof c->typed) {
			c->typed[len] = (char)k;
			c->typed[len + 1] = '\0';
		}
		return UI_PAINT;
	}
	case CA_ERASE: {
		size_t len = strlen(c->typed);
		if (len)
			c->typed[len - 1] = '\0';
		return UI_PAINT;
	}
	case CA_SAVE:
		enter(c, i);
		return UI_PAINT;
	case CA_NOTE:
		note_open(c, i);
		return UI_PAINT;
	case CA_RECTIFY:
		rectify_open(c, i);
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void checklist_reload(struct view *v)
{
	struct checklist *c = (struct checklist *)v;
	checklist_load(c);
	list_reload(&c->list);
}

static struct list *checklist_list(struct view *v)
{
	return &((struct checklist *)v)->list;
}

static bool checklist_record(struct view *v, const char **table, int64_t *id)
{
	struct checklist *c = (struct checklist *)v;
	int i = sel_index(c);
	if (i < 0 || !c->res[i].scored) {
		*table = "inspection";
		*id = c->id;
		return true;
	}
	*table = "result";
	*id = c->res[i].id;
	return true;
}

static void checklist_free(struct view *v)
{
	struct checklist *c = (struct checklist *)v;
	list_free(&c->list);
	free(c->items);
	free(c->res);
	free(c->computed);
	free(c);
}

const struct view_ops checklist_view_ops = {
	.name = "checklist",
	.title = N_("Checklist"),
	.actions = checklist_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = checklist_paint,
	.action = checklist_action,
	.reload = checklist_reload,
	.list = checklist_list,
	.record = checklist_record,
	.free = checklist_free,
};

struct view *checklist_view_new(struct app *a, int64_t id)
{
	struct checklist *c = xcalloc(1, sizeof *c);
	app_view_init(a, &c->v, &checklist_view_ops);
	c->id = id;
	c->ask_pos = -1;
	checklist_load(c);
	list_init(&c->list, &cl_source, c);
	/* the first item not scored */
	for (int i = 0; i < c->n; i++)
		if (!c->res[i].scored) {
			list_select_index(&c->list, i);
			break;
		}
	return &c->v;
}
