/* report.c: reports as text, CSV or a print-ready HTML page, from one description. */
#include "core/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/text.h"

void report_init(struct report *r, const char *title)
{
	memset(r, 0, sizeof *r);
	r->title = xstrdup(title);
}

void report_free(struct report *r)
{
	free(r->title);
	for (int i = 0; i < r->nfacts; i++)
		free(r->facts[i]);
	free(r->facts);
	for (int t = 0; t < r->ntables; t++) {
		struct report_table *tb = &r->tables[t];
		free(tb->caption);
		for (int c = 0; c < tb->ncols; c++)
			free(tb->head[c]);
		for (int i = 0; i < tb->nrows * tb->ncols; i++)
			free(tb->cells[i]);
		free(tb->cells);
	}
	free(r->tables);
	memset(r, 0, sizeof *r);
}

void report_fact(struct report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[2048];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	r->facts = xrealloc(r->facts, (size_t)(r->nfacts + 1) * sizeof *r->facts);
	r->facts[r->nfacts++] = xstrdup(buf);
}

struct report_table *report_table(struct report *r, const char *caption, int ncols,
	const char *const *head)
{
	if (ncols > REPORT_MAX_COLS)
		ncols = REPORT_MAX_COLS;
	r->tables = xrealloc(r->tables, (size_t)(r->ntables + 1) * sizeof *r->tables);
	struct report_table *t = &r->tables[r->ntables++];
	memset(t, 0, sizeof *t);
	t->caption = xstrdup(caption ? caption : "");
	t->ncols = ncols;
	for (int c = 0; c < ncols; c++)
		t->head[c] = xstrdup(head[c]);
	return t;
}

