/* encoding.c: text encoding detection and conversion through iconv. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *const enc_names[] = {
	[ENC_UTF8] = "UTF-8",	    [ENC_UTF8_BOM] = "UTF-8 with BOM", [ENC_GB18030] = "GB18030",
	[ENC_UTF16LE] = "UTF-16LE", [ENC_UTF16BE] = "UTF-16BE",
};

/* Names iconv knows the encodings by. */
static const char *const enc_iconv_names[] = {
	[ENC_UTF8] = "UTF-8",	    [ENC_UTF8_BOM] = "UTF-8", [ENC_GB18030] = "GB18030",
	[ENC_UTF16LE] = "UTF-16LE", [ENC_UTF16BE] = "UTF-16BE",
};

static const struct {
	const char *name;
	enum text_encoding enc;
} enc_aliases[] = {
	{"utf-8", ENC_UTF8},	     {"utf8", ENC_UTF8},	 {"utf-8-bom", ENC_UTF8_BOM},
	{"utf8-bom", ENC_UTF8_BOM},  {"utf-8-sig", ENC_UTF8_BOM}, {"gb18030", ENC_GB18030},
	{"gbk", ENC_GB18030},	     {"gb2312", ENC_GB18030},	 {"cp936", ENC_GB18030},
	{"utf-16le", ENC_UTF16LE},   {"utf16le", ENC_UTF16LE},	 {"utf-16be", ENC_UTF16BE},
	{"utf16be", ENC_UTF16BE},
};

const char *enc_name(enum text_encoding enc)
{
	return (unsigned)enc < XQ_NELEM(enc_names) ? enc_names[enc] : "unknown";
}

int enc_parse(const char *s)
{
	for (size_t i = 0; s && i < XQ_NELEM(enc_aliases); i++)
		if (!strcasecmp(s, enc_aliases[i].name))
			return (int)enc_aliases[i].enc;
	return -1;
}

/* The line that starts after the UTF-8 text s[0..n): LF, CRLF and lone CR each end one. */
static long enc_line_at(const char *s, size_t n)
{
	long line = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			line++;
	return line;
}

/* Offset of the first byte that does not start a valid UTF-8 sequence (the same rules as
 * utf8_valid: no overlong forms, surrogates or code points past U+10FFFF), n if none. */
static size_t enc_utf8_bad(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i], cp, min;
		size_t len;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			len = 2, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			len = 3, min = 0x800;
		else if ((c & 0xF8) == 0xF0)
			len = 4, min = 0x10000;
		else
			return i;
		if (len > n - i)
			return i;
		cp = c & (0xFFu >> (len + 1));
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

/* A malloc'd copy of pre followed by s[0..n), with NUL bytes after it. */
static char *enc_copy(const char *pre, const char *s, size_t n, size_t *outlen)
{
	size_t p = strlen(pre);
	char *out = xmalloc(p + n + 4);
	memcpy(out, pre, p);
	if (n)
		memcpy(out + p, s, n);
	memset(out + p + n, 0, 4);
	*outlen = p + n;
	return out;
}

/* Convert in[0..len) with iconv, the output starting with pre[0..prelen). On failure NULL,
 * with *badline the line of the first bad sequence (counted on what converted before it),
 * or 0 when iconv cannot do the conversion at all. */
static char *enc_iconv(const char *to, const char *from, const char *in, size_t len,
		       const char *pre, size_t prelen, size_t *outlen, long *badline)
{
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1) {
		*badline = 0;
		return NULL;
	}
	size_t cap = prelen + 2 * len + 16;
	char *out = xmalloc(cap);
	memcpy(out, pre, prelen);
	char *ip = (char *)in, *op = out + prelen;
	size_t il = len;
	for (int flush = 0; flush < 2;) { /* convert everything, then flush */
		size_t used = (size_t)(op - out), ol = cap - used - 4;
		size_t rc = flush ? iconv(cd, NULL, NULL, &op, &ol) : iconv(cd, &ip, &il, &op, &ol);
		if (rc != (size_t)-1) {
			flush++;
		} else if (errno == E2BIG) {
			used = (size_t)(op - out);
			cap *= 2;
			out = xrealloc(out, cap);
			op = out + used;
		} else {
			*badline = enc_line_at(out + prelen, (size_t)(op - out) - prelen);
			iconv_close(cd);
			free(out);
			return NULL;
		}
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	memset(op, 0, 4);
	return out;
}

