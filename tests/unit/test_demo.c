/* test_demo.c: the demo generator: the same records for the same seed, counts in range,
 * unique keys, references that resolve, valid dates and enums, realistic shares, and
 * stopping when a callback says so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/types.h"
#include "core/util.h"

/* Everything one run hands out, with a hash over every field in order. */
struct coll {
	uint64_t hash;
	struct school *s;
	struct district *d;
	struct member *m;
	struct agreement *a;
	struct teacher *t;
	struct exemption *e;
	int ns, nd, nm, na, nt, ne, nact;
	int cs, cd, cm, ca, ct, ce;
	int bad_activity; /* activities outside their agreement's term or after the as-of date */
	const struct agreement *last; /* the agreement most recently passed */
	char order[8];		      /* kinds of record seen, in order of first sight */
};

static void mix(struct coll *c, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		c->hash = (c->hash ^ b[i]) * 0x100000001B3u;
}

static void mixs(struct coll *c, const char *s)
{
	mix(c, s, strlen(s) + 1);
}

static void mixl(struct coll *c, int64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	mix(c, b, 8);
}

static void mixd(struct coll *c, double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	mixl(c, (int64_t)u);
}

static void seen(struct coll *c, char kind)
{
	size_t n = strlen(c->order);
	if ((n == 0 || c->order[n - 1] != kind) && n + 1 < sizeof c->order)
		c->order[n] = kind;
}

#define KEEP(c, arr, n, cap, rec)                                                              \
	do {                                                                                   \
		if ((c)->n == (c)->cap) {                                                      \
			(c)->cap = (c)->cap ? 2 * (c)->cap : 256;                              \
			(c)->arr = xrealloc((c)->arr, (size_t)(c)->cap * sizeof *(c)->arr);     \
		}                                                                              \
		(c)->arr[(c)->n++] = *(rec);                                                   \
	} while (0)

static int on_school(void *ctx, const struct school *s)
{
	struct coll *c = ctx;
	seen(c, 's');
	mixs(c, s->code), mixs(c, s->name), mixs(c, s->short_name), mixs(c, s->town);
	mixl(c, s->level), mixl(c, s->location), mixd(c, s->lat), mixd(c, s->lon);
	mixl(c, s->students), mixl(c, s->classes), mixl(c, s->staff_quota);
	mixd(c, s->teaching_area_m2), mixd(c, s->sports_area_m2), mixd(c, s->equipment_value_yuan);
	mixl(c, s->multimedia_rooms), mixl(c, s->music_rooms), mixl(c, s->art_rooms);
	mixl(c, s->hardship), mixl(c, s->id), mixl(c, s->rev);
	KEEP(c, s, ns, cs, s);
	return 0;
}

static int on_district(void *ctx, const struct district *d)
{
	struct coll *c = ctx;
	seen(c, 'd');
	mixs(c, d->name), mixl(c, d->form), mixs(c, d->lead_school_code);
	mixs(c, d->established_on), mixs(c, d->note), mixl(c, d->id), mixl(c, d->lead_school_id);
	KEEP(c, d, nd, cd, d);
	return 0;
}

static int on_member(void *ctx, const struct member *m)
{
	struct coll *c = ctx;
	seen(c, 'm');
	mixs(c, m->district_name), mixs(c, m->school_code), mixl(c, m->role);
	mixs(c, m->from_date), mixs(c, m->to_date), mixl(c, m->district_id), mixl(c, m->school_id);
	KEEP(c, m, nm, cm, m);
	return 0;
}

static int on_agreement(void *ctx, const struct agreement *a)
{
	struct coll *c = ctx;
	seen(c, 'a');
	mixs(c, a->supporting_code), mixs(c, a->supported_code), mixs(c, a->start_date);
	mixs(c, a->end_date), mixs(c, a->goals), mixl(c, a->supporting_id);
	KEEP(c, a, na, ca, a);
	c->last = a;
	return 0;
}

