/* fetmap.c: a FET file's meaning for a term's timetable (core/fetmap.h). Activities of one
 * split activity with the same duration and the same rooms allowed make one course; each
 * FET constraint is taken into the plan (a soft one with its weight), noted as a soft one not
 * enforced, or refused. */
#include "core/fetmap.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "core/util.h"

/* An active activity, before courses are made. */
struct act {
	int id, group, duration, subject, line;
	int *teachers, nteachers, *sets, nsets;
	const char *tag;	  /* first tag */
	const char **tags;	  /* all, NULL-terminated, pointers into the doc */
	int *rooms, nrooms;	  /* hard rooms allowed; nrooms -1: any */
	bool no_room;		  /* the hard room rules on it leave none */
	int *prefs, nprefs;	  /* rooms it had rather use (soft), in room order */
	double *pref_w;		  /* each one's weight: the most any soft rule gives it */
	int lock_day, lock_period, lock_room;
	int course, seq;
};

struct ctx {
	const struct fet_doc *doc;
	struct fet_plan *p;
	struct act *acts;
	int nacts;
	struct fet_names teachers, subjects, rooms, sets, days, hours, buildings;
	int *act_by_id; /* sorted ids → act: pairs */
	struct fet_names listed; /* every activity's Id as written, once asked for */
	bool listed_made;
	int *rule_at; /* each teacher's rule in p->rules, -1 none */
	struct act_index {
		int *at, *in; /* key k's acts are in[at[k]] up to in[at[k + 1]], in order, each once */
	} by_teacher, by_set, by_subject; /* made when first asked for */
	bool one_school;    /* the buildings are not schools */
	bool buildings_bad; /* why they are not, when found here */
	char *msg;
};

