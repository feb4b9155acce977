/* indicators.c: the seven national resource indicators of a school, the pass rule (6 of 7,
 * the seventh at 85 %), the missing amounts and the coefficient of variation. */
#include "core/indicators.h"

#include <math.h>
#include <string.h>

const char *const indicator_codes[INDICATOR_COUNT] = {
	"qualified_teachers_per100", "backbone_per100", "pe_art_per100",
	"teaching_area_per_student", "sports_area_per_student", "equipment_per_student",
	"multimedia_per100",
};

/* Pupils per unit of each indicator: per 100 pupils or per pupil. */
static const double per[INDICATOR_COUNT] = {100, 100, 100, 1, 1, 1, 100};

/* Comparisons forgive the rounding of decimal figures (85 % of 2.3 is not exact). */
#define EPS 1e-9

int indicator_index(const char *code)
{
	for (int i = 0; i < INDICATOR_COUNT; i++)
		if (code && strcmp(code, indicator_codes[i]) == 0)
			return i;
	return -1;
}

void indicator_staff_add(struct indicator_staff *st, int education, int backbone, bool pe_art,
	double weight)
{
	if (education >= EDU_JUNIOR_COLLEGE)
		st->junior_college_up += weight;
	if (education >= EDU_BACHELOR)
		st->bachelor_up += weight;
	if (backbone >= BB_COUNTY)
		st->backbone += weight;
	if (pe_art)
		st->pe_art += weight;
}

static bool two_stages(const struct school *s)
{
	return s->level == LEVEL_NINE_YEAR || s->level == LEVEL_TWELVE_YEAR;
}

long indicator_pupils(const struct school *s, int stage)
{
	long n;
	if (two_stages(s))
		n = stage == STAGE_PRIMARY ? s->students_primary : s->students_junior;
	else if (s->level == LEVEL_JUNIOR)
		n = stage == STAGE_JUNIOR ? s->students : 0;
	else
		n = stage == STAGE_PRIMARY ? s->students : 0;
	return n > 0 ? n : 0;
}

double indicator_share(const struct school *s, int stage, double junior_weight)
{
	long p = indicator_pupils(s, STAGE_PRIMARY), j = indicator_pupils(s, STAGE_JUNIOR);
	if ((stage == STAGE_PRIMARY ? p : j) == 0)
		return 0;
	if (!two_stages(s))
		return 1;
	double wp = (double)p, wj = junior_weight * (double)j;
	return (stage == STAGE_PRIMARY ? wp : wj) / (wp + wj);
}

const double *indicator_thresholds(const struct indicator_policy *p, int stage)
{
	return stage == STAGE_JUNIOR ? p->junior : p->primary;
}

static double known(double v)
{
	return isnan(v) || v < 0 ? 0 : v;
}

bool indicator_school(const struct school *s, const struct indicator_staff *st, int stage,
	const struct indicator_policy *p, struct indicator_result *r)
{
	memset(r, 0, sizeof *r);
	r->pupils = indicator_pupils(s, stage);
	if (r->pupils == 0)
		return false;
	double share = indicator_share(s, stage, p->junior_weight);
	const double have[INDICATOR_COUNT] = {
		stage == STAGE_JUNIOR ? st->bachelor_up : st->junior_college_up, st->backbone,
		st->pe_art, known(s->teaching_area_m2), known(s->sports_area_m2),
		known(s->equipment_value_yuan), known((double)s->multimedia_rooms),
	};
	for (int i = 0; i < INDICATOR_COUNT; i++)
		r->value[i] = have[i] * share * per[i] / (double)r->pupils;
	indicator_judge(stage, p, r);
	return true;
}

void indicator_judge(int stage, const struct indicator_policy *p, struct indicator_result *r)
{
	const double *thr = indicator_thresholds(p, stage);
	bool misses_ok = true;
	r->met_count = 0;
	r->lowest_ratio = INFINITY;
	for (int i = 0; i < INDICATOR_COUNT; i++) {
		double t = thr[i], v = r->value[i];
		r->threshold[i] = t;
		r->met[i] = v >= t - EPS * (t > 1 ? t : 1);
		double ratio = t > 0 ? v / t : 1;
		if (ratio < r->lowest_ratio)
			r->lowest_ratio = ratio;
		r->missing[i] = 0;
		if (r->met[i]) {
			r->met_count++;
			continue;
		}
		if (v < p->seventh_min_share * t - EPS * (t > 1 ? t : 1))
			misses_ok = false;
		/* the amount that brings the stage's pupils to the threshold */
		double lack = (t - v) * (double)r->pupils / per[i];
		r->missing[i] = ceil(lack - EPS * (lack > 1 ? lack : 1));
		if (r->missing[i] < 1)
			r->missing[i] = 1;
	}
	r->ok = r->met_count >= p->min_met && misses_ok;
}

double indicator_cv(const double *x, const long *w, int n, bool plain)
{
	if (n <= 0)
		return NAN;
	double sw = 0, sx = 0;
	for (int i = 0; i < n; i++) {
		double wi = plain ? 1 : (double)w[i];
		sw += wi;
		sx += wi * x[i];
	}
	if (sw <= 0)
		return NAN;
	double mean = sx / sw, ss = 0;
	for (int i = 0; i < n; i++) {
		double wi = plain ? 1 : (double)w[i], d = x[i] - mean;
		ss += wi * d * d;
	}
	double sd = sqrt(ss / sw);
	if (sd <= EPS * (fabs(mean) > 1 ? fabs(mean) : 1))
		return 0;
	return mean > 0 ? sd / mean : NAN;
}

bool indicator_in_cv(const struct school *s, long pupils, const struct indicator_policy *p)
{
	return !(s->level == LEVEL_TEACHING_POINT && pupils < p->min_pupils);
}
