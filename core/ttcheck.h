/* ttcheck.h: a term's timetable as dense arrays (every school, teacher, room, student set
 * and course numbered from 0), and the checker of its hard rules: no teacher, student
 * (class, group or subgroup) or room twice in one slot; rooms of the course's list or kind
 * and large enough; no lesson in an unavailable slot; a course's lessons on different days
 * when it asks; and a teacher moving between two schools on one day has the travel minutes
 * free between the end of one lesson (in the first school's bell times) and the start of
 * the next (in the second's), and changes school at most as often a day as allowed. No SQL:
 * db/ fills the model, the solver will search over it. */
#ifndef XQ_CORE_TTCHECK_H
#define XQ_CORE_TTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tt_teacher {
	const char *name;
	int min_travel;	 /* minutes free between lessons at two schools; -1: the travel time */
	int max_changes; /* school changes a day; -1: no limit */
	int max_days, max_gaps; /* a week; -1: no limit (reported, not hard) */
	int min_gap_periods;	/* free periods between lessons at two schools; -1: none */
};

struct tt_room {
	const char *name;
	int school;
	int kind;     /* room_kind_items, -1 unknown */
	int capacity; /* -1 unknown */
};

/* A class, group or subgroup: the atomic student sets (leaves) it covers. */
struct tt_set {
	const char *name;
	int school;
	int *leaves;
	int nleaves;
	int parent;   /* the class of a group, the group of a subgroup; -1 for a class */
	int students; /* -1 unknown */
};

struct tt_course {
	const char *label; /* "语文" or its code, for messages */
	int subject;	   /* index into subject_codes */
	int school;
	int length;
	bool different_days;
	int room_kind; /* the course's or its subject's; -1: any */
	int students;  /* -1 unknown */
	int *sets, nsets;
	int *teachers, nteachers;
	int *rooms, nrooms; /* allowed rooms; none: any of the kind */
	/* the rooms it had rather use (a soft rule), each with its weight below 100; a lesson in
	 * a room weighing less than the heaviest of them (0 when not listed) weighs the
	 * difference (tt_room_pref_cost) */
	int *prefs, nprefs;
	double *pref_weights;
};

struct tt_lesson {
	int course;
	int seq;
	int day, period; /* from 0; -1 when not placed */
	int room;	 /* -1 when none */
	bool locked;
};

/* A rule over some lessons, as FET has them. Soft ones (weight below 100) are not
 * enforced: they are scored (tt_soft_score), and the solver keeps them where it can. */
enum tt_lrule_kind {
	TT_LR_MIN_DAYS,	    /* at least n days apart (flag: on one day only back to back) */
	TT_LR_SAME_START,   /* all at one day and period */
	TT_LR_SAME_DAY,	    /* all on one day */
	TT_LR_NOT_OVERLAP,  /* none at once */
	TT_LR_CONSECUTIVE,  /* two: the second right after the first, on one day */
	TT_LR_GROUPED,	    /* all back to back on one day, in any order */
	TT_LR_ENDS_DAY,	    /* each the last of its students' day */
	TT_LR_START_SLOTS,  /* each starts in one of the slots */
	TT_LR_TIME_SLOTS,   /* each lies wholly in the slots */
	TT_LR_KINDS
};
/* The kinds' words in the database and files: "min_days" … */
extern const char *const tt_lrule_words[TT_LR_KINDS];
int tt_lrule_kind(const char *word); /* -1 when none */

struct tt_lrule {
	int kind;
	double weight;
	int n;
	bool flag;
	int *lessons, nlessons;
	unsigned char *slots; /* [days * periods] for the slot kinds, else NULL */
	int64_t ext;	      /* the database's id */
};

/* A rule on the days of a teacher, of students (every atomic set of a class or group), of
 * every teacher or of all students. */
enum tt_drule_kind {
	TT_DR_MAX_GAPS_WEEK, TT_DR_MAX_GAPS_DAY, TT_DR_MAX_DAYS, TT_DR_MAX_HOURS_DAY, TT_DR_MIN_HOURS_DAY,
	TT_DR_MAX_HOURS_RUN, TT_DR_EARLY_SECOND, TT_DR_KINDS
};
extern const char *const tt_drule_words[TT_DR_KINDS];
int tt_drule_kind(const char *word); /* -1 when none */

struct tt_drule {
	int kind;
	double weight;
	int n;
	bool empty_days;
	int teacher;  /* -1 when not one teacher's */
	int set;      /* -1 when not one class's or group's */
	int everyone; /* 1 every teacher, 2 all students, 0 neither */
};

