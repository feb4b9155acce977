/* demo.c: the demo data generator. Lays out a county modelled on 柳江区 (or all of 柳州市):
 * towns and their schools with resource figures, districts in the forms of the 2018 reform
 * plan, nested support agreements with activities, teachers and exemptions. Pure and
 * deterministic: one splitmix64 stream per county, agreement and school, integer
 * arithmetic throughout. */
#define XQ_DEMO_TABLES
#include "demo.h"

#include <stdarg.h>
#include <string.h>

/* ---- the generator's state ---- */

/* What a school is within its town; decides its name, size and place in districts. */
enum tag {
	T_SEAT_C, T_SEAT_2, T_SEAT_3, T_SEAT_EXP, T_J2, T_J3, T_ZONE_EXP, T_ZONE_2, T_ST_1, T_ST_2,
	T_ST_3, T_ST_J, T_ST_9, T_CENTRAL, T_TOWN_J, T_VILLAGE, T_V9, T_TP
};

struct sch {
	struct school s;
	int county, town, tag, district; /* district: current one, -1 when none */
	int64_t x, y;			  /* metres east and north of the county centre */
	long opened;			  /* day the school opened, 0 when long ago */
	long nteach;
	int tune;			  /* enum demo_tune */
};

struct gtown {
	const struct demo_town *t;
	int64_t x, y; /* metres from the county centre */
	int central, junior; /* school indices, -1 when none */
};

struct dist {
	struct district d;
	int lead;
};

struct agr {
	int from, to;
};

struct gen {
	uint64_t seed;
	struct sch *s;
	int ns, cs;
	struct gtown *t;
	int nt, ct;
	struct dist *d;
	int nd, cd;
	struct member *m;
	int nm, cm;
	struct agr *a;
	int na, ca;
	struct exemption *e;
	int ne, ce;
};

/* Room for one more zeroed element at the end of g->arr; evaluates to its index. */
#define PUSH(g, arr, n, cap)                                                                   \
	((g)->n == (g)->cap ? ((g)->cap = (g)->cap ? (g)->cap * 2 : 64,                       \
			       (g)->arr = xrealloc((g)->arr, (size_t)(g)->cap * sizeof *(g)->arr)) \
			    : NULL,                                                            \
	 memset(&(g)->arr[(g)->n], 0, sizeof *(g)->arr), (g)->n++)

/* A point between rmin and rmax metres from (cx, cy). */
static void ring(struct rng *r, int64_t cx, int64_t cy, long rmin, long rmax, int64_t *x,
		 int64_t *y)
{
	for (;;) {
		int64_t dx = rnd(r, -rmax, rmax), dy = rnd(r, -rmax, rmax);
		int64_t d2 = dx * dx + dy * dy;
		if (d2 >= (int64_t)rmin * rmin && d2 <= (int64_t)rmax * rmax) {
			*x = cx + dx;
			*y = cy + dy;
			return;
		}
	}
}

static int64_t dist2(int64_t x1, int64_t y1, int64_t x2, int64_t y2)
{
	return (x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2);
}

/* Squared distance of town ti from (x, y). */
static int64_t tdist(const struct gen *g, int ti, int64_t x, int64_t y)
{
	return dist2(g->t[ti].x, g->t[ti].y, x, y);
}

/* A direction from the county centre, growing counter-clockwise from east: 0..3999. */
static long angle(const struct gtown *t)
{
	int64_t ax = t->x < 0 ? -t->x : t->x, ay = t->y < 0 ? -t->y : t->y;
	long q = ax + ay ? (long)(ay * 1000 / (ax + ay)) : 0;
	return t->x >= 0 ? (t->y >= 0 ? q : 4000 - q) : (t->y >= 0 ? 2000 - q : 2000 + q);
}

/* ---- schools ---- */

static bool tag_urban(int tag)
{
	return tag <= T_ST_9;
}

static int tag_level(int tag)
{
	switch (tag) {
	case T_J2: case T_J3: case T_ST_J: case T_TOWN_J:
		return LEVEL_JUNIOR;
	case T_ST_9: case T_V9:
		return LEVEL_NINE_YEAR;
	case T_TP:
		return LEVEL_TEACHING_POINT;
	default:
		return LEVEL_PRIMARY;
	}
}

/* Where new schools go: county, town, the county's random stream and code sequence. */
struct place {
	struct gen *g;
	int ci, ti;
	struct rng *r;
	int seq;
	long code_base;
	bool used[256]; /* village names taken in the county */
	int nused;
};

