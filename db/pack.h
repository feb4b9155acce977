/* pack.h: offline work (DESIGN §11). take writes a pack: a database of its own holding what
 * an inspection team needs, with the image it was taken with; the laptop works on it as on
 * any database (its new rows take ids from the pack's own range, every commit seals its
 * content); merge reads it back as untrusted input, finds what changed on the laptop with
 * the SQLite session extension (the diff of the image against the pack), and applies it in
 * one transaction, field by field, every conflict decided and every value not kept written
 * to the audit log. */
#ifndef XQ_DB_PACK_H
#define XQ_DB_PACK_H

#include "db/db.h"

#define PACK_SUM_LEN 65 /* a SHA-256 in hex and its NUL */
#define PACK_LIST_LEN 512

/* Where a pack came from. */
struct pack_origin {
	int64_t id;	   /* the pack's number on the server */
	char uuid[40];
	char database_id[40]; /* the server database's own id (meta database_id) */
	int schema;	      /* the schema version it was taken with */
	char taken_at[32];
	char taken_by[SHORT_LEN];
	char scope[PACK_LIST_LEN];	 /* what it was taken for, as the command said */
	char inspections[PACK_LIST_LEN]; /* ids, comma-separated */
	char schools[PACK_LIST_LEN];	 /* codes, comma-separated */
	int64_t id_base;		 /* rows made on the laptop take ids from here */
	char server[PACK_LIST_LEN];	 /* the server database's file */
};

/* What to take: inspections by id, or schools by code (their inspections not yet closed
 * and their open rectifications). */
struct pack_take {
	const int64_t *inspections;
	int ninspections;
	const char *const *schools;
	int nschools;
};

/* Writes a new pack to path (which must not exist) and marks its inspections taken. */
int db_pack_take(struct db *db, const struct pack_take *q, const char *path, struct pack_origin *made,
	char *msg);

/* Whether db is a pack, and where it came from (NULL when it is not). */
const struct pack_origin *db_pack(const struct db *db);
/* Refuses, with a message naming the pack, an action that needs the whole county. */
int db_require_county(struct db *db, const char *action, char *msg);

/* Who has taken an inspection and not merged it back: "wang 2026-12-03 (pack 2)", or "". */
int db_pack_taken(struct db *db, int64_t inspection_id, char *out, size_t size);

enum pack_conflict_kind {
	PACK_BOTH_CHANGED,	/* a field changed on both sides */
	PACK_BOTH_NEW,		/* a row made on both sides with the same key, a field differing */
	PACK_DELETED_ON_SERVER, /* the pack changed a row the server deleted */
	PACK_DELETED_IN_PACK,	/* the pack deleted a row the server changed */
};

enum pack_side { PACK_UNDECIDED, PACK_KEEP_SERVER, PACK_KEEP_PACK };

struct pack_conflict {
	char table[32];
	int64_t row_id;
	char label[NAME_LEN]; /* the row as a user knows it: "school 4521000001 拉堡小学" */
	char field[40];	      /* "" for the whole row */
	int kind;	      /* enum pack_conflict_kind */
	char base[NAME_LEN], server[NAME_LEN], pack[NAME_LEN];
	char server_who[SHORT_LEN], server_at[32];
	char pack_who[SHORT_LEN], pack_at[32];
	int decision; /* enum pack_side */
};

/* One change applied (or, in a dry run, to be applied). */
struct pack_change {
	char table[32];
	int64_t row_id;
	char label[NAME_LEN];
	char op[8];	    /* insert, update, delete */
	char fields[NAME_LEN]; /* the fields an update sets */
};

struct pack_merge {
	struct pack_origin origin;
	bool already; /* merged before in this very state: nothing to do */
	char merged_at[32], merged_by[SHORT_LEN];
	long applied, same, kept_server;
	struct pack_change *changes;
	int nchanges;
	struct pack_conflict *conflicts;
	int nconflicts;
	int undecided;
	bool written; /* the changes were committed */
};

enum pack_merge_flags {
	PACK_DRY_RUN = 1,
};

/* Merges the pack at path into db. prefer decides every conflict (PACK_UNDECIDED: none);
 * decided (may be NULL) holds decisions of single conflicts, found by table, row and field,
 * as a console made them. Nothing is written while a conflict is undecided, in a dry run,
 * or on any error; out says what was or would be done. XQ_OK also when conflicts remain
 * (out->undecided > 0); XQ_ERR with msg when the pack is refused. */
int db_pack_merge(struct db *db, const char *path, int flags, int prefer,
	const struct pack_conflict *decided, int ndecided, struct pack_merge *out, char *msg);
void db_pack_merge_free(struct pack_merge *m);

/* What a pack holds and what it changed, read as untrusted input without a server. */
struct pack_info {
	struct pack_origin origin;
	bool sealed; /* the content is as xuequ last wrote it */
	struct {
		char table[32];
		long rows, inserted, updated, deleted;
	} tables[40];
	int ntables;
	struct pack_change *changes;
	int nchanges;
};
int db_pack_info(const char *path, struct pack_info *out, char *msg);
void db_pack_info_free(struct pack_info *info);

#endif
