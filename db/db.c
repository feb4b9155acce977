/* db.c: the connection — open, pragmas, operator, transactions, statement cache and the
 * small helpers every entity module uses. */
#include "db/internal.h"

#include <errno.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/pinyin.h"
#include "core/priv.h"
#include "db/audit.h"
#include "db/policy.h"

/* SQL functions the audit triggers call: who is writing. */
static void fn_login(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct db *db = sqlite3_user_data(ctx);
	sqlite3_result_text(ctx, db->op.login, -1, SQLITE_TRANSIENT);
}

static void fn_sudo(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct db *db = sqlite3_user_data(ctx);
	if (db->sudo_user[0])
		sqlite3_result_text(ctx, db->sudo_user, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/* xq_origin(): where the change being written came from (a merged pack), or NULL. */
static void fn_origin(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct db *db = sqlite3_user_data(ctx);
	if (db->origin[0])
		sqlite3_result_text(ctx, db->origin, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/* xq_id_lo(), xq_id_hi(): the range new rows' ids are taken from (DB_NEW_ID). */
static void fn_id_lo(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int64(ctx, ((struct db *)sqlite3_user_data(ctx))->id_lo);
}

static void fn_id_hi(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int64(ctx, ((struct db *)sqlite3_user_data(ctx))->id_hi);
}

/* COLLATE pinyin: names in the order of their pinyin (core/pinyin.c). */
static int collate_pinyin(void *ctx, int alen, const void *a, int blen, const void *b)
{
	(void)ctx;
	return pinyin_collate(a, alen, b, blen);
}

/* xq_py(name, pattern): whether a LIKE pattern "%text%" of ASCII letters is found in the
 * pinyin initials of name, so 'lbxx' finds 拉堡小学. */
static void fn_pinyin(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *name = sqlite3_value_text(argv[0]);
	const unsigned char *pat = sqlite3_value_text(argv[1]);
	char typed[64];
	size_t n = 0;
	for (const unsigned char *p = pat; p && *p && n + 1 < sizeof typed; p++)
		if (*p != '%' && *p != '\\')
			typed[n++] = (char)*p;
	typed[n] = '\0';
	sqlite3_result_int(ctx, name && n > 0 && pinyin_matches((const char *)name, typed));
}

/* The login from the password database, never from the environment; SUDO_USER only when
 * the real user is root. An unknown uid, or a name too long to keep, is refused. */
static int resolve_login(struct db *db, char *msg)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (!pw || !pw->pw_name || !*pw->pw_name) {
		xq_msg(msg, _("user id %ld has no entry in the password database; xuequ records who "
			      "changes what and needs a login"), (long)uid);
		return XQ_ERR;
	}
	if (!xq_copy(db->op.login, sizeof db->op.login, pw->pw_name)) {
		xq_msg(msg, _("the login '%.40s...' is too long"), pw->pw_name);
		return XQ_ERR;
	}
	const char *sudo = priv_sudo_user();
	if (!xq_copy(db->sudo_user, sizeof db->sudo_user, sudo ? sudo : "")) {
		xq_msg(msg, _("SUDO_USER '%.40s...' is too long"), sudo);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* The operator's role: the operator table, or admin while nobody is registered. */
void db_resolve_role(struct db *db)
{
	db->op.role = OPROLE_VIEWER;
	db->op_registered = false;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, rev, role, district_id, school_id FROM operator WHERE login = ?", NULL);
	if (st) {
		bind_text(st, 1, db->op.login);
		if (sqlite3_step(st) == SQLITE_ROW) {
			db->op.id = sqlite3_column_int64(st, 0);
			db->op.rev = sqlite3_column_int64(st, 1);
			db->op.role = col_enum(st, 2, op_role_items);
			db->op.district_id = sqlite3_column_int64(st, 3);
			db->op.school_id = sqlite3_column_int64(st, 4);
			db->op_registered = true;
		}
		db_done(st);
	}
	if (!db->op_registered) {
		st = db_stmt(db, "SELECT count(*) FROM operator", NULL);
		if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0)
			db->op.role = OPROLE_ADMIN;
		if (st)
			db_done(st);
	}
}

/* The SQL functions the schema's triggers and the queries call. */
static void register_functions(struct db *db)
{
	/* a statement's plan never depends on the values bound to it: otherwise each new
	 * value bound to a LIKE's pattern throws the statement away and compiles it again */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_QPSG, 1, NULL);
	sqlite3_create_function(db->h, "xq_login", 0, SQLITE_UTF8, db, fn_login, NULL, NULL);
	sqlite3_create_function(db->h, "xq_sudo", 0, SQLITE_UTF8, db, fn_sudo, NULL, NULL);
	sqlite3_create_function(db->h, "xq_origin", 0, SQLITE_UTF8, db, fn_origin, NULL, NULL);
	db_audit_functions(db->h);
	sqlite3_create_function(db->h, "xq_id_lo", 0, SQLITE_UTF8, db, fn_id_lo, NULL, NULL);
	sqlite3_create_function(db->h, "xq_id_hi", 0, SQLITE_UTF8, db, fn_id_hi, NULL, NULL);
	sqlite3_create_function(db->h, "xq_py", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
		fn_pinyin, NULL, NULL);
	sqlite3_create_collation(db->h, "pinyin", SQLITE_UTF8, NULL, collate_pinyin);
}

/* A new connection's handle-less twin of db: the same file, operator, rules and ids. */
static struct db *db_twin(const struct db *db)
{
	struct db *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(db->path);
	s->op = db->op;
	s->op_registered = db->op_registered;
	xq_copy(s->sudo_user, sizeof s->sudo_user, db->sudo_user);
	s->policy = db->policy;
	s->indicators = db->indicators;
	s->timetable = db->timetable;
	s->id_lo = db->id_lo;
	s->id_hi = db->id_hi;
	return s;
}

int db_snapshot(struct db *db, struct db **out, char *msg)
{
	*out = NULL;
	struct db *s = db_twin(db);
	/* "" is a private temporary database on disk: a county's copy does not sit in memory */
	if (sqlite3_open_v2("", &s->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		xq_msg(msg, _("cannot make a private copy of the database: %s"),
			s->h ? sqlite3_errmsg(s->h) : strerror(errno));
		db_close(s);
		return XQ_ERR;
	}
	sqlite3_extended_result_codes(s->h, 1);
	register_functions(s);
	/* one step: a read transaction on the source, which in WAL mode holds up no writer */
	sqlite3_backup *b = sqlite3_backup_init(s->h, "main", db->h, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(s->h);
	if (b)
		sqlite3_backup_finish(b);
	char m[XQ_MSG_MAX];
	if (rc != SQLITE_DONE) {
		xq_msg(msg, _("cannot make a private copy of the database: %s"),
			sqlite3_errstr(rc == SQLITE_OK ? SQLITE_ERROR : rc));
		db_close(s);
		return XQ_ERR;
	}
	if (db_exec(s, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
			"PRAGMA cache_size = -32768", m) != XQ_OK) {
		xq_msg(msg, _("cannot make a private copy of the database: %s"), m);
		db_close(s);
		return XQ_ERR;
	}
	*out = s;
	return XQ_OK;
}

int db_reader(struct db *db, struct db **out, char *msg)
{
	*out = NULL;
	struct db *r = db_twin(db);
	char m[XQ_MSG_MAX];
	/* its own connection (so no mutex), the file's -wal and -shm as they are */
	if (sqlite3_open_v2(r->path, &r->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		xq_msg(msg, _("%s: cannot open: %s"), r->path, r->h ? sqlite3_errmsg(r->h) : strerror(errno));
		db_close(r);
		return XQ_ERR;
	}
	int on = 1;
	sqlite3_file_control(r->h, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	sqlite3_extended_result_codes(r->h, 1);
	sqlite3_busy_timeout(r->h, 5000);
	register_functions(r);
	/* reads only; a smaller page cache than the console's own, which it adds to; and one
	 * read now, so that the log and shared-memory files are open before another thread
	 * reads (under setgid the caller's own rights, taken for a moment, could not open them) */
	if (db_exec(r, "PRAGMA query_only = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -2048; "
			"SELECT count(*) FROM sqlite_schema", m) != XQ_OK) {
		xq_msg(msg, "%s: %s", r->path, m);
		db_close(r);
		return XQ_ERR;
	}
	*out = r;
	return XQ_OK;
}

void db_small_cache(struct db *db)
{
	char m[XQ_MSG_MAX];
	db_exec(db, "PRAGMA cache_size = -4096; PRAGMA temp_store = FILE", m);
}

void db_interrupt(struct db *db)
{
	sqlite3_interrupt(db->h);
}

static bool is_sqlite_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return true; /* let SQLite report */
	char head[16] = {0};
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	return n == 0 || (n == 16 && memcmp(head, "SQLite format 3", 16) == 0);
}

/* Under setgid: whether the -wal and -shm of path exist and belong to the database file's
 * owner. A file SQLite created for an operator would be theirs to change past the roles. */
static bool side_files_owned(const char *path, const struct stat *db_sb, char *msg)
{
	static const char *const sides[] = {"-wal", "-shm"};
	for (size_t i = 0; i < XQ_NELEM(sides); i++) {
		char *p = xasprintf("%s%s", path, sides[i]);
		struct stat sb;
		bool ok = stat(p, &sb) == 0 && sb.st_uid == db_sb->st_uid && S_ISREG(sb.st_mode);
		free(p);
		if (!ok) {
			xq_msg(msg, _("%s%s is missing or not the database owner's; an administrator "
				      "repairs it with 'sudo xuequ setup'"), path, sides[i]);
			return false;
		}
	}
	return true;
}

/* Before the library's first use: no running count of its memory (nothing reads it, and
 * each allocation took a global mutex to keep it). */
static void library_setup(void)
{
	static bool done;
	if (!done)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	done = true;
}

int db_open(const char *path, int flags, int busy_ms, struct db **out, char *msg)
{
	*out = NULL;
	library_setup();
	struct stat sb;
	bool created = false;
	if (stat(path, &sb) != 0) {
		created = true;
		if (!(flags & DB_CREATE)) {
			xq_msg(msg, _("%s: no such database; create one with 'xuequ --db %s init' "
				      "(or 'init --demo' for a demo county)"), path, path);
			return XQ_ERR;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		xq_msg(msg, _("%s: is a directory, not a database"), path);
		return XQ_ERR;
	} else if (!S_ISREG(sb.st_mode)) {
		xq_msg(msg, _("%s: not a regular file (a device, pipe or socket), not a database"), path);
		return XQ_ERR;
	} else if (!is_sqlite_file(path)) {
		xq_msg(msg, _("%s: not a xuequ database (not an SQLite file)"), path);
		return XQ_ERR;
	} else if (priv_privileged() && !side_files_owned(path, &sb, msg))
		return XQ_ERR;

	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->id_lo = 1;
	db->id_hi = DB_ID_SPAN;
	if (resolve_login(db, msg) != XQ_OK) {
		db_close(db);
		return XQ_ERR;
	}
	exchange_policy_defaults(&db->policy);
	indicator_policy_defaults(&db->indicators);
	timetable_policy_defaults(&db->timetable);
	/* one thread a process: no mutex on the connection */
	int oflags = SQLITE_OPEN_NOMUTEX | ((flags & DB_READONLY) ? SQLITE_OPEN_READONLY
					   : SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0));
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		xq_msg(msg, _("%s: cannot open: %s"), path, db->h ? sqlite3_errmsg(db->h) : strerror(errno));
		db_close(db);
		return XQ_ERR;
	}
	/* an operator must never create, and so own, a -wal or -shm: they stay */
	if ((flags & DB_KEEP_WAL) || priv_privileged()) {
		int on = 1;
		sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	}
	/* a new file: the owner's alone, or the deployment group's too (WAL and shm follow) */
	if (created && stat(path, &sb) == 0 && chmod(path, priv_db_mode()) != 0) {
		xq_msg(msg, _("%s: cannot set the file's mode: %s"), path, strerror(errno));
		db_close(db);
		return XQ_ERR;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, busy_ms > 0 ? busy_ms : 5000);
	register_functions(db);

	char m[XQ_MSG_MAX];
	/* statement journals and sorts stay in memory: a bulk import otherwise spills each
	 * row's statement journal to a temporary file, and no temporary file of the data is
	 * ever left where the caller could open it */
	if (db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", m) != XQ_OK) {
		xq_msg(msg, "%s: %s", path, m);
		db_close(db);
		return XQ_ERR;
	}
	/* reading the schema first tells a non-database or a corrupt file apart */
	if (db_exec(db, "SELECT count(*) FROM sqlite_schema", m) != XQ_OK) {
		xq_msg(msg, _("%s: not a usable database: %s"), path, m);
		db_close(db);
		return XQ_ERR;
	}
	if (db_schema_check(db, m) != XQ_OK) {
		xq_msg(msg, "%s: %s", path, m);
		db_close(db);
		return XQ_ERR;
	}
	if (db_pack_detect(db, m) != XQ_OK) {
		xq_msg(msg, "%s: %s", path, m);
		db_close(db);
		return XQ_ERR;
	}
	if (!(flags & DB_READONLY) && !db->is_pack) {
		/* WAL with synchronous=NORMAL is durable across crashes of the program; a larger
		 * page cache keeps a county's bulk imports from spilling to the log page by page */
		if (db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
				"PRAGMA cache_size = -32768", m) != XQ_OK) {
			xq_msg(msg, "%s: %s", path, m);
			db_close(db);
			return XQ_ERR;
		}
		if (db_schema_migrate(db, m) != XQ_OK) {
			xq_msg(msg, "%s: %s", path, m);
			db_close(db);
			return XQ_ERR;
		}
	} else if (db_schema_version(db) != db_schema_latest()) {
		xq_msg(msg, _("%s: schema version %d, this xuequ reads %d; open it read-write once to "
			      "upgrade"), path, db_schema_version(db), db_schema_latest());
		db_close(db);
		return XQ_ERR;
	}
	db_resolve_role(db);
	if (db_policy_load(db, m) != XQ_OK) {
		xq_msg(msg, "%s: %s", path, m);
		db_close(db);
		return XQ_ERR;
	}
	*out = db;
	return XQ_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->nstmts; i++)
		sqlite3_finalize(db->stmts[i].st);
	if (db->h)
		sqlite3_close(db->h);
	free(db->path);
	free(db->pack);
	free(db);
}

const char *db_path(const struct db *db)
{
	return db->path;
}

const struct operator *db_operator(const struct db *db)
{
	return &db->op;
}

void db_set_exchange_policy(struct db *db, const struct exchange_policy *p)
{
	db->policy = *p;
}

const struct exchange_policy *db_exchange_policy(const struct db *db)
{
	return &db->policy;
}

const char *db_sudo_user(const struct db *db)
{
	return db->sudo_user;
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql, char *msg)
{
	for (int i = 0; i < db->nstmts; i++)
		if (db->stmts[i].sql == sql) {
			sqlite3_reset(db->stmts[i].st);
			sqlite3_clear_bindings(db->stmts[i].st);
			return db->stmts[i].st;
		}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		xq_msg(msg, _("database error: %s"), sqlite3_errmsg(db->h));
		return NULL;
	}
	if (db->nstmts < DB_STMT_MAX) {
		db->stmts[db->nstmts].sql = sql;
		db->stmts[db->nstmts].st = st;
		db->nstmts++;
	} else {
		/* cache full: a programming error; keep working but say so once */
		static bool told;
		if (!told)
			fputs("xuequ: statement cache full\n", stderr);
		told = true;
	}
	return st;
}

void db_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

int bind_text_null(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

int bind_long_null(sqlite3_stmt *st, int i, long v)
{
	return v < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, v);
}

int bind_double_null(sqlite3_stmt *st, int i, double v)
{
	return isnan(v) ? sqlite3_bind_null(st, i) : sqlite3_bind_double(st, i, v);
}

int bind_id_null(sqlite3_stmt *st, int i, int64_t id)
{
	return id <= 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, id);
}

void col_text(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	xq_copy(dst, size, s ? (const char *)s : "");
}

long col_long_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}

