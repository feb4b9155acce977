/* ttsolve.h: the timetable solver over the dense model (core/ttcheck.h). It places every
 * lesson that is not locked, keeps the locked ones, and hands back a timetable without a
 * hard violation: lessons it cannot place without one are left unplaced, each with the
 * rules that stood in its way. Occupancy is kept per slot for every teacher, atomic student
 * set and room, so a move is weighed by what it meets, not by checking the whole term;
 * travel is weighed per teacher and day in clock time. Soft rules (weight below 100), over
 * lessons, on days and on the slots someone had rather not have, weigh below every hard rule, each by its weight times how far it is
 * broken (the soft score, tt_soft_score), and are improved once the hard ones hold. A search
 * stalled short of a timetable fills from its nearest placement, as FET places lessons: only
 * lessons keeping every hard rule placed, the others placed in turn by taking out those in
 * their way, the lightest first or in FET's order (tt_solve_opts' fill_after, fill_fet;
 * in FET's order each soft rule over lessons is drawn, as FET draws it, as hard with the
 * chance of its weight each time a place is weighed).
 * The same seed gives the same result. */
#ifndef XQ_CORE_TTSOLVE_H
#define XQ_CORE_TTSOLVE_H

#include "core/ttcheck.h"

/* Where a search stands, for a progress bar. */
struct tt_progress {
	double seconds, limit;
	int placed, total, conflicted; /* conflicted: lessons now meeting a rule */
};

/* How a solve begins. TT_START_FET: as FET does: every lesson not locked taken out and
 * placed in FET's order from an empty week, turn after turn, never going back, until none
 * is out, or a long while brings no fewer out (as long as the search's stall before it
 * fills), or the time or steps run out; the search then mends what is left and keeps the
 * soft rules. TT_START_GREEDY: each lesson not placed at its best place, the hardest
 * first. TT_START_MIXED (the default): greedy, but on more than one thread racing, every
 * other restart as FET (the same search as TT_START_FET alone from its seed). Not for a repair, which always begins from where the lessons are
 * (FET's way moves every lesson). */
enum tt_start { TT_START_MIXED, TT_START_GREEDY, TT_START_FET };

struct tt_solve_opts {
	unsigned long seed;
	double time_limit; /* seconds; 0: 10 */
	long max_steps;	   /* 0: no limit but time */
	bool repair;	   /* between places equal else, the one a lesson had */
	/* called about ten times a second when set; false stops the search, which then hands
	 * back what it has, every hard rule kept */
	bool (*progress)(void *ctx, const struct tt_progress *p);
	void *ctx;
	/* threads: 0 or 1, one (the calling one); more: parts of the term that share no
	 * teacher, students, room or rule are solved apart, each on its own thread (the lessons
	 * of teachers between parts placed first), else as many restarts from different seeds
	 * race and the one done soonest by a clock that is the same on every run wins.
	 * Progress is still called on the calling thread. The same seed and number give the
	 * same timetable. */
	int jobs;
	/* steps of the search without a new least before it fills (as FET places lessons)
	 * from the nearest placement yet; 0: FILL_STALL (ttsolve.c), -1: never */
	long fill_after;
	/* filling in FET's order, not the lightest first (a search begun as FET always does) */
	bool fill_fet;
	/* how the search begins (enum tt_start) */
	int start;
	/* the lessons in a lesson's way looked for set by set, as ever, even where its course
	 * is over many atomic sets and its school's slots would be quicker (tests: the same
	 * timetable either way) */
	bool narrow;
	/* the rules of days apart weighed lesson by lesson, as ever, not from their lessons
	 * counted each day (tests: the same timetable either way) */
	bool apart_by_lessons;
	/* whether a laid lesson meets a rule where it lies weighed by lifting it and laying it
	 * again, as ever, not where it lies with its own part of the counts taken out (tests:
	 * the same timetable either way) */
	bool lift_to_weigh;
};
/* The threads a front end asks for unless told: the processors online, at most 4. */
int tt_default_jobs(void);

/* A rule in the way of a lesson left out: one place where it is met, and how many of the
 * lesson's places it closes. */
struct tt_block {
	struct tt_violation v;
	int closes, places;
};

struct tt_solve_result {
	int total, placed, locked;
	int violations; /* hard ones left: among locked lessons (the solver cannot move those),
			 * and rules on days that leaving lessons out would not mend */
	int soft;	   /* soft violations (tt_check_soft) of the timetable handed back */
	double soft_score; /* and their weight (tt_soft_score): 0 when every soft rule is kept */
	/* lessons placed at the start now elsewhere or out, those placed that were not, and
	 * how many had to move at least (each lesson breaking a rule alone, and one of each
	 * pair in a clash found apart from the others) */
	int moved, newly_placed, must_move;
	long steps;
	double seconds;
	int proofs; /* counts proving not every lesson fits (tt_prove): the search gives up sooner */
	int fills;  /* times the search stalled and filled, and of those, the times every lesson */
	int filled; /* was placed so, every hard rule kept by tt_check */
	/* the fewest lessons a filling that fell short left out (-1: none fell short), and
	 * whether the timetable handed back is that filling's: fewer hard rules left broken
	 * so than where the search ended, or as many and fewer lessons out */
	int fill_least;
	bool from_fill;
	/* courses over so many atomic sets that the lessons in their way were sought in their
	 * school's slots (tt_solve_opts.narrow) */
	int wide;
	/* lessons left unplaced, and the violation that stood in each one's way */
	int *unplaced;
	struct tt_violation *why;
	int nunplaced;
	/* for the k-th lesson left out, blocks[block_at[k] .. block_at[k + 1]): the fewest rules
	 * found that together close every place of its week, the one closing most first */
	struct tt_block *blocks;
	int *block_at, nblocks;
};

/* Solves m in place (its lessons' day, period and room); XQ_OK. */
int tt_solve(struct tt_model *m, const struct tt_solve_opts *o, struct tt_solve_result *r);
void tt_solve_result_free(struct tt_solve_result *r);

#endif
