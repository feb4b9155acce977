/* test_conf.c: the INI configuration — defaults, reading every section, refusing bad values
 * with messages that name key and value, warnings, [keys], where the file is looked for,
 * and the sample file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf/conf.h"

static char tmpdir[256];

/* tmpdir/name with the given text; returns the path (static buffer per call site). */
static const char *write_file(const char *name, const char *text)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* conf_print output. The caller frees it. */
static char *printed(const struct conf *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	conf_print(c, f);
	fclose(f);
	return buf;
}

/* conf_print output with the "\t# source" of each line removed: the values only. */
static char *printed_values(const struct conf *c)
{
	char *s = printed(c);
	char *w = s;
	for (char *r = s; *r;) {
		char *tab = strstr(r, "\t# ");
		char *nl = strchr(r, '\n');
		if (!nl)
			nl = r + strlen(r);
		size_t n = (size_t)((tab && tab < nl ? tab : nl) - r);
		memmove(w, r, n);
		w += n;
		if (*nl)
			*w++ = '\n';
		r = *nl ? nl + 1 : nl;
	}
	*w = '\0';
	return s;
}

static int count_from_file(const struct conf *c)
{
	int n = 0;
	for (int i = 0; i < CONF_OPTIONS_MAX; i++)
		n += c->from_file[i];
	return n;
}

static int count_substr(const char *s, const char *sub)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, sub)); p += strlen(sub))
		n++;
	return n;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/xq-conf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	/* no configuration of the machine or of the user running the tests */
	char xdg[300];
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	mkdir(xdg, 0700);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", tmpdir, 1);
	unsetenv("XUEQU_CONFIG");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_defaults(void **state)
{
	(void)state;
	struct conf c;
	conf_defaults(&c);
	assert_string_equal(c.db_path, "xuequ.db");
	assert_int_equal(c.busy_timeout_ms, 5000);
	assert_string_equal(c.language, "auto");
	assert_int_equal(c.color, CONF_COLOR_AUTO);
	assert_string_equal(c.color_accent, "cyan");
	assert_string_equal(c.color_selection, "blue");
	assert_string_equal(c.color_warning, "red");
	assert_string_equal(c.color_good, "green");
	/* DESIGN.md §5 */
	assert_string_equal(c.reference_date, "09-01");
	assert_int_equal(c.min_years_at_school, 6); /* national guidance: 6 years */
	assert_int_equal(c.max_age_male, 0);
	assert_int_equal(c.max_age_female, 0);
	assert_true(c.min_ratio == 0.10); /* exchanged >= 10 % of the eligible */
	/* the national guidance's 20 % of the exchanged (DESIGN.md §5 quotes one county's 12 %) */
	assert_true(c.backbone_min_ratio == 0.20);
	assert_int_equal(c.backbone_base, CONF_BASE_EXCHANGED);
	assert_int_equal(c.principal_rotate_years, 5); /* principals rotate after 5 years */
	assert_int_equal(c.principal_min_years, 3);    /* and not before 3 */
	assert_int_equal(c.term_years, 2);	       /* terms usually 2 years */
	assert_false(c.allow_cross_district);
	assert_true(c.max_out_ratio == 0.15);
	assert_int_equal(c.n_subsidy_km, 3);
	assert_true(c.subsidy_km[0] == 10 && c.subsidy_km[1] == 30 && c.subsidy_km[2] == 60);
	assert_int_equal(c.n_subsidy_yuan, c.n_subsidy_km + 1);
	assert_true(c.subsidy_yuan[0] == 200 && c.subsidy_yuan[1] == 400 && c.subsidy_yuan[2] == 600 &&
		    c.subsidy_yuan[3] == 800);
	assert_true(c.subsidy_hardship_yuan[0] == 0 && c.subsidy_hardship_yuan[1] == 100 &&
		    c.subsidy_hardship_yuan[2] == 200 && c.subsidy_hardship_yuan[3] == 300);
	/* the national high-quality-balance thresholds, primary and junior */
	static const double primary[7] = {4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3};
	static const double junior[7] = {5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4};
	for (int i = 0; i < 7; i++) {
		assert_true(c.ind_primary[i] == primary[i]);
		assert_true(c.ind_junior[i] == junior[i]);
	}
	assert_string_equal(conf_indicator_names[0], "teachers_above_degree");
	assert_string_equal(conf_indicator_names[6], "multimedia_rooms");
	assert_int_equal(c.min_indicators_met, 6); /* at least six of seven */
	assert_true(c.seventh_min_share == 0.85);  /* the seventh at >= 85 % */
	assert_true(c.cv_max_primary == 0.50);
	assert_true(c.cv_max_junior == 0.45);
	assert_int_equal(c.nkeys, 0);
	assert_null(conf_key(&c, "districts.add"));
	assert_string_equal(c.path, "");
	assert_int_equal(count_from_file(&c), 0);
	assert_int_equal(c.nwarnings, 0);

	char *p = printed(&c);
	assert_non_null(strstr(p, "[exchange]\n"));
	assert_non_null(strstr(p, "min_ratio = 0.1\t# default\n"));
	assert_non_null(strstr(p, "subsidy_km = 10, 30, 60\t# default\n"));
	assert_non_null(strstr(p, "color = auto\t# default\n"));
	assert_non_null(strstr(p, "allow_cross_district = false\t# default\n"));
	assert_null(strstr(p, "[keys]"));
	free(p);
	conf_free(&c);
}

