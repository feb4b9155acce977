/* indicators.h: the seven national resource indicators from the schools and teachers
 * tables, on a date, at a stage: one school's value (for the inspections' computed items)
 * and a county's schools of one level (for `xuequ indicators` and the reports). */
#ifndef XQ_DB_INDICATORS_H
#define XQ_DB_INDICATORS_H

#include <stdint.h>

#include "core/indicators.h"
#include "db/db.h"

/* One indicator of one school on a date (YYYY-MM-DD) at one stage (0 primary, 1 junior):
 * value in the indicator's unit and the county's threshold (from the policy). XQ_OK;
 * XQ_NOTFOUND when the school has no pupils at that stage; XQ_ERR with msg. code is one
 * of the seven codes of the issue (e.g. "multimedia_per100"). */
int db_indicator_value(struct db *db, int64_t school_id, const char *date,
	const char *code, int stage, double *value, double *threshold, char *msg);
/* The seven codes, in the order. */
extern const char *const indicator_codes[7];   /* defined in core/indicators.c */

/* A school of a level, judged at that stage. */
struct db_indicator_row {
	struct school s;
	struct indicator_result r;
	bool in_cv; /* false: a teaching point under min_pupils, listed apart */
};
/* Every school with pupils at the stage on the date, by school code; *rows is malloc'd.
 * Teachers count at their home school, or, by the policy's count_exchanged_at, at the
 * receiving school for the part of the week of an exchange that covers the date (status
 * approved, active, extended or completed). */
int db_indicators_level(struct db *db, int stage, const char *date,
	struct db_indicator_row **rows, int *n, char *msg);

/* The CV of each indicator over the rows that count in it (in_cv), by the policy's
 * formula; cv[i] NAN when none. Returns how many rows counted. */
int db_indicators_cv(const struct db *db, const struct db_indicator_row *rows, int n,
	double cv[INDICATOR_COUNT]);

#endif
