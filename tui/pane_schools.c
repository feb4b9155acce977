/* pane_schools.c: the school browser of the Districts pane — every school, paged from the
 * database, filtered by town, level, location and district — with the school form that
 * holds every school field, and adding a school to a district. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/pinyin.h"
#include "db/district.h"
#include "db/school.h"
#include "core/validate.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/form.h"
#include "tui/list.h"
#include "tui/picker.h"

enum { SA_ADD = 1, SA_EDIT, SA_DELETE, SA_DISTRICT, SA_JOIN, SA_TEACHERS };

static const struct action school_actions[] = {
	{SA_ADD, "schools.add", "a", N_("add"), N_("Add a school"), 0},
	{SA_EDIT, "schools.edit", "e Enter", N_("edit"), N_("Edit the school (every field)"), 0},
	{SA_DELETE, "schools.delete", "d", N_("delete"), N_("Delete the school (asks first)"), 0},
	{SA_JOIN, "schools.add_to_district", "m", N_("to district"), N_("Add the school to a district"), 0},
	{SA_DISTRICT, "schools.district", "D", N_("its district"), N_("Show the school's district"), 0},
	{SA_TEACHERS, "schools.teachers", "T", N_("teachers"), N_("The school's teachers"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static const char *const sort_names[SCHOOL_SORT_COUNT] = {
	N_("code"), N_("name"), N_("town"), N_("level"), N_("students"), N_("teachers"), N_("district"),
};

struct schools {
	struct view v;
	struct school_query q;
	char town[SHORT_LEN];
	struct list list;
	int64_t *district_ids; /* the district filter's choices */
	int ndistricts;
	char (*towns)[SHORT_LEN]; /* the town filter's choices */
	int ntowns;
	int64_t ask_id, ask_rev, join_school;
	char ask_name[NAME_LEN];
};

static struct db *sdb(struct schools *s)
{
	return app_db(s->v.app);
}

static long sl_count(void *ctx)
{
	struct schools *s = ctx;
	return db_school_count(sdb(s), &s->q);
}

static int sl_page(void *ctx, long off, int limit, void *rows)
{
	struct schools *s = ctx;
	return db_school_page(sdb(s), &s->q, off, limit, rows);
}

static long sl_position(void *ctx, int64_t id)
{
	struct schools *s = ctx;
	return db_school_position(sdb(s), &s->q, id);
}

static int64_t sl_id(const void *row)
{
	return ((const struct school_row *)row)->s.id;
}

static long sl_match_count(void *ctx, const char *text)
{
	struct schools *s = ctx;
	struct school_query q = s->q;
	q.search = text;
	return db_school_count(sdb(s), &q);
}

static int sl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct schools *s = ctx;
	struct school_query q = s->q;
	q.search = text;
	return db_school_page(sdb(s), &q, off, limit, rows);
}

/* As the database's search: a substring of the name, short name or code, ignoring the
 * case of ASCII letters (LIKE), or the pinyin initials of the name or short name. */
static bool sl_row_matches(void *ctx, const void *row, const char *text)
{
	const struct school_row *r = row;
	(void)ctx;
	return strcasestr(r->s.name, text) || strcasestr(r->s.short_name, text) ||
	       strcasestr(r->s.code, text) || pinyin_matches(r->s.name, text) ||
	       pinyin_matches(r->s.short_name, text);
}

static long sl_next_match(void *ctx, const char *text, long from, int dir, int64_t *id)
{
	struct schools *s = ctx;
	return db_school_next_match(app_db(s->v.app), &s->q, text, from, dir, id);
}

static void sl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct school_row *r = row;
	(void)ctx;
	switch (col) {
	case 0:
		xq_copy(buf, size, r->s.code);
		break;
	case 1:
		xq_copy(buf, size, r->s.name);
		break;
	case 2:
		xq_copy(buf, size, r->s.town);
		break;
	case 3:
		xq_copy(buf, size, ui_enum(level_items, r->s.level));
		break;
	case 4:
		xq_copy(buf, size, ui_enum(location_items, r->s.location));
		break;
	case 5:
		xq_copy(buf, size, r->district_name);
		break;
	case 6:
		ui_num(r->s.students, buf, size);
		break;
	case 7:
		ui_num(r->teachers, buf, size);
		break;
	}
}

