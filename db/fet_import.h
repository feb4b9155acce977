/* fet_import.h: a FET file's plan (core/fetmap.h) written into a term, in one transaction:
 * its schools and teachers matched in the database (or added, with create), its rooms,
 * subjects, classes, groups, courses, lessons, unavailable slots, teachers' rules and rules
 * on lessons added. A teacher who teaches at a school not their own needs an approved
 * exchange there during the term; with create, an itinerant one is recorded, its week
 * share that of their lessons there. */
#ifndef XQ_DB_FET_IMPORT_H
#define XQ_DB_FET_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/fetmap.h"
#include "db/db.h"

struct fet_import_opts {
	int64_t term_id;
	const char *school_code; /* the school a file without buildings is, NULL: by its institution */
	bool create;
	bool dry_run;
};

struct fet_import_result {
	int schools, schools_new, teachers, teachers_new, rooms_new, subjects_new, classes, groups, courses,
		lessons, locked, unavailable, rules, exchanges_new;
	/* what is not in the database, one line each ("line 12: building 拉堡小学 matches no
	 * school"), malloc'd; NULL when nothing */
	char *unmatched;
	int nunmatched;
};

/* XQ_OK; XQ_ERR with msg (and r->unmatched filled when schools or teachers are missing
 * and create is not set). Nothing is written unless everything is. */
int db_fet_import(struct db *db, const struct fet_plan *p, const struct fet_import_opts *o,
	struct fet_import_result *r, char *msg);
void fet_import_result_free(struct fet_import_result *r);

#endif
