/* test_reason.c: an exchange's note and the reason of a rejection or cancellation.
 * exchange_note_add's rules (trimmed, a line of its own, one line, no control characters,
 * the note's size); exchange_validate checking the note with the multi-line rules; the
 * database storing the reason with the status in one write, refusing it for other actions,
 * writing nothing when refused, and keeping the note through updates and the audit log. */
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
#include "db/db.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/io.h"

static char dir[] = "/tmp/xuequ-reason.XXXXXX";
static char path[256];

/* core */

static void test_note_add(void **state)
{
	(void)state;
	struct exchange e;
	char msg[XQ_MSG_MAX];
	exchange_init(&e);
	assert_int_equal(exchange_note_add(&e, NULL, msg), XQ_OK);
	assert_string_equal(e.note, "");
	assert_int_equal(exchange_note_add(&e, "  \t ", msg), XQ_OK);
	assert_string_equal(e.note, "");
	assert_int_equal(exchange_note_add(&e, "  名额已满 ", msg), XQ_OK);
	assert_string_equal(e.note, "名额已满");
	assert_int_equal(exchange_note_add(&e, "明年再议", msg), XQ_OK);
	assert_string_equal(e.note, "名额已满\n明年再议");
	/* a note ending in a line break takes the reason on the next line, no blank line */
	xq_copy(e.note, sizeof e.note, "第一行\n");
	assert_int_equal(exchange_note_add(&e, "理由", msg), XQ_OK);
	assert_string_equal(e.note, "第一行\n理由");
}

static void test_note_add_refused(void **state)
{
	(void)state;
	struct exchange e;
	char msg[XQ_MSG_MAX] = "";
	exchange_init(&e);
	xq_copy(e.note, sizeof e.note, "kept");
	assert_int_equal(exchange_note_add(&e, "bad\033[31m", msg), XQ_ERR);
	assert_non_null(strstr(msg, "U+001B"));
	assert_string_equal(e.note, "kept");
	assert_int_equal(exchange_note_add(&e, "two\nlines", msg), XQ_ERR);
	assert_int_equal(exchange_note_add(&e, "bidi\xe2\x80\xae", msg), XQ_ERR);
	assert_non_null(strstr(msg, "U+202E"));
	assert_string_equal(e.note, "kept");
	/* the note and the reason fill the buffer but one byte: refused; one less: taken */
	memset(e.note, 'a', TEXT_LEN - 4);
	e.note[TEXT_LEN - 4] = '\0';
	assert_int_equal(exchange_note_add(&e, "bcd", msg), XQ_ERR);
	assert_int_equal(strlen(e.note), TEXT_LEN - 4);
	assert_int_equal(exchange_note_add(&e, "bc", msg), XQ_OK);
	assert_int_equal(strlen(e.note), TEXT_LEN - 1);
	assert_string_equal(e.note + TEXT_LEN - 4, "\nbc");
	/* a reason longer than a note can be */
	char *huge = malloc(TEXT_LEN + 10);
	memset(huge, 'x', TEXT_LEN + 9);
	huge[TEXT_LEN + 9] = '\0';
	exchange_init(&e);
	assert_int_equal(exchange_note_add(&e, huge, msg), XQ_ERR);
	assert_string_equal(e.note, "");
	free(huge);
}

static void test_validate_note(void **state)
{
	(void)state;
	struct exchange e;
	struct exchange_policy p;
	char msg[XQ_MSG_MAX] = "";
	exchange_policy_defaults(&p);
	exchange_init(&e);
	e.teacher_id = 1;
	e.from_school_id = 1;
	e.to_school_id = 2;
	xq_copy(e.year, sizeof e.year, "2026-2027");
	xq_copy(e.start_date, sizeof e.start_date, "2026-09-01");
	xq_copy(e.end_date, sizeof e.end_date, "2027-08-31");
	p.allow_cross_district = true;
	xq_copy(e.note, sizeof e.note, "第一行\n\t第二行");
	assert_null(exchange_validate(&e, NULL, 1, 1, &p, msg));
	xq_copy(e.note, sizeof e.note, "a\rb");
	assert_string_equal(exchange_validate(&e, NULL, 1, 1, &p, msg), "note");
	assert_non_null(strstr(msg, "U+000D"));
	xq_copy(e.note, sizeof e.note, "a\x7f");
	assert_string_equal(exchange_validate(&e, NULL, 1, 1, &p, msg), "note");
}

/* the database */

static struct db *fresh(const char *name)
{
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (db_open(path, DB_CREATE, 1000, &db, msg) != XQ_OK)
		fail_msg("open: %s", msg);
	static const char *const files[][2] = {
		{"schools", "code,name,level,location\n4500000001,甲小学,primary,urban\n"
			    "4500000002,乙小学,primary,rural\n"},
		{"teachers", "staff_no,name,gender,school_code,education,joined_school_on\n"
			     "R1,甲,F,4500000001,bachelor,2010-09-01\n"},
		{"districts", "name,form,lead_school_code\n甲学区,pairing,4500000001\n"},
		{"members", "district_name,school_code,role,from_date\n甲学区,4500000001,lead,2020-01-01\n"
			    "甲学区,4500000002,member,2020-01-01\n"},
	};
	for (size_t i = 0; i < XQ_NELEM(files); i++) {
		struct io_report rep;
		if (db_import(db, files[i][0], files[i][1], strlen(files[i][1]), false, &rep) != XQ_OK)
			fail_msg("import %s: %s", files[i][0], rep.nerrors ? rep.errors[0].msg : "?");
		io_report_free(&rep);
	}
	return db;
}

