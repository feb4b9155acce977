/* audit.c: the functions the audit triggers of schema.c write the log with, and reading the
 * log. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "db/audit.h"
#include "db/internal.h"

/* n digits of v, zeros before, at out. */
static char *put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	return out + n;
}

/* xq_at(julianday('now')): the time as strftime('%Y-%m-%dT%H:%M:%fZ', 'now') writes it
 * (the statement's time to the millisecond, the civil date reckoned as SQLite does), for
 * the audit triggers: strftime reads its format again for every row they write. */
static void fn_at(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	double day = sqlite3_value_double(argv[0]);
	/* years 0000 to 9999, as strftime */
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !(day >= 1721059.5 && day < 5373484.5)) {
		sqlite3_result_null(ctx);
		return;
	}
	int64_t jd = (int64_t)(day * 86400000.0 + 0.5); /* milliseconds */
	int z = (int)((jd + 43200000) / 86400000);
	int a = (int)((z - 1867216.25) / 36524.25);
	a = z + 1 + a - (a / 4);
	int b = a + 1524;
	int c = (int)((b - 122.1) / 365.25);
	int d = (36525 * (c & 32767)) / 100;
	int e = (int)((b - d) / 30.6001);
	int x1 = (int)(30.6001 * e);
	int mday = b - d - x1, month = e < 14 ? e - 1 : e - 13, year = month > 2 ? c - 4716 : c - 4715;
	int ms = (int)((jd + 43200000) % 86400000);
	char out[32], *o = out;
	o = put_digits(o, year, 4);
	*o++ = '-';
	o = put_digits(o, month, 2);
	*o++ = '-';
	o = put_digits(o, mday, 2);
	*o++ = 'T';
	o = put_digits(o, ms / 3600000, 2);
	*o++ = ':';
	o = put_digits(o, ms / 60000 % 60, 2);
	*o++ = ':';
	o = put_digits(o, ms / 1000 % 60, 2);
	*o++ = '.';
	o = put_digits(o, ms % 1000, 3);
	*o++ = 'Z';
	sqlite3_result_text(ctx, out, (int)(o - out), SQLITE_TRANSIENT);
}

/* A JSON text being made: on the stack while it fits. */
struct jbuf {
	char *p;
	size_t n, cap;
	char local[1024];
};

static char *jb_room(struct jbuf *j, size_t more)
{
	if (j->n + more > j->cap) {
		size_t cap = 2 * (j->n + more);
		char *p = xmalloc(cap);
		memcpy(p, j->p, j->n);
		if (j->p != j->local)
			free(j->p);
		j->p = p;
		j->cap = cap;
	}
	return j->p + j->n;
}

/* Text as json_object quotes it. */
static void json_text(struct jbuf *j, const unsigned char *z, int n)
{
	static const char special[32] = {[8] = 'b', [9] = 't', [10] = 'n', [12] = 'f', [13] = 'r'};
	char *o = jb_room(j, 6 * (size_t)n + 2);
	*o++ = '"';
	for (int i = 0; i < n; i++) {
		unsigned char c = z[i];
		if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else if (c <= 0x1f && special[c]) {
			*o++ = '\\';
			*o++ = special[c];
		} else if (c <= 0x1f) {
			memcpy(o, "\\u00", 4);
			o[4] = (char)('0' + (c >> 4));
			o[5] = "0123456789abcdef"[c & 0xf];
			o += 6;
		} else
			*o++ = (char)c;
	}
	*o++ = '"';
	j->n = (size_t)(o - j->p);
}

/* xq_json(label, value, ...): the object json_object('label', value, ...) makes, for the
 * audit triggers, which write one or two for every row written (json_object's own way was
 * the larger part of a bulk import's audit). */
