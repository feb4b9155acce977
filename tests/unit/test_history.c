/* test_history.c: audit rows read as field lists (the JSON parser, the field-by-field
 * comparison, labels) and undo through the database — of an update, an insert and a
 * delete, refused where a later change stands in the way, itself in the history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/history.h"
#include "db/admin.h"
#include "db/history.h"
#include "db/school.h"

static void test_parse(void **state)
{
	(void)state;
	struct hist_fields f;
	assert_int_equal(hist_parse("{\"id\":3,\"rev\":2,\"name\":\"柳江\\\"区\\\\\",\"lat\":24.5,"
				    "\"town\":null,\"note\":\"a\\nb\\u00e9\\ud83d\\ude00\",\"neg\":-1e3}",
			 &f),
		XQ_OK);
	assert_int_equal(f.n, 7);
	assert_string_equal(hist_get(&f, "id"), "3");
	assert_string_equal(hist_get(&f, "name"), "柳江\"区\\");
	assert_string_equal(hist_get(&f, "lat"), "24.5");
	assert_true(hist_has(&f, "town"));
	assert_null(hist_get(&f, "town"));
	assert_false(hist_has(&f, "missing"));
	assert_string_equal(hist_get(&f, "note"), "a\nb\xc3\xa9\xf0\x9f\x98\x80");
	assert_string_equal(hist_get(&f, "neg"), "-1e3");
	hist_fields_free(&f);
	assert_int_equal(f.n, 0);

	/* nothing, an empty object, and what is not a flat object */
	assert_int_equal(hist_parse(NULL, &f), XQ_OK);
	assert_int_equal(f.n, 0);
	assert_int_equal(hist_parse(" { } ", &f), XQ_OK);
	assert_int_equal(f.n, 0);
	static const char *const bad[] = {"[1]", "{\"a\":1", "{\"a\" 1}", "{\"a\":{\"b\":1}}",
		"{\"a\":\"x}", "{\"a\":\"\\q\"}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":\"\\ud800\"}",
		"{a:1}", "{\"a\":tru}", "{\"a\":\"\\u0000\"}"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(hist_parse(bad[i], &f), XQ_ERR);
		assert_int_equal(f.n, 0);
		assert_null(f.f);
	}
}

static void test_diff(void **state)
{
	(void)state;
	struct hist_fields b, a, none = {0};
	struct hist_change *c;
	hist_parse("{\"id\":1,\"rev\":1,\"name\":\"王芳\",\"title\":\"一级教师\",\"town\":null,"
		   "\"students\":10}", &b);
	hist_parse("{\"id\":1,\"rev\":2,\"name\":\"王芳\",\"title\":\"高级教师\",\"town\":\"拉堡镇\","
		   "\"students\":null}", &a);
	/* an update: only what differs, id and rev left out */
	int n = hist_diff(&b, &a, &c);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].key, "title");
	assert_string_equal(c[0].before, "一级教师");
	assert_string_equal(c[0].after, "高级教师");
	assert_string_equal(c[1].key, "town");
	assert_null(c[1].before);
	assert_string_equal(c[1].after, "拉堡镇");
	assert_string_equal(c[2].key, "students");
	assert_string_equal(c[2].before, "10");
	assert_null(c[2].after);
	free(c);
	char keys[64];
	hist_changed_keys(&b, &a, keys, sizeof keys);
	assert_string_equal(keys, "title, town, students");
	hist_changed_keys(&b, &a, keys, 8);
	assert_string_equal(keys, "title, ");

	/* an insert: every field with a value; a delete: every field it had */
	n = hist_diff(&none, &a, &c);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].key, "name");
	assert_null(c[0].before);
	free(c);
	n = hist_diff(&b, &none, &c);
	assert_int_equal(n, 3);
	assert_string_equal(c[2].key, "students");
	assert_null(c[2].after);
	free(c);
	/* nothing changed */
	assert_int_equal(hist_diff(&b, &b, &c), 0);
	assert_null(c);

	char label[32];
	hist_label(&a, label, sizeof label);
	assert_string_equal(label, "王芳");
	struct hist_fields e;
	hist_parse("{\"teacher_id\":4,\"start_date\":\"2026-03-01\",\"kind\":\"illness\"}", &e);
	hist_label(&e, label, sizeof label);
	assert_string_equal(label, "");
	assert_string_equal(hist_date(&e), "2026-03-01");
	assert_null(hist_date(&a));
	assert_non_null(hist_field_enum("exemption", "kind"));
	assert_ptr_not_equal(hist_field_enum("exemption", "kind"), hist_field_enum("exchange", "kind"));
	assert_null(hist_field_enum("teacher", "name"));
	assert_string_equal(hist_field_label("teacher", "title"), "Title");
	assert_string_equal(hist_field_label("school", "name"), "Name");
	assert_string_equal(hist_field_label("teacher", "name"), "Full name");
	assert_string_equal(hist_field_label("teacher", "no_such_field"), "no_such_field");
	assert_string_equal(hist_op_label("update"), "changed");
	hist_fields_free(&e);
	hist_fields_free(&a);
	hist_fields_free(&b);
}

