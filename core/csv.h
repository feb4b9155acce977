/* csv.h: RFC 4180 reading over an in-memory UTF-8 buffer, and writing. */
#ifndef XQ_CSV_H
#define XQ_CSV_H

#include <stddef.h>

#include "util.h"

struct csv_reader; /* opaque */

struct csv_record {
	char **fields; /* owned by the reader, valid until the next csv_next */
	size_t n;      /* number of fields */
	long line;     /* 1-based physical line where the record starts */
};

/* buf must stay alive while the reader is used. */
struct csv_reader *csv_open(const char *buf, size_t len);
/* 1: a record; 0: end of input; -1: error, msg (XQ_MSG_MAX) says "line N: ..." e.g.
 * "line 7: unterminated quoted field", "line 3: text after closing quote". Once a call
 * failed, later calls fail again with the same message. Blank lines are skipped; CRLF,
 * LF and lone CR all end a line; fields come back exactly as written. */
int csv_next(struct csv_reader *r, struct csv_record *rec, char *msg);
void csv_close(struct csv_reader *r);

/* Append one field to b, quoted when it holds , " CR or LF or leading/trailing space.
 * NULL is written as an empty field. */
void csv_field(struct strbuf *b, const char *s);
/* Append a whole row: fields joined by commas, ended by "\n". A row of one empty
 * field is written as "" so that it does not read back as a blank line. */
void csv_row(struct strbuf *b, const char *const *fields, size_t n);

#endif
