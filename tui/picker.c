/* picker.c: pick one item from a list overlay, narrowed by what is typed — the labels of a
 * choice field, or schools paged from the database through the list widget. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/school.h"
#include "tui/edit.h"
#include "tui/list.h"
#include "tui/picker.h"

struct picker {
	struct layer layer;
	char title[128];
	struct edit filter;
	char text[256]; /* the filter as UTF-8 */
	struct list list;
	char **labels; /* labels mode */
	int n;
	struct list_matches m; /* labels mode: the labels shown */
	struct school_query q; /* schools mode */
	picker_fn picked;
	void *ctx;
};

/* labels: rows are label indices; ids are index + 1 */
static void labels_match(struct picker *p)
{
	p->m.nmatch = 0;
	for (int i = 0; i < p->n; i++)
		if (!p->text[0] || strcasestr(p->labels[i], p->text))
			p->m.match[p->m.nmatch++] = i;
}

static void labels_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct picker *p = ((struct list_matches *)ctx)->owner;
	(void)col;
	xq_copy(buf, size, p->labels[*(const int *)row]);
}

static const struct list_column label_columns[] = {
	{N_("Choice"), 10, 1, false, 0},
};
static const struct list_source label_source = {
	.columns = label_columns,
	.ncolumns = 1,
	.row_size = sizeof(int),
	.empty = N_("Nothing matches."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = labels_cell,
};

/* schools */
static long schools_count(void *ctx)
{
	struct picker *p = ctx;
	return db_school_count(app_db(p->layer.app), &p->q);
}

static int schools_page(void *ctx, long off, int limit, void *rows)
{
	struct picker *p = ctx;
	return db_school_page(app_db(p->layer.app), &p->q, off, limit, rows);
}

static long schools_position(void *ctx, int64_t id)
{
	struct picker *p = ctx;
	return db_school_position(app_db(p->layer.app), &p->q, id);
}

static int64_t schools_id(const void *row)
{
	return ((const struct school_row *)row)->s.id;
}

static void schools_cell(void *ctx, const void *row, int col, char *buf, size_t size)
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
		xq_copy(buf, size, r->district_name);
		break;
	}
}

static const struct list_column school_columns[] = {
	{N_("Code"), 10, 0, false, 2},
	{N_("School"), 12, 3, false, 0},
	{N_("Town"), 6, 1, false, 3},
	{N_("District"), 8, 2, false, 1},
};
static const struct list_source school_source = {
	.columns = school_columns,
	.ncolumns = 4,
	.row_size = sizeof(struct school_row),
	.empty = N_("No school matches."),
	.count = schools_count,
	.page = schools_page,
	.position = schools_position,
	.row_id = schools_id,
	.cell = schools_cell,
};

static const struct layer_ops picker_ops;

static struct picker *picker_new(struct app *a, const char *title, picker_fn picked, void *ctx)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->layer.ops = &picker_ops;
	p->layer.app = a;
	xq_copy(p->title, sizeof p->title, title);
	edit_init(&p->filter, sizeof p->text);
	p->picked = picked;
	p->ctx = ctx;
	return p;
}

void picker_labels(struct app *a, const char *title, const char *const *labels, int n,
	int current, picker_fn picked, void *ctx)
{
	struct picker *p = picker_new(a, title, picked, ctx);
	p->n = n;
	p->labels = xcalloc((size_t)n + 1, sizeof *p->labels);
	p->m.match = xcalloc((size_t)n + 1, sizeof *p->m.match);
	p->m.owner = p;
	for (int i = 0; i < n; i++)
		p->labels[i] = xstrdup(labels[i]);
	labels_match(p);
	list_init(&p->list, &label_source, &p->m);
	if (current >= 0)
		list_select_id(&p->list, current + 1);
	app_push_layer(a, &p->layer);
}

void picker_schools(struct app *a, const char *title, int64_t current, picker_fn picked,
	void *ctx)
{
	struct picker *p = picker_new(a, title, picked, ctx);
	school_query_init(&p->q);
	p->q.sort = SCHOOL_SORT_NAME;
	list_init(&p->list, &school_source, p);
	if (current)
		list_select_id(&p->list, current);
	app_push_layer(a, &p->layer);
}

static void picker_refilter(struct picker *p)
{
	edit_get(&p->filter, p->text, sizeof p->text);
	if (p->labels)
		labels_match(p);
	else
		p->q.search = p->text[0] ? p->text : NULL;
	list_reload(&p->list);
}

static int picker_key(struct layer *l, int key)
{
	struct picker *p = (struct picker *)l;
	static const struct {
		int key, action;
	} moves[] = {
		{TK_FN(KEY_DOWN), LA_DOWN}, {TK_CTRL('n'), LA_DOWN}, {TK_FN(KEY_UP), LA_UP},
		{TK_CTRL('p'), LA_UP}, {TK_FN(KEY_NPAGE), LA_PAGE_DOWN},
		{TK_FN(KEY_PPAGE), LA_PAGE_UP}, {TK_FN(KEY_HOME), LA_TOP}, {TK_FN(KEY_END), LA_BOTTOM},
	};
	for (size_t i = 0; i < XQ_NELEM(moves); i++)
		if (moves[i].key == key)
			return list_move(&p->list, moves[i].action);
	if (key == TK_ESC)
		return UI_CLOSE;
	if (key == TK_ENTER) {
		const void *row = list_selected(&p->list);
		if (!row)
			return UI_PAINT;
		p->picked(p->ctx, p->labels ? *(const int *)row : schools_id(row));
		return UI_CLOSE;
	}
	if (edit_key(&p->filter, key) == 1)
		picker_refilter(p);
	return UI_PAINT;
}

static void picker_place(struct layer *l)
{
	struct picker *p = (struct picker *)l;
	int rows, cols, by, bh;
	app_screen_size(l->app, &rows, &cols);
	app_body(l->app, &by, &bh);
	int want = p->labels ? p->n + 5 : 20;
	int h = want < bh ? want : bh;
	int w = p->labels ? 40 : 72;
	if (w > cols - 4)
		w = cols - 4 > 20 ? cols - 4 : cols;
	app_layer_window(l->app, l, h, w);
}

static void picker_paint(struct layer *l)
{
	struct picker *p = (struct picker *)l;
	WINDOW *w = l->win;
	int H = getmaxy(w), W = getmaxx(w);
	draw_box(w, p->title);
	const char *label = _("Find:");
	int lw = utf8_width(label) + 1;
	draw_text(w, 1, 2, lw, label, A_BOLD, AL_LEFT);
	int cx = edit_paint(&p->filter, w, 1, 2 + lw, W - 4 - lw, A_UNDERLINE);
	list_paint(&p->list, w, 2, 1, H - 3, W - 2, true);
	char hint[128];
	snprintf(hint, sizeof hint, " %s ", _("Enter picks · Esc cancels · typing narrows"));
	int hw = utf8_width(hint);
	draw_text(w, H - 1, 2, hw < W - 4 ? hw : W - 4, hint, ui_attr(UI_DIM), AL_LEFT);
	app_cursor(l->app, w, 1, cx);
}

static void picker_free(struct layer *l)
{
	struct picker *p = (struct picker *)l;
	list_free(&p->list);
	edit_free(&p->filter);
	for (int i = 0; i < p->n; i++)
		free(p->labels[i]);
	free(p->labels);
	free(p->m.match);
	free(p);
}

static const struct layer_ops picker_ops = {
	.name = "picker",
	.key = picker_key,
	.place = picker_place,
	.paint = picker_paint,
	.free = picker_free,
};
