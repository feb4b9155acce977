/* history.c: reading the audit log by record or county-wide, and undoing a change by
 * writing back the values it replaced (the audit triggers record the undo in turn). */
#include "db/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/i18n.h"
#include "db/inspection.h"
#include "db/internal.h"

void history_query_init(struct history_query *q)
{
	memset(q, 0, sizeof *q);
}

#define H_WHERE " FROM audit a WHERE (?1 IS NULL OR a.tbl = ?1) AND (?2 IS NULL OR a.row_id = ?2)"
/* the name of whom a row without a name of its own belongs to */
#define H_OWNER                                                                              \
	"CASE a.tbl WHEN 'exemption' THEN (SELECT name FROM teacher WHERE id = "                \
	"json_extract(coalesce(a.after, a.before), '$.teacher_id')) "                           \
	"WHEN 'exchange' THEN (SELECT name FROM teacher WHERE id = "                            \
	"json_extract(coalesce(a.after, a.before), '$.teacher_id')) "                           \
	"WHEN 'member' THEN (SELECT name FROM school WHERE id = "                               \
	"json_extract(coalesce(a.after, a.before), '$.school_id')) "                            \
	"WHEN 'agreement' THEN (SELECT name FROM school WHERE id = "                            \
	"json_extract(coalesce(a.after, a.before), '$.supported_id')) "                         \
	"WHEN 'activity' THEN (SELECT s.name FROM agreement g JOIN school s ON s.id = "          \
	"g.supported_id WHERE g.id = json_extract(coalesce(a.after, a.before), '$.agreement_id')) " \
	"WHEN 'inspection' THEN (SELECT coalesce((SELECT name FROM school WHERE id = "            \
	"json_extract(coalesce(a.after, a.before), '$.school_id')), (SELECT name FROM district "  \
	"WHERE id = json_extract(coalesce(a.after, a.before), '$.district_id')))) "              \
	"WHEN 'result' THEN (SELECT coalesce(s.name, d.name) || ' ' || x.date || ' #' || i.position " \
	"FROM inspection x LEFT JOIN school s ON s.id = x.school_id LEFT JOIN district d ON "       \
	"d.id = x.district_id LEFT JOIN template_item i ON i.id = "                              \
	"json_extract(coalesce(a.after, a.before), '$.item_id') WHERE x.id = "                    \
	"json_extract(coalesce(a.after, a.before), '$.inspection_id')) "                         \
	"WHEN 'rectification' THEN (SELECT s.name || ' ' || "                                   \
	"json_extract(coalesce(a.after, a.before), '$.deadline') FROM school s WHERE s.id = "     \
	"json_extract(coalesce(a.after, a.before), '$.school_id')) "                             \
	"WHEN 'template_item' THEN (SELECT name || ' v' || version || ' #' || "                 \
	"json_extract(coalesce(a.after, a.before), '$.position') FROM template WHERE id = "       \
	"json_extract(coalesce(a.after, a.before), '$.template_id')) "                           \
	"END"
#define H_COLS                                                                               \
	"a.id, a.at, a.login, coalesce(a.sudo_user, ''), a.tbl, a.row_id, a.op, a.before, "      \
	"a.after, " H_OWNER ", coalesce(a.origin, '')"

static void bind_hquery(sqlite3_stmt *st, const void *query)
{
	const struct history_query *q = query;
	if (q->table && *q->table)
		bind_text(st, 1, q->table);
	if (q->row_id > 0)
		sqlite3_bind_int64(st, 2, q->row_id);
}

/* Fills the row from the statement; the versions go to before/after when asked. */
static void read_entry(sqlite3_stmt *st, struct history_row *r, char **before, char **after)
{
	memset(r, 0, sizeof *r);
	r->e.id = sqlite3_column_int64(st, 0);
	col_text(st, 1, r->e.at, sizeof r->e.at);
	col_text(st, 2, r->e.login, sizeof r->e.login);
	col_text(st, 3, r->e.sudo_user, sizeof r->e.sudo_user);
	col_text(st, 4, r->e.table, sizeof r->e.table);
	r->e.row_id = sqlite3_column_int64(st, 5);
	col_text(st, 6, r->e.op, sizeof r->e.op);
	const char *b = (const char *)sqlite3_column_text(st, 7);
	const char *a = (const char *)sqlite3_column_text(st, 8);
	struct hist_fields fb, fa;
	hist_parse(b, &fb);
	hist_parse(a, &fa);
	if (strcmp(r->e.op, "update") == 0)
		hist_changed_keys(&fb, &fa, r->fields, sizeof r->fields);
	const struct hist_fields *v = fa.n ? &fa : &fb;
	hist_label(v, r->label, sizeof r->label);
	if (!r->label[0]) {
		const char *owner = (const char *)sqlite3_column_text(st, 9), *date = hist_date(v);
		snprintf(r->label, sizeof r->label, "%s%s%s", owner ? owner : "", owner && date ? " " : "",
			date ? date : "");
	}
	col_text(st, 10, r->origin, sizeof r->origin);
	hist_fields_free(&fb);
	hist_fields_free(&fa);
	if (before)
		*before = b ? xstrdup(b) : NULL;
	if (after)
		*after = a ? xstrdup(a) : NULL;
}

