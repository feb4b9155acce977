/* test_edit_lines.c: the text editor's line breaks — pasted or typed (C-j) into a note,
 * a space in one line of text — and the session's message log. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/edit.h"
#include "tui/ui.h"

static void type(struct edit *e, const char *ascii)
{
	for (const char *p = ascii; *p; p++)
		edit_key(e, *p);
}

static void test_one_line_takes_a_space(void **state)
{
	(void)state;
	struct edit e;
	char out[64];
	edit_init(&e, 64);
	type(&e, "ab");
	assert_int_equal(edit_key(&e, TK_PASTE_NL), 1);
	type(&e, "cd");
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "ab cd");
	/* a stored line break shows as a space in one line of text */
	edit_set(&e, "x\ny");
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "x y");
	edit_free(&e);
}

static void test_note_keeps_line_breaks(void **state)
{
	(void)state;
	struct edit e;
	char out[64];
	edit_init(&e, 64);
	e.multiline = true;
	edit_set(&e, "first\nsecond");
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "first\nsecond");
	/* Home, C-u and C-k work on the cursor's line only */
	edit_key(&e, TK_FN(KEY_HOME));
	type(&e, ">");
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "first\n>second");
	edit_key(&e, TK_CTRL('u'));
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "first\nsecond");
	edit_key(&e, TK_CTRL('k'));
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "first\n");
	/* a new line typed or pasted */
	type(&e, "two");
	assert_int_equal(edit_key(&e, TK_PASTE_NL), 1);
	type(&e, "three");
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "first\ntwo\nthree");
	edit_free(&e);
}

static void test_note_respects_its_length(void **state)
{
	(void)state;
	struct edit e;
	char out[16];
	edit_init(&e, 4); /* three bytes and the terminator */
	e.multiline = true;
	type(&e, "ab");
	assert_int_equal(edit_key(&e, TK_PASTE_NL), 1);
	assert_int_equal(edit_key(&e, TK_PASTE_NL), 2); /* full */
	edit_get(&e, out, sizeof out);
	assert_string_equal(out, "ab\n");
	edit_free(&e);
}

static void test_message_log(void **state)
{
	(void)state;
	struct msglog *m = msglog_new();
	/* empty messages and repeats are not kept; the log holds at most 100 */
	msglog_add(m, MSG_INFO, "");
	msglog_add(m, MSG_INFO, "one");
	msglog_add(m, MSG_INFO, "one");
	assert_int_equal(msglog_count(m), 1);
	assert_string_equal(msglog_text(m, 0) + 9, "one"); /* after "HH:MM:SS " */
	for (int i = 0; i < 150; i++) {
		char t[16];
		snprintf(t, sizeof t, "m%d", i);
		msglog_add(m, MSG_WARN, t);
	}
	assert_int_equal(msglog_count(m), 100);
	assert_string_equal(msglog_text(m, 0) + 9, "m50");
	assert_string_equal(msglog_text(m, 99) + 9, "m149");
	assert_null(msglog_text(m, 100));
	msglog_free(m);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_line_takes_a_space),
		cmocka_unit_test(test_note_keeps_line_breaks),
		cmocka_unit_test(test_note_respects_its_length),
		cmocka_unit_test(test_message_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
