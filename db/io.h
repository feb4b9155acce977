/* io.h: CSV import and export of the entities, all or nothing. */
#ifndef XQ_DB_IO_H
#define XQ_DB_IO_H

#include <stdio.h>

#include "core/encoding.h"
#include "db/db.h"

/* One problem found in an input file. */
struct io_error {
	long line;
	char column[48]; /* "" when the whole row or file */
	char msg[XQ_MSG_MAX];
};

/* Problems kept in a report: a file of a million bad rows costs no more memory than one of
 * a hundred; the rest are counted (and passed to an import's on_error as they are found). */
#define IO_ERRORS_KEPT 100

struct io_report {
	enum text_encoding encoding; /* what was detected */
	char encoding_name[48];	     /* what the file was read as: detected, or --encoding's */
	long rows, added, updated, unchanged;
	struct io_error *errors; /* the first problems found, at most IO_ERRORS_KEPT */
	int nerrors;		 /* how many are in errors */
	int errors_cap;
	long total_errors;	 /* every problem found, kept or not */
};

/* The entity names: schools districts members agreements activities teachers exemptions. */
extern const char *const io_entity_names[];
bool io_entity_known(const char *name);
/* "code name short_name ...": an entity's columns, for help and errors. */
void io_entity_columns(const char *entity, bool zh, struct strbuf *out);

/* Imports a file's bytes (any supported encoding) in one transaction. Rows match stored
 * records by natural key and update them; columns absent from the file keep their values.
 * Any bad row: nothing is written, every problem is in the report. dry_run: everything is
 * checked against the database, then rolled back. Returns XQ_OK or XQ_ERR. */
int db_import(struct db *db, const char *entity, const char *bytes, size_t len, bool dry_run,
	struct io_report *rep);
/* db_import with the file's encoding named (any name iconv knows; NULL detects it). */
int db_import_as(struct db *db, const char *entity, const char *bytes, size_t len,
	const char *encoding, bool dry_run, struct io_report *rep);
/* The same, calling on_error (when not NULL) with each problem as soon as it is found, in
 * the order of the file. A dry run works on a private copy of the database taken at its
 * start, so it never holds up other sessions' writes however long it takes. */
int db_import_stream(struct db *db, const char *entity, const char *bytes, size_t len,
	const char *encoding, bool dry_run, struct io_report *rep,
	void (*on_error)(void *ctx, const struct io_error *e), void *ctx);
void io_report_free(struct io_report *rep);

/* Writes every row of an entity as UTF-8 CSV into out, headers in English (the column names)
 * or Chinese (labels). Rows in a stable order (schools by code, teachers by staff number,
 * districts by name, members by district, agreements by school names), so exports compare
 * with diff. */
int db_export(struct db *db, const char *entity, bool zh_headers, struct strbuf *out, char *msg);
/* The same handed to put a few hundred KiB of whole rows at a time, so that an entity of
 * any size is never held whole; put stops the export by returning XQ_ERR with msg. */
int db_export_each(struct db *db, const char *entity, bool zh_headers,
	int (*put)(void *ctx, const char *data, size_t len, char *msg), void *ctx, char *msg);

#endif
