/* keys.c: key names, the sequences terminals send for Home, End and pastes, binding
 * action tables to keys (with [keys] overrides), the actions
 * every list and the whole console share, and the key list for the man page. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "conf/conf.h"
#include "core/i18n.h"
#include "tui/exchanges.h"
#include "tui/facilities.h"
#include "tui/form.h"
#include "tui/inspections.h"
#include "tui/tui.h"
#include "tui/ui.h"

const struct action global_actions[] = {
	{GA_PANE1, "global.pane1", "1", NULL, N_("Show the Districts pane"), 0},
	{GA_PANE2, "global.pane2", "2", NULL, N_("Show the Exchanges pane"), 0},
	{GA_PANE3, "global.pane3", "3", NULL, N_("Show the Scheduling pane"), 0},
	{GA_PANE4, "global.pane4", "4", NULL, N_("Show the Facilities pane"), 0},
	{GA_PANE5, "global.pane5", "5", NULL, N_("Show the Inspections pane"), 0},
	{GA_FOCUS, "global.focus", "Tab S-Tab", NULL, N_("Move the focus between list and detail"), 0},
	{GA_COMMAND, "global.command", ":", N_("command"), N_("Open the command line (:help lists the commands)"), 0},
	{GA_HELP, "global.help", "? F1", N_("help"), N_("Show the keys of this pane"), 0},
	{GA_BACK, "global.back", "q Esc", N_("back"), N_("Go back one level; q on the top level quits"), 0},
	{GA_POLICY, "global.policy", "P", NULL, N_("Show the county's policy; an admin changes it there"), 0},
	{GA_REDRAW, "global.redraw", "C-l", NULL, N_("Redraw the screen"), 0},
	{GA_HISTORY, "global.history", "H", NULL, N_("Show the selected record's history: who changed what, when"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

const struct action list_actions[] = {
	{LA_DOWN, "list.down", "j Down C-n", NULL, N_("Next row"), 0},
	{LA_UP, "list.up", "k Up C-p", NULL, N_("Previous row"), 0},
	{LA_TOP, "list.top", "g Home", NULL, N_("First row"), 0},
	{LA_BOTTOM, "list.bottom", "G End", NULL, N_("Last row"), 0},
	{LA_PAGE_DOWN, "list.page_down", "PgDn C-f Space", NULL, N_("Next page"), 0},
	{LA_PAGE_UP, "list.page_up", "PgUp C-b", NULL, N_("Previous page"), 0},
	{LA_HALF_DOWN, "list.half_down", "C-d", NULL, N_("Half a page down"), 0},
	{LA_HALF_UP, "list.half_up", "C-u", NULL, N_("Half a page up"), 0},
	{LA_SEARCH, "list.search", "/", N_("search"), N_("Search names as you type"), 0},
	{LA_NEXT, "list.next", "n", NULL, N_("Next match"), 0},
	{LA_PREV, "list.prev", "N", NULL, N_("Previous match"), 0},
	{LA_SORT, "list.sort", "s", NULL, N_("Sort by the next column"), 0},
	{LA_REVERSE, "list.reverse", "S", NULL, N_("Reverse the sort order"), 0},
	{LA_FILTER, "list.filter", "f", N_("filter"), N_("Filter the list"), 0},
	{LA_CLEAR_FILTER, "list.clear_filter", "F", NULL, N_("Clear the filter"), 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", TK_ENTER},
	{"Esc", TK_ESC},
	{"Tab", TK_TAB},
	{"S-Tab", TK_FN(KEY_BTAB)},
	{"Space", ' '},
	{"Up", TK_FN(KEY_UP)},
	{"Down", TK_FN(KEY_DOWN)},
	{"Left", TK_FN(KEY_LEFT)},
	{"Right", TK_FN(KEY_RIGHT)},
	{"PgUp", TK_FN(KEY_PPAGE)},
	{"PgDn", TK_FN(KEY_NPAGE)},
	{"Home", TK_FN(KEY_HOME)},
	{"End", TK_FN(KEY_END)},
	{"Backspace", TK_BACKSPACE},
	{"Del", TK_FN(KEY_DC)},
	{"Ins", TK_FN(KEY_IC)},
	{"Resize", TK_RESIZE},
};

const char *tk_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < XQ_NELEM(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (TK_IS_FN(key)) {
		int k = key - TK_FN(0);
		if (k >= KEY_F(1) && k <= KEY_F(24))
			snprintf(buf, size, "F%d", k - KEY_F(0));
		else
			snprintf(buf, size, "<%d>", k);
	} else if (key >= 1 && key < 32) {
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	} else if (key == 127) {
		snprintf(buf, size, "Backspace");
	} else {
		char mb[8];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n == (size_t)-1)
			snprintf(buf, size, "U+%04X", (unsigned)key);
		else
			snprintf(buf, size, "%.*s", (int)n, mb);
	}
	return buf;
}

int tk_parse(const char *name)
{
	for (size_t i = 0; i < XQ_NELEM(key_names); i++)
		if (strcmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if ((name[0] == 'C' && name[1] == '-') || name[0] == '^') {
		const char *c = name + (name[0] == '^' ? 1 : 2);
		if (c[0] >= 'a' && c[0] <= 'z' && !c[1])
			return TK_CTRL(c[0]);
		if (c[0] >= 'A' && c[0] <= 'Z' && !c[1])
			return TK_CTRL(c[0]);
		return TK_NONE;
	}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 24)
			return TK_FN(KEY_F(n));
	}
	/* one character */
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(&wc, name, strlen(name), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || name[n] != '\0')
		return TK_NONE;
	return (int)wc;
}

