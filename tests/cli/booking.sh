#!/bin/sh
# booking.sh: facility sharing on a hand-made district — a shared gym open on weekday
# afternoons and Saturday mornings, a holiday and a make-up day, the owner's lessons in it;
# bookings once and repeated, conflicts listed by date, --skip-conflicts, approval,
# cancelling and moving one date, quotas; the calendar CSV; `facility usage` whose figures
# are counted by hand below; `facility ics`.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
S1=2145990001 # owns the gym
S2=2145990002 # in the same district
S3=2145990003 # in no district with S1
GYM=$S1:体育馆

"$BIN" --db t.db init >/dev/null 2>&1
for e in schools districts members teachers; do "$BIN" --db t.db import $e "$D/$e.csv" >/dev/null 2>&1; done
imp() { "$BIN" --db t.db import "$1" "$2" >"$T/imp.out" 2>&1 || { notok "setup: import $1"; sed 's/^/#   /' "$T/imp.out"; }; }
# a term of two weeks: Monday 03-02 to Sunday 03-15
"$BIN" --db t.db term add 2025-2026/2 --first 2026-03-02 --last 2026-03-15 --periods 4 >/dev/null 2>&1
printf 'term,school_code,period,start,end\n2025-2026/2,,1,08:00,08:40\n2025-2026/2,,2,08:50,09:30\n2025-2026/2,,3,14:00,14:40\n2025-2026/2,,4,16:00,17:00\n' >bells.csv
imp bells bells.csv
run --db t.db facility add $GYM --kind gym --shareable --hours 'mon-fri 16:00-18:00; sat 08:00-12:00'
expect_rc 0 "a gym with hours by weekday: exit 0"
run --db t.db facility show $GYM
expect_out '^open: mon-fri 16:00-18:00; sat 08:00-12:00$' "facility show: the hours, canonical"
run --db t.db facility edit $GYM --hours 'mon 25:00-26:00'
expect_rc 1 "hours that are no clock times: exit 1"
expect_err 'hours:' "hours that are no clock times: says which column"

# the calendar: Friday 03-06 a holiday, Saturday 03-14 a make-up day running Friday
cat >cal.csv <<CSV
date,kind,as_weekday,note
2026-03-06,holiday,,校庆
2026-03-14,makeup,5,补3月6日
CSV
run --db t.db import calendar cal.csv
expect_rc 0 "import calendar: exit 0"
run --db t.db export calendar
is "$(cat "$T/out")" "date,kind,as_weekday,note,school_code
2026-03-06,holiday,,校庆,
2026-03-14,makeup,5,补3月6日," "export calendar: the round trip"
printf 'date,kind,as_weekday,note\n2026-03-20,makeup,,x\n' >badcal.csv
run --db t.db import calendar badcal.csv
expect_rc 1 "a make-up day without its weekday: exit 1"
expect_err 'as_weekday' "a make-up day without its weekday: says so"
printf '日期,类型,按星期,备注\n2026-03-21,调休上课,1,补\n' >zhcal.csv
run --db t.db import calendar zhcal.csv --dry-run
expect_rc 0 "the calendar with Chinese headers and kinds: exit 0"

# the owner's lessons in the gym: Mondays and Fridays, period 4 (16:00-17:00)
printf 'code,name,room_kind\nPE,体育,gym\n' >subjects.csv
imp subjects subjects.csv
printf 'term,school_code,name,grade,students\n2025-2026/2,%s,三年级1班,3,40\n' $S1 >classes.csv
imp classes classes.csv
printf 'term,course,school_code,subject,students,teachers,lessons\n2025-2026/2,1,%s,PE,三年级1班,Z0000001,2\n' $S1 >courses.csv
imp courses courses.csv
printf 'term,course,seq,day,period,room\n2025-2026/2,1,1,1,4,体育馆\n2025-2026/2,1,2,5,4,体育馆\n' >lessons.csv
imp lessons lessons.csv

# requests
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-03 --time 16:00-17:30 --repeat weekly:tue \
	--purpose 篮球训练 --contact 13800000000
expect_rc 0 "a weekly request: exit 0"
is "$(cat "$T/out")" 1 "booking request prints the new booking's id"
expect_err 'requested: 2 dates, 3.0 h' "the request: its dates and hours to the end of the term"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-09 --time 16:30-17:30
expect_rc 1 "over a lesson: exit 1"
expect_err 'not free on 2026-03-09 16:30-17:30: lesson 体育 三年级1班, period 4 16:00-17:00' \
	"over a lesson: the lesson and its clock times"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-10 --time 17:00-18:00
