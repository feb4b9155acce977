/* cmd_timetable.c: `xuequ timetable check [--term T]`: every hard violation of a term's
 * timetable in words (core/ttcheck.c over the model db/timetable.c loads). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/ttcheck.h"
#include "db/timetable.h"

/* The term named, or the newest; XQ_ERR with the reason printed. */
static int pick_term(struct db *db, const char *name, struct term *t)
{
	char msg[XQ_MSG_MAX];
	if (name) {
		if (db_term_find(db, name, t) == XQ_OK)
			return XQ_OK;
		cli_error(_("no term %s (xuequ term list shows them)"), name);
		return XQ_ERR;
	}
	struct term *rows;
	int n;
	if (db_term_list(db, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return XQ_ERR;
	}
	if (n == 0) {
		free(rows);
		cli_error("%s", _("there is no term yet: xuequ term add 2025-2026/2 --first DATE --last DATE"));
		return XQ_ERR;
	}
	*t = rows[0];
	free(rows);
	return XQ_OK;
}

static void print_violation(void *ctx, const struct tt_violation *v)
{
	const struct tt_model *m = ctx;
	char line[1024];
	tt_violation_text(m, v, line, sizeof line);
	cli_say(stdout, "%s", line);
}

static int tt_check_cmd(struct cli *cli, const char *term)
{
	struct db *db = cli_open(cli, DB_READONLY);
	if (!db)
		return EXIT_FAIL;
	struct term t;
	if (pick_term(db, term, &t) != XQ_OK) {
		db_close(db);
		return EXIT_FAIL;
	}
	struct tt_model m;
	char msg[XQ_MSG_MAX];
	if (db_tt_load(db, t.id, &m, msg) != XQ_OK) {
		cli_error("%s", msg);
		db_close(db);
		return EXIT_FAIL;
	}
	db_close(db);
	int n = tt_check(&m, print_violation, &m);
	int placed = 0;
	for (int i = 0; i < m.nlessons; i++)
		placed += m.lessons[i].day >= 0;
	if (n)
		cli_say(stdout, _("%s: %d of %d lessons placed; %d hard violations"), t.name, placed, m.nlessons, n);
	else
		cli_say(stdout, _("%s: %d of %d lessons placed; no hard violation"), t.name, placed, m.nlessons);
	tt_model_free(&m);
	return n ? EXIT_FAIL : EXIT_OK;
}

int cmd_timetable(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"term", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *term = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 't': term = optarg; break;
		default:
			return cli_usage("timetable", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("timetable", "%s", _("timetable needs a subcommand: check"));
	const char *sub = argv[optind];
	if (optind + 1 < argc)
		return cli_usage("timetable", _("unexpected argument '%s'"), argv[optind + 1]);
	if (strcmp(sub, "check") == 0)
		return tt_check_cmd(cli, term);
	return cli_usage("timetable", _("no subcommand '%s'"), sub);
}
