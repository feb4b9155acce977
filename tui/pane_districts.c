/* pane_districts.c: the Districts pane — the district list (paged from the database) and
 * the selected district's detail: summary, member schools, agreements and activities.
 * Wide screens put them side by side, narrow ones stack them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/districts.h"

enum { DCTX_LIST = 1, DCTX_MEMBER = 2, DCTX_AGREEMENT = 4 };
enum {
	DA_ADD = 1, DA_EDIT, DA_DELETE, DA_OPEN, DA_ADD_MEMBER, DA_REMOVE_MEMBER, DA_SET_LEAD,
	DA_SHOW_SCHOOL, DA_ADD_AGREEMENT, DA_EDIT_AGREEMENT, DA_END_AGREEMENT, DA_LOG_ACTIVITY,
	DA_SCHOOLS, DA_TEACHERS
};

static const struct action district_actions[] = {
	{DA_ADD, "districts.add", "a", N_("add"), N_("Add a district"), DCTX_LIST},
	{DA_EDIT, "districts.edit", "e", N_("edit"), N_("Edit the district"), DCTX_LIST},
	{DA_DELETE, "districts.delete", "d", N_("delete"), N_("Delete the district (asks first)"), DCTX_LIST},
	{DA_OPEN, "districts.open", "Enter", N_("open"), N_("Go into the district's members and agreements"), DCTX_LIST},
	{DA_ADD_MEMBER, "districts.add_member", "m", N_("add member"), N_("Add a member school to the district"), 0},
	{DA_REMOVE_MEMBER, "districts.remove_member", "d", N_("remove"), N_("Remove the member school from the district (asks first)"), DCTX_MEMBER},
	{DA_SET_LEAD, "districts.set_lead", "L", N_("make lead"), N_("Make the member school the district's lead school"), DCTX_MEMBER},
	{DA_SHOW_SCHOOL, "districts.show_school", "Enter", NULL, N_("Show the member school in the school browser"), DCTX_MEMBER},
	{DA_ADD_AGREEMENT, "districts.add_agreement", "r", N_("agreement"), N_("Record a support agreement between two schools"), 0},
	{DA_EDIT_AGREEMENT, "districts.edit_agreement", "e Enter", N_("edit"), N_("Edit the agreement"), DCTX_AGREEMENT},
	{DA_END_AGREEMENT, "districts.end_agreement", "d", N_("end"), N_("End the agreement today (asks first)"), DCTX_AGREEMENT},
	{DA_LOG_ACTIVITY, "districts.log_activity", "l", N_("log activity"), N_("Log an activity under the agreement"), DCTX_AGREEMENT},
	{DA_SCHOOLS, "districts.schools", "b", N_("schools"), N_("Browse all schools (filters, add and edit)"), 0},
	{DA_TEACHERS, "districts.teachers", "T", N_("teachers"), N_("Browse the teachers (of the member school, on one)"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static const struct action_ctx district_contexts[] = {
	{DCTX_LIST, N_("In the district list")},
	{DCTX_MEMBER, N_("On a member school")},
	{DCTX_AGREEMENT, N_("On an agreement")},
	{0, NULL},
};

static const char *const sort_names[DISTRICT_SORT_COUNT] = {
	N_("name"), N_("form"), N_("members"), N_("students"), N_("teachers"),
};

/* The district list's source: the database, paged. */
static long dl_count(void *ctx)
{
	struct districts *d = ctx;
	return db_district_count(app_db(d->v.app), &d->q);
}

static int dl_page(void *ctx, long off, int limit, void *rows)
{
	struct districts *d = ctx;
	return db_district_page(app_db(d->v.app), &d->q, off, limit, rows);
}

static long dl_position(void *ctx, int64_t id)
{
	struct districts *d = ctx;
	return db_district_position(app_db(d->v.app), &d->q, id);
}

static int64_t dl_id(const void *row)
{
	return ((const struct district_row *)row)->d.id;
}

static long dl_match_count(void *ctx, const char *text)
{
	struct districts *d = ctx;
	struct district_query q = d->q;
	q.search = text;
	return db_district_count(app_db(d->v.app), &q);
}

