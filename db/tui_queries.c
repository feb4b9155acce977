/* tui_queries.c: the console's search queries — the next matching row of a school or
 * district list in one statement, numbering the rows as db_school_position and
 * db_district_position do. The FROM/WHERE and ORDER BY texts follow school.c and
 * district.c; the console checks the row found against the list it shows, so a drift
 * between them costs speed, not correctness. */
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/tui_queries.h"

/* schools: ?1 search, ?2 town, ?3 level, ?4 location, ?5 district, ?6 text, ?7 from */
#define S_FROM                                                                               \
	" FROM school s LEFT JOIN member m ON m.school_id = s.id AND m.to_date IS NULL "        \
	"LEFT JOIN district d ON d.id = m.district_id "                                         \
	"WHERE (?1 IS NULL OR s.name LIKE ?1 ESCAPE '\\' OR s.short_name LIKE ?1 ESCAPE '\\' "  \
	"OR s.code LIKE ?1 ESCAPE '\\') "                                                      \
	"AND (?2 IS NULL OR s.town = ?2) AND (?3 IS NULL OR s.level = ?3) "                     \
	"AND (?4 IS NULL OR s.location = ?4) "                                                  \
	"AND (?5 IS NULL OR (?5 = -1 AND m.id IS NULL) OR m.district_id = ?5)"
#define S_NUMBERED(ord)                                                                      \
	"SELECT rn, id FROM (SELECT s.id AS id, row_number() OVER (ORDER BY " ord ", s.id) - 1 " \
	"AS rn, (s.name LIKE ?6 ESCAPE '\\' OR s.short_name LIKE ?6 ESCAPE '\\' OR s.code LIKE " \
	"?6 ESCAPE '\\') AS hit, (SELECT count(*) FROM teacher t WHERE t.school_id = s.id) AS "  \
	"teachers" S_FROM ") WHERE hit "
#define S_FWD(ord) S_NUMBERED(ord) "AND rn >= ?7 ORDER BY rn LIMIT 1"
#define S_BACK(ord) S_NUMBERED(ord) "AND rn <= ?7 ORDER BY rn DESC LIMIT 1"
#define S_DIRS(ord) {S_FWD(ord), S_BACK(ord)}
#define S_SORTS(X)                                                                           \
	{X("s.code"), X("s.code DESC")}, {X("s.name, s.code"), X("s.name DESC, s.code")},        \
		{X("s.town, s.name"), X("s.town DESC, s.name")},                                  \
		{X("s.level, s.name"), X("s.level DESC, s.name")},                                \
		{X("s.students"), X("s.students DESC")}, {X("teachers"), X("teachers DESC")},     \
		{X("d.name, s.name"), X("d.name DESC, s.name")}

static const char *const school_next_sql[SCHOOL_SORT_COUNT][2][2] = {S_SORTS(S_DIRS)};

/* districts: ?1 search, ?2 form, ?3 text, ?4 from */
#define D_FROM                                                                               \
	" FROM district d LEFT JOIN school ls ON ls.id = d.lead_school_id "                     \
	"WHERE (?1 IS NULL OR d.name LIKE ?1 ESCAPE '\\' OR EXISTS (SELECT 1 FROM member m "    \
	"JOIN school s ON s.id = m.school_id WHERE m.district_id = d.id AND m.to_date IS NULL " \
	"AND (s.name LIKE ?1 ESCAPE '\\' OR s.short_name LIKE ?1 ESCAPE '\\'))) "             \
	"AND (?2 IS NULL OR d.form = ?2)"
