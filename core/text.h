/* text.h: which characters a stored text may hold, and how text from the database is shown
 * on a terminal. Control characters (C0, DEL, C1), bidirectional controls and line breaks
 * other than LF are refused in every field; LF and TAB only in multi-line fields (notes,
 * goals). What is stored anyway is printed with those characters made visible. */
#ifndef XQ_TEXT_H
#define XQ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* What kind of character a code point is, for the checks and the escaping. */
enum text_class {
	TEXT_PLAIN,   /* an ordinary character */
	TEXT_TAB,     /* U+0009 */
	TEXT_LF,      /* U+000A */
	TEXT_BREAK,   /* CR, U+0085 NEL, U+2028, U+2029: line breaks other than LF */
	TEXT_CONTROL, /* the rest of C0, DEL and C1 */
	TEXT_BIDI,    /* U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069 */
};

enum text_class text_class_of(uint32_t cp);

/* The first character of s[0..n) a field must not hold: its byte offset, or n when there is
 * none. multiline allows LF and TAB. *cp is the code point found (or the byte, when the text
 * is not valid UTF-8, with *invalid set); *chars how many characters come before it. */
size_t text_find_bad(const char *s, size_t n, bool multiline, uint32_t *cp, bool *invalid,
	size_t *chars);

/* Checks a field's text: true when clean, else false with msg naming the field, the
 * character as U+XXXX and where it is, e.g. "name holds U+001B, a control character, at
 * character 3". */
bool text_check(const char *field, const char *s, bool multiline, char *msg);

/* True when s holds anything text_escape would change. */
bool text_needs_escape(const char *s);

/* Appends s to b with what must not reach a terminal made visible: TAB, LF and CR as \t \n
 * \r, other C0 controls and DEL as \xHH, C1 controls, line and paragraph separators and
 * bidirectional controls as <U+XXXX>, bytes that are not UTF-8 as \xHH. With breaks_as_space,
 * TAB and LF become a space instead (a multi-line note shown on one line). */
void text_escape(struct strbuf *b, const char *s, bool breaks_as_space);

/* s itself when nothing needs escaping, else its escaped form kept in tmp (initialised by
 * the caller, freed with sb_free). */
const char *text_shown(const char *s, struct strbuf *tmp);

#endif
