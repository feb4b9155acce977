/* schema_fresh.c: the build's step that writes down a fresh database's schema and seeded ids
 * (build/gen/schema_fresh.c), so that `check` need not run the migrations each time. Linked
 * with schema_none.c, which says that nothing is written down yet. */
#include <stdio.h>

#include "core/util.h"
#include "db/integrity.h"

int main(void)
{
	char msg[XQ_MSG_MAX] = "";
	if (db_schema_fresh_write(stdout, msg) != XQ_OK || fflush(stdout) != 0) {
		fprintf(stderr, "schema_fresh: %s\n", msg[0] ? msg : "cannot write");
		return 1;
	}
	return 0;
}
