/* fuzz_conf.c: libFuzzer target for the configuration file: bytes are written to a file
 * and read with conf_load; whatever it accepts must hold values inside their ranges, print,
 * and bind keys ([keys] names parsed by the console's key parser) without trouble. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf/conf.h"
#include "tui/keys.h"

static const struct action actions[] = {
	{1, "districts.add", "a", NULL, NULL, 0},
	{2, "list.down", "j Down C-n", NULL, NULL, 0},
	{3, "global.help", "? F1", NULL, NULL, 0},
	{0, NULL, NULL, NULL, NULL, 0},
};

static void ignore(void *ctx, const char *text)
{
	(void)ctx;
	(void)text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/xuequ-fuzz-conf-%ld.conf", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct conf c;
	char msg[XQ_MSG_MAX];
	if (conf_load(&c, path, msg) == XQ_OK) {
		if (c.busy_timeout_ms < 100 || c.min_ratio < 0 || c.min_ratio > 1 ||
		    c.n_subsidy_yuan != c.n_subsidy_km + 1 || c.n_subsidy_km < 1 ||
		    c.n_subsidy_km > CONF_LIST_MAX - 1 || c.term_years < 1 ||
		    c.principal_min_years > c.principal_rotate_years)
			abort(); /* a value outside what the option table allows got through */
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			conf_print(&c, null);
			fclose(null);
		}
		struct keymap m;
		keymap_init(&m, actions, &c, ignore, NULL);
		for (int i = 0; i < m.n; i++)
			if (m.nkeys[i] < 1 || m.nkeys[i] > KEYMAP_KEYS)
				abort(); /* every action keeps at least one key */
		keymap_free(&m);
	} else if (msg[0] == '\0')
		abort(); /* a refusal always says why */
	conf_free(&c);
	return 0;
}
