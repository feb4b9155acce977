/* district.h: districts, memberships, agreements between schools and their activities. */
#ifndef XQ_DB_DISTRICT_H
#define XQ_DB_DISTRICT_H

#include "db/db.h"

enum district_sort { DISTRICT_SORT_NAME, DISTRICT_SORT_FORM, DISTRICT_SORT_MEMBERS,
	DISTRICT_SORT_STUDENTS, DISTRICT_SORT_TEACHERS, DISTRICT_SORT_COUNT };

struct district_query {
	const char *search; /* substring of the name or of a member school's name */
	int form;	    /* enum form; -1 = any */
	int sort;	    /* enum district_sort */
	bool desc;
};
void district_query_init(struct district_query *q);

struct district_row {
	struct district d;
	char lead_name[NAME_LEN];
	long members, students, teachers, backbone;
};

/* A current or past member, with the school's figures. */
struct member_row {
	struct member m;
	char school_name[NAME_LEN];
	int level, location;
	long students, teachers, backbone;
};

struct agreement_row {
	struct agreement a;
	char supporting_name[NAME_LEN], supported_name[NAME_LEN];
	long activities;
};

int db_district_get(struct db *db, int64_t id, struct district *out);
int db_district_by_name(struct db *db, const char *name, struct district *out);
int db_district_row(struct db *db, int64_t id, struct district_row *out);
long db_district_count(struct db *db, const struct district_query *q);
int db_district_page(struct db *db, const struct district_query *q, long offset, int limit,
	struct district_row *rows);
long db_district_position(struct db *db, const struct district_query *q, int64_t id);

/* As db_school_next_match: the district's name, or a current member school's name or
 * short name, contains text. */
long db_district_next_match(struct db *db, const struct district_query *q, const char *text,
	long from, int dir, int64_t *id);

/* insert: a lead school given in d->lead_school_id becomes its lead member from
 * d->established_on (or today). update checks rev. delete removes its memberships. */
int db_district_insert(struct db *db, struct district *d, char *msg);
int db_district_update(struct db *db, struct district *d, char *msg);
int db_district_delete(struct db *db, int64_t id, int64_t rev, char *msg);

/* Records d->lead_school_id (0 = none) as the district's lead school without touching
 * memberships (imports bring those with the members); no-op when unchanged. */
int db_district_update_lead(struct db *db, struct district *d, char *msg);

/* Adds a school from from_date (today when ""); refused when the school is in another
 * district then, naming that district. Role lead also sets the district's lead school. */
int db_member_add(struct db *db, struct member *m, char *msg);
/* Ends a membership on to_date (today when ""), the day the school leaves: it may join
 * another district from that day. A membership that started that same day is deleted. */
int db_member_end(struct db *db, int64_t member_id, int64_t rev, const char *to_date, char *msg);
int db_member_update(struct db *db, struct member *m, char *msg); /* import: dates/role */
/* Makes school_id (a current member) the lead; the old lead becomes a member. */
int db_district_set_lead(struct db *db, int64_t district_id, int64_t school_id, char *msg);
/* Members of a district (current only, or all), lead first then by name. malloc'd rows. */
int db_member_list(struct db *db, int64_t district_id, bool current_only, struct member_row **rows,
	int *n);
/* The current membership of a school; XQ_NOTFOUND when in no district. */
int db_member_current(struct db *db, int64_t school_id, struct member *out);
int db_member_find(struct db *db, int64_t district_id, int64_t school_id, const char *from_date,
	struct member *out);

int db_agreement_get(struct db *db, int64_t id, struct agreement *out);
/* by (supporting, supported, start_date), the natural key */
int db_agreement_find(struct db *db, int64_t supporting_id, int64_t supported_id,
	const char *start_date, struct agreement *out);
int db_agreement_insert(struct db *db, struct agreement *a, char *msg);
int db_agreement_update(struct db *db, struct agreement *a, char *msg);
int db_agreement_delete(struct db *db, int64_t id, int64_t rev, char *msg);
/* Agreements where either school is a current member of the district (all when 0). */
int db_agreement_list(struct db *db, int64_t district_id, struct agreement_row **rows, int *n);

int db_activity_insert(struct db *db, struct activity *act, char *msg);
int db_activity_delete(struct db *db, int64_t id, int64_t rev, char *msg);
int db_activity_list(struct db *db, int64_t agreement_id, struct activity **rows, int *n);

#endif
