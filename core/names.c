/* names.c: short school names for narrow columns (see names.h). */
#include "core/names.h"

#include <string.h>

void names_prefix_add(size_t *len, const char **first, const char *name)
{
	if (*len == (size_t)-1) {
		*first = name;
		*len = strlen(name);
		return;
	}
	size_t i = 0;
	while (i < *len && (*first)[i] && (*first)[i] == name[i])
		i++;
	*len = i;
}

size_t names_prefix_cut(const char *first, size_t len)
{
	static const char *const suffixes[] = {"区", "县", "市", "旗"};
	if (len == (size_t)-1)
		return 0;
	/* the last suffix that ends within the shared bytes */
	size_t best = 0;
	for (size_t i = 0; i < len; i++)
		for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
			size_t n = strlen(suffixes[k]);
			if (i + n <= len && memcmp(first + i, suffixes[k], n) == 0)
				best = i + n;
		}
	return best;
}

size_t names_prefix_len(const char *const *names, int n)
{
	size_t len = (size_t)-1;
	const char *first = NULL;
	for (int i = 0; i < n; i++)
		names_prefix_add(&len, &first, names[i]);
	return n > 1 ? names_prefix_cut(first, len) : 0;
}

const char *name_shown(const char *name, const char *short_name, size_t prefix_len)
{
	if (short_name && *short_name)
		return short_name;
	if (prefix_len && strlen(name) > prefix_len)
		return name + prefix_len;
	return name;
}
