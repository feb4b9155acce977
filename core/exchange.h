/* exchange.h: teacher exchanges (交流轮岗) as pure rules: school years, eligibility, the
 * principals' rotation rule, yearly quotas and their aggregation, status transitions,
 * validation, overlap, distance and subsidies. No I/O: callers load and store. */
#ifndef XQ_EXCHANGE_H
#define XQ_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/types.h"

struct conf;

enum exchange_kind { EXK_ROTATION, EXK_SUPPORT, EXK_ITINERANT, EXK_PARTTIME };
enum exchange_reason { EXR_ADJUSTMENT, EXR_MANDATORY, EXR_UPWARD, EXR_VOLUNTARY };
enum exchange_status {
	EXS_PROPOSED, EXS_APPROVED, EXS_ACTIVE, EXS_COMPLETED, EXS_REJECTED, EXS_CANCELLED,
	EXS_EXTENDED
};
enum evaluation { EVAL_NONE = -1, EVAL_EXCELLENT, EVAL_QUALIFIED, EVAL_UNQUALIFIED };
enum exchange_action { EXA_APPROVE, EXA_REJECT, EXA_START, EXA_COMPLETE, EXA_CANCEL };

extern const struct enum_item exchange_kind_items[], exchange_reason_items[],
	exchange_status_items[], evaluation_items[], exchange_action_items[];

#define EXCHANGE_YEAR_LEN 10 /* "2025-2026" and its terminator */

struct exchange {
	int64_t id, rev;
	int64_t teacher_id, from_school_id, to_school_id;
	char staff_no[STAFFNO_LEN];
	char from_code[CODE_LEN], to_code[CODE_LEN];
	int kind;   /* enum exchange_kind */
	int reason; /* enum exchange_reason */
	char year[EXCHANGE_YEAR_LEN];
	char start_date[DATE_LEN], end_date[DATE_LEN];
	double week_share; /* (0,1] for itinerant and part-time, NAN otherwise */
	int status;	   /* enum exchange_status */
	int evaluation;	   /* enum evaluation, EVAL_NONE until completed */
	double subsidy_month; /* yuan per month, NAN when unknown */
	char note[TEXT_LEN];  /* multi-line free text; reasons of rejection and cancellation */
};

/* An empty proposed rotation: ids 0, no dates, week_share and subsidy NAN. */
void exchange_init(struct exchange *e);

/* What the rules (eligibility, the year's hold, the quota) read of an exchange and of an
 * exemption: the record without its note and names, a tenth of its size, so that a city's
 * records are held in little memory. */
struct exchange_brief {
	int64_t id, teacher_id, from_school_id, to_school_id;
	int status; /* enum exchange_status */
	char to_code[CODE_LEN];
	char year[EXCHANGE_YEAR_LEN];
	char start_date[DATE_LEN], end_date[DATE_LEN];
};
void exchange_brief_of(const struct exchange *e, struct exchange_brief *out);
struct exemption_brief {
	int64_t teacher_id;
	int kind; /* enum exemption_kind */
	char start_date[DATE_LEN], end_date[DATE_LEN];
};
void exemption_brief_of(const struct exemption *e, struct exemption_brief *out);

/* Adds a reason (of a rejection or cancellation) to the note: the reason with the spaces
 * around it trimmed, on a line of its own after what the note holds. An empty reason adds
 * nothing. XQ_ERR with msg when the reason holds a control character or line break
 * (text_check, one line) or the note would grow past TEXT_LEN - 1 bytes; e is then
 * unchanged. */
int exchange_note_add(struct exchange *e, const char *reason, char *msg);

/* The [exchange] numbers the rules need, copied out of the configuration. */
#define EXCHANGE_TIERS_MAX 8
enum exchange_base { EXB_EXCHANGED, EXB_ELIGIBLE }; /* same values as conf_backbone_base */
struct exchange_policy {
	int ref_month, ref_day; /* reference date MM-DD in a year's first calendar year */
	int min_years_at_school;
	int max_age_male, max_age_female; /* 0 = no limit */
	double min_ratio, backbone_min_ratio;
	int backbone_base; /* enum exchange_base */
	int principal_rotate_years, principal_min_years;
	int term_years;
	bool allow_cross_district;
	double max_out_ratio;
	double subsidy_km[EXCHANGE_TIERS_MAX]; /* tier bounds, ascending */
	int n_subsidy_km;
	double subsidy_yuan[EXCHANGE_TIERS_MAX + 1]; /* per month per tier (n_subsidy_km + 1) */
	int n_subsidy_yuan;
	double subsidy_hardship_yuan[4]; /* extra per month by receiving school's hardship */
};

/* The documented defaults (the same as conf_defaults). */
void exchange_policy_defaults(struct exchange_policy *p);
/* Copy the [exchange] section; XQ_ERR with msg when reference_date is not MM-DD (p then
 * keeps 09-01). Reads the struct only: conf/conf.c need not be linked. */
int exchange_policy_from_conf(const struct conf *c, struct exchange_policy *p, char *msg);

