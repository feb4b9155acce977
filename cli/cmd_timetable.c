/* cmd_timetable.c: `xuequ timetable check [--term T]`: every hard violation of a term's
 * timetable in words, then its soft ones with their weights and its soft score
 * (core/ttcheck.c over the model db/timetable.c loads). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/fet.h"
#include "core/fetmap.h"
#include "core/fetread.h"
#include "core/i18n.h"
#include "core/timetable.h"
#include "core/ttcheck.h"
#include "core/ttsolve.h"
#include "db/fet_import.h"
#include "db/school.h"
#include "db/teacher.h"
#include "db/timetable.h"

static void print_violation(void *ctx, const struct tt_violation *v)
{
	const struct tt_model *m = ctx;
	char line[1024];
	tt_violation_text(m, v, line, sizeof line);
	cli_say(stdout, "%s", line);
}

/* A soft violation in words, after its rule's weight. */
static void print_soft(void *ctx, const struct tt_violation *v)
{
	const struct tt_model *m = ctx;
	char line[1024], weight[32];
	tt_violation_text(m, v, line, sizeof line);
	tt_score_text(tt_soft_weight(m, v), weight, sizeof weight);
	cli_say(stdout, _("soft, weight %s: %s"), weight, line);
}

/* Opens the database, finds the term (named, or the newest) and loads its timetable; NULL
 * with the reason printed. The caller closes the database and frees the model. */
static struct db *open_term(struct cli *cli, int flags, const char *term, struct term *t, struct tt_model *m)
{
	struct db *db = cli_open(cli, flags);
	if (!db)
		return NULL;
	char msg[XQ_MSG_MAX];
	if (cli_pick_term(db, term, t) != XQ_OK) {
		db_close(db);
		return NULL;
	}
	if (db_tt_load(db, t->id, m, msg) != XQ_OK) {
		cli_error("%s", msg);
		db_close(db);
		return NULL;
	}
	return db;
}

static int tt_check_cmd(struct cli *cli, const char *term)
{
	struct term t;
	struct tt_model m;
	struct db *db = open_term(cli, DB_READONLY, term, &t, &m);
	if (!db)
		return EXIT_FAIL;
	db_close(db);
	int n = tt_check(&m, print_violation, &m);
	int placed = 0;
	for (int i = 0; i < m.nlessons; i++)
		placed += m.lessons[i].day >= 0;
	if (!tt_has_soft(&m)) {
		if (n)
			cli_say(stdout, _("%s: %d of %d lessons placed; %d hard violations"), t.name, placed, m.nlessons, n);
		else
			cli_say(stdout, _("%s: %d of %d lessons placed; no hard violation"), t.name, placed, m.nlessons);
		tt_model_free(&m);
		return n ? EXIT_FAIL : EXIT_OK;
	}
	/* the soft rules not kept after the hard ones, each with its weight; they alone do not
	 * fail the check */
	char score[32];
	tt_score_text(tt_soft_score(&m, NULL, print_soft, &m), score, sizeof score);
	if (n)
		cli_say(stdout, _("%s: %d of %d lessons placed; %d hard violations; soft score %s"), t.name, placed,
			m.nlessons, n, score);
	else
		cli_say(stdout, _("%s: %d of %d lessons placed; no hard violation; soft score %s"), t.name, placed,
			m.nlessons, score);
	tt_model_free(&m);
	return n ? EXIT_FAIL : EXIT_OK;
}

/* The search's progress on a terminal's stderr, on one line written over. */
static bool say_progress(void *ctx, const struct tt_progress *p)
{
	(void)ctx;
	fputc('\r', stderr);
	fprintf(stderr, _("%3.0f%%  %d of %d lessons placed, %d meeting a rule "), 100 * p->seconds / p->limit, p->placed,
		p->total, p->conflicted);
	fflush(stderr);
	return true;
}

/* A count proving some lessons cannot all be placed, said before the search. */
static void say_proof(void *ctx, const struct tt_proof *p)
{
	const struct tt_model *m = ctx;
	char line[1024];
	tt_proof_text(m, p, line, sizeof line);
	cli_say(stdout, _("cannot all be placed: %s"), line);
	fflush(stdout);
}

