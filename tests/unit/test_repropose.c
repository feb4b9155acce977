/* test_repropose.c: a teacher proposed again after a rejection or a cancellation. Finding
 * the live exchange and the rejected or cancelled ones by their keys; the core rule and the
 * database's index that keep one live exchange per teacher, start date and school; an import that
 * matches repeated rejected rows one for one; and the upgrade of a database made at schema
 * version 4 (tests/cli/data/exchanges_v4.sql), which keeps the exchanges' ids and audit
 * history and ends with the schema a fresh database has, or rolls back whole. */
#include <pwd.h>
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
#include "db/audit.h"
#include "db/db.h"
#include "db/exchange.h"
#include "db/integrity.h"
#include "db/internal.h"
#include "db/io.h"

static char dir[] = "/tmp/xuequ-repropose.XXXXXX";
static char path[256];

static const char schools_csv[] = "code,name,level,location\n"
				  "4500000001,甲小学,primary,urban\n"
				  "4500000002,乙小学,primary,rural\n"
				  "4500000003,丙小学,primary,rural\n";
static const char teachers_csv[] = "staff_no,name,gender,school_code,education,joined_school_on\n"
				   "R1,甲,F,4500000001,bachelor,2010-09-01\n"
				   "R2,乙,M,4500000001,bachelor,2010-09-01\n";

static void import_ok(struct db *db, const char *entity, const char *csv, struct io_report *out)
{
	struct io_report rep;
	if (db_import(db, entity, csv, strlen(csv), false, &rep) != XQ_OK)
		fail_msg("import %s: %s", entity, rep.nerrors ? rep.errors[0].msg : "?");
	if (out)
		*out = rep;
	else
		io_report_free(&rep);
}

/* A fresh database file with three schools in a district and two teachers (ids 1, 2). */
static struct db *fresh(const char *name)
{
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (db_open(path, DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("open: %s", msg);
	import_ok(db, "schools", schools_csv, NULL);
	import_ok(db, "teachers", teachers_csv, NULL);
	import_ok(db, "districts", "name,form,lead_school_code\n甲学区,pairing,4500000001\n", NULL);
	import_ok(db, "members", "district_name,school_code,role,from_date\n"
				 "甲学区,4500000001,lead,2020-01-01\n甲学区,4500000002,member,2020-01-01\n"
				 "甲学区,4500000003,member,2020-01-01\n", NULL);
	return db;
}

/* A rotation of teacher 1 from school 1 to school `to`, starting on 2026-09-01. */
static struct exchange proposal(int64_t to)
{
	struct exchange e;
	exchange_init(&e);
	e.teacher_id = 1;
	e.from_school_id = 1;
	e.to_school_id = to;
	xq_copy(e.start_date, sizeof e.start_date, "2026-09-01");
	return e;
}

static int64_t propose(struct db *db, int64_t to)
{
	struct exchange e = proposal(to);
	char msg[XQ_MSG_MAX];
	if (db_exchange_insert(db, &e, db_exchange_policy(db), msg) != XQ_OK)
		fail_msg("propose: %s", msg);
	return e.id;
}

static void act(struct db *db, int64_t id, const char *action)
{
	char msg[XQ_MSG_MAX];
	if (db_exchange_act(db, id, 0, action, -1, msg) != XQ_OK)
		fail_msg("%s %lld: %s", action, (long long)id, msg);
}

/* The live exchange and the rejected or cancelled ones are found apart. */
static void test_find_live_and_dead(void **state)
{
	(void)state;
	struct db *db = fresh("find.db");
	struct exchange got;
	int64_t a = propose(db, 2);
	act(db, a, "reject");
	assert_int_equal(db_exchange_find(db, 1, "2026-09-01", 3, &got), XQ_NOTFOUND);
	int64_t b = propose(db, 2);
	assert_true(b != a);
	act(db, b, "reject");
	int64_t c = propose(db, 2);
	act(db, c, "cancel");
	int64_t d = propose(db, 3);
	/* the live one */
	assert_int_equal(db_exchange_find(db, 1, "2026-09-01", 3, &got), XQ_OK);
	assert_int_equal(got.id, d);
	assert_int_equal(got.status, EXS_PROPOSED);
	assert_int_equal(db_exchange_find(db, 1, "2026-09-02", 3, &got), XQ_NOTFOUND);
	assert_int_equal(db_exchange_find(db, 2, "2026-09-01", 3, &got), XQ_NOTFOUND);
	/* the rejected ones in order, by receiving school and status */
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_REJECTED, 0, &got), XQ_OK);
	assert_int_equal(got.id, a);
	assert_int_equal(got.status, EXS_REJECTED);
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_REJECTED, 1, &got), XQ_OK);
	assert_int_equal(got.id, b);
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_REJECTED, 2, &got), XQ_NOTFOUND);
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_CANCELLED, 0, &got), XQ_OK);
	assert_int_equal(got.id, c);
	/* either status */
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, -1, 2, &got), XQ_OK);
	assert_int_equal(got.id, c);
	/* another school, a live status, a bad nth: none */
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 3, -1, 0, &got), XQ_NOTFOUND);
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 3, EXS_PROPOSED, 0, &got), XQ_NOTFOUND);
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_REJECTED, -1, &got), XQ_NOTFOUND);
	db_close(db);
}

