/* list.h: the one list widget. It pages through a source (the database) and keeps only
 * the rows around the screen; the selection is kept by row id across reloads. Columns
 * are measured in display columns; the same cells feed the screen and CSV export. */
#ifndef XQ_TUI_LIST_H
#define XQ_TUI_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/ui.h"

struct list_column {
	const char *title; /* N_() */
	int width;	   /* columns at least */
	int flex;	   /* share of spare columns; 0 = fixed */
	bool right;	   /* numbers align right */
	int drop;	   /* dropped when narrow, highest first; 0 = always shown */
};

struct list_source {
	const struct list_column *columns;
	int ncolumns;
	size_t row_size;
	const char *empty; /* N_() shown when there are no rows */
	long (*count)(void *ctx);
	/* Fills up to limit rows from offset; returns the number filled, -1 on error. */
	int (*page)(void *ctx, long offset, int limit, void *rows);
	/* Index of the row with this id, -1 when not in the list. */
	long (*position)(void *ctx, int64_t id);
	int64_t (*row_id)(const void *row);
	/* The full text of one cell. */
	void (*cell)(void *ctx, const void *row, int col, char *buf, size_t size);
	/* The rows matching a search, in list order (optional). */
	long (*match_count)(void *ctx, const char *text);
	int (*match_page)(void *ctx, const char *text, long offset, int limit, void *rows);
	/* Whether a row matches, exactly as match_page decides (optional): the rows at hand
	 * are searched first, without asking the database. */
	bool (*row_matches)(void *ctx, const void *row, const char *text);
	/* The index of the first match at or after from (dir >= 0) or at or before it
	 * (dir < 0), -1 when none, in one question to the database (optional). */
	long (*next_match)(void *ctx, const char *text, long from, int dir, int64_t *id);
	/* Whether a row is tagged (optional): a list that tags keeps its first column for
	 * the mark "*". */
	bool (*tagged)(void *ctx, const void *row);
};

struct list {
	const struct list_source *src;
	void *ctx;
	long count, top, sel;
	int64_t sel_id;
	char *cache; /* rows cache_off .. cache_off + cache_n - 1 */
	long cache_off;
	int cache_n, cache_cap;
	int height; /* rows shown at the last paint */
	bool painted; /* height is the screen's, not a guess */
};

/* Rows held in memory and narrowed by a filter: the list shows the owner's rows
 * match[0 .. nmatch-1] (indexes into the owner's array, ids index + 1). A list over them
 * takes the struct list_matches as its ctx and these four as count, page, position and
 * row_id; its cell callback finds the owner through owner. */
struct list_matches {
	int *match;
	int nmatch;
	void *owner;
	/* whether the owner's row (an index) matches a search: a list that searches takes
	 * list_matches_match_count and _match_page below */
	bool (*matches)(void *owner, int row, const char *text);
};
long list_matches_count(void *ctx);
int list_matches_page(void *ctx, long off, int limit, void *rows);
long list_matches_position(void *ctx, int64_t id);
int64_t list_matches_id(const void *row);
/* Every one of the owner's n rows, in order (the match array made again). */
void list_matches_all(struct list_matches *m, int n, void *owner);
long list_matches_match_count(void *ctx, const char *text);
int list_matches_match_page(void *ctx, const char *text, long off, int limit, void *rows);
bool list_matches_row_matches(void *ctx, const void *row, const char *text);

void list_init(struct list *l, const struct list_source *src, void *ctx);
void list_free(struct list *l);
/* Counts again and finds the selected id again (its neighbour when it is gone). */
void list_reload(struct list *l);
/* The selected row, NULL when the list is empty. */
const void *list_selected(struct list *l);
/* Row i, fetched when not at hand; NULL when out of range. */
const void *list_row(struct list *l, long i);
/* Whether a list action moves the selection (up, down, top, bottom, pages). */
bool list_moves(int action);
/* Moves the selection for a list action (LA_UP ...); UI_PAINT or UI_UNUSED. */
int list_move(struct list *l, int action);
bool list_select_id(struct list *l, int64_t id);
void list_select_index(struct list *l, long i);
/* Jumps to the next match (dir 1), previous (-1) or first from here (0); wraps. */
bool list_search(struct list *l, const char *text, int dir, bool *wrapped);
/* Widths of columns laid out in cols columns (0 for a dropped column); used by the
 * list and by detail tables that want the same look. */
void list_column_widths(const struct list_column *columns, int n, int cols, int *widths);
/* Draws a header or row of cells at y,x across the given widths. */
void list_draw_cells(WINDOW *w, int y, int x, int cols, const struct list_column *columns,
	int n, const int *widths, const char *const *cells, attr_t attr);
/* Draws the header and rows in h × cols at y,x. */
void list_paint(struct list *l, WINDOW *w, int y, int x, int h, int cols, bool focused);
/* The whole list as CSV (header of column titles), fetched page by page. */
int list_export_csv(struct list *l, struct strbuf *out, long *rows, char *msg);

#endif
