/* db.h: the database connection — opening, migrations, transactions, the operator
 * acting, change detection. db/ is the only layer that speaks SQL. */
#ifndef XQ_DB_H
#define XQ_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/types.h"
#include "core/util.h"

struct db;

enum db_open_flags {
	DB_CREATE = 1,	 /* create the file when missing */
	DB_READONLY = 2, /* open read-only (reports, backups) */
	DB_KEEP_WAL = 4, /* keep -wal and -shm on close (always so under setgid, core/priv.h) */
};

/* Opens path, applies pending migrations (each in one transaction), turns on WAL,
 * foreign keys and the busy timeout, and resolves the operator (OS login, SUDO_USER).
 * Under setgid the -wal and -shm must exist and belong to the database's owner (xuequ
 * setup makes them), so no operator ever owns a file of the database; they are kept.
 * A database from a newer xuequ, a file that is not a database, or a missing file
 * without DB_CREATE fail with a message that says what to do. */
int db_open(const char *path, int flags, int busy_timeout_ms, struct db **out, char *msg);
void db_close(struct db *db);

const char *db_path(const struct db *db);
int db_schema_version(struct db *db);
/* The newest schema this build knows. */
int db_schema_latest(void);

/* The operator acting: OS login, the sudo user (or ""), role and scope. */
const struct operator *db_operator(const struct db *db);
const char *db_sudo_user(const struct db *db);

/* A private copy of the database as it is now (same operator and rules), in a temporary
 * file that vanishes when it is closed: work on it holds up no other session. */
int db_snapshot(struct db *db, struct db **out, char *msg);

/* A second connection to the same database for reading on another thread (the console's
 * long reports): same operator and rules, queries only. Only one thread uses it at a time. */
int db_reader(struct db *db, struct db **out, char *msg);
/* Stops the statement running on db (from any thread): it fails as interrupted. */
void db_interrupt(struct db *db);

/* For a report that reads the county once: a small page cache, and sorts larger than it
 * kept in temporary files rather than in memory, so that its memory does not grow with
 * the county's size (the file's pages come again from the system's cache). */
void db_small_cache(struct db *db);

/* Transactions. db_begin starts an IMMEDIATE transaction (so a writer waits for the busy
 * timeout instead of failing half-way). Nested calls are counted; the outermost commits. */
int db_begin(struct db *db, char *msg);
int db_commit(struct db *db, char *msg);
void db_rollback(struct db *db);
/* Ends a db_begin whose writes all failed or were none (a failed statement undoes itself):
 * the outermost level rolls back; a nested one leaves the outer transaction going. */
void db_cancel(struct db *db);

/* The exchange rules (core/exchange.h) that writes and imports are checked against: the
 * county's policy as the database holds it (db/policy.h), loaded by db_open. Setting them
 * changes this connection only, until the policy is loaded again (unit tests). */
struct exchange_policy;
void db_set_exchange_policy(struct db *db, const struct exchange_policy *p);
const struct exchange_policy *db_exchange_policy(const struct db *db);

/* Copies the write-ahead log into the database file and empties it; XQ_ERR with msg when
 * that could not be done whole (a full disk): the log then still holds what the file lacks. */
int db_checkpoint(struct db *db, char *msg);
/* PRAGMA data_version: changes when another connection commits. */
int64_t db_data_version(struct db *db);

/* Whether the operator may write rows of a school (0 = county-wide rows). */
bool db_may_write(struct db *db, int64_t school_id, char *msg);

/* A page of a list: the widget asks how many rows a query has and for rows by offset. */
struct db_page {
	long offset;
	int limit;
};

#endif
