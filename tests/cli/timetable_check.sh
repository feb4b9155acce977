#!/bin/sh
# timetable_check.sh: `xuequ timetable check` on a hand-made district: a shared teacher
# driving between two schools with their own bell times (at the exact minute, and one minute
# short), the same teacher, class (a group and its class) and room twice in one slot, a
# course's lessons on one day, an unavailable slot, a room of the wrong kind, a limit of
# school changes; each said in words, exit 1; a clean timetable says so, exit 0.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
S1=2145990001
S2=2145990002

"$BIN" --db t.db init >/dev/null 2>&1
for e in schools districts members teachers; do "$BIN" --db t.db import $e "$D/$e.csv" >/dev/null 2>&1; done
"$BIN" --db t.db term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10 --periods 4 >/dev/null 2>&1
imp() { "$BIN" --db t.db import "$1" "$2" >"$T/imp.out" 2>&1 || { notok "setup: import $1"; cat "$T/imp.out" | sed 's/^/#   /'; }; }
cat >bells.csv <<CSV
term,school_code,period,start,end
2025-2026/2,,1,08:00,08:40
2025-2026/2,,2,08:50,09:30
2025-2026/2,,3,09:50,10:30
2025-2026/2,,4,10:40,11:20
2025-2026/2,$S2,1,08:30,09:10
2025-2026/2,$S2,2,09:20,10:00
2025-2026/2,$S2,3,10:10,10:50
2025-2026/2,$S2,4,11:00,11:40
CSV
imp bells bells.csv
printf 'from_code,to_code,minutes\n%s,%s,40\n' $S1 $S2 >travel.csv
imp travel travel.csv
printf 'code,name,room_kind\nPE,体育,playground\nCHN,语文,\n' >subjects.csv
imp subjects subjects.csv
cat >classes.csv <<CSV
term,school_code,name,grade,students
2025-2026/2,$S1,三年级1班,3,45
2025-2026/2,$S1,三年级2班,3,44
2025-2026/2,$S2,一年级1班,1,30
CSV
imp classes classes.csv
printf 'term,school_code,class,name\n2025-2026/2,%s,三年级1班,男生\n2025-2026/2,%s,三年级1班,女生\n' $S1 $S1 >groups.csv
imp groups groups.csv
id=$("$BIN" --db t.db exchange add Z0000002 $S1 --start 2026-03-01 --end 2026-07-31 --kind itinerant --share 0.4 \
	--reason voluntary 2>/dev/null | sed -n 's/^exchange \([0-9]*\):.*/\1/p')
"$BIN" --db t.db exchange approve "$id" >/dev/null 2>&1
cat >courses.csv <<CSV
term,course,school_code,subject,students,teachers,lessons,length,different_days
2025-2026/2,1,$S1,PE,三年级2班,Z0000002,1,1,0
2025-2026/2,2,$S2,PE,一年级1班,Z0000002,1,1,0
2025-2026/2,3,$S1,CHN,三年级1班,Z0000001,2,1,1
2025-2026/2,4,$S1,PE,三年级1班/男生,,1,1,0
CSV
imp courses courses.csv

run --db t.db timetable check
expect_rc 0 "nothing placed: no violation, exit 0"
expect_out '^2025-2026/2: 0 of 5 lessons placed; no hard violation$' "nothing placed: says so"

# the shared teacher: 08:00-08:40 at the first school, then 09:20 at the second (period 2
# there): 40 minutes free, and the drive takes 40: just enough
printf 'term,course,seq,day,period\n2025-2026/2,1,1,1,1\n2025-2026/2,2,1,1,2\n' >place.csv
imp lessons place.csv
run --db t.db timetable check --term 2025-2026/2
expect_rc 0 "travel at the exact minute: no violation"
printf 'from_code,to_code,minutes\n%s,%s,41\n' $S1 $S2 >travel41.csv
imp travel travel41.csv
run --db t.db timetable check
expect_rc 1 "travel one minute short: exit 1"
expect_out "^覃志强 teaches 体育 三年级2班 at 柳江区测试第一小学 until 08:40 and 体育 一年级1班 at 柳江区测试镇中心小学 at 09:20 on day 1; the drive takes 41 min\$" \
	"travel one minute short: said in words, with both schools' clock times"
