/* list.c: the list widget — paging rows from its source, moving and searching the
 * selection, drawing aligned columns, and exporting the whole list as CSV. */
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "tui/list.h"

#define LIST_CELL_MAX 1024
#define LIST_EXPORT_PAGE 256

void list_init(struct list *l, const struct list_source *src, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->src = src;
	l->ctx = ctx;
	l->height = 10;
	list_reload(l);
}

void list_free(struct list *l)
{
	free(l->cache);
	l->cache = NULL;
	l->cache_n = l->cache_cap = 0;
}

static void *cache_at(struct list *l, int i)
{
	return l->cache + (size_t)i * l->src->row_size;
}

/* Rows to read around a row out of those at hand: a window of screens either side, so
 * that the next keys find their rows at hand. */
static int list_window(const struct list *l)
{
	return l->height * 3 + 64;
}

/* Reads rows off .. off + want - 1 into the cache; row i among them, or NULL. */
static const void *list_fetch(struct list *l, long off, int want, long i)
{
	if (want > l->cache_cap) {
		l->cache = xrealloc(l->cache, (size_t)want * l->src->row_size);
		l->cache_cap = want;
	}
	if (off < 0)
		off = 0;
	int n = l->src->page(l->ctx, off, want, l->cache);
	if (n <= 0 || i < off || i >= off + n) {
		l->cache_n = 0;
		return NULL;
	}
	l->cache_off = off;
	l->cache_n = n;
	return cache_at(l, (int)(i - off));
}

const void *list_row(struct list *l, long i)
{
	if (i < 0 || i >= l->count)
		return NULL;
	if (i >= l->cache_off && i < l->cache_off + l->cache_n)
		return cache_at(l, (int)(i - l->cache_off));
	int want = list_window(l); /* scrolling */
	return list_fetch(l, i - (want - l->height) / 2, want, i);
}

static void list_fix_top(struct list *l)
{
	int h = l->height > 0 ? l->height : 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top > l->count - h)
		l->top = l->count - h;
	if (l->top < 0)
		l->top = 0;
}

static void list_note_selection(struct list *l)
{
	const void *r = list_row(l, l->sel);
	l->sel_id = r ? l->src->row_id(r) : 0;
}

void list_reload(struct list *l)
{
	long from_top = l->sel - l->top;
	/* a list not painted yet does not know its screen: a window that fills any */
	int h = !l->painted ? list_window(l) : l->height > 0 ? l->height : 1;
	l->cache_n = 0;
	l->count = l->src->count(l->ctx);
	if (l->count < 0)
		l->count = 0;
	/* most often the selected row is where it was: the screen's rows read there say so,
	 * without asking its place first (which costs as much as a page: the whole order) */
	if (l->sel_id && l->sel < l->count) {
		list_fix_top(l);
		const void *r = list_fetch(l, l->top, h, l->sel);
		if (r && l->src->row_id(r) == l->sel_id)
			return;
	}
	long pos = l->sel_id ? l->src->position(l->ctx, l->sel_id) : -1;
	if (pos >= 0)
		l->sel = pos;
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	l->top = l->sel - from_top;
	list_fix_top(l);
	/* after a write (here or in another session) only the screen's rows: each row may
	 * cost the database a count, and the page cache is cold after another's write */
	const void *r = l->count > 0 ? list_fetch(l, l->top, h, l->sel) : NULL;
	l->sel_id = r ? l->src->row_id(r) : 0;
}

const void *list_selected(struct list *l)
{
	return list_row(l, l->sel);
}

void list_select_index(struct list *l, long i)
{
	if (i >= l->count)
		i = l->count - 1;
	if (i < 0)
		i = 0;
	l->sel = i;
	list_fix_top(l);
	list_note_selection(l);
}

bool list_select_id(struct list *l, int64_t id)
{
	long pos = l->src->position(l->ctx, id);
	if (pos < 0)
		return false;
	l->sel = pos;
	/* show it in the middle when it was off screen */
	if (pos < l->top || pos >= l->top + l->height)
		l->top = pos - l->height / 2;
	list_fix_top(l);
	list_note_selection(l);
	return true;
}

