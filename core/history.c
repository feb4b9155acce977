/* history.c: audit rows as field lists — a small parser for the flat JSON objects the
 * audit triggers write, the field-by-field comparison of two versions, and the words
 * for tables, fields and operations. */
#include "core/history.h"

#include <stdlib.h>
#include <string.h>

#include "core/exchange.h"
#include "core/i18n.h"
#include "core/inspection.h"
#include "core/util.h"

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void add_utf8(struct strbuf *b, unsigned cp)
{
	if (cp < 0x80) {
		sb_addc(b, (char)cp);
	} else if (cp < 0x800) {
		sb_addc(b, (char)(0xc0 | (cp >> 6)));
		sb_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		sb_addc(b, (char)(0xe0 | (cp >> 12)));
		sb_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		sb_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		sb_addc(b, (char)(0xf0 | (cp >> 18)));
		sb_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		sb_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		sb_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A JSON string at p (after its opening quote); returns the character after the closing
 * quote, NULL when malformed. */
static const char *parse_string(const char *p, char **out)
{
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, "");
	for (;;) {
		char c = *p++;
		if (c == '\0' || (unsigned char)c < 0x20)
			goto bad;
		if (c == '"')
			break;
		if (c != '\\') {
			sb_addc(&b, c);
			continue;
		}
		c = *p++;
		switch (c) {
		case '"':
		case '\\':
		case '/':
			sb_addc(&b, c);
			break;
		case 'b':
			sb_addc(&b, '\b');
			break;
		case 'f':
			sb_addc(&b, '\f');
			break;
		case 'n':
			sb_addc(&b, '\n');
			break;
		case 'r':
			sb_addc(&b, '\r');
			break;
		case 't':
			sb_addc(&b, '\t');
			break;
		case 'u': {
			unsigned cp, lo;
			if (hex4(p, &cp))
				goto bad;
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) || lo < 0xdc00 || lo > 0xdfff)
					goto bad;
				p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				goto bad;
			}
			if (cp == 0)
				goto bad;
			add_utf8(&b, cp);
			break;
		}
		default:
			goto bad;
		}
	}
	*out = sb_steal(&b);
	return p;
bad:
	sb_free(&b);
	return NULL;
}

/* A number, true, false or null; returns the character after it, NULL when malformed. */
static const char *parse_atom(const char *p, char **out)
{
	*out = NULL;
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "true", 4) == 0) {
		*out = xstrdup("1");
		return p + 4;
	}
	if (strncmp(p, "false", 5) == 0) {
		*out = xstrdup("0");
		return p + 5;
	}
	const char *s = p;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return NULL;
	while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' ||
	       *p == '-')
		p++;
	size_t n = (size_t)(p - s);
	*out = xmalloc(n + 1);
	memcpy(*out, s, n);
	(*out)[n] = '\0';
	return p;
}

int hist_parse(const char *json, struct hist_fields *out)
{
	out->f = NULL;
	out->n = 0;
	if (!json || !*skip_ws(json))
		return XQ_OK;
	const char *p = skip_ws(json);
	if (*p++ != '{')
		return XQ_ERR;
	int cap = 0;
	p = skip_ws(p);
	if (*p == '}')
		return *skip_ws(p + 1) ? XQ_ERR : XQ_OK;
	for (;;) {
		p = skip_ws(p);
		if (*p++ != '"')
			goto bad;
		char *key = NULL, *value = NULL;
		if (!(p = parse_string(p, &key)))
			goto bad;
		p = skip_ws(p);
		if (*p++ != ':') {
			free(key);
			goto bad;
		}
		p = skip_ws(p);
		p = *p == '"' ? parse_string(p + 1, &value) : parse_atom(p, &value);
		if (!p) {
			free(key);
			goto bad;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->f = xrealloc(out->f, (size_t)cap * sizeof *out->f);
		}
		out->f[out->n].key = key;
		out->f[out->n].value = value;
		out->n++;
		p = skip_ws(p);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '}' && !*skip_ws(p + 1))
			return XQ_OK;
		goto bad;
	}
bad:
	hist_fields_free(out);
	return XQ_ERR;
}

void hist_fields_free(struct hist_fields *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->f[i].key);
		free(f->f[i].value);
	}
	free(f->f);
	f->f = NULL;
	f->n = 0;
}

static const struct hist_field *find(const struct hist_fields *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->f[i].key, key) == 0)
			return &f->f[i];
	return NULL;
}

bool hist_has(const struct hist_fields *f, const char *key)
{
	return find(f, key) != NULL;
}

