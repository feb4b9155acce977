/* booking.h: facility sharing's rules of time (§9): a room's opening hours over the week, a
 * booking's repeat rule (RFC 5545, expanded by libical) and the days a booking falls on once
 * the calendar (holidays, closures, make-up days 调休) and its own changes are applied. No
 * SQL: db/booking.c reads the rows and hands them here. */
#ifndef XQ_CORE_BOOKING_H
#define XQ_CORE_BOOKING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/types.h"

/* The most occurrences one booking may have (a school year of daily use is 366). */
#define BOOKING_MAX_OCCURRENCES 800
#define HOURS_LEN 160
#define RRULE_LEN 256

/* Opening hours over the week: minutes of the day, [0] Monday … [6] Sunday; from < 0 when
 * closed that day. */
struct week_hours {
	short from[7], to[7];
};

void hours_closed(struct week_hours *w);
void hours_every_day(struct week_hours *w, int from, int to);
/* "mon-fri 16:30-18:30; sat 08:00-12:00; sun closed": days by English name or 1 to 7, a
 * range of days or one; days not named are closed; "closed" alone, or hours alone, for every
 * day. false with "why" in msg. */
bool hours_parse(const char *spec, struct week_hours *w, char *msg);
/* A room's hours in a term: its hours for the term, else its own hours, else open_from to
 * open_to every day (each "" when not set); false when none of them says. */
bool week_hours_of(const char *term_hours, const char *hours, const char *open_from, const char *open_to,
	struct week_hours *w);
/* The canonical spec (days of equal hours joined in ranges; hours alone when every day has
 * them; "closed" when closed all week). */
void hours_format(const struct week_hours *w, char *out, size_t size);
/* The open minutes of a weekday (1 to 7). */
int hours_minutes(const struct week_hours *w, int weekday);

/* The ISO weekday of a valid date: 1 Monday … 7 Sunday. */
int weekday_of(const char *day);
/* The date n days after day (n may be negative). */
void date_add(const char *day, long n, char out[DATE_LEN]);

/* A repeat rule as typed (weekly:tue,thu, biweekly:mon, daily, weekly, monthly, or a raw
 * RRULE:…) with an --until date (or "") into the RFC 5545 RRULE value that is stored
 * ("" for a booking held once, which takes no --until). false with "why" in msg. */
bool repeat_parse(const char *text, const char *until, char *rrule, size_t size, char *msg);
/* The rule without its UNTIL or COUNT, as "RRULE:…" that repeat_parse reads again. */
void repeat_without_end(const char *rrule, char *out, size_t size);
/* Whether rule ends by itself (UNTIL or COUNT). */
bool repeat_bounded(const char *rrule);

enum cal_kind { CAL_HOLIDAY, CAL_CLOSURE, CAL_MAKEUP };
extern const struct enum_item cal_kind_items[];
/* One day of a school's calendar: sorted by day, one per day (the school's own row before
 * the county's when both say something of a day). */
struct cal_day {
	char day[DATE_LEN];
	int kind;	/* enum cal_kind */
	int as_weekday; /* a make-up day runs this weekday's timetable and bookings */
};
/* What a calendar day means for a date: NULL for an ordinary day. */
const struct cal_day *cal_find(const struct cal_day *cal, int ncal, const char *day);
/* The weekday whose timetable a date runs (a make-up day's as_weekday), 0 for a holiday or
 * closure. */
int cal_weekday(const struct cal_day *cal, int ncal, const char *day);
/* The days from..to that run each weekday under the calendar (sorted by day): days[0] the
 * Mondays, make-up days counted as the weekday they run, holidays and closures not at all. */
void cal_weekday_days(const struct cal_day *cal, int ncal, const char *from, const char *to, int days[7]);

enum booking_status { BOOKING_REQUESTED, BOOKING_APPROVED, BOOKING_REJECTED, BOOKING_CANCELLED };
extern const struct enum_item booking_status_items[];
enum change_kind { CHANGE_CANCELLED, CHANGE_SKIPPED, CHANGE_MOVED };
extern const struct enum_item change_kind_items[];

/* A change of one occurrence, known by the date the series gave it (day): cancelled,
 * skipped when it was booked (a conflict), or moved to new_day start–end with a status of
 * its own. */
struct occ_change {
	char day[DATE_LEN];
	int kind; /* enum change_kind */
	char new_day[DATE_LEN];
	int start, end;
	int status;
};

struct occurrence {
	char day[DATE_LEN];
	char orig[DATE_LEN]; /* the series' date of it (differs when moved) */
	int weekday;	     /* the weekday it runs as: a make-up day's as_weekday */
	int start, end;	     /* minutes */
	int status;
	bool moved;
};

/* The dates rrule gives from first (its DTSTART) to last, in order, into days (at most
 * max); their number, or -1 with msg when the rule does not expand. "" rrule: first. */
int repeat_dates(const char *first, const char *rrule, const char *last, char (*days)[DATE_LEN], int max,
	char *msg);

/* The occurrences of a booking held start–end (minutes) from first to last under rrule:
 * the rule's dates less the calendar's holidays and closures, with the make-up days that
 * run a weekday the rule falls on in their own week; then its changes: cancelled and skipped
 * dates dropped, moved ones at their new time. Sorted by day and start; *out is malloc'd.
 * -1 with msg on a rule that does not expand, else the count. */
int booking_expand(const char *first, const char *rrule, const char *last, int start, int end, int status,
	const struct cal_day *cal, int ncal, const struct occ_change *ch, int nch, struct occurrence **out,
	char *msg);

/* One event of an iCalendar file. */
struct ics_event {
	char uid[96];
	char day[DATE_LEN];
	int start, end;
	char summary[NAME_LEN + TEXT_LEN + 2], location[2 * NAME_LEN + CODE_LEN + 4];
	const char *description;
	bool tentative; /* requested, not yet approved */
};
/* A VCALENDAR (RFC 5545, made and written by libical) of the events, malloc'd. */
char *booking_ics(const struct ics_event *ev, int n, const char *name);

/* Whether [a0, a1) and [b0, b1) overlap. */
static inline bool spans_overlap(int a0, int a1, int b0, int b1)
{
	return a0 < b1 && b0 < a1;
}

#endif
