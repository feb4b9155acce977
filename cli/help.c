/* help.c: per-command help — `xuequ help COMMAND` and `xuequ COMMAND --help` show the
 * command's usage, its options one a line, and examples, from one table. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"

struct opt_help {
	const char *opt, *help;
};

static const struct {
	const char *command;
	struct opt_help opts[26];
	const char *examples[4];
} helps[] = {
	{"init",
		{{"--demo[=county|city]", N_("fill the new database with the demo county (or a city)")},
			{"--force", N_("replace an existing database")}},
		{"xuequ --db demo.db init --demo", "xuequ --db county.db init"}},
	{"import",
		{{"ENTITY", "schools districts members agreements activities"},
			{"", "teachers exemptions exchanges facilities"},
			{"", "terms bells travel subjects classes groups"},
			{"", "unavailable teacher_rules courses lessons"},
			{"FILE", N_("CSV in UTF-8, GB18030/GBK or UTF-16; - reads standard input")},
			{"", N_("headers and values in English or Chinese (农村 = rural)")},
			{"--dry-run", N_("check every row and report, but write nothing")},
			{"--encoding NAME", N_("read the file in this encoding (any iconv name) instead of detecting it")}},
		{"xuequ import schools schools.csv", "xuequ import teachers 教师.csv --dry-run",
			"xuequ import teachers old.csv --encoding latin1"}},
	{"export",
		{{"ENTITY", "schools districts members agreements activities"},
			{"", "teachers exemptions exchanges facilities"},
			{"", "terms bells travel subjects classes groups"},
			{"", "unavailable teacher_rules courses lessons"},
			{"-o, --output FILE", N_("write to FILE instead of standard output")},
			{"--headers en|zh", N_("English names and values (the default) or Chinese")},
			{"--encoding E", N_("utf-8 (the default), utf-16le or utf-16be;")},
			{"", N_("utf-8-bom or gb18030 open directly in Excel and WPS")},
			{"--force", N_("replace an existing FILE")}},
		{"xuequ export schools -o schools.csv",
			"xuequ export teachers --headers zh --encoding gb18030 -o 教师.csv"}},
	{"exchange",
		{{"eligible", N_("who may be exchanged in --year (--all, --principals)")},
			{"quota", N_("the year's quota, --by county, district or school")},
			{"list", N_("exchanges by --year, --status, --kind, --school; --wide: all columns")},
			{"subsidy", N_("the year's subsidies, --by county, district or school")},
			{"add STAFF_NO TO_SCHOOL", N_("propose one (--year or --start, --end, --kind, --reason, --share)")},
			{"approve|reject|start|cancel ID...", N_("move exchanges on, all or none")},
			{"reject|cancel ... --reason TEXT", N_("add the reason to each exchange's note")},
			{"complete ID... --evaluation E", N_("complete them: excellent, qualified or unqualified")},
			{"plan --year Y [--apply]", N_("the year's exchanges that meet the quotas with the least travel")},
			{"--year YYYY-YYYY", N_("the school year, e.g. 2025-2026")},
			{"--school CODE|NAME", N_("one school's teachers or exchanges")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ exchange list --year 2025-2026", "xuequ exchange add T0600015 2145065432 --year 2026-2027",
			"xuequ exchange complete 12 --evaluation excellent", "xuequ exchange plan --year 2026-2027 --apply"}},
	{"policy",
		{{"show", N_("the county's policy: every setting, and its default where it differs")},
			{"set KEY=VALUE ...", N_("an admin changes settings, all in one transaction")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ policy show", "xuequ policy set min_ratio=0.12 backbone_min_ratio=0.3"}},
	{"indicators",
		{{"--level primary|junior", N_("the schools with pupils at that stage (nine-year ones in both)")},
			{"--date YYYY-MM-DD", N_("the day the teachers are counted on (default today)")},
			{"--by school", N_("each school's seven values, how many it meets, whether it passes,")},
			{"", N_("and what it lacks (the default)")},
			{"--by county", N_("each indicator's coefficient of variation against its limit")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ indicators --level primary", "xuequ indicators --level junior --by county --format csv",
			"xuequ indicators --level primary --date 2026-09-01"}},
	{"template",
		{{"list", N_("every version of every checklist template, and how many inspections use it")},
			{"show T", N_("a template's items: T is an id, or a name with --version N (newest by default)")},
			{"import FILE", N_("add the templates of a CSV file as new versions, all or nothing (admin)")},
			{"export T", N_("a template version as CSV, which import reads back")},
			{"--version N", N_("which version of a template named by name")},
			{"--dry-run", N_("check every row and report, but write nothing")},
			{"-o, --output FILE", N_("write to FILE instead of standard output")},
			{"--force", N_("replace an existing FILE")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ template list", "xuequ template show 学区考核",
			"xuequ template export 学区考核 -o 学区考核.csv", "xuequ template import 学区考核.csv"}},
	{"inspection",
		{{"add", N_("plan one: --template, --date, --team and --school or --district (admins, district admins)")},
			{"list", N_("inspections, newest first, with their totals (--status, --school, --district)")},
			{"show ID [ITEM]", N_("an inspection's results item by item, its total and verdict; one item's with its rev")},
			{"score ID ITEM [VALUE]", N_("a team member scores an item: yes/no, a score or a measured value;")},
			{"", N_("an indicator item without VALUE is computed, with VALUE overridden (--note)")},
			{"submit ID", N_("when every item is scored: in_progress to submitted")},
			{"close ID", N_("submitted to closed (admins, district admins)")},
			{"--template T", N_("a template id or name (--version N, else the newest)")},
			{"--school CODE|NAME", N_("the school inspected")},
			{"--district NAME", N_("the district inspected")},
			{"--date YYYY-MM-DD", N_("the day of the inspection")},
			{"--team LOGIN,...", N_("the inspectors, registered operators")},
			{"--stage primary|junior", N_("the stage whose indicators are computed")},
			{"--status S", "planned in_progress submitted closed"},
			{"--note TEXT", N_("a note on a result; needed to override a computed value")},
			{"--rev N", N_("score only if the item's result is still at revision N (0: not scored)")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ inspection add --template 学区考核 --district 拉堡学区 --date 2026-10-12 --team li,wang",
			"xuequ inspection score 3 2 4 --note '每学期4次'", "xuequ inspection submit 3",
			"xuequ inspection show 3"}},
	{"report",
		{{"inspection ID", N_("an inspection: its items, total, verdict and rectifications")},
			{"--school CODE", N_("a school: its inspections, indicators and rectifications")},
			{"--county", N_("the county: inspections, indicators with their CVs, overdue rectifications")},
			{"-o FILE", N_("FILE.csv as CSV, FILE.html as a print-ready page, else text")},
			{"--force", N_("replace an existing FILE")}},
		{"xuequ report inspection 3 -o 督导报告.html", "xuequ report --county -o county.csv"}},
	{"rectification",
		{{"list", N_("rectifications, overdue ones first (--school, --overdue)")},
			{"add ID ITEM", N_("a failed item of submitted inspection ID becomes a rectification")},
			{"done ID", N_("the owner school reports it done (--note)")},
			{"verify ID --by INSPECTION", N_("verified by a later inspection that passed the item")},
			{"--overdue", N_("only open ones past their deadline")},
			{"--school CODE|NAME", N_("the owner school (needed for a district's inspection)")},
			{"--person NAME", N_("the person responsible")},
			{"--deadline YYYY-MM-DD", N_("the day it is due")},
			{"--by ID", N_("the later inspection of the same target")},
			{"--note TEXT", N_("what was done")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ rectification list --overdue",
			"xuequ rectification add 3 2 --school 2145062024 --person 张校长 --deadline 2026-12-31",
			"xuequ rectification done 5", "xuequ rectification verify 5 --by 9"}},
	{"facility",
		{{"list", N_("the rooms by school and name (--school, --kind, --shareable)")},
			{"show SCHOOLCODE:NAME", N_("one room, with its hours in a --term")},
			{"add SCHOOLCODE:NAME", N_("a new room of the school: --kind and the options below")},
			{"edit SCHOOLCODE:NAME", N_("change a room: the options below")},
			{"--kind K", N_("classroom, multimedia, playground, gym, music, art, computer, science, library, ...")},
			{"--capacity N", N_("how many it holds")},
			{"--shareable, --not-shareable", N_("whether the district's schools may book it")},
			{"--open HH:MM-HH:MM", N_("its opening hours, every day")},
			{"--hours SPEC", N_("its hours by weekday: 'mon-fri 16:30-18:30; sat 08:00-12:00' ('' removes)")},
			{"--term T", N_("with --hours: the hours of that term only; with show: the hours it has then")},
			{"--equipment TEXT", N_("what it has")},
			{"--uses TEXT", N_("the uses it allows")},
			{"usage", N_("hours open, taught, booked by other schools, used %: --term and --by")},
			{"--by room|school|district|kind", N_("with usage: the rows")},
			{"--week DATE, --month YYYY-MM, --from DATE, --to DATE", N_("with usage: a week, a month or days of the term; with ics: the dates")},
			{"ics SCHOOLCODE:NAME | --school CODE", N_("the bookings of a room, or of a school (its own and of its rooms), as iCalendar")},
			{"-o FILE", N_("with ics: the file to write ('-' standard output)")},
			{"--force", N_("with ics: replace an existing file")},
			{"quota [list]", N_("the hours per term each district lets its schools hold in the others' rooms")},
			{"quota set", N_("set one: --district, --term, --kind and --hours N")},
			{"--district NAME", N_("with quota set: the district")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ facility add 2145060348:操场 --kind playground --capacity 400 --shareable --hours 'mon-fri 16:30-18:30; sat 08:00-12:00'",
			"xuequ facility usage --term 2025-2026/2 --by school --format csv",
			"xuequ facility ics 2145060348:操场 -o 操场.ics",
			"xuequ facility quota set --district 拉堡学区 --term 2025-2026/2 --kind gym --hours 40"}},
	{"booking",
		{{"request", N_("ask for a room of another school of the district; prints the new booking's id")},
			{"--room SCHOOLCODE:NAME", N_("the room")},
			{"--school CODE", N_("the school that books it (with list: the bookings it made)")},
			{"--date DATE", N_("the first date (with cancel and move: the date of one occurrence)")},
			{"--time HH:MM-HH:MM", N_("the clock times, or periods of the room's school: P3-P4")},
			{"--repeat RULE", N_("weekly:tue,thu, biweekly:mon (A/B weeks), weekly, daily, monthly, or RRULE:...")},
			{"--until DATE", N_("the last date of a repeated booking (default: the end of the term)")},
			{"--skip-conflicts", N_("book the dates that are free and list the ones skipped")},
			{"--purpose TEXT, --contact TEXT", N_("what it is for and whom to call")},
			{"--dry-run", N_("with request and edit: check and list the conflicts, write nothing")},
			{"approve ID", N_("the room's school approves (never the school that asked)")},
			{"reject ID", N_("the room's school rejects, with --reason TEXT")},
			{"cancel ID", N_("cancel the whole booking, or --date one occurrence only")},
			{"move ID", N_("move one occurrence --date to --to DATE (--time): the room's school approves again")},
			{"edit ID", N_("change --time, --date, --repeat, --until, --purpose or --contact; approved ones are requested again")},
			{"list", N_("one row per occurrence: --room, --school, --owner CODE, --from, --to, --status")},
			{"show ID", N_("one booking: its rule, status and who decided")},
			{"--reason TEXT", N_("with reject and cancel: why")},
			{"--to DATE", N_("with move: the new date; with list: the last date")},
			{"--from DATE", N_("with list: the first date")},
			{"--owner CODE", N_("with list: the bookings of that school's rooms")},
			{"--status S", N_("with list: requested, approved, rejected or cancelled")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ booking request --room 2145060348:体育馆 --school 2145060352 --date 2026-03-03 --time 16:30-17:30 --repeat weekly:tue,thu --until 2026-06-30",
			"xuequ booking approve 12", "xuequ booking cancel 12 --date 2026-04-07",
			"xuequ booking list --owner 2145060348 --status requested"}},
	{"term",
		{{"add TERM", N_("a term, named by its school year and number: 2025-2026/2")},
			{"--first DATE", N_("its first day")},
			{"--last DATE", N_("its last day")},
			{"--days N", N_("the days of its week, 1 to 20 (default 5)")},
			{"--periods N", N_("periods a day, 1 to 30 (default 8)")},
			{"list", N_("the terms, newest first (--format csv)")}},
		{"xuequ term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10",
			"xuequ term add 2026-2027/1 --first 2026-09-01 --last 2027-01-22 --periods 7", "xuequ term list"}},
	{"timetable",
		{{"check", N_("every hard violation of the term's timetable, in words; exit 1 if any")},
			{"solve", N_("place every lesson not locked, keep the locked ones; exit 1 if any is left")},
			{"--time-limit S", N_("seconds the solver may take (default 10)")},
			{"--seed N", N_("the same seed, the same timetable")},
			{"export-fet FILE", N_("the term as a FET file")},
			{"--locked", N_("with export-fet: every placed lesson fixed at its time and room")},
			{"--force", N_("with export-fet: replace an existing FILE")},
			{"import-fet FILE", N_("a FET file into a term without courses: its schools, teachers, rooms,")},
			{"", N_("classes, courses, lessons and rules; all or nothing")},
			{"--school CODE", N_("with import-fet: read the file as this one school")},
			{"--create", N_("with import-fet: add the schools, teachers and exchanges not stored")},
			{"--dry-run", N_("with import-fet: check everything, write nothing")},
			{"show", N_("the week of a --teacher, a --class, a --school or a --room")},
			{"--teacher STAFF_NO", N_("a teacher's week: each day's schools and clock times")},
			{"--class NAME --school CODE", N_("a class's week, its groups' lessons with it")},
			{"--room NAME --school CODE", N_("a room's week")},
			{"--school CODE", N_("every lesson of the school")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")},
			{"--term T", N_("the term (default: the newest)")}},
		{"xuequ timetable check --term 2025-2026/2", "xuequ timetable show --teacher T0600015",
			"xuequ timetable show --class 三年级1班 --school 2145060348",
			"xuequ timetable import-fet 柳江.fet --term 2026-2027/1 --dry-run"}},
	{"take",
		{{"--inspection ID[,ID...]", N_("the inspections to take, with their schools")},
			{"--school CODE...", N_("schools, with their inspections not yet closed")},
			{"-o, --output PACK", N_("the new file to write the pack to")}},
		{"xuequ take --inspection 3,4 -o 拉堡小学.xqp", "xuequ take --school 2145060348 2145060404 -o team2.xqp",
			"xuequ --db 拉堡小学.xqp"}},
	{"merge",
		{{"PACK", N_("a pack written by take and worked on offline")},
			{"--dry-run", N_("say what would be done, write nothing")},
			{"--prefer server|pack", N_("decide every conflict: keep the server's or the pack's value")}},
		{"xuequ merge 拉堡小学.xqp --dry-run", "xuequ merge 拉堡小学.xqp --prefer pack"}},
	{"pack", {{"info PACK", N_("where a pack came from, what it holds and what was changed on it")}},
		{"xuequ pack info 拉堡小学.xqp"}},
	{"setup",
		{{"--data-dir DIR", N_("where the database lives (default /var/lib/xuequ)")},
			{"--group NAME", N_("the group the binary runs as (default xuequ)")}},
		{"xuequ setup", "xuequ setup --data-dir /srv/xuequ --group xuequ"}},
	{"history",
		{{"--table T", N_("only changes of this table (school, teacher, exchange ...)")},
			{"--id N", N_("only changes of the row with this id (with --table)")},
			{"--limit N", N_("at most N changes, newest first")},
			{"--format table|csv", N_("an aligned table (the default) or CSV")}},
		{"xuequ history --limit 20", "xuequ history --table teacher --id 42"}},
	{"undo", {{"AUDIT_ID", N_("the change to undo, as history numbers it")}}, {"xuequ undo 1234"}},
	{"check", {{NULL, NULL}}, {"xuequ check"}},
	{"backup", {{"--force", N_("replace an existing FILE")}}, {"xuequ backup /var/backups/xuequ.db"}},
	{"config", {{"--sample", N_("print a commented sample configuration instead")}},
		{"xuequ config", "xuequ config --sample > ~/.config/xuequ/xuequ.conf"}},
	{"operator",
		{{"ROLE", "admin district_admin inspector viewer"},
			{"--district NAME", N_("a district admin's district")},
			{"--school CODE", N_("limit the operator to one school")}},
		{"xuequ operator list", "xuequ operator add wang district_admin --district 拉堡学区",
			"xuequ operator remove wang"}},
	{"version", {{NULL, NULL}}, {"xuequ version", "xuequ --version"}},
	{"help", {{"COMMAND", N_("that command's options and examples; also xuequ COMMAND --help")}},
		{"xuequ help", "xuequ help exchange"}},
	{"keys", {{"--mdoc", N_("the list as mdoc, for the man page")}}, {"xuequ keys"}},
};

bool cli_help_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

int cli_command_help(const char *name, FILE *out)
{
	const struct cli_command *c = NULL;
	for (const struct cli_command *k = cli_commands; k->name; k++)
		if (strcmp(k->name, name) == 0)
			c = k;
	if (!c)
		return XQ_ERR;
	fprintf(out, "usage: xuequ %s%s%s\n  %s\n", c->name, *c->usage ? " " : "", c->usage, _(c->help));
	for (size_t i = 0; i < XQ_NELEM(helps); i++) {
		if (strcmp(helps[i].command, name) != 0)
			continue;
		/* an option and its text on one line when the widest option leaves room */
		int w = 0;
		for (const struct opt_help *o = helps[i].opts; o->opt; o++)
			if (utf8_width(o->opt) > w)
				w = utf8_width(o->opt);
		bool split = w > 22;
		if (helps[i].opts[0].opt)
			fprintf(out, "\n%s\n", _("options:"));
		for (const struct opt_help *o = helps[i].opts; o->opt; o++)
			if (split)
				fprintf(out, "%s%s%s      %s\n", *o->opt ? "  " : "", o->opt, *o->opt ? "\n" : "",
					_(o->help));
			else
				fprintf(out, "  %-*s  %s\n", w, o->opt, _(o->help));
		fprintf(out, "\n%s\n", _("examples:"));
		for (int k = 0; k < 4 && helps[i].examples[k]; k++)
			fprintf(out, "  %s\n", helps[i].examples[k]);
	}
	return XQ_OK;
}
