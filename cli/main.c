/* main.c: `xuequ [--db FILE] [--config FILE] [COMMAND ...]`: global options, then one
 * command, or the full-screen console when there is none. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/exchange.h"
#include "core/i18n.h"
#include "db/demo.h"
#include "tui/tui.h"

#ifndef XUEQU_VERSION
#define XUEQU_VERSION "0.1"
#endif

static int cmd_version(struct cli *cli, int argc, char **argv);
static int cmd_help(struct cli *cli, int argc, char **argv);

const struct cli_command cli_commands[] = {
	{"init", cmd_init, "[--demo[=county|city]] [--force]", N_("create a database (with a demo county)")},
	{"import", cmd_import, "ENTITY FILE [--dry-run]", N_("import a CSV file, all or nothing")},
	{"export", cmd_export, "ENTITY [-o FILE] [--headers en|zh] [--encoding E] [--force]",
		N_("export an entity as CSV")},
	{"exchange", cmd_exchange,
		"eligible|quota|list|subsidy|add|approve|reject|start|complete|cancel|plan ...",
		N_("teacher exchanges: eligibility, yearly quotas, plans, approvals")},
	{"check", cmd_check, "", N_("check the database's integrity and the data's rules")},
	{"backup", cmd_backup, "FILE [--force]", N_("copy the live database consistently")},
	{"config", cmd_config, "[--sample]", N_("print the effective configuration")},
	{"operator", cmd_operator, "list | add LOGIN ROLE [--district NAME] [--school CODE] | remove LOGIN",
		N_("who may change what")},
	{"keys", cmd_keys, "[--mdoc]", N_("list the console's keys")},
	{"version", cmd_version, "", N_("print the version")},
	{"help", cmd_help, "[COMMAND]", N_("show this help")},
	{NULL, NULL, NULL, NULL},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("xuequ: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int cli_usage(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("xuequ: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (command && strcmp(c->name, command) == 0)
			fprintf(stderr, "usage: xuequ %s%s%s\n", c->name, *c->usage ? " " : "", c->usage);
	return EXIT_MISUSE;
}

struct db *cli_open(struct cli *cli, int flags)
{
	struct db *db;
	char msg[XQ_MSG_MAX];
	if (db_open(cli->db_path, flags, cli->conf.busy_timeout_ms, &db, msg) != XQ_OK) {
		cli_error("%s", msg);
		return NULL;
	}
	db_set_exchange_policy(db, &cli->policy);
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
	return rc;
}

int main(int argc, char **argv)
{
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
	if (conf_load(&cli.conf, cli.config_path, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	for (int i = 0; i < cli.conf.nwarnings; i++)
		cli_error(_("warning: %s"), cli.conf.warnings[i]);
	cli.db_path = db_opt ? db_opt : cli.conf.db_path;
	if (exchange_policy_from_conf(&cli.conf, &cli.policy, msg) != XQ_OK) {
		cli_error("%s", msg);
		conf_free(&cli.conf);
		return EXIT_FAIL;
	}
	i18n_init(cli.conf.language);

	int rc;
	if (optind >= argc) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			cli_error("%s", _("the console needs a terminal; for scripts use a command (xuequ help)"));
			rc = EXIT_MISUSE;
		} else if (demo)
			rc = run_demo_console(&cli, &topt);
		else {
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
