/* district.c: districts, memberships (a school in at most one district at a time), and
 * agreements between schools (their activities are db/activity.c). */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "db/district.h"
#include "db/internal.h"
#include "db/school.h"

#define DISTRICT_COLS "d.id, d.rev, d.name, d.form, d.lead_school_id, ls.code, d.established_on, d.note"
/* A district's counts: its schools now, their students, teachers and backbone teachers. */
#define K_MEMBERS "(SELECT count(*) FROM member m WHERE m.district_id = d.id AND m.to_date IS NULL)"
#define K_STUDENTS                                                                           \
	"(SELECT coalesce(sum(s.students), 0) FROM member m JOIN school s ON s.id = m.school_id " \
	" WHERE m.district_id = d.id AND m.to_date IS NULL)"
#define K_TEACHERS                                                                           \
	"(SELECT count(*) FROM member m JOIN teacher t ON t.school_id = m.school_id "          \
	" WHERE m.district_id = d.id AND m.to_date IS NULL)"
#define DROW_COLS                                                                            \
	DISTRICT_COLS ", ls.name, " K_MEMBERS " AS k_members, " K_STUDENTS " AS k_students, "     \
		      K_TEACHERS " AS k_teachers, "                                           \
		      "(SELECT count(*) FROM member m JOIN teacher t ON t.school_id = m.school_id " \
		      " WHERE m.district_id = d.id AND m.to_date IS NULL AND t.backbone_level <> 'none') AS backbone"
#define DFROM                                                                                \
	" FROM district d LEFT JOIN school ls ON ls.id = d.lead_school_id "                     \
	"WHERE (?1 IS NULL OR d.name LIKE ?1 ESCAPE '\\' OR xq_py(d.name, ?1) OR EXISTS (SELECT 1 FROM member m " \
	"JOIN school s ON s.id = m.school_id WHERE m.district_id = d.id AND m.to_date IS NULL " \
	"AND (s.name LIKE ?1 ESCAPE '\\' OR s.short_name LIKE ?1 ESCAPE '\\' OR xq_py(s.name, ?1)))) "             \
	"AND (?2 IS NULL OR d.form = ?2)"
/* The sort keys, named apart from the lead school's columns (ls.students is not the
 * district's), and the one count a sort by it needs: a page's rows are chosen by their
 * keys, and only they are counted in full. */
#define DKEY_COLS(key) "d.id AS k_id, d.name AS k_name, d.form AS k_form" key
#define DKEYS(key) "SELECT " DKEY_COLS(key) DFROM
#define DPAGE(ord, key)                                                                      \
	"SELECT " DROW_COLS " FROM (" DKEYS(key) " ORDER BY " ord ", k_id LIMIT ?3 OFFSET ?4) p " \
	"JOIN district d ON d.id = p.k_id LEFT JOIN school ls ON ls.id = d.lead_school_id "     \
	"ORDER BY " ord ", p.k_id"
#define DPOS(ord, key)                                                                       \
	"SELECT rn FROM (SELECT k_id, row_number() OVER (ORDER BY " ord ", k_id) - 1 AS rn FROM " \
	"(" DKEYS(key) ")) WHERE k_id = ?3"
#define DSORTS(X)                                                                            \
	{X("k_name COLLATE pinyin", ""), X("k_name COLLATE pinyin DESC", "")},                   \
		{X("k_form, k_name COLLATE pinyin", ""), X("k_form DESC, k_name COLLATE pinyin", "")}, \
		{X("k_members", ", " K_MEMBERS " AS k_members"), X("k_members DESC", ", " K_MEMBERS " AS k_members")}, \
		{X("k_students", ", " K_STUDENTS " AS k_students"),                            \
			X("k_students DESC", ", " K_STUDENTS " AS k_students")},                \
	{                                                                                         \
		X("k_teachers", ", " K_TEACHERS " AS k_teachers"),                             \
			X("k_teachers DESC", ", " K_TEACHERS " AS k_teachers")                  \
	}

