/* command.c: the `:` command line — :q, :help, :goto SCHOOL, :export FILE, and pane
 * names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "db/district.h"
#include "db/school.h"
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
	const char *home = getenv("HOME");
	if (path[0] == '~' && path[1] == '/' && home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* The file an export asks to replace, while the question is open. */
static char replace_path[1024];

static int export_to(struct app *a, const char *file, bool replace);

static void export_replace_yes(void *ctx)
{
	export_to(ctx, replace_path, true);
}

/* Writes the current list as CSV to file through a temporary file; an existing file is
 * replaced only once the user says so. */
static int export_to(struct app *a, const char *file, bool replace)
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
	struct stat sb;
	if (!replace && stat(path, &sb) == 0) {
		xq_copy(replace_path, sizeof replace_path, path);
		char q[XQ_MSG_MAX];
		snprintf(q, sizeof q, _("%s exists. Replace it? (y/n)"), path);
		prompt_confirm(a, q, export_replace_yes, a);
	} else if (write_file_atomic(path, b.s ? b.s : "", b.len, msg))
		app_msg(a, MSG_GOOD, _("%ld rows written to %s."), rows, path);
	else
		app_msg(a, MSG_WARN, _("Cannot write %s: %s"), path, msg);
	free(path);
	sb_free(&b);
	return UI_PAINT;
}

static int command_export(struct app *a, const char *file)
{
	return export_to(a, file, false);
}

int command_run(struct app *a, const char *line)
{
	char buf[512];
	xq_copy(buf, sizeof buf, line);
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
	if (strcmp(cmd, "districts") == 0) {
		show_districts(a);
		return UI_PAINT;
	}
	if (strcmp(cmd, "schools") == 0) {
		show_schools(a);
		return UI_PAINT;
	}
	if (cmd[0] >= '1' && cmd[0] <= '5' && !cmd[1]) {
		app_show_pane(a, cmd[0] - '1');
		return UI_PAINT;
	}
	app_msg(a, MSG_WARN, _("Unknown command: %s (:help lists the commands)"), cmd);
	return UI_PAINT;
}
