/* test_exchange.c: the exchange rules: school years, eligibility with boundary dates,
 * principals, quotas and their aggregation, transitions, validation, overlap, subsidies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "conf/conf.h"
#include "core/exchange.h"
#include "core/util.h"

#define YEAR "2025-2026" /* reference 2025-09-01, runs 2025-09-01 .. 2026-08-31 */

static struct exchange_policy pol(void)
{
	struct exchange_policy p;
	exchange_policy_defaults(&p);
	return p;
}

/* An in-post teacher of school 1, joined 2019-09-01: exactly 6 years on 2025-09-01. */
static struct teacher teacher(void)
{
	struct teacher t;
	teacher_init(&t);
	t.id = 10;
	t.school_id = 1;
	strcpy(t.school_code, "3300000001");
	strcpy(t.staff_no, "T010");
	strcpy(t.birth_date, "1980-05-05");
	strcpy(t.joined_school_on, "2019-09-01");
	return t;
}

static struct exchange exch(int64_t id, const char *start, const char *end, int status)
{
	struct exchange e;
	exchange_init(&e);
	e.id = id;
	e.teacher_id = 10;
	e.from_school_id = 1;
	e.to_school_id = 2;
	strcpy(e.to_code, "3300000002");
	strcpy(e.start_date, start);
	strcpy(e.end_date, end);
	e.status = status;
	if (status == EXS_COMPLETED || status == EXS_EXTENDED)
		e.evaluation = EVAL_QUALIFIED;
	return e;
}

static struct exchange_brief brief(const struct exchange *x)
{
	struct exchange_brief b;
	exchange_brief_of(x, &b);
	return b;
}

/* The rule over whole records, as the rules read them (their briefs). */
static int elig(const struct teacher *t, const struct exemption *ex, int nex,
	const struct exchange *x, int nx, char *why)
{
	struct exchange_policy p = pol();
	struct exemption_brief eb[8];
	struct exchange_brief xb[8];
	assert_true(nex <= 8 && nx <= 8);
	for (int i = 0; i < nex; i++)
		exemption_brief_of(&ex[i], &eb[i]);
	for (int i = 0; i < nx; i++)
		xb[i] = brief(&x[i]);
	return exchange_eligibility(t, nex ? eb : NULL, nex, nx ? xb : NULL, nx, YEAR, &p, why,
		XQ_MSG_MAX);
}

static bool counts(const struct exchange *x, const char *year)
{
	struct exchange_policy p = pol();
	struct exchange_brief b = brief(x);
	return exchange_counts_in_year(&b, year, &p);
}

/* ---- school years ---- */

static void test_year_parse(void **state)
{
	(void)state;
	int y = 0;
	assert_true(exchange_year_parse("2025-2026", &y));
	assert_int_equal(y, 2025);
	assert_false(exchange_year_parse("2025-2027", &y));
	assert_false(exchange_year_parse("2025/2026", &y));
	assert_false(exchange_year_parse("25-26", &y));
	assert_false(exchange_year_parse("", &y));
	assert_false(exchange_year_parse(NULL, &y));
	assert_false(exchange_year_parse("2025-2026x", &y));
	char out[EXCHANGE_YEAR_LEN];
	exchange_year_format(2031, out);
	assert_string_equal(out, "2031-2032");
}

static void test_year_dates(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	char ref[DATE_LEN], a[DATE_LEN], b[DATE_LEN], y[EXCHANGE_YEAR_LEN];
	assert_true(exchange_year_reference(YEAR, &p, ref));
	assert_string_equal(ref, "2025-09-01");
	assert_true(exchange_year_bounds(YEAR, &p, a, b));
	assert_string_equal(a, "2025-09-01");
	assert_string_equal(b, "2026-08-31");
	assert_true(exchange_year_of("2025-08-31", &p, y));
	assert_string_equal(y, "2024-2025");
	assert_true(exchange_year_of("2025-09-01", &p, y));
	assert_string_equal(y, "2025-2026");
	assert_true(exchange_year_of("2026-08-31", &p, y));
	assert_string_equal(y, "2025-2026");
	assert_false(exchange_year_of("2025-02-30", &p, y));
	assert_false(exchange_year_reference("2025", &p, ref));

	/* a reference date of 02-29 is 02-28 in common years; years stay contiguous */
	p.ref_month = 2;
	p.ref_day = 29;
	assert_true(exchange_year_reference("2023-2024", &p, ref));
	assert_string_equal(ref, "2023-02-28");
	assert_true(exchange_year_bounds("2023-2024", &p, a, b));
	assert_string_equal(b, "2024-02-28");
	assert_true(exchange_year_bounds("2024-2025", &p, a, b));
	assert_string_equal(a, "2024-02-29");
	assert_string_equal(b, "2025-02-27");
	assert_true(exchange_year_of("2024-02-28", &p, y));
	assert_string_equal(y, "2023-2024");
	assert_true(exchange_year_of("2024-02-29", &p, y));
	assert_string_equal(y, "2024-2025");
}

static void test_policy_from_conf(void **state)
{
	(void)state;
	struct conf c;
	memset(&c, 0, sizeof c);
	strcpy(c.reference_date, "08-15");
	c.min_years_at_school = 2;
	c.max_age_male = 55;
	c.max_age_female = 50;
	c.min_ratio = 0.2;
	c.backbone_min_ratio = 0.3;
	c.backbone_base = CONF_BASE_ELIGIBLE;
	c.principal_rotate_years = 6;
	c.principal_min_years = 2;
	c.term_years = 3;
	c.allow_cross_district = true;
	c.max_out_ratio = 0.2;
	c.n_subsidy_km = 1;
	c.subsidy_km[0] = 20;
	c.n_subsidy_yuan = 2;
	c.subsidy_yuan[0] = 100;
	c.subsidy_yuan[1] = 300;
	c.subsidy_hardship_yuan[3] = 50;
	struct exchange_policy p;
	char msg[XQ_MSG_MAX];
	assert_int_equal(exchange_policy_from_conf(&c, &p, msg), XQ_OK);
	assert_int_equal(p.ref_month, 8);
	assert_int_equal(p.ref_day, 15);
	assert_int_equal(p.min_years_at_school, 2);
	assert_int_equal(p.max_age_female, 50);
	assert_int_equal(p.backbone_base, EXB_ELIGIBLE);
	assert_int_equal(p.term_years, 3);
	assert_true(p.allow_cross_district);
	assert_int_equal(p.n_subsidy_km, 1);
	assert_true(p.subsidy_yuan[1] == 300);
	assert_true(p.subsidy_hardship_yuan[3] == 50);
	strcpy(c.reference_date, "02-30");
	assert_int_equal(exchange_policy_from_conf(&c, &p, msg), XQ_ERR);
	assert_non_null(strstr(msg, "reference_date"));
	assert_int_equal(p.ref_month, 9);
}

