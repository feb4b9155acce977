/* ui.h: what the console's parts share — the app with its panes, views and overlay
 * layers, the flags key handlers return, colours, and wide-character drawing. */
#ifndef XQ_TUI_UI_H
#define XQ_TUI_UI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <panel.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/types.h"
#include "core/util.h"
#include "tui/keys.h"

struct db;
struct conf;
struct strbuf;
struct app;

/* What a key handler asks of the loop; the loop paints once per pass. */
enum ui_flag {
	UI_PAINT = 1,	/* something on screen changed */
	UI_CLOSE = 2,	/* a layer is done: pop it */
	UI_QUIT = 4,	/* leave the console */
	UI_RELOAD = 8,	/* the database changed here: reload every view */
	UI_UNUSED = 16, /* the key meant nothing here: try the next handler */
};

/* Colour roles; each falls back to an attribute on monochrome terminals. */
enum ui_role { UI_NORMAL, UI_ACCENT, UI_SELECT, UI_WARN, UI_GOOD, UI_BAR, UI_DIM, UI_TITLE,
	UI_ROLE_COUNT };
enum msg_kind { MSG_INFO, MSG_GOOD, MSG_WARN };
enum align { AL_LEFT, AL_RIGHT, AL_CENTER };

/* The smallest screen the console draws itself on. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 15

/* Shared actions: every list (movement, search, sort, filter) and the whole console. */
enum list_action_id {
	LA_UP = 1000, LA_DOWN, LA_TOP, LA_BOTTOM, LA_PAGE_UP, LA_PAGE_DOWN, LA_SEARCH, LA_NEXT,
	LA_PREV, LA_SORT, LA_REVERSE, LA_FILTER, LA_CLEAR_FILTER, LA_HALF_DOWN, LA_HALF_UP
};
#define LA_BIT(id) (1u << ((id) - LA_UP))
enum global_action_id {
	GA_PANE1 = 2000, GA_PANE2, GA_PANE3, GA_PANE4, GA_PANE5, GA_COMMAND, GA_HELP, GA_BACK,
	GA_REDRAW, GA_FOCUS, GA_POLICY, GA_HISTORY
};
extern const struct action list_actions[], global_actions[];

/* A screen of a pane: the districts list, the school browser, a placeholder. */
struct view;
struct view_ops {
	const char *name;		   /* "districts": trace files and [keys] prefix */
	const char *title;		   /* N_() for help */
	const struct action *actions;	   /* its own actions */
	const struct action_ctx *contexts; /* help sections, NULL-titled end; may be NULL */
	bool has_list;			   /* list actions apply */
	unsigned list_lacks;		   /* LA_BIT()s of list actions it cannot do: no hint, no help */
	void (*paint)(struct view *v, WINDOW *w, int y, int x, int h, int cols);
	/* An action of its own, a list action or GA_FOCUS/GA_BACK; UI_UNUSED if not its. */
	int (*action)(struct view *v, int id);
	/* The database changed: refetch, keeping selections by id. Another session's write
	 * reloads only views that read a table it wrote; view.changed says which. */
	void (*reload)(struct view *v);
	/* The tables it shows, NULL-terminated (optional: NULL, any). */
	const char *const *reads;
	unsigned (*context)(struct view *v);
	/* The view's list (optional): `/`, n and N search it, Esc puts its selection back, and
	 * `:export` writes it, all done by the console. */
	struct list *(*list)(struct view *v);
	/* `/` when a view must do more than app_search_list (optional): jump to the next (dir 1)
	 * or previous (-1) match; 0: from the current row. */
	bool (*search)(struct view *v, const char *text, int dir);
	/* Slow work put off so that a key's screen comes at once (optional): the loop calls it
	 * when no key is waiting, right after painting; true when it changed what shows. */
	bool (*idle)(struct view *v);
	/* The record selected (optional): its table and id, for `H` (its history). */
	bool (*record)(struct view *v, const char **table, int64_t *id);
	void (*free)(struct view *v);
};
struct view {
	const struct view_ops *ops;
	struct app *app;
	struct keymap keys;
	bool stale; /* the data changed while it was out of sight: reloaded when next shown */
	uint64_t reads;	  /* db_tables_bits of ops->reads */
	uint64_t changed; /* in reload: the tables written since its last (db_table_bit) */
};

