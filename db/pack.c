/* pack.c: offline packs — take, the laptop's seal, merge and info (db/pack.h).
 *
 * A pack is a xuequ database of this schema version holding a subset of the server's rows,
 * and three tables of its own: pack_origin (where it came from), pack_base (the image of
 * the pack as it was taken, and its SHA-256, which the server keeps too) and pack_seal (the
 * SHA-256 of everything else, written in every transaction the laptop commits). What the
 * laptop changed is the session extension's diff of the image against the pack: whatever
 * path wrote a row, and however the program ended, a committed change is in the diff, and
 * nothing has to run on the laptop to record it.
 *
 * Rows made on the laptop take ids from the pack's own range (pack k's starts at k << 40,
 * DB_NEW_ID), so two packs and the server never make the same id. */
#include "db/pack.h"

#include <errno.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/audit.h"
#include "db/inspection.h"
#include "db/internal.h"

/* The tables a merge carries back, parents before children. */
static const char *const merged_tables[] = {
	"meta", "policy", "school", "district", "member", "agreement", "activity", "operator",
	"teacher", "exemption", "exchange", "room", "template", "template_section",
	"template_item", "inspection", "result", "rectification",
	"term", "bell", "travel", "subject", "class", "class_group", "course", "course_students",
	"course_teacher", "course_room", "unavailable", "teacher_rule", "lesson",
	"room_hours", "calendar", "booking", "booking_change", "quota", "group_member", "lesson_rule",
	"lesson_rule_lesson", "day_rule",
};
#define NMERGED ((int)XQ_NELEM(merged_tables))

/* Tables of the schema a merge never carries: the log (each side keeps its own) and the
 * server's records of its packs; and the pack's own. */
static const char *const unmerged_tables[] = {"audit", "pack", "pack_inspection", "pack_origin",
	"pack_base", "pack_seal"};

static const char pack_tables_sql[] =
	"CREATE TABLE pack_origin (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  pack INTEGER NOT NULL,\n"
	"  uuid TEXT NOT NULL,\n"
	"  database_id TEXT NOT NULL,\n"
	"  schema INTEGER NOT NULL,\n"
	"  taken_at TEXT NOT NULL,\n"
	"  taken_by TEXT NOT NULL,\n"
	"  scope TEXT NOT NULL,\n"
	"  inspections TEXT NOT NULL,\n"
	"  schools TEXT NOT NULL,\n"
	"  id_base INTEGER NOT NULL,\n"
	"  server TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE pack_base (id INTEGER PRIMARY KEY CHECK (id = 1), sum TEXT NOT NULL, image BLOB NOT NULL);\n"
	"CREATE TABLE pack_seal (id INTEGER PRIMARY KEY CHECK (id = 1), sum TEXT NOT NULL);\n";

/* ---- checksums ---- */

static void hex_of(const uint8_t *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static void sum_bytes(const void *data, size_t n, char out[PACK_SUM_LEN])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, n, data);
	sha256_digest(&c, sizeof d, d);
	hex_of(d, sizeof d, out);
}

static void hash_u64(struct sha256_ctx *c, uint64_t v)
{
	uint8_t b[8];
	for (int k = 0; k < 8; k++)
		b[k] = (uint8_t)(v >> (8 * k));
	sha256_update(c, 8, b);
}

/* The SHA-256 of every table but pack_seal: names, then rows by rowid, each value with its
 * type and length. schema is "main" or an attached name. */
static int content_sum(sqlite3 *h, const char *schema, char out[PACK_SUM_LEN], char *msg)
{
	char *q = sqlite3_mprintf("SELECT name FROM \"%w\".sqlite_schema WHERE type = 'table' AND "
				  "name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' AND name <> 'pack_seal' ORDER BY name",
		schema);
	sqlite3_stmt *names = NULL;
	int rc = sqlite3_prepare_v2(h, q, -1, &names, NULL);
	sqlite3_free(q);
	struct sha256_ctx c;
	sha256_init(&c);
	while (rc == SQLITE_OK && sqlite3_step(names) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(names, 0);
		sha256_update(&c, strlen(t) + 1, (const uint8_t *)t);
		char *rq = sqlite3_mprintf("SELECT * FROM \"%w\".\"%w\" ORDER BY rowid", schema, t);
		sqlite3_stmt *rows = NULL;
		rc = sqlite3_prepare_v2(h, rq, -1, &rows, NULL);
		sqlite3_free(rq);
		int step = SQLITE_DONE;
		while (rc == SQLITE_OK && (step = sqlite3_step(rows)) == SQLITE_ROW)
			for (int i = 0; i < sqlite3_column_count(rows); i++) {
				uint8_t tag = (uint8_t)sqlite3_column_type(rows, i);
				sha256_update(&c, 1, &tag);
				if (tag == SQLITE_INTEGER)
					hash_u64(&c, (uint64_t)sqlite3_column_int64(rows, i));
				else if (tag == SQLITE_FLOAT) {
					double d = sqlite3_column_double(rows, i);
					uint64_t u;
					memcpy(&u, &d, sizeof u);
					hash_u64(&c, u);
				} else if (tag != SQLITE_NULL) {
					const void *p = tag == SQLITE_TEXT ? (const void *)sqlite3_column_text(rows, i)
									   : sqlite3_column_blob(rows, i);
					int n = sqlite3_column_bytes(rows, i);
					hash_u64(&c, (uint64_t)n);
					if (n > 0)
						sha256_update(&c, (size_t)n, p);
				}
			}
		if (rc == SQLITE_OK && step != SQLITE_DONE)
			rc = step;
		sqlite3_finalize(rows);
	}
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		xq_msg(msg, _("cannot read the pack: %s"), sqlite3_errmsg(h));
	sqlite3_finalize(names);
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		return XQ_ERR;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&c, sizeof d, d);
	hex_of(d, sizeof d, out);
	return XQ_OK;
}

/* ---- the pack as the laptop opens it ---- */

/* A commit that writes the pack's own data must have written its seal (a write to the
 * temporary schema alone need not). */
static int commit_hook(void *p)
{
	struct db *db = p;
	bool sealed = db->sealed;
	db->sealed = false;
	return sealed || sqlite3_txn_state(db->h, "main") != SQLITE_TXN_WRITE ? 0 : 1;
}

static void read_origin(sqlite3_stmt *st, struct pack_origin *o)
{
	o->id = sqlite3_column_int64(st, 0);
	col_text(st, 1, o->uuid, sizeof o->uuid);
	col_text(st, 2, o->database_id, sizeof o->database_id);
	o->schema = sqlite3_column_int(st, 3);
	col_text(st, 4, o->taken_at, sizeof o->taken_at);
	col_text(st, 5, o->taken_by, sizeof o->taken_by);
	col_text(st, 6, o->scope, sizeof o->scope);
	col_text(st, 7, o->inspections, sizeof o->inspections);
	col_text(st, 8, o->schools, sizeof o->schools);
	o->id_base = sqlite3_column_int64(st, 9);
	col_text(st, 10, o->server, sizeof o->server);
}

#define ORIGIN_COLUMNS "pack, uuid, database_id, schema, taken_at, taken_by, scope, inspections, " \
		       "schools, id_base, server"

int db_pack_detect(struct db *db, char *msg)
{
	if (db_lookup_id(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
			     "name = 'pack_origin' AND ?1 = 0", 0) == 0)
		return XQ_OK;
	sqlite3_stmt *st = db_stmt(db, "SELECT " ORIGIN_COLUMNS " FROM pack_origin WHERE id = 1", msg);
	if (!st)
		return XQ_ERR;
	struct pack_origin *o = xcalloc(1, sizeof *o);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_origin(st, o);
	db_done(st);
	if (rc != SQLITE_ROW) {
		free(o);
		xq_msg(msg, "%s", _("a damaged pack: it holds no record of where it came from"));
		return XQ_ERR;
	}
	if (o->schema != db_schema_latest() || db_schema_version(db) != db_schema_latest()) {
		xq_msg(msg, _("this pack has schema version %d and this xuequ %d: open it with the "
			      "xuequ of the server it came from"), db_schema_version(db), db_schema_latest());
		free(o);
		return XQ_ERR;
	}
	if (o->id_base <= 0 || o->id_base > INT64_MAX - DB_ID_SPAN) {
		free(o);
		xq_msg(msg, "%s", _("a damaged pack: its range of row ids is not valid"));
		return XQ_ERR;
	}
	db->is_pack = true;
	db->pack = o;
	db->id_lo = o->id_base;
	db->id_hi = o->id_base + DB_ID_SPAN;
	sqlite3_commit_hook(db->h, commit_hook, db);
	return XQ_OK;
}

int db_pack_seal(struct db *db, char *msg)
{
	char sum[PACK_SUM_LEN];
	if (content_sum(db->h, "main", sum, msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = db_stmt(db, "UPDATE pack_seal SET sum = ? WHERE id = 1", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, sum);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	db->sealed = true;
	return XQ_OK;
}

const struct pack_origin *db_pack(const struct db *db)
{
	return db->is_pack ? db->pack : NULL;
}

int db_require_county(struct db *db, const char *action, char *msg)
{
	if (!db->is_pack)
		return XQ_OK;
	xq_msg(msg, _("%s needs the whole county, and this is an offline pack (%s, taken %s by %s): "
		      "run it on the server"), action, db->pack->scope, db->pack->taken_at,
		db->pack->taken_by);
	return XQ_ERR;
}

int db_pack_taken(struct db *db, int64_t inspection_id, char *out, size_t size)
{
	out[0] = '\0';
	sqlite3_stmt *st = db_stmt(db, "SELECT p.taken_by, substr(p.taken_at, 1, 10), p.id FROM pack_inspection i "
				       "JOIN pack p ON p.id = i.pack_id WHERE i.inspection_id = ? AND "
				       "p.merged_at IS NULL AND p.base_sum IS NOT NULL ORDER BY p.id", NULL);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, inspection_id);
	struct strbuf b;
	sb_init(&b);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_printf(&b, _("%s%s %s (pack %lld)"), b.len ? "; " : "", sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1), (long long)sqlite3_column_int64(st, 2));
	db_done(st);
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
	return XQ_OK;
}

/* ---- take ---- */

/* Runs sql (no parameters) on h; msg gets SQLite's message. */
static int exec_h(sqlite3 *h, const char *sql, char *msg)
{
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		xq_msg(msg, _("database error: %s"), err ? err : sqlite3_errmsg(h));
		sqlite3_free(err);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* The columns of table in schema, quoted and comma-separated; a column named in over is
 * replaced by its expression there ({column, expression} pairs, NULL-ended). */
static char *column_list(sqlite3 *h, const char *schema, const char *table, const char *const *over,
	bool exprs)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, schema, -1, SQLITE_STATIC);
	struct strbuf b;
	sb_init(&b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		const char *e = NULL;
		for (int i = 0; exprs && over && over[i]; i += 2)
			if (strcmp(over[i], c) == 0)
				e = over[i + 1];
		if (b.len)
			sb_adds(&b, ", ");
		if (e)
			sb_adds(&b, e);
		else {
			char *q = sqlite3_mprintf("\"%w\"", c);
			sb_adds(&b, q);
			sqlite3_free(q);
		}
	}
	sqlite3_finalize(st);
	return sb_steal(&b);
}

/* What each table of a pack holds: the rows of the server's table the condition selects
 * (temp.xp_* are the sets take computes), with a few columns left on the server. */
