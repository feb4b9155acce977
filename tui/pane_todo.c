/* pane_todo.c: the pane that is not built yet (Facilities).
 * Each says so plainly and what it will hold. */
#include <stdlib.h>

#include "core/i18n.h"
#include "tui/ui.h"

struct todo_view {
	struct view v;
	int pane;
};

static const char *const todo_plans[5] = {
	NULL, /* Districts */
	NULL, /* Exchanges */
	N_("Cross-school timetables for teachers who teach at several schools will be placed "
	   "here."),
	N_("Shared facilities (sports grounds, libraries, labs, special rooms) and their "
	   "bookings will be kept here."),
	NULL, /* Inspections */
};

static void todo_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct todo_view *t = (struct todo_view *)v;
	char head[256];
	snprintf(head, sizeof head, _("%s: this pane is not built yet."), _(pane_titles[t->pane]));
	int top = y + h / 3;
	draw_text(w, top, x + 2, cols - 4, head, ui_attr(UI_TITLE), AL_CENTER);
	draw_wrapped(w, top + 2, x + 4, 3, cols - 8, _(todo_plans[t->pane]), A_NORMAL);
	draw_text(w, top + 6, x + 2, cols - 4, _("Press 1 for the Districts pane."), ui_attr(UI_DIM),
		AL_CENTER);
}

static int todo_action(struct view *v, int id)
{
	(void)v;
	(void)id;
	return UI_UNUSED;
}

static void todo_free(struct view *v)
{
	free(v);
}

const struct view_ops todo_view_ops = {
	.name = "todo",
	.title = N_("This pane"),
	.paint = todo_paint,
	.action = todo_action,
	.free = todo_free,
};

struct view *todo_view_new(struct app *a, int pane)
{
	struct todo_view *t = xcalloc(1, sizeof *t);
	t->pane = pane;
	app_view_init(a, &t->v, &todo_view_ops);
	return &t->v;
}