/* Whether the rule is hard (weight 100). */
static inline bool tt_lrule_hard(const struct tt_lrule *r)
{
	return r->weight >= 100;
}
/* Whether any part of it binds: a hard rule, or a soft "days apart" one's "back to back if
 * on one day", which FET keeps whatever the weight. */
static inline bool tt_lrule_binds(const struct tt_lrule *r)
{
	return r->weight >= 100 || (r->kind == TT_LR_MIN_DAYS && r->flag);
}

struct tt_model {
	int days, periods;
	int nschools;
	const char **school_names;
	int *bell; /* [school][period][2]: start and end minutes, -1 when none */
	int *travel; /* [school][school]: minutes, -1 when unknown */
	int nteachers;
	struct tt_teacher *teachers;
	int nrooms;
	struct tt_room *rooms;
	int nsets, nleaves;
	struct tt_set *sets;
	int *members, nmembers; /* pairs: a group, a subgroup of another group that is its too */
	int ncourses;
	struct tt_course *courses;
	int nlessons;
	struct tt_lesson *lessons;
	int nlrules;
	struct tt_lrule *lrules;
	int ndrules;
	struct tt_drule *drules;
	/* unavailable slots, [n][days * periods]: teachers, leaves, rooms */
	unsigned char *unav_teacher, *unav_leaf, *unav_room;
	/* [days * periods]: 1 where every teacher and every atomic set is unavailable (a break:
	 * lessons one right after the other may have one between them, as FET's breaks); NULL
	 * when none (tt_model_breaks fills it) */
	unsigned char *breaks;
	/* the slots they had rather not have, the same way: each a soft rule's weight (below
	 * 100), 0 where none is; NULL when the term has none (a slot hard unavailable is not
	 * soft too) */
	double *soft_teacher, *soft_leaf, *soft_room;
	/* the database's ids of the schools, teachers, rooms and sets (classes; 0 for groups) */
	int64_t *school_ext, *teacher_ext, *room_ext, *set_ext, *lesson_ext;
	/* the names that stay unique over a whole district, for files other programs read: school
	 * codes, staff numbers, "CODE:class", "CODE:class/group", "CODE:room", subject codes;
	 * and the term's day and period names (NULL entries: none) */
	const char **school_codes, **teacher_codes, **set_codes, **room_codes, **subject_codes;
	int nsubjects;
	const char **day_names, **period_names;
	/* the names above, owned by the model */
	char **strings;
	int nstrings, capstrings;
};

/* A copy of s the model owns (for names). */
const char *tt_string(struct tt_model *m, const char *s);

enum tt_rule {
	TT_TEACHER_TWICE, TT_STUDENTS_TWICE, TT_ROOM_TWICE, TT_ROOM_NOT_ALLOWED, TT_ROOM_TOO_SMALL,
	TT_TEACHER_UNAVAILABLE, TT_STUDENTS_UNAVAILABLE, TT_ROOM_UNAVAILABLE, TT_SAME_DAY, TT_TRAVEL,
	TT_CHANGES, TT_NO_BELL, TT_PAST_DAY,
	TT_LESSON_RULE, /* who: the rule */
	TT_GAP_PERIODS, /* a teacher's free periods between two schools: need, have */
	TT_DAY_RULE,	/* who: the rule; b: the teacher or atomic set; need: the limit, have: the count */
	TT_NO_ROOM, /* the solver's: no room the course may use */
	TT_ROOM_NOT_PREFERRED, /* a: the lesson; who: its room (-1 none), not one its course had rather */
};

struct tt_violation {
	int rule;
	int a, b;    /* lessons (b -1 when one) */
	int who;     /* the teacher, set or room concerned, -1 when none */
	int day, period;
	int need, have; /* travel: minutes needed and free; changes: limit and count */
	int res;	/* rules on days: the teacher or atomic set (by the rule's kind of who) */
};

/* The start and end minutes of period p (from 0) at school s; false when it has no bell.
 * Here to be inlined: the solver asks it for every place it weighs. */
static inline bool tt_period_times(const struct tt_model *m, int s, int p, int *start, int *end)
{
	if (s < 0 || s >= m->nschools || p < 0 || p >= m->periods || !m->bell)
		return false;
	const int *b = &m->bell[(s * m->periods + p) * 2];
	if (b[0] < 0 || b[1] < 0)
		return false;
	*start = b[0];
	*end = b[1];
	return true;
}
/* Calls fn for each hard violation, in the order of the lessons; returns their number. */
int tt_check(const struct tt_model *m, void (*fn)(void *ctx, const struct tt_violation *v), void *ctx);
/* Calls fn for each violation of a soft rule (its weight below 100), over lessons and then
 * on days, as tt_check says the hard ones; returns their number. */
