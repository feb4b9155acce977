/* internal.h: what db/ modules share — the connection struct, the prepared-statement
 * cache and binding/reading helpers. Not for use outside db/. */
#ifndef XQ_DB_INTERNAL_H
#define XQ_DB_INTERNAL_H

#include <sqlite3.h>

#include "core/exchange.h"
#include "core/policy.h"
#include "core/timetable.h"
#include "db/db.h"

#define DB_STMT_MAX 512

struct db {
	sqlite3 *h;
	char *path;
	struct operator op;
	bool op_registered;
	char sudo_user[SHORT_LEN];
	struct exchange_policy policy; /* the [exchange] rules writes are checked against */
	struct indicator_policy indicators; /* the [indicators] thresholds */
	struct timetable_policy timetable;  /* the [timetable] travel reckoning */
	char policy_warning[XQ_MSG_MAX];    /* what loading the stored policy found wrong */
	int txn_depth;
	bool txn_failed;
	/* the range of ids new rows take (DB_NEW_ID): the server's own, or a pack's */
	int64_t id_lo, id_hi;
	/* an offline pack (db/pack.c): where it came from; sealed is set when the running
	 * transaction's seal was written, which a pack's commit requires */
	bool is_pack;
	bool sealed;
	bool wrapping; /* a write of its own given a transaction (db_exec_stmt) */
	struct pack_origin *pack;
	int changes; /* rows the last write of db_exec_stmt changed */
	/* where the changes being written come from (a merge), for the audit log; "" = here */
	char origin[XQ_MSG_MAX];
	struct {
		const char *sql; /* the static string is the key */
		sqlite3_stmt *st;
	} stmts[DB_STMT_MAX];
	int nstmts;
};

/* The id of a new row of table t: the next one in this database's own range of ids, so
 * that rows made on an offline pack never take an id the server or another pack uses. */
#define DB_NEW_ID(t)                                                                         \
	"(SELECT coalesce(max(id) + 1, xq_id_lo()) FROM " t " WHERE id >= xq_id_lo() AND id < xq_id_hi())"
/* The ids of rows made on the server: below every pack's range (pack k's starts at k << 40). */
#define DB_ID_SPAN ((int64_t)1 << 40)

/* Offline packs (db/pack.c): recognises a pack when it is opened (XQ_OK either way), and
 * writes the seal of its content in the transaction about to commit. */
int db_pack_detect(struct db *db, char *msg);
int db_pack_seal(struct db *db, char *msg);

/* A school's columns, in the order db_school_read reads them (school aliased s). */
#define DB_SCHOOL_COLS                                                                       \
	"s.id, s.rev, s.code, s.name, s.short_name, s.level, s.town, s.location, s.lat, s.lon, " \
	"s.students, s.classes, s.staff_quota, s.teaching_area_m2, s.sports_area_m2, "          \
	"s.equipment_value_yuan, s.multimedia_rooms, s.music_rooms, s.art_rooms, s.hardship, "    \
	"s.students_primary, s.students_junior"
#define DB_SCHOOL_NCOLS 22
struct school;
void db_school_read(sqlite3_stmt *st, struct school *s);

/* The exemptions in force some day from first to last, by teacher id (the teacher's
 * column first), then start and kind, as the rules read them: a statement to step, read
 * with db_exemption_read (and done with db_done). NULL on a prepare error. */
sqlite3_stmt *db_exemptions_during(struct db *db, const char *first, const char *last);
void db_exemption_read(sqlite3_stmt *st, struct exemption_brief *e);

/* The cached statement for this static SQL text, reset with bindings cleared; NULL on a
 * prepare error (message in msg if given). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, char *msg);
/* Resets and clears a statement: every way out of a use calls it. */
void db_done(sqlite3_stmt *st);

/* Bindings that store "" / -1 / NAN as NULL. */
int bind_text(sqlite3_stmt *st, int i, const char *s);
int bind_text_null(sqlite3_stmt *st, int i, const char *s);
int bind_long_null(sqlite3_stmt *st, int i, long v);
int bind_double_null(sqlite3_stmt *st, int i, double v);
int bind_id_null(sqlite3_stmt *st, int i, int64_t id);
/* Readers that turn NULL into "" / -1 / NAN / 0. */
void col_text(sqlite3_stmt *st, int i, char *dst, size_t size);
long col_long_null(sqlite3_stmt *st, int i);
double col_double_null(sqlite3_stmt *st, int i);
int col_enum(sqlite3_stmt *st, int i, const struct enum_item *items);

/* Executes a statement that returns no rows; XQ_OK or XQ_ERR with the SQLite message made
 * readable (constraint names turned into sentences). The statement is reset. */
