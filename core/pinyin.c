/* pinyin.c: initials from GB2312's level-1 characters, which are in pinyin order: the
 * first character of each initial's run is a boundary. Conversion through iconv. */
#include "core/pinyin.h"

#include <ctype.h>
#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first GB2312 code of each initial (i, u and v begin no syllable). */
static const struct {
	unsigned code;
	char letter;
} bounds[] = {
	{0xB0A1, 'a'}, {0xB0C5, 'b'}, {0xB2C1, 'c'}, {0xB4EE, 'd'}, {0xB6EA, 'e'}, {0xB7A2, 'f'},
	{0xB8C1, 'g'}, {0xB9FE, 'h'}, {0xBBF7, 'j'}, {0xBFA6, 'k'}, {0xC0AC, 'l'}, {0xC2E8, 'm'},
	{0xC4C3, 'n'}, {0xC5B6, 'o'}, {0xC5BE, 'p'}, {0xC6DA, 'q'}, {0xC8BB, 'r'}, {0xC8F6, 's'},
	{0xCBFA, 't'}, {0xCDDA, 'w'}, {0xCEF4, 'x'}, {0xD1B9, 'y'}, {0xD4D1, 'z'},
};
#define LEVEL1_END 0xD7F9

/* Common surnames and place characters outside level 1 (GB2312 level 2 is ordered by
 * radical, not by sound). */
static const struct {
	const char *ch;
	char letter;
} extra[] = {
	{"覃", 'q'}, {"邝", 'k'}, {"佘", 's'}, {"缪", 'm'}, {"邬", 'w'}, {"阚", 'k'}, {"蒯", 'k'},
	{"亓", 'q'}, {"璩", 'q'}, {"琚", 'j'}, {"鄢", 'y'}, {"仝", 't'}, {"岜", 'b'}, {"峒", 'd'},
	{"垌", 'd'}, {"圩", 'x'}, {"坳", 'a'}, {"岽", 'd'}, {"沱", 't'}, {"浔", 'x'}, {"邕", 'y'},
	{"婷", 't'}, {"琪", 'q'}, {"瑶", 'y'}, {"璐", 'l'}, {"琳", 'l'}, {"珺", 'j'}, {"昊", 'h'},
	{"晗", 'h'}, {"煜", 'y'}, {"钰", 'y'}, {"铭", 'm'}, {"锦", 'j'}, {"琦", 'q'}, {"瑜", 'y'},
	{"璇", 'x'}, {"芮", 'r'}, {"菁", 'j'}, {"萱", 'x'}, {"蕾", 'l'}, {"霖", 'l'}, {"骞", 'q'},
};

static char letter_of(unsigned code)
{
	if (code < bounds[0].code || code >= LEVEL1_END)
		return 0;
	char l = 0;
	for (size_t i = 0; i < sizeof bounds / sizeof bounds[0] && code >= bounds[i].code; i++)
		l = bounds[i].letter;
	return l;
}

