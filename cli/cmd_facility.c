/* cmd_facility.c: `xuequ facility list|show|add|edit`: the rooms of the schools, which the
 * timetables use and the district's schools may book (a room is SCHOOLCODE:NAME); `facility
 * usage`, how much they are used; `facility ics`, their bookings as a calendar file; `facility
 * quota`, the hours a district lets its schools hold in the others' rooms. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "core/timetable.h"
#include "db/booking.h"
#include "db/district.h"
#include "db/room.h"
#include "db/timetable.h"
#include "db/school.h"

static const char *const list_h[] = {"room", "school", "kind", "capacity", "shareable", "open", "equipment"};
static const char *const list_zh[] = {"教室", "学校", "类型", "容量", "对外开放", "开放时间", "设备"};

static int add_row(void *ctx, const void *rec)
{
	struct table *t = ctx;
	const struct room_rec *r = rec;
	char room[CODE_LEN + NAME_LEN + 2], cap[24], open[16];
	snprintf(room, sizeof room, "%s:%s", r->school_code, r->name);
	if (r->capacity >= 0)
		snprintf(cap, sizeof cap, "%ld", r->capacity);
	else
		cap[0] = '\0';
	if (r->open_from[0] || r->open_to[0])
		snprintf(open, sizeof open, "%s-%s", r->open_from, r->open_to);
	else
		open[0] = '\0';
	const char *cells[] = {room, r->school_name, enum_key(room_kind_items, r->kind), cap, r->shareable ? "1" : "0",
		open, r->equipment};
	table_add(t, cells);
	return XQ_OK;
}

/* --open HH:MM-HH:MM into the room */
static bool parse_open(const char *s, struct room_rec *r)
{
	const char *dash = strchr(s, '-');
	if (!dash || dash - s != 5 || strlen(dash + 1) != 5)
		return false;
	snprintf(r->open_from, sizeof r->open_from, "%.5s", s);
	snprintf(r->open_to, sizeof r->open_to, "%.5s", dash + 1);
	return true;
}

struct fac_opts {
	const char *hours, *term, *by, *from, *to, *week, *month, *output, *district, *school, *kind;
	bool force, csv;
};

static const char *const usage_h[] = {"name", "rooms", "open_hours", "timetable_hours", "booked_hours", "used_pct",
	"timetable_pct", "booked_pct", "borrowed_hours"};
static const char *const usage_zh[] = {"名称", "场地数", "开放小时", "课表小时", "借用小时", "使用率%", "课表占比%",
	"借用占比%", "外借小时"};

static void pct(char *out, size_t size, double part, double whole)
{
	if (whole > 0)
		snprintf(out, size, "%.1f", 100.0 * part / whole);
	else
		out[0] = '\0';
}

/* --week D, --month YYYY-MM, or --from/--to into from..to; false with a usage error. */
static bool usage_span(const struct fac_opts *fo, char from[DATE_LEN], char to[DATE_LEN])
{
	from[0] = to[0] = '\0';
	int given = (fo->week != NULL) + (fo->month != NULL) + (fo->from || fo->to);
	if (given > 1) {
		cli_usage("facility", "%s", _("one of --week, --month, or --from and --to"));
		return false;
	}
	if (fo->week) {
		if (!date_valid(fo->week)) {
			cli_usage("facility", _("'%s' is not a date (YYYY-MM-DD)"), fo->week);
			return false;
		}
		date_add(fo->week, 1 - weekday_of(fo->week), from);
		date_add(from, 6, to);
	} else if (fo->month) {
		char first[DATE_LEN + 4];
		snprintf(first, sizeof first, "%.7s-01", fo->month);
		if (strlen(fo->month) != 7 || !date_valid(first)) {
			cli_usage("facility", _("'%s' is not a month (YYYY-MM)"), fo->month);
			return false;
		}
		xq_copy(from, DATE_LEN, first);
		char next[DATE_LEN];
		date_add(first, 31, next);
		snprintf(first, sizeof first, "%.7s-01", next);
		date_add(first, -1, to);
	} else {
		if ((fo->from && !date_valid(fo->from)) || (fo->to && !date_valid(fo->to))) {
			cli_usage("facility", _("'%s' is not a date (YYYY-MM-DD)"),
				fo->from && !date_valid(fo->from) ? fo->from : fo->to);
			return false;
		}
		xq_copy(from, DATE_LEN, fo->from ? fo->from : "");
		xq_copy(to, DATE_LEN, fo->to ? fo->to : "");
	}
	return true;
}

