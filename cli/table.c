/* table.c: aligned tables and CSV for the reports. What the database holds is printed with
 * control characters, line breaks and bidirectional controls made visible (text_escape);
 * CSV keeps the bytes as stored when it goes to a file or a pipe, and is escaped like the
 * table when it goes to a terminal. */
#include "cli/table.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/text.h"

struct table {
	int ncols, nrows, cap;
	char **cells; /* nrows+1 rows (headers first) of ncols */
	bool *right;
	const char *const *zh; /* Chinese headers, or NULL */
};

struct table *table_new(const char *const *headers, int ncols)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->right = xcalloc((size_t)ncols, sizeof *t->right);
	t->nrows = -1;
	table_add(t, headers);
	return t;
}

void table_add(struct table *t, const char *const *cells)
{
	if (t->nrows + 1 >= t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xrealloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	t->nrows++;
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
}

void table_labels(struct table *t, const char *const *zh)
{
	t->zh = zh;
}

void table_right(struct table *t, int col)
{
	t->right[col] = true;
}

void table_print(struct table *t, FILE *out, bool csv)
{
	int rows = t->nrows + 1, n = rows * t->ncols;
	bool escape = !csv || isatty(fileno(out));
	/* the cells as printed: escaped copies where needed */
	char **shown = xcalloc((size_t)n, sizeof *shown);
	for (int i = 0; i < n; i++) {
		if (escape && text_needs_escape(t->cells[i])) {
			struct strbuf b;
			sb_init(&b);
			text_escape(&b, t->cells[i], false);
			shown[i] = sb_steal(&b);
		} else
			shown[i] = xstrdup(t->cells[i]);
	}
	if (csv) {
		struct strbuf b;
		sb_init(&b);
		for (int r = 0; r < rows; r++)
			csv_row(&b, (const char *const *)&shown[r * t->ncols], (size_t)t->ncols);
		fwrite(b.s, 1, b.len, out);
		sb_free(&b);
	} else {
		/* the header row in Chinese when the interface is */
		if (t->zh && i18n_is_zh())
			for (int c = 0; c < t->ncols; c++) {
				free(shown[c]);
				shown[c] = xstrdup(t->zh[c]);
			}
		int *w = xcalloc((size_t)t->ncols, sizeof *w);
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < t->ncols; c++) {
				int cw = utf8_width(shown[r * t->ncols + c]);
				if (cw > w[c])
					w[c] = cw;
			}
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < t->ncols; c++) {
				const char *s = shown[r * t->ncols + c];
				int pad = w[c] - utf8_width(s);
				bool last = c == t->ncols - 1;
				if (t->right[c])
					fprintf(out, "%*s%s", pad, "", s);
				else
					fprintf(out, "%s%*s", s, last ? 0 : pad, "");
				if (!last)
					fputs("  ", out);
			}
			fputc('\n', out);
		}
		free(w);
	}
	for (int i = 0; i < n; i++)
		free(shown[i]);
	free(shown);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (int i = 0; i < (t->nrows + 1) * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t);
}

bool table_format_arg(const char *command, const char *arg, bool *csv)
{
	if (strcmp(arg, "csv") == 0)
		*csv = true;
	else if (strcmp(arg, "table") == 0)
		*csv = false;
	else {
		cli_usage(command, _("--format takes table or csv, not '%s'"), arg);
		return false;
	}
	return true;
}