static int plan_note(struct fet_plan *p, int kind, const struct fet_item *it, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A note of kind on line about what, its text kept with the plan: once for a run of notes
 * with one text (a file's thousands of constraints of a kind). */
static void plan_add_note(struct fet_plan *p, int kind, int line, const char *what, const char *text)
{
	if (p->nnotes == p->capnotes) {
		p->capnotes = p->capnotes ? p->capnotes * 2 : 16;
		p->notes = xrealloc(p->notes, (size_t)p->capnotes * sizeof *p->notes);
	}
	const char *kept = p->ntexts ? p->texts[p->ntexts - 1] : NULL;
	if (!kept || strcmp(kept, text) != 0) {
		if ((p->ntexts & (p->ntexts - 1)) == 0) /* 0, 1, 2, 4 …: full */
			p->texts = xrealloc(p->texts, (size_t)(p->ntexts ? 2 * p->ntexts : 1) * sizeof *p->texts);
		kept = p->texts[p->ntexts++] = xstrdup(text);
	}
	p->notes[p->nnotes++] = (struct fetp_note){kind, line, what, kept};
}

static int plan_note(struct fet_plan *p, int kind, const struct fet_item *it, const char *fmt, ...)
{
	char text[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	plan_add_note(p, kind, it->line, it->tag, text);
	if (kind == FETP_REFUSED)
		p->refused++;
	return XQ_OK;
}

/* "08:00-08:45", "8:00 - 8:45", "08.00-08.45": a period's clock times from its name. */
static bool hour_times(const char *s, int *start, int *end)
{
	int h1, m1, h2, m2;
	char c1, c2;
	if (sscanf(s, "%d%c%d - %d%c%d", &h1, &c1, &m1, &h2, &c2, &m2) != 6 &&
	    sscanf(s, "%d%c%d-%d%c%d", &h1, &c1, &m1, &h2, &c2, &m2) != 6)
		return false;
	if ((c1 != ':' && c1 != '.') || (c2 != ':' && c2 != '.') || h1 < 0 || h1 > 23 || h2 < 0 || h2 > 24 ||
	    m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
		return false;
	*start = h1 * 60 + m1;
	*end = h2 * 60 + m2;
	return *end > *start && *end <= 24 * 60;
}

/* The periods' clock times: from the hours' names when every one gives them in order; else
 * 45-minute lessons every 55 minutes from 08:00 (closer when a day has more periods than
 * that leaves room for). */
static void make_bells(struct fet_plan *p)
{
	p->bell = xcalloc((size_t)p->periods * 2, sizeof *p->bell);
	bool named = true;
	for (int i = 0; i < p->periods && named; i++) {
		named = hour_times(p->period_names[i], &p->bell[2 * i], &p->bell[2 * i + 1]) &&
			(i == 0 || p->bell[2 * i] >= p->bell[2 * i - 1]);
	}
	if (named)
		return;
	int first = 8 * 60, step = 55, len = 45;
	if (first + p->periods * step > 24 * 60) {
		first = 0;
		step = 24 * 60 / p->periods;
		len = step > 5 ? step - 5 : step;
	}
	for (int i = 0; i < p->periods; i++) {
		p->bell[2 * i] = first + i * step;
		p->bell[2 * i + 1] = first + i * step + len;
	}
}

static const char *get2(const struct fet_item *it, const char *a, const char *b)
{
	const char *v = fet_get(it, a);
	return v ? v : fet_get(it, b);
}

static bool to_int(const char *s, long lo, long hi, int *out)
{
	if (!s || !*s)
		return false;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The act with FET id, -1 when none or inactive. */
static int act_of(const struct ctx *c, const char *text)
{
	int id;
	if (!to_int(text, 0, 2147483647L, &id))
		return -1;
	int lo = 0, hi = c->nacts;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->act_by_id[2 * mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nacts && c->act_by_id[2 * lo] == id ? c->act_by_id[2 * lo + 1] : -1;
}

/* Whether the file lists an activity numbered text at all (active or not). */
static bool act_listed(struct ctx *c, const char *text)
{
	if (!c->listed_made) {
		const struct fet_list *L = &c->doc->activities;
		const char **ids = xcalloc((size_t)L->n + 1, sizeof *ids);
		for (int k = 0; k < L->n; k++)
			ids[k] = fet_get(&L->v[k], "Id");
		fet_names_init(&c->listed, ids, L->n);
		free(ids);
		c->listed_made = true;
	}
	return fet_names_find(&c->listed, text) >= 0;
}

/* The slots of the item's pairs of day and hour fields: marks them in slots, false (and a
 * message) when one names no day or hour of the file. */
static bool read_slots(struct ctx *c, const struct fet_item *it, const char *dtag, const char *htag,
	unsigned char *slots)
{
	for (int i = fet_next(it, dtag, 0); i >= 0; i = fet_next(it, dtag, i + 1)) {
		int h = i + 1 < it->nf && strcmp(it->f[i + 1].tag, htag) == 0 ? i + 1 : -1;
		int d = fet_names_find(&c->days, it->f[i].text);
		int p = h >= 0 ? fet_names_find(&c->hours, it->f[h].text) : -1;
		if (d < 0 || p < 0) {
			xq_msg(c->msg, _("line %d: %s names no day and hour of the file (%s %s)"), it->f[i].line, it->tag,
				it->f[i].text, h >= 0 ? it->f[h].text : "");
			return false;
		}
		slots[d * c->p->periods + p] = 1;
	}
	return true;
}

static struct fetp_lrule *new_lrule(struct ctx *c, int kind, const struct fet_item *it, double weight)
{
	struct fet_plan *p = c->p;
	if (p->nlrules == p->caplrules) {
		p->caplrules = p->caplrules ? p->caplrules * 2 : 16;
		p->lrules = xrealloc(p->lrules, (size_t)p->caplrules * sizeof *p->lrules);
	}
	struct fetp_lrule *r = &p->lrules[p->nlrules++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->weight = weight;
	r->line = it->line;
	return r;
}

/* Acts are added by index here; their courses are set once courses exist (lrule_fix).
 * unique: the caller adds each act once (a filter's matches), else repeats are dropped. */
static void lrule_add(struct fetp_lrule *r, int act, bool unique)
{
	for (int i = 0; i < r->nles && !unique; i++)
		if (r->course[i] == act)
			return;
	if ((r->nles & (r->nles - 1)) == 0) { /* 0, 1, 2, 4 …: full */
		size_t cap = r->nles ? 2 * (size_t)r->nles : 1;
		r->course = xrealloc(r->course, cap * sizeof *r->course);
		r->seq = xrealloc(r->seq, cap * sizeof *r->seq);
	}
	r->course[r->nles++] = act;
}

static void add_unav(struct fet_plan *p, int kind, int who, const unsigned char *slots, double weight)
{
	for (int s = 0; s < p->days * p->periods; s++) {
		if (!slots[s])
			continue;
		if (p->nunav == p->capunav) {
			p->capunav = p->capunav ? p->capunav * 2 : 64;
			p->unav = xrealloc(p->unav, (size_t)p->capunav * sizeof *p->unav);
		}
		p->unav[p->nunav++] = (struct fetp_unav){kind, who, s / p->periods, s % p->periods, weight};
	}
}

/* The teacher's rule, added the first time (the rules in the order first asked for). */
static struct fetp_rule *rule_of(struct ctx *c, int teacher)
{
	struct fet_plan *p = c->p;
	if (!c->rule_at) {
		c->rule_at = xcalloc((size_t)p->nteachers + 1, sizeof *c->rule_at);
		for (int t = 0; t < p->nteachers; t++)
			c->rule_at[t] = -1;
	}
	if (c->rule_at[teacher] >= 0)
		return &p->rules[c->rule_at[teacher]];
	if ((p->nrules & (p->nrules - 1)) == 0) /* 0, 1, 2, 4 …: full */
		p->rules = xrealloc(p->rules, (size_t)(p->nrules ? 2 * p->nrules : 1) * sizeof *p->rules);
	p->rules[p->nrules] = (struct fetp_rule){teacher, -1, -1};
	c->rule_at[teacher] = p->nrules;
	return &p->rules[p->nrules++];
}

/* The acts of each key (teacher, students set or subject: which 0, 1, 2), in order. */
static const struct act_index *acts_of(struct ctx *c, int which)
{
	struct act_index *x = which == 0 ? &c->by_teacher : which == 1 ? &c->by_set : &c->by_subject;
	if (x->at)
		return x;
	int nkeys = which == 0 ? c->p->nteachers : which == 1 ? c->p->nsets : c->p->nsubjects;
	x->at = xcalloc((size_t)nkeys + 2, sizeof *x->at);
	int *last = xcalloc((size_t)nkeys + 1, sizeof *last);
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < nkeys; k++)
			last[k] = -1;
		for (int a = 0; a < c->nacts; a++) {
			const struct act *t = &c->acts[a];
			int n = which == 0 ? t->nteachers : which == 1 ? t->nsets : 1;
			for (int i = 0; i < n; i++) {
				int k = which == 0 ? t->teachers[i] : which == 1 ? t->sets[i] : t->subject;
				if (last[k] == a)
					continue; /* named twice */
				last[k] = a;
				if (pass == 0)
					x->at[k + 2]++;
				else
					x->in[x->at[k + 1]++] = a;
			}
		}
		if (pass == 0) {
			for (int k = 0; k < nkeys; k++)
				x->at[k + 2] += x->at[k + 1];
			x->in = xcalloc((size_t)x->at[nkeys + 1] + 1, sizeof *x->in);
		}
	}
	free(last);
	return x;
}

static void act_index_free(struct act_index *x)
{
	free(x->at);
	free(x->in);
}

/* The filters of an Activities… constraint: -1 or NULL for any. */
struct act_filter {
	int teacher, set, subject, duration;
	const char *tag;
};

/* Whether act a matches the filters. */
static bool act_matches(const struct act *a, const struct act_filter *f)
{
	if (f->teacher >= 0) {
		bool has = false;
		for (int i = 0; i < a->nteachers; i++)
			has = has || a->teachers[i] == f->teacher;
		if (!has)
			return false;
	}
	if (f->set >= 0) {
		bool has = false;
		for (int i = 0; i < a->nsets; i++)
			has = has || a->sets[i] == f->set;
		if (!has)
			return false;
	}
	if (f->subject >= 0 && f->subject != a->subject)
		return false;
	if (f->tag) {
		bool has = false;
		for (int i = 0; a->tags[i]; i++)
			has = has || strcmp(a->tags[i], f->tag) == 0;
		if (!has)
			return false;
	}
	return f->duration < 0 || f->duration == a->duration;
}

/* Narrows act a's rooms to list (n rooms): the intersection of every hard room rule. */
static void narrow_rooms(struct act *a, const int *list, int n)
{
	if (a->nrooms < 0) {
		a->rooms = xcalloc((size_t)n + 1, sizeof *a->rooms);
		memcpy(a->rooms, list, (size_t)n * sizeof *list);
		a->nrooms = n;
		qsort(a->rooms, (size_t)n, sizeof *a->rooms, cmp_int);
		return;
	}
	int k = 0;
	for (int i = 0; i < a->nrooms; i++) {
		bool in = false;
		for (int j = 0; j < n && !in; j++)
			in = list[j] == a->rooms[i];
		if (in)
			a->rooms[k++] = a->rooms[i];
	}
	a->nrooms = k;
}

/* Adds list (n rooms) to the rooms act a had rather use, with weight w: a room named by
 * several soft rules keeps the most any gives it. */
static void prefer_rooms(struct act *a, const int *list, int n, double w)
{
	for (int j = 0; j < n; j++) {
		int at = 0;
		while (at < a->nprefs && a->prefs[at] < list[j])
			at++;
		if (at < a->nprefs && a->prefs[at] == list[j]) {
			if (w > a->pref_w[at])
				a->pref_w[at] = w;
			continue;
		}
		a->prefs = xrealloc(a->prefs, (size_t)(a->nprefs + 1) * sizeof *a->prefs);
		a->pref_w = xrealloc(a->pref_w, (size_t)(a->nprefs + 1) * sizeof *a->pref_w);
		memmove(a->prefs + at + 1, a->prefs + at, (size_t)(a->nprefs - at) * sizeof *a->prefs);
		memmove(a->pref_w + at + 1, a->pref_w + at, (size_t)(a->nprefs - at) * sizeof *a->pref_w);
		a->prefs[at] = list[j];
		a->pref_w[at] = w;
		a->nprefs++;
	}
}

/* Act a's preferred rooms among the rooms its hard rules allow, if they limit it: each
 * weighs what it weighs more than the lightest allowed room (0 when not preferred), as only
 * the difference chooses between them; those weighing nothing then are left out (at least
 * one allowed room is, and keeps the course to its rooms). */
static void prefs_within(struct act *a)
{
	if (a->nrooms < 0 || !a->nprefs)
		return;
	double least = 100;
	for (int i = 0; i < a->nrooms; i++) {
		double w = 0;
		for (int j = 0; j < a->nprefs; j++)
			if (a->prefs[j] == a->rooms[i])
				w = a->pref_w[j];
		least = w < least ? w : least;
	}
	int k = 0;
	for (int j = 0; j < a->nprefs; j++) {
		bool allowed = false;
		for (int i = 0; i < a->nrooms && !allowed; i++)
			allowed = a->rooms[i] == a->prefs[j];
		if (allowed && a->pref_w[j] - least > 0) {
			a->prefs[k] = a->prefs[j];
			a->pref_w[k++] = a->pref_w[j] - least;
		}
	}
	a->nprefs = k;
}

/* The rooms an item names (Room, or each Preferred_Room); -1 entries when unknown. */
static int room_list(struct ctx *c, const struct fet_item *it, int *out, int max)
{
	int n = 0;
	for (int i = 0; i < it->nf && n < max; i++)
		if (strcmp(it->f[i].tag, "Room") == 0 || strcmp(it->f[i].tag, "Preferred_Room") == 0) {
			int r = fet_names_find(&c->rooms, it->f[i].text);
			if (r < 0) {
				xq_msg(c->msg, _("line %d: %s names the room %s, which the file does not list"), it->f[i].line,
					it->tag, it->f[i].text);
				return -1;
			}
			out[n++] = r;
		}
	return n;
}

static bool has_tag(const struct act *a, const char *tag)
{
	for (int i = 0; a->tags[i]; i++)
		if (strcmp(a->tags[i], tag) == 0)
			return true;
	return false;
}

/* The space constraints read with the time ones: rooms not available, and the building
 * changes (schools, for xuequ) of teachers. */
static bool with_times(const char *tag)
{
	return strcmp(tag, "ConstraintRoomNotAvailableTimes") == 0 || strstr(tag, "BuildingChanges") != NULL;
}

/* The space constraints: rooms allowed per activity, and (soft) rooms it had rather use
 * (home rooms only where nothing else of the same strength says), locked rooms. */
static int space_rules(struct ctx *c)
{
	const struct fet_list *L = &c->doc->space;
	int *list = xcalloc((size_t)c->p->nrooms + 1, sizeof *list);
	bool *ruled = xcalloc((size_t)c->nacts + 1, sizeof *ruled);
	bool *soft_ruled = xcalloc((size_t)c->nacts + 1, sizeof *soft_ruled);
	const char *allowed = _("rooms allowed"); /* translated once: a file has one a lesson */
	const char *preferred = _("soft: rooms had rather, kept and weighed");
	int rc = XQ_OK;
	for (int pass = 0; pass < 2 && rc == XQ_OK; pass++)
		for (int k = 0; k < L->n && rc == XQ_OK; k++) {
			const struct fet_item *it = &L->v[k];
			if (!fet_active(it))
				continue;
			const char *tag = it->tag;
			bool home = strstr(tag, "HomeRoom") != NULL;
			bool roomish = home || strstr(tag, "PreferredRoom") != NULL;
			if (pass == 1 && !home)
				continue;
			if (pass == 0 && home)
				continue;
			double w = fet_weight(it);
			if (w < 0) {
				xq_msg(c->msg, _("line %d: %s has a weight that is not a percentage"), it->line, tag);
				rc = XQ_ERR;
				break;
			}
			if (strcmp(tag, "ConstraintBasicCompulsorySpace") == 0 || with_times(tag))
				continue;
			if (!roomish || strncmp(tag, "ConstraintSubactivities", 23) == 0) {
				plan_note(c->p, w >= 100 ? FETP_REFUSED : FETP_SOFT_IGNORED, it, "%s",
					w >= 100 ? _("a hard constraint of a kind not enforced") : _("soft, not enforced"));
				continue;
			}
			if (w <= 0) { /* weighs nothing */
				plan_note(c->p, FETP_SOFT_IGNORED, it, "%s", _("soft, not enforced"));
				continue;
			}
			bool soft = w < 100;
			int n = room_list(c, it, list, c->p->nrooms);
			if (n < 0) {
				rc = XQ_ERR;
				break;
			}
			const char *act_id = fet_get(it, "Activity_Id"), *subj = fet_get(it, "Subject"),
				   *atag = fet_get(it, "Activity_Tag"), *stud = fet_get(it, "Students"),
				   *teach = get2(it, "Teacher", "Teacher_Name");
			bool locked = fet_get(it, "Permanently_Locked") && strcmp(fet_get(it, "Permanently_Locked"), "true") == 0;
			int subject = subj ? fet_names_find(&c->subjects, subj) : -1;
			int set = stud ? fet_names_find(&c->sets, stud) : -1;
			int teacher = teach ? fet_names_find(&c->teachers, teach) : -1;
			if ((subj && subject < 0) || (stud && set < 0) || (teach && teacher < 0)) {
				xq_msg(c->msg, _("line %d: %s names a subject, students or teacher the file does not list"),
					it->line, tag);
				rc = XQ_ERR;
				break;
			}
			int only = act_id ? act_of(c, act_id) : -2;
			if (only == -1)
				continue; /* an inactive activity's */
			/* the acts it may apply to, in order: its one activity; a home room's, those of its
			 * students set and of its teacher merged; else those of its subject, or all */
			bool merge = home && only < 0;
			const struct act_index *xs = !home && subj && only < 0 ? acts_of(c, 2) : NULL;
			const struct act_index *sets = merge && set >= 0 ? acts_of(c, 1) : NULL;
			const struct act_index *teachers = merge && teacher >= 0 ? acts_of(c, 0) : NULL;
			int i = only >= 0 ? only : xs ? xs->at[subject] : 0;
			int end = only >= 0 ? only + 1 : xs ? xs->at[subject + 1] : c->nacts;
			int si = sets ? sets->at[set] : 0, send = sets ? sets->at[set + 1] : 0;
			int ti = teachers ? teachers->at[teacher] : 0, tend = teachers ? teachers->at[teacher + 1] : 0;
			for (;;) {
				int a;
				if (merge) {
					int sa = si < send ? sets->in[si] : INT_MAX, ta = ti < tend ? teachers->in[ti] : INT_MAX;
					if (sa == INT_MAX && ta == INT_MAX)
						break;
					a = sa < ta ? sa : ta;
					si += sa == a;
					ti += ta == a;
				} else if (i < end)
					a = xs ? xs->in[i++] : i++;
				else
					break;
				struct act *x = &c->acts[a];
				bool applies;
				if (only >= 0)
					applies = true;
				else if (home) /* FET's: activities of that one students set, or that one teacher */
					applies = !ruled[a] && !(soft && soft_ruled[a]) &&
						  ((set >= 0 && x->nsets == 1 && x->sets[0] == set) ||
							  (teacher >= 0 && x->nteachers == 1 && x->teachers[0] == teacher));
				else
					applies = (!subj || x->subject == subject) && (!atag || has_tag(x, atag));
				if (!applies)
					continue;
				if (soft) {
					if (!home)
						soft_ruled[a] = true;
					prefer_rooms(x, list, n, w);
					continue;
				}
				if (!home)
					ruled[a] = true;
				narrow_rooms(x, list, n);
				if (x->nrooms == 0 && !x->no_room) {
					x->no_room = true;
					plan_note(c->p, FETP_REFUSED, it, _("activity %d: no room keeps every hard room constraint on it"),
						x->id);
				}
				if (locked && n == 1)
					x->lock_room = list[0];
			}
			plan_note(c->p, FETP_TAKEN, it, "%s", soft ? preferred : allowed);
		}
	free(list);
	free(ruled);
	free(soft_ruled);
	return rc;
}

static const struct {
	const char *tag;
	int kind;
} act_rules[] = {
	{"ConstraintMinDaysBetweenActivities", TT_LR_MIN_DAYS},
	{"ConstraintActivitiesSameStartingTime", TT_LR_SAME_START},
	{"ConstraintActivitiesSameStartingDay", TT_LR_SAME_DAY},
	{"ConstraintActivitiesNotOverlapping", TT_LR_NOT_OVERLAP},
	{"ConstraintTwoActivitiesConsecutive", TT_LR_CONSECUTIVE},
	{"ConstraintTwoActivitiesGrouped", TT_LR_GROUPED},
	{"ConstraintActivityEndsStudentsDay", TT_LR_ENDS_DAY},
	{"ConstraintActivityPreferredStartingTimes", TT_LR_START_SLOTS},
	{"ConstraintActivitiesPreferredStartingTimes", TT_LR_START_SLOTS},
	{"ConstraintActivityPreferredTimeSlots", TT_LR_TIME_SLOTS},
	{"ConstraintActivitiesPreferredTimeSlots", TT_LR_TIME_SLOTS},
};

/* One time constraint of a kind over activities. */
static int act_rule(struct ctx *c, const struct fet_item *it, int kind, double w)
{
	struct fetp_lrule *r = new_lrule(c, kind, it, w);
	if (kind == TT_LR_START_SLOTS || kind == TT_LR_TIME_SLOTS) {
		r->slots = xcalloc((size_t)c->p->days * (size_t)c->p->periods, 1);
		bool ok = kind == TT_LR_START_SLOTS
				  ? read_slots(c, it, "Preferred_Starting_Day", "Preferred_Starting_Hour", r->slots)
				  : read_slots(c, it, "Preferred_Day", "Preferred_Hour", r->slots);
		if (!ok)
			return XQ_ERR;
	}
	if (kind == TT_LR_MIN_DAYS) {
		if (!to_int(fet_get(it, "MinDays"), 0, 20, &r->n)) {
			xq_msg(c->msg, _("line %d: %s needs MinDays from 0 to 20"), fet_line(it, "MinDays"), it->tag);
			return XQ_ERR;
		}
		const char *f = fet_get(it, "Consecutive_If_Same_Day");
		r->flag = f && strcmp(f, "true") == 0;
	}
	if (strncmp(it->tag, "ConstraintActivities", 20) == 0 && fet_get(it, "Activity_Id") == NULL) {
		const char *t = fet_get(it, "Teacher_Name"), *st = fet_get(it, "Students_Name"),
			   *sj = fet_get(it, "Subject_Name");
		if ((t && *t && fet_names_find(&c->teachers, t) < 0) || (st && *st && fet_names_find(&c->sets, st) < 0) ||
		    (sj && *sj && fet_names_find(&c->subjects, sj) < 0)) {
			xq_msg(c->msg, _("line %d: %s names a subject, students or teacher the file does not list"), it->line,
				it->tag);
			return XQ_ERR;
		}
		const char *tag = fet_get(it, "Activity_Tag_Name"), *dur = fet_get(it, "Duration");
		struct act_filter f = {t && *t ? fet_names_find(&c->teachers, t) : -1,
			st && *st ? fet_names_find(&c->sets, st) : -1, sj && *sj ? fet_names_find(&c->subjects, sj) : -1, -1,
			tag && *tag ? tag : NULL};
		if (dur && *dur && !to_int(dur, 1, 1000, &f.duration))
			return XQ_OK; /* no duration: no activity */
		/* the acts of its teacher, students or subject, else all */
		const struct act_index *x = f.teacher >= 0 ? acts_of(c, 0) : f.set >= 0 ? acts_of(c, 1)
					  : f.subject >= 0 ? acts_of(c, 2) : NULL;
		int key = f.teacher >= 0 ? f.teacher : f.set >= 0 ? f.set : f.subject;
		int from = x ? x->at[key] : 0, to = x ? x->at[key + 1] : c->nacts;
		for (int i = from; i < to; i++) {
			int a = x ? x->in[i] : i;
			if (act_matches(&c->acts[a], &f))
				lrule_add(r, a, true);
		}
		return XQ_OK;
	}
	for (int i = 0; i < it->nf; i++) {
		const char *t = it->f[i].tag;
		if (strcmp(t, "Activity_Id") && strcmp(t, "First_Activity_Id") && strcmp(t, "Second_Activity_Id"))
			continue;
		int a = act_of(c, it->f[i].text);
		if (a < 0 && !act_listed(c, it->f[i].text)) {
			xq_msg(c->msg, _("line %d: %s names the activity %s, which the file does not list"), it->f[i].line,
				it->tag, it->f[i].text);
			return XQ_ERR;
		}
		if (a >= 0)
			lrule_add(r, a, false);
		else if (kind == TT_LR_CONSECUTIVE || kind == TT_LR_GROUPED) {
			/* one of a pair inactive: no rule */
			r->nles = 0;
			break;
		}
	}
	return XQ_OK;
}

static const struct {
	const char *tag;
	int kind, everyone; /* everyone: 1 teachers, 2 students, 0 one named */
	bool teacher;
	const char *field;
} day_kinds[] = {
	{"ConstraintTeacherMaxGapsPerWeek", TT_DR_MAX_GAPS_WEEK, 0, true, "Max_Gaps"},
	{"ConstraintTeachersMaxGapsPerWeek", TT_DR_MAX_GAPS_WEEK, 1, true, "Max_Gaps"},
	{"ConstraintTeacherMaxGapsPerDay", TT_DR_MAX_GAPS_DAY, 0, true, "Max_Gaps"},
	{"ConstraintTeachersMaxGapsPerDay", TT_DR_MAX_GAPS_DAY, 1, true, "Max_Gaps"},
	{"ConstraintStudentsMaxGapsPerWeek", TT_DR_MAX_GAPS_WEEK, 2, false, "Max_Gaps"},
	{"ConstraintStudentsSetMaxGapsPerWeek", TT_DR_MAX_GAPS_WEEK, 0, false, "Max_Gaps"},
	{"ConstraintTeacherMaxDaysPerWeek", TT_DR_MAX_DAYS, 0, true, "Max_Days_Per_Week"},
	{"ConstraintTeachersMaxDaysPerWeek", TT_DR_MAX_DAYS, 1, true, "Max_Days_Per_Week"},
	{"ConstraintTeacherMaxHoursDaily", TT_DR_MAX_HOURS_DAY, 0, true, "Maximum_Hours_Daily"},
	{"ConstraintTeachersMaxHoursDaily", TT_DR_MAX_HOURS_DAY, 1, true, "Maximum_Hours_Daily"},
	{"ConstraintStudentsMaxHoursDaily", TT_DR_MAX_HOURS_DAY, 2, false, "Maximum_Hours_Daily"},
	{"ConstraintStudentsSetMaxHoursDaily", TT_DR_MAX_HOURS_DAY, 0, false, "Maximum_Hours_Daily"},
	{"ConstraintTeacherMinHoursDaily", TT_DR_MIN_HOURS_DAY, 0, true, "Minimum_Hours_Daily"},
	{"ConstraintTeachersMinHoursDaily", TT_DR_MIN_HOURS_DAY, 1, true, "Minimum_Hours_Daily"},
	{"ConstraintStudentsMinHoursDaily", TT_DR_MIN_HOURS_DAY, 2, false, "Minimum_Hours_Daily"},
	{"ConstraintStudentsSetMinHoursDaily", TT_DR_MIN_HOURS_DAY, 0, false, "Minimum_Hours_Daily"},
	{"ConstraintTeacherMaxHoursContinuously", TT_DR_MAX_HOURS_RUN, 0, true, "Maximum_Hours_Continuously"},
	{"ConstraintTeachersMaxHoursContinuously", TT_DR_MAX_HOURS_RUN, 1, true, "Maximum_Hours_Continuously"},
	{"ConstraintStudentsMaxHoursContinuously", TT_DR_MAX_HOURS_RUN, 2, false, "Maximum_Hours_Continuously"},
	{"ConstraintStudentsSetMaxHoursContinuously", TT_DR_MAX_HOURS_RUN, 0, false, "Maximum_Hours_Continuously"},
	{"ConstraintStudentsEarlyMaxBeginningsAtSecondHour", TT_DR_EARLY_SECOND, 2, false, "Max_Beginnings_At_Second_Hour"},
	{"ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour", TT_DR_EARLY_SECOND, 0, false,
		"Max_Beginnings_At_Second_Hour"},
};

bool fet_day_kind(int kind, int who, const char **tag, const char **field)
{
	for (size_t i = 0; i < XQ_NELEM(day_kinds); i++) {
		int k = day_kinds[i].everyone ? day_kinds[i].everyone : day_kinds[i].teacher ? 0 : 3;
		if (day_kinds[i].kind == kind && k == who) {
			*tag = day_kinds[i].tag;
			*field = day_kinds[i].field;
			return true;
		}
	}
	return false;
}

/* A rule on days; XQ_ERR with a message when it names what the file lacks. */
static int day_rule(struct ctx *c, const struct fet_item *it, int k, double w)
{
	struct fet_plan *p = c->p;
	struct fetp_drule r = {day_kinds[k].kind, w, 0, true, -1, -1, day_kinds[k].everyone, it->line};
	if (!to_int(fet_get(it, day_kinds[k].field), 0, 600, &r.n)) {
		xq_msg(c->msg, _("line %d: %s needs %s, a whole number"), it->line, it->tag, day_kinds[k].field);
		return XQ_ERR;
	}
	const char *e = fet_get(it, "Allow_Empty_Days");
	/* FET's teachers may have days off unless told; students may not */
	r.empty_days = e ? strcmp(e, "true") == 0 : day_kinds[k].teacher;
	if (!r.everyone && day_kinds[k].teacher) {
		const char *t = get2(it, "Teacher_Name", "Teacher");
		if ((r.teacher = fet_names_find(&c->teachers, t ? t : "")) < 0) {
			xq_msg(c->msg, _("line %d: %s names a teacher the file does not list"), it->line, it->tag);
			return XQ_ERR;
		}
	} else if (!r.everyone) {
		const char *t = fet_get(it, "Students");
		if ((r.set = fet_names_find(&c->sets, t ? t : "")) < 0) {
			xq_msg(c->msg, _("line %d: %s names students the file does not list"), it->line, it->tag);
			return XQ_ERR;
		}
	}
	if (p->ndrules == p->capdrules) {
		p->capdrules = p->capdrules ? p->capdrules * 2 : 16;
		p->drules = xrealloc(p->drules, (size_t)p->capdrules * sizeof *p->drules);
	}
	p->drules[p->ndrules++] = r;
	return XQ_OK;
}

static int time_rules(struct ctx *c)
{
	struct fet_plan *p = c->p;
	unsigned char *slots = xcalloc((size_t)p->days * (size_t)p->periods, 1);
	int rc = XQ_OK;
	/* the time constraints, then those of the space ones read with them */
	const struct fet_list *T = &c->doc->time, *Sp = &c->doc->space;
	for (int k = 0; k < T->n + Sp->n && rc == XQ_OK; k++) {
		const struct fet_item *it = k < T->n ? &T->v[k] : &Sp->v[k - T->n];
		if (k >= T->n && !with_times(it->tag))
			continue;
		if (!fet_active(it))
			continue;
		const char *tag = it->tag;
		double w = fet_weight(it);
		if (w < 0) {
			xq_msg(c->msg, _("line %d: %s has a weight that is not a percentage"), it->line, tag);
			rc = XQ_ERR;
			break;
		}
		bool hard = w >= 100;
		if (strcmp(tag, "ConstraintBasicCompulsoryTime") == 0)
			continue;
		memset(slots, 0, (size_t)p->days * (size_t)p->periods);
		int kind = -1;
		for (size_t i = 0; i < XQ_NELEM(act_rules); i++)
			if (strcmp(tag, act_rules[i].tag) == 0)
				kind = act_rules[i].kind;
		int dk = -1;
		for (size_t i = 0; i < XQ_NELEM(day_kinds); i++)
			if (strcmp(tag, day_kinds[i].tag) == 0)
				dk = (int)i;
		if (dk >= 0) {
			rc = day_rule(c, it, dk, w);
			plan_note(p, FETP_TAKEN, it, "%s", hard ? _("taken") : _("soft: kept and weighed"));
			continue;
		}
		if (kind >= 0) {
			rc = act_rule(c, it, kind, w);
			plan_note(p, FETP_TAKEN, it, "%s", hard ? _("taken") : _("soft: kept and weighed"));
			continue;
		}
		if (strcmp(tag, "ConstraintActivityPreferredStartingTime") == 0) {
			int a = act_of(c, fet_get(it, "Activity_Id"));
			int d = fet_names_find(&c->days, fet_get(it, "Preferred_Day") ? fet_get(it, "Preferred_Day") : "");
			int h = fet_names_find(&c->hours, fet_get(it, "Preferred_Hour") ? fet_get(it, "Preferred_Hour") : "");
			if (a < 0)
				continue;
			if (d < 0 || h < 0) {
				xq_msg(c->msg, _("line %d: %s names no day and hour of the file"), it->line, tag);
				rc = XQ_ERR;
				break;
			}
			const char *lk = fet_get(it, "Permanently_Locked");
			if (hard && lk && strcmp(lk, "true") == 0) {
				c->acts[a].lock_day = d;
				c->acts[a].lock_period = h;
				plan_note(p, FETP_TAKEN, it, "%s", _("locked"));
			} else {
				struct fetp_lrule *r = new_lrule(c, TT_LR_START_SLOTS, it, w);
				r->slots = xcalloc((size_t)p->days * (size_t)p->periods, 1);
				r->slots[d * p->periods + h] = 1;
				lrule_add(r, a, true);
				plan_note(p, FETP_TAKEN, it, "%s", _("taken"));
			}
			continue;
		}
		bool teacher1 = strcmp(tag, "ConstraintTeacherNotAvailableTimes") == 0,
		     set1 = strcmp(tag, "ConstraintStudentsSetNotAvailableTimes") == 0,
		     room1 = strcmp(tag, "ConstraintRoomNotAvailableTimes") == 0,
		     brk = strcmp(tag, "ConstraintBreakTimes") == 0;
		if (teacher1 || set1 || room1 || brk) {
			if (w <= 0) { /* weighs nothing */
				plan_note(p, FETP_SOFT_IGNORED, it, "%s", _("soft, not enforced"));
				continue;
			}
			if (!read_slots(c, it, "Day", "Hour", slots)) {
				rc = XQ_ERR;
				break;
			}
			const char *who = teacher1 ? get2(it, "Teacher", "Teacher_Name") : set1 ? fet_get(it, "Students")
								   : room1 ? fet_get(it, "Room") : "";
			int w2 = teacher1 ? fet_names_find(&c->teachers, who ? who : "")
				 : set1	  ? fet_names_find(&c->sets, who ? who : "")
				 : room1  ? fet_names_find(&c->rooms, who ? who : "")
					  : 0;
			if (w2 < 0) {
				xq_msg(c->msg, _("line %d: %s names %s, which the file does not list"), it->line, tag,
					who ? who : "");
				rc = XQ_ERR;
				break;
			}
			if (brk) {
				for (int s = 0; s < p->nsets; s++)
					if (p->sets[s].level == 0)
						add_unav(p, 1, s, slots, w);
				for (int t = 0; t < p->nteachers; t++)
					add_unav(p, 0, t, slots, w);
				for (int r = 0; r < p->nrooms; r++)
					add_unav(p, 2, r, slots, w);
			} else
				add_unav(p, teacher1 ? 0 : set1 ? 1 : 2, w2, slots, w);
			plan_note(p, FETP_TAKEN, it, "%s", hard ? _("not available") : _("soft: kept and weighed"));
			continue;
		}
		bool changes = strcmp(tag, "ConstraintTeacherMaxBuildingChangesPerDay") == 0 ||
			       strcmp(tag, "ConstraintTeachersMaxBuildingChangesPerDay") == 0;
		bool gaps = strcmp(tag, "ConstraintTeacherMinGapsBetweenBuildingChanges") == 0 ||
			    strcmp(tag, "ConstraintTeachersMinGapsBetweenBuildingChanges") == 0;
		if ((changes || gaps) && c->one_school) {
			plan_note(p, hard ? FETP_REFUSED : FETP_SOFT_IGNORED, it, "%s",
				_("building changes within one school are not enforced"));
			continue;
		}
		if (changes || gaps) {
			if (!hard) {
				plan_note(p, FETP_SOFT_IGNORED, it, "%s", _("soft, not enforced"));
				continue;
			}
			int v;
			const char *field = changes ? "Max_Building_Changes_Per_Day" : "Min_Gaps_Between_Building_Changes";
			if (!to_int(fet_get(it, field), 0, 30, &v)) {
				xq_msg(c->msg, _("line %d: %s needs %s from 0 to 30"), it->line, tag, field);
				rc = XQ_ERR;
				break;
			}
			bool all = strncmp(tag, "ConstraintTeachers", 18) == 0;
			int one = all ? -1 : fet_names_find(&c->teachers, get2(it, "Teacher_Name", "Teacher") ?
									     get2(it, "Teacher_Name", "Teacher") : "");
			if (!all && one < 0) {
				xq_msg(c->msg, _("line %d: %s names a teacher the file does not list"), it->line, tag);
				rc = XQ_ERR;
				break;
			}
			for (int t = all ? 0 : one; t < (all ? p->nteachers : one + 1); t++) {
				struct fetp_rule *r = rule_of(c, t);
				if (changes)
					r->max_changes = r->max_changes < 0 || v < r->max_changes ? v : r->max_changes;
				else
					r->min_gap_periods = v > r->min_gap_periods ? v : r->min_gap_periods;
			}
			plan_note(p, FETP_TAKEN, it, "%s", changes ? _("school changes a day") : _("gaps between schools"));
			continue;
		}
		plan_note(p, hard ? FETP_REFUSED : FETP_SOFT_IGNORED, it, "%s",
			hard ? _("a hard constraint of a kind not enforced") : _("soft, not enforced"));
	}
	free(slots);
	return rc;
}

static int read_acts(struct ctx *c)
{
	const struct fet_list *L = &c->doc->activities;
	c->acts = xcalloc((size_t)L->n + 1, sizeof *c->acts);
	for (int k = 0; k < L->n; k++) {
		const struct fet_item *it = &L->v[k];
		if (!fet_active(it))
			continue;
		struct act *a = &c->acts[c->nacts++]; /* counted now, so a failure frees it too */
		memset(a, 0, sizeof *a);
		a->line = it->line;
		a->nrooms = -1;
		a->lock_day = a->lock_period = a->lock_room = -1;
		a->tag = "";
		if (!to_int(fet_get(it, "Id"), 0, 2147483647L, &a->id)) {
			xq_msg(c->msg, _("line %d: an activity without a number (Id)"), it->line);
			return XQ_ERR;
		}
		if (!to_int(fet_get(it, "Activity_Group_Id") ? fet_get(it, "Activity_Group_Id") : "0", 0, 2147483647L,
			    &a->group))
			a->group = 0;
		if (!a->group)
			a->group = a->id;
		if (!to_int(fet_get(it, "Duration"), 1, 30, &a->duration)) {
			xq_msg(c->msg, _("line %d: activity %d needs a duration of 1 to 30 hours"), it->line, a->id);
			return XQ_ERR;
		}
		const char *subj = fet_get(it, "Subject");
		a->subject = subj ? fet_names_find(&c->subjects, subj) : -1;
		if (a->subject < 0) {
			xq_msg(c->msg, _("line %d: activity %d names the subject %s, which the file does not list"), it->line,
				a->id, subj ? subj : "");
			return XQ_ERR;
		}
		a->teachers = xcalloc((size_t)it->nf + 1, sizeof *a->teachers);
		a->sets = xcalloc((size_t)it->nf + 1, sizeof *a->sets);
		a->tags = xcalloc((size_t)it->nf + 1, sizeof *a->tags);
		int ntags = 0;
		for (int i = 0; i < it->nf; i++) {
			const struct fet_field *f = &it->f[i];
			if (strcmp(f->tag, "Teacher") == 0) {
				int t = fet_names_find(&c->teachers, f->text);
				if (t < 0) {
					xq_msg(c->msg, _("line %d: activity %d names the teacher %s, which the file does not list"),
						f->line, a->id, f->text);
					return XQ_ERR;
				}
				a->teachers[a->nteachers++] = t;
			} else if (strcmp(f->tag, "Students") == 0) {
				int s = fet_names_find(&c->sets, f->text);
				if (s < 0) {
					xq_msg(c->msg, _("line %d: activity %d names the students %s, which the file does not list"),
						f->line, a->id, f->text);
					return XQ_ERR;
				}
				a->sets[a->nsets++] = s;
			} else if (strcmp(f->tag, "Activity_Tag") == 0 && *f->text)
				a->tags[ntags++] = f->text;
		}
		if (ntags)
			a->tag = a->tags[0];
	}
	c->act_by_id = xcalloc((size_t)c->nacts * 2 + 2, sizeof *c->act_by_id);
	for (int a = 0; a < c->nacts; a++) {
		c->act_by_id[2 * a] = c->acts[a].id;
		c->act_by_id[2 * a + 1] = a;
	}
	qsort(c->act_by_id, (size_t)c->nacts, 2 * sizeof *c->act_by_id, cmp_int);
	for (int a = 1; a < c->nacts; a++)
		if (c->act_by_id[2 * a] == c->act_by_id[2 * a - 2]) {
			xq_msg(c->msg, _("activity number %d is used twice"), c->act_by_id[2 * a]);
			return XQ_ERR;
		}
	return XQ_OK;
}

static bool same_ints(const int *a, int na, const int *b, int nb)
{
	return na == nb && (na <= 0 || memcmp(a, b, (size_t)na * sizeof *a) == 0);
}

/* Courses: the acts of one group with one duration and the same rooms allowed. A group's
 * courses are chained (next), found through the groups sorted once. */
static void make_courses(struct ctx *c)
{
	struct fet_plan *p = c->p;
	p->courses = xcalloc((size_t)c->nacts + 1, sizeof *p->courses);
	int *groups = xcalloc((size_t)c->nacts * 2 + 2, sizeof *groups), ng = 0;
	for (int a = 0; a < c->nacts; a++) {
		groups[2 * a] = c->acts[a].group;
		groups[2 * a + 1] = -1; /* the group's first course */
	}
	qsort(groups, (size_t)c->nacts, 2 * sizeof *groups, cmp_int);
	for (int a = 0; a < c->nacts; a++)
		if (ng == 0 || groups[2 * (ng - 1)] != groups[2 * a]) {
			groups[2 * ng] = groups[2 * a];
			groups[2 * ng + 1] = -1;
			ng++;
		}
	int *next = xcalloc((size_t)c->nacts + 1, sizeof *next);
	for (int a = 0; a < c->nacts; a++)
		prefs_within(&c->acts[a]);
	for (int a = 0; a < c->nacts; a++) {
		struct act *x = &c->acts[a];
		int lo = 0, hi = ng;
		while (lo < hi) {
			int mid = lo + (hi - lo) / 2;
			if (groups[2 * mid] < x->group)
				lo = mid + 1;
			else
				hi = mid;
		}
		int *head = &groups[2 * lo + 1], k = -1, last = -1;
		for (int q = *head; q >= 0 && k < 0; last = q, q = next[q]) {
			const struct act *first = &c->acts[p->courses[q].line]; /* line: its first act, for now */
			if (first->duration == x->duration && first->subject == x->subject &&
			    same_ints(first->rooms, first->nrooms, x->rooms, x->nrooms) &&
			    same_ints(first->prefs, first->nprefs, x->prefs, x->nprefs) &&
			    (x->nprefs == 0 ||
				    memcmp(first->pref_w, x->pref_w, (size_t)x->nprefs * sizeof *x->pref_w) == 0) &&
			    same_ints(first->teachers, first->nteachers, x->teachers, x->nteachers) &&
			    same_ints(first->sets, first->nsets, x->sets, x->nsets) && strcmp(first->tag, x->tag) == 0)
				k = q;
		}
		if (k < 0) {
			k = p->ncourses++;
			next[k] = -1;
			if (last >= 0)
				next[last] = k;
			else
				*head = k;
			struct fetp_course *co = &p->courses[k];
			co->line = a;
			co->group = x->group;
			co->length = x->duration;
			co->subject = x->subject;
			co->sets = x->sets;
			co->nsets = x->nsets;
			co->teachers = x->teachers;
			co->nteachers = x->nteachers;
			co->rooms = x->nrooms > 0 ? x->rooms : NULL;
			co->nrooms = x->nrooms > 0 ? x->nrooms : 0;
			co->prefs = x->prefs;
			co->pref_weights = x->pref_w;
			co->nprefs = x->nprefs;
			co->tag = x->tag;
		}
		x->course = k;
		x->seq = p->courses[k].nlessons++;
	}
	free(groups);
	free(next);
	for (int k = 0; k < p->ncourses; k++) {
		struct fetp_course *co = &p->courses[k];
		int first = co->line;
		co->fet_id = xcalloc((size_t)co->nlessons, sizeof *co->fet_id);
		co->day = xcalloc((size_t)co->nlessons, sizeof *co->day);
		co->period = xcalloc((size_t)co->nlessons, sizeof *co->period);
		co->room = xcalloc((size_t)co->nlessons, sizeof *co->room);
		/* the course keeps copies: the acts' arrays are freed with them */
		int *v = xcalloc((size_t)co->nsets + 1, sizeof *v);
		memcpy(v, co->sets, (size_t)co->nsets * sizeof *v);
		co->sets = v;
		v = xcalloc((size_t)co->nteachers + 1, sizeof *v);
		memcpy(v, co->teachers, (size_t)co->nteachers * sizeof *v);
		co->teachers = v;
		if (co->nrooms) {
			v = xcalloc((size_t)co->nrooms, sizeof *v);
			memcpy(v, co->rooms, (size_t)co->nrooms * sizeof *v);
			co->rooms = v;
		}
		if (co->nprefs) {
			v = xcalloc((size_t)co->nprefs, sizeof *v);
			memcpy(v, co->prefs, (size_t)co->nprefs * sizeof *v);
			co->prefs = v;
			double *w = xcalloc((size_t)co->nprefs, sizeof *w);
			memcpy(w, co->pref_weights, (size_t)co->nprefs * sizeof *w);
			co->pref_weights = w;
		} else
			co->prefs = NULL, co->pref_weights = NULL;
		co->line = c->acts[first].line;
	}
	for (int a = 0; a < c->nacts; a++) {
		const struct act *x = &c->acts[a];
		struct fetp_course *co = &p->courses[x->course];
		co->fet_id[x->seq] = x->id;
		co->day[x->seq] = x->lock_day;
		co->period[x->seq] = x->lock_period;
		co->room[x->seq] = x->lock_day >= 0 ? x->lock_room : -1;
	}
	p->nlessons = c->nacts;
}

/* A class's school: its name's "building:" prefix, else the one building of the rooms its
 * lessons may use; groups follow their class. */
static int set_schools(struct ctx *c)
{
	struct fet_plan *p = c->p;
	for (int s = 0; s < p->nsets; s++) {
		struct fetp_set *st = &p->sets[s];
		st->school = p->nschools == 1 ? 0 : -1;
		st->local = st->name;
		if (st->level == 0) {
			const char *colon = strchr(st->name, ':');
			if (colon && colon[1]) {
				char pre[256];
				snprintf(pre, sizeof pre, "%.*s", (int)(colon - st->name), st->name);
				int b = fet_names_find(&c->buildings, pre);
				if (b >= 0) {
					st->school = b;
					st->local = colon + 1;
				}
			}
		}
	}
	/* by rooms */
	for (int k = 0; k < p->ncourses; k++) {
		const struct fetp_course *co = &p->courses[k];
		int b = co->nrooms ? p->rooms[co->rooms[0]].school : -1;
		for (int r = 1; r < co->nrooms; r++)
			if (p->rooms[co->rooms[r]].school != b)
				b = -1;
		if (b < 0)
			continue;
		for (int q = 0; q < co->nsets; q++) {
			int s = co->sets[q];
			while (p->sets[s].parent >= 0)
				s = p->sets[s].parent;
			if (p->sets[s].school < 0)
				p->sets[s].school = b;
		}
	}
	for (int s = 0; s < p->nsets; s++) {
		struct fetp_set *st = &p->sets[s];
		if (st->level > 0) {
			int top = s;
			while (p->sets[top].parent >= 0)
				top = p->sets[top].parent;
			st->school = p->sets[top].school;
			const struct fetp_set *par = &p->sets[st->parent];
			size_t n = strlen(par->name);
			if (strncmp(st->name, par->name, n) == 0 && st->name[n] == '/' && st->name[n + 1])
				st->local = st->name + n + 1;
			else {
				const char *slash = strrchr(st->name, '/');
				if (slash && slash[1] && strncmp(st->name, p->sets[top].name, strlen(p->sets[top].name)) == 0)
					st->local = slash + 1;
			}
		} else if (st->school < 0) {
			c->buildings_bad = true;
			xq_msg(c->msg, _("line %d: cannot tell which building (school) the students %s belong to: name them "
					 "BUILDING:%s, or give their lessons rooms of one building"),
				st->line, st->name, st->name);
			return XQ_ERR;
		}
	}
	/* two groups of a class with one short name ("男生/甲", "女生/甲"): the longer name; a
	 * class's sets are listed together (in[at[top]] on), so each is compared within its class */
	int *at = xcalloc((size_t)p->nsets + 2, sizeof *at), *in = xcalloc((size_t)p->nsets + 1, sizeof *in);
	int *top_of = xcalloc((size_t)p->nsets + 1, sizeof *top_of);
	for (int s = 0; s < p->nsets; s++) {
		int top = s;
		while (p->sets[top].parent >= 0)
			top = p->sets[top].parent;
		top_of[s] = top;
		at[top + 2]++;
	}
	for (int s = 0; s < p->nsets; s++)
		at[s + 2] += at[s + 1];
	for (int s = 0; s < p->nsets; s++)
		in[at[top_of[s] + 1]++] = s;
	for (int s = 0; s < p->nsets; s++) {
		struct fetp_set *st = &p->sets[s];
		if (st->level == 0)
			continue;
		int top = top_of[s];
		for (int i = at[top]; i < at[top + 1]; i++) {
			int o = in[i];
			if (o == s || p->sets[o].level == 0 || strcmp(p->sets[o].local, st->local) != 0)
				continue;
			size_t n = strlen(p->sets[top].name);
			st->local = strncmp(st->name, p->sets[top].name, n) == 0 && st->name[n] == '/' && st->name[n + 1]
					    ? st->name + n + 1
					    : st->name;
			break;
		}
	}
	free(at);
	free(in);
	free(top_of);
	for (int k = 0; k < p->ncourses; k++) {
		struct fetp_course *co = &p->courses[k];
		if (co->nsets == 0) {
			/* a teachers' activity without students (a meeting): its rooms' building, else one school */
			co->school = co->nrooms ? p->rooms[co->rooms[0]].school : p->nschools == 1 ? 0 : -1;
			if (co->school < 0) {
				c->buildings_bad = true;
				xq_msg(c->msg, _("line %d: an activity without students or rooms: which building (school) is it "
						 "in?"),
					co->line);
				return XQ_ERR;
			}
		} else
			co->school = p->sets[co->sets[0]].school;
		for (int q = 1; q < co->nsets; q++)
			if (p->sets[co->sets[q]].school != co->school) {
				c->buildings_bad = true;
				xq_msg(c->msg, _("line %d: an activity teaches students of two buildings (schools): %s and %s"),
					co->line, p->sets[co->sets[0]].name, p->sets[co->sets[q]].name);
				return XQ_ERR;
			}
		for (int r = 0; r < co->nrooms; r++)
			if (p->rooms[co->rooms[r]].school != co->school) {
				c->buildings_bad = true;
				xq_msg(c->msg, _("line %d: the students %s may have lessons in the room %s of another building"),
					co->line, p->sets[co->sets[0]].name, p->rooms[co->rooms[r]].name);
				return XQ_ERR;
			}
		/* a room of another building it had rather use, it never can: left out */
		int kept = 0;
		for (int r = 0; r < co->nprefs; r++)
			if (p->rooms[co->prefs[r]].school == co->school) {
				co->prefs[kept] = co->prefs[r];
				co->pref_weights[kept++] = co->pref_weights[r];
			}
		co->nprefs = kept;
	}
	/* each teacher's courses, then a teacher's school: where most of their lessons are */
	int *tat = p->teacher_course_at = xcalloc((size_t)p->nteachers + 2, sizeof *tat);
	for (int k = 0; k < p->ncourses; k++)
		for (int q = 0; q < p->courses[k].nteachers; q++)
			tat[p->courses[k].teachers[q] + 2]++;
	for (int t = 0; t < p->nteachers; t++)
		tat[t + 2] += tat[t + 1];
	p->teacher_courses = xcalloc((size_t)tat[p->nteachers + 1] + 1, sizeof *p->teacher_courses);
	for (int k = 0; k < p->ncourses; k++)
		for (int q = 0; q < p->courses[k].nteachers; q++)
			p->teacher_courses[tat[p->courses[k].teachers[q] + 1]++] = k;
	int *count = xcalloc((size_t)p->nschools + 1, sizeof *count);
	for (int t = 0; t < p->nteachers; t++) {
		memset(count, 0, (size_t)p->nschools * sizeof *count);
		for (int i = tat[t]; i < tat[t + 1]; i++) {
			const struct fetp_course *co = &p->courses[p->teacher_courses[i]];
			count[co->school] += co->nlessons * co->length;
		}
		int best = -1;
		for (int s = 0; s < p->nschools; s++)
			if (count[s] && (best < 0 || count[s] > count[best]))
				best = s;
		p->teachers[t].school = best >= 0 ? best : p->nschools == 1 ? 0 : -1;
	}
	free(count);
	return XQ_OK;
}

static int structure(struct ctx *c)
{
	const struct fet_doc *d = c->doc;
	struct fet_plan *p = c->p;
	p->institution = d->institution;
	p->days = d->ndays;
	p->periods = d->nhours;
	if (p->days > 20 || p->periods > 30) {
		xq_msg(c->msg, _("the file has %d days of %d hours; a term has at most 20 days of 30 periods"), p->days,
			p->periods);
		return XQ_ERR;
	}
	p->day_names = d->days;
	p->period_names = d->hours;
	make_bells(p);
	if (fet_names_init(&c->days, d->days, d->ndays) != XQ_OK || fet_names_init(&c->hours, d->hours, d->nhours))
		return XQ_ERR;
	/* schools: the buildings, unless the file is one school's (a room without a building) */
	for (int r = 0; r < d->rooms.n && !c->one_school && d->buildings.n > 1; r++) {
		const char *b = fet_get(&d->rooms.v[r], "Building");
		if (!b || !*b) {
			c->one_school = c->buildings_bad = true;
			xq_msg(c->msg, _("line %d: the room %s is in no building, so the buildings are not schools"),
				d->rooms.v[r].line, fet_get(&d->rooms.v[r], "Name") ? fet_get(&d->rooms.v[r], "Name") : "");
		}
	}
	int nb = c->one_school ? 0 : d->buildings.n;
	p->nschools = nb ? nb : 1;
	p->schools = xcalloc((size_t)p->nschools, sizeof *p->schools);
	p->school_line = xcalloc((size_t)p->nschools, sizeof *p->school_line);
	for (int b = 0; b < nb; b++) {
		p->schools[b] = fet_get(&d->buildings.v[b], "Name");
		p->school_line[b] = d->buildings.v[b].line;
		if (!p->schools[b] || !*p->schools[b]) {
			xq_msg(c->msg, _("line %d: a building without a name"), d->buildings.v[b].line);
			return XQ_ERR;
		}
	}
	if (!nb) {
		p->schools[0] = d->institution;
		p->school_line[0] = 1;
	}
	if (nb)
		fet_names_of_list(&c->buildings, &d->buildings);
	else
		fet_names_init(&c->buildings, NULL, 0);
	/* rooms */
	p->rooms = xcalloc((size_t)d->rooms.n + 1, sizeof *p->rooms);
	for (int r = 0; r < d->rooms.n; r++) {
		const struct fet_item *it = &d->rooms.v[r];
		struct fetp_room *x = &p->rooms[p->nrooms++];
		x->name = fet_get(it, "Name");
		x->line = it->line;
		const char *v = fet_get(it, "Virtual");
		x->local = x->name;
		if (!x->name || !*x->name) {
			xq_msg(c->msg, _("line %d: a room without a name"), it->line);
			return XQ_ERR;
		}
		if (v && strcmp(v, "true") == 0) {
			xq_msg(c->msg, _("line %d: the room %s is virtual (a set of rooms); xuequ takes real rooms only"),
				it->line, x->name);
			return XQ_ERR;
		}
		const char *b = fet_get(it, "Building");
		x->school = nb == 0 ? 0 : b && *b ? fet_names_find(&c->buildings, b) : nb == 1 ? 0 : -1;
		if (x->school < 0) {
			xq_msg(c->msg, _("line %d: the room %s is in no building the file lists; with buildings as schools, "
					 "each room needs one"),
				it->line, x->name);
			return XQ_ERR;
		}
		if (!to_int(fet_get(it, "Capacity"), 0, 29999, &x->capacity))
			x->capacity = -1;
		size_t bn = b && nb ? strlen(b) : 0;
		if (bn && strncmp(x->name, b, bn) == 0 && x->name[bn] == ':' && x->name[bn + 1])
			x->local = x->name + bn + 1;
	}
	fet_names_of_list(&c->rooms, &d->rooms);
	/* subjects, teachers */
	p->subjects = xcalloc((size_t)d->subjects.n + 1, sizeof *p->subjects);
	for (int s = 0; s < d->subjects.n; s++) {
		p->subjects[p->nsubjects++] = fet_get(&d->subjects.v[s], "Name");
		if (!p->subjects[s] || !*p->subjects[s]) {
			xq_msg(c->msg, _("line %d: a subject without a name"), d->subjects.v[s].line);
			return XQ_ERR;
		}
	}
	fet_names_of_list(&c->subjects, &d->subjects);
	p->teachers = xcalloc((size_t)d->teachers.n + 1, sizeof *p->teachers);
	for (int t = 0; t < d->teachers.n; t++) {
		struct fetp_teacher *x = &p->teachers[p->nteachers++];
		x->name = fet_get(&d->teachers.v[t], "Name");
		x->line = d->teachers.v[t].line;
		if (!x->name || !*x->name) {
			xq_msg(c->msg, _("line %d: a teacher without a name"), x->line);
			return XQ_ERR;
		}
	}
	fet_names_of_list(&c->teachers, &d->teachers);
	/* students: each name once; a subgroup named again under another group of its class
	 * is one subgroup in both */
	p->sets = xcalloc((size_t)d->nsets + 1, sizeof *p->sets);
	p->members = xcalloc((size_t)d->nsets * 2 + 2, sizeof *p->members);
	const char **names = xcalloc((size_t)d->nsets + 1, sizeof *names);
	int *map = xcalloc((size_t)d->nsets + 1, sizeof *map);
	struct fet_names namings; /* every naming: the first of a name is found */
	for (int s = 0; s < d->nsets; s++)
		names[s] = d->sets[s].name;
	fet_names_init(&namings, names, d->nsets);
	for (int s = 0; s < d->nsets; s++) {
		const struct fet_set *f = &d->sets[s];
		int first = fet_names_find(&namings, f->name);
		if (!*f->name) {
			xq_msg(c->msg, _("line %d: students without a name"), f->line);
			fet_names_free(&namings);
			free(names);
			free(map);
			return XQ_ERR;
		}
		if (first != s) {
			const struct fet_set *o = &d->sets[first];
			bool subgroup = f->level == 2 && o->level == 2 &&
					d->sets[f->parent].parent == d->sets[o->parent].parent;
			if (!subgroup) {
				xq_msg(c->msg, _("line %d: the students %s are named again (first at line %d); xuequ takes a "
						 "subgroup named under two groups of one class, nothing else twice"),
					f->line, f->name, o->line);
				fet_names_free(&namings);
				free(names);
				free(map);
				return XQ_ERR;
			}
			map[s] = map[first];
			p->members[2 * p->nmembers] = map[f->parent];
			p->members[2 * p->nmembers + 1] = map[first];
			p->nmembers++;
			continue;
		}
		map[s] = p->nsets;
		struct fetp_set *x = &p->sets[p->nsets++];
		x->name = f->name;
		x->level = f->level;
		x->parent = f->parent >= 0 ? map[f->parent] : -1;
		x->students = f->students;
		x->line = f->line;
		names[p->nsets - 1] = f->name;
	}
	fet_names_free(&namings);
	free(map);
	fet_names_init(&c->sets, names, p->nsets);
	free(names);
	return XQ_OK;
}

/* The lesson rules name acts until the courses exist; then (course, seq). */
static void lrules_fix(struct ctx *c)
{
	struct fet_plan *p = c->p;
	int k = 0;
	for (int i = 0; i < p->nlrules; i++) {
		struct fetp_lrule *r = &p->lrules[i];
		for (int q = 0; q < r->nles; q++) {
			const struct act *a = &c->acts[r->course[q]];
			r->course[q] = a->course;
			r->seq[q] = a->seq;
		}
		bool pair = r->kind == TT_LR_CONSECUTIVE;
		bool group = r->kind == TT_LR_MIN_DAYS || r->kind == TT_LR_SAME_START || r->kind == TT_LR_SAME_DAY ||
			     r->kind == TT_LR_NOT_OVERLAP || r->kind == TT_LR_GROUPED;
		if (r->nles == 0 || (pair && r->nles != 2) || (group && r->nles < 2)) {
			free(r->course);
			free(r->seq);
			free(r->slots);
			continue;
		}
		/* a hard "different days" over all the lessons of one course is the course's own rule */
		if (r->kind == TT_LR_MIN_DAYS && r->weight >= 100 && r->n == 1 && r->nles == p->courses[r->course[0]].nlessons) {
			bool one = true;
			for (int q = 1; q < r->nles; q++)
				one = one && r->course[q] == r->course[0];
			if (one) {
				p->courses[r->course[0]].different_days = true;
				free(r->course);
				free(r->seq);
				free(r->slots);
				continue;
			}
		}
		p->lrules[k++] = *r;
	}
	p->nlrules = k;
}

static int plan_make(const struct fet_doc *doc, bool one_school, struct fet_plan *plan, bool *buildings_bad,
	char *msg)
{
	memset(plan, 0, sizeof *plan);
	struct ctx c = {.doc = doc, .p = plan, .msg = msg, .one_school = one_school};
	int rc = structure(&c);
	if (rc == XQ_OK)
		rc = read_acts(&c);
	if (rc == XQ_OK)
		rc = space_rules(&c);
	if (rc == XQ_OK)
		rc = time_rules(&c);
	if (rc == XQ_OK) {
		make_courses(&c);
		lrules_fix(&c);
		rc = set_schools(&c);
	}
	for (int a = 0; a < c.nacts; a++) {
		free(c.acts[a].teachers);
		free(c.acts[a].sets);
		free(c.acts[a].tags);
		free(c.acts[a].rooms);
		free(c.acts[a].prefs);
		free(c.acts[a].pref_w);
	}
	free(c.acts);
	free(c.act_by_id);
	fet_names_free(&c.teachers);
	fet_names_free(&c.subjects);
	fet_names_free(&c.rooms);
	fet_names_free(&c.sets);
	fet_names_free(&c.days);
	fet_names_free(&c.hours);
	fet_names_free(&c.buildings);
	fet_names_free(&c.listed);
	act_index_free(&c.by_teacher);
	act_index_free(&c.by_set);
	act_index_free(&c.by_subject);
	free(c.rule_at);
	*buildings_bad = c.buildings_bad;
	if (rc != XQ_OK)
		fet_plan_free(plan);
	return rc;
}

int fet_plan_make(const struct fet_doc *doc, bool one_school, struct fet_plan *plan, char *msg)
{
	bool bad = false;
	int rc = plan_make(doc, one_school, plan, &bad, msg);
	if (rc == XQ_OK && bad) {
		/* a room without a building: read as one school from the start, and say why */
		char text[200];
		xq_copy(text, sizeof text, msg);
		plan_add_note(plan, FETP_TAKEN, 1, "Buildings_List", text);
	} else if (rc != XQ_OK && bad && !one_school && doc->buildings.n) {
		char why[512];
		xq_copy(why, sizeof why, msg);
		rc = plan_make(doc, true, plan, &bad, msg);
		if (rc == XQ_OK) {
			char text[200];
			snprintf(text, sizeof text, _("read as one school: %s"), why);
			plan_add_note(plan, FETP_TAKEN, 1, "Buildings_List", text);
		}
	}
	return rc;
}

void fet_plan_free(struct fet_plan *p)
{
	for (int k = 0; k < p->ncourses; k++) {
		struct fetp_course *co = &p->courses[k];
		free(co->sets);
		free(co->teachers);
		free(co->rooms);
		free(co->prefs);
		free(co->pref_weights);
		free(co->fet_id);
		free(co->day);
		free(co->period);
		free(co->room);
	}
	for (int i = 0; i < p->nlrules; i++) {
		free(p->lrules[i].course);
		free(p->lrules[i].seq);
		free(p->lrules[i].slots);
	}
	free(p->courses);
	free(p->teacher_course_at);
	free(p->teacher_courses);
	free(p->lrules);
	free(p->bell);
	free(p->schools);
	free(p->school_line);
	free(p->rooms);
	free(p->teachers);
	free(p->subjects);
	free(p->sets);
	free(p->unav);
	free(p->members);
	free(p->drules);
	free(p->rules);
	free(p->notes);
	for (int i = 0; i < p->ntexts; i++)
		free(p->texts[i]);
	free(p->texts);
	memset(p, 0, sizeof *p);
}
