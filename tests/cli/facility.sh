#!/bin/sh
# facility.sh: rooms (SCHOOLCODE:NAME) — facility add, edit, show and list with their
# filters and refusals; the facilities CSV (English and Chinese headers, all or nothing) and
# its round trip; who may change a school's rooms; rooms in use by the timetables.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
S1=2145990001
S2=2145990002

"$BIN" --db t.db init >/dev/null 2>&1
for e in schools districts members teachers; do "$BIN" --db t.db import $e "$D/$e.csv" >/dev/null 2>&1; done

run --db t.db facility add $S1:操场 --kind playground --capacity 400 --shareable --open 07:30-18:00 --uses 体育课,运动会
expect_rc 0 "facility add: exit 0"
expect_out "^room $S1:操场 added\$" "facility add: names the room"
run --db t.db facility add $S1:101 --kind 普通教室 --capacity 45
expect_rc 0 "a kind in Chinese: exit 0"
run --db t.db facility add $S2:音乐室 --kind music --shareable --equipment 钢琴
expect_rc 0 "a second school's room: exit 0"
run --db t.db facility show $S1:操场
expect_rc 0 "facility show: exit 0"
expect_out "^$S1:操场, playground of 柳江区测试第一小学\$" "facility show: the room, its kind and school"
expect_out '^open: 07:30-18:00$' "facility show: the opening hours"
run --db t.db facility list --format csv
is "$(cat "$T/out")" "room,school,kind,capacity,shareable,open,equipment
$S1:101,柳江区测试第一小学,classroom,45,0,,
$S1:操场,柳江区测试第一小学,playground,400,1,07:30-18:00,
$S2:音乐室,柳江区测试镇中心小学,music,,1,,钢琴" "facility list: every room by school and name"
run --db t.db facility list --shareable --kind music --format csv
is "$(awk 'NR > 1' "$T/out")" "$S2:音乐室,柳江区测试镇中心小学,music,,1,,钢琴" "facility list --shareable --kind: filtered"
run --db t.db facility list --school $S1 --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 2 "facility list --school: one school's rooms"
run --db t.db facility edit $S1:101 --capacity 50 --shareable
expect_rc 0 "facility edit: exit 0"
run --db t.db facility show $S1:101
expect_out '^capacity: 50$' "facility edit: the capacity changed"
expect_out '^shareable: yes' "facility edit: now shareable"

# refusals
run --db t.db facility add $S1:操场 --kind gym
expect_rc 1 "a room's name twice in one school: exit 1"
expect_err 'duplicate' "a room's name twice: says so"
run --db t.db facility add $S1:体育馆
expect_rc 2 "facility add without --kind: exit 2"
run --db t.db facility add $S1:体育馆 --kind pool
expect_rc 2 "an unknown kind: exit 2"
expect_err "'pool' is not a kind of room" "an unknown kind: says so"
run --db t.db facility add $S1:体育馆 --kind gym --open 18:00-07:30
expect_rc 1 "closing before opening: exit 1"
expect_err 'open_to: 07:30 is not after 18:00' "closing before opening: says so"
run --db t.db facility add $S1:体育馆 --kind gym --open 7:30-18:00
expect_rc 2 "hours not HH:MM-HH:MM: exit 2"
run --db t.db facility add 操场 --kind gym
expect_rc 1 "a room without its school: exit 1"
expect_err 'SCHOOLCODE:NAME' "a room without its school: says how to name one"
run --db t.db facility add 2145999999:操场 --kind gym
expect_rc 1 "a room of an unknown school: exit 1"
run --db t.db facility show $S1:无此室
expect_rc 1 "showing a room that is not there: exit 1"
expect_err 'has no room named 无此室' "showing a room that is not there: says so"
run --db t.db facility edit $S1:101 --capacity -3
expect_rc 2 "a negative capacity: exit 2"
run --db t.db facility frob
expect_rc 2 "facility frob: exit 2"

# the CSV
cat >rooms.csv <<CSV
school_code,name,kind,capacity,shareable,open_from,open_to,equipment,uses,hours
$S1,101,classroom,50,1,,,,,
$S1,102,classroom,48,0,,,投影仪,,
$S1,操场,playground,400,1,07:30,18:00,,"体育课,运动会",
$S2,音乐室,music,,1,,,钢琴,,mon-fri 16:00-18:00; sat 08:00-12:00
CSV
run --db t.db import facilities rooms.csv
expect_rc 0 "import facilities: exit 0"
expect_out '1 added, 1 updated, 2 unchanged' "import facilities: the new room added, the hours set, the rest as they are"
run --db t.db export facilities
same rooms.csv "$T/out" "export facilities: the round trip"
run --db t.db export facilities --headers zh
expect_out '^学校代码,名称,类型,容量,对外开放,开放时间,关闭时间,设备,用途,开放时段$' "export facilities in Chinese: the headers"
printf 'school_code,name,kind,open_from,open_to\n%s,103,教室,,\n%s,104,classroom,08:00,07:00\n%s,a:b,classroom,,\n' $S1 $S1 $S1 >bad.csv
run --db t.db import facilities bad.csv
expect_rc 1 "bad rooms: exit 1"
expect_err "bad.csv:2: .*'教室' is not one of classroom" "an unknown kind"
expect_err 'bad.csv:3: open_to: 07:00 is not after 08:00' "closing before opening"
expect_err "bad.csv:4: name: a room has a name, without ':'" "a ':' in a room's name"
is "$("$BIN" --db t.db export facilities | wc -l | tr -d ' ')" 5 "refused rooms: nothing imported"

# the timetables use them
"$BIN" --db t.db term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10 >/dev/null 2>&1
printf 'term,school_code,name,grade,students,home_room\n2025-2026/2,%s,三年级1班,3,45,101\n' $S1 >classes.csv
run --db t.db import classes classes.csv
expect_rc 0 "a class's home room: exit 0"
run --db t.db export classes
expect_out "^2025-2026/2,$S1,三年级1班,3,45,101\$" "a class's home room exported by name"

# who may change a school's rooms
"$BIN" --db t.db operator add boss admin >/dev/null 2>&1
"$BIN" --db t.db operator add "$(id -un)" viewer >/dev/null 2>&1
run --db t.db facility edit $S1:101 --capacity 10
expect_rc 1 "a viewer changes no room: exit 1"
expect_err 'permission denied' "a viewer changes no room: says so"
run --db t.db facility list
expect_rc 0 "a viewer lists the rooms"
run --db t.db history --table room --format csv
expect_out ',added,room,' "rooms are in the audit log"
