/* main.c: `xuequ [--db FILE] [--config FILE] [COMMAND ...]`: global options, then one
 * command, or the full-screen console when there is none. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "db/pack.h"
#include "core/priv.h"
#include "db/demo.h"
#include "db/policy.h"
#include "tui/tui.h"

#ifndef XUEQU_VERSION
#define XUEQU_VERSION "0.1"
#endif

static int cmd_version(struct cli *cli, int argc, char **argv);
static int cmd_help(struct cli *cli, int argc, char **argv);

const struct cli_command cli_commands[] = {
	{"init", cmd_init, "[--demo[=county|city]] [--force]", N_("create a database (with a demo county)")},
	{"import", cmd_import, "ENTITY FILE [--dry-run] [--encoding NAME]", N_("import a CSV file, all or nothing")},
	{"export", cmd_export, "ENTITY [-o FILE] [--headers en|zh] [--encoding E] [--force]",
		N_("export an entity as CSV")},
	{"exchange", cmd_exchange,
		"eligible|quota|list|subsidy|add|approve|reject|start|complete|cancel|plan ...",
		N_("teacher exchanges: eligibility, yearly quotas, plans, approvals")},
	{"policy", cmd_policy, "show [--format csv] | set KEY=VALUE ...",
		N_("the county's policy: quotas, eligibility, subsidies, indicator thresholds")},
	{"indicators", cmd_indicators, "--level primary|junior [--date D] [--by school|county] [--format csv]",
		N_("the seven national resource indicators and their coefficients of variation")},
	{"template", cmd_template, "list | show T | import FILE [--dry-run] | export T [-o FILE]",
		N_("checklist templates of inspections, versioned, as CSV")},
	{"inspection", cmd_inspection, "add | list | show ID | score ID ITEM [VALUE] | submit ID | close ID",
		N_("inspections (督导检查): plan, score, submit and close them")},
	{"rectification", cmd_rectification, "list [--overdue] | add ID ITEM | done ID | verify ID --by ID",
		N_("rectifications of failed inspection items, overdue first")},
	{"report", cmd_report, "inspection ID | --school CODE | --county [-o FILE] [--force]",
		N_("an inspection, a school or the county as text, CSV or a print-ready HTML page")},
	{"facility", cmd_facility,
		"list [--school CODE] [--kind K] [--shareable] | show ROOM | add ROOM --kind K | edit ROOM | usage --term T --by room|school|district|kind | ics ROOM|--school CODE -o FILE.ics | quota [set --district D --term T --kind K --hours N]",
		N_("the schools' rooms, for the timetables and to share: ROOM is SCHOOLCODE:NAME")},
	{"booking", cmd_booking,
		"request --room ROOM --school CODE --date DATE --time HH:MM-HH:MM [--repeat RULE] [--until DATE] | approve ID | reject ID | cancel ID [--date DATE] | move ID --date DATE --to DATE | edit ID | list | show ID",
		N_("bookings of the district's shared rooms: requested, approved by the room's school")},
	{"term", cmd_term, "add TERM --first DATE --last DATE [--days N] [--periods N] | list",
		N_("the terms of the timetables: their days and their week")},
	{"timetable", cmd_timetable,
		"check [--term T] | solve [--term T] [--time-limit S] [--seed N] [--jobs N] [--fill fet|lightest] [--start mixed|greedy|fet] | repair [--term T] [--time-limit S] [--seed N] [--jobs N] [--fill fet|lightest] | show --teacher S|--class C --school S|--school S|--room R --school S [--format table|csv|html] | import-fet FILE [--term T] [--school CODE] [--create] [--dry-run] | export-fet FILE [--term T] [--locked] [--force]",
		N_("a term's timetable: every hard violation in words")},
	{"take", cmd_take, "--inspection ID[,ID...] | --school CODE... -o PACK.xqp",
		N_("write a pack of inspections or schools for offline work on a laptop")},
	{"merge", cmd_merge, "PACK.xqp [--dry-run] [--prefer server|pack]",
		N_("merge a pack's changes back, every conflict shown and decided")},
	{"pack", cmd_pack, "info PACK.xqp", N_("what a pack holds and what was changed on it")},
	{"setup", cmd_setup, "[--data-dir DIR] [--group NAME]",
		N_("as root: install the shared-server deployment (group, setgid binary, database)")},
	{"check", cmd_check, "", N_("check the database's integrity and the data's rules")},
	{"backup", cmd_backup, "FILE [--force]", N_("copy the live database consistently")},
	{"config", cmd_config, "[--sample]", N_("print the effective configuration")},
	{"operator", cmd_operator, "list | add LOGIN ROLE [--district NAME] [--school CODE] | remove LOGIN",
		N_("who may change what")},
	{"history", cmd_history, "[--table T] [--id N] [--limit N] [--format table|csv]",
		N_("who changed what and when, newest first")},
	{"undo", cmd_undo, "AUDIT_ID", N_("undo a change by a new change that restores the earlier values")},
	{"keys", cmd_keys, "[--mdoc]", N_("list the console's keys")},
	{"version", cmd_version, "", N_("print the version")},
	{"help", cmd_help, "[COMMAND]", N_("show this help")},
	{NULL, NULL, NULL, NULL},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(stderr, "xuequ: ", fmt, ap);
	va_end(ap);
}

int cli_usage(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(stderr, "xuequ: ", fmt, ap);
	va_end(ap);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (command && strcmp(c->name, command) == 0)
			fprintf(stderr, "usage: xuequ %s%s%s\n", c->name, *c->usage ? " " : "", c->usage);
	return EXIT_MISUSE;
}

bool cli_db_permitted(const struct cli *cli)
{
	/* setgid: only the configured system database, named by an absolute path */
	if (priv_privileged() && cli->db_path[0] != '/') {
		cli_error(_("%s: the [database] path of the system configuration must be absolute "
			    "in a setgid installation (see xuequ setup)"), cli->db_path);
		return false;
	}
	return true;
}