const char *hist_get(const struct hist_fields *f, const char *key)
{
	const struct hist_field *x = find(f, key);
	return x ? x->value : NULL;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool bookkeeping(const char *key)
{
	return strcmp(key, "id") == 0 || strcmp(key, "rev") == 0;
}

int hist_diff(const struct hist_fields *before, const struct hist_fields *after,
	struct hist_change **out)
{
	*out = NULL;
	int n = 0;
	if (before->n + after->n == 0)
		return 0;
	struct hist_change *c = xcalloc((size_t)(before->n + after->n), sizeof *c);
	for (int i = 0; i < after->n; i++) {
		const struct hist_field *a = &after->f[i];
		const struct hist_field *b = find(before, a->key);
		/* an insert's empty fields say nothing */
		if (bookkeeping(a->key) || (b ? same(b->value, a->value) : !a->value))
			continue;
		c[n++] = (struct hist_change){a->key, b ? b->value : NULL, a->value};
	}
	for (int i = 0; i < before->n; i++) {
		const struct hist_field *b = &before->f[i];
		if (bookkeeping(b->key) || find(after, b->key) || !b->value)
			continue;
		c[n++] = (struct hist_change){b->key, b->value, NULL};
	}
	if (n == 0)
		free(c);
	else
		*out = c;
	return n;
}

void hist_changed_keys(const struct hist_fields *before, const struct hist_fields *after,
	char *buf, size_t size)
{
	struct hist_change *c;
	int n = hist_diff(before, after, &c);
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, "");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_adds(&b, ", ");
		sb_adds(&b, c[i].key);
	}
	xq_copy(buf, size, b.s ? b.s : "");
	sb_free(&b);
	free(c);
}

void hist_label(const struct hist_fields *f, char *buf, size_t size)
{
	static const char *const keys[] = {"name", "login", "staff_no"};
	for (size_t i = 0; i < XQ_NELEM(keys); i++) {
		const char *v = hist_get(f, keys[i]);
		if (v && *v) {
			xq_copy(buf, size, v);
			return;
		}
	}
	xq_copy(buf, size, "");
}

