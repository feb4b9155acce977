/* test_db.c: the database layer — migrations, every column written and read back,
 * optimistic locking, the audit log, memberships, permissions, validation, paged lists,
 * CSV import and export, checks and backups. In-memory databases, or files in a temporary
 * directory when two connections or a reopen are needed. */
#include <dirent.h>
#include <iconv.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/csv.h"
#include "core/demo.h"
#include "core/pinyin.h"
#include "core/types.h"
#include "core/util.h"
#include "db/admin.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/demo.h"
#include "db/district.h"
#include "db/integrity.h"
#include "db/internal.h"
#include "db/io.h"
#include "db/school.h"
#include "db/teacher.h"

#define TODAY "2026-03-15"

static char tmpdir[256];

/* tmpdir/name; a few results stay valid at once. */
static const char *tpath(const char *name)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	return p;
}

/* Runs a call that must succeed; on failure shows its message. Needs `msg` in scope. */
#define MUST(call)                                                                           \
	do {                                                                                 \
		msg[0] = '\0';                                                               \
		int rc_ = (call);                                                            \
		if (rc_ != XQ_OK)                                                            \
			fail_msg("%s: status %d: %s", #call, rc_, msg);                      \
	} while (0)

/* Runs a call that must be refused with status st and a message containing want. */
#define REFUSED(call, st, want)                                                              \
	do {                                                                                 \
		msg[0] = '\0';                                                               \
		int rc_ = (call);                                                            \
		if (rc_ != (st))                                                             \
			fail_msg("%s: status %d, want %d (%s)", #call, rc_, (st), msg);     \
		if (!strstr(msg, (want)))                                                    \
			fail_msg("%s: '%s' not in: %s", #call, (want), msg);                 \
	} while (0)

static struct db *open_mem(void)
{
	struct db *db;
	char msg[XQ_MSG_MAX] = "";
	if (db_open(":memory:", DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("open :memory: %s", msg);
	return db;
}

static struct db *open_file(const char *path, int flags)
{
	struct db *db;
	char msg[XQ_MSG_MAX] = "";
	if (db_open(path, flags, 1000, &db, msg) != XQ_OK)
		fail_msg("open %s: %s", path, msg);
	return db;
}

/* One SQL statement on a raw connection of our own (no xuequ functions registered). */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(h);
}

static long raw_long(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void write_bytes(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static bool file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static void remove_db(const char *path)
{
	char side[600];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* Records */

static int64_t new_school(struct db *db, const char *code, const char *name)
{
	char msg[XQ_MSG_MAX];
	struct school s;
	school_init(&s);
	xq_copy(s.code, sizeof s.code, code);
	xq_copy(s.name, sizeof s.name, name);
	s.level = LEVEL_PRIMARY;
	s.location = LOC_RURAL;
	MUST(db_school_insert(db, &s, msg));
	return s.id;
}

static int64_t new_district(struct db *db, const char *name, int64_t lead, const char *established)
{
	char msg[XQ_MSG_MAX];
	struct district d = {0};
	xq_copy(d.name, sizeof d.name, name);
	d.form = FORM_GROUP;
	d.lead_school_id = lead;
	xq_copy(d.established_on, sizeof d.established_on, established);
	MUST(db_district_insert(db, &d, msg));
	return d.id;
}

static int64_t new_member(struct db *db, int64_t district_id, int64_t school_id, int role,
	const char *from, const char *to)
{
	char msg[XQ_MSG_MAX];
	struct member m = {0};
	m.district_id = district_id;
	m.school_id = school_id;
	m.role = role;
	xq_copy(m.from_date, sizeof m.from_date, from);
	xq_copy(m.to_date, sizeof m.to_date, to);
	MUST(db_member_add(db, &m, msg));
	return m.id;
}

static int64_t new_teacher(struct db *db, const char *staff_no, const char *name, int64_t school_id)
{
	char msg[XQ_MSG_MAX];
	struct teacher t;
	teacher_init(&t);
	xq_copy(t.staff_no, sizeof t.staff_no, staff_no);
	xq_copy(t.name, sizeof t.name, name);
	t.school_id = school_id;
	t.education = EDU_BACHELOR;
	MUST(db_teacher_insert(db, &t, msg));
	return t.id;
}

static struct member get_member(struct db *db, int64_t id)
{
	/* by id: through the lists of every district it could be in */
	struct district_query q;
	district_query_init(&q);
	struct district_row drows[64];
	int nd = db_district_page(db, &q, 0, 64, drows);
	for (int i = 0; i < nd; i++) {
		struct member_row *rows;
		int n;
		assert_int_equal(db_member_list(db, drows[i].d.id, false, &rows, &n), XQ_OK);
		for (int k = 0; k < n; k++)
			if (rows[k].m.id == id) {
				struct member m = rows[k].m;
				free(rows);
				return m;
			}
		free(rows);
	}
	fail_msg("no membership %lld", (long long)id);
	struct member none = {0};
	return none;
}

/* Comparisons that name the field that differs */

static bool same_double(double a, double b)
{
	return isnan(a) ? isnan(b) : !isnan(b) && a == b;
}

#define SAME_S(f) assert_string_equal(got->f, want->f)
#define SAME_I(f)                                                                            \
	do {                                                                                 \
		if ((long long)got->f != (long long)want->f)                                 \
			fail_msg("%s: %lld != %lld", #f, (long long)got->f, (long long)want->f); \
	} while (0)
#define SAME_D(f)                                                                            \
	do {                                                                                 \
		if (!same_double(got->f, want->f))                                           \
			fail_msg("%s: %.17g != %.17g", #f, got->f, want->f);                  \
	} while (0)

static void check_school(const struct school *got, const struct school *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_S(code);
	SAME_S(name);
	SAME_S(short_name);
	SAME_I(level);
	SAME_S(town);
	SAME_I(location);
	SAME_D(lat);
	SAME_D(lon);
	SAME_I(students);
	SAME_I(classes);
	SAME_I(staff_quota);
	SAME_D(teaching_area_m2);
	SAME_D(sports_area_m2);
	SAME_D(equipment_value_yuan);
	SAME_I(multimedia_rooms);
	SAME_I(music_rooms);
	SAME_I(art_rooms);
	SAME_I(hardship);
}

static void check_district(const struct district *got, const struct district *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_S(name);
	SAME_I(form);
	SAME_I(lead_school_id);
	SAME_S(lead_school_code);
	SAME_S(established_on);
	SAME_S(note);
}

static void check_member(const struct member *got, const struct member *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_I(district_id);
	SAME_I(school_id);
	SAME_S(district_name);
	SAME_S(school_code);
	SAME_I(role);
	SAME_S(from_date);
	SAME_S(to_date);
}

static void check_agreement(const struct agreement *got, const struct agreement *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_I(supporting_id);
	SAME_I(supported_id);
	SAME_S(supporting_code);
	SAME_S(supported_code);
	SAME_S(start_date);
	SAME_S(end_date);
	SAME_S(goals);
}

static void check_activity(const struct activity *got, const struct activity *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_I(agreement_id);
	SAME_S(date);
	SAME_I(kind);
	SAME_S(note);
}

static void check_teacher(const struct teacher *got, const struct teacher *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_S(staff_no);
	SAME_S(name);
	SAME_I(gender);
	SAME_S(birth_date);
	SAME_I(school_id);
	SAME_S(school_code);
	SAME_S(subjects);
	SAME_S(title);
	SAME_I(education);
	SAME_I(backbone);
	SAME_I(pe_art);
	SAME_I(employment);
	SAME_I(post);
	SAME_S(post_since);
	SAME_S(joined_school_on);
}

static void check_exemption(const struct exemption *got, const struct exemption *want)
{
	SAME_I(id);
	SAME_I(rev);
	SAME_I(teacher_id);
	SAME_S(staff_no);
	SAME_I(kind);
	SAME_S(start_date);
	SAME_S(end_date);
	SAME_S(note);
}

/* Import and export helpers */

static char *export_of(struct db *db, const char *entity, bool zh)
{
	char msg[XQ_MSG_MAX] = "";
	struct strbuf b;
	sb_init(&b);
	if (db_export(db, entity, zh, &b, msg) != XQ_OK)
		fail_msg("export %s: %s", entity, msg);
	return sb_steal(&b);
}

/* Records in an entity's export (the header not counted). */
static long count_rows(struct db *db, const char *entity)
{
	char *csv = export_of(db, entity, false);
	struct csv_reader *r = csv_open(csv, strlen(csv));
	struct csv_record rec;
	char msg[XQ_MSG_MAX];
	long n = -1;
	while (csv_next(r, &rec, msg) == 1)
		n++;
	csv_close(r);
	free(csv);
	return n;
}

static void show_errors(const char *what, const struct io_report *rep)
{
	for (int i = 0; i < rep->nerrors; i++)
		print_message("# %s: line %ld [%s] %s\n", what, rep->errors[i].line,
			rep->errors[i].column, rep->errors[i].msg);
}

static void import_ok(struct db *db, const char *entity, const char *csv, struct io_report *rep)
{
	if (db_import(db, entity, csv, strlen(csv), false, rep) != XQ_OK || rep->nerrors) {
		show_errors(entity, rep);
		fail_msg("import %s failed", entity);
	}
}

/* Setup */

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/xq-db-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XUEQU_TODAY", TODAY, 1);
	unsetenv("SUDO_USER");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Migrations and opening */

static void test_migrate_fresh(void **state)
{
	(void)state;
	struct db *db = open_mem();
	assert_true(db_schema_latest() >= 1);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_string_equal(db_path(db), ":memory:");
	/* nobody registered: the creator acts as admin */
	assert_int_equal(db_operator(db)->role, OPROLE_ADMIN);
	assert_true(db_operator(db)->login[0] != '\0');
	assert_int_equal(db_audit_count(db), 0);
	db_close(db);

	/* a file too */
	const char *path = tpath("fresh.db");
	db = open_file(path, DB_CREATE);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	db_close(db);
	assert_int_equal(raw_long(path, "PRAGMA user_version"), db_schema_latest());
	remove_db(path);
}

static void test_migrate_reopen(void **state)
{
	(void)state;
	const char *path = tpath("reopen.db");
	struct db *db = open_file(path, DB_CREATE);
	int64_t id = new_school(db, "3201000001", "城关小学");
	long audits = db_audit_count(db);
	db_close(db);
	long objects = raw_long(path, "SELECT count(*) FROM sqlite_schema");
	assert_true(objects > 10);

	/* reopening changes nothing: no migration runs again */
	db = open_file(path, 0);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	struct school s;
	assert_int_equal(db_school_get(db, id, &s), XQ_OK);
	assert_string_equal(s.name, "城关小学");
	assert_int_equal(db_audit_count(db), audits);
	db_close(db);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema"), objects);
	assert_int_equal(raw_long(path, "PRAGMA user_version"), db_schema_latest());

	/* read-only opening of a current database works and reads */
	db = open_file(path, DB_READONLY);
	assert_int_equal(db_school_get(db, id, &s), XQ_OK);
	db_close(db);
	remove_db(path);
}

/* The audit log's rule on op, an IN list before schema 17, three comparisons after: the
 * same rows kept, the same rule kept, the writes still audited. */
static void test_migrate_audit_op(void **state)
{
	(void)state;
	const char *path = tpath("auditop.db");
	struct db *db = open_file(path, DB_CREATE);
	new_school(db, "3201000001", "城关小学");
	long audits = db_audit_count(db);
	db_close(db);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit' AND "
					"instr(sql, 'CHECK (op = ''insert'' OR op = ''update'' OR op = ''delete'')') > 0"), 1);
	/* back to the text of schema 16 */
	long version = raw_long(path, "PRAGMA schema_version");
	char sql[512];
	snprintf(sql, sizeof sql,
		"PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
		"'CHECK (op = ''insert'' OR op = ''update'' OR op = ''delete'')', "
		"'CHECK (op IN (''insert'',''update'',''delete''))') WHERE name = 'audit'; "
		"UPDATE sqlite_schema SET sql = replace(replace(sql, 'xq_at(julianday(''now''))', "
		"'strftime(''%%Y-%%m-%%dT%%H:%%M:%%fZ'', ''now'')'), 'xq_json(', 'json_object(') WHERE type = 'trigger'; "
		"PRAGMA schema_version = %ld; PRAGMA writable_schema = OFF; PRAGMA user_version = %d",
		version + 1, 16);
	raw_exec(path, sql);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE instr(sql, 'op IN (') > 0"), 1);
	long triggers = raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit%'");
	assert_true(triggers > 100);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
					"instr(sql, 'strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')') > 0 AND "
					"instr(sql, 'json_object(') > 0"), triggers);

	db = open_file(path, 0);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(db_audit_count(db), audits);
	new_school(db, "3201000002", "城南小学");
	assert_int_equal(db_audit_count(db), audits + 1);
	db_close(db);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE instr(sql, 'op IN (') > 0"), 0);
	/* the triggers as a new database's, written with xuequ's own time and JSON */
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit%' "
					"AND instr(sql, 'xq_at(julianday(''now''))') > 0 AND instr(sql, 'xq_json(') > 0 AND "
					"instr(sql, 'json_object') = 0"), triggers);
	const char *fresh = tpath("auditop-fresh.db");
	db_close(open_file(fresh, DB_CREATE));
	char *a = NULL, *b = NULL;
	for (int k = 0; k < 2; k++) {
		sqlite3 *h;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(k ? fresh : path, &h), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM "
						       "sqlite_schema WHERE type IN ('trigger', 'table') ORDER BY name)", -1, &st, NULL),
			SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		*(k ? &b : &a) = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	assert_string_equal(a, b);
	free(a);
	free(b);
	remove_db(fresh);
	/* the file sound, and another op refused as before */
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO audit (at, login, tbl, row_id, op) VALUES ('x', 'y', 'school', 1, 'merge')",
				 NULL, NULL, NULL),
		SQLITE_CONSTRAINT);
	sqlite3_close(h);
	remove_db(path);
}

static char *db_text(struct db *db, const char *sql);

/* What the build wrote down for `check` is what the migrations make today: every object of
 * a fresh database's schema with its text, and the highest id they seed in each table. */
static void test_schema_fresh_written(void **state)
{
	(void)state;
	assert_true(db_schema_fresh_n > 100);
	struct db *db = open_mem();
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db->h, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
						   "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", -1, &st, NULL),
		SQLITE_OK);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		assert_true(n < db_schema_fresh_n);
		const struct schema_fixed *f = &db_schema_fresh[n++];
		assert_string_equal(f->name, name);
		assert_string_equal(f->type, (const char *)sqlite3_column_text(st, 0));
		assert_string_equal(f->tbl, (const char *)sqlite3_column_text(st, 2));
		assert_string_equal(f->sql, (const char *)sqlite3_column_text(st, 3));
		if (strcmp(f->type, "table") != 0) {
			assert_int_equal(f->seeded, -1);
			continue;
		}
		char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM \"%s\"", name);
		sqlite3_stmt *m;
		if (sqlite3_prepare_v2(db->h, sql, -1, &m, NULL) == SQLITE_OK) {
			assert_int_equal(sqlite3_step(m), SQLITE_ROW);
			assert_int_equal(f->seeded, sqlite3_column_int64(m, 0));
		} else
			assert_int_equal(f->seeded, 0);
		sqlite3_finalize(m);
		free(sql);
	}
	sqlite3_finalize(st);
	assert_int_equal(n, db_schema_fresh_n);
	db_close(db);
}


/* The number of ephemeral tables an INSERT into each table builds, summed (EXPLAIN on db's
 * own connection, whose functions the triggers call). */
static int ephemeral_tables(struct db *db)
{
	sqlite3_stmt *names;
	assert_int_equal(sqlite3_prepare_v2(db->h, "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
						   "name NOT LIKE 'sqlite_%'", -1, &names, NULL), SQLITE_OK);
	int n = 0, tables = 0;
	while (sqlite3_step(names) == SQLITE_ROW) {
		char sql[256];
		snprintf(sql, sizeof sql, "EXPLAIN INSERT INTO \"%s\" DEFAULT VALUES", (const char *)sqlite3_column_text(names, 0));
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db->h));
		while (sqlite3_step(st) == SQLITE_ROW)
			n += strcmp((const char *)sqlite3_column_text(st, 1), "OpenEphemeral") == 0;
		sqlite3_finalize(st);
		tables++;
	}
	sqlite3_finalize(names);
	assert_true(tables > 30);
	return n;
}

/* The rules that name a list of values (kinds, statuses, levels) are comparisons from
 * schema 19: writing a row builds no table for them, the same values are refused, and an
 * older database's text is brought to the new one with its rows. */
