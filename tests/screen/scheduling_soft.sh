#!/bin/sh
# The Scheduling pane on a term with soft rules on days (tests/cli/data/soft_days.fet): the
# selected term's detail gives its soft score beside its hard violations, and S ends with
# the soft score the solve reached (2 × 70: a teacher's three days, one wanted).
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

x() { "$BIN" --db "$T/d.db" "$@" >/dev/null 2>&1 || notok "setup: $*"; }
x init
x term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10
x timetable import-fet "$TOP/tests/cli/data/soft_days.fet" --create

start 100 24 "$(conf en)"
see "Districts" "the console starts"
keys 3
see "Terms 1/1" "3 shows the Scheduling pane with the term"
see "2025-2026/2: 0 of 5 lessons placed; no hard violation; soft score 0." "nothing placed: no soft rule broken yet"
keys S
see "2025-2026/2: 5 of 5 lessons placed in" "S solves the term"
see "; soft score 140" "and its message gives the soft score"
see "5 of 5 lessons placed; no hard violation; soft score 140." "the detail gives it too"
keys q
quits "the console quits"
