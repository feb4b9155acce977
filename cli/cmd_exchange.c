/* cmd_exchange.c: `xuequ exchange eligible|quota|list|add|approve|reject|start|complete|
 * cancel|plan`: teacher exchanges (交流轮岗) from the command line. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "core/names.h"
#include "db/exchange.h"
#include "db/school.h"
#include "db/teacher.h"

enum {
	O_YEAR = 1 << 0, O_SCHOOL = 1 << 1, O_PRINCIPALS = 1 << 2, O_ALL = 1 << 3, O_BY = 1 << 4,
	O_FORMAT = 1 << 5, O_STATUS = 1 << 6, O_KIND = 1 << 7, O_REASON = 1 << 8, O_START = 1 << 9,
	O_END = 1 << 10, O_SHARE = 1 << 11, O_EVAL = 1 << 12, O_APPLY = 1 << 13, O_WIDE = 1 << 14,
};
#define NOPTS 15

struct xopts {
	unsigned given;
	const char *year, *school, *by, *status, *kind, *reason, *start, *end, *share, *evaluation;
	bool csv;
};

static const struct {
	const char *name;
	unsigned allowed, required;
	int nargs; /* -1: one or more */
	const char *args;
} subs[] = {
	{"eligible", O_YEAR | O_SCHOOL | O_PRINCIPALS | O_ALL | O_FORMAT, O_YEAR, 0, ""},
	{"quota", O_YEAR | O_BY | O_FORMAT, O_YEAR, 0, ""},
	{"list", O_YEAR | O_STATUS | O_KIND | O_SCHOOL | O_FORMAT | O_WIDE, 0, 0, ""},
	{"add", O_YEAR | O_KIND | O_REASON | O_START | O_END | O_SHARE, 0, 2, "STAFF_NO TO_SCHOOL"},
	{"approve", 0, 0, -1, "ID..."},
	{"reject", O_REASON, 0, -1, "ID... [--reason TEXT]"},
	{"start", 0, 0, -1, "ID..."},
	{"cancel", O_REASON, 0, -1, "ID... [--reason TEXT]"},
	{"complete", O_EVAL, O_EVAL, -1, "ID..."},
	{"plan", O_YEAR | O_APPLY | O_FORMAT, O_YEAR, 0, ""},
	{"subsidy", O_YEAR | O_BY | O_FORMAT, O_YEAR, 0, ""},
};

static const char *const opt_names[] = {"--year", "--school", "--principals", "--all", "--by",
	"--format", "--status", "--kind", "--reason", "--start", "--end", "--share", "--evaluation",
	"--apply", "--wide"};

/* A value in a table: its Chinese label in a Chinese aligned table, else its key (CSV is
 * for scripts). */
static const char *word(const struct enum_item *items, int v, bool csv)
{
	return i18n_is_zh() && !csv ? enum_zh(items, v) : enum_key(items, v);
}

static const char *yes_no(bool b, bool csv)
{
	return i18n_is_zh() && !csv ? (b ? "是" : "否") : (b ? "1" : "0");
}

/* A status as a word of a sentence: its key in English, its label in Chinese. */
static const char *status_word(int s)
{
	return i18n_is_zh() ? enum_zh(exchange_status_items, s) : enum_key(exchange_status_items, s);
}

static void fmt_ratio(double r, char *out, size_t n)
{
	if (isnan(r))
		out[0] = '\0';
	else
		snprintf(out, n, "%.4f", r);
}

struct elig_print {
	const struct xopts *o;
	struct table *t;
	long count;
};

