/* test_fetread.c: reading FET files: days and hours in both of FET's forms, the institution
 * and version, the students' years, groups and subgroups, items with repeated fields and
 * their lines, nested constraint fields flattened in document order, Active and
 * Weight_Percentage read the same in every locale, names looked up by binary search, the
 * errors (not XML with its first fault's line, not FET, no days or hours, nothing printed),
 * external entities left unread, white space and Chinese text, long strings, lines past
 * 65535, and reading from a file. */
#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/fetread.h"
#include "core/util.h"

/* The shortest days and hours a document needs, on one line. */
#define DAYS_HOURS                                                                          \
	"<Days_List><Number>1</Number><Name>Mon</Name></Days_List>"                         \
	"<Hours_List><Number>1</Number><Name>1</Name></Hours_List>"

static int read_str(const char *xml, struct fet_doc *d, char *msg)
{
	return fet_read_memory(xml, strlen(xml), "t.fet", d, msg);
}

static void test_days_hours_new(void **state)
{
	(void)state;
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<fet version=\"6.9.0\">\n"
		"<Days_List>\n"
		"\t<Number_of_Days>2</Number_of_Days>\n"
		"\t<Day><Name>Mon</Name><Long_Name>Monday</Long_Name></Day>\n"
		"\t<Day>\n\t\t<Name>Tue</Name>\n\t</Day>\n"
		"</Days_List>\n"
		"<Hours_List>\n"
		"\t<Number_of_Hours>3</Number_of_Hours>\n"
		"\t<Hour><Name>08:00</Name></Hour>\n"
		"\t<Hour><Name>09:00</Name></Hour>\n"
		"\t<Hour><Long_Name>no short name</Long_Name></Hour>\n"
		"\t<Hour><Name>10:00</Name></Hour>\n"
		"</Hours_List>\n"
		"</fet>\n";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.ndays, 2);
	assert_string_equal(d.days[0], "Mon");
	assert_string_equal(d.days[1], "Tue");
	assert_int_equal(d.nhours, 3); /* an Hour without a Name is left out */
	assert_string_equal(d.hours[0], "08:00");
	assert_string_equal(d.hours[1], "09:00");
	assert_string_equal(d.hours[2], "10:00");
	assert_int_equal(d.nsets, 0);
	assert_int_equal(d.activities.n, 0);
	fet_doc_free(&d);
	assert_null(d.days);
	assert_int_equal(d.ndays, 0);
}

static void test_days_hours_old(void **state)
{
	(void)state;
	static const char xml[] =
		"<fet version=\"5.10.0\">\n"
		"<Days_List>\n"
		"<Number>2</Number>\n"
		"<Name>Mon</Name>\n"
		"<Name>Tue</Name>\n"
		"</Days_List>\n"
		"<Hours_List>\n"
		"<Number>9</Number>\n"
		"<Name>1</Name><Name>2</Name><Name>3</Name><Name>4</Name><Name>5</Name>\n"
		"<Name>6</Name><Name>7</Name><Name>8</Name><Name>9</Name>\n"
		"</Hours_List>\n"
		"</fet>\n";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.ndays, 2);
	assert_string_equal(d.days[0], "Mon");
	assert_string_equal(d.days[1], "Tue");
	assert_int_equal(d.nhours, 9); /* more than the first allocation of eight */
	assert_string_equal(d.hours[0], "1");
	assert_string_equal(d.hours[7], "8");
	assert_string_equal(d.hours[8], "9");
	assert_int_equal(fet_index(d.hours, d.nhours, "9"), 8);
	fet_doc_free(&d);
}

/* Days and hours in two lists each, more than the first allocation of eight in all: every
 * name kept, in document order. */
static void test_days_hours_twice(void **state)
{
	(void)state;
	static const char xml[] =
		"<fet>\n"
		"<Days_List><Number>8</Number>"
		"<Name>d1</Name><Name>d2</Name><Name>d3</Name><Name>d4</Name>"
		"<Name>d5</Name><Name>d6</Name><Name>d7</Name><Name>d8</Name></Days_List>\n"
		"<Hours_List><Number>8</Number>"
		"<Name>h1</Name><Name>h2</Name><Name>h3</Name><Name>h4</Name>"
		"<Name>h5</Name><Name>h6</Name><Name>h7</Name><Name>h8</Name></Hours_List>\n"
		"<Days_List><Number_of_Days>3</Number_of_Days>"
		"<Day><Name>d9</Name></Day><Day><Name>d10</Name></Day><Day><Name>d11</Name></Day></Days_List>\n"
		"<Hours_List><Number>9</Number>"
		"<Name>h9</Name><Name>h10</Name><Name>h11</Name><Name>h12</Name><Name>h13</Name>"
		"<Name>h14</Name><Name>h15</Name><Name>h16</Name><Name>h17</Name></Hours_List>\n"
		"</fet>\n";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.ndays, 11);
	for (int i = 0; i < 11; i++) {
		char want[16];
		snprintf(want, sizeof want, "d%d", i + 1);
		assert_string_equal(d.days[i], want);
	}
	assert_int_equal(d.nhours, 17); /* past sixteen as well */
	for (int i = 0; i < 17; i++) {
		char want[16];
		snprintf(want, sizeof want, "h%d", i + 1);
		assert_string_equal(d.hours[i], want);
	}
	assert_int_equal(fet_index(d.days, d.ndays, "d11"), 10);
	assert_int_equal(fet_index(d.hours, d.nhours, "h17"), 16);
	fet_doc_free(&d);
}

