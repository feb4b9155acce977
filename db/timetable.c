/* timetable.c: terms, bell times, travel minutes, subjects and classes (db/timetable.h). */
#include "db/timetable.h"

#include "core/ttcheck.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/exchange.h"
#include "core/i18n.h"
#include "db/booking.h"
#include "db/internal.h"
#include "db/school.h"
#include "db/teacher.h"

/* Runs a write with the checks that guard it in one transaction (nested in an import's):
 * what it read cannot change before it writes. */
static int guarded(struct db *db, int (*write)(struct db *, void *, char *), void *rec, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	int rc = write(db, rec, msg);
	if (rc != XQ_OK) {
		db_cancel(db);
		return rc;
	}
	return db_commit(db, msg);
}

/* The id of a class of a school in a term (0 when none). */
static int64_t class_id_of(struct db *db, int64_t term_id, int64_t school_id, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM class WHERE term_id = ? AND school_id = ? AND name = ?", NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, term_id);
	sqlite3_bind_int64(st, 2, school_id);
	bind_text(st, 3, name);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

static int64_t group_id_of(struct db *db, int64_t class_id, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM class_group WHERE class_id = ? AND name = ?", NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, class_id);
	bind_text(st, 2, name);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

/* The id of the room of that name at a school (0 when none). */
static int64_t room_id_of(struct db *db, int64_t school_id, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM room WHERE school_id = ? AND name = ?", NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, school_id);
	bind_text(st, 2, name);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

/* The number of ";"-separated names in s (0 for ""). */
static int names_count(const char *s)
{
	if (!*s)
		return 0;
	int n = 1;
	for (; *s; s++)
		n += *s == ';';
	return n;
}

/* ---- terms ---- */

int term_check(const struct term *t, char *msg)
{
	if (!term_name_ok(t->name)) {
		xq_msg(msg, _("name: '%s' is not a term: YYYY-YYYY/N, a school year and its term 1 to 4 "
			      "(2025-2026/2)"), t->name);
		return XQ_ERR;
	}
	if (!date_valid(t->first_day) || !date_valid(t->last_day)) {
		xq_msg(msg, "%s", _("first_day: a term's first and last days are dates (YYYY-MM-DD)"));
		return XQ_ERR;
	}
	if (strcmp(t->last_day, t->first_day) < 0) {
		xq_msg(msg, _("last_day: %s is before the first day %s"), t->last_day, t->first_day);
		return XQ_ERR;
	}
	if (t->days < 1 || t->days > 20) {
		xq_msg(msg, _("days: a week of %ld days; 1 to 20"), t->days);
		return XQ_ERR;
	}
	if (t->periods < 1 || t->periods > 30) {
		xq_msg(msg, _("periods: %ld periods a day; 1 to 30"), t->periods);
		return XQ_ERR;
	}
	int nd = names_count(t->day_names), np = names_count(t->period_names);
	if (nd && nd != t->days) {
		xq_msg(msg, _("day_names: %d names for %ld days"), nd, t->days);
		return XQ_ERR;
	}
	if (np && np != t->periods) {
		xq_msg(msg, _("period_names: %d names for %ld periods"), np, t->periods);
		return XQ_ERR;
	}
	return XQ_OK;
}

#define TERM_COLS "id, rev, name, first_day, last_day, days, periods, coalesce(day_names, ''), " \
		  "coalesce(period_names, '')"

static void read_term(sqlite3_stmt *st, void *row)
{
	struct term *t = row;
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, t->name, sizeof t->name);
	col_text(st, 3, t->first_day, sizeof t->first_day);
	col_text(st, 4, t->last_day, sizeof t->last_day);
	t->days = sqlite3_column_int(st, 5);
	t->periods = sqlite3_column_int(st, 6);
	col_text(st, 7, t->day_names, sizeof t->day_names);
	col_text(st, 8, t->period_names, sizeof t->period_names);
}

static void bind_term(sqlite3_stmt *st, const struct term *t)
{
	bind_text(st, 1, t->name);
	bind_text(st, 2, t->first_day);
	bind_text(st, 3, t->last_day);
	sqlite3_bind_int(st, 4, (int)t->days);
	sqlite3_bind_int(st, 5, (int)t->periods);
	bind_text_null(st, 6, t->day_names);
	bind_text_null(st, 7, t->period_names);
}

int db_term_insert(struct db *db, struct term *t, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || term_check(t, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO term (id, name, first_day, last_day, days, periods, day_names, "
				       "period_names) VALUES (" DB_NEW_ID("term") ", ?, ?, ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	bind_term(st, t);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	t->id = sqlite3_last_insert_rowid(db->h);
	t->rev = 1;
	return XQ_OK;
}

int db_term_update(struct db *db, struct term *t, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || term_check(t, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE term SET name = ?1, first_day = ?2, last_day = ?3, days = ?4, "
				       "periods = ?5, day_names = ?6, period_names = ?7, rev = rev + 1 "
				       "WHERE id = ?8 AND rev = ?9", msg);
	if (!st)
		return XQ_ERR;
	bind_term(st, t);
	sqlite3_bind_int64(st, 8, t->id);
	sqlite3_bind_int64(st, 9, t->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "term", t->id, msg);
	t->rev++;
	return XQ_OK;
}

int db_term_find(struct db *db, const char *name, struct term *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " TERM_COLS " FROM term WHERE name = ?", NULL);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, name);
	return db_one_row(st, read_term, out);
}

int db_term_list(struct db *db, struct term **rows, int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT " TERM_COLS " FROM term ORDER BY name DESC", msg);
	if (!st)
		return XQ_ERR;
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		read_term(st, &(*rows)[(*n)++]);
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* ---- bell times ---- */

static int bell_check(struct db *db, const struct bell *b, char *msg)
{
	if (db_lookup_id(db, "SELECT id FROM term WHERE id = ?", b->term_id) == 0) {
		xq_msg(msg, "%s", _("term: no such term"));
		return XQ_ERR;
	}
	long periods = (long)db_lookup_id(db, "SELECT periods FROM term WHERE id = ?", b->term_id);
	if (b->period < 1 || b->period > periods) {
		xq_msg(msg, _("period: %ld is not a period of the term (1 to %ld)"), b->period, periods);
		return XQ_ERR;
	}
	int s = clock_parse(b->start), e = clock_parse(b->end);
	if (s < 0 || e < 0) {
		xq_msg(msg, _("start: '%s'–'%s' are not clock times (HH:MM)"), b->start, b->end);
		return XQ_ERR;
	}
	if (e <= s) {
		xq_msg(msg, _("end: %s is not after the start %s"), b->end, b->start);
		return XQ_ERR;
	}
	return XQ_OK;
}

#define BELL_COLS "b.id, b.rev, t.name, b.term_id, coalesce(s.code, ''), coalesce(b.school_id, 0), b.period, " \
		  "b.start, b.end FROM bell b JOIN term t ON t.id = b.term_id LEFT JOIN school s ON s.id = b.school_id"

static void read_bell(sqlite3_stmt *st, void *row)
{
	struct bell *b = row;
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, b->term, sizeof b->term);
	b->term_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, b->school_code, sizeof b->school_code);
	b->school_id = sqlite3_column_int64(st, 5);
	b->period = sqlite3_column_int(st, 6);
	col_text(st, 7, b->start, sizeof b->start);
	col_text(st, 8, b->end, sizeof b->end);
}

static int bell_insert_tx(struct db *db, void *rec, char *msg)
{
	struct bell *b = rec;
	if (db_require_write(db, b->school_id, 0, msg) != XQ_OK || bell_check(db, b, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO bell (id, term_id, school_id, period, start, end) VALUES ("
				       DB_NEW_ID("bell") ", ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, b->term_id);
	bind_id_null(st, 2, b->school_id);
	sqlite3_bind_int(st, 3, (int)b->period);
	bind_text(st, 4, b->start);
	bind_text(st, 5, b->end);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	b->id = sqlite3_last_insert_rowid(db->h);
	b->rev = 1;
	return XQ_OK;
}

int db_bell_insert(struct db *db, struct bell *b, char *msg)
{
	return guarded(db, bell_insert_tx, b, msg);
}

static int bell_update_tx(struct db *db, void *rec, char *msg)
{
	struct bell *b = rec;
	if (db_require_write(db, b->school_id, 0, msg) != XQ_OK || bell_check(db, b, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE bell SET start = ?, end = ?, rev = rev + 1 WHERE id = ? AND rev = ?",
		msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, b->start);
	bind_text(st, 2, b->end);
	sqlite3_bind_int64(st, 3, b->id);
	sqlite3_bind_int64(st, 4, b->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "bell", b->id, msg);
	b->rev++;
	return XQ_OK;
}

int db_bell_update(struct db *db, struct bell *b, char *msg)
{
	return guarded(db, bell_update_tx, b, msg);
}

int db_bell_find(struct db *db, int64_t term_id, int64_t school_id, long period, struct bell *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " BELL_COLS " WHERE b.term_id = ?1 AND b.school_id IS ?2 AND "
				       "b.period = ?3", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	bind_id_null(st, 2, school_id);
	sqlite3_bind_int(st, 3, (int)period);
	return db_one_row(st, read_bell, out);
}

int db_bell_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct bell b;
	return db_each_row(db, "SELECT " BELL_COLS " ORDER BY t.name, coalesce(s.code, ''), b.period", read_bell, &b, fn, ctx);
}

/* ---- travel ---- */

#define TRAVEL_COLS "v.id, v.rev, a.code, b.code, v.from_school_id, v.to_school_id, v.minutes, " \
		    "coalesce(v.note, '') FROM travel v JOIN school a ON a.id = v.from_school_id " \
		    "JOIN school b ON b.id = v.to_school_id"

static void read_travel(sqlite3_stmt *st, void *row)
{
	struct travel *t = row;
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, t->from_code, sizeof t->from_code);
	col_text(st, 3, t->to_code, sizeof t->to_code);
	t->from_id = sqlite3_column_int64(st, 4);
	t->to_id = sqlite3_column_int64(st, 5);
	t->minutes = sqlite3_column_int(st, 6);
	col_text(st, 7, t->note, sizeof t->note);
}

static int travel_check(struct travel *t, char *msg)
{
	if (t->from_id == t->to_id) {
		xq_msg(msg, "%s", _("to_code: a school and itself need no travel minutes"));
		return XQ_ERR;
	}
	if (t->minutes < 0 || t->minutes > 600) {
		xq_msg(msg, _("minutes: %ld; 0 to 600"), t->minutes);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_travel_insert(struct db *db, struct travel *t, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || travel_check(t, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO travel (id, from_school_id, to_school_id, minutes, note) "
				       "VALUES (" DB_NEW_ID("travel") ", min(?1, ?2), max(?1, ?2), ?3, ?4)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, t->from_id);
	sqlite3_bind_int64(st, 2, t->to_id);
	sqlite3_bind_int(st, 3, (int)t->minutes);
	bind_text_null(st, 4, t->note);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	t->id = sqlite3_last_insert_rowid(db->h);
	t->rev = 1;
	return XQ_OK;
}

int db_travel_update(struct db *db, struct travel *t, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || travel_check(t, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE travel SET minutes = ?, note = ?, rev = rev + 1 WHERE id = ? AND rev = ?",
		msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int(st, 1, (int)t->minutes);
	bind_text_null(st, 2, t->note);
	sqlite3_bind_int64(st, 3, t->id);
	sqlite3_bind_int64(st, 4, t->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "travel", t->id, msg);
	t->rev++;
	return XQ_OK;
}

int db_travel_find(struct db *db, int64_t a, int64_t b, struct travel *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " TRAVEL_COLS " WHERE v.from_school_id = min(?1, ?2) AND "
				       "v.to_school_id = max(?1, ?2)", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return db_one_row(st, read_travel, out);
}

int db_travel_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct travel t;
	return db_each_row(db, "SELECT " TRAVEL_COLS " ORDER BY a.code, b.code", read_travel, &t, fn, ctx);
}

int db_travel_minutes(struct db *db, int64_t a, int64_t b, bool *set)
{
	if (set)
		*set = false;
	if (a == b)
		return 0;
	struct travel t;
	if (db_travel_find(db, a, b, &t) == XQ_OK) {
		if (set)
			*set = true;
		return (int)t.minutes;
	}
	struct school sa, sb;
	if (db_school_get(db, a, &sa) != XQ_OK || db_school_get(db, b, &sb) != XQ_OK)
		return -1;
	return travel_minutes(exchange_distance_km(sa.lat, sa.lon, sb.lat, sb.lon), &db->timetable);
}

/* ---- subjects ---- */

static void read_subject(sqlite3_stmt *st, void *row)
{
	struct subject *s = row;
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(st, 0);
	s->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, s->code, sizeof s->code);
	col_text(st, 3, s->name, sizeof s->name);
	s->room_kind = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : col_enum(st, 4, room_kind_items);
}

static int subject_check(const struct subject *s, char *msg)
{
	if (!s->code[0] || !s->name[0]) {
		xq_msg(msg, "%s", _("code: a subject has a code and a name"));
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_subject_insert(struct db *db, struct subject *s, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || subject_check(s, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO subject (id, code, name, room_kind) VALUES (" DB_NEW_ID("subject")
				       ", ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, s->code);
	bind_text(st, 2, s->name);
	bind_text_null(st, 3, s->room_kind >= 0 ? enum_key(room_kind_items, s->room_kind) : NULL);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	s->id = sqlite3_last_insert_rowid(db->h);
	s->rev = 1;
	return XQ_OK;
}

int db_subject_update(struct db *db, struct subject *s, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || subject_check(s, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE subject SET name = ?, room_kind = ?, rev = rev + 1 WHERE id = ? AND rev = ?",
		msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, s->name);
	bind_text_null(st, 2, s->room_kind >= 0 ? enum_key(room_kind_items, s->room_kind) : NULL);
	sqlite3_bind_int64(st, 3, s->id);
	sqlite3_bind_int64(st, 4, s->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "subject", s->id, msg);
	s->rev++;
	return XQ_OK;
}

int db_subject_find(struct db *db, const char *code, struct subject *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, rev, code, name, room_kind FROM subject WHERE code = ?", NULL);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, code);
	return db_one_row(st, read_subject, out);
}

int db_subject_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct subject s;
	return db_each_row(db, "SELECT id, rev, code, name, room_kind FROM subject ORDER BY code", read_subject, &s, fn, ctx);
}

/* ---- classes ---- */

#define CLASS_COLS "c.id, c.rev, t.name, c.term_id, s.code, c.school_id, c.grade, c.name, " \
		   "coalesce(c.students, -1), coalesce(r.name, ''), coalesce(c.home_room_id, 0) FROM class c " \
		   "JOIN term t ON t.id = c.term_id JOIN school s ON s.id = c.school_id LEFT JOIN room r ON " \
		   "r.id = c.home_room_id"

static void read_class(sqlite3_stmt *st, void *row)
{
	struct tclass *c = row;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, c->term, sizeof c->term);
	c->term_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, c->school_code, sizeof c->school_code);
	c->school_id = sqlite3_column_int64(st, 5);
	col_text(st, 6, c->grade, sizeof c->grade);
	col_text(st, 7, c->name, sizeof c->name);
	c->students = (long)sqlite3_column_int64(st, 8);
	col_text(st, 9, c->home_room, sizeof c->home_room);
	c->home_room_id = sqlite3_column_int64(st, 10);
}

/* Checks a class and finds its home room by name within its school. */
static int class_check(struct db *db, struct tclass *c, char *msg)
{
	if (!c->grade[0] || !c->name[0]) {
		xq_msg(msg, "%s", _("grade: a class has a grade and a name"));
		return XQ_ERR;
	}
	c->home_room_id = 0;
	if (c->home_room[0]) {
		c->home_room_id = room_id_of(db, c->school_id, c->home_room);
		if (!c->home_room_id) {
			xq_msg(msg, _("home_room: the school %s has no room named %s"), c->school_code, c->home_room);
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

static int class_insert_tx(struct db *db, void *rec, char *msg)
{
	struct tclass *c = rec;
	if (db_require_write(db, c->school_id, 0, msg) != XQ_OK || class_check(db, c, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO class (id, term_id, school_id, grade, name, students, home_room_id) "
				       "VALUES (" DB_NEW_ID("class") ", ?, ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, c->term_id);
	sqlite3_bind_int64(st, 2, c->school_id);
	bind_text(st, 3, c->grade);
	bind_text(st, 4, c->name);
	bind_long_null(st, 5, c->students);
	bind_id_null(st, 6, c->home_room_id);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	c->id = sqlite3_last_insert_rowid(db->h);
	c->rev = 1;
	return XQ_OK;
}

int db_class_insert(struct db *db, struct tclass *c, char *msg)
{
	return guarded(db, class_insert_tx, c, msg);
}

static int class_update_tx(struct db *db, void *rec, char *msg)
{
	struct tclass *c = rec;
	if (db_require_write(db, c->school_id, 0, msg) != XQ_OK || class_check(db, c, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE class SET grade = ?, students = ?, home_room_id = ?, rev = rev + 1 "
				       "WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, c->grade);
	bind_long_null(st, 2, c->students);
	bind_id_null(st, 3, c->home_room_id);
	sqlite3_bind_int64(st, 4, c->id);
	sqlite3_bind_int64(st, 5, c->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "class", c->id, msg);
	c->rev++;
	return XQ_OK;
}

int db_class_update(struct db *db, struct tclass *c, char *msg)
{
	return guarded(db, class_update_tx, c, msg);
}

int db_class_find(struct db *db, int64_t term_id, int64_t school_id, const char *name, struct tclass *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " CLASS_COLS " WHERE c.term_id = ? AND c.school_id = ? AND c.name = ?",
		NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	sqlite3_bind_int64(st, 2, school_id);
	bind_text(st, 3, name);
	return db_one_row(st, read_class, out);
}

int db_class_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct tclass c;
	return db_each_row(db, "SELECT " CLASS_COLS " ORDER BY t.name, s.code, c.grade, c.name", read_class, &c, fn, ctx);
}

/* ---- courses ---- */

/* The next ";"-separated item of *s, trimmed, into out; false at the end. */
static bool next_item(const char **s, char *out, size_t size)
{
	while (**s == ';' || **s == ' ')
		(*s)++;
	if (!**s)
		return false;
	size_t n = strcspn(*s, ";");
	size_t k = n;
	while (k > 0 && (*s)[k - 1] == ' ')
		k--;
	snprintf(out, size, "%.*s", (int)(k < size ? k : size - 1), *s);
	*s += n;
	return true;
}

/* Whether teacher t may teach at school during the term: their own school's, or on an
 * approved (or later) exchange to it that covers part of the term. */
static bool teaches_at(struct db *db, int64_t teacher, int64_t school, int64_t term_id)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT 1 FROM teacher WHERE id = ?1 AND school_id = ?2 UNION ALL "
		"SELECT 1 FROM exchange e, term t WHERE t.id = ?3 AND e.teacher_id = ?1 AND e.to_school_id = ?2 "
		"AND e.status IN ('approved','active','extended','completed') AND e.start_date <= t.last_day "
		"AND e.end_date >= t.first_day LIMIT 1", NULL);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, teacher);
	sqlite3_bind_int64(st, 2, school);
	sqlite3_bind_int64(st, 3, term_id);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return yes;
}

/* One room of the course, of weight w (100: it may use it; less: it had rather). */
static int course_room_add(struct db *db, const struct course_rec *c, const char *name, double w, char *msg)
{
	int64_t room = room_id_of(db, c->school_id, name);
	if (!room) {
		xq_msg(msg, _("rooms: the school %s has no room named %s"), c->school_code, name);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO course_room (id, course_id, room_id, weight) VALUES ("
				       DB_NEW_ID("course_room") ", ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, room);
	sqlite3_bind_double(st, 3, w);
	return db_exec_stmt(db, st, msg);
}

/* The course's preferred rooms, "room:weight" items, each weight above 0 and below 100,
 * into out as read; *n how many. */
static int course_preferred_check(const struct course_rec *c, char *out, int *n, char *msg)
{
	char item[NAME_LEN * 2];
	xq_copy(out, TEXT_LEN, c->preferred_rooms);
	*n = 0;
	for (const char *s = out; next_item(&s, item, sizeof item); (*n)++) {
		char *colon = strrchr(item, ':'), *end = NULL;
		double w = colon ? strtod(colon + 1, &end) : NAN;
		if (!colon || colon == item || end == colon + 1 || *end || !(w > 0 && w < 100)) {
			xq_msg(msg, _("preferred_rooms: %s is not room:weight, the weight above 0 and below 100"), item);
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

/* The weight pref ("room:weight;…") gives the room name; NAN when it does not list it. */
static double preferred_weight(const char *pref, const char *name)
{
	char item[NAME_LEN * 2];
	for (const char *s = pref; next_item(&s, item, sizeof item);) {
		char *colon = strrchr(item, ':');
		*colon = '\0';
		if (strcmp(item, name) == 0)
			return strtod(colon + 1, NULL);
	}
	return NAN;
}

/* Resolves and writes the course's links (its rows deleted first on an update). */
static int course_links(struct db *db, const struct course_rec *c, char *msg)
{
	static const char *const del[] = {"DELETE FROM course_students WHERE course_id = ?",
		"DELETE FROM course_teacher WHERE course_id = ?", "DELETE FROM course_room WHERE course_id = ?"};
	for (size_t i = 0; i < XQ_NELEM(del); i++) {
		sqlite3_stmt *st = db_stmt(db, del[i], msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, c->id);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	char item[NAME_LEN * 2];
	int n = 0;
	for (const char *s = c->students; next_item(&s, item, sizeof item); n++) {
		char *slash = strchr(item, '/');
		if (slash)
			*slash++ = '\0';
		int64_t cls = class_id_of(db, c->term_id, c->school_id, item), grp = 0;
		if (!cls) {
			xq_msg(msg, _("students: the school %s has no class %s in %s"), c->school_code, item, c->term);
			return XQ_ERR;
		}
		if (slash) {
			grp = group_id_of(db, cls, slash);
			if (!grp) {
				xq_msg(msg, _("students: the class %s has no group %s"), item, slash);
				return XQ_ERR;
			}
		}
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO course_students (id, course_id, class_id, group_id) VALUES ("
				 DB_NEW_ID("course_students") ", ?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_int64(st, 2, cls);
		bind_id_null(st, 3, grp);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	if (n == 0) {
		xq_msg(msg, "%s", _("students: a course teaches at least one class or group"));
		return XQ_ERR;
	}
	for (const char *s = c->teachers; next_item(&s, item, sizeof item);) {
		struct teacher t;
		if (db_teacher_by_staff_no(db, item, &t) != XQ_OK) {
			xq_msg(msg, _("teachers: unknown staff number %s"), item);
			return XQ_ERR;
		}
		if (!teaches_at(db, t.id, c->school_id, c->term_id)) {
			xq_msg(msg, _("teachers: %s %s works at another school and has no approved exchange to %s "
				      "during %s"), t.staff_no, t.name, c->school_code, c->term);
			return XQ_ERR;
		}
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO course_teacher (id, course_id, teacher_id) VALUES ("
					       DB_NEW_ID("course_teacher") ", ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_int64(st, 2, t.id);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	/* its rooms (weight 100, but a preferred one's below), then the preferred rooms the rooms
	 * do not list (the course may use any room of its kind) */
	char pref[TEXT_LEN];
	int npref = 0, nhard = 0, nrooms = 0;
	if (course_preferred_check(c, pref, &npref, msg) != XQ_OK)
		return XQ_ERR;
	for (const char *s = c->rooms; next_item(&s, item, sizeof item);) {
		double w = preferred_weight(pref, item);
		nrooms++;
		nhard += isnan(w);
		if (course_room_add(db, c, item, isnan(w) ? 100 : w, msg) != XQ_OK)
			return XQ_ERR;
	}
	if (nrooms && !nhard) {
		xq_msg(msg, "%s", _("preferred_rooms: every room of the course is preferred; list some in rooms only"));
		return XQ_ERR;
	}
	if (nrooms && npref > nrooms - nhard) {
		xq_msg(msg, "%s", _("preferred_rooms: a preferred room the course's rooms do not list"));
		return XQ_ERR;
	}
	for (const char *s = pref; !nrooms && next_item(&s, item, sizeof item);) {
		char *colon = strrchr(item, ':');
		*colon = '\0';
		if (course_room_add(db, c, item, strtod(colon + 1, NULL), msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

/* Makes lessons 1..lessons exist: new ones unplaced, those past it removed unless locked. */
static int course_lessons(struct db *db, const struct course_rec *c, char *msg)
{
	long locked = (long)db_lookup_id(db, "SELECT coalesce(max(seq), 0) FROM lesson WHERE course_id = ? AND locked = 1",
		c->id);
	if (locked > c->lessons) {
		xq_msg(msg, _("lessons: lesson %ld of the course is placed and locked; unlock it first"), locked);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM lesson WHERE course_id = ? AND seq > ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, c->lessons);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	long have = (long)db_lookup_id(db, "SELECT count(*) FROM lesson WHERE course_id = ?", c->id);
	for (long k = have + 1; k <= c->lessons; k++) {
		st = db_stmt(db, "INSERT INTO lesson (id, course_id, seq) VALUES (" DB_NEW_ID("lesson") ", ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_int64(st, 2, k);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

static int course_check(struct db *db, struct course_rec *c, int64_t *subject_id, char *msg)
{
	if (c->number < 1) {
		xq_msg(msg, "%s", _("course: a course's number is 1 or more"));
		return XQ_ERR;
	}
	struct subject s;
	if (db_subject_find(db, c->subject, &s) != XQ_OK) {
		xq_msg(msg, _("subject: unknown subject %s (xuequ export subjects lists them)"), c->subject);
		return XQ_ERR;
	}
	*subject_id = s.id;
	long periods = (long)db_lookup_id(db, "SELECT periods FROM term WHERE id = ?", c->term_id);
	if (c->lessons < 1 || c->lessons > 60) {
		xq_msg(msg, _("lessons: %ld a week; 1 to 60"), c->lessons);
		return XQ_ERR;
	}
	if (c->length < 1 || c->length > periods) {
		xq_msg(msg, _("length: %ld periods; 1 to the term's %ld"), c->length, periods);
		return XQ_ERR;
	}
	return XQ_OK;
}

static void bind_course(sqlite3_stmt *st, const struct course_rec *c, int64_t subject_id)
{
	sqlite3_bind_int64(st, 1, c->term_id);
	sqlite3_bind_int64(st, 2, c->school_id);
	sqlite3_bind_int64(st, 3, subject_id);
	sqlite3_bind_int(st, 4, (int)c->lessons);
	sqlite3_bind_int(st, 5, (int)c->length);
	sqlite3_bind_int(st, 6, c->different_days);
	bind_text_null(st, 7, c->room_kind >= 0 ? enum_key(room_kind_items, c->room_kind) : NULL);
	sqlite3_bind_int64(st, 8, c->number);
	bind_text_null(st, 9, c->note);
}

int db_course_insert(struct db *db, struct course_rec *c, char *msg)
{
	int64_t subject_id;
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (db_require_write(db, c->school_id, 0, msg) != XQ_OK || course_check(db, c, &subject_id, msg) != XQ_OK) {
		db_cancel(db);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO course (id, term_id, school_id, subject_id, lessons, length, "
				       "different_days, room_kind, fet_id, note) VALUES (" DB_NEW_ID("course")
				       ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", msg);
	int rc = st ? XQ_OK : XQ_ERR;
	if (st) {
		bind_course(st, c, subject_id);
		rc = db_exec_stmt(db, st, msg);
	}
	if (rc == XQ_OK) {
		c->id = sqlite3_last_insert_rowid(db->h);
		c->rev = 1;
		rc = course_links(db, c, msg);
	}
	if (rc == XQ_OK)
		rc = course_lessons(db, c, msg);
	if (rc != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

int db_course_update(struct db *db, struct course_rec *c, char *msg)
{
	int64_t subject_id;
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (db_require_write(db, c->school_id, 0, msg) != XQ_OK || course_check(db, c, &subject_id, msg) != XQ_OK) {
		db_cancel(db);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE course SET term_id = ?1, school_id = ?2, subject_id = ?3, lessons = ?4, "
				       "length = ?5, different_days = ?6, room_kind = ?7, fet_id = ?8, note = ?9, "
				       "rev = rev + 1 WHERE id = ?10 AND rev = ?11", msg);
	int rc = st ? XQ_OK : XQ_ERR;
	if (st) {
		bind_course(st, c, subject_id);
		sqlite3_bind_int64(st, 10, c->id);
		sqlite3_bind_int64(st, 11, c->rev);
		rc = db_exec_stmt(db, st, msg);
	}
	if (rc == XQ_OK && db_changes(db) == 0)
		rc = db_stale_or_missing(db, "course", c->id, msg);
	if (rc == XQ_OK)
		rc = course_links(db, c, msg);
	if (rc == XQ_OK)
		rc = course_lessons(db, c, msg);
	if (rc != XQ_OK) {
		db_rollback(db);
		return rc;
	}
	if ((rc = db_commit(db, msg)) == XQ_OK)
		c->rev++;
	return rc;
}

#define COURSE_COLS                                                                          \
	"c.id, c.rev, t.name, c.term_id, c.fet_id, s.code, c.school_id, j.code, "                \
	"(SELECT group_concat(x.name || coalesce('/' || g.name, ''), ';') FROM (SELECT k.name, "   \
	"cs.group_id, cs.id FROM course_students cs JOIN class k ON k.id = cs.class_id WHERE "     \
	"cs.course_id = c.id ORDER BY cs.id) x LEFT JOIN class_group g ON g.id = x.group_id), "   \
	"(SELECT group_concat(staff_no, ';') FROM (SELECT e.staff_no FROM course_teacher ct JOIN "  \
	"teacher e ON e.id = ct.teacher_id WHERE ct.course_id = c.id ORDER BY ct.id)), "           \
	"c.lessons, c.length, c.different_days, "                                                \
	"(SELECT group_concat(name, ';') FROM (SELECT r.name FROM course_room cr JOIN room r ON "   \
	"r.id = cr.room_id WHERE cr.course_id = c.id AND EXISTS (SELECT 1 FROM course_room h "     \
	"WHERE h.course_id = c.id AND h.weight >= 100) ORDER BY cr.id)), c.room_kind, "            \
	"coalesce(c.note, ''), (SELECT group_concat(name || ':' || printf('%g', weight), ';') "    \
	"FROM (SELECT r.name, cr.weight FROM course_room cr JOIN room r ON r.id = cr.room_id "     \
	"WHERE cr.course_id = c.id AND cr.weight < 100 ORDER BY cr.id)) FROM course c JOIN term "  \
	"t ON t.id = c.term_id JOIN school s ON s.id = c.school_id JOIN subject j ON "            \
	"j.id = c.subject_id"

static void read_course(sqlite3_stmt *st, void *row)
{
	struct course_rec *c = row;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, c->term, sizeof c->term);
	c->term_id = sqlite3_column_int64(st, 3);
	c->number = (long)sqlite3_column_int64(st, 4);
	col_text(st, 5, c->school_code, sizeof c->school_code);
	c->school_id = sqlite3_column_int64(st, 6);
	col_text(st, 7, c->subject, sizeof c->subject);
	col_text(st, 8, c->students, sizeof c->students);
	col_text(st, 9, c->teachers, sizeof c->teachers);
	c->lessons = sqlite3_column_int(st, 10);
	c->length = sqlite3_column_int(st, 11);
	c->different_days = sqlite3_column_int(st, 12) != 0;
	col_text(st, 13, c->rooms, sizeof c->rooms);
	c->room_kind = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 : col_enum(st, 14, room_kind_items);
	col_text(st, 15, c->note, sizeof c->note);
	col_text(st, 16, c->preferred_rooms, sizeof c->preferred_rooms);
}

int db_course_find(struct db *db, int64_t term_id, long number, struct course_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " COURSE_COLS " WHERE c.term_id = ? AND c.fet_id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	sqlite3_bind_int64(st, 2, number);
	return db_one_row(st, read_course, out);
}

int db_course_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct course_rec c;
	return db_each_row(db, "SELECT " COURSE_COLS " ORDER BY t.name, c.fet_id", read_course, &c, fn, ctx);
}

/* ---- lessons ---- */

/* A lesson's columns; classes and teachers: its course's, by the course's id c.id */
#define LESSON_COLS_OF(classes, teachers)                                                    \
	"l.id, l.rev, t.name, c.term_id, c.fet_id, l.seq, coalesce(l.fet_id, -1), " classes ", "   \
	"j.code, " teachers ", s.code, coalesce(l.day, -1), coalesce(l.period, -1), "              \
	"coalesce(r.name, ''), l.locked FROM lesson l JOIN course c ON c.id = l.course_id JOIN "   \
	"term t ON t.id = c.term_id JOIN school s ON s.id = c.school_id JOIN subject j ON "       \
	"j.id = c.subject_id LEFT JOIN room r ON r.id = l.room_id"
#define LESSON_CLASSES                                                                       \
	"(SELECT group_concat(x.name || coalesce('/' || g.name, ''), ';') FROM (SELECT k.name, "   \
	"cs.group_id, cs.id FROM course_students cs JOIN class k ON k.id = cs.class_id WHERE "     \
	"cs.course_id = c.id ORDER BY cs.id) x LEFT JOIN class_group g ON g.id = x.group_id)"
#define LESSON_TEACHERS                                                                      \
	"(SELECT group_concat(staff_no, ';') FROM (SELECT e.staff_no FROM course_teacher ct "      \
	"JOIN teacher e ON e.id = ct.teacher_id WHERE ct.course_id = c.id ORDER BY ct.id))"
#define LESSON_COLS LESSON_COLS_OF(LESSON_CLASSES, LESSON_TEACHERS)

static void read_lesson(sqlite3_stmt *st, void *row)
{
	struct lesson_rec *l = row;
	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, l->term, sizeof l->term);
	l->term_id = sqlite3_column_int64(st, 3);
	l->course = (long)sqlite3_column_int64(st, 4);
	l->seq = sqlite3_column_int(st, 5);
	l->fet_id = (long)sqlite3_column_int64(st, 6);
	col_text(st, 7, l->classes, sizeof l->classes);
	col_text(st, 8, l->subject, sizeof l->subject);
	col_text(st, 9, l->teachers, sizeof l->teachers);
	col_text(st, 10, l->school, sizeof l->school);
	l->day = sqlite3_column_int(st, 11);
	l->period = sqlite3_column_int(st, 12);
	col_text(st, 13, l->room, sizeof l->room);
	l->locked = sqlite3_column_int(st, 14) != 0;
}

int db_lesson_find(struct db *db, int64_t term_id, long course, long seq, struct lesson_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " LESSON_COLS " WHERE c.term_id = ? AND c.fet_id = ? AND l.seq = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	sqlite3_bind_int64(st, 2, course);
	sqlite3_bind_int64(st, 3, seq);
	return db_one_row(st, read_lesson, out);
}

/* Texts by course: a course's names joined by ';' in the order of its links, as
 * LESSON_CLASSES and LESSON_TEACHERS give them for one course. */
struct course_text {
	int64_t course;
	char *text;
};

struct course_texts {
	struct course_text *v; /* by ascending course */
	int n, cap;
};

/* Reads (course id, name) rows ordered by course and link into t; a NULL name is left
 * out, as group_concat leaves it out. */
static int course_texts_load(struct db *db, const char *sql, struct course_texts *t)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return XQ_ERR;
	struct strbuf b;
	sb_init(&b);
	int rc, parts = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t course = sqlite3_column_int64(st, 0);
		if (!t->n || t->v[t->n - 1].course != course) {
			if (t->n)
				t->v[t->n - 1].text = xstrdup(b.len ? b.s : "");
			b.len = 0;
			parts = 0;
			t->v = db_grow(t->v, t->n, &t->cap, sizeof *t->v);
			t->v[t->n++] = (struct course_text){course, NULL};
		}
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (name) {
			if (parts++)
				sb_addc(&b, ';');
			sb_adds(&b, name);
		}
	}
	if (t->n)
		t->v[t->n - 1].text = xstrdup(b.len ? b.s : "");
	sb_free(&b);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static const char *course_text(const struct course_texts *t, int64_t course)
{
	int lo = 0, hi = t->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (t->v[mid].course == course)
			return t->v[mid].text;
		if (t->v[mid].course < course)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return "";
}

static void course_texts_free(struct course_texts *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
}

/* Every lesson; a course's classes and teachers are read once for all its lessons, not
 * once a lesson (that was most of the time of an export of a term's lessons). */
int db_lesson_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct course_texts classes = {0}, teachers = {0};
	int ret = XQ_ERR;
	if (course_texts_load(db, "SELECT cs.course_id, k.name || coalesce('/' || g.name, '') FROM course_students cs "
				  "JOIN class k ON k.id = cs.class_id LEFT JOIN class_group g ON g.id = cs.group_id "
				  "ORDER BY cs.course_id, cs.id", &classes) != XQ_OK ||
	    course_texts_load(db, "SELECT ct.course_id, e.staff_no FROM course_teacher ct JOIN teacher e ON "
				  "e.id = ct.teacher_id ORDER BY ct.course_id, ct.id", &teachers) != XQ_OK)
		goto out;
	/* the course's id where the classes go, the teachers NULL: both filled in from above */
	sqlite3_stmt *st = db_stmt(db, "SELECT " LESSON_COLS_OF("c.id", "NULL") " ORDER BY t.name, c.fet_id, l.seq", NULL);
	if (!st)
		goto out;
	struct lesson_rec l;
	int rc = SQLITE_DONE;
	ret = XQ_OK;
	while (ret == XQ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t course = sqlite3_column_int64(st, 7);
		read_lesson(st, &l);
		xq_copy(l.classes, sizeof l.classes, course_text(&classes, course));
		xq_copy(l.teachers, sizeof l.teachers, course_text(&teachers, course));
		ret = fn(ctx, &l);
	}
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = XQ_ERR;
out:
	course_texts_free(&classes);
	course_texts_free(&teachers);
	return ret;
}

static int lesson_update_tx(struct db *db, void *rec, char *msg)
{
	struct lesson_rec *l = rec;
	struct lesson_rec now;
	if (db_lesson_find(db, l->term_id, l->course, l->seq, &now) != XQ_OK) {
		xq_msg(msg, _("seq: course %ld has no lesson %ld: lessons come with their course"), l->course, l->seq);
		return XQ_ERR;
	}
	int64_t school_id = db_lookup_id(db, "SELECT c.school_id FROM lesson l JOIN course c ON c.id = l.course_id "
					     "WHERE l.id = ?", now.id);
	if (db_require_write(db, school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	long days = (long)db_lookup_id(db, "SELECT days FROM term WHERE id = ?", l->term_id);
	long periods = (long)db_lookup_id(db, "SELECT periods FROM term WHERE id = ?", l->term_id);
	long length = (long)db_lookup_id(db, "SELECT c.length FROM lesson l JOIN course c ON c.id = l.course_id "
					     "WHERE l.id = ?", now.id);
	if ((l->day < 0) != (l->period < 0)) {
		xq_msg(msg, "%s", _("day: a lesson has a day and a period, or neither"));
		return XQ_ERR;
	}
	if (l->day >= 0 && (l->day < 1 || l->day > days)) {
		xq_msg(msg, _("day: %ld is not a day of the term's week (1 to %ld)"), l->day, days);
		return XQ_ERR;
	}
	if (l->period >= 0 && (l->period < 1 || l->period + length - 1 > periods)) {
		xq_msg(msg, _("period: a lesson of %ld periods from period %ld does not fit the term's %ld"), length,
			l->period, periods);
		return XQ_ERR;
	}
	if (l->locked && l->day < 0) {
		xq_msg(msg, "%s", _("locked: only a placed lesson is locked"));
		return XQ_ERR;
	}
	int64_t room = l->room[0] ? room_id_of(db, school_id, l->room) : 0;
	if (l->room[0] && !room) {
		xq_msg(msg, _("room: the school %s has no room named %s"), now.school, l->room);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE lesson SET day = ?, period = ?, room_id = ?, locked = ?, fet_id = ?, "
				       "rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_long_null(st, 1, l->day);
	bind_long_null(st, 2, l->period);
	bind_id_null(st, 3, room);
	sqlite3_bind_int(st, 4, l->locked);
	bind_long_null(st, 5, l->fet_id);
	sqlite3_bind_int64(st, 6, now.id);
	sqlite3_bind_int64(st, 7, l->id == now.id ? l->rev : now.rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "lesson", now.id, msg);
	l->rev++;
	return XQ_OK;
}

int db_lesson_update(struct db *db, struct lesson_rec *l, char *msg)
{
	return guarded(db, lesson_update_tx, l, msg);
}

/* ---- groups ---- */

/* The group's class and parent, checked: a subgroup's parent is a group of the class itself. */
static int group_check(struct db *db, const struct group_rec *g, int64_t *class_id, int64_t *parent_id, char *msg)
{
	*class_id = class_id_of(db, g->term_id, g->school_id, g->class_name);
	if (!*class_id) {
		xq_msg(msg, _("class: the school %s has no class %s in %s"), g->school_code, g->class_name, g->term);
		return XQ_ERR;
	}
	if (!g->name[0]) {
		xq_msg(msg, "%s", _("name: a group has a name"));
		return XQ_ERR;
	}
	*parent_id = 0;
	if (g->parent[0]) {
		*parent_id = group_id_of(db, *class_id, g->parent);
		if (!*parent_id) {
			xq_msg(msg, _("parent: the class %s has no group %s"), g->class_name, g->parent);
			return XQ_ERR;
		}
		if (db_lookup_id(db, "SELECT coalesce(parent_id, 0) FROM class_group WHERE id = ?", *parent_id) != 0) {
			xq_msg(msg, _("parent: %s is a subgroup itself; a subgroup's parent is a group of the class"),
				g->parent);
			return XQ_ERR;
		}
		if (strcmp(g->parent, g->name) == 0) {
			xq_msg(msg, "%s", _("parent: a group is not its own parent"));
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

static int group_insert_tx(struct db *db, void *rec, char *msg)
{
	struct group_rec *g = rec;
	int64_t cls, parent;
	if (db_require_write(db, g->school_id, 0, msg) != XQ_OK || group_check(db, g, &cls, &parent, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO class_group (id, class_id, parent_id, name, students) VALUES ("
				       DB_NEW_ID("class_group") ", ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, cls);
	bind_id_null(st, 2, parent);
	bind_text(st, 3, g->name);
	bind_long_null(st, 4, g->students);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	g->id = sqlite3_last_insert_rowid(db->h);
	g->rev = 1;
	return XQ_OK;
}

int db_group_insert(struct db *db, struct group_rec *g, char *msg)
{
	return guarded(db, group_insert_tx, g, msg);
}

static int group_update_tx(struct db *db, void *rec, char *msg)
{
	struct group_rec *g = rec;
	int64_t cls, parent;
	if (db_require_write(db, g->school_id, 0, msg) != XQ_OK || group_check(db, g, &cls, &parent, msg) != XQ_OK)
		return XQ_ERR;
	if (parent && db_lookup_id(db, "SELECT count(*) FROM class_group WHERE parent_id = ?", g->id) > 0) {
		xq_msg(msg, _("parent: %s has subgroups of its own, so it stays a group of the class"), g->name);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE class_group SET parent_id = ?, students = ?, rev = rev + 1 "
				       "WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_id_null(st, 1, parent);
	bind_long_null(st, 2, g->students);
	sqlite3_bind_int64(st, 3, g->id);
	sqlite3_bind_int64(st, 4, g->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "class_group", g->id, msg);
	g->rev++;
	return XQ_OK;
}

int db_group_update(struct db *db, struct group_rec *g, char *msg)
{
	return guarded(db, group_update_tx, g, msg);
}

#define GROUP_COLS "g.id, g.rev, t.name, k.term_id, s.code, k.school_id, k.name, g.name, " \
		   "coalesce(p.name, ''), coalesce(g.students, -1) FROM class_group g JOIN class k ON " \
		   "k.id = g.class_id JOIN term t ON t.id = k.term_id JOIN school s ON s.id = k.school_id " \
		   "LEFT JOIN class_group p ON p.id = g.parent_id"

static void read_group(sqlite3_stmt *st, void *row)
{
	struct group_rec *g = row;
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	g->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, g->term, sizeof g->term);
	g->term_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, g->school_code, sizeof g->school_code);
	g->school_id = sqlite3_column_int64(st, 5);
	col_text(st, 6, g->class_name, sizeof g->class_name);
	col_text(st, 7, g->name, sizeof g->name);
	col_text(st, 8, g->parent, sizeof g->parent);
	g->students = (long)sqlite3_column_int64(st, 9);
}

int db_group_find(struct db *db, const struct group_rec *key, struct group_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " GROUP_COLS " WHERE k.term_id = ? AND k.school_id = ? AND k.name = ? "
				       "AND g.name = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, key->term_id);
	sqlite3_bind_int64(st, 2, key->school_id);
	bind_text(st, 3, key->class_name);
	bind_text(st, 4, key->name);
	return db_one_row(st, read_group, out);
}

int db_group_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct group_rec g;
	return db_each_row(db, "SELECT " GROUP_COLS " ORDER BY t.name, s.code, k.name, g.parent_id IS NOT NULL, "
				       "g.name", read_group, &g, fn, ctx);
}

/* ---- unavailable slots ---- */

const struct enum_item unavailable_kind_items[] = {
	{"teacher", "教师", "teacher"},
	{"class", "班级", "class"},
	{"room", "教室", "room"},
	{"group", "分组", "group"},
	{NULL, NULL, NULL},
};

/* The ids of who is unavailable: teacher, class, room, and a group with its class;
 * XQ_ERR with msg when unknown. */
static int unavailable_who(struct db *db, const struct unavailable_rec *u, int64_t ids[4], char *msg)
{
	ids[0] = ids[1] = ids[2] = ids[3] = 0;
	if (u->kind == UNAV_TEACHER) {
		struct teacher t;
		if (db_teacher_by_staff_no(db, u->who, &t) != XQ_OK) {
			xq_msg(msg, _("who: unknown staff number %s"), u->who);
			return XQ_ERR;
		}
		ids[0] = t.id;
		return XQ_OK;
	}
	if (!u->school_id) {
		xq_msg(msg, "%s", _("school_code: a class or a room is named within its school"));
		return XQ_ERR;
	}
	if (u->kind == UNAV_GROUP) {
		/* CLASS/GROUP, as a course's students name it; a class's or group's name may hold
		 * a slash too (FET's do): the first split that names both */
		if (!u->school_id) {
			xq_msg(msg, "%s", _("school_code: a group is named within its school"));
			return XQ_ERR;
		}
		char cls[NAME_LEN];
		xq_copy(cls, sizeof cls, u->who);
		bool any = false;
		for (char *slash = strchr(cls, '/'); slash && !ids[3]; slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			int64_t k = class_id_of(db, u->term_id, u->school_id, cls);
			if (k && slash[1]) {
				any = true;
				ids[1] = k;
				ids[3] = group_id_of(db, k, slash + 1);
			}
			*slash = '/';
		}
		if (!ids[3]) {
			if (!strchr(u->who, '/'))
				xq_msg(msg, _("who: a group is named CLASS/GROUP, not %s"), u->who);
			else if (!any)
				xq_msg(msg, _("who: the school %s has no class %s in %s"), u->school_code, u->who, u->term);
			else
				xq_msg(msg, _("who: no class of the school %s has the group %s"), u->school_code, u->who);
			ids[1] = 0;
			return XQ_ERR;
		}
		return XQ_OK;
	}
	if (u->kind == UNAV_CLASS) {
		ids[1] = class_id_of(db, u->term_id, u->school_id, u->who);
		if (!ids[1]) {
			xq_msg(msg, _("who: the school %s has no class %s in %s"), u->school_code, u->who, u->term);
			return XQ_ERR;
		}
		return XQ_OK;
	}
	ids[2] = room_id_of(db, u->school_id, u->who);
	if (!ids[2]) {
		xq_msg(msg, _("who: the school %s has no room named %s"), u->school_code, u->who);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* A slot's weight: none given, 100; else above 0 and at most 100. */
static bool unavailable_weight_ok(struct unavailable_rec *u, char *msg)
{
	if (isnan(u->weight))
		u->weight = 100;
	if (u->weight > 0 && u->weight <= 100)
		return true;
	xq_msg(msg, "%s", _("weight: above 0 and at most 100 (100: not available; less: had rather not)"));
	return false;
}

static int unavailable_insert_tx(struct db *db, void *rec, char *msg)
{
	struct unavailable_rec *u = rec;
	int64_t ids[4];
	if (unavailable_who(db, u, ids, msg) != XQ_OK)
		return XQ_ERR;
	int64_t school = u->kind == UNAV_TEACHER ? db_lookup_id(db, "SELECT school_id FROM teacher WHERE id = ?", ids[0])
						 : u->school_id;
	if (db_require_write(db, school, 0, msg) != XQ_OK)
		return XQ_ERR;
	long days = (long)db_lookup_id(db, "SELECT days FROM term WHERE id = ?", u->term_id);
	long periods = (long)db_lookup_id(db, "SELECT periods FROM term WHERE id = ?", u->term_id);
	if (u->day < 1 || u->day > days || u->period < 1 || u->period > periods) {
		xq_msg(msg, _("day: day %ld, period %ld is not a slot of the term (%ld days of %ld periods)"), u->day,
			u->period, days, periods);
		return XQ_ERR;
	}
	if (!unavailable_weight_ok(u, msg))
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO unavailable (id, term_id, teacher_id, class_id, room_id, day, period, "
				       "group_id, weight) VALUES (" DB_NEW_ID("unavailable") ", ?, ?, ?, ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, u->term_id);
	for (int i = 0; i < 3; i++)
		bind_id_null(st, 2 + i, ids[i]);
	sqlite3_bind_int(st, 5, (int)u->day);
	sqlite3_bind_int(st, 6, (int)u->period);
	bind_id_null(st, 7, ids[3]);
	sqlite3_bind_double(st, 8, u->weight);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	u->id = sqlite3_last_insert_rowid(db->h);
	u->rev = 1;
	return XQ_OK;
}

int db_unavailable_insert(struct db *db, struct unavailable_rec *u, char *msg)
{
	return guarded(db, unavailable_insert_tx, u, msg);
}

static int unavailable_update_tx(struct db *db, void *rec, char *msg)
{
	struct unavailable_rec *u = rec;
	int64_t school = u->school_id;
	struct teacher t;
	if (u->kind == UNAV_TEACHER)
		school = db_teacher_by_staff_no(db, u->who, &t) == XQ_OK ? t.school_id : 0;
	if (db_require_write(db, school, 0, msg) != XQ_OK || !unavailable_weight_ok(u, msg))
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE unavailable SET weight = ?, rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_double(st, 1, u->weight);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int64(st, 3, u->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "unavailable", u->id, msg);
	u->rev++;
	return XQ_OK;
}

int db_unavailable_update(struct db *db, struct unavailable_rec *u, char *msg)
{
	return guarded(db, unavailable_update_tx, u, msg);
}

#define UNAV_COLS "u.id, u.rev, t.name, u.term_id, CASE WHEN u.teacher_id IS NOT NULL THEN 'teacher' " \
		  "WHEN u.group_id IS NOT NULL THEN 'group' WHEN u.class_id IS NOT NULL THEN 'class' ELSE 'room' END, " \
		  "coalesce(e.staff_no, k.name || '/' || g.name, k.name, r.name), " \
		  "coalesce(sk.code, sr.code, ''), coalesce(k.school_id, r.school_id, 0), u.day, u.period, u.weight " \
		  "FROM unavailable u JOIN term t ON t.id = u.term_id LEFT JOIN teacher e ON e.id = u.teacher_id " \
		  "LEFT JOIN class k ON k.id = u.class_id LEFT JOIN school sk ON sk.id = k.school_id " \
		  "LEFT JOIN class_group g ON g.id = u.group_id " \
		  "LEFT JOIN room r ON r.id = u.room_id LEFT JOIN school sr ON sr.id = r.school_id"

static void read_unavailable(sqlite3_stmt *st, void *row)
{
	struct unavailable_rec *u = row;
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, u->term, sizeof u->term);
	u->term_id = sqlite3_column_int64(st, 3);
	u->kind = col_enum(st, 4, unavailable_kind_items);
	col_text(st, 5, u->who, sizeof u->who);
	col_text(st, 6, u->school_code, sizeof u->school_code);
	u->school_id = sqlite3_column_int64(st, 7);
	u->day = sqlite3_column_int(st, 8);
	u->period = sqlite3_column_int(st, 9);
	u->weight = sqlite3_column_double(st, 10);
}

int db_unavailable_find(struct db *db, const struct unavailable_rec *key, struct unavailable_rec *out)
{
	int64_t ids[4];
	char msg[XQ_MSG_MAX];
	if (unavailable_who(db, key, ids, msg) != XQ_OK)
		return XQ_NOTFOUND;
	sqlite3_stmt *st = db_stmt(db, "SELECT " UNAV_COLS " WHERE u.term_id = ? AND u.teacher_id IS ? AND "
				       "u.class_id IS ? AND u.room_id IS ? AND u.day = ? AND u.period = ? AND "
				       "u.group_id IS ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, key->term_id);
	for (int i = 0; i < 3; i++)
		bind_id_null(st, 2 + i, ids[i]);
	sqlite3_bind_int(st, 5, (int)key->day);
	sqlite3_bind_int(st, 6, (int)key->period);
	bind_id_null(st, 7, ids[3]);
	return db_one_row(st, read_unavailable, out);
}

int db_unavailable_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct unavailable_rec u;
	return db_each_row(db, "SELECT " UNAV_COLS " ORDER BY t.name, 5, 7, 6, u.day, u.period", read_unavailable, &u, fn, ctx);
}

/* ---- teachers' rules ---- */

#define RULE_COLS "r.id, r.rev, t.name, r.term_id, e.staff_no, r.teacher_id, coalesce(r.min_travel, -1), " \
		  "coalesce(r.max_changes, -1), coalesce(r.max_days, -1), coalesce(r.max_gaps, -1), " \
		  "coalesce(r.min_gap_periods, -1) FROM teacher_rule r " \
		  "JOIN term t ON t.id = r.term_id JOIN teacher e ON e.id = r.teacher_id"

static void read_rule(sqlite3_stmt *st, void *row)
{
	struct teacher_rule_rec *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, r->term, sizeof r->term);
	r->term_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, r->staff_no, sizeof r->staff_no);
	r->teacher_id = sqlite3_column_int64(st, 5);
	r->min_travel = (long)sqlite3_column_int64(st, 6);
	r->max_changes = (long)sqlite3_column_int64(st, 7);
	r->max_days = (long)sqlite3_column_int64(st, 8);
	r->max_gaps = (long)sqlite3_column_int64(st, 9);
	r->min_gap_periods = (long)sqlite3_column_int64(st, 10);
}

static void bind_rule(sqlite3_stmt *st, const struct teacher_rule_rec *r)
{
	bind_long_null(st, 1, r->min_travel);
	bind_long_null(st, 2, r->max_changes);
	bind_long_null(st, 3, r->max_days);
	bind_long_null(st, 4, r->max_gaps);
	bind_long_null(st, 5, r->min_gap_periods);
}

static int rule_write_check(struct db *db, const struct teacher_rule_rec *r, char *msg)
{
	return db_require_write(db, db_lookup_id(db, "SELECT school_id FROM teacher WHERE id = ?", r->teacher_id), 0,
		msg);
}

static int teacher_rule_insert_tx(struct db *db, void *rec, char *msg)
{
	struct teacher_rule_rec *r = rec;
	if (rule_write_check(db, r, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO teacher_rule (id, min_travel, max_changes, max_days, max_gaps, "
				       "min_gap_periods, term_id, teacher_id) VALUES (" DB_NEW_ID("teacher_rule")
				       ", ?, ?, ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	bind_rule(st, r);
	sqlite3_bind_int64(st, 6, r->term_id);
	sqlite3_bind_int64(st, 7, r->teacher_id);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	r->id = sqlite3_last_insert_rowid(db->h);
	r->rev = 1;
	return XQ_OK;
}

int db_teacher_rule_insert(struct db *db, struct teacher_rule_rec *r, char *msg)
{
	return guarded(db, teacher_rule_insert_tx, r, msg);
}

static int teacher_rule_update_tx(struct db *db, void *rec, char *msg)
{
	struct teacher_rule_rec *r = rec;
	if (rule_write_check(db, r, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE teacher_rule SET min_travel = ?, max_changes = ?, max_days = ?, "
				       "max_gaps = ?, min_gap_periods = ?, rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_rule(st, r);
	sqlite3_bind_int64(st, 6, r->id);
	sqlite3_bind_int64(st, 7, r->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "teacher_rule", r->id, msg);
	r->rev++;
	return XQ_OK;
}

int db_teacher_rule_update(struct db *db, struct teacher_rule_rec *r, char *msg)
{
	return guarded(db, teacher_rule_update_tx, r, msg);
}

int db_teacher_rule_find(struct db *db, int64_t term_id, int64_t teacher_id, struct teacher_rule_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " RULE_COLS " WHERE r.term_id = ? AND r.teacher_id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	return db_one_row(st, read_rule, out);
}

int db_teacher_rule_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct teacher_rule_rec r;
	return db_each_row(db, "SELECT " RULE_COLS " ORDER BY t.name, e.staff_no", read_rule, &r, fn, ctx);
}

int64_t db_room_id(struct db *db, int64_t school_id, const char *name)
{
	return room_id_of(db, school_id, name);
}

/* ---- the dense model of a term ---- */

/* ids[] sorted as they come; the index of id, or -1. */
struct idx {
	int64_t *ids;
	int n, cap;
};

static int idx_of(const struct idx *x, int64_t id)
{
	int lo = 0, hi = x->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (x->ids[mid] == id)
			return mid;
		if (x->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Reads "SELECT id ..." rows (ascending ids) into x. */
static int idx_load(struct db *db, const char *sql, int64_t term_id, struct idx *x, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, sql, msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x->ids = db_grow(x->ids, x->n, &x->cap, sizeof *x->ids);
		x->ids[x->n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static void push_int(int **v, int *n, int x)
{
	*v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
	(*v)[(*n)++] = x;
}

struct booked_ctx {
	struct tt_model *m;
	int room;
};

static int block_booked(void *ctx, const void *rec)
{
	struct booked_ctx *c = ctx;
	const struct booking_occ *bo = rec;
	struct tt_model *m = c->m;
	int day = bo->o->weekday - 1, school = m->rooms[c->room].school;
	if (day < 0 || day >= m->days || bo->o->status != BOOKING_APPROVED)
		return XQ_OK;
	for (int p = 0; p < m->periods; p++) {
		int s, e;
		if (tt_period_times(m, school, p, &s, &e) && spans_overlap(s, e, bo->o->start, bo->o->end))
			m->unav_room[c->room * m->days * m->periods + day * m->periods + p] = 1;
	}
	return XQ_OK;
}

/* §9: an approved booking of a room keeps the periods it overlaps, on the weekday it falls
 * on, from the timetable (the timetable's week stands for every week of the term). */
static int booked_rooms(struct db *db, int64_t term_id, const int64_t *room_ids, struct tt_model *m, char *msg)
{
	struct term t;
	sqlite3_stmt *st = db_stmt(db, "SELECT first_day, last_day FROM term WHERE id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	bool got = sqlite3_step(st) == SQLITE_ROW;
	if (got) {
		col_text(st, 0, t.first_day, sizeof t.first_day);
		col_text(st, 1, t.last_day, sizeof t.last_day);
	}
	db_done(st);
	if (!got || !db_lookup_id(db, "SELECT count(*) FROM booking WHERE status = 'approved' AND ? > 0", 1))
		return XQ_OK;
	for (int r = 0; r < m->nrooms; r++) {
		struct booking_query q = {room_ids[r], 0, 0, t.first_day, t.last_day, BOOKING_APPROVED};
		struct booked_ctx c = {m, r};
		if (db_booking_each(db, &q, block_booked, &c) != XQ_OK) {
			db_errmsg(db, msg);
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

static int ext_cmp(const void *pa, const void *pb)
{
	const int64_t *a = pa, *b = pb;
	return (a[0] > b[0]) - (a[0] < b[0]);
}

/* "1.2 3.4": day.period from 1, into slots; false when one is out of the week. */
static bool parse_slots(const char *s, int days, int periods, unsigned char *slots)
{
	while (s && *s) {
		char *end;
		long d = strtol(s, &end, 10);
		if (*end != '.')
			return false;
		long p = strtol(end + 1, &end, 10);
		if (d < 1 || d > days || p < 1 || p > periods || (*end && *end != ' '))
			return false;
		slots[(d - 1) * periods + p - 1] = 1;
		s = *end ? end + 1 : end;
	}
	return true;
}

/* The term's rules on days, by the model's teachers and sets. */
static int load_drules(struct db *db, int64_t term_id, const struct idx *teachers, const struct idx *classes,
	const struct idx *groups, struct tt_model *m, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT kind, weight, coalesce(teacher_id, 0), coalesce(class_id, 0), "
				       "coalesce(group_id, 0), coalesce(everyone, ''), n, empty_days FROM day_rule WHERE "
				       "term_id = ? ORDER BY id", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, term_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tt_drule r = {tt_drule_kind((const char *)sqlite3_column_text(st, 0)), sqlite3_column_double(st, 1),
			sqlite3_column_int(st, 6), sqlite3_column_int(st, 7) != 0, -1, -1, 0};
		const char *every = (const char *)sqlite3_column_text(st, 5);
		int64_t teacher = sqlite3_column_int64(st, 2), cls = sqlite3_column_int64(st, 3),
			grp = sqlite3_column_int64(st, 4);
		if (r.kind < 0)
			continue;
		if (teacher) {
			/* a teacher without a course this term: nothing to check */
			if ((r.teacher = idx_of(teachers, teacher)) < 0)
				continue;
		} else if (grp) {
			int g = idx_of(groups, grp);
			if (g < 0)
				continue;
			r.set = classes->n + g;
		} else if (cls) {
			if ((r.set = idx_of(classes, cls)) < 0)
				continue;
		} else
			r.everyone = strcmp(every, "teachers") == 0 ? 1 : 2;
		m->drules = db_grow(m->drules, m->ndrules, &cap, sizeof *m->drules);
		m->drules[m->ndrules++] = r;
	}
	db_done(st);
	return XQ_OK;
}

/* The term's rules over lessons, each with its lessons (by the model's index). */
static int load_lrules(struct db *db, int64_t term_id, struct tt_model *m, char *msg)
{
	int64_t *map = xcalloc((size_t)m->nlessons * 2 + 2, sizeof *map);
	for (int i = 0; i < m->nlessons; i++) {
		map[2 * i] = m->lesson_ext[i];
		map[2 * i + 1] = i;
	}
	qsort(map, (size_t)m->nlessons, 2 * sizeof *map, ext_cmp);
	sqlite3_stmt *st = db_stmt(db, "SELECT r.id, r.kind, r.weight, r.n, r.flag, coalesce(r.slots, ''), r.slots IS NULL, "
				       "m.lesson_id FROM lesson_rule r LEFT JOIN lesson_rule_lesson m ON m.rule_id = r.id "
				       "WHERE r.term_id = ? ORDER BY r.id, m.id", msg);
	if (!st) {
		free(map);
		return XQ_ERR;
	}
	sqlite3_bind_int64(st, 1, term_id);
	int cap = 0, caples = 0;
	struct tt_lrule *r = NULL;
	int S = m->days * m->periods;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (!r || r->ext != id) {
			int kind = tt_lrule_kind((const char *)sqlite3_column_text(st, 1));
			if (kind < 0)
				continue;
			m->lrules = db_grow(m->lrules, m->nlrules, &cap, sizeof *m->lrules);
			r = &m->lrules[m->nlrules++];
			memset(r, 0, sizeof *r);
			caples = 0;
			r->ext = id;
			r->kind = kind;
			r->weight = sqlite3_column_double(st, 2);
			r->n = sqlite3_column_int(st, 3);
			r->flag = sqlite3_column_int(st, 4) != 0;
			if (!sqlite3_column_int(st, 6)) {
				r->slots = xcalloc((size_t)S, 1);
				parse_slots((const char *)sqlite3_column_text(st, 5), m->days, m->periods, r->slots);
			}
		}
		if (sqlite3_column_type(st, 7) == SQLITE_NULL)
			continue;
		int64_t key[2] = {sqlite3_column_int64(st, 7), 0};
		int64_t *hit = bsearch(key, map, (size_t)m->nlessons, 2 * sizeof *map, ext_cmp);
		if (hit) {
			r->lessons = db_grow(r->lessons, r->nlessons, &caples, sizeof *r->lessons);
			r->lessons[r->nlessons++] = (int)hit[1];
		}
	}
	db_done(st);
	free(map);
	return XQ_OK;
}

/* Marks cell k of a soft array of n rows of S slots (made when first needed) with weight w,
 * keeping the most. */
static void soft_mark(double **a, int n, int S, int k, double w)
{
	if (!*a)
		*a = xcalloc((size_t)(n ? n : 1) * (size_t)S, sizeof **a);
	if (w > (*a)[k])
		(*a)[k] = w;
}

static void soft_clear(double *a, const unsigned char *hard, int n)
{
	for (int k = 0; a && k < n; k++)
		if (hard[k])
			a[k] = 0;
}

static int tt_load(struct db *db, int64_t term_id, struct tt_model *m, char *msg)
{
	memset(m, 0, sizeof *m);
	m->days = (int)db_lookup_id(db, "SELECT days FROM term WHERE id = ?", term_id);
	m->periods = (int)db_lookup_id(db, "SELECT periods FROM term WHERE id = ?", term_id);
	if (m->days <= 0 || m->periods <= 0) {
		xq_msg(msg, "%s", _("no such term"));
		return XQ_ERR;
	}
	int S = m->days * m->periods;
	struct idx schools = {0}, teachers = {0}, rooms = {0}, sets = {0}, courses = {0};
	int rc = XQ_OK;
	/* the schools of the term's classes and courses, the teachers of its courses, the
	 * rooms of those schools, its classes and groups (sets: classes by id, then groups by
	 * id shifted past them), its courses */
	if (idx_load(db, "SELECT id FROM school WHERE id IN (SELECT school_id FROM course WHERE term_id = ?1 "
			 "UNION SELECT school_id FROM class WHERE term_id = ?1) ORDER BY id", term_id, &schools, msg) != XQ_OK ||
	    idx_load(db, "SELECT DISTINCT ct.teacher_id FROM course_teacher ct JOIN course c ON c.id = ct.course_id "
			 "WHERE c.term_id = ?1 ORDER BY 1", term_id, &teachers, msg) != XQ_OK ||
	    idx_load(db, "SELECT id FROM room WHERE school_id IN (SELECT school_id FROM course WHERE term_id = ?1 "
			 "UNION SELECT school_id FROM class WHERE term_id = ?1) ORDER BY id", term_id, &rooms, msg) != XQ_OK ||
	    idx_load(db, "SELECT id FROM course WHERE term_id = ?1 ORDER BY id", term_id, &courses, msg) != XQ_OK)
		rc = XQ_ERR;
	struct idx classes = {0}, groups = {0};
	if (rc == XQ_OK && (idx_load(db, "SELECT id FROM class WHERE term_id = ?1 ORDER BY id", term_id, &classes, msg) != XQ_OK ||
			    idx_load(db, "SELECT g.id FROM class_group g JOIN class k ON k.id = g.class_id WHERE "
					 "k.term_id = ?1 ORDER BY g.id", term_id, &groups, msg) != XQ_OK))
		rc = XQ_ERR;
	(void)sets;
	if (rc != XQ_OK)
		goto out;

	m->nschools = schools.n;
	m->school_names = xcalloc((size_t)(schools.n ? schools.n : 1), sizeof *m->school_names);
	m->school_codes = xcalloc((size_t)(schools.n ? schools.n : 1), sizeof *m->school_codes);
	m->bell = xmalloc((size_t)(schools.n ? schools.n : 1) * (size_t)m->periods * 2 * sizeof *m->bell);
	m->travel = xmalloc((size_t)(schools.n ? schools.n : 1) * (size_t)(schools.n ? schools.n : 1) * sizeof *m->travel);
	for (int s = 0; s < schools.n; s++) {
		struct school sc;
		bool got = db_school_get(db, schools.ids[s], &sc) == XQ_OK;
		m->school_names[s] = tt_string(m, got ? sc.name : "?");
		m->school_codes[s] = tt_string(m, got ? sc.code : "?");
		for (int p = 0; p < m->periods; p++) {
			int *b = &m->bell[(s * m->periods + p) * 2];
			b[0] = b[1] = -1;
			struct bell bl;
			if (db_bell_find(db, term_id, schools.ids[s], p + 1, &bl) == XQ_OK ||
			    db_bell_find(db, term_id, 0, p + 1, &bl) == XQ_OK) {
				b[0] = clock_parse(bl.start);
				b[1] = clock_parse(bl.end);
			}
		}
		for (int s2 = 0; s2 < schools.n; s2++)
			m->travel[s * schools.n + s2] = s2 < s ? m->travel[s2 * schools.n + s]
							       : db_travel_minutes(db, schools.ids[s], schools.ids[s2], NULL);
	}

	m->nteachers = teachers.n;
	m->teachers = xcalloc((size_t)(teachers.n ? teachers.n : 1), sizeof *m->teachers);
	m->unav_teacher = xcalloc((size_t)(teachers.n ? teachers.n : 1) * (size_t)S, 1);
	m->teacher_codes = xcalloc((size_t)(teachers.n ? teachers.n : 1), sizeof *m->teacher_codes);
	/* each teacher, room, set and course read by a scan of the term's, not by its id */
	for (int t = 0; t < teachers.n; t++) {
		m->teachers[t].min_travel = m->teachers[t].max_changes = m->teachers[t].max_days = -1;
		m->teachers[t].max_gaps = m->teachers[t].min_gap_periods = -1;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT e.id, e.name, e.staff_no, coalesce(r.min_travel, -1), coalesce(r.max_changes, -1), "
				       "coalesce(r.max_days, -1), coalesce(r.max_gaps, -1), coalesce(r.min_gap_periods, -1), "
				       "r.id IS NOT NULL FROM teacher e JOIN school s ON s.id = e.school_id LEFT JOIN teacher_rule r "
				       "ON r.term_id = ?1 AND r.teacher_id = e.id WHERE e.id IN (SELECT ct.teacher_id FROM "
				       "course_teacher ct JOIN course c ON c.id = ct.course_id WHERE c.term_id = ?1)", msg);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int t = idx_of(&teachers, sqlite3_column_int64(st, 0));
			if (t < 0)
				continue;
			m->teachers[t].name = tt_string(m, (const char *)sqlite3_column_text(st, 1));
			m->teacher_codes[t] = tt_string(m, (const char *)sqlite3_column_text(st, 2));
			if (sqlite3_column_int(st, 8)) {
				m->teachers[t].min_travel = sqlite3_column_int(st, 3);
				m->teachers[t].max_changes = sqlite3_column_int(st, 4);
				m->teachers[t].max_days = sqlite3_column_int(st, 5);
				m->teachers[t].max_gaps = sqlite3_column_int(st, 6);
				m->teachers[t].min_gap_periods = sqlite3_column_int(st, 7);
			}
		}
		db_done(st);
	}
	for (int t = 0; t < teachers.n; t++)
		if (!m->teachers[t].name) {
			m->teachers[t].name = tt_string(m, "?");
			m->teacher_codes[t] = tt_string(m, "?");
		}

	m->nrooms = rooms.n;
	m->rooms = xcalloc((size_t)(rooms.n ? rooms.n : 1), sizeof *m->rooms);
	m->unav_room = xcalloc((size_t)(rooms.n ? rooms.n : 1) * (size_t)S, 1);
	m->room_codes = xcalloc((size_t)(rooms.n ? rooms.n : 1), sizeof *m->room_codes);
	st = db_stmt(db, "SELECT r.name, r.school_id, r.kind, coalesce(r.capacity, -1), s.code || ':' || r.name, r.id "
			 "FROM room r JOIN school s ON s.id = r.school_id WHERE r.school_id IN (SELECT school_id FROM course "
			 "WHERE term_id = ?1 UNION SELECT school_id FROM class WHERE term_id = ?1)", msg);
	if (st)
		sqlite3_bind_int64(st, 1, term_id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int r = idx_of(&rooms, sqlite3_column_int64(st, 5));
		if (r >= 0) {
			m->rooms[r].name = tt_string(m, (const char *)sqlite3_column_text(st, 0));
			m->room_codes[r] = tt_string(m, (const char *)sqlite3_column_text(st, 4));
			m->rooms[r].school = idx_of(&schools, sqlite3_column_int64(st, 1));
			m->rooms[r].kind = col_enum(st, 2, room_kind_items);
			m->rooms[r].capacity = sqlite3_column_int(st, 3);
		}
	}
	db_done(st);

	/* sets: classes 0..nc-1, then groups; leaves: a class without groups, a group
	 * without subgroups, every subgroup */
	m->nsets = classes.n + groups.n;
	m->sets = xcalloc((size_t)(m->nsets ? m->nsets : 1), sizeof *m->sets);
	int *group_class = xcalloc((size_t)(groups.n ? groups.n : 1), sizeof *group_class);
	int *group_parent = xcalloc((size_t)(groups.n ? groups.n : 1), sizeof *group_parent);
	bool *has_child = xcalloc((size_t)(m->nsets ? m->nsets : 1), sizeof *has_child);
	m->set_codes = xcalloc((size_t)(m->nsets ? m->nsets : 1), sizeof *m->set_codes);
	st = db_stmt(db, "SELECT g.class_id, coalesce(g.parent_id, 0), k.name || '/' || g.name, s.code || ':' || k.name || "
			 "'/' || g.name, coalesce(g.students, -1), g.id FROM class_group g JOIN class k ON k.id = g.class_id "
			 "JOIN school s ON s.id = k.school_id WHERE k.term_id = ?1", msg);
	if (st)
		sqlite3_bind_int64(st, 1, term_id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int g = idx_of(&groups, sqlite3_column_int64(st, 5));
		if (g >= 0) {
			group_class[g] = idx_of(&classes, sqlite3_column_int64(st, 0));
			int64_t parent = sqlite3_column_int64(st, 1);
			group_parent[g] = parent ? classes.n + idx_of(&groups, parent) : -1;
			m->sets[classes.n + g].name = tt_string(m, (const char *)sqlite3_column_text(st, 2));
			m->set_codes[classes.n + g] = tt_string(m, (const char *)sqlite3_column_text(st, 3));
			m->sets[classes.n + g].students = sqlite3_column_int(st, 4);
			has_child[group_parent[g] >= 0 ? group_parent[g] : group_class[g]] = true;
		}
	}
	db_done(st);
	st = db_stmt(db, "SELECT k.name, k.school_id, s.code || ':' || k.name, coalesce(k.students, -1), k.id FROM class k "
			 "JOIN school s ON s.id = k.school_id WHERE k.term_id = ?1", msg);
	if (st)
		sqlite3_bind_int64(st, 1, term_id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int c = idx_of(&classes, sqlite3_column_int64(st, 4));
		if (c >= 0) {
			m->sets[c].name = tt_string(m, (const char *)sqlite3_column_text(st, 0));
			m->set_codes[c] = tt_string(m, (const char *)sqlite3_column_text(st, 2));
			m->sets[c].school = idx_of(&schools, sqlite3_column_int64(st, 1));
			m->sets[c].students = sqlite3_column_int(st, 3);
			m->sets[c].parent = -1;
		}
	}
	db_done(st);
	/* subgroups filed under one group and belonging to others too (group_member) */
	int *member = NULL, nmember = 0, capmember = 0;
	st = db_stmt(db, "SELECT gm.group_id, gm.subgroup_id FROM group_member gm JOIN class_group g ON g.id = gm.group_id "
			 "JOIN class k ON k.id = g.class_id WHERE k.term_id = ?", msg);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int g = idx_of(&groups, sqlite3_column_int64(st, 0)), sg = idx_of(&groups, sqlite3_column_int64(st, 1));
			if (g < 0 || sg < 0)
				continue;
			member = db_grow(member, nmember, &capmember, 2 * sizeof *member);
			member[2 * nmember] = classes.n + g;
			member[2 * nmember + 1] = classes.n + sg;
			nmember++;
			has_child[classes.n + g] = true;
		}
		db_done(st);
	}
	for (int s = 0; s < m->nsets; s++)
		if (!has_child[s]) {
			int leaf = m->nleaves++;
			/* the leaf belongs to itself and every set above it */
			for (int up = s; up >= 0;) {
				push_int(&m->sets[up].leaves, &m->sets[up].nleaves, leaf);
				if (up < classes.n)
					break;
				int g = up - classes.n;
				up = group_parent[g] >= 0 ? group_parent[g] : group_class[g];
			}
		}
	for (int g = 0; g < groups.n; g++)
		m->sets[classes.n + g].parent = group_parent[g] >= 0 ? group_parent[g] : group_class[g];
	m->members = member;
	m->nmembers = nmember;
	for (int k = 0; k < nmember; k++) {
		const struct tt_set *sub = &m->sets[member[2 * k + 1]];
		struct tt_set *g = &m->sets[member[2 * k]];
		for (int f = 0; f < sub->nleaves; f++) {
			bool has = false;
			for (int q = 0; q < g->nleaves && !has; q++)
				has = g->leaves[q] == sub->leaves[f];
			if (!has)
				push_int(&g->leaves, &g->nleaves, sub->leaves[f]);
		}
	}
	for (int g = 0; g < groups.n; g++)
		m->sets[classes.n + g].school = group_class[g] >= 0 ? m->sets[group_class[g]].school : -1;
	m->unav_leaf = xcalloc((size_t)(m->nleaves ? m->nleaves : 1) * (size_t)S, 1);

	m->ncourses = courses.n;
	m->courses = xcalloc((size_t)(courses.n ? courses.n : 1), sizeof *m->courses);
	struct idx subjects = {0};
	if (idx_load(db, "SELECT DISTINCT subject_id FROM course WHERE term_id = ?1 ORDER BY 1", term_id, &subjects, msg) != XQ_OK)
		subjects.n = 0;
	m->subject_codes = xcalloc((size_t)(subjects.n ? subjects.n : 1), sizeof *m->subject_codes);
	m->nsubjects = subjects.n;
	for (int j = 0; j < subjects.n; j++) {
		struct subject sj;
		sqlite3_stmt *q = db_stmt(db, "SELECT code FROM subject WHERE id = ?", NULL);
		sj.code[0] = '\0';
		if (q) {
			sqlite3_bind_int64(q, 1, subjects.ids[j]);
			if (sqlite3_step(q) == SQLITE_ROW)
				col_text(q, 0, sj.code, sizeof sj.code);
			db_done(q);
		}
		m->subject_codes[j] = tt_string(m, sj.code);
	}
	st = db_stmt(db, "SELECT c.school_id, c.length, c.different_days, coalesce(c.room_kind, j.room_kind), j.name, "
			 "c.subject_id, c.id FROM course c JOIN subject j ON j.id = c.subject_id WHERE c.term_id = ?1", msg);
	if (st)
		sqlite3_bind_int64(st, 1, term_id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int c = idx_of(&courses, sqlite3_column_int64(st, 6));
		struct tt_course *tc = c >= 0 ? &m->courses[c] : NULL;
		if (tc) {
			tc->school = idx_of(&schools, sqlite3_column_int64(st, 0));
			tc->length = sqlite3_column_int(st, 1);
			tc->different_days = sqlite3_column_int(st, 2) != 0;
			tc->room_kind = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : col_enum(st, 3, room_kind_items);
			tc->label = tt_string(m, (const char *)sqlite3_column_text(st, 4));
			tc->subject = idx_of(&subjects, sqlite3_column_int64(st, 5));
		}
	}
	db_done(st);
	/* the links */
	st = db_stmt(db, "SELECT cs.course_id, cs.class_id, coalesce(cs.group_id, 0), "
			 "coalesce((SELECT students FROM class_group WHERE id = cs.group_id), k.students, -1) "
			 "FROM course_students cs JOIN course c ON c.id = cs.course_id JOIN class k ON k.id = cs.class_id "
			 "WHERE c.term_id = ? ORDER BY cs.id", msg);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int c = idx_of(&courses, sqlite3_column_int64(st, 0));
			int64_t g = sqlite3_column_int64(st, 2);
			int set = g ? classes.n + idx_of(&groups, g) : idx_of(&classes, sqlite3_column_int64(st, 1));
			int students = sqlite3_column_int(st, 3);
			if (c < 0 || set < 0)
				continue;
			push_int(&m->courses[c].sets, &m->courses[c].nsets, set);
			m->courses[c].students = students < 0 || m->courses[c].students < 0 ? -1
											       : m->courses[c].students + students;
		}
		db_done(st);
	}
	st = db_stmt(db, "SELECT ct.course_id, ct.teacher_id FROM course_teacher ct JOIN course c ON c.id = ct.course_id "
			 "WHERE c.term_id = ? ORDER BY ct.id", msg);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int c = idx_of(&courses, sqlite3_column_int64(st, 0));
			int t = idx_of(&teachers, sqlite3_column_int64(st, 1));
			if (c >= 0 && t >= 0)
				push_int(&m->courses[c].teachers, &m->courses[c].nteachers, t);
		}
		db_done(st);
	}
	/* a course's rooms: the only ones it may use when one weighs 100, those below 100 the
	 * ones it had rather use */
	st = db_stmt(db, "SELECT cr.course_id, cr.room_id, cr.weight FROM course_room cr JOIN course c ON "
			 "c.id = cr.course_id WHERE c.term_id = ? ORDER BY cr.id", msg);
	if (st) {
		bool *hard = xcalloc((size_t)m->ncourses + 1, sizeof *hard);
		sqlite3_bind_int64(st, 1, term_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int c = idx_of(&courses, sqlite3_column_int64(st, 0));
			int r = idx_of(&rooms, sqlite3_column_int64(st, 1));
			double w = sqlite3_column_double(st, 2);
			if (c < 0 || r < 0)
				continue;
			struct tt_course *co = &m->courses[c];
			push_int(&co->rooms, &co->nrooms, r);
			hard[c] = hard[c] || w >= 100;
			if (w < 100) {
				size_t n = (size_t)(co->nprefs + 1);
				co->pref_weights = xrealloc(co->pref_weights, n * sizeof *co->pref_weights);
				co->pref_weights[co->nprefs] = w;
				push_int(&co->prefs, &co->nprefs, r);
			}
		}
		db_done(st);
		for (int c = 0; c < m->ncourses; c++)
			if (!hard[c]) {
				free(m->courses[c].rooms);
				m->courses[c].rooms = NULL;
				m->courses[c].nrooms = 0;
			}
		free(hard);
	}
	/* the lessons */
	st = db_stmt(db, "SELECT l.course_id, l.seq, coalesce(l.day, 0), coalesce(l.period, 0), coalesce(l.room_id, 0), "
			 "l.locked, l.id FROM lesson l JOIN course c ON c.id = l.course_id WHERE c.term_id = ? "
			 "ORDER BY c.fet_id, l.seq", msg);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		int cap = 0, capx = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			m->lesson_ext = db_grow(m->lesson_ext, m->nlessons, &capx, sizeof *m->lesson_ext);
			m->lesson_ext[m->nlessons] = sqlite3_column_int64(st, 6);
			m->lessons = db_grow(m->lessons, m->nlessons, &cap, sizeof *m->lessons);
			struct tt_lesson *l = &m->lessons[m->nlessons++];
			l->course = idx_of(&courses, sqlite3_column_int64(st, 0));
			l->seq = sqlite3_column_int(st, 1);
			l->day = sqlite3_column_int(st, 2) - 1;
			l->period = sqlite3_column_int(st, 3) - 1;
			int64_t room = sqlite3_column_int64(st, 4);
			l->room = room ? idx_of(&rooms, room) : -1;
			l->locked = sqlite3_column_int(st, 5) != 0;
		}
		db_done(st);
	}
	/* unavailable slots */
	st = db_stmt(db, "SELECT coalesce(teacher_id, 0), coalesce(class_id, 0), coalesce(room_id, 0), day, period, "
			 "coalesce(group_id, 0), weight FROM unavailable WHERE term_id = ?", msg);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int slot = (sqlite3_column_int(st, 3) - 1) * m->periods + sqlite3_column_int(st, 4) - 1;
			if (slot < 0 || slot >= S)
				continue;
			int t = idx_of(&teachers, sqlite3_column_int64(st, 0));
			int64_t group = sqlite3_column_int64(st, 5);
			/* a group's slot closes the subgroups it covers, a class's all of them */
			int g = group ? idx_of(&groups, group) : -1;
			int k = !group ? idx_of(&classes, sqlite3_column_int64(st, 1)) : g >= 0 ? classes.n + g : -1;
			int r = idx_of(&rooms, sqlite3_column_int64(st, 2));
			double w = sqlite3_column_double(st, 6);
			if (w < 100) {
				/* a slot had rather not: its weight, the most when several say so */
				if (t >= 0)
					soft_mark(&m->soft_teacher, m->nteachers, S, t * S + slot, w);
				if (r >= 0)
					soft_mark(&m->soft_room, m->nrooms, S, r * S + slot, w);
				for (int f = 0; k >= 0 && f < m->sets[k].nleaves; f++)
					soft_mark(&m->soft_leaf, m->nleaves, S, m->sets[k].leaves[f] * S + slot, w);
				continue;
			}
			if (t >= 0)
				m->unav_teacher[t * S + slot] = 1;
			if (r >= 0)
				m->unav_room[r * S + slot] = 1;
			for (int f = 0; k >= 0 && f < m->sets[k].nleaves; f++)
				m->unav_leaf[m->sets[k].leaves[f] * S + slot] = 1;
		}
		db_done(st);
	}
	/* a slot not available is not "had rather not" too */
	soft_clear(m->soft_teacher, m->unav_teacher, m->nteachers * S);
	soft_clear(m->soft_room, m->unav_room, m->nrooms * S);
	soft_clear(m->soft_leaf, m->unav_leaf, m->nleaves * S);
	tt_model_breaks(m);
	free(subjects.ids);
	if (rc == XQ_OK)
		rc = load_lrules(db, term_id, m, msg);
	if (rc == XQ_OK)
		rc = load_drules(db, term_id, &teachers, &classes, &groups, m, msg);
	if (rc == XQ_OK)
		rc = booked_rooms(db, term_id, rooms.ids, m, msg);
	/* the term's day and period names */
	struct term tm;
	m->day_names = xcalloc((size_t)m->days, sizeof *m->day_names);
	m->period_names = xcalloc((size_t)m->periods, sizeof *m->period_names);
	st = db_stmt(db, "SELECT coalesce(day_names, ''), coalesce(period_names, '') FROM term WHERE id = ?", NULL);
	if (st) {
		sqlite3_bind_int64(st, 1, term_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			col_text(st, 0, tm.day_names, sizeof tm.day_names);
			col_text(st, 1, tm.period_names, sizeof tm.period_names);
			const char *d = tm.day_names, *p = tm.period_names;
			char item[NAME_LEN];
			for (int k = 0; k < m->days && next_item(&d, item, sizeof item); k++)
				m->day_names[k] = tt_string(m, item);
			for (int k = 0; k < m->periods && next_item(&p, item, sizeof item); k++)
				m->period_names[k] = tt_string(m, item);
		}
		db_done(st);
	}
	m->school_ext = schools.ids;
	m->teacher_ext = teachers.ids;
	m->room_ext = rooms.ids;
	m->set_ext = xcalloc((size_t)(m->nsets ? m->nsets : 1), sizeof *m->set_ext);
	for (int c = 0; c < classes.n; c++)
		m->set_ext[c] = classes.ids[c];
	schools.ids = teachers.ids = rooms.ids = NULL;
	free(group_class);
	free(group_parent);
	free(has_child);
out:
	free(schools.ids);
	free(teachers.ids);
	free(rooms.ids);
	free(courses.ids);
	free(classes.ids);
	free(groups.ids);
	if (rc != XQ_OK)
		tt_model_free(m);
	return rc;
}

/* In a read transaction of its own unless in the caller's: one snapshot of the term, and
 * not some thousands of reads each taking and leaving the file's lock. */
int db_tt_load(struct db *db, int64_t term_id, struct tt_model *m, char *msg)
{
	bool own = sqlite3_get_autocommit(db->h);
	if (own && db_exec(db, "BEGIN", msg) != XQ_OK) {
		memset(m, 0, sizeof *m);
		return XQ_ERR;
	}
	int rc = tt_load(db, term_id, m, msg);
	if (own)
		db_exec(db, "COMMIT", NULL);
	return rc;
}

/* The places of many lessons to a statement, (id, day, period, room) a row (a locked
 * lesson's only when it had no room and now has one), 256 rows to a statement and the rest
 * by 64, 16, 4 and 1: a statement on a table with triggers keeps a
 * journal of its own, so a statement a lesson was most of the time of a term's save. */
#define P4(v) v ", " v ", " v ", " v
#define P16(v) P4(v) ", " P4(v) ", " P4(v) ", " P4(v)
#define P64(v) P16(v) ", " P16(v) ", " P16(v) ", " P16(v)
#define P256(v) P64(v) ", " P64(v) ", " P64(v) ", " P64(v)
#define PLACES(rows)                                                                                        \
	"UPDATE lesson SET day = p.column2, period = p.column3, room_id = p.column4, rev = rev + 1 FROM (VALUES " \
	rows ") AS p WHERE lesson.id = p.column1 AND (lesson.locked = 0 OR (lesson.room_id IS NULL AND "   \
	"p.column4 IS NOT NULL AND lesson.day IS p.column2 AND lesson.period IS p.column3)) AND "             \
	"(lesson.day IS NOT p.column2 OR lesson.period IS NOT p.column3 OR lesson.room_id IS NOT p.column4)"

static const char *const places_sql[] = {PLACES(P256("(?, ?, ?, ?)")), PLACES(P64("(?, ?, ?, ?)")),
	PLACES(P16("(?, ?, ?, ?)")), PLACES(P4("(?, ?, ?, ?)")), PLACES("(?, ?, ?, ?)")};

/* Writes the places of the n lessons of list (model indexes) from *at on, ROWS(which) of
 * them. */
static int write_places(struct db *db, const struct tt_model *m, const int *list, int *at, int which, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, places_sql[which], msg);
	if (!st)
		return XQ_ERR;
	int rows = 256 >> 2 * which;
	for (int r = 0; r < rows; r++) {
		const struct tt_lesson *l = &m->lessons[list[*at + r]];
		sqlite3_bind_int64(st, 4 * r + 1, m->lesson_ext[list[*at + r]]);
		bind_long_null(st, 4 * r + 2, l->day >= 0 ? l->day + 1 : -1);
		bind_long_null(st, 4 * r + 3, l->day >= 0 ? l->period + 1 : -1);
		bind_id_null(st, 4 * r + 4, l->day >= 0 && l->room >= 0 ? m->room_ext[l->room] : 0);
	}
	*at += rows;
	return db_exec_stmt(db, st, msg);
}

int db_tt_save(struct db *db, const struct tt_model *m, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_OK;
	for (int s = 0; rc == XQ_OK && s < m->nschools; s++)
		rc = db_require_write(db, m->school_ext[s], 0, msg);
	int *list = xcalloc((size_t)m->nlessons + 1, sizeof *list), n = 0, at = 0;
	/* a locked lesson keeps its time and room: only a room it lacked is written */
	for (int i = 0; i < m->nlessons; i++)
		if (!m->lessons[i].locked || m->lessons[i].room >= 0)
			list[n++] = i;
	int max_vars = sqlite3_limit(db->h, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
	for (int which = 0; rc == XQ_OK && which < (int)XQ_NELEM(places_sql); which++) {
		int rows = 256 >> 2 * which;
		if (4 * rows > max_vars)
			continue;
		while (rc == XQ_OK && n - at >= rows)
			rc = write_places(db, m, list, &at, which, msg);
	}
	free(list);
	if (rc != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

/* ---- moving lessons by hand ---- */

/* Writes lesson i's place from the model. */
static int write_place(struct db *db, const struct tt_model *m, int i, char *msg)
{
	const struct tt_lesson *l = &m->lessons[i];
	sqlite3_stmt *st = db_stmt(db, "UPDATE lesson SET day = ?1, period = ?2, room_id = ?3, rev = rev + 1 WHERE id = ?4",
		msg);
	if (!st)
		return XQ_ERR;
	bind_long_null(st, 1, l->day >= 0 ? l->day + 1 : -1);
	bind_long_null(st, 2, l->period >= 0 ? l->period + 1 : -1);
	bind_id_null(st, 3, l->day >= 0 && l->room >= 0 ? m->room_ext[l->room] : 0);
	sqlite3_bind_int64(st, 4, m->lesson_ext[i]);
	return db_exec_stmt(db, st, msg);
}

/* Whether lesson i may be moved by the operator: its school's, and not locked. */
static int movable(struct db *db, const struct tt_model *m, int i, char *msg)
{
	const struct tt_lesson *l = &m->lessons[i];
	if (db_require_write(db, m->school_ext[m->courses[l->course].school], 0, msg) != XQ_OK)
		return XQ_ERR;
	if (l->locked) {
		xq_msg(msg, _("%s is locked: unlock it first"), m->courses[l->course].label);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* XQ_OK when none of the lessons takes part in a hard violation, else XQ_ERR with the
 * first in words. */
static int still_clean(const struct tt_model *m, const int *lessons, int n, char *msg)
{
	for (int k = 0; k < n; k++) {
		struct tt_violation v;
		if (m->lessons[lessons[k]].day >= 0 && tt_lesson_violations(m, lessons[k], &v) > 0) {
			char text[1024];
			tt_violation_text(m, &v, text, sizeof text);
			xq_msg(msg, _("that breaks a hard rule: %s"), text);
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

/* Whether course c may use room r: of its rooms, else of its school and kind. */
static bool room_allowed(const struct tt_model *m, const struct tt_course *c, int r)
{
	if (!c->nrooms)
		return m->rooms[r].school == c->school && (c->room_kind < 0 || m->rooms[r].kind == c->room_kind);
	for (int k = 0; k < c->nrooms; k++)
		if (c->rooms[k] == r)
			return true;
	return false;
}

/* A lesson placed without a room takes the first of its course's rooms (or of its school's
 * rooms of the course's kind) where it breaks no rule, one it had rather use (the heaviest
 * first) before the others; the first of them when none. */
static void pick_room(struct tt_model *m, int i)
{
	struct tt_lesson *l = &m->lessons[i];
	const struct tt_course *c = &m->courses[l->course];
	for (double above = 100;;) {
		double w = 0;
		for (int q = 0; q < c->nprefs; q++)
			if (c->pref_weights[q] < above && c->pref_weights[q] > w)
				w = c->pref_weights[q];
		if (w <= 0)
			break;
		for (int q = 0; q < c->nprefs; q++) {
			l->room = c->prefs[q];
			if (c->pref_weights[q] == w && room_allowed(m, c, l->room) && tt_lesson_violations(m, i, NULL) == 0)
				return;
		}
		above = w;
	}
	l->room = -1;
	int first = -1;
	for (int r = 0; r < m->nrooms; r++) {
		if (!room_allowed(m, c, r))
			continue;
		if (first < 0)
			first = r;
		l->room = r;
		if (tt_lesson_violations(m, i, NULL) == 0)
			return;
	}
	l->room = first;
}

struct move_args {
	int64_t term_id;
	const struct lesson_move *mv;
	int64_t a, b; /* a swap */
};

static int move_tx(struct db *db, const void *arg, void *out, char *msg)
{
	(void)out;
	const struct move_args *ma = arg;
	const struct lesson_move *mv = ma->mv;
	int64_t term_id = ma->term_id;
	struct tt_model m;
	if (db_tt_load(db, term_id, &m, msg) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_ERR, i = tt_find_ext(m.lesson_ext, m.nlessons, mv->lesson);
	if (i < 0) {
		xq_msg(msg, "%s", _("that lesson is no longer in the term"));
		goto out;
	}
	struct tt_lesson *l = &m.lessons[i];
	if (movable(db, &m, i, msg) != XQ_OK)
		goto out;
	if (l->day != mv->was_day || l->period != mv->was_period) {
		xq_msg(msg, "%s", _("someone else has moved that lesson meanwhile; look again"));
		goto out;
	}
	if (mv->day >= m.days || mv->period >= m.periods ||
	    (mv->day >= 0 && mv->period + m.courses[l->course].length > m.periods)) {
		xq_msg(msg, "%s", _("no such day and period in the term's week"));
		goto out;
	}
	l->day = mv->day < 0 ? -1 : mv->day;
	l->period = mv->day < 0 ? -1 : mv->period;
	if (mv->room_id) {
		int r = tt_find_ext(m.room_ext, m.nrooms, mv->room_id);
		if (r < 0) {
			xq_msg(msg, "%s", _("that room is not one of the term's schools'"));
			goto out;
		}
		l->room = r;
	}
	if (l->day >= 0 && l->room < 0)
		pick_room(&m, i);
	if (still_clean(&m, &i, 1, msg) != XQ_OK || write_place(db, &m, i, msg) != XQ_OK)
		goto out;
	rc = XQ_OK;
out:
	tt_model_free(&m);
	return rc;
}

int db_lesson_move(struct db *db, int64_t term_id, const struct lesson_move *mv, char *msg)
{
	struct move_args ma = {term_id, mv, 0, 0};
	return db_write_txn(db, false, move_tx, &ma, NULL, msg);
}

static int swap_tx(struct db *db, const void *arg, void *out, char *msg)
{
	(void)out;
	const struct move_args *ma = arg;
	int64_t term_id = ma->term_id, a = ma->a, b = ma->b;
	struct tt_model m;
	if (db_tt_load(db, term_id, &m, msg) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_ERR, ij[2] = {tt_find_ext(m.lesson_ext, m.nlessons, a), tt_find_ext(m.lesson_ext, m.nlessons, b)};
	if (ij[0] < 0 || ij[1] < 0 || ij[0] == ij[1]) {
		xq_msg(msg, "%s", _("a swap needs two different lessons of the term"));
		goto out;
	}
	if (movable(db, &m, ij[0], msg) != XQ_OK || movable(db, &m, ij[1], msg) != XQ_OK)
		goto out;
	struct tt_lesson *x = &m.lessons[ij[0]], *y = &m.lessons[ij[1]];
	int d = x->day, p = x->period, r = x->room;
	x->day = y->day;
	x->period = y->period;
	x->room = y->room;
	y->day = d;
	y->period = p;
	y->room = r;
	if (still_clean(&m, ij, 2, msg) != XQ_OK || write_place(db, &m, ij[0], msg) != XQ_OK ||
	    write_place(db, &m, ij[1], msg) != XQ_OK)
		goto out;
	rc = XQ_OK;
out:
	tt_model_free(&m);
	return rc;
}

int db_lesson_swap(struct db *db, int64_t term_id, int64_t a, int64_t b, char *msg)
{
	struct move_args ma = {term_id, NULL, a, b};
	return db_write_txn(db, false, swap_tx, &ma, NULL, msg);
}

static int lock_tx(struct db *db, void *rec, char *msg)
{
	const struct lesson_move *mv = rec; /* lesson, and day >= 0 to lock */
	sqlite3_stmt *st = db_stmt(db, "SELECT c.school_id, l.day IS NOT NULL FROM lesson l JOIN course c ON "
				       "c.id = l.course_id WHERE l.id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, mv->lesson);
	int64_t school = 0;
	bool placed = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		school = sqlite3_column_int64(st, 0);
		placed = sqlite3_column_int(st, 1) != 0;
	}
	db_done(st);
	if (!school) {
		xq_msg(msg, "%s", _("that lesson is no longer in the term"));
		return XQ_ERR;
	}
	if (db_require_write(db, school, 0, msg) != XQ_OK)
		return XQ_ERR;
	if (mv->day >= 0 && !placed) {
		xq_msg(msg, "%s", _("only a placed lesson is locked"));
		return XQ_ERR;
	}
	st = db_stmt(db, "UPDATE lesson SET locked = ?1, rev = rev + 1 WHERE id = ?2 AND locked <> ?1", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int(st, 1, mv->day >= 0);
	sqlite3_bind_int64(st, 2, mv->lesson);
	return db_exec_stmt(db, st, msg);
}

int db_lesson_lock(struct db *db, int64_t lesson_id, bool locked, char *msg)
{
	struct lesson_move mv = {lesson_id, 0, locked ? 0 : -1, 0, 0, 0};
	return guarded(db, lock_tx, &mv, msg);
}
