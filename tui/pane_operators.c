/* pane_operators.c: who may change what — the operators (OS logins) with their roles and
 * scopes; an administrator adds them, changes a role or scope, and removes them. Anyone
 * else sees the list read-only: the database refuses their changes, and the view says so
 * before a form is filled in vain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/admin.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/form.h"
#include "tui/list.h"

enum { OA_ADD = 1, OA_EDIT, OA_REMOVE, OA_HISTORY };

static const struct action operator_actions[] = {
	{OA_ADD, "operators.add", "a", N_("add"), N_("Add an operator (administrators only)"), 0},
	{OA_EDIT, "operators.edit", "e Enter", N_("role/scope"), N_("Change the operator's role and scope (administrators only)"), 0},
	{OA_REMOVE, "operators.remove", "d", N_("remove"), N_("Remove the operator (asks first; administrators only)"), 0},
	{OA_HISTORY, "operators.history", "H", N_("history"), N_("Who changed the operator, when and what"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

/* an operator with the names of its scope */
struct op_row {
	struct operator o;
	char scope[NAME_LEN + 16];
};

struct operators {
	struct view v;
	struct op_row *rows;
	int n;
	struct list list;
	bool may_change; /* the database lets this login change operators */
	char why[XQ_MSG_MAX];
	int64_t *district_ids; /* the district field's choices */
	int ndistricts;
	char ask_login[SHORT_LEN];
};

static struct db *odb(struct operators *o)
{
	return app_db(o->v.app);
}

static long ol_count(void *ctx)
{
	return ((struct operators *)ctx)->n;
}

static int ol_page(void *ctx, long off, int limit, void *rows)
{
	struct operators *o = ctx;
	int n = 0;
	for (long i = off; i < o->n && n < limit; i++)
		((struct op_row *)rows)[n++] = o->rows[i];
	return n;
}

static long ol_position(void *ctx, int64_t id)
{
	struct operators *o = ctx;
	for (int i = 0; i < o->n; i++)
		if (o->rows[i].o.id == id)
			return i;
	return -1;
}

static int64_t ol_id(const void *row)
{
	return ((const struct op_row *)row)->o.id;
}

static bool ol_row_matches(void *ctx, const void *row, const char *text)
{
	const struct op_row *r = row;
	(void)ctx;
	return strcasestr(r->o.login, text) || strcasestr(r->scope, text);
}

static long ol_match_count(void *ctx, const char *text)
{
	struct operators *o = ctx;
	long n = 0;
	for (int i = 0; i < o->n; i++)
		n += ol_row_matches(o, &o->rows[i], text);
	return n;
}

static int ol_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct operators *o = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < o->n && n < limit; i++)
		if (ol_row_matches(o, &o->rows[i], text) && k++ >= off)
			((struct op_row *)rows)[n++] = o->rows[i];
	return n;
}

static void ol_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct op_row *r = row;
	(void)ctx;
	switch (col) {
	case 0:
		xq_copy(buf, size, r->o.login);
		break;
	case 1:
		xq_copy(buf, size, ui_enum(op_role_items, r->o.role));
		break;
	case 2:
		xq_copy(buf, size, r->scope);
		break;
	}
}

static const struct list_column ol_columns[] = {
	{N_("Login"), 12, 1, false, 0},
	{N_("Role"), 12, 0, false, 0},
	{N_("Scope"), 20, 3, false, 0},
};

static const struct list_source ol_source = {
	.columns = ol_columns,
	.ncolumns = 3,
	.row_size = sizeof(struct op_row),
	.empty = N_("No operators are registered: everyone is an administrator until one is."),
	.count = ol_count,
	.page = ol_page,
	.position = ol_position,
	.row_id = ol_id,
	.cell = ol_cell,
	.match_count = ol_match_count,
	.match_page = ol_match_page,
	.row_matches = ol_row_matches,
};

