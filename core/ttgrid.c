/* ttgrid.c: a week's grid written out whole (core/ttcheck.h): periods down, days across,
 * each period's clock times at the school whose week it is (or the class's or room's
 * school), each cell as tt_cell_text gives it; as CSV, or as an HTML page ready to print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "core/timetable.h"
#include "core/ttcheck.h"
#include "core/util.h"

int tt_grid_clock_school(const struct tt_model *m, int kind, int who)
{
	if (who < 0)
		return -1;
	return kind == TT_GRID_SCHOOL ? who : kind == TT_GRID_SET ? m->sets[who].school
					: kind == TT_GRID_ROOM ? m->rooms[who].school : -1;
}

const char *tt_grid_whose(const struct tt_model *m, int kind, int who)
{
	return kind == TT_GRID_TEACHER ? m->teachers[who].name
	       : kind == TT_GRID_SET   ? m->sets[who].name
	       : kind == TT_GRID_ROOM  ? m->rooms[who].name
				       : m->school_names[who];
}

void tt_grid_title(const struct tt_model *m, int kind, int who, const char *whose, const char *term, char *out,
	size_t size)
{
	if (who >= 0)
		whose = tt_grid_whose(m, kind, who);
	int clock = tt_grid_clock_school(m, kind, who);
	const char *school = clock >= 0 && kind != TT_GRID_SCHOOL ? m->school_names[clock] : "";
	snprintf(out, size, "%s%s%s — %s", school, *school ? " " : "", whose ? whose : "", term);
}

static void html_text(struct strbuf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': sb_adds(b, "&amp;"); break;
		case '<': sb_adds(b, "&lt;"); break;
		case '>': sb_adds(b, "&gt;"); break;
		case '"': sb_adds(b, "&quot;"); break;
		default:
			/* control characters other than line breaks would not print */
			if ((unsigned char)*s < ' ' && *s != '\n')
				sb_addc(b, ' ');
			else
				sb_addc(b, *s);
		}
}

void tt_grid_write(const struct tt_model *m, int kind, int who, const char *title, bool html, struct strbuf *b)
{
	int ncols = 2 + m->days, clock = tt_grid_clock_school(m, kind, who);
	char (*cell)[512] = xcalloc((size_t)ncols, sizeof *cell);
	const char **row = xcalloc((size_t)ncols, sizeof *row);
	if (html) {
		sb_adds(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
		html_text(b, title);
		sb_adds(b, "</title>\n<style>\n"
			   "@page { size: A4 landscape; margin: 12mm; }\n"
			   "body { font-family: sans-serif; font-size: 10pt; }\n"
			   "h1 { font-size: 14pt; margin: 0 0 6pt; }\n"
			   "table { border-collapse: collapse; width: 100%; table-layout: fixed; }\n"
			   "th, td { border: 1px solid #000; padding: 3pt; vertical-align: top; word-wrap: break-word; }\n"
			   "th { background: #eee; }\n"
			   "tr { page-break-inside: avoid; }\n"
			   "</style></head>\n<body>\n<h1>");
		html_text(b, title);
		sb_adds(b, "</h1>\n<table>\n");
	}
	for (int p = -1; p < m->periods; p++) {
		for (int c = 0; c < ncols; c++) {
			cell[c][0] = '\0';
			if (p < 0) {
				if (c == 0)
					xq_copy(cell[c], sizeof cell[c], _("period"));
				else if (c == 1)
					xq_copy(cell[c], sizeof cell[c], _("time"));
				else if (m->day_names && m->day_names[c - 2])
					xq_copy(cell[c], sizeof cell[c], m->day_names[c - 2]);
				else
					snprintf(cell[c], sizeof cell[c], _("day %d"), c - 1);
			} else if (c == 0) {
				snprintf(cell[c], sizeof cell[c], "%d", p + 1);
			} else if (c == 1) {
				int st, en;
				if (clock >= 0 && tt_period_times(m, clock, p, &st, &en)) {
					char a[6], z[6];
					clock_format(st, a);
					clock_format(en, z);
					snprintf(cell[c], sizeof cell[c], "%s-%s", a, z);
				}
			} else if (who >= 0)
				tt_cell_text(m, kind, who, c - 2, p, cell[c], sizeof cell[c]);
			row[c] = cell[c];
		}
		if (!html) {
			csv_row(b, row, (size_t)ncols);
			continue;
		}
		sb_adds(b, "<tr>");
		for (int c = 0; c < ncols; c++) {
			sb_adds(b, p < 0 ? "<th>" : "<td>");
			html_text(b, cell[c]);
			sb_adds(b, p < 0 ? "</th>" : "</td>");
		}
		sb_adds(b, "</tr>\n");
	}
	if (html)
		sb_adds(b, "</table>\n</body></html>\n");
	free(cell);
	free(row);
}
