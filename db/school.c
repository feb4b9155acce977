/* school.c: schools — lookups, paged lists with filters and sorts, and audited writes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/names.h"
#include "core/validate.h"
#include "db/internal.h"
#include "db/school.h"

#define SCHOOL_COLS DB_SCHOOL_COLS
#define SCHOOL_NCOLS DB_SCHOOL_NCOLS

#define ROW_COLS                                                                             \
	SCHOOL_COLS ", m.district_id, d.name, m.role, "                                          \
		    "(SELECT count(*) FROM teacher t WHERE t.school_id = s.id) AS teachers, "    \
		    "(SELECT count(*) FROM teacher t WHERE t.school_id = s.id "                  \
		    "AND t.backbone_level <> 'none') AS backbone"

#define ROW_FROM                                                                             \
	" FROM school s LEFT JOIN member m ON m.school_id = s.id AND m.to_date IS NULL "        \
	"LEFT JOIN district d ON d.id = m.district_id "                                         \
	"WHERE (?1 IS NULL OR s.name LIKE ?1 ESCAPE '\\' OR s.short_name LIKE ?1 ESCAPE '\\' "  \
	"OR s.code LIKE ?1 ESCAPE '\\' OR xq_py(s.name, ?1) OR xq_py(s.short_name, ?1)) "      \
	"AND (?2 IS NULL OR s.town = ?2) AND (?3 IS NULL OR s.level = ?3) "                     \
	"AND (?4 IS NULL OR s.location = ?4) "                                                  \
	"AND (?5 IS NULL OR (?5 = -1 AND m.id IS NULL) OR m.district_id = ?5)"

/* A page is cut from the bare rows first (ids in order), and only its rows get the joined
 * and counted columns: the counts of every school are never computed to sort by a name.
 * Sort expressions name school s and district d, which both levels have. */
#define TEACHERS_EXPR "(SELECT count(*) FROM teacher t WHERE t.school_id = s.id)"
#define PAGE(ord)                                                                            \
	"SELECT " ROW_COLS " FROM (SELECT s.id AS k_id" ROW_FROM " ORDER BY " ord ", s.id "     \
	"LIMIT ?6 OFFSET ?7) AS pg JOIN school s ON s.id = pg.k_id LEFT JOIN member m ON "      \
	"m.school_id = s.id AND m.to_date IS NULL LEFT JOIN district d ON d.id = m.district_id " \
	"ORDER BY " ord ", s.id"
#define POS(ord)                                                                             \
	"SELECT rn FROM (SELECT s.id AS k_id, row_number() OVER (ORDER BY " ord ", s.id) - 1 "  \
	"AS rn" ROW_FROM ") WHERE k_id = ?6"
#define SORTS(X)                                                                             \
	{X("s.code"), X("s.code DESC")}, {X("s.name COLLATE pinyin, s.code"), X("s.name COLLATE pinyin DESC, s.code")},        \
		{X("s.town COLLATE pinyin, s.name COLLATE pinyin"), X("s.town COLLATE pinyin DESC, s.name COLLATE pinyin")},                                  \
		{X("s.level, s.name COLLATE pinyin"), X("s.level DESC, s.name COLLATE pinyin")},                                \
		{X("s.students"), X("s.students DESC")},                                          \
		{X(TEACHERS_EXPR), X(TEACHERS_EXPR " DESC")},                                     \
	{                                                                                         \
		X("d.name COLLATE pinyin, s.name COLLATE pinyin"), X("d.name COLLATE pinyin DESC, s.name COLLATE pinyin")                                     \
	}

/* The next row in the list's order, from ?6 on (or back, when ?8), whose text matches ?7. */
#define NEXT(ord)                                                                            \
	"SELECT rn, k_id FROM (SELECT s.id AS k_id, row_number() OVER (ORDER BY " ord ", s.id) " \
	"- 1 AS rn, (s.name LIKE ?7 ESCAPE '\\' OR s.short_name LIKE ?7 ESCAPE '\\' OR s.code " \
	"LIKE ?7 ESCAPE '\\' OR xq_py(s.name, ?7) OR xq_py(s.short_name, ?7)) AS hit" ROW_FROM   \
	") WHERE hit AND CASE WHEN ?8 THEN rn <= ?6 ELSE rn >= ?6 END "                          \
	"ORDER BY CASE WHEN ?8 THEN -rn ELSE rn END LIMIT 1"

