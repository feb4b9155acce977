#!/bin/sh
# timetable_soft.sh: soft rules on days from a FET file: `timetable solve` keeps those it can
# and ends with the soft score of the one it cannot (a teacher's lessons on one day, against
# a hard "days apart"), the same seed the same timetable; `timetable check` lists a soft
# violation after the hard ones with its weight and adds the soft score to its last line,
# exit 0 for soft violations alone and 1 with a hard one; `repair` ends with the soft score
# too; in Chinese as well. Soft "not available" slots and soft preferred rooms and home
# rooms the same way, each with its weight, written back by export-fet and kept by the CSV.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

sql() { sqlite3 "$1" "$2" 2>&1; }
cp "$TOP/tests/cli/data/soft_days.fet" soft.fet
grep -v '<Weight_Percentage>[0-9][0-9]</Weight_Percentage>' soft.fet >hard.fet

newdb() {
	"$BIN" --db "$1" init >/dev/null 2>&1
	"$BIN" --db "$1" term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10 >/dev/null 2>&1
}
# place FET_ID DAY PERIOD...: lessons moved (DAY and PERIOD empty: taken out) by a CSV import
place() {
	"$BIN" --db t.db export lessons >lessons.csv 2>/dev/null
	echo "term,course,seq,day,period" >moves.csv
	while [ $# -ge 3 ]; do
		awk -F, -v id="$1" -v d="$2" -v p="$3" '$4 == id { print $1 "," $2 "," $3 "," d "," p }' lessons.csv >>moves.csv
		shift 3
	done
	"$BIN" --db t.db import lessons moves.csv >moves.out 2>&1 || { notok "setup: lessons moved"; sed 's/^/#   /' moves.out; }
}
newdb t.db
run --db t.db timetable import-fet soft.fet --create
expect_rc 0 "setup: the FET file with soft rules on days imported"
is "$(sql t.db "SELECT group_concat(kind || ':' || weight, ' ') FROM (SELECT * FROM day_rule ORDER BY kind)")" \
	"early_second:60.0 max_days:70.0 max_gaps_day:90.0 max_gaps_week:80.0" "setup: four soft rules on days, with their weights"

# 王芳's three lessons fall on three days (hard), so her one day a week (70) is broken by
# two days: 2 × 70; every other soft rule can be kept, and is
run --db t.db timetable solve --seed 3
expect_rc 0 "solve: exit 0"
expect_out '^2025-2026/2: 5 of 5 lessons placed \(0 locked\); 0 hard violations; soft score 140; [0-9.]+ s$' \
	"solve ends with placed, hard violations, the soft score and the seconds"
is "$(tail -n 1 "$T/out" | sed 's/; [0-9.]* s$//')" "2025-2026/2: 5 of 5 lessons placed (0 locked); 0 hard violations; soft score 140" \
	"the soft score is the last line's, before the seconds"
expect_out '^2025-2026/2: soft rules not kept: 1 times$' "and the soft violations are counted"
is "$(sql t.db "SELECT count(DISTINCT day) FROM lesson l JOIN course c ON c.id = l.course_id JOIN subject s ON s.id = c.subject_id WHERE s.code = 'CHN'")" 3 \
	"the hard rule kept: 王芳's lessons on three days"
sql t.db "SELECT fet_id || '@' || day || '.' || period FROM lesson ORDER BY fet_id" >first.txt

run --db t.db timetable check
expect_rc 0 "check: soft violations alone, exit 0"
expect_out '^soft, weight 70: 王芳 has lessons on 3 days of the week; at most 1$' "the soft violation in words, with its weight"
is "$(grep -c '^soft, ' "$T/out")" 1 "only the soft rule that cannot be kept is listed"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 5 of 5 lessons placed; no hard violation; soft score 140" "the last line adds the soft score"

# the same seed from the same start: the same timetable
place 1 '' '' 2 '' '' 3 '' '' 4 '' '' 5 '' ''
is "$(sql t.db "SELECT count(*) FROM lesson WHERE day IS NULL")" 5 "setup: every lesson taken out again"
run --db t.db timetable solve --seed 3
sql t.db "SELECT fet_id || '@' || day || '.' || period FROM lesson ORDER BY fet_id" >again.txt
same first.txt again.txt "the same seed, the same timetable"

# by hand: 王芳 at the first period of days 1 to 3, 李明 at the first and third of day 4;
# his no-gaps rule (90) and the class's gaps in the week (80) now broken by one each
place 1 1 1 2 2 1 3 3 1 4 4 1 5 4 3
run --db t.db timetable check
expect_rc 0 "check: more soft violations, still exit 0"
expect_out '^soft, weight 90: 李明 has 1 free periods between lessons on day 4; at most 0$' "a teacher's gap, weight 90"
expect_out '^soft, weight 80: 三年级1班 has 1 free periods between lessons in the week; at most 0$' "the class's gap in the week, weight 80"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 5 of 5 lessons placed; no hard violation; soft score 310" \
	"the score sums weight times amount: 2 × 70 + 90 + 80"

# a hard violation beside the soft ones: 李明's first lesson with 王芳's on day 1; day 4 now
# begins at the third period (60)
place 4 1 1
run --db t.db timetable check
expect_rc 1 "check: a hard violation, exit 1"
first_soft=$(grep -n '^soft, ' "$T/out" | head -n 1 | cut -d: -f1)
hard=$(grep -n 'at once: day 1, period 1$' "$T/out" | head -n 1 | cut -d: -f1)
[ -n "$first_soft" ] && [ -n "$hard" ] && [ "$hard" -lt "$first_soft" ] && ok "the hard violation comes before the soft ones" ||
	notok "the hard violation comes before the soft ones: $(cat "$T/out")"
expect_out '^soft, weight 60: 三年级1班 begins the day later than the first period too often' "a late beginning, weight 60"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 5 of 5 lessons placed; 1 hard violations; soft score 200" \
	"the last line: hard violations as before, then the soft score"

# repair: back to every hard rule, and the soft score at the end
run --db t.db timetable repair --seed 5
expect_rc 0 "repair: exit 0"
expect_out 'lessons moved \(at least [0-9]+ had to\)' "repair says what moved"
expect_out '^2025-2026/2: 5 of 5 lessons placed \(0 locked\); 0 hard violations; soft score [0-9]+; [0-9.]+ s$' "repair ends with the soft score"
run --db t.db timetable check
expect_rc 0 "check after the repair: no hard violation"

# in Chinese
printf '[ui]\nlanguage = zh\n' >zh.conf
XUEQU_CONFIG=$T/zh.conf run --db t.db timetable check
expect_out '^软约束,权重 70: ' "a soft line in Chinese, with its weight"
expect_out '没有硬性冲突;软约束扣分 [0-9]+$' "the soft score in Chinese"
XUEQU_CONFIG=$T/zh.conf run --db t.db timetable solve --seed 3
expect_out '软约束扣分 140;[0-9.]+ 秒$' "solve's last line in Chinese"

# a term without soft rules (the same file, its soft constraints left out): no soft line,
# the score 0 on solve's last line, check's last line as it always was
newdb h.db
run --db h.db timetable import-fet hard.fet --create
expect_rc 0 "setup: the file without soft rules imported"
run --db h.db timetable solve --seed 3
expect_out '^2025-2026/2: 5 of 5 lessons placed \(0 locked\); 0 hard violations; soft score 0; [0-9.]+ s$' "no soft rule: soft score 0"
if grep -q 'soft rules not kept' "$T/out"; then notok "no soft rule: no count of them"; else ok "no soft rule: no count of them"; fi
run --db h.db timetable check
expect_rc 0 "no soft rule: check exit 0"
is "$(cat "$T/out")" "2025-2026/2: 5 of 5 lessons placed; no hard violation" "no soft rule: check says only what it always said"

# ---- slots had rather not: FET's soft "not available" times, with their weights ----
# 王芳 cannot teach on Thursday (hard) and had rather not on Monday and Tuesday (95); her
# three lessons fall on different days, so one of them costs 95; the class had rather not
# have Friday's last two periods (85), room R1 any period (75): both kept
cp "$TOP/tests/cli/data/soft_places.fet" places.fet
newdb p.db
run --db p.db timetable import-fet places.fet --create
expect_rc 0 "soft not available: imported"
if grep -q 'NotAvailableTimes' "$T/err"; then notok "soft not available: taken, not noted as not enforced: $(cat "$T/err")"
else ok "soft not available: taken, not noted as not enforced"; fi
is "$(sql p.db "SELECT group_concat(w, ' ') FROM (SELECT weight || '×' || count(*) AS w FROM unavailable GROUP BY weight ORDER BY weight)")" \
	"75.0×20 85.0×2 95.0×8 100.0×4" "every slot with its weight: 100 not available, less had rather not"
run --db p.db timetable solve --seed 3
expect_rc 0 "soft not available: solve exit 0"
expect_out '^2025-2026/2: 5 of 5 lessons placed \(0 locked\); 0 hard violations; soft score 95; [0-9.]+ s$' \
	"solve: only the one slot that cannot be kept, weight 95"
is "$(sql p.db "SELECT count(*) FROM lesson WHERE day = 4 AND course_id IN (SELECT c.id FROM course c JOIN subject s ON s.id = c.subject_id WHERE s.code = 'CHN')")" 0 \
	"the hard slots kept: nothing of 王芳's on Thursday"
is "$(sql p.db "SELECT count(*) FROM lesson WHERE day = 5 AND period >= 3")" 0 "the class's Friday afternoon kept"
is "$(sql p.db "SELECT group_concat(DISTINCT r.name) FROM lesson l JOIN room r ON r.id = l.room_id")" "R2" \
	"the mathematics lessons in R2: R1 had rather not"
run --db p.db timetable check
expect_rc 0 "check: a soft slot alone, exit 0"
expect_out '^soft, weight 95: 王芳 teaches CHN 三年级1班 on day [12], period [1-4], when not available$' \
	"check: the teacher's slot in words, with its weight"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 5 of 5 lessons placed; no hard violation; soft score 95" "check: the soft score"

# by hand: a mathematics lesson in R1 on Friday's third period: the room's slot (75) and the
# class's (85) broken too
"$BIN" --db p.db export lessons >plessons.csv 2>/dev/null
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "term,course,seq,day,period,room"; next }
	$c["fet_id"] == 4 { print $c["term"] "," $c["course"] "," $c["seq"] ",5,3,R1" }' plessons.csv >pmove.csv
