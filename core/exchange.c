/* exchange.c: the rules of teacher exchanges (交流轮岗): school years, eligibility,
 * principals, quotas, transitions, validation, overlap and subsidies. */
#include "core/exchange.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"

const struct enum_item exchange_kind_items[] = {
	{"rotation", "轮岗", "rotation"},
	{"support", "支教", "support teaching"},
	{"itinerant", "走教", "itinerant teaching"},
	{"parttime", "跨校兼课", "part-time teaching"},
	{NULL, NULL, NULL},
};
const struct enum_item exchange_reason_items[] = {
	{"adjustment", "调整型", "adjustment"},
	{"mandatory", "强制性", "mandatory"},
	{"upward", "顺向性", "upward"},
	{"voluntary", "自愿", "voluntary"},
	{NULL, NULL, NULL},
};
const struct enum_item exchange_status_items[] = {
	{"proposed", "拟交流", "proposed"},
	{"approved", "已批准", "approved"},
	{"active", "进行中", "active"},
	{"completed", "已完成", "completed"},
	{"rejected", "已驳回", "rejected"},
	{"cancelled", "已取消", "cancelled"},
	{"extended", "已延期", "extended"},
	{NULL, NULL, NULL},
};
const struct enum_item evaluation_items[] = {
	{"excellent", "优秀", "excellent"},
	{"qualified", "合格", "qualified"},
	{"unqualified", "不合格", "unqualified"},
	{NULL, NULL, NULL},
};
const struct enum_item exchange_action_items[] = {
	{"approve", "批准", "approve"},
	{"reject", "驳回", "reject"},
	{"start", "开始", "start"},
	{"complete", "完成", "complete"},
	{"cancel", "取消", "cancel"},
	{NULL, NULL, NULL},
};
const struct enum_item exchange_elig_items[] = {
	{"yes", "符合条件", "eligible"},
	{"not_in_post", "非在编在岗", "not in post"},
	{"not_teacher", "校级领导", "principal or vice-principal"},
	{"too_few_years", "任教年限不足", "too few years at the school"},
	{"over_age", "超过年龄", "over the age limit"},
	{"exempt", "免于交流", "exempt"},
	{"on_exchange", "正在交流", "on a running exchange"},
	{"unknown", "信息不全", "data missing"},
	{NULL, NULL, NULL},
};
const struct enum_item exchange_principal_items[] = {
	{"not_principal", "非校级领导", "not a principal"},
	{"unknown", "信息不全", "data missing"},
	{"too_early", "任职未满", "too early to rotate"},
	{"neither", "可交流", "may rotate"},
	{"due", "应交流", "due to rotate"},
	{NULL, NULL, NULL},
};
const struct enum_item exchange_scope_items[] = {
	{"county", "区县", "county"},
	{"district", "学区", "district"},
	{"school", "学校", "school"},
	{NULL, NULL, NULL},
};

void exchange_init(struct exchange *e)
{
	memset(e, 0, sizeof *e);
	e->kind = EXK_ROTATION;
	e->reason = EXR_ADJUSTMENT;
	e->status = EXS_PROPOSED;
	e->evaluation = EVAL_NONE;
	e->week_share = NAN;
	e->subsidy_month = NAN;
}

void exchange_brief_of(const struct exchange *e, struct exchange_brief *out)
{
	memset(out, 0, sizeof *out);
	out->id = e->id;
	out->teacher_id = e->teacher_id;
	out->from_school_id = e->from_school_id;
	out->to_school_id = e->to_school_id;
	out->status = e->status;
	memcpy(out->to_code, e->to_code, sizeof out->to_code);
	memcpy(out->year, e->year, sizeof out->year);
	memcpy(out->start_date, e->start_date, sizeof out->start_date);
	memcpy(out->end_date, e->end_date, sizeof out->end_date);
}

void exemption_brief_of(const struct exemption *e, struct exemption_brief *out)
{
	memset(out, 0, sizeof *out);
	out->teacher_id = e->teacher_id;
	out->kind = e->kind;
	memcpy(out->start_date, e->start_date, sizeof out->start_date);
	memcpy(out->end_date, e->end_date, sizeof out->end_date);
}

void exchange_policy_defaults(struct exchange_policy *p)
{
	static const double km[] = {10, 30, 60}, yuan[] = {200, 400, 600, 800},
			    hard[] = {0, 100, 200, 300};
	memset(p, 0, sizeof *p);
	p->ref_month = 9;
	p->ref_day = 1;
	p->min_years_at_school = 6;
	p->min_ratio = 0.10;
	p->backbone_min_ratio = 0.20;
	p->backbone_base = EXB_EXCHANGED;
	p->principal_rotate_years = 5;
	p->principal_min_years = 3;
	p->term_years = 2;
	p->max_out_ratio = 0.15;
	p->n_subsidy_km = (int)XQ_NELEM(km);
	memcpy(p->subsidy_km, km, sizeof km);
	p->n_subsidy_yuan = (int)XQ_NELEM(yuan);
	memcpy(p->subsidy_yuan, yuan, sizeof yuan);
	memcpy(p->subsidy_hardship_yuan, hard, sizeof hard);
}

/* "MM-DD" that is a day of a leap year. */
static bool parse_month_day(const char *s, int *m, int *d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 5 || s[2] != '-')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	*m = atoi(s);
	*d = atoi(s + 3);
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= mdays[*m - 1];
}