/* A second live exchange of one teacher starting the same day is refused, as a rotation
 * (it overlaps) and as part-time teaching (it may share days, not a start date). */
static void test_second_live_refused(void **state)
{
	(void)state;
	struct db *db = fresh("second.db");
	char msg[XQ_MSG_MAX];
	int64_t a = propose(db, 2);
	struct exchange e = proposal(3);
	assert_int_equal(db_exchange_insert(db, &e, db_exchange_policy(db), msg), XQ_ERR);
	assert_non_null(strstr(msg, "overlaps exchange #"));
	act(db, a, "cancel");
	struct exchange p1 = proposal(2), p2 = proposal(2), p3 = proposal(3);
	p1.kind = EXK_PARTTIME;
	p1.week_share = 0.5;
	p2.kind = EXK_ITINERANT;
	p2.week_share = 0.25;
	assert_int_equal(db_exchange_insert(db, &p1, db_exchange_policy(db), msg), XQ_OK);
	assert_int_equal(db_exchange_insert(db, &p2, db_exchange_policy(db), msg), XQ_ERR);
	char want[200];
	snprintf(want, sizeof want, "starts on 2026-09-01, the same day as exchange #%lld (proposed) to the same school",
		(long long)p1.id);
	assert_non_null(strstr(msg, want));
	/* to a third school from the same day: taken, and found by its school */
	p3.kind = EXK_ITINERANT;
	p3.week_share = 0.25;
	assert_int_equal(db_exchange_insert(db, &p3, db_exchange_policy(db), msg), XQ_OK);
	struct exchange found;
	assert_int_equal(db_exchange_find(db, p3.teacher_id, "2026-09-01", 3, &found), XQ_OK);
	assert_int_equal(found.id, p3.id);
	assert_int_equal(db_exchange_find(db, p3.teacher_id, "2026-09-01", 2, &found), XQ_OK);
	assert_int_equal(found.id, p1.id);
	act(db, p3.id, "cancel");
	/* a day later the shares fit */
	xq_copy(p2.start_date, sizeof p2.start_date, "2026-09-02");
	assert_int_equal(db_exchange_insert(db, &p2, db_exchange_policy(db), msg), XQ_OK);
	/* a rejected or cancelled one may not be made live again on the same day */
	act(db, p2.id, "reject");
	act(db, p1.id, "reject");
	int64_t live = propose(db, 2);
	struct exchange back;
	assert_int_equal(db_exchange_get(db, p1.id, &back), XQ_OK);
	back.status = EXS_PROPOSED;
	assert_int_equal(db_exchange_update(db, &back, db_exchange_policy(db), msg), XQ_ERR);
	assert_int_equal(db_exchange_get(db, live, &back), XQ_OK);
	assert_int_equal(back.status, EXS_PROPOSED);
	db_close(db);
}

/* The core rule: partial exchanges of one teacher to one school that start the same day
 * clash when both are live. */