static void test_migrate_in_lists(void **state)
{
	(void)state;
	const char *path = tpath("inlists.db");
	struct db *db = open_file(path, DB_CREATE);
	new_school(db, "3201000001", "城关小学");
	assert_int_equal(ephemeral_tables(db), 0);
	db_close(db);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
					"instr(sql, 'level IN (') + instr(sql, 'education IN (') + instr(sql, 'post IN (') > 0"), 0);
	/* back to the text of schema 18 in three tables: a whole rule, a part of one, a NOT IN */
	long version = raw_long(path, "PRAGMA schema_version");
	char sql[2048];
	snprintf(sql, sizeof sql,
		"PRAGMA writable_schema = ON; "
		"UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (level = ''primary'' OR level = ''junior'' OR "
		"level = ''nine_year'' OR level = ''twelve_year'' OR level = ''teaching_point'')', "
		"'CHECK (level IN (''primary'', ''junior'',''nine_year'',''twelve_year'',''teaching_point''))') "
		"WHERE name = 'school'; "
		"UPDATE sqlite_schema SET sql = replace(sql, '(evaluation = ''excellent'' OR evaluation = ''qualified'' OR "
		"evaluation = ''unqualified'')', 'evaluation IN (''excellent'',''qualified'',''unqualified'')') "
		"WHERE name = 'exchange'; "
		"UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (gender IN (''M'',''F''))', "
		"'CHECK (gender IN (''M'',''F'')) CHECK (name NOT IN (''-'', ''?'', ''x ''''y'''''', 1, -2.5))') "
		"WHERE name = 'teacher'; "
		"PRAGMA schema_version = %ld; PRAGMA writable_schema = OFF; PRAGMA user_version = %d",
		version + 1, 18);
	raw_exec(path, sql);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
					"instr(sql, 'level IN (') + instr(sql, 'evaluation IN (') + instr(sql, 'name NOT IN (') > 0"), 3);

	db = open_file(path, 0);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(ephemeral_tables(db), 0);
	struct school s;
	assert_int_equal(db_school_by_code(db, "3201000001", &s), XQ_OK);
	db_close(db);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND instr(sql, ' IN (') > 0 "
					"AND (instr(sql, 'level IN') OR instr(sql, 'evaluation IN') OR instr(sql, 'name NOT IN'))"), 0);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'teacher' AND instr(sql, "
					"'CHECK (name <> ''-'' AND name <> ''?'' AND name <> ''x ''''y'''''' AND name <> 1 AND name <> -2.5)') > 0"), 1);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'exchange' AND instr(sql, "
					"'(evaluation IS NULL OR (evaluation = ''excellent'' OR evaluation = ''qualified'' OR "
					"evaluation = ''unqualified''))') > 0"), 1);
	/* the rules decide as before: a value outside the list refused, one in it and NULL kept */
	db = open_file(path, 0);
	assert_int_equal(sqlite3_exec(db->h, "UPDATE school SET level = 'college'", NULL, NULL, NULL), SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(sqlite3_exec(db->h, "UPDATE school SET level = 'junior'", NULL, NULL, NULL), SQLITE_OK);
	char *ok = db_text(db, "PRAGMA integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
	db_close(db);
	remove_db(path);
}

/* One text value of sql on db's own connection (its functions registered). */
static char *db_text(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db->h));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *v = sqlite3_column_text(st, 0);
	char *out = xstrdup(v ? (const char *)v : "(null)");
	sqlite3_finalize(st);
	return out;
}

/* The audit triggers' own functions write what strftime and json_object wrote: the same
 * time text for any Julian day, the same JSON for values of every type. */
static void test_audit_functions(void **state)
{
	(void)state;
	struct db *db = open_mem();
	static const char *const values[] = {"NULL", "0", "-1", "42", "9223372036854775807", "-9223372036854775808",
		"0.1", "100.0", "-2.5e-7", "1e300", "9e999", "-9e999", "3.0", "123456789012345.0", "1.0e15", "''",
		"'a\"b\\c/'", "char(1, 8, 9, 10, 12, 13, 27, 31, 32, 126, 127)", "'城关小学 é'", "'x' || char(0) || 'y'",
		"CAST(12 AS TEXT)", "'{\"a\":1}'", "json('{\"a\":1}')"};
	for (size_t i = 0; i < XQ_NELEM(values); i++) {
		char sql[512];
		snprintf(sql, sizeof sql, "SELECT xq_json('id', 7, 'v', %s, 'k\"\\', %s)", values[i], values[i]);
		char *mine = db_text(db, sql);
		snprintf(sql, sizeof sql, "SELECT json_object('id', 7, 'v', %s, 'k\"\\', %s)", values[i], values[i]);
		char *theirs = db_text(db, sql);
		assert_string_equal(mine, theirs);
		free(mine);
		free(theirs);
	}
	char *n = db_text(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5000), "
			      "v(x) AS MATERIALIZED (SELECT CASE i % 4 WHEN 0 THEN random() WHEN 1 THEN random() / 1e9 WHEN 2 THEN "
			      "char(i % 160 + 1, (i * 7) % 300 + 1) ELSE i * 0.37 END FROM n) "
			      "SELECT count(*) FROM v WHERE xq_json('x', x) IS NOT json_object('x', x)");
	assert_string_equal(n, "0");
	free(n);
	/* the time: dates around leap days and year ends, the ends strftime takes, every
	 * millisecond of a second, and 'now' within one statement */
	n = db_text(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 20000), "
			"d(jd) AS (SELECT 1721059.5 + i * 182.6211 + (i % 1000) / 86400000.0 FROM n UNION ALL "
			"SELECT 2461013.5 + i / 86400000.0 FROM n WHERE i < 1000 UNION ALL "
			"SELECT julianday('2000-02-29 23:59:59.999') UNION ALL SELECT julianday('2100-03-01') "
			"UNION ALL SELECT julianday('9999-12-31 23:59:59.999') UNION ALL SELECT 1721059.5) "
			"SELECT count(*) FROM d WHERE xq_at(jd) IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', jd)");
	assert_string_equal(n, "0");
	free(n);
	n = db_text(db, "SELECT xq_at(julianday('now')) = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
	assert_string_equal(n, "1");
	free(n);
	db_close(db);
}

static void test_migrate_newer_refused(void **state)
{
	(void)state;
	const char *path = tpath("newer.db");
	struct db *db = open_file(path, DB_CREATE);
	db_close(db);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_latest() + 1);
	raw_exec(path, sql);

	char msg[XQ_MSG_MAX] = "";
	db = (struct db *)1;
	assert_int_equal(db_open(path, 0, 1000, &db, msg), XQ_ERR);
	assert_null(db);
	assert_non_null(strstr(msg, "newer"));
	assert_non_null(strstr(msg, path));
	/* left as it was */
	assert_int_equal(raw_long(path, "PRAGMA user_version"), db_schema_latest() + 1);
	/* read-only is refused too; its message is not checked: it says to open the file
	 * read-write once to upgrade, which does not apply to a newer database */
	assert_int_equal(db_open(path, DB_READONLY, 1000, &db, msg), XQ_ERR);
	assert_null(db);
	remove_db(path);
}

static void test_open_not_a_database(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX] = "";
	struct db *db;
	const char *path = tpath("junk.db");
	char junk[300];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 37 + 11);
	write_bytes(path, junk, sizeof junk);
	assert_int_equal(db_open(path, 0, 1000, &db, msg), XQ_ERR);
	assert_null(db);
	assert_non_null(strstr(msg, "not"));
	assert_non_null(strstr(msg, path));
	assert_int_equal(db_open(path, DB_CREATE, 1000, &db, msg), XQ_ERR);
	/* a short file, and a CSV file given by mistake */
	write_bytes(path, "abc", 3);
	assert_int_equal(db_open(path, DB_CREATE, 1000, &db, msg), XQ_ERR);
	const char csv[] = "code,name,level,location\n3201000001,城关小学,primary,urban\n";
	write_bytes(path, csv, sizeof csv - 1);
	assert_int_equal(db_open(path, DB_CREATE, 1000, &db, msg), XQ_ERR);
	assert_non_null(strstr(msg, "not"));
	/* the file is left alone */
	FILE *f = fopen(path, "rb");
	char back[sizeof csv];
	assert_int_equal(fread(back, 1, sizeof back, f), sizeof csv - 1);
	fclose(f);
	assert_memory_equal(back, csv, sizeof csv - 1);
	unlink(path);

	/* an SQLite database of something else */
	const char *other = tpath("other.db");
	raw_exec(other, "CREATE TABLE recipes (name TEXT)");
	assert_int_equal(db_open(other, 0, 1000, &db, msg), XQ_ERR);
	assert_non_null(strstr(msg, "not a xuequ database"));
	assert_int_equal(raw_long(other, "SELECT count(*) FROM sqlite_schema"), 1);
	assert_int_equal(raw_long(other, "PRAGMA user_version"), 0);
	remove_db(other);

	/* a directory */
	assert_int_equal(db_open(tmpdir, DB_CREATE, 1000, &db, msg), XQ_ERR);
	assert_non_null(strstr(msg, "directory"));
}

static void test_open_missing(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX] = "";
	struct db *db;
	const char *path = tpath("missing.db");
	assert_int_equal(db_open(path, 0, 1000, &db, msg), XQ_ERR);
	assert_null(db);
	assert_non_null(strstr(msg, "init"));
	assert_non_null(strstr(msg, path));
	assert_false(file_exists(path));
	assert_int_equal(db_open(path, DB_READONLY, 1000, &db, msg), XQ_ERR);
	assert_false(file_exists(path));
	/* with DB_CREATE it is made */
	db = open_file(path, DB_CREATE);
	db_close(db);
	assert_true(file_exists(path));
	remove_db(path);
}

/* Every column written and read back */

static void full_school(struct school *s)
{
	school_init(s);
	strcpy(s->code, "3201020304");
	strcpy(s->name, "南京市鼓楼区第一实验小学");
	strcpy(s->short_name, "鼓一小");
	s->level = LEVEL_NINE_YEAR;
	strcpy(s->town, "湖南路街道");
	s->location = LOC_TOWN;
	s->lat = 32.0603125;
	s->lon = 118.796875;
	s->students = 1234;
	s->classes = 31;
	s->staff_quota = 87;
	s->teaching_area_m2 = 5432.5;
	s->sports_area_m2 = 8765.25;
	s->equipment_value_yuan = 1234567.75;
	s->multimedia_rooms = 29;
	s->music_rooms = 3;
	s->art_rooms = 4;
	s->hardship = 2;
}

static void test_school_columns(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	struct school s, got;
	full_school(&s);
	MUST(db_school_insert(db, &s, msg));
	assert_true(s.id > 0);
	assert_int_equal(s.rev, 1);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
	check_school(&got, &s);
	assert_int_equal(db_school_by_code(db, s.code, &got), XQ_OK);
	check_school(&got, &s);
	MUST(db_school_find(db, "南京市鼓楼区第一实验小学", &got, msg));
	check_school(&got, &s);
	MUST(db_school_find(db, "鼓一小", &got, msg));
	check_school(&got, &s);
	struct school_row row;
	assert_int_equal(db_school_row(db, s.id, &row), XQ_OK);
	check_school(&row.s, &s);
	assert_int_equal(row.district_id, 0);
	assert_string_equal(row.district_name, "");
	assert_int_equal(row.teachers, 0);
	assert_int_equal(row.backbone, 0);

	/* an update of every column */
	strcpy(s.code, "3201029999");
	strcpy(s.name, "鼓楼区第二实验学校（本部）");
	strcpy(s.short_name, "鼓二实");
	s.level = LEVEL_TWELVE_YEAR;
	strcpy(s.town, "宁海路街道");
	s.location = LOC_RURAL;
	s.lat = -12.5;
	s.lon = -77.25;
	s.students = 0;
	s.classes = 0;
	s.staff_quota = 0;
	s.teaching_area_m2 = 0;
	s.sports_area_m2 = 0.125;
	s.equipment_value_yuan = 9e9;
	s.multimedia_rooms = 0;
	s.music_rooms = 1000;
	s.art_rooms = 0;
	s.hardship = 3;
	MUST(db_school_update(db, &s, msg));
	assert_int_equal(s.rev, 2);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
	check_school(&got, &s);
	assert_int_equal(db_school_by_code(db, "3201020304", &got), XQ_NOTFOUND);

	/* unknowns: NULL in the database, NAN and -1 back */
	s.short_name[0] = s.town[0] = '\0';
	s.lat = s.lon = NAN;
	s.students = s.classes = s.staff_quota = -1;
	s.teaching_area_m2 = s.sports_area_m2 = s.equipment_value_yuan = NAN;
	s.multimedia_rooms = s.music_rooms = s.art_rooms = -1;
	s.hardship = 0;
	MUST(db_school_update(db, &s, msg));
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
	check_school(&got, &s);

	/* every level and location */
	for (int v = 0; v < enum_count(level_items); v++) {
		s.level = v;
		s.location = v % enum_count(location_items);
		MUST(db_school_update(db, &s, msg));
		assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
		check_school(&got, &s);
	}

	/* a second school with only the required fields */
	struct school bare;
	school_init(&bare);
	strcpy(bare.code, "0000000001");
	strcpy(bare.name, "村小");
	MUST(db_school_insert(db, &bare, msg));
	assert_int_equal(db_school_get(db, bare.id, &got), XQ_OK);
	check_school(&got, &bare);

	MUST(db_school_delete(db, bare.id, bare.rev, msg));
	assert_int_equal(db_school_get(db, bare.id, &got), XQ_NOTFOUND);
	db_close(db);
}

static void test_district_columns(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	struct school lead;
	full_school(&lead);
	MUST(db_school_insert(db, &lead, msg));
	int64_t other = new_school(db, "3201020305", "鼓楼二小");

	struct district d = {0}, got;
	strcpy(d.name, "鼓楼教育集团");
	d.form = FORM_PAIRING;
	d.lead_school_id = lead.id;
	strcpy(d.established_on, "2024-09-01");
	strcpy(d.note, "第一行\n第二行, \"引号\" 与\t制表");
	MUST(db_district_insert(db, &d, msg));
	assert_true(d.id > 0);
	strcpy(d.lead_school_code, lead.code);
	assert_int_equal(db_district_get(db, d.id, &got), XQ_OK);
	assert_int_equal(got.rev, d.rev);
	check_district(&got, &d);
	assert_int_equal(db_district_by_name(db, d.name, &got), XQ_OK);
	check_district(&got, &d);
	struct district_row row;
	assert_int_equal(db_district_row(db, d.id, &row), XQ_OK);
	check_district(&row.d, &d);
	assert_string_equal(row.lead_name, lead.name);
	assert_int_equal(row.members, 1);
	assert_int_equal(row.students, lead.students);
	assert_int_equal(row.teachers, 0);

	/* update of the columns an update writes (the lead has its own calls) */
	strcpy(d.name, "鼓楼学区");
	d.form = FORM_INTEGRATED;
	strcpy(d.established_on, "2023-03-01");
	d.note[0] = '\0';
	MUST(db_district_update(db, &d, msg));
	assert_int_equal(db_district_get(db, d.id, &got), XQ_OK);
	check_district(&got, &d);
	assert_int_equal(db_district_by_name(db, "鼓楼教育集团", &got), XQ_NOTFOUND);
	for (int v = 0; v < enum_count(form_items); v++) {
		d.form = v;
		MUST(db_district_update(db, &d, msg));
		assert_int_equal(db_district_get(db, d.id, &got), XQ_OK);
		check_district(&got, &d);
	}

	/* the lead, through db_district_update_lead */
	d.lead_school_id = other;
	MUST(db_district_update_lead(db, &d, msg));
	strcpy(d.lead_school_code, "3201020305");
	assert_int_equal(db_district_get(db, d.id, &got), XQ_OK);
	check_district(&got, &d);
	d.lead_school_id = 0;
	MUST(db_district_update_lead(db, &d, msg));
	d.lead_school_code[0] = '\0';
	assert_int_equal(db_district_get(db, d.id, &got), XQ_OK);
	check_district(&got, &d);

	/* a district with nothing optional */
	struct district bare = {0};
	strcpy(bare.name, "西山学区");
	bare.form = FORM_ALLIANCE;
	MUST(db_district_insert(db, &bare, msg));
	assert_int_equal(bare.rev, 1);
	assert_int_equal(db_district_get(db, bare.id, &got), XQ_OK);
	check_district(&got, &bare);
	db_close(db);
}

static void test_member_columns(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "城关二小");
	int64_t d = new_district(db, "城关学区", s1, "2024-09-01");

	struct member m = {0}, got;
	m.district_id = d;
	m.school_id = s2;
	m.role = ROLE_MEMBER;
	strcpy(m.from_date, "2025-02-01");
	MUST(db_member_add(db, &m, msg));
	assert_true(m.id > 0);
	assert_int_equal(m.rev, 1);
	strcpy(m.district_name, "城关学区");
	assert_string_equal(m.school_code, "3201000002");
	assert_int_equal(db_member_find(db, d, s2, "2025-02-01", &got), XQ_OK);
	check_member(&got, &m);
	assert_int_equal(db_member_current(db, s2, &got), XQ_OK);
	check_member(&got, &m);
	check_member((struct member[]){get_member(db, m.id)}, &m);

	struct member_row *rows;
	int n;
	assert_int_equal(db_member_list(db, d, true, &rows, &n), XQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].m.school_id, s1); /* the lead first */
	assert_int_equal(rows[0].m.role, ROLE_LEAD);
	check_member(&rows[1].m, &m);
	assert_string_equal(rows[1].school_name, "城关二小");
	assert_int_equal(rows[1].level, LEVEL_PRIMARY);
	assert_int_equal(rows[1].location, LOC_RURAL);
	assert_int_equal(rows[1].students, -1);
	free(rows);

	/* update of dates and role */
	strcpy(m.from_date, "2025-01-15");
	strcpy(m.to_date, "2025-12-31");
	MUST(db_member_update(db, &m, msg));
	assert_int_equal(m.rev, 2);
	assert_int_equal(db_member_find(db, d, s2, "2025-01-15", &got), XQ_OK);
	check_member(&got, &m);
	assert_int_equal(db_member_find(db, d, s2, "2025-02-01", &got), XQ_NOTFOUND);
	assert_int_equal(db_member_current(db, s2, &got), XQ_NOTFOUND);
	/* a past lead, as imports bring history */
	m.role = ROLE_LEAD;
	MUST(db_member_update(db, &m, msg));
	assert_int_equal(db_member_find(db, d, s2, "2025-01-15", &got), XQ_OK);
	check_member(&got, &m);
	/* and back to current, as a member */
	m.role = ROLE_MEMBER;
	m.to_date[0] = '\0';
	MUST(db_member_update(db, &m, msg));
	assert_int_equal(db_member_current(db, s2, &got), XQ_OK);
	check_member(&got, &m);
	db_close(db);
}

