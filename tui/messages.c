/* messages.c: the session's messages — each message the status line showed, with its
 * time, kept for `:messages`; a message too long for the status line shown in full in a
 * box above it until the next key. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "tui/ui.h"

#define MSGLOG_MAX 100

struct msglog {
	char *text[MSGLOG_MAX]; /* "HH:MM:SS text", oldest first from first */
	int kind[MSGLOG_MAX];
	int n, first;
	WINDOW *win; /* the long message's box, while shown */
	PANEL *panel;
};

struct msglog *msglog_new(void)
{
	return xcalloc(1, sizeof(struct msglog));
}

void msglog_free(struct msglog *m)
{
	if (!m)
		return;
	msglog_hide(m);
	for (int i = 0; i < m->n; i++)
		free(m->text[(m->first + i) % MSGLOG_MAX]);
	free(m);
}

void msglog_add(struct msglog *m, int kind, const char *text)
{
	if (!text || !*text)
		return;
	char at[16];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(at, sizeof at, "%H:%M:%S", &tm);
	int last = (m->first + m->n - 1) % MSGLOG_MAX;
	if (m->n && strcmp(m->text[last] + strlen(at) + 1, text) == 0)
		return; /* the same message again */
	int slot;
	if (m->n == MSGLOG_MAX) {
		slot = m->first;
		free(m->text[slot]);
		m->first = (m->first + 1) % MSGLOG_MAX;
	} else {
		slot = (m->first + m->n++) % MSGLOG_MAX;
	}
	m->text[slot] = xasprintf("%s %s", at, text);
	m->kind[slot] = kind;
}

int msglog_count(const struct msglog *m)
{
	return m->n;
}

const char *msglog_text(const struct msglog *m, int i)
{
	return i >= 0 && i < m->n ? m->text[(m->first + i) % MSGLOG_MAX] : NULL;
}

void msglog_hide(struct msglog *m)
{
	if (m->panel)
		del_panel(m->panel);
	if (m->win)
		delwin(m->win);
	m->panel = NULL;
	m->win = NULL;
}

static int role_of(int kind)
{
	return kind == MSG_WARN ? UI_WARN : kind == MSG_GOOD ? UI_GOOD : UI_NORMAL;
}

void msglog_show_full(struct msglog *m, struct app *a, const char *text, int kind)
{
	int rows, cols, by, bh;
	app_screen_size(a, &rows, &cols);
	app_body(a, &by, &bh);
	int inner = cols - 4;
	int lines = wrapped_lines(text, inner, bh - 2);
	int h = lines + 2, y = by + bh - h;
	msglog_hide(m);
	m->win = newwin(h, cols, y, 0);
	if (!m->win)
		return;
	m->panel = new_panel(m->win);
	werase(m->win);
	draw_box(m->win, _("Message"));
	draw_wrapped(m->win, 1, 2, lines, inner, text, ui_attr(role_of(kind)));
	top_panel(m->panel);
}

/* :messages — the session's messages, newest at the bottom, in a window of their own */

struct msgview {
	struct layer layer;
	struct msglog *log;
	int top; /* first message shown */
};

static int msgview_key(struct layer *l, int key)
{
	struct msgview *v = (struct msgview *)l;
	switch (key) {
	case 'j':
	case TK_FN(KEY_DOWN):
		v->top++;
		break;
	case 'k':
	case TK_FN(KEY_UP):
		v->top--;
		break;
	case 'g':
	case TK_FN(KEY_HOME):
		v->top = 0;
		break;
	case 'G':
	case TK_FN(KEY_END):
		v->top = v->log->n;
		break;
	case TK_FN(KEY_NPAGE):
	case ' ':
	case TK_CTRL('f'):
	case TK_CTRL('d'):
		v->top += getmaxy(l->win) / 2;
		break;
	case TK_FN(KEY_PPAGE):
	case TK_CTRL('b'):
	case TK_CTRL('u'):
		v->top -= getmaxy(l->win) / 2;
		break;
	case 'q':
	case TK_ESC:
	case TK_ENTER:
		return UI_CLOSE;
	}
	return UI_PAINT;
}

static void msgview_place(struct layer *l)
{
	int rows, cols, by, bh;
	app_screen_size(l->app, &rows, &cols);
	app_body(l->app, &by, &bh);
	app_layer_window(l->app, l, bh, cols - 2 < 100 ? cols - 2 : 100);
}

/* Lines messages first..n-1 take in cols columns. */
static int lines_from(struct msglog *m, int first, int cols, int rows)
{
	int used = 0;
	for (int i = first; i < m->n && used < rows; i++)
		used += wrapped_lines(m->text[(m->first + i) % MSGLOG_MAX], cols, rows);
	return used;
}

static void msgview_paint(struct layer *l)
{
	struct msgview *v = (struct msgview *)l;
	struct msglog *m = v->log;
	WINDOW *w = l->win;
	int H = getmaxy(w), W = getmaxx(w), page = H - 2, inner = W - 4;
	draw_box(w, _("Messages of this session"));
	/* the newest message stays in sight: never scroll past the last page */
	int last_top = m->n;
	while (last_top > 0 && lines_from(m, last_top - 1, inner, page + 1) <= page)
		last_top--;
	if (v->top > last_top)
		v->top = last_top;
	if (v->top < 0)
		v->top = 0;
	if (!m->n)
		draw_text(w, 1, 2, inner, _("No messages yet."), ui_attr(UI_DIM), AL_LEFT);
	int y = 1;
	for (int i = v->top; i < m->n && y <= page; i++) {
		int slot = (m->first + i) % MSGLOG_MAX;
		y += draw_wrapped(w, y, 2, page - y + 1, inner, m->text[slot], ui_attr(role_of(m->kind[slot])));
	}
	const char *close = _(" q closes ");
	draw_text(w, H - 1, 2, utf8_width(close), close, ui_attr(UI_DIM), AL_LEFT);
}

static void msgview_free(struct layer *l)
{
	free(l);
}

static const struct layer_ops msgview_ops = {
	.name = "messages",
	.key = msgview_key,
	.place = msgview_place,
	.paint = msgview_paint,
	.free = msgview_free,
};

void messages_open(struct app *a, struct msglog *m)
{
	struct msgview *v = xcalloc(1, sizeof *v);
	v->layer.ops = &msgview_ops;
	v->layer.app = a;
	v->log = m;
	v->top = m->n; /* the newest page */
	app_push_layer(a, &v->layer);
}