int list_move(struct list *l, int action)
{
	long h = l->height > 1 ? l->height : 1;
	long sel = l->sel;
	switch (action) {
	case LA_DOWN:
		sel++;
		break;
	case LA_UP:
		sel--;
		break;
	case LA_TOP:
		sel = 0;
		break;
	case LA_BOTTOM:
		sel = l->count - 1;
		break;
	case LA_PAGE_DOWN:
		sel += h;
		l->top += h;
		break;
	case LA_PAGE_UP:
		sel -= h;
		l->top -= h;
		break;
	case LA_HALF_DOWN: /* as vi's C-d: the view and the selection move half a page */
		sel += (h + 1) / 2;
		l->top += (h + 1) / 2;
		break;
	case LA_HALF_UP:
		sel -= (h + 1) / 2;
		l->top -= (h + 1) / 2;
		break;
	default:
		return UI_UNUSED;
	}
	if (sel >= l->count)
		sel = l->count - 1;
	if (sel < 0)
		sel = 0;
	l->sel = sel;
	list_fix_top(l);
	list_note_selection(l);
	return UI_PAINT;
}

/* List position of the k-th match, or -1. */
static long match_position(struct list *l, const char *text, long k, void *row)
{
	if (l->src->match_page(l->ctx, text, k, 1, row) != 1)
		return -1;
	return l->src->position(l->ctx, l->src->row_id(row));
}

/* The next match among the rows at hand, or -1 when it may lie beyond them. */
static long search_cached(struct list *l, const char *text, int dir)
{
	if (!l->src->row_matches || l->cache_n == 0)
		return -1;
	long end = l->cache_off + l->cache_n;
	if (dir >= 0) {
		for (long i = dir > 0 ? l->sel + 1 : l->sel; i < end; i++)
			if (i >= l->cache_off && l->src->row_matches(l->ctx, list_row(l, i), text))
				return i;
	} else {
		for (long i = l->sel - 1; i >= l->cache_off; i--)
			if (i < end && l->src->row_matches(l->ctx, list_row(l, i), text))
				return i;
	}
	return -1;
}

bool list_search(struct list *l, const char *text, int dir, bool *wrapped)
{
	*wrapped = false;
	if (!l->src->match_count || !text || !*text)
		return false;
	long hit = search_cached(l, text, dir);
	if (hit < 0 && l->src->next_match) {
		int64_t id = 0;
		long from = dir > 0 ? l->sel + 1 : dir < 0 ? l->sel - 1 : l->sel;
		hit = from >= 0 && from < l->count ? l->src->next_match(l->ctx, text, from, dir, &id) : -1;
		if (hit < 0) {
			hit = l->src->next_match(l->ctx, text, dir < 0 ? l->count - 1 : 0, dir, &id);
			*wrapped = hit >= 0;
		}
		/* trust it only when the list shows that row there; else ask row by row */
		const void *row = hit >= 0 ? list_row(l, hit) : NULL;
		if (!row || l->src->row_id(row) != id) {
			hit = -1;
			*wrapped = false;
		}
	}
	if (hit >= 0) {
		l->sel = hit;
		if (hit < l->top || hit >= l->top + l->height)
			l->top = hit - l->height / 2;
		list_fix_top(l);
		list_note_selection(l);
		return true;
	}
	long m = l->src->match_count(l->ctx, text);
	if (m <= 0)
		return false;
	void *row = xmalloc(l->src->row_size);
	/* first match at or after the selection (after it when moving on) */
	long limit = dir > 0 ? l->sel + 1 : l->sel;
	long lo = 0, hi = m;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		long p = match_position(l, text, mid, row);
		if (p < 0) { /* out of step with the list: give up */
			free(row);
			return false;
		}
		if (p < limit)
			lo = mid + 1;
		else
			hi = mid;
	}
	long k = dir < 0 ? lo - 1 : lo;
	if (k < 0) {
		k = m - 1;
		*wrapped = true;
	} else if (k >= m) {
		k = 0;
		*wrapped = true;
	}
	long p = match_position(l, text, k, row);
	free(row);
	if (p < 0)
		return false;
	l->sel = p;
	if (p < l->top || p >= l->top + l->height)
		l->top = p - l->height / 2;
	list_fix_top(l);
	list_note_selection(l);
	return true;
}