static const struct {
	const char *table;
	const char *where;
	const char *over[7];
} take_rows[] = {
	{"meta", "1"},
	{"policy", "1"},
	{"school", "id IN (SELECT id FROM temp.xp_school)"},
	{"district", "id IN (SELECT id FROM temp.xp_district)"},
	{"member", "district_id IN (SELECT id FROM temp.xp_district) AND school_id IN (SELECT id FROM temp.xp_school)"},
	{"operator", "1",
		{"district_id", "CASE WHEN district_id IN (SELECT id FROM temp.xp_district) THEN district_id END",
			"school_id", "CASE WHEN school_id IN (SELECT id FROM temp.xp_school) THEN school_id END"}},
	{"teacher", "id IN (SELECT id FROM temp.xp_teacher)", {"birth_date", "NULL"}},
	{"exemption", "teacher_id IN (SELECT id FROM temp.xp_teacher)", {"note", "NULL"}},
	{"exchange", "from_school_id IN (SELECT id FROM temp.xp_target) OR to_school_id IN (SELECT id FROM temp.xp_target)"},
	{"room", "school_id IN (SELECT id FROM temp.xp_target)"},
	{"template", "1"},
	{"template_section", "1"},
	{"template_item", "1"},
	{"inspection", "id IN (SELECT id FROM temp.xp_insp)"},
	{"result", "inspection_id IN (SELECT id FROM temp.xp_insp)"},
	{"rectification", "school_id IN (SELECT id FROM temp.xp_target) AND status <> 'verified' AND "
			  "inspection_id IN (SELECT id FROM temp.xp_insp)"},
};

/* The sets of rows a take carries, from its inspections and schools (temp.xp_req_*). */
static const char take_sets[] =
	"CREATE TEMP TABLE xp_insp (id INTEGER PRIMARY KEY);\n"
	"CREATE TEMP TABLE xp_target (id INTEGER PRIMARY KEY);\n"
	"CREATE TEMP TABLE xp_district (id INTEGER PRIMARY KEY);\n"
	"CREATE TEMP TABLE xp_teacher (id INTEGER PRIMARY KEY);\n"
	"CREATE TEMP TABLE xp_school (id INTEGER PRIMARY KEY);\n"
	"INSERT OR IGNORE INTO temp.xp_target SELECT id FROM temp.xp_req_school;\n"
	"INSERT OR IGNORE INTO temp.xp_insp SELECT id FROM temp.xp_req_insp;\n"
	"INSERT OR IGNORE INTO temp.xp_insp SELECT id FROM main.inspection WHERE status <> 'closed' "
	"  AND school_id IN (SELECT id FROM temp.xp_req_school);\n"
	"INSERT OR IGNORE INTO temp.xp_target SELECT school_id FROM main.inspection WHERE school_id IS NOT NULL "
	"  AND id IN (SELECT id FROM temp.xp_req_insp);\n"
	"INSERT OR IGNORE INTO temp.xp_target SELECT m.school_id FROM main.member m JOIN main.inspection i "
	"  ON i.district_id = m.district_id WHERE m.to_date IS NULL AND i.id IN (SELECT id FROM temp.xp_req_insp);\n"
	"INSERT OR IGNORE INTO temp.xp_insp SELECT inspection_id FROM main.rectification WHERE status <> 'verified' "
	"  AND school_id IN (SELECT id FROM temp.xp_target);\n"
	"INSERT OR IGNORE INTO temp.xp_district SELECT district_id FROM main.inspection WHERE district_id IS NOT NULL "
	"  AND id IN (SELECT id FROM temp.xp_insp);\n"
	"INSERT OR IGNORE INTO temp.xp_district SELECT district_id FROM main.member WHERE to_date IS NULL "
	"  AND school_id IN (SELECT id FROM temp.xp_target);\n"
	"INSERT OR IGNORE INTO temp.xp_teacher SELECT id FROM main.teacher WHERE school_id IN (SELECT id FROM temp.xp_target);\n"
	"INSERT OR IGNORE INTO temp.xp_teacher SELECT teacher_id FROM main.exchange WHERE "
	"  from_school_id IN (SELECT id FROM temp.xp_target) OR to_school_id IN (SELECT id FROM temp.xp_target);\n"
	"INSERT OR IGNORE INTO temp.xp_school SELECT id FROM temp.xp_target;\n"
	"INSERT OR IGNORE INTO temp.xp_school SELECT school_id FROM main.teacher WHERE id IN (SELECT id FROM temp.xp_teacher);\n"
	"INSERT OR IGNORE INTO temp.xp_school SELECT from_school_id FROM main.exchange WHERE "
	"  from_school_id IN (SELECT id FROM temp.xp_target) OR to_school_id IN (SELECT id FROM temp.xp_target);\n"
	"INSERT OR IGNORE INTO temp.xp_school SELECT to_school_id FROM main.exchange WHERE "
	"  from_school_id IN (SELECT id FROM temp.xp_target) OR to_school_id IN (SELECT id FROM temp.xp_target);\n"
	"INSERT OR IGNORE INTO temp.xp_school SELECT school_id FROM main.inspection WHERE school_id IS NOT NULL "
	"  AND id IN (SELECT id FROM temp.xp_insp);\n"
	"INSERT OR IGNORE INTO temp.xp_school SELECT lead_school_id FROM main.district WHERE lead_school_id IS NOT NULL "
	"  AND id IN (SELECT id FROM temp.xp_district);\n";

static const char take_drop[] =
	"DROP TABLE IF EXISTS temp.xp_insp; DROP TABLE IF EXISTS temp.xp_target; "
	"DROP TABLE IF EXISTS temp.xp_district; DROP TABLE IF EXISTS temp.xp_teacher; "
	"DROP TABLE IF EXISTS temp.xp_school; DROP TABLE IF EXISTS temp.xp_req_insp; "
	"DROP TABLE IF EXISTS temp.xp_req_school;";

/* Who may take: a registered operator other than a viewer (or the first admin), on the
 * team of each inspection or with its target in their scope; schools within their scope. */
static int may_take(struct db *db, const struct pack_take *q, char *msg)
{
	db_resolve_role(db);
	if (db->op.role == OPROLE_VIEWER) {
		xq_msg(msg, _("permission denied: %s may not take a pack (a viewer, or not a registered "
			      "operator)"), db->op.login);
		return XQ_ERR;
	}
	for (int i = 0; i < q->ninspections; i++)
		if (db_inspection_may_merge(db, q->inspections[i], msg) != XQ_OK)
			return XQ_ERR;
	return XQ_OK;
}

/* The image of the pack file at path and its sum, then its seal, written into it. */
static int finish_pack(const char *path, char base_sum[PACK_SUM_LEN], char *msg)
{
	sqlite3 *h = NULL;
	int rc = XQ_ERR;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		xq_msg(msg, _("%s: cannot open: %s"), path, h ? sqlite3_errmsg(h) : strerror(errno));
		goto out;
	}
	sqlite3_int64 n = 0;
	unsigned char *image = sqlite3_serialize(h, "main", &n, 0);
	if (!image) {
		xq_msg(msg, _("%s: cannot read back the pack"), path);
		goto out;
	}
	sum_bytes(image, (size_t)n, base_sum);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, "INSERT INTO pack_base (id, sum, image) VALUES (1, ?, ?)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, base_sum, -1, SQLITE_STATIC);
		sqlite3_bind_blob64(st, 2, image, (sqlite3_uint64)n, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? XQ_OK : XQ_ERR;
	}
	sqlite3_finalize(st);
	sqlite3_free(image);
	char seal[PACK_SUM_LEN];
	if (rc != XQ_OK || content_sum(h, "main", seal, msg) != XQ_OK) {
		if (rc != XQ_OK)
			xq_msg(msg, _("%s: cannot write the pack: %s"), path, sqlite3_errmsg(h));
		rc = XQ_ERR;
		goto out;
	}
	st = NULL;
	rc = XQ_ERR;
	if (sqlite3_prepare_v2(h, "INSERT INTO pack_seal (id, sum) VALUES (1, ?)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, seal, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? XQ_OK : XQ_ERR;
	}
	sqlite3_finalize(st);
	if (rc != XQ_OK)
		xq_msg(msg, _("%s: cannot write the pack: %s"), path, sqlite3_errmsg(h));
out:
	if (h)
		sqlite3_close(h);
	return rc;
}

/* The empty pack: this schema (the migrations make it, seeding templates and policy, which
 * the take replaces), a rollback journal (one file to carry), the pack's own tables. */
static int create_pack_file(const char *tmp, char *msg)
{
	struct db *p = NULL;
	char m[XQ_MSG_MAX];
	if (db_open(tmp, DB_CREATE, 5000, &p, m) != XQ_OK) {
		xq_msg(msg, "%s", m);
		return XQ_ERR;
	}
	int rc = db_exec(p, "PRAGMA journal_mode = DELETE", m) == XQ_OK && db_exec(p, pack_tables_sql, m) == XQ_OK
			 ? XQ_OK : XQ_ERR;
	if (rc != XQ_OK)
		xq_msg(msg, _("%s: cannot make the pack: %s"), tmp, m);
	db_close(p);
	return rc;
}

