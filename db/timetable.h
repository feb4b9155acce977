/* timetable.h: the timetable's data (§4, §9) — terms, bell times, travel minutes between
 * schools, subjects and classes; read and written here, as CSV through db/io.c and by
 * `xuequ term`. Terms, subjects and travel are the county's (admins); bell times and
 * classes are their school's. */
#ifndef XQ_DB_TIMETABLE_H
#define XQ_DB_TIMETABLE_H

#include "core/timetable.h"
#include "db/db.h"

#define TERM_LEN 16 /* "2025-2026/2" */

struct term {
	int64_t id, rev;
	char name[TERM_LEN];
	char first_day[DATE_LEN], last_day[DATE_LEN];
	long days, periods;	/* of its week: 1..20 days, 1..30 periods a day */
	char day_names[NAME_LEN];     /* ";"-separated, one per day, or "" */
	char period_names[TEXT_LEN];  /* ";"-separated, one per period, or "" */
};

/* A term's checks (the name, the dates, the week, the names' counts); XQ_ERR with msg. */
int term_check(const struct term *t, char *msg);
int db_term_insert(struct db *db, struct term *t, char *msg);
int db_term_update(struct db *db, struct term *t, char *msg);
/* By name; XQ_NOTFOUND when there is none. */
int db_term_find(struct db *db, const char *name, struct term *out);
/* Every term, newest first; *rows malloc'd. */
int db_term_list(struct db *db, struct term **rows, int *n, char *msg);

/* One period's clock times at a school (school_code "" and school_id 0: the term's own,
 * which schools without theirs use). */
struct bell {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	char school_code[CODE_LEN];
	int64_t school_id;
	long period;
	char start[6], end[6];
};
int db_bell_insert(struct db *db, struct bell *b, char *msg);
int db_bell_update(struct db *db, struct bell *b, char *msg);
int db_bell_find(struct db *db, int64_t term_id, int64_t school_id, long period, struct bell *out);
/* Every bell time by term, school (the term's own first) and period. */
int db_bell_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* Travel minutes set for a pair of schools (either order on the way in; stored and
 * exported with the smaller id first). */
struct travel {
	int64_t id, rev;
	char from_code[CODE_LEN], to_code[CODE_LEN];
	int64_t from_id, to_id;
	long minutes;
	char note[TEXT_LEN];
};
int db_travel_insert(struct db *db, struct travel *t, char *msg);
int db_travel_update(struct db *db, struct travel *t, char *msg);
int db_travel_find(struct db *db, int64_t a, int64_t b, struct travel *out);
int db_travel_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);
/* The minutes between two schools: the pair's own, else from their positions by the
 * county's [timetable] policy; -1 when neither is known. *set tells which (may be NULL). */
int db_travel_minutes(struct db *db, int64_t a, int64_t b, bool *set);

struct subject {
	int64_t id, rev;
	char code[SHORT_LEN];
	char name[NAME_LEN];
	int room_kind; /* enum of room_kind_items, -1 when any room does */
};
int db_subject_insert(struct db *db, struct subject *s, char *msg);
int db_subject_update(struct db *db, struct subject *s, char *msg);
int db_subject_find(struct db *db, const char *code, struct subject *out);
int db_subject_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* A class of a school in a term: its grade (1-9, or a year as a FET file names it). */
struct tclass {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	char school_code[CODE_LEN];
	int64_t school_id;
	char grade[SHORT_LEN];
	char name[NAME_LEN];
	long students;		/* -1 when unknown */
	char home_room[NAME_LEN]; /* a room of its school, or "" */
	int64_t home_room_id;
};
int db_class_insert(struct db *db, struct tclass *c, char *msg);
int db_class_update(struct db *db, struct tclass *c, char *msg);
int db_class_find(struct db *db, int64_t term_id, int64_t school_id, const char *name, struct tclass *out);
int db_class_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* A group of a class, or a subgroup of one of its groups (parent). */
struct group_rec {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	char school_code[CODE_LEN];
	int64_t school_id;
	char class_name[NAME_LEN];
	char name[NAME_LEN];
	char parent[NAME_LEN]; /* "" for a group of the class itself */
	long students;	       /* -1 when unknown */
};
int db_group_insert(struct db *db, struct group_rec *g, char *msg);
int db_group_update(struct db *db, struct group_rec *g, char *msg);
int db_group_find(struct db *db, const struct group_rec *key, struct group_rec *out);
int db_group_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* A slot a teacher, a class or a room is not available in a term. */
enum unavailable_kind { UNAV_TEACHER, UNAV_CLASS, UNAV_ROOM, UNAV_GROUP };
extern const struct enum_item unavailable_kind_items[];
struct unavailable_rec {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	int kind;		 /* enum unavailable_kind */
	char who[NAME_LEN];	 /* a staff number, a class's or room's name, or CLASS/GROUP */
	char school_code[CODE_LEN]; /* a class's, group's or room's school; "" for a teacher */
	int64_t school_id;
	long day, period;
	double weight; /* 100: not available; below: had rather not (a soft rule); NAN: 100 */
};
int db_unavailable_insert(struct db *db, struct unavailable_rec *u, char *msg);
/* Its weight, the one thing of a slot that is not its key. */
int db_unavailable_update(struct db *db, struct unavailable_rec *u, char *msg);
int db_unavailable_find(struct db *db, const struct unavailable_rec *key, struct unavailable_rec *out);
int db_unavailable_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* A teacher's rules in a term; -1 for the default (min_travel: the travel minutes). */
struct teacher_rule_rec {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	char staff_no[STAFFNO_LEN];
	int64_t teacher_id;
	long min_travel, max_changes, max_days, max_gaps;
	long min_gap_periods; /* free periods between lessons at two schools, -1 none */
};
int db_teacher_rule_insert(struct db *db, struct teacher_rule_rec *r, char *msg);
int db_teacher_rule_update(struct db *db, struct teacher_rule_rec *r, char *msg);
int db_teacher_rule_find(struct db *db, int64_t term_id, int64_t teacher_id, struct teacher_rule_rec *out);
int db_teacher_rule_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* A course (a teaching load) of a term as a row: the classes or groups taught together,
 * its teachers and its rooms as ";"-separated lists. Known by its number in the term. */