/* The next row in the list's order, from ?3 on (or back, when ?5), whose text matches ?4. */
#define DNEXT(ord, key)                                                                      \
	"SELECT rn, k_id FROM (SELECT k_id, hit, row_number() OVER (ORDER BY " ord ", k_id) - 1 " \
	"AS rn FROM (SELECT " DKEY_COLS(key) ", (d.name LIKE ?4 ESCAPE '\\' OR "      \
	"xq_py(d.name, ?4) OR EXISTS (SELECT 1 FROM member m JOIN school s ON s.id = m.school_id " \
	"WHERE m.district_id = d.id AND m.to_date IS NULL AND (s.name LIKE ?4 ESCAPE '\\' OR "   \
	"s.short_name LIKE ?4 ESCAPE '\\' OR xq_py(s.name, ?4))) AS hit" DFROM ")) WHERE hit AND CASE WHEN ?5 THEN " \
	"rn <= ?3 ELSE rn >= ?3 END ORDER BY CASE WHEN ?5 THEN -rn ELSE rn END LIMIT 1"

static const char *const dpage_sql[DISTRICT_SORT_COUNT][2] = {DSORTS(DPAGE)};
static const char *const dpos_sql[DISTRICT_SORT_COUNT][2] = {DSORTS(DPOS)};
static const char *const dnext_sql[DISTRICT_SORT_COUNT][2] = {DSORTS(DNEXT)};

void district_query_init(struct district_query *q)
{
	memset(q, 0, sizeof *q);
	q->form = -1;
}

static void read_district(sqlite3_stmt *st, struct district *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, d->name, sizeof d->name);
	d->form = col_enum(st, 3, form_items);
	d->lead_school_id = sqlite3_column_int64(st, 4);
	col_text(st, 5, d->lead_school_code, sizeof d->lead_school_code);
	col_text(st, 6, d->established_on, sizeof d->established_on);
	col_text(st, 7, d->note, sizeof d->note);
}

static void read_drow(sqlite3_stmt *st, struct district_row *r)
{
	read_district(st, &r->d);
	col_text(st, 8, r->lead_name, sizeof r->lead_name);
	r->members = (long)sqlite3_column_int64(st, 9);
	r->students = (long)sqlite3_column_int64(st, 10);
	r->teachers = (long)sqlite3_column_int64(st, 11);
	r->backbone = (long)sqlite3_column_int64(st, 12);
}

static int step_status(int rc)
{
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_district_get(struct db *db, int64_t id, struct district *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " DISTRICT_COLS " FROM district d LEFT JOIN school ls "
					"ON ls.id = d.lead_school_id WHERE d.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_district(st, out);
	db_done(st);
	return step_status(rc);
}

int db_district_by_name(struct db *db, const char *name, struct district *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " DISTRICT_COLS " FROM district d LEFT JOIN school ls "
					"ON ls.id = d.lead_school_id WHERE d.name = ?", NULL);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_district(st, out);
	db_done(st);
	return step_status(rc);
}

int db_district_row(struct db *db, int64_t id, struct district_row *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " DROW_COLS " FROM district d LEFT JOIN school ls "
					"ON ls.id = d.lead_school_id WHERE d.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_drow(st, out);
	db_done(st);
	return step_status(rc);
}

static void bind_dquery(sqlite3_stmt *st, const struct district_query *q)
{
	bind_like(st, 1, q->search);
	if (q->form >= 0)
		bind_text(st, 2, enum_key(form_items, q->form));
}

static int dsort(const struct district_query *q)
{
	return q->sort >= 0 && q->sort < DISTRICT_SORT_COUNT ? q->sort : 0;
}

static void read_drow_any(sqlite3_stmt *st, void *row)
{
	read_drow(st, row);
}

static void bind_any(sqlite3_stmt *st, const void *q)
{
	bind_dquery(st, q);
}

long db_district_count(struct db *db, const struct district_query *q)
{
	return db_paged_count(db, "SELECT count(*)" DFROM, bind_any, q);
}

int db_district_page(struct db *db, const struct district_query *q, long offset, int limit,
	struct district_row *rows)
{
	return db_paged_rows(db, dpage_sql[dsort(q)][q->desc], bind_any, q, 3, offset, limit, rows,
		sizeof *rows, read_drow_any);
}