static void test_core_same_start(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct exchange others[2];
	others[0] = proposal(2);
	others[0].id = 5;
	others[0].kind = EXK_PARTTIME;
	others[0].week_share = 0.25;
	xq_copy(others[0].end_date, sizeof others[0].end_date, "2027-08-31");
	others[1] = others[0];
	others[1].id = 6;
	xq_copy(others[1].start_date, sizeof others[1].start_date, "2026-10-01");
	struct exchange e = others[1];
	e.id = 0;
	xq_copy(e.start_date, sizeof e.start_date, "2026-09-01");
	assert_int_equal(exchange_overlap(&e, others, 2, msg), 0);
	assert_string_equal(msg, "starts on 2026-09-01, the same day as exchange #5 (proposed) to the same school: a "
				 "teacher's live exchanges to one school start on different days");
	/* to another school: no clash, the shares fitting */
	e.to_school_id = 9;
	assert_int_equal(exchange_overlap(&e, others, 2, msg), -1);
	e.to_school_id = others[0].to_school_id;
	others[0].status = EXS_REJECTED;
	assert_int_equal(exchange_overlap(&e, others, 2, msg), -1);
	others[0].status = EXS_APPROVED;
	e.status = EXS_CANCELLED;
	assert_int_equal(exchange_overlap(&e, others, 2, msg), -1);
	/* another day: only the shares count */
	e.status = EXS_PROPOSED;
	xq_copy(e.start_date, sizeof e.start_date, "2026-09-02");
	assert_int_equal(exchange_overlap(&e, others, 2, msg), -1);
}

static void stub(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, "raw", -1, SQLITE_STATIC);
}

/* The index exchange_one_live alone refuses what the overlap triggers let through: two
 * live part-time exchanges whose shares fit, starting the same day to the same school. To
 * another school they may (a teacher teaching at three schools). */
static void test_index_keeps_one_live(void **state)
{
	(void)state;
	db_close(fresh("index.db"));
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_extended_result_codes(h, 1);
	sqlite3_create_function(h, "xq_login", 0, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_sudo", 0, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_origin", 0, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_at", 1, SQLITE_UTF8, NULL, stub, NULL, NULL);
	sqlite3_create_function(h, "xq_json", -1, SQLITE_UTF8, NULL, stub, NULL, NULL);
	static const char ins[] = "INSERT INTO exchange (teacher_id, from_school_id, to_school_id, "
				  "kind, reason, year, start_date, end_date, week_share, status) VALUES "
				  "(1, 1, ?1, 'parttime', 'voluntary', '2026-2027', '2026-09-01', "
				  "'2027-08-31', 0.25, ?2)";
	static const struct {
		int to;
		const char *status;
		int rc;
	} rows[] = {
		{2, "proposed", SQLITE_DONE},
		{2, "rejected", SQLITE_DONE},
		{2, "rejected", SQLITE_DONE},
		{3, "cancelled", SQLITE_DONE},
		{3, "approved", SQLITE_DONE},
		{2, "proposed", SQLITE_CONSTRAINT_UNIQUE},
		{3, "proposed", SQLITE_CONSTRAINT_UNIQUE},
	};
	for (size_t i = 0; i < XQ_NELEM(rows); i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, ins, -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int(st, 1, rows[i].to);
		sqlite3_bind_text(st, 2, rows[i].status, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			rc = sqlite3_extended_errcode(h);
		sqlite3_finalize(st);
		if (rc != rows[i].rc)
			fail_msg("row %zu (%s): rc %d, wanted %d", i, rows[i].status, rc, rows[i].rc);
	}
	/* nor may a rejected one become live again beside the live one */
	assert_int_equal(sqlite3_exec(h, "UPDATE exchange SET status = 'proposed' WHERE status = "
					 "'rejected'", NULL, NULL, NULL), SQLITE_CONSTRAINT_UNIQUE);
	sqlite3_close(h);
}

static void export_of(struct db *db, struct strbuf *b)
{
	char msg[XQ_MSG_MAX];
	sb_init(b);
	if (db_export(db, "exchanges", false, b, msg) != XQ_OK)
		fail_msg("export: %s", msg);
}

/* Rejected rows alike but for their ids, and a live one, go round; a second import of the
 * same file changes nothing. */
static void test_import_round_trip(void **state)
{
	(void)state;
	struct db *db = fresh("src.db");
	act(db, propose(db, 2), "reject");
	act(db, propose(db, 2), "reject");
	act(db, propose(db, 3), "cancel");
	propose(db, 2);
	struct strbuf a, b;
	export_of(db, &a);
	struct io_report rep;
	import_ok(db, "exchanges", a.s, &rep);
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.unchanged, 4);
	io_report_free(&rep);
	db_close(db);

	db = fresh("dst.db");
	import_ok(db, "exchanges", a.s, &rep);
	assert_int_equal(rep.added, 4);
	io_report_free(&rep);
	export_of(db, &b);
	assert_string_equal(a.s, b.s);
	import_ok(db, "exchanges", a.s, &rep);
	assert_int_equal(rep.added + rep.updated, 0);
	assert_int_equal(rep.unchanged, 4);
	io_report_free(&rep);
	sb_free(&b);
	/* the file changes the first of the rejected rows: that one is updated, in place */
	const char *row = strstr(a.s, ",rejected,");
	assert_non_null(row);
	const char *line = row;
	while (line > a.s && line[-1] != '\n')
		line--;
	const char *kind = strstr(line, ",rotation,");
	assert_true(kind && kind < row);
	struct strbuf e;
	sb_init(&e);
	sb_add(&e, a.s, (size_t)(kind - a.s));
	sb_adds(&e, ",support,");
	sb_adds(&e, kind + strlen(",rotation,"));
	import_ok(db, "exchanges", e.s, &rep);
	assert_int_equal(rep.added, 0);
	assert_int_equal(rep.updated, 1);
	io_report_free(&rep);
	struct exchange got;
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_REJECTED, 0, &got), XQ_OK);
	assert_int_equal(got.kind, EXK_SUPPORT);
	assert_int_equal(db_exchange_find_dead(db, 1, "2026-09-01", 2, EXS_REJECTED, 1, &got), XQ_OK);
	assert_int_equal(got.kind, EXK_ROTATION);
	sb_free(&e);
	sb_free(&a);
	db_close(db);
}

