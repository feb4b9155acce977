/* i18n.c: binds the message catalog and picks the interface language. */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/priv.h"

static int is_zh;

/* A binary run from its build tree (`make && ./xuequ`, or build-san/xuequ) finds the
 * catalogues built beside it: DIR/build/locale or DIR/locale holding ours. */
static const char *build_tree_localedir(char *buf, size_t size)
{
	char exe[PATH_MAX - 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	static const char *const tails[] = {"/build/locale", "/locale"};
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char mo[PATH_MAX + 64];
		if ((size_t)snprintf(buf, size, "%s%s", exe, tails[i]) >= size)
			return NULL;
		snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/xuequ.mo", buf);
		if (access(mo, R_OK) == 0)
			return buf;
	}
	return NULL;
}

void i18n_init(const char *language)
{
	/* under privilege only the installed catalogues: XUEQU_LOCALEDIR reads as unset, and
	 * no catalogues are looked for beside the binary */
	const char *dir = priv_getenv("XUEQU_LOCALEDIR");
	char here[PATH_MAX];
	if ((!dir || !*dir) && !priv_privileged())
		dir = build_tree_localedir(here, sizeof here);
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