double col_double_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

int col_enum(sqlite3_stmt *st, int i, const struct enum_item *items)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	if (!s)
		return 0;
	for (int k = 0; items[k].key; k++) /* the stored keys, as the schema's checks keep them */
		if (strcmp(items[k].key, (const char *)s) == 0)
			return k;
	int v = enum_parse(items, (const char *)s);
	return v < 0 ? 0 : v;
}

/* Turns SQLite's constraint messages into sentences a user can act on. */
static void readable_error(struct db *db, int rc, char *msg)
{
	const char *e = sqlite3_errmsg(db->h);
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		xq_msg(msg, _("duplicate: a row with the same %s exists already"),
			strncmp(e, "UNIQUE constraint failed: ", 26) == 0 ? e + 26 : e);
		break;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		xq_msg(msg, "%s", _("refused: other records still refer to this one, or it refers to a "
				  "missing record"));
		break;
	case SQLITE_CONSTRAINT_CHECK:
		xq_msg(msg, _("refused: a value breaks a rule of the data (%s)"), e);
		break;
	case SQLITE_CONSTRAINT_TRIGGER:
		/* the triggers' messages are in the catalogue (db/schema.c marks them) */
		xq_msg(msg, _("refused: %s"), _(e));
		break;
	case SQLITE_CONSTRAINT_COMMITHOOK:
		xq_msg(msg, "%s", _("refused: on an offline pack every change is written in a sealed "
				  "transaction, and this one was not"));
		break;
	case SQLITE_FULL:
		xq_msg(msg, _("cannot write the database: the disk is full (%s)"), db->path);
		break;
	case SQLITE_IOERR_WRITE:
	case SQLITE_IOERR_FSYNC:
	case SQLITE_IOERR_TRUNCATE:
	case SQLITE_IOERR_SHMSIZE:
		/* a file size limit (EFBIG) or a full disk met half-way through a write */
		if (sqlite3_system_errno(db->h))
			xq_msg(msg, _("cannot write the database %s: %s"), db->path,
				strerror(sqlite3_system_errno(db->h)));
		else
			xq_msg(msg, _("cannot write the database %s: the disk may be full or a file "
				      "size limit reached (%s)"), db->path, e);
		break;
	case SQLITE_BUSY:
	case SQLITE_BUSY_SNAPSHOT:
	case SQLITE_LOCKED:
		xq_msg(msg, "%s", _("the database is busy (another session is writing); try again"));
		break;
	case SQLITE_READONLY:
		xq_msg(msg, _("the database is read-only for you (%s)"), e);
		break;
	default:
		xq_msg(msg, _("database error: %s"), e);
	}
}