/* ---- eligibility ---- */

static void test_elig_years_boundary(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	struct teacher t = teacher();
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_YES);
	assert_string_equal(why, "");
	struct exchange_policy p = pol();
	assert_int_equal(exchange_years_at_school(&t, YEAR, &p), 6);
	/* one day short of 6 years on the reference date */
	strcpy(t.joined_school_on, "2019-09-02");
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_TOO_FEW_YEARS);
	assert_string_equal(why, "5 years at the school on 2025-09-01 (joined 2019-09-02), "
				 "fewer than 6");
	/* joined after the reference date: 0 years */
	strcpy(t.joined_school_on, "2025-10-01");
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_TOO_FEW_YEARS);
	assert_non_null(strstr(why, "0 years"));
	t.joined_school_on[0] = '\0';
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_UNKNOWN);
	assert_int_equal(exchange_years_at_school(&t, YEAR, &p), -1);
	/* the county that counts 2 years */
	p.min_years_at_school = 2;
	strcpy(t.joined_school_on, "2023-09-01");
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_YES);
	/* a bad year */
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, "2025", &p, why, sizeof why),
		ELIG_UNKNOWN);
}

static void test_elig_post_and_employment(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	struct teacher t = teacher();
	t.employment = EMP_SUBSTITUTE;
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_NOT_IN_POST);
	assert_non_null(strstr(why, "substitute"));
	t.employment = EMP_SPECIAL_POST;
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_NOT_IN_POST);
	t = teacher();
	t.post = POST_PRINCIPAL;
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_NOT_TEACHER);
	t.post = POST_VICE_PRINCIPAL;
	assert_int_equal(elig(&t, NULL, 0, NULL, 0, why), ELIG_NOT_TEACHER);
	assert_non_null(strstr(why, "vice-principal"));
	/* why may be NULL */
	struct exchange_policy p = pol();
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, NULL, 0),
		ELIG_NOT_TEACHER);
	/* labels for the interface */
	assert_string_equal(enum_zh(exchange_elig_items, ELIG_TOO_FEW_YEARS), "任教年限不足");
	assert_string_equal(enum_key(exchange_elig_items, ELIG_EXEMPT), "exempt");
	assert_int_equal(enum_count(exchange_elig_items), ELIG_UNKNOWN + 1);
}

static void test_elig_age(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	struct exchange_policy p = pol();
	struct teacher t = teacher();
	strcpy(t.birth_date, "1960-01-01");
	/* off by default */
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_YES);
	p.max_age_male = 55;
	p.max_age_female = 50;
	/* exactly 55 on the reference date is within the limit */
	strcpy(t.birth_date, "1970-09-01");
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_YES);
	/* 56 on the reference date is over */
	strcpy(t.birth_date, "1969-09-01");
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_OVER_AGE);
	assert_string_equal(why, "aged 56 on 2025-09-01, over the limit 55 for men");
	/* one day younger: still 55 */
	strcpy(t.birth_date, "1969-09-02");
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_YES);
	/* women have their own limit */
	t.gender = 'F';
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_OVER_AGE);
	assert_non_null(strstr(why, "limit 50 for women"));
	/* an unknown birth date passes */
	t.birth_date[0] = '\0';
	assert_int_equal(exchange_eligibility(&t, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_YES);
}

static struct exemption exemption(int kind, const char *start, const char *end)
{
	struct exemption e;
	memset(&e, 0, sizeof e);
	e.teacher_id = 10;
	e.kind = kind;
	strcpy(e.start_date, start);
	strcpy(e.end_date, end);
	return e;
}

static void test_elig_exemption_boundaries(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	struct teacher t = teacher();
	/* ends the day before the school year begins: not exempt */
	struct exemption e = exemption(EXM_MATERNITY, "2024-09-01", "2025-08-31");
	assert_int_equal(elig(&t, &e, 1, NULL, 0, why), ELIG_YES);
	/* ends on its first day: exempt */
	strcpy(e.end_date, "2025-09-01");
	assert_int_equal(elig(&t, &e, 1, NULL, 0, why), ELIG_EXEMPT);
	assert_string_equal(why, "exempt: pregnancy, maternity or nursing, 2024-09-01..2025-09-01");
	/* starts on the last day of the year: exempt; the day after: not */
	e = exemption(EXM_ILLNESS, "2026-08-31", "2026-12-31");
	assert_int_equal(elig(&t, &e, 1, NULL, 0, why), ELIG_EXEMPT);
	strcpy(e.start_date, "2026-09-01");
	assert_int_equal(elig(&t, &e, 1, NULL, 0, why), ELIG_YES);
	/* open-ended */
	e = exemption(EXM_FAMILY, "2020-01-01", "");
	assert_int_equal(elig(&t, &e, 1, NULL, 0, why), ELIG_EXEMPT);
	assert_non_null(strstr(why, "family hardship"));
	/* another teacher's exemption is ignored */
	e.teacher_id = 11;
	assert_int_equal(elig(&t, &e, 1, NULL, 0, why), ELIG_YES);
	/* the second of several */
	struct exemption two[2] = {exemption(EXM_OTHER, "2010-01-01", "2011-01-01"),
		exemption(EXM_OTHER, "2026-01-01", "2026-02-01")};
	assert_int_equal(elig(&t, two, 2, NULL, 0, why), ELIG_EXEMPT);
}

