/* inspection.c: inspections — planning one (admins and district admins), scoring its items
 * (the team's inspectors, within their scope; indicator items computed from the data,
 * overridable with a note), the verdict, and the moves planned → in_progress → submitted →
 * closed, each checked in the write's transaction. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/audit.h"
#include "db/indicators.h"
#include "db/inspection.h"
#include "db/internal.h"
#include "db/policy.h"

#define INSPECTION_COLUMNS                                                                   \
	"x.id, x.rev, x.template_id, t.name, t.version, coalesce(x.school_id, 0), "         \
	"coalesce(x.district_id, 0), coalesce(s.code, ''), coalesce(s.name, d.name), x.date, " \
	"x.stage, x.team, x.status FROM inspection x JOIN template t ON t.id = x.template_id " \
	"LEFT JOIN school s ON s.id = x.school_id LEFT JOIN district d ON d.id = x.district_id"

static void read_inspection(sqlite3_stmt *st, struct inspection *in)
{
	memset(in, 0, sizeof *in);
	in->id = sqlite3_column_int64(st, 0);
	in->rev = sqlite3_column_int64(st, 1);
	in->template_id = sqlite3_column_int64(st, 2);
	col_text(st, 3, in->template_name, sizeof in->template_name);
	in->template_version = sqlite3_column_int(st, 4);
	in->school_id = sqlite3_column_int64(st, 5);
	in->district_id = sqlite3_column_int64(st, 6);
	col_text(st, 7, in->target_code, sizeof in->target_code);
	col_text(st, 8, in->target_name, sizeof in->target_name);
	col_text(st, 9, in->date, sizeof in->date);
	in->stage = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : col_enum(st, 10, stage_items);
	col_text(st, 11, in->team, sizeof in->team);
	in->status = col_enum(st, 12, insp_status_items);
}

int db_inspection_get(struct db *db, int64_t id, struct inspection *in, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " INSPECTION_COLUMNS " WHERE x.id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_inspection(st, in);
	else if (rc == SQLITE_DONE)
		xq_msg(msg, _("no inspection %lld"), (long long)id);
	else
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

int db_inspection_list(struct db *db, const struct inspection_query *q, struct inspection **rows,
	int *n, char *msg)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT " INSPECTION_COLUMNS " WHERE (?1 IS NULL OR x.status = ?1) "
				       "AND (?2 = 0 OR x.school_id = ?2) AND (?3 = 0 OR x.district_id = ?3) "
				       "ORDER BY x.date DESC, x.id DESC", msg);
	if (!st)
		return XQ_ERR;
	if (q->status >= 0)
		bind_text(st, 1, enum_key(insp_status_items, q->status));
	sqlite3_bind_int64(st, 2, q->school_id);
	sqlite3_bind_int64(st, 3, q->district_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = db_grow(*rows, *n, &cap, sizeof **rows);
		read_inspection(st, &(*rows)[(*n)++]);
	}
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
}

/* Whether the target lies within the operator's scope (school, district or all). */
static bool in_scope(struct db *db, const struct inspection *in)
{
	const struct operator *op = &db->op;
	if (op->school_id > 0)
		return in->school_id == op->school_id;
	if (op->district_id <= 0)
		return true;
	if (in->district_id > 0)
		return in->district_id == op->district_id;
	return db_lookup_id(db, "SELECT district_id FROM member WHERE school_id = ? AND to_date IS NULL",
		       in->school_id) == op->district_id;
}

/* The operator may score and submit in: a registered operator other than a viewer, on the
 * team, and the target within their scope. */
