/* pane_scheduling.c: the Scheduling pane (走教排课) — the terms with their week, how many
 * lessons are placed, every hard rule the timetable breaks, in words (the same checker as
 * `xuequ timetable check`), and its soft score when it has soft rules; Enter opens a term
 * (schedule_views.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/ttcheck.h"
#include "core/ttsolve.h"
#include "db/timetable.h"
#include "tui/form.h"
#include "tui/keys.h"
#include "tui/list.h"
#include "tui/ui.h"
#include "tui/work.h"

/* One term as listed: its counts, the words of its violations, and its soft score. */
struct term_row {
	struct term t;
	int lessons, placed, nviolations;
	char **violations;
	bool soft;	   /* whether it has soft rules */
	double soft_score; /* tt_soft_score */
	char msg[XQ_MSG_MAX]; /* why it could not be checked */
};

/* The terms as read and checked together. */
struct term_set {
	struct term_row *rows;
	int n;
	char msg[XQ_MSG_MAX];
};

struct schedview {
	struct view v;
	struct term_row *rows;
	int n;
	char msg[XQ_MSG_MAX];
	bool stale;   /* the data changed: read and check again before showing */
	bool reading; /* the terms are being read and checked on the work's thread */
	struct list_matches m;
	struct list list;
	struct tt_solve_opts how; /* how S and R run the solver: O changes it */
};

enum { SA_OPEN = 1, SA_SOLVE, SA_REPAIR, SA_HOW };
static const struct action sched_actions[] = {
	{SA_OPEN, "scheduling.open", "Enter", N_("open"), N_("The term's schools, classes, teachers and rooms, and their weeks"), 0},
	{SA_SOLVE, "scheduling.solve", "S", N_("solve"),
		N_("Place every lesson not locked, with a progress bar; Esc stops and keeps the best found"), 0},
	{SA_REPAIR, "scheduling.repair", "R", N_("repair"),
		N_("Place what no longer fits, moving as few lessons as it can; Esc stops"), 0},
	{SA_HOW, "scheduling.how", "O", N_("how"),
		N_("How S and R run: the time limit, the seed, the threads, the way a stalled search fills and how S begins"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct collect {
	struct term_row *row;
	const struct tt_model *model;
	int cap;
};

static void collect(void *ctx, const struct tt_violation *v)
{
	struct collect *c = ctx;
	char line[1024];
	tt_violation_text(c->model, v, line, sizeof line);
	if (c->row->nviolations == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->row->violations = xrealloc(c->row->violations, (size_t)c->cap * sizeof *c->row->violations);
	}
	c->row->violations[c->row->nviolations++] = xstrdup(line);
}

static void rows_free(struct term_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < rows[i].nviolations; k++)
			free(rows[i].violations[k]);
		free(rows[i].violations);
	}
	free(rows);
}

/* Every term's timetable read and checked (a county's may hold tens of thousands of
 * lessons): on the work's thread. */
struct terms_job {
	struct work_job j;
	struct term_set set;
};

static void terms_run(struct work_job *j_, struct db *db)
{
	struct term_set *s = &((struct terms_job *)j_)->set;
	struct term *terms;
	int n;
	if (db_term_list(db, &terms, &n, s->msg) != XQ_OK)
		return;
	s->rows = xcalloc((size_t)(n ? n : 1), sizeof *s->rows);
	for (int i = 0; i < n; i++) {
		struct term_row *r = &s->rows[s->n++];
		r->t = terms[i];
		struct tt_model m;
		if (db_tt_load(db, terms[i].id, &m, r->msg) != XQ_OK)
			continue;
		r->lessons = m.nlessons;
		for (int k = 0; k < m.nlessons; k++)
			r->placed += m.lessons[k].day >= 0;
		struct collect c = {r, &m, 0};
		tt_check(&m, collect, &c);
		r->soft = tt_has_soft(&m);
		if (r->soft)
			r->soft_score = tt_soft_score(&m, NULL, NULL, NULL);
		tt_model_free(&m);
	}
	free(terms);
}

static void terms_done(struct work_job *j_, struct app *a)
{
	struct terms_job *j = (struct terms_job *)j_;
	struct schedview *s = (struct schedview *)j->j.owner;
	(void)a;
	s->reading = false;
	rows_free(s->rows, s->n);
	s->rows = j->set.rows;
	s->n = j->set.n;
	j->set.rows = NULL;
	j->set.n = 0;
	xq_copy(s->msg, sizeof s->msg, j->set.msg);
	list_matches_all(&s->m, s->n, s);
	list_reload(&s->list);
}

static void terms_free(struct work_job *j_)
{
	struct terms_job *j = (struct terms_job *)j_;
	rows_free(j->set.rows, j->set.n);
	free(j);
}

static void cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct schedview *s = ((struct list_matches *)ctx)->owner;
	const struct term_row *r = &s->rows[*(const int *)row];
	switch (col) {
	case 0:
		xq_copy(buf, size, r->t.name);
		break;
	case 1:
		snprintf(buf, size, "%s – %s", r->t.first_day, r->t.last_day);
		break;
	case 2:
		snprintf(buf, size, _("%ld × %ld"), r->t.days, r->t.periods);
		break;
	case 3:
		snprintf(buf, size, "%d/%d", r->placed, r->lessons);
		break;
	case 4:
		/* a mark readable without colour */
		if (r->msg[0])
			xq_copy(buf, size, "?");
		else if (r->nviolations)
			snprintf(buf, size, "✗ %d", r->nviolations);
		else
			xq_copy(buf, size, "✓");
		break;
	}
}

