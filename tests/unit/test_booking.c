/* test_booking.c: opening hours; repeat rules as typed and raw; occurrences across a term
 * boundary with holidays and a make-up day, A/B weeks, one occurrence cancelled or moved;
 * and in a database: conflicts with lessons, bookings and hours, quotas at the exact limit,
 * the approval rules (an administrator of the requesting school cannot approve), a series
 * edit that keeps its cancelled and moved dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "core/booking.h"
#include "core/timetable.h"
#include "core/ttcheck.h"
#include "db/admin.h"
#include "db/booking.h"
#include "db/district.h"
#include "db/school.h"
#include "db/timetable.h"

#define MUST(x) assert_int_equal((x), XQ_OK)

static void test_hours(void **state)
{
	(void)state;
	struct week_hours w;
	char msg[XQ_MSG_MAX], out[HOURS_LEN];
	assert_true(hours_parse("mon-fri 16:30-18:30; sat 08:00-12:00", &w, msg));
	assert_int_equal(w.from[0], 990);
	assert_int_equal(w.to[4], 1110);
	assert_int_equal(w.from[5], 480);
	assert_int_equal(w.from[6], -1); /* Sunday not named: closed */
	assert_int_equal(hours_minutes(&w, 6), 240);
	assert_int_equal(hours_minutes(&w, 7), 0);
	hours_format(&w, out, sizeof out);
	assert_string_equal(out, "mon-fri 16:30-18:30; sat 08:00-12:00");
	assert_true(hours_parse("1 08:00-09:00, 3-4 10:00-11:00;7 closed", &w, msg));
	hours_format(&w, out, sizeof out);
	assert_string_equal(out, "mon 08:00-09:00; wed-thu 10:00-11:00");
	assert_true(hours_parse("07:30-18:00", &w, msg));
	hours_format(&w, out, sizeof out);
	assert_string_equal(out, "07:30-18:00");
	assert_true(hours_parse("closed", &w, msg));
	hours_format(&w, out, sizeof out);
	assert_string_equal(out, "closed");
	assert_false(hours_parse("mon-fri 18:00-16:00", &w, msg));
	assert_false(hours_parse("mon 08:00-09:00; mon 10:00-11:00", &w, msg));
	assert_non_null(strstr(msg, "twice"));
	assert_false(hours_parse("fri-mon 08:00-09:00", &w, msg));
	assert_false(hours_parse("funday 08:00-09:00", &w, msg));
	assert_false(hours_parse("mon 8:00-9:00", &w, msg));
	assert_false(hours_parse("mon 08:00-09:00 tue", &w, msg));
}

/* The days of each weekday over a span, counted at once, are those counted day by day under
 * random calendars of holidays, closures and make-up days. */
static void test_weekday_days(void **state)
{
	(void)state;
	unsigned seed = 7;
	for (int round = 0; round < 300; round++) {
		struct cal_day cal[12];
		int ncal = 0;
		long base = date_days("2026-08-20");
		for (long d = base; ncal < 12 && d < base + 200; d += 1 + (long)(rand_r(&seed) % 25)) {
			date_from_days(d, cal[ncal].day);
			cal[ncal].kind = (int)(rand_r(&seed) % 3);
			cal[ncal].as_weekday = cal[ncal].kind == CAL_MAKEUP ? 1 + (int)(rand_r(&seed) % 7) : 0;
			ncal++;
		}
		char from[DATE_LEN], to[DATE_LEN];
		long f = base + (long)(rand_r(&seed) % 60);
		date_from_days(f, from);
		date_from_days(f - 1 + (long)(rand_r(&seed) % 150), to);
		int days[7], want[7] = {0};
		cal_weekday_days(cal, ncal, from, to, days);
		for (long d = date_days(from); d <= date_days(to); d++) {
			char day[DATE_LEN];
			date_from_days(d, day);
			int wd = cal_weekday(cal, ncal, day);
			if (wd)
				want[wd - 1]++;
		}
		for (int k = 0; k < 7; k++)
			assert_int_equal(days[k], want[k]);
	}
	/* a room's hours: the term's, else its own, else open_from to open_to, else none */
	struct week_hours w;
	assert_true(week_hours_of("tue 09:00-10:00", "mon-fri 16:00-18:00", "08:00", "09:00", &w));
	assert_int_equal(w.from[1], 9 * 60);
	assert_int_equal(w.from[0], -1);
	assert_true(week_hours_of("", "mon-fri 16:00-18:00", "08:00", "09:00", &w));
	assert_int_equal(w.from[0], 16 * 60);
	assert_true(week_hours_of("", "", "08:00", "09:00", &w));
	assert_int_equal(w.to[6], 9 * 60);
	assert_false(week_hours_of("", "", "", "", &w));
	assert_false(week_hours_of("", "", "09:00", "08:00", &w));
}

