/* exchange.c: exchanges stored and read, and the year's analyses over the whole county:
 * the rules themselves are core/exchange.c and core/plan.c; this file loads their input. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/district.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/pack.h"
#include "db/school.h"
#include "db/teacher.h"

#define EX_COLS                                                                              \
	"x.id, x.rev, x.teacher_id, x.from_school_id, x.to_school_id, t.staff_no, sf.code, "    \
	"st.code, x.kind, x.reason, x.year, x.start_date, x.end_date, x.week_share, x.status, "  \
	"x.evaluation, x.subsidy_month, t.name, sf.name, st.name, t.backbone_level, sf.lat, "    \
	"sf.lon, st.lat, st.lon, sf.short_name, st.short_name, x.note"
#define EX_JOIN                                                                              \
	" FROM exchange x JOIN teacher t ON t.id = x.teacher_id JOIN school sf ON sf.id = "     \
	"x.from_school_id JOIN school st ON st.id = x.to_school_id"
/* a year, or every year (none given): a range of the year's index either way ('~' sorts
 * after a year's digits) */
#define EX_YEAR " x.year BETWEEN coalesce(?1, '') AND coalesce(?1, '~')"
/* the rest of a query's filters */
#define EX_FILTERS                                                                           \
	" (?2 IS NULL OR x.status = ?2) AND (?3 IS NULL OR x.kind = ?3) AND (?4 IS NULL OR "    \
	"x.from_school_id = ?4 OR x.to_school_id = ?4) AND (?5 IS NULL OR x.from_school_id IN " \
	"(SELECT school_id FROM member WHERE district_id = ?5 AND to_date IS NULL)) AND (?6 IS " \
	"NULL OR t.name LIKE ?6 ESCAPE '\\' OR t.staff_no LIKE ?6 ESCAPE '\\' OR xq_py(t.name, ?6))"
#define EX_WHERE " WHERE" EX_YEAR " AND" EX_FILTERS
#define EX_ORDER " ORDER BY x.year, sf.code, t.staff_no, x.start_date, x.id"
/* what the rules read of an exchange (struct exchange_brief), the teacher's id third */
#define EXB_COLS                                                                             \
	"x.id, x.status, x.teacher_id, x.from_school_id, x.to_school_id, st.code, x.year, "     \
	"x.start_date, x.end_date"
#define EXB_JOIN " FROM exchange x JOIN school st ON st.id = x.to_school_id"

void exchange_query_init(struct exchange_query *q)
{
	memset(q, 0, sizeof *q);
	q->status = q->kind = -1;
}

static void read_row(sqlite3_stmt *st, struct exchange_row *r)
{
	memset(r, 0, sizeof *r);
	struct exchange *e = &r->e;
	exchange_init(e);
	e->id = sqlite3_column_int64(st, 0);
	e->rev = sqlite3_column_int64(st, 1);
	e->teacher_id = sqlite3_column_int64(st, 2);
	e->from_school_id = sqlite3_column_int64(st, 3);
	e->to_school_id = sqlite3_column_int64(st, 4);
	col_text(st, 5, e->staff_no, sizeof e->staff_no);
	col_text(st, 6, e->from_code, sizeof e->from_code);
	col_text(st, 7, e->to_code, sizeof e->to_code);
	e->kind = col_enum(st, 8, exchange_kind_items);
	e->reason = col_enum(st, 9, exchange_reason_items);
	col_text(st, 10, e->year, sizeof e->year);
	col_text(st, 11, e->start_date, sizeof e->start_date);
	col_text(st, 12, e->end_date, sizeof e->end_date);
	e->week_share = col_double_null(st, 13);
	e->status = col_enum(st, 14, exchange_status_items);
	const unsigned char *ev = sqlite3_column_text(st, 15);
	e->evaluation = ev ? enum_parse(evaluation_items, (const char *)ev) : EVAL_NONE;
	e->subsidy_month = col_double_null(st, 16);
	col_text(st, 17, r->teacher_name, sizeof r->teacher_name);
	col_text(st, 18, r->from_name, sizeof r->from_name);
	col_text(st, 19, r->to_name, sizeof r->to_name);
	r->backbone = col_enum(st, 20, backbone_items);
	r->km = exchange_distance_km(col_double_null(st, 21), col_double_null(st, 22),
		col_double_null(st, 23), col_double_null(st, 24));
	col_text(st, 25, r->from_short, sizeof r->from_short);
	col_text(st, 26, r->to_short, sizeof r->to_short);
	col_text(st, 27, e->note, sizeof e->note);
}

static void read_brief(sqlite3_stmt *st, struct exchange_brief *b)
{
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->status = col_enum(st, 1, exchange_status_items);
	b->teacher_id = sqlite3_column_int64(st, 2);
	b->from_school_id = sqlite3_column_int64(st, 3);
	b->to_school_id = sqlite3_column_int64(st, 4);
	col_text(st, 5, b->to_code, sizeof b->to_code);
	col_text(st, 6, b->year, sizeof b->year);
	col_text(st, 7, b->start_date, sizeof b->start_date);
	col_text(st, 8, b->end_date, sizeof b->end_date);
}

