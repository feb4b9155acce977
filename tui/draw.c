/* draw.c: colours from the configuration (with a monochrome fallback and NO_COLOR), and
 * text drawn in display columns with ncursesw's wide-character calls. Control characters
 * and bidirectional controls never reach the terminal: they are drawn as visible escapes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "conf/conf.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "core/text.h"
#include "tui/ui.h"

static attr_t role_attr[UI_ROLE_COUNT];

static int color_by_name(const char *name, int fallback)
{
	static const struct {
		const char *name;
		int color;
	} names[] = {
		{"default", -1}, {"black", COLOR_BLACK}, {"red", COLOR_RED},
		{"green", COLOR_GREEN}, {"yellow", COLOR_YELLOW}, {"blue", COLOR_BLUE},
		{"magenta", COLOR_MAGENTA}, {"cyan", COLOR_CYAN}, {"white", COLOR_WHITE},
	};
	for (size_t i = 0; name && i < XQ_NELEM(names); i++)
		if (strcasecmp(name, names[i].name) == 0)
			return names[i].color;
	return fallback;
}

void ui_colors_init(const struct conf *c)
{
	role_attr[UI_NORMAL] = A_NORMAL;
	role_attr[UI_ACCENT] = A_BOLD;
	role_attr[UI_SELECT] = A_REVERSE;
	role_attr[UI_WARN] = A_BOLD;
	role_attr[UI_GOOD] = A_NORMAL;
	role_attr[UI_BAR] = A_REVERSE;
	role_attr[UI_DIM] = A_DIM;
	role_attr[UI_TITLE] = A_BOLD;

	int mode = c ? c->color : CONF_COLOR_AUTO;
	const char *no_color = priv_getenv("NO_COLOR");
	if (mode == CONF_COLOR_NEVER || (mode == CONF_COLOR_AUTO && no_color && *no_color))
		return;
	if (!has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	int accent = color_by_name(c ? c->color_accent : NULL, COLOR_CYAN);
	int sel = color_by_name(c ? c->color_selection : NULL, COLOR_BLUE);
	int warn = color_by_name(c ? c->color_warning : NULL, COLOR_RED);
	int good = color_by_name(c ? c->color_good : NULL, COLOR_GREEN);
	/* light backgrounds take black text, dark ones white */
	int sel_fg = (sel == COLOR_CYAN || sel == COLOR_YELLOW || sel == COLOR_WHITE ||
			     sel == COLOR_GREEN)
			     ? COLOR_BLACK
			     : COLOR_WHITE;
	init_pair(1, (short)accent, -1);
	init_pair(2, (short)sel_fg, (short)sel);
	init_pair(3, (short)warn, -1);
	init_pair(4, (short)good, -1);
	role_attr[UI_ACCENT] = COLOR_PAIR(1) | A_BOLD;
	role_attr[UI_TITLE] = COLOR_PAIR(1) | A_BOLD;
	if (sel >= 0)
		role_attr[UI_SELECT] = COLOR_PAIR(2);
	role_attr[UI_WARN] = COLOR_PAIR(3) | A_BOLD;
	role_attr[UI_GOOD] = COLOR_PAIR(4);
}

attr_t ui_attr(int role)
{
	return role >= 0 && role < UI_ROLE_COUNT ? role_attr[role] : A_NORMAL;
}

/* Wide characters of s, with control and unprintable characters as spaces or '?'. */
static size_t to_wide(const char *s, wchar_t *out, size_t max)
{
	size_t n = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (*s && n < max) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			k = 1;
		} else if (wc < 32 || wc == 127) {
			wc = L' ';
		} else if (wcwidth(wc) < 0) {
			wc = L'?';
		}
		out[n++] = wc;
		s += k;
	}
	return n;
}