int exchange_policy_from_conf(const struct conf *c, struct exchange_policy *p, char *msg)
{
	exchange_policy_defaults(p);
	p->min_years_at_school = c->min_years_at_school;
	p->max_age_male = c->max_age_male;
	p->max_age_female = c->max_age_female;
	p->min_ratio = c->min_ratio;
	p->backbone_min_ratio = c->backbone_min_ratio;
	p->backbone_base = c->backbone_base == CONF_BASE_ELIGIBLE ? EXB_ELIGIBLE : EXB_EXCHANGED;
	p->principal_rotate_years = c->principal_rotate_years;
	p->principal_min_years = c->principal_min_years;
	p->term_years = c->term_years;
	p->allow_cross_district = c->allow_cross_district;
	p->max_out_ratio = c->max_out_ratio;
	p->n_subsidy_km = c->n_subsidy_km < 0 ? 0 : c->n_subsidy_km;
	p->n_subsidy_yuan = c->n_subsidy_yuan < 0 ? 0 : c->n_subsidy_yuan;
	if (p->n_subsidy_km > EXCHANGE_TIERS_MAX)
		p->n_subsidy_km = EXCHANGE_TIERS_MAX;
	if (p->n_subsidy_yuan > EXCHANGE_TIERS_MAX)
		p->n_subsidy_yuan = EXCHANGE_TIERS_MAX;
	memcpy(p->subsidy_km, c->subsidy_km, sizeof *p->subsidy_km * (size_t)p->n_subsidy_km);
	memcpy(p->subsidy_yuan, c->subsidy_yuan, sizeof *p->subsidy_yuan * (size_t)p->n_subsidy_yuan);
	memcpy(p->subsidy_hardship_yuan, c->subsidy_hardship_yuan, sizeof p->subsidy_hardship_yuan);
	int m, d;
	if (!parse_month_day(c->reference_date, &m, &d)) {
		xq_msg(msg, _("reference_date: '%s' is not MM-DD"), c->reference_date);
		return XQ_ERR;
	}
	p->ref_month = m;
	p->ref_day = d;
	return XQ_OK;
}

/* ---- dates and school years ---- */

static int month_days(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : mdays[m - 1];
}

static void make_date(int y, int m, int d, char out[DATE_LEN])
{
	if (d > month_days(y, m))
		d = month_days(y, m);
	snprintf(out, DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		(unsigned)d % 100u);
}

/* The same day n years later (02-29 → 02-28 in a common year). */
static void add_years(const char *date, int n, char out[DATE_LEN])
{
	make_date(atoi(date) + n, atoi(date + 5), atoi(date + 8), out);
}

static void add_days(const char *date, long n, char out[DATE_LEN])
{
	date_from_days(date_days(date) + n, out);
}

bool exchange_year_parse(const char *year, int *first)
{
	if (!year || strlen(year) != 9 || year[4] != '-')
		return false;
	for (int i = 0; i < 9; i++)
		if (i != 4 && (year[i] < '0' || year[i] > '9'))
			return false;
	int a = 0, b = 0;
	for (int i = 0; i < 4; i++) {
		a = a * 10 + (year[i] - '0');
		b = b * 10 + (year[5 + i] - '0');
	}
	if (b != a + 1 || a < 1900 || a > 2198)
		return false;
	if (first)
		*first = a;
	return true;
}

void exchange_year_format(int first, char out[EXCHANGE_YEAR_LEN])
{
	snprintf(out, EXCHANGE_YEAR_LEN, "%04u-%04u", (unsigned)first % 10000u,
		(unsigned)(first + 1) % 10000u);
}

static void reference_of(int first, const struct exchange_policy *p, char out[DATE_LEN])
{
	make_date(first, p->ref_month, p->ref_day, out);
}

bool exchange_year_reference(const char *year, const struct exchange_policy *p,
	char out[DATE_LEN])
{
	/* the reference date is the year's first day (and remembered with the bounds) */
	char last[DATE_LEN];
	return exchange_year_bounds(year, p, out, last);
}

bool exchange_year_bounds(const char *year, const struct exchange_policy *p,
	char first[DATE_LEN], char last[DATE_LEN])
{
	/* the rules ask for the same year's bounds once per teacher: keep the last answer (one
	 * per thread: the console's long reads run on a thread of their own) */
	static _Thread_local struct {
		char year[EXCHANGE_YEAR_LEN];
		int month, day;
		char first[DATE_LEN], last[DATE_LEN];
	} memo = {"", 0, 0, "", ""};
	if (!year || !*memo.year || strcmp(memo.year, year) != 0 || memo.month != p->ref_month ||
	    memo.day != p->ref_day) {
		int y;
		char next[DATE_LEN];
		if (!exchange_year_parse(year, &y))
			return false;
		reference_of(y, p, memo.first);
		reference_of(y + 1, p, next);
		add_days(next, -1, memo.last);
		memcpy(memo.year, year, EXCHANGE_YEAR_LEN);
		memo.month = p->ref_month;
		memo.day = p->ref_day;
	}
	memcpy(first, memo.first, DATE_LEN);
	memcpy(last, memo.last, DATE_LEN);
	return true;
}

bool exchange_year_of(const char *date, const struct exchange_policy *p,
	char out[EXCHANGE_YEAR_LEN])
{
	if (!date_valid(date))
		return false;
	int y = atoi(date);
	char ref[DATE_LEN];
	reference_of(y, p, ref);
	if (strcmp(date, ref) < 0)
		y--;
	if (y < 1900 || y > 2198)
		return false;
	exchange_year_format(y, out);
	return true;
}

/* ---- eligibility and principals ---- */

