/* fet_import.c: a FET file's plan written into a term (db/fet_import.h). Matching first,
 * writing after, all in one transaction: a file that does not fit changes nothing. */
#include "db/fet_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timetable.h"
#include "core/util.h"
#include "db/internal.h"
#include "db/timetable.h"

struct run {
	struct db *db;
	const struct fet_plan *p;
	const struct fet_import_opts *o;
	struct fet_import_result *r;
	struct term term;
	int64_t *school, *room, *teacher, *subject, *set_class, *set_group, *course;
	int64_t *lesson; /* every lesson's id, a course's from lesson_at[course] on */
	int *lesson_at;
	int *teacher_home; /* the plan's school each teacher is at in the database, -1 elsewhere */
	long next_school, next_staff; /* where the search for a free placeholder goes on */
	struct strbuf unmatched;
};

static void unmatched(struct run *u, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void unmatched(struct run *u, int line, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	sb_printf(&u->unmatched, _("line %d: %s\n"), line, text);
	u->r->nunmatched++;
}

/* Runs a prepared insert; the new row's id. */
static int64_t run_insert(struct db *db, sqlite3_stmt *st, char *msg)
{
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return 0;
	return sqlite3_last_insert_rowid(db->h);
}

/* A school by code, name or short name; 0 when none, -1 when the name is ambiguous. */
static int64_t find_school(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM school WHERE code = ?1 UNION SELECT id FROM school WHERE name = ?1 "
				       "UNION SELECT id FROM school WHERE short_name = ?1 LIMIT 2", NULL);
	if (!st)
		return 0;
	bind_text(st, 1, name);
	int64_t id = 0;
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		n++;
	}
	db_done(st);
	return n > 1 ? -1 : id;
}

/* The first name fmt gives from *k on that sql finds no row for; *k goes past it, so the
 * next placeholder does not search from the start again. */
static void free_name(struct db *db, const char *sql, const char *fmt, long *k, char *out, size_t size)
{
	for (;; ++*k) {
		snprintf(out, size, fmt, *k);
		if (db_lookup_text(db, sql, out) == 0)
			break;
	}
	++*k;
}

/* A placeholder code no school has: "00000" and five digits (real codes never start so). */
static int new_school(struct run *u, int s, char *msg)
{
	char code[32];
	free_name(u->db, "SELECT id FROM school WHERE code = ?", "00000%05ld", &u->next_school, code, sizeof code);
	sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO school (id, code, name, level, location) VALUES (" DB_NEW_ID("school")
					  ", ?, ?, 'primary', 'town')", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, code);
	bind_text(st, 2, u->p->schools[s] && *u->p->schools[s] ? u->p->schools[s] : code);
	u->school[s] = run_insert(u->db, st, msg);
	if (!u->school[s])
		return XQ_ERR;
	u->r->schools_new++;
	return XQ_OK;
}

static int match_schools(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	for (int s = 0; s < p->nschools; s++) {
		int64_t id = 0;
		if (p->nschools == 1 && u->o->school_code) {
			id = db_lookup_text(u->db, "SELECT id FROM school WHERE code = ?", u->o->school_code);
			if (!id) {
				xq_msg(msg, _("no school has the code %s"), u->o->school_code);
				return XQ_ERR;
			}
		} else
			id = p->schools[s] && *p->schools[s] ? find_school(u->db, p->schools[s]) : 0;
		if (id < 0) {
			unmatched(u, p->school_line[s], _("%s names more than one school"), p->schools[s]);
			continue;
		}
		if (id == 0 && !u->o->create) {
			unmatched(u, p->school_line[s], _("%s matches no school's code, name or short name"),
				p->schools[s] && *p->schools[s] ? p->schools[s] : _("(no name)"));
			continue;
		}
		if (id == 0 && new_school(u, s, msg) != XQ_OK)
			return XQ_ERR;
		if (id)
			u->school[s] = id;
		if (db_require_write(u->db, u->school[s], 0, msg) != XQ_OK)
			return XQ_ERR;
	}
	u->r->schools = p->nschools;
	return XQ_OK;
}

