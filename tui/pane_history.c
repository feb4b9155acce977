/* pane_history.c: the audit log in the console — one record's history (`H` on any
 * record) or the county's recent changes (`:history`), newest first, with the selected
 * change's fields before and after, and undo of a change (asks first; the database
 * refuses where a later change stands in the way or the role does not allow it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/i18n.h"
#include "db/district.h"
#include "db/history.h"
#include "db/school.h"
#include "db/teacher.h"
#include "tui/list.h"

enum { HA_UNDO = 1, HA_RECORD };
enum { HCTX_COUNTY = 1, HCTX_RECORD = 2 };

static const struct action history_actions[] = {
	{HA_UNDO, "history.undo", "u", N_("undo"), N_("Undo the change: a new change restores the earlier values (asks first)"), 0},
	{HA_RECORD, "history.record", "H Enter", N_("record"), N_("Show every change of the record this change is about"), HCTX_COUNTY},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct history_view {
	struct view v;
	struct history_query q;
	char table[32];
	char name[SHORT_LEN]; /* the record's name, for the title */
	struct list list;
	/* the selected change with its versions, fetched when the selection moves */
	struct history_item item;
	int64_t item_id;
	bool item_stale;
	struct hist_fields before, after;
	struct hist_change *changes;
	int nchanges;
	char note[XQ_MSG_MAX]; /* the last undo's refusal, in full */
	int64_t ask_id;
};

static struct db *hdb(struct history_view *h)
{
	return app_db(h->v.app);
}

static long hl_count(void *ctx)
{
	struct history_view *h = ctx;
	return db_history_count(hdb(h), &h->q);
}

static int hl_page(void *ctx, long off, int limit, void *rows)
{
	struct history_view *h = ctx;
	return db_history_page(hdb(h), &h->q, off, limit, rows);
}

static long hl_position(void *ctx, int64_t id)
{
	struct history_view *h = ctx;
	return db_history_position(hdb(h), &h->q, id);
}

static int64_t hl_id(const void *row)
{
	return ((const struct history_row *)row)->e.id;
}

/* "2026-12-03T07:41:54.795Z" → "2026-12-03 07:41" (seconds too when long) */
static void when_text(const char *at, bool seconds, char *buf, size_t size)
{
	xq_copy(buf, size, at);
	size_t cut = seconds ? 19 : 16;
	if (strlen(buf) >= cut && size > cut) {
		buf[10] = ' ';
		buf[cut] = '\0';
	}
}

static void hl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct history_row *r = row;
	struct history_view *h = ctx;
	if (h->q.table && col >= 3) /* one record's history has no "of" column */
		col++;
	switch (col) {
	case 0:
		when_text(r->e.at, false, buf, size);
		break;
	case 1:
		xq_copy(buf, size, r->e.sudo_user[0] ? r->e.sudo_user : r->e.login);
		break;
	case 2:
		xq_copy(buf, size, _(hist_op_label(r->e.op)));
		break;
	case 3:
		xq_copy(buf, size, _(hist_table_label(r->e.table)));
		break;
	case 4:
		xq_copy(buf, size, r->label);
		break;
	case 5: {
		/* the changed fields by their labels */
		char keys[256];
		struct strbuf b;
		sb_init(&b);
		sb_adds(&b, "");
		xq_copy(keys, sizeof keys, r->fields);
		int i = 0;
		for (char *save = NULL, *k = strtok_r(keys, ", ", &save); k; k = strtok_r(NULL, ", ", &save))
			sb_printf(&b, "%s%s", i++ ? _(", ") : "", _(hist_field_label(r->e.table, k)));
		xq_copy(buf, size, b.s);
		sb_free(&b);
		break;
	}
	}
}

