/* pane_exchanges.c: the Exchanges pane — the chosen school year's quota gauges on top,
 * the exchange list (paged from the database, filtered by year, status, kind, school and
 * district) and the selected exchange's detail. Wide screens put list and detail side
 * by side, narrow ones stack them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/names.h"
#include "db/audit.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/exchanges.h"
#include "tui/work.h"

enum {
	XA_ADD = 1, XA_EDIT, XA_APPROVE, XA_REJECT, XA_START, XA_COMPLETE, XA_CANCEL, XA_YEAR,
	XA_PLAN, XA_QUOTA, XA_TAG, XA_TAGGED, XA_TAG_PROPOSED
};

static const struct action exchange_actions[] = {
	{XA_ADD, "exchanges.add", "a", N_("add"), N_("Add an exchange: pick the teacher, then the school"), 0},
	{XA_APPROVE, "exchanges.approve", "A", N_("approve"), N_("Approve the proposed exchange"), 0},
	{XA_START, "exchanges.start", "T", N_("start"), N_("Start the approved exchange"), 0},
	{XA_COMPLETE, "exchanges.complete", "C", N_("complete"), N_("Complete the exchange with its evaluation; unqualified extends it"), 0},
	{XA_REJECT, "exchanges.reject", "R", N_("reject"), N_("Reject the proposed exchange (asks first)"), 0},
	{XA_CANCEL, "exchanges.cancel", "X d", N_("cancel"), N_("Cancel the proposed or approved exchange (asks)"), 0},
	{XA_EDIT, "exchanges.edit", "e Enter", N_("edit"), N_("Edit the exchange"), 0},
	{XA_YEAR, "exchanges.year", "y", N_("year"), N_("Choose the school year of the gauges and the list"), 0},
	{XA_PLAN, "exchanges.plan", "p", N_("plan"), N_("Plan the year's exchanges and accept the proposals"), 0},
	{XA_QUOTA, "exchanges.quota", "Q", N_("quotas"), N_("Show the year's quotas by school or by district"), 0},
	{XA_TAG, "exchanges.tag", "t", N_("tag"), N_("Tag or untag the exchange and go to the next"), 0},
	{XA_TAG_PROPOSED, "exchanges.tag_proposed", "*", NULL, N_("Tag every proposed exchange the list shows"), 0},
	{XA_TAGGED, "exchanges.tagged", ";", NULL,
		N_("Apply the next action (approve, reject, start, cancel) to every tagged exchange; ; t untags all"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static struct db *xdb(struct exchanges *x)
{
	return app_db(x->v.app);
}

const struct exchange_policy *exchanges_policy(struct exchanges *x)
{
	return db_exchange_policy(xdb(x));
}

/* The list's source: the database, paged. */
static long xl_count(void *ctx)
{
	struct exchanges *x = ctx;
	return db_exchange_count(xdb(x), &x->q);
}

static int xl_page(void *ctx, long off, int limit, void *rows)
{
	struct exchanges *x = ctx;
	return db_exchange_page(xdb(x), &x->q, off, limit, rows);
}

static long xl_position(void *ctx, int64_t id)
{
	struct exchanges *x = ctx;
	return db_exchange_position(xdb(x), &x->q, id);
}

static int64_t xl_id(const void *row)
{
	return ((const struct exchange_row *)row)->e.id;
}

static long xl_match_count(void *ctx, const char *text)
{
	struct exchanges *x = ctx;
	struct exchange_query q = x->q;
	q.search = text;
	return db_exchange_count(xdb(x), &q);
}

static int xl_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct exchanges *x = ctx;
	struct exchange_query q = x->q;
	q.search = text;
	return db_exchange_page(xdb(x), &q, off, limit, rows);
}

/* As the database's search: a substring of the teacher's name or staff number, ignoring
 * the case of ASCII letters (LIKE). */
static bool xl_row_matches(void *ctx, const void *row, const char *text)
{
	const struct exchange_row *r = row;
	(void)ctx;
	return strcasestr(r->teacher_name, text) || strcasestr(r->e.staff_no, text);
}

