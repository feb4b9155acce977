#!/bin/sh
# The console at 160×50 in English and in Chinese: list and detail side by side, the
# school browser with every field, a half-filled form (Chinese text, edited in the
# middle) kept across resizes, and quitting.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
ndistricts=$(($(wc -l <"$T/districts.csv") - 1))
nschools=$(($(wc -l <"$T/schools.csv") - 1))

# English, wide
start 160 50 "$(conf en)"
see "Districts 1/$ndistricts" "160×50: the district list is shown"
line_has "Districts 1/$ndistricts" "$FIRST_DISTRICT" "160×50: list and detail share the screen side by side"
keys b
see "Schools 1/$nschools" "the school browser opens"
line_has "Schools 1/$nschools" "short name" "160×50: the school's fields beside the list"
see "Teaching rooms" "the detail holds the building figures"
keys e
see "Edit school" "e opens the school form"
see "Equipment yuan" "the school form holds every field"
see "Hardship 0-3" "down to the last one"
keys Escape
gone "Edit school" "Esc closes an unchanged form at once"
keys q
see "Districts 1/$ndistricts" "q goes back from the browser to the districts"
keys q
quits "q quits the English console"

# Chinese, wide, with a form kept across resizes
start 160 50 "$(conf zh)"
see "学区 1/$ndistricts" "160×50 in Chinese: the list is shown"
line_has "学区 1/$ndistricts" "$FIRST_DISTRICT" "160×50 in Chinese: list and detail side by side"
keys a
see "新建学区" "the new district form opens"
text "城东学区"
keys Left Left
text "中心"
see "城东中心学区" "Chinese text is inserted in the middle of a field"
keys BSpace
see "城东中学区" "Backspace deletes one whole character"
keys End BSpace BSpace
wait_gone "城东中学区" || notok "Backspace at the end deletes" # (the text typed back is the text before)
text "学区"
see "城东中学区" "End and Backspace edit at the end"
resize 60 15
see "城东中学区" "at 60×15 the half-filled form is kept"
resize 40 10
see "窗口太小" "below the minimum it says so, in Chinese"
resize 160 50
see "城东中学区" "growing back shows the form with its text"
keys Escape
see "放弃所做的修改？(y/n)" "Esc asks before discarding typed text"
keys y
gone "新建学区" "the form is gone"
keys :
text q
keys Enter
quits "the Chinese console quits cleanly"
