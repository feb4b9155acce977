/* cmd_indicators.c: `xuequ indicators --level primary|junior [--date D] [--by school|county]
 * [--format csv]`: the seven national resource indicators of the county's schools of one
 * level, whether each school passes and what it lacks, and each indicator's coefficient of
 * variation against its limit, naming the formula used. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "db/pack.h"
#include "core/indicators.h"
#include "db/indicators.h"
#include "db/policy.h"

/* Short column heads of the aligned table, in the codes' order: the table fits 80 columns. */
static const char *const short_heads[INDICATOR_COUNT] = {
	N_("qual"), N_("backb"), N_("pe/art"), N_("rooms"), N_("sport"), N_("equip"), N_("media"),
};

/* What a missed indicator lacks, in its own unit. */
static const char *const missing_fmt[INDICATOR_COUNT] = {
	N_("%.0f more qualified teachers"), N_("%.0f more backbone teachers"),
	N_("%.0f more PE and art teachers"), N_("%.0f m² of teaching rooms"),
	N_("%.0f m² of sports ground"), N_("%.0f yuan of equipment"),
	N_("%.0f more multimedia classrooms"),
};

static const char *level_key(int stage)
{
	return stage == STAGE_JUNIOR ? "junior" : "primary";
}

static void fmt_value(char *out, size_t size, int k, double v, bool csv, bool met)
{
	if (csv)
		snprintf(out, size, "%.2f", v);
	else
		snprintf(out, size, k == IND_EQUIPMENT ? "%.0f%s" : k == IND_TEACHING_AREA ||
			k == IND_SPORTS_AREA ? "%.1f%s" : "%.2f%s", v, met ? "" : "*");
}

static void fmt_cv(char *out, size_t size, double cv)
{
	if (isnan(cv))
		out[0] = '\0';
	else
		snprintf(out, size, "%.3f", cv);
}

static const char *formula_text(bool plain)
{
	return plain ? _("plain: mean and standard deviation over schools")
		     : _("weighted by pupils: mean ΣPX/P, S = √(ΣP(X−mean)²/P)");
}

/* head, then the items separated by commas, wrapped at 80 columns between items with the
 * lines after the first indented by four. */
static void say_wrapped(const char *head, char **items, int n)
{
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, head);
	int col = utf8_width(head);
	for (int i = 0; i < n; i++) {
		int w = utf8_width(items[i]) + (i + 1 < n);
		if (col > 4 && col + 1 + w > 79) {
			cli_say(stdout, "%s", b.s); /* names escaped, like every name shown */
			sb_free(&b);
			sb_init(&b);
			sb_adds(&b, "   ");
			col = 3;
		}
		sb_printf(&b, " %s%s", items[i], i + 1 < n ? "," : "");
		col += 1 + w;
	}
	cli_say(stdout, "%s", b.s);
	sb_free(&b);
}

/* The teaching points left out of the CV; nothing when none. */
static void list_apart(const struct db_indicator_row *rows, int n, long min_pupils)
{
	char **items = xcalloc((size_t)(n ? n : 1), sizeof *items);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (!rows[i].in_cv)
			items[k++] = xasprintf("%s (%ld)", rows[i].s.name, rows[i].r.pupils);
	if (k) {
		char *head = xasprintf(_("Left out of the CV (teaching points under %ld pupils):"), min_pupils);
		say_wrapped(head, items, k);
		free(head);
	}
	for (int i = 0; i < k; i++)
		free(items[i]);
	free(items);
}

