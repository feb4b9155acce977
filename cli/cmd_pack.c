/* cmd_pack.c: offline work — `xuequ take` writes a pack for an inspection team's laptop,
 * `xuequ merge` carries its changes back, `xuequ pack info` says what a pack holds. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "db/pack.h"

int cmd_take(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"inspection", required_argument, NULL, 'i'},
		{"school", required_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL;
	int64_t ids[256];
	int nids = 0;
	const char *schools[256];
	int nschools = 0;
	char *lists = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":o:", longs, NULL)) != -1) {
		switch (c) {
		case 'i': {
			for (const char *p = optarg; *p;) {
				char *end;
				long long v = strtoll(p, &end, 10);
				if (end == p || v <= 0 || (*end && *end != ',') || nids == (int)XQ_NELEM(ids))
					return cli_usage("take", _("'%s' is not a list of inspection ids"), optarg);
				ids[nids++] = (int64_t)v;
				p = *end ? end + 1 : end;
			}
			break;
		}
		case 's':
			if (nschools == (int)XQ_NELEM(schools))
				return cli_usage("take", "%s", _("too many schools"));
			schools[nschools++] = optarg;
			break;
		case 'o': out = optarg; break;
		default:
			free(lists);
			return cli_usage("take", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	/* --school A B C: the codes after the first one */
	for (int i = optind; i < argc; i++) {
		if (!nschools)
			return cli_usage("take", _("unexpected argument '%s'"), argv[i]);
		if (nschools == (int)XQ_NELEM(schools))
			return cli_usage("take", "%s", _("too many schools"));
		schools[nschools++] = argv[i];
	}
	if (!nids && !nschools)
		return cli_usage("take", "%s", _("take needs --inspection ID[,ID...] or --school CODE..."));
	if (nids && nschools)
		return cli_usage("take", "%s", _("take either --inspection or --school, not both"));
	if (!out)
		return cli_usage("take", "%s", _("take needs -o PACK.xqp, the file to write"));
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	struct pack_take q = {.inspections = ids, .ninspections = nids, .schools = schools, .nschools = nschools};
	struct pack_origin o;
	char msg[XQ_MSG_MAX];
	int rc = db_pack_take(db, &q, out, &o, msg);
	db_close(db);
	if (rc != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	cli_say(stdout, _("took pack %lld (%s) to %s: rows made there take ids from %lld"), (long long)o.id,
		o.scope, out, (long long)o.id_base);
	return EXIT_OK;
}

static const char *kind_name(int kind)
{
	switch (kind) {
	case PACK_BOTH_NEW: return _("made on both sides");
	case PACK_DELETED_ON_SERVER: return _("changed in the pack, deleted on the server");
	case PACK_DELETED_IN_PACK: return _("deleted in the pack, changed on the server");
	default: return _("changed on both sides");
	}
}

static const char *side_name(int d)
{
	return d == PACK_KEEP_SERVER ? _("the server's value kept") : d == PACK_KEEP_PACK ? _("the pack's value kept")
											  : _("undecided");
}

static void print_conflicts(const struct pack_merge *m)
{
	for (int i = 0; i < m->nconflicts; i++) {
		const struct pack_conflict *c = &m->conflicts[i];
		if (c->field[0])
			cli_say(stdout, _("conflict: %s · %s (%s): %s"), c->label, c->field, kind_name(c->kind),
				side_name(c->decision));
		else
			cli_say(stdout, _("conflict: %s (%s): %s"), c->label, kind_name(c->kind), side_name(c->decision));
		if (c->field[0]) {
			if (c->kind == PACK_BOTH_CHANGED)
				cli_say(stdout, _("  when taken: %s"), c->base[0] ? c->base : _("(empty)"));
			cli_say(stdout, _("  server: %s  (%s %s)"), c->server[0] ? c->server : _("(empty)"),
				c->server_who[0] ? c->server_who : "-", c->server_at);
			cli_say(stdout, _("  pack:   %s  (%s %s on the laptop)"), c->pack[0] ? c->pack : _("(empty)"),
				c->pack_who[0] ? c->pack_who : "-", c->pack_at);
		} else {
			cli_say(stdout, _("  server: %s %s"), c->server_who[0] ? c->server_who : "-", c->server_at);
			cli_say(stdout, _("  pack:   %s %s on the laptop"), c->pack_who[0] ? c->pack_who : "-", c->pack_at);
		}
	}
}