/* One teacher's row of the eligibility table, when the options show it. */
static int eligible_row(void *ctx, const struct teacher_elig *r)
{
	struct elig_print *e = ctx;
	const struct xopts *o = e->o;
	bool principals = o->given & O_PRINCIPALS, all = o->given & O_ALL;
	if (principals ? r->t.post == POST_TEACHER : (!all && r->elig != ELIG_YES))
		return XQ_OK;
	char years[16] = "", status[32];
	int y = principals ? r->principal_years : r->years_at_school;
	if (y >= 0)
		snprintf(years, sizeof years, "%d", y);
	if (principals)
		xq_copy(status, sizeof status, word(exchange_principal_items, r->principal, o->csv));
	else
		xq_copy(status, sizeof status, yes_no(r->elig == ELIG_YES, o->csv));
	const char *cells[] = {r->t.staff_no, r->t.name, r->t.school_code, r->school_name,
		word(post_items, r->t.post, o->csv), years, word(backbone_items, r->t.backbone, o->csv), status,
		principals ? r->principal_why : r->why};
	table_add(e->t, cells);
	e->count++;
	return XQ_OK;
}

static int print_eligible(struct db *db, struct xopts *o)
{
	int64_t school_id = 0;
	char msg[XQ_MSG_MAX];
	if (o->school) {
		struct school s;
		if (db_school_find(db, o->school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			return EXIT_FAIL;
		}
		school_id = s.id;
	}
	bool principals = o->given & O_PRINCIPALS, all = o->given & O_ALL;
	static const char *const h[] = {"staff_no", "name", "school_code", "school_name", "post",
		"years_at_school", "backbone_level", "eligible", "reason"};
	static const char *const zh[] = {"工号", "姓名", "学校代码", "学校", "岗位", "在校年限", "骨干级别",
		"符合条件", "原因"};
	struct elig_print e = {o, table_new(h, 9), 0};
	table_labels(e.t, zh);
	table_right(e.t, 5);
	/* the teachers are streamed: as CSV each row is written as it comes; the aligned
	 * table keeps the rows shown, for the columns' widths */
	if (o->csv)
		table_stream_csv(e.t, stdout);
	if (db_exchange_eligibility_each(db, o->year, db_exchange_policy(db), school_id, eligible_row, &e,
		    msg) != XQ_OK) {
		cli_error("%s", msg);
		table_free(e.t);
		return EXIT_FAIL;
	}
	table_print(e.t, stdout, o->csv);
	if (!o->csv) {
		if (principals)
			printf(_("%ld principals and vice-principals\n"), e.count);
		else if (all)
			printf(_("%ld teachers\n"), e.count);
		else
			printf(_("%ld eligible teachers\n"), e.count);
	}
	table_free(e.t);
	return EXIT_OK;
}

static int print_quota(struct db *db, struct xopts *o)
{
	int scope = o->by ? enum_parse(exchange_scope_items, o->by) : EXSCOPE_COUNTY;
	if (scope < 0)
		return cli_usage("exchange", _("--by takes county, district or school, not '%s'"), o->by);
	struct quota_row *rows;
	int n;
	char msg[XQ_MSG_MAX];
	const struct exchange_policy *p = db_exchange_policy(db);
	if (db_exchange_quota(db, o->year, p, scope, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"scope", "name", "eligible", "exchanged", "ratio", "min_ratio",
		"backbone_exchanged", "backbone_ratio", "backbone_min_ratio", "missing", "missing_backbone",
		"ok"};
	static const char *const zh[] = {"范围", "名称", "符合条件", "已交流", "比例", "最低比例", "骨干已交流",
		"骨干比例", "骨干最低比例", "缺口", "骨干缺口", "达标"};
	struct table *t = table_new(h, 12);
	table_labels(t, zh);
	for (int c = 2; c < 12; c++)
		table_right(t, c);
	for (int i = 0; i < n; i++) {
		const struct exchange_quota *q = &rows[i].r.q;
		char el[24], ex[24], r[24], mr[24], be[24], br[24], bmr[24], mi[24], mb[24];
		snprintf(el, sizeof el, "%ld", q->eligible);
		snprintf(ex, sizeof ex, "%ld", q->exchanged);
		fmt_ratio(q->ratio, r, sizeof r);
		fmt_ratio(p->min_ratio, mr, sizeof mr);
		snprintf(be, sizeof be, "%ld", q->backbone_exchanged);
		fmt_ratio(q->backbone_ratio, br, sizeof br);
		fmt_ratio(p->backbone_min_ratio, bmr, sizeof bmr);
		snprintf(mi, sizeof mi, "%ld", q->missing);
		snprintf(mb, sizeof mb, "%ld", q->missing_backbone);
		const char *cells[] = {word(exchange_scope_items, rows[i].r.scope, o->csv), rows[i].name, el, ex,
			r, mr, be, br, bmr, mi, mb, yes_no(q->ok, o->csv)};
		table_add(t, cells);
	}
	table_print(t, stdout, o->csv);
	table_free(t);
	free(rows);
	return EXIT_OK;
}

/* The narrow list's columns fit this many terminal columns. */
#define LIST_COLS 80

/* `exchange list` at 80 columns: id, teacher, the schools by their short names (or without
 * the prefix all share), kind, start and status; the schools get the width left. */
static void list_narrow(const struct exchange_row *rows, int n, struct table *t)
{
	size_t plen = (size_t)-1;
	const char *first = NULL;
	for (int i = 0; i < n; i++) {
		names_prefix_add(&plen, &first, rows[i].from_name);
		names_prefix_add(&plen, &first, rows[i].to_name);
	}
	size_t prefix = names_prefix_cut(first, plen);
	/* the widest of the other columns, headers included */
	int other = utf8_width(i18n_is_zh() ? "编号教师方式开始日期状态" : "idteacherkindstart_datestatus");
	int w[5] = {0};
	for (int i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)rows[i].e.id);
		const char *c[5] = {id, rows[i].teacher_name, word(exchange_kind_items, rows[i].e.kind, false),
			rows[i].e.start_date, word(exchange_status_items, rows[i].e.status, false)};
		for (int k = 0; k < 5; k++)
			if (utf8_width(c[k]) > w[k])
				w[k] = utf8_width(c[k]);
	}
	if (w[1] > 12)
		w[1] = 12;
	other = 0;
	static const char *const en_h[] = {"id", "teacher", "kind", "start_date", "status"};
	static const char *const zh_h[] = {"编号", "教师", "方式", "开始日期", "状态"};
	for (int k = 0; k < 5; k++) {
		int hw = utf8_width(i18n_is_zh() ? zh_h[k] : en_h[k]);
		other += w[k] > hw ? w[k] : hw;
	}
	int school = (LIST_COLS - other - 2 * 6) / 2;
	if (school < 4)
		school = 4;
	for (int i = 0; i < n; i++) {
		const struct exchange_row *r = &rows[i];
		char id[24], teacher[64], from[NAME_LEN], to[NAME_LEN];
		snprintf(id, sizeof id, "%lld", (long long)r->e.id);
		utf8_fit(r->teacher_name, 12, teacher, sizeof teacher);
		utf8_fit(name_shown(r->from_name, r->from_short, prefix), school, from, sizeof from);
		utf8_fit(name_shown(r->to_name, r->to_short, prefix), school, to, sizeof to);
		const char *cells[] = {id, teacher, from, to, word(exchange_kind_items, r->e.kind, false),
			r->e.start_date, word(exchange_status_items, r->e.status, false)};
		table_add(t, cells);
	}
}

