/* conf.c: one table of options drives reading the INI file (iniparser), validation with
 * messages naming key and value, `xuequ config` and the commented sample file. */
#include "conf/conf.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "core/priv.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

const char *const conf_indicator_names[7] = {
	"teachers_above_degree", "backbone_teachers", "pe_art_teachers", "teaching_area",
	"sports_area", "equipment_value", "multimedia_rooms",
};

enum opt_type { T_STR, T_INT, T_REAL, T_BOOL, T_CHOICE, T_LIST, T_MMDD };

struct option {
	const char *section, *key;
	enum opt_type type;
	const char *def;    /* default, as written in the file */
	double min, max;    /* range for numbers and list items */
	const char *choices; /* "a|b|c" for T_CHOICE */
	size_t off;	     /* offset in struct conf */
	size_t size;	     /* buffer size (T_STR) or capacity (T_LIST) */
	size_t count_off;    /* T_LIST: offset of the int count; (size_t)-1 for fixed lists */
	const char *help;
};

#define O(f) offsetof(struct conf, f)
#define NOCOUNT ((size_t)-1)

static const struct option options[] = {
	{"database", "path", T_STR, "xuequ.db", 0, 0, NULL, O(db_path), CONF_PATH_MAX, 0,
		"The database file. --db on the command line takes precedence."},
	{"database", "busy_timeout_ms", T_INT, "5000", 100, 600000, NULL, O(busy_timeout_ms), 0, 0,
		"How long a write waits for another session's write to finish, in milliseconds."},
	{"ui", "language", T_CHOICE, "auto", 0, 0, "auto|zh|en", O(language), sizeof(((struct conf *)0)->language), 0,
		"Interface language: auto (from the locale), zh (Chinese) or en (English)."},
	{"ui", "color", T_CHOICE, "auto", 0, 0, "auto|always|never", O(color), 0, 0,
		"Colours: auto (when the terminal has them and NO_COLOR is unset), always or never."},
	{"ui", "color_accent", T_CHOICE, "cyan", 0, 0, "default|black|red|green|yellow|blue|magenta|cyan|white",
		O(color_accent), 16, 0, "Colour of the tab line and headings."},
	{"ui", "color_selection", T_CHOICE, "blue", 0, 0, "default|black|red|green|yellow|blue|magenta|cyan|white",
		O(color_selection), 16, 0, "Background of the selected row."},
	{"ui", "color_warning", T_CHOICE, "red", 0, 0, "default|black|red|green|yellow|blue|magenta|cyan|white",
		O(color_warning), 16, 0, "Colour of errors and figures below target."},
	{"ui", "color_good", T_CHOICE, "green", 0, 0, "default|black|red|green|yellow|blue|magenta|cyan|white",
		O(color_good), 16, 0, "Colour of figures that meet their target."},
	{"exchange", "reference_date", T_MMDD, "09-01", 0, 0, NULL, O(reference_date), 6, 0,
		"Day (MM-DD) of a school year's first calendar year on which eligibility is judged."},
	{"exchange", "min_years_at_school", T_INT, "6", 0, 40, NULL, O(min_years_at_school), 0, 0,
		"Years at the current school before a teacher is eligible for exchange."},
	{"exchange", "max_age_male", T_INT, "0", 0, 70, NULL, O(max_age_male), 0, 0,
		"Men older than this on the reference date are not eligible; 0 = no limit."},
	{"exchange", "max_age_female", T_INT, "0", 0, 70, NULL, O(max_age_female), 0, 0,
		"Women older than this on the reference date are not eligible; 0 = no limit."},
	{"exchange", "min_ratio", T_REAL, "0.10", 0, 1, NULL, O(min_ratio), 0, 0,
		"Share of eligible teachers to be exchanged each year."},
	{"exchange", "backbone_min_ratio", T_REAL, "0.20", 0, 1, NULL, O(backbone_min_ratio), 0, 0,
		"Share of backbone teachers (county level or above) among the exchanged."},
	{"exchange", "backbone_base", T_CHOICE, "exchanged", 0, 0, "exchanged|eligible", O(backbone_base), 0, 0,
		"What the backbone share is measured against: the exchanged or the eligible teachers."},
	{"exchange", "principal_rotate_years", T_INT, "5", 1, 40, NULL, O(principal_rotate_years), 0, 0,
		"Principals and vice-principals are due to rotate after this many years in post at one school."},
	{"exchange", "principal_min_years", T_INT, "3", 0, 40, NULL, O(principal_min_years), 0, 0,
		"Principals should not rotate before this many years in post."},
	{"exchange", "term_years", T_INT, "2", 1, 10, NULL, O(term_years), 0, 0,
		"Default length of an exchange, in years."},
	{"exchange", "allow_cross_district", T_BOOL, "false", 0, 0, NULL, O(allow_cross_district), 0, 0,
		"Whether exchanges may go to a school of another district."},
	{"exchange", "max_out_ratio", T_REAL, "0.15", 0, 1, NULL, O(max_out_ratio), 0, 0,
		"Most of a school's teachers that may be away on exchange at once."},
	{"exchange", "subsidy_km", T_LIST, "10, 30, 60", 0, 10000, NULL, O(subsidy_km), CONF_LIST_MAX - 1,
		O(n_subsidy_km), "Distance tier bounds in km, ascending."},
	{"exchange", "subsidy_yuan", T_LIST, "200, 400, 600, 800", 0, 100000, NULL, O(subsidy_yuan),
		CONF_LIST_MAX, O(n_subsidy_yuan),
		"Monthly subsidy in yuan for each distance tier: one more value than subsidy_km."},
	{"exchange", "subsidy_hardship_yuan", T_LIST, "0, 100, 200, 300", 0, 100000, NULL,
		O(subsidy_hardship_yuan), 4, NOCOUNT,
		"Monthly extra by the receiving school's hardship level 0, 1, 2, 3."},
#define IND(i, name, p, j, what)                                                              \
	{"indicators", name "_primary", T_REAL, p, 0, 1e6, NULL, O(ind_primary) + (i) * sizeof(double), 0, 0, \
		what " (primary school threshold)."},                                          \
	{                                                                                          \
		"indicators", name "_junior", T_REAL, j, 0, 1e6, NULL, O(ind_junior) + (i) * sizeof(double), 0, 0, \
			what " (junior school threshold)."                                       \
	}
	IND(0, "teachers_above_degree", "4.2", "5.3",
		"Teachers with more than the required education per 100 students"),
	IND(1, "backbone_teachers", "1.0", "1.0", "Backbone teachers (county level or above) per 100 students"),
	IND(2, "pe_art_teachers", "0.9", "0.9", "PE and art teachers per 100 students"),
	IND(3, "teaching_area", "4.5", "5.8", "Teaching and auxiliary room area per student, m2"),
	IND(4, "sports_area", "7.5", "10.2", "Sports ground area per student, m2"),
	IND(5, "equipment_value", "2000", "2500", "Teaching equipment value per student, yuan"),
	IND(6, "multimedia_rooms", "2.3", "2.4", "Networked multimedia classrooms per 100 students"),
#undef IND
	{"indicators", "min_indicators_met", T_INT, "6", 0, 7, NULL, O(min_indicators_met), 0, 0,
		"Indicators each school must meet."},
	{"indicators", "seventh_min_share", T_REAL, "0.85", 0, 1, NULL, O(seventh_min_share), 0, 0,
		"The indicator not met must still reach this share of its threshold."},
	{"indicators", "cv_max_primary", T_REAL, "0.50", 0, 5, NULL, O(cv_max_primary), 0, 0,
		"Largest coefficient of variation across primary schools."},
	{"indicators", "cv_max_junior", T_REAL, "0.45", 0, 5, NULL, O(cv_max_junior), 0, 0,
		"Largest coefficient of variation across junior schools."},
	{"indicators", "cv", T_CHOICE, "weighted", 0, 0, "weighted|plain", O(ind_cv), 0, 0,
		"Coefficient of variation: weighted by pupils (the 2012 evaluation method) or plain over schools."},
	{"indicators", "min_pupils", T_INT, "50", 0, 100000, NULL, O(ind_min_pupils), 0, 0,
		"Teaching points with fewer pupils are left out of the coefficient of variation."},
	{"indicators", "junior_weight", T_REAL, "1.1", 0.1, 10, NULL, O(ind_junior_weight), 0, 0,
		"Weight of a junior pupil (a primary one weighs 1) in sharing a nine- or twelve-year school's resources."},
	{"indicators", "count_exchanged_at", T_CHOICE, "home", 0, 0, "home|receiving", O(ind_count_exchanged_at), 0, 0,
		"Where a teacher on an active exchange counts in the indicators: the home or the receiving school."},
	{"timetable", "travel_speed_kmh", T_REAL, "30", 1, 200, NULL, O(travel_speed_kmh), 0, 0,
		"Average speed between two schools, km/h, where the pair has no travel minutes of its own."},
	{"timetable", "travel_detour", T_REAL, "1.3", 1, 5, NULL, O(travel_detour), 0, 0,
		"Road length over the straight line between two schools."},
};