int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, int align)
{
	if (cols <= 0)
		return 0;
	if (!s)
		s = "";
	/* what the database holds anyway is shown escaped (a note's line breaks as spaces) */
	struct strbuf esc;
	sb_init(&esc);
	if (text_needs_escape(s)) {
		text_escape(&esc, s, true);
		s = esc.s;
	}
	size_t len = strlen(s);
	char stack[512];
	char *fit = len + 8 <= sizeof stack ? stack : xmalloc(len + 8);
	int tw = utf8_fit(s, cols, fit, len + 8);
	wchar_t wstack[512];
	size_t cap = strlen(fit) + (size_t)cols + 1;
	wchar_t *wb = cap <= XQ_NELEM(wstack) ? wstack : xmalloc(cap * sizeof *wb);
	int pad = cols - tw, left = align == AL_RIGHT ? pad : align == AL_CENTER ? pad / 2 : 0;
	size_t n = 0;
	for (int i = 0; i < left; i++)
		wb[n++] = L' ';
	/* measure again after cleaning: an unprintable character became one column */
	size_t k = to_wide(fit, wb + n, cap - n - 1);
	int used = 0;
	for (size_t i = 0; i < k; i++) {
		int cw = wcwidth(wb[n + i]);
		used += cw > 0 ? cw : 0;
	}
	n += k;
	for (int i = left + used; i < cols; i++)
		wb[n++] = L' ';
	wb[n] = 0;
	wattrset(w, attr);
	mvwaddnwstr(w, y, x, wb, (int)n);
	wattrset(w, A_NORMAL);
	if (fit != stack)
		free(fit);
	if (wb != wstack)
		free(wb);
	sb_free(&esc);
	return used;
}

void draw_fill(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	draw_text(w, y, x, cols, "", attr, AL_LEFT);
}

void draw_box(WINDOW *w, const char *title)
{
	werase(w);
	box(w, 0, 0);
	if (title && *title) {
		int cols = getmaxx(w) - 4;
		int tw = utf8_width(title);
		if (tw > cols - 2)
			tw = cols - 2;
		draw_text(w, 0, 2, tw + 2, "", A_NORMAL, AL_LEFT);
		draw_text(w, 0, 3, tw, title, ui_attr(UI_TITLE), AL_LEFT);
	}
}

const char *ui_enum(const struct enum_item *items, int v)
{
	if (v < 0)
		return "";
	return i18n_is_zh() ? enum_zh(items, v) : enum_en(items, v);
}

const char *ui_num(long v, char *buf, size_t size)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%ld", v);
	return buf;
}

const char *ui_real(double v, int digits, char *buf, size_t size)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, size, "%.*f", digits, v);
	return buf;
}

/* Bytes of s that fit in cols columns, broken after a space when there is one. */
static size_t wrap_cut(const char *s, int cols, size_t *next)
{
	size_t i = 0, last_space = 0;
	int w = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (s[i]) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, MB_CUR_MAX, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			k = 1;
		}
		int cw = wcwidth(wc);
		if (cw < 0)
			cw = 1;
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
		if (wc == L' ')
			last_space = i;
	}
	if (!s[i]) {
		*next = i;
		return i;
	}
	if (last_space > 0 && last_space > i / 2) {
		*next = last_space;
		return last_space - 1;
	}
	if (i == 0) /* not even one character fits */
		i = 1;
	*next = i;
	return i;
}

int draw_wrapped(WINDOW *w, int y, int x, int rows, int cols, const char *s, attr_t attr)
{
	int used = 0;
	char line[1024];
	while (s && *s && used < rows && cols > 0) {
		size_t next, n = wrap_cut(s, cols, &next);
		bool last = used == rows - 1;
		if (last)
			n = strlen(s); /* the last line takes the rest, cut with "…" */
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, s, n);
		line[n] = '\0';
		draw_text(w, y + used, x, cols, line, attr, AL_LEFT);
		used++;
		s += last ? strlen(s) : next;
	}
	return used;
}

int wrapped_lines(const char *s, int cols, int rows)
{
	int used = 0;
	while (s && *s && used < rows && cols > 0) {
		size_t next;
		wrap_cut(s, cols, &next);
		s += next;
		used++;
	}
	return used;
}
