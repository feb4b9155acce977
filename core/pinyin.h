/* pinyin.h: pinyin initials of Chinese text (柳江区 → ljq), for searching names by the
 * letters people type, and the order of names by pinyin. */
#ifndef XQ_PINYIN_H
#define XQ_PINYIN_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the lower-case initials of s into out: the first letter of each character's
 * pinyin for the common characters (GB2312 level 1, ordered by pinyin), ASCII letters and
 * digits as they are (lower-cased); other characters are left out. Returns out. */
char *pinyin_initials(const char *s, char *out, size_t size);
/* Whether the typed text (ASCII letters) is found in initials (from pinyin_initials). */
bool pinyin_initials_match(const char *initials, const char *typed);
/* Whether the typed text (ASCII letters) is found in the initials of s. */
bool pinyin_matches(const char *s, const char *typed);
/* Orders two UTF-8 strings (not NUL-terminated) as people sort Chinese names: ASCII first,
 * then the common characters by pinyin (GB2312 level 1), the listed rarer ones at the start
 * of their initial's run, the rest by code point; strings that differ never compare equal.
 * Negative, zero or positive, as memcmp. The "pinyin" collation of the database. */
int pinyin_collate(const char *a, int alen, const char *b, int blen);

#endif
