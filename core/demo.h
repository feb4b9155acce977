/* demo.h: a deterministic generator of a realistic demo county (or city) of schools,
 * districts, support agreements, teachers and exemptions, handed to callbacks. */
#ifndef XQ_DEMO_H
#define XQ_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "types.h"

enum demo_scale { DEMO_COUNTY, DEMO_CITY };

/* Where the generated records go. Each callback returns 0 to go on, non-zero to stop
   (demo_generate then returns that value). Records refer to each other by natural keys:
   district.lead_school_code, member.district_name + member.school_code,
   agreement.supporting_code/supported_code, teacher.school_code, exemption.staff_no;
   id/rev/…_id fields are left 0. Order: all schools, then districts, members, agreements
   (each followed by its activities), teachers, exemptions. A NULL callback skips its
   records. */
struct demo_sink {
	void *ctx;
	int (*school)(void *ctx, const struct school *s);
	int (*district)(void *ctx, const struct district *d);
	int (*member)(void *ctx, const struct member *m);
	int (*agreement)(void *ctx, const struct agreement *a);
	/* an activity of the agreement passed just before it */
	int (*activity)(void *ctx, const struct agreement *a, const struct activity *act);
	int (*teacher)(void *ctx, const struct teacher *t);
	int (*exemption)(void *ctx, const struct exemption *e);
};

/* Same scale and seed give the same records, byte for byte, on every machine (own PRNG,
   integer arithmetic, no time, no locale). Returns 0, or the first non-zero callback
   value. */
int demo_generate(enum demo_scale scale, uint64_t seed, const struct demo_sink *sink);

#define DEMO_SEED 20260901u
/* The date the data describe (joined-school dates etc. are spread relative to it). */
#define DEMO_AS_OF "2026-09-01"

#ifdef XQ_DEMO_TABLES
/* The internals of the generator, seen only by core/demo*.c: the tables and people of
 * core/demo_names.c, random streams and dates. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

enum demo_town_kind {
	DT_SEAT,   /* county seat of a rural county: urban */
	DT_ZONE,   /* development zone: urban */
	DT_STREET, /* sub-district (街道) of a city district: urban */
	DT_TOWN,   /* town (镇) or township (乡) */
};
struct demo_town {
	const char *name, *short_name;
	int kind;	  /* enum demo_town_kind */
	int dx_km, dy_km; /* east and north of the county centre, when the county is placed */
};
struct demo_county {
	const char *name, *short_name;
	const char *code;  /* last two digits of the administrative code: 4502xx */
	long lat_u, lon_u; /* centre, in micro-degrees */
	bool urban;	   /* a city district (区) of streets and a few towns */
	bool placed;	   /* towns carry their own offsets */
	const struct demo_town *towns;
	int ntowns;
};
struct demo_weighted {
	const char *s;
	int w;
};

extern const struct demo_county demo_counties[];
extern const int demo_ncounties;
extern const char *const demo_villages[];
extern const int demo_nvillages;
extern const char *const demo_district_notes[4]; /* per enum form; {A} lead, {B} towns */

/* Replaces {A} {B} {S} {N} {T} in tmpl by vals[0..4] (NULL: nothing). */
void demo_subst(char *out, size_t size, const char *tmpl, const char *const vals[5]);

/* A splitmix64 stream. */
struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* A stream of its own for each (what, which), so that parts do not disturb each other. */
static inline void rng_seed(struct rng *r, uint64_t seed, uint64_t what, uint64_t which)
{
	r->s = seed;
	r->s = rng_next(r) ^ (what * 0xD1B54A32D192ED03u);
	r->s = rng_next(r) ^ (which * 0xAEF17502108EF2D9u);
}

/* Uniform in lo..hi, both included. */
static inline long rnd(struct rng *r, long lo, long hi)
{
	return lo + (long)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static inline bool chance(struct rng *r, int permille)
{
	return rnd(r, 0, 999) < permille;
}

static inline int pick_weighted(struct rng *r, const struct demo_weighted *w, int n)
{
	long total = 0;
	for (int i = 0; i < n; i++)
		total += w[i].w;
	long x = rnd(r, 0, total - 1);
	for (int i = 0; i < n; i++)
		if ((x -= w[i].w) < 0)
			return i;
	return n - 1;
}

/* Dates as days since 1970-01-01. */
static inline long ymd(int y, int m, int d)
{
	char b[32];
	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
	return date_days(b);
}

/* The same day n years later (28 February for 29 February). */
static inline long add_years(long day, int n)
{
	char b[DATE_LEN];
	date_from_days(day, b);
	int m = atoi(b + 5), d = atoi(b + 8);
	if (m == 2 && d == 29)
		d = 28;
	return ymd(atoi(b) + n, m, d);
}

/* Saturdays move to Friday, Sundays to Monday. */
static inline long weekday(long day)
{
	long dow = ((day % 7) + 7 + 4) % 7; /* 1970-01-01 was a Thursday; 0 = Sunday */
	return dow == 6 ? day - 1 : dow == 0 ? day + 1 : day;
}

static inline void put_date(char out[DATE_LEN], long day)
{
	date_from_days(day, out);
}

/* The n teachers of a school that opened on day opened (0: long ago), staff numbers
   left empty, with a principal and one or two vice principals; age[i] is teacher i's
   age on DEMO_AS_OF. */
void demo_staff(const struct school *s, long opened, struct rng *r, long n,
		struct teacher *ts, int *age);
/* One time in twenty, an exemption of teacher t (aged age): fills e, returns true. */
bool demo_exemption(struct rng *r, const struct teacher *t, int age, struct exemption *e);
/* Students, classes, quota, rooms, areas and equipment of a school whose level and
   location are set, students between lo and hi (a few more); returns its teachers. */
long demo_figures(struct school *s, long lo, long hi, struct rng *r);

/* Around the national resource indicators (demo_tune.c): a nine-year or twelve-year
 * school's pupils split two to one by stage; a school's figures and its teachers brought
 * up to every threshold (PASS), or to all but the sports ground, left at 90 % (SIX: it
 * passes with six of seven) or 80 % (NEAR: it fails by one). */
enum demo_tune { DEMO_TUNE_NONE, DEMO_TUNE_PASS, DEMO_TUNE_SIX, DEMO_TUNE_NEAR };
/* The tune of the i-th school (one in three PASS, one in nine NEAR, one in nine SIX) when
 * it may be tuned at all, else NONE. */
int demo_tune_pick(int i, bool may);
/* Splits the pupils by stage, then tunes the figures. */
void demo_tune_school(struct school *s, int tune);
void demo_tune_teachers(const struct school *s, int tune, struct teacher *ts, long n);
/* The term, goals and two to six activities of an agreement between schools of short
   names a (supporting) and b; returns the number of activities. */
int demo_agreement(struct rng *r, const char *a, const char *b, struct agreement *ag,
		   struct activity act[6]);
#endif

#endif
