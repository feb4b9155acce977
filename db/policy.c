/* policy.c: the county's policy in the policy table — seeding it (migration 3), loading it
 * into the connection, listing it and changing it as an administrator. The option table
 * of conf/ gives the keys, the defaults and the rules. */
#include "db/policy.h"

#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "core/i18n.h"
#include "core/policy.h"
#include "db/audit.h"
#include "db/internal.h"

static struct conf seed;
static bool have_seed;

void db_policy_seed(const struct conf *c)
{
	have_seed = c != NULL;
	if (!c)
		return;
	seed = *c;
	seed.keys = NULL; /* only the values are kept */
	seed.nkeys = 0;
	seed.warnings = NULL;
	seed.nwarnings = 0;
}

int db_policy_insert_seed(struct db *db, char *msg)
{
	struct conf def;
	const struct conf *from = &seed;
	if (!have_seed) {
		conf_defaults(&def);
		from = &def;
	}
	int n = conf_policy_count();
	for (int i = 0; i < n; i++) {
		struct conf_policy_info info;
		char value[256];
		conf_policy_info(i, &info);
		conf_policy_format(i, from, value, sizeof value);
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO policy (key, id, value) VALUES (?, ?, ?)", msg);
		if (!st)
			return XQ_ERR;
		bind_text(st, 1, info.name);
		sqlite3_bind_int(st, 2, i + 1);
		bind_text(st, 3, value);
		if (db_exec_stmt(db, st, msg) != XQ_OK)
			return XQ_ERR;
	}
	return XQ_OK;
}

/* The stored rows: values parsed into c over the defaults, with ids and revisions by
 * option index (0 when a row is missing). Values the rules refuse keep the default and
 * leave the first complaint in warn (may be NULL). */