static int print_list(struct db *db, struct xopts *o)
{
	struct exchange_query q;
	exchange_query_init(&q);
	q.year = o->year;
	char msg[XQ_MSG_MAX];
	if (o->status && (q.status = enum_parse(exchange_status_items, o->status)) < 0)
		return cli_usage("exchange", _("--status takes %s"), enum_keys_joined(exchange_status_items));
	if (o->kind && (q.kind = enum_parse(exchange_kind_items, o->kind)) < 0)
		return cli_usage("exchange", _("--kind takes %s"), enum_keys_joined(exchange_kind_items));
	if (o->school) {
		struct school s;
		if (db_school_find(db, o->school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			return EXIT_FAIL;
		}
		q.school_id = s.id;
	}
	long n = db_exchange_count(db, &q);
	struct exchange_row *rows = xcalloc((size_t)(n > 0 ? n : 1), sizeof *rows);
	int got = n > 0 ? db_exchange_page(db, &q, 0, (int)n, rows) : 0;
	static const char *const h[] = {"id", "staff_no", "name", "from_school_code", "from_school",
		"to_school_code", "to_school", "kind", "reason", "year", "start_date", "end_date",
		"week_share", "status", "evaluation", "km", "subsidy_month", "subsidy_year", "note"};
	static const char *const zh[] = {"编号", "工号", "姓名", "派出学校代码", "派出学校", "接收学校代码",
		"接收学校", "交流方式", "交流类型", "学年", "开始日期", "结束日期", "每周占比", "状态", "考核结果",
		"公里", "每月补助", "学年补助", "备注"};
	static const char *const nh[] = {"id", "teacher", "from_school", "to_school", "kind", "start_date",
		"status"};
	static const char *const nzh[] = {"编号", "教师", "派出学校", "接收学校", "方式", "开始日期", "状态"};
	bool wide = o->csv || (o->given & O_WIDE);
	struct table *t = table_new(wide ? h : nh, wide ? 19 : 7);
	table_labels(t, wide ? zh : nzh);
	table_right(t, 0);
	if (wide) {
		table_right(t, 15);
		table_right(t, 16);
		table_right(t, 17);
	} else
		list_narrow(rows, got, t);
	double total = 0;
	const struct exchange_policy *p = db_exchange_policy(db);
	for (int i = 0; i < got; i++) {
		const struct exchange_row *r = &rows[i];
		char id[24], share[24] = "", km[24] = "", sm[24] = "", sy[24] = "";
		snprintf(id, sizeof id, "%lld", (long long)r->e.id);
		if (!isnan(r->e.week_share))
			snprintf(share, sizeof share, "%g", r->e.week_share);
		if (!isnan(r->km))
			snprintf(km, sizeof km, "%.1f", r->km);
		if (!isnan(r->e.subsidy_month))
			snprintf(sm, sizeof sm, "%.0f", r->e.subsidy_month);
		const char *year = o->year ? o->year : r->e.year;
		double y = exchange_subsidy_year(&r->e, year, p);
		if (!isnan(y)) {
			snprintf(sy, sizeof sy, "%.0f", y);
			total += y;
		}
		const char *cells[] = {id, r->e.staff_no, r->teacher_name, r->e.from_code, r->from_name,
			r->e.to_code, r->to_name, word(exchange_kind_items, r->e.kind, o->csv),
			word(exchange_reason_items, r->e.reason, o->csv), r->e.year, r->e.start_date, r->e.end_date,
			share, word(exchange_status_items, r->e.status, o->csv),
			r->e.evaluation >= 0 ? word(evaluation_items, r->e.evaluation, o->csv) : "", km, sm, sy,
			r->e.note};
		if (wide)
			table_add(t, cells);
	}
	table_print(t, stdout, o->csv);
	if (!o->csv && o->year)
		printf(ngettext("%d exchange; subsidies in the year: %.0f yuan\n",
			       "%d exchanges; subsidies in the year: %.0f yuan\n", (unsigned long)got),
			got, total);
	else if (!o->csv)
		printf(ngettext("%d exchange; subsidies in each exchange's year: %.0f yuan\n",
			       "%d exchanges; subsidies in each exchange's year: %.0f yuan\n",
			       (unsigned long)got),
			got, total);
	table_free(t);
	free(rows);
	return EXIT_OK;
}

static int print_subsidy(struct db *db, struct xopts *o)
{
	int scope = o->by ? enum_parse(exchange_scope_items, o->by) : EXSCOPE_COUNTY;
	if (scope < 0)
		return cli_usage("exchange", _("--by takes county, district or school, not '%s'"), o->by);
	struct subsidy_row *rows;
	int n;
	char msg[XQ_MSG_MAX];
	if (db_exchange_subsidy(db, o->year, db_exchange_policy(db), scope, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"scope", "code", "name", "exchanges", "subsidy_yuan",
		"unknown"};
	static const char *const zh[] = {"范围", "代码", "名称", "交流人数", "补助（元）", "距离不明"};
	struct table *t = table_new(h, 6);
	table_labels(t, zh);
	for (int c = 3; c < 6; c++)
		table_right(t, c);
	double total = 0;
	for (int i = 0; i < n; i++) {
		char ex[24], yuan[32], unk[24];
		snprintf(ex, sizeof ex, "%ld", rows[i].exchanges);
		snprintf(yuan, sizeof yuan, "%.2f", rows[i].yuan);
		snprintf(unk, sizeof unk, "%ld", rows[i].unknown);
		const char *cells[] = {word(exchange_scope_items, scope, o->csv), rows[i].code, rows[i].name, ex,
			yuan, unk};
		table_add(t, cells);
		total += rows[i].yuan;
	}
	table_print(t, stdout, o->csv);
	if (!o->csv)
		printf(_("subsidies in %s: %.2f yuan\n"), o->year, total);
	table_free(t);
	free(rows);
	return EXIT_OK;
}

static int do_add(struct db *db, struct xopts *o, char **args)
{
	char msg[XQ_MSG_MAX];
	struct teacher t;
	struct school to;
	if (db_teacher_by_staff_no(db, args[0], &t) != XQ_OK) {
		cli_error(_("no teacher with staff number %s"), args[0]);
		return EXIT_FAIL;
	}
	if (db_school_find(db, args[1], &to, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	struct exchange e;
	exchange_init(&e);
	e.teacher_id = t.id;
	e.from_school_id = t.school_id;
	e.to_school_id = to.id;
	if (o->kind && (e.kind = enum_parse(exchange_kind_items, o->kind)) < 0)
		return cli_usage("exchange", _("--kind takes %s"), enum_keys_joined(exchange_kind_items));
	if (o->reason && (e.reason = enum_parse(exchange_reason_items, o->reason)) < 0)
		return cli_usage("exchange", _("--reason takes %s"), enum_keys_joined(exchange_reason_items));
	if (o->share && (!parse_double(o->share, &e.week_share)))
		return cli_usage("exchange", _("--share takes a number between 0 and 1, not '%s'"), o->share);
	const struct exchange_policy *p = db_exchange_policy(db);
	if (o->start)
		xq_copy(e.start_date, sizeof e.start_date, o->start);
	else if (o->year) {
		char last[DATE_LEN];
		if (!exchange_year_bounds(o->year, p, e.start_date, last))
			return cli_usage("exchange", _("'%s' is not a school year (YYYY-YYYY)"), o->year);
	} else
		return cli_usage("exchange", "%s", _("add needs --start DATE or --year YEAR"));
	if (o->end)
		xq_copy(e.end_date, sizeof e.end_date, o->end);
	if (o->year)
		xq_copy(e.year, sizeof e.year, o->year);
	if (db_exchange_insert(db, &e, p, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	cli_say(stdout, _("exchange %lld: %s %s from %s to %s, %s to %s, proposed\n"), (long long)e.id,
		t.staff_no, t.name, e.from_code, e.to_code, e.start_date, e.end_date);
	return EXIT_OK;
}

static int do_act(struct db *db, const char *action, struct xopts *o, char **ids, int n)
{
	int evaluation = -1;
	if (o->evaluation && (evaluation = enum_parse(evaluation_items, o->evaluation)) < 0)
		return cli_usage("exchange", _("--evaluation takes %s"), enum_keys_joined(evaluation_items));
	long id;
	for (int i = 0; i < n; i++)
		if (!parse_long(ids[i], &id) || id <= 0)
			return cli_usage("exchange", _("'%s' is not an exchange id"), ids[i]);
	/* all or nothing */
	char msg[XQ_MSG_MAX];
	if (db_begin(db, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	for (int i = 0; i < n; i++) {
		parse_long(ids[i], &id);
		if (db_exchange_act_reason(db, id, 0, action, evaluation, o->reason, msg) != XQ_OK) {
			cli_error(_("exchange %ld: %s"), id, msg);
			db_rollback(db);
			return EXIT_FAIL;
		}
	}
	if (db_commit(db, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	for (int i = 0; i < n; i++) {
		struct exchange e;
		parse_long(ids[i], &id);
		if (db_exchange_get(db, id, &e) != XQ_OK)
			continue;
		if (e.status == EXS_EXTENDED)
			printf(_("exchange %ld: %s until %s\n"), id, status_word(e.status), e.end_date);
		else
			printf(_("exchange %ld: %s\n"), id, status_word(e.status));
		long away, cap;
		if (db_exchange_over_cap(db, &e, db_exchange_policy(db), &away, &cap))
			cli_error(_("warning: exchange %ld: %s will have %ld teachers away at once, more "
				    "than max_out_ratio allows (%ld)"),
				id, e.from_code, away, cap);
	}
	return EXIT_OK;
}

static int do_plan(struct db *db, struct xopts *o)
{
	struct plan_report r;
	char msg[XQ_MSG_MAX];
	const struct exchange_policy *p = db_exchange_policy(db);
	if (db_exchange_plan(db, o->year, p, &r, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	static const char *const h[] = {"staff_no", "name", "subject", "backbone", "from_school_code",
		"from_school", "to_school_code", "to_school", "km", "start_date", "end_date", "subsidy_month"};
	static const char *const zh[] = {"工号", "姓名", "学科", "骨干", "派出学校代码", "派出学校",
		"接收学校代码", "接收学校", "公里", "开始日期", "结束日期", "每月补助"};
	struct table *t = table_new(h, 12);
	table_labels(t, zh);
	table_right(t, 8);
	table_right(t, 11);
	for (int i = 0; i < r.n; i++) {
		const struct plan_proposal *pp = &r.proposals[i];
		char km[24], sm[24] = "";
		snprintf(km, sizeof km, "%.1f", pp->km);
		if (!isnan(pp->e.subsidy_month))
			snprintf(sm, sizeof sm, "%.0f", pp->e.subsidy_month);
		const char *cells[] = {pp->e.staff_no, pp->teacher_name, pp->subject, yes_no(pp->backbone, o->csv),
			pp->e.from_code, pp->from_name, pp->e.to_code, pp->to_name, km, pp->e.start_date,
			pp->e.end_date, sm};
		table_add(t, cells);
	}
	table_print(t, stdout, o->csv);
	table_free(t);
	FILE *info = o->csv ? stderr : stdout;
	const struct plan_result *res = &r.result;
	fprintf(info, _("%s: eligible %ld, exchanged or proposed %ld, missing %ld (backbone %ld)\n"), o->year,
		r.before.eligible, r.before.exchanged, r.before.missing, r.before.missing_backbone);
	if (isnan(res->lower_bound_km))
		fprintf(info, _("plan: %d exchanges (%ld backbone), %.1f km in all; no plan meets both quotas, "
				"so there is no lower bound to compare with\n"),
			r.n, res->backbone_moves, res->total_km);
	else
		fprintf(info, _("plan: %d exchanges (%ld backbone), %.1f km in all; lower bound %.1f km, "
				"gap %.1f km\n"),
			r.n, res->backbone_moves, res->total_km, res->lower_bound_km, res->gap_km);
	const char *quota = res->quota_met ? _("met") : _("NOT met");
	const char *backbone = res->backbone_met ? _("met") : _("NOT met");
	if (res->note[0])
		cli_say(info, _("quota %s, backbone quota %s: %s\n"), quota, backbone, res->note);
	else
		fprintf(info, _("quota %s, backbone quota %s\n"), quota, backbone);
	int rc = EXIT_OK;
	if (o->given & O_APPLY) {
		if (r.n == 0)
			fprintf(info, "%s\n", _("nothing to apply"));
		else if (db_exchange_plan_apply(db, &r, p, msg) != XQ_OK) {
			cli_error("%s", msg);
			rc = EXIT_FAIL;
		} else
			fprintf(info, _("written: %d proposed exchanges for approval\n"), r.n);
	} else if (r.n)
		fprintf(info, "%s\n", _("(shown only; --apply writes them as proposed)"));
	plan_report_free(&r);
	return rc;
}

int cmd_exchange(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"year", required_argument, NULL, 0}, {"school", required_argument, NULL, 1},
		{"principals", no_argument, NULL, 2}, {"all", no_argument, NULL, 3},
		{"by", required_argument, NULL, 4}, {"format", required_argument, NULL, 5},
		{"status", required_argument, NULL, 6}, {"kind", required_argument, NULL, 7},
		{"reason", required_argument, NULL, 8}, {"start", required_argument, NULL, 9},
		{"end", required_argument, NULL, 10}, {"share", required_argument, NULL, 11},
		{"evaluation", required_argument, NULL, 12}, {"apply", no_argument, NULL, 13},
		{"wide", no_argument, NULL, 14}, {NULL, 0, NULL, 0},
	};
	struct xopts o = {0};
	const char **slot[] = {&o.year, &o.school, NULL, NULL, &o.by, NULL, &o.status, &o.kind,
		&o.reason, &o.start, &o.end, &o.share, &o.evaluation, NULL, NULL};
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c < 0 || c >= NOPTS)
			return cli_usage("exchange", _("unknown option or missing value: %s"), argv[optind - 1]);
		o.given |= 1u << c;
		if (slot[c])
			*slot[c] = optarg;
		if (c == 5 && !table_format_arg("exchange", optarg, &o.csv))
			return EXIT_MISUSE;
	}
	if (optind >= argc)
		return cli_usage("exchange", "%s",
			_("exchange needs a subcommand: eligible quota list subsidy add approve reject start "
			  "complete cancel plan"));
	const char *sub = argv[optind];
	char **args = argv + optind + 1;
	int nargs = argc - optind - 1;
	size_t k;
	for (k = 0; k < XQ_NELEM(subs); k++)
		if (strcmp(subs[k].name, sub) == 0)
			break;
	if (k == XQ_NELEM(subs))
		return cli_usage("exchange", _("no subcommand '%s'"), sub);
	for (int b = 0; b < NOPTS; b++) {
		if ((o.given & (1u << b)) && !(subs[k].allowed & (1u << b)))
			return cli_usage("exchange", _("%s does not go with exchange %s"), opt_names[b], sub);
		if ((subs[k].required & (1u << b)) && !(o.given & (1u << b)))
			return cli_usage("exchange", _("exchange %s needs %s"), sub, opt_names[b]);
	}
	if ((subs[k].nargs >= 0 && nargs != subs[k].nargs) || (subs[k].nargs < 0 && nargs < 1))
		return cli_usage("exchange", "usage: xuequ exchange %s %s", sub, subs[k].args);
	int first;
	if (o.year && !exchange_year_parse(o.year, &first))
		return cli_usage("exchange", _("'%s' is not a school year (YYYY-YYYY, e.g. 2025-2026)"), o.year);

	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	db_small_cache(db); /* reports read the county once */
	int rc;
	if (strcmp(sub, "eligible") == 0)
		rc = print_eligible(db, &o);
	else if (strcmp(sub, "quota") == 0)
		rc = print_quota(db, &o);
	else if (strcmp(sub, "list") == 0)
		rc = print_list(db, &o);
	else if (strcmp(sub, "add") == 0)
		rc = do_add(db, &o, args);
	else if (strcmp(sub, "plan") == 0)
		rc = do_plan(db, &o);
	else if (strcmp(sub, "subsidy") == 0)
		rc = print_subsidy(db, &o);
	else
		rc = do_act(db, sub, &o, args, nargs);
	db_close(db);
	return rc;
}
