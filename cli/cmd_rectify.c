/* cmd_rectify.c: `xuequ rectification list|add|done|verify`: the rectifications (整改) of
 * failed inspection items, overdue ones first. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "db/inspection.h"
#include "db/school.h"

static bool parse_id(const char *s, int64_t *id)
{
	long v;
	if (!parse_long(s, &v) || v <= 0)
		return false;
	*id = v;
	return true;
}

static int rect_list(struct db *db, bool overdue, const char *school, bool csv)
{
	char msg[XQ_MSG_MAX];
	int64_t school_id = 0;
	if (school) {
		struct school s;
		if (db_school_find(db, school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			return EXIT_FAIL;
		}
		school_id = s.id;
	}
	struct rectification *rows;
	int n;
	if (db_rectification_list(db, overdue, school_id, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"id", "school_code", "school", "inspection", "item", "text", "person",
		"deadline", "status", "overdue", "reported_on", "verified_by"};
	static const char *const zh[] = {"编号", "学校代码", "学校", "检查", "条目", "内容", "责任人", "期限",
		"状态", "逾期", "报告日期", "验收检查"};
	struct table *t = table_new(h, 12);
	table_labels(t, zh);
	table_right(t, 0);
	for (int i = 0; i < n; i++) {
		const struct rectification *r = &rows[i];
		char id[24], insp[24], pos[16], by[24];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		snprintf(insp, sizeof insp, "%lld", (long long)r->inspection_id);
		snprintf(pos, sizeof pos, "%d", r->position);
		if (r->verified_by)
			snprintf(by, sizeof by, "%lld", (long long)r->verified_by);
		else
			by[0] = 0;
		const char *cells[] = {id, r->school_code, r->school_name, insp, pos, r->item_text, r->person,
			r->deadline, enum_key(rect_status_items, r->status), r->overdue ? "1" : "0", r->reported_on, by};
		table_add(t, cells);
	}
	table_print(t, stdout, csv);
	table_free(t);
	free(rows);
	return EXIT_OK;
}

int cmd_rectification(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"format", required_argument, NULL, 'f'},
		{"overdue", no_argument, NULL, 'O'},
		{"school", required_argument, NULL, 's'},
		{"person", required_argument, NULL, 'p'},
		{"deadline", required_argument, NULL, 'D'},
		{"note", required_argument, NULL, 'N'},
		{"by", required_argument, NULL, 'b'},
		{NULL, 0, NULL, 0},
	};
	bool csv = false, overdue = false, format = false;
	const char *school = NULL, *person = NULL, *deadline = NULL, *note = NULL, *by = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!table_format_arg("rectification", optarg, &csv))
				return EXIT_MISUSE;
			format = true;
			break;
		case 'O': overdue = true; break;
		case 's': school = optarg; break;
		case 'p': person = optarg; break;
		case 'D': deadline = optarg; break;
		case 'N': note = optarg; break;
		case 'b': by = optarg; break;
		default:
			return cli_usage("rectification", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("rectification", "%s",
			_("rectification needs a subcommand: list, add, done or verify"));
	const char *sub = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	int want;
	bool opts_ok;
	if (!strcmp(sub, "list")) {
		want = 0;
		opts_ok = !person && !deadline && !note && !by;
	} else if (!strcmp(sub, "add")) {
		want = 2;
		opts_ok = !format && !overdue && !by;
		if (opts_ok && (!person || !deadline))
			return cli_usage("rectification", "%s", _("rectification add needs --person and --deadline"));
	} else if (!strcmp(sub, "done")) {
		want = 1;
		opts_ok = !format && !overdue && !school && !person && !deadline && !by;
	} else if (!strcmp(sub, "verify")) {
		want = 1;
		opts_ok = !format && !overdue && !school && !person && !deadline && !note;
		if (opts_ok && !by)
			return cli_usage("rectification", "%s",
				_("rectification verify needs --by INSPECTION, the later inspection that passed the item"));
	} else
		return cli_usage("rectification", _("no subcommand '%s'"), sub);
	if (!opts_ok)
		return cli_usage("rectification", _("an option that does not go with rectification %s"), sub);
	if (nargs < want)
		return cli_usage("rectification", _("%s needs an argument"), sub);
	if (nargs > want)
		return cli_usage("rectification", _("unexpected argument '%s'"), args[want]);
	int64_t id = 0, by_id = 0;
	long pos = 0;
	if (want >= 1 && !parse_id(args[0], &id))
		return cli_usage("rectification", _("'%s' is not an id"), args[0]);
	if (want == 2 && (!parse_long(args[1], &pos) || pos < 1 || pos > 100000))
		return cli_usage("rectification", _("'%s' is not an item number"), args[1]);
	if (by && !parse_id(by, &by_id))
		return cli_usage("rectification", _("'%s' is not an id"), by);
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	int rc = EXIT_OK, r = XQ_OK;
	if (!strcmp(sub, "list")) {
		rc = rect_list(db, overdue, school, csv);
	} else if (!strcmp(sub, "add")) {
		struct rectification x = {0};
		x.inspection_id = id;
		x.position = (int)pos;
		xq_copy(x.person, sizeof x.person, person);
		xq_copy(x.deadline, sizeof x.deadline, deadline);
		if (note)
			xq_copy(x.note, sizeof x.note, note);
		if (school) {
			struct school s;
			if (db_school_find(db, school, &s, msg) != XQ_OK)
				r = XQ_ERR;
			else
				x.school_id = s.id;
		}
		if (r == XQ_OK && (r = db_rectification_add(db, &x, msg)) == XQ_OK)
			printf("%lld\n", (long long)x.id);
	} else if (!strcmp(sub, "done")) {
		r = db_rectification_done(db, id, note, msg);
	} else {
		r = db_rectification_verify(db, id, by_id, msg);
	}
	if (r != XQ_OK) {
		cli_error("%s", msg);
		rc = EXIT_FAIL;
	}
	db_close(db);
	return rc;
}
