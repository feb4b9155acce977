/* form.c: the form widget — fields, their type checks, keys, drawing and scrolling. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "db/audit.h"
#include "db/school.h"
#include "tui/form.h"
#include "tui/picker.h"

enum { FCTX_TEXT = 1, FCTX_CHOICE = 2 };

const struct action form_actions[] = {
	{FA_NEXT, "form.next", "Tab Down", N_("next field"), N_("Next field"), 0},
	{FA_PREV, "form.prev", "S-Tab Up", NULL, N_("Previous field"), 0},
	{FA_SAVE, "form.save", "Enter", N_("save"), N_("Save"), 0},
	{FA_CANCEL, "form.cancel", "Esc", N_("cancel"), N_("Cancel (asks when something was changed)"), 0},
	{FA_CHOOSE, "form.choose", "Space F2", N_("choose"),
		N_("Pick from the list (Left and Right step through the choices)"), FCTX_CHOICE},
	{0, NULL, NULL, NULL, NULL, 0},
};

static const struct layer_ops form_layer_ops;

struct entry_form *form_new(struct app *a, const char *title, form_submit_fn submit, void *ctx,
	void (*free_ctx)(void *ctx))
{
	struct entry_form *f = xcalloc(1, sizeof *f);
	f->layer.ops = &form_layer_ops;
	f->layer.app = a;
	xq_copy(f->title, sizeof f->title, title);
	f->submit = submit;
	f->ctx = ctx;
	f->free_ctx = free_ctx;
	keymap_init(&f->keys, form_actions, app_conf(a), NULL, NULL);
	return f;
}

static struct field *field_add(struct entry_form *f, const char *label, int kind, bool required)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->fields = xrealloc(f->fields, (size_t)f->cap * sizeof *f->fields);
	}
	struct field *fl = &f->fields[f->n++];
	memset(fl, 0, sizeof *fl);
	fl->label = label;
	fl->kind = kind;
	fl->required = required;
	fl->choice = -1;
	fl->rows = 1;
	edit_init(&fl->ed, 0);
	return fl;
}

int form_text(struct entry_form *f, const char *label, const char *value, size_t max_bytes,
	bool required)
{
	struct field *fl = field_add(f, label, FK_TEXT, required);
	fl->ed.max_bytes = max_bytes;
	edit_set(&fl->ed, value);
	return f->n - 1;
}

int form_int(struct entry_form *f, const char *label, long value, long lo, long hi, bool required)
{
	struct field *fl = field_add(f, label, FK_INT, required);
	char buf[32];
	fl->lo = lo;
	fl->hi = hi;
	fl->ed.max_bytes = 20;
	edit_set(&fl->ed, ui_num(value, buf, sizeof buf));
	return f->n - 1;
}

int form_real(struct entry_form *f, const char *label, double value, bool required)
{
	struct field *fl = field_add(f, label, FK_REAL, required);
	char buf[64] = "";
	if (!isnan(value))
		snprintf(buf, sizeof buf, "%.15g", value);
	fl->ed.max_bytes = 32;
	edit_set(&fl->ed, buf);
	return f->n - 1;
}

int form_note(struct entry_form *f, const char *label, const char *value, size_t max_bytes)
{
	struct field *fl = field_add(f, label, FK_TEXT, false);
	fl->ed.max_bytes = max_bytes;
	fl->ed.multiline = true;
	fl->rows = 3;
	edit_set(&fl->ed, value);
	return f->n - 1;
}

int form_date(struct entry_form *f, const char *label, const char *value, bool required)
{
	struct field *fl = field_add(f, label, FK_DATE, required);
	fl->ed.max_bytes = DATE_LEN;
	edit_set(&fl->ed, value);
	return f->n - 1;
}

int form_choice_list(struct entry_form *f, const char *label, const char *const *labels, int n,
	int value, const char *none)
{
	struct field *fl = field_add(f, label, FK_CHOICE, none == NULL);
	fl->choices = xcalloc((size_t)n + 1, sizeof *fl->choices);
	for (int i = 0; i < n; i++)
		fl->choices[i] = xstrdup(labels[i]);
	fl->nchoices = n;
	fl->none = none ? xstrdup(none) : NULL;
	fl->choice = value >= 0 && value < n ? value : (none ? -1 : 0);
	return f->n - 1;
}

int form_choice(struct entry_form *f, const char *label, const struct enum_item *items, int value,
	const char *none)
{
	int n = enum_count(items);
	const char **labels = xcalloc((size_t)n + 1, sizeof *labels);
	for (int i = 0; i < n; i++)
		labels[i] = ui_enum(items, i);
	int k = form_choice_list(f, label, labels, n, value, none);
	free(labels);
	return k;
}

static void school_field_text(struct app *a, struct field *fl)
{
	struct school s;
	fl->school_text[0] = '\0';
	if (fl->school_id && db_school_get(app_db(a), fl->school_id, &s) == XQ_OK)
		snprintf(fl->school_text, sizeof fl->school_text, "%s (%s)", s.name, s.code);
}

int form_school(struct entry_form *f, const char *label, int64_t school_id, bool required)
{
	struct field *fl = field_add(f, label, FK_SCHOOL, required);
	fl->school_id = school_id;
	school_field_text(f->layer.app, fl);
	return f->n - 1;
}

void form_open(struct entry_form *f)
{
	app_push_layer(f->layer.app, &f->layer);
}

void form_get_text(struct entry_form *f, int i, char *out, size_t size)
{
	char *s = edit_dup(&f->fields[i].ed);
	xq_copy(out, size, str_trim(s));
	free(s);
}

long form_get_int(struct entry_form *f, int i)
{
	char buf[32];
	long v;
	form_get_text(f, i, buf, sizeof buf);
	return parse_long(buf, &v) ? v : XQ_UNKNOWN;
}

double form_get_real(struct entry_form *f, int i)
{
	char buf[64];
	double v;
	form_get_text(f, i, buf, sizeof buf);
	return parse_double(buf, &v) ? v : NAN;
}

int form_get_choice(struct entry_form *f, int i)
{
	return f->fields[i].choice;
}

int64_t form_get_school(struct entry_form *f, int i)
{
	return f->fields[i].school_id;
}

void form_set_error(struct entry_form *f, int i, const char *text)
{
	xq_copy(f->fields[i].error, sizeof f->fields[i].error, text);
	f->cur = i;
}

void form_set_message(struct entry_form *f, int kind, const char *text)
{
	xq_copy(f->message, sizeof f->message, text);
	f->message_kind = kind;
}

/* "2026-11-22T08:01:02.345Z" (UTC) as local time. */
static void audit_time(const char *at, char *out, size_t size)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(at, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end) {
		xq_copy(out, size, at);
		return;
	}
	time_t t = timegm(&tm);
	struct tm local;
	localtime_r(&t, &local);
	strftime(out, size, "%Y-%m-%d %H:%M:%S", &local);
}

