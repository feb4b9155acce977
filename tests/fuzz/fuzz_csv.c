/* fuzz_csv.c: libFuzzer target for encoding detection and the CSV reader. Every record read
 * must also survive csv_row and a second read unchanged, and the decoded text must come
 * back unchanged through a UTF-8 BOM export. Every field's escaped form must hold nothing a
 * field may not hold, and the field check must refuse exactly what needs escaping. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/text.h"
#include "core/util.h"

/* Write one record with csv_row and check that it reads back field for field. */
static void fuzz_row_round_trip(const struct csv_record *rec)
{
	struct strbuf b;
	struct csv_record back;
	char msg[XQ_MSG_MAX];
	sb_init(&b);
	csv_row(&b, (const char *const *)rec->fields, rec->n);
	struct csv_reader *r = csv_open(b.s, b.len);
	if (csv_next(r, &back, msg) != 1 || back.n != rec->n)
		abort();
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(back.fields[i], rec->fields[i]))
			abort();
	if (csv_next(r, &back, msg) != 0)
		abort();
	csv_close(r);
	sb_free(&b);
}

static void fuzz_text(const char *field)
{
	char msg[XQ_MSG_MAX];
	uint32_t cp;
	bool invalid;
	size_t chars;
	if (text_check("f", field, false, msg) == text_needs_escape(field))
		abort();
	struct strbuf b;
	sb_init(&b);
	text_escape(&b, field, false);
	const char *e = b.s ? b.s : "";
	if (text_find_bad(e, strlen(e), false, &cp, &invalid, &chars) != strlen(e))
		abort();
	sb_free(&b);
}

static void fuzz_bom_round_trip(const char *text, size_t len)
{
	size_t blen, tlen;
	enum text_encoding enc;
	char msg[XQ_MSG_MAX];
	char *bom = enc_from_utf8(text, len, ENC_UTF8_BOM, &blen, msg);
	if (!bom)
		abort();
	char *back = enc_to_utf8(bom, blen, &tlen, &enc, msg);
	if (!back || enc != ENC_UTF8_BOM || tlen != len || memcmp(back, text, len))
		abort();
	free(bom);
	free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	enum text_encoding enc;
	char msg[XQ_MSG_MAX];
	char *text = enc_to_utf8((const char *)data, size, &len, &enc, msg);
	if (!text) {
		if (strncmp(msg, "line ", 5))
			abort();
		return 0;
	}
	fuzz_bom_round_trip(text, len);

	struct csv_reader *r = csv_open(text, len);
	struct csv_record rec;
	long last = 0;
	int rc;
	while ((rc = csv_next(r, &rec, msg)) == 1) {
		if (rec.n == 0 || rec.line <= last)
			abort();
		last = rec.line;
		fuzz_row_round_trip(&rec);
		for (size_t i = 0; i < rec.n; i++)
			fuzz_text(rec.fields[i]);
	}
	if (rc < 0 && strncmp(msg, "line ", 5))
		abort();
	csv_close(r);
	free(text);
	return 0;
}
