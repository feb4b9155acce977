/* validate.c: field rules of the records (what the CHECK constraints also say, in words). */
#include "core/validate.h"

#include <math.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"

bool school_code_valid(const char *code)
{
	if (strlen(code) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (code[i] < '0' || code[i] > '9')
			return false;
	return true;
}

/* A text field: characters checked by text_check (LF and TAB only where multiline). */
static bool text_ok(const char *field, const char *s, bool required, bool multiline, char *msg)
{
	if (!text_check(field, s, multiline, msg))
		return false;
	if (required && !*s) {
		xq_msg(msg, _("%s is required"), field);
		return false;
	}
	return true;
}

static bool date_ok(const char *field, const char *s, bool required, char *msg)
{
	if (!*s) {
		if (required)
			xq_msg(msg, _("%s is required (YYYY-MM-DD)"), field);
		return !required;
	}
	if (!date_valid(s)) {
		xq_msg(msg, _("%s: '%s' is not a date (YYYY-MM-DD)"), field, s);
		return false;
	}
	return true;
}

static bool count_ok(const char *field, long v, long max, char *msg)
{
	if (v < -1 || v > max) {
		xq_msg(msg, _("%s: %ld is out of range (0 to %ld)"), field, v, max);
		return false;
	}
	return true;
}

static bool measure_ok(const char *field, double v, double max, char *msg)
{
	if (!isnan(v) && (v < 0 || v > max)) {
		xq_msg(msg, _("%s: %g is out of range (0 to %g)"), field, v, max);
		return false;
	}
	return true;
}

static bool enum_ok(const char *field, int v, const struct enum_item *items, char *msg)
{
	if (v < 0 || v >= enum_count(items)) {
		xq_msg(msg, _("%s must be one of %s"), field, enum_keys_joined(items));
		return false;
	}
	return true;
}

static bool range_ok(const char *from_field, const char *from, const char *to_field, const char *to,
	char *msg)
{
	if (*from && *to && strcmp(to, from) < 0) {
		xq_msg(msg, _("%s %s is before %s %s"), to_field, to, from_field, from);
		return false;
	}
	return true;
}

static const char *school_stages_check(const struct school *s, char *msg);

const char *school_validate(const struct school *s, char *msg)
{
	if (!school_code_valid(s->code)) {
		xq_msg(msg, _("code: '%s' is not a national school code (10 digits)"), s->code);
		return "code";
	}
	if (!text_ok("name", s->name, true, false, msg))
		return "name";
	if (!text_ok("short_name", s->short_name, false, false, msg))
		return "short_name";
	if (!enum_ok("level", s->level, level_items, msg))
		return "level";
	if (!text_ok("town", s->town, false, false, msg))
		return "town";
	if (!enum_ok("location", s->location, location_items, msg))
		return "location";
	if (!isnan(s->lat) && (s->lat < -90 || s->lat > 90)) {
		xq_msg(msg, _("lat: %g is not a latitude (-90 to 90)"), s->lat);
		return "lat";
	}
	if (!isnan(s->lon) && (s->lon < -180 || s->lon > 180)) {
		xq_msg(msg, _("lon: %g is not a longitude (-180 to 180)"), s->lon);
		return "lon";
	}
	if (isnan(s->lat) != isnan(s->lon)) {
		xq_msg(msg, "%s", _("lat and lon go together: give both or neither"));
		return isnan(s->lat) ? "lat" : "lon";
	}
	if (!count_ok("students", s->students, 100000, msg))
		return "students";
	if (!count_ok("classes", s->classes, 2000, msg))
		return "classes";
	if (!count_ok("staff_quota", s->staff_quota, 10000, msg))
		return "staff_quota";
	if (!measure_ok("teaching_area_m2", s->teaching_area_m2, 1e7, msg))
		return "teaching_area_m2";
	if (!measure_ok("sports_area_m2", s->sports_area_m2, 1e7, msg))
		return "sports_area_m2";
	if (!measure_ok("equipment_value_yuan", s->equipment_value_yuan, 1e10, msg))
		return "equipment_value_yuan";
	if (!count_ok("multimedia_rooms", s->multimedia_rooms, 10000, msg))
		return "multimedia_rooms";
	if (!count_ok("music_rooms", s->music_rooms, 1000, msg))
		return "music_rooms";
	if (!count_ok("art_rooms", s->art_rooms, 1000, msg))
		return "art_rooms";
	if (s->hardship < 0 || s->hardship > 3) {
		xq_msg(msg, _("hardship: %ld is out of range (0 to 3)"), s->hardship);
		return "hardship";
	}
	return school_stages_check(s, msg);
}

/* Pupils by stage: only nine-year and twelve-year schools split their students, and the
 * split, when given, is whole and adds up to students. */
static const char *school_stages_check(const struct school *s, char *msg)
{
	if (!count_ok("students_primary", s->students_primary, 100000, msg))
		return "students_primary";
	if (!count_ok("students_junior", s->students_junior, 100000, msg))
		return "students_junior";
	bool p = s->students_primary >= 0, j = s->students_junior >= 0;
	if (s->level != LEVEL_NINE_YEAR && s->level != LEVEL_TWELVE_YEAR) {
		if (p || j) {
			xq_msg(msg, "%s", _("pupils by stage are for nine-year and twelve-year schools: "
					    "a school of one stage gives students only"));
			return p ? "students_primary" : "students_junior";
		}
		return NULL;
	}
	if (p != j) {
		xq_msg(msg, "%s", _("students_primary and students_junior go together: give both or neither"));
		return p ? "students_junior" : "students_primary";
	}
	if (p && s->students_primary + s->students_junior != s->students) {
		xq_msg(msg, _("students_primary %ld and students_junior %ld do not add up to students (%ld)"),
			s->students_primary, s->students_junior, s->students);
		return "students_primary";
	}
	return NULL;
}

const char *district_validate(const struct district *d, char *msg)
{
	if (!text_ok("name", d->name, true, false, msg))
		return "name";
	if (!enum_ok("form", d->form, form_items, msg))
		return "form";
	if (!date_ok("established_on", d->established_on, false, msg))
		return "established_on";
	if (!text_ok("note", d->note, false, true, msg))
		return "note";
	return NULL;
}

const char *member_validate(const struct member *m, char *msg)
{
	if (!enum_ok("role", m->role, role_items, msg))
		return "role";
	if (!date_ok("from_date", m->from_date, true, msg))
		return "from_date";
	if (!date_ok("to_date", m->to_date, false, msg))
		return "to_date";
	if (!range_ok("from_date", m->from_date, "to_date", m->to_date, msg))
		return "to_date";
	return NULL;
}

const char *agreement_validate(const struct agreement *a, char *msg)
{
	if (a->supporting_id && a->supporting_id == a->supported_id) {
		xq_msg(msg, "%s", _("a school cannot support itself"));
		return "supported_school_code";
	}
	if (!date_ok("start_date", a->start_date, true, msg))
		return "start_date";
	if (!date_ok("end_date", a->end_date, false, msg))
		return "end_date";
	if (!range_ok("start_date", a->start_date, "end_date", a->end_date, msg))
		return "end_date";
	if (!text_ok("goals", a->goals, false, true, msg))
		return "goals";
	return NULL;
}

const char *activity_validate(const struct activity *a, char *msg)
{
	if (!date_ok("date", a->date, true, msg))
		return "date";
	if (!enum_ok("kind", a->kind, activity_kind_items, msg))
		return "kind";
	if (!text_ok("note", a->note, false, true, msg))
		return "note";
	return NULL;
}

const char *activity_in_agreement(const struct activity *act, const struct agreement *a, char *msg)
{
	if (strcmp(act->date, a->start_date) < 0 || (a->end_date[0] && strcmp(act->date, a->end_date) > 0)) {
		if (a->end_date[0])
			xq_msg(msg, _("date: %s is outside the agreement, which runs from %s to %s"), act->date,
				a->start_date, a->end_date);
		else
			xq_msg(msg, _("date: %s is before the agreement, which starts on %s"), act->date,
				a->start_date);
		return "date";
	}
	return NULL;
}

const char *teacher_validate(const struct teacher *t, char *msg)
{
	if (!text_ok("staff_no", t->staff_no, true, false, msg))
		return "staff_no";
	for (const char *p = t->staff_no; *p; p++)
		if (*p == ' ' || *p == ',' || *p == '\n') {
			xq_msg(msg, _("staff_no: '%s' holds a space, comma or line break"), t->staff_no);
			return "staff_no";
		}
	if (!text_ok("name", t->name, true, false, msg))
		return "name";
	if (t->gender != 'M' && t->gender != 'F') {
		xq_msg(msg, "%s", _("gender must be M or F"));
		return "gender";
	}
	if (!date_ok("birth_date", t->birth_date, false, msg))
		return "birth_date";
	if (!text_ok("subjects", t->subjects, false, false, msg))
		return "subjects";
	if (!text_ok("title", t->title, false, false, msg))
		return "title";
	if (!enum_ok("education", t->education, education_items, msg))
		return "education";
	if (!enum_ok("backbone_level", t->backbone, backbone_items, msg))
		return "backbone_level";
	if (!enum_ok("employment", t->employment, employment_items, msg))
		return "employment";
	if (!enum_ok("post", t->post, post_items, msg))
		return "post";
	if (!date_ok("post_since", t->post_since, false, msg))
		return "post_since";
	if (!date_ok("joined_school_on", t->joined_school_on, false, msg))
		return "joined_school_on";
	if (*t->birth_date && *t->joined_school_on &&
	    date_years_between(t->birth_date, t->joined_school_on) < 16) {
		xq_msg(msg, _("joined_school_on %s is too soon after birth_date %s"), t->joined_school_on,
			t->birth_date);
		return "joined_school_on";
	}
	return NULL;
}

const char *exemption_validate(const struct exemption *e, char *msg)
{
	if (!enum_ok("kind", e->kind, exemption_kind_items, msg))
		return "kind";
	if (!date_ok("start_date", e->start_date, true, msg))
		return "start_date";
	if (!date_ok("end_date", e->end_date, false, msg))
		return "end_date";
	if (!range_ok("start_date", e->start_date, "end_date", e->end_date, msg))
		return "end_date";
	if (!text_ok("note", e->note, false, true, msg))
		return "note";
	return NULL;
}
