/* booking.c: opening hours, repeat rules and occurrences of bookings (core/booking.h). */
#include "core/booking.h"

#include <ctype.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "core/util.h"

const struct enum_item cal_kind_items[] = {
	{"holiday", "节假日", "holiday"},
	{"closure", "停课", "closure"},
	{"makeup", "调休上课", "make-up day"},
	{NULL, NULL, NULL},
};
const struct enum_item booking_status_items[] = {
	{"requested", "待批准", "requested"},
	{"approved", "已批准", "approved"},
	{"rejected", "已拒绝", "rejected"},
	{"cancelled", "已取消", "cancelled"},
	{NULL, NULL, NULL},
};
const struct enum_item change_kind_items[] = {
	{"cancelled", "已取消", "cancelled"},
	{"skipped", "已跳过", "skipped"},
	{"moved", "已改期", "moved"},
	{NULL, NULL, NULL},
};

static const char *const day_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const ical_days[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

void hours_closed(struct week_hours *w)
{
	for (int i = 0; i < 7; i++)
		w->from[i] = w->to[i] = -1;
}

void hours_every_day(struct week_hours *w, int from, int to)
{
	for (int i = 0; i < 7; i++) {
		w->from[i] = (short)from;
		w->to[i] = (short)to;
	}
}

bool week_hours_of(const char *term_hours, const char *hours, const char *open_from, const char *open_to,
	struct week_hours *w)
{
	char why[XQ_MSG_MAX];
	if (term_hours && *term_hours && hours_parse(term_hours, w, why))
		return true;
	if (hours && *hours && hours_parse(hours, w, why))
		return true;
	int from = open_from && *open_from ? clock_parse(open_from) : -1;
	int to = open_to && *open_to ? clock_parse(open_to) : -1;
	if (from < 0 || to <= from)
		return false;
	hours_every_day(w, from, to);
	return true;
}

int hours_minutes(const struct week_hours *w, int weekday)
{
	if (weekday < 1 || weekday > 7 || w->from[weekday - 1] < 0)
		return 0;
	return w->to[weekday - 1] - w->from[weekday - 1];
}

/* A day named mon…sun or 1…7 at *s (advanced past it): 1 to 7, 0 when none. */
static int day_token(const char **s)
{
	const char *p = *s;
	if (*p >= '1' && *p <= '7' && !isalnum((unsigned char)p[1])) {
		*s = p + 1;
		return *p - '0';
	}
	for (int i = 0; i < 7; i++)
		if (strncasecmp(p, day_keys[i], 3) == 0 && !isalpha((unsigned char)p[3])) {
			*s = p + 3;
			return i + 1;
		}
	return 0;
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

bool hours_parse(const char *spec, struct week_hours *w, char *msg)
{
	hours_closed(w);
	bool named[7] = {false};
	const char *s = skip_space(spec);
	if (strncasecmp(s, "closed", 6) == 0 && !*skip_space(s + 6))
		return true;
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == ':') {
		/* hours alone: every day */
		char f[6], t[6];
		if (strlen(s) < 11 || s[5] != '-' || *skip_space(s + 11)) {
			xq_msg(msg, _("'%.20s' is not opening hours HH:MM-HH:MM"), s);
			return false;
		}
		memcpy(f, s, 5);
		f[5] = '\0';
		memcpy(t, s + 6, 5);
		t[5] = '\0';
		int from = clock_parse(f), to = clock_parse(t);
		if (from < 0 || to < 0 || to <= from) {
			xq_msg(msg, _("'%.11s' is not opening hours HH:MM-HH:MM, the first before the second"), s);
			return false;
		}
		hours_every_day(w, from, to);
		return true;
	}
	while (*s) {
		const char *item = s;
		int a = day_token(&s);
		if (!a) {
			xq_msg(msg, _("'%.20s' does not start with a day (mon to sun, or 1 to 7)"), item);
			return false;
		}
		int b = a;
		if (*s == '-') {
			s++;
			if (!(b = day_token(&s)) || b < a) {
				xq_msg(msg, _("'%.20s' is not a range of days such as mon-fri"), item);
				return false;
			}
		}
		s = skip_space(s);
		int from = -1, to = -1;
		if (strncasecmp(s, "closed", 6) == 0) {
			s += 6;
		} else {
			char f[6], t[6];
			if (strlen(s) < 11 || s[5] != '-') {
				xq_msg(msg, _("'%.20s' needs hours HH:MM-HH:MM or the word closed"), item);
				return false;
			}
			memcpy(f, s, 5);
			f[5] = '\0';
			memcpy(t, s + 6, 5);
			t[5] = '\0';
			from = clock_parse(f);
			to = clock_parse(t);
			if (from < 0 || to < 0 || to <= from) {
				xq_msg(msg, _("'%.11s' is not opening hours HH:MM-HH:MM, the first before the second"), s);
				return false;
			}
			s += 11;
		}
		for (int d = a; d <= b; d++) {
			if (named[d - 1]) {
				xq_msg(msg, _("%s is named twice"), day_keys[d - 1]);
				return false;
			}
			named[d - 1] = true;
			w->from[d - 1] = (short)from;
			w->to[d - 1] = (short)to;
		}
		s = skip_space(s);
		if (*s == ';' || *s == ',')
			s = skip_space(s + 1);
		else if (*s) {
			xq_msg(msg, _("'%.20s': days are separated by ';'"), s);
			return false;
		}
	}
	return true;
}

void hours_format(const struct week_hours *w, char *out, size_t size)
{
	struct strbuf b;
	sb_init(&b);
	bool same = w->from[0] >= 0;
	for (int d = 1; d < 7; d++)
		same = same && w->from[d] == w->from[0] && w->to[d] == w->to[0];
	if (same) {
		char f[6], t[6];
		clock_format(w->from[0], f);
		clock_format(w->to[0], t);
		snprintf(out, size, "%s-%s", f, t);
		sb_free(&b);
		return;
	}
	for (int d = 0; d < 7;) {
		int e = d;
		while (e + 1 < 7 && w->from[e + 1] == w->from[d] && w->to[e + 1] == w->to[d])
			e++;
		if (w->from[d] >= 0) {
			char f[6], t[6];
			clock_format(w->from[d], f);
			clock_format(w->to[d], t);
			if (b.len)
				sb_adds(&b, "; ");
			if (e > d)
				sb_printf(&b, "%s-%s %s-%s", day_keys[d], day_keys[e], f, t);
			else
				sb_printf(&b, "%s %s-%s", day_keys[d], f, t);
		}
		d = e + 1;
	}
	xq_copy(out, size, b.s ? b.s : "closed");
	sb_free(&b);
}

int weekday_of(const char *day)
{
	/* 1970-01-01 was a Thursday */
	long d = date_days(day);
	long w = ((d % 7) + 7 + 3) % 7; /* 0 Monday */
	return (int)w + 1;
}

void date_add(const char *day, long n, char out[DATE_LEN])
{
	date_from_days(date_days(day) + n, out);
}

/* "YYYYMMDD" of an ISO date */
static void ical_date(const char *day, char out[9])
{
	snprintf(out, 9, "%.4s%.2s%.2s", day, day + 5, day + 8);
}

/* The days after "weekly:" or "biweekly:" as BYDAY values; false when one is not a day. */
static bool byday(const char *s, struct strbuf *b)
{
	bool first = true;
	while (*s) {
		int d = day_token(&s);
		if (!d || (*s && *s != ','))
			return false;
		if (*s == ',')
			s++;
		sb_adds(b, first ? ";BYDAY=" : ",");
		sb_adds(b, ical_days[d - 1]);
		first = false;
	}
	return !first;
}

bool repeat_parse(const char *text, const char *until, char *rrule, size_t size, char *msg)
{
	rrule[0] = '\0';
	if (!text || !*text) {
		if (until && *until) {
			xq_msg(msg, "%s", _("--until goes with --repeat: a booking held once has no end date"));
			return false;
		}
		return true;
	}
	struct strbuf b;
	sb_init(&b);
	if (strncasecmp(text, "RRULE:", 6) == 0) {
		sb_adds(&b, text + 6);
	} else {
		const char *colon = strchr(text, ':');
		size_t n = colon ? (size_t)(colon - text) : strlen(text);
		const char *days = colon ? colon + 1 : "";
		bool ok = true;
		if (n == 5 && strncasecmp(text, "daily", 5) == 0 && !colon)
			sb_adds(&b, "FREQ=DAILY");
		else if (n == 7 && strncasecmp(text, "monthly", 7) == 0 && !colon)
			sb_adds(&b, "FREQ=MONTHLY");
		else if (n == 6 && strncasecmp(text, "weekly", 6) == 0) {
			sb_adds(&b, "FREQ=WEEKLY");
			ok = !colon || byday(days, &b);
		} else if (n == 8 && strncasecmp(text, "biweekly", 8) == 0) {
			sb_adds(&b, "FREQ=WEEKLY;INTERVAL=2");
			ok = !colon || byday(days, &b);
		} else
			ok = false;
		if (!ok) {
			xq_msg(msg, _("'%s' is not a repeat rule: weekly:tue,thu, biweekly:mon, weekly, daily, "
				      "monthly or RRULE:…"), text);
			sb_free(&b);
			return false;
		}
	}
	if (until && *until) {
		char d[9];
		ical_date(until, d);
		sb_printf(&b, ";UNTIL=%s", d);
	}
	icalerror_set_errno(ICAL_NO_ERROR);
	struct icalrecurrencetype r = icalrecurrencetype_from_string(b.s);
	bool bad = r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR;
	icalerror_set_errno(ICAL_NO_ERROR);
	if (bad) {
		xq_msg(msg, _("'%s' is not a repeat rule RFC 5545 knows"), b.s);
		sb_free(&b);
		return false;
	}
	sb_free(&b);
	if (r.freq < ICAL_DAILY_RECURRENCE) {
		xq_msg(msg, "%s", _("a booking repeats by day, week, month or year, not more often"));
		return false;
	}
	if (!icaltime_is_null_time(r.until) && r.count > 0) {
		xq_msg(msg, "%s", _("a repeat rule ends by a date or by a count, not both (--until with COUNT)"));
		return false;
	}
	if (r.interval < 1 || r.interval > 52) {
		xq_msg(msg, "%s", _("a repeat rule's INTERVAL is 1 to 52"));
		return false;
	}
	if (!icaltime_is_null_time(r.until) && !r.until.is_date) {
		xq_msg(msg, "%s", _("a repeat rule's UNTIL is a date (YYYYMMDD)"));
		return false;
	}
	char *s = icalrecurrencetype_as_string_r(&r);
	if (!s || strlen(s) >= size) {
		xq_msg(msg, "%s", _("the repeat rule is too long"));
		free(s);
		return false;
	}
	xq_copy(rrule, size, s);
	free(s);
	return true;
}

void repeat_without_end(const char *rrule, char *out, size_t size)
{
	struct icalrecurrencetype r = icalrecurrencetype_from_string(rrule);
	icalerror_set_errno(ICAL_NO_ERROR);
	r.until = icaltime_null_time();
	r.count = 0;
	char *s = r.freq == ICAL_NO_RECURRENCE ? NULL : icalrecurrencetype_as_string_r(&r);
	snprintf(out, size, "RRULE:%s", s ? s : rrule);
	free(s);
}

bool repeat_bounded(const char *rrule)
{
	if (!*rrule)
		return true;
	struct icalrecurrencetype r = icalrecurrencetype_from_string(rrule);
	icalerror_set_errno(ICAL_NO_ERROR);
	return r.count > 0 || !icaltime_is_null_time(r.until);
}

static struct icaltimetype ical_day(const char *day)
{
	char d[9];
	ical_date(day, d);
	return icaltime_from_string(d);
}

int repeat_dates(const char *first, const char *rrule, const char *last, char (*days)[DATE_LEN], int max,
	char *msg)
{
	if (!*rrule) {
		if (strcmp(first, last) > 0 || max < 1)
			return 0;
		xq_copy(days[0], DATE_LEN, first);
		return 1;
	}
	struct icalrecurrencetype r = icalrecurrencetype_from_string(rrule);
	icalrecur_iterator *it = r.freq == ICAL_NO_RECURRENCE ? NULL : icalrecur_iterator_new(r, ical_day(first));
	icalerror_set_errno(ICAL_NO_ERROR);
	if (!it) {
		xq_msg(msg, _("the repeat rule %s does not expand"), rrule);
		return -1;
	}
	int n = 0;
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t))
			break;
		char d[DATE_LEN];
		snprintf(d, sizeof d, "%04u-%02u-%02u", (unsigned)t.year % 10000u, (unsigned)t.month % 100u,
			 (unsigned)t.day % 100u);
		if (strcmp(d, last) > 0)
			break;
		if (n == max) {
			xq_msg(msg, _("the repeat rule gives more than %d dates up to %s; a booking is held at "
				      "most %d times (end it earlier with --until)"), max, last, max);
			icalrecur_iterator_free(it);
			return -1;
		}
		xq_copy(days[n++], DATE_LEN, d);
	}
	icalrecur_iterator_free(it);
	icalerror_set_errno(ICAL_NO_ERROR);
	return n;
}

