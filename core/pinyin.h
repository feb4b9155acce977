/* pinyin.h: pinyin initials of Chinese text (柳江区 → ljq), for searching names by the
 * letters people type. */
#ifndef XQ_PINYIN_H
#define XQ_PINYIN_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the lower-case initials of s into out: the first letter of each character's
 * pinyin for the common characters (GB2312 level 1, ordered by pinyin), ASCII letters and
 * digits as they are (lower-cased); other characters are left out. Returns out. */
char *pinyin_initials(const char *s, char *out, size_t size);
/* Whether the typed text (ASCII letters) is found in the initials of s. */
bool pinyin_matches(const char *s, const char *typed);

#endif
