/* fetread.h: reading a FET file (FET 5 and 6: the open-source school timetabler's XML) into
 * plain records, with libxml2. The reader knows FET's lists, not their meaning: every
 * subject, teacher, building, room, activity and constraint is an item, its tag and line
 * and its leaf elements in document order (a nested element's leaves follow each other,
 * "Not_Available_Time" gives "Day", "Hour", "Day", "Hour" …). The days, the hours and the
 * students (years, groups, subgroups) are read into their own shape. No SQL: db/ matches
 * and writes what core/ makes of it. */
#ifndef XQ_CORE_FETREAD_H
#define XQ_CORE_FETREAD_H

#include <stdbool.h>
#include <stddef.h>

struct fet_field {
	const char *tag;
	const char *text; /* trimmed; "" when empty */
	int line;
};

struct fet_item {
	const char *tag; /* "Teacher", "Activity", "ConstraintMinDaysBetweenActivities" … */
	int line;
	struct fet_field *f;
	int nf;
};

/* A year, group or subgroup. A subgroup named under two groups is one subgroup (FET's
 * rule: a students set is known by its name); each naming is kept, with its parent. */
struct fet_set {
	const char *name;
	int level; /* 0 year, 1 group, 2 subgroup */
	int parent; /* index of the year or group it is named under, -1 for a year */
	int students; /* -1 unknown */
	int line;
};

struct fet_list {
	struct fet_item *v;
	int n, cap;
};

struct fet_doc {
	const char *institution;
	const char *version;
	const char **days, **hours;
	int ndays, nhours;
	struct fet_set *sets;
	int nsets, capsets;
	struct fet_list subjects, tags, teachers, buildings, rooms, activities, time, space;
	/* the strings and the items' fields above, in blocks */
	char **strings;
	int nstrings, capstrings;
};

/* Reads the file at path (size bytes at most 64 MiB) into doc; XQ_OK, or XQ_ERR with msg
 * naming the line of what is wrong (not XML, not a FET file, a list out of place). */
int fet_read_file(const char *path, struct fet_doc *doc, char *msg);
/* The same from memory (name only for messages). */
int fet_read_memory(const char *buf, size_t len, const char *name, struct fet_doc *doc, char *msg);
void fet_doc_free(struct fet_doc *doc);

/* The text of the item's first field tagged tag, NULL when none. */
const char *fet_get(const struct fet_item *it, const char *tag);
/* The line of that field, or the item's. */
int fet_line(const struct fet_item *it, const char *tag);
/* The index of the item's next field tagged tag from index from on, -1 when none. */
int fet_next(const struct fet_item *it, const char *tag, int from);
/* Whether the item is active (no Active field, or not "false"). */
bool fet_active(const struct fet_item *it);
/* The item's Weight_Percentage, 100 when absent; -1 when it is not a number 0 to 100. */
double fet_weight(const struct fet_item *it);
/* The index of the set named name, -1 when none (the first naming). */
int fet_set_find(const struct fet_doc *doc, const char *name);
/* The index of the list's item whose Name is name, -1 when none. */
int fet_find(const struct fet_list *l, const char *name);
/* The index of name among n names, -1 when absent. */
int fet_index(const char *const *names, int n, const char *name);

/* Names looked up by binary search: a city's file has tens of thousands of activities, each
 * naming its teachers and students. */
struct fet_name {
	const char *name;
	int index;
};
struct fet_names {
	struct fet_name *v;
	int n;
};
/* Indexes n names (NULL ones left out); the first of equal names wins. XQ_OK or XQ_ERR. */
int fet_names_init(struct fet_names *x, const char *const *names, int n);
/* The same over the Name of each item of a list. */
int fet_names_of_list(struct fet_names *x, const struct fet_list *l);
int fet_names_find(const struct fet_names *x, const char *name);
void fet_names_free(struct fet_names *x);

#endif