static void load(struct operators *o)
{
	struct operator *ops = NULL;
	int n = 0;
	free(o->rows);
	o->rows = NULL;
	o->n = 0;
	if (db_operator_list(odb(o), &ops, &n) != XQ_OK)
		return;
	o->rows = xcalloc((size_t)n + 1, sizeof *o->rows);
	for (int i = 0; i < n; i++) {
		struct op_row *r = &o->rows[i];
		struct district d;
		struct school s;
		r->o = ops[i];
		if (ops[i].district_id && db_district_get(odb(o), ops[i].district_id, &d) == XQ_OK)
			snprintf(r->scope, sizeof r->scope, _("district %s"), d.name);
		else if (ops[i].school_id && db_school_get(odb(o), ops[i].school_id, &s) == XQ_OK)
			snprintf(r->scope, sizeof r->scope, _("school %s"), s.name);
		else
			xq_copy(r->scope, sizeof r->scope, _("the whole county"));
	}
	o->n = n;
	free(ops);
	o->why[0] = '\0';
	o->may_change = db_may_write(odb(o), 0, o->why);
}

static void operators_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct operators *o = (struct operators *)v;
	const struct operator *me = db_operator(odb(o));
	char title[512];
	snprintf(title, sizeof title, _("Operators · %d · you are %s, %s"), o->n, me->login,
		ui_enum(op_role_items, me->role));
	draw_text(w, y, x, cols, title, ui_attr(UI_ACCENT), AL_LEFT);
	int foot = o->may_change ? 2 : 3;
	list_paint(&o->list, w, y + 1, x, h - 1 - foot, cols, true);
	int fy = y + h - foot;
	if (!o->may_change) {
		draw_text(w, fy++, x + 1, cols - 2,
			_("Read-only: only an administrator may add, change or remove operators."),
			ui_attr(UI_WARN), AL_LEFT);
	}
	draw_wrapped(w, fy, x + 1, 2, cols - 2,
		_("admin: everything · district_admin: the rows of one district or school · "
		  "inspector, viewer: read only"),
		ui_attr(UI_DIM));
}

/* the operator form: login (when adding), role, district, school */

struct octx {
	struct operators *o;
	bool edit;
	char login[SHORT_LEN];
};

static int operator_submit(struct entry_form *f, void *ctx)
{
	struct octx *c = ctx;
	struct operators *o = c->o;
	struct operator op;
	char msg[XQ_MSG_MAX] = "";
	memset(&op, 0, sizeof op);
	int k = 0;
	if (c->edit)
		xq_copy(op.login, sizeof op.login, c->login);
	else
		form_get_text(f, k++, op.login, sizeof op.login);
	op.role = form_get_choice(f, k++);
	int d = form_get_choice(f, k++);
	op.district_id = d >= 0 && d < o->ndistricts ? o->district_ids[d] : 0;
	op.school_id = form_get_school(f, k++);
	if (db_operator_set(odb(o), &op, msg) != XQ_OK) {
		form_set_message(f, MSG_WARN, msg);
		return XQ_ERR;
	}
	app_msg(o->v.app, MSG_GOOD, _("Operator %s is %s."), op.login, ui_enum(op_role_items, op.role));
	app_changed(o->v.app);
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->rows[i].o.login, op.login) == 0)
			list_select_id(&o->list, o->rows[i].o.id);
	return XQ_OK;
}