void list_column_widths(const struct list_column *columns, int n, int cols, int *w)
{
	int total = -1;
	for (int i = 0; i < n; i++) {
		w[i] = columns[i].width;
		total += w[i] + 1;
	}
	while (total > cols) {
		int worst = -1;
		for (int i = 0; i < n; i++)
			if (w[i] && columns[i].drop &&
			    (worst < 0 || columns[i].drop > columns[worst].drop))
				worst = i;
		if (worst < 0)
			break;
		total -= w[worst] + 1;
		w[worst] = 0;
	}
	int spare = cols - total, flex = 0;
	for (int i = 0; i < n; i++)
		if (w[i])
			flex += columns[i].flex;
	if (spare > 0 && flex > 0) {
		int given = 0, first = -1;
		for (int i = 0; i < n; i++) {
			if (!w[i] || !columns[i].flex)
				continue;
			if (first < 0)
				first = i;
			int add = spare * columns[i].flex / flex;
			w[i] += add;
			given += add;
		}
		w[first] += spare - given;
	} else if (spare < 0) {
		/* still too wide: narrow the flexible columns, then cut the last */
		for (int i = 0; i < n && spare < 0; i++) {
			if (!w[i] || !columns[i].flex)
				continue;
			int cut = w[i] - 4 < -spare ? w[i] - 4 : -spare;
			if (cut > 0) {
				w[i] -= cut;
				spare += cut;
			}
		}
	}
}

void list_draw_cells(WINDOW *w, int y, int x, int cols, const struct list_column *columns,
	int n, const int *widths, const char *const *cells, attr_t attr)
{
	draw_fill(w, y, x, cols, attr);
	for (int c = 0, cx = x; c < n && cx < x + cols; c++) {
		if (!widths[c])
			continue;
		int cw = widths[c] < x + cols - cx ? widths[c] : x + cols - cx;
		draw_text(w, y, cx, cw, cells[c], attr, columns[c].right ? AL_RIGHT : AL_LEFT);
		cx += widths[c] + 1;
	}
}

void list_paint(struct list *l, WINDOW *w, int y, int x, int h, int cols, bool focused)
{
	const struct list_source *src = l->src;
	int widths[16];
	const char *titles[16];
	if (h < 1 || cols < 1)
		return;
	int mark_x = x;
	if (src->tagged && cols > 2) { /* the tag mark's column */
		for (int r = 0; r < h; r++)
			draw_fill(w, y + r, x, 1, A_NORMAL);
		x++;
		cols--;
	}
	list_column_widths(src->columns, src->ncolumns, cols, widths);
	for (int c = 0; c < src->ncolumns; c++)
		titles[c] = _(src->columns[c].title);
	list_draw_cells(w, y, x, cols, src->columns, src->ncolumns, widths, titles, ui_attr(UI_TITLE));
	l->height = h - 1;
	l->painted = true;
	list_fix_top(l);
	if (l->count == 0) {
		for (int r = 1; r < h; r++)
			draw_fill(w, y + r, x, cols, A_NORMAL);
		if (h > 1)
			draw_text(w, y + 1, x + 1, cols - 1, _(src->empty), ui_attr(UI_DIM), AL_LEFT);
		return;
	}
	char *cells = xmalloc((size_t)src->ncolumns * LIST_CELL_MAX);
	const char *texts[16];
	for (int r = 0; r < l->height; r++) {
		long i = l->top + r;
		const void *row = list_row(l, i);
		attr_t a = A_NORMAL;
		if (row && i == l->sel)
			a = focused ? ui_attr(UI_SELECT) : A_BOLD | A_UNDERLINE;
		if (!row) {
			draw_fill(w, y + 1 + r, x, cols, a);
			continue;
		}
		for (int c = 0; c < src->ncolumns; c++) {
			char *cell = cells + (size_t)c * LIST_CELL_MAX;
			cell[0] = '\0';
			if (widths[c])
				src->cell(l->ctx, row, c, cell, LIST_CELL_MAX);
			texts[c] = cell;
		}
		list_draw_cells(w, y + 1 + r, x, cols, src->columns, src->ncolumns, widths, texts, a);
		if (mark_x != x && src->tagged(l->ctx, row))
			draw_text(w, y + 1 + r, mark_x, 1, "*", ui_attr(UI_ACCENT) | A_BOLD, AL_LEFT);
	}
	free(cells);
}