static int tt_solve_cmd(struct cli *cli, const char *term, const struct tt_solve_opts *given)
{
	struct tt_solve_opts opts = *given;
	const struct tt_solve_opts *o = &opts;
	bool tty = isatty(STDERR_FILENO);
	if (tty)
		opts.progress = say_progress;
	struct term t;
	struct tt_model m;
	char msg[XQ_MSG_MAX];
	struct db *db = open_term(cli, 0, term, &t, &m);
	if (!db)
		return EXIT_FAIL;
	tt_prove(&m, say_proof, &m);
	struct tt_solve_result r;
	tt_solve(&m, o, &r);
	if (tty)
		fprintf(stderr, "\r\033[K");
	int rc = db_tt_save(db, &m, msg);
	db_close(db);
	if (rc != XQ_OK) {
		cli_error("%s", msg);
		tt_solve_result_free(&r);
		tt_model_free(&m);
		return EXIT_FAIL;
	}
	for (int k = 0; k < r.nunplaced; k++) {
		char line[1024];
		const struct tt_lesson *l = &m.lessons[r.unplaced[k]];
		if (r.block_at[k] == r.block_at[k + 1]) {
			tt_violation_text(&m, &r.why[k], line, sizeof line);
			cli_say(stdout, _("not placed: lesson %d of %s: %s"), l->seq, m.courses[l->course].label, line);
			continue;
		}
		cli_say(stdout, _("not placed: lesson %d of %s; in its way:"), l->seq, m.courses[l->course].label);
		for (int b = r.block_at[k]; b < r.block_at[k + 1]; b++) {
			tt_block_text(&m, &r.blocks[b].v, r.blocks[b].closes, r.blocks[b].places, line, sizeof line);
			cli_say(stdout, "  %s", line);
		}
	}
	if (o->repair)
		cli_say(stdout, _("%s: %d lessons moved (at least %d had to), %d placed that were not"), t.name, r.moved,
			r.must_move, r.newly_placed);
	char score[32];
	tt_score_text(r.soft_score, score, sizeof score);
	if (tt_has_soft(&m))
		cli_say(stdout, _("%s: soft rules not kept: %d times"), t.name, r.soft);
	cli_say(stdout, _("%s: %d of %d lessons placed (%d locked); %d hard violations; soft score %s; %.2f s"), t.name,
		r.placed, r.total, r.locked, r.violations, score, r.seconds);
	int status = r.nunplaced || r.violations ? EXIT_FAIL : EXIT_OK;
	tt_solve_result_free(&r);
	tt_model_free(&m);
	return status;
}

static int tt_export_fet_cmd(struct cli *cli, const char *term, const char *path, bool locked, bool force)
{
	struct stat sb;
	if (!force && stat(path, &sb) == 0) {
		cli_error(_("%s exists already; use --force to replace it"), path);
		return EXIT_FAIL;
	}
	struct term t;
	struct tt_model m;
	char msg[XQ_MSG_MAX];
	struct db *db = open_term(cli, DB_READONLY, term, &t, &m);
	if (!db)
		return EXIT_FAIL;
	db_close(db);
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	char name[64];
	snprintf(name, sizeof name, "xuequ %s", t.name);
	int rc = fet_write(&m, name, locked, tmp, msg);
	if (rc == XQ_OK && rename(tmp, path) != 0) {
		xq_msg(msg, _("%s: cannot write: %s"), path, strerror(errno));
		rc = XQ_ERR;
	}
	if (rc != XQ_OK) {
		unlink(tmp);
		cli_error("%s", msg);
	} else
		cli_say(stdout, _("%s: %d lessons of %s written as FET%s"), path, m.nlessons, t.name,
			locked ? _(", every placed lesson fixed") : "");
	free(tmp);
	tt_model_free(&m);
	return rc == XQ_OK ? EXIT_OK : EXIT_FAIL;
}

struct show_query {
	const char *term, *teacher, *class_name, *school, *room;
	bool csv, html;
};

