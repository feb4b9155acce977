/* test_policy.c: the county's policy in the database — the option table's policy keys,
 * seeding (a new database and the upgrade of a version-2 one), loading into the
 * connection, listing, setting in one transaction with the file's rules and the rules
 * between keys, the admin role, optimistic locking, the audit log. */
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

#include "conf/conf.h"
#include "core/exchange.h"
#include "core/policy.h"
#include "db/admin.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/policy.h"

static char tmpdir[256];

static const char *tpath(const char *name)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	return p;
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

static struct db *open_path(const char *path)
{
	struct db *db;
	char msg[XQ_MSG_MAX] = "";
	if (db_open(path, DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("open %s: %s", path, msg);
	return db;
}

/* Runs SQL on the file past xuequ (no audit functions there). */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	char *err = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
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

/* The stored value of a key, as listed. */
static const char *listed(struct db *db, const char *name)
{
	static char value[256];
	struct db_policy_entry *rows;
	int n;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_policy_list(db, &rows, &n, msg), XQ_OK);
	value[0] = '\0';
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0)
			xq_copy(value, sizeof value, rows[i].value);
	free(rows);
	return value;
}

static int set1(struct db *db, const char *key, const char *value, int64_t rev, char *msg)
{
	struct db_policy_change ch = {key, value, rev};
	return db_policy_set(db, &ch, 1, NULL, msg);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/xq-policy-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	db_policy_seed(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rmdir(tmpdir);
	return 0;
}

/* The option table's policy: every [exchange] and [indicators] key, found by full and bare
 * name, spelt back as parsed. */
static void test_conf_policy_keys(void **state)
{
	(void)state;
	int n = conf_policy_count();
	assert_true(n >= 30);
	struct conf c, d;
	conf_defaults(&c);
	for (int i = 0; i < n; i++) {
		struct conf_policy_info info;
		char v[256], again[256], msg[XQ_MSG_MAX];
		conf_policy_info(i, &info);
		assert_true(strcmp(info.section, "exchange") == 0 || strcmp(info.section, "indicators") == 0 ||
			    strcmp(info.section, "timetable") == 0);
		assert_int_equal(conf_policy_find(info.name), i);
		assert_int_equal(conf_policy_find(info.key), i);
		conf_policy_format(i, &c, v, sizeof v);
		conf_defaults(&d);
		assert_int_equal(conf_policy_parse(i, v, &d, msg), XQ_OK);
		conf_policy_format(i, &d, again, sizeof again);
		assert_string_equal(v, again);
	}
	assert_int_equal(conf_policy_find("path"), -1);
	assert_int_equal(conf_policy_find("database.path"), -1);
	assert_int_equal(conf_policy_find("ui.language"), -1);
	assert_int_equal(conf_policy_find("exchange.cv_max_primary"), -1);
	assert_int_equal(conf_policy_find("nosuch"), -1);
	/* the rules between keys */
	char msg[XQ_MSG_MAX];
	assert_int_equal(conf_policy_check(&c, msg), XQ_OK);
	int km = conf_policy_find("subsidy_km");
	assert_int_equal(conf_policy_parse(km, "5, 10", &c, msg), XQ_OK);
	assert_int_equal(conf_policy_check(&c, msg), XQ_ERR);
	assert_non_null(strstr(msg, "subsidy_yuan"));
	conf_defaults(&c);
	assert_int_equal(conf_policy_parse(conf_policy_find("principal_min_years"), "6", &c, msg), XQ_OK);
	assert_int_equal(conf_policy_check(&c, msg), XQ_ERR);
	assert_non_null(strstr(msg, "principal_min_years"));
	/* the file's rules, naming key and value */
	assert_int_equal(conf_policy_parse(conf_policy_find("min_ratio"), "1.5", &c, msg), XQ_ERR);
	assert_non_null(strstr(msg, "min_ratio"));
	assert_non_null(strstr(msg, "1.5"));
	/* the indicator defaults of core/ are the table's */
	struct indicator_policy a, b;
	conf_defaults(&c);
	indicator_policy_defaults(&a);
	indicator_policy_from_conf(&c, &b);
	assert_memory_equal(&a, &b, sizeof a);
}

/* A new database holds every key with its default; the connection computes with them. */
static void test_fresh_defaults(void **state)
{
	(void)state;
	struct db *db = open_path(":memory:");
	struct db_policy_entry *rows;
	int n;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_policy_list(db, &rows, &n, msg), XQ_OK);
	assert_int_equal(n, conf_policy_count());
	for (int i = 0; i < n; i++) {
		assert_true(rows[i].is_default);
		assert_string_equal(rows[i].value, rows[i].def);
		assert_int_equal(rows[i].rev, 1);
		assert_true(rows[i].id > 0);
		assert_non_null(rows[i].help);
	}
	free(rows);
	struct exchange_policy p;
	exchange_policy_defaults(&p);
	assert_memory_equal(db_exchange_policy(db), &p, sizeof p);
	struct indicator_policy ip;
	indicator_policy_defaults(&ip);
	assert_memory_equal(db_indicator_policy(db), &ip, sizeof ip);
	assert_string_equal(db_policy_warning(db), "");
	assert_int_equal(db_audit_count(db), 0); /* the seed is the start, not a change */
	db_close(db);
}

