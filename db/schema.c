/* schema.c: the schema as numbered migrations tracked in PRAGMA user_version, each applied
 * in one transaction; a database from a newer xuequ is refused. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "db/internal.h"

#define DATE_OK(c) "(" c " IS NULL OR (" c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(" c ") = " c "))"

static const char migration_1[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE school (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  code TEXT NOT NULL UNIQUE CHECK (length(code) = 10 AND code NOT GLOB '*[^0-9]*'),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  short_name TEXT,\n"
	"  level TEXT NOT NULL CHECK (level IN ('primary','junior','nine_year','twelve_year','teaching_point')),\n"
	"  town TEXT,\n"
	"  location TEXT NOT NULL CHECK (location IN ('urban','town','rural')),\n"
	"  lat REAL CHECK (lat BETWEEN -90 AND 90),\n"
	"  lon REAL CHECK (lon BETWEEN -180 AND 180),\n"
	"  students INTEGER CHECK (students >= 0),\n"
	"  classes INTEGER CHECK (classes >= 0),\n"
	"  staff_quota INTEGER CHECK (staff_quota >= 0),\n"
	"  teaching_area_m2 REAL CHECK (teaching_area_m2 >= 0),\n"
	"  sports_area_m2 REAL CHECK (sports_area_m2 >= 0),\n"
	"  equipment_value_yuan REAL CHECK (equipment_value_yuan >= 0),\n"
	"  multimedia_rooms INTEGER CHECK (multimedia_rooms >= 0),\n"
	"  music_rooms INTEGER CHECK (music_rooms >= 0),\n"
	"  art_rooms INTEGER CHECK (art_rooms >= 0),\n"
	"  hardship INTEGER NOT NULL DEFAULT 0 CHECK (hardship BETWEEN 0 AND 3)\n"
	");\n"
	"CREATE INDEX school_name ON school(name);\n"
	"CREATE INDEX school_town ON school(town, name);\n"
	"CREATE TABLE district (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  name TEXT NOT NULL UNIQUE CHECK (name <> ''),\n"
	"  form TEXT NOT NULL CHECK (form IN ('group','pairing','alliance','integrated')),\n"
	"  lead_school_id INTEGER REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  established_on TEXT CHECK " DATE_OK("established_on") ",\n"
	"  note TEXT\n"
	");\n"
	"CREATE TABLE member (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  role TEXT NOT NULL CHECK (role IN ('lead','member')),\n"
	"  from_date TEXT NOT NULL CHECK " DATE_OK("from_date") ",\n"
	"  to_date TEXT CHECK (" DATE_OK("to_date") " AND (to_date IS NULL OR to_date >= from_date)),\n"
	"  UNIQUE (district_id, school_id, from_date)\n"
	");\n"
	"CREATE INDEX member_school ON member(school_id, from_date);\n"
	"CREATE UNIQUE INDEX member_one_current ON member(school_id) WHERE to_date IS NULL;\n"
	/* a school is in at most one district at a time: no two memberships overlap; a
	 * membership runs from from_date up to the day before to_date, the day it leaves */
	"CREATE TRIGGER member_no_overlap_insert BEFORE INSERT ON member\n"
	"WHEN EXISTS (SELECT 1 FROM member m WHERE m.school_id = NEW.school_id\n"
	"  AND m.from_date < coalesce(NEW.to_date, '9999-12-31')\n"
	"  AND coalesce(m.to_date, '9999-12-31') > NEW.from_date)\n"
	"BEGIN SELECT RAISE(ABORT, 'a school is in at most one district at a time'); END;\n"
	"CREATE TRIGGER member_no_overlap_update BEFORE UPDATE OF school_id, from_date, to_date ON member\n"
	"WHEN EXISTS (SELECT 1 FROM member m WHERE m.school_id = NEW.school_id AND m.id <> NEW.id\n"
	"  AND m.from_date < coalesce(NEW.to_date, '9999-12-31')\n"
	"  AND coalesce(m.to_date, '9999-12-31') > NEW.from_date)\n"
	"BEGIN SELECT RAISE(ABORT, 'a school is in at most one district at a time'); END;\n"
	"CREATE TABLE agreement (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  supporting_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  supported_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  start_date TEXT NOT NULL CHECK " DATE_OK("start_date") ",\n"
	"  end_date TEXT CHECK (" DATE_OK("end_date") " AND (end_date IS NULL OR end_date >= start_date)),\n"
	"  goals TEXT,\n"
	"  CHECK (supporting_id <> supported_id),\n"
	"  UNIQUE (supporting_id, supported_id, start_date)\n"
	");\n"
	"CREATE INDEX agreement_supported ON agreement(supported_id);\n"
	"CREATE TABLE activity (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,\n"
	"  date TEXT NOT NULL CHECK " DATE_OK("date") ",\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('lecture','guidance','diagnosis','case_study','visit','shadowing','mentoring','other')),\n"
	"  note TEXT\n"
	");\n"
	"CREATE INDEX activity_agreement ON activity(agreement_id, date);\n"
	"CREATE TABLE teacher (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  staff_no TEXT NOT NULL UNIQUE CHECK (staff_no <> ''),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  gender TEXT NOT NULL CHECK (gender IN ('M','F')),\n"
	"  birth_date TEXT CHECK " DATE_OK("birth_date") ",\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  subjects TEXT,\n"
	"  title TEXT,\n"
	"  education TEXT NOT NULL CHECK (education IN ('secondary','junior_college','bachelor','master','doctor')),\n"
	"  backbone_level TEXT NOT NULL DEFAULT 'none' CHECK (backbone_level IN ('none','county','city','province','national')),\n"
	"  pe_art INTEGER NOT NULL DEFAULT 0 CHECK (pe_art IN (0,1)),\n"
	"  employment TEXT NOT NULL CHECK (employment IN ('in_post','special_post','substitute','other')),\n"
	"  post TEXT NOT NULL DEFAULT 'teacher' CHECK (post IN ('teacher','principal','vice_principal')),\n"
	"  post_since TEXT CHECK " DATE_OK("post_since") ",\n"
	"  joined_school_on TEXT CHECK " DATE_OK("joined_school_on") "\n"
	");\n"
	/* counts of teachers and backbone teachers per school read this index alone */
	"CREATE INDEX teacher_school ON teacher(school_id, backbone_level);\n"
	"CREATE INDEX teacher_name ON teacher(name);\n"
	"CREATE TABLE exemption (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('illness','maternity','family','other')),\n"
	"  start_date TEXT NOT NULL CHECK " DATE_OK("start_date") ",\n"
	"  end_date TEXT CHECK (" DATE_OK("end_date") " AND (end_date IS NULL OR end_date >= start_date)),\n"
	"  note TEXT,\n"
	"  UNIQUE (teacher_id, kind, start_date)\n"
	");\n"
	"CREATE TABLE operator (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  login TEXT NOT NULL UNIQUE CHECK (login <> ''),\n"
	"  role TEXT NOT NULL CHECK (role IN ('admin','district_admin','inspector','viewer')),\n"
	"  district_id INTEGER REFERENCES district(id) ON DELETE SET NULL,\n"
	"  school_id INTEGER REFERENCES school(id) ON DELETE SET NULL\n"
	");\n"
	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  login TEXT NOT NULL,\n"
	"  sudo_user TEXT,\n"
	"  tbl TEXT NOT NULL,\n"
	"  row_id INTEGER NOT NULL,\n"
	"  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),\n"
	"  before TEXT,\n"
	"  after TEXT\n"
	");\n"
	"CREATE INDEX audit_row ON audit(tbl, row_id, id);\n";

/* The school's audited columns as migration 1 made them; migration 6 adds the pupils by
 * stage (triggers naming a column the table lacks would break later migrations). */
#define SCHOOL_AUDITED_1                                                                     \
	"rev code name short_name level town location lat lon students classes staff_quota "    \
	"teaching_area_m2 sports_area_m2 equipment_value_yuan multimedia_rooms music_rooms "    \
	"art_rooms hardship"

/* Audited tables and their columns: each gets insert/update/delete triggers that write the
 * row before and after as JSON, with the login of the connection (xq_login()). */
