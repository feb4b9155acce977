/* integrity.c: what `check` verifies beyond SQLite's own checks — that the schema, its
 * constraints and audit triggers are exactly what the migrations define, and that the audit
 * log is whole: no ids missing, every row of an audited table has its history, and every
 * change was made by someone who is or was an operator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/integrity.h"
#include "db/internal.h"

struct schema_obj {
	char type[16], name[128], tbl[128];
	char *sql;
};

struct schema_set {
	struct schema_obj *v;
	int n, cap;
};

static void set_free(struct schema_set *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i].sql);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* Every object of the schema but SQLite's own, by name. */
static int set_load(struct db *db, struct schema_set *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
		"WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
		NULL);
	if (!st)
		return XQ_ERR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->v = db_grow(s->v, s->n, &s->cap, sizeof *s->v);
		struct schema_obj *o = &s->v[s->n++];
		col_text(st, 0, o->type, sizeof o->type);
		col_text(st, 1, o->name, sizeof o->name);
		col_text(st, 2, o->tbl, sizeof o->tbl);
		o->sql = xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		set_free(s);
		return XQ_ERR;
	}
	return XQ_OK;
}

static const struct schema_obj *set_find(const struct schema_set *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

static bool is_audit_trigger(const struct schema_obj *o)
{
	return strcmp(o->type, "trigger") == 0 && strncmp(o->name, "audit_", 6) == 0;
}

/* A fresh database in memory, the schema as the migrations make it today and the rows they
 * seed: made once a process (the migrations take a tenth of a second) and kept, read only. */
static struct db *fresh_database(char *msg)
{
	static struct db *fresh;
	if (!fresh && db_open(":memory:", DB_CREATE, 1000, &fresh, msg) != XQ_OK)
		fresh = NULL;
	return fresh;
}

/* The schema as the migrations make it today: as the build wrote it down, or made again. */
static int expected_schema(struct schema_set *s, char *msg)
{
	if (db_schema_fresh_n >= 0) {
		s->n = s->cap = 0;
		s->v = NULL;
		for (int i = 0; i < db_schema_fresh_n; i++) {
			const struct schema_fixed *f = &db_schema_fresh[i];
			s->v = db_grow(s->v, s->n, &s->cap, sizeof *s->v);
			struct schema_obj *o = &s->v[s->n++];
			xq_copy(o->type, sizeof o->type, f->type);
			xq_copy(o->name, sizeof o->name, f->name);
			xq_copy(o->tbl, sizeof o->tbl, f->tbl);
			o->sql = xstrdup(f->sql);
		}
		return XQ_OK;
	}
	struct db *fresh = fresh_database(msg);
	if (!fresh)
		return XQ_ERR;
	int rc = set_load(fresh, s);
	if (rc != XQ_OK)
		db_errmsg(fresh, msg);
	return rc;
}

long db_check_schema(struct db *db, db_problem_fn problem, void *ctx)
{
	char buf[1024];
	struct schema_set want, have;
	if (expected_schema(&want, buf) != XQ_OK)
		return -1;
	if (set_load(db, &have) != XQ_OK) {
		set_free(&want);
		return -1;
	}
	long found = 0;
	for (int i = 0; i < want.n; i++) {
		const struct schema_obj *w = &want.v[i];
		const struct schema_obj *h = set_find(&have, w->name);
		if (!h && is_audit_trigger(w))
			snprintf(buf, sizeof buf,
				_("schema: audit trigger %s is missing: changes to %s are not audited"),
				w->name, w->tbl);
		else if (!h)
			snprintf(buf, sizeof buf, _("schema: %s %s is missing"), w->type, w->name);
		else if (strcmp(h->type, w->type) != 0 || strcmp(h->sql, w->sql) != 0)
			snprintf(buf, sizeof buf,
				_("schema: %s %s differs from its definition (a rule or the audit may have "
				  "been changed)"),
				w->type, w->name);
		else
			continue;
		problem(ctx, buf);
		found++;
	}
	for (int i = 0; i < have.n; i++)
		if (!set_find(&want, have.v[i].name)) {
			snprintf(buf, sizeof buf, _("schema: %s %s is not part of xuequ's schema"),
				have.v[i].type, have.v[i].name);
			problem(ctx, buf);
			found++;
		}
	set_free(&want);
	set_free(&have);
	return found;
}

/* Rows of an audited table with no audit record at all: their history was removed. Rows
 * that the migrations themselves put in (ids up to seeded, still at their first revision)
 * have none by design. The table name comes from the freshly built schema (an audit
 * trigger's table), never from the data, and is checked to be a plain identifier before it
 * is written into the query. */
static long rows_without_history(struct db *db, const char *table, int64_t seeded,
	db_problem_fn problem, void *ctx)
{
	if (table[0] == '\0' || strspn(table, "abcdefghijklmnopqrstuvwxyz_") != strlen(table))
		return -1;
	char *sql = xasprintf("SELECT count(*), min(id) FROM \"%s\" t WHERE (t.id > ?2 OR t.rev > 1) "
			      "AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = ?1 AND a.row_id = t.id)",
		table);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return -1;
	bind_text(st, 1, table);
	sqlite3_bind_int64(st, 2, seeded);
	long found = 0;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
		char buf[512];
		long n = (long)sqlite3_column_int64(st, 0);
		snprintf(buf, sizeof buf,
			ngettext("audit: %ld %s row has no audit record (first id %lld): its history "
				 "was removed",
				"audit: %ld %s rows have no audit record (first id %lld): their history "
				"was removed",
				(unsigned long)n),
			n, table, (long long)sqlite3_column_int64(st, 1));
		problem(ctx, buf);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* The highest id the migrations put into a table of a fresh database (0 when none); fresh
 * is NULL when the build wrote the ids down. */
static int64_t seeded_max_id(struct db *fresh, const char *table)
{
	if (!fresh) {
		for (int i = 0; i < db_schema_fresh_n; i++)
			if (strcmp(db_schema_fresh[i].type, "table") == 0 && strcmp(db_schema_fresh[i].name, table) == 0)
				return db_schema_fresh[i].seeded;
		return 0;
	}
	char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM \"%s\"", table);
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	if (sqlite3_prepare_v2(fresh->h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return v;
}

long db_check_audit(struct db *db, db_problem_fn problem, void *ctx)
{
	char buf[1024];
	long found = 0;
	/* ids are handed out as max + 1 and never deleted: a hole is a deletion */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT a.id + 1, (SELECT min(b.id) FROM audit b WHERE b.id > a.id) - 1 FROM audit a "
		"WHERE a.id < (SELECT max(id) FROM audit) AND NOT EXISTS "
		"(SELECT 1 FROM audit c WHERE c.id = a.id + 1) ORDER BY a.id LIMIT 20",
		NULL);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long lo = sqlite3_column_int64(st, 0), hi = sqlite3_column_int64(st, 1);
		if (lo == hi)
			snprintf(buf, sizeof buf, _("audit: record %lld is missing (deleted)"), lo);
		else
			snprintf(buf, sizeof buf, _("audit: records %lld to %lld are missing (deleted)"), lo,
				hi);
		problem(ctx, buf);
		found++;
	}
	db_done(st);

	/* logins that made changes but are not, and never were, operators; until the first
	 * operator is registered, whoever opens the database is its administrator */
	st = db_stmt(db,
		"SELECT a.login, count(*), min(a.at), max(a.at) FROM audit a "
		"WHERE a.id > (SELECT coalesce(min(f.id), (SELECT max(id) FROM audit)) FROM audit f "
		"  WHERE f.tbl = 'operator') "
		"AND a.login NOT IN (SELECT login FROM operator) "
		"AND a.login NOT IN (SELECT json_extract(o.after, '$.login') FROM audit o "
		"  WHERE o.tbl = 'operator' AND o.after IS NOT NULL) "
		"GROUP BY a.login ORDER BY a.login",
		NULL);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long n = (long)sqlite3_column_int64(st, 1);
		snprintf(buf, sizeof buf,
			ngettext("audit: %ld change by '%s', who is not an operator (%s to %s)",
				"audit: %ld changes by '%s', who is not an operator (%s to %s)",
				(unsigned long)n),
			n, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3));
		problem(ctx, buf);
		found++;
	}
	db_done(st);

	/* every audited table (from the schema as defined, so a dropped trigger is no excuse) */
	struct schema_set want;
	struct db *fresh = db_schema_fresh_n >= 0 ? NULL : fresh_database(buf);
	if (expected_schema(&want, buf) != XQ_OK)
		return -1;
	for (int i = 0; i < want.n && found >= 0; i++) {
		const struct schema_obj *o = &want.v[i];
		size_t len = strlen(o->name);
		if (!is_audit_trigger(o) || len < 7 || strcmp(o->name + len - 7, "_insert") != 0)
			continue;
		long r = rows_without_history(db, o->tbl, seeded_max_id(fresh, o->tbl), problem, ctx);
		found = r < 0 ? -1 : found + r;
	}
	set_free(&want);
	return found;
}