static const char every_section[] =
	"# every option with a value other than its default\n"
	"[database]\n"
	"path = /srv/xuequ/县教育局.db\n"
	"busy_timeout_ms = 12000\n"
	"\n"
	"[ui]\n"
	"language = ZH\n"
	"color = never\n"
	"color_accent = magenta\n"
	"color_selection = yellow\n"
	"color_warning = white\n"
	"color_good = default\n"
	"\n"
	"[exchange]\n"
	"reference_date = 02-29\n"
	"min_years_at_school = 2\n"
	"max_age_male = 55\n"
	"max_age_female = 50\n"
	"min_ratio = 0.2\n"
	"backbone_min_ratio = 0.3\n"
	"backbone_base = eligible\n"
	"principal_rotate_years = 6\n"
	"principal_min_years = 2\n"
	"term_years = 3\n"
	"allow_cross_district = yes\n"
	"max_out_ratio = 0.25\n"
	"subsidy_km = 5, 15.5\n"
	"subsidy_yuan = 100,300 , 500\n"
	"subsidy_hardship_yuan = 10, 20, 30, 40\n"
	"\n"
	"[indicators]\n"
	"teachers_above_degree_primary = 10\n"
	"teachers_above_degree_junior = 20\n"
	"backbone_teachers_primary = 11\n"
	"backbone_teachers_junior = 21\n"
	"pe_art_teachers_primary = 12\n"
	"pe_art_teachers_junior = 22\n"
	"teaching_area_primary = 13\n"
	"teaching_area_junior = 23\n"
	"sports_area_primary = 14\n"
	"sports_area_junior = 24\n"
	"equipment_value_primary = 15\n"
	"equipment_value_junior = 25\n"
	"multimedia_rooms_primary = 16\n"
	"multimedia_rooms_junior = 26\n"
	"min_indicators_met = 7\n"
	"seventh_min_share = 0.9\n"
	"cv_max_primary = 0.4\n"
	"cv_max_junior = 0.35\n"
	"cv = plain\n"
	"min_pupils = 40\n"
	"junior_weight = 1.2\n"
	"count_exchanged_at = receiving\n"
	"\n"
	"[timetable]\n"
	"travel_speed_kmh = 40\n"
	"travel_detour = 1.5\n"
	"\n"
	"[keys]\n"
	"districts.add = A\n"
	"exchanges.approve = C-a y\n";

