/* table.h: report output — an aligned table measured in display columns (Chinese is two
 * columns wide), or CSV with --format csv. */
#ifndef XQ_CLI_TABLE_H
#define XQ_CLI_TABLE_H

#include <stdbool.h>
#include <stdio.h>

struct table;

struct table *table_new(const char *const *headers, int ncols);
/* Adds a row of ncols cells (copied). */
void table_add(struct table *t, const char *const *cells);
/* Chinese headers for the aligned form when the interface is Chinese (CSV keeps the
 * English keys, for scripts); zh has ncols entries, kept by reference. */
void table_labels(struct table *t, const char *const *zh);
/* Right-aligns a column (numbers) in the aligned form. */
void table_right(struct table *t, int col);
/* CSV from now on written to out as each row is added, nothing kept (the long reports);
 * table_print then writes nothing. Only before the first row. */
void table_stream_csv(struct table *t, FILE *out);
void table_print(struct table *t, FILE *out, bool csv);
void table_free(struct table *t);

/* "--format table|csv" → csv flag; false with a usage error printed when neither. */
bool table_format_arg(const char *command, const char *arg, bool *csv);

#endif
