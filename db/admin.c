/* admin.c: integrity and rule checks, backups, and the operator table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/priv.h"
#include "core/text.h"
#include "db/admin.h"
#include "db/integrity.h"
#include "db/internal.h"

/* Domain invariants, each a query whose rows are findings: up to four text columns, put
 * into the finding's sentence in order. */
static const struct {
	const char *sql;
	const char *what;
} invariants[] = {
	{"SELECT d.name, s.name "
	 "FROM district d JOIN school s ON s.id = d.lead_school_id WHERE NOT EXISTS (SELECT 1 FROM "
	 "member m WHERE m.district_id = d.id AND m.school_id = d.lead_school_id AND m.to_date IS NULL "
	 "AND m.role = 'lead')",
		N_("district %s: lead school %s is not its current lead member")},
	{"SELECT d.name, s.name "
	 "FROM member m JOIN district d ON d.id = m.district_id JOIN school s ON s.id = m.school_id "
	 "WHERE m.role = 'lead' AND m.to_date IS NULL AND d.lead_school_id IS NOT m.school_id",
		N_("district %s: %s is a lead member but not the lead school")},
	{"SELECT d.name FROM district d "
	 "WHERE d.lead_school_id IS NULL AND EXISTS (SELECT 1 FROM member m WHERE m.district_id = d.id "
	 "AND m.to_date IS NULL)",
		N_("district %s: has current members but no lead school")},
	{"SELECT s.name, d1.name, d2.name "
	 "FROM member a JOIN member b ON a.school_id = b.school_id AND a.id < b.id "
	 "AND a.from_date < coalesce(b.to_date, '9999-12-31') AND b.from_date < "
	 "coalesce(a.to_date, '9999-12-31') JOIN school s ON s.id = a.school_id JOIN district d1 ON "
	 "d1.id = a.district_id JOIN district d2 ON d2.id = b.district_id",
		N_("school %s: in more than one district at a time (%s, %s)")},
	{"SELECT name FROM school WHERE (lat IS NULL) <> (lon IS NULL)",
		N_("school %s: only one of lat and lon is given")},
	{"SELECT name, classes, students "
	 "FROM school WHERE classes > 0 AND students >= 0 AND classes > students",
		N_("school %s: %s classes for %s students")},
	{"SELECT staff_no, name "
	 "FROM teacher WHERE birth_date IS NOT NULL AND joined_school_on IS NOT NULL AND "
	 "joined_school_on < date(birth_date, '+16 years')",
		N_("teacher %s %s: joined the school before turning 16")},
	{"SELECT staff_no, name, post "
	 "FROM teacher WHERE post <> 'teacher' AND post_since IS NULL",
		N_("teacher %s %s: is %s but has no post_since date")},
	{"SELECT x.date, sa.name, sb.name "
	 "FROM activity x JOIN agreement a ON a.id = x.agreement_id JOIN school sa ON sa.id = "
	 "a.supporting_id JOIN school sb ON sb.id = a.supported_id WHERE x.date < a.start_date OR "
	 "(a.end_date IS NOT NULL AND x.date > a.end_date)",
		N_("activity on %s is outside its agreement %s → %s")},
	/* the placeholders timetable import-fet --create gives what a FET file does not say */
	{"SELECT code, name FROM school WHERE code GLOB '00000[0-9][0-9][0-9][0-9][0-9]'",
		N_("school %s %s: a placeholder code from a FET file; set its code, level and location")},
	{"SELECT staff_no, name FROM teacher WHERE staff_no GLOB 'FET[0-9][0-9][0-9][0-9][0-9][0-9]'",
		N_("teacher %s %s: a placeholder from a FET file; set the staff number, gender, education and employment")},
};

long db_check(struct db *db, void (*problem)(void *ctx, const char *what), void *ctx)
{
	long found = 0;
	char buf[1024];
	sqlite3_stmt *st = db_stmt(db, "PRAGMA integrity_check", NULL);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok") != 0) {
			snprintf(buf, sizeof buf, _("integrity: %s"), r);
			problem(ctx, buf);
			found++;
		}
	}
	db_done(st);
	st = db_stmt(db, "PRAGMA foreign_key_check", NULL);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, sizeof buf, _("foreign key: %s row %lld refers to a missing %s"),
			(const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			(const char *)sqlite3_column_text(st, 2));
		problem(ctx, buf);
		found++;
	}
	db_done(st);
	for (size_t i = 0; i < XQ_NELEM(invariants); i++) {
		st = db_stmt(db, invariants[i].sql, NULL);
		if (!st)
			return -1;
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *c[4];
			for (int k = 0; k < 4; k++) {
				const unsigned char *t =
					k < sqlite3_column_count(st) ? sqlite3_column_text(st, k) : NULL;
				c[k] = t ? (const char *)t : "";
			}
			snprintf(buf, sizeof buf, _(invariants[i].what), c[0], c[1], c[2], c[3]);
			problem(ctx, buf);
			found++;
		}
		db_done(st);
	}
	long bad_text = db_check_text(db, problem, ctx);
	long schema = bad_text < 0 ? -1 : db_check_schema(db, problem, ctx);
	long audit = schema < 0 ? -1 : db_check_audit(db, problem, ctx);
	if (bad_text < 0 || schema < 0 || audit < 0)
		return -1;
	return found + bad_text + schema + audit;
}