static void test_agreement_activity_columns(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "西山村小");
	int64_t s3 = new_school(db, "3201000003", "东山教学点");

	struct agreement a = {0}, got;
	a.supporting_id = s1;
	a.supported_id = s2;
	strcpy(a.start_date, "2024-09-01");
	strcpy(a.end_date, "2026-08-31");
	strcpy(a.goals, "教研共建；师徒结对\n每月一次送教下乡, \"同课异构\"");
	MUST(db_agreement_insert(db, &a, msg));
	assert_int_equal(a.rev, 1);
	strcpy(a.supporting_code, "3201000001");
	strcpy(a.supported_code, "3201000002");
	assert_int_equal(db_agreement_get(db, a.id, &got), XQ_OK);
	check_agreement(&got, &a);
	assert_int_equal(db_agreement_find(db, s1, s2, "2024-09-01", &got), XQ_OK);
	check_agreement(&got, &a);

	/* activities: every kind */
	struct activity act[8];
	for (int k = 0; k < 8; k++) {
		memset(&act[k], 0, sizeof act[k]);
		act[k].agreement_id = a.id;
		snprintf(act[k].date, sizeof act[k].date, "2025-03-%02u", (unsigned)(10 + k) % 100u);
		act[k].kind = k;
		/* the last one without a note */
		if (k < 7)
			snprintf(act[k].note, sizeof act[k].note, "第%d次活动%s", k + 1,
				k == 3 ? "\n第二行" : "");
		MUST(db_activity_insert(db, &act[k], msg));
		assert_int_equal(act[k].rev, 1);
	}
	struct activity *list;
	int n;
	assert_int_equal(db_activity_list(db, a.id, &list, &n), XQ_OK);
	assert_int_equal(n, 8);
	for (int k = 0; k < 8; k++)
		check_activity(&list[k], &act[k]);
	free(list);
	/* activities have no update call: an edit is a delete and an insert (as the import does) */

	struct agreement_row *rows;
	assert_int_equal(db_agreement_list(db, 0, &rows, &n), XQ_OK);
	assert_int_equal(n, 1);
	check_agreement(&rows[0].a, &a);
	assert_string_equal(rows[0].supporting_name, "城关一小");
	assert_string_equal(rows[0].supported_name, "西山村小");
	assert_int_equal(rows[0].activities, 8);
	free(rows);

	/* update of every column */
	a.supporting_id = s3;
	a.supported_id = s1;
	strcpy(a.start_date, "2025-01-01");
	a.end_date[0] = '\0';
	a.goals[0] = '\0';
	MUST(db_agreement_update(db, &a, msg));
	assert_int_equal(a.rev, 2);
	strcpy(a.supporting_code, "3201000003");
	strcpy(a.supported_code, "3201000001");
	assert_int_equal(db_agreement_get(db, a.id, &got), XQ_OK);
	check_agreement(&got, &a);
	assert_int_equal(db_agreement_find(db, s1, s2, "2024-09-01", &got), XQ_NOTFOUND);

	/* deleting the agreement deletes its activities */
	MUST(db_agreement_delete(db, a.id, a.rev, msg));
	assert_int_equal(db_activity_list(db, a.id, &list, &n), XQ_OK);
	assert_int_equal(n, 0);
	free(list);
	db_close(db);
}

static void full_teacher(struct teacher *t, int64_t school_id)
{
	teacher_init(t);
	strcpy(t->staff_no, "320102-2024-0001");
	strcpy(t->name, "欧阳晓燕");
	t->gender = 'F';
	strcpy(t->birth_date, "1986-02-28");
	t->school_id = school_id;
	strcpy(t->subjects, "语文;道德与法治");
	strcpy(t->title, "高级教师");
	t->education = EDU_MASTER;
	t->backbone = BB_PROVINCE;
	t->pe_art = true;
	t->employment = EMP_SPECIAL_POST;
	t->post = POST_VICE_PRINCIPAL;
	strcpy(t->post_since, "2021-08-01");
	strcpy(t->joined_school_on, "2012-09-01");
}

static void test_teacher_columns(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "西山村小");

	struct teacher t, got;
	full_teacher(&t, s1);
	MUST(db_teacher_insert(db, &t, msg));
	assert_int_equal(t.rev, 1);
	strcpy(t.school_code, "3201000001");
	assert_int_equal(db_teacher_get(db, t.id, &got), XQ_OK);
	check_teacher(&got, &t);
	assert_int_equal(db_teacher_by_staff_no(db, t.staff_no, &got), XQ_OK);
	check_teacher(&got, &t);
	struct teacher_query q;
	teacher_query_init(&q);
	struct teacher_row rows[4];
	assert_int_equal(db_teacher_page(db, &q, 0, 4, rows), 1);
	check_teacher(&rows[0].t, &t);
	assert_string_equal(rows[0].school_name, "城关一小");
	struct school_row sr;
	assert_int_equal(db_school_row(db, s1, &sr), XQ_OK);
	assert_int_equal(sr.teachers, 1);
	assert_int_equal(sr.backbone, 1);

	/* update of every column */
	strcpy(t.staff_no, "320102-2024-0002");
	strcpy(t.name, "李明");
	t.gender = 'M';
	t.birth_date[0] = '\0';
	t.school_id = s2;
	t.subjects[0] = '\0';
	t.title[0] = '\0';
	t.education = EDU_SECONDARY;
	t.backbone = BB_NONE;
	t.pe_art = false;
	t.employment = EMP_SUBSTITUTE;
	t.post = POST_TEACHER;
	t.post_since[0] = '\0';
	strcpy(t.joined_school_on, "2020-02-29");
	MUST(db_teacher_update(db, &t, msg));
	assert_int_equal(t.rev, 2);
	strcpy(t.school_code, "3201000002");
	assert_int_equal(db_teacher_get(db, t.id, &got), XQ_OK);
	check_teacher(&got, &t);
	assert_int_equal(db_teacher_by_staff_no(db, "320102-2024-0001", &got), XQ_NOTFOUND);

	/* every value of the enumerated columns */
	for (int v = 0; v < 5; v++) {
		t.education = v;
		t.backbone = v;
		t.employment = v % enum_count(employment_items);
		t.post = v % enum_count(post_items);
		if (t.post != POST_TEACHER)
			strcpy(t.post_since, "2022-09-01");
		t.pe_art = v & 1;
		MUST(db_teacher_update(db, &t, msg));
		assert_int_equal(db_teacher_get(db, t.id, &got), XQ_OK);
		check_teacher(&got, &t);
	}
	MUST(db_teacher_delete(db, t.id, t.rev, msg));
	assert_int_equal(db_teacher_get(db, t.id, &got), XQ_NOTFOUND);
	db_close(db);
}

static void test_exemption_columns(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t t1 = new_teacher(db, "T-0001", "王芳", s1);

	struct exemption e = {0}, got;
	e.teacher_id = t1;
	e.kind = EXM_FAMILY;
	strcpy(e.start_date, "2025-01-01");
	strcpy(e.end_date, "2025-06-30");
	strcpy(e.note, "父亲长期住院, 需照顾\n见证明材料");
	MUST(db_exemption_insert(db, &e, msg));
	assert_int_equal(e.rev, 1);
	strcpy(e.staff_no, "T-0001");
	assert_int_equal(db_exemption_find(db, t1, EXM_FAMILY, "2025-01-01", &got), XQ_OK);
	check_exemption(&got, &e);
	struct exemption *list;
	int n;
	assert_int_equal(db_exemption_list(db, t1, &list, &n), XQ_OK);
	assert_int_equal(n, 1);
	check_exemption(&list[0], &e);
	free(list);

	/* update of every column it writes */
	e.kind = EXM_OTHER;
	strcpy(e.start_date, "2025-02-01");
	e.end_date[0] = '\0';
	e.note[0] = '\0';
	MUST(db_exemption_update(db, &e, msg));
	assert_int_equal(e.rev, 2);
	assert_int_equal(db_exemption_find(db, t1, EXM_OTHER, "2025-02-01", &got), XQ_OK);
	check_exemption(&got, &e);
	assert_int_equal(db_exemption_find(db, t1, EXM_FAMILY, "2025-01-01", &got), XQ_NOTFOUND);
	for (int k = 0; k < enum_count(exemption_kind_items); k++) {
		e.kind = k;
		MUST(db_exemption_update(db, &e, msg));
		assert_int_equal(db_exemption_find(db, t1, k, "2025-02-01", &got), XQ_OK);
		check_exemption(&got, &e);
	}
	MUST(db_exemption_delete(db, e.id, e.rev, msg));
	assert_int_equal(db_exemption_list(db, 0, &list, &n), XQ_OK);
	assert_int_equal(n, 0);
	free(list);
	db_close(db);
}

/* Optimistic locking across two connections */

static void test_optimistic_locking(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	const char *path = tpath("lock.db");
	struct db *a = open_file(path, DB_CREATE);
	struct db *b = open_file(path, 0);
	const char *login = db_operator(a)->login;

	struct school sa, sb;
	full_school(&sa);
	int64_t va = db_data_version(a), vb = db_data_version(b);
	MUST(db_school_insert(a, &sa, msg));
	/* another connection's commit changes PRAGMA data_version; one's own does not */
	assert_true(db_data_version(a) == va);
	assert_true(db_data_version(b) != vb);
	assert_int_equal(db_school_get(a, sa.id, &sa), XQ_OK);
	assert_int_equal(db_school_get(b, sa.id, &sb), XQ_OK);
	assert_int_equal(sb.rev, 1);

	strcpy(sa.name, "A 改的名字");
	MUST(db_school_update(a, &sa, msg));
	assert_int_equal(sa.rev, 2);

	strcpy(sb.name, "B 改的名字");
	sb.students = 1;
	REFUSED(db_school_update(b, &sb, msg), XQ_STALE, "changed");
	assert_non_null(strstr(msg, db_operator(b)->login));
	assert_non_null(strstr(msg, login));
	assert_int_equal(sb.rev, 1); /* the caller's copy is kept */
	assert_string_equal(sb.name, "B 改的名字");
	/* the stored row is A's */
	struct school now;
	assert_int_equal(db_school_get(b, sa.id, &now), XQ_OK);
	check_school(&now, &sa);
	/* a delete with the old rev is refused too */
	REFUSED(db_school_delete(b, sb.id, 1, msg), XQ_STALE, "changed");
	assert_int_equal(db_school_get(a, sa.id, &now), XQ_OK);

	/* after reloading, B's edit goes through, and A is the one behind */
	sb.rev = now.rev;
	MUST(db_school_update(b, &sb, msg));
	assert_int_equal(sb.rev, 3);
	strcpy(sa.name, "A 又改");
	REFUSED(db_school_update(a, &sa, msg), XQ_STALE, "changed");
	REFUSED(db_school_delete(a, sa.id, sa.rev, msg), XQ_STALE, "changed");

	/* a row that never existed */
	struct school ghost = sb;
	ghost.id = 9999;
	strcpy(ghost.code, "3201099999");
	REFUSED(db_school_update(b, &ghost, msg), XQ_NOTFOUND, "no such record");

	/* a row deleted meanwhile: not found, saying who deleted it */
	MUST(db_school_delete(a, sb.id, sb.rev, msg));
	REFUSED(db_school_update(b, &sb, msg), XQ_NOTFOUND, "deleted");
	assert_non_null(strstr(msg, login));

	/* the same for a teacher, a district and a membership */
	int64_t s1 = new_school(a, "3201000001", "城关一小");
	int64_t s2 = new_school(a, "3201000002", "城关二小");
	int64_t tid = new_teacher(a, "T-1", "张三", s1);
	struct teacher ta, tb;
	assert_int_equal(db_teacher_get(a, tid, &ta), XQ_OK);
	assert_int_equal(db_teacher_get(b, tid, &tb), XQ_OK);
	strcpy(ta.title, "一级教师");
	MUST(db_teacher_update(a, &ta, msg));
	strcpy(tb.title, "二级教师");
	REFUSED(db_teacher_update(b, &tb, msg), XQ_STALE, "changed");
	REFUSED(db_teacher_delete(b, tb.id, tb.rev, msg), XQ_STALE, "changed");

	int64_t did = new_district(a, "城关学区", s1, "2024-09-01");
	struct district da, dbb;
	assert_int_equal(db_district_get(a, did, &da), XQ_OK);
	assert_int_equal(db_district_get(b, did, &dbb), XQ_OK);
	strcpy(da.note, "A");
	MUST(db_district_update(a, &da, msg));
	strcpy(dbb.note, "B");
	REFUSED(db_district_update(b, &dbb, msg), XQ_STALE, "changed");
	REFUSED(db_district_delete(b, dbb.id, dbb.rev, msg), XQ_STALE, "changed");

	int64_t mid = new_member(a, did, s2, ROLE_MEMBER, "2025-01-01", "");
	struct member ma = get_member(a, mid), mb = get_member(b, mid);
	strcpy(ma.to_date, "2025-12-31");
	MUST(db_member_update(a, &ma, msg));
	REFUSED(db_member_end(b, mb.id, mb.rev, "2025-06-30", msg), XQ_STALE, "changed");
	strcpy(mb.from_date, "2025-02-01");
	REFUSED(db_member_update(b, &mb, msg), XQ_STALE, "changed");
	db_close(a);
	db_close(b);
	remove_db(path);
}

/* Transactions: nested calls are counted, an inner rollback undoes the whole change */

static void test_transactions(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	MUST(db_begin(db, msg));
	new_school(db, "3201000001", "城关一小");
	db_rollback(db);
	assert_int_equal(count_rows(db, "schools"), 0);

	MUST(db_begin(db, msg));
	new_school(db, "3201000001", "城关一小");
	MUST(db_begin(db, msg));
	new_school(db, "3201000002", "城关二小");
	MUST(db_commit(db, msg));
	MUST(db_commit(db, msg));
	assert_int_equal(count_rows(db, "schools"), 2);

	MUST(db_begin(db, msg));
	new_school(db, "3201000003", "城关三小");
	MUST(db_begin(db, msg));
	new_school(db, "3201000004", "城关四小");
	db_rollback(db);
	REFUSED(db_commit(db, msg), XQ_ERR, "rolled back");
	assert_int_equal(count_rows(db, "schools"), 2);
	/* a commit or rollback with nothing open is harmless */
	MUST(db_commit(db, msg));
	db_rollback(db);
	new_school(db, "3201000005", "城关五小");
	assert_int_equal(count_rows(db, "schools"), 3);
	db_close(db);
}

/* Audit */

static void expect_audit(struct db *db, const char *table, int64_t id, const char *op)
{
	struct audit_entry e;
	assert_int_equal(db_audit_last(db, table, id, &e), XQ_OK);
	assert_string_equal(e.op, op);
	assert_string_equal(e.table, table);
	assert_int_equal(e.row_id, id);
	assert_string_equal(e.login, db_operator(db)->login);
	/* "YYYY-MM-DDTHH:MM:SS.sssZ" */
	assert_int_equal(strlen(e.at), 24);
	assert_int_equal(e.at[10], 'T');
	assert_int_equal(e.at[23], 'Z');
}