static const struct {
	const char *table;
	const char *columns;
} audited[] = {
	{"school", SCHOOL_AUDITED_1 " students_primary students_junior"},
	{"district", "rev name form lead_school_id established_on note"},
	{"member", "rev district_id school_id role from_date to_date"},
	{"agreement", "rev supporting_id supported_id start_date end_date goals"},
	{"activity", "rev agreement_id date kind note"},
	{"teacher", "rev staff_no name gender birth_date school_id subjects title education "
		    "backbone_level pe_art employment post post_since joined_school_on"},
	{"exemption", "rev teacher_id kind start_date end_date note"},
	{"operator", "rev login role district_id school_id"},
	{"exchange", "rev teacher_id from_school_id to_school_id kind reason year start_date "
		     "end_date week_share status evaluation subsidy_month note"},
	{"policy", "rev key value"},
	{"template", "rev name version target pass_rule pass_total"},
	{"template_section", "rev template_id position name"},
	{"template_item", "rev template_id section_id position text kind max comparator threshold unit "
			  "indicator weight veto"},
	{"inspection", "rev template_id school_id district_id date stage team status"},
	{"result", "rev inspection_id item_id value threshold pass note computed override_note"},
	{"rectification", "rev inspection_id item_id school_id person deadline status reported_on "
			  "verified_by note"},
	{"room", "rev school_id name kind capacity shareable open_from open_to equipment uses hours"},
	{"term", "rev name first_day last_day days periods day_names period_names"},
	{"bell", "rev term_id school_id period start end"},
	{"travel", "rev from_school_id to_school_id minutes note"},
	{"subject", "rev code name room_kind"},
	{"class", "rev term_id school_id grade name students home_room_id"},
	{"class_group", "rev class_id parent_id name students"},
	{"course", "rev term_id school_id subject_id lessons length different_days room_kind fet_id note"},
	{"course_students", "rev course_id class_id group_id"},
	{"course_teacher", "rev course_id teacher_id"},
	{"course_room", "rev course_id room_id weight"},
	{"unavailable", "rev term_id teacher_id class_id room_id day period group_id weight"},
	{"teacher_rule", "rev term_id teacher_id min_travel max_changes max_days max_gaps min_gap_periods"},
	{"lesson", "rev course_id seq day period room_id locked fet_id"},
	{"room_hours", "rev room_id term_id hours"},
	{"calendar", "rev day school_id kind as_weekday note"},
	{"booking", "rev room_id school_id first_day last_day start end rrule purpose contact status reason "
		    "requested_by requested_at decided_by decided_at"},
	{"booking_change", "rev booking_id day kind new_day start end status note"},
	{"quota", "rev district_id term_id room_kind hours"},
	{"group_member", "rev group_id subgroup_id"},
	{"lesson_rule", "rev term_id kind weight n flag slots note"},
	{"lesson_rule_lesson", "rev rule_id lesson_id"},
	{"day_rule", "rev term_id kind weight teacher_id class_id group_id everyone n empty_days"},
};

const char *db_audited_columns(const char *table)
{
	for (size_t t = 0; t < XQ_NELEM(audited); t++)
		if (strcmp(audited[t].table, table) == 0)
			return audited[t].columns;
	return NULL;
}

static void json_of(struct strbuf *b, const char *prefix, const char *columns)
{
	sb_adds(b, "xq_json('id', ");
	sb_printf(b, "%s.id", prefix);
	char cols[512];
	xq_copy(cols, sizeof cols, columns);
	for (char *save = NULL, *c = strtok_r(cols, " ", &save); c; c = strtok_r(NULL, " ", &save))
		sb_printf(b, ", '%s', %s.%s", c, prefix, c);
	sb_adds(b, ")");
}

/* The time and the JSON of an audit row: xuequ's own functions (db.c), which write what
 * strftime('%Y-%m-%dT%H:%M:%fZ', 'now') and json_object wrote, in a fraction of the time;
 * migration 17 made the triggers of older databases so. */
#define AUDIT_AT "xq_at(julianday('now'))"
#define AUDIT_AT_BEFORE_17 "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* The audit triggers of one table (all tables when NULL); columns, when not NULL, replaces
 * the table's list. */
static void audit_triggers(struct strbuf *b, const char *only, const char *columns, bool origin)
{
	static const char *const ops[] = {"insert", "update", "delete"};
	for (size_t t = 0; t < XQ_NELEM(audited); t++)
		for (int o = 0; o < 3 && (!only || strcmp(only, audited[t].table) == 0); o++) {
			const char *tb = audited[t].table;
			sb_printf(b, "CREATE TRIGGER audit_%s_%s AFTER %s ON %s BEGIN\n", tb, ops[o],
				o == 0 ? "INSERT" : o == 1 ? "UPDATE" : "DELETE", tb);
			sb_printf(b, "  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, %sbefore, after)\n",
				origin ? "origin, " : "");
			sb_printf(b, "  VALUES (" AUDIT_AT ", xq_login(), "
				     "xq_sudo(), '%s', %s.id, '%s', %s", tb, o == 0 ? "NEW" : "OLD", ops[o],
				origin ? "xq_origin(), " : "");
			if (o == 0)
				sb_adds(b, "NULL");
			else
				json_of(b, "OLD", columns ? columns : audited[t].columns);
			sb_adds(b, ", ");
			if (o == 2)
				sb_adds(b, "NULL");
			else
				json_of(b, "NEW", columns ? columns : audited[t].columns);
			sb_adds(b, ");\nEND;\n");
		}
}

/* The audit triggers of tables as migrations before migrate_offline made them: the audit
 * log had no origin column yet. */