_Static_assert(sizeof options / sizeof options[0] <= CONF_OPTIONS_MAX, "raise CONF_OPTIONS_MAX");

static int parse_value(const struct option *o, const char *v, struct conf *c, char *msg);
static bool is_policy(const struct option *o);

static void set_default(const struct option *o, struct conf *c)
{
	char m[XQ_MSG_MAX];
	if (parse_value(o, o->def, c, m) != XQ_OK) {
		fprintf(stderr, "xuequ: built-in default of [%s] %s is invalid: %s\n", o->section, o->key, m);
		abort();
	}
}

void conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < XQ_NELEM(options); i++)
		set_default(&options[i], c);
}

static int choice_index(const char *choices, const char *v)
{
	int i = 0;
	size_t n = strlen(v);
	for (const char *p = choices; *p; i++) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncasecmp(p, v, n) == 0)
			return i;
		if (!bar)
			break;
		p = bar + 1;
	}
	return -1;
}

static int parse_value(const struct option *o, const char *v, struct conf *c, char *msg)
{
	char *base = (char *)c + o->off;
	switch (o->type) {
	case T_STR:
		if (!xq_copy(base, o->size, v)) {
			xq_msg(msg, _("[%s] %s: value too long"), o->section, o->key);
			return XQ_ERR;
		}
		return XQ_OK;
	case T_INT: {
		long n;
		if (!parse_long(v, &n)) {
			xq_msg(msg, _("[%s] %s: '%s' is not a whole number"), o->section, o->key, v);
			return XQ_ERR;
		}
		if (n < o->min || n > o->max) {
			xq_msg(msg, _("[%s] %s: %ld is out of range (%g to %g)"), o->section, o->key, n, o->min,
				o->max);
			return XQ_ERR;
		}
		*(int *)base = (int)n;
		return XQ_OK;
	}
	case T_REAL: {
		double d;
		if (!parse_double(v, &d)) {
			xq_msg(msg, _("[%s] %s: '%s' is not a number"), o->section, o->key, v);
			return XQ_ERR;
		}
		if (d < o->min || d > o->max) {
			xq_msg(msg, _("[%s] %s: %s is out of range (%g to %g)"), o->section, o->key, v, o->min,
				o->max);
			return XQ_ERR;
		}
		*(double *)base = d;
		return XQ_OK;
	}
	case T_BOOL: {
		static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
		for (int i = 0; i < 4; i++) {
			if (strcasecmp(v, yes[i]) == 0) {
				*(bool *)base = true;
				return XQ_OK;
			}
			if (strcasecmp(v, no[i]) == 0) {
				*(bool *)base = false;
				return XQ_OK;
			}
		}
		xq_msg(msg, _("[%s] %s: '%s' is not true or false"), o->section, o->key, v);
		return XQ_ERR;
	}
	case T_CHOICE: {
		int i = choice_index(o->choices, v);
		if (i < 0) {
			xq_msg(msg, _("[%s] %s: '%s' is not one of %s"), o->section, o->key, v, o->choices);
			return XQ_ERR;
		}
		if (o->size) {
			/* stored as text: the canonical spelling */
			const char *p = o->choices;
			for (int k = 0; k < i; k++)
				p = strchr(p, '|') + 1;
			size_t len = strcspn(p, "|");
			if (len >= o->size)
				len = o->size - 1;
			memcpy(base, p, len);
			base[len] = '\0';
		} else
			*(int *)base = i;
		return XQ_OK;
	}
	case T_LIST: {
		double vals[CONF_LIST_MAX];
		int n = 0;
		char buf[256];
		xq_copy(buf, sizeof buf, v);
		for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			tok = str_trim(tok);
			double d;
			if (!parse_double(tok, &d)) {
				xq_msg(msg, _("[%s] %s: '%s' is not a number"), o->section, o->key, tok);
				return XQ_ERR;
			}
			if (d < o->min || d > o->max) {
				xq_msg(msg, _("[%s] %s: %s is out of range (%g to %g)"), o->section, o->key, tok,
					o->min, o->max);
				return XQ_ERR;
			}
			if ((size_t)n >= o->size) {
				xq_msg(msg, _("[%s] %s: at most %zu values"), o->section, o->key, o->size);
				return XQ_ERR;
			}
			if (n > 0 && o->count_off != NOCOUNT && strcmp(o->key, "subsidy_km") == 0 &&
			    d <= vals[n - 1]) {
				xq_msg(msg, _("[%s] %s: values must ascend ('%s')"), o->section, o->key, v);
				return XQ_ERR;
			}
			vals[n++] = d;
		}
		if (o->count_off == NOCOUNT && (size_t)n != o->size) {
			xq_msg(msg, _("[%s] %s: needs exactly %zu values, got %d"), o->section, o->key, o->size, n);
			return XQ_ERR;
		}
		if (n == 0) {
			xq_msg(msg, _("[%s] %s: needs at least one value"), o->section, o->key);
			return XQ_ERR;
		}
		memcpy(base, vals, (size_t)n * sizeof(double));
		if (o->count_off != NOCOUNT)
			*(int *)((char *)c + o->count_off) = n;
		return XQ_OK;
	}
	case T_MMDD: {
		char day[11];
		snprintf(day, sizeof day, "2024-%.5s", v); /* a leap year accepts 02-29 */
		if (strlen(v) != 5 || !date_valid(day)) {
			xq_msg(msg, _("[%s] %s: '%s' is not a day of the year (MM-DD)"), o->section, o->key, v);
			return XQ_ERR;
		}
		xq_copy(base, o->size, v);
		return XQ_OK;
	}
	}
	return XQ_ERR;
}

