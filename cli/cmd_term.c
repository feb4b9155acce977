/* cmd_term.c: `xuequ term add|list`: the terms of the timetables, their days and weeks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "db/timetable.h"

static int term_list(struct cli *cli, bool csv)
{
	struct db *db = cli_open(cli, DB_READONLY);
	if (!db)
		return EXIT_FAIL;
	struct term *rows;
	int n;
	char msg[XQ_MSG_MAX];
	if (db_term_list(db, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		db_close(db);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"term", "first_day", "last_day", "days", "periods", "weeks"};
	static const char *const zh[] = {"学期", "开始日期", "结束日期", "每周天数", "每天节数", "周数"};
	struct table *t = table_new(h, 6);
	table_labels(t, zh);
	table_right(t, 3);
	table_right(t, 4);
	table_right(t, 5);
	for (int i = 0; i < n; i++) {
		const struct term *r = &rows[i];
		char days[24], periods[24], weeks[24];
		snprintf(days, sizeof days, "%ld", r->days);
		snprintf(periods, sizeof periods, "%ld", r->periods);
		long span = date_days(r->last_day) - date_days(r->first_day);
		snprintf(weeks, sizeof weeks, "%ld", span < 0 ? 0 : span / 7 + 1);
		const char *cells[] = {r->name, r->first_day, r->last_day, days, periods, weeks};
		table_add(t, cells);
	}
	table_print(t, stdout, csv);
	table_free(t);
	free(rows);
	db_close(db);
	return EXIT_OK;
}

int cmd_term(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"first", required_argument, NULL, 'f'},
		{"last", required_argument, NULL, 'l'},
		{"days", required_argument, NULL, 'd'},
		{"periods", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	const char *first = NULL, *last = NULL;
	long days = 5, periods = 8;
	bool csv = false, format = false, week = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 'f': first = optarg; break;
		case 'l': last = optarg; break;
		case 'd':
		case 'p': {
			long v;
			if (!parse_long(optarg, &v))
				return cli_usage("term", _("'%s' is not a whole number"), optarg);
			*(c == 'd' ? &days : &periods) = v;
			week = true;
			break;
		}
		case 'F':
			if (!table_format_arg("term", optarg, &csv))
				return EXIT_MISUSE;
			format = true;
			break;
		default:
			return cli_usage("term", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("term", "%s", _("term needs a subcommand: add or list"));
	const char *sub = argv[optind];
	if (strcmp(sub, "list") == 0) {
		if (first || last || week)
			return cli_usage("term", "%s", _("term list takes only --format"));
		if (optind + 1 < argc)
			return cli_usage("term", _("unexpected argument '%s'"), argv[optind + 1]);
		return term_list(cli, csv);
	}
	if (strcmp(sub, "add") != 0)
		return cli_usage("term", _("no subcommand '%s'"), sub);
	if (format)
		return cli_usage("term", "%s", _("term add takes no --format"));
	if (optind + 1 >= argc)
		return cli_usage("term", "%s", _("term add needs the term's name, such as 2025-2026/2"));
	if (optind + 2 < argc)
		return cli_usage("term", _("unexpected argument '%s'"), argv[optind + 2]);
	if (!first || !last)
		return cli_usage("term", "%s", _("term add needs --first and --last, the term's first and last days"));
	struct term t;
	memset(&t, 0, sizeof t);
	if (!xq_copy(t.name, sizeof t.name, argv[optind + 1]) || !xq_copy(t.first_day, sizeof t.first_day, first) ||
	    !xq_copy(t.last_day, sizeof t.last_day, last))
		return cli_usage("term", "%s", _("a value is too long"));
	t.days = days;
	t.periods = periods;
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	int rc = db_term_insert(db, &t, msg);
	db_close(db);
	if (rc != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	cli_say(stdout, _("term %s added: %s to %s, %ld days of %ld periods"), t.name, t.first_day, t.last_day,
		t.days, t.periods);
	return EXIT_OK;
}