int db_require_admin_to_replace(struct db *db, char *msg)
{
	if (db->op.role == OPROLE_ADMIN)
		return XQ_OK;
	xq_msg(msg, _("permission denied: replacing the live database %s needs the admin role; %s is %s"),
		db->path, db->op.login, db->op_registered ? enum_key(op_role_items, db->op.role) :
							    _("not a registered operator"));
	return XQ_ERR;
}

/* Whether dest is the live database file or its -wal or -shm (the same inode). */
static bool is_live_file(struct db *db, const struct stat *dest)
{
	static const char *const sides[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < XQ_NELEM(sides); i++) {
		char *p = xasprintf("%s%s", db->path, sides[i]);
		struct stat sb;
		bool same = stat(p, &sb) == 0 && sb.st_dev == dest->st_dev && sb.st_ino == dest->st_ino;
		free(p);
		if (same)
			return true;
	}
	return false;
}

/* Why a backup's copy could not be written: a full disk or a file size limit said plainly
 * (the system's own words), with the assurance that the database itself is untouched. */
static void backup_failed(sqlite3 *out, int rc, const char *dest, char *msg)
{
	int err = sqlite3_system_errno(out);
	int code = rc & 0xff;
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && err))
		xq_msg(msg, _("backup failed: cannot write %s: %s; the database is unchanged and no "
			      "backup was left"), dest, strerror(err ? err : ENOSPC));
	else
		xq_msg(msg, _("backup failed: %s"), sqlite3_errstr(rc));
}

int db_backup(struct db *db, const char *dest, bool overwrite, char *msg)
{
	struct stat sb;
	char why[XQ_MSG_MAX];
	if (!priv_regular_or_missing(dest, why)) {
		xq_msg(msg, "%s: %s", dest, why);
		return XQ_ERR;
	}
	/* the live files are seen with the program's rights, the caller's with theirs */
	if (stat(dest, &sb) == 0 && is_live_file(db, &sb) && db_require_admin_to_replace(db, msg) != XQ_OK)
		return XQ_ERR;
	if (!overwrite && priv_exists(dest)) {
		xq_msg(msg, _("%s exists already; use --force to replace it"), dest);
		return XQ_ERR;
	}
	/* the destination is the caller's file: their rights, their eyes only; the source's
	 * files are open already */
	priv_user_begin();
	char *tmp = xasprintf("%s.tmp-%ld", dest, (long)getpid());
	sqlite3 *out = NULL;
	int rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK || chmod(tmp, 0600) != 0) {
		xq_msg(msg, _("%s: cannot create: %s"), dest, out ? sqlite3_errmsg(out) : strerror(errno));
		sqlite3_close(out);
		unlink(tmp);
		free(tmp);
		priv_user_end();
		return XQ_ERR;
	}
	sqlite3_backup *b = sqlite3_backup_init(out, "main", db->h, "main");
	if (!b) {
		xq_msg(msg, _("backup failed: %s"), sqlite3_errmsg(out));
		goto fail;
	}
	/* copy in steps; a step that meets another writer's lock waits and goes on */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		backup_failed(out, rc, dest, msg);
		goto fail;
	}
	if (sqlite3_close(out) != SQLITE_OK) {
		xq_msg(msg, _("backup failed while closing %s"), tmp);
		out = NULL;
		goto fail;
	}
	out = NULL;
	if (rename(tmp, dest) != 0) {
		xq_msg(msg, "%s: %s", dest, strerror(errno));
		goto fail;
	}
	free(tmp);
	priv_user_end();
	return XQ_OK;
fail:
	if (out)
		sqlite3_close(out);
	/* no half-written file stays behind: the copy, nor its journal */
	unlink(tmp);
	char *side = xasprintf("%s-journal", tmp);
	unlink(side);
	free(side);
	free(tmp);
	priv_user_end();
	return XQ_ERR;
}

