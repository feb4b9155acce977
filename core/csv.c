/* csv.c: RFC 4180 reader over an in-memory buffer, and the matching writer. */
#include "csv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct csv_reader {
	const char *buf;
	size_t len, pos;
	long line;		/* physical line at pos */
	struct strbuf text;	/* the current record's fields, each NUL-terminated */
	size_t *offs;		/* where each field starts in text */
	char **fields;
	size_t cap;
	char err[XQ_MSG_MAX];	/* set once a record failed */
};

struct csv_reader *csv_open(const char *buf, size_t len)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->buf = buf;
	r->len = buf ? len : 0;
	r->line = 1;
	sb_init(&r->text);
	return r;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	sb_free(&r->text);
	free(r->offs);
	free(r->fields);
	free(r);
}

/* Consume one line end (CRLF, LF or lone CR) at pos, if there is one. */
static bool csv_eol(struct csv_reader *r)
{
	if (r->pos >= r->len)
		return false;
	if (r->buf[r->pos] == '\n') {
		r->pos++;
	} else if (r->buf[r->pos] == '\r') {
		r->pos++;
		if (r->pos < r->len && r->buf[r->pos] == '\n')
			r->pos++;
	} else {
		return false;
	}
	r->line++;
	return true;
}

static int csv_fail(struct csv_reader *r, char *msg, long line, const char *what)
{
	snprintf(r->err, sizeof r->err, "line %ld: %s", line, what);
	xq_msg(msg, "%s", r->err);
	return -1;
}

/* Note that field n starts at the current end of the record text. */
static void csv_start_field(struct csv_reader *r, size_t n)
{
	if (n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->offs = xrealloc(r->offs, r->cap * sizeof *r->offs);
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->offs[n] = r->text.len;
}

/* Read a quoted field whose opening quote is at pos; leaves pos after the closing one. */
static int csv_quoted(struct csv_reader *r, char *msg)
{
	const char *b = r->buf;
	long open = r->line;
	r->pos++;
	for (;;) {
		size_t s = r->pos;
		while (r->pos < r->len && b[r->pos] != '"' && b[r->pos] != '\n' &&
		       b[r->pos] != '\r' && b[r->pos] != '\0')
			r->pos++;
		sb_add(&r->text, b + s, r->pos - s);
		if (r->pos >= r->len)
			return csv_fail(r, msg, open, "unterminated quoted field");
		if (b[r->pos] == '\0')
			return csv_fail(r, msg, r->line, "NUL byte in the data");
		if (b[r->pos] == '"') {
			if (r->pos + 1 < r->len && b[r->pos + 1] == '"') {
				sb_addc(&r->text, '"');
				r->pos += 2;
				continue;
			}
			r->pos++;
			return 0;
		}
		/* a line end inside the field (CRLF, CR or LF) reads as one "\n" */
		csv_eol(r);
		sb_addc(&r->text, '\n');
	}
}

int csv_next(struct csv_reader *r, struct csv_record *rec, char *msg)
{
	const char *b = r->buf;
	if (r->err[0]) {
		xq_msg(msg, "%s", r->err);
		return -1;
	}
	while (csv_eol(r))
		; /* blank lines are not records */
	if (r->pos >= r->len)
		return 0;
	long start = r->line;
	size_t n = 0;
	r->text.len = 0;
	for (;;) {
		csv_start_field(r, n++);
		if (r->pos < r->len && b[r->pos] == '"') {
			if (csv_quoted(r, msg) < 0)
				return -1;
			if (r->pos < r->len && b[r->pos] != ',' && b[r->pos] != '\n' &&
			    b[r->pos] != '\r')
				return csv_fail(r, msg, r->line,
						b[r->pos] ? "text after closing quote"
							  : "NUL byte in the data");
		} else {
			size_t s = r->pos;
			while (r->pos < r->len && b[r->pos] != ',' && b[r->pos] != '\n' &&
			       b[r->pos] != '\r' && b[r->pos] != '\0')
				r->pos++;
			if (r->pos < r->len && b[r->pos] == '\0')
				return csv_fail(r, msg, r->line, "NUL byte in the data");
			sb_add(&r->text, b + s, r->pos - s);
		}
		sb_addc(&r->text, '\0');
		if (r->pos < r->len && b[r->pos] == ',') {
			r->pos++;
			continue;
		}
		csv_eol(r);
		break;
	}
	for (size_t i = 0; i < n; i++)
		r->fields[i] = r->text.s + r->offs[i];
	rec->fields = r->fields;
	rec->n = n;
	rec->line = start;
	return 1;
}

static bool csv_is_space(char c)
{
	return c == ' ' || c == '\t';
}

void csv_field(struct strbuf *b, const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (!strpbrk(s, ",\"\r\n") && !(n && (csv_is_space(s[0]) || csv_is_space(s[n - 1])))) {
		sb_add(b, s, n);
		return;
	}
	sb_addc(b, '"');
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		sb_add(b, s, (size_t)(q - s) + 1);
		sb_addc(b, '"');
	}
	sb_adds(b, s);
	sb_addc(b, '"');
}

void csv_row(struct strbuf *b, const char *const *fields, size_t n)
{
	if (n == 1 && (!fields[0] || !fields[0][0])) {
		sb_adds(b, "\"\"\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(b, ',');
		csv_field(b, fields[i]);
	}
	sb_addc(b, '\n');
}
