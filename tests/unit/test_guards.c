/* test_guards.c: the rules the database keeps by itself and the limits of the database
 * layer. The overlap trigger on exchange decides exactly as exchange_overlap (core) does,
 * for thousands of random exchanges written directly, bypassing the program; the last
 * admin cannot go; a failed nested write leaves the outer transaction going; a snapshot is
 * private; an import keeps at most IO_ERRORS_KEPT problems but counts and streams them
 * all; an import meeting a full database changes nothing and says so. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/exchange.h"
#include "core/types.h"
#include "core/util.h"
#include "db/admin.h"
#include "db/db.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/io.h"

static char dir[] = "/tmp/xuequ-guards.XXXXXX";
static char path[256];

static const char schools_csv[] = "code,name,level,location\n"
				  "4500000001,甲小学,primary,urban\n"
				  "4500000002,乙小学,primary,rural\n";
static const char teachers_csv[] = "staff_no,name,gender,school_code,education\n"
				   "G1,甲,F,4500000001,bachelor\n"
				   "G2,乙,M,4500000001,bachelor\n";

static void import_ok(struct db *db, const char *entity, const char *csv)
{
	struct io_report rep;
	if (db_import(db, entity, csv, strlen(csv), false, &rep) != XQ_OK)
		fail_msg("import %s: %s", entity, rep.nerrors ? rep.errors[0].msg : "?");
	io_report_free(&rep);
}

/* A fresh database file with two schools and two teachers (ids 1 and 2). */
static struct db *fresh(const char *name)
{
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (db_open(path, DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("open: %s", msg);
	import_ok(db, "schools", schools_csv);
	import_ok(db, "teachers", teachers_csv);
	return db;
}

static void stub(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, "raw", -1, SQLITE_STATIC);
}

/* A connection of our own, as another program would open the file: only the functions the
 * audit triggers call are defined. */
static sqlite3 *raw_open(void)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_extended_result_codes(h, 1);
	sqlite3_create_function(h, "xq_login", 0, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_sudo", 0, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_origin", 0, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_at", 1, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_json", -1, SQLITE_UTF8, NULL, stub, NULL, NULL);
	return h;
}

static void bind_exchange(sqlite3_stmt *st, const struct exchange *e)
{
	sqlite3_bind_int64(st, 1, e->teacher_id);
	sqlite3_bind_text(st, 2, enum_key(exchange_kind_items, e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->start_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->end_date, -1, SQLITE_STATIC);
	if (isnan(e->week_share))
		sqlite3_bind_null(st, 5);
	else
		sqlite3_bind_double(st, 5, e->week_share);
	sqlite3_bind_text(st, 6, enum_key(exchange_status_items, e->status), -1, SQLITE_STATIC);
}

/* SQLITE_DONE, or the error: SQLITE_CONSTRAINT_TRIGGER when the overlap rule refused. */
static int raw_insert(sqlite3 *h, struct exchange *e)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
				 "INSERT INTO exchange (teacher_id, from_school_id, to_school_id, kind, "
				 "reason, year, start_date, end_date, week_share, status) VALUES (?1, 1, "
				 "2, ?2, 'voluntary', '2026-2027', ?3, ?4, ?5, ?6)", -1, &st, NULL),
		SQLITE_OK);
	bind_exchange(st, e);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		rc = sqlite3_extended_errcode(h);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		e->id = sqlite3_last_insert_rowid(h);
	return rc;
}

static int raw_update(sqlite3 *h, const struct exchange *e)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
				 "UPDATE exchange SET teacher_id = ?1, kind = ?2, start_date = ?3, "
				 "end_date = ?4, week_share = ?5, status = ?6 WHERE id = ?7", -1, &st, NULL),
		SQLITE_OK);
	bind_exchange(st, e);
	sqlite3_bind_int64(st, 7, e->id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		rc = sqlite3_extended_errcode(h);
	sqlite3_finalize(st);
	return rc;
}

/* A random exchange of teacher 1 or 2, dates in a few years so that many meet. */
static void random_exchange(struct exchange *e)
{
	exchange_init(e);
	e->teacher_id = 1 + rand() % 2;
	e->kind = rand() % 4;
	int st = rand() % 7;
	e->status = st;
	/* few dates, so that exchanges often meet exactly at a first or last day */
	char date[32];
	int a = rand() % 24, b = a + rand() % 8;
	snprintf(date, sizeof date, "%04d-%02d-%02d", 2026 + a / 8, 1 + (a % 8) / 2 * 3, a % 2 ? 15 : 1);
	xq_copy(e->start_date, sizeof e->start_date, date);
	snprintf(date, sizeof date, "%04d-%02d-%02d", 2026 + b / 8, 1 + (b % 8) / 2 * 3, b % 2 ? 15 : 1);
	xq_copy(e->end_date, sizeof e->end_date, date);
	if (strcmp(e->end_date, e->start_date) < 0)
		memcpy(e->end_date, e->start_date, sizeof e->end_date);
	/* a share for any kind, or none (NULL counts as a whole week, as in the core) */
	static const double shares[] = {0.1, 0.25, 0.5, 0.75, 1, NAN};
	e->week_share = shares[rand() % 6];
}

