#!/bin/sh
# repropose.sh: in the console at 80×24, a teacher whose proposal was rejected (in Chinese)
# or cancelled (in English) is offered as eligible by the teacher picker and proposed again
# through the form for the same start date; a second live proposal is refused by the form
# with the overlap it meets.
. "$TOP/tests/cli/lib.sh"

. "$TOP/tests/screen/lib.sh"

make_demo
Y=2026-2027
D="$T/d.db"

# an eligible teacher at a district's member school, and another member school of the same
# district to send them to
"$BIN" --db "$D" exchange eligible --year $Y --format csv >"$T/elig.csv"
awk -F, 'NR == FNR { d[$1] = $2; next } FNR > 1 && $8 == 1 && ($3 in d) { print $1 "," $3 "," d[$3] }' \
	"$T/current" "$T/elig.csv" >"$T/movable"
while IFS=, read -r staff home district; do
	to=$(awk -F, -v d="$district" -v h="$home" '$2 == d && $1 != h { print $1; exit }' "$T/current")
	if [ -n "$to" ]; then
		STAFF=$staff TO=$to
		break
	fi
done <"$T/movable"
NAME=$(awk -F, -v s="$STAFF" '$1 == s { print $2 }' "$T/elig.csv")
TO_NAME=$(awk -F, -v c="$TO" '$1 == c { print $2 }' "$T/schools.csv")
[ -n "$STAFF" ] && [ -n "$TO_NAME" ] && ok "a movable teacher: $STAFF to $TO" ||
	notok "a movable teacher found in the demo county"

# statuses: the statuses of the teacher's exchanges, in id order
statuses() {
	"$BIN" --db "$D" exchange list --format csv |
		awk -F, -v s="$STAFF" '$2 == s { print $1, $14 }' | sort -n | cut -d' ' -f2 | tr '\n' ' '
}
# propose: the console's a, the teacher picked by staff number, the school by code, saved
propose() {
	keys a
	text "$STAFF"
	line_has "$STAFF" "$1" "$2"
	keys Enter
	keys Space
	text "$TO"
	keys Enter
	see "$TO_NAME ($TO)" "$3: the receiving school is picked"
	keys Enter
}

run --db "$D" exchange add "$STAFF" "$TO" --year $Y
expect_rc 0 "the teacher is proposed"
run --db "$D" exchange reject "$(sed -n 's/^exchange \([0-9]*\):.*/\1/p' "$T/out")"
expect_rc 0 "the proposal is rejected"

# ---- Chinese, 80×24: proposed again after the rejection ----
start 80 24 "$(conf zh)"
see "1 学区" "the console starts in Chinese"
keys 2
see "$Y 学年" "2 shows the exchanges"
line_has "$NAME" "已驳回" "the rejected proposal is listed"
propose "✓ 符合条件" "after a rejection the picker shows the teacher eligible" "Chinese"
see "已登记 $NAME 的拟交流" "the form proposes the rejected teacher again"
is "$(statuses)" "rejected proposed " "stored beside the rejected one"
line_has "$NAME" "拟交流" "the new proposal is listed"
keys q
quits "the Chinese console quits cleanly"

# ---- English, 80×24: proposed again after a cancellation; a second live one refused ----
LIVE=$("$BIN" --db "$D" exchange list --format csv | awk -F, -v s="$STAFF" '$2 == s && $14 == "proposed" { print $1 }')
run --db "$D" exchange cancel "$LIVE"
expect_rc 0 "the new proposal is cancelled"
start 80 24 "$(conf en)"
keys 2
see "School year $Y" "English: 2 shows the exchanges"
propose "✓ eligible" "English: after a cancellation the picker shows the teacher eligible" "English"
see "Exchange of $NAME proposed" "English: the form proposes the teacher again"
is "$(statuses)" "rejected cancelled proposed " "English: stored beside the rejected and the cancelled one"
LIVE=$("$BIN" --db "$D" exchange list --format csv | awk -F, -v s="$STAFF" '$2 == s && $14 == "proposed" { print $1 }')
# with a live proposal the teacher is no longer offered as eligible; every teacher (Tab)
# shows why, and the database refuses a second live one (tests/cli/repropose.sh)
keys a
text "$STAFF"
see "No teacher matches" "English: a teacher with a live proposal is not offered as eligible"
keys Tab
line_has "$STAFF" "✗ has an exchan" "English: every teacher marks the teacher"
see "has an exchange in" "English: and says why"
keys Escape
is "$(statuses)" "rejected cancelled proposed " "English: nothing more is stored"
tm kill-session -t xq 2>/dev/null