run --db p.db import lessons pmove.csv
expect_rc 0 "setup: a lesson moved into soft slots"
run --db p.db timetable check
expect_rc 0 "check: soft slots alone, still exit 0"
expect_out '^soft, weight 85: 三年级1班 has MAT 三年级1班 on day 5, period 3, when not available$' "the class's slot, weight 85"
expect_out '^soft, weight 75: room R1 holds MAT 三年级1班 on day 5, period 3, when not available$' "the room's slot, weight 75"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 5 of 5 lessons placed; no hard violation; soft score 255" \
	"the soft score: 95 + 85 + 75"
run --db p.db timetable repair --seed 5
expect_rc 0 "repair: exit 0"
# a lesson away from its place weighs 200, more than its slots (85 + 75): it keeps its time,
# and takes a room without soft slots
expect_out '0 lessons moved' "repair: soft slots alone move no lesson"
expect_out 'soft score 180; [0-9.]+ s$' "repair: the room the slots weigh least in"

# export-fet writes each weight back, and the file imports as the same slots
run --db p.db timetable export-fet places-out.fet
expect_rc 0 "export-fet: exit 0"
is "$(grep -c '<Weight_Percentage>95</Weight_Percentage>' places-out.fet)" 1 "the teacher's soft slots, one constraint of weight 95"
newdb q.db
run --db q.db timetable import-fet places-out.fet --create
expect_rc 0 "the exported file imports"
unav() { sql "$1" "SELECT coalesce(e.staff_no, k.name, r.name) || ' ' || u.day || '.' || u.period || ' ' || u.weight FROM unavailable u
	LEFT JOIN teacher e ON e.id = u.teacher_id LEFT JOIN class k ON k.id = u.class_id LEFT JOIN room r ON r.id = u.room_id ORDER BY 1"; }
unav p.db >p-unav.txt
unav q.db >q-unav.txt
same p-unav.txt q-unav.txt "import, export, import: the same slots with the same weights"
# locked, for fet-cl to confirm: every soft constraint inactive, every hard one active
run --db p.db timetable export-fet places-locked.fet --locked
expect_rc 0 "export-fet --locked: exit 0"
awk '/<Constraint/ { c = 1; w = "" } /<Activity>/ { c = 0 } /<Weight_Percentage>/ { gsub(/[^0-9.]/, ""); w = $0 }
	c && /<Active>/ { a = $0 ~ /true/; if ((w + 0 < 100) == a) bad++; n++ }
	END { print (n > 0 && !bad) ? "ok" : "bad " bad " of " n }' places-locked.fet >locked.txt
is "$(cat locked.txt)" ok "export-fet --locked: the soft constraints written inactive, the hard ones active"

# the CSV form keeps the weight, and a slot's weight may be changed there
run --db p.db export unavailable
expect_out '^term,kind,who,school_code,day,period,weight$' "export unavailable: the weight column"
expect_out ',1,1,95$' "a soft slot's weight"
grep ',room,R1,.*,1,1,75$' "$T/out" | sed 's/,75$/,50/' | { echo "term,kind,who,school_code,day,period,weight"; cat; } >reweigh.csv
run --db p.db import unavailable reweigh.csv
expect_rc 0 "import unavailable: a weight changed"
expect_out '1 updated' "the slot updated"
is "$(sql p.db "SELECT weight FROM unavailable u JOIN room r ON r.id = u.room_id WHERE r.name = 'R1' AND day = 1 AND period = 1")" 50.0 \
	"its new weight stored"
# a slot not available (100) read back with its weight cell empty: the same slot, unchanged
run --db p.db export unavailable
grep ',100$' "$T/out" | head -n 1 | sed 's/,100$/,/' | { echo "term,kind,who,school_code,day,period,weight"; cat; } >noweight.csv
revs=$(sql p.db "SELECT sum(rev) FROM unavailable")
run --db p.db import unavailable noweight.csv
expect_rc 0 "import unavailable: an empty weight"
expect_out '1 unchanged' "an empty weight against a stored 100: unchanged"
is "$(sql p.db "SELECT sum(rev) FROM unavailable")" "$revs" "and nothing written"

# ---- rooms had rather: FET's soft preferred rooms and home rooms, with their weights ----
# the class had rather be in its home room 101 (95), music in 音乐室 (90), which is free on
# Wednesday's first period only; mathematics may only use 101 or 102 and had rather 102 (80)
cp "$TOP/tests/cli/data/soft_rooms.fet" rooms.fet
newdb r.db
run --db r.db timetable import-fet rooms.fet --create
expect_rc 0 "soft rooms: imported"
if grep -q 'Room' "$T/err"; then notok "soft rooms: taken, not noted as not enforced: $(cat "$T/err")"
else ok "soft rooms: taken, not noted as not enforced"; fi
croom() { sql "$1" "SELECT group_concat(x, ' ') FROM (SELECT s.code || ':' || r.name || ':' || cr.weight AS x FROM course_room cr
	JOIN course c ON c.id = cr.course_id JOIN subject s ON s.id = c.subject_id JOIN room r ON r.id = cr.room_id ORDER BY 1)"; }
is "$(croom r.db)" "CHN:101:95.0 MAT:101:100.0 MAT:102:80.0 MUS:音乐室:90.0" \
	"each course's rooms: the home room and the subject's room had rather, mathematics limited to two and preferring one"
run --db r.db timetable solve --seed 3
expect_rc 0 "soft rooms: solve exit 0"
expect_out '^2025-2026/2: 9 of 9 lessons placed \(0 locked\); 0 hard violations; soft score 90; [0-9.]+ s$' \
	"solve: only the music lesson 音乐室 cannot hold, weight 90"
lroom() { sql r.db "SELECT group_concat(DISTINCT coalesce(r.name, '-')) FROM lesson l JOIN course c ON c.id = l.course_id
	JOIN subject s ON s.id = c.subject_id LEFT JOIN room r ON r.id = l.room_id WHERE s.code = '$1'"; }
is "$(lroom CHN)" "101" "Chinese in the home room"
is "$(lroom MAT)" "102" "mathematics in the room it had rather, of the two it may use"
is "$(sql r.db "SELECT group_concat(coalesce(r.name, '-') || '@' || l.day || '.' || l.period, ' ') FROM (SELECT * FROM lesson ORDER BY room_id) l
	JOIN course c ON c.id = l.course_id JOIN subject s ON s.id = c.subject_id LEFT JOIN room r ON r.id = l.room_id WHERE s.code = 'MUS'" |
	sed 's/^-@[0-9.]* //')" "音乐室@3.1" "music: one lesson in 音乐室 when it is free, the other in no room (the hard rule kept)"
run --db r.db timetable check
expect_rc 0 "check: a soft room alone, exit 0"
expect_out "^soft, weight 90: 李明's MUS 三年级1班 on day [1-5], period [1-4] has no room, not its preferred 音乐室\$" \
	"check: the lesson without its room, in words, with its weight"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 9 of 9 lessons placed; no hard violation; soft score 90" "check: the soft score"

# by hand: a Chinese lesson moved to 102 at its own time: its home room (95) broken too
"$BIN" --db r.db export lessons >rlessons.csv 2>/dev/null
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "term,course,seq,day,period,room"; next }
	$c["fet_id"] == 1 { print $c["term"] "," $c["course"] "," $c["seq"] "," $c["day"] "," $c["period"] ",102" }' rlessons.csv >rmove.csv
