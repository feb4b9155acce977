/* integrity.h: the schema and the audit log as `check` verifies them. */
#ifndef XQ_DB_INTEGRITY_H
#define XQ_DB_INTEGRITY_H

#include <stdio.h>

#include "db/db.h"

typedef void (*db_problem_fn)(void *ctx, const char *what);

/* Compares every table, index and trigger with what the migrations define (a fresh schema
 * built in memory): reports objects missing, changed or added. Returns the findings, or -1. */
long db_check_schema(struct db *db, db_problem_fn problem, void *ctx);
/* The audit log: deleted records (holes in its ids), audited rows with no history, and
 * changes by logins that are not and never were operators. Returns the findings, or -1. */
long db_check_audit(struct db *db, db_problem_fn problem, void *ctx);

/* The schema a fresh database has and the highest id the migrations seed into each table
 * (0 when none; -1 for an index or a trigger), as the build wrote them down by running the
 * migrations once (build/gen/schema_fresh.c, by db_schema_fresh_write). A count below 0:
 * not written down (the build's own first step), made again by the migrations when needed. */
struct schema_fixed {
	const char *type, *name, *tbl, *sql;
	long long seeded;
};
extern const struct schema_fixed db_schema_fresh[];
extern const int db_schema_fresh_n;

/* Writes that C source to out from a fresh database made in memory by the migrations. */
int db_schema_fresh_write(FILE *out, char *msg);

#endif
