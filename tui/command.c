/* command.c: the `:` command line — :q, :help, :goto SCHOOL, :export FILE [ENCODING],
 * :policy, pane names, and :teachers, :operators, :history, :indicators, :merge. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/encoding.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "db/district.h"
#include "db/school.h"
#include "tui/inspections.h"
#include "tui/list.h"
#include "tui/ui.h"

/* The districts pane with its district list on top. */
static struct view *show_districts(struct app *a)
{
	struct view *v = app_show_pane(a, 0);
	while (v->ops != &districts_view_ops) {
		app_pop_view(a);
		v = app_top_view(a);
	}
	return v;
}

static struct view *show_schools(struct app *a)
{
	struct view *v = app_show_pane(a, 0);
	if (v->ops == &schools_view_ops)
		return v;
	show_districts(a);
	app_push_view(a, schools_view_new(a));
	return app_top_view(a);
}

bool app_goto_school(struct app *a, const char *key)
{
	struct db *db = app_db(a);
	struct school s;
	char msg[XQ_MSG_MAX] = "";
	int rc = db_school_find(db, key, &s, msg);
	if (rc != XQ_OK) {
		if (msg[0])
			app_msg(a, MSG_WARN, "%s", msg);
		else
			app_msg(a, MSG_WARN, _("No school is called \"%s\"."), key);
		return false;
	}
	struct member m;
	if (db_member_current(db, s.id, &m) == XQ_OK) {
		struct view *v = show_districts(a);
		districts_view_goto(v, m.district_id, s.id);
		app_msg(a, MSG_GOOD, _("%s is in district %s."), s.name, m.district_name);
		return true;
	}
	struct view *v = show_schools(a);
	schools_view_goto(v, s.id);
	app_msg(a, MSG_GOOD, _("%s is in no district."), s.name);
	return true;
}