static int facility_usage(struct cli *cli, const struct fac_opts *fo, int argc, char **argv)
{
	if (argc > 0)
		return cli_usage("facility", _("unexpected argument '%s'"), argv[0]);
	if (fo->hours || fo->output || fo->force || fo->district || fo->school || fo->kind)
		return cli_usage("facility", "%s", _("facility usage takes --term, --by, --week, --month, --from, --to and --format"));
	if (!fo->term || !fo->by)
		return cli_usage("facility", "%s", _("facility usage needs --term and --by"));
	int by = enum_parse(usage_by_items, fo->by);
	if (by < 0)
		return cli_usage("facility", _("'%s' is not room, school, district or kind"), fo->by);
	char from[DATE_LEN], to[DATE_LEN];
	if (!usage_span(fo, from, to))
		return EXIT_MISUSE;
	struct db *db = cli_open(cli, DB_READONLY);
	if (!db)
		return EXIT_FAIL;
	int rc = EXIT_FAIL;
	struct term term;
	struct usage_row *rows = NULL;
	int n = 0;
	char msg[XQ_MSG_MAX] = "";
	if (cli_pick_term(db, fo->term, &term) != XQ_OK)
		goto out;
	if (db_facility_usage(db, term.id, from, to, by, &rows, &n, msg) != XQ_OK) {
		cli_error("%s", msg);
		goto out;
	}
	struct table *t = table_new(usage_h, 9);
	table_labels(t, usage_zh);
	for (int c = 1; c < 9; c++)
		table_right(t, c);
	for (int i = 0; i < n; i++) {
		const struct usage_row *r = &rows[i];
		char rooms[16], open[24], tt[24], bk[24], used[16], ttp[16], bkp[16], bor[24];
		snprintf(rooms, sizeof rooms, "%d", r->rooms);
		snprintf(open, sizeof open, "%.1f", r->open_hours);
		snprintf(tt, sizeof tt, "%.1f", r->timetable_hours);
		snprintf(bk, sizeof bk, "%.1f", r->booked_hours);
		pct(used, sizeof used, r->timetable_hours + r->booked_hours, r->open_hours);
		pct(ttp, sizeof ttp, r->timetable_hours, r->open_hours);
		pct(bkp, sizeof bkp, r->booked_hours, r->open_hours);
		if (by == USAGE_SCHOOL || by == USAGE_DISTRICT)
			snprintf(bor, sizeof bor, "%.1f", r->borrowed_hours);
		else
			bor[0] = '\0';
		const char *cells[] = {r->name, rooms, open, tt, bk, used, ttp, bkp, bor};
		table_add(t, cells);
	}
	table_print(t, stdout, fo->csv);
	table_free(t);
	rc = EXIT_OK;
out:
	free(rows);
	db_close(db);
	return rc;
}

struct ics_ctx {
	struct ics_event *ev;
	int n, cap;
	int64_t school_id; /* --school: bookings it made and bookings of its rooms */
};