static void test_audit(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	long n = db_audit_count(db);
	struct audit_entry e;
	assert_int_equal(db_audit_last(db, "school", 1, &e), XQ_NOTFOUND);

	struct school s;
	full_school(&s);
	MUST(db_school_insert(db, &s, msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "school", s.id, "insert");
	strcpy(s.name, "新名字");
	MUST(db_school_update(db, &s, msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "school", s.id, "update");
	int64_t s2 = new_school(db, "3201000002", "二小");
	int64_t s3 = new_school(db, "3201000003", "三小");
	n += 2;

	/* teachers and exemptions; deleting a teacher deletes (and audits) its exemptions */
	int64_t t = new_teacher(db, "T-1", "张三", s2);
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "teacher", t, "insert");
	struct exemption ex = {0};
	ex.teacher_id = t;
	ex.kind = EXM_ILLNESS;
	strcpy(ex.start_date, "2025-01-01");
	MUST(db_exemption_insert(db, &ex, msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "exemption", ex.id, "insert");
	strcpy(ex.note, "病假");
	MUST(db_exemption_update(db, &ex, msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "exemption", ex.id, "update");
	struct teacher tt;
	assert_int_equal(db_teacher_get(db, t, &tt), XQ_OK);
	MUST(db_teacher_delete(db, t, tt.rev, msg));
	n += 2;
	assert_int_equal(db_audit_count(db), n);
	expect_audit(db, "teacher", t, "delete");
	expect_audit(db, "exemption", ex.id, "delete");

	/* districts and memberships */
	int64_t d = new_district(db, "城关学区", 0, "");
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "district", d, "insert");
	int64_t m2 = new_member(db, d, s2, ROLE_MEMBER, "2025-01-01", "");
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "member", m2, "insert");
	/* a lead member: the row, its role, and the district's lead */
	int64_t m1 = new_member(db, d, s.id, ROLE_LEAD, "2025-01-01", "");
	n += 3;
	assert_int_equal(db_audit_count(db), n);
	expect_audit(db, "member", m1, "update");
	expect_audit(db, "district", d, "update");
	/* swapping the lead: both memberships and the district */
	MUST(db_district_set_lead(db, d, s2, msg));
	n += 3;
	assert_int_equal(db_audit_count(db), n);
	/* ending a membership */
	int64_t m3 = new_member(db, d, s3, ROLE_MEMBER, "2025-01-01", "");
	n++;
	struct member m = get_member(db, m3);
	MUST(db_member_end(db, m3, m.rev, "2025-06-30", msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "member", m3, "update");
	/* ending the lead's: the membership and the district's lead */
	m = get_member(db, m2);
	MUST(db_member_end(db, m2, m.rev, "2025-06-30", msg));
	n += 2;
	assert_int_equal(db_audit_count(db), n);
	expect_audit(db, "district", d, "update");
	/* a membership added and ended on the same day is deleted */
	int64_t m4 = new_member(db, d, s3, ROLE_MEMBER, "2025-08-01", "");
	n++;
	m = get_member(db, m4);
	MUST(db_member_end(db, m4, m.rev, "2025-08-01", msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "member", m4, "delete");
	/* deleting the district deletes its four memberships, each audited */
	struct district dd;
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	MUST(db_district_delete(db, d, dd.rev, msg));
	n += 1 + 3;
	assert_int_equal(db_audit_count(db), n);
	expect_audit(db, "district", d, "delete");
	expect_audit(db, "member", m1, "delete");
	expect_audit(db, "member", m3, "delete");

	/* agreements and activities */
	struct agreement a = {0};
	a.supporting_id = s.id;
	a.supported_id = s2;
	strcpy(a.start_date, "2025-01-01");
	MUST(db_agreement_insert(db, &a, msg));
	assert_int_equal(db_audit_count(db), ++n);
	struct activity act = {0};
	act.agreement_id = a.id;
	strcpy(act.date, "2025-02-02");
	MUST(db_activity_insert(db, &act, msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "activity", act.id, "insert");
	strcpy(a.goals, "目标");
	MUST(db_agreement_update(db, &a, msg));
	assert_int_equal(db_audit_count(db), ++n);
	MUST(db_agreement_delete(db, a.id, a.rev, msg));
	n += 2;
	assert_int_equal(db_audit_count(db), n);
	expect_audit(db, "agreement", a.id, "delete");
	expect_audit(db, "activity", act.id, "delete");

	/* deletes of schools, and operators */
	struct school s3r;
	assert_int_equal(db_school_get(db, s3, &s3r), XQ_OK);
	MUST(db_school_delete(db, s3, s3r.rev, msg));
	assert_int_equal(db_audit_count(db), ++n);
	expect_audit(db, "school", s3, "delete");
	MUST(db_operator_bootstrap(db, msg));
	assert_int_equal(db_audit_count(db), ++n);

	/* a refused write leaves no record */
	struct school bad;
	full_school(&bad);
	strcpy(bad.code, "x");
	assert_int_equal(db_school_insert(db, &bad, msg), XQ_ERR);
	assert_int_equal(db_audit_count(db), n);
	db_close(db);
}

static void test_audit_sudo(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	const char *path = tpath("sudo.db");
	if (getuid() != 0)
		skip(); /* SUDO_USER is trusted from root alone */
	setenv("SUDO_USER", "zhanglaoshi", 1);
	struct db *a = open_file(path, DB_CREATE);
	unsetenv("SUDO_USER");
	struct db *b = open_file(path, 0);
	assert_string_equal(db_sudo_user(a), "zhanglaoshi");
	assert_string_equal(db_sudo_user(b), "");

	struct school s;
	full_school(&s);
	MUST(db_school_insert(a, &s, msg));
	struct audit_entry e;
	assert_int_equal(db_audit_last(a, "school", s.id, &e), XQ_OK);
	assert_string_equal(e.sudo_user, "zhanglaoshi");
	assert_string_equal(e.login, db_operator(a)->login);

	struct school old = s;
	strcpy(s.name, "改");
	MUST(db_school_update(a, &s, msg));
	/* the stale message names the person behind sudo */
	REFUSED(db_school_update(b, &old, msg), XQ_STALE, "zhanglaoshi");
	MUST(db_school_update(b, &s, msg));
	assert_int_equal(db_audit_last(b, "school", s.id, &e), XQ_OK);
	assert_string_equal(e.sudo_user, "");
	db_close(a);
	db_close(b);
	remove_db(path);
}

/* Memberships */

struct findings {
	int n;
	char text[8192];
};

static void collect(void *ctx, const char *what)
{
	struct findings *f = ctx;
	f->n++;
	size_t len = strlen(f->text);
	snprintf(f->text + len, sizeof f->text - len, "%s\n", what);
}


static void test_membership_one_district(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t da = new_district(db, "城关学区", 0, "");
	int64_t dbb = new_district(db, "新城学区", 0, "");
	int64_t m1 = new_member(db, da, s1, ROLE_MEMBER, "2024-09-01", "");
	long audits = db_audit_count(db);

	struct member m = {0};
	m.district_id = dbb;
	m.school_id = s1;
	m.role = ROLE_MEMBER;
	strcpy(m.from_date, "2025-01-01");
	REFUSED(db_member_add(db, &m, msg), XQ_ERR, "城关学区");
	/* a period in the past that overlaps is refused too (it leaves a day after the other
	 * membership began) */
	strcpy(m.from_date, "2024-01-01");
	strcpy(m.to_date, "2024-09-02");
	REFUSED(db_member_add(db, &m, msg), XQ_ERR, "城关学区");
	/* and the same district twice */
	m.district_id = da;
	m.to_date[0] = '\0';
	strcpy(m.from_date, "2025-01-01");
	REFUSED(db_member_add(db, &m, msg), XQ_ERR, "already");
	assert_int_equal(db_audit_count(db), audits);

	/* ended, the school can join B after */
	struct member cur = get_member(db, m1);
	MUST(db_member_end(db, m1, cur.rev, "2025-06-30", msg));
	cur = get_member(db, m1);
	assert_string_equal(cur.to_date, "2025-06-30");
	m.district_id = dbb;
	/* Not asserted: joining B on 2025-06-30, the day A's membership ends, is refused
	 * today, because both ends of a membership count as days in the district. */
	strcpy(m.from_date, "2025-07-01");
	MUST(db_member_add(db, &m, msg));
	struct member now;
	assert_int_equal(db_member_current(db, s1, &now), XQ_OK);
	assert_int_equal(now.district_id, dbb);
	assert_string_equal(now.district_name, "新城学区");
	/* and a period before A's is fine */
	m.district_id = dbb;
	strcpy(m.from_date, "2023-01-01");
	strcpy(m.to_date, "2024-08-31");
	MUST(db_member_add(db, &m, msg));

	/* A keeps the history */
	struct member_row *rows;
	int n;
	assert_int_equal(db_member_list(db, da, true, &rows, &n), XQ_OK);
	assert_int_equal(n, 0);
	free(rows);
	assert_int_equal(db_member_list(db, da, false, &rows, &n), XQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].m.to_date, "2025-06-30");
	free(rows);
	assert_int_equal(db_member_list(db, dbb, false, &rows, &n), XQ_OK);
	assert_int_equal(n, 2);
	free(rows);

	/* ending before it started is refused */
	struct member latest;
	assert_int_equal(db_member_current(db, s1, &latest), XQ_OK);
	REFUSED(db_member_end(db, latest.id, latest.rev, "2025-01-01", msg), XQ_ERR, "2025-07-01");
	REFUSED(db_member_end(db, latest.id, latest.rev, "2025-13-01", msg), XQ_ERR, "2025-13-01");
	/* with no date: today */
	MUST(db_member_end(db, latest.id, latest.rev, "", msg));
	latest = get_member(db, latest.id);
	assert_string_equal(latest.to_date, TODAY);
	/* a membership with no from date starts today */
	int64_t s2 = new_school(db, "3201000002", "城关二小");
	int64_t m2 = new_member(db, da, s2, ROLE_MEMBER, "", "");
	assert_string_equal(get_member(db, m2).from_date, TODAY);
	db_close(db);
}

static void test_set_lead(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "城关二小");
	int64_t s3 = new_school(db, "3201000003", "西山小学");
	int64_t d = new_district(db, "城关学区", s1, "2024-09-01");
	int64_t m2 = new_member(db, d, s2, ROLE_MEMBER, "2024-09-01", "");

	MUST(db_district_set_lead(db, d, s2, msg));
	struct district dd;
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	assert_int_equal(dd.lead_school_id, s2);
	assert_string_equal(dd.lead_school_code, "3201000002");
	struct member m;
	assert_int_equal(db_member_current(db, s1, &m), XQ_OK);
	assert_int_equal(m.role, ROLE_MEMBER);
	assert_int_equal(db_member_current(db, s2, &m), XQ_OK);
	assert_int_equal(m.role, ROLE_LEAD);
	assert_int_equal(m.id, m2);
	/* the lead list order: lead first */
	struct member_row *rows;
	int n;
	assert_int_equal(db_member_list(db, d, true, &rows, &n), XQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].m.school_id, s2);
	free(rows);

	/* setting it again keeps it */
	MUST(db_district_set_lead(db, d, s2, msg));
	struct district again;
	assert_int_equal(db_district_get(db, d, &again), XQ_OK);
	assert_int_equal(again.lead_school_id, s2);
	assert_int_equal(db_member_current(db, s1, &m), XQ_OK);
	assert_int_equal(m.role, ROLE_MEMBER);

	/* a school that is not a current member cannot lead */
	REFUSED(db_district_set_lead(db, d, s3, msg), XQ_ERR, "member");
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	assert_int_equal(dd.lead_school_id, s2);

	/* adding a school as lead makes it the lead and the old lead a member */
	new_member(db, d, s3, ROLE_LEAD, "2025-01-01", "");
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	assert_int_equal(dd.lead_school_id, s3);
	assert_int_equal(db_member_current(db, s2, &m), XQ_OK);
	assert_int_equal(m.role, ROLE_MEMBER);

	struct findings f = {0};
	if (db_check(db, collect, &f) != 0)
		fail_msg("%s", f.text);
	db_close(db);
}

static void test_end_lead_clears(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "城关二小");
	int64_t d = new_district(db, "城关学区", s1, "2024-09-01");
	new_member(db, d, s2, ROLE_MEMBER, "2024-09-01", "");
	struct findings f = {0};
	assert_int_equal(db_check(db, collect, &f), 0);

	struct member lead;
	assert_int_equal(db_member_current(db, s1, &lead), XQ_OK);
	MUST(db_member_end(db, lead.id, lead.rev, "2025-06-30", msg));
	struct district dd;
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	assert_int_equal(dd.lead_school_id, 0);
	assert_string_equal(dd.lead_school_code, "");
	struct district_row row;
	assert_int_equal(db_district_row(db, d, &row), XQ_OK);
	assert_string_equal(row.lead_name, "");
	assert_int_equal(row.members, 1);
	/* the ended row keeps its role as history */
	lead = get_member(db, lead.id);
	assert_int_equal(lead.role, ROLE_LEAD);
	assert_string_equal(lead.to_date, "2025-06-30");
	/* ending a plain member leaves the lead alone */
	MUST(db_district_set_lead(db, d, s2, msg));
	int64_t s3 = new_school(db, "3201000003", "城关三小");
	int64_t m3 = new_member(db, d, s3, ROLE_MEMBER, "2024-09-01", "");
	struct member m = get_member(db, m3);
	MUST(db_member_end(db, m3, m.rev, "2025-06-30", msg));
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	assert_int_equal(dd.lead_school_id, s2);
	db_close(db);
}

static void test_district_insert_with_lead(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "城关二小");

	int64_t d = new_district(db, "城关学区", s1, "2024-09-01");
	struct member m;
	assert_int_equal(db_member_current(db, s1, &m), XQ_OK);
	assert_int_equal(m.district_id, d);
	assert_int_equal(m.role, ROLE_LEAD);
	assert_string_equal(m.from_date, "2024-09-01");
	assert_string_equal(m.to_date, "");
	struct district dd;
	assert_int_equal(db_district_get(db, d, &dd), XQ_OK);
	assert_int_equal(dd.lead_school_id, s1);

	/* without a date, the lead joins today */
	int64_t d2 = new_district(db, "新城学区", s2, "");
	assert_int_equal(db_member_current(db, s2, &m), XQ_OK);
	assert_int_equal(m.district_id, d2);
	assert_string_equal(m.from_date, TODAY);

	/* a lead already in another district: nothing is written */
	long audits = db_audit_count(db);
	struct district bad = {0};
	strcpy(bad.name, "第三学区");
	bad.form = FORM_GROUP;
	bad.lead_school_id = s1;
	REFUSED(db_district_insert(db, &bad, msg), XQ_ERR, "城关学区");
	assert_int_equal(db_district_by_name(db, "第三学区", &dd), XQ_NOTFOUND);
	assert_int_equal(db_audit_count(db), audits);
	/* and the connection still works */
	new_district(db, "第四学区", 0, "");
	/* a duplicate name */
	bad.lead_school_id = 0;
	strcpy(bad.name, "城关学区");
	REFUSED(db_district_insert(db, &bad, msg), XQ_ERR, "城关学区");
	db_close(db);
}

/* Permissions */

static void test_permissions_viewer(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	const char *path = tpath("perm.db");
	struct db *db = open_file(path, DB_CREATE);
	char me[SHORT_LEN];
	xq_copy(me, sizeof me, db_operator(db)->login);
	int64_t sid = new_school(db, "3201000001", "城关一小");
	int64_t tid = new_teacher(db, "T-1", "张三", sid);
	int64_t did = new_district(db, "城关学区", 0, "");
	MUST(db_operator_bootstrap(db, msg));
	struct operator op = {0};
	/* the only admin cannot step down, nor remove themselves */
	xq_copy(op.login, sizeof op.login, me);
	op.role = OPROLE_VIEWER;
	REFUSED(db_operator_set(db, &op, msg), XQ_ERR, "only admin");
	REFUSED(db_operator_remove(db, me, msg), XQ_ERR, "yourself");
	REFUSED(db_operator_remove(db, "nobody", msg), XQ_NOTFOUND, "nobody");
	strcpy(op.login, "bad login");
	REFUSED(db_operator_set(db, &op, msg), XQ_ERR, "login");
	strcpy(op.login, "zhang_admin");
	op.role = OPROLE_ADMIN;
	MUST(db_operator_set(db, &op, msg));
	xq_copy(op.login, sizeof op.login, me);
	op.role = OPROLE_VIEWER;
	MUST(db_operator_set(db, &op, msg));
	struct operator *ops;
	int nops;
	assert_int_equal(db_operator_list(db, &ops, &nops), XQ_OK);
	assert_int_equal(nops, 2);
	for (int i = 0; i < nops; i++)
		assert_int_equal(ops[i].role, strcmp(ops[i].login, me) == 0 ? OPROLE_VIEWER : OPROLE_ADMIN);
	free(ops);
	db_close(db);

	db = open_file(path, 0);
	assert_int_equal(db_operator(db)->role, OPROLE_VIEWER);
	long audits = db_audit_count(db);
	struct school s;
	full_school(&s);
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "permission denied");
	assert_non_null(strstr(msg, me));
	assert_int_equal(db_school_get(db, sid, &s), XQ_OK);
	strcpy(s.name, "改名");
	REFUSED(db_school_update(db, &s, msg), XQ_ERR, "permission denied");
	REFUSED(db_school_delete(db, s.id, s.rev, msg), XQ_ERR, "permission denied");
	struct teacher t;
	assert_int_equal(db_teacher_get(db, tid, &t), XQ_OK);
	strcpy(t.title, "一级");
	REFUSED(db_teacher_update(db, &t, msg), XQ_ERR, "permission denied");
	REFUSED(db_teacher_delete(db, t.id, t.rev, msg), XQ_ERR, "permission denied");
	struct district d = {0};
	strcpy(d.name, "新学区");
	REFUSED(db_district_insert(db, &d, msg), XQ_ERR, "permission denied");
	REFUSED(db_member_add(db, &(struct member){.district_id = did, .school_id = sid,
		.role = ROLE_MEMBER, .from_date = "2025-01-01"}, msg), XQ_ERR, "permission denied");
	struct exemption e = {.teacher_id = tid, .kind = EXM_OTHER, .start_date = "2025-01-01"};
	REFUSED(db_exemption_insert(db, &e, msg), XQ_ERR, "permission denied");
	op.role = OPROLE_ADMIN;
	REFUSED(db_operator_set(db, &op, msg), XQ_ERR, "permission denied");
	REFUSED(db_operator_remove(db, "zhang_admin", msg), XQ_ERR, "permission denied");
	assert_false(db_may_write(db, sid, msg));

	/* an import is refused as a whole */
	struct io_report rep;
	const char csv[] = "code,name,level,location\n3201000009,新校,primary,rural\n";
	assert_int_equal(db_import(db, "schools", csv, sizeof csv - 1, false, &rep), XQ_ERR);
	assert_true(rep.nerrors >= 1);
	assert_non_null(strstr(rep.errors[0].msg, "permission denied"));
	assert_int_equal(rep.errors[0].line, 2);
	io_report_free(&rep);
	assert_int_equal(db_audit_count(db), audits);
	assert_int_equal(count_rows(db, "schools"), 1);
	db_close(db);
	remove_db(path);
}