static int dl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct districts *d = ctx;
	struct district_query q = d->q;
	q.search = text;
	return db_district_page(app_db(d->v.app), &q, off, limit, rows);
}

static long dl_next_match(void *ctx, const char *text, long from, int dir, int64_t *id)
{
	struct districts *d = ctx;
	return db_district_next_match(app_db(d->v.app), &d->q, text, from, dir, id);
}

static void dl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct district_row *r = row;
	(void)ctx;
	switch (col) {
	case 0:
		xq_copy(buf, size, r->d.name);
		break;
	case 1:
		xq_copy(buf, size, ui_enum(form_items, r->d.form));
		break;
	case 2:
		xq_copy(buf, size, r->lead_name);
		break;
	case 3:
		ui_num(r->members, buf, size);
		break;
	case 4:
		ui_num(r->students, buf, size);
		break;
	case 5:
		ui_num(r->teachers, buf, size);
		break;
	}
}

static const struct list_column dl_columns[] = {
	{N_("District"), 10, 4, false, 0},
	{N_("Form"), 10, 0, false, 3},
	{N_("Lead school"), 10, 2, false, 2},
	{N_("Schools"), 7, 0, true, 0},
	{N_("Students"), 8, 0, true, 0},
	{N_("Teachers"), 8, 0, true, 1},
};

static const struct list_source dl_source = {
	.columns = dl_columns,
	.ncolumns = 6,
	.row_size = sizeof(struct district_row),
	.empty = N_("No districts yet: a adds one."),
	.count = dl_count,
	.page = dl_page,
	.position = dl_position,
	.row_id = dl_id,
	.cell = dl_cell,
	.match_count = dl_match_count,
	.match_page = dl_match_page,
	.next_match = dl_next_match,
};

/* detail */

static void detail_clear(struct districts *d)
{
	for (int i = 0; i < d->nagreements; i++)
		free(d->acts[i]);
	free(d->acts);
	free(d->nacts);
	free(d->members);
	free(d->agreements);
	d->acts = NULL;
	d->nacts = NULL;
	d->members = NULL;
	d->agreements = NULL;
	d->nmembers = d->nagreements = 0;
	d->have_row = false;
}

static int detail_items(struct districts *d)
{
	return d->nmembers + d->nagreements;
}

/* Remembers the detail cursor by id, so that it survives a reload. */
static void detail_note_cursor(struct districts *d)
{
	d->dsel_member = d->dsel_agreement = 0;
	if (d->dsel < d->nmembers)
		d->dsel_member = d->members[d->dsel].m.school_id;
	else if (d->dsel - d->nmembers < d->nagreements)
		d->dsel_agreement = d->agreements[d->dsel - d->nmembers].a.id;
}

static void detail_load(struct districts *d)
{
	const struct district_row *r = list_selected(&d->list);
	int64_t id = r ? r->d.id : 0;
	if (id == d->detail_id && !d->detail_stale)
		return;
	bool moved = id != d->detail_id;
	int64_t want_m = d->want_member ? d->want_member : moved ? 0 : d->dsel_member;
	int64_t want_a = d->want_agreement ? d->want_agreement : moved ? 0 : d->dsel_agreement;
	d->want_member = d->want_agreement = 0;
	if (moved)
		d->dsel = d->dscroll = 0;
	detail_clear(d);
	d->detail_id = id;
	d->detail_stale = false;
	if (!id)
		return;
	struct db *db = app_db(d->v.app);
	d->row = *r;
	d->have_row = true;
	db_member_list(db, id, true, &d->members, &d->nmembers);
	db_agreement_list(db, id, &d->agreements, &d->nagreements);
	d->acts = xcalloc((size_t)d->nagreements + 1, sizeof *d->acts);
	d->nacts = xcalloc((size_t)d->nagreements + 1, sizeof *d->nacts);
	for (int i = 0; i < d->nagreements; i++)
		db_activity_list(db, d->agreements[i].a.id, &d->acts[i], &d->nacts[i]);
	/* the cursor goes back to the same member or agreement */
	for (int i = 0; i < d->nmembers && want_m; i++)
		if (d->members[i].m.school_id == want_m)
			d->dsel = i;
	for (int i = 0; i < d->nagreements && want_a; i++)
		if (d->agreements[i].a.id == want_a)
			d->dsel = d->nmembers + i;
	if (d->dsel >= detail_items(d))
		d->dsel = detail_items(d) - 1;
	if (d->dsel < 0)
		d->dsel = 0;
	detail_note_cursor(d);
}

