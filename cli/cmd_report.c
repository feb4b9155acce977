/* cmd_report.c: `xuequ report inspection ID | --school CODE | --county [-o FILE] [--force]`:
 * an inspection, a school or the county as aligned text, CSV or a print-ready HTML page,
 * chosen by the file's extension (core/report.c writes them). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "db/pack.h"
#include "core/inspection.h"
#include "core/report.h"
#include "db/indicators.h"
#include "db/policy.h"
#include "db/inspection.h"
#include "db/school.h"

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
		buf[0] = '\0';
	else
		snprintf(buf, size, "%g", v);
}

static const char *verdict_word(const struct checklist_verdict *v)
{
	return !v->complete ? "incomplete" : v->veto_failed ? "veto" : v->pass ? "pass" : "fail";
}

/* The rectifications of one inspection, or of one school (inspection_id 0), as a table. */
static int add_rectifications(struct db *db, struct report *r, int64_t inspection_id,
	int64_t school_id, bool overdue_only, char *msg)
{
	struct rectification *rows;
	int n;
	if (db_rectification_list(db, overdue_only, school_id, &rows, &n, msg) != XQ_OK)
		return XQ_ERR;
	static const char *const h[] = {"id", "inspection", "item", "text", "school", "person",
		"deadline", "status", "overdue"};
	struct report_table *t = report_table(r, _("Rectifications"), 9, h);
	t->right[0] = t->right[1] = t->right[2] = true;
	for (int i = 0; i < n; i++) {
		if (inspection_id && rows[i].inspection_id != inspection_id)
			continue;
		char id[24], insp[24], pos[16];
		snprintf(id, sizeof id, "%lld", (long long)rows[i].id);
		snprintf(insp, sizeof insp, "%lld", (long long)rows[i].inspection_id);
		snprintf(pos, sizeof pos, "%d", rows[i].position);
		const char *cells[] = {id, insp, pos, rows[i].item_text, rows[i].school_name, rows[i].person,
			rows[i].deadline, enum_key(rect_status_items, rows[i].status),
			rows[i].overdue ? "yes" : "no"};
		report_row(t, cells);
	}
	free(rows);
	return XQ_OK;
}

static int report_inspection(struct db *db, int64_t id, struct report *r, char *msg)
{
	struct inspection in;
	struct check_item *items;
	struct result *res;
	int n;
	struct checklist_verdict v;
	if (db_inspection_get(db, id, &in, msg) != XQ_OK ||
	    db_inspection_results(db, id, &items, &res, &n, &v, msg) != XQ_OK)
		return XQ_ERR;
	char title[512];
	snprintf(title, sizeof title, _("Inspection %lld: %s%s%s, %s"), (long long)in.id, in.target_code,
		in.target_code[0] ? " " : "", in.target_name, in.date);
	report_init(r, title);
	report_fact(r, _("Template: %s, version %d%s%s"), in.template_name, in.template_version,
		in.stage >= 0 ? ", " : "", in.stage >= 0 ? enum_key(stage_items, in.stage) : "");
	report_fact(r, _("Team: %s"), in.team);
	report_fact(r, _("Status: %s"), enum_key(insp_status_items, in.status));
	report_fact(r, _("Scored %d of %d; total %g of %g; failed %d (veto %d); verdict: %s"), v.scored, n,
		v.total, v.max_total, v.failed, v.veto_failed, verdict_word(&v));
	if (v.indicators > 0)
		report_fact(r, _("Indicators met: %d of %d"), v.met, v.indicators);
	static const char *const h[] = {"item", "section", "text", "value", "threshold", "pass", "veto",
		"computed", "note"};
	struct report_table *t = report_table(r, _("Items"), 9, h);
	t->right[0] = t->right[3] = t->right[4] = t->right[7] = true;
	for (int i = 0; i < n; i++) {
		char pos[16], val[32], thr[48], comp[32];
		snprintf(pos, sizeof pos, "%d", items[i].position);
		num(res[i].scored ? res[i].value : NAN, val, sizeof val);
		num(res[i].threshold, thr, sizeof thr);
		num(res[i].computed, comp, sizeof comp);
		const char *cells[] = {pos, items[i].section, items[i].text, val, thr,
			!res[i].scored ? "" : res[i].pass ? "yes" : "no", items[i].veto ? "yes" : "no", comp,
			res[i].override_note[0] ? res[i].override_note : res[i].note};
		report_row(t, cells);
	}
	free(items);
	free(res);
	return add_rectifications(db, r, id, in.school_id, false, msg);
}