static struct db *open_db(void)
{
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (db_open(":memory:", DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("%s", msg);
	return db;
}

static struct history_row newest(struct db *db, const char *table, int64_t id)
{
	struct history_query q;
	struct history_row r;
	history_query_init(&q);
	q.table = table;
	q.row_id = id;
	memset(&r, 0, sizeof r);
	assert_int_equal(db_history_page(db, &q, 0, 1, &r), 1);
	return r;
}

static void test_undo(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX];
	struct school s, got;
	school_init(&s);
	strcpy(s.code, "2145099001");
	strcpy(s.name, "柳江区撤销测试小学");
	s.level = LEVEL_PRIMARY;
	s.location = LOC_RURAL;
	s.students = 100;
	assert_int_equal(db_school_insert(db, &s, msg), XQ_OK);
	struct history_row ins = newest(db, "school", s.id);
	assert_string_equal(ins.e.op, "insert");
	assert_string_equal(ins.label, "柳江区撤销测试小学");
	strcpy(s.name, "柳江区撤销测试二小");
	s.students = 120;
	assert_int_equal(db_school_update(db, &s, msg), XQ_OK);
	struct history_row upd = newest(db, "school", s.id);
	assert_string_equal(upd.e.op, "update");
	assert_string_equal(upd.fields, "name, students");

	/* the insert cannot be undone while the update stands */
	long before = db_audit_count(db);
	assert_int_not_equal(db_history_undo(db, ins.e.id, NULL, msg), XQ_OK);
	assert_non_null(strstr(msg, "later change"));
	assert_int_equal(db_audit_count(db), before);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);

	/* undo of the update: the earlier values are back, as a new, audited change */
	int64_t made = 0;
	assert_int_equal(db_history_undo(db, upd.e.id, &made, msg), XQ_OK);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
	assert_string_equal(got.name, "柳江区撤销测试小学");
	assert_int_equal(got.students, 100);
	assert_int_equal(got.rev, 3);
	struct history_row undo = newest(db, "school", s.id);
	assert_int_equal(undo.e.id, made);
	assert_string_equal(undo.e.op, "update");
	assert_string_equal(undo.fields, "name, students");
	/* the update undone once cannot be undone again: the undo stands in the way */
	assert_int_not_equal(db_history_undo(db, upd.e.id, NULL, msg), XQ_OK);
	/* undoing the undo redoes */
	assert_int_equal(db_history_undo(db, made, &made, msg), XQ_OK);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
	assert_string_equal(got.name, "柳江区撤销测试二小");

	/* a delete undone: the same id again, every field back */
	assert_int_equal(db_school_delete(db, s.id, got.rev, msg), XQ_OK);
	struct history_row del = newest(db, "school", s.id);
	assert_string_equal(del.e.op, "delete");
	assert_int_equal(db_history_undo(db, del.e.id, &made, msg), XQ_OK);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_OK);
	assert_string_equal(got.name, "柳江区撤销测试二小");
	assert_string_equal(got.code, "2145099001");
	assert_int_equal(got.students, 120);
	assert_int_equal(got.level, LEVEL_PRIMARY);
	assert_string_equal(newest(db, "school", s.id).e.op, "insert");

	/* an insert undone: the row is gone */
	assert_int_equal(db_history_undo(db, made, NULL, msg), XQ_OK);
	assert_int_equal(db_school_get(db, s.id, &got), XQ_NOTFOUND);
	assert_string_equal(newest(db, "school", s.id).e.op, "delete");

	/* a change that is not there */
	assert_int_equal(db_history_undo(db, 999999, NULL, msg), XQ_NOTFOUND);

	/* the county-wide list is newest first, and finds a change's position */
	struct history_query q;
	history_query_init(&q);
	long n = db_history_count(db, &q);
	assert_int_equal(n, 7); /* insert, update, undo, redo, delete, re-insert, delete */
	assert_int_equal(db_history_position(db, &q, newest(db, "school", s.id).e.id), 0);
	assert_int_equal(db_history_position(db, &q, ins.e.id), n - 1);
	assert_int_equal(db_history_position(db, &q, 999999), -1);
	db_close(db);
}

/* Undo never leaves the operators without an admin, as db_operator_set does not. */
static void test_undo_keeps_an_admin(void **state)
{
	(void)state;
	struct db *db = open_db();
	char msg[XQ_MSG_MAX];
	struct operator boss = {0}, me = {0};
	assert_int_equal(db_operator_bootstrap(db, msg), XQ_OK);
	xq_copy(me.login, sizeof me.login, db_operator(db)->login);
	strcpy(boss.login, "boss");
	boss.role = OPROLE_ADMIN;
	assert_int_equal(db_operator_set(db, &boss, msg), XQ_OK);
	struct history_row added = newest(db, "operator", 0);
	assert_string_equal(added.label, "boss");
	me.role = OPROLE_VIEWER;
	assert_int_equal(db_operator_set(db, &me, msg), XQ_OK);
	/* removing boss again would leave nobody an admin */
	long before = db_audit_count(db);
	assert_int_equal(db_history_undo(db, added.e.id, NULL, msg), XQ_ERR);
	assert_non_null(strstr(msg, "admin"));
	assert_int_equal(db_audit_count(db), before);
	struct operator *ops;
	int n;
	assert_int_equal(db_operator_list(db, &ops, &n), XQ_OK);
	assert_int_equal(n, 2);
	free(ops);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_undo),
		cmocka_unit_test(test_undo_keeps_an_admin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