int tt_check_soft(const struct tt_model *m, void (*fn)(void *ctx, const struct tt_violation *v), void *ctx);
/* Whether a rule on days is hard (weight 100). */
static inline bool tt_drule_hard(const struct tt_drule *x)
{
	return x->weight >= 100;
}
/* Whether the term has a soft rule: over lessons, on days, a slot someone had rather not
 * have, or a course's preferred rooms. */
bool tt_has_soft(const struct tt_model *m);
/* The weight of the soft rule a violation breaks (0 when it is not of a rule with one). A
 * soft one's teacher, students or room "not available" is a lesson in a slot they had rather
 * not have: weighed by that slot (the students': the most any of theirs weighs there); a
 * lesson not in its course's preferred rooms, by tt_room_pref_cost. */
double tt_soft_weight(const struct tt_model *m, const struct tt_violation *v);
/* How far a soft violation goes: for a rule on days, the periods, gaps, days or late
 * beginnings beyond its limit (or short of it, for the least hours a day); for lessons at
 * least n days apart, the days short; for every other rule over lessons, 1 (a pair, a lesson
 * or a block not as the rule wants). */
int tt_soft_amount(const struct tt_model *m, const struct tt_violation *v);
/* What a lesson of course in room (-1: none) weighs in the course's preferred rooms: the
 * heaviest of them less room's own (0 when not one of them); 0 when it has none. */
double tt_room_pref_cost(const struct tt_model *m, int course, int room);
/* The most a soft "not available" of any atomic set of set weighs at slot; 0 when none. */
double tt_set_soft(const struct tt_model *m, int set, int slot);
/* The soft score: the sum over every soft violation of its rule's weight times its amount,
 * 0 when every soft rule is kept; *count (may be NULL) the violations, fn (may be NULL)
 * called for each. */
double tt_soft_score(const struct tt_model *m, int *count, void (*fn)(void *ctx, const struct tt_violation *v),
	void *ctx);
/* A soft score as the front ends show it: "160", or "99.5" when it is not whole. */
void tt_score_text(double score, char *out, size_t size);
/* A violation in words a scheduler understands. */
void tt_violation_text(const struct tt_model *m, const struct tt_violation *v, char *out, size_t size);
/* A rule in the way of a lesson left out (v: that rule met at one of its places), closing
 * closes of its places, in words; a clash or an unavailability without its slot. */
void tt_block_text(const struct tt_model *m, const struct tt_violation *v, int closes, int places, char *out, size_t size);
void tt_model_free(struct tt_model *m);
/* Fills m->breaks from the unavailable slots (left NULL when the term has none). */
void tt_model_breaks(struct tt_model *m);
/* The first period from period on day that is not a break (m->periods when none is left):
 * where a lesson "right after" one that ends at period starts. */
int tt_after_breaks(const struct tt_model *m, int day, int period);
/* What a day of a teacher or atomic set holds: occupied periods (occ) between periods off
 * (unavailable: not gaps, not a start), for the rules on days. */
struct tt_day_shape {
	int hours, gaps, run, first, late; /* late: free periods before the first, not off */
};
void tt_day_shape(const unsigned char *occ, const unsigned char *off, int periods, struct tt_day_shape *out);
/* The same of a day as bits, period p as bit p (a term has at most 30 periods): occ its
 * occupied periods, off those off. */
void tt_day_shape_bits(uint32_t occ, uint32_t off, struct tt_day_shape *out);
/* How far a week of shapes (one per day) breaks rule x: 0 when it holds. day -1: the whole
 * week; else only that day's part. */
int tt_drule_excess(const struct tt_drule *x, const struct tt_day_shape *week, int days, int day);
/* What the weekly rules are judged on, summed over a week's days (sign -1 takes a day out). */
struct tt_week_sums {
	int gaps, days, late1, late_more;
};
static inline void tt_week_add(struct tt_week_sums *w, const struct tt_day_shape *d, int sign)
{
	w->gaps += sign * d->gaps;
	w->days += sign * (d->hours > 0);
	w->late1 += sign * (d->hours > 0 && d->late == 1);
	w->late_more += sign * (d->hours > 0 && d->late > 1 ? d->late - 1 : 0);
}
/* Whether x is judged on the week (else on each day). */
bool tt_drule_weekly(const struct tt_drule *x);
/* How far x is broken: a weekly rule by the week's sums w, another by one day's shape d. */
static inline int tt_drule_excess_of(const struct tt_drule *x, const struct tt_week_sums *w,
	const struct tt_day_shape *d)
{
	switch (x->kind) {
	case TT_DR_MAX_GAPS_WEEK: return w->gaps > x->n ? w->gaps - x->n : 0;
	case TT_DR_MAX_DAYS: return w->days > x->n ? w->days - x->n : 0;
	case TT_DR_EARLY_SECOND: return w->late_more + (w->late1 > x->n ? w->late1 - x->n : 0);
	case TT_DR_MAX_GAPS_DAY: return d->gaps > x->n ? d->gaps - x->n : 0;
	case TT_DR_MAX_HOURS_DAY: return d->hours > x->n ? d->hours - x->n : 0;
	case TT_DR_MAX_HOURS_RUN: return d->run > x->n ? d->run - x->n : 0;
	case TT_DR_MIN_HOURS_DAY: return (d->hours > 0 || !x->empty_days) && d->hours < x->n ? x->n - d->hours : 0;
	}
	return 0;
}

