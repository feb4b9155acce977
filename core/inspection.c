/* inspection.c: the rules of checklist items and of a checklist's verdict. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/inspection.h"
#include "core/util.h"

const struct enum_item item_kind_items[] = {
	{"yesno", "是否", "yes/no"},
	{"score", "评分", "score"},
	{"measured", "测量", "measured"},
	{"indicator", "指标", "indicator"},
	{NULL, NULL, NULL},
};
const struct enum_item comparator_items[] = {
	{">=", "不低于", "at least"},
	{">", "高于", "above"},
	{"<=", "不高于", "at most"},
	{"<", "低于", "below"},
	{"=", "等于", "equal"},
	{NULL, NULL, NULL},
};
const struct enum_item insp_target_items[] = {
	{"school", "学校", "school"},
	{"district", "学区", "district"},
	{NULL, NULL, NULL},
};
const struct enum_item pass_rule_items[] = {
	{"total", "总分", "total"},
	{"indicators", "指标达标", "indicators"},
	{NULL, NULL, NULL},
};
const struct enum_item insp_status_items[] = {
	{"planned", "计划", "planned"},
	{"in_progress", "进行中", "in progress"},
	{"submitted", "已提交", "submitted"},
	{"closed", "已结束", "closed"},
	{NULL, NULL, NULL},
};
const struct enum_item rect_status_items[] = {
	{"open", "待整改", "open"},
	{"reported", "已报告", "reported"},
	{"verified", "已验收", "verified"},
	{NULL, NULL, NULL},
};
const struct enum_item stage_items[] = {
	{"primary", "小学", "primary"},
	{"junior", "初中", "junior"},
	{NULL, NULL, NULL},
};

bool check_item_passes(const struct check_item *it, double value, double threshold)
{
	if (isnan(value))
		return false;
	switch (it->kind) {
	case ITEM_YESNO:
		return value == 1;
	case ITEM_SCORE:
		return isnan(threshold) || value >= threshold;
	case ITEM_INDICATOR:
		return !isnan(threshold) && value >= threshold;
	default:
		break;
	}
	if (isnan(threshold))
		return false;
	switch (it->comparator) {
	case CMP_GE:
		return value >= threshold;
	case CMP_GT:
		return value > threshold;
	case CMP_LE:
		return value <= threshold;
	case CMP_LT:
		return value < threshold;
	case CMP_EQ:
		return value == threshold;
	default:
		return false;
	}
}

double check_item_points(const struct check_item *it, double value, bool pass)
{
	switch (it->kind) {
	case ITEM_YESNO:
		return value == 1 ? it->weight : 0;
	case ITEM_SCORE:
		return it->max > 0 && !isnan(value) ? it->weight * value / it->max : 0;
	default:
		return pass ? it->weight : 0;
	}
}

int check_item_value_ok(const struct check_item *it, double value, char *msg)
{
	if (isnan(value) || isinf(value)) {
		xq_msg(msg, "%s", _("the value is not a number"));
		return XQ_ERR;
	}
	if (it->kind == ITEM_YESNO && value != 0 && value != 1) {
		xq_msg(msg, "%s", _("a yes/no item takes yes or no (1 or 0)"));
		return XQ_ERR;
	}
	if (it->kind == ITEM_SCORE && (value < 0 || value > it->max)) {
		xq_msg(msg, _("a score of this item is from 0 to %g"), it->max);
		return XQ_ERR;
	}
	return XQ_OK;
}

void checklist_verdict(const struct check_item *items, const struct item_outcome *out, int n,
	const struct checklist_rule *rule, struct checklist_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->lowest_ratio = NAN;
	bool share_ok = true;
	for (int i = 0; i < n; i++) {
		const struct check_item *it = &items[i];
		v->max_total += it->weight;
		if (it->kind == ITEM_INDICATOR)
			v->indicators++;
		if (!out[i].scored)
			continue;
		v->scored++;
		v->total += check_item_points(it, out[i].value, out[i].pass);
		if (out[i].pass) {
			if (it->kind == ITEM_INDICATOR)
				v->met++;
			continue;
		}
		v->failed++;
		if (it->veto)
			v->veto_failed++;
		if (it->kind == ITEM_INDICATOR) {
			double r = out[i].threshold > 0 ? out[i].value / out[i].threshold : 0;
			if (isnan(v->lowest_ratio) || r < v->lowest_ratio)
				v->lowest_ratio = r;
			if (!(r >= rule->seventh_min_share))
				share_ok = false;
		}
	}
	v->complete = v->scored == n;
	bool rule_ok;
	if (rule->pass_rule == RULE_INDICATORS)
		rule_ok = v->met >= rule->min_met && share_ok;
	else
		/* a small tolerance: weights like 0.1 do not add up exactly */
		rule_ok = isnan(rule->pass_total) || v->total >= rule->pass_total - 1e-9;
	v->pass = v->complete && v->veto_failed == 0 && rule_ok;
}

bool yesno_parse(const char *s, double *value)
{
	static const char *const yes[] = {"1", "y", "yes", "是", "✓", "pass"};
	static const char *const no[] = {"0", "n", "no", "否", "✗", "fail"};
	for (size_t i = 0; i < XQ_NELEM(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*value = 1;
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*value = 0;
			return true;
		}
	}
	return false;
}

/* Whether login is one of the comma-separated logins of team. */
bool inspection_team_has(const char *team, const char *login)
{
	size_t len = strlen(login);
	for (const char *p = team; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && strncmp(p, login, n) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}
