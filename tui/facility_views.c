/* facility_views.c: the views the Facilities pane pushes — a room's week (lessons, bookings,
 * holidays and closed hours, each with a mark of its own), the approval queue of the
 * operator's school (approve or reject, one or every tagged request), and the use of the
 * rooms over a week, a month or the term. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "db/timetable.h"
#include "tui/facilities.h"
#include "tui/list.h"

/* ---- a room's week ---- */

enum { WK_LEFT = 1, WK_RIGHT, WK_UP, WK_DOWN, WK_PREV_WEEK, WK_NEXT_WEEK, WK_TODAY, WK_BOOK, WK_CANCEL_DAY,
	WK_CANCEL_ALL, WK_CALENDAR };

static const struct action week_actions[] = {
	{WK_LEFT, "week.left", "h Left", NULL, N_("The day before"), 0},
	{WK_RIGHT, "week.right", "l Right", NULL, N_("The day after"), 0},
	{WK_UP, "week.up", "k Up", NULL, N_("Half an hour earlier"), 0},
	{WK_DOWN, "week.down", "j Down", NULL, N_("Half an hour later"), 0},
	{WK_PREV_WEEK, "week.prev", "[ PgUp", N_("week before"), N_("The week before"), 0},
	{WK_NEXT_WEEK, "week.next", "] PgDn", N_("week after"), N_("The week after"), 0},
	{WK_TODAY, "week.today", "t", NULL, N_("This week"), 0},
	{WK_BOOK, "week.book", "b Enter", N_("book"), N_("Book the room at the cell's day and time"), 0},
	{WK_CANCEL_DAY, "week.cancel_day", "x", N_("cancel date"), N_("Cancel the booking on this date only (asks)"), 0},
	{WK_CANCEL_ALL, "week.cancel_all", "X", N_("cancel series"), N_("Cancel the whole booking, every date (asks)"), 0},
	{WK_CALENDAR, "week.calendar", "c", N_("calendar"), N_("Mark the day a holiday, closure or make-up day"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

#define SLOT 30 /* minutes a row stands for */

struct weekview {
	struct view v;
	struct room_rec room;
	char monday[DATE_LEN];
	struct room_week w;
	char msg[XQ_MSG_MAX];
	bool stale;
	int day, slot, top; /* the cursor: a day and a half hour from lo; the first row shown */
	int lo, hi;	    /* the minutes the grid covers */
	int64_t ask_id;	    /* the booking a confirmation is about */
	char ask_day[DATE_LEN];
};

static void week_monday(const char *day, char out[DATE_LEN])
{
	date_add(day, 1 - weekday_of(day), out);
}

static void week_load(struct weekview *wv)
{
	room_week_free(&wv->w);
	wv->msg[0] = '\0';
	if (db_room_week(app_db(wv->v.app), wv->room.id, wv->monday, &wv->w, wv->msg) != XQ_OK)
		return;
	int lo = 8 * 60, hi = 17 * 60;
	for (int d = 0; d < 7; d++)
		if (wv->w.open_from[d] >= 0) {
			lo = wv->w.open_from[d] < lo ? wv->w.open_from[d] : lo;
			hi = wv->w.open_to[d] > hi ? wv->w.open_to[d] : hi;
		}
	for (int i = 0; i < wv->w.n; i++) {
		const struct week_item *it = &wv->w.items[i];
		if (it->end - it->start < 1440) {
			lo = it->start < lo ? it->start : lo;
			hi = it->end > hi ? it->end : hi;
		}
	}
	wv->lo = lo / SLOT * SLOT;
	wv->hi = (hi + SLOT - 1) / SLOT * SLOT;
	int rows = (wv->hi - wv->lo) / SLOT;
	if (wv->slot >= rows)
		wv->slot = rows - 1;
}

static void week_fresh(struct weekview *wv)
{
	if (!wv->stale)
		return;
	wv->stale = false;
	week_load(wv);
}

/* What holds the room in a half hour of a day, NULL when nothing. */
static const struct week_item *item_at(const struct weekview *wv, int day, int from)
{
	const struct week_item *found = NULL;
	for (int i = 0; i < wv->w.n; i++) {
		const struct week_item *it = &wv->w.items[i];
		if (it->day == day && spans_overlap(it->start, it->end, from, from + SLOT)) {
			/* a booking before a lesson: it is what the cursor acts on */
			if (!found || (found->kind == WEEK_LESSON && it->kind != WEEK_LESSON))
				found = it;
		}
	}
	return found;
}

static const char *const day_short[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
	N_("Sun")};

static void week_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct weekview *wv = (struct weekview *)v;
	week_fresh(wv);
	char line[512];
	snprintf(line, sizeof line, _("%1$s:%2$s · week of %3$s · ■ lesson  ✓ approved  ? requested  × holiday  · closed"),
		wv->room.school_code, wv->room.name, wv->monday);
	draw_text(w, y, x, cols, line, ui_attr(wv->msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	if (wv->msg[0]) {
		draw_text(w, y + 2, x + 1, cols - 2, wv->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	int tw = 6, cw = (cols - tw) / 7;
	if (cw < 3)
		cw = 3;
	/* the days: date, and below it what the calendar makes of them */
	for (int d = 0; d < 7; d++) {
		snprintf(line, sizeof line, "%s %s", _(day_short[d]), wv->w.days[d] + 5);
		draw_text(w, y + 1, x + tw + d * cw, cw - 1, line, d == wv->day ? A_BOLD : A_NORMAL, AL_LEFT);
		if (wv->w.cal_kind[d] == CAL_HOLIDAY || wv->w.cal_kind[d] == CAL_CLOSURE)
			snprintf(line, sizeof line, "× %s", ui_enum(cal_kind_items, wv->w.cal_kind[d]));
		else if (wv->w.cal_kind[d] == CAL_MAKEUP)
			snprintf(line, sizeof line, _("= %s"), _(day_short[wv->w.weekday[d] - 1]));
		else
			line[0] = '\0';
		draw_text(w, y + 2, x + tw + d * cw, cw - 1, line, ui_attr(UI_WARN), AL_LEFT);
	}
	y++;
	int rows = (wv->hi - wv->lo) / SLOT, gh = h - 5;
	if (gh < 1)
		gh = 1;
	if (wv->slot < wv->top)
		wv->top = wv->slot;
	if (wv->slot >= wv->top + gh)
		wv->top = wv->slot - gh + 1;
	for (int r = 0; r < gh && wv->top + r < rows; r++) {
		int from = wv->lo + (wv->top + r) * SLOT;
		char clock[6];
		clock_format(from, clock);
		draw_text(w, y + 2 + r, x, tw - 1, clock, ui_attr(UI_DIM), AL_LEFT);
		for (int d = 0; d < 7; d++) {
			const struct week_item *it = item_at(wv, d, from);
			bool off = wv->w.weekday[d] == 0;
			bool closed = wv->w.open_from[d] < 0 || from < wv->w.open_from[d] || from >= wv->w.open_to[d];
			attr_t attr = A_NORMAL;
			char cell[NAME_LEN + 8];
			if (it) {
				const char *m = it->kind == WEEK_LESSON ? "■" : it->kind == WEEK_APPROVED ? "✓" : "?";
				bool first = it->start >= from || from == wv->lo + wv->top * SLOT;
				snprintf(cell, sizeof cell, "%s %s", m, first ? it->label : "");
				attr = ui_attr(it->kind == WEEK_LESSON ? UI_DIM : it->kind == WEEK_APPROVED ? UI_GOOD : UI_WARN);
			} else if (off) {
				xq_copy(cell, sizeof cell, "×");
				attr = ui_attr(UI_WARN);
			} else if (closed) {
				xq_copy(cell, sizeof cell, "·");
				attr = ui_attr(UI_DIM);
			} else
				cell[0] = '\0';
			if (d == wv->day && wv->top + r == wv->slot)
				attr |= A_REVERSE;
			draw_text(w, y + 2 + r, x + tw + d * cw, cw - 1, cell, attr, AL_LEFT);
			if (d == wv->day && wv->top + r == wv->slot && !cell[0])
				draw_fill(w, y + 2 + r, x + tw + d * cw, cw - 1, A_REVERSE);
		}
	}
	/* what the cursor is on, in words */
	int from = wv->lo + wv->slot * SLOT;
	const struct week_item *it = item_at(wv, wv->day, from);
	char s[6], e[6];
	if (it) {
		clock_format(it->start, s);
		clock_format(it->end, e);
		if (it->kind == WEEK_LESSON)
			snprintf(line, sizeof line, _("%1$s %2$s-%3$s: lesson %4$s"), wv->w.days[wv->day], s, e, it->label);
		else
			snprintf(line, sizeof line, _("%1$s %2$s-%3$s: booking %4$lld of %5$s, %6$s"), wv->w.days[wv->day], s,
				e, (long long)it->booking_id, it->label,
				it->kind == WEEK_APPROVED ? _("approved") : _("requested, waiting for the room's school"));
	} else if (wv->w.weekday[wv->day] == 0)
		snprintf(line, sizeof line, _("%s: the school is closed (the calendar)"), wv->w.days[wv->day]);
	else if (wv->w.open_from[wv->day] < 0)
		snprintf(line, sizeof line, _("%s: the room is not open that day"), wv->w.days[wv->day]);
	else {
		clock_format(wv->w.open_from[wv->day], s);
		clock_format(wv->w.open_to[wv->day], e);
		snprintf(line, sizeof line, _("%1$s: open %2$s-%3$s"), wv->w.days[wv->day], s, e);
	}
	draw_text(w, y + h - 2, x + 1, cols - 2, line, A_BOLD, AL_LEFT);
}

static void cancel_yes(void *ctx)
{
	struct weekview *wv = ctx;
	char msg[XQ_MSG_MAX];
	if (db_booking_cancel(app_db(wv->v.app), wv->ask_id, wv->ask_day[0] ? wv->ask_day : NULL, NULL, msg) != XQ_OK) {
		app_msg(wv->v.app, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	if (wv->ask_day[0])
		app_msg(wv->v.app, MSG_GOOD, _("Booking %1$lld: %2$s cancelled; its other dates stand."),
			(long long)wv->ask_id, wv->ask_day);
	else
		app_msg(wv->v.app, MSG_GOOD, _("Booking %lld cancelled."), (long long)wv->ask_id);
	app_changed(wv->v.app);
}

static int week_action(struct view *v, int id)
{
	struct weekview *wv = (struct weekview *)v;
	week_fresh(wv);
	int rows = (wv->hi - wv->lo) / SLOT;
	char day[DATE_LEN], q[256], time[16], s[6], e[6];
	const struct week_item *it = item_at(wv, wv->day, wv->lo + wv->slot * SLOT);
	switch (id) {
	case WK_LEFT:
	case WK_RIGHT:
		wv->day += id == WK_LEFT ? -1 : 1;
		if (wv->day < 0 || wv->day > 6) {
			date_add(wv->monday, wv->day < 0 ? -7 : 7, day);
			xq_copy(wv->monday, sizeof wv->monday, day);
			wv->day = wv->day < 0 ? 6 : 0;
			wv->stale = true;
		}
		return UI_PAINT;
	case WK_UP:
		if (wv->slot > 0)
			wv->slot--;
		return UI_PAINT;
	case WK_DOWN:
		if (wv->slot < rows - 1)
			wv->slot++;
		return UI_PAINT;
	case WK_PREV_WEEK:
	case WK_NEXT_WEEK:
		date_add(wv->monday, id == WK_PREV_WEEK ? -7 : 7, day);
		xq_copy(wv->monday, sizeof wv->monday, day);
		wv->stale = true;
		return UI_PAINT;
	case WK_TODAY:
		date_today(day);
		week_monday(day, wv->monday);
		wv->day = weekday_of(day) - 1;
		wv->stale = true;
		return UI_PAINT;
	case WK_BOOK:
		clock_format(wv->lo + wv->slot * SLOT, s);
		clock_format(wv->lo + wv->slot * SLOT + 2 * SLOT, e);
		snprintf(time, sizeof time, "%s-%s", s, e);
		booking_form_open(v->app, &wv->room, wv->w.days[wv->day], time);
		return UI_PAINT;
	case WK_CANCEL_DAY:
	case WK_CANCEL_ALL:
		if (!it || it->kind == WEEK_LESSON) {
			app_msg(v->app, MSG_INFO, "%s", _("No booking is at the cursor."));
			return UI_PAINT;
		}
		wv->ask_id = it->booking_id;
		xq_copy(wv->ask_day, sizeof wv->ask_day, id == WK_CANCEL_DAY ? it->orig : "");
		if (id == WK_CANCEL_DAY)
			snprintf(q, sizeof q, _("Cancel booking %1$lld on %2$s only?"), (long long)it->booking_id,
				wv->w.days[wv->day]);
		else
			snprintf(q, sizeof q, _("Cancel booking %lld, every date?"), (long long)it->booking_id);
		prompt_confirm(v->app, q, cancel_yes, wv);
		return UI_PAINT;
	case WK_CALENDAR:
		calendar_form_open(v->app, wv->w.days[wv->day], wv->room.school_id);
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void week_reload(struct view *v)
{
	((struct weekview *)v)->stale = true;
}

static bool week_record(struct view *v, const char **table, int64_t *id)
{
	struct weekview *wv = (struct weekview *)v;
	const struct week_item *it = item_at(wv, wv->day, wv->lo + wv->slot * SLOT);
	if (it && it->kind != WEEK_LESSON) {
		*table = "booking";
		*id = it->booking_id;
	} else {
		*table = "room";
		*id = wv->room.id;
	}
	return true;
}

static void week_free(struct view *v)
{
	struct weekview *wv = (struct weekview *)v;
	room_week_free(&wv->w);
	free(wv);
}

const struct view_ops room_week_view_ops = {
	.name = "week",
	.title = N_("A room's week"),
	.actions = week_actions,
	.paint = week_paint,
	.action = week_action,
	.reload = week_reload,
	.record = week_record,
	.free = week_free,
};

struct view *room_week_view_new(struct app *a, const struct room_rec *room)
{
	struct weekview *wv = xcalloc(1, sizeof *wv);
	app_view_init(a, &wv->v, &room_week_view_ops);
	wv->room = *room;
	char today[DATE_LEN];
	date_today(today);
	week_monday(today, wv->monday);
	wv->day = weekday_of(today) - 1;
	wv->stale = true;
	week_fresh(wv);
	/* the cursor starts where the room opens that day */
	if (wv->w.open_from[wv->day] >= 0)
		wv->slot = (wv->w.open_from[wv->day] - wv->lo) / SLOT;
	return &wv->v;
}

/* ---- the approval queue ---- */

enum { QA_APPROVE = 1, QA_REJECT, QA_TAG };

static const struct action approval_actions[] = {
	{QA_APPROVE, "approvals.approve", "a", N_("approve"), N_("Approve the request, or every tagged one"), 0},
	{QA_REJECT, "approvals.reject", "r", N_("reject"), N_("Reject the request, or every tagged one, with a reason"), 0},
	{QA_TAG, "approvals.tag", "t", N_("tag"), N_("Tag or untag the request and go to the next"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct request_row {
	struct booking_rec b;
	int dates; /* requested dates */
	bool tagged;
};

struct approvals {
	struct view v;
	struct request_row *rows;
	int n, cap;
	char msg[XQ_MSG_MAX];
	struct list_matches m;
	struct list list;
};

static int add_request(void *ctx, const void *rec)
{
	struct approvals *q = ctx;
	const struct booking_occ *bo = rec;
	for (int i = 0; i < q->n; i++)
		if (q->rows[i].b.id == bo->b->id) {
			q->rows[i].dates++;
			return XQ_OK;
		}
	char why[XQ_MSG_MAX];
	if (!db_booking_may_decide(app_db(q->v.app), bo->b, why))
		return XQ_OK;
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->rows = xrealloc(q->rows, (size_t)q->cap * sizeof *q->rows);
	}
	struct request_row *r = &q->rows[q->n++];
	memset(r, 0, sizeof *r);
	r->b = *bo->b;
	r->dates = 1;
	return XQ_OK;
}

static void approvals_load(struct approvals *q)
{
	/* the tags are kept by booking across a reload */
	int64_t *tags = xcalloc((size_t)(q->n ? q->n : 1), sizeof *tags);
	int ntags = 0;
	for (int i = 0; i < q->n; i++)
		if (q->rows[i].tagged)
			tags[ntags++] = q->rows[i].b.id;
	q->n = 0;
	q->msg[0] = '\0';
	char today[DATE_LEN];
	date_today(today);
	struct booking_query bq = {0, 0, 0, today, "", BOOKING_REQUESTED};
	if (db_booking_each(app_db(q->v.app), &bq, add_request, q) != XQ_OK)
		xq_copy(q->msg, sizeof q->msg, _("The bookings cannot be read."));
	for (int i = 0; i < q->n; i++)
		for (int k = 0; k < ntags; k++)
			q->rows[i].tagged |= q->rows[i].b.id == tags[k];
	free(tags);
	list_matches_all(&q->m, q->n, q);
}

static void repeat_words(const struct booking_rec *b, char *buf, size_t size)
{
	if (!b->rrule[0])
		xq_copy(buf, size, _("once"));
	else
		snprintf(buf, size, _("to %s"), b->last_day);
}

static void ap_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct approvals *q = ((struct list_matches *)ctx)->owner;
	const struct request_row *r = &q->rows[*(const int *)row];
	char s[6], e[6];
	switch (col) {
	case 0:
		snprintf(buf, size, "%lld", (long long)r->b.id);
		break;
	case 1:
		xq_copy(buf, size, r->b.room);
		break;
	case 2:
		xq_copy(buf, size, r->b.school_name);
		break;
	case 3:
		xq_copy(buf, size, r->b.first_day);
		break;
	case 4:
		clock_format(r->b.start, s);
		clock_format(r->b.end, e);
		snprintf(buf, size, "%s-%s", s, e);
		break;
	case 5:
		repeat_words(&r->b, buf, size);
		break;
	case 6:
		snprintf(buf, size, "%d", r->dates);
		break;
	case 7:
		xq_copy(buf, size, r->b.purpose);
		break;
	}
}

static bool ap_tagged(void *ctx, const void *row)
{
	struct approvals *q = ((struct list_matches *)ctx)->owner;
	return q->rows[*(const int *)row].tagged;
}

static const struct list_column ap_columns[] = {
	{N_("No."), 4, 0, true, 0},
	{N_("Room"), 12, 2, false, 0},
	{N_("For school"), 10, 2, false, 0},
	{N_("From"), 10, 0, false, 2},
	{N_("Time"), 11, 0, false, 0},
	{N_("Repeat"), 8, 0, false, 3},
	{N_("Dates"), 5, 0, true, 1},
	{N_("Purpose"), 8, 1, false, 4},
};

static const struct list_source ap_source = {
	.columns = ap_columns,
	.ncolumns = 8,
	.row_size = sizeof(int),
	.empty = N_("No request waits for your school's decision."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = ap_cell,
	.tagged = ap_tagged,
};

static void ap_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct approvals *q = (struct approvals *)v;
	char line[512];
	int tagged = 0;
	for (int i = 0; i < q->n; i++)
		tagged += q->rows[i].tagged;
	snprintf(line, sizeof line, _("Requests waiting for your school %ld/%d · %d tagged"),
		q->list.count ? q->list.sel + 1 : 0, q->n, tagged);
	draw_text(w, y, x, cols, line, ui_attr(q->msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	list_paint(&q->list, w, y + 1, x, h - 3, cols, true);
	const int *i = list_selected(&q->list);
	if (i) {
		const struct request_row *r = &q->rows[*i];
		snprintf(line, sizeof line, _("%1$s asks for %2$s%3$s%4$s; asked by %5$s at %6$s"), r->b.school_name,
			r->b.room, r->b.rrule[0] ? ", RRULE:" : "", r->b.rrule, r->b.requested_by, r->b.requested_at);
		draw_text(w, y + h - 1, x + 1, cols - 2, line, A_NORMAL, AL_LEFT);
	} else if (q->msg[0])
		draw_text(w, y + h - 1, x + 1, cols - 2, q->msg, ui_attr(UI_WARN), AL_LEFT);
}

/* The requests an action applies to: the tagged ones, else the selected one. */
static int targets(struct approvals *q, int64_t *ids, int max)
{
	int n = 0;
	for (int i = 0; i < q->n && n < max; i++)
		if (q->rows[i].tagged)
			ids[n++] = q->rows[i].b.id;
	const int *sel = list_selected(&q->list);
	if (!n && sel)
		ids[n++] = q->rows[*sel].b.id;
	return n;
}

static void decided(struct approvals *q, int done, int refused, const char *what, const char *last)
{
	if (refused)
		app_msg(q->v.app, MSG_WARN, _("%1$d %2$s, %3$d refused: %4$s"), done, what, refused, last);
	else
		app_msg(q->v.app, MSG_GOOD, _("%1$d %2$s."), done, what);
	app_changed(q->v.app);
	approvals_load(q);
	list_reload(&q->list);
}

static void reject_reason(void *ctx, const char *text)
{
	struct approvals *q = ctx;
	if (!text)
		return;
	int64_t ids[256];
	int n = targets(q, ids, 256), done = 0, refused = 0;
	char msg[XQ_MSG_MAX] = "";
	for (int i = 0; i < n; i++) {
		if (db_booking_reject(app_db(q->v.app), ids[i], text, msg) == XQ_OK)
			done++;
		else
			refused++;
	}
	decided(q, done, refused, _("rejected"), msg);
}

static int ap_action(struct view *v, int id)
{
	struct approvals *q = (struct approvals *)v;
	const int *sel = list_selected(&q->list);
	if (list_moves(id))
		return list_move(&q->list, id);
	switch (id) {
	case QA_TAG:
		if (sel) {
			q->rows[*sel].tagged = !q->rows[*sel].tagged;
			list_move(&q->list, LA_DOWN);
		}
		return UI_PAINT;
	case QA_APPROVE: {
		int64_t ids[256];
		int n = targets(q, ids, 256), done = 0, refused = 0;
		char msg[XQ_MSG_MAX] = "";
		if (!n) {
			app_msg(v->app, MSG_INFO, "%s", _("No request is selected."));
			return UI_PAINT;
		}
		for (int i = 0; i < n; i++) {
			struct booking_outcome o;
			if (db_booking_approve(app_db(v->app), ids[i], &o, msg) == XQ_OK)
				done++;
			else
				refused++;
			booking_outcome_free(&o);
		}
		decided(q, done, refused, _("approved"), msg);
		return UI_PAINT;
	}
	case QA_REJECT:
		if (!sel) {
			app_msg(v->app, MSG_INFO, "%s", _("No request is selected."));
			return UI_PAINT;
		}
		prompt_open(v->app, _("Reject — the reason (Enter), Esc keeps them: "), "", reject_reason, NULL, q);
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void ap_reload(struct view *v)
{
	struct approvals *q = (struct approvals *)v;
	approvals_load(q);
	list_reload(&q->list);
}

static struct list *ap_list(struct view *v)
{
	return &((struct approvals *)v)->list;
}

static bool ap_record(struct view *v, const char **table, int64_t *id)
{
	struct approvals *q = (struct approvals *)v;
	const int *i = list_selected(&q->list);
	if (!i)
		return false;
	*table = "booking";
	*id = q->rows[*i].b.id;
	return true;
}

static void ap_free(struct view *v)
{
	struct approvals *q = (struct approvals *)v;
	list_free(&q->list);
	free(q->rows);
	free(q->m.match);
	free(q);
}

const struct view_ops approvals_view_ops = {
	.name = "approvals",
	.title = N_("Approvals"),
	.actions = approval_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER) |
		      LA_BIT(LA_SEARCH) | LA_BIT(LA_NEXT) | LA_BIT(LA_PREV),
	.paint = ap_paint,
	.action = ap_action,
	.reload = ap_reload,
	.list = ap_list,
	.record = ap_record,
	.free = ap_free,
};

struct view *approvals_view_new(struct app *a)
{
	struct approvals *q = xcalloc(1, sizeof *q);
	app_view_init(a, &q->v, &approvals_view_ops);
	approvals_load(q);
	list_init(&q->list, &ap_source, &q->m);
	return &q->v;
}

/* ---- the use of rooms ---- */

enum { UA_BY = 1, UA_SPAN };

static const struct action usage_actions[] = {
	{UA_BY, "usage.by", "b", N_("by"), N_("By room, school, district or kind"), 0},
	{UA_SPAN, "usage.span", "p", N_("period"), N_("Over the term, this month or this week"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

struct usageview {
	struct view v;
	struct term term;
	bool has_term;
	int by, span; /* usage_by_items; 0 term, 1 month, 2 week */
	char from[DATE_LEN], to[DATE_LEN];
	struct usage_row *rows;
	int n;
	char msg[XQ_MSG_MAX];
	struct list_matches m;
	struct list list;
};

static void usage_load(struct usageview *u)
{
	free(u->rows);
	u->rows = NULL;
	u->n = 0;
	u->msg[0] = '\0';
	struct db *db = app_db(u->v.app);
	char today[DATE_LEN];
	date_today(today);
	if (!u->has_term) {
		struct term *terms;
		int n;
		if (db_term_list(db, &terms, &n, u->msg) == XQ_OK) {
			/* the term of today, else the newest */
			for (int i = 0; i < n && !u->has_term; i++)
				if (strcmp(today, terms[i].first_day) >= 0 && strcmp(today, terms[i].last_day) <= 0) {
					u->term = terms[i];
					u->has_term = true;
				}
			if (!u->has_term && n) {
				u->term = terms[0];
				u->has_term = true;
			}
			free(terms);
		}
		if (!u->has_term) {
			if (!u->msg[0])
				xq_copy(u->msg, sizeof u->msg, _("No term yet: xuequ term add 2025-2026/2 --first DATE --last DATE"));
			goto out;
		}
	}
	/* the month or week of today, or the term's first when today is outside it */
	char at[DATE_LEN];
	xq_copy(at, sizeof at,
		strcmp(today, u->term.first_day) >= 0 && strcmp(today, u->term.last_day) <= 0 ? today : u->term.first_day);
	if (u->span == 0) {
		xq_copy(u->from, sizeof u->from, u->term.first_day);
		xq_copy(u->to, sizeof u->to, u->term.last_day);
	} else if (u->span == 1) {
		char first[DATE_LEN + 4], next[DATE_LEN];
		snprintf(first, sizeof first, "%.7s-01", at);
		xq_copy(u->from, sizeof u->from, first);
		date_add(first, 31, next);
		snprintf(first, sizeof first, "%.7s-01", next);
		date_add(first, -1, u->to);
	} else {
		week_monday(at, u->from);
		date_add(u->from, 6, u->to);
	}
	db_facility_usage(db, u->term.id, u->from, u->to, u->by, &u->rows, &u->n, u->msg);
out:
	list_matches_all(&u->m, u->n, u);
}

static void us_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct usageview *u = ((struct list_matches *)ctx)->owner;
	const struct usage_row *r = &u->rows[*(const int *)row];
	double part = col == 5 ? r->timetable_hours + r->booked_hours : col == 6 ? r->timetable_hours : r->booked_hours;
	switch (col) {
	case 0:
		xq_copy(buf, size, u->by == USAGE_KIND ? ui_enum(room_kind_items, enum_parse(room_kind_items, r->name))
						      : r->name);
		break;
	case 1:
		snprintf(buf, size, "%d", r->rooms);
		break;
	case 2:
		snprintf(buf, size, "%.1f", r->open_hours);
		break;
	case 3:
		snprintf(buf, size, "%.1f", r->timetable_hours);
		break;
	case 4:
		snprintf(buf, size, "%.1f", r->booked_hours);
		break;
	case 5:
	case 6:
	case 7:
		if (r->open_hours > 0)
			snprintf(buf, size, "%.1f%%", 100.0 * part / r->open_hours);
		else
			buf[0] = '\0';
		break;
	case 8:
		if (u->by == USAGE_SCHOOL || u->by == USAGE_DISTRICT)
			snprintf(buf, size, "%.1f", r->borrowed_hours);
		else
			buf[0] = '\0';
		break;
	}
}

static const struct list_column us_columns[] = {
	{N_("Name"), 12, 2, false, 0},
	{N_("Rooms"), 6, 0, true, 4},
	{N_("Open h"), 8, 0, true, 0},
	{N_("Timetable h"), 11, 0, true, 3},
	{N_("Booked h"), 8, 0, true, 0},
	{N_("Used"), 6, 0, true, 0},
	{N_("By lessons"), 10, 0, true, 2},
	{N_("By bookings"), 11, 0, true, 1},
	{N_("Held elsewhere h"), 16, 0, true, 5},
};

static const struct list_source us_source = {
	.columns = us_columns,
	.ncolumns = 9,
	.row_size = sizeof(int),
	.empty = N_("No room to count."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = us_cell,
};

static void us_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct usageview *u = (struct usageview *)v;
	char line[512];
	static const char *const spans[] = {N_("the term"), N_("the month"), N_("the week")};
	snprintf(line, sizeof line, _("Use of rooms by %1$s · %2$s %3$s, %4$s to %5$s · used = (lessons + bookings) / open"),
		ui_enum(usage_by_items, u->by), u->has_term ? u->term.name : "", _(spans[u->span]), u->from, u->to);
	draw_text(w, y, x, cols, line, ui_attr(u->msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	list_paint(&u->list, w, y + 1, x, h - 2, cols, true);
	if (u->msg[0])
		draw_text(w, y + h - 1, x + 1, cols - 2, u->msg, ui_attr(UI_WARN), AL_LEFT);
}

static int us_action(struct view *v, int id)
{
	struct usageview *u = (struct usageview *)v;
	if (list_moves(id))
		return list_move(&u->list, id);
	switch (id) {
	case UA_BY:
	case UA_SPAN:
		if (id == UA_BY)
			u->by = (u->by + 1) % 4;
		else
			u->span = (u->span + 1) % 3;
		usage_load(u);
		list_reload(&u->list);
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void us_reload(struct view *v)
{
	struct usageview *u = (struct usageview *)v;
	usage_load(u);
	list_reload(&u->list);
}

static struct list *us_list(struct view *v)
{
	return &((struct usageview *)v)->list;
}

static void us_free(struct view *v)
{
	struct usageview *u = (struct usageview *)v;
	list_free(&u->list);
	free(u->rows);
	free(u->m.match);
	free(u);
}

const struct view_ops usage_view_ops = {
	.name = "usage",
	.title = N_("Use of rooms"),
	.actions = usage_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER) |
		      LA_BIT(LA_SEARCH) | LA_BIT(LA_NEXT) | LA_BIT(LA_PREV),
	.paint = us_paint,
	.action = us_action,
	.reload = us_reload,
	.list = us_list,
	.free = us_free,
};

struct view *usage_view_new(struct app *a)
{
	struct usageview *u = xcalloc(1, sizeof *u);
	app_view_init(a, &u->v, &usage_view_ops);
	usage_load(u);
	list_init(&u->list, &us_source, &u->m);
	return &u->v;
}