static bool same_start(const struct exchange *all, int n, const struct exchange *e, int skip)
{
	for (int i = 0; i < n; i++)
		if (i != skip && all[i].teacher_id == e->teacher_id &&
		    strcmp(all[i].start_date, e->start_date) == 0)
			return true;
	return false;
}

/* Random inserts and updates: the trigger accepts exactly what exchange_overlap accepts. */
static void test_overlap_trigger_is_the_core_rule(void **state)
{
	(void)state;
	db_close(fresh("overlap.db"));
	sqlite3 *h = raw_open();
	srand(12);
	struct exchange all[400];
	int n = 0, accepted = 0, refused = 0, updates = 0;
	char why[XQ_MSG_MAX];
	for (int round = 0; round < 6; round++) {
		assert_int_equal(sqlite3_exec(h, "DELETE FROM exchange", NULL, NULL, NULL), SQLITE_OK);
		n = 0;
		for (int k = 0; k < 300 && n < (int)XQ_NELEM(all); k++) {
			struct exchange e;
			random_exchange(&e);
			if (rand() % 4 == 0 && n > 0) {
				/* an update of a stored one to new values */
				int i = rand() % n;
				e.id = all[i].id;
				if (same_start(all, n, &e, i))
					continue;
				bool core_ok = exchange_overlap(&e, all, n, why) < 0;
				int rc = raw_update(h, &e);
				if (core_ok != (rc == SQLITE_DONE))
					fail_msg("update #%lld to %s %s %s..%s share %g: core %s, trigger rc %d",
						(long long)e.id, enum_key(exchange_kind_items, e.kind),
						enum_key(exchange_status_items, e.status), e.start_date,
						e.end_date, e.week_share, core_ok ? "accepts" : why, rc);
				if (rc == SQLITE_DONE)
					all[i] = e;
				updates++;
				continue;
			}
			if (same_start(all, n, &e, -1))
				continue;
			bool core_ok = exchange_overlap(&e, all, n, why) < 0;
			int rc = raw_insert(h, &e);
			if (core_ok != (rc == SQLITE_DONE))
				fail_msg("insert %s %s %s..%s share %g: core %s, trigger rc %d",
					enum_key(exchange_kind_items, e.kind),
					enum_key(exchange_status_items, e.status), e.start_date, e.end_date,
					e.week_share, core_ok ? "accepts" : why, rc);
			if (rc == SQLITE_DONE) {
				all[n++] = e;
				accepted++;
			} else {
				assert_int_equal(rc, SQLITE_CONSTRAINT_TRIGGER);
				refused++;
			}
		}
	}
	/* both outcomes were met many times, updates too */
	assert_true(accepted > 100);
	assert_true(refused > 100);
	assert_true(updates > 100);
	sqlite3_close(h);
}

/* The last admin can be neither demoted nor removed by a direct write. */
static void test_last_admin_kept(void **state)
{
	(void)state;
	struct db *db = fresh("admin.db");
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_operator_bootstrap(db, msg), XQ_OK);
	struct operator other = {0};
	xq_copy(other.login, sizeof other.login, "other");
	other.role = OPROLE_VIEWER;
	assert_int_equal(db_operator_set(db, &other, msg), XQ_OK);
	db_close(db);
	sqlite3 *h = raw_open();
	assert_int_equal(sqlite3_exec(h, "UPDATE operator SET role = 'viewer' WHERE role = 'admin'",
				 NULL, NULL, NULL), SQLITE_CONSTRAINT_TRIGGER);
	assert_int_equal(sqlite3_exec(h, "DELETE FROM operator WHERE role = 'admin'", NULL, NULL,
				 NULL), SQLITE_CONSTRAINT_TRIGGER);
	/* with a second admin, either may go */
	assert_int_equal(sqlite3_exec(h, "UPDATE operator SET role = 'admin' WHERE login = 'other'",
				 NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "DELETE FROM operator WHERE login <> 'other'", NULL, NULL,
				 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "DELETE FROM operator", NULL, NULL, NULL),
		SQLITE_CONSTRAINT_TRIGGER);
	sqlite3_close(h);
}

