/* test_inspection.c: checklist scoring (weights, veto, comparator edges, the pass rules),
 * templates as CSV, inspection transitions and who may plan, score and close. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/inspection.h"
#include "db/admin.h"
#include "db/db.h"
#include "db/district.h"
#include "db/inspection.h"
#include "db/school.h"

#define MUST(x)                                                                              \
	do {                                                                                 \
		if ((x) != XQ_OK)                                                            \
			fail_msg("%s: %s", #x, msg);                                       \
	} while (0)

static char dir[256];

static struct check_item item(int kind, double weight, bool veto)
{
	struct check_item it;
	memset(&it, 0, sizeof it);
	it.kind = kind;
	it.weight = weight;
	it.veto = veto;
	it.max = NAN;
	it.threshold = NAN;
	it.comparator = -1;
	return it;
}

static void test_comparator_edges(void **state)
{
	(void)state;
	struct check_item m = item(ITEM_MEASURED, 1, false);
	m.comparator = CMP_GE;
	assert_true(check_item_passes(&m, 4, 4));
	assert_false(check_item_passes(&m, 3.999, 4));
	m.comparator = CMP_GT;
	assert_false(check_item_passes(&m, 4, 4));
	assert_true(check_item_passes(&m, 4.001, 4));
	m.comparator = CMP_LE;
	assert_true(check_item_passes(&m, 4, 4));
	assert_false(check_item_passes(&m, 4.001, 4));
	m.comparator = CMP_LT;
	assert_false(check_item_passes(&m, 4, 4));
	assert_true(check_item_passes(&m, 3.5, 4));
	m.comparator = CMP_EQ;
	assert_true(check_item_passes(&m, 4, 4));
	assert_false(check_item_passes(&m, 5, 4));
	assert_false(check_item_passes(&m, NAN, 4));
	struct check_item s = item(ITEM_SCORE, 10, false);
	s.max = 10;
	assert_true(check_item_passes(&s, 0, NAN)); /* no threshold: always passes */
	assert_true(check_item_passes(&s, 6, 6));
	assert_false(check_item_passes(&s, 5.5, 6));
	struct check_item y = item(ITEM_YESNO, 1, false);
	assert_true(check_item_passes(&y, 1, NAN));
	assert_false(check_item_passes(&y, 0, NAN));
	struct check_item ind = item(ITEM_INDICATOR, 1, false);
	assert_true(check_item_passes(&ind, 2.3, 2.3));
	assert_false(check_item_passes(&ind, 2.29, 2.3));
	assert_false(check_item_passes(&ind, 5, NAN));
	char msg[XQ_MSG_MAX];
	assert_int_equal(check_item_value_ok(&y, 2, msg), XQ_ERR);
	assert_int_equal(check_item_value_ok(&s, 10.5, msg), XQ_ERR);
	assert_int_equal(check_item_value_ok(&s, -1, msg), XQ_ERR);
	assert_int_equal(check_item_value_ok(&s, 10, msg), XQ_OK);
}