/* Who changed the row last, and when; false when the audit log does not say. */
static bool last_change(struct app *a, const char *table, int64_t id, char *who, size_t wsize,
	char *when, size_t size)
{
	struct audit_entry e;
	if (db_audit_last(app_db(a), table, id, &e) != XQ_OK)
		return false;
	xq_copy(who, wsize, e.sudo_user[0] ? e.sudo_user : e.login);
	audit_time(e.at, when, size);
	return true;
}

void form_refused(struct entry_form *f, int rc, const char *table, int64_t id, const char *dbmsg)
{
	char text[XQ_MSG_MAX], who[SHORT_LEN], when[64];
	if (rc == XQ_STALE && last_change(f->layer.app, table, id, who, sizeof who, when, sizeof when))
		snprintf(text, sizeof text,
			_("Not saved: %s changed this record at %s, after you opened it. Your input "
			  "is kept; Esc and open the record again to see the new values."),
			who, when);
	else if (rc == XQ_NOTFOUND)
		snprintf(text, sizeof text, _("Not saved: %s"), dbmsg);
	else
		xq_copy(text, sizeof text, dbmsg);
	form_set_message(f, MSG_WARN, text);
	if (rc == XQ_STALE || rc == XQ_NOTFOUND)
		app_changed(f->layer.app); /* the screen behind shows the new values */
}

void refusal_text(struct app *a, int rc, const char *table, int64_t id, const char *dbmsg,
	char *out, size_t size)
{
	char who[SHORT_LEN], when[64];
	if (rc == XQ_STALE && last_change(a, table, id, who, sizeof who, when, sizeof when))
		snprintf(out, size,
			_("Refused: %s changed this record at %s, after you looked at it; the screen "
			  "now shows the new values."),
			who, when);
	else
		snprintf(out, size, _("Refused: %s"), dbmsg);
	if (rc == XQ_STALE || rc == XQ_NOTFOUND)
		app_changed(a);
}