void db_errmsg(struct db *db, char *msg)
{
	readable_error(db, sqlite3_extended_errcode(db->h), msg);
}

int db_changes(struct db *db)
{
	return db->changes;
}

int db_exec_stmt(struct db *db, sqlite3_stmt *st, char *msg)
{
	/* on a pack a write outside a transaction gets one of its own: every commit seals
	 * (BEGIN IMMEDIATE, which SQLite counts as a write, is the transaction) */
	if (db->is_pack && !db->wrapping && sqlite3_get_autocommit(db->h) && !sqlite3_stmt_readonly(st) &&
	    strncmp(sqlite3_sql(st), "BEGIN", 5) != 0) {
		db->wrapping = true;
		int rc = db_begin(db, msg);
		if (rc != XQ_OK)
			db_done(st);
		else if ((rc = db_exec_stmt(db, st, msg)) == XQ_OK) {
			int changed = db->changes;
			rc = db_commit(db, msg);
			db->changes = changed;
		} else
			db_rollback(db);
		db->wrapping = false;
		return rc;
	}
	/* SQLite ends a transaction by itself after some errors (a full disk, I/O): a write
	 * that followed would be committed alone, so none is made until the outermost
	 * db_commit or db_rollback */
	if (db->txn_depth > 0 && sqlite3_get_autocommit(db->h) && !sqlite3_stmt_readonly(st)) {
		db->txn_failed = true;
		xq_msg(msg, "%s", _("the transaction was ended by an earlier error; nothing more is written"));
		db_done(st);
		return XQ_ERR;
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		if (!sqlite3_stmt_readonly(st))
			db->changes = sqlite3_changes(db->h);
		db_done(st);
		return XQ_OK;
	}
	readable_error(db, sqlite3_extended_errcode(db->h), msg);
	db_done(st);
	if (db->txn_depth > 0 && sqlite3_get_autocommit(db->h))
		db->txn_failed = true;
	return XQ_ERR;
}