long db_district_position(struct db *db, const struct district_query *q, int64_t id)
{
	return db_paged_position(db, dpos_sql[dsort(q)][q->desc], bind_any, q, 3, id);
}

long db_district_next_match(struct db *db, const struct district_query *q, const char *text,
	long from, int dir, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, dnext_sql[dsort(q)][q->desc], NULL);
	if (!st)
		return -1;
	bind_dquery(st, q);
	sqlite3_bind_int64(st, 3, from);
	bind_like(st, 4, text);
	sqlite3_bind_int(st, 5, dir < 0);
	return db_numbered_row(st, id);
}

static int check_district(struct db *db, const struct district *d, char *msg)
{
	if (district_validate(d, msg))
		return XQ_ERR;
	struct district other;
	if (db_district_by_name(db, d->name, &other) == XQ_OK && other.id != d->id) {
		xq_msg(msg, _("a district called %s exists already"), d->name);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_district_insert(struct db *db, struct district *d, char *msg)
{
	d->id = 0;
	if (db_require_write(db, 0, 0, msg) != XQ_OK || check_district(db, d, msg) != XQ_OK)
		return XQ_ERR;
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO district (id, name, form, lead_school_id, "
					"established_on, note) VALUES (" DB_NEW_ID("district") ", ?, ?, NULL, ?, ?)", msg);
	if (!st)
		goto fail;
	bind_text(st, 1, d->name);
	bind_text(st, 2, enum_key(form_items, d->form));
	bind_text_null(st, 3, d->established_on);
	bind_text_null(st, 4, d->note);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		goto fail;
	d->id = sqlite3_last_insert_rowid(db->h);
	d->rev = 1;
	if (d->lead_school_id > 0) {
		struct member m = {0};
		m.district_id = d->id;
		m.school_id = d->lead_school_id;
		m.role = ROLE_LEAD;
		xq_copy(m.from_date, sizeof m.from_date, d->established_on);
		if (db_member_add(db, &m, msg) != XQ_OK)
			goto fail;
		d->rev++; /* db_member_add set the lead, bumping rev */
	}
	return db_commit(db, msg);
fail:
	db_rollback(db);
	d->id = 0;
	return XQ_ERR;
}

int db_district_update(struct db *db, struct district *d, char *msg)
{
	if (db_require_write(db, 0, d->id, msg) != XQ_OK || check_district(db, d, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE district SET name = ?, form = ?, established_on = ?, "
					"note = ?, rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, d->name);
	bind_text(st, 2, enum_key(form_items, d->form));
	bind_text_null(st, 3, d->established_on);
	bind_text_null(st, 4, d->note);
	sqlite3_bind_int64(st, 5, d->id);
	sqlite3_bind_int64(st, 6, d->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "district", d->id, msg);
	d->rev++;
	return XQ_OK;
}

int db_district_delete(struct db *db, int64_t id, int64_t rev, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK)
		return XQ_ERR;
	return db_delete_row(db, "DELETE FROM district WHERE id = ?1 AND rev = ?2", "district", id, rev, msg);
}

/* Members */

#define MEMBER_COLS "m.id, m.rev, m.district_id, m.school_id, d.name, s.code, m.role, m.from_date, m.to_date"

static void read_member(sqlite3_stmt *st, struct member *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->rev = sqlite3_column_int64(st, 1);
	m->district_id = sqlite3_column_int64(st, 2);
	m->school_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, m->district_name, sizeof m->district_name);
	col_text(st, 5, m->school_code, sizeof m->school_code);
	m->role = col_enum(st, 6, role_items);
	col_text(st, 7, m->from_date, sizeof m->from_date);
	col_text(st, 8, m->to_date, sizeof m->to_date);
}

static int member_get(struct db *db, int64_t id, struct member *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " MEMBER_COLS " FROM member m JOIN district d ON "
					"d.id = m.district_id JOIN school s ON s.id = m.school_id "
					"WHERE m.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_member(st, out);
	db_done(st);
	return step_status(rc);
}

int db_member_current(struct db *db, int64_t school_id, struct member *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " MEMBER_COLS " FROM member m JOIN district d ON "
					"d.id = m.district_id JOIN school s ON s.id = m.school_id "
					"WHERE m.school_id = ? AND m.to_date IS NULL", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_member(st, out);
	db_done(st);
	return step_status(rc);
}

int db_member_find(struct db *db, int64_t district_id, int64_t school_id, const char *from_date,
	struct member *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " MEMBER_COLS " FROM member m JOIN district d ON "
					"d.id = m.district_id JOIN school s ON s.id = m.school_id "
					"WHERE m.district_id = ? AND m.school_id = ? AND m.from_date = ?",
		NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, district_id);
	sqlite3_bind_int64(st, 2, school_id);
	bind_text(st, 3, from_date);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_member(st, out);
	db_done(st);
	return step_status(rc);
}

/* The membership of school_id that overlaps [from, to], other than self. */
static int member_overlap(struct db *db, int64_t school_id, const char *from, const char *to,
	int64_t self, struct member *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " MEMBER_COLS " FROM member m JOIN district d ON "
					"d.id = m.district_id JOIN school s ON s.id = m.school_id "
					"WHERE m.school_id = ?1 AND m.id <> ?4 "
					"AND m.from_date < coalesce(?3, '9999-12-31') "
					"AND coalesce(m.to_date, '9999-12-31') > ?2 LIMIT 1", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, school_id);
	bind_text(st, 2, from);
	bind_text_null(st, 3, to);
	sqlite3_bind_int64(st, 4, self);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_member(st, out);
	db_done(st);
	return step_status(rc);
}