run --db r.db import lessons rmove.csv
expect_rc 0 "setup: a Chinese lesson moved to 102"
run --db r.db timetable check
expect_rc 0 "check: soft rooms alone, still exit 0"
expect_out "^soft, weight 95: 王芳's CHN 三年级1班 on day [1-5], period [1-4] is in 102, not its preferred 101\$" \
	"check: the lesson in another room, in words, with its weight"
is "$(tail -n 1 "$T/out")" "2025-2026/2: 9 of 9 lessons placed; no hard violation; soft score 185" "the soft score: 90 + 95"
run --db r.db timetable repair --seed 5
expect_rc 0 "repair: exit 0"
expect_out 'soft score 90; [0-9.]+ s$' "repair takes the lesson back to its home room"
is "$(lroom CHN)" "101" "Chinese in the home room again"

XUEQU_CONFIG=$T/zh.conf run --db r.db timetable check
expect_out "^软约束,权重 90: 李明 的 MUS 三年级1班 在星期 [1-5] 第 [1-4] 节没有教室,不在优先教室 音乐室\$" "a soft room's line in Chinese"

# export-fet writes each weight back, and the file imports as the same rooms
run --db r.db timetable export-fet rooms-out.fet
expect_rc 0 "export-fet: exit 0"
is "$(grep -c '<Weight_Percentage>80</Weight_Percentage>' rooms-out.fet)" 3 "mathematics' room had rather: one constraint a lesson, weight 80"
newdb s.db
run --db s.db timetable import-fet rooms-out.fet --create
expect_rc 0 "the exported file imports"
if grep -q 'Room' "$T/err"; then notok "the exported soft rooms: taken: $(cat "$T/err")"; else ok "the exported soft rooms: taken"; fi
is "$(croom s.db)" "$(croom r.db)" "import, export, import: the same rooms with the same weights"

