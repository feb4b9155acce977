/* test_timetable.c: term names, clock times at their edges, and travel minutes from a
 * distance, rounded up at the exact minute boundary. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/exchange.h"
#include "core/timetable.h"
#include "db/demo.h"
#include "db/school.h"
#include "db/timetable.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_term_names),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_travel),
		cmocka_unit_test(test_travel_db),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
