/* indicators_weak.c: stand-ins for the indicators (db/indicators.h) while a build lacks
 * them; the real definitions replace these at link time. */
#include "core/i18n.h"
#include "core/util.h"
#include "db/indicators.h"

__attribute__((weak)) const char *const indicator_codes[7] = {"qualified_teachers_per100",
	"backbone_per100", "pe_art_per100", "teaching_area_per_student", "sports_area_per_student",
	"equipment_per_student", "multimedia_per100"};

__attribute__((weak)) int db_indicator_value(struct db *db, int64_t school_id, const char *date,
	const char *code, int stage, double *value, double *threshold, char *msg)
{
	(void)db, (void)school_id, (void)date, (void)code, (void)stage, (void)value, (void)threshold;
	xq_msg(msg, "%s", _("indicators are not available in this build"));
	return XQ_ERR;
}
