/* inspection.h: inspections (督导检查) as pure rules — the kinds of checklist items, how one
 * item passes and what it scores, and the verdict of a whole checklist (weighted total, veto
 * items, the national 6-of-7 rule). No SQL, no curses. */
#ifndef XQ_CORE_INSPECTION_H
#define XQ_CORE_INSPECTION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/indicators.h"
#include "core/types.h"

enum item_kind { ITEM_YESNO, ITEM_SCORE, ITEM_MEASURED, ITEM_INDICATOR };
enum comparator { CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_EQ };
enum insp_target { TARGET_SCHOOL, TARGET_DISTRICT };
/* total: the weighted total reaches pass_total; indicators: the national rule (at least
 * min_met indicator items met, each one missed at least seventh_min_share of its threshold) */
enum pass_rule { RULE_TOTAL, RULE_INDICATORS };
enum insp_status { INSP_PLANNED, INSP_IN_PROGRESS, INSP_SUBMITTED, INSP_CLOSED };
enum rect_status { RECT_OPEN, RECT_REPORTED, RECT_VERIFIED };

extern const struct enum_item item_kind_items[], comparator_items[], insp_target_items[],
	pass_rule_items[], insp_status_items[], rect_status_items[], stage_items[];

#define INDICATOR_CODE_LEN 40

/* One item of a checklist template. max: a score item's maximum; comparator, threshold
 * and unit: a measured item's rule (a score item's threshold is the least passing score,
 * NAN = always passes); indicator: one of the seven codes (threshold from the policy). */
struct check_item {
	int64_t id;
	int position;
	char section[NAME_LEN];
	char text[TEXT_LEN];
	int kind; /* enum item_kind */
	double max;
	int comparator; /* enum comparator, -1 when none */
	double threshold;
	char unit[SHORT_LEN];
	char indicator[INDICATOR_CODE_LEN];
	double weight;
	bool veto;
};

/* Whether a value passes the item; threshold is the item's own, or the policy's for an
 * indicator item. A yes/no item passes on 1. */
bool check_item_passes(const struct check_item *it, double value, double threshold);
/* The points an item scores: yes/no weight × value, score weight × value ÷ max, measured
 * and indicator weight when passed. */
double check_item_points(const struct check_item *it, double value, bool pass);
/* A value fit for the item: 0 or 1 for yes/no, 0..max for a score; XQ_ERR with msg. */
int check_item_value_ok(const struct check_item *it, double value, char *msg);

/* The result of one item: scored or not, the value and threshold used, pass. */
struct item_outcome {
	bool scored;
	double value, threshold;
	bool pass;
};

struct checklist_verdict {
	int scored, failed;
	int veto_failed;	 /* failed veto items */
	double total, max_total; /* weighted points; max_total = the sum of the weights */
	int met, indicators;	 /* indicator items met, of how many */
	double lowest_ratio;	 /* smallest value ÷ threshold of a missed indicator, NAN if none */
	bool complete;		 /* every item scored */
	bool pass;		 /* complete, no veto failed, and the template's rule */
};

struct checklist_rule {
	int pass_rule;	   /* enum pass_rule */
	double pass_total; /* RULE_TOTAL: the least total, NAN = none */
	int min_met;	   /* RULE_INDICATORS: from the policy */
	double seventh_min_share;
};

void checklist_verdict(const struct check_item *items, const struct item_outcome *out, int n,
	const struct checklist_rule *rule, struct checklist_verdict *v);

/* Reads a yes/no answer: 1 0 y n yes no 是 否 ✓ ✗; false when none. */
bool yesno_parse(const char *s, double *value);
/* Whether login is one of the comma-separated logins of team. */
bool inspection_team_has(const char *team, const char *login);

#endif