static void test_every_section(void **state)
{
	(void)state;
	const char *path = write_file("every.conf", every_section);
	struct conf c;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_string_equal(c.path, path);
	assert_int_equal(c.nwarnings, 0);

	assert_string_equal(c.db_path, "/srv/xuequ/县教育局.db");
	assert_int_equal(c.busy_timeout_ms, 12000);
	assert_string_equal(c.language, "zh"); /* the canonical spelling */
	assert_int_equal(c.color, CONF_COLOR_NEVER);
	assert_string_equal(c.color_accent, "magenta");
	assert_string_equal(c.color_selection, "yellow");
	assert_string_equal(c.color_warning, "white");
	assert_string_equal(c.color_good, "default");
	assert_string_equal(c.reference_date, "02-29");
	assert_int_equal(c.min_years_at_school, 2);
	assert_int_equal(c.max_age_male, 55);
	assert_int_equal(c.max_age_female, 50);
	assert_true(c.min_ratio == 0.2);
	assert_true(c.backbone_min_ratio == 0.3);
	assert_int_equal(c.backbone_base, CONF_BASE_ELIGIBLE);
	assert_int_equal(c.principal_rotate_years, 6);
	assert_int_equal(c.principal_min_years, 2);
	assert_int_equal(c.term_years, 3);
	assert_true(c.allow_cross_district);
	assert_true(c.max_out_ratio == 0.25);
	assert_int_equal(c.n_subsidy_km, 2);
	assert_true(c.subsidy_km[0] == 5 && c.subsidy_km[1] == 15.5);
	assert_int_equal(c.n_subsidy_yuan, 3);
	assert_true(c.subsidy_yuan[0] == 100 && c.subsidy_yuan[1] == 300 && c.subsidy_yuan[2] == 500);
	for (int i = 0; i < 4; i++)
		assert_true(c.subsidy_hardship_yuan[i] == 10.0 * (i + 1));
	for (int i = 0; i < 7; i++) {
		assert_true(c.ind_primary[i] == 10 + i);
		assert_true(c.ind_junior[i] == 20 + i);
	}
	assert_int_equal(c.min_indicators_met, 7);
	assert_true(c.seventh_min_share == 0.9);
	assert_true(c.cv_max_primary == 0.4);
	assert_true(c.cv_max_junior == 0.35);
	assert_int_equal(c.ind_cv, CONF_CV_PLAIN);
	assert_int_equal(c.ind_min_pupils, 40);
	assert_true(c.ind_junior_weight == 1.2);
	assert_int_equal(c.ind_count_exchanged_at, CONF_COUNT_RECEIVING);
	assert_true(c.travel_speed_kmh == 40);
	assert_true(c.travel_detour == 1.5);

	assert_int_equal(c.nkeys, 2);
	assert_string_equal(conf_key(&c, "districts.add"), "A");
	assert_string_equal(conf_key(&c, "Districts.Add"), "A");
	assert_string_equal(conf_key(&c, "exchanges.approve"), "C-a y");
	assert_null(conf_key(&c, "districts.delete"));

	/* every option came from the file, and conf_print says so */
	char *p = printed(&c);
	assert_null(strstr(p, "# default"));
	int options = count_substr(p, " = ") - c.nkeys;
	assert_true(options > 40);
	assert_int_equal(count_from_file(&c), options);
	char line[700];
	snprintf(line, sizeof line, "min_ratio = 0.2\t# %s\n", path);
	assert_non_null(strstr(p, line));
	snprintf(line, sizeof line, "subsidy_yuan = 100, 300, 500\t# %s\n", path);
	assert_non_null(strstr(p, line));
	snprintf(line, sizeof line, "districts.add = A\t# %s\n", path);
	assert_non_null(strstr(p, line));
	free(p);
	conf_free(&c);
	assert_int_equal(c.nkeys, 0);
	assert_null(c.keys);
}

static void test_some_keys(void **state)
{
	(void)state;
	const char *path = write_file("some.conf",
		"; a comment\n"
		"[Exchange]\n"
		"Min_Years_At_School = 3   ; trailing comment\n"
		"allow_cross_district = \"on\"\n"
		"\n[indicators]\ncv_max_junior = 0.5\n");
	struct conf c;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_int_equal(c.min_years_at_school, 3);
	assert_true(c.allow_cross_district);
	assert_true(c.cv_max_junior == 0.5);
	/* the rest keeps its defaults */
	assert_true(c.min_ratio == 0.10);
	assert_int_equal(c.busy_timeout_ms, 5000);
	assert_int_equal(count_from_file(&c), 3);
	char *p = printed(&c);
	char line[700];
	snprintf(line, sizeof line, "min_years_at_school = 3\t# %s\n", path);
	assert_non_null(strstr(p, line));
	assert_non_null(strstr(p, "min_ratio = 0.1\t# default\n"));
	assert_int_equal(count_substr(p, path), 3);
	free(p);
	conf_free(&c);
}

