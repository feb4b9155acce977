#!/bin/sh
# inspection_history.sh: a score is refused when the result changed since it was read
# (score --rev, show ID ITEM), and the history and undo of inspections, results,
# rectifications and templates: readable record names, undo where it means something and a
# reason where it does not (the results of a submitted inspection, a closed inspection, a
# verified rectification, a template version in use, a viewer).
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
me=$(id -un)
DIST=柳江区测试城乡帮扶学区
S2=2145990002
export XUEQU_TODAY=2026-09-01

"$BIN" --db c.db init >/dev/null 2>&1
for e in schools districts members; do "$BIN" --db c.db import $e "$D/$e.csv" >/dev/null 2>&1; done
"$BIN" --db c.db inspection add --template 学区考核 --district $DIST --date 2026-05-10 --team "$me" >/dev/null 2>&1

# the newest change of a table's row in the audit log: its number
last_change() {
	"$BIN" --db c.db history --table "$1" --id "$2" --format csv | awk -F, 'NR == 2 { print $1 }'
}
field() { awk -F': ' -v k="$1" '$1 == k { print $2 }' "$T/out"; }

# ---- the revision of a result ----
run --db c.db inspection show 1 1
expect_rc 0 "show of one item: exit 0"
is "$(field rev)" 0 "an item not scored is at revision 0"
is "$(field value)" "" "an item not scored has no value"
run --db c.db inspection score 1 1 是 --rev 0
expect_rc 0 "score --rev 0 of an item not scored: exit 0"
run --db c.db inspection show 1 1
is "$(field rev)" 1 "the first score is revision 1"
is "$(field value)" 1 "yes is stored as 1"
run --db c.db inspection score 1 1 否 --rev 1
expect_rc 0 "score --rev 1 of revision 1: exit 0"
run --db c.db inspection score 1 1 是 --rev 1
expect_rc 1 "score --rev of a revision someone changed meanwhile: exit 1"
expect_err 'not saved: item 1 of inspection 1 was changed by' "the refusal says the item changed"
expect_err "$me at [0-9-]+ [0-9:]+ UTC" "the refusal names who changed it and when"
expect_err 'revision 2, not 1' "the refusal gives both revisions"
run --db c.db inspection show 1 1
is "$(field value)" 0 "the refused score wrote nothing: still no"
is "$(field rev)" 2 "and the revision stays 2"
run --db c.db inspection score 1 2 3 --rev 0 --note 第二条
expect_rc 0 "score --rev 0 with a note: exit 0"
run --db c.db inspection score 1 2 4 --rev 0
expect_rc 1 "score --rev 0 of an item scored meanwhile: exit 1"
expect_err 'revision 1, not 0' "an item scored meanwhile: its revision named"
run --db c.db inspection show 1 2
is "$(field note)" 第二条 "show of one item: the note"
is "$(field pass)" no "show of one item: 3 of at least 4 fails"
run --db c.db inspection score 1 2 4
expect_rc 0 "score without --rev: no check, as before"
run --db c.db inspection score 1 2 4 --rev x
expect_rc 2 "score --rev x: exit 2"
run --db c.db inspection score 1 2 4 --rev -1
expect_rc 2 "score --rev -1: exit 2"
run --db c.db inspection list --rev 1
expect_rc 2 "inspection list --rev: exit 2"
run --db c.db inspection show 1 --rev 1
expect_rc 2 "inspection show --rev: exit 2"
run --db c.db inspection show 1 1 --format csv
expect_rc 2 "show of one item as CSV: exit 2"
run --db c.db inspection show 1 99
expect_rc 1 "show of an item the template lacks: exit 1"
run --db c.db template list --rev 1
expect_rc 2 "template list --rev: exit 2"

# ---- history: the records named ----
run --db c.db history --table inspection --id 1
expect_rc 0 "history of an inspection: exit 0"
expect_out "added +inspection +1 +$DIST 2026-05-10" "an inspection is named by its target and date"
run --db c.db history --table result
expect_out "changed +inspection result +1 +$DIST 2026-05-10 #1 +value, pass" \
	"a result is named by its inspection and item, with the fields changed"
expect_out "added +inspection result +2 +$DIST 2026-05-10 #2" "the second item's result"

# ---- undo of results ----
c=$(last_change result 1)
run --db c.db undo "$c"
expect_rc 0 "undo of a score: exit 0"
run --db c.db inspection show 1 1
is "$(field value)" 1 "the undo brought back yes"
is "$(field rev)" 3 "the undo is a new revision"
run --db c.db inspection score 1 1 否 --rev 2
expect_rc 1 "a score read before the undo is refused"
c=$(last_change result 2)
first=$("$BIN" --db c.db history --table result --id 2 --format csv | awk -F, 'END { print $1 }')
run --db c.db undo "$first"
expect_rc 1 "undo of a result's adding under a later change: exit 1"
expect_err 'stands in the way' "a later change stands in the way"
run --db c.db inspection add --template 学区考核 --district $DIST --date 2026-05-11 --team "$me"
added=$("$BIN" --db c.db history --table inspection --id 1 --format csv | awk -F, 'END { print $1 }')
run --db c.db undo "$added"
expect_rc 1 "undo of the adding of an inspection scored since: exit 1"
expect_err 'a later change' "its status change stands in the way"
run --db c.db undo "$(last_change inspection 1)"
expect_rc 1 "undo of the move to in progress of an inspection with results: exit 1"
expect_err 'inspection 1 has results' "an inspection with results is not planned again: says why"

