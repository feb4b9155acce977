/* cmd_init.c: `xuequ init [--demo[=county|city]] [--force]`: a new database, built in a
 * temporary file and renamed into place, so a failure leaves nothing half-made. Its
 * policy starts from the configuration's [exchange] and [indicators] values. */
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
#include "db/demo.h"
#include "db/policy.h"

static void remove_db_files(const char *path)
{
	static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < XQ_NELEM(sides); i++) {
		char *p = xasprintf("%s%s", path, sides[i]);
		unlink(p);
		free(p);
	}
}

/* Replacing a database needs its admin: it is opened to ask who the operator is. */
static bool may_replace(struct cli *cli)
{
	char msg[XQ_MSG_MAX];
	struct db *db = NULL;
	if (db_open(cli->db_path, 0, cli->conf.busy_timeout_ms, &db, msg) != XQ_OK) {
		cli_error(_("%s; not replaced (remove the file yourself if it must go)"), msg);
		return false;
	}
	int rc = db_require_admin_to_replace(db, msg);
	db_close(db);
	if (rc != XQ_OK)
		cli_error("%s", msg);
	return rc == XQ_OK;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"demo", optional_argument, NULL, 'd'},
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	bool demo = false, force = false;
	enum demo_scale scale = DEMO_COUNTY;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			demo = true;
			if (optarg && strcmp(optarg, "city") == 0)
				scale = DEMO_CITY;
			else if (optarg && strcmp(optarg, "county") != 0)
				return cli_usage("init", _("--demo takes county or city, not '%s'"), optarg);
			break;
		case 'f':
			force = true;
			break;
		default:
			return cli_usage("init", _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("init", _("unexpected argument '%s'"), argv[optind]);

	if (!cli_db_permitted(cli))
		return EXIT_FAIL;
	struct stat sb;
	if (stat(cli->db_path, &sb) == 0 && !force) {
		cli_error(_("%s exists already; use --force to replace it"), cli->db_path);
		return EXIT_FAIL;
	}
	/* whoever creates a database owns the file and is its first admin: in a setgid
	 * installation, root */
	if (priv_privileged() && getuid() != 0) {
		cli_error(_("%s: in a setgid installation the database is created by root "
			    "(sudo xuequ setup)"), cli->db_path);
		return EXIT_FAIL;
	}
	if (stat(cli->db_path, &sb) == 0 && !may_replace(cli))
		return EXIT_FAIL;
	char *tmp = xasprintf("%s.new-%ld", cli->db_path, (long)getpid());
	remove_db_files(tmp);
	const char *path = cli->db_path;
	cli->db_path = tmp;
	char msg[XQ_MSG_MAX];
	struct db *db = NULL;
	db_policy_seed(&cli->conf); /* the new database's policy: the configuration's values */
	if (db_open(tmp, DB_CREATE, cli->conf.busy_timeout_ms, &db, msg) != XQ_OK) {
		/* name the file the user asked for, not the temporary one */
		const char *why = strstr(msg, ": ");
		if (strncmp(msg, tmp, strlen(tmp)) == 0)
			cli_error("%s%s", path, why ? why : _(": cannot create"));
		else
			cli_error("%s", msg);
		db = NULL;
		remove_db_files(tmp); /* a disk that fills while the schema is made leaves nothing */
	}
	cli->db_path = path;
	int rc = EXIT_FAIL;
	if (!db)
		goto out;
	if (db_operator_bootstrap(db, msg) != XQ_OK ||
	    (demo && db_demo_load(db, scale, msg) != XQ_OK)) {
		cli_error("%s", msg);
		db_close(db);
		remove_db_files(tmp);
		goto out;
	}
	/* the whole database into its file before the file takes the name: a full disk stops
	 * here, and the log (which the rename would leave behind) is no longer needed after */
	if (db_checkpoint(db, msg) != XQ_OK) {
		cli_error("%s: %s", path, msg);
		db_close(db);
		remove_db_files(tmp);
		goto out;
	}
	db_close(db);
	remove_db_files(path);
	if (rename(tmp, path) != 0) {
		cli_error(_("%s: cannot create: %m"), path);
		remove_db_files(tmp);
		goto out;
	}
	remove_db_files(tmp); /* stray -wal/-shm of the temporary name */
	if (!demo)
		printf(_("created %s\n"), path);
	else if (scale == DEMO_CITY)
		printf(_("created %s with a demo city\n"), path);
	else
		printf(_("created %s with a demo county\n"), path);
	rc = EXIT_OK;
out:
	free(tmp);
	return rc;
}
