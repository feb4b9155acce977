/* tui_queries.h: queries the console's lists need beyond the entity modules — finding the
 * next row that matches a search, in a list's own order, in one statement. */
#ifndef XQ_DB_TUI_QUERIES_H
#define XQ_DB_TUI_QUERIES_H

#include "db/district.h"
#include "db/school.h"

/* The index, in q's order, of the first row at or after `from` (dir >= 0) or at or
 * before it (dir < 0) whose name, short name or code contains text (as q->search
 * would match); -1 when there is none. *id gets that row's id. */
long db_school_next_match(struct db *db, const struct school_query *q, const char *text,
	long from, int dir, int64_t *id);
/* The same for districts: the name, or a current member school's name or short name. */
long db_district_next_match(struct db *db, const struct district_query *q, const char *text,
	long from, int dir, int64_t *id);

#endif
