/* edit.h: one line of text being edited, held as wide characters so that the cursor
 * moves, inserts and deletes by character and never splits a wide one. */
#ifndef XQ_TUI_EDIT_H
#define XQ_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/ui.h"

struct edit {
	wchar_t *s;
	int len, cap;
	int cur;	  /* cursor, in characters */
	int scroll;	  /* first character shown */
	size_t max_bytes; /* UTF-8 bytes allowed, terminator included; 0 = no limit */
	bool multiline;	  /* line breaks allowed (a note): set before edit_set */
};

void edit_init(struct edit *e, size_t max_bytes);
void edit_free(struct edit *e);
void edit_set(struct edit *e, const char *utf8);
/* The text as UTF-8 into out (always terminated). */
void edit_get(const struct edit *e, char *out, size_t size);
/* A newly allocated UTF-8 copy. */
char *edit_dup(const struct edit *e);
bool edit_empty(const struct edit *e);
/* Line editing keys: characters, Left/Right, Home/End (C-a C-e), Backspace, Del (C-d),
 * C-u, C-k, C-w. Returns 1 when the text changed, 2 when only the cursor moved, 0 when
 * the key is not an editing key. */
int edit_key(struct edit *e, int key);
/* Draws the visible part in cols columns at y,x; returns the cursor's column. */
int edit_paint(struct edit *e, WINDOW *w, int y, int x, int cols, attr_t attr);
/* A multi-line text in rows × cols at y,x, long lines wrapped, the cursor's line kept in
 * sight; returns the cursor's column and puts its row in *cy. */
int edit_paint_lines(struct edit *e, WINDOW *w, int y, int x, int rows, int cols, attr_t attr,
	int *cy);

#endif