static long count(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A refused exchange inside a larger transaction leaves that transaction going. */
static void test_refused_write_keeps_outer_transaction(void **state)
{
	(void)state;
	struct db *db = fresh("nested.db");
	import_ok(db, "districts", "name,form,lead_school_code\n甲学区,pairing,4500000001\n");
	import_ok(db, "members", "district_name,school_code,role,from_date\n"
				 "甲学区,4500000001,lead,2020-01-01\n甲学区,4500000002,member,2020-01-01\n");
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_begin(db, msg), XQ_OK);
	struct exchange e;
	exchange_init(&e);
	e.teacher_id = 1;
	e.from_school_id = 1;
	e.to_school_id = 2;
	xq_copy(e.start_date, sizeof e.start_date, "2026-09-01");
	assert_int_equal(db_exchange_insert(db, &e, db_exchange_policy(db), msg), XQ_OK);
	struct exchange clash = e;
	xq_copy(clash.start_date, sizeof clash.start_date, "2026-10-01");
	clash.end_date[0] = '\0';
	clash.year[0] = '\0';
	assert_int_equal(db_exchange_insert(db, &clash, db_exchange_policy(db), msg), XQ_ERR);
	assert_non_null(strstr(msg, "overlaps"));
	assert_int_equal(db_commit(db, msg), XQ_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM exchange"), 1);
	db_close(db);
}

static void collect(void *ctx, const struct io_error *e)
{
	long *lines = ctx;
	lines[++lines[0]] = e->line;
}

/* 250 bad rows: 100 kept, 250 counted and streamed, in the order of the file. */
static void test_import_errors_capped(void **state)
{
	(void)state;
	struct db *db = fresh("cap.db");
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, "staff_no,name,gender,school_code,education\n");
	for (int i = 0; i < 250; i++)
		sb_printf(&b, "X%d,某,Q,4500000001,bachelor\n", i);
	static long lines[300];
	lines[0] = 0;
	struct io_report rep;
	assert_int_equal(db_import_stream(db, "teachers", b.s, b.len, NULL, false, &rep, collect, lines), XQ_ERR);
	assert_int_equal(rep.nerrors, IO_ERRORS_KEPT);
	assert_int_equal(rep.total_errors, 250);
	assert_int_equal(lines[0], 250);
	for (int i = 1; i <= 250; i++)
		assert_int_equal(lines[i], i + 1);
	assert_int_equal(rep.errors[99].line, 101);
	io_report_free(&rep);
	/* without a callback, the same cap */
	assert_int_equal(db_import(db, "teachers", b.s, b.len, false, &rep), XQ_ERR);
	assert_int_equal(rep.nerrors, IO_ERRORS_KEPT);
	assert_int_equal(rep.total_errors, 250);
	io_report_free(&rep);
	sb_free(&b);
	db_close(db);
}

/* A snapshot sees the database as it was, and what is written to it stays in it. */
static void test_snapshot_private(void **state)
{
	(void)state;
	struct db *db = fresh("snap.db");
	struct db *s;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_snapshot(db, &s, msg), XQ_OK);
	import_ok(s, "teachers", "staff_no,name,gender,school_code,education\nS1,甲,F,4500000001,bachelor\n");
	import_ok(db, "teachers", "staff_no,name,gender,school_code,education\nM1,甲,F,4500000001,bachelor\n"
				  "M2,乙,F,4500000001,bachelor\n");
	assert_int_equal(count(s, "SELECT count(*) FROM teacher"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM teacher"), 4);
	assert_int_equal(count(db, "SELECT count(*) FROM teacher WHERE staff_no = 'S1'"), 0);
	/* the audit of the copy names the same operator */
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE tbl = 'teacher' AND "
				  "login = (SELECT login FROM audit ORDER BY id LIMIT 1)"), 3);
	db_close(s);
	/* a dry run works on such a copy: it adds nothing */
	struct io_report rep;
	const char *csv = "staff_no,name,gender,school_code,education\nD1,甲,F,4500000001,bachelor\n";
	assert_int_equal(db_import(db, "teachers", csv, strlen(csv), true, &rep), XQ_OK);
	assert_int_equal(rep.added, 1);
	io_report_free(&rep);
	assert_int_equal(count(db, "SELECT count(*) FROM teacher"), 4);
	db_close(db);
}

/* A database that cannot grow (as on a full disk): the import fails saying so, and nothing
 * of it stays, not even the rows written before the disk filled. */
static void test_import_full_database(void **state)
{
	(void)state;
	struct db *db = fresh("full.db");
	long pages = count(db, "PRAGMA page_count");
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", pages + 2);
	assert_int_equal(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, "staff_no,name,gender,school_code,education\n");
	for (int i = 0; i < 3000; i++)
		sb_printf(&b, "F%05d,某某某某某某某某某某,F,4500000001,bachelor\n", i);
	struct io_report rep;
	assert_int_equal(db_import(db, "teachers", b.s, b.len, false, &rep), XQ_ERR);
	bool said = false;
	for (int i = 0; i < rep.nerrors; i++)
		said |= strstr(rep.errors[i].msg, "disk is full") != NULL;
	assert_true(said);
	io_report_free(&rep);
	assert_int_equal(count(db, "SELECT count(*) FROM teacher"), 2);
	assert_true(sqlite3_get_autocommit(db->h));
	sb_free(&b);
	db_close(db);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap_trigger_is_the_core_rule),
		cmocka_unit_test(test_last_admin_kept),
		cmocka_unit_test(test_refused_write_keeps_outer_transaction),
		cmocka_unit_test(test_import_errors_capped),
		cmocka_unit_test(test_snapshot_private),
		cmocka_unit_test(test_import_full_database),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
