/* pack_merge.c: `:merge PACK` — the conflict screen. It shows what merging an offline pack
 * would write and every conflict, with the value when taken, the server's and the pack's,
 * and who changed each side when; s and p keep one side of the selected conflict, S and
 * A of all, and a merges once none is left undecided (db_pack_merge, as `xuequ merge`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/pack.h"
#include "tui/inspections.h"
#include "tui/list.h"
#include "tui/ui.h"

enum { MA_SERVER = 1, MA_PACK, MA_ALL_SERVER, MA_ALL_PACK, MA_APPLY };

static const struct action merge_actions[] = {
	{MA_SERVER, "merge.server", "s", N_("server"), N_("Keep the server's value of the selected conflict"), 0},
	{MA_PACK, "merge.pack", "p", N_("pack"), N_("Keep the pack's value of the selected conflict"), 0},
	{MA_ALL_SERVER, "merge.all_server", "S", NULL, N_("Keep the server's value of every conflict"), 0},
	{MA_ALL_PACK, "merge.all_pack", "A", NULL, N_("Keep the pack's value of every conflict"), 0},
	{MA_APPLY, "merge.apply", "a", N_("merge"), N_("Merge the pack once every conflict is decided"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct mergeview {
	struct view v;
	char *path;
	struct pack_merge m; /* the dry run: its changes and conflicts, decisions in them */
	struct list_matches rows; /* conflicts first, then the changes */
	struct list list;
};

static void rows_build(struct mergeview *mv)
{
	list_matches_all(&mv->rows, mv->m.nconflicts + mv->m.nchanges, mv);
}

static int undecided(const struct mergeview *mv)
{
	int n = 0;
	for (int i = 0; i < mv->m.nconflicts; i++)
		n += mv->m.conflicts[i].decision == PACK_UNDECIDED;
	return n;
}

static const char *decision_mark(int d)
{
	/* a mark readable without colour */
	return d == PACK_KEEP_SERVER ? _("◀ server") : d == PACK_KEEP_PACK ? _("pack ▶") : _("? undecided");
}

static void mcell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct mergeview *mv = ((struct list_matches *)ctx)->owner;
	int i = *(const int *)row;
	buf[0] = '\0';
	if (i < mv->m.nconflicts) {
		const struct pack_conflict *c = &mv->m.conflicts[i];
		switch (col) {
		case 0: xq_copy(buf, size, decision_mark(c->decision)); break;
		case 1: xq_copy(buf, size, c->label); break;
		case 2: xq_copy(buf, size, c->field[0] ? c->field : _("(the row)")); break;
		case 3:
			xq_copy(buf, size, c->kind == PACK_DELETED_ON_SERVER ? _("(deleted)") : c->server[0] ? c->server : _("(empty)"));
			break;
		case 4:
			xq_copy(buf, size, c->kind == PACK_DELETED_IN_PACK ? _("(deleted)") : c->pack[0] ? c->pack : _("(empty)"));
			break;
		}
		return;
	}
	const struct pack_change *x = &mv->m.changes[i - mv->m.nconflicts];
	switch (col) {
	case 0: snprintf(buf, size, "✓ %s", x->op); break;
	case 1: xq_copy(buf, size, x->label); break;
	case 2: xq_copy(buf, size, x->fields); break;
	}
}

static const struct list_column merge_columns[] = {
	{N_("Decision"), 11, 0, false, 0},
	{N_("Record"), 14, 2, false, 0},
	{N_("Field"), 8, 1, false, 2},
	{N_("Server"), 8, 1, false, 1},
	{N_("Pack"), 8, 1, false, 1},
};