/* The reason into why (may be NULL), and its code. */
static int say_(char *why, size_t size, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int say_(char *why, size_t size, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return code;
}
/* code, with the reason written to why when there is one: the message and its arguments
 * (translations looked up) only then */
#define say(why, size, code, ...) ((why) && (size) ? say_(why, size, code, __VA_ARGS__) : (code))

/* Whole years from a to b, 0 when a is after b. */
static int years_until(const char *a, const char *b)
{
	return strcmp(a, b) > 0 ? 0 : date_years_between(a, b);
}

int exchange_years_at_school(const struct teacher *t, const char *year,
	const struct exchange_policy *p)
{
	char ref[DATE_LEN];
	if (!exchange_year_reference(year, p, ref) || !date_valid(t->joined_school_on))
		return -1;
	return years_until(t->joined_school_on, ref);
}

static bool same_teacher(int64_t a, int64_t b)
{
	return !a || !b || a == b;
}

static const char *status_key(int s)
{
	return enum_key(exchange_status_items, s);
}

/* A status or an enum's value as a word of a sentence in the interface's language: the
 * key (status) or English label in English, the Chinese label in Chinese. */
static const char *status_word(int s)
{
	return i18n_is_zh() ? enum_zh(exchange_status_items, s) : status_key(s);
}

/* A school's code for messages, or its id. */
static const char *school_label(const char *code, int64_t id, char buf[32])
{
	if (code && *code)
		return code;
	snprintf(buf, 32, "#%lld", (long long)id);
	return buf;
}

int exchange_eligibility_fact(const struct teacher *t, const struct exemption_brief *ex, int nex,
	const struct exchange_brief *his_exchanges, int nexch, const char *year,
	const struct exchange_policy *p, struct exchange_elig_fact *f)
{
	char ref[DATE_LEN], first[DATE_LEN], last[DATE_LEN];
	memset(f, 0, sizeof *f);
	if (!exchange_year_reference(year, p, ref) || !exchange_year_bounds(year, p, first, last)) {
		f->bad_year = true;
		return f->code = ELIG_UNKNOWN;
	}
	if (t->employment != EMP_IN_POST) {
		f->what = t->employment;
		return f->code = ELIG_NOT_IN_POST;
	}
	if (t->post != POST_TEACHER) {
		f->what = t->post;
		return f->code = ELIG_NOT_TEACHER;
	}
	int years = exchange_years_at_school(t, year, p);
	if (years < 0)
		return f->code = ELIG_UNKNOWN;
	if (years < p->min_years_at_school) {
		f->n = years;
		memcpy(f->from, t->joined_school_on, DATE_LEN);
		return f->code = ELIG_TOO_FEW_YEARS;
	}
	int max_age = t->gender == 'F' ? p->max_age_female : p->max_age_male;
	int age = date_valid(t->birth_date) ? years_until(t->birth_date, ref) : -1;
	if (max_age > 0 && age > max_age) {
		f->n = age;
		f->what = t->gender == 'F';
		return f->code = ELIG_OVER_AGE;
	}
	for (int i = 0; i < nex; i++) {
		const struct exemption_brief *e = &ex[i];
		if (same_teacher(e->teacher_id, t->id) &&
		    (!*e->start_date || strcmp(e->start_date, last) <= 0) &&
		    (!*e->end_date || strcmp(e->end_date, first) >= 0)) {
			f->what = e->kind;
			memcpy(f->from, e->start_date, DATE_LEN);
			memcpy(f->to, e->end_date, DATE_LEN);
			return f->code = ELIG_EXEMPT;
		}
	}
	for (int i = 0; i < nexch; i++) {
		const struct exchange_brief *x = &his_exchanges[i];
		bool running = x->status == EXS_APPROVED || x->status == EXS_ACTIVE ||
			       x->status == EXS_EXTENDED;
		if (same_teacher(x->teacher_id, t->id) && running && date_valid(x->start_date) &&
		    strcmp(x->start_date, first) < 0 &&
		    (!*x->end_date || strcmp(x->end_date, first) >= 0)) {
			f->what = x->status;
			f->school_id = x->to_school_id;
			memcpy(f->school_code, x->to_code, CODE_LEN);
			memcpy(f->from, x->start_date, DATE_LEN);
			memcpy(f->to, x->end_date, DATE_LEN);
			return f->code = ELIG_ON_EXCHANGE;
		}
	}
	return f->code = ELIG_YES;
}

void exchange_elig_why(const struct exchange_elig_fact *f, const char *year,
	const struct exchange_policy *p, char *why, size_t whysize)
{
	char ref[DATE_LEN], buf[32];
	if (!why || !whysize)
		return;
	if (!exchange_year_reference(year, p, ref))
		*ref = '\0';
	switch (f->code) {
	case ELIG_UNKNOWN:
		if (f->bad_year)
			snprintf(why, whysize, _("'%s' is not a school year like 2025-2026"), year ? year : "");
		else
			snprintf(why, whysize, "%s", _("date joined the school unknown"));
		break;
	case ELIG_NOT_IN_POST:
		snprintf(why, whysize, _("employment is %s, not in post"), enum_word(employment_items, f->what));
		break;
	case ELIG_NOT_TEACHER:
		snprintf(why, whysize, _("a %s: the principals' rotation rule applies"),
			enum_word(post_items, f->what));
		break;
	case ELIG_TOO_FEW_YEARS:
		snprintf(why, whysize,
			ngettext("%d year at the school on %s (joined %s), fewer than %d",
				"%d years at the school on %s (joined %s), fewer than %d", (unsigned long)f->n),
			f->n, ref, f->from, p->min_years_at_school);
		break;
	case ELIG_OVER_AGE:
		if (f->what)
			snprintf(why, whysize, _("aged %d on %s, over the limit %d for women"), f->n, ref,
				p->max_age_female);
		else
			snprintf(why, whysize, _("aged %d on %s, over the limit %d for men"), f->n, ref,
				p->max_age_male);
		break;
	case ELIG_EXEMPT:
		snprintf(why, whysize, _("exempt: %s, %s..%s"), enum_word(exemption_kind_items, f->what),
			f->from, f->to);
		break;
	case ELIG_ON_EXCHANGE:
		if (!*f->to)
			snprintf(why, whysize, _("on an exchange to %s since %s until open (%s)"),
				school_label(f->school_code, f->school_id, buf), f->from, status_word(f->what));
		else
			snprintf(why, whysize, _("on an exchange to %s since %s until %s (%s)"),
				school_label(f->school_code, f->school_id, buf), f->from, f->to,
				status_word(f->what));
		break;
	default:
		*why = '\0';
	}
}

int exchange_eligibility(const struct teacher *t, const struct exemption_brief *ex, int nex,
	const struct exchange_brief *his_exchanges, int nexch, const char *year,
	const struct exchange_policy *p, char *why, size_t whysize)
{
	struct exchange_elig_fact f;
	int code = exchange_eligibility_fact(t, ex, nex, his_exchanges, nexch, year, p, &f);
	exchange_elig_why(&f, year, p, why, whysize);
	return code;
}

bool exchange_holds_year(const struct exchange_brief *e, const char *year)
{
	return strcmp(e->year, year) == 0 && e->status != EXS_REJECTED && e->status != EXS_CANCELLED &&
	       e->status != EXS_COMPLETED;
}

int exchange_principal_status(const struct teacher *t, const char *year,
	const struct exchange_policy *p, int *years, char *why, size_t whysize)
{
	char ref[DATE_LEN];
	if (years)
		*years = -1;
	if (t->post != POST_PRINCIPAL && t->post != POST_VICE_PRINCIPAL)
		return say(why, whysize, PRIN_NOT_PRINCIPAL, "%s", _("not a principal"));
	if (!exchange_year_reference(year, p, ref))
		return say(why, whysize, PRIN_UNKNOWN, _("'%s' is not a school year like 2025-2026"),
			year ? year : "");
	const char *a = date_valid(t->post_since) ? t->post_since : NULL;
	const char *b = date_valid(t->joined_school_on) ? t->joined_school_on : NULL;
	const char *since = !a ? b : !b ? a : strcmp(a, b) > 0 ? a : b;
	if (!since)
		return say(why, whysize, PRIN_UNKNOWN, "%s",
			_("dates of post and of joining the school unknown"));
	int n = years_until(since, ref);
	if (years)
		*years = n;
	if (n >= p->principal_rotate_years)
		return say(why, whysize, PRIN_DUE,
			_("%d years in the post at this school on %s (since %s): due to rotate"), n,
			ref, since);
	if (n < p->principal_min_years)
		return say(why, whysize, PRIN_TOO_EARLY,
			ngettext("%d year in the post at this school on %s (since %s), fewer than %d: "
				 "too early to rotate",
				"%d years in the post at this school on %s (since %s), fewer than %d: "
				"too early to rotate",
				(unsigned long)n),
			n, ref, since, p->principal_min_years);
	return say(why, whysize, PRIN_NEITHER,
		_("%d years in the post at this school on %s (since %s): may rotate"), n, ref, since);
}

/* ---- quotas ---- */

bool exchange_counts_in_year(const struct exchange_brief *e, const char *year,
	const struct exchange_policy *p)
{
	if (e->status != EXS_APPROVED && e->status != EXS_ACTIVE &&
	    e->status != EXS_COMPLETED && e->status != EXS_EXTENDED)
		return false;
	char y[EXCHANGE_YEAR_LEN];
	if (exchange_year_of(e->start_date, p, y))
		return strcmp(y, year) == 0;
	return strcmp(e->year, year) == 0;
}

long exchange_quota_need(double r, long n)
{
	if (!(r > 0) || n <= 0)
		return 0;
	double x = r * (double)n;
	double k = nearbyint(x);
	if (fabs(x - k) <= 1e-9 * fmax(1.0, fabs(x)))
		return (long)k;
	return (long)ceil(x);
}

/* Both quotas hold with x further backbone exchanges among max(m, x) further ones. */
static bool backbone_ok(long e, long b, long m, double r, long x)
{
	return b + x >= exchange_quota_need(r, e + (x > m ? x : m));
}

static long missing_backbone_of_exchanged(long e, long b, long m, double r)
{
	if (!(r > 0))
		return 0;
	long x = exchange_quota_need(r, e + m) - b; /* within the exchanges already needed */
	if (x <= m)
		return x > 0 ? x : 0;
	/* beyond: the test is monotone in x, so double then bisect */
	long lo = m + 1, hi = m + 1;
	while (!backbone_ok(e, b, m, r, hi)) {
		if (hi > (1L << 40))
			return -1;
		lo = hi + 1;
		hi = hi * 2 + 1;
	}
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (backbone_ok(e, b, m, r, mid))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void exchange_quota_compute(long eligible, long exchanged, long backbone_exchanged,
	const struct exchange_policy *p, struct exchange_quota *q)
{
	memset(q, 0, sizeof *q);
	q->eligible = eligible;
	q->exchanged = exchanged;
	q->backbone_exchanged = backbone_exchanged;
	q->ratio = eligible > 0 ? (double)exchanged / (double)eligible : NAN;
	q->missing = exchange_quota_need(p->min_ratio, eligible) - exchanged;
	if (q->missing < 0)
		q->missing = 0;
	if (p->backbone_base == EXB_ELIGIBLE) {
		q->base = eligible;
		q->missing_backbone =
			exchange_quota_need(p->backbone_min_ratio, eligible) - backbone_exchanged;
		if (q->missing_backbone < 0)
			q->missing_backbone = 0;
	} else {
		q->base = exchanged;
		/* a share of all, at most 1: whole exchanges can always be added */
		double r = p->backbone_min_ratio > 1 ? 1 : p->backbone_min_ratio;
		q->missing_backbone =
			missing_backbone_of_exchanged(exchanged, backbone_exchanged, q->missing, r);
	}
	q->backbone_ratio = q->base > 0 ? (double)backbone_exchanged / (double)q->base : NAN;
	q->ok = q->missing == 0 && q->missing_backbone == 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_fact(const void *a, const void *b)
{
	return cmp_i64(&((const struct exchange_fact *)a)->teacher_id,
		&((const struct exchange_fact *)b)->teacher_id);
}

/* Counted exchanges by teacher, earliest start first, then id. */
static int cmp_counted(const void *a, const void *b)
{
	const struct exchange_brief *x = *(const struct exchange_brief *const *)a;
	const struct exchange_brief *y = *(const struct exchange_brief *const *)b;
	int c = cmp_i64(&x->teacher_id, &y->teacher_id);
	if (!c)
		c = strcmp(x->start_date, y->start_date);
	if (!c)
		c = cmp_i64(&x->id, &y->id);
	return c;
}

/* What the teachers with one key add up to. */
struct tally {
	int64_t key;
	long eligible, exchanged, backbone;
};

static int cmp_tally(const void *a, const void *b)
{
	return cmp_i64(&((const struct tally *)a)->key, &((const struct tally *)b)->key);
}

/* A map of ids to small numbers (open addressing), as large as the distinct ids: the
 * schools, districts or groups, not the teachers. */
struct idmap {
	int64_t *keys;
	int *vals; /* -1: empty */
	size_t cap, n;
};

static size_t idmap_slot(const struct idmap *m, int64_t key)
{
	size_t k = (size_t)((uint64_t)key * 0x9E3779B97F4A7C15u >> 20) & (m->cap - 1);
	while (m->vals[k] >= 0 && m->keys[k] != key)
		k = (k + 1) & (m->cap - 1);
	return k;
}

static void idmap_grow(struct idmap *m)
{
	struct idmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xmalloc(m->cap * sizeof *m->vals);
	for (size_t i = 0; i < m->cap; i++)
		m->vals[i] = -1;
	for (size_t i = 0; i < old.cap; i++)
		if (old.vals[i] >= 0) {
			size_t k = idmap_slot(m, old.keys[i]);
			m->keys[k] = old.keys[i];
			m->vals[k] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

/* The value of key, or -1. */
static int idmap_get(const struct idmap *m, int64_t key)
{
	return m->cap ? m->vals[idmap_slot(m, key)] : -1;
}

/* Sets key's value if it has none; returns its value. */
static int idmap_put(struct idmap *m, int64_t key, int val)
{
	if (2 * (m->n + 1) > m->cap)
		idmap_grow(m);
	size_t k = idmap_slot(m, key);
	if (m->vals[k] < 0) {
		m->keys[k] = key;
		m->vals[k] = val;
		m->n++;
	}
	return m->vals[k];
}

static void idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
}

/* The group of key in t (added when new). */
static struct tally *tally_of(struct idmap *m, struct tally **t, size_t *nt, size_t *ct, int64_t key)
{
	int i = idmap_put(m, key, (int)*nt);
	if ((size_t)i == *nt) {
		if (*nt == *ct) {
			*ct = *ct ? *ct * 2 : 64;
			*t = xrealloc(*t, *ct * sizeof **t);
		}
		(*t)[(*nt)++] = (struct tally){key, 0, 0, 0};
	}
	return &(*t)[i];
}

struct exchange_quota_tally {
	int scope;
	struct idmap group;
	struct tally *t;
	size_t nt, ct;
};

struct exchange_quota_tally *exchange_quota_tally_new(int scope)
{
	struct exchange_quota_tally *q = xcalloc(1, sizeof *q);
	q->scope = scope;
	if (scope == EXSCOPE_COUNTY) /* the county has a row even when empty */
		tally_of(&q->group, &q->t, &q->nt, &q->ct, 0);
	return q;
}

void exchange_quota_tally_teacher(struct exchange_quota_tally *q, const struct exchange_fact *f)
{
	int64_t key = q->scope == EXSCOPE_SCHOOL ? f->school_id
		      : q->scope == EXSCOPE_DISTRICT ? f->district_id
						     : 0;
	tally_of(&q->group, &q->t, &q->nt, &q->ct, key)->eligible += f->eligible;
}

void exchange_quota_tally_exchange(struct exchange_quota_tally *q,
	const struct exchange_brief *x,
	int64_t from_district, const struct exchange_fact *f)
{
	int64_t key = q->scope == EXSCOPE_SCHOOL ? x->from_school_id
		      : q->scope == EXSCOPE_COUNTY ? 0
		      : from_district >= 0	   ? from_district
		      : f			   ? f->district_id
						   : 0;
	struct tally *g = tally_of(&q->group, &q->t, &q->nt, &q->ct, key);
	g->exchanged++;
	g->backbone += f && f->backbone >= BB_COUNTY;
}

int exchange_quota_tally_end(struct exchange_quota_tally *q, const struct exchange_policy *p,
	struct exchange_quota_row **rows)
{
	if (q->nt)
		qsort(q->t, q->nt, sizeof *q->t, cmp_tally);
	struct exchange_quota_row *out = xcalloc(q->nt + 1, sizeof *out);
	for (size_t i = 0; i < q->nt; i++) {
		out[i].scope = q->scope;
		out[i].key = q->t[i].key;
		exchange_quota_compute(q->t[i].eligible, q->t[i].exchanged, q->t[i].backbone, p, &out[i].q);
	}
	int n = (int)q->nt;
	free(q->t);
	idmap_free(&q->group);
	free(q);
	*rows = out;
	return n;
}

int exchange_quota_group(const struct exchange_fact *facts, int nfacts,
	const struct exchange_brief *ex, int nex, const char *year,
	const struct exchange_policy *p, int scope, struct exchange_quota_row **rows)
{
	size_t nf = nfacts > 0 ? (size_t)nfacts : 0, nx = nex > 0 ? (size_t)nex : 0;
	/* the teachers by id: as given when they come in id order (a county's walk), else a
	 * sorted copy */
	bool sorted = true;
	for (size_t i = 1; i < nf && sorted; i++)
		sorted = facts[i - 1].teacher_id <= facts[i].teacher_id;
	struct exchange_fact *copy = NULL;
	const struct exchange_fact *byid = facts;
	if (!sorted) {
		copy = xmalloc((nf + 1) * sizeof *copy);
		memcpy(copy, facts, nf * sizeof *copy);
		qsort(copy, nf, sizeof *copy, cmp_fact);
		byid = copy;
	}
	/* each school's district, as its teachers have it */
	struct idmap district = {0};
	struct exchange_quota_tally *q = exchange_quota_tally_new(scope);
	for (size_t i = 0; i < nf; i++) {
		idmap_put(&district, facts[i].school_id, (int)i);
		exchange_quota_tally_teacher(q, &facts[i]);
	}

	/* one exchange per teacher: the earliest counted one in Y */
	const struct exchange_brief **counted = xcalloc(nx + 1, sizeof *counted);
	size_t nc = 0;
	for (size_t i = 0; i < nx; i++)
		if (exchange_counts_in_year(&ex[i], year, p))
			counted[nc++] = &ex[i];
	qsort(counted, nc, sizeof *counted, cmp_counted);
	for (size_t i = 0; i < nc; i++) {
		const struct exchange_brief *x = counted[i];
		if (i && x->teacher_id && x->teacher_id == counted[i - 1]->teacher_id)
			continue;
		struct exchange_fact fk = {.teacher_id = x->teacher_id};
		const struct exchange_fact *f =
			x->teacher_id ? bsearch(&fk, byid, nf, sizeof *byid, cmp_fact) : NULL;
		int d = idmap_get(&district, x->from_school_id);
		exchange_quota_tally_exchange(q, x, d >= 0 ? facts[d].district_id : -1, f);
	}
	free(counted);
	free(copy);
	idmap_free(&district);
	return exchange_quota_tally_end(q, p, rows);
}

/* ---- transitions ---- */

/* Why an action cannot apply to a status, with a hint at what can. */
static void refuse(const char *action, int from, char *why)
{
	const char *hint = "";
	switch (from) {
	case EXS_COMPLETED:
	case EXS_REJECTED:
	case EXS_CANCELLED:
		hint = _("; it is closed");
		break;
	case EXS_PROPOSED:
		hint = strcmp(action, "complete") == 0 ? _("; approve and start it first")
						       : _("; approve it first");
		break;
	case EXS_APPROVED:
		hint = strcmp(action, "reject") == 0 ? _("; cancel it instead") : _("; start it first");
		break;
	case EXS_ACTIVE:
		hint = strcmp(action, "cancel") == 0 ? _("; complete it with an evaluation instead")
						     : _("; it is under way: complete it");
		break;
	case EXS_EXTENDED:
		hint = _("; complete it with an evaluation");
		break;
	}
	const char *verb = action;
	if (i18n_is_zh())
		verb = enum_zh(exchange_action_items, enum_parse(exchange_action_items, action));
	xq_msg(why, _("cannot %s an exchange that is %s%s"), verb, status_word(from), hint);
}

int exchange_transition(int from_status, const char *action, int *to_status, char *why)
{
	static const struct {
		int action;
		unsigned from; /* bit set of statuses */
		int to;
	} rules[] = {
		{EXA_APPROVE, 1u << EXS_PROPOSED, EXS_APPROVED},
		{EXA_REJECT, 1u << EXS_PROPOSED, EXS_REJECTED},
		{EXA_START, 1u << EXS_APPROVED, EXS_ACTIVE},
		{EXA_COMPLETE, 1u << EXS_ACTIVE | 1u << EXS_EXTENDED, EXS_COMPLETED},
		{EXA_CANCEL, 1u << EXS_PROPOSED | 1u << EXS_APPROVED, EXS_CANCELLED},
	};
	int a = enum_parse(exchange_action_items, action);
	if (a < 0) {
		xq_msg(why, _("unknown action '%s' (%s)"), action ? action : "",
			enum_keys_joined(exchange_action_items));
		return XQ_MISUSE;
	}
	if (from_status < 0 || from_status > EXS_EXTENDED) {
		xq_msg(why, _("unknown status %d"), from_status);
		return XQ_MISUSE;
	}
	const char *key = exchange_action_items[a].key;
	for (size_t i = 0; i < XQ_NELEM(rules); i++) {
		if (rules[i].action != a)
			continue;
		if (rules[i].from & 1u << from_status) {
			if (to_status)
				*to_status = rules[i].to;
			if (why)
				*why = '\0';
			return XQ_OK;
		}
		if (from_status == rules[i].to)
			xq_msg(why, _("the exchange is already %s"), status_word(from_status));
		else
			refuse(key, from_status, why);
	}
	return XQ_ERR;
}

int exchange_complete(struct exchange *e, int evaluation, char *why)
{
	if (evaluation < EVAL_EXCELLENT || evaluation > EVAL_UNQUALIFIED) {
		xq_msg(why, _("completing needs an evaluation: %s"),
			enum_keys_joined(evaluation_items));
		return XQ_MISUSE;
	}
	int to;
	int rc = exchange_transition(e->status, "complete", &to, why);
	if (rc != XQ_OK)
		return rc;
	e->evaluation = evaluation;
	e->status = to;
	if (evaluation == EVAL_UNQUALIFIED) {
		e->status = EXS_EXTENDED;
		if (date_valid(e->end_date)) {
			char end[DATE_LEN];
			add_years(e->end_date, 1, end);
			memcpy(e->end_date, end, DATE_LEN);
		}
	}
	return XQ_OK;
}

/* ---- validation and overlap ---- */

void exchange_fill_defaults(struct exchange *e, const struct exchange_policy *p)
{
	if (!date_valid(e->start_date))
		return;
	if (!*e->year)
		exchange_year_of(e->start_date, p, e->year);
	if (!*e->end_date && p->term_years > 0) {
		/* the day before the start, term_years later: 2024-03-01 → 2026-02-28 */
		char before[DATE_LEN];
		add_days(e->start_date, -1, before);
		add_years(before, p->term_years, e->end_date);
	}
}

static bool is_partial(int kind)
{
	return kind == EXK_ITINERANT || kind == EXK_PARTTIME;
}

static bool same_school(int64_t a, const char *acode, int64_t b, const char *bcode)
{
	if (a && b)
		return a == b;
	return *acode && strcmp(acode, bcode) == 0;
}

/* msg "field: ..." and the field, for exchange_validate. */
static const char *bad(char *msg, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static const char *bad(char *msg, const char *field, const char *fmt, ...)
{
	if (msg) {
		char text[XQ_MSG_MAX];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(text, sizeof text, fmt, ap);
		va_end(ap);
		xq_msg(msg, "%s: %s", field, text);
	}
	return field;
}

static bool enum_in(int v, const struct enum_item *items)
{
	return v >= 0 && v < enum_count(items);
}

const char *exchange_validate(const struct exchange *e, const struct teacher *t,
	int64_t from_district, int64_t to_district, const struct exchange_policy *p,
	char *msg)
{
	char b1[32], b2[32], y[EXCHANGE_YEAR_LEN] = "";
	const char *from = school_label(e->from_code, e->from_school_id, b1);
	const char *to = school_label(e->to_code, e->to_school_id, b2);
	if (!text_check("note", e->note, true, msg))
		return "note";
	if (!enum_in(e->kind, exchange_kind_items))
		return bad(msg, "kind", _("one of %s"), enum_keys_joined(exchange_kind_items));
	if (!enum_in(e->reason, exchange_reason_items))
		return bad(msg, "reason", _("one of %s"), enum_keys_joined(exchange_reason_items));
	if (!enum_in(e->status, exchange_status_items))
		return bad(msg, "status", _("one of %s"), enum_keys_joined(exchange_status_items));
	if (!e->teacher_id && !*e->staff_no)
		return bad(msg, "staff_no", "%s", _("the teacher is missing"));
	if (t && e->teacher_id && t->id && e->teacher_id != t->id)
		return bad(msg, "staff_no", _("the exchange is of another teacher than %s"),
			t->staff_no);
	if (!e->from_school_id && !*e->from_code)
		return bad(msg, "from_school_code", "%s", _("the sending school is missing"));
	if (!e->to_school_id && !*e->to_code)
		return bad(msg, "to_school_code", "%s", _("the receiving school is missing"));
	if (t && (t->school_id || *t->school_code) &&
	    !same_school(e->from_school_id, e->from_code, t->school_id, t->school_code)) {
		char b3[32];
		return bad(msg, "from_school_code", _("%s is not the home school of %s (%s)"), from,
			t->staff_no, school_label(t->school_code, t->school_id, b3));
	}
	if (same_school(e->from_school_id, e->from_code, e->to_school_id, e->to_code))
		return bad(msg, "to_school_code", "%s",
			_("the receiving school must differ from the sending school"));
	if (!p->allow_cross_district && (from_district <= 0 || to_district <= 0))
		return bad(msg, from_district <= 0 ? "from_school_code" : "to_school_code",
			_("%s is in no district, and exchanges stay within a district "
			  "(allow_cross_district is off)"),
			from_district <= 0 ? from : to);
	if (!p->allow_cross_district && from_district != to_district)
		return bad(msg, "to_school_code",
			_("%s is in another district than %s (allow_cross_district is off)"), to, from);
	if (!exchange_year_parse(e->year, NULL))
		return bad(msg, "year", _("'%s' is not a school year like 2025-2026"), e->year);
	if (!date_valid(e->start_date))
		return bad(msg, "start_date", _("'%s' is not a date (YYYY-MM-DD)"), e->start_date);
	if (!date_valid(e->end_date))
		return bad(msg, "end_date", _("'%s' is not a date (YYYY-MM-DD)"), e->end_date);
	if (strcmp(e->start_date, e->end_date) > 0)
		return bad(msg, "end_date", _("%s is before the start date %s"), e->end_date,
			e->start_date);
	if (!exchange_year_of(e->start_date, p, y) || strcmp(y, e->year) != 0)
		return bad(msg, "year", _("the start date %s falls in the school year %s, not %s"),
			e->start_date, y, e->year);
	if (is_partial(e->kind) && !(e->week_share > 0 && e->week_share <= 1))
		return bad(msg, "week_share", "%s",
			_("an itinerant or part-time exchange needs a share of the week in (0,1]"));
	if (!is_partial(e->kind) && !isnan(e->week_share))
		return bad(msg, "week_share", "%s",
			_("only itinerant and part-time exchanges have a share of the week"));
	bool closed = e->status == EXS_COMPLETED || e->status == EXS_EXTENDED;
	if (closed && !enum_in(e->evaluation, evaluation_items))
		return bad(msg, "evaluation", _("a %s exchange records its evaluation (%s)"),
			status_word(e->status), enum_keys_joined(evaluation_items));
	if (!closed && e->evaluation != EVAL_NONE)
		return bad(msg, "evaluation", "%s", _("only a completed or extended exchange has one"));
	if (!isnan(e->subsidy_month) && !(e->subsidy_month >= 0))
		return bad(msg, "subsidy_month", "%s", _("must not be negative"));
	return NULL;
}

static bool live(int status)
{
	return status != EXS_REJECTED && status != EXS_CANCELLED;
}

static bool of_same_teacher(const struct exchange *a, const struct exchange *b)
{
	if (a->teacher_id && b->teacher_id)
		return a->teacher_id == b->teacher_id;
	return *a->staff_no && strcmp(a->staff_no, b->staff_no) == 0;
}

static void describe(const struct exchange *o, char *msg, const char *tail)
{
	char b[32];
	if (!*o->end_date)
		xq_msg(msg, _("overlaps exchange #%lld to %s, %s..open (%s)%s"), (long long)o->id,
			school_label(o->to_code, o->to_school_id, b), o->start_date,
			status_word(o->status), tail);
	else
		xq_msg(msg, _("overlaps exchange #%lld to %s, %s..%s (%s)%s"), (long long)o->id,
			school_label(o->to_code, o->to_school_id, b), o->start_date, o->end_date,
			status_word(o->status), tail);
}

int exchange_overlap(const struct exchange *e, const struct exchange *others, int n,
	char *msg)
{
	if (!live(e->status) || !date_valid(e->start_date))
		return -1;
	const char *e_end = *e->end_date ? e->end_date : "9999-12-31";
	double shares = is_partial(e->kind) && e->week_share > 0 ? e->week_share : 1;
	int first_partial = -1;
	for (int i = 0; i < n; i++) {
		const struct exchange *o = &others[i];
		if (o == e || (e->id && o->id == e->id) || !of_same_teacher(e, o) ||
		    !live(o->status) || !date_valid(o->start_date))
			continue;
		const char *o_end = *o->end_date ? o->end_date : "9999-12-31";
		if (strcmp(o->start_date, e_end) > 0 || strcmp(e->start_date, o_end) > 0)
			continue;
		if (is_partial(e->kind) && is_partial(o->kind)) {
			/* the natural key of a live exchange: teacher, start date and receiving
			 * school (a teacher may go to two other schools from one day) */
			if (strcmp(o->start_date, e->start_date) == 0 && o->to_school_id == e->to_school_id) {
				xq_msg(msg, _("starts on %s, the same day as exchange #%lld (%s) to the same school: a "
					      "teacher's live exchanges to one school start on different days"),
					e->start_date, (long long)o->id, status_word(o->status));
				return i;
			}
			shares += o->week_share > 0 ? o->week_share : 1;
			if (first_partial < 0)
				first_partial = i;
			continue;
		}
		describe(o, msg, "");
		return i;
	}
	if (first_partial >= 0 && shares > 1 + 1e-9) {
		char tail[128];
		snprintf(tail, sizeof tail, _(": the shares of the week add up to %.2f, over 1"),
			shares);
		describe(&others[first_partial], msg, tail);
		return first_partial;
	}
	return -1;
}

/* ---- distance and subsidy ---- */

double exchange_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	if (isnan(lat1) || isnan(lon1) || isnan(lat2) || isnan(lon2))
		return NAN;
	const double rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double a = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
	if (a > 1)
		a = 1;
	return 2 * 6371.0 * asin(sqrt(a));
}

double exchange_subsidy_month(double km, long hardship, const struct exchange_policy *p)
{
	if (isnan(km))
		return NAN;
	int tier = 0;
	while (tier < p->n_subsidy_km && km >= p->subsidy_km[tier])
		tier++;
	double yuan = 0;
	if (p->n_subsidy_yuan > 0)
		yuan = p->subsidy_yuan[tier < p->n_subsidy_yuan ? tier : p->n_subsidy_yuan - 1];
	long h = hardship < 0 ? 0 : hardship > 3 ? 3 : hardship;
	return yuan + p->subsidy_hardship_yuan[h];
}

double exchange_subsidy_year(const struct exchange *e, const char *year,
	const struct exchange_policy *p)
{
	char first[DATE_LEN], last[DATE_LEN];
	if (!live(e->status) || !exchange_year_bounds(year, p, first, last) ||
	    !date_valid(e->start_date))
		return 0;
	if (isnan(e->subsidy_month))
		return NAN;
	const char *a = strcmp(e->start_date, first) > 0 ? e->start_date : first;
	const char *b = date_valid(e->end_date) && strcmp(e->end_date, last) < 0 ? e->end_date
										    : last;
	if (strcmp(a, b) > 0)
		return 0;
	/* each calendar month counts the share of its days covered */
	double months = 0;
	long from = date_days(a), to = date_days(b);
	while (from <= to) {
		char d[DATE_LEN];
		date_from_days(from, d);
		int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8), md = month_days(y, m);
		long month_end = from + (md - day);
		long upto = month_end < to ? month_end : to;
		months += (double)(upto - from + 1) / md;
		from = upto + 1;
	}
	double share = is_partial(e->kind) && e->week_share > 0 ? e->week_share : 1;
	return months * e->subsidy_month * share;
}
