/* pane_exemptions.c: one teacher's exemptions from exchange (long illness, maternity,
 * family hardship, other) with their dates: the list, and adding, editing and deleting
 * them through the exemption form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "db/teacher.h"
#include "tui/form.h"
#include "tui/list.h"

enum { EA_ADD = 1, EA_EDIT, EA_DELETE, EA_HISTORY };

static const struct action exemption_actions[] = {
	{EA_ADD, "exemptions.add", "a", N_("add"), N_("Add an exemption"), 0},
	{EA_EDIT, "exemptions.edit", "e Enter", N_("edit"), N_("Edit the exemption"), 0},
	{EA_DELETE, "exemptions.delete", "d", N_("delete"), N_("Delete the exemption (asks first)"), 0},
	{EA_HISTORY, "exemptions.history", "H", N_("history"), N_("Who changed the exemption, when and what"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct exemptions {
	struct view v;
	int64_t teacher_id;
	struct teacher t;
	bool have_teacher;
	struct exemption *rows; /* the teacher's exemptions, read whole: a handful */
	int n;
	struct list list;
	int64_t ask_id, ask_rev;
};

static struct db *edb(struct exemptions *e)
{
	return app_db(e->v.app);
}

static long el_count(void *ctx)
{
	return ((struct exemptions *)ctx)->n;
}

static int el_page(void *ctx, long off, int limit, void *rows)
{
	struct exemptions *e = ctx;
	int n = 0;
	for (long i = off; i < e->n && n < limit; i++)
		((struct exemption *)rows)[n++] = e->rows[i];
	return n;
}

static long el_position(void *ctx, int64_t id)
{
	struct exemptions *e = ctx;
	for (int i = 0; i < e->n; i++)
		if (e->rows[i].id == id)
			return i;
	return -1;
}

static int64_t el_id(const void *row)
{
	return ((const struct exemption *)row)->id;
}

static void el_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct exemption *x = row;
	(void)ctx;
	switch (col) {
	case 0:
		xq_copy(buf, size, ui_enum(exemption_kind_items, x->kind));
		break;
	case 1:
		xq_copy(buf, size, x->start_date);
		break;
	case 2:
		xq_copy(buf, size, x->end_date[0] ? x->end_date : _("open"));
		break;
	case 3:
		xq_copy(buf, size, x->note);
		break;
	}
}

static const struct list_column el_columns[] = {
	{N_("Kind"), 12, 2, false, 0},
	{N_("From"), 10, 0, false, 0},
	{N_("To"), 10, 0, false, 0},
	{N_("Note"), 10, 3, false, 1},
};

static const struct list_source el_source = {
	.columns = el_columns,
	.ncolumns = 4,
	.row_size = sizeof(struct exemption),
	.empty = N_("No exemptions: a adds one."),
	.count = el_count,
	.page = el_page,
	.position = el_position,
	.row_id = el_id,
	.cell = el_cell,
};

static void load(struct exemptions *e)
{
	free(e->rows);
	e->rows = NULL;
	e->n = 0;
	e->have_teacher = db_teacher_get(edb(e), e->teacher_id, &e->t) == XQ_OK;
	if (e->have_teacher)
		db_exemption_list(edb(e), e->teacher_id, &e->rows, &e->n);
}