struct bad_case {
	const char *text;
	const char *want[3]; /* each must appear in the message */
};

static void test_bad_values(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		{"[exchange]\nmin_ratio = lots\n", {"min_ratio", "'lots'", "not a number"}},
		{"[exchange]\nmin_ratio = 1.5\n", {"min_ratio", "1.5", "out of range"}},
		{"[exchange]\nmin_ratio = -0.1\n", {"min_ratio", "-0.1", "out of range"}},
		{"[exchange]\nmin_ratio =\n", {"min_ratio", "''", NULL}},
		{"[exchange]\nmin_years_at_school = 6.5\n", {"min_years_at_school", "6.5", "whole number"}},
		{"[exchange]\nmin_years_at_school = 41\n", {"min_years_at_school", "41", "out of range"}},
		{"[database]\nbusy_timeout_ms = -1\n", {"busy_timeout_ms", "-1", "out of range"}},
		{"[database]\nbusy_timeout_ms = 600001\n", {"busy_timeout_ms", "600001", "out of range"}},
		{"[ui]\ncolor = sometimes\n", {"color", "sometimes", "auto|always|never"}},
		{"[ui]\nlanguage = fr\n", {"language", "fr", "auto|zh|en"}},
		{"[ui]\ncolor_accent = pink\n", {"color_accent", "pink", NULL}},
		{"[exchange]\nbackbone_base = everyone\n", {"backbone_base", "everyone", NULL}},
		{"[exchange]\nallow_cross_district = maybe\n", {"allow_cross_district", "maybe", "true or false"}},
		{"[exchange]\nreference_date = 02-30\n", {"reference_date", "02-30", "MM-DD"}},
		{"[exchange]\nreference_date = 13-01\n", {"reference_date", "13-01", "MM-DD"}},
		{"[exchange]\nreference_date = 9-1\n", {"reference_date", "9-1", "MM-DD"}},
		{"[exchange]\nreference_date = 09/01\n", {"reference_date", "09/01", "MM-DD"}},
		{"[exchange]\nreference_date = 09-01-2025\n", {"reference_date", "09-01-2025", NULL}},
		{"[exchange]\nsubsidy_yuan = 100, 200\n", {"subsidy_yuan", "4 values", "has 2"}},
		{"[exchange]\nsubsidy_km = 10, 20\nsubsidy_yuan = 1, 2, 3, 4\n", {"subsidy_yuan", "3 values", "has 4"}},
		{"[exchange]\nsubsidy_km = 30, 10, 60\n", {"subsidy_km", "ascend", "30, 10, 60"}},
		{"[exchange]\nsubsidy_km = 10, x, 60\n", {"subsidy_km", "'x'", "not a number"}},
		{"[exchange]\nsubsidy_km = 10, 20000\n", {"subsidy_km", "20000", "out of range"}},
		{"[exchange]\nsubsidy_hardship_yuan = 0, 100, 200\n", {"subsidy_hardship_yuan", "exactly 4", "got 3"}},
		{"[exchange]\nprincipal_min_years = 6\n", {"principal_min_years", "principal_rotate_years", NULL}},
		{"[indicators]\nsports_area_junior = big\n", {"sports_area_junior", "big", NULL}},
		{"[indicators]\nmin_indicators_met = 8\n", {"min_indicators_met", "8", "out of range"}},
		/* a line iniparser cannot read: the message names the file's line */
		{"[exchange]\nmin_ratio = 0.3\nthis line is wrong\n", {"bad.conf:3:", "syntax error", "this line is wrong"}},
		{"[exchange\nmin_ratio = 0.3\n", {"bad.conf:1:", "syntax error", "[exchange"}},
	};
	for (size_t i = 0; i < XQ_NELEM(cases); i++) {
		const char *path = write_file("bad.conf", cases[i].text);
		struct conf c;
		char msg[XQ_MSG_MAX] = "";
		int rc = conf_load(&c, path, msg);
		if (rc != XQ_ERR)
			fail_msg("case %zu accepted: %s", i, cases[i].text);
		assert_non_null(strstr(msg, path));
		for (int k = 0; k < 3 && cases[i].want[k]; k++)
			if (!strstr(msg, cases[i].want[k]))
				fail_msg("case %zu: '%s' not in message: %s", i, cases[i].want[k], msg);
		conf_free(&c);
	}
}