# the CSV form: the rooms a course may use, and those it had rather with their weights
run --db r.db export courses
expect_out '^term,course,school_code,subject,students,teachers,lessons,length,different_days,rooms,preferred_rooms,room_kind,note$' \
	"export courses: the preferred_rooms column"
expect_out ',CHN,.*,,101:95,,$' "a course that may use any room, and had rather its home room"
expect_out ',MAT,.*,101;102,102:80,,$' "a course limited to two rooms, one preferred"
cp "$T/out" rcourses.csv
run --db r.db import courses rcourses.csv
expect_out '0 added, 0 updated, 3 unchanged' "import courses: the round trip changes nothing"
sed 's/,102:80,/,102:70,/; s/,101:95,/,101:95;102:40,/' rcourses.csv >reweigh.csv
run --db r.db import courses reweigh.csv
expect_rc 0 "import courses: weights changed"
is "$(croom r.db)" "CHN:101:95.0 CHN:102:40.0 MAT:101:100.0 MAT:102:70.0 MUS:音乐室:90.0" "the new weights stored"
sed 's/,102:80,/,102:100,/' rcourses.csv >bad1.csv
sed 's/,101;102,102:80,/,101;102,101:60;102:80,/' rcourses.csv >bad2.csv
sed 's/,101;102,102:80,/,101,102:80,/' rcourses.csv >bad3.csv
for f in bad1 bad2 bad3; do
	run --db r.db import courses $f.csv
	expect_rc 1 "import courses: $f refused"
