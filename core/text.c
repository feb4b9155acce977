/* text.c: the characters a field may hold, and text made safe to show on a terminal. */
#include "core/text.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"

enum text_class text_class_of(uint32_t cp)
{
	if (cp == 0x09)
		return TEXT_TAB;
	if (cp == 0x0A)
		return TEXT_LF;
	if (cp == 0x0D || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return TEXT_BREAK;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return TEXT_CONTROL;
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return TEXT_BIDI;
	return TEXT_PLAIN;
}

/* Decodes one UTF-8 character of s[0..n) (n > 0): its length, or 0 when the bytes are not
 * valid UTF-8 (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t text_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	size_t len;
	uint32_t min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0)
		len = 2, min = 0x80;
	else if ((c & 0xF0) == 0xE0)
		len = 3, min = 0x800;
	else if ((c & 0xF8) == 0xF0)
		len = 4, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	uint32_t v = c & (0xFFu >> (len + 1));
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static bool text_allowed(enum text_class k, bool multiline)
{
	return k == TEXT_PLAIN || (multiline && (k == TEXT_TAB || k == TEXT_LF));
}

size_t text_find_bad(const char *str, size_t n, bool multiline, uint32_t *cp, bool *invalid,
	size_t *chars)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, count = 0;
	while (i < n) {
		uint32_t c;
		size_t len = text_decode(s + i, n - i, &c);
		if (!len || !text_allowed(text_class_of(c), multiline)) {
			*cp = len ? c : s[i];
			*invalid = !len;
			*chars = count;
			return i;
		}
		i += len;
		count++;
	}
	return n;
}

bool text_check(const char *field, const char *s, bool multiline, char *msg)
{
	size_t n = strlen(s), chars;
	uint32_t cp;
	bool invalid;
	if (text_find_bad(s, n, multiline, &cp, &invalid, &chars) == n)
		return true;
	unsigned long u = cp, at = (unsigned long)chars + 1;
	if (invalid) {
		xq_msg(msg, _("%s is not valid UTF-8: byte 0x%02lX at character %lu"), field, u, at);
		return false;
	}
	switch (text_class_of(cp)) {
	case TEXT_TAB:
		xq_msg(msg, _("%s holds U+%04lX, a tab, at character %lu; the field is one line"), field,
			u, at);
		break;
	case TEXT_LF:
	case TEXT_BREAK:
		if (multiline)
			xq_msg(msg, _("%s holds U+%04lX, a line break other than LF, at character %lu"),
				field, u, at);
		else
			xq_msg(msg, _("%s holds U+%04lX, a line break, at character %lu; the field is one line"),
				field, u, at);
		break;
	case TEXT_BIDI:
		xq_msg(msg, _("%s holds U+%04lX, a bidirectional control, at character %lu"), field, u,
			at);
		break;
	default:
		xq_msg(msg, _("%s holds U+%04lX, a control character, at character %lu"), field, u, at);
		break;
	}
	return false;
}

bool text_needs_escape(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str);
	for (size_t i = 0; i < n;) {
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		uint32_t c;
		size_t len = text_decode(s + i, n - i, &c);
		if (!len || text_class_of(c) != TEXT_PLAIN)
			return true;
		i += len;
	}
	return false;
}

void text_escape(struct strbuf *b, const char *str, bool breaks_as_space)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), start = 0, i = 0;
	while (i < n) {
		uint32_t c;
		size_t len = text_decode(s + i, n - i, &c);
		enum text_class k = len ? text_class_of(c) : TEXT_CONTROL;
		if (len && k == TEXT_PLAIN) {
			i += len;
			continue;
		}
		sb_add(b, str + start, i - start);
		if (!len || c < 0x80) {
			unsigned byte = s[i];
			if (breaks_as_space && (byte == '\t' || byte == '\n'))
				sb_addc(b, ' ');
			else if (byte == '\t')
				sb_adds(b, "\\t");
			else if (byte == '\n')
				sb_adds(b, "\\n");
			else if (byte == '\r')
				sb_adds(b, "\\r");
			else
				sb_printf(b, "\\x%02x", byte);
			i += len ? len : 1;
		} else {
			sb_printf(b, "<U+%04lX>", (unsigned long)c);
			i += len;
		}
		start = i;
	}
	sb_add(b, str + start, n - start);
}

const char *text_shown(const char *s, struct strbuf *tmp)
{
	if (!s || !text_needs_escape(s))
		return s;
	tmp->len = 0;
	if (tmp->s)
		tmp->s[0] = '\0';
	text_escape(tmp, s, false);
	return tmp->s ? tmp->s : "";
}
