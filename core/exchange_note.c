/* exchange_note.c: an exchange's note, and the reason of a rejection or cancellation added
 * to it on a line of its own. */
#include <string.h>

#include "core/exchange.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"

int exchange_note_add(struct exchange *e, const char *reason, char *msg)
{
	if (!reason)
		return XQ_OK;
	char r[TEXT_LEN];
	if (strlen(reason) >= sizeof r) {
		xq_msg(msg, _("the reason is longer than %d bytes"), TEXT_LEN - 1);
		return XQ_ERR;
	}
	xq_copy(r, sizeof r, reason);
	const char *t = str_trim(r);
	if (!text_check("reason", t, false, msg))
		return XQ_ERR;
	if (!*t)
		return XQ_OK;
	size_t have = strlen(e->note), add = strlen(t);
	bool sep = have > 0 && e->note[have - 1] != '\n';
	if (have + sep + add >= sizeof e->note) {
		xq_msg(msg, _("the note would be longer than %d bytes with the reason"), TEXT_LEN - 1);
		return XQ_ERR;
	}
	if (sep)
		e->note[have++] = '\n';
	memcpy(e->note + have, t, add + 1);
	return XQ_OK;
}