static void test_institution_version(void **state)
{
	(void)state;
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str("<fet version=\"6.9.0\">\n"
				  "<Institution_Name>  Lincoln High  </Institution_Name>\n"
				  "<Comments>not a list</Comments>\n" DAYS_HOURS "</fet>",
				  &d, msg),
			 XQ_OK);
	assert_string_equal(d.version, "6.9.0");
	assert_string_equal(d.institution, "Lincoln High");
	fet_doc_free(&d);
	assert_null(d.version);

	/* neither: both "" */
	assert_int_equal(read_str("<fet>" DAYS_HOURS "</fet>", &d, msg), XQ_OK);
	assert_non_null(d.version);
	assert_string_equal(d.version, "");
	assert_non_null(d.institution);
	assert_string_equal(d.institution, "");
	fet_doc_free(&d);

	/* an internal entity is read as its text */
	assert_int_equal(read_str("<!DOCTYPE fet [<!ENTITY n \"No. 1\">]>"
				  "<fet><Institution_Name>&n; Middle School</Institution_Name>" DAYS_HOURS
				  "</fet>",
				  &d, msg),
			 XQ_OK);
	assert_string_equal(d.institution, "No. 1 Middle School");
	fet_doc_free(&d);
}

static void test_students(void **state)
{
	(void)state;
	static const char xml[] =
		"<fet>\n"                                                          /* 1 */
		DAYS_HOURS "\n"                                                    /* 2 */
		"<Students_List>\n"                                                /* 3 */
		"<Year>\n"                                                         /* 4 */
		"\t<Name>Y1</Name>\n"                                              /* 5 */
		"\t<Number_of_Students>40</Number_of_Students>\n"                  /* 6 */
		"\t<Group>\n"                                                      /* 7 */
		"\t\t<Name>Y1 G1</Name>\n"                                         /* 8 */
		"\t\t<Number_of_Students> 20 </Number_of_Students>\n"              /* 9 */
		"\t\t<Subgroup><Name>S</Name><Number_of_Students>10</Number_of_Students></Subgroup>\n" /* 10 */
		"\t</Group>\n"                                                     /* 11 */
		"\t<Group>\n"                                                      /* 12 */
		"\t\t<Name>Y1 G2</Name>\n"                                         /* 13 */
		"\t\t<Number_of_Students>abc</Number_of_Students>\n"               /* 14 */
		"\t\t<Subgroup><Name>S</Name></Subgroup>\n"                        /* 15 */
		"\t\t<Subgroup><Name>T</Name><Number_of_Students>12x</Number_of_Students></Subgroup>\n" /* 16 */
		"\t</Group>\n"                                                     /* 17 */
		"</Year>\n"                                                        /* 18 */
		"<Year><Name>Y2</Name><Number_of_Students>-3</Number_of_Students></Year>\n" /* 19 */
		"<Year><Name>Y3</Name><Number_of_Students></Number_of_Students></Year>\n" /* 20 */
		"<Year><Name>Y4</Name><Number_of_Students>0</Number_of_Students></Year>\n" /* 21 */
		"</Students_List>\n"                                               /* 22 */
		"</fet>\n";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.nsets, 9);
	static const struct {
		const char *name;
		int level, parent, students, line;
	} want[] = {
		{"Y1", 0, -1, 40, 4},
		{"Y1 G1", 1, 0, 20, 7},
		{"S", 2, 1, 10, 10},
		{"Y1 G2", 1, 0, -1, 12}, /* "abc" */
		{"S", 2, 3, -1, 15},     /* the same subgroup named again, no number */
		{"T", 2, 3, -1, 16},     /* "12x" */
		{"Y2", 0, -1, -1, 19},   /* negative */
		{"Y3", 0, -1, -1, 20},   /* empty */
		{"Y4", 0, -1, 0, 21},
	};
	for (int i = 0; i < 9; i++) {
		assert_string_equal(d.sets[i].name, want[i].name);
		assert_int_equal(d.sets[i].level, want[i].level);
		assert_int_equal(d.sets[i].parent, want[i].parent);
		assert_int_equal(d.sets[i].students, want[i].students);
		assert_int_equal(d.sets[i].line, want[i].line);
	}
	assert_int_equal(fet_set_find(&d, "S"), 2); /* the first naming */
	assert_int_equal(fet_set_find(&d, "Y1 G2"), 3);
	assert_int_equal(fet_set_find(&d, "Y4"), 8);
	assert_int_equal(fet_set_find(&d, "Y1 G3"), -1);
	assert_int_equal(fet_set_find(&d, ""), -1);
	fet_doc_free(&d);
}

/* Line numbers below are those of the literal: count them when changing it. */
static const char activity_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" /* 1 */
	"<fet version=\"6.9.0\">\n"                      /* 2 */
	DAYS_HOURS "\n"                                   /* 3 */
	"<Activities_List>\n"                             /* 4 */
	"<Number_of_Activities>2</Number_of_Activities>\n" /* 5 */
	"<Activity>\n"                                    /* 6 */
	"\t<Teacher>Zhang</Teacher>\n"                    /* 7 */
	"\t<Teacher>Li</Teacher>\n"                       /* 8 */
	"\t<Subject>\xe8\xaf\xad\xe6\x96\x87</Subject>\n" /* 9: 语文 */
	"\t<Students>Y1 G1</Students>\n"                  /* 10 */
	"\t<Students>Y1 G2</Students>\n"                  /* 11 */
	"\t<Duration>2</Duration>\n"                      /* 12 */
	"\t<Id>7</Id>\n"                                  /* 13 */
	"\t<Active>true</Active>\n"                       /* 14 */
	"\t<Comments/>\n"                                 /* 15 */
	"</Activity>\n"                                   /* 16 */
	"<Activity><Subject>Math</Subject><Id>8</Id><Active>false</Active></Activity>\n" /* 17 */
	"</Activities_List>\n"                            /* 18 */
	"</fet>\n";