/* Steps st to its end, keeping each row as a brief in *out (with *n and *cap). */
static int read_briefs(sqlite3_stmt *st, struct exchange_brief **out, int *n, int *cap)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = db_grow(*out, *n, cap, sizeof **out);
		read_brief(st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static int one_row(sqlite3_stmt *st, struct exchange_row *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_exchange_row(struct db *db, int64_t id, struct exchange_row *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EX_COLS EX_JOIN " WHERE x.id = ?", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	return one_row(st, out);
}

int db_exchange_get(struct db *db, int64_t id, struct exchange *out)
{
	struct exchange_row r;
	int rc = db_exchange_row(db, id, &r);
	if (rc == XQ_OK)
		*out = r.e;
	return rc;
}

static int find_one(sqlite3_stmt *st, struct exchange *out)
{
	struct exchange_row r;
	int rc = one_row(st, &r);
	if (rc == XQ_OK)
		*out = r.e;
	return rc;
}

int db_exchange_find(struct db *db, int64_t teacher_id, const char *start_date, int64_t to_school_id,
	struct exchange *out)
{
	/* the one to that school; else, when only one is live from that start, that one */
	sqlite3_stmt *st = db_stmt(db, "SELECT " EX_COLS EX_JOIN " WHERE x.teacher_id = ?1 AND "
					"x.start_date = ?2 AND x.status NOT IN ('rejected','cancelled') AND "
					"(x.to_school_id = ?3 OR (SELECT count(*) FROM exchange o WHERE o.teacher_id = ?1 "
					"AND o.start_date = ?2 AND o.status NOT IN ('rejected','cancelled')) = 1) "
					"ORDER BY x.to_school_id = ?3 DESC LIMIT 1", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, teacher_id);
	bind_text(st, 2, start_date);
	sqlite3_bind_int64(st, 3, to_school_id);
	return find_one(st, out);
}

int db_exchange_find_dead(struct db *db, int64_t teacher_id, const char *start_date,
	int64_t to_school_id, int status, int nth, struct exchange *out)
{
	if ((status >= 0 && status != EXS_REJECTED && status != EXS_CANCELLED) || nth < 0)
		return XQ_NOTFOUND;
	sqlite3_stmt *st = db_stmt(db, "SELECT " EX_COLS EX_JOIN " WHERE x.teacher_id = ?1 AND "
					"x.start_date = ?2 AND x.to_school_id = ?3 AND (x.status = ?4 OR "
					"(?4 IS NULL AND x.status IN ('rejected','cancelled')))" EX_ORDER
					" LIMIT 1 OFFSET ?5", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, teacher_id);
	bind_text(st, 2, start_date);
	sqlite3_bind_int64(st, 3, to_school_id);
	if (status >= 0)
		bind_text(st, 4, enum_key(exchange_status_items, status));
	sqlite3_bind_int(st, 5, nth);
	return find_one(st, out);
}

static void bind_query(sqlite3_stmt *st, const struct exchange_query *q)
{
	if (q->year && *q->year)
		bind_text(st, 1, q->year);
	if (q->status >= 0)
		bind_text(st, 2, enum_key(exchange_status_items, q->status));
	if (q->kind >= 0)
		bind_text(st, 3, enum_key(exchange_kind_items, q->kind));
	if (q->school_id > 0)
		sqlite3_bind_int64(st, 4, q->school_id);
	if (q->district_id > 0)
		sqlite3_bind_int64(st, 5, q->district_id);
	bind_like(st, 6, q->search);
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_row(st, row);
}

static void bind_any(sqlite3_stmt *st, const void *q)
{
	bind_query(st, q);
}

/* The same rows counted without the joins (the keys hold: each exchange has its
 * teacher and schools), the teacher read only for a search. */
#define EX_WHERE_COUNT                                                                       \
	" FROM exchange x WHERE" EX_YEAR " AND (?2 IS NULL OR x.status = ?2) "                   \
	"AND (?3 IS NULL OR x.kind = ?3) AND (?4 IS NULL OR x.from_school_id = ?4 OR "          \
	"x.to_school_id = ?4) AND (?5 IS NULL OR x.from_school_id IN (SELECT school_id FROM "   \
	"member WHERE district_id = ?5 AND to_date IS NULL)) AND (?6 IS NULL OR EXISTS (SELECT " \
	"1 FROM teacher t WHERE t.id = x.teacher_id AND (t.name LIKE ?6 ESCAPE '\\' OR "       \
	"t.staff_no LIKE ?6 ESCAPE '\\' OR xq_py(t.name, ?6))))"

long db_exchange_count(struct db *db, const struct exchange_query *q)
{
	return db_paged_count(db, "SELECT count(*)" EX_WHERE_COUNT, bind_any, q);
}

int db_exchange_page(struct db *db, const struct exchange_query *q, long offset, int limit,
	struct exchange_row *rows)
{
	/* the page's ids sorted alone, then their rows (the sort carries ids, not whole rows);
	 * one year's (as the pane shows) walk the sending schools in the order of their codes,
	 * each one's exchanges by its index, and stop at the page's last school: the first
	 * pages read a few schools, not every exchange of the year */
#define EX_PAGE_ROWS                                                                         \
	") p JOIN exchange x ON x.id = p.k JOIN teacher t ON t.id = x.teacher_id JOIN school sf " \
	"ON sf.id = x.from_school_id JOIN school st ON st.id = x.to_school_id" EX_ORDER
	if (q->year && *q->year) /* as bind_query binds it */
		return db_paged_rows(db, "SELECT " EX_COLS " FROM (SELECT x.id AS k FROM school sf CROSS JOIN "
					 "exchange x ON x.from_school_id = sf.id JOIN teacher t ON t.id = "
					 "x.teacher_id WHERE x.year = ?1 AND" EX_FILTERS " ORDER BY sf.code, "
					 "t.staff_no, x.start_date, x.id LIMIT ?7 OFFSET ?8" EX_PAGE_ROWS,
			bind_any, q, 7, offset, limit, rows, sizeof *rows, read_any);
	return db_paged_rows(db, "SELECT " EX_COLS " FROM (SELECT x.id AS k FROM exchange x JOIN teacher t ON "
				 "t.id = x.teacher_id JOIN school sf ON sf.id = x.from_school_id" EX_WHERE
				 EX_ORDER " LIMIT ?7 OFFSET ?8" EX_PAGE_ROWS,
		bind_any, q, 7, offset, limit, rows, sizeof *rows, read_any);
#undef EX_PAGE_ROWS
}

long db_exchange_position(struct db *db, const struct exchange_query *q, int64_t id)
{
	return db_paged_position(db, "SELECT rn FROM (SELECT x.id AS id, row_number() OVER ("
				     EX_ORDER ") - 1 AS rn" EX_JOIN EX_WHERE ") WHERE id = ?7",
		bind_any, q, 7, id);
}

/* All exchanges of one teacher (for the overlap rule). */
static int teacher_exchanges(struct db *db, int64_t teacher_id, struct exchange **out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EX_COLS EX_JOIN " WHERE x.teacher_id = ? "
					"ORDER BY x.start_date, x.id", NULL);
	*out = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, teacher_id);
	int cap = 0;
	struct exchange_row r;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &r);
		*out = db_grow(*out, *n, &cap, sizeof **out);
		(*out)[(*n)++] = r.e;
	}
	db_done(st);
	return XQ_OK;
}

static int64_t current_district(struct db *db, int64_t school_id)
{
	struct member m;
	return db_member_current(db, school_id, &m) == XQ_OK ? m.district_id : 0;
}

/* The rules an exchange must keep before it is written; fills what may be derived. */
static int check_exchange(struct db *db, struct exchange *e, const struct exchange_policy *p,
	char *msg)
{
	struct teacher t;
	if (db_teacher_get(db, e->teacher_id, &t) != XQ_OK) {
		xq_msg(msg, "%s", _("no such teacher"));
		return XQ_ERR;
	}
	struct school from, to;
	if (db_school_get(db, e->from_school_id, &from) != XQ_OK ||
	    db_school_get(db, e->to_school_id, &to) != XQ_OK) {
		xq_msg(msg, "%s", _("both schools of an exchange must exist"));
		return XQ_ERR;
	}
	xq_copy(e->staff_no, sizeof e->staff_no, t.staff_no);
	xq_copy(e->from_code, sizeof e->from_code, from.code);
	xq_copy(e->to_code, sizeof e->to_code, to.code);
	exchange_fill_defaults(e, p);
	if (isnan(e->subsidy_month))
		e->subsidy_month = exchange_subsidy_month(
			exchange_distance_km(from.lat, from.lon, to.lat, to.lon), to.hardship, p);
	if (exchange_validate(e, &t, current_district(db, from.id), current_district(db, to.id), p, msg))
		return XQ_ERR;
	struct exchange *others;
	int n;
	if (teacher_exchanges(db, e->teacher_id, &others, &n) != XQ_OK)
		return XQ_ERR;
	int clash = exchange_overlap(e, others, n, msg);
	free(others);
	return clash >= 0 ? XQ_ERR : XQ_OK;
}

static void bind_exchange(sqlite3_stmt *st, const struct exchange *e)
{
	sqlite3_bind_int64(st, 1, e->teacher_id);
	sqlite3_bind_int64(st, 2, e->from_school_id);
	sqlite3_bind_int64(st, 3, e->to_school_id);
	bind_text(st, 4, enum_key(exchange_kind_items, e->kind));
	bind_text(st, 5, enum_key(exchange_reason_items, e->reason));
	bind_text(st, 6, e->year);
	bind_text(st, 7, e->start_date);
	bind_text(st, 8, e->end_date);
	bind_double_null(st, 9, e->week_share);
	bind_text(st, 10, enum_key(exchange_status_items, e->status));
	if (e->evaluation >= 0)
		bind_text(st, 11, enum_key(evaluation_items, e->evaluation));
	else
		sqlite3_bind_null(st, 11);
	bind_double_null(st, 12, e->subsidy_month);
	bind_text_null(st, 13, e->note);
}

/* The write ends the transaction the check began: committed when it worked, cancelled
 * (nothing written) when it did not. */
static int finish(struct db *db, int rc, char *msg)
{
	if (rc == XQ_OK)
		return db_commit(db, msg);
	db_cancel(db);
	return rc;
}