void tk_terminal_keys(bool on)
{
	if (!on) {
		fputs("\033[?2004l", stdout);
		fflush(stdout);
		return;
	}
	/* PuTTY, tmux and the Linux console, rxvt, xterm: whatever the terminfo entry says */
	static const char *const homes[] = {"\033[1~", "\033[7~", "\033[H", "\033OH"};
	static const char *const ends[] = {"\033[4~", "\033[8~", "\033[F", "\033OF"};
	for (size_t i = 0; i < XQ_NELEM(homes); i++) {
		define_key(homes[i], KEY_HOME);
		define_key(ends[i], KEY_END);
	}
	define_key("\033[200~", TK_PASTE_START - TK_FN(0));
	define_key("\033[201~", TK_PASTE_END - TK_FN(0));
	fputs("\033[?2004h", stdout);
	fflush(stdout);
}

/* Parses "j Down" into keys; false when a name is unknown. */
static bool parse_keys(const char *spec, int *keys, int *n, char *bad, size_t badsize)
{
	char buf[128];
	xq_copy(buf, sizeof buf, spec);
	*n = 0;
	bool ok = true;
	for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t;
	     t = strtok_r(NULL, " \t", &save)) {
		int k = tk_parse(t);
		if (k == TK_NONE) {
			if (ok)
				snprintf(bad, badsize, "%s", t);
			ok = false;
			continue;
		}
		if (*n < KEYMAP_KEYS)
			keys[(*n)++] = k;
	}
	return ok;
}

void keymap_init(struct keymap *m, const struct action *actions, const struct conf *c,
	void (*warn)(void *ctx, const char *text), void *ctx)
{
	int n = 0;
	while (actions[n].name)
		n++;
	m->actions = actions;
	m->n = n;
	m->keys = xcalloc((size_t)n + 1, sizeof *m->keys);
	m->nkeys = xcalloc((size_t)n + 1, sizeof *m->nkeys);
	for (int i = 0; i < n; i++) {
		const char *spec = c ? conf_key(c, actions[i].name) : NULL;
		char bad[64] = "";
		if (spec && !parse_keys(spec, m->keys[i], &m->nkeys[i], bad, sizeof bad) && warn) {
			char text[256];
			snprintf(text, sizeof text, _("[keys] %s: unknown key \"%s\""), actions[i].name,
				bad);
			warn(ctx, text);
		}
		if (!spec || m->nkeys[i] == 0)
			parse_keys(actions[i].keys, m->keys[i], &m->nkeys[i], bad, sizeof bad);
	}
}

void keymap_free(struct keymap *m)
{
	free(m->keys);
	free(m->nkeys);
	m->keys = NULL;
	m->nkeys = NULL;
	m->n = 0;
}

int keymap_lookup(const struct keymap *m, int key, unsigned ctx)
{
	for (int i = 0; i < m->n; i++) {
		if (m->actions[i].ctx && !(m->actions[i].ctx & ctx))
			continue;
		for (int k = 0; k < m->nkeys[i]; k++)
			if (m->keys[i][k] == key)
				return m->actions[i].id;
	}
	return -1;
}

