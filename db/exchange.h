/* exchange.h: teacher exchanges (交流轮岗) in the database, and the year's analyses —
 * eligibility, quotas and the plan — computed by core/exchange.c and core/plan.c over
 * the data loaded here. */
#ifndef XQ_DB_EXCHANGE_H
#define XQ_DB_EXCHANGE_H

#include "core/exchange.h"
#include "core/plan.h"
#include "db/db.h"

struct exchange_query {
	const char *year;    /* NULL = any */
	int status;	     /* enum exchange_status; -1 = any */
	int kind;	     /* enum exchange_kind; -1 = any */
	int64_t school_id;   /* from or to this school; 0 = any */
	int64_t district_id; /* the sending school's current district; 0 = any */
	const char *search;  /* teacher name or staff number */
};
void exchange_query_init(struct exchange_query *q);

struct exchange_row {
	struct exchange e;
	char teacher_name[SHORT_LEN];
	char from_name[NAME_LEN], to_name[NAME_LEN];
	char from_short[SHORT_LEN], to_short[SHORT_LEN]; /* the schools' short names, or "" */
	int backbone; /* enum backbone */
	double km;    /* NAN when a position is unknown */
};

int db_exchange_get(struct db *db, int64_t id, struct exchange *out);
/* The live exchange (neither rejected nor cancelled) of a teacher starting on start_date to
 * to_school_id (at most one: the index exchange_one_live); else, when the teacher has only
 * one live exchange from that date, that one (to another school). A teacher itinerant at
 * two other schools has two from one date, told apart by the school. */
int db_exchange_find(struct db *db, int64_t teacher_id, const char *start_date, int64_t to_school_id,
	struct exchange *out);
/* Rejected and cancelled exchanges may repeat a teacher and start date: the nth (from 0, in
 * the list's order) of those to to_school_id with this status (EXS_REJECTED, EXS_CANCELLED,
 * or -1 for either). */
int db_exchange_find_dead(struct db *db, int64_t teacher_id, const char *start_date,
	int64_t to_school_id, int status, int nth, struct exchange *out);
int db_exchange_row(struct db *db, int64_t id, struct exchange_row *out);
/* Ordered by year, sending school, teacher. */
long db_exchange_count(struct db *db, const struct exchange_query *q);
int db_exchange_page(struct db *db, const struct exchange_query *q, long offset, int limit,
	struct exchange_row *rows);
long db_exchange_position(struct db *db, const struct exchange_query *q, int64_t id);

/* Checks the rules (core/exchange.h: home school, districts, dates, overlap with the
 * teacher's other exchanges), fills the year, end date and monthly subsidy when empty,
 * then writes. update checks rev. */
int db_exchange_insert(struct db *db, struct exchange *e, const struct exchange_policy *p, char *msg);
int db_exchange_update(struct db *db, struct exchange *e, const struct exchange_policy *p, char *msg);
/* approve, reject, start, complete (with evaluation), cancel. */
int db_exchange_act(struct db *db, int64_t id, int64_t rev, const char *action, int evaluation,
	char *msg);
/* The same, a reject or cancel adding reason (NULL: none) to the exchange's note in the
 * same write (exchange_note_add); any other action refuses a reason. */
int db_exchange_act_reason(struct db *db, int64_t id, int64_t rev, const char *action,
	int evaluation, const char *reason, char *msg);

/* Whether the exchange's sending school has more of its teachers away than max_out_ratio
 * allows at some time during the exchange (counting exchanges approved, active or
 * extended, this one included if it is): *away is the most away at once, *cap the limit. */
bool db_exchange_over_cap(struct db *db, const struct exchange *e, const struct exchange_policy *p,
	long *away, long *cap);

/* A teacher as the year's eligibility sees them. */
struct teacher_elig {
	struct teacher t;
	char school_name[NAME_LEN];
	int64_t district_id;
	int elig; /* enum exchange_elig */
	int years_at_school;
	int principal; /* enum exchange_principal */
	int principal_years;
	char why[160];		 /* why not eligible, "" when eligible */
	char principal_why[160]; /* the principals' rule, for principals and vice-principals */
};
/* Every teacher (of one school when school_id > 0), in staff-number order. */
int db_exchange_eligibility(struct db *db, const char *year, const struct exchange_policy *p,
	int64_t school_id, struct teacher_elig **rows, int *n, char *msg);
