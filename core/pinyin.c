/* pinyin.c: initials from GB2312's level-1 characters, which are in pinyin order: the
 * first character of each initial's run is a boundary. Conversion through iconv. */
#include "core/pinyin.h"

#include <ctype.h>
#include <iconv.h>
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

char *pinyin_initials(const char *s, char *out, size_t size)
{
	static iconv_t cd = (iconv_t)-1;
	static int tried;
	if (!tried) {
		cd = iconv_open("GB18030", "UTF-8");
		tried = 1;
	}
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && o + 1 < size) {
		size_t n = utf8_len(p);
		char l = 0;
		if (n == 1) {
			if (isalnum(*p))
				l = (char)tolower(*p);
		} else {
			for (size_t i = 0; i < sizeof extra / sizeof extra[0] && !l; i++)
				if (strncmp((const char *)p, extra[i].ch, n) == 0 && strlen(extra[i].ch) == n)
					l = extra[i].letter;
			if (!l && cd != (iconv_t)-1) {
				char in[4], gb[8];
				memcpy(in, p, n);
				char *ip = in, *op = gb;
				size_t il = n, ol = sizeof gb;
				iconv(cd, NULL, NULL, NULL, NULL);
				if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && op - gb == 2)
					l = letter_of(((unsigned char)gb[0] << 8) | (unsigned char)gb[1]);
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

bool pinyin_matches(const char *s, const char *typed)
{
	if (!*typed)
		return true;
	char buf[256], want[64];
	size_t n = 0;
	for (const char *t = typed; *t && n + 1 < sizeof want; t++) {
		if (!isalpha((unsigned char)*t))
			return false; /* only letters are initials */
		want[n++] = (char)tolower((unsigned char)*t);
	}
	want[n] = '\0';
	return strstr(pinyin_initials(s, buf, sizeof buf), want) != NULL;
}