done
expect_err 'bad3.csv:4: preferred_rooms: a preferred room the course.s rooms do not list' "a preferred room outside the rooms"
run --db r.db import courses bad1.csv
expect_err 'preferred_rooms: 102:100 is not room:weight, the weight above 0 and below 100' "a weight of 100 is not a preference"
run --db r.db import courses bad2.csv
expect_err 'preferred_rooms: every room of the course is preferred' "every room preferred"

# several soft room constraints on one activity: each room keeps the most weight any gives
# it; rooms every one of a course's allowed rooms is preferred by alike say nothing; a music
# lesson that had rather 音乐室 (90) than 101 (70) takes 101 when the other music lesson has
# 音乐室's one free period: 90 − 70 = 20
sed 's|</Space_Constraints_List>|<ConstraintSubjectPreferredRooms><Weight_Percentage>90</Weight_Percentage><Subject>MAT</Subject><Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms><Preferred_Room>101</Preferred_Room><Preferred_Room>102</Preferred_Room><Active>true</Active></ConstraintSubjectPreferredRooms>\
<ConstraintActivityPreferredRoom><Weight_Percentage>70</Weight_Percentage><Activity_Id>5</Activity_Id><Room>101</Room><Active>true</Active></ConstraintActivityPreferredRoom>\
</Space_Constraints_List>|' rooms.fet >rooms2.fet
newdb r2.db
run --db r2.db timetable import-fet rooms2.fet --create
expect_rc 0 "several soft rooms: imported"
is "$(croom r2.db)" "CHN:101:95.0 MAT:101:100.0 MAT:102:100.0 MUS:101:70.0 MUS:音乐室:90.0 MUS:音乐室:90.0" \
	"the most weight each room is given; mathematics' two rooms alike, so none preferred; the two music lessons two courses"
run --db r2.db timetable solve --seed 3
expect_out '^2025-2026/2: 9 of 9 lessons placed \(0 locked\); 0 hard violations; soft score 20; [0-9.]+ s$' \
	"solve: the music lesson in the room it had rather less, 90 − 70"
run --db r2.db timetable check
expect_out "^soft, weight 20: 李明's MUS 三年级1班 on day [1-5], period [1-4] is in 101, not its preferred 音乐室\$" \
	"check: a room preferred less weighs the difference"
