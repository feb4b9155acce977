/* stored_text.c: finding stored text that the field checks would refuse (control
 * characters, bidirectional controls, stray line breaks), written by some other means
 * than xuequ; part of `xuequ check`. */
#include <stdio.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/admin.h"
#include "db/internal.h"

/* Each query gives a row's key and the text of one column; what says which record. */
static const struct {
	const char *sql;
	const char *column;
	bool multiline;
	const char *what; /* "school %s: %s": the key, then the check's message */
} stored_texts[] = {
	{"SELECT code, name FROM school", "name", false, N_("school %s: %s")},
	{"SELECT code, short_name FROM school WHERE short_name IS NOT NULL", "short_name", false,
		N_("school %s: %s")},
	{"SELECT code, town FROM school WHERE town IS NOT NULL", "town", false, N_("school %s: %s")},
	{"SELECT name, name FROM district", "name", false, N_("district %s: %s")},
	{"SELECT name, note FROM district WHERE note IS NOT NULL", "note", true,
		N_("district %s: %s")},
	{"SELECT staff_no, staff_no FROM teacher", "staff_no", false, N_("teacher %s: %s")},
	{"SELECT staff_no, name FROM teacher", "name", false, N_("teacher %s: %s")},
	{"SELECT staff_no, subjects FROM teacher WHERE subjects IS NOT NULL", "subjects", false,
		N_("teacher %s: %s")},
	{"SELECT staff_no, title FROM teacher WHERE title IS NOT NULL", "title", false,
		N_("teacher %s: %s")},
	{"SELECT id, goals FROM agreement WHERE goals IS NOT NULL", "goals", true,
		N_("agreement %s: %s")},
	{"SELECT id, note FROM activity WHERE note IS NOT NULL", "note", true, N_("activity %s: %s")},
	{"SELECT id, note FROM exemption WHERE note IS NOT NULL", "note", true,
		N_("exemption %s: %s")},
	{"SELECT login, login FROM operator", "login", false, N_("operator %s: %s")},
};

long db_check_text(struct db *db, void (*problem)(void *ctx, const char *what), void *ctx)
{
	long found = 0;
	char msg[XQ_MSG_MAX], buf[XQ_MSG_MAX + 64];
	for (size_t i = 0; i < XQ_NELEM(stored_texts); i++) {
		sqlite3_stmt *st = db_stmt(db, stored_texts[i].sql, NULL);
		if (!st)
			return -1;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *key = (const char *)sqlite3_column_text(st, 0);
			const char *text = (const char *)sqlite3_column_text(st, 1);
			if (!text || text_check(stored_texts[i].column, text, stored_texts[i].multiline, msg))
				continue;
			snprintf(buf, sizeof buf, _(stored_texts[i].what), key ? key : "", msg);
			problem(ctx, buf);
			found++;
		}
		db_done(st);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return found;
}