static const struct list_column hl_columns[] = {
	{N_("When (UTC)"), 16, 0, false, 3},
	{N_("Who"), 6, 0, false, 2},
	{N_("What"), 7, 0, false, 0},
	{N_("Of"), 9, 0, false, 4},
	{N_("Record"), 10, 2, false, 0},
	{N_("Fields"), 10, 3, false, 1},
};
static const struct list_column hl_record_columns[] = {
	{N_("When (UTC)"), 16, 0, false, 3},
	{N_("Who"), 6, 0, false, 2},
	{N_("What"), 7, 0, false, 0},
	{N_("Record"), 10, 2, false, 0},
	{N_("Fields"), 10, 3, false, 1},
};

#define HL_SOURCE(cols, n)                                                                   \
	{                                                                                     \
		.columns = cols, .ncolumns = n, .row_size = sizeof(struct history_row),          \
		.empty = N_("No changes are recorded here."), .count = hl_count, .page = hl_page, \
		.position = hl_position, .row_id = hl_id, .cell = hl_cell,                       \
	}
static const struct list_source hl_record_source = HL_SOURCE(hl_record_columns, 5);
static const struct list_source hl_source = {
	.columns = hl_columns,
	.ncolumns = 6,
	.row_size = sizeof(struct history_row),
	.empty = N_("No changes are recorded here."),
	.count = hl_count,
	.page = hl_page,
	.position = hl_position,
	.row_id = hl_id,
	.cell = hl_cell,
};

static void item_clear(struct history_view *h)
{
	history_item_free(&h->item);
	hist_fields_free(&h->before);
	hist_fields_free(&h->after);
	free(h->changes);
	h->changes = NULL;
	h->nchanges = 0;
	h->item_id = 0;
}

static void item_fetch(struct history_view *h, int64_t id)
{
	if (id == h->item_id && !h->item_stale)
		return;
	if (id != h->item_id)
		h->note[0] = '\0';
	item_clear(h);
	h->item_stale = false;
	if (!id || db_history_get(hdb(h), id, &h->item) != XQ_OK)
		return;
	h->item_id = id;
	hist_parse(h->item.before, &h->before);
	hist_parse(h->item.after, &h->after);
	h->nchanges = hist_diff(&h->before, &h->after, &h->changes);
}

/* A field's value for people: enumerations by their label, schools, teachers and
 * districts by name, an empty value as a dash. */
static void value_text(struct history_view *h, const char *key, const char *v, char *buf,
	size_t size)
{
	if (!v || !*v) {
		xq_copy(buf, size, "—");
		return;
	}
	const struct enum_item *items = hist_field_enum(h->item.r.e.table, key);
	int k = items ? enum_parse(items, v) : -1;
	if (k >= 0) {
		xq_copy(buf, size, ui_enum(items, k));
		return;
	}
	if (strcmp(key, "pe_art") == 0) {
		xq_copy(buf, size, strcmp(v, "0") == 0 ? _("no") : _("yes"));
		return;
	}
	int64_t id = strtoll(v, NULL, 10);
	size_t n = strlen(key);
	struct school s;
	struct teacher t;
	struct district d;
	if (n >= 9 && strcmp(key + n - 9, "school_id") == 0 && db_school_get(hdb(h), id, &s) == XQ_OK)
		xq_copy(buf, size, s.name);
	else if ((strcmp(key, "supporting_id") == 0 || strcmp(key, "supported_id") == 0) &&
		 db_school_get(hdb(h), id, &s) == XQ_OK)
		xq_copy(buf, size, s.name);
	else if (strcmp(key, "teacher_id") == 0 && db_teacher_get(hdb(h), id, &t) == XQ_OK)
		snprintf(buf, size, "%s (%s)", t.name, t.staff_no);
	else if (strcmp(key, "district_id") == 0 && db_district_get(hdb(h), id, &d) == XQ_OK)
		xq_copy(buf, size, d.name);
	else
		xq_copy(buf, size, v);
}

