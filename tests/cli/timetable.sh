#!/bin/sh
# timetable.sh: the timetables' data — terms (term add and list, their refusals), and the
# CSV of terms, bell times (a school's own and the term's), travel minutes (either order),
# subjects and classes: import all or nothing with lines named, export, the round trip in
# English and Chinese headers, and who may write them.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
S1=2145990001
S2=2145990002

"$BIN" --db t.db init >/dev/null 2>&1
for e in schools districts members teachers; do "$BIN" --db t.db import $e "$D/$e.csv" >/dev/null 2>&1; done

# ---- term add / list ----
run --db t.db term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10
expect_rc 0 "term add: exit 0"
expect_out '^term 2025-2026/2 added: 2026-03-02 to 2026-07-10, 5 days of 8 periods$' "term add: says what it added, the week's defaults"
run --db t.db term add 2026-2027/1 --first 2026-09-01 --last 2027-01-22 --days 6 --periods 7
expect_rc 0 "term add with its week: exit 0"
run --db t.db term list --format csv
expect_rc 0 "term list: exit 0"
is "$(cat "$T/out")" "term,first_day,last_day,days,periods,weeks
2026-2027/1,2026-09-01,2027-01-22,6,7,21
2025-2026/2,2026-03-02,2026-07-10,5,8,19" "term list: newest first, with the weeks"
run --db t.db term add 2025-2027/1 --first 2026-03-02 --last 2026-07-10
expect_rc 1 "a term of two years apart: exit 1"
expect_err "not a term: YYYY-YYYY/N" "a bad term name: says what a term is"
run --db t.db term add 2027-2028/1 --first 2027-09-01 --last 2027-08-01
expect_rc 1 "a term ending before it starts: exit 1"
expect_err 'before the first day' "a term ending before it starts: says so"
run --db t.db term add 2027-2028/1 --first 2027-09-01 --last 2028-01-01 --days 21
expect_rc 1 "a week of 21 days: exit 1"
run --db t.db term add 2027-2028/1 --first 2027-09-01 --last 2028-01-01 --periods 31
expect_rc 1 "31 periods a day: exit 1"
run --db t.db term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10
expect_rc 1 "a term twice: exit 1"
expect_err 'duplicate' "a term twice: says so"
run --db t.db term add 2027-2028/1 --first 2027-09-01
expect_rc 2 "term add without --last: exit 2"
run --db t.db term add --first 2027-09-01 --last 2028-01-01
expect_rc 2 "term add without a name: exit 2"
run --db t.db term frob
expect_rc 2 "term frob: exit 2"
run --db t.db term list --days 5
expect_rc 2 "term list with an option of add: exit 2"
is "$("$BIN" --db t.db term list --format csv | wc -l | tr -d ' ')" 3 "the refused terms added nothing"

# ---- terms as CSV ----
cat >terms.csv <<'CSV'
name,first_day,last_day,days,periods,day_names,period_names
2024-2025/2,2025-03-03,2025-07-04,5,7,一;二;三;四;五,第1节;第2节;第3节;第4节;第5节;第6节;第7节
CSV
run --db t.db import terms terms.csv
expect_rc 0 "import terms: exit 0"
"$BIN" --db t.db export terms >terms.out
is "$(sed -n 2p terms.out)" "2024-2025/2,2025-03-03,2025-07-04,5,7,一;二;三;四;五,第1节;第2节;第3节;第4节;第5节;第6节;第7节" \
	"export terms: oldest first, with the names"
printf 'name,first_day,last_day,days,periods,day_names\n2023-2024/1,2023-09-01,2024-01-20,5,8,一;二;三\n' >bad.csv
run --db t.db import terms bad.csv
expect_rc 1 "three day names for five days: exit 1"
expect_err 'bad.csv:2: day_names: 3 names for 5 days' "three day names for five days: names the line and column"

