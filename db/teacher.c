/* teacher.c: teachers (paged lists over tens of thousands of rows) and their exemptions. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/teacher.h"

#define TEACHER_COLS                                                                         \
	"t.id, t.rev, t.staff_no, t.name, t.gender, t.birth_date, t.school_id, s.code, "        \
	"t.subjects, t.title, t.education, t.backbone_level, t.pe_art, t.employment, t.post, "  \
	"t.post_since, t.joined_school_on, s.name"
#define TFROM                                                                                \
	" FROM teacher t JOIN school s ON s.id = t.school_id "                                  \
	"WHERE (?1 IS NULL OR t.name LIKE ?1 ESCAPE '\\' OR t.staff_no LIKE ?1 ESCAPE '\\' "    \
	"OR xq_py(t.name, ?1)) "                                                              \
	"AND (?2 IS NULL OR t.school_id = ?2) "                                                 \
	"AND (?3 IS NULL OR t.school_id IN (SELECT school_id FROM member WHERE district_id = ?3 " \
	"AND to_date IS NULL)) "                                                               \
	"AND (?4 IS NULL OR t.backbone_level IN ('county','city','province','national') "       \
	"AND (CASE t.backbone_level WHEN 'county' THEN 1 WHEN 'city' THEN 2 WHEN 'province' THEN 3 " \
	"WHEN 'national' THEN 4 ELSE 0 END) >= ?4) "                                           \
	"AND (?7 IS NULL OR t.subjects LIKE ?7 ESCAPE '\\')"
#define TPAGE(ord) "SELECT " TEACHER_COLS TFROM " ORDER BY " ord ", t.id LIMIT ?5 OFFSET ?6"
#define TPOS(ord)                                                                            \
	"SELECT rn FROM (SELECT t.id AS id, row_number() OVER (ORDER BY " ord ", t.id) - 1 AS rn" \
	TFROM ") WHERE id = ?5"
#define TSORTS(X)                                                                            \
	{X("t.staff_no"), X("t.staff_no DESC")}, {X("t.name COLLATE pinyin"), X("t.name COLLATE pinyin DESC")},                \
		{X("s.name COLLATE pinyin, t.name COLLATE pinyin"), X("s.name COLLATE pinyin DESC, t.name COLLATE pinyin")},                                  \
	{                                                                                         \
		X("t.joined_school_on, t.name COLLATE pinyin"), X("t.joined_school_on DESC, t.name COLLATE pinyin")             \
	}, {X("t.id"), X("t.id DESC")}

static const char *const tpage_sql[TEACHER_SORT_COUNT][2] = {TSORTS(TPAGE)};
static const char *const tpos_sql[TEACHER_SORT_COUNT][2] = {TSORTS(TPOS)};

void teacher_query_init(struct teacher_query *q)
{
	memset(q, 0, sizeof *q);
}

static void read_teacher(sqlite3_stmt *st, struct teacher *t)
{
	teacher_init(t);
	t->id = sqlite3_column_int64(st, 0);
	t->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, t->staff_no, sizeof t->staff_no);
	col_text(st, 3, t->name, sizeof t->name);
	const unsigned char *g = sqlite3_column_text(st, 4);
	t->gender = g && *g == 'F' ? 'F' : 'M';
	col_text(st, 5, t->birth_date, sizeof t->birth_date);
	t->school_id = sqlite3_column_int64(st, 6);
	col_text(st, 7, t->school_code, sizeof t->school_code);
	col_text(st, 8, t->subjects, sizeof t->subjects);
	col_text(st, 9, t->title, sizeof t->title);
	t->education = col_enum(st, 10, education_items);
	t->backbone = col_enum(st, 11, backbone_items);
	t->pe_art = sqlite3_column_int(st, 12) != 0;
	t->employment = col_enum(st, 13, employment_items);
	t->post = col_enum(st, 14, post_items);
	col_text(st, 15, t->post_since, sizeof t->post_since);
	col_text(st, 16, t->joined_school_on, sizeof t->joined_school_on);
}

static int get_one(struct db *db, const char *sql, const char *key, int64_t id, struct teacher *out)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return XQ_ERR;
	if (key)
		bind_text(st, 1, key);
	else
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_teacher(st, out);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_teacher_get(struct db *db, int64_t id, struct teacher *out)
{
	return get_one(db, "SELECT " TEACHER_COLS " FROM teacher t JOIN school s ON s.id = t.school_id "
			   "WHERE t.id = ?", NULL, id, out);
}

int db_teacher_by_staff_no(struct db *db, const char *staff_no, struct teacher *out)
{
	return get_one(db, "SELECT " TEACHER_COLS " FROM teacher t JOIN school s ON s.id = t.school_id "
			   "WHERE t.staff_no = ?", staff_no, 0, out);
}

static void bind_tquery(sqlite3_stmt *st, const struct teacher_query *q)
{
	bind_like(st, 1, q->search);
	if (q->school_id > 0)
		sqlite3_bind_int64(st, 2, q->school_id);
	if (q->district_id > 0)
		sqlite3_bind_int64(st, 3, q->district_id);
	if (q->backbone_min > 0)
		sqlite3_bind_int(st, 4, q->backbone_min);
	bind_like(st, 7, q->subject);
}

static int tsort(const struct teacher_query *q)
{
	return q->sort >= 0 && q->sort < TEACHER_SORT_COUNT ? q->sort : 0;
}

static void read_trow(sqlite3_stmt *st, void *row)
{
	struct teacher_row *r = row;
	read_teacher(st, &r->t);
	col_text(st, 17, r->school_name, sizeof r->school_name);
}

static void bind_any(sqlite3_stmt *st, const void *q)
{
	bind_tquery(st, q);
}

long db_teacher_count(struct db *db, const struct teacher_query *q)
{
	return db_paged_count(db, "SELECT count(*)" TFROM, bind_any, q);
}

int db_teacher_page(struct db *db, const struct teacher_query *q, long offset, int limit,
	struct teacher_row *rows)
{
	return db_paged_rows(db, tpage_sql[tsort(q)][q->desc], bind_any, q, 5, offset, limit, rows,
		sizeof *rows, read_trow);
}

int db_teacher_each(struct db *db, const struct teacher_query *q,
	int (*fn)(void *, const struct teacher_row *), void *ctx)
{
	struct teacher_row row;
	return db_paged_each(db, tpage_sql[tsort(q)][q->desc], bind_any, q, 5, &row, read_trow,
		(int (*)(void *, const void *))fn, ctx);
}

int db_teacher_each_brief(struct db *db, bool named, int (*fn)(void *, const struct teacher *),
	void *ctx)
{
#define BRIEF "SELECT id, gender, birth_date, school_id, subjects, backbone_level, employment, " \
	      "post, post_since, joined_school_on"
	sqlite3_stmt *st = db_stmt(db, named ? BRIEF ", staff_no, name FROM teacher ORDER BY id"
					     : BRIEF " FROM teacher ORDER BY id",
		NULL);
#undef BRIEF
	if (!st)
		return XQ_ERR;
	struct teacher t;
	int rc = SQLITE_DONE, ret = XQ_OK;
	while (ret == XQ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		teacher_init(&t);
		t.id = sqlite3_column_int64(st, 0);
		const unsigned char *g = sqlite3_column_text(st, 1);
		t.gender = g && *g == 'F' ? 'F' : 'M';
		col_text(st, 2, t.birth_date, sizeof t.birth_date);
		t.school_id = sqlite3_column_int64(st, 3);
		col_text(st, 4, t.subjects, sizeof t.subjects);
		t.backbone = col_enum(st, 5, backbone_items);
		t.employment = col_enum(st, 6, employment_items);
		t.post = col_enum(st, 7, post_items);
		col_text(st, 8, t.post_since, sizeof t.post_since);
		col_text(st, 9, t.joined_school_on, sizeof t.joined_school_on);
		if (named) {
			col_text(st, 10, t.staff_no, sizeof t.staff_no);
			col_text(st, 11, t.name, sizeof t.name);
		}
		ret = fn(ctx, &t);
	}
	db_done(st);
	return ret != XQ_OK || (rc != SQLITE_ROW && rc != SQLITE_DONE) ? XQ_ERR : XQ_OK;
}

long db_teacher_position(struct db *db, const struct teacher_query *q, int64_t id)
{
	return db_paged_position(db, tpos_sql[tsort(q)][q->desc], bind_any, q, 5, id);
}

static void bind_teacher(sqlite3_stmt *st, const struct teacher *t)
{
	bind_text(st, 1, t->staff_no);
	bind_text(st, 2, t->name);
	bind_text(st, 3, t->gender == 'F' ? "F" : "M");
	bind_text_null(st, 4, t->birth_date);
	sqlite3_bind_int64(st, 5, t->school_id);
	bind_text_null(st, 6, t->subjects);
	bind_text_null(st, 7, t->title);
	bind_text(st, 8, enum_key(education_items, t->education));
	bind_text(st, 9, enum_key(backbone_items, t->backbone));
	sqlite3_bind_int(st, 10, t->pe_art ? 1 : 0);
	bind_text(st, 11, enum_key(employment_items, t->employment));
	bind_text(st, 12, enum_key(post_items, t->post));
	bind_text_null(st, 13, t->post_since);
	bind_text_null(st, 14, t->joined_school_on);
}

static int check_teacher(struct db *db, const struct teacher *t, char *msg)
{
	if (teacher_validate(t, msg))
		return XQ_ERR;
	/* the other's name alone (a county's import asks for every row) */
	sqlite3_stmt *st = db_stmt(db, "SELECT name FROM teacher WHERE staff_no = ? AND id IS NOT ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, t->staff_no);
	bind_id_null(st, 2, t->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		xq_msg(msg, _("staff_no %s belongs to %s already"), t->staff_no, (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

int db_teacher_insert(struct db *db, struct teacher *t, char *msg)
{
	t->id = 0;
	if (db_require_write(db, t->school_id, 0, msg) != XQ_OK || check_teacher(db, t, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO teacher (id, staff_no, name, gender, birth_date, "
					"school_id, subjects, title, education, backbone_level, pe_art, "
					"employment, post, post_since, joined_school_on) "
					"VALUES (" DB_NEW_ID("teacher") ", ?,?,?,?,?,?,?,?,?,?,?,?,?,?)", msg);
	if (!st)
		return XQ_ERR;
	bind_teacher(st, t);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	t->id = sqlite3_last_insert_rowid(db->h);
	t->rev = 1;
	return XQ_OK;
}

int db_teacher_update(struct db *db, struct teacher *t, char *msg)
{
	struct teacher old;
	if (db_teacher_get(db, t->id, &old) == XQ_OK &&
	    db_require_write(db, old.school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	if (db_require_write(db, t->school_id, 0, msg) != XQ_OK || check_teacher(db, t, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE teacher SET staff_no = ?1, name = ?2, gender = ?3, "
					"birth_date = ?4, school_id = ?5, subjects = ?6, title = ?7, "
					"education = ?8, backbone_level = ?9, pe_art = ?10, "
					"employment = ?11, post = ?12, post_since = ?13, "
					"joined_school_on = ?14, rev = rev + 1 WHERE id = ?15 AND rev = ?16",
		msg);
	if (!st)
		return XQ_ERR;
	bind_teacher(st, t);
	sqlite3_bind_int64(st, 15, t->id);
	sqlite3_bind_int64(st, 16, t->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "teacher", t->id, msg);
	t->rev++;
	return XQ_OK;
}

int db_teacher_delete(struct db *db, int64_t id, int64_t rev, char *msg)
{
	struct teacher old;
	if (db_teacher_get(db, id, &old) == XQ_OK && db_require_write(db, old.school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	return db_delete_row(db, "DELETE FROM teacher WHERE id = ?1 AND rev = ?2", "teacher", id, rev, msg);
}

#define EXEMPTION_COLS "e.id, e.rev, e.teacher_id, t.staff_no, e.kind, e.start_date, e.end_date, e.note"

static void read_exemption(sqlite3_stmt *st, struct exemption *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->rev = sqlite3_column_int64(st, 1);
	e->teacher_id = sqlite3_column_int64(st, 2);
	col_text(st, 3, e->staff_no, sizeof e->staff_no);
	e->kind = col_enum(st, 4, exemption_kind_items);
	col_text(st, 5, e->start_date, sizeof e->start_date);
	col_text(st, 6, e->end_date, sizeof e->end_date);
	col_text(st, 7, e->note, sizeof e->note);
}

int db_exemption_find(struct db *db, int64_t teacher_id, int kind, const char *start_date,
	struct exemption *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EXEMPTION_COLS " FROM exemption e JOIN teacher t ON "
					"t.id = e.teacher_id WHERE e.teacher_id = ? AND e.kind = ? AND "
					"e.start_date = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, teacher_id);
	bind_text(st, 2, enum_key(exemption_kind_items, kind));
	bind_text(st, 3, start_date);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_exemption(st, out);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

static int exemption_school(struct db *db, int64_t teacher_id, int64_t *school_id, char *msg)
{
	struct teacher t;
	if (db_teacher_get(db, teacher_id, &t) != XQ_OK) {
		xq_msg(msg, "%s", _("no such teacher"));
		return XQ_ERR;
	}
	*school_id = t.school_id;
	return XQ_OK;
}

int db_exemption_insert(struct db *db, struct exemption *e, char *msg)
{
	int64_t school_id;
	if (exemption_validate(e, msg) || exemption_school(db, e->teacher_id, &school_id, msg) != XQ_OK ||
	    db_require_write(db, school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO exemption (id, teacher_id, kind, start_date, end_date, "
					"note) VALUES (" DB_NEW_ID("exemption") ", ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, e->teacher_id);
	bind_text(st, 2, enum_key(exemption_kind_items, e->kind));
	bind_text(st, 3, e->start_date);
	bind_text_null(st, 4, e->end_date);
	bind_text_null(st, 5, e->note);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	e->id = sqlite3_last_insert_rowid(db->h);
	e->rev = 1;
	return XQ_OK;
}

int db_exemption_update(struct db *db, struct exemption *e, char *msg)
{
	int64_t school_id;
	if (exemption_validate(e, msg) || exemption_school(db, e->teacher_id, &school_id, msg) != XQ_OK ||
	    db_require_write(db, school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE exemption SET kind = ?, start_date = ?, end_date = ?, "
					"note = ?, rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, enum_key(exemption_kind_items, e->kind));
	bind_text(st, 2, e->start_date);
	bind_text_null(st, 3, e->end_date);
	bind_text_null(st, 4, e->note);
	sqlite3_bind_int64(st, 5, e->id);
	sqlite3_bind_int64(st, 6, e->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "exemption", e->id, msg);
	e->rev++;
	return XQ_OK;
}

int db_exemption_delete(struct db *db, int64_t id, int64_t rev, char *msg)
{
	int64_t school_id = db_lookup_id(db, "SELECT t.school_id FROM exemption e JOIN teacher t ON "
					     "t.id = e.teacher_id WHERE e.id = ?", id);
	if (db_require_write(db, school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	return db_delete_row(db, "DELETE FROM exemption WHERE id = ?1 AND rev = ?2", "exemption", id, rev, msg);
}

int db_exemption_list(struct db *db, int64_t teacher_id, struct exemption **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EXEMPTION_COLS " FROM exemption e JOIN teacher t ON "
					"t.id = e.teacher_id WHERE ?1 = 0 OR e.teacher_id = ?1 "
					"ORDER BY t.staff_no, e.start_date, e.kind", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, teacher_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		read_exemption(st, &(*rows)[(*n)++]);
	}
	db_done(st);
	return XQ_OK;
}

sqlite3_stmt *db_exemptions_during(struct db *db, const char *first, const char *last)
{
	/* what the rules read: no staff number (no read of the teacher's row) and no note */
	sqlite3_stmt *st = db_stmt(db, "SELECT e.teacher_id, e.kind, e.start_date, e.end_date "
					"FROM exemption e WHERE coalesce(e.start_date, '') <= ?2 "
					"AND (e.end_date IS NULL OR e.end_date = '' OR e.end_date >= ?1) "
					"ORDER BY e.teacher_id, e.start_date, e.kind", NULL);
	if (st) {
		bind_text(st, 1, first);
		bind_text(st, 2, last);
	}
	return st;
}

void db_exemption_read(sqlite3_stmt *st, struct exemption_brief *e)
{
	memset(e, 0, sizeof *e);
	e->teacher_id = sqlite3_column_int64(st, 0);
	e->kind = col_enum(st, 1, exemption_kind_items);
	col_text(st, 2, e->start_date, sizeof e->start_date);
	col_text(st, 3, e->end_date, sizeof e->end_date);
}

int db_exemption_list_during(struct db *db, const char *first, const char *last,
	struct exemption_brief **rows, int *n)
{
	sqlite3_stmt *st = db_exemptions_during(db, first, last);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		db_exemption_read(st, &(*rows)[(*n)++]);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

int db_teacher_exchanges(struct db *db, int64_t teacher_id, struct exchange_row **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT x.id, x.rev, x.year, x.kind, x.status, x.start_date, "
					"x.end_date, x.evaluation, f.name, o.name FROM exchange x "
					"JOIN school f ON f.id = x.from_school_id JOIN school o ON "
					"o.id = x.to_school_id WHERE x.teacher_id = ? "
					"ORDER BY x.start_date DESC, x.id DESC", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, teacher_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		struct exchange_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->e.id = sqlite3_column_int64(st, 0);
		r->e.rev = sqlite3_column_int64(st, 1);
		r->e.teacher_id = teacher_id;
		col_text(st, 2, r->e.year, sizeof r->e.year);
		r->e.kind = col_enum(st, 3, exchange_kind_items);
		r->e.status = col_enum(st, 4, exchange_status_items);
		col_text(st, 5, r->e.start_date, sizeof r->e.start_date);
		col_text(st, 6, r->e.end_date, sizeof r->e.end_date);
		r->e.evaluation = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1
									 : col_enum(st, 7, evaluation_items);
		col_text(st, 8, r->from_name, sizeof r->from_name);
		col_text(st, 9, r->to_name, sizeof r->to_name);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}
