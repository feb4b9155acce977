#!/bin/sh
# The Scheduling pane's weeks on the demo county at 130×36: a term's teachers with their
# schools; a shared teacher's week with the day's schools and the drive between them; a
# lesson picked up shows which cells it may go to and which rule the others break; a move
# that breaks a rule is refused in words, one that keeps them is placed; locking; the
# database holds the move.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
export XUEQU_TODAY=2026-11-10
# the PE teacher who drives between two schools (the demo's rule of two changes a day)
STAFF=$("$BIN" --db "$T/d.db" export teacher_rules | awk -F, 'NR > 1 && $4 == 2 { print $2; exit }')
NAME=$("$BIN" --db "$T/d.db" export teachers | awk -F, -v s="$STAFF" '$1 == s { print $2 }')
[ -n "$NAME" ] || notok "setup: the demo's shared teacher"
lessons() { "$BIN" --db "$T/d.db" export lessons | awk -F, -v s="$STAFF" '$7 == s' | sort; }
before=$(lessons)

start 130 36 "$(conf en)"
see "Districts 1/" "the console starts"
keys 3
see "2026-2027/1" "the Scheduling pane lists the demo's term"
keys Enter
see "schools, classes, teachers and rooms" "Enter opens the term"
line_has "$NAME" "、" "a shared teacher is listed with both schools"
keys /
text "$NAME"
keys Enter Enter
wait_for "teacher $NAME · " || notok "Enter shows the teacher's week (its title)" # (the term's list has the name's row)
see "teacher $NAME" "Enter shows the teacher's week"
see "drive" "the day's schools and the drive between them"
# carry the first lesson of the week
i=0
while [ $i -lt 40 ]; do
	keys m
	sleep 0.2
	screen >"$T/screen"
	grep -q "Carrying" "$T/screen" && break
	keys j
	i=$((i + 1))
	[ $((i % 8)) -eq 0 ] && keys l
done
see "carrying a lesson: ✓ may go, ✗ would break" "m picks the lesson up"
see "✗ class busy" "cells that break a rule say which"
see "✓" "cells where it may go are marked"
keys Escape
see "Put down where it was." "Esc puts it down"
# carried over the week to a cell where it would clash, it is refused with the rule
keys m
i=0
while [ $i -lt 40 ]; do
	keys j
	sleep 0.15
	i=$((i + 1))
	[ $((i % 8)) -eq 0 ] && keys l
	screen >"$T/screen"
	grep -q "Carrying.*at once" "$T/screen" && break
done
keys Enter
see "Refused: that breaks a hard rule" "a move that breaks a rule is refused in words"
is "$(lessons)" "$before" "nothing moved"
# back to its own cell: taken off the timetable, then picked up from there and put back
keys Escape
i=0
while [ $i -lt 40 ]; do
	keys m
	sleep 0.15
	screen >"$T/screen"
	grep -q "Carrying.*Enter puts it here" "$T/screen" && break
	grep -q "Carrying" "$T/screen" && keys Escape
	keys j
	i=$((i + 1))
	[ $((i % 8)) -eq 0 ] && keys l
done
keys x
see "The lesson is off the timetable." "x takes the carried lesson off the timetable"
see "1 lessons not placed" "the week says one waits"
[ "$(lessons)" != "$before" ] && ok "the database holds it unplaced" || notok "the database holds it unplaced"
keys m
see "Enter puts it here." "m on the empty cell picks up the lesson waiting"
keys Enter
see "The lesson is placed." "put back, it is placed"
is "$(lessons)" "$before" "the database holds it where it was"
keys L
see "Locked" "L locks the lesson at the cursor"
keys e
see "Write the week to:" "e asks where to write the week"
keys C-u
text "$T/week.html"
keys Enter
see "the week written as a page to print" "a name ending .html: a page to print"
grep -q '<!DOCTYPE html>' "$T/week.html" && grep -q '<td>' "$T/week.html" && ok "the page is written" ||
	notok "the page is written"
keys e C-u
text "$T/week.csv"
keys Enter
see "the week written as CSV" "another name: CSV"
head -1 "$T/week.csv" | grep -q '^period,time,' && ok "the CSV has the week's header" || notok "the CSV has the week's header"
keys q q q
quits "the console quits"
