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

#endif