expect_rc 1 "over another booking: exit 1"
expect_err 'booked by 柳江区测试镇中心小学 16:00-17:30 .booking 1, requested.' "over another booking: whose"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-06 --time 17:00-18:00
expect_rc 1 "on a holiday: exit 1"
expect_err '2026-03-06 is a holiday' "on a holiday: says so"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-08 --time 09:00-10:00
expect_rc 1 "on a Sunday: exit 1"
expect_err 'closed on Sundays' "on a Sunday: closed"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07 --time 11:00-12:30
expect_rc 1 "past closing: exit 1"
expect_err 'open only 08:00-12:00 on Saturdays' "past closing: the hours"
run --db t.db booking request --room $GYM --school $S3 --date 2026-03-07 --time 08:00-09:00
expect_rc 1 "a school of no district with the room's: exit 1"
expect_err 'in no district together' "a school of no district with the room's: says so"
run --db t.db booking request --room $GYM --school $S1 --date 2026-03-07 --time 08:00-09:00
expect_rc 1 "the owner booking its own room: exit 1"
run --db t.db booking request --room $S1:101 --school $S2 --date 2026-03-07 --time 08:00-09:00
expect_rc 1 "a room that is not there: exit 1"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07 --time 10:00-09:00
expect_rc 1 "a time that ends before it starts: exit 1"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07 --time 08:00-09:00 --repeat fortnightly
expect_rc 1 "a repeat rule that is none: exit 1"
expect_err "'fortnightly' is not a repeat rule" "a repeat rule that is none: says so"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07
expect_rc 2 "request without --time: exit 2"
run --db t.db booking list --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 2 "nothing refused was written"

# Fridays 17:00-18:00: the holiday drops 03-06, the make-up Saturday 03-14 runs Friday
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-06 --time 17:00-18:00 --repeat weekly:fri
expect_rc 0 "Fridays: exit 0"
run --db t.db booking list --room $GYM --school $S2 --format csv
expect_out '^2,2145990001:体育馆,2145990002,2026-03-13,5,17:00,18:00,requested,,$' "Fridays: 03-13"
expect_out '^2,2145990001:体育馆,2145990002,2026-03-14,5,17:00,18:00,requested,,$' \
	"Fridays: the make-up Saturday, running as Friday"
is "$(grep -c 2026-03-06 "$T/out")" 0 "Fridays: not on the holiday"
# Saturday mornings 08:00-10:00 and Wednesdays 16:00-17:00: the Saturdays; the
# Wednesday over a booking listed, nothing written; then the free dates booked
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-04 --time 16:00-17:00 --purpose 排练
expect_rc 0 "a Wednesday, once: exit 0"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-04 --time 16:30-17:30 --repeat weekly:wed,sat
expect_rc 1 "a series over a booking: exit 1"
expect_err "3 of the booking's 4 dates conflict" "a series over a booking: how many"
expect_err '^  2026-03-04 16:30-17:30: booked by' "a series over a booking: the date and why"
expect_err '^  2026-03-07 16:30-17:30: 体育馆 is open only 08:00-12:00 on Saturdays' "a series: a Saturday afternoon"
expect_err '^  2026-03-14 16:30-17:30: booked by' "a series: the make-up Saturday runs Friday's hours and bookings"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07 --time 08:00-10:00 --repeat weekly:sat \
	--until 2026-03-07
expect_rc 0 "one Saturday: exit 0"
id5=$(cat "$T/out")
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-11 --time 16:30-17:30 --repeat weekly:wed,fri \
	--skip-conflicts --dry-run
expect_rc 0 "--skip-conflicts --dry-run: exit 0"
expect_out 'would book 1 dates' "--dry-run: what would be booked"
expect_out '^  2026-03-13 16:30-17:30: booked by' "--skip-conflicts: the skipped date and why"

# approval by the room's school
run --db t.db booking approve 1
expect_rc 0 "approve: exit 0"
expect_out 'booking 1 approved: 2 dates, 3.0 h' "approve: its dates and hours"
run --db t.db booking approve 1
expect_rc 1 "approving twice: exit 1"
run --db t.db booking approve 2
expect_rc 0 "approve the Fridays: exit 0"
run --db t.db booking approve "$id5"
expect_rc 0 "approve the Saturday: exit 0"
run --db t.db booking reject 3 --reason 场地维修
expect_rc 0 "reject: exit 0"
run --db t.db booking show 3
expect_out '^status: rejected$' "booking show: rejected"
expect_out '^reason: 场地维修$' "booking show: the reason"
run --db t.db booking approve 99
expect_rc 1 "an unknown booking: exit 1"
run --db t.db booking approve x
expect_rc 2 "a booking id that is none: exit 2"