static int require_team(struct db *db, const struct inspection *in, char *msg)
{
	const struct operator *op = &db->op;
	if (!db->op_registered || op->role == OPROLE_VIEWER) {
		xq_msg(msg, _("permission denied: %s may not score inspections"), op->login);
		return XQ_ERR;
	}
	if (!inspection_team_has(in->team, op->login)) {
		xq_msg(msg, _("permission denied: %s is not on the team of inspection %lld (%s)"), op->login,
			(long long)in->id, in->team);
		return XQ_ERR;
	}
	if (!in_scope(db, in)) {
		xq_msg(msg, _("permission denied: %s lies outside the scope of %s"), in->target_name, op->login);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* Every login of a comma-separated team is a registered operator, none twice. */
static int team_ok(struct db *db, const char *team, char *msg)
{
	char copy[TEXT_LEN];
	if (!team[0] || !xq_copy(copy, sizeof copy, team)) {
		xq_msg(msg, "%s", _("a team of at least one inspector is needed"));
		return XQ_ERR;
	}
	int count = 0;
	for (char *save = NULL, *l = strtok_r(copy, ",", &save); l; l = strtok_r(NULL, ",", &save)) {
		count++;
		sqlite3_stmt *st = db_stmt(db, "SELECT role FROM operator WHERE login = ?", msg);
		if (!st)
			return XQ_ERR;
		bind_text(st, 1, l);
		int rc = sqlite3_step(st);
		bool viewer = rc == SQLITE_ROW && col_enum(st, 0, op_role_items) == OPROLE_VIEWER;
		db_done(st);
		if (rc != SQLITE_ROW || viewer) {
			xq_msg(msg, _("%s is not an operator who may inspect (a viewer, or not registered: "
				      "'xuequ operator add %s inspector')"), l, l);
			return XQ_ERR;
		}
		const char *rest = save ? save : "";
		if (inspection_team_has(rest, l)) {
			xq_msg(msg, _("%s is twice on the team"), l);
			return XQ_ERR;
		}
	}
	if (count == 0 || team[strlen(team) - 1] == ',' || team[0] == ',' || strstr(team, ",,")) {
		xq_msg(msg, "%s", _("the team is logins separated by commas"));
		return XQ_ERR;
	}
	return XQ_OK;
}

static int inspection_insert(struct db *db, struct inspection *in, char *msg)
{
	db_resolve_role(db);
	struct template_info t;
	if (db_template_get(db, in->template_id, &t, msg) != XQ_OK)
		return XQ_ERR;
	if ((t.target == TARGET_SCHOOL) != (in->school_id > 0)) {
		xq_msg(msg, t.target == TARGET_SCHOOL ? _("template %s is for a school") :
							_("template %s is for a district"), t.name);
		return XQ_ERR;
	}
	if (db_require_write(db, in->school_id, in->district_id, msg) != XQ_OK ||
		team_ok(db, in->team, msg) != XQ_OK)
		return XQ_ERR;
	struct check_item *items;
	int n;
	if (db_template_items(db, t.id, &items, &n, msg) != XQ_OK)
		return XQ_ERR;
	bool indicators = false;
	for (int i = 0; i < n; i++)
		indicators |= items[i].kind == ITEM_INDICATOR;
	free(items);
	if (indicators && in->stage < 0) {
		xq_msg(msg, "%s", _("this template has indicator items: say which stage, --stage primary or junior"));
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO inspection (id, template_id, school_id, district_id, date, "
				       "stage, team, status) VALUES (" DB_NEW_ID("inspection") ", ?, ?, ?, ?, ?, ?, 'planned')", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, in->template_id);
	bind_id_null(st, 2, in->school_id);
	bind_id_null(st, 3, in->district_id);
	bind_text(st, 4, in->date);
	if (in->stage >= 0)
		bind_text(st, 5, enum_key(stage_items, in->stage));
	bind_text(st, 6, in->team);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	in->id = sqlite3_last_insert_rowid(db->h);
	in->rev = 1;
	in->status = INSP_PLANNED;
	return XQ_OK;
}

int db_inspection_add(struct db *db, struct inspection *in, char *msg)
{
	if (!date_valid(in->date)) {
		xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), in->date);
		return XQ_ERR;
	}
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (inspection_insert(db, in, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

/* The policy's threshold of an indicator at a stage (NAN for an unknown code). */
static double policy_threshold(struct db *db, const char *code, int stage)
{
	const struct indicator_policy *p = db_indicator_policy(db);
	for (int i = 0; i < INDICATOR_COUNT; i++)
		if (indicator_codes[i] && strcmp(indicator_codes[i], code) == 0)
			return stage == STAGE_JUNIOR ? p->junior[i] : p->primary[i];
	return NAN;
}

int db_inspection_results(struct db *db, int64_t inspection_id, struct check_item **items,
	struct result **res, int *n, struct checklist_verdict *v, char *msg)
{
	*items = NULL;
	*res = NULL;
	*n = 0;
	struct inspection in;
	struct template_info t;
	if (db_inspection_get(db, inspection_id, &in, msg) != XQ_OK ||
		db_template_get(db, in.template_id, &t, msg) != XQ_OK ||
		db_template_items(db, in.template_id, items, n, msg) != XQ_OK)
		return XQ_ERR;
	*res = xcalloc((size_t)(*n > 0 ? *n : 1), sizeof **res);
	struct item_outcome *out = xcalloc((size_t)(*n > 0 ? *n : 1), sizeof *out);
	int rc = XQ_OK;
	for (int i = 0; i < *n && rc == XQ_OK; i++) {
		struct result *r = &(*res)[i];
		r->value = r->threshold = r->computed = NAN;
		r->threshold = (*items)[i].threshold;
		sqlite3_stmt *st = db_stmt(db, "SELECT id, rev, value, threshold, pass, note, computed, "
					       "override_note FROM result WHERE inspection_id = ? AND item_id = ?", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, inspection_id);
		sqlite3_bind_int64(st, 2, (*items)[i].id);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			r->scored = true;
			r->id = sqlite3_column_int64(st, 0);
			r->rev = sqlite3_column_int64(st, 1);
			r->value = sqlite3_column_double(st, 2);
			r->threshold = col_double_null(st, 3);
			r->pass = sqlite3_column_int(st, 4) != 0;
			col_text(st, 5, r->note, sizeof r->note);
			r->computed = col_double_null(st, 6);
			col_text(st, 7, r->override_note, sizeof r->override_note);
		} else if (s != SQLITE_DONE) {
			db_errmsg(db, msg);
			rc = XQ_ERR;
		}
		db_done(st);
		if (!r->scored && (*items)[i].kind == ITEM_INDICATOR)
			r->threshold = policy_threshold(db, (*items)[i].indicator, in.stage);
		out[i] = (struct item_outcome){r->scored, r->value, r->threshold, r->pass};
	}
	if (rc == XQ_OK && v) {
		const struct indicator_policy *p = db_indicator_policy(db);
		struct checklist_rule rule = {t.pass_rule, t.pass_total, p->min_met, p->seventh_min_share};
		checklist_verdict(*items, out, *n, &rule, v);
	}
	free(out);
	if (rc != XQ_OK) {
		free(*items);
		free(*res);
		*items = NULL;
		*res = NULL;
		*n = 0;
	}
	return rc;
}

/* The value and threshold of an indicator item: computed, or the override with the
 * computed value kept (NAN when it cannot be computed). */
static int indicator_value(struct db *db, const struct inspection *in, const struct check_item *it,
	bool has_value, double *value, double *threshold, double *computed, char *msg)
{
	double v = NAN, thr = NAN;
	char m[XQ_MSG_MAX];
	int rc = db_indicator_value(db, in->school_id, in->date, it->indicator, in->stage, &v, &thr, m);
	if (rc == XQ_NOTFOUND)
		xq_msg(m, _("%s has no pupils at the %s stage"), in->target_name, enum_key(stage_items, in->stage));
	if (!has_value) {
		if (rc != XQ_OK) {
			xq_msg(msg, _("cannot compute %s: %s; give the value with a note instead"), it->indicator, m);
			return XQ_ERR;
		}
		*value = v;
		*threshold = thr;
		*computed = NAN;
		return XQ_OK;
	}
	*computed = rc == XQ_OK ? v : NAN;
	*threshold = rc == XQ_OK ? thr : policy_threshold(db, it->indicator, in->stage);
	return XQ_OK;
}

/* The operator may change the results of inspection in: on its team, within scope, and
 * the inspection not yet submitted. */
static int may_score(struct db *db, const struct inspection *in, char *msg)
{
	if (require_team(db, in, msg) != XQ_OK)
		return XQ_ERR;
	if (in->status >= INSP_SUBMITTED) {
		xq_msg(msg, _("inspection %lld is %s: its results no longer change"), (long long)in->id,
			enum_key(insp_status_items, in->status));
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_inspection_may_merge(struct db *db, int64_t inspection_id, char *msg)
{
	if (db->op.role == OPROLE_ADMIN)
		return XQ_OK;
	struct inspection in;
	if (db_inspection_get(db, inspection_id, &in, msg) != XQ_OK)
		return XQ_ERR;
	return require_team(db, &in, msg);
}

int db_inspection_may_score(struct db *db, int64_t inspection_id, char *msg)
{
	db_resolve_role(db);
	struct inspection in;
	if (db_inspection_get(db, inspection_id, &in, msg) != XQ_OK)
		return XQ_ERR;
	return may_score(db, &in, msg);
}

/* Refuses with XQ_STALE when the stored result of the item is not the revision the caller
 * read (0: none stored). */
static int result_rev_check(struct db *db, const struct inspection *in, const struct check_item *it,
	int64_t expect_rev, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, rev FROM result WHERE inspection_id = ? AND item_id = ?", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, in->id);
	sqlite3_bind_int64(st, 2, it->id);
	int rc = sqlite3_step(st);
	int64_t rid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	int64_t rev = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return XQ_ERR;
	if (rev == expect_rev)
		return XQ_OK;
	if (rid) {
		char who[XQ_MSG_MAX];
		db_audit_describe_change(db, "result", rid, who);
		xq_msg(msg, _("not saved: item %d of inspection %lld was %s since you read it (revision %lld, "
			      "not %lld); read it again, then score"), it->position, (long long)in->id, who,
			(long long)rev, (long long)expect_rev);
	} else {
		xq_msg(msg, _("not saved: the result of item %d of inspection %lld you read was removed "
			      "meanwhile; read it again, then score"), it->position, (long long)in->id);
	}
	return XQ_STALE;
}

static int score_item(struct db *db, int64_t inspection_id, int position, bool has_value, double value,
	const char *note, int64_t expect_rev, char *msg)
{
	db_resolve_role(db);
	struct inspection in;
	if (db_inspection_get(db, inspection_id, &in, msg) != XQ_OK || may_score(db, &in, msg) != XQ_OK)
		return XQ_ERR;
	struct check_item *items;
	int n;
	if (db_template_items(db, in.template_id, &items, &n, msg) != XQ_OK)
		return XQ_ERR;
	if (position < 1 || position > n) {
		xq_msg(msg, _("no item %d: the template has items 1 to %d"), position, n);
		free(items);
		return XQ_ERR;
	}
	struct check_item it = items[position - 1];
	free(items);
	int stale = expect_rev >= 0 ? result_rev_check(db, &in, &it, expect_rev, msg) : XQ_OK;
	if (stale != XQ_OK)
		return stale;
	double threshold = it.threshold, computed = NAN;
	if (it.kind == ITEM_INDICATOR) {
		if (indicator_value(db, &in, &it, has_value, &value, &threshold, &computed, msg) != XQ_OK)
			return XQ_ERR;
		if (has_value && (!note || !*note)) {
			xq_msg(msg, "%s", _("overriding a computed value needs a note saying why"));
			return XQ_ERR;
		}
	} else if (!has_value) {
		xq_msg(msg, "%s", _("this item needs a value"));
		return XQ_ERR;
	}
	if (check_item_value_ok(&it, value, msg) != XQ_OK)
		return XQ_ERR;
	bool overridden = it.kind == ITEM_INDICATOR && has_value;
	bool pass = check_item_passes(&it, value, threshold);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO result (id, inspection_id, item_id, value, threshold, pass, note, computed, override_note) "
		"VALUES (" DB_NEW_ID("result") ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (inspection_id, item_id) DO UPDATE SET "
		"rev = rev + 1, value = ?3, threshold = ?4, pass = ?5, note = ?6, computed = ?7, "
		"override_note = ?8", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, in.id);
	sqlite3_bind_int64(st, 2, it.id);
	sqlite3_bind_double(st, 3, value);
	bind_double_null(st, 4, threshold);
	sqlite3_bind_int(st, 5, pass);
	if (!overridden)
		bind_text_null(st, 6, note);
	bind_double_null(st, 7, computed);
	if (overridden)
		bind_text(st, 8, note);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	st = db_stmt(db, "UPDATE inspection SET status = 'in_progress', rev = rev + 1 WHERE id = ? "
			 "AND status = 'planned'", msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, in.id);
	return db_exec_stmt(db, st, msg);
}

int db_inspection_score_rev(struct db *db, int64_t inspection_id, int position, bool has_value,
	double value, const char *note, int64_t expect_rev, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	int rc = score_item(db, inspection_id, position, has_value, value, note, expect_rev, msg);
	if (rc != XQ_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, msg);
}

int db_inspection_score(struct db *db, int64_t inspection_id, int position, bool has_value,
	double value, const char *note, char *msg)
{
	return db_inspection_score_rev(db, inspection_id, position, has_value, value, note, -1, msg);
}

static int set_status(struct db *db, const struct inspection *in, int status, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE inspection SET status = ?, rev = rev + 1 WHERE id = ? AND rev = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, enum_key(insp_status_items, status));
	sqlite3_bind_int64(st, 2, in->id);
	sqlite3_bind_int64(st, 3, in->rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	return db_changes(db) ? XQ_OK : db_stale_or_missing(db, "inspection", in->id, msg);
}

static int submit(struct db *db, int64_t id, char *msg)
{
	db_resolve_role(db);
	struct inspection in;
	if (db_inspection_get(db, id, &in, msg) != XQ_OK || require_team(db, &in, msg) != XQ_OK)
		return XQ_ERR;
	if (in.status != INSP_IN_PROGRESS) {
		xq_msg(msg, _("inspection %lld is %s; only one in progress is submitted"), (long long)id,
			enum_key(insp_status_items, in.status));
		return XQ_ERR;
	}
	struct check_item *items;
	struct result *res;
	int n;
	struct checklist_verdict v;
	if (db_inspection_results(db, id, &items, &res, &n, &v, msg) != XQ_OK)
		return XQ_ERR;
	free(items);
	free(res);
	if (!v.complete) {
		xq_msg(msg, _("inspection %lld has %d of %d items scored; score them all first"), (long long)id,
			v.scored, n);
		return XQ_ERR;
	}
	return set_status(db, &in, INSP_SUBMITTED, msg);
}

static int close_inspection(struct db *db, int64_t id, char *msg)
{
	db_resolve_role(db);
	struct inspection in;
	if (db_inspection_get(db, id, &in, msg) != XQ_OK ||
		db_require_write(db, in.school_id, in.district_id, msg) != XQ_OK)
		return XQ_ERR;
	if (in.status != INSP_SUBMITTED) {
		xq_msg(msg, _("inspection %lld is %s; only a submitted one is closed"), (long long)id,
			enum_key(insp_status_items, in.status));
		return XQ_ERR;
	}
	return set_status(db, &in, INSP_CLOSED, msg);
}

int db_inspection_submit(struct db *db, int64_t inspection_id, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (submit(db, inspection_id, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}

int db_inspection_close(struct db *db, int64_t inspection_id, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (close_inspection(db, inspection_id, msg) != XQ_OK) {
		db_rollback(db);
		return XQ_ERR;
	}
	return db_commit(db, msg);
}