static int add_event(void *ctx, const void *rec)
{
	struct ics_ctx *c = ctx;
	const struct booking_occ *bo = rec;
	if (c->school_id && bo->b->school_id != c->school_id && bo->b->owner_id != c->school_id)
		return XQ_OK;
	if (bo->o->status != BOOKING_APPROVED && bo->o->status != BOOKING_REQUESTED)
		return XQ_OK;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		struct ics_event *ev = realloc(c->ev, sizeof *ev * (size_t)c->cap);
		if (!ev)
			return XQ_ERR;
		c->ev = ev;
	}
	struct ics_event *e = &c->ev[c->n++];
	memset(e, 0, sizeof *e);
	snprintf(e->uid, sizeof e->uid, "booking-%lld-%s@xuequ", (long long)bo->b->id, bo->o->orig);
	xq_copy(e->day, sizeof e->day, bo->o->day);
	e->start = bo->o->start;
	e->end = bo->o->end;
	e->tentative = bo->o->status == BOOKING_REQUESTED;
	snprintf(e->summary, sizeof e->summary, "%s %s", bo->b->school_name, bo->b->purpose);
	snprintf(e->location, sizeof e->location, "%s %s", bo->b->owner_name, bo->b->room);
	return XQ_OK;
}

static int facility_ics(struct cli *cli, const struct fac_opts *fo, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage("facility", _("unexpected argument '%s'"), argv[1]);
	if ((argc == 1) == (fo->school != NULL))
		return cli_usage("facility", "%s", _("facility ics takes a room (SCHOOLCODE:NAME) or --school CODE"));
	if (!fo->output)
		return cli_usage("facility", "%s", _("facility ics needs -o FILE.ics"));
	if (fo->hours || fo->term || fo->by || fo->week || fo->month || fo->district || fo->kind || fo->csv)
		return cli_usage("facility", "%s", _("facility ics takes --school, --from, --to, -o and --force"));
	if ((fo->from && !date_valid(fo->from)) || (fo->to && !date_valid(fo->to)))
		return cli_usage("facility", "%s", _("--from and --to are dates (YYYY-MM-DD)"));
	struct db *db = cli_open(cli, DB_READONLY);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX] = "", name[ROOM_SPEC_LEN + NAME_LEN];
	struct booking_query q = {0, 0, 0, fo->from ? fo->from : "", fo->to ? fo->to : "", -1};
	struct ics_ctx c;
	memset(&c, 0, sizeof c);
	int rc = EXIT_FAIL;
	if (argc == 1) {
		struct room_rec r;
		if (db_room_named(db, argv[0], &r, msg) != XQ_OK) {
			cli_error("%s", msg);
			goto out;
		}
		q.room_id = r.id;
		snprintf(name, sizeof name, "%s %s", r.school_name, r.name);
	} else {
		struct school s;
		if (db_school_find(db, fo->school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			goto out;
		}
		c.school_id = s.id;
		xq_copy(name, sizeof name, s.name);
	}
	if (db_booking_each(db, &q, add_event, &c) != XQ_OK) {
		cli_error("%s", _("cannot read the bookings"));
		goto out;
	}
	char *ics = booking_ics(c.ev, c.n, name);
	if (!ics) {
		cli_error("%s", _("cannot make the calendar"));
		goto out;
	}
	if (cli_write_file(fo->output, ics, strlen(ics), fo->force)) {
		if (strcmp(fo->output, "-") != 0)
			cli_say(stderr, _("%1$d bookings written to %2$s"), c.n, fo->output);
		rc = EXIT_OK;
	}
	free(ics);
out:
	free(c.ev);
	db_close(db);
	return rc;
}

static const char *const quota_h[] = {"district", "term", "kind", "hours"};
static const char *const quota_zh[] = {"学区", "学期", "场地类型", "小时"};

static int add_quota(void *ctx, const void *rec)
{
	const struct quota_rec *q = rec;
	char h[32];
	snprintf(h, sizeof h, "%.1f", q->hours);
	const char *cells[] = {q->district, q->term, enum_key(room_kind_items, q->room_kind), h};
	table_add(ctx, cells);
	return XQ_OK;
}

