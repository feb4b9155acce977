/* validate.h: the rules a record must keep before it is written, with messages that name
 * the field. Each returns NULL when the record is valid, else the failing field's key
 * (the CSV column name) with msg saying what is wrong. */
#ifndef XQ_VALIDATE_H
#define XQ_VALIDATE_H

#include "core/types.h"
#include "core/util.h"

const char *school_validate(const struct school *s, char *msg);
const char *district_validate(const struct district *d, char *msg);
const char *member_validate(const struct member *m, char *msg);
const char *agreement_validate(const struct agreement *a, char *msg);
const char *activity_validate(const struct activity *a, char *msg);
/* An activity dated within its agreement's term (from start, to end when it has one):
 * NULL, or "date" with msg saying so. */
const char *activity_in_agreement(const struct activity *act, const struct agreement *a, char *msg);
const char *teacher_validate(const struct teacher *t, char *msg);
const char *exemption_validate(const struct exemption *e, char *msg);

/* A national school code: exactly 10 digits. */
bool school_code_valid(const char *code);

#endif