static const char *const page_sql[SCHOOL_SORT_COUNT][2] = {SORTS(PAGE)};
static const char *const pos_sql[SCHOOL_SORT_COUNT][2] = {SORTS(POS)};
static const char *const next_sql[SCHOOL_SORT_COUNT][2] = {SORTS(NEXT)};

void school_query_init(struct school_query *q)
{
	memset(q, 0, sizeof *q);
	q->level = q->location = -1;
}

void db_school_read(sqlite3_stmt *st, struct school *s)
{
	school_init(s);
	s->id = sqlite3_column_int64(st, 0);
	s->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, s->code, sizeof s->code);
	col_text(st, 3, s->name, sizeof s->name);
	col_text(st, 4, s->short_name, sizeof s->short_name);
	s->level = col_enum(st, 5, level_items);
	col_text(st, 6, s->town, sizeof s->town);
	s->location = col_enum(st, 7, location_items);
	s->lat = col_double_null(st, 8);
	s->lon = col_double_null(st, 9);
	s->students = col_long_null(st, 10);
	s->classes = col_long_null(st, 11);
	s->staff_quota = col_long_null(st, 12);
	s->teaching_area_m2 = col_double_null(st, 13);
	s->sports_area_m2 = col_double_null(st, 14);
	s->equipment_value_yuan = col_double_null(st, 15);
	s->multimedia_rooms = col_long_null(st, 16);
	s->music_rooms = col_long_null(st, 17);
	s->art_rooms = col_long_null(st, 18);
	s->hardship = col_long_null(st, 19);
	if (s->hardship < 0)
		s->hardship = 0;
	s->students_primary = col_long_null(st, 20);
	s->students_junior = col_long_null(st, 21);
}

static void read_row(sqlite3_stmt *st, struct school_row *r)
{
	db_school_read(st, &r->s);
	r->district_id = sqlite3_column_int64(st, SCHOOL_NCOLS);
	col_text(st, SCHOOL_NCOLS + 1, r->district_name, sizeof r->district_name);
	r->role = col_enum(st, SCHOOL_NCOLS + 2, role_items);
	r->teachers = (long)sqlite3_column_int64(st, SCHOOL_NCOLS + 3);
	r->backbone = (long)sqlite3_column_int64(st, SCHOOL_NCOLS + 4);
}

int db_school_all(struct db *db, struct school_row **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " SCHOOL_COLS ", m.district_id, d.name, m.role, 0, 0 FROM school s "
					"LEFT JOIN member m ON m.school_id = s.id AND m.to_date IS NULL "
					"LEFT JOIN district d ON d.id = m.district_id ORDER BY s.id", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		read_row(st, &(*rows)[(*n)++]);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(*rows);
		*rows = NULL;
		*n = 0;
		return XQ_ERR;
	}
	return XQ_OK;
}

static int get_one(struct db *db, const char *sql, const char *key, int64_t id, struct school *out)
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
		db_school_read(st, out);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_school_get(struct db *db, int64_t id, struct school *out)
{
	return get_one(db, "SELECT " SCHOOL_COLS " FROM school s WHERE s.id = ?", NULL, id, out);
}

int db_school_by_code(struct db *db, const char *code, struct school *out)
{
	return get_one(db, "SELECT " SCHOOL_COLS " FROM school s WHERE s.code = ?", code, 0, out);
}

int db_school_find(struct db *db, const char *key, struct school *out, char *msg)
{
	if (db_school_by_code(db, key, out) == XQ_OK)
		return XQ_OK;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " SCHOOL_COLS " FROM school s WHERE s.name = ?1 OR s.short_name = ?1 "
		"ORDER BY s.code LIMIT 2", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, key);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == 0)
			db_school_read(st, out);
		n++;
	}
	db_done(st);
	if (n == 1)
		return XQ_OK;
	if (n == 0)
		xq_msg(msg, _("no school with code or name '%s'"), key);
	else
		xq_msg(msg, _("more than one school is called '%s'; use its code"), key);
	return n == 0 ? XQ_NOTFOUND : XQ_ERR;
}

