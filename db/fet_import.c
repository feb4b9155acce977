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

/* Rows of one table written many to a statement: a statement on a table with triggers keeps
 * a journal of its own, so a statement a row is most of the time of an import. The rows
 * wait in their writer, their values bound when they are written, 256 rows to an INSERT
 * (64 where SQLite binds fewer values), the rest by 16, 4 and 1. The ids are the table's
 * next ones, counted on from the first. */
#define R4(v) v ", " v ", " v ", " v
#define R16(v) R4(v) ", " R4(v) ", " R4(v) ", " R4(v)
#define R64(v) R16(v) ", " R16(v) ", " R16(v) ", " R16(v)
#define R256(v) R64(v) ", " R64(v) ", " R64(v) ", " R64(v)
#define INSERT(table, cols, rows) "INSERT INTO " table " " cols " VALUES " rows
#define INSERTS(table, cols, row)                                                                          \
	{                                                                                                  \
		INSERT(table, cols, R256(row)), INSERT(table, cols, R64(row)), INSERT(table, cols, R16(row)), \
			INSERT(table, cols, R4(row)), INSERT(table, cols, row)                             \
	}
#define NSIZES 5 /* 256, 64, 16, 4, 1 rows */
#define ROWS(which) (256 >> 2 * (which))

enum {
	W_TEACHER,
	W_ROOM,
	W_CLASS,
	W_GROUP,
	W_MEMBER,
	W_COURSE,
	W_COURSE_STUDENTS,
	W_COURSE_TEACHER,
	W_COURSE_ROOM,
	W_LESSON,
	W_UNAVAILABLE,
	W_RULE_LESSON,
	W_N
};

/* The writers, parents before children: they are written in this order. */
static const struct {
	const char *next;
	int ncols;
	const char *insert[NSIZES];
} writer_sql[W_N] = {
	[W_TEACHER] = {"SELECT " DB_NEW_ID("teacher"), 4,
		INSERTS("teacher", "(id, staff_no, name, gender, school_id, education, employment)",
			"(?, ?, ?, 'M', ?, 'bachelor', 'other')")},
	[W_ROOM] = {"SELECT " DB_NEW_ID("room"), 4, INSERTS("room", "(id, school_id, name, capacity)", "(?, ?, ?, ?)")},
	[W_CLASS] = {"SELECT " DB_NEW_ID("class"), 6,
		INSERTS("class", "(id, term_id, school_id, grade, name, students)", "(?, ?, ?, ?, ?, ?)")},
	[W_GROUP] = {"SELECT " DB_NEW_ID("class_group"), 5,
		INSERTS("class_group", "(id, class_id, parent_id, name, students)", "(?, ?, ?, ?, ?)")},
	[W_MEMBER] = {"SELECT " DB_NEW_ID("group_member"), 3,
		INSERTS("group_member", "(id, group_id, subgroup_id)", "(?, ?, ?)")},
	[W_COURSE] = {"SELECT " DB_NEW_ID("course"), 9,
		INSERTS("course", "(id, term_id, school_id, subject_id, lessons, length, different_days, fet_id, note)",
			"(?, ?, ?, ?, ?, ?, ?, ?, ?)")},
	[W_COURSE_STUDENTS] = {"SELECT " DB_NEW_ID("course_students"), 4,
		INSERTS("course_students", "(id, course_id, class_id, group_id)", "(?, ?, ?, ?)")},
	[W_COURSE_TEACHER] = {"SELECT " DB_NEW_ID("course_teacher"), 3,
		INSERTS("course_teacher", "(id, course_id, teacher_id)", "(?, ?, ?)")},
	[W_COURSE_ROOM] = {"SELECT " DB_NEW_ID("course_room"), 4,
		INSERTS("course_room", "(id, course_id, room_id, weight)", "(?, ?, ?, ?)")},
	[W_LESSON] = {"SELECT " DB_NEW_ID("lesson"), 8,
		INSERTS("lesson", "(id, course_id, seq, day, period, room_id, locked, fet_id)", "(?, ?, ?, ?, ?, ?, ?, ?)")},
	[W_UNAVAILABLE] = {"SELECT " DB_NEW_ID("unavailable"), 9,
		INSERTS("unavailable", "(id, term_id, teacher_id, class_id, room_id, day, period, group_id, weight)",
			"(?, ?, ?, ?, ?, ?, ?, ?, ?)")},
	[W_RULE_LESSON] = {"SELECT " DB_NEW_ID("lesson_rule_lesson"), 3,
		INSERTS("lesson_rule_lesson", "(id, rule_id, lesson_id)", "(?, ?, ?)")},
};