/* A teacher by name (or staff number) among the teachers of the plan's schools; 0 none,
 * -1 more than one. */
static int64_t find_teacher(struct run *u, const char *name, int *home)
{
	sqlite3_stmt *st = db_stmt(u->db, "SELECT id, school_id FROM teacher WHERE (name = ?1 OR staff_no = ?1)", NULL);
	if (!st)
		return 0;
	bind_text(st, 1, name);
	int64_t id = 0;
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t school = sqlite3_column_int64(st, 1);
		for (int s = 0; s < u->p->nschools; s++)
			if (u->school[s] == school) {
				if (id != sqlite3_column_int64(st, 0))
					n++;
				id = sqlite3_column_int64(st, 0);
				*home = s;
			}
	}
	db_done(st);
	return n > 1 ? -1 : id;
}

static int match_teachers(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	for (int t = 0; t < p->nteachers; t++) {
		int home = -1;
		int64_t id = find_teacher(u, p->teachers[t].name, &home);
		if (id < 0) {
			unmatched(u, p->teachers[t].line, _("more than one teacher of the file's schools is named %s"),
				p->teachers[t].name);
			continue;
		}
		if (id > 0) {
			u->teacher[t] = id;
			u->teacher_home[t] = home;
			u->r->teachers++;
			continue;
		}
		if (!u->o->create) {
			unmatched(u, p->teachers[t].line, _("the teacher %s is not on the staff of the file's schools"),
				p->teachers[t].name);
			continue;
		}
		/* added with a placeholder staff number that check reports until it is set */
		int s = p->teachers[t].school >= 0 ? p->teachers[t].school : 0;
		char staff[32];
		free_name(u->db, "SELECT id FROM teacher WHERE staff_no = ?", "FET%06ld", &u->next_staff, staff, sizeof staff);
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO teacher (id, staff_no, name, gender, school_id, education, "
						  "employment) VALUES (" DB_NEW_ID("teacher") ", ?, ?, 'M', ?, 'bachelor', 'other')",
			msg);
		if (!st)
			return XQ_ERR;
		bind_text(st, 1, staff);
		bind_text(st, 2, p->teachers[t].name);
		sqlite3_bind_int64(st, 3, u->school[s]);
		if (!(u->teacher[t] = run_insert(u->db, st, msg)))
			return XQ_ERR;
		u->teacher_home[t] = s;
		u->r->teachers++;
		u->r->teachers_new++;
	}
	return XQ_OK;
}

/* Teachers at a school not their own: an approved exchange there during the term, or, with
 * create, an itinerant one recorded now. */
