/* cmd_setup.c: `xuequ setup [--data-dir DIR] [--group NAME]`, run as root: the shared
 * server's deployment (DESIGN.md §12). The group, the binary setgid to it, the data
 * directory root:GROUP 2770 with the database (0660, the caller its first admin), and the
 * database's path in the system configuration. Running it again keeps the database. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "db/admin.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef BINDIR
#define BINDIR "/usr/local/bin"
#endif

extern char **environ;

static bool group_name_ok(const char *g)
{
	size_t n = strlen(g);
	if (n == 0 || n > 32 || !((g[0] >= 'a' && g[0] <= 'z') || g[0] == '_'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((g[i] >= 'a' && g[i] <= 'z') || (g[i] >= '0' && g[i] <= '9') || g[i] == '_' ||
			    g[i] == '-'))
			return false;
	return true;
}

/* The group's id, creating it as a system group (groupadd) when missing; -1 on failure. */
static gid_t ensure_group(const char *name)
{
	struct group *gr = getgrnam(name);
	if (gr)
		return gr->gr_gid;
	char *argv[] = {"groupadd", "--system", (char *)name, NULL};
	pid_t pid;
	int st = -1;
	if (posix_spawn(&pid, "/usr/sbin/groupadd", NULL, NULL, argv, environ) == 0 ||
	    posix_spawnp(&pid, "groupadd", NULL, NULL, argv, environ) == 0)
		waitpid(pid, &st, 0);
	gr = getgrnam(name);
	if (!gr) {
		cli_error(_("cannot create the group %s (groupadd failed); create it and run setup again"),
			name);
		return (gid_t)-1;
	}
	printf(_("created the group %s\n"), name);
	return gr->gr_gid;
}

/* mkdir that leaves a new directory 0755 whatever the umask. */
static bool make_dir(const char *path)
{
	if (mkdir(path, 0755) == 0)
		return chmod(path, 0755) == 0;
	return errno == EEXIST;
}

/* mkdir -p, new directories 0755. */
static bool make_dirs(const char *path)
{
	char buf[PATH_MAX];
	if (!xq_copy(buf, sizeof buf, path)) {
		errno = ENAMETOOLONG;
		return false;
	}
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (!make_dir(buf))
				return false;
			*p = '/';
		}
	return make_dir(buf);
}