static void test_activity(void **state)
{
	(void)state;
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(activity_xml, &d, msg), XQ_OK);
	assert_int_equal(d.activities.n, 2); /* the count before them is no item */
	const struct fet_item *a = &d.activities.v[0];
	assert_string_equal(a->tag, "Activity");
	assert_int_equal(a->line, 6);
	assert_int_equal(a->nf, 9);
	assert_string_equal(fet_get(a, "Teacher"), "Zhang");
	assert_string_equal(fet_get(a, "Students"), "Y1 G1");
	assert_string_equal(fet_get(a, "Subject"), "\xe8\xaf\xad\xe6\x96\x87");
	assert_string_equal(fet_get(a, "Comments"), "");
	assert_null(fet_get(a, "Activity_Tag"));

	/* every Teacher, every Students in order */
	assert_int_equal(fet_next(a, "Teacher", 0), 0);
	assert_int_equal(fet_next(a, "Teacher", 1), 1);
	assert_int_equal(fet_next(a, "Teacher", 2), -1);
	assert_int_equal(fet_next(a, "Teacher", -5), 0);
	assert_int_equal(fet_next(a, "Teacher", 100), -1);
	const char *students[3] = {NULL, NULL, NULL};
	int n = 0;
	for (int i = fet_next(a, "Students", 0); i >= 0; i = fet_next(a, "Students", i + 1)) {
		assert_true(n < 3);
		students[n++] = a->f[i].text;
	}
	assert_int_equal(n, 2);
	assert_string_equal(students[0], "Y1 G1");
	assert_string_equal(students[1], "Y1 G2");
	assert_int_equal(fet_next(a, "Students", 0), 3);
	assert_int_equal(fet_next(a, "Students", 4), 4);

	/* lines: the first field of a tag, the item's own when none */
	assert_int_equal(fet_line(a, "Teacher"), 7);
	assert_int_equal(a->f[1].line, 8);
	assert_int_equal(fet_line(a, "Subject"), 9);
	assert_int_equal(fet_line(a, "Students"), 10);
	assert_int_equal(a->f[4].line, 11);
	assert_int_equal(fet_line(a, "Comments"), 15);
	assert_int_equal(fet_line(a, "Activity_Tag"), 6);

	assert_true(fet_active(a));
	const struct fet_item *b = &d.activities.v[1];
	assert_int_equal(b->line, 17);
	assert_int_equal(b->nf, 3);
	assert_string_equal(fet_get(b, "Id"), "8");
	assert_false(fet_active(b));
	assert_null(fet_get(b, "Teacher"));
	assert_int_equal(fet_line(b, "Teacher"), 17);
	fet_doc_free(&d);
}

static void test_constraint(void **state)
{
	(void)state;
	static const char xml[] =
		"<fet>\n"                                                              /* 1 */
		DAYS_HOURS "\n"                                                        /* 2 */
		"<Time_Constraints_List>\n"                                            /* 3 */
		"<ConstraintTeacherNotAvailableTimes>\n"                               /* 4 */
		"\t<Weight_Percentage>100</Weight_Percentage>\n"                       /* 5 */
		"\t<Teacher>Li</Teacher>\n"                                            /* 6 */
		"\t<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>\n" /* 7 */
		"\t<Not_Available_Time>\n"                                             /* 8 */
		"\t\t<Day>Mon</Day>\n"                                                 /* 9 */
		"\t\t<Hour>1</Hour>\n"                                                 /* 10 */
		"\t</Not_Available_Time>\n"                                            /* 11 */
		"\t<Not_Available_Time>\n"                                             /* 12 */
		"\t\t<Day>Tue</Day>\n"                                                 /* 13 */
		"\t\t<Hour>2</Hour>\n"                                                 /* 14 */
		"\t</Not_Available_Time>\n"                                            /* 15 */
		"\t<Active>true</Active>\n"                                            /* 16 */
		"\t<Comments></Comments>\n"                                            /* 17 */
		"</ConstraintTeacherNotAvailableTimes>\n"                              /* 18 */
		"</Time_Constraints_List>\n"                                           /* 19 */
		"<Space_Constraints_List>\n"                                           /* 20 */
		"<ConstraintActivityPreferredRooms><Weight_Percentage>95</Weight_Percentage>"
		"<Activity_Id>7</Activity_Id><Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>"
		"<Preferred_Room>R1</Preferred_Room><Preferred_Room>R2</Preferred_Room>"
		"<Active>false</Active></ConstraintActivityPreferredRooms>\n"          /* 21 */
		"</Space_Constraints_List>\n"                                          /* 22 */
		"</fet>\n";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.time.n, 1);
	const struct fet_item *c = &d.time.v[0];
	assert_string_equal(c->tag, "ConstraintTeacherNotAvailableTimes");
	assert_int_equal(c->line, 4);
	static const struct {
		const char *tag, *text;
		int line;
	} want[] = {
		{"Weight_Percentage", "100", 5},
		{"Teacher", "Li", 6},
		{"Number_of_Not_Available_Times", "2", 7},
		{"Day", "Mon", 9},
		{"Hour", "1", 10},
		{"Day", "Tue", 13},
		{"Hour", "2", 14},
		{"Active", "true", 16},
		{"Comments", "", 17},
	};
	assert_int_equal(c->nf, 9);
	for (int i = 0; i < 9; i++) {
		assert_string_equal(c->f[i].tag, want[i].tag);
		assert_string_equal(c->f[i].text, want[i].text);
		assert_int_equal(c->f[i].line, want[i].line);
	}
	assert_null(fet_get(c, "Not_Available_Time")); /* the grouping element is no field */
	assert_int_equal(fet_next(c, "Day", 4), 5);
	assert_int_equal(fet_weight(c), 100);
	assert_true(fet_active(c));

	assert_int_equal(d.space.n, 1);
	const struct fet_item *s = &d.space.v[0];
	assert_string_equal(s->tag, "ConstraintActivityPreferredRooms");
	assert_int_equal(s->line, 21);
	assert_int_equal(s->nf, 6);
	assert_string_equal(s->f[4].text, "R2");
	assert_int_equal(fet_weight(s), 95);
	assert_false(fet_active(s));
	fet_doc_free(&d);
}