/* The seed a front end hands over before opening: a new database starts from it. */
static void test_seeded(void **state)
{
	(void)state;
	struct conf c;
	char msg[XQ_MSG_MAX];
	conf_defaults(&c);
	c.min_ratio = 0.3;
	c.term_years = 4;
	c.ind_junior[6] = 3.5;
	c.cv_max_primary = 0.6;
	db_policy_seed(&c);
	struct db *db = open_path(":memory:");
	db_policy_seed(NULL);
	assert_string_equal(listed(db, "exchange.min_ratio"), "0.3");
	assert_string_equal(listed(db, "exchange.term_years"), "4");
	assert_string_equal(listed(db, "indicators.multimedia_rooms_junior"), "3.5");
	assert_true(db_exchange_policy(db)->min_ratio == 0.3);
	assert_int_equal(db_exchange_policy(db)->term_years, 4);
	assert_true(db_indicator_policy(db)->junior[6] == 3.5);
	assert_true(db_indicator_policy(db)->cv_max_primary == 0.6);
	/* db_set_exchange_policy still sets the connection's rules (until a reload) */
	struct exchange_policy p;
	exchange_policy_defaults(&p);
	p.min_ratio = 0.05;
	db_set_exchange_policy(db, &p);
	assert_true(db_exchange_policy(db)->min_ratio == 0.05);
	assert_int_equal(db_policy_load(db, msg), XQ_OK);
	assert_true(db_exchange_policy(db)->min_ratio == 0.3);
	db_close(db);
	/* without a seed: the defaults */
	db = open_path(":memory:");
	assert_string_equal(listed(db, "exchange.min_ratio"), "0.1");
	db_close(db);
}

/* Setting: stored as the file spells it, audited, the connection follows; several keys in
 * one transaction, all or none. */
