/* report.h: a report as data — a title, lines of facts and tables — written as aligned
 * text, as CSV or as a self-contained print-ready HTML page. No SQL, no curses. */
#ifndef XQ_CORE_REPORT_H
#define XQ_CORE_REPORT_H

#include <stdbool.h>

#include "core/util.h"

#define REPORT_MAX_COLS 12

struct report_table {
	char *caption;
	int ncols;
	char *head[REPORT_MAX_COLS];
	bool right[REPORT_MAX_COLS]; /* numbers: aligned right */
	char **cells;		     /* nrows × ncols */
	int nrows, cap;
};

struct report {
	char *title;
	char **facts; /* "label: value" lines under the title */
	int nfacts;
	struct report_table *tables;
	int ntables;
};

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_HTML };

void report_init(struct report *r, const char *title);
void report_free(struct report *r);
void report_fact(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A new table; returns it for rows to be added. */
struct report_table *report_table(struct report *r, const char *caption, int ncols,
	const char *const *head);
void report_row(struct report_table *t, const char *const *cells);
/* The format a file name asks for: .csv, .html/.htm, anything else text. */
enum report_format report_format_of(const char *path);
/* Text: title, facts, then each table aligned by display width. CSV: the first table
 * only, header and rows (the facts are not data). HTML: one page, A4, inline style, every
 * text escaped. */
void report_write(const struct report *r, enum report_format f, struct strbuf *out);

#endif
