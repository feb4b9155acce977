/* pane_facilities.c: the Facilities pane (设施共享) — the schools' rooms by school and kind
 * with what holds each today, the next bookings of the room selected, and the forms to book
 * a room and to mark a day of the calendar. Every rule is db/booking.c's, as on the command
 * line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "db/school.h"
#include "tui/facilities.h"
#include "tui/form.h"
#include "tui/list.h"
#include "tui/work.h"

enum { FC_WEEK = 1, FC_BOOK, FC_APPROVALS, FC_USAGE, FC_CALENDAR, FC_SHARED };

static const struct action facility_actions[] = {
	{FC_WEEK, "facilities.week", "Enter", N_("week"), N_("Show the room's week: lessons, bookings, holidays"), 0},
	{FC_BOOK, "facilities.book", "b", N_("book"), N_("Book the room for another school of its district"), 0},
	{FC_APPROVALS, "facilities.approvals", "A", N_("approvals"), N_("The requests waiting for your school's decision"), 0},
	{FC_USAGE, "facilities.usage", "u", N_("usage"), N_("How much the rooms are used: open, timetable, booked"), 0},
	{FC_CALENDAR, "facilities.calendar", "c", N_("calendar"), N_("Mark a holiday, closure or make-up day"), 0},
	{FC_SHARED, "facilities.shared", "o", N_("shared only"), N_("Show only the rooms shared with the district, or all"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

/* One room as listed, with what holds it today and the requests waiting. */
struct room_row {
	struct room_rec r;
	int today;	  /* bookings today */
	char now[64];	  /* what holds it now, "" when free */
	int requests;	  /* occurrences requested, not yet decided */
};

/* The rooms with today's bookings and the requests waiting, as read together. */
struct room_set {
	struct room_row *rows;
	int n, cap;
	char today[DATE_LEN];
	char msg[XQ_MSG_MAX];
};

struct facilities {
	struct view v;
	struct room_row *rows;
	int n;
	bool shared_only, stale, reading;
	char today[DATE_LEN];
	char msg[XQ_MSG_MAX];
	struct list_matches m;
	struct list list;
	/* the next bookings of the selected room */
	int64_t next_room;
	char next[5][NAME_LEN + TEXT_LEN + 64];
	int nnext;
};

static int add_room(void *ctx, const void *rec)
{
	struct room_set *s = ctx;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->rows = xrealloc(s->rows, (size_t)s->cap * sizeof *s->rows);
	}
	struct room_row *r = &s->rows[s->n++];
	memset(r, 0, sizeof *r);
	r->r = *(const struct room_rec *)rec;
	return XQ_OK;
}

static struct room_row *row_of(struct room_set *s, int64_t room_id)
{
	for (int i = 0; i < s->n; i++)
		if (s->rows[i].r.id == room_id)
			return &s->rows[i];
	return NULL;
}

struct today_ctx {
	struct room_set *s;
	int now;
};

static int count_today(void *ctx, const void *rec)
{
	struct today_ctx *c = ctx;
	const struct booking_occ *bo = rec;
	struct room_row *r = row_of(c->s, bo->b->room_id);
	if (!r)
		return XQ_OK;
	if (bo->o->status == BOOKING_REQUESTED)
		r->requests++;
	if (strcmp(bo->o->day, c->s->today) != 0 || bo->o->status != BOOKING_APPROVED)
		return XQ_OK;
	r->today++;
	if (c->now >= bo->o->start && c->now < bo->o->end) {
		char e[6];
		clock_format(bo->o->end, e);
		snprintf(r->now, sizeof r->now, _("%s until %s"), bo->b->school_name, e);
	}
	return XQ_OK;
}

/* The rooms and, expanding every booking series from today on (a city's take tens of
 * milliseconds), what holds each: read on the work's thread. */
struct rooms_job {
	struct work_job j;
	bool shared_only;
	struct room_set set;
};

static void rooms_run(struct work_job *j_, struct db *db)
{
	struct rooms_job *j = (struct rooms_job *)j_;
	struct room_set *s = &j->set;
	struct room_query q = {0, -1, j->shared_only};
	if (db_room_each_of(db, &q, add_room, s) != XQ_OK)
		xq_copy(s->msg, sizeof s->msg, _("The rooms cannot be read."));
	date_today(s->today);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	struct today_ctx c = {s, tm.tm_hour * 60 + tm.tm_min};
	/* today's bookings, and every request still waiting from today on */
	struct booking_query bq = {0, 0, 0, s->today, "", -1};
	if (db_booking_each(db, &bq, count_today, &c) != XQ_OK)
		xq_copy(s->msg, sizeof s->msg, _("The bookings cannot be read."));
}