/* An overlay window (form, picker, help) stacked with the panel library. */
struct layer;
struct layer_ops {
	const char *name; /* for trace files */
	int (*key)(struct layer *l, int key);
	/* (re)create the window for the current screen size, keeping the layer's state */
	void (*place)(struct layer *l);
	void (*paint)(struct layer *l);
	void (*free)(struct layer *l);
	/* Input typed and not saved (optional): Ctrl-C asks before quitting. */
	bool (*unsaved)(struct layer *l);
	/* Where the cursor is takes line breaks (optional): C-j is one there, not Enter. */
	bool (*multiline)(struct layer *l);
};
struct layer {
	const struct layer_ops *ops;
	struct app *app;
	WINDOW *win;
	PANEL *panel;
};

/* app.c */
struct db *app_db(struct app *a);
const struct conf *app_conf(struct app *a);
void app_msg(struct app *a, int kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_push_layer(struct app *a, struct layer *l);
/* Removes l (wherever it is in the stack) and frees it. */
void app_pop_layer(struct app *a, struct layer *l);
/* Replaces l's window by a new one (size h × w, centred in the body), as a panel. */
void app_layer_window(struct app *a, struct layer *l, int h, int w);
void app_push_view(struct app *a, struct view *v);
/* The view under the top of the current pane's stack is shown again. */
void app_pop_view(struct app *a);
/* Shows pane 0..4 and returns its top view. */
struct view *app_show_pane(struct app *a, int pane);
void app_view_init(struct app *a, struct view *v, const struct view_ops *ops);
/* Where the terminal cursor should stand after painting (hidden when not called). */
void app_cursor(struct app *a, WINDOW *w, int y, int x);
void app_screen_size(struct app *a, int *rows, int *cols);
struct prompt *app_prompt(struct app *a);
const struct keymap *app_global_keys(struct app *a);
const struct keymap *app_list_keys(struct app *a);
/* The body area layers centre in: first row and height. */
void app_body(struct app *a, int *y, int *h);
/* Queues a long read (tui/work.h): its done runs on this thread when it has finished, if
 * its owner (a view or a layer) is still there. */
struct work_job;
void app_work(struct app *a, struct work_job *j);
/* Reading ahead (tui/ahead.h): a long read no key has asked for yet (its owner a token of
 * the view's), whose result the view keeps until a key wants it. Any other long read asked
 * for drops it first and tells drop(ctx): a read ahead never delays one a key asks for, and
 * the memory of results kept is freed for it. One at a time: the next drops the one before
 * if it is still being read, and tells it. */
void app_work_ahead(struct app *a, struct work_job *j, void (*drop)(void *ctx), void *ctx);
/* The read ahead of owner is no more (its view goes): not dropped through it again. */
void app_work_ahead_end(struct app *a, const void *owner);
/* Hands j, whose results were read ahead, to its owner as a long read just finished: its
 * done runs, painted and traced, at the next idle moment; traced as asked for at asked_us
 * (app_clock_us, when its key came). */
void app_work_ready(struct app *a, struct work_job *j, int64_t asked_us);
/* The console's clock, in microseconds. */
int64_t app_clock_us(void);
/* Whether a long read of owner is queued or running. */
bool app_working(struct app *a, const void *owner);
/* Marks every view to reload after a write of ours. */
void app_changed(struct app *a);
struct view *app_top_view(struct app *a);
/* Moves the list's selection to the next (dir 1) or previous (-1) match of text, or the
 * first from the current row (0), saying so when the search went round the end. */
bool app_search_list(struct app *a, struct list *l, const char *text, int dir);
/* The key the loop is handling: an action bound to several keys (digits) reads it. */
int app_key_pressed(struct app *a);
/* A key waiting at the terminal, TK_NONE when none: for work that runs a while and can be
 * stopped. */
int app_poll_key(struct app *a);
/* Only the top view of the pane is open: q quits from here. */
bool app_at_top(struct app *a);
/* The session's messages (messages.c). */
struct msglog *app_msglog(struct app *a);
/* :goto a school — in its district, or in the school browser. */
bool app_goto_school(struct app *a, const char *key);

/* prompt.c: the bottom line asks for text or a yes/no. done gets NULL when cancelled. */
typedef void (*prompt_done_fn)(void *ctx, const char *text);
void prompt_open(struct app *a, const char *label, const char *initial, prompt_done_fn done,
	prompt_done_fn changed, void *ctx);
/* y answers yes; anything else no. */
void prompt_confirm(struct app *a, const char *question, void (*yes)(void *ctx), void *ctx);
struct prompt *prompt_new(void);
void prompt_free(struct prompt *p);
bool prompt_active(const struct prompt *p);
int prompt_key(struct prompt *p, struct app *a, int key);
void prompt_paint(struct prompt *p, struct app *a, WINDOW *w, int cols);

/* command.c: one `:` command line; returns flags (UI_QUIT for :q). */
int command_run(struct app *a, const char *line);

/* policy_form.c: the county's policy, an admin edits it. */
void policy_form_open(struct app *a);

/* messages.c: the session's messages for :messages, a long one shown in full. */
struct msglog *msglog_new(void);
void msglog_free(struct msglog *m);
void msglog_add(struct msglog *m, int kind, const char *text);
/* The messages kept (the last 100, a repeat kept once), oldest first: "HH:MM:SS text". */
int msglog_count(const struct msglog *m);
const char *msglog_text(const struct msglog *m, int i);
/* A box above the status line with text in full, until msglog_hide. */
void msglog_show_full(struct msglog *m, struct app *a, const char *text, int kind);
void msglog_hide(struct msglog *m);
/* :messages */
void messages_open(struct app *a, struct msglog *m);

/* help.c: `?` for the current view, generated from its action tables. */
void help_open(struct app *a, struct view *v);

/* status.c: tab line, status line, hint line. */
void status_paint_tabs(struct app *a, WINDOW *w, int cols, int current);
/* Returns false when msg did not fit. */
bool status_paint_status(struct app *a, WINDOW *w, int cols, const char *msg, int kind);
void status_paint_hints(struct app *a, WINDOW *w, int cols, struct view *v);
extern const char *const pane_titles[5];

/* draw.c: colours and text measured in display columns. */
void ui_colors_init(const struct conf *c);
attr_t ui_attr(int role);
/* Draws s at y,x in exactly cols columns: cut with "…", padded with spaces. Control
 * characters show as spaces. Returns the columns the text itself took. */
int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, int align);
void draw_fill(WINDOW *w, int y, int x, int cols, attr_t attr);
void draw_box(WINDOW *w, const char *title);
/* Draws s wrapped into at most rows lines of cols columns; returns the lines used. */
int draw_wrapped(WINDOW *w, int y, int x, int rows, int cols, const char *s, attr_t attr);
/* Lines draw_wrapped would use, up to rows. */
int wrapped_lines(const char *s, int cols, int rows);
/* The label of an enumeration value in the interface language. */
const char *ui_enum(const struct enum_item *items, int v);
/* A count as text, "" when unknown (< 0). */
const char *ui_num(long v, char *buf, size_t size);
const char *ui_real(double v, int digits, char *buf, size_t size);

