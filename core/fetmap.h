/* fetmap.h: what a FET file (core/fetread.h) means for a term's timetable, before anything
 * is matched in the database: the schools (its buildings, or the one school it is), rooms,
 * teachers, subjects, classes with their groups and subgroups, courses (an activity and its
 * split parts, one course per duration) with their lessons, the unavailable slots, teachers'
 * rules and the rules on lessons, all as indexes into the plan's own lists. Every
 * constraint is taken (a soft one of a kind xuequ weighs with its weight), refused (a hard
 * one of a kind xuequ does not enforce: the whole file is refused) or noted (a soft one not
 * enforced). No SQL. */
#ifndef XQ_CORE_FETMAP_H
#define XQ_CORE_FETMAP_H

#include <stdbool.h>

#include "core/fetread.h"
#include "core/ttcheck.h"

struct fetp_room {
	const char *name;  /* as the file has it */
	const char *local; /* without a "building:" prefix it carries */
	int school;
	int capacity; /* -1 unknown or unlimited */
	int line;
};

struct fetp_teacher {
	const char *name;
	int school; /* where most of their lessons are, -1 when none */
	int line;
};

struct fetp_set {
	const char *name;  /* the FET name */
	const char *local; /* without a "school code:" or "class/" prefix it carries */
	int level;	   /* 0 class, 1 group, 2 subgroup */
	int parent;	   /* the plan's set, -1 for a class */
	int school;
	int students;
	int line;
};

struct fetp_course {
	int school, subject, length, nlessons;
	bool different_days;
	long group; /* the FET activity group (the first activity's id when split) */
	int *sets, nsets;
	int *teachers, nteachers;
	int *rooms, nrooms; /* allowed rooms: hard room constraints, intersected */
	/* rooms it had rather use (soft room constraints), each with the most weight any gives
	 * it, below 100; among its rooms when it has some, each then weighing what it weighs
	 * more than the lightest of them */
	int *prefs, nprefs;
	double *pref_weights;
	const char *tag;    /* its first activity tag, "" when none */
	int *fet_id;	    /* [nlessons] FET activity ids */
	int *day, *period, *room; /* [nlessons] a locked place, -1 when none */
	int line;
};

/* A slot a teacher (0), class or group (1) or room (2) is not available (weight 100) or had
 * rather not have (a soft constraint's weight, below 100). */
struct fetp_unav {
	int kind, who, day, period;
	double weight;
};

struct fetp_rule {
	int teacher;
	int max_changes;     /* -1 none */
	int min_gap_periods; /* -1 none */
};

/* A rule over lessons (tt_lrule kinds), by the plan's course and lesson number. */
struct fetp_lrule {
	int kind;
	double weight;
	int n;	   /* min days: the days */
	bool flag; /* min days: consecutive if on one day */
	int *course, *seq, nles;
	unsigned char *slots; /* start or time slots: [days * periods], NULL for other kinds */
	int line;
};

/* A rule on days (tt_drule kinds): one teacher's, one students set's, or everyone's. */
struct fetp_drule {
	int kind;
	double weight;
	int n;
	bool empty_days;
	int teacher, set, everyone;
	int line;
};

enum fetp_note_kind { FETP_TAKEN, FETP_SOFT_IGNORED, FETP_REFUSED };

struct fetp_note {
	int kind;
	int line;
	const char *what; /* the constraint's tag */
	const char *text; /* at most 199 bytes, kept with the plan */
};

struct fet_plan {
	const char *institution;
	int days, periods;
	const char **day_names, **period_names;
	int *bell; /* [periods][2] minutes, from the hours' names when they give clock times */
	int nschools;
	const char **schools; /* the buildings' names (or the institution) */
	int *school_line;
	struct fetp_room *rooms;
	int nrooms;
	struct fetp_teacher *teachers;
	int nteachers;
	const char **subjects;
	int nsubjects;
	struct fetp_set *sets;
	int nsets;
	int *members; /* pairs: a group, and a subgroup filed under another group that is its too */
	int nmembers;
	struct fetp_course *courses;
	int ncourses;
	/* each teacher's courses in course order: teacher t's are
	 * teacher_courses[teacher_course_at[t]] up to teacher_course_at[t + 1] */
	int *teacher_course_at, *teacher_courses;
	struct fetp_unav *unav;
	int nunav, capunav;
	struct fetp_rule *rules; /* one per teacher that has any */
	int nrules;
	struct fetp_lrule *lrules;
	int nlrules, caplrules;
	struct fetp_drule *drules;
	int ndrules, capdrules;
	struct fetp_note *notes;
	int nnotes, capnotes;
	char **texts; /* the notes' texts, one for a run of notes with one */
	int ntexts;
	int refused; /* notes of kind FETP_REFUSED */
	int nlessons;
};

/* Makes the plan of doc: its buildings are its schools, unless one_school, or a room is in
 * none, or a class cannot be placed in one (then it is one school's, and a note says why);
 * XQ_OK, or XQ_ERR with msg when the file cannot be a timetable
 * (say, an activity names a teacher the file does not list). Refused constraints do not
 * fail here: they are in the notes and plan->refused counts them. */
int fet_plan_make(const struct fet_doc *doc, bool one_school, struct fet_plan *plan, char *msg);
void fet_plan_free(struct fet_plan *plan);
/* FET's constraint tag and value field for a rule on days of kind (tt_drule_kind) over who:
 * 0 one teacher, 1 every teacher, 2 all students, 3 one students set; false when FET has
 * none. */
bool fet_day_kind(int kind, int who, const char **tag, const char **field);

#endif
