/* schema_none.c: nothing written down yet (the build's step that writes it, schema_fresh). */
#include "db/integrity.h"

const struct schema_fixed db_schema_fresh[] = {{0}};
const int db_schema_fresh_n = -1;
