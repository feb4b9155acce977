/* booking.c: the calendar, bookings, quotas and the use of rooms (db/booking.h). */
#include "db/booking.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "db/internal.h"
#include "db/school.h"
#include "db/timetable.h"

/* ---- calendar ---- */

int cal_check(const struct cal_rec *c, char *msg)
{
	if (!date_valid(c->day)) {
		xq_msg(msg, _("date: '%s' is not a date (YYYY-MM-DD)"), c->day);
		return XQ_ERR;
	}
	if (c->kind == CAL_MAKEUP && (c->as_weekday < 1 || c->as_weekday > 7)) {
		xq_msg(msg, "%s", _("as_weekday: a make-up day runs the timetable of a weekday, 1 (Monday) to 7"));
		return XQ_ERR;
	}
	if (c->kind != CAL_MAKEUP && c->as_weekday != -1) {
		xq_msg(msg, _("as_weekday: only a make-up day runs another weekday (this is a %s)"),
			enum_key(cal_kind_items, c->kind));
		return XQ_ERR;
	}
	if (c->kind == CAL_MAKEUP && weekday_of(c->day) == c->as_weekday) {
		xq_msg(msg, _("as_weekday: %s is itself weekday %ld; a make-up day runs another day's timetable"),
			c->day, c->as_weekday);
		return XQ_ERR;
	}
	return XQ_OK;
}

static void bind_cal(sqlite3_stmt *st, const struct cal_rec *c)
{
	bind_text(st, 1, c->day);
	bind_id_null(st, 2, c->school_id);
	bind_text(st, 3, enum_key(cal_kind_items, c->kind));
	bind_long_null(st, 4, c->as_weekday);
	bind_text_null(st, 5, c->note);
}