static void fn_json(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (argc & 1) {
		sqlite3_result_error(ctx, "xq_json() requires an even number of arguments", -1);
		return;
	}
	struct jbuf j; /* not zeroed: the buffer is written before it is read */
	j.p = j.local;
	j.n = 0;
	j.cap = sizeof j.local;
	*jb_room(&j, 1) = '{';
	j.n++;
	for (int i = 0; i < argc; i += 2) {
		if (sqlite3_value_type(argv[i]) != SQLITE_TEXT) {
			if (j.p != j.local)
				free(j.p);
			sqlite3_result_error(ctx, "xq_json() labels must be TEXT", -1);
			return;
		}
		if (i) {
			*jb_room(&j, 1) = ',';
			j.n++;
		}
		json_text(&j, sqlite3_value_text(argv[i]), sqlite3_value_bytes(argv[i]));
		*jb_room(&j, 1) = ':';
		j.n++;
		sqlite3_value *v = argv[i + 1];
		switch (sqlite3_value_type(v)) {
		case SQLITE_NULL:
			memcpy(jb_room(&j, 4), "null", 4);
			j.n += 4;
			break;
		case SQLITE_INTEGER: {
			char digits[24];
			sqlite3_int64 x = sqlite3_value_int64(v);
			sqlite3_uint64 u = x < 0 ? 0 - (sqlite3_uint64)x : (sqlite3_uint64)x;
			int k = (int)sizeof digits;
			do
				digits[--k] = (char)('0' + u % 10);
			while ((u /= 10) != 0);
			if (x < 0)
				digits[--k] = '-';
			memcpy(jb_room(&j, sizeof digits - (size_t)k), digits + k, sizeof digits - (size_t)k);
			j.n += sizeof digits - (size_t)k;
			break;
		}
		case SQLITE_FLOAT: {
			char num[100];
			sqlite3_snprintf((int)sizeof num, num, "%!0.15g", sqlite3_value_double(v));
			size_t len = strlen(num);
			memcpy(jb_room(&j, len), num, len);
			j.n += len;
			break;
		}
		case SQLITE_TEXT:
			if (sqlite3_value_subtype(v) == 'J') { /* JSON already: as it is */
				const unsigned char *z = sqlite3_value_text(v);
				size_t len = (size_t)sqlite3_value_bytes(v);
				memcpy(jb_room(&j, len), z, len);
				j.n += len;
			} else
				json_text(&j, sqlite3_value_text(v), sqlite3_value_bytes(v));
			break;
		default:
			if (j.p != j.local)
				free(j.p);
			sqlite3_result_error(ctx, "JSON cannot hold BLOB values", -1);
			return;
		}
	}
	*jb_room(&j, 1) = '}';
	j.n++;
	sqlite3_result_text(ctx, j.p, (int)j.n, SQLITE_TRANSIENT);
	if (j.p != j.local)
		free(j.p);
}

void db_audit_functions(sqlite3 *h)
{
	sqlite3_create_function(h, "xq_at", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_at, NULL, NULL);
	sqlite3_create_function(h, "xq_json", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_json, NULL, NULL);
}

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

/* The tables with audit triggers (schema.c), in a fixed order: a table's bit. */
static const char *const audited[] = {"school", "district", "member", "agreement", "activity",
	"teacher", "exemption", "operator", "policy", "exchange", "template", "template_section",
	"template_item", "inspection", "result", "rectification", "room", "term", "bell", "travel",
	"subject", "class", "class_group", "course", "course_students", "course_teacher",
	"course_room", "unavailable", "teacher_rule", "lesson", "room_hours", "calendar", "booking",
	"booking_change", "quota", "group_member", "lesson_rule", "lesson_rule_lesson", "day_rule"};
_Static_assert(sizeof audited / sizeof *audited < 64, "a bit a table");

uint64_t db_table_bit(const char *table)
{
	for (size_t i = 0; table && i < sizeof audited / sizeof *audited; i++)
		if (strcmp(audited[i], table) == 0)
			return UINT64_C(1) << i;
	return DB_TABLES_ALL;
}

uint64_t db_tables_bits(const char *const *tables)
{
	if (!tables)
		return DB_TABLES_ALL;
	uint64_t bits = 0;
	for (; *tables; tables++)
		bits |= db_table_bit(*tables);
	return bits;
}

#define CHANGES_MAX 512 /* records read to tell the tables; beyond, every table */

uint64_t db_changes_since(struct db *db, int64_t *seen)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT max(id) FROM audit", NULL);
	int64_t last = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	uint64_t bits = DB_TABLES_ALL;
	if (*seen > 0 && last > *seen && last - *seen <= CHANGES_MAX) {
		st = db_stmt(db, "SELECT DISTINCT tbl FROM audit WHERE id > ? AND id <= ?", NULL);
		if (st) {
			bits = 0;
			sqlite3_bind_int64(st, 1, *seen);
			sqlite3_bind_int64(st, 2, last);
			int rc;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				bits |= db_table_bit((const char *)sqlite3_column_text(st, 0));
			if (rc != SQLITE_DONE)
				bits = DB_TABLES_ALL;
		}
		db_done(st);
	}
	*seen = last;
	return bits;
}
