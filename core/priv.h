/* priv.h: the process's privilege. A shared server installs xuequ setgid to its group
 * (DESIGN.md §12): while the effective group differs from the real one, nothing from the
 * caller's environment is trusted and every file the caller names is opened with the
 * caller's own rights. Without setgid none of this changes anything. */
#ifndef XQ_PRIV_H
#define XQ_PRIV_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* Records the real and effective group and sets the umask (077, or 007 when privileged).
 * Call first thing in main. */
void priv_init(void);
/* Whether the program runs with a group privilege (setgid: effective group != real). */
bool priv_privileged(void);

/* getenv for the program's own use. Under privilege, variables that steer what is read
 * or who acts (XUEQU_*, HOME, XDG_*, LOGNAME, USER, SUDO_USER, TMPDIR) read as unset
 * (secure_getenv); harmless ones (TERM, NO_COLOR, LANGUAGE) are read as usual. */
const char *priv_getenv(const char *name);
/* $SUDO_USER, trusted only when the real user is root; NULL otherwise. */
const char *priv_sudo_user(void);

/* Between these two calls the process has the caller's rights only (effective group =
 * real group); the saved set-group-ID lets priv_user_end switch back. Calls nest. */
void priv_user_begin(void);
void priv_user_end(void);

/* Mode of a new database file: 0660 in a group deployment, else 0600. */
mode_t priv_db_mode(void);

/* Whether path fits a buffer of size bytes; a message naming the path otherwise. Paths
 * are refused, never cut. */
bool priv_path_fits(const char *path, size_t size, char *msg);

/* Opens a file the caller named, with the caller's rights: O_RDONLY or O_WRONLY|O_CREAT...
 * flags as for open(2). Anything that exists and is not a regular file (a device, a FIFO,
 * a directory) is refused. Returns the descriptor, or -1 with msg ("PATH: why"). */
int priv_open_user(const char *path, int flags, mode_t mode, char *msg);
/* fopen for reading a file the caller named ("-" = standard input), the same rules. */
FILE *priv_fopen_read(const char *path, char *msg);
/* Whether path exists, seen with the caller's rights. */
bool priv_exists(const char *path);
/* Whether path, if it exists, is a regular file (checked with the caller's rights); false
 * with msg (the reason, without the path) for a device, FIFO, directory or socket. A
 * missing file is fine. */
bool priv_regular_or_missing(const char *path, char *msg);

#endif
