/* indicators.h: the seven national resource indicators of a school at one stage, whether the
 * school passes, what it lacks, and the coefficient of variation across a county's schools
 * (县域义务教育优质均衡发展督导评估办法). Pure functions; thresholds come from the policy. */
#ifndef XQ_INDICATORS_H
#define XQ_INDICATORS_H

#include <stdbool.h>

#include "core/policy.h"
#include "core/types.h"

enum indicator {
	IND_QUALIFIED,	   /* teachers above the required education per 100 pupils */
	IND_BACKBONE,	   /* backbone teachers (county level or above) per 100 pupils */
	IND_PE_ART,	   /* PE and art specialist teachers per 100 pupils */
	IND_TEACHING_AREA, /* teaching and auxiliary rooms, m² per pupil */
	IND_SPORTS_AREA,   /* sports grounds and halls, m² per pupil */
	IND_EQUIPMENT,	   /* teaching equipment value, yuan per pupil */
	IND_MULTIMEDIA,	   /* networked multimedia classrooms per 100 pupils */
};
enum stage { STAGE_PRIMARY, STAGE_JUNIOR };

/* The seven codes, in the order ("qualified_teachers_per100" ...). */
extern const char *const indicator_codes[INDICATOR_COUNT];
/* Index of a code, -1 when none. */
int indicator_index(const char *code);

/* A school's teachers as counted for the indicators: each teacher adds a weight (1, or the
 * part of the week he works there during an exchange) to the counts he belongs to. */
struct indicator_staff {
	double junior_college_up; /* education junior college or higher (primary requirement) */
	double bachelor_up;	  /* bachelor or higher (junior requirement) */
	double backbone;	  /* backbone level county or above */
	double pe_art;		  /* PE, music or fine-art specialists */
};
void indicator_staff_add(struct indicator_staff *st, int education, int backbone, bool pe_art,
	double weight);

/* Pupils of the school at the stage: all its students for a primary school or teaching
 * point (primary) and a junior school (junior), the split for nine-year and twelve-year
 * schools; 0 when none or unknown. */
long indicator_pupils(const struct school *s, int stage);
/* The share of the school's resources (areas, equipment, rooms, teachers) that serves the
 * stage: 1 for a one-stage school; for a nine-year or twelve-year school pupils weighted 1
 * (primary) : junior_weight (junior). 0 when the stage has no pupils. */
double indicator_share(const struct school *s, int stage, double junior_weight);

/* One school at one stage, judged. */
struct indicator_result {
	long pupils;
	double value[INDICATOR_COUNT], threshold[INDICATOR_COUNT];
	bool met[INDICATOR_COUNT];
	int met_count;
	double lowest_ratio; /* value ÷ threshold of the weakest indicator */
	bool ok;	     /* met_count >= min_met and every miss >= seventh_min_share */
	/* what a missed indicator lacks to reach its threshold, in its own unit rounded up:
	 * whole teachers, m², yuan, whole classrooms; 0 when met */
	double missing[INDICATOR_COUNT];
};

/* The thresholds of a stage. */
const double *indicator_thresholds(const struct indicator_policy *p, int stage);
/* The indicators of school s at the stage, with its teachers st: false when the stage has
 * no pupils. Unknown areas, values and room counts count as 0. */
bool indicator_school(const struct school *s, const struct indicator_staff *st, int stage,
	const struct indicator_policy *p, struct indicator_result *r);
/* The pass rule and the missing amounts for values already computed (r->pupils and
 * r->value set): fills the rest of r. */
void indicator_judge(int stage, const struct indicator_policy *p, struct indicator_result *r);

/* Coefficient of variation of x[0..n) with pupils w[0..n): weighted by pupils (mean
 * ΣwX/Σw, S = √(Σw(X−mean)²/Σw)) or plain (population mean and deviation over the n
 * values). CV = S/mean; 0 when every value is the same; NAN when n is 0 or the mean 0 with
 * a spread. */
double indicator_cv(const double *x, const long *w, int n, bool plain);
/* Whether a school counts in the CV: not a teaching point under min_pupils pupils. */
bool indicator_in_cv(const struct school *s, long pupils, const struct indicator_policy *p);

#endif