static int facility_quota(struct cli *cli, const struct fac_opts *fo, int argc, char **argv)
{
	bool set = argc >= 1 && strcmp(argv[0], "set") == 0;
	bool list = argc == 0 || strcmp(argv[0], "list") == 0;
	if ((!set && !list) || argc > 1)
		return cli_usage("facility", _("unexpected argument '%s'"), argv[argc > 1 ? 1 : 0]);
	if (fo->by || fo->from || fo->to || fo->week || fo->month || fo->output || fo->force || fo->school)
		return cli_usage("facility", "%s", _("facility quota takes --district, --term, --kind and --hours"));
	if (list && (fo->district || fo->term || fo->kind || fo->hours))
		return cli_usage("facility", "%s", _("facility quota list takes only --format"));
	struct quota_rec q;
	memset(&q, 0, sizeof q);
	if (set) {
		if (!fo->district || !fo->term || !fo->kind || !fo->hours || fo->csv)
			return cli_usage("facility", "%s", _("facility quota set needs --district, --term, --kind and --hours"));
		if ((q.room_kind = enum_parse(room_kind_items, fo->kind)) < 0)
			return cli_usage("facility", _("'%s' is not a kind of room: %s"), fo->kind,
				enum_keys_joined(room_kind_items));
		if (!parse_double(fo->hours, &q.hours) || q.hours < 0 || q.hours > 10000)
			return cli_usage("facility", _("'%s' is not a number of hours (0 to 10000)"), fo->hours);
	}
	struct db *db = cli_open(cli, list ? DB_READONLY : 0);
	if (!db)
		return EXIT_FAIL;
	int rc = EXIT_FAIL;
	char msg[XQ_MSG_MAX] = "";
	if (list) {
		struct table *t = table_new(quota_h, 4);
		table_labels(t, quota_zh);
		table_right(t, 3);
		if (db_quota_each(db, add_quota, t) == XQ_OK) {
			table_print(t, stdout, fo->csv);
			rc = EXIT_OK;
		} else
			cli_error("%s", _("cannot read the quotas"));
		table_free(t);
		goto out;
	}
	struct district d;
	struct term term;
	if (db_district_by_name(db, fo->district, &d) != XQ_OK) {
		cli_error(_("unknown district %s"), fo->district);
		goto out;
	}
	if (cli_pick_term(db, fo->term, &term) != XQ_OK)
		goto out;
	q.district_id = d.id;
	q.term_id = term.id;
	if (db_quota_set(db, &q, msg) != XQ_OK) {
		cli_error("%s", msg);
		goto out;
	}
	cli_say(stdout, _("%1$s: each school may hold %2$.1f h of %3$s in the others' rooms in %4$s"), d.name, q.hours,
		enum_word(room_kind_items, q.room_kind), term.name);
	rc = EXIT_OK;
out:
	db_close(db);
	return rc;
}