int keymap_index(const struct keymap *m, int id)
{
	for (int i = 0; i < m->n; i++)
		if (m->actions[i].id == id)
			return i;
	return -1;
}

void keymap_keys_text(const struct keymap *m, int i, bool first_only, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (int k = 0; k < m->nkeys[i] && o + 1 < size; k++) {
		char name[32];
		tk_name(m->keys[i][k], name, sizeof name);
		o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? " " : "", name);
		if (first_only || o >= size)
			break;
	}
}

/* Key names for mdoc: backslashes escaped, lone punctuation kept from being a delimiter. */
static void print_mdoc_keys(FILE *out, const char *keys)
{
	bool start = true;
	for (const char *p = keys; *p; p++) {
		if (start && strchr(".,:;()[]?!|", *p) && (p[1] == ' ' || !p[1]))
			fputs("\\&", out);
		start = *p == ' ';
		if (*p == '\\')
			fputs("\\e", out);
		else
			fputc(*p, out);
	}
}

/* "on a member school": where an action applies, when only in one place. */
static const char *where(const struct action_ctx *c, unsigned ctx)
{
	for (; c && c->title; c++)
		if (c->ctx == ctx)
			return c->title;
	return NULL;
}

static void print_table(FILE *out, const char *title, const struct action *t,
	const struct action_ctx *contexts, const struct conf *conf, int mdoc)
{
	struct keymap m;
	keymap_init(&m, t, conf, NULL, NULL);
	if (mdoc)
		fprintf(out, ".Ss %s\n.Bl -tag -width Ds\n", title);
	else
		fprintf(out, "%s\n", title);
	for (int i = 0; i < m.n; i++) {
		char keys[96];
		keymap_keys_text(&m, i, false, keys, sizeof keys);
		const char *wc = where(contexts, t[i].ctx);
		char wbuf[128], help[256];
		const char *w = NULL;
		if (wc) { /* "On a member school" reads "on a member school" inside a sentence */
			snprintf(wbuf, sizeof wbuf, "%s", wc);
			wbuf[0] = (char)tolower((unsigned char)wbuf[0]);
			w = wbuf;
		}
		size_t hl = strlen(t[i].help);
		if (!w)
			snprintf(help, sizeof help, "%s", t[i].help);
		else if (hl && t[i].help[hl - 1] == ')') /* "(asks first)" takes the place too */
			snprintf(help, sizeof help, "%.*s; %s)", (int)(hl - 1), t[i].help, w);
		else
			snprintf(help, sizeof help, "%s (%s)", t[i].help, w);
		if (mdoc) {
			fputs(".It Sy ", out);
			print_mdoc_keys(out, keys);
			fprintf(out, " Pq Ic %s\n%s.\n", t[i].name, help);
		} else {
			fprintf(out, "  %-16s %-28s %s\n", keys, t[i].name, help);
		}
	}
	if (mdoc)
		fputs(".El\n", out);
	keymap_free(&m);
}

const struct view_ops *const all_view_ops[] = {
	&districts_view_ops, &schools_view_ops, &exchanges_view_ops, &exchange_quota_view_ops,
	&exchange_plan_view_ops, &teachers_view_ops, &exemptions_view_ops, &history_view_ops,
	&operators_view_ops, &inspections_view_ops, &checklist_view_ops, &indicators_view_ops,
	&rectifications_view_ops, &merge_view_ops, &facilities_view_ops, &room_week_view_ops,
	&approvals_view_ops, &usage_view_ops, &scheduling_view_ops, &term_view_ops, &grid_view_ops, NULL,
};

void tui_keys_print(FILE *out, const struct conf *conf, int mdoc)
{
	print_table(out, "Everywhere", global_actions, NULL, conf, mdoc);
	print_table(out, "Lists", list_actions, NULL, conf, mdoc);
	for (int i = 0; all_view_ops[i]; i++)
		if (all_view_ops[i]->actions && all_view_ops[i]->actions[0].name)
			print_table(out, all_view_ops[i]->title, all_view_ops[i]->actions,
				all_view_ops[i]->contexts, conf, mdoc);
	print_table(out, "Forms", form_actions, NULL, conf, mdoc);
}
