/* util.h: allocation that aborts on failure, growable strings, dates, UTF-8 and
 * display-width helpers shared by every layer. */
#ifndef XQ_UTIL_H
#define XQ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XQ_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Status codes every layer returns; messages travel in a caller's buffer. */
enum xq_status {
	XQ_OK = 0,
	XQ_ERR = 1,	 /* failure: bad data, refused write, I/O */
	XQ_NOTFOUND = 2, /* no such row */
	XQ_STALE = 3,	 /* optimistic-locking conflict: the row changed meanwhile */
	XQ_MISUSE = 4,	 /* caller error: bad arguments */
};

#define XQ_MSG_MAX 512

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The root of v's set in a union-find forest (up[v] == v at a root), halving the path. */
int xq_uf_find(int *up, int v);

/* snprintf into a fixed buffer, always terminated; returns false when cut. */
bool xq_copy(char *dst, size_t size, const char *src);
void xq_msg(char *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable byte string. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_init(struct strbuf *b);
void sb_free(struct strbuf *b);
void sb_add(struct strbuf *b, const char *s, size_t n);
void sb_adds(struct strbuf *b, const char *s);
void sb_addc(struct strbuf *b, char c);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sb_steal(struct strbuf *b);

/* Dates are ISO "YYYY-MM-DD" strings; "" means no date. */
bool date_valid(const char *s);
/* Days since 1970-01-01 of a valid date. */
long date_days(const char *s);
void date_from_days(long days, char out[11]);
/* Whole years from a to b (b >= a; both valid dates), as a birthday count would. */
int date_years_between(const char *a, const char *b);
void date_today(char out[11]);

/* Whole-string number parsing; false on junk, overflow or empty. */
bool parse_long(const char *s, long *out);
bool parse_double(const char *s, double *out);

bool utf8_valid(const char *s, size_t n);

/* A hash of a text, for tables keyed by names. */
uint64_t text_hash(const char *s);
/* Display columns of a UTF-8 string (wcwidth per character; invalid bytes count 1). */
int utf8_width(const char *s);
/* Copy s into out cut to at most cols columns, ending with "…" when cut, at a
 * character boundary. Returns the columns used. */
int utf8_fit(const char *s, int cols, char *out, size_t outsize);
/* Writes data to path through a temporary file beside it and a rename, so path is never
 * half-written; false with msg (strerror text) on failure. */
bool write_file_atomic(const char *path, const char *data, size_t len, char *msg);
/* The same piece by piece: open makes the temporary file (with the caller's own rights,
 * readable by them alone), write adds to it, commit renames it over path, abort removes
 * it. After a failed open or write, commit fails and removes it. */
struct file_out {
	char *path, *tmp;
	int fd, err;
};
bool file_out_open(struct file_out *f, const char *path, char *msg);
bool file_out_write(struct file_out *f, const void *data, size_t len);
bool file_out_commit(struct file_out *f, char *msg);
void file_out_abort(struct file_out *f);

/* Trim ASCII white space in place. */
char *str_trim(char *s);

#endif