static void read_hrow(sqlite3_stmt *st, void *row)
{
	read_entry(st, row, NULL, NULL);
}

long db_history_count(struct db *db, const struct history_query *q)
{
	return db_paged_count(db, "SELECT count(*)" H_WHERE, bind_hquery, q);
}

int db_history_page(struct db *db, const struct history_query *q, long offset, int limit,
	struct history_row *rows)
{
	return db_paged_rows(db, "SELECT " H_COLS H_WHERE " ORDER BY a.id DESC LIMIT ?3 OFFSET ?4",
		bind_hquery, q, 3, offset, limit, rows, sizeof *rows, read_hrow);
}

long db_history_position(struct db *db, const struct history_query *q, int64_t id)
{
	/* newest first: the position is the number of later changes shown */
	return db_paged_position(db,
		"SELECT (SELECT count(*)" H_WHERE " AND a.id > ?3) WHERE EXISTS (SELECT 1" H_WHERE
		" AND a.id = ?3)", bind_hquery, q, 3, id);
}

int db_history_get(struct db *db, int64_t audit_id, struct history_item *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, "SELECT " H_COLS " FROM audit a WHERE a.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, audit_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_entry(st, &out->r, &out->before, &out->after);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

void history_item_free(struct history_item *it)
{
	free(it->before);
	free(it->after);
	it->before = it->after = NULL;
}

/* undo */

/* The three statements of a table's undo, built once from its audited columns: restore
 * (?1 the JSON of the earlier version, ?2 id, ?3 rev now), remove (?1 id, ?2 rev now) and
 * reinsert (?1 JSON, ?2 id, ?3 rev). Only column names are put into the text; every value
 * is a parameter. */
enum { UNDO_RESTORE, UNDO_REMOVE, UNDO_REINSERT };
#define UNDO_TABLES 16
static struct {
	char table[32];
	char *sql[3];
} undo_sql[UNDO_TABLES];

static const char *undo_statement(const char *table, int which)
{
	const char *columns = db_audited_columns(table);
	if (!columns)
		return NULL;
	int i;
	for (i = 0; i < UNDO_TABLES && undo_sql[i].table[0]; i++)
		if (strcmp(undo_sql[i].table, table) == 0)
			return undo_sql[i].sql[which];
	if (i == UNDO_TABLES)
		return NULL;
	struct strbuf set, names, values;
	sb_init(&set);
	sb_init(&names);
	sb_init(&values);
	char cols[512];
	xq_copy(cols, sizeof cols, columns);
	for (char *save = NULL, *c = strtok_r(cols, " ", &save); c; c = strtok_r(NULL, " ", &save)) {
		if (strcmp(c, "rev") == 0)
			continue;
		/* a field the version lacks (a column added later) is left as it is */
		sb_printf(&set, "%s = CASE WHEN json_type(?1, '$.%s') IS NULL THEN %s ELSE "
				"json_extract(?1, '$.%s') END, ", c, c, c, c);
		sb_printf(&names, ", %s", c);
		sb_printf(&values, ", json_extract(?1, '$.%s')", c);
	}
	xq_copy(undo_sql[i].table, sizeof undo_sql[i].table, table);
	undo_sql[i].sql[UNDO_RESTORE] = xasprintf("UPDATE %s SET %srev = rev + 1 WHERE id = ?2 AND "
						  "rev = ?3", table, set.s ? set.s : "");
	undo_sql[i].sql[UNDO_REMOVE] = xasprintf("DELETE FROM %s WHERE id = ?1 AND rev = ?2", table);
	undo_sql[i].sql[UNDO_REINSERT] = xasprintf("INSERT INTO %s (id, rev%s) VALUES (?2, ?3%s)",
		table, names.s ? names.s : "", values.s ? values.s : "");
	sb_free(&set);
	sb_free(&names);
	sb_free(&values);
	return undo_sql[i].sql[which];
}

static int64_t num(const struct hist_fields *f, const char *key)
{
	const char *v = hist_get(f, key);
	return v ? strtoll(v, NULL, 10) : 0;
}

/* The inspection's status now, -1 when it is gone. */
static int inspection_status_now(struct db *db, int64_t id, struct inspection *in)
{
	char m[XQ_MSG_MAX];
	return db_inspection_get(db, id, in, m) == XQ_OK ? in->status : -1;
}

/* Inspections, results, templates and rectifications: who may undo what, and what no undo
 * may touch — a closed inspection, the results of a submitted one, a template version an
 * inspection uses, a verified rectification. */
static int undo_inspection_allowed(struct db *db, const char *table, const struct hist_fields *v,
	bool whole_row, char *msg)
{
	struct inspection in;
	if (strcmp(table, "inspection") == 0) {
		if (db_require_write(db, num(v, "school_id"), num(v, "district_id"), msg) != XQ_OK)
			return XQ_ERR;
		if (inspection_status_now(db, num(v, "id"), &in) == INSP_CLOSED) {
			xq_msg(msg, _("inspection %lld is closed: its record no longer changes"),
				(long long)in.id);
			return XQ_ERR;
		}
		/* neither gone nor planned again while it holds results */
		const char *status = hist_get(v, "status");
		if ((whole_row || (status && strcmp(status, "planned") == 0)) &&
		    db_lookup_id(db, "SELECT count(*) FROM result WHERE inspection_id = ?", num(v, "id")) > 0) {
			xq_msg(msg, _("inspection %lld has results: undo its scores first"),
				(long long)num(v, "id"));
			return XQ_ERR;
		}
		return XQ_OK;
	}
	if (strcmp(table, "result") == 0)
		return db_inspection_may_score(db, num(v, "inspection_id"), msg);
	if (strcmp(table, "rectification") == 0) {
		int64_t id = num(v, "id");
		if (db_require_write(db, num(v, "school_id"), 0, msg) != XQ_OK)
			return XQ_ERR;
		sqlite3_stmt *st = db_stmt(db, "SELECT status = 'verified' FROM rectification WHERE id = ?", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, id);
		bool verified = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		db_done(st);
		if (verified) {
			xq_msg(msg, _("rectification %lld is verified by a later inspection: it no longer changes"),
				(long long)id);
			return XQ_ERR;
		}
		return XQ_OK;
	}
	/* template, template_section, template_item: imports are an admin's */
	if (db->op.role != OPROLE_ADMIN) {
		xq_msg(msg, "%s", _("permission denied: only an admin may change checklist templates"));
		return XQ_ERR;
	}
	int64_t tid = strcmp(table, "template") == 0 ? num(v, "id") : num(v, "template_id");
	if (db_lookup_id(db, "SELECT count(*) FROM inspection WHERE template_id = ?", tid) > 0) {
		xq_msg(msg, _("this template version is used by inspections: it no longer changes"));
		return XQ_ERR;
	}
	(void)whole_row;
	return XQ_OK;
}

/* The role check of writing (or removing) this version of a row, as the table's own
 * writes check it; whole_row: the row itself comes or goes. */
static int undo_allowed(struct db *db, const char *table, const struct hist_fields *v,
	bool whole_row, char *msg)
{
	if (strcmp(table, "school") == 0)
		return db_require_write(db, whole_row ? 0 : num(v, "id"), 0, msg);
	if (strcmp(table, "district") == 0)
		return db_require_write(db, 0, whole_row ? 0 : num(v, "id"), msg);
	if (strcmp(table, "member") == 0)
		return db_require_write(db, num(v, "school_id"), num(v, "district_id"), msg);
	if (strcmp(table, "agreement") == 0)
		return db_require_write(db, num(v, "supported_id"), 0, msg);
	if (strcmp(table, "activity") == 0)
		return db_require_write(db, db_lookup_id(db, "SELECT supported_id FROM agreement "
							    "WHERE id = ?", num(v, "agreement_id")), 0, msg);
	if (strcmp(table, "teacher") == 0)
		return db_require_write(db, num(v, "school_id"), 0, msg);
	if (strcmp(table, "exemption") == 0)
		return db_require_write(db, db_lookup_id(db, "SELECT school_id FROM teacher WHERE id = ?",
						    num(v, "teacher_id")), 0, msg);
	if (strcmp(table, "exchange") == 0)
		return db_require_write(db, num(v, "from_school_id"), 0, msg);
	if (strcmp(table, "operator") == 0) {
		if (db->op.role == OPROLE_ADMIN)
			return XQ_OK;
		xq_msg(msg, "%s", _("permission denied: only an admin may change operators"));
		return XQ_ERR;
	}
	if (strcmp(table, "inspection") == 0 || strcmp(table, "result") == 0 ||
	    strcmp(table, "rectification") == 0 || strncmp(table, "template", 8) == 0)
		return undo_inspection_allowed(db, table, v, whole_row, msg);
	xq_msg(msg, _("changes of %s cannot be undone"), table);
	return XQ_ERR;
}

/* Refuses when a later change of the same row exists. */
static int undo_later_change(struct db *db, const struct history_row *r, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, at, login, op FROM audit WHERE tbl = ? AND "
					"row_id = ? AND id > ? ORDER BY id LIMIT 1", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, r->e.table);
	sqlite3_bind_int64(st, 2, r->e.row_id);
	sqlite3_bind_int64(st, 3, r->e.id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char at[32], login[SHORT_LEN], op[8];
		long long later = sqlite3_column_int64(st, 0);
		col_text(st, 1, at, sizeof at);
		col_text(st, 2, login, sizeof login);
		col_text(st, 3, op, sizeof op);
		if (strlen(at) >= 19) {
			at[10] = ' ';
			strcpy(at + 19, " UTC");
		}
		xq_msg(msg, _("cannot undo change #%lld: a later change of the same %s (#%lld, %s by %s "
			      "at %s) stands in the way; undo that one first"),
			(long long)r->e.id, _(hist_table_label(r->e.table)), later, _(hist_op_label(op)),
			login, at);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* Whether an admin is among the operators, or nobody is registered (everyone is). */
static bool admin_left(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*), count(*) FILTER (WHERE role = 'admin') "
					"FROM operator", NULL);
	if (!st)
		return false;
	bool ok = sqlite3_step(st) == SQLITE_ROW &&
		  (sqlite3_column_int64(st, 0) == 0 || sqlite3_column_int64(st, 1) > 0);
	db_done(st);
	return ok;
}

