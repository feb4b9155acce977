/* inspection.h: checklist templates (versioned, CSV in and out), inspections of a school or
 * a district by a team of inspectors, their results and verdicts, and the rectifications
 * of failed items (core/inspection.h holds the rules). */
#ifndef XQ_DB_INSPECTION_H
#define XQ_DB_INSPECTION_H

#include "core/inspection.h"
#include "db/db.h"

struct template_info {
	int64_t id, rev;
	char name[NAME_LEN];
	int version;
	int target;    /* enum insp_target */
	int pass_rule; /* enum pass_rule */
	double pass_total; /* NAN when none */
	int nitems;
	int used; /* inspections that use this version */
};

/* Every version of every template, by name and version; *rows malloc'd. */
int db_template_list(struct db *db, struct template_info **rows, int *n, char *msg);
/* A template by id, or by name (version 0 = the newest); XQ_NOTFOUND with msg. */
int db_template_get(struct db *db, int64_t id, struct template_info *t, char *msg);
int db_template_find(struct db *db, const char *name, int version, struct template_info *t, char *msg);
/* Its items by position; *items malloc'd. */
int db_template_items(struct db *db, int64_t template_id, struct check_item **items, int *n, char *msg);

/* The CSV of templates: one row per item, the template's fields repeated on each. */
extern const char template_csv_header[];
/* Imports every template of a CSV buffer, all or nothing: admin only; each becomes a new
 * version of its name (version 1 for a new name). Errors name the line. *ids (may be NULL)
 * gets the new templates' ids, malloc'd. dry_run checks without writing. */
int db_template_import(struct db *db, const char *csv, size_t len, bool dry_run, int64_t **ids,
	int *nids, char *msg);
/* The CSV of one template version (header and rows), malloc'd. */
char *db_template_export(struct db *db, int64_t template_id, char *msg);

/* An inspection as listed. team: logins separated by commas. */
struct inspection {
	int64_t id, rev;
	int64_t template_id;
	char template_name[NAME_LEN];
	int template_version;
	int64_t school_id, district_id; /* one of them, the other 0 */
	char target_code[CODE_LEN];	/* the school's code, "" for a district */
	char target_name[NAME_LEN];
	char date[DATE_LEN];
	int stage; /* enum stage, -1 when none */
	char team[TEXT_LEN];
	int status; /* enum insp_status */
};

/* Plans an inspection (status planned): admins, and district admins for a target in their
 * district. Every login of the team must be a registered operator; a template with
 * indicator items needs a school target and a stage. Sets id and rev. */
int db_inspection_add(struct db *db, struct inspection *in, char *msg);
int db_inspection_get(struct db *db, int64_t id, struct inspection *in, char *msg);
struct inspection_query {
	int status;	   /* -1 = any */
	int64_t school_id; /* 0 = any */
	int64_t district_id; /* 0 = any */
};
/* By date, newest first; *rows malloc'd. */
int db_inspection_list(struct db *db, const struct inspection_query *q, struct inspection **rows,
	int *n, char *msg);

/* One result as stored (scored false when the item has none yet). computed: the value
 * computed from the data when an inspector overrode it (NAN otherwise). */
struct result {
	int64_t id, rev;
	bool scored;
	double value, threshold;
	bool pass;
	char note[TEXT_LEN];
	double computed;
	char override_note[TEXT_LEN];
};
/* The items of an inspection's template version, their results (threshold filled in from
 * the policy for indicator items) and the verdict; arrays malloc'd. */
int db_inspection_results(struct db *db, int64_t inspection_id, struct check_item **items,
	struct result **res, int *n, struct checklist_verdict *v, char *msg);

/* Whether the operator may take or merge back the work of an inspection: an admin, or a
 * member of its team with its target in their scope (whatever its status). */
int db_inspection_may_merge(struct db *db, int64_t inspection_id, char *msg);

/* Scores item position of an inspection. An indicator item with has_value false takes the
 * value computed from the data (db_indicator_value); with a value, it is an override and
 * needs a note. Team members only, within their scope; a planned inspection becomes in
 * progress; submitted and closed ones refuse. */
int db_inspection_score(struct db *db, int64_t inspection_id, int position, bool has_value,
	double value, const char *note, char *msg);
/* in_progress → submitted when every item is scored (a team member); submitted → closed
 * (an admin or the target's district admin). */
/* The same, refused with XQ_STALE (and who changed it when) unless the item's stored result
 * is still at revision expect_rev as read (0: not scored then; -1: no check), checked in the
 * write's transaction. */
int db_inspection_score_rev(struct db *db, int64_t inspection_id, int position, bool has_value,
	double value, const char *note, int64_t expect_rev, char *msg);
/* Whether the operator may change the inspection's results now (team, scope, status). */
int db_inspection_may_score(struct db *db, int64_t inspection_id, char *msg);
int db_inspection_submit(struct db *db, int64_t inspection_id, char *msg);
int db_inspection_close(struct db *db, int64_t inspection_id, char *msg);

struct rectification {
	int64_t id, rev;
	int64_t inspection_id, item_id;
	int position; /* the item's position in its template */
	char item_text[TEXT_LEN];
	int64_t school_id;
	char school_code[CODE_LEN];
	char school_name[NAME_LEN];
	char person[SHORT_LEN];
	char deadline[DATE_LEN];
	int status; /* enum rect_status */
	bool overdue; /* open past the deadline (today, XUEQU_TODAY in tests) */
	char reported_on[DATE_LEN];
	int64_t verified_by; /* 0 when none */
	char note[TEXT_LEN];
};
/* A failed item of a submitted or closed inspection becomes a rectification: admins and
 * the owner school's district admin. school_id 0 = the inspection's school. */
int db_rectification_add(struct db *db, struct rectification *r, char *msg);
/* open → reported (the owner school reports it done): as any write of that school. */
int db_rectification_done(struct db *db, int64_t id, const char *note, char *msg);
/* reported or open → verified by a later submitted or closed inspection of the same target
 * whose result of the same item (same template name and position) passes; by a member of
 * that inspection's team or an admin. */
int db_rectification_verify(struct db *db, int64_t id, int64_t by_inspection, char *msg);
/* overdue_only: open ones past the deadline. Overdue first, then by deadline. */
int db_rectification_list(struct db *db, bool overdue_only, int64_t school_id,
	struct rectification **rows, int *n, char *msg);
int db_rectification_get(struct db *db, int64_t id, struct rectification *r, char *msg);

#endif
