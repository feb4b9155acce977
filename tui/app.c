/* app.c: the console's loop — terminal set-up, windows and panels, key dispatch (prompt,
 * overlay layers, the view, lists, the console), one paint per pass, change polling,
 * and the --trace-timing record. */
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf/conf.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/policy.h"
#include "tui/exchanges.h"
#include "tui/form.h"
#include "tui/inspections.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "tui/work.h"

#define POLL_MS 300
#define WORK_POLL_MS 2
#define MAX_LAYERS 8
#define MAX_DEPTH 6

struct tab {
	struct view *views[MAX_DEPTH];
	int depth;
};

struct app {
	struct db *db;
	const struct conf *conf;
	struct tab tabs[5];
	int pane;
	struct layer *layers[MAX_LAYERS];
	int nlayers;
	struct prompt *prompt;
	struct keymap global_keys, list_keys;
	WINDOW *tabw, *bodyw, *statw, *hintw, *smallw;
	PANEL *tabp, *bodyp, *statp, *hintp, *smallp;
	int rows, cols;
	bool too_small, cursor_on;
	char msg[XQ_MSG_MAX];
	int msg_kind;
	WINDOW *cur_win;
	int cur_y, cur_x;
	int64_t data_version, last_poll_us;
	int64_t audit_seen; /* the newest audit record when the data were last read */
	int64_t search_from; /* the selected row when `/` began */
	bool search_from_set;
	char search[256]; /* the last search */
	bool quit;	  /* :q was given */
	bool pasting;	  /* between the bracketed paste's start and end */
	struct msglog *log;
	bool msg_fresh;	  /* a message came since the last key: shown in full if long */
	FILE *trace;
	int key; /* the key being handled */
	struct work *work; /* the long reads' thread, from the first one on */
	/* the read ahead (app_work_ahead): its owner, and what drops it */
	const void *ahead_owner;
	void (*ahead_drop)(void *ctx);
	void *ahead_ctx;
};

static volatile sig_atomic_t got_quit_signal, got_interrupt;
static int64_t start_us;

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void tui_mark_start(void)
{
	start_us = now_us();
}

static void on_quit_signal(int sig)
{
	if (sig == SIGINT)
		got_interrupt = 1;
	else
		got_quit_signal = 1;
}

struct db *app_db(struct app *a)
{
	return a->db;
}

const struct conf *app_conf(struct app *a)
{
	return a->conf;
}

struct prompt *app_prompt(struct app *a)
{
	return a->prompt;
}

const struct keymap *app_global_keys(struct app *a)
{
	return &a->global_keys;
}

const struct keymap *app_list_keys(struct app *a)
{
	return &a->list_keys;
}

void app_msg(struct app *a, int kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_kind = kind;
	a->msg_fresh = a->msg[0] != '\0';
	if (a->log)
		msglog_add(a->log, kind, a->msg);
}

struct msglog *app_msglog(struct app *a)
{
	return a->log;
}

bool app_at_top(struct app *a)
{
	return a->tabs[a->pane].depth <= 1;
}

static void warn_once(void *ctx, const char *text)
{
	struct app *a = ctx;
	if (!a->msg[0] || a->msg_kind != MSG_WARN)
		app_msg(a, MSG_WARN, "%s", text);
}

void app_screen_size(struct app *a, int *rows, int *cols)
{
	*rows = a->rows;
	*cols = a->cols;
}

void app_body(struct app *a, int *y, int *h)
{
	*y = 1;
	*h = a->rows - 3;
}

void app_cursor(struct app *a, WINDOW *w, int y, int x)
{
	a->cur_win = w;
	a->cur_y = y;
	a->cur_x = x;
}

void app_view_init(struct app *a, struct view *v, const struct view_ops *ops)
{
	static const struct action none[] = {{0, NULL, NULL, NULL, NULL, 0}};
	v->ops = ops;
	v->app = a;
	v->reads = db_tables_bits(ops->reads);
	v->changed = 0; /* a view reads what it shows as it is made */
	keymap_init(&v->keys, ops->actions ? ops->actions : none, a->conf, warn_once, a);
}

static void view_free(struct view *v)
{
	work_drop(v->app->work, v);
	keymap_free(&v->keys);
	v->ops->free(v);
}