/* ~/ at the start means the home directory. */
static char *expand_path(const char *path)
{
	const char *home = priv_getenv("HOME");
	struct passwd *pw = home ? NULL : getpwuid(getuid()); /* HOME is not trusted under setgid */
	if (pw)
		home = pw->pw_dir;
	if (path[0] == '~' && path[1] == '/' && home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* The file an export asks to replace, and its encoding, while the question is open. */
static char replace_path[1024];
static int replace_enc;

static int export_to(struct app *a, const char *file, int enc, bool replace);

static void export_replace_yes(void *ctx)
{
	export_to(ctx, replace_path, replace_enc, true);
}

/* Writes the current list as CSV to file through a temporary file; an existing file is
 * replaced only once the user says so. */
static int export_to(struct app *a, const char *file, int enc, bool replace)
{
	struct view *v = app_top_view(a);
	if (!*file) {
		app_msg(a, MSG_WARN, "%s", _("Which file? :export FILE"));
		return UI_PAINT;
	}
	if (!v->ops->list) {
		app_msg(a, MSG_WARN, "%s", _("This pane has no list to export."));
		return UI_PAINT;
	}
	struct strbuf b;
	char msg[XQ_MSG_MAX] = "";
	long rows = 0;
	sb_init(&b);
	if (list_export_csv(v->ops->list(v), &b, &rows, msg) != XQ_OK) {
		app_msg(a, MSG_WARN, "%s", msg);
		sb_free(&b);
		return UI_PAINT;
	}
	char *path = expand_path(file);
	if (!priv_path_fits(path, sizeof replace_path, msg))
		app_msg(a, MSG_WARN, "%s", msg); /* refused, never cut */
	else if (!replace && priv_exists(path)) {
		xq_copy(replace_path, sizeof replace_path, path);
		replace_enc = enc;
		char q[XQ_MSG_MAX];
		snprintf(q, sizeof q, _("%s exists. Replace it? (y/n)"), path);
		prompt_confirm(a, q, export_replace_yes, a);
	} else {
		size_t len = b.len;
		char *conv = enc == ENC_UTF8 ? NULL : enc_from_utf8(b.s ? b.s : "", b.len, enc, &len, msg);
		if (enc != ENC_UTF8 && !conv)
			app_msg(a, MSG_WARN, _("Cannot write %s: %s"), path, msg);
		else if (write_file_atomic(path, conv ? conv : b.s ? b.s : "", len, msg))
			app_msg(a, MSG_GOOD, _("%ld rows written to %s (%s)."), rows, path, enc_name(enc));
		else
			app_msg(a, MSG_WARN, _("Cannot write %s: %s"), path, msg);
		free(conv);
	}
	free(path);
	sb_free(&b);
	return UI_PAINT;
}

/* ":export FILE [ENCODING]": a last word that names an encoding (utf-8-bom and gb18030
 * open directly in Excel and WPS) chooses it; UTF-8 otherwise. */
static int command_export(struct app *a, const char *arg)
{
	char file[1024];
	xq_copy(file, sizeof file, arg);
	int enc = ENC_UTF8;
	char *last = strrchr(file, ' ');
	if (last && enc_parse(str_trim(last + 1)) >= 0) {
		enc = enc_parse(str_trim(last + 1));
		*last = '\0';
		str_trim(file);
	}
	return export_to(a, str_trim(file), enc, false);
}

int command_run(struct app *a, const char *line)
{
	char buf[1536];
	if (!xq_copy(buf, sizeof buf, line)) {
		app_msg(a, MSG_WARN, "%s", _("The command line is too long."));
		return UI_PAINT;
	}
	char *cmd = str_trim(buf);
	while (*cmd == ':')
		cmd++;
	char *arg = cmd + strcspn(cmd, " \t");
	if (*arg)
		*arg++ = '\0';
	arg = str_trim(arg);
	if (!*cmd)
		return UI_PAINT;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0 || strcmp(cmd, "q!") == 0 ||
	    strcmp(cmd, "qa") == 0)
		return UI_QUIT;
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "h") == 0) {
		help_open(a, app_top_view(a));
		return UI_PAINT;
	}
	if (strcmp(cmd, "messages") == 0 || strcmp(cmd, "mes") == 0) {
		messages_open(a, app_msglog(a));
		return UI_PAINT;
	}
	if (strcmp(cmd, "goto") == 0 || strcmp(cmd, "go") == 0) {
		if (!*arg)
			app_msg(a, MSG_WARN, "%s", _("Which school? :goto CODE or NAME"));
		else
			app_goto_school(a, arg);
		return UI_PAINT;
	}
	if (strcmp(cmd, "export") == 0 || strcmp(cmd, "w") == 0)
		return command_export(a, arg);
	if (strcmp(cmd, "policy") == 0) {
		policy_form_open(a);
		return UI_PAINT;
	}
	if (strcmp(cmd, "districts") == 0) {
		show_districts(a);
		return UI_PAINT;
	}
	if (strcmp(cmd, "schools") == 0) {
		show_schools(a);
		return UI_PAINT;
	}
	if (strcmp(cmd, "teachers") == 0 || strcmp(cmd, "operators") == 0) {
		show_districts(a);
		app_push_view(a, cmd[0] == 't' ? teachers_view_new(a, 0) : operators_view_new(a));
		return UI_PAINT;
	}
	if (strcmp(cmd, "indicators") == 0) {
		inspections_show_indicators(a);
		return UI_PAINT;
	}
	if (strcmp(cmd, "merge") == 0) {
		char msg[XQ_MSG_MAX];
		int kind = MSG_WARN;
		struct view *v = *arg ? merge_view_new(a, arg, &kind, msg) : NULL;
		if (!*arg)
			app_msg(a, MSG_WARN, "%s", _("Which pack? :merge FILE"));
		else if (!v)
			app_msg(a, kind, "%s", msg);
		else {
			app_show_pane(a, 4);
			app_push_view(a, v);
		}
		return UI_PAINT;
	}
	if (strcmp(cmd, "history") == 0) {
		app_push_view(a, history_view_new(a, NULL, 0));
		return UI_PAINT;
	}
	if (cmd[0] >= '1' && cmd[0] <= '5' && !cmd[1]) {
		app_show_pane(a, cmd[0] - '1');
		return UI_PAINT;
	}
	app_msg(a, MSG_WARN, _("Unknown command: %s (:help lists the commands)"), cmd);
	return UI_PAINT;
}