/* Below this width a list names schools by their short names. */
#define SHORT_NAMES_BELOW 120

void exchanges_school_cell(struct exchanges *x, const char *name, const char *short_name, char *buf,
	size_t size)
{
	xq_copy(buf, size, x->short_names ? name_shown(name, short_name, x->name_prefix) : name);
}

void exchanges_list_paint(struct exchanges *x, struct list *l, WINDOW *w, int y, int xpos, int h, int cols)
{
	x->short_names = cols < SHORT_NAMES_BELOW;
	if (x->short_names)
		x->name_prefix = db_school_name_prefix(xdb(x));
	list_paint(l, w, y, xpos, h, cols, true);
	x->short_names = false;
}

static bool xl_tagged(void *ctx, const void *row)
{
	return exchanges_is_tagged(ctx, ((const struct exchange_row *)row)->e.id);
}

static void xl_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	const struct exchange_row *r = row;
	struct exchanges *x = ctx;
	switch (col) {
	case 0:
		xq_copy(buf, size, r->e.staff_no);
		break;
	case 1:
		xq_copy(buf, size, r->teacher_name);
		break;
	case 2:
		exchanges_school_cell(x, r->from_name, r->from_short, buf, size);
		break;
	case 3:
		exchanges_school_cell(x, r->to_name, r->to_short, buf, size);
		break;
	case 4:
		xq_copy(buf, size, ui_enum(exchange_kind_items, r->e.kind));
		break;
	case 5:
		xq_copy(buf, size, r->e.start_date);
		break;
	case 6:
		xq_copy(buf, size, ui_enum(exchange_status_items, r->e.status));
		break;
	case 7:
		xq_copy(buf, size, r->e.year);
		break;
	}
}

static const struct list_column xl_columns[] = {
	{N_("Staff no."), 9, 0, false, 4},
	{N_("Teacher"), 7, 0, false, 0},
	{N_("Sending school"), 10, 2, false, 0},
	{N_("Receiving school"), 10, 2, false, 0},
	{N_("Type"), 8, 0, false, 3},
	{N_("Start date"), 10, 0, false, 2},
	{N_("Status"), 9, 0, false, 0},
	{N_("School year"), 9, 0, false, 1},
};

/* The last column, the school year, is shown only when the list holds every year. */
static const struct list_source xl_source = {
	.columns = xl_columns,
	.ncolumns = 8,
	.row_size = sizeof(struct exchange_row),
	.empty = N_("No exchange matches: a adds one, p plans the year, F clears the filter."),
	.count = xl_count,
	.page = xl_page,
	.position = xl_position,
	.row_id = xl_id,
	.cell = xl_cell,
	.match_count = xl_match_count,
	.match_page = xl_match_page,
	.row_matches = xl_row_matches,
	.tagged = xl_tagged,
};

const struct exchange_row *exchanges_current(struct exchanges *x)
{
	return list_selected(&x->list);
}

/* the gauges */

/* The county's quota reads every teacher (a tenth of a second in a city, more in a
 * province): it is counted on the work's thread, the gauges keep what they showed. The
 * same reading counts the quotas by school and by district, which the quota view shows. */
struct gauge_job {
	struct work_job j;
	char year[EXCHANGE_YEAR_LEN];
	struct exchange_policy p;
	unsigned gen; /* the gauges' generation asked for */
	bool ok;
	struct quota_sets sets;
	long proposed;
	char msg[XQ_MSG_MAX];
};

static void gauge_run(struct work_job *j_, struct db *db)
{
	struct gauge_job *j = (struct gauge_job *)j_;
	j->ok = db_exchange_quota_sets(db, j->year, &j->p, &j->sets, j->msg) == XQ_OK;
	struct exchange_query q;
	exchange_query_init(&q);
	q.year = j->year;
	q.status = EXS_PROPOSED;
	j->proposed = j->ok ? db_exchange_count(db, &q) : 0;
}

