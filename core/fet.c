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

/* A set that is a class (a FET year) holds its groups; a group its subgroups. */
static bool is_class(const struct tt_model *m, int s)
{
	return strchr(m->set_codes[s], '/') == NULL;
}

/* The group s belongs to: the class or group whose code prefixes it most closely. */
static int parent_of(const struct tt_model *m, int s)
{
	const char *code = m->set_codes[s];
	const char *slash = strrchr(code, '/');
	size_t best = 0;
	int parent = -1;
	for (int q = 0; q < m->nsets && slash; q++) {
		size_t n = strlen(m->set_codes[q]);
		if (q != s && n > best && n <= (size_t)(slash - code) && strncmp(m->set_codes[q], code, n) == 0 &&
		    (code[n] == '/') && strchr(m->set_codes[q] + n, '/') == NULL) {
			/* the group itself, when a subgroup's leaves are all within it */
			bool within = true;
			for (int f = 0; f < m->sets[s].nleaves && within; f++) {
				bool found = false;
				for (int g = 0; g < m->sets[q].nleaves && !found; g++)
					found = m->sets[q].leaves[g] == m->sets[s].leaves[f];
				within = found;
			}
			if (within) {
				best = n;
				parent = q;
			}
		}
	}
	return parent;
}

int fet_write(const struct tt_model *m, const char *institution, bool locked, const char *path, char *msg)
{
	xmlTextWriterPtr w = xmlNewTextWriterFilename(path, 0);
	if (!w) {
		xq_msg(msg, _("%s: cannot write"), path);
		return XQ_ERR;
	}
	int *first = xcalloc((size_t)(m->ncourses + 1), sizeof *first);
	int *count = xcalloc((size_t)(m->ncourses + 1), sizeof *count);
	char b1[32], b2[32];
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
	/* classes as years, their groups and subgroups inside */
	W(xmlTextWriterStartElement(w, BAD_CAST "Students_List"));
	for (int y = 0; y < m->nsets; y++) {
		if (!is_class(m, y))
			continue;
		W(xmlTextWriterStartElement(w, BAD_CAST "Year"));
		W(el(w, "Name", m->set_codes[y]));
		W(el_int(w, "Number_of_Students", 0));
		W(el(w, "Comments", m->sets[y].name));
		for (int g = 0; g < m->nsets; g++) {
			if (is_class(m, g) || parent_of(m, g) != y)
				continue;
			W(xmlTextWriterStartElement(w, BAD_CAST "Group"));
			W(el(w, "Name", m->set_codes[g]));
			W(el_int(w, "Number_of_Students", 0));
			W(el(w, "Comments", ""));
			for (int sg = 0; sg < m->nsets; sg++) {
				if (is_class(m, sg) || parent_of(m, sg) != g)
					continue;
				W(xmlTextWriterStartElement(w, BAD_CAST "Subgroup"));
				W(el(w, "Name", m->set_codes[sg]));
				W(el_int(w, "Number_of_Students", 0));
				W(el(w, "Comments", ""));
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
	for (int t = 0; t < m->nteachers; t++) {
		int n = 0;
		for (int k = 0; k < S; k++)
			n += m->unav_teacher && m->unav_teacher[t * S + k];
		if (!n)
			continue;
		W(xmlTextWriterStartElement(w, BAD_CAST "ConstraintTeacherNotAvailableTimes"));
		W(el_int(w, "Weight_Percentage", 100));
		W(el(w, "Teacher", m->teacher_codes[t]));
		W(el_int(w, "Number_of_Not_Available_Times", n));
		for (int k = 0; k < S; k++)
			if (m->unav_teacher[t * S + k]) {
				W(xmlTextWriterStartElement(w, BAD_CAST "Not_Available_Time"));
				W(el(w, "Day", day_name(m, k / m->periods, b1, sizeof b1)));
				W(el(w, "Hour", period_name(m, k % m->periods, b2, sizeof b2)));
				W(xmlTextWriterEndElement(w));
			}
		W(el(w, "Active", "true"));
		W(el(w, "Comments", ""));
		W(xmlTextWriterEndElement(w));
	}
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
	return XQ_OK;
fail:
	xmlFreeTextWriter(w);
	free(first);
	free(count);
	xq_msg(msg, _("%s: cannot write the FET file"), path);
	return XQ_ERR;
}
