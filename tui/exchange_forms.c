/* exchange_forms.c: the Exchanges pane's forms and questions — the teacher picker that
 * shows who is eligible in the year and why not, the exchange form (add and edit), the
 * filter, the year, and the status changes, each asked first, of the selected exchange
 * or of every tagged one. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/pinyin.h"
#include "db/district.h"
#include "db/school.h"
#include "db/teacher.h"
#include "tui/edit.h"
#include "tui/exchanges.h"
#include "tui/form.h"
#include "tui/picker.h"
#include "tui/work.h"

static struct db *xdb(struct exchanges *x)
{
	return app_db(x->v.app);
}

/* the exchange form */

struct xctx {
	struct exchanges *x;
	struct exchange e; /* as the form opened: teacher, schools, status, rev */
	char teacher[SHORT_LEN];
};

enum { XF_TO, XF_KIND, XF_REASON, XF_START, XF_END, XF_SHARE, XF_NOTE };
static const char *const exchange_keys[] = {"to_school_code", "kind", "reason", "start_date",
	"end_date", "week_share", "note", NULL};

static int exchange_submit(struct entry_form *f, void *ctx)
{
	struct xctx *c = ctx;
	struct exchanges *x = c->x;
	struct exchange e = c->e;
	char msg[XQ_MSG_MAX] = "";
	e.to_school_id = form_get_school(f, XF_TO);
	e.to_code[0] = '\0';
	e.kind = form_get_choice(f, XF_KIND);
	e.reason = form_get_choice(f, XF_REASON);
	form_get_text(f, XF_START, e.start_date, sizeof e.start_date);
	form_get_text(f, XF_END, e.end_date, sizeof e.end_date);
	e.week_share = form_get_real(f, XF_SHARE);
	form_get_text(f, XF_NOTE, e.note, sizeof e.note);
	e.year[0] = '\0'; /* the start date's school year */
	if (e.to_school_id != c->e.to_school_id)
		e.subsidy_month = NAN; /* from the new distance */
	int rc = e.id ? db_exchange_update(xdb(x), &e, exchanges_policy(x), msg)
		      : db_exchange_insert(xdb(x), &e, exchanges_policy(x), msg);
	if (rc == XQ_STALE || rc == XQ_NOTFOUND) {
		form_refused(f, rc, "exchange", e.id, msg);
		return rc;
	}
	if (rc != XQ_OK) {
		/* "to_school_code: ..." marks its field; the whole sentence goes below */
		char key[32] = "";
		const char *text = msg;
		size_t k = strspn(msg, "abcdefghijklmnopqrstuvwxyz_");
		if (k > 0 && msg[k] == ':' && k < sizeof key) {
			memcpy(key, msg, k);
			key[k] = '\0';
			for (text = msg + k + 1; *text == ' '; text++)
				;
		}
		form_invalid(f, key, exchange_keys, msg);
		form_set_message(f, MSG_WARN, text);
		return rc;
	}
	if (c->e.id)
		app_msg(x->v.app, MSG_GOOD, _("The exchange of %s is saved."), c->teacher);
	else
		app_msg(x->v.app, MSG_GOOD, _("Exchange of %s proposed: %s to %s."), c->teacher,
			e.start_date, e.end_date);
	exchanges_after_write(x, e.id);
	return XQ_OK;
}

static void exchange_form_open(struct exchanges *x, struct xctx *c, const char *title,
	const char *note, int note_kind)
{
	const struct exchange *e = &c->e;
	struct entry_form *f = form_new(x->v.app, title, exchange_submit, c, free);
	form_school(f, N_("Receiving school"), e->to_school_id, true);
	form_choice(f, N_("Kind of exchange"), exchange_kind_items, e->kind, NULL);
	form_choice(f, N_("Reason"), exchange_reason_items, e->reason, NULL);
	form_date(f, N_("Start date"), e->start_date, true);
	form_date(f, N_("End date"), e->end_date, false);
	form_real(f, N_("Share of the week"), e->week_share, false);
	form_note(f, N_("Note"), e->note, TEXT_LEN);
	if (note)
		form_set_message(f, note_kind, note);
	form_open(f);
}