int db_exec(struct db *db, const char *sql, char *msg)
{
	char *err = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		xq_msg(msg, "%s", err ? err : sqlite3_errmsg(db->h));
		sqlite3_free(err);
		return XQ_ERR;
	}
	return XQ_OK;
}

int db_begin(struct db *db, char *msg)
{
	if (db->txn_depth > 0) {
		db->txn_depth++;
		return XQ_OK;
	}
	db->txn_failed = false;
	sqlite3_stmt *st = db_stmt(db, "BEGIN IMMEDIATE", msg);
	if (!st || db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	db->txn_depth = 1;
	return XQ_OK;
}

int db_commit(struct db *db, char *msg)
{
	if (db->txn_depth == 0)
		return XQ_OK;
	if (--db->txn_depth > 0)
		return XQ_OK;
	if (db->txn_failed) {
		sqlite3_stmt *st = db_stmt(db, "ROLLBACK", NULL);
		if (st)
			db_exec_stmt(db, st, NULL);
		xq_msg(msg, "%s", _("the change was rolled back"));
		return XQ_ERR;
	}
	if (db->is_pack && db_pack_seal(db, msg) != XQ_OK) {
		sqlite3_stmt *rb = db_stmt(db, "ROLLBACK", NULL);
		if (rb)
			db_exec_stmt(db, rb, NULL);
		return XQ_ERR;
	}
	sqlite3_stmt *st = db_stmt(db, "COMMIT", msg);
	if (!st || db_exec_stmt(db, st, msg) != XQ_OK) {
		sqlite3_stmt *rb = db_stmt(db, "ROLLBACK", NULL);
		if (rb)
			db_exec_stmt(db, rb, NULL);
		return XQ_ERR;
	}
	return XQ_OK;
}

void db_cancel(struct db *db)
{
	if (db->txn_depth > 1 && !db->txn_failed) {
		db->txn_depth--;
		return;
	}
	db_rollback(db);
}

void db_rollback(struct db *db)
{
	if (db->txn_depth == 0)
		return;
	if (--db->txn_depth > 0) {
		db->txn_failed = true;
		return;
	}
	sqlite3_stmt *st = db_stmt(db, "ROLLBACK", NULL);
	if (st)
		db_exec_stmt(db, st, NULL);
}

int db_checkpoint(struct db *db, char *msg)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, NULL) != SQLITE_OK) {
		db_errmsg(db, msg);
		return XQ_ERR;
	}
	int rc = sqlite3_step(st);
	bool busy = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	if (rc != SQLITE_ROW)
		db_errmsg(db, msg);
	else if (busy)
		xq_msg(msg, "%s", _("the database is busy (another session is writing); try again"));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW && !busy ? XQ_OK : XQ_ERR;
}

