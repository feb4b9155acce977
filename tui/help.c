/* help.c: `?` — the current view's keys, the list keys, the console's keys, form editing
 * and the command line, all generated from the action tables with their bound keys. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/form.h"

struct help_line {
	char keys[96];
	const char *text; /* translated */
	bool heading;
};

struct help {
	struct layer layer;
	char title[128];
	struct help_line *lines;
	int n, cap, top;
	char search[128]; /* `/`: the lines holding it are marked, n and N go through them */
	int match;	  /* the line found, -1 none */
};

static void help_add(struct help *h, const char *keys, const char *text, bool heading)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->lines = xrealloc(h->lines, (size_t)h->cap * sizeof *h->lines);
	}
	struct help_line *l = &h->lines[h->n++];
	xq_copy(l->keys, sizeof l->keys, keys ? keys : "");
	l->text = text;
	l->heading = heading;
}

/* The actions of m whose context is exactly ctx (any context when all is set), but the
 * list actions in lacks. */
static int help_table(struct help *h, const struct keymap *m, unsigned ctx, bool all,
	unsigned lacks)
{
	int added = 0;
	for (int i = 0; i < m->n; i++) {
		const struct action *a = &m->actions[i];
		if (!all && a->ctx != ctx)
			continue;
		if (a->id >= LA_UP && a->id < LA_UP + 32 && (lacks & LA_BIT(a->id)))
			continue;
		char keys[96];
		keymap_keys_text(m, i, false, keys, sizeof keys);
		help_add(h, keys, _(a->help), false);
		added++;
	}
	return added;
}

static void help_section(struct help *h, const char *title)
{
	if (h->n)
		help_add(h, NULL, "", false);
	help_add(h, NULL, title, true);
}

static void help_build(struct help *h, struct app *a, struct view *v)
{
	const struct keymap *m = &v->keys;
	if (m->n) {
		const struct action_ctx *c = v->ops->contexts;
		/* actions that apply anywhere in the view, then one section per context */
		bool any = false;
		for (int i = 0; i < m->n; i++)
			if (m->actions[i].ctx == 0 ||
			    (c && __builtin_popcount(m->actions[i].ctx) > 1))
				any = true;
		if (any || !c) {
			help_section(h, c ? _("Anywhere in this pane") : h->title);
			for (int i = 0; i < m->n; i++) {
				const struct action *act = &m->actions[i];
				if (c && act->ctx && __builtin_popcount(act->ctx) == 1)
					continue;
				char keys[96];
				keymap_keys_text(m, i, false, keys, sizeof keys);
				help_add(h, keys, _(act->help), false);
			}
		}
		for (; c && c->title; c++) {
			help_section(h, _(c->title));
			help_table(h, m, c->ctx, false, 0);
		}
	}
	if (v->ops->has_list) {
		help_section(h, _("Lists"));
		help_table(h, app_list_keys(a), 0, true, v->ops->list_lacks);
	}
	help_section(h, _("Everywhere"));
	help_table(h, app_global_keys(a), 0, true, 0);

	struct keymap fk;
	keymap_init(&fk, form_actions, app_conf(a), NULL, NULL);
	help_section(h, _("Forms"));
	help_table(h, &fk, 0, true, 0);
	keymap_free(&fk);
	help_add(h, "Left Right C-b C-f", _("Move the cursor by one character"), false);
	help_add(h, "Home End C-a C-e", _("Move to the start or the end of the line"), false);
	help_add(h, "Backspace Del C-d", _("Delete the character before or under the cursor"), false);
	help_add(h, "C-u C-k C-w", _("Delete to the start, to the end, or the word before"), false);
	help_add(h, "C-j", _("In a note, start a new line"), false);

	help_section(h, _("Command line"));
	help_add(h, ":q", _("Quit"), false);
	help_add(h, ":help", _("Show this help"), false);
	help_add(h, ":messages", _("Show the messages of this session, long ones in full"), false);
	help_add(h, _(":goto SCHOOL"),
		_("Show a school (code, name or short name) in its district, or in the school browser"),
		false);
	help_add(h, _(":export FILE [ENCODING]"),
		_("Write the current list to a CSV file; utf-8-bom or gb18030 for Excel and WPS"), false);
	help_add(h, ":districts :schools", _("Show the districts or the school browser"), false);
}

static const struct layer_ops help_ops;
static int help_page(struct help *h);

void help_open(struct app *a, struct view *v)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->layer.ops = &help_ops;
	h->layer.app = a;
	snprintf(h->title, sizeof h->title, "%s", _(v->ops->title));
	h->match = -1;
	help_build(h, a, v);
	app_push_layer(a, &h->layer);
}

static bool help_line_has(const struct help_line *l, const char *text)
{
	return strcasestr(l->keys, text) || strcasestr(l->text, text);
}

/* The next line holding text from line from on (dir 1) or back (-1), round the end. */
static int help_find(struct help *h, const char *text, int from, int dir)
{
	for (int k = 0; k < h->n; k++) {
		int i = ((from + dir * k) % h->n + h->n) % h->n;
		if (help_line_has(&h->lines[i], text))
			return i;
	}
	return -1;
}