struct view *app_top_view(struct app *a)
{
	struct tab *t = &a->tabs[a->pane];
	struct view *v = t->views[t->depth - 1];
	if (v->stale) { /* shown again after a change: read again first */
		v->stale = false;
		v->ops->reload(v);
		v->changed = 0;
	}
	return v;
}

void app_push_view(struct app *a, struct view *v)
{
	struct tab *t = &a->tabs[a->pane];
	if (t->depth == MAX_DEPTH) {
		view_free(v);
		return;
	}
	t->views[t->depth++] = v;
}

void app_pop_view(struct app *a)
{
	struct tab *t = &a->tabs[a->pane];
	if (t->depth > 1)
		view_free(t->views[--t->depth]);
}

struct view *app_show_pane(struct app *a, int pane)
{
	a->pane = pane;
	return app_top_view(a);
}

/* The views that read a table written read again: the one in sight now, the others when
 * they are shown (a city's lists are not all read again for each change). */
static void changed_tables(struct app *a, uint64_t tables)
{
	for (int p = 0; p < 5; p++)
		for (int i = 0; i < a->tabs[p].depth; i++) {
			struct view *v = a->tabs[p].views[i];
			if (v->ops->reload && (v->reads & tables)) {
				v->stale = true;
				v->changed |= tables;
			}
		}
	app_top_view(a);
}

void app_changed(struct app *a)
{
	changed_tables(a, DB_TABLES_ALL);
}

void app_layer_window(struct app *a, struct layer *l, int h, int w)
{
	int by = 1, bh = a->rows - 3;
	if (h > bh)
		h = bh;
	if (w > a->cols)
		w = a->cols;
	if (h < 3)
		h = 3;
	int y = by + (bh - h) / 2, x = (a->cols - w) / 2;
	if (l->win && getmaxy(l->win) == h && getmaxx(l->win) == w && getbegy(l->win) == y &&
	    getbegx(l->win) == x)
		return;
	WINDOW *win = newwin(h, w, y, x);
	if (!win)
		return;
	if (l->panel) {
		replace_panel(l->panel, win);
		delwin(l->win);
	} else {
		l->panel = new_panel(win);
	}
	l->win = win;
}

void app_push_layer(struct app *a, struct layer *l)
{
	if (a->nlayers == MAX_LAYERS) {
		l->ops->free(l);
		return;
	}
	a->layers[a->nlayers++] = l;
	l->app = a;
	if (!a->too_small)
		l->ops->place(l);
}

static void layer_destroy(struct layer *l)
{
	work_drop(l->app->work, l);
	if (l->panel)
		del_panel(l->panel);
	if (l->win)
		delwin(l->win);
	l->panel = NULL;
	l->win = NULL;
	l->ops->free(l);
}

void app_pop_layer(struct app *a, struct layer *l)
{
	for (int i = 0; i < a->nlayers; i++) {
		if (a->layers[i] != l)
			continue;
		memmove(a->layers + i, a->layers + i + 1,
			(size_t)(a->nlayers - i - 1) * sizeof *a->layers);
		a->nlayers--;
		layer_destroy(l);
		return;
	}
}

/* A base window: a new window in the old panel's place, keeping the stacking order. On a
 * screen too small for the layout it is squeezed inside (the notice covers it). */
static WINDOW *base_window(WINDOW *old, PANEL **p, int h, int w, int y, int x)
{
	if (y > LINES - 1)
		y = LINES > 0 ? LINES - 1 : 0;
	if (h > LINES - y)
		h = LINES - y;
	if (h < 1)
		h = 1;
	if (w > COLS)
		w = COLS;
	if (w < 1)
		w = 1;
	WINDOW *win = newwin(h, w, y, x);
	if (!win)
		return old;
	if (*p)
		replace_panel(*p, win);
	else
		*p = new_panel(win);
	if (old)
		delwin(old);
	return win;
}

/* Windows for the current terminal size; layers keep their state. */
static void app_layout(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	a->too_small = a->rows < UI_MIN_ROWS || a->cols < UI_MIN_COLS;
	int rows = a->rows, cols = a->cols;
	a->tabw = base_window(a->tabw, &a->tabp, 1, cols, 0, 0);
	a->bodyw = base_window(a->bodyw, &a->bodyp, rows - 3, cols, 1, 0);
	a->statw = base_window(a->statw, &a->statp, 1, cols, rows - 2, 0);
	a->hintw = base_window(a->hintw, &a->hintp, 1, cols, rows - 1, 0);
	a->smallw = base_window(a->smallw, &a->smallp, rows, cols, 0, 0);
	for (int i = 0; i < a->nlayers; i++) {
		struct layer *l = a->layers[i];
		if (a->too_small) {
			if (l->panel)
				hide_panel(l->panel);
			continue;
		}
		l->ops->place(l);
		if (l->panel) {
			show_panel(l->panel); /* back on top, in stacking order */
		}
	}
	if (a->too_small)
		top_panel(a->smallp);
	else
		hide_panel(a->smallp);
	/* stdscr lies under everything: keep it from being refreshed over the panels */
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
}

