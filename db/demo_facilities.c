/* demo_facilities.c: the demo county's facility sharing — the autumn term with the county's
 * bell times, shared rooms at each district's lead school, the term's calendar (National
 * Day week, a make-up Saturday, a school's sports day), each district's gym quota, and the
 * term's bookings by the member schools in every state: approved, requested, rejected,
 * cancelled, and one date of a series cancelled and one moved. Through the same functions as the commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/booking.h"
#include "db/demo.h"
#include "db/internal.h"
#include "db/school.h"
#include "db/timetable.h"

#define DEMO_TERM "2026-2027/1"

static int add_term(struct db *db, int64_t *term_id, char *msg)
{
	struct term t = {0};
	xq_copy(t.name, sizeof t.name, DEMO_TERM);
	xq_copy(t.first_day, sizeof t.first_day, "2026-09-01");
	xq_copy(t.last_day, sizeof t.last_day, "2027-01-22");
	t.days = 5;
	t.periods = 8;
	if (db_term_insert(db, &t, msg) != XQ_OK)
		return XQ_ERR;
	*term_id = t.id;
	static const char *const times[8][2] = {{"08:00", "08:40"}, {"08:50", "09:30"}, {"10:00", "10:40"},
		{"10:50", "11:30"}, {"14:30", "15:10"}, {"15:20", "16:00"}, {"16:10", "16:50"}, {"17:00", "17:40"}};
	for (int p = 0; p < 8; p++) {
		struct bell b = {0};
		b.term_id = t.id;
		b.period = p + 1;
		xq_copy(b.start, sizeof b.start, times[p][0]);
		xq_copy(b.end, sizeof b.end, times[p][1]);
		if (db_bell_insert(db, &b, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

static int add_calendar(struct db *db, int64_t sports_school, char *msg)
{
	static const struct {
		const char *day, *kind, *note;
		int as_weekday;
	} days[] = {
		{"2026-10-01", "holiday", "国庆节", -1}, {"2026-10-02", "holiday", "国庆节", -1},
		{"2026-10-05", "holiday", "国庆节", -1}, {"2026-10-06", "holiday", "国庆节", -1},
		{"2026-10-07", "holiday", "国庆节", -1}, {"2026-10-10", "makeup", "补10月7日", 3},
		{"2027-01-01", "holiday", "元旦", -1},
	};
	for (size_t i = 0; i < XQ_NELEM(days); i++) {
		struct cal_rec c = {0};
		xq_copy(c.day, sizeof c.day, days[i].day);
		c.kind = enum_parse(cal_kind_items, days[i].kind);
		c.as_weekday = days[i].as_weekday;
		xq_copy(c.note, sizeof c.note, days[i].note);
		if (db_cal_insert(db, &c, msg) != XQ_OK)
			return XQ_ERR;
	}
	struct cal_rec c = {0};
	xq_copy(c.day, sizeof c.day, "2026-11-06");
	c.school_id = sports_school;
	c.kind = CAL_CLOSURE;
	c.as_weekday = -1;
	xq_copy(c.note, sizeof c.note, "运动会");
	return db_cal_insert(db, &c, msg);
}

/* The lead school's shared rooms (and a classroom it keeps to itself). */
static int add_rooms(struct db *db, int64_t school_id, char *msg)
{
	static const struct {
		const char *name, *kind, *hours, *equipment;
		long capacity;
		bool shared;
	} rooms[] = {
		{"操场", "playground", "mon-fri 16:30-18:30; sat 08:00-12:00", "300米跑道、篮球场2个", 600, true},
		{"体育馆", "gym", "mon-fri 16:00-18:00; sat 08:00-12:00", "羽毛球场4片", 200, true},
		{"图书室", "library", "mon-fri 14:30-17:30", "藏书1.2万册", 60, true},
		{"计算机教室", "computer", "tue 16:20-17:40; thu 16:20-17:40", "学生机45台", 45, true},
		{"音乐室", "music", "mon-fri 16:10-17:40", "钢琴1台", 50, true},
		{"一年级1班", "classroom", "", "", 45, false},
	};
	struct school s;
	if (db_school_get(db, school_id, &s) != XQ_OK)
		return XQ_ERR;
	for (size_t i = 0; i < XQ_NELEM(rooms); i++) {
		struct room_rec r;
		memset(&r, 0, sizeof r);
		r.school_id = school_id;
		xq_copy(r.school_code, sizeof r.school_code, s.code);
		xq_copy(r.name, sizeof r.name, rooms[i].name);
		r.kind = enum_parse(room_kind_items, rooms[i].kind);
		r.capacity = rooms[i].capacity;
		r.shareable = rooms[i].shared;
		xq_copy(r.hours, sizeof r.hours, rooms[i].hours);
		xq_copy(r.equipment, sizeof r.equipment, rooms[i].equipment);
		if (db_room_insert(db, &r, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

struct ask {
	const char *room, *day, *time, *repeat, *until, *purpose;
};

/* A district's bookings: borrowers[] book the lead school's rooms. */
static int add_bookings(struct db *db, const char *lead, const char *const *borrowers, int nb, char *msg)
{
	static const struct ask asks[] = {
		{"操场", "2026-09-08", "16:30-17:30", "weekly:tue,thu", NULL, "田径队训练"},
		{"体育馆", "2026-09-09", "16:00-17:00", "biweekly:wed", NULL, "羽毛球兴趣小组"},
		{"图书室", "2026-09-18", "15:00-16:30", "", NULL, "读书分享会"},
		{"计算机教室", "2026-10-13", "16:20-17:40", "weekly:tue", "2026-12-29", "信息技术补课"},
		{"音乐室", "2026-11-12", "16:10-17:30", "weekly:thu", "2026-12-31", "合唱排练"},
		{"体育馆", "2026-12-12", "08:30-11:30", "", NULL, "篮球友谊赛"},
		{"操场", "2026-12-19", "08:00-10:00", "", NULL, "冬季长跑"},
	};
	int64_t ids[XQ_NELEM(asks)] = {0};
	for (size_t i = 0; i < XQ_NELEM(asks); i++) {
		char room[ROOM_SPEC_LEN];
		snprintf(room, sizeof room, "%s:%s", lead, asks[i].room);
		struct booking_ask a = {0, room, borrowers[i % (size_t)nb], asks[i].day, asks[i].time,
			*asks[i].repeat ? asks[i].repeat : NULL, asks[i].until, asks[i].purpose, NULL, true, false};
		struct booking_outcome o;
		int rc = db_booking_request(db, &a, &o, msg);
		ids[i] = o.id;
		booking_outcome_free(&o);
		if (rc != XQ_OK)
			return XQ_ERR;
	}
	struct booking_outcome o;
	/* approved: the playground, the computer room (with one date cancelled and one moved,
	 * which waits again) and the gym's Saturday match; requested: the gym's Wednesdays and
	 * the music room; rejected: the library */
	int rc = db_booking_approve(db, ids[0], &o, msg);
	booking_outcome_free(&o);
	if (rc == XQ_OK)
		rc = db_booking_approve(db, ids[3], &o, msg);
	booking_outcome_free(&o);
	if (rc == XQ_OK)
		rc = db_booking_approve(db, ids[5], &o, msg);
	booking_outcome_free(&o);
	if (rc == XQ_OK)
		rc = db_booking_reject(db, ids[2], "图书室当天盘点", msg);
	if (rc == XQ_OK)
		rc = db_booking_cancel(db, ids[6], NULL, "天气原因取消", msg);
	if (rc == XQ_OK)
		rc = db_booking_cancel(db, ids[3], "2026-11-03", "期中考试", msg);
	if (rc == XQ_OK)
		rc = db_booking_move(db, ids[3], "2026-11-10", "2026-11-12", NULL, &o, msg);
	booking_outcome_free(&o);
	return rc;
}

int db_demo_facilities(struct db *db, char *msg)
{
	int64_t term;
	if (add_term(db, &term, msg) != XQ_OK)
		return XQ_ERR;
	/* each district's lead school and its other current members */
	sqlite3_stmt *st = db_stmt(db, "SELECT d.id, d.lead_school_id, s.code FROM district d JOIN school s ON "
				       "s.id = d.lead_school_id ORDER BY d.id", msg);
	if (!st)
		return XQ_ERR;
	struct lead {
		int64_t district, school;
		char code[CODE_LEN];
	} *leads = NULL;
	int n = 0, cap = 0, rc = XQ_OK;
	while (sqlite3_step(st) == SQLITE_ROW) {
		leads = db_grow(leads, n, &cap, sizeof *leads);
		leads[n].district = sqlite3_column_int64(st, 0);
		leads[n].school = sqlite3_column_int64(st, 1);
		col_text(st, 2, leads[n].code, sizeof leads[n].code);
		n++;
	}
	db_done(st);
	if (n)
		rc = add_calendar(db, leads[0].school, msg);
	for (int i = 0; i < n && rc == XQ_OK; i++) {
		if ((rc = add_rooms(db, leads[i].school, msg)) != XQ_OK)
			break;
		struct quota_rec q = {0};
		q.district_id = leads[i].district;
		q.term_id = term;
		q.room_kind = enum_parse(room_kind_items, "gym");
		q.hours = 60;
		if ((rc = db_quota_set(db, &q, msg)) != XQ_OK)
			break;
		st = db_stmt(db, "SELECT s.code FROM member m JOIN school s ON s.id = m.school_id WHERE "
				 "m.district_id = ? AND m.to_date IS NULL AND m.school_id <> ? ORDER BY s.code LIMIT 3",
			msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, leads[i].district);
		sqlite3_bind_int64(st, 2, leads[i].school);
		char codes[3][CODE_LEN];
		const char *borrowers[3];
		int nb = 0;
		while (nb < 3 && sqlite3_step(st) == SQLITE_ROW) {
			col_text(st, 0, codes[nb], sizeof codes[nb]);
			borrowers[nb] = codes[nb];
			nb++;
		}
		db_done(st);
		if (nb)
			rc = add_bookings(db, leads[i].code, borrowers, nb, msg);
	}
	free(leads);
	return rc;
}