static void by_school(const struct db_indicator_row *rows, int n, int stage, bool csv,
	const struct indicator_policy *p, const double *cv)
{
	static const char *const csv_heads[] = {"school_code", "name", "level", "pupils",
		"qualified_teachers_per100", "backbone_per100", "pe_art_per100",
		"teaching_area_per_student", "sports_area_per_student", "equipment_per_student",
		"multimedia_per100", "met", "lowest_ratio", "ok"};
	const char *heads[14];
	int nc = 0;
	if (csv) {
		memcpy(heads, csv_heads, sizeof heads);
		nc = 14;
	} else {
		heads[nc++] = _("school");
		heads[nc++] = _("pupils");
		for (int k = 0; k < INDICATOR_COUNT; k++)
			heads[nc++] = _(short_heads[k]);
		heads[nc++] = _("met");
		heads[nc++] = _("ok");
	}
	struct table *t = table_new(heads, nc);
	for (int c = csv ? 3 : 1; c < nc - (csv ? 0 : 1); c++)
		table_right(t, c);
	char cells[14][NAME_LEN];
	const char *row[14];
	for (int i = 0; i < n; i++) {
		const struct db_indicator_row *r = &rows[i];
		int c = 0;
		if (csv) {
			xq_copy(cells[c++], NAME_LEN, r->s.code);
			xq_copy(cells[c++], NAME_LEN, r->s.name);
			xq_copy(cells[c++], NAME_LEN, enum_key(level_items, r->s.level));
		} else {
			utf8_fit(r->s.short_name[0] ? r->s.short_name : r->s.name, 11, cells[c++], NAME_LEN);
		}
		snprintf(cells[c++], NAME_LEN, "%ld", r->r.pupils);
		for (int k = 0; k < INDICATOR_COUNT; k++)
			fmt_value(cells[c++], NAME_LEN, k, r->r.value[k], csv, r->r.met[k]);
		snprintf(cells[c++], NAME_LEN, "%d", r->r.met_count);
		if (csv) {
			snprintf(cells[c++], NAME_LEN, "%.3f", r->r.lowest_ratio);
			snprintf(cells[c++], NAME_LEN, "%d", r->r.ok ? 1 : 0);
		} else {
			xq_copy(cells[c++], NAME_LEN, r->r.ok ? _("yes") : _("NO"));
		}
		for (int k = 0; k < c; k++)
			row[k] = cells[k];
		table_add(t, row);
	}
	if (!csv) {
		/* the CV row, under the schools */
		int c = 0;
		snprintf(cells[c++], NAME_LEN, "%s", _("CV"));
		cells[c++][0] = '\0';
		for (int k = 0; k < INDICATOR_COUNT; k++) {
			double lim = stage == STAGE_JUNIOR ? p->cv_max_junior : p->cv_max_primary;
			fmt_cv(cells[c], NAME_LEN, cv[k]);
			if (cells[c][0] && cv[k] > lim)
				strcat(cells[c], "*");
			c++;
		}
		cells[c++][0] = '\0';
		cells[c++][0] = '\0';
		for (int k = 0; k < c; k++)
			row[k] = cells[k];
		table_add(t, row);
	}
	table_print(t, stdout, csv);
	table_free(t);
	if (csv)
		return;
	printf("%s\n", _("* not met; the CV row: * above its limit."));
	const double *thr = indicator_thresholds(p, stage);
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		const char *h = _(short_heads[k]);
		printf("  %s%*s %s >= %g\n", h, 8 - utf8_width(h), "", indicator_codes[k], thr[k]);
	}
	cli_say(stdout, _("CV formula: %s."), formula_text(p->cv_plain));
	list_apart(rows, n, p->min_pupils);
	/* what each school lacks, for the budget */
	bool any = false;
	for (int i = 0; i < n; i++) {
		const struct db_indicator_row *r = &rows[i];
		if (r->r.met_count == INDICATOR_COUNT)
			continue;
		if (!any)
			printf("%s\n", _("Missing:"));
		any = true;
		char *items[INDICATOR_COUNT];
		int k = 0;
		for (int j = 0; j < INDICATOR_COUNT; j++)
			if (!r->r.met[j])
				items[k++] = xasprintf(_(missing_fmt[j]), r->r.missing[j]);
		char *head = xasprintf("  %s %s:", r->s.code, r->s.name);
		say_wrapped(head, items, k);
		free(head);
		for (int j = 0; j < k; j++)
			free(items[j]);
	}
}