/* A new proposed exchange of the teacher picked, starting on the year's first day. */
static void exchange_new_form(struct exchanges *x, const struct teacher_elig *te)
{
	struct xctx *c = xcalloc(1, sizeof *c);
	c->x = x;
	exchange_init(&c->e);
	c->e.teacher_id = te->t.id;
	c->e.from_school_id = te->t.school_id;
	char last[DATE_LEN];
	exchange_year_bounds(x->year, exchanges_policy(x), c->e.start_date, last);
	xq_copy(c->teacher, sizeof c->teacher, te->t.name);
	char title[512], note[XQ_MSG_MAX];
	snprintf(title, sizeof title, _("New exchange: %s (%s) from %s"), te->t.name, te->t.staff_no,
		te->school_name);
	if (te->elig != ELIG_YES)
		snprintf(note, sizeof note,
			_("%s is not eligible in %s: %s. Empty end date: the default term."), te->t.name,
			x->year, te->why);
	else
		snprintf(note, sizeof note, "%s",
			_("Empty end date: the default term. The share of the week is for itinerant and "
			  "part-time teaching (0 to 1)."));
	exchange_form_open(x, c, title, note, te->elig == ELIG_YES ? MSG_INFO : MSG_WARN);
}

void exchange_edit_open(struct exchanges *x)
{
	const struct exchange_row *r = exchanges_current(x);
	if (!r) {
		app_msg(x->v.app, MSG_INFO, "%s", _("No exchange is selected."));
		return;
	}
	struct xctx *c = xcalloc(1, sizeof *c);
	c->x = x;
	if (db_exchange_get(xdb(x), r->e.id, &c->e) != XQ_OK) {
		app_msg(x->v.app, MSG_WARN, "%s", _("That exchange is gone."));
		free(c);
		return;
	}
	xq_copy(c->teacher, sizeof c->teacher, r->teacher_name);
	char title[512];
	snprintf(title, sizeof title, _("Edit the exchange of %s (%s) from %s"), r->teacher_name,
		r->e.staff_no, r->from_name);
	exchange_form_open(x, c, title, NULL, MSG_INFO);
}

/* the teacher picker: every teacher with the year's eligibility, eligible ones first
 * shown; Tab shows them all, typing narrows by name, staff number, school or the name's
 * pinyin initials. A city's teachers are read on the work's thread into small rows (their
 * words in blocks of text, a school's name or a reason kept once however many rows share
 * it); the selected one's whole record and reasons are read when it is selected. */

struct tp_row {
	int64_t id;
	uint64_t order; /* the staff number's first eight bytes, for a quick sort */
	uint32_t staff, name, initials, school, why; /* offsets into the rows' text */
	signed char elig;			  /* enum exchange_elig */
	unsigned char backbone;
	short years;
};

/* The rows' words are kept in blocks that do not move as more come (a city's teachers
 * fill some twenty); a word's offset is its block's number and its place there. */
#define TP_BLOCK_BITS 18
#define TP_BLOCK ((size_t)1 << TP_BLOCK_BITS)

/* Words by a key (open addressing; offsets + 1, 0 for a free slot). */
struct tp_keys {
	int64_t *key;
	uint32_t *off;
	size_t nslots, n;
};

struct tp_rows {
	struct tp_row *rows;
	int n, cap;
	char **blocks;
	size_t nblocks, len; /* len: bytes used in the last block */
	/* the schools' names by school id, the reasons by their number in the walk */
	struct tp_keys schools, whys;
};

static uint32_t tp_text(struct tp_rows *r, const char *s)
{
	size_t n = strnlen(s, TP_BLOCK - 1) + 1; /* the words are short: names and reasons */
	if (!r->nblocks || r->len + n > TP_BLOCK) {
		r->blocks = xrealloc(r->blocks, (r->nblocks + 1) * sizeof *r->blocks);
		r->blocks[r->nblocks++] = xmalloc(TP_BLOCK);
		r->len = 0;
	}
	char *at = r->blocks[r->nblocks - 1] + r->len;
	memcpy(at, s, n - 1);
	at[n - 1] = '\0';
	r->len += n;
	return (uint32_t)((r->nblocks - 1) << TP_BLOCK_BITS | (r->len - n));
}

static const char *tp_at(const struct tp_rows *r, uint32_t off)
{
	return r->blocks[off >> TP_BLOCK_BITS] + (off & (TP_BLOCK - 1));
}

/* A word many rows share (a school's name, a reason) kept once, found by its key: its
 * offset. */
static uint32_t tp_keyed(struct tp_rows *r, struct tp_keys *t, int64_t key, const char *s)
{
	if (2 * (t->n + 1) > t->nslots) { /* grow and place again */
		struct tp_keys g = {NULL, NULL, t->nslots ? t->nslots * 2 : 1024, t->n};
		g.key = xcalloc(g.nslots, sizeof *g.key);
		g.off = xcalloc(g.nslots, sizeof *g.off);
		for (size_t i = 0; i < t->nslots; i++) {
			if (!t->off[i])
				continue;
			size_t k = (size_t)t->key[i] & (g.nslots - 1);
			while (g.off[k])
				k = (k + 1) & (g.nslots - 1);
			g.key[k] = t->key[i];
			g.off[k] = t->off[i];
		}
		free(t->key);
		free(t->off);
		*t = g;
	}
	size_t k = (size_t)key & (t->nslots - 1);
	while (t->off[k] && t->key[k] != key)
		k = (k + 1) & (t->nslots - 1);
	if (!t->off[k]) {
		t->key[k] = key;
		t->off[k] = tp_text(r, s) + 1;
		t->n++;
	}
	return t->off[k] - 1;
}

