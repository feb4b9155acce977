/* cli.h: what the line-mode commands share — the context built by main, opening the
 * database, and error output in the form "xuequ: FILE:LINE: message". */
#ifndef XQ_CLI_H
#define XQ_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "conf/conf.h"
#include "core/exchange.h"
#include "db/db.h"

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_MISUSE = 2 };

struct cli {
	struct conf conf;
	const char *db_path; /* --db, else [database] path */
	const char *config_path;
	const char *prog;
	bool console; /* opening for the console, whose status line says what it says here */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage; /* "ENTITY FILE [--dry-run]" */
	const char *help;  /* one line */
};

extern const struct cli_command cli_commands[];

/* Whether cli->db_path may be opened (a setgid installation needs the configured absolute
 * path); prints the reason when not. */
bool cli_db_permitted(const struct cli *cli);
/* Opens the configured database; prints the reason and returns NULL on failure. */
struct db *cli_open(struct cli *cli, int flags);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error of a command: prints it and the command's usage; returns EXIT_MISUSE. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints prefix and the formatted message, then a newline, with control characters, line
 * breaks and bidirectional controls in it shown as visible escapes (text_escape): names and
 * notes from the database or a file cannot drive the terminal. A newline ending fmt's output
 * is the line's own. */
void cli_vsay(FILE *out, const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void cli_say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reads a whole file ("-" = standard input); NULL with a message printed on failure. */
char *cli_read_file(const char *path, size_t *len);
/* Writes data to path atomically (temporary file, then rename), or to stdout for "-". */
bool cli_write_file(const char *path, const char *data, size_t len, bool force);

struct term;
/* The term named, or the newest; XQ_ERR with the reason printed. */
int cli_pick_term(struct db *db, const char *name, struct term *t);

/* Whether a command's arguments ask for its help (--help or -h before any "--"). */
bool cli_help_wanted(int argc, char **argv);
/* Prints a command's usage, options and examples; XQ_ERR when there is no such command. */
int cli_command_help(const char *name, FILE *out);

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_setup(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_operator(struct cli *cli, int argc, char **argv);
int cmd_keys(struct cli *cli, int argc, char **argv);
int cmd_exchange(struct cli *cli, int argc, char **argv);
int cmd_policy(struct cli *cli, int argc, char **argv);
int cmd_history(struct cli *cli, int argc, char **argv);
int cmd_undo(struct cli *cli, int argc, char **argv);
int cmd_indicators(struct cli *cli, int argc, char **argv);
int cmd_template(struct cli *cli, int argc, char **argv);
int cmd_inspection(struct cli *cli, int argc, char **argv);
int cmd_rectification(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_take(struct cli *cli, int argc, char **argv);
int cmd_term(struct cli *cli, int argc, char **argv);
int cmd_facility(struct cli *cli, int argc, char **argv);
int cmd_timetable(struct cli *cli, int argc, char **argv);
int cmd_booking(struct cli *cli, int argc, char **argv);
int cmd_merge(struct cli *cli, int argc, char **argv);
int cmd_pack(struct cli *cli, int argc, char **argv);

#endif
