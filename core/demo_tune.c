/* demo_tune.c: the demo county's figures around the national resource indicators: a
 * nine-year school's pupils split by stage, and some schools brought up to the thresholds
 * (they pass), some to all but their sports ground (they pass at 90 % or fail at 80 %);
 * the rest keep the figures they were drawn with, and many of those fail outright. No
 * random numbers are drawn here, so the rest of the demo stays as it was. */
#include <math.h>
#include <string.h>

#define XQ_DEMO_TABLES
#include "core/demo.h"
#include "core/indicators.h"
#include "core/util.h"

/* A little above the threshold, so that rounding never tips a school over. */
#define MARGIN 1.03

int demo_tune_pick(int i, bool may)
{
	if (!may)
		return DEMO_TUNE_NONE;
	return i % 3 == 0 ? DEMO_TUNE_PASS : i % 9 == 4 ? DEMO_TUNE_NEAR : i % 9 == 7 ? DEMO_TUNE_SIX
										      : DEMO_TUNE_NONE;
}

static void split_stages(struct school *s)
{
	if (s->level != LEVEL_NINE_YEAR && s->level != LEVEL_TWELVE_YEAR)
		return;
	if (s->students < 0)
		return;
	s->students_primary = (s->students * 2 + 1) / 3;
	s->students_junior = s->students - s->students_primary;
}

/* The pupils the thresholds apply to, in primary-pupil terms, and the thresholds: a
 * two-stage school meets the junior ones over its pupils weighted 1 : junior_weight, which
 * meets both stages'. */
static double weighted_pupils(const struct school *s, const struct indicator_policy *p,
	const double **thr)
{
	*thr = s->level == LEVEL_JUNIOR || s->level == LEVEL_NINE_YEAR ||
			s->level == LEVEL_TWELVE_YEAR
		? p->junior
		: p->primary;
	if (s->level == LEVEL_NINE_YEAR || s->level == LEVEL_TWELVE_YEAR)
		return (double)s->students_primary + p->junior_weight * (double)s->students_junior;
	return (double)s->students;
}

static void at_least(double *v, double want)
{
	if (isnan(*v) || *v < want)
		*v = ceil(want);
}

void demo_tune_school(struct school *s, int tune)
{
	split_stages(s);
	if (tune == DEMO_TUNE_NONE || s->students <= 0)
		return;
	struct indicator_policy p;
	indicator_policy_defaults(&p);
	const double *thr;
	double n = weighted_pupils(s, &p, &thr);
	at_least(&s->teaching_area_m2, thr[IND_TEACHING_AREA] * n * MARGIN);
	at_least(&s->equipment_value_yuan, thr[IND_EQUIPMENT] * n * MARGIN);
	double mm = (double)(s->multimedia_rooms < 0 ? 0 : s->multimedia_rooms);
	at_least(&mm, thr[IND_MULTIMEDIA] * n * MARGIN / 100);
	s->multimedia_rooms = (long)mm;
	double share = tune == DEMO_TUNE_PASS ? MARGIN : tune == DEMO_TUNE_SIX ? 0.9 : 0.8;
	double sports = thr[IND_SPORTS_AREA] * n * share;
	s->sports_area_m2 = tune == DEMO_TUNE_PASS ? ceil(sports) : floor(sports);
	if (tune == DEMO_TUNE_PASS && s->sports_area_m2 < sports)
		s->sports_area_m2 = ceil(sports);
}

/* Whether t may be made a backbone teacher: a teacher in post with a grade. */
static bool may_promote(const struct teacher *t)
{
	return t->post == POST_TEACHER && t->employment == EMP_IN_POST && t->backbone == BB_NONE &&
	       strcmp(t->title, "未定职级") != 0;
}

void demo_tune_teachers(const struct school *s, int tune, struct teacher *ts, long n)
{
	if (tune == DEMO_TUNE_NONE || s->students <= 0)
		return;
	struct indicator_policy p;
	indicator_policy_defaults(&p);
	const double *thr;
	double pupils = weighted_pupils(s, &p, &thr);
	int need_edu = thr == p.junior ? EDU_BACHELOR : EDU_JUNIOR_COLLEGE;
	const long want[3] = {
		(long)ceil(thr[IND_QUALIFIED] * pupils * MARGIN / 100),
		(long)ceil(thr[IND_BACKBONE] * pupils * MARGIN / 100),
		(long)ceil(thr[IND_PE_ART] * pupils * MARGIN / 100),
	};
	long have[3] = {0, 0, 0};
	for (long i = 0; i < n; i++) {
		have[0] += ts[i].education >= need_edu;
		have[1] += ts[i].backbone != BB_NONE;
		have[2] += ts[i].pe_art;
	}
	/* the youngest degrees first: teachers who studied on while teaching */
	for (long i = 0; i < n && have[0] < want[0]; i++)
		if (ts[i].education < need_edu) {
			ts[i].education = need_edu;
			have[0]++;
		}
	for (int pass = 0; pass < 2; pass++)
		for (long i = 0; i < n && have[1] < want[1]; i++)
			if (pass ? ts[i].backbone == BB_NONE && ts[i].post == POST_TEACHER : may_promote(&ts[i])) {
				ts[i].backbone = BB_COUNTY;
				have[1]++;
			}
	/* PE, music and fine-art teachers from the end of the staff list, not the backbone */
	static const char *const pe_art[] = {"体育", "音乐", "美术"};
	int k = 0;
	for (long i = n - 1; i >= 0 && have[2] < want[2]; i--)
		if (!ts[i].pe_art && ts[i].post == POST_TEACHER && ts[i].backbone == BB_NONE) {
			ts[i].pe_art = true;
			xq_copy(ts[i].subjects, sizeof ts[i].subjects, pe_art[k++ % 3]);
			have[2]++;
		}
}