static int undo_write(struct db *db, const struct history_item *it, const struct hist_fields *fb,
	const struct hist_fields *fa, char *msg)
{
	const char *table = it->r.e.table, *op = it->r.e.op;
	int64_t id = it->r.e.row_id;
	bool insert = strcmp(op, "insert") == 0, del = strcmp(op, "delete") == 0;
	if ((fb->n && undo_allowed(db, table, fb, insert || del, msg) != XQ_OK) ||
	    (fa->n && undo_allowed(db, table, fa, insert || del, msg) != XQ_OK))
		return XQ_ERR;
	const char *sql = undo_statement(table, insert ? UNDO_REMOVE : del ? UNDO_REINSERT : UNDO_RESTORE);
	sqlite3_stmt *st = sql ? db_stmt(db, sql, msg) : NULL;
	if (!st) {
		if (!sql)
			xq_msg(msg, _("changes of %s cannot be undone"), table);
		return XQ_ERR;
	}
	if (insert) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, num(fa, "rev"));
	} else {
		bind_text(st, 1, it->before);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, del ? num(fb, "rev") + 1 : num(fa, "rev"));
	}
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (!del && db_changes(db) == 0)
		return db_stale_or_missing(db, table, id, msg);
	/* as db_operator_set: the database is never left without an admin */
	if (strcmp(table, "operator") == 0 && !admin_left(db)) {
		xq_msg(msg, _("cannot undo change #%lld: no operator would be an admin; make someone "
			      "else admin first"), (long long)it->r.e.id);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_history_undo(struct db *db, int64_t audit_id, int64_t *new_id, char *msg)
{
	struct history_item it;
	int rc = db_history_get(db, audit_id, &it);
	if (rc != XQ_OK) {
		if (rc == XQ_NOTFOUND)
			xq_msg(msg, _("there is no change #%lld in the history"), (long long)audit_id);
		else
			db_errmsg(db, msg);
		return rc;
	}
	struct hist_fields fb, fa;
	bool update = strcmp(it.r.e.op, "update") == 0, insert = strcmp(it.r.e.op, "insert") == 0;
	if (hist_parse(it.before, &fb) != XQ_OK || hist_parse(it.after, &fa) != XQ_OK ||
	    (!insert && !fb.n) || ((update || insert) && !fa.n)) {
		xq_msg(msg, _("change #%lld cannot be undone: its record in the history is incomplete"),
			(long long)audit_id);
		hist_fields_free(&fb);
		hist_fields_free(&fa);
		history_item_free(&it);
		return XQ_ERR;
	}
	rc = db_begin(db, msg);
	if (rc == XQ_OK && (rc = undo_later_change(db, &it.r, msg)) == XQ_OK &&
	    (rc = undo_write(db, &it, &fb, &fa, msg)) == XQ_OK) {
		int64_t made = 0;
		sqlite3_stmt *st = db_stmt(db, "SELECT max(id) FROM audit WHERE tbl = ? AND row_id = ?", msg);
		if (st) {
			bind_text(st, 1, it.r.e.table);
			sqlite3_bind_int64(st, 2, it.r.e.row_id);
			if (sqlite3_step(st) == SQLITE_ROW)
				made = sqlite3_column_int64(st, 0);
			db_done(st);
		}
		rc = db_commit(db, msg);
		if (rc == XQ_OK && new_id)
			*new_id = made;
	} else if (db->txn_depth > 0) {
		db_rollback(db);
	}
	hist_fields_free(&fb);
	hist_fields_free(&fa);
	history_item_free(&it);
	return rc;
}
