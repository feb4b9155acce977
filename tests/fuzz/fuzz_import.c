/* fuzz_import.c: libFuzzer target for CSV import: the first byte picks the entity, the
 * rest is the file. Each input is imported as a dry run into a small county held in memory
 * (rolled back, so every input meets the same data). A refusal must give its reasons; an
 * accepted file must leave the database as it was. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/demo.h"
#include "db/io.h"

static struct db *db;
static long base_audit = -1;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[XQ_MSG_MAX];
	if (!db) {
		setenv("XUEQU_TODAY", "2026-09-01", 1);
		if (db_open(":memory:", DB_CREATE, 1000, &db, msg) != XQ_OK ||
		    db_demo_load(db, DEMO_COUNTY, msg) != XQ_OK)
			abort();
		base_audit = db_audit_count(db);
	}
	if (size < 1)
		return 0;
	int n = 0;
	while (io_entity_names[n])
		n++;
	const char *entity = io_entity_names[data[0] % n];
	struct io_report rep;
	int rc = db_import(db, entity, (const char *)data + 1, size - 1, true, &rep);
	if (rc != XQ_OK && rep.nerrors == 0)
		abort(); /* a refusal always says why */
	for (int i = 0; i < rep.nerrors; i++)
		if (!rep.errors[i].msg[0])
			abort();
	if (rc == XQ_OK && rep.added + rep.updated + rep.unchanged != rep.rows)
		abort(); /* every row is accounted for */
	io_report_free(&rep);
	if (db_audit_count(db) != base_audit)
		abort(); /* a dry run wrote something */
	return 0;
}
