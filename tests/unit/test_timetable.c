/* test_timetable.c: term names, clock times at their edges, travel minutes from a
 * distance, rounded up at the exact minute boundary, lessons moved by hand, a group's
 * unavailable slots stored and closing the subgroups it covers, and a course's preferred
 * rooms stored with their weights. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/exchange.h"
#include "core/timetable.h"
#include "db/demo.h"
#include "db/school.h"
#include "db/timetable.h"
#include "core/ttcheck.h"

static void test_term_names(void **state)
{
	(void)state;
	assert_true(term_name_ok("2025-2026/2"));
	assert_true(term_name_ok("2025-2026/1"));
	assert_true(term_name_ok("1999-2000/4"));
	assert_false(term_name_ok("2025-2027/1")); /* not consecutive years */
	assert_false(term_name_ok("2025-2026/0"));
	assert_false(term_name_ok("2025-2026/5"));
	assert_false(term_name_ok("2025-2026"));
	assert_false(term_name_ok("2025-2026/1 "));
	assert_false(term_name_ok("2025/2026/1"));
	assert_false(term_name_ok("２025-2026/1"));
	assert_false(term_name_ok(""));
	assert_false(term_name_ok(NULL));
}

static void test_clock(void **state)
{
	(void)state;
	assert_int_equal(clock_parse("00:00"), 0);
	assert_int_equal(clock_parse("08:05"), 485);
	assert_int_equal(clock_parse("23:59"), 1439);
	assert_int_equal(clock_parse("24:00"), 1440);
	assert_int_equal(clock_parse("24:01"), -1);
	assert_int_equal(clock_parse("25:00"), -1);
	assert_int_equal(clock_parse("08:60"), -1);
	assert_int_equal(clock_parse("8:05"), -1);
	assert_int_equal(clock_parse("08.05"), -1);
	assert_int_equal(clock_parse("08:05:00"), -1);
	assert_int_equal(clock_parse(""), -1);
	char out[6];
	for (int m = 0; m <= 1440; m += 7) {
		clock_format(m, out);
		assert_int_equal(clock_parse(out), m);
	}
	clock_format(1440, out);
	assert_string_equal(out, "24:00");
}

static void test_travel(void **state)
{
	(void)state;
	struct timetable_policy p;
	timetable_policy_defaults(&p);
	assert_true(p.speed_kmh == 30 && p.detour == 1.3);
	p.detour = 1;
	assert_int_equal(travel_minutes(0, &p), 0);
	assert_int_equal(travel_minutes(10, &p), 20);   /* exactly 20 minutes: not 21 */
	assert_int_equal(travel_minutes(10.01, &p), 21); /* a little over: the next minute */
	assert_int_equal(travel_minutes(0.4, &p), 1);
	p.detour = 1.3;
	assert_int_equal(travel_minutes(10, &p), 26);
	assert_int_equal(travel_minutes(NAN, &p), -1);
	assert_int_equal(travel_minutes(-1, &p), -1);
	/* the exchanges' distance: two schools 0.1 degree of latitude apart, about 11.1 km */
	double km = exchange_distance_km(24.25, 109.33, 24.35, 109.33);
	assert_true(fabs(km - 11.12) < 0.01);
	assert_int_equal(travel_minutes(km, &p), 29);
}

/* The minutes between two schools: from their positions by the policy, until the pair has
 * its own; either order; a school and itself need none. */
