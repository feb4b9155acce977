/* form.h: the one form widget — a window of labelled fields, one per line, for adding
 * and editing records. Text is edited in place; choices are picked from a list; type
 * checks run before the pane's submit, whose refusal keeps the user's input. */
#ifndef XQ_TUI_FORM_H
#define XQ_TUI_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/edit.h"
#include "tui/ui.h"

enum field_kind { FK_TEXT, FK_INT, FK_REAL, FK_DATE, FK_CHOICE, FK_SCHOOL };

struct field {
	const char *label; /* N_() */
	int kind;
	bool required;
	struct edit ed; /* text, numbers and dates */
	long lo, hi;	/* FK_INT bounds */
	char **choices; /* FK_CHOICE labels (translated copies) */
	int nchoices;
	char *none;	/* label for "no choice", NULL when one is required */
	int choice;	/* -1 = none */
	int64_t school_id; /* FK_SCHOOL; 0 = none */
	char school_text[NAME_LEN + CODE_LEN + 8];
	char error[256];
	int rows; /* lines on screen: 1, more for a note */
};

struct entry_form;
typedef int (*form_submit_fn)(struct entry_form *f, void *ctx);

struct entry_form {
	struct layer layer;
	char title[256];
	struct field *fields;
	int n, cap, cur, scroll;
	char message[XQ_MSG_MAX];
	int message_kind;
	form_submit_fn submit; /* XQ_OK closes the form */
	void *ctx;
	void (*free_ctx)(void *ctx);
	bool changed;
	struct keymap keys;
};

enum form_action_id { FA_NEXT = 3000, FA_PREV, FA_SAVE, FA_CANCEL, FA_CHOOSE };
extern const struct action form_actions[];

/* A new form; ctx is given to submit and released with free_ctx (may be NULL). */
struct entry_form *form_new(struct app *a, const char *title, form_submit_fn submit, void *ctx,
	void (*free_ctx)(void *ctx));
/* Fields; each returns its index. Labels are N_() strings. */
int form_text(struct entry_form *f, const char *label, const char *value, size_t max_bytes,
	bool required);
/* value XQ_UNKNOWN (-1) shows empty */
int form_int(struct entry_form *f, const char *label, long value, long lo, long hi, bool required);
/* value NAN shows empty */
int form_real(struct entry_form *f, const char *label, double value, bool required);
int form_date(struct entry_form *f, const char *label, const char *value, bool required);
/* A note of several lines: C-j (or a pasted line break) starts a new line. */
int form_note(struct entry_form *f, const char *label, const char *value, size_t max_bytes);
/* Choices from an enumeration, or from labels; none: label of "no choice" or NULL. */
int form_choice(struct entry_form *f, const char *label, const struct enum_item *items, int value,
	const char *none);
int form_choice_list(struct entry_form *f, const char *label, const char *const *labels, int n,
	int value, const char *none);
int form_school(struct entry_form *f, const char *label, int64_t school_id, bool required);
/* Shows the form on top. */
void form_open(struct entry_form *f);

/* Values (after the type checks passed). */
void form_get_text(struct entry_form *f, int i, char *out, size_t size);
long form_get_int(struct entry_form *f, int i);     /* XQ_UNKNOWN when empty */
double form_get_real(struct entry_form *f, int i);  /* NAN when empty */
int form_get_choice(struct entry_form *f, int i);   /* -1 when none */
int64_t form_get_school(struct entry_form *f, int i); /* 0 when none */
void form_set_error(struct entry_form *f, int i, const char *text);
void form_set_message(struct entry_form *f, int kind, const char *text);
/* A write the database refused: a stale record names who changed it and when (from the
 * audit log); other refusals show the database's message. The input stays. */
void form_refused(struct entry_form *f, int rc, const char *table, int64_t id, const char *dbmsg);
/* The same words for a refused write outside a form (a delete, an end). */
void refusal_text(struct app *a, int rc, const char *table, int64_t id, const char *dbmsg,
	char *out, size_t size);
/* A validation failure of field key (validate.h's name) shown under the field whose
 * position in keys (NULL-ended) it has, or as the form's message. */
void form_invalid(struct entry_form *f, const char *key, const char *const *keys, const char *msg);

#endif