expect_out '1 hard violations$' "travel one minute short: counted"
# period 1 at the second school (08:30) overlaps in clock time though not in period
printf 'term,course,seq,day,period\n2025-2026/2,2,1,1,1\n' >overlap.csv
imp lessons overlap.csv
run --db t.db timetable check
expect_out '^覃志强 teaches 体育 三年级2班 at 柳江区测试第一小学 08:00–08:40 and 体育 一年级1班 at 柳江区测试镇中心小学 08:30–09:10 on day 1: at once$' \
	"two schools' different bells: an overlap in clock time is found, with both schools' times"
# the same period at two schools is no clash when their bells leave the drive free
sed 's/^2025-2026\/2,'$S2',1,08:30,09:10$/2025-2026\/2,'$S2',1,09:25,09:55/' bells.csv >latebells.csv
imp bells latebells.csv
run --db t.db timetable check
expect_rc 0 "period 1 at both schools, 09:25 at the second: 45 minutes free, no violation"
imp bells bells.csv
# a limit of school changes a day
printf 'term,course,seq,day,period\n2025-2026/2,2,1,1,4\n' >later.csv
imp lessons later.csv
printf 'term,staff_no,max_changes\n2025-2026/2,Z0000002,0\n' >rules.csv
imp teacher_rules rules.csv
run --db t.db timetable check
expect_out '^覃志强 changes school 1 times on day 1; at most 0$' "more school changes than allowed"
printf 'term,staff_no,max_changes\n2025-2026/2,Z0000002,\n' >rules2.csv
imp teacher_rules rules2.csv
run --db t.db timetable check
expect_rc 0 "the limit lifted: clean again"

# a class and its group at once; a course's two lessons on one day
printf 'term,course,seq,day,period\n2025-2026/2,3,1,2,1\n2025-2026/2,4,1,2,1\n2025-2026/2,3,2,2,3\n' >clash.csv
imp lessons clash.csv
run --db t.db timetable check
expect_rc 1 "clashes: exit 1"
expect_out '^三年级1班/男生 has 语文 三年级1班 and 体育 三年级1班/男生 at once: day 2, period 1$' \
	"a group's lesson meets its class's lesson"
expect_out '^语文 三年级1班 has two lessons on day 2, though they are to fall on different days$' \
	"a course's lessons on one day"
# the same teacher twice
printf 'term,course,seq,day,period\n2025-2026/2,3,1,3,1\n2025-2026/2,3,2,4,1\n2025-2026/2,4,1,5,4\n' >fix.csv
imp lessons fix.csv
printf 'term,course,school_code,subject,students,teachers,lessons\n2025-2026/2,5,%s,CHN,三年级2班,Z0000001,1\n' $S1 >c5.csv
imp courses c5.csv
printf 'term,course,seq,day,period\n2025-2026/2,5,1,3,1\n' >twice.csv
imp lessons twice.csv
run --db t.db timetable check
expect_out '^韦丽华 teaches 语文 三年级1班 and 语文 三年级2班 at once: day 3, period 1$' "a teacher twice in one slot"
printf 'term,course,seq,day,period\n2025-2026/2,5,1,3,2\n' >untwice.csv
imp lessons untwice.csv

# an unavailable slot
printf 'term,kind,who,school_code,day,period\n2025-2026/2,class,三年级1班,%s,5,4\n' $S1 >unav.csv
imp unavailable unav.csv
run --db t.db timetable check
expect_out '^三年级1班/男生 has 体育 三年级1班/男生 on day 5, period 4, when not available$' \
	"a class's unavailable slot blocks its group"
printf 'term,course,seq,day,period\n2025-2026/2,4,1,5,3\n' >moved.csv
imp lessons moved.csv
run --db t.db timetable check
expect_rc 0 "every rule kept: exit 0"
expect_out '^2025-2026/2: 6 of 6 lessons placed; no hard violation$' "every rule kept: says so"

# rooms: of the course's kind, and one lesson at a time
"$BIN" --db t.db facility add $S1:操场 --kind playground --capacity 400 >/dev/null 2>&1
"$BIN" --db t.db facility add $S1:101 --kind classroom --capacity 40 >/dev/null 2>&1
printf 'term,course,seq,day,period,room
2025-2026/2,4,1,5,3,101
' >room101.csv
imp lessons room101.csv
run --db t.db timetable check
expect_out '^体育 三年级1班/男生 on day 5, period 3 is in room 101, which its course does not allow$' \
	"a PE lesson in a classroom: the subject's room kind"