static void paint_too_small(struct app *a)
{
	WINDOW *w = a->smallw;
	werase(w);
	char text[512];
	snprintf(text, sizeof text,
		_("The window is too small: xuequ needs at least %d×%d and it is %d×%d. "
		  "Please enlarge it."),
		UI_MIN_COLS, UI_MIN_ROWS, a->cols, a->rows);
	int lines = wrapped_lines(text, a->cols - 2, a->rows);
	draw_wrapped(w, (a->rows - lines) / 2 > 0 ? (a->rows - lines) / 2 : 0, 1, a->rows,
		a->cols - 2, text, A_BOLD);
}

static void app_paint(struct app *a)
{
	a->cur_win = NULL;
	if (a->too_small) {
		paint_too_small(a);
	} else {
		struct view *v = app_top_view(a);
		status_paint_tabs(a, a->tabw, a->cols, a->pane);
		werase(a->bodyw);
		v->ops->paint(v, a->bodyw, 0, 0, a->rows - 3, a->cols);
		bool fits = status_paint_status(a, a->statw, a->cols, a->msg, a->msg_kind);
		if (a->msg_fresh && !fits)
			msglog_show_full(a->log, a, a->msg, a->msg_kind);
		else if (!a->msg_fresh)
			msglog_hide(a->log);
		werase(a->hintw);
		if (prompt_active(a->prompt))
			prompt_paint(a->prompt, a, a->hintw, a->cols);
		else if (!a->nlayers) /* a window on top shows its own keys */
			status_paint_hints(a, a->hintw, a->cols, v);
		for (int i = 0; i < a->nlayers; i++)
			a->layers[i]->ops->paint(a->layers[i]);
	}
	update_panels();
	bool want = a->cur_win != NULL;
	if (want) {
		wmove(a->cur_win, a->cur_y, a->cur_x);
		wnoutrefresh(a->cur_win);
	}
	if (want != a->cursor_on) {
		curs_set(want ? 1 : 0);
		a->cursor_on = want;
	}
	doupdate();
}

/* One key from the terminal, TK_NONE when the wait ran out. */
static int read_key(void)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return TK_NONE;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return TK_ENTER;
		return TK_FN((int)wc);
	}
	if (wc == '\r')
		return TK_ENTER;
	if (wc == '\n')
		return TK_CTRL('j'); /* Enter, or a line break in a note */
	if (wc == 127)
		return TK_BACKSPACE;
	return (int)wc;
}

/* Whether the terminal has gone away: its input hung up, in error or closed (a dropped
 * connection or a killed terminal whose SIGHUP never came). Asked when a wait for a key
 * ended without one: reading a dead terminal returns at once, so without this the loop
 * would spin at full speed with the database open. */
static bool terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&p, 1, 0) <= 0)
		return false;
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		return true;
	/* readable, yet curses read nothing: end of file */
	char c;
	return read(STDIN_FILENO, &c, 0) < 0 && errno == EIO;
}

/* search prompt */
bool app_search_list(struct app *a, struct list *l, const char *text, int dir)
{
	bool wrapped;
	if (!list_search(l, text, dir, &wrapped))
		return false;
	if (wrapped)
		app_msg(a, MSG_INFO, "%s", _("Search went round to the other end."));
	return true;
}

static bool view_search(struct app *a, struct view *v, const char *text, int dir)
{
	return v->ops->search ? v->ops->search(v, text, dir) : app_search_list(a, v->ops->list(v), text, dir);
}

static bool view_searchable(const struct view *v)
{
	return v->ops->search || v->ops->list;
}

static void search_changed(void *ctx, const char *text)
{
	struct app *a = ctx;
	struct view *v = app_top_view(a);
	if (!*text) {
		app_msg(a, MSG_INFO, "%s", "");
		return;
	}
	if (view_search(a, v, text, 0))
		app_msg(a, MSG_INFO, "%s", "");
	else
		app_msg(a, MSG_WARN, _("Not found: %s"), text);
}