static int set_lead_row(struct db *db, int64_t district_id, int64_t school_id, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE district SET lead_school_id = ?, rev = rev + 1 "
					"WHERE id = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_id_null(st, 1, school_id);
	sqlite3_bind_int64(st, 2, district_id);
	return db_exec_stmt(db, st, msg);
}

int db_district_update_lead(struct db *db, struct district *d, char *msg)
{
	struct district cur;
	if (db_district_get(db, d->id, &cur) != XQ_OK) {
		xq_msg(msg, "%s", _("no such district"));
		return XQ_NOTFOUND;
	}
	if (cur.lead_school_id == d->lead_school_id)
		return XQ_OK;
	if (db_require_write(db, 0, d->id, msg) != XQ_OK || set_lead_row(db, d->id, d->lead_school_id, msg) != XQ_OK)
		return XQ_ERR;
	d->rev = cur.rev + 1;
	return XQ_OK;
}

int db_member_add(struct db *db, struct member *m, char *msg)
{
	if (!*m->from_date)
		date_today(m->from_date);
	if (member_validate(m, msg))
		return XQ_ERR;
	if (db_require_write(db, m->school_id, m->district_id, msg) != XQ_OK)
		return XQ_ERR;
	struct school s;
	if (db_school_get(db, m->school_id, &s) != XQ_OK) {
		xq_msg(msg, "%s", _("no such school"));
		return XQ_ERR;
	}
	struct member other;
	if (member_overlap(db, m->school_id, m->from_date, m->to_date, 0, &other) == XQ_OK) {
		if (other.district_id == m->district_id)
			xq_msg(msg, _("%s is already a member of this district (since %s)"), s.name,
				other.from_date);
		else
			xq_msg(msg, _("%s is in another district, %s (since %s); a school is in at most "
				      "one district at a time — end that membership first"),
				s.name, other.district_name, other.from_date);
		return XQ_ERR;
	}
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO member (id, district_id, school_id, role, from_date, "
					"to_date) VALUES (" DB_NEW_ID("member") ", ?, ?, ?, ?, ?)", msg);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, m->district_id);
	sqlite3_bind_int64(st, 2, m->school_id);
	/* the lead role is set below, after the old lead steps down */
	bind_text(st, 3, "member");
	bind_text(st, 4, m->from_date);
	bind_text_null(st, 5, m->to_date);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		goto fail;
	m->id = sqlite3_last_insert_rowid(db->h);
	m->rev = 1;
	xq_copy(m->school_code, sizeof m->school_code, s.code);
	if (m->role == ROLE_LEAD && !*m->to_date) {
		if (db_district_set_lead(db, m->district_id, m->school_id, msg) != XQ_OK)
			goto fail;
		m->rev++;
	} else if (m->role == ROLE_LEAD) {
		/* a past lead (history from an import) */
		st = db_stmt(db, "UPDATE member SET role = 'lead', rev = rev + 1 WHERE id = ?", msg);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, m->id);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			goto fail;
		m->rev++;
	}
	return db_commit(db, msg);
