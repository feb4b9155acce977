/* fet.h: writing a term's timetable as a FET 6 file (FET is the open-source school
 * timetabler; fet-cl its command-line program), for use in FET and to let fet-cl confirm a
 * timetable: with locked, every placed lesson is fixed at its time and room. */
#ifndef XQ_CORE_FET_H
#define XQ_CORE_FET_H

#include <stdbool.h>

#include "core/ttcheck.h"

int fet_write(const struct tt_model *m, const char *institution, bool locked, const char *path, char *msg);

#endif