static void warn(struct conf *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct conf *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[XQ_MSG_MAX];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->warnings = xrealloc(c->warnings, (size_t)(c->nwarnings + 1) * sizeof *c->warnings);
	c->warnings[c->nwarnings++] = xstrdup(buf);
}

/* iniparser reports syntax errors through a printf-like callback: keep the first. */
static char ini_error[XQ_MSG_MAX];
static int ini_errback(const char *fmt, ...)
{
	if (ini_error[0])
		return 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ini_error, sizeof ini_error, fmt, ap);
	va_end(ap);
	size_t n = strlen(ini_error);
	while (n && ini_error[n - 1] == '\n')
		ini_error[--n] = '\0';
	return 0;
}

static bool file_exists(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0;
}

/* The main file: explicit path, $XUEQU_CONFIG or the system file; 0 when there is none.
 * *required: it must exist. -1 with msg when a path does not fit or is refused. */
static int pick_path(char *out, size_t size, const char *explicit_path, bool *required, char *msg)
{
	*required = false;
	const char *named = explicit_path;
	const char *env = priv_getenv("XUEQU_CONFIG");
	if (!named && env && *env)
		named = env;
	if (named && priv_privileged()) {
		xq_msg(msg, "%s", _("--config and XUEQU_CONFIG are refused in a setgid installation; "
				  "the system configuration is used"));
		return -1;
	}
	if (named) {
		*required = true;
		if (!priv_path_fits(named, size, msg))
			return -1;
		xq_copy(out, size, named);
		return 1;
	}
	if (!xq_copy(out, size, SYSCONFDIR "/xuequ/xuequ.conf"))
		return 0;
	return file_exists(out);
}

