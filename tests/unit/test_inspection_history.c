/* test_inspection_history.c: the words the history uses for inspection records — the
 * tables' names, the fields' labels, and the enumerations a field holds, a table's own
 * before the one every table shares (an inspection's status is not an exchange's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/exchange.h"
#include "core/history.h"
#include "core/inspection.h"

static void test_table_labels(void **state)
{
	(void)state;
	assert_string_equal(hist_table_label("inspection"), "inspection");
	assert_string_equal(hist_table_label("result"), "inspection result");
	assert_string_equal(hist_table_label("rectification"), "rectification");
	assert_string_equal(hist_table_label("template"), "checklist template");
	assert_string_equal(hist_table_label("template_item"), "template item");
	assert_string_equal(hist_table_label("template_section"), "template section");
	/* an unknown table comes back as it is */
	assert_string_equal(hist_table_label("no_such_table"), "no_such_table");
}

static void test_field_labels(void **state)
{
	(void)state;
	assert_string_equal(hist_field_label("result", "override_note"), "Override note");
	assert_string_equal(hist_field_label("result", "computed"), "Computed value");
	assert_string_equal(hist_field_label("rectification", "deadline"), "Deadline");
	assert_string_equal(hist_field_label("rectification", "verified_by"), "Verified by inspection");
	assert_string_equal(hist_field_label("inspection", "team"), "Team");
	assert_string_equal(hist_field_label("inspection", "target"), "Inspection target");
	assert_string_equal(hist_field_label("template_item", "veto"), "Veto");
}

static void test_field_enums(void **state)
{
	(void)state;
	assert_ptr_equal(hist_field_enum("inspection", "status"), insp_status_items);
	assert_ptr_equal(hist_field_enum("rectification", "status"), rect_status_items);
	assert_ptr_equal(hist_field_enum("exchange", "status"), exchange_status_items);
	assert_ptr_equal(hist_field_enum("inspection", "stage"), stage_items);
	assert_ptr_equal(hist_field_enum("template_item", "kind"), item_kind_items);
	assert_ptr_equal(hist_field_enum("template_item", "comparator"), comparator_items);
	assert_ptr_equal(hist_field_enum("template", "target"), insp_target_items);
	assert_ptr_equal(hist_field_enum("template", "pass_rule"), pass_rule_items);
	/* free text and numbers hold no enumeration */
	assert_null(hist_field_enum("result", "note"));
	assert_null(hist_field_enum("result", "value"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_labels),
		cmocka_unit_test(test_field_labels),
		cmocka_unit_test(test_field_enums),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
