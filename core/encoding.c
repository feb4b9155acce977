/* encoding.c: text encoding detection and conversion through iconv. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
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

/* Steps over one spot of s[i..n) that is not UTF-8: a GBK-shaped pair or four-byte GB18030
 * sequence as one, else one byte. Returns the bytes stepped over. */
static size_t enc_bad_step(const unsigned char *s, size_t i, size_t n)
{
	if (s[i] < 0x81 || s[i] == 0xFF || i + 1 >= n)
		return 1;
	if (s[i + 1] >= 0x30 && s[i + 1] <= 0x39 && i + 3 < n && s[i + 2] >= 0x81 &&
	    s[i + 2] <= 0xFE && s[i + 3] >= 0x30 && s[i + 3] <= 0x39)
		return 4;
	return s[i + 1] >= 0x40 && s[i + 1] <= 0xFE && s[i + 1] != 0x7F ? 2 : 1;
}

/* How much of buf reads as UTF-8: *valid the multi-byte UTF-8 characters, *spots the places
 * that are not UTF-8. */
static void enc_utf8_counts(const char *buf, size_t len, size_t *valid, size_t *spots)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;
	*valid = *spots = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t bad = enc_utf8_bad(buf + i, len - i);
		if (bad == 0) {
			(*spots)++;
			i += enc_bad_step(s, i, len);
			continue;
		}
		/* count the characters of the valid run up to bad */
		for (size_t k = 0; k < bad; k++)
			if ((s[i + k] & 0xC0) == 0xC0)
				(*valid)++;
		i += bad;
	}
}

/* Whether bytes that convert from GB18030 look like what Chinese Excel and WPS write: mostly
 * GB2312 (punctuation rows 0xA1-0xA9 and hanzi 0xB0-0xF7, trail 0xA1-0xFE) or four-byte
 * sequences, rather than the GBK extension areas that Latin-1 or UTF-8 text misread as GBK
 * falls into (a trail byte below 0xA1). At least four in five characters must be common. */
static bool enc_gb_plausible(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t common = 0, rare = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t step = enc_bad_step(s, i, len);
		if (step == 4)
			common++;
		else if (step == 2 && ((s[i] >= 0xA1 && s[i] <= 0xA9) || (s[i] >= 0xB0 && s[i] <= 0xF7)) &&
			 s[i + 1] >= 0xA1 && s[i + 1] <= 0xFE)
			common++;
		else
			rare++;
		i += step;
	}
	return rare * 4 <= common;
}

/* "CD F5 B7 BC": the bytes of the first spot that is not UTF-8 at bad and the spots right
 * after it (up to 12 bytes), and in gb their GB18030 reading, "" when there is none. */
static void enc_describe_bad(const char *buf, size_t len, size_t bad, char *hex, size_t hexsize,
	char *gb, size_t gbsize)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t end = bad;
	while (end < len && end - bad < 12 && s[end] >= 0x80 && enc_utf8_bad(buf + end, len - end) == 0)
		end += enc_bad_step(s, end, len);
	if (end > len)
		end = len;
	size_t o = 0;
	hex[0] = '\0';
	for (size_t i = bad; i < end && o + 4 < hexsize; i++)
		o += (size_t)snprintf(hex + o, hexsize - o, "%s%02X", i > bad ? " " : "", s[i]);
	gb[0] = '\0';
	size_t glen;
	long line;
	char *g = enc_iconv("UTF-8", "GB18030", buf + bad, end - bad, "", 0, &glen, &line);
	if (g && glen < gbsize && enc_utf8_bad(g, glen) == glen) {
		bool clean = true;
		for (size_t i = 0; i < glen; i++)
			clean = clean && (unsigned char)g[i] >= 0x20 && g[i] != 0x7F;
		if (clean)
			memcpy(gb, g, glen + 1);
	}
	free(g);
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
	/* Mostly UTF-8 with a few bytes that are not: a UTF-8 file with a bad line (a name pasted
	 * from a GBK file), never a GB18030 file. */
	size_t valid, spots;
	enc_utf8_counts(buf, len, &valid, &spots);
	bool looks_utf8 = valid > 2 * spots;
	*enc = ENC_GB18030;
	out = looks_utf8 ? NULL : enc_iconv("UTF-8", "GB18030", buf, len, "", 0, outlen, &line);
	if (out && enc_gb_plausible(buf, len))
		return out;
	uline = enc_line_at(buf, bad);
	char hex[40], gb[64], what[XQ_MSG_MAX];
	if (looks_utf8 || out) {
		enc_describe_bad(buf, len, bad, hex, sizeof hex, gb, sizeof gb);
		if (looks_utf8 && *gb)
			xq_msg(what, _("not UTF-8: found bytes %s (\"%s\" in GB18030); the rest of the file "
				       "is UTF-8"),
			       hex, gb);
		else if (looks_utf8)
			xq_msg(what, _("not UTF-8: found bytes %s; the rest of the file is UTF-8"), hex);
		else
			xq_msg(what, _("neither UTF-8 nor likely GB18030: found bytes %s (\"%s\" in "
				       "GB18030); encodings tried: UTF-8, GB18030; name the file's "
				       "encoding with --encoding"),
			       hex, gb);
		xq_msg(msg, "line %ld: %s", uline, what);
		free(out);
		return NULL;
	}
	if (!line) {
		xq_msg(msg, "line %ld: invalid UTF-8, and iconv cannot convert from GB18030", uline);
		return NULL;
	}
	/* Whichever reading got further is the likelier encoding; name its bad line. */
	xq_msg(msg, "line %ld: invalid byte sequence (not UTF-8 or GB18030)",
	       uline > line ? uline : line);
	return NULL;
}