static void rooms_done(struct work_job *j_, struct app *a)
{
	struct rooms_job *j = (struct rooms_job *)j_;
	struct facilities *s = (struct facilities *)j->j.owner;
	(void)a;
	s->reading = false;
	if (j->shared_only != s->shared_only)
		return; /* switched since: the newer job brings its rooms */
	free(s->rows);
	s->rows = j->set.rows;
	s->n = j->set.n;
	j->set.rows = NULL;
	xq_copy(s->today, sizeof s->today, j->set.today);
	xq_copy(s->msg, sizeof s->msg, j->set.msg);
	s->next_room = 0;
	list_matches_all(&s->m, s->n, s);
	list_reload(&s->list);
}

static void rooms_free(struct work_job *j_)
{
	struct rooms_job *j = (struct rooms_job *)j_;
	free(j->set.rows);
	free(j);
}

/* Asks for the rooms again when the data changed; the rooms shown stay until they come. */
static void fresh(struct facilities *s)
{
	if (!s->stale || app_working(s->v.app, s))
		return;
	s->stale = false;
	s->reading = true;
	struct rooms_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = "rooms", .owner = s, .run = rooms_run, .done = rooms_done,
		.free = rooms_free};
	j->shared_only = s->shared_only;
	app_work(s->v.app, &j->j);
}

static void cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct facilities *s = ((struct list_matches *)ctx)->owner;
	const struct room_row *r = &s->rows[*(const int *)row];
	struct week_hours w;
	switch (col) {
	case 0:
		snprintf(buf, size, "%s:%s", r->r.school_code, r->r.name);
		break;
	case 1:
		xq_copy(buf, size, r->r.school_name);
		break;
	case 2:
		xq_copy(buf, size, ui_enum(room_kind_items, r->r.kind));
		break;
	case 3:
		if (r->r.capacity >= 0)
			snprintf(buf, size, "%ld", r->r.capacity);
		else
			buf[0] = '\0';
		break;
	case 4:
		/* shared or not, readable without colour */
		xq_copy(buf, size, r->r.shareable ? "✓" : "");
		break;
	case 5:
		if (db_room_hours(app_db(s->v.app), &r->r, 0, &w))
			hours_format(&w, buf, size);
		else
			xq_copy(buf, size, "");
		break;
	case 6:
		if (r->now[0])
			snprintf(buf, size, "■ %s", r->now);
		else if (r->today)
			snprintf(buf, size, _("%d booked"), r->today);
		else
			xq_copy(buf, size, _("free"));
		break;
	case 7:
		if (r->requests)
			snprintf(buf, size, "? %d", r->requests);
		else
			buf[0] = '\0';
		break;
	}
}

static bool row_matches(void *owner, int row, const char *text)
{
	struct facilities *s = owner;
	const struct room_row *r = &s->rows[row];
	return strcasestr(r->r.name, text) || strcasestr(r->r.school_name, text) || strstr(r->r.school_code, text) ||
	       strcasestr(ui_enum(room_kind_items, r->r.kind), text);
}

static const struct list_column columns[] = {
	{N_("Room"), 12, 2, false, 0},
	{N_("School"), 10, 2, false, 3},
	{N_("Type"), 8, 0, false, 2},
	{N_("Cap."), 4, 0, true, 4},
	{N_("Shared"), 6, 0, false, 0},
	{N_("Open"), 11, 1, false, 1},
	{N_("Now"), 8, 1, false, 0},
	{N_("Requests"), 8, 0, false, 0},
};