static int fill_pack(struct db *db, const struct pack_take *q, struct pack_origin *o, char *msg)
{
	sqlite3 *h = db->h;
	char m[XQ_MSG_MAX];
	/* the requested inspections and schools, checked */
	if (exec_h(h, "CREATE TEMP TABLE xp_req_insp (id INTEGER PRIMARY KEY); "
		      "CREATE TEMP TABLE xp_req_school (id INTEGER PRIMARY KEY);", msg) != XQ_OK)
		return XQ_ERR;
	struct strbuf ins, sch;
	sb_init(&ins);
	sb_init(&sch);
	int rc = XQ_OK;
	for (int i = 0; rc == XQ_OK && i < q->ninspections; i++) {
		if (db_lookup_id(db, "SELECT id FROM inspection WHERE id = ?", q->inspections[i]) == 0) {
			xq_msg(msg, _("no inspection %lld"), (long long)q->inspections[i]);
			rc = XQ_ERR;
			break;
		}
		sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO temp.xp_req_insp (id) VALUES (?)", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, q->inspections[i]);
		rc = db_exec_stmt(db, st, msg);
		sb_printf(&ins, "%s%lld", ins.len ? "," : "", (long long)q->inspections[i]);
	}
	for (int i = 0; rc == XQ_OK && i < q->nschools; i++) {
		sqlite3_stmt *st = db_stmt(db, "SELECT id FROM school WHERE code = ?", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		bind_text(st, 1, q->schools[i]);
		int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		db_done(st);
		if (!id) {
			xq_msg(msg, _("no school with code %s"), q->schools[i]);
			rc = XQ_ERR;
			break;
		}
		if (db->op.role == OPROLE_INSPECTOR) {
			/* an inspector takes the schools of their scope */
			bool in = db->op.school_id > 0 ? id == db->op.school_id
				  : db->op.district_id > 0
					  ? db_lookup_id(db, "SELECT district_id FROM member WHERE school_id = ? AND "
							     "to_date IS NULL", id) == db->op.district_id
					  : true;
			if (!in) {
				xq_msg(msg, _("permission denied: %s lies outside the scope of %s"), q->schools[i],
					db->op.login);
				rc = XQ_ERR;
				break;
			}
		} else if (db->op.role != OPROLE_ADMIN && db_require_write(db, id, 0, msg) != XQ_OK) {
			rc = XQ_ERR;
			break;
		}
		st = db_stmt(db, "INSERT OR IGNORE INTO temp.xp_req_school (id) VALUES (?)", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		rc = db_exec_stmt(db, st, msg);
		sb_printf(&sch, "%s%s", sch.len ? "," : "", q->schools[i]);
	}
	if (rc == XQ_OK && exec_h(h, take_sets, msg) != XQ_OK)
		rc = XQ_ERR;
	/* the pack's record on the server */
	if (rc == XQ_OK) {
		if (q->ninspections)
			xq_msg(o->scope, _("inspections %s"), ins.s);
		else
			xq_msg(o->scope, _("schools %s"), sch.s);
		xq_copy(o->inspections, sizeof o->inspections, ins.s ? ins.s : "");
		xq_copy(o->schools, sizeof o->schools, sch.s ? sch.s : "");
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO pack (id, uuid, taken_at, taken_by, scope, file) VALUES ("
					       "(SELECT coalesce(max(id), 0) + 1 FROM pack), lower(hex(randomblob(16))), "
					       "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?) "
					       "RETURNING id, uuid, taken_at", msg);
		if (!st)
			rc = XQ_ERR;
		else {
			bind_text(st, 1, db->op.login);
			bind_text(st, 2, o->scope);
			bind_text(st, 3, db->path);
			if (sqlite3_step(st) == SQLITE_ROW) {
				o->id = sqlite3_column_int64(st, 0);
				col_text(st, 1, o->uuid, sizeof o->uuid);
				col_text(st, 2, o->taken_at, sizeof o->taken_at);
				while (sqlite3_step(st) == SQLITE_ROW)
					;
			} else {
				db_errmsg(db, msg);
				rc = XQ_ERR;
			}
			db_done(st);
		}
	}
	if (rc == XQ_OK) {
		o->id_base = o->id * DB_ID_SPAN;
		o->schema = db_schema_latest();
		xq_copy(o->taken_by, sizeof o->taken_by, db->op.login);
		char *abs = realpath(db->path, NULL);
		xq_copy(o->server, sizeof o->server, abs ? abs : db->path);
		free(abs);
		sqlite3_stmt *st = db_stmt(db, "SELECT value FROM meta WHERE key = 'database_id'", msg);
		if (!st || sqlite3_step(st) != SQLITE_ROW) {
			xq_msg(msg, "%s", _("this database has no id of its own (meta database_id)"));
			rc = XQ_ERR;
		} else
			col_text(st, 0, o->database_id, sizeof o->database_id);
		db_done(st);
	}
	if (rc == XQ_OK) {
		sqlite3_stmt *st = db_stmt(db, "INSERT INTO pack_inspection (pack_id, inspection_id) "
					       "SELECT ?, id FROM temp.xp_insp", msg);
		if (!st)
			rc = XQ_ERR;
		else {
			sqlite3_bind_int64(st, 1, o->id);
			rc = db_exec_stmt(db, st, msg);
		}
	}
	sb_free(&ins);
	sb_free(&sch);
	/* the rows: the seeds of the new file go first (children before parents) */
	if (rc == XQ_OK && exec_h(h, "DELETE FROM xp.template_item; DELETE FROM xp.template_section; "
				     "DELETE FROM xp.template; DELETE FROM xp.policy; DELETE FROM xp.meta;", msg) != XQ_OK)
		rc = XQ_ERR;
	for (size_t t = 0; rc == XQ_OK && t < XQ_NELEM(take_rows); t++) {
		char *cols = column_list(h, "xp", take_rows[t].table, NULL, false);
		char *exprs = column_list(h, "xp", take_rows[t].table, take_rows[t].over, true);
		char *sql = xasprintf("INSERT INTO xp.\"%s\" (%s) SELECT %s FROM main.\"%s\" WHERE %s",
			take_rows[t].table, cols ? cols : "", exprs ? exprs : "", take_rows[t].table,
			take_rows[t].where);
		if (exec_h(h, sql, m) != XQ_OK) {
			xq_msg(msg, _("cannot copy %s into the pack: %s"), take_rows[t].table, m);
			rc = XQ_ERR;
		}
		free(sql);
		free(cols);
		free(exprs);
	}
	if (rc == XQ_OK) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(h, "INSERT INTO xp.pack_origin (id, " ORIGIN_COLUMNS ") VALUES "
					  "(1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
			db_errmsg(db, msg);
			rc = XQ_ERR;
		} else {
			sqlite3_bind_int64(st, 1, o->id);
			bind_text(st, 2, o->uuid);
			bind_text(st, 3, o->database_id);
			sqlite3_bind_int(st, 4, o->schema);
			bind_text(st, 5, o->taken_at);
			bind_text(st, 6, o->taken_by);
			bind_text(st, 7, o->scope);
			bind_text(st, 8, o->inspections);
			bind_text(st, 9, o->schools);
			sqlite3_bind_int64(st, 10, o->id_base);
			bind_text(st, 11, o->server);
			if (sqlite3_step(st) != SQLITE_DONE) {
				db_errmsg(db, msg);
				rc = XQ_ERR;
			}
			sqlite3_finalize(st);
		}
	}
	return rc;
}

int db_pack_take(struct db *db, const struct pack_take *q, const char *path, struct pack_origin *made,
	char *msg)
{
	memset(made, 0, sizeof *made);
	if (db->is_pack) {
		xq_msg(msg, _("a pack is taken from the server's database, not from a pack (%s)"), db->pack->scope);
		return XQ_ERR;
	}
	if (q->ninspections + q->nschools == 0) {
		xq_msg(msg, "%s", _("take what? name inspections (--inspection ID,...) or schools (--school CODE ...)"));
		return XQ_ERR;
	}
	if (q->ninspections && q->nschools) {
		xq_msg(msg, "%s", _("take either inspections or schools, not both"));
		return XQ_ERR;
	}
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		xq_msg(msg, _("%s exists already; a pack is written to a new file"), path);
		return XQ_ERR;
	}
	if (may_take(db, q, msg) != XQ_OK)
		return XQ_ERR;
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	unlink(tmp);
	if (create_pack_file(tmp, msg) != XQ_OK) {
		unlink(tmp);
		free(tmp);
		return XQ_ERR;
	}
	int rc = XQ_ERR;
	bool attached = false;
	int triggers = 1;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, "ATTACH ?1 AS xp", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
		attached = sqlite3_step(st) == SQLITE_DONE;
	}
	if (!attached)
		db_errmsg(db, msg);
	sqlite3_finalize(st);
	if (attached) {
		/* the copy fires no trigger: the pack's audit log starts empty and its
		 * seeds go without a trace; the server's bookkeeping tables have none */
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers);
		if (db_begin(db, msg) == XQ_OK) {
			if (fill_pack(db, q, made, msg) == XQ_OK)
				rc = db_commit(db, msg);
			else
				db_rollback(db);
		}
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &triggers);
		exec_h(db->h, take_drop, NULL);
		exec_h(db->h, "DETACH xp", NULL);
	}
	char base_sum[PACK_SUM_LEN];
	if (rc == XQ_OK)
		rc = finish_pack(tmp, base_sum, msg);
	if (rc == XQ_OK) {
		st = db_stmt(db, "UPDATE pack SET base_sum = ? WHERE id = ?", msg);
		rc = st ? XQ_OK : XQ_ERR;
		if (st) {
			bind_text(st, 1, base_sum);
			sqlite3_bind_int64(st, 2, made->id);
			rc = db_exec_stmt(db, st, msg);
		}
	}
	if (rc == XQ_OK && rename(tmp, path) != 0) {
		xq_msg(msg, _("%s: cannot write: %s"), path, strerror(errno));
		rc = XQ_ERR;
	}
	if (rc != XQ_OK) {
		unlink(tmp);
		if (made->id) {
			st = db_stmt(db, "DELETE FROM pack WHERE id = ?", NULL);
			if (st) {
				sqlite3_bind_int64(st, 1, made->id);
				db_exec_stmt(db, st, NULL);
			}
		}
	}
	free(tmp);
	return rc;
}

/* ---- a pack read as untrusted input ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The file's header says how long it is: a shorter (or longer) file was cut or added to. */
static int check_file(const char *path, char *msg)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		xq_msg(msg, _("%s: cannot read: %s"), path, strerror(errno));
		return XQ_ERR;
	}
	if (!S_ISREG(sb.st_mode)) {
		xq_msg(msg, _("%s: not a regular file, not a pack"), path);
		return XQ_ERR;
	}
	unsigned char h[100];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(h, 1, sizeof h, f) : 0;
	if (f)
		fclose(f);
	if (!f) {
		xq_msg(msg, _("%s: cannot read: %s"), path, strerror(errno));
		return XQ_ERR;
	}
	if (n < sizeof h || memcmp(h, "SQLite format 3", 16) != 0) {
		xq_msg(msg, _("%s: not a pack (not an SQLite file%s)"), path, n < sizeof h ? _(", or cut short") : "");
		return XQ_ERR;
	}
	long psize = (long)h[16] << 8 | h[17];
	if (psize == 1)
		psize = 65536;
	if (psize < 512 || (psize & (psize - 1)) != 0) {
		xq_msg(msg, _("%s: a damaged pack (its header is not valid)"), path);
		return XQ_ERR;
	}
	uint32_t pages = be32(h + 28);
	if (pages > 0 && be32(h + 24) == be32(h + 92) && (long long)sb.st_size != (long long)pages * psize) {
		xq_msg(msg, _("%s: the pack is truncated or altered: it is %lld bytes, and its header "
			      "says %lld"), path, (long long)sb.st_size, (long long)pages * psize);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* One schema as rows "type name table sql", sorted. */
static char *schema_text(sqlite3 *h, const char *schema)
{
	char *q = sqlite3_mprintf("SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') "
				  "FROM \"%w\".sqlite_schema ORDER BY type, name", schema);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, q, -1, &st, NULL);
	sqlite3_free(q);
	if (rc != SQLITE_OK)
		return NULL;
	struct strbuf b;
	sb_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sb_adds(&b, (const char *)sqlite3_column_text(st, 0));
		sb_addc(&b, '\n');
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sb_free(&b);
		return NULL;
	}
	if (!b.s)
		sb_adds(&b, "");
	return sb_steal(&b);
}

/* What a pack's schema must be: this xuequ's, made afresh, and the pack's own tables. */
static char *expected_schema(char *msg)
{
	struct db *m = NULL;
	char e[XQ_MSG_MAX];
	if (db_open(":memory:", DB_CREATE, 1000, &m, e) != XQ_OK || db_exec(m, pack_tables_sql, e) != XQ_OK) {
		xq_msg(msg, _("cannot make the expected schema: %s"), e);
		db_close(m);
		return NULL;
	}
	char *s = schema_text(m->h, "main");
	db_close(m);
	return s;
}