const struct district_row *districts_current(struct districts *d)
{
	detail_load(d);
	return d->have_row ? &d->row : NULL;
}

const struct member_row *districts_member(struct districts *d)
{
	detail_load(d);
	return d->detail_focus && d->dsel < d->nmembers ? &d->members[d->dsel] : NULL;
}

const struct agreement_row *districts_agreement(struct districts *d)
{
	detail_load(d);
	int i = d->dsel - d->nmembers;
	return d->detail_focus && i >= 0 && i < d->nagreements ? &d->agreements[i] : NULL;
}

void districts_select_member(struct districts *d, int64_t school_id)
{
	d->want_member = school_id;
	d->want_agreement = 0;
	d->detail_stale = true;
}

void districts_select_agreement(struct districts *d, int64_t agreement_id)
{
	d->want_agreement = agreement_id;
	d->want_member = 0;
	d->detail_stale = true;
}

void districts_after_write(struct districts *d, int64_t district_id)
{
	app_changed(d->v.app);
	if (district_id && !list_select_id(&d->list, district_id) && d->q.form >= 0) {
		/* hidden by the filter: show everything */
		d->q.form = -1;
		list_reload(&d->list);
		list_select_id(&d->list, district_id);
	}
	d->detail_stale = true;
}

/* The lines of the detail, built afresh for each paint. */
enum dl_kind { L_TITLE, L_SUMMARY, L_RATIO, L_NOTE, L_BLANK, L_MSECTION, L_MHEAD, L_MEMBER, L_ASECTION,
	L_AHEAD, L_AGREEMENT, L_ACTIVITY, L_MORE };
struct dline {
	int kind, i, j;
};

#define ACTIVITIES_SHOWN 3

static int detail_lines(struct districts *d, struct dline *out, int max)
{
	int n = 0;
#define ADD(k, a, b)                                                                         \
	do {                                                                                 \
		if (n < max)                                                                 \
			out[n++] = (struct dline){(k), (a), (b)};                            \
	} while (0)
	ADD(L_TITLE, 0, 0);
	ADD(L_SUMMARY, 0, 0);
	ADD(L_RATIO, 0, 0);
	if (d->row.d.note[0])
		ADD(L_NOTE, 0, 0);
	ADD(L_BLANK, 0, 0);
	ADD(L_MSECTION, 0, 0);
	if (d->nmembers)
		ADD(L_MHEAD, 0, 0);
	for (int i = 0; i < d->nmembers; i++)
		ADD(L_MEMBER, i, 0);
	ADD(L_BLANK, 0, 0);
	ADD(L_ASECTION, 0, 0);
	if (d->nagreements)
		ADD(L_AHEAD, 0, 0);
	for (int i = 0; i < d->nagreements; i++) {
		ADD(L_AGREEMENT, i, 0);
		int k = d->nacts[i], from = k > ACTIVITIES_SHOWN ? k - ACTIVITIES_SHOWN : 0;
		if (from)
			ADD(L_MORE, i, from);
		for (int j = from; j < k; j++)
			ADD(L_ACTIVITY, i, j);
	}
#undef ADD
	return n;
}

static const struct list_column member_columns[] = {
	{N_("Role"), 8, 0, false, 4},
	{N_("School"), 10, 1, false, 0},
	{N_("Level"), 8, 0, false, 3},
	{N_("Location"), 8, 0, false, 5},
	{N_("Students"), 8, 0, true, 0},
	{N_("Teachers"), 8, 0, true, 0},
	{N_("Backbone"), 8, 0, true, 2},
};
static const struct list_column agreement_columns[] = {
	{N_("Supporting → supported"), 16, 1, false, 0},
	{N_("From"), 10, 0, false, 2},
	{N_("To"), 10, 0, false, 1},
	{N_("Activities"), 10, 0, true, 3},
};

