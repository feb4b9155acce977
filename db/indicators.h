/* indicators.h: the national resource indicators of a school as the database computes them. */
#ifndef XQ_DB_INDICATORS_H
#define XQ_DB_INDICATORS_H

#include <stdint.h>

struct db;

/* One indicator of one school on a date (YYYY-MM-DD) at one stage (0 primary, 1 junior):
 * value in the indicator's unit and the county's threshold (from the policy). XQ_OK;
 * XQ_NOTFOUND when the school has no pupils at that stage; XQ_ERR with msg. code is one
 * of the seven codes of the issue (e.g. "multimedia_per100"). */
int db_indicator_value(struct db *db, int64_t school_id, const char *date,
	const char *code, int stage, double *value, double *threshold, char *msg);
/* The seven codes, in the order. */
extern const char *const indicator_codes[7]; /* defined in core/indicators.c */

#endif