char *enc_to_utf8(const char *buf, size_t len, size_t *outlen, enum text_encoding *enc,
		  char *msg)
{
	const unsigned char *u = (const unsigned char *)buf;
	size_t bad;
	long line, uline;
	char *out;

	if (!buf)
		len = 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*enc = ENC_UTF8_BOM;
		bad = enc_utf8_bad(buf + 3, len - 3);
		if (bad == len - 3)
			return enc_copy("", buf + 3, len - 3, outlen);
		xq_msg(msg, "line %ld: invalid UTF-8 byte sequence (the file starts with a UTF-8 BOM)",
		       enc_line_at(buf + 3, bad));
		return NULL;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		*enc = u[0] == 0xFF ? ENC_UTF16LE : ENC_UTF16BE;
		out = enc_iconv("UTF-8", enc_iconv_names[*enc], buf + 2, len - 2, "", 0, outlen,
				&line);
		if (!out && line)
			xq_msg(msg, "line %ld: invalid %s byte sequence", line, enc_name(*enc));
		else if (!out)
			xq_msg(msg, "cannot convert from %s: iconv lacks it", enc_name(*enc));
		return out;
	}
	bad = enc_utf8_bad(buf, len);
	if (bad == len) {
		*enc = ENC_UTF8;
		return enc_copy("", buf, len, outlen);
	}
	*enc = ENC_GB18030;
	out = enc_iconv("UTF-8", "GB18030", buf, len, "", 0, outlen, &line);
	if (out)
		return out;
	uline = enc_line_at(buf, bad);
	if (!line) {
		xq_msg(msg, "line %ld: invalid UTF-8, and iconv cannot convert from GB18030", uline);
		return NULL;
	}
	/* Whichever reading got further is the likelier encoding; name its bad line. */
	xq_msg(msg, "line %ld: invalid byte sequence (not UTF-8 or GB18030)",
	       uline > line ? uline : line);
	return NULL;
}

char *enc_from_utf8(const char *utf8, size_t len, enum text_encoding enc, size_t *outlen,
		    char *msg)
{
	static const char bom8[] = "\xEF\xBB\xBF", bom16le[] = "\xFF\xFE", bom16be[] = "\xFE\xFF";
	long line;
	char *out;

	if (!utf8)
		len = 0;
	size_t bad = enc_utf8_bad(utf8, len);
	if (bad < len) {
		xq_msg(msg, "line %ld: invalid UTF-8 byte sequence", enc_line_at(utf8, bad));
		return NULL;
	}
	switch (enc) {
	case ENC_UTF8:
		return enc_copy("", utf8, len, outlen);
	case ENC_UTF8_BOM:
		return enc_copy(bom8, utf8, len, outlen);
	case ENC_GB18030:
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		out = enc_iconv(enc_iconv_names[enc], "UTF-8", utf8, len,
				enc == ENC_UTF16LE ? bom16le : bom16be, enc == ENC_GB18030 ? 0 : 2,
				outlen, &line);
		if (!out && line)
			xq_msg(msg, "line %ld: a character cannot be written in %s", line, enc_name(enc));
		else if (!out)
			xq_msg(msg, "cannot convert to %s: iconv lacks it", enc_name(enc));
		return out;
	}
	xq_msg(msg, "unknown text encoding %d", (int)enc);
	return NULL;
}