/* Every list lands in its own member, its items found by Name. */
static void test_lists(void **state)
{
	(void)state;
	static const char xml[] =
		"<fet>" DAYS_HOURS
		"<Subjects_List><Subject><Name>Math</Name></Subject><Subject><Name>Art</Name></Subject></Subjects_List>"
		"<Activity_Tags_List><Activity_Tag><Name>lab</Name><Printable>true</Printable></Activity_Tag></Activity_Tags_List>"
		"<Teachers_List><Teacher><Name>Li</Name><Target_Number_of_Hours>0</Target_Number_of_Hours></Teacher></Teachers_List>"
		"<Buildings_List><Building><Name>East</Name></Building></Buildings_List>"
		"<Rooms_List><Room><Name>R1</Name><Building>East</Building><Capacity>40</Capacity></Room>"
		"<Room><Name>R2</Name></Room><Room><Name>R3</Name></Room></Rooms_List>"
		"</fet>";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.subjects.n, 2);
	assert_int_equal(d.tags.n, 1);
	assert_int_equal(d.teachers.n, 1);
	assert_int_equal(d.buildings.n, 1);
	assert_int_equal(d.rooms.n, 3);
	assert_int_equal(d.activities.n, 0);
	assert_int_equal(d.time.n, 0);
	assert_int_equal(d.space.n, 0);
	assert_int_equal(fet_find(&d.subjects, "Art"), 1);
	assert_int_equal(fet_find(&d.subjects, "Math"), 0);
	assert_int_equal(fet_find(&d.subjects, "Music"), -1);
	assert_string_equal(d.tags.v[0].tag, "Activity_Tag");
	assert_string_equal(fet_get(&d.tags.v[0], "Printable"), "true");
	assert_string_equal(d.teachers.v[0].tag, "Teacher");
	assert_string_equal(d.buildings.v[0].tag, "Building");
	assert_int_equal(fet_find(&d.rooms, "R3"), 2);
	assert_string_equal(fet_get(&d.rooms.v[0], "Building"), "East");
	assert_string_equal(fet_get(&d.rooms.v[0], "Capacity"), "40");
	assert_int_equal(fet_find(&d.buildings, "R1"), -1);
	fet_doc_free(&d);
}

static void test_active_weight(void **state)
{
	(void)state;
	struct fet_field f[2] = {{"Active", "false", 1}, {"Weight_Percentage", "95", 2}};
	struct fet_item it = {"ConstraintX", 1, f, 0};
	assert_true(fet_active(&it)); /* no Active field */
	assert_int_equal(fet_weight(&it), 100); /* no Weight_Percentage */
	it.nf = 2;
	assert_false(fet_active(&it));
	assert_int_equal(fet_weight(&it), 95);
	f[0].text = "true";
	assert_true(fet_active(&it));
	f[0].text = "";
	assert_true(fet_active(&it)); /* only "false" is inactive */
	static const struct {
		const char *text;
		double want;
	} w[] = {
		{"95", 95}, {"100", 100}, {"0", 0}, {"99.5", 99.5}, {"abc", -1}, {"150", -1},
		{"100.01", -1}, {"-1", -1}, {"-0.5", -1}, {"", -1}, {"95%", -1}, {"nan", -1},
	};
	for (size_t i = 0; i < XQ_NELEM(w); i++) {
		f[1].text = w[i].text;
		assert_true(fet_weight(&it) == w[i].want);
	}
}

/* Weight_Percentage is read without strtod: the same under a locale whose decimal point is a
 * comma, no hexadecimal, no exponent. */
static void test_weight_locale(void **state)
{
	(void)state;
	struct fet_field f[1] = {{"Weight_Percentage", "99.5", 1}};
	struct fet_item it = {"ConstraintX", 1, f, 1};
	assert_true(fet_weight(&it) == 99.5);
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
		double w = fet_weight(&it);
		f[0].text = "99,5";
		double comma = fet_weight(&it);
		setlocale(LC_NUMERIC, "C");
		assert_true(w == 99.5);
		assert_true(comma == -1);
		f[0].text = "99.5";
	}
	assert_true(fet_weight(&it) == 99.5);
	static const struct {
		const char *text;
		double want;
	} w[] = {
		{"0x5A", -1}, {"1e2", -1}, {"95%", -1}, {"", -1}, {".", -1},
		{"100", 100}, {"100.5", -1}, {"99.5", 99.5},
	};
	for (size_t i = 0; i < XQ_NELEM(w); i++) {
		f[0].text = w[i].text;
		assert_true(fet_weight(&it) == w[i].want);
	}
}

