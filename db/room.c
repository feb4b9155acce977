/* room.c: rooms, shared by the timetables and facility sharing (db/room.h). */
#include "db/room.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "db/internal.h"
#include "db/school.h"

int room_check(const struct room_rec *r, char *msg)
{
	if (!r->name[0] || strchr(r->name, ':')) {
		xq_msg(msg, "%s", _("name: a room has a name, without ':' (SCHOOLCODE:NAME names it)"));
		return XQ_ERR;
	}
	int from = r->open_from[0] ? clock_parse(r->open_from) : -2;
	int to = r->open_to[0] ? clock_parse(r->open_to) : -2;
	if (from == -1 || to == -1) {
		xq_msg(msg, _("open_from: '%s'–'%s' are not clock times (HH:MM)"), r->open_from, r->open_to);
		return XQ_ERR;
	}
	if (from >= 0 && to >= 0 && to <= from) {
		xq_msg(msg, _("open_to: %s is not after %s"), r->open_to, r->open_from);
		return XQ_ERR;
	}
	if (from == 1440) {
		xq_msg(msg, "%s", _("open_from: a room opens before 24:00"));
		return XQ_ERR;
	}
	struct week_hours w;
	char why[XQ_MSG_MAX];
	if (r->hours[0] && !hours_parse(r->hours, &w, why)) {
		xq_msg(msg, _("hours: %s"), why);
		return XQ_ERR;
	}
	if (r->capacity < -1) {
		xq_msg(msg, "%s", _("capacity: a room holds 0 or more"));
		return XQ_ERR;
	}
	return XQ_OK;
}

static void bind_room(sqlite3_stmt *st, const struct room_rec *r)
{
	sqlite3_bind_int64(st, 1, r->school_id);
	bind_text(st, 2, r->name);
	bind_text(st, 3, enum_key(room_kind_items, r->kind));
	bind_long_null(st, 4, r->capacity);
	sqlite3_bind_int(st, 5, r->shareable);
	bind_text_null(st, 6, r->open_from);
	bind_text_null(st, 7, r->open_to);
	bind_text_null(st, 8, r->equipment);
	bind_text_null(st, 9, r->uses);
	bind_text_null(st, 10, r->hours);
}

/* The hours spec in its canonical form. */
static void canon_hours(struct room_rec *r)
{
	struct week_hours w;
	char why[XQ_MSG_MAX];
	if (r->hours[0] && hours_parse(r->hours, &w, why))
		hours_format(&w, r->hours, sizeof r->hours);
}

int db_room_insert(struct db *db, struct room_rec *r, char *msg)
{
	if (db_require_write(db, r->school_id, 0, msg) != XQ_OK || room_check(r, msg) != XQ_OK)
		return XQ_ERR;
	canon_hours(r);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO room (id, school_id, name, kind, capacity, shareable, open_from, "
				       "open_to, equipment, uses, hours) VALUES (" DB_NEW_ID("room")
				       ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", msg);
	if (!st)
		return XQ_ERR;
	bind_room(st, r);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	r->id = sqlite3_last_insert_rowid(db->h);
	r->rev = 1;
	return XQ_OK;
}

int db_room_update(struct db *db, struct room_rec *r, char *msg)
{
	if (db_require_write(db, r->school_id, 0, msg) != XQ_OK || room_check(r, msg) != XQ_OK)
		return XQ_ERR;
	canon_hours(r);
	sqlite3_stmt *st = db_stmt(db, "UPDATE room SET school_id = ?1, name = ?2, kind = ?3, capacity = ?4, "
				       "shareable = ?5, open_from = ?6, open_to = ?7, equipment = ?8, uses = ?9, "
				       "hours = ?10, rev = rev + 1 WHERE id = ?11 AND rev = ?12", msg);
	if (!st)
		return XQ_ERR;
	bind_room(st, r);
	sqlite3_bind_int64(st, 11, r->id);
	sqlite3_bind_int64(st, 12, r->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "room", r->id, msg);
	r->rev++;
	return XQ_OK;
}

#define ROOM_COLS "r.id, r.rev, s.code, r.school_id, s.name, r.name, r.kind, coalesce(r.capacity, -1), " \
		  "r.shareable, coalesce(r.open_from, ''), coalesce(r.open_to, ''), coalesce(r.equipment, ''), " \
		  "coalesce(r.uses, ''), coalesce(r.hours, '') FROM room r JOIN school s ON s.id = r.school_id"

static void read_room(sqlite3_stmt *st, void *row)
{
	struct room_rec *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, r->school_code, sizeof r->school_code);
	r->school_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, r->school_name, sizeof r->school_name);
	col_text(st, 5, r->name, sizeof r->name);
	r->kind = col_enum(st, 6, room_kind_items);
	r->capacity = (long)sqlite3_column_int64(st, 7);
	r->shareable = sqlite3_column_int(st, 8) != 0;
	col_text(st, 9, r->open_from, sizeof r->open_from);
	col_text(st, 10, r->open_to, sizeof r->open_to);
	col_text(st, 11, r->equipment, sizeof r->equipment);
	col_text(st, 12, r->uses, sizeof r->uses);
	col_text(st, 13, r->hours, sizeof r->hours);
}