static int64_t propose(struct db *db, const char *start, const char *note)
{
	struct exchange e;
	char msg[XQ_MSG_MAX];
	exchange_init(&e);
	e.teacher_id = 1;
	e.from_school_id = 1;
	e.to_school_id = 2;
	xq_copy(e.start_date, sizeof e.start_date, start);
	xq_copy(e.note, sizeof e.note, note);
	if (db_exchange_insert(db, &e, db_exchange_policy(db), msg) != XQ_OK)
		fail_msg("propose: %s", msg);
	return e.id;
}

static long audit_count(struct db *db)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db->h, "SELECT count(*) FROM audit WHERE tbl = 'exchange'", -1,
		&st, NULL);
	sqlite3_step(st);
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_db_reject_reason(void **state)
{
	(void)state;
	struct db *db = fresh("reject.db");
	char msg[XQ_MSG_MAX] = "";
	struct exchange e;
	int64_t a = propose(db, "2026-09-01", "第一行\n第二行");
	assert_int_equal(db_exchange_get(db, a, &e), XQ_OK);
	assert_string_equal(e.note, "第一行\n第二行");
	/* refused: nothing written, not even the status */
	long audits = audit_count(db);
	assert_int_equal(db_exchange_act_reason(db, a, 0, "reject", -1, "x\001y", msg), XQ_ERR);
	assert_int_equal(db_exchange_act_reason(db, a, 0, "approve", -1, "why", msg), XQ_ERR);
	assert_non_null(strstr(msg, "reason"));
	assert_int_equal(db_exchange_get(db, a, &e), XQ_OK);
	assert_int_equal(e.status, EXS_PROPOSED);
	assert_int_equal(e.rev, 1);
	assert_int_equal(audit_count(db), audits);
	/* a stale revision is refused before the note is touched */
	assert_int_not_equal(db_exchange_act_reason(db, a, 7, "reject", -1, "名额已满", msg), XQ_OK);
	assert_int_equal(db_exchange_act_reason(db, a, 1, "reject", -1, "名额已满", msg), XQ_OK);
	assert_int_equal(db_exchange_get(db, a, &e), XQ_OK);
	assert_int_equal(e.status, EXS_REJECTED);
	assert_string_equal(e.note, "第一行\n第二行\n名额已满");
	assert_int_equal(e.rev, 2);
	/* one audit record holds the status and the note, before and after */
	assert_int_equal(audit_count(db), audits + 1);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db->h,
		"SELECT json_extract(before, '$.note'), json_extract(after, '$.note'), "
		"json_extract(after, '$.status') FROM audit WHERE tbl = 'exchange' ORDER BY id DESC "
		"LIMIT 1", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "第一行\n第二行");
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "第一行\n第二行\n名额已满");
	assert_string_equal((const char *)sqlite3_column_text(st, 2), "rejected");
	sqlite3_finalize(st);
	db_close(db);
}

static void test_db_cancel_and_update(void **state)
{
	(void)state;
	struct db *db = fresh("cancel.db");
	char msg[XQ_MSG_MAX] = "";
	struct exchange e;
	int64_t a = propose(db, "2026-09-01", "");
	assert_int_equal(db_exchange_act(db, a, 0, "approve", -1, msg), XQ_OK);
	assert_int_equal(db_exchange_get(db, a, &e), XQ_OK);
	assert_string_equal(e.note, "");
	/* the note is edited with the rest of the exchange */
	xq_copy(e.note, sizeof e.note, "改过的备注");
	assert_int_equal(db_exchange_update(db, &e, db_exchange_policy(db), msg), XQ_OK);
	assert_int_equal(db_exchange_act_reason(db, a, 0, "cancel", -1, "本人申请", msg), XQ_OK);
	assert_int_equal(db_exchange_get(db, a, &e), XQ_OK);
	assert_int_equal(e.status, EXS_CANCELLED);
	assert_string_equal(e.note, "改过的备注\n本人申请");
	/* an update with a bad note is refused by the rules */
	int64_t b = propose(db, "2027-09-01", "");
	assert_int_equal(db_exchange_get(db, b, &e), XQ_OK);
	xq_copy(e.note, sizeof e.note, "a\033b");
	assert_int_equal(db_exchange_update(db, &e, db_exchange_policy(db), msg), XQ_ERR);
	assert_int_equal(db_exchange_get(db, b, &e), XQ_OK);
	assert_string_equal(e.note, "");
	/* the schema's own check: a note of 1024 bytes or more is refused */
	char sql[3000];
	char *big = malloc(TEXT_LEN + 1);
	memset(big, 'z', TEXT_LEN);
	big[TEXT_LEN] = '\0';
	snprintf(sql, sizeof sql, "UPDATE exchange SET note = '%s' WHERE id = %lld", big, (long long)b);
	assert_int_not_equal(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
	big[TEXT_LEN - 1] = '\0';
	snprintf(sql, sizeof sql, "UPDATE exchange SET note = '%s' WHERE id = %lld", big, (long long)b);
	assert_int_equal(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(big);
	db_close(db);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_note_add),
		cmocka_unit_test(test_note_add_refused),
		cmocka_unit_test(test_validate_note),
		cmocka_unit_test(test_db_reject_reason),
		cmocka_unit_test(test_db_cancel_and_update),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
