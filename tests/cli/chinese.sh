#!/bin/sh
# chinese.sh: Chinese-first output — --headers zh exports Chinese labels for every
# enumerated value and imports back to the same data; import takes 农村 and lists the
# labels when a value is unknown, naming the column as the file's header does; names sort
# by pinyin; tables use Chinese headers in a Chinese interface; exchange list fits 80
# columns (--wide has every column); activities outside their agreement are refused; the
# demo county has a history of exchanges.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
printf '[ui]\nlanguage = zh\n' >zh.conf

# width FILE: the widest line of FILE in display columns (CJK characters are two)
width() { LC_ALL=C.UTF-8 wc -L <"$1" | tr -d ' '; }

"$BIN" --db src.db init --demo >/dev/null || notok "init --demo"

# ---- the Chinese values round trip ----
ENTITIES="schools districts members agreements activities teachers exemptions exchanges"
"$BIN" --db dst.db init >/dev/null
for e in $ENTITIES; do
	"$BIN" --db src.db export "$e" >"en-$e.csv"
	"$BIN" --db src.db export "$e" --headers zh >"zh-$e.csv"
	run --db dst.db import "$e" "zh-$e.csv"
	expect_rc 0 "$e: the --headers zh export imports"
	"$BIN" --db dst.db export "$e" >"back-$e.csv"
	same "en-$e.csv" "back-$e.csv" "$e: the same data through Chinese headers and values"
done
# every enumerated value is a Chinese label
head -1 zh-schools.csv | grep -q '学段' && ok "schools: Chinese headers" || notok "schools: Chinese headers"
for v in ',小学,' ',初中,' ',城区,' ',乡村,' ; do
	grep -q -- "$v" zh-schools.csv && ok "schools: the label $v" || notok "schools: the label $v"
done
for v in primary junior urban rural teaching_point; do
	grep -q ",$v," zh-schools.csv && notok "schools: no English $v left" || ok "schools: no English $v left"
done
for v in ',男,' ',女,' ',本科,' ',在编在岗,' ',教师,' ',是,' ',否,'; do
	grep -q -- "$v" zh-teachers.csv && ok "teachers: the label $v" || notok "teachers: the label $v"
done
grep -qE ',(M|F|bachelor|in_post|none),' zh-teachers.csv && notok "teachers: no English value left" ||
	ok "teachers: no English value left"
for v in ',轮岗,' ',已完成,' ',优秀,' ',合格,' ',已批准,' ',拟交流,'; do
	grep -q -- "$v" zh-exchanges.csv && ok "exchanges: the label $v" || notok "exchanges: the label $v"
done
grep -q ',城乡帮扶,' zh-districts.csv && ok "districts: the form in Chinese" || notok "districts: the form in Chinese"
grep -q ',牵头学校,' zh-members.csv && ok "members: the role in Chinese" || notok "members: the role in Chinese"

# ---- import: 农村 is rural; unknown values list the labels; columns as the file names them ----
printf '学校代码,学校名称,学段,城乡类型\n2145999901,柳江区测试村小,小学,农村\n' >nongcun.csv
run --db dst.db import schools nongcun.csv
expect_rc 0 "农村 is accepted as a location"
"$BIN" --db dst.db export schools | grep '^2145999901,' >row.csv
grep -q ',primary,,rural,' row.csv && ok "农村 is stored as rural" || notok "农村 is stored as rural ($(cat row.csv))"
printf '学校代码,学校名称,学段,城乡类型\n2145999902,柳江区测试二小,小学,山区\n' >bad.csv
run --db dst.db import schools bad.csv
expect_rc 1 "an unknown location: exit 1"
expect_err 'bad.csv:2: 城乡类型: ' "the error names the column as the file's header does"
expect_err "'山区' is not one of urban\|town\|rural" "the error lists the English values"
expect_err '城区\|镇区\|乡村' "the error lists the Chinese labels"
printf 'code,name,level,location\n2145999903,柳江区测试三小,小学,city\n' >bad-en.csv
run --db dst.db import schools bad-en.csv
expect_err 'bad-en.csv:2: location: ' "an English header is named as written"
printf '工号,姓名,性别,学校代码,最高学历,体育艺术教师\nT9,张三,男,2145999901,本科,也许\n' >bad-t.csv
run --db dst.db import teachers bad-t.csv
expect_err 'bad-t.csv:2: 体育艺术教师: .*是/否' "a yes/no column lists 是/否"
run --config zh.conf --db dst.db import schools bad.csv
expect_err "'山区' 不是 urban\|town\|rural（中文：城区\|镇区\|乡村）之一" "in Chinese the error says so too"