printf 'term,course,seq,day,period,room
2025-2026/2,4,1,5,3,操场
2025-2026/2,1,1,5,3,操场
' >twice.csv
imp lessons twice.csv
run --db t.db timetable check
expect_out '^room 操场 holds 体育 三年级2班 and 体育 三年级1班/男生 at once: day 5, period 3$' "a room twice at once"
printf 'term,course,seq,day,period,room
2025-2026/2,1,1,1,1,操场
2025-2026/2,3,1,3,1,101
' >back.csv
imp lessons back.csv
run --db t.db timetable check
expect_out '^语文 三年级1班 on day 3, period 1: room 101 holds 40, the course has 45 students$' "a room too small"
printf 'term,course,seq,day,period,room
2025-2026/2,3,1,3,1,
' >noroom.csv
imp lessons noroom.csv
run --db t.db timetable check
expect_rc 0 "rooms right again: exit 0"

# the weeks
run --db t.db timetable show --teacher Z0000002 --format csv
expect_rc 0 "timetable show --teacher: exit 0"
is "$(head -1 "$T/out")" "period,time,day 1,day 2,day 3,day 4,day 5" "the week's header"
expect_out '^1,,08:00 柳江区测试第一小学 体育 三年级2班 @操场,' "a shared teacher's week: the first school's clock time and the room"
expect_out '^4,,11:00 柳江区测试镇中心小学 体育 一年级1班,' "a shared teacher's week: the second school's clock time"
run --db t.db timetable show --class 三年级1班 --school $S1 --format csv
expect_out '^3,09:50-10:30,,,,,体育 \(三年级1班/男生\) @操场$' "a class's week shows its group's lesson, by its school's bells"
run --db t.db timetable show --school $S2
expect_out '08:30-09:10' "a school's week: its own bell times"
run --db t.db timetable show --class 九年级1班 --school $S1
expect_rc 1 "an unknown class: exit 1"
run --db t.db timetable show --class 三年级1班
expect_rc 2 "a class without its school: exit 2"
run --db t.db timetable show
expect_rc 2 "show without whose week: exit 2"

# the solver: every lesson not locked placed, the locked one kept, nothing broken
printf 'term,course,seq,day,period,room,locked\n2025-2026/2,1,1,,,,0\n2025-2026/2,2,1,,,,0\n2025-2026/2,3,1,2,3,,1\n2025-2026/2,3,2,,,,0\n2025-2026/2,4,1,,,,0\n2025-2026/2,5,1,,,,0\n' >clear.csv
imp lessons clear.csv
run --db t.db timetable solve --seed 7
expect_rc 1 "solve with a lesson that has no room to go to: exit 1"
expect_out '^not placed: lesson 1 of 体育: 体育 一年级1班: its school has no room the course may use' \
	"the lesson left out, and why"
"$BIN" --db t.db facility add $S2:操场 --kind playground >/dev/null 2>&1
imp lessons clear.csv
run --db t.db timetable solve --seed 7 --time-limit 5
expect_rc 0 "solve: exit 0"
expect_out '^2025-2026/2: 6 of 6 lessons placed \(1 locked\); 0 hard violations; ' "solve: every lesson placed"
run --db t.db timetable check
expect_rc 0 "the solved timetable breaks no hard rule"
is "$("$BIN" --db t.db export lessons | awk -F, '$2 == 3 && $3 == 1 { print $9 "," $10 "," $12 }')" "2,3,1" \
	"the locked lesson stayed where it was"
"$BIN" --db t.db export lessons >solved1.csv
imp lessons clear.csv
"$BIN" --db t.db timetable solve --seed 7 >/dev/null 2>&1
"$BIN" --db t.db export lessons >solved2.csv
same solved1.csv solved2.csv "the same seed, the same timetable"
# on one thread and on two: each places every lesson; two twice, the same timetable
for j in 1 2; do
	imp lessons clear.csv
	run --db t.db timetable solve --seed 7 --jobs $j
	expect_rc 0 "solve --jobs $j: exit 0"
	expect_out '^2025-2026/2: 6 of 6 lessons placed \(1 locked\); 0 hard violations; ' "solve --jobs $j: every lesson placed"
	run --db t.db timetable check
	expect_rc 0 "solve --jobs $j: no hard violation"
	"$BIN" --db t.db export lessons >jobs$j.csv
