/* audit.h: the audit log — every insert, update and delete, by whom and when. */
#ifndef XQ_DB_AUDIT_H
#define XQ_DB_AUDIT_H

#include "db/db.h"

struct audit_entry {
	int64_t id;
	char at[32];	       /* UTC, "YYYY-MM-DDTHH:MM:SS.sssZ" */
	char login[SHORT_LEN]; /* OS login */
	char sudo_user[SHORT_LEN];
	char table[32];
	int64_t row_id;
	char op[8]; /* insert, update, delete */
};

/* The newest audit record of a row; XQ_NOTFOUND when none. */
int db_audit_last(struct db *db, const char *table, int64_t row_id, struct audit_entry *out);
/* "changed by LOGIN at TIME": the message a refused stale write shows. */
void db_audit_describe_change(struct db *db, const char *table, int64_t row_id, char *msg);
long db_audit_count(struct db *db);

/* The tables the audit log names, each a bit: what another session wrote, for views to read
 * again only what they show of it. DB_TABLES_ALL: every table, and any not named. */
#define DB_TABLES_ALL UINT64_MAX
/* The bit of a table; DB_TABLES_ALL for a name the log does not know. */
uint64_t db_table_bit(const char *table);
/* The bits of NULL-terminated names; DB_TABLES_ALL for none (NULL). */
uint64_t db_tables_bits(const char *const *tables);
/* The tables written (by any session) since the audit record *seen, then *seen the newest
 * record. DB_TABLES_ALL when that cannot be told: the first call (*seen 0), more than a few
 * hundred records since, a log shorter than seen (another file put in its place), or a
 * change with no record (tables the log does not follow). */
uint64_t db_changes_since(struct db *db, int64_t *seen);

#endif