void form_invalid(struct entry_form *f, const char *key, const char *const *keys, const char *msg)
{
	for (int i = 0; key && keys[i] && i < f->n; i++)
		if (strcmp(keys[i], key) == 0) {
			/* "code: '12' is not ..." reads better without the key under its field */
			const char *m = msg;
			size_t k = strlen(key);
			if (strncmp(m, key, k) == 0 && m[k] == ':')
				m += k + 1 + (m[k + 1] == ' ');
			form_set_error(f, i, m);
			form_set_message(f, MSG_WARN, _("Please correct the marked fields."));
			return;
		}
	form_set_message(f, MSG_WARN, msg);
}

/* The type checks; false (and errors under the fields) when one fails. */
static bool form_check(struct entry_form *f)
{
	int first = -1;
	for (int i = 0; i < f->n; i++) {
		struct field *fl = &f->fields[i];
		char buf[64];
		long lv;
		double dv;
		fl->error[0] = '\0';
		bool empty = (fl->kind == FK_SCHOOL)   ? fl->school_id == 0
			     : (fl->kind == FK_CHOICE) ? fl->choice < 0
						       : edit_empty(&fl->ed);
		if (empty) {
			if (fl->required)
				xq_copy(fl->error, sizeof fl->error, _("required"));
		} else if (fl->kind == FK_INT) {
			form_get_text(f, i, buf, sizeof buf);
			if (!parse_long(buf, &lv))
				xq_copy(fl->error, sizeof fl->error, _("a whole number, please"));
			else if (lv < fl->lo || lv > fl->hi)
				snprintf(fl->error, sizeof fl->error, _("from %ld to %ld, please"),
					fl->lo, fl->hi);
		} else if (fl->kind == FK_REAL) {
			form_get_text(f, i, buf, sizeof buf);
			if (!parse_double(buf, &dv))
				xq_copy(fl->error, sizeof fl->error, _("a number, please"));
		} else if (fl->kind == FK_DATE) {
			form_get_text(f, i, buf, sizeof buf);
			if (!date_valid(buf))
				xq_copy(fl->error, sizeof fl->error,
					_("a date as YYYY-MM-DD, please"));
		}
		if (fl->error[0] && first < 0)
			first = i;
	}
	if (first >= 0) {
		f->cur = first;
		form_set_message(f, MSG_WARN, _("Please correct the marked fields."));
		return false;
	}
	return true;
}

/* A field fixed: its error goes, and the form's "correct the marked fields" with the last. */
static void field_fixed(struct entry_form *f, struct field *fl)
{
	if (!fl->error[0])
		return;
	fl->error[0] = '\0';
	for (int i = 0; i < f->n; i++)
		if (f->fields[i].error[0])
			return;
	if (f->message_kind == MSG_WARN)
		f->message[0] = '\0';
}

static void form_picked(void *ctx, int64_t v)
{
	struct entry_form *f = ctx;
	struct field *fl = &f->fields[f->cur];
	if (fl->kind == FK_SCHOOL) {
		fl->school_id = v;
		school_field_text(f->layer.app, fl);
	} else {
		fl->choice = fl->none ? (int)v - 1 : (int)v;
	}
	field_fixed(f, fl);
	f->changed = true;
}

static void form_choose(struct entry_form *f)
{
	struct field *fl = &f->fields[f->cur];
	struct app *a = f->layer.app;
	if (fl->kind == FK_SCHOOL) {
		picker_schools(a, _(fl->label), fl->school_id, form_picked, f);
		return;
	}
	int off = fl->none ? 1 : 0;
	const char **labels = xcalloc((size_t)fl->nchoices + 1, sizeof *labels);
	if (fl->none)
		labels[0] = fl->none;
	for (int i = 0; i < fl->nchoices; i++)
		labels[i + off] = fl->choices[i];
	picker_labels(a, _(fl->label), labels, fl->nchoices + off, fl->choice + off, form_picked, f);
	free(labels);
}

static void form_discard(void *ctx)
{
	struct entry_form *f = ctx;
	app_pop_layer(f->layer.app, &f->layer);
}