/* The name of an atomic set: the smallest class, group or subgroup that is it. */
void tt_leaf_name(const struct tt_model *m, int leaf, char *out, size_t size);

/* The hard violations lesson i takes part in: their number, the first in *first (may be NULL). */
int tt_lesson_violations(const struct tt_model *m, int i, struct tt_violation *first);

/* What a count proves before any search: more to place than there is room for. */
enum tt_proof_kind {
	TT_PROOF_TEACHER,      /* who: teacher; need: periods of lessons, have: free periods */
	TT_PROOF_SET,	       /* who: atomic set; the same */
	TT_PROOF_ROOM,	       /* who: room, the only one its courses may use; the same */
	TT_PROOF_DAYS,	       /* who: course; need: lessons on different days, have: days */
	TT_PROOF_TEACHER_DAY,  /* who: teacher; need: periods, have: limit a day (limit) times days */
	TT_PROOF_SET_DAY,      /* who: atomic set; the same */
	TT_PROOF_TEACHER_DAYS, /* who: teacher; need: periods, have: days allowed (limit) times periods */
	TT_PROOF_MIN_DAYS,     /* who: rule over lessons; need: days its lessons need, have: days */
	TT_PROOF_OPEN_DAYS,    /* who: the same; need: its lessons, have: days free enough for them, limit apart */
	TT_PROOF_COURSE_DAYS,  /* who: course on different days; need: lessons, have: days free enough */
	TT_PROOF_SCHOOL_DAYS,  /* who: teacher at limit + 1 schools a day at most (limit: its school
				* changes); need: the days its lessons need at its schools, summed;
				* have: (limit + 1) times its days with a free period */
};
struct tt_proof {
	int kind, who, need, have, limit;
};
/* Calls fn (may be NULL) for each such proof, locked lessons counted; returns how many. */
int tt_prove(const struct tt_model *m, void (*fn)(void *ctx, const struct tt_proof *p), void *ctx);
/* The periods of lessons of each atomic set (leaf) in the week, all placed ([nleaves],
 * freed by the caller); and the periods of the week open to one teacher, set or room w
 * (unav: its unavailable slots, [count][S], or NULL). */
int *tt_leaf_need(const struct tt_model *m);
int tt_open_periods(const unsigned char *unav, int w, int S);
void tt_proof_text(const struct tt_model *m, const struct tt_proof *p, char *out, size_t size);

/* Whose week a grid shows. */
enum tt_grid_kind { TT_GRID_TEACHER, TT_GRID_SET, TT_GRID_SCHOOL, TT_GRID_ROOM };
/* The lessons in one cell of the week of a teacher, a set (and everyone it includes or
 * belongs to), a school or a room, in lesson order; returns how many (at most max in out). */
int tt_cell_lessons(const struct tt_model *m, int kind, int who, int day, int period, int *out, int max);
/* One cell of such a week as text: its lessons, each as subject, the others involved and
 * the room (a teacher's with the clock time and school). */
void tt_cell_text(const struct tt_model *m, int kind, int who, int d, int p, char *out, size_t size);
/* The school whose bell times stand beside such a week's periods, -1 when none. */
int tt_grid_clock_school(const struct tt_model *m, int kind, int who);
/* The name of whose week it is (who >= 0). */
const char *tt_grid_whose(const struct tt_model *m, int kind, int who);
/* A week's title, "拉堡小学 三年级1班 — 2025-2026/2"; whose names it when who is -1. */
void tt_grid_title(const struct tt_model *m, int kind, int who, const char *whose, const char *term, char *out,
	size_t size);
struct strbuf;
/* The whole week into b: as CSV, or as an HTML page ready to print (A4 landscape) headed
 * by title. */
void tt_grid_write(const struct tt_model *m, int kind, int who, const char *title, bool html, struct strbuf *b);
/* The index of ext in ids[n], -1 when absent. */
int tt_find_ext(const int64_t *ids, int n, int64_t ext);

#endif