static bool own(const char *path, gid_t gid, mode_t mode)
{
	if (chown(path, 0, gid) != 0 || chmod(path, mode) != 0) {
		cli_error("%s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

/* The installed binary gets the group and the setgid bit. */
static bool setgid_binary(gid_t gid, char *bin, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", bin, size - 1);
	if (n > 0)
		bin[n] = '\0';
	else
		xq_copy(bin, size, BINDIR "/xuequ");
	struct stat sb;
	if (stat(bin, &sb) != 0) {
		cli_error("%s: %s", bin, strerror(errno));
		return false;
	}
	/* chown clears the set-id bits: the mode comes after it */
	return own(bin, gid, (sb.st_mode & 0755) | S_ISGID);
}

/* conf text with [database] path = value: the key replaced where it is set, else added
 * at the top of [database] (or in a new [database] section). */
static char *with_db_path(const char *text, const char *value)
{
	struct strbuf b;
	sb_init(&b);
	bool in_db = false, done = false;
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
		const char *p = line + strspn(line, " \t");
		if (*p == '[') {
			in_db = strncmp(p, "[database]", 10) == 0;
			sb_add(&b, line, len);
			if (in_db && !done) {
				if (!nl)
					sb_addc(&b, '\n');
				sb_printf(&b, "path = %s\n", value);
				done = true;
			}
		} else if (in_db && strncmp(p, "path", 4) == 0 && strchr(" \t=", p[4]))
			; /* the old setting: replaced by the line added above */
		else
			sb_add(&b, line, len);
		line += len;
	}
	if (!done)
		sb_printf(&b, "%s[database]\npath = %s\n", b.len && b.s[b.len - 1] != '\n' ? "\n\n" : "\n",
			value);
	return sb_steal(&b);
}

/* Writes the system configuration atomically, root's and readable by everyone (0644). */
static bool write_conf(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	size_t len = strlen(text);
	bool ok = fd >= 0 && fchmod(fd, 0644) == 0 && write(fd, text, len) == (ssize_t)len &&
		  fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		cli_error("%s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

static bool update_conf(const char *db_path)
{
	const char *dir = SYSCONFDIR "/xuequ", *path = SYSCONFDIR "/xuequ/xuequ.conf";
	if (!make_dirs(dir)) {
		cli_error("%s: %s", dir, strerror(errno));
		return false;
	}
	char *old = NULL;
	size_t len = 0;
	if (priv_exists(path)) {
		old = cli_read_file(path, &len);
		if (!old)
			return false;
	} else {
		FILE *f = open_memstream(&old, &len);
		if (!f)
			return false;
		conf_write_sample(f);
		fclose(f);
	}
	char *text = with_db_path(old, db_path);
	bool ok = strcmp(text, old) == 0 || write_conf(path, text);
	if (ok)
		printf(_("%s: [database] path = %s\n"), path, db_path);
	free(text);
	free(old);
	return ok;
}

/* The database in dir: created with the caller as its first admin, or kept. */
static bool ensure_database(struct cli *cli, const char *db_path, gid_t gid)
{
	struct stat sb;
	if (stat(db_path, &sb) == 0) {
		printf(_("%s exists: kept\n"), db_path);
		/* made by hand or an older xuequ: it becomes root's, as the -wal and -shm will */
		if (chown(db_path, 0, gid) != 0) {
			cli_error("%s: %s", db_path, strerror(errno));
			return false;
		}
		static const char *const sides[] = {"-wal", "-shm"};
		for (size_t i = 0; i < XQ_NELEM(sides); i++) {
			char *p = xasprintf("%s%s", db_path, sides[i]);
			if (stat(p, &sb) == 0 && sb.st_uid != 0 && chown(p, 0, gid) != 0)
				cli_error("%s: %s", p, strerror(errno));
			free(p);
		}
	} else {
		cli->db_path = db_path;
		char *argv[] = {"init", NULL};
		optind = 0;
		if (cmd_init(cli, 1, argv) != EXIT_OK)
			return false;
		const char *sudo = priv_sudo_user();
		struct passwd *pw = getpwuid(getuid());
		printf(_("%s is the database's first admin\n"), sudo ? sudo : pw ? pw->pw_name : "root");
	}
	/* the -wal and -shm made now, root's, and kept: no operator ever creates (owns) them;
	 * SQLite takes empty ones as they are */
	static const char *const made[] = {"-wal", "-shm"};
	for (size_t i = 0; i < XQ_NELEM(made); i++) {
		char *p = xasprintf("%s%s", db_path, made[i]);
		int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
		int err = errno;
		if (fd >= 0)
			close(fd);
		else if (err != EEXIST)
			cli_error("%s: %s", p, strerror(err));
		free(p);
		if (fd < 0 && err != EEXIST)
			return false;
	}
	char msg[XQ_MSG_MAX];
	struct db *db = NULL;
	if (db_open(db_path, DB_KEEP_WAL, cli->conf.busy_timeout_ms, &db, msg) != XQ_OK) {
		cli_error("%s", msg);
		return false;
	}
	db_close(db);
	static const char *const sides[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < XQ_NELEM(sides); i++) {
		char *p = xasprintf("%s%s", db_path, sides[i]);
		bool ok = stat(p, &sb) != 0 || own(p, gid, 0660);
		free(p);
		if (!ok)
			return false;
	}
	return true;
}

int cmd_setup(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"data-dir", required_argument, NULL, 'd'},
		{"group", required_argument, NULL, 'g'},
		{NULL, 0, NULL, 0},
	};
	const char *dir = "/var/lib/xuequ", *group = "xuequ";
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'd')
			dir = optarg;
		else if (c == 'g')
			group = optarg;
		else
			return cli_usage("setup", _("unknown option or missing value: %s"), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage("setup", _("unexpected argument '%s'"), argv[optind]);
	if (dir[0] != '/')
		return cli_usage("setup", _("--data-dir needs an absolute path, not '%s'"), dir);
	if (!group_name_ok(group))
		return cli_usage("setup", _("'%s' is not a group name"), group);
	if (geteuid() != 0 || getuid() != 0) {
		cli_error("%s", _("setup must run as root (sudo xuequ setup)"));
		return EXIT_FAIL;
	}
	char msg[XQ_MSG_MAX];
	char *db_path = xasprintf("%s%sxuequ.db", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
	if (!priv_path_fits(db_path, CONF_PATH_MAX, msg)) {
		cli_error("%s", msg);
		free(db_path);
		return EXIT_FAIL;
	}
	umask(007);
	int rc = EXIT_FAIL;
	char bin[PATH_MAX];
	gid_t gid = ensure_group(group);
	if (gid == (gid_t)-1 || !setgid_binary(gid, bin, sizeof bin))
		goto out;
	printf(_("%s: group %s, setgid\n"), bin, group);
	if (!make_dirs(dir)) {
		cli_error("%s: %s", dir, strerror(errno));
		goto out;
	}
	if (!own(dir, gid, 02770) || !ensure_database(cli, db_path, gid))
		goto out;
	printf(_("%s: root:%s 2770\n"), dir, group);
	if (!update_conf(db_path))
		goto out;
	printf("%s\n", _("operators are not added to the group: register them with "
			 "'xuequ operator add LOGIN ROLE'"));
	rc = EXIT_OK;
out:
	free(db_path);
	return rc;
}
