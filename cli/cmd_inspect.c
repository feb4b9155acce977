/* cmd_inspect.c: `xuequ template list|show|import|export` (checklist templates) and
 * `xuequ inspection add|list|show|score|submit|close` (inspections and their results). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "db/pack.h"
#include "db/district.h"
#include "db/inspection.h"
#include "db/school.h"

/* Options shared by the subcommands; which go with which is checked after parsing. */
struct opts {
	bool csv, dry_run, force;
	int version;
	const char *output, *template, *school, *district, *date, *team, *stage, *status, *note;
	bool has_note;
	long long rev; /* score --rev: the result's revision as read; -1 when not given */
};

static int parse_opts(const char *cmd, int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{"format", required_argument, NULL, 'f'},
		{"dry-run", no_argument, NULL, 'n'},
		{"force", no_argument, NULL, 'F'},
		{"version", required_argument, NULL, 'v'},
		{"output", required_argument, NULL, 'o'},
		{"template", required_argument, NULL, 't'},
		{"school", required_argument, NULL, 's'},
		{"district", required_argument, NULL, 'd'},
		{"date", required_argument, NULL, 'D'},
		{"team", required_argument, NULL, 'T'},
		{"stage", required_argument, NULL, 'S'},
		{"status", required_argument, NULL, 'x'},
		{"note", required_argument, NULL, 'N'},
		{"rev", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->rev = -1;
	int c;
	long v;
	while ((c = getopt_long(argc, argv, ":o:", longs, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!table_format_arg(cmd, optarg, &o->csv))
				return EXIT_MISUSE;
			break;
		case 'n': o->dry_run = true; break;
		case 'F': o->force = true; break;
		case 'v':
			if (!parse_long(optarg, &v) || v < 1 || v > 1000000)
				return cli_usage(cmd, _("--version takes a number from 1"));
			o->version = (int)v;
			break;
		case 'o': o->output = optarg; break;
		case 't': o->template = optarg; break;
		case 's': o->school = optarg; break;
		case 'd': o->district = optarg; break;
		case 'D': o->date = optarg; break;
		case 'T': o->team = optarg; break;
		case 'S': o->stage = optarg; break;
		case 'x': o->status = optarg; break;
		case 'r':
			if (!parse_long(optarg, &v) || v < 0)
				return cli_usage(cmd, _("--rev takes a revision number from 0"));
			o->rev = v;
			break;
		case 'N':
			o->note = optarg;
			o->has_note = true;
			break;
		default:
			return cli_usage(cmd, _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	return EXIT_OK;
}

static bool parse_id(const char *s, int64_t *id)
{
	long v;
	if (!parse_long(s, &v) || v <= 0)
		return false;
	*id = v;
	return true;
}

static void num(double v, char *buf, size_t size)
{
	if (isnan(v))
		buf[0] = 0;
	else
		snprintf(buf, size, "%g", v);
}

/* A template by id (digits) or by name and --version (newest when 0). */
static int find_template(struct db *db, const char *key, int version, struct template_info *t)
{
	char msg[XQ_MSG_MAX];
	int64_t id;
	int rc = parse_id(key, &id) && !version ? db_template_get(db, id, t, msg) :
						  db_template_find(db, key, version, t, msg);
	if (rc != XQ_OK)
		cli_error("%s", msg);
	return rc;
}

static int template_list(struct db *db, const struct opts *o)
{
	struct template_info *rows;
	int n;
	char msg[XQ_MSG_MAX];
	if (db_template_list(db, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"id", "name", "version", "target", "pass_rule", "pass_total", "items", "used"};
	static const char *const zh[] = {"编号", "名称", "版本", "对象", "达标规则", "及格分", "条目", "已用"};
	struct table *t = table_new(h, 8);
	table_labels(t, zh);
	for (int i = 0; i < n; i++) {
		char id[24], ver[16], total[32], items[16], used[16];
		snprintf(id, sizeof id, "%lld", (long long)rows[i].id);
		snprintf(ver, sizeof ver, "%d", rows[i].version);
		num(rows[i].pass_total, total, sizeof total);
		snprintf(items, sizeof items, "%d", rows[i].nitems);
		snprintf(used, sizeof used, "%d", rows[i].used);
		const char *cells[] = {id, rows[i].name, ver, enum_key(insp_target_items, rows[i].target),
			enum_key(pass_rule_items, rows[i].pass_rule), total, items, used};
		table_add(t, cells);
	}
	table_print(t, stdout, o->csv);
	table_free(t);
	free(rows);
	return EXIT_OK;
}

/* "≥ 4 次", "0-10, pass 6", "policy", "yes" — an item's rule in a few words. */
static void item_rule(const struct check_item *it, char *buf, size_t size)
{
	char thr[32];
	num(it->threshold, thr, sizeof thr);
	switch (it->kind) {
	case ITEM_YESNO:
		snprintf(buf, size, "yes");
		break;
	case ITEM_SCORE:
		if (*thr)
			snprintf(buf, size, "0-%g, pass %s", it->max, thr);
		else
			snprintf(buf, size, "0-%g", it->max);
		break;
	case ITEM_MEASURED:
		snprintf(buf, size, "%s %s%s%s", enum_key(comparator_items, it->comparator), thr,
			it->unit[0] ? " " : "", it->unit);
		break;
	default:
		snprintf(buf, size, "%s (policy)", it->indicator);
	}
}

static int template_show(struct db *db, const char *key, const struct opts *o)
{
	struct template_info ti;
	if (find_template(db, key, o->version, &ti) != XQ_OK)
		return EXIT_FAIL;
	struct check_item *items;
	int n;
	char msg[XQ_MSG_MAX];
	if (db_template_items(db, ti.id, &items, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	if (!o->csv) {
		char total[32];
		num(ti.pass_total, total, sizeof total);
		cli_say(stdout, _("%s, version %d: for a %s, passes by %s%s%s; used by %d inspections"), ti.name,
			ti.version, enum_key(insp_target_items, ti.target), enum_key(pass_rule_items, ti.pass_rule),
			*total ? " " : "", total, ti.used);
	}
	static const char *const h[] = {"item", "section", "kind", "text", "rule", "weight", "veto"};
	static const char *const zh[] = {"条目", "部分", "类型", "内容", "标准", "权重", "一票否决"};
	struct table *t = table_new(h, 7);
	table_labels(t, zh);
	table_right(t, 0);
	for (int i = 0; i < n; i++) {
		char pos[16], rule[160], w[32];
		snprintf(pos, sizeof pos, "%d", items[i].position);
		item_rule(&items[i], rule, sizeof rule);
		num(items[i].weight, w, sizeof w);
		const char *cells[] = {pos, items[i].section, enum_key(item_kind_items, items[i].kind), items[i].text,
			rule, w, items[i].veto ? "1" : "0"};
		table_add(t, cells);
	}
	table_print(t, stdout, o->csv);
	table_free(t);
	free(items);
	return EXIT_OK;
}

static int template_import(struct db *db, const char *path, const struct opts *o)
{
	size_t len;
	char *buf = cli_read_file(path, &len);
	if (!buf)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	int64_t *ids;
	int n;
	int rc = db_template_import(db, buf, len, o->dry_run, &ids, &n, msg);
	free(buf);
	if (rc != XQ_OK) {
		cli_error("%s: %s", path, msg);
		return EXIT_FAIL;
	}
	if (o->dry_run)
		cli_say(stdout, "%s", _("the file is fit to import; nothing written (--dry-run)"));
	for (int i = 0; i < n; i++) {
		struct template_info t;
		if (db_template_get(db, ids[i], &t, msg) == XQ_OK)
			cli_say(stdout, _("imported %s version %d (%d items), id %lld"), t.name, t.version, t.nitems,
				(long long)t.id);
	}
	free(ids);
	return EXIT_OK;
}

static int template_export(struct db *db, const char *key, const struct opts *o)
{
	struct template_info ti;
	if (find_template(db, key, o->version, &ti) != XQ_OK)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	char *csv = db_template_export(db, ti.id, msg);
	if (!csv) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	bool ok = cli_write_file(o->output ? o->output : "-", csv, strlen(csv), o->force);
	free(csv);
	return ok ? EXIT_OK : EXIT_FAIL;
}

int cmd_template(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	int rc = parse_opts("template", argc, argv, &o);
	if (rc != EXIT_OK)
		return rc;
	if (optind >= argc)
		return cli_usage("template", "%s", _("template needs a subcommand: list, show, import or export"));
	const char *sub = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	int want = strcmp(sub, "list") == 0 ? 0 : 1;
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "import") && strcmp(sub, "export"))
		return cli_usage("template", _("no subcommand '%s'"), sub);
	if (nargs != want)
		return cli_usage("template", nargs > want ? _("unexpected argument '%s'") : _("%s needs an argument"),
			nargs > want ? args[want] : sub);
	if (o.template || o.school || o.district || o.date || o.team || o.stage || o.status || o.has_note || o.rev >= 0 ||
		(o.dry_run && strcmp(sub, "import")) || ((o.output || o.force) && strcmp(sub, "export")) ||
		(o.version && (!strcmp(sub, "list") || !strcmp(sub, "import"))) ||
		(o.csv && strcmp(sub, "list") && strcmp(sub, "show")))
		return cli_usage("template", _("an option that does not go with template %s"), sub);
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (!strcmp(sub, "list"))
		rc = template_list(db, &o);
	else if (!strcmp(sub, "show"))
		rc = template_show(db, args[0], &o);
	else if (!strcmp(sub, "import"))
		rc = template_import(db, args[0], &o);
	else
		rc = template_export(db, args[0], &o);
	db_close(db);
	return rc;
}

static int inspection_add(struct db *db, const struct opts *o)
{
	char msg[XQ_MSG_MAX];
	struct inspection in = {0};
	in.stage = o->stage ? enum_parse(stage_items, o->stage) : -1;
	if (o->stage && in.stage < 0)
		return cli_usage("inspection", _("--stage is primary or junior"));
	struct template_info ti;
	if (find_template(db, o->template, o->version, &ti) != XQ_OK)
		return EXIT_FAIL;
	in.template_id = ti.id;
	if (o->school) {
		struct school s;
		if (db_school_find(db, o->school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			return EXIT_FAIL;
		}
		in.school_id = s.id;
	} else {
		struct district d;
		if (db_district_by_name(db, o->district, &d) != XQ_OK) {
			cli_error(_("no district %s"), o->district);
			return EXIT_FAIL;
		}
		in.district_id = d.id;
	}
	xq_copy(in.date, sizeof in.date, o->date);
	if (!xq_copy(in.team, sizeof in.team, o->team)) {
		cli_error("%s", _("the team is too long"));
		return EXIT_FAIL;
	}
	if (db_inspection_add(db, &in, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	printf("%lld\n", (long long)in.id);
	return EXIT_OK;
}

/* "62.5/100" and "pass", "fail", "veto" or "incomplete". */
static void verdict_text(const struct checklist_verdict *v, char *total, size_t tsize, const char **word)
{
	snprintf(total, tsize, "%g/%g", v->total, v->max_total);
	*word = !v->complete ? "incomplete" : v->veto_failed ? "veto" : v->pass ? "pass" : "fail";
}

static int inspection_list(struct db *db, const struct opts *o)
{
	char msg[XQ_MSG_MAX];
	struct inspection_query q = {-1, 0, 0};
	if (o->status && (q.status = enum_parse(insp_status_items, o->status)) < 0)
		return cli_usage("inspection", _("--status is one of %s"), enum_keys_joined(insp_status_items));
	if (o->school) {
		struct school s;
		if (db_school_find(db, o->school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			return EXIT_FAIL;
		}
		q.school_id = s.id;
	}
	if (o->district) {
		struct district d;
		if (db_district_by_name(db, o->district, &d) != XQ_OK) {
			cli_error(_("no district %s"), o->district);
			return EXIT_FAIL;
		}
		q.district_id = d.id;
	}
	struct inspection *rows;
	int n;
	if (db_inspection_list(db, &q, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"id", "date", "target", "template", "version", "status", "team", "total", "verdict"};
	static const char *const zh[] = {"编号", "日期", "对象", "检查表", "版本", "状态", "督导组", "得分", "结论"};
	struct table *t = table_new(h, 9);
	table_labels(t, zh);
	table_right(t, 0);
	int rc = EXIT_OK;
	for (int i = 0; i < n; i++) {
		struct check_item *items;
		struct result *res;
		int ni;
		struct checklist_verdict v;
		if (db_inspection_results(db, rows[i].id, &items, &res, &ni, &v, msg) != XQ_OK) {
			cli_error("%s", msg);
			rc = EXIT_FAIL;
			break;
		}
		free(items);
		free(res);
		char id[24], ver[16], total[64];
		const char *word;
		snprintf(id, sizeof id, "%lld", (long long)rows[i].id);
		snprintf(ver, sizeof ver, "%d", rows[i].template_version);
		verdict_text(&v, total, sizeof total, &word);
		const char *cells[] = {id, rows[i].date, rows[i].target_code[0] ? rows[i].target_code : rows[i].target_name,
			rows[i].template_name, ver, enum_key(insp_status_items, rows[i].status), rows[i].team, total, word};
		table_add(t, cells);
	}
	if (rc == EXIT_OK)
		table_print(t, stdout, o->csv);
	table_free(t);
	free(rows);
	return rc;
}

static int inspection_show(struct db *db, int64_t id, const struct opts *o)
{
	char msg[XQ_MSG_MAX];
	struct inspection in;
	struct check_item *items;
	struct result *res;
	int n;
	struct checklist_verdict v;
	if (db_inspection_get(db, id, &in, msg) != XQ_OK ||
		db_inspection_results(db, id, &items, &res, &n, &v, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	char total[64];
	const char *word;
	verdict_text(&v, total, sizeof total, &word);
	if (!o->csv) {
		char target[CODE_LEN + NAME_LEN + 2];
		snprintf(target, sizeof target, "%s%s%s", in.target_code, in.target_code[0] ? " " : "", in.target_name);
		cli_say(stdout, _("inspection %lld of %s on %s, %s version %d%s%s: %s"), (long long)in.id, target, in.date, in.template_name, in.template_version,
			in.stage >= 0 ? ", " : "", in.stage >= 0 ? enum_key(stage_items, in.stage) : "",
			enum_key(insp_status_items, in.status));
		cli_say(stdout, _("team: %s"), in.team);
		char taken[XQ_MSG_MAX];
		if (db_pack_taken(db, in.id, taken, sizeof taken) == XQ_OK && taken[0])
			cli_say(stdout, _("taken offline: %s"), taken);
	}
	static const char *const h[] = {"item", "section", "text", "value", "threshold", "pass", "veto", "computed", "note"};
	static const char *const zh[] = {"条目", "部分", "内容", "结果", "标准", "达标", "一票否决", "计算值", "说明"};
	struct table *t = table_new(h, 9);
	table_labels(t, zh);
	table_right(t, 0);
	for (int i = 0; i < n; i++) {
		char pos[16], val[32], thr[48], comp[32];
		snprintf(pos, sizeof pos, "%d", items[i].position);
		num(res[i].scored ? res[i].value : NAN, val, sizeof val);
		num(res[i].threshold, thr, sizeof thr);
		if (*thr && items[i].kind == ITEM_MEASURED)
			snprintf(thr, sizeof thr, "%s %g", enum_key(comparator_items, items[i].comparator), res[i].threshold);
		num(res[i].computed, comp, sizeof comp);
		const char *cells[] = {pos, items[i].section, items[i].text, val, thr,
			!res[i].scored ? "" : res[i].pass ? "yes" : "no", items[i].veto ? "1" : "0", comp,
			res[i].override_note[0] ? res[i].override_note : res[i].note};
		table_add(t, cells);
	}
	table_print(t, stdout, o->csv);
	table_free(t);
	if (!o->csv) {
		cli_say(stdout, _("scored %d of %d; total %s; failed %d (veto %d); verdict: %s"), v.scored, n, total,
			v.failed, v.veto_failed, word);
		if (v.indicators > 0)
			cli_say(stdout, _("indicators met: %d of %d"), v.met, v.indicators);
	}
	free(items);
	free(res);
	return EXIT_OK;
}

/* One item's result as name: value lines, with the revision `score --rev` checks. */
static int inspection_show_item(struct db *db, int64_t id, const char *item)
{
	char msg[XQ_MSG_MAX];
	long pos;
	struct check_item *items;
	struct result *res;
	int n;
	if (!parse_long(item, &pos) || pos < 1 || pos > 100000)
		return cli_usage("inspection", _("'%s' is not an item number"), item);
	if (db_inspection_results(db, id, &items, &res, &n, NULL, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	int rc = EXIT_OK;
	if (pos > n) {
		cli_error(_("no item %ld: the template has items 1 to %d"), pos, n);
		rc = EXIT_FAIL;
	} else {
		const struct result *r = &res[pos - 1];
		char val[32], thr[32], comp[32];
		num(r->scored ? r->value : NAN, val, sizeof val);
		num(r->threshold, thr, sizeof thr);
		num(r->computed, comp, sizeof comp);
		printf("item: %ld\ntext: %s\nvalue: %s\nthreshold: %s\npass: %s\ncomputed: %s\nnote: %s\nrev: %lld\n",
			pos, items[pos - 1].text, val, thr, !r->scored ? "" : r->pass ? "yes" : "no", comp,
			r->override_note[0] ? r->override_note : r->note, (long long)(r->scored ? r->rev : 0));
	}
	free(items);
	free(res);
	return rc;
}

static int inspection_score(struct db *db, char **args, int nargs, const struct opts *o)
{
	int64_t id;
	long pos;
	if (!parse_id(args[0], &id) || !parse_long(args[1], &pos) || pos < 1 || pos > 100000)
		return cli_usage("inspection", "%s", _("inspection score takes an inspection id and an item number"));
	double value = NAN;
	bool has_value = nargs == 3;
	if (has_value && !yesno_parse(args[2], &value) && !parse_double(args[2], &value))
		return cli_usage("inspection", _("'%s' is not a value (a number, or yes/no)"), args[2]);
	char msg[XQ_MSG_MAX];
	if (db_inspection_score_rev(db, id, (int)pos, has_value, value, o->note, o->rev, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_inspection(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	int rc = parse_opts("inspection", argc, argv, &o);
	if (rc != EXIT_OK)
		return rc;
	if (optind >= argc)
		return cli_usage("inspection", "%s",
			_("inspection needs a subcommand: add, list, show, score, submit or close"));
	const char *sub = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	int lo, hi;
	bool opts_ok;
	bool any = o.template || o.school || o.district || o.date || o.team || o.stage || o.status ||
		o.has_note || o.csv || o.version || o.rev >= 0;
	if (o.dry_run || o.force || o.output)
		return cli_usage("inspection", _("an option that does not go with inspection %s"), sub);
	if (!strcmp(sub, "add")) {
		lo = hi = 0;
		opts_ok = !o.status && !o.has_note && !o.csv && o.rev < 0;
		if (opts_ok && (!o.template || !o.date || !o.team || !o.school == !o.district))
			return cli_usage("inspection", "%s", _("inspection add needs --template, --date, --team and "
						       "one of --school or --district"));
	} else if (!strcmp(sub, "list")) {
		lo = hi = 0;
		opts_ok = !o.template && !o.date && !o.team && !o.stage && !o.has_note && !o.version && o.rev < 0;
	} else if (!strcmp(sub, "show")) {
		lo = 1, hi = o.csv ? 1 : 2;
		opts_ok = !(any && !o.csv) && !(o.csv && (o.template || o.school || o.district || o.date || o.team ||
						     o.stage || o.status || o.has_note || o.version || o.rev >= 0));
	} else if (!strcmp(sub, "score")) {
		lo = 2, hi = 3;
		opts_ok = !(o.template || o.school || o.district || o.date || o.team || o.stage || o.status ||
			    o.csv || o.version);
	} else if (!strcmp(sub, "submit") || !strcmp(sub, "close")) {
		lo = hi = 1;
		opts_ok = !any;
	} else
		return cli_usage("inspection", _("no subcommand '%s'"), sub);
	if (!opts_ok)
		return cli_usage("inspection", _("an option that does not go with inspection %s"), sub);
	if (nargs < lo)
		return cli_usage("inspection", _("%s needs an argument"), sub);
	if (nargs > hi)
		return cli_usage("inspection", _("unexpected argument '%s'"), args[hi]);
	int64_t id = 0;
	if ((!strcmp(sub, "show") || !strcmp(sub, "submit") || !strcmp(sub, "close")) && !parse_id(args[0], &id))
		return cli_usage("inspection", _("'%s' is not an inspection id"), args[0]);
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	if (!strcmp(sub, "add"))
		rc = inspection_add(db, &o);
	else if (!strcmp(sub, "list"))
		rc = inspection_list(db, &o);
	else if (!strcmp(sub, "show"))
		rc = nargs == 2 ? inspection_show_item(db, id, args[1]) : inspection_show(db, id, &o);
	else if (!strcmp(sub, "score"))
		rc = inspection_score(db, args, nargs, &o);
	else {
		int r = !strcmp(sub, "submit") ? db_inspection_submit(db, id, msg) : db_inspection_close(db, id, msg);
		if (r != XQ_OK)
			cli_error("%s", msg);
		rc = r == XQ_OK ? EXIT_OK : EXIT_FAIL;
	}
	db_close(db);
	return rc;
}
