/* pane_teachers.c: the teachers of the county (or of one school), paged from the
 * database — searched by name, staff number or pinyin initials, filtered by school,
 * subject and backbone level — with the form that holds every teacher field, and the
 * selected teacher's exemptions and exchanges in the detail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/pinyin.h"
#include "core/validate.h"
#include "db/exchange.h"
#include "db/school.h"
#include "db/teacher.h"
#include "tui/form.h"
#include "tui/list.h"

enum { TA_ADD = 1, TA_EDIT, TA_DELETE, TA_EXEMPTIONS, TA_HISTORY };

static const struct action teacher_actions[] = {
	{TA_ADD, "teachers.add", "a", N_("add"), N_("Add a teacher"), 0},
	{TA_EDIT, "teachers.edit", "e Enter", N_("edit"), N_("Edit the teacher (every field)"), 0},
	{TA_DELETE, "teachers.delete", "d", N_("delete"), N_("Delete the teacher (asks first)"), 0},
	{TA_EXEMPTIONS, "teachers.exemptions", "x", N_("exemptions"), N_("The teacher's exemptions: list, add, edit, delete"), 0},
	{TA_HISTORY, "teachers.history", "H", N_("history"), N_("Who changed the teacher, when and what"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

/* the sorts s steps through (the database knows one more: entry order) */
#define TEACHER_SORTS 4
static const char *const sort_names[TEACHER_SORTS] = {
	N_("staff number"), N_("name"), N_("school"), N_("date joined"),
};

struct teachers {
	struct view v;
	struct teacher_query q;
	char subject[SHORT_LEN];
	struct list list;
	/* the selected teacher's exemptions and exchanges, fetched when the selection moves */
	int64_t detail_id;
	bool detail_stale;
	struct exemption *ex;
	int nex;
	struct exchange_row *xs;
	int nxs;
	int64_t ask_id, ask_rev;
	char ask_name[SHORT_LEN];
};

static struct db *tdb(struct teachers *t)
{
	return app_db(t->v.app);
}

static long tl_count(void *ctx)
{
	struct teachers *t = ctx;
	return db_teacher_count(tdb(t), &t->q);
}

static int tl_page(void *ctx, long off, int limit, void *rows)
{
	struct teachers *t = ctx;
	return db_teacher_page(tdb(t), &t->q, off, limit, rows);
}

static long tl_position(void *ctx, int64_t id)
{
	struct teachers *t = ctx;
	return db_teacher_position(tdb(t), &t->q, id);
}

static int64_t tl_id(const void *row)
{
	return ((const struct teacher_row *)row)->t.id;
}

static long tl_match_count(void *ctx, const char *text)
{
	struct teachers *t = ctx;
	struct teacher_query q = t->q;
	q.search = text;
	return db_teacher_count(tdb(t), &q);
}

static int tl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct teachers *t = ctx;
	struct teacher_query q = t->q;
	q.search = text;
	return db_teacher_page(tdb(t), &q, off, limit, rows);
}

/* As the database's search: a substring of the name or staff number (LIKE ignores the
 * case of ASCII letters), or the pinyin initials of the name. */
static bool tl_row_matches(void *ctx, const void *row, const char *text)
{
	const struct teacher_row *r = row;
	(void)ctx;
	return strcasestr(r->t.name, text) || strcasestr(r->t.staff_no, text) ||
	       pinyin_matches(r->t.name, text);
}

static void tl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct teacher_row *r = row;
	(void)ctx;
	switch (col) {
	case 0:
		xq_copy(buf, size, r->t.staff_no);
		break;
	case 1:
		xq_copy(buf, size, r->t.name);
		break;
	case 2:
		xq_copy(buf, size, r->school_name);
		break;
	case 3:
		xq_copy(buf, size, r->t.subjects);
		break;
	case 4:
		xq_copy(buf, size, r->t.backbone ? ui_enum(backbone_items, r->t.backbone) : "");
		break;
	case 5:
		xq_copy(buf, size, r->t.joined_school_on);
		break;
	}
}

static const struct list_column tl_columns[] = {
	{N_("Staff no."), 9, 0, false, 3},
	{N_("Full name"), 8, 1, false, 0},
	{N_("School"), 16, 4, false, 0},
	{N_("Subjects"), 8, 1, false, 2},
	{N_("Backbone"), 8, 0, false, 1},
	{N_("Joined"), 10, 0, false, 4},
};