int cmd_merge(struct cli *cli, int argc, char **argv)
{
	static const struct option longs[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{"prefer", required_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	bool dry = false;
	int prefer = PACK_UNDECIDED;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case 'n': dry = true; break;
		case 'p':
			if (strcmp(optarg, "server") == 0)
				prefer = PACK_KEEP_SERVER;
			else if (strcmp(optarg, "pack") == 0)
				prefer = PACK_KEEP_PACK;
			else
				return cli_usage("merge", _("--prefer is server or pack, not '%s'"), optarg);
			break;
		default:
			return cli_usage("merge", _("unknown option or missing value: %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("merge", "%s", _("merge needs the pack's file"));
	if (optind + 1 < argc)
		return cli_usage("merge", _("unexpected argument '%s'"), argv[optind + 1]);
	const char *path = argv[optind];
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	struct pack_merge m;
	char msg[XQ_MSG_MAX];
	int rc = db_pack_merge(db, path, dry ? PACK_DRY_RUN : 0, prefer, NULL, 0, &m, msg);
	db_close(db);
	if (rc != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	cli_say(stdout, _("pack %lld (%s), taken %s by %s"), (long long)m.origin.id, m.origin.scope,
		m.origin.taken_at, m.origin.taken_by);
	if (m.already) {
		cli_say(stdout, _("already merged at %s by %s: nothing to change"), m.merged_at, m.merged_by);
		return EXIT_OK;
	}
	for (int i = 0; i < m.nchanges; i++) {
		const struct pack_change *x = &m.changes[i];
		if (x->fields[0])
			cli_say(stdout, "%s %s: %s", x->op, x->label, x->fields);
		else
			cli_say(stdout, "%s %s", x->op, x->label);
	}
	print_conflicts(&m);
	int status = EXIT_OK;
	if (m.undecided) {
		cli_say(stdout, _("nothing was written: %d conflicts are undecided; decide them all with --prefer "
				  "server or --prefer pack, or one by one in the console (:merge %s)"), m.undecided, path);
		status = EXIT_FAIL;
	} else if (dry)
		cli_say(stdout, _("dry run: %ld changes would be applied, %ld are already on the server, %ld values "
				  "of the pack would not be kept (written to the audit log)"), m.applied, m.same,
			m.kept_server);
	else
		cli_say(stdout, _("merged: %ld changes applied, %ld already on the server, %ld values of the pack "
				  "not kept (written to the audit log)"), m.applied, m.same, m.kept_server);
	db_pack_merge_free(&m);
	return status;
}

int cmd_pack(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc < 2)
		return cli_usage("pack", "%s", _("pack needs a subcommand: info"));
	if (strcmp(argv[1], "info") != 0)
		return cli_usage("pack", _("no subcommand '%s'"), argv[1]);
	if (argc < 3)
		return cli_usage("pack", "%s", _("pack info needs the pack's file"));
	if (argc > 3)
		return cli_usage("pack", _("unexpected argument '%s'"), argv[3]);
	struct pack_info in;
	char msg[XQ_MSG_MAX];
	if (db_pack_info(argv[2], &in, msg) != XQ_OK) {
		cli_error("%s", msg);
		return EXIT_FAIL;
	}
	const struct pack_origin *o = &in.origin;
	cli_say(stdout, _("pack %lld (%s)"), (long long)o->id, o->uuid);
	cli_say(stdout, _("taken:       %s by %s from %s (database %.8s, schema %d)"), o->taken_at, o->taken_by,
		o->server, o->database_id, o->schema);
	cli_say(stdout, _("for:         %s"), o->scope);
	cli_say(stdout, _("new rows:    ids from %lld"), (long long)o->id_base);
	cli_say(stdout, _("sealed:      %s"), in.sealed ? _("yes, as xuequ last wrote it")
						  : _("NO: altered after xuequ last wrote it; it cannot be merged"));
	cli_say(stdout, "%s", _("holds:"));
	for (int i = 0; i < in.ntables; i++)
		if (in.tables[i].rows || in.tables[i].inserted || in.tables[i].updated || in.tables[i].deleted)
			cli_say(stdout, _("  %-16s %6ld rows; changed here: %ld new, %ld changed, %ld deleted"),
				in.tables[i].table, in.tables[i].rows, in.tables[i].inserted, in.tables[i].updated,
				in.tables[i].deleted);
	if (in.nchanges == 0)
		cli_say(stdout, "%s", _("changes: none"));
	else
		cli_say(stdout, _("changes: %d"), in.nchanges);
	for (int i = 0; i < in.nchanges; i++) {
		const struct pack_change *x = &in.changes[i];
		if (x->fields[0])
			cli_say(stdout, "  %s %s: %s", x->op, x->label, x->fields);
		else
			cli_say(stdout, "  %s %s", x->op, x->label);
	}
	db_pack_info_free(&in);
	return EXIT_OK;
}
