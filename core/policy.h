/* policy.h: the county's indicator policy — the thresholds of the seven national resource
 * indicators for primary and junior schools, how many a school must meet, the share the
 * one not met must still reach, and the largest coefficients of variation. Kept in the
 * database with the exchange rules (db/policy.h); read by the inspections. */
#ifndef XQ_POLICY_H
#define XQ_POLICY_H

#include <stdbool.h>

struct conf;

#define INDICATOR_COUNT 7

struct indicator_policy {
	/* in conf_indicator_names' order: teachers above the required degree, backbone and
	 * PE/art teachers per 100 students, teaching and sports area and equipment value per
	 * student, multimedia rooms per 100 students */
	double primary[INDICATOR_COUNT], junior[INDICATOR_COUNT];
	int min_met;		  /* indicators each school must meet */
	double seventh_min_share; /* the one not met reaches this share of its threshold */
	double cv_max_primary, cv_max_junior;
	double junior_weight;	 /* a junior pupil against a primary one (1) */
	long min_pupils;	 /* teaching points with fewer pupils leave the CV */
	bool cv_plain;		 /* unweighted CV over schools; else weighted by pupils */
	bool count_at_receiving; /* a teacher on an active exchange counts where he works */
};

/* The national high-quality-balance figures (the same as conf_defaults). */
void indicator_policy_defaults(struct indicator_policy *p);
/* Copies the [indicators] section. Reads the struct only: conf/conf.c need not be linked. */
void indicator_policy_from_conf(const struct conf *c, struct indicator_policy *p);

#endif