fail:
	db_rollback(db);
	return XQ_ERR;
}

int db_member_update(struct db *db, struct member *m, char *msg)
{
	if (member_validate(m, msg))
		return XQ_ERR;
	if (db_require_write(db, m->school_id, m->district_id, msg) != XQ_OK)
		return XQ_ERR;
	struct member other;
	if (member_overlap(db, m->school_id, m->from_date, m->to_date, m->id, &other) == XQ_OK) {
		xq_msg(msg, _("the school is in %s from %s then; a school is in at most one district "
			      "at a time"), other.district_name, other.from_date);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE member SET role = ?, from_date = ?, to_date = ?, "
					"rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, enum_key(role_items, m->role));
	bind_text(st, 2, m->from_date);
	bind_text_null(st, 3, m->to_date);
	sqlite3_bind_int64(st, 4, m->id);
	sqlite3_bind_int64(st, 5, m->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "member", m->id, msg);
	m->rev++;
	/* the district's lead school follows its current lead member */
	struct district d;
	if (db_district_get(db, m->district_id, &d) != XQ_OK)
		return XQ_OK;
	bool current = !*m->to_date;
	if (m->role == ROLE_LEAD && current && d.lead_school_id != m->school_id)
		return db_district_set_lead(db, m->district_id, m->school_id, msg);
	if ((m->role != ROLE_LEAD || !current) && d.lead_school_id == m->school_id)
		return set_lead_row(db, m->district_id, 0, msg);
	return XQ_OK;
}

int db_member_end(struct db *db, int64_t member_id, int64_t rev, const char *to_date, char *msg)
{
	struct member m;
	if (member_get(db, member_id, &m) != XQ_OK) {
		xq_msg(msg, "%s", _("no such membership"));
		return XQ_NOTFOUND;
	}
	if (m.rev != rev)
		return db_stale_or_missing(db, "member", member_id, msg);
	if (db_require_write(db, m.school_id, m.district_id, msg) != XQ_OK)
		return XQ_ERR;
	char day[DATE_LEN];
	if (to_date && *to_date)
		xq_copy(day, sizeof day, to_date);
	else
		date_today(day);
	if (!date_valid(day)) {
		xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), day);
		return XQ_ERR;
	}
	if (strcmp(day, m.from_date) < 0) {
		xq_msg(msg, _("the membership started on %s, after %s"), m.from_date, day);
		return XQ_ERR;
	}
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st;
	if (strcmp(day, m.from_date) == 0) /* added by mistake today: remove it */
		st = db_stmt(db, "DELETE FROM member WHERE id = ?1 AND rev = ?2", msg);
	else
		st = db_stmt(db, "UPDATE member SET to_date = ?3, rev = rev + 1 WHERE id = ?1 AND rev = ?2",
			msg);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int64(st, 2, rev);
	if (strcmp(day, m.from_date) != 0)
		bind_text(st, 3, day);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		goto fail;
	if (db_changes(db) == 0) {
		int rc = db_stale_or_missing(db, "member", member_id, msg);
		db_rollback(db);
		return rc;
	}
	struct district d;
	if (db_district_get(db, m.district_id, &d) == XQ_OK && d.lead_school_id == m.school_id &&
	    set_lead_row(db, m.district_id, 0, msg) != XQ_OK)
		goto fail;
	return db_commit(db, msg);
fail:
	db_rollback(db);
	return XQ_ERR;
}

