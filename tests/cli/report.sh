#!/bin/sh
# report.sh: `xuequ report` of an inspection, a school and the county, as text, CSV and
# HTML by the file's extension; database text escaped in HTML; files not replaced without
# --force; usage errors.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
me=$(id -un)

"$BIN" --db r.db init --demo >/dev/null 2>&1 || notok "init --demo"
# a primary school of the demo, scored with the national template: every item computed
S=$("$BIN" --db r.db export schools | awk -F, 'NR > 1 && $4 == "primary" { print $1; exit }')
"$BIN" --db r.db inspection add --template 1 --school "$S" --date 2026-11-02 --team "$me" --stage primary >/dev/null
for i in 1 2 3 4 5 6 7; do "$BIN" --db r.db inspection score 1 $i >/dev/null 2>&1; done
run --db r.db inspection submit 1
expect_rc 0 "the inspection is scored and submitted"

run --db r.db report inspection 1
expect_rc 0 "report inspection: exit 0"
expect_out "^Inspection 1: $S " "the text report names the inspection and the school"
expect_out '^Scored 7 of 7; total' "the text report gives the total"
expect_out '每百名学生拥有网络多媒体教室数' "the text report lists the items"

# CSV: the items, the same values the inspection shows
run --db r.db report inspection 1 -o items.csv
expect_rc 0 "report inspection -o items.csv: exit 0"
is "$(head -1 items.csv)" "item,section,text,value,threshold,pass,veto,computed,note" "the CSV header"
is "$(tail -n +2 items.csv | wc -l | tr -d ' ')" 7 "the CSV holds the seven items"
"$BIN" --db r.db inspection show 1 --format csv | tail -n +2 | cut -d, -f1,4,5,6 >shown.txt
tail -n +2 items.csv | cut -d, -f1,4,5,6 >reported.txt
same shown.txt reported.txt "the CSV's values, thresholds and marks are the inspection's"
is "$(stat -c %a items.csv)" 600 "the report file is created 0600"

# HTML: one page, A4, tables with repeated headers, balanced tags
run --db r.db report inspection 1 -o page.html
expect_rc 0 "report inspection -o page.html: exit 0"
grep -q '@page { size: A4' page.html && ok "the page is A4" || notok "the page is A4"
grep -q 'thead { display: table-header-group' page.html && ok "table headers repeat across pages" ||
	notok "table headers repeat across pages"
balanced() { is "$(grep -o "<$1[ >]" page.html | wc -l)" "$(grep -o "</$1>" page.html | wc -l)" "<$1> tags balanced"; }
for tag in html body table thead tbody tr td th; do balanced $tag; done
grep -q '<script' page.html && notok "no script in the page" || ok "no script in the page"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --html --noout page.html 2>xml.err && ok "xmllint reads the page" || notok "xmllint reads the page"
fi

# a name with markup is escaped in HTML
printf 'code,name,level,location,students\n2145990077,<script>alert(1)</script>学校,primary,urban,100\n' >x.csv
"$BIN" --db r.db import schools x.csv >/dev/null 2>&1
run --db r.db report --school 2145990077 -o x.html
expect_rc 0 "report --school -o x.html: exit 0"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;学校' x.html && ok "a name's markup is escaped" ||
	notok "a name's markup is escaped"
grep -q '<script>' x.html && notok "no raw <script> in the page" || ok "no raw <script> in the page"

# not replaced without --force
run --db r.db report inspection 1 -o items.csv
expect_rc 1 "an existing file: exit 1"
expect_err 'exists already' "an existing file: says so"
run --db r.db report inspection 1 -o items.csv --force
expect_rc 0 "--force replaces it"

# a school: its inspections and its indicators
run --db r.db report --school "$S"
expect_rc 0 "report --school: exit 0"
expect_out '^Inspections, newest first' "the school's inspections"
expect_out "^ +1  2026-11-02 " "the school's inspection listed"
expect_out '^Resource indicators, primary stage' "the school's indicators"

# the county: each stage's indicators with the CV row and the formula named
run --db r.db report --county
expect_rc 0 "report --county: exit 0"
expect_out '^Inspections: 0 planned, 0 in progress, 1 submitted, 0 closed' "the county counts inspections by status"
expect_out '^CV +weighted by pupils' "the CV row names the weighted formula"
"$BIN" --db r.db policy set cv=plain >/dev/null 2>&1
run --db r.db report --county
expect_out '^CV +plain' "the CV row follows the policy's formula"
n_text=$(awk '/^Resource indicators, primary/ { on = 1; next } on && /^CV/ { exit } on && /^[0-9]/ { n++ } END { print n }' "$T/out")
n_ind=$("$BIN" --db r.db indicators --level primary --format csv | tail -n +2 | wc -l | tr -d ' ')
is "$n_text" "$n_ind" "the county report lists every primary school the indicators list"

# misuse
run --db r.db report
expect_rc 2 "report without a subject: exit 2"
run --db r.db report inspection 1 --county
expect_rc 2 "two subjects: exit 2"
run --db r.db report inspection x
expect_rc 2 "a bad id: exit 2"
run --db r.db report inspection 99
expect_rc 1 "an unknown inspection: exit 1"
