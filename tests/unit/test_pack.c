/* test_pack.c: offline packs through the db/ functions the console and the commands share:
 * rows made on a pack take ids from its own range; a row deleted in the pack and changed on
 * the server, and changed in the pack and deleted on the server, are conflicts decided
 * either way with the value not kept in the audit log; a write to the pack outside xuequ
 * breaks its seal and the merge refuses it. */
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

#include "db/db.h"
#include "db/demo.h"
#include "db/pack.h"
#include "db/school.h"
#include "db/teacher.h"

#define MUST(x)                                                                              \
	do {                                                                                 \
		if ((x) != XQ_OK)                                                            \
			fail_msg("%s: %s", #x, msg);                                       \
	} while (0)

static char dir[256];
static char server[300], pack[300];

static long raw_long(const char *path, const char *sql)
{
	sqlite3 *h;
	long v = -1;
	if (sqlite3_open(path, &h) == SQLITE_OK) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				v = (long)sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(h);
	return v;
}

static struct db *open_path(const char *path)
{
	struct db *db;
	char msg[XQ_MSG_MAX];
	MUST(db_open(path, DB_CREATE, 2000, &db, msg));
	return db;
}

/* A demo county and a pack of a school with exempted teachers; the exemption both sides
 * will work on. */
static int setup(void **state)
{
	(void)state;
	setenv("XUEQU_TODAY", "2026-09-01", 1);
	snprintf(dir, sizeof dir, "/tmp/xuequ-pack.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(server, sizeof server, "%s/s.db", dir);
	snprintf(pack, sizeof pack, "%s/p.xqp", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* The first exemption of the demo and its school's code. */
static void first_exemption(struct db *db, struct exemption *e, char *code)
{
	long id = raw_long(server, "SELECT min(id) FROM exemption");
	assert_true(id > 0);
	long teacher = raw_long(server, "SELECT teacher_id FROM exemption ORDER BY id LIMIT 1");
	struct exemption *rows;
	int n;
	assert_int_equal(db_exemption_list(db, teacher, &rows, &n), XQ_OK);
	bool found = false;
	for (int i = 0; i < n; i++)
		if (rows[i].id == id) {
			*e = rows[i];
			found = true;
		}
	free(rows);
	assert_true(found);
	long school = raw_long(server, "SELECT school_id FROM teacher WHERE id = (SELECT teacher_id FROM exemption ORDER BY id LIMIT 1)");
	struct school s;
	assert_int_equal(db_school_get(db, school, &s), XQ_OK);
	strcpy(code, s.code);
}

static void fresh(struct db **srv, struct exemption *e)
{
	char msg[XQ_MSG_MAX];
	unlink(server);
	unlink(pack);
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", server);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", server);
	unlink(wal);
	*srv = open_path(server);
	MUST(db_demo_load(*srv, DEMO_COUNTY, msg));
	char code[CODE_LEN];
	first_exemption(*srv, e, code);
	const char *schools[] = {code};
	struct pack_take q = {.schools = schools, .nschools = 1};
	struct pack_origin o;
	MUST(db_pack_take(*srv, &q, pack, &o, msg));
	assert_true(o.id_base >= ((int64_t)1 << 40));
}

static void test_ids_and_seal(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct db *srv;
	struct exemption e;
	fresh(&srv, &e);
	struct db *p = open_path(pack);
	const struct pack_origin *o = db_pack(p);
	assert_non_null(o);
	assert_null(db_pack(srv));
	/* a row made on the pack: an id of the pack's range */
	struct exemption x = e;
	x.id = 0;
	x.kind = (e.kind + 1) % 4;
	strcpy(x.start_date, "2026-10-01");
	x.end_date[0] = '\0';
	MUST(db_exemption_insert(p, &x, msg));
	assert_true(x.id >= o->id_base && x.id < o->id_base + ((int64_t)1 << 40));
	/* and one made on the server meanwhile: below every pack's range */
	struct exemption y = e;
	y.id = 0;
	y.kind = (e.kind + 1) % 4;
	strcpy(y.start_date, "2026-11-01");
	y.end_date[0] = '\0';
	MUST(db_exemption_insert(srv, &y, msg));
	assert_true(y.id < ((int64_t)1 << 40));
	/* county-wide actions are refused on the pack */
	assert_int_equal(db_require_county(p, "the plan", msg), XQ_ERR);
	assert_non_null(strstr(msg, "offline pack"));
	assert_int_equal(db_require_county(srv, "the plan", msg), XQ_OK);
	db_close(p);
	struct pack_merge m;
	MUST(db_pack_merge(srv, pack, 0, PACK_UNDECIDED, NULL, 0, &m, msg));
	assert_int_equal(m.nconflicts, 0);
	assert_true(m.written);
	db_pack_merge_free(&m);
	char q[200];
	snprintf(q, sizeof q, "SELECT count(*) FROM exemption WHERE id IN (%lld, %lld)", (long long)x.id, (long long)y.id);
	db_close(srv);
	assert_int_equal(raw_long(server, q), 2);

	/* a write to the pack outside xuequ: its seal no longer matches */
	sqlite3 *h;
	assert_int_equal(sqlite3_open(pack, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "UPDATE meta SET value = value || 'x'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	srv = open_path(server);
	assert_int_equal(db_pack_merge(srv, pack, 0, PACK_KEEP_PACK, NULL, 0, &m, msg), XQ_ERR);
	assert_non_null(strstr(msg, "altered"));
	struct pack_info info;
	MUST(db_pack_info(pack, &info, msg));
	assert_false(info.sealed);
	db_pack_info_free(&info);
	db_close(srv);
}

/* Deleted in the pack, changed on the server; then the other way round. */
static void test_deleted_on_one_side(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	for (int prefer = PACK_KEEP_SERVER; prefer <= PACK_KEEP_PACK; prefer++) {
		struct db *srv;
		struct exemption e;
		fresh(&srv, &e);
		struct db *p = open_path(pack);
		MUST(db_exemption_delete(p, e.id, e.rev, msg));
		db_close(p);
		struct exemption s = e;
		strcpy(s.end_date, "2027-06-30");
		MUST(db_exemption_update(srv, &s, msg));
		struct pack_merge m;
		MUST(db_pack_merge(srv, pack, 0, PACK_UNDECIDED, NULL, 0, &m, msg));
		assert_int_equal(m.undecided, 1);
		assert_int_equal(m.nconflicts, 1);
		assert_int_equal(m.conflicts[0].kind, PACK_DELETED_IN_PACK);
		assert_string_equal(m.conflicts[0].table, "exemption");
		assert_false(m.written);
		/* decided one by one, as the console does */
		struct pack_conflict d = m.conflicts[0];
		d.decision = prefer;
		db_pack_merge_free(&m);
		MUST(db_pack_merge(srv, pack, 0, PACK_UNDECIDED, &d, 1, &m, msg));
		assert_true(m.written);
		db_pack_merge_free(&m);
		db_close(srv);
		char q[200];
		snprintf(q, sizeof q, "SELECT count(*) FROM exemption WHERE id = %lld", (long long)e.id);
		assert_int_equal(raw_long(server, q), prefer == PACK_KEEP_SERVER ? 1 : 0);
		snprintf(q, sizeof q, "SELECT count(*) FROM audit WHERE tbl = 'exemption' AND row_id = %lld AND "
				      "origin LIKE 'pack %%'", (long long)e.id);
		assert_int_equal(raw_long(server, q), 1); /* the deletion, or the note that it was not kept */
	}
	for (int prefer = PACK_KEEP_SERVER; prefer <= PACK_KEEP_PACK; prefer++) {
		struct db *srv;
		struct exemption e;
		fresh(&srv, &e);
		struct db *p = open_path(pack);
		struct exemption pe = e;
		strcpy(pe.end_date, "2027-01-31");
		MUST(db_exemption_update(p, &pe, msg));
		db_close(p);
		MUST(db_exemption_delete(srv, e.id, e.rev, msg));
		struct pack_merge m;
		MUST(db_pack_merge(srv, pack, 0, prefer, NULL, 0, &m, msg));
		assert_int_equal(m.nconflicts, 1);
		assert_int_equal(m.conflicts[0].kind, PACK_DELETED_ON_SERVER);
		assert_true(m.written);
		db_pack_merge_free(&m);
		db_close(srv);
		char q[200];
		snprintf(q, sizeof q, "SELECT count(*) FROM exemption WHERE id = %lld AND end_date = '2027-01-31'",
			(long long)e.id);
		assert_int_equal(raw_long(server, q), prefer == PACK_KEEP_PACK ? 1 : 0);
		snprintf(q, sizeof q, "SELECT count(*) FROM audit WHERE tbl = 'exemption' AND row_id = %lld AND "
				      "origin LIKE 'pack %%' AND json_extract(coalesce(before, after), '$.end_date') = '2027-01-31'",
			(long long)e.id);
		assert_int_equal(raw_long(server, q), 1); /* made again, or kept in the audit log */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_and_seal),
		cmocka_unit_test(test_deleted_on_one_side),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
