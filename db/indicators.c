/* indicators.c: the schools and teachers the indicators need, read on a date; the
 * arithmetic is core/indicators.c's. Teachers are grouped by school and by what they count
 * as in SQL, so a county's teachers are never loaded one by one. */
#include "db/indicators.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "db/internal.h"
#include "db/policy.h"
#include "db/school.h"

/* Exchanges that move a teacher on ?1 when ?2 (count at the receiving school): live ones
 * from approval on whose dates cover the day, with the part of the week they take. */
#define MOVES                                                                                \
	"WITH moves AS (SELECT e.teacher_id, e.to_school_id, CASE WHEN e.week_share > 0 THEN " \
	"e.week_share ELSE 1 END AS share FROM exchange e WHERE ?2 AND e.status IN "          \
	"('approved','active','extended','completed') AND e.start_date <= ?1 AND "            \
	"e.end_date >= ?1), "                                                                  \
	"away AS (SELECT teacher_id, total(share) AS share FROM moves GROUP BY teacher_id), "   \
	"counted AS (SELECT t.school_id AS school_id, t.id AS tid, max(0, 1 - coalesce(a.share, " \
	"0)) AS w FROM teacher t LEFT JOIN away a ON a.teacher_id = t.id "                      \
	"WHERE ?3 IS NULL OR t.school_id = ?3 "                                                \
	"UNION ALL SELECT m.to_school_id, m.teacher_id, m.share FROM moves m "                 \
	"WHERE ?3 IS NULL OR m.to_school_id = ?3) "

/* Teachers counted at each school (?3, or every school when NULL), grouped by what they
 * count as. */
static const char staff_sql[] = MOVES
	"SELECT c.school_id, t.education, t.backbone_level, t.pe_art, total(c.w) FROM counted c "
	"JOIN teacher t ON t.id = c.tid GROUP BY 1, 2, 3, 4 HAVING total(c.w) > 0";

typedef void (*staff_fn)(void *ctx, int64_t school_id, int education, int backbone,
	bool pe_art, double weight);

static int each_staff(struct db *db, const char *date, int64_t school_id, staff_fn fn,
	void *ctx, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, staff_sql, msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, date);
	sqlite3_bind_int(st, 2, db_indicator_policy(db)->count_at_receiving);
	bind_id_null(st, 3, school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), col_enum(st, 1, education_items),
			col_enum(st, 2, backbone_items), sqlite3_column_int(st, 3) != 0,
			sqlite3_column_double(st, 4));
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static void add_one(void *ctx, int64_t school_id, int education, int backbone, bool pe_art,
	double weight)
{
	(void)school_id;
	indicator_staff_add(ctx, education, backbone, pe_art, weight);
}

static int check_args(const char *date, int stage, char *msg)
{
	if (!date || !date_valid(date)) {
		xq_msg(msg, _("%s is not a date (YYYY-MM-DD)"), date ? date : "");
		return XQ_ERR;
	}
	if (stage != STAGE_PRIMARY && stage != STAGE_JUNIOR) {
		xq_msg(msg, _("stage %d is neither primary (0) nor junior (1)"), stage);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_indicator_value(struct db *db, int64_t school_id, const char *date,
	const char *code, int stage, double *value, double *threshold, char *msg)
{
	int k = indicator_index(code);
	if (k < 0) {
		xq_msg(msg, _("%s is not an indicator"), code ? code : "");
		return XQ_ERR;
	}
	if (check_args(date, stage, msg) != XQ_OK)
		return XQ_ERR;
	struct school s;
	if (db_school_get(db, school_id, &s) != XQ_OK) {
		xq_msg(msg, _("no school has id %lld"), (long long)school_id);
		return XQ_ERR;
	}
	const struct indicator_policy *p = db_indicator_policy(db);
	struct indicator_staff staff = {0};
	if (indicator_pupils(&s, stage) == 0)
		return XQ_NOTFOUND;
	if (each_staff(db, date, school_id, add_one, &staff, msg) != XQ_OK)
		return XQ_ERR;
	struct indicator_result r;
	indicator_school(&s, &staff, stage, p, &r);
	if (value)
		*value = r.value[k];
	if (threshold)
		*threshold = r.threshold[k];
	return XQ_OK;
}

/* The schools with pupils at a stage (?1: 0 primary, 1 junior), by id. */
static const char level_sql[] =
	"SELECT " DB_SCHOOL_COLS " FROM school s WHERE CASE WHEN s.level IN ('nine_year', "
	"'twelve_year') THEN (CASE WHEN ?1 THEN s.students_junior ELSE s.students_primary END) > 0 "
	"WHEN s.level = 'junior' THEN ?1 AND s.students > 0 "
	"ELSE NOT ?1 AND s.students > 0 END ORDER BY s.id";

struct level_ctx {
	struct db_indicator_row *rows;
	struct indicator_staff *staff;
	int n;
};

static int by_id(const void *key, const void *elem)
{
	int64_t a = *(const int64_t *)key, b = ((const struct db_indicator_row *)elem)->s.id;
	return a < b ? -1 : a > b;
}

static void add_to_school(void *ctx, int64_t school_id, int education, int backbone,
	bool pe_art, double weight)
{
	struct level_ctx *c = ctx;
	struct db_indicator_row *r = bsearch(&school_id, c->rows, (size_t)c->n, sizeof *c->rows, by_id);
	if (r)
		indicator_staff_add(&c->staff[r - c->rows], education, backbone, pe_art, weight);
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct db_indicator_row *)a)->s.code,
		((const struct db_indicator_row *)b)->s.code);
}

int db_indicators_level(struct db *db, int stage, const char *date,
	struct db_indicator_row **rows, int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	if (check_args(date, stage, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, level_sql, msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int(st, 1, stage);
	struct level_ctx c = {NULL, NULL, 0};
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.rows = db_grow(c.rows, c.n, &cap, sizeof *c.rows);
		memset(&c.rows[c.n], 0, sizeof *c.rows);
		db_school_read(st, &c.rows[c.n++].s);
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(c.rows);
		return XQ_ERR;
	}
	c.staff = xcalloc((size_t)(c.n ? c.n : 1), sizeof *c.staff);
	if (each_staff(db, date, 0, add_to_school, &c, msg) != XQ_OK) {
		free(c.rows);
		free(c.staff);
		return XQ_ERR;
	}
	const struct indicator_policy *p = db_indicator_policy(db);
	for (int i = 0; i < c.n; i++) {
		struct db_indicator_row *r = &c.rows[i];
		indicator_school(&r->s, &c.staff[i], stage, p, &r->r);
		r->in_cv = indicator_in_cv(&r->s, r->r.pupils, p);
	}
	free(c.staff);
	if (c.n > 1)
		qsort(c.rows, (size_t)c.n, sizeof *c.rows, by_code);
	*rows = c.rows;
	*n = c.n;
	return XQ_OK;
}

int db_indicators_cv(const struct db *db, const struct db_indicator_row *rows, int n,
	double cv[INDICATOR_COUNT])
{
	const struct indicator_policy *p = db_indicator_policy(db);
	double *x = xcalloc((size_t)(n ? n : 1), sizeof *x);
	long *w = xcalloc((size_t)(n ? n : 1), sizeof *w);
	int m = 0;
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		m = 0;
		for (int i = 0; i < n; i++)
			if (rows[i].in_cv) {
				x[m] = rows[i].r.value[k];
				w[m++] = rows[i].r.pupils;
			}
		cv[k] = indicator_cv(x, w, m, p->cv_plain);
	}
	free(x);
	free(w);
	return m;
}