static void test_repeat(void **state)
{
	(void)state;
	char r[RRULE_LEN], msg[XQ_MSG_MAX];
	assert_true(repeat_parse("weekly:tue,thu", "", r, sizeof r, msg));
	assert_string_equal(r, "FREQ=WEEKLY;BYDAY=TU,TH");
	assert_false(repeat_bounded(r));
	assert_true(repeat_parse("biweekly:mon", "2026-06-30", r, sizeof r, msg));
	assert_string_equal(r, "FREQ=WEEKLY;UNTIL=20260630;INTERVAL=2;BYDAY=MO");
	assert_true(repeat_bounded(r));
	assert_true(repeat_parse("RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=FR", "", r, sizeof r, msg));
	assert_true(repeat_bounded(r));
	assert_true(repeat_parse("", "", r, sizeof r, msg));
	assert_string_equal(r, "");
	assert_false(repeat_parse("", "2026-06-30", r, sizeof r, msg)); /* once, with an end */
	assert_false(repeat_parse("weekly:someday", "", r, sizeof r, msg));
	assert_false(repeat_parse("hourly", "", r, sizeof r, msg));
	assert_false(repeat_parse("RRULE:FREQ=HOURLY", "", r, sizeof r, msg));
	assert_non_null(strstr(msg, "day, week, month or year"));
	assert_false(repeat_parse("RRULE:NONSENSE", "", r, sizeof r, msg));
	assert_false(repeat_parse("RRULE:FREQ=WEEKLY;COUNT=3", "2026-06-30", r, sizeof r, msg));
	char plain[RRULE_LEN + 8];
	repeat_without_end("FREQ=WEEKLY;UNTIL=20260630;BYDAY=MO", plain, sizeof plain);
	assert_string_equal(plain, "RRULE:FREQ=WEEKLY;BYDAY=MO");
	assert_int_equal(weekday_of("2026-03-02"), 1);
	assert_int_equal(weekday_of("2026-03-08"), 7);
	assert_int_equal(weekday_of("1970-01-01"), 4);
}

/* The days of n occurrences joined by spaces. */
static void days_of(const struct occurrence *o, int n, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t at = strlen(out);
		snprintf(out + at, size - at, "%s%s", i ? " " : "", o[i].day);
	}
}

/* A weekly Monday booking from the last weeks of one term over the summer into the next:
 * a holiday drops a Monday, a Saturday make-up day running Monday takes one, a holiday in
 * the next term drops another. */