int db_operator_list(struct db *db, struct operator **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, rev, login, role, coalesce(district_id, 0), "
					"coalesce(school_id, 0) FROM operator ORDER BY login", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		struct operator *o = &(*rows)[(*n)++];
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->rev = sqlite3_column_int64(st, 1);
		col_text(st, 2, o->login, sizeof o->login);
		o->role = col_enum(st, 3, op_role_items);
		o->district_id = sqlite3_column_int64(st, 4);
		o->school_id = sqlite3_column_int64(st, 5);
	}
	db_done(st);
	return XQ_OK;
}

/* Operators change inside an IMMEDIATE transaction that first reads the caller's role
 * again: an admin demoted or removed by another admin a moment ago is an admin no more,
 * so two admins demoting each other at once cannot leave the database without one (the
 * schema's triggers refuse that too). */
static int operator_set_checked(struct db *db, struct operator *op, char *msg);
static int operator_remove_checked(struct db *db, const char *login, char *msg);

static int operator_write(struct db *db, struct operator *op, const char *remove, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	db_resolve_role(db);
	int rc = remove ? operator_remove_checked(db, remove, msg) : operator_set_checked(db, op, msg);
	if (rc == XQ_OK)
		return db_commit(db, msg);
	db_cancel(db);
	return rc;
}

int db_operator_set(struct db *db, struct operator *op, char *msg)
{
	return operator_write(db, op, NULL, msg);
}

int db_operator_remove(struct db *db, const char *login, char *msg)
{
	return operator_write(db, NULL, login, msg);
}

static int operator_set_checked(struct db *db, struct operator *op, char *msg)
{
	if (db->op.role != OPROLE_ADMIN) {
		xq_msg(msg, "%s", _("permission denied: only an admin may change operators"));
		return XQ_ERR;
	}
	if (!op->login[0] || strchr(op->login, ' ') || text_needs_escape(op->login)) {
		xq_msg(msg, _("'%s' is not a login name"), op->login);
		return XQ_ERR;
	}
	if (op->role == OPROLE_DISTRICT_ADMIN && op->district_id <= 0 && op->school_id <= 0) {
		xq_msg(msg, "%s", _("a district admin needs --district NAME or --school CODE"));
		return XQ_ERR;
	}
	if (op->role != OPROLE_ADMIN) {
		/* never leave the database without an admin */
		sqlite3_stmt *q = db_stmt(db, "SELECT count(*) FROM operator WHERE role = 'admin' AND "
					      "login <> ?", msg);
		if (!q)
			return XQ_ERR;
		bind_text(q, 1, op->login);
		long others = sqlite3_step(q) == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : 0;
		db_done(q);
		if (others == 0) {
			sqlite3_stmt *me = db_stmt(db, "SELECT count(*) FROM operator WHERE login = ? AND "
						       "role = 'admin'", msg);
			if (!me)
				return XQ_ERR;
			bind_text(me, 1, op->login);
			bool was_admin = sqlite3_step(me) == SQLITE_ROW && sqlite3_column_int64(me, 0) > 0;
			db_done(me);
			if (was_admin) {
				xq_msg(msg, _("%s is the only admin; make someone else admin first"), op->login);
				return XQ_ERR;
			}
		}
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO operator (id, login, role, district_id, school_id) "
					"VALUES (" DB_NEW_ID("operator") ", ?1, ?2, ?3, ?4) ON CONFLICT (login) DO UPDATE SET "
					"role = ?2, district_id = ?3, school_id = ?4, rev = rev + 1", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, op->login);
	bind_text(st, 2, enum_key(op_role_items, op->role));
	bind_id_null(st, 3, op->district_id);
	bind_id_null(st, 4, op->school_id);
	return db_exec_stmt(db, st, msg);
}

static int operator_remove_checked(struct db *db, const char *login, char *msg)
{
	if (db->op.role != OPROLE_ADMIN) {
		xq_msg(msg, "%s", _("permission denied: only an admin may change operators"));
		return XQ_ERR;
	}
	if (strcmp(login, db->op.login) == 0) {
		xq_msg(msg, "%s", _("you cannot remove yourself; another admin can"));
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM operator WHERE login = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, login);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0) {
		xq_msg(msg, _("no operator %s"), login);
		return XQ_NOTFOUND;
	}
	return XQ_OK;
}

int db_operator_bootstrap(struct db *db, char *msg)
{
	struct operator op = {0};
	/* through sudo, the person behind it (root's SUDO_USER, core/priv.h) rather than root */
	bool sudo = db->sudo_user[0] != '\0';
	xq_copy(op.login, sizeof op.login, sudo ? db->sudo_user : db->op.login);
	op.role = OPROLE_ADMIN;
	if (db_operator_set(db, &op, msg) != XQ_OK)
		return XQ_ERR;
	db->op.role = OPROLE_ADMIN; /* for the rest of this session, as creator */
	db->op_registered = !sudo;
	return XQ_OK;
}
