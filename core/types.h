/* types.h: the domain records (DESIGN.md §4) and their enumerations, as plain structs. */
#ifndef XQ_TYPES_H
#define XQ_TYPES_H

#include <stdbool.h>
#include <stdint.h>

/* An enumeration's member: the key used in CSV and the database, its Chinese and
 * English labels. Tables end with a NULL key. */
struct enum_item {
	const char *key;
	const char *zh;
	const char *en;
	const char *alias; /* another word accepted on input (农村 for 乡村), or NULL */
};

enum level { LEVEL_PRIMARY, LEVEL_JUNIOR, LEVEL_NINE_YEAR, LEVEL_TWELVE_YEAR, LEVEL_TEACHING_POINT };
enum location { LOC_URBAN, LOC_TOWN, LOC_RURAL };
enum form { FORM_GROUP, FORM_PAIRING, FORM_ALLIANCE, FORM_INTEGRATED };
enum role { ROLE_LEAD, ROLE_MEMBER };
enum education { EDU_SECONDARY, EDU_JUNIOR_COLLEGE, EDU_BACHELOR, EDU_MASTER, EDU_DOCTOR };
enum backbone { BB_NONE, BB_COUNTY, BB_CITY, BB_PROVINCE, BB_NATIONAL };
enum employment { EMP_IN_POST, EMP_SPECIAL_POST, EMP_SUBSTITUTE, EMP_OTHER };
enum post { POST_TEACHER, POST_PRINCIPAL, POST_VICE_PRINCIPAL };
enum exemption_kind { EXM_ILLNESS, EXM_MATERNITY, EXM_FAMILY, EXM_OTHER };
enum activity_kind {
	ACT_LECTURE, ACT_GUIDANCE, ACT_DIAGNOSIS, ACT_CASE_STUDY, ACT_VISIT, ACT_SHADOWING,
	ACT_MENTORING, ACT_OTHER
};
enum op_role { OPROLE_ADMIN, OPROLE_DISTRICT_ADMIN, OPROLE_INSPECTOR, OPROLE_VIEWER };

extern const struct enum_item level_items[], location_items[], form_items[], role_items[],
	education_items[], backbone_items[], employment_items[], post_items[],
	exemption_kind_items[], activity_kind_items[], op_role_items[], gender_items[],
	room_kind_items[];

/* Value by key, Chinese or English label (case-insensitive for ASCII); -1 if none. */
int enum_parse(const struct enum_item *items, const char *s);
const char *enum_key(const struct enum_item *items, int v);
const char *enum_zh(const struct enum_item *items, int v);
const char *enum_en(const struct enum_item *items, int v);
/* A value as a word of a sentence in the interface's language: its Chinese label in
 * Chinese, its English label otherwise. */
const char *enum_word(const struct enum_item *items, int v);
int enum_count(const struct enum_item *items);
/* "a|b|c": the keys, for messages. */
const char *enum_keys_joined(const struct enum_item *items);
/* "小学|初中|…": the Chinese labels joined, for messages (static buffer). */
const char *enum_zh_joined(const struct enum_item *items);

/* Sizes of text fields, in bytes including the terminator. */
#define CODE_LEN 11 /* national school code: 10 digits */
#define NAME_LEN 192
#define SHORT_LEN 96
#define DATE_LEN 11
#define STAFFNO_LEN 32
#define TEXT_LEN 1024

/* Unknown numbers: counts are -1, measures are NAN (NULL in the database). */
#define XQ_UNKNOWN (-1L)

struct school {
	int64_t id, rev;
	char code[CODE_LEN];
	char name[NAME_LEN];
	char short_name[SHORT_LEN];
	int level; /* enum level */
	char town[SHORT_LEN];
	int location; /* enum location */
	double lat, lon; /* NAN when unknown */
	long students, classes, staff_quota;
	double teaching_area_m2, sports_area_m2, equipment_value_yuan;
	long multimedia_rooms, music_rooms, art_rooms;
	long hardship; /* 0..3 */
	/* nine-year and twelve-year schools: pupils by stage, adding up to students;
	 * unknown (-1) for the other levels, whose students are all of one stage */
	long students_primary, students_junior;
};

struct district {
	int64_t id, rev;
	char name[NAME_LEN];
	int form; /* enum form */
	int64_t lead_school_id; /* 0 when none */
	char lead_school_code[CODE_LEN];
	char established_on[DATE_LEN];
	char note[TEXT_LEN];
};

struct member {
	int64_t id, rev;
	int64_t district_id, school_id;
	char district_name[NAME_LEN];
	char school_code[CODE_LEN];
	int role; /* enum role */
	char from_date[DATE_LEN], to_date[DATE_LEN]; /* to_date "" while current */
};

struct agreement {
	int64_t id, rev;
	int64_t supporting_id, supported_id;
	char supporting_code[CODE_LEN], supported_code[CODE_LEN];
	char start_date[DATE_LEN], end_date[DATE_LEN];
	char goals[TEXT_LEN];
};

struct activity {
	int64_t id, rev;
	int64_t agreement_id;
	char date[DATE_LEN];
	int kind; /* enum activity_kind */
	char note[TEXT_LEN];
};

struct teacher {
	int64_t id, rev;
	char staff_no[STAFFNO_LEN];
	char name[SHORT_LEN];
	char gender; /* 'M' or 'F' */
	char birth_date[DATE_LEN];
	int64_t school_id;
	char school_code[CODE_LEN];
	char subjects[NAME_LEN]; /* "语文;数学" */
	char title[SHORT_LEN];
	int education;	/* enum education */
	int backbone;	/* enum backbone */
	bool pe_art;
	int employment; /* enum employment */
	int post;	/* enum post */
	char post_since[DATE_LEN];
	char joined_school_on[DATE_LEN];
};

struct exemption {
	int64_t id, rev;
	int64_t teacher_id;
	char staff_no[STAFFNO_LEN];
	int kind; /* enum exemption_kind */
	char start_date[DATE_LEN], end_date[DATE_LEN];
	char note[TEXT_LEN];
};

struct operator {
	int64_t id, rev;
	char login[SHORT_LEN];
	int role; /* enum op_role */
	int64_t district_id; /* scope, 0 = all */
	int64_t school_id;   /* scope, 0 = all */
};

void school_init(struct school *s);
void teacher_init(struct teacher *t);

#endif