# one date cancelled, one moved (the moved one waits for approval)
run --db t.db booking cancel 1 --date 2026-03-11
expect_rc 1 "cancelling a date that is not one: exit 1"
run --db t.db booking move 1 --date 2026-03-10 --to 2026-03-12 --time 17:00-18:00
expect_rc 0 "move one date: exit 0"
expect_out 'approves the new date' "move: approved again"
run --db t.db booking list --room $GYM --status requested --format csv
expect_out '^1,.*,2026-03-12,4,17:00,18:00,requested,篮球训练,2026-03-10$' "the moved date: requested, with its series date"
run --db t.db booking approve 1
expect_rc 0 "approving the booking approves its moved date"
run --db t.db booking list --room $GYM --status requested --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 0 "no date waits"

# the use of the gym, counted by hand:
#   open: week 1 Mon-Thu 4 × 2 h, Friday a holiday, Saturday 4 h = 12 h; week 2 Mon-Fri
#   5 × 2 h, the make-up Saturday runs Friday's 2 h = 12 h; 24 h in all
#   lessons: Mondays 03-02, 03-09 and Fridays 03-13, 03-14 (make-up): 4 × 1 h = 4 h
#   booked, approved: Tuesday 03-03 1.5 h, 03-10 moved to Thursday 03-12 1 h; Fridays
#   03-13, 03-14 2 × 1 h; Saturday 03-07 2 h: 6.5 h (the rejected Wednesday not)
#   used (4 + 6.5) / 24 = 43.75 %
run --db t.db facility usage --term 2025-2026/2 --by room --format csv
expect_rc 0 "facility usage: exit 0"
is "$(cat "$T/out")" "name,rooms,open_hours,timetable_hours,booked_hours,used_pct,timetable_pct,booked_pct,borrowed_hours
$GYM,1,24.0,4.0,6.5,43.8,16.7,27.1," "facility usage --by room: the hand count"
run --db t.db facility usage --term 2025-2026/2 --by school --format csv
expect_out "^$S1 柳江区测试第一小学,1,24.0,4.0,6.5,43.8,16.7,27.1,0.0\$" "by school: the owner"
expect_out "^$S2 柳江区测试镇中心小学,0,0.0,0.0,0.0,,,,6.5\$" "by school: the borrower's hours elsewhere"
run --db t.db facility usage --term 2025-2026/2 --by district --format csv
expect_out '^柳江区测试城乡帮扶学区,1,24.0,4.0,6.5,43.8,16.7,27.1,6.5$' "by district"
run --db t.db facility usage --term 2025-2026/2 --by kind --format csv
expect_out '^gym,1,24.0,4.0,6.5,43.8,16.7,27.1,$' "by kind"
# the second week: open 12 h; lessons 03-09, 03-13, 03-14: 3 h; booked 03-12 1 h, 03-13 and
# 03-14 1 h each: 3 h
run --db t.db facility usage --term 2025-2026/2 --by room --week 2026-03-11 --format csv
expect_out "^$GYM,1,12.0,3.0,3.0,50.0,25.0,25.0,\$" "--week: the week of the date, Monday to Sunday"
run --db t.db facility usage --term 2025-2026/2 --by nothing
expect_rc 2 "usage --by nothing: exit 2"
run --db t.db facility usage --by room
expect_rc 2 "usage without --term: exit 2"

# quotas: 1 h of gym a term for each school of the district; S2 holds 6.5 h already
run --db t.db facility quota set --district 柳江区测试城乡帮扶学区 --term 2025-2026/2 --kind gym --hours 8
expect_rc 0 "quota set: exit 0"
run --db t.db facility quota --format csv
expect_out '^柳江区测试城乡帮扶学区,2025-2026/2,gym,8.0$' "quota list"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07 --time 10:00-12:00
expect_rc 1 "past the quota: exit 1"
expect_err '6.5 h are held, 1.5 h left, and this booking needs 2.0 h' "past the quota: the hours left"
run --db t.db booking request --room $GYM --school $S2 --date 2026-03-07 --time 10:00-11:30
expect_rc 0 "exactly the quota: exit 0"
run --db t.db booking cancel 1
expect_rc 0 "cancel a whole booking: exit 0"
run --db t.db booking show 1
expect_out '^status: cancelled$' "cancelled"