static void test_elig_running_exchange(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	struct teacher t = teacher();
	/* crossing into Y: started in the year before, runs on */
	struct exchange x = exch(5, "2024-09-01", "2026-08-31", EXS_ACTIVE);
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_ON_EXCHANGE);
	assert_string_equal(why, "on an exchange to 3300000002 since 2024-09-01 until 2026-08-31 "
				 "(active)");
	x.status = EXS_APPROVED;
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_ON_EXCHANGE);
	x.status = EXS_EXTENDED;
	x.evaluation = EVAL_UNQUALIFIED;
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_ON_EXCHANGE);
	/* ending on Y's first day still runs into Y */
	x = exch(5, "2023-09-01", "2025-09-01", EXS_ACTIVE);
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_ON_EXCHANGE);
	/* ended the day before Y */
	strcpy(x.end_date, "2025-08-31");
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_YES);
	/* completed, proposed, rejected, cancelled ones do not run */
	int idle[] = {EXS_COMPLETED, EXS_PROPOSED, EXS_REJECTED, EXS_CANCELLED};
	for (size_t i = 0; i < XQ_NELEM(idle); i++) {
		x = exch(5, "2024-09-01", "2026-08-31", idle[i]);
		assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_YES);
	}
	/* one starting in Y keeps the teacher in Y's count */
	x = exch(5, "2025-09-01", "2027-08-31", EXS_ACTIVE);
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_YES);
	/* another teacher's exchange is ignored */
	x = exch(5, "2024-09-01", "2026-08-31", EXS_ACTIVE);
	x.teacher_id = 99;
	assert_int_equal(elig(&t, NULL, 0, &x, 1, why), ELIG_YES);
}

/* The facts behind a reason: the same for teachers who differ only in what the reason
 * does not name, different as soon as it names something else, and worded as
 * exchange_eligibility words them. */
static void test_elig_facts(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	char why[XQ_MSG_MAX], words[XQ_MSG_MAX];
	struct exchange_elig_fact f, g;
	struct teacher a = teacher(), b = teacher();
	strcpy(a.joined_school_on, "2021-03-01");
	strcpy(b.joined_school_on, "2021-03-01");
	b.id = 11;
	strcpy(b.staff_no, "T011");
	strcpy(b.name, "李明");
	strcpy(b.birth_date, "1990-01-01");
	assert_int_equal(exchange_eligibility_fact(&a, NULL, 0, NULL, 0, YEAR, &p, &f), ELIG_TOO_FEW_YEARS);
	assert_int_equal(exchange_eligibility_fact(&b, NULL, 0, NULL, 0, YEAR, &p, &g), ELIG_TOO_FEW_YEARS);
	assert_int_equal(f.code, ELIG_TOO_FEW_YEARS);
	assert_int_equal(f.n, 4);
	assert_string_equal(f.from, "2021-03-01");
	assert_memory_equal(&f, &g, sizeof f);
	exchange_elig_why(&f, YEAR, &p, words, sizeof words);
	assert_int_equal(exchange_eligibility(&a, NULL, 0, NULL, 0, YEAR, &p, why, sizeof why),
		ELIG_TOO_FEW_YEARS);
	assert_string_equal(words, why);
	/* another date joined: other facts, other words */
	strcpy(b.joined_school_on, "2021-03-02");
	exchange_eligibility_fact(&b, NULL, 0, NULL, 0, YEAR, &p, &g);
	assert_memory_not_equal(&f, &g, sizeof f);
	/* every rule: the facts worded as the rule words them */
	p.max_age_female = 50;
	struct teacher t[6];
	for (int i = 0; i < 6; i++)
		t[i] = teacher();
	t[0].employment = EMP_SUBSTITUTE;
	t[1].post = POST_VICE_PRINCIPAL;
	t[2].joined_school_on[0] = '\0';
	strcpy(t[3].birth_date, "1960-01-01");
	t[3].gender = 'F';
	struct exemption ex = exemption(EXM_FAMILY, "2025-03-01", "2026-02-28");
	struct exchange x = exch(5, "2024-09-01", "", EXS_ACTIVE);
	struct exemption_brief eb;
	exemption_brief_of(&ex, &eb);
	struct exchange_brief xb = brief(&x);
	for (int i = 0; i < 6; i++) {
		const struct exemption_brief *e = i == 4 ? &eb : NULL;
		const struct exchange_brief *xs = i == 5 ? &xb : NULL;
		int code = exchange_eligibility(&t[i], e, e != NULL, xs, xs != NULL, YEAR, &p, why, sizeof why);
		assert_int_equal(exchange_eligibility_fact(&t[i], e, e != NULL, xs, xs != NULL, YEAR, &p, &f), code);
		assert_int_not_equal(code, ELIG_YES);
		exchange_elig_why(&f, YEAR, &p, words, sizeof words);
		assert_string_equal(words, why);
	}
	assert_int_equal(f.code, ELIG_ON_EXCHANGE);
	assert_string_equal(why, "on an exchange to 3300000002 since 2024-09-01 until open (active)");
	/* a bad year is worded with the year */
	assert_int_equal(exchange_eligibility_fact(&a, NULL, 0, NULL, 0, "2025", &p, &f), ELIG_UNKNOWN);
	exchange_elig_why(&f, "2025", &p, words, sizeof words);
	assert_string_equal(words, "'2025' is not a school year like 2025-2026");
}

/* ---- principals ---- */

static void test_principal(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	char why[XQ_MSG_MAX];
	int years;
	struct teacher t = teacher();
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_NOT_PRINCIPAL);
	t.post = POST_PRINCIPAL;
	strcpy(t.joined_school_on, "2010-09-01");
	strcpy(t.post_since, "2020-09-01");
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_DUE);
	assert_int_equal(years, 5);
	assert_non_null(strstr(why, "due to rotate"));
	strcpy(t.post_since, "2020-09-02");
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_NEITHER);
	assert_int_equal(years, 4);
	strcpy(t.post_since, "2022-09-01");
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_NEITHER);
	assert_int_equal(years, 3);
	strcpy(t.post_since, "2022-09-02");
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_TOO_EARLY);
	assert_int_equal(years, 2);
	/* the same post at the same school: counted from the later date */
	t.post = POST_VICE_PRINCIPAL;
	strcpy(t.post_since, "2012-01-01");
	strcpy(t.joined_school_on, "2023-09-01");
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_TOO_EARLY);
	assert_int_equal(years, 2);
	t.post_since[0] = '\0';
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, why, sizeof why),
		PRIN_TOO_EARLY);
	t.joined_school_on[0] = '\0';
	assert_int_equal(exchange_principal_status(&t, YEAR, &p, &years, NULL, 0), PRIN_UNKNOWN);
	assert_int_equal(years, -1);
}

/* ---- quotas ---- */