static int add_audit(struct db *db, const char *const *tables, int ntables, char *msg)
{
	struct strbuf b;
	sb_init(&b);
	for (int i = 0; i < ntables; i++)
		audit_triggers(&b, tables[i], NULL, false);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

static int with_audit(struct db *db, const char *sql, const char *const *tables, int ntables,
	char *msg)
{
	if (db_exec(db, sql, msg) != XQ_OK)
		return XQ_ERR;
	return add_audit(db, tables, ntables, msg);
}

static int migrate_1(struct db *db, char *msg)
{
	static const char *const tables[] = {"district", "member", "agreement", "activity",
		"teacher", "exemption", "operator"};
	if (with_audit(db, migration_1, tables, (int)XQ_NELEM(tables), msg) != XQ_OK)
		return XQ_ERR;
	struct strbuf b;
	sb_init(&b);
	audit_triggers(&b, "school", SCHOOL_AUDITED_1, false);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* Teacher exchanges (交流轮岗): the columns and checks, which migration 5 keeps when it
 * rebuilds the table, and the indexes. */
#define EXCHANGE_FIELDS                                                                      \
	"  id INTEGER PRIMARY KEY,\n"                                                       \
	"  rev INTEGER NOT NULL DEFAULT 1,\n"                                               \
	"  teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE RESTRICT,\n"        \
	"  from_school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"     \
	"  to_school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"       \
	"  kind TEXT NOT NULL CHECK (kind IN ('rotation','support','itinerant','parttime')),\n" \
	"  reason TEXT NOT NULL CHECK (reason IN ('adjustment','mandatory','upward','voluntary')),\n" \
	"  year TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]' AND\n" \
	"    CAST(substr(year, 6) AS INTEGER) = CAST(substr(year, 1, 4) AS INTEGER) + 1),\n" \
	"  start_date TEXT NOT NULL CHECK " DATE_OK("start_date") ",\n"                     \
	"  end_date TEXT NOT NULL CHECK (" DATE_OK("end_date") " AND end_date >= start_date),\n" \
	"  week_share REAL CHECK (week_share IS NULL OR (week_share > 0 AND week_share <= 1)),\n" \
	"  status TEXT NOT NULL CHECK (status IN ('proposed','approved','active','completed'," \
	"'rejected','cancelled','extended')),\n"                                            \
	"  evaluation TEXT CHECK (evaluation IS NULL OR evaluation IN ('excellent','qualified','unqualified')),\n" \
	"  subsidy_month REAL CHECK (subsidy_month IS NULL OR subsidy_month >= 0),\n"
#define EXCHANGE_COLUMNS EXCHANGE_FIELDS "  CHECK (from_school_id <> to_school_id)"
#define EXCHANGE_INDEXES                                                                     \
	"CREATE INDEX exchange_year ON exchange(year, status);\n"                               \
	"CREATE INDEX exchange_from ON exchange(from_school_id);\n"                             \
	"CREATE INDEX exchange_to ON exchange(to_school_id);\n"

static const char migration_2[] =
	"CREATE TABLE exchange (\n" EXCHANGE_COLUMNS ",\n"
	"  UNIQUE (teacher_id, start_date)\n"
	");\n" EXCHANGE_INDEXES;

static int migrate_2(struct db *db, char *msg)
{
	static const char *const tables[] = {"exchange"};
	return with_audit(db, migration_2, tables, 1, msg);
}

/* The county's policy: one row per option of [exchange] and [indicators] ("section.key"),
 * valued as the INI file spells it. id numbers the row in the audit log. */
static const char migration_3[] =
	"CREATE TABLE policy (\n"
	"  key TEXT PRIMARY KEY CHECK (key GLOB '[a-z]*.[a-z]*'),\n"
	"  id INTEGER NOT NULL UNIQUE,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  value TEXT NOT NULL\n"
	");\n"
	"CREATE TRIGGER policy_keep_key BEFORE UPDATE OF key, id ON policy\n"
	"BEGIN SELECT RAISE(ABORT, 'a policy key and its id do not change'); END;\n"
	"CREATE TRIGGER policy_keep_row BEFORE DELETE ON policy\n"
	"BEGIN SELECT RAISE(ABORT, 'a policy key is not removed; set its value instead'); END;\n";

/* The policy seeded before its audit triggers: a new database's audit log starts empty. */
static int migrate_3(struct db *db, char *msg)
{
	static const char *const tables[] = {"policy"};
	if (db_exec(db, migration_3, msg) != XQ_OK || db_policy_insert_seed(db, msg) != XQ_OK)
		return XQ_ERR;
	return add_audit(db, tables, 1, msg);
}

/* Rules the database keeps by itself, whatever the program checked first, so that two
 * sessions writing at once cannot break them: a teacher's exchanges do not overlap (the rule
 * of exchange_overlap in core/exchange.c: rejected and cancelled ones do not count, the
 * dates are inclusive, two itinerant or part-time ones may share days while their shares of
 * the week add up to at most 1), the operators keep at least one admin, and the audit log
 * is only ever added to. */
#define LIVE_STATUS "status NOT IN ('rejected','cancelled')"
#define LIVE(x) x "." LIVE_STATUS
#define PARTIAL(x) x ".kind IN ('itinerant','parttime')"
#define SHARE(x) "(CASE WHEN " x ".week_share > 0 THEN " x ".week_share ELSE 1 END)"
#define MEETS_NEW(other)                                                                    \
	"o.teacher_id = NEW.teacher_id AND " other LIVE("o") " AND o.start_date <= "         \
	"coalesce(NEW.end_date, '9999-12-31') AND NEW.start_date <= coalesce(o.end_date, "     \
	"'9999-12-31')"
#define OVERLAP_WHEN(other)                                                                 \
	"WHEN " LIVE("NEW") " AND (EXISTS (SELECT 1 FROM exchange o WHERE " MEETS_NEW(other)   \
	" AND NOT (" PARTIAL("NEW") " AND " PARTIAL("o") ")) OR (" PARTIAL("NEW") " AND "      \
	SHARE("NEW") " + (SELECT total(" SHARE("o") ") FROM exchange o WHERE " MEETS_NEW(other) \
	" AND " PARTIAL("o") ") > 1 + 1e-9))\n"
#define KEEP_ADMIN_WHEN                                                                     \
	"WHEN OLD.role = 'admin' AND NOT EXISTS (SELECT 1 FROM operator a WHERE a.role = "     \
	"'admin' AND a.id <> OLD.id)\n"

/* The RAISE messages are msgids of the catalogues: readable_error (db/db.c) translates them. */
#define EXCHANGE_GUARDS                                                                      \
	"CREATE TRIGGER exchange_no_overlap_insert BEFORE INSERT ON exchange\n" OVERLAP_WHEN("") \
	"BEGIN SELECT RAISE(ABORT, 'an exchange of this teacher overlaps another one'); END;\n" \
	"CREATE TRIGGER exchange_no_overlap_update BEFORE UPDATE OF teacher_id, kind, start_date, " \
	"end_date, week_share, status ON exchange\n" OVERLAP_WHEN("o.id <> NEW.id AND ")       \
	"BEGIN SELECT RAISE(ABORT, 'an exchange of this teacher overlaps another one'); END;\n"

static const char migration_guards[] =
	EXCHANGE_GUARDS
	"CREATE TRIGGER operator_keep_admin_update BEFORE UPDATE OF role ON operator\n"
	KEEP_ADMIN_WHEN "AND NEW.role <> 'admin'\n"
	"BEGIN SELECT RAISE(ABORT, 'the last admin cannot be demoted or removed'); END;\n"
	"CREATE TRIGGER operator_keep_admin_delete BEFORE DELETE ON operator\n" KEEP_ADMIN_WHEN
	"BEGIN SELECT RAISE(ABORT, 'the last admin cannot be demoted or removed'); END;\n"
	/* the audit log is written by the audit triggers and never changed afterwards */
	"CREATE TRIGGER append_only_audit_update BEFORE UPDATE ON audit\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;\n"
	"CREATE TRIGGER append_only_audit_delete BEFORE DELETE ON audit\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;\n";

static int migrate_guards(struct db *db, char *msg)
{
	return db_exec(db, migration_guards, msg);
}

/* A teacher may be proposed again for the same start date once the earlier proposal was
 * rejected or cancelled: the exchange table loses its UNIQUE (teacher_id, start_date), and
 * at most one live exchange has a given teacher and start date. SQLite changes a table's
 * constraints by rebuilding it: a new table with the same columns and every other rule,
 * the rows copied with their ids (their audit history stays theirs), the old table dropped
 * (with its indexes and triggers, no trigger firing), the new one renamed, and the indexes,
 * the audit triggers and the guards made again. Foreign keys stay on (a migration runs in a
 * transaction, where they cannot be turned off): no table refers to exchange, which is
 * checked first, and the copied rows' own references are checked before the commit. The
 * new table also gains the exchange's note (multi-line, at most TEXT_LEN - 1 bytes; a
 * rejection's or cancellation's reason is added to it), empty in the copied rows. */
static const char migration_relive[] =
	"CREATE TABLE exchange_new (\n" EXCHANGE_FIELDS
	"  note TEXT CHECK (note IS NULL OR length(CAST(note AS BLOB)) < 1024),\n"
	"  CHECK (from_school_id <> to_school_id)\n"
	");\n"
	"INSERT INTO exchange_new (id, rev, teacher_id, from_school_id, to_school_id, kind, reason, "
	"year, start_date, end_date, week_share, status, evaluation, subsidy_month, note)\n"
	"  SELECT id, rev, teacher_id, from_school_id, to_school_id, kind, reason, year, start_date, "
	"end_date, week_share, status, evaluation, subsidy_month, NULL FROM exchange ORDER BY id;\n"
	"DROP TABLE exchange;\n"
	"ALTER TABLE exchange_new RENAME TO exchange;\n" EXCHANGE_INDEXES
	"CREATE UNIQUE INDEX exchange_one_live ON exchange(teacher_id, start_date) WHERE "
	LIVE_STATUS ";\n" EXCHANGE_GUARDS;

static int migrate_relive(struct db *db, char *msg)
{
	static const char *const tables[] = {"exchange"};
	/* dropping a table that others refer to would delete or orphan their rows, foreign
	 * keys being on: were a migration before this one to add such a table, this one would
	 * have to rebuild it as well */
	sqlite3_stmt *st = db_stmt(db, "SELECT s.name FROM sqlite_schema s, pragma_foreign_key_list(s.name) f "
				       "WHERE s.type = 'table' AND f.\"table\" = 'exchange'", msg);
	if (!st)
		return XQ_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		xq_msg(msg, _("table %s refers to exchange: rebuilding exchange would lose its rows' "
			      "references"), (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	if (rc != SQLITE_DONE)
		return XQ_ERR;
	if (with_audit(db, migration_relive, tables, 1, msg) != XQ_OK)
		return XQ_ERR;
	st = db_stmt(db, "PRAGMA foreign_key_check(exchange)", msg);
	if (!st)
		return XQ_ERR;
	rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_DONE)
		return XQ_OK;
	if (rc == SQLITE_ROW)
		xq_msg(msg, "%s", _("an exchange refers to a missing teacher or school"));
	else
		db_errmsg(db, msg);
	return XQ_ERR;
}

/* Pupils by stage of nine-year and twelve-year schools, for the indicators of each stage.
 * A column already there (a database someone set back by hand) is kept. The school's audit
 * triggers are made again with the new columns. */
static const char *const stage_columns[][2] = {
	{"students_primary", "ALTER TABLE school ADD COLUMN students_primary INTEGER CHECK "
			     "(students_primary >= 0)"},
	{"students_junior", "ALTER TABLE school ADD COLUMN students_junior INTEGER CHECK "
			    "(students_junior >= 0)"},
};

static int migrate_stages(struct db *db, char *msg)
{
	static const char *const tables[] = {"school"};
	for (size_t i = 0; i < XQ_NELEM(stage_columns); i++) {
		sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM pragma_table_info('school') WHERE name = ?", msg);
		if (!st)
			return XQ_ERR;
		bind_text(st, 1, stage_columns[i][0]);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			db_errmsg(db, msg);
		db_done(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return XQ_ERR;
		if (rc == SQLITE_DONE && db_exec(db, stage_columns[i][1], msg) != XQ_OK)
			return XQ_ERR;
	}
	return with_audit(db, "DROP TRIGGER IF EXISTS audit_school_insert;\n"
			      "DROP TRIGGER IF EXISTS audit_school_update;\n"
			      "DROP TRIGGER IF EXISTS audit_school_delete;\n", tables, 1, msg);
}

/* Inspections (督导检查): checklist templates, versioned (a version an inspection uses is
 * frozen: a change is a new version), their items, inspections of a school or a district by
 * a team of inspectors, the results per item, and the rectifications of failed items. */
static const char migration_inspect[] =
	"CREATE TABLE template (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  version INTEGER NOT NULL CHECK (version >= 1),\n"
	"  target TEXT NOT NULL CHECK (target IN ('school','district')),\n"
	"  pass_rule TEXT NOT NULL CHECK (pass_rule IN ('total','indicators')),\n"
	"  pass_total REAL CHECK (pass_total IS NULL OR pass_total >= 0),\n"
	"  UNIQUE (name, version)\n"
	");\n"
	"CREATE TABLE template_section (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  template_id INTEGER NOT NULL REFERENCES template(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL CHECK (position >= 1),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  UNIQUE (template_id, position),\n"
	"  UNIQUE (template_id, name)\n"
	");\n"
	"CREATE TABLE template_item (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  template_id INTEGER NOT NULL REFERENCES template(id) ON DELETE CASCADE,\n"
	"  section_id INTEGER NOT NULL REFERENCES template_section(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL CHECK (position >= 1),\n"
	"  text TEXT NOT NULL CHECK (text <> ''),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('yesno','score','measured','indicator')),\n"
	"  max REAL CHECK ((kind = 'score') = (max IS NOT NULL AND max > 0)),\n"
	"  comparator TEXT CHECK ((kind = 'measured') = (comparator IS NOT NULL) AND\n"
	"    (comparator IS NULL OR comparator IN ('>=','>','<=','<','='))),\n"
	"  threshold REAL CHECK (kind <> 'measured' OR threshold IS NOT NULL),\n"
	"  unit TEXT,\n"
	"  indicator TEXT CHECK ((kind = 'indicator') = (indicator IS NOT NULL)),\n"
	"  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),\n"
	"  veto INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0,1)),\n"
	"  UNIQUE (template_id, position)\n"
	");\n"
	"CREATE TABLE inspection (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  template_id INTEGER NOT NULL REFERENCES template(id) ON DELETE RESTRICT,\n"
	"  school_id INTEGER REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  district_id INTEGER REFERENCES district(id) ON DELETE RESTRICT,\n"
	"  date TEXT NOT NULL CHECK " DATE_OK("date") ",\n"
	"  stage TEXT CHECK (stage IS NULL OR stage IN ('primary','junior')),\n"
	"  team TEXT NOT NULL CHECK (team <> ''),\n"
	"  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','submitted','closed')),\n"
	"  CHECK ((school_id IS NULL) <> (district_id IS NULL))\n"
	");\n"
	"CREATE INDEX inspection_school ON inspection(school_id, date);\n"
	"CREATE INDEX inspection_district ON inspection(district_id, date);\n"
	"CREATE INDEX inspection_template ON inspection(template_id);\n"
	"CREATE TABLE result (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,\n"
	"  item_id INTEGER NOT NULL REFERENCES template_item(id) ON DELETE RESTRICT,\n"
	"  value REAL NOT NULL,\n"
	"  threshold REAL,\n"
	"  pass INTEGER NOT NULL CHECK (pass IN (0,1)),\n"
	"  note TEXT,\n"
	"  computed REAL,\n"
	"  override_note TEXT CHECK (computed IS NULL OR override_note IS NOT NULL),\n"
	"  UNIQUE (inspection_id, item_id)\n"
	");\n"
	"CREATE TABLE rectification (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE RESTRICT,\n"
	"  item_id INTEGER NOT NULL REFERENCES template_item(id) ON DELETE RESTRICT,\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  person TEXT NOT NULL CHECK (person <> ''),\n"
	"  deadline TEXT NOT NULL CHECK " DATE_OK("deadline") ",\n"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','reported','verified')),\n"
	"  reported_on TEXT CHECK " DATE_OK("reported_on") ",\n"
	"  verified_by INTEGER REFERENCES inspection(id) ON DELETE RESTRICT,\n"
	"  note TEXT,\n"
	"  CHECK ((status = 'verified') = (verified_by IS NOT NULL)),\n"
	"  UNIQUE (inspection_id, item_id, school_id)\n"
	");\n"
	"CREATE INDEX rectification_school ON rectification(school_id, deadline);\n"
	/* a template version an inspection uses keeps its items as they are */
	"CREATE TRIGGER template_item_frozen_update BEFORE UPDATE ON template_item\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = OLD.template_id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n"
	"CREATE TRIGGER template_item_frozen_delete BEFORE DELETE ON template_item\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = OLD.template_id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n"
	"CREATE TRIGGER template_item_frozen_insert BEFORE INSERT ON template_item\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = NEW.template_id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n"
	"CREATE TRIGGER template_section_frozen_update BEFORE UPDATE ON template_section\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = OLD.template_id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n"
	"CREATE TRIGGER template_section_frozen_delete BEFORE DELETE ON template_section\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = OLD.template_id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n"
	"CREATE TRIGGER template_section_frozen_insert BEFORE INSERT ON template_section\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = NEW.template_id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n"
	"CREATE TRIGGER template_frozen BEFORE UPDATE ON template\n"
	"WHEN EXISTS (SELECT 1 FROM inspection WHERE template_id = OLD.id)\n"
	"BEGIN SELECT RAISE(ABORT, 'a template version used by an inspection does not change'); END;\n";

/* The shipped templates are seeded before the audit triggers, as migration 3 seeds the
 * policy: a new database's audit log starts empty. */
static int migrate_inspect(struct db *db, char *msg)
{
	static const char *const tables[] = {"template", "template_section", "template_item",
		"inspection", "result", "rectification"};
	if (db_exec(db, migration_inspect, msg) != XQ_OK || db_template_insert_seed(db, msg) != XQ_OK)
		return XQ_ERR;
	return add_audit(db, tables, (int)XQ_NELEM(tables), msg);
}

/* Rooms (§9): one table for timetabling and facility sharing. A room belongs to a school and
 * is named uniquely within it (SCHOOLCODE:NAME on the command line); a shareable room is open
 * to the district's schools from open_from to open_to (HH:MM) unless finer hours say else. */
static const char migration_rooms[] =
	"CREATE TABLE room (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  kind TEXT NOT NULL DEFAULT 'classroom' CHECK (kind IN ('classroom','multimedia','playground',\n"
	"    'gym','music','art','computer','science','library','meeting','other')),\n"
	"  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),\n"
	"  shareable INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0,1)),\n"
	"  open_from TEXT CHECK (open_from IS NULL OR (open_from GLOB '[0-2][0-9]:[0-5][0-9]' AND open_from < '24:00')),\n"
	"  open_to TEXT CHECK (open_to IS NULL OR (open_to GLOB '[0-2][0-9]:[0-5][0-9]' AND open_to <= '24:00')),\n"
	"  equipment TEXT,\n"
	"  uses TEXT,\n"
	"  CHECK (open_from IS NULL OR open_to IS NULL OR open_from < open_to),\n"
	"  UNIQUE (school_id, name)\n"
	");\n"
	"CREATE INDEX room_kind ON room(kind, school_id);\n";

/* the room's audited columns until migrate_facilities added its hours */
#define ROOM_AUDITED_8 "rev school_id name kind capacity shareable open_from open_to equipment uses"

static int migrate_rooms(struct db *db, char *msg)
{
	if (db_exec(db, migration_rooms, msg) != XQ_OK)
		return XQ_ERR;
	struct strbuf b;
	sb_init(&b);
	audit_triggers(&b, "room", ROOM_AUDITED_8, false);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* Scale: a teacher's exchanges found by the teacher (eligibility, the overlap guards and
 * the reports look them up per teacher; the partial unique index serves only live ones). */
static const char migration_scale[] =
	"CREATE INDEX exchange_teacher ON exchange(teacher_id, start_date);\n";

static int migrate_scale(struct db *db, char *msg)
{
	return db_exec(db, migration_scale, msg);
}

/* Offline work (§11): the audit log says where a change came from (a merged pack, with the
 * laptop's operator and time), every audited table's triggers made again to write it (the
 * rooms' too, which migration 8 left without); the packs taken from this database, each
 * with its own range of row ids for rows made on the laptop, and the inspections each pack
 * holds; and the database's own id, which a pack names to be merged back. */
static const char migration_offline[] =
	"INSERT OR IGNORE INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));\n"
	"CREATE TABLE pack (\n"
	"  id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 8388606),\n"
	"  uuid TEXT NOT NULL UNIQUE,\n"
	"  taken_at TEXT NOT NULL,\n"
	"  taken_by TEXT NOT NULL,\n"
	"  scope TEXT NOT NULL,\n"
	"  file TEXT NOT NULL,\n"
	"  base_sum TEXT,\n"
	"  merged_at TEXT,\n"
	"  merged_by TEXT,\n"
	"  merged_sum TEXT\n"
	");\n"
	"CREATE TABLE pack_inspection (\n"
	"  pack_id INTEGER NOT NULL REFERENCES pack(id) ON DELETE CASCADE,\n"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (pack_id, inspection_id)\n"
	");\n"
	"CREATE INDEX pack_inspection_by ON pack_inspection(inspection_id);\n";

/* Whether table has a column of that name (a database set back by hand keeps what it has). */
static int has_column(struct db *db, const char *table, const char *column, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", msg);
	if (!st)
		return -1;
	bind_text(st, 1, table);
	bind_text(st, 2, column);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_errmsg(db, msg);
	db_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int migrate_offline(struct db *db, char *msg)
{
	int have = has_column(db, "audit", "origin", msg);
	if (have < 0 || (have == 0 && db_exec(db, "ALTER TABLE audit ADD COLUMN origin TEXT", msg) != XQ_OK))
		return XQ_ERR;
	if (db_exec(db, migration_offline, msg) != XQ_OK)
		return XQ_ERR;
	static const char *const ops[] = {"insert", "update", "delete"};
	struct strbuf b;
	sb_init(&b);
	/* the tables there are so far: later migrations make theirs with the origin */
	for (size_t t = 0; t < XQ_NELEM(audited); t++) {
		sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", msg);
		if (!st) {
			sb_free(&b);
			return XQ_ERR;
		}
		bind_text(st, 1, audited[t].table);
		bool exists = sqlite3_step(st) == SQLITE_ROW;
		db_done(st);
		if (!exists)
			continue;
		for (int o = 0; o < 3; o++)
			sb_printf(&b, "DROP TRIGGER IF EXISTS audit_%s_%s;\n", audited[t].table, ops[o]);
		audit_triggers(&b, audited[t].table, strcmp(audited[t].table, "room") == 0 ? ROOM_AUDITED_8 : NULL,
			true);
	}
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* Timetables (走教排课, §4 and §9): terms with their week (days, periods and their names),
 * bell times per school and term (a school without its own uses the term's, school_id
 * NULL), travel minutes between two schools where the road says otherwise than their
 * positions, subjects, the classes of a term with their groups and subgroups, courses (the
 * classes or groups taught together, their teachers and the rooms allowed), the slots a
 * teacher, class or room is not available, a teacher's rules, and the lessons placed. */
#define CLOCK_OK(c) "(" c " GLOB '[0-2][0-9]:[0-5][0-9]' AND " c " <= '24:00')"
#define ROOM_KINDS "('classroom','multimedia','playground','gym','music','art','computer','science','library','meeting','other')"
static const char migration_timetable[] =
	"CREATE TABLE term (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  name TEXT NOT NULL UNIQUE CHECK (name GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]/[1-4]' AND\n"
	"    CAST(substr(name, 6, 4) AS INTEGER) = CAST(substr(name, 1, 4) AS INTEGER) + 1),\n"
	"  first_day TEXT NOT NULL CHECK " DATE_OK("first_day") ",\n"
	"  last_day TEXT NOT NULL CHECK (" DATE_OK("last_day") " AND last_day >= first_day),\n"
	"  days INTEGER NOT NULL DEFAULT 5 CHECK (days BETWEEN 1 AND 20),\n"
	"  periods INTEGER NOT NULL DEFAULT 8 CHECK (periods BETWEEN 1 AND 30),\n"
	"  day_names TEXT,\n"
	"  period_names TEXT\n"
	");\n"
	"CREATE TABLE bell (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  school_id INTEGER REFERENCES school(id) ON DELETE CASCADE,\n"
	"  period INTEGER NOT NULL CHECK (period BETWEEN 1 AND 30),\n"
	"  start TEXT NOT NULL CHECK " CLOCK_OK("start") ",\n"
	"  end TEXT NOT NULL CHECK (" CLOCK_OK("end") " AND end > start),\n"
	"  UNIQUE (term_id, school_id, period)\n"
	");\n"
	"CREATE UNIQUE INDEX bell_default ON bell(term_id, period) WHERE school_id IS NULL;\n"
	"CREATE TABLE travel (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  from_school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,\n"
	"  to_school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,\n"
	"  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 600),\n"
	"  note TEXT,\n"
	"  CHECK (from_school_id < to_school_id),\n"
	"  UNIQUE (from_school_id, to_school_id)\n"
	");\n"
	"CREATE TABLE subject (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  code TEXT NOT NULL UNIQUE CHECK (code <> ''),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  room_kind TEXT CHECK (room_kind IS NULL OR room_kind IN " ROOM_KINDS ")\n"
	");\n"
	"CREATE TABLE class (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  grade TEXT NOT NULL CHECK (grade <> ''),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  students INTEGER CHECK (students IS NULL OR students >= 0),\n"
	"  home_room_id INTEGER REFERENCES room(id) ON DELETE SET NULL,\n"
	"  UNIQUE (term_id, school_id, name)\n"
	");\n"
	"CREATE INDEX class_school ON class(school_id, term_id);\n"
	/* a group of a class, or a subgroup of a group (parent_id) */
	"CREATE TABLE class_group (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES class_group(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  students INTEGER CHECK (students IS NULL OR students >= 0),\n"
	"  UNIQUE (class_id, name)\n"
	");\n"
	"CREATE TABLE course (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id) ON DELETE RESTRICT,\n"
	"  lessons INTEGER NOT NULL CHECK (lessons BETWEEN 1 AND 60),\n"
	"  length INTEGER NOT NULL DEFAULT 1 CHECK (length BETWEEN 1 AND 30),\n"
	"  different_days INTEGER NOT NULL DEFAULT 0 CHECK (different_days IN (0,1)),\n"
	"  room_kind TEXT CHECK (room_kind IS NULL OR room_kind IN " ROOM_KINDS "),\n"
	"  fet_id INTEGER,\n"
	"  note TEXT\n"
	");\n"
	"CREATE INDEX course_term ON course(term_id, school_id);\n"
	/* who a course teaches: a whole class, or one of its groups or subgroups */
	"CREATE TABLE course_students (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,\n"
	"  class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,\n"
	"  group_id INTEGER REFERENCES class_group(id) ON DELETE CASCADE,\n"
	"  UNIQUE (course_id, class_id, group_id)\n"
	");\n"
	"CREATE INDEX course_students_class ON course_students(class_id);\n"
	"CREATE TABLE course_teacher (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,\n"
	"  teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE RESTRICT,\n"
	"  UNIQUE (course_id, teacher_id)\n"
	");\n"
	"CREATE INDEX course_teacher_by ON course_teacher(teacher_id);\n"
	"CREATE TABLE course_room (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,\n"
	"  room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,\n"
	"  UNIQUE (course_id, room_id)\n"
	");\n"
	/* one slot a teacher, a class or a room is not available, in a term */
	"CREATE TABLE unavailable (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  teacher_id INTEGER REFERENCES teacher(id) ON DELETE CASCADE,\n"
	"  class_id INTEGER REFERENCES class(id) ON DELETE CASCADE,\n"
	"  room_id INTEGER REFERENCES room(id) ON DELETE CASCADE,\n"
	"  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 20),\n"
	"  period INTEGER NOT NULL CHECK (period BETWEEN 1 AND 30),\n"
	"  CHECK ((teacher_id IS NOT NULL) + (class_id IS NOT NULL) + (room_id IS NOT NULL) = 1),\n"
	"  UNIQUE (term_id, teacher_id, class_id, room_id, day, period)\n"
	");\n"
	/* a teacher's rules in a term; NULL: the default (min_travel: the travel time) */
	"CREATE TABLE teacher_rule (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE CASCADE,\n"
	"  min_travel INTEGER CHECK (min_travel IS NULL OR min_travel BETWEEN 0 AND 600),\n"
	"  max_changes INTEGER CHECK (max_changes IS NULL OR max_changes >= 0),\n"
	"  max_days INTEGER CHECK (max_days IS NULL OR max_days BETWEEN 0 AND 20),\n"
	"  max_gaps INTEGER CHECK (max_gaps IS NULL OR max_gaps >= 0),\n"
	"  UNIQUE (term_id, teacher_id)\n"
	");\n"
	/* the lessons of a course, numbered 1.., each placed (day, period, room) or not yet */
	"CREATE TABLE lesson (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  day INTEGER CHECK (day IS NULL OR day BETWEEN 1 AND 20),\n"
	"  period INTEGER CHECK (period IS NULL OR period BETWEEN 1 AND 30),\n"
	"  room_id INTEGER REFERENCES room(id) ON DELETE SET NULL,\n"
	"  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0,1)),\n"
	"  fet_id INTEGER,\n"
	"  CHECK ((day IS NULL) = (period IS NULL)),\n"
	"  CHECK (locked = 0 OR day IS NOT NULL),\n"
	"  UNIQUE (course_id, seq)\n"
	");\n"
	"CREATE INDEX lesson_slot ON lesson(day, period);\n";

/* the teacher rule's audited columns until migrate_fet added min_gap_periods */
#define TEACHER_RULE_AUDITED_6 "rev term_id teacher_id min_travel max_changes max_days max_gaps"
#define UNAVAILABLE_AUDITED_15 "rev term_id teacher_id class_id room_id day period"

static int migrate_timetable(struct db *db, char *msg)
{
	static const char *const tables[] = {"term", "bell", "travel", "subject", "class", "class_group",
		"course", "course_students", "course_teacher", "course_room", "unavailable", "teacher_rule",
		"lesson"};
	if (db_exec(db, migration_timetable, msg) != XQ_OK)
		return XQ_ERR;
	struct strbuf b;
	sb_init(&b);
	for (size_t i = 0; i < XQ_NELEM(tables); i++)
		audit_triggers(&b, tables[i], strcmp(tables[i], "teacher_rule") == 0 ? TEACHER_RULE_AUDITED_6
					      : strcmp(tables[i], "unavailable") == 0  ? UNAVAILABLE_AUDITED_15
										: NULL,
			true);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* A course is known by its number within its term (fet_id: the FET activity group of a
 * course read from a .fet file, or any number given it), a lesson by its number within
 * its course; a lesson's FET activity id is unique in its term's course too. */
static const char migration_courses[] =
	"CREATE UNIQUE INDEX course_number ON course(term_id, fet_id) WHERE fet_id IS NOT NULL;\n"
	"CREATE INDEX lesson_course ON lesson(course_id, day, period);\n";

static int migrate_courses(struct db *db, char *msg)
{
	return db_exec(db, migration_courses, msg);
}

/* Facility sharing (设施共享, §9): a room's opening hours by weekday (hours: "mon-fri
 * 16:30-18:30; sat 08:00-12:00"), for every term or one; the calendar of the county (school
 * NULL) or of a school: holidays, closures and make-up days that run another weekday's
 * timetable; bookings of a room by another school of its district, held once or by an RFC
 * 5545 repeat rule from first_day to last_day, with their status and who decided; the
 * occurrences of a booking cancelled, skipped or moved one by one; and the hours per term a
 * district lets each of its schools hold in the others' rooms of a kind. */
static const char migration_facilities[] =
	"ALTER TABLE room ADD COLUMN hours TEXT;\n"
	"CREATE TABLE room_hours (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  hours TEXT NOT NULL,\n"
	"  UNIQUE (room_id, term_id)\n"
	");\n"
	"CREATE TABLE calendar (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  day TEXT NOT NULL CHECK " DATE_OK("day") ",\n"
	"  school_id INTEGER REFERENCES school(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('holiday','closure','makeup')),\n"
	"  as_weekday INTEGER CHECK (as_weekday BETWEEN 1 AND 7),\n"
	"  note TEXT,\n"
	"  CHECK ((kind = 'makeup') = (as_weekday IS NOT NULL)),\n"
	"  UNIQUE (day, school_id)\n"
	");\n"
	"CREATE UNIQUE INDEX calendar_county ON calendar(day) WHERE school_id IS NULL;\n"
	"CREATE TABLE booking (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE RESTRICT,\n"
	"  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,\n"
	"  first_day TEXT NOT NULL CHECK " DATE_OK("first_day") ",\n"
	"  last_day TEXT NOT NULL CHECK (" DATE_OK("last_day") " AND last_day >= first_day),\n"
	"  start TEXT NOT NULL CHECK " CLOCK_OK("start") ",\n"
	"  end TEXT NOT NULL CHECK (" CLOCK_OK("end") " AND end > start),\n"
	"  rrule TEXT,\n"
	"  purpose TEXT,\n"
	"  contact TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','approved','rejected','cancelled')),\n"
	"  reason TEXT,\n"
	"  requested_by TEXT NOT NULL,\n"
	"  requested_at TEXT NOT NULL,\n"
	"  decided_by TEXT,\n"
	"  decided_at TEXT\n"
	");\n"
	"CREATE INDEX booking_room ON booking(room_id, last_day);\n"
	"CREATE INDEX booking_school ON booking(school_id, last_day);\n"
	"CREATE TABLE booking_change (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  booking_id INTEGER NOT NULL REFERENCES booking(id) ON DELETE CASCADE,\n"
	"  day TEXT NOT NULL CHECK " DATE_OK("day") ",\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('cancelled','skipped','moved')),\n"
	"  new_day TEXT CHECK (new_day IS NULL OR " DATE_OK("new_day") "),\n"
	"  start TEXT CHECK (start IS NULL OR " CLOCK_OK("start") "),\n"
	"  end TEXT CHECK (end IS NULL OR (" CLOCK_OK("end") " AND end > start)),\n"
	"  status TEXT CHECK (status IS NULL OR status IN ('requested','approved')),\n"
	"  note TEXT,\n"
	"  CHECK ((kind = 'moved') = (new_day IS NOT NULL AND start IS NOT NULL AND end IS NOT NULL AND status IS NOT NULL)),\n"
	"  UNIQUE (booking_id, day)\n"
	");\n"
	"CREATE TABLE quota (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  room_kind TEXT NOT NULL CHECK (room_kind IN " ROOM_KINDS "),\n"
	"  hours REAL NOT NULL CHECK (hours >= 0 AND hours <= 10000),\n"
	"  UNIQUE (district_id, term_id, room_kind)\n"
	");\n"
	"CREATE INDEX lesson_room ON lesson(room_id) WHERE room_id IS NOT NULL;\n";

static int migrate_facilities(struct db *db, char *msg)
{
	static const char *const tables[] = {"room_hours", "calendar", "booking", "booking_change", "quota"};
	if (db_exec(db, migration_facilities, msg) != XQ_OK)
		return XQ_ERR;
	struct strbuf b;
	sb_init(&b);
	/* the room's triggers name its columns: made again with hours among them */
	sb_adds(&b, "DROP TRIGGER audit_room_insert;\nDROP TRIGGER audit_room_update;\nDROP TRIGGER audit_room_delete;\n");
	audit_triggers(&b, "room", NULL, true);
	for (size_t i = 0; i < XQ_NELEM(tables); i++)
		audit_triggers(&b, tables[i], NULL, true);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* FET's timetables (FET is the open-source school timetabler): a teacher's free periods
 * between lessons at two schools; a subgroup that belongs to more groups of its class than
 * the one it is filed under (FET names the subgroups of crossing divisions, boys and girls
 * by language, under each); and rules over some lessons, as FET's constraints on
 * activities have them (kind, weight in percent, 100 hard; n: days for min_days; flag:
 * back to back if on one day; slots: "day.period …" from 1). */
static const char migration_fet[] =
	"ALTER TABLE teacher_rule ADD COLUMN min_gap_periods INTEGER CHECK (min_gap_periods IS NULL OR "
	"min_gap_periods BETWEEN 0 AND 30);\n"
	"CREATE TABLE group_member (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  group_id INTEGER NOT NULL REFERENCES class_group(id) ON DELETE CASCADE,\n"
	"  subgroup_id INTEGER NOT NULL REFERENCES class_group(id) ON DELETE CASCADE,\n"
	"  CHECK (group_id <> subgroup_id),\n"
	"  UNIQUE (group_id, subgroup_id)\n"
	");\n"
	"CREATE TABLE lesson_rule (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('min_days','same_start','same_day','not_overlapping','consecutive',\n"
	"    'grouped','ends_day','start_slots','time_slots')),\n"
	"  weight REAL NOT NULL DEFAULT 100 CHECK (weight >= 0 AND weight <= 100),\n"
	"  n INTEGER NOT NULL DEFAULT 0 CHECK (n BETWEEN 0 AND 20),\n"
	"  flag INTEGER NOT NULL DEFAULT 0 CHECK (flag IN (0,1)),\n"
	"  slots TEXT,\n"
	"  note TEXT\n"
	");\n"
	"CREATE INDEX lesson_rule_term ON lesson_rule(term_id);\n"
	"CREATE TABLE lesson_rule_lesson (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  rule_id INTEGER NOT NULL REFERENCES lesson_rule(id) ON DELETE CASCADE,\n"
	"  lesson_id INTEGER NOT NULL REFERENCES lesson(id) ON DELETE CASCADE,\n"
	"  UNIQUE (rule_id, lesson_id)\n"
	");\n"
	"CREATE INDEX lesson_rule_lesson_by ON lesson_rule_lesson(lesson_id);\n"
	/* a rule on a teacher's or students' days (everyone: every teacher, or all students):
	 * gaps a week or a day, days a week, hours a day at most or at least (empty_days: a day
	 * without lessons passes), hours in a row, days begun at the second period */
	"CREATE TABLE day_rule (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  rev INTEGER NOT NULL DEFAULT 1,\n"
	"  term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('max_gaps_week','max_gaps_day','max_days','max_hours_day',\n"
	"    'min_hours_day','max_hours_run','early_second')),\n"
	"  weight REAL NOT NULL DEFAULT 100 CHECK (weight >= 0 AND weight <= 100),\n"
	"  teacher_id INTEGER REFERENCES teacher(id) ON DELETE CASCADE,\n"
	"  class_id INTEGER REFERENCES class(id) ON DELETE CASCADE,\n"
	"  group_id INTEGER REFERENCES class_group(id) ON DELETE CASCADE,\n"
	"  everyone TEXT CHECK (everyone IS NULL OR everyone IN ('teachers','students')),\n"
	"  n INTEGER NOT NULL CHECK (n BETWEEN 0 AND 600),\n"
	"  empty_days INTEGER NOT NULL DEFAULT 1 CHECK (empty_days IN (0,1)),\n"
	"  CHECK ((teacher_id IS NOT NULL) + (class_id IS NOT NULL) + (everyone IS NOT NULL) = 1),\n"
	"  CHECK (group_id IS NULL OR class_id IS NOT NULL),\n"
	"  CHECK (kind NOT IN ('early_second') OR teacher_id IS NULL AND coalesce(everyone, '') <> 'teachers')\n"
	");\n"
	"CREATE INDEX day_rule_term ON day_rule(term_id);\n";

static int migrate_fet(struct db *db, char *msg)
{
	static const char *const tables[] = {"group_member", "lesson_rule", "lesson_rule_lesson", "day_rule"};
	if (db_exec(db, migration_fet, msg) != XQ_OK)
		return XQ_ERR;
	struct strbuf b;
	sb_init(&b);
	/* the teacher rule's triggers name its columns: made again with the new one */
	sb_adds(&b, "DROP TRIGGER audit_teacher_rule_insert;\nDROP TRIGGER audit_teacher_rule_update;\n"
		    "DROP TRIGGER audit_teacher_rule_delete;\n");
	audit_triggers(&b, "teacher_rule", NULL, true);
	for (size_t i = 0; i < XQ_NELEM(tables); i++)
		audit_triggers(&b, tables[i], NULL, true);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* A teacher may teach at two other schools from the same day (itinerant, part-time): a live
 * exchange is known by its teacher, start and receiving school. */
static int migrate_three_schools(struct db *db, char *msg)
{
	return db_exec(db,
		"DROP INDEX exchange_one_live;\n"
		"CREATE UNIQUE INDEX exchange_one_live ON exchange(teacher_id, start_date, to_school_id) WHERE " LIVE_STATUS
		";\n",
		msg);
}

/* A group or subgroup of a class may be unavailable at a time (FET's students set is any of
 * them): the slot keeps its class and names the group, as a day rule does. */
static int migrate_group_unavailable(struct db *db, char *msg)
{
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, "ALTER TABLE unavailable ADD COLUMN group_id INTEGER REFERENCES class_group(id) ON DELETE CASCADE "
		    "CHECK (group_id IS NULL OR class_id IS NOT NULL);\n"
		    "CREATE INDEX unavailable_group ON unavailable(group_id) WHERE group_id IS NOT NULL;\n"
		    /* the triggers name the columns: made again with the new one */
		    "DROP TRIGGER audit_unavailable_insert;\nDROP TRIGGER audit_unavailable_update;\n"
		    "DROP TRIGGER audit_unavailable_delete;\n");
	audit_triggers(&b, "unavailable", NULL, true);
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* The audit triggers of a database made before schema 17, their time and JSON taken by
 * xuequ's functions: the text a new database's have. */
static int audit_triggers_rewrite(struct db *db, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT name, replace(replace(sql, ?1, ?2), 'json_object(', 'xq_json(') FROM "
				       "sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\' AND "
				       "(instr(sql, ?1) > 0 OR instr(sql, 'json_object(') > 0)", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, AUDIT_AT_BEFORE_17);
	bind_text(st, 2, AUDIT_AT);
	struct strbuf b;
	sb_init(&b);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_printf(&b, "DROP TRIGGER \"%s\";\n%s;\n", (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_errmsg(db, msg);
		sb_free(&b);
		return XQ_ERR;
	}
	rc = b.len ? db_exec(db, b.s, msg) : XQ_OK;
	sb_free(&b);
	return rc;
}

/* Tables' texts changed the way SQLite documents for a CHECK constraint: writable_schema,
 * edit's changes to sqlite_schema (it counts them), then a new schema version when any
 * were made, which makes every connection read the schema again. */
static int schema_texts_edit(struct db *db, int (*edit)(struct db *db, void *ctx, int *changed, char *msg),
	void *ctx, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "PRAGMA schema_version", msg);
	if (!st)
		return XQ_ERR;
	long version = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (version < 0 || db_exec(db, "PRAGMA writable_schema = ON", msg) != XQ_OK) {
		if (version < 0)
			db_errmsg(db, msg);
		return XQ_ERR;
	}
	int changed = 0;
	int rc = edit(db, ctx, &changed, msg);
	char pragma[48];
	snprintf(pragma, sizeof pragma, "PRAGMA schema_version = %ld", version + 1);
	if (rc == XQ_OK && changed)
		rc = db_exec(db, pragma, msg);
	char m[XQ_MSG_MAX];
	if (db_exec(db, "PRAGMA writable_schema = OFF", m) != XQ_OK && rc == XQ_OK) {
		xq_copy(msg, XQ_MSG_MAX, m);
		rc = XQ_ERR;
	}
	return rc;
}

static int audit_op_edit(struct db *db, void *ctx, int *changed, char *msg)
{
	(void)ctx;
	static const char old_check[] = "CHECK (op IN ('insert','update','delete'))";
	static const char new_check[] = "CHECK (op = 'insert' OR op = 'update' OR op = 'delete')";
	sqlite3_stmt *st = db_stmt(db, "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) WHERE type = 'table' "
				       "AND name = 'audit' AND instr(sql, ?1) > 0", msg);
	if (!st)
		return XQ_ERR;
	bind_text(st, 1, old_check);
	bind_text(st, 2, new_check);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	*changed = db_changes(db);
	/* none changed: a table made with the new rule already passes, another is refused */
	if (*changed == 0 &&
	    db_lookup_text(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit' AND "
			       "instr(sql, ?) > 0", new_check) != 1) {
		xq_msg(msg, "%s", _("the audit table is not the one this xuequ made"));
		return XQ_ERR;
	}
	return XQ_OK;
}

/* The audit log made cheaper to write, the same rows written: every row written writes an
 * audit row, which was most of the time of a bulk import or a timetable's save.
 * - The triggers take the time and make the JSON with xuequ's functions (AUDIT_AT, xq_json)
 *   instead of strftime and json_object, which write the same text slower.
 * - The rule on op is three comparisons, not an IN list: SQLite builds a little table for an
 *   IN list of three or more in a CHECK, again for every row. Only the table's text changes,
 *   the way SQLite documents for a CHECK constraint (writable_schema, then a new schema
 *   version, which makes every connection read the schema again). */
static int migrate_audit(struct db *db, char *msg)
{
	if (audit_triggers_rewrite(db, msg) != XQ_OK)
		return XQ_ERR;
	return schema_texts_edit(db, audit_op_edit, NULL, msg);
}

/* FET's soft constraints of the kinds xuequ keeps (weight below 100) kept with their weight,
 * 100 for a hard one: an unavailable slot is then one its teacher, students or room had
 * rather not have, a course's room one it had rather use. A column there already (a
 * database taken back to an older version to test its migrations) is kept. */
static int migrate_soft_weights(struct db *db, char *msg)
{
	static const struct {
		const char *table, *column, *sql;
	} added[] = {
		{"unavailable", "weight",
			"ALTER TABLE unavailable ADD COLUMN weight REAL NOT NULL DEFAULT 100 CHECK (weight > 0 AND weight <= 100);\n"},
		{"course_room", "weight",
			"ALTER TABLE course_room ADD COLUMN weight REAL NOT NULL DEFAULT 100 "
			"CHECK (weight > 0 AND weight <= 100);\n"},
	};
	struct strbuf b;
	sb_init(&b);
	for (size_t i = 0; i < XQ_NELEM(added); i++) {
		sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", msg);
		if (!st) {
			sb_free(&b);
			return XQ_ERR;
		}
		bind_text(st, 1, added[i].table);
		bind_text(st, 2, added[i].column);
		int rc = sqlite3_step(st);
		bool there = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
		db_done(st);
		if (rc != SQLITE_ROW) {
			db_errmsg(db, msg);
			sb_free(&b);
			return XQ_ERR;
		}
		if (!there)
			sb_adds(&b, added[i].sql);
		/* the triggers name the columns: made again with the new one */
		sb_printf(&b, "DROP TRIGGER audit_%s_insert;\nDROP TRIGGER audit_%s_update;\nDROP TRIGGER audit_%s_delete;\n",
			added[i].table, added[i].table, added[i].table);
		audit_triggers(&b, added[i].table, NULL, true);
	}
	int rc = db_exec(db, b.s, msg);
	sb_free(&b);
	return rc;
}

/* One literal of an IN list at s (a quoted string, '' inside it, or a number): its end, or
 * NULL when s holds something else. */
static const char *sql_literal_end(const char *s)
{
	if (*s == '\'') {
		for (s++; *s; s++)
			if (*s == '\'' && *++s != '\'')
				return s;
		return NULL;
	}
	const char *p = s + (*s == '-');
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p) || *p == '.')
		p++;
	return p;
}

static const char *sql_blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* A table's text with each "x IN (a, b, c …)" of three literals or more spelled out as
 * "x = a OR x = b OR …" (NOT IN as "x <> a AND …"), in parentheses unless the rule is the
 * whole of its own; NULL when nothing is so written. SQLite builds a small table for such
 * a list in a CHECK, again for every row written; the comparisons decide the same, a NULL
 * included. */
static char *in_lists_spelled_out(const char *sql)
{
	struct strbuf out;
	sb_init(&out);
	bool changed = false;
	const char *copied = sql;
	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			for (p++; *p && !(*p == q && p[1] != q); p += (*p == q) ? 2 : 1)
				;
			p += *p != '\0';
			continue;
		}
		bool starts = (isalpha((unsigned char)*p) || *p == '_') &&
			      (p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.'));
		if (!starts) {
			p++;
			continue;
		}
		const char *name = p;
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
			p++;
		const char *name_end = p, *q = sql_blank(p);
		bool not = strncasecmp(q, "NOT", 3) == 0 && isspace((unsigned char)q[3]);
		if (not)
			q = sql_blank(q + 3);
		if (strncasecmp(q, "IN", 2) != 0 || (isalnum((unsigned char)q[2]) || q[2] == '_'))
			continue;
		q = sql_blank(q + 2);
		if (*q != '(')
			continue;
		const char *item[64], *item_end[64];
		int n = 0;
		for (q = sql_blank(q + 1); n < 64; q = sql_blank(q + 1)) {
			const char *e = sql_literal_end(q);
			if (!e)
				break;
			item[n] = q;
			item_end[n++] = e;
			q = sql_blank(e);
			if (*q != ',')
				break;
		}
		if (*q != ')' || n < 3 || n == 64)
			continue;
		const char *after = q + 1;
		/* the whole of a CHECK's rule ("CHECK (x IN (…))"), or a part of a larger one */
		const char *b = name;
		while (b > sql && isspace((unsigned char)b[-1]))
			b--;
		bool whole = b > sql && *--b == '(' && *sql_blank(after) == ')';
		while (whole && b > sql && isspace((unsigned char)b[-1]))
			b--;
		whole = whole && b - sql >= 5 && strncasecmp(b - 5, "CHECK", 5) == 0;
		sb_add(&out, copied, (size_t)(name - copied));
		if (!whole)
			sb_adds(&out, "(");
		for (int i = 0; i < n; i++) {
			if (i)
				sb_adds(&out, not ? " AND " : " OR ");
			sb_add(&out, name, (size_t)(name_end - name));
			sb_adds(&out, not ? " <> " : " = ");
			sb_add(&out, item[i], (size_t)(item_end[i] - item[i]));
		}
		if (!whole)
			sb_adds(&out, ")");
		copied = p = after;
		changed = true;
	}
	if (!changed) {
		sb_free(&out);
		return NULL;
	}
	sb_adds(&out, copied);
	return out.s;
}

/* Each table whose text has such a list, written anew. */
static int in_lists_edit(struct db *db, void *ctx, int *changed, char *msg)
{
	(void)ctx;
	sqlite3_stmt *st = db_stmt(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL "
				       "AND name NOT LIKE 'sqlite_%' ORDER BY name", msg);
	if (!st)
		return XQ_ERR;
	struct strbuf names, texts;
	sb_init(&names);
	sb_init(&texts);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *t = in_lists_spelled_out((const char *)sqlite3_column_text(st, 1));
		if (!t)
			continue;
		sb_add(&names, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0) + 1);
		sb_add(&texts, t, strlen(t) + 1);
		free(t);
		(*changed)++;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		db_errmsg(db, msg);
	rc = rc == SQLITE_DONE ? XQ_OK : XQ_ERR;
	const char *name = names.s, *text = texts.s;
	for (int i = 0; i < *changed && rc == XQ_OK; i++) {
		st = db_stmt(db, "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?", msg);
		if (!st) {
			rc = XQ_ERR;
			break;
		}
		bind_text(st, 1, text);
		bind_text(st, 2, name);
		rc = db_exec_stmt(db, st, msg);
		name += strlen(name) + 1;
		text += strlen(text) + 1;
	}
	sb_free(&names);
	sb_free(&texts);
	return rc;
}

/* Every rule of a table that named a list of three values or more (kinds, statuses, levels)
 * spelled out as comparisons: a teacher's row had built four little tables, most of the
 * time of a county's import. Only the tables' text changes, as in migrate_audit. */
static int migrate_in_lists(struct db *db, char *msg)
{
	return schema_texts_edit(db, in_lists_edit, NULL, msg);
}

static int (*const migrations[])(struct db *, char *) = {
	migrate_1,
	migrate_2,
	migrate_3,
	migrate_guards,
	migrate_relive,
	migrate_stages,
	migrate_inspect,
	migrate_rooms,
	migrate_scale,
	migrate_offline,
	migrate_timetable,
	migrate_courses,
	migrate_facilities,
	migrate_fet,
	migrate_three_schools,
	migrate_group_unavailable,
	migrate_audit,
	migrate_soft_weights,
	migrate_in_lists,
};

int db_schema_latest(void)
{
	return (int)XQ_NELEM(migrations);
}

int db_schema_version(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "PRAGMA user_version", NULL);
	int v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	db_done(st);
	return v;
}

int db_schema_check(struct db *db, char *msg)
{
	int have = db_schema_version(db);
	int latest = db_schema_latest();
	if (have < 0) {
		xq_msg(msg, "%s", _("cannot read the schema version"));
		return XQ_ERR;
	}
	if (have > latest) {
		xq_msg(msg, _("this database has schema version %d, newer than this xuequ knows (%d); "
			      "use a newer xuequ"), have, latest);
		return XQ_ERR;
	}
	if (have == 0) {
		/* an existing file with other tables is not ours: refuse to mix */
		sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM sqlite_schema", msg);
		if (!st)
			return XQ_ERR;
		long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
		db_done(st);
		if (n > 0) {
			xq_msg(msg, "%s", _("not a xuequ database (it holds other tables and no xuequ schema)"));
			return XQ_ERR;
		}
	}
	return XQ_OK;
}

int db_schema_migrate(struct db *db, char *msg)
{
	if (db_schema_check(db, msg) != XQ_OK)
		return XQ_ERR;
	int have = db_schema_version(db);
	int latest = db_schema_latest();
	for (int v = have; v < latest; v++) {
		char m[XQ_MSG_MAX];
		if (db_exec(db, "BEGIN IMMEDIATE", m) != XQ_OK) {
			xq_msg(msg, _("cannot start migration %d: %s"), v + 1, m);
			return XQ_ERR;
		}
		/* another process may have migrated while we waited for the lock */
		if (db_schema_version(db) > v) {
			db_exec(db, "COMMIT", NULL);
			continue;
		}
		char pragma[40];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (migrations[v](db, m) != XQ_OK || db_exec(db, pragma, m) != XQ_OK) {
			db_exec(db, "ROLLBACK", NULL);
			xq_msg(msg, _("migration %d failed: %s"), v + 1, m);
			return XQ_ERR;
		}
		if (db_exec(db, "COMMIT", m) != XQ_OK) {
			xq_msg(msg, _("migration %d failed: %s"), v + 1, m);
			return XQ_ERR;
		}
	}
	return XQ_OK;
}