done
imp lessons clear.csv
"$BIN" --db t.db timetable solve --seed 7 --jobs 2 >/dev/null 2>&1
"$BIN" --db t.db export lessons >jobs2b.csv
same jobs2.csv jobs2b.csv "--jobs 2: the same seed, the same timetable"
run --db t.db timetable repair --seed 7 --jobs 2
expect_rc 0 "repair --jobs 2: exit 0"
expect_out '^2025-2026/2: 0 lessons moved \(at least 0 had to\), 0 placed that were not$' "repair --jobs 2: nothing to move"
for bad in 0 65 x; do
	run --db t.db timetable solve --jobs $bad
	expect_rc 2 "--jobs $bad: exit 2"
	expect_err "--jobs takes a number of threads from 1 to 64, not '$bad'" "--jobs $bad: says what it takes"
done
run --db t.db timetable check --jobs 2
expect_rc 2 "--jobs with check: exit 2"
expect_err '--time-limit, --seed, --jobs and --fill go with timetable solve and repair' "--jobs with check: says where it goes"
# solve_twice SEED OPTION WAY: from no lesson placed (but the locked one), every lesson placed,
# and again the same timetable (OPTION-WAY.csv kept)
solve_twice() {
	imp lessons clear.csv
	run --db t.db timetable solve --seed "$1" "$2" "$3"
	expect_rc 0 "solve $2 $3: exit 0"
	expect_out '^2025-2026/2: 6 of 6 lessons placed \(1 locked\); 0 hard violations; ' "solve $2 $3: every lesson placed"
	"$BIN" --db t.db export lessons >"${2#--}-$3.csv"
	imp lessons clear.csv
	"$BIN" --db t.db timetable solve --seed "$1" "$2" "$3" >/dev/null 2>&1
	"$BIN" --db t.db export lessons >"${2#--}-$3-b.csv"
	same "${2#--}-$3.csv" "${2#--}-$3-b.csv" "$2 $3: the same seed, the same timetable"
}
# --fill: how a stalled search fills; the same seed, the same timetable either way
for way in fet lightest; do solve_twice 7 --fill $way; done
run --db t.db timetable repair --seed 7 --fill fet
expect_rc 0 "repair --fill fet: exit 0"
for bad in FET light x ''; do
	run --db t.db timetable solve --fill "$bad"
	expect_rc 2 "--fill '$bad': exit 2"
	expect_err "--fill takes fet or lightest, not '$bad'" "--fill '$bad': says what it takes"
done
run --db t.db timetable check --fill fet
expect_rc 2 "--fill with check: exit 2"
expect_err '--time-limit, --seed, --jobs and --fill go with timetable solve and repair' "--fill with check: says where it goes"
run --db t.db timetable show --class 三年级1班 --fill fet
expect_rc 2 "--fill with show: exit 2"
# --start: how the solve begins; as FET does (every lesson out, placed from an empty week),
# or the default; every lesson placed, the locked one kept, the same seed the same timetable
for way in fet greedy mixed; do solve_twice 5 --start $way; done
# mixed is the default: the same timetable as no --start, on two threads and on one
for jobs in 2 1; do
	imp lessons clear.csv
	"$BIN" --db t.db timetable solve --seed 5 --jobs $jobs >/dev/null 2>&1
	"$BIN" --db t.db export lessons >start-default-$jobs.csv
	imp lessons clear.csv
	"$BIN" --db t.db timetable solve --seed 5 --jobs $jobs --start mixed >/dev/null 2>&1
	"$BIN" --db t.db export lessons >start-mixed-$jobs.csv
	same start-default-$jobs.csv start-mixed-$jobs.csv "--start mixed --jobs $jobs: the default's timetable"
done
"$BIN" --db t.db timetable solve --seed 5 --start fet >/dev/null 2>&1
"$BIN" --db t.db export lessons >start-fet-c.csv
same start-fet.csv start-fet-c.csv "--start fet: from a placed timetable as from none (every lesson not locked out)"
if [ "$(grep -c ',1$' start-fet.csv)" = 1 ]; then
	ok "--start fet: the locked lesson stays locked"