static void test_weights_and_veto(void **state)
{
	(void)state;
	struct check_item items[3];
	items[0] = item(ITEM_YESNO, 10, false);
	items[1] = item(ITEM_SCORE, 20, false);
	items[1].max = 8;
	items[2] = item(ITEM_MEASURED, 30, true);
	items[2].comparator = CMP_GE;
	items[2].threshold = 10;
	struct item_outcome out[3] = {
		{true, 1, NAN, true}, {true, 6, NAN, true}, {true, 12, 10, true}};
	struct checklist_rule rule = {RULE_TOTAL, 50, 6, 0.85};
	struct checklist_verdict v;
	checklist_verdict(items, out, 3, &rule, &v);
	/* 10 + 20 * 6 / 8 + 30 */
	assert_true(fabs(v.total - 55) < 1e-9);
	assert_true(fabs(v.max_total - 60) < 1e-9);
	assert_true(v.complete && v.pass);
	/* the veto item fails: the whole inspection fails whatever the total */
	out[2] = (struct item_outcome){true, 9, 10, false};
	rule.pass_total = 0;
	checklist_verdict(items, out, 3, &rule, &v);
	assert_int_equal(v.veto_failed, 1);
	assert_false(v.pass);
	/* not veto: passes on the total alone, exactly at pass_total */
	items[2].veto = false;
	rule.pass_total = 25;
	checklist_verdict(items, out, 3, &rule, &v);
	assert_true(fabs(v.total - 25) < 1e-9);
	assert_true(v.pass);
	rule.pass_total = 25.5;
	checklist_verdict(items, out, 3, &rule, &v);
	assert_false(v.pass);
	/* an item not scored: incomplete, not passed */
	out[0].scored = false;
	rule.pass_total = 0;
	checklist_verdict(items, out, 3, &rule, &v);
	assert_false(v.complete);
	assert_false(v.pass);
	assert_int_equal(v.scored, 2);
}

/* Seven indicator items with thresholds 10, values given as ratios of it. */
static void seven(const double *ratio, struct checklist_verdict *v)
{
	struct check_item items[7];
	struct item_outcome out[7];
	for (int i = 0; i < 7; i++) {
		items[i] = item(ITEM_INDICATOR, 1, false);
		double value = 10 * ratio[i];
		out[i] = (struct item_outcome){true, value, 10, check_item_passes(&items[i], value, 10)};
	}
	struct checklist_rule rule = {RULE_INDICATORS, NAN, 6, 0.85};
	checklist_verdict(items, out, 7, &rule, v);
}

static void test_six_of_seven(void **state)
{
	(void)state;
	struct checklist_verdict v;
	double all[7] = {1, 1.2, 1, 3, 1, 1, 1.01};
	seven(all, &v);
	assert_int_equal(v.met, 7);
	assert_true(v.pass);
	double at85[7] = {1, 1, 1, 1, 1, 1, 0.85};
	seven(at85, &v);
	assert_int_equal(v.met, 6);
	assert_true(fabs(v.lowest_ratio - 0.85) < 1e-9);
	assert_true(v.pass);
	double below[7] = {1, 1, 1, 1, 1, 1, 0.84};
	seven(below, &v);
	assert_int_equal(v.met, 6);
	assert_false(v.pass);
	double two[7] = {1, 1, 1, 1, 1, 0.95, 0.95};
	seven(two, &v);
	assert_int_equal(v.met, 5);
	assert_false(v.pass);
}

static void test_team_and_yesno(void **state)
{
	(void)state;
	assert_true(inspection_team_has("li,wang", "wang"));
	assert_true(inspection_team_has("li,wang", "li"));
	assert_false(inspection_team_has("li,wang", "wan"));
	assert_false(inspection_team_has("lily", "li"));
	double v;
	assert_true(yesno_parse("是", &v) && v == 1);
	assert_true(yesno_parse("No", &v) && v == 0);
	assert_false(yesno_parse("maybe", &v));
}