static void test_names(void **state)
{
	(void)state;
	struct fet_names x;
	const char *names[] = {"Zhao", "Li", NULL, "Wang", "Li", "Chen", "Li", "\xe5\xbc\xa0"};
	assert_int_equal(fet_names_init(&x, names, 8), XQ_OK);
	assert_int_equal(x.n, 7); /* the NULL left out */
	assert_int_equal(fet_names_find(&x, "Li"), 1); /* the first of three */
	assert_int_equal(fet_names_find(&x, "Zhao"), 0);
	assert_int_equal(fet_names_find(&x, "Wang"), 3);
	assert_int_equal(fet_names_find(&x, "Chen"), 5);
	assert_int_equal(fet_names_find(&x, "\xe5\xbc\xa0"), 7);
	assert_int_equal(fet_names_find(&x, "Liu"), -1);
	assert_int_equal(fet_names_find(&x, "L"), -1);
	assert_int_equal(fet_names_find(&x, "A"), -1);
	assert_int_equal(fet_names_find(&x, "zz"), -1);
	assert_int_equal(fet_names_find(&x, ""), -1);
	fet_names_free(&x);
	assert_null(x.v);
	assert_int_equal(x.n, 0);

	/* many equal names: still the first, whatever order the sort leaves them in */
	const char *same[40];
	for (int i = 0; i < 40; i++)
		same[i] = i % 2 ? "b" : (i < 20 ? "c" : "a");
	assert_int_equal(fet_names_init(&x, same, 40), XQ_OK);
	assert_int_equal(fet_names_find(&x, "b"), 1);
	assert_int_equal(fet_names_find(&x, "c"), 0);
	assert_int_equal(fet_names_find(&x, "a"), 20);
	fet_names_free(&x);

	assert_int_equal(fet_names_init(&x, names, 0), XQ_OK);
	assert_int_equal(x.n, 0);
	assert_int_equal(fet_names_find(&x, "Li"), -1);
	fet_names_free(&x);

	/* a list's Names: a teacher without one is left out */
	static const char xml[] = "<fet>" DAYS_HOURS "<Teachers_List>"
				  "<Teacher><Name>Li</Name></Teacher>"
				  "<Teacher><Comments>no name</Comments></Teacher>"
				  "<Teacher><Name>Wang</Name></Teacher>"
				  "<Teacher><Name>Li</Name></Teacher>"
				  "</Teachers_List></fet>";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_int_equal(d.teachers.n, 4);
	assert_int_equal(fet_names_of_list(&x, &d.teachers), XQ_OK);
	assert_int_equal(x.n, 3);
	assert_int_equal(fet_names_find(&x, "Li"), 0);
	assert_int_equal(fet_names_find(&x, "Wang"), 2);
	assert_int_equal(fet_names_find(&x, "no name"), -1);
	fet_names_free(&x);
	struct fet_list empty = {NULL, 0, 0};
	assert_int_equal(fet_names_of_list(&x, &empty), XQ_OK);
	assert_int_equal(fet_names_find(&x, "Li"), -1);
	fet_names_free(&x);
	fet_doc_free(&d);

	const char *days[] = {"Mon", "Tue", "Mon"};
	assert_int_equal(fet_index(days, 3, "Tue"), 1);
	assert_int_equal(fet_index(days, 3, "Mon"), 0);
	assert_int_equal(fet_index(days, 3, "Wed"), -1);
	assert_int_equal(fet_index(days, 1, "Tue"), -1); /* only the first n */
	assert_int_equal(fet_index(days, 0, "Mon"), -1);
}