static void by_county(const struct db_indicator_row *rows, int n, int stage, bool csv,
	const struct indicator_policy *p, const double *cv, int counted)
{
	static const char *const csv_heads[] = {"indicator", "level", "schools", "cv", "limit",
		"ok", "formula"};
	const char *heads[] = {_("indicator"), _("level"), _("schools"), _("CV"), _("limit"),
		_("ok")};
	struct table *t = table_new(csv ? csv_heads : heads, csv ? 7 : 6);
	table_right(t, 2);
	table_right(t, 3);
	table_right(t, 4);
	double lim = stage == STAGE_JUNIOR ? p->cv_max_junior : p->cv_max_primary;
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		char schools[16], c[32], l[32];
		snprintf(schools, sizeof schools, "%d", counted);
		fmt_cv(c, sizeof c, cv[k]);
		snprintf(l, sizeof l, "%.2f", lim);
		bool ok = !isnan(cv[k]) && cv[k] <= lim + 1e-12;
		const char *row[] = {indicator_codes[k], level_key(stage), schools, c, l,
			csv ? (ok ? "1" : "0") : ok ? _("yes") : _("NO"), p->cv_plain ? "plain" : "weighted"};
		table_add(t, row);
	}
	table_print(t, stdout, csv);
	table_free(t);
	if (csv)
		return;
	cli_say(stdout, _("CV formula: %s."), formula_text(p->cv_plain));
	list_apart(rows, n, p->min_pupils);
}

int cmd_indicators(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"level", required_argument, NULL, 'l'},
		{"date", required_argument, NULL, 'd'},
		{"by", required_argument, NULL, 'b'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	int stage = -1, c;
	bool csv = false, county = false;
	char date[DATE_LEN] = "";
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (strcmp(optarg, "primary") == 0 || strcmp(optarg, "小学") == 0)
				stage = STAGE_PRIMARY;
			else if (strcmp(optarg, "junior") == 0 || strcmp(optarg, "初中") == 0)
				stage = STAGE_JUNIOR;
			else
				return cli_usage("indicators", _("--level takes primary or junior, not '%s'"), optarg);
			break;
		case 'd':
			if (!date_valid(optarg))
				return cli_usage("indicators", _("--date takes a date YYYY-MM-DD, not '%s'"), optarg);
			xq_copy(date, sizeof date, optarg);
			break;
		case 'b':
			if (strcmp(optarg, "county") == 0)
				county = true;
			else if (strcmp(optarg, "school") == 0)
				county = false;
			else
				return cli_usage("indicators", _("--by takes school or county, not '%s'"), optarg);
			break;
		case 'f':
			if (!table_format_arg("indicators", optarg, &csv))
				return EXIT_MISUSE;
			break;
		default:
			return cli_usage("indicators", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("indicators", _("unexpected argument '%s'"), argv[optind]);
	if (stage < 0)
		return cli_usage("indicators", "%s", _("which level? --level primary or --level junior"));
	if (!date[0])
		date_today(date);
	struct db *db = cli_open(cli, DB_READONLY);
	if (!db)
		return EXIT_FAIL;
	db_small_cache(db); /* reports read the county once */
	struct db_indicator_row *rows;
	int n;
	char msg[XQ_MSG_MAX];
	if (county && db_require_county(db, _("the county's indicators"), msg) != XQ_OK) {
		cli_error("%s", msg);
		db_close(db);
		return EXIT_FAIL;
	}
	if (db_indicators_level(db, stage, date, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		db_close(db);
		return EXIT_FAIL;
	}
	const struct indicator_policy *p = db_indicator_policy(db);
	double cv[INDICATOR_COUNT];
	int counted = db_indicators_cv(db, rows, n, cv);
	if (county)
		by_county(rows, n, stage, csv, p, cv, counted);
	else
		by_school(rows, n, stage, csv, p, cv);
	free(rows);
	db_close(db);
	return EXIT_OK;
}