static int tt_show_cmd(struct cli *cli, const struct show_query *q)
{
	int given = (q->teacher != NULL) + (q->class_name != NULL) + (q->room != NULL);
	if (given > 1 || (given == 0 && !q->school))
		return cli_usage("timetable", "%s", _("timetable show takes one of --teacher, --class, --school, --room"));
	if ((q->class_name || q->room) && !q->school)
		return cli_usage("timetable", "%s", _("a class or a room is named with its --school"));
	struct term t;
	struct tt_model m;
	struct db *db = open_term(cli, DB_READONLY, q->term, &t, &m);
	if (!db)
		return EXIT_FAIL;
	int kind = TT_GRID_SCHOOL, who = -1;
	int64_t school_id = 0;
	struct school s;
	if (q->school) {
		if (db_school_by_code(db, q->school, &s) != XQ_OK) {
			cli_error(_("unknown school code %s"), q->school);
			goto fail;
		}
		school_id = s.id;
	}
	if (q->teacher) {
		struct teacher te;
		kind = TT_GRID_TEACHER;
		who = db_teacher_by_staff_no(db, q->teacher, &te) == XQ_OK ? tt_find_ext(m.teacher_ext, m.nteachers, te.id)
									     : -2;
	} else if (q->class_name) {
		struct tclass c;
		kind = TT_GRID_SET;
		who = db_class_find(db, t.id, school_id, q->class_name, &c) == XQ_OK ? tt_find_ext(m.set_ext, m.nsets, c.id)
										       : -2;
	} else if (q->room) {
		kind = TT_GRID_ROOM;
		int64_t r = db_room_id(db, school_id, q->room);
		who = r ? tt_find_ext(m.room_ext, m.nrooms, r) : -2;
	} else
		who = tt_find_ext(m.school_ext, m.nschools, school_id);
	if (who == -2) {
		cli_error("%s", _("no such teacher, class or room"));
		goto fail;
	}
	db_close(db);
	db = NULL;
	/* the school whose clock times stand beside the periods */
	int clock_school = tt_grid_clock_school(&m, kind, who);
	int ncols = 2 + m.days;
	const char **head = xcalloc((size_t)ncols, sizeof *head);
	char (*dayname)[32] = xcalloc((size_t)m.days, sizeof *dayname);
	head[0] = _("period");
	head[1] = _("time");
	const char *names = t.day_names;
	for (int d = 0; d < m.days; d++) {
		size_t k = strcspn(names, ";");
		if (*names)
			snprintf(dayname[d], sizeof dayname[d], "%.*s", (int)k, names);
		else
			snprintf(dayname[d], sizeof dayname[d], _("day %d"), d + 1);
		names += names[k] ? k + 1 : k;
		head[2 + d] = dayname[d];
	}
	struct table *tb = table_new(head, ncols);
	table_right(tb, 0);
	char (*cells)[512] = xcalloc((size_t)ncols, sizeof *cells);
	for (int p = 0; p < m.periods; p++) {
		const char **row = xcalloc((size_t)ncols, sizeof *row);
		snprintf(cells[0], sizeof cells[0], "%d", p + 1);
		int st, en;
		cells[1][0] = '\0';
		if (clock_school >= 0 && tt_period_times(&m, clock_school, p, &st, &en)) {
			char a[6], b[6];
			clock_format(st, a);
			clock_format(en, b);
			snprintf(cells[1], sizeof cells[1], "%s-%s", a, b);
		}
		for (int d = 0; d < m.days; d++)
			if (who >= 0)
				tt_cell_text(&m, kind, who, d, p, cells[2 + d], sizeof cells[0]);
			else
				cells[2 + d][0] = '\0';
		for (int k = 0; k < ncols; k++)
			row[k] = cells[k];
		table_add(tb, row);
		free(row);
	}
	if (q->html) {
		char title[512];
		tt_grid_title(&m, kind, who,
			q->teacher ? q->teacher : q->class_name ? q->class_name : q->room ? q->room : q->school, t.name, title,
			sizeof title);
		struct strbuf page;
		sb_init(&page);
		tt_grid_write(&m, kind, who, title, true, &page);
		fputs(page.s ? page.s : "", stdout);
		sb_free(&page);
	} else
		table_print(tb, stdout, q->csv);
	table_free(tb);
	free(cells);
	free(head);
	free(dayname);
	tt_model_free(&m);
	return EXIT_OK;
fail:
	tt_model_free(&m);
	db_close(db);
	return EXIT_FAIL;
}

/* The constraints of one kind the import notes, once each kind: how many and the first line. */
static void say_notes(const char *path, const struct fet_plan *p, int kind, const char *what)
{
	bool *done = xcalloc((size_t)p->nnotes + 1, sizeof *done);
	for (int i = 0; i < p->nnotes; i++) {
		if (p->notes[i].kind != kind || done[i])
			continue;
		int n = 0;
		for (int j = i; j < p->nnotes; j++)
			if (p->notes[j].kind == kind && strcmp(p->notes[j].what, p->notes[i].what) == 0) {
				done[j] = true;
				n++;
			}
		if (n == 1)
			cli_say(stderr, _("%s:%d: %s: %s"), path, p->notes[i].line, p->notes[i].what, p->notes[i].text);
		else
			cli_say(stderr, _("%s:%d: %s (%d of them, the first here): %s"), path, p->notes[i].line,
				p->notes[i].what, n, what);
	}
	free(done);
}