static int read_rows(struct db *db, struct conf *c, int64_t *ids, int64_t *revs, char *warn, char *msg)
{
	int n = conf_policy_count();
	conf_defaults(c);
	memset(ids, 0, (size_t)n * sizeof *ids);
	memset(revs, 0, (size_t)n * sizeof *revs);
	if (warn)
		warn[0] = '\0';
	sqlite3_stmt *st = db_stmt(db, "SELECT key, value, id, rev FROM policy", msg);
	if (!st)
		return XQ_ERR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char key[64], value[256], m[XQ_MSG_MAX];
		col_text(st, 0, key, sizeof key);
		col_text(st, 1, value, sizeof value);
		int i = strchr(key, '.') ? conf_policy_find(key) : -1;
		if (i < 0)
			continue; /* not an option of this build */
		ids[i] = sqlite3_column_int64(st, 2);
		revs[i] = sqlite3_column_int64(st, 3);
		if (conf_policy_parse(i, value, c, m) != XQ_OK && warn && !warn[0])
			xq_msg(warn, _("the database's policy: %s; the default is used"), m);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_errmsg(db, msg);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_policy_load(struct db *db, char *msg)
{
	int n = conf_policy_count();
	int64_t *ids = xcalloc((size_t)n, sizeof *ids), *revs = xcalloc((size_t)n, sizeof *revs);
	struct conf c;
	char m[XQ_MSG_MAX];
	int rc = read_rows(db, &c, ids, revs, db->policy_warning, msg);
	free(ids);
	free(revs);
	if (rc != XQ_OK)
		return XQ_ERR;
	if (conf_policy_check(&c, m) != XQ_OK) {
		if (!db->policy_warning[0])
			xq_msg(db->policy_warning, _("the database's policy: %s; the defaults are used"), m);
		conf_defaults(&c);
	}
	if (exchange_policy_from_conf(&c, &db->policy, m) != XQ_OK && !db->policy_warning[0])
		xq_msg(db->policy_warning, _("the database's policy: %s; the default is used"), m);
	indicator_policy_from_conf(&c, &db->indicators);
	timetable_policy_from_conf(&c, &db->timetable);
	return XQ_OK;
}

const char *db_policy_warning(const struct db *db)
{
	return db->policy_warning;
}

const struct indicator_policy *db_indicator_policy(const struct db *db)
{
	return &db->indicators;
}

int db_policy_list(struct db *db, struct db_policy_entry **rows, int *n, char *msg)
{
	int count = conf_policy_count();
	int64_t *ids = xcalloc((size_t)count, sizeof *ids), *revs = xcalloc((size_t)count, sizeof *revs);
	struct conf c, def;
	*rows = NULL;
	*n = 0;
	if (read_rows(db, &c, ids, revs, NULL, msg) != XQ_OK) {
		free(ids);
		free(revs);
		return XQ_ERR;
	}
	conf_defaults(&def);
	struct db_policy_entry *r = xcalloc((size_t)count, sizeof *r);
	for (int i = 0; i < count; i++) {
		struct conf_policy_info info;
		conf_policy_info(i, &info);
		xq_copy(r[i].name, sizeof r[i].name, info.name);
		r[i].key = info.key;
		r[i].help = info.help;
		r[i].choices = info.choices;
		conf_policy_format(i, &c, r[i].value, sizeof r[i].value);
		conf_policy_format(i, &def, r[i].def, sizeof r[i].def);
		r[i].is_default = strcmp(r[i].value, r[i].def) == 0;
		r[i].id = ids[i];
		r[i].rev = revs[i];
	}
	free(ids);
	free(revs);
	*rows = r;
	*n = count;
	return XQ_OK;
}

static int require_admin(struct db *db, char *msg)
{
	const struct operator *op = db_operator(db);
	if (op->role == OPROLE_ADMIN)
		return XQ_OK;
	if (!db->op_registered)
		xq_msg(msg, _("permission denied: %s is not a registered operator of this database; "
			      "only an admin may change the county's policy"), op->login);
	else
		xq_msg(msg, _("permission denied: %s has the role %s; only an admin may change the "
			      "county's policy"), op->login, enum_key(op_role_items, op->role));
	return XQ_ERR;
}

/* Checks and applies the changes inside the caller's transaction. */
static int apply(struct db *db, const struct db_policy_change *ch, int n, int *bad, char *msg)
{
	int count = conf_policy_count();
	int64_t *ids = xcalloc((size_t)count, sizeof *ids), *revs = xcalloc((size_t)count, sizeof *revs);
	bool *changed = xcalloc((size_t)count, sizeof *changed);
	char(*stored)[256] = xcalloc((size_t)count, sizeof *stored);
	struct conf c;
	int rc = read_rows(db, &c, ids, revs, NULL, msg);
	for (int i = 0; rc == XQ_OK && i < count; i++)
		conf_policy_format(i, &c, stored[i], sizeof stored[i]);
	for (int k = 0; rc == XQ_OK && k < n; k++) {
		int i = conf_policy_find(ch[k].key);
		*bad = k;
		if (i == -2) {
			xq_msg(msg, _("'%s' is in more than one section: write SECTION.%s"), ch[k].key, ch[k].key);
			rc = XQ_ERR;
		} else if (i < 0) {
			xq_msg(msg, _("no policy key '%s' ('xuequ policy show' lists them)"), ch[k].key);
			rc = XQ_ERR;
		} else if (ch[k].rev > 0 && ch[k].rev != revs[i]) {
			char who[XQ_MSG_MAX];
			struct conf_policy_info info;
			conf_policy_info(i, &info);
			db_audit_describe_change(db, "policy", ids[i], who);
			xq_msg(msg, _("not saved: %s was %s since you read it; reload to see the new values"),
				info.name, who);
			rc = XQ_STALE;
		} else if (conf_policy_parse(i, ch[k].value, &c, msg) != XQ_OK) {
			rc = XQ_ERR;
		} else
			changed[i] = true;
	}
	if (rc == XQ_OK) {
		*bad = -1;
		rc = conf_policy_check(&c, msg);
	}
	for (int i = 0; rc == XQ_OK && i < count; i++) {
		char value[256];
		if (!changed[i])
			continue;
		conf_policy_format(i, &c, value, sizeof value);
		if (ids[i] && strcmp(value, stored[i]) == 0)
			continue; /* the same value: no write, no audit row */
		struct conf_policy_info info;
		conf_policy_info(i, &info);
		sqlite3_stmt *st = db_stmt(db,
			"INSERT INTO policy (key, id, value) VALUES (?1, (SELECT coalesce(max(id), 0) + 1 "
			"FROM policy), ?2) ON CONFLICT (key) DO UPDATE SET value = ?2, rev = rev + 1", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		bind_text(st, 1, info.name);
		bind_text(st, 2, value);
		rc = db_exec_stmt(db, st, msg);
	}
	free(ids);
	free(revs);
	free(changed);
	free(stored);
	return rc;
}

int db_policy_set(struct db *db, const struct db_policy_change *ch, int n, int *bad, char *msg)
{
	int dummy;
	if (!bad)
		bad = &dummy;
	*bad = -1;
	if (require_admin(db, msg) != XQ_OK)
		return XQ_ERR;
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	int rc = apply(db, ch, n, bad, msg);
	if (rc == XQ_OK)
		rc = db_commit(db, msg);
	else
		db_rollback(db);
	char m[XQ_MSG_MAX];
	db_policy_load(db, m);
	return rc;
}
