/* audit.c: reading the audit log (the triggers of schema.c write it). */
#include <string.h>

#include "core/i18n.h"
#include "db/audit.h"
#include "db/internal.h"

int db_audit_last(struct db *db, const char *table, int64_t row_id, struct audit_entry *out)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, at, login, coalesce(sudo_user, ''), tbl, row_id, op FROM audit "
		"WHERE tbl = ? AND row_id = ? ORDER BY id DESC LIMIT 1", NULL);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, table);
	sqlite3_bind_int64(st, 2, row_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_done(st);
		return rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
	}
	out->id = sqlite3_column_int64(st, 0);
	col_text(st, 1, out->at, sizeof out->at);
	col_text(st, 2, out->login, sizeof out->login);
	col_text(st, 3, out->sudo_user, sizeof out->sudo_user);
	col_text(st, 4, out->table, sizeof out->table);
	out->row_id = sqlite3_column_int64(st, 5);
	col_text(st, 6, out->op, sizeof out->op);
	db_done(st);
	return XQ_OK;
}

void db_audit_describe_change(struct db *db, const char *table, int64_t row_id, char *msg)
{
	struct audit_entry e;
	if (db_audit_last(db, table, row_id, &e) != XQ_OK) {
		xq_msg(msg, "%s", _("changed by someone else"));
		return;
	}
	/* "2026-11-22T08:01:02.345Z" -> "2026-11-22 08:01:02 UTC" */
	char when[32];
	xq_copy(when, sizeof when, e.at);
	if (strlen(when) >= 19) {
		when[10] = ' ';
		strcpy(when + 19, " UTC");
	}
	bool deleted = strcmp(e.op, "delete") == 0;
	if (e.sudo_user[0] && strcmp(e.sudo_user, e.login) != 0) {
		if (deleted)
			xq_msg(msg, _("deleted by %s (as %s) at %s"), e.sudo_user, e.login, when);
		else
			xq_msg(msg, _("changed by %s (as %s) at %s"), e.sudo_user, e.login, when);
	} else if (deleted)
		xq_msg(msg, _("deleted by %s at %s"), e.login, when);
	else
		xq_msg(msg, _("changed by %s at %s"), e.login, when);
}

long db_audit_count(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM audit", NULL);
	long n = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	db_done(st);
	return n;
}
