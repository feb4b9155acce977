#!/bin/sh
# timetable_soft.sh: soft rules on days from a FET file: `timetable solve` keeps those it can
# and ends with the soft score of the one it cannot (a teacher's lessons on one day, against
# a hard "days apart"), the same seed the same timetable; `timetable check` lists a soft
# violation after the hard ones with its weight and adds the soft score to its last line,
# exit 0 for soft violations alone and 1 with a hard one; `repair` ends with the soft score
# too; in Chinese as well.
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