/* The same one teacher at a time, never all held: fn gets each (its row is reused: copy
 * what it keeps) and stops the walk by returning an error. XQ_OK or XQ_ERR with msg. */
int db_exchange_eligibility_each(struct db *db, const char *year, const struct exchange_policy *p,
	int64_t school_id, int (*fn)(void *, const struct teacher_elig *), void *ctx, char *msg);

/* A teacher as the teacher picker lists them: what is pointed to holds during the call. */
struct teacher_pick {
	const struct teacher *t; /* staff number, name and what the rules read (see
				    db_teacher_each_brief) */
	const char *school_name;
	int elig;		     /* enum exchange_elig */
	const char *why;	     /* why not eligible, "" when eligible (until the next) */
	int why_no;		     /* the same for the same words within one walk, -1 when
					eligible (a county has some thousands for its teachers) */
	int years_at_school;	     /* -1 when unknown */
	const struct exchange_brief *busy; /* an eligible teacher's exchange that holds the
					      year (exchange_holds_year), or NULL */
	const char *busy_to;	     /* its receiving school's name */
};
/* Every teacher in id order (as stored: the quickest), as the picker lists them, reading
 * only what it shows: fn stops the walk by returning an error. XQ_OK or XQ_ERR with msg. */
int db_exchange_pick_each(struct db *db, const char *year, const struct exchange_policy *p,
	int (*fn)(void *, const struct teacher_pick *), void *ctx, char *msg);

/* One teacher as the year's eligibility sees them, reading that teacher's rows only. */
int db_exchange_eligibility_one(struct db *db, const char *year, const struct exchange_policy *p,
	int64_t teacher_id, struct teacher_elig *out, char *msg);

struct quota_row {
	struct exchange_quota_row r;
	char name[NAME_LEN]; /* county: "", district or school name, "(no district)" */
	char code[CODE_LEN]; /* school scope */
};
int db_exchange_quota(struct db *db, const char *year, const struct exchange_policy *p, int scope,
	struct quota_row **rows, int *n, char *msg);
/* The same, and the county's own quota in *county (when not NULL) from the same reading. */
int db_exchange_quota2(struct db *db, const char *year, const struct exchange_policy *p, int scope,
	struct quota_row **rows, int *n, struct exchange_quota *county, char *msg);
/* The county's quota and its rows by school and by district, from one reading. */
struct quota_sets {
	struct exchange_quota county;
	struct quota_row *school, *district;
	int nschool, ndistrict;
};
int db_exchange_quota_sets(struct db *db, const char *year, const struct exchange_policy *p, struct quota_sets *out,
	char *msg);
void quota_sets_free(struct quota_sets *q);

/* Subsidies paid in a school year: exchanges approved, active, completed or extended whose
 * dates reach into the year, by the sending school (or its district, or the county). */
struct subsidy_row {
	int64_t key; /* district or school id; 0 for the county or "no district" */
	char name[NAME_LEN], code[CODE_LEN];
	long exchanges;
	double yuan;
	long unknown; /* exchanges whose subsidy is unknown (a school without a position) */
};
int db_exchange_subsidy(struct db *db, const char *year, const struct exchange_policy *p, int scope,
	struct subsidy_row **rows, int *n, char *msg);

/* The plan for a year: proposals that meet the county's quotas at the least travel. */
struct plan_proposal {
	struct exchange e; /* status proposed; staff_no and codes filled */
	char teacher_name[SHORT_LEN], from_name[NAME_LEN], to_name[NAME_LEN], subject[64];
	char from_short[SHORT_LEN], to_short[SHORT_LEN]; /* the schools' short names, or "" */
	bool backbone;
	double km;
};
struct plan_report {
	struct plan_result result;
	struct plan_proposal *proposals;
	int n;
	struct exchange_quota before;
};
int db_exchange_plan(struct db *db, const char *year, const struct exchange_policy *p,
	struct plan_report *out, char *msg);
void plan_report_free(struct plan_report *r);
/* Which proposals have been written, as the database holds them now: each one's status in
 * written[i] (the live exchange written for it, or else one rejected or cancelled since;
 * -1: not written), and how many are. */
int db_exchange_plan_written(struct db *db, const struct plan_report *r, int *written);
/* Writes the proposals as proposed exchanges in one transaction. */
int db_exchange_plan_apply(struct db *db, struct plan_report *r, const struct exchange_policy *p,
	char *msg);

#endif