int db_cal_insert(struct db *db, struct cal_rec *c, char *msg)
{
	if (db_require_write(db, c->school_id, 0, msg) != XQ_OK || cal_check(c, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO calendar (id, day, school_id, kind, as_weekday, note) VALUES ("
		DB_NEW_ID("calendar") ", ?1, ?2, ?3, ?4, ?5)", msg);
	if (!st)
		return XQ_ERR;
	bind_cal(st, c);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	c->id = sqlite3_last_insert_rowid(db->h);
	c->rev = 1;
	return XQ_OK;
}

int db_cal_update(struct db *db, struct cal_rec *c, char *msg)
{
	if (db_require_write(db, c->school_id, 0, msg) != XQ_OK || cal_check(c, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE calendar SET day = ?1, school_id = ?2, kind = ?3, as_weekday = ?4, "
				       "note = ?5, rev = rev + 1 WHERE id = ?6 AND rev = ?7", msg);
	if (!st)
		return XQ_ERR;
	bind_cal(st, c);
	sqlite3_bind_int64(st, 6, c->id);
	sqlite3_bind_int64(st, 7, c->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "calendar", c->id, msg);
	c->rev++;
	return XQ_OK;
}

#define CAL_COLS "c.id, c.rev, c.day, coalesce(s.code, ''), coalesce(c.school_id, 0), c.kind, " \
		 "coalesce(c.as_weekday, -1), coalesce(c.note, '') FROM calendar c LEFT JOIN school s ON s.id = c.school_id"

static void read_cal(sqlite3_stmt *st, void *row)
{
	struct cal_rec *c = row;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, c->day, sizeof c->day);
	col_text(st, 3, c->school_code, sizeof c->school_code);
	c->school_id = sqlite3_column_int64(st, 4);
	c->kind = col_enum(st, 5, cal_kind_items);
	c->as_weekday = (long)sqlite3_column_int64(st, 6);
	col_text(st, 7, c->note, sizeof c->note);
}

int db_cal_find(struct db *db, const char *day, int64_t school_id, struct cal_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " CAL_COLS " WHERE c.day = ? AND c.school_id IS ?", NULL);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, day);
	bind_id_null(st, 2, school_id);
	return db_one_row(st, read_cal, out);
}

int db_cal_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct cal_rec c;
	return db_each_row(db, "SELECT " CAL_COLS " ORDER BY c.day, coalesce(s.code, '')", read_cal, &c, fn, ctx);
}

int db_cal_days(struct db *db, int64_t school_id, const char *from, const char *to, struct cal_day **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT day, kind, coalesce(as_weekday, 0) FROM calendar WHERE "
				       "(school_id IS NULL OR school_id = ?1) AND day BETWEEN ?2 AND ?3 "
				       "ORDER BY day, school_id IS NULL", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, school_id);
	bind_text(st, 2, from);
	bind_text(st, 3, to);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char day[DATE_LEN];
		col_text(st, 0, day, sizeof day);
		if (*n && strcmp((*out)[*n - 1].day, day) == 0)
			continue; /* the school's own row came first */
		*out = db_grow(*out, *n, &cap, sizeof **out);
		struct cal_day *c = &(*out)[(*n)++];
		xq_copy(c->day, sizeof c->day, day);
		c->kind = col_enum(st, 1, cal_kind_items);
		c->as_weekday = sqlite3_column_int(st, 2);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* ---- bookings: reading ---- */

void booking_outcome_free(struct booking_outcome *o)
{
	free(o->conflicts);
	memset(o, 0, sizeof *o);
}

#define BOOKING_COLS                                                                                      \
	"b.id, b.rev, b.room_id, b.school_id, r.school_id, o.code || ':' || r.name, r.kind, s.code, s.name, "   \
	"o.name, b.first_day, b.last_day, b.start, b.end, coalesce(b.rrule, ''), coalesce(b.purpose, ''), "    \
	"coalesce(b.contact, ''), b.status, coalesce(b.reason, ''), b.requested_by, b.requested_at, "          \
	"coalesce(b.decided_by, ''), coalesce(b.decided_at, '') FROM booking b JOIN room r ON r.id = b.room_id " \
	"JOIN school o ON o.id = r.school_id JOIN school s ON s.id = b.school_id"

static void read_booking(sqlite3_stmt *st, struct booking_rec *b)
{
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->rev = sqlite3_column_int64(st, 1);
	b->room_id = sqlite3_column_int64(st, 2);
	b->school_id = sqlite3_column_int64(st, 3);
	b->owner_id = sqlite3_column_int64(st, 4);
	col_text(st, 5, b->room, sizeof b->room);
	b->room_kind = col_enum(st, 6, room_kind_items);
	col_text(st, 7, b->school_code, sizeof b->school_code);
	col_text(st, 8, b->school_name, sizeof b->school_name);
	col_text(st, 9, b->owner_name, sizeof b->owner_name);
	col_text(st, 10, b->first_day, sizeof b->first_day);
	col_text(st, 11, b->last_day, sizeof b->last_day);
	char t[6];
	col_text(st, 12, t, sizeof t);
	b->start = clock_parse(t);
	col_text(st, 13, t, sizeof t);
	b->end = clock_parse(t);
	col_text(st, 14, b->rrule, sizeof b->rrule);
	col_text(st, 15, b->purpose, sizeof b->purpose);
	col_text(st, 16, b->contact, sizeof b->contact);
	b->status = col_enum(st, 17, booking_status_items);
	col_text(st, 18, b->reason, sizeof b->reason);
	col_text(st, 19, b->requested_by, sizeof b->requested_by);
	col_text(st, 20, b->requested_at, sizeof b->requested_at);
	col_text(st, 21, b->decided_by, sizeof b->decided_by);
	col_text(st, 22, b->decided_at, sizeof b->decided_at);
}

int db_booking_get(struct db *db, int64_t id, struct booking_rec *out, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " BOOKING_COLS " WHERE b.id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_booking(st, out);
	db_done(st);
	if (rc == SQLITE_DONE) {
		xq_msg(msg, _("no booking %lld (xuequ booking list shows them)"), (long long)id);
		return XQ_NOTFOUND;
	}
	return rc == SQLITE_ROW ? XQ_OK : XQ_ERR;
}

/* The changes of one booking's occurrences, malloc'd. */
static int load_changes(struct db *db, int64_t id, struct occ_change **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT day, kind, coalesce(new_day, ''), coalesce(start, ''), "
				       "coalesce(end, ''), coalesce(status, 'requested') FROM booking_change "
				       "WHERE booking_id = ? ORDER BY day", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = db_grow(*out, *n, &cap, sizeof **out);
		struct occ_change *c = &(*out)[(*n)++];
		char t[6];
		col_text(st, 0, c->day, sizeof c->day);
		c->kind = col_enum(st, 1, change_kind_items);
		col_text(st, 2, c->new_day, sizeof c->new_day);
		col_text(st, 3, t, sizeof t);
		c->start = clock_parse(t);
		col_text(st, 4, t, sizeof t);
		c->end = clock_parse(t);
		c->status = col_enum(st, 5, booking_status_items);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* The occurrences of a stored booking under its school's calendar. */
static int expand_booking(struct db *db, const struct booking_rec *b, struct occurrence **occ, char *msg)
{
	struct cal_day *cal;
	struct occ_change *ch;
	int ncal, nch;
	*occ = NULL;
	if (db_cal_days(db, b->owner_id, b->first_day, "9999-12-31", &cal, &ncal) != XQ_OK ||
		load_changes(db, b->id, &ch, &nch) != XQ_OK) {
		db_errmsg(db, msg);
		return -1;
	}
	int n = booking_expand(b->first_day, b->rrule, b->last_day, b->start, b->end, b->status, cal, ncal, ch, nch,
		occ, msg);
	free(cal);
	free(ch);
	return n;
}

static void bind_query(sqlite3_stmt *st, const struct booking_query *q)
{
	sqlite3_bind_int64(st, 1, q->room_id);
	sqlite3_bind_int64(st, 2, q->school_id);
	sqlite3_bind_int64(st, 3, q->owner_id);
	bind_text(st, 4, q->from && *q->from ? q->from : "0000-01-01");
	bind_text(st, 5, q->to && *q->to ? q->to : "9999-12-31");
}

/* Series that may have an occurrence from..to (a moved one included). */
#define SERIES_WHERE                                                                                   \
	" WHERE (?1 = 0 OR b.room_id = ?1) AND (?2 = 0 OR b.school_id = ?2) AND (?3 = 0 OR r.school_id = ?3) " \
	"AND ((b.last_day >= ?4 AND b.first_day <= ?5) OR b.id IN (SELECT booking_id FROM booking_change "    \
	"WHERE kind = 'moved' AND new_day BETWEEN ?4 AND ?5))"

/* Every series the query selects, read into an array (newest first). */
static int load_series(struct db *db, const struct booking_query *q, struct booking_rec **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT " BOOKING_COLS SERIES_WHERE " ORDER BY b.id DESC", NULL);
	if (!st)
		return XQ_ERR;
	bind_query(st, q);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = db_grow(*out, *n, &cap, sizeof **out);
		read_booking(st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

int db_booking_each_series(struct db *db, const struct booking_query *q, int (*fn)(void *ctx, const void *rec),
	void *ctx)
{
	struct booking_rec *b;
	int n;
	if (load_series(db, q, &b, &n) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_OK;
	for (int i = 0; i < n && rc == XQ_OK; i++)
		if (q->status < 0 || b[i].status == q->status)
			rc = fn(ctx, &b[i]);
	free(b);
	return rc;
}

struct occ_item {
	int series;
	const char *room; /* the series' */
	struct occurrence o;
};

static int item_cmp(const void *a, const void *b)
{
	const struct occ_item *x = a, *y = b;
	int c = strcmp(x->o.day, y->o.day);
	if (!c)
		c = x->o.start - y->o.start;
	if (!c)
		c = strcmp(x->room, y->room);
	return c;
}

int db_booking_each(struct db *db, const struct booking_query *q, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct booking_rec *b;
	int n;
	if (load_series(db, q, &b, &n) != XQ_OK)
		return XQ_ERR;
	struct occ_item *items = NULL;
	int ni = 0, cap = 0, rc = XQ_OK;
	const char *from = q->from && *q->from ? q->from : "0000-01-01";
	const char *to = q->to && *q->to ? q->to : "9999-12-31";
	char msg[XQ_MSG_MAX];
	for (int i = 0; i < n && rc == XQ_OK; i++) {
		struct occurrence *o;
		int no = expand_booking(db, &b[i], &o, msg);
		if (no < 0) {
			rc = XQ_ERR;
			break;
		}
		for (int k = 0; k < no; k++) {
			if (strcmp(o[k].day, from) < 0 || strcmp(o[k].day, to) > 0 ||
				(q->status >= 0 && o[k].status != q->status))
				continue;
			items = db_grow(items, ni, &cap, sizeof *items);
			items[ni].series = i;
			items[ni].room = b[i].room;
			items[ni++].o = o[k];
		}
		free(o);
	}
	if (ni)
		qsort(items, (size_t)ni, sizeof *items, item_cmp);
	for (int i = 0; i < ni && rc == XQ_OK; i++) {
		struct booking_occ bo = {&b[items[i].series], &items[i].o};
		rc = fn(ctx, &bo);
	}
	free(items);
	free(b);
	return rc;
}

/* ---- what a room is busy with ---- */

struct busy {
	char day[DATE_LEN], orig[DATE_LEN];
	int start, end;
	int64_t id;
	int status;
	char school[NAME_LEN];
};
struct lesson_slot {
	int64_t term_id;
	int weekday;
	int start, end; /* -1 when the period has no bell times: the whole day */
	long period;
	char what[NAME_LEN];
};
/* A room, its school's calendar and terms, and what else holds it. */
struct room_ctx {
	struct room_rec room;
	struct cal_day *cal;
	int ncal;
	struct term *terms;
	int nterms;
	struct busy *busy;
	int nbusy, cbusy;
	struct lesson_slot *ls;
	int nls, cls;
};

static void room_ctx_free(struct room_ctx *c)
{
	free(c->cal);
	free(c->terms);
	free(c->busy);
	free(c->ls);
	memset(c, 0, sizeof *c);
}

static const struct term *term_of_day(const struct room_ctx *c, const char *day)
{
	for (int i = 0; i < c->nterms; i++)
		if (strcmp(day, c->terms[i].first_day) >= 0 && strcmp(day, c->terms[i].last_day) <= 0)
			return &c->terms[i];
	return NULL;
}

/* The room's lessons in every term, at their clock times (the school's bells, else the
 * term's): a lesson of several periods runs from its first period's start to its last's end. */
static int load_lessons(struct db *db, struct room_ctx *c)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT c.term_id, l.day, l.period, "
		"(SELECT start FROM bell WHERE term_id = c.term_id AND period = l.period AND "
		"  (school_id = ?2 OR school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1), "
		"(SELECT end FROM bell WHERE term_id = c.term_id AND period = l.period + c.length - 1 AND "
		"  (school_id = ?2 OR school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1), "
		"sj.name || ' ' || coalesce((SELECT group_concat(cl.name, '、') FROM course_students cs "
		"  JOIN class cl ON cl.id = cs.class_id WHERE cs.course_id = c.id), '') "
		"FROM lesson l JOIN course c ON c.id = l.course_id JOIN subject sj ON sj.id = c.subject_id "
		"WHERE l.room_id = ?1 AND l.day IS NOT NULL", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, c->room.id);
	sqlite3_bind_int64(st, 2, c->room.school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->ls = db_grow(c->ls, c->nls, &c->cls, sizeof *c->ls);
		struct lesson_slot *l = &c->ls[c->nls++];
		char t[6];
		l->term_id = sqlite3_column_int64(st, 0);
		l->weekday = sqlite3_column_int(st, 1);
		l->period = (long)sqlite3_column_int64(st, 2);
		col_text(st, 3, t, sizeof t);
		l->start = t[0] ? clock_parse(t) : -1;
		col_text(st, 4, t, sizeof t);
		l->end = t[0] ? clock_parse(t) : -1;
		if (l->start < 0 || l->end <= l->start)
			l->start = l->end = -1;
		col_text(st, 5, l->what, sizeof l->what);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* The occurrences of the room's other live bookings (requested or approved). */
static int load_busy(struct db *db, struct room_ctx *c, int64_t except, char *msg)
{
	struct booking_query q = {c->room.id, 0, 0, "", "", -1};
	struct booking_rec *b;
	int n;
	if (load_series(db, &q, &b, &n) != XQ_OK) {
		db_errmsg(db, msg);
		return XQ_ERR;
	}
	int rc = XQ_OK;
	for (int i = 0; i < n && rc == XQ_OK; i++) {
		if (b[i].id == except || (b[i].status != BOOKING_REQUESTED && b[i].status != BOOKING_APPROVED))
			continue;
		struct occurrence *o;
		int no = expand_booking(db, &b[i], &o, msg);
		if (no < 0) {
			rc = XQ_ERR;
			break;
		}
		for (int k = 0; k < no; k++) {
			if (o[k].status != BOOKING_REQUESTED && o[k].status != BOOKING_APPROVED)
				continue;
			c->busy = db_grow(c->busy, c->nbusy, &c->cbusy, sizeof *c->busy);
			struct busy *x = &c->busy[c->nbusy++];
			xq_copy(x->day, sizeof x->day, o[k].day);
			xq_copy(x->orig, sizeof x->orig, o[k].orig);
			x->start = o[k].start;
			x->end = o[k].end;
			x->id = b[i].id;
			x->status = o[k].status;
			xq_copy(x->school, sizeof x->school, b[i].school_name);
		}
		free(o);
	}
	free(b);
	return rc;
}

static int room_ctx_load(struct db *db, int64_t room_id, int64_t except, struct room_ctx *c, char *msg)
{
	memset(c, 0, sizeof *c);
	if (db_room_get(db, room_id, &c->room) != XQ_OK) {
		xq_msg(msg, "%s", _("that room is no longer there"));
		return XQ_ERR;
	}
	if (db_cal_days(db, c->room.school_id, "0000-01-01", "9999-12-31", &c->cal, &c->ncal) != XQ_OK ||
		db_term_list(db, &c->terms, &c->nterms, msg) != XQ_OK || load_lessons(db, c) != XQ_OK) {
		db_errmsg(db, msg);
		room_ctx_free(c);
		return XQ_ERR;
	}
	if (load_busy(db, c, except, msg) != XQ_OK) {
		room_ctx_free(c);
		return XQ_ERR;
	}
	return XQ_OK;
}

static const char *weekday_name(int wd)
{
	static const char *const names[7] = {N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"),
		N_("Fridays"), N_("Saturdays"), N_("Sundays")};
	return wd >= 1 && wd <= 7 ? _(names[wd - 1]) : "";
}

/* What stands in the way of one occurrence in the room (why[0] = '\0' when nothing). */
static void occ_conflict(struct db *db, const struct room_ctx *c, const struct occurrence *o, char *why, size_t size)
{
	why[0] = '\0';
	const struct term *t = term_of_day(c, o->day);
	struct week_hours w;
	char f[6], e[6];
	if (!db_room_hours(db, &c->room, t ? t->id : 0, &w)) {
		snprintf(why, size, _("%s has no opening hours (facility edit --hours)"), c->room.name);
		return;
	}
	int wd = o->weekday;
	if (w.from[wd - 1] < 0) {
		snprintf(why, size, _("%s is closed on %s"), c->room.name, weekday_name(wd));
		return;
	}
	if (o->start < w.from[wd - 1] || o->end > w.to[wd - 1]) {
		clock_format(w.from[wd - 1], f);
		clock_format(w.to[wd - 1], e);
		snprintf(why, size, _("%s is open only %s-%s on %s"), c->room.name, f, e, weekday_name(wd));
		return;
	}
	for (int i = 0; i < c->nbusy; i++) {
		const struct busy *b = &c->busy[i];
		if (strcmp(b->day, o->day) == 0 && spans_overlap(o->start, o->end, b->start, b->end)) {
			clock_format(b->start, f);
			clock_format(b->end, e);
			snprintf(why, size, _("booked by %s %s-%s (booking %lld, %s)"), b->school, f, e, (long long)b->id,
				enum_word(booking_status_items, b->status));
			return;
		}
	}
	for (int i = 0; t && i < c->nls; i++) {
		const struct lesson_slot *l = &c->ls[i];
		if (l->term_id != t->id || l->weekday != wd)
			continue;
		if (l->start < 0) {
			snprintf(why, size, _("lesson %s in period %ld, which has no bell times: the whole day is kept"),
				l->what, l->period);
			return;
		}
		if (spans_overlap(o->start, o->end, l->start, l->end)) {
			clock_format(l->start, f);
			clock_format(l->end, e);
			snprintf(why, size, _("lesson %s, period %ld %s-%s"), l->what, l->period, f, e);
			return;
		}
	}
}

/* ---- bookings: writing ---- */

/* --time: HH:MM-HH:MM, or periods Pn or Pn-Pm of the room's school in the term of day. */
static int parse_time(struct db *db, const struct room_rec *room, const char *day, const char *time, int *start,
	int *end, char *msg)
{
	const char *dash = strchr(time, '-');
	if ((time[0] == 'P' || time[0] == 'p') && day) {
		long a, b;
		char tmp[32];
		xq_copy(tmp, sizeof tmp, time + 1);
		char *d = strchr(tmp, '-');
		if (d)
			*d = '\0';
		if (!parse_long(tmp, &a) || (d && (d[1] != 'P' && d[1] != 'p')) || (d && !parse_long(d + 2, &b)))
			goto bad;
		if (!d)
			b = a;
		sqlite3_stmt *st = db_stmt(db,
			"SELECT (SELECT start FROM bell WHERE term_id = t.id AND period = ?3 AND (school_id = ?2 OR "
			"school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1), (SELECT end FROM bell WHERE term_id = t.id "
			"AND period = ?4 AND (school_id = ?2 OR school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1) "
			"FROM term t WHERE ?1 BETWEEN t.first_day AND t.last_day", msg);
		if (!st)
			return XQ_ERR;
		bind_text(st, 1, day);
		sqlite3_bind_int64(st, 2, room->school_id);
		sqlite3_bind_int64(st, 3, a);
		sqlite3_bind_int64(st, 4, b);
		char s[6] = "", e[6] = "";
		if (sqlite3_step(st) == SQLITE_ROW) {
			col_text(st, 0, s, sizeof s);
			col_text(st, 1, e, sizeof e);
		}
		db_done(st);
		if (!s[0] || !e[0] || b < a) {
			xq_msg(msg, _("%s has no bell times for periods %ld-%ld on %s"), room->school_code, a, b, day);
			return XQ_ERR;
		}
		*start = clock_parse(s);
		*end = clock_parse(e);
		return XQ_OK;
	}
	if (dash && dash - time == 5 && strlen(dash + 1) == 5) {
		char s[6], e[6];
		memcpy(s, time, 5);
		s[5] = '\0';
		memcpy(e, dash + 1, 6);
		*start = clock_parse(s);
		*end = clock_parse(e);
		if (*start >= 0 && *end > *start)
			return XQ_OK;
	}
bad:
	xq_msg(msg, _("'%s' is not a time HH:MM-HH:MM (the first before the second) or periods P3-P4"), time);
	return XQ_ERR;
}

/* The district two schools share now (0 when none). */
static int64_t shared_district(struct db *db, int64_t a, int64_t b)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT m1.district_id FROM member m1 JOIN member m2 ON m2.district_id = "
				       "m1.district_id WHERE m1.school_id = ? AND m2.school_id = ? AND m1.to_date IS NULL "
				       "AND m2.to_date IS NULL ORDER BY m1.district_id LIMIT 1", NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

static double occ_hours(const struct occurrence *o)
{
	return (o->end - o->start) / 60.0;
}

/* The hours of occurrences within a term that hold the room (requested or approved). */
static double hours_in(const struct occurrence *o, int n, const struct term *t)
{
	double h = 0;
	for (int k = 0; k < n; k++)
		if (strcmp(o[k].day, t->first_day) >= 0 && strcmp(o[k].day, t->last_day) <= 0 &&
			(o[k].status == BOOKING_REQUESTED || o[k].status == BOOKING_APPROVED))
			h += occ_hours(&o[k]);
	return h;
}

double db_quota_held(struct db *db, int64_t school_id, int64_t term_id, int kind)
{
	struct term t;
	sqlite3_stmt *st = db_stmt(db, "SELECT first_day, last_day FROM term WHERE id = ?", NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, term_id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		col_text(st, 0, t.first_day, sizeof t.first_day);
		col_text(st, 1, t.last_day, sizeof t.last_day);
	}
	db_done(st);
	if (!found)
		return 0;
	struct booking_query q = {0, school_id, 0, t.first_day, t.last_day, -1};
	struct booking_rec *b;
	int n;
	if (load_series(db, &q, &b, &n) != XQ_OK)
		return 0;
	double h = 0;
	char msg[XQ_MSG_MAX];
	for (int i = 0; i < n; i++) {
		if (b[i].room_kind != kind || b[i].owner_id == school_id ||
			(b[i].status != BOOKING_REQUESTED && b[i].status != BOOKING_APPROVED))
			continue;
		struct occurrence *o;
		int no = expand_booking(db, &b[i], &o, msg);
		h += hours_in(o, no, &t);
		free(o);
	}
	free(b);
	return h;
}

/* The quota of the district for kind in each term the occurrences fall in: XQ_ERR with msg
 * when one would be passed. before: the booking being changed as it stands, whose hours are
 * not held twice. */
static int check_quota(struct db *db, const struct room_ctx *c, int64_t school_id, int64_t district_id,
	const struct occurrence *o, int n, const struct occurrence *before, int nbefore, char *msg)
{
	for (int ti = 0; ti < c->nterms; ti++) {
		const struct term *t = &c->terms[ti];
		double want = hours_in(o, n, t);
		if (want <= 0)
			continue;
		sqlite3_stmt *st = db_stmt(db, "SELECT hours FROM quota WHERE district_id = ? AND term_id = ? AND "
					       "room_kind = ?", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, district_id);
		sqlite3_bind_int64(st, 2, t->id);
		bind_text(st, 3, enum_key(room_kind_items, c->room.kind));
		bool has = sqlite3_step(st) == SQLITE_ROW;
		double quota = has ? sqlite3_column_double(st, 0) : 0;
		db_done(st);
		if (!has)
			continue;
		double held = db_quota_held(db, school_id, t->id, c->room.kind) - hours_in(before, nbefore, t);
		if (held + want > quota + 1e-9) {
			struct school s;
			db_school_get(db, school_id, &s);
			xq_msg(msg, _("quota: %1$s may hold %2$.1f h of %3$s in other schools' rooms in %4$s; "
				      "%5$.1f h are held, %6$.1f h left, and this booking needs %7$.1f h"),
				s.name, quota, enum_word(room_kind_items, c->room.kind), t->name, held,
				quota - held > 0 ? quota - held : 0, want);
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

static void add_conflict(struct booking_outcome *o, int *cap, const char *day, int start, int end, const char *why)
{
	o->conflicts = db_grow(o->conflicts, o->nconflicts, cap, sizeof *o->conflicts);
	struct booking_conflict *x = &o->conflicts[o->nconflicts++];
	xq_copy(x->day, sizeof x->day, day);
	x->start = start;
	x->end = end;
	xq_copy(x->why, sizeof x->why, why);
}

/* The occurrences of b in its room c, with their conflicts into out; those left to book in
 * *kept (malloc'd), their number returned (-1 with msg when the rule does not expand). */
static int plan_occurrences(struct db *db, const struct room_ctx *c, const struct booking_rec *b,
	const struct occ_change *ch, int nch, struct booking_outcome *out, struct occurrence **kept, char *msg)
{
	struct occurrence *o;
	int n = booking_expand(b->first_day, b->rrule, b->last_day, b->start, b->end, b->status, c->cal, c->ncal, ch,
		nch, &o, msg);
	if (n < 0)
		return -1;
	int cap = 0, nk = 0;
	char why[400];
	if (!b->rrule[0] && n == 0) { /* held once, on a day the calendar takes away */
		const struct cal_day *cd = cal_find(c->cal, c->ncal, b->first_day);
		snprintf(why, sizeof why, _("%s is a %s of %s"), b->first_day,
			enum_word(cal_kind_items, cd ? cd->kind : CAL_HOLIDAY), c->room.school_name);
		add_conflict(out, &cap, b->first_day, b->start, b->end, why);
	}
	for (int k = 0; k < n; k++) {
		if (o[k].status != BOOKING_REQUESTED && o[k].status != BOOKING_APPROVED)
			continue;
		occ_conflict(db, c, &o[k], why, sizeof why);
		if (why[0])
			add_conflict(out, &cap, o[k].day, o[k].start, o[k].end, why);
		else
			o[nk++] = o[k];
	}
	*kept = o;
	return nk;
}

/* A booking's repeat rule and last day from the ask: the rule as typed, or the booking's
 * own with a new --until; the last day its last date, or the end of its first day's term. */
static int rule_and_end(const struct room_ctx *c, const struct booking_ask *a, struct booking_rec *b, char *msg)
{
	char until[DATE_LEN] = "";
	if (a->until && *a->until) {
		if (!date_valid(a->until)) {
			xq_msg(msg, _("--until: '%s' is not a date (YYYY-MM-DD)"), a->until);
			return XQ_ERR;
		}
		if (strcmp(a->until, b->first_day) < 0) {
			xq_msg(msg, _("--until %s is before the first day %s"), a->until, b->first_day);
			return XQ_ERR;
		}
		xq_copy(until, sizeof until, a->until);
	}
	if (a->repeat) {
		if (!repeat_parse(a->repeat, until, b->rrule, sizeof b->rrule, msg))
			return XQ_ERR;
	} else if (until[0]) {
		char typed[RRULE_LEN + 8];
		if (!b->rrule[0]) {
			xq_msg(msg, "%s", _("--until goes with --repeat: a booking held once has no end date"));
			return XQ_ERR;
		}
		repeat_without_end(b->rrule, typed, sizeof typed);
		if (!repeat_parse(typed, until, b->rrule, sizeof b->rrule, msg))
			return XQ_ERR;
	}
	if (!b->rrule[0]) {
		xq_copy(b->last_day, sizeof b->last_day, b->first_day);
		return XQ_OK;
	}
	if (repeat_bounded(b->rrule)) {
		char(*days)[DATE_LEN] = malloc(sizeof *days * BOOKING_MAX_OCCURRENCES);
		char far[DATE_LEN];
		date_add(b->first_day, 3 * 366, far);
		int n = days ? repeat_dates(b->first_day, b->rrule, far, days, BOOKING_MAX_OCCURRENCES, msg) : -1;
		if (n > 0)
			xq_copy(b->last_day, sizeof b->last_day, days[n - 1]);
		free(days);
		if (n < 0)
			return XQ_ERR;
		if (n == 0) {
			xq_msg(msg, _("the repeat rule gives no date from %s"), b->first_day);
			return XQ_ERR;
		}
		return XQ_OK;
	}
	const struct term *t = term_of_day(c, b->first_day);
	if (!t) {
		xq_msg(msg, _("%s is in no term, so a repeating booking needs --until (xuequ term list)"), b->first_day);
		return XQ_ERR;
	}
	xq_copy(b->last_day, sizeof b->last_day, t->last_day);
	return XQ_OK;
}

static int write_skips(struct db *db, int64_t id, const struct booking_outcome *o, char *msg)
{
	for (int i = 0; i < o->nconflicts; i++) {
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO booking_change (id, booking_id, day, kind, note) VALUES ("
			DB_NEW_ID("booking_change") ", ?1, ?2, 'skipped', ?3) ON CONFLICT (booking_id, day) DO UPDATE SET "
			"kind = 'skipped', new_day = NULL, start = NULL, end = NULL, status = NULL, note = excluded.note, "
			"rev = rev + 1", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, o->conflicts[i].day);
		bind_text(st, 3, o->conflicts[i].why);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

static void bind_booking(sqlite3_stmt *st, const struct booking_rec *b)
{
	char s[6], e[6];
	clock_format(b->start, s);
	clock_format(b->end, e);
	sqlite3_bind_int64(st, 1, b->room_id);
	sqlite3_bind_int64(st, 2, b->school_id);
	bind_text(st, 3, b->first_day);
	bind_text(st, 4, b->last_day);
	bind_text(st, 5, s);
	bind_text(st, 6, e);
	bind_text_null(st, 7, b->rrule);
	bind_text_null(st, 8, b->purpose);
	bind_text_null(st, 9, b->contact);
	bind_text(st, 10, enum_key(booking_status_items, b->status));
}

/* The checks and writes of a request or an edit, in the caller's transaction. */
static int book(struct db *db, const struct booking_ask *a, struct booking_rec *b, struct booking_outcome *o,
	char *msg)
{
	struct room_ctx c;
	if (room_ctx_load(db, b->room_id, b->id, &c, msg) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_ERR;
	struct occ_change *ch = NULL;
	int nch = 0;
	struct occurrence *kept = NULL, *before = NULL;
	int nbefore = 0;
	if (!c.room.shareable) {
		xq_msg(msg, _("%s is not shared with the district (facility edit %s --shareable)"), b->room, b->room);
		goto out;
	}
	if (b->school_id == c.room.school_id) {
		xq_msg(msg, _("%s's own rooms are not booked: its lessons are in the timetable"), b->school_name);
		goto out;
	}
	int64_t district = shared_district(db, b->school_id, c.room.school_id);
	if (!district) {
		xq_msg(msg, _("%1$s and %2$s are in no district together: a shared room is open to the schools of "
			      "its own district"), b->school_name, c.room.school_name);
		goto out;
	}
	if (a->time && parse_time(db, &c.room, b->first_day, a->time, &b->start, &b->end, msg) != XQ_OK)
		goto out;
	if (rule_and_end(&c, a, b, msg) != XQ_OK)
		goto out;
	if (b->id && load_changes(db, b->id, &ch, &nch) != XQ_OK) {
		db_errmsg(db, msg);
		goto out;
	}
	int n = plan_occurrences(db, &c, b, ch, nch, o, &kept, msg);
	if (n < 0)
		goto out;
	/* what would be booked, told also when the conflicts stop it */
	o->occurrences = n;
	for (int k = 0; k < n; k++)
		o->hours += occ_hours(&kept[k]);
	if (o->nconflicts && !a->skip_conflicts) {
		if (n + o->nconflicts == 1) {
			char s[6], e[6];
			clock_format(o->conflicts[0].start, s);
			clock_format(o->conflicts[0].end, e);
			xq_msg(msg, _("%1$s is not free on %2$s %3$s-%4$s: %5$s"), b->room, o->conflicts[0].day, s, e,
				o->conflicts[0].why);
		} else
			xq_msg(msg, _("%1$d of the booking's %2$d dates conflict (--skip-conflicts books the rest)"),
				o->nconflicts, n + o->nconflicts);
		goto out;
	}
	if (n == 0) {
		xq_msg(msg, "%s", _("the booking falls on no day the room can be booked"));
		goto out;
	}
	if (b->id) {
		struct booking_rec old;
		if (db_booking_get(db, b->id, &old, msg) != XQ_OK)
			goto out;
		nbefore = expand_booking(db, &old, &before, msg);
		if (nbefore < 0)
			goto out;
	}
	rc = check_quota(db, &c, b->school_id, district, kept, n, before, nbefore, msg);
	if (rc != XQ_OK)
		goto out;
	rc = XQ_ERR;
	if (a->dry_run) {
		rc = XQ_OK;
		goto out;
	}
	sqlite3_stmt *st;
	if (!b->id) {
		st = db_stmt(db, "INSERT INTO booking (id, room_id, school_id, first_day, last_day, start, end, rrule, "
				 "purpose, contact, status, requested_by, requested_at) VALUES (" DB_NEW_ID("booking")
				 ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
			msg);
		if (!st)
			goto out;
		bind_booking(st, b);
		bind_text(st, 11, db_operator(db)->login);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			goto out;
		b->id = sqlite3_last_insert_rowid(db->h);
	} else {
		st = db_stmt(db, "UPDATE booking SET room_id = ?1, school_id = ?2, first_day = ?3, last_day = ?4, "
				 "start = ?5, end = ?6, rrule = ?7, purpose = ?8, contact = ?9, status = ?10, "
				 "decided_by = CASE WHEN ?10 = 'requested' THEN NULL ELSE decided_by END, "
				 "decided_at = CASE WHEN ?10 = 'requested' THEN NULL ELSE decided_at END, "
				 "rev = rev + 1 WHERE id = ?11 AND rev = ?12", msg);
		if (!st)
			goto out;
		bind_booking(st, b);
		sqlite3_bind_int64(st, 11, b->id);
		sqlite3_bind_int64(st, 12, b->rev);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			goto out;
		if (db_changes(db) == 0) {
			db_stale_or_missing(db, "booking", b->id, msg);
			goto out;
		}
	}
	if (write_skips(db, b->id, o, msg) != XQ_OK)
		goto out;
	o->id = b->id;
	rc = XQ_OK;
out:
	free(ch);
	free(kept);
	free(before);
	room_ctx_free(&c);
	return rc;
}

static int do_request(struct db *db, const void *arg, void *out, char *msg)
{
	const struct booking_ask *a = arg;
	struct booking_outcome *o = out;
	struct booking_rec b;
	memset(&b, 0, sizeof b);
	struct room_rec room;
	struct school s;
	if (!a->room || !a->school || !a->day || !a->time) {
		xq_msg(msg, "%s", _("a booking needs a room, a school, a date and a time"));
		return XQ_ERR;
	}
	if (db_room_named(db, a->room, &room, msg) != XQ_OK)
		return XQ_ERR;
	if (db_school_by_code(db, a->school, &s) != XQ_OK) {
		xq_msg(msg, _("unknown school code %s"), a->school);
		return XQ_ERR;
	}
	if (!date_valid(a->day)) {
		xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), a->day);
		return XQ_ERR;
	}
	if (db_require_write(db, s.id, 0, msg) != XQ_OK)
		return XQ_ERR;
	b.room_id = room.id;
	b.school_id = s.id;
	xq_copy(b.school_name, sizeof b.school_name, s.name);
	snprintf(b.room, sizeof b.room, "%s:%s", room.school_code, room.name);
	xq_copy(b.first_day, sizeof b.first_day, a->day);
	xq_copy(b.purpose, sizeof b.purpose, a->purpose ? a->purpose : "");
	xq_copy(b.contact, sizeof b.contact, a->contact ? a->contact : "");
	b.status = BOOKING_REQUESTED;
	struct booking_ask ask = *a;
	if (!ask.repeat)
		ask.repeat = "";
	return book(db, &ask, &b, o, msg);
}

int db_booking_request(struct db *db, const struct booking_ask *a, struct booking_outcome *o, char *msg)
{
	memset(o, 0, sizeof *o);
	return db_write_txn(db, a->dry_run, do_request, a, o, msg);
}

/* Whoever may act for the booking school or the room's school. */
static int require_party(struct db *db, const struct booking_rec *b, char *msg)
{
	if (db_require_write(db, b->school_id, 0, msg) == XQ_OK || db_require_write(db, b->owner_id, 0, msg) == XQ_OK)
		return XQ_OK;
	xq_msg(msg, _("permission denied: only operators of %1$s or %2$s change booking %3$lld"), b->school_name,
		b->owner_name, (long long)b->id);
	return XQ_ERR;
}

static bool live(int status)
{
	return status == BOOKING_REQUESTED || status == BOOKING_APPROVED;
}

static int do_edit(struct db *db, const void *arg, void *out, char *msg)
{
	const struct booking_ask *a = arg;
	struct booking_outcome *o = out;
	struct booking_rec b;
	if (db_booking_get(db, a->id, &b, msg) != XQ_OK)
		return XQ_ERR;
	if (db_require_write(db, b.school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	if (!live(b.status)) {
		xq_msg(msg, _("booking %1$lld is %2$s: only a requested or approved booking is changed"), (long long)b.id,
			enum_word(booking_status_items, b.status));
		return XQ_ERR;
	}
	if (a->day) {
		if (!date_valid(a->day)) {
			xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), a->day);
			return XQ_ERR;
		}
		xq_copy(b.first_day, sizeof b.first_day, a->day);
	}
	if (a->purpose)
		xq_copy(b.purpose, sizeof b.purpose, a->purpose);
	if (a->contact)
		xq_copy(b.contact, sizeof b.contact, a->contact);
	bool timing = a->day || a->time || a->repeat || (a->until && *a->until);
	if (timing && b.status == BOOKING_APPROVED) {
		b.status = BOOKING_REQUESTED;
		o->back_to_requested = true;
	}
	return book(db, a, &b, o, msg);
}

int db_booking_edit(struct db *db, const struct booking_ask *a, struct booking_outcome *o, char *msg)
{
	memset(o, 0, sizeof *o);
	return db_write_txn(db, a->dry_run, do_edit, a, o, msg);
}

bool db_booking_may_decide(struct db *db, const struct booking_rec *b, char *msg)
{
	const struct operator *op = db_operator(db);
	if (op->school_id > 0 && op->school_id == b->school_id) {
		xq_msg(msg, _("permission denied: %1$s acts for %2$s, which asked for booking %3$lld; the room's "
			      "school %4$s decides"), op->login, b->school_name, (long long)b->id, b->owner_name);
		return false;
	}
	if (db_require_write(db, b->owner_id, 0, msg) != XQ_OK) {
		xq_msg(msg, _("permission denied: only an operator of %1$s (the room's school) or an administrator "
			      "above it decides booking %2$lld"), b->owner_name, (long long)b->id);
		return false;
	}
	return true;
}

static int set_decision(struct db *db, const struct booking_rec *b, int status, const char *reason, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE booking SET status = ?1, reason = ?2, decided_by = ?3, "
				       "decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), rev = rev + 1 "
				       "WHERE id = ?4 AND rev = ?5", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, enum_key(booking_status_items, status));
	bind_text_null(st, 2, reason ? reason : "");
	bind_text(st, 3, db_operator(db)->login);
	sqlite3_bind_int64(st, 4, b->id);
	sqlite3_bind_int64(st, 5, b->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "booking", b->id, msg);
	return XQ_OK;
}

static int do_approve(struct db *db, const void *arg, void *out, char *msg)
{
	int64_t id = *(const int64_t *)arg;
	struct booking_outcome *o = out;
	struct booking_rec b;
	if (db_booking_get(db, id, &b, msg) != XQ_OK || !db_booking_may_decide(db, &b, msg))
		return XQ_ERR;
	bool waiting = b.status == BOOKING_REQUESTED ||
		       (b.status == BOOKING_APPROVED &&
			db_lookup_id(db, "SELECT count(*) FROM booking_change WHERE booking_id = ? AND kind = 'moved' "
					 "AND status = 'requested'", id) > 0);
	if (!waiting) {
		xq_msg(msg, _("booking %1$lld is %2$s; only a requested booking, or one with a date moved, is approved"),
			(long long)id, enum_word(booking_status_items, b.status));
		return XQ_ERR;
	}
	/* what was free when it was asked for may not be now: checked again */
	struct room_ctx c;
	if (room_ctx_load(db, b.room_id, b.id, &c, msg) != XQ_OK)
		return XQ_ERR;
	struct occ_change *ch;
	int nch;
	struct occurrence *kept = NULL;
	int rc = XQ_ERR;
	if (load_changes(db, b.id, &ch, &nch) != XQ_OK) {
		db_errmsg(db, msg);
		room_ctx_free(&c);
		return XQ_ERR;
	}
	int n = plan_occurrences(db, &c, &b, ch, nch, o, &kept, msg);
	if (n >= 0 && o->nconflicts)
		xq_msg(msg, _("booking %1$lld: %2$d of its dates conflict now; reject it, or move or cancel those dates"),
			(long long)id, o->nconflicts);
	else if (n >= 0 && set_decision(db, &b, BOOKING_APPROVED, b.reason, msg) == XQ_OK) {
		sqlite3_stmt *st = db_stmt(db, "UPDATE booking_change SET status = 'approved', rev = rev + 1 WHERE "
					       "booking_id = ? AND kind = 'moved' AND status = 'requested'", msg);
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			rc = db_exec_stmt(db, st, msg);
		}
		o->id = id;
		o->occurrences = n;
		for (int k = 0; k < n; k++)
			o->hours += occ_hours(&kept[k]);
	}
	free(ch);
	free(kept);
	room_ctx_free(&c);
	return rc;
}

int db_booking_approve(struct db *db, int64_t id, struct booking_outcome *o, char *msg)
{
	memset(o, 0, sizeof *o);
	return db_write_txn(db, false, do_approve, &id, o, msg);
}

struct decide_args {
	int64_t id;
	const char *day, *new_day, *time, *reason;
};

static int do_reject(struct db *db, const void *arg, void *out, char *msg)
{
	(void)out;
	const struct decide_args *d = arg;
	struct booking_rec b;
	if (db_booking_get(db, d->id, &b, msg) != XQ_OK || !db_booking_may_decide(db, &b, msg))
		return XQ_ERR;
	if (b.status != BOOKING_REQUESTED) {
		xq_msg(msg, _("booking %1$lld is %2$s; only a requested booking is rejected (cancel an approved one)"),
			(long long)d->id, enum_word(booking_status_items, b.status));
		return XQ_ERR;
	}
	return set_decision(db, &b, BOOKING_REJECTED, d->reason, msg);
}

int db_booking_reject(struct db *db, int64_t id, const char *reason, char *msg)
{
	struct decide_args d = {id, NULL, NULL, NULL, reason};
	return db_write_txn(db, false, do_reject, &d, NULL, msg);
}

/* The occurrence of b on day (its date, or the series' date of a moved one): XQ_OK and *o,
 * or XQ_NOTFOUND with msg. */
static int occurrence_on(struct db *db, const struct booking_rec *b, const char *day, struct occurrence *found,
	char *msg)
{
	struct occurrence *o;
	int n = expand_booking(db, b, &o, msg);
	if (n < 0)
		return XQ_ERR;
	int at = -1;
	for (int k = 0; k < n && at < 0; k++)
		if (strcmp(o[k].day, day) == 0 || strcmp(o[k].orig, day) == 0)
			at = k;
	if (at >= 0)
		*found = o[at];
	free(o);
	if (at < 0) {
		xq_msg(msg, _("booking %1$lld has no occurrence on %2$s (xuequ booking list shows them)"), (long long)b->id,
			day);
		return XQ_NOTFOUND;
	}
	return XQ_OK;
}

static int do_cancel(struct db *db, const void *arg, void *out, char *msg)
{
	(void)out;
	const struct decide_args *d = arg;
	struct booking_rec b;
	if (db_booking_get(db, d->id, &b, msg) != XQ_OK || require_party(db, &b, msg) != XQ_OK)
		return XQ_ERR;
	if (!live(b.status)) {
		xq_msg(msg, _("booking %1$lld is already %2$s"), (long long)d->id,
			enum_word(booking_status_items, b.status));
		return XQ_ERR;
	}
	if (!d->day) {
		sqlite3_stmt *st = db_stmt(db, "UPDATE booking SET status = 'cancelled', reason = coalesce(?1, reason), "
					       "rev = rev + 1 WHERE id = ?2 AND rev = ?3", msg);
		if (!st)
			return XQ_ERR;
		bind_text_null(st, 1, d->reason ? d->reason : "");
		sqlite3_bind_int64(st, 2, b.id);
		sqlite3_bind_int64(st, 3, b.rev);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
		return db_changes(db) ? XQ_OK : db_stale_or_missing(db, "booking", b.id, msg);
	}
	struct occurrence o;
	if (occurrence_on(db, &b, d->day, &o, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO booking_change (id, booking_id, day, kind, note) VALUES ("
		DB_NEW_ID("booking_change") ", ?1, ?2, 'cancelled', ?3) ON CONFLICT (booking_id, day) DO UPDATE SET "
		"kind = 'cancelled', new_day = NULL, start = NULL, end = NULL, status = NULL, note = excluded.note, "
		"rev = rev + 1", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, b.id);
	bind_text(st, 2, o.orig);
	bind_text_null(st, 3, d->reason ? d->reason : "");
	return db_exec_stmt(db, st, msg);
}

int db_booking_cancel(struct db *db, int64_t id, const char *day, const char *reason, char *msg)
{
	struct decide_args d = {id, day, NULL, NULL, reason};
	return db_write_txn(db, false, do_cancel, &d, NULL, msg);
}

static int do_move(struct db *db, const void *arg, void *out, char *msg)
{
	const struct decide_args *d = arg;
	struct booking_outcome *res = out;
	struct booking_rec b;
	if (db_booking_get(db, d->id, &b, msg) != XQ_OK || db_require_write(db, b.school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	if (!live(b.status)) {
		xq_msg(msg, _("booking %1$lld is %2$s: only a requested or approved booking is changed"), (long long)b.id,
			enum_word(booking_status_items, b.status));
		return XQ_ERR;
	}
	if (!date_valid(d->new_day)) {
		xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), d->new_day);
		return XQ_ERR;
	}
	struct occurrence o;
	if (occurrence_on(db, &b, d->day, &o, msg) != XQ_OK)
		return XQ_ERR;
	struct room_ctx c;
	if (room_ctx_load(db, b.room_id, 0, &c, msg) != XQ_OK)
		return XQ_ERR;
	/* the occurrence being moved does not stand in its own way */
	for (int i = 0; i < c.nbusy; i++)
		if (c.busy[i].id == b.id && strcmp(c.busy[i].day, o.day) == 0 && c.busy[i].start == o.start)
			c.busy[i] = c.busy[--c.nbusy];
	int rc = XQ_ERR;
	struct occurrence moved = o;
	xq_copy(moved.day, sizeof moved.day, d->new_day);
	if (d->time && parse_time(db, &c.room, d->new_day, d->time, &moved.start, &moved.end, msg) != XQ_OK)
		goto out;
	moved.weekday = cal_weekday(c.cal, c.ncal, d->new_day);
	char why[400];
	int cap = 0;
	if (!moved.weekday) {
		const struct cal_day *cd = cal_find(c.cal, c.ncal, d->new_day);
		snprintf(why, sizeof why, _("%s is a %s of %s"), d->new_day,
			enum_word(cal_kind_items, cd ? cd->kind : CAL_HOLIDAY), c.room.school_name);
	} else
		occ_conflict(db, &c, &moved, why, sizeof why);
	if (why[0]) {
		add_conflict(res, &cap, moved.day, moved.start, moved.end, why);
		xq_msg(msg, _("booking %1$lld cannot move to %2$s: %3$s"), (long long)b.id, d->new_day, why);
		goto out;
	}
	char s[6], e[6];
	clock_format(moved.start, s);
	clock_format(moved.end, e);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO booking_change (id, booking_id, day, kind, new_day, start, end, "
		"status) VALUES (" DB_NEW_ID("booking_change") ", ?1, ?2, 'moved', ?3, ?4, ?5, 'requested') ON CONFLICT "
		"(booking_id, day) DO UPDATE SET kind = 'moved', new_day = ?3, start = ?4, end = ?5, status = "
		"'requested', rev = rev + 1", msg);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, b.id);
	bind_text(st, 2, o.orig);
	bind_text(st, 3, d->new_day);
	bind_text(st, 4, s);
	bind_text(st, 5, e);
	rc = db_exec_stmt(db, st, msg);
	res->id = b.id;
	res->occurrences = 1;
	res->hours = occ_hours(&moved);
	res->back_to_requested = b.status == BOOKING_APPROVED;
out:
	room_ctx_free(&c);
	return rc;
}

int db_booking_move(struct db *db, int64_t id, const char *day, const char *new_day, const char *time,
	struct booking_outcome *o, char *msg)
{
	memset(o, 0, sizeof *o);
	struct decide_args d = {id, day, new_day, time, NULL};
	return db_write_txn(db, false, do_move, &d, o, msg);
}

/* ---- quotas ---- */

int db_quota_set(struct db *db, struct quota_rec *q, char *msg)
{
	if (db_require_write(db, 0, q->district_id, msg) != XQ_OK)
		return XQ_ERR;
	if (!(q->hours >= 0 && q->hours <= 10000)) {
		xq_msg(msg, "%s", _("hours: a quota is 0 to 10000 hours a term"));
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO quota (id, district_id, term_id, room_kind, hours) VALUES (" DB_NEW_ID("quota")
			 ", ?1, ?2, ?3, ?4) ON CONFLICT (district_id, term_id, room_kind) DO UPDATE SET hours = "
			 "excluded.hours, rev = rev + 1", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, q->district_id);
	sqlite3_bind_int64(st, 2, q->term_id);
	bind_text(st, 3, enum_key(room_kind_items, q->room_kind));
	sqlite3_bind_double(st, 4, q->hours);
	return db_exec_stmt(db, st, msg);
}

static void read_quota(sqlite3_stmt *st, void *row)
{
	struct quota_rec *q = row;
	memset(q, 0, sizeof *q);
	q->id = sqlite3_column_int64(st, 0);
	q->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, q->district, sizeof q->district);
	q->district_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, q->term, sizeof q->term);
	q->term_id = sqlite3_column_int64(st, 5);
	q->room_kind = col_enum(st, 6, room_kind_items);
	q->hours = sqlite3_column_double(st, 7);
}

int db_quota_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct quota_rec q;
	return db_each_row(db, "SELECT q.id, q.rev, d.name, q.district_id, t.name, q.term_id, q.room_kind, q.hours FROM "
			       "quota q JOIN district d ON d.id = q.district_id JOIN term t ON t.id = q.term_id ORDER BY "
			       "t.first_day, d.name, q.room_kind", read_quota, &q, fn, ctx);
}

/* ---- use ---- */

const struct enum_item usage_by_items[] = {
	{"room", "场地", "room"},
	{"school", "学校", "school"},
	{"district", "学区", "district"},
	{"kind", "类型", "kind"},
	{NULL, NULL, NULL},
};

/* The minutes of [a0, a1) inside [b0, b1). */
static int clipped(int a0, int a1, int b0, int b1)
{
	int s = a0 > b0 ? a0 : b0, e = a1 < b1 ? a1 : b1;
	return e > s ? e - s : 0;
}

/* The rows of a use report, found by name through a table of their indexes. */
struct usage_out {
	struct usage_row **rows;
	int *n, cap;
	int *slot; /* index + 1, 0 when free */
	size_t slots;
	int64_t dschool; /* the school whose district is dname ("" none), 0 when none read */
	char dname[NAME_LEN];
};

static struct usage_row *row_named(struct usage_out *o, const char *name)
{
	if (2 * ((size_t)*o->n + 1) > o->slots) {
		free(o->slot);
		o->slots = o->slots ? o->slots * 2 : 256;
		o->slot = xcalloc(o->slots, sizeof *o->slot);
		for (int i = 0; i < *o->n; i++) {
			size_t k = text_hash((*o->rows)[i].name) & (o->slots - 1);
			while (o->slot[k])
				k = (k + 1) & (o->slots - 1);
			o->slot[k] = i + 1;
		}
	}
	size_t k = text_hash(name) & (o->slots - 1);
	while (o->slot[k] && strcmp((*o->rows)[o->slot[k] - 1].name, name) != 0)
		k = (k + 1) & (o->slots - 1);
	if (o->slot[k])
		return &(*o->rows)[o->slot[k] - 1];
	*o->rows = db_grow(*o->rows, *o->n, &o->cap, sizeof **o->rows);
	struct usage_row *r = &(*o->rows)[*o->n];
	memset(r, 0, sizeof *r);
	xq_copy(r->name, sizeof r->name, name);
	o->slot[k] = ++*o->n;
	return r;
}

/* What one room (or one booking school) adds to its rows: minutes. */
struct use_add {
	long open, timetable, booked, borrowed;
	int rooms;
};

static void add_to(struct usage_out *o, const char *name, const struct use_add *a)
{
	struct usage_row *r = row_named(o, name);
	r->open_hours += a->open / 60.0;
	r->timetable_hours += a->timetable / 60.0;
	r->booked_hours += a->booked / 60.0;
	r->borrowed_hours += a->borrowed / 60.0;
	r->rooms += a->rooms;
}

/* Adds a to the row of the district a school is in now (a school is in one at most), read
 * once for the rooms of a school in a row. */
static int add_to_district(struct db *db, struct usage_out *o, int64_t school_id, const struct use_add *a)
{
	if (school_id != o->dschool) {
		sqlite3_stmt *st = db_stmt(db, "SELECT d.name FROM member m JOIN district d ON d.id = m.district_id "
					       "WHERE m.school_id = ? AND m.to_date IS NULL", NULL);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, school_id);
		int rc = sqlite3_step(st);
		o->dname[0] = '\0';
		if (rc == SQLITE_ROW)
			col_text(st, 0, o->dname, sizeof o->dname);
		db_done(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return XQ_ERR;
		o->dschool = school_id;
	}
	if (o->dname[0])
		add_to(o, o->dname, a);
	return XQ_OK;
}
/* The report walks the rooms in the order of the school and the room's name, and beside
 * them, in the same order, the schools' own calendar days and bell times, the term's
 * lessons in the rooms, the live bookings of the rooms and their changed dates: one read
 * transaction, each read a step at a time, and nothing held but one school's calendar, one
 * booking's dates and the report's rows. */
#define ROOM_ORDER " ORDER BY r.school_id, r.name"
#define LIVE_BOOKING                                                                                        \
	"b.status IN ('approved', 'requested') AND ((b.last_day >= ?2 AND b.first_day <= ?3) OR b.id IN "      \
	"(SELECT booking_id FROM booking_change WHERE kind = 'moved' AND new_day BETWEEN ?2 AND ?3))"

struct usage_walk {
	struct db *db;
	const struct term *term;
	const char *from, *to;
	int by;
	struct usage_out out;
	sqlite3_stmt *rooms, *scal, *bells, *lessons, *books, *changes;
	int crc, brc, lrc, krc, xrc; /* the last step of each */
	struct cal_day *county, *cal;
	int ncounty, ncal, days[7];
	int64_t school;	 /* whose calendar and day are read */
	int day_from, day_to; /* the school's day by its bells (the term's without its own), -1 when none */
	int def_from, def_to; /* the term's */
	struct occ_change *ch;
	int cch;
	char msg[XQ_MSG_MAX];
};

static int minutes_of(sqlite3_stmt *st, int col)
{
	char t[6];
	col_text(st, col, t, sizeof t);
	return t[0] ? clock_parse(t) : -1;
}

static int usage_stmt(struct usage_walk *w, sqlite3_stmt **st, const char *sql, int *rc)
{
	*st = db_stmt(w->db, sql, NULL);
	if (!*st)
		return XQ_ERR;
	int params = sqlite3_bind_parameter_count(*st);
	if (params >= 1)
		sqlite3_bind_int64(*st, 1, w->term->id);
	if (params >= 3) {
		bind_text(*st, 2, w->from);
		bind_text(*st, 3, w->to);
	}
	if (rc)
		*rc = sqlite3_step(*st);
	return XQ_OK;
}

/* The calendar (the school's days over the county's) and the day of the school of the
 * room the walk is at. */
static int usage_school(struct usage_walk *w, int64_t school)
{
	if (school == w->school)
		return XQ_OK;
	w->school = school;
	while (w->crc == SQLITE_ROW && sqlite3_column_int64(w->scal, 0) < school)
		w->crc = sqlite3_step(w->scal);
	int cap = 0, i = 0;
	w->ncal = 0;
	while (w->crc == SQLITE_ROW && sqlite3_column_int64(w->scal, 0) == school) {
		struct cal_day own;
		col_text(w->scal, 1, own.day, sizeof own.day);
		own.kind = col_enum(w->scal, 2, cal_kind_items);
		own.as_weekday = sqlite3_column_int(w->scal, 3);
		for (; i < w->ncounty && strcmp(w->county[i].day, own.day) <= 0; i++)
			if (strcmp(w->county[i].day, own.day) < 0) {
				w->cal = db_grow(w->cal, w->ncal, &cap, sizeof *w->cal);
				w->cal[w->ncal++] = w->county[i];
			}
		w->cal = db_grow(w->cal, w->ncal, &cap, sizeof *w->cal);
		w->cal[w->ncal++] = own;
		w->crc = sqlite3_step(w->scal);
	}
	if (w->crc != SQLITE_ROW && w->crc != SQLITE_DONE)
		return XQ_ERR;
	for (; i < w->ncounty && w->ncal; i++) {
		w->cal = db_grow(w->cal, w->ncal, &cap, sizeof *w->cal);
		w->cal[w->ncal++] = w->county[i];
	}
	const struct cal_day *cal = w->ncal ? w->cal : w->county;
	int ncal = w->ncal ? w->ncal : w->ncounty;
	cal_weekday_days(cal, ncal, w->from, w->to, w->days);
	while (w->brc == SQLITE_ROW && sqlite3_column_int64(w->bells, 0) < school)
		w->brc = sqlite3_step(w->bells);
	w->day_from = w->def_from;
	w->day_to = w->def_to;
	if (w->brc == SQLITE_ROW && sqlite3_column_int64(w->bells, 0) == school) {
		w->day_from = minutes_of(w->bells, 1);
		w->day_to = minutes_of(w->bells, 2);
	}
	return w->brc == SQLITE_ROW || w->brc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* The approved dates from..to of the booking the walk's booking read is at, in the room
 * (hours wk): minutes within its hours, and all its minutes for the school that booked. */
static int usage_booking(struct usage_walk *w, const struct week_hours *wk, struct use_add *room, struct use_add *by)
{
	sqlite3_stmt *st = w->books;
	int64_t id = sqlite3_column_int64(st, 1);
	char first[DATE_LEN], last[DATE_LEN], rrule[RRULE_LEN];
	col_text(st, 5, first, sizeof first);
	col_text(st, 6, last, sizeof last);
	int start = minutes_of(st, 7), end = minutes_of(st, 8);
	col_text(st, 9, rrule, sizeof rrule);
	int status = col_enum(st, 10, booking_status_items);
	int nch = 0;
	while (w->xrc == SQLITE_ROW && sqlite3_column_int64(w->changes, 0) == id) {
		w->ch = db_grow(w->ch, nch, &w->cch, sizeof *w->ch);
		struct occ_change *c = &w->ch[nch++];
		col_text(w->changes, 1, c->day, sizeof c->day);
		c->kind = col_enum(w->changes, 2, change_kind_items);
		col_text(w->changes, 3, c->new_day, sizeof c->new_day);
		c->start = minutes_of(w->changes, 4);
		c->end = minutes_of(w->changes, 5);
		c->status = col_enum(w->changes, 6, booking_status_items);
		w->xrc = sqlite3_step(w->changes);
	}
	if (w->xrc != SQLITE_ROW && w->xrc != SQLITE_DONE)
		return XQ_ERR;
	const struct cal_day *cal = w->ncal ? w->cal : w->county;
	int ncal = w->ncal ? w->ncal : w->ncounty;
	struct occurrence *o;
	int n = booking_expand(first, rrule, last, start, end, status, cal, ncal, w->ch, nch, &o, w->msg);
	if (n < 0)
		return XQ_ERR;
	for (int k = 0; k < n; k++) {
		if (o[k].status != BOOKING_APPROVED || strcmp(o[k].day, w->from) < 0 || strcmp(o[k].day, w->to) > 0)
			continue;
		by->borrowed += o[k].end - o[k].start;
		int wd = cal_weekday(cal, ncal, o[k].day);
		if (wd && wk->from[wd - 1] >= 0)
			room->booked += clipped(o[k].start, o[k].end, wk->from[wd - 1], wk->to[wd - 1]);
	}
	free(o);
	return XQ_OK;
}

/* The room the walk's room read is at: its hours, lessons and bookings. */
static int usage_room(struct usage_walk *w)
{
	sqlite3_stmt *st = w->rooms;
	int64_t id = sqlite3_column_int64(st, 0), school = sqlite3_column_int64(st, 1);
	if (usage_school(w, school) != XQ_OK)
		return XQ_ERR;
	struct room_rec r;
	char term_hours[HOURS_LEN];
	col_text(st, 6, term_hours, sizeof term_hours);
	col_text(st, 7, r.hours, sizeof r.hours);
	col_text(st, 8, r.open_from, sizeof r.open_from);
	col_text(st, 9, r.open_to, sizeof r.open_to);
	struct week_hours wk;
	if (!week_hours_of(term_hours, r.hours, r.open_from, r.open_to, &wk)) {
		hours_closed(&wk);
		if (w->day_from >= 0 && w->day_to > w->day_from)
			for (int d = 0; d < 7 && d < w->term->days; d++) {
				wk.from[d] = (short)w->day_from;
				wk.to[d] = (short)w->day_to;
			}
	}
	struct use_add a = {0, 0, 0, 0, 1};
	for (int d = 0; d < 7; d++)
		if (wk.from[d] >= 0)
			a.open += (long)w->days[d] * (wk.to[d] - wk.from[d]);
	while (w->lrc == SQLITE_ROW && sqlite3_column_int64(w->lessons, 0) == id) {
		int wd = sqlite3_column_int(w->lessons, 1);
		int ls = minutes_of(w->lessons, 2), le = minutes_of(w->lessons, 3);
		if (ls < 0 || le <= ls)
			ls = -1;
		if (wd >= 1 && wd <= 7 && wd <= w->term->days && wk.from[wd - 1] >= 0) {
			int f = wk.from[wd - 1], t = wk.to[wd - 1];
			a.timetable += (long)w->days[wd - 1] * (ls < 0 ? t - f : clipped(ls, le, f, t));
		}
		w->lrc = sqlite3_step(w->lessons);
	}
	if (w->lrc != SQLITE_ROW && w->lrc != SQLITE_DONE)
		return XQ_ERR;
	/* the timetable never holds more than the room is open */
	if (a.timetable > a.open)
		a.timetable = a.open;
	while (w->krc == SQLITE_ROW && sqlite3_column_int64(w->books, 0) == id) {
		struct use_add by = {0, 0, 0, 0, 0};
		if (usage_booking(w, &wk, &a, &by) != XQ_OK)
			return XQ_ERR;
		int64_t booker = sqlite3_column_int64(w->books, 2);
		if (by.borrowed && booker != school && (w->by == USAGE_SCHOOL || w->by == USAGE_DISTRICT)) {
			if (w->by == USAGE_DISTRICT) {
				if (add_to_district(w->db, &w->out, booker, &by) != XQ_OK)
					return XQ_ERR;
			} else {
				char name[NAME_LEN + CODE_LEN + 2];
				snprintf(name, sizeof name, "%s %s", (const char *)sqlite3_column_text(w->books, 3),
					(const char *)sqlite3_column_text(w->books, 4));
				add_to(&w->out, name, &by);
			}
		}
		w->krc = sqlite3_step(w->books);
	}
	if (w->krc != SQLITE_ROW && w->krc != SQLITE_DONE)
		return XQ_ERR;
	char name[NAME_LEN + CODE_LEN + 2];
	switch (w->by) {
	case USAGE_ROOM:
		snprintf(name, sizeof name, "%s:%s", (const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 3));
		add_to(&w->out, name, &a);
		break;
	case USAGE_SCHOOL:
		snprintf(name, sizeof name, "%s %s", (const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5));
		add_to(&w->out, name, &a);
		break;
	case USAGE_KIND:
		add_to(&w->out, enum_key(room_kind_items, col_enum(st, 2, room_kind_items)), &a);
		break;
	default:
		return add_to_district(w->db, &w->out, school, &a);
	}
	return XQ_OK;
}

static int usage_walk(struct usage_walk *w)
{
	if (db_cal_days(w->db, 0, "0000-01-01", "9999-12-31", &w->county, &w->ncounty) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *def = db_stmt(w->db, "SELECT min(start), max(end) FROM bell WHERE term_id = ? AND school_id IS NULL",
		NULL);
	if (!def)
		return XQ_ERR;
	sqlite3_bind_int64(def, 1, w->term->id);
	w->def_from = w->def_to = -1;
	if (sqlite3_step(def) == SQLITE_ROW) {
		w->def_from = minutes_of(def, 0);
		w->def_to = minutes_of(def, 1);
	}
	db_done(def);
	w->school = -1;
	int rrc;
	if (usage_stmt(w, &w->scal, "SELECT school_id, day, kind, coalesce(as_weekday, 0) FROM calendar WHERE "
				   "school_id IS NOT NULL ORDER BY school_id, day", &w->crc) != XQ_OK ||
	    usage_stmt(w, &w->bells, "SELECT school_id, min(start), max(end) FROM bell WHERE term_id = ?1 AND "
				     "school_id IS NOT NULL GROUP BY school_id ORDER BY school_id", &w->brc) != XQ_OK ||
	    usage_stmt(w, &w->lessons,
		    "SELECT r.id, l.day, (SELECT start FROM bell WHERE term_id = c.term_id AND period = l.period AND "
		    "(school_id = r.school_id OR school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1), (SELECT end FROM "
		    "bell WHERE term_id = c.term_id AND period = l.period + c.length - 1 AND (school_id = r.school_id OR "
		    "school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1) FROM room r JOIN lesson l ON l.room_id = r.id "
		    "JOIN course c ON c.id = l.course_id WHERE c.term_id = ?1 AND l.day IS NOT NULL" ROOM_ORDER,
		    &w->lrc) != XQ_OK ||
	    usage_stmt(w, &w->books,
		    "SELECT r.id, b.id, b.school_id, s.code, s.name, b.first_day, b.last_day, b.start, b.end, "
		    "coalesce(b.rrule, ''), b.status FROM room r JOIN booking b ON b.room_id = r.id JOIN school s ON "
		    "s.id = b.school_id WHERE " LIVE_BOOKING ROOM_ORDER ", b.id",
		    &w->krc) != XQ_OK ||
	    usage_stmt(w, &w->changes,
		    "SELECT x.booking_id, x.day, x.kind, coalesce(x.new_day, ''), coalesce(x.start, ''), "
		    "coalesce(x.end, ''), coalesce(x.status, 'requested') FROM room r JOIN booking b ON b.room_id = "
		    "r.id JOIN booking_change x ON x.booking_id = b.id WHERE " LIVE_BOOKING ROOM_ORDER
		    ", b.id, x.day",
		    &w->xrc) != XQ_OK ||
	    usage_stmt(w, &w->rooms,
		    "SELECT r.id, r.school_id, r.kind, r.name, s.code, s.name, coalesce(h.hours, ''), coalesce(r.hours, "
		    "''), coalesce(r.open_from, ''), coalesce(r.open_to, '') FROM room r JOIN school s ON s.id = "
		    "r.school_id LEFT JOIN room_hours h ON h.room_id = r.id AND h.term_id = ?1" ROOM_ORDER,
		    &rrc) != XQ_OK)
		return XQ_ERR;
	while (rrc == SQLITE_ROW) {
		if (usage_room(w) != XQ_OK)
			return XQ_ERR;
		rrc = sqlite3_step(w->rooms);
	}
	return rrc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static int usage_row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct usage_row *)a)->name, ((const struct usage_row *)b)->name);
}

int db_facility_usage(struct db *db, int64_t term_id, const char *from, const char *to, int by,
	struct usage_row **rows, int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	struct term *terms;
	int nt;
	if (db_term_list(db, &terms, &nt, msg) != XQ_OK)
		return XQ_ERR;
	const struct term *term = NULL;
	for (int i = 0; i < nt; i++)
		if (terms[i].id == term_id)
			term = &terms[i];
	if (!term) {
		free(terms);
		xq_msg(msg, "%s", _("unknown term (xuequ term list shows them)"));
		return XQ_ERR;
	}
	char f[DATE_LEN], t[DATE_LEN];
	xq_copy(f, sizeof f, from && *from && strcmp(from, term->first_day) > 0 ? from : term->first_day);
	xq_copy(t, sizeof t, to && *to && strcmp(to, term->last_day) < 0 ? to : term->last_day);
	struct usage_walk w;
	memset(&w, 0, sizeof w);
	w.db = db;
	w.term = term;
	w.from = f;
	w.to = t;
	w.by = by;
	w.out.rows = rows;
	w.out.n = n;
	/* one read transaction (or a part of the caller's): the reads see one county */
	int rc = db_exec(db, "SAVEPOINT usage", msg);
	if (rc == XQ_OK) {
		rc = usage_walk(&w);
		db_exec(db, "RELEASE usage", NULL);
	}
	sqlite3_stmt *used[] = {w.rooms, w.scal, w.bells, w.lessons, w.books, w.changes};
	for (size_t i = 0; i < sizeof used / sizeof *used; i++)
		if (used[i])
			db_done(used[i]);
	if (rc != XQ_OK) {
		if (w.msg[0])
			xq_copy(msg, XQ_MSG_MAX, w.msg);
		else if (!msg[0])
			db_errmsg(db, msg);
		free(*rows);
		*rows = NULL;
		*n = 0;
	} else if (*n)
		qsort(*rows, (size_t)*n, sizeof **rows, usage_row_cmp);
	free(w.out.slot);
	free(w.county);
	free(w.cal);
	free(w.ch);
	free(terms);
	return rc;
}

/* ---- a room's week ---- */

void room_week_free(struct room_week *w)
{
	free(w->items);
	w->items = NULL;
	w->n = 0;
}

static void week_item(struct room_week *w, int *cap, int day, int start, int end, int kind, const char *label,
	int64_t id, const char *orig)
{
	w->items = db_grow(w->items, w->n, cap, sizeof *w->items);
	struct week_item *it = &w->items[w->n++];
	memset(it, 0, sizeof *it);
	it->day = day;
	it->start = start;
	it->end = end;
	it->kind = kind;
	xq_copy(it->label, sizeof it->label, label);
	it->booking_id = id;
	xq_copy(it->orig, sizeof it->orig, orig ? orig : "");
}

int db_room_week(struct db *db, int64_t room_id, const char *monday, struct room_week *w, char *msg)
{
	memset(w, 0, sizeof *w);
	struct room_ctx c;
	if (room_ctx_load(db, room_id, 0, &c, msg) != XQ_OK)
		return XQ_ERR;
	int cap = 0;
	for (int d = 0; d < 7; d++) {
		date_add(monday, d, w->days[d]);
		const struct cal_day *cd = cal_find(c.cal, c.ncal, w->days[d]);
		w->cal_kind[d] = cd ? cd->kind : -1;
		w->weekday[d] = cal_weekday(c.cal, c.ncal, w->days[d]);
		w->open_from[d] = w->open_to[d] = -1;
		const struct term *t = term_of_day(&c, w->days[d]);
		struct week_hours hw;
		int wd = w->weekday[d];
		if (wd && db_room_hours(db, &c.room, t ? t->id : 0, &hw) && hw.from[wd - 1] >= 0) {
			w->open_from[d] = hw.from[wd - 1];
			w->open_to[d] = hw.to[wd - 1];
		}
		for (int i = 0; wd && t && i < c.nls; i++) {
			const struct lesson_slot *l = &c.ls[i];
			if (l->term_id == t->id && l->weekday == wd && wd <= t->days)
				week_item(w, &cap, d, l->start < 0 ? 0 : l->start, l->start < 0 ? 1440 : l->end, WEEK_LESSON,
					l->what, 0, NULL);
		}
		for (int i = 0; i < c.nbusy; i++) {
			const struct busy *b = &c.busy[i];
			if (strcmp(b->day, w->days[d]) == 0)
				week_item(w, &cap, d, b->start, b->end,
					b->status == BOOKING_APPROVED ? WEEK_APPROVED : WEEK_REQUESTED, b->school, b->id,
					b->orig);
		}
	}
	room_ctx_free(&c);
	return XQ_OK;
}