static void test_unknown_keys_warn(void **state)
{
	(void)state;
	const char *path = write_file("unknown.conf",
		"[exchange]\nmin_years_at_school = 4\nmin_yaers = 3\n"
		"[colours]\naccent = lots\n"
		"[ui]\ncolor = always\n");
	struct conf c;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_int_equal(c.min_years_at_school, 4);
	assert_int_equal(c.color, CONF_COLOR_ALWAYS);
	assert_int_equal(c.nwarnings, 2);
	bool key = false, section = false;
	for (int i = 0; i < c.nwarnings; i++) {
		if (strstr(c.warnings[i], "min_yaers") && strstr(c.warnings[i], "[exchange]"))
			key = true;
		if (strstr(c.warnings[i], "[colours]"))
			section = true;
		assert_non_null(strstr(c.warnings[i], path));
	}
	assert_true(key);
	assert_true(section);
	conf_free(&c);
	assert_int_equal(c.nwarnings, 0);
	assert_null(c.warnings);
}

static void test_keys_section(void **state)
{
	(void)state;
	const char *path = write_file("keys.conf",
		"[keys]\ndistricts.add = a A\nexchanges.delete = C-d\nglobal.quit = F10\n");
	struct conf c;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_int_equal(c.nkeys, 3);
	assert_string_equal(conf_key(&c, "districts.add"), "a A");
	assert_string_equal(conf_key(&c, "exchanges.delete"), "C-d");
	assert_string_equal(conf_key(&c, "global.quit"), "F10");
	assert_null(conf_key(&c, "global.help"));
	assert_null(conf_key(&c, ""));
	/* key bindings are not options */
	assert_int_equal(count_from_file(&c), 0);
	assert_int_equal(c.nwarnings, 0);
	char *p = printed(&c);
	assert_non_null(strstr(p, "[keys]\n"));
	char line[700];
	snprintf(line, sizeof line, "exchanges.delete = C-d\t# %s\n", path);
	assert_non_null(strstr(p, line));
	free(p);
	conf_free(&c);
}

/* A section named like "keys:x" shows up among [keys] as an entry without a value (found by
 * fuzzing: it used to crash). */
static void test_keys_entry_without_value(void **state)
{
	(void)state;
	const char *path = write_file("keys2.conf", "[keys]\ndistricts.add = b\n[keys:x]\n");
	struct conf c;
	char msg[XQ_MSG_MAX] = "";
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_string_equal(conf_key(&c, "districts.add"), "b");
	conf_free(&c);
}

