#!/bin/sh
# The Inspections pane at 80×24: an inspection planned from the console; the shipped
# district assessment scored whole by keyboard (y/n, digits, Enter, a note), the running
# total on the top line changing as the weights exported from the template say; a failed
# item marked without colour; submit, asked first; a rectification made from a failed item
# and seen in the ledger; a stale score refused; a viewer refused scoring.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
export XUEQU_TODAY=2026-06-01
"$BIN" --db "$T/d.db" template export 学区考核 -o "$T/district.csv" >/dev/null 2>&1
# the running total after the first k items scored with the values vals, from the weights:
# yes/no weight × value, score weight × value ÷ max, measured weight when it passes
total() {
	awk -F, -v vals="$1" -v k="$2" 'BEGIN { split(vals, v, " ") }
		NR > 1 { n++; w = $13; m += w; if (n > k) next; x = v[n]
			if ($7 == "yesno") p = w * x
			else if ($7 == "score") p = w * x / $8
			else if ($9 == ">=") p = (x >= $10) ? w : 0
			t += p }
		END { printf "%g/%g", t, m }' "$T/district.csv"
}
vals="1 3 15 25 1 8 0 7 9"
# the mark of item N on the checklist as now shown (first column)
mark() { screen | awk -v n="$1" 'NR > 4 && $2 == n { print $1; exit }'; }

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys 5
see "Inspections 0/0" "5 shows the Inspections pane, empty"
keys a
see "Plan an inspection" "a opens the form"
keys Right Tab Tab Space
see "Find:" "the district is picked from a list"
text "$MEMBER_DISTRICT"
keys Enter
line_has "District inspected" "$MEMBER_DISTRICT" "the district is in the form"
keys Enter
see "Inspection 1 planned" "the inspection is planned"
line_has "2026-06-01" "学区考核 v1" "the list shows its date and checklist"
"$BIN" --db "$T/d.db" inspection list --format csv >"$T/list.csv"
is "$(awk -F, 'NR == 2 { print $3 "," $4 "," $6 }' "$T/list.csv")" "$MEMBER_DISTRICT,学区考核,planned" \
	"the database holds the planned inspection"

keys Enter
wait_for "No. Section" || notok "Enter opens the checklist (its head)" # (the list's detail has the total too)
see "Total 0/100" "Enter opens the checklist with the total on top"
is "$(mark 1)" "·" "items not scored are marked ·"
keys y
see "Total $(total "$vals" 1) · incomplete" "y scores the first item and the total moves"
is "$(mark 1)" "✓" "a passed item is marked ✓"
keys 3
line_has "每学期学区集体备课次数" "3_" "a digit types into the second item"
keys Enter
see "Item 2 saved: FAILED" "Enter saves the value and says it failed"
is "$(mark 2)" "✗" "the failed item is marked ✗, readable without colour"
keys 1 5 Enter
see "Total $(total "$vals" 3) · incomplete" "a measured value that passes adds its weight"
keys 2 5 Enter y 8 Enter n
see "Total $(total "$vals" 7) · incomplete" "the total after seven items"
keys 7 Enter
see "Total $(total "$vals" 8) · incomplete" "the total after eight items"
keys 9 m
see "Note:" "m asks for a note"
text "七个统一已落实"
keys Enter
see "Total $(total "$vals" 9) · pass" "the last item saved with its note: complete, and the verdict"
see "Note: 七个统一已落实" "the note shows in the detail"
"$BIN" --db "$T/d.db" inspection show 1 --format csv >"$T/show.csv"
is "$(awk -F, 'NR > 1 { printf "%s ", $4 }' "$T/show.csv")" "$vals " "the database holds every value typed"
is "$(awk -F, 'NR == 10 { print $9 }' "$T/show.csv")" "七个统一已落实" "the database holds the note"

# a value typed over a result someone else changes meanwhile is refused
keys 8
line_has "七个统一" "8_" "a value is typed over the last item"
"$BIN" --db "$T/d.db" inspection score 1 9 10 >/dev/null 2>&1
keys Enter
see "not saved: item 9 of inspection 1 was changed by" "a stale score is refused, naming the change"
"$BIN" --db "$T/d.db" inspection show 1 9 >"$T/item.txt"
is "$(awk -F': ' '$1 == "value" { print $2 }' "$T/item.txt")" 10 "the refused score wrote nothing"

