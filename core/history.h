/* history.h: the audit log's versions of a row read as field lists — the flat JSON
 * objects the audit triggers write, parsed into fields and compared field by field —
 * and the words that name tables, fields and changes for people. */
#ifndef XQ_HISTORY_H
#define XQ_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/types.h"

/* One field of a row version; value NULL for SQL NULL. */
struct hist_field {
	char *key;
	char *value; /* strings decoded, numbers as written */
};

struct hist_fields {
	struct hist_field *f;
	int n;
};

/* Parses a flat JSON object ({"k": "text" | number | null | true | false, ...}); NULL or
 * "" gives no fields. XQ_OK, or XQ_ERR (and no fields) on anything else. */
int hist_parse(const char *json, struct hist_fields *out);
void hist_fields_free(struct hist_fields *f);
/* Whether the version has the field, and its value (NULL for null or absent). */
bool hist_has(const struct hist_fields *f, const char *key);
const char *hist_get(const struct hist_fields *f, const char *key);

/* A field that differs between two versions; before or after NULL when null or absent.
 * The strings point into the two field lists. */
struct hist_change {
	const char *key;
	const char *before, *after;
};

/* The fields that differ between before and after (either may be empty: an insert or a
 * delete), in the order of after's fields then before's; id and rev are left out. Returns
 * the number of changes (*out malloc'd, NULL when none). */
int hist_diff(const struct hist_fields *before, const struct hist_fields *after,
	struct hist_change **out);
/* The changed fields' keys joined by ", ", cut to size. */
void hist_changed_keys(const struct hist_fields *before, const struct hist_fields *after,
	char *buf, size_t size);
/* What names the row for people: its name, login or staff number; "" if none. */
void hist_label(const struct hist_fields *f, char *buf, size_t size);
/* The row's first date (start, date, from), NULL if none: with whom it belongs to, it
 * names rows without a name (an exemption, an exchange, a membership). */
const char *hist_date(const struct hist_fields *f);

/* N_() words: a table's name ("teacher" → "teacher"), a field's label in a table, an
 * operation's past tense ("update" → "changed"). Unknown keys come back as they are. */
const char *hist_table_label(const char *table);
const char *hist_field_label(const char *table, const char *key);
const char *hist_op_label(const char *op);
/* The enumeration a field of a table holds, NULL when it holds free text or numbers. */
const struct enum_item *hist_field_enum(const char *table, const char *key);

#endif
