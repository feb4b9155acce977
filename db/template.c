/* template.c: checklist templates — listing, reading their items, CSV import (all or
 * nothing, line-numbered errors, each import a new version) and export, and the two
 * templates a new database ships with. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "db/indicators.h"
#include "db/inspection.h"
#include "db/internal.h"

const char template_csv_header[] = "template,target,pass_rule,pass_total,section,item,kind,max,"
				   "comparator,threshold,unit,indicator,weight,veto";
enum { F_TEMPLATE, F_TARGET, F_RULE, F_PASS_TOTAL, F_SECTION, F_ITEM, F_KIND, F_MAX, F_CMP,
	F_THRESHOLD, F_UNIT, F_INDICATOR, F_WEIGHT, F_VETO, F_COUNT };

/* The shipped templates. The national one models the 2017 evaluation's rule: its seven
 * indicator items are not veto items, and it passes by the policy's min_indicators_met and
 * seventh_min_share (pass_rule indicators), with thresholds from the policy. */
static const char seed_csv[] =
	"template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,"
	"indicator,weight,veto\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,每百名学生拥有高于规定学历教师数,"
	"indicator,,,,人,qualified_teachers_per100,1,0\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,每百名学生拥有县级及以上骨干教师数,"
	"indicator,,,,人,backbone_per100,1,0\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,每百名学生拥有体育、艺术(美术、音乐)"
	"专任教师数,indicator,,,,人,pe_art_per100,1,0\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,生均教学及辅助用房面积,indicator,,,,"
	"平方米,teaching_area_per_student,1,0\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,生均体育运动场馆面积,indicator,,,,"
	"平方米,sports_area_per_student,1,0\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,生均教学仪器设备值,indicator,,,,元,"
	"equipment_per_student,1,0\n"
	"国家优质均衡资源配置指标(学校),school,indicators,,资源配置,每百名学生拥有网络多媒体教室数,"
	"indicator,,,,间,multimedia_per100,1,0\n"
	"学区考核,district,total,60,教研共同体,学区实行联合教研制度，统筹开展学科备课、教学研讨、听课观摩、"
	"课题研究,yesno,,,,,,10,0\n"
	"学区考核,district,total,60,教研共同体,每学期学区集体备课次数,measured,,>=,4,次,,10,0\n"
	"学区考核,district,total,60,教师交流,交流轮岗教师占符合交流条件教师的比例,measured,,>=,10,%,,15,1\n"
	"学区考核,district,total,60,教师交流,骨干教师占交流轮岗教师的比例,measured,,>=,20,%,,10,0\n"
	"学区考核,district,total,60,资源共享,学区内设施设备、功能室共享共用制度健全,yesno,,,,,,10,0\n"
	"学区考核,district,total,60,资源共享,共享设施的使用情况,score,10,,6,,,10,0\n"
	"学区考核,district,total,60,质量监测,学区统一开展教学质量监测与学生综合素质评价,yesno,,,,,,15,0\n"
	"学区考核,district,total,60,质量监测,监测结果分析与整改提高,score,10,,6,,,5,0\n"
	"学区考核,district,total,60,学区管理,“七个统一”：教师配置、课程计划、教学进度、集体备课、质量检测、"
	"校本培训、教师待遇,score,10,,6,,,15,0\n";

struct tpl {
	struct template_info info;
	struct check_item *items;
	int n, cap;
	long line;
};

static void tpl_free(struct tpl *t, int n)
{
	for (int i = 0; i < n; i++)
		free(t[i].items);
	free(t);
}

static bool indicator_known(const char *code)
{
	for (int i = 0; i < 7; i++)
		if (indicator_codes[i] && strcmp(indicator_codes[i], code) == 0)
			return true;
	return false;
}

/* An empty field is NAN; else a number or false. */
static bool num_field(const char *s, double *v)
{
	if (!*s) {
		*v = NAN;
		return true;
	}
	return parse_double(s, v) && isfinite(*v);
}