#define ROWS_WAITING 4096 /* rows that wait before all are written */

struct cell {
	enum { C_NULL, C_INT, C_TEXT, C_REAL } type;
	int64_t i;
	double d;
	const char *s; /* the plan's, alive while the rows wait */
};

struct rows {
	struct cell *v; /* the waiting rows' values, ncols each */
	int n, cap;	/* values */
	int64_t next;	/* the next row's id */
};

struct writers {
	struct db *db;
	struct rows w[W_N];
	int waiting;  /* rows */
	int max_vars; /* the most values SQLite binds to a statement */
	bool each;    /* every row a statement of its own, as it comes */
	bool failed;  /* a statement of many rows failed */
};

static int writers_open(struct writers *ws, struct db *db, bool each, char *msg)
{
	memset(ws, 0, sizeof *ws);
	ws->db = db;
	ws->each = each;
	ws->max_vars = sqlite3_limit(db->h, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
	for (int k = 0; k < W_N; k++) {
		sqlite3_stmt *st = db_stmt(db, writer_sql[k].next, msg);
		if (!st)
			return XQ_ERR;
		ws->w[k].next = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		db_done(st);
		if (ws->w[k].next <= 0) {
			xq_msg(msg, _("database error: %s"), sqlite3_errmsg(db->h));
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

static void writers_close(struct writers *ws)
{
	for (int k = 0; k < W_N; k++)
		free(ws->w[k].v);
}

/* Writes ROWS(which) rows of writer k, from its value *at on. */
static int write_some(struct writers *ws, int k, int which, int *at, char *msg)
{
	sqlite3_stmt *st = db_stmt(ws->db, writer_sql[k].insert[which], msg);
	if (!st)
		return XQ_ERR;
	int n = ROWS(which) * writer_sql[k].ncols;
	for (int i = 0; i < n; i++) {
		const struct cell *c = &ws->w[k].v[*at + i];
		if (c->type == C_REAL)
			sqlite3_bind_double(st, i + 1, c->d);
		else if (c->type == C_INT)
			sqlite3_bind_int64(st, i + 1, c->i);
		else if (c->type == C_TEXT)
			sqlite3_bind_text(st, i + 1, c->s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, i + 1);
	}
	*at += n;
	return db_exec_stmt(ws->db, st, msg);
}

/* Writes every row waiting, parents first. */
static int writers_flush(struct writers *ws, char *msg)
{
	for (int k = 0; k < W_N; k++) {
		struct rows *w = &ws->w[k];
		int rows = w->n / writer_sql[k].ncols, at = 0;
		for (int which = 0; which < NSIZES; which++) {
			int size = ROWS(which);
			if (size * writer_sql[k].ncols > ws->max_vars)
				continue;
			for (; rows >= size; rows -= size)
				if (write_some(ws, k, which, &at, msg) != XQ_OK) {
					ws->failed = !ws->each;
					return XQ_ERR;
				}
		}
		w->n = 0;
	}
	ws->waiting = 0;
	return XQ_OK;
}

static struct cell *cell_new(struct rows *w)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->v = xrealloc(w->v, (size_t)w->cap * sizeof *w->v);
	}
	return &w->v[w->n++];
}

/* A number after the row's values so far. */
static void row_num(struct rows *w, int64_t v)
{
	*cell_new(w) = (struct cell){C_INT, v, 0, NULL};
}

/* An id, NULL for none, as bind_id_null. */
static void row_id(struct rows *w, int64_t id)
{
	*cell_new(w) = (struct cell){id > 0 ? C_INT : C_NULL, id, 0, NULL};
}

/* Text, as bind_text. */
static void row_real(struct rows *w, double d)
{
	*cell_new(w) = (struct cell){C_REAL, 0, d, NULL};
}

static void row_text(struct rows *w, const char *s)
{
	*cell_new(w) = (struct cell){C_TEXT, 0, 0, s ? s : ""};
}

/* A number, NULL when negative, as bind_long_null. */
static void row_long_null(struct rows *w, long v)
{
	*cell_new(w) = (struct cell){v < 0 ? C_NULL : C_INT, v, 0, NULL};
}

/* Text, NULL when none or empty, as bind_text_null. */
static void row_text_null(struct rows *w, const char *s)
{
	*cell_new(w) = (struct cell){s && *s ? C_TEXT : C_NULL, 0, 0, s};
}

/* A new row of writer k; its id. */
static int64_t row_new(struct writers *ws, int k)
{
	struct rows *w = &ws->w[k];
	row_num(w, w->next);
	return w->next++;
}

static int row_end(struct writers *ws, char *msg)
{
	return ws->each || ++ws->waiting >= ROWS_WAITING ? writers_flush(ws, msg) : XQ_OK;
}

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
	char (*staff)[32];	      /* the placeholder staff numbers of the teachers added */
	struct strbuf unmatched;
	struct writers ws;
	bool each; /* every row written as it comes, in the order of the plan */
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

/* Whether the name could be that of a teacher added before and not yet written: a name met
 * before, or one like a placeholder staff number. */
static bool may_be_added(const struct fet_names *names, int t, const char *name)
{
	if (fet_names_find(names, name) != t)
		return true;
	if (strncmp(name, "FET", 3) != 0 || !name[3])
		return false;
	for (const char *c = name + 3; *c; c++)
		if (*c < '0' || *c > '9')
			return false;
	return true;
}

static int match_teachers(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	const char **all = xcalloc((size_t)p->nteachers + 1, sizeof *all);
	for (int t = 0; t < p->nteachers; t++)
		all[t] = p->teachers[t].name;
	struct fet_names names;
	fet_names_init(&names, all, p->nteachers);
	free(all);
	int rc = XQ_OK;
	for (int t = 0; t < p->nteachers && rc == XQ_OK; t++) {
		/* the teachers added are looked for as written */
		if (u->ws.waiting && may_be_added(&names, t, p->teachers[t].name) && writers_flush(&u->ws, msg) != XQ_OK) {
			rc = XQ_ERR;
			break;
		}
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
		/* added with a placeholder staff number that check reports until it is set (the
		 * numbers go up, so none is one of those waiting) */
		int s = p->teachers[t].school >= 0 ? p->teachers[t].school : 0;
		free_name(u->db, "SELECT id FROM teacher WHERE staff_no = ?", "FET%06ld", &u->next_staff, u->staff[t],
			sizeof u->staff[t]);
		struct rows *w = &u->ws.w[W_TEACHER];
		u->teacher[t] = row_new(&u->ws, W_TEACHER);
		row_text(w, u->staff[t]);
		row_text(w, p->teachers[t].name);
		row_num(w, u->school[s]);
		rc = row_end(&u->ws, msg);
		u->teacher_home[t] = s;
		u->r->teachers++;
		u->r->teachers_new++;
	}
	fet_names_free(&names);
	/* written before their exchanges are looked for */
	return rc == XQ_OK ? writers_flush(&u->ws, msg) : XQ_ERR;
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

/* A room of the plan by its school and name, then its place in the plan. */
struct room_key {
	int64_t school;
	const char *name;
	int room;
};

static int room_key_cmp(const void *pa, const void *pb)
{
	const struct room_key *a = pa, *b = pb;
	if (a->school != b->school)
		return a->school < b->school ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : a->room - b->room;
}

static int rooms_subjects(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	/* a room of one school and name with one before it is looked for once those added are
	 * written */
	struct room_key *keys = xcalloc((size_t)p->nrooms + 1, sizeof *keys);
	bool *again = xcalloc((size_t)p->nrooms + 1, sizeof *again);
	for (int r = 0; r < p->nrooms; r++)
		keys[r] = (struct room_key){u->school[p->rooms[r].school], p->rooms[r].local, r};
	qsort(keys, (size_t)p->nrooms, sizeof *keys, room_key_cmp);
	for (int i = 1; i < p->nrooms; i++)
		again[keys[i].room] = keys[i].school == keys[i - 1].school && strcmp(keys[i].name, keys[i - 1].name) == 0;
	free(keys);
	int rc = XQ_OK;
	for (int r = 0; r < p->nrooms && rc == XQ_OK; r++) {
		const struct fetp_room *x = &p->rooms[r];
		int64_t school = u->school[x->school];
		if (again[r] && u->ws.waiting && writers_flush(&u->ws, msg) != XQ_OK) {
			rc = XQ_ERR;
			break;
		}
		u->room[r] = db_room_id(u->db, school, x->local);
		if (u->room[r])
			continue;
		struct rows *w = &u->ws.w[W_ROOM];
		u->room[r] = row_new(&u->ws, W_ROOM);
		row_num(w, school);
		row_text(w, x->local);
		row_long_null(w, x->capacity);
		rc = row_end(&u->ws, msg);
		u->r->rooms_new++;
	}
	free(again);
	if (rc != XQ_OK)
		return XQ_ERR;
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

static int classes(struct run *u, char *msg)
{
	const struct fet_plan *p = u->p;
	struct writers *ws = &u->ws;
	for (int s = 0; s < p->nsets; s++) {
		const struct fetp_set *x = &p->sets[s];
		struct rows *w;
		if (x->level == 0) {
			w = &ws->w[W_CLASS];
			u->set_class[s] = row_new(ws, W_CLASS);
			row_num(w, u->term.id);
			row_num(w, u->school[x->school]);
			row_text(w, x->local);
			row_text(w, x->local);
			row_long_null(w, x->students);
			if (row_end(ws, msg) != XQ_OK)
				return XQ_ERR;
			u->r->classes++;
			continue;
		}
		int top = s;
		while (p->sets[top].parent >= 0)
			top = p->sets[top].parent;
		u->set_class[s] = u->set_class[top];
		w = &ws->w[W_GROUP];
		u->set_group[s] = row_new(ws, W_GROUP);
		row_num(w, u->set_class[s]);
		row_id(w, x->level == 2 ? u->set_group[x->parent] : 0);
		row_text(w, x->local);
		row_long_null(w, x->students);
		if (row_end(ws, msg) != XQ_OK) {
			char why[XQ_MSG_MAX];
			xq_copy(why, sizeof why, msg);
			xq_msg(msg, _("line %d: the students %s: %s"), x->line, x->name, why);
			return XQ_ERR;
		}
		u->r->groups++;
	}
	for (int k = 0; k < p->nmembers; k++) {
		struct rows *w = &ws->w[W_MEMBER];
		row_new(ws, W_MEMBER);
		row_num(w, u->set_group[p->members[2 * k]]);
		row_num(w, u->set_group[p->members[2 * k + 1]]);
		if (row_end(ws, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

static int courses(struct run *u, char *msg)
{
	struct writers *ws = &u->ws;
	const struct fet_plan *p = u->p;
	for (int k = 0; k < p->ncourses; k++) {
		const struct fetp_course *c = &p->courses[k];
		if (c->nlessons > 60) {
			xq_msg(msg, _("line %d: an activity of %d parts; a course has at most 60 lessons"), c->line, c->nlessons);
			return XQ_ERR;
		}
		struct rows *w = &ws->w[W_COURSE];
		u->course[k] = row_new(ws, W_COURSE);
		row_num(w, u->term.id);
		row_num(w, u->school[c->school]);
		row_num(w, u->subject[c->subject]);
		row_num(w, c->nlessons);
		row_num(w, c->length);
		row_num(w, c->different_days);
		row_num(w, c->fet_id[0]);
		row_text_null(w, c->tag);
		if (row_end(ws, msg) != XQ_OK)
			return XQ_ERR;
		for (int q = 0; q < c->nsets; q++) {
			int s = c->sets[q];
			w = &ws->w[W_COURSE_STUDENTS];
			row_new(ws, W_COURSE_STUDENTS);
			row_num(w, u->course[k]);
			row_num(w, u->set_class[s]);
			row_id(w, p->sets[s].level ? u->set_group[s] : 0);
			if (row_end(ws, msg) != XQ_OK)
				return XQ_ERR;
		}
		for (int q = 0; q < c->nteachers; q++) {
			w = &ws->w[W_COURSE_TEACHER];
			row_new(ws, W_COURSE_TEACHER);
			row_num(w, u->course[k]);
			row_num(w, u->teacher[c->teachers[q]]);
			if (row_end(ws, msg) != XQ_OK)
				return XQ_ERR;
		}
		/* the rooms it may use (100; a preferred one of them its weight), else those it
		 * had rather use */
		for (int q = 0; q < (c->nrooms ? c->nrooms : c->nprefs); q++) {
			int room = c->nrooms ? c->rooms[q] : c->prefs[q];
			double weight = 100;
			for (int f = 0; f < c->nprefs; f++)
				if (c->prefs[f] == room)
					weight = c->pref_weights[f];
			w = &ws->w[W_COURSE_ROOM];
			row_new(ws, W_COURSE_ROOM);
			row_num(w, u->course[k]);
			row_num(w, u->room[room]);
			row_real(w, weight);
			if (row_end(ws, msg) != XQ_OK)
				return XQ_ERR;
		}
		for (int q = 0; q < c->nlessons; q++) {
			bool locked = c->day[q] >= 0;
			w = &ws->w[W_LESSON];
			u->lesson[u->lesson_at[k] + q] = row_new(ws, W_LESSON);
			row_num(w, u->course[k]);
			row_num(w, q + 1);
			row_id(w, locked ? c->day[q] + 1 : 0);
			row_id(w, locked ? c->period[q] + 1 : 0);
			row_id(w, locked && c->room[q] >= 0 ? u->room[c->room[q]] : 0);
			row_num(w, locked);
			row_num(w, c->fet_id[q]);
			if (row_end(ws, msg) != XQ_OK)
				return XQ_ERR;
			u->r->lessons++;
			u->r->locked += locked;
		}
		u->r->courses++;
	}
	return XQ_OK;
}

/* By who and slot: one row a slot. */
static int unav_key_cmp(const struct fetp_unav *a, const struct fetp_unav *b)
{
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if (a->who != b->who)
		return a->who - b->who;
	if (a->day != b->day)
		return a->day - b->day;
	return a->period - b->period;
}

/* And the heaviest of a slot's first: not available (100) before had rather not. */
static int unav_cmp(const void *pa, const void *pb)
{
	const struct fetp_unav *a = pa, *b = pb;
	int k = unav_key_cmp(a, b);
	return k ? k : (a->weight < b->weight) - (a->weight > b->weight);
}

static int rules(struct run *u, char *msg)
{
	struct writers *ws = &u->ws;
	const struct fet_plan *p = u->p;
	struct fetp_unav *v = xcalloc((size_t)p->nunav + 1, sizeof *v);
	if (p->nunav)
		memcpy(v, p->unav, (size_t)p->nunav * sizeof *v);
	qsort(v, (size_t)p->nunav, sizeof *v, unav_cmp);
	int rc = XQ_OK;
	for (int i = 0; i < p->nunav && rc == XQ_OK; i++) {
		if (i && unav_key_cmp(&v[i], &v[i - 1]) == 0)
			continue;
		struct rows *w = &ws->w[W_UNAVAILABLE];
		row_new(ws, W_UNAVAILABLE);
		row_num(w, u->term.id);
		row_id(w, v[i].kind == 0 ? u->teacher[v[i].who] : 0);
		row_id(w, v[i].kind == 1 ? u->set_class[v[i].who] : 0);
		row_id(w, v[i].kind == 2 ? u->room[v[i].who] : 0);
		row_num(w, v[i].day + 1);
		row_num(w, v[i].period + 1);
		/* a group's or subgroup's slot keeps its class and names the group */
		row_id(w, v[i].kind == 1 && p->sets[v[i].who].level ? u->set_group[v[i].who] : 0);
		row_real(w, v[i].weight >= 100 ? 100 : v[i].weight);
		if (row_end(ws, msg) != XQ_OK)
			rc = XQ_ERR;
		else
			u->r->unavailable++;
	}
	free(v);
	/* the rows the rules name written before them */
	if (rc == XQ_OK)
		rc = writers_flush(ws, msg);
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
			struct rows *w = &ws->w[W_RULE_LESSON];
			row_new(ws, W_RULE_LESSON);
			row_num(w, rule);
			row_num(w, u->lesson[u->lesson_at[x->course[q]] + x->seq[q]]);
			rc = row_end(ws, msg);
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

/* The schools and teachers matched, then everything written. */
static int import_rows(struct run *u, char *msg)
{
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
	return writers_flush(&u->ws, msg);
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
	if (writers_open(&u->ws, db, u->each, msg) != XQ_OK)
		return XQ_ERR;
	int rc = import_rows(u, msg);
	if (rc != XQ_OK && !u->ws.failed && u->ws.waiting) {
		/* the rows waiting come before what failed: one of them wrong would fail first */
		char why[XQ_MSG_MAX];
		xq_copy(why, sizeof why, msg);
		if (writers_flush(&u->ws, msg) == XQ_OK)
			xq_copy(msg, XQ_MSG_MAX, why);
	}
	return rc;
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
	u.staff = xcalloc((size_t)p->nteachers + 1, sizeof *u.staff);
	sb_init(&u.unmatched);
	int rc;
	/* the rows many to a statement; should one of those fail, all again a row a statement in
	 * the order of the plan, which stops where the file is wrong and says so */
	for (;;) {
		memset(r, 0, sizeof *r);
		u.next_school = u.next_staff = 1;
		for (int t = 0; t < p->nteachers; t++)
			u.teacher_home[t] = -1;
		u.unmatched.len = 0;
		rc = db_write_txn(db, o->dry_run, import_txn, &u, NULL, msg);
		bool again = rc != XQ_OK && u.ws.failed;
		writers_close(&u.ws);
		memset(&u.ws, 0, sizeof u.ws);
		if (!again)
			break;
		u.each = true;
	}
	r->unmatched = u.unmatched.len ? sb_steal(&u.unmatched) : NULL;
	sb_free(&u.unmatched);
	free(all);
	free(u.lesson);
	free(u.lesson_at);
	free(u.teacher_home);
	free(u.staff);
	return rc;
}

void fet_import_result_free(struct fet_import_result *r)
{
	free(r->unmatched);
	r->unmatched = NULL;
}
