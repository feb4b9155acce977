/* schedule_views.c: the views the Scheduling pane pushes — a term's schools, classes,
 * teachers and rooms with their lessons placed and the ones breaking a rule; and the week
 * grid of one of them (days × periods, the school's clock times beside the periods, a
 * teacher's days with their schools and drives), where a lesson is picked up, carried over
 * the grid while every cell says whether it may go there and which rule it would break,
 * placed, swapped, locked and unlocked. Every write is db_lesson_move's: checked again in
 * its transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "core/ttcheck.h"
#include "db/timetable.h"
#include "tui/list.h"
#include "tui/ui.h"

/* The term's model, shared by the views of one term and read again when the data change. */
struct term_data {
	struct term t;
	struct tt_model m;
	bool loaded;
	char *violating; /* per lesson */
	char msg[XQ_MSG_MAX];
};

static void term_data_free(struct term_data *d)
{
	if (d->loaded)
		tt_model_free(&d->m);
	free(d->violating);
	d->violating = NULL;
	d->loaded = false;
}

static void mark_violation(void *ctx, const struct tt_violation *v)
{
	struct term_data *d = ctx;
	if (v->a >= 0)
		d->violating[v->a] = 1;
	if (v->b >= 0)
		d->violating[v->b] = 1;
}

static void term_data_load(struct app *a, struct term_data *d)
{
	term_data_free(d);
	d->msg[0] = '\0';
	if (db_tt_load(app_db(a), d->t.id, &d->m, d->msg) != XQ_OK)
		return;
	d->loaded = true;
	d->violating = xcalloc((size_t)(d->m.nlessons ? d->m.nlessons : 1), 1);
	tt_check(&d->m, mark_violation, d);
}

/* ---- the term's schools, classes, teachers and rooms ---- */

struct entity {
	int kind, who; /* tt_grid_kind, index */
	int lessons, placed, violating;
	char schools[NAME_LEN]; /* a teacher's schools */
};

struct termview {
	struct view v;
	struct term_data d;
	struct entity *rows;
	int n;
	bool stale;
	struct list_matches mt;
	struct list list;
};

static bool involves(const struct tt_model *m, int kind, int who, int i)
{
	const struct tt_course *c = &m->courses[m->lessons[i].course];
	switch (kind) {
	case TT_GRID_SCHOOL:
		return c->school == who;
	case TT_GRID_ROOM:
		return m->lessons[i].room == who;
	case TT_GRID_TEACHER:
		for (int k = 0; k < c->nteachers; k++)
			if (c->teachers[k] == who)
				return true;
		return false;
	default:
		for (int k = 0; k < c->nsets; k++)
			if (c->sets[k] == who)
				return true;
		return false;
	}
}

static void tv_load(struct termview *tv)
{
	term_data_load(tv->v.app, &tv->d);
	free(tv->rows);
	tv->rows = NULL;
	tv->n = 0;
	if (tv->d.loaded) {
		const struct tt_model *m = &tv->d.m;
		int cap = m->nschools + m->nsets + m->nteachers + m->nrooms;
		tv->rows = xcalloc((size_t)(cap ? cap : 1), sizeof *tv->rows);
		static const int order[4] = {TT_GRID_SCHOOL, TT_GRID_SET, TT_GRID_TEACHER, TT_GRID_ROOM};
		for (int o = 0; o < 4; o++) {
			int kind = order[o];
			int count = kind == TT_GRID_SCHOOL ? m->nschools : kind == TT_GRID_SET ? m->nsets
				    : kind == TT_GRID_TEACHER  ? m->nteachers : m->nrooms;
			for (int w = 0; w < count; w++) {
				/* classes only: a group's lessons show in its class's week */
				if (kind == TT_GRID_SET && !m->set_ext[w])
					continue;
				struct entity *e = &tv->rows[tv->n];
				memset(e, 0, sizeof *e);
				e->kind = kind;
				e->who = w;
				unsigned char *seen = kind == TT_GRID_TEACHER ? xcalloc((size_t)m->nschools + 1, 1) : NULL;
				for (int i = 0; i < m->nlessons; i++)
					if (involves(m, kind, w, i)) {
						e->lessons++;
						e->placed += m->lessons[i].day >= 0;
						e->violating += tv->d.violating[i];
						int sc = m->courses[m->lessons[i].course].school;
						if (seen && !seen[sc]) {
							seen[sc] = 1;
							size_t at = strlen(e->schools);
							snprintf(e->schools + at, sizeof e->schools - at, "%s%s", at ? "、" : "",
								m->school_names[sc]);
						}
					}
				free(seen);
				/* rooms nobody uses are left out */
				if (kind != TT_GRID_ROOM || e->lessons)
					tv->n++;
			}
		}
	}
	list_matches_all(&tv->mt, tv->n, tv);
}