# every item scored, submitted: its results no longer change
for i in 3 4 5 6 7 8 9; do "$BIN" --db c.db inspection score 1 $i 10 >/dev/null 2>&1; done
"$BIN" --db c.db inspection score 1 2 3 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 5 是 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 7 是 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 4 30 >/dev/null 2>&1
run --db c.db inspection submit 1
expect_rc 0 "the inspection submitted"
c=$(last_change result 3)
run --db c.db undo "$c"
expect_rc 1 "undo of a score of a submitted inspection: exit 1"
expect_err 'inspection 1 is submitted: its results no longer change' "says why"

# the submit itself is undone, then the score
submit=$(last_change inspection 1)
run --db c.db undo "$submit"
expect_rc 0 "undo of the submit: exit 0"
run --db c.db inspection list --status in_progress --format csv
expect_out '^1,' "the inspection is in progress again"
run --db c.db undo "$c"
expect_rc 0 "then the score's undo is allowed"

# a second inspection, never scored: its adding is undone
run --db c.db undo "$(last_change inspection 2)"
expect_rc 0 "undo of the adding of an inspection without results: exit 0"
run --db c.db inspection show 2
expect_rc 1 "the inspection is gone"

# ---- closed ----
"$BIN" --db c.db inspection score 1 3 10 >/dev/null 2>&1
"$BIN" --db c.db inspection submit 1 >/dev/null 2>&1
run --db c.db rectification add 1 2 --person 王主任 --deadline 2026-12-01 --school $S2
expect_rc 0 "a rectification of the failed item 2"
run --db c.db history --table rectification --id 1
expect_out "added +rectification +1 +.* 2026-12-01" "a rectification is named by its school and deadline"
run --db c.db undo "$(last_change rectification 1)"
expect_rc 0 "undo of a rectification's adding: exit 0"
run --db c.db rectification list --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 0 "the rectification is gone"
run --db c.db rectification add 1 2 --person 王主任 --deadline 2026-12-01 --school $S2
rect=$(cat "$T/out")
run --db c.db inspection close 1
expect_rc 0 "the inspection closed"
run --db c.db undo "$(last_change inspection 1)"
expect_rc 1 "undo of a change of a closed inspection: exit 1"
expect_err 'inspection 1 is closed: its record no longer changes' "a closed inspection: says why"

# verified by a later inspection: no undo
later=$("$BIN" --db c.db inspection add --template 学区考核 --district $DIST --date 2026-10-10 --team "$me" 2>/dev/null)
for i in 2 3 4 6 8 9; do "$BIN" --db c.db inspection score "$later" $i 10 >/dev/null 2>&1; done
for i in 1 5 7; do "$BIN" --db c.db inspection score "$later" $i 是 >/dev/null 2>&1; done
"$BIN" --db c.db inspection score "$later" 4 30 >/dev/null 2>&1
"$BIN" --db c.db inspection submit "$later" >/dev/null 2>&1
run --db c.db rectification verify "$rect" --by "$later"
expect_rc 0 "the rectification verified by the later inspection"
run --db c.db undo "$(last_change rectification "$rect")"
expect_rc 1 "undo of a verified rectification's change: exit 1"
expect_err 'verified by a later inspection' "a verified rectification: says why"

# ---- templates ----
"$BIN" --db c.db template export 学区考核 -o t.csv >/dev/null 2>&1
run --db c.db template import t.csv
expect_rc 0 "a second version of the district template"
tid=$(awk '/id [0-9]+$/ { print $NF }' "$T/out")
run --db c.db history --table template_item
expect_out "added +template item +[0-9]+ +学区考核 v2 #1" "a template item is named by template, version and position"
run --db c.db history --table template --id "$tid"
expect_out "added +checklist template +$tid +学区考核" "a template is named by its name"
newest=$("$BIN" --db c.db inspection add --template 学区考核 --district $DIST --date 2026-11-10 --team "$me" 2>/dev/null)
run --db c.db undo "$(last_change template "$tid")"
expect_rc 1 "undo of a template version in use: exit 1"
expect_err 'used by inspections' "a template version in use: says why"

# ---- roles ----
cp c.db viewer.db
"$BIN" --db viewer.db operator add boss admin >/dev/null 2>&1
"$BIN" --db viewer.db operator add "$me" viewer >/dev/null 2>&1
run --db viewer.db undo "$(last_change inspection "$newest")"
expect_rc 1 "a viewer undoes no inspection change"
expect_err 'permission denied' "a viewer: permission denied"

run --db c.db check
expect_rc 0 "xuequ check: clean after the undos"
