/* fuzz_booking.c: libFuzzer target for the words of facility sharing: the input's lines are
 * opening hours, a repeat rule as typed, an end date and a first date; whatever parses is
 * formatted again (and must parse the same) and expanded over a calendar with a holiday and
 * a make-up day. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/booking.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Line i of the input (at most size - 1 bytes). */
static void line(const char *text, int i, char *out, size_t size)
{
	const char *p = text;
	for (; i > 0 && p; i--) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	out[0] = '\0';
	if (!p)
		return;
	size_t n = strcspn(p, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	char hours[512], repeat[512], until[64], first[64], msg[XQ_MSG_MAX], canon[HOURS_LEN], rule[RRULE_LEN];
	line(text, 0, hours, sizeof hours);
	line(text, 1, repeat, sizeof repeat);
	line(text, 2, until, sizeof until);
	line(text, 3, first, sizeof first);
	free(text);
	struct week_hours w, again;
	if (hours_parse(hours, &w, msg)) {
		hours_format(&w, canon, sizeof canon);
		if (!hours_parse(canon, &again, msg) || memcmp(&w, &again, sizeof w) != 0)
			abort(); /* the canonical form reads back the same */
	}
	if (!date_valid(until))
		until[0] = '\0';
	if (!date_valid(first))
		strcpy(first, "2026-03-02");
	if (!repeat_parse(repeat, until, rule, sizeof rule, msg))
		return 0;
	static const struct cal_day cal[] = {
		{"2026-03-09", CAL_HOLIDAY, 0},
		{"2026-03-14", CAL_MAKEUP, 1},
	};
	struct occ_change ch[] = {{"2026-03-16", CHANGE_MOVED, "2026-03-17", 600, 660, BOOKING_REQUESTED}};
	char last[DATE_LEN];
	date_add(first, 400, last);
	struct occurrence *o;
	int n = booking_expand(first, rule, last, 540, 600, BOOKING_APPROVED, cal, 2, ch, 1, &o, msg);
	for (int i = 1; i < n; i++)
		if (strcmp(o[i - 1].day, o[i].day) > 0)
			abort(); /* in date order */
	free(o);
	return 0;
}