# ---- bell times ----
cat >bells.csv <<CSV
term,school_code,period,start,end
2025-2026/2,,1,08:00,08:40
2025-2026/2,,2,08:50,09:30
2025-2026/2,$S2,1,08:30,09:10
2025-2026/2,$S2,2,09:20,10:00
CSV
run --db t.db import bells bells.csv
expect_rc 0 "import bells: exit 0"
expect_out 'bells: 4 rows .*4 added' "import bells: four added"
run --db t.db export bells
same bells.csv "$T/out" "export bells: the term's own first, then each school's, by period"
run --db t.db import bells bells.csv
expect_out '4 unchanged' "the same bells again: unchanged"
sed 's/08:50,09:30/08:55,09:35/' bells.csv >bells2.csv
run --db t.db import bells bells2.csv
expect_out '1 updated' "a changed time: one updated"
printf 'term,school_code,period,start,end\n2025-2026/2,,3,10:00,09:40\n2025-2026/2,,9,10:00,10:40\n2025-2026/2,,4,25:00,25:40\n2030-2031/1,,1,08:00,08:40\n2025-2026/2,2145999999,1,08:00,08:40\n' >badbells.csv
run --db t.db import bells badbells.csv
expect_rc 1 "bad bells: exit 1"
expect_err 'badbells.csv:2: end: 09:40 is not after the start 10:00' "a period ending before it starts"
expect_err 'badbells.csv:3: period: 9 is not a period of the term \(1 to 8\)' "a period the term does not have"
expect_err "badbells.csv:4: .*'25:00' is not a clock time" "a clock time past midnight"
expect_err 'badbells.csv:5: .*unknown term 2030-2031/1' "an unknown term"
expect_err 'badbells.csv:6: .*unknown school code 2145999999' "an unknown school"
is "$("$BIN" --db t.db export bells | wc -l | tr -d ' ')" 5 "refused bells: nothing imported"

# ---- travel ----
cat >travel.csv <<CSV
from_code,to_code,minutes,note
$S2,$S1,35,山路
CSV
run --db t.db import travel travel.csv
expect_rc 0 "import travel: exit 0"
run --db t.db export travel
is "$(sed -n 2p "$T/out")" "$S1,$S2,35,山路" "export travel: the pair in order"
printf 'from_code,to_code,minutes\n%s,%s,40\n' $S1 $S2 >travel2.csv
run --db t.db import travel travel2.csv
expect_out '1 updated' "the same pair the other way round: the same row, updated"
printf 'from_code,to_code,minutes\n%s,%s,10\n%s,%s,601\n' $S1 $S1 $S1 $S2 >badtravel.csv
run --db t.db import travel badtravel.csv
expect_rc 1 "bad travel: exit 1"
expect_err 'badtravel.csv:2: .*itself' "a school and itself: refused"
expect_err 'badtravel.csv:3: .*out of range' "601 minutes: refused"

# ---- subjects ----
cat >subjects.csv <<'CSV'
code,name,room_kind
ART,美术,art
CHN,语文,
MUS,音乐,music
PE,体育,playground
CSV
run --db t.db import subjects subjects.csv
expect_rc 0 "import subjects: exit 0"
run --db t.db export subjects
same subjects.csv "$T/out" "export subjects: the round trip"
run --db t.db export subjects --headers zh
expect_out '^科目代码,科目名称,教室类型$' "export subjects in Chinese: the headers"
expect_out '^PE,体育,操场$' "export subjects in Chinese: the room kind's label"
"$BIN" --db t.db export subjects --headers zh >subjects_zh.csv
"$BIN" --db t2.db init >/dev/null 2>&1
run --db t2.db import subjects subjects_zh.csv
expect_rc 0 "the Chinese file imports"
run --db t2.db export subjects
same subjects.csv "$T/out" "Chinese in, English out: the same subjects"
printf 'code,name,room_kind\nSCI,科学,lab\n' >badsubj.csv
run --db t.db import subjects badsubj.csv
expect_rc 1 "an unknown room kind: exit 1"
expect_err "'lab' is not one of classroom" "an unknown room kind: lists the kinds"

# ---- classes ----
cat >classes.csv <<CSV
term,school_code,name,grade,students,home_room
2025-2026/2,$S1,三年级1班,3,45,
2025-2026/2,$S1,三年级2班,3,44,
2025-2026/2,$S2,一年级1班,1,30,
CSV
run --db t.db import classes classes.csv
expect_rc 0 "import classes: exit 0"
run --db t.db export classes
same classes.csv "$T/out" "export classes: the round trip"
printf 'term,school_code,name,grade,home_room\n2025-2026/2,%s,四年级1班,4,101\n' $S1 >badclass.csv
run --db t.db import classes badclass.csv
expect_rc 1 "a home room the school lacks: exit 1"
expect_err 'badclass.csv:2: home_room: the school 2145990001 has no room named 101' "a home room the school lacks: says so"
printf 'term,school_code,name\n2025-2026/2,%s,四年级1班\n' $S1 >noclassgrade.csv
run --db t.db import classes noclassgrade.csv
expect_rc 1 "a new class without its grade: exit 1"

