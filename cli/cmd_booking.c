/* cmd_booking.c: `xuequ booking request|approve|reject|cancel|move|edit|list|show`: the
 * district's schools book one another's shared rooms, once or repeating, and the room's
 * school decides (db/booking.c holds every rule). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/i18n.h"
#include "core/timetable.h"
#include "db/booking.h"
#include "db/room.h"
#include "db/school.h"

static const char *const list_h[] = {"id", "room", "school", "date", "weekday", "start", "end", "status", "purpose",
	"moved"};
static const char *const list_zh[] = {"编号", "场地", "借用学校", "日期", "星期", "开始", "结束", "状态", "用途",
	"改期"};

static int add_occ(void *ctx, const void *rec)
{
	struct table *t = ctx;
	const struct booking_occ *bo = rec;
	char id[24], wd[4], s[6], e[6];
	snprintf(id, sizeof id, "%lld", (long long)bo->b->id);
	snprintf(wd, sizeof wd, "%d", bo->o->weekday);
	clock_format(bo->o->start, s);
	clock_format(bo->o->end, e);
	const char *cells[] = {id, bo->b->room, bo->b->school_code, bo->o->day, wd, s, e,
		enum_key(booking_status_items, bo->o->status), bo->b->purpose, bo->o->moved ? bo->o->orig : ""};
	table_add(t, cells);
	return XQ_OK;
}

static void print_conflicts(const struct booking_outcome *o, FILE *out, const char *lead)
{
	if (out == stderr && o->nconflicts == 1)
		return; /* the message said it */
	for (int i = 0; i < o->nconflicts; i++) {
		const struct booking_conflict *c = &o->conflicts[i];
		char s[6], e[6];
		clock_format(c->start, s);
		clock_format(c->end, e);
		cli_say(out, "%s%s %s-%s: %s", lead, c->day, s, e, c->why);
	}
}

static void print_outcome(const struct booking_outcome *o, bool skipped)
{
	if (skipped && o->nconflicts) {
		cli_say(stdout, _("skipped %d conflicting dates:"), o->nconflicts);
		print_conflicts(o, stdout, "  ");
	}
}

static bool parse_id(const char *s, int64_t *id)
{
	long v;
	if (!parse_long(s, &v) || v <= 0)
		return false;
	*id = v;
	return true;
}

