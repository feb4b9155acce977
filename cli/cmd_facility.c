/* cmd_facility.c: `xuequ facility list|show|add|edit`: the rooms of the schools, which the
 * timetables use and the district's schools may book (a room is SCHOOLCODE:NAME). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "db/room.h"
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

int cmd_facility(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"school", required_argument, NULL, 's'},
		{"kind", required_argument, NULL, 'k'},
		{"capacity", required_argument, NULL, 'c'},
		{"shareable", no_argument, NULL, 'S'},
		{"not-shareable", no_argument, NULL, 'N'},
		{"open", required_argument, NULL, 'o'},
		{"equipment", required_argument, NULL, 'e'},
		{"uses", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const char *school = NULL, *kind = NULL, *capacity = NULL, *open = NULL, *equipment = NULL, *uses = NULL;
	int share = -1;
	bool csv = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 's': school = optarg; break;
		case 'k': kind = optarg; break;
		case 'c': capacity = optarg; break;
		case 'S': share = 1; break;
		case 'N': share = 0; break;
		case 'o': open = optarg; break;
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
		return cli_usage("facility", "%s", _("facility needs a subcommand: list, show, add or edit"));
	const char *sub = argv[optind];
	bool list = strcmp(sub, "list") == 0, show = strcmp(sub, "show") == 0;
	bool add = strcmp(sub, "add") == 0, edit = strcmp(sub, "edit") == 0;
	if (!list && !show && !add && !edit)
		return cli_usage("facility", _("no subcommand '%s'"), sub);
	int want = list ? 0 : 1;
	if (argc - optind - 1 < want)
		return cli_usage("facility", "%s", _("which room? SCHOOLCODE:NAME"));
	if (argc - optind - 1 > want)
		return cli_usage("facility", _("unexpected argument '%s'"), argv[optind + 1 + want]);
	if ((list || show) && (capacity || open || equipment || uses || share == 0))
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
		if (r.open_from[0] || r.open_to[0])
			cli_say(stdout, _("open: %s-%s"), r.open_from, r.open_to);
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
	if ((add ? db_room_insert : db_room_update)(db, &r, msg) != XQ_OK) {
		cli_error("%s", msg);
		goto out;
	}
	cli_say(stdout, add ? _("room %s:%s added") : _("room %s:%s changed"), r.school_code, r.name);
	rc = EXIT_OK;
out:
	db_close(db);
	return rc;
}
