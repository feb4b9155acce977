/* tui.h: the full-screen console's entry points, as main and the command line see them. */
#ifndef XQ_TUI_H
#define XQ_TUI_H

#include <stdio.h>

struct db;
struct conf;

struct tui_options {
	const char *trace_timing_path; /* NULL = off */
};

/* Notes the process start for the first-screen time of --trace-timing; main calls it
 * first thing. Without it tui_run takes its own start as the start. */
void tui_mark_start(void);

/* Runs the console until the user quits; returns the process exit status. */
int tui_run(struct db *db, const struct conf *conf, const struct tui_options *opt);

/* Every pane's key table (action name, default keys, help text), as plain text or as
 * mdoc list items for the man page. conf may be NULL (defaults). */
void tui_keys_print(FILE *out, const struct conf *conf, int mdoc);

#endif
