/* school.h: schools — lookup, paging lists, insert, update (optimistic), delete. */
#ifndef XQ_DB_SCHOOL_H
#define XQ_DB_SCHOOL_H

#include "db/db.h"

enum school_sort { SCHOOL_SORT_CODE, SCHOOL_SORT_NAME, SCHOOL_SORT_TOWN, SCHOOL_SORT_LEVEL,
	SCHOOL_SORT_STUDENTS, SCHOOL_SORT_TEACHERS, SCHOOL_SORT_DISTRICT, SCHOOL_SORT_COUNT };

struct school_query {
	const char *search;   /* substring of name, short name or code; NULL = any */
	const char *town;     /* exact town; NULL = any */
	int level;	      /* enum level; -1 = any */
	int location;	      /* enum location; -1 = any */
	int64_t district_id;  /* 0 = any, -1 = in no district now, >0 = that district */
	int sort;	      /* enum school_sort */
	bool desc;
};
void school_query_init(struct school_query *q);

/* A school as lists show it: the record with what is derived from other tables. */
struct school_row {
	struct school s;
	int64_t district_id; /* current district, 0 if none */
	char district_name[NAME_LEN];
	int role; /* enum role in that district */
	long teachers, backbone;
};

int db_school_get(struct db *db, int64_t id, struct school *out);
int db_school_by_code(struct db *db, const char *code, struct school *out);
/* By code, or by exact name or short name; XQ_NOTFOUND or XQ_ERR (ambiguous) with msg. */
int db_school_find(struct db *db, const char *key, struct school *out, char *msg);
int db_school_row(struct db *db, int64_t id, struct school_row *out);

long db_school_count(struct db *db, const struct school_query *q);
/* Every school with its current district, in id order; its teachers are not counted
 * (teachers and backbone 0). XQ_OK or XQ_ERR. */
int db_school_all(struct db *db, struct school_row **rows, int *n);
/* Fills up to limit rows from offset; returns the number filled or -1. */
int db_school_page(struct db *db, const struct school_query *q, long offset, int limit,
	struct school_row *rows);
/* Index of the row with this id in the query's order, or -1 when not in it. */
long db_school_position(struct db *db, const struct school_query *q, int64_t id);
/* The index, in q's order, of the first row at or after from (dir >= 0) or at or before it
 * (dir < 0) whose name, short name or code contains text (or whose initials do, as
 * q->search matches); -1 when none. *id gets that row's id. */
long db_school_next_match(struct db *db, const struct school_query *q, const char *text,
	long from, int dir, int64_t *id);
/* The bytes of the prefix every school's name shares, ending with the county's suffix
 * (柳江区): what narrow columns leave out (core/names.h); 0 when none. */
size_t db_school_name_prefix(struct db *db);
/* Distinct towns in order, for filters: fills up to max, returns the count. */
int db_school_towns(struct db *db, char (*towns)[SHORT_LEN], int max);

/* Validates (core/validate.h), then writes. insert sets id and rev; update needs
 * s->rev to be the stored rev (else XQ_STALE, msg naming who changed it and when) and
 * increments it; delete refuses while teachers or memberships refer to the school. */
int db_school_insert(struct db *db, struct school *s, char *msg);
int db_school_update(struct db *db, struct school *s, char *msg);
int db_school_delete(struct db *db, int64_t id, int64_t rev, char *msg);
/* Whether db_school_delete would be allowed: the operator's role, and no teachers,
 * memberships, agreements or exchanges left. XQ_ERR with the reason in msg. */
int db_school_may_delete(struct db *db, int64_t id, char *msg);

#endif