# ---- groups and subgroups ----
cat >groups.csv <<CSV
term,school_code,class,name,parent,students
2025-2026/2,$S1,三年级1班,女生,,22
2025-2026/2,$S1,三年级1班,男生,,23
2025-2026/2,$S1,三年级1班,男生甲,男生,12
CSV
run --db t.db import groups groups.csv
expect_rc 0 "import groups: exit 0"
run --db t.db export groups
same groups.csv "$T/out" "export groups: groups before their subgroups"
printf 'term,school_code,class,name,parent\n2025-2026/2,%s,三年级1班,甲甲,男生甲\n2025-2026/2,%s,九年级1班,甲,\n2025-2026/2,%s,三年级1班,乙,丙\n' $S1 $S1 $S1 >badgroups.csv
run --db t.db import groups badgroups.csv
expect_rc 1 "bad groups: exit 1"
expect_err 'badgroups.csv:2: parent: 男生甲 is a subgroup itself' "a subgroup of a subgroup: refused"
expect_err 'badgroups.csv:3: class: the school 2145990001 has no class 九年级1班' "a group of an unknown class"
expect_err 'badgroups.csv:4: parent: the class 三年级1班 has no group 丙' "a subgroup of an unknown group"

# ---- unavailable slots and teachers' rules ----
cat >unav.csv <<CSV
term,kind,who,school_code,day,period
2025-2026/2,teacher,Z0000001,,5,7
2025-2026/2,class,三年级1班,$S1,3,8
CSV
run --db t.db import unavailable unav.csv
expect_rc 0 "import unavailable: exit 0"
run --db t.db import unavailable unav.csv
expect_out '2 unchanged' "the same slots again: unchanged"
run --db t.db export unavailable --headers zh
expect_out '^学期,类别,对象,学校代码,星期,节次,权重$' "export unavailable in Chinese: the headers"
expect_out "^2025-2026/2,教师,Z0000001,,5,7,100\$" "a teacher's slot, in Chinese"
printf 'term,kind,who,school_code,day,period\n2025-2026/2,class,三年级1班,,1,1\n2025-2026/2,room,101,%s,1,1\n2025-2026/2,teacher,Z0000001,,6,1\n' $S1 >badunav.csv
run --db t.db import unavailable badunav.csv
expect_rc 1 "bad slots: exit 1"
expect_err 'badunav.csv:2: school_code: a class or a room is named within its school' "a class without its school"
expect_err 'badunav.csv:3: who: the school 2145990001 has no room named 101' "an unknown room"
expect_err 'badunav.csv:4: day: day 6, period 1 is not a slot of the term' "a day the week lacks"
printf 'term,staff_no,min_travel,max_changes,max_days,max_gaps,min_gap_periods\n2025-2026/2,Z0000002,40,1,4,,2\n' >rules.csv
run --db t.db import teacher_rules rules.csv
expect_rc 0 "import teacher_rules: exit 0"
run --db t.db export teacher_rules
same rules.csv "$T/out" "export teacher_rules: empty for the default"