struct db *cli_open(struct cli *cli, int flags)
{
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (!cli_db_permitted(cli))
		return NULL;
	if (db_open(cli->db_path, flags, cli->conf.busy_timeout_ms, &db, msg) != XQ_OK) {
		cli_error("%s", msg);
		return NULL;
	}
	if (*db_policy_warning(db))
		cli_error(_("warning: %s"), db_policy_warning(db));
	const struct pack_origin *o = db_pack(db);
	if (o && !cli->console)
		cli_error(_("working on offline pack %lld (%s), taken %s by %s from %s"), (long long)o->id, o->scope,
			o->taken_at, o->taken_by, o->server);
	return db;
}

#define USAGE_LINE "usage: xuequ [--db FILE] [--config FILE] [--demo] [--trace-timing FILE] [COMMAND ...]\n"

static void usage(FILE *out)
{
	fprintf(out, USAGE_LINE "\n%s\n\n%s\n", _("With no command, xuequ opens the full-screen console."),
		_("commands:"));
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-9s %s\n            %s\n", c->name, c->usage, _(c->help));
	fprintf(out, "\n%sschools districts members agreements activities teachers exemptions "
		     "exchanges\n%s\n",
		_("entities: "), _("See xuequ(1) and xuequ.conf(5)."));
}

static int cmd_version(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argv;
	if (argc > 1)
		return cli_usage("version", "%s", _("version takes no arguments"));
	printf("xuequ %s (schema %d)\n", XUEQU_VERSION, db_schema_latest());
	return EXIT_OK;
}

static int cmd_help(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc > 1) {
		if (cli_command_help(argv[1], stdout) == XQ_OK)
			return EXIT_OK;
		cli_usage(NULL, _("no command '%s'; try 'xuequ help'"), argv[1]);
		fputs(USAGE_LINE, stderr);
		return EXIT_MISUSE;
	}
	usage(stdout);
	return EXIT_OK;
}

/* Whether a and b name one file (or the same text when either is missing). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* `xuequ --demo`: a throwaway demo county in a temporary file, removed on exit. */
static int run_demo_console(struct cli *cli, const struct tui_options *topt)
{
	char path[] = "/tmp/xuequ-demo-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		cli_error(_("cannot create a temporary file: %m"));
		return EXIT_FAIL;
	}
	close(fd);
	unlink(path);
	cli->db_path = path;
	/* a throwaway database in the caller's own file: no use for the group's rights */
	priv_user_begin();
	struct db *db = cli_open(cli, DB_CREATE);
	int rc = EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	if (db && db_demo_load(db, DEMO_COUNTY, msg) != XQ_OK)
		cli_error("%s", msg);
	else if (db)
		rc = tui_run(db, &cli->conf, topt);
	db_close(db);
	char side[sizeof path + 8];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	priv_user_end();
	return rc;
}

