/* util.c: allocation, strings, dates, UTF-8 and display width. */
#include "util.h"
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

static void oom(void)
{
	fputs("xuequ: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	char *s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

int xq_uf_find(int *up, int v)
{
	while (up[v] != v) {
		up[v] = up[up[v]];
		v = up[v];
	}
	return v;
}

bool xq_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n < size) {
		memcpy(dst, src, n + 1);
		return true;
	}
	/* cut at a UTF-8 character boundary */
	n = size - 1;
	while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
		n--;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return false;
}

void xq_msg(char *msg, const char *fmt, ...)
{
	if (!msg)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, XQ_MSG_MAX, fmt, ap);
	va_end(ap);
}

void sb_init(struct strbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	sb_init(b);
}

static void sb_grow(struct strbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sb_add(struct strbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_adds(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_addc(struct strbuf *b, char c)
{
	sb_add(b, &c, 1);
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *sb_steal(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	sb_init(b);
	return s;
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* The number written by the n digits at s (checked or known to be digits). */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	long y = digits(s, 4);
	int m = digits(s + 5, 2), d = digits(s + 8, 2);
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Days from civil date (proleptic Gregorian), after H. Hinnant's algorithm. */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_days(const char *s)
{
	return days_from_civil(atol(s), atoi(s + 5), atoi(s + 8));
}

void date_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000) % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

int date_years_between(const char *a, const char *b)
{
	int years = digits(b, 4) - digits(a, 4); /* both valid dates (date_valid) */
	/* not yet reached the anniversary in b's year */
	if (strcmp(b + 5, a + 5) < 0)
		years--;
	return years;
}

void date_today(char out[11])
{
	const char *fake = priv_getenv("XUEQU_TODAY"); /* tests pin the date */
	if (fake && date_valid(fake)) {
		memcpy(out, fake, 11);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool parse_long(const char *s, long *out)
{
	if (!s || !*s || *s == ' ' || *s == '\t')
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

bool parse_double(const char *s, double *out)
{
	/* decimal only: no blanks, no hexadecimal */
	if (!s || !*s || *s == ' ' || *s == '\t' || strpbrk(s, "xX"))
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2;
			min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3;
			min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4;
			min = 0x10000;
		} else
			return false;
		if (i + len > n)
			return false;
		unsigned cp = c & (0xFF >> (len + 1));
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

/* Decode one character; returns its byte length (1 for an invalid byte, cp=0xFFFD). */
static size_t utf8_next(const char *s, wchar_t *cp)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(cp, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return n;
}

static int char_width(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int utf8_width(const char *s)
{
	int w = 0;
	while (*s) {
		if ((unsigned char)*s < 0x80) { /* one column, as char_width has it */
			w++;
			s++;
			continue;
		}
		wchar_t c;
		s += utf8_next(s, &c);
		w += char_width(c);
	}
	return w;
}

int utf8_fit(const char *s, int cols, char *out, size_t outsize)
{
	if (outsize == 0)
		return 0;
	if (utf8_width(s) <= cols && strlen(s) < outsize) {
		memcpy(out, s, strlen(s) + 1);
		return utf8_width(s);
	}
	/* leave room for "…" (one column, three bytes) */
	int w = 0;
	size_t o = 0;
	while (*s) {
		wchar_t c;
		size_t n = utf8_next(s, &c);
		int cw = char_width(c);
		if (w + cw > cols - 1 || o + n + 4 > outsize)
			break;
		memcpy(out + o, s, n);
		o += n;
		w += cw;
		s += n;
	}
	if (cols >= 1 && o + 4 <= outsize) {
		memcpy(out + o, "\xE2\x80\xA6", 3);
		o += 3;
		w += 1;
	}
	out[o] = '\0';
	return w;
}

bool file_out_open(struct file_out *f, const char *path, char *msg)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	/* a device or FIFO named as the output is refused, never replaced by a rename */
	if (!priv_regular_or_missing(path, msg))
		return false;
	f->path = xstrdup(path);
	f->tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	/* the caller's file: created with the caller's rights, readable by them alone */
	priv_user_begin();
	f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	f->err = f->fd < 0 ? errno : 0;
	priv_user_end();
	if (f->fd < 0) {
		xq_msg(msg, "%s", strerror(f->err));
		free(f->path);
		free(f->tmp);
		f->path = f->tmp = NULL;
		return false;
	}
	return true;
}

bool file_out_write(struct file_out *f, const void *data, size_t len)
{
	const char *p = data;
	while (f->fd >= 0 && !f->err && len > 0) {
		ssize_t w = write(f->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->err = w < 0 ? errno : EIO;
			break;
		}
		p += w;
		len -= (size_t)w;
	}
	return f->fd >= 0 && !f->err;
}

static void file_out_end(struct file_out *f, bool keep)
{
	if (!keep && f->tmp) {
		priv_user_begin();
		unlink(f->tmp);
		priv_user_end();
	}
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
	f->fd = -1;
}

bool file_out_commit(struct file_out *f, char *msg)
{
	if (f->fd < 0) {
		xq_msg(msg, "%s", strerror(f->err ? f->err : EIO));
		file_out_end(f, false);
		return false;
	}
	if (close(f->fd) != 0 && !f->err)
		f->err = errno;
	f->fd = -1;
	if (!f->err) {
		priv_user_begin();
		if (rename(f->tmp, f->path) != 0)
			f->err = errno;
		priv_user_end();
	}
	if (f->err)
		xq_msg(msg, "%s", strerror(f->err));
	bool ok = !f->err;
	file_out_end(f, ok);
	return ok;
}

void file_out_abort(struct file_out *f)
{
	if (f->fd >= 0)
		close(f->fd);
	file_out_end(f, false);
}

bool write_file_atomic(const char *path, const char *data, size_t len, char *msg)
{
	struct file_out f;
	if (!file_out_open(&f, path, msg))
		return false;
	file_out_write(&f, data, len);
	return file_out_commit(&f, msg);
}

char *str_trim(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

uint64_t text_hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}