/* The name iconv knows an encoding by: our aliases first, else the name as given. */
static const char *enc_iconv_name(const char *name)
{
	int e = enc_parse(name);
	return e >= 0 ? enc_iconv_names[e] : name;
}

bool enc_known(const char *name)
{
	if (!name || !*name)
		return false;
	iconv_t cd = iconv_open("UTF-8", enc_iconv_name(name));
	if (cd == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

char *enc_to_utf8_as(const char *buf, size_t len, const char *name, size_t *outlen, char *msg)
{
	const char *from = enc_iconv_name(name);
	char what[XQ_MSG_MAX];
	long line;
	char *out;
	if (!buf)
		len = 0;
	if (!enc_known(name)) {
		xq_msg(msg, _("unknown encoding '%s' (iconv -l lists the names)"), name);
		return NULL;
	}
	if (strcasecmp(from, "UTF-8") == 0) {
		size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		size_t bad = enc_utf8_bad(buf + skip, len - skip);
		if (bad == len - skip)
			return enc_copy("", buf + skip, len - skip, outlen);
		xq_msg(what, _("invalid %s byte sequence (--encoding %s)"), "UTF-8", name);
		xq_msg(msg, "line %ld: %s", enc_line_at(buf + skip, bad), what);
		return NULL;
	}
	out = enc_iconv("UTF-8", from, buf, len, "", 0, outlen, &line);
	if (!out) {
		xq_msg(what, _("invalid %s byte sequence (--encoding %s)"), from, name);
		xq_msg(msg, "line %ld: %s", line, what);
		return NULL;
	}
	if (*outlen >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0) { /* a BOM the file began with */
		memmove(out, out + 3, *outlen - 3 + 4);
		*outlen -= 3;
	}
	return out;
}

char *enc_from_utf8(const char *utf8, size_t len, enum text_encoding enc, size_t *outlen,
		    char *msg)
{
	return enc_from_utf8_part(utf8, len, enc, true, 0, outlen, msg);
}

char *enc_from_utf8_part(const char *utf8, size_t len, enum text_encoding enc, bool first,
			 long lines_before, size_t *outlen, char *msg)
{
	static const char bom8[] = "\xEF\xBB\xBF", bom16le[] = "\xFF\xFE", bom16be[] = "\xFE\xFF";
	long line;
	char *out;

	if (!utf8)
		len = 0;
	size_t bad = enc_utf8_bad(utf8, len);
	if (bad < len) {
		xq_msg(msg, "line %ld: invalid UTF-8 byte sequence", lines_before + enc_line_at(utf8, bad));
		return NULL;
	}
	switch (enc) {
	case ENC_UTF8:
		return enc_copy("", utf8, len, outlen);
	case ENC_UTF8_BOM:
		return enc_copy(first ? bom8 : "", utf8, len, outlen);
	case ENC_GB18030:
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		out = enc_iconv(enc_iconv_names[enc], "UTF-8", utf8, len,
				enc == ENC_UTF16LE ? bom16le : bom16be,
				enc == ENC_GB18030 || !first ? 0 : 2, outlen, &line);
		if (!out && line)
			xq_msg(msg, "line %ld: a character cannot be written in %s", lines_before + line,
			       enc_name(enc));
		else if (!out)
			xq_msg(msg, "cannot convert to %s: iconv lacks it", enc_name(enc));
		return out;
	}
	xq_msg(msg, "unknown text encoding %d", (int)enc);
	return NULL;
}