static void test_quota_need_floating_point(void **state)
{
	(void)state;
	assert_int_equal(exchange_quota_need(0.10, 30), 3);
	/* products that land just above a whole number in binary */
	assert_int_equal(exchange_quota_need(0.07, 100), 7);
	assert_int_equal(exchange_quota_need(0.14, 50), 7);
	assert_int_equal(exchange_quota_need(0.55, 100), 55);
	assert_int_equal(exchange_quota_need(0.17, 300), 51);
	/* and a ratio that is itself a sum */
	assert_int_equal(exchange_quota_need(0.3 / 3, 30), 3);
	assert_int_equal(exchange_quota_need(0.10, 31), 4);
	assert_int_equal(exchange_quota_need(0.10, 29), 3);
	assert_int_equal(exchange_quota_need(0.10, 0), 0);
	assert_int_equal(exchange_quota_need(0, 50), 0);
	assert_int_equal(exchange_quota_need(1.0, 50), 50);
}

static void test_quota_compute(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	struct exchange_quota q;
	/* 30 eligible, none moved: 3 missing, and 1 backbone among them (20% of 3) */
	exchange_quota_compute(30, 0, 0, &p, &q);
	assert_int_equal(q.missing, 3);
	assert_int_equal(q.missing_backbone, 1);
	assert_true(isnan(q.backbone_ratio));
	assert_false(q.ok);
	/* exactly at the ratio */
	exchange_quota_compute(30, 3, 1, &p, &q);
	assert_true(fabs(q.ratio - 0.1) < 1e-12);
	assert_int_equal(q.missing, 0);
	assert_int_equal(q.missing_backbone, 0);
	assert_true(q.ok);
	/* one more eligible: 3/31 < 10% */
	exchange_quota_compute(31, 3, 1, &p, &q);
	assert_int_equal(q.missing, 1);
	assert_int_equal(q.missing_backbone, 0); /* 20% of 4 needs 1 */
	assert_false(q.ok);
	/* 10 moved, 1 backbone: a backbone move also counts as a move, so 2 are needed:
	 * 2/11 < 20%, 3/12 >= 20% */
	exchange_quota_compute(50, 10, 1, &p, &q);
	assert_int_equal(q.missing, 0);
	assert_int_equal(q.base, 10);
	assert_int_equal(q.missing_backbone, 2);
	assert_true(fabs(q.backbone_ratio - 0.1) < 1e-12);
	exchange_quota_compute(50, 10, 2, &p, &q);
	assert_int_equal(q.missing_backbone, 0);
	assert_true(q.ok);
	/* nobody eligible: nothing to do, no ratio */
	exchange_quota_compute(0, 0, 0, &p, &q);
	assert_true(isnan(q.ratio));
	assert_true(q.ok);
	/* 12% against exchanged: 25 needed with 3 backbone */
	p.backbone_min_ratio = 0.12;
	exchange_quota_compute(250, 0, 0, &p, &q);
	assert_int_equal(q.missing, 25);
	assert_int_equal(q.missing_backbone, 3);
	/* all must be backbone and some are not: unreachable */
	p.backbone_min_ratio = 1.0;
	exchange_quota_compute(20, 2, 1, &p, &q);
	assert_int_equal(q.missing_backbone, -1);
	assert_false(q.ok);
}

static void test_quota_base_eligible(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	p.backbone_base = EXB_ELIGIBLE;
	struct exchange_quota q;
	exchange_quota_compute(30, 3, 2, &p, &q);
	assert_int_equal(q.base, 30);
	assert_int_equal(q.missing, 0);
	assert_int_equal(q.missing_backbone, 4); /* 20% of 30 = 6 */
	assert_true(fabs(q.backbone_ratio - 2.0 / 30) < 1e-12);
	assert_false(q.ok);
	exchange_quota_compute(30, 6, 6, &p, &q);
	assert_true(q.ok);
	exchange_quota_compute(30, 7, 7, &p, &q);
	assert_int_equal(q.missing_backbone, 0);
}

