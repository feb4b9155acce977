/* conf.h: the INI configuration (iniparser) as one typed, validated struct. One table of
 * options {section:key, type, default, range, help} drives parsing, `xuequ config`
 * and the sample file. */
#ifndef XQ_CONF_H
#define XQ_CONF_H

#include <stdbool.h>
#include <stdio.h>

#include "core/util.h"

#define CONF_PATH_MAX 1024
#define CONF_LIST_MAX 8
#define CONF_OPTIONS_MAX 64

enum conf_color { CONF_COLOR_AUTO, CONF_COLOR_ALWAYS, CONF_COLOR_NEVER };
enum conf_backbone_base { CONF_BASE_EXCHANGED, CONF_BASE_ELIGIBLE };
enum conf_cv { CONF_CV_WEIGHTED, CONF_CV_PLAIN };
enum conf_count_at { CONF_COUNT_HOME, CONF_COUNT_RECEIVING };

/* A key binding override from [keys]: "pane.action = keys". */
struct conf_kv {
	char *key, *value;
	bool personal; /* from the personal file */
};

struct conf {
	/* [database] */
	char db_path[CONF_PATH_MAX];
	int busy_timeout_ms;
	/* [ui] */
	char language[8]; /* auto, zh, en */
	int color;	  /* enum conf_color */
	char color_accent[16], color_selection[16], color_warning[16], color_good[16];
	/* [exchange] */
	char reference_date[6]; /* MM-DD */
	int min_years_at_school;
	int max_age_male, max_age_female; /* 0 = no limit */
	double min_ratio, backbone_min_ratio;
	int backbone_base; /* enum conf_backbone_base */
	int principal_rotate_years, principal_min_years;
	int term_years;
	bool allow_cross_district;
	double max_out_ratio;
	double subsidy_km[CONF_LIST_MAX]; /* distance tier bounds, km, ascending */
	int n_subsidy_km;
	double subsidy_yuan[CONF_LIST_MAX]; /* per month for each tier (n_subsidy_km + 1) */
	int n_subsidy_yuan;
	double subsidy_hardship_yuan[4]; /* extra per month by receiving school's hardship 0..3 */
	/* [indicators]: national high-quality-balance defaults (primary / junior) */
	double ind_primary[7], ind_junior[7];
	int min_indicators_met;
	double seventh_min_share;
	double cv_max_primary, cv_max_junior;
	int ind_cv;		    /* enum conf_cv */
	int ind_min_pupils;	    /* teaching points below it leave the CV */
	double ind_junior_weight;   /* a junior pupil against a primary one */
	int ind_count_exchanged_at; /* enum conf_count_at */
	/* [timetable] */
	double travel_speed_kmh; /* between schools where a pair has no minutes of its own */
	double travel_detour;	 /* road over straight line */
	/* [keys] */
	struct conf_kv *keys;
	int nkeys;

	/* where things came from */
	char path[CONF_PATH_MAX]; /* the system file (or --config, XUEQU_CONFIG) read, "" when none */
	char personal_path[CONF_PATH_MAX]; /* the personal file merged over it, "" when none */
	bool from_file[CONF_OPTIONS_MAX]; /* per option of the table: set by a file */
	bool from_personal[CONF_OPTIONS_MAX]; /* ... and that file was the personal one */
	char **warnings;	  /* unknown keys and the like */
	int nwarnings;
};

/* The seven indicator names, in order (keys in [indicators] are NAME_primary/NAME_junior). */
extern const char *const conf_indicator_names[7];

/* Defaults only. */
void conf_defaults(struct conf *c);
/* Defaults, then the first file of: explicit path, $XUEQU_CONFIG, the system file
 * SYSCONFDIR/xuequ/xuequ.conf; then the personal file $XDG_CONFIG_HOME/xuequ/xuequ.conf
 * (or ~/.config/...) merged over it, of which only [ui], [keys] and [database] count
 * (other sections warn: county policy is kept in the database). An explicit path that
 * does not exist is an error; the others are skipped when absent. Under privilege
 * (core/priv.h) only the system file is read; an explicit path is refused.
 * A value of the wrong type or out of range fails naming the key and the value; a file
 * that is not a regular file, or a path too long for the buffers, is refused. */
int conf_load(struct conf *c, const char *explicit_path, char *msg);
void conf_free(struct conf *c);
/* The file option number i of the table came from, or "default". */
const char *conf_source(const struct conf *c, int option);
/* Every effective value and where it came from ("default" or the file). */
void conf_print(const struct conf *c, FILE *out);
/* The fully commented sample file, from the option table. */
void conf_write_sample(FILE *out);
/* The value of [keys] name ("districts.add"), or NULL. */
const char *conf_key(const struct conf *c, const char *name);

/* The county's policy: every option of [exchange] and [indicators], kept in the database
 * as "section.key" (db/policy.h); a file's values only seed a new database's policy. */
struct conf_policy_info {
	char name[64];		   /* "exchange.min_ratio" */
	const char *section, *key; /* "exchange", "min_ratio" */
	const char *help;	   /* English; N_() text of the option table */
	const char *choices;	   /* "a|b" for a choice or a boolean, else NULL */
};
int conf_policy_count(void);
/* The i-th policy option, 0 <= i < conf_policy_count(), in the table's order. */
void conf_policy_info(int i, struct conf_policy_info *out);
/* The index of "section.key", or of a bare "key" that only one section has: -1 when no
 * option is called so, -2 when a bare key is ambiguous. */
int conf_policy_find(const char *name);
/* Reads value into c with the INI file's rules (type, range, choice), or fails naming the
 * key and the value. Cross-key rules are conf_policy_check's. */
int conf_policy_parse(int i, const char *value, struct conf *c, char *msg);
/* The value of option i in c as the INI file spells it. */
void conf_policy_format(int i, const struct conf *c, char *out, size_t size);
/* The rules between keys: subsidy_yuan has one more value than subsidy_km, and
 * principal_min_years is not above principal_rotate_years. */
int conf_policy_check(const struct conf *c, char *msg);

#endif