int db_room_find(struct db *db, int64_t school_id, const char *name, struct room_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ROOM_COLS " WHERE r.school_id = ? AND r.name = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, school_id);
	bind_text(st, 2, name);
	return db_one_row(st, read_room, out);
}

int db_room_get(struct db *db, int64_t id, struct room_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ROOM_COLS " WHERE r.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row(st, read_room, out);
}

int db_room_named(struct db *db, const char *spec, struct room_rec *out, char *msg)
{
	const char *colon = strchr(spec, ':');
	char code[CODE_LEN + 8];
	if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof code || !colon[1]) {
		xq_msg(msg, _("'%s' does not name a room: SCHOOLCODE:NAME, such as 2145060348:操场"), spec);
		return XQ_ERR;
	}
	snprintf(code, sizeof code, "%.*s", (int)(colon - spec), spec);
	struct school s;
	if (db_school_by_code(db, code, &s) != XQ_OK) {
		xq_msg(msg, _("unknown school code %s"), code);
		return XQ_ERR;
	}
	int rc = db_room_find(db, s.id, colon + 1, out);
	if (rc == XQ_NOTFOUND)
		xq_msg(msg, _("the school %s has no room named %s"), code, colon + 1);
	else if (rc != XQ_OK)
		db_errmsg(db, msg);
	return rc;
}

int db_room_each_of(struct db *db, const struct room_query *q, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ROOM_COLS " WHERE (?1 = 0 OR r.school_id = ?1) AND "
				       "(?2 IS NULL OR r.kind = ?2) AND (?3 = 0 OR r.shareable = 1) ORDER BY s.code, r.name",
		NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, q->school_id);
	if (q->kind >= 0)
		bind_text(st, 2, enum_key(room_kind_items, q->kind));
	sqlite3_bind_int(st, 3, q->shareable);
	int rc = SQLITE_DONE, ret = XQ_OK;
	struct room_rec r;
	while (ret == XQ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_room(st, &r);
		ret = fn(ctx, &r);
	}
	db_done(st);
	return ret != XQ_OK || (rc != SQLITE_ROW && rc != SQLITE_DONE) ? XQ_ERR : XQ_OK;
}

int db_room_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	struct room_query q = {0, -1, false};
	return db_room_each_of(db, &q, fn, ctx);
}

bool db_room_hours(struct db *db, const struct room_rec *r, int64_t term_id, struct week_hours *w)
{
	char spec[HOURS_LEN] = "";
	if (term_id > 0) {
		sqlite3_stmt *st = db_stmt(db, "SELECT hours FROM room_hours WHERE room_id = ? AND term_id = ?", NULL);
		if (st) {
			sqlite3_bind_int64(st, 1, r->id);
			sqlite3_bind_int64(st, 2, term_id);
			if (sqlite3_step(st) == SQLITE_ROW)
				col_text(st, 0, spec, sizeof spec);
			db_done(st);
		}
	}
	return week_hours_of(spec, r->hours, r->open_from, r->open_to, w);
}

int db_room_term_hours(struct db *db, const struct room_rec *r, int64_t term_id, const char *hours, char *msg)
{
	struct week_hours w;
	char why[XQ_MSG_MAX], canon[HOURS_LEN];
	if (db_require_write(db, r->school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	if (*hours && !hours_parse(hours, &w, why)) {
		xq_msg(msg, _("hours: %s"), why);
		return XQ_ERR;
	}
	sqlite3_stmt *st;
	if (!*hours) {
		st = db_stmt(db, "DELETE FROM room_hours WHERE room_id = ? AND term_id = ?", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int64(st, 2, term_id);
		return db_exec_stmt(db, st, msg);
	}
	hours_format(&w, canon, sizeof canon);
	st = db_stmt(db, "INSERT INTO room_hours (id, room_id, term_id, hours) VALUES (" DB_NEW_ID("room_hours")
			 ", ?1, ?2, ?3) ON CONFLICT (room_id, term_id) DO UPDATE SET hours = excluded.hours, "
			 "rev = rev + 1", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, term_id);
	bind_text(st, 3, canon);
	return db_exec_stmt(db, st, msg);
}