/* The options a setgid installation refuses: they would let a caller choose what the
 * group's rights read or write. */
static int refuse_under_privilege(const struct cli *cli, const char *db_opt, const char *trace)
{
	if (cli->config_path)
		cli_error("%s", _("--config is refused in a setgid installation; the system "
				  "configuration is used"));
	else if (trace)
		cli_error("%s", _("--trace-timing is refused in a setgid installation"));
	else if (db_opt && !same_file(db_opt, cli->conf.db_path))
		cli_error(_("--db %s is refused in a setgid installation: only the configured "
			    "database %s is used"), db_opt, cli->conf.db_path);
	else
		return EXIT_OK;
	return EXIT_MISUSE;
}

int main(int argc, char **argv)
{
	priv_init();
	tui_mark_start();
	setlocale(LC_ALL, "");
	/* names are UTF-8 in the database and files: under a non-UTF-8 locale (cron, a bare
	 * ssh), still measure and decode text as UTF-8 */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && !setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	/* the locale's language until the configuration, read next, may choose another */
	i18n_init(NULL);
	struct cli cli = {0};
	cli.prog = argv[0];
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"demo", no_argument, NULL, 'D'},
		{"trace-timing", required_argument, NULL, 'T'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *db_opt = NULL;
	bool demo = false;
	struct tui_options topt = {0};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 'c':
			cli.config_path = optarg;
			break;
		case 'D':
			demo = true;
			break;
		case 'T':
			topt.trace_timing_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			return cmd_version(&cli, 1, argv);
		default:
			if (optopt)
				cli_error(_("option -%c is not known or lacks its argument"), optopt);
			else
				cli_error(_("option %s is not known or lacks its argument"), argv[optind - 1]);
			usage(stderr);
			return EXIT_MISUSE;
		}
	}
	char msg[XQ_MSG_MAX];
	if (priv_privileged() && cli.config_path) {
		refuse_under_privilege(&cli, NULL, NULL);
		return EXIT_MISUSE;
	}
	if (conf_load(&cli.conf, cli.config_path, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	for (int i = 0; i < cli.conf.nwarnings; i++)
		cli_error(_("warning: %s"), cli.conf.warnings[i]);
	if (priv_privileged() && refuse_under_privilege(&cli, db_opt, topt.trace_timing_path)) {
		conf_free(&cli.conf);
		return EXIT_MISUSE;
	}
	cli.db_path = db_opt ? db_opt : cli.conf.db_path;
	/* the configuration's [exchange] and [indicators] seed a new database's policy only */
	db_policy_seed(&cli.conf);
	i18n_init(cli.conf.language);

	int rc;
	if (optind >= argc) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			cli_error("%s", _("the console needs a terminal; for scripts use a command (xuequ help)"));
			rc = EXIT_MISUSE;
		} else if (demo)
			rc = run_demo_console(&cli, &topt);
		else {
			cli.console = true;
			struct db *db = cli_open(&cli, 0);
			rc = db ? tui_run(db, &cli.conf, &topt) : EXIT_FAIL;
			db_close(db);
		}
	} else if (demo || topt.trace_timing_path) {
		cli_error("%s", _("--demo and --trace-timing open the console; they do not go with a command"));
		rc = EXIT_MISUSE;
	} else {
		const char *name = argv[optind];
		const struct cli_command *cmd = NULL;
		for (const struct cli_command *k = cli_commands; k->name; k++)
			if (strcmp(k->name, name) == 0)
				cmd = k;
		if (!cmd) {
			cli_error(_("no command '%s'; try 'xuequ help'"), name);
			fputs(USAGE_LINE, stderr);
			rc = EXIT_MISUSE;
		} else {
			int first = optind;
			if (cli_help_wanted(argc - first, argv + first))
				return cli_command_help(cmd->name, stdout), conf_free(&cli.conf), EXIT_OK;
			optind = 0; /* commands parse their own options; 0 resets getopt fully */
			rc = cmd->run(&cli, argc - first, argv + first);
		}
	}
	conf_free(&cli.conf);
	return rc;
}