static const struct list_source source = {
	.columns = columns,
	.ncolumns = 8,
	.row_size = sizeof(int),
	.empty = N_("No room yet: xuequ facility add SCHOOLCODE:NAME --kind K --shareable, or import facilities."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = cell,
	.match_count = list_matches_match_count,
	.match_page = list_matches_match_page,
	.row_matches = list_matches_row_matches,
};

static int add_next(void *ctx, const void *rec)
{
	struct facilities *s = ctx;
	const struct booking_occ *bo = rec;
	if (s->nnext >= 5)
		return XQ_OK;
	char st[6], e[6];
	clock_format(bo->o->start, st);
	clock_format(bo->o->end, e);
	snprintf(s->next[s->nnext++], sizeof s->next[0], "%s %s %s-%s  %s  %s %s", bo->o->status == BOOKING_APPROVED ? "✓" : "?",
		bo->o->day, st, e, bo->b->school_name, bo->b->purpose, ui_enum(booking_status_items, bo->o->status));
	return XQ_OK;
}

static void fac_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct facilities *s = (struct facilities *)v;
	fresh(s);
	char line[512];
	int waiting = 0;
	for (int i = 0; i < s->n; i++)
		waiting += s->rows[i].requests;
	snprintf(line, sizeof line, _("Rooms %ld/%d%s · %d dates requested, waiting for their schools · %s"),
		s->list.count ? s->list.sel + 1 : 0, s->n, s->shared_only ? _(" shared") : "", waiting, s->today);
	draw_text(w, y, x, cols, line, ui_attr(s->msg[0] ? UI_WARN : UI_ACCENT), AL_LEFT);
	int dh = h >= 18 ? 8 : 4;
	int lh = h - 1 - dh - 1;
	if (lh < 3)
		lh = 3;
	if (s->reading && s->n == 0) {
		draw_text(w, y + 1, x + 1, cols - 2, _("Reading the rooms and their bookings…"), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	list_paint(&s->list, w, y + 1, x, lh, cols, true);
	mvwhline(w, y + 1 + lh, x, ACS_HLINE, cols);
	int dy = y + 2 + lh;
	const int *i = list_selected(&s->list);
	if (!i) {
		if (s->msg[0])
			draw_text(w, dy, x + 1, cols - 2, s->msg, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	const struct room_row *r = &s->rows[*i];
	if (s->next_room != r->r.id) {
		s->next_room = r->r.id;
		s->nnext = 0;
		struct booking_query q = {r->r.id, 0, 0, s->today, "", -1};
		db_booking_each(app_db(v->app), &q, add_next, s);
	}
	snprintf(line, sizeof line, _("%1$s:%2$s · %3$s of %4$s%5$s%6$s"), r->r.school_code, r->r.name,
		ui_enum(room_kind_items, r->r.kind), r->r.school_name, r->r.equipment[0] ? " · " : "", r->r.equipment);
	draw_text(w, dy, x + 1, cols - 2, line, A_BOLD, AL_LEFT);
	if (!s->nnext) {
		draw_text(w, dy + 1, x + 1, cols - 2,
			r->r.shareable ? _("No booking from today on.") : _("Not shared with the district."), ui_attr(UI_DIM),
			AL_LEFT);
		return;
	}
	draw_text(w, dy + 1, x + 1, cols - 2, _("Next bookings (✓ approved, ? requested):"), ui_attr(UI_DIM), AL_LEFT);
	for (int k = 0; k < s->nnext && k + 2 < dh; k++)
		draw_text(w, dy + 2 + k, x + 2, cols - 3, s->next[k], A_NORMAL, AL_LEFT);
}

static int fac_action(struct view *v, int id)
{
	struct facilities *s = (struct facilities *)v;
	fresh(s);
	const int *i = list_selected(&s->list);
	const struct room_row *r = i ? &s->rows[*i] : NULL;
	if (list_moves(id))
		return list_move(&s->list, id);
	switch (id) {
	case FC_WEEK:
	case FC_BOOK:
		if (!r) {
			app_msg(v->app, MSG_INFO, "%s", _("No room is selected."));
			return UI_PAINT;
		}
		if (id == FC_WEEK)
			app_push_view(v->app, room_week_view_new(v->app, &r->r));
		else
			booking_form_open(v->app, &r->r, "", "");
		return UI_PAINT;
	case FC_APPROVALS:
		app_push_view(v->app, approvals_view_new(v->app));
		return UI_PAINT;
	case FC_USAGE:
		app_push_view(v->app, usage_view_new(v->app));
		return UI_PAINT;
	case FC_CALENDAR:
		calendar_form_open(v->app, s->today, r ? r->r.school_id : 0);
		return UI_PAINT;
	case FC_SHARED:
		s->shared_only = !s->shared_only;
		s->stale = true;
		fresh(s);
		app_msg(v->app, MSG_INFO, "%s", s->shared_only ? _("Only the shared rooms.") : _("Every room."));
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static void fac_reload(struct view *v)
{
	((struct facilities *)v)->stale = true;
}

static struct list *fac_list(struct view *v)
{
	return &((struct facilities *)v)->list;
}

static bool fac_record(struct view *v, const char **table, int64_t *id)
{
	struct facilities *s = (struct facilities *)v;
	fresh(s);
	const int *i = list_selected(&s->list);
	if (!i)
		return false;
	*table = "room";
	*id = s->rows[*i].r.id;
	return true;
}

static void fac_free(struct view *v)
{
	struct facilities *s = (struct facilities *)v;
	list_free(&s->list);
	free(s->rows);
	free(s->m.match);
	free(s);
}

const struct view_ops facilities_view_ops = {
	.name = "facilities",
	.title = N_("Facilities"),
	.actions = facility_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE) | LA_BIT(LA_FILTER) | LA_BIT(LA_CLEAR_FILTER),
	.paint = fac_paint,
	.action = fac_action,
	.reload = fac_reload,
	.list = fac_list,
	.record = fac_record,
	.free = fac_free,
};

struct view *facilities_view_new(struct app *a)
{
	struct facilities *s = xcalloc(1, sizeof *s);
	app_view_init(a, &s->v, &facilities_view_ops);
	s->stale = true;
	s->m.matches = row_matches;
	list_init(&s->list, &source, &s->m);
	return &s->v;
}

/* ---- the booking form ---- */

enum { BF_SCHOOL, BF_DATE, BF_TIME, BF_REPEAT, BF_DAYS, BF_UNTIL, BF_PURPOSE, BF_CONTACT };

static const char *const repeat_labels[] = {N_("once"), N_("weekly"), N_("every 2 weeks (A/B)"), N_("daily"),
	N_("monthly")};
static const char *const repeat_words[] = {"", "weekly", "biweekly", "daily", "monthly"};

struct book_ctx {
	struct app *a;
	struct room_rec room;
	char confirmed[1024]; /* the input whose conflicts were shown: saving it again books the rest */
};

static int book_submit(struct entry_form *f, void *ctx)
{
	struct book_ctx *c = ctx;
	char school_code[CODE_LEN] = "", day[DATE_LEN], time[32], days[64], until[DATE_LEN], purpose[TEXT_LEN],
		contact[SHORT_LEN], room[ROOM_SPEC_LEN], repeat[96], msg[XQ_MSG_MAX] = "";
	struct school s;
	if (db_school_get(app_db(c->a), form_get_school(f, BF_SCHOOL), &s) == XQ_OK)
		xq_copy(school_code, sizeof school_code, s.code);
	form_get_text(f, BF_DATE, day, sizeof day);
	form_get_text(f, BF_TIME, time, sizeof time);
	form_get_text(f, BF_DAYS, days, sizeof days);
	form_get_text(f, BF_UNTIL, until, sizeof until);
	form_get_text(f, BF_PURPOSE, purpose, sizeof purpose);
	form_get_text(f, BF_CONTACT, contact, sizeof contact);
	int rep = form_get_choice(f, BF_REPEAT);
	if (rep < 0)
		rep = 0;
	if (rep == 0 && (days[0] || until[0])) {
		form_set_message(f, MSG_WARN, _("A booking held once has no days of the week and no end date."));
		return XQ_ERR;
	}
	if (days[0] && rep != 1 && rep != 2) {
		form_set_error(f, BF_DAYS, _("Days go with weekly or every 2 weeks."));
		return XQ_ERR;
	}
	snprintf(repeat, sizeof repeat, "%s%s%s", repeat_words[rep], days[0] ? ":" : "", days);
	snprintf(room, sizeof room, "%s:%s", c->room.school_code, c->room.name);
	struct booking_ask ask = {0, room, school_code, day, time, rep ? repeat : NULL, until, purpose, contact, false,
		false};
	char sig[1024];
	snprintf(sig, sizeof sig, "%s|%s|%s|%s|%s", school_code, day, time, repeat, until);
	ask.skip_conflicts = strcmp(sig, c->confirmed) == 0;
	struct booking_outcome o;
	if (!ask.skip_conflicts) {
		/* the dates that conflict are shown before anything is saved */
		ask.dry_run = true;
		if (db_booking_request(app_db(c->a), &ask, &o, msg) != XQ_OK && !o.nconflicts) {
			form_set_message(f, MSG_WARN, msg);
			booking_outcome_free(&o);
			return XQ_ERR;
		}
		if (o.nconflicts) {
			struct strbuf b;
			sb_init(&b);
			if (o.occurrences)
				sb_printf(&b, _("Save again to book the other %d dates. "), o.occurrences);
			sb_printf(&b, _("%d dates conflict:"), o.nconflicts);
			for (int i = 0; i < o.nconflicts && i < 6; i++)
				sb_printf(&b, " %s %s;", o.conflicts[i].day, o.conflicts[i].why);
			if (o.nconflicts > 6)
				sb_printf(&b, _(" and %d more."), o.nconflicts - 6);
			form_set_message(f, MSG_WARN, b.s);
			sb_free(&b);
			if (o.occurrences)
				xq_copy(c->confirmed, sizeof c->confirmed, sig);
			booking_outcome_free(&o);
			return XQ_ERR;
		}
		booking_outcome_free(&o);
		ask.dry_run = false;
	}
	if (db_booking_request(app_db(c->a), &ask, &o, msg) != XQ_OK) {
		form_set_message(f, MSG_WARN, msg);
		booking_outcome_free(&o);
		return XQ_ERR;
	}
	app_msg(c->a, MSG_GOOD, _("Booking %1$lld requested: %2$d dates, %3$.1f h%4$s; %5$s decides."), (long long)o.id,
		o.occurrences, o.hours, o.nconflicts ? _(" (conflicting dates skipped)") : "", c->room.school_name);
	booking_outcome_free(&o);
	app_changed(c->a);
	return XQ_OK;
}

void booking_form_open(struct app *a, const struct room_rec *room, const char *day, const char *time)
{
	struct book_ctx *c = xcalloc(1, sizeof *c);
	c->a = a;
	c->room = *room;
	char title[256], today[DATE_LEN];
	date_today(today);
	snprintf(title, sizeof title, _("Book %1$s:%2$s (%3$s)"), room->school_code, room->name, room->school_name);
	struct entry_form *f = form_new(a, title, book_submit, c, free);
	form_school(f, N_("For school"), db_operator(app_db(a))->school_id, true);
	form_date(f, N_("Date"), day && *day ? day : today, true);
	form_text(f, N_("Time (16:30-17:30, P3-P4)"), time ? time : "", 31, true);
	form_choice_list(f, N_("Repeat"), repeat_labels, 5, 0, NULL);
	form_text(f, N_("Days (tue,thu)"), "", 63, false);
	form_date(f, N_("Until"), "", false);
	form_text(f, N_("Purpose"), "", 200, false);
	form_text(f, N_("Contact"), "", 60, false);
	form_open(f);
}

/* ---- the calendar day form ---- */

enum { CF_DATE, CF_KIND, CF_WEEKDAY, CF_SCHOOL, CF_NOTE };

struct cal_ctx {
	struct app *a;
};

static int cal_submit(struct entry_form *f, void *ctx)
{
	struct cal_ctx *c = ctx;
	struct db *db = app_db(c->a);
	struct cal_rec r, old;
	memset(&r, 0, sizeof r);
	char msg[XQ_MSG_MAX] = "";
	form_get_text(f, CF_DATE, r.day, sizeof r.day);
	r.kind = form_get_choice(f, CF_KIND);
	long wd = form_get_int(f, CF_WEEKDAY);
	r.as_weekday = wd == XQ_UNKNOWN ? -1 : wd;
	r.school_id = form_get_school(f, CF_SCHOOL);
	form_get_text(f, CF_NOTE, r.note, sizeof r.note);
	int rc;
	if (db_cal_find(db, r.day, r.school_id, &old) == XQ_OK) {
		r.id = old.id;
		r.rev = old.rev;
		rc = db_cal_update(db, &r, msg);
	} else
		rc = db_cal_insert(db, &r, msg);
	if (rc != XQ_OK) {
		form_set_message(f, MSG_WARN, msg);
		return XQ_ERR;
	}
	app_msg(c->a, MSG_GOOD, _("%1$s is a %2$s now; bookings and lessons follow it."), r.day,
		ui_enum(cal_kind_items, r.kind));
	app_changed(c->a);
	return XQ_OK;
}

void calendar_form_open(struct app *a, const char *day, int64_t school_id)
{
	struct cal_ctx *c = xcalloc(1, sizeof *c);
	c->a = a;
	struct entry_form *f = form_new(a, _("A day of the calendar"), cal_submit, c, free);
	form_date(f, N_("Date"), day, true);
	form_choice(f, N_("Kind"), cal_kind_items, CAL_HOLIDAY, NULL);
	form_int(f, N_("Runs as weekday (1-7)"), XQ_UNKNOWN, 1, 7, false);
	form_school(f, N_("School (empty: every school)"), school_id, false);
	form_text(f, N_("Note"), "", 200, false);
	form_open(f);
}