static const char *const kind_words[4] = {N_("teacher"), N_("class"), N_("school"), N_("room")};

static void tv_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct termview *tv = ((struct list_matches *)ctx)->owner;
	const struct entity *e = &tv->rows[*(const int *)row];
	const struct tt_model *m = &tv->d.m;
	int s = tt_grid_clock_school(m, e->kind, e->who);
	switch (col) {
	case 0:
		xq_copy(buf, size, _(kind_words[e->kind]));
		break;
	case 1:
		xq_copy(buf, size, tt_grid_whose(m, e->kind, e->who));
		break;
	case 2:
		xq_copy(buf, size, s >= 0 ? m->school_names[s] : e->schools);
		break;
	case 3:
		snprintf(buf, size, "%d/%d", e->placed, e->lessons);
		break;
	case 4:
		if (e->violating)
			snprintf(buf, size, "✗ %d", e->violating);
		else if (e->placed < e->lessons)
			snprintf(buf, size, _("%d unplaced"), e->lessons - e->placed);
		else
			xq_copy(buf, size, "✓");
		break;
	}
}

static bool tv_matches(void *owner, int row, const char *text)
{
	struct termview *tv = owner;
	const struct entity *e = &tv->rows[row];
	return strcasestr(tt_grid_whose(&tv->d.m, e->kind, e->who), text) != NULL;
}

static const struct list_column tv_columns[] = {
	{N_("What"), 7, 0, false, 0},
	{N_("Name"), 12, 2, false, 0},
	{N_("School"), 12, 2, false, 1},
	{N_("Placed"), 9, 0, true, 0},
	{N_("Rules"), 12, 0, false, 0},
};

