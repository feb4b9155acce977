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

/* The actions of m whose context is exactly ctx (any context when all is set). */
static int help_table(struct help *h, const struct keymap *m, unsigned ctx, bool all)
{
	int added = 0;
	for (int i = 0; i < m->n; i++) {
		const struct action *a = &m->actions[i];
		if (!all && a->ctx != ctx)
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
			help_table(h, m, c->ctx, false);
		}
	}
	if (v->ops->has_list) {
		help_section(h, _("Lists"));
		help_table(h, app_list_keys(a), 0, true);
	}
	help_section(h, _("Everywhere"));
	help_table(h, app_global_keys(a), 0, true);

	struct keymap fk;
	keymap_init(&fk, form_actions, app_conf(a), NULL, NULL);
	help_section(h, _("Forms"));
	help_table(h, &fk, 0, true);
	keymap_free(&fk);
	help_add(h, "Left Right C-b C-f", _("Move the cursor by one character"), false);
	help_add(h, "Home End C-a C-e", _("Move to the start or the end of the line"), false);
	help_add(h, "Backspace Del C-d", _("Delete the character before or under the cursor"), false);
	help_add(h, "C-u C-k C-w", _("Delete to the start, to the end, or the word before"), false);

	help_section(h, _("Command line"));
	help_add(h, ":q", _("Quit"), false);
	help_add(h, ":help", _("Show this help"), false);
	help_add(h, _(":goto SCHOOL"),
		_("Show a school (code, name or short name) in its district, or in the school browser"),
		false);
	help_add(h, _(":export FILE [ENCODING]"),
		_("Write the current list to a CSV file; utf-8-bom or gb18030 for Excel and WPS"), false);
	help_add(h, ":districts :schools", _("Show the districts or the school browser"), false);
}

static const struct layer_ops help_ops;

void help_open(struct app *a, struct view *v)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->layer.ops = &help_ops;
	h->layer.app = a;
	snprintf(h->title, sizeof h->title, "%s", _(v->ops->title));
	help_build(h, a, v);
	app_push_layer(a, &h->layer);
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
		if (hl->heading) {
			draw_text(w, 1 + r, 2, W - 4, hl->text, ui_attr(UI_ACCENT), AL_LEFT);
			continue;
		}
		draw_text(w, 1 + r, 2, kw, hl->keys, A_BOLD, AL_LEFT);
		draw_text(w, 1 + r, 3 + kw, W - 5 - kw, hl->text, A_NORMAL, AL_LEFT);
	}
	char more[64];
	snprintf(more, sizeof more, " %d/%d ", h->top + page < h->n ? h->top + page : h->n, h->n);
	draw_text(w, H - 1, W - 2 - utf8_width(more), utf8_width(more), more, ui_attr(UI_DIM), AL_LEFT);
	const char *close = _(" q closes ");
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