static void test_expand_calendar(void **state)
{
	(void)state;
	struct cal_day cal[] = {
		{"2026-07-04", CAL_MAKEUP, 1},	/* Saturday, runs as Monday (its own week's Monday: 06-29) */
		{"2026-07-06", CAL_HOLIDAY, 0},
		{"2026-07-11", CAL_MAKEUP, 3},	/* runs as Wednesday: the booking has none */
		{"2026-09-07", CAL_CLOSURE, 0},
	};
	char r[RRULE_LEN], msg[XQ_MSG_MAX], got[512];
	assert_true(repeat_parse("weekly:mon", "2026-09-14", r, sizeof r, msg));
	struct occurrence *o;
	int n = booking_expand("2026-06-22", r, "2026-09-14", 960, 1020, BOOKING_APPROVED, cal, 4, NULL, 0, &o, msg);
	days_of(o, n, got, sizeof got);
	assert_string_equal(got, "2026-06-22 2026-06-29 2026-07-04 2026-07-13 2026-07-20 2026-07-27 2026-08-03 "
				 "2026-08-10 2026-08-17 2026-08-24 2026-08-31 2026-09-14");
	assert_int_equal(o[2].weekday, 1); /* the make-up Saturday runs as Monday */
	assert_int_equal(o[2].start, 960);
	free(o);
	/* once, on a holiday: nothing */
	n = booking_expand("2026-07-06", "", "2026-07-06", 960, 1020, BOOKING_REQUESTED, cal, 4, NULL, 0, &o, msg);
	assert_int_equal(n, 0);
	free(o);
}

/* Every other week (A/B weeks) on two days; then one date cancelled and one moved. */
static void test_ab_weeks_and_changes(void **state)
{
	(void)state;
	char r[RRULE_LEN], msg[XQ_MSG_MAX], got[512];
	assert_true(repeat_parse("biweekly:mon,thu", "2026-03-31", r, sizeof r, msg));
	struct occurrence *o;
	int n = booking_expand("2026-03-02", r, "2026-03-31", 600, 660, BOOKING_APPROVED, NULL, 0, NULL, 0, &o, msg);
	days_of(o, n, got, sizeof got);
	assert_string_equal(got, "2026-03-02 2026-03-05 2026-03-16 2026-03-19 2026-03-30");
	free(o);
	struct occ_change ch[] = {
		{"2026-03-05", CHANGE_CANCELLED, "", 0, 0, 0},
		{"2026-03-16", CHANGE_MOVED, "2026-03-17", 840, 900, BOOKING_REQUESTED},
		{"2026-03-19", CHANGE_SKIPPED, "", 0, 0, 0},
	};
	n = booking_expand("2026-03-02", r, "2026-03-31", 600, 660, BOOKING_APPROVED, NULL, 0, ch, 3, &o, msg);
	days_of(o, n, got, sizeof got);
	assert_string_equal(got, "2026-03-02 2026-03-17 2026-03-30");
	assert_true(o[1].moved);
	assert_string_equal(o[1].orig, "2026-03-16");
	assert_int_equal(o[1].start, 840);
	assert_int_equal(o[1].status, BOOKING_REQUESTED); /* the moved date waits for approval */
	assert_int_equal(o[0].status, BOOKING_APPROVED);
	free(o);
	/* a rule that would pass the limit of occurrences is refused */
	assert_true(repeat_parse("daily", "", r, sizeof r, msg));
	n = booking_expand("2026-01-01", r, "2029-12-31", 600, 660, BOOKING_REQUESTED, NULL, 0, NULL, 0, &o, msg);
	assert_int_equal(n, -1);
	assert_non_null(strstr(msg, "at most"));
}


/* The calendar file parses back with libical: one VEVENT per event, its times, its status,
 * and no error property libical's restriction check would add. */
static void test_ics(void **state)
{
	(void)state;
	struct ics_event ev[2] = {
		{"booking-1-2026-03-03@xuequ", "2026-03-03", 990, 1050, "第二小学 篮球训练", "第一小学 体育馆", NULL, false},
		{"booking-2-2026-03-07@xuequ", "2026-03-07", 480, 600, "第二小学, \"排练\"; 合唱", "", "a; b, c", true},
	};
	char *text = booking_ics(ev, 2, "第一小学 体育馆");
	assert_non_null(text);
	assert_non_null(strstr(text, "\r\n"));
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	struct icaltimetype t = icalcomponent_get_dtstart(v);
	assert_int_equal(t.year, 2026);
	assert_int_equal(t.month, 3);
	assert_int_equal(t.day, 3);
	assert_int_equal(t.hour * 60 + t.minute, 990);
	assert_string_equal(icalcomponent_get_uid(v), "booking-1-2026-03-03@xuequ");
	assert_int_equal(icalcomponent_get_status(v), ICAL_STATUS_CONFIRMED);
	v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(v), "第二小学, \"排练\"; 合唱");
	assert_int_equal(icalcomponent_get_status(v), ICAL_STATUS_TENTATIVE);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	icalcomponent_free(cal);
	free(text);
}