/* School years. "2025-2026": the second year is the first plus one. A school year runs
 * from its reference date (MM-DD in the first year; 02-29 means 02-28 in a common year) to
 * the day before the next year's reference date: 09-01 .. 08-31 with the default. */
bool exchange_year_parse(const char *year, int *first);
void exchange_year_format(int first, char out[EXCHANGE_YEAR_LEN]);
bool exchange_year_reference(const char *year, const struct exchange_policy *p,
	char out[DATE_LEN]);
bool exchange_year_bounds(const char *year, const struct exchange_policy *p,
	char first[DATE_LEN], char last[DATE_LEN]);
/* The school year a valid date falls in. */
bool exchange_year_of(const char *date, const struct exchange_policy *p,
	char out[EXCHANGE_YEAR_LEN]);

/* Eligibility in a school year (issue 4). ELIG_YES or the first rule that fails. */
enum exchange_elig {
	ELIG_YES, ELIG_NOT_IN_POST, ELIG_NOT_TEACHER, ELIG_TOO_FEW_YEARS, ELIG_OVER_AGE,
	ELIG_EXEMPT, ELIG_ON_EXCHANGE, ELIG_UNKNOWN
};
extern const struct enum_item exchange_elig_items[];

/* Whole years at the current school on Y's reference date; -1 when the date joined or
 * the year is missing or invalid. */
int exchange_years_at_school(const struct teacher *t, const char *year,
	const struct exchange_policy *p);
/* Rules, in order: employment in post (在编在岗); post teacher (principals and
 * vice-principals have their own rule); joined known and at least min_years_at_school
 * whole years at the school on the reference date; age on the reference date not above
 * the limit for the gender (unknown birth date passes); no exemption whose range
 * [start, end or open] overlaps Y; no exchange approved, active or extended that started
 * before Y and ends on or after Y's first day (or has no end). Exemptions and exchanges
 * of other teachers (teacher_id set and different) are ignored. why: English reason,
 * "" when eligible; may be NULL. */
int exchange_eligibility(const struct teacher *t, const struct exemption_brief *ex, int nex,
	const struct exchange_brief *his_exchanges, int nexch, const char *year,
	const struct exchange_policy *p, char *why, size_t whysize);

/* What decided it, without the words: the rule's code and the facts its reason names, so
 * that equal facts give equal reasons (a walk over a county words each once). */
struct exchange_elig_fact {
	int code;      /* enum exchange_elig */
	bool bad_year; /* ELIG_UNKNOWN: the year, not the date joined */
	int n;	       /* whole years at the school, or the age */
	int what;      /* employment, post, exemption kind or exchange status; for the age,
			  1 for a woman */
	int64_t school_id; /* an exchange's receiving school, and its code */
	char school_code[CODE_LEN];
	char from[DATE_LEN], to[DATE_LEN]; /* the date joined; an exemption's or exchange's dates */
};
/* exchange_eligibility's code, with its facts in *f (zeroed first, padding too, so that
 * two facts compare with memcmp); exchange_elig_why words them for year and p. */
int exchange_eligibility_fact(const struct teacher *t, const struct exemption_brief *ex, int nex,
	const struct exchange_brief *his_exchanges, int nexch, const char *year,
	const struct exchange_policy *p, struct exchange_elig_fact *f);
void exchange_elig_why(const struct exchange_elig_fact *f, const char *year,
	const struct exchange_policy *p, char *why, size_t whysize);

/* Whether e is an exchange of year that still stands (proposed, approved, running or
 * extended): its teacher is not offered for another one that year. */
bool exchange_holds_year(const struct exchange_brief *e, const char *year);

/* Principals and vice-principals: years in the same post at the same school, counted on
 * Y's reference date since the later of post_since and joined_school_on. */
enum exchange_principal { PRIN_NOT_PRINCIPAL, PRIN_UNKNOWN, PRIN_TOO_EARLY, PRIN_NEITHER,
	PRIN_DUE };
extern const struct enum_item exchange_principal_items[];
int exchange_principal_status(const struct teacher *t, const char *year,
	const struct exchange_policy *p, int *years, char *why, size_t whysize);

/* Quotas. An exchange counts for Y when its status is approved, active, completed or
 * extended (an extended one is a completed one whose term was lengthened: the teacher did
 * move in Y) and it starts in Y (by start date; by the year field when the date is
 * missing). Teachers are counted, not exchanges. */
bool exchange_counts_in_year(const struct exchange_brief *e, const char *year,
	const struct exchange_policy *p);

struct exchange_quota {
	long eligible, exchanged, backbone_exchanged;
	long base;		       /* backbone denominator: exchanged or eligible */
	double ratio, backbone_ratio;  /* NAN when the denominator is 0 */
	long missing;		       /* further exchanges needed for min_ratio */
	long missing_backbone;	       /* backbone teachers among them; -1: unreachable */
	bool ok;
};
/* missing = ceil(min_ratio * eligible) - exchanged, at least 0 (0.10 * 30 needs 3).
 * missing_backbone = the fewest backbone teachers x among max(missing, x) further
 * exchanges that meet both quotas: against eligible, ceil(r * eligible) - backbone; against
 * exchanged, the least x with backbone + x >= r * (exchanged + max(missing, x)).
 * ok when both are 0. */