/* The panes' views (pane_*.c). */
struct view *districts_view_new(struct app *a);
bool districts_view_goto(struct view *v, int64_t district_id, int64_t school_id);
struct view *schools_view_new(struct app *a);
bool schools_view_goto(struct view *v, int64_t school_id);
/* pane_scheduling.c: the terms and their timetables' hard violations. */
struct view *scheduling_view_new(struct app *a);
extern const struct view_ops scheduling_view_ops;
/* schedule_views.c: a term's schools, classes, teachers and rooms, and their week grids. */
struct term;
struct view *term_view_new(struct app *a, const struct term *t);
extern const struct view_ops term_view_ops, grid_view_ops;
extern const struct view_ops districts_view_ops, schools_view_ops;
/* pane_facilities.c: the rooms, their bookings and use. */
struct view *facilities_view_new(struct app *a);
/* Teachers of one school (0: all), a teacher's exemptions, the audit log of one record
 * (table NULL: county-wide, newest first), operators. */
struct view *teachers_view_new(struct app *a, int64_t school_id);
struct view *exemptions_view_new(struct app *a, int64_t teacher_id);
struct view *history_view_new(struct app *a, const char *table, int64_t row_id);
struct view *operators_view_new(struct app *a);
extern const struct view_ops teachers_view_ops, exemptions_view_ops, history_view_ops,
	operators_view_ops;
/* `H`: the history of the view's selected record, or a word why there is none. */
int history_open_record(struct app *a, struct view *v);
/* Every view with actions of its own, NULL-ended: the [keys] names and the key list. */
extern const struct view_ops *const all_view_ops[];

#endif