int db_district_set_lead(struct db *db, int64_t district_id, int64_t school_id, char *msg)
{
	if (db_require_write(db, school_id, district_id, msg) != XQ_OK)
		return XQ_ERR;
	struct member cur;
	if (db_member_current(db, school_id, &cur) != XQ_OK || cur.district_id != district_id) {
		xq_msg(msg, "%s", _("the lead school must be a current member of the district"));
		return XQ_ERR;
	}
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE member SET role = CASE WHEN school_id = ?2 THEN 'lead' "
					"ELSE 'member' END, rev = rev + 1 WHERE district_id = ?1 AND "
					"to_date IS NULL AND (role = 'lead' OR school_id = ?2) AND "
					"role <> CASE WHEN school_id = ?2 THEN 'lead' ELSE 'member' END",
		msg);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, district_id);
	sqlite3_bind_int64(st, 2, school_id);
	if (db_exec_stmt(db, st, msg) != XQ_OK || set_lead_row(db, district_id, school_id, msg) != XQ_OK)
		goto fail;
	return db_commit(db, msg);
fail:
	db_rollback(db);
	return XQ_ERR;
}

int db_member_list(struct db *db, int64_t district_id, bool current_only, struct member_row **rows,
	int *n)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " MEMBER_COLS ", s.name, s.level, s.location, s.students, "
		"(SELECT count(*) FROM teacher t WHERE t.school_id = s.id), "
		"(SELECT count(*) FROM teacher t WHERE t.school_id = s.id AND t.backbone_level <> 'none') "
		"FROM member m JOIN district d ON d.id = m.district_id JOIN school s ON s.id = m.school_id "
		"WHERE m.district_id = ?1 AND (?2 = 0 OR m.to_date IS NULL) "
		"ORDER BY m.to_date IS NOT NULL, m.role = 'member', s.name COLLATE pinyin, m.from_date", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, district_id);
	sqlite3_bind_int(st, 2, current_only);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		struct member_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		read_member(st, &r->m);
		col_text(st, 9, r->school_name, sizeof r->school_name);
		r->level = col_enum(st, 10, level_items);
		r->location = col_enum(st, 11, location_items);
		r->students = col_long_null(st, 12);
		r->teachers = (long)sqlite3_column_int64(st, 13);
		r->backbone = (long)sqlite3_column_int64(st, 14);
	}
	db_done(st);
	return XQ_OK;
}

/* Agreements */

#define AGREEMENT_COLS                                                                       \
	"a.id, a.rev, a.supporting_id, a.supported_id, sa.code, sb.code, a.start_date, a.end_date, a.goals"
#define AGREEMENT_FROM                                                                       \
	" FROM agreement a JOIN school sa ON sa.id = a.supporting_id JOIN school sb ON sb.id = a.supported_id"

static void read_agreement(sqlite3_stmt *st, struct agreement *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->rev = sqlite3_column_int64(st, 1);
	a->supporting_id = sqlite3_column_int64(st, 2);
	a->supported_id = sqlite3_column_int64(st, 3);
	col_text(st, 4, a->supporting_code, sizeof a->supporting_code);
	col_text(st, 5, a->supported_code, sizeof a->supported_code);
	col_text(st, 6, a->start_date, sizeof a->start_date);
	col_text(st, 7, a->end_date, sizeof a->end_date);
	col_text(st, 8, a->goals, sizeof a->goals);
}

int db_agreement_get(struct db *db, int64_t id, struct agreement *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " AGREEMENT_COLS AGREEMENT_FROM " WHERE a.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_agreement(st, out);
	db_done(st);
	return step_status(rc);
}

int db_agreement_find(struct db *db, int64_t supporting_id, int64_t supported_id,
	const char *start_date, struct agreement *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " AGREEMENT_COLS AGREEMENT_FROM " WHERE a.supporting_id = ? "
					"AND a.supported_id = ? AND a.start_date = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, supporting_id);
	sqlite3_bind_int64(st, 2, supported_id);
	bind_text(st, 3, start_date);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_agreement(st, out);
	db_done(st);
	return step_status(rc);
}