static const struct list_column sl_columns[] = {
	{N_("Code"), 10, 0, false, 3},
	{N_("School"), 20, 3, false, 0},
	{N_("Town"), 6, 1, false, 4},
	{N_("Level"), 8, 0, false, 5},
	{N_("Location"), 8, 0, false, 6},
	{N_("District"), 10, 2, false, 2},
	{N_("Students"), 8, 0, true, 0},
	{N_("Teachers"), 8, 0, true, 1},
};

static const struct list_source sl_source = {
	.columns = sl_columns,
	.ncolumns = 8,
	.row_size = sizeof(struct school_row),
	.empty = N_("No school matches: F clears the filter, a adds a school."),
	.count = sl_count,
	.page = sl_page,
	.position = sl_position,
	.row_id = sl_id,
	.cell = sl_cell,
	.match_count = sl_match_count,
	.match_page = sl_match_page,
	.next_match = sl_next_match,
	.row_matches = sl_row_matches,
};

/* the selected school's every field */
static void detail_paint(struct schools *s, WINDOW *w, int y, int x, int h, int cols)
{
	const struct school_row *r = list_selected(&s->list);
	if (!r) {
		draw_text(w, y, x, cols, _("No school is selected."), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	const struct school *sc = &r->s;
	char lines[8][1024], a[32], b[32], c[32], d[32], e[32], f[32];
	int n = 0;
	snprintf(lines[n++], sizeof lines[0], "%s (%s)%s%s", sc->name, sc->code,
		sc->short_name[0] ? _(" · short name ") : "", sc->short_name);
	snprintf(lines[n++], sizeof lines[0], "%s · %s · %s", ui_enum(level_items, sc->level),
		ui_enum(location_items, sc->location), sc->town);
	if (r->district_id)
		snprintf(lines[n++], sizeof lines[0], _("District %s, as %s"), r->district_name,
			ui_enum(role_items, r->role));
	else
		snprintf(lines[n++], sizeof lines[0], "%s", _("In no district"));
	snprintf(lines[n++], sizeof lines[0],
		_("Students %s · classes %s · staffing quota %s · teachers %ld · backbone %ld"),
		ui_num(sc->students, a, sizeof a), ui_num(sc->classes, b, sizeof b),
		ui_num(sc->staff_quota, c, sizeof c), r->teachers, r->backbone);
	if (sc->students_primary >= 0 || sc->students_junior >= 0)
		snprintf(lines[n++], sizeof lines[0], _("Pupils by stage: primary %s · junior %s"),
			ui_num(sc->students_primary, a, sizeof a), ui_num(sc->students_junior, b, sizeof b));
	snprintf(lines[n++], sizeof lines[0],
		_("Teaching rooms %s m² · sports grounds %s m² · equipment %s yuan"),
		ui_real(sc->teaching_area_m2, 0, a, sizeof a), ui_real(sc->sports_area_m2, 0, b, sizeof b),
		ui_real(sc->equipment_value_yuan, 0, c, sizeof c));
	snprintf(lines[n++], sizeof lines[0],
		_("Multimedia classrooms %s · music rooms %s · art rooms %s · hardship %ld"),
		ui_num(sc->multimedia_rooms, d, sizeof d), ui_num(sc->music_rooms, e, sizeof e),
		ui_num(sc->art_rooms, f, sizeof f), sc->hardship);
	if (!isnan(sc->lat))
		snprintf(lines[n++], sizeof lines[0], _("Position %.5f, %.5f"), sc->lat, sc->lon);
	for (int i = 0; i < n && i < h; i++)
		draw_text(w, y + i, x, cols, lines[i], i == 0 ? ui_attr(UI_TITLE) : A_NORMAL, AL_LEFT);
}

static void schools_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct schools *s = (struct schools *)v;
	bool wide = cols >= 120;
	int lw = wide ? cols * 3 / 5 : cols;
	int dh = h / 2 < 7 ? h / 2 : 7; /* the detail's lines when stacked */
	int lh = wide ? h : h - dh - 1;
	char title[768], part[256];
	snprintf(title, sizeof title, _("Schools %ld/%ld · sorted by %s%s"),
		s->list.count ? s->list.sel + 1 : 0, s->list.count, _(sort_names[s->q.sort]),
		s->q.desc ? _(" (descending)") : "");
	if (s->q.town) {
		snprintf(part, sizeof part, _(" · town %s"), s->q.town);
		strncat(title, part, sizeof title - strlen(title) - 1);
	}
	if (s->q.level >= 0) {
		snprintf(part, sizeof part, " · %s", ui_enum(level_items, s->q.level));
		strncat(title, part, sizeof title - strlen(title) - 1);
	}
	if (s->q.location >= 0) {
		snprintf(part, sizeof part, " · %s", ui_enum(location_items, s->q.location));
		strncat(title, part, sizeof title - strlen(title) - 1);
	}
	if (s->q.district_id < 0) {
		snprintf(part, sizeof part, " · %s", _("in no district"));
		strncat(title, part, sizeof title - strlen(title) - 1);
	} else if (s->q.district_id > 0) {
		struct district d;
		if (db_district_get(sdb(s), s->q.district_id, &d) == XQ_OK) {
			snprintf(part, sizeof part, _(" · district %s"), d.name);
			strncat(title, part, sizeof title - strlen(title) - 1);
		}
	}
	draw_text(w, y, x, lw, title, ui_attr(UI_ACCENT), AL_LEFT);
	/* a column between the list and the border beside it */
	list_paint(&s->list, w, y + 1, x, lh - 1, wide ? lw - 1 : lw, true);
	if (wide) {
		mvwvline(w, y, x + lw, ACS_VLINE, h);
		detail_paint(s, w, y, x + lw + 2, h, cols - lw - 3);
	} else {
		mvwhline(w, y + lh, x, ACS_HLINE, cols);
		detail_paint(s, w, y + lh + 1, x + 1, h - lh - 1, cols - 2);
	}
}

/* the school form */

struct sctx {
	struct schools *s;
	int64_t id, rev;
};

static const char *const school_keys[] = {"code", "name", "short_name", "level", "town",
	"location", "lat", "lon", "students", "classes", "staff_quota", "teaching_area_m2",
	"sports_area_m2", "equipment_value_yuan", "multimedia_rooms", "music_rooms", "art_rooms",
	"hardship", "students_primary", "students_junior", NULL};

static int school_submit(struct entry_form *f, void *ctx)
{
	struct sctx *c = ctx;
	struct schools *s = c->s;
	struct school sc;
	char msg[XQ_MSG_MAX] = "";
	school_init(&sc);
	sc.id = c->id;
	sc.rev = c->rev;
	form_get_text(f, 0, sc.code, sizeof sc.code);
	form_get_text(f, 1, sc.name, sizeof sc.name);
	form_get_text(f, 2, sc.short_name, sizeof sc.short_name);
	sc.level = form_get_choice(f, 3);
	form_get_text(f, 4, sc.town, sizeof sc.town);
	sc.location = form_get_choice(f, 5);
	sc.lat = form_get_real(f, 6);
	sc.lon = form_get_real(f, 7);
	sc.students = form_get_int(f, 8);
	sc.classes = form_get_int(f, 9);
	sc.staff_quota = form_get_int(f, 10);
	sc.teaching_area_m2 = form_get_real(f, 11);
	sc.sports_area_m2 = form_get_real(f, 12);
	sc.equipment_value_yuan = form_get_real(f, 13);
	sc.multimedia_rooms = form_get_int(f, 14);
	sc.music_rooms = form_get_int(f, 15);
	sc.art_rooms = form_get_int(f, 16);
	sc.hardship = form_get_int(f, 17);
	if (sc.hardship < 0)
		sc.hardship = 0;
	sc.students_primary = form_get_int(f, 18);
	sc.students_junior = form_get_int(f, 19);
	const char *bad = school_validate(&sc, msg);
	if (bad) {
		form_invalid(f, bad, school_keys, msg);
		return XQ_ERR;
	}
	int rc = c->id ? db_school_update(sdb(s), &sc, msg) : db_school_insert(sdb(s), &sc, msg);
	if (rc != XQ_OK) {
		form_refused(f, rc, "school", c->id, msg);
		return rc;
	}
	app_msg(s->v.app, MSG_GOOD, c->id ? _("School %s saved.") : _("School %s added."), sc.name);
	app_changed(s->v.app);
	if (!list_select_id(&s->list, sc.id)) {
		/* hidden by the filter: show every school */
		school_query_init(&s->q);
		list_reload(&s->list);
		list_select_id(&s->list, sc.id);
	}
	return XQ_OK;
}

static void school_form_open(struct schools *s, bool edit)
{
	struct app *a = s->v.app;
	struct school sc;
	school_init(&sc);
	sc.level = LEVEL_PRIMARY;
	sc.location = LOC_RURAL;
	struct sctx *c = xcalloc(1, sizeof *c);
	c->s = s;
	if (edit) {
		const struct school_row *r = list_selected(&s->list);
		if (!r || db_school_get(sdb(s), r->s.id, &sc) != XQ_OK) {
			app_msg(a, MSG_INFO, "%s", _("No school is selected."));
			free(c);
			return;
		}
		c->id = sc.id;
		c->rev = sc.rev;
	}
	char title[256];
	if (edit)
		snprintf(title, sizeof title, _("Edit school %s"), sc.name);
	else
		snprintf(title, sizeof title, "%s", _("New school"));
	struct entry_form *f = form_new(a, title, school_submit, c, free);
	form_text(f, N_("School code"), sc.code, CODE_LEN, true);
	form_text(f, N_("Name"), sc.name, NAME_LEN, true);
	form_text(f, N_("Short name"), sc.short_name, SHORT_LEN, false);
	form_choice(f, N_("Level"), level_items, sc.level, NULL);
	form_text(f, N_("Town"), sc.town, SHORT_LEN, false);
	form_choice(f, N_("Location"), location_items, sc.location, NULL);
	form_real(f, N_("Latitude"), sc.lat, false);
	form_real(f, N_("Longitude"), sc.lon, false);
	form_int(f, N_("Students"), sc.students, 0, 100000, false);
	form_int(f, N_("Classes"), sc.classes, 0, 2000, false);
	form_int(f, N_("Staffing quota"), sc.staff_quota, 0, 10000, false);
	form_real(f, N_("Teaching rooms m²"), sc.teaching_area_m2, false);
	form_real(f, N_("Sports grounds m²"), sc.sports_area_m2, false);
	form_real(f, N_("Equipment yuan"), sc.equipment_value_yuan, false);
	form_int(f, N_("Multimedia rooms"), sc.multimedia_rooms, 0, 10000, false);
	form_int(f, N_("Music rooms"), sc.music_rooms, 0, 1000, false);
	form_int(f, N_("Art rooms"), sc.art_rooms, 0, 1000, false);
	form_int(f, N_("Hardship 0-3"), sc.hardship, 0, 3, false);
	/* nine-year and twelve-year schools only */
	form_int(f, N_("Primary pupils"), sc.students_primary, 0, 100000, false);
	form_int(f, N_("Junior pupils"), sc.students_junior, 0, 100000, false);
	form_open(f);
}

static void school_delete_yes(void *ctx)
{
	struct schools *s = ctx;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_school_delete(sdb(s), s->ask_id, s->ask_rev, msg);
	if (rc == XQ_OK) {
		app_msg(s->v.app, MSG_GOOD, _("School %s deleted."), s->ask_name);
	} else {
		refusal_text(s->v.app, rc, "school", s->ask_id, msg, text, sizeof text);
		app_msg(s->v.app, MSG_WARN, "%s", text);
	}
	app_changed(s->v.app);
}

/* the filter */

static int filter_submit(struct entry_form *f, void *ctx)
{
	struct schools *s = ctx;
	int town = form_get_choice(f, 0), district = form_get_choice(f, 3);
	if (town >= 0 && town < s->ntowns) {
		xq_copy(s->town, sizeof s->town, s->towns[town]);
		s->q.town = s->town;
	} else {
		s->q.town = NULL;
	}
	s->q.level = form_get_choice(f, 1);
	s->q.location = form_get_choice(f, 2);
	s->q.district_id = district < 0 ? 0 : district == 0 ? -1 : s->district_ids[district - 1];
	list_reload(&s->list);
	return XQ_OK;
}

static void filter_open(struct schools *s)
{
	struct db *db = sdb(s);
	free(s->towns);
	s->towns = xcalloc(512, sizeof *s->towns);
	s->ntowns = db_school_towns(db, s->towns, 512);
	if (s->ntowns < 0)
		s->ntowns = 0;
	const char **labels = xcalloc((size_t)s->ntowns + 1, sizeof *labels);
	int cur = -1;
	for (int i = 0; i < s->ntowns; i++) {
		labels[i] = s->towns[i];
		if (s->q.town && strcmp(s->q.town, s->towns[i]) == 0)
			cur = i;
	}
	struct entry_form *f = form_new(s->v.app, _("Filter schools"), filter_submit, s, NULL);
	form_choice_list(f, N_("Town"), labels, s->ntowns, cur, _("any"));
	free(labels);
	form_choice(f, N_("Level"), level_items, s->q.level, _("any"));
	form_choice(f, N_("Location"), location_items, s->q.location, _("any"));
	/* districts: "in no district" first, then each by name */
	struct district_query dq;
	district_query_init(&dq);
	long nd = db_district_count(db, &dq);
	struct district_row *rows = xcalloc((size_t)(nd > 0 ? nd : 0) + 1, sizeof *rows);
	int got = nd > 0 ? db_district_page(db, &dq, 0, (int)nd, rows) : 0;
	if (got < 0)
		got = 0;
	free(s->district_ids);
	s->district_ids = xcalloc((size_t)got + 1, sizeof *s->district_ids);
	s->ndistricts = got;
	labels = xcalloc((size_t)got + 2, sizeof *labels);
	labels[0] = _("in no district");
	cur = s->q.district_id < 0 ? 0 : -1;
	for (int i = 0; i < got; i++) {
		labels[i + 1] = rows[i].d.name;
		s->district_ids[i] = rows[i].d.id;
		if (rows[i].d.id == s->q.district_id)
			cur = i + 1;
	}
	form_choice_list(f, N_("District"), labels, got + 1, cur, _("any"));
	free(labels);
	free(rows);
	form_open(f);
}

/* adding the selected school to a district picked from a list */

static void join_picked(void *ctx, int64_t index)
{
	struct schools *s = ctx;
	struct app *a = s->v.app;
	if (index < 0 || index >= s->ndistricts)
		return;
	struct member m;
	char msg[XQ_MSG_MAX] = "";
	memset(&m, 0, sizeof m);
	m.district_id = s->district_ids[index];
	m.school_id = s->join_school;
	m.role = ROLE_MEMBER;
	struct member cur;
	if (db_member_current(sdb(s), m.school_id, &cur) == XQ_OK) {
		app_msg(a, MSG_WARN,
			_("%s is already in district %s (since %s); a school is in one district at a "
			  "time, so end that membership first."),
			s->ask_name, cur.district_name, cur.from_date);
		return;
	}
	if (db_member_add(sdb(s), &m, msg) != XQ_OK) {
		app_msg(a, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	app_msg(a, MSG_GOOD, _("%s joined the district."), s->ask_name);
	app_changed(a);
}

static void join_open(struct schools *s)
{
	const struct school_row *r = list_selected(&s->list);
	if (!r)
		return;
	s->join_school = r->s.id;
	xq_copy(s->ask_name, sizeof s->ask_name, r->s.name);
	struct district_query dq;
	district_query_init(&dq);
	long nd = db_district_count(sdb(s), &dq);
	struct district_row *rows = xcalloc((size_t)(nd > 0 ? nd : 0) + 1, sizeof *rows);
	int got = nd > 0 ? db_district_page(sdb(s), &dq, 0, (int)nd, rows) : 0;
	if (got <= 0) {
		app_msg(s->v.app, MSG_INFO, "%s", _("There are no districts yet."));
		free(rows);
		return;
	}
	const char **labels = xcalloc((size_t)got + 1, sizeof *labels);
	free(s->district_ids);
	s->district_ids = xcalloc((size_t)got + 1, sizeof *s->district_ids);
	s->ndistricts = got;
	for (int i = 0; i < got; i++) {
		labels[i] = rows[i].d.name;
		s->district_ids[i] = rows[i].d.id;
	}
	char title[256];
	snprintf(title, sizeof title, _("District for %s"), r->s.name);
	picker_labels(s->v.app, title, labels, got, -1, join_picked, s);
	free(labels);
	free(rows);
}

static int schools_action(struct view *v, int id)
{
	struct schools *s = (struct schools *)v;
	struct app *a = v->app;
	const struct school_row *r = list_selected(&s->list);
	if (list_moves(id))
		return list_move(&s->list, id);
	switch (id) {
	case LA_SORT:
	case LA_REVERSE:
		if (id == LA_SORT)
			s->q.sort = (s->q.sort + 1) % SCHOOL_SORT_COUNT;
		else
			s->q.desc = !s->q.desc;
		list_reload(&s->list);
		app_msg(a, MSG_INFO, _("Sorted by %s%s."), _(sort_names[s->q.sort]),
			s->q.desc ? _(" (descending)") : "");
		return UI_PAINT;
	case LA_FILTER:
		filter_open(s);
		return UI_PAINT;
	case LA_CLEAR_FILTER: {
		int sort = s->q.sort;
		bool desc = s->q.desc;
		school_query_init(&s->q);
		s->q.sort = sort;
		s->q.desc = desc;
		list_reload(&s->list);
		app_msg(a, MSG_INFO, "%s", _("Showing all schools."));
		return UI_PAINT;
	}
	case SA_ADD:
		school_form_open(s, false);
		return UI_PAINT;
	case SA_EDIT:
		school_form_open(s, true);
		return UI_PAINT;
	case SA_DELETE:
		if (!r)
			return UI_PAINT;
		s->ask_id = r->s.id;
		s->ask_rev = r->s.rev;
		xq_copy(s->ask_name, sizeof s->ask_name, r->s.name);
		char q[512], why[XQ_MSG_MAX] = "";
		if (db_school_may_delete(sdb(s), r->s.id, why) != XQ_OK) {
			/* said before "are you sure", not after */
			app_msg(a, MSG_WARN, _("Refused: %s"), why);
			return UI_PAINT;
		}
		snprintf(q, sizeof q, _("Delete school %s (%s)? (y/n)"), r->s.name, r->s.code);
		prompt_confirm(a, q, school_delete_yes, s);
		return UI_PAINT;
	case SA_JOIN:
		join_open(s);
		return UI_PAINT;
	case SA_TEACHERS:
		if (r)
			app_push_view(a, teachers_view_new(a, r->s.id));
		return UI_PAINT;
	case SA_DISTRICT:
		if (r && r->district_id) {
			char code[CODE_LEN];
			xq_copy(code, sizeof code, r->s.code);
			app_goto_school(a, code); /* pops this view: s is gone after it */
		} else if (r) {
			app_msg(a, MSG_INFO, _("%s is in no district."), r->s.name);
		}
		return UI_PAINT;
	}
	return UI_UNUSED;
}

static bool schools_record(struct view *v, const char **table, int64_t *id)
{
	const struct school_row *r = list_selected(&((struct schools *)v)->list);
	if (!r)
		return false;
	*table = "school";
	*id = r->s.id;
	return true;
}

static void schools_reload(struct view *v)
{
	list_reload(&((struct schools *)v)->list);
}

static struct list *schools_list(struct view *v)
{
	return &((struct schools *)v)->list;
}

static void schools_free(struct view *v)
{
	struct schools *s = (struct schools *)v;
	list_free(&s->list);
	free(s->district_ids);
	free(s->towns);
	free(s);
}

const struct view_ops schools_view_ops = {
	.name = "schools",
	.title = N_("School browser"),
	.actions = school_actions,
	.has_list = true,
	.paint = schools_paint,
	.action = schools_action,
	.reload = schools_reload,
	.list = schools_list,
	.record = schools_record,
	.free = schools_free,
};

struct view *schools_view_new(struct app *a)
{
	struct schools *s = xcalloc(1, sizeof *s);
	app_view_init(a, &s->v, &schools_view_ops);
	school_query_init(&s->q);
	s->q.sort = SCHOOL_SORT_NAME;
	list_init(&s->list, &sl_source, s);
	return &s->v;
}

bool schools_view_goto(struct view *v, int64_t school_id)
{
	struct schools *s = (struct schools *)v;
	if (list_select_id(&s->list, school_id))
		return true;
	int sort = s->q.sort;
	school_query_init(&s->q);
	s->q.sort = sort;
	list_reload(&s->list);
	return list_select_id(&s->list, school_id);
}