static void tp_keys_free(struct tp_keys *t)
{
	free(t->key);
	free(t->off);
	memset(t, 0, sizeof *t);
}

struct tp_job {
	struct work_job j;
	char year[EXCHANGE_YEAR_LEN];
	struct exchange_policy p;
	bool ok;
	char msg[XQ_MSG_MAX];
	struct tp_rows r;
};

/* Why a teacher is not offered: an exchange that holds the year (exchange_holds_year). */
static void busy_why(const struct exchange_brief *e, const char *to_name, char *why, size_t size)
{
	snprintf(why, size, _("has an exchange in %s already: to %s, %s"), e->year, to_name,
		ui_enum(exchange_status_items, e->status));
}

static int tp_keep(void *ctx, const struct teacher_pick *e)
{
	struct tp_rows *r = ctx;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->rows = xrealloc(r->rows, (size_t)r->cap * sizeof *r->rows);
	}
	char initials[256];
	struct tp_row *t = &r->rows[r->n++];
	t->id = e->t->id;
	t->staff = tp_text(r, e->t->staff_no);
	size_t sl = strlen(e->t->staff_no);
	t->order = 0;
	for (size_t k = 0; k < 8; k++) /* as strcmp orders them, the bytes after the end 0 */
		t->order = t->order << 8 | (k < sl ? (unsigned char)e->t->staff_no[k] : 0u);
	t->name = tp_text(r, e->t->name);
	t->initials = tp_text(r, pinyin_initials(e->t->name, initials, sizeof initials));
	t->school = tp_keyed(r, &r->schools, e->t->school_id, e->school_name);
	t->elig = (signed char)e->elig;
	t->backbone = (unsigned char)e->t->backbone;
	t->years = (short)(e->years_at_school > 32767 ? 32767 : e->years_at_school);
	if (e->busy) { /* eligible, but with an exchange in the year already: says which */
		char why[256];
		busy_why(e->busy, e->busy_to, why, sizeof why);
		t->elig = ELIG_ON_EXCHANGE;
		t->why = tp_text(r, why);
	} else {
		t->why = tp_keyed(r, &r->whys, e->why_no, e->why); /* -1: "" */
	}
	return XQ_OK;
}