static int insert_checked(struct db *db, struct exchange *e, const struct exchange_policy *p, char *msg)
{
	if (db_require_write(db, e->from_school_id, 0, msg) != XQ_OK || check_exchange(db, e, p, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO exchange (id, teacher_id, from_school_id, to_school_id, "
					"kind, reason, year, start_date, end_date, week_share, status, "
					"evaluation, subsidy_month, note) VALUES (" DB_NEW_ID("exchange") ", ?,?,?,?,?,?,?,?,?,?,?,?,?)", msg);
	if (!st)
		return XQ_ERR;
	bind_exchange(st, e);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	e->id = sqlite3_last_insert_rowid(db->h);
	e->rev = 1;
	return XQ_OK;
}

/* The rules are checked in the write's own IMMEDIATE transaction: no other session can add
 * an overlapping exchange between the check and the write (the schema's triggers refuse it
 * too). */
int db_exchange_insert(struct db *db, struct exchange *e, const struct exchange_policy *p, char *msg)
{
	e->id = 0;
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	int rc = insert_checked(db, e, p, msg);
	if (rc != XQ_OK)
		e->id = 0;
	return finish(db, rc, msg);
}

static int update_checked(struct db *db, struct exchange *e, const struct exchange_policy *p, char *msg)
{
	if (db_require_write(db, e->from_school_id, 0, msg) != XQ_OK || check_exchange(db, e, p, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE exchange SET teacher_id = ?1, from_school_id = ?2, "
					"to_school_id = ?3, kind = ?4, reason = ?5, year = ?6, "
					"start_date = ?7, end_date = ?8, week_share = ?9, status = ?10, "
					"evaluation = ?11, subsidy_month = ?12, note = ?13, "
					"rev = rev + 1 WHERE id = ?14 AND rev = ?15", msg);
	if (!st)
		return XQ_ERR;
	bind_exchange(st, e);
	sqlite3_bind_int64(st, 14, e->id);
	sqlite3_bind_int64(st, 15, e->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "exchange", e->id, msg);
	e->rev++;
	return XQ_OK;
}

int db_exchange_update(struct db *db, struct exchange *e, const struct exchange_policy *p, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	return finish(db, update_checked(db, e, p, msg), msg);
}

static int act_checked(struct db *db, int64_t id, int64_t rev, const char *action, int evaluation,
	const char *reason, char *msg)
{
	struct exchange e;
	if (db_exchange_get(db, id, &e) != XQ_OK) {
		xq_msg(msg, _("no exchange %lld"), (long long)id);
		return XQ_NOTFOUND;
	}
	if (rev > 0 && e.rev != rev)
		return db_stale_or_missing(db, "exchange", id, msg);
	if (db_require_write(db, e.from_school_id, 0, msg) != XQ_OK)
		return XQ_ERR;
	int to;
	int rc = exchange_transition(e.status, action, &to, msg);
	if (rc != XQ_OK)
		return rc;
	if (enum_parse(exchange_action_items, action) == EXA_COMPLETE) {
		if (evaluation < 0) {
			xq_msg(msg, _("completing an exchange needs its evaluation (%s)"),
				enum_keys_joined(evaluation_items));
			return XQ_ERR;
		}
		if (exchange_complete(&e, evaluation, msg) != XQ_OK)
			return XQ_ERR;
	} else
		e.status = to;
	int act = enum_parse(exchange_action_items, action);
	if (reason && act != EXA_REJECT && act != EXA_CANCEL) {
		xq_msg(msg, "%s", _("only a rejection or a cancellation takes a reason"));
		return XQ_ERR;
	}
	if (exchange_note_add(&e, reason, msg) != XQ_OK)
		return XQ_ERR;
	/* a status or end date that makes the exchange count again must not overlap another */
	struct exchange *others;
	int n;
	if (teacher_exchanges(db, e.teacher_id, &others, &n) != XQ_OK)
		return XQ_ERR;
	int clash = exchange_overlap(&e, others, n, msg);
	free(others);
	if (clash >= 0)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE exchange SET status = ?, evaluation = ?, end_date = ?, "
					"note = ?, rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, enum_key(exchange_status_items, e.status));
	if (e.evaluation >= 0)
		bind_text(st, 2, enum_key(evaluation_items, e.evaluation));
	else
		sqlite3_bind_null(st, 2);
	bind_text(st, 3, e.end_date);
	bind_text_null(st, 4, e.note);
	sqlite3_bind_int64(st, 5, id);
	sqlite3_bind_int64(st, 6, e.rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, "exchange", id, msg);
	return XQ_OK;
}

int db_exchange_act_reason(struct db *db, int64_t id, int64_t rev, const char *action,
	int evaluation, const char *reason, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	return finish(db, act_checked(db, id, rev, action, evaluation, reason, msg), msg);
}

int db_exchange_act(struct db *db, int64_t id, int64_t rev, const char *action, int evaluation,
	char *msg)
{
	return db_exchange_act_reason(db, id, rev, action, evaluation, NULL, msg);
}

bool db_exchange_over_cap(struct db *db, const struct exchange *e, const struct exchange_policy *p,
	long *away, long *cap)
{
	long teachers = (long)db_lookup_id(db, "SELECT count(*) FROM teacher WHERE school_id = ?",
		e->from_school_id);
	*cap = (long)floor(p->max_out_ratio * (double)teachers + 1e-9);
	/* the most away at once: at each start of an overlapping exchange, count those running */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT max((SELECT count(*) FROM exchange y WHERE y.from_school_id = ?1 AND "
		"y.status IN ('approved','active','extended') AND y.start_date <= x.start_date AND "
		"y.end_date >= x.start_date)) FROM exchange x WHERE x.from_school_id = ?1 AND "
		"x.status IN ('approved','active','extended') AND x.start_date <= ?3 AND "
		"x.end_date >= ?2", NULL);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, e->from_school_id);
	bind_text(st, 2, e->start_date);
	bind_text(st, 3, e->end_date);
	*away = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return *away > *cap;
}

/* Each school's district and whether it has teachers, by id: all a quota asks of the
 * schools. */
struct school_brief {
	int64_t id, district_id;
	bool has_teachers;
};

static int cmp_school_brief(const void *a, const void *b)
{
	int64_t x = ((const struct school_brief *)a)->id, y = ((const struct school_brief *)b)->id;
	return (x > y) - (x < y);
}

/* School id's brief among the n of b (in id order), or NULL. */
static const struct school_brief *brief_of(const struct school_brief *b, int n, int64_t id)
{
	struct school_brief key = {.id = id};
	return bsearch(&key, b, (size_t)n, sizeof *b, cmp_school_brief);
}

static int school_briefs(struct db *db, struct school_brief **rows, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT s.id, m.district_id, EXISTS (SELECT 1 FROM teacher t "
					"WHERE t.school_id = s.id) FROM school s LEFT JOIN member m ON "
					"m.school_id = s.id AND m.to_date IS NULL ORDER BY s.id", NULL);
	*rows = NULL;
	*n = 0;
	if (!st)
		return XQ_ERR;
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		(*rows)[(*n)++] = (struct school_brief){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2) != 0};
	}
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* What the year's analyses read, loaded once: the schools, exemptions and exchanges. The
 * teachers, many more, are read one at a time (county_teachers, county_teachers_brief). */
struct county {
	struct school_row *schools; /* by id (school_index); NULL without COUNTY_ROWS */
	int nschools;
	struct school_brief *briefs; /* without COUNTY_ROWS: by id, only their districts */
	int nbriefs;
	struct exemption_brief *exemptions; /* by teacher id */
	int nexemptions;
	struct exchange_brief *exchanges; /* by teacher id */
	int nexchanges;
};

static void county_free(struct county *c)
{
	free(c->schools);
	free(c->briefs);
	free(c->exemptions);
	free(c->exchanges);
	memset(c, 0, sizeof *c);
}

/* The exchanges the rules of year read (of the year, or not ended before its first day),
 * by teacher id (the third column), start and id: a statement to step. */
static sqlite3_stmt *year_exchanges(struct db *db, const char *year, const char *first)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EXB_COLS EXB_JOIN " WHERE x.year = ?1 OR x.end_date >= ?2 "
					"ORDER BY x.teacher_id, x.start_date, x.id", NULL);
	if (st) {
		bind_text(st, 1, year);
		bind_text(st, 2, first);
	}
	return st;
}

/* Only the exchanges that keep a teacher away as the year begins (started before its
 * first day, not ended before it): all the eligibility rule reads. */
static sqlite3_stmt *running_exchanges(struct db *db, const char *first)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EXB_COLS EXB_JOIN " WHERE x.start_date < ?1 AND "
					"x.end_date >= ?1 ORDER BY x.teacher_id, x.start_date, x.id", NULL);
	if (st)
		bind_text(st, 1, first);
	return st;
}

enum {
	COUNTY_YEAR = 1,    /* the year's own exchanges too, which the quota, plan and picker read */
	COUNTY_ROWS = 2,    /* the schools' whole rows (names, places), else their districts only */
};

/* The county as the rules of year read it: the exemptions in force in the year, and the
 * exchanges of the year (COUNTY_YEAR) or not ended before it began (what is older counts,
 * runs and keeps away no more), so that years of history do not weigh. */
