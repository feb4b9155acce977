/* picker.h: an overlay that picks one item from a list — labels of a choice field, or
 * a school paged from the database — narrowed by typing. */
#ifndef XQ_TUI_PICKER_H
#define XQ_TUI_PICKER_H

#include <stdint.h>

#include "tui/ui.h"

typedef void (*picker_fn)(void *ctx, int64_t value);

/* value: the index of the label picked. */
void picker_labels(struct app *a, const char *title, const char *const *labels, int n,
	int current, picker_fn picked, void *ctx);
/* value: the school's id. */
void picker_schools(struct app *a, const char *title, int64_t current, picker_fn picked,
	void *ctx);

#endif