int64_t db_data_version(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, "PRAGMA data_version", NULL);
	int64_t v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	db_done(st);
	return v;
}

/* Whether school_id is (now) a member of district_id. */
static bool school_in_district(struct db *db, int64_t school_id, int64_t district_id)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT 1 FROM member WHERE school_id = ? AND district_id = ? AND to_date IS NULL",
		NULL);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, district_id);
	bool in = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return in;
}

int db_require_write(struct db *db, int64_t school_id, int64_t district_id, char *msg)
{
	const struct operator *op = &db->op;
	switch (op->role) {
	case OPROLE_ADMIN:
		return XQ_OK;
	case OPROLE_DISTRICT_ADMIN:
		if (op->school_id > 0 && school_id == op->school_id)
			return XQ_OK;
		if (op->district_id > 0) {
			if (district_id > 0 && district_id == op->district_id)
				return XQ_OK;
			if (school_id > 0 && school_in_district(db, school_id, op->district_id))
				return XQ_OK;
		}
		if (op->school_id > 0)
			xq_msg(msg, _("permission denied: %s may change only the rows of their own school"),
				op->login);
		else
			xq_msg(msg, _("permission denied: %s may change only the rows of their own district"),
				op->login);
		return XQ_ERR;
	default:
		if (!db->op_registered)
			xq_msg(msg, _("permission denied: %s is not a registered operator of this database; "
				      "an administrator can add them with 'xuequ operator add %s ROLE'"),
				op->login, op->login);
		else
			xq_msg(msg, _("permission denied: %s has the role %s, which cannot change data"),
				op->login, enum_key(op_role_items, op->role));
		return XQ_ERR;
	}
}