static void search_done(void *ctx, const char *text)
{
	struct app *a = ctx;
	struct view *v = app_top_view(a);
	if (text && *text)
		xq_copy(a->search, sizeof a->search, text);
	else if (!text && a->search_from_set && v->ops->list) {
		/* Esc: back to the row the search started from */
		list_select_id(v->ops->list(v), a->search_from);
		app_msg(a, MSG_INFO, "%s", _("Search cancelled."));
	}
	a->search_from_set = false;
}

static int list_key(struct app *a, struct view *v, int id)
{
	if (id == LA_SEARCH && view_searchable(v)) {
		a->search_from_set = v->ops->list != NULL;
		if (a->search_from_set)
			a->search_from = v->ops->list(v)->sel_id;
		prompt_open(a, "/", "", search_done, search_changed, a);
		return UI_PAINT;
	}
	if ((id == LA_NEXT || id == LA_PREV) && view_searchable(v)) {
		if (!a->search[0])
			app_msg(a, MSG_INFO, "%s", _("No search yet: / searches."));
		else if (!view_search(a, v, a->search, id == LA_NEXT ? 1 : -1))
			app_msg(a, MSG_WARN, _("Not found: %s"), a->search);
		return UI_PAINT;
	}
	int f = v->ops->action(v, id);
	if (f & UI_UNUSED) {
		/* a list in a fixed order, or without filters: say so rather than nothing */
		app_msg(a, MSG_INFO, "%s", _("This list cannot do that; ? shows what it can."));
		return UI_PAINT;
	}
	return f;
}

static void command_done(void *ctx, const char *text)
{
	struct app *a = ctx;
	if (text && command_run(a, text) & UI_QUIT)
		a->quit = true;
}

static int global_key(struct app *a, struct view *v, int id, int key)
{
	switch (id) {
	case GA_PANE1:
	case GA_PANE2:
	case GA_PANE3:
	case GA_PANE4:
	case GA_PANE5:
		app_show_pane(a, id - GA_PANE1);
		return UI_PAINT;
	case GA_COMMAND:
		prompt_open(a, ":", "", command_done, NULL, a);
		return UI_PAINT;
	case GA_HELP:
		help_open(a, v);
		return UI_PAINT;
	case GA_POLICY:
		policy_form_open(a);
		return UI_PAINT;
	case GA_HISTORY:
		return history_open_record(a, v);
	case GA_FOCUS: {
		int f = v->ops->action(v, GA_FOCUS);
		return f & UI_UNUSED ? UI_PAINT : f;
	}
	case GA_BACK: {
		int f = v->ops->action(v, GA_BACK);
		if (!(f & UI_UNUSED))
			return f;
		if (a->tabs[a->pane].depth > 1) {
			app_pop_view(a);
			return UI_PAINT;
		}
		return key == TK_ESC ? UI_PAINT : UI_QUIT;
	}
	}
	return UI_PAINT;
}

/* Ctrl-C: quits at once, unless a form holds input not saved; then it asks. */
static void quit_yes(void *ctx)
{
	((struct app *)ctx)->quit = true;
}

static bool app_interrupt(struct app *a)
{
	for (int i = 0; i < a->nlayers; i++) {
		struct layer *l = a->layers[i];
		if (l->ops->unsaved && l->ops->unsaved(l)) {
			prompt_confirm(a, _("Quit and lose what the form holds? (y/n)"), quit_yes, a);
			return true;
		}
	}
	return false;
}

int app_key_pressed(struct app *a)
{
	return a->key;
}

int app_poll_key(struct app *a)
{
	(void)a;
	wtimeout(stdscr, 0);
	int key = read_key();
	wtimeout(stdscr, POLL_MS);
	return key;
}

/* The read ahead given up: never handed over, and its view told (drop) when tell. */
static void ahead_give_up(struct app *a, bool tell)
{
	void (*drop)(void *) = a->ahead_drop;
	void *ctx = a->ahead_ctx;
	work_drop(a->work, a->ahead_owner);
	a->ahead_owner = NULL;
	a->ahead_drop = NULL;
	a->ahead_ctx = NULL;
	if (tell)
		drop(ctx); /* may ask for a long read of its own */
}