/* The personal file ($XDG_CONFIG_HOME or ~/.config), if it exists; never under privilege. */
static int pick_personal(char *out, size_t size, char *msg)
{
	if (priv_privileged())
		return 0;
	const char *xdg = priv_getenv("XDG_CONFIG_HOME");
	const char *home = priv_getenv("HOME");
	int n;
	if (xdg && *xdg)
		n = snprintf(out, size, "%s/xuequ/xuequ.conf", xdg);
	else if (home && *home)
		n = snprintf(out, size, "%s/.config/xuequ/xuequ.conf", home);
	else
		return 0;
	if (n < 0 || (size_t)n >= size) {
		xq_msg(msg, _("%s: the personal configuration's path is longer than %zu bytes"),
			xdg && *xdg ? "XDG_CONFIG_HOME" : "HOME", size - 1);
		return -1;
	}
	return file_exists(out);
}

static const struct option *find_option(const char *section, const char *key)
{
	for (size_t i = 0; i < XQ_NELEM(options); i++)
		if (strcasecmp(options[i].section, section) == 0 && strcasecmp(options[i].key, key) == 0)
			return &options[i];
	return NULL;
}

/* Sections a personal file may set: the rest is county policy. */
static bool personal_section(const char *sec)
{
	return strcasecmp(sec, "ui") == 0 || strcasecmp(sec, "keys") == 0 ||
	       strcasecmp(sec, "database") == 0;
}