static void test_errors(void **state)
{
	(void)state;
	struct fet_doc d;
	char msg[XQ_MSG_MAX];

	/* not XML: the line of the fault */
	msg[0] = '\0';
	assert_int_equal(read_str("<fet>\n" DAYS_HOURS "\n<Teachers_List>\n</Teacher>\n<x/>\n</fet>\n", &d, msg),
			 XQ_ERR);
	assert_non_null(strstr(msg, "t.fet:4:"));
	assert_non_null(strstr(msg, "not a readable XML file"));
	assert_null(d.days);
	assert_int_equal(d.nstrings, 0);
	fet_doc_free(&d);

	msg[0] = '\0';
	assert_int_equal(read_str("", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "t.fet"));
	msg[0] = '\0';
	assert_int_equal(fet_read_memory("<fet>", 5, "short.fet", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "short.fet:1:"));
	msg[0] = '\0';
	assert_int_equal(read_str("<fet>\n" DAYS_HOURS "\n\n<Institution_Name>&nbsp;</Institution_Name>\n</fet>",
				  &d, msg),
			 XQ_ERR);
	assert_non_null(strstr(msg, "t.fet:4:"));
	assert_non_null(strstr(msg, "nbsp"));
	msg[0] = '\0';
	assert_int_equal(read_str("just text", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "t.fet:1:"));

	/* not FET: the root's line */
	msg[0] = '\0';
	assert_int_equal(read_str("<?xml version=\"1.0\"?>\n\n<timetable>" DAYS_HOURS "</timetable>", &d, msg),
			 XQ_ERR);
	assert_non_null(strstr(msg, "t.fet:3:"));
	assert_non_null(strstr(msg, "<fet>"));
	assert_int_equal(d.nstrings, 0);
	msg[0] = '\0';
	assert_int_equal(read_str("<FET>" DAYS_HOURS "</FET>", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "<fet>"));

	/* no days, no hours, or lists with no names in them */
	msg[0] = '\0';
	assert_int_equal(read_str("<fet><Hours_List><Name>1</Name></Hours_List></fet>", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "Days_List"));
	assert_int_equal(d.nstrings, 0); /* freed */
	assert_null(d.hours);
	msg[0] = '\0';
	assert_int_equal(read_str("<fet><Days_List><Name>Mon</Name></Days_List></fet>", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "Hours_List"));
	assert_null(d.days);
	msg[0] = '\0';
	assert_int_equal(read_str("<fet><Days_List><Number>0</Number></Days_List>"
				  "<Hours_List><Name>1</Name></Hours_List></fet>",
				  &d, msg),
			 XQ_ERR);
	assert_non_null(strstr(msg, "Days_List"));
	msg[0] = '\0';
	assert_int_equal(read_str("<fet><Days_List><Name>Mon</Name></Days_List>"
				  "<Hours_List><Hour><Long_Name>1</Long_Name></Hour></Hours_List></fet>",
				  &d, msg),
			 XQ_ERR);
	assert_non_null(strstr(msg, "Hours_List"));
	/* a Days_List not directly under <fet> does not count */
	msg[0] = '\0';
	assert_int_equal(read_str("<fet><Teachers_List>" DAYS_HOURS "</Teachers_List></fet>", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "Days_List"));
}

/* The first fault's line, not that of the errors the parser meets after it. */
static void test_first_error(void **state)
{
	(void)state;
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	msg[0] = '\0';
	assert_int_equal(read_str("<fet>\n<x/>\n<Teachers_List>\n</fet>\n", &d, msg), XQ_ERR);
	/* line 4: </fet> closes the Teachers_List opened on line 3 */
	assert_true(strncmp(msg, "t.fet:4: ", 9) == 0);
	assert_non_null(strstr(msg, "not a readable XML file"));
	assert_null(strstr(msg, "t.fet:5:"));
	assert_null(d.days);
	assert_int_equal(d.nstrings, 0);
}

/* An encoding error is a message, not text libxml2 prints on stderr. */
static void test_encoding_quiet(void **state)
{
	(void)state;
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n"
				  "<fet><Institution_Name>\xff\xfe\x80\x80</Institution_Name>" DAYS_HOURS
				  "</fet>\n";
	char path[] = "/tmp/xq-fetread-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	msg[0] = '\0';
	int rc = fet_read_memory(xml, sizeof xml - 1, "g.fet", &d, msg);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	off_t printed = lseek(fd, 0, SEEK_END);
	char head[256] = "";
	if (printed > 0 && pread(fd, head, sizeof head - 1, 0) < 0)
		head[0] = '\0';
	close(fd);
	unlink(path);
	if (printed != 0)
		fail_msg("printed on stderr: %s", head);
	assert_int_equal(rc, XQ_ERR);
	assert_non_null(strstr(msg, "g.fet"));
	assert_non_null(strstr(msg, "not a readable XML file"));
	assert_int_equal(d.nstrings, 0);
}

/* A file named as an external entity is not read into the document. */
static void test_external_entity(void **state)
{
	(void)state;
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	int rc = read_str("<?xml version=\"1.0\"?>\n"
			  "<!DOCTYPE fet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
			  "<fet><Institution_Name>A&x;B</Institution_Name>" DAYS_HOURS "</fet>\n",
			  &d, msg);
	if (rc == XQ_OK) {
		assert_null(strstr(d.institution, "root"));
		assert_string_equal(d.institution, "AB");
		fet_doc_free(&d);
	}

	/* the same with a file of our own, whatever /etc holds */
	char path[] = "/tmp/xq-fetread-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char secret[] = "SECRET-6d1f";
	assert_int_equal(write(fd, secret, strlen(secret)), (ssize_t)strlen(secret));
	close(fd);
	char xml[512];
	snprintf(xml, sizeof xml,
		 "<!DOCTYPE fet [<!ENTITY x SYSTEM \"file://%s\"><!ENTITY y SYSTEM \"%s\">]>\n"
		 "<fet><Institution_Name>[&x;|&y;]</Institution_Name>" DAYS_HOURS
		 "<Teachers_List><Teacher><Name>&y;</Name></Teacher></Teachers_List></fet>\n",
		 path, path);
	rc = read_str(xml, &d, msg);
	unlink(path);
	if (rc == XQ_OK) {
		assert_null(strstr(d.institution, "SECRET"));
		assert_string_equal(d.institution, "[|]");
		assert_int_equal(d.teachers.n, 1);
		assert_null(strstr(d.teachers.v[0].f[0].text, "SECRET"));
		fet_doc_free(&d);
	}

	/* entities nested ten deep: refused, or at least not a gigabyte of text */
	char bomb[2048];
	char *p = bomb;
	p += sprintf(p, "<!DOCTYPE fet [<!ENTITY e0 \"lollollollollollollollollollol\">");
	for (int i = 1; i < 10; i++) {
		p += sprintf(p, "<!ENTITY e%d \"", i);
		for (int k = 0; k < 10; k++)
			p += sprintf(p, "&e%d;", i - 1);
		p += sprintf(p, "\">");
	}
	sprintf(p, "]><fet><Institution_Name>&e9;</Institution_Name>" DAYS_HOURS "</fet>");
	rc = read_str(bomb, &d, msg);
	if (rc == XQ_OK) {
		assert_true(strlen(d.institution) < (1u << 20));
		fet_doc_free(&d);
	}
}

