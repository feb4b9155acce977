/* facilities.h: the Facilities pane (设施共享) and the views it pushes — a room's week, the
 * approval queue of the operator's school, the use of rooms — and the booking form they
 * share. */
#ifndef XQ_TUI_FACILITIES_H
#define XQ_TUI_FACILITIES_H

#include "db/booking.h"
#include "tui/ui.h"

/* The booking form for a room, its date and time filled in ("" leaves them empty): on
 * saving it shows the dates that conflict first; saving again books the others. */
void booking_form_open(struct app *a, const struct room_rec *room, const char *day, const char *time);
/* The calendar day form (a holiday, closure or make-up day) for a date. */
void calendar_form_open(struct app *a, const char *day, int64_t school_id);

struct view *room_week_view_new(struct app *a, const struct room_rec *room);
struct view *approvals_view_new(struct app *a);
struct view *usage_view_new(struct app *a);

extern const struct view_ops facilities_view_ops, room_week_view_ops, approvals_view_ops, usage_view_ops;

#endif
