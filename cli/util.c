/* util.c: file reading and atomic writing for the commands, and messages made safe to
 * print. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/timetable.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "core/text.h"

char *cli_read_file(const char *path, size_t *len)
{
	char msg[XQ_MSG_MAX];
	/* with the caller's rights; a device or FIFO (/dev/zero) is refused */
	FILE *f = priv_fopen_read(path, msg);
	if (!f) {
		cli_error("%s", msg);
		return NULL;
	}
	struct strbuf b;
	sb_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, n);
	bool err = ferror(f);
	if (f != stdin)
		fclose(f);
	if (err) {
		cli_error(_("%s: read error"), path);
		sb_free(&b);
		return NULL;
	}
	*len = b.len;
	return sb_steal(&b);
}

bool cli_write_file(const char *path, const char *data, size_t len, bool force)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			cli_error(_("writing standard output: %s"), strerror(errno));
			return false;
		}
		return true;
	}
	char msg[XQ_MSG_MAX];
	if (!priv_regular_or_missing(path, msg)) {
		cli_error("%s: %s", path, msg);
		return false;
	}
	if (!force && priv_exists(path)) {
		cli_error(_("%s exists already; use --force to replace it"), path);
		return false;
	}
	if (!write_file_atomic(path, data, len, msg)) {
		cli_error("%s: %s", path, msg);
		return false;
	}
	return true;
}

void cli_vsay(FILE *out, const char *prefix, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	s[0] = '\0';
	if (n > 0) {
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		if (s[n - 1] == '\n')
			s[n - 1] = '\0';
	}
	struct strbuf shown;
	sb_init(&shown);
	fputs(prefix, out);
	fputs(text_shown(s, &shown), out);
	fputc('\n', out);
	sb_free(&shown);
	free(s);
}

void cli_say(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(out, "", fmt, ap);
	va_end(ap);
}

/* The term named, or the newest; XQ_ERR with the reason printed. */
int cli_pick_term(struct db *db, const char *name, struct term *t)
{
	char msg[XQ_MSG_MAX];
	if (name) {
		if (db_term_find(db, name, t) == XQ_OK)
			return XQ_OK;
		cli_error(_("no term %s (xuequ term list shows them)"), name);
		return XQ_ERR;
	}
	struct term *rows;
	int n;
	if (db_term_list(db, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return XQ_ERR;
	}
	if (n == 0) {
		free(rows);
		cli_error("%s", _("there is no term yet: xuequ term add 2025-2026/2 --first DATE --last DATE"));
		return XQ_ERR;
	}
	*t = rows[0];
	free(rows);
	return XQ_OK;
}
