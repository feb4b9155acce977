/* priv.c: the setgid privilege — recorded at start, dropped around every file the caller
 * names, and a getenv that trusts nothing under it. No SQL, no curses. */
#include "core/priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/util.h"

static gid_t real_gid, effective_gid;
static bool privileged;
static int user_depth; /* nesting of priv_user_begin */

void priv_init(void)
{
	real_gid = getgid();
	effective_gid = getegid();
	privileged = real_gid != effective_gid;
	umask(privileged ? 007 : 077);
	/* SQLite would put its temporary files where these say, with the group's rights */
	if (privileged) {
		unsetenv("SQLITE_TMPDIR");
		unsetenv("TMPDIR");
	}
}

bool priv_privileged(void)
{
	return privileged;
}

/* Variables that choose files or identities: not taken from a caller under privilege. */
static bool steering(const char *name)
{
	static const char *const names[] = {"HOME", "LOGNAME", "USER", "SUDO_USER", "TMPDIR"};
	if (strncmp(name, "XUEQU_", 6) == 0 || strncmp(name, "XDG_", 4) == 0)
		return true;
	for (size_t i = 0; i < XQ_NELEM(names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

const char *priv_getenv(const char *name)
{
	if (!steering(name))
		return getenv(name);
	if (privileged)
		return NULL;
	return secure_getenv(name);
}

const char *priv_sudo_user(void)
{
	/* root may say for whom it acts; anyone else could name anybody */
	if (getuid() != 0)
		return NULL;
	const char *s = getenv("SUDO_USER");
	return s && *s ? s : NULL;
}

void priv_user_begin(void)
{
	if (user_depth++ == 0 && privileged && setegid(real_gid) != 0)
		abort(); /* never go on with the group's rights for a caller's file */
}

void priv_user_end(void)
{
	if (user_depth > 0 && --user_depth == 0 && privileged && setegid(effective_gid) != 0)
		abort();
}

mode_t priv_db_mode(void)
{
	return privileged ? 0660 : 0600;
}

bool priv_path_fits(const char *path, size_t size, char *msg)
{
	if (strlen(path) < size)
		return true;
	xq_msg(msg, _("%.40s...: the path is longer than %zu bytes"), path, size - 1);
	return false;
}

/* Why a file of this mode is refused, or NULL for a regular file. */
static const char *refusal(mode_t mode)
{
	if (S_ISREG(mode))
		return NULL;
	if (S_ISDIR(mode))
		return _("is a directory, not a file");
	return _("not a regular file (a device, pipe or socket); name a file");
}

bool priv_exists(const char *path)
{
	struct stat sb;
	priv_user_begin();
	int rc = stat(path, &sb);
	priv_user_end();
	return rc == 0;
}

bool priv_regular_or_missing(const char *path, char *msg)
{
	struct stat sb;
	priv_user_begin();
	int rc = stat(path, &sb);
	priv_user_end();
	const char *why = rc == 0 ? refusal(sb.st_mode) : NULL;
	if (why)
		xq_msg(msg, "%s", why);
	return !why;
}

int priv_open_user(const char *path, int flags, mode_t mode, char *msg)
{
	priv_user_begin();
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused just below */
	int fd = open(path, flags | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, mode);
	int err = errno;
	priv_user_end();
	if (fd < 0) {
		xq_msg(msg, "%s: %s", path, strerror(err));
		return -1;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		xq_msg(msg, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	const char *why = refusal(sb.st_mode);
	if (why) {
		xq_msg(msg, "%s: %s", path, why);
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

FILE *priv_fopen_read(const char *path, char *msg)
{
	if (strcmp(path, "-") == 0)
		return stdin;
	int fd = priv_open_user(path, O_RDONLY, 0, msg);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		xq_msg(msg, "%s: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}