/* Reads one file over what c holds. */
static int read_file(struct conf *c, const char *path, bool personal, char *msg)
{
	struct stat sb;
	if (strcmp(path, "/dev/null") == 0) {
		/* the usual way to say "no configuration" */
		xq_copy(personal ? c->personal_path : c->path, CONF_PATH_MAX, path);
		return XQ_OK;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		xq_msg(msg, _("%s: not a regular file; a configuration must be a file"), path);
		return XQ_ERR;
	}
	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_errback);
	dictionary *d = iniparser_load(path);
	if (!d || ini_error[0]) {
		/* iniparser says "iniparser: syntax error in FILE (LINE):\n-> TEXT" */
		const char *open = strrchr(ini_error, '('), *arrow = strstr(ini_error, "-> ");
		long line = open ? strtol(open + 1, NULL, 10) : 0;
		if (line > 0 && arrow)
			xq_msg(msg, _("%s:%ld: syntax error: %s"), path, line, arrow + 3);
		else
			xq_msg(msg, "%s: %s", path, ini_error[0] ? ini_error : _("cannot read the file"));
		if (d)
			iniparser_freedict(d);
		return XQ_ERR;
	}
	xq_copy(personal ? c->personal_path : c->path, CONF_PATH_MAX, path);
	int rc = XQ_OK;
	int nsec = iniparser_getnsec(d);
	for (int s = 0; s < nsec && rc == XQ_OK; s++) {
		const char *sec = iniparser_getsecname(d, s);
		int nkeys = iniparser_getsecnkeys(d, sec);
		const char **keys = xcalloc((size_t)(nkeys > 0 ? nkeys : 1), sizeof *keys);
		iniparser_getseckeys(d, sec, keys);
		bool known_section = strcasecmp(sec, "keys") == 0;
		for (size_t i = 0; i < XQ_NELEM(options); i++)
			if (strcasecmp(options[i].section, sec) == 0)
				known_section = true;
		if (!known_section)
			warn(c, _("%s: unknown section [%s] ignored"), path, sec);
		else if (personal && !personal_section(sec)) {
			warn(c, _("%s: [%s] ignored: county policy is kept in the database (see xuequ policy)"),
				path, sec);
			known_section = false;
		}
		for (int k = 0; k < nkeys && rc == XQ_OK; k++) {
			const char *full = keys[k]; /* "section:key" */
			const char *key = strchr(full, ':') ? strchr(full, ':') + 1 : full;
			const char *val = iniparser_getstring(d, full, "");
			if (!val)
				val = ""; /* an entry without a value */
			if (!known_section)
				continue;
			if (strcasecmp(sec, "keys") == 0) {
				c->keys = xrealloc(c->keys, (size_t)(c->nkeys + 1) * sizeof *c->keys);
				c->keys[c->nkeys].key = xstrdup(key);
				c->keys[c->nkeys].value = xstrdup(val);
				c->keys[c->nkeys].personal = personal;
				c->nkeys++;
				continue;
			}
			const struct option *o = find_option(sec, key);
			if (!o) {
				warn(c, _("%s: unknown key '%s' in [%s] ignored"), path, key, sec);
				continue;
			}
			char m[XQ_MSG_MAX];
			if (parse_value(o, val, c, m) != XQ_OK) {
				xq_msg(msg, "%s: %s", path, m);
				rc = XQ_ERR;
			} else {
				c->from_file[o - options] = true;
				c->from_personal[o - options] = personal;
			}
		}
		free(keys);
	}
	iniparser_freedict(d);
	return rc;
}