static const struct list_column columns[] = {
	{N_("Term"), 11, 0, false, 0},
	{N_("Dates"), 23, 1, false, 2},
	{N_("Week"), 7, 0, false, 3},
	{N_("Placed"), 9, 0, true, 0},
	{N_("Violations"), 10, 0, false, 0},
};

static const struct list_source source = {
	.columns = columns,
	.ncolumns = 5,
	.row_size = sizeof(int),
	.empty = N_("No term yet: xuequ term add 2025-2026/2 --first DATE --last DATE, then import its courses."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = cell,
};

/* The terms are read and checked when the pane is shown, not at start-up nor at every
 * write while another pane is in view; the terms shown stay until the new ones come. */
static void fresh(struct schedview *s)
{
	if (!s->stale || app_working(s->v.app, s))
		return;
	s->stale = false;
	s->reading = true;
	struct terms_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = "terms", .owner = s, .run = terms_run, .done = terms_done,
		.free = terms_free};
	app_work(s->v.app, &j->j);
}

/* The ways a stalled search fills, and a solve begins, as the form offers them
 * (tt_solve_opts' fill_fet, and start: enum tt_start's order). */
static const char *const fill_ways[] = {N_("lightest first"), N_("FET's order")};
static const char *const start_ways[] = {N_("each at its best place, every other thread as FET"),
	N_("each at its best place"), N_("as FET does")};

static void how_text(const struct tt_solve_opts *o, char *buf, size_t size)
{
	const char *fmt = o->start == TT_START_FET
				  ? _("S (as FET) and R: at most %.0f s, seed %lu, threads %d, filling %s — O to change")
			  : o->start == TT_START_GREEDY
				  ? _("S (greedy) and R: at most %.0f s, seed %lu, threads %d, filling %s — O to change")
				  : _("S and R: at most %.0f s, seed %lu, threads %d, filling %s — O to change");
	snprintf(buf, size, fmt, o->time_limit, o->seed, o->jobs, _(fill_ways[o->fill_fet]));
}