static void test_set(void **state)
{
	(void)state;
	struct db *db = open_path(":memory:");
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(set1(db, "min_ratio", " 0.25 ", 0, msg), XQ_OK);
	assert_string_equal(listed(db, "exchange.min_ratio"), "0.25");
	assert_true(db_exchange_policy(db)->min_ratio == 0.25);
	assert_int_equal(db_audit_count(db), 1);
	struct audit_entry e;
	struct db_policy_entry *rows;
	int n, bad;
	assert_int_equal(db_policy_list(db, &rows, &n, msg), XQ_OK);
	int i = conf_policy_find("min_ratio");
	assert_int_equal(rows[i].rev, 2);
	assert_false(rows[i].is_default);
	assert_string_equal(rows[i].def, "0.1");
	assert_int_equal(db_audit_last(db, "policy", rows[i].id, &e), XQ_OK);
	assert_string_equal(e.op, "update");
	assert_string_equal(e.login, db_operator(db)->login);
	free(rows);

	/* the same value again: nothing written */
	assert_int_equal(set1(db, "exchange.min_ratio", "0.250", 0, msg), XQ_OK);
	assert_int_equal(db_audit_count(db), 1);

	/* choices and booleans as the file spells them; indicators too */
	struct db_policy_change ok3[] = {{"backbone_base", "ELIGIBLE", 0},
		{"allow_cross_district", "yes", 0}, {"indicators.sports_area_junior", "11", 0}};
	assert_int_equal(db_policy_set(db, ok3, 3, &bad, msg), XQ_OK);
	assert_string_equal(listed(db, "exchange.backbone_base"), "eligible");
	assert_string_equal(listed(db, "exchange.allow_cross_district"), "true");
	assert_int_equal(db_exchange_policy(db)->backbone_base, EXB_ELIGIBLE);
	assert_true(db_exchange_policy(db)->allow_cross_district);
	assert_true(db_indicator_policy(db)->junior[4] == 11);
	long audits = db_audit_count(db);
	assert_int_equal(audits, 4);

	/* one bad value: nothing changes, the bad change is pointed at */
	struct db_policy_change mixed[] = {{"term_years", "3", 0}, {"max_out_ratio", "2", 0}};
	assert_int_equal(db_policy_set(db, mixed, 2, &bad, msg), XQ_ERR);
	assert_int_equal(bad, 1);
	assert_non_null(strstr(msg, "max_out_ratio"));
	assert_string_equal(listed(db, "exchange.term_years"), "2");
	assert_int_equal(db_audit_count(db), audits);

	/* unknown keys */
	assert_int_equal(set1(db, "nosuch", "1", 0, msg), XQ_ERR);
	assert_non_null(strstr(msg, "nosuch"));
	assert_int_equal(set1(db, "database.path", "x.db", 0, msg), XQ_ERR);

	/* the whole resulting policy is checked */
	struct db_policy_change tiers[] = {{"subsidy_km", "5, 10", 0}};
	assert_int_equal(db_policy_set(db, tiers, 1, &bad, msg), XQ_ERR);
	assert_int_equal(bad, -1);
	assert_non_null(strstr(msg, "subsidy_yuan"));
	struct db_policy_change both[] = {{"subsidy_km", "5,10", 0}, {"subsidy_yuan", "1,2,3", 0}};
	assert_int_equal(db_policy_set(db, both, 2, &bad, msg), XQ_OK);
	assert_int_equal(db_exchange_policy(db)->n_subsidy_km, 2);
	assert_int_equal(db_exchange_policy(db)->n_subsidy_yuan, 3);
	assert_true(db_exchange_policy(db)->subsidy_yuan[2] == 3);
	assert_int_equal(set1(db, "principal_min_years", "6", 0, msg), XQ_ERR);
	assert_non_null(strstr(msg, "principal_rotate_years"));
	assert_int_equal(db_exchange_policy(db)->principal_min_years, 3);

	/* inside a caller's transaction that rolls back, the change goes too */
	assert_int_equal(db_begin(db, msg), XQ_OK);
	assert_int_equal(set1(db, "term_years", "5", 0, msg), XQ_OK);
	db_rollback(db);
	assert_int_equal(db_policy_load(db, msg), XQ_OK);
	assert_int_equal(db_exchange_policy(db)->term_years, 2);
	db_close(db);
}

/* Only an admin changes the policy; everyone reads it. */
static void test_admin_only(void **state)
{
	(void)state;
	const char *path = tpath("roles.db");
	struct db *db = open_path(path);
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(db_operator_bootstrap(db, msg), XQ_OK);
	struct operator other = {0};
	xq_copy(other.login, sizeof other.login, "someone-else");
	other.role = OPROLE_ADMIN;
	assert_int_equal(db_operator_set(db, &other, msg), XQ_OK);
	struct operator me = {0};
	xq_copy(me.login, sizeof me.login, db_operator(db)->login);
	me.role = OPROLE_VIEWER;
	assert_int_equal(db_operator_set(db, &me, msg), XQ_OK);
	db_close(db);

	db = open_path(path);
	assert_int_equal(db_operator(db)->role, OPROLE_VIEWER);
	long audits = db_audit_count(db);
	assert_int_equal(set1(db, "min_ratio", "0.5", 0, msg), XQ_ERR);
	assert_non_null(strstr(msg, "only an admin"));
	assert_string_equal(listed(db, "exchange.min_ratio"), "0.1");
	assert_int_equal(db_audit_count(db), audits);
	db_close(db);
	remove_db(path);
}

/* A change made with a revision read before another session's change is refused, naming
 * who; the other connection sees the new value once it reloads. */
