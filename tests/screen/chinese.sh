#!/bin/sh
# Chinese first at 80×24 (TERM=xterm-256color), in Chinese and English: the exchange and
# plan lists name schools by their short names (the detail keeps the full ones), wide
# screens show full names; the demo's history fills the Exchanges pane in both years;
# :export writes GB18030 or UTF-8 with BOM for Excel and WPS; an activity dated outside
# its agreement is refused by the form, naming the agreement's term.
. "$TOP/tests/cli/lib.sh"

. "$TOP/tests/screen/lib.sh"

make_demo
Y=2026-2027
D="$T/d.db"
export START_ENV="TERM=xterm-256color"

# short CODE: a school's short name; full CODE: its name
short() { awk -F, -v c="$1" '$1 == c { print $3 }' "$T/schools.csv"; }
full() { awk -F, -v c="$1" '$1 == c { print $2 }' "$T/schools.csv"; }
# the first exchange of a year in the list's order: staff_no,from_code,to_code,status
first_exchange() {
	"$BIN" --db "$D" exchange list --year "$1" --format csv |
		awk -F, 'NR == 2 { print $2 "," $4 "," $6 "," $14 }'
}
IFS=, read -r X_STAFF X_FROM X_TO X_STATUS <<EOF2
$(first_exchange $Y)
EOF2
IFS=, read -r L_STAFF L_FROM L_TO L_STATUS <<EOF2
$(first_exchange 2025-2026)
EOF2
# the plan's first proposal
IFS=, read -r P_STAFF P_FROM P_TO <<EOF2
$("$BIN" --db "$D" exchange plan --year $Y --format csv 2>/dev/null | awk -F, 'NR == 2 { print $1 "," $5 "," $7 }')
EOF2
[ -n "$X_STAFF" ] && [ -n "$L_STAFF" ] && [ -n "$P_STAFF" ] && ok "the demo has exchanges in both years and a plan" ||
	notok "the demo has exchanges in both years and a plan"
[ "$(short "$X_FROM")" != "$(full "$X_FROM")" ] && ok "the school has a short name apart from its name" ||
	notok "the school has a short name apart from its name"

# ---- Chinese, 80×24 ----
start 80 24 "$(conf zh)"
see "1 学区" "the console starts in Chinese"
keys 2
see "交流 1/" "2 shows the exchanges of the year"
line_has "$X_STAFF" "$(short "$X_FROM")" "80×24: the sending school by its short name"
line_has "$X_STAFF" "$(short "$X_TO")" "80×24: the receiving school by its short name"
line_has "$X_STAFF" "拟交流" "this year's exchange is proposed"
see "$(full "$X_FROM") ($X_FROM)" "the detail keeps the full name"
see "已批准" "this year has approved exchanges too"
keys p
see "$Y 学年交流方案" "p shows the plan"
line_has "$P_STAFF" "$(short "$P_FROM")" "the plan's sending school by its short name"
line_has "$P_STAFF" "$(short "$P_TO")" "the plan's receiving school by its short name"
keys q
see "交流 1/" "q goes back to the list"
keys y
# (学年 is on the list already: the picker's search field first)
wait_for "查找：" || notok "y opens the year picker (no search field)"
see "学年" "y opens the year picker"
text "2025-2026"
keys Enter
see "2025-2026 学年" "last year chosen"
line_has "$L_STAFF" "已完成" "last year's exchanges are completed"
line_has "$L_STAFF" "$(short "$L_FROM")" "last year's list by short names too"
see "考核" "the detail shows the evaluation"

# the teacher picker gives the school the width the reasons left empty: full names fit
"$BIN" --db "$D" exchange eligible --year 2025-2026 --format csv >"$T/elig.csv"
E_STAFF=$(awk -F, 'NR > 1 && length($4) >= 27 { print $1; exit }' "$T/elig.csv")
E_SCHOOL=$(awk -F, -v s="$E_STAFF" '$1 == s { print $4 }' "$T/elig.csv")
keys a
see "符合条件的教师" "a opens the teacher picker"
text "$E_STAFF"
line_has "$E_STAFF" "$E_SCHOOL" "the picker shows a long school name whole ($E_SCHOOL)"
keys Escape
gone "符合条件的教师" "Esc closes the picker"

# :export in the encodings Excel and WPS open
keys :
text "export $T/gb.csv gb18030"
keys Enter
see "（GB18030）" ":export FILE gb18030 says the encoding"
keys :
text "export $T/utf8.csv"
keys Enter
see "utf8.csv（UTF-8）" ":export FILE writes UTF-8"
keys :
text "export $T/bom.csv utf-8-bom"
keys Enter
see "bom.csv（UTF-8" ":export FILE utf-8-bom says the encoding"
if iconv -f GB18030 -t UTF-8 "$T/gb.csv" >"$T/gb-back.csv" 2>/dev/null && cmp -s "$T/gb-back.csv" "$T/utf8.csv" &&
	! cmp -s "$T/gb.csv" "$T/utf8.csv"; then ok "the GB18030 file is the list in GB18030"; else
	notok "the GB18030 file is the list in GB18030"; fi
is "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' \n')" "efbbbf" "the utf-8-bom file starts with a BOM"
tail -c +4 "$T/bom.csv" >"$T/bom-body.csv"
same "$T/bom-body.csv" "$T/utf8.csv" "after its BOM, the same list"
grep -q "$(full "$L_FROM")" "$T/utf8.csv" && ok "the export keeps the full names" ||
	notok "the export keeps the full names"

# an activity outside its agreement: refused by the form
keys 1
see "学区 1/" "1 goes to the districts"
keys Tab G l
see "帮扶活动：" "l opens the activity form on the last agreement"
keys C-u
text "2099-01-01"
keys Enter
see "2099-01-01 不在帮扶协议的期限内" "a date after the agreement is refused under the field"
see "请更正标出的栏目" "the form asks for a correction"
keys Escape y
gone "帮扶活动：" "the form closes"
keys :
text q
keys Enter
quits "the Chinese console quits cleanly"
run --db "$D" export activities
grep -q '2099-01-01' "$T/out" && notok "nothing was written" || ok "nothing was written"

# ---- English, 80×24 ----
start 80 24 "$(conf en)"
keys 2
see "Exchanges 1/" "English: the exchanges"
line_has "$X_STAFF" "$(short "$X_FROM")" "English 80×24: short names"
line_has "$X_STAFF" "proposed" "English: proposed"
keys p
line_has "$P_STAFF" "$(short "$P_TO")" "English: the plan by short names"
see "BB" "English: the plan's narrow backbone column"
keys q q
quits "the English console quits cleanly"

# ---- English, 160×50: room for the full names ----
start 160 50 "$(conf en)"
keys 2
line_has "$X_STAFF" "$(full "$X_FROM")" "160×50: the full names"
keys q
quits "the wide console quits cleanly"
