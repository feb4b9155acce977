#!/bin/sh
# history.sh: `xuequ history` (the audit log, newest first, by table and row) and
# `xuequ undo` (a new, audited change that restores what a change replaced; refused where
# a later change stands in the way, where the data forbid it, and for a viewer).
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
X() { "$BIN" --db h.db "$@"; }
title() { X export teachers | awk -F, '$1 == "Z0000001" { print $7 }'; }
changes() { X history --limit 100000 --format csv | tail -n +2 | wc -l | tr -d ' '; }
newest() { X history --format csv "$@" --limit 1 | tail -n +2 | cut -d, -f1; }

X init >/dev/null && X import schools "$D/schools.csv" >/dev/null &&
	X import teachers "$D/teachers.csv" >/dev/null || notok "setting up the history tests"

run --db h.db history
expect_rc 0 "history: exit 0"
expect_out '^Change +When \(UTC\) +Who +What +Table +Id +Record +Fields$' "history: a table with headers"
expect_out "^ +[0-9]+ +[0-9-]+ [0-9:]+ +$(id -un) +added +teacher +2 +覃志强 *$" \
	"history: the newest change first, who made it and on which record"
run --db h.db history --table teacher --id 1
expect_rc 0 "history of one row: exit 0"
is "$(wc -l <"$T/out" | tr -d ' ')" 2 "history of one row: only its change"
expect_out 'added +teacher +1 +韦丽华' "history of one row: the teacher added"
run --db h.db history --limit 2 --format csv
is "$(wc -l <"$T/out" | tr -d ' ')" 3 "history --limit 2: two changes"
expect_out '^Change,When \(UTC\),Who,What,Table,Id,Record,Fields,Origin$' "history --format csv: a CSV header"

# an update, undone and redone
n0=$(changes)
sed 's/^Z0000001,\(.*\),一级教师,/Z0000001,\1,高级教师,/' "$D/teachers.csv" >t2.csv
X import teachers t2.csv >/dev/null
is "$(title)" "高级教师" "the import changed the title"
run --db h.db history --table teacher --id 1
expect_out 'changed +teacher +1 +韦丽华 +title$' "history: the update names the field it changed"
upd=$(newest --table teacher --id 1)
run --db h.db undo "$upd"
expect_rc 0 "undo of an update: exit 0"
expect_out "^change $upd undone by change [0-9]+$" "undo: names the new change"
is "$(title)" "一级教师" "undo of an update: the earlier value is back"
is "$(changes)" "$((n0 + 2))" "undo: one new change in the history"
run --db h.db undo "$upd"
expect_rc 1 "undo of a change already undone: exit 1"
expect_err "cannot undo change #$upd: a later change of the same teacher" "undo: refused where a later change stands in the way"
is "$(changes)" "$((n0 + 2))" "a refused undo writes nothing"
run --db h.db undo "$(newest)"
expect_rc 0 "undo of the undo: exit 0"
is "$(title)" "高级教师" "undo of the undo: the change is back"

# an insert whose row others refer to: the database refuses to delete it
sch=$(X history --table school --format csv | tail -1 | cut -d, -f1)
run --db h.db undo "$sch"
expect_rc 1 "undo of a school's insert while teachers refer to it: exit 1"
expect_err 'refused' "undo of a referred insert: the database's reason"
is "$(X export schools | grep -c '^2145990001,')" 1 "the refused undo keeps the school"

# misuse and missing changes
for args in "undo" "undo abc" "undo 1 2" "history --limit 0" "history --id 3" "history --bogus" \
	"history extra"; do
	# shellcheck disable=SC2086
	run --db h.db $args
	expect_rc 2 "$args: misuse"
done
run --db h.db undo 999999
expect_rc 1 "undo of a change that is not there: exit 1"
expect_err 'no change #999999' "undo of a change that is not there: says so"

# Chinese labels
printf '[ui]\nlanguage = zh\n' >zh.conf
XUEQU_CONFIG=zh.conf run --db h.db history --table teacher --id 1 --limit 1
expect_out '修改 +教师 +1 +韦丽华 +title' "history in Chinese: the operation and table in Chinese"

# two undos of the same change at once: exactly one wins, every time
wins=0
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	sed "s/^Z0000001,\(.*\),[^,]*教师,/Z0000001,\1,race$i,/" "$D/teachers.csv" >t3.csv
	X import teachers t3.csv >/dev/null
	c=$(newest --table teacher --id 1)
	X undo "$c" >/dev/null 2>&1 &
	p1=$!
	X undo "$c" >/dev/null 2>&1 &
	p2=$!
	wait $p1 && wins=$((wins + 1))
	wait $p2 && wins=$((wins + 1))
done
is "$wins" 10 "two undos of one change at once: one wins in each of 10 races"
is "$(title)" "高级教师" "after the races each import is undone once: the title is back"

# a viewer may not undo
me=$(id -un)
X operator add boss admin >/dev/null && X operator add "$me" viewer >/dev/null || notok "making $me a viewer"
n1=$(changes)
run --db h.db undo "$(newest --table teacher)"
expect_rc 1 "undo by a viewer: exit 1"
expect_err 'permission denied' "undo by a viewer: refused by the role check"
is "$(changes)" "$n1" "undo by a viewer: nothing written"
is "$(title)" "高级教师" "undo by a viewer: nothing changed"