int cmd_facility(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"school", required_argument, NULL, 's'},
		{"kind", required_argument, NULL, 'k'},
		{"capacity", required_argument, NULL, 'c'},
		{"shareable", no_argument, NULL, 'S'},
		{"not-shareable", no_argument, NULL, 'N'},
		{"open", required_argument, NULL, 'P'},
		{"equipment", required_argument, NULL, 'e'},
		{"uses", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{"hours", required_argument, NULL, 'H'},
		{"term", required_argument, NULL, 't'},
		{"by", required_argument, NULL, 'b'},
		{"from", required_argument, NULL, 'F'},
		{"to", required_argument, NULL, 'T'},
		{"week", required_argument, NULL, 'W'},
		{"month", required_argument, NULL, 'M'},
		{"output", required_argument, NULL, 'O'},
		{"force", no_argument, NULL, 'x'},
		{"district", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	struct fac_opts fo;
	memset(&fo, 0, sizeof fo);
	const char *school = NULL, *kind = NULL, *capacity = NULL, *open = NULL, *equipment = NULL, *uses = NULL;
	int share = -1;
	bool csv = false;
	int c;
	while ((c = getopt_long(argc, argv, ":o:", longs, NULL)) != -1) {
		switch (c) {
		case 'H': fo.hours = optarg; break;
		case 't': fo.term = optarg; break;
		case 'b': fo.by = optarg; break;
		case 'F': fo.from = optarg; break;
		case 'T': fo.to = optarg; break;
		case 'W': fo.week = optarg; break;
		case 'M': fo.month = optarg; break;
		case 'O': fo.output = optarg; break;
		case 'x': fo.force = true; break;
		case 'd': fo.district = optarg; break;
		case 's': school = optarg; break;
		case 'k': kind = optarg; break;
		case 'c': capacity = optarg; break;
		case 'S': share = 1; break;
		case 'N': share = 0; break;
		case 'P': open = optarg; break;
		case 'o': fo.output = optarg; break;
		case 'e': equipment = optarg; break;
		case 'u': uses = optarg; break;
		case 'f':
			if (!table_format_arg("facility", optarg, &csv))
				return EXIT_MISUSE;
			break;
		default:
			return cli_usage("facility", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("facility", "%s",
			_("facility needs a subcommand: list, show, add, edit, usage, ics or quota"));
	const char *sub = argv[optind];
	fo.school = school;
	fo.kind = kind;
	fo.csv = csv;
	bool other = capacity || open || equipment || uses || share >= 0;
	if (strcmp(sub, "usage") == 0)
		return other ? cli_usage("facility", "%s", _("an option that does not go with facility usage"))
			     : facility_usage(cli, &fo, argc - optind - 1, argv + optind + 1);
	if (strcmp(sub, "ics") == 0)
		return other ? cli_usage("facility", "%s", _("an option that does not go with facility ics"))
			     : facility_ics(cli, &fo, argc - optind - 1, argv + optind + 1);
	if (strcmp(sub, "quota") == 0)
		return other ? cli_usage("facility", "%s", _("an option that does not go with facility quota"))
			     : facility_quota(cli, &fo, argc - optind - 1, argv + optind + 1);
	if (fo.by || fo.from || fo.to || fo.week || fo.month || fo.output || fo.force || fo.district)
		return cli_usage("facility", _("an option that does not go with facility %s"), sub);
	if (fo.term && !fo.hours && strcmp(sub, "show") != 0)
		return cli_usage("facility", "%s", _("--term goes with --hours: a room's opening hours in one term"));
	bool list = strcmp(sub, "list") == 0, show = strcmp(sub, "show") == 0;
	bool add = strcmp(sub, "add") == 0, edit = strcmp(sub, "edit") == 0;
	if (!list && !show && !add && !edit)
		return cli_usage("facility", _("no subcommand '%s'"), sub);
	int want = list ? 0 : 1;
	if (argc - optind - 1 < want)
		return cli_usage("facility", "%s", _("which room? SCHOOLCODE:NAME"));
	if (argc - optind - 1 > want)
		return cli_usage("facility", _("unexpected argument '%s'"), argv[optind + 1 + want]);
	if ((list || show) && (capacity || open || equipment || uses || share == 0 || fo.hours))
		return cli_usage("facility", _("an option that does not go with facility %s"), sub);
	if ((add || edit) && school)
		return cli_usage("facility", "%s", _("a room's school is in its name: SCHOOLCODE:NAME"));
	struct room_rec r;
	memset(&r, 0, sizeof r);
	r.capacity = -1;
	int kind_v = -1;
	if (kind && (kind_v = enum_parse(room_kind_items, kind)) < 0)
		return cli_usage("facility", _("'%s' is not a kind of room: %s"), kind, enum_keys_joined(room_kind_items));
	long cap = -1;
	if (capacity && (!parse_long(capacity, &cap) || cap < 0 || cap > 100000))
		return cli_usage("facility", _("'%s' is not a capacity (0 to 100000)"), capacity);
	if (open && !parse_open(open, &r))
		return cli_usage("facility", _("'%s' is not opening hours HH:MM-HH:MM"), open);

	struct db *db = cli_open(cli, list || show ? DB_READONLY : 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX];
	int rc = EXIT_FAIL;
	if (list) {
		struct room_query q = {0, kind_v, share == 1};
		struct school s;
		if (school && db_school_find(db, school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			goto out;
		}
		q.school_id = school ? s.id : 0;
		struct table *t = table_new(list_h, 7);
		table_labels(t, list_zh);
		table_right(t, 3);
		if (db_room_each_of(db, &q, add_row, t) != XQ_OK)
			cli_error("%s", _("cannot read the rooms"));
		else {
			table_print(t, stdout, csv);
			rc = EXIT_OK;
		}
		table_free(t);
		goto out;
	}
	const char *spec = argv[optind + 1];
	if (show) {
		if (db_room_named(db, spec, &r, msg) != XQ_OK) {
			cli_error("%s", msg);
			goto out;
		}
		cli_say(stdout, _("%s:%s, %s of %s"), r.school_code, r.name, enum_key(room_kind_items, r.kind), r.school_name);
		if (r.capacity >= 0)
			cli_say(stdout, _("capacity: %ld"), r.capacity);
		cli_say(stdout, _("shareable: %s"), r.shareable ? _("yes, the district's schools may book it") : _("no"));
		struct term term;
		struct week_hours w;
		char hours[HOURS_LEN];
		if (fo.term && cli_pick_term(db, fo.term, &term) != XQ_OK)
			goto out;
		if (db_room_hours(db, &r, fo.term ? term.id : 0, &w)) {
			hours_format(&w, hours, sizeof hours);
			if (fo.term)
				cli_say(stdout, _("open in %1$s: %2$s"), term.name, hours);
			else
				cli_say(stdout, _("open: %s"), hours);
		}
		if (r.equipment[0])
			cli_say(stdout, _("equipment: %s"), r.equipment);
		if (r.uses[0])
			cli_say(stdout, _("uses: %s"), r.uses);
		rc = EXIT_OK;
		goto out;
	}
	if (add) {
		const char *colon = strchr(spec, ':');
		struct school s;
		char code[CODE_LEN + 8];
		if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof code) {
			cli_error(_("'%s' does not name a room: SCHOOLCODE:NAME, such as 2145060348:操场"), spec);
			goto out;
		}
		snprintf(code, sizeof code, "%.*s", (int)(colon - spec), spec);
		if (db_school_by_code(db, code, &s) != XQ_OK) {
			cli_error(_("unknown school code %s"), code);
			goto out;
		}
		if (kind_v < 0) {
			db_close(db);
			return cli_usage("facility", "%s", _("facility add needs --kind"));
		}
		r.school_id = s.id;
		xq_copy(r.school_code, sizeof r.school_code, s.code);
		if (!xq_copy(r.name, sizeof r.name, colon + 1)) {
			cli_error("%s", _("the room's name is too long"));
			goto out;
		}
	} else if (db_room_named(db, spec, &r, msg) != XQ_OK) {
		cli_error("%s", msg);
		goto out;
	} else if (open && !parse_open(open, &r)) {
		goto out;
	}
	if (kind_v >= 0)
		r.kind = kind_v;
	if (capacity)
		r.capacity = cap;
	if (share >= 0)
		r.shareable = share;
	if (equipment && !xq_copy(r.equipment, sizeof r.equipment, equipment)) {
		cli_error("%s", _("the equipment note is too long"));
		goto out;
	}
	if (uses && !xq_copy(r.uses, sizeof r.uses, uses)) {
		cli_error("%s", _("the uses are too long"));
		goto out;
	}
	if (fo.hours && !fo.term && !xq_copy(r.hours, sizeof r.hours, fo.hours)) {
		cli_error("%s", _("the opening hours are too long"));
		goto out;
	}
	struct term term;
	if (fo.term && cli_pick_term(db, fo.term, &term) != XQ_OK)
		goto out;
	if (db_begin(db, msg) != XQ_OK || (add ? db_room_insert : db_room_update)(db, &r, msg) != XQ_OK ||
		(fo.term && db_room_term_hours(db, &r, term.id, fo.hours, msg) != XQ_OK) || db_commit(db, msg) != XQ_OK) {
		db_cancel(db);
		cli_error("%s", msg);
		goto out;
	}
	cli_say(stdout, add ? _("room %s:%s added") : _("room %s:%s changed"), r.school_code, r.name);
	rc = EXIT_OK;
out:
	db_close(db);
	return rc;
}