static int cmp_tp_staff(const void *a, const void *b, void *rows)
{
	const struct tp_row *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	int c = strcmp(tp_at(rows, x->staff), tp_at(rows, y->staff));
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void tp_run(struct work_job *j_, struct db *db)
{
	struct tp_job *j = (struct tp_job *)j_;
	j->ok = db_exchange_pick_each(db, j->year, &j->p, tp_keep, &j->r, j->msg) == XQ_OK;
	if (j->ok) /* read in id order, listed in staff-number order */
		qsort_r(j->r.rows, (size_t)j->r.n, sizeof *j->r.rows, cmp_tp_staff, &j->r);
	tp_keys_free(&j->r.schools);
	tp_keys_free(&j->r.whys);
}

static void tp_rows_free(struct tp_rows *r)
{
	free(r->rows);
	for (size_t i = 0; i < r->nblocks; i++)
		free(r->blocks[i]);
	free(r->blocks);
	tp_keys_free(&r->schools);
	tp_keys_free(&r->whys);
	memset(r, 0, sizeof *r);
}

static void tp_job_free(struct work_job *j_)
{
	struct tp_job *j = (struct tp_job *)j_;
	tp_rows_free(&j->r);
	free(j);
}

struct tpicker {
	struct layer layer;
	struct exchanges *x;
	char title[256];
	struct edit filter;
	char text[128];
	struct tp_rows r;
	bool reading; /* the rows are being read */
	struct list_matches m; /* the teachers shown */
	bool all;
	struct list list;
	int64_t opened_us; /* when its key came (app_clock_us) */
	/* the selected teacher as a whole, read when selected */
	int64_t sel_id;
	bool sel_ok;
	struct teacher_elig sel;
};

static const char *tp_str(const struct tpicker *p, uint32_t off)
{
	return tp_at(&p->r, off);
}

static bool tp_matches(const struct tpicker *p, int i, const char *text)
{
	const struct tp_row *r = &p->r.rows[i];
	if (!p->all && r->elig != ELIG_YES)
		return false;
	return !*text || strcasestr(tp_str(p, r->name), text) || strcasestr(tp_str(p, r->staff), text) ||
	       strcasestr(tp_str(p, r->school), text) || pinyin_initials_match(tp_str(p, r->initials), text);
}

static void tp_refilter(struct tpicker *p)
{
	edit_get(&p->filter, p->text, sizeof p->text);
	p->m.nmatch = 0;
	for (int i = 0; i < p->r.n; i++)
		if (tp_matches(p, i, p->text))
			p->m.match[p->m.nmatch++] = i;
	list_reload(&p->list);
	list_select_index(&p->list, 0); /* the best match first, in sight */
}

static void tp_done(struct work_job *j_, struct app *a)
{
	struct tp_job *j = (struct tp_job *)j_;
	struct tpicker *p = (struct tpicker *)j->j.owner;
	p->reading = false;
	if (!j->ok) {
		app_msg(a, MSG_WARN, "%s", j->msg);
		app_pop_layer(a, &p->layer); /* p is gone */
		return;
	}
	if (j->r.n == 0) {
		app_msg(a, MSG_INFO, "%s", _("There are no teachers yet: import them first."));
		app_pop_layer(a, &p->layer);
		return;
	}
	p->r = j->r;
	memset(&j->r, 0, sizeof j->r);
	free(p->m.match);
	p->m.match = xcalloc((size_t)p->r.n + 1, sizeof *p->m.match);
	tp_refilter(p);
}

/* The selected teacher's whole record and reasons; NULL when none is selected or it
 * cannot be read. */
static const struct teacher_elig *tp_selected(struct tpicker *p)
{
	const int *row = list_selected(&p->list);
	if (!row)
		return NULL;
	const struct tp_row *r = &p->r.rows[*row];
	if (r->id == p->sel_id)
		return p->sel_ok ? &p->sel : NULL;
	struct exchanges *x = p->x;
	char msg[XQ_MSG_MAX];
	p->sel_id = r->id;
	p->sel_ok = db_exchange_eligibility_one(xdb(x), x->year, exchanges_policy(x), r->id, &p->sel,
			    msg) == XQ_OK;
	if (p->sel_ok && p->sel.elig == ELIG_YES) {
		struct exchange_row *ex = NULL;
		int n = 0;
		if (db_teacher_exchanges(xdb(x), r->id, &ex, &n) == XQ_OK)
			for (int k = 0; k < n; k++) {
				struct exchange_brief b;
				exchange_brief_of(&ex[k].e, &b);
				if (exchange_holds_year(&b, x->year)) {
					p->sel.elig = ELIG_ON_EXCHANGE;
					busy_why(&b, ex[k].to_name, p->sel.why, sizeof p->sel.why);
					break;
				}
			}
		free(ex);
	}
	return p->sel_ok ? &p->sel : NULL;
}

/* "✓" or "✗ why" (with the reason's label first in Chinese, the why being English). */
static void elig_text(int elig, const char *why, char *buf, size_t size)
{
	if (elig == ELIG_YES)
		snprintf(buf, size, "✓ %s", ui_enum(exchange_elig_items, ELIG_YES));
	else if (i18n_is_zh())
		snprintf(buf, size, "✗ %s: %s", ui_enum(exchange_elig_items, elig), why);
	else
		snprintf(buf, size, "✗ %s", why);
}

static void tp_cell(void *ctx, const void *row, int col, char *buf, size_t size)
{
	struct tpicker *p = ((struct list_matches *)ctx)->owner;
	const struct tp_row *r = &p->r.rows[*(const int *)row];
	switch (col) {
	case 0:
		xq_copy(buf, size, tp_str(p, r->staff));
		break;
	case 1:
		xq_copy(buf, size, tp_str(p, r->name));
		break;
	case 2:
		xq_copy(buf, size, tp_str(p, r->school));
		break;
	case 3:
		ui_num(r->years, buf, size);
		break;
	case 4:
		xq_copy(buf, size, r->backbone > BB_NONE ? ui_enum(backbone_items, r->backbone) : "");
		break;
	case 5:
		elig_text(r->elig, tp_str(p, r->why), buf, size);
		break;
	}
}

static const struct list_column tp_columns[] = {
	{N_("Staff no."), 8, 0, false, 3},
	{N_("Teacher"), 6, 0, false, 0},
	{N_("School"), 10, 3, false, 1}, /* the width left goes to the school, the whole */
	{N_("Years"), 5, 0, true, 4},	  /* reason shows under the list */
	{N_("Backbone"), 6, 0, false, 2},
	{N_("Eligible"), 10, 1, false, 0},
};

static const struct list_source tp_source = {
	.columns = tp_columns,
	.ncolumns = 6,
	.row_size = sizeof(int),
	.empty = N_("No teacher matches: Tab shows every teacher."),
	.count = list_matches_count,
	.page = list_matches_page,
	.position = list_matches_position,
	.row_id = list_matches_id,
	.cell = tp_cell,
};

static int tp_key(struct layer *l, int key)
{
	struct tpicker *p = (struct tpicker *)l;
	static const struct {
		int key, action;
	} moves[] = {
		{TK_FN(KEY_DOWN), LA_DOWN}, {TK_CTRL('n'), LA_DOWN}, {TK_FN(KEY_UP), LA_UP},
		{TK_CTRL('p'), LA_UP}, {TK_FN(KEY_NPAGE), LA_PAGE_DOWN},
		{TK_FN(KEY_PPAGE), LA_PAGE_UP}, {TK_FN(KEY_HOME), LA_TOP}, {TK_FN(KEY_END), LA_BOTTOM},
	};
	for (size_t i = 0; i < XQ_NELEM(moves); i++)
		if (moves[i].key == key)
			return list_move(&p->list, moves[i].action);
	if (key == TK_ESC)
		return UI_CLOSE;
	if (key == TK_TAB) {
		p->all = !p->all;
		tp_refilter(p);
		return UI_PAINT;
	}
	if (key == TK_ENTER) {
		const struct teacher_elig *r = tp_selected(p);
		if (!r)
			return UI_PAINT;
		/* the form opens on top; the picker under it goes */
		exchange_new_form(p->x, r);
		return UI_CLOSE;
	}
	if (edit_key(&p->filter, key) == 1)
		tp_refilter(p);
	return UI_PAINT;
}

static void tp_place(struct layer *l)
{
	int rows, cols, by, bh;
	app_screen_size(l->app, &rows, &cols);
	app_body(l->app, &by, &bh);
	app_layer_window(l->app, l, bh, cols - 2 < 120 ? cols - 2 : 120);
}

static void tp_paint(struct layer *l)
{
	struct tpicker *p = (struct tpicker *)l;
	WINDOW *w = l->win;
	int H = getmaxy(w), W = getmaxx(w);
	char title[512];
	snprintf(title, sizeof title, "%s · %s", p->title,
		p->all ? _("every teacher") : _("eligible teachers"));
	draw_box(w, title);
	const char *label = _("Find:");
	int lw = utf8_width(label) + 1;
	draw_text(w, 1, 2, lw, label, A_BOLD, AL_LEFT);
	int cx = edit_paint(&p->filter, w, 1, 2 + lw, W - 4 - lw, A_UNDERLINE);
	/* the selected teacher's whole reason under the list (read before the list paints:
	 * painting may refetch the rows the selection points into) */
	const struct teacher_elig *r = tp_selected(p);
	char why[1024] = "";
	if (p->reading)
		snprintf(why, sizeof why, _("Reading the teachers of %s…"), p->x->year);
	else if (r) {
		if (r->elig == ELIG_YES)
			snprintf(why, sizeof why, _("%s: eligible, at %s for %d years."), r->t.name,
				r->school_name, r->years_at_school);
		else
			snprintf(why, sizeof why, _("%s: not eligible (%s): %s"), r->t.name,
				ui_enum(exchange_elig_items, r->elig), r->why);
		if (r->t.post != POST_TEACHER && r->principal_why[0]) {
			size_t o = strlen(why);
			snprintf(why + o, sizeof why - o, _(" Principals' rule: %s."), r->principal_why);
		}
	}
	int wl = why[0] ? wrapped_lines(why, W - 4, 2) : 0;
	list_paint(&p->list, w, 2, 1, H - 3 - wl, W - 2, true);
	if (wl)
		draw_wrapped(w, H - 1 - wl, 2, wl, W - 4, why,
			ui_attr(!r ? UI_DIM : r->elig == ELIG_YES ? UI_GOOD : UI_WARN));
	char hint[192];
	snprintf(hint, sizeof hint, " %s ",
		p->all ? _("Enter picks · Tab: eligible only · Esc cancels · typing narrows")
		       : _("Enter picks · Tab: every teacher · Esc cancels · typing narrows"));
	int hw = utf8_width(hint);
	draw_text(w, H - 1, 2, hw < W - 4 ? hw : W - 4, hint, ui_attr(UI_DIM), AL_LEFT);
	app_cursor(l->app, w, 1, cx);
}

static void tp_free(struct layer *l)
{
	struct tpicker *p = (struct tpicker *)l;
	ahead_forget(&p->x->pick_ahead, &p->layer);
	list_free(&p->list);
	edit_free(&p->filter);
	tp_rows_free(&p->r);
	free(p->m.match);
	free(p);
}

static const struct layer_ops tp_ops = {
	.name = "teacher picker",
	.key = tp_key,
	.place = tp_place,
	.paint = tp_paint,
	.free = tp_free,
};

/* The picker's job, for the chosen year (its owner set by who asks). */
static struct tp_job *tp_job_new(struct exchanges *x)
{
	struct tp_job *j = xcalloc(1, sizeof *j);
	j->j = (struct work_job){.name = "teachers", .run = tp_run, .done = tp_done, .free = tp_job_free};
	xq_copy(j->year, sizeof j->year, x->year);
	j->p = *exchanges_policy(x);
	return j;
}

/* The picker reads for itself. */
static void tp_read(void *consumer)
{
	struct tpicker *p = (struct tpicker *)(struct layer *)consumer;
	struct tp_job *j = tp_job_new(p->x);
	j->j.owner = &p->layer;
	app_work(p->x->v.app, &j->j);
}

static struct work_job *tp_ahead_make(void *ctx)
{
	return &tp_job_new(ctx)->j;
}

/* Read ahead once the gauges are counted (then the plan). */
const struct ahead_ops exchange_pick_ahead_ops = {.make = tp_ahead_make, .read_own = tp_read};

void exchange_add_open(struct exchanges *x)
{
	struct app *a = x->v.app;
	struct tpicker *p = xcalloc(1, sizeof *p);
	p->layer.ops = &tp_ops;
	p->layer.app = a;
	p->x = x;
	p->m.match = xcalloc(1, sizeof *p->m.match);
	p->m.owner = p;
	p->reading = true;
	p->opened_us = app_clock_us();
	snprintf(p->title, sizeof p->title, _("Teacher to exchange in %s"), x->year);
	edit_init(&p->filter, sizeof p->text);
	list_init(&p->list, &tp_source, &p->m);
	app_push_layer(a, &p->layer);
	if (ahead_take(&x->pick_ahead, x->quota_gen, x->year, &p->layer, p->opened_us) == AHEAD_NONE)
		tp_read(&p->layer);
}

/* the filter */

static void years_build(struct exchanges *x)
{
	char today[DATE_LEN], now[EXCHANGE_YEAR_LEN];
	int first = 0, chosen = 0;
	date_today(today);
	if (!exchange_year_of(today, exchanges_policy(x), now) || !exchange_year_parse(now, &first))
		exchange_year_parse(x->year, &first);
	exchange_year_parse(x->year, &chosen);
	free(x->years);
	x->years = xcalloc(16, sizeof *x->years);
	x->nyears = 0;
	/* newest first: next year, this one, ten before it */
	for (int y = first + 1; y >= first - 10; y--)
		exchange_year_format(y, x->years[x->nyears++]);
	if (chosen > first + 1 || chosen < first - 10)
		exchange_year_format(chosen, x->years[x->nyears++]);
}

static int year_index(struct exchanges *x)
{
	for (int i = 0; i < x->nyears; i++)
		if (strcmp(x->years[i], x->year) == 0)
			return i;
	return -1;
}

enum { FF_YEAR, FF_STATUS, FF_KIND, FF_SCHOOL, FF_DISTRICT };

static int filter_submit(struct entry_form *f, void *ctx)
{
	struct exchanges *x = ctx;
	int year = form_get_choice(f, FF_YEAR), district = form_get_choice(f, FF_DISTRICT);
	x->q.status = form_get_choice(f, FF_STATUS);
	x->q.kind = form_get_choice(f, FF_KIND);
	x->q.school_id = form_get_school(f, FF_SCHOOL);
	x->q.district_id = district >= 0 && district < x->ndistricts ? x->district_ids[district] : 0;
	exchanges_set_year(x, year >= 0 && year < x->nyears ? x->years[year] : NULL);
	return XQ_OK;
}

void exchange_filter_open(struct exchanges *x)
{
	struct db *db = xdb(x);
	years_build(x);
	const char **labels = xcalloc((size_t)x->nyears + 1, sizeof *labels);
	for (int i = 0; i < x->nyears; i++)
		labels[i] = x->years[i];
	struct entry_form *f = form_new(x->v.app, _("Filter exchanges"), filter_submit, x, NULL);
	form_choice_list(f, N_("School year"), labels, x->nyears, x->all_years ? -1 : year_index(x),
		_("any"));
	free(labels);
	form_choice(f, N_("Status"), exchange_status_items, x->q.status, _("any"));
	form_choice(f, N_("Kind of exchange"), exchange_kind_items, x->q.kind, _("any"));
	form_school(f, N_("School"), x->q.school_id > 0 ? x->q.school_id : 0, false);
	struct district_query dq;
	district_query_init(&dq);
	long nd = db_district_count(db, &dq);
	struct district_row *rows = xcalloc((size_t)(nd > 0 ? nd : 0) + 1, sizeof *rows);
	int got = nd > 0 ? db_district_page(db, &dq, 0, (int)nd, rows) : 0;
	if (got < 0)
		got = 0;
	free(x->district_ids);
	x->district_ids = xcalloc((size_t)got + 1, sizeof *x->district_ids);
	x->ndistricts = got;
	labels = xcalloc((size_t)got + 1, sizeof *labels);
	int cur = -1;
	for (int i = 0; i < got; i++) {
		labels[i] = rows[i].d.name;
		x->district_ids[i] = rows[i].d.id;
		if (rows[i].d.id == x->q.district_id)
			cur = i;
	}
	form_choice_list(f, N_("District"), labels, got, cur, _("any"));
	free(labels);
	free(rows);
	form_open(f);
}

/* the year */

static void year_picked(void *ctx, int64_t index)
{
	struct exchanges *x = ctx;
	if (index < 0 || index >= x->nyears)
		return;
	exchanges_set_year(x, x->years[index]);
	app_msg(x->v.app, MSG_INFO, _("School year %s."), x->year);
}

void exchange_year_open(struct exchanges *x)
{
	years_build(x);
	const char **labels = xcalloc((size_t)x->nyears + 1, sizeof *labels);
	for (int i = 0; i < x->nyears; i++)
		labels[i] = x->years[i];
	picker_labels(x->v.app, _("School year"), labels, x->nyears, year_index(x), year_picked, x);
	free(labels);
}

/* status changes */

/* "approve" and the like in the interface's words, for questions. */
static const char *act_verb(int action)
{
	switch (action) {
	case EXA_APPROVE:
		return _("Approve");
	case EXA_START:
		return _("Start");
	case EXA_COMPLETE:
		return _("Complete");
	case EXA_REJECT:
		return _("Reject");
	default:
		return _("Cancel");
	}
}

static void act_now(struct exchanges *x, int action, int evaluation, const char *reason)
{
	struct app *a = x->v.app;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_exchange_act_reason(xdb(x), x->ask_id, x->ask_rev,
		enum_key(exchange_action_items, action), evaluation, reason, msg);
	if (rc != XQ_OK) {
		refusal_text(a, rc, "exchange", x->ask_id, msg, text, sizeof text);
		app_msg(a, MSG_WARN, "%s", text);
		return;
	}
	struct exchange e;
	if (db_exchange_get(xdb(x), x->ask_id, &e) == XQ_OK) {
		if (e.status == EXS_EXTENDED)
			app_msg(a, MSG_WARN, _("The exchange of %s is %s until %s (evaluation %s)."),
				x->ask_name, ui_enum(exchange_status_items, e.status), e.end_date,
				ui_enum(evaluation_items, e.evaluation));
		else if (reason && *reason)
			app_msg(a, MSG_GOOD, _("The exchange of %s is %s: %s."), x->ask_name,
				ui_enum(exchange_status_items, e.status), reason);
		else
			app_msg(a, MSG_GOOD, _("The exchange of %s is %s."), x->ask_name,
				ui_enum(exchange_status_items, e.status));
		long away, cap;
		if (db_exchange_over_cap(xdb(x), &e, exchanges_policy(x), &away, &cap))
			app_msg(a, MSG_WARN, _("The sending school will have %ld teachers away at once, "
					       "more than max_out_ratio allows (%ld)."),
				away, cap);
	}
	exchanges_after_write(x, x->ask_id);
}

static void act_yes(void *ctx)
{
	struct exchanges *x = ctx;
	act_now(x, x->ask_action, x->ask_evaluation, NULL);
}

static void reject_reason(void *ctx, const char *reason)
{
	struct exchanges *x = ctx;
	if (!reason) {
		app_msg(x->v.app, MSG_INFO, "%s", _("Nothing was done."));
		return;
	}
	char r[TEXT_LEN];
	xq_copy(r, sizeof r, reason);
	act_now(x, EXA_REJECT, EVAL_NONE, str_trim(r));
}

static void evaluation_picked(void *ctx, int64_t index)
{
	struct exchanges *x = ctx;
	if (index < EVAL_EXCELLENT || index > EVAL_UNQUALIFIED)
		return;
	x->ask_action = EXA_COMPLETE;
	x->ask_evaluation = (int)index;
	char q[768];
	snprintf(q, sizeof q, _("Complete the exchange of %s with the evaluation %s? (y/n)"),
		x->ask_name, ui_enum(evaluation_items, (int)index));
	prompt_confirm(x->v.app, q, act_yes, x);
}

void exchange_act(struct exchanges *x, int action)
{
	struct app *a = x->v.app;
	const struct exchange_row *r = exchanges_current(x);
	if (!r) {
		app_msg(a, MSG_INFO, "%s", _("No exchange is selected."));
		return;
	}
	x->ask_id = r->e.id;
	x->ask_rev = r->e.rev;
	x->ask_action = action;
	x->ask_evaluation = EVAL_NONE;
	xq_copy(x->ask_name, sizeof x->ask_name, r->teacher_name);
	/* a change the rules refuse is said before anything is asked */
	char why[XQ_MSG_MAX] = "";
	if (exchange_transition(r->e.status, enum_key(exchange_action_items, action), NULL, why) !=
	    XQ_OK) {
		app_msg(a, MSG_WARN, _("Refused: %s"), why);
		return;
	}
	char q[768];
	if (action == EXA_COMPLETE) {
		const char *labels[3];
		for (int i = 0; i < 3; i++)
			labels[i] = ui_enum(evaluation_items, i);
		snprintf(q, sizeof q, _("Evaluation of %s"), r->teacher_name);
		picker_labels(a, q, labels, 3, EVAL_QUALIFIED, evaluation_picked, x);
		return;
	}
	if (action == EXA_REJECT) {
		app_msg(a, MSG_INFO, _("Reject the exchange of %s to %s? Type the reason and Enter; Esc keeps it."),
			r->teacher_name, r->to_name);
		prompt_open(a, _("Reason: "), "", reject_reason, NULL, x);
		return;
	}
	snprintf(q, sizeof q, _("%s the exchange of %s to %s? (y/n)"), act_verb(action),
		r->teacher_name, r->to_name);
	prompt_confirm(a, q, act_yes, x);
}

/* tagged exchanges */

bool exchanges_is_tagged(const struct exchanges *x, int64_t id)
{
	for (int i = 0; i < x->ntags; i++)
		if (x->tags[i] == id)
			return true;
	return false;
}

void exchanges_untag_all(struct exchanges *x)
{
	x->ntags = 0;
}

/* Acts on every tagged exchange; those refused stay tagged, the rest are untagged. */
static void act_tagged_now(struct exchanges *x, const char *reason)
{
	struct app *a = x->v.app;
	int done = 0, refused = 0, kept = 0;
	char first[XQ_MSG_MAX] = "";
	int64_t last = 0;
	for (int i = 0; i < x->ntags; i++) {
		struct exchange e;
		char msg[XQ_MSG_MAX] = "";
		int rc = db_exchange_get(xdb(x), x->tags[i], &e);
		if (rc == XQ_OK)
			rc = db_exchange_act_reason(xdb(x), e.id, e.rev,
				enum_key(exchange_action_items, x->ask_action), EVAL_NONE, reason, msg);
		if (rc == XQ_OK) {
			done++;
			last = x->tags[i];
			continue;
		}
		if (!first[0])
			xq_copy(first, sizeof first, msg[0] ? msg : _("That exchange is gone."));
		refused++;
		x->tags[kept++] = x->tags[i];
	}
	x->ntags = kept;
	const char *verb = ui_enum(exchange_status_items,
		x->ask_action == EXA_APPROVE ? EXS_APPROVED
		: x->ask_action == EXA_START ? EXS_ACTIVE
		: x->ask_action == EXA_REJECT ? EXS_REJECTED
					       : EXS_CANCELLED);
	if (refused)
		app_msg(a, MSG_WARN, _("%d exchanges %s; %d refused, still tagged: %s"), done, verb,
			refused, first);
	else if (reason && *reason)
		app_msg(a, MSG_GOOD, _("%d exchanges %s: %s."), done, verb, reason);
	else
		app_msg(a, MSG_GOOD, _("%d exchanges %s."), done, verb);
	exchanges_after_write(x, last);
}

static void tagged_yes(void *ctx)
{
	act_tagged_now(ctx, NULL);
}

static void tagged_reason(void *ctx, const char *reason)
{
	struct exchanges *x = ctx;
	if (!reason) {
		app_msg(x->v.app, MSG_INFO, "%s", _("Nothing was done."));
		return;
	}
	char r[TEXT_LEN];
	xq_copy(r, sizeof r, reason);
	act_tagged_now(x, str_trim(r));
}

void exchange_act_tagged(struct exchanges *x, int action)
{
	struct app *a = x->v.app;
	if (!x->ntags) {
		app_msg(a, MSG_INFO, "%s", _("No exchange is tagged: t tags the selected one."));
		return;
	}
	if (action == EXA_COMPLETE) {
		app_msg(a, MSG_INFO, "%s",
			_("Complete exchanges one by one: each needs its own evaluation."));
		return;
	}
	x->ask_action = action;
	char q[512];
	if (action == EXA_REJECT) {
		app_msg(a, MSG_INFO, _("Reject the %d tagged exchanges? Type the reason and Enter; Esc keeps them."),
			x->ntags);
		prompt_open(a, _("Reason: "), "", tagged_reason, NULL, x);
		return;
	}
	snprintf(q, sizeof q, _("%s the %d tagged exchanges? (y/n)"), act_verb(action), x->ntags);
	prompt_confirm(a, q, tagged_yes, x);
}