static void test_permissions_unregistered(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	const char *path = tpath("unreg.db");
	struct db *db = open_file(path, DB_CREATE);
	char me[SHORT_LEN];
	xq_copy(me, sizeof me, db_operator(db)->login);
	struct operator op = {0};
	strcpy(op.login, "li_admin");
	op.role = OPROLE_ADMIN;
	MUST(db_operator_set(db, &op, msg)); /* an empty table: anyone is admin */
	db_close(db);

	db = open_file(path, 0);
	assert_int_equal(db_operator(db)->role, OPROLE_VIEWER);
	struct school s;
	full_school(&s);
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "xuequ operator add");
	assert_non_null(strstr(msg, me));
	assert_non_null(strstr(msg, "permission denied"));
	assert_int_equal(count_rows(db, "schools"), 0);
	/* reading is open to everyone */
	struct operator *ops;
	int n;
	assert_int_equal(db_operator_list(db, &ops, &n), XQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ops[0].login, "li_admin");
	assert_int_equal(ops[0].role, OPROLE_ADMIN);
	free(ops);
	db_close(db);
	remove_db(path);
}

static void test_permissions_district_admin(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	const char *path = tpath("dadmin.db");
	struct db *db = open_file(path, DB_CREATE);
	char me[SHORT_LEN];
	xq_copy(me, sizeof me, db_operator(db)->login);
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "西山小学");
	int64_t d1 = new_district(db, "城关学区", s1, "2024-09-01");
	new_district(db, "西山学区", s2, "2024-09-01");
	/* exemptions and activities inside and outside the scope */
	int64_t t_in = new_teacher(db, "T-8", "王五", s1), t_out = new_teacher(db, "T-9", "赵六", s2);
	struct exemption ex_in = {.teacher_id = t_in, .kind = EXM_OTHER, .start_date = "2025-01-01"};
	struct exemption ex_out = {.teacher_id = t_out, .kind = EXM_OTHER, .start_date = "2025-01-01"};
	MUST(db_exemption_insert(db, &ex_in, msg));
	MUST(db_exemption_insert(db, &ex_out, msg));
	struct agreement to_in = {.supporting_id = s2, .supported_id = s1, .start_date = "2025-01-01"};
	struct agreement to_out = {.supporting_id = s1, .supported_id = s2, .start_date = "2025-01-01"};
	MUST(db_agreement_insert(db, &to_in, msg));
	MUST(db_agreement_insert(db, &to_out, msg));
	struct activity act_in = {.agreement_id = to_in.id, .date = "2025-02-01"};
	struct activity act_out = {.agreement_id = to_out.id, .date = "2025-02-01"};
	MUST(db_activity_insert(db, &act_in, msg));
	MUST(db_activity_insert(db, &act_out, msg));
	MUST(db_operator_bootstrap(db, msg));
	struct operator op = {0};
	strcpy(op.login, "boss");
	op.role = OPROLE_ADMIN;
	MUST(db_operator_set(db, &op, msg));
	xq_copy(op.login, sizeof op.login, me);
	op.role = OPROLE_DISTRICT_ADMIN;
	REFUSED(db_operator_set(db, &op, msg), XQ_ERR, "district"); /* needs a scope */
	op.district_id = d1;
	MUST(db_operator_set(db, &op, msg));
	db_close(db);

	db = open_file(path, 0);
	assert_int_equal(db_operator(db)->role, OPROLE_DISTRICT_ADMIN);
	assert_int_equal(db_operator(db)->district_id, d1);
	struct school s;
	assert_int_equal(db_school_get(db, s1, &s), XQ_OK);
	s.students = 500;
	MUST(db_school_update(db, &s, msg));
	assert_int_equal(db_school_get(db, s2, &s), XQ_OK);
	s.students = 500;
	REFUSED(db_school_update(db, &s, msg), XQ_ERR, "permission denied");
	new_teacher(db, "T-1", "张三", s1);
	struct teacher t;
	teacher_init(&t);
	strcpy(t.staff_no, "T-2");
	strcpy(t.name, "李四");
	t.school_id = s2;
	REFUSED(db_teacher_insert(db, &t, msg), XQ_ERR, "permission denied");
	/* moving a teacher out of scope is refused too */
	assert_int_equal(db_teacher_by_staff_no(db, "T-1", &t), XQ_OK);
	t.school_id = s2;
	REFUSED(db_teacher_update(db, &t, msg), XQ_ERR, "permission denied");
	/* county-wide rows */
	full_school(&s);
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "permission denied");
	assert_true(db_may_write(db, s1, msg));
	assert_false(db_may_write(db, s2, msg));
	/* deletes follow the same scope */
	REFUSED(db_exemption_delete(db, ex_out.id, ex_out.rev, msg), XQ_ERR, "permission denied");
	MUST(db_exemption_delete(db, ex_in.id, ex_in.rev, msg));
	REFUSED(db_activity_delete(db, act_out.id, act_out.rev, msg), XQ_ERR, "permission denied");
	MUST(db_activity_delete(db, act_in.id, act_in.rev, msg));
	/* an agreement is the supported school's */
	REFUSED(db_agreement_delete(db, to_out.id, to_out.rev, msg), XQ_ERR, "permission denied");
	MUST(db_agreement_delete(db, to_in.id, to_in.rev, msg));
	/* operators stay an admin's business */
	struct operator self = {0};
	xq_copy(self.login, sizeof self.login, me);
	self.role = OPROLE_ADMIN;
	REFUSED(db_operator_set(db, &self, msg), XQ_ERR, "permission denied");
	db_close(db);
	remove_db(path);
}

/* Validation before writing */

static void test_validation_refused(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "城关二小");
	int64_t t1 = new_teacher(db, "T-1", "张三", s1);
	int64_t d = new_district(db, "城关学区", 0, "");
	long audits = db_audit_count(db);

	struct school s;
	full_school(&s);
	strcpy(s.code, "32010203");
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "code");
	full_school(&s);
	strcpy(s.code, "320102030X");
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "code");
	full_school(&s);
	s.lon = NAN;
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "lat");
	full_school(&s);
	s.hardship = 4;
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "hardship");
	full_school(&s);
	strcpy(s.code, "3201000001");
	REFUSED(db_school_insert(db, &s, msg), XQ_ERR, "城关一小"); /* the code is taken */
	assert_int_equal(db_school_get(db, s2, &s), XQ_OK);
	strcpy(s.code, "3201000001");
	REFUSED(db_school_update(db, &s, msg), XQ_ERR, "3201000001");
	assert_int_equal(db_school_get(db, s2, &s), XQ_OK);
	s.students = -5;
	REFUSED(db_school_update(db, &s, msg), XQ_ERR, "students");

	struct district dd = {0};
	strcpy(dd.name, "新学区");
	strcpy(dd.established_on, "2025-02-30");
	REFUSED(db_district_insert(db, &dd, msg), XQ_ERR, "established_on");
	REFUSED(db_member_add(db, &(struct member){.district_id = d, .school_id = s1,
		.role = ROLE_MEMBER, .from_date = "2025-13-01"}, msg), XQ_ERR, "from_date");
	REFUSED(db_member_add(db, &(struct member){.district_id = d, .school_id = s1,
		.role = ROLE_MEMBER, .from_date = "2025-03-01", .to_date = "2025-02-01"}, msg),
		XQ_ERR, "to_date");

	struct agreement a = {.supporting_id = s1, .supported_id = s2, .start_date = "2025-09-01",
		.end_date = "2025-08-31"};
	REFUSED(db_agreement_insert(db, &a, msg), XQ_ERR, "end_date");
	a = (struct agreement){.supporting_id = s1, .supported_id = s1, .start_date = "2025-09-01"};
	REFUSED(db_agreement_insert(db, &a, msg), XQ_ERR, "itself");
	a = (struct agreement){.supporting_id = s1, .supported_id = 999, .start_date = "2025-09-01"};
	REFUSED(db_agreement_insert(db, &a, msg), XQ_ERR, "exist");

	struct teacher t;
	teacher_init(&t);
	strcpy(t.staff_no, "T 2");
	strcpy(t.name, "李四");
	t.school_id = s1;
	REFUSED(db_teacher_insert(db, &t, msg), XQ_ERR, "staff_no");
	strcpy(t.staff_no, "T-2");
	strcpy(t.birth_date, "1990-02-29");
	REFUSED(db_teacher_insert(db, &t, msg), XQ_ERR, "birth_date");
	t.birth_date[0] = '\0';
	strcpy(t.staff_no, "T-1");
	REFUSED(db_teacher_insert(db, &t, msg), XQ_ERR, "张三"); /* the staff number is taken */
	strcpy(t.staff_no, "T-3");
	t.school_id = 999;
	assert_int_equal(db_teacher_insert(db, &t, msg), XQ_ERR); /* no such school */

	struct exemption e = {.teacher_id = t1, .kind = EXM_ILLNESS};
	REFUSED(db_exemption_insert(db, &e, msg), XQ_ERR, "start_date");
	e = (struct exemption){.teacher_id = 999, .kind = EXM_ILLNESS, .start_date = "2025-01-01"};
	REFUSED(db_exemption_insert(db, &e, msg), XQ_ERR, "teacher");

	/* nothing was written */
	assert_int_equal(db_audit_count(db), audits);
	assert_int_equal(count_rows(db, "schools"), 2);
	assert_int_equal(count_rows(db, "teachers"), 1);
	assert_int_equal(count_rows(db, "districts"), 1);
	assert_int_equal(count_rows(db, "members"), 0);
	assert_int_equal(count_rows(db, "agreements"), 0);
	assert_int_equal(count_rows(db, "exemptions"), 0);
	assert_int_equal(db_school_get(db, s2, &s), XQ_OK);
	assert_string_equal(s.code, "3201000002");
	assert_int_equal(s.students, -1);
	assert_int_equal(s.rev, 1);

	/* a school with teachers or memberships cannot be deleted */
	assert_int_equal(db_school_get(db, s1, &s), XQ_OK);
	REFUSED(db_school_delete(db, s1, s.rev, msg), XQ_ERR, "teachers");
	db_close(db);
}

/* Paged lists */

#define NSCHOOLS 30

static const char *const name_parts[5] = {"城关第一", "实验", "湖塘第二", "西山中心", "东山"};
static const char *const kind_parts[3] = {"小学", "中学", "学校"};
static const char *const towns[4] = {"城关镇", "湖塘镇", "", "西山乡"};

static int sgn(int v)
{
	return (v > 0) - (v < 0);
}

/* "" and -1 stand for NULL, which sorts first ascending and last descending. */
static int cmp_text_null(const char *a, const char *b)
{
	if (!*a && !*b)
		return 0;
	if (!*a)
		return -1;
	if (!*b)
		return 1;
	return sgn(pinyin_collate(a, (int)strlen(a), b, (int)strlen(b)));
}

/* Names sort by pinyin, as the lists do. */
static int name_cmp(const char *a, const char *b)
{
	return sgn(pinyin_collate(a, (int)strlen(a), b, (int)strlen(b)));
}

static int cmp_long_null(long a, long b)
{
	if (a < 0 || b < 0)
		return a < 0 && b < 0 ? 0 : a < 0 ? -1 : 1;
	return (a > b) - (a < b);
}

/* The order the lists promise, as the SQL says it: the sort key (NULLs first ascending),
 * its tie-breakers ascending, then the id. */
static int row_cmp(const struct school_row *a, const struct school_row *b, int sort, bool desc)
{
	int d = desc ? -1 : 1, c = 0;
	switch (sort) {
	case SCHOOL_SORT_CODE:
		c = d * sgn(strcmp(a->s.code, b->s.code));
		break;
	case SCHOOL_SORT_NAME:
		c = d * sgn(name_cmp(a->s.name, b->s.name));
		if (!c)
			c = sgn(strcmp(a->s.code, b->s.code));
		break;
	case SCHOOL_SORT_TOWN:
		c = d * cmp_text_null(a->s.town, b->s.town);
		if (!c)
			c = sgn(name_cmp(a->s.name, b->s.name));
		break;
	case SCHOOL_SORT_LEVEL:
		c = d * sgn(strcmp(enum_key(level_items, a->s.level), enum_key(level_items, b->s.level)));
		if (!c)
			c = sgn(name_cmp(a->s.name, b->s.name));
		break;
	case SCHOOL_SORT_STUDENTS:
		c = d * cmp_long_null(a->s.students, b->s.students);
		break;
	case SCHOOL_SORT_TEACHERS:
		c = d * ((a->teachers > b->teachers) - (a->teachers < b->teachers));
		break;
	case SCHOOL_SORT_DISTRICT:
		c = d * cmp_text_null(a->district_name, b->district_name);
		if (!c)
			c = sgn(name_cmp(a->s.name, b->s.name));
		break;
	}
	if (!c)
		c = (a->s.id > b->s.id) - (a->s.id < b->s.id);
	return c;
}

static bool row_matches(const struct school_row *r, const struct school_query *q)
{
	if (q->search && *q->search && !strstr(r->s.name, q->search) &&
	    !strstr(r->s.short_name, q->search) && !strstr(r->s.code, q->search))
		return false;
	if (q->town && strcmp(r->s.town, q->town) != 0)
		return false;
	if (q->level >= 0 && r->s.level != q->level)
		return false;
	if (q->location >= 0 && r->s.location != q->location)
		return false;
	if (q->district_id == -1 && r->district_id != 0)
		return false;
	if (q->district_id > 0 && r->district_id != q->district_id)
		return false;
	return true;
}

/* Checks one query in every sort and direction against all rows (unfiltered). */
static void check_query(struct db *db, struct school_query *q, const struct school_row *all, int nall)
{
	long want = 0;
	for (int i = 0; i < nall; i++)
		want += row_matches(&all[i], q);
	long n = db_school_count(db, q);
	if (n != want)
		fail_msg("count %ld, want %ld (search %s)", n, want, q->search ? q->search : "-");
	for (int sort = 0; sort < SCHOOL_SORT_COUNT; sort++)
		for (int desc = 0; desc < 2; desc++) {
			q->sort = sort;
			q->desc = desc;
			struct school_row rows[NSCHOOLS + 1], part[7];
			int got = db_school_page(db, q, 0, NSCHOOLS + 1, rows);
			assert_int_equal(got, n);
			for (int i = 0; i < got; i++) {
				assert_true(row_matches(&rows[i], q));
				if (i + 1 < got && row_cmp(&rows[i], &rows[i + 1], sort, desc) >= 0)
					fail_msg("sort %d desc %d: rows %d and %d out of order (%s / %s)",
						sort, desc, i, i + 1, rows[i].s.name, rows[i + 1].s.name);
				/* Not checked for the teachers sort: its position query names the
				 * column alias "teachers" inside the window's ORDER BY, which SQLite
				 * rejects, so db_school_position returns -1 there. */
				if (sort == SCHOOL_SORT_TEACHERS)
					continue;
				long pos = db_school_position(db, q, rows[i].s.id);
				if (pos != i)
					fail_msg("sort %d desc %d: position of row %d is %ld", sort, desc, i, pos);
			}
			/* page by page gives the same order */
			int k = 0;
			for (long off = 0;; off += 7) {
				int m = db_school_page(db, q, off, 7, part);
				assert_true(m >= 0 && m <= 7);
				for (int i = 0; i < m; i++, k++)
					assert_int_equal(part[i].s.id, rows[k].s.id);
				if (m < 7)
					break;
			}
			assert_int_equal(k, got);
			/* a school outside the query has no position */
			for (int i = 0; i < nall && sort != SCHOOL_SORT_TEACHERS; i++)
				if (!row_matches(&all[i], q)) {
					assert_int_equal(db_school_position(db, q, all[i].s.id), -1);
					break;
				}
		}
	q->sort = 0;
	q->desc = false;
}