int conf_load(struct conf *c, const char *explicit_path, char *msg)
{
	conf_defaults(c);
	char path[CONF_PATH_MAX];
	bool required;
	int found = pick_path(path, sizeof path, explicit_path, &required, msg);
	if (found < 0)
		return XQ_ERR;
	if (found && !file_exists(path)) {
		if (explicit_path)
			xq_msg(msg, _("%s: no such configuration file"), path);
		else
			xq_msg(msg, _("%s: no such configuration file (named by XUEQU_CONFIG)"), path);
		return XQ_ERR;
	}
	if (found && read_file(c, path, false, msg) != XQ_OK)
		return XQ_ERR;
	found = pick_personal(path, sizeof path, msg);
	if (found < 0 || (found && read_file(c, path, true, msg) != XQ_OK))
		return XQ_ERR;
	if (c->n_subsidy_yuan != c->n_subsidy_km + 1) {
		xq_msg(msg, _("%s: [exchange] subsidy_yuan needs %d values (one more than subsidy_km), has %d"),
			c->path, c->n_subsidy_km + 1, c->n_subsidy_yuan);
		return XQ_ERR;
	}
	if (c->principal_min_years > c->principal_rotate_years) {
		xq_msg(msg, _("%s: [exchange] principal_min_years (%d) exceeds principal_rotate_years (%d)"),
			c->path, c->principal_min_years, c->principal_rotate_years);
		return XQ_ERR;
	}
	return XQ_OK;
}

void conf_free(struct conf *c)
{
	for (int i = 0; i < c->nkeys; i++) {
		free(c->keys[i].key);
		free(c->keys[i].value);
	}
	free(c->keys);
	for (int i = 0; i < c->nwarnings; i++)
		free(c->warnings[i]);
	free(c->warnings);
	c->keys = NULL;
	c->warnings = NULL;
	c->nkeys = c->nwarnings = 0;
}