static int county_load(struct db *db, struct county *c, const char *year, const struct exchange_policy *p,
	int flags, char *msg)
{
	char first[DATE_LEN], last[DATE_LEN];
	exchange_year_bounds(year, p, first, last);
	memset(c, 0, sizeof *c);
	if (flags & COUNTY_ROWS ? db_school_all(db, &c->schools, &c->nschools)
				: school_briefs(db, &c->briefs, &c->nbriefs)) {
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
		return XQ_ERR;
	}
	if (db_exemption_list_during(db, first, last, &c->exemptions, &c->nexemptions) != XQ_OK) {
		county_free(c);
		xq_msg(msg, "%s", _("cannot read the exemptions"));
		return XQ_ERR;
	}
	/* the exchanges as the rules read them (a county's many exchanges with their names
	 * and notes are ten times as large) */
	sqlite3_stmt *st = flags & COUNTY_YEAR ? year_exchanges(db, year, first) : running_exchanges(db, first);
	int cap = 0;
	if (!st || read_briefs(st, &c->exchanges, &c->nexchanges, &cap) != XQ_OK) {
		county_free(c);
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
		return XQ_ERR;
	}
	return XQ_OK; /* in teacher order, as the rules look them up */
}

/* The first index in a sorted array whose teacher_id is >= id. */
#define LOWER_BOUND(arr, n, id, out)                                      \
	do {                                                              \
		int lo_ = 0, hi_ = (n);                                   \
		while (lo_ < hi_) {                                       \
			int mid_ = (lo_ + hi_) / 2;                       \
			if ((arr)[mid_].teacher_id < (id))                \
				lo_ = mid_ + 1;                           \
			else                                              \
				hi_ = mid_;                               \
		}                                                         \
		(out) = lo_;                                              \
	} while (0)

/* The school's index in c->schools (in id order; ids are far apart where offline packs
 * made them), -1 when unknown. */
static int school_index(const struct county *c, int64_t school_id)
{
	int lo = 0, hi = c->nschools;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->schools[mid].s.id < school_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nschools && c->schools[lo].s.id == school_id ? lo : -1;
}

static int64_t district_of(const struct county *c, int64_t school_id)
{
	if (c->briefs) {
		const struct school_brief *b = brief_of(c->briefs, c->nbriefs, school_id);
		return b ? b->district_id : 0;
	}
	int i = school_index(c, school_id);
	return i < 0 ? 0 : c->schools[i].district_id;
}

/* Every teacher of the county (of one school when school_id > 0) in staff-number order,
 * one at a time, each handed to fn with its index: a county's teachers are never all held
 * at once. */
struct county_walk {
	const struct county *c;
	int i;
	int (*fn)(void *, const struct county *, int, const struct teacher_row *);
	void *ctx;
};

static int county_walk_one(void *w_, const struct teacher_row *r)
{
	struct county_walk *w = w_;
	return w->fn(w->ctx, w->c, w->i++, r);
}

struct county_brief {
	const struct county *c;
	int (*fn)(void *, const struct county *, const struct teacher *);
	void *ctx;
};

static int county_brief_one(void *w_, const struct teacher *t)
{
	struct county_brief *w = w_;
	return w->fn(w->ctx, w->c, t);
}

/* The same with only the fields the rules read (db_teacher_each_brief). */
static int county_teachers_brief(struct db *db, const struct county *c,
	int (*fn)(void *, const struct county *, const struct teacher *), void *ctx, char *msg)
{
	struct county_brief w = {c, fn, ctx};
	if (db_teacher_each_brief(db, false, county_brief_one, &w) != XQ_OK) {
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
		return XQ_ERR;
	}
	return XQ_OK;
}

static int county_teachers(struct db *db, const struct county *c, int64_t school_id,
	int (*fn)(void *, const struct county *, int, const struct teacher_row *), void *ctx, char *msg)
{
	struct teacher_query tq;
	teacher_query_init(&tq);
	tq.sort = TEACHER_SORT_STAFF_NO;
	tq.school_id = school_id;
	struct county_walk w = {c, 0, fn, ctx};
	if (db_teacher_each(db, &tq, county_walk_one, &w) != XQ_OK) {
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
		return XQ_ERR;
	}
	return XQ_OK;
}

/* The eligibility rule for teacher t of the county in year, its facts in *f
 * (exchange_eligibility_fact). */
static int eligibility_fact(const struct county *c, const struct teacher *t, const char *year,
	const struct exchange_policy *p, struct exchange_elig_fact *f)
{
	int e0, x0;
	LOWER_BOUND(c->exemptions, c->nexemptions, t->id, e0);
	int e1 = e0;
	while (e1 < c->nexemptions && c->exemptions[e1].teacher_id == t->id)
		e1++;
	LOWER_BOUND(c->exchanges, c->nexchanges, t->id, x0);
	int x1 = x0;
	while (x1 < c->nexchanges && c->exchanges[x1].teacher_id == t->id)
		x1++;
	/* (no arithmetic on a county without exemptions or exchanges: their arrays are NULL) */
	return exchange_eligibility_fact(t, e1 > e0 ? c->exemptions + e0 : NULL, e1 - e0,
		x1 > x0 ? c->exchanges + x0 : NULL, x1 - x0, year, p, f);
}

/* The same with the reason worded into why (may be NULL). */
static int eligibility_of(const struct county *c, const struct teacher *t, const char *year,
	const struct exchange_policy *p, char *why, size_t whysize)
{
	struct exchange_elig_fact f;
	int code = eligibility_fact(c, t, year, p, &f);
	exchange_elig_why(&f, year, p, why, whysize);
	return code;
}

/* Eligibility of a teacher of the county in year, with the reasons. */
static void judge(const struct county *c, const struct teacher_row *r, const char *year,
	const struct exchange_policy *p, struct teacher_elig *out)
{
	const struct teacher *t = &r->t;
	memset(out, 0, sizeof *out);
	out->t = *t;
	xq_copy(out->school_name, sizeof out->school_name, r->school_name);
	out->elig = eligibility_of(c, t, year, p, out->why, sizeof out->why);
	out->years_at_school = exchange_years_at_school(t, year, p);
	out->principal = exchange_principal_status(t, year, p, &out->principal_years,
		out->principal_why, sizeof out->principal_why);
}

static int bad_year(const char *year, char *msg)
{
	int first;
	if (!year || !exchange_year_parse(year, &first)) {
		xq_msg(msg, _("'%s' is not a school year (YYYY-YYYY, e.g. 2025-2026)"), year ? year : "");
		return 1;
	}
	return 0;
}

struct elig_walk {
	const char *year;
	const struct exchange_policy *p;
	int (*fn)(void *, const struct teacher_elig *);
	void *ctx;
	struct teacher_elig row;
};

static int elig_one(void *w_, const struct county *c, int i, const struct teacher_row *t)
{
	struct elig_walk *w = w_;
	(void)i;
	judge(c, t, w->year, w->p, &w->row);
	w->row.district_id = district_of(c, w->row.t.school_id);
	return w->fn(w->ctx, &w->row);
}

int db_exchange_eligibility_each(struct db *db, const char *year, const struct exchange_policy *p,
	int64_t school_id, int (*fn)(void *, const struct teacher_elig *), void *ctx, char *msg)
{
	if (bad_year(year, msg))
		return XQ_ERR;
	struct county c;
	if (county_load(db, &c, year, p, 0, msg) != XQ_OK)
		return XQ_ERR;
	struct elig_walk *w = xmalloc(sizeof *w);
	*w = (struct elig_walk){.year = year, .p = p, .fn = fn, .ctx = ctx};
	int rc = county_teachers(db, &c, school_id, elig_one, w, msg);
	free(w);
	county_free(&c);
	return rc;
}

int db_exchange_eligibility_one(struct db *db, const char *year, const struct exchange_policy *p,
	int64_t teacher_id, struct teacher_elig *out, char *msg)
{
	if (bad_year(year, msg))
		return XQ_ERR;
	struct teacher_row *r = xcalloc(1, sizeof *r);
	struct county c;
	memset(&c, 0, sizeof c);
	int rc = XQ_ERR;
	if (db_teacher_get(db, teacher_id, &r->t) != XQ_OK) {
		xq_msg(msg, "%s", _("that teacher is no longer in the database"));
		goto done;
	}
	/* the county as far as this teacher's rules read it: the school, the exemptions and
	 * the exchanges of the teacher */
	c.schools = xcalloc(1, sizeof *c.schools);
	if (r->t.school_id > 0 && db_school_row(db, r->t.school_id, &c.schools[0]) == XQ_OK) {
		c.nschools = 1;
		xq_copy(r->school_name, sizeof r->school_name, c.schools[0].s.name);
	}
	struct exemption *ex = NULL;
	int nex = 0, cap = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT " EXB_COLS EXB_JOIN " WHERE x.teacher_id = ? "
					"ORDER BY x.start_date, x.id", NULL);
	if (st)
		sqlite3_bind_int64(st, 1, teacher_id);
	if (!st || read_briefs(st, &c.exchanges, &c.nexchanges, &cap) != XQ_OK ||
	    db_exemption_list(db, teacher_id, &ex, &nex) != XQ_OK) {
		free(ex);
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
		goto done;
	}
	c.exemptions = xcalloc((size_t)nex + 1, sizeof *c.exemptions);
	for (c.nexemptions = 0; c.nexemptions < nex; c.nexemptions++)
		exemption_brief_of(&ex[c.nexemptions], &c.exemptions[c.nexemptions]);
	free(ex);
	judge(&c, r, year, p, out);
	out->district_id = district_of(&c, out->t.school_id);
	rc = XQ_OK;