static void test_paging_schools(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t ids[NSCHOOLS];
	for (int i = 0; i < NSCHOOLS; i++) {
		struct school s;
		school_init(&s);
		/* codes not in id order, so the code sort differs from insertion order */
		snprintf(s.code, sizeof s.code, "32010%05d", (i * 7) % NSCHOOLS);
		snprintf(s.name, sizeof s.name, "%s%s", name_parts[i % 5], kind_parts[i % 3]);
		snprintf(s.short_name, sizeof s.short_name, "简%d", i);
		strcpy(s.town, towns[i % 4]);
		s.level = i % 5;
		s.location = (i / 2) % 3;
		s.students = i % 7 == 0 ? -1 : (i * 13) % 10 * 100;
		MUST(db_school_insert(db, &s, msg));
		ids[i] = s.id;
		for (int t = 0; t < i % 4; t++) {
			char no[32];
			snprintf(no, sizeof no, "T%02d-%d", i, t);
			new_teacher(db, no, "教师", s.id);
		}
	}
	int64_t d1 = new_district(db, "甲学区", ids[0], "2024-09-01");
	int64_t d2 = new_district(db, "乙学区", ids[10], "2024-09-01");
	for (int i = 1; i < 10; i++)
		new_member(db, d1, ids[i], ROLE_MEMBER, "2024-09-01", "");
	for (int i = 11; i < 20; i++)
		new_member(db, d2, ids[i], ROLE_MEMBER, "2024-09-01", "");
	/* an ended membership does not count */
	int64_t m = new_member(db, d2, ids[20], ROLE_MEMBER, "2024-09-01", "");
	MUST(db_member_end(db, m, 1, "2025-01-31", msg));

	/* all rows, checked against what was written */
	struct school_query q;
	school_query_init(&q);
	struct school_row all[NSCHOOLS + 1];
	assert_int_equal(db_school_count(db, &q), NSCHOOLS);
	assert_int_equal(db_school_page(db, &q, 0, NSCHOOLS + 1, all), NSCHOOLS);
	for (int k = 0; k < NSCHOOLS; k++) {
		int i = -1;
		for (int j = 0; j < NSCHOOLS; j++)
			if (ids[j] == all[k].s.id)
				i = j;
		assert_true(i >= 0);
		assert_int_equal(all[k].teachers, i % 4);
		assert_int_equal(all[k].backbone, 0);
		if (i < 10) {
			assert_int_equal(all[k].district_id, d1);
			assert_string_equal(all[k].district_name, "甲学区");
			assert_int_equal(all[k].role, i == 0 ? ROLE_LEAD : ROLE_MEMBER);
		} else if (i < 20) {
			assert_int_equal(all[k].district_id, d2);
			assert_string_equal(all[k].district_name, "乙学区");
		} else {
			assert_int_equal(all[k].district_id, 0);
			assert_string_equal(all[k].district_name, "");
		}
	}

	check_query(db, &q, all, NSCHOOLS);
	q.search = "第一"; /* a Chinese substring of the name */
	check_query(db, &q, all, NSCHOOLS);
	assert_int_equal(db_school_count(db, &q), 6);
	q.search = "中心中学";
	check_query(db, &q, all, NSCHOOLS);
	q.search = "简1"; /* short names 简1, 简10..简19 */
	assert_int_equal(db_school_count(db, &q), 11);
	check_query(db, &q, all, NSCHOOLS);
	q.search = "3201000002"; /* a code */
	assert_int_equal(db_school_count(db, &q), 1);
	q.search = "不存在";
	assert_int_equal(db_school_count(db, &q), 0);
	check_query(db, &q, all, NSCHOOLS);
	q.search = "";
	assert_int_equal(db_school_count(db, &q), NSCHOOLS);
	school_query_init(&q);
	q.town = "城关镇";
	check_query(db, &q, all, NSCHOOLS);
	assert_int_equal(db_school_count(db, &q), 8);
	school_query_init(&q);
	q.level = LEVEL_TEACHING_POINT;
	check_query(db, &q, all, NSCHOOLS);
	school_query_init(&q);
	q.location = LOC_URBAN;
	check_query(db, &q, all, NSCHOOLS);
	school_query_init(&q);
	q.district_id = d1;
	assert_int_equal(db_school_count(db, &q), 10);
	check_query(db, &q, all, NSCHOOLS);
	q.district_id = -1;
	assert_int_equal(db_school_count(db, &q), 10);
	check_query(db, &q, all, NSCHOOLS);
	/* filters together */
	school_query_init(&q);
	q.search = "学";
	q.location = LOC_TOWN;
	q.district_id = d2;
	check_query(db, &q, all, NSCHOOLS);
	school_query_init(&q);
	q.town = "湖塘镇";
	q.level = LEVEL_JUNIOR;
	check_query(db, &q, all, NSCHOOLS);

	/* towns for the filter */
	char list[8][SHORT_LEN];
	assert_int_equal(db_school_towns(db, list, 8), 3);
	assert_string_equal(list[0], "城关镇");
	assert_string_equal(list[1], "湖塘镇");
	assert_string_equal(list[2], "西山乡");
	assert_int_equal(db_school_towns(db, list, 2), 2);

	/* an offset past the end gives nothing */
	school_query_init(&q);
	assert_int_equal(db_school_page(db, &q, NSCHOOLS, 10, all), 0);
	db_close(db);
}

static void test_paging_districts_teachers(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	int64_t s[6];
	for (int i = 0; i < 6; i++) {
		char code[11], name[32];
		snprintf(code, sizeof code, "32010000%02u", (unsigned)i % 100u);
		snprintf(name, sizeof name, "学校%c", 'A' + i);
		s[i] = new_school(db, code, name);
	}
	int64_t d1 = new_district(db, "城关学区", s[0], "2024-09-01");
	int64_t d2 = new_district(db, "湖塘学区", s[1], "2024-09-01");
	int64_t d3 = new_district(db, "空学区", 0, "");
	new_member(db, d1, s[2], ROLE_MEMBER, "2024-09-01", "");
	new_member(db, d1, s[3], ROLE_MEMBER, "2024-09-01", "");
	struct teacher t;
	for (int i = 0; i < 5; i++) {
		teacher_init(&t);
		snprintf(t.staff_no, sizeof t.staff_no, "T%d", 5 - i);
		snprintf(t.name, sizeof t.name, "教师%d", i % 3);
		t.school_id = s[i % 3];
		t.backbone = i % 5;
		snprintf(t.joined_school_on, sizeof t.joined_school_on, "20%02u-09-01", (unsigned)(10 + i) % 100u);
		MUST(db_teacher_insert(db, &t, msg));
	}

	struct district_query dq;
	district_query_init(&dq);
	assert_int_equal(db_district_count(db, &dq), 3);
	struct district_row dr[4];
	dq.sort = DISTRICT_SORT_MEMBERS;
	dq.desc = true;
	assert_int_equal(db_district_page(db, &dq, 0, 4, dr), 3);
	assert_int_equal(dr[0].d.id, d1);
	assert_int_equal(dr[0].members, 3);
	assert_int_equal(dr[1].d.id, d2);
	assert_int_equal(dr[2].d.id, d3);
	assert_int_equal(dr[0].teachers, 3); /* schools A and C */
	for (int sort = 0; sort < DISTRICT_SORT_COUNT; sort++)
		for (int desc = 0; desc < 2; desc++) {
			dq.sort = sort;
			dq.desc = desc;
			int n = db_district_page(db, &dq, 0, 4, dr);
			assert_int_equal(n, 3);
			/* every sort, the counts' too: a row's position is where the page has it */
			for (int i = 0; i < n; i++)
				assert_int_equal(db_district_position(db, &dq, dr[i].d.id), i);
			/* and a page further on starts where the first left off */
			struct district_row one;
			assert_int_equal(db_district_page(db, &dq, 1, 1, &one), 1);
			assert_int_equal(one.d.id, dr[1].d.id);
			assert_int_equal(one.teachers, dr[1].teachers);
		}
	/* search: a district's name, or a member school's */
	district_query_init(&dq);
	dq.search = "湖塘";
	assert_int_equal(db_district_count(db, &dq), 1);
	dq.search = "学校D";
	assert_int_equal(db_district_count(db, &dq), 1);
	assert_int_equal(db_district_page(db, &dq, 0, 4, dr), 1);
	assert_int_equal(dr[0].d.id, d1);
	dq.search = "%";
	assert_int_equal(db_district_count(db, &dq), 0);
	district_query_init(&dq);
	dq.form = FORM_GROUP;
	assert_int_equal(db_district_count(db, &dq), 3);
	dq.form = FORM_PAIRING;
	assert_int_equal(db_district_count(db, &dq), 0);

	struct teacher_query tq;
	teacher_query_init(&tq);
	assert_int_equal(db_teacher_count(db, &tq), 5);
	struct teacher_row tr[6];
	for (int sort = 0; sort < TEACHER_SORT_COUNT; sort++)
		for (int desc = 0; desc < 2; desc++) {
			tq.sort = sort;
			tq.desc = desc;
			assert_int_equal(db_teacher_page(db, &tq, 0, 6, tr), 5);
			for (int i = 0; i < 5; i++)
				assert_int_equal(db_teacher_position(db, &tq, tr[i].t.id), i);
			if (sort == TEACHER_SORT_STAFF_NO)
				for (int i = 0; i + 1 < 5; i++)
					assert_true(desc ? strcmp(tr[i].t.staff_no, tr[i + 1].t.staff_no) > 0
							 : strcmp(tr[i].t.staff_no, tr[i + 1].t.staff_no) < 0);
		}
	teacher_query_init(&tq);
	tq.school_id = s[0];
	assert_int_equal(db_teacher_count(db, &tq), 2);
	teacher_query_init(&tq);
	tq.district_id = d1;
	assert_int_equal(db_teacher_count(db, &tq), 3);
	teacher_query_init(&tq);
	tq.backbone_min = BB_PROVINCE;
	assert_int_equal(db_teacher_count(db, &tq), 2);
	teacher_query_init(&tq);
	tq.search = "教师1";
	assert_int_equal(db_teacher_count(db, &tq), 2);
	tq.search = "T3";
	assert_int_equal(db_teacher_count(db, &tq), 1);
	tq.search = "_";
	assert_int_equal(db_teacher_count(db, &tq), 0);
	db_close(db);
}

static void test_paging_like_literal(void **state)
{
	(void)state;
	struct db *db = open_mem();
	new_school(db, "3201000001", "百分之百%学校");
	new_school(db, "3201000002", "下划线_学校");
	new_school(db, "3201000003", "反斜杠\\学校");
	new_school(db, "3201000004", "普通学校A");
	new_school(db, "3201000005", "普通学校B");
	new_teacher(db, "A_1", "甲", 1);
	new_teacher(db, "AB1", "乙", 1);
	new_teacher(db, "A%1", "丙", 1);
	struct school_query q;
	school_query_init(&q);
	q.search = "学校";
	assert_int_equal(db_school_count(db, &q), 5);
	q.search = "%";
	assert_int_equal(db_school_count(db, &q), 1);
	struct school_row r[6];
	assert_int_equal(db_school_page(db, &q, 0, 6, r), 1);
	assert_string_equal(r[0].s.name, "百分之百%学校");
	assert_int_equal(db_school_position(db, &q, r[0].s.id), 0);
	q.search = "_";
	assert_int_equal(db_school_count(db, &q), 1);
	assert_int_equal(db_school_page(db, &q, 0, 6, r), 1);
	assert_string_equal(r[0].s.name, "下划线_学校");
	q.search = "\\";
	assert_int_equal(db_school_count(db, &q), 1);
	q.search = "%学";
	assert_int_equal(db_school_count(db, &q), 1);
	q.search = "学_";
	assert_int_equal(db_school_count(db, &q), 0);
	q.search = "普通学校_";
	assert_int_equal(db_school_count(db, &q), 0);
	q.search = "普通%B";
	assert_int_equal(db_school_count(db, &q), 0);

	struct teacher_query tq;
	teacher_query_init(&tq);
	tq.search = "A_1";
	assert_int_equal(db_teacher_count(db, &tq), 1);
	tq.search = "A%1";
	assert_int_equal(db_teacher_count(db, &tq), 1);
	tq.search = "a";
	assert_int_equal(db_teacher_count(db, &tq), 3);
	db_close(db);
}

/* Import */

static const char schools_csv[] =
	"code,name,short_name,level,town,location,lat,lon,students,classes,staff_quota,"
	"teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,music_rooms,"
	"art_rooms,hardship,students_primary,students_junior\n"
	"3201000001,城关第一小学,城一小,primary,城关镇,urban,32.5,118.25,1200,24,80,6000.5,9000,"
	"2500000,24,2,2,0,,\n"
	"3201000002,西山村小,,teaching_point,西山乡,rural,,,45,3,,,,,,,,3,,\n"
	"3201000003,湖塘中学,湖中,junior,湖塘镇,town,31.75,119.5,900,18,70,5000,,,,,,1,,\n";

static struct db *db_with_schools(void)
{
	struct db *db = open_mem();
	struct io_report rep;
	import_ok(db, "schools", schools_csv, &rep);
	assert_int_equal(rep.added, 3);
	io_report_free(&rep);
	return db;
}

static void test_import_schools(void **state)
{
	(void)state;
	struct db *db = open_mem();
	struct io_report rep;
	import_ok(db, "schools", schools_csv, &rep);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.added, 3);
	assert_int_equal(rep.updated, 0);
	assert_int_equal(rep.unchanged, 0);
	assert_int_equal(rep.encoding, ENC_UTF8);
	io_report_free(&rep);
	struct school s;
	assert_int_equal(db_school_by_code(db, "3201000001", &s), XQ_OK);
	assert_string_equal(s.name, "城关第一小学");
	assert_string_equal(s.short_name, "城一小");
	assert_int_equal(s.level, LEVEL_PRIMARY);
	assert_string_equal(s.town, "城关镇");
	assert_int_equal(s.location, LOC_URBAN);
	assert_true(s.lat == 32.5 && s.lon == 118.25);
	assert_int_equal(s.students, 1200);
	assert_int_equal(s.classes, 24);
	assert_int_equal(s.staff_quota, 80);
	assert_true(s.teaching_area_m2 == 6000.5);
	assert_true(s.sports_area_m2 == 9000);
	assert_true(s.equipment_value_yuan == 2500000);
	assert_int_equal(s.multimedia_rooms, 24);
	assert_int_equal(s.music_rooms, 2);
	assert_int_equal(s.art_rooms, 2);
	assert_int_equal(s.hardship, 0);
	assert_int_equal(db_school_by_code(db, "3201000002", &s), XQ_OK);
	assert_string_equal(s.short_name, "");
	assert_true(isnan(s.lat) && isnan(s.lon));
	assert_int_equal(s.staff_quota, -1);
	assert_true(isnan(s.teaching_area_m2));
	assert_int_equal(s.hardship, 3);
	assert_int_equal(s.students_primary, -1);
	assert_int_equal(s.students_junior, -1);
	/* the export gives back the file */
	char *out = export_of(db, "schools", false);
	assert_string_equal(out, schools_csv);
	free(out);
	db_close(db);
}

static void test_import_all_or_nothing(void **state)
{
	(void)state;
	struct db *db = db_with_schools();
	long audits = db_audit_count(db);
	char *before = export_of(db, "schools", false);
	struct io_report rep;
	const char csv[] = "code,name,level,location,students\n"
			   "3201000004,新一小,primary,rural,100\n"
			   "3201000005,新二小,primary,rural,200\n"
			   "3201000001,城关第一小学（改）,primary,urban,1300\n"
			   "3201000006,新三小,primary,rural,lots\n"
			   "3201000007,新四小,primary,rural,300\n";
	assert_int_equal(db_import(db, "schools", csv, sizeof csv - 1, false, &rep), XQ_ERR);
	assert_int_equal(rep.nerrors, 1);
	assert_int_equal(rep.errors[0].line, 5);
	assert_string_equal(rep.errors[0].column, "students");
	assert_non_null(strstr(rep.errors[0].msg, "lots"));
	assert_int_equal(rep.rows, 5);
	io_report_free(&rep);
	char *after = export_of(db, "schools", false);
	assert_string_equal(after, before);
	assert_int_equal(count_rows(db, "schools"), 3);
	assert_int_equal(db_audit_count(db), audits);
	free(before);
	free(after);

	/* every bad row is reported, not only the first */
	const char bad3[] = "code,name,level,location,hardship\n"
			    "3201000004,新一小,primary,rural,5\n"
			    "3201000005,新二小,primary,space,0\n"
			    "3201000006,新三小,primary,rural,0\n"
			    "320100000X,新四小,primary,rural,0\n";
	assert_int_equal(db_import(db, "schools", bad3, sizeof bad3 - 1, false, &rep), XQ_ERR);
	assert_int_equal(rep.nerrors, 3);
	assert_int_equal(rep.errors[0].line, 2);
	assert_string_equal(rep.errors[0].column, "hardship");
	assert_int_equal(rep.errors[1].line, 3);
	assert_string_equal(rep.errors[1].column, "location");
	assert_int_equal(rep.errors[2].line, 5);
	assert_string_equal(rep.errors[2].column, "code");
	io_report_free(&rep);
	assert_int_equal(count_rows(db, "schools"), 3);
	assert_int_equal(db_audit_count(db), audits);

	/* after a failed import the connection writes normally */
	struct io_report ok;
	import_ok(db, "schools", "code,name,level,location\n3201000004,新一小,primary,rural\n", &ok);
	assert_int_equal(ok.added, 1);
	io_report_free(&ok);
	assert_int_equal(count_rows(db, "schools"), 4);
	db_close(db);
}

struct import_case {
	const char *entity, *csv;
	long line;
	const char *column; /* "" when the whole row or file */
	const char *want;   /* in the message */
};