/* The value of an option as it would be written in the file. */
static void format_value(const struct option *o, const struct conf *c, char *out, size_t size)
{
	const char *base = (const char *)c + o->off;
	switch (o->type) {
	case T_STR:
	case T_MMDD:
		snprintf(out, size, "%s", base);
		break;
	case T_INT:
		snprintf(out, size, "%d", *(const int *)base);
		break;
	case T_REAL:
		snprintf(out, size, "%.15g", *(const double *)base);
		break;
	case T_BOOL:
		snprintf(out, size, "%s", *(const bool *)base ? "true" : "false");
		break;
	case T_CHOICE:
		if (o->size)
			snprintf(out, size, "%s", base);
		else {
			int i = *(const int *)base;
			const char *p = o->choices;
			for (int k = 0; k < i && strchr(p, '|'); k++)
				p = strchr(p, '|') + 1;
			snprintf(out, size, "%.*s", (int)strcspn(p, "|"), p);
		}
		break;
	case T_LIST: {
		int n = o->count_off == NOCOUNT ? (int)o->size : *(const int *)((const char *)c + o->count_off);
		size_t len = 0;
		out[0] = '\0';
		for (int i = 0; i < n && len < size; i++)
			len += (size_t)snprintf(out + len, size - len, "%s%.15g", i ? ", " : "",
				((const double *)base)[i]);
		break;
	}
	}
}

const char *conf_source(const struct conf *c, int option)
{
	if (!c->from_file[option])
		return "default";
	return c->from_personal[option] ? c->personal_path : c->path;
}

void conf_print(const struct conf *c, FILE *out)
{
	const char *section = "";
	for (size_t i = 0; i < XQ_NELEM(options); i++) {
		const struct option *o = &options[i];
		if (strcmp(section, o->section) != 0) {
			fprintf(out, "%s[%s]\n", i ? "\n" : "", o->section);
			if (is_policy(o))
				fputs("# county policy: these values only seed the policy of a database that\n"
				      "# 'xuequ init' creates; a database's own: 'xuequ policy show'\n", out);
			section = o->section;
		}
		char v[512];
		format_value(o, c, v, sizeof v);
		const char *src = conf_source(c, (int)i);
		fprintf(out, "%s = %s\t# %s\n", o->key, v, src);
	}
	if (c->nkeys) {
		fprintf(out, "\n[keys]\n");
		for (int i = 0; i < c->nkeys; i++)
			fprintf(out, "%s = %s\t# %s\n", c->keys[i].key, c->keys[i].value,
				c->keys[i].personal ? c->personal_path : c->path);
	}
}

void conf_write_sample(FILE *out)
{
	fprintf(out, "# xuequ.conf: configuration of xuequ, the school-district console.\n"
		     "# Every key is shown with its default; uncomment and change what you need.\n"
		     "# See xuequ.conf(5).\n");
	const char *section = "";
	for (size_t i = 0; i < XQ_NELEM(options); i++) {
		const struct option *o = &options[i];
		if (strcmp(section, o->section) != 0) {
			fprintf(out, "\n[%s]\n", o->section);
			if (is_policy(o))
				fputs("# The county's policy. A database keeps its own ('xuequ policy show', and\n"
				      "# 'xuequ policy set' by an admin); the values here only seed the policy of\n"
				      "# a database that 'xuequ init' creates, or that an older xuequ made.\n", out);
			section = o->section;
		}
		fprintf(out, "\n# %s\n", o->help);
		if (o->type == T_CHOICE)
			fprintf(out, "# One of: %s\n", o->choices);
		else if (o->type == T_INT || o->type == T_REAL)
			fprintf(out, "# Range: %g to %g\n", o->min, o->max);
		fprintf(out, "; %s = %s\n", o->key, o->def);
	}
	fprintf(out, "\n[keys]\n# Rebind a console action: PANE.ACTION = KEYS (see xuequ(1), KEY BINDINGS).\n"
		     "# Keys are single characters, C-x for Control-x, or names such as Enter, Tab,\n"
		     "# Up, Down, PgUp, PgDn, Home, End, F1; several separated by spaces.\n"
		     "; districts.add = a\n");
}

