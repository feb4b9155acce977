/* status.c: the tab line of the five panes, the status line (database, operator, role,
 * last message) and the hint line built from the current view's action table. */
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/db.h"
#include "db/pack.h"
#include "tui/ui.h"

const char *const pane_titles[5] = {
	N_("Districts"), N_("Exchanges"), N_("Scheduling"), N_("Facilities"), N_("Inspections"),
};

void status_paint_tabs(struct app *a, WINDOW *w, int cols, int current)
{
	(void)a;
	draw_fill(w, 0, 0, cols, A_NORMAL);
	int share = cols / 5, x = 0;
	for (int i = 0; i < 5; i++) {
		char text[128];
		snprintf(text, sizeof text, " %d %s ", i + 1, _(pane_titles[i]));
		int tw = utf8_width(text);
		int cw = tw < share ? tw : share;
		/* the current tab takes what it needs */
		if (i == current && tw > cw && x + tw <= cols)
			cw = tw;
		if (x + cw > cols)
			cw = cols - x;
		draw_text(w, 0, x, cw, text, i == current ? ui_attr(UI_SELECT) | A_BOLD : A_NORMAL,
			AL_LEFT);
		x += cw + 1;
		if (x >= cols)
			break;
	}
}

bool status_paint_status(struct app *a, WINDOW *w, int cols, const char *msg, int kind)
{
	struct db *db = app_db(a);
	const struct operator *op = db_operator(db);
	const char *path = db_path(db), *base = strrchr(path, '/');
	const char *sudo = db_sudo_user(db);
	char who[256], left[512];
	if (sudo && *sudo && strcmp(sudo, op->login) != 0)
		snprintf(who, sizeof who, "%s (sudo %s)", op->login, sudo);
	else
		snprintf(who, sizeof who, "%s", op->login);
	const struct pack_origin *o = db_pack(db);
	if (o)
		snprintf(left, sizeof left, _(" %s · offline pack %lld: %s · %s · %s "), base ? base + 1 : path,
			(long long)o->id, o->scope, who, ui_enum(op_role_items, op->role));
	else
		snprintf(left, sizeof left, " %s · %s · %s ", base ? base + 1 : path, who,
			ui_enum(op_role_items, op->role));
	int lw = utf8_width(left);
	if (lw > cols / 2)
		lw = cols / 2;
	draw_text(w, 0, 0, lw, left, ui_attr(UI_BAR), AL_LEFT);
	int role = kind == MSG_WARN ? UI_WARN : kind == MSG_GOOD ? UI_GOOD : UI_NORMAL;
	draw_text(w, 0, lw, 1, "", A_NORMAL, AL_LEFT);
	draw_text(w, 0, lw + 1, cols - lw - 1, msg, ui_attr(role), AL_LEFT);
	return utf8_width(msg) <= cols - lw - 1;
}

/* The hint's word: q on the top level quits rather than goes back. */
static const char *hint_label(struct app *a, const struct action *act)
{
	if (act->id == GA_BACK && app_at_top(a))
		return _("quit");
	return _(act->label);
}

/* Appends "key label" for each hinted action of m in ctx, but those in lacks (list
 * actions the view cannot do); returns the column reached. */
static int hints_of(struct app *a, WINDOW *w, int x, int end, const struct keymap *m,
	unsigned ctx, unsigned lacks)
{
	for (int i = 0; i < m->n && x < end; i++) {
		const struct action *act = &m->actions[i];
		if (!act->label || (act->ctx && !(act->ctx & ctx)) || m->nkeys[i] == 0)
			continue;
		if (act->id >= LA_UP && act->id < LA_UP + 32 && (lacks & LA_BIT(act->id)))
			continue;
		char key[32];
		keymap_keys_text(m, i, true, key, sizeof key);
		const char *label = hint_label(a, act);
		int need = utf8_width(key) + 1 + utf8_width(label) + 2;
		if (x + need > end)
			break;
		x += draw_text(w, 0, x, utf8_width(key), key, ui_attr(UI_ACCENT), AL_LEFT);
		draw_text(w, 0, x, 1, "", A_NORMAL, AL_LEFT);
		x += 1;
		x += draw_text(w, 0, x, utf8_width(label), label, A_NORMAL, AL_LEFT);
		draw_text(w, 0, x, 2, "", A_NORMAL, AL_LEFT);
		x += 2;
	}
	return x;
}

void status_paint_hints(struct app *a, WINDOW *w, int cols, struct view *v)
{
	draw_fill(w, 0, 0, cols, A_NORMAL);
	const struct keymap *g = app_global_keys(a);
	/* the console's own hints (help, back) keep their place at the right */
	int gw = 0;
	for (int i = 0; i < g->n; i++) {
		if (!g->actions[i].label || g->nkeys[i] == 0)
			continue;
		char key[32];
		keymap_keys_text(g, i, true, key, sizeof key);
		gw += utf8_width(key) + 1 + utf8_width(hint_label(a, &g->actions[i])) + 2;
	}
	int end = cols - gw > cols / 2 ? cols - gw : cols;
	unsigned ctx = v->ops->context ? v->ops->context(v) : 0;
	int x = hints_of(a, w, 1, end, &v->keys, ctx, 0);
	if (v->ops->has_list)
		x = hints_of(a, w, x, end, app_list_keys(a), ctx, v->ops->list_lacks);
	hints_of(a, w, end < cols ? end : x, cols, g, ctx, 0);
}