static void gauge_done(struct work_job *j_, struct app *a)
{
	struct gauge_job *j = (struct gauge_job *)j_;
	struct exchanges *x = (struct exchanges *)j->j.owner;
	(void)a;
	if (strcmp(j->year, x->year) != 0)
		return; /* another year was chosen since */
	x->have_quota = j->ok;
	xq_copy(x->quota_msg, sizeof x->quota_msg, j->msg);
	if (j->ok) {
		x->quota = j->sets.county;
		x->proposed = j->proposed;
		quota_sets_free(&x->sets);
		x->sets = j->sets;
		memset(&j->sets, 0, sizeof j->sets);
		x->sets_gen = j->gen;
		xq_copy(x->sets_year, sizeof x->sets_year, j->year);
	}
	if (j->gen == x->quota_gen)
		x->quota_stale = false;
}

static void gauge_free(struct work_job *j_)
{
	struct gauge_job *j = (struct gauge_job *)j_;
	quota_sets_free(&j->sets);
	free(j);
}

bool exchanges_quota_rows(struct exchanges *x, int scope, const struct quota_row **rows, int *n,
	struct exchange_quota *county)
{
	if (!x->have_quota || x->sets_gen != x->quota_gen || strcmp(x->sets_year, x->year) != 0 ||
	    (scope != EXSCOPE_SCHOOL && scope != EXSCOPE_DISTRICT))
		return false;
	*rows = scope == EXSCOPE_SCHOOL ? x->sets.school : x->sets.district;
	*n = scope == EXSCOPE_SCHOOL ? x->sets.nschool : x->sets.ndistrict;
	*county = x->sets.county;
	return true;
}

static void quota_load(struct exchanges *x)
{
	if (!x->quota_stale || app_working(x->v.app, x))
		return;
	struct gauge_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = "gauges", .owner = x, .run = gauge_run, .done = gauge_done,
		.free = gauge_free};
	xq_copy(j->year, sizeof j->year, x->year);
	j->p = *exchanges_policy(x);
	j->gen = x->quota_gen;
	app_work(x->v.app, &j->j);
}

/* "12.5%", "10%", "–" when unknown. */
static const char *percent(double r, char *buf, size_t size)
{
	if (isnan(r)) {
		snprintf(buf, size, "–");
		return buf;
	}
	char num[32];
	snprintf(num, sizeof num, "%.1f", 100 * r);
	size_t n = strlen(num);
	if (n > 2 && strcmp(num + n - 2, ".0") == 0)
		num[n - 2] = '\0';
	snprintf(buf, size, "%s%%", num);
	return buf;
}

void exchanges_missing_text(long missing, bool backbone, char *buf, size_t size)
{
	if (missing == 0)
		snprintf(buf, size, "✓ %s", _("met"));
	else if (missing < 0)
		snprintf(buf, size, "✗ %s", _("cannot be met by more exchanges"));
	else if (backbone)
		snprintf(buf, size, _("✗ %ld more backbone teachers needed"), missing);
	else
		snprintf(buf, size, _("✗ %ld more needed"), missing);
}

/* label [####------] ✗ 47 more needed · 12 of 585 eligible = 2.1% (target 10%) */
static void paint_gauge(WINDOW *w, int y, int x, int cols, int lw, const char *label,
	long count, long base, double ratio, double target, long missing, const char *of)
{
	char status[256], text[512], r[32], t[32];
	draw_text(w, y, x, lw, label, A_BOLD, AL_LEFT);
	int cx = x + lw + 1, end = x + cols;
	int bw = cols >= 100 ? 20 : cols >= 70 ? 10 : 0;
	attr_t mood = ui_attr(missing == 0 ? UI_GOOD : UI_WARN);
	if (bw) {
		/* the bar is the way to the target: count of count + missing; it is full only
		 * when the target is met (a ratio over a small base can pass the target while
		 * more teachers are needed) */
		double share = missing == 0 ? 1
			       : missing > 0 ? (double)count / (double)(count + missing)
			       : isnan(ratio) || target <= 0 ? 0 : ratio / target;
		int fill = share >= 1 ? bw : (int)(share * bw);
		if (missing != 0 && fill >= bw)
			fill = bw - 1;
		draw_text(w, y, cx, 1, "[", A_NORMAL, AL_LEFT);
		for (int i = 0; i < bw; i++)
			draw_text(w, y, cx + 1 + i, 1, i < fill ? "#" : "-", i < fill ? mood : ui_attr(UI_DIM),
				AL_LEFT);
		draw_text(w, y, cx + 1 + bw, 1, "]", A_NORMAL, AL_LEFT);
		cx += bw + 3;
	}
	exchanges_missing_text(missing, false, status, sizeof status);
	int sw = utf8_width(status);
	if (sw > end - cx)
		sw = end - cx;
	cx += draw_text(w, y, cx, sw, status, mood | A_BOLD, AL_LEFT);
	snprintf(text, sizeof text, _("%ld of %ld %s = %s (target %s)"), count, base, of,
		percent(ratio, r, sizeof r), percent(target, t, sizeof t));
	if (cx + 3 < end) {
		draw_text(w, y, cx, 3, " · ", A_NORMAL, AL_LEFT);
		draw_text(w, y, cx + 3, end - cx - 3, text, A_NORMAL, AL_LEFT);
	}
}

