/* integrity.h: the schema and the audit log as `check` verifies them. */
#ifndef XQ_DB_INTEGRITY_H
#define XQ_DB_INTEGRITY_H

#include "db/db.h"

typedef void (*db_problem_fn)(void *ctx, const char *what);

/* Compares every table, index and trigger with what the migrations define (a fresh schema
 * built in memory): reports objects missing, changed or added. Returns the findings, or -1. */
long db_check_schema(struct db *db, db_problem_fn problem, void *ctx);
/* The audit log: deleted records (holes in its ids), audited rows with no history, and
 * changes by logins that are not and never were operators. Returns the findings, or -1. */
long db_check_audit(struct db *db, db_problem_fn problem, void *ctx);

#endif