bool db_may_write(struct db *db, int64_t school_id, char *msg)
{
	return db_require_write(db, school_id, 0, msg) == XQ_OK;
}

void bind_like(sqlite3_stmt *st, int i, const char *text)
{
	if (!text || !*text)
		return;
	struct strbuf b;
	sb_init(&b);
	sb_addc(&b, '%');
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			sb_addc(&b, '\\');
		sb_addc(&b, *text);
	}
	sb_addc(&b, '%');
	bind_text(st, i, b.s);
	sb_free(&b);
}

int db_delete_row(struct db *db, const char *sql, const char *table, int64_t id, int64_t rev,
	char *msg)
{
	sqlite3_stmt *st = db_stmt(db, sql, msg);
	if (!st)
		return XQ_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, rev);
	if (db_exec_stmt(db, st, msg) != XQ_OK)
		return XQ_ERR;
	if (db_changes(db) == 0)
		return db_stale_or_missing(db, table, id, msg);
	return XQ_OK;
}

/* The first column of a bound statement's one row, 0 when none; the statement done. */
static int64_t first_value(sqlite3_stmt *st)
{
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return v;
}

int64_t db_lookup_id(struct db *db, const char *sql, int64_t param)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, param);
	return first_value(st);
}

int64_t db_lookup_text(struct db *db, const char *sql, const char *param)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return 0;
	bind_text(st, 1, param);
	return first_value(st);
}

