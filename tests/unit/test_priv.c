/* test_priv.c: the privilege helpers without privilege — files the caller names (regular
 * files only, FIFOs refused without blocking), paths refused rather than cut, modes of new
 * files, and getenv passing through. The setgid side is tested in tests/cli/deploy.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/priv.h"
#include "core/util.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	priv_init();
	snprintf(dir, sizeof dir, "%s/xq-priv-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_not_privileged(void **state)
{
	(void)state;
	/* the test runs without setgid: nothing changes */
	assert_false(priv_privileged());
	assert_int_equal(priv_db_mode(), 0600);
	setenv("XUEQU_TEST_VALUE", "x1", 1);
	assert_string_equal(priv_getenv("XUEQU_TEST_VALUE"), "x1");
	unsetenv("XUEQU_TEST_VALUE");
	assert_null(priv_getenv("XUEQU_TEST_VALUE"));
	setenv("NO_COLOR", "1", 1);
	assert_string_equal(priv_getenv("NO_COLOR"), "1");
	/* SUDO_USER only when the real user is root */
	setenv("SUDO_USER", "lisi", 1);
	if (getuid() == 0)
		assert_string_equal(priv_sudo_user(), "lisi");
	else
		assert_null(priv_sudo_user());
	unsetenv("SUDO_USER");
	assert_null(priv_sudo_user());
}

static void test_path_fits(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX] = "";
	assert_true(priv_path_fits("abc", 4, msg));
	assert_false(priv_path_fits("abcd", 4, msg));
	assert_non_null(strstr(msg, "longer than 3 bytes"));
}

static void test_open_regular_only(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX] = "", path[400];
	snprintf(path, sizeof path, "%s/f.txt", dir);
	FILE *w = fopen(path, "w");
	assert_non_null(w);
	fputs("hello", w);
	fclose(w);
	FILE *f = priv_fopen_read(path, msg);
	assert_non_null(f);
	char buf[8] = "";
	assert_non_null(fgets(buf, sizeof buf, f));
	assert_string_equal(buf, "hello");
	fclose(f);

	assert_null(priv_fopen_read("/dev/zero", msg));
	assert_non_null(strstr(msg, "/dev/zero: not a regular file"));
	assert_null(priv_fopen_read(dir, msg));
	assert_non_null(strstr(msg, "is a directory"));
	/* a FIFO: refused at once, no writer needed */
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_null(priv_fopen_read(path, msg));
	assert_non_null(strstr(msg, "not a regular file"));
	assert_false(priv_regular_or_missing(path, msg));
	assert_false(priv_regular_or_missing("/dev/null", msg));
	snprintf(path, sizeof path, "%s/missing", dir);
	assert_true(priv_regular_or_missing(path, msg));
	assert_false(priv_exists(path));
	assert_null(priv_fopen_read(path, msg));
	assert_non_null(strstr(msg, "No such file"));
	assert_true(priv_fopen_read("-", msg) == stdin);
}

static void test_new_files_0600(void **state)
{
	(void)state;
	char msg[XQ_MSG_MAX] = "", path[400];
	snprintf(path, sizeof path, "%s/out.csv", dir);
	mode_t old = umask(0);
	assert_true(write_file_atomic(path, "a,b\n", 4, msg));
	umask(old);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_true(priv_exists(path));
	/* a device is never replaced by the rename */
	assert_false(write_file_atomic("/dev/null", "x", 1, msg));
	assert_non_null(strstr(msg, "not a regular file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_privileged),
		cmocka_unit_test(test_path_fits),
		cmocka_unit_test(test_open_regular_only),
		cmocka_unit_test(test_new_files_0600),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