void app_work(struct app *a, struct work_job *j)
{
	if (!a->work)
		a->work = work_new(a->db);
	if (a->ahead_owner && j->owner != a->ahead_owner)
		ahead_give_up(a, true);
	work_submit(a->work, j, now_us());
}

void app_work_ahead(struct app *a, struct work_job *j, void (*drop)(void *ctx), void *ctx)
{
	if (!a->work)
		a->work = work_new(a->db);
	/* one at a time: the one before, if still being read, is dropped (and told); one read
	 * already is handed over as any other */
	if (a->ahead_owner == j->owner || (a->ahead_owner && work_pending(a->work, a->ahead_owner)))
		ahead_give_up(a, a->ahead_owner != j->owner);
	a->ahead_owner = j->owner;
	a->ahead_drop = drop;
	a->ahead_ctx = ctx;
	work_submit(a->work, j, now_us());
}

void app_work_ahead_end(struct app *a, const void *owner)
{
	if (a->ahead_owner == owner)
		ahead_give_up(a, false);
}

void app_work_ready(struct app *a, struct work_job *j, int64_t asked_us)
{
	if (!a->work)
		a->work = work_new(a->db);
	work_ready(a->work, j, asked_us);
}

int64_t app_clock_us(void)
{
	return now_us();
}

bool app_working(struct app *a, const void *owner)
{
	return work_pending(a->work, owner);
}

/* Hands the finished long reads to their views; whether any was. A result's trace line
 * holds the time from the job's start to its result painted, and the work's own time. */
static bool collect_work(struct app *a)
{
	bool any = false;
	struct work_job *j;
	while ((j = work_next_done(a->work))) {
		j->done(j, a);
		app_paint(a);
		if (a->trace) {
			fprintf(a->trace, "ready %s %lld %lld\n", j->name, (long long)(now_us() - j->queued_us),
				(long long)j->run_us);
			fflush(a->trace);
		}
		j->free(j);
		any = true;
	}
	return any;
}

static int app_key(struct app *a, int key)
{
	a->key = key;
	if (key != TK_RESIZE)
		a->msg_fresh = false; /* a long message's box goes at the next key */
	if (key == TK_PASTE_START || key == TK_PASTE_END) {
		a->pasting = key == TK_PASTE_START;
		return UI_PAINT;
	}
	if (a->pasting && (key == TK_ENTER || key == TK_CTRL('j')))
		key = TK_PASTE_NL; /* pasted text never presses Enter */
	else if (a->pasting && key == TK_TAB)
		key = ' '; /* nor moves on */
	if (key == TK_CTRL('j')) {
		struct layer *top = a->nlayers ? a->layers[a->nlayers - 1] : NULL;
		bool note = top && !prompt_active(a->prompt) && top->ops->multiline &&
			    top->ops->multiline(top);
		key = note ? TK_PASTE_NL : TK_ENTER;
	}
	if (key == TK_RESIZE) {
		app_layout(a);
		return UI_PAINT;
	}
	int g = keymap_lookup(&a->global_keys, key, 0);
	if (g == GA_REDRAW) {
		clearok(curscr, TRUE);
		return UI_PAINT;
	}
	if (a->too_small) /* only back (q, or its rebinding), and only with no form or question open */
		return g == GA_BACK && a->nlayers == 0 && !prompt_active(a->prompt)
			? global_key(a, app_top_view(a), g, key)
			: UI_PAINT;
	if (prompt_active(a->prompt))
		return prompt_key(a->prompt, a, key);
	if (a->nlayers) {
		struct layer *l = a->layers[a->nlayers - 1];
		int f = l->ops->key(l, key);
		if (f & UI_CLOSE)
			app_pop_layer(a, l);
		return (f & ~UI_CLOSE) | UI_PAINT;
	}
	struct view *v = app_top_view(a);
	unsigned ctx = v->ops->context ? v->ops->context(v) : 0;
	int id = keymap_lookup(&v->keys, key, ctx);
	if (id >= 0) {
		int f = v->ops->action(v, id);
		if (!(f & UI_UNUSED))
			return f;
	}
	if (v->ops->has_list && (id = keymap_lookup(&a->list_keys, key, ctx)) >= 0)
		return list_key(a, v, id);
	if (g >= 0)
		return global_key(a, v, g, key);
	char name[32];
	app_msg(a, MSG_INFO, _("%s does nothing here; ? shows the keys."), tk_name(key, name, sizeof name));
	return UI_PAINT;
}