static void test_text(void **state)
{
	(void)state;
	static const char xml[] =
		"<fet>\n"
		"<Institution_Name>\n\t  \xe7\xac\xac\xe4\xb8\x80\xe4\xb8\xad\xe5\xad\xa6 \r\n</Institution_Name>\n"
		"<Days_List><Day><Name>\t\xe5\x91\xa8\xe4\xb8\x80 </Name></Day></Days_List>\n"
		"<Hours_List><Hour><Name> 1 </Name></Hour></Hours_List>\n"
		"<Subjects_List>\n"
		"<Subject><Name>  \xe8\xaf\xad\xe6\x96\x87  </Name><Comments>  two  words  </Comments></Subject>\n"
		"<Subject><Name>\xe3\x80\x80\xe6\x95\xb0\xe5\xad\xa6</Name></Subject>\n"
		"<Subject><Name>  </Name><Comments>a&amp;b &lt;c&gt;</Comments></Subject>\n"
		"<Subject><Name><![CDATA[ x<y ]]></Name></Subject>\n"
		"</Subjects_List>\n"
		"</fet>\n";
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(read_str(xml, &d, msg), XQ_OK);
	assert_string_equal(d.institution, "\xe7\xac\xac\xe4\xb8\x80\xe4\xb8\xad\xe5\xad\xa6"); /* 第一中学 */
	assert_string_equal(d.days[0], "\xe5\x91\xa8\xe4\xb8\x80"); /* 周一 */
	assert_string_equal(d.hours[0], "1");
	assert_int_equal(d.subjects.n, 4);
	const char *yuwen = fet_get(&d.subjects.v[0], "Name");
	assert_int_equal(strlen(yuwen), 6);
	assert_memory_equal(yuwen, "\xe8\xaf\xad\xe6\x96\x87", 7); /* 语文 and its end */
	assert_int_equal(fet_find(&d.subjects, "\xe8\xaf\xad\xe6\x96\x87"), 0);
	assert_string_equal(fet_get(&d.subjects.v[0], "Comments"), "two  words"); /* inside kept */
	/* an ideographic space is text, not white space to trim */
	assert_string_equal(fet_get(&d.subjects.v[1], "Name"), "\xe3\x80\x80\xe6\x95\xb0\xe5\xad\xa6");
	assert_string_equal(fet_get(&d.subjects.v[2], "Name"), "");
	assert_string_equal(fet_get(&d.subjects.v[2], "Comments"), "a&b <c>");
	assert_string_equal(fet_get(&d.subjects.v[3], "Name"), "x<y");
	fet_doc_free(&d);
}

/* Texts longer than a block of strings, and more strings than one block holds. */
static void test_long_strings(void **state)
{
	(void)state;
	enum { LONG = 100000, MANY = 5000 };
	size_t cap = LONG * 2 + MANY * 64 + 1024;
	char *xml = malloc(cap);
	assert_non_null(xml);
	char *p = xml;
	p += sprintf(p, "<fet version=\"6\"><Institution_Name>");
	memset(p, 'i', LONG);
	p += LONG;
	p += sprintf(p, "</Institution_Name>\n" DAYS_HOURS "\n<Teachers_List>\n");
	for (int i = 0; i < MANY; i++)
		p += sprintf(p, "<Teacher><Name>teacher %d</Name></Teacher>\n", i);
	p += sprintf(p, "<Teacher><Name>");
	memset(p, 'j', LONG);
	p += LONG;
	p += sprintf(p, "</Name><Comments>after</Comments></Teacher>\n</Teachers_List></fet>\n");
	assert_true((size_t)(p - xml) < cap);

	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(fet_read_memory(xml, (size_t)(p - xml), "long.fet", &d, msg), XQ_OK);
	free(xml);
	assert_string_equal(d.version, "6");
	assert_int_equal(strlen(d.institution), LONG);
	assert_int_equal(strspn(d.institution, "i"), LONG);
	assert_string_equal(d.days[0], "Mon");
	assert_int_equal(d.teachers.n, MANY + 1);
	assert_true(d.nstrings > 2);
	for (int i = 0; i < MANY; i++) {
		char want[32];
		snprintf(want, sizeof want, "teacher %d", i);
		assert_string_equal(fet_get(&d.teachers.v[i], "Name"), want);
		assert_string_equal(d.teachers.v[i].tag, "Teacher");
		assert_int_equal(d.teachers.v[i].line, 4 + i);
	}
	const struct fet_item *last = &d.teachers.v[MANY];
	assert_int_equal(strlen(fet_get(last, "Name")), LONG);
	assert_int_equal(strspn(fet_get(last, "Name"), "j"), LONG);
	assert_string_equal(fet_get(last, "Comments"), "after");

	struct fet_names x;
	assert_int_equal(fet_names_of_list(&x, &d.teachers), XQ_OK);
	assert_int_equal(fet_names_find(&x, "teacher 4321"), 4321);
	assert_int_equal(fet_names_find(&x, "teacher 5000"), -1);
	fet_names_free(&x);
	fet_doc_free(&d);
}

