/* admin.h: whole-database jobs — integrity and rule checks, consistent backups,
 * operators and their roles. */
#ifndef XQ_DB_ADMIN_H
#define XQ_DB_ADMIN_H

#include "db/db.h"

/* Runs integrity_check, foreign_key_check and the domain invariants; calls problem() once
 * per finding. Returns the number of findings, or -1 when the checks could not run. */
long db_check(struct db *db, void (*problem)(void *ctx, const char *what), void *ctx);
/* The part of db_check that finds stored text the field checks would refuse (text_check):
 * one finding per field, naming the record, the field and the character. */
long db_check_text(struct db *db, void (*problem)(void *ctx, const char *what), void *ctx);

/* Copies the live database to dest with the SQLite backup API while others may write;
 * writes a temporary file beside dest and renames it, so dest is never half-written.
 * Refuses an existing dest unless overwrite. dest is the caller's file: created 0600 with
 * the caller's own rights (core/priv.h); a dest that is the live database or its -wal or
 * -shm needs the admin role. */
int db_backup(struct db *db, const char *dest, bool overwrite, char *msg);

/* Whether the operator may replace the live database (init --force, a backup onto it):
 * the admin role; XQ_ERR with a message otherwise. */
int db_require_admin_to_replace(struct db *db, char *msg);

/* Operators: OS logins with a role and an optional scope (district or school). */
int db_operator_list(struct db *db, struct operator **rows, int *n);
int db_operator_set(struct db *db, struct operator *op, char *msg); /* insert or update by login */
int db_operator_remove(struct db *db, const char *login, char *msg);
/* Registers the creator of a database as its admin: the OS login, or the person behind
 * sudo when root acts for them (SUDO_USER, trusted from root alone). */
int db_operator_bootstrap(struct db *db, char *msg);

#endif
