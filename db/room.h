/* room.h: rooms (§9), one table for timetabling and facility sharing: a room of a school,
 * named within it (SCHOOLCODE:NAME on the command line), of a kind, with its capacity,
 * whether the district's schools may book it, its opening hours, equipment and uses. A
 * school's operators keep its rooms. */
#ifndef XQ_DB_ROOM_H
#define XQ_DB_ROOM_H

#include "core/booking.h"
#include "db/db.h"

struct room_rec {
	int64_t id, rev;
	char school_code[CODE_LEN];
	int64_t school_id;
	char school_name[NAME_LEN];
	char name[NAME_LEN];
	int kind;      /* room_kind_items */
	long capacity; /* -1 when unknown */
	bool shareable;
	char open_from[6], open_to[6]; /* HH:MM, "" when not set */
	char equipment[TEXT_LEN];
	char uses[TEXT_LEN];
	/* opening hours by weekday ("mon-fri 16:30-18:30; sat 08:00-12:00"); "" = open_from to
	 * open_to every day */
	char hours[HOURS_LEN];
};

/* The checks of a room's own fields (name, hours); XQ_ERR with "column: why" in msg. */
int room_check(const struct room_rec *r, char *msg);
int db_room_insert(struct db *db, struct room_rec *r, char *msg);
int db_room_update(struct db *db, struct room_rec *r, char *msg);
/* By school and name; XQ_NOTFOUND when none. */
int db_room_find(struct db *db, int64_t school_id, const char *name, struct room_rec *out);
/* By id; XQ_NOTFOUND when none. */
int db_room_get(struct db *db, int64_t id, struct room_rec *out);
/* "SCHOOLCODE:NAME" as the command line names a room; XQ_ERR with msg when it is not one
 * or there is no such room. */
int db_room_named(struct db *db, const char *spec, struct room_rec *out, char *msg);
/* Every room by school code and name, or those of one school (school_id > 0), of one kind
 * (kind >= 0), shareable only; fn stops at its first error. */
struct room_query {
	int64_t school_id;
	int kind;
	bool shareable;
};
int db_room_each_of(struct db *db, const struct room_query *q, int (*fn)(void *ctx, const void *rec), void *ctx);
int db_room_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);
/* The room's opening hours in a term (term_id 0: any): the term's own hours if set, else
 * its hours, else open_from to open_to every day; false when none are set. */
bool db_room_hours(struct db *db, const struct room_rec *r, int64_t term_id, struct week_hours *w);
/* Sets a room's hours for one term ("" removes them). */
int db_room_term_hours(struct db *db, const struct room_rec *r, int64_t term_id, const char *hours, char *msg);

#endif