/* The version-4 fixture, its first operator the tester, loaded past xuequ. */
static void load_v4(const char *file)
{
	const char *top = getenv("TOP");
	char src[512];
	snprintf(src, sizeof src, "%s/tests/cli/data/exchanges_v4.sql", top && *top ? top : ".");
	FILE *f = fopen(src, "r");
	if (!f)
		fail_msg("cannot read %s (set TOP to the source tree)", src);
	struct strbuf sql;
	sb_init(&sql);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sql, buf, n);
	fclose(f);
	const struct passwd *pw = getpwuid(geteuid());
	assert_non_null(pw);
	struct strbuf me;
	sb_init(&me);
	for (const char *p = sql.s, *q; *p; p = q + 6) {
		q = strstr(p, "'root'");
		if (!q) {
			sb_adds(&me, p);
			break;
		}
		sb_add(&me, p, (size_t)(q - p));
		sb_printf(&me, "'%s'", pw->pw_name);
	}
	sqlite3 *h;
	char *err = NULL;
	assert_int_equal(sqlite3_open(file, &h), SQLITE_OK);
	if (sqlite3_exec(h, me.s, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("loading %s: %s", src, err);
	sqlite3_close(h);
	sb_free(&sql);
	sb_free(&me);
}

static void count_problem(void *ctx, const char *what)
{
	print_message("# %s\n", what);
	(*(long *)ctx)++;
}

static long scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Upgrading from version 4: ids, statuses and audit history kept, the schema as fresh. */
static void test_upgrade_from_4(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "%s/v4.db", dir);
	load_v4(path);
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (db_open(path, 0, 1000, &db, msg) != XQ_OK)
		fail_msg("open: %s", msg);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_true(db_schema_latest() >= 5);
	/* the audit log as it was: 20 records, the exchanges' newest ones are their updates */
	assert_int_equal(db_audit_count(db), 20);
	static const struct {
		int64_t row, audit;
		int status;
	} want[] = {{1, 16, EXS_REJECTED}, {2, 18, EXS_CANCELLED}, {3, 20, EXS_APPROVED}};
	for (size_t i = 0; i < XQ_NELEM(want); i++) {
		struct audit_entry a;
		assert_int_equal(db_audit_last(db, "exchange", want[i].row, &a), XQ_OK);
		assert_int_equal(a.id, want[i].audit);
		assert_string_equal(a.op, "update");
		struct exchange e;
		assert_int_equal(db_exchange_get(db, want[i].row, &e), XQ_OK);
		assert_int_equal(e.status, want[i].status);
	}
	long problems = 0;
	assert_int_equal(db_check_schema(db, count_problem, &problems), 0);
	assert_int_equal(db_check_audit(db, count_problem, &problems), 0);
	assert_int_equal(problems, 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'exchange_new'"), 0);
	/* the rejected teacher proposed again, audited by the rebuilt table's trigger */
	int64_t id = propose(db, 2);
	assert_true(id > 3);
	struct audit_entry a;
	assert_int_equal(db_audit_last(db, "exchange", id, &a), XQ_OK);
	assert_int_equal(a.id, 21);
	assert_string_equal(a.op, "insert");
	act(db, id, "approve");
	assert_int_equal(db_audit_last(db, "exchange", id, &a), XQ_OK);
	assert_int_equal(a.id, 22);
	assert_int_equal(db_check_schema(db, count_problem, &problems), 0);
	assert_int_equal(db_check_audit(db, count_problem, &problems), 0);
	db_close(db);
}

/* A table referring to exchange (none does today) stops the rebuild, which rolls back. */
static void test_upgrade_keeps_references(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "%s/v4ref.db", dir);
	load_v4(path);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE note (id INTEGER PRIMARY KEY, exchange_id "
					 "INTEGER REFERENCES exchange(id) ON DELETE CASCADE); INSERT INTO "
					 "note VALUES (1, 1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	struct db *db = NULL;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(db_open(path, 0, 1000, &db, msg), XQ_ERR);
	assert_non_null(strstr(msg, "migration 5 failed: table note refers to exchange"));
	/* as it was: version 4, the old table, the note and its exchange */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	static const struct {
		const char *sql;
		long want;
	} q[] = {
		{"PRAGMA user_version", 4},
		{"SELECT count(*) FROM exchange", 3},
		{"SELECT count(*) FROM note JOIN exchange e ON e.id = note.exchange_id", 1},
		{"SELECT count(*) FROM sqlite_schema WHERE name = 'exchange' AND sql LIKE "
		 "'%UNIQUE (teacher_id, start_date)%'", 1},
		{"SELECT count(*) FROM sqlite_schema WHERE name = 'exchange_new'", 0},
	};
	for (size_t i = 0; i < XQ_NELEM(q); i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, q[i].sql, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (sqlite3_column_int64(st, 0) != q[i].want)
			fail_msg("%s: %lld, wanted %ld", q[i].sql, (long long)sqlite3_column_int64(st, 0),
				q[i].want);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
}

/* A teacher at three schools (two part-time exchanges from one day) counts once in the
 * sending school's quota, streamed as held whole. */
static void test_quota_once_a_teacher(void **state)
{
	(void)state;
	struct db *db = fresh("quota.db");
	char msg[XQ_MSG_MAX];
	struct exchange p1 = proposal(2), p3 = proposal(3);
	p1.kind = EXK_PARTTIME;
	p1.week_share = 0.5;
	p3.kind = EXK_ITINERANT;
	p3.week_share = 0.25;
	assert_int_equal(db_exchange_insert(db, &p1, db_exchange_policy(db), msg), XQ_OK);
	assert_int_equal(db_exchange_insert(db, &p3, db_exchange_policy(db), msg), XQ_OK);
	act(db, p1.id, "approve");
	act(db, p3.id, "approve");
	struct quota_row *rows;
	int n;
	struct exchange_quota county;
	assert_int_equal(db_exchange_quota2(db, "2026-2027", db_exchange_policy(db), EXSCOPE_SCHOOL, &rows, &n,
				 &county, msg),
		XQ_OK);
	int found = 0;
	for (int i = 0; i < n; i++)
		if (rows[i].r.key == 1) {
			found++;
			assert_int_equal(rows[i].r.q.exchanged, 1);
		}
	free(rows);
	assert_int_equal(found, 1);
	assert_int_equal(county.exchanged, 1);
	db_close(db);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_live_and_dead),
		cmocka_unit_test(test_second_live_refused),
		cmocka_unit_test(test_core_same_start),
		cmocka_unit_test(test_index_keeps_one_live),
		cmocka_unit_test(test_import_round_trip),
		cmocka_unit_test(test_upgrade_from_4),
		cmocka_unit_test(test_upgrade_keeps_references),
		cmocka_unit_test(test_quota_once_a_teacher),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
