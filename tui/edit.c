/* edit.c: the wide-character line editor behind form fields and the command line, and
 * the few lines of a note. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/text.h"
#include "tui/edit.h"

void edit_init(struct edit *e, size_t max_bytes)
{
	memset(e, 0, sizeof *e);
	e->max_bytes = max_bytes;
	e->cap = 32;
	e->s = xcalloc((size_t)e->cap, sizeof *e->s);
}

void edit_free(struct edit *e)
{
	free(e->s);
	e->s = NULL;
	e->len = e->cap = 0;
}

static void edit_reserve(struct edit *e, int n)
{
	if (n + 1 <= e->cap)
		return;
	while (e->cap < n + 1)
		e->cap *= 2;
	e->s = xrealloc(e->s, (size_t)e->cap * sizeof *e->s);
}

static size_t wc_bytes(wchar_t c)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, c, &st);
	return n == (size_t)-1 ? 1 : n;
}

static size_t edit_bytes(const struct edit *e)
{
	size_t n = 0;
	for (int i = 0; i < e->len; i++)
		n += wc_bytes(e->s[i]);
	return n;
}

void edit_set(struct edit *e, const char *s)
{
	e->len = e->cur = e->scroll = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t used = 0;
	while (s && *s) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			k = 1;
		}
		s += k;
		if (wc < 32 && !(wc == L'\n' && e->multiline))
			wc = L' ';
		if (e->max_bytes && used + wc_bytes(wc) + 1 > e->max_bytes)
			break;
		used += wc_bytes(wc);
		edit_reserve(e, e->len + 1);
		e->s[e->len++] = wc;
	}
	e->s[e->len] = 0;
	e->cur = e->len;
}

void edit_get(const struct edit *e, char *out, size_t size)
{
	size_t o = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (int i = 0; i < e->len; i++) {
		char mb[MB_LEN_MAX];
		size_t n = wcrtomb(mb, e->s[i], &st);
		if (n == (size_t)-1) {
			mb[0] = '?';
			n = 1;
		}
		if (o + n + 1 > size)
			break;
		memcpy(out + o, mb, n);
		o += n;
	}
	if (size)
		out[o] = '\0';
}

char *edit_dup(const struct edit *e)
{
	size_t n = edit_bytes(e) + 1;
	char *s = xmalloc(n);
	edit_get(e, s, n);
	return s;
}

bool edit_empty(const struct edit *e)
{
	for (int i = 0; i < e->len; i++)
		if (!iswspace((wint_t)e->s[i]))
			return false;
	return true;
}

static void edit_delete(struct edit *e, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > e->len)
		to = e->len;
	if (from >= to)
		return;
	memmove(e->s + from, e->s + to, (size_t)(e->len - to + 1) * sizeof *e->s);
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

/* The start and the end of the cursor's line in a multi-line text. */
static int line_start(const struct edit *e)
{
	int i = e->cur;
	while (i > 0 && e->s[i - 1] != L'\n')
		i--;
	return i;
}

static int line_end(const struct edit *e)
{
	int i = e->cur;
	while (i < e->len && e->s[i] != L'\n')
		i++;
	return i;
}

int edit_key(struct edit *e, int key)
{
	if (key == TK_PASTE_NL) {
		if (!e->multiline)
			key = ' '; /* a pasted line break: one line of text takes a space */
		else if (e->max_bytes && edit_bytes(e) + 2 > e->max_bytes)
			return 2;
		else {
			edit_reserve(e, e->len + 1);
			memmove(e->s + e->cur + 1, e->s + e->cur,
				(size_t)(e->len - e->cur + 1) * sizeof *e->s);
			e->s[e->cur++] = L'\n';
			e->len++;
			return 1;
		}
	}
	if (e->multiline) {
		switch (key) {
		case TK_FN(KEY_HOME):
		case TK_CTRL('a'):
			e->cur = line_start(e);
			return 2;
		case TK_FN(KEY_END):
		case TK_CTRL('e'):
			e->cur = line_end(e);
			return 2;
		case TK_CTRL('u'):
			edit_delete(e, line_start(e), e->cur);
			return 1;
		case TK_CTRL('k'):
			edit_delete(e, e->cur, line_end(e) > e->cur ? line_end(e) : e->cur + 1);
			return 1;
		}
	}
	switch (key) {
	case TK_FN(KEY_LEFT):
	case TK_CTRL('b'):
		if (e->cur > 0)
			e->cur--;
		return 2;
	case TK_FN(KEY_RIGHT):
	case TK_CTRL('f'):
		if (e->cur < e->len)
			e->cur++;
		return 2;
	case TK_FN(KEY_HOME):
	case TK_CTRL('a'):
		e->cur = 0;
		return 2;
	case TK_FN(KEY_END):
	case TK_CTRL('e'):
		e->cur = e->len;
		return 2;
	case TK_BACKSPACE:
	case 127:
	case TK_CTRL('h'):
		if (e->cur == 0)
			return 2;
		edit_delete(e, e->cur - 1, e->cur);
		return 1;
	case TK_FN(KEY_DC):
	case TK_CTRL('d'):
		if (e->cur == e->len)
			return 2;
		edit_delete(e, e->cur, e->cur + 1);
		return 1;
	case TK_CTRL('u'):
		edit_delete(e, 0, e->cur);
		return 1;
	case TK_CTRL('k'):
		edit_delete(e, e->cur, e->len);
		return 1;
	case TK_CTRL('w'): {
		int i = e->cur;
		while (i > 0 && iswspace((wint_t)e->s[i - 1]))
			i--;
		while (i > 0 && !iswspace((wint_t)e->s[i - 1]))
			i--;
		edit_delete(e, i, e->cur);
		return 1;
	}
	}
	if (TK_IS_FN(key) || key < 32 || key == 127 || !iswprint((wint_t)key))
		return 0;
	if (e->max_bytes && edit_bytes(e) + wc_bytes((wchar_t)key) + 1 > e->max_bytes)
		return 2; /* full: the field's limit */
	edit_reserve(e, e->len + 1);
	memmove(e->s + e->cur + 1, e->s + e->cur, (size_t)(e->len - e->cur + 1) * sizeof *e->s);
	e->s[e->cur++] = (wchar_t)key;
	e->len++;
	return 1;
}