/* County: district 100 (schools 1, 2), district 200 (school 3). */
static void test_quota_group(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	struct exchange_fact f[] = {
		{1, 1, 100, true, BB_NONE},	{2, 1, 100, true, BB_COUNTY},
		{3, 1, 100, true, BB_NONE},	{4, 2, 100, true, BB_NONE},
		{5, 2, 100, false, BB_NATIONAL}, {6, 3, 200, true, BB_CITY},
		{7, 3, 200, true, BB_NONE},	{8, 3, 200, false, BB_NONE},
	};
	struct exchange x[] = {
		exch(1, "2025-09-01", "2027-08-31", EXS_ACTIVE),    /* t1 from 1 */
		exch(2, "2025-09-01", "2026-01-31", EXS_COMPLETED), /* t2 from 1 */
		exch(3, "2026-02-01", "2026-07-31", EXS_APPROVED),  /* t2 again: once */
		exch(4, "2025-10-01", "2027-09-30", EXS_PROPOSED),  /* t3: not counted */
		exch(5, "2024-09-01", "2026-08-31", EXS_ACTIVE),    /* t4: year before */
		exch(6, "2026-08-31", "2028-08-30", EXS_EXTENDED),  /* t5 from 2, last day */
		exch(7, "2025-09-01", "2027-08-31", EXS_REJECTED),  /* t6 */
		exch(8, "2025-09-01", "2027-08-31", EXS_CANCELLED), /* t7 */
		exch(9, "2025-09-01", "2027-08-31", EXS_ACTIVE),    /* t8 from 3 */
	};
	int64_t who[] = {1, 2, 2, 3, 4, 5, 6, 7, 8}, from[] = {1, 1, 1, 1, 2, 2, 3, 3, 3};
	for (size_t i = 0; i < XQ_NELEM(x); i++) {
		x[i].teacher_id = who[i];
		x[i].from_school_id = from[i];
		x[i].to_school_id = from[i] == 3 ? 4 : 3;
	}
	struct exchange_brief xb[XQ_NELEM(x)];
	for (size_t i = 0; i < XQ_NELEM(x); i++)
		xb[i] = brief(&x[i]);
	struct exchange_quota_row *r;
	int n = exchange_quota_group(f, 8, xb, 9, YEAR, &p, EXSCOPE_COUNTY, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].scope, EXSCOPE_COUNTY);
	assert_int_equal(r[0].q.eligible, 6);
	assert_int_equal(r[0].q.exchanged, 4);		/* t1, t2, t5, t8 */
	assert_int_equal(r[0].q.backbone_exchanged, 2); /* t2, t5 */
	assert_int_equal(r[0].q.missing, 0);
	assert_true(r[0].q.ok);
	free(r);

	n = exchange_quota_group(f, 8, xb, 9, YEAR, &p, EXSCOPE_DISTRICT, &r);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].key, 100);
	assert_int_equal(r[0].q.eligible, 4);
	assert_int_equal(r[0].q.exchanged, 3);
	assert_int_equal(r[0].q.backbone_exchanged, 2);
	assert_int_equal(r[1].key, 200);
	assert_int_equal(r[1].q.eligible, 2);
	assert_int_equal(r[1].q.exchanged, 1);
	assert_int_equal(r[1].q.backbone_exchanged, 0);
	assert_int_equal(r[1].q.missing_backbone, 1);
	free(r);

	n = exchange_quota_group(f, 8, xb, 9, YEAR, &p, EXSCOPE_SCHOOL, &r);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].key, 1);
	assert_int_equal(r[0].q.eligible, 3);
	assert_int_equal(r[0].q.exchanged, 2);
	assert_int_equal(r[1].key, 2);
	assert_int_equal(r[1].q.eligible, 1);
	assert_int_equal(r[1].q.exchanged, 1);
	assert_int_equal(r[2].key, 3);
	assert_int_equal(r[2].q.exchanged, 1);
	free(r);

	/* the next year sees only the exchange starting in it */
	n = exchange_quota_group(f, 8, xb, 9, "2026-2027", &p, EXSCOPE_COUNTY, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].q.exchanged, 0);
	free(r);

	/* an exchange of a teacher without a fact, from a school without facts */
	struct exchange lone = exch(20, "2025-09-01", "2027-08-31", EXS_ACTIVE);
	lone.teacher_id = 77;
	lone.from_school_id = 9;
	struct exchange_brief lb = brief(&lone);
	n = exchange_quota_group(f, 8, &lb, 1, YEAR, &p, EXSCOPE_SCHOOL, &r);
	assert_int_equal(n, 4);
	assert_int_equal(r[3].key, 9);
	assert_int_equal(r[3].q.exchanged, 1);
	assert_int_equal(r[3].q.backbone_exchanged, 0);
	free(r);
	n = exchange_quota_group(f, 8, &lb, 1, YEAR, &p, EXSCOPE_DISTRICT, &r);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].key, 0);
	assert_int_equal(r[0].q.exchanged, 1);
	free(r);
	/* nothing at all: one county row of zeros */
	n = exchange_quota_group(NULL, 0, NULL, 0, YEAR, &p, EXSCOPE_COUNTY, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].q.eligible, 0);
	assert_true(r[0].q.ok);
	free(r);
}

static void test_counts_in_year(void **state)
{
	(void)state;
	struct exchange x = exch(1, "2025-09-01", "2027-08-31", EXS_APPROVED);
	assert_true(counts(&x, YEAR));
	assert_false(counts(&x, "2026-2027"));
	x.status = EXS_PROPOSED;
	assert_false(counts(&x, YEAR));
	x.status = EXS_EXTENDED;
	assert_true(counts(&x, YEAR));
	strcpy(x.start_date, "2025-08-31");
	assert_false(counts(&x, YEAR));
	/* without a start date, the year field decides */
	x.start_date[0] = '\0';
	strcpy(x.year, YEAR);
	assert_true(counts(&x, YEAR));
}

/* ---- transitions ---- */

static void test_transitions_legal(void **state)
{
	(void)state;
	static const struct {
		int from;
		const char *action;
		int to;
	} ok[] = {
		{EXS_PROPOSED, "approve", EXS_APPROVED},
		{EXS_PROPOSED, "reject", EXS_REJECTED},
		{EXS_APPROVED, "start", EXS_ACTIVE},
		{EXS_ACTIVE, "complete", EXS_COMPLETED},
		{EXS_EXTENDED, "complete", EXS_COMPLETED},
		{EXS_PROPOSED, "cancel", EXS_CANCELLED},
		{EXS_APPROVED, "cancel", EXS_CANCELLED},
		{EXS_PROPOSED, "批准", EXS_APPROVED},
		{EXS_APPROVED, "START", EXS_ACTIVE},
	};
	char why[XQ_MSG_MAX];
	for (size_t i = 0; i < XQ_NELEM(ok); i++) {
		int to = -1;
		assert_int_equal(exchange_transition(ok[i].from, ok[i].action, &to, why), XQ_OK);
		assert_int_equal(to, ok[i].to);
	}
}

static void test_transitions_illegal(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	int to = 42;
	assert_int_equal(exchange_transition(EXS_PROPOSED, "start", &to, why), XQ_ERR);
	assert_string_equal(why, "cannot start an exchange that is proposed; approve it first");
	assert_int_equal(to, 42);
	assert_int_equal(exchange_transition(EXS_PROPOSED, "complete", &to, why), XQ_ERR);
	assert_string_equal(why,
		"cannot complete an exchange that is proposed; approve and start it first");
	assert_int_equal(exchange_transition(EXS_APPROVED, "complete", &to, why), XQ_ERR);
	assert_string_equal(why, "cannot complete an exchange that is approved; start it first");
	assert_int_equal(exchange_transition(EXS_APPROVED, "reject", &to, why), XQ_ERR);
	assert_string_equal(why, "cannot reject an exchange that is approved; cancel it instead");
	assert_int_equal(exchange_transition(EXS_ACTIVE, "cancel", &to, why), XQ_ERR);
	assert_string_equal(why, "cannot cancel an exchange that is active; complete it with an "
				 "evaluation instead");
	assert_int_equal(exchange_transition(EXS_APPROVED, "approve", &to, why), XQ_ERR);
	assert_string_equal(why, "the exchange is already approved");
	assert_int_equal(exchange_transition(EXS_COMPLETED, "start", &to, why), XQ_ERR);
	assert_string_equal(why, "cannot start an exchange that is completed; it is closed");
	assert_int_equal(exchange_transition(EXS_EXTENDED, "start", &to, why), XQ_ERR);
	assert_non_null(strstr(why, "extended"));
	int all[] = {EXS_REJECTED, EXS_CANCELLED, EXS_COMPLETED};
	const char *acts[] = {"approve", "reject", "start", "complete", "cancel"};
	for (size_t i = 0; i < XQ_NELEM(all); i++)
		for (size_t j = 0; j < XQ_NELEM(acts); j++)
			assert_int_equal(exchange_transition(all[i], acts[j], &to, why), XQ_ERR);
	assert_int_equal(exchange_transition(EXS_PROPOSED, "fly", &to, why), XQ_MISUSE);
	assert_non_null(strstr(why, "approve|reject|start|complete|cancel"));
	assert_int_equal(exchange_transition(99, "approve", &to, why), XQ_MISUSE);
}