static int form_key(struct layer *l, int key)
{
	struct entry_form *f = (struct entry_form *)l;
	struct field *fl = &f->fields[f->cur];
	bool choice = fl->kind == FK_CHOICE || fl->kind == FK_SCHOOL;
	switch (keymap_lookup(&f->keys, key, choice ? FCTX_CHOICE : FCTX_TEXT)) {
	case FA_NEXT:
		f->cur = (f->cur + 1) % f->n;
		return UI_PAINT;
	case FA_PREV:
		f->cur = (f->cur + f->n - 1) % f->n;
		return UI_PAINT;
	case FA_CANCEL:
		if (!f->changed)
			return UI_CLOSE;
		prompt_confirm(l->app, _("Discard the changes? (y/n)"), form_discard, f);
		return UI_PAINT;
	case FA_CHOOSE:
		form_choose(f);
		return UI_PAINT;
	case FA_SAVE:
		f->message[0] = '\0';
		if (!form_check(f))
			return UI_PAINT;
		return f->submit(f, f->ctx) == XQ_OK ? UI_CLOSE : UI_PAINT;
	}
	if (fl->kind == FK_CHOICE) {
		int lo = fl->none ? -1 : 0;
		if (key == TK_FN(KEY_RIGHT) || key == 'l')
			fl->choice = fl->choice + 1 < fl->nchoices ? fl->choice + 1 : lo;
		else if (key == TK_FN(KEY_LEFT) || key == 'h')
			fl->choice = fl->choice > lo ? fl->choice - 1 : fl->nchoices - 1;
		else
			return UI_PAINT;
		field_fixed(f, fl);
		f->changed = true;
	} else if (fl->kind == FK_SCHOOL) {
		if ((key == TK_BACKSPACE || key == 127 || key == TK_FN(KEY_DC)) && fl->school_id) {
			fl->school_id = 0;
			fl->school_text[0] = '\0';
			field_fixed(f, fl);
			f->changed = true;
		}
	} else if (edit_key(&fl->ed, key) == 1) {
		field_fixed(f, fl);
		f->changed = true;
	}
	return UI_PAINT;
}

static int label_width(struct entry_form *f, int cols)
{
	int w = 4;
	for (int i = 0; i < f->n; i++) {
		int lw = utf8_width(_(f->fields[i].label));
		if (lw > w)
			w = lw;
	}
	return w + 2 < cols / 2 ? w + 2 : cols / 2; /* long labels (policy keys) cut last */
}

static int form_rows(struct entry_form *f)
{
	int rows = 0;
	for (int i = 0; i < f->n; i++)
		rows += f->fields[i].rows + (f->fields[i].error[0] ? 1 : 0);
	return rows;
}

static void form_place(struct layer *l)
{
	struct entry_form *f = (struct entry_form *)l;
	int rows, cols, by, bh;
	app_screen_size(l->app, &rows, &cols);
	app_body(l->app, &by, &bh);
	int w = cols - 4 < 76 ? cols - 4 : 76;
	if (w < 20)
		w = cols;
	int msg_rows = f->message[0] ? wrapped_lines(f->message, w - 4, 3) + 1 : 0;
	int h = form_rows(f) + 3 + msg_rows;
	if (h > bh)
		h = bh;
	app_layer_window(l->app, l, h, w);
}