static int exchanges(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	int *load = xcalloc((size_t)p->nschools + 1, sizeof *load);
	int rc = XQ_OK;
	for (int t = 0; t < p->nteachers && rc == XQ_OK; t++) {
		if (!u->teacher[t])
			continue;
		memset(load, 0, (size_t)p->nschools * sizeof *load);
		int total = 0;
		for (int i = p->teacher_course_at[t]; i < p->teacher_course_at[t + 1]; i++) {
			const struct fetp_course *c = &p->courses[p->teacher_courses[i]];
			load[c->school] += c->nlessons * c->length;
			total += c->nlessons * c->length;
		}
		for (int s = 0; s < p->nschools && rc == XQ_OK; s++) {
			if (!load[s] || s == u->teacher_home[t] || !u->school[s])
				continue;
			sqlite3_stmt *st = db_stmt(u->db,
				"SELECT 1 FROM teacher WHERE id = ?1 AND school_id = ?2 UNION ALL "
				"SELECT 1 FROM exchange e WHERE e.teacher_id = ?1 AND e.to_school_id = ?2 "
				"AND e.status IN ('approved','active','extended','completed') AND e.start_date <= ?4 "
				"AND e.end_date >= ?3 LIMIT 1", msg);
			if (!st) {
				rc = XQ_ERR;
				break;
			}
			sqlite3_bind_int64(st, 1, u->teacher[t]);
			sqlite3_bind_int64(st, 2, u->school[s]);
			bind_text(st, 3, u->term.first_day);
			bind_text(st, 4, u->term.last_day);
			bool has = sqlite3_step(st) == SQLITE_ROW;
			db_done(st);
			if (has)
				continue;
			if (!u->o->create) {
				unmatched(u, p->teachers[t].line, _("%s teaches at %s, not their school, without an approved "
								    "exchange there during %s"),
					p->teachers[t].name, p->schools[s], u->term.name);
				continue;
			}
			char year[16];
			snprintf(year, sizeof year, "%.9s", u->term.name);
			int64_t from = db_lookup_id(u->db, "SELECT school_id FROM teacher WHERE id = ?", u->teacher[t]);
			st = db_stmt(u->db, "INSERT INTO exchange (id, teacher_id, from_school_id, to_school_id, kind, reason, year, "
					    "start_date, end_date, week_share, status, note) VALUES (" DB_NEW_ID("exchange")
					    ", ?, ?, ?, 'itinerant', 'voluntary', ?, ?, ?, ?, 'approved', ?)",
				msg);
			if (!st) {
				rc = XQ_ERR;
				break;
			}
			sqlite3_bind_int64(st, 1, u->teacher[t]);
			sqlite3_bind_int64(st, 2, from);
			sqlite3_bind_int64(st, 3, u->school[s]);
			bind_text(st, 4, year);
			bind_text(st, 5, u->term.first_day);
			bind_text(st, 6, u->term.last_day);
			double share = (double)load[s] / (total ? total : 1);
			sqlite3_bind_double(st, 7, share > 0.01 ? share : 0.01);
			bind_text(st, 8, _("lessons of a FET timetable"));
			if (!run_insert(u->db, st, msg))
				rc = XQ_ERR;
			else
				u->r->exchanges_new++;
		}
	}
	free(load);
	return rc;
}

static int rooms_subjects(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	for (int r = 0; r < p->nrooms; r++) {
		const struct fetp_room *x = &p->rooms[r];
		int64_t school = u->school[x->school];
		u->room[r] = db_room_id(u->db, school, x->local);
		if (u->room[r])
			continue;
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO room (id, school_id, name, capacity) VALUES (" DB_NEW_ID("room")
						  ", ?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, school);
		bind_text(st, 2, x->local);
		bind_long_null(st, 3, x->capacity);
		if (!(u->room[r] = run_insert(u->db, st, msg)))
			return XQ_ERR;
		u->r->rooms_new++;
	}
	for (int s = 0; s < p->nsubjects; s++) {
		u->subject[s] = db_lookup_text(u->db, "SELECT id FROM subject WHERE code = ?", p->subjects[s]);
		if (u->subject[s])
			continue;
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO subject (id, code, name) VALUES (" DB_NEW_ID("subject") ", ?1, ?1)",
			msg);
		if (!st)
			return XQ_ERR;
		bind_text(st, 1, p->subjects[s]);
		if (!(u->subject[s] = run_insert(u->db, st, msg)))
			return XQ_ERR;
		u->r->subjects_new++;
	}
	return XQ_OK;
}

static int link(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c, char *msg);