static void test_complete(void **state)
{
	(void)state;
	char why[XQ_MSG_MAX];
	struct exchange x = exch(1, "2025-09-01", "2027-08-31", EXS_ACTIVE);
	assert_int_equal(exchange_complete(&x, EVAL_QUALIFIED, why), XQ_OK);
	assert_int_equal(x.status, EXS_COMPLETED);
	assert_int_equal(x.evaluation, EVAL_QUALIFIED);
	assert_string_equal(x.end_date, "2027-08-31");
	/* unqualified: extended by a year */
	x = exch(1, "2025-09-01", "2027-08-31", EXS_ACTIVE);
	assert_int_equal(exchange_complete(&x, EVAL_UNQUALIFIED, why), XQ_OK);
	assert_int_equal(x.status, EXS_EXTENDED);
	assert_int_equal(x.evaluation, EVAL_UNQUALIFIED);
	assert_string_equal(x.end_date, "2028-08-31");
	/* then completed after the extra year */
	assert_int_equal(exchange_complete(&x, EVAL_EXCELLENT, why), XQ_OK);
	assert_int_equal(x.status, EXS_COMPLETED);
	assert_int_equal(x.evaluation, EVAL_EXCELLENT);
	assert_string_equal(x.end_date, "2028-08-31");
	/* a leap day end moves to 02-28 */
	x = exch(1, "2026-03-01", "2028-02-29", EXS_ACTIVE);
	assert_int_equal(exchange_complete(&x, EVAL_UNQUALIFIED, why), XQ_OK);
	assert_string_equal(x.end_date, "2029-02-28");
	/* refused: not started, no evaluation */
	x = exch(1, "2025-09-01", "2027-08-31", EXS_APPROVED);
	assert_int_equal(exchange_complete(&x, EVAL_QUALIFIED, why), XQ_ERR);
	assert_int_equal(x.status, EXS_APPROVED);
	assert_int_equal(x.evaluation, EVAL_NONE);
	x.status = EXS_ACTIVE;
	assert_int_equal(exchange_complete(&x, EVAL_NONE, why), XQ_MISUSE);
	assert_non_null(strstr(why, "excellent|qualified|unqualified"));
	assert_string_equal(enum_zh(evaluation_items, EVAL_UNQUALIFIED), "不合格");
}

/* ---- validation ---- */

/* A valid proposed rotation of teacher() from school 1 to 2 in district 100. */
static struct exchange proposal(void)
{
	struct exchange x = exch(0, "2025-09-01", "", EXS_PROPOSED);
	strcpy(x.from_code, "3300000001");
	struct exchange_policy p = pol();
	exchange_fill_defaults(&x, &p);
	return x;
}

static const char *check(const struct exchange *x, int64_t dfrom, int64_t dto, bool cross,
	char *msg)
{
	struct exchange_policy p = pol();
	p.allow_cross_district = cross;
	struct teacher t = teacher();
	return exchange_validate(x, &t, dfrom, dto, &p, msg);
}

static void test_fill_defaults(void **state)
{
	(void)state;
	struct exchange x = proposal();
	assert_string_equal(x.year, YEAR);
	assert_string_equal(x.end_date, "2027-08-31");
	struct exchange_policy p = pol();
	/* a term that starts after a leap day ends on 02-28 */
	x = exch(0, "2024-03-01", "", EXS_PROPOSED);
	exchange_fill_defaults(&x, &p);
	assert_string_equal(x.end_date, "2026-02-28");
	assert_string_equal(x.year, "2023-2024");
	/* given values stay */
	x = exch(0, "2025-09-01", "2026-01-31", EXS_PROPOSED);
	strcpy(x.year, "2024-2025");
	exchange_fill_defaults(&x, &p);
	assert_string_equal(x.end_date, "2026-01-31");
	assert_string_equal(x.year, "2024-2025");
	p.term_years = 1;
	x = exch(0, "2025-09-01", "", EXS_PROPOSED);
	exchange_fill_defaults(&x, &p);
	assert_string_equal(x.end_date, "2026-08-31");
}