static void form_paint(struct layer *l)
{
	struct entry_form *f = (struct entry_form *)l;
	/* the window follows the rows the fields need (errors come and go) */
	form_place(l);
	WINDOW *w = l->win;
	int H = getmaxy(w), W = getmaxx(w);
	draw_box(w, f->title);
	int inner = W - 4;
	int msg_rows = f->message[0] ? wrapped_lines(f->message, inner, 3) : 0;
	int area = H - 2 - msg_rows - (msg_rows ? 1 : 0);
	if (area < 1)
		area = 1;
	int lw = label_width(f, inner);
	int ix = 2 + lw, iw = W - ix - 2;
	/* rows of each field; keep the current one (with its error) in view */
	int row = 0, cur_row = 0, cur_h = 1;
	for (int i = 0; i < f->n; i++) {
		if (i == f->cur) {
			cur_row = row;
			cur_h = f->fields[i].rows + (f->fields[i].error[0] ? 1 : 0);
		}
		row += f->fields[i].rows + (f->fields[i].error[0] ? 1 : 0);
	}
	if (cur_row < f->scroll)
		f->scroll = cur_row;
	if (cur_row + cur_h > f->scroll + area)
		f->scroll = cur_row + cur_h - area;
	if (f->scroll > row - area)
		f->scroll = row - area > 0 ? row - area : 0;
	row = 0;
	for (int i = 0; i < f->n; i++) {
		struct field *fl = &f->fields[i];
		int y = 1 + row - f->scroll;
		row += fl->rows + (fl->error[0] ? 1 : 0);
		if (y < 1 || y > area)
			continue;
		bool on = i == f->cur;
		char label[128];
		snprintf(label, sizeof label, "%s%s", _(fl->label), fl->required ? "*" : "");
		/* a cut label keeps a space before its value */
		draw_text(w, y, 2, lw - 1, label, on ? ui_attr(UI_ACCENT) : A_NORMAL, AL_LEFT);
		attr_t in = on ? ui_attr(UI_SELECT) : A_UNDERLINE;
		if (fl->kind == FK_CHOICE) {
			char text[256];
			const char *v = fl->choice >= 0 ? fl->choices[fl->choice] : fl->none;
			snprintf(text, sizeof text, "< %s >", v ? v : "");
			draw_text(w, y, ix, iw, text, in, AL_LEFT);
		} else if (fl->kind == FK_SCHOOL) {
			draw_text(w, y, ix, iw, fl->school_id ? fl->school_text : _("(none: Space picks)"),
				in, AL_LEFT);
		} else if (fl->ed.multiline) {
			int nr = fl->rows < area - y + 1 ? fl->rows : area - y + 1, cy;
			int cx = edit_paint_lines(&fl->ed, w, y, ix, nr, iw,
				on ? A_UNDERLINE | A_BOLD : A_UNDERLINE, &cy);
			if (on)
				app_cursor(l->app, w, cy, cx);
		} else {
			int cx = edit_paint(&fl->ed, w, y, ix, iw, on ? A_UNDERLINE | A_BOLD : A_UNDERLINE);
			if (on)
				app_cursor(l->app, w, y, cx);
		}
		if (fl->error[0] && y + fl->rows <= area)
			draw_text(w, y + fl->rows, ix, iw, fl->error, ui_attr(UI_WARN), AL_LEFT);
	}
	if (f->scroll > 0)
		mvwaddstr(w, 0, W - 4, "^^");
	if (row - f->scroll > area)
		mvwaddstr(w, H - 1, W - 4, "vv");
	if (msg_rows) {
		int kind = f->message_kind == MSG_WARN ? UI_WARN : f->message_kind == MSG_GOOD ? UI_GOOD : UI_NORMAL;
		draw_wrapped(w, H - 1 - msg_rows, 2, msg_rows, inner, f->message, ui_attr(kind));
	}
	/* the keys, in the bottom border */
	char hints[256];
	size_t o = 0;
	bool choice = f->fields[f->cur].kind == FK_CHOICE || f->fields[f->cur].kind == FK_SCHOOL;
	for (int i = 0; i < f->keys.n && o < sizeof hints - 1; i++) {
		const struct action *act = &f->keys.actions[i];
		if (!act->label || (act->ctx && !choice))
			continue;
		char k[32];
		keymap_keys_text(&f->keys, i, true, k, sizeof k);
		o += (size_t)snprintf(hints + o, sizeof hints - o, " %s %s ", k, _(act->label));
	}
	if (f->fields[f->cur].ed.multiline && o < sizeof hints)
		snprintf(hints + o, sizeof hints - o, " C-j %s ", _("new line"));
	draw_text(w, H - 1, 2, utf8_width(hints) < W - 8 ? utf8_width(hints) : W - 8, hints,
		ui_attr(UI_DIM), AL_LEFT);
}

static void form_free(struct layer *l)
{
	struct entry_form *f = (struct entry_form *)l;
	for (int i = 0; i < f->n; i++) {
		struct field *fl = &f->fields[i];
		edit_free(&fl->ed);
		for (int k = 0; k < fl->nchoices; k++)
			free(fl->choices[k]);
		free(fl->choices);
		free(fl->none);
	}
	free(f->fields);
	keymap_free(&f->keys);
	if (f->free_ctx)
		f->free_ctx(f->ctx);
	free(f);
}

static bool form_unsaved(struct layer *l)
{
	return ((struct entry_form *)l)->changed;
}

static bool form_multiline(struct layer *l)
{
	struct entry_form *f = (struct entry_form *)l;
	return f->fields[f->cur].kind == FK_TEXT && f->fields[f->cur].ed.multiline;
}

static const struct layer_ops form_layer_ops = {
	.name = "form",
	.unsaved = form_unsaved,
	.multiline = form_multiline,
	.key = form_key,
	.place = form_place,
	.paint = form_paint,
	.free = form_free,
};