/* Which part of the console a key went to, for the trace file. */
static const char *key_target(struct app *a)
{
	if (prompt_active(a->prompt))
		return "prompt";
	if (a->nlayers)
		return a->layers[a->nlayers - 1]->ops->name;
	return app_top_view(a)->ops->name;
}

/* Another session's commit reloads the views. Before a key is handled the check always
 * runs (it costs microseconds), so that actions see what the screen shows; while idle,
 * every POLL_MS. */
static bool poll_changes(struct app *a, bool now_or_later)
{
	int64_t now = now_us();
	if (!now_or_later && now - a->last_poll_us < POLL_MS * 1000)
		return false;
	a->last_poll_us = now;
	int64_t v = db_data_version(a->db);
	if (v == a->data_version)
		return false;
	a->data_version = v;
	uint64_t tables = db_changes_since(a->db, &a->audit_seen);
	char msg[XQ_MSG_MAX];
	if (tables & db_table_bit("policy"))
		db_policy_load(a->db, msg); /* another session changed the policy */
	changed_tables(a, tables);
	app_msg(a, MSG_INFO, "%s", _("The data were changed in another session; the lists are up to date."));
	if (!now_or_later)
		app_paint(a);
	return true;
}

/* The current view's put-off work, when no key is waiting. */
static void run_idle(struct app *a)
{
	struct view *v = app_top_view(a);
	if (v && v->ops->idle && v->ops->idle(v))
		app_paint(a);
}