void report_row(struct report_table *t, const char *const *cells)
{
	if (t->nrows + 1 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

enum report_format report_format_of(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot && strcasecmp(dot, ".csv") == 0)
		return REPORT_CSV;
	if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
		return REPORT_HTML;
	return REPORT_TEXT;
}

/* Text as a terminal may show it: stored control characters made visible. */
static void add_shown(struct strbuf *b, const char *s)
{
	if (text_needs_escape(s))
		text_escape(b, s, true);
	else
		sb_adds(b, s);
}

static int shown_width(const char *s)
{
	if (!text_needs_escape(s))
		return utf8_width(s);
	struct strbuf b;
	sb_init(&b);
	text_escape(&b, s, true);
	int w = utf8_width(b.s);
	sb_free(&b);
	return w;
}

static void pad(struct strbuf *b, int n)
{
	for (int i = 0; i < n; i++)
		sb_addc(b, ' ');
}

static void write_text(const struct report *r, struct strbuf *out)
{
	add_shown(out, r->title);
	sb_addc(out, '\n');
	for (int i = 0; i < r->nfacts; i++) {
		add_shown(out, r->facts[i]);
		sb_addc(out, '\n');
	}
	for (int t = 0; t < r->ntables; t++) {
		const struct report_table *tb = &r->tables[t];
		sb_addc(out, '\n');
		if (tb->caption[0]) {
			add_shown(out, tb->caption);
			sb_addc(out, '\n');
		}
		int w[REPORT_MAX_COLS];
		for (int c = 0; c < tb->ncols; c++) {
			w[c] = shown_width(tb->head[c]);
			for (int i = 0; i < tb->nrows; i++) {
				int cw = shown_width(tb->cells[i * tb->ncols + c]);
				if (cw > w[c])
					w[c] = cw;
			}
		}
		for (int i = -1; i < tb->nrows; i++) {
			for (int c = 0; c < tb->ncols; c++) {
				const char *s = i < 0 ? tb->head[c] : tb->cells[i * tb->ncols + c];
				int gap = w[c] - shown_width(s);
				bool last = c == tb->ncols - 1;
				if (tb->right[c])
					pad(out, gap);
				add_shown(out, s);
				if (!tb->right[c] && !last)
					pad(out, gap);
				if (!last)
					sb_adds(out, "  ");
			}
			sb_addc(out, '\n');
		}
	}
}

static void write_csv(const struct report *r, struct strbuf *out)
{
	if (r->ntables == 0)
		return;
	const struct report_table *tb = &r->tables[0];
	csv_row(out, (const char *const *)tb->head, (size_t)tb->ncols);
	for (int i = 0; i < tb->nrows; i++)
		csv_row(out, (const char *const *)&tb->cells[i * tb->ncols], (size_t)tb->ncols);
}

/* HTML text: the five characters that mean something in markup escaped, control
 * characters shown as text escapes would show them. */
static void add_html(struct strbuf *b, const char *s)
{
	struct strbuf shown;
	sb_init(&shown);
	add_shown(&shown, s);
	for (const char *p = shown.s ? shown.s : ""; *p; p++)
		switch (*p) {
		case '&': sb_adds(b, "&amp;"); break;
		case '<': sb_adds(b, "&lt;"); break;
		case '>': sb_adds(b, "&gt;"); break;
		case '"': sb_adds(b, "&quot;"); break;
		case '\'': sb_adds(b, "&#39;"); break;
		default: sb_addc(b, *p);
		}
	sb_free(&shown);
}

static const char html_style[] =
	"@page { size: A4; margin: 18mm 15mm; }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", "
	"\"Microsoft YaHei\", \"PingFang SC\", \"SimSun\", sans-serif; font-size: 10.5pt; "
	"color: #000; }\n"
	"h1 { font-size: 15pt; margin: 0 0 6pt; }\n"
	"p.fact { margin: 1pt 0; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 8pt 0 12pt; }\n"
	"caption { text-align: left; font-weight: bold; margin-bottom: 3pt; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"th, td { border: 0.5pt solid #444; padding: 2pt 4pt; vertical-align: top; }\n"
	"th { background: #eee; }\n"
	"td.n { text-align: right; }\n";

static void write_html(const struct report *r, struct strbuf *out)
{
	sb_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	add_html(out, r->title);
	sb_adds(out, "</title>\n<style>\n");
	sb_adds(out, html_style);
	sb_adds(out, "</style>\n</head>\n<body>\n<h1>");
	add_html(out, r->title);
	sb_adds(out, "</h1>\n");
	for (int i = 0; i < r->nfacts; i++) {
		sb_adds(out, "<p class=\"fact\">");
		add_html(out, r->facts[i]);
		sb_adds(out, "</p>\n");
	}
	for (int t = 0; t < r->ntables; t++) {
		const struct report_table *tb = &r->tables[t];
		sb_adds(out, "<table>\n");
		if (tb->caption[0]) {
			sb_adds(out, "<caption>");
			add_html(out, tb->caption);
			sb_adds(out, "</caption>\n");
		}
		sb_adds(out, "<thead><tr>");
		for (int c = 0; c < tb->ncols; c++) {
			sb_adds(out, "<th>");
			add_html(out, tb->head[c]);
			sb_adds(out, "</th>");
		}
		sb_adds(out, "</tr></thead>\n<tbody>\n");
		for (int i = 0; i < tb->nrows; i++) {
			sb_adds(out, "<tr>");
			for (int c = 0; c < tb->ncols; c++) {
				sb_adds(out, tb->right[c] ? "<td class=\"n\">" : "<td>");
				add_html(out, tb->cells[i * tb->ncols + c]);
				sb_adds(out, "</td>");
			}
			sb_adds(out, "</tr>\n");
		}
		sb_adds(out, "</tbody>\n</table>\n");
	}
	sb_adds(out, "</body>\n</html>\n");
}

void report_write(const struct report *r, enum report_format f, struct strbuf *out)
{
	if (f == REPORT_CSV)
		write_csv(r, out);
	else if (f == REPORT_HTML)
		write_html(r, out);
	else
		write_text(r, out);
}
