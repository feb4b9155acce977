#!/bin/sh
# The console in English at 80×24 on the demo county: the tab line and panes, browsing,
# help, searching by Chinese text, the school browser and its filter, :goto, :export,
# resizing to 60×15, below the minimum and back, and quitting.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
prefix() { printf '%s\n' "$1" | sed 's/^\(.\{6\}\).*/\1/'; }
ndistricts=$(($(wc -l <"$T/districts.csv") - 1))
nschools=$(($(wc -l <"$T/schools.csv") - 1))
# where a district stands in the list (sorted by name in pinyin order, as the export is)
position() { tail -n +2 "$T/districts.csv" | cut -d, -f1 | grep -nxF -- "$1" | cut -d: -f1; }

start 80 24 "$(conf en)"
see "1 Districts" "the tab line shows the Districts pane"
see "5 Inspections" "the tab line shows all five panes"
see "Districts 1/$ndistricts" "the district list pages through the database"
see "$(prefix "$FIRST_DISTRICT")" "the first district is shown"
see "Member schools" "the detail shows the member schools"
see "Students per teacher" "the summary compares the member schools"
see "? help" "the hint line comes from the action table"

keys j
see "Districts 2/$ndistricts" "j moves down"
keys k
see "Districts 1/$ndistricts" "k moves up"
keys G
see "Districts $ndistricts/$ndistricts" "G goes to the last row"
see "Agreements" "the detail shows the agreements"
keys g
see "Districts 1/$ndistricts" "g goes to the first row"

keys 3
see "Terms 1/1" "pane 3 lists the demo's term"
see "2026-2027/1" "pane 3 names it"
keys 4
see "Rooms 1/" "pane 4 lists the rooms"
keys 5
see "Inspections 0/0" "pane 5 lists the inspections"
keys 1
see "Districts 1/$ndistricts" "1 comes back to the districts, selection kept"

keys '?'
see "Keys: Districts" "? opens the help of the pane"
see "Add a member school to the district" "the help lists the pane's actions"
keys G
see "Write the current list to a CSV file" "the help scrolls to the command line section"
keys q
gone "Keys: Districts" "q closes the help"

keys :
text "nonsense"
keys Enter
see "Unknown command: nonsense" "an unknown command is named"

# search by a member school's Chinese name finds its district
keys /
text "$MEMBER_NAME"
keys Enter
k=$(position "$MEMBER_DISTRICT")
see "Districts $k/$ndistricts" "/ finds the district of a school by its Chinese name"
keys Tab
see "d remove" "Tab moves the focus to the members"
keys Escape
see "a add" "Esc moves the focus back to the list"

# Esc during a search puts the selection back where the search began (an end of the
# list other than the row the search finds)
if [ "$k" -eq 1 ]; then start_key=G start=$ndistricts; else start_key=g start=1; fi
keys $start_key
see "Districts $start/$ndistricts" "$start_key moves to an end of the list"
keys /
text "$MEMBER_NAME"
see "Districts $k/$ndistricts" "the search moves the selection as it is typed"
keys Escape
see "Districts $start/$ndistricts" "Esc puts the selection back where the search began"

keys b
see "Schools 1/$nschools" "b opens the school browser"
keys f
see "Filter schools" "f opens the school filter"
keys Tab Tab Tab Right Enter
nfree=$(awk -F, 'NR == FNR { m[$1] = 1; next } FNR > 1 && !($1 in m) { n++ } END { print n }' \
	"$T/current" "$T/schools.csv")
see "Schools 1/$nfree · sorted by name · in no district" "the filter shows the schools in no district"
keys F
see "/$nschools · sorted by name" "F clears the filter, keeping the selection"

keys :
text "goto $FREE_NAME"
keys Enter
see "$FREE_NAME is in no district." ":goto finds a school in no district"
line_has "$FREE_NAME" "$FREE_CODE" "the school browser selects it"
keys :
text "goto $MEMBER_CODE"
keys Enter
see "$MEMBER_NAME is in district" ":goto by code finds a member school's district"
see "Districts $k/$ndistricts" "and selects that district"

keys :
text "export $T/list.csv"
keys Enter
see "$ndistricts rows written" ":export writes the current list"
if [ "$(head -1 "$T/list.csv")" = "District,Form,Lead school,Schools,Students,Teachers" ] &&
	[ "$(wc -l <"$T/list.csv")" -eq $((ndistricts + 1)) ]; then
	ok "the CSV file holds the header and every district"
else
	notok "the CSV file holds the header and every district"; head -3 "$T/list.csv" | sed 's/^/#   /'
fi

# the same file again: replaced only when the user says so
echo "keep me" >"$T/list.csv"
keys :
text "export $T/list.csv"
keys Enter
see "exists. Replace it?" ":export asks before replacing a file"
keys n
# (the question goes when n is taken; until then it is the one asked again below)
wait_gone "exists. Replace it?" || notok "n answers the question"
if [ "$(cat "$T/list.csv")" = "keep me" ]; then ok "n keeps the file"; else notok "n keeps the file"; fi
keys :
text "export $T/list.csv"
keys Enter
see "exists. Replace it?" ":export asks again"
keys y
see "$ndistricts rows written" "y replaces it"
if [ "$(wc -l <"$T/list.csv")" -eq $((ndistricts + 1)) ]; then ok "the file holds the list"; else notok "the file holds the list"; fi

resize 60 15
see "Districts $k/$ndistricts" "at 60×15 the selection is kept"
see "1 Districts" "at 60×15 the tab line is drawn"
resize 40 10
see "too small" "below the minimum it says so"
resize 80 24
see "Districts $k/$ndistricts" "growing back redraws with the selection kept"
keys C-l
see "Member schools" "Ctrl-L redraws"

keys :
text q
keys Enter
quits "the console quits cleanly with :q"
