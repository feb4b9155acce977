/* inspections.h: the Inspections pane (督导检查) — the inspections by status and date with
 * the selected one's verdict, the add form and the submit and close questions
 * (pane_inspections.c); scoring a checklist by keyboard and making rectifications of its
 * failed items (inspection_checklist.c); the indicators of a level's schools and the
 * rectification ledger (inspection_views.c). */
#ifndef XQ_TUI_INSPECTIONS_H
#define XQ_TUI_INSPECTIONS_H

#include "db/inspection.h"
#include "tui/list.h"
#include "tui/ui.h"

/* One inspection as listed, with its verdict so far. */
struct insp_row {
	struct inspection in;
	struct checklist_verdict v;
	int nitems;
};

struct inspections {
	struct view v;
	struct insp_row *rows; /* in-progress, planned, submitted, closed; newest first in each */
	int n;
	bool stale;	      /* the data changed: read again before showing */
	int status;	      /* the list's filter: one status, -1 for all */
	int counts[4];	      /* inspections by status, whatever the filter */
	char msg[XQ_MSG_MAX]; /* why the list could not be read */
	struct list list;
	int64_t ask_id; /* what the submit or close question is about */
	int64_t taken_id;	/* the inspection taken names, read once per selection and reload */
	char taken[XQ_MSG_MAX]; /* who has it offline, "" when nobody */
	int ask_action;
};

/* pane_inspections.c */
struct view *inspections_view_new(struct app *a);
extern const struct view_ops inspections_view_ops;
/* "62.5/100 · pass", "incomplete", "veto" — an inspection's total and verdict. */
void inspection_verdict_text(const struct checklist_verdict *v, char *buf, size_t size);
/* :indicators — the Inspections pane with the indicators view on top. */
void inspections_show_indicators(struct app *a);

/* inspection_checklist.c: the checklist of inspection id. */
struct view *checklist_view_new(struct app *a, int64_t id);
extern const struct view_ops checklist_view_ops;

/* inspection_views.c */
struct view *indicators_view_new(struct app *a);
struct view *rectifications_view_new(struct app *a);
extern const struct view_ops indicators_view_ops, rectifications_view_ops;

/* pack_merge.c: the conflict screen of merging the pack at path; NULL with msg (and its
 * kind of message) when the pack is refused or was merged already. */
struct view *merge_view_new(struct app *a, const char *path, int *kind, char *msg);
extern const struct view_ops merge_view_ops;

#endif
