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
	int ncols, nrows; /* rows after the headers */
	/* every cell as added, NUL-terminated, one after another: off[] says where each
	 * begins ((nrows + 1) * ncols of them, headers first) */
	struct strbuf text;
	size_t *off;
	size_t cap; /* of off, in cells */
	bool *right;
	const char *const *zh; /* Chinese headers, or NULL */
	FILE *stream;	       /* CSV written row by row as added (table_stream_csv) */
	bool stream_escape;
	struct strbuf line;
};

struct table *table_new(const char *const *headers, int ncols)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->right = xcalloc((size_t)ncols, sizeof *t->right);
	sb_init(&t->text);
	sb_init(&t->line);
	t->nrows = -1;
	table_add(t, headers);
	return t;
}

/* A cell as printed, in b: escaped where needed. Returns the text. */
static const char *shown(const char *cell, bool escape, struct strbuf *b)
{
	if (!escape || !text_needs_escape(cell))
		return cell;
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	text_escape(b, cell, false);
	return b->s;
}

/* Writes one row as CSV to the stream. */
static void stream_row(struct table *t, const char *const *cells)
{
	struct strbuf *esc = xcalloc((size_t)t->ncols, sizeof *esc);
	const char **row = xcalloc((size_t)t->ncols, sizeof *row);
	for (int i = 0; i < t->ncols; i++) {
		sb_init(&esc[i]);
		row[i] = shown(cells[i] ? cells[i] : "", t->stream_escape, &esc[i]);
	}
	t->line.len = 0;
	csv_row(&t->line, row, (size_t)t->ncols);
	fwrite(t->line.s, 1, t->line.len, t->stream);
	for (int i = 0; i < t->ncols; i++)
		sb_free(&esc[i]);
	free(esc);
	free(row);
}

void table_add(struct table *t, const char *const *cells)
{
	if (t->stream) {
		stream_row(t, cells);
		t->nrows++;
		return;
	}
	size_t need = (size_t)(t->nrows + 2) * (size_t)t->ncols;
	if (need > t->cap) {
		t->cap = t->cap ? t->cap * 2 : (size_t)t->ncols * 32;
		while (t->cap < need)
			t->cap *= 2;
		t->off = xrealloc(t->off, t->cap * sizeof *t->off);
	}
	t->nrows++;
	for (int i = 0; i < t->ncols; i++) {
		const char *c = cells[i] ? cells[i] : "";
		t->off[(size_t)t->nrows * (size_t)t->ncols + (size_t)i] = t->text.len;
		sb_add(&t->text, c, strlen(c) + 1);
	}
}

void table_stream_csv(struct table *t, FILE *out)
{
	if (t->stream || t->nrows != 0)
		return; /* only before the first row */
	t->stream = out;
	t->stream_escape = isatty(fileno(out));
	const char **h = xcalloc((size_t)t->ncols, sizeof *h);
	for (int i = 0; i < t->ncols; i++)
		h[i] = t->text.s + t->off[i];
	stream_row(t, h);
	free(h);
}

void table_labels(struct table *t, const char *const *zh)
{
	t->zh = zh;
}

void table_right(struct table *t, int col)
{
	t->right[col] = true;
}

static void spaces(FILE *out, int n)
{
	static const char blank[] = "                                                                ";
	while (n > 0) {
		int k = n < (int)sizeof blank - 1 ? n : (int)sizeof blank - 1;
		fwrite(blank, 1, (size_t)k, out);
		n -= k;
	}
}

void table_print(struct table *t, FILE *out, bool csv)
{
	if (t->stream)
		return; /* written as the rows came */
	size_t rows = (size_t)t->nrows + 1, nc = (size_t)t->ncols, n = rows * nc;
	bool escape = !csv || isatty(fileno(out));
	struct strbuf b;
	sb_init(&b);
	/* the header row in Chinese when the interface is */
	bool zh = !csv && t->zh && i18n_is_zh();
#define CELL(i) (zh && (i) < nc ? t->zh[i] : t->text.s + t->off[i])
	if (csv) {
		const char **row = xcalloc(nc, sizeof *row);
		struct strbuf *esc = xcalloc(nc, sizeof *esc);
		struct strbuf line;
		sb_init(&line);
		for (size_t r = 0; r < rows; r++) {
			for (size_t c = 0; c < nc; c++)
				row[c] = shown(CELL(r * nc + c), escape, &esc[c]);
			line.len = 0;
			csv_row(&line, row, nc);
			fwrite(line.s, 1, line.len, out);
		}
		for (size_t c = 0; c < nc; c++)
			sb_free(&esc[c]);
		free(esc);
		free(row);
		sb_free(&line);
	} else {
		/* each cell's width once, then the rows padded to the widest of each column */
		int *cw = xmalloc((n + 1) * sizeof *cw), *w = xcalloc(nc, sizeof *w);
		for (size_t i = 0; i < n; i++) {
			cw[i] = utf8_width(shown(CELL(i), escape, &b));
			if (cw[i] > w[i % nc])
				w[i % nc] = cw[i];
		}
		for (size_t r = 0; r < rows; r++) {
			for (size_t c = 0; c < nc; c++) {
				size_t i = r * nc + c;
				const char *s = shown(CELL(i), escape, &b);
				int pad = w[c] - cw[i];
				bool last = c == nc - 1;
				if (t->right[c])
					spaces(out, pad);
				fputs(s, out);
				if (!t->right[c] && !last)
					spaces(out, pad);
				if (!last)
					fputs("  ", out);
			}
			fputc('\n', out);
		}
		free(cw);
		free(w);
	}
#undef CELL
	sb_free(&b);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	sb_free(&t->text);
	sb_free(&t->line);
	free(t->off);
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