done:
	county_free(&c);
	free(r);
	return rc;
}

/* The reasons of a walk, worded once for each distinct fact (a city's 28,857 teachers have
 * some 2,300): the distinct facts in the order met, numbered so, their words in one text,
 * and open addressing on the facts' bytes (slots hold a number + 1, 0 when free). */
struct why_memo {
	struct why_entry {
		struct exchange_elig_fact f;
		size_t at; /* its words in text */
	} *e;
	int n, cap;
	char *text;
	size_t len, size;
	int *slots;
	size_t nslots;
};

static size_t fact_hash(const struct exchange_elig_fact *f)
{
	const unsigned char *b = (const unsigned char *)f;
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < sizeof *f; i++)
		h = (h ^ b[i]) * 1099511628211u;
	return (size_t)h;
}

/* Slot k of f: its own, or the free one where it goes. */
static size_t why_slot(const struct why_memo *m, const struct exchange_elig_fact *f)
{
	size_t k = fact_hash(f) & (m->nslots - 1);
	while (m->slots[k] && memcmp(&m->e[m->slots[k] - 1].f, f, sizeof *f) != 0)
		k = (k + 1) & (m->nslots - 1);
	return k;
}

/* f's words (until the next call) and its number in *no. */
static const char *why_memo(struct why_memo *m, const struct exchange_elig_fact *f,
	const char *year, const struct exchange_policy *p, int *no)
{
	if (2 * ((size_t)m->n + 1) > m->nslots) { /* grow and place again */
		free(m->slots);
		m->nslots = m->nslots ? m->nslots * 2 : 1024;
		m->slots = xcalloc(m->nslots, sizeof *m->slots);
		for (int i = 0; i < m->n; i++)
			m->slots[why_slot(m, &m->e[i].f)] = i + 1;
	}
	size_t k = why_slot(m, f);
	if (!m->slots[k]) {
		char why[256];
		exchange_elig_why(f, year, p, why, sizeof why);
		size_t len = strlen(why) + 1;
		if (m->len + len > m->size) {
			m->size = m->size ? 2 * m->size + len : 64 * 1024;
			m->text = xrealloc(m->text, m->size);
		}
		m->e = db_grow(m->e, m->n, &m->cap, sizeof *m->e);
		memcpy(&m->e[m->n].f, f, sizeof *f); /* padding too: compared by bytes */
		m->e[m->n].at = m->len;
		memcpy(m->text + m->len, why, len);
		m->len += len;
		m->slots[k] = ++m->n;
	}
	*no = m->slots[k] - 1;
	return m->text + m->e[*no].at;
}

static void why_memo_free(struct why_memo *m)
{
	free(m->e);
	free(m->text);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

struct pick_walk {
	const char *year;
	const struct exchange_policy *p;
	int (*fn)(void *, const struct teacher_pick *);
	void *ctx;
	struct teacher_pick row;
	struct why_memo whys;
};

static const char *school_name_of(const struct county *c, int64_t school_id)
{
	int i = school_index(c, school_id);
	return i < 0 ? "" : c->schools[i].s.name;
}

static int pick_one(void *w_, const struct county *c, const struct teacher *t)
{
	struct pick_walk *w = w_;
	struct teacher_pick *k = &w->row;
	k->t = t;
	k->school_name = school_name_of(c, t->school_id);
	struct exchange_elig_fact f;
	k->elig = eligibility_fact(c, t, w->year, w->p, &f);
	k->why_no = -1;
	k->why = k->elig == ELIG_YES ? "" : why_memo(&w->whys, &f, w->year, w->p, &k->why_no);
	k->years_at_school = exchange_years_at_school(t, w->year, w->p);
	k->busy = NULL;
	k->busy_to = "";
	if (k->elig == ELIG_YES) {
		int x;
		LOWER_BOUND(c->exchanges, c->nexchanges, t->id, x);
		for (; x < c->nexchanges && c->exchanges[x].teacher_id == t->id && !k->busy; x++)
			if (exchange_holds_year(&c->exchanges[x], w->year)) {
				k->busy = &c->exchanges[x];
				k->busy_to = school_name_of(c, k->busy->to_school_id);
			}
	}
	return w->fn(w->ctx, k);
}

int db_exchange_pick_each(struct db *db, const char *year, const struct exchange_policy *p,
	int (*fn)(void *, const struct teacher_pick *), void *ctx, char *msg)
{
	if (bad_year(year, msg))
		return XQ_ERR;
	struct county c;
	if (county_load(db, &c, year, p, COUNTY_ROWS | COUNTY_YEAR, msg) != XQ_OK)
		return XQ_ERR;
	struct pick_walk w = {.year = year, .p = p, .fn = fn, .ctx = ctx};
	struct county_brief b = {&c, pick_one, &w};
	int rc = XQ_OK;
	if (db_teacher_each_brief(db, true, county_brief_one, &b) != XQ_OK) {
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
		rc = XQ_ERR;
	}
	county_free(&c);
	why_memo_free(&w.whys);
	return rc;
}

struct elig_rows {
	struct teacher_elig *rows;
	int n, cap;
};

static int elig_keep(void *r_, const struct teacher_elig *e)
{
	struct elig_rows *r = r_;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->rows = xrealloc(r->rows, (size_t)r->cap * sizeof *r->rows);
	}
	r->rows[r->n++] = *e;
	return XQ_OK;
}

int db_exchange_eligibility(struct db *db, const char *year, const struct exchange_policy *p,
	int64_t school_id, struct teacher_elig **rows, int *n, char *msg)
{
	struct elig_rows r = {NULL, 0, 0};
	*rows = NULL;
	*n = 0;
	if (db_exchange_eligibility_each(db, year, p, school_id, elig_keep, &r, msg) != XQ_OK) {
		free(r.rows);
		return XQ_ERR;
	}
	*rows = r.rows;
	*n = r.n;
	return XQ_OK;
}

struct facts_walk {
	const char *year;
	const struct exchange_policy *p;
	struct exchange_fact *facts;
	int n, cap;
	/* for the plan: every teacher in post, and the candidates (set apart by plan_one) */
	int (*more)(void *, const struct county *, const struct teacher *, const struct exchange_fact *);
	void *more_ctx;
};

static int fact_one(void *w_, const struct county *c, const struct teacher *t)
{
	struct facts_walk *w = w_;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->facts = xrealloc(w->facts, (size_t)w->cap * sizeof *w->facts);
	}
	struct exchange_fact *f = &w->facts[w->n++];
	f->teacher_id = t->id;
	f->school_id = t->school_id;
	f->district_id = district_of(c, t->school_id);
	f->eligible = eligibility_of(c, t, w->year, w->p, NULL, 0) == ELIG_YES;
	f->backbone = t->backbone;
	return w->more ? w->more(w->more_ctx, c, t, f) : XQ_OK;
}

/* The quota rows named: their district's or school's. */
static void quota_name(struct db *db, const struct exchange_quota_row *q, int nq, int scope,
	struct quota_row **rows, int *n)
{
	*rows = xcalloc((size_t)nq + 1, sizeof **rows);
	for (int i = 0; i < nq; i++) {
		struct quota_row *r = &(*rows)[i];
		r->r = q[i];
		if (scope == EXSCOPE_DISTRICT) {
			struct district d;
			if (q[i].key > 0 && db_district_get(db, q[i].key, &d) == XQ_OK)
				xq_copy(r->name, sizeof r->name, d.name);
			else
				xq_copy(r->name, sizeof r->name, "(no district)");
		} else if (scope == EXSCOPE_SCHOOL) {
			struct school s;
			if (db_school_get(db, q[i].key, &s) == XQ_OK) {
				xq_copy(r->name, sizeof r->name, s.name);
				xq_copy(r->code, sizeof r->code, s.code);
			}
		}
	}
	*n = nq;
}