/* A C string literal of s. */
static void c_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n\"\n\t\t\"", out);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

int db_schema_fresh_write(FILE *out, char *msg)
{
	struct db *fresh = fresh_database(msg);
	struct schema_set s;
	if (!fresh)
		return XQ_ERR;
	if (set_load(fresh, &s) != XQ_OK) {
		db_errmsg(fresh, msg);
		return XQ_ERR;
	}
	fputs("/* Written by the build (db/gen/schema_fresh.c): a fresh database's schema and the ids the\n"
	      " * migrations seed, for `check`. */\n#include \"db/integrity.h\"\n\n"
	      "const struct schema_fixed db_schema_fresh[] = {\n", out);
	for (int i = 0; i < s.n; i++) {
		const struct schema_obj *o = &s.v[i];
		fputs("\t{", out);
		c_string(out, o->type);
		fputs(", ", out);
		c_string(out, o->name);
		fputs(", ", out);
		c_string(out, o->tbl);
		fputs(",\n\t\t", out);
		c_string(out, o->sql);
		fprintf(out, ",\n\t\t%lld},\n", strcmp(o->type, "table") == 0 ? (long long)seeded_max_id(fresh, o->name) : -1LL);
	}
	fprintf(out, "};\nconst int db_schema_fresh_n = %d;\n", s.n);
	set_free(&s);
	return ferror(out) ? XQ_ERR : XQ_OK;
}
