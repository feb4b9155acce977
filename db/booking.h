/* booking.h: facility sharing (设施共享, §9): a school's calendar, bookings of a room by the
 * other schools of its district (once or repeating, requested → approved / rejected /
 * cancelled), the occurrences they fall on, their conflicts with the owner's lessons, other
 * bookings, closed hours and holidays, the quotas districts set, and the use of rooms. Who
 * may request, decide and cancel is checked here, in the write's transaction. */
#ifndef XQ_DB_BOOKING_H
#define XQ_DB_BOOKING_H

#include "core/booking.h"
#include "db/db.h"
#include "db/room.h"

/* ---- calendar ---- */
struct cal_rec {
	int64_t id, rev;
	char day[DATE_LEN];
	char school_code[CODE_LEN]; /* "" = every school of the county */
	int64_t school_id;
	int kind; /* enum cal_kind */
	long as_weekday; /* 1..7 for a make-up day, -1 otherwise */
	char note[TEXT_LEN];
};
int cal_check(const struct cal_rec *c, char *msg);
int db_cal_insert(struct db *db, struct cal_rec *c, char *msg);
int db_cal_update(struct db *db, struct cal_rec *c, char *msg);
int db_cal_find(struct db *db, const char *day, int64_t school_id, struct cal_rec *out);
int db_cal_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);
/* A school's calendar from..to (the county's rows and its own, its own first), malloc'd. */
int db_cal_days(struct db *db, int64_t school_id, const char *from, const char *to, struct cal_day **out,
	int *n);

/* ---- bookings ---- */
#define ROOM_SPEC_LEN (CODE_LEN + NAME_LEN + 2)
struct booking_rec {
	int64_t id, rev;
	int64_t room_id, school_id, owner_id;
	char room[ROOM_SPEC_LEN]; /* SCHOOLCODE:NAME */
	int room_kind;
	char school_code[CODE_LEN], school_name[NAME_LEN]; /* the booking school */
	char owner_name[NAME_LEN];
	char first_day[DATE_LEN], last_day[DATE_LEN];
	int start, end; /* minutes of the day */
	char rrule[RRULE_LEN];
	char purpose[TEXT_LEN], contact[SHORT_LEN];
	int status; /* enum booking_status */
	char reason[TEXT_LEN];
	char requested_by[SHORT_LEN], requested_at[24], decided_by[SHORT_LEN], decided_at[24];
};

/* What stands in the way of one occurrence. */
struct booking_conflict {
	char day[DATE_LEN];
	int start, end;
	char why[400];
};

/* A new booking (or a changed one: id > 0) as asked, and what became of it. */
struct booking_ask {
	int64_t id;	    /* 0 for a request; the booking for booking edit */
	const char *room;   /* SCHOOLCODE:NAME */
	const char *school; /* the booking school's code */
	const char *day;    /* the first day */
	const char *time;   /* HH:MM-HH:MM, or Pn-Pm of the owner's bell times */
	const char *repeat; /* as typed (repeat_parse), NULL or "" once */
	const char *until;
	const char *purpose, *contact;
	bool skip_conflicts;
	bool dry_run; /* check and report, write nothing */
};
struct booking_outcome {
	int64_t id;
	int occurrences;   /* booked */
	double hours;	   /* booked */
	int holidays;	   /* occurrences the calendar took away */
	struct booking_conflict *conflicts; /* malloc'd; skipped when skip_conflicts */
	int nconflicts;
	bool back_to_requested; /* an approved booking's time was changed */
};
void booking_outcome_free(struct booking_outcome *o);

/* booking request / booking edit: XQ_OK with the outcome; XQ_ERR with msg when refused
 * (conflicts without skip_conflicts: msg says how many, the outcome lists them). */
int db_booking_request(struct db *db, const struct booking_ask *a, struct booking_outcome *o, char *msg);
int db_booking_edit(struct db *db, const struct booking_ask *a, struct booking_outcome *o, char *msg);
int db_booking_get(struct db *db, int64_t id, struct booking_rec *out, char *msg);
/* approve, reject (reason), cancel the series (day NULL) or one occurrence */
int db_booking_approve(struct db *db, int64_t id, struct booking_outcome *o, char *msg);
int db_booking_reject(struct db *db, int64_t id, const char *reason, char *msg);
int db_booking_cancel(struct db *db, int64_t id, const char *day, const char *reason, char *msg);
/* One occurrence (its series' date day) moved to new_day at time: it is requested again. */
int db_booking_move(struct db *db, int64_t id, const char *day, const char *new_day, const char *time,
	struct booking_outcome *o, char *msg);

/* One occurrence of a booking as lists show it. */
struct booking_occ {
	const struct booking_rec *b;
	const struct occurrence *o;
};
struct booking_query {
	int64_t room_id;   /* 0 = any */
	int64_t school_id; /* the booking school, 0 = any */
	int64_t owner_id;  /* the room's school, 0 = any */
	const char *from, *to; /* "" = unbounded */
	int status;	   /* -1 = any */
};
/* Every occurrence the query selects, by date, start and room; fn gets a booking_occ. */
int db_booking_each(struct db *db, const struct booking_query *q, int (*fn)(void *ctx, const void *rec),
	void *ctx);
/* The bookings (series) the query selects, newest first; fn gets a booking_rec. */
int db_booking_each_series(struct db *db, const struct booking_query *q, int (*fn)(void *ctx, const void *rec),
	void *ctx);
/* Whether the operator may decide booking b (approve or reject), with why not in msg. */
bool db_booking_may_decide(struct db *db, const struct booking_rec *b, char *msg);

/* A room's week from a Monday: each day's date, the weekday it runs (0: a holiday or
 * closure), its calendar kind (-1: an ordinary day), the opening hours (-1: closed), and
 * what holds the room: lessons, approved and requested bookings. */
enum { WEEK_LESSON, WEEK_APPROVED, WEEK_REQUESTED };
struct week_item {
	int day; /* 0 Monday … 6 */
	int start, end;
	int kind;
	char label[NAME_LEN];
	int64_t booking_id;
	char orig[DATE_LEN]; /* the series' date of a booked occurrence */
};
struct room_week {
	char days[7][DATE_LEN];
	int weekday[7], cal_kind[7], open_from[7], open_to[7];
	struct week_item *items;
	int n;
};
int db_room_week(struct db *db, int64_t room_id, const char *monday, struct room_week *w, char *msg);
void room_week_free(struct room_week *w);

/* ---- quotas ---- */
struct quota_rec {
	int64_t id, rev;
	char district[NAME_LEN];
	int64_t district_id;
	char term[16];
	int64_t term_id;
	int room_kind;
	double hours;
};
int db_quota_set(struct db *db, struct quota_rec *q, char *msg);
int db_quota_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);
/* The hours school held (requested or approved) in other schools' rooms of kind in a term. */
double db_quota_held(struct db *db, int64_t school_id, int64_t term_id, int kind);

/* ---- use ---- */
enum usage_by { USAGE_ROOM, USAGE_SCHOOL, USAGE_DISTRICT, USAGE_KIND };
extern const struct enum_item usage_by_items[];
struct usage_row {
	char name[NAME_LEN + CODE_LEN + 2];
	double open_hours, timetable_hours, booked_hours, borrowed_hours;
	int rooms;
};
/* The use of rooms from..to (within term): hours open, used by the owner's timetable, booked
 * by other schools (approved), and for schools and districts the hours they held elsewhere;
 * rows by name. */
int db_facility_usage(struct db *db, int64_t term_id, const char *from, const char *to, int by,
	struct usage_row **rows, int *n, char *msg);

#endif