void exchange_quota_compute(long eligible, long exchanged, long backbone_exchanged,
	const struct exchange_policy *p, struct exchange_quota *q);
/* ceil(r * n) as whole people, forgiving floating-point noise. */
long exchange_quota_need(double r, long n);

/* One teacher's facts for a year, as the quota counts them. */
struct exchange_fact {
	int64_t teacher_id, school_id, district_id; /* home school and its district (0: none) */
	bool eligible;
	int backbone; /* enum backbone; county level or above counts */
};
enum exchange_scope { EXSCOPE_COUNTY, EXSCOPE_DISTRICT, EXSCOPE_SCHOOL };
extern const struct enum_item exchange_scope_items[];
struct exchange_quota_row {
	int scope;
	int64_t key; /* district or school id; 0 for the county (and for "no district") */
	struct exchange_quota q;
};
/* The quota per group: one county row, or one row per district or school seen in facts
 * or in the counted exchanges, ordered by key. Eligible teachers count at their home
 * school; an exchanged teacher counts at the sending school (from_school_id) and that
 * school's district (as the facts map schools to districts; else the teacher's). A
 * teacher without a fact counts as a non-backbone exchange. Returns the number of rows
 * in *rows (free() it). */
int exchange_quota_group(const struct exchange_fact *facts, int nfacts,
	const struct exchange_brief *ex, int nex, const char *year,
	const struct exchange_policy *p, int scope, struct exchange_quota_row **rows);
/* The same counted as the teachers come, one at a time (for a county too large to hold):
 * new, then each teacher's fact, and for each teacher (or exchange without a fact) the
 * one exchange that counts (the earliest counted in the year, exchange_counts_in_year)
 * with the district of its sending school as the facts map it (0: none; -1 when no
 * teacher is there: the teacher's own is taken then), then end for the rows (as above; the tally
 * is freed). */
struct exchange_quota_tally;
struct exchange_quota_tally *exchange_quota_tally_new(int scope);
void exchange_quota_tally_teacher(struct exchange_quota_tally *q, const struct exchange_fact *f);
void exchange_quota_tally_exchange(struct exchange_quota_tally *q,
	const struct exchange_brief *x,
	int64_t from_district, const struct exchange_fact *f);
int exchange_quota_tally_end(struct exchange_quota_tally *q, const struct exchange_policy *p,
	struct exchange_quota_row **rows);

/* Status transitions: approve proposed→approved, reject proposed→rejected, start
 * approved→active, complete active|extended→completed (see exchange_complete), cancel
 * proposed|approved→cancelled. An active exchange is not cancelled: it ends by
 * completion, so the year's count never loses a teacher who did move. XQ_OK with
 * *to_status, XQ_ERR with why (XQ_MSG_MAX) when refused, XQ_MISUSE for an unknown
 * action. Actions are keys or labels of exchange_action_items. */
int exchange_transition(int from_status, const char *action, int *to_status, char *why);
/* Complete with an evaluation: excellent or qualified → completed; unqualified →
 * extended and the end date one year later (02-29 → 02-28). */
int exchange_complete(struct exchange *e, int evaluation, char *why);

/* Fill what may be left empty: year from the start date; end date start + term_years
 * years - 1 day. */
void exchange_fill_defaults(struct exchange *e, const struct exchange_policy *p);
/* NULL when valid, else the failing field's key (CSV column) with msg (XQ_MSG_MAX).
 * t (may be NULL) is the teacher: from must be the home school. District ids of both
 * schools, 0 when a school is in no district. */
const char *exchange_validate(const struct exchange *e, const struct teacher *t,
	int64_t from_district, int64_t to_district, const struct exchange_policy *p,
	char *msg);
/* Index in others of the first exchange of the same teacher (other id) whose dates
 * intersect e's, ignoring rejected and cancelled ones; -1 when none. Two itinerant or
 * part-time exchanges may share days while e's share plus all such others' shares is
 * at most 1, and never start on the same day. msg names the other one. */
int exchange_overlap(const struct exchange *e, const struct exchange *others, int n,
	char *msg);

/* Great-circle distance in km (haversine, R = 6371 km); NAN when a position is unknown. */
double exchange_distance_km(double lat1, double lon1, double lat2, double lon2);
/* Per month: the distance tier (< km[0] → yuan[0], ..., ≥ km[n-1] → yuan[n]) plus the
 * receiving school's hardship extra (0..3, clamped). NAN when km is NAN. */
double exchange_subsidy_month(double km, long hardship, const struct exchange_policy *p);
/* For school year Y: months of the exchange inside Y (each calendar month counts the
 * share of its days covered) × subsidy_month, × week_share for itinerant and part-time.
 * 0 for rejected or cancelled ones and outside Y; NAN when the subsidy is unknown. */
double exchange_subsidy_year(const struct exchange *e, const char *year,
	const struct exchange_policy *p);

#endif