int db_school_row(struct db *db, int64_t id, struct school_row *out)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " ROW_COLS " FROM school s LEFT JOIN member m ON m.school_id = s.id "
		"AND m.to_date IS NULL LEFT JOIN district d ON d.id = m.district_id WHERE s.id = ?",
		NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

static void bind_query(sqlite3_stmt *st, const struct school_query *q)
{
	bind_like(st, 1, q->search);
	if (q->town)
		bind_text(st, 2, q->town);
	if (q->level >= 0)
		bind_text(st, 3, enum_key(level_items, q->level));
	if (q->location >= 0)
		bind_text(st, 4, enum_key(location_items, q->location));
	if (q->district_id != 0)
		sqlite3_bind_int64(st, 5, q->district_id);
}

static int sort_of(const struct school_query *q)
{
	return q->sort >= 0 && q->sort < SCHOOL_SORT_COUNT ? q->sort : 0;
}

static void read_row_any(sqlite3_stmt *st, void *row)
{
	read_row(st, row);
}

static void bind_any(sqlite3_stmt *st, const void *q)
{
	bind_query(st, q);
}

long db_school_count(struct db *db, const struct school_query *q)
{
	return db_paged_count(db, "SELECT count(*)" ROW_FROM, bind_any, q);
}

int db_school_page(struct db *db, const struct school_query *q, long offset, int limit,
	struct school_row *rows)
{
	return db_paged_rows(db, page_sql[sort_of(q)][q->desc], bind_any, q, 6, offset, limit, rows,
		sizeof *rows, read_row_any);
}

long db_school_position(struct db *db, const struct school_query *q, int64_t id)
{
	return db_paged_position(db, pos_sql[sort_of(q)][q->desc], bind_any, q, 6, id);
}

long db_school_next_match(struct db *db, const struct school_query *q, const char *text,
	long from, int dir, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, next_sql[sort_of(q)][q->desc], NULL);
	if (!st)
		return -1;
	bind_query(st, q);
	sqlite3_bind_int64(st, 6, from);
	bind_like(st, 7, text);
	sqlite3_bind_int(st, 8, dir < 0);
	return db_numbered_row(st, id);
}

int db_school_towns(struct db *db, char (*towns)[SHORT_LEN], int max)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT DISTINCT town FROM school WHERE town IS NOT NULL AND town <> '' ORDER BY town COLLATE pinyin",
		NULL);
	if (!st)
		return 0;
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		col_text(st, 0, towns[n++], SHORT_LEN);
	db_done(st);
	return n;
}

static void bind_school(sqlite3_stmt *st, const struct school *s)
{
	bind_text(st, 1, s->code);
	bind_text(st, 2, s->name);
	bind_text_null(st, 3, s->short_name);
	bind_text(st, 4, enum_key(level_items, s->level));
	bind_text_null(st, 5, s->town);
	bind_text(st, 6, enum_key(location_items, s->location));
	bind_double_null(st, 7, s->lat);
	bind_double_null(st, 8, s->lon);
	bind_long_null(st, 9, s->students);
	bind_long_null(st, 10, s->classes);
	bind_long_null(st, 11, s->staff_quota);
	bind_double_null(st, 12, s->teaching_area_m2);
	bind_double_null(st, 13, s->sports_area_m2);
	bind_double_null(st, 14, s->equipment_value_yuan);
	bind_long_null(st, 15, s->multimedia_rooms);
	bind_long_null(st, 16, s->music_rooms);
	bind_long_null(st, 17, s->art_rooms);
	sqlite3_bind_int64(st, 18, s->hardship);
	bind_long_null(st, 21, s->students_primary);
	bind_long_null(st, 22, s->students_junior);
}