/* Length of the UTF-8 character at s (1 for a stray byte). */
static size_t utf8_len(const unsigned char *s)
{
	if (*s < 0x80)
		return 1;
	if ((*s & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80)
		return 2;
	if ((*s & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
		return 3;
	if ((*s & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80)
		return 4;
	return 1;
}

/* The two-byte GB18030 code of the n-byte UTF-8 character at in, 0 when it has none. One
 * conversion state for the process, taken under a lock: the console's search and its
 * reports' sorting on another thread both come here (each character once, cached). */
static unsigned gb_code(const char *in, size_t n)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static iconv_t cd = (iconv_t)-1;
	static bool tried;
	unsigned code = 0;
	pthread_mutex_lock(&mu);
	if (!tried) {
		cd = iconv_open("GB18030", "UTF-8");
		tried = true;
	}
	if (cd != (iconv_t)-1) {
		char buf[4], gb[8];
		memcpy(buf, in, n);
		char *ip = buf, *op = gb;
		size_t il = n, ol = sizeof gb;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && op - gb == 2)
			code = ((unsigned char)gb[0] << 8) | (unsigned char)gb[1];
	}
	pthread_mutex_unlock(&mu);
	return code;
}

/* The code point of the n-byte UTF-8 character at p (n from utf8_len, 2 to 4). */
static uint32_t code_point(const unsigned char *p, size_t n)
{
	uint32_t c = p[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (p[i] & 0x3F);
	return c;
}

/* The initial of the n-byte character at p, 0 when it has none. */
static char letter_lookup(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (strlen(extra[i].ch) == n && memcmp(p, extra[i].ch, n) == 0)
			return extra[i].letter;
	unsigned code = gb_code((const char *)p, n);
	return code ? letter_of(code) : 0;
}

char *pinyin_initials(const char *s, char *out, size_t size)
{
	/* each character's initial once looked up (0: not yet, 1: none); the same value
	 * whichever thread writes it */
	static unsigned char known[0x10000];
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && o + 1 < size) {
		size_t n = utf8_len(p);
		char l = 0;
		if (n == 1) {
			if (isalnum(*p))
				l = (char)tolower(*p);
		} else {
			uint32_t cp = code_point(p, n);
			unsigned char k = cp < 0x10000 ? __atomic_load_n(&known[cp], __ATOMIC_RELAXED) : 0;
			if (k)
				l = k == 1 ? 0 : (char)k;
			else {
				l = letter_lookup(p, n);
				if (cp < 0x10000)
					__atomic_store_n(&known[cp], l ? (unsigned char)l : 1, __ATOMIC_RELAXED);
			}
		}
		if (l)
			out[o++] = l;
		p += n;
	}
	if (size)
		out[o] = '\0';
	return out;
}

bool pinyin_initials_match(const char *initials, const char *typed)
{
	if (!*typed)
		return true;
	char want[64];
	size_t n = 0;
	for (const char *t = typed; *t && n + 1 < sizeof want; t++) {
		if (!isalpha((unsigned char)*t))
			return false; /* only letters are initials */
		want[n++] = (char)tolower((unsigned char)*t);
	}
	want[n] = '\0';
	return strstr(initials, want) != NULL;
}

bool pinyin_matches(const char *s, const char *typed)
{
	if (!*typed)
		return true;
	char buf[256];
	return pinyin_initials_match(pinyin_initials(s, buf, sizeof buf), typed);
}

/* The rank of code point cp: ASCII by byte, GB2312 level 1 by its code (pinyin order), a
 * listed extra just before the first character of its initial, anything else after all. */
static uint32_t rank_of(uint32_t cp)
{
	static uint32_t cache[0x10000]; /* 0: not yet known; the same value from any thread */
	if (cp < 0x80)
		return cp;
	uint32_t known = cp < 0x10000 ? __atomic_load_n(&cache[cp], __ATOMIC_RELAXED) : 0;
	if (known)
		return known;
	char in[4];
	size_t n;
	if (cp < 0x800) {
		in[0] = (char)(0xC0 | (cp >> 6));
		in[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		in[0] = (char)(0xE0 | (cp >> 12));
		in[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		in[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else
		return 0x30000; /* beyond the BMP: after all, by code point */
	uint32_t r = 0x30000;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0] && r == 0x30000; i++)
		if (strlen(extra[i].ch) == n && memcmp(extra[i].ch, in, n) == 0)
			for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++)
				if (bounds[k].letter == extra[i].letter)
					r = 0x10000 + bounds[k].code * 2;
	if (r == 0x30000) {
		unsigned code = gb_code(in, n);
		if (code >= bounds[0].code && code < LEVEL1_END)
			r = 0x10000 + code * 2 + 1;
	}
	__atomic_store_n(&cache[cp], r, __ATOMIC_RELAXED);
	return r;
}

/* Decodes one UTF-8 character of s (len bytes left) into *cp; returns its length (a stray
 * byte is one character of its own value plus 0x110000, so it sorts last). */
static int utf8_next(const unsigned char *s, int len, uint32_t *cp)
{
	int n = 1;
	uint32_t c = s[0];
	if (c >= 0xC0 && c < 0xE0)
		n = 2, c &= 0x1F;
	else if (c >= 0xE0 && c < 0xF0)
		n = 3, c &= 0x0F;
	else if (c >= 0xF0 && c < 0xF8)
		n = 4, c &= 0x07;
	if (c >= 0x80 || n > len) {
		*cp = 0x110000 + s[0];
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0x110000 + s[0];
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

int pinyin_collate(const char *a, int alen, const char *b, int blen)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	int i = 0, k = 0;
	while (i < alen && k < blen) {
		uint32_t ca, cb;
		i += utf8_next(p + i, alen - i, &ca);
		k += utf8_next(q + k, blen - k, &cb);
		if (ca == cb)
			continue;
		uint32_t ra = ca < 0x110000 ? rank_of(ca) : 0x40000, rb = cb < 0x110000 ? rank_of(cb) : 0x40000;
		if (ra != rb)
			return ra < rb ? -1 : 1;
		return ca < cb ? -1 : 1; /* the same rank: by code point */
	}
	if (i < alen || k < blen)
		return i < alen ? 1 : -1;
	return 0;
}
