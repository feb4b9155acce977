/* activity.c: the activities logged under an agreement (讲座, 巡回指导 …), each dated within
 * the agreement's term, checked in the write's transaction. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "db/district.h"
#include "db/internal.h"

/* The agreement read and the activity written in one transaction: its term cannot change
 * between the check and the write. */
static int activity_insert(struct db *db, struct activity *act, char *msg)
{
	struct agreement a;
	if (db_agreement_get(db, act->agreement_id, &a) != XQ_OK) {
		xq_msg(msg, "%s", _("no such agreement"));
		return XQ_ERR;
	}
	if (db_require_write(db, a.supported_id, 0, msg) != XQ_OK || activity_in_agreement(act, &a, msg))
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO activity (id, agreement_id, date, kind, note) "
					"VALUES (" DB_NEW_ID("activity") ", ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, act->agreement_id);
	bind_text(st, 2, act->date);
	bind_text(st, 3, enum_key(activity_kind_items, act->kind));
	bind_text_null(st, 4, act->note);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	act->id = sqlite3_last_insert_rowid(db->h);
	act->rev = 1;
	return XQ_OK;
}

int db_activity_insert(struct db *db, struct activity *act, char *msg)
{
	if (activity_validate(act, msg) || db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (activity_insert(db, act, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

int db_activity_delete(struct db *db, int64_t id, int64_t rev, char *msg)
{
	int64_t school_id = db_lookup_id(db, "SELECT a.supported_id FROM activity x JOIN agreement a "
					     "ON a.id = x.agreement_id WHERE x.id = ?", id);
	if (db_require_write(db, school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	return db_delete_row(db, "DELETE FROM activity WHERE id = ?1 AND rev = ?2", "activity", id, rev, msg);
}

int db_activity_list(struct db *db, int64_t agreement_id, struct activity **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, rev, agreement_id, date, kind, note FROM activity "
					"WHERE agreement_id = ? ORDER BY date, id", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, agreement_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		struct activity *a = &(*rows)[(*n)++];
		memset(a, 0, sizeof *a);
		a->id = sqlite3_column_int64(st, 0);
		a->rev = sqlite3_column_int64(st, 1);
		a->agreement_id = sqlite3_column_int64(st, 2);
		col_text(st, 3, a->date, sizeof a->date);
		a->kind = col_enum(st, 4, activity_kind_items);
		col_text(st, 5, a->note, sizeof a->note);
	}
	db_done(st);
	return XQ_OK;
}
