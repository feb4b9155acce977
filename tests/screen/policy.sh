#!/bin/sh
# The county's policy form (P and :policy) on the demo county at 80×24: it shows every
# value; an admin edits min_ratio, saves, and the Exchanges gauges follow; a bad value is
# refused under its field; a change by another session reloads the gauges and makes a
# form opened before it refuse to save, naming who; in Chinese the form is titled so; a
# viewer sees the values and is refused.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
D="$T/d.db"
value() { "$BIN" --db "$D" policy show --format csv | awk -F, -v k="$1" '$1 == k { print $2 }'; }

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys 2
see "(target 10%)" "the gauges use the default min_ratio"
keys P
see "County policy" "P opens the policy form"
see "reference_date" "the form shows the first key"
line_has "min_ratio" "0.1" "the form shows min_ratio with its value"
line_has "backbone_base" "< exchanged >" "a choice shows as one"
keys Down Down Down Down C-u
text "abc"
keys Enter
see "is not a number" "a bad value is refused"
see "County policy" "the form stays open after a refusal"
is "$(value exchange.min_ratio)" 0.1 "a refused value is not stored"
keys C-u
text "0.25"
keys Enter
gone "County policy" "the form closes on save"
see "policy is saved" "the save is confirmed"
see "(target 25" "the gauges follow the saved min_ratio"
is "$(value exchange.min_ratio)" 0.25 "the value is in the database"

# another session changes the policy: the gauges reload
"$BIN" --db "$D" policy set min_ratio=0.3 >/dev/null
see "(target 30" "another session's change reaches the gauges"
# a form opened before another change refuses to save, naming who
keys :
text "policy"
keys Enter
see "County policy" ":policy opens the form"
"$BIN" --db "$D" policy set term_years=3 >/dev/null
keys Down Down Down Down C-u
text "0.4"
keys Enter
see "Not saved: $(id -un) changed this record" "a stale save names who changed it"
is "$(value exchange.min_ratio)" 0.3 "a stale save stores nothing"
keys Escape
see "Discard the changes?" "Esc asks before discarding"
keys y
gone "County policy" "the form is closed"
keys q
quits "q quits"

# in Chinese
start 80 24 "$(conf zh)"
keys P
see "区县政策" "the form in Chinese"
keys Escape q
quits "q quits (Chinese)"

# a viewer reads the policy but cannot change it
"$BIN" --db "$D" operator add someone-else admin >/dev/null
"$BIN" --db "$D" operator add "$(id -un)" viewer >/dev/null
start 80 24 "$(conf en)"
keys P
see "only an admin may change it" "a viewer's form says so"
line_has "min_ratio" "0.3" "a viewer sees the values"
keys Enter
gone "County policy" "a viewer closes an unchanged form with Enter"
keys P
see "County policy" "the form again"
keys Down Down Down Down C-u
text "0.5"
keys Enter
see "permission denied" "a viewer's save is refused"
is "$(value exchange.min_ratio)" 0.3 "a viewer's save stores nothing"
keys Escape y q
quits "q quits (viewer)"
