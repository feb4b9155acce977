/* cmd_policy.c: `xuequ policy show [--format csv]` and `xuequ policy set KEY=VALUE ...`:
 * the county's policy as the database holds it, changed by an administrator. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "db/policy.h"

static int policy_show(struct db *db, bool csv)
{
	struct db_policy_entry *rows;
	int n;
	char msg[XQ_MSG_MAX];
	if (db_policy_list(db, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	/* the table names the default only where the value differs; CSV always, with a flag */
	static const char *const table_headers[] = {"key", "value", "default"};
	static const char *const csv_headers[] = {"key", "value", "default", "changed"};
	struct table *t = table_new(csv ? csv_headers : table_headers, csv ? 4 : 3);
	for (int i = 0; i < n; i++) {
		const char *cells[] = {rows[i].name, rows[i].value,
			csv || !rows[i].is_default ? rows[i].def : "", rows[i].is_default ? "0" : "1"};
		table_add(t, cells);
	}
	table_print(t, stdout, csv);
	table_free(t);
	free(rows);
	return EXIT_OK;
}

static int policy_set(struct cli *cli, char **args, int nargs)
{
	struct db_policy_change *ch = xcalloc((size_t)nargs, sizeof *ch);
	char **keys = xcalloc((size_t)nargs, sizeof *keys);
	int rc = EXIT_OK;
	/* misuse before the database is opened: no KEY=VALUE, or a key no option has */
	for (int k = 0; k < nargs && rc == EXIT_OK; k++) {
		const char *eq = strchr(args[k], '=');
		if (!eq || eq == args[k]) {
			rc = cli_usage("policy", _("'%s' is not KEY=VALUE"), args[k]);
			break;
		}
		keys[k] = xasprintf("%.*s", (int)(eq - args[k]), args[k]);
		int i = conf_policy_find(keys[k]);
		if (i == -2)
			rc = cli_usage("policy", _("'%s' is in more than one section: write SECTION.%s"), keys[k],
				keys[k]);
		else if (i < 0)
			rc = cli_usage("policy", _("no policy key '%s' ('xuequ policy show' lists them)"), keys[k]);
		ch[k].key = keys[k];
		ch[k].value = eq + 1;
	}
	struct db *db = rc == EXIT_OK ? cli_open(cli, 0) : NULL;
	if (rc == EXIT_OK && !db)
		rc = EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	if (db && db_policy_set(db, ch, nargs, NULL, msg) != XQ_OK) {
		cli_error("%s", msg);
		rc = EXIT_FAIL;
	} else if (db) {
		/* what is stored now, as the file would spell it */
		struct db_policy_entry *rows;
		int n;
		if (db_policy_list(db, &rows, &n, msg) == XQ_OK) {
			for (int k = 0; k < nargs; k++) {
				int i = conf_policy_find(keys[k]);
				if (i >= 0 && i < n)
					printf("%s = %s\n", rows[i].name, rows[i].value);
			}
			free(rows);
		}
	}
	db_close(db);
	for (int k = 0; k < nargs; k++)
		free(keys[k]);
	free(keys);
	free(ch);
	return rc;
}

int cmd_policy(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	bool csv = false, format = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'f') {
			if (!table_format_arg("policy", optarg, &csv))
				return EXIT_MISUSE;
			format = true;
		} else
			return cli_usage("policy", _("unknown option %s"), argv[optind - 1]);
	}
	if (optind >= argc)
		return cli_usage("policy", "%s", _("policy needs a subcommand: show or set"));
	const char *sub = argv[optind];
	char **args = argv + optind + 1;
	int nargs = argc - optind - 1;
	if (strcmp(sub, "show") == 0) {
		if (nargs > 0)
			return cli_usage("policy", _("unexpected argument '%s'"), args[0]);
		struct db *db = cli_open(cli, 0);
		if (!db)
			return EXIT_FAIL;
		int rc = policy_show(db, csv);
		db_close(db);
		return rc;
	}
	if (strcmp(sub, "set") == 0) {
		if (format)
			return cli_usage("policy", "%s", _("--format goes with policy show"));
		if (nargs == 0)
			return cli_usage("policy", "%s", _("policy set needs KEY=VALUE"));
		return policy_set(cli, args, nargs);
	}
	return cli_usage("policy", _("no subcommand '%s'"), sub);
}