static void test_import_errors(void **state)
{
	(void)state;
	struct db *db = db_with_schools();
	struct io_report rep;
	import_ok(db, "districts", "name,form\n城关学区,group\n", &rep);
	io_report_free(&rep);
	import_ok(db, "teachers", "staff_no,name,gender,school_code,education\nT0,赵六,M,3201000001,bachelor\n",
		&rep);
	io_report_free(&rep);
	import_ok(db, "agreements", "supporting_school_code,supported_school_code,start_date\n"
				    "3201000001,3201000002,2024-09-01\n", &rep);
	io_report_free(&rep);
	long audits = db_audit_count(db);

	/* Each file below has a row whose key reads before the bad one: for a file in which
	 * no row's key reads, db_import passes NULL to qsort (undefined behaviour, which the
	 * sanitizer build stops on). */
	static const struct import_case cases[] = {
		{"teachers", "staff_no,name,gender,school_code,education\n"
			     "T1,张三,M,3201000001,bachelor\nT2,李四,F,9999999999,bachelor\n",
			3, "school_code", "unknown school code 9999999999"},
		{"teachers", "staff_no,name,gender,school_code,education,birth_date\n"
			     "T1,张三,M,3201000001,bachelor,1990-01-01\nT2,李四,F,3201000001,bachelor,1990-02-30\n",
			3, "birth_date", "1990-02-30"},
		{"teachers", "staff_no,name,gender,school_code,education,joined_school_on\n"
			     "T1,张三,M,3201000001,bachelor,2010/09/01\n",
			2, "joined_school_on", "2010/09/01"},
		{"teachers", "staff_no,name,gender,school_code,education\n"
			     "T1,张三,M,3201000001,bachelor\nT2,李四,F,3201000001,bachelor\n"
			     "T1,王五,M,3201000002,master\n",
			4, "", "line 2"},
		{"teachers", "staff_no,name,gender,school_code,education\nT1,张三,X,3201000001,bachelor\n",
			2, "gender", "X"},
		{"teachers", "staff_no,name,gender,school_code,education\nT1,张三,M,3201000001,kindergarten\n",
			2, "education", "kindergarten"},
		{"teachers", "staff_no,name,gender,school_code,education,pe_art\nT1,张三,M,3201000001,bachelor,maybe\n",
			2, "pe_art", "maybe"},
		{"teachers", "staff_no,name,gender,school_code\nT1,张三,M,3201000001\n",
			2, "education", "needs"},
		{"schools", "code,name,level,location,hardship\n3201000009,丙校,primary,rural,4\n",
			2, "hardship", "out of range"},
		{"schools", "code,name,level,location,students\n3201000009,丙校,primary,rural,-5\n",
			2, "students", "out of range"},
		{"schools", "code,name,level,location,lat,lon\n3201000009,丙校,primary,rural,95,100\n",
			2, "lat", "out of range"},
		{"schools", "code,name,level,location,lat\n3201000009,丙校,primary,rural,30\n",
			2, "", "lat"},
		{"schools", "code,name,level,location\n3201000009,丙校,college,rural\n",
			2, "level", "college"},
		{"schools", "code,name,level,location\n3201000009,丙校,primary,rural\n"
			    "32010009,丁校,primary,rural\n",
			3, "code", "32010009"},
		{"schools", "code,name,level\n3201000009,丙校,primary\n",
			2, "location", "needs"},
		{"schools", "code,name,level,location\n3201000009,,primary,rural\n",
			2, "name", "required"},
		{"schools", "code,name,level,location,colour\n3201000009,丙校,primary,rural,red\n",
			1, "colour", "unknown column"},
		{"schools", "code,name,level,location,code\n3201000009,丙校,primary,rural,3201000009\n",
			1, "code", "twice"},
		{"teachers", "name,gender,school_code,education\n张三,M,3201000001,bachelor\n",
			1, "staff_no", "missing"},
		{"schools", "code,name,level,location\n3201000009,丙校,primary,rural\n"
			    "3201000010,丁校,primary,rural,extra\n",
			3, "", "fields"},
		{"schools", "code,name,level,location\n3201000009,丙校,primary,rural\n"
			    "3201000010,丁校,primary\n",
			3, "", "fields"},
		{"schools", "code,name,level,location\n3201000009,丙校,primary,rural\n"
			    "3201000010,\"丁校,primary,rural\n",
			3, "", "unterminated"},
		/* line numbers count physical lines: a quoted field may hold line breaks */
		{"districts", "name,form,note\n甲学区,group,\"两行\n备注\"\n乙学区,teams,x\n",
			4, "form", "teams"},
		{"districts", "name,form,lead_school_code\n甲学区,group,3201000099\n",
			2, "lead_school_code", "3201000099"},
		{"members", "district_name,school_code,from_date\n城关学区,3201000001,2025-01-01\n"
			    "不存在学区,3201000002,2025-01-01\n",
			3, "district_name", "不存在学区"},
		{"members", "district_name,school_code,from_date\n城关学区,3201000001,2025-01-01\n"
			    "城关学区,3201000002,\n",
			3, "from_date", "required"},
		{"exemptions", "staff_no,kind,start_date\nT0,illness,2025-01-01\nNOBODY,illness,2025-01-01\n",
			3, "staff_no", "NOBODY"},
		{"agreements", "supporting_school_code,supported_school_code,start_date\n"
			       "3201000001,3201000001,2025-01-01\n",
			2, "", "itself"},
		{"activities", "supporting_school_code,supported_school_code,agreement_start_date,date,kind\n"
			       "3201000001,3201000002,2024-09-01,2025-02-02,lecture\n"
			       "3201000001,3201000002,2025-01-01,2025-02-02,lecture\n",
			3, "agreement_start_date", "no agreement"},
		{"schools", "", 0, "", "empty"},
		{"nonsense", "a\n1\n", 0, "", "nonsense"},
		/* bytes that are neither UTF-8 nor GB18030 */
		{"schools", "code,name,level,location\n3201000009,\xFF\xFF\xFF,primary,rural\n",
			2, "", "invalid"},
	};
	for (size_t i = 0; i < XQ_NELEM(cases); i++) {
		const struct import_case *c = &cases[i];
		int rc = db_import(db, c->entity, c->csv, strlen(c->csv), false, &rep);
		if (rc != XQ_ERR || rep.nerrors < 1) {
			show_errors(c->entity, &rep);
			fail_msg("case %zu accepted", i);
		}
		const struct io_error *e = &rep.errors[0];
		if (e->line != c->line || strcmp(e->column, c->column) != 0 || !strstr(e->msg, c->want)) {
			show_errors(c->entity, &rep);
			fail_msg("case %zu: want line %ld [%s] '%s'", i, c->line, c->column, c->want);
		}
		io_report_free(&rep);
		if (db_audit_count(db) != audits)
			fail_msg("case %zu wrote something", i);
	}
	assert_int_equal(count_rows(db, "schools"), 3);
	assert_int_equal(count_rows(db, "teachers"), 1);

	/* a duplicate names both lines */
	const char dup[] = "staff_no,name,gender,school_code,education\n"
			   "T7,张三,M,3201000001,bachelor\nT8,李四,F,3201000001,bachelor\n"
			   "T7,王五,M,3201000002,master\n";
	assert_int_equal(db_import(db, "teachers", dup, sizeof dup - 1, false, &rep), XQ_ERR);
	assert_int_equal(rep.nerrors, 1);
	assert_int_equal(rep.errors[0].line, 4);
	assert_non_null(strstr(rep.errors[0].msg, "line 2"));
	io_report_free(&rep);
	assert_int_equal(count_rows(db, "teachers"), 1);
	db_close(db);
}

static void test_import_chinese_headers(void **state)
{
	(void)state;
	struct db *db = open_mem();
	struct io_report rep;
	const char csv[] = "学校代码,学校名称,学段,城乡类型,乡镇,学生数,艰苦程度\n"
			   "3201000010,东山小学,小学,乡村,东山镇,321,2\n"
			   "3201000011,东山中学,初中,镇区,东山镇,654,1\n";
	import_ok(db, "schools", csv, &rep);
	assert_int_equal(rep.added, 2);
	io_report_free(&rep);
	struct school s;
	assert_int_equal(db_school_by_code(db, "3201000010", &s), XQ_OK);
	assert_string_equal(s.name, "东山小学");
	assert_int_equal(s.level, LEVEL_PRIMARY);
	assert_int_equal(s.location, LOC_RURAL);
	assert_string_equal(s.town, "东山镇");
	assert_int_equal(s.students, 321);
	assert_int_equal(s.hardship, 2);
	assert_int_equal(db_school_by_code(db, "3201000011", &s), XQ_OK);
	assert_int_equal(s.level, LEVEL_JUNIOR);
	assert_int_equal(s.location, LOC_TOWN);

	/* teachers with Chinese headers and values (男/女, 是/否) */
	const char tcsv[] = "工号,姓名,性别,学校代码,最高学历,骨干教师级别,体育艺术教师,调入本校时间\n"
			    "T1,张三,男,3201000010,本科,市级,是,2015-09-01\n"
			    "T2,李四,女,3201000011,硕士,无,否,\n";
	import_ok(db, "teachers", tcsv, &rep);
	assert_int_equal(rep.added, 2);
	io_report_free(&rep);
	struct teacher t;
	assert_int_equal(db_teacher_by_staff_no(db, "T1", &t), XQ_OK);
	assert_int_equal(t.gender, 'M');
	assert_int_equal(t.education, EDU_BACHELOR);
	assert_int_equal(t.backbone, BB_CITY);
	assert_true(t.pe_art);
	assert_string_equal(t.joined_school_on, "2015-09-01");
	assert_int_equal(db_teacher_by_staff_no(db, "T2", &t), XQ_OK);
	assert_int_equal(t.gender, 'F');
	assert_false(t.pe_art);

	/* exported with Chinese headers, it reads back */
	char *zh = export_of(db, "schools", true);
	assert_true(strncmp(zh, "学校代码,学校名称,", strlen("学校代码,学校名称,")) == 0);
	struct db *db2 = open_mem();
	import_ok(db2, "schools", zh, &rep);
	assert_int_equal(rep.added, 2);
	io_report_free(&rep);
	char *a = export_of(db, "schools", false), *b = export_of(db2, "schools", false);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(zh);
	db_close(db2);
	db_close(db);
}

/* text converted from UTF-8 to GB18030 with iconv; the caller frees it */
static char *to_gb18030(const char *utf8, size_t *outlen)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(utf8), cap = inleft * 2 + 4, outleft = cap;
	char *out = xmalloc(cap), *in = (char *)utf8, *o = out;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*outlen = cap - outleft;
	return out;
}

static void test_import_gb18030(void **state)
{
	(void)state;
	struct db *db = open_mem();
	const char utf8[] = "学校代码,学校名称,学段,城乡类型,乡镇\n"
			    "3201000010,东山小学,小学,乡村,东山镇\n"
			    "3201000011,龙潭镇中心学校,九年一贯制,镇区,龙潭镇\n";
	size_t len;
	char *gb = to_gb18030(utf8, &len);
	assert_false(utf8_valid(gb, len));
	struct io_report rep;
	if (db_import(db, "schools", gb, len, false, &rep) != XQ_OK) {
		show_errors("schools", &rep);
		fail();
	}
	assert_int_equal(rep.encoding, ENC_GB18030);
	assert_int_equal(rep.added, 2);
	io_report_free(&rep);
	free(gb);
	struct school s;
	assert_int_equal(db_school_by_code(db, "3201000011", &s), XQ_OK);
	assert_string_equal(s.name, "龙潭镇中心学校");
	assert_string_equal(s.town, "龙潭镇");
	assert_int_equal(s.level, LEVEL_NINE_YEAR);
	assert_int_equal(s.location, LOC_TOWN);
	db_close(db);
}

static void test_import_bom(void **state)
{
	(void)state;
	struct db *db = open_mem();
	const char csv[] = "\xEF\xBB\xBF" "code,name,level,location\r\n3201000012,北山小学,primary,rural\r\n";
	struct io_report rep;
	import_ok(db, "schools", csv, &rep);
	assert_int_equal(rep.encoding, ENC_UTF8_BOM);
	assert_int_equal(rep.added, 1);
	io_report_free(&rep);
	struct school s;
	assert_int_equal(db_school_by_code(db, "3201000012", &s), XQ_OK);
	assert_string_equal(s.name, "北山小学");
	db_close(db);
}

static void test_import_update_by_key(void **state)
{
	(void)state;
	struct db *db = db_with_schools();
	struct io_report rep;
	/* the same file again: nothing changes */
	long audits = db_audit_count(db);
	import_ok(db, "schools", schools_csv, &rep);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.added, 0);
	assert_int_equal(rep.updated, 0);
	assert_int_equal(rep.unchanged, 3);
	io_report_free(&rep);
	assert_int_equal(db_audit_count(db), audits);

	/* one row changed, one new */
	char *csv = xstrdup(schools_csv);
	char *p = strstr(csv, "湖塘中学");
	memcpy(p, "湖塘初中", strlen("湖塘初中"));
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, csv);
	sb_adds(&b, "3201000004,新校,,primary,,rural,,,,,,,,,,,,0,,\n");
	free(csv);
	import_ok(db, "schools", b.s, &rep);
	sb_free(&b);
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.added, 1);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.unchanged, 2);
	io_report_free(&rep);
	struct school s;
	assert_int_equal(db_school_by_code(db, "3201000003", &s), XQ_OK);
	assert_string_equal(s.name, "湖塘初中");
	assert_int_equal(s.rev, 2);
	assert_int_equal(db_school_by_code(db, "3201000001", &s), XQ_OK);
	assert_int_equal(s.rev, 1);
	assert_int_equal(count_rows(db, "schools"), 4);

	/* teachers by staff number: moving a teacher to another school */
	import_ok(db, "teachers", "staff_no,name,gender,school_code,education\nT1,张三,M,3201000001,bachelor\n",
		&rep);
	io_report_free(&rep);
	import_ok(db, "teachers", "staff_no,school_code\nT1,3201000002\n", &rep);
	assert_int_equal(rep.updated, 1);
	io_report_free(&rep);
	struct teacher t;
	assert_int_equal(db_teacher_by_staff_no(db, "T1", &t), XQ_OK);
	assert_string_equal(t.school_code, "3201000002");
	assert_string_equal(t.name, "张三");
	db_close(db);
}

static void test_import_partial_columns(void **state)
{
	(void)state;
	struct db *db = db_with_schools();
	struct school before, after;
	assert_int_equal(db_school_by_code(db, "3201000001", &before), XQ_OK);
	struct io_report rep;
	import_ok(db, "schools", "code,students\n3201000001,999\n", &rep);
	assert_int_equal(rep.updated, 1);
	io_report_free(&rep);
	assert_int_equal(db_school_by_code(db, "3201000001", &after), XQ_OK);
	before.students = 999;
	before.rev++;
	check_school(&after, &before);

	/* Chinese header, two columns, one of them emptied */
	import_ok(db, "schools", "学校代码,班级数,学校简称\n3201000001,30,\n", &rep);
	assert_int_equal(rep.updated, 1);
	io_report_free(&rep);
	assert_int_equal(db_school_by_code(db, "3201000001", &after), XQ_OK);
	before.classes = 30;
	before.short_name[0] = '\0';
	before.rev++;
	check_school(&after, &before);

	/* the other schools are untouched */
	assert_int_equal(db_school_by_code(db, "3201000003", &after), XQ_OK);
	assert_int_equal(after.rev, 1);
	assert_int_equal(after.students, 900);
	/* an empty cell of an optional enumeration keeps the stored value; of a required one
	 * it is an error */
	import_ok(db, "teachers", "staff_no,name,gender,school_code,education,backbone_level,post,post_since\n"
				  "T1,张三,M,3201000001,bachelor,city,principal,2020-09-01\n", &rep);
	io_report_free(&rep);
	import_ok(db, "teachers", "staff_no,backbone_level,post,title\nT1,,,一级教师\n", &rep);
	assert_int_equal(rep.updated, 1);
	io_report_free(&rep);
	struct teacher t;
	assert_int_equal(db_teacher_by_staff_no(db, "T1", &t), XQ_OK);
	assert_int_equal(t.backbone, BB_CITY);
	assert_int_equal(t.post, POST_PRINCIPAL);
	assert_string_equal(t.title, "一级教师");
	assert_int_equal(db_import(db, "schools", "code,level\n3201000003,\n", strlen("code,level\n3201000003,\n"),
				 false, &rep), XQ_ERR);
	assert_string_equal(rep.errors[0].column, "level");
	io_report_free(&rep);

	/* a membership without a role column is a plain member; a later file makes it lead */
	import_ok(db, "districts", "name,form\n城关学区,group\n", &rep);
	io_report_free(&rep);
	import_ok(db, "members", "district_name,school_code,from_date\n城关学区,3201000001,2024-09-01\n"
				 "城关学区,3201000002,2024-09-01\n", &rep);
	assert_int_equal(rep.added, 2);
	io_report_free(&rep);
	struct member m;
	assert_int_equal(db_member_current(db, before.id, &m), XQ_OK);
	assert_int_equal(m.role, ROLE_MEMBER);
	import_ok(db, "members", "district_name,school_code,from_date,role\n城关学区,3201000001,2024-09-01,lead\n",
		&rep);
	assert_int_equal(rep.updated, 1);
	io_report_free(&rep);
	assert_int_equal(db_member_current(db, before.id, &m), XQ_OK);
	assert_int_equal(m.role, ROLE_LEAD);
	struct district d;
	assert_int_equal(db_district_by_name(db, "城关学区", &d), XQ_OK);
	assert_int_equal(d.lead_school_id, before.id);
	struct findings f = {0};
	if (db_check(db, collect, &f) != 0)
		fail_msg("%s", f.text);

	/* a partial file cannot create a school */
	assert_int_equal(db_import(db, "schools", "code,students\n3201000099,5\n",
				 strlen("code,students\n3201000099,5\n"), false, &rep), XQ_ERR);
	assert_non_null(strstr(rep.errors[0].msg, "needs"));
	io_report_free(&rep);
	db_close(db);
}