/* A database with one school in one district, the creator its admin. */
static struct db *county(const char *name, int64_t *school, int64_t *district)
{
	char path[400], msg[XQ_MSG_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct db *db;
	MUST(db_open(path, DB_CREATE, 1000, &db, msg));
	MUST(db_operator_bootstrap(db, msg));
	struct school s;
	school_init(&s);
	xq_copy(s.code, sizeof s.code, "4500000001");
	xq_copy(s.name, sizeof s.name, "第一小学");
	s.level = LEVEL_PRIMARY;
	s.location = LOC_RURAL;
	MUST(db_school_insert(db, &s, msg));
	struct district d = {0};
	xq_copy(d.name, sizeof d.name, "一学区");
	d.form = FORM_GROUP;
	d.lead_school_id = s.id;
	xq_copy(d.established_on, sizeof d.established_on, "2020-09-01");
	MUST(db_district_insert(db, &d, msg));
	*school = s.id;
	*district = d.id;
	return db;
}

static const char csv[] =
	"template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto\n"
	"自查,school,total,5,甲,有制度,yesno,,,,,,2,0\n"
	"自查,school,total,5,甲,活动次数,measured,,>=,4,次,,3,1\n"
	"自查,school,total,5,乙,总体评价,score,10,,6,,,5,0\n";

static int64_t import_one(struct db *db)
{
	char msg[XQ_MSG_MAX];
	int64_t *ids;
	int n;
	MUST(db_template_import(db, csv, sizeof csv - 1, false, &ids, &n, msg));
	assert_int_equal(n, 1);
	int64_t id = ids[0];
	free(ids);
	return id;
}

static void set_role(struct db *db, const char *login, int role, int64_t district)
{
	char msg[XQ_MSG_MAX];
	struct operator op = {0};
	xq_copy(op.login, sizeof op.login, login);
	op.role = role;
	op.district_id = district;
	MUST(db_operator_set(db, &op, msg));
}

static void test_csv_round_trip(void **state)
{
	(void)state;
	int64_t school, district;
	struct db *db = county("csv.db", &school, &district);
	char msg[XQ_MSG_MAX];
	int64_t id = import_one(db);
	char *out = db_template_export(db, id, msg);
	assert_non_null(out);
	assert_string_equal(out, csv);
	free(out);
	/* a second import is a new version */
	int64_t id2 = import_one(db);
	struct template_info t;
	MUST(db_template_get(db, id2, &t, msg));
	assert_int_equal(t.version, 2);
	/* all or nothing: a bad second template leaves the first out too */
	static const char bad[] =
		"template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto\n"
		"好表,school,total,,甲,一,yesno,,,,,,1,0\n"
		"坏表,school,total,,甲,二,measured,,>=,,次,,1,0\n";
	assert_int_equal(db_template_import(db, bad, sizeof bad - 1, false, NULL, NULL, msg), XQ_ERR);
	assert_non_null(strstr(msg, "line 3"));
	assert_int_equal(db_template_find(db, "好表", 0, &t, msg), XQ_NOTFOUND);
	db_close(db);
}

static void test_transitions_and_roles(void **state)
{
	(void)state;
	int64_t school, district;
	struct db *db = county("flow.db", &school, &district);
	char msg[XQ_MSG_MAX];
	const char *me = db_operator(db)->login;
	int64_t tid = import_one(db);
	set_role(db, "other", OPROLE_ADMIN, 0);
	set_role(db, "viewer1", OPROLE_VIEWER, 0);
	struct inspection in = {0};
	in.template_id = tid;
	in.school_id = school;
	in.stage = -1;
	xq_copy(in.date, sizeof in.date, "2026-05-01");
	xq_copy(in.team, sizeof in.team, "viewer1");
	assert_int_equal(db_inspection_add(db, &in, msg), XQ_ERR); /* a viewer inspects nothing */
	xq_copy(in.team, sizeof in.team, "other");
	MUST(db_inspection_add(db, &in, msg));
	/* not on the team: refused */
	assert_int_equal(db_inspection_score(db, in.id, 1, true, 1, NULL, msg), XQ_ERR);
	assert_non_null(strstr(msg, "team"));
	in.id = 0;
	snprintf(in.team, sizeof in.team, "other,%s", me);
	MUST(db_inspection_add(db, &in, msg));
	int64_t id = in.id;
	assert_int_equal(db_inspection_submit(db, id, msg), XQ_ERR); /* planned */
	MUST(db_inspection_score(db, id, 1, true, 1, NULL, msg));
	struct inspection got;
	MUST(db_inspection_get(db, id, &got, msg));
	assert_int_equal(got.status, INSP_IN_PROGRESS);
	assert_int_equal(db_inspection_score(db, id, 4, true, 1, NULL, msg), XQ_ERR); /* no item 4 */
	assert_int_equal(db_inspection_score(db, id, 3, true, 11, NULL, msg), XQ_ERR); /* above max */
	assert_int_equal(db_inspection_score(db, id, 3, false, NAN, NULL, msg), XQ_ERR); /* no value */
	MUST(db_inspection_score(db, id, 2, true, 3, "三次", msg));
	assert_int_equal(db_inspection_submit(db, id, msg), XQ_ERR); /* item 3 not scored */
	MUST(db_inspection_score(db, id, 3, true, 10, NULL, msg));
	struct check_item *items;
	struct result *res;
	int n;
	struct checklist_verdict v;
	MUST(db_inspection_results(db, id, &items, &res, &n, &v, msg));
	assert_int_equal(n, 3);
	assert_true(fabs(v.total - 7) < 1e-9); /* 2 + 0 + 5 */
	assert_int_equal(v.veto_failed, 1);
	assert_false(v.pass);
	assert_string_equal(res[1].note, "三次");
	assert_false(res[1].pass);
	free(items);
	free(res);
	assert_int_equal(db_inspection_close(db, id, msg), XQ_ERR); /* not submitted */
	MUST(db_inspection_submit(db, id, msg));
	assert_int_equal(db_inspection_score(db, id, 2, true, 5, NULL, msg), XQ_ERR); /* submitted */
	/* a failed item becomes a rectification; a passed one does not */
	struct rectification r = {0};
	r.inspection_id = id;
	r.position = 1;
	xq_copy(r.person, sizeof r.person, "张校长");
	xq_copy(r.deadline, sizeof r.deadline, "2026-07-01");
	assert_int_equal(db_rectification_add(db, &r, msg), XQ_ERR);
	r.position = 2;
	MUST(db_rectification_add(db, &r, msg));
	MUST(db_inspection_close(db, id, msg));
	MUST(db_inspection_get(db, id, &got, msg));
	assert_int_equal(got.status, INSP_CLOSED);
	/* verify: only by a later inspection that passes the item */
	in.id = 0;
	xq_copy(in.date, sizeof in.date, "2026-09-01");
	MUST(db_inspection_add(db, &in, msg));
	assert_int_equal(db_rectification_verify(db, r.id, in.id, msg), XQ_ERR); /* planned */
	MUST(db_inspection_score(db, in.id, 1, true, 1, NULL, msg));
	MUST(db_inspection_score(db, in.id, 2, true, 3, NULL, msg));
	MUST(db_inspection_score(db, in.id, 3, true, 9, NULL, msg));
	MUST(db_inspection_submit(db, in.id, msg));
	assert_int_equal(db_rectification_verify(db, r.id, in.id, msg), XQ_ERR); /* failed again */
	assert_non_null(strstr(msg, "again"));
	assert_int_equal(db_rectification_verify(db, r.id, id, msg), XQ_ERR); /* not later */
	in.id = 0;
	xq_copy(in.date, sizeof in.date, "2026-10-01");
	MUST(db_inspection_add(db, &in, msg));
	MUST(db_inspection_score(db, in.id, 1, true, 1, NULL, msg));
	MUST(db_inspection_score(db, in.id, 2, true, 4, NULL, msg));
	MUST(db_inspection_score(db, in.id, 3, true, 9, NULL, msg));
	MUST(db_inspection_submit(db, in.id, msg));
	MUST(db_rectification_verify(db, r.id, in.id, msg));
	struct rectification rr;
	MUST(db_rectification_get(db, r.id, &rr, msg));
	assert_int_equal(rr.status, RECT_VERIFIED);
	assert_int_equal(rr.verified_by, in.id);
	db_close(db);
}

/* A submitted inspection of the school by me, item 2 failed, and its rectification. */
static int64_t submitted(struct db *db, int64_t school, int64_t *rect)
{
	char msg[XQ_MSG_MAX];
	struct inspection in = {0};
	in.template_id = import_one(db);
	in.school_id = school;
	in.stage = -1;
	xq_copy(in.date, sizeof in.date, "2026-05-01");
	xq_copy(in.team, sizeof in.team, db_operator(db)->login);
	MUST(db_inspection_add(db, &in, msg));
	MUST(db_inspection_score(db, in.id, 1, true, 1, NULL, msg));
	MUST(db_inspection_score(db, in.id, 2, true, 1, NULL, msg));
	MUST(db_inspection_score(db, in.id, 3, true, 8, NULL, msg));
	MUST(db_inspection_submit(db, in.id, msg));
	struct rectification r = {0};
	r.inspection_id = in.id;
	r.position = 2;
	xq_copy(r.person, sizeof r.person, "李主任");
	xq_copy(r.deadline, sizeof r.deadline, "2026-06-01");
	MUST(db_rectification_add(db, &r, msg));
	*rect = r.id;
	return in.id;
}

/* A district admin of another district plans, closes and reports nothing of this school. */
static void test_district_admin_scope(void **state)
{
	(void)state;
	int64_t school, district, rect;
	struct db *db = county("da.db", &school, &district);
	char msg[XQ_MSG_MAX];
	int64_t id = submitted(db, school, &rect);
	struct district d2 = {0};
	xq_copy(d2.name, sizeof d2.name, "二学区");
	d2.form = FORM_GROUP;
	MUST(db_district_insert(db, &d2, msg));
	set_role(db, "other", OPROLE_ADMIN, 0);
	set_role(db, db_operator(db)->login, OPROLE_DISTRICT_ADMIN, d2.id);
	struct inspection in;
	MUST(db_inspection_get(db, id, &in, msg));
	in.id = 0;
	assert_int_equal(db_inspection_add(db, &in, msg), XQ_ERR);
	assert_non_null(strstr(msg, "permission denied"));
	assert_int_equal(db_inspection_close(db, id, msg), XQ_ERR);
	assert_int_equal(db_rectification_done(db, rect, NULL, msg), XQ_ERR);
	/* a district target with a school's template: refused for that reason */
	in.school_id = 0;
	in.district_id = d2.id;
	assert_int_equal(db_inspection_add(db, &in, msg), XQ_ERR); /* the template is for a school */
	assert_non_null(strstr(msg, "school"));
	db_close(db);
}

/* An inspector on the team but limited to another district scores nothing here, nor closes. */
static void test_inspector_scope(void **state)
{
	(void)state;
	int64_t school, district, rect;
	struct db *db = county("insp.db", &school, &district);
	char msg[XQ_MSG_MAX];
	const char *me = db_operator(db)->login;
	int64_t id = submitted(db, school, &rect);
	struct district d2 = {0};
	xq_copy(d2.name, sizeof d2.name, "二学区");
	d2.form = FORM_GROUP;
	MUST(db_district_insert(db, &d2, msg));
	struct inspection in;
	MUST(db_inspection_get(db, id, &in, msg));
	in.id = 0;
	xq_copy(in.date, sizeof in.date, "2026-09-01");
	MUST(db_inspection_add(db, &in, msg));
	set_role(db, "other", OPROLE_ADMIN, 0);
	set_role(db, me, OPROLE_INSPECTOR, d2.id);
	assert_int_equal(db_inspection_score(db, in.id, 1, true, 1, NULL, msg), XQ_ERR);
	assert_non_null(strstr(msg, "scope"));
	assert_int_equal(db_inspection_close(db, id, msg), XQ_ERR);
	db_close(db);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/xq-inspection-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comparator_edges),
		cmocka_unit_test(test_weights_and_veto),
		cmocka_unit_test(test_six_of_seven),
		cmocka_unit_test(test_team_and_yesno),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_transitions_and_roles),
		cmocka_unit_test(test_district_admin_scope),
		cmocka_unit_test(test_inspector_scope),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