/* The first line where two schema texts differ, for the message. */
static void first_difference(const char *want, const char *have, char *out, size_t size)
{
	while (*want && *want == *have) {
		const char *nw = strchr(want, '\n'), *nh = strchr(have, '\n');
		if (!nw || !nh || nw - want != nh - have || memcmp(want, have, (size_t)(nw - want)) != 0)
			break;
		want = nw + 1;
		have = nh + 1;
	}
	const char *line = *have ? have : want;
	size_t n = strcspn(line, "\n");
	/* the type and the name */
	const char *sp = memchr(line, ' ', n);
	const char *sp2 = sp ? memchr(sp + 1, ' ', n - (size_t)(sp + 1 - line)) : NULL;
	size_t k = sp2 ? (size_t)(sp2 - line) : n;
	snprintf(out, size, "%.*s", (int)(k < 80 ? k : 80), line);
}

static int check_schema(sqlite3 *h, const char *schema, const char *want, const char *path, char *msg)
{
	char *have = schema_text(h, schema);
	if (!have) {
		xq_msg(msg, _("%s: a damaged pack: %s"), path, sqlite3_errmsg(h));
		return XQ_ERR;
	}
	int rc = XQ_OK;
	if (strcmp(have, want) != 0) {
		char where[96];
		first_difference(want, have, where, sizeof where);
		xq_msg(msg, _("%s: the pack's schema is not the one this xuequ writes (%s differs): it was "
			      "altered, or made by another version"), path, where);
		rc = XQ_ERR;
	}
	free(have);
	return rc;
}