static int on_activity(void *ctx, const struct agreement *a, const struct activity *act)
{
	struct coll *c = ctx;
	seen(c, 'a');
	mixs(c, act->date), mixl(c, act->kind), mixs(c, act->note), mixl(c, act->agreement_id);
	c->nact++;
	if (a != c->last || !date_valid(act->date) || strcmp(act->date, a->start_date) < 0 ||
	    strcmp(act->date, a->end_date) > 0 || strcmp(act->date, DEMO_AS_OF) >= 0 ||
	    act->kind < 0 || act->kind >= enum_count(activity_kind_items) || !*act->note ||
	    !utf8_valid(act->note, strlen(act->note)))
		c->bad_activity++;
	return 0;
}

static int on_teacher(void *ctx, const struct teacher *t)
{
	struct coll *c = ctx;
	seen(c, 't');
	mixs(c, t->staff_no), mixs(c, t->name), mixl(c, t->gender), mixs(c, t->birth_date);
	mixs(c, t->school_code), mixs(c, t->subjects), mixs(c, t->title), mixl(c, t->education);
	mixl(c, t->backbone), mixl(c, t->pe_art), mixl(c, t->employment), mixl(c, t->post);
	mixs(c, t->post_since), mixs(c, t->joined_school_on), mixl(c, t->school_id);
	KEEP(c, t, nt, ct, t);
	return 0;
}

static int on_exemption(void *ctx, const struct exemption *e)
{
	struct coll *c = ctx;
	seen(c, 'e');
	mixs(c, e->staff_no), mixl(c, e->kind), mixs(c, e->start_date), mixs(c, e->end_date);
	mixs(c, e->note), mixl(c, e->teacher_id);
	KEEP(c, e, ne, ce, e);
	return 0;
}

static void run(struct coll *c, enum demo_scale scale, uint64_t seed)
{
	memset(c, 0, sizeof *c);
	c->hash = 0xCBF29CE484222325u;
	struct demo_sink sink = {c,	     on_school,  on_district, on_member, on_agreement,
				 on_activity, on_teacher, on_exemption};
	assert_int_equal(demo_generate(scale, seed, &sink), 0);
}