keys q
see "Inspections 1/1" "q goes back to the list"
keys S
see "Submit inspection 1 of" "S asks first"
keys y
see "Inspection 1 submitted." "the inspection is submitted"
line_has "submitted" "pass" "the list shows the status and the verdict"
see "0 in progress, 0 planned, 1 submitted, 0 closed" "the line above the list counts by status"
keys f
see "Inspections 0/0 · only in progress" "f shows the inspections in progress only"
keys f f
see "Inspections 1/1 · only submitted" "f again: the next status"
keys F
see "Inspections 1/1 · 0 in progress" "F shows them all"
is "$("$BIN" --db "$T/d.db" inspection list --status submitted --format csv | awk -F, 'NR == 2 { print $1 }')" 1 \
	"the database holds the submitted inspection"

keys Enter j R
see "Rectify item 2" "R on the failed item opens the rectification form"
keys Space
see "Find:" "the owner school is picked"
text "$MEMBER_CODE"
keys Enter Tab
text "王主任"
keys Tab
text "2026-07-01"
keys Enter
see "Rectification 1 of item 2 made" "the rectification is made"
keys q r
see "Rectifications 1/1 · 0 overdue" "r shows the ledger"
line_has "王主任" "2026-07-01" "the ledger shows the person and the deadline"
line_has "Inspection 1, item 2:" "每学期学区集体备课次数" "the detail names the inspection and the item"
"$BIN" --db "$T/d.db" rectification list --format csv >"$T/rect.csv"
is "$(awk -F, 'NR == 2 { print $2 "," $7 "," $8 "," $9 }' "$T/rect.csv")" "$MEMBER_CODE,王主任,2026-07-01,open" \
	"the database holds the rectification"

# reported done, then verified by a later inspection whose item 2 passes
later=$("$BIN" --db "$T/d.db" inspection add --template 学区考核 --district "$MEMBER_DISTRICT" --date 2026-06-20 \
	--team "$(id -un)" 2>/dev/null)
for i in 1 5 7; do "$BIN" --db "$T/d.db" inspection score "$later" $i 是 >/dev/null 2>&1; done
for i in 2 3 6 8 9; do "$BIN" --db "$T/d.db" inspection score "$later" $i 10 >/dev/null 2>&1; done
"$BIN" --db "$T/d.db" inspection score "$later" 4 30 >/dev/null 2>&1
"$BIN" --db "$T/d.db" inspection submit "$later" >/dev/null 2>&1
keys D
see "Done — a note" "D asks for a note"
text "已开展集体备课"
keys Enter
see "Rectification 1 reported done." "the rectification is reported done"
line_has "王主任" "reported" "the ledger shows it reported"
keys V
see "Verified by inspection: $later" "V offers the later inspection of the same district"
keys Enter
see "Rectification 1 verified by inspection $later." "the rectification is verified"
line_has "王主任" "verified" "the ledger shows it verified"
"$BIN" --db "$T/d.db" rectification list --format csv >"$T/rect.csv"
is "$(awk -F, 'NR == 2 { print $9 "," $12 }' "$T/rect.csv")" "verified,$later" "the database holds the verification"
keys q q
quits "the console quits"

# a viewer on the team sees the checklist and is refused scoring
"$BIN" --db "$T/d.db" inspection add --template 学区考核 --district "$MEMBER_DISTRICT" --date 2026-06-02 \
	--team "$(id -un)" >/dev/null 2>&1
"$BIN" --db "$T/d.db" operator add boss admin >/dev/null 2>&1
"$BIN" --db "$T/d.db" operator add "$(id -un)" viewer >/dev/null 2>&1
start 80 24 "$(conf en)"
see "Districts 1/" "the console starts for a viewer"
keys 5
see "Inspections 1/3" "the viewer sees the inspections, the planned one first"
keys Enter
wait_for "No. Section" || notok "the viewer opens the checklist (its head)"
see "Total 0/100" "the viewer opens the checklist"
keys y
see "may not score inspections" "the viewer's score is refused, as the database says"
is "$(mark 1)" "·" "the item stays not scored"
is "$("$BIN" --db "$T/d.db" inspection show 3 1 | awk -F': ' '$1 == "rev" { print $2 }')" 0 "nothing was written"
keys q q
quits "the console quits"