static void detail_paint(struct history_view *h, WINDOW *w, int y, int x, int rows, int cols)
{
	const struct history_row *r = list_selected(&h->list);
	item_fetch(h, r ? r->e.id : 0);
	if (!r || !h->item_id) {
		draw_text(w, y, x, cols, _("No change is selected."), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	const struct audit_entry *e = &h->item.r.e;
	char line[2048], when[32], who[2 * SHORT_LEN + 8];
	when_text(e->at, true, when, sizeof when);
	if (e->sudo_user[0] && strcmp(e->sudo_user, e->login) != 0)
		snprintf(who, sizeof who, _("%s (as %s)"), e->sudo_user, e->login);
	else
		xq_copy(who, sizeof who, e->login);
	snprintf(line, sizeof line, _("#%lld: %s %s %s · by %s at %s UTC"), (long long)e->id,
		_(hist_op_label(e->op)), _(hist_table_label(e->table)), h->item.r.label, who, when);
	int used = 0;
	draw_text(w, y + used++, x, cols, line, ui_attr(UI_TITLE), AL_LEFT);
	if (h->note[0] && used < rows)
		used += draw_wrapped(w, y + used, x, rows - used > 3 ? 3 : rows - used, cols, h->note,
			ui_attr(UI_WARN));
	bool update = strcmp(e->op, "update") == 0;
	for (int i = 0; i < h->nchanges && used < rows; i++) {
		const struct hist_change *c = &h->changes[i];
		char b[512], a[512];
		value_text(h, c->key, c->before, b, sizeof b);
		value_text(h, c->key, c->after, a, sizeof a);
		if (update)
			snprintf(line, sizeof line, _("%s: %s → %s"), _(hist_field_label(e->table, c->key)), b, a);
		else
			snprintf(line, sizeof line, _("%s: %s"), _(hist_field_label(e->table, c->key)),
				c->after ? a : b);
		if (used == rows - 1 && i < h->nchanges - 1)
			snprintf(line, sizeof line, _("… and %d more fields"), h->nchanges - i);
		draw_text(w, y + used++, x, cols, line, A_NORMAL, AL_LEFT);
	}
	if (!h->nchanges && used < rows)
		draw_text(w, y + used, x, cols, _("No field changed but the revision."), ui_attr(UI_DIM),
			AL_LEFT);
}

static void history_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct history_view *hv = (struct history_view *)v;
	bool wide = cols >= 120;
	int lw = wide ? cols / 2 : cols;
	int dh = h / 2 < 9 ? h / 2 : 9; /* the detail's lines when stacked */
	int lh = wide ? h : h - dh - 1;
	char title[768];
	if (hv->q.table)
		snprintf(title, sizeof title, _("History of %s %s · %ld/%ld · newest first"),
			_(hist_table_label(hv->table)), hv->name, hv->list.count ? hv->list.sel + 1 : 0,
			hv->list.count);
	else
		snprintf(title, sizeof title, _("Recent changes in the county · %ld/%ld · newest first"),
			hv->list.count ? hv->list.sel + 1 : 0, hv->list.count);
	draw_text(w, y, x, lw, title, ui_attr(UI_ACCENT), AL_LEFT);
	list_paint(&hv->list, w, y + 1, x, lh - 1, wide ? lw - 1 : lw, true);
	if (wide) {
		mvwvline(w, y, x + lw, ACS_VLINE, h);
		detail_paint(hv, w, y, x + lw + 2, h, cols - lw - 3);
	} else {
		mvwhline(w, y + lh, x, ACS_HLINE, cols);
		detail_paint(hv, w, y + lh + 1, x + 1, h - lh - 1, cols - 2);
	}
}

static void undo_yes(void *ctx)
{
	struct history_view *h = ctx;
	char msg[XQ_MSG_MAX] = "";
	int64_t made = 0;
	int rc = db_history_undo(hdb(h), h->ask_id, &made, msg);
	app_changed(h->v.app);
	if (rc == XQ_OK) {
		h->note[0] = '\0';
		app_msg(h->v.app, MSG_GOOD, _("Change #%lld undone by change #%lld."),
			(long long)h->ask_id, (long long)made);
		list_select_id(&h->list, made);
	} else {
		/* the reason in full above the fields, where it is not cut */
		list_select_id(&h->list, h->ask_id);
		item_fetch(h, h->ask_id);
		snprintf(h->note, sizeof h->note, _("Refused: %s"), msg);
		app_msg(h->v.app, MSG_WARN, _("Refused: %s"), msg);
	}
}

static int history_action(struct view *v, int id)
{
	struct history_view *h = (struct history_view *)v;
	struct app *a = v->app;
	const struct history_row *r = list_selected(&h->list);
	switch (id) {
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
		return list_move(&h->list, id);
	case HA_UNDO: {
		if (!r)
			return UI_PAINT;
		h->ask_id = r->e.id;
		char q[768];
		snprintf(q, sizeof q, _("Undo change #%lld (%s %s %s)? (y/n)"), (long long)r->e.id,
			_(hist_op_label(r->e.op)), _(hist_table_label(r->e.table)), r->label);
		prompt_confirm(a, q, undo_yes, h);
		return UI_PAINT;
	}
	case HA_RECORD:
		return history_open_record(a, v);
	}
	return UI_UNUSED;
}

static unsigned history_context(struct view *v)
{
	return ((struct history_view *)v)->q.table ? HCTX_RECORD : HCTX_COUNTY;
}

static const struct action_ctx history_contexts[] = {
	{HCTX_COUNTY, N_("In the county's recent changes")},
	{0, NULL},
};

static bool history_record(struct view *v, const char **table, int64_t *id)
{
	struct history_view *h = (struct history_view *)v;
	const struct history_row *r = list_selected(&h->list);
	if (!r)
		return false;
	*table = r->e.table;
	*id = r->e.row_id;
	return true;
}

static void history_reload(struct view *v)
{
	struct history_view *h = (struct history_view *)v;
	h->item_stale = true;
	list_reload(&h->list);
}

static struct list *history_list(struct view *v)
{
	return &((struct history_view *)v)->list;
}

static void history_free(struct view *v)
{
	struct history_view *h = (struct history_view *)v;
	list_free(&h->list);
	item_clear(h);
	free(h);
}

const struct view_ops history_view_ops = {
	.name = "history",
	.title = N_("History"),
	.actions = history_actions,
	.contexts = history_contexts,
	.context = history_context,
	.has_list = true,
	.paint = history_paint,
	.action = history_action,
	.reload = history_reload,
	.list = history_list,
	.record = history_record,
	.free = history_free,
};

struct view *history_view_new(struct app *a, const char *table, int64_t row_id)
{
	struct history_view *h = xcalloc(1, sizeof *h);
	app_view_init(a, &h->v, &history_view_ops);
	history_query_init(&h->q);
	if (table) {
		xq_copy(h->table, sizeof h->table, table);
		h->q.table = h->table;
		h->q.row_id = row_id;
	}
	list_init(&h->list, table ? &hl_record_source : &hl_source, h);
	const struct history_row *r = list_row(&h->list, 0);
	if (table && r)
		xq_copy(h->name, sizeof h->name, r->label);
	return &h->v;
}

int history_open_record(struct app *a, struct view *v)
{
	const char *table = NULL;
	int64_t id = 0;
	if (v->ops == &history_view_ops && ((struct history_view *)v)->q.table) {
		app_msg(a, MSG_INFO, "%s", _("This is the record's history; q goes back."));
		return UI_PAINT;
	}
	if (!v->ops->record || !v->ops->record(v, &table, &id)) {
		app_msg(a, MSG_INFO, "%s",
			_("No record is selected here; :history shows the county's recent changes."));
		return UI_PAINT;
	}
	char t[32];
	xq_copy(t, sizeof t, table);
	app_push_view(a, history_view_new(a, t, id));
	return UI_PAINT;
}