static void help_show_match(struct help *h, int i)
{
	h->match = i;
	if (i < 0)
		return;
	int page = h->layer.win ? help_page(h) : 10;
	if (i < h->top || i >= h->top + page)
		h->top = i - page / 2;
}

static void help_search_changed(void *ctx, const char *text)
{
	struct help *h = ctx;
	xq_copy(h->search, sizeof h->search, text);
	if (!*text) {
		h->match = -1;
		return;
	}
	int i = help_find(h, text, h->top, 1);
	help_show_match(h, i);
	if (i < 0)
		app_msg(h->layer.app, MSG_WARN, _("Not found: %s"), text);
	else
		app_msg(h->layer.app, MSG_INFO, "%s", "");
}

static void help_search_done(void *ctx, const char *text)
{
	struct help *h = ctx;
	if (!text) { /* Esc: no search */
		h->search[0] = '\0';
		h->match = -1;
	}
}

static int help_page(struct help *h)
{
	return getmaxy(h->layer.win) - 2;
}

static int help_key(struct layer *l, int key)
{
	struct help *h = (struct help *)l;
	int page = help_page(h);
	switch (key) {
	case 'j':
	case TK_FN(KEY_DOWN):
		h->top++;
		break;
	case 'k':
	case TK_FN(KEY_UP):
		h->top--;
		break;
	case ' ':
	case TK_FN(KEY_NPAGE):
	case TK_CTRL('f'):
		h->top += page;
		break;
	case TK_FN(KEY_PPAGE):
	case TK_CTRL('b'):
		h->top -= page;
		break;
	case 'g':
	case TK_FN(KEY_HOME):
		h->top = 0;
		break;
	case 'G':
	case TK_FN(KEY_END):
		h->top = h->n;
		break;
	case TK_CTRL('d'):
		h->top += page / 2;
		break;
	case TK_CTRL('u'):
		h->top -= page / 2;
		break;
	case '/':
		prompt_open(l->app, "/", "", help_search_done, help_search_changed, h);
		break;
	case 'n':
	case 'N':
		if (!h->search[0]) {
			app_msg(l->app, MSG_INFO, "%s", _("No search yet: / searches."));
			break;
		}
		help_show_match(h, help_find(h, h->search,
					   (h->match >= 0 ? h->match : h->top) + (key == 'n' ? 1 : -1),
					   key == 'n' ? 1 : -1));
		if (h->match < 0)
			app_msg(l->app, MSG_WARN, _("Not found: %s"), h->search);
		break;
	case 'q':
	case '?':
	case TK_ESC:
	case TK_ENTER:
	case TK_FN(KEY_F(1)):
		return UI_CLOSE;
	}
	return UI_PAINT;
}

static void help_place(struct layer *l)
{
	int rows, cols, by, bh;
	app_screen_size(l->app, &rows, &cols);
	app_body(l->app, &by, &bh);
	int w = cols - 4 < 90 ? cols - 4 : 90;
	app_layer_window(l->app, l, bh, w > 20 ? w : cols);
}

static void help_paint(struct layer *l)
{
	struct help *h = (struct help *)l;
	WINDOW *w = l->win;
	int H = getmaxy(w), W = getmaxx(w), page = H - 2;
	char title[192];
	snprintf(title, sizeof title, _("Keys: %s"), h->title);
	draw_box(w, title);
	if (h->top > h->n - page)
		h->top = h->n - page;
	if (h->top < 0)
		h->top = 0;
	int kw = 4;
	for (int i = 0; i < h->n; i++)
		if (!h->lines[i].heading && utf8_width(h->lines[i].keys) > kw)
			kw = utf8_width(h->lines[i].keys);
	if (kw > (W - 4) / 3)
		kw = (W - 4) / 3;
	for (int r = 0; r < page && h->top + r < h->n; r++) {
		const struct help_line *hl = &h->lines[h->top + r];
		bool found = h->search[0] && help_line_has(hl, h->search);
		attr_t mark = h->top + r == h->match ? ui_attr(UI_SELECT) : found ? A_UNDERLINE : 0;
		if (hl->heading) {
			draw_text(w, 1 + r, 2, W - 4, hl->text, ui_attr(UI_ACCENT) | mark, AL_LEFT);
			continue;
		}
		draw_text(w, 1 + r, 2, kw, hl->keys, A_BOLD | mark, AL_LEFT);
		draw_text(w, 1 + r, 2 + kw, 1, "", mark, AL_LEFT);
		draw_text(w, 1 + r, 3 + kw, W - 5 - kw, hl->text, mark, AL_LEFT);
	}
	char more[64];
	snprintf(more, sizeof more, " %d/%d ", h->top + page < h->n ? h->top + page : h->n, h->n);
	draw_text(w, H - 1, W - 2 - utf8_width(more), utf8_width(more), more, ui_attr(UI_DIM), AL_LEFT);
	const char *close = _(" q closes · / searches ");
	draw_text(w, H - 1, 2, utf8_width(close), close, ui_attr(UI_DIM), AL_LEFT);
}

static void help_free(struct layer *l)
{
	struct help *h = (struct help *)l;
	free(h->lines);
	free(h);
}

static const struct layer_ops help_ops = {
	.name = "help",
	.key = help_key,
	.place = help_place,
	.paint = help_paint,
	.free = help_free,
};
