/* rectification.c: rectifications (整改) of failed inspection items — owner school,
 * responsible person, deadline; open → reported (the school says it is done) → verified,
 * only by a later inspection of the same target that passes the same item. Overdue is
 * derived: open past the deadline. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/inspection.h"
#include "db/internal.h"

#define RECT_COLUMNS                                                                          \
	"r.id, r.rev, r.inspection_id, r.item_id, i.position, i.text, r.school_id, s.code, s.name, " \
	"r.person, r.deadline, r.status, coalesce(r.reported_on, ''), coalesce(r.verified_by, 0), " \
	"coalesce(r.note, ''), (r.status = 'open' AND r.deadline < ?1) FROM rectification r "   \
	"JOIN template_item i ON i.id = r.item_id JOIN school s ON s.id = r.school_id"

static void read_rect(sqlite3_stmt *st, struct rectification *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->rev = sqlite3_column_int64(st, 1);
	r->inspection_id = sqlite3_column_int64(st, 2);
	r->item_id = sqlite3_column_int64(st, 3);
	r->position = sqlite3_column_int(st, 4);
	col_text(st, 5, r->item_text, sizeof r->item_text);
	r->school_id = sqlite3_column_int64(st, 6);
	col_text(st, 7, r->school_code, sizeof r->school_code);
	col_text(st, 8, r->school_name, sizeof r->school_name);
	col_text(st, 9, r->person, sizeof r->person);
	col_text(st, 10, r->deadline, sizeof r->deadline);
	r->status = col_enum(st, 11, rect_status_items);
	col_text(st, 12, r->reported_on, sizeof r->reported_on);
	r->verified_by = sqlite3_column_int64(st, 13);
	col_text(st, 14, r->note, sizeof r->note);
	r->overdue = sqlite3_column_int(st, 15) != 0;
}

int db_rectification_get(struct db *db, int64_t id, struct rectification *r, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " RECT_COLUMNS " WHERE r.id = ?2", msg);
	if (!st)
		return XQ_ERR;
	char today[DATE_LEN];
	date_today(today);
	bind_text(st, 1, today);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_rect(st, r);
	else if (rc == SQLITE_DONE)
		xq_msg(msg, _("no rectification %lld"), (long long)id);
	else
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_rectification_list(struct db *db, bool overdue_only, int64_t school_id,
	struct rectification **rows, int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT " RECT_COLUMNS " WHERE (?2 = 0 OR (r.status = 'open' AND "
				       "r.deadline < ?1)) AND (?3 = 0 OR r.school_id = ?3) ORDER BY "
				       "(r.status = 'open' AND r.deadline < ?1) DESC, r.status = 'verified', "
				       "r.deadline, r.id", msg);
	if (!st)
		return XQ_ERR;
	char today[DATE_LEN];
	date_today(today);
	bind_text(st, 1, today);
	sqlite3_bind_int(st, 2, overdue_only);
	sqlite3_bind_int64(st, 3, school_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		read_rect(st, &(*rows)[(*n)++]);
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* The result of item position of an inspection: XQ_OK with *pass and the item's id. */
static int item_result(struct db *db, int64_t inspection_id, int position, int64_t *item_id, bool *pass,
	char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT i.id, r.pass FROM inspection x JOIN template_item i ON "
				       "i.template_id = x.template_id AND i.position = ?2 LEFT JOIN result r ON "
				       "r.inspection_id = x.id AND r.item_id = i.id WHERE x.id = ?1", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, inspection_id);
	sqlite3_bind_int(st, 2, position);
	int rc = sqlite3_step(st);
	bool scored = false;
	if (rc == SQLITE_ROW) {
		*item_id = sqlite3_column_int64(st, 0);
		scored = sqlite3_column_type(st, 1) != SQLITE_NULL;
		*pass = sqlite3_column_int(st, 1) != 0;
	}
	db_done(st);
	if (rc != SQLITE_ROW) {
		xq_msg(msg, _("inspection %lld has no item %d"), (long long)inspection_id, position);
		return XQ_ERR;
	}
	if (!scored) {
		xq_msg(msg, _("item %d of inspection %lld is not scored"), position, (long long)inspection_id);
		return XQ_ERR;
	}
	return XQ_OK;
}