static long pragma_long(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long v = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int quick_check(sqlite3 *h, const char *schema, const char *path, char *msg)
{
	char *q = sqlite3_mprintf("PRAGMA \"%w\".quick_check(1)", schema);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, q, -1, &st, NULL);
	sqlite3_free(q);
	bool ok = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
		  strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	if (!ok)
		xq_msg(msg, _("%s: a damaged pack (truncated or altered): %s"), path,
			st && sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return ok ? XQ_OK : XQ_ERR;
}

/* A pack opened as untrusted input: read-only, defensive, no trigger or view of its own
 * ever run, its file, schema, version and sums checked before anything else is read. */
struct upack {
	sqlite3 *h;
	struct pack_origin origin;
	char base_sum[PACK_SUM_LEN]; /* as the pack says, and checked against its image */
	char seal[PACK_SUM_LEN];     /* as the pack says */
	bool sealed;		     /* the seal matches the content */
	bool base_attached;
};

static void upack_close(struct upack *u)
{
	if (u->h)
		sqlite3_close(u->h);
	u->h = NULL;
}

static int upack_open(const char *path, struct upack *u, char *msg)
{
	memset(u, 0, sizeof *u);
	if (check_file(path, msg) != XQ_OK)
		return XQ_ERR;
	if (sqlite3_open_v2(path, &u->h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		xq_msg(msg, _("%s: cannot open: %s"), path, u->h ? sqlite3_errmsg(u->h) : strerror(errno));
		upack_close(u);
		return XQ_ERR;
	}
	sqlite3_extended_result_codes(u->h, 1);
	sqlite3_db_config(u->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(u->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(u->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(u->h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(u->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	exec_h(u->h, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0", NULL);
	if (quick_check(u->h, "main", path, msg) != XQ_OK) {
		upack_close(u);
		return XQ_ERR;
	}
	long version = pragma_long(u->h, "PRAGMA user_version");
	if (version != db_schema_latest()) {
		if (pragma_long(u->h, "SELECT count(*) FROM sqlite_schema WHERE name = 'pack_origin'") != 1)
			xq_msg(msg, _("%s: not a pack (it has no record of where it came from)"), path);
		else
			xq_msg(msg, _("%s: the pack has schema version %ld, %s than this database's %d: "
				      "merge it with the xuequ it was taken with"), path, version,
				version < db_schema_latest() ? _("older") : _("newer"), db_schema_latest());
		upack_close(u);
		return XQ_ERR;
	}
	char *want = expected_schema(msg);
	if (!want || check_schema(u->h, "main", want, path, msg) != XQ_OK) {
		free(want);
		upack_close(u);
		return XQ_ERR;
	}
	free(want);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(u->h, "SELECT " ORIGIN_COLUMNS " FROM pack_origin WHERE id = 1", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		read_origin(st, &u->origin);
	else
		rc = SQLITE_ERROR;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		xq_msg(msg, _("%s: a damaged pack: it holds no record of where it came from"), path);
		upack_close(u);
		return XQ_ERR;
	}
	/* the image it was taken with, and the seal of what the laptop wrote */
	st = NULL;
	rc = sqlite3_prepare_v2(u->h, "SELECT b.sum, b.image, s.sum FROM pack_base b, pack_seal s "
				      "WHERE b.id = 1 AND s.id = 1", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		char have[PACK_SUM_LEN];
		sum_bytes(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), have);
		col_text(st, 0, u->base_sum, sizeof u->base_sum);
		col_text(st, 2, u->seal, sizeof u->seal);
		if (strcmp(have, u->base_sum) != 0)
			rc = SQLITE_MISMATCH;
	} else
		rc = SQLITE_ERROR;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		xq_msg(msg, rc == SQLITE_MISMATCH ? _("%s: the pack was altered: the snapshot it was taken with "
						      "does not match its checksum")
						  : _("%s: a damaged pack: its snapshot or seal is missing"), path);
		upack_close(u);
		return XQ_ERR;
	}
	char now[PACK_SUM_LEN];
	if (content_sum(u->h, "main", now, msg) != XQ_OK) {
		upack_close(u);
		return XQ_ERR;
	}
	u->sealed = strcmp(now, u->seal) == 0;
	return XQ_OK;
}

/* The image the pack was taken with, attached as "base" and checked as the pack was. */
static int upack_attach_base(struct upack *u, const char *path, char *msg)
{
	if (exec_h(u->h, "ATTACH ':memory:' AS base", msg) != XQ_OK)
		return XQ_ERR;
	sqlite3_stmt *st = NULL;
	unsigned char *copy = NULL;
	sqlite3_int64 n = 0;
	if (sqlite3_prepare_v2(u->h, "SELECT image FROM main.pack_base WHERE id = 1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_bytes(st, 0);
		copy = n > 0 ? sqlite3_malloc64((sqlite3_uint64)n) : NULL;
		if (copy)
			memcpy(copy, sqlite3_column_blob(st, 0), (size_t)n);
	}
	sqlite3_finalize(st);
	if (!copy || sqlite3_deserialize(u->h, "base", copy, n, n,
			     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		xq_msg(msg, _("%s: a damaged pack: its snapshot cannot be read"), path);
		return XQ_ERR;
	}
	u->base_attached = true;
	if (quick_check(u->h, "base", path, msg) != XQ_OK)
		return XQ_ERR;
	if (pragma_long(u->h, "PRAGMA base.user_version") != db_schema_latest()) {
		xq_msg(msg, _("%s: a damaged pack: its snapshot has another schema version"), path);
		return XQ_ERR;
	}
	char *want = expected_schema(msg);
	int rc = want ? check_schema(u->h, "base", want, path, msg) : XQ_ERR;
	free(want);
	return rc;
}

/* The changes of the laptop: the session extension's diff of the image against the pack,
 * over every merged table; a table of the schema the merge does not know is refused (the
 * session extension would pass over it in silence). */
static int upack_changeset(struct upack *u, int *n, void **set, char *msg)
{
	*n = 0;
	*set = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(u->h, "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND "
					  "name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		bool known = false;
		for (int i = 0; i < NMERGED && !known; i++)
			known = strcmp(t, merged_tables[i]) == 0;
		for (size_t i = 0; i < XQ_NELEM(unmerged_tables) && !known; i++)
			known = strcmp(t, unmerged_tables[i]) == 0;
		if (!known) {
			xq_msg(msg, _("the pack has a table the merge does not know (%s): nothing of it "
				      "would be carried back"), t);
			rc = SQLITE_ERROR;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return XQ_ERR;
	sqlite3_session *s = NULL;
	if (sqlite3session_create(u->h, "main", &s) != SQLITE_OK) {
		xq_msg(msg, _("cannot read the pack's changes: %s"), sqlite3_errmsg(u->h));
		return XQ_ERR;
	}
	rc = SQLITE_OK;
	for (int i = 0; rc == SQLITE_OK && i < NMERGED; i++) {
		char *err = NULL;
		rc = sqlite3session_attach(s, merged_tables[i]);
		if (rc == SQLITE_OK)
			rc = sqlite3session_diff(s, "base", merged_tables[i], &err);
		if (rc != SQLITE_OK)
			xq_msg(msg, _("cannot read the pack's changes to %s: %s"), merged_tables[i],
				err ? err : sqlite3_errstr(rc));
		sqlite3_free(err);
	}
	if (rc == SQLITE_OK && sqlite3session_changeset(s, n, set) != SQLITE_OK) {
		xq_msg(msg, _("cannot read the pack's changes: %s"), sqlite3_errmsg(u->h));
		rc = SQLITE_ERROR;
	}
	sqlite3session_delete(s);
	return rc == SQLITE_OK ? XQ_OK : XQ_ERR;
}

/* ---- values and rows ---- */

/* A value of a row; PV_ABSENT is a column a change does not carry. */
#define PV_ABSENT 0
struct pval {
	int type;
	sqlite3_int64 i;
	double d;
	char *s;
	int n;
};

static void pv_set(struct pval *v, sqlite3_value *x)
{
	memset(v, 0, sizeof *v);
	if (!x)
		return;
	v->type = sqlite3_value_type(x);
	if (v->type == SQLITE_INTEGER)
		v->i = sqlite3_value_int64(x);
	else if (v->type == SQLITE_FLOAT)
		v->d = sqlite3_value_double(x);
	else if (v->type == SQLITE_TEXT || v->type == SQLITE_BLOB) {
		const void *p = v->type == SQLITE_TEXT ? (const void *)sqlite3_value_text(x) : sqlite3_value_blob(x);
		v->n = sqlite3_value_bytes(x);
		v->s = xmalloc((size_t)v->n + 1);
		if (v->n)
			memcpy(v->s, p, (size_t)v->n);
		v->s[v->n] = '\0';
	}
}

static void pv_free(struct pval *v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i].s);
}

static bool pv_eq(const struct pval *a, const struct pval *b)
{
	bool an = a->type == SQLITE_INTEGER || a->type == SQLITE_FLOAT;
	bool bn = b->type == SQLITE_INTEGER || b->type == SQLITE_FLOAT;
	if (an && bn) {
		if (a->type == SQLITE_INTEGER && b->type == SQLITE_INTEGER)
			return a->i == b->i;
		double x = a->type == SQLITE_INTEGER ? (double)a->i : a->d;
		double y = b->type == SQLITE_INTEGER ? (double)b->i : b->d;
		return x == y;
	}
	if (a->type != b->type)
		return false;
	if (a->type == SQLITE_TEXT || a->type == SQLITE_BLOB)
		return a->n == b->n && memcmp(a->s, b->s, (size_t)a->n) == 0;
	return true;
}

static int pv_bind(sqlite3_stmt *st, int i, const struct pval *v)
{
	switch (v->type) {
	case SQLITE_INTEGER:
		return sqlite3_bind_int64(st, i, v->i);
	case SQLITE_FLOAT:
		return sqlite3_bind_double(st, i, v->d);
	case SQLITE_TEXT:
		return sqlite3_bind_text(st, i, v->s, v->n, SQLITE_TRANSIENT);
	case SQLITE_BLOB:
		return sqlite3_bind_blob(st, i, v->s, v->n, SQLITE_TRANSIENT);
	default:
		return sqlite3_bind_null(st, i);
	}
}

static void pv_text(const struct pval *v, char *out, size_t size)
{
	switch (v->type) {
	case SQLITE_INTEGER:
		snprintf(out, size, "%lld", (long long)v->i);
		break;
	case SQLITE_FLOAT:
		snprintf(out, size, "%.15g", v->d);
		break;
	case SQLITE_TEXT:
		xq_copy(out, size, v->s);
		if (strlen(v->s) >= size && size > 4) /* cut on a character's boundary */
			for (size_t k = size - 1; k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80; k--)
				out[k] = '\0';
		break;
	case SQLITE_BLOB:
		snprintf(out, size, "(%d bytes)", v->n);
		break;
	default:
		out[0] = '\0';
	}
}

/* A merged table as the server has it. */
struct tdef {
	const char *name;
	int ncol;
	char **col;
	int pk, rev;	/* column numbers, rev -1 when none */
	struct {
		int col, parent; /* parent: index in merged_tables */
	} fk[8];
	int nfk;
	struct {
		int ncol, col[4];
	} uniq[4];
	int nuniq;
	sqlite3_stmt *sel; /* the server's row by key */
};

static int col_index(const struct tdef *t, const char *name)
{
	for (int i = 0; i < t->ncol; i++)
		if (strcmp(t->col[i], name) == 0)
			return i;
	return -1;
}

static int table_index(const char *name)
{
	for (int i = 0; i < NMERGED; i++)
		if (strcmp(merged_tables[i], name) == 0)
			return i;
	return -1;
}

static int load_tdef(sqlite3 *h, sqlite3 *pack, int ti, struct tdef *t, char *msg)
{
	memset(t, 0, sizeof *t);
	t->name = merged_tables[ti];
	t->pk = t->rev = -1;
	sqlite3_stmt *st = NULL;
	int npk = 0;
	if (sqlite3_prepare_v2(h, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return XQ_ERR;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		t->col = db_grow(t->col, t->ncol, &cap, sizeof *t->col);
		t->col[t->ncol] = xstrdup((const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_int(st, 1) > 0) {
			t->pk = t->ncol;
			npk++;
		}
		if (strcmp(t->col[t->ncol], "rev") == 0)
			t->rev = t->ncol;
		t->ncol++;
	}
	sqlite3_finalize(st);
	if (t->ncol == 0 || npk != 1) {
		xq_msg(msg, npk == 0 ? _("table %s has no primary key: the merge cannot follow its rows")
				     : _("table %s has a key of several columns, which the merge does not follow"),
			t->name);
		return XQ_ERR;
	}
	/* the pack's table has the same columns */
	st = NULL;
	if (sqlite3_prepare_v2(pack, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return XQ_ERR;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	int k = 0;
	bool same = true;
	while (sqlite3_step(st) == SQLITE_ROW)
		same = same && k < t->ncol && strcmp(t->col[k++], (const char *)sqlite3_column_text(st, 0)) == 0;
	sqlite3_finalize(st);
	if (!same || k != t->ncol) {
		xq_msg(msg, _("the pack's table %s has other columns than this database's"), t->name);
		return XQ_ERR;
	}
	st = NULL;
	if (sqlite3_prepare_v2(h, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", -1, &st, NULL) != SQLITE_OK)
		return XQ_ERR;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && t->nfk < (int)XQ_NELEM(t->fk)) {
		int c = col_index(t, (const char *)sqlite3_column_text(st, 0));
		int p = table_index((const char *)sqlite3_column_text(st, 1));
		if (c >= 0 && p >= 0) {
			t->fk[t->nfk].col = c;
			t->fk[t->nfk].parent = p;
			t->nfk++;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(h, "SELECT l.name, i.name FROM pragma_index_list(?1) l, pragma_index_info(l.name) i "
				  "WHERE l.\"unique\" = 1 AND l.partial = 0 AND l.origin <> 'pk' ORDER BY l.name, i.seqno",
		    -1, &st, NULL) != SQLITE_OK)
		return XQ_ERR;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	char last[128] = "";
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *idx = (const char *)sqlite3_column_text(st, 0);
		int c = col_index(t, (const char *)sqlite3_column_text(st, 1));
		if (strcmp(idx, last) != 0) {
			if (t->nuniq == (int)XQ_NELEM(t->uniq))
				break;
			t->uniq[t->nuniq++].ncol = 0;
			xq_copy(last, sizeof last, idx);
		}
		int u = t->nuniq - 1;
		if (c >= 0 && t->uniq[u].ncol < 4)
			t->uniq[u].col[t->uniq[u].ncol++] = c;
	}
	sqlite3_finalize(st);
	char *q = sqlite3_mprintf("SELECT * FROM main.\"%w\" WHERE \"%w\" = ?", t->name, t->col[t->pk]);
	int rc = sqlite3_prepare_v2(h, q, -1, &t->sel, NULL);
	sqlite3_free(q);
	return rc == SQLITE_OK ? XQ_OK : XQ_ERR;
}

static void free_tdef(struct tdef *t)
{
	for (int i = 0; i < t->ncol; i++)
		free(t->col[i]);
	free(t->col);
	sqlite3_finalize(t->sel);
}

/* The row whose key is key, read with st (bound afresh); false when there is none. */
static bool read_row(sqlite3_stmt *st, const struct pval *key, int ncol, struct pval *row)
{
	sqlite3_reset(st);
	pv_bind(st, 1, key);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return false;
	}
	for (int i = 0; i < ncol; i++)
		pv_set(&row[i], sqlite3_column_value(st, i));
	sqlite3_reset(st);
	return true;
}

/* ---- the merge ---- */

struct chg {
	int t, op;
	struct pval *old, *nw; /* ncol each; PV_ABSENT where the change carries nothing */
};

struct idmap {
	int t;
	int64_t from, to;
};

struct merge {
	struct db *db;
	struct upack *u;
	struct tdef t[NMERGED];
	struct chg *chg;
	int nchg;
	struct idmap *map;
	int nmap, capmap;
	int prefer;
	const struct pack_conflict *decided;
	int ndecided;
	struct pack_merge *out;
	int capc, capx;
	sqlite3_stmt *pack_sel[NMERGED];
	sqlite3_stmt *pack_who;
};

static int64_t pv_id(const struct pval *v)
{
	return v->type == SQLITE_INTEGER ? v->i : 0;
}

/* The value of column name in a row, or NULL. */
static const struct pval *field(const struct tdef *t, const struct pval *row, const char *name)
{
	int c = col_index(t, name);
	return c >= 0 && row[c].type != PV_ABSENT ? &row[c] : NULL;
}

/* The first column of a one-row query with one integer parameter on h (0 when none). */
static int64_t lookup_h(sqlite3 *h, const char *sql, int64_t param)
{
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, param);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

/* The row as a user knows it; h answers the lookups (the server, or the pack). */
static void row_label(sqlite3 *h, const struct tdef *t, const struct pval *row, char *out, size_t size)
{
	char a[NAME_LEN] = "", b[NAME_LEN] = "";
	const struct pval *v;
	if (strcmp(t->name, "school") == 0 || strcmp(t->name, "teacher") == 0) {
		if ((v = field(t, row, strcmp(t->name, "school") == 0 ? "code" : "staff_no")))
			pv_text(v, a, sizeof a);
		if ((v = field(t, row, "name")))
			pv_text(v, b, sizeof b);
	} else if (strcmp(t->name, "result") == 0) {
		if ((v = field(t, row, "inspection_id")))
			pv_text(v, a, sizeof a);
		const struct pval *item = field(t, row, "item_id");
		int64_t pos = item ? lookup_h(h, "SELECT position FROM template_item WHERE id = ?", pv_id(item)) : 0;
		if (pos > 0)
			snprintf(b, sizeof b, "%lld", (long long)pos);
		snprintf(out, size, _("inspection %s item %s"), a, b);
		return;
	} else if (strcmp(t->name, "policy") == 0 && (v = field(t, row, "key")))
		pv_text(v, a, sizeof a);
	else if (strcmp(t->name, "meta") == 0 && (v = field(t, row, "key")))
		pv_text(v, a, sizeof a);
	char id[32] = "";
	if ((v = field(t, row, "id")))
		pv_text(v, id, sizeof id);
	snprintf(out, size, "%s %s%s%s%s%s", t->name, id, a[0] ? " " : "", a, b[0] ? " " : "", b);
}

static void pack_who(struct merge *m, const char *table, int64_t id, char *who, size_t wsize, char *at,
	size_t asize)
{
	who[0] = at[0] = '\0';
	if (!m->pack_who)
		return;
	sqlite3_reset(m->pack_who);
	sqlite3_bind_text(m->pack_who, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(m->pack_who, 2, id);
	if (sqlite3_step(m->pack_who) == SQLITE_ROW) {
		const unsigned char *l = sqlite3_column_text(m->pack_who, 0);
		const unsigned char *t = sqlite3_column_text(m->pack_who, 1);
		xq_copy(who, wsize, l ? (const char *)l : "");
		xq_copy(at, asize, t ? (const char *)t : "");
	}
	sqlite3_reset(m->pack_who);
}

static void set_origin(struct merge *m, const char *table, int64_t id, const char *note)
{
	char who[SHORT_LEN], at[32];
	pack_who(m, table, id, who, sizeof who, at, sizeof at);
	const struct pack_origin *o = &m->out->origin;
	snprintf(m->db->origin, sizeof m->db->origin, "pack %lld %.8s: %s %s%s%s", (long long)o->id, o->uuid,
		who[0] ? who : o->taken_by, at, note ? "; " : "", note ? note : "");
}

static int decision_of(struct merge *m, const struct pack_conflict *c)
{
	if (m->prefer != PACK_UNDECIDED)
		return m->prefer;
	for (int i = 0; i < m->ndecided; i++)
		if (strcmp(m->decided[i].table, c->table) == 0 && m->decided[i].row_id == c->row_id &&
		    strcmp(m->decided[i].field, c->field) == 0)
			return m->decided[i].decision;
	return PACK_UNDECIDED;
}

/* Lists a conflict with who changed it on each side; returns the decision. */
static int conflict(struct merge *m, const struct tdef *t, int64_t id, const char *label, const char *fieldname,
	int kind, const struct pval *base, const struct pval *srv, const struct pval *pk)
{
	struct pack_merge *o = m->out;
	o->conflicts = db_grow(o->conflicts, o->nconflicts, &m->capc, sizeof *o->conflicts);
	struct pack_conflict *c = &o->conflicts[o->nconflicts++];
	memset(c, 0, sizeof *c);
	xq_copy(c->table, sizeof c->table, t->name);
	c->row_id = id;
	xq_copy(c->label, sizeof c->label, label);
	xq_copy(c->field, sizeof c->field, fieldname);
	c->kind = kind;
	if (base)
		pv_text(base, c->base, sizeof c->base);
	if (srv)
		pv_text(srv, c->server, sizeof c->server);
	if (pk)
		pv_text(pk, c->pack, sizeof c->pack);
	struct audit_entry e;
	if (db_audit_last(m->db, t->name, id, &e) == XQ_OK) {
		xq_copy(c->server_who, sizeof c->server_who, e.login);
		xq_copy(c->server_at, sizeof c->server_at, e.at);
	}
	pack_who(m, t->name, id, c->pack_who, sizeof c->pack_who, c->pack_at, sizeof c->pack_at);
	c->decision = decision_of(m, c);
	if (c->decision == PACK_UNDECIDED)
		o->undecided++;
	return c->decision;
}

static void note_change(struct merge *m, const struct tdef *t, int64_t id, const char *label, const char *op,
	const char *fields)
{
	struct pack_merge *o = m->out;
	o->changes = db_grow(o->changes, o->nchanges, &m->capx, sizeof *o->changes);
	struct pack_change *x = &o->changes[o->nchanges++];
	memset(x, 0, sizeof *x);
	xq_copy(x->table, sizeof x->table, t->name);
	x->row_id = id;
	xq_copy(x->label, sizeof x->label, label);
	xq_copy(x->op, sizeof x->op, op);
	xq_copy(x->fields, sizeof x->fields, fields ? fields : "");
	o->applied++;
}

/* Whether the operator may write this row of the table (its values as they are or will be). */
static int may_write_row(struct merge *m, const struct tdef *t, const struct pval *row, char *msg)
{
	struct db *db = m->db;
	const struct pval *v;
	const char *n = t->name;
	if (strcmp(n, "inspection") == 0 || strcmp(n, "result") == 0 || strcmp(n, "rectification") == 0) {
		v = field(t, row, strcmp(n, "inspection") == 0 ? "id" : "inspection_id");
		int64_t insp = v ? pv_id(v) : 0;
		if (db_inspection_may_merge(db, insp, msg) == XQ_OK)
			return XQ_OK;
		if (strcmp(n, "rectification") == 0 && (v = field(t, row, "school_id")))
			return db_require_write(db, pv_id(v), 0, msg);
		return XQ_ERR;
	}
	if (strcmp(n, "school") == 0)
		return db_require_write(db, (v = field(t, row, "id")) ? pv_id(v) : 0, 0, msg);
	if (strcmp(n, "district") == 0)
		return db_require_write(db, 0, (v = field(t, row, "id")) ? pv_id(v) : 0, msg);
	if (strcmp(n, "member") == 0) {
		const struct pval *d = field(t, row, "district_id");
		return db_require_write(db, (v = field(t, row, "school_id")) ? pv_id(v) : 0, d ? pv_id(d) : 0, msg);
	}
	if (strcmp(n, "teacher") == 0 || strcmp(n, "room") == 0)
		return db_require_write(db, (v = field(t, row, "school_id")) ? pv_id(v) : 0, 0, msg);
	if (strcmp(n, "exchange") == 0)
		return db_require_write(db, (v = field(t, row, "from_school_id")) ? pv_id(v) : 0, 0, msg);
	if (strcmp(n, "agreement") == 0)
		return db_require_write(db, (v = field(t, row, "supporting_id")) ? pv_id(v) : 0, 0, msg);
	if (strcmp(n, "exemption") == 0) {
		v = field(t, row, "teacher_id");
		int64_t s = v ? db_lookup_id(db, "SELECT school_id FROM teacher WHERE id = ?", pv_id(v)) : 0;
		return db_require_write(db, s, 0, msg);
	}
	if (strcmp(n, "activity") == 0) {
		v = field(t, row, "agreement_id");
		int64_t s = v ? db_lookup_id(db, "SELECT supporting_id FROM agreement WHERE id = ?", pv_id(v)) : 0;
		return db_require_write(db, s, 0, msg);
	}
	/* the county's own: policy, operators, templates, meta */
	return db_require_write(db, 0, 0, msg);
}

static int step_done(struct merge *m, sqlite3_stmt *st, const char *label, char *msg)
{
	int rc = db_exec_stmt(m->db, st, msg);
	if (rc != XQ_OK) {
		char e[XQ_MSG_MAX];
		xq_copy(e, sizeof e, msg);
		xq_msg(msg, _("%s: %s"), label, e);
	}
	return rc;
}

static int write_insert(struct merge *m, const struct tdef *t, const struct pval *row, const char *label, char *msg)
{
	struct strbuf b;
	sb_init(&b);
	char *q = sqlite3_mprintf("INSERT INTO main.\"%w\" (", t->name);
	sb_adds(&b, q);
	sqlite3_free(q);
	for (int i = 0; i < t->ncol; i++) {
		q = sqlite3_mprintf("%s\"%w\"", i ? ", " : "", t->col[i]);
		sb_adds(&b, q);
		sqlite3_free(q);
	}
	sb_adds(&b, ") VALUES (");
	for (int i = 0; i < t->ncol; i++)
		sb_printf(&b, "%s?%d", i ? ", " : "", i + 1);
	sb_adds(&b, ")");
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(m->db->h, b.s, -1, &st, NULL) == SQLITE_OK ? XQ_OK : XQ_ERR;
	sb_free(&b);
	if (rc != XQ_OK) {
		db_errmsg(m->db, msg);
		return XQ_ERR;
	}
	for (int i = 0; i < t->ncol; i++)
		pv_bind(st, i + 1, &row[i]);
	rc = step_done(m, st, label, msg);
	sqlite3_finalize(st);
	return rc;
}

/* Sets the columns marked in set to the values of row, and moves rev on. */
static int write_update(struct merge *m, const struct tdef *t, const struct pval *key, const bool *set,
	const struct pval *row, const char *label, char *msg)
{
	struct strbuf b;
	sb_init(&b);
	char *q = sqlite3_mprintf("UPDATE main.\"%w\" SET ", t->name);
	sb_adds(&b, q);
	sqlite3_free(q);
	int n = 0;
	for (int i = 0; i < t->ncol; i++)
		if (set[i]) {
			q = sqlite3_mprintf("%s\"%w\" = ?%d", n++ ? ", " : "", t->col[i], i + 2);
			sb_adds(&b, q);
			sqlite3_free(q);
		}
	if (t->rev >= 0)
		sb_adds(&b, ", rev = rev + 1");
	q = sqlite3_mprintf(" WHERE \"%w\" = ?1", t->col[t->pk]);
	sb_adds(&b, q);
	sqlite3_free(q);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(m->db->h, b.s, -1, &st, NULL) == SQLITE_OK ? XQ_OK : XQ_ERR;
	sb_free(&b);
	if (rc != XQ_OK) {
		db_errmsg(m->db, msg);
		return XQ_ERR;
	}
	pv_bind(st, 1, key);
	for (int i = 0; i < t->ncol; i++)
		if (set[i])
			pv_bind(st, i + 2, &row[i]);
	rc = step_done(m, st, label, msg);
	sqlite3_finalize(st);
	return rc;
}

static int write_delete(struct merge *m, const struct tdef *t, const struct pval *key, const char *label, char *msg)
{
	char *q = sqlite3_mprintf("DELETE FROM main.\"%w\" WHERE \"%w\" = ?1", t->name, t->col[t->pk]);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(m->db->h, q, -1, &st, NULL) == SQLITE_OK ? XQ_OK : XQ_ERR;
	sqlite3_free(q);
	if (rc != XQ_OK) {
		db_errmsg(m->db, msg);
		return XQ_ERR;
	}
	pv_bind(st, 1, key);
	rc = step_done(m, st, label, msg);
	sqlite3_finalize(st);
	return rc;
}

/* A value the merge did not keep, written to the audit log: before is what the pack had,
 * after what the server keeps (field NULL: the whole row, as JSON of its audited columns). */
static int audit_not_kept(struct merge *m, const struct tdef *t, int64_t id, const char *op, const char *fieldname,
	const struct pval *pk, const struct pval *srv, const char *why, char *msg)
{
	set_origin(m, t->name, id, why);
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, "INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after, origin) VALUES "
		    "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), ?1, ?2, ?3, ");
	const char *cols = db_audited_columns(t->name);
	int next = 5;
	for (int side = 0; side < 2; side++) {
		const struct pval *row = side == 0 ? pk : srv;
		if (!row)
			sb_adds(&b, "NULL");
		else if (fieldname)
			sb_printf(&b, "json_object('id', ?2, ?4, ?%d)", next++);
		else {
			sb_adds(&b, "json_object('id', ?2");
			char copy[512];
			xq_copy(copy, sizeof copy, cols ? cols : "");
			for (char *save = NULL, *c = strtok_r(copy, " ", &save); c; c = strtok_r(NULL, " ", &save))
				if (col_index(t, c) >= 0)
					sb_printf(&b, ", '%s', ?%d", c, 100 * (side + 1) + col_index(t, c));
			sb_adds(&b, ")");
		}
		sb_adds(&b, side == 0 ? ", " : ", xq_origin())");
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(m->db->h, b.s, -1, &st, NULL) == SQLITE_OK ? XQ_OK : XQ_ERR;
	sb_free(&b);
	if (rc != XQ_OK) {
		db_errmsg(m->db, msg);
		m->db->origin[0] = '\0';
		return XQ_ERR;
	}
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, op, -1, SQLITE_STATIC);
	if (fieldname) {
		sqlite3_bind_text(st, 4, fieldname, -1, SQLITE_TRANSIENT);
		int k = 5;
		if (pk)
			pv_bind(st, k++, pk);
		if (srv)
			pv_bind(st, k, srv);
	} else
		for (int side = 0; side < 2; side++) {
			const struct pval *row = side == 0 ? pk : srv;
			for (int i = 0; row && i < t->ncol; i++)
				pv_bind(st, 100 * (side + 1) + i, &row[i]);
		}
	rc = db_exec_stmt(m->db, st, msg);
	sqlite3_finalize(st);
	m->db->origin[0] = '\0';
	return rc;
}

static void map_add(struct merge *m, int t, int64_t from, int64_t to)
{
	m->map = db_grow(m->map, m->nmap, &m->capmap, sizeof *m->map);
	m->map[m->nmap++] = (struct idmap){t, from, to};
}

/* A pack's row refers to a row made on both sides: the server's is the one. */
static void remap(struct merge *m, const struct tdef *t, struct pval *row)
{
	for (int f = 0; f < t->nfk; f++) {
		struct pval *v = &row[t->fk[f].col];
		if (v->type != SQLITE_INTEGER)
			continue;
		for (int i = 0; i < m->nmap; i++)
			if (m->map[i].t == t->fk[f].parent && m->map[i].from == v->i)
				v->i = m->map[i].to;
	}
}

/* A server row with the same values in one of the table's unique keys as row. */
static bool natural_twin(struct merge *m, const struct tdef *t, const struct pval *row, struct pval *srv)
{
	for (int u = 0; u < t->nuniq; u++) {
		struct strbuf b;
		sb_init(&b);
		char *q = sqlite3_mprintf("SELECT \"%w\" FROM main.\"%w\" WHERE 1", t->col[t->pk], t->name);
		sb_adds(&b, q);
		sqlite3_free(q);
		bool usable = t->uniq[u].ncol > 0;
		for (int k = 0; k < t->uniq[u].ncol; k++) {
			int c = t->uniq[u].col[k];
			usable = usable && row[c].type != SQLITE_NULL && row[c].type != PV_ABSENT;
			q = sqlite3_mprintf(" AND \"%w\" = ?%d", t->col[c], k + 1);
			sb_adds(&b, q);
			sqlite3_free(q);
		}
		sqlite3_stmt *st = NULL;
		bool found = false;
		struct pval key = {0};
		if (usable && sqlite3_prepare_v2(m->db->h, b.s, -1, &st, NULL) == SQLITE_OK) {
			for (int k = 0; k < t->uniq[u].ncol; k++)
				pv_bind(st, k + 1, &row[t->uniq[u].col[k]]);
			if (sqlite3_step(st) == SQLITE_ROW) {
				pv_set(&key, sqlite3_column_value(st, 0));
				found = true;
			}
		}
		sqlite3_finalize(st);
		sb_free(&b);
		if (found) {
			bool ok = read_row(t->sel, &key, t->ncol, srv);
			pv_free(&key, 1);
			if (ok)
				return true;
		}
	}
	return false;
}

/* Decides the fields of a server row against the pack's: set[] gets what to write. */
static int merge_fields(struct merge *m, const struct tdef *t, int64_t id, const char *label, int kind,
	const struct pval *base, const struct pval *srv, const struct pval *pk, bool *set, bool *any, char *msg)
{
	*any = false;
	for (int c = 0; c < t->ncol; c++) {
		set[c] = false;
		if (c == t->pk || c == t->rev || pk[c].type == PV_ABSENT)
			continue;
		if (pv_eq(&srv[c], &pk[c])) {
			continue;
		}
		if (base && base[c].type != PV_ABSENT && pv_eq(&srv[c], &base[c])) {
			set[c] = *any = true;
			continue;
		}
		int d = conflict(m, t, id, label, t->col[c], kind, base && base[c].type != PV_ABSENT ? &base[c] : NULL,
			&srv[c], &pk[c]);
		if (d == PACK_KEEP_PACK)
			set[c] = *any = true;
		else if (d == PACK_KEEP_SERVER) {
			m->out->kept_server++;
			if (audit_not_kept(m, t, id, "update", t->col[c], &pk[c], &srv[c],
				    "not kept: the server's value was preferred", msg) != XQ_OK)
				return XQ_ERR;
		}
	}
	return XQ_OK;
}

/* The fields set lists, for the change's line. */
static void set_names(const struct tdef *t, const bool *set, char *out, size_t size)
{
	struct strbuf b;
	sb_init(&b);
	for (int c = 0; c < t->ncol; c++)
		if (set[c])
			sb_printf(&b, "%s%s", b.len ? ", " : "", t->col[c]);
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
}

static int apply_insert(struct merge *m, const struct tdef *t, struct chg *c, char *msg)
{
	int ti = (int)(t - m->t);
	struct pval *pk = c->nw;
	remap(m, t, pk);
	int64_t id = pv_id(&pk[t->pk]);
	char label[NAME_LEN];
	row_label(m->db->h, t, pk, label, sizeof label);
	struct pval *srv = xcalloc((size_t)t->ncol, sizeof *srv);
	bool *set = xcalloc((size_t)t->ncol, sizeof *set);
	int rc = XQ_OK;
	bool found = read_row(t->sel, &pk[t->pk], t->ncol, srv);
	if (!found && natural_twin(m, t, pk, srv)) {
		found = true;
		map_add(m, ti, id, pv_id(&srv[t->pk]));
		id = pv_id(&srv[t->pk]);
	}
	if (!found) {
		if ((rc = may_write_row(m, t, pk, msg)) == XQ_OK) {
			set_origin(m, t->name, pv_id(&pk[t->pk]), NULL);
			rc = write_insert(m, t, pk, label, msg);
			m->db->origin[0] = '\0';
			if (rc == XQ_OK)
				note_change(m, t, id, label, "insert", NULL);
		}
	} else {
		bool any;
		rc = merge_fields(m, t, id, label, PACK_BOTH_NEW, NULL, srv, pk, set, &any, msg);
		if (rc == XQ_OK && any && (rc = may_write_row(m, t, srv, msg)) == XQ_OK) {
			set_origin(m, t->name, pv_id(&pk[t->pk]), NULL);
			rc = write_update(m, t, &srv[t->pk], set, pk, label, msg);
			m->db->origin[0] = '\0';
			char f[NAME_LEN];
			set_names(t, set, f, sizeof f);
			if (rc == XQ_OK)
				note_change(m, t, id, label, "update", f);
		} else if (rc == XQ_OK && !any)
			m->out->same++;
	}
	pv_free(srv, t->ncol);
	free(srv);
	free(set);
	return rc;
}

/* The pack's whole row by key (for a row the server deleted meanwhile). */
static bool pack_row(struct merge *m, int ti, const struct pval *key, struct pval *row)
{
	if (!m->pack_sel[ti]) {
		char *q = sqlite3_mprintf("SELECT * FROM main.\"%w\" WHERE \"%w\" = ?", m->t[ti].name,
			m->t[ti].col[m->t[ti].pk]);
		sqlite3_prepare_v2(m->u->h, q, -1, &m->pack_sel[ti], NULL);
		sqlite3_free(q);
	}
	return m->pack_sel[ti] && read_row(m->pack_sel[ti], key, m->t[ti].ncol, row);
}

static int apply_update(struct merge *m, const struct tdef *t, struct chg *c, char *msg)
{
	int ti = (int)(t - m->t);
	remap(m, t, c->nw);
	const struct pval *key = &c->old[t->pk];
	int64_t id = pv_id(key);
	struct pval *srv = xcalloc((size_t)t->ncol, sizeof *srv);
	struct pval *full = xcalloc((size_t)t->ncol, sizeof *full);
	bool *set = xcalloc((size_t)t->ncol, sizeof *set);
	char label[NAME_LEN];
	int rc = XQ_OK;
	bool have_full = pack_row(m, ti, key, full);
	bool found = read_row(t->sel, key, t->ncol, srv);
	row_label(m->db->h, t, found ? srv : have_full ? full : c->old, label, sizeof label);
	if (!found) {
		/* changed in the pack, deleted on the server */
		int d = conflict(m, t, id, label, "", PACK_DELETED_ON_SERVER, NULL, NULL, NULL);
		if (d == PACK_KEEP_PACK && have_full) {
			remap(m, t, full);
			if ((rc = may_write_row(m, t, full, msg)) == XQ_OK) {
				set_origin(m, t->name, id, "the pack's row made again");
				rc = write_insert(m, t, full, label, msg);
				m->db->origin[0] = '\0';
				if (rc == XQ_OK)
					note_change(m, t, id, label, "insert", NULL);
			}
		} else if (d == PACK_KEEP_SERVER && have_full) {
			m->out->kept_server++;
			rc = audit_not_kept(m, t, id, "delete", NULL, full, NULL,
				"not kept: the pack changed a row deleted on the server", msg);
		}
	} else {
		bool any;
		rc = merge_fields(m, t, id, label, PACK_BOTH_CHANGED, c->old, srv, c->nw, set, &any, msg);
		if (rc == XQ_OK && any) {
			/* the row as it will be must be the operator's to write, as it is */
			struct pval *after = xcalloc((size_t)t->ncol, sizeof *after);
			for (int k = 0; k < t->ncol; k++)
				after[k] = set[k] ? c->nw[k] : srv[k];
			rc = may_write_row(m, t, srv, msg);
			if (rc == XQ_OK)
				rc = may_write_row(m, t, after, msg);
			free(after);
			if (rc == XQ_OK) {
				set_origin(m, t->name, id, NULL);
				rc = write_update(m, t, key, set, c->nw, label, msg);
				m->db->origin[0] = '\0';
				char f[NAME_LEN];
				set_names(t, set, f, sizeof f);
				if (rc == XQ_OK)
					note_change(m, t, id, label, "update", f);
			}
		} else if (rc == XQ_OK)
			m->out->same++;
	}
	pv_free(srv, t->ncol);
	pv_free(full, t->ncol);
	free(srv);
	free(full);
	free(set);
	return rc;
}

static int apply_delete(struct merge *m, const struct tdef *t, struct chg *c, char *msg)
{
	const struct pval *key = &c->old[t->pk];
	int64_t id = pv_id(key);
	struct pval *srv = xcalloc((size_t)t->ncol, sizeof *srv);
	char label[NAME_LEN];
	int rc = XQ_OK;
	if (!read_row(t->sel, key, t->ncol, srv)) {
		m->out->same++; /* gone on both sides */
		free(srv);
		return XQ_OK;
	}
	row_label(m->db->h, t, srv, label, sizeof label);
	bool changed = false;
	for (int k = 0; k < t->ncol; k++)
		if (k != t->rev && !pv_eq(&srv[k], &c->old[k]))
			changed = true;
	int d = PACK_KEEP_PACK;
	if (changed)
		d = conflict(m, t, id, label, "", PACK_DELETED_IN_PACK, NULL, NULL, NULL);
	if (d == PACK_KEEP_PACK) {
		if ((rc = may_write_row(m, t, srv, msg)) == XQ_OK) {
			set_origin(m, t->name, id, NULL);
			rc = write_delete(m, t, key, label, msg);
			m->db->origin[0] = '\0';
			if (rc == XQ_OK)
				note_change(m, t, id, label, "delete", NULL);
		}
	} else if (d == PACK_KEEP_SERVER) {
		m->out->kept_server++;
		rc = audit_not_kept(m, t, id, "update", NULL, srv, srv,
			"not kept: the pack deleted a row changed on the server", msg);
	}
	pv_free(srv, t->ncol);
	free(srv);
	return rc;
}

/* The changeset as changes to apply. */
static int read_changes(struct merge *m, int n, void *set, char *msg)
{
	sqlite3_changeset_iter *it = NULL;
	if (sqlite3changeset_start(&it, n, set) != SQLITE_OK) {
		xq_msg(msg, "%s", _("cannot read the pack's changes"));
		return XQ_ERR;
	}
	int cap = 0, rc = XQ_OK;
	while (rc == XQ_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, indirect;
		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		int ti = table_index(tab);
		if (ti < 0 || ncol != m->t[ti].ncol) {
			xq_msg(msg, _("the pack's changes to %s do not match this database's table"), tab);
			rc = XQ_ERR;
			break;
		}
		m->chg = db_grow(m->chg, m->nchg, &cap, sizeof *m->chg);
		struct chg *c = &m->chg[m->nchg++];
		c->t = ti;
		c->op = op;
		c->old = xcalloc((size_t)ncol, sizeof *c->old);
		c->nw = xcalloc((size_t)ncol, sizeof *c->nw);
		for (int i = 0; i < ncol; i++) {
			sqlite3_value *v = NULL;
			if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK)
				pv_set(&c->old[i], v);
			v = NULL;
			if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK)
				pv_set(&c->nw[i], v);
		}
	}
	sqlite3changeset_finalize(it);
	return rc;
}

static void merge_free(struct merge *m)
{
	for (int i = 0; i < m->nchg; i++) {
		int n = m->t[m->chg[i].t].ncol;
		pv_free(m->chg[i].old, n);
		pv_free(m->chg[i].nw, n);
		free(m->chg[i].old);
		free(m->chg[i].nw);
	}
	free(m->chg);
	free(m->map);
	for (int i = 0; i < NMERGED; i++) {
		free_tdef(&m->t[i]);
		sqlite3_finalize(m->pack_sel[i]);
	}
	sqlite3_finalize(m->pack_who);
}

void db_pack_merge_free(struct pack_merge *o)
{
	free(o->changes);
	free(o->conflicts);
	o->changes = NULL;
	o->conflicts = NULL;
	o->nchanges = o->nconflicts = 0;
}

/* The server's record of the pack: it was taken from here, with this image. */
static int server_record(struct db *db, struct upack *u, const char *path, char *merged_sum, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT value FROM meta WHERE key = 'database_id'", msg);
	if (!st)
		return XQ_ERR;
	char id[40] = "";
	if (sqlite3_step(st) == SQLITE_ROW)
		col_text(st, 0, id, sizeof id);
	db_done(st);
	if (strcmp(id, u->origin.database_id) != 0) {
		xq_msg(msg, _("%s: the pack was taken from another database (%.8s, %s), not this one (%.8s)"),
			path, u->origin.database_id, u->origin.server, id);
		return XQ_ERR;
	}
	st = db_stmt(db, "SELECT id, coalesce(base_sum, ''), coalesce(merged_sum, ''), coalesce(merged_at, ''), "
			 "coalesce(merged_by, '') FROM pack WHERE uuid = ?", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, u->origin.uuid);
	int rc = sqlite3_step(st);
	char base[PACK_SUM_LEN] = "";
	int64_t pid = 0;
	if (rc == SQLITE_ROW) {
		pid = sqlite3_column_int64(st, 0);
		col_text(st, 1, base, sizeof base);
		col_text(st, 2, merged_sum, PACK_SUM_LEN);
	}
	db_done(st);
	if (rc != SQLITE_ROW || pid != u->origin.id || u->origin.id_base != pid * DB_ID_SPAN) {
		xq_msg(msg, _("%s: this database has no record of taking the pack %lld (%.8s)"), path,
			(long long)u->origin.id, u->origin.uuid);
		return XQ_ERR;
	}
	if (strcmp(base, u->base_sum) != 0) {
		xq_msg(msg, _("%s: the pack was altered: the snapshot it holds is not the one taken"), path);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_pack_merge(struct db *db, const char *path, int flags, int prefer,
	const struct pack_conflict *decided, int ndecided, struct pack_merge *out, char *msg)
{
	memset(out, 0, sizeof *out);
	if (db->is_pack) {
		xq_msg(msg, "%s", _("a pack is merged into the server's database, not into another pack"));
		return XQ_ERR;
	}
	struct upack u;
	if (upack_open(path, &u, msg) != XQ_OK)
		return XQ_ERR;
	out->origin = u.origin;
	if (!u.sealed) {
		xq_msg(msg, _("%s: the pack was altered after xuequ last wrote it (its seal does not match "
			      "its content)"), path);
		upack_close(&u);
		return XQ_ERR;
	}
	char merged_sum[PACK_SUM_LEN] = "";
	db_resolve_role(db);
	if (server_record(db, &u, path, merged_sum, msg) != XQ_OK) {
		upack_close(&u);
		return XQ_ERR;
	}
	if (strcmp(merged_sum, u.seal) == 0) {
		sqlite3_stmt *st = db_stmt(db, "SELECT merged_at, merged_by FROM pack WHERE id = ?", msg);
		if (st) {
			sqlite3_bind_int64(st, 1, u.origin.id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				col_text(st, 0, out->merged_at, sizeof out->merged_at);
				col_text(st, 1, out->merged_by, sizeof out->merged_by);
			}
			db_done(st);
		}
		out->already = true;
		upack_close(&u);
		return XQ_OK;
	}
	int n = 0;
	void *set = NULL;
	if (upack_attach_base(&u, path, msg) != XQ_OK || upack_changeset(&u, &n, &set, msg) != XQ_OK) {
		upack_close(&u);
		return XQ_ERR;
	}
	struct merge m = {.db = db, .u = &u, .prefer = prefer, .decided = decided, .ndecided = ndecided, .out = out};
	int rc = XQ_OK;
	for (int i = 0; rc == XQ_OK && i < NMERGED; i++)
		rc = load_tdef(db->h, u.h, i, &m.t[i], msg);
	if (rc == XQ_OK)
		rc = read_changes(&m, n, set, msg);
	sqlite3_free(set);
	sqlite3_prepare_v2(u.h, "SELECT login, at FROM main.audit WHERE tbl = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
		-1, &m.pack_who, NULL);
	if (rc == XQ_OK)
		rc = db_begin(db, msg);
	if (rc == XQ_OK) {
		/* another session may have merged it while this one read the pack */
		char again[PACK_SUM_LEN] = "";
		sqlite3_stmt *st = db_stmt(db, "SELECT coalesce(merged_sum, '') FROM pack WHERE id = ?", msg);
		if (st) {
			sqlite3_bind_int64(st, 1, u.origin.id);
			if (sqlite3_step(st) == SQLITE_ROW)
				col_text(st, 0, again, sizeof again);
			db_done(st);
		}
		if (strcmp(again, u.seal) == 0) {
			db_rollback(db);
			xq_msg(msg, _("%s: the pack was merged meanwhile by another session"), path);
			rc = XQ_ERR;
		}
	}
	if (rc == XQ_OK) {
		/* rows made and changed, parents first; then rows deleted, children first */
		for (int i = 0; rc == XQ_OK && i < m.nchg; i++)
			if (m.chg[i].op == SQLITE_INSERT)
				rc = apply_insert(&m, &m.t[m.chg[i].t], &m.chg[i], msg);
			else if (m.chg[i].op == SQLITE_UPDATE)
				rc = apply_update(&m, &m.t[m.chg[i].t], &m.chg[i], msg);
		for (int i = m.nchg - 1; rc == XQ_OK && i >= 0; i--)
			if (m.chg[i].op == SQLITE_DELETE)
				rc = apply_delete(&m, &m.t[m.chg[i].t], &m.chg[i], msg);
		if (rc == XQ_OK && !(flags & PACK_DRY_RUN) && out->undecided == 0) {
			sqlite3_stmt *st = db_stmt(db, "UPDATE pack SET merged_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
						       "merged_by = ?, merged_sum = ? WHERE id = ?", msg);
			rc = st ? XQ_OK : XQ_ERR;
			if (st) {
				bind_text(st, 1, db->op.login);
				bind_text(st, 2, u.seal);
				sqlite3_bind_int64(st, 3, u.origin.id);
				rc = db_exec_stmt(db, st, msg);
			}
			if (rc == XQ_OK && (rc = db_commit(db, msg)) == XQ_OK)
				out->written = true;
		} else
			db_rollback(db);
	}
	db->origin[0] = '\0';
	merge_free(&m);
	upack_close(&u);
	if (rc != XQ_OK)
		db_pack_merge_free(out);
	return rc;
}

/* ---- info ---- */

int db_pack_info(const char *path, struct pack_info *out, char *msg)
{
	memset(out, 0, sizeof *out);
	msg[0] = '\0';
	struct upack u;
	if (upack_open(path, &u, msg) != XQ_OK)
		return XQ_ERR;
	out->origin = u.origin;
	out->sealed = u.sealed;
	int n = 0;
	void *set = NULL;
	if (upack_attach_base(&u, path, msg) != XQ_OK || upack_changeset(&u, &n, &set, msg) != XQ_OK) {
		upack_close(&u);
		return XQ_ERR;
	}
	for (int i = 0; i < NMERGED && out->ntables < (int)XQ_NELEM(out->tables); i++) {
		xq_copy(out->tables[out->ntables].table, sizeof out->tables[0].table, merged_tables[i]);
		char *q = sqlite3_mprintf("SELECT count(*) FROM main.\"%w\"", merged_tables[i]);
		out->tables[out->ntables].rows = pragma_long(u.h, q);
		sqlite3_free(q);
		out->ntables++;
	}
	struct tdef *tds = xcalloc(NMERGED, sizeof *tds);
	int rc = XQ_OK;
	for (int i = 0; rc == XQ_OK && i < NMERGED; i++)
		rc = load_tdef(u.h, u.h, i, &tds[i], msg);
	sqlite3_changeset_iter *it = NULL;
	if (rc == XQ_OK && sqlite3changeset_start(&it, n, set) != SQLITE_OK)
		rc = XQ_ERR;
	int cap = 0;
	while (rc == XQ_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		int ti = table_index(tab);
		if (ti < 0)
			continue;
		out->changes = db_grow(out->changes, out->nchanges, &cap, sizeof *out->changes);
		struct pack_change *x = &out->changes[out->nchanges++];
		memset(x, 0, sizeof *x);
		xq_copy(x->table, sizeof x->table, tab);
		xq_copy(x->op, sizeof x->op, op == SQLITE_INSERT ? "insert" : op == SQLITE_UPDATE ? "update" : "delete");
		sqlite3_value *v = NULL;
		for (int c = 0; c < ncol; c++) {
			if ((op == SQLITE_INSERT ? sqlite3changeset_new(it, c, &v) : sqlite3changeset_old(it, c, &v)) == SQLITE_OK &&
			    v && c == 0)
				x->row_id = sqlite3_value_type(v) == SQLITE_INTEGER ? sqlite3_value_int64(v) : 0;
			v = NULL;
		}
		if (op == SQLITE_UPDATE) {
			/* the columns it sets, named from the pack's own table */
			char *q = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) ORDER BY cid", tab);
			sqlite3_stmt *st = NULL;
			struct strbuf b;
			sb_init(&b);
			if (sqlite3_prepare_v2(u.h, q, -1, &st, NULL) == SQLITE_OK)
				for (int c = 0; sqlite3_step(st) == SQLITE_ROW && c < ncol; c++) {
					v = NULL;
					const char *name = (const char *)sqlite3_column_text(st, 0);
					if (sqlite3changeset_new(it, c, &v) == SQLITE_OK && v && strcmp(name, "rev") != 0)
						sb_printf(&b, "%s%s", b.len ? ", " : "", name);
				}
			sqlite3_finalize(st);
			sqlite3_free(q);
			xq_copy(x->fields, sizeof x->fields, b.s ? b.s : "");
			sb_free(&b);
		}
		/* the row in full: as made, as deleted, or as the pack has it now */
		const struct tdef *td = &tds[ti];
		struct pval *row = xcalloc((size_t)ncol, sizeof *row);
		bool have = true;
		if (op == SQLITE_UPDATE) {
			struct pval key = {0};
			v = NULL;
			if (sqlite3changeset_old(it, td->pk, &v) == SQLITE_OK)
				pv_set(&key, v);
			have = read_row(td->sel, &key, td->ncol, row);
			pv_free(&key, 1);
		} else
			for (int c = 0; c < ncol; c++) {
				v = NULL;
				if ((op == SQLITE_INSERT ? sqlite3changeset_new(it, c, &v) : sqlite3changeset_old(it, c, &v)) == SQLITE_OK)
					pv_set(&row[c], v);
			}
		if (have)
			row_label(u.h, td, row, x->label, sizeof x->label);
		else
			snprintf(x->label, sizeof x->label, "%s %lld", tab, (long long)x->row_id);
		pv_free(row, ncol);
		free(row);
		for (int i = 0; i < out->ntables; i++)
			if (strcmp(out->tables[i].table, tab) == 0) {
				if (op == SQLITE_INSERT)
					out->tables[i].inserted++;
				else if (op == SQLITE_UPDATE)
					out->tables[i].updated++;
				else
					out->tables[i].deleted++;
			}
	}
	sqlite3changeset_finalize(it);
	sqlite3_free(set);
	for (int i = 0; i < NMERGED; i++)
		free_tdef(&tds[i]);
	free(tds);
	upack_close(&u);
	if (rc != XQ_OK && !msg[0])
		xq_msg(msg, "%s", _("cannot read the pack's changes"));
	return rc;
}

void db_pack_info_free(struct pack_info *info)
{
	free(info->changes);
	info->changes = NULL;
	info->nchanges = 0;
}