#define D_NUMBERED(ord)                                                                      \
	"SELECT rn, id FROM (SELECT d.id AS id, row_number() OVER (ORDER BY " ord ", d.id) - 1 " \
	"AS rn, (d.name LIKE ?3 ESCAPE '\\' OR EXISTS (SELECT 1 FROM member m JOIN school s ON " \
	"s.id = m.school_id WHERE m.district_id = d.id AND m.to_date IS NULL AND (s.name LIKE " \
	"?3 ESCAPE '\\' OR s.short_name LIKE ?3 ESCAPE '\\'))) AS hit, "                       \
	"(SELECT count(*) FROM member m WHERE m.district_id = d.id AND m.to_date IS NULL) AS "  \
	"members, (SELECT coalesce(sum(s.students), 0) FROM member m JOIN school s ON s.id = "  \
	"m.school_id WHERE m.district_id = d.id AND m.to_date IS NULL) AS students, "          \
	"(SELECT count(*) FROM member m JOIN teacher t ON t.school_id = m.school_id WHERE "     \
	"m.district_id = d.id AND m.to_date IS NULL) AS teachers" D_FROM ") WHERE hit "
#define D_FWD(ord) D_NUMBERED(ord) "AND rn >= ?4 ORDER BY rn LIMIT 1"
#define D_BACK(ord) D_NUMBERED(ord) "AND rn <= ?4 ORDER BY rn DESC LIMIT 1"
#define D_DIRS(ord) {D_FWD(ord), D_BACK(ord)}
#define D_SORTS(X)                                                                           \
	{X("d.name"), X("d.name DESC")}, {X("d.form, d.name"), X("d.form DESC, d.name")},        \
		{X("members"), X("members DESC")}, {X("students"), X("students DESC")},           \
		{X("teachers"), X("teachers DESC")}

static const char *const district_next_sql[DISTRICT_SORT_COUNT][2][2] = {D_SORTS(D_DIRS)};

/* "%text%" with LIKE's wildcards escaped. */
static char *like_pattern(const char *s)
{
	struct strbuf b;
	sb_init(&b);
	sb_addc(&b, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sb_addc(&b, '\\');
		sb_addc(&b, *s);
	}
	sb_addc(&b, '%');
	return sb_steal(&b);
}

static void bind_pattern(sqlite3_stmt *st, int i, const char *text)
{
	char *p = like_pattern(text);
	bind_text(st, i, p);
	free(p);
}

/* The row number and id of the statement's one row, or -1. */
static long numbered_row(sqlite3_stmt *st, int64_t *id)
{
	long rn = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		rn = (long)sqlite3_column_int64(st, 0);
		*id = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	return rn;
}

long db_school_next_match(struct db *db, const struct school_query *q, const char *text,
	long from, int dir, int64_t *id)
{
	int sort = q->sort >= 0 && q->sort < SCHOOL_SORT_COUNT ? q->sort : 0;
	sqlite3_stmt *st = db_stmt(db, school_next_sql[sort][q->desc ? 1 : 0][dir < 0], NULL);
	if (!st)
		return -1;
	if (q->search && *q->search)
		bind_pattern(st, 1, q->search);
	if (q->town)
		bind_text(st, 2, q->town);
	if (q->level >= 0)
		bind_text(st, 3, enum_key(level_items, q->level));
	if (q->location >= 0)
		bind_text(st, 4, enum_key(location_items, q->location));
	if (q->district_id != 0)
		sqlite3_bind_int64(st, 5, q->district_id);
	bind_pattern(st, 6, text);
	sqlite3_bind_int64(st, 7, from);
	return numbered_row(st, id);
}

long db_district_next_match(struct db *db, const struct district_query *q, const char *text,
	long from, int dir, int64_t *id)
{
	int sort = q->sort >= 0 && q->sort < DISTRICT_SORT_COUNT ? q->sort : 0;
	sqlite3_stmt *st = db_stmt(db, district_next_sql[sort][q->desc ? 1 : 0][dir < 0], NULL);
	if (!st)
		return -1;
	if (q->search && *q->search)
		bind_pattern(st, 1, q->search);
	if (q->form >= 0)
		bind_text(st, 2, enum_key(form_items, q->form));
	bind_pattern(st, 3, text);
	sqlite3_bind_int64(st, 4, from);
	return numbered_row(st, id);
}