static void test_travel_db(void **state)
{
	(void)state;
	setenv("XUEQU_TODAY", "2026-09-01", 1);
	struct db *db;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_open(":memory:", DB_CREATE, 1000, &db, msg), XQ_OK);
	assert_int_equal(db_demo_load(db, DEMO_COUNTY, msg), XQ_OK);
	struct school a, b;
	assert_int_equal(db_school_get(db, 1, &a), XQ_OK);
	assert_int_equal(db_school_get(db, 2, &b), XQ_OK);
	struct timetable_policy p;
	timetable_policy_defaults(&p);
	int want = travel_minutes(exchange_distance_km(a.lat, a.lon, b.lat, b.lon), &p);
	assert_true(want > 0);
	bool set = true;
	assert_int_equal(db_travel_minutes(db, a.id, b.id, &set), want);
	assert_false(set);
	assert_int_equal(db_travel_minutes(db, b.id, a.id, NULL), want);
	assert_int_equal(db_travel_minutes(db, a.id, a.id, NULL), 0);
	struct travel t = {0};
	t.from_id = b.id;
	t.to_id = a.id;
	t.minutes = want + 17;
	assert_int_equal(db_travel_insert(db, &t, msg), XQ_OK);
	assert_int_equal(db_travel_minutes(db, a.id, b.id, &set), want + 17);
	assert_true(set);
	/* the same pair again, the other way round: refused as a duplicate */
	struct travel again = t;
	again.from_id = a.id;
	again.to_id = b.id;
	assert_int_equal(db_travel_insert(db, &again, msg), XQ_ERR);
	t.from_id = t.to_id;
	assert_int_equal(db_travel_insert(db, &t, msg), XQ_ERR);
	db_close(db);
}


/* The demo county in memory, and its solved term in *t. */
static struct db *demo_term(struct term *t)
{
	setenv("XUEQU_TODAY", "2026-09-01", 1);
	struct db *db;
	char msg[XQ_MSG_MAX];
	assert_int_equal(db_open(":memory:", DB_CREATE, 1000, &db, msg), XQ_OK);
	assert_int_equal(db_demo_load(db, DEMO_COUNTY, msg), XQ_OK);
	assert_int_equal(db_term_find(db, "2026-2027/1", t), XQ_OK);
	return db;
}

/* Moving lessons by hand on the demo's solved term: a clash refused with the rule, a move
 * someone else made meanwhile refused, off the timetable and back, a swap, a lock kept. */
static void test_lesson_moves(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct term t;
	struct db *db = demo_term(&t);
	struct tt_model m;
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	assert_int_equal(tt_check(&m, NULL, NULL), 0);
	/* two lessons of one class on different slots */
	int a = 0, b = -1;
	for (int i = 1; i < m.nlessons && b < 0; i++)
		if (m.courses[m.lessons[i].course].sets[0] == m.courses[m.lessons[a].course].sets[0] &&
		    m.lessons[i].course != m.lessons[a].course)
			b = i;
	assert_true(b > 0);
	struct tt_lesson la = m.lessons[a], lb = m.lessons[b];
	/* onto the other's slot: the class would be twice at once */
	struct lesson_move mv = {m.lesson_ext[a], 0, lb.day, lb.period, la.day, la.period};
	assert_int_equal(db_lesson_move(db, t.id, &mv, msg), XQ_ERR);
	assert_non_null(strstr(msg, "at once"));
	/* from where it no longer is */
	struct lesson_move stale = {m.lesson_ext[a], 0, la.day, la.period, la.day == 0 ? 1 : 0, la.period};
	assert_int_equal(db_lesson_move(db, t.id, &stale, msg), XQ_ERR);
	assert_non_null(strstr(msg, "someone else"));
	/* off the timetable, and back */
	struct lesson_move off = {m.lesson_ext[a], 0, -1, -1, la.day, la.period};
	assert_int_equal(db_lesson_move(db, t.id, &off, msg), XQ_OK);
	struct lesson_move back = {m.lesson_ext[a], 0, la.day, la.period, -1, -1};
	assert_int_equal(db_lesson_move(db, t.id, &back, msg), XQ_OK);
	tt_model_free(&m);
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	assert_int_equal(tt_check(&m, NULL, NULL), 0);
	assert_true(m.lessons[a].room >= 0); /* it found a room again */
	/* the two swap: both keep every rule only if their courses fit each other's slots; either
	 * way nothing is half done */
	int rc = db_lesson_swap(db, t.id, m.lesson_ext[a], m.lesson_ext[b], msg);
	tt_model_free(&m);
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	if (rc == XQ_OK) {
		assert_int_equal(m.lessons[a].day, lb.day);
		assert_int_equal(m.lessons[b].period, la.period);
	} else {
		assert_int_equal(m.lessons[a].day, la.day);
		assert_int_equal(m.lessons[b].day, lb.day);
	}
	assert_int_equal(tt_check(&m, NULL, NULL), 0);
	/* locked, it stays */
	assert_int_equal(db_lesson_lock(db, m.lesson_ext[b], true, msg), XQ_OK);
	struct lesson_move locked = {m.lesson_ext[b], 0, -1, -1, m.lessons[b].day, m.lessons[b].period};
	assert_int_equal(db_lesson_move(db, t.id, &locked, msg), XQ_ERR);
	assert_non_null(strstr(msg, "locked"));
	tt_model_free(&m);
	db_close(db);
}