static char dir[] = "/tmp/xq-booking-XXXXXX";

static int64_t school(struct db *db, const char *code, const char *name)
{
	char msg[XQ_MSG_MAX];
	struct school s;
	school_init(&s);
	xq_copy(s.code, sizeof s.code, code);
	xq_copy(s.name, sizeof s.name, name);
	s.level = LEVEL_PRIMARY;
	s.location = LOC_RURAL;
	MUST(db_school_insert(db, &s, msg));
	return s.id;
}

static void member(struct db *db, int64_t district, int64_t school_id)
{
	char msg[XQ_MSG_MAX];
	struct member m = {0};
	m.district_id = district;
	m.school_id = school_id;
	m.role = 1;
	xq_copy(m.from_date, sizeof m.from_date, "2020-09-01");
	MUST(db_member_add(db, &m, msg));
}

static void set_role(struct db *db, int role, int64_t school_id)
{
	char msg[XQ_MSG_MAX];
	struct operator op = {0};
	xq_copy(op.login, sizeof op.login, db_operator(db)->login);
	op.role = role;
	op.school_id = school_id;
	MUST(db_operator_set(db, &op, msg));
}

/* Two schools of one district and a third outside it; a shared gym at the first, open
 * weekdays 16:00-18:00; a term. */
struct county {
	struct db *db;
	int64_t owner, borrower, outsider, district, term;
	struct room_rec gym;
};

