/* fet.c: a term's timetable as a FET 6 file (core/fet.h), written with libxml2's text
 * writer. Names in FET must be unique over the file: schools are buildings by code, teachers
 * are their staff numbers, classes "CODE:class" (years) with their groups and subgroups, rooms
 * "CODE:room", subjects their codes; the names people read go to the comments. Each lesson is
 * an activity, the lessons of a course one split activity. Travel in minutes and each
 * school's bell times have no form in FET and are left out. */
#include "core/fet.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "core/fetmap.h"
#include "core/i18n.h"
#include "core/util.h"

#define W(call)                                                                              \
	do {                                                                                 \
		if ((call) < 0)                                                              \
			goto fail;                                                           \
	} while (0)

static int el(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST(text ? text : ""));
}

static int el_int(xmlTextWriterPtr w, const char *name, long v)
{
	return xmlTextWriterWriteFormatElement(w, BAD_CAST name, "%ld", v);
}

static const char *day_name(const struct tt_model *m, int d, char *buf, size_t size)
{
	if (m->day_names && m->day_names[d])
		return m->day_names[d];
	snprintf(buf, size, "%d", d + 1);
	return buf;
}

static const char *period_name(const struct tt_model *m, int p, char *buf, size_t size)
{
	if (m->period_names && m->period_names[p])
		return m->period_names[p];
	snprintf(buf, size, "%d", p + 1);
	return buf;
}

/* A year, group or subgroup's element, left open, with its name, size and comment. */
static int start_set(xmlTextWriterPtr w, const char *tag, const struct tt_model *m, int s)
{
	if (xmlTextWriterStartElement(w, BAD_CAST tag) < 0 || el(w, "Name", m->set_codes[s]) < 0 ||
	    el_int(w, "Number_of_Students", m->sets[s].students > 0 ? m->sets[s].students : 0) < 0 ||
	    el(w, "Comments", m->sets[s].parent < 0 ? m->sets[s].name : "") < 0)
		return -1;
	return 0;
}

/* A locked file's soft constraints are written inactive: fet-cl, given every lesson's
 * place, then judges the hard rules alone, where a soft constraint the places break (FET
 * weighs them as chances, 95 % near enough hard) would keep it searching. Set by fet_write
 * for the file being written; con_start notes whether the constraint it opens is soft. */
static _Thread_local bool soft_off, soft_now;

/* One constraint's opening: its tag and weight. */
static int con_start(xmlTextWriterPtr w, const char *tag, double weight)
{
	soft_now = weight < 100;
	if (xmlTextWriterStartElement(w, BAD_CAST tag) < 0)
		return -1;
	if (weight >= 100 || weight == (long)weight)
		return el_int(w, "Weight_Percentage", (long)(weight >= 100 ? 100 : weight));
	/* a point whatever the locale's numbers */
	long hundredths = (long)(weight * 100 + 0.5);
	return xmlTextWriterWriteFormatElement(w, BAD_CAST "Weight_Percentage", "%ld.%02ld", hundredths / 100,
		hundredths % 100);
}

/* And its close. */
static int con_end(xmlTextWriterPtr w)
{
	if (el(w, "Active", soft_off && soft_now ? "false" : "true") < 0 || el(w, "Comments", "") < 0)
		return -1;
	soft_now = false;
	return xmlTextWriterEndElement(w);
}

