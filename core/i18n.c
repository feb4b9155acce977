/* i18n.c: binds the message catalog and picks the interface language. */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/priv.h"

static int is_zh;

void i18n_init(const char *language)
{
	/* under privilege only the installed catalogues: XUEQU_LOCALEDIR reads as unset */
	const char *dir = priv_getenv("XUEQU_LOCALEDIR");
#ifdef LOCALEDIR
	if (!dir || !*dir)
		dir = LOCALEDIR;
#endif
	if (dir && *dir)
		bindtextdomain("xuequ", dir);
	bind_textdomain_codeset("xuequ", "UTF-8");
	textdomain("xuequ");

	if (language && strcmp(language, "zh") == 0) {
		is_zh = 1;
		setenv("LANGUAGE", "zh_CN", 1);
	} else if (language && strcmp(language, "en") == 0) {
		is_zh = 0;
		setenv("LANGUAGE", "en", 1);
	} else {
		const char *m = setlocale(LC_MESSAGES, NULL);
		const char *lang = priv_getenv("LANGUAGE");
		is_zh = (lang && strncmp(lang, "zh", 2) == 0) || (m && strncmp(m, "zh", 2) == 0);
		if (is_zh && !(lang && *lang))
			setenv("LANGUAGE", "zh_CN", 1);
	}
	/* gettext caches the language; a change of LANGUAGE must be seen */
	textdomain("xuequ");
}

int i18n_is_zh(void)
{
	return is_zh;
}