/* A quota counted as the county's teachers come in id order, each with their exemptions
 * and exchanges read beside them (three reads in step): nothing of the county is held but
 * its schools' districts and one teacher's rows. */
struct quota_walk {
	const char *year;
	const struct exchange_policy *p;
	struct exchange_quota_tally *q[3];
	int nq;
	const struct school_brief *schools;
	int nschools;
	sqlite3_stmt *est, *xst; /* positioned on the next row not taken, while erc/xrc is a row */
	int erc, xrc;
	struct exemption_brief *es; /* the teacher's */
	int nes, capes;
	struct exchange_brief *xs;
	int nxs, capxs;
};

/* The district a quota counts a sending school's exchanges in: -1 when no teacher is there. */
static int64_t from_district(const struct quota_walk *w, int64_t school_id)
{
	const struct school_brief *s = brief_of(w->schools, w->nschools, school_id);
	return s && s->has_teachers ? s->district_id : -1;
}

/* Takes the next teacher's exchanges (the rows of one teacher id, from where the read is)
 * into xs. */
static void take_exchanges(struct quota_walk *w)
{
	w->nxs = 0;
	int64_t id = sqlite3_column_int64(w->xst, 2);
	while (w->xrc == SQLITE_ROW && sqlite3_column_int64(w->xst, 2) == id) {
		w->xs = db_grow(w->xs, w->nxs, &w->capxs, sizeof *w->xs);
		read_brief(w->xst, &w->xs[w->nxs++]);
		w->xrc = sqlite3_step(w->xst);
	}
}

/* Whether the read of the exchanges stands on a row of a teacher id before id. */
static bool exchanges_before(const struct quota_walk *w, int64_t id)
{
	return w->xrc == SQLITE_ROW && sqlite3_column_int64(w->xst, 2) < id;
}

/* The one exchange of xs (one teacher's, earliest first) that counts in the year. */
static void tally_exchanges(struct quota_walk *w, const struct exchange_fact *f)
{
	for (int i = 0; i < w->nxs; i++)
		if (exchange_counts_in_year(&w->xs[i], w->year, w->p)) {
			for (int k = 0; k < w->nq; k++)
				exchange_quota_tally_exchange(w->q[k], &w->xs[i],
					from_district(w, w->xs[i].from_school_id), f);
			if (w->xs[i].teacher_id) /* one a teacher */
				return;
		}
}

static int quota_teacher(void *w_, const struct teacher *t)
{
	struct quota_walk *w = w_;
	/* exchanges of no teacher in the walk, before this one */
	while (exchanges_before(w, t->id)) {
		take_exchanges(w);
		tally_exchanges(w, NULL);
	}
	w->nes = 0;
	while (w->erc == SQLITE_ROW && sqlite3_column_int64(w->est, 0) <= t->id) {
		if (sqlite3_column_int64(w->est, 0) == t->id) {
			w->es = db_grow(w->es, w->nes, &w->capes, sizeof *w->es);
			db_exemption_read(w->est, &w->es[w->nes++]);
		}
		w->erc = sqlite3_step(w->est);
	}
	w->nxs = 0;
	if (w->xrc == SQLITE_ROW && sqlite3_column_int64(w->xst, 2) == t->id)
		take_exchanges(w);
	const struct school_brief *s = brief_of(w->schools, w->nschools, t->school_id);
	struct exchange_fact f = {.teacher_id = t->id, .school_id = t->school_id,
		.district_id = s ? s->district_id : 0, .backbone = t->backbone};
	f.eligible = exchange_eligibility(t, w->es, w->nes, w->xs, w->nxs, w->year, w->p, NULL, 0) ==
		     ELIG_YES;
	for (int k = 0; k < w->nq; k++)
		exchange_quota_tally_teacher(w->q[k], &f);
	tally_exchanges(w, &f);
	return XQ_OK;
}

/* The quotas of nscopes scopes from one reading: the rows of scopes[k] in rows[k], n[k]. */
static int quota_read(struct db *db, const char *year, const struct exchange_policy *p, int nscopes,
	const int *scopes, struct quota_row **rows[], int *n[], char *msg)
{
	for (int k = 0; k < nscopes; k++) {
		*rows[k] = NULL;
		*n[k] = 0;
	}
	if (bad_year(year, msg))
		return XQ_ERR;
	char first[DATE_LEN], last[DATE_LEN];
	exchange_year_bounds(year, p, first, last);
	struct quota_walk w = {.year = year, .p = p};
	for (int k = 0; k < nscopes; k++)
		w.q[w.nq++] = exchange_quota_tally_new(scopes[k]);
	int rc = XQ_ERR;
	/* one read transaction (or a part of the caller's): the three reads see one county */
	if (db_exec(db, "SAVEPOINT quota", msg) != XQ_OK)
		goto done;
	if (school_briefs(db, (struct school_brief **)&w.schools, &w.nschools) == XQ_OK &&
	    (w.est = db_exemptions_during(db, first, last)) != NULL &&
	    (w.xst = year_exchanges(db, year, first)) != NULL) {
		w.erc = sqlite3_step(w.est);
		w.xrc = sqlite3_step(w.xst);
		if (db_teacher_each_brief(db, false, quota_teacher, &w) == XQ_OK &&
		    (w.erc == SQLITE_ROW || w.erc == SQLITE_DONE)) {
			while (w.xrc == SQLITE_ROW) { /* of no teacher in the walk, after the last */
				take_exchanges(&w);
				tally_exchanges(&w, NULL);
			}
			rc = w.xrc == SQLITE_DONE ? XQ_OK : XQ_ERR;
		}
	}
	if (w.est)
		db_done(w.est);
	if (w.xst)
		db_done(w.xst);
	if (rc == XQ_OK) /* the names read in the same transaction */
		for (int k = 0; k < w.nq; k++) {
			struct exchange_quota_row *q = NULL;
			int nq = exchange_quota_tally_end(w.q[k], p, &q);
			w.q[k] = NULL;
			quota_name(db, q, nq, scopes[k], rows[k], n[k]);
			free(q);
		}
	db_exec(db, "RELEASE quota", NULL);
	if (rc != XQ_OK)
		xq_msg(msg, "%s", _("cannot read the schools and teachers"));
done:
	for (int k = 0; k < w.nq; k++)
		if (w.q[k]) {
			struct exchange_quota_row *q = NULL;
			exchange_quota_tally_end(w.q[k], p, &q);
			free(q);
		}
	free((void *)w.schools);
	free(w.es);
	free(w.xs);
	return rc;
}

/* The county's quota from its rows (none: a county without teachers). */
static void county_of(const struct quota_row *rows, int n, const struct exchange_policy *p, struct exchange_quota *county)
{
	if (n > 0)
		*county = rows[0].r.q;
	else
		exchange_quota_compute(0, 0, 0, p, county);
}

int db_exchange_quota2(struct db *db, const char *year, const struct exchange_policy *p, int scope,
	struct quota_row **rows, int *n, struct exchange_quota *county, char *msg)
{
	struct quota_row *crows = NULL;
	int cn = 0;
	int scopes[2] = {scope, EXSCOPE_COUNTY};
	struct quota_row **r[2] = {rows, &crows};
	int *c[2] = {n, &cn};
	int rc = quota_read(db, year, p, county ? 2 : 1, scopes, r, c, msg);
	if (rc == XQ_OK && county)
		county_of(crows, cn, p, county);
	free(crows);
	return rc;
}

int db_exchange_quota(struct db *db, const char *year, const struct exchange_policy *p, int scope,
	struct quota_row **rows, int *n, char *msg)
{
	return db_exchange_quota2(db, year, p, scope, rows, n, NULL, msg);
}