const char *hist_date(const struct hist_fields *f)
{
	static const char *const keys[] = {"start_date", "date", "from_date"};
	for (size_t i = 0; i < XQ_NELEM(keys); i++) {
		const char *v = hist_get(f, keys[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static const struct {
	const char *key, *label;
} tables[] = {
	{"school", N_("school")},
	{"district", N_("district")},
	{"member", N_("membership")},
	{"agreement", N_("agreement")},
	{"activity", N_("activity")},
	{"teacher", N_("teacher")},
	{"exemption", N_("exemption")},
	{"operator", N_("operator")},
	{"exchange", N_("exchange")},
	{"template", N_("checklist template")},
	{"template_section", N_("template section")},
	{"template_item", N_("template item")},
	{"inspection", N_("inspection")},
	{"result", N_("inspection result")},
	{"rectification", N_("rectification")},
	{"room", N_("room")},
	{"term", N_("term")},
	{"bell", N_("bell time")},
	{"travel", N_("travel minutes")},
	{"subject", N_("subject")},
	{"class", N_("class")},
	{"class_group", N_("class group")},
	{"course", N_("course")},
	{"course_students", N_("course's students")},
	{"course_teacher", N_("course's teacher")},
	{"course_room", N_("course's room")},
	{"unavailable", N_("unavailable slot")},
	{"teacher_rule", N_("teacher's rule")},
	{"lesson", N_("lesson")},
	{"room_hours", N_("room's hours in a term")},
	{"calendar", N_("calendar day")},
	{"booking", N_("booking")},
	{"booking_change", N_("booking's date")},
	{"quota", N_("room quota")},
	{"group_member", N_("group's subgroup")},
	{"lesson_rule", N_("rule on lessons")},
	{"lesson_rule_lesson", N_("lesson of a rule")},
	{"day_rule", N_("rule on days")},
};

const char *hist_table_label(const char *table)
{
	for (size_t i = 0; i < XQ_NELEM(tables); i++)
		if (strcmp(tables[i].key, table) == 0)
			return tables[i].label;
	return table;
}

static const struct {
	const char *key, *label;
} fields[] = {
	{"code", N_("School code")},
	{"name", N_("Name")},
	{"short_name", N_("Short name")},
	{"level", N_("Level")},
	{"town", N_("Town")},
	{"location", N_("Location")},
	{"lat", N_("Latitude")},
	{"lon", N_("Longitude")},
	{"students", N_("Students")},
	{"classes", N_("Classes")},
	{"staff_quota", N_("Staffing quota")},
	{"teaching_area_m2", N_("Teaching rooms m²")},
	{"sports_area_m2", N_("Sports grounds m²")},
	{"equipment_value_yuan", N_("Equipment yuan")},
	{"multimedia_rooms", N_("Multimedia rooms")},
	{"music_rooms", N_("Music rooms")},
	{"art_rooms", N_("Art rooms")},
	{"hardship", N_("Hardship 0-3")},
	{"students_primary", N_("Primary pupils")},
	{"students_junior", N_("Junior pupils")},
	{"form", N_("Form")},
	{"lead_school_id", N_("Lead school")},
	{"established_on", N_("Established on")},
	{"note", N_("Note")},
	{"district_id", N_("District")},
	{"school_id", N_("School")},
	{"role", N_("Role")},
	{"from_date", N_("From")},
	{"to_date", N_("To")},
	{"supporting_id", N_("Supporting school")},
	{"supported_id", N_("Supported school")},
	{"start_date", N_("Start date")},
	{"end_date", N_("End date")},
	{"goals", N_("Goals")},
	{"agreement_id", N_("Agreement")},
	{"date", N_("Date")},
	{"kind", N_("Kind")},
	{"staff_no", N_("Staff number")},
	{"gender", N_("Gender")},
	{"birth_date", N_("Birth date")},
	{"subjects", N_("Subjects")},
	{"title", N_("Title")},
	{"education", N_("Education")},
	{"backbone_level", N_("Backbone level")},
	{"pe_art", N_("PE/art specialist")},
	{"employment", N_("Employment")},
	{"post", N_("Post")},
	{"post_since", N_("In post since")},
	{"joined_school_on", N_("Joined the school on")},
	{"teacher_id", N_("Teacher")},
	{"login", N_("Login")},
	{"from_school_id", N_("From school")},
	{"to_school_id", N_("To school")},
	{"reason", N_("Reason")},
	{"year", N_("School year")},
	{"week_share", N_("Share of the week")},
	{"status", N_("Status")},
	{"evaluation", N_("Evaluation")},
	{"subsidy_month", N_("Subsidy per month")},
	{"version", N_("Version")},
	{"target", N_("Inspection target")},
	{"pass_rule", N_("Pass rule")},
	{"pass_total", N_("Pass total")},
	{"template_id", N_("Template")},
	{"section_id", N_("Section")},
	{"position", N_("Position")},
	{"text", N_("Text")},
	{"max", N_("Maximum")},
	{"comparator", N_("Comparator")},
	{"threshold", N_("Threshold")},
	{"unit", N_("Unit")},
	{"indicator", N_("Indicator")},
	{"weight", N_("Weight")},
	{"veto", N_("Veto")},
	{"stage", N_("Stage")},
	{"team", N_("Team")},
	{"inspection_id", N_("Inspection")},
	{"item_id", N_("Item")},
	{"value", N_("Value")},
	{"pass", N_("Passed")},
	{"computed", N_("Computed value")},
	{"override_note", N_("Override note")},
	{"person", N_("Responsible person")},
	{"deadline", N_("Deadline")},
	{"reported_on", N_("Reported done on")},
	{"verified_by", N_("Verified by inspection")},
	{"hours", N_("Opening hours")},
	{"room_id", N_("Room")},
	{"term_id", N_("Term")},
	{"day", N_("Date")},
	{"as_weekday", N_("Runs as weekday")},
	{"first_day", N_("First day")},
	{"last_day", N_("Last day")},
	{"start", N_("Start")},
	{"end", N_("End")},
	{"rrule", N_("Repeat rule")},
	{"purpose", N_("Purpose")},
	{"contact", N_("Contact")},
	{"requested_by", N_("Requested by")},
	{"requested_at", N_("Requested at")},
	{"decided_by", N_("Decided by")},
	{"decided_at", N_("Decided at")},
	{"booking_id", N_("Booking")},
	{"new_day", N_("New date")},
	{"room_kind", N_("Room kind")},
};

const char *hist_field_label(const char *table, const char *key)
{
	/* a person's name reads differently from a school's */
	if ((strcmp(table, "teacher") == 0) && strcmp(key, "name") == 0)
		return N_("Full name");
	for (size_t i = 0; i < XQ_NELEM(fields); i++)
		if (strcmp(fields[i].key, key) == 0)
			return fields[i].label;
	return key;
}

const char *hist_op_label(const char *op)
{
	if (strcmp(op, "insert") == 0)
		return N_("added");
	if (strcmp(op, "update") == 0)
		return N_("changed");
	if (strcmp(op, "delete") == 0)
		return N_("deleted");
	return op;
}

const struct enum_item *hist_field_enum(const char *table, const char *key)
{
	static const struct {
		const char *table, *key;
		const struct enum_item *items;
	} enums[] = {
		{NULL, "level", level_items},
		{NULL, "location", location_items},
		{NULL, "form", form_items},
		{"member", "role", role_items},
		{"operator", "role", op_role_items},
		{NULL, "education", education_items},
		{NULL, "backbone_level", backbone_items},
		{NULL, "employment", employment_items},
		{NULL, "post", post_items},
		{NULL, "gender", gender_items},
		{"exemption", "kind", exemption_kind_items},
		{"activity", "kind", activity_kind_items},
		{"exchange", "kind", exchange_kind_items},
		{"template_item", "kind", item_kind_items},
		{"inspection", "status", insp_status_items},
		{"rectification", "status", rect_status_items},
		{NULL, "stage", stage_items},
		{NULL, "target", insp_target_items},
		{NULL, "pass_rule", pass_rule_items},
		{NULL, "comparator", comparator_items},
		{NULL, "reason", exchange_reason_items},
		{NULL, "status", exchange_status_items},
		{NULL, "evaluation", evaluation_items},
	};
	for (size_t i = 0; i < XQ_NELEM(enums); i++)
		if (strcmp(enums[i].key, key) == 0 && (!enums[i].table || strcmp(enums[i].table, table) == 0))
			return enums[i].items;
	return NULL;
}