static int check_agreement(struct db *db, const struct agreement *a, char *msg)
{
	if (agreement_validate(a, msg))
		return XQ_ERR;
	struct school s;
	if (db_school_get(db, a->supporting_id, &s) != XQ_OK ||
	    db_school_get(db, a->supported_id, &s) != XQ_OK) {
		xq_msg(msg, "%s", _("both schools of an agreement must exist"));
		return XQ_ERR;
	}
	struct agreement other;
	if (db_agreement_find(db, a->supporting_id, a->supported_id, a->start_date, &other) == XQ_OK &&
	    other.id != a->id) {
		xq_msg(msg, _("an agreement between these schools starting %s exists already"), a->start_date);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_agreement_insert(struct db *db, struct agreement *a, char *msg)
{
	if (db_require_write(db, a->supported_id, 0, msg) != XQ_OK || check_agreement(db, a, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO agreement (id, supporting_id, supported_id, start_date, "
					"end_date, goals) VALUES (" DB_NEW_ID("agreement") ", ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, a->supporting_id);
	sqlite3_bind_int64(st, 2, a->supported_id);
	bind_text(st, 3, a->start_date);
	bind_text_null(st, 4, a->end_date);
	bind_text_null(st, 5, a->goals);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	a->id = sqlite3_last_insert_rowid(db->h);
	a->rev = 1;
	return XQ_OK;
}

/* Refuses a term that would leave one of the agreement's activities outside it. */
static int check_activities_within(struct db *db, const struct agreement *a, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT min(date), max(date) FROM activity WHERE agreement_id = ? "
					"AND (date < ? OR (? IS NOT NULL AND date > ?))", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, a->id);
	bind_text(st, 2, a->start_date);
	bind_text_null(st, 3, a->end_date);
	bind_text_null(st, 4, a->end_date);
	int rc = XQ_OK;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		char first[DATE_LEN], last[DATE_LEN];
		col_text(st, 0, first, sizeof first);
		col_text(st, 1, last, sizeof last);
		xq_msg(msg, _("activities dated %s to %s would fall outside the agreement's new term"), first,
			last);
		rc = XQ_ERR;
	}
	db_done(st);
	return rc;
}

int db_agreement_update(struct db *db, struct agreement *a, char *msg)
{
	if (db_require_write(db, a->supported_id, 0, msg) != XQ_OK || check_agreement(db, a, msg) != XQ_OK ||
	    check_activities_within(db, a, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE agreement SET supporting_id = ?, supported_id = ?, "
					"start_date = ?, end_date = ?, goals = ?, rev = rev + 1 "
					"WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, a->supporting_id);
	sqlite3_bind_int64(st, 2, a->supported_id);
	bind_text(st, 3, a->start_date);
	bind_text_null(st, 4, a->end_date);
	bind_text_null(st, 5, a->goals);
	sqlite3_bind_int64(st, 6, a->id);
	sqlite3_bind_int64(st, 7, a->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "agreement", a->id, msg);
	a->rev++;
	return XQ_OK;
}

int db_agreement_delete(struct db *db, int64_t id, int64_t rev, char *msg)
{
	struct agreement a;
	if (db_agreement_get(db, id, &a) == XQ_OK &&
	    db_require_write(db, a.supported_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	return db_delete_row(db, "DELETE FROM agreement WHERE id = ?1 AND rev = ?2", "agreement", id, rev, msg);
}

int db_agreement_list(struct db *db, int64_t district_id, struct agreement_row **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " AGREEMENT_COLS ", sa.name, sb.name, "
		"(SELECT count(*) FROM activity x WHERE x.agreement_id = a.id)" AGREEMENT_FROM
		" WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM member m WHERE m.district_id = ?1 AND "
		"m.to_date IS NULL AND m.school_id IN (a.supporting_id, a.supported_id)) "
		"ORDER BY sa.name COLLATE pinyin, sb.name COLLATE pinyin, a.start_date", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, district_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		struct agreement_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		read_agreement(st, &r->a);
		col_text(st, 9, r->supporting_name, sizeof r->supporting_name);
		col_text(st, 10, r->supported_name, sizeof r->supported_name);
		r->activities = (long)sqlite3_column_int64(st, 11);
	}
	db_done(st);
	return XQ_OK;
}