/* "Students per teacher: highest 18.2 (A), lowest 9.1 (B)" over the member schools. */
static void ratio_text(struct districts *d, char *out, size_t size)
{
	int hi = -1, lo = -1;
	double hv = 0, lv = 0;
	for (int i = 0; i < d->nmembers; i++) {
		const struct member_row *m = &d->members[i];
		if (m->teachers <= 0 || m->students < 0)
			continue;
		double v = (double)m->students / (double)m->teachers;
		if (hi < 0 || v > hv)
			hi = i, hv = v;
		if (lo < 0 || v < lv)
			lo = i, lv = v;
	}
	if (hi < 0)
		snprintf(out, size, "%s", _("Students per teacher: no figures yet"));
	else
		snprintf(out, size, _("Students per teacher: highest %.1f %s, lowest %.1f %s"), hv,
			d->members[hi].school_name, lv, d->members[lo].school_name);
}

static void paint_line(struct districts *d, WINDOW *w, int y, int x, int cols,
	const struct dline *l, bool on)
{
	char buf[4096], n1[32], n2[32], n3[32], n4[64];
	attr_t sel = on ? ui_attr(UI_SELECT) : A_NORMAL;
	int widths[8];
	switch (l->kind) {
	case L_TITLE:
		snprintf(buf, sizeof buf, "%s · %s · %s %s", d->row.d.name,
			ui_enum(form_items, d->row.d.form), _("lead school"),
			d->row.lead_name[0] ? d->row.lead_name : _("(none)"));
		if (d->row.d.established_on[0]) {
			size_t o = strlen(buf);
			snprintf(buf + o, sizeof buf - o, _(" · since %s"), d->row.d.established_on);
		}
		draw_text(w, y, x, cols, buf, ui_attr(UI_TITLE), AL_LEFT);
		break;
	case L_SUMMARY: {
		const struct district_row *r = &d->row;
		double ratio = r->teachers > 0 ? (double)r->students / (double)r->teachers : 0;
		snprintf(buf, sizeof buf,
			_("Students %ld · teachers %ld · backbone %ld · %.1f students per teacher"),
			r->students, r->teachers, r->backbone, ratio);
		draw_text(w, y, x, cols, buf, A_NORMAL, AL_LEFT);
		break;
	}
	case L_RATIO:
		ratio_text(d, buf, sizeof buf);
		draw_text(w, y, x, cols, buf, A_NORMAL, AL_LEFT);
		break;
	case L_NOTE:
		snprintf(buf, sizeof buf, _("Note: %s"), d->row.d.note);
		draw_text(w, y, x, cols, buf, ui_attr(UI_DIM), AL_LEFT);
		break;
	case L_MSECTION:
		snprintf(buf, sizeof buf, _("Member schools (%d)"), d->nmembers);
		draw_text(w, y, x, cols, buf, ui_attr(UI_ACCENT), AL_LEFT);
		break;
	case L_ASECTION:
		snprintf(buf, sizeof buf, _("Agreements (%d)"), d->nagreements);
		draw_text(w, y, x, cols, buf, ui_attr(UI_ACCENT), AL_LEFT);
		break;
	case L_MHEAD:
	case L_AHEAD: {
		const struct list_column *c = l->kind == L_MHEAD ? member_columns : agreement_columns;
		int n = l->kind == L_MHEAD ? 7 : 4;
		const char *t[8];
		for (int i = 0; i < n; i++)
			t[i] = _(c[i].title);
		list_column_widths(c, n, cols - 1, widths);
		list_draw_cells(w, y, x + 1, cols - 1, c, n, widths, t, ui_attr(UI_TITLE));
		break;
	}
	case L_MEMBER: {
		const struct member_row *m = &d->members[l->i];
		const char *t[] = {ui_enum(role_items, m->m.role), m->school_name,
			ui_enum(level_items, m->level), ui_enum(location_items, m->location),
			ui_num(m->students, n1, sizeof n1), ui_num(m->teachers, n2, sizeof n2),
			ui_num(m->backbone, n3, sizeof n3)};
		list_column_widths(member_columns, 7, cols - 1, widths);
		draw_text(w, y, x, 1, "", sel, AL_LEFT);
		list_draw_cells(w, y, x + 1, cols - 1, member_columns, 7, widths, t,
			sel | (m->m.role == ROLE_LEAD ? A_BOLD : 0));
		break;
	}
	case L_AGREEMENT: {
		const struct agreement_row *a = &d->agreements[l->i];
		char today[DATE_LEN];
		date_today(today);
		bool ended = a->a.end_date[0] && strcmp(a->a.end_date, today) < 0;
		snprintf(buf, sizeof buf, "%s → %s", a->supporting_name, a->supported_name);
		snprintf(n4, sizeof n4, "%s", ended ? _("ended") : "");
		const char *t[] = {buf, a->a.start_date, a->a.end_date[0] ? a->a.end_date : n4,
			ui_num(a->activities, n1, sizeof n1)};
		list_column_widths(agreement_columns, 4, cols - 1, widths);
		draw_text(w, y, x, 1, "", sel, AL_LEFT);
		list_draw_cells(w, y, x + 1, cols - 1, agreement_columns, 4, widths, t,
			sel | (ended ? ui_attr(UI_DIM) : 0));
		break;
	}
	case L_ACTIVITY: {
		const struct activity *act = &d->acts[l->i][l->j];
		snprintf(buf, sizeof buf, "%s  %s  %s", act->date, ui_enum(activity_kind_items, act->kind),
			act->note);
		draw_text(w, y, x + 4, cols - 4, buf, ui_attr(UI_DIM), AL_LEFT);
		break;
	}
	case L_MORE:
		snprintf(buf, sizeof buf,
			ngettext("… %d earlier activity", "… %d earlier activities", (unsigned long)l->j), l->j);
		draw_text(w, y, x + 4, cols - 4, buf, ui_attr(UI_DIM), AL_LEFT);
		break;
	}
}

