/* exchanges.h: the Exchanges pane (交流轮岗) — its main view with the year's quota gauges,
 * the exchange list and the detail (pane_exchanges.c); the forms, the teacher picker and
 * the status questions (exchange_forms.c); the per-school quota view and the plan's
 * proposals (exchange_views.c). */
#ifndef XQ_TUI_EXCHANGES_H
#define XQ_TUI_EXCHANGES_H

#include "db/exchange.h"
#include "tui/ahead.h"
#include "tui/list.h"
#include "tui/ui.h"

struct exchanges {
	struct view v;
	char year[EXCHANGE_YEAR_LEN]; /* the chosen school year: gauges, list and plan */
	bool all_years;		      /* the list shows every year, the gauges the chosen one */
	struct exchange_query q;      /* the list's filter; q.year points at year or is NULL */
	struct list_source src;	      /* the list's columns: the year's only with every year */
	struct list list;
	/* the year's county quota, fetched when the data change */
	bool quota_stale, have_quota;
	unsigned quota_gen; /* counts the data's changes, so that a count from before one is not taken as now */
	struct exchange_quota quota;
	long proposed; /* exchanges of the year awaiting approval */
	/* the quotas by school and by district counted with the gauges: of sets_year, for
	 * generation sets_gen of the data */
	struct quota_sets sets;
	unsigned sets_gen;
	char sets_year[EXCHANGE_YEAR_LEN];
	char quota_msg[XQ_MSG_MAX];
	/* the choices of the filter and year pickers */
	int64_t *district_ids;
	int ndistricts;
	char (*years)[EXCHANGE_YEAR_LEN];
	int nyears;
	/* while the list paints narrow: schools by short name, or without this many bytes of
	 * the prefix all names share (exports keep the full names) */
	bool short_names;
	size_t name_prefix;
	/* what a question (yes/no, evaluation) is about */
	int64_t ask_id, ask_rev;
	char ask_name[SHORT_LEN];
	int ask_action, ask_evaluation;
	/* the exchanges tagged with t, which `;` and an action act on together */
	int64_t *tags;
	int ntags, ctags;
	bool tag_next; /* `;` was pressed: the next action is for the tagged ones */
	/* the teacher picker's rows and the plan, read ahead in turn once the gauges are
	 * counted (exchange_forms.c, exchange_views.c) */
	struct ahead plan_ahead, pick_ahead;
};

/* pane_exchanges.c */
struct view *exchanges_view_new(struct app *a);
extern const struct view_ops exchanges_view_ops;
/* The selected exchange, NULL when the list is empty. */
const struct exchange_row *exchanges_current(struct exchanges *x);
/* After a write: reload every view and select exchange id (0 keeps the selection),
 * clearing the filters when they hide it. */
void exchanges_after_write(struct exchanges *x, int64_t id);
/* Shows the list's exchanges of one school or district only (0 for any). */
void exchanges_filter_place(struct exchanges *x, int64_t school_id, int64_t district_id);
/* Makes year the chosen school year (gauges, list and plan). */
void exchanges_set_year(struct exchanges *x, const char *year);
const struct exchange_policy *exchanges_policy(struct exchanges *x);
/* The quotas by scope (EXSCOPE_SCHOOL or EXSCOPE_DISTRICT) of the chosen year, counted
 * with the gauges for the data as they are now; false when there are none such. */
bool exchanges_quota_rows(struct exchanges *x, int scope, const struct quota_row **rows, int *n,
	struct exchange_quota *county);
/* "✓ met" or "✗ 12 more needed"-style text for a missing count (-1: unreachable). */
void exchanges_missing_text(long missing, bool backbone, char *buf, size_t size);
/* A school's name for a list cell: short (see struct exchanges) while painting narrow. */
void exchanges_school_cell(struct exchanges *x, const char *name, const char *short_name, char *buf,
	size_t size);
/* Paints a list whose school columns show short names when cols is narrow. */
void exchanges_list_paint(struct exchanges *x, struct list *l, WINDOW *w, int y, int xpos, int h, int cols);

/* exchange_forms.c */
void exchange_add_open(struct exchanges *x);
/* The teacher picker's rows for the chosen year, read ahead (tui/ahead.h) once for each
 * change of the data or the year, so that the picker opens on them at once. */
extern const struct ahead_ops exchange_pick_ahead_ops;
void exchange_edit_open(struct exchanges *x);
void exchange_filter_open(struct exchanges *x);
void exchange_year_open(struct exchanges *x);
/* Every change asks first: approve, start and cancel a yes, reject a reason (or Esc),
 * complete the evaluation and then a yes. */
void exchange_act(struct exchanges *x, int action);
/* The same for every tagged exchange at once (complete excepted: each its evaluation). */
void exchange_act_tagged(struct exchanges *x, int action);
bool exchanges_is_tagged(const struct exchanges *x, int64_t id);
void exchanges_untag_all(struct exchanges *x);

/* exchange_views.c */
struct view *exchange_quota_view_new(struct exchanges *x);
struct view *exchange_plan_view_new(struct exchanges *x);
/* The plan for the chosen year, made ahead after the picker's rows are read. */
extern const struct ahead_ops exchange_plan_ahead_ops;
extern const struct view_ops exchange_quota_view_ops, exchange_plan_view_ops;

#endif