static void test_validate(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct exchange x = proposal();
	assert_null(check(&x, 100, 100, false, msg));
	/* from must differ from to */
	x.to_school_id = 1;
	assert_string_equal(check(&x, 100, 100, false, msg), "to_school_code");
	assert_non_null(strstr(msg, "must differ"));
	/* from must be the home school */
	x = proposal();
	x.from_school_id = 5;
	strcpy(x.from_code, "3300000005");
	assert_string_equal(check(&x, 100, 100, false, msg), "from_school_code");
	assert_non_null(strstr(msg, "not the home school of T010 (3300000001)"));
	/* districts */
	x = proposal();
	assert_string_equal(check(&x, 100, 200, false, msg), "to_school_code");
	assert_non_null(strstr(msg, "another district"));
	assert_null(check(&x, 100, 200, true, msg));
	assert_string_equal(check(&x, 0, 100, false, msg), "from_school_code");
	assert_string_equal(check(&x, 100, 0, false, msg), "to_school_code");
	assert_null(check(&x, 0, 0, true, msg));
	/* dates */
	x = proposal();
	strcpy(x.end_date, "2025-08-31");
	assert_string_equal(check(&x, 100, 100, false, msg), "end_date");
	assert_non_null(strstr(msg, "before the start date"));
	strcpy(x.end_date, "2025-09-01"); /* a one-day exchange is fine */
	assert_null(check(&x, 100, 100, false, msg));
	strcpy(x.start_date, "2025-13-01");
	assert_string_equal(check(&x, 100, 100, false, msg), "start_date");
	x = proposal();
	x.end_date[0] = '\0';
	assert_string_equal(check(&x, 100, 100, false, msg), "end_date");
	/* the year must hold the start date */
	x = proposal();
	strcpy(x.year, "2024-2025");
	assert_string_equal(check(&x, 100, 100, false, msg), "year");
	assert_string_equal(msg, "year: the start date 2025-09-01 falls in the school year "
				 "2025-2026, not 2024-2025");
	strcpy(x.year, "2025");
	assert_string_equal(check(&x, 100, 100, false, msg), "year");
	/* week share */
	x = proposal();
	x.kind = EXK_ITINERANT;
	assert_string_equal(check(&x, 100, 100, false, msg), "week_share");
	x.week_share = 0;
	assert_string_equal(check(&x, 100, 100, false, msg), "week_share");
	x.week_share = 1.5;
	assert_string_equal(check(&x, 100, 100, false, msg), "week_share");
	x.week_share = 1;
	assert_null(check(&x, 100, 100, false, msg));
	x.kind = EXK_PARTTIME;
	x.week_share = 0.2;
	assert_null(check(&x, 100, 100, false, msg));
	x.kind = EXK_SUPPORT;
	assert_string_equal(check(&x, 100, 100, false, msg), "week_share");
	/* evaluation belongs to completed and extended ones */
	x = proposal();
	x.evaluation = EVAL_EXCELLENT;
	assert_string_equal(check(&x, 100, 100, false, msg), "evaluation");
	x.status = EXS_COMPLETED;
	assert_null(check(&x, 100, 100, false, msg));
	x.evaluation = EVAL_NONE;
	assert_string_equal(check(&x, 100, 100, false, msg), "evaluation");
	/* enumerations and the teacher */
	x = proposal();
	x.kind = 9;
	assert_string_equal(check(&x, 100, 100, false, msg), "kind");
	x = proposal();
	x.reason = -1;
	assert_string_equal(check(&x, 100, 100, false, msg), "reason");
	x = proposal();
	x.status = 7;
	assert_string_equal(check(&x, 100, 100, false, msg), "status");
	x = proposal();
	x.teacher_id = 11;
	assert_string_equal(check(&x, 100, 100, false, msg), "staff_no");
	x.teacher_id = 0;
	assert_string_equal(check(&x, 100, 100, false, msg), "staff_no");
	x = proposal();
	x.to_school_id = 0;
	x.to_code[0] = '\0';
	assert_string_equal(check(&x, 100, 100, false, msg), "to_school_code");
	x = proposal();
	x.subsidy_month = -5;
	assert_string_equal(check(&x, 100, 100, false, msg), "subsidy_month");
	/* schools by code only, as an import has them */
	x = proposal();
	x.from_school_id = x.to_school_id = 0;
	struct teacher t = teacher();
	t.school_id = 0;
	struct exchange_policy p = pol();
	assert_null(exchange_validate(&x, &t, 100, 100, &p, msg));
	strcpy(x.to_code, x.from_code);
	assert_string_equal(exchange_validate(&x, &t, 100, 100, &p, msg), "to_school_code");
	/* without the teacher */
	x = proposal();
	assert_null(exchange_validate(&x, NULL, 100, 100, &p, msg));
}

static void test_overlap(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct exchange others[] = {
		exch(7, "2023-09-01", "2025-08-31", EXS_COMPLETED),
		exch(8, "2026-03-01", "2026-06-30", EXS_APPROVED),
	};
	struct exchange x = exch(0, "2025-09-01", "2026-02-28", EXS_PROPOSED);
	/* touching ranges do not overlap */
	assert_int_equal(exchange_overlap(&x, others, 2, msg), -1);
	strcpy(x.end_date, "2026-03-01");
	assert_int_equal(exchange_overlap(&x, others, 2, msg), 1);
	assert_string_equal(msg, "overlaps exchange #8 to 3300000002, 2026-03-01..2026-06-30 "
				 "(approved)");
	strcpy(x.start_date, "2025-08-31");
	assert_int_equal(exchange_overlap(&x, others, 2, msg), 0);
	/* rejected or cancelled ones do not count, on either side */
	others[0].status = EXS_REJECTED;
	others[1].status = EXS_CANCELLED;
	assert_int_equal(exchange_overlap(&x, others, 2, msg), -1);
	others[1].status = EXS_APPROVED;
	x.status = EXS_CANCELLED;
	assert_int_equal(exchange_overlap(&x, others, 2, msg), -1);
	x.status = EXS_PROPOSED;
	/* the record itself (editing) and other teachers are skipped */
	x.id = 8;
	assert_int_equal(exchange_overlap(&x, others, 2, msg), -1);
	x.id = 0;
	x.teacher_id = 11;
	assert_int_equal(exchange_overlap(&x, others, 2, msg), -1);
	/* by staff number when ids are missing */
	x.teacher_id = 0;
	strcpy(x.staff_no, "T010");
	strcpy(others[1].staff_no, "T010");
	others[1].teacher_id = 0;
	assert_int_equal(exchange_overlap(&x, others, 2, msg), 1);
	/* an open end overlaps everything later */
	struct exchange open = exch(9, "2020-01-01", "", EXS_ACTIVE);
	x = exch(0, "2030-09-01", "2031-08-31", EXS_PROPOSED);
	assert_int_equal(exchange_overlap(&x, &open, 1, msg), 0);
	assert_non_null(strstr(msg, "..open"));
}

static void test_overlap_partial(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct exchange o[] = {exch(3, "2025-09-01", "2026-08-31", EXS_ACTIVE),
		exch(4, "2025-09-01", "2026-08-31", EXS_ACTIVE)};
	o[0].kind = EXK_ITINERANT;
	o[0].week_share = 0.5;
	o[1].kind = EXK_PARTTIME;
	o[1].week_share = 0.3;
	struct exchange x = exch(0, "2026-01-01", "2026-06-30", EXS_PROPOSED);
	x.kind = EXK_ITINERANT;
	x.week_share = 0.2;
	/* itinerant teaching at several schools: shares add up to 1 */
	assert_int_equal(exchange_overlap(&x, o, 2, msg), -1);
	x.week_share = 0.25;
	assert_int_equal(exchange_overlap(&x, o, 2, msg), 0);
	assert_non_null(strstr(msg, "shares of the week add up to 1.05"));
	/* a full rotation never shares days */
	x.kind = EXK_ROTATION;
	x.week_share = NAN;
	assert_int_equal(exchange_overlap(&x, o, 2, msg), 0);
	assert_non_null(strstr(msg, "#3"));
}

