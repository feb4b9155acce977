/* i18n.h: the one translation mechanism (gettext). Every user-facing string goes
 * through _(); N_() marks strings in tables that are translated where shown. */
#ifndef XQ_I18N_H
#define XQ_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* language: "auto" (from the locale), "zh" or "en". Call after setlocale(). */
void i18n_init(const char *language);
/* True when the interface speaks Chinese. */
int i18n_is_zh(void);

#endif