static void done(struct coll *c)
{
	free(c->s), free(c->d), free(c->m), free(c->a), free(c->t), free(c->e);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether the n strings at base, stride apart, are all different. */
static bool unique(const void *base, int n, size_t stride, size_t offset)
{
	const char **v = xmalloc((size_t)(n ? n : 1) * sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = (const char *)base + (size_t)i * stride + offset;
	qsort(v, (size_t)n, sizeof *v, cmp_str);
	bool ok = true;
	for (int i = 1; i < n && ok; i++)
		if (strcmp(v[i - 1], v[i]) == 0) {
			print_error("duplicate: %s\n", v[i]);
			ok = false;
		}
	free(v);
	return ok;
}

static int find_school(const struct coll *c, const char *code)
{
	for (int i = 0; i < c->ns; i++)
		if (strcmp(c->s[i].code, code) == 0)
			return i;
	return -1;
}

static int find_district(const struct coll *c, const char *name)
{
	for (int i = 0; i < c->nd; i++)
		if (strcmp(c->d[i].name, name) == 0)
			return i;
	return -1;
}

static bool text_ok(const char *s, size_t size, bool may_be_empty)
{
	size_t n = strlen(s);
	return n < size && (may_be_empty || n > 0) && utf8_valid(s, n);
}

static bool in_enum(int v, const struct enum_item *items)
{
	return v >= 0 && v < enum_count(items);
}

/* Every structural rule the database side relies on. */
static void check_integrity(struct coll *c)
{
	assert_string_equal(c->order, "sdmate");
	assert_int_equal(c->bad_activity, 0);

	for (int i = 0; i < c->ns; i++) {
		const struct school *s = &c->s[i];
		assert_int_equal(strlen(s->code), 10);
		assert_int_equal(strspn(s->code, "0123456789"), 10);
		assert_true(text_ok(s->name, sizeof s->name, false));
		assert_true(text_ok(s->short_name, sizeof s->short_name, false));
		assert_true(text_ok(s->town, sizeof s->town, false));
		assert_true(in_enum(s->level, level_items));
		assert_true(in_enum(s->location, location_items));
		assert_true(s->lat > 23.5 && s->lat < 26.5 && s->lon > 108.5 && s->lon < 110.5);
		assert_true(s->students > 0 && s->classes > 0 && s->staff_quota > 0);
		assert_true(s->teaching_area_m2 > 0 && s->sports_area_m2 > 0);
		assert_true(s->equipment_value_yuan > 0);
		assert_true(s->multimedia_rooms >= 0 && s->music_rooms >= 0 && s->art_rooms >= 0);
		assert_true(s->hardship >= 0 && s->hardship <= 3);
		assert_true(s->location != LOC_URBAN || s->hardship == 0);
	}
	assert_true(unique(c->s, c->ns, sizeof *c->s, offsetof(struct school, code)));
	assert_true(unique(c->s, c->ns, sizeof *c->s, offsetof(struct school, name)));
	assert_true(unique(c->d, c->nd, sizeof *c->d, offsetof(struct district, name)));
	assert_true(unique(c->t, c->nt, sizeof *c->t, offsetof(struct teacher, staff_no)));

	/* districts: a lead school that is the one current lead member */
	int *leads = xcalloc((size_t)c->nd, sizeof *leads);
	int *others = xcalloc((size_t)c->nd, sizeof *others);
	int *current = xcalloc((size_t)c->ns, sizeof *current);
	for (int i = 0; i < c->nd; i++) {
		const struct district *d = &c->d[i];
		assert_true(text_ok(d->name, sizeof d->name, false));
		assert_true(text_ok(d->note, sizeof d->note, true));
		assert_true(in_enum(d->form, form_items));
		assert_true(find_school(c, d->lead_school_code) >= 0);
		assert_true(date_valid(d->established_on));
		assert_true(d->id == 0 && d->lead_school_id == 0);
	}
	for (int i = 0; i < c->nm; i++) {
		const struct member *m = &c->m[i];
		int di = find_district(c, m->district_name), si = find_school(c, m->school_code);
		assert_true(di >= 0 && si >= 0);
		assert_true(in_enum(m->role, role_items));
		assert_true(date_valid(m->from_date));
		assert_true(strcmp(m->from_date, c->d[di].established_on) >= 0);
		assert_true(m->to_date[0] == '\0' ||
			    (date_valid(m->to_date) && strcmp(m->from_date, m->to_date) <= 0));
		if (m->to_date[0])
			continue;
		current[si]++;
		if (m->role == ROLE_LEAD) {
			assert_string_equal(m->school_code, c->d[di].lead_school_code);
			leads[di]++;
		} else {
			others[di]++;
		}
	}
	for (int i = 0; i < c->nd; i++) {
		assert_int_equal(leads[i], 1);
		assert_true(others[i] >= 1);
	}
	int outside = 0;
	for (int i = 0; i < c->ns; i++) {
		assert_true(current[i] <= 1);
		outside += current[i] == 0;
	}
	assert_true(outside >= 1 && outside * 5 <= c->ns); /* a few schools in no district */
	/* at most one district at a time, also counting past memberships */
	for (int i = 0; i < c->nm; i++)
		for (int j = i + 1; j < c->nm; j++) {
			const struct member *a = &c->m[i], *b = &c->m[j];
			if (strcmp(a->school_code, b->school_code) != 0)
				continue;
			bool a_before = a->to_date[0] && strcmp(a->to_date, b->from_date) < 0;
			bool b_before = b->to_date[0] && strcmp(b->to_date, a->from_date) < 0;
			assert_true(a_before || b_before);
		}
	free(leads), free(others), free(current);

	for (int i = 0; i < c->na; i++) {
		const struct agreement *a = &c->a[i];
		assert_true(find_school(c, a->supporting_code) >= 0);
		assert_true(find_school(c, a->supported_code) >= 0);
		assert_string_not_equal(a->supporting_code, a->supported_code);
		assert_true(date_valid(a->start_date) && date_valid(a->end_date));
		assert_true(strcmp(a->start_date, a->end_date) <= 0);
		assert_true(text_ok(a->goals, sizeof a->goals, false));
	}
	assert_true(c->nact >= 2 * c->na && c->nact <= 6 * c->na);

	for (int i = 0; i < c->nt; i++) {
		const struct teacher *t = &c->t[i];
		assert_true(text_ok(t->staff_no, sizeof t->staff_no, false));
		assert_true(text_ok(t->name, sizeof t->name, false));
		assert_true(text_ok(t->subjects, sizeof t->subjects, false));
		assert_true(text_ok(t->title, sizeof t->title, false));
		assert_true(t->gender == 'M' || t->gender == 'F');
		assert_true(find_school(c, t->school_code) >= 0);
		assert_true(in_enum(t->education, education_items));
		assert_true(in_enum(t->backbone, backbone_items));
		assert_true(in_enum(t->employment, employment_items));
		assert_true(in_enum(t->post, post_items));
		assert_true(date_valid(t->birth_date) && date_valid(t->joined_school_on));
		int age = date_years_between(t->birth_date, DEMO_AS_OF);
		assert_true(age >= 23 && age <= 59);
		assert_true(date_years_between(t->birth_date, t->joined_school_on) >= 18);
		assert_true(strcmp(t->joined_school_on, DEMO_AS_OF) <= 0);
		if (t->post == POST_TEACHER) {
			assert_string_equal(t->post_since, "");
		} else {
			assert_true(date_valid(t->post_since));
			assert_true(strcmp(t->post_since, DEMO_AS_OF) < 0);
			assert_true(strcmp(t->joined_school_on, t->post_since) <= 0);
		}
		bool pe = strncmp(t->subjects, "体育", strlen("体育")) == 0 ||
			  strncmp(t->subjects, "音乐", strlen("音乐")) == 0 ||
			  strncmp(t->subjects, "美术", strlen("美术")) == 0;
		assert_int_equal(t->pe_art, pe);
	}
	for (int i = 0; i < c->ne; i++) {
		const struct exemption *e = &c->e[i];
		int ti = -1;
		for (int j = 0; j < c->nt && ti < 0; j++)
			if (strcmp(c->t[j].staff_no, e->staff_no) == 0)
				ti = j;
		assert_true(ti >= 0);
		assert_true(in_enum(e->kind, exemption_kind_items));
		assert_true(e->kind != EXM_MATERNITY || c->t[ti].gender == 'F');
		assert_true(date_valid(e->start_date) && date_valid(e->end_date));
		assert_true(strcmp(e->start_date, e->end_date) <= 0);
		assert_true(strcmp(e->start_date, "2024-01-01") >= 0);
		assert_true(strcmp(e->end_date, "2028-12-31") <= 0);
		assert_true(text_ok(e->note, sizeof e->note, false));
	}
}

static void test_deterministic(void **state)
{
	(void)state;
	struct coll a, b, c;
	run(&a, DEMO_COUNTY, DEMO_SEED);
	run(&b, DEMO_COUNTY, DEMO_SEED);
	run(&c, DEMO_COUNTY, DEMO_SEED + 1);
	assert_true(a.hash == b.hash);
	assert_int_equal(a.nt, b.nt);
	assert_int_equal(a.nact, b.nact);
	assert_true(a.hash != c.hash);
	done(&a), done(&b), done(&c);
}

static void test_county(void **state)
{
	(void)state;
	struct coll c;
	run(&c, DEMO_COUNTY, DEMO_SEED);
	assert_in_range(c.ns, 35, 45);
	assert_in_range(c.nt, 1300, 1700);
	check_integrity(&c);

	int level[5] = {0}, loc[3] = {0}, form[4] = {0};
	for (int i = 0; i < c.ns; i++)
		level[c.s[i].level]++, loc[c.s[i].location]++;
	for (int i = 0; i < c.nd; i++)
		form[c.d[i].form]++;
	assert_true(level[LEVEL_PRIMARY] > 0 && level[LEVEL_JUNIOR] > 0);
	assert_true(level[LEVEL_NINE_YEAR] > 0 && level[LEVEL_TEACHING_POINT] >= 2);
	assert_true(loc[LOC_URBAN] > 0 && loc[LOC_TOWN] > 0 && loc[LOC_RURAL] > 0);
	assert_int_equal(form[FORM_GROUP], 3);
	assert_true(form[FORM_PAIRING] >= 2 && form[FORM_INTEGRATED] >= 1);
	assert_true(find_district(&c, "柳江区拉堡小学教育集团") >= 0);
	assert_true(find_district(&c, "柳江区基隆开发区小学教育集团") >= 0);
	assert_true(find_district(&c, "柳江区第二中学教育集团") >= 0);

	/* shares the eligibility and quota screens are about */
	int backbone = 0, six = 0, sept1 = 0, sept2 = 0, principals = 0;
	for (int i = 0; i < c.nt; i++) {
		const struct teacher *t = &c.t[i];
		backbone += t->backbone != BB_NONE;
		six += date_years_between(t->joined_school_on, DEMO_AS_OF) >= 6;
		sept1 += strcmp(t->joined_school_on, "2020-09-01") == 0;
		sept2 += strcmp(t->joined_school_on, "2020-09-02") == 0;
		principals += t->post == POST_PRINCIPAL;
	}
	assert_in_range(backbone * 100 / c.nt, 9, 14);
	assert_in_range(c.ne * 100 / c.nt, 3, 6);
	assert_in_range(six * 100 / c.nt, 30, 69);
	assert_true(sept1 > 0 && sept2 > 0);
	assert_int_equal(principals, c.ns);
	done(&c);
}

static void test_city(void **state)
{
	(void)state;
	struct coll c, again;
	run(&c, DEMO_CITY, DEMO_SEED);
	assert_in_range(c.ns, 550, 650);
	assert_in_range(c.nt, 27000, 33000);
	assert_true(c.nd > 50);
	check_integrity(&c);
	run(&again, DEMO_CITY, DEMO_SEED);
	assert_true(c.hash == again.hash);
	done(&c), done(&again);
}

/* Stops after a given number of records of any kind. */
struct stopper {
	int left, calls, after_stop;
	bool stopped;
};

static int tick(struct stopper *st)
{
	st->calls++;
	if (st->stopped)
		st->after_stop++;
	if (--st->left == 0) {
		st->stopped = true;
		return 42;
	}
	return 0;
}

static int st_school(void *ctx, const struct school *s)
{
	(void)s;
	return tick(ctx);
}
static int st_district(void *ctx, const struct district *d)
{
	(void)d;
	return tick(ctx);
}
static int st_member(void *ctx, const struct member *m)
{
	(void)m;
	return tick(ctx);
}
static int st_agreement(void *ctx, const struct agreement *a)
{
	(void)a;
	return tick(ctx);
}
static int st_activity(void *ctx, const struct agreement *a, const struct activity *act)
{
	(void)a, (void)act;
	return tick(ctx);
}
static int st_teacher(void *ctx, const struct teacher *t)
{
	(void)t;
	return tick(ctx);
}
static int st_exemption(void *ctx, const struct exemption *e)
{
	(void)e;
	return tick(ctx);
}

static void test_stop(void **state)
{
	(void)state;
	struct coll c;
	run(&c, DEMO_COUNTY, DEMO_SEED);
	int total = c.ns + c.nd + c.nm + c.na + c.nact + c.nt + c.ne;
	/* the first school, a district, an activity, a teacher, the last exemption */
	int at[] = {1, c.ns + 1, c.ns + c.nd + c.nm + 3, total - c.ne - 5, total};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		struct stopper st = {at[i], 0, 0, false};
		struct demo_sink sink = {&st,	      st_school,  st_district, st_member,
					 st_agreement, st_activity, st_teacher,	st_exemption};
		assert_int_equal(demo_generate(DEMO_COUNTY, DEMO_SEED, &sink), 42);
		assert_int_equal(st.calls, at[i]);
		assert_int_equal(st.after_stop, 0);
	}
	/* without callbacks, or without a sink, nothing happens and nothing fails */
	struct demo_sink none = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
	assert_int_equal(demo_generate(DEMO_COUNTY, DEMO_SEED, &none), 0);
	assert_int_equal(demo_generate(DEMO_CITY, DEMO_SEED, NULL), 0);
	done(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_county),
		cmocka_unit_test(test_city),
		cmocka_unit_test(test_stop),
	};
	return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}
