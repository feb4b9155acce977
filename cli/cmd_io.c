/* cmd_io.c: `xuequ import ENTITY FILE [--dry-run] [--encoding NAME]` and `xuequ export ENTITY [-o FILE]
 * [--headers en|zh] [--encoding E]`. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "core/priv.h"
#include "core/util.h"
#include "db/io.h"

static int entity_usage(const char *cmd, const char *entity)
{
	struct strbuf b;
	sb_init(&b);
	for (int i = 0; io_entity_names[i]; i++)
		sb_printf(&b, "%s%s", i ? " " : "", io_entity_names[i]);
	int rc = cli_usage(cmd, _("unknown entity '%s'; one of: %s"), entity, b.s);
	sb_free(&b);
	return rc;
}

/* Problems of an import are printed as they are found, the first IO_ERRORS_SHOWN of them;
 * the rest are only counted. */
#define IO_ERRORS_SHOWN 100

struct shown {
	const char *name;
	long n;
};

static void show_error(void *ctx, const struct io_error *e)
{
	struct shown *s = ctx;
	if (s->n >= IO_ERRORS_SHOWN)
		return;
	s->n++;
	/* cli_error shows what the file held with its control characters made visible */
	if (e->line > 0 && e->column[0])
		cli_error("%s:%ld: %s: %s", s->name, e->line, e->column, e->msg);
	else if (e->line > 0)
		cli_error("%s:%ld: %s", s->name, e->line, e->msg);
	else
		cli_error("%s: %s", s->name, e->msg);
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{"encoding", required_argument, NULL, 'e'},
		{NULL, 0, NULL, 0},
	};
	bool dry = false;
	const char *encoding = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":n", opts, NULL)) != -1) {
		if (c == 'n')
			dry = true;
		else if (c == 'e') {
			if (!enc_known(optarg))
				return cli_usage("import",
					_("--encoding: unknown encoding '%s' (iconv -l lists the names)"), optarg);
			encoding = optarg;
		} else if (c == ':')
			return cli_usage("import", _("%s needs a value"), argv[optind - 1]);
		else
			return cli_usage("import", _("unknown option %s"), argv[optind - 1]);
	}
	if (argc - optind != 2)
		return cli_usage("import", "%s", _("import takes an entity and a file"));
	const char *entity = argv[optind], *file = argv[optind + 1];
	if (!io_entity_known(entity))
		return entity_usage("import", entity);
	size_t len;
	char *bytes = cli_read_file(file, &len);
	if (!bytes)
		return EXIT_FAIL;
	struct db *db = cli_open(cli, 0);
	if (!db) {
		free(bytes);
		return EXIT_FAIL;
	}
	struct io_report rep;
	struct shown shown = {strcmp(file, "-") == 0 ? "<stdin>" : file, 0};
	const char *name = shown.name;
	int rc = db_import_stream(db, entity, bytes, len, encoding, dry, &rep, show_error, &shown);
	if (rep.total_errors > shown.n) {
		long more = rep.total_errors - shown.n;
		fprintf(stderr, "xuequ: %s: ", name);
		fprintf(stderr, ngettext("… and %ld more problem not shown",
					"… and %ld more problems not shown", (unsigned long)more),
			more);
		fputc('\n', stderr);
	}
	if (rc == XQ_OK && dry)
		printf(_("dry run, nothing written: %s: %ld rows (%s): %ld added, %ld updated, %ld "
			 "unchanged\n"),
			entity, rep.rows, rep.encoding_name, rep.added, rep.updated, rep.unchanged);
	else if (rc == XQ_OK)
		printf(_("%s: %ld rows (%s): %ld added, %ld updated, %ld unchanged\n"), entity, rep.rows,
			rep.encoding_name, rep.added, rep.updated, rep.unchanged);
	else {
		char what[XQ_MSG_MAX];
		snprintf(what, sizeof what,
			ngettext("%ld problem; nothing was imported", "%ld problems; nothing was imported",
				(unsigned long)rep.total_errors),
			rep.total_errors);
		cli_error("%s: %s", name, what);
	}
	io_report_free(&rep);
	db_close(db);
	free(bytes);
	return rc == XQ_OK ? EXIT_OK : EXIT_FAIL;
}

/* Where an export goes as it is read: standard output, or a file written through a
 * temporary one (renamed over it once every row is written, removed otherwise). */
struct export_out {
	int enc;
	bool to_stdout, started; /* started: the byte order mark is written */
	long lines; /* written so far, for the encoder's messages */
	struct file_out file;
};

static int export_put(void *ctx, const char *data, size_t len, char *msg)
{
	struct export_out *o = ctx;
	char *conv = NULL;
	long lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	if (o->enc != ENC_UTF8) {
		conv = enc_from_utf8_part(data, len, o->enc, !o->started, o->lines, &len, msg);
		if (!conv)
			return XQ_ERR;
		data = conv;
	}
	o->lines += lines;
	o->started = true;
	bool ok;
	if (o->to_stdout) {
		ok = fwrite(data, 1, len, stdout) == len;
		if (!ok)
			xq_msg(msg, _("writing standard output: %s"), strerror(errno));
	} else {
		ok = file_out_write(&o->file, data, len);
		if (!ok)
			xq_msg(msg, "%s: %s", o->file.path, strerror(o->file.err));
	}
	free(conv);
	return ok ? XQ_OK : XQ_ERR;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"headers", required_argument, NULL, 'H'},
		{"encoding", required_argument, NULL, 'e'},
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const char *out = "-";
	bool zh = false, force = false;
	int enc = ENC_UTF8;
	int c;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'H':
			if (strcmp(optarg, "zh") == 0)
				zh = true;
			else if (strcmp(optarg, "en") != 0)
				return cli_usage("export", _("--headers takes en or zh, not '%s'"), optarg);
			break;
		case 'e':
			enc = enc_parse(optarg);
			if (enc < 0)
				return cli_usage("export",
					_("--encoding takes utf-8, utf-8-bom, gb18030 (gbk), utf-16le or utf-16be, not '%s'"),
					optarg);
			break;
		case 'f':
			force = true;
			break;
		case ':':
			return cli_usage("export", _("%s needs a value"), argv[optind - 1]);
		default:
			return cli_usage("export", _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage("export", "%s", _("export takes one entity"));
	const char *entity = argv[optind];
	if (!io_entity_known(entity))
		return entity_usage("export", entity);
	struct db *db = cli_open(cli, 0);
	if (!db)
		return EXIT_FAIL;
	db_small_cache(db); /* one read of the entity */
	char msg[XQ_MSG_MAX];
	int rc = EXIT_FAIL;
	struct export_out o = {.enc = enc, .to_stdout = strcmp(out, "-") == 0};
	if (!o.to_stdout) {
		if (!force && priv_exists(out)) {
			cli_error(_("%s exists already; use --force to replace it"), out);
			goto done;
		}
		if (!file_out_open(&o.file, out, msg)) {
			cli_error("%s: %s", out, msg);
			goto done;
		}
	}
	if (db_export_each(db, entity, zh, export_put, &o, msg) != XQ_OK) {
		cli_error("%s", msg);
		if (!o.to_stdout)
			file_out_abort(&o.file);
	} else if (o.to_stdout) {
		if (fflush(stdout) != 0)
			cli_error(_("writing standard output: %s"), strerror(errno));
		else
			rc = EXIT_OK;
	} else if (!file_out_commit(&o.file, msg)) {
		cli_error("%s: %s", out, msg);
	} else {
		rc = EXIT_OK;
	}
done:
	db_close(db);
	return rc;
}