static void test_where_the_file_is(void **state)
{
	(void)state;
	struct conf c;
	char msg[XQ_MSG_MAX] = "";
	char missing[400];
	snprintf(missing, sizeof missing, "%s/nowhere/xuequ.conf", tmpdir);

	/* an explicit path that does not exist is an error */
	assert_int_equal(conf_load(&c, missing, msg), XQ_ERR);
	assert_non_null(strstr(msg, missing));
	assert_non_null(strstr(msg, "no such"));
	conf_free(&c);

	/* $XUEQU_CONFIG when no explicit path */
	const char *env = write_file("env.conf", "[exchange]\nterm_years = 4\n");
	const char *other = write_file("explicit.conf", "[exchange]\nterm_years = 5\n");
	setenv("XUEQU_CONFIG", env, 1);
	assert_int_equal(conf_load(&c, NULL, msg), XQ_OK);
	assert_string_equal(c.path, env);
	assert_int_equal(c.term_years, 4);
	conf_free(&c);
	/* an explicit path wins over it */
	assert_int_equal(conf_load(&c, other, msg), XQ_OK);
	assert_string_equal(c.path, other);
	assert_int_equal(c.term_years, 5);
	conf_free(&c);
	/* an explicit missing path stays an error while $XUEQU_CONFIG exists */
	assert_int_equal(conf_load(&c, missing, msg), XQ_ERR);
	conf_free(&c);
	unsetenv("XUEQU_CONFIG");

	/* then $XDG_CONFIG_HOME/xuequ/xuequ.conf */
	char dir[400], xdgfile[450];
	snprintf(dir, sizeof dir, "%s/xdg/xuequ", tmpdir);
	mkdir(dir, 0700);
	snprintf(xdgfile, sizeof xdgfile, "%s/xuequ.conf", dir);
	FILE *f = fopen(xdgfile, "w");
	assert_non_null(f);
	fputs("[ui]\nlanguage = zh\n[exchange]\nterm_years = 6\n", f);
	fclose(f);
	/* merged over the system file: its [ui] counts, its county policy is ignored */
	assert_int_equal(conf_load(&c, NULL, msg), XQ_OK);
	assert_string_equal(c.personal_path, xdgfile);
	assert_string_equal(c.language, "zh");
	assert_int_equal(c.term_years, 2);
	assert_int_equal(c.nwarnings, 1);
	assert_non_null(strstr(c.warnings[0], "county policy"));
	conf_free(&c);
	/* $XUEQU_CONFIG replaces the system file; the personal file still merges over it */
	setenv("XUEQU_CONFIG", env, 1);
	assert_int_equal(conf_load(&c, NULL, msg), XQ_OK);
	assert_int_equal(c.term_years, 4);
	assert_string_equal(c.language, "zh");
	assert_string_equal(c.path, env);
	conf_free(&c);
	/* and a file it names must exist */
	setenv("XUEQU_CONFIG", missing, 1);
	assert_int_equal(conf_load(&c, NULL, msg), XQ_ERR);
	assert_non_null(strstr(msg, missing));
	assert_non_null(strstr(msg, "XUEQU_CONFIG"));
	conf_free(&c);
	unsetenv("XUEQU_CONFIG");
	unlink(xdgfile);
	rmdir(dir);

	/* nothing found: the defaults (unless the machine has a system-wide file) */
	assert_int_equal(conf_load(&c, NULL, msg), XQ_OK);
	if (!c.path[0]) {
		assert_int_equal(c.term_years, 2);
		assert_int_equal(count_from_file(&c), 0);
	}
	conf_free(&c);
}

/* The sample file parses back to the defaults, as written (every key commented out) and
 * with every key uncommented. */
static void test_sample_round_trip(void **state)
{
	(void)state;
	char *sample = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sample, &len);
	assert_non_null(f);
	conf_write_sample(f);
	fclose(f);
	assert_non_null(strstr(sample, "[exchange]"));
	assert_non_null(strstr(sample, "; min_ratio = 0.10\n"));

	struct conf def, c;
	conf_defaults(&def);
	char *want = printed_values(&def);
	char msg[XQ_MSG_MAX] = "";

	const char *path = write_file("sample.conf", sample);
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_int_equal(c.nwarnings, 0);
	assert_int_equal(count_from_file(&c), 0);
	char *got = printed_values(&c);
	assert_string_equal(got, want);
	free(got);
	conf_free(&c);

	/* uncomment every "; key = value" line */
	struct strbuf b;
	sb_init(&b);
	int uncommented = 0;
	for (char *line = sample; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
		if (strncmp(line, "; ", 2) == 0 && memchr(line, '=', n)) {
			sb_add(&b, line + 2, n - 2);
			uncommented++;
		} else
			sb_add(&b, line, n);
		line += n;
	}
	path = write_file("sample-on.conf", b.s);
	sb_free(&b);
	assert_int_equal(conf_load(&c, path, msg), XQ_OK);
	assert_int_equal(c.nwarnings, 0);
	/* every option is in the sample once, plus the [keys] example */
	assert_int_equal(count_from_file(&c), uncommented - 1);
	assert_int_equal(c.nkeys, 1);
	assert_string_equal(conf_key(&c, "districts.add"), "a");
	got = printed_values(&c);
	/* the same values; the printed [keys] section is extra */
	char *keys = strstr(got, "\n[keys]\n");
	assert_non_null(keys);
	*keys = '\0';
	assert_string_equal(got, want);
	free(got);
	conf_free(&c);
	free(want);
	conf_free(&def);
	free(sample);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_section),
		cmocka_unit_test(test_some_keys),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_unknown_keys_warn),
		cmocka_unit_test(test_keys_section),
		cmocka_unit_test(test_keys_entry_without_value),
		cmocka_unit_test(test_where_the_file_is),
		cmocka_unit_test(test_sample_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