int db_exec_stmt(struct db *db, sqlite3_stmt *st, char *msg);
/* Steps a bound statement once, its row read into out: XQ_OK, XQ_NOTFOUND or XQ_ERR. */
int db_one_row(sqlite3_stmt *st, void (*read)(sqlite3_stmt *, void *), void *out);
/* Every row of sql (no parameters), read into row and handed to fn, in the query's order;
 * stops at fn's first error. */
int db_each_row(struct db *db, const char *sql, void (*read)(sqlite3_stmt *, void *), void *row,
	int (*fn)(void *ctx, const void *rec), void *ctx);
/* Runs fn(arg, out) in a transaction of its own (nested in the caller's), the operator's
 * role read again in it: the checks fn makes hold for what it writes. With dry_run it only
 * checks and writes nothing. */
int db_write_txn(struct db *db, bool dry_run, int (*fn)(struct db *, const void *arg, void *out, char *msg),
	const void *arg, void *out, char *msg);
/* The rows the last statement run by db_exec_stmt changed (sqlite3_changes would count
 * the seal a pack's commit writes after it). */
int db_changes(struct db *db);
/* One-shot SQL without parameters (schema, pragmas). */
int db_exec(struct db *db, const char *sql, char *msg);
/* Message for the last SQLite error on this connection. */
void db_errmsg(struct db *db, char *msg);

/* Reads the operator's role again from the operator table (inside a write's transaction,
 * so that a role changed by another session meanwhile counts). */
void db_resolve_role(struct db *db);
/* Refuses a write the operator may not make (role and scope). school_id 0 = county-wide. */
int db_require_write(struct db *db, int64_t school_id, int64_t district_id, char *msg);
/* After an UPDATE/DELETE ... WHERE id=? AND rev=? changed nothing: XQ_NOTFOUND or
 * XQ_STALE with "changed by … at …" from the audit log. */
int db_stale_or_missing(struct db *db, const char *table, int64_t id, char *msg);

/* Refuses a database from a newer xuequ or one holding other tables; changes nothing. */
int db_schema_check(struct db *db, char *msg);
int db_schema_migrate(struct db *db, char *msg);
/* Registers on h the functions the audit triggers call for the time and the JSON of a row
 * (xq_at, xq_json; audit.c); the operator's are db.c's. */
void db_audit_functions(sqlite3 *h);
/* The audited columns of a table, space-separated ("rev code name ..."), NULL when the
 * table is not audited. */
const char *db_audited_columns(const char *table);

/* Binds "%text%" for LIKE ... ESCAPE '\', with LIKE's wildcards in text taken literally;
 * leaves i unbound (NULL) when text is NULL or empty. */
void bind_like(sqlite3_stmt *st, int i, const char *text);
/* Runs a "DELETE FROM t WHERE id = ?1 AND rev = ?2" statement: XQ_OK, or XQ_STALE /
 * XQ_NOTFOUND with a message from the audit log. */
int db_delete_row(struct db *db, const char *sql, const char *table, int64_t id, int64_t rev,
	char *msg);
/* The first column of a one-row query with one integer parameter (0 when no row). */
int64_t db_lookup_id(struct db *db, const char *sql, int64_t param);
/* The same with one text parameter. */
int64_t db_lookup_text(struct db *db, const char *sql, const char *param);
/* Paged lists: a count, a page of rows and the position of a row share one way of binding
 * the list's query (bind) and reading a row (read). The page statement takes limit and
 * offset as parameters first_param and first_param + 1; the position statement takes the
 * row id as parameter id_param. */
typedef void (*db_bind_fn)(sqlite3_stmt *st, const void *query);
typedef void (*db_read_fn)(sqlite3_stmt *st, void *row);
long db_paged_count(struct db *db, const char *sql, db_bind_fn bind, const void *query);
/* Every row of a paged query in one pass (no LIMIT, no OFFSET), each read into row and
 * handed to fn; stops at fn's first error. XQ_OK or XQ_ERR. */
int db_paged_each(struct db *db, const char *sql, db_bind_fn bind, const void *query, int first_param,
	void *row, db_read_fn read, int (*fn)(void *, const void *), void *ctx);
int db_paged_rows(struct db *db, const char *sql, db_bind_fn bind, const void *query, int first_param,
	long offset, int limit, void *rows, size_t row_size, db_read_fn read);
long db_paged_position(struct db *db, const char *sql, db_bind_fn bind, const void *query,
	int id_param, int64_t id);

/* The row number and id of a statement's one row, or -1 (the statement is reset). */
long db_numbered_row(sqlite3_stmt *st, int64_t *id);

/* Migration 3: inserts every policy option's seed value (db/policy.c). */
int db_policy_insert_seed(struct db *db, char *msg);
/* The inspections' migration: inserts the shipped checklist templates (db/template.c). */
int db_template_insert_seed(struct db *db, char *msg);

/* Room for one more element in a growing array of *n elements of size bytes. */
void *db_grow(void *arr, int n, int *cap, size_t size);

#endif