static void test_stale(void **state)
{
	(void)state;
	const char *path = tpath("stale.db");
	struct db *a = open_path(path), *b = open_path(path);
	char msg[XQ_MSG_MAX] = "";
	struct db_policy_entry *rows;
	int n;
	assert_int_equal(db_policy_list(a, &rows, &n, msg), XQ_OK);
	int i = conf_policy_find("min_ratio");
	int64_t rev = rows[i].rev;
	free(rows);
	assert_int_equal(set1(b, "min_ratio", "0.2", rev, msg), XQ_OK);
	assert_int_equal(set1(a, "min_ratio", "0.3", rev, msg), XQ_STALE);
	assert_non_null(strstr(msg, db_operator(a)->login));
	assert_non_null(strstr(msg, "exchange.min_ratio"));
	assert_string_equal(listed(a, "exchange.min_ratio"), "0.2");
	/* a reload brings the other session's value into the computations */
	assert_true(db_exchange_policy(a)->min_ratio == 0.2);
	assert_int_equal(set1(b, "term_years", "3", 0, msg), XQ_OK);
	assert_int_equal(db_exchange_policy(a)->term_years, 2);
	assert_int_equal(db_policy_load(a, msg), XQ_OK);
	assert_int_equal(db_exchange_policy(a)->term_years, 3);
	/* the current revision goes through */
	assert_int_equal(db_policy_list(a, &rows, &n, msg), XQ_OK);
	rev = rows[i].rev;
	free(rows);
	assert_int_equal(set1(a, "min_ratio", "0.3", rev, msg), XQ_OK);
	db_close(a);
	db_close(b);
	remove_db(path);
}

/* A version-2 database (no policy table) is upgraded by migration 3, which seeds the
 * policy from the configuration handed over; its data stay and nothing is audited. */
static void test_upgrade_from_2(void **state)
{
	(void)state;
	const char *path = tpath("v2.db");
	struct db *db = open_path(path);
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(db_operator_bootstrap(db, msg), XQ_OK);
	db_close(db);
	raw_exec(path, "DROP TRIGGER audit_policy_insert; DROP TRIGGER audit_policy_update; "
		       "DROP TRIGGER audit_policy_delete; DROP TRIGGER policy_keep_key; "
		       "DROP TRIGGER policy_keep_row; DROP TABLE policy; "
		       /* and what the migrations after 3 add */
		       "DROP TRIGGER exchange_no_overlap_insert; DROP TRIGGER exchange_no_overlap_update; "
		       "DROP TRIGGER operator_keep_admin_update; DROP TRIGGER operator_keep_admin_delete; "
		       "DROP TRIGGER append_only_audit_update; DROP TRIGGER append_only_audit_delete; "
		       "DROP TABLE day_rule; DROP TABLE lesson_rule_lesson; DROP TABLE lesson_rule; DROP TABLE group_member; DROP TABLE quota; DROP TABLE booking_change; DROP TABLE booking; DROP TABLE calendar; DROP TABLE room_hours; DROP TABLE rectification; DROP TABLE result; DROP TABLE inspection; DROP TABLE template_item; DROP TABLE template_section; DROP TABLE template; DROP TABLE room; DROP INDEX exchange_teacher; DROP TABLE pack_inspection; DROP TABLE pack; DROP TABLE lesson; DROP TABLE teacher_rule; DROP TABLE unavailable; DROP TABLE course_room; DROP TABLE course_teacher; DROP TABLE course_students; DROP TABLE course; DROP TABLE class_group; DROP TABLE class; DROP TABLE subject; DROP TABLE travel; DROP TABLE bell; DROP TABLE term; "
		       "PRAGMA user_version = 2");
	assert_int_equal(raw_long(path, "PRAGMA user_version"), 2);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'policy'"), 0);
	long audits = raw_long(path, "SELECT count(*) FROM audit");

	struct conf c;
	conf_defaults(&c);
	c.min_ratio = 0.35;
	c.principal_rotate_years = 6;
	c.min_indicators_met = 5;
	db_policy_seed(&c);
	db = open_path(path);
	db_policy_seed(NULL);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_true(db_schema_latest() >= 3);
	assert_string_equal(listed(db, "exchange.min_ratio"), "0.35");
	assert_string_equal(listed(db, "exchange.principal_rotate_years"), "6");
	assert_string_equal(listed(db, "indicators.min_indicators_met"), "5");
	assert_string_equal(listed(db, "exchange.term_years"), "2");
	assert_true(db_exchange_policy(db)->min_ratio == 0.35);
	assert_int_equal(db_indicator_policy(db)->min_met, 5);
	assert_int_equal(db_audit_count(db), audits);
	assert_int_equal(db_operator(db)->role, OPROLE_ADMIN);
	/* audited from now on */
	assert_int_equal(set1(db, "min_ratio", "0.4", 0, msg), XQ_OK);
	assert_int_equal(db_audit_count(db), audits + 1);
	db_close(db);
	assert_int_equal(raw_long(path, "SELECT count(*) FROM policy"), conf_policy_count());
	remove_db(path);
}

