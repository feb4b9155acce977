#!/bin/sh
# Offline work at 80×24: `:merge PACK` shows the conflict screen — the changes and the
# conflicts with the server's and the pack's values, marked without colour; a refuses while
# one is undecided; s and p decide one at a time; a merges and the database has the values
# chosen, the one not kept in the audit log. The console opened on a pack says so.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
export XUEQU_TODAY=2026-06-01
me=$(id -un)
cat >"$T/own.csv" <<'CSV'
template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto
安全自查,school,total,2,安全,灭火器数,measured,,>=,4,个,,1,0
安全自查,school,total,2,安全,制度落实,score,5,,,,,1,0
安全自查,school,total,2,安全,台账,score,5,,,,,1,0
CSV
x() { "$BIN" --db "$@" >/dev/null 2>&1; }
x "$T/d.db" template import "$T/own.csv"
x "$T/d.db" inspection add --template 安全自查 --school "$MEMBER_CODE" --date 2026-06-01 --team "$me"
x "$T/d.db" inspection score 1 1 2
x "$T/d.db" inspection score 1 2 2
x "$T/d.db" take --inspection 1 -o "$T/p.xqp"
x "$T/p.xqp" inspection score 1 1 7
x "$T/p.xqp" inspection score 1 2 4
x "$T/p.xqp" inspection score 1 3 5
x "$T/d.db" inspection score 1 1 6
x "$T/d.db" inspection score 1 2 3
value() { sqlite3 -batch "$T/d.db" "SELECT printf('%g', r.value) FROM result r JOIN template_item i ON i.id = r.item_id WHERE r.inspection_id = 1 AND i.position = $1"; }

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys 5
see "taken offline: $me" "the Inspections pane shows who took the inspection offline"
keys :
text "merge $T/nothing.xqp"
keys Enter
see "Refused:" "merging a missing pack is refused, with the reason"
keys :
text "merge $T/p.xqp"
keys Enter
see "Merging pack 1 (inspections 1)" "the conflict screen opens"
see "2 conflicts, 2 undecided" "it counts the conflicts"
line_has "? undecided" "value" "a conflict is marked undecided, in words"
line_has "item 1" "6" "the server's value is shown"
line_has "item 1" "7" "the pack's value is shown"
line_has "insert" "item 3" "the change without conflict is listed"
see "when taken: 2" "the value when taken"
see "on the laptop" "who changed the pack's side, and where"
keys a
see "2 conflicts are undecided" "a refuses while conflicts are undecided"
is "$(value 3)" "" "nothing merged yet"
keys p
see "1 undecided" "p decides the selected conflict"
line_has "pack ▶" "item 1" "the decision is marked without colour"
keys s
see "0 undecided" "s decides the next one"
line_has "◀ server" "item 2" "the server's side is marked"
keys a
see "Pack 1 merged" "a merges the pack"
is "$(value 1)" 7 "the pack's value kept where chosen"
is "$(value 2)" 3 "the server's value kept where chosen"
is "$(value 3)" 5 "the change without conflict applied"
is "$(sqlite3 -batch "$T/d.db" "SELECT count(*) FROM audit WHERE origin LIKE 'pack 1 %not kept%' AND json_extract(before, '\$.value') = 4")" 1 \
	"the pack's value not kept is in the audit log"
keys :
text "merge $T/p.xqp"
keys Enter
see "merged already" "a second merge says it was merged"
keys q q
quits "the console quits"

# the console on a pack says so
rm -f "$T/d.db" "$T/d.db-wal" "$T/d.db-shm"
cp "$T/p.xqp" "$T/d.db"
start 100 24 "$(conf en)"
see "offline pack 1: inspections 1" "the console on a pack shows it is one, and of what"
keys q
quits "the console quits (pack)"