/* The seven indicators of a set of schools of one stage as a table (all schools when
 * school_id is 0), with the CV row under them. */
static int add_indicators(struct db *db, struct report *r, int stage, const char *date, int64_t school_id,
	bool with_cv, char *msg)
{
	struct db_indicator_row *rows;
	int n;
	if (db_indicators_level(db, stage, date, &rows, &n, msg) != XQ_OK)
		return XQ_ERR;
	const char *h[3 + INDICATOR_COUNT + 2];
	h[0] = "school_code";
	h[1] = "name";
	h[2] = "pupils";
	for (int k = 0; k < INDICATOR_COUNT; k++)
		h[3 + k] = indicator_codes[k];
	h[3 + INDICATOR_COUNT] = "met";
	h[4 + INDICATOR_COUNT] = "ok";
	char caption[128];
	snprintf(caption, sizeof caption, _("Resource indicators, %s stage, on %s"),
		stage == STAGE_JUNIOR ? "junior" : "primary", date);
	int ncols = 5 + INDICATOR_COUNT;
	struct report_table *t = report_table(r, caption, ncols, h);
	for (int c = 2; c < ncols - 1; c++)
		t->right[c] = true;
	int shown = 0;
	for (int i = 0; i < n; i++) {
		if (school_id && rows[i].s.id != school_id)
			continue;
		char cells_buf[3 + INDICATOR_COUNT + 2][48];
		const char *cells[3 + INDICATOR_COUNT + 2];
		snprintf(cells_buf[2], 48, "%ld", rows[i].r.pupils);
		for (int k = 0; k < INDICATOR_COUNT; k++)
			snprintf(cells_buf[3 + k], 48, "%.2f%s", rows[i].r.value[k], rows[i].r.met[k] ? "" : "*");
		snprintf(cells_buf[3 + INDICATOR_COUNT], 48, "%d", rows[i].r.met_count);
		cells[0] = rows[i].s.code;
		cells[1] = rows[i].s.name;
		for (int c = 2; c < ncols - 1; c++)
			cells[c] = cells_buf[c];
		cells[ncols - 1] = rows[i].r.ok ? "yes" : "no";
		report_row(t, cells);
		shown++;
		if (school_id)
			for (int k = 0; k < INDICATOR_COUNT; k++)
				if (rows[i].r.missing[k] > 0)
					report_fact(r, _("Missing (%s stage): %s %g"), stage == STAGE_JUNIOR ? "junior" : "primary",
						indicator_codes[k], rows[i].r.missing[k]);
	}
	if (with_cv && shown > 0) {
		double cv[INDICATOR_COUNT];
		db_indicators_cv(db, rows, n, cv);
		const struct indicator_policy *p = db_indicator_policy(db);
		double limit = stage == STAGE_JUNIOR ? p->cv_max_junior : p->cv_max_primary;
		char cells_buf[INDICATOR_COUNT][32];
		const char *cells[3 + INDICATOR_COUNT + 2];
		char lim[32];
		snprintf(lim, sizeof lim, "<= %g", limit);
		cells[0] = "CV";
		cells[1] = p->cv_plain ? _("plain (unweighted)") : _("weighted by pupils");
		cells[2] = "";
		for (int k = 0; k < INDICATOR_COUNT; k++) {
			num(isnan(cv[k]) ? NAN : round(cv[k] * 1000) / 1000, cells_buf[k], sizeof cells_buf[k]);
			cells[3 + k] = cells_buf[k];
		}
		cells[3 + INDICATOR_COUNT] = lim;
		cells[4 + INDICATOR_COUNT] = "";
		report_row(t, cells);
	}
	free(rows);
	return XQ_OK;
}