static int first_class(void *ctx, const void *rec)
{
	struct tclass *out = ctx;
	if (!out->id)
		*out = *(const struct tclass *)rec;
	return 0;
}

/* CLASS/GROUP into who */
static void group_who(char *who, size_t size, const char *cls, const char *group)
{
	char name[2 * NAME_LEN + 1];
	snprintf(name, sizeof name, "%s/%s", cls, group);
	xq_copy(who, size, name);
}

static int set_named(const struct tt_model *m, const char *name)
{
	for (int s = 0; s < m->nsets; s++)
		if (strcmp(m->sets[s].name, name) == 0)
			return s;
	fail_msg("no set %s", name);
	return -1;
}

/* Whether every atomic set of set s is (or, all false, none is) unavailable at slot. */
static bool set_marked(const struct tt_model *m, int s, int slot, bool all)
{
	for (int f = 0; f < m->sets[s].nleaves; f++)
		if (m->unav_leaf[m->sets[s].leaves[f] * m->days * m->periods + slot] != all)
			return false;
	return true;
}

/* A group's and a subgroup's unavailable slots, stored with their class and read back by
 * the CLASS/GROUP name; the model closes the atomic sets each covers and no other; an
 * unknown group refused with a reason and nothing written. */
static void test_group_unavailable_db(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct term t;
	struct db *db = demo_term(&t);
	struct tclass k = {0};
	db_class_each(db, first_class, &k);
	assert_true(k.id > 0);
	/* groups 男生 (subgroups 甲, 乙) and 女生 */
	static const char *const names[][2] = {{"男生", ""}, {"女生", ""}, {"甲", "男生"}, {"乙", "男生"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct group_rec g = {0};
		xq_copy(g.term, sizeof g.term, t.name);
		g.term_id = t.id;
		xq_copy(g.school_code, sizeof g.school_code, k.school_code);
		g.school_id = k.school_id;
		xq_copy(g.class_name, sizeof g.class_name, k.name);
		xq_copy(g.name, sizeof g.name, names[i][0]);
		xq_copy(g.parent, sizeof g.parent, names[i][1]);
		g.students = -1;
		if (db_group_insert(db, &g, msg) != XQ_OK)
			fail_msg("group %s: %s", names[i][0], msg);
	}
	struct unavailable_rec u = {0};
	xq_copy(u.term, sizeof u.term, t.name);
	u.term_id = t.id;
	u.kind = UNAV_GROUP;
	u.weight = NAN; /* not given: not available (100) */
	xq_copy(u.school_code, sizeof u.school_code, k.school_code);
	u.school_id = k.school_id;
	group_who(u.who, sizeof u.who, k.name, "男生");
	u.day = 2;
	u.period = 3;
	if (db_unavailable_insert(db, &u, msg) != XQ_OK)
		fail_msg("%s", msg);
	struct unavailable_rec sub = u;
	group_who(sub.who, sizeof sub.who, k.name, "乙");
	sub.day = 3;
	assert_int_equal(db_unavailable_insert(db, &sub, msg), XQ_OK);
	/* read back by its name: of kind group, with its class's school */
	struct unavailable_rec back;
	assert_int_equal(db_unavailable_find(db, &u, &back), XQ_OK);
	assert_int_equal(back.kind, UNAV_GROUP);
	assert_string_equal(back.who, u.who);
	assert_string_equal(back.school_code, k.school_code);
	assert_int_equal(back.day, 2);
	assert_int_equal(back.period, 3);
	assert_int_equal(db_unavailable_find(db, &sub, &back), XQ_OK);
	assert_string_equal(back.who, sub.who);
	/* a group the class does not have, a class without a group: refused, saying why */
	struct unavailable_rec bad = u;
	group_who(bad.who, sizeof bad.who, k.name, "nobody");
	assert_int_equal(db_unavailable_insert(db, &bad, msg), XQ_ERR);
	assert_non_null(strstr(msg, "has the group"));
	xq_copy(bad.who, sizeof bad.who, k.name);
	assert_int_equal(db_unavailable_insert(db, &bad, msg), XQ_ERR);
	assert_non_null(strstr(msg, "CLASS/GROUP"));
	struct tt_model m;
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	char name[NAME_LEN];
	group_who(name, sizeof name, k.name, "男生");
	int boys = set_named(&m, name);
	group_who(name, sizeof name, k.name, "女生");
	int girls = set_named(&m, name);
	group_who(name, sizeof name, k.name, "甲");
	int a = set_named(&m, name);
	group_who(name, sizeof name, k.name, "乙");
	int b = set_named(&m, name);
	int P = m.periods;
	/* day 2, period 3 (1..): the boys' two subgroups, not the girls */
	assert_true(set_marked(&m, boys, 1 * P + 2, true));
	assert_true(set_marked(&m, a, 1 * P + 2, true));
	assert_true(set_marked(&m, girls, 1 * P + 2, false));
	assert_false(set_marked(&m, set_named(&m, k.name), 1 * P + 2, true)); /* the class: in part */
	/* day 3: the subgroup 乙 alone */
	assert_true(set_marked(&m, b, 2 * P + 2, true));
	assert_true(set_marked(&m, a, 2 * P + 2, false));
	assert_true(set_marked(&m, girls, 2 * P + 2, false));
	tt_model_free(&m);
	db_close(db);
}

static int first_course(void *ctx, const void *rec)
{
	struct course_rec *out = ctx;
	const struct course_rec *c = rec;
	if (!out->id && c->term_id == out->term_id)
		*out = *c;
	return 0;
}

/* The one course of the model with preferred rooms; -1 when none. */
static int course_preferring(const struct tt_model *m)
{
	for (int c = 0; c < m->ncourses; c++)
		if (m->courses[c].nprefs)
			return c;
	return -1;
}

/* A course's preferred rooms stored with their weights and read back as written: alone (the
 * course then limited to no room), and among the rooms it may use; in the model, the rooms
 * it may use and those it had rather with their weights; a lesson placed by hand in the one
 * it had rather when that is free; a weight of 100, every room
 * preferred, or a preferred room its rooms do not list refused with a reason, the course as
 * it was. */
static void test_course_preferred_rooms_db(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX];
	struct term t;
	struct db *db = demo_term(&t);
	struct course_rec c = {0};
	c.term_id = t.id;
	db_course_each(db, first_course, &c);
	assert_true(c.id > 0);
	struct tt_model m;
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	assert_int_equal(course_preferring(&m), -1);
	const char *a = NULL, *b = NULL;
	for (int r = 0; r < m.nrooms && !b; r++)
		if (m.room_ext[r] && db_room_id(db, c.school_id, m.rooms[r].name) == m.room_ext[r]) {
			if (!a)
				a = m.rooms[r].name;
			else
				b = m.rooms[r].name;
		}
	assert_non_null(b);
	char ra[NAME_LEN], rb[NAME_LEN];
	xq_copy(ra, sizeof ra, a);
	xq_copy(rb, sizeof rb, b);
	tt_model_free(&m);

	/* had rather A (90), may use any room */
	c.rooms[0] = '\0';
	snprintf(c.preferred_rooms, sizeof c.preferred_rooms, "%s:90", ra);
	if (db_course_update(db, &c, msg) != XQ_OK)
		fail_msg("%s", msg);
	struct course_rec back;
	assert_int_equal(db_course_find(db, t.id, c.number, &back), XQ_OK);
	assert_string_equal(back.rooms, "");
	assert_string_equal(back.preferred_rooms, c.preferred_rooms);
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	int k = course_preferring(&m);
	assert_true(k >= 0);
	assert_int_equal(m.courses[k].nrooms, 0);
	assert_int_equal(m.courses[k].nprefs, 1);
	assert_string_equal(m.rooms[m.courses[k].prefs[0]].name, ra);
	assert_true(m.courses[k].pref_weights[0] == 90);
	tt_model_free(&m);

	/* may use A and B, had rather B (70.5) */
	c = back;
	snprintf(c.rooms, sizeof c.rooms, "%s;%s", ra, rb);
	snprintf(c.preferred_rooms, sizeof c.preferred_rooms, "%s:70.5", rb);
	if (db_course_update(db, &c, msg) != XQ_OK)
		fail_msg("%s", msg);
	assert_int_equal(db_course_find(db, t.id, c.number, &back), XQ_OK);
	assert_string_equal(back.rooms, c.rooms);
	assert_string_equal(back.preferred_rooms, c.preferred_rooms);
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	k = course_preferring(&m);
	assert_true(k >= 0);
	assert_int_equal(m.courses[k].nrooms, 2);
	assert_int_equal(m.courses[k].nprefs, 1);
	assert_string_equal(m.rooms[m.courses[k].prefs[0]].name, rb);
	assert_true(m.courses[k].pref_weights[0] == 70.5);
	assert_true(tt_room_pref_cost(&m, k, m.courses[k].prefs[0]) == 0);
	assert_true(tt_room_pref_cost(&m, k, -1) == 70.5);
	/* a lesson of it moved off and back by hand takes B, unless another holds B then */
	int i = 0;
	while (i < m.nlessons && (m.lessons[i].course != k || m.lessons[i].day < 0))
		i++;
	assert_true(i < m.nlessons);
	struct tt_lesson was = m.lessons[i];
	int64_t ext = m.lesson_ext[i];
	int rb_at = m.courses[k].prefs[0];
	bool busy = false;
	for (int j = 0; j < m.nlessons; j++) {
		const struct tt_lesson *o = &m.lessons[j];
		int len = m.courses[o->course].length;
		busy = busy || (j != i && o->room == rb_at && o->day == was.day &&
				       o->period < was.period + m.courses[k].length && was.period < o->period + len);
	}
	tt_model_free(&m);
	struct lesson_move off = {ext, 0, -1, -1, was.day, was.period};
	assert_int_equal(db_lesson_move(db, t.id, &off, msg), XQ_OK);
	struct lesson_move on = {ext, 0, was.day, was.period, -1, -1};
	if (db_lesson_move(db, t.id, &on, msg) != XQ_OK)
		fail_msg("%s", msg);
	assert_int_equal(db_tt_load(db, t.id, &m, msg), XQ_OK);
	if (!busy)
		assert_string_equal(m.rooms[m.lessons[i].room].name, rb);
	tt_model_free(&m);

	/* refused, saying why; the course as it was */
	c = back;
	snprintf(c.preferred_rooms, sizeof c.preferred_rooms, "%s:100", rb);
	assert_int_equal(db_course_update(db, &c, msg), XQ_ERR);
	assert_non_null(strstr(msg, "below 100"));
	c = back;
	snprintf(c.preferred_rooms, sizeof c.preferred_rooms, "%s:50;%s:60", ra, rb);
	assert_int_equal(db_course_update(db, &c, msg), XQ_ERR);
	assert_non_null(strstr(msg, "every room of the course is preferred"));
	c = back;
	xq_copy(c.rooms, sizeof c.rooms, ra);
	assert_int_equal(db_course_update(db, &c, msg), XQ_ERR);
	assert_non_null(strstr(msg, "rooms do not list"));
	struct course_rec now;
	assert_int_equal(db_course_find(db, t.id, c.number, &now), XQ_OK);
	assert_string_equal(now.rooms, back.rooms);
	assert_string_equal(now.preferred_rooms, back.preferred_rooms);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_term_names),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_travel),
		cmocka_unit_test(test_travel_db),
		cmocka_unit_test(test_lesson_moves),
		cmocka_unit_test(test_group_unavailable_db),
		cmocka_unit_test(test_course_preferred_rooms_db),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
