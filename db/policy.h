/* policy.h: the county's policy — every option of [exchange] and [indicators] — kept in
 * the database: read by every computation on the connection, listed, and changed by an
 * administrator in one audited transaction with the configuration file's rules. */
#ifndef XQ_DB_POLICY_H
#define XQ_DB_POLICY_H

#include "db/db.h"

struct conf;
struct indicator_policy;

/* The values a new database's policy starts from (migration 3 seeds it, also when an older
 * database is upgraded): c's [exchange] and [indicators], copied; NULL = the built-in
 * defaults. Front ends call it before db_open. */
void db_policy_seed(const struct conf *c);

/* Reads the policy into the connection (db_exchange_policy, db_indicator_policy); db_open
 * calls it, and a console after another session's commit. A value the rules refuse keeps
 * its default and leaves a warning (db_policy_warning); XQ_ERR only when the table cannot
 * be read. */
int db_policy_load(struct db *db, char *msg);
/* "" or what db_policy_load found wrong in the stored policy. */
const char *db_policy_warning(const struct db *db);
const struct indicator_policy *db_indicator_policy(const struct db *db);

/* One option of the policy as stored. */
struct db_policy_entry {
	char name[64];	   /* "exchange.min_ratio" */
	const char *key;   /* "min_ratio" */
	char value[256];   /* as the INI file spells it */
	char def[256];	   /* the built-in default, spelt the same way */
	bool is_default;   /* value == def */
	const char *help;  /* English, from the option table */
	const char *choices; /* "a|b" for a choice or a boolean, else NULL */
	int64_t id, rev;   /* the row (audit log) and its revision */
};
/* Every option, in the configuration's order; *rows is malloc'd. */
int db_policy_list(struct db *db, struct db_policy_entry **rows, int *n, char *msg);

/* A change: key as "section.key" or a bare key that only one section has; rev > 0 refuses
 * the change when the row's revision differs (someone changed it meanwhile), 0 = don't
 * check. */
struct db_policy_change {
	const char *key, *value;
	int64_t rev;
};
/* Applies every change in one transaction, or none: admin role only; each value checked
 * as the INI file's, then the whole resulting policy with the rules between keys. On
 * failure *bad (may be NULL) is the index of the change at fault, -1 when none is alone.
 * XQ_STALE names who changed the row and when. The connection's policy is reloaded. */
int db_policy_set(struct db *db, const struct db_policy_change *ch, int n, int *bad, char *msg);

#endif
