/* plan.h: the exchange planner (`xuequ exchange plan`): which eligible teachers to send
 * from which school to which, so that a year's quotas are met at the least total travel.
 * An optimisation over a flow network (see plan.c), with a proven lower bound. */
#ifndef XQ_PLAN_H
#define XQ_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/exchange.h"
#include "core/types.h"
#include "core/util.h"

#define PLAN_SUBJECT_LEN 64

struct plan_school {
	int64_t id, district_id; /* district 0: in none */
	double lat, lon;	 /* NAN when unknown: such a school is left out */
	long teachers;		 /* teachers whose home school it is */
	long staff_quota;	 /* -1 when unknown */
	bool lead;		 /* leads its district */
	long away;		 /* its teachers away on exchanges running in the year */
	long hardship;		 /* 0..3, for subsidies */
};

struct plan_teacher {
	int64_t id, school_id; /* school_id: home school */
	const char *subjects; /* "语文;数学"; ; ； , ， 、 / and spaces separate; the caller's */
	bool backbone;		 /* county level or above */
};

/* A school short of teachers in a subject. */
struct plan_need {
	int64_t school_id;
	char subject[PLAN_SUBJECT_LEN];
	long count;
};

struct plan_input {
	const struct plan_school *schools;
	int nschools;
	/* eligible teachers not already exchanged or away in the year */
	const struct plan_teacher *candidates;
	int ncandidates;
	const struct plan_need *needs;
	int nneeds;
	/* from exchange_quota_compute for the scope planned; missing_backbone -1 (cannot be
	 * reached by adding exchanges) plans as many backbone moves as can be */
	long missing, missing_backbone;
	double max_out_ratio;
	bool allow_cross_district;
};

struct plan_move {
	int64_t teacher_id, from_school_id, to_school_id;
	char subject[PLAN_SUBJECT_LEN];
	bool backbone;
	double km; /* rounded to whole metres */
};

struct plan_result {
	struct plan_move *moves; /* ordered by from school, to school, teacher */
	int nmoves;
	long target;	      /* moves sought: max(missing, missing_backbone) */
	long target_backbone; /* backbone moves among them (missing_backbone) */
	long backbone_moves;
	double total_km;
	double lower_bound_km; /* no plan meeting both quotas travels less; NAN when none can */
	double gap_km;	       /* total_km - lower_bound_km; NAN when none */
	bool quota_met, backbone_met;
	int skipped_schools; /* sources or sinks without a position */
	char note[XQ_MSG_MAX]; /* why a quota cannot be met, "" otherwise */
};

/* A sending school: more teachers than its staffing quota, or a lead school. */
bool plan_is_source(const struct plan_school *s);
/* How many more of its teachers may leave: floor(max_out_ratio * teachers) - away, >= 0. */
long plan_out_capacity(const struct plan_school *s, double max_out_ratio);
/* Whether a subject list names subject. */
bool plan_subject_in(const char *list, const char *subject);

/* Shortages from all in-post teachers (all, backbone ignored): for each school and subject,
 * expected = base × the county's share of that subject (a teacher of k subjects counts 1/k
 * to each), base = staff_quota (the teachers count when unknown); shortage = expected -
 * actual rounded to the nearest whole teacher, when positive. So a school short overall
 * is short in the subjects it lacks most, and a full school lacking a subject (a village
 * school without a music teacher) is short in that subject. Returns the number of needs
 * in *needs (free() it), ordered by school id then subject. */
int plan_needs_derive(const struct plan_school *schools, int nschools,
	const struct plan_teacher *all, int nall, struct plan_need **needs);

/* The plan. XQ_OK with out filled (free with plan_result_free), also when a quota cannot
 * be met (then quota_met or backbone_met is false, note says why, and the plan is the
 * largest possible); XQ_MISUSE on bad input. Deterministic. */
int plan_solve(const struct plan_input *in, struct plan_result *out, char *msg);
void plan_result_free(struct plan_result *r);

/* A proposed rotation for a move: reason adjustment, starting on the year's first day,
 * default term, subsidy from the distance and the receiving school's hardship. Codes and
 * staff number are left to the caller. */
void plan_move_to_exchange(const struct plan_move *m, long to_hardship, const char *year,
	const struct exchange_policy *p, struct exchange *e);

#endif