static void detail_paint(struct districts *d, WINDOW *w, int y, int x, int h, int cols)
{
	detail_load(d);
	if (!d->have_row) {
		draw_text(w, y, x, cols, _("No district is selected."), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	int max = 16 + d->nmembers + d->nagreements * (ACTIVITIES_SHOWN + 2);
	struct dline *lines = xcalloc((size_t)max, sizeof *lines);
	int n = detail_lines(d, lines, max);
	/* the line of the detail cursor */
	int cur = -1;
	for (int i = 0; i < n && d->detail_focus; i++)
		if ((lines[i].kind == L_MEMBER && lines[i].i == d->dsel) ||
		    (lines[i].kind == L_AGREEMENT && lines[i].i + d->nmembers == d->dsel))
			cur = i;
	if (cur >= 0) {
		/* the item with its activity lines, as much as fits */
		int end = cur;
		while (end + 1 < n && (lines[end + 1].kind == L_ACTIVITY || lines[end + 1].kind == L_MORE))
			end++;
		if (end - cur >= h)
			end = cur + h - 1;
		if (cur < d->dscroll + 2)
			d->dscroll = cur - 2;
		if (end >= d->dscroll + h)
			d->dscroll = end - h + 1;
	}
	if (d->dscroll > n - h)
		d->dscroll = n - h;
	if (d->dscroll < 0)
		d->dscroll = 0;
	for (int r = 0; r < h && d->dscroll + r < n; r++)
		paint_line(d, w, y + r, x, cols, &lines[d->dscroll + r], d->dscroll + r == cur);
	free(lines);
}

static void districts_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct districts *d = (struct districts *)v;
	bool wide = cols >= 120;
	int lw = wide ? cols * 9 / 20 : cols;
	int lh = wide ? h : (h - 1) * 2 / 5;
	if (lh < 4)
		lh = 4;
	/* title: count, sort, filter */
	char title[512];
	int o = snprintf(title, sizeof title, _("Districts %ld/%ld · sorted by %s%s"),
		d->list.count ? d->list.sel + 1 : 0, d->list.count, _(sort_names[d->q.sort]),
		d->q.desc ? _(" (descending)") : "");
	if (d->q.form >= 0 && o > 0 && (size_t)o < sizeof title)
		snprintf(title + o, sizeof title - (size_t)o, _(" · form: %s"), ui_enum(form_items, d->q.form));
	draw_text(w, y, x, lw, title, ui_attr(UI_ACCENT), AL_LEFT);
	/* a column between the list and the border beside it */
	list_paint(&d->list, w, y + 1, x, lh - 1, wide ? lw - 1 : lw, !d->detail_focus);
	if (wide) {
		mvwvline(w, y, x + lw, ACS_VLINE, h);
		detail_paint(d, w, y, x + lw + 2, h, cols - lw - 3);
	} else {
		mvwhline(w, y + lh, x, ACS_HLINE, cols);
		detail_paint(d, w, y + lh + 1, x + 1, h - lh - 1, cols - 2);
	}
}

static void detail_move(struct districts *d, int id)
{
	int n = detail_items(d);
	switch (id) {
	case LA_DOWN:
		d->dsel++;
		break;
	case LA_UP:
		d->dsel--;
		break;
	case LA_TOP:
		d->dsel = 0;
		break;
	case LA_BOTTOM:
		d->dsel = n - 1;
		break;
	case LA_PAGE_DOWN:
		d->dsel += 5;
		break;
	case LA_PAGE_UP:
		d->dsel -= 5;
		break;
	case LA_HALF_DOWN:
		d->dsel += 3;
		break;
	case LA_HALF_UP:
		d->dsel -= 3;
		break;
	}
	if (d->dsel >= n)
		d->dsel = n - 1;
	if (d->dsel < 0)
		d->dsel = 0;
	detail_note_cursor(d);
}

static void show_school(struct districts *d, int64_t school_id)
{
	struct app *a = d->v.app;
	app_push_view(a, schools_view_new(a));
	schools_view_goto(app_top_view(a), school_id);
}

static int districts_action(struct view *v, int id)
{
	struct districts *d = (struct districts *)v;
	struct app *a = v->app;
	const struct member_row *m;
	switch (id) {
	case GA_FOCUS:
	case DA_OPEN:
		detail_load(d);
		if (!d->have_row) {
			app_msg(a, MSG_INFO, "%s", _("No district is selected."));
			return UI_PAINT;
		}
		d->detail_focus = id == DA_OPEN ? true : !d->detail_focus;
		return UI_PAINT;
	case GA_BACK:
		if (!d->detail_focus)
			return UI_UNUSED;
		d->detail_focus = false;
		return UI_PAINT;
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
	case LA_HALF_UP:
	case LA_HALF_DOWN:
		if (d->detail_focus) {
			detail_load(d);
			detail_move(d, id);
			return UI_PAINT;
		}
		return list_move(&d->list, id);
	case LA_SORT:
	case LA_REVERSE:
		if (id == LA_SORT)
			d->q.sort = (d->q.sort + 1) % DISTRICT_SORT_COUNT;
		else
			d->q.desc = !d->q.desc;
		list_reload(&d->list);
		app_msg(a, MSG_INFO, _("Sorted by %s%s."), _(sort_names[d->q.sort]),
			d->q.desc ? _(" (descending)") : "");
		return UI_PAINT;
	case LA_FILTER:
		district_filter_open(d);
		return UI_PAINT;
	case LA_CLEAR_FILTER:
		d->q.form = -1;
		list_reload(&d->list);
		app_msg(a, MSG_INFO, "%s", _("Showing all districts."));
		return UI_PAINT;
	case DA_ADD:
		district_form_open(d, false);
		return UI_PAINT;
	case DA_EDIT:
	case DA_DELETE:
	case DA_ADD_MEMBER:
	case DA_ADD_AGREEMENT:
		if (!districts_current(d)) {
			app_msg(a, MSG_INFO, "%s", _("No district is selected."));
			return UI_PAINT;
		}
		if (id == DA_EDIT)
			district_form_open(d, true);
		else if (id == DA_DELETE)
			district_delete_ask(d);
		else if (id == DA_ADD_MEMBER)
			member_form_open(d);
		else
			agreement_form_open(d, false);
		return UI_PAINT;
	case DA_REMOVE_MEMBER:
		member_remove_ask(d);
		return UI_PAINT;
	case DA_SET_LEAD:
		member_set_lead(d);
		return UI_PAINT;
	case DA_SHOW_SCHOOL:
		if ((m = districts_member(d)))
			show_school(d, m->m.school_id);
		return UI_PAINT;
	case DA_EDIT_AGREEMENT:
		agreement_form_open(d, true);
		return UI_PAINT;
	case DA_END_AGREEMENT:
		agreement_end_ask(d);
		return UI_PAINT;
	case DA_LOG_ACTIVITY:
		activity_form_open(d);
		return UI_PAINT;
	case DA_SCHOOLS:
		app_push_view(a, schools_view_new(a));
		return UI_PAINT;
	case DA_TEACHERS:
		m = districts_member(d);
		app_push_view(a, teachers_view_new(a, m ? m->m.school_id : 0));
		return UI_PAINT;
	}
	return UI_UNUSED;
}

/* `H`: the district, member or agreement under the cursor */
static bool districts_record(struct view *v, const char **table, int64_t *id)
{
	struct districts *d = (struct districts *)v;
	const struct member_row *m = districts_member(d);
	const struct agreement_row *ag = districts_agreement(d);
	const struct district_row *r = districts_current(d);
	if (m) {
		*table = "member";
		*id = m->m.id;
	} else if (ag) {
		*table = "agreement";
		*id = ag->a.id;
	} else if (r && !d->detail_focus) {
		*table = "district";
		*id = r->d.id;
	} else {
		return false;
	}
	return true;
}

static unsigned districts_context(struct view *v)
{
	struct districts *d = (struct districts *)v;
	if (!d->detail_focus)
		return DCTX_LIST;
	if (districts_member(d))
		return DCTX_MEMBER;
	if (districts_agreement(d))
		return DCTX_AGREEMENT;
	return 0;
}

/* The districts, their schools with their teachers counted, agreements and activities. */
static const char *const districts_reads[] = {"district", "member", "school", "teacher", "agreement",
	"activity", NULL};

static void districts_reload(struct view *v)
{
	struct districts *d = (struct districts *)v;
	list_reload(&d->list);
	d->detail_stale = true;
}

static struct list *districts_list(struct view *v)
{
	return &((struct districts *)v)->list;
}

static bool districts_search(struct view *v, const char *text, int dir)
{
	/* a match is a district: the focus goes back to the list */
	struct districts *d = (struct districts *)v;
	if (!app_search_list(v->app, &d->list, text, dir))
		return false;
	d->detail_focus = false;
	return true;
}

static void districts_free(struct view *v)
{
	struct districts *d = (struct districts *)v;
	detail_clear(d);
	list_free(&d->list);
	free(d);
}

const struct view_ops districts_view_ops = {
	.name = "districts",
	.title = N_("Districts"),
	.actions = district_actions,
	.contexts = district_contexts,
	.has_list = true,
	.paint = districts_paint,
	.action = districts_action,
	.reload = districts_reload,
	.reads = districts_reads,
	.context = districts_context,
	.search = districts_search,
	.list = districts_list,
	.record = districts_record,
	.free = districts_free,
};

struct view *districts_view_new(struct app *a)
{
	struct districts *d = xcalloc(1, sizeof *d);
	app_view_init(a, &d->v, &districts_view_ops);
	district_query_init(&d->q);
	list_init(&d->list, &dl_source, d);
	return &d->v;
}

bool districts_view_goto(struct view *v, int64_t district_id, int64_t school_id)
{
	struct districts *d = (struct districts *)v;
	if (!list_select_id(&d->list, district_id)) {
		d->q.form = -1;
		list_reload(&d->list);
		if (!list_select_id(&d->list, district_id))
			return false;
	}
	if (school_id) {
		districts_select_member(d, school_id);
		d->detail_focus = true;
	}
	detail_load(d);
	return true;
}