static void operator_form_open(struct operators *o, bool edit)
{
	struct app *a = o->v.app;
	if (!o->may_change) {
		app_msg(a, MSG_WARN, "%s", _("Refused: only an administrator may change operators."));
		return;
	}
	struct operator op;
	memset(&op, 0, sizeof op);
	op.role = OPROLE_VIEWER;
	if (edit) {
		const struct op_row *r = list_selected(&o->list);
		if (!r) {
			app_msg(a, MSG_INFO, "%s", _("No operator is selected."));
			return;
		}
		op = r->o;
	}
	struct octx *c = xcalloc(1, sizeof *c);
	c->o = o;
	c->edit = edit;
	xq_copy(c->login, sizeof c->login, op.login);
	char title[256];
	if (edit)
		snprintf(title, sizeof title, _("Role and scope of %s"), op.login);
	else
		snprintf(title, sizeof title, "%s", _("New operator"));
	struct entry_form *f = form_new(a, title, operator_submit, c, free);
	if (!edit)
		form_text(f, N_("Login"), "", SHORT_LEN, true);
	form_choice(f, N_("Role"), op_role_items, op.role, NULL);
	/* the district scope: every district by name */
	struct district_query dq;
	district_query_init(&dq);
	long nd = db_district_count(odb(o), &dq);
	struct district_row *rows = xcalloc((size_t)(nd > 0 ? nd : 0) + 1, sizeof *rows);
	int got = nd > 0 ? db_district_page(odb(o), &dq, 0, (int)nd, rows) : 0;
	if (got < 0)
		got = 0;
	free(o->district_ids);
	o->district_ids = xcalloc((size_t)got + 1, sizeof *o->district_ids);
	o->ndistricts = got;
	const char **labels = xcalloc((size_t)got + 1, sizeof *labels);
	int cur = -1;
	for (int i = 0; i < got; i++) {
		labels[i] = rows[i].d.name;
		o->district_ids[i] = rows[i].d.id;
		if (rows[i].d.id == op.district_id)
			cur = i;
	}
	form_choice_list(f, N_("District"), labels, got, cur, _("none"));
	free(labels);
	free(rows);
	form_school(f, N_("School"), op.school_id, false);
	form_open(f);
}

static void remove_yes(void *ctx)
{
	struct operators *o = ctx;
	char msg[XQ_MSG_MAX] = "";
	if (db_operator_remove(odb(o), o->ask_login, msg) == XQ_OK)
		app_msg(o->v.app, MSG_GOOD, _("Operator %s removed."), o->ask_login);
	else
		app_msg(o->v.app, MSG_WARN, _("Refused: %s"), msg);
	app_changed(o->v.app);
}

static int operators_action(struct view *v, int id)
{
	struct operators *o = (struct operators *)v;
	struct app *a = v->app;
	const struct op_row *r = list_selected(&o->list);
	switch (id) {
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
		return list_move(&o->list, id);
	case OA_ADD:
		operator_form_open(o, false);
		return UI_PAINT;
	case OA_EDIT:
		operator_form_open(o, true);
		return UI_PAINT;
	case OA_REMOVE:
		if (!r)
			return UI_PAINT;
		if (!o->may_change) {
			app_msg(a, MSG_WARN, "%s", _("Refused: only an administrator may change operators."));
			return UI_PAINT;
		}
		xq_copy(o->ask_login, sizeof o->ask_login, r->o.login);
		char q[512];
		snprintf(q, sizeof q, _("Remove operator %s (%s)? (y/n)"), r->o.login,
			ui_enum(op_role_items, r->o.role));
		prompt_confirm(a, q, remove_yes, o);
		return UI_PAINT;
	case OA_HISTORY:
		return history_open_record(a, v);
	}
	return UI_UNUSED;
}

static bool operators_record(struct view *v, const char **table, int64_t *id)
{
	const struct op_row *r = list_selected(&((struct operators *)v)->list);
	if (!r)
		return false;
	*table = "operator";
	*id = r->o.id;
	return true;
}

static void operators_reload(struct view *v)
{
	struct operators *o = (struct operators *)v;
	load(o);
	list_reload(&o->list);
}

static struct list *operators_list(struct view *v)
{
	return &((struct operators *)v)->list;
}

static void operators_free(struct view *v)
{
	struct operators *o = (struct operators *)v;
	list_free(&o->list);
	free(o->rows);
	free(o->district_ids);
	free(o);
}

const struct view_ops operators_view_ops = {
	.name = "operators",
	.title = N_("Operators"),
	.actions = operator_actions,
	.has_list = true,
	.paint = operators_paint,
	.action = operators_action,
	.reload = operators_reload,
	.list = operators_list,
	.record = operators_record,
	.free = operators_free,
};

struct view *operators_view_new(struct app *a)
{
	struct operators *o = xcalloc(1, sizeof *o);
	app_view_init(a, &o->v, &operators_view_ops);
	load(o);
	list_init(&o->list, &ol_source, o);
	return &o->v;
}