/* ---- distance and subsidy ---- */

static void test_distance(void **state)
{
	(void)state;
	/* one degree along a meridian: R * pi / 180 */
	assert_true(fabs(exchange_distance_km(30, 120, 31, 120) - 111.19492664455873) < 1e-6);
	assert_true(exchange_distance_km(30, 120, 30, 120) == 0);
	/* Beijing Tiananmen to Shanghai People's Square, about 1067 km */
	double d = exchange_distance_km(39.9087, 116.3975, 31.2304, 121.4737);
	assert_true(d > 1060 && d < 1075);
	assert_true(isnan(exchange_distance_km(NAN, 120, 31, 120)));
	assert_true(isnan(exchange_distance_km(30, 120, 31, NAN)));
}

static void test_subsidy_tiers(void **state)
{
	(void)state;
	struct exchange_policy p = pol(); /* {10,30,60} km, {200,400,600,800} yuan */
	static const struct {
		double km;
		double yuan;
	} t[] = {{0, 200}, {9.999, 200}, {10, 400}, {29.999, 400}, {30, 600}, {59.99, 600},
		{60, 800}, {500, 800}};
	for (size_t i = 0; i < XQ_NELEM(t); i++)
		assert_true(exchange_subsidy_month(t[i].km, 0, &p) == t[i].yuan);
	assert_true(exchange_subsidy_month(10, 2, &p) == 600);
	assert_true(exchange_subsidy_month(10, 3, &p) == 700);
	assert_true(exchange_subsidy_month(10, 9, &p) == 700);
	assert_true(exchange_subsidy_month(10, -1, &p) == 400);
	assert_true(isnan(exchange_subsidy_month(NAN, 1, &p)));
	/* fewer amounts than tiers: the last amount goes on */
	p.n_subsidy_yuan = 2;
	assert_true(exchange_subsidy_month(100, 0, &p) == 400);
	p.n_subsidy_yuan = 0;
	assert_true(exchange_subsidy_month(100, 1, &p) == 100);
}

static void test_subsidy_year(void **state)
{
	(void)state;
	struct exchange_policy p = pol();
	struct exchange x = exch(1, "2025-09-01", "2027-08-31", EXS_ACTIVE);
	x.subsidy_month = 500;
	assert_true(fabs(exchange_subsidy_year(&x, YEAR, &p) - 6000) < 1e-9);
	assert_true(fabs(exchange_subsidy_year(&x, "2026-2027", &p) - 6000) < 1e-9);
	assert_true(exchange_subsidy_year(&x, "2027-2028", &p) == 0);
	assert_true(exchange_subsidy_year(&x, "2024-2025", &p) == 0);
	/* half a year, starting in March */
	strcpy(x.start_date, "2026-03-01");
	assert_true(fabs(exchange_subsidy_year(&x, YEAR, &p) - 3000) < 1e-9);
	/* half a month: 15 of September's 30 days */
	x = exch(1, "2025-09-16", "2025-09-30", EXS_COMPLETED);
	x.subsidy_month = 500;
	assert_true(fabs(exchange_subsidy_year(&x, YEAR, &p) - 250) < 1e-9);
	/* February of a leap year: 29 days are a month */
	x = exch(1, "2028-02-01", "2028-02-29", EXS_ACTIVE);
	x.subsidy_month = 290;
	assert_true(fabs(exchange_subsidy_year(&x, "2027-2028", &p) - 290) < 1e-9);
	/* itinerant: times the share of the week */
	x = exch(1, "2025-09-01", "2026-08-31", EXS_ACTIVE);
	x.kind = EXK_ITINERANT;
	x.week_share = 0.4;
	x.subsidy_month = 500;
	assert_true(fabs(exchange_subsidy_year(&x, YEAR, &p) - 2400) < 1e-9);
	/* never paid, unknown */
	x.status = EXS_CANCELLED;
	assert_true(exchange_subsidy_year(&x, YEAR, &p) == 0);
	x.status = EXS_ACTIVE;
	x.subsidy_month = NAN;
	assert_true(isnan(exchange_subsidy_year(&x, YEAR, &p)));
}

static void test_enum_tables(void **state)
{
	(void)state;
	assert_int_equal(enum_count(exchange_kind_items), 4);
	assert_int_equal(enum_parse(exchange_kind_items, "走教"), EXK_ITINERANT);
	assert_int_equal(enum_parse(exchange_kind_items, "parttime"), EXK_PARTTIME);
	assert_int_equal(enum_parse(exchange_reason_items, "顺向性"), EXR_UPWARD);
	assert_int_equal(enum_count(exchange_status_items), EXS_EXTENDED + 1);
	assert_int_equal(enum_parse(exchange_status_items, "已延期"), EXS_EXTENDED);
	assert_int_equal(enum_parse(evaluation_items, "合格"), EVAL_QUALIFIED);
	assert_string_equal(enum_keys_joined(exchange_status_items),
		"proposed|approved|active|completed|rejected|cancelled|extended");
	assert_string_equal(enum_zh(exchange_principal_items, PRIN_DUE), "应交流");
	struct exchange x;
	exchange_init(&x);
	assert_int_equal(x.status, EXS_PROPOSED);
	assert_int_equal(x.evaluation, EVAL_NONE);
	assert_true(isnan(x.week_share) && isnan(x.subsidy_month));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_parse),
		cmocka_unit_test(test_year_dates),
		cmocka_unit_test(test_policy_from_conf),
		cmocka_unit_test(test_elig_years_boundary),
		cmocka_unit_test(test_elig_post_and_employment),
		cmocka_unit_test(test_elig_age),
		cmocka_unit_test(test_elig_exemption_boundaries),
		cmocka_unit_test(test_elig_running_exchange),
		cmocka_unit_test(test_elig_facts),
		cmocka_unit_test(test_principal),
		cmocka_unit_test(test_quota_need_floating_point),
		cmocka_unit_test(test_quota_compute),
		cmocka_unit_test(test_quota_base_eligible),
		cmocka_unit_test(test_quota_group),
		cmocka_unit_test(test_counts_in_year),
		cmocka_unit_test(test_transitions_legal),
		cmocka_unit_test(test_transitions_illegal),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_fill_defaults),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_overlap_partial),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_subsidy_tiers),
		cmocka_unit_test(test_subsidy_year),
		cmocka_unit_test(test_enum_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
