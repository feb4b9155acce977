#!/bin/sh
# The national template on a demo primary school at 80×24: its indicator items show the
# values computed from the data, Enter takes them, a typed value overrides one and asks
# why; the indicators view (:indicators and i) in English and Chinese: schools × the seven
# with marks readable without colour, the CV row with its limit, the formula named, the
# selected school's missing amounts, l for the junior schools. Figures are compared with
# `xuequ indicators`.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
export XUEQU_TODAY=2026-06-01
"$BIN" --db "$T/d.db" indicators --level primary --format csv >"$T/ind.csv"
"$BIN" --db "$T/d.db" indicators --level primary --by county --format csv >"$T/cv.csv"
"$BIN" --db "$T/d.db" indicators --level junior --by county --format csv >"$T/cvj.csv"
# a primary school (not a teaching point) and its figures
CODE=$(awk -F, '$3 == "primary" { print $1; exit }' "$T/ind.csv")
MET=$(awk -F, -v c="$CODE" '$1 == c { print $12 }' "$T/ind.csv")
want=$(awk -F, -v c="$CODE" '$1 == c { printf "%s %s %s %s %s %s %s", $5, $6, $7, $8, $9, $10, $11 }' "$T/ind.csv")
FIRST=$(awk -F, 'NR == 2 { print $2 }' "$T/ind.csv")
FIRST_MET=$(awk -F, 'NR == 2 { print $12 }' "$T/ind.csv")

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys 5 a
see "Plan an inspection" "the form opens"
keys Space
text "国家"
keys Enter
line_has "Checklist" "国家优质均衡资源配置指标" "the national template is chosen"
keys Tab Space
text "$CODE"
keys Enter
keys Tab Tab Tab Tab Right
line_has "Stage of the indicators" "primary" "the primary stage is chosen"
keys Enter
see "Inspection 1 planned" "the inspection of the school is planned"
keys Enter
wait_for "No. Section" || notok "the checklist opens (its head)" # (the list's detail has the total too)
see "Total 0/7 · incomplete" "the checklist opens"
see "computed" "indicator items show values computed from the data"
keys Enter Enter Enter Enter Enter Enter
see "scored 6 of 7" "Enter takes six computed values"
keys 9 Enter
see "Why override the computed value?" "a typed value over a computed one asks why"
text "新建多媒体教室"
keys Enter
see "indicators met $(awk -F, -v c="$CODE" '$1 == c { print $12 - ($11 < 2.3 ? 0 : 1) + 1 }' "$T/ind.csv") of 7" \
	"the top line counts the indicators met, the override met"
see "overridden" "the override is marked"
"$BIN" --db "$T/d.db" inspection show 1 --format csv >"$T/show.csv"
got=$(awk -F, 'NR > 1 && NR < 8 { printf "%s%.2f", (NR > 2 ? " " : ""), $4 }' "$T/show.csv")
is "$got" "$(echo "$want" | cut -d' ' -f1-6)" "the six saved values are the indicators of the school"
is "$(awk -F, 'NR == 8 { printf "%s %.2f %s", $4, $8, $9 }' "$T/show.csv")" \
	"9 $(echo "$want" | cut -d' ' -f7) 新建多媒体教室" "the override keeps the computed value and the note"
keys q
see "Inspections 1/1" "back to the list"
keys a Space
text "国家"
keys Enter Tab Space
text "$CODE"
keys Enter Enter
see "Inspection 2 planned" "a second one planned without a stage"
"$BIN" --db "$T/d.db" inspection show 2 >"$T/show2.txt"
grep -q "version 1, primary: planned" "$T/show2.txt" && ok "the stage is the primary school's own" ||
	{ notok "the stage is the primary school's own"; head -2 "$T/show2.txt" | sed 's/^/#   /'; }

keys i
see "Indicators of the primary schools, 2026-06-01" "i shows the indicators of the primary schools"
line_has "CV ≤ 0.50" "$(awk -F, 'NR == 2 { print $4 }' "$T/cv.csv")" "the CV row: its limit and the first CV as counted"
line_has "CV ≤ 0.50" "$(awk -F, 'NR == 8 { print $4 }' "$T/cv.csv")" "the CV row: the multimedia CV"
see "CV formula: weighted by pupils" "the formula is named"
line_has "$FIRST:" "$FIRST_MET of 7 met" "the detail of the first school: how many met"
if [ "$FIRST_MET" -lt 7 ]; then
	see "missing:" "the detail says what the school lacks"
	n=$(screen | awk 'NR > 3 && NR < 18' | grep -c '✗')
	[ "$n" -gt 0 ] && ok "unmet values are marked ✗" || notok "unmet values are marked ✗"
fi
keys l
see "Indicators of the junior schools" "l shows the junior schools"
line_has "CV ≤ 0.45" "$(awk -F, 'NR == 2 { print $4 }' "$T/cvj.csv")" "the junior CV row with its limit"
keys q q
quits "the console quits"

# in Chinese, from the command line of the console
start 80 24 "$(conf zh)"
see "学区" "the console starts in Chinese"
keys :
text "indicators"
keys Enter
see "小学各校资源配置指标" ":indicators shows the indicators in Chinese"
line_has "学历" "多媒" "the seven columns have Chinese heads"
line_has "差异系数≤0.50" "$(awk -F, 'NR == 2 { print $4 }' "$T/cv.csv")" "the CV row in Chinese"
see "差异系数公式：按学生数加权" "the formula named in Chinese"
see "7 项达标 $FIRST_MET 项" "the detail in Chinese"
keys l
see "初中各校资源配置指标" "l in Chinese"
keys q q
quits "the console quits"
