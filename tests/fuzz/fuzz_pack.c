/* fuzz_pack.c: libFuzzer target for merging an offline pack: each input is a file given to
 * `merge --dry-run --prefer pack` and to `pack info` against one server database (the one
 * XUEQU_FUZZ_SERVER names, whose pack seeds the corpus, or an empty one). A refusal must give
 * its reason; a dry run must write nothing; nothing of the pack may run on the server. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/audit.h"
#include "db/pack.h"

static struct db *db;
static long base_audit = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[XQ_MSG_MAX];
	if (!db) {
		const char *server = getenv("XUEQU_FUZZ_SERVER");
		if (db_open(server && *server ? server : ":memory:", DB_CREATE, 1000, &db, msg) != XQ_OK)
			abort();
		base_audit = db_audit_count(db);
		snprintf(path, sizeof path, "/tmp/xuequ-fuzz-%ld.xqp", (long)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	struct pack_merge m;
	msg[0] = '\0';
	int rc = db_pack_merge(db, path, PACK_DRY_RUN, PACK_KEEP_PACK, NULL, 0, &m, msg);
	if (rc != XQ_OK && !msg[0])
		abort(); /* a refusal always says why */
	if (rc == XQ_OK) {
		if (m.written)
			abort(); /* a dry run wrote */
		db_pack_merge_free(&m);
	}
	struct pack_info info;
	msg[0] = '\0';
	if (db_pack_info(path, &info, msg) == XQ_OK)
		db_pack_info_free(&info);
	else if (!msg[0])
		abort();
	if (db_audit_count(db) != base_audit)
		abort(); /* something was written */
	unlink(path);
	return 0;
}
