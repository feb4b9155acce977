/* districts.h: the Districts pane's state, shared by its view (pane_districts.c) and its
 * forms and questions (district_forms.c). */
#ifndef XQ_TUI_DISTRICTS_H
#define XQ_TUI_DISTRICTS_H

#include "db/district.h"
#include "tui/list.h"
#include "tui/ui.h"

struct districts {
	struct view v;
	struct district_query q;
	struct list list;
	bool detail_focus;
	/* the selected district's detail, fetched when the selection moves or data change */
	int64_t detail_id;
	bool detail_stale, have_row;
	struct district_row row;
	struct member_row *members;
	int nmembers;
	struct agreement_row *agreements;
	int nagreements;
	struct activity **acts; /* per agreement */
	int *nacts;
	int dsel, dscroll; /* detail item: members first, then agreements */
	int64_t dsel_member, dsel_agreement; /* the cursor's item, by id */
	int64_t want_member, want_agreement; /* where the cursor goes at the next load */
	/* what a yes/no question is about */
	int64_t ask_id, ask_rev;
	char ask_name[NAME_LEN];
};

/* The selected district (NULL when none), member or agreement in the detail. */
const struct district_row *districts_current(struct districts *d);
const struct member_row *districts_member(struct districts *d);
const struct agreement_row *districts_agreement(struct districts *d);
/* After a write: reload every view, select district_id (0 keeps) in the list. */
void districts_after_write(struct districts *d, int64_t district_id);
/* Put the detail cursor on this member school or agreement after the next load. */
void districts_select_member(struct districts *d, int64_t school_id);
void districts_select_agreement(struct districts *d, int64_t agreement_id);

/* district_forms.c */
void district_form_open(struct districts *d, bool edit);
void district_delete_ask(struct districts *d);
void district_filter_open(struct districts *d);
void member_form_open(struct districts *d);
void member_remove_ask(struct districts *d);
void member_set_lead(struct districts *d);
void agreement_form_open(struct districts *d, bool edit);
void agreement_end_ask(struct districts *d);
void activity_form_open(struct districts *d);

#endif