long db_paged_count(struct db *db, const char *sql, db_bind_fn bind, const void *query)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return -1;
	bind(st, query);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	return n;
}

int db_paged_rows(struct db *db, const char *sql, db_bind_fn bind, const void *query, int first_param,
	long offset, int limit, void *rows, size_t row_size, db_read_fn read)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return -1;
	bind(st, query);
	sqlite3_bind_int(st, first_param, limit);
	sqlite3_bind_int64(st, first_param + 1, offset);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, (char *)rows + (size_t)n++ * row_size);
	db_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

int db_paged_each(struct db *db, const char *sql, db_bind_fn bind, const void *query, int first_param,
	void *row, db_read_fn read, int (*fn)(void *, const void *), void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return XQ_ERR;
	bind(st, query);
	sqlite3_bind_int(st, first_param, -1);
	sqlite3_bind_int64(st, first_param + 1, 0);
	int rc = SQLITE_DONE, ret = XQ_OK;
	while (ret == XQ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read(st, row);
		ret = fn(ctx, row);
	}
	db_done(st);
	return ret != XQ_OK || (rc != SQLITE_ROW && rc != SQLITE_DONE) ? XQ_ERR : XQ_OK;
}

long db_paged_position(struct db *db, const char *sql, db_bind_fn bind, const void *query,
	int id_param, int64_t id)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return -1;
	bind(st, query);
	sqlite3_bind_int64(st, id_param, id);
	long pos = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	return pos;
}