static void exemptions_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct exemptions *e = (struct exemptions *)v;
	char title[512];
	if (!e->have_teacher) {
		draw_text(w, y, x, cols, _("This teacher is gone (deleted meanwhile); q goes back."),
			ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	snprintf(title, sizeof title, _("Exemptions of %s (%s) · %d"), e->t.name, e->t.staff_no, e->n);
	draw_text(w, y, x, cols, title, ui_attr(UI_ACCENT), AL_LEFT);
	list_paint(&e->list, w, y + 1, x, h - 3, cols, true);
	draw_text(w, y + h - 1, x + 1, cols - 2,
		_("An exemption's dates keep the teacher out of the year's eligible teachers."),
		ui_attr(UI_DIM), AL_LEFT);
}

/* the exemption form */

struct ectx {
	struct exemptions *e;
	int64_t id, rev;
};

static const char *const exemption_keys[] = {"kind", "start_date", "end_date", "note", NULL};

static int exemption_submit(struct entry_form *f, void *ctx)
{
	struct ectx *c = ctx;
	struct exemptions *e = c->e;
	struct exemption x;
	char msg[XQ_MSG_MAX] = "";
	memset(&x, 0, sizeof x);
	x.id = c->id;
	x.rev = c->rev;
	x.teacher_id = e->teacher_id;
	xq_copy(x.staff_no, sizeof x.staff_no, e->t.staff_no);
	x.kind = form_get_choice(f, 0);
	form_get_text(f, 1, x.start_date, sizeof x.start_date);
	form_get_text(f, 2, x.end_date, sizeof x.end_date);
	form_get_text(f, 3, x.note, sizeof x.note);
	const char *bad = exemption_validate(&x, msg);
	if (bad) {
		form_invalid(f, bad, exemption_keys, msg);
		return XQ_ERR;
	}
	int rc = c->id ? db_exemption_update(edb(e), &x, msg) : db_exemption_insert(edb(e), &x, msg);
	if (rc != XQ_OK) {
		form_refused(f, rc, "exemption", c->id, msg);
		return rc;
	}
	app_msg(e->v.app, MSG_GOOD, c->id ? _("The exemption of %s is saved.") : _("Exemption of %s added."),
		e->t.name);
	app_changed(e->v.app);
	list_select_id(&e->list, x.id);
	return XQ_OK;
}

static void exemption_form_open(struct exemptions *e, bool edit)
{
	struct app *a = e->v.app;
	struct exemption x;
	memset(&x, 0, sizeof x);
	if (edit) {
		const struct exemption *r = list_selected(&e->list);
		if (!r) {
			app_msg(a, MSG_INFO, "%s", _("No exemption is selected."));
			return;
		}
		x = *r;
	} else {
		date_today(x.start_date);
	}
	struct ectx *c = xcalloc(1, sizeof *c);
	c->e = e;
	c->id = x.id;
	c->rev = x.rev;
	char title[256];
	if (edit)
		snprintf(title, sizeof title, _("Edit an exemption of %s"), e->t.name);
	else
		snprintf(title, sizeof title, _("New exemption of %s"), e->t.name);
	struct entry_form *f = form_new(a, title, exemption_submit, c, free);
	form_choice(f, N_("Kind"), exemption_kind_items, x.kind, NULL);
	form_date(f, N_("Start date"), x.start_date, true);
	form_date(f, N_("End date"), x.end_date, false);
	form_text(f, N_("Note"), x.note, TEXT_LEN, false);
	form_open(f);
}

static void exemption_delete_yes(void *ctx)
{
	struct exemptions *e = ctx;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_exemption_delete(edb(e), e->ask_id, e->ask_rev, msg);
	if (rc == XQ_OK) {
		app_msg(e->v.app, MSG_GOOD, _("The exemption of %s is deleted."), e->t.name);
	} else {
		refusal_text(e->v.app, rc, "exemption", e->ask_id, msg, text, sizeof text);
		app_msg(e->v.app, MSG_WARN, "%s", text);
	}
	app_changed(e->v.app);
}

static int exemptions_action(struct view *v, int id)
{
	struct exemptions *e = (struct exemptions *)v;
	struct app *a = v->app;
	const struct exemption *r = list_selected(&e->list);
	if (!e->have_teacher && id != EA_HISTORY)
		return UI_UNUSED;
	switch (id) {
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
		return list_move(&e->list, id);
	case EA_ADD:
		exemption_form_open(e, false);
		return UI_PAINT;
	case EA_EDIT:
		exemption_form_open(e, true);
		return UI_PAINT;
	case EA_DELETE:
		if (!r)
			return UI_PAINT;
		e->ask_id = r->id;
		e->ask_rev = r->rev;
		char q[512];
		snprintf(q, sizeof q, _("Delete the exemption of %s (%s from %s)? (y/n)"), e->t.name,
			ui_enum(exemption_kind_items, r->kind), r->start_date);
		prompt_confirm(a, q, exemption_delete_yes, e);
		return UI_PAINT;
	case EA_HISTORY:
		return history_open_record(a, v);
	}
	return UI_UNUSED;
}

static bool exemptions_record(struct view *v, const char **table, int64_t *id)
{
	const struct exemption *r = list_selected(&((struct exemptions *)v)->list);
	if (!r)
		return false;
	*table = "exemption";
	*id = r->id;
	return true;
}

static void exemptions_reload(struct view *v)
{
	struct exemptions *e = (struct exemptions *)v;
	load(e);
	list_reload(&e->list);
}

static struct list *exemptions_list(struct view *v)
{
	return &((struct exemptions *)v)->list;
}

static void exemptions_free(struct view *v)
{
	struct exemptions *e = (struct exemptions *)v;
	list_free(&e->list);
	free(e->rows);
	free(e);
}

const struct view_ops exemptions_view_ops = {
	.name = "exemptions",
	.title = N_("A teacher's exemptions"),
	.actions = exemption_actions,
	.has_list = true,
	.paint = exemptions_paint,
	.action = exemptions_action,
	.reload = exemptions_reload,
	.list = exemptions_list,
	.record = exemptions_record,
	.free = exemptions_free,
};

struct view *exemptions_view_new(struct app *a, int64_t teacher_id)
{
	struct exemptions *e = xcalloc(1, sizeof *e);
	app_view_init(a, &e->v, &exemptions_view_ops);
	e->teacher_id = teacher_id;
	load(e);
	list_init(&e->list, &el_source, e);
	return &e->v;
}
