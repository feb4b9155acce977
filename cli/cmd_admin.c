/* cmd_admin.c: `check`, `backup`, `config`, `operator` and `keys`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "db/admin.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/tui.h"

/* Commands without options still refuse unknown ones. */
static int no_options(const char *cmd, int argc, char **argv, int nargs)
{
	static const struct option none[] = {{NULL, 0, NULL, 0}};
	if (getopt_long(argc, argv, ":", none, NULL) != -1)
		return cli_usage(cmd, _("unknown option %s"), argv[optind - 1]);
	if (argc - optind != nargs)
		return cli_usage(cmd,
			ngettext("%s takes %d argument", "%s takes %d arguments", (unsigned long)nargs), cmd,
			nargs);
	return EXIT_OK;
}

static void print_problem(void *ctx, const char *what)
{
	(void)ctx;
	cli_say(stdout, "%s", what);
}

static int mode_warning(const char *path, const char *why)
{
	cli_error(_("warning: %s: %s"), path, why);
	return 1;
}

/* Warnings for file modes that let someone past the binary and its roles: the database,
 * its -wal/-shm and its directory. Returns how many. */
static int check_modes(const char *db_path)
{
	int n = 0;
	bool setgid = priv_privileged();
	gid_t group = getegid();
	char *dir = xstrdup(db_path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	static const char *const sides[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < XQ_NELEM(sides); i++) {
		char *p = xasprintf("%s%s", db_path, sides[i]);
		struct stat sb;
		if (stat(p, &sb) == 0) {
			if (sb.st_mode & (S_IROTH | S_IWOTH))
				n += mode_warning(p, _("every user of the machine can read or change it, past "
						       "the roles (chmod o-rw)"));
			if ((sb.st_mode & S_IWGRP) && (!setgid || sb.st_gid != group))
				n += mode_warning(p, _("its group can change it, past the roles (chmod g-w, or "
						       "see xuequ setup)"));
			if (setgid && sb.st_gid != group)
				n += mode_warning(p, _("not of the deployment's group (see xuequ setup)"));
		}
		free(p);
	}
	struct stat sb;
	if (stat(dir, &sb) == 0) {
		if ((sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX))
			n += mode_warning(dir, _("every user can replace the database in this directory "
						 "(chmod o-w)"));
		if (setgid && ((sb.st_mode & 07777) != 02770 || sb.st_gid != group))
			n += mode_warning(dir, _("a setgid installation's data directory should be "
						 "root:GROUP mode 2770 (see xuequ setup)"));
	}
	free(dir);
	return n;
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	int rc = no_options("check", argc, argv, 0);
	if (rc != EXIT_OK)
		return rc;
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	long n = db_check(db, print_problem, NULL);
	db_close(db);
	check_modes(cli->db_path);
	if (n < 0) {
		cli_error(_("%s: the checks could not run"), cli->db_path);
		return EXIT_FAIL;
	}
	if (n > 0) {
		cli_error(ngettext("%s: %ld problem found", "%s: %ld problems found", (unsigned long)n),
			cli->db_path, n);
		return EXIT_FAIL;
	}
	printf(_("%s: ok\n"), cli->db_path);
	return EXIT_OK;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
	bool force = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'f')
			force = true;
		else
			return cli_usage("backup", _("unknown option %s"), argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_usage("backup", "%s", _("backup takes the file to write"));
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	int rc = db_backup(db, argv[optind], force, msg);
	db_close(db);
	if (rc != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	printf(_("backed up %s to %s\n"), cli->db_path, argv[optind]);
	return EXIT_OK;
}

int cmd_config(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"sample", no_argument, NULL, 's'}, {NULL, 0, NULL, 0}};
	bool sample = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's')
			sample = true;
		else
			return cli_usage("config", _("unknown option %s"), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage("config", _("unexpected argument '%s'"), argv[optind]);
	if (sample) {
		conf_write_sample(stdout);
		return EXIT_OK;
	}
	printf("# configuration file: %s\n", cli->conf.path[0] ? cli->conf.path : "(none)");
	if (cli->conf.personal_path[0])
		printf("# personal file: %s\n", cli->conf.personal_path);
	printf("# database: %s\n\n", cli->db_path);
	conf_print(&cli->conf, stdout);
	return EXIT_OK;
}

