/* prompt.c: the bottom line when it asks — for a line of text (the `:` command line, `/`
 * search, a date) with the same line editing as forms, or for a yes/no answer. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/edit.h"
#include "tui/ui.h"

#define PROMPT_HISTORY 20

struct prompt {
	bool active, confirm;
	char label[256];
	struct edit ed;
	prompt_done_fn done, changed;
	void (*yes)(void *ctx);
	void *ctx;
	char *history[PROMPT_HISTORY]; /* earlier answers, newest first */
	int nhistory, hpos;
};

struct prompt *prompt_new(void)
{
	struct prompt *p = xcalloc(1, sizeof *p);
	edit_init(&p->ed, 512);
	return p;
}

void prompt_free(struct prompt *p)
{
	if (!p)
		return;
	edit_free(&p->ed);
	for (int i = 0; i < p->nhistory; i++)
		free(p->history[i]);
	free(p);
}

bool prompt_active(const struct prompt *p)
{
	return p->active;
}

void prompt_open(struct app *a, const char *label, const char *initial, prompt_done_fn done,
	prompt_done_fn changed, void *ctx)
{
	struct prompt *p = app_prompt(a);
	p->active = true;
	p->confirm = false;
	xq_copy(p->label, sizeof p->label, label);
	edit_set(&p->ed, initial ? initial : "");
	p->done = done;
	p->changed = changed;
	p->ctx = ctx;
	p->hpos = -1;
}

void prompt_confirm(struct app *a, const char *question, void (*yes)(void *ctx), void *ctx)
{
	struct prompt *p = app_prompt(a);
	p->active = true;
	p->confirm = true;
	xq_copy(p->label, sizeof p->label, question);
	p->yes = yes;
	p->ctx = ctx;
}

static void remember(struct prompt *p, const char *text)
{
	if (!*text || (p->nhistory && strcmp(p->history[0], text) == 0))
		return;
	if (p->nhistory == PROMPT_HISTORY)
		free(p->history[--p->nhistory]);
	memmove(p->history + 1, p->history, (size_t)p->nhistory * sizeof *p->history);
	p->history[0] = xstrdup(text);
	p->nhistory++;
}

int prompt_key(struct prompt *p, struct app *a, int key)
{
	if (p->confirm) {
		p->active = false;
		if (key == 'y' || key == 'Y')
			p->yes(p->ctx);
		else
			app_msg(a, MSG_INFO, "%s", _("Nothing was done."));
		return UI_PAINT;
	}
	if (key == TK_ENTER || key == TK_ESC ||
	    ((key == TK_BACKSPACE || key == 127) && p->ed.len == 0)) {
		char *text = key == TK_ENTER ? edit_dup(&p->ed) : NULL;
		p->active = false;
		if (text && p->changed == NULL)
			remember(p, text);
		p->done(p->ctx, text);
		free(text);
		return UI_PAINT;
	}
	if ((key == TK_FN(KEY_UP) || key == TK_FN(KEY_DOWN)) && !p->changed) {
		int pos = p->hpos + (key == TK_FN(KEY_UP) ? 1 : -1);
		if (pos >= p->nhistory)
			pos = p->nhistory - 1;
		if (pos < -1)
			pos = -1;
		p->hpos = pos;
		edit_set(&p->ed, pos >= 0 ? p->history[pos] : "");
		return UI_PAINT;
	}
	if (edit_key(&p->ed, key) == 1 && p->changed) {
		char *text = edit_dup(&p->ed);
		p->changed(p->ctx, text);
		free(text);
	}
	return UI_PAINT;
}

void prompt_paint(struct prompt *p, struct app *a, WINDOW *w, int cols)
{
	int lw = utf8_width(p->label);
	if (lw > cols / 2)
		lw = cols / 2;
	if (p->confirm) {
		draw_text(w, 0, 0, cols, p->label, ui_attr(UI_WARN), AL_LEFT);
		app_cursor(a, w, 0, lw < cols - 1 ? lw + 1 : cols - 1);
		return;
	}
	draw_text(w, 0, 0, lw, p->label, A_BOLD, AL_LEFT);
	int cx = edit_paint(&p->ed, w, 0, lw, cols - lw, A_NORMAL);
	app_cursor(a, w, 0, cx);
}
