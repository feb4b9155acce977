/* test_names.c: short school names for narrow columns — the prefix all names share, cut
 * back to the county's suffix, and the name shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/names.h"

static void test_prefix(void **state)
{
	(void)state;
	const char *county[] = {"柳江区拉堡小学", "柳江区拉堡镇中心小学", "柳江区第二中学"};
	assert_int_equal(names_prefix_len(county, 3), strlen("柳江区"));
	/* a shared town is kept: only the county's suffix (区 县 市 旗) ends the prefix */
	const char *town[] = {"柳江区拉堡小学", "柳江区拉堡镇中心小学"};
	assert_int_equal(names_prefix_len(town, 2), strlen("柳江区"));
	const char *county2[] = {"融水苗族自治县三防镇中学", "融水苗族自治县大浪乡小学"};
	assert_int_equal(names_prefix_len(county2, 2), strlen("融水苗族自治县"));
	/* nothing shared, no suffix in what is shared, or one name alone: no prefix */
	const char *none[] = {"柳江区拉堡小学", "鹿寨县中学"};
	assert_int_equal(names_prefix_len(none, 2), 0);
	const char *nosuffix[] = {"拉堡小学", "拉堡中学"};
	assert_int_equal(names_prefix_len(nosuffix, 2), 0);
	assert_int_equal(names_prefix_len(county, 1), 0);
	assert_int_equal(names_prefix_len(county, 0), 0);
	/* the prefix never splits a character: 区 and 医 share no bytes at the end */
	const char *split[] = {"某区一小", "某医一小"};
	assert_int_equal(names_prefix_len(split, 2), 0);
}

static void test_shown(void **state)
{
	(void)state;
	size_t p = strlen("柳江区");
	assert_string_equal(name_shown("柳江区拉堡镇中心小学", "拉堡小学", p), "拉堡小学");
	assert_string_equal(name_shown("柳江区拉堡镇中心小学", "", p), "拉堡镇中心小学");
	assert_string_equal(name_shown("柳江区拉堡镇中心小学", NULL, 0), "柳江区拉堡镇中心小学");
	/* nothing left after the prefix: the whole name */
	assert_string_equal(name_shown("柳江区", "", p), "柳江区");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