# ---- names sort by pinyin ----
"$BIN" --db py.db init >/dev/null
{
	echo 'code,name,level,location'
	n=1
	for name in 三都小学 基隆小学 拉堡小学 柳江小学 里雍小学; do
		echo "214599000$n,$name,primary,town"
		n=$((n + 1))
	done
} >py-schools.csv
run --db py.db import schools py-schools.csv
expect_rc 0 "schools named in code-point order import"
{
	echo 'name,form,lead_school_code'
	n=1
	for name in 三都学区 基隆学区 拉堡学区 柳江学区 里雍学区; do
		echo "$name,pairing,214599000$n"
		n=$((n + 1))
	done
} >py-districts.csv
run --db py.db import districts py-districts.csv
"$BIN" --db py.db export districts | tail -n +2 | cut -d, -f1 | tr '\n' ' ' >order.txt
is "$(cat order.txt)" "基隆学区 拉堡学区 里雍学区 柳江学区 三都学区 " "districts come out in pinyin order (ji la li liu san)"
"$BIN" --db src.db export districts | tail -n +2 | cut -d, -f1 | cut -c1-6 | head -3 | tr '\n' ' ' >demo-order.txt
is "$(cat demo-order.txt)" "基隆 拉堡 里雍 " "the demo's districts in pinyin order"

# ---- Chinese table headers; exchange list at 80 columns ----
run --config zh.conf --db src.db exchange list --year 2025-2026
expect_rc 0 "exchange list in Chinese: exit 0"
expect_out '^编号 +教师 +派出学校 +接收学校 +方式 +开始日期 +状态$' "exchange list: Chinese headers"
expect_out '已完成' "exchange list: Chinese statuses in the table"
cp "$T/out" list-zh.txt
w=$(width list-zh.txt)
[ "$w" -le 80 ] && ok "exchange list in Chinese fits 80 columns ($w)" || notok "exchange list in Chinese fits 80 columns ($w)"
grep -q '柳江区' list-zh.txt && notok "exchange list: no school shown with the county's prefix" ||
	ok "exchange list: no school shown with the county's prefix"
run --db src.db exchange list
cp "$T/out" list-en.txt
expect_out '^id +teacher +from_school +to_school +kind +start_date +status$' "exchange list: English headers"
w=$(width list-en.txt)
[ "$w" -le 80 ] && ok "exchange list in English fits 80 columns ($w)" || notok "exchange list in English fits 80 columns ($w)"
run --db src.db exchange list --wide
expect_out '^id +staff_no +name +from_school_code +from_school +to_school_code' "--wide: every column"
w=$(width "$T/out")
[ "$w" -gt 80 ] && ok "--wide is wider than 80 ($w)" || notok "--wide is wider than 80 ($w)"
run --config zh.conf --db src.db exchange list --format csv
expect_out '^id,staff_no,name,from_school_code' "CSV keeps the English keys for scripts"
expect_out ',completed,' "CSV keeps the English values"
run --db src.db exchange quota --year 2026-2027 --wide
expect_rc 2 "--wide goes only with list"
run --config zh.conf --db src.db exchange quota --year 2026-2027
expect_out '^范围 +名称 +符合条件 +已交流' "exchange quota: Chinese headers"
expect_out '^区县 ' "exchange quota: the scope in Chinese"
run --config zh.conf --db src.db exchange eligible --year 2026-2027
expect_out '^工号 +姓名 +学校代码' "exchange eligible: Chinese headers"

# ---- the demo's history ----
run --db src.db exchange list --year 2025-2026 --format csv
n=$(tail -n +2 "$T/out" | wc -l)
[ "$n" -gt 10 ] && ok "last year has exchanges ($n)" || notok "last year has exchanges ($n)"
notdone=$(tail -n +2 "$T/out" | awk -F, '$14 != "completed" && $14 != "extended"' | wc -l)
is "$notdone" 0 "last year's exchanges are all completed (or extended)"
noeval=$(tail -n +2 "$T/out" | awk -F, '$15 == ""' | wc -l)
is "$noeval" 0 "last year's exchanges are all evaluated"
grep -q ',excellent,' "$T/out" && ok "last year has an excellent evaluation" || notok "last year has an excellent evaluation"
grep -q ',extended,unqualified,' "$T/out" && ok "an unqualified evaluation extended one" ||
	notok "an unqualified evaluation extended one"
run --db src.db exchange list --year 2026-2027 --format csv
grep -q ',proposed,' "$T/out" && ok "this year has proposals" || notok "this year has proposals"
grep -q ',approved,' "$T/out" && ok "this year has approved exchanges" || notok "this year has approved exchanges"
run --db src.db exchange plan --year 2026-2027 --format csv
[ "$(tail -n +2 "$T/out" | wc -l)" -gt 0 ] && ok "the plan still has proposals to make" ||
	notok "the plan still has proposals to make"
run --db src.db check
expect_rc 0 "the demo's history passes check"
"$BIN" --db again.db init --demo >/dev/null
"$BIN" --db again.db export exchanges >again.csv
same en-exchanges.csv again.csv "the history is the same every time"

# ---- an activity outside its agreement is refused ----
head -2 en-activities.csv >act.csv
awk -F, 'NR == 2 { OFS = ","; $4 = "2001-01-05"; print }' en-activities.csv >>act.csv
sed -i 2d act.csv
"$BIN" --db src.db export activities >before.csv
run --db src.db import activities act.csv
expect_rc 1 "an activity before its agreement: exit 1"
expect_err 'act.csv:2: date: 2001-01-05 is outside the agreement' "the error names the date and the term"
"$BIN" --db src.db export activities >after.csv
same before.csv after.csv "nothing was written"
run --db src.db check
expect_rc 0 "check has nothing to report"