static int report_school(struct db *db, const char *code, struct report *r, char *msg)
{
	struct school s;
	if (db_school_find(db, code, &s, msg) != XQ_OK)
		return XQ_ERR;
	char title[512], date[11];
	date_today(date);
	snprintf(title, sizeof title, _("School %s %s"), s.code, s.name);
	report_init(r, title);
	report_fact(r, _("On %s"), date);
	struct inspection_query q = {-1, s.id, 0};
	struct inspection *ins;
	int n;
	if (db_inspection_list(db, &q, &ins, &n, msg) != XQ_OK)
		return XQ_ERR;
	static const char *const h[] = {"inspection", "date", "template", "version", "status", "total",
		"verdict"};
	struct report_table *t = report_table(r, _("Inspections, newest first"), 7, h);
	t->right[0] = t->right[3] = t->right[5] = true;
	for (int i = 0; i < n; i++) {
		struct check_item *items;
		struct result *res;
		int ni;
		struct checklist_verdict v;
		if (db_inspection_results(db, ins[i].id, &items, &res, &ni, &v, msg) != XQ_OK) {
			free(ins);
			return XQ_ERR;
		}
		free(items);
		free(res);
		char id[24], ver[16], total[48];
		snprintf(id, sizeof id, "%lld", (long long)ins[i].id);
		snprintf(ver, sizeof ver, "%d", ins[i].template_version);
		snprintf(total, sizeof total, "%g/%g", v.total, v.max_total);
		const char *cells[] = {id, ins[i].date, ins[i].template_name, ver,
			enum_key(insp_status_items, ins[i].status), total, verdict_word(&v)};
		report_row(t, cells);
	}
	free(ins);
	for (int stage = STAGE_PRIMARY; stage <= STAGE_JUNIOR; stage++)
		if (add_indicators(db, r, stage, date, s.id, false, msg) != XQ_OK)
			return XQ_ERR;
	return add_rectifications(db, r, 0, s.id, false, msg);
}

static int report_county(struct db *db, struct report *r, char *msg)
{
	char date[11];
	date_today(date);
	report_init(r, _("The county's inspections and indicators"));
	report_fact(r, _("On %s"), date);
	struct inspection_query q = {-1, 0, 0};
	struct inspection *ins;
	int n;
	if (db_inspection_list(db, &q, &ins, &n, msg) != XQ_OK)
		return XQ_ERR;
	int by_status[4] = {0};
	for (int i = 0; i < n; i++)
		if (ins[i].status >= 0 && ins[i].status < 4)
			by_status[ins[i].status]++;
	free(ins);
	report_fact(r, _("Inspections: %d planned, %d in progress, %d submitted, %d closed"), by_status[0],
		by_status[1], by_status[2], by_status[3]);
	for (int stage = STAGE_PRIMARY; stage <= STAGE_JUNIOR; stage++)
		if (add_indicators(db, r, stage, date, 0, true, msg) != XQ_OK)
			return XQ_ERR;
	return add_rectifications(db, r, 0, 0, true, msg);
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"school", required_argument, NULL, 's'},
		{"county", no_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const char *school = NULL, *out = "-";
	bool county = false, force = false;
	int c;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			school = optarg;
			break;
		case 'c':
			county = true;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = true;
			break;
		default:
			return cli_usage("report", _("unknown option %s"), argv[optind - 1]);
		}
	}
	int64_t id = 0;
	bool by_inspection = optind < argc && strcmp(argv[optind], "inspection") == 0;
	if (by_inspection) {
		if (optind + 2 != argc || !parse_id(argv[optind + 1], &id))
			return cli_usage("report", "%s", _("report inspection takes one inspection id"));
	} else if (optind < argc)
		return cli_usage("report", _("unexpected argument '%s'"), argv[optind]);
	if ((by_inspection ? 1 : 0) + (school ? 1 : 0) + (county ? 1 : 0) != 1)
		return cli_usage("report", "%s", _("report one of: inspection ID, --school CODE, --county"));

	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	struct report r;
	memset(&r, 0, sizeof r);
	if (county && db_require_county(db, _("the county report"), msg) != XQ_OK) {
		cli_error("%s", msg);
		db_close(db);
		return EXIT_FAIL;
	}
	int rc = by_inspection ? report_inspection(db, id, &r, msg)
		 : school     ? report_school(db, school, &r, msg)
			      : report_county(db, &r, msg);
	db_close(db);
	if (rc != XQ_OK) {
		report_free(&r);
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	struct strbuf b;
	sb_init(&b);
	report_write(&r, strcmp(out, "-") == 0 ? REPORT_TEXT : report_format_of(out), &b);
	report_free(&r);
	bool ok = cli_write_file(out, b.s ? b.s : "", b.len, force);
	sb_free(&b);
	return ok ? EXIT_OK : EXIT_FAIL;
}