int list_export_csv(struct list *l, struct strbuf *out, long *rows, char *msg)
{
	const struct list_source *src = l->src;
	int n = src->ncolumns;
	const char **fields = xcalloc((size_t)n, sizeof *fields);
	char *cells = xmalloc((size_t)n * LIST_CELL_MAX);
	void *page = xmalloc(LIST_EXPORT_PAGE * src->row_size);
	for (int c = 0; c < n; c++)
		fields[c] = _(src->columns[c].title);
	csv_row(out, fields, (size_t)n);
	*rows = 0;
	int status = XQ_OK;
	for (long off = 0;; off += LIST_EXPORT_PAGE) {
		int got = src->page(l->ctx, off, LIST_EXPORT_PAGE, page);
		if (got < 0) {
			xq_msg(msg, "%s", _("reading the list failed"));
			status = XQ_ERR;
			break;
		}
		for (int i = 0; i < got; i++) {
			const void *row = (const char *)page + (size_t)i * src->row_size;
			for (int c = 0; c < n; c++) {
				char *cell = cells + (size_t)c * LIST_CELL_MAX;
				cell[0] = '\0';
				src->cell(l->ctx, row, c, cell, LIST_CELL_MAX);
				fields[c] = cell;
			}
			csv_row(out, fields, (size_t)n);
			(*rows)++;
		}
		if (got < LIST_EXPORT_PAGE)
			break;
	}
	free(page);
	free(cells);
	free(fields);
	return status;
}

long list_matches_count(void *ctx)
{
	return ((struct list_matches *)ctx)->nmatch;
}

int list_matches_page(void *ctx, long off, int limit, void *rows)
{
	struct list_matches *m = ctx;
	int n = 0;
	for (long i = off; i < m->nmatch && n < limit; i++)
		((int *)rows)[n++] = m->match[i];
	return n;
}

long list_matches_position(void *ctx, int64_t id)
{
	struct list_matches *m = ctx;
	for (int i = 0; i < m->nmatch; i++)
		if (m->match[i] + 1 == id)
			return i;
	return -1;
}

int64_t list_matches_id(const void *row)
{
	return *(const int *)row + 1;
}

void list_matches_all(struct list_matches *m, int n, void *owner)
{
	free(m->match);
	m->match = xcalloc((size_t)(n ? n : 1), sizeof *m->match);
	for (int i = 0; i < n; i++)
		m->match[i] = i;
	m->nmatch = n;
	m->owner = owner;
}

bool list_matches_row_matches(void *ctx, const void *row, const char *text)
{
	struct list_matches *m = ctx;
	return m->matches(m->owner, *(const int *)row, text);
}

long list_matches_match_count(void *ctx, const char *text)
{
	struct list_matches *m = ctx;
	long n = 0;
	for (int i = 0; i < m->nmatch; i++)
		n += m->matches(m->owner, m->match[i], text);
	return n;
}

int list_matches_match_page(void *ctx, const char *text, long off, int limit, void *rows)
{
	struct list_matches *m = ctx;
	int n = 0;
	long k = 0;
	for (int i = 0; i < m->nmatch && n < limit; i++)
		if (m->matches(m->owner, m->match[i], text) && k++ >= off)
			((int *)rows)[n++] = m->match[i];
	return n;
}

bool list_moves(int action)
{
	switch (action) {
	case LA_UP:
	case LA_DOWN:
	case LA_TOP:
	case LA_BOTTOM:
	case LA_PAGE_UP:
	case LA_PAGE_DOWN:
	case LA_HALF_UP:
	case LA_HALF_DOWN:
		return true;
	}
	return false;
}