static void sched_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct schedview *s = (struct schedview *)v;
	fresh(s);
	char line[512];
	snprintf(line, sizeof line, _("Terms %ld/%d · lessons placed, and the hard rules their timetables break"),
		s->list.count ? s->list.sel + 1 : 0, s->n);
	draw_text(w, y, x, cols, line, ui_attr(s->msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	if (s->reading && s->n == 0) {
		draw_text(w, y + 1, x + 1, cols - 2, _("Reading the terms and checking their timetables…"),
			ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	/* how S and R run, on the last line */
	how_text(&s->how, line, sizeof line);
	draw_text(w, y + h - 1, x + 1, cols - 2, line, ui_attr(UI_DIM), AL_LEFT);
	h--;
	int lh = s->n + 3 < h / 2 ? s->n + 3 : h / 2;
	if (lh < 3)
		lh = 3;
	list_paint(&s->list, w, y + 1, x, lh, cols, true);
	mvwhline(w, y + 1 + lh, x, ACS_HLINE, cols);
	int dy = y + 2 + lh, dh = h - lh - 2;
	const int *i = list_selected(&s->list);
	if (!i) {
		if (s->msg[0])
			draw_text(w, dy, x + 1, cols - 2, s->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	const struct term_row *r = &s->rows[*i];
	if (r->msg[0]) {
		draw_text(w, dy, x + 1, cols - 2, r->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	char score[32];
	tt_score_text(r->soft_score, score, sizeof score);
	if (!r->nviolations) {
		if (r->soft)
			snprintf(line, sizeof line, _("%s: %d of %d lessons placed; no hard violation; soft score %s."),
				r->t.name, r->placed, r->lessons, score);
		else
			snprintf(line, sizeof line, _("%s: %d of %d lessons placed; no hard violation."), r->t.name,
				r->placed, r->lessons);
		draw_text(w, dy, x + 1, cols - 2, line, ui_attr(UI_GOOD), AL_LEFT);
		return;
	}
	if (r->soft)
		snprintf(line, sizeof line, _("%s: %d of %d lessons placed; %d hard violations; soft score %s:"), r->t.name,
			r->placed, r->lessons, r->nviolations, score);
	else
		snprintf(line, sizeof line, _("%s: %d of %d lessons placed; %d hard violations:"), r->t.name, r->placed,
			r->lessons, r->nviolations);
	draw_text(w, dy, x + 1, cols - 2, line, ui_attr(UI_WARN) | A_BOLD, AL_LEFT);
	int row = dy + 1;
	for (int k = 0; k < r->nviolations && row < dy + dh; k++) {
		char mark[1100];
		snprintf(mark, sizeof mark, "✗ %s", r->violations[k]);
		row += draw_wrapped(w, row, x + 1, dy + dh - row, cols - 2, mark, A_NORMAL);
	}
}

/* The search's progress on the screen's last row; Esc stops it. */
struct running {
	struct app *app;
	const char *what;
	bool stopped;
};

static bool show_progress(void *ctx, const struct tt_progress *p)
{
	struct running *r = ctx;
	int rows, cols;
	app_screen_size(r->app, &rows, &cols);
	int width = cols > 40 ? 20 : 10;
	int done = p->limit > 0 ? (int)(width * p->seconds / p->limit) : 0;
	char bar[128] = "", line[512];
	for (int i = 0; i < width && i < 40; i++)
		strcat(bar, i < done ? "█" : "░");
	snprintf(line, sizeof line, _("%s %s %d/%d placed, %d meeting a rule — Esc stops, keeping the best"), r->what,
		bar, p->placed, p->total, p->conflicted);
	draw_fill(stdscr, rows - 1, 0, cols, A_REVERSE);
	draw_text(stdscr, rows - 1, 0, cols, line, A_REVERSE, 0);
	wnoutrefresh(stdscr);
	doupdate();
	for (int key; (key = app_poll_key(r->app)) != TK_NONE;)
		if (key == TK_ESC)
			r->stopped = true;
	return !r->stopped;
}

struct first_proof {
	struct tt_proof p;
	bool set;
};

static void first_proof(void *ctx, const struct tt_proof *p)
{
	struct first_proof *f = ctx;
	if (!f->set)
		*f = (struct first_proof){*p, true};
}

/* Solves or repairs the term, written back in one transaction, with what it did said. */
static void run_solver(struct schedview *s, const struct term *t, bool repair)
{
	struct app *a = s->v.app;
	struct tt_model m;
	char msg[XQ_MSG_MAX];
	if (db_tt_load(app_db(a), t->id, &m, msg) != XQ_OK) {
		app_msg(a, MSG_WARN, "%s", msg);
		return;
	}
	struct running run = {a, repair ? _("Repairing") : _("Solving"), false};
	struct tt_solve_opts o = s->how;
	o.repair = repair;
	o.progress = show_progress;
	o.ctx = &run;
	struct tt_solve_result r;
	tt_solve(&m, &o, &r);
	/* what stands in the way: a count's proof, else the first lesson left out's main rule */
	char why[768] = "", line[640];
	struct first_proof proof = {0};
	if (tt_prove(&m, first_proof, &proof)) {
		tt_proof_text(&m, &proof.p, line, sizeof line);
		snprintf(why, sizeof why, " — %s", line);
	} else if (r.nunplaced && r.block_at[1] > 0) {
		const struct tt_block *b = &r.blocks[0];
		tt_block_text(&m, &b->v, b->closes, b->places, line, sizeof line);
		snprintf(why, sizeof why, " — %s: %s", m.courses[m.lessons[r.unplaced[0]].course].label, line);
	}
	/* the soft score, for a term with soft rules */
	char soft[64] = "", score[32];
	if (tt_has_soft(&m)) {
		tt_score_text(r.soft_score, score, sizeof score);
		snprintf(soft, sizeof soft, _("; soft score %s"), score);
	}
	if (db_tt_save(app_db(a), &m, msg) != XQ_OK)
		app_msg(a, MSG_WARN, "%s", msg);
	else if (repair)
		app_msg(a, r.nunplaced ? MSG_WARN : MSG_GOOD,
			_("%s: %d lessons moved (at least %d had to), %d of %d placed%s%s%s"), t->name, r.moved, r.must_move,
			r.placed, r.total, soft, run.stopped ? _("; stopped") : "", why);
	else
		app_msg(a, r.nunplaced ? MSG_WARN : MSG_GOOD, _("%s: %d of %d lessons placed in %.1f s%s%s%s"), t->name,
			r.placed, r.total, r.seconds, soft, run.stopped ? _("; stopped") : "", why);
	tt_solve_result_free(&r);
	tt_model_free(&m);
	app_changed(a);
}

enum { HF_LIMIT, HF_SEED, HF_JOBS, HF_FILL, HF_START };

static int how_submit(struct entry_form *f, void *ctx)
{
	struct schedview *s = ctx;
	s->how.time_limit = (double)form_get_int(f, HF_LIMIT);
	s->how.seed = (unsigned long)form_get_int(f, HF_SEED);
	s->how.jobs = (int)form_get_int(f, HF_JOBS);
	s->how.fill_fet = form_get_choice(f, HF_FILL) == 1;
	s->how.start = form_get_choice(f, HF_START);
	return XQ_OK;
}

/* The form of how S and R run, as timetable solve's --time-limit, --seed, --jobs, --fill
 * and --start (S only); kept while the console runs. */
static void how_form(struct schedview *s)
{
	struct entry_form *f = form_new(s->v.app, _("How the solver runs"), how_submit, s, NULL);
	form_int(f, N_("Time limit (seconds)"), (long)s->how.time_limit, 1, 86400, true);
	form_int(f, N_("Seed"), (long)s->how.seed, 0, 2147483647L, true);
	form_int(f, N_("Threads"), s->how.jobs, 1, 64, true);
	const char *ways[2] = {_(fill_ways[0]), _(fill_ways[1])};
	form_choice_list(f, N_("A stalled search fills"), ways, 2, s->how.fill_fet, NULL);
	const char *starts[3] = {_(start_ways[0]), _(start_ways[1]), _(start_ways[2])};
	form_choice_list(f, N_("S begins"), starts, 3, s->how.start, NULL);
	form_open(f);
}

static int sched_action(struct view *v, int id)
{
	struct schedview *s = (struct schedview *)v;
	fresh(s);
	if (list_moves(id))
		return list_move(&s->list, id);
	switch (id) {
	case SA_OPEN: {
		const int *i = list_selected(&s->list);
		if (i)
			app_push_view(v->app, term_view_new(v->app, &s->rows[*i].t));
		return UI_PAINT;
	}
	case SA_SOLVE:
	case SA_REPAIR: {
		const int *i = list_selected(&s->list);
		if (i) {
			struct term t = s->rows[*i].t;
			run_solver(s, &t, id == SA_REPAIR);
		}
		return UI_PAINT;
	}
	case SA_HOW:
		how_form(s);
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void sched_reload(struct view *v)
{
	((struct schedview *)v)->stale = true;
}

static struct list *sched_list(struct view *v)
{
	return &((struct schedview *)v)->list;
}

static void sched_free(struct view *v)
{
	struct schedview *s = (struct schedview *)v;
	list_free(&s->list);
	rows_free(s->rows, s->n);
	free(s->m.match);
	free(s);
}

const struct view_ops scheduling_view_ops = {
	.name = "scheduling",
	.title = N_("Scheduling"),
	.actions = sched_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER) |
		      LA_BIT(LA_SEARCH) | LA_BIT(LA_NEXT) | LA_BIT(LA_PREV),
	.paint = sched_paint,
	.action = sched_action,
	.reload = sched_reload,
	.list = sched_list,
	.free = sched_free,
};

struct view *scheduling_view_new(struct app *a)
{
	struct schedview *s = xcalloc(1, sizeof *s);
	app_view_init(a, &s->v, &scheduling_view_ops);
	s->stale = true;
	s->how = (struct tt_solve_opts){.time_limit = 10, .jobs = tt_default_jobs()};
	list_init(&s->list, &source, &s->m);
	return &s->v;
}
