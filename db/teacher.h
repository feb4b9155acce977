/* teacher.h: teachers and their exemptions. */
#ifndef XQ_DB_TEACHER_H
#define XQ_DB_TEACHER_H

#include "db/db.h"

enum teacher_sort { TEACHER_SORT_STAFF_NO, TEACHER_SORT_NAME, TEACHER_SORT_SCHOOL,
	TEACHER_SORT_JOINED, TEACHER_SORT_ID, TEACHER_SORT_COUNT };

struct teacher_query {
	const char *search; /* substring of name or staff number */
	int64_t school_id;  /* 0 = any */
	int64_t district_id; /* 0 = any: teachers of its current member schools */
	int backbone_min;   /* enum backbone; 0 = any */
	const char *subject; /* substring of the subjects; NULL = any */
	int sort;
	bool desc;
};
void teacher_query_init(struct teacher_query *q);

struct teacher_row {
	struct teacher t;
	char school_name[NAME_LEN];
};

int db_teacher_get(struct db *db, int64_t id, struct teacher *out);
int db_teacher_by_staff_no(struct db *db, const char *staff_no, struct teacher *out);
long db_teacher_count(struct db *db, const struct teacher_query *q);
/* Every teacher the query selects, in its order, from one statement: fn gets each row and
 * stops the walk by returning an error. XQ_OK or XQ_ERR. */
int db_teacher_each(struct db *db, const struct teacher_query *q,
	int (*fn)(void *, const struct teacher_row *), void *ctx);
/* Every teacher in id order with only what the exchange rules read (id, gender, birth
 * date, school, subjects, backbone level, employment, post and its date, date joined);
 * names, codes and the rest stay empty (named: with the staff number and name). fn
 * stops the walk by returning an error. */
int db_teacher_each_brief(struct db *db, bool named, int (*fn)(void *, const struct teacher *),
	void *ctx);
int db_teacher_page(struct db *db, const struct teacher_query *q, long offset, int limit,
	struct teacher_row *rows);
long db_teacher_position(struct db *db, const struct teacher_query *q, int64_t id);
int db_teacher_insert(struct db *db, struct teacher *t, char *msg);
int db_teacher_update(struct db *db, struct teacher *t, char *msg);
int db_teacher_delete(struct db *db, int64_t id, int64_t rev, char *msg);

int db_exemption_find(struct db *db, int64_t teacher_id, int kind, const char *start_date,
	struct exemption *out);
int db_exemption_insert(struct db *db, struct exemption *e, char *msg);
int db_exemption_update(struct db *db, struct exemption *e, char *msg);
int db_exemption_delete(struct db *db, int64_t id, int64_t rev, char *msg);
int db_exemption_list(struct db *db, int64_t teacher_id, struct exemption **rows, int *n);
/* The exemptions in force at some time from first to last (dates), by teacher id, as the
 * rules read them (core/exchange.h). */
struct exemption_brief;
int db_exemption_list_during(struct db *db, const char *first, const char *last,
	struct exemption_brief **rows, int *n);

/* A teacher's exchanges, newest first (ids, year, kind, status, dates, evaluation and the
 * two schools' names in the rows). */
struct exchange_row;
int db_teacher_exchanges(struct db *db, int64_t teacher_id, struct exchange_row **rows, int *n);

#endif