# ---- courses and their lessons ----
cat >courses.csv <<CSV
term,course,school_code,subject,students,teachers,lessons,length,different_days,rooms,preferred_rooms,room_kind,note
2025-2026/2,1,$S1,CHN,三年级1班,Z0000001,5,1,1,,,,
2025-2026/2,2,$S1,PE,三年级1班;三年级2班,,2,2,0,,,playground,合班
CSV
run --db t.db import courses courses.csv
expect_rc 0 "import courses: exit 0"
run --db t.db export courses
same courses.csv "$T/out" "export courses: the round trip, lists in their order"
run --db t.db export lessons --format csv
run --db t.db export lessons
is "$(head -1 "$T/out")" "term,course,seq,fet_id,class,subject,teacher,school,day,period,room,locked" \
	"export lessons: the columns"
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 7 "a course makes its lessons: 5 + 2"
is "$(sed -n 2p "$T/out")" "2025-2026/2,1,1,,三年级1班,CHN,Z0000001,$S1,,,,0" "a lesson not placed yet"
printf 'term,course,seq,day,period,locked\n2025-2026/2,1,1,1,1,1\n2025-2026/2,2,1,3,7,0\n' >place.csv
run --db t.db import lessons place.csv
expect_rc 0 "lessons placed by import: exit 0"
run --db t.db export lessons
expect_out "^2025-2026/2,1,1,,三年级1班,CHN,Z0000001,$S1,1,1,,1\$" "a placed, locked lesson: day and period from 1"
printf 'term,course,seq,day,period,locked\n2025-2026/2,2,2,3,8,0\n2025-2026/2,1,2,6,1,0\n2025-2026/2,1,3,,,1\n2025-2026/2,1,9,1,1,0\n2025-2026/2,1,4,1,,0\n' >badplace.csv
run --db t.db import lessons badplace.csv
expect_rc 1 "bad placements: exit 1"
expect_err 'badplace.csv:2: period: a lesson of 2 periods from period 8 does not fit' "a double lesson past the last period"
expect_err "badplace.csv:3: day: 6 is not a day of the term's week" "a day the week lacks"
expect_err 'badplace.csv:4: locked: only a placed lesson is locked' "a lock without a place"
expect_err 'badplace.csv:5: .*course 1 has no lesson 9' "a lesson the course lacks"
expect_err 'badplace.csv:6: day: a lesson has a day and a period, or neither' "a day without a period"
sed 's/,5,1,1,,,,$/,3,1,1,,,,/' courses.csv >courses3.csv
run --db t.db import courses courses3.csv
expect_out '1 updated' "a course's lessons cut from 5 to 3"
is "$("$BIN" --db t.db export lessons | awk -F, '$2 == 1' | wc -l | tr -d ' ')" 3 "the lessons past 3 are gone"
sed 's/,5,1,1,,,,$/,0,1,1,,,,/' courses.csv >courses0.csv
run --db t.db import courses courses0.csv
expect_rc 1 "a course of no lessons: exit 1"
printf 'term,course,seq,day,period,locked\n2025-2026/2,1,3,2,2,1\n' >lock3.csv
"$BIN" --db t.db import lessons lock3.csv >/dev/null 2>&1
sed 's/,5,1,1,,,,$/,2,1,1,,,,/' courses.csv >courses2.csv
run --db t.db import courses courses2.csv
expect_rc 1 "cutting a locked lesson: exit 1"
expect_err 'lesson 3 of the course is placed and locked' "cutting a locked lesson: says so"
printf 'term,course,school_code,subject,students,lessons\n2025-2026/2,3,%s,XYZ,三年级1班,2\n2025-2026/2,4,%s,CHN,五年级9班,2\n2025-2026/2,5,%s,CHN,三年级1班/丁,2\n2025-2026/2,6,%s,CHN,,2\n' $S1 $S1 $S1 $S1 >badcourses.csv
run --db t.db import courses badcourses.csv
expect_rc 1 "bad courses: exit 1"
expect_err 'badcourses.csv:2: subject: unknown subject XYZ' "an unknown subject"
expect_err 'badcourses.csv:3: students: the school 2145990001 has no class 五年级9班' "an unknown class"
expect_err 'badcourses.csv:4: students: the class 三年级1班 has no group 丁' "an unknown group"
expect_err 'badcourses.csv:5: ' "a course without students"

printf 'term,course,school_code,subject,students,lessons\n2025-2026/2,7,%s,PE,三年级1班/男生甲;三年级2班,1\n' $S1 >groupcourse.csv
run --db t.db import courses groupcourse.csv
expect_rc 0 "a course of a subgroup and a class: exit 0"
run --db t.db export courses
expect_out "^2025-2026/2,7,$S1,PE,三年级1班/男生甲;三年级2班," "a course of a subgroup and a class: exported as given"

# a teacher of another school: only on an approved exchange to the course's school
printf 'term,course,school_code,subject,students,teachers,lessons\n2025-2026/2,3,%s,PE,三年级2班,Z0000002,2\n' $S1 >shared.csv
run --db t.db import courses shared.csv
expect_rc 1 "a teacher of another school: exit 1"
expect_err 'Z0000002 覃志强 works at another school and has no approved exchange to 2145990001 during 2025-2026/2' \
	"a teacher of another school: says why"
id=$("$BIN" --db t.db exchange add Z0000002 $S1 --start 2026-03-01 --end 2026-07-31 --kind itinerant --share 0.4 --reason voluntary 2>/dev/null | sed -n 's/^exchange \([0-9]*\):.*/\1/p')
run --db t.db import courses shared.csv
expect_rc 1 "a proposed exchange is not yet enough: exit 1"
"$BIN" --db t.db exchange approve "$id" >/dev/null 2>&1
run --db t.db import courses shared.csv
expect_rc 0 "an approved itinerant exchange makes the teacher available at the receiving school"

# ---- who may write ----
"$BIN" --db t.db operator add boss admin >/dev/null 2>&1
"$BIN" --db t.db operator add "$(id -un)" viewer >/dev/null 2>&1
run --db t.db term add 2027-2028/1 --first 2027-09-01 --last 2028-01-20
expect_rc 1 "a viewer adds no term: exit 1"
expect_err 'permission denied' "a viewer adds no term: says so"
printf 'code,name\nIT,信息技术\n' >it.csv
run --db t.db import subjects it.csv
expect_rc 1 "a viewer imports no subject: exit 1"
run --db t.db history --table term --format csv
expect_out ',added,' "terms are in the audit log"
run --db t.db check
expect_rc 0 "xuequ check: clean"