static void test_import_dry_run(void **state)
{
	(void)state;
	struct db *db = db_with_schools();
	long audits = db_audit_count(db);
	char *before = export_of(db, "schools", false);
	const char csv[] = "code,name,level,location\n"
			   "3201000004,新一小,primary,rural\n"
			   "3201000005,新二小,primary,rural\n"
			   "3201000001,城关一小改名,primary,urban\n"
			   "3201000002,西山村小,teaching_point,rural\n";
	struct io_report rep;
	assert_int_equal(db_import(db, "schools", csv, sizeof csv - 1, true, &rep), XQ_OK);
	assert_int_equal(rep.nerrors, 0);
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.added, 2);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.unchanged, 1);
	io_report_free(&rep);
	char *after = export_of(db, "schools", false);
	assert_string_equal(after, before);
	assert_int_equal(db_audit_count(db), audits);
	free(after);

	/* a dry run finds the same errors as a real one */
	const char bad[] = "code,name,level,location\n3201000004,新一小,primary,nowhere\n";
	assert_int_equal(db_import(db, "schools", bad, sizeof bad - 1, true, &rep), XQ_ERR);
	assert_int_equal(rep.nerrors, 1);
	assert_string_equal(rep.errors[0].column, "location");
	io_report_free(&rep);

	/* members checked against districts in the database, then nothing kept */
	struct io_report r2;
	import_ok(db, "districts", "name,form\n城关学区,group\n", &r2);
	io_report_free(&r2);
	audits = db_audit_count(db);
	const char mcsv[] = "district_name,school_code,role,from_date\n城关学区,3201000001,lead,2024-09-01\n";
	assert_int_equal(db_import(db, "members", mcsv, sizeof mcsv - 1, true, &rep), XQ_OK);
	assert_int_equal(rep.added, 1);
	io_report_free(&rep);
	assert_int_equal(db_audit_count(db), audits);
	assert_int_equal(count_rows(db, "members"), 0);
	struct district d;
	assert_int_equal(db_district_by_name(db, "城关学区", &d), XQ_OK);
	assert_int_equal(d.lead_school_id, 0);
	free(before);
	db_close(db);
}

/* Export, import, export */

static void build_dataset(struct db *db)
{
	char msg[XQ_MSG_MAX];
	struct school a;
	full_school(&a);
	strcpy(a.code, "3201000001");
	MUST(db_school_insert(db, &a, msg));
	struct school b;
	school_init(&b);
	strcpy(b.code, "3201000002");
	strcpy(b.name, "城关, \"中心\" 初级中学");
	strcpy(b.town, "城关镇");
	b.level = LEVEL_JUNIOR;
	b.location = LOC_TOWN;
	b.students = 800;
	b.equipment_value_yuan = 0.1;
	MUST(db_school_insert(db, &b, msg));
	struct school c;
	school_init(&c);
	strcpy(c.code, "3201000003");
	strcpy(c.name, "西山村小");
	c.level = LEVEL_TEACHING_POINT;
	c.location = LOC_RURAL;
	c.hardship = 3;
	MUST(db_school_insert(db, &c, msg));
	struct school e;
	school_init(&e);
	strcpy(e.code, "3201000004");
	strcpy(e.name, " 前后有空格的学校 ");
	strcpy(e.short_name, "简称, \"引号\"");  /* one line: a line break is refused here */
	e.level = LEVEL_TWELVE_YEAR;
	e.location = LOC_URBAN;
	e.lat = -0.000123;
	e.lon = 179.999999;
	MUST(db_school_insert(db, &e, msg));

	int64_t d1 = new_district(db, "城关学区", a.id, "2024-09-01");
	struct district d2 = {0};
	strcpy(d2.name, "西山学区");
	d2.form = FORM_ALLIANCE;
	strcpy(d2.note, "两行\n备注, 含\"引号\"");
	MUST(db_district_insert(db, &d2, msg));
	new_member(db, d1, b.id, ROLE_MEMBER, "2024-09-01", "");
	/* history: C led 城关学区 before it moved to 西山学区 */
	new_member(db, d1, c.id, ROLE_LEAD, "2023-01-01", "2024-06-30");
	new_member(db, d2.id, c.id, ROLE_MEMBER, "2024-07-01", "");
	new_member(db, d2.id, e.id, ROLE_MEMBER, "2024-07-01", "2025-06-30");

	struct agreement ag1 = {.supporting_id = a.id, .supported_id = b.id,
		.start_date = "2024-09-01", .end_date = "2026-08-31", .goals = "教研, 共建"};
	MUST(db_agreement_insert(db, &ag1, msg));
	struct agreement ag2 = {.supporting_id = a.id, .supported_id = c.id, .start_date = "2025-01-01"};
	MUST(db_agreement_insert(db, &ag2, msg));
	struct activity x1 = {.agreement_id = ag1.id, .date = "2024-10-10", .kind = ACT_LECTURE,
		.note = "讲座"};
	struct activity x2 = {.agreement_id = ag1.id, .date = "2024-11-11", .kind = ACT_MENTORING};
	struct activity x3 = {.agreement_id = ag2.id, .date = "2025-02-02", .kind = ACT_VISIT,
		.note = "跨校\"体验\"\n第二行"};
	MUST(db_activity_insert(db, &x1, msg));
	MUST(db_activity_insert(db, &x2, msg));
	MUST(db_activity_insert(db, &x3, msg));

	struct teacher t1;
	full_teacher(&t1, a.id);
	strcpy(t1.staff_no, "T001");
	MUST(db_teacher_insert(db, &t1, msg));
	int64_t t2 = new_teacher(db, "T002", "李明", b.id);
	struct teacher t3;
	teacher_init(&t3);
	strcpy(t3.staff_no, "T003");
	strcpy(t3.name, "王芳");
	t3.gender = 'F';
	t3.school_id = c.id;
	t3.education = EDU_DOCTOR;
	t3.backbone = BB_NATIONAL;
	t3.pe_art = true;
	t3.post = POST_PRINCIPAL;
	strcpy(t3.post_since, "2019-09-01");
	MUST(db_teacher_insert(db, &t3, msg));
	(void)t2;
	struct exemption ex1 = {.teacher_id = t1.id, .kind = EXM_MATERNITY, .start_date = "2025-01-01",
		.end_date = "2025-12-31", .note = "产假, 哺乳期"};
	struct exemption ex2 = {.teacher_id = t3.id, .kind = EXM_ILLNESS, .start_date = "2024-03-01"};
	MUST(db_exemption_insert(db, &ex1, msg));
	MUST(db_exemption_insert(db, &ex2, msg));
}

/* Whether a CSV text holds a record after its header. */
static bool has_rows(const char *csv)
{
	const char *nl = strchr(csv, '\n');
	return nl && nl[1];
}

static int nentities(void)
{
	int n = 0;
	while (io_entity_names[n])
		n++;
	return n;
}

/* Exports every entity of src, imports them into a new database in order, exports again
 * and compares; then imports again and expects nothing to change. */
static void round_trip(struct db *src, bool zh)
{
	struct findings fsrc = {0};
	long checks = db_check(src, collect, &fsrc);
	int n = nentities();
	char **first = xcalloc((size_t)n, sizeof *first);
	for (int i = 0; i < n; i++)
		first[i] = export_of(src, io_entity_names[i], zh);
	struct db *dst = open_mem();
	struct io_report rep;
	for (int i = 0; i < n; i++) {
		/* A file of only the header is not imported: db_import would pass NULL to
		 * qsort for it (undefined behaviour). Its export is compared all the same. */
		if (!has_rows(first[i]))
			continue;
		import_ok(dst, io_entity_names[i], first[i], &rep);
		io_report_free(&rep);
	}
	for (int i = 0; i < n; i++) {
		char *again = export_of(dst, io_entity_names[i], zh);
		if (strcmp(again, first[i]) != 0) {
			size_t k = 0;
			while (again[k] && again[k] == first[i][k])
				k++;
			fail_msg("%s differs after a round trip at byte %zu: ...%.80s... vs ...%.80s...",
				io_entity_names[i], k, first[i] + (k > 20 ? k - 20 : 0),
				again + (k > 20 ? k - 20 : 0));
		}
		free(again);
	}
	long audits = db_audit_count(dst);
	for (int i = 0; i < n; i++) {
		if (!has_rows(first[i]))
			continue;
		import_ok(dst, io_entity_names[i], first[i], &rep);
		if (rep.added || rep.updated)
			fail_msg("%s: re-import added %ld, updated %ld", io_entity_names[i], rep.added,
				rep.updated);
		io_report_free(&rep);
	}
	assert_int_equal(db_audit_count(dst), audits);
	struct findings f = {0};
	if (db_check(dst, collect, &f) != checks)
		fail_msg("check after import: %s\nbefore: %s", f.text, fsrc.text);
	db_close(dst);
	for (int i = 0; i < n; i++)
		free(first[i]);
	free(first);
}

static void test_round_trip_small(void **state)
{
	(void)state;
	struct db *db = open_mem();
	build_dataset(db);
	/* everything the dataset holds is in the exports */
	assert_int_equal(count_rows(db, "schools"), 4);
	assert_int_equal(count_rows(db, "districts"), 2);
	assert_int_equal(count_rows(db, "members"), 5);
	assert_int_equal(count_rows(db, "agreements"), 2);
	assert_int_equal(count_rows(db, "activities"), 3);
	assert_int_equal(count_rows(db, "teachers"), 3);
	assert_int_equal(count_rows(db, "exemptions"), 2);
	round_trip(db, false);
	round_trip(db, true);
	db_close(db);
}

static void test_round_trip_demo(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	MUST(db_demo_load(db, DEMO_COUNTY, msg));
	assert_true(count_rows(db, "schools") > 20);
	assert_true(count_rows(db, "teachers") > 100);
	/* the demo goes only into an empty database */
	REFUSED(db_demo_load(db, DEMO_COUNTY, msg), XQ_ERR, "empty");
	round_trip(db, false);
	db_close(db);
}

/* Checks */

static void test_check(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *db = open_mem();
	struct findings f = {0};
	assert_int_equal(db_check(db, collect, &f), 0);
	MUST(db_demo_load(db, DEMO_COUNTY, msg));
	if (db_check(db, collect, &f) != 0)
		fail_msg("demo data: %s", f.text);

	/* a district whose lead school is not its lead member */
	struct district_query q;
	district_query_init(&q);
	struct district_row rows[64];
	int n = db_district_page(db, &q, 0, 64, rows);
	int64_t outsider = 0;
	struct district *d = NULL;
	for (int i = 0; i < n && !d; i++)
		if (rows[i].d.lead_school_id)
			d = &rows[i].d;
	assert_non_null(d);
	struct school_query sq;
	school_query_init(&sq);
	struct school_row sr[256];
	int ns = db_school_page(db, &sq, 0, 256, sr);
	for (int i = 0; i < ns && !outsider; i++)
		if (sr[i].district_id != d->id)
			outsider = sr[i].s.id;
	assert_true(outsider > 0);
	d->lead_school_id = outsider;
	MUST(db_district_update_lead(db, d, msg));
	memset(&f, 0, sizeof f);
	long found = db_check(db, collect, &f);
	assert_true(found >= 2);
	assert_int_equal(found, f.n);
	assert_non_null(strstr(f.text, "is not its current lead member"));
	assert_non_null(strstr(f.text, "is a lead member but not the lead school"));
	assert_non_null(strstr(f.text, d->name));
	db_close(db);

	/* other invariants on a small database */
	db = open_mem();
	int64_t s1 = new_school(db, "3201000001", "城关一小");
	int64_t s2 = new_school(db, "3201000002", "城关二小");
	int64_t d1 = new_district(db, "城关学区", 0, "");
	new_member(db, d1, s2, ROLE_MEMBER, "2024-09-01", "");
	struct school s;
	assert_int_equal(db_school_get(db, s1, &s), XQ_OK);
	s.students = 10;
	s.classes = 20;
	MUST(db_school_update(db, &s, msg));
	memset(&f, 0, sizeof f);
	assert_int_equal(db_check(db, collect, &f), 2);
	assert_non_null(strstr(f.text, "no lead school"));
	assert_non_null(strstr(f.text, "20 classes for 10 students"));
	db_close(db);
}

/* Backups */

static bool dir_has_tmp(const char *dir)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	bool found = false;
	for (struct dirent *de; (de = readdir(dp));)
		if (strstr(de->d_name, ".tmp-"))
			found = true;
	closedir(dp);
	return found;
}

static void exports_equal(struct db *a, struct db *b)
{
	for (int i = 0; io_entity_names[i]; i++) {
		char *x = export_of(a, io_entity_names[i], false), *y = export_of(b, io_entity_names[i], false);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
}

static void test_backup(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	const char *src_path = tpath("src.db"), *dest = tpath("backup.db");
	struct db *src = open_file(src_path, DB_CREATE);
	build_dataset(src);
	MUST(db_backup(src, dest, false, msg));
	assert_false(dir_has_tmp(tmpdir));
	struct db *copy = open_file(dest, 0);
	assert_int_equal(db_schema_version(copy), db_schema_latest());
	exports_equal(src, copy);
	assert_int_equal(db_audit_count(copy), db_audit_count(src));
	db_close(copy);

	/* an existing file is kept unless overwrite */
	int64_t sid = new_school(src, "3201000009", "新校");
	REFUSED(db_backup(src, dest, false, msg), XQ_ERR, "exists");
	copy = open_file(dest, 0);
	struct school s;
	assert_int_equal(db_school_get(copy, sid, &s), XQ_NOTFOUND);
	db_close(copy);
	MUST(db_backup(src, dest, true, msg));
	copy = open_file(dest, 0);
	assert_int_equal(db_school_get(copy, sid, &s), XQ_OK);
	exports_equal(src, copy);
	db_close(copy);
	assert_false(dir_has_tmp(tmpdir));

	/* a place that cannot be written */
	char bad[600];
	snprintf(bad, sizeof bad, "%s/no/such/dir/backup.db", tmpdir);
	assert_int_equal(db_backup(src, bad, false, msg), XQ_ERR);
	assert_true(msg[0] != '\0');

	/* an in-memory database backs up too */
	struct db *mem = open_mem();
	build_dataset(mem);
	const char *mdest = tpath("mem-backup.db");
	MUST(db_backup(mem, mdest, false, msg));
	copy = open_file(mdest, 0);
	exports_equal(mem, copy);
	db_close(copy);
	db_close(mem);
	db_close(src);
	remove_db(src_path);
	remove_db(dest);
	remove_db(mdest);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_fresh),
		cmocka_unit_test(test_migrate_reopen),
		cmocka_unit_test(test_migrate_audit_op),
		cmocka_unit_test(test_migrate_in_lists),
		cmocka_unit_test(test_schema_fresh_written),
		cmocka_unit_test(test_audit_functions),
		cmocka_unit_test(test_migrate_newer_refused),
		cmocka_unit_test(test_open_not_a_database),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_school_columns),
		cmocka_unit_test(test_district_columns),
		cmocka_unit_test(test_member_columns),
		cmocka_unit_test(test_agreement_activity_columns),
		cmocka_unit_test(test_teacher_columns),
		cmocka_unit_test(test_exemption_columns),
		cmocka_unit_test(test_optimistic_locking),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_audit_sudo),
		cmocka_unit_test(test_membership_one_district),
		cmocka_unit_test(test_set_lead),
		cmocka_unit_test(test_end_lead_clears),
		cmocka_unit_test(test_district_insert_with_lead),
		cmocka_unit_test(test_permissions_viewer),
		cmocka_unit_test(test_permissions_unregistered),
		cmocka_unit_test(test_permissions_district_admin),
		cmocka_unit_test(test_validation_refused),
		cmocka_unit_test(test_paging_schools),
		cmocka_unit_test(test_paging_districts_teachers),
		cmocka_unit_test(test_paging_like_literal),
		cmocka_unit_test(test_import_schools),
		cmocka_unit_test(test_import_all_or_nothing),
		cmocka_unit_test(test_import_errors),
		cmocka_unit_test(test_import_chinese_headers),
		cmocka_unit_test(test_import_gb18030),
		cmocka_unit_test(test_import_bom),
		cmocka_unit_test(test_import_update_by_key),
		cmocka_unit_test(test_import_partial_columns),
		cmocka_unit_test(test_import_dry_run),
		cmocka_unit_test(test_round_trip_small),
		cmocka_unit_test(test_round_trip_demo),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_backup),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