static bool action_known(const struct action *t, const char *name)
{
	for (; t && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return true;
	return false;
}

/* [keys] names that no table knows are reported, not ignored silently. */
static void check_key_names(struct app *a)
{
	for (int i = 0; a->conf && i < a->conf->nkeys; i++) {
		const char *name = a->conf->keys[i].key;
		bool found = action_known(global_actions, name) || action_known(list_actions, name) ||
			     action_known(form_actions, name);
		for (int v = 0; all_view_ops[v] && !found; v++)
			found = action_known(all_view_ops[v]->actions, name);
		if (!found) {
			char text[256];
			snprintf(text, sizeof text, _("[keys] %s: no such action"), name);
			warn_once(a, text);
		}
	}
}

static void app_init(struct app *a, struct db *db, const struct conf *conf)
{
	memset(a, 0, sizeof *a);
	a->db = db;
	a->conf = conf;
	a->prompt = prompt_new();
	a->log = msglog_new();
	app_msg(a, MSG_INFO, "%s", _("Welcome. ? shows the keys, :q quits."));
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		app_msg(a, MSG_WARN, "%s",
			_("The locale is not UTF-8, so Chinese text cannot be shown: set LANG=zh_CN.UTF-8."));
	if (*db_policy_warning(db))
		app_msg(a, MSG_WARN, _("warning: %s"), db_policy_warning(db));
	keymap_init(&a->global_keys, global_actions, conf, warn_once, a);
	keymap_init(&a->list_keys, list_actions, conf, warn_once, a);
	check_key_names(a);
	a->tabs[0].views[0] = districts_view_new(a);
	a->tabs[1].views[0] = exchanges_view_new(a);
	a->tabs[2].views[0] = scheduling_view_new(a);
	a->tabs[3].views[0] = facilities_view_new(a);
	a->tabs[4].views[0] = inspections_view_new(a);
	for (int p = 0; p < 5; p++)
		a->tabs[p].depth = 1;
	db_changes_since(db, &a->audit_seen); /* first: a write between is seen again */
	a->data_version = db_data_version(db);
	a->last_poll_us = now_us();
}

static void app_free(struct app *a)
{
	work_free(a->work);
	a->work = NULL;
	while (a->nlayers)
		app_pop_layer(a, a->layers[a->nlayers - 1]);
	for (int p = 0; p < 5; p++)
		while (a->tabs[p].depth)
			view_free(a->tabs[p].views[--a->tabs[p].depth]);
	keymap_free(&a->global_keys);
	keymap_free(&a->list_keys);
	prompt_free(a->prompt);
	msglog_free(a->log);
	PANEL **base_panels[] = {&a->tabp, &a->bodyp, &a->statp, &a->hintp, &a->smallp};
	WINDOW **base_wins[] = {&a->tabw, &a->bodyw, &a->statw, &a->hintw, &a->smallw};
	for (size_t i = 0; i < XQ_NELEM(base_panels); i++) {
		if (*base_panels[i])
			del_panel(*base_panels[i]);
		if (*base_wins[i])
			delwin(*base_wins[i]);
	}
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int tui_run(struct db *db, const struct conf *conf, const struct tui_options *opt)
{
	if (!start_us)
		tui_mark_start();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "xuequ: %s\n",
			_("the console needs a terminal; `xuequ help` lists the commands for scripts"));
		return 2;
	}
	FILE *trace = NULL;
	if (opt && opt->trace_timing_path) {
		trace = fopen(opt->trace_timing_path, "w");
		if (!trace) {
			fprintf(stderr, "xuequ: %s: %s\n", opt->trace_timing_path, _("cannot write the timing trace"));
			return 1;
		}
	}
	install_signals();
	/* the console reads a page of a list at a time, and its long reads run on a connection
	 * of their own: a small page cache keeps its memory the same for a city or a province */
	db_small_cache(db);
	work_heap();
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		const char *term = priv_getenv("TERM");
		fprintf(stderr, _("xuequ: cannot start the console on terminal type \"%s\"\n"),
			term ? term : "");
		if (trace)
			fclose(trace);
		return 1;
	}
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	tk_terminal_keys(true);
	typeahead(-1);
	wtimeout(stdscr, POLL_MS);
	curs_set(0);
	ui_colors_init(conf);

	struct app *a = xcalloc(1, sizeof *a);
	app_init(a, db, conf);
	a->trace = trace;
	app_layout(a);
	app_paint(a);
	if (trace)
		fprintf(trace, "first-screen %lld\n", (long long)(now_us() - start_us));

	bool idle_due = true; /* a paint may have left work for run_idle */
	/* a key's trace line waits for the put-off work its screen left (run_idle), whose
	 * time is the line's last field: the wait the user sees is both */
	char pending[160] = "";
	while (!got_quit_signal) {
		if (got_interrupt) {
			got_interrupt = 0;
			if (!app_interrupt(a))
				break;
			app_paint(a);
		}
		if (a->quit)
			break;
		/* a long read running: look for its result often */
		wtimeout(stdscr, idle_due ? 0 : work_busy(a->work) ? WORK_POLL_MS : POLL_MS);
		int key = read_key();
		if (key == TK_NONE) {
			if (terminal_gone())
				break;
			int64_t t1 = now_us();
			if (idle_due)
				run_idle(a);
			work_hold(a->work, false); /* the screen is done: what it asked for starts */
			if (!a->work) /* the long reads' connection, opened before a key asks for it */
				a->work = work_new(a->db);
			if (trace && *pending) {
				fprintf(trace, "%s %lld\n", pending, (long long)(now_us() - t1));
				fflush(trace);
				*pending = '\0';
			}
			bool collected = collect_work(a); /* a view may ask again */
			t1 = now_us();
			const char *target = key_target(a);
			work_hold(a->work, true);
			bool changed = poll_changes(a, false);
			if (!changed)
				work_hold(a->work, false);
			idle_due = changed || collected;
			if (trace && changed) { /* another session's write, read again and shown */
				fprintf(trace, "reload %s %lld 0\n", target, (long long)(now_us() - t1));
				fflush(trace);
			}
			continue;
		}
		idle_due = true;
		if (trace && *pending) { /* a key typed ahead of the put-off work */
			fprintf(trace, "%s 0\n", pending);
			*pending = '\0';
		}
		int64_t t0 = now_us();
		work_hold(a->work, true); /* until the key's screen is done */
		poll_changes(a, true);
		const char *target = key_target(a);
		int flags = app_key(a, key);
		if (flags & UI_QUIT || a->quit || got_quit_signal)
			break;
		if (flags & UI_RELOAD)
			app_changed(a);
		if (flags & UI_PAINT)
			app_paint(a);
		if (trace) {
			char name[32];
			snprintf(pending, sizeof pending, "%s %s %lld", tk_name(key, name, sizeof name), target,
				(long long)(now_us() - t0));
		}
	}
	if (trace && *pending)
		fprintf(trace, "%s 0\n", pending);
	app_free(a);
	free(a);
	endwin();
	tk_terminal_keys(false);
	delscreen(scr);
	if (trace)
		fclose(trace);
	return 0;
}