/* Adds a school of the place; fmt gives "name|short name". */
__attribute__((format(printf, 3, 4))) static int school(struct place *p, int tag,
							const char *fmt, ...)
{
	static const long size[][2] = {
		[T_SEAT_C] = {2400, 3200},   [T_SEAT_2] = {1500, 1800}, [T_SEAT_3] = {900, 1200},
		[T_SEAT_EXP] = {2400, 3200}, [T_J2] = {2300, 3000},	[T_J3] = {1600, 2200},
		[T_ZONE_EXP] = {2300, 3100}, [T_ZONE_2] = {1500, 1800}, [T_ST_1] = {2400, 3500},
		[T_ST_2] = {1800, 2800},     [T_ST_3] = {1600, 2600},	[T_ST_J] = {1800, 3000},
		[T_ST_9] = {1500, 2500},     [T_CENTRAL] = {500, 850},	[T_TOWN_J] = {450, 800},
		[T_VILLAGE] = {100, 300},    [T_V9] = {300, 600},	[T_TP] = {20, 80},
	};
	const struct demo_county *c = &demo_counties[p->ci];
	struct gtown *tw = &p->g->t[p->ti];
	int i = PUSH(p->g, s, ns, cs);
	struct sch *x = &p->g->s[i];
	school_init(&x->s);
	x->county = p->ci;
	x->town = p->ti;
	x->tag = tag;
	x->district = -1;
	char buf[NAME_LEN + SHORT_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *bar = strchr(buf, '|');
	*bar = '\0';
	xq_copy(x->s.name, sizeof x->s.name, buf);
	xq_copy(x->s.short_name, sizeof x->s.short_name, bar + 1);
	snprintf(x->s.code, sizeof x->s.code, "2145%s%04ld", c->code,
		 (long)((p->code_base + (int64_t)p->seq++ * 7919) % 10000));
	x->s.level = tag_level(tag);
	x->s.location = tag_urban(tag)				   ? LOC_URBAN
			: tag == T_CENTRAL || tag == T_TOWN_J ? LOC_TOWN
							      : LOC_RURAL;
	xq_copy(x->s.town, sizeof x->s.town, tw->t->name);
	long rmin = 300, rmax = 2500;
	if (tag == T_CENTRAL || tag == T_TOWN_J)
		rmin = 0, rmax = 900;
	else if (tag == T_VILLAGE || tag == T_V9)
		rmin = 2000, rmax = 9000;
	else if (tag == T_TP)
		rmin = 4000, rmax = 12000;
	ring(p->r, tw->x, tw->y, rmin, rmax, &x->x, &x->y);
	x->s.lat = (double)(c->lat_u + x->y * 1000000 / 111320) / 1e6;
	x->s.lon = (double)(c->lon_u + x->x * 1000000 / 101000) / 1e6;
	x->nteach = demo_figures(&x->s, size[tag][0], size[tag][1], p->r);
	x->tune = demo_tune_pick(i, tag >= T_CENTRAL && tag != T_TP); /* town and village schools */
	demo_tune_school(&x->s, x->tune);
	if (tag == T_SEAT_3)
		x->opened = ymd(2019, 9, 1); /* a new school */
	return i;
}

/* The schools of one town: extras is its number of village schools, the second of them a
 * nine-year school when nine, the last a teaching point when tp. */
static void town_schools(struct place *p, int extras, bool nine, bool tp, bool has_zone)
{
	const char *cn = demo_counties[p->ci].name, *cs = demo_counties[p->ci].short_name;
	struct gtown *tw = &p->g->t[p->ti];
	const char *tn = tw->t->name, *ts = tw->t->short_name;
	struct rng *r = p->r;
	int k = tw->t->kind, villages = 0;
	if (k == DT_SEAT) {
		school(p, T_SEAT_C, "%s%s中心小学|%s小学", cn, tn, ts);
		school(p, T_SEAT_2, "%s%s第二小学|%s二小", cn, tn, ts);
		school(p, T_SEAT_3, "%s%s第三小学|%s三小", cn, tn, ts);
		if (!has_zone)
			school(p, T_SEAT_EXP, "%s实验小学|%s实验小学", cn, cs);
		school(p, T_J2, "%s第二中学|%s二中", cn, cs);
		if (!has_zone)
			school(p, T_J3, "%s第三中学|%s三中", cn, cs);
		villages = 2;
	} else if (k == DT_ZONE) {
		school(p, T_ZONE_EXP, "%s%s实验小学|%s实验小学", cn, tn, ts);
		school(p, T_ZONE_2, "%s%s第二小学|%s二小", cn, tn, ts);
		villages = 2;
	} else if (k == DT_STREET) {
		school(p, T_ST_1, "%s%s小学|%s小学", cn, ts, ts);
		school(p, T_ST_2, "%s%s第二小学|%s二小", cn, ts, ts);
		if (chance(r, 800))
			school(p, T_ST_3, "%s%s第三小学|%s三小", cn, ts, ts);
		if (chance(r, 300))
			school(p, T_ST_3, "%s%s第四小学|%s四小", cn, ts, ts);
		if (chance(r, 900))
			school(p, T_ST_J, "%s%s中学|%s中学", cn, ts, ts);
		if (chance(r, 400))
			school(p, T_ST_9, "%s%s实验学校|%s实验学校", cn, ts, ts);
	} else {
		tw->central = school(p, T_CENTRAL, "%s%s中心小学|%s小学", cn, tn, ts);
		tw->junior = school(p, T_TOWN_J, "%s%s中学|%s中学", cn, tn, ts);
		villages = extras;
	}
	/* village schools, village nine-year schools and teaching points, distinct names */
	for (int v = 0; v < villages; v++) {
		if (p->nused >= demo_nvillages || p->nused >= 256) /* all taken: start over */
			memset(p->used, 0, sizeof p->used), p->nused = 0;
		int q;
		do
			q = (int)rnd(r, 0, (demo_nvillages < 256 ? demo_nvillages : 256) - 1);
		while (p->used[q]);
		p->used[q] = true;
		p->nused++;
		const char *vn = demo_villages[q];
		if (v == 1 && nine)
			school(p, T_V9, "%s%s%s学校|%s学校", cn, tn, vn, vn);
		else if (k == DT_TOWN && v > 0 && ((tp && v == villages - 1) || chance(r, 350)))
			school(p, T_TP, "%s%s%s村教学点|%s教学点", cn, tn, vn, vn);
		else
			school(p, T_VILLAGE, "%s%s%s村小学|%s小学", cn, tn, vn, vn);
	}
}

/* Places the towns of county ci and builds their schools. */
static void build_schools(struct gen *g, int ci)
{
	const struct demo_county *c = &demo_counties[ci];
	struct rng r;
	rng_seed(&r, g->seed, 1, (uint64_t)ci);
	int t0 = g->nt, ntown = 0;
	bool has_zone = false;
	for (int i = 0; i < c->ntowns; i++) {
		const struct demo_town *tw = &c->towns[i];
		int ti = PUSH(g, t, nt, ct);
		struct gtown *gt = &g->t[ti];
		gt->t = tw;
		gt->central = gt->junior = -1;
		has_zone |= tw->kind == DT_ZONE;
		ntown += tw->kind == DT_TOWN;
		if (c->placed) {
			gt->x = tw->dx_km * 1000L + rnd(&r, -500, 500);
			gt->y = tw->dy_km * 1000L + rnd(&r, -500, 500);
			continue;
		}
		if (tw->kind == DT_SEAT)
			continue; /* at the centre */
		bool street = tw->kind == DT_STREET;
		long rmin = street ? 800 : c->urban ? 9000 : 10000;
		long rmax = street ? 6000 : c->urban ? 22000 : 40000;
		long sep = street ? 1800 : 9000;
		for (int tries = 0; tries < 400; tries++) {
			ring(&r, 0, 0, rmin, rmax, &gt->x, &gt->y);
			bool ok = true;
			for (int j = t0; j < ti; j++)
				ok &= tdist(g, j, gt->x, gt->y) >= (int64_t)sep * sep;
			if (ok)
				break;
		}
	}
	/* one village school in each town, the rest of the villages spread among them */
	int per[64] = {0}, extra = c->urban ? ntown * 5 / 2 : ci == 0 ? ntown * 2 : ntown * 7 / 2;
	for (int i = 0; i < ntown && i < 64; i++)
		per[i] = 1;
	for (int left = extra - ntown; left > 0; left--) {
		int i = (int)rnd(&r, 0, ntown - 1);
		if (per[i] < 6)
			per[i]++;
		else
			left++;
	}
	/* a quarter of the towns have a village nine-year school, half a teaching point */
	bool nine[64] = {false}, tp[64] = {false};
	for (int q = 0, tries = 0; q < ntown / 4 && tries < 200; tries++) {
		int i = (int)rnd(&r, 0, ntown - 1);
		if (per[i] >= 2 && !nine[i])
			nine[i] = true, q++;
	}
	for (int q = 0, tries = 0; q < ntown / 2 && tries < 200; tries++) {
		int i = (int)rnd(&r, 0, ntown - 1);
		if (per[i] >= 2 + nine[i] && !tp[i])
			tp[i] = true, q++;
	}
	struct place p = {g, ci, 0, &r, 0, rnd(&r, 0, 9999), {false}, 0};
	for (int ti = t0, k = 0; ti < g->nt; ti++, k += g->t[ti - 1].t->kind == DT_TOWN) {
		p.ti = ti;
		bool town = g->t[ti].t->kind == DT_TOWN;
		town_schools(&p, town ? per[k] : 0, town && nine[k], town && tp[k], has_zone);
	}
}

/* ---- districts ---- */

static void add_member(struct gen *g, int di, int si, long from, long to)
{
	struct sch *x = &g->s[si];
	int i = PUSH(g, m, nm, cm);
	struct member *m = &g->m[i];
	xq_copy(m->district_name, sizeof m->district_name, g->d[di].d.name);
	xq_copy(m->school_code, sizeof m->school_code, x->s.code);
	m->role = g->d[di].lead == si ? ROLE_LEAD : ROLE_MEMBER;
	if (x->opened > from)
		from = x->opened;
	put_date(m->from_date, from);
	if (to)
		put_date(m->to_date, to);
	else
		x->district = di;
}

static int new_district(struct gen *g, const char *name, int form, int lead, long est,
			const char *towns)
{
	int di = PUSH(g, d, nd, cd);
	struct dist *d = &g->d[di];
	xq_copy(d->d.name, sizeof d->d.name, name);
	d->d.form = form;
	d->lead = lead;
	xq_copy(d->d.lead_school_code, sizeof d->d.lead_school_code, g->s[lead].s.code);
	put_date(d->d.established_on, est);
	const char *vals[5] = {g->s[lead].s.short_name, towns, NULL, NULL, NULL};
	demo_subst(d->d.note, sizeof d->d.note, demo_district_notes[form], vals);
	add_member(g, di, lead, est, 0);
	return di;
}

static void add_agreement(struct gen *g, int from, int to)
{
	int i = PUSH(g, a, na, ca);
	g->a[i].from = from;
	g->a[i].to = to;
}

/* Adds the schools of town ti that are not yet in a district (villages leave some out). */
static void join_town(struct gen *g, int di, int ti, long est, struct rng *r, bool all)
{
	for (int i = 0; i < g->ns; i++) {
		struct sch *x = &g->s[i];
		if (x->town != ti || x->district >= 0 || x->tag == T_TOWN_J)
			continue;
		bool small = x->tag == T_VILLAGE || x->tag == T_V9 || x->tag == T_TP;
		if (small && !all && chance(r, x->tag == T_TP ? 250 : 40))
			continue;
		long from = est;
		if (small && chance(r, 200))
			from = ymd(2020 + (int)rnd(r, 0, 2), 9, 1);
		add_member(g, di, i, from, 0);
	}
}

/* First school of town ti with the tag and no district, or -1. */
static int find(struct gen *g, int ti, int tag)
{
	for (int i = 0; i < g->ns; i++)
		if (g->s[i].town == ti && g->s[i].tag == tag && g->s[i].district < 0)
			return i;
	return -1;
}

/* "百朋、土博" */
static void town_list(struct gen *g, const int *towns, int n, char *out, size_t size, bool full)
{
	struct strbuf b;
	sb_init(&b);
	for (int i = 0; i < n; i++) {
		sb_adds(&b, i ? "、" : "");
		sb_adds(&b, full ? g->t[towns[i]].t->name : g->t[towns[i]].t->short_name);
	}
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
}

/* A pairing of lead with the town schools of tag mtag in towns[0..n). */
static int pairing(struct gen *g, int lead, const int *towns, int n, int mtag, long est,
		   struct rng *r)
{
	char list[96], full[NAME_LEN], name[NAME_LEN];
	town_list(g, towns, n, list, sizeof list, false);
	town_list(g, towns, n, full, sizeof full, true);
	snprintf(name, sizeof name, "%s—%s%s城乡帮扶学区", g->t[g->s[lead].town].t->short_name,
		 list, mtag == T_TOWN_J ? "初中" : "");
	int di = new_district(g, name, FORM_PAIRING, lead, est, full);
	for (int k = 0; k < n; k++) {
		int si = mtag == T_TOWN_J ? g->t[towns[k]].junior : g->t[towns[k]].central;
		if (si != lead && g->s[si].district < 0) {
			add_member(g, di, si, est, 0);
			add_agreement(g, lead, si);
		}
		if (mtag == T_CENTRAL)
			join_town(g, di, towns[k], est, r, false);
	}
	return di;
}

static long students(struct gen *g, int si)
{
	return si < 0 ? -1 : g->s[si].s.students;
}

/* A rural county: groups at the seat, pairings of urban and strong town schools with town
 * central schools, an integrated district far out, and pairings of town junior schools. */
static void rural_districts(struct gen *g, int ci, int t0, int t1, struct rng *r)
{
	const char *cn = demo_counties[ci].name;
	char name[NAME_LEN];
	int seat = -1, zone = -1, T[64], nT = 0;
	for (int ti = t0; ti < t1; ti++) {
		int k = g->t[ti].t->kind;
		if (k == DT_SEAT)
			seat = ti;
		else if (k == DT_ZONE)
			zone = ti;
		else if (nT < 64)
			T[nT++] = ti;
	}
	/* towns by distance from the seat, nearest first */
	for (int i = 1; i < nT; i++)
		for (int j = i; j > 0 && dist2(g->t[T[j]].x, g->t[T[j]].y, 0, 0) <
					     dist2(g->t[T[j - 1]].x, g->t[T[j - 1]].y, 0, 0);
		     j--) {
			int tmp = T[j];
			T[j] = T[j - 1];
			T[j - 1] = tmp;
		}
	long g_est = ymd(2018, chance(r, 500) ? 3 : 9, 1), p_est = ymd(2018, 9, 1);

	int lead = find(g, seat, T_SEAT_C);
	snprintf(name, sizeof name, "%s%s小学教育集团", cn, g->t[seat].t->short_name);
	int di = new_district(g, name, FORM_GROUP, lead, g_est, NULL);
	for (int i = 0; i < g->ns; i++)
		if (g->s[i].town == seat && (g->s[i].tag == T_SEAT_3 || g->s[i].tag == T_VILLAGE)) {
			add_member(g, di, i, g_est, 0);
			add_agreement(g, lead, i);
		}
	if (zone >= 0) {
		lead = find(g, zone, T_ZONE_EXP);
		snprintf(name, sizeof name, "%s%s小学教育集团", cn, g->t[zone].t->name);
		di = new_district(g, name, FORM_GROUP, lead, g_est, NULL);
		for (int i = 0; i < g->ns; i++)
			if (g->s[i].town == zone && g->s[i].tag == T_VILLAGE) {
				add_member(g, di, i, g_est, 0);
				add_agreement(g, lead, i);
			}
	}
	lead = find(g, seat, T_J2);
	snprintf(name, sizeof name, "%s第二中学教育集团", cn);
	di = new_district(g, name, FORM_GROUP, lead, g_est, NULL);
	for (int k = 0; k < 2 && k < nT; k++) {
		add_member(g, di, g->t[T[k]].junior, g_est, 0);
		add_agreement(g, lead, g->t[T[k]].junior);
	}

	/* integrated: the outer towns with the most village schools; primary pairings: urban
	 * leads at the seat, and the biggest town central schools farther out */
	int L[16], nL = 0, ni = nT / 7 < 1 ? 1 : nT / 7, ns = 1, integ[8];
	L[nL++] = find(g, seat, T_SEAT_2);
	L[nL++] = zone >= 0 ? find(g, zone, T_ZONE_2) : find(g, seat, T_SEAT_EXP);
	ni = ni > 8 ? 8 : ni;
	while ((nL + ns) * 3 < nT - ni - ns && nL + ns < 16)
		ns++;
	bool taken[64] = {false};
	for (int s = 0; s < ni + ns; s++) {
		int best = -1;
		long bv = -1;
		for (int k = 2; k < nT; k++) {
			long v = 0;
			for (int i = 0; s < ni && i < g->ns; i++)
				v += g->s[i].town == T[k] && g->s[i].tag >= T_VILLAGE;
			v = s < ni ? v * 100 + k : students(g, g->t[T[k]].central);
			for (int l = 1; s >= ni && l < nL; l++) /* strong leads far apart */
				if (dist2(g->t[T[k]].x, g->t[T[k]].y, g->t[g->s[L[l]].town].x,
					  g->t[g->s[L[l]].town].y) < 20000L * 20000L)
					v -= 100000;
			if (!taken[k] && v > bv)
				best = k, bv = v;
		}
		if (best < 0)
			break;
		taken[best] = true;
		if (s < ni)
			integ[s] = T[best];
		else
			L[nL++] = g->t[T[best]].central;
	}
	/* each town goes to the nearest strong town lead nearer than the seat (five at most);
	 * the urban leads share the rest by direction, so that neighbours go together */
	int members[16][64], nm[16] = {0}, pd[16], sg[64], nsg = 0;
	for (int k = 0; k < nT; k++) {
		struct gtown *tk = &g->t[T[k]];
		int best = -1;
		int64_t bd = dist2(tk->x, tk->y, 0, 0);
		for (int l = 2; l < nL && !taken[k]; l++) {
			struct gtown *lt = &g->t[g->s[L[l]].town];
			int64_t d = dist2(lt->x, lt->y, tk->x, tk->y);
			if (nm[l] < 5 && d < bd)
				best = l, bd = d;
		}
		if (taken[k])
			continue;
		if (best >= 0)
			members[best][nm[best]++] = T[k];
		else
			sg[nsg++] = T[k];
	}
	for (int i = 1; i < nsg; i++)
		for (int j = i; j > 0 && angle(&g->t[sg[j]]) < angle(&g->t[sg[j - 1]]); j--) {
			int tmp = sg[j];
			sg[j] = sg[j - 1];
			sg[j - 1] = tmp;
		}
	int start = 0; /* after the widest gap between directions */
	for (int q = 0, gap = -1; q < nsg; q++) {
		long a0 = angle(&g->t[sg[(q + nsg - 1) % nsg]]), a1 = angle(&g->t[sg[q]]);
		long w = q ? a1 - a0 : a1 + 4000 - a0;
		if (w > gap)
			gap = (int)w, start = q;
	}
	for (int q = 0; q < nsg; q++)
		members[q * 2 / nsg][nm[q * 2 / nsg]++] = sg[(start + q) % nsg];
	for (int l = 2; l < nL; l++) { /* a strong lead nobody is nearer to joins a neighbour */
		struct gtown *lt = &g->t[g->s[L[l]].town];
		int best = 0;
		for (int m = 1; m < nL && nm[l] == 0; m++) {
			struct gtown *mt = &g->t[g->s[L[m]].town], *bt = &g->t[g->s[L[best]].town];
			if (m != l &&
			    dist2(mt->x, mt->y, lt->x, lt->y) < dist2(bt->x, bt->y, lt->x, lt->y))
				best = m;
		}
		if (nm[l] == 0)
			members[best][nm[best]++] = g->s[L[l]].town;
	}
	for (int l = 0; l < nL; l++) {
		pd[l] = -1;
		if (nm[l] > 0) {
			pd[l] = pairing(g, L[l], members[l], nm[l], T_CENTRAL, p_est, r);
			if (g->s[L[l]].tag == T_CENTRAL) /* a town lead brings its own villages */
				join_town(g, pd[l], g->s[L[l]].town, p_est, r, false);
		}
	}
	for (int s = 0; s < ni; s++) {
		/* the central school left the nearest pairing when the district was formed */
		int c = g->t[integ[s]].central, near = -1;
		long est = ymd(2020, 9, 1);
		int64_t bd = 0;
		for (int l = 0; l < nL; l++) {
			struct gtown *lt = &g->t[g->s[L[l]].town];
			int64_t d = dist2(lt->x, lt->y, g->t[integ[s]].x, g->t[integ[s]].y);
			if (pd[l] >= 0 && (near < 0 || d < bd))
				near = pd[l], bd = d;
		}
		if (near >= 0)
			add_member(g, near, c, p_est, est - 1);
		snprintf(name, sizeof name, "%s%s一体化管理学区", cn, g->t[integ[s]].t->name);
		di = new_district(g, name, FORM_INTEGRATED, c, est, g->t[integ[s]].t->name);
		join_town(g, di, integ[s], est, r, true);
	}

	/* junior pairings: the third middle school or the biggest junior school left leads its
	 * nearest neighbours; the farthest junior schools stay out */
	int J[64], nJ = 0;
	bool used[64] = {false};
	for (int k = 2; k < nT; k++)
		J[nJ++] = T[k];
	nJ -= nJ >= 5 ? 2 : nJ >= 3 ? 1 : 0;
	for (int jl = find(g, seat, T_J3);; jl = -1) {
		int64_t lx = 0, ly = 0;
		if (jl < 0) {
			int b = -1;
			for (int q = 0; q < nJ; q++)
				if (!used[q] && (b < 0 || students(g, g->t[J[q]].junior) >
								students(g, g->t[J[b]].junior)))
					b = q;
			if (b < 0)
				break;
			used[b] = true;
			jl = g->t[J[b]].junior;
			lx = g->t[J[b]].x, ly = g->t[J[b]].y;
		}
		int mem[4], n = 0, max = g->s[jl].tag == T_J3 ? 4 : 3;
		while (n < max) {
			int b = -1;
			for (int q = 0; q < nJ; q++)
				if (!used[q] &&
				    (b < 0 || tdist(g, J[q], lx, ly) < tdist(g, J[b], lx, ly)))
					b = q;
			if (b < 0 || tdist(g, J[b], lx, ly) > (int64_t)40000 * 40000)
				break; /* none within 40 km */
			used[b] = true;
			mem[n++] = J[b];
		}
		if (n > 0)
			pairing(g, jl, mem, n, T_TOWN_J, p_est, r);
	}
}

/* A city district: pairings of streets with its towns, a junior group, then street by
 * street an education group or an alliance. */
static void urban_districts(struct gen *g, int ci, int t0, int t1, struct rng *r)
{
	const char *cn = demo_counties[ci].name;
	char name[NAME_LEN];
	int S[32], nS = 0, T[16], nT = 0;
	for (int ti = t0; ti < t1; ti++)
		if (g->t[ti].t->kind == DT_STREET && nS < 32)
			S[nS++] = ti;
		else if (g->t[ti].t->kind == DT_TOWN && nT < 16)
			T[nT++] = ti;
	long g_est = ymd(2018, 9, 1), a_est = ymd(2021, 9, 1);
	for (int k = 0; k < nT; k++) {
		int lead = find(g, S[k % nS], T_ST_2);
		if (lead >= 0)
			pairing(g, lead, &T[k], 1, T_CENTRAL, g_est, r);
	}
	/* junior groups of four, led by the biggest junior school left */
	for (bool towns = true;; towns = false) {
		int jl = -1, n = 0;
		for (int i = 0; i < g->ns; i++)
			if (g->s[i].county == ci && g->s[i].tag == T_ST_J && g->s[i].district < 0 &&
			    (n++, jl < 0 || g->s[i].s.students > g->s[jl].s.students))
				jl = i;
		if (n < 2)
			break;
		snprintf(name, sizeof name, "%s%s教育集团", cn, g->s[jl].s.short_name);
		int di = new_district(g, name, FORM_GROUP, jl, g_est, NULL);
		n = 0;
		for (int i = 0; i < g->ns && n < 3; i++)
			if (g->s[i].county == ci && g->s[i].tag == T_ST_J && g->s[i].district < 0)
				add_member(g, di, i, g_est, 0), add_agreement(g, jl, i), n++;
		for (int k = 0; towns && k < nT; k++)
			add_member(g, di, g->t[T[k]].junior, g_est, 0),
				add_agreement(g, jl, g->t[T[k]].junior);
	}
	for (int k = 0; k < nS; k++) {
		int ti = S[k], lead = -1, any = -1, n = 0, prim = 0;
		for (int i = 0; i < g->ns; i++)
			if (g->s[i].town == ti && g->s[i].district < 0) {
				n++;
				prim += g->s[i].tag != T_ST_J;
				any = any < 0 ? i : any;
				lead = lead < 0 && g->s[i].tag != T_ST_J ? i : lead;
			}
		lead = lead < 0 ? any : lead;
		int next = k % 2 == 0 && k + 1 < nS ? find(g, S[k + 1], T_ST_3) : -1;
		if (k % 2 == 0 && prim >= 1 && prim + (next >= 0) >= 2) {
			snprintf(name, sizeof name, "%s%s小学教育集团", cn, g->t[ti].t->short_name);
			int di = new_district(g, name, FORM_GROUP, lead, g_est, NULL);
			for (int i = 0; i < g->ns; i++)
				if (g->s[i].town == ti && g->s[i].district < 0 &&
				    g->s[i].tag != T_ST_J)
					add_member(g, di, i, g_est, 0), add_agreement(g, lead, i);
			if (next >= 0)
				add_member(g, di, next, a_est, 0), add_agreement(g, lead, next);
		} else if (n >= 2) {
			snprintf(name, sizeof name, "%s%s学区联盟", cn, g->t[ti].t->short_name);
			int di = new_district(g, name, FORM_ALLIANCE, lead, a_est, NULL);
			for (int i = 0; i < g->ns; i++)
				if (g->s[i].town == ti && g->s[i].district < 0)
					add_member(g, di, i, a_est, 0);
		}
	}
}

/* Each town central school supports its village schools and teaching points, and the town
 * junior school its village nine-year schools. */
static void town_agreements(struct gen *g, int t0, int t1)
{
	for (int i = 0; i < g->ns; i++) {
		struct sch *x = &g->s[i];
		if (x->town < t0 || x->town >= t1 || g->t[x->town].t->kind != DT_TOWN)
			continue;
		if (x->tag == T_VILLAGE || x->tag == T_TP)
			add_agreement(g, g->t[x->town].central, i);
		else if (x->tag == T_V9)
			add_agreement(g, g->t[x->town].junior, i);
	}
}

/* ---- agreements and activities ---- */

static int emit_agreement(struct gen *g, int k, const struct demo_sink *sink)
{
	struct rng r;
	rng_seed(&r, g->seed, 3, (uint64_t)k);
	const struct sch *a = &g->s[g->a[k].from], *b = &g->s[g->a[k].to];
	struct agreement ag;
	struct activity act[6];
	memset(&ag, 0, sizeof ag);
	xq_copy(ag.supporting_code, sizeof ag.supporting_code, a->s.code);
	xq_copy(ag.supported_code, sizeof ag.supported_code, b->s.code);
	int n = demo_agreement(&r, a->s.short_name, b->s.short_name, &ag, act), rc = 0;
	if (sink->agreement)
		rc = sink->agreement(sink->ctx, &ag);
	for (int i = 0; i < n && !rc; i++)
		if (sink->activity)
			rc = sink->activity(sink->ctx, &ag, &act[i]);
	return rc;
}

/* The teachers of school si; their exemptions wait in g->e. */
static int emit_teachers(struct gen *g, int si, long *staff_seq, long staff_base,
			 const struct demo_sink *sink)
{
	const struct sch *x = &g->s[si];
	struct rng r;
	rng_seed(&r, g->seed, 4, (uint64_t)si);
	long n = x->nteach;
	struct teacher *ts = xmalloc((size_t)n * sizeof *ts);
	int *age = xmalloc((size_t)n * sizeof *age), rc = 0;
	demo_staff(&x->s, x->opened, &r, n, ts, age);
	demo_tune_teachers(&x->s, x->tune, ts, n);
	for (long i = 0; i < n && !rc; i++) {
		/* a permutation of 0..99999, so that numbers do not run in school order */
		long k = (long)((staff_base + (int64_t)(*staff_seq)++ * 37397) % 100000);
		snprintf(ts[i].staff_no, sizeof ts[i].staff_no, "T%s%05ld",
			 demo_counties[x->county].code, k);
		struct exemption ex;
		if (demo_exemption(&r, &ts[i], age[i], &ex)) {
			int j = PUSH(g, e, ne, ce);
			g->e[j] = ex;
		}
		if (sink->teacher)
			rc = sink->teacher(sink->ctx, &ts[i]);
	}
	free(ts);
	free(age);
	return rc;
}

/* ---- the whole ---- */

int demo_generate(enum demo_scale scale, uint64_t seed, const struct demo_sink *sink)
{
	static const struct demo_sink none;
	if (!sink)
		sink = &none;
	struct gen gen, *g = &gen;
	memset(g, 0, sizeof *g);
	g->seed = seed;
	int ncounty = scale == DEMO_CITY ? demo_ncounties : 1, rc = 0;
	for (int ci = 0; ci < ncounty; ci++) {
		int t0 = g->nt;
		build_schools(g, ci);
		struct rng r;
		rng_seed(&r, seed, 2, (uint64_t)ci);
		if (demo_counties[ci].urban)
			urban_districts(g, ci, t0, g->nt, &r);
		else
			rural_districts(g, ci, t0, g->nt, &r);
		town_agreements(g, t0, g->nt);
	}
	for (int i = 0; i < g->ns && !rc; i++)
		if (sink->school)
			rc = sink->school(sink->ctx, &g->s[i].s);
	for (int i = 0; i < g->nd && !rc; i++)
		if (sink->district)
			rc = sink->district(sink->ctx, &g->d[i].d);
	for (int i = 0; i < g->nm && !rc; i++)
		if (sink->member)
			rc = sink->member(sink->ctx, &g->m[i]);
	for (int i = 0; i < g->na && !rc; i++)
		rc = emit_agreement(g, i, sink);
	long seq[16] = {0}, base[16];
	for (int ci = 0; ci < ncounty && ci < 16; ci++) {
		struct rng r;
		rng_seed(&r, seed, 5, (uint64_t)ci);
		base[ci] = rnd(&r, 0, 99999);
	}
	for (int i = 0; i < g->ns && !rc; i++)
		rc = emit_teachers(g, i, &seq[g->s[i].county], base[g->s[i].county], sink);
	for (int i = 0; i < g->ne && !rc; i++)
		if (sink->exemption)
			rc = sink->exemption(sink->ctx, &g->e[i]);
	free(g->s);
	free(g->t);
	free(g->d);
	free(g->m);
	free(g->a);
	free(g->e);
	return rc;
}
