#!/bin/sh
# inspection_indicators.sh: indicator items of the national template scored from the data
# (db_indicator_value), on a hand-made county whose figures are worked out here: two
# primary schools of 1000 pupils, their rooms, areas, equipment and teachers known, so each
# indicator is a count or an area divided by the pupils. Not run by make check until the
# indicators are built in (move it to tests/cli/ then).
. "$TOP/tests/cli/lib.sh"
cd "$T" || exit 1
me=$(id -un)
A=2145980001
B=2145980002

cat >schools.csv <<CSV
code,name,short_name,level,town,location,lat,lon,students,classes,staff_quota,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,music_rooms,art_rooms,hardship
$A,指标测试甲小学,甲小,primary,拉堡镇,urban,,,1000,24,60,5000,8000,2500000,20,1,1,0
$B,指标测试乙小学,乙小,primary,拉堡镇,urban,,,1000,24,60,5000,8000,2500000,19,1,1,0
CSV
# each school: 45 teachers with a bachelor's degree, 12 of them county backbone teachers,
# 10 of them PE or art teachers
{
	echo "staff_no,name,gender,birth_date,school_code,subjects,title,education,backbone_level,pe_art,employment,post,post_since,joined_school_on"
	for s in $A $B; do
		i=0
		while [ $i -lt 45 ]; do
			i=$((i + 1))
			bb=none; pa=0
			[ $i -le 12 ] && bb=county
			[ $i -gt 35 ] && pa=1
			printf 'K%s%02d,教师%s%02d,F,1985-01-01,%s,语文,一级教师,bachelor,%s,%s,in_post,teacher,,2015-09-01\n' \
				"${s#21459800}" $i "${s#21459800}" $i $s $bb $pa
		done
	done
} >teachers.csv
"$BIN" --db c.db init >/dev/null 2>&1
"$BIN" --db c.db import schools schools.csv >/dev/null 2>&1
"$BIN" --db c.db import teachers teachers.csv >/dev/null 2>&1

# the values worked out here: per 100 pupils = count * 100 / 1000, per pupil = figure / 1000
hand() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%g", a / b }'; }
want_q=$(hand 4500 1000)    # 45 qualified teachers
want_bb=$(hand 1200 1000)   # 12 backbone
want_pe=$(hand 1000 1000)   # 10 PE/art
want_ta=$(hand 5000 1000)
want_sa=$(hand 8000 1000)
want_eq=$(hand 2500000 1000)
want_mmA=$(hand 2000 1000)  # 20 rooms: 2 of 2.3, 87 %
want_mmB=$(hand 1900 1000)  # 19 rooms: 1.9 of 2.3, 82.6 %

for s in $A $B; do
	run --db c.db inspection add --template 1 --school $s --date 2026-09-01 --team "$me" --stage primary
	expect_rc 0 "inspection of $s planned"
done
for id in 1 2; do
	n=0
	for i in 1 2 3 4 5 6 7; do
		run --db c.db inspection score $id $i
		[ "$rc" -eq 0 ] && n=$((n + 1))
	done
	is "$n" 7 "inspection $id: the seven indicators computed"
done
run --db c.db inspection show 1 --format csv
col() { awk -F, -v i="$1" 'NR == i + 1 { print $4 }' "$T/out"; }
thr() { awk -F, -v i="$1" 'NR == i + 1 { print $5 }' "$T/out"; }
is "$(col 1)" "$want_q" "qualified teachers per 100 pupils"
is "$(col 2)" "$want_bb" "backbone teachers per 100 pupils"
is "$(col 3)" "$want_pe" "PE and art teachers per 100 pupils"
is "$(col 4)" "$want_ta" "teaching area per pupil"
is "$(col 5)" "$want_sa" "sports area per pupil"
is "$(col 6)" "$want_eq" "equipment per pupil"
is "$(col 7)" "$want_mmA" "multimedia rooms per 100 pupils"
is "$(thr 7)" 2.3 "the multimedia threshold is the policy's"
run --db c.db inspection show 1
expect_out 'verdict: pass$' "six met and the seventh at 87 % of its threshold: pass"
expect_out 'indicators met: 6 of 7' "six of seven met"
run --db c.db inspection show 2 --format csv
is "$(col 7)" "$want_mmB" "the second school's multimedia rooms per 100 pupils"
run --db c.db inspection show 2
expect_out 'verdict: fail$' "the seventh below 85 % of its threshold: fail"
# the policy is the source of the thresholds: lower it and a new score passes
run --db c.db policy set indicators.multimedia_rooms_primary=1.9
expect_rc 0 "policy set: the multimedia threshold lowered to 1.9"
run --db c.db inspection score 2 7
run --db c.db inspection show 2 --format csv
is "$(thr 7)" 1.9 "the threshold follows the policy at scoring time"
run --db c.db inspection show 1 --format csv
is "$(thr 7)" 2.3 "a result scored earlier keeps the threshold it was scored with"
# an override keeps the computed value beside it
run --db c.db inspection score 1 7 2.4 --note 新装四间
run --db c.db inspection show 1 --format csv
is "$(awk -F, 'NR == 8 { print $4 ":" $8 }' "$T/out")" "2.4:$want_mmA" "the override and the computed value kept"