const struct cal_day *cal_find(const struct cal_day *cal, int ncal, const char *day)
{
	int lo = 0, hi = ncal - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(cal[mid].day, day);
		if (c == 0)
			return &cal[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

int cal_weekday(const struct cal_day *cal, int ncal, const char *day)
{
	const struct cal_day *c = cal_find(cal, ncal, day);
	if (!c)
		return weekday_of(day);
	return c->kind == CAL_MAKEUP ? c->as_weekday : 0;
}

void cal_weekday_days(const struct cal_day *cal, int ncal, const char *from, const char *to, int days[7])
{
	memset(days, 0, 7 * sizeof *days);
	long d0 = date_days(from), d1 = date_days(to);
	if (d1 < d0)
		return;
	/* whole weeks first, then the days of the calendar in the span put right */
	long n = d1 - d0 + 1, weeks = n / 7;
	int wd0 = weekday_of(from);
	for (int k = 0; k < 7; k++)
		days[(wd0 - 1 + k) % 7] += (int)weeks + (k < n % 7);
	for (int i = 0; i < ncal; i++) {
		if (strcmp(cal[i].day, from) < 0 || strcmp(cal[i].day, to) > 0)
			continue;
		days[weekday_of(cal[i].day) - 1]--;
		if (cal[i].kind == CAL_MAKEUP && cal[i].as_weekday >= 1 && cal[i].as_weekday <= 7)
			days[cal[i].as_weekday - 1]++;
	}
}

static bool in_dates(char (*days)[DATE_LEN], int n, const char *day)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(days[mid], day);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

static int occ_cmp(const void *a, const void *b)
{
	const struct occurrence *x = a, *y = b;
	int c = strcmp(x->day, y->day);
	return c ? c : x->start - y->start;
}

int booking_expand(const char *first, const char *rrule, const char *last, int start, int end, int status,
	const struct cal_day *cal, int ncal, const struct occ_change *ch, int nch, struct occurrence **out,
	char *msg)
{
	*out = NULL;
	char(*days)[DATE_LEN] = malloc(sizeof *days * BOOKING_MAX_OCCURRENCES);
	struct occurrence *o = malloc(sizeof *o * (BOOKING_MAX_OCCURRENCES * 2 + (size_t)nch + 1));
	if (!days || !o) {
		free(days);
		free(o);
		xq_msg(msg, "%s", _("out of memory"));
		return -1;
	}
	int nd = repeat_dates(first, rrule, last, days, BOOKING_MAX_OCCURRENCES, msg);
	if (nd < 0) {
		free(days);
		free(o);
		return -1;
	}
	int n = 0;
	for (int i = 0; i < nd; i++) {
		int wd = cal_weekday(cal, ncal, days[i]);
		if (!wd)
			continue;
		struct occurrence *x = &o[n++];
		xq_copy(x->day, DATE_LEN, days[i]);
		xq_copy(x->orig, DATE_LEN, days[i]);
		x->weekday = wd;
		x->start = start;
		x->end = end;
		x->status = status;
		x->moved = false;
	}
	/* make-up days run the bookings of the weekday they stand for, in their own week */
	for (int i = 0; *rrule && i < ncal; i++) {
		const struct cal_day *c = &cal[i];
		if (c->kind != CAL_MAKEUP || strcmp(c->day, first) < 0 || strcmp(c->day, last) > 0 ||
			in_dates(days, nd, c->day))
			continue;
		char stand[DATE_LEN];
		date_add(c->day, c->as_weekday - weekday_of(c->day), stand);
		if (!in_dates(days, nd, stand) || n >= BOOKING_MAX_OCCURRENCES * 2)
			continue;
		struct occurrence *x = &o[n++];
		xq_copy(x->day, DATE_LEN, c->day);
		xq_copy(x->orig, DATE_LEN, c->day);
		x->weekday = c->as_weekday;
		x->start = start;
		x->end = end;
		x->status = status;
		x->moved = false;
	}
	free(days);
	for (int k = 0; k < nch; k++) {
		const struct occ_change *c = &ch[k];
		int at = -1;
		for (int i = 0; i < n; i++)
			if (strcmp(o[i].orig, c->day) == 0) {
				at = i;
				break;
			}
		if (c->kind != CHANGE_MOVED) {
			if (at >= 0)
				o[at] = o[--n];
			continue;
		}
		if (at < 0)
			at = n++;
		struct occurrence *x = &o[at];
		xq_copy(x->day, DATE_LEN, c->new_day);
		xq_copy(x->orig, DATE_LEN, c->day);
		x->weekday = cal_weekday(cal, ncal, c->new_day);
		if (!x->weekday)
			x->weekday = weekday_of(c->new_day);
		x->start = c->start;
		x->end = c->end;
		x->status = status == BOOKING_APPROVED || status == BOOKING_REQUESTED ? c->status : status;
		x->moved = true;
	}
	qsort(o, (size_t)n, sizeof *o, occ_cmp);
	*out = o;
	return n;
}

static struct icaltimetype ical_at(const char *day, int minutes)
{
	char d[9], t[24];
	ical_date(day, d);
	snprintf(t, sizeof t, "%sT%02d%02d00", d, (minutes / 60) % 100, minutes % 60);
	return icaltime_from_string(t);
}

char *booking_ics(const struct ics_event *ev, int n, const char *name)
{
	icalcomponent *cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
		icalproperty_new_prodid("-//xuequ//facility bookings//ZH"), icalproperty_new_calscale("GREGORIAN"),
		(void *)0);
	icalproperty *xname = icalproperty_new_x(name);
	icalproperty_set_x_name(xname, "X-WR-CALNAME");
	icalcomponent_add_property(cal, xname);
	struct icaltimetype now = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
	for (int i = 0; i < n; i++) {
		const struct ics_event *e = &ev[i];
		icalcomponent *v = icalcomponent_new_vevent();
		icalcomponent_add_property(v, icalproperty_new_uid(e->uid));
		icalcomponent_add_property(v, icalproperty_new_dtstamp(now));
		icalcomponent_add_property(v, icalproperty_new_dtstart(ical_at(e->day, e->start)));
		icalcomponent_add_property(v, icalproperty_new_dtend(ical_at(e->day, e->end)));
		icalcomponent_add_property(v, icalproperty_new_summary(e->summary));
		if (e->location[0])
			icalcomponent_add_property(v, icalproperty_new_location(e->location));
		if (e->description && *e->description)
			icalcomponent_add_property(v, icalproperty_new_description(e->description));
		icalcomponent_add_property(v, icalproperty_new_status(e->tentative ? ICAL_STATUS_TENTATIVE
										  : ICAL_STATUS_CONFIRMED));
		icalcomponent_add_component(cal, v);
	}
	char *s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	icalerror_set_errno(ICAL_NO_ERROR);
	return s;
}