struct course_rec {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	long number; /* the course's number in its term (a FET file's activity group) */
	char school_code[CODE_LEN];
	int64_t school_id;
	char subject[SHORT_LEN]; /* a subject's code */
	char students[TEXT_LEN]; /* "三年级1班;三年级2班/男生": classes, or class/group */
	char teachers[TEXT_LEN]; /* staff numbers */
	long lessons, length;	 /* a week; periods each */
	bool different_days;
	char rooms[TEXT_LEN]; /* room names of its school: the only ones it may use */
	/* "room:weight;…": rooms it had rather use, each weight below 100; among its rooms when
	 * it lists some, else of its school (it may then use any room of its kind) */
	char preferred_rooms[TEXT_LEN];
	int room_kind;	      /* -1: the subject's, or any */
	char note[TEXT_LEN];
};
/* Writes a course with its links and makes or removes its lessons to match lessons (a
 * placed and locked lesson is never removed). A teacher of another school needs an approved
 * exchange to the course's school covering part of the term. */
int db_course_insert(struct db *db, struct course_rec *c, char *msg);
int db_course_update(struct db *db, struct course_rec *c, char *msg);
int db_course_find(struct db *db, int64_t term_id, long number, struct course_rec *out);
int db_course_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* A lesson as a row: what it is (from its course, for reading) and where it is placed. */
struct lesson_rec {
	int64_t id, rev;
	char term[TERM_LEN];
	int64_t term_id;
	long course, seq;
	long fet_id; /* -1 when none */
	char classes[TEXT_LEN], subject[SHORT_LEN], teachers[TEXT_LEN], school[CODE_LEN];
	long day, period; /* from 1; -1 when not placed */
	char room[NAME_LEN];
	bool locked;
};
/* Places (or unplaces) a lesson, sets its room, lock and FET id; a lesson is made with its
 * course, never alone. */
int db_lesson_update(struct db *db, struct lesson_rec *l, char *msg);
int db_lesson_find(struct db *db, int64_t term_id, long course, long seq, struct lesson_rec *out);
int db_lesson_each(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);

/* The id of the room of that name at a school (0 when none). */
int64_t db_room_id(struct db *db, int64_t school_id, const char *name);
/* The term's timetable as the checker's and the solver's dense model (core/ttcheck.h). */
struct tt_model;
int db_tt_load(struct db *db, int64_t term_id, struct tt_model *m, char *msg);
/* Writes the model's placements of the lessons that are not locked back, in one
 * transaction: a school's operators, for every school whose lessons move. */
int db_tt_save(struct db *db, const struct tt_model *m, char *msg);
/* By hand, in one transaction that loads the term's timetable afresh and checks it: lesson
 * (its id) to day and period (from 0; -1 takes it off the timetable) in its room, or in
 * room_id when not 0; refused, with the rule in words, when it would break a hard rule, when
 * it is locked, or when it is not where the caller saw it (was_day, was_period: someone else
 * moved it). */
struct lesson_move {
	int64_t lesson, room_id;
	int day, period;
	int was_day, was_period;
};
int db_lesson_move(struct db *db, int64_t term_id, const struct lesson_move *mv, char *msg);
/* Two lessons trade their days, periods and rooms, checked the same way. */
int db_lesson_swap(struct db *db, int64_t term_id, int64_t a, int64_t b, char *msg);
/* Locks or unlocks a placed lesson. */
int db_lesson_lock(struct db *db, int64_t lesson_id, bool locked, char *msg);

#endif