static const struct list_source tv_source = {
	.columns = tv_columns,
	.ncolumns = 5,
	.row_size = sizeof(int),
	.empty = N_("The term has no class, course or lesson yet."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = tv_cell,
	.match_count = list_matches_match_count,
	.match_page = list_matches_match_page,
	.row_matches = list_matches_row_matches,
};

static void tv_fresh(struct termview *tv)
{
	if (!tv->stale)
		return;
	tv->stale = false;
	tv_load(tv);
	list_reload(&tv->list);
}

static void tv_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct termview *tv = (struct termview *)v;
	tv_fresh(tv);
	char line[512];
	snprintf(line, sizeof line, _("%1$s · schools, classes, teachers and rooms %2$ld/%3$d · Enter shows the week"),
		tv->d.t.name, tv->list.count ? tv->list.sel + 1 : 0, tv->n);
	draw_text(w, y, x, cols, line, ui_attr(tv->d.msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	list_paint(&tv->list, w, y + 1, x, h - 2, cols, true);
	if (tv->d.msg[0])
		draw_text(w, y + h - 1, x + 1, cols - 2, tv->d.msg, ui_attr(UI_WARN), AL_LEFT);
}

static struct view *grid_view_new(struct app *a, const struct term *t, int kind, int who);

enum { TA_WEEK = 1 };
static const struct action term_actions[] = {
	{TA_WEEK, "term.week", "Enter", N_("week"), N_("Show the week of the school, class, teacher or room"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static int tv_action(struct view *v, int id)
{
	struct termview *tv = (struct termview *)v;
	tv_fresh(tv);
	if (list_moves(id))
		return list_move(&tv->list, id);
	switch (id) {
	case TA_WEEK: {
		const int *i = list_selected(&tv->list);
		if (i)
			app_push_view(v->app, grid_view_new(v->app, &tv->d.t, tv->rows[*i].kind, tv->rows[*i].who));
		return UI_PAINT;
	}
	}
	return UI_UNUSED;
}

static void tv_reload(struct view *v)
{
	((struct termview *)v)->stale = true;
}

static struct list *tv_list(struct view *v)
{
	return &((struct termview *)v)->list;
}

static void tv_free(struct view *v)
{
	struct termview *tv = (struct termview *)v;
	list_free(&tv->list);
	term_data_free(&tv->d);
	free(tv->rows);
	free(tv->mt.match);
	free(tv);
}

const struct view_ops term_view_ops = {
	.name = "term",
	.title = N_("A term's timetables"),
	.actions = term_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = tv_paint,
	.action = tv_action,
	.reload = tv_reload,
	.list = tv_list,
	.free = tv_free,
};

struct view *term_view_new(struct app *a, const struct term *t)
{
	struct termview *tv = xcalloc(1, sizeof *tv);
	app_view_init(a, &tv->v, &term_view_ops);
	tv->d.t = *t;
	tv->stale = true;
	tv->mt.matches = tv_matches;
	list_init(&tv->list, &tv_source, &tv->mt);
	return &tv->v;
}

/* ---- the week grid ---- */

enum { GR_LEFT = 1, GR_RIGHT, GR_UP, GR_DOWN, GR_PICK, GR_PLACE, GR_SWAP, GR_LOCK, GR_DROP, GR_EXPORT };

static const struct action grid_actions[] = {
	{GR_LEFT, "grid.left", "h Left", NULL, N_("The day before"), 0},
	{GR_RIGHT, "grid.right", "l Right", NULL, N_("The day after"), 0},
	{GR_UP, "grid.up", "k Up", NULL, N_("The period before"), 0},
	{GR_DOWN, "grid.down", "j Down", NULL, N_("The period after"), 0},
	{GR_PICK, "grid.pick", "m", N_("move"), N_("Pick up the lesson at the cursor (again: the next one there, or an unplaced one)"), 0},
	{GR_PLACE, "grid.place", "Enter", N_("place"), N_("Put the lesson picked up here, if it breaks no hard rule"), 0},
	{GR_SWAP, "grid.swap", "s", N_("swap"), N_("Swap the lesson picked up with the one at the cursor"), 0},
	{GR_LOCK, "grid.lock", "L", N_("lock"), N_("Lock or unlock the lesson at the cursor: the solver keeps a locked one"), 0},
	{GR_DROP, "grid.drop", "x", N_("unplace"), N_("Take the lesson picked up off the timetable"), 0},
	{GR_EXPORT, "grid.export", "e", N_("export"), N_("Write this week to a file: a name ending .html gives a page to print, any other CSV"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct gridview {
	struct view v;
	struct term_data d;
	int kind, who;
	int64_t who_ext; /* found again by id after a reload */
	bool stale;
	int day, period;
	int picked;	    /* the lesson carried, -1 when none */
	int64_t picked_ext;
	int pick_day, pick_period; /* where it was when picked up */
	int pick_seq;	    /* which of the cell's lessons m picked last */
};

static int64_t who_ext_of(const struct tt_model *m, int kind, int who)
{
	switch (kind) {
	case TT_GRID_SCHOOL:
		return m->school_ext[who];
	case TT_GRID_SET:
		return m->set_ext[who];
	case TT_GRID_TEACHER:
		return m->teacher_ext[who];
	default:
		return m->room_ext[who];
	}
}

static void gv_load(struct gridview *g)
{
	term_data_load(g->v.app, &g->d);
	if (!g->d.loaded)
		return;
	const struct tt_model *m = &g->d.m;
	const int64_t *ids = g->kind == TT_GRID_SCHOOL ? m->school_ext : g->kind == TT_GRID_SET ? m->set_ext
			     : g->kind == TT_GRID_TEACHER ? m->teacher_ext : m->room_ext;
	int n = g->kind == TT_GRID_SCHOOL ? m->nschools : g->kind == TT_GRID_SET ? m->nsets
		: g->kind == TT_GRID_TEACHER  ? m->nteachers : m->nrooms;
	g->who = tt_find_ext(ids, n, g->who_ext);
	if (g->who < 0)
		xq_copy(g->d.msg, sizeof g->d.msg, _("That is no longer in the term's timetables."));
	g->picked = g->picked_ext ? tt_find_ext(m->lesson_ext, m->nlessons, g->picked_ext) : -1;
	if (g->picked < 0)
		g->picked_ext = 0;
}

static void gv_fresh(struct gridview *g)
{
	if (!g->stale)
		return;
	g->stale = false;
	gv_load(g);
}

/* Whether the carried lesson may go to day d, period p: 0, or the number of hard
 * violations with the first in *v. */
static int try_at(struct gridview *g, int d, int p, struct tt_violation *v)
{
	struct tt_model *m = &g->d.m;
	struct tt_lesson *l = &m->lessons[g->picked];
	if (p + m->courses[l->course].length > m->periods)
		return -1;
	int od = l->day, op = l->period;
	l->day = d;
	l->period = p;
	int n = tt_lesson_violations(m, g->picked, v);
	l->day = od;
	l->period = op;
	return n;
}

static const char *rule_word(int rule)
{
	static const char *const words[] = {N_("teacher busy"), N_("class busy"), N_("room busy"), N_("room not allowed"),
		N_("room too small"), N_("teacher away"), N_("class away"), N_("room closed"), N_("same day"),
		N_("no time to travel"), N_("too many school changes"), N_("no bell time"), N_("past the day"),
		N_("no room")};
	return rule >= 0 && rule < (int)XQ_NELEM(words) ? _(words[rule]) : "";
}

/* A teacher's day: its schools in order and the drives between them, in words. */
static void teacher_day(const struct tt_model *m, int t, int d, char *out, size_t size)
{
	struct strbuf b;
	sb_init(&b);
	int last_school = -1, last_end = -1;
	for (int p = 0; p < m->periods; p++) {
		int ls[4];
		int n = tt_cell_lessons(m, TT_GRID_TEACHER, t, d, p, ls, 4);
		if (!n || m->lessons[ls[0]].period != p)
			continue;
		const struct tt_course *c = &m->courses[m->lessons[ls[0]].course];
		int s0, e0, s1, e1;
		bool timed = tt_period_times(m, c->school, p, &s0, &e0) &&
			     tt_period_times(m, c->school, p + c->length - 1, &s1, &e1);
		if (c->school != last_school) {
			char at[6] = "";
			if (timed)
				clock_format(s0, at);
			if (last_school >= 0) {
				int drive = m->travel[last_school * m->nschools + c->school];
				if (drive >= 0 && timed && last_end >= 0)
					sb_printf(&b, _(" → (drive %1$d min, %2$d min free) → "), drive, s0 - last_end);
				else
					sb_adds(&b, " → ");
			}
			sb_printf(&b, "%s %s", m->school_names[c->school], at);
			last_school = c->school;
		}
		last_end = timed ? e1 : -1;
	}
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
}

static void gv_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct gridview *g = (struct gridview *)v;
	gv_fresh(g);
	char line[1024];
	if (!g->d.loaded || g->who < 0) {
		draw_text(w, y, x, cols, g->d.msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	struct tt_model *m = &g->d.m;
	snprintf(line, sizeof line, _("%1$s %2$s · %3$s · ✗ breaks a rule  # locked%4$s"), _(kind_words[g->kind]),
		tt_grid_whose(m, g->kind, g->who), g->d.t.name,
		g->picked >= 0 ? _(" · carrying a lesson: ✓ may go, ✗ would break") : "");
	draw_text(w, y, x, cols, line, ui_attr(UI_ACCENT), AL_LEFT);
	int clock_school = tt_grid_clock_school(m, g->kind, g->who);
	int tw = clock_school >= 0 ? 9 : 4, cw = (cols - tw) / (m->days ? m->days : 1);
	if (cw < 4)
		cw = 4;
	for (int d = 0; d < m->days; d++) {
		if (m->day_names[d])
			xq_copy(line, sizeof line, m->day_names[d]);
		else
			snprintf(line, sizeof line, _("day %d"), d + 1);
		draw_text(w, y + 1, x + tw + d * cw, cw - 1, line, (d == g->day ? A_BOLD : 0) | A_UNDERLINE, AL_LEFT);
	}
	int rows = m->periods < h - 5 ? m->periods : h - 5;
	for (int p = 0; p < rows; p++) {
		int s, e;
		char clock[6];
		if (clock_school >= 0 && tt_period_times(m, clock_school, p, &s, &e)) {
			clock_format(s, clock);
			snprintf(line, sizeof line, "%2d %s", p + 1, clock);
		} else
			snprintf(line, sizeof line, "%2d", p + 1);
		draw_text(w, y + 2 + p, x, tw - 1, line, ui_attr(UI_DIM), AL_LEFT);
		for (int d = 0; d < m->days; d++) {
			int ls[8];
			int n = tt_cell_lessons(m, g->kind, g->who, d, p, ls, 8);
			char text[512], cell[600];
			tt_cell_text(m, g->kind, g->who, d, p, text, sizeof text);
			bool bad = false, locked = false;
			for (int k = 0; k < n; k++) {
				bad |= g->d.violating[ls[k]] != 0;
				locked |= m->lessons[ls[k]].locked;
			}
			attr_t attr = bad ? ui_attr(UI_WARN) : A_NORMAL;
			if (g->picked >= 0) {
				struct tt_violation vv;
				int k = try_at(g, d, p, &vv);
				const char *mark = k == 0 ? "✓" : "✗";
				snprintf(cell, sizeof cell, "%s %s", mark, k > 0 ? rule_word(vv.rule) : text);
				attr = k == 0 ? ui_attr(UI_GOOD) : ui_attr(UI_DIM);
			} else
				snprintf(cell, sizeof cell, "%s%s%s", bad ? "✗ " : "", locked ? "# " : "", text);
			if (d == g->day && p == g->period)
				attr |= A_REVERSE;
			draw_text(w, y + 2 + p, x + tw + d * cw, cw - 1, cell, attr, AL_LEFT);
			if (d == g->day && p == g->period && !cell[0])
				draw_fill(w, y + 2 + p, x + tw + d * cw, cw - 1, A_REVERSE);
		}
	}
	/* below: the carried lesson, the cell, a teacher's day, what is not placed */
	int by = y + 3 + rows;
	if (g->picked >= 0) {
		const struct tt_lesson *l = &m->lessons[g->picked];
		const struct tt_course *c = &m->courses[l->course];
		struct tt_violation vv;
		int k = try_at(g, g->day, g->period, &vv);
		char why[800] = "";
		if (k > 0)
			tt_violation_text(m, &vv, why, sizeof why);
		snprintf(line, sizeof line, _("Carrying %1$s %2$s: %3$s"), c->label,
			c->nsets ? m->sets[c->sets[0]].name : "",
			k == 0 ? _("Enter puts it here.") : k < 0 ? _("it does not fit here.") : why);
		draw_wrapped(w, by, x + 1, 2, cols - 2, line, k == 0 ? ui_attr(UI_GOOD) : ui_attr(UI_WARN));
		by += 2;
	} else {
		int ls[8];
		int n = tt_cell_lessons(m, g->kind, g->who, g->day, g->period, ls, 8);
		for (int k = 0; k < n && by < y + h - 1; k++) {
			if (!g->d.violating[ls[k]])
				continue;
			struct tt_violation vv;
			if (tt_lesson_violations(m, ls[k], &vv) > 0) {
				char why[800];
				tt_violation_text(m, &vv, why, sizeof why);
				snprintf(line, sizeof line, "✗ %s", why);
				by += draw_wrapped(w, by, x + 1, 2, cols - 2, line, ui_attr(UI_WARN));
			}
		}
	}
	if (g->kind == TT_GRID_TEACHER && by < y + h - 1) {
		char day[800];
		teacher_day(m, g->who, g->day, day, sizeof day);
		if (day[0]) {
			snprintf(line, sizeof line, _("This day: %s"), day);
			by += draw_wrapped(w, by, x + 1, 2, cols - 2, line, A_NORMAL);
		}
	}
	int unplaced = 0;
	for (int i = 0; i < m->nlessons; i++)
		unplaced += m->lessons[i].day < 0 && involves(m, g->kind, g->who, i);
	if (unplaced && by < y + h) {
		snprintf(line, sizeof line, _("%d lessons not placed: m on an empty cell picks one up."), unplaced);
		draw_text(w, by, x + 1, cols - 2, line, ui_attr(UI_WARN), AL_LEFT);
	}
}

static void export_to(void *ctx, const char *path)
{
	struct gridview *g = ctx;
	if (!path || !*path) {
		app_msg(g->v.app, MSG_INFO, "%s", _("Nothing was written."));
		return;
	}
	gv_fresh(g);
	if (!g->d.loaded || g->who < 0) {
		app_msg(g->v.app, MSG_WARN, "%s", g->d.msg);
		return;
	}
	size_t n = strlen(path);
	bool html = (n > 5 && strcmp(path + n - 5, ".html") == 0) || (n > 4 && strcmp(path + n - 4, ".htm") == 0);
	char title[512], msg[XQ_MSG_MAX];
	tt_grid_title(&g->d.m, g->kind, g->who, NULL, g->d.t.name, title, sizeof title);
	struct strbuf b;
	sb_init(&b);
	tt_grid_write(&g->d.m, g->kind, g->who, title, html, &b);
	if (write_file_atomic(path, b.s ? b.s : "", b.len, msg))
		app_msg(g->v.app, MSG_GOOD, html ? _("%s: the week written as a page to print") : _("%s: the week written as CSV"),
			path);
	else
		app_msg(g->v.app, MSG_WARN, _("%s: cannot write: %s"), path, msg);
	sb_free(&b);
}

static void gv_after(struct gridview *g, int rc, const char *msg, const char *good)
{
	if (rc != XQ_OK) {
		app_msg(g->v.app, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	app_msg(g->v.app, MSG_GOOD, "%s", good);
	g->picked = -1;
	g->picked_ext = 0;
	app_changed(g->v.app);
	g->stale = true;
}

static int gv_action(struct view *v, int id)
{
	struct gridview *g = (struct gridview *)v;
	gv_fresh(g);
	if (!g->d.loaded || g->who < 0)
		return UI_UNUSED;
	struct tt_model *m = &g->d.m;
	char msg[XQ_MSG_MAX] = "";
	int ls[8];
	int n = tt_cell_lessons(m, g->kind, g->who, g->day, g->period, ls, 8);
	switch (id) {
	case GR_LEFT:
		g->day = g->day > 0 ? g->day - 1 : m->days - 1;
		return UI_PAINT;
	case GR_RIGHT:
		g->day = g->day + 1 < m->days ? g->day + 1 : 0;
		return UI_PAINT;
	case GR_UP:
		if (g->period > 0)
			g->period--;
		return UI_PAINT;
	case GR_DOWN:
		if (g->period + 1 < m->periods)
			g->period++;
		return UI_PAINT;
	case GR_PICK: {
		int pick = -1;
		if (n) {
			g->pick_seq = g->picked >= 0 ? (g->pick_seq + 1) % n : 0;
			pick = ls[g->pick_seq];
		} else {
			/* an empty cell: the next lesson of this week not placed */
			for (int i = 0; i < m->nlessons && pick < 0; i++)
				if (m->lessons[i].day < 0 && involves(m, g->kind, g->who, i) && i != g->picked &&
				    (g->picked < 0 || i > g->picked))
					pick = i;
			for (int i = 0; i < m->nlessons && pick < 0; i++)
				if (m->lessons[i].day < 0 && involves(m, g->kind, g->who, i))
					pick = i;
		}
		if (pick < 0) {
			app_msg(v->app, MSG_INFO, "%s", _("No lesson here, and none waits to be placed."));
			return UI_PAINT;
		}
		if (m->lessons[pick].locked) {
			app_msg(v->app, MSG_INFO, "%s", _("That lesson is locked: L unlocks it."));
			return UI_PAINT;
		}
		g->picked = pick;
		g->picked_ext = m->lesson_ext[pick];
		g->pick_day = m->lessons[pick].day;
		g->pick_period = m->lessons[pick].period;
		app_msg(v->app, MSG_INFO, "%s", _("Carrying the lesson: move to a cell marked ✓ and press Enter; Esc puts it down."));
		return UI_PAINT;
	}
	case GR_PLACE:
	case GR_DROP: {
		if (g->picked < 0) {
			app_msg(v->app, MSG_INFO, "%s", _("No lesson is carried: m picks one up."));
			return UI_PAINT;
		}
		struct lesson_move mv = {g->picked_ext, 0, id == GR_DROP ? -1 : g->day, id == GR_DROP ? -1 : g->period,
			g->pick_day, g->pick_period};
		int rc = db_lesson_move(app_db(v->app), g->d.t.id, &mv, msg);
		gv_after(g, rc, msg, id == GR_DROP ? _("The lesson is off the timetable.") : _("The lesson is placed."));
		return UI_PAINT;
	}
	case GR_EXPORT: {
		if (g->who < 0)
			return UI_PAINT;
		char title[512];
		tt_grid_title(&g->d.m, g->kind, g->who, NULL, g->d.t.name, title, sizeof title);
		char name[600];
		snprintf(name, sizeof name, "%s.html", title);
		for (char *c = name; *c; c++)
			if (*c == '/' || *c == ' ')
				*c = '_';
		prompt_open(v->app, _("Write the week to: "), name, export_to, NULL, g);
		return UI_PAINT;
	}
	case GR_SWAP: {
		if (g->picked < 0 || !n || ls[0] == g->picked) {
			app_msg(v->app, MSG_INFO, "%s", _("Pick a lesson up with m, then s on another lesson swaps them."));
			return UI_PAINT;
		}
		int rc = db_lesson_swap(app_db(v->app), g->d.t.id, g->picked_ext, m->lesson_ext[ls[0]], msg);
		gv_after(g, rc, msg, _("The two lessons are swapped."));
		return UI_PAINT;
	}
	case GR_LOCK: {
		if (!n) {
			app_msg(v->app, MSG_INFO, "%s", _("No lesson at the cursor."));
			return UI_PAINT;
		}
		bool lock = !m->lessons[ls[0]].locked;
		int rc = db_lesson_lock(app_db(v->app), m->lesson_ext[ls[0]], lock, msg);
		int keep = g->picked;
		int64_t keep_ext = g->picked_ext;
		gv_after(g, rc, msg, lock ? _("Locked: the solver keeps it where it is.") : _("Unlocked."));
		g->picked = keep;
		g->picked_ext = keep_ext;
		return UI_PAINT;
	}
	case GA_BACK:
		if (g->picked >= 0) {
			g->picked = -1;
			g->picked_ext = 0;
			app_msg(v->app, MSG_INFO, "%s", _("Put down where it was."));
			return UI_PAINT;
		}
		return UI_UNUSED;
	}
	return UI_UNUSED;
}

static void gv_reload(struct view *v)
{
	((struct gridview *)v)->stale = true;
}

static bool gv_record(struct view *v, const char **table, int64_t *id)
{
	struct gridview *g = (struct gridview *)v;
	if (!g->d.loaded || g->who < 0)
		return false;
	int ls[1];
	if (!tt_cell_lessons(&g->d.m, g->kind, g->who, g->day, g->period, ls, 1))
		return false;
	*table = "lesson";
	*id = g->d.m.lesson_ext[ls[0]];
	return true;
}

static void gv_free(struct view *v)
{
	struct gridview *g = (struct gridview *)v;
	term_data_free(&g->d);
	free(g);
}

const struct view_ops grid_view_ops = {
	.name = "grid",
	.title = N_("A week of the timetable"),
	.actions = grid_actions,
	.paint = gv_paint,
	.action = gv_action,
	.reload = gv_reload,
	.record = gv_record,
	.free = gv_free,
};

static struct view *grid_view_new(struct app *a, const struct term *t, int kind, int who)
{
	struct gridview *g = xcalloc(1, sizeof *g);
	app_view_init(a, &g->v, &grid_view_ops);
	g->d.t = *t;
	g->kind = kind;
	g->picked = -1;
	term_data_load(a, &g->d);
	if (g->d.loaded)
		g->who_ext = who_ext_of(&g->d.m, kind, who);
	g->who = who;
	return &g->v;
}