/* A stored value the rules refuse (written past xuequ) keeps the default and warns. */
static void test_bad_stored_value(void **state)
{
	(void)state;
	const char *path = tpath("bad.db");
	struct db *db = open_path(path);
	db_close(db);
	raw_exec(path, "DROP TRIGGER audit_policy_update; "
		       "UPDATE policy SET value = 'lots' WHERE key = 'exchange.min_ratio'; "
		       "UPDATE policy SET value = '7' WHERE key = 'exchange.term_years'");
	db = open_path(path);
	assert_non_null(strstr(db_policy_warning(db), "min_ratio"));
	assert_true(db_exchange_policy(db)->min_ratio == 0.10);
	assert_int_equal(db_exchange_policy(db)->term_years, 7);
	db_close(db);
	/* rules between keys broken: the defaults, with a warning */
	raw_exec(path, "UPDATE policy SET value = '0.2' WHERE key = 'exchange.min_ratio'; "
		       "UPDATE policy SET value = '1, 2' WHERE key = 'exchange.subsidy_yuan'");
	db = open_path(path);
	assert_non_null(strstr(db_policy_warning(db), "subsidy_yuan"));
	assert_int_equal(db_exchange_policy(db)->n_subsidy_yuan, 4);
	assert_int_equal(db_exchange_policy(db)->term_years, 2);
	db_close(db);
	remove_db(path);
}

/* What another session wrote, told by table from the audit log (the console reads again
 * only the views that show one of them): each table its own bit; every table when it
 * cannot be told. */
static void test_changes_since(void **state)
{
	(void)state;
	/* every table the audit triggers follow has a bit of its own */
	const char *path = tpath("changes.db");
	struct db *a = open_path(path), *b = open_path(path);
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT DISTINCT tbl_name FROM sqlite_schema WHERE "
						 "type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'",
				 -1, &st, NULL),
		SQLITE_OK);
	uint64_t all = 0;
	int tables = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint64_t bit = db_table_bit((const char *)sqlite3_column_text(st, 0));
		assert_true(bit != DB_TABLES_ALL);
		assert_true((all & bit) == 0);
		all |= bit;
		tables++;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	assert_true(tables >= 39);
	assert_true(db_table_bit("no_such_table") == DB_TABLES_ALL);
	assert_true(db_tables_bits(NULL) == DB_TABLES_ALL);
	static const char *const two[] = {"policy", "school", NULL};
	assert_true(db_tables_bits(two) == (db_table_bit("policy") | db_table_bit("school")));

	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(set1(b, "min_ratio", "0.2", 0, msg), XQ_OK);
	int64_t seen = 0;
	assert_true(db_changes_since(a, &seen) == DB_TABLES_ALL); /* the first: not known */
	assert_true(seen > 0);
	int64_t first = seen;
	assert_int_equal(set1(b, "min_ratio", "0.25", 0, msg), XQ_OK);
	assert_int_equal(set1(b, "term_years", "3", 0, msg), XQ_OK);
	assert_true(db_changes_since(a, &seen) == db_table_bit("policy"));
	assert_true(seen == first + 2);
	/* a write no record follows (data_version moved, nothing logged): every table */
	raw_exec(path, "INSERT INTO meta (key, value) VALUES ('test_changes', 'x')");
	assert_true(db_changes_since(a, &seen) == DB_TABLES_ALL);
	assert_true(seen == first + 2);
	/* more records than are read to tell: every table */
	for (int i = 0; i < 520; i++)
		assert_int_equal(set1(b, "min_ratio", i % 2 ? "0.25" : "0.2", 0, msg), XQ_OK);
	assert_true(db_changes_since(a, &seen) == DB_TABLES_ALL);
	assert_true(seen == first + 522);
	assert_int_equal(set1(b, "term_years", "4", 0, msg), XQ_OK);
	assert_true(db_changes_since(a, &seen) == db_table_bit("policy"));
	/* a log shorter than was seen (another file in its place): every table */
	seen += 1000;
	assert_true(db_changes_since(a, &seen) == DB_TABLES_ALL);
	assert_true(seen == first + 523);
	db_close(a);
	db_close(b);
	remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_policy_keys),
		cmocka_unit_test(test_fresh_defaults),
		cmocka_unit_test(test_seeded),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_admin_only),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_changes_since),
		cmocka_unit_test(test_upgrade_from_2),
		cmocka_unit_test(test_bad_stored_value),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