/* The character drawn for c: '?' for what must not reach the terminal (controls,
 * bidirectional controls, unprintable characters); the form refuses such text on saving. */
static wchar_t wc_shown(wchar_t c)
{
	return c < 0 || text_class_of((uint32_t)c) != TEXT_PLAIN || wcwidth(c) < 0 ? L'?' : c;
}

static int wc_cols(wchar_t c)
{
	return wcwidth(wc_shown(c));
}

int edit_paint(struct edit *e, WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols < 1)
		return x;
	if (e->cur < e->scroll)
		e->scroll = e->cur;
	/* the cursor needs one free column after the text before it */
	for (;;) {
		int width = 0;
		for (int i = e->scroll; i < e->cur; i++)
			width += wc_cols(e->s[i]);
		if (width <= cols - 1 || e->scroll >= e->cur)
			break;
		e->scroll++;
	}
	/* show as much of the start as fits when the whole text does */
	while (e->scroll > 0) {
		int width = 0;
		for (int i = e->scroll - 1; i < e->len; i++)
			width += wc_cols(e->s[i]);
		if (width > cols - 1)
			break;
		e->scroll--;
	}
	wattrset(w, attr);
	wmove(w, y, x);
	int used = 0, cx = x;
	for (int i = e->scroll; i < e->len; i++) {
		int cw = wc_cols(e->s[i]);
		if (used + cw > cols)
			break; /* a wide character that does not fit is not split */
		if (i == e->cur)
			cx = x + used;
		wchar_t c = wc_shown(e->s[i]);
		waddnwstr(w, &c, 1);
		used += cw;
	}
	if (e->cur >= e->len || e->cur < e->scroll)
		cx = x + used;
	if (e->cur == e->len) {
		int width = 0;
		for (int i = e->scroll; i < e->len; i++)
			width += wc_cols(e->s[i]);
		cx = x + (width < cols ? width : cols - 1);
	}
	for (; used < cols; used++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	return cx;
}

/* Where character i stands when the text is laid out in cols columns: row and column. */
static void layout_of(const struct edit *e, int upto, int cols, int *row, int *col)
{
	int r = 0, c = 0;
	for (int i = 0; i < upto && i < e->len; i++) {
		if (e->s[i] == L'\n') {
			r++;
			c = 0;
			continue;
		}
		int cw = wc_cols(e->s[i]);
		if (c + cw > cols - 1) { /* one column stays free for the cursor */
			r++;
			c = 0;
		}
		c += cw;
	}
	if (upto < e->len && e->s[upto] != L'\n' && c + wc_cols(e->s[upto]) > cols - 1) {
		r++;
		c = 0;
	}
	*row = r;
	*col = c;
}

int edit_paint_lines(struct edit *e, WINDOW *w, int y, int x, int rows, int cols, attr_t attr,
	int *cy)
{
	if (cols < 2 || rows < 1) {
		*cy = y;
		return x;
	}
	int cr, cc;
	layout_of(e, e->cur, cols, &cr, &cc);
	if (cr < e->scroll)
		e->scroll = cr;
	if (cr >= e->scroll + rows)
		e->scroll = cr - rows + 1;
	wattrset(w, attr);
	for (int r = 0; r < rows; r++) {
		wmove(w, y + r, x);
		for (int k = 0; k < cols; k++)
			waddch(w, ' ');
	}
	int r = 0, c = 0;
	for (int i = 0; i < e->len; i++) {
		if (e->s[i] == L'\n') {
			r++;
			c = 0;
			continue;
		}
		int cw = wc_cols(e->s[i]);
		if (c + cw > cols - 1) {
			r++;
			c = 0;
		}
		if (r >= e->scroll && r < e->scroll + rows) {
			wchar_t ch = wcwidth(e->s[i]) < 0 ? L'?' : e->s[i];
			mvwaddnwstr(w, y + r - e->scroll, x + c, &ch, 1);
		}
		c += cw;
	}
	wattrset(w, A_NORMAL);
	*cy = y + cr - e->scroll;
	return x + cc;
}