const char *conf_key(const struct conf *c, const char *name)
{
	for (int i = 0; i < c->nkeys; i++)
		if (strcasecmp(c->keys[i].key, name) == 0)
			return c->keys[i].value;
	return NULL;
}

/* The county's policy: the options of [exchange] and [indicators]. The database keeps
 * them as "section.key"; a file's values only seed a new database's policy. */

static bool is_policy(const struct option *o)
{
	return strcmp(o->section, "exchange") == 0 || strcmp(o->section, "indicators") == 0 ||
	       strcmp(o->section, "timetable") == 0;
}

static const struct option *policy_option(int i)
{
	for (size_t k = 0; k < XQ_NELEM(options); k++)
		if (is_policy(&options[k]) && i-- == 0)
			return &options[k];
	return NULL;
}

int conf_policy_count(void)
{
	int n = 0;
	for (size_t k = 0; k < XQ_NELEM(options); k++)
		n += is_policy(&options[k]);
	return n;
}

void conf_policy_info(int i, struct conf_policy_info *out)
{
	const struct option *o = policy_option(i);
	memset(out, 0, sizeof *out);
	if (!o)
		return;
	snprintf(out->name, sizeof out->name, "%s.%s", o->section, o->key);
	out->section = o->section;
	out->key = o->key;
	out->help = o->help;
	out->choices = o->type == T_CHOICE ? o->choices : o->type == T_BOOL ? "true|false" : NULL;
}

int conf_policy_find(const char *name)
{
	const char *dot = strchr(name, '.');
	int found = -1, i = -1;
	/* the policy options in order, i counting them, the table walked once */
	for (size_t k = 0; k < XQ_NELEM(options); k++) {
		const struct option *o = &options[k];
		if (!is_policy(o))
			continue;
		i++;
		size_t sl = strlen(o->section);
		bool match = dot ? (size_t)(dot - name) == sl && strncmp(name, o->section, sl) == 0 &&
					   strcmp(dot + 1, o->key) == 0
				 : strcmp(name, o->key) == 0;
		if (!match)
			continue;
		if (found >= 0)
			return -2;
		found = i;
	}
	return found;
}

int conf_policy_parse(int i, const char *value, struct conf *c, char *msg)
{
	const struct option *o = policy_option(i);
	if (!o) {
		xq_msg(msg, "%s", _("no such policy key"));
		return XQ_ERR;
	}
	char v[256];
	if (!xq_copy(v, sizeof v, value)) {
		xq_msg(msg, _("[%s] %s: value too long"), o->section, o->key);
		return XQ_ERR;
	}
	return parse_value(o, str_trim(v), c, msg);
}

void conf_policy_format(int i, const struct conf *c, char *out, size_t size)
{
	const struct option *o = policy_option(i);
	if (o)
		format_value(o, c, out, size);
	else if (size)
		out[0] = '\0';
}

int conf_policy_check(const struct conf *c, char *msg)
{
	if (c->n_subsidy_yuan != c->n_subsidy_km + 1) {
		xq_msg(msg, _("exchange.subsidy_yuan needs %d values (one more than subsidy_km), has %d"),
			c->n_subsidy_km + 1, c->n_subsidy_yuan);
		return XQ_ERR;
	}
	if (c->principal_min_years > c->principal_rotate_years) {
		xq_msg(msg, _("exchange.principal_min_years (%d) exceeds principal_rotate_years (%d)"),
			c->principal_min_years, c->principal_rotate_years);
		return XQ_ERR;
	}
	return XQ_OK;
}