static int rect_insert(struct db *db, struct rectification *r, char *msg)
{
	db_resolve_role(db);
	struct inspection in;
	if (db_inspection_get(db, r->inspection_id, &in, msg) != XQ_OK)
		return XQ_ERR;
	if (in.status < INSP_SUBMITTED) {
		xq_msg(msg, _("inspection %lld is %s; rectifications come from a submitted one"),
			(long long)in.id, enum_key(insp_status_items, in.status));
		return XQ_ERR;
	}
	if (strcmp(r->deadline, in.date) <= 0) {
		xq_msg(msg, _("the deadline %s is not after the inspection (%s)"), r->deadline, in.date);
		return XQ_ERR;
	}
	bool pass;
	if (item_result(db, in.id, r->position, &r->item_id, &pass, msg) != XQ_OK)
		return XQ_ERR;
	if (pass) {
		xq_msg(msg, _("item %d of inspection %lld passed: there is nothing to rectify"), r->position,
			(long long)in.id);
		return XQ_ERR;
	}
	if (r->school_id <= 0)
		r->school_id = in.school_id;
	if (r->school_id <= 0) {
		xq_msg(msg, "%s", _("a district's inspection: say which school owns the rectification (--school)"));
		return XQ_ERR;
	}
	if (in.district_id > 0 && db_lookup_id(db, "SELECT district_id FROM member WHERE school_id = ? AND "
						    "to_date IS NULL", r->school_id) != in.district_id) {
		xq_msg(msg, "%s", _("the owner school is not a member of the inspected district"));
		return XQ_ERR;
	}
	if (in.school_id > 0 && r->school_id != in.school_id) {
		xq_msg(msg, "%s", _("the owner of a school's rectification is that school"));
		return XQ_ERR;
	}
	if (db_require_write(db, r->school_id, in.district_id, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO rectification (id, inspection_id, item_id, school_id, person, "
				       "deadline, note) VALUES (" DB_NEW_ID("rectification") ", ?, ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, in.id);
	sqlite3_bind_int64(st, 2, r->item_id);
	sqlite3_bind_int64(st, 3, r->school_id);
	bind_text(st, 4, r->person);
	bind_text(st, 5, r->deadline);
	bind_text_null(st, 6, r->note);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	r->id = sqlite3_last_insert_rowid(db->h);
	r->rev = 1;
	r->status = RECT_OPEN;
	return XQ_OK;
}

int db_rectification_add(struct db *db, struct rectification *r, char *msg)
{
	if (!date_valid(r->deadline)) {
		xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), r->deadline);
		return XQ_ERR;
	}
	if (!r->person[0]) {
		xq_msg(msg, "%s", _("a responsible person is needed"));
		return XQ_ERR;
	}
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (rect_insert(db, r, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

static int rect_update(struct db *db, const struct rectification *r, int status, const char *reported_on,
	int64_t verified_by, const char *note, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE rectification SET status = ?, reported_on = ?, verified_by = ?, "
				       "note = coalesce(?, note), rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, enum_key(rect_status_items, status));
	bind_text_null(st, 2, reported_on);
	bind_id_null(st, 3, verified_by);
	bind_text_null(st, 4, note);
	sqlite3_bind_int64(st, 5, r->id);
	sqlite3_bind_int64(st, 6, r->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	return db_changes(db) ? XQ_OK : db_stale_or_missing(db, "rectification", r->id, msg);
}

static int rect_done(struct db *db, int64_t id, const char *note, char *msg)
{
	db_resolve_role(db);
	struct rectification r;
	if (db_rectification_get(db, id, &r, msg) != XQ_OK || db_require_write(db, r.school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	if (r.status != RECT_OPEN) {
		xq_msg(msg, _("rectification %lld is %s; only an open one is reported done"), (long long)id,
			enum_key(rect_status_items, r.status));
		return XQ_ERR;
	}
	char today[DATE_LEN];
	date_today(today);
	return rect_update(db, &r, RECT_REPORTED, today, 0, note, msg);
}

int db_rectification_done(struct db *db, int64_t id, const char *note, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (rect_done(db, id, note, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

static int rect_verify(struct db *db, int64_t id, int64_t by, char *msg)
{
	db_resolve_role(db);
	struct rectification r;
	struct inspection orig, later;
	if (db_rectification_get(db, id, &r, msg) != XQ_OK ||
		db_inspection_get(db, r.inspection_id, &orig, msg) != XQ_OK ||
		db_inspection_get(db, by, &later, msg) != XQ_OK)
		return XQ_ERR;
	if (r.status == RECT_VERIFIED) {
		xq_msg(msg, _("rectification %lld is verified already (by inspection %lld)"), (long long)id,
			(long long)r.verified_by);
		return XQ_ERR;
	}
	if (db->op.role != OPROLE_ADMIN && !inspection_team_has(later.team, db->op.login)) {
		xq_msg(msg, _("permission denied: only an admin or the team of inspection %lld verifies by it"),
			(long long)by);
		return XQ_ERR;
	}
	if (later.school_id != orig.school_id || later.district_id != orig.district_id) {
		xq_msg(msg, _("inspection %lld is not of %s, the target of inspection %lld"), (long long)by,
			orig.target_name, (long long)orig.id);
		return XQ_ERR;
	}
	if (strcmp(later.date, orig.date) <= 0 || later.id == orig.id) {
		xq_msg(msg, _("inspection %lld (%s) is not later than inspection %lld (%s)"), (long long)by,
			later.date, (long long)orig.id, orig.date);
		return XQ_ERR;
	}
	if (later.status < INSP_SUBMITTED) {
		xq_msg(msg, _("inspection %lld is %s; only a submitted or closed one verifies"), (long long)by,
			enum_key(insp_status_items, later.status));
		return XQ_ERR;
	}
	/* the same item: the same template name and position, whatever the version */
	sqlite3_stmt *st = db_stmt(db, "SELECT r.pass FROM template_item oi JOIN template ot ON ot.id = "
				       "oi.template_id JOIN inspection x ON x.id = ?2 JOIN template lt ON lt.id = "
				       "x.template_id AND lt.name = ot.name JOIN template_item li ON li.template_id "
				       "= lt.id AND li.position = oi.position JOIN result r ON r.inspection_id = x.id "
				       "AND r.item_id = li.id WHERE oi.id = ?1", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, r.item_id);
	sqlite3_bind_int64(st, 2, by);
	int rc = sqlite3_step(st);
	bool pass = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	db_done(st);
	if (rc != SQLITE_ROW) {
		xq_msg(msg, _("inspection %lld has no result for item %d (%s)"), (long long)by, r.position, r.item_text);
		return XQ_ERR;
	}
	if (!pass) {
		xq_msg(msg, _("item %d (%s) failed again in inspection %lld: the rectification stays %s"), r.position,
			r.item_text, (long long)by, enum_key(rect_status_items, r.status));
		return XQ_ERR;
	}
	return rect_update(db, &r, RECT_VERIFIED, r.reported_on, by, NULL, msg);
}

int db_rectification_verify(struct db *db, int64_t id, int64_t by_inspection, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (rect_verify(db, id, by_inspection, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}