long db_numbered_row(sqlite3_stmt *st, int64_t *id)
{
	long rn = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		rn = (long)sqlite3_column_int64(st, 0);
		*id = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	return rn;
}

void *db_grow(void *arr, int n, int *cap, size_t size)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(arr, (size_t)*cap * size);
}

int db_stale_or_missing(struct db *db, const char *table, int64_t id, char *msg)
{
	struct audit_entry e;
	if (db_audit_last(db, table, id, &e) == XQ_OK && strcmp(e.op, "delete") == 0) {
		xq_msg(msg, _("this record was deleted by %s at %s"), e.login, e.at);
		return XQ_NOTFOUND;
	}
	if (db_audit_last(db, table, id, &e) != XQ_OK) {
		xq_msg(msg, _("no such record (id %lld)"), (long long)id);
		return XQ_NOTFOUND;
	}
	char who[XQ_MSG_MAX];
	db_audit_describe_change(db, table, id, who);
	xq_msg(msg, _("not saved: this record was %s since you opened it; your input is kept — "
		      "reload to see the new values"), who);
	return XQ_STALE;
}

/* Steps a bound statement once, its row read into out: XQ_OK, XQ_NOTFOUND or XQ_ERR. */
int db_one_row(sqlite3_stmt *st, void (*read)(sqlite3_stmt *, void *), void *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read(st, out);
	db_done(st);
	return rc == SQLITE_ROW ? XQ_OK : rc == SQLITE_DONE ? XQ_NOTFOUND : XQ_ERR;
}

/* Every row of sql (no parameters), read into row and handed to fn, in the query's order;
 * stops at fn's first error. */
int db_each_row(struct db *db, const char *sql, void (*read)(sqlite3_stmt *, void *), void *row,
	int (*fn)(void *ctx, const void *rec), void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	if (!st)
		return XQ_ERR;
	int rc = SQLITE_DONE, ret = XQ_OK;
	while (ret == XQ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read(st, row);
		ret = fn(ctx, row);
	}
	db_done(st);
	return ret != XQ_OK || (rc != SQLITE_ROW && rc != SQLITE_DONE) ? XQ_ERR : XQ_OK;
}

int db_write_txn(struct db *db, bool dry_run, int (*fn)(struct db *, const void *, void *, char *), const void *arg,
	void *out, char *msg)
{
	if (db_begin(db, msg) != XQ_OK)
		return XQ_ERR;
	db_resolve_role(db); /* the role as it stands now, in the write's transaction */
	int rc = fn(db, arg, out, msg);
	if (rc != XQ_OK || dry_run) {
		db_cancel(db);
		return rc;
	}
	return db_commit(db, msg);
}