static int check_school(struct db *db, const struct school *s, int64_t self, char *msg)
{
	const char *field = school_validate(s, msg);
	if (field)
		return XQ_ERR;
	struct school other;
	if (db_school_by_code(db, s->code, &other) == XQ_OK && other.id != self) {
		xq_msg(msg, _("code %s belongs to %s already"), s->code, other.name);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_school_insert(struct db *db, struct school *s, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK || check_school(db, s, 0, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO school (id, code, name, short_name, level, town, location, lat, lon, "
		"students, classes, staff_quota, teaching_area_m2, sports_area_m2, "
		"equipment_value_yuan, multimedia_rooms, music_rooms, art_rooms, hardship, "
		"students_primary, students_junior) "
		"VALUES (" DB_NEW_ID("school") ", ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?21,?22)", msg);
	if (!st)
		return XQ_ERR;
	bind_school(st, s);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	s->id = sqlite3_last_insert_rowid(db->h);
	s->rev = 1;
	return XQ_OK;
}

int db_school_update(struct db *db, struct school *s, char *msg)
{
	if (db_require_write(db, s->id, 0, msg) != XQ_OK || check_school(db, s, s->id, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE school SET code = ?1, name = ?2, short_name = ?3, level = ?4, town = ?5, "
		"location = ?6, lat = ?7, lon = ?8, students = ?9, classes = ?10, staff_quota = ?11, "
		"teaching_area_m2 = ?12, sports_area_m2 = ?13, equipment_value_yuan = ?14, "
		"multimedia_rooms = ?15, music_rooms = ?16, art_rooms = ?17, hardship = ?18, "
		"students_primary = ?21, students_junior = ?22, rev = rev + 1 WHERE id = ?19 AND rev = ?20", msg);
	if (!st)
		return XQ_ERR;
	bind_school(st, s);
	sqlite3_bind_int64(st, 19, s->id);
	sqlite3_bind_int64(st, 20, s->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "school", s->id, msg);
	s->rev++;
	return XQ_OK;
}

int db_school_may_delete(struct db *db, int64_t id, char *msg)
{
	if (db_require_write(db, 0, 0, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT (SELECT count(*) FROM teacher WHERE school_id = ?1), "
		"(SELECT count(*) FROM member WHERE school_id = ?1), "
		"(SELECT count(*) FROM agreement WHERE supporting_id = ?1 OR supported_id = ?1), "
		"(SELECT count(*) FROM exchange WHERE from_school_id = ?1 OR to_school_id = ?1)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	long t = 0, m = 0, a = 0, x = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t = (long)sqlite3_column_int64(st, 0);
		m = (long)sqlite3_column_int64(st, 1);
		a = (long)sqlite3_column_int64(st, 2);
		x = (long)sqlite3_column_int64(st, 3);
	}
	db_done(st);
	if (rc != SQLITE_ROW) {
		xq_msg(msg, "%s", sqlite3_errmsg(db->h));
		return XQ_ERR;
	}
	if (x) {
		xq_msg(msg, _("cannot delete: the school still has %ld teachers, %ld district memberships, "
			      "%ld agreements and %ld exchanges"), t, m, a, x);
		return XQ_ERR;
	}
	if (t || m || a) {
		xq_msg(msg, _("cannot delete: the school still has %ld teachers, %ld district memberships "
			      "and %ld agreements"), t, m, a);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_school_delete(struct db *db, int64_t id, int64_t rev, char *msg)
{
	if (db_school_may_delete(db, id, msg) != XQ_OK)
		return XQ_ERR;
	return db_delete_row(db, "DELETE FROM school WHERE id = ?1 AND rev = ?2", "school", id, rev, msg);
}

size_t db_school_name_prefix(struct db *db)
{
	/* the first and last names in byte order share what all names share */
	sqlite3_stmt *st = db_stmt(db, "SELECT min(name), max(name) FROM school", NULL);
	if (!st)
		return 0;
	size_t len = (size_t)-1;
	const char *first = NULL;
	char a[NAME_LEN] = "", b[NAME_LEN] = "";
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		col_text(st, 0, a, sizeof a);
		col_text(st, 1, b, sizeof b);
		names_prefix_add(&len, &first, a);
		names_prefix_add(&len, &first, b);
	}
	db_done(st);
	return first ? names_prefix_cut(first, len) : 0;
}