static int classes(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	for (int s = 0; s < p->nsets; s++) {
		const struct fetp_set *x = &p->sets[s];
		sqlite3_stmt *st;
		if (x->level == 0) {
			st = db_stmt(u->db, "INSERT INTO class (id, term_id, school_id, grade, name, students) VALUES ("
					    DB_NEW_ID("class") ", ?, ?, ?3, ?3, ?4)", msg);
			if (!st)
				return XQ_ERR;
			sqlite3_bind_int64(st, 1, u->term.id);
			sqlite3_bind_int64(st, 2, u->school[x->school]);
			bind_text(st, 3, x->local);
			bind_long_null(st, 4, x->students);
			if (!(u->set_class[s] = run_insert(u->db, st, msg)))
				return XQ_ERR;
			u->r->classes++;
			continue;
		}
		int top = s;
		while (p->sets[top].parent >= 0)
			top = p->sets[top].parent;
		u->set_class[s] = u->set_class[top];
		st = db_stmt(u->db, "INSERT INTO class_group (id, class_id, parent_id, name, students) VALUES ("
				    DB_NEW_ID("class_group") ", ?, ?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, u->set_class[s]);
		bind_id_null(st, 2, x->level == 2 ? u->set_group[x->parent] : 0);
		bind_text(st, 3, x->local);
		bind_long_null(st, 4, x->students);
		if (!(u->set_group[s] = run_insert(u->db, st, msg))) {
			char why[XQ_MSG_MAX];
			xq_copy(why, sizeof why, msg);
			xq_msg(msg, _("line %d: the students %s: %s"), x->line, x->name, why);
			return XQ_ERR;
		}
		u->r->groups++;
	}
	for (int k = 0; k < p->nmembers; k++)
		if (link(u->db, "INSERT INTO group_member (id, group_id, subgroup_id) VALUES (" DB_NEW_ID("group_member")
				", ?, ?)",
			    u->set_group[p->members[2 * k]], u->set_group[p->members[2 * k + 1]], 0, msg) != XQ_OK)
			return XQ_ERR;
	return XQ_OK;
}

/* An insert of two ids (and a third, NULL when 0, when the statement has one). */
static int link(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, sql, msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (sqlite3_bind_parameter_count(st) >= 3)
		bind_id_null(st, 3, c);
	return db_exec_stmt(db, st, msg);
}

static int courses(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	for (int k = 0; k < p->ncourses; k++) {
		const struct fetp_course *c = &p->courses[k];
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO course (id, term_id, school_id, subject_id, lessons, length, "
						  "different_days, fet_id, note) VALUES (" DB_NEW_ID("course") ", ?, ?, ?, ?, ?, ?, ?, ?)",
			msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, u->term.id);
		sqlite3_bind_int64(st, 2, u->school[c->school]);
		sqlite3_bind_int64(st, 3, u->subject[c->subject]);
		sqlite3_bind_int(st, 4, c->nlessons);
		sqlite3_bind_int(st, 5, c->length);
		sqlite3_bind_int(st, 6, c->different_days);
		sqlite3_bind_int(st, 7, c->fet_id[0]);
		bind_text_null(st, 8, c->tag && *c->tag ? c->tag : NULL);
		if (c->nlessons > 60) {
			xq_msg(msg, _("line %d: an activity of %d parts; a course has at most 60 lessons"), c->line, c->nlessons);
			return XQ_ERR;
		}
		if (!(u->course[k] = run_insert(u->db, st, msg)))
			return XQ_ERR;
		for (int q = 0; q < c->nsets; q++) {
			int s = c->sets[q];
			if (link(u->db, "INSERT INTO course_students (id, course_id, class_id, group_id) VALUES ("
					DB_NEW_ID("course_students") ", ?, ?, ?)",
				    u->course[k], u->set_class[s], p->sets[s].level ? u->set_group[s] : 0, msg) != XQ_OK)
				return XQ_ERR;
		}
		for (int q = 0; q < c->nteachers; q++)
			if (link(u->db, "INSERT INTO course_teacher (id, course_id, teacher_id) VALUES (" DB_NEW_ID("course_teacher")
					", ?, ?)",
				    u->course[k], u->teacher[c->teachers[q]], 0, msg) != XQ_OK)
				return XQ_ERR;
		for (int q = 0; q < c->nrooms; q++)
			if (link(u->db, "INSERT INTO course_room (id, course_id, room_id) VALUES (" DB_NEW_ID("course_room")
					", ?, ?)",
				    u->course[k], u->room[c->rooms[q]], 0, msg) != XQ_OK)
				return XQ_ERR;
		for (int q = 0; q < c->nlessons; q++) {
			st = db_stmt(u->db, "INSERT INTO lesson (id, course_id, seq, day, period, room_id, locked, fet_id) VALUES ("
					    DB_NEW_ID("lesson") ", ?, ?, ?, ?, ?, ?, ?)", msg);
			if (!st)
				return XQ_ERR;
			bool locked = c->day[q] >= 0;
			sqlite3_bind_int64(st, 1, u->course[k]);
			sqlite3_bind_int(st, 2, q + 1);
			if (locked) {
				sqlite3_bind_int(st, 3, c->day[q] + 1);
				sqlite3_bind_int(st, 4, c->period[q] + 1);
			} else {
				sqlite3_bind_null(st, 3);
				sqlite3_bind_null(st, 4);
			}
			bind_id_null(st, 5, locked && c->room[q] >= 0 ? u->room[c->room[q]] : 0);
			sqlite3_bind_int(st, 6, locked);
			sqlite3_bind_int(st, 7, c->fet_id[q]);
			int64_t id = run_insert(u->db, st, msg);
			if (!id)
				return XQ_ERR;
			u->lesson[u->lesson_at[k] + q] = id;
			u->r->lessons++;
			u->r->locked += locked;
		}
		u->r->courses++;
	}
	return XQ_OK;
}

static int unav_cmp(const void *pa, const void *pb)
{
	const struct fetp_unav *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if (a->who != b->who)
		return a->who - b->who;
	if (a->day != b->day)
		return a->day - b->day;
	return a->period - b->period;
}

static int rules(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	struct fetp_unav *v = xcalloc((size_t)p->nunav + 1, sizeof *v);
	if (p->nunav)
		memcpy(v, p->unav, (size_t)p->nunav * sizeof *v);
	qsort(v, (size_t)p->nunav, sizeof *v, unav_cmp);
	int rc = XQ_OK;
	for (int i = 0; i < p->nunav && rc == XQ_OK; i++) {
		if (i && unav_cmp(&v[i], &v[i - 1]) == 0)
			continue;
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO unavailable (id, term_id, teacher_id, class_id, room_id, day, "
						  "period) VALUES (" DB_NEW_ID("unavailable") ", ?, ?, ?, ?, ?, ?)", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, u->term.id);
		bind_id_null(st, 2, v[i].kind == 0 ? u->teacher[v[i].who] : 0);
		bind_id_null(st, 3, v[i].kind == 1 ? u->set_class[v[i].who] : 0);
		bind_id_null(st, 4, v[i].kind == 2 ? u->room[v[i].who] : 0);
		sqlite3_bind_int(st, 5, v[i].day + 1);
		sqlite3_bind_int(st, 6, v[i].period + 1);
		if (db_exec_stmt(u->db, st, msg) != XQ_OK)
			rc = XQ_ERR;
		else
			u->r->unavailable++;
	}
	free(v);
	for (int i = 0; i < p->nrules && rc == XQ_OK; i++) {
		const struct fetp_rule *x = &p->rules[i];
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO teacher_rule (id, term_id, teacher_id, max_changes, "
						  "min_gap_periods) VALUES (" DB_NEW_ID("teacher_rule") ", ?, ?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, u->term.id);
		sqlite3_bind_int64(st, 2, u->teacher[x->teacher]);
		bind_long_null(st, 3, x->max_changes);
		bind_long_null(st, 4, x->min_gap_periods);
		if (db_exec_stmt(u->db, st, msg) != XQ_OK)
			rc = XQ_ERR;
	}
	static const char *const everyone[] = {NULL, "teachers", "students"};
	for (int i = 0; i < p->ndrules && rc == XQ_OK; i++) {
		const struct fetp_drule *x = &p->drules[i];
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO day_rule (id, term_id, kind, weight, teacher_id, class_id, "
						  "group_id, everyone, n, empty_days) VALUES (" DB_NEW_ID("day_rule")
						  ", ?, ?, ?, ?, ?, ?, ?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, u->term.id);
		bind_text(st, 2, tt_drule_words[x->kind]);
		sqlite3_bind_double(st, 3, x->weight);
		bind_id_null(st, 4, x->teacher >= 0 ? u->teacher[x->teacher] : 0);
		bind_id_null(st, 5, x->set >= 0 ? u->set_class[x->set] : 0);
		bind_id_null(st, 6, x->set >= 0 && p->sets[x->set].level ? u->set_group[x->set] : 0);
		bind_text_null(st, 7, everyone[x->everyone]);
		sqlite3_bind_int(st, 8, x->n);
		sqlite3_bind_int(st, 9, x->empty_days);
		if (db_exec_stmt(u->db, st, msg) != XQ_OK)
			rc = XQ_ERR;
		else
			u->r->rules++;
	}
	struct strbuf slots;
	sb_init(&slots);
	for (int i = 0; i < p->nlrules && rc == XQ_OK; i++) {
		const struct fetp_lrule *x = &p->lrules[i];
		slots.len = 0;
		if (slots.s)
			slots.s[0] = '\0';
		for (int q = 0; x->slots && q < p->days * p->periods; q++)
			if (x->slots[q])
				sb_printf(&slots, "%s%d.%d", slots.len ? " " : "", q / p->periods + 1, q % p->periods + 1);
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO lesson_rule (id, term_id, kind, weight, n, flag, slots) VALUES ("
						  DB_NEW_ID("lesson_rule") ", ?, ?, ?, ?, ?, ?)", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, u->term.id);
		bind_text(st, 2, tt_lrule_words[x->kind]);
		sqlite3_bind_double(st, 3, x->weight);
		sqlite3_bind_int(st, 4, x->n);
		sqlite3_bind_int(st, 5, x->flag);
		if (x->slots)
			bind_text(st, 6, slots.s ? slots.s : ""); /* "" is no slot at all, not any */
		else
			sqlite3_bind_null(st, 6);
		int64_t rule = run_insert(u->db, st, msg);
		if (!rule) {
			rc = XQ_ERR;
			break;
		}
		for (int q = 0; q < x->nles && rc == XQ_OK; q++) {
			int64_t lesson = u->lesson[u->lesson_at[x->course[q]] + x->seq[q]];
			rc = link(u->db, "INSERT INTO lesson_rule_lesson (id, rule_id, lesson_id) VALUES (" DB_NEW_ID(
						 "lesson_rule_lesson") ", ?, ?)",
				rule, lesson, 0, msg);
		}
		u->r->rules++;
	}
	sb_free(&slots);
	return rc;
}

/* The term takes the file's week: its days and periods, their names where they fit, and
 * the default bell times where it has none. */
static int term_week(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	struct term t = u->term;
	t.days = p->days;
	t.periods = p->periods;
	struct strbuf d, h;
	sb_init(&d);
	sb_init(&h);
	bool ok = true;
	for (int i = 0; i < p->days; i++) {
		ok = ok && !strchr(p->day_names[i], ';') && *p->day_names[i];
		sb_printf(&d, "%s%s", i ? ";" : "", p->day_names[i]);
	}
	for (int i = 0; i < p->periods; i++) {
		ok = ok && !strchr(p->period_names[i], ';') && *p->period_names[i];
		sb_printf(&h, "%s%s", i ? ";" : "", p->period_names[i]);
	}
	ok = ok && d.len < sizeof t.day_names && h.len < sizeof t.period_names;
	xq_copy(t.day_names, sizeof t.day_names, ok ? d.s : "");
	xq_copy(t.period_names, sizeof t.period_names, ok ? h.s : "");
	sb_free(&d);
	sb_free(&h);
	if (db_term_update(u->db, &t, msg) != XQ_OK) {
		/* names the term will not take (too long, or repeated): the numbers then */
		t = u->term;
		t.days = p->days;
		t.periods = p->periods;
		t.day_names[0] = t.period_names[0] = '\0';
		if (db_term_update(u->db, &t, msg) != XQ_OK)
			return XQ_ERR;
	}
	u->term = t;
	if (db_lookup_id(u->db, "SELECT count(*) FROM bell WHERE term_id = ? AND school_id IS NULL", t.id) > 0)
		return XQ_OK;
	for (int i = 0; i < p->periods; i++) {
		char a[6], b[6];
		clock_format(p->bell[2 * i], a);
		clock_format(p->bell[2 * i + 1], b);
		sqlite3_stmt *st = db_stmt(u->db, "INSERT INTO bell (id, term_id, school_id, period, start, end) VALUES ("
						  DB_NEW_ID("bell") ", ?, NULL, ?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		sqlite3_bind_int64(st, 1, t.id);
		sqlite3_bind_int(st, 2, i + 1);
		bind_text(st, 3, a);
		bind_text(st, 4, b);
		if (db_exec_stmt(u->db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

static int import_txn(struct db *db, const void *arg, void *out, char *msg)
{
	struct run *u = (struct run *)arg;
	(void)out;
	if (db_require_write(db, 0, 0, msg) != XQ_OK)
		return XQ_ERR;
	u->term.id = u->o->term_id;
	sqlite3_stmt *st = db_stmt(db, "SELECT name FROM term WHERE id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, u->o->term_id);
	bool got = sqlite3_step(st) == SQLITE_ROW;
	if (got)
		xq_copy(u->term.name, sizeof u->term.name, (const char *)sqlite3_column_text(st, 0));
	db_done(st);
	if (!got || db_term_find(db, u->term.name, &u->term) != XQ_OK) {
		xq_msg(msg, "%s", _("no such term"));
		return XQ_ERR;
	}
	long have = (long)db_lookup_id(db, "SELECT count(*) FROM course WHERE term_id = ?", u->term.id);
	if (have > 0) {
		xq_msg(msg, _("the term %s already has %ld courses; a FET file is read into a term without any"),
			u->term.name, have);
		return XQ_ERR;
	}
	if (match_schools(u, msg) != XQ_OK)
		return XQ_ERR;
	if (u->r->nunmatched == 0 && match_teachers(u, msg) != XQ_OK)
		return XQ_ERR;
	if (u->r->nunmatched == 0 && exchanges(u, msg) != XQ_OK)
		return XQ_ERR;
	if (u->r->nunmatched) {
		xq_msg(msg, u->o->create ? _("%d names of the file are not clear (listed above)")
					 : _("%d schools, teachers or exchanges are not in the database (listed above); "
					     "--create adds them"),
			u->r->nunmatched);
		return XQ_ERR;
	}
	if (term_week(u, msg) != XQ_OK || rooms_subjects(u, msg) != XQ_OK || classes(u, msg) != XQ_OK ||
	    courses(u, msg) != XQ_OK || rules(u, msg) != XQ_OK)
		return XQ_ERR;
	return XQ_OK;
}

int db_fet_import(struct db *db, const struct fet_plan *p, const struct fet_import_opts *o,
	struct fet_import_result *r, char *msg)
{
	memset(r, 0, sizeof *r);
	struct run u = {.db = db, .p = p, .o = o, .r = r, .next_school = 1, .next_staff = 1};
	size_t n = (size_t)(p->nschools + p->nrooms + p->nteachers + p->nsubjects + 2 * p->nsets + 2 * p->ncourses + 8);
	int64_t *all = xcalloc(n, sizeof *all);
	u.school = all;
	u.room = u.school + p->nschools;
	u.teacher = u.room + p->nrooms;
	u.subject = u.teacher + p->nteachers;
	u.set_class = u.subject + p->nsubjects;
	u.set_group = u.set_class + p->nsets;
	u.course = u.set_group + p->nsets;
	u.lesson = xcalloc((size_t)p->nlessons + 1, sizeof *u.lesson);
	u.lesson_at = xcalloc((size_t)p->ncourses + 1, sizeof *u.lesson_at);
	for (int k = 1; k < p->ncourses; k++)
		u.lesson_at[k] = u.lesson_at[k - 1] + p->courses[k - 1].nlessons;
	u.teacher_home = xcalloc((size_t)p->nteachers + 1, sizeof *u.teacher_home);
	for (int t = 0; t < p->nteachers; t++)
		u.teacher_home[t] = -1;
	sb_init(&u.unmatched);
	int rc = db_write_txn(db, o->dry_run, import_txn, &u, NULL, msg);
	r->unmatched = u.unmatched.s ? sb_steal(&u.unmatched) : NULL;
	sb_free(&u.unmatched);
	free(all);
	free(u.lesson);
	free(u.lesson_at);
	free(u.teacher_home);
	return rc;
}

void fet_import_result_free(struct fet_import_result *r)
{
	free(r->unmatched);
	r->unmatched = NULL;
}