int db_exchange_quota_sets(struct db *db, const char *year, const struct exchange_policy *p, struct quota_sets *out,
	char *msg)
{
	struct quota_row *crows = NULL;
	int cn = 0;
	memset(out, 0, sizeof *out);
	int scopes[3] = {EXSCOPE_COUNTY, EXSCOPE_SCHOOL, EXSCOPE_DISTRICT};
	struct quota_row **r[3] = {&crows, &out->school, &out->district};
	int *c[3] = {&cn, &out->nschool, &out->ndistrict};
	int rc = quota_read(db, year, p, 3, scopes, r, c, msg);
	if (rc == XQ_OK)
		county_of(crows, cn, p, &out->county);
	free(crows);
	return rc;
}

void quota_sets_free(struct quota_sets *q)
{
	free(q->school);
	free(q->district);
	memset(q, 0, sizeof *q);
}

static int cmp_subsidy(const void *a, const void *b)
{
	int64_t x = ((const struct subsidy_row *)a)->key, y = ((const struct subsidy_row *)b)->key;
	return (x > y) - (x < y);
}

int db_exchange_subsidy(struct db *db, const char *year, const struct exchange_policy *p, int scope,
	struct subsidy_row **rows, int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	if (bad_year(year, msg))
		return XQ_ERR;
	char first[DATE_LEN], last[DATE_LEN];
	exchange_year_bounds(year, p, first, last);
	struct exchange_query q;
	exchange_query_init(&q);
	long total = db_exchange_count(db, &q);
	struct exchange_row *ex = xcalloc((size_t)(total > 0 ? total : 1), sizeof *ex);
	int got = total > 0 ? db_exchange_page(db, &q, 0, (int)total, ex) : 0;
	int cap = 0;
	for (int i = 0; i < got; i++) {
		const struct exchange *e = &ex[i].e;
		if (e->status != EXS_APPROVED && e->status != EXS_ACTIVE && e->status != EXS_COMPLETED &&
		    e->status != EXS_EXTENDED)
			continue;
		if (strcmp(e->start_date, last) > 0 || strcmp(e->end_date, first) < 0)
			continue;
		int64_t key = scope == EXSCOPE_SCHOOL ? e->from_school_id
			: scope == EXSCOPE_DISTRICT ? current_district(db, e->from_school_id) : 0;
		int k;
		for (k = 0; k < *n && (*rows)[k].key != key; k++)
			;
		if (k == *n) {
			*rows = db_grow(*rows, *n, &cap, sizeof **rows);
			memset(&(*rows)[k], 0, sizeof **rows);
			(*rows)[k].key = key;
			(*n)++;
		}
		struct subsidy_row *r = &(*rows)[k];
		double y = exchange_subsidy_year(e, year, p);
		r->exchanges++;
		if (isnan(y))
			r->unknown++;
		else
			r->yuan += y;
	}
	free(ex);
	if (*n > 1)
		qsort(*rows, (size_t)*n, sizeof **rows, cmp_subsidy);
	for (int i = 0; i < *n; i++) {
		struct subsidy_row *r = &(*rows)[i];
		struct district d;
		struct school s;
		if (scope == EXSCOPE_DISTRICT)
			xq_copy(r->name, sizeof r->name,
				r->key > 0 && db_district_get(db, r->key, &d) == XQ_OK ? d.name : "(no district)");
		else if (scope == EXSCOPE_SCHOOL && db_school_get(db, r->key, &s) == XQ_OK) {
			xq_copy(r->name, sizeof r->name, s.name);
			xq_copy(r->code, sizeof r->code, s.code);
		}
	}
	return XQ_OK;
}

void plan_report_free(struct plan_report *r)
{
	plan_result_free(&r->result);
	free(r->proposals);
	memset(r, 0, sizeof *r);
}

/* Whether an exchange keeps its teacher away from the home school at some time in year. */
static bool away_in(const struct exchange_brief *e, const char *first, const char *last)
{
	if (e->status != EXS_APPROVED && e->status != EXS_ACTIVE && e->status != EXS_EXTENDED)
		return false;
	return strcmp(e->start_date, last) <= 0 && (!*e->end_date || strcmp(e->end_date, first) >= 0);
}

struct plan_walk {
	const char *year;
	const struct exchange_policy *p;
	const char *first, *last;
	const struct exchange_brief *pending; /* as c->exchanges, proposals of the year approved */
	struct plan_school *schools;	/* as c->schools */
	struct plan_teacher *all, *cand;
	int nall, ncand, cap_all, cap_cand;
	/* the teachers' subjects, each text once (a county has few): all[] and cand[] point
	 * into them */
	char **subjects;
	size_t nsubjects, slots;
};

/* The one copy of text s among the walk's subjects. */
static const char *subjects_intern(struct plan_walk *w, const char *s)
{
	if (2 * (w->nsubjects + 1) > w->slots) {
		size_t old = w->slots;
		char **t = w->subjects;
		w->slots = old ? old * 2 : 256;
		w->subjects = xcalloc(w->slots, sizeof *w->subjects);
		for (size_t i = 0; i < old; i++)
			if (t[i]) {
				size_t k = text_hash(t[i]) & (w->slots - 1);
				while (w->subjects[k])
					k = (k + 1) & (w->slots - 1);
				w->subjects[k] = t[i];
			}
		free(t);
	}
	size_t k = text_hash(s) & (w->slots - 1);
	while (w->subjects[k] && strcmp(w->subjects[k], s) != 0)
		k = (k + 1) & (w->slots - 1);
	if (!w->subjects[k]) {
		w->subjects[k] = xstrdup(s);
		w->nsubjects++;
	}
	return w->subjects[k];
}

static void subjects_free(struct plan_walk *w)
{
	for (size_t i = 0; i < w->slots; i++)
		free(w->subjects[i]);
	free(w->subjects);
}

/* One teacher for the plan: in post, all[]; a candidate, cand[]; away, its school's count. */
static int plan_one(void *w_, const struct county *c, const struct teacher *t,
	const struct exchange_fact *f)
{
	struct plan_walk *w = w_;
	if (w->nall == w->cap_all) {
		w->cap_all = w->cap_all * 2 + 16;
		w->all = xrealloc(w->all, (size_t)w->cap_all * sizeof *w->all);
	}
	if (w->ncand == w->cap_cand) { /* the eligible ones: fewer */
		w->cap_cand = w->cap_cand * 2 + 16;
		w->cand = xrealloc(w->cand, (size_t)w->cap_cand * sizeof *w->cand);
	}
	struct plan_teacher pt = {.id = t->id, .school_id = t->school_id,
		.backbone = t->backbone >= BB_COUNTY, .subjects = subjects_intern(w, t->subjects)};
	if (t->employment == EMP_IN_POST)
		w->all[w->nall++] = pt;
	int home = school_index(c, t->school_id);
	if (home >= 0)
		w->schools[home].teachers++; /* every teacher of the school, as it counts them */
	/* a candidate: eligible, not already moving or away in the year, and not rejected
	 * for it (an administrator decided against that move; proposing by hand still can) */
	bool busy = false;
	int x0;
	LOWER_BOUND(c->exchanges, c->nexchanges, t->id, x0);
	for (int k = x0; k < c->nexchanges && c->exchanges[k].teacher_id == t->id; k++) {
		const struct exchange_brief *e = &w->pending[k];
		if (exchange_counts_in_year(e, w->year, w->p) || away_in(e, w->first, w->last) ||
		    (e->status == EXS_REJECTED && strcmp(e->year, w->year) == 0))
			busy = true;
		if (away_in(e, w->first, w->last) && home >= 0)
			w->schools[home].away++; /* schools[] follows c->schools */
	}
	if (f->eligible && !busy)
		w->cand[w->ncand++] = pt;
	return XQ_OK;
}

