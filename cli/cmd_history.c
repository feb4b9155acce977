/* cmd_history.c: `xuequ history [--table T] [--id N] [--limit N]`, the audit log newest
 * first, and `xuequ undo AUDIT_ID`, a new change that restores what a change replaced. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/history.h"
#include "core/i18n.h"
#include "db/history.h"

static bool positive(const char *s, long *out)
{
	return parse_long(s, out) && *out > 0;
}

int cmd_history(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"table", required_argument, NULL, 't'},
		{"id", required_argument, NULL, 'i'},
		{"limit", required_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	struct history_query q;
	history_query_init(&q);
	long limit = 50, id = 0;
	bool csv = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			q.table = optarg;
			break;
		case 'i':
			if (!positive(optarg, &id))
				return cli_usage("history", _("--id takes a record's id, not '%s'"), optarg);
			q.row_id = id;
			break;
		case 'n':
			if (!positive(optarg, &limit))
				return cli_usage("history", _("--limit takes a positive number, not '%s'"), optarg);
			break;
		case 'f':
			if (!table_format_arg("history", optarg, &csv))
				return EXIT_MISUSE;
			break;
		default:
			return cli_usage("history", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("history", _("unexpected argument '%s'"), argv[optind]);
	if (q.row_id && !q.table)
		return cli_usage("history", "%s", _("--id needs --table: whose id is it?"));
	if (limit > 100000)
		limit = 100000;
	struct db *db = cli_open(cli, DB_READONLY);
	if (!db)
		return EXIT_FAIL;
	struct history_row *rows = xcalloc((size_t)limit, sizeof *rows);
	int n = db_history_page(db, &q, 0, (int)limit, rows);
	if (n < 0) {
		cli_error("%s", _("cannot read the history"));
		free(rows);
		db_close(db);
		return EXIT_FAIL;
	}
	const char *headers[] = {_("Change"), _("When (UTC)"), _("Who"), _("What"), _("Table"),
		_("Id"), _("Record"), _("Fields"), _("Origin")};
	bool origins = csv;
	for (int i = 0; i < n && !origins; i++)
		origins = rows[i].origin[0] != '\0';
	struct table *t = table_new(headers, origins ? 9 : 8);
	table_right(t, 0);
	table_right(t, 5);
	for (int i = 0; i < n; i++) {
		const struct history_row *r = &rows[i];
		char change[24], when[32], rid[24], who[2 * SHORT_LEN + 8];
		snprintf(change, sizeof change, "%lld", (long long)r->e.id);
		snprintf(rid, sizeof rid, "%lld", (long long)r->e.row_id);
		xq_copy(when, sizeof when, r->e.at);
		if (strlen(when) >= 19) {
			when[10] = ' ';
			when[19] = '\0';
		}
		if (r->e.sudo_user[0] && strcmp(r->e.sudo_user, r->e.login) != 0)
			snprintf(who, sizeof who, "%s (%s)", r->e.sudo_user, r->e.login);
		else
			xq_copy(who, sizeof who, r->e.login);
		const char *cells[] = {change, when, who, _(hist_op_label(r->e.op)),
			_(hist_table_label(r->e.table)), rid, r->label, r->fields, r->origin};
		table_add(t, cells);
	}
	table_print(t, stdout, csv);
	table_free(t);
	free(rows);
	db_close(db);
	return EXIT_OK;
}

int cmd_undo(struct cli *cli, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("undo", "%s", _("which change? undo AUDIT_ID (xuequ history lists them)"));
	long id;
	if (!positive(argv[1], &id))
		return cli_usage("undo", _("'%s' is not a change number (xuequ history lists them)"), argv[1]);
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX] = "";
	int64_t made = 0;
	int rc = db_history_undo(db, id, &made, msg);
	if (rc != XQ_OK)
		cli_error("%s", msg);
	else
		printf(_("change %ld undone by change %lld\n"), id, (long long)made);
	db_close(db);
	return rc == XQ_OK ? EXIT_OK : EXIT_FAIL;
}
