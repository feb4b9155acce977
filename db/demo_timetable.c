/* demo_timetable.c: the demo county's timetables for the autumn term, in one district: the
 * lead school and two village schools with bell times of their own (a later start, a long
 * noon), their classes, home rooms, playgrounds and music rooms; the lead school's music and
 * PE teachers teach at a village school too (itinerant exchanges, 走教; the music teacher
 * changes school at most once a day, the PE teacher twice); every course placed by the solver, which keeps clear of the lead school's
 * booked rooms. Through the same functions as the commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/exchange.h"
#include "core/ttsolve.h"
#include "db/demo.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/room.h"
#include "db/school.h"
#include "db/teacher.h"
#include "db/timetable.h"

#define DEMO_TERM "2026-2027/1"

struct dschool {
	int64_t id;
	char code[CODE_LEN];
	char staff[4][STAFFNO_LEN]; /* its own teachers for 语文, 数学, 英语 and a spare */
	int nstaff;
};

static int school_of(struct db *db, int64_t id, struct dschool *s, char *msg)
{
	struct school sc;
	if (db_school_get(db, id, &sc) != XQ_OK) {
		xq_msg(msg, "%s", "demo: a school is missing");
		return XQ_ERR;
	}
	s->id = id;
	xq_copy(s->code, sizeof s->code, sc.code);
	/* teachers not on an exchange this year */
	sqlite3_stmt *st = db_stmt(db, "SELECT staff_no FROM teacher WHERE school_id = ? AND id NOT IN (SELECT "
				       "teacher_id FROM exchange WHERE year = '2026-2027') ORDER BY staff_no LIMIT 4", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	s->nstaff = 0;
	while (s->nstaff < 4 && sqlite3_step(st) == SQLITE_ROW) {
		col_text(st, 0, s->staff[s->nstaff], sizeof s->staff[0]);
		s->nstaff++;
	}
	db_done(st);
	if (s->nstaff < 4) {
		xq_msg(msg, "%s", "demo: a school has too few teachers for its timetable");
		return XQ_ERR;
	}
	return XQ_OK;
}

static int bells(struct db *db, int64_t term, int64_t school_id, const char *const (*times)[2], char *msg)
{
	for (int p = 0; p < 8; p++) {
		struct bell b = {0};
		b.term_id = term;
		b.school_id = school_id;
		b.period = p + 1;
		xq_copy(b.start, sizeof b.start, times[p][0]);
		xq_copy(b.end, sizeof b.end, times[p][1]);
		if (db_bell_insert(db, &b, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

static int room(struct db *db, const struct dschool *s, const char *name, const char *kind, long capacity, char *msg)
{
	struct room_rec r;
	if (db_room_find(db, s->id, name, &r) == XQ_OK)
		return XQ_OK; /* the facilities made it */
	memset(&r, 0, sizeof r);
	r.school_id = s->id;
	xq_copy(r.school_code, sizeof r.school_code, s->code);
	xq_copy(r.name, sizeof r.name, name);
	r.kind = enum_parse(room_kind_items, kind);
	r.capacity = capacity;
	return db_room_insert(db, &r, msg);
}

/* The itinerant exchange of the lead school's teacher to a village school, approved. */
static int itinerant(struct db *db, const char *staff_no, const struct dschool *from, const struct dschool *to,
	char *msg)
{
	struct teacher t;
	if (db_teacher_by_staff_no(db, staff_no, &t) != XQ_OK)
		return XQ_ERR;
	struct exchange e;
	exchange_init(&e);
	e.teacher_id = t.id;
	e.from_school_id = from->id;
	e.to_school_id = to->id;
	e.kind = enum_parse(exchange_kind_items, "itinerant");
	e.reason = enum_parse(exchange_reason_items, "voluntary");
	xq_copy(e.year, sizeof e.year, "2026-2027");
	xq_copy(e.start_date, sizeof e.start_date, "2026-09-01");
	xq_copy(e.end_date, sizeof e.end_date, "2027-01-22");
	e.week_share = 0.3;
	struct exchange_policy p;
	exchange_policy_defaults(&p);
	if (db_exchange_insert(db, &e, &p, msg) != XQ_OK)
		return XQ_ERR;
	return db_exchange_act(db, e.id, 0, "approve", -1, msg);
}

static int course(struct db *db, int64_t term, long number, const struct dschool *s, const char *subject,
	const char *cls, const char *teacher, long lessons, const char *rooms, char *msg)
{
	struct course_rec c;
	memset(&c, 0, sizeof c);
	c.term_id = term;
	xq_copy(c.term, sizeof c.term, DEMO_TERM);
	c.number = number;
	c.school_id = s->id;
	xq_copy(c.school_code, sizeof c.school_code, s->code);
	xq_copy(c.subject, sizeof c.subject, subject);
	xq_copy(c.students, sizeof c.students, cls);
	xq_copy(c.teachers, sizeof c.teachers, teacher);
	c.lessons = lessons;
	c.length = 1;
	c.different_days = lessons <= 5;
	xq_copy(c.rooms, sizeof c.rooms, rooms);
	c.room_kind = -1;
	return db_course_insert(db, &c, msg);
}

int db_demo_timetable(struct db *db, char *msg)
{
	struct term t;
	if (db_term_find(db, DEMO_TERM, &t) != XQ_OK) {
		xq_msg(msg, "%s", "demo: the term is missing");
		return XQ_ERR;
	}
	/* the first district with two village members beside its lead school */
	sqlite3_stmt *st = db_stmt(db, "SELECT d.lead_school_id, (SELECT group_concat(school_id) FROM (SELECT "
				       "m.school_id FROM member m JOIN school s ON s.id = m.school_id WHERE m.district_id = "
				       "d.id AND m.to_date IS NULL AND m.school_id <> d.lead_school_id AND s.location = "
				       "'rural' AND (SELECT count(*) FROM teacher WHERE school_id = s.id) >= 8 ORDER BY "
				       "s.code LIMIT 2)) FROM district d ORDER BY d.id", msg);
	if (!st)
		return XQ_ERR;
	int64_t ids[3] = {0};
	while (!ids[2] && sqlite3_step(st) == SQLITE_ROW) {
		char list[64];
		col_text(st, 1, list, sizeof list);
		int64_t a = 0, b = 0;
		if (sscanf(list, "%lld,%lld", (long long *)&a, (long long *)&b) == 2) {
			ids[0] = sqlite3_column_int64(st, 0);
			ids[1] = a;
			ids[2] = b;
		}
	}
	db_done(st);
	if (!ids[2])
		return XQ_OK; /* a county without such a district has no demo timetable */
	struct dschool s[3];
	for (int i = 0; i < 3; i++)
		if (school_of(db, ids[i], &s[i], msg) != XQ_OK)
			return XQ_ERR;
	/* the village schools start later and break longer at noon */
	static const char *const village[8][2] = {{"08:30", "09:10"}, {"09:20", "10:00"}, {"10:20", "11:00"},
		{"11:10", "11:50"}, {"14:30", "15:10"}, {"15:20", "16:00"}, {"16:10", "16:50"}, {"17:00", "17:40"}};
	if (bells(db, t.id, s[1].id, village, msg) != XQ_OK || bells(db, t.id, s[2].id, village, msg) != XQ_OK)
		return XQ_ERR;
	static const struct {
		const char *code, *name, *kind;
	} subjects[] = {{"CHN", "语文", NULL}, {"MAT", "数学", NULL}, {"ENG", "英语", NULL}, {"PE", "体育", "playground"},
		{"MUS", "音乐", "music"}};
	for (size_t i = 0; i < XQ_NELEM(subjects); i++) {
		struct subject sj = {0};
		xq_copy(sj.code, sizeof sj.code, subjects[i].code);
		xq_copy(sj.name, sizeof sj.name, subjects[i].name);
		sj.room_kind = subjects[i].kind ? enum_parse(room_kind_items, subjects[i].kind) : -1;
		if (db_subject_insert(db, &sj, msg) != XQ_OK)
			return XQ_ERR;
	}
	/* the lead school's music and PE teachers (its 4th and 3rd) go to the village schools */
	const char *music = s[0].staff[3], *pe = s[0].staff[2];
	if (itinerant(db, music, &s[0], &s[1], msg) != XQ_OK || itinerant(db, pe, &s[0], &s[2], msg) != XQ_OK)
		return XQ_ERR;
	for (int k = 0; k < 2; k++) {
		struct teacher_rule_rec r = {0};
		r.term_id = t.id;
		struct teacher tt;
		if (db_teacher_by_staff_no(db, k ? pe : music, &tt) != XQ_OK)
			return XQ_ERR;
		r.teacher_id = tt.id;
		r.min_travel = -1;
		r.max_changes = k ? 2 : 1; /* the music teacher changes school once a day at most */
		r.max_days = -1;
		r.max_gaps = -1;
		r.min_gap_periods = -1;
		if (db_teacher_rule_insert(db, &r, msg) != XQ_OK)
			return XQ_ERR;
	}
	static const char *const classes[3][3] = {{"三年级1班", "三年级2班", "四年级1班"}, {"三年级1班", "五年级1班", NULL},
		{"四年级1班", "六年级1班", NULL}};
	long number = 1;
	for (int i = 0; i < 3; i++) {
		if (room(db, &s[i], "操场", "playground", 400, msg) != XQ_OK || room(db, &s[i], "音乐室", "music", 50, msg) != XQ_OK)
			return XQ_ERR;
		for (int k = 0; k < 3 && classes[i][k]; k++) {
			const char *name = classes[i][k];
			if (room(db, &s[i], name, "classroom", 50, msg) != XQ_OK)
				return XQ_ERR;
			struct tclass c = {0};
			c.term_id = t.id;
			xq_copy(c.term, sizeof c.term, DEMO_TERM);
			c.school_id = s[i].id;
			xq_copy(c.school_code, sizeof c.school_code, s[i].code);
			snprintf(c.grade, sizeof c.grade, "%d",
				strncmp(name, "三", 3) == 0 ? 3 : strncmp(name, "四", 3) == 0 ? 4 : strncmp(name, "五", 3) == 0 ? 5 : 6);
			xq_copy(c.name, sizeof c.name, name);
			c.students = 40;
			xq_copy(c.home_room, sizeof c.home_room, name);
			if (db_class_insert(db, &c, msg) != XQ_OK)
				return XQ_ERR;
			/* the village school's music, or PE, is the lead school's teacher's */
			const char *mus = i == 1 || i == 0 ? music : s[i].staff[3];
			const char *phys = i == 2 || i == 0 ? pe : s[i].staff[2];
			if (course(db, t.id, number++, &s[i], "CHN", name, s[i].staff[0], 6, name, msg) != XQ_OK ||
			    course(db, t.id, number++, &s[i], "MAT", name, s[i].staff[1], 5, name, msg) != XQ_OK ||
			    course(db, t.id, number++, &s[i], "ENG", name, i == 0 ? s[i].staff[1] : s[i].staff[0], 3, name,
				    msg) != XQ_OK ||
			    course(db, t.id, number++, &s[i], "PE", name, phys, 3, "操场", msg) != XQ_OK ||
			    course(db, t.id, number++, &s[i], "MUS", name, mus, 2, "音乐室", msg) != XQ_OK)
				return XQ_ERR;
		}
	}
	struct tt_model m;
	if (db_tt_load(db, t.id, &m, msg) != XQ_OK)
		return XQ_ERR;
	struct tt_solve_opts o = {20260901, 30, 200000};
	struct tt_solve_result r;
	int rc = tt_solve(&m, &o, &r);
	if (rc == XQ_OK && (r.placed < r.total || r.violations)) {
		char why[512] = "";
		if (r.nunplaced)
			tt_violation_text(&m, &r.why[0], why, sizeof why);
		xq_msg(msg, "demo: the timetable was not solved (%d of %d placed): %s", r.placed, r.total, why);
		rc = XQ_ERR;
	}
	if (rc == XQ_OK)
		rc = db_tt_save(db, &m, msg);
	tt_solve_result_free(&r);
	tt_model_free(&m);
	return rc;
}