/* Reads one row into it; XQ_ERR with "line N: ..." in msg. */
static int parse_item(char **f, long line, struct check_item *it, char *msg)
{
	memset(it, 0, sizeof *it);
	it->comparator = -1;
	if (!*f[F_SECTION] || !*f[F_ITEM]) {
		xq_msg(msg, _("line %ld: a section and an item text are needed"), line);
		return XQ_ERR;
	}
	if (!xq_copy(it->section, sizeof it->section, f[F_SECTION]) ||
		!xq_copy(it->text, sizeof it->text, f[F_ITEM]) || !xq_copy(it->unit, sizeof it->unit, f[F_UNIT]) ||
		!xq_copy(it->indicator, sizeof it->indicator, f[F_INDICATOR])) {
		xq_msg(msg, _("line %ld: a text is too long"), line);
		return XQ_ERR;
	}
	it->kind = enum_parse(item_kind_items, f[F_KIND]);
	if (it->kind < 0) {
		xq_msg(msg, _("line %ld: kind '%s' is not one of %s"), line, f[F_KIND],
			enum_keys_joined(item_kind_items));
		return XQ_ERR;
	}
	if (!num_field(f[F_MAX], &it->max) || !num_field(f[F_THRESHOLD], &it->threshold) ||
		!num_field(f[F_WEIGHT], &it->weight)) {
		xq_msg(msg, _("line %ld: max, threshold and weight are numbers"), line);
		return XQ_ERR;
	}
	if (isnan(it->weight))
		it->weight = 1;
	if (it->weight < 0) {
		xq_msg(msg, _("line %ld: a weight is not negative"), line);
		return XQ_ERR;
	}
	if (strcmp(f[F_VETO], "1") == 0)
		it->veto = true;
	else if (*f[F_VETO] && strcmp(f[F_VETO], "0") != 0) {
		xq_msg(msg, _("line %ld: veto is 0 or 1"), line);
		return XQ_ERR;
	}
	if ((it->kind == ITEM_SCORE) != (!isnan(it->max))) {
		xq_msg(msg, _("line %ld: a score item, and only a score item, has a max"), line);
		return XQ_ERR;
	}
	if (it->kind == ITEM_SCORE && !(it->max > 0)) {
		xq_msg(msg, _("line %ld: a score item's max is above 0"), line);
		return XQ_ERR;
	}
	if (*f[F_CMP]) {
		it->comparator = enum_parse(comparator_items, f[F_CMP]);
		if (it->comparator < 0) {
			xq_msg(msg, _("line %ld: comparator '%s' is not one of %s"), line, f[F_CMP],
				enum_keys_joined(comparator_items));
			return XQ_ERR;
		}
	}
	if ((it->kind == ITEM_MEASURED) != (it->comparator >= 0)) {
		xq_msg(msg, _("line %ld: a measured item, and only a measured item, has a comparator"), line);
		return XQ_ERR;
	}
	if (it->kind == ITEM_MEASURED && isnan(it->threshold)) {
		xq_msg(msg, _("line %ld: a measured item needs a threshold"), line);
		return XQ_ERR;
	}
	if ((it->kind == ITEM_YESNO || it->kind == ITEM_INDICATOR) && !isnan(it->threshold)) {
		xq_msg(msg, _("line %ld: a yes/no or indicator item has no threshold (an indicator's "
			      "comes from the county's policy)"), line);
		return XQ_ERR;
	}
	if ((it->kind == ITEM_INDICATOR) != (it->indicator[0] != 0)) {
		xq_msg(msg, _("line %ld: an indicator item, and only an indicator item, names an indicator"), line);
		return XQ_ERR;
	}
	if (it->kind == ITEM_INDICATOR && !indicator_known(it->indicator)) {
		xq_msg(msg, _("line %ld: no indicator '%s'"), line, it->indicator);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* The template fields of a row, checked against the template's earlier rows. */
static int parse_head(char **f, long line, struct template_info *t, bool first, char *msg)
{
	struct template_info h = {0};
	if (!*f[F_TEMPLATE] || !xq_copy(h.name, sizeof h.name, f[F_TEMPLATE])) {
		xq_msg(msg, _("line %ld: a template name is needed (at most %d bytes)"), line, NAME_LEN - 1);
		return XQ_ERR;
	}
	h.target = enum_parse(insp_target_items, f[F_TARGET]);
	h.pass_rule = enum_parse(pass_rule_items, f[F_RULE]);
	if (h.target < 0 || h.pass_rule < 0) {
		xq_msg(msg, _("line %ld: target is school or district, pass_rule total or indicators"), line);
		return XQ_ERR;
	}
	if (!num_field(f[F_PASS_TOTAL], &h.pass_total) || h.pass_total < 0) {
		xq_msg(msg, _("line %ld: pass_total is a number, 0 or more"), line);
		return XQ_ERR;
	}
	if (first) {
		*t = h;
		return XQ_OK;
	}
	bool same_total = (isnan(h.pass_total) && isnan(t->pass_total)) || h.pass_total == t->pass_total;
	if (h.target != t->target || h.pass_rule != t->pass_rule || !same_total) {
		xq_msg(msg, _("line %ld: target, pass_rule and pass_total differ from the template's first row"),
			line);
		return XQ_ERR;
	}
	return XQ_OK;
}

static int check_template(const struct tpl *t, char *msg)
{
	bool has_indicator = false;
	for (int i = 0; i < t->n; i++)
		has_indicator |= t->items[i].kind == ITEM_INDICATOR;
	if (has_indicator && t->info.target != TARGET_SCHOOL) {
		xq_msg(msg, _("line %ld: template %s: indicator items need a school target"), t->line,
			t->info.name);
		return XQ_ERR;
	}
	if (t->info.pass_rule == RULE_INDICATORS && !has_indicator) {
		xq_msg(msg, _("line %ld: template %s: the indicators pass rule needs indicator items"),
			t->line, t->info.name);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* Parses a whole CSV: templates in the order met, rows of one name kept together. */
static int parse_csv(const char *csv, size_t len, struct tpl **out, int *nout, char *msg)
{
	struct csv_reader *r = csv_open(csv, len);
	struct csv_record rec;
	struct tpl *t = NULL;
	int n = 0, cap = 0, rc = XQ_OK, got;
	char m[XQ_MSG_MAX];
	bool header = true;
	while (rc == XQ_OK && (got = csv_next(r, &rec, m)) != 0) {
		if (got < 0) {
			xq_msg(msg, "%s", m);
			rc = XQ_ERR;
			break;
		}
		if (header) {
			struct strbuf b;
			sb_init(&b);
			csv_row(&b, (const char *const *)rec.fields, rec.n);
			bool okh = strncmp(b.s, template_csv_header, strlen(template_csv_header)) == 0 &&
				b.s[strlen(template_csv_header)] == '\n';
			sb_free(&b);
			if (!okh) {
				xq_msg(msg, _("line %ld: the header is not %s"), rec.line, template_csv_header);
				rc = XQ_ERR;
			}
			header = false;
			continue;
		}
		if (rec.n != F_COUNT) {
			xq_msg(msg, _("line %ld: %zu fields, wanted %d"), rec.line, rec.n, F_COUNT);
			rc = XQ_ERR;
			break;
		}
		struct tpl *cur = n > 0 && strcmp(t[n - 1].info.name, rec.fields[F_TEMPLATE]) == 0 ? &t[n - 1] : NULL;
		if (!cur) {
			for (int i = 0; i < n; i++)
				if (strcmp(t[i].info.name, rec.fields[F_TEMPLATE]) == 0) {
					xq_msg(msg, _("line %ld: the rows of template %s are not together"), rec.line,
						rec.fields[F_TEMPLATE]);
					rc = XQ_ERR;
				}
			if (rc != XQ_OK)
				break;
			t = db_grow(t, n, &cap, sizeof *t);
			cur = &t[n++];
			memset(cur, 0, sizeof *cur);
			cur->line = rec.line;
		}
		if (parse_head(rec.fields, rec.line, &cur->info, cur->n == 0, msg) != XQ_OK) {
			rc = XQ_ERR;
			break;
		}
		cur->items = db_grow(cur->items, cur->n, &cur->cap, sizeof *cur->items);
		struct check_item *it = &cur->items[cur->n];
		if (parse_item(rec.fields, rec.line, it, msg) != XQ_OK) {
			rc = XQ_ERR;
			break;
		}
		it->position = ++cur->n;
	}
	csv_close(r);
	if (rc == XQ_OK && header) {
		xq_msg(msg, "%s", _("the file is empty"));
		rc = XQ_ERR;
	}
	if (rc == XQ_OK && n == 0) {
		xq_msg(msg, "%s", _("the file holds no template"));
		rc = XQ_ERR;
	}
	for (int i = 0; rc == XQ_OK && i < n; i++)
		rc = check_template(&t[i], msg);
	if (rc != XQ_OK) {
		tpl_free(t, n);
		return XQ_ERR;
	}
	*out = t;
	*nout = n;
	return XQ_OK;
}

/* One item of a template, in its section. */
static int insert_item(struct db *db, int64_t template_id, int64_t section_id, const struct check_item *it,
	char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO template_item (id, template_id, section_id, position, text, "
				       "kind, max, comparator, threshold, unit, indicator, weight, veto) "
				       "VALUES (" DB_NEW_ID("template_item") ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, template_id);
	sqlite3_bind_int64(st, 2, section_id);
	sqlite3_bind_int(st, 3, it->position);
	bind_text(st, 4, it->text);
	bind_text(st, 5, enum_key(item_kind_items, it->kind));
	bind_double_null(st, 6, it->max);
	if (it->comparator >= 0)
		bind_text(st, 7, enum_key(comparator_items, it->comparator));
	bind_double_null(st, 8, it->threshold);
	bind_text_null(st, 9, it->unit);
	bind_text_null(st, 10, it->indicator);
	sqlite3_bind_double(st, 11, it->weight);
	sqlite3_bind_int(st, 12, it->veto);
	return db_exec_stmt(db, st, msg);
}

/* Inserts one parsed template as the next version of its name. */
static int insert_template(struct db *db, struct tpl *t, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT coalesce(max(version), 0) + 1 FROM template WHERE name = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, t->info.name);
	t->info.version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
	db_done(st);
	st = db_stmt(db, "INSERT INTO template (id, name, version, target, pass_rule, pass_total) "
			 "VALUES (" DB_NEW_ID("template") ", ?, ?, ?, ?, ?)", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, t->info.name);
	sqlite3_bind_int(st, 2, t->info.version);
	bind_text(st, 3, enum_key(insp_target_items, t->info.target));
	bind_text(st, 4, enum_key(pass_rule_items, t->info.pass_rule));
	bind_double_null(st, 5, t->info.pass_total);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	t->info.id = sqlite3_last_insert_rowid(db->h);
	/* the sections in the order they first appear, each item in its own */
	int64_t *section_ids = xcalloc((size_t)t->n, sizeof *section_ids);
	int rc = XQ_OK;
	for (int i = 0, nsections = 0; i < t->n && rc == XQ_OK; i++) {
		const struct check_item *it = &t->items[i];
		int j = 0;
		while (j < i && strcmp(t->items[j].section, it->section) != 0)
			j++;
		if (j < i) {
			section_ids[i] = section_ids[j];
		} else {
			st = db_stmt(db, "INSERT INTO template_section (id, template_id, position, name) VALUES (" DB_NEW_ID("template_section") ", ?, ?, ?)", msg);
			if (!st) {
				rc = XQ_ERR;
				break;
			}
			sqlite3_bind_int64(st, 1, t->info.id);
			sqlite3_bind_int(st, 2, ++nsections);
			bind_text(st, 3, it->section);
			rc = db_exec_stmt(db, st, msg);
			section_ids[i] = sqlite3_last_insert_rowid(db->h);
		}
		if (rc == XQ_OK)
			rc = insert_item(db, t->info.id, section_ids[i], it, msg);
	}
	free(section_ids);
	return rc;
}

int db_template_insert_seed(struct db *db, char *msg)
{
	struct tpl *t;
	int n;
	if (parse_csv(seed_csv, sizeof seed_csv - 1, &t, &n, msg) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_OK;
	for (int i = 0; i < n && rc == XQ_OK; i++)
		rc = insert_template(db, &t[i], msg);
	tpl_free(t, n);
	return rc;
}

int db_template_import(struct db *db, const char *csv, size_t len, bool dry_run, int64_t **ids,
	int *nids, char *msg)
{
	if (ids)
		*ids = NULL;
	if (nids)
		*nids = 0;
	struct tpl *t;
	int n;
	if (len >= 3 && memcmp(csv, "\xEF\xBB\xBF", 3) == 0) { /* a spreadsheet's UTF-8 mark */
		csv += 3;
		len -= 3;
	}
	if (parse_csv(csv, len, &t, &n, msg) != XQ_OK)
		return XQ_ERR;
	if (db_begin(db, msg) != XQ_OK) {
		tpl_free(t, n);
		return XQ_ERR;
	}
	db_resolve_role(db);
	int rc = XQ_OK;
	if (db->op.role != OPROLE_ADMIN) {
		xq_msg(msg, _("permission denied: %s is not an admin; only an admin imports templates"),
			db->op.login);
		rc = XQ_ERR;
	}
	for (int i = 0; i < n && rc == XQ_OK; i++)
		rc = insert_template(db, &t[i], msg);
	if (rc == XQ_OK && dry_run) {
		db_rollback(db);
	} else if (rc == XQ_OK) {
		rc = db_commit(db, msg);
	} else
		db_rollback(db);
	if (rc == XQ_OK && ids && !dry_run) {
		*ids = xcalloc((size_t)n, sizeof **ids);
		for (int i = 0; i < n; i++)
			(*ids)[i] = t[i].info.id;
		*nids = n;
	}
	tpl_free(t, n);
	return rc;
}

#define TEMPLATE_COLUMNS "t.id, t.rev, t.name, t.version, t.target, t.pass_rule, t.pass_total, " \
	"(SELECT count(*) FROM template_item i WHERE i.template_id = t.id), " \
	"(SELECT count(*) FROM inspection x WHERE x.template_id = t.id)"

static void read_template(sqlite3_stmt *st, struct template_info *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->rev = sqlite3_column_int64(st, 1);
	col_text(st, 2, t->name, sizeof t->name);
	t->version = sqlite3_column_int(st, 3);
	t->target = col_enum(st, 4, insp_target_items);
	t->pass_rule = col_enum(st, 5, pass_rule_items);
	t->pass_total = col_double_null(st, 6);
	t->nitems = sqlite3_column_int(st, 7);
	t->used = sqlite3_column_int(st, 8);
}

int db_template_list(struct db *db, struct template_info **rows, int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT " TEMPLATE_COLUMNS " FROM template t ORDER BY t.name, t.version", msg);
	if (!st)
		return XQ_ERR;
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		read_template(st, &(*rows)[(*n)++]);
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static int one_template(struct db *db, sqlite3_stmt *st, struct template_info *t, char *msg)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_template(st, t);
	else if (rc == SQLITE_DONE)
		xq_msg(msg, "%s", _("no such template"));
	else
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_template_get(struct db *db, int64_t id, struct template_info *t, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " TEMPLATE_COLUMNS " FROM template t WHERE t.id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	return one_template(db, st, t, msg);
}

int db_template_find(struct db *db, const char *name, int version, struct template_info *t, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " TEMPLATE_COLUMNS " FROM template t WHERE t.name = ?1 "
				       "AND (?2 = 0 OR t.version = ?2) ORDER BY t.version DESC LIMIT 1", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, version);
	int rc = one_template(db, st, t, msg);
	if (rc == XQ_NOTFOUND)
		xq_msg(msg, version ? _("no template %s version %d") : _("no template %s"), name, version);
	return rc;
}

int db_template_items(struct db *db, int64_t template_id, struct check_item **items, int *n, char *msg)
{
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT i.id, i.position, s.name, i.text, i.kind, i.max, i.comparator, "
				       "i.threshold, i.unit, i.indicator, i.weight, i.veto FROM template_item i "
				       "JOIN template_section s ON s.id = i.section_id WHERE i.template_id = ? "
				       "ORDER BY i.position", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, template_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*items = db_grow(*items, *n, &cap, sizeof **items);
		struct check_item *it = &(*items)[(*n)++];
		memset(it, 0, sizeof *it);
		it->id = sqlite3_column_int64(st, 0);
		it->position = sqlite3_column_int(st, 1);
		col_text(st, 2, it->section, sizeof it->section);
		col_text(st, 3, it->text, sizeof it->text);
		it->kind = col_enum(st, 4, item_kind_items);
		it->max = col_double_null(st, 5);
		it->comparator = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : col_enum(st, 6, comparator_items);
		it->threshold = col_double_null(st, 7);
		col_text(st, 8, it->unit, sizeof it->unit);
		col_text(st, 9, it->indicator, sizeof it->indicator);
		it->weight = sqlite3_column_double(st, 10);
		it->veto = sqlite3_column_int(st, 11) != 0;
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

static void num_text(double v, char *buf, size_t size)
{
	if (isnan(v))
		buf[0] = 0;
	else
		snprintf(buf, size, "%.15g", v);
}

char *db_template_export(struct db *db, int64_t template_id, char *msg)
{
	struct template_info t;
	struct check_item *items;
	int n;
	if (db_template_get(db, template_id, &t, msg) != XQ_OK ||
		db_template_items(db, template_id, &items, &n, msg) != XQ_OK)
		return NULL;
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, template_csv_header);
	sb_addc(&b, '\n');
	char total[32], max[32], thr[32], weight[32];
	num_text(t.pass_total, total, sizeof total);
	for (int i = 0; i < n; i++) {
		const struct check_item *it = &items[i];
		num_text(it->max, max, sizeof max);
		num_text(it->threshold, thr, sizeof thr);
		num_text(it->weight, weight, sizeof weight);
		const char *f[F_COUNT] = {t.name, enum_key(insp_target_items, t.target),
			enum_key(pass_rule_items, t.pass_rule), total, it->section, it->text,
			enum_key(item_kind_items, it->kind), max,
			it->comparator >= 0 ? enum_key(comparator_items, it->comparator) : "", thr, it->unit,
			it->indicator, weight, it->veto ? "1" : "0"};
		csv_row(&b, f, F_COUNT);
	}
	free(items);
	return sb_steal(&b);
}