static void county(struct county *c, const char *name)
{
	char path[400], msg[XQ_MSG_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	MUST(db_open(path, DB_CREATE, 1000, &c->db, msg));
	MUST(db_operator_bootstrap(c->db, msg));
	c->owner = school(c->db, "4500000001", "第一小学");
	c->borrower = school(c->db, "4500000002", "第二小学");
	c->outsider = school(c->db, "4500000003", "第三小学");
	struct district d = {0};
	xq_copy(d.name, sizeof d.name, "一学区");
	d.form = FORM_GROUP;
	d.lead_school_id = c->owner;
	xq_copy(d.established_on, sizeof d.established_on, "2020-09-01");
	MUST(db_district_insert(c->db, &d, msg));
	c->district = d.id;
	member(c->db, d.id, c->borrower); /* the lead school is a member already */
	struct term t = {0};
	xq_copy(t.name, sizeof t.name, "2025-2026/2");
	xq_copy(t.first_day, sizeof t.first_day, "2026-03-02");
	xq_copy(t.last_day, sizeof t.last_day, "2026-07-10");
	t.days = 5;
	t.periods = 8;
	MUST(db_term_insert(c->db, &t, msg));
	c->term = t.id;
	memset(&c->gym, 0, sizeof c->gym);
	c->gym.school_id = c->owner;
	xq_copy(c->gym.name, sizeof c->gym.name, "体育馆");
	c->gym.kind = 3; /* gym */
	c->gym.capacity = -1;
	c->gym.shareable = true;
	xq_copy(c->gym.hours, sizeof c->gym.hours, "mon-fri 16:00-18:00");
	MUST(db_room_insert(c->db, &c->gym, msg));
}

static int64_t request(struct county *c, const char *school_code, const char *day, const char *time,
	const char *repeat, const char *until, bool skip, struct booking_outcome *o, char *msg)
{
	struct booking_ask a = {0, "4500000001:体育馆", school_code, day, time, repeat, until, "训练", NULL, skip, false};
	if (db_booking_request(c->db, &a, o, msg) != XQ_OK)
		return 0;
	return o->id;
}

static void test_conflicts_and_approval(void **state)
{
	(void)state;
	struct county c;
	county(&c, "approve.db");
	char msg[XQ_MSG_MAX];
	struct booking_outcome o;
	/* Tuesdays 16:30-17:30 from 03-03 to 03-31: five dates */
	int64_t id = request(&c, "4500000002", "2026-03-03", "16:30-17:30", "weekly:tue", "2026-03-31", false, &o, msg);
	assert_true(id > 0);
	assert_int_equal(o.occurrences, 5);
	booking_outcome_free(&o);
	/* the owner cannot book its own room; the outsider is in no district with it */
	assert_int_equal(request(&c, "4500000001", "2026-03-04", "16:00-17:00", NULL, NULL, false, &o, msg), 0);
	booking_outcome_free(&o);
	assert_int_equal(request(&c, "4500000003", "2026-03-04", "16:00-17:00", NULL, NULL, false, &o, msg), 0);
	assert_non_null(strstr(msg, "no district"));
	booking_outcome_free(&o);
	/* a half hour that overlaps one of them, on a Saturday (closed), before opening */
	assert_int_equal(request(&c, "4500000002", "2026-03-10", "17:00-18:00", NULL, NULL, false, &o, msg), 0);
	assert_non_null(strstr(msg, "booked by"));
	booking_outcome_free(&o);
	assert_int_equal(request(&c, "4500000002", "2026-03-07", "16:00-17:00", NULL, NULL, false, &o, msg), 0);
	assert_non_null(strstr(msg, "closed"));
	booking_outcome_free(&o);
	assert_int_equal(request(&c, "4500000002", "2026-03-04", "15:30-16:30", NULL, NULL, false, &o, msg), 0);
	assert_non_null(strstr(msg, "open only 16:00-18:00"));
	booking_outcome_free(&o);
	/* exactly after it ends: free */
	int64_t after = request(&c, "4500000002", "2026-03-10", "17:30-18:00", NULL, NULL, false, &o, msg);
	assert_true(after > 0);
	booking_outcome_free(&o);
	/* a weekly series over them: the conflicting Tuesdays listed, none booked; then skipped */
	assert_int_equal(request(&c, "4500000002", "2026-03-03", "17:00-18:00", "weekly:tue,wed", "2026-03-18", false, &o,
				 msg), 0);
	assert_int_equal(o.nconflicts, 3); /* 03-03, 03-10, 03-17 */
	assert_string_equal(o.conflicts[0].day, "2026-03-03");
	booking_outcome_free(&o);
	int64_t skipped = request(&c, "4500000002", "2026-03-03", "17:00-18:00", "weekly:tue,wed", "2026-03-18", true,
		&o, msg);
	assert_true(skipped > 0);
	assert_int_equal(o.occurrences, 3); /* the Wednesdays */
	assert_int_equal(o.nconflicts, 3);
	booking_outcome_free(&o);

	/* an administrator acting for the requesting school cannot approve its request */
	struct operator other = {0};
	xq_copy(other.login, sizeof other.login, "other-admin");
	other.role = OPROLE_ADMIN;
	MUST(db_operator_set(c.db, &other, msg));
	set_role(c.db, OPROLE_ADMIN, c.borrower);
	assert_int_equal(db_booking_approve(c.db, id, &o, msg), XQ_ERR);
	assert_non_null(strstr(msg, "permission denied"));
	booking_outcome_free(&o);
	assert_int_equal(db_booking_reject(c.db, id, "no", msg), XQ_ERR);
	/* the district's administrator, above the room's school, can */
	struct operator above = {0};
	xq_copy(above.login, sizeof above.login, db_operator(c.db)->login);
	above.role = OPROLE_DISTRICT_ADMIN;
	above.district_id = c.district;
	MUST(db_operator_set(c.db, &above, msg));
	MUST(db_booking_approve(c.db, id, &o, msg));
	assert_int_equal(o.occurrences, 5);
	booking_outcome_free(&o);
	struct booking_rec b;
	MUST(db_booking_get(c.db, id, &b, msg));
	assert_int_equal(b.status, BOOKING_APPROVED);
	assert_string_equal(b.decided_by, db_operator(c.db)->login);
	/* one date moved: requested again, the rest stays approved */
	struct booking_outcome mv;
	MUST(db_booking_move(c.db, id, "2026-03-24", "2026-03-26", NULL, &mv, msg));
	assert_true(mv.back_to_requested);
	booking_outcome_free(&mv);
	/* a series edit (a later end) puts the approved booking back to requested */
	struct booking_ask e = {id, NULL, NULL, NULL, NULL, NULL, "2026-04-14", NULL, NULL, false, false};
	MUST(db_booking_edit(c.db, &e, &o, msg));
	assert_true(o.back_to_requested);
	booking_outcome_free(&o);
	MUST(db_booking_get(c.db, id, &b, msg));
	assert_int_equal(b.status, BOOKING_REQUESTED);
	assert_string_equal(b.last_day, "2026-04-14");
	/* rejected, it is no longer changed */
	MUST(db_booking_reject(c.db, id, "场地维修", msg));
	assert_int_equal(db_booking_cancel(c.db, id, NULL, NULL, msg), XQ_ERR);
	db_close(c.db);
}

struct collect {
	char days[1024];
};

static int collect_day(void *ctx, const void *rec)
{
	struct collect *c = ctx;
	const struct booking_occ *bo = rec;
	size_t at = strlen(c->days);
	snprintf(c->days + at, sizeof c->days - at, "%s%s", at ? " " : "", bo->o->day);
	return XQ_OK;
}

static void test_series_edit_keeps_changes(void **state)
{
	(void)state;
	struct county c;
	county(&c, "edit.db");
	char msg[XQ_MSG_MAX];
	struct booking_outcome o;
	int64_t id = request(&c, "4500000002", "2026-03-03", "16:30-17:30", "weekly:tue", "2026-03-24", false, &o, msg);
	assert_true(id > 0);
	booking_outcome_free(&o);
	MUST(db_booking_cancel(c.db, id, "2026-03-10", NULL, msg));
	MUST(db_booking_move(c.db, id, "2026-03-17", "2026-03-19", "17:00-18:00", &o, msg));
	booking_outcome_free(&o);
	struct booking_ask e = {id, NULL, NULL, NULL, "16:00-17:00", NULL, "2026-04-07", NULL, NULL, false, false};
	MUST(db_booking_edit(c.db, &e, &o, msg));
	booking_outcome_free(&o);
	struct booking_query q = {0, 0, 0, "", "", -1};
	struct collect col = {""};
	MUST(db_booking_each(c.db, &q, collect_day, &col));
	/* 03-10 stays cancelled, 03-17 stays moved to 03-19, the new end adds two Tuesdays */
	assert_string_equal(col.days, "2026-03-03 2026-03-19 2026-03-24 2026-03-31 2026-04-07");
	/* cancelling a date that is not one of it */
	assert_int_equal(db_booking_cancel(c.db, id, "2026-03-11", NULL, msg), XQ_ERR);
	assert_non_null(strstr(msg, "no occurrence on 2026-03-11"));
	db_close(c.db);
}

static void test_quota_exact(void **state)
{
	(void)state;
	struct county c;
	county(&c, "quota.db");
	char msg[XQ_MSG_MAX];
	struct quota_rec q = {0};
	q.district_id = c.district;
	q.term_id = c.term;
	q.room_kind = c.gym.kind;
	q.hours = 3;
	MUST(db_quota_set(c.db, &q, msg));
	struct booking_outcome o;
	/* two hours, then one more: exactly the quota */
	assert_true(request(&c, "4500000002", "2026-03-03", "16:00-18:00", NULL, NULL, false, &o, msg) > 0);
	booking_outcome_free(&o);
	assert_true(request(&c, "4500000002", "2026-03-04", "16:00-17:00", NULL, NULL, false, &o, msg) > 0);
	booking_outcome_free(&o);
	assert_true(db_quota_held(c.db, c.borrower, c.term, c.gym.kind) == 3.0);
	/* half an hour more is over it, and the refusal says how much is left */
	assert_int_equal(request(&c, "4500000002", "2026-03-05", "16:00-16:30", NULL, NULL, false, &o, msg), 0);
	assert_non_null(strstr(msg, "0.0 h left"));
	booking_outcome_free(&o);
	/* a cancelled booking no longer counts */
	MUST(db_booking_cancel(c.db, 2, NULL, NULL, msg));
	assert_true(request(&c, "4500000002", "2026-03-05", "16:00-16:30", NULL, NULL, false, &o, msg) > 0);
	booking_outcome_free(&o);
	db_close(c.db);
}


/* §9: an approved booking keeps its room from the timetable on its weekday, in the periods
 * its clock times overlap (a requested one does not yet). */
static void test_booking_blocks_timetable(void **state)
{
	(void)state;
	struct county c;
	county(&c, "blocks.db");
	char msg[XQ_MSG_MAX];
	static const char *const times[3][2] = {{"15:00", "15:40"}, {"15:50", "16:30"}, {"16:40", "17:20"}};
	for (int p = 0; p < 3; p++) {
		struct bell b = {0};
		b.term_id = c.term;
		b.period = p + 1;
		xq_copy(b.start, sizeof b.start, times[p][0]);
		xq_copy(b.end, sizeof b.end, times[p][1]);
		MUST(db_bell_insert(c.db, &b, msg));
	}
	struct tclass k = {0};
	k.term_id = c.term;
	k.school_id = c.owner;
	xq_copy(k.grade, sizeof k.grade, "3");
	xq_copy(k.name, sizeof k.name, "三年级1班");
	k.students = -1;
	MUST(db_class_insert(c.db, &k, msg));
	struct booking_outcome o;
	/* Wednesdays 16:30-17:00: the end of period 2 is 16:30 (no overlap), period 3 overlaps */
	int64_t id = request(&c, "4500000002", "2026-03-04", "16:30-17:00", "weekly:wed", "2026-03-25", false, &o, msg);
	assert_true(id > 0);
	booking_outcome_free(&o);
	struct tt_model m;
	MUST(db_tt_load(c.db, c.term, &m, msg));
	int gym = -1;
	for (int r = 0; r < m.nrooms; r++)
		if (strcmp(m.rooms[r].name, "体育馆") == 0)
			gym = r;
	assert_true(gym >= 0);
	int S = m.days * m.periods, wed = 2;
	for (int p = 0; p < m.periods; p++)
		assert_int_equal(m.unav_room[gym * S + wed * m.periods + p], 0); /* requested only */
	tt_model_free(&m);
	MUST(db_booking_approve(c.db, id, &o, msg));
	booking_outcome_free(&o);
	MUST(db_tt_load(c.db, c.term, &m, msg));
	assert_int_equal(m.unav_room[gym * S + wed * m.periods + 0], 0);
	assert_int_equal(m.unav_room[gym * S + wed * m.periods + 1], 0);
	assert_int_equal(m.unav_room[gym * S + wed * m.periods + 2], 1);
	assert_int_equal(m.unav_room[gym * S + 1 * m.periods + 2], 0); /* not on Tuesdays */
	tt_model_free(&m);
	db_close(c.db);
}

static int setup(void **state)
{
	(void)state;
	setenv("XUEQU_TODAY", "2026-03-01", 1);
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_weekday_days),
		cmocka_unit_test(test_repeat),
		cmocka_unit_test(test_expand_calendar),
		cmocka_unit_test(test_ab_weeks_and_changes),
		cmocka_unit_test(test_ics),
		cmocka_unit_test(test_conflicts_and_approval),
		cmocka_unit_test(test_series_edit_keeps_changes),
		cmocka_unit_test(test_quota_exact),
		cmocka_unit_test(test_booking_blocks_timetable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
