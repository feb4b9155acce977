/* history.h: the audit log as people read it — who changed which record, when, and
 * what — and undoing a change by a new, audited change that restores what was before. */
#ifndef XQ_DB_HISTORY_H
#define XQ_DB_HISTORY_H

#include "db/audit.h"
#include "db/db.h"

struct history_query {
	const char *table; /* NULL = every table */
	int64_t row_id;	   /* 0 = every row (with table: that row's changes only) */
};
void history_query_init(struct history_query *q);

/* One change, newest first in lists. */
struct history_row {
	struct audit_entry e;
	char label[SHORT_LEN]; /* the record's name, or the name of whom it belongs to */
	char fields[256];      /* the changed fields' keys, ", "-joined */
	char origin[256];      /* where the change came from (a merged pack), or "" */
};

long db_history_count(struct db *db, const struct history_query *q);
int db_history_page(struct db *db, const struct history_query *q, long offset, int limit,
	struct history_row *rows);
long db_history_position(struct db *db, const struct history_query *q, int64_t id);

/* One change with its versions of the row as JSON (NULL for an insert's before and a
 * delete's after); free with history_item_free. */
struct history_item {
	struct history_row r;
	char *before, *after;
};
int db_history_get(struct db *db, int64_t audit_id, struct history_item *out);
void history_item_free(struct history_item *it);

/* Undoes change audit_id by a new change in one transaction: an update is updated back,
 * an insert deleted, a delete re-inserted with the same id. Refused when a later change of
 * the same row stands in the way, and under the same role checks as any write. The new
 * change's audit id goes to *new_id (may be NULL). */
int db_history_undo(struct db *db, int64_t audit_id, int64_t *new_id, char *msg);

#endif