static const struct list_source tl_source = {
	.columns = tl_columns,
	.ncolumns = 6,
	.row_size = sizeof(struct teacher_row),
	.empty = N_("No teacher matches: F clears the filter, a adds a teacher."),
	.count = tl_count,
	.page = tl_page,
	.position = tl_position,
	.row_id = tl_id,
	.cell = tl_cell,
	.match_count = tl_match_count,
	.match_page = tl_match_page,
	.row_matches = tl_row_matches,
};

static void detail_fetch(struct teachers *t, int64_t id)
{
	if (id == t->detail_id && !t->detail_stale)
		return;
	free(t->ex);
	free(t->xs);
	t->ex = NULL;
	t->xs = NULL;
	t->nex = t->nxs = 0;
	t->detail_id = id;
	t->detail_stale = false;
	if (!id)
		return;
	db_exemption_list(tdb(t), id, &t->ex, &t->nex);
	db_teacher_exchanges(tdb(t), id, &t->xs, &t->nxs);
}

/* the selected teacher's every field, exemptions and exchanges */
static void detail_paint(struct teachers *t, WINDOW *w, int y, int x, int h, int cols)
{
	const struct teacher_row *r = list_selected(&t->list);
	detail_fetch(t, r ? r->t.id : 0);
	if (!r) {
		draw_text(w, y, x, cols, _("No teacher is selected."), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	const struct teacher *tc = &r->t;
	char lines[16][1024];
	int n = 0;
	snprintf(lines[n++], sizeof lines[0], _("%s (%s) · %s · born %s"), tc->name, tc->staff_no,
		ui_enum(gender_items, tc->gender == 'F'), tc->birth_date[0] ? tc->birth_date : "—");
	if (tc->post_since[0])
		snprintf(lines[n++], sizeof lines[0], _("%s · %s since %s · joined the school on %s"),
			r->school_name, ui_enum(post_items, tc->post), tc->post_since,
			tc->joined_school_on[0] ? tc->joined_school_on : "—");
	else
		snprintf(lines[n++], sizeof lines[0], _("%s · %s · joined the school on %s"),
			r->school_name, ui_enum(post_items, tc->post),
			tc->joined_school_on[0] ? tc->joined_school_on : "—");
	snprintf(lines[n++], sizeof lines[0], _("Subjects %s · title %s · %s · backbone: %s%s · %s"),
		tc->subjects[0] ? tc->subjects : "—", tc->title[0] ? tc->title : "—",
		ui_enum(education_items, tc->education), ui_enum(backbone_items, tc->backbone),
		tc->pe_art ? _(" · PE/art specialist") : "", ui_enum(employment_items, tc->employment));
	if (!t->nex) {
		snprintf(lines[n++], sizeof lines[0], "%s", _("Exemptions: none (x adds one)"));
	} else {
		struct strbuf b;
		sb_init(&b);
		for (int i = 0; i < t->nex; i++)
			sb_printf(&b, "%s%s %s–%s", i ? _("; ") : "", ui_enum(exemption_kind_items, t->ex[i].kind),
				t->ex[i].start_date, t->ex[i].end_date);
		snprintf(lines[n++], sizeof lines[0], _("Exemptions (%d): %s"), t->nex, b.s);
		sb_free(&b);
	}
	if (!t->nxs)
		snprintf(lines[n++], sizeof lines[0], "%s", _("Exchanges: none"));
	else
		snprintf(lines[n++], sizeof lines[0], _("Exchanges (%d):"), t->nxs);
	for (int i = 0; i < t->nxs && n < 16; i++) {
		const struct exchange_row *xr = &t->xs[i];
		snprintf(lines[n++], sizeof lines[0], "  %s %s · %s → %s · %s%s%s", xr->e.year,
			ui_enum(exchange_kind_items, xr->e.kind), xr->from_name, xr->to_name,
			ui_enum(exchange_status_items, xr->e.status), xr->e.evaluation >= 0 ? " · " : "",
			xr->e.evaluation >= 0 ? ui_enum(evaluation_items, xr->e.evaluation) : "");
	}
	for (int i = 0; i < n && i < h; i++)
		draw_text(w, y + i, x, cols, lines[i], i == 0 ? ui_attr(UI_TITLE) : A_NORMAL, AL_LEFT);
}

static void teachers_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct teachers *t = (struct teachers *)v;
	bool wide = cols >= 120;
	int lw = wide ? cols * 3 / 5 : cols;
	int dh = h / 2 < 7 ? h / 2 : 7; /* the detail's lines when stacked */
	int lh = wide ? h : h - dh - 1;
	char title[768], part[256];
	snprintf(title, sizeof title, _("Teachers %ld/%ld · sorted by %s%s"),
		t->list.count ? t->list.sel + 1 : 0, t->list.count, _(sort_names[t->q.sort % TEACHER_SORTS]),
		t->q.desc ? _(" (descending)") : "");
	struct school s;
	if (t->q.school_id && db_school_get(tdb(t), t->q.school_id, &s) == XQ_OK) {
		snprintf(part, sizeof part, " · %s", s.short_name[0] ? s.short_name : s.name);
		strncat(title, part, sizeof title - strlen(title) - 1);
	}
	if (t->q.subject) {
		snprintf(part, sizeof part, _(" · subject %s"), t->q.subject);
		strncat(title, part, sizeof title - strlen(title) - 1);
	}
	if (t->q.backbone_min > 0) {
		snprintf(part, sizeof part, _(" · backbone %s+"), ui_enum(backbone_items, t->q.backbone_min));
		strncat(title, part, sizeof title - strlen(title) - 1);
	}
	draw_text(w, y, x, lw, title, ui_attr(UI_ACCENT), AL_LEFT);
	list_paint(&t->list, w, y + 1, x, lh - 1, wide ? lw - 1 : lw, true);
	if (wide) {
		mvwvline(w, y, x + lw, ACS_VLINE, h);
		detail_paint(t, w, y, x + lw + 2, h, cols - lw - 3);
	} else {
		mvwhline(w, y + lh, x, ACS_HLINE, cols);
		detail_paint(t, w, y + lh + 1, x + 1, h - lh - 1, cols - 2);
	}
}

/* the teacher form: every field */

struct tctx {
	struct teachers *t;
	int64_t id, rev;
};

static const char *const teacher_keys[] = {"staff_no", "name", "gender", "birth_date",
	"school_code", "subjects", "title", "education", "backbone_level", "pe_art", "employment",
	"post", "post_since", "joined_school_on", NULL};

static int teacher_submit(struct entry_form *f, void *ctx)
{
	struct tctx *c = ctx;
	struct teachers *t = c->t;
	struct teacher tc;
	char msg[XQ_MSG_MAX] = "";
	teacher_init(&tc);
	tc.id = c->id;
	tc.rev = c->rev;
	form_get_text(f, 0, tc.staff_no, sizeof tc.staff_no);
	form_get_text(f, 1, tc.name, sizeof tc.name);
	tc.gender = form_get_choice(f, 2) == 1 ? 'F' : 'M';
	form_get_text(f, 3, tc.birth_date, sizeof tc.birth_date);
	tc.school_id = form_get_school(f, 4);
	form_get_text(f, 5, tc.subjects, sizeof tc.subjects);
	form_get_text(f, 6, tc.title, sizeof tc.title);
	tc.education = form_get_choice(f, 7);
	tc.backbone = form_get_choice(f, 8);
	tc.pe_art = form_get_choice(f, 9) == 1;
	tc.employment = form_get_choice(f, 10);
	tc.post = form_get_choice(f, 11);
	form_get_text(f, 12, tc.post_since, sizeof tc.post_since);
	form_get_text(f, 13, tc.joined_school_on, sizeof tc.joined_school_on);
	struct school s;
	if (db_school_get(tdb(t), tc.school_id, &s) == XQ_OK)
		xq_copy(tc.school_code, sizeof tc.school_code, s.code);
	const char *bad = teacher_validate(&tc, msg);
	if (bad) {
		form_invalid(f, bad, teacher_keys, msg);
		return XQ_ERR;
	}
	int rc = c->id ? db_teacher_update(tdb(t), &tc, msg) : db_teacher_insert(tdb(t), &tc, msg);
	if (rc != XQ_OK) {
		form_refused(f, rc, "teacher", c->id, msg);
		return rc;
	}
	app_msg(t->v.app, MSG_GOOD, c->id ? _("Teacher %s saved.") : _("Teacher %s added."), tc.name);
	app_changed(t->v.app);
	if (!list_select_id(&t->list, tc.id)) {
		/* hidden by the filter: show every teacher */
		int sort = t->q.sort;
		bool desc = t->q.desc;
		teacher_query_init(&t->q);
		t->q.sort = sort;
		t->q.desc = desc;
		list_reload(&t->list);
		list_select_id(&t->list, tc.id);
	}
	return XQ_OK;
}

static void teacher_form_open(struct teachers *t, bool edit)
{
	struct app *a = t->v.app;
	struct teacher tc;
	teacher_init(&tc);
	tc.education = EDU_BACHELOR;
	tc.employment = EMP_IN_POST;
	tc.school_id = t->q.school_id;
	struct tctx *c = xcalloc(1, sizeof *c);
	c->t = t;
	if (edit) {
		const struct teacher_row *r = list_selected(&t->list);
		if (!r || db_teacher_get(tdb(t), r->t.id, &tc) != XQ_OK) {
			app_msg(a, MSG_INFO, "%s", _("No teacher is selected."));
			free(c);
			return;
		}
		c->id = tc.id;
		c->rev = tc.rev;
	}
	char title[256];
	if (edit)
		snprintf(title, sizeof title, _("Edit teacher %s"), tc.name);
	else
		snprintf(title, sizeof title, "%s", _("New teacher"));
	static const char *const yes_no[] = {N_("no"), N_("yes")};
	const char *yn[2] = {_(yes_no[0]), _(yes_no[1])};
	struct entry_form *f = form_new(a, title, teacher_submit, c, free);
	form_text(f, N_("Staff number"), tc.staff_no, STAFFNO_LEN, true);
	form_text(f, N_("Full name"), tc.name, SHORT_LEN, true);
	form_choice(f, N_("Gender"), gender_items, tc.gender == 'F', NULL);
	form_date(f, N_("Birth date"), tc.birth_date, false);
	form_school(f, N_("School"), tc.school_id, true);
	form_text(f, N_("Subjects"), tc.subjects, NAME_LEN, false);
	form_text(f, N_("Title"), tc.title, SHORT_LEN, false);
	form_choice(f, N_("Education"), education_items, tc.education, NULL);
	form_choice(f, N_("Backbone level"), backbone_items, tc.backbone, NULL);
	form_choice_list(f, N_("PE/art specialist"), yn, 2, tc.pe_art ? 1 : 0, NULL);
	form_choice(f, N_("Employment"), employment_items, tc.employment, NULL);
	form_choice(f, N_("Post"), post_items, tc.post, NULL);
	form_date(f, N_("In post since"), tc.post_since, false);
	form_date(f, N_("Joined the school on"), tc.joined_school_on, false);
	form_open(f);
}

static void teacher_delete_yes(void *ctx)
{
	struct teachers *t = ctx;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_teacher_delete(tdb(t), t->ask_id, t->ask_rev, msg);
	if (rc == XQ_OK) {
		app_msg(t->v.app, MSG_GOOD, _("Teacher %s deleted."), t->ask_name);
	} else {
		refusal_text(t->v.app, rc, "teacher", t->ask_id, msg, text, sizeof text);
		app_msg(t->v.app, MSG_WARN, "%s", text);
	}
	app_changed(t->v.app);
}

/* the filter: school, subject, backbone level */

static int filter_submit(struct entry_form *f, void *ctx)
{
	struct teachers *t = ctx;
	t->q.school_id = form_get_school(f, 0);
	form_get_text(f, 1, t->subject, sizeof t->subject);
	t->q.subject = t->subject[0] ? t->subject : NULL;
	int b = form_get_choice(f, 2);
	t->q.backbone_min = b < 0 ? 0 : b + 1;
	list_reload(&t->list);
	return XQ_OK;
}

static void filter_open(struct teachers *t)
{
	struct entry_form *f = form_new(t->v.app, _("Filter teachers"), filter_submit, t, NULL);
	form_school(f, N_("School"), t->q.school_id, false);
	form_text(f, N_("Subject"), t->q.subject ? t->q.subject : "", SHORT_LEN, false);
	/* backbone: any, or at least a level */
	const char *labels[BB_NATIONAL];
	char text[BB_NATIONAL][SHORT_LEN];
	for (int i = 0; i < BB_NATIONAL; i++) {
		snprintf(text[i], sizeof text[i], _("%s or higher"), ui_enum(backbone_items, i + 1));
		labels[i] = text[i];
	}
	form_choice_list(f, N_("Backbone level"), labels, BB_NATIONAL, t->q.backbone_min - 1, _("any"));
	form_open(f);
}

static int teachers_action(struct view *v, int id)
{
	struct teachers *t = (struct teachers *)v;
	struct app *a = v->app;
	const struct teacher_row *r = list_selected(&t->list);
	switch (id) {
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
		return list_move(&t->list, id);
	case LA_SORT:
	case LA_REVERSE:
		if (id == LA_SORT)
			t->q.sort = (t->q.sort + 1) % TEACHER_SORTS;
		else
			t->q.desc = !t->q.desc;
		list_reload(&t->list);
		app_msg(a, MSG_INFO, _("Sorted by %s%s."), _(sort_names[t->q.sort % TEACHER_SORTS]),
			t->q.desc ? _(" (descending)") : "");
		return UI_PAINT;
	case LA_FILTER:
		filter_open(t);
		return UI_PAINT;
	case LA_CLEAR_FILTER:
		t->q.school_id = 0;
		t->q.subject = NULL;
		t->q.backbone_min = 0;
		list_reload(&t->list);
		app_msg(a, MSG_INFO, "%s", _("Showing all teachers."));
		return UI_PAINT;
	case TA_ADD:
		teacher_form_open(t, false);
		return UI_PAINT;
	case TA_EDIT:
		teacher_form_open(t, true);
		return UI_PAINT;
	case TA_DELETE:
		if (!r)
			return UI_PAINT;
		t->ask_id = r->t.id;
		t->ask_rev = r->t.rev;
		xq_copy(t->ask_name, sizeof t->ask_name, r->t.name);
		char q[512];
		snprintf(q, sizeof q, _("Delete teacher %s (%s)? (y/n)"), r->t.name, r->t.staff_no);
		prompt_confirm(a, q, teacher_delete_yes, t);
		return UI_PAINT;
	case TA_EXEMPTIONS:
		if (!r)
			app_msg(a, MSG_INFO, "%s", _("No teacher is selected."));
		else
			app_push_view(a, exemptions_view_new(a, r->t.id));
		return UI_PAINT;
	case TA_HISTORY:
		return history_open_record(a, v);
	}
	return UI_UNUSED;
}

static bool teachers_record(struct view *v, const char **table, int64_t *id)
{
	const struct teacher_row *r = list_selected(&((struct teachers *)v)->list);
	if (!r)
		return false;
	*table = "teacher";
	*id = r->t.id;
	return true;
}

static void teachers_reload(struct view *v)
{
	struct teachers *t = (struct teachers *)v;
	t->detail_stale = true;
	list_reload(&t->list);
}

static struct list *teachers_list(struct view *v)
{
	return &((struct teachers *)v)->list;
}

static void teachers_free(struct view *v)
{
	struct teachers *t = (struct teachers *)v;
	list_free(&t->list);
	free(t->ex);
	free(t->xs);
	free(t);
}

const struct view_ops teachers_view_ops = {
	.name = "teachers",
	.title = N_("Teachers"),
	.actions = teacher_actions,
	.has_list = true,
	.paint = teachers_paint,
	.action = teachers_action,
	.reload = teachers_reload,
	.list = teachers_list,
	.record = teachers_record,
	.free = teachers_free,
};

struct view *teachers_view_new(struct app *a, int64_t school_id)
{
	struct teachers *t = xcalloc(1, sizeof *t);
	app_view_init(a, &t->v, &teachers_view_ops);
	teacher_query_init(&t->q);
	t->q.sort = TEACHER_SORT_NAME;
	t->q.school_id = school_id;
	list_init(&t->list, &tl_source, t);
	return &t->v;
}