else notok "--start fet: the locked lesson stays locked"; fi
for bad in FET empty x ''; do
	run --db t.db timetable solve --start "$bad"
	expect_rc 2 "--start '$bad': exit 2"
	expect_err "--start takes mixed, greedy or fet, not '$bad'" "--start '$bad': says what it takes"
done
for sub in repair check; do
	run --db t.db timetable $sub --start fet
	expect_rc 2 "--start with $sub: exit 2"
	expect_err '--start goes with timetable solve' "--start with $sub: says where it goes"
done
# a grid's option with solve or repair: each names the options it takes
run --db t.db timetable solve --teacher x
expect_rc 2 "solve with --teacher: exit 2"
expect_err 'timetable solve takes --term, --time-limit, --seed, --jobs, --fill and --start' "solve with --teacher: names its options"
run --db t.db timetable repair --class x
expect_rc 2 "repair with --class: exit 2"
expect_err 'timetable repair takes --term, --time-limit, --seed, --jobs and --fill' "repair with --class: names its options"
# the solved timetable as a FET file, every lesson fixed: fet-cl confirms it at once
run --db t.db timetable export-fet solved.fet --locked
expect_rc 0 "export-fet --locked: exit 0"
expect_out '^solved.fet: 6 lessons of 2025-2026/2 written as FET, every placed lesson fixed$' "export-fet: says what it wrote"
if python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(0 if d.documentElement.tagName == "fet" else 1)' solved.fet 2>/dev/null; then
	ok "the FET file is well-formed XML"
else notok "the FET file is well-formed XML"; fi
is "$(grep -c '<Activity>' solved.fet)" 6 "one FET activity a lesson"
is "$(grep -c '<ConstraintActivityPreferredStartingTime>' solved.fet)" 6 "--locked: every placed lesson's time fixed"
run --db t.db timetable export-fet solved.fet
expect_rc 1 "export-fet onto an existing file: exit 1"
if command -v fet-cl >/dev/null 2>&1; then
	mkdir -p fetout
	timeout 120 fet-cl --inputfile=solved.fet --outputdir=fetout --timelimitseconds=60 >fet.log 2>&1
	if grep -q 'Simulation successful' fet.log; then ok "fet-cl confirms the locked timetable"; else
		notok "fet-cl confirms the locked timetable"; tail -5 fet.log | sed 's/^/#   /'; fi
	if grep -qi 'warning' fet.log; then notok "fet-cl reads it without a warning"; else ok "fet-cl reads it without a warning"; fi
else
	ok "fet-cl confirms the locked timetable # SKIP fet-cl is not installed (make deps installs fet)"
fi

# a shared teacher away all week: a count says so before the search, and each lesson left
# out names what closes its places
{
	printf 'term,kind,who,school_code,day,period\n'
	for d in 1 2 3 4 5; do for p in 1 2 3 4; do printf '2025-2026/2,teacher,Z0000002,,%s,%s\n' $d $p; done; done
} >away.csv
imp unavailable away.csv
run --db t.db timetable solve --seed 7 --time-limit 5
expect_rc 1 "solve with a teacher away all week: exit 1"
expect_out '^cannot all be placed: .* has 2 periods of lessons and 0 periods free in the week$' "the count, at once"
is "$(grep -c '^not placed: lesson 1 of 体育; in its way:$' "$T/out")" 2 "both of the teacher's lessons left out"
is "$(grep -c '^  .* is not available then (20 of 20 places)$' "$T/out")" 2 "in each one's way: the absence, closing every place"
expect_out '^2025-2026/2: 4 of 6 lessons placed \(1 locked\); 0 hard violations; ' "the rest placed"

run --db t.db timetable solve --seed x
expect_rc 2 "a seed that is no number: exit 2"
run --db t.db timetable check --seed 3
expect_rc 2 "--seed with check: exit 2"

run --db t.db timetable check --term 2030-2031/1
expect_rc 1 "an unknown term: exit 1"
expect_err 'no term 2030-2031/1' "an unknown term: says so"
run --db t.db timetable frob
expect_rc 2 "timetable frob: exit 2"
run --db t.db timetable
expect_rc 2 "timetable without a subcommand: exit 2"
