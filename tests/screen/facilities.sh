#!/bin/sh
# The Facilities pane on the demo county at 100×30: the rooms with what holds them; a room's
# week with its approved bookings, a holiday and a make-up day marked without colour; the
# approval queue; the booking form that lists the conflicting dates before it saves and
# books the others when saved again; the use of rooms by room and by school.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
export XUEQU_TODAY=2026-11-10
ROOM=$("$BIN" --db "$T/d.db" facility list --shareable --kind playground --format csv | awk -F, 'NR == 2 { print $1 }')
BORROWER=$("$BIN" --db "$T/d.db" booking list --room "$ROOM" --status approved --format csv | awk -F, 'NR == 2 { print $3 }')
[ -n "$ROOM" ] && [ -n "$BORROWER" ] || notok "setup: the demo's playground and its borrower"

start 100 30 "$(conf en)"
see "Districts 1/" "the console starts"
keys 4
see "Rooms 1/" "4 shows the Facilities pane"
see "dates requested, waiting for their schools" "the requests waiting are counted"
keys /
text "操场"
keys Enter
line_has "$ROOM" "✓" "a shared room is marked without colour"
line_has "$ROOM" "mon-fri 16:30" "its hours by weekday"
see "Next bookings (✓ approved, ? requested):" "the room's next bookings below"
keys Enter
see "week of 2026-11-09" "Enter shows the room's week"
line_has "16:30" "✓" "the approved Tuesday and Thursday bookings, marked"
keys '[' '[' '[' '[' '[' 
see "week of 2026-10-05" "[ goes back a week at a time"
see "× holiday" "a holiday is marked under its date"
see "= Wed" "a make-up Saturday shows the weekday it runs"
keys q A
see "Requests waiting for your school" "A shows the approval queue"
keys a
see "1 approved." "a approves the request"
keys q b
see "Book $ROOM" "b opens the booking form"
keys Space
see "Find:" "the school is picked from a list"
text "$BORROWER"
keys Enter Tab Tab
text "17:30-18:30"
keys Enter
see "requested: 1 dates, 1.0 h" "a free evening is booked"
keys b Space
text "$BORROWER"
keys Enter Tab Tab
text "17:30-18:30"
keys Tab Right Tab
text "tue"
keys Tab
text "2026-11-24"
keys Enter
see "Save again to book the other 2 dates. 1 dates conflict: 2026-11-10" "saving lists the conflicting date first"
keys Enter
see "(conflicting dates skipped)" "saving again books the others"
is "$("$BIN" --db "$T/d.db" booking list --room "$ROOM" --from 2026-11-17 --to 2026-11-24 --status requested --format csv |
	grep -c ',17:30,18:30,')" 2 "the database holds the two Tuesdays"
keys u
see "Use of rooms by room" "u shows the use of rooms"
keys b
see "Use of rooms by school" "b shows it by school"
keys q q
quits "the console quits"