static int tt_import_fet_cmd(struct cli *cli, const char *term, const char *path, const char *school, bool create,
	bool dry_run)
{
	char msg[XQ_MSG_MAX];
	struct fet_doc doc;
	if (fet_read_file(path, &doc, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	struct fet_plan p;
	if (fet_plan_make(&doc, school != NULL, &p, msg) != XQ_OK) {
		cli_error("%s: %s", path, msg);
		fet_doc_free(&doc);
		return EXIT_FAIL;
	}
	int rc = EXIT_FAIL;
	struct db *db = NULL;
	for (int i = 0; i < p.nnotes; i++)
		if (p.notes[i].kind == FETP_REFUSED)
			cli_say(stderr, _("%s:%d: %s: %s"), path, p.notes[i].line, p.notes[i].what, p.notes[i].text);
	if (p.refused) {
		cli_error(_("%s: %d hard constraints of kinds xuequ does not enforce; nothing was imported"), path,
			p.refused);
		goto out;
	}
	say_notes(path, &p, FETP_SOFT_IGNORED, _("soft, not enforced"));
	for (int i = 0; i < p.nnotes; i++)
		if (p.notes[i].kind == FETP_TAKEN && strcmp(p.notes[i].what, "Buildings_List") == 0)
			cli_say(stderr, "%s: %s", path, p.notes[i].text);
	db = cli_open(cli, 0);
	if (!db)
		goto out;
	struct term t;
	if (cli_pick_term(db, term, &t) != XQ_OK)
		goto out;
	struct fet_import_opts o = {t.id, school, create, dry_run};
	struct fet_import_result r;
	int irc = db_fet_import(db, &p, &o, &r, msg);
	for (const char *line = r.unmatched; line && *line;) {
		size_t n = strcspn(line, "\n");
		cli_say(stderr, "%s: %.*s", path, (int)n, line);
		line += n + (line[n] == '\n');
	}
	fet_import_result_free(&r);
	if (irc != XQ_OK) {
		cli_error("%s: %s", path, msg);
		goto out;
	}
	cli_say(stdout,
		_("%s%s into %s: %d schools (%d new), %d teachers (%d new), %d rooms new, %d subjects new, %d classes, "
		  "%d groups, %d courses, %d lessons (%d locked), %d unavailable slots, %d rules on lessons and days, %d "
		  "exchanges recorded"),
		dry_run ? _("would import ") : _("imported "), path, t.name, r.schools, r.schools_new, r.teachers,
		r.teachers_new, r.rooms_new, r.subjects_new, r.classes, r.groups, r.courses, r.lessons, r.locked,
		r.unavailable, r.rules, r.exchanges_new);
	rc = EXIT_OK;
out:
	if (db)
		db_close(db);
	fet_plan_free(&p);
	fet_doc_free(&doc);
	return rc;
}

int cmd_timetable(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"term", required_argument, NULL, 't'},
		{"teacher", required_argument, NULL, 'T'},
		{"class", required_argument, NULL, 'c'},
		{"school", required_argument, NULL, 's'},
		{"room", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'},
		{"time-limit", required_argument, NULL, 'L'},
		{"seed", required_argument, NULL, 'e'},
		{"jobs", required_argument, NULL, 'j'},
		{"fill", required_argument, NULL, 'I'},
		{"start", required_argument, NULL, 'S'},
		{"locked", no_argument, NULL, 'K'},
		{"force", no_argument, NULL, 'F'},
		{"create", no_argument, NULL, 'C'},
		{"dry-run", no_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	const char *term = NULL;
	struct tt_solve_opts so = {0, 10, 0, false};
	so.jobs = tt_default_jobs();
	bool solve_opts = false, start_opt = false, locked = false, force = false, create = false, dry_run = false;
	struct show_query q = {0};
	bool show_opts = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 't': term = optarg; break;
		case 'T': q.teacher = optarg; show_opts = true; break;
		case 'c': q.class_name = optarg; show_opts = true; break;
		case 's': q.school = optarg; show_opts = true; break;
		case 'r': q.room = optarg; show_opts = true; break;
		case 'f':
			if (strcmp(optarg, "html") == 0)
				q.html = true;
			else if (!table_format_arg("timetable", optarg, &q.csv))
				return EXIT_MISUSE;
			show_opts = true;
			break;
		case 'K': locked = true; break;
		case 'C': create = true; break;
		case 'n': dry_run = true; break;
		case 'F': force = true; break;
		case 'L': {
			double v;
			if (!parse_double(optarg, &v) || v <= 0 || v > 86400)
				return cli_usage("timetable", _("--time-limit takes seconds, not '%s'"), optarg);
			so.time_limit = v;
			solve_opts = true;
			break;
		}
		case 'e': {
			long v;
			if (!parse_long(optarg, &v) || v < 0)
				return cli_usage("timetable", _("--seed takes a whole number, not '%s'"), optarg);
			so.seed = (unsigned long)v;
			solve_opts = true;
			break;
		}
		case 'j': {
			long v;
			if (!parse_long(optarg, &v) || v < 1 || v > 64)
				return cli_usage("timetable", _("--jobs takes a number of threads from 1 to 64, not '%s'"), optarg);
			so.jobs = (int)v;
			solve_opts = true;
			break;
		}
		case 'I':
			if (strcmp(optarg, "fet") != 0 && strcmp(optarg, "lightest") != 0)
				return cli_usage("timetable", _("--fill takes fet or lightest, not '%s'"), optarg);
			so.fill_fet = strcmp(optarg, "fet") == 0;
			solve_opts = true;
			break;
		case 'S':
			if (strcmp(optarg, "fet") == 0)
				so.start = TT_START_FET;
			else if (strcmp(optarg, "greedy") == 0)
				so.start = TT_START_GREEDY;
			else if (strcmp(optarg, "mixed") == 0)
				so.start = TT_START_MIXED;
			else
				return cli_usage("timetable", _("--start takes mixed, greedy or fet, not '%s'"), optarg);
			solve_opts = start_opt = true;
			break;
		default:
			return cli_usage("timetable", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("timetable", "%s", _("timetable needs a subcommand: check, show, solve, repair, import-fet or export-fet"));
	const char *sub = argv[optind];
	if (strcmp(sub, "import-fet") == 0) {
		if (solve_opts || locked || force || q.teacher || q.class_name || q.room || q.csv || q.html)
			return cli_usage("timetable", "%s",
				_("timetable import-fet takes --term, --school, --create and --dry-run"));
		if (optind + 2 != argc)
			return cli_usage("timetable", "%s", _("timetable import-fet needs the FET file to read"));
		return tt_import_fet_cmd(cli, term, argv[optind + 1], q.school, create, dry_run);
	}
	if (create || dry_run)
		return cli_usage("timetable", "%s", _("--create and --dry-run go with timetable import-fet"));
	if (strcmp(sub, "export-fet") == 0) {
		if (show_opts || solve_opts)
			return cli_usage("timetable", "%s", _("timetable export-fet takes --term, --locked and --force"));
		if (optind + 2 != argc)
			return cli_usage("timetable", "%s", _("timetable export-fet needs the file to write"));
		return tt_export_fet_cmd(cli, term, argv[optind + 1], locked, force);
	}
	if (locked || force)
		return cli_usage("timetable", "%s", _("--locked and --force go with timetable export-fet"));
	if (optind + 1 < argc)
		return cli_usage("timetable", _("unexpected argument '%s'"), argv[optind + 1]);
	if (start_opt && strcmp(sub, "solve") != 0)
		return cli_usage("timetable", "%s", _("--start goes with timetable solve"));
	if (strcmp(sub, "solve") == 0 || strcmp(sub, "repair") == 0) {
		so.repair = strcmp(sub, "repair") == 0;
		if (show_opts)
			return cli_usage("timetable", "%s",
				so.repair ? _("timetable repair takes --term, --time-limit, --seed, --jobs and --fill")
					  : _("timetable solve takes --term, --time-limit, --seed, --jobs, --fill and --start"));
		return tt_solve_cmd(cli, term, &so);
	}
	if (solve_opts)
		return cli_usage("timetable", "%s", _("--time-limit, --seed, --jobs and --fill go with timetable solve and repair"));
	if (strcmp(sub, "check") == 0) {
		if (show_opts)
			return cli_usage("timetable", "%s", _("timetable check takes only --term"));
		return tt_check_cmd(cli, term);
	}
	if (strcmp(sub, "show") == 0) {
		q.term = term;
		return tt_show_cmd(cli, &q);
	}
	return cli_usage("timetable", _("no subcommand '%s'"), sub);
}