static int operator_list(struct db *db)
{
	struct operator *ops;
	int n;
	if (db_operator_list(db, &ops, &n) != XQ_OK)
		return EXIT_FAIL;
	printf("%-16s %-15s %s\n", "login", "role", "scope");
	for (int i = 0; i < n; i++) {
		char scope[NAME_LEN + 16] = "all";
		struct district d;
		struct school s;
		if (ops[i].district_id && db_district_get(db, ops[i].district_id, &d) == XQ_OK)
			snprintf(scope, sizeof scope, "district %s", d.name);
		else if (ops[i].school_id && db_school_get(db, ops[i].school_id, &s) == XQ_OK)
			snprintf(scope, sizeof scope, "school %s", s.code);
		cli_say(stdout, "%-16s %-15s %s", ops[i].login, enum_key(op_role_items, ops[i].role), scope);
	}
	free(ops);
	return EXIT_OK;
}

int cmd_operator(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"district", required_argument, NULL, 'd'},
		{"school", required_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	const char *district = NULL, *school = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'd')
			district = optarg;
		else if (c == 's')
			school = optarg;
		else
			return cli_usage("operator", _("unknown option or missing value: %s"), argv[optind - 1]);
	}
	int nargs = argc - optind;
	const char *sub = nargs > 0 ? argv[optind] : "list";
	if (!((strcmp(sub, "list") == 0 && nargs <= 1) || (strcmp(sub, "add") == 0 && nargs == 3) ||
		    (strcmp(sub, "remove") == 0 && nargs == 2)))
		return cli_usage("operator", "%s",
			_("operator list, operator add LOGIN ROLE, or operator remove LOGIN"));
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	int rc = EXIT_OK;
	if (strcmp(sub, "list") == 0)
		rc = operator_list(db);
	else if (strcmp(sub, "remove") == 0) {
		if (db_operator_remove(db, argv[optind + 1], msg) != XQ_OK) {
			cli_error("%s", msg);
			rc = EXIT_FAIL;
		}
	} else {
		struct operator op = {0};
		if (!xq_copy(op.login, sizeof op.login, argv[optind + 1])) {
			db_close(db);
			return cli_usage("operator", _("the login '%.40s...' is too long"), argv[optind + 1]);
		}
		op.role = enum_parse(op_role_items, argv[optind + 2]);
		struct district d;
		struct school s;
		if (op.role < 0) {
			db_close(db);
			return cli_usage("operator", _("role must be one of %s"), enum_keys_joined(op_role_items));
		}
		if (district && db_district_by_name(db, district, &d) != XQ_OK) {
			cli_error(_("no district %s"), district);
			rc = EXIT_FAIL;
		} else if (school && db_school_find(db, school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			rc = EXIT_FAIL;
		} else {
			op.district_id = district ? d.id : 0;
			op.school_id = school ? s.id : 0;
			if (db_operator_set(db, &op, msg) != XQ_OK) {
				cli_error("%s", msg);
				rc = EXIT_FAIL;
			}
		}
	}
	db_close(db);
	return rc;
}

int cmd_keys(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"mdoc", no_argument, NULL, 'm'}, {NULL, 0, NULL, 0}};
	int mdoc = 0, c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'm')
			mdoc = 1;
		else
			return cli_usage("keys", _("unknown option %s"), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage("keys", _("unexpected argument '%s'"), argv[optind]);
	tui_keys_print(stdout, &cli->conf, mdoc);
	return EXIT_OK;
}