/* The slots marked in slots[days * periods], each as an element holding day and hour. */
static int slot_list(xmlTextWriterPtr w, const struct tt_model *m, const unsigned char *slots, const char *count,
	const char *each, const char *day, const char *hour)
{
	char b1[32], b2[32];
	int n = 0, S = m->days * m->periods;
	for (int k = 0; k < S && slots; k++)
		n += slots[k] != 0;
	if (el_int(w, count, n) < 0)
		return -1;
	for (int k = 0; k < S && slots; k++) {
		if (!slots[k])
			continue;
		if (xmlTextWriterStartElement(w, BAD_CAST each) < 0 ||
		    el(w, day, day_name(m, k / m->periods, b1, sizeof b1)) < 0 ||
		    el(w, hour, period_name(m, k % m->periods, b2, sizeof b2)) < 0 || xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	return 0;
}

/* A rule over lessons in FET's form: over all its lessons, or one constraint a lesson. */
static int lesson_rule(xmlTextWriterPtr w, const struct tt_model *m, const struct tt_lrule *x)
{
	static const char *const tags[TT_LR_KINDS] = {"ConstraintMinDaysBetweenActivities",
		"ConstraintActivitiesSameStartingTime", "ConstraintActivitiesSameStartingDay",
		"ConstraintActivitiesNotOverlapping", "ConstraintTwoActivitiesConsecutive", "ConstraintTwoActivitiesGrouped",
		"ConstraintActivityEndsStudentsDay", "ConstraintActivityPreferredStartingTimes",
		"ConstraintActivityPreferredTimeSlots"};
	const char *tag = tags[x->kind];
	if ((x->kind == TT_LR_GROUPED || x->kind == TT_LR_CONSECUTIVE) && x->nlessons != 2)
		return 0; /* pairs only (a lesson of one may have gone with its course) */
	if (x->kind == TT_LR_ENDS_DAY || x->kind == TT_LR_START_SLOTS || x->kind == TT_LR_TIME_SLOTS) {
		for (int i = 0; i < x->nlessons; i++) {
			if (con_start(w, tag, x->weight) < 0 || el_int(w, "Activity_Id", x->lessons[i] + 1) < 0)
				return -1;
			if (x->kind == TT_LR_START_SLOTS &&
			    slot_list(w, m, x->slots, "Number_of_Preferred_Starting_Times", "Preferred_Starting_Time",
				    "Preferred_Starting_Day", "Preferred_Starting_Hour") < 0)
				return -1;
			if (x->kind == TT_LR_TIME_SLOTS &&
			    slot_list(w, m, x->slots, "Number_of_Preferred_Time_Slots", "Preferred_Time_Slot", "Preferred_Day",
				    "Preferred_Hour") < 0)
				return -1;
			if (con_end(w) < 0)
				return -1;
		}
		return 0;
	}
	if (con_start(w, tag, x->weight) < 0)
		return -1;
	if (x->kind == TT_LR_CONSECUTIVE || x->kind == TT_LR_GROUPED) {
		if (x->nlessons != 2 || el_int(w, "First_Activity_Id", x->lessons[0] + 1) < 0 ||
		    el_int(w, "Second_Activity_Id", x->lessons[1] + 1) < 0)
			return -1;
	} else {
		if (x->kind == TT_LR_MIN_DAYS && el(w, "Consecutive_If_Same_Day", x->flag ? "true" : "false") < 0)
			return -1;
		if (el_int(w, "Number_of_Activities", x->nlessons) < 0)
			return -1;
		for (int i = 0; i < x->nlessons; i++)
			if (el_int(w, "Activity_Id", x->lessons[i] + 1) < 0)
				return -1;
		if (x->kind == TT_LR_MIN_DAYS && el_int(w, "MinDays", x->n) < 0)
			return -1;
	}
	return con_end(w);
}

/* A rule on days in FET's form. */
static int day_rule(xmlTextWriterPtr w, const struct tt_model *m, const struct tt_drule *x)
{
	const char *tag, *field;
	bool teacher = x->teacher >= 0 || x->everyone == 1;
	int who = x->everyone ? x->everyone : teacher ? 0 : 3;
	if (!fet_day_kind(x->kind, who, &tag, &field))
		return 0;
	if (x->kind == TT_DR_MIN_HOURS_DAY && !teacher && x->weight < 100)
		return 0; /* FET takes students' minimum hours at 100 % only */
	if (con_start(w, tag, x->weight) < 0)
		return -1;
	if (x->teacher >= 0 && el(w, "Teacher_Name", m->teacher_codes[x->teacher]) < 0)
		return -1;
	if (x->set >= 0 && el(w, "Students", m->set_codes[x->set]) < 0)
		return -1;
	if (el_int(w, field, x->n) < 0)
		return -1;
	if (x->kind == TT_DR_MIN_HOURS_DAY && el(w, "Allow_Empty_Days", x->empty_days ? "true" : "false") < 0)
		return -1;
	return con_end(w);
}

/* Whether row's slot k has weight wt: 100 not available (hard), less had rather not (soft). */
static bool slot_is(const unsigned char *hard, const double *soft, int row, int S, int k, double wt)
{
	return wt >= 100 ? hard && hard[row * S + k] : soft && soft[row * S + k] == wt;
}

/* The slots of row (a teacher or a room) of weight wt, into slots; how many. */
static int row_slots(const unsigned char *hard, const double *soft, int row, int S, double wt, unsigned char *slots)
{
	int n = 0;
	for (int k = 0; k < S; k++)
		n += (slots[k] = slot_is(hard, soft, row, S, k, wt));
	return n;
}

/* The next weight below wt of row's soft slots; 0 when none. */
static double next_weight(const double *soft, int row, int S, double wt)
{
	double next = 0;
	for (int k = 0; soft && k < S; k++)
		if (soft[row * S + k] < wt && soft[row * S + k] > next)
			next = soft[row * S + k];
	return next;
}

/* A row's (a teacher's or a room's) not-available slots, a constraint of tag for each
 * weight, naming it as who (its code). */
static int row_not_available(xmlTextWriterPtr w, const struct tt_model *m, const char *tag, const char *who,
	const char *code, const unsigned char *hard, const double *soft, int row, unsigned char *slots)
{
	int S = m->days * m->periods;
	for (double wt = 100; wt > 0; wt = next_weight(soft, row, S, wt)) {
		if (!row_slots(hard, soft, row, S, wt, slots))
			continue;
		if (con_start(w, tag, wt) < 0 || el(w, who, code) < 0 ||
		    slot_list(w, m, slots, "Number_of_Not_Available_Times", "Not_Available_Time", "Day", "Hour") < 0 ||
		    con_end(w) < 0)
			return -1;
	}
	return 0;
}

/* Every slot where all of set s's atomic sets have weight wt, into slots; how many. */
static int set_unavailable(const struct tt_model *m, int s, double wt, unsigned char *slots)
{
	int S = m->days * m->periods, n = 0;
	for (int k = 0; k < S; k++) {
		bool all = m->sets[s].nleaves > 0;
		for (int f = 0; f < m->sets[s].nleaves && all; f++)
			all = slot_is(m->unav_leaf, m->soft_leaf, m->sets[s].leaves[f], S, k, wt);
		slots[k] = all;
		n += all;
	}
	return n;
}

/* The next weight below wt of set s's atomic sets' soft slots; 0 when none. */
static double set_next_weight(const struct tt_model *m, int s, double wt)
{
	double next = 0;
	for (int f = 0; f < m->sets[s].nleaves; f++) {
		double x = next_weight(m->soft_leaf, m->sets[s].leaves[f], m->days * m->periods, wt);
		next = x > next ? x : next;
	}
	return next;
}

int fet_write(const struct tt_model *m, const char *institution, bool locked, const char *path, char *msg)
{
	unsigned char *slots = NULL, *above = NULL;
	int *rooms = NULL;
	xmlTextWriterPtr w = xmlNewTextWriterFilename(path, 0);
	if (!w) {
		xq_msg(msg, _("%s: cannot write"), path);
		return XQ_ERR;
	}
	int *first = xcalloc((size_t)(m->ncourses + 1), sizeof *first);
	int *count = xcalloc((size_t)(m->ncourses + 1), sizeof *count);
	char b1[32], b2[32];
	soft_off = locked;
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "\t");
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterWriteDTD(w, BAD_CAST "fet", NULL, NULL, NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "fet"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "6.8.5"));
	W(el(w, "Institution_Name", institution));
	W(el(w, "Comments", ""));
	W(xmlTextWriterStartElement(w, BAD_CAST "Days_List"));
	W(el_int(w, "Number_of_Days", m->days));
	for (int d = 0; d < m->days; d++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "Day"));
		W(el(w, "Name", day_name(m, d, b1, sizeof b1)));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Hours_List"));
	W(el_int(w, "Number_of_Hours", m->periods));
	for (int p = 0; p < m->periods; p++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "Hour"));
		W(el(w, "Name", period_name(m, p, b1, sizeof b1)));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	/* subjects: only those of the term's courses */
	W(xmlTextWriterStartElement(w, BAD_CAST "Subjects_List"));
	for (int j = 0; j < m->nsubjects; j++) {
		const char *label = "";
		for (int c = 0; c < m->ncourses; c++)
			if (m->courses[c].subject == j)
				label = m->courses[c].label;
		W(xmlTextWriterStartElement(w, BAD_CAST "Subject"));
		W(el(w, "Name", m->subject_codes[j]));
		W(el(w, "Comments", label));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Activity_Tags_List"));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Teachers_List"));
	for (int t = 0; t < m->nteachers; t++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "Teacher"));
		W(el(w, "Name", m->teacher_codes[t]));
		W(el_int(w, "Target_Number_of_Hours", 0));
		W(xmlTextWriterStartElement(w, BAD_CAST "Qualified_Subjects"));
		W(xmlTextWriterEndElement(w));
		W(el(w, "Comments", m->teachers[t].name));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	/* classes as years, their groups and subgroups inside (a subgroup under every group it
	 * belongs to, by the same name, as FET has it) */
	W(xmlTextWriterStartElement(w, BAD_CAST "Students_List"));
	for (int y = 0; y < m->nsets; y++) {
		if (m->sets[y].parent >= 0)
			continue;
		W(start_set(w, "Year", m, y));
		for (int g = 0; g < m->nsets; g++) {
			if (m->sets[g].parent != y)
				continue;
			W(start_set(w, "Group", m, g));
			for (int sg = 0; sg < m->nsets; sg++) {
				bool member = m->sets[sg].parent == g;
				for (int k = 0; k < m->nmembers && !member; k++)
					member = m->members[2 * k] == g && m->members[2 * k + 1] == sg;
				if (!member)
					continue;
				W(start_set(w, "Subgroup", m, sg));
				W(xmlTextWriterEndElement(w));
			}
			W(xmlTextWriterEndElement(w));
		}
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	/* one activity a lesson, numbered from 1; the lessons of a course one split activity */
	W(xmlTextWriterStartElement(w, BAD_CAST "Activities_List"));
	for (int i = 0; i < m->nlessons; i++) {
		if (!first[m->lessons[i].course])
			first[m->lessons[i].course] = i + 1;
		count[m->lessons[i].course]++;
	}
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		const struct tt_course *c = &m->courses[l->course];
		W(xmlTextWriterStartElement(w, BAD_CAST "Activity"));
		for (int t = 0; t < c->nteachers; t++)
			W(el(w, "Teacher", m->teacher_codes[c->teachers[t]]));
		W(el(w, "Subject", m->subject_codes[c->subject]));
		for (int s = 0; s < c->nsets; s++)
			W(el(w, "Students", m->set_codes[c->sets[s]]));
		W(el_int(w, "Duration", c->length));
		W(el_int(w, "Total_Duration", (long)c->length * count[l->course]));
		W(el_int(w, "Id", i + 1));
		W(el_int(w, "Activity_Group_Id", count[l->course] > 1 ? first[l->course] : 0));
		W(el(w, "Active", "true"));
		W(el(w, "Comments", c->label));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Buildings_List"));
	for (int s = 0; s < m->nschools; s++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "Building"));
		W(el(w, "Name", m->school_codes[s]));
		W(el(w, "Comments", m->school_names[s]));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Rooms_List"));
	for (int r = 0; r < m->nrooms; r++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "Room"));
		W(el(w, "Name", m->room_codes[r]));
		W(el(w, "Building", m->school_codes[m->rooms[r].school]));
		W(el_int(w, "Capacity", m->rooms[r].capacity >= 0 ? m->rooms[r].capacity : 30000));
		W(el(w, "Virtual", "false"));
		W(el(w, "Comments", m->rooms[r].name));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Time_Constraints_List"));
	W(xmlTextWriterStartElement(w, BAD_CAST "ConstraintBasicCompulsoryTime"));
	W(el_int(w, "Weight_Percentage", 100));
	W(el(w, "Active", "true"));
	W(el(w, "Comments", ""));
	W(xmlTextWriterEndElement(w));
	int S = m->days * m->periods;
	slots = xcalloc((size_t)S + 1, 1);
	above = xcalloc((size_t)S + 1, 1);
	/* the breaks, for lessons one right after the other across them */
	if (m->breaks) {
		W(con_start(w, "ConstraintBreakTimes", 100));
		W(slot_list(w, m, m->breaks, "Number_of_Break_Times", "Break_Time", "Day", "Hour"));
		W(con_end(w));
	}
	/* each weight of a teacher's, a set's or a room's slots (100: not available) a constraint */
	for (int t = 0; t < m->nteachers; t++)
		W(row_not_available(w, m, "ConstraintTeacherNotAvailableTimes", "Teacher", m->teacher_codes[t],
			m->unav_teacher, m->soft_teacher, t, slots));
	for (int y = 0; y < m->nsets; y++) {
		double wt = 100;
		do {
			/* a class's slots, and a group's or subgroup's where the set above it is not
			 * so too */
			int n = set_unavailable(m, y, wt, slots);
			if (n && m->sets[y].parent >= 0 && set_unavailable(m, m->sets[y].parent, wt, above))
				for (int k = 0; k < S; k++)
					if (above[k] && slots[k]) {
						slots[k] = 0;
						n--;
					}
			if (n) {
				W(con_start(w, "ConstraintStudentsSetNotAvailableTimes", wt));
				W(el(w, "Students", m->set_codes[y]));
				W(slot_list(w, m, slots, "Number_of_Not_Available_Times", "Not_Available_Time", "Day", "Hour"));
				W(con_end(w));
			}
			wt = set_next_weight(m, y, wt);
		} while (wt > 0);
	}
	for (int r = 0; r < m->nlrules; r++)
		W(lesson_rule(w, m, &m->lrules[r]));
	for (int r = 0; r < m->ndrules; r++)
		W(day_rule(w, m, &m->drules[r]));
	for (int c = 0; c < m->ncourses; c++) {
		if (!m->courses[c].different_days || count[c] < 2)
			continue;
		W(xmlTextWriterStartElement(w, BAD_CAST "ConstraintMinDaysBetweenActivities"));
		W(el_int(w, "Weight_Percentage", 100));
		W(el(w, "Consecutive_If_Same_Day", "false"));
		W(el_int(w, "Number_of_Activities", count[c]));
		for (int i = 0; i < m->nlessons; i++)
			if (m->lessons[i].course == c)
				W(el_int(w, "Activity_Id", i + 1));
		W(el_int(w, "MinDays", 1));
		W(el(w, "Active", "true"));
		W(el(w, "Comments", ""));
		W(xmlTextWriterEndElement(w));
	}
	for (int i = 0; locked && i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (l->day < 0)
			continue;
		W(xmlTextWriterStartElement(w, BAD_CAST "ConstraintActivityPreferredStartingTime"));
		W(el_int(w, "Weight_Percentage", 100));
		W(el_int(w, "Activity_Id", i + 1));
		W(el(w, "Preferred_Day", day_name(m, l->day, b1, sizeof b1)));
		W(el(w, "Preferred_Hour", period_name(m, l->period, b2, sizeof b2)));
		W(el(w, "Permanently_Locked", "true"));
		W(el(w, "Active", "true"));
		W(el(w, "Comments", ""));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "Space_Constraints_List"));
	W(xmlTextWriterStartElement(w, BAD_CAST "ConstraintBasicCompulsorySpace"));
	W(el_int(w, "Weight_Percentage", 100));
	W(el(w, "Active", "true"));
	W(el(w, "Comments", ""));
	W(xmlTextWriterEndElement(w));
	for (int r = 0; r < m->nrooms; r++)
		W(row_not_available(w, m, "ConstraintRoomNotAvailableTimes", "Room", m->room_codes[r], m->unav_room,
			m->soft_room, r, slots));
	for (int t = 0; t < m->nteachers; t++) {
		if (m->teachers[t].max_changes >= 0) {
			W(con_start(w, "ConstraintTeacherMaxBuildingChangesPerDay", 100));
			W(el(w, "Teacher", m->teacher_codes[t]));
			W(el_int(w, "Max_Building_Changes_Per_Day", m->teachers[t].max_changes));
			W(con_end(w));
		}
		if (m->teachers[t].min_gap_periods > 0) {
			W(con_start(w, "ConstraintTeacherMinGapsBetweenBuildingChanges", 100));
			W(el(w, "Teacher", m->teacher_codes[t]));
			W(el_int(w, "Min_Gaps_Between_Building_Changes", m->teachers[t].min_gap_periods));
			W(con_end(w));
		}
	}
	/* the rooms a course may use: its list, else its school's rooms of its kind large enough */
	rooms = xcalloc((size_t)m->nrooms + 1, sizeof *rooms);
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		if (locked && m->lessons[i].day >= 0 && m->lessons[i].room >= 0)
			continue; /* fixed below */
		int n = 0;
		if (c->nrooms)
			for (int q = 0; q < c->nrooms; q++)
				rooms[n++] = c->rooms[q];
		else if (c->room_kind >= 0)
			for (int r = 0; r < m->nrooms; r++)
				if (m->rooms[r].school == c->school && m->rooms[r].kind == c->room_kind &&
				    (m->rooms[r].capacity < 0 || c->students < 0 || m->rooms[r].capacity >= c->students))
					rooms[n++] = r;
		if (!n)
			continue;
		W(con_start(w, "ConstraintActivityPreferredRooms", 100));
		W(el_int(w, "Activity_Id", i + 1));
		W(el_int(w, "Number_of_Preferred_Rooms", n));
		for (int q = 0; q < n; q++)
			W(el(w, "Preferred_Room", m->room_codes[rooms[q]]));
		W(con_end(w));
	}
	/* the rooms a course had rather use: one soft constraint for each weight, its rooms */
	for (int i = 0; i < m->nlessons; i++) {
		const struct tt_course *c = &m->courses[m->lessons[i].course];
		for (double wt = 100; c->nprefs;) {
			double next = 0;
			for (int q = 0; q < c->nprefs; q++)
				if (c->pref_weights[q] < wt && c->pref_weights[q] > next)
					next = c->pref_weights[q];
			if (next <= 0)
				break;
			wt = next;
			int n = 0;
			for (int q = 0; q < c->nprefs; q++)
				if (c->pref_weights[q] == wt)
					rooms[n++] = c->prefs[q];
			W(con_start(w, "ConstraintActivityPreferredRooms", wt));
			W(el_int(w, "Activity_Id", i + 1));
			W(el_int(w, "Number_of_Preferred_Rooms", n));
			for (int q = 0; q < n; q++)
				W(el(w, "Preferred_Room", m->room_codes[rooms[q]]));
			W(con_end(w));
		}
	}
	for (int i = 0; locked && i < m->nlessons; i++) {
		const struct tt_lesson *l = &m->lessons[i];
		if (l->day < 0 || l->room < 0)
			continue;
		W(xmlTextWriterStartElement(w, BAD_CAST "ConstraintActivityPreferredRoom"));
		W(el_int(w, "Weight_Percentage", 100));
		W(el_int(w, "Activity_Id", i + 1));
		W(el(w, "Room", m->room_codes[l->room]));
		W(el(w, "Permanently_Locked", "true"));
		W(el(w, "Active", "true"));
		W(el(w, "Comments", ""));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	free(first);
	free(count);
	free(slots);
	free(above);
	free(rooms);
	return XQ_OK;
fail:
	xmlFreeTextWriter(w);
	free(first);
	free(count);
	free(slots);
	free(above);
	free(rooms);
	xq_msg(msg, _("%s: cannot write the FET file"), path);
	return XQ_ERR;
}