int db_exchange_plan(struct db *db, const char *year, const struct exchange_policy *p,
	struct plan_report *out, char *msg)
{
	memset(out, 0, sizeof *out);
	if (db_require_county(db, _("the exchange plan"), msg) != XQ_OK || bad_year(year, msg))
		return XQ_ERR;
	char first[DATE_LEN], last[DATE_LEN];
	exchange_year_bounds(year, p, first, last);
	/* one read transaction (or a part of the caller's): one county, and not each of the
	 * proposals' teachers read in a transaction of its own */
	if (db_exec(db, "SAVEPOINT plan", msg) != XQ_OK)
		return XQ_ERR;
	struct county c;
	if (county_load(db, &c, year, p, COUNTY_ROWS | COUNTY_YEAR, msg) != XQ_OK) {
		db_exec(db, "RELEASE plan", NULL);
		return XQ_ERR;
	}
	/* proposals already made for the year are pending: plan only what they leave missing,
	 * and count their teachers as away, so planning twice does not propose twice */
	struct exchange_brief *pending = xcalloc((size_t)c.nexchanges + 1, sizeof *pending);
	for (int i = 0; i < c.nexchanges; i++) {
		pending[i] = c.exchanges[i];
		if (pending[i].status == EXS_PROPOSED && strcmp(pending[i].year, year) == 0)
			pending[i].status = EXS_APPROVED;
	}
	struct plan_school *schools = xcalloc((size_t)c.nschools + 1, sizeof *schools);
	for (int i = 0; i < c.nschools; i++) {
		const struct school_row *s = &c.schools[i];
		schools[i].id = s->s.id;
		schools[i].district_id = s->district_id;
		schools[i].lat = s->s.lat;
		schools[i].lon = s->s.lon;
		schools[i].teachers = 0; /* counted as the teachers come */
		schools[i].staff_quota = s->s.staff_quota;
		schools[i].lead = s->district_id > 0 && s->role == ROLE_LEAD;
		schools[i].hardship = s->s.hardship;
	}
	int cap = 1024; /* every teacher in post: all[] grows */
	struct plan_walk pw = {year, p, first, last, pending, schools, xcalloc((size_t)cap, sizeof *pw.all),
		xcalloc(1024, sizeof *pw.cand), 0, 0, cap, 1024};
	struct facts_walk fw = {year, p, NULL, 0, 0, plan_one, &pw};
	int rc = county_teachers_brief(db, &c, fact_one, &fw, msg);
	struct exchange_fact *facts = fw.facts;
	struct plan_teacher *all = pw.all, *cand = pw.cand;
	int nall = pw.nall, ncand = pw.ncand;
	if (rc != XQ_OK) {
		free(pending);
		free(all);
		free(cand);
		subjects_free(&pw);
		free(schools);
		free(facts);
		county_free(&c);
		db_exec(db, "RELEASE plan", NULL);
		return XQ_ERR;
	}
	struct exchange_quota_row *q;
	int nq = exchange_quota_group(facts, fw.n, pending, c.nexchanges, year, p,
		EXSCOPE_COUNTY, &q);
	if (nq > 0)
		out->before = q[0].q;
	free(q);

	struct plan_need *needs = NULL;
	int nneeds = plan_needs_derive(schools, c.nschools, all, nall, &needs);
	struct plan_input in = {schools, c.nschools, cand, ncand, needs, nneeds, out->before.missing,
		out->before.missing_backbone, p->max_out_ratio, p->allow_cross_district};
	rc = plan_solve(&in, &out->result, msg);
	if (rc == XQ_OK) {
		/* the moves' teachers named: their staff numbers and names only */
		sqlite3_stmt *named = db_stmt(db, "SELECT staff_no, name FROM teacher WHERE id = ?", NULL);
		out->proposals = xcalloc((size_t)out->result.nmoves + 1, sizeof *out->proposals);
		for (int i = 0; i < out->result.nmoves; i++) {
			const struct plan_move *m = &out->result.moves[i];
			struct plan_proposal *pp = &out->proposals[out->n++];
			int from = school_index(&c, m->from_school_id), to = school_index(&c, m->to_school_id);
			plan_move_to_exchange(m, to >= 0 ? c.schools[to].s.hardship : 0, year, p, &pp->e);
			if (from >= 0) {
				xq_copy(pp->from_name, sizeof pp->from_name, c.schools[from].s.name);
				xq_copy(pp->from_short, sizeof pp->from_short, c.schools[from].s.short_name);
				xq_copy(pp->e.from_code, sizeof pp->e.from_code, c.schools[from].s.code);
			}
			if (to >= 0) {
				xq_copy(pp->to_name, sizeof pp->to_name, c.schools[to].s.name);
				xq_copy(pp->to_short, sizeof pp->to_short, c.schools[to].s.short_name);
				xq_copy(pp->e.to_code, sizeof pp->e.to_code, c.schools[to].s.code);
			}
			if (named) {
				sqlite3_reset(named);
				sqlite3_bind_int64(named, 1, m->teacher_id);
				if (sqlite3_step(named) == SQLITE_ROW) {
					col_text(named, 0, pp->e.staff_no, sizeof pp->e.staff_no);
					col_text(named, 1, pp->teacher_name, sizeof pp->teacher_name);
				}
			}
			xq_copy(pp->subject, sizeof pp->subject, m->subject);
			pp->backbone = m->backbone;
			pp->km = m->km;
		}
		db_done(named);
	}
	free(pending);
	free(needs);
	free(all);
	free(cand);
	subjects_free(&pw);
	free(schools);
	free(facts);
	county_free(&c);
	db_exec(db, "RELEASE plan", NULL);
	return rc;
}

/* Proposals in the order of their start dates (db_exchange_plan_written). */
static int cmp_by_start(const void *a, const void *b, void *r_)
{
	const struct plan_report *r = r_;
	int x = *(const int *)a, y = *(const int *)b;
	int c = strcmp(r->proposals[x].e.start_date, r->proposals[y].e.start_date);
	return c ? c : (x > y) - (x < y);
}

struct written_row {
	int64_t teacher_id, to_school_id;
	int status;
};

int db_exchange_plan_written(struct db *db, const struct plan_report *r, int *written)
{
	int n = 0;
	for (int i = 0; i < r->n; i++)
		written[i] = -1;
	if (r->n == 0)
		return 0;
	/* the exchanges from each start date the proposals have (most often one), each
	 * teacher's and receiving school's first the live one, else the first rejected or
	 * cancelled one in the list's order: one read transaction for the lot */
	sqlite3_stmt *st = db_stmt(db, "SELECT x.teacher_id, x.to_school_id, x.status FROM exchange x "
					"JOIN school sf ON sf.id = x.from_school_id WHERE x.start_date = ? "
					"ORDER BY x.teacher_id, x.to_school_id, x.status IN ('rejected','cancelled'), "
					"x.year, sf.code, x.id", NULL);
	if (!st)
		return 0;
	bool own = db_exec(db, "SAVEPOINT written", NULL) == XQ_OK;
	int *order = xcalloc((size_t)r->n, sizeof *order);
	for (int i = 0; i < r->n; i++)
		order[i] = i;
	qsort_r(order, (size_t)r->n, sizeof *order, cmp_by_start, (void *)r);
	struct written_row *rows = NULL;
	int cap = 0;
	for (int g = 0; g < r->n;) {
		const char *start = r->proposals[order[g]].e.start_date;
		int h = g;
		while (h < r->n && strcmp(r->proposals[order[h]].e.start_date, start) == 0)
			h++;
		int nrows = 0;
		sqlite3_reset(st);
		bind_text(st, 1, start);
		while (sqlite3_step(st) == SQLITE_ROW) {
			rows = db_grow(rows, nrows, &cap, sizeof *rows);
			rows[nrows++] = (struct written_row){sqlite3_column_int64(st, 0),
				sqlite3_column_int64(st, 1), col_enum(st, 2, exchange_status_items)};
		}
		for (; g < h; g++) {
			const struct exchange *e = &r->proposals[order[g]].e;
			int lo = 0, hi = nrows;
			while (lo < hi) {
				int mid = lo + (hi - lo) / 2;
				const struct written_row *w = &rows[mid];
				if (w->teacher_id < e->teacher_id ||
				    (w->teacher_id == e->teacher_id && w->to_school_id < e->to_school_id))
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < nrows && rows[lo].teacher_id == e->teacher_id &&
			    rows[lo].to_school_id == e->to_school_id) {
				written[order[g]] = rows[lo].status;
				n++;
			}
		}
	}
	db_done(st);
	free(rows);
	free(order);
	if (own)
		db_exec(db, "RELEASE written", NULL);
	return n;
}

int db_exchange_plan_apply(struct db *db, struct plan_report *r, const struct exchange_policy *p,
	char *msg)
{
	if (db_require_county(db, _("the exchange plan"), msg) != XQ_OK || db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	for (int i = 0; i < r->n; i++) {
		char m[XQ_MSG_MAX];
		if (db_exchange_insert(db, &r->proposals[i].e, p, m) != XQ_OK) {
			xq_msg(msg, "%s %s: %s", r->proposals[i].e.staff_no, r->proposals[i].teacher_name, m);
			db_rollback(db);
			return XQ_ERR;
		}
	}
	return db_commit(db, msg);
}