static const struct list_source merge_source = {
	.columns = merge_columns,
	.ncolumns = 5,
	.row_size = sizeof(int),
	.empty = N_("The pack changed nothing: there is nothing to merge."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = mcell,
};

static const struct pack_conflict *selected_conflict(struct mergeview *mv)
{
	const int *i = list_selected(&mv->list);
	return i && *i < mv->m.nconflicts ? &mv->m.conflicts[*i] : NULL;
}

static void merge_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct mergeview *mv = (struct mergeview *)v;
	char line[1024];
	int left = undecided(mv);
	snprintf(line, sizeof line, _("Merging pack %lld (%s): %d conflicts, %d undecided · %d changes · taken %s by %s"),
		(long long)mv->m.origin.id, mv->m.origin.scope, mv->m.nconflicts, left, mv->m.nchanges,
		mv->m.origin.taken_at, mv->m.origin.taken_by);
	draw_text(w, y, x, cols, line, ui_attr(left ? UI_WARN : UI_ACCENT) | A_BOLD, AL_LEFT);
	int dh = h >= 16 ? 4 : 3;
	int lh = h - 1 - dh - 1;
	list_paint(&mv->list, w, y + 1, x, lh, cols, true);
	mvwhline(w, y + 1 + lh, x, ACS_HLINE, cols);
	int dy = y + 2 + lh;
	const struct pack_conflict *c = selected_conflict(mv);
	if (!c) {
		draw_text(w, dy, x + 1, cols - 2,
			left ? _("Decide each conflict: s keeps the server's value, p the pack's; then a merges.")
			     : _("Nothing is undecided: a merges the pack; the values not kept go to the audit log."),
			ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	snprintf(line, sizeof line, "%s%s%s", c->label, c->field[0] ? " · " : "", c->field);
	draw_text(w, dy, x + 1, cols - 2, line, A_BOLD, AL_LEFT);
	if (c->field[0] && c->kind == PACK_BOTH_CHANGED && dh > 3) {
		snprintf(line, sizeof line, _("when taken: %s"), c->base[0] ? c->base : _("(empty)"));
		draw_text(w, ++dy, x + 1, cols - 2, line, ui_attr(UI_DIM), AL_LEFT);
	}
	snprintf(line, sizeof line, _("server: %s  (%s %s)"),
		c->kind == PACK_DELETED_ON_SERVER ? _("(deleted)") : c->server[0] ? c->server : _("(empty)"),
		c->server_who[0] ? c->server_who : "-", c->server_at);
	draw_text(w, ++dy, x + 1, cols - 2, line, c->decision == PACK_KEEP_SERVER ? A_BOLD : A_NORMAL, AL_LEFT);
	snprintf(line, sizeof line, _("pack:   %s  (%s %s on the laptop)"),
		c->kind == PACK_DELETED_IN_PACK ? _("(deleted)") : c->pack[0] ? c->pack : _("(empty)"),
		c->pack_who[0] ? c->pack_who : "-", c->pack_at);
	draw_text(w, ++dy, x + 1, cols - 2, line, c->decision == PACK_KEEP_PACK ? A_BOLD : A_NORMAL, AL_LEFT);
}

/* Runs the merge again: a dry run that keeps the decisions made, or the merge itself. */
static bool merge_run(struct mergeview *mv, bool apply)
{
	char msg[XQ_MSG_MAX];
	struct pack_merge next;
	int rc = db_pack_merge(app_db(mv->v.app), mv->path, apply ? 0 : PACK_DRY_RUN, PACK_UNDECIDED,
		mv->m.conflicts, mv->m.nconflicts, &next, msg);
	if (rc != XQ_OK) {
		app_msg(mv->v.app, MSG_WARN, _("Refused: %s"), msg);
		return false;
	}
	db_pack_merge_free(&mv->m);
	mv->m = next;
	rows_build(mv);
	list_reload(&mv->list);
	return true;
}

static int decide(struct mergeview *mv, int side, bool all)
{
	if (!mv->m.nconflicts) {
		app_msg(mv->v.app, MSG_INFO, "%s", _("There is no conflict to decide."));
		return UI_PAINT;
	}
	if (all) {
		for (int i = 0; i < mv->m.nconflicts; i++)
			mv->m.conflicts[i].decision = side;
		return UI_PAINT;
	}
	const int *i = list_selected(&mv->list);
	if (!i || *i >= mv->m.nconflicts) {
		app_msg(mv->v.app, MSG_INFO, "%s", _("Select a conflict to decide."));
		return UI_PAINT;
	}
	mv->m.conflicts[*i].decision = side;
	/* on to the next undecided one */
	for (int k = *i + 1; k < mv->m.nconflicts; k++)
		if (mv->m.conflicts[k].decision == PACK_UNDECIDED) {
			list_select_index(&mv->list, k);
			break;
		}
	return UI_PAINT;
}

static int merge_action(struct view *v, int id)
{
	struct mergeview *mv = (struct mergeview *)v;
	if (list_moves(id))
		return list_move(&mv->list, id);
	switch (id) {
	case MA_SERVER:
	case MA_PACK:
		return decide(mv, id == MA_SERVER ? PACK_KEEP_SERVER : PACK_KEEP_PACK, false);
	case MA_ALL_SERVER:
	case MA_ALL_PACK:
		return decide(mv, id == MA_ALL_SERVER ? PACK_KEEP_SERVER : PACK_KEEP_PACK, true);
	case MA_APPLY: {
		int left = undecided(mv);
		if (left) {
			app_msg(v->app, MSG_WARN, _("%d conflicts are undecided: s or p decides the selected one."), left);
			return UI_PAINT;
		}
		if (!merge_run(mv, true))
			return UI_PAINT;
		if (mv->m.undecided) {
			/* the server changed meanwhile: new conflicts to decide */
			app_msg(v->app, MSG_WARN, _("Nothing merged: %d new conflicts came up meanwhile; decide them."),
				mv->m.undecided);
			return UI_PAINT;
		}
		app_msg(v->app, MSG_GOOD, _("Pack %lld merged: %ld changes applied, %ld values of the pack not kept (in the audit log)."),
			(long long)mv->m.origin.id, mv->m.applied, mv->m.kept_server);
		app_changed(v->app);
		app_pop_view(v->app);
		return UI_PAINT | UI_RELOAD;
	}
	}
	return UI_UNUSED;
}

static void merge_reload(struct view *v)
{
	/* the server changed: the same dry run again, the decisions kept */
	merge_run((struct mergeview *)v, false);
}

static struct list *merge_list(struct view *v)
{
	return &((struct mergeview *)v)->list;
}

static bool merge_record(struct view *v, const char **table, int64_t *id)
{
	const struct pack_conflict *c = selected_conflict((struct mergeview *)v);
	if (!c)
		return false;
	*table = c->table;
	*id = c->row_id;
	return true;
}

static void merge_free(struct view *v)
{
	struct mergeview *mv = (struct mergeview *)v;
	list_free(&mv->list);
	db_pack_merge_free(&mv->m);
	free(mv->rows.match);
	free(mv->path);
	free(mv);
}

const struct view_ops merge_view_ops = {
	.name = "merge",
	.title = N_("Merging a pack"),
	.actions = merge_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER) |
		      LA_BIT(LA_SEARCH) | LA_BIT(LA_NEXT) | LA_BIT(LA_PREV),
	.paint = merge_paint,
	.action = merge_action,
	.reload = merge_reload,
	.list = merge_list,
	.record = merge_record,
	.free = merge_free,
};

struct view *merge_view_new(struct app *a, const char *path, int *kind, char *msg)
{
	char why[XQ_MSG_MAX];
	*kind = MSG_WARN;
	struct mergeview *mv = xcalloc(1, sizeof *mv);
	app_view_init(a, &mv->v, &merge_view_ops);
	mv->path = xstrdup(path);
	bool ok = db_pack_merge(app_db(a), path, PACK_DRY_RUN, PACK_UNDECIDED, NULL, 0, &mv->m, why) == XQ_OK;
	if (!ok)
		xq_msg(msg, _("Refused: %s"), why);
	else if (mv->m.already) {
		xq_msg(msg, _("Pack %lld merged already at %s by %s."), (long long)mv->m.origin.id, mv->m.merged_at,
			mv->m.merged_by);
		*kind = MSG_INFO;
		ok = false;
	}
	if (!ok) {
		keymap_free(&mv->v.keys);
		db_pack_merge_free(&mv->m);
		free(mv->path);
		free(mv);
		return NULL;
	}
	rows_build(mv);
	list_init(&mv->list, &merge_source, &mv->rows);
	return &mv->v;
}