int cmd_booking(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"room", required_argument, NULL, 'r'},
		{"school", required_argument, NULL, 's'},
		{"owner", required_argument, NULL, 'O'},
		{"date", required_argument, NULL, 'd'},
		{"time", required_argument, NULL, 't'},
		{"repeat", required_argument, NULL, 'R'},
		{"until", required_argument, NULL, 'u'},
		{"skip-conflicts", no_argument, NULL, 'k'},
		{"purpose", required_argument, NULL, 'p'},
		{"contact", required_argument, NULL, 'c'},
		{"reason", required_argument, NULL, 'e'},
		{"to", required_argument, NULL, 'T'},
		{"from", required_argument, NULL, 'F'},
		{"status", required_argument, NULL, 'S'},
		{"dry-run", no_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	struct booking_ask a;
	memset(&a, 0, sizeof a);
	const char *owner = NULL, *reason = NULL, *to = NULL, *from = NULL, *status = NULL;
	bool csv = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 'r': a.room = optarg; break;
		case 's': a.school = optarg; break;
		case 'O': owner = optarg; break;
		case 'd': a.day = optarg; break;
		case 't': a.time = optarg; break;
		case 'R': a.repeat = optarg; break;
		case 'u': a.until = optarg; break;
		case 'k': a.skip_conflicts = true; break;
		case 'p': a.purpose = optarg; break;
		case 'c': a.contact = optarg; break;
		case 'e': reason = optarg; break;
		case 'T': to = optarg; break;
		case 'F': from = optarg; break;
		case 'S': status = optarg; break;
		case 'n': a.dry_run = true; break;
		case 'f':
			if (!table_format_arg("booking", optarg, &csv))
				return EXIT_MISUSE;
			break;
		default:
			return cli_usage("booking", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("booking", "%s",
			_("booking needs a subcommand: request, approve, reject, cancel, move, edit, list or show"));
	const char *sub = argv[optind];
	static const char *const subs[] = {"request", "approve", "reject", "cancel", "move", "edit", "list", "show"};
	int which = -1;
	for (int i = 0; i < (int)(sizeof subs / sizeof *subs); i++)
		if (strcmp(sub, subs[i]) == 0)
			which = i;
	if (which < 0)
		return cli_usage("booking", _("no subcommand '%s'"), sub);
	bool takes_id = which >= 1 && which <= 5 ? true : which == 7;
	int args = argc - optind - 1;
	if (args != (takes_id ? 1 : 0))
		return args > (takes_id ? 1 : 0)
			? cli_usage("booking", _("unexpected argument '%s'"), argv[optind + 1 + takes_id])
			: cli_usage("booking", _("booking %s needs the booking's id"), sub);
	int64_t id = 0;
	if (takes_id && !parse_id(argv[optind + 1], &id))
		return cli_usage("booking", _("'%s' is not a booking id"), argv[optind + 1]);
	/* which options go with which subcommand */
	bool timing = a.time || a.repeat || a.until || a.skip_conflicts;
	bool bad = false;
	switch (which) {
	case 0: /* request */
		bad = owner || reason || to || from || status || csv;
		if (!bad && (!a.room || !a.school || !a.day || !a.time))
			return cli_usage("booking", "%s", _("booking request needs --room, --school, --date and --time"));
		break;
	case 1: /* approve */
		bad = a.room || a.school || owner || a.day || timing || a.purpose || a.contact || reason || to || from ||
		      status || csv || a.dry_run;
		break;
	case 2: /* reject */
		bad = a.room || a.school || owner || a.day || timing || a.purpose || a.contact || to || from || status ||
		      csv || a.dry_run;
		break;
	case 3: /* cancel */
		bad = a.room || a.school || owner || timing || a.purpose || a.contact || to || from || status || csv ||
		      a.dry_run;
		break;
	case 4: /* move */
		bad = a.room || a.school || owner || a.repeat || a.until || a.skip_conflicts || a.purpose || a.contact ||
		      reason || from || status || csv || a.dry_run;
		if (!bad && (!a.day || !to))
			return cli_usage("booking", "%s", _("booking move needs --date (the occurrence) and --to (its new date)"));
		break;
	case 5: /* edit */
		bad = a.room || a.school || owner || reason || to || from || status || csv;
		break;
	case 6: /* list */
		bad = a.day || timing || a.purpose || a.contact || reason || a.dry_run;
		break;
	default: /* show */
		bad = a.room || a.school || owner || a.day || timing || a.purpose || a.contact || reason || to || from ||
		      status || csv || a.dry_run;
	}
	if (bad)
		return cli_usage("booking", _("an option that does not go with booking %s"), sub);
	int st_v = -1;
	if (status && (st_v = enum_parse(booking_status_items, status)) < 0)
		return cli_usage("booking", _("'%s' is not a status: %s"), status, enum_keys_joined(booking_status_items));
	if ((from && !date_valid(from)) || (to && which == 6 && !date_valid(to)))
		return cli_usage("booking", _("'%s' is not a date (YYYY-MM-DD)"), from && !date_valid(from) ? from : to);

	struct db *db = cli_open(cli, which >= 6 ? DB_READONLY : 0);
	if (!db)
		return EXIT_FAIL;
	char msg[XQ_MSG_MAX] = "";
	int rc = EXIT_FAIL;
	struct booking_outcome o;
	memset(&o, 0, sizeof o);
	switch (which) {
	case 0:
		if (db_booking_request(db, &a, &o, msg) != XQ_OK) {
			cli_error("%s", msg);
			print_conflicts(&o, stderr, "  ");
			break;
		}
		if (a.dry_run)
			cli_say(stdout, _("would book %1$d dates, %2$.1f h (nothing written)"), o.occurrences, o.hours);
		else {
			printf("%lld\n", (long long)o.id);
			cli_say(stderr, _("booking %1$lld requested: %2$d dates, %3$.1f h; the room's school decides"),
				(long long)o.id, o.occurrences, o.hours);
		}
		print_outcome(&o, a.skip_conflicts);
		rc = EXIT_OK;
		break;
	case 1:
		if (db_booking_approve(db, id, &o, msg) != XQ_OK) {
			cli_error("%s", msg);
			print_conflicts(&o, stderr, "  ");
			break;
		}
		cli_say(stdout, _("booking %1$lld approved: %2$d dates, %3$.1f h"), (long long)id, o.occurrences, o.hours);
		rc = EXIT_OK;
		break;
	case 2:
		if (db_booking_reject(db, id, reason, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		cli_say(stdout, _("booking %lld rejected"), (long long)id);
		rc = EXIT_OK;
		break;
	case 3:
		if (a.day && !date_valid(a.day)) {
			cli_error(_("'%s' is not a date (YYYY-MM-DD)"), a.day);
			break;
		}
		if (db_booking_cancel(db, id, a.day, reason, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		if (a.day)
			cli_say(stdout, _("booking %1$lld: %2$s cancelled; its other dates stand"), (long long)id, a.day);
		else
			cli_say(stdout, _("booking %lld cancelled"), (long long)id);
		rc = EXIT_OK;
		break;
	case 4:
		if (db_booking_move(db, id, a.day, to, a.time, &o, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		cli_say(stdout, _("booking %1$lld: %2$s moved to %3$s%4$s"), (long long)id, a.day, to,
			o.back_to_requested ? _("; the room's school approves the new date") : "");
		rc = EXIT_OK;
		break;
	case 5:
		a.id = id;
		if (db_booking_edit(db, &a, &o, msg) != XQ_OK) {
			cli_error("%s", msg);
			print_conflicts(&o, stderr, "  ");
			break;
		}
		if (a.dry_run)
			cli_say(stdout, _("would book %1$d dates, %2$.1f h (nothing written)"), o.occurrences, o.hours);
		else
			cli_say(stdout, _("booking %1$lld changed: %2$d dates, %3$.1f h%4$s"), (long long)id, o.occurrences,
				o.hours, o.back_to_requested ? _("; approved before, it is requested again") : "");
		print_outcome(&o, a.skip_conflicts);
		rc = EXIT_OK;
		break;
	case 6: {
		struct booking_query q = {0, 0, 0, from ? from : "", to ? to : "", st_v};
		struct room_rec room;
		struct school s;
		if (a.room && db_room_named(db, a.room, &room, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		if (a.school && db_school_find(db, a.school, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		q.room_id = a.room ? room.id : 0;
		q.school_id = a.school ? s.id : 0;
		if (owner && db_school_find(db, owner, &s, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		q.owner_id = owner ? s.id : 0;
		struct table *t = table_new(list_h, 10);
		table_labels(t, list_zh);
		if (db_booking_each(db, &q, add_occ, t) != XQ_OK)
			cli_error("%s", _("cannot read the bookings"));
		else {
			table_print(t, stdout, csv);
			rc = EXIT_OK;
		}
		table_free(t);
		break;
	}
	default: {
		struct booking_rec b;
		if (db_booking_get(db, id, &b, msg) != XQ_OK) {
			cli_error("%s", msg);
			break;
		}
		char s[6], e[6];
		clock_format(b.start, s);
		clock_format(b.end, e);
		cli_say(stdout, _("booking %1$lld: %2$s (%3$s) for %4$s %5$s"), (long long)b.id, b.room, b.owner_name,
			b.school_code, b.school_name);
		cli_say(stdout, _("time: %1$s-%2$s, %3$s to %4$s%5$s%6$s"), s, e, b.first_day, b.last_day,
			b.rrule[0] ? ", RRULE:" : "", b.rrule);
		cli_say(stdout, _("status: %s"), enum_word(booking_status_items, b.status));
		if (b.purpose[0])
			cli_say(stdout, _("purpose: %s"), b.purpose);
		if (b.contact[0])
			cli_say(stdout, _("contact: %s"), b.contact);
		cli_say(stdout, _("requested by %1$s at %2$s"), b.requested_by, b.requested_at);
		if (b.decided_by[0])
			cli_say(stdout, _("decided by %1$s at %2$s"), b.decided_by, b.decided_at);
		if (b.reason[0])
			cli_say(stdout, _("reason: %s"), b.reason);
		rc = EXIT_OK;
	}
	}
	booking_outcome_free(&o);
	db_close(db);
	return rc;
}
