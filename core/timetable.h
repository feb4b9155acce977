/* timetable.h: the timetable's small rules that every layer shares — a term's name
 * ("2025-2026/2"), clock times ("08:05") as minutes of the day, and the travel minutes
 * between two schools from their distance (§9: one function turns km into minutes, and the
 * timetable and the exchanges share one distance). */
#ifndef XQ_CORE_TIMETABLE_H
#define XQ_CORE_TIMETABLE_H

#include <stdbool.h>

struct conf;

/* How travel between schools is reckoned where no minutes are set for the pair. */
struct timetable_policy {
	double speed_kmh; /* average speed on the district's roads */
	double detour;	  /* road length over the straight line */
};

void timetable_policy_defaults(struct timetable_policy *p);
/* Copies the [timetable] section. Reads the struct only: conf/conf.c need not be linked. */
void timetable_policy_from_conf(const struct conf *c, struct timetable_policy *p);

/* Whether s names a term: "YYYY-YYYY/N", the second year the first plus one, N 1 to 4. */
bool term_name_ok(const char *s);
/* "HH:MM" (00:00 to 24:00) as minutes of the day; -1 when it is not one. */
int clock_parse(const char *s);
/* Minutes of the day as "HH:MM" (out holds 6 bytes). */
void clock_format(int minutes, char *out);
/* The minutes a trip of km takes: km × detour at speed_kmh, rounded up; -1 when km is
 * unknown (NAN) or negative. */
int travel_minutes(double km, const struct timetable_policy *p);

#endif