/* Three lines: the year with its eligible teachers, the exchange quota, the backbone one. */
static void gauges_paint(struct exchanges *x, WINDOW *w, int y, int xx, int cols)
{
	char line[512], key[64];
	if (x->quota_stale && !x->have_quota) {
		/* counted on the work's thread once this screen is out */
		snprintf(line, sizeof line, _("School year %s: counting…"), x->year);
		draw_text(w, y, xx, cols, line, ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	int k = keymap_index(&x->v.keys, XA_YEAR);
	key[0] = '\0';
	if (k >= 0)
		keymap_keys_text(&x->v.keys, k, true, key, sizeof key);
	if (!x->have_quota) {
		snprintf(line, sizeof line, _("School year %s: the quota cannot be computed: %s"), x->year,
			x->quota_msg);
		draw_text(w, y, xx, cols, line, ui_attr(UI_WARN), AL_LEFT);
		return;
	}
	const struct exchange_quota *q = &x->quota;
	const struct exchange_policy *p = exchanges_policy(x);
	snprintf(line, sizeof line, _("School year %s"), x->year);
	int used = draw_text(w, y, xx, utf8_width(line), line, ui_attr(UI_TITLE), AL_LEFT);
	snprintf(line, sizeof line, _(" · eligible %ld · %ld proposed awaiting approval"),
		q->eligible, x->proposed);
	used += draw_text(w, y, xx + used, cols - used, line, A_NORMAL, AL_LEFT);
	if (key[0]) {
		snprintf(line, sizeof line, _(" · %s changes the year"), key);
		if (used + utf8_width(line) <= cols)
			draw_text(w, y, xx + used, cols - used, line, ui_attr(UI_DIM), AL_LEFT);
	}
	const char *l1 = _("Exchanged"), *l2 = _("Backbone");
	int lw = utf8_width(l1) > utf8_width(l2) ? utf8_width(l1) : utf8_width(l2);
	paint_gauge(w, y + 1, xx, cols, lw, l1, q->exchanged, q->eligible, q->ratio, p->min_ratio,
		q->missing, _("eligible"));
	paint_gauge(w, y + 2, xx, cols, lw, l2, q->backbone_exchanged, q->base, q->backbone_ratio,
		p->backbone_min_ratio, q->missing_backbone,
		p->backbone_base == EXB_ELIGIBLE ? _("eligible") : _("exchanged"));
}

/* the detail */

/* Most important first, as the stacked detail may show only the first lines; side by
 * side (split) the two schools take a line each. */
static void detail_paint(struct exchanges *x, WINDOW *w, int y, int xx, int h, int cols,
	bool split)
{
	const struct exchange_row *r = exchanges_current(x);
	if (!r) {
		draw_text(w, y, xx, cols, _("No exchange is selected."), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	const struct exchange *e = &r->e;
	const struct exchange_policy *p = exchanges_policy(x);
	char lines[16][1024], a[64], b[64], c[64];
	attr_t attrs[16] = {0};
	int n = 0;
	size_t o;
	snprintf(lines[n], sizeof lines[0], "%s (%s)", r->teacher_name, e->staff_no);
	if (r->backbone > BB_NONE) {
		o = strlen(lines[n]);
		snprintf(lines[n] + o, sizeof lines[0] - o, _(" · backbone teacher, %s"),
			ui_enum(backbone_items, r->backbone));
	}
	attrs[n++] = ui_attr(UI_TITLE);
	snprintf(lines[n], sizeof lines[0], _("Status: %s"), ui_enum(exchange_status_items, e->status));
	if (e->evaluation >= 0) {
		o = strlen(lines[n]);
		snprintf(lines[n] + o, sizeof lines[0] - o, _(" · evaluation %s"),
			ui_enum(evaluation_items, e->evaluation));
	}
	attrs[n++] = e->status == EXS_EXTENDED ? ui_attr(UI_WARN) : A_BOLD;
	/* the note (a rejection's reason, say) under the status: stacked, on one line with its
	 * line breaks as spaces; side by side, a line each, as many as there is room for */
	if (e->note[0]) {
		const char *l = e->note;
		int most = split ? 8 : 1;
		for (int k = 0; *l && k < most; k++) {
			size_t len = split ? strcspn(l, "\n") : strlen(l);
			if (k == 0)
				snprintf(lines[n], sizeof lines[0], _("Note: %.*s"), (int)len, l);
			else
				snprintf(lines[n], sizeof lines[0], "      %.*s", (int)len, l);
			attrs[n++] = ui_attr(UI_DIM);
			l += len;
			if (*l == '\n')
				l++;
		}
	}
	if (split) {
		snprintf(lines[n++], sizeof lines[0], _("Sending school: %s (%s)"), r->from_name,
			e->from_code);
		snprintf(lines[n++], sizeof lines[0], _("Receiving school: %s (%s)"), r->to_name,
			e->to_code);
	} else {
		snprintf(lines[n++], sizeof lines[0], "%s (%s) → %s (%s)", r->from_name, e->from_code,
			r->to_name, e->to_code);
	}
	snprintf(lines[n], sizeof lines[0], _("%s · %s · %s to %s (school year %s)"),
		ui_enum(exchange_kind_items, e->kind), ui_enum(exchange_reason_items, e->reason),
		e->start_date, e->end_date[0] ? e->end_date : "…", e->year);
	if (!isnan(e->week_share)) {
		o = strlen(lines[n]);
		snprintf(lines[n] + o, sizeof lines[0] - o, _(" · %.0f%% of the week"), 100 * e->week_share);
	}
	n++;
	const char *year = x->all_years ? e->year : x->year;
	double total = exchange_subsidy_year(e, year, p);
	if (isnan(e->subsidy_month))
		snprintf(lines[n++], sizeof lines[0],
			_("Distance %s km · subsidy unknown (a school has no position)"),
			isnan(r->km) ? "?" : ui_real(r->km, 1, a, sizeof a));
	else
		snprintf(lines[n++], sizeof lines[0],
			_("Distance %s km · subsidy %s yuan a month, %s yuan in %s"),
			isnan(r->km) ? "?" : ui_real(r->km, 1, a, sizeof a),
			ui_real(e->subsidy_month, 0, b, sizeof b), ui_real(total, 0, c, sizeof c), year);
	for (int i = 0; i < n && i < h; i++)
		draw_text(w, y + i, xx, cols, lines[i], attrs[i], AL_LEFT);
}

static void title_add(char *title, size_t size, const char *part)
{
	size_t o = strlen(title);
	if (o < size)
		snprintf(title + o, size - o, "%s", part);
}

static void exchanges_paint(struct view *v, WINDOW *w, int y, int x, int h, int cols)
{
	struct exchanges *xs = (struct exchanges *)v;
	gauges_paint(xs, w, y, x, cols);
	mvwhline(w, y + 3, x, ACS_HLINE, cols);
	y += 4;
	h -= 4;
	bool wide = cols >= 120;
	int lw = wide ? cols * 11 / 20 : cols;
	int dh = h >= 16 ? 5 : h / 3; /* the detail's lines when stacked */
	int lh = wide ? h : h - dh - 1;
	char title[1024], part[512];
	snprintf(title, sizeof title, _("Exchanges %ld/%ld"), xs->list.count ? xs->list.sel + 1 : 0,
		xs->list.count);
	if (xs->ntags) {
		snprintf(part, sizeof part, _(" · %d tagged"), xs->ntags);
		title_add(title, sizeof title, part);
	}
	snprintf(part, sizeof part, " · %s", xs->all_years ? _("all years") : xs->year);
	title_add(title, sizeof title, part);
	if (xs->q.status >= 0) {
		snprintf(part, sizeof part, " · %s", ui_enum(exchange_status_items, xs->q.status));
		title_add(title, sizeof title, part);
	}
	if (xs->q.kind >= 0) {
		snprintf(part, sizeof part, " · %s", ui_enum(exchange_kind_items, xs->q.kind));
		title_add(title, sizeof title, part);
	}
	struct school s;
	if (xs->q.school_id > 0 && db_school_get(xdb(xs), xs->q.school_id, &s) == XQ_OK) {
		snprintf(part, sizeof part, _(" · school %s"), s.name);
		title_add(title, sizeof title, part);
	}
	struct district d;
	if (xs->q.district_id > 0 && db_district_get(xdb(xs), xs->q.district_id, &d) == XQ_OK) {
		snprintf(part, sizeof part, _(" · district %s"), d.name);
		title_add(title, sizeof title, part);
	}
	draw_text(w, y, x, lw, title, ui_attr(UI_ACCENT), AL_LEFT);
	/* a column between the list and the border beside it */
	exchanges_list_paint(xs, &xs->list, w, y + 1, x, lh - 1, wide ? lw - 1 : lw);
	if (wide) {
		mvwvline(w, y, x + lw, ACS_VLINE, h);
		detail_paint(xs, w, y, x + lw + 2, h, cols - lw - 3, true);
	} else {
		mvwhline(w, y + lh, x, ACS_HLINE, cols);
		detail_paint(xs, w, y + lh + 1, x + 1, h - lh - 1, cols - 2, false);
	}
}

/* after writes, filters, years */

void exchanges_after_write(struct exchanges *x, int64_t id)
{
	app_changed(x->v.app);
	if (id && !list_select_id(&x->list, id)) {
		/* hidden by the filter: show every exchange of every year */
		exchange_query_init(&x->q);
		exchanges_set_year(x, NULL);
		list_select_id(&x->list, id);
	}
}

void exchanges_filter_place(struct exchanges *x, int64_t school_id, int64_t district_id)
{
	x->q.school_id = school_id;
	x->q.district_id = district_id;
	list_reload(&x->list);
}

void exchanges_set_year(struct exchanges *x, const char *year)
{
	if (year && strcmp(year, x->year) != 0) {
		xq_copy(x->year, sizeof x->year, year);
		x->quota_stale = true; /* the gauges are the chosen year's */
		x->have_quota = false;
		x->quota_gen++;
	}
	x->all_years = year == NULL;
	x->q.year = x->all_years ? NULL : x->year;
	x->src.ncolumns = x->all_years ? xl_source.ncolumns : xl_source.ncolumns - 1;
	list_reload(&x->list);
}

/* t: tags the selected exchange, or untags it; the selection moves on. */
static void tag_toggle(struct exchanges *x)
{
	const struct exchange_row *r = exchanges_current(x);
	if (!r)
		return;
	for (int i = 0; i < x->ntags; i++)
		if (x->tags[i] == r->e.id) {
			x->tags[i] = x->tags[--x->ntags];
			list_move(&x->list, LA_DOWN);
			return;
		}
	if (x->ntags == x->ctags) {
		x->ctags = x->ctags ? 2 * x->ctags : 16;
		x->tags = xrealloc(x->tags, (size_t)x->ctags * sizeof *x->tags);
	}
	x->tags[x->ntags++] = r->e.id;
	list_move(&x->list, LA_DOWN);
}

/* *: tags every proposed exchange of the list as filtered (the plan's, once accepted). */
static void tag_proposed(struct exchanges *x)
{
	struct exchange_query q = x->q;
	if (q.status >= 0 && q.status != EXS_PROPOSED)
		return;
	q.status = EXS_PROPOSED;
	long n = db_exchange_count(xdb(x), &q);
	if (n <= 0)
		return;
	struct exchange_row *rows = xcalloc((size_t)n, sizeof *rows);
	int got = db_exchange_page(xdb(x), &q, 0, (int)n, rows);
	for (int i = 0; i < got; i++) {
		if (exchanges_is_tagged(x, rows[i].e.id))
			continue;
		if (x->ntags == x->ctags) {
			x->ctags = x->ctags ? 2 * x->ctags : 16;
			x->tags = xrealloc(x->tags, (size_t)x->ctags * sizeof *x->tags);
		}
		x->tags[x->ntags++] = rows[i].e.id;
	}
	free(rows);
}

static const int tag_actions[][2] = {
	{XA_APPROVE, EXA_APPROVE}, {XA_REJECT, EXA_REJECT}, {XA_START, EXA_START},
	{XA_COMPLETE, EXA_COMPLETE}, {XA_CANCEL, EXA_CANCEL},
};

static int exchanges_action(struct view *v, int id)
{
	struct exchanges *x = (struct exchanges *)v;
	struct app *a = v->app;
	bool tagged = x->tag_next;
	x->tag_next = false;
	if (tagged) {
		for (size_t i = 0; i < XQ_NELEM(tag_actions); i++)
			if (tag_actions[i][0] == id) {
				exchange_act_tagged(x, tag_actions[i][1]);
				return UI_PAINT;
			}
		if (id == XA_TAG) {
			exchanges_untag_all(x);
			app_msg(a, MSG_INFO, "%s", _("No exchange is tagged now."));
			return UI_PAINT;
		}
		app_msg(a, MSG_INFO, "%s", _("That is not an action for tagged exchanges; nothing was done."));
		return UI_PAINT;
	}
	switch (id) {
	case XA_TAG:
		tag_toggle(x);
		return UI_PAINT;
	case XA_TAG_PROPOSED:
		tag_proposed(x);
		app_msg(a, MSG_INFO, _("%d exchanges tagged; ; then an action acts on them."), x->ntags);
		return UI_PAINT;
	case XA_TAGGED: {
		char k[5][32];
		int ids[5] = {XA_APPROVE, XA_REJECT, XA_START, XA_CANCEL, XA_TAG};
		for (int i = 0; i < 5; i++) {
			int ix = keymap_index(&v->keys, ids[i]);
			k[i][0] = '\0';
			if (ix >= 0)
				keymap_keys_text(&v->keys, ix, true, k[i], sizeof k[i]);
		}
		if (!x->ntags) {
			app_msg(a, MSG_INFO, "%s", _("No exchange is tagged: t tags the selected one."));
			return UI_PAINT;
		}
		x->tag_next = true;
		app_msg(a, MSG_INFO, _("%d tagged: %s approve, %s reject, %s start, %s cancel, %s untag all."),
			x->ntags, k[0], k[1], k[2], k[3], k[4]);
		return UI_PAINT;
	}
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
	case LA_HALF_UP:
	case LA_HALF_DOWN:
		return list_move(&x->list, id);
	case LA_SORT:
	case LA_REVERSE:
		app_msg(a, MSG_INFO, "%s", _("Exchanges are listed by year, sending school and teacher."));
		return UI_PAINT;
	case LA_FILTER:
		exchange_filter_open(x);
		return UI_PAINT;
	case LA_CLEAR_FILTER: {
		bool all = x->all_years;
		exchange_query_init(&x->q);
		x->q.year = all ? NULL : x->year;
		list_reload(&x->list);
		app_msg(a, MSG_INFO, _("Showing every exchange of %s."), all ? _("all years") : x->year);
		return UI_PAINT;
	}
	case XA_ADD:
		exchange_add_open(x);
		return UI_PAINT;
	case XA_EDIT:
		exchange_edit_open(x);
		return UI_PAINT;
	case XA_APPROVE:
		exchange_act(x, EXA_APPROVE);
		return UI_PAINT;
	case XA_REJECT:
		exchange_act(x, EXA_REJECT);
		return UI_PAINT;
	case XA_START:
		exchange_act(x, EXA_START);
		return UI_PAINT;
	case XA_COMPLETE:
		exchange_act(x, EXA_COMPLETE);
		return UI_PAINT;
	case XA_CANCEL:
		exchange_act(x, EXA_CANCEL);
		return UI_PAINT;
	case XA_YEAR:
		exchange_year_open(x);
		return UI_PAINT;
	case XA_PLAN:
		app_push_view(a, exchange_plan_view_new(x));
		return UI_PAINT;
	case XA_QUOTA:
		app_push_view(a, exchange_quota_view_new(x));
		return UI_PAINT;
	}
	return UI_UNUSED;
}

/* What the list shows (the gauges count from more: any write counts them again). */
static const char *const list_reads[] = {"exchange", "teacher", "school", "member", NULL};

static void exchanges_reload(struct view *v)
{
	struct exchanges *x = (struct exchanges *)v;
	if (v->changed & db_tables_bits(list_reads))
		list_reload(&x->list);
	x->quota_stale = true;
	x->quota_gen++;
}

static struct list *exchanges_list(struct view *v)
{
	return &((struct exchanges *)v)->list;
}

static void exchanges_free(struct view *v)
{
	struct exchanges *x = (struct exchanges *)v;
	list_free(&x->list);
	free(x->tags);
	free(x->district_ids);
	free(x->years);
	ahead_free(&x->plan_ahead);
	ahead_free(&x->pick_ahead);
	quota_sets_free(&x->sets);
	free(x);
}

/* The gauges are asked for once the screen is out; once they are counted, the teacher
 * picker's rows are read ahead, then the plan made (the picker is opened more often). */
static bool exchanges_idle(struct view *v)
{
	struct exchanges *x = (struct exchanges *)v;
	quota_load(x);
	if (!x->quota_stale && !app_working(v->app, x)) {
		ahead_ask(&x->pick_ahead, x->quota_gen, x->year);
		if (!ahead_pending(&x->pick_ahead))
			ahead_ask(&x->plan_ahead, x->quota_gen, x->year);
	}
	return false;
}

static bool exchanges_record(struct view *v, const char **table, int64_t *id)
{
	const struct exchange_row *r = exchanges_current((struct exchanges *)v);
	if (!r)
		return false;
	*table = "exchange";
	*id = r->e.id;
	return true;
}

const struct view_ops exchanges_view_ops = {
	.name = "exchanges",
	.title = N_("Exchanges"),
	.actions = exchange_actions,
	.has_list = true,
	.list_lacks = LA_BIT(LA_SORT) | LA_BIT(LA_REVERSE), /* a fixed order */
	.paint = exchanges_paint,
	.action = exchanges_action,
	.reload = exchanges_reload,
	.list = exchanges_list,
	.idle = exchanges_idle,
	.record = exchanges_record,
	.free = exchanges_free,
};

struct view *exchanges_view_new(struct app *a)
{
	struct exchanges *x = xcalloc(1, sizeof *x);
	app_view_init(a, &x->v, &exchanges_view_ops);
	char today[DATE_LEN];
	date_today(today);
	if (!exchange_year_of(today, db_exchange_policy(app_db(a)), x->year))
		xq_copy(x->year, sizeof x->year, "2025-2026");
	exchange_query_init(&x->q);
	x->q.year = x->year;
	x->quota_stale = true;
	ahead_init(&x->plan_ahead, a, "plan-ahead", &exchange_plan_ahead_ops, x);
	ahead_init(&x->pick_ahead, a, "teachers-ahead", &exchange_pick_ahead_ops, x);
	x->src = xl_source;
	x->src.ncolumns = xl_source.ncolumns - 1;
	list_init(&x->list, &x->src, x);
	return &x->v;
}
