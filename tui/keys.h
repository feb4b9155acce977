/* keys.h: key codes, key names, and the action tables every pane declares. One table
 * per pane feeds key dispatch, the hint line, `?` help and the man page's key list;
 * the [keys] section of the configuration rebinds actions by name. */
#ifndef XQ_TUI_KEYS_H
#define XQ_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

struct conf;

/* A key is a wide character, or an ncurses function key moved above Unicode. */
#define TK_FN(k) (0x110000 + (k))
#define TK_IS_FN(k) ((k) >= 0x110000)
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_NONE (-1)
#define TK_TAB 9
#define TK_ENTER 13
#define TK_ESC 27
#define TK_BACKSPACE TK_FN(0407) /* KEY_BACKSPACE */
#define TK_RESIZE TK_FN(0632)	 /* KEY_RESIZE */
/* Bracketed paste: its start and end, and a newline inside it (never Enter). */
#define TK_PASTE_START TK_FN(01001)
#define TK_PASTE_END TK_FN(01002)
#define TK_PASTE_NL TK_FN(01003)

/* What a pane can do: one row per action, ending with a row whose name is NULL. */
struct action {
	int id;		   /* the pane's own number for it */
	const char *name;  /* "districts.add": the [keys] name */
	const char *keys;  /* default keys, names separated by spaces: "j Down" */
	const char *label; /* N_() short word for the hint line; NULL = not a hint */
	const char *help;  /* N_() one line for `?` help and the man page */
	unsigned ctx;	   /* where it applies (pane-defined bits); 0 = anywhere */
};

/* The sections of a pane's help, one per context bit. */
struct action_ctx {
	unsigned ctx;
	const char *title; /* N_() */
};

#define KEYMAP_KEYS 12

/* An action table with its effective keys (defaults or [keys] overrides). */
struct keymap {
	const struct action *actions;
	int n;
	int (*keys)[KEYMAP_KEYS];
	int *nkeys;
};

/* Binds a table. Bad key names in [keys] are reported once through warn (may be NULL). */
void keymap_init(struct keymap *m, const struct action *actions, const struct conf *c,
	void (*warn)(void *ctx, const char *text), void *ctx);
void keymap_free(struct keymap *m);
/* The id of the action bound to key in context ctx, or -1. */
int keymap_lookup(const struct keymap *m, int key, unsigned ctx);
/* Index of the action with this id, or -1. */
int keymap_index(const struct keymap *m, int id);
/* The bound keys of the action at index i, "j Down", or the first only. */
void keymap_keys_text(const struct keymap *m, int i, bool first_only, char *buf, size_t size);

/* "a", "Down", "C-l", "Space" ...; a wide character as itself. */
const char *tk_name(int key, char *buf, size_t size);
/* Key by name, or TK_NONE. */
int tk_parse(const char *name);
/* on: Home and End read from every sequence terminals send for them, and bracketed
 * paste turned on (its bounds read as TK_PASTE_START and TK_PASTE_END); off: paste mode
 * turned off again, after endwin. */
void tk_terminal_keys(bool on);

#endif