# the bookings as an iCalendar file
run --db t.db facility ics $GYM -o gym.ics
expect_rc 0 "facility ics: exit 0"
is "$(grep -c '^BEGIN:VEVENT' gym.ics)" 4 "facility ics: one event per live occurrence"
is "$(head -1 gym.ics | od -c | grep -c '\\r')" 1 "facility ics: lines end in CRLF"
expect_err '4 bookings written to gym.ics' "facility ics: says how many"
run --db t.db facility ics $GYM -o gym.ics
expect_rc 1 "facility ics over a file: exit 1"
run --db t.db facility ics --school $S2 -o - --from 2026-03-07 --to 2026-03-07
expect_out '^DTSTART:20260307T080000' "facility ics --school -o -: the borrower's Saturday"
run --db t.db facility ics $GYM
expect_rc 2 "facility ics without -o: exit 2"

# usage over several schools, each with its own calendar: the report walks rooms by school
# and name, whatever order they were made in. u.db: the same district, a school's own
# closure (S2, Wednesday 03-04) beside the county's holiday (Friday 03-06) and make-up day
# (Saturday 03-14 runs Friday)
"$BIN" --db u.db init >/dev/null 2>&1
for e in schools districts members teachers; do "$BIN" --db u.db import $e "$D/$e.csv" >/dev/null 2>&1; done
"$BIN" --db u.db term add 2025-2026/2 --first 2026-03-02 --last 2026-03-15 --periods 4 >/dev/null 2>&1
"$BIN" --db u.db import bells bells.csv >/dev/null 2>&1
printf 'date,kind,as_weekday,note,school_code\n2026-03-06,holiday,,校庆,\n2026-03-14,makeup,5,补,\n2026-03-04,closure,,停电,%s\n' $S2 >ucal.csv
"$BIN" --db u.db import calendar ucal.csv >/dev/null 2>&1
"$BIN" --db u.db facility add $S1:体育馆 --kind gym --shareable --hours 'mon-fri 16:00-18:00' >/dev/null 2>&1
"$BIN" --db u.db facility add $S2:音乐室 --kind music --shareable --hours 'mon-fri 16:00-17:00' >/dev/null 2>&1
"$BIN" --db u.db facility add $S1:会议室 --kind meeting --hours 'tue 16:00-18:00' >/dev/null 2>&1
"$BIN" --db u.db facility add $S2:操场 --kind playground >/dev/null 2>&1
id=$("$BIN" --db u.db booking request --room $S2:音乐室 --school $S1 --date 2026-03-02 --time 16:00-16:30 \
	--repeat weekly:mon,thu --until 2026-03-15 2>/dev/null)
"$BIN" --db u.db booking approve "$id" >/dev/null 2>&1
id=$("$BIN" --db u.db booking request --room $S1:体育馆 --school $S2 --date 2026-03-11 --time 17:00-18:00 2>/dev/null)
"$BIN" --db u.db booking approve "$id" >/dev/null 2>&1
# S1 体育馆: Mon-Thu of week 1, Mon-Fri and the make-up Saturday of week 2: 10 × 2 h; booked
#   Wednesday 03-11 17:00-18:00: 1 h
# S1 会议室: Tuesdays 03-03 and 03-10: 4 h
# S2 音乐室: week 1 Monday, Tuesday, Thursday (its Wednesday closed), week 2 six days: 9 h;
#   booked Mondays 03-02, 03-09, Thursdays 03-05, 03-12: 4 × 0.5 h
# S2 操场: no hours, the day of its bells 08:00-17:00 on school days: 9 days × 9 h
run --db u.db facility usage --term 2025-2026/2 --by room --format csv
is "$(cat "$T/out")" "name,rooms,open_hours,timetable_hours,booked_hours,used_pct,timetable_pct,booked_pct,borrowed_hours
$S1:会议室,1,4.0,0.0,0.0,0.0,0.0,0.0,
$S1:体育馆,1,20.0,0.0,1.0,5.0,0.0,5.0,
$S2:操场,1,81.0,0.0,0.0,0.0,0.0,0.0,
$S2:音乐室,1,9.0,0.0,2.0,22.2,0.0,22.2," "usage over two schools' calendars: by room"
run --db u.db facility usage --term 2025-2026/2 --by school --format csv
expect_out "^$S1 [^,]*,2,24.0,0.0,1.0,4.2,0.0,4.2,2.0\$" "by school: the rooms of each, and what each borrowed"
expect_out "^$S2 [^,]*,2,90.0,0.0,2.0,2.2,0.0,2.2,1.0\$" "by school: the other"
run --db u.db facility usage --term 2025-2026/2 --by district --format csv
expect_out '^柳江区测试城乡帮扶学区,4,114.0,0.0,3.0,2.6,0.0,2.6,3.0$' "by district: both schools"
run --db u.db facility usage --term 2025-2026/2 --by room --from 2026-03-04 --to 2026-03-05 --format csv
expect_out "^$S2:音乐室,1,1.0,0.0,0.5,50.0,0.0,50.0,\$" "--from/--to: the school's closed Wednesday left out"