/* A version longer than a block as the very first string, then more strings after it. */
static void test_long_version(void **state)
{
	(void)state;
	enum { LONG = 70000, MANY = 3000 };
	size_t cap = LONG + MANY * 64 + 1024;
	char *xml = malloc(cap);
	assert_non_null(xml);
	char *p = xml;
	p += sprintf(p, "<fet version=\"");
	memset(p, 'v', LONG);
	p += LONG;
	p += sprintf(p, "\">\n<Institution_Name>Lincoln High</Institution_Name>\n" DAYS_HOURS
			"\n<Teachers_List>\n");
	for (int i = 0; i < MANY; i++)
		p += sprintf(p, "<Teacher><Name>teacher %d</Name></Teacher>\n", i);
	p += sprintf(p, "</Teachers_List></fet>\n");
	assert_true((size_t)(p - xml) < cap);

	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(fet_read_memory(xml, (size_t)(p - xml), "v.fet", &d, msg), XQ_OK);
	free(xml);
	assert_int_equal(strlen(d.version), LONG);
	assert_int_equal(strspn(d.version, "v"), LONG);
	assert_string_equal(d.institution, "Lincoln High");
	assert_int_equal(d.ndays, 1);
	assert_string_equal(d.days[0], "Mon");
	assert_int_equal(d.nhours, 1);
	assert_string_equal(d.hours[0], "1");
	assert_int_equal(d.teachers.n, MANY);
	for (int i = 0; i < MANY; i++) {
		char want[32];
		snprintf(want, sizeof want, "teacher %d", i);
		assert_string_equal(fet_get(&d.teachers.v[i], "Name"), want);
	}
	/* the first strings still whole after all the others */
	assert_int_equal(strspn(d.version, "v"), LONG);
	assert_string_equal(d.institution, "Lincoln High");
	fet_doc_free(&d);
}

/* Lines past 65535, where libxml2 keeps an element's line in sixteen bits. */
static void test_big_lines(void **state)
{
	(void)state;
	enum { MANY = 40000 };
	size_t cap = MANY * 64 + 1024;
	char *xml = malloc(cap);
	assert_non_null(xml);
	char *p = xml;
	p += sprintf(p, "<fet>\n" DAYS_HOURS "\n<Teachers_List>\n"); /* lines 1 to 3 */
	for (int i = 0; i < MANY; i++) /* lines 4 + 3i to 6 + 3i */
		p += sprintf(p, "<Teacher>\n\t<Name>teacher %d</Name>\n</Teacher>\n", i);
	p += sprintf(p, "</Teachers_List>\n</fet>\n");
	assert_true((size_t)(p - xml) < cap);

	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	assert_int_equal(fet_read_memory(xml, (size_t)(p - xml), "big.fet", &d, msg), XQ_OK);
	free(xml);
	assert_int_equal(d.teachers.n, MANY);
	const struct fet_item *last = &d.teachers.v[MANY - 1];
	assert_string_equal(fet_get(last, "Name"), "teacher 39999");
	assert_int_equal(fet_line(last, "Name"), 5 + 3 * (MANY - 1));
	assert_int_equal(last->line, 4 + 3 * (MANY - 1));
	for (int i = 0; i < MANY; i++) {
		assert_int_equal(d.teachers.v[i].line, 4 + 3 * i);
		assert_int_equal(d.teachers.v[i].f[0].line, 5 + 3 * i);
	}
	fet_doc_free(&d);
}

static void test_file(void **state)
{
	(void)state;
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	msg[0] = '\0';
	assert_int_equal(fet_read_file("/nonexistent/xq/none.fet", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "/nonexistent/xq/none.fet"));
	assert_int_equal(d.nstrings, 0);

	char path[] = "/tmp/xq-fetread-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	assert_true(fputs(activity_xml, f) >= 0);
	fclose(f);
	int rc = fet_read_file(path, &d, msg);
	assert_int_equal(rc, XQ_OK);
	assert_string_equal(d.version, "6.9.0");
	assert_int_equal(d.activities.n, 2);
	assert_int_equal(fet_line(&d.activities.v[0], "Students"), 10);
	assert_string_equal(fet_get(&d.activities.v[1], "Subject"), "Math");
	fet_doc_free(&d);

	/* an error names the file and line */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("<fet>\n\n\n<Institution_Name>a < b</Institution_Name>\n</fet>\n", f);
	fclose(f);
	msg[0] = '\0';
	assert_int_equal(fet_read_file(path, &d, msg), XQ_ERR);
	char want[64];
	snprintf(want, sizeof want, "%s:4:", path);
	assert_non_null(strstr(msg, want));
	unlink(path);

	/* a directory opens but cannot be read */
	msg[0] = '\0';
	assert_int_equal(fet_read_file("/tmp", &d, msg), XQ_ERR);
	assert_non_null(strstr(msg, "cannot read /tmp"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_hours_new),
		cmocka_unit_test(test_days_hours_old),
		cmocka_unit_test(test_days_hours_twice),
		cmocka_unit_test(test_institution_version),
		cmocka_unit_test(test_students),
		cmocka_unit_test(test_activity),
		cmocka_unit_test(test_constraint),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_active_weight),
		cmocka_unit_test(test_weight_locale),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_first_error),
		cmocka_unit_test(test_encoding_quiet),
		cmocka_unit_test(test_external_entity),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_long_strings),
		cmocka_unit_test(test_long_version),
		cmocka_unit_test(test_big_lines),
		cmocka_unit_test(test_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
