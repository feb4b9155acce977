#!/bin/sh
# The school browser in English at 80×24: adding a school with a Chinese name through
# the form (type checks under the fields, the level picked from a list), finding it by
# Chinese text, putting it into a district, showing its district, editing it.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
nschools=$(($(wc -l <"$T/schools.csv") - 1))

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys b
see "Schools 1/$nschools" "b opens the school browser"

keys a
see "New school" "a opens the school form"
text "12345"
keys Tab
text "柳江区测试村小学"
keys Tab Tab Space
see "Find:" "Space on the level opens a list of levels"
text "teaching"
keys Enter
see "< teaching point >" "the level is picked from the list"
keys Tab
text "测试镇"
keys Tab Tab Tab Tab
text "many"
keys Enter
see "a whole number, please" "a bad number is named under its field"
keys C-u
text "36"
keys Enter
see "is not a national school code" "a bad school code is refused under its field"
keys C-u
text "2145099990"
keys Enter
see "School 柳江区测试村小学 added." "the school is added"
see "Schools" "the browser shows it"
line_has "2145099990" "柳江区测试村小学" "the new school is selected in the list"
see "In no district" "a new school is in no district"

keys g /
text "测试村"
keys Enter
line_has "2145099990" "柳江区测试村小学" "/ finds the school by Chinese text"

keys m
see "District for 柳江区测试村小学" "m asks for a district from a list"
text "$(printf '%s\n' "$FIRST_DISTRICT" | sed 's/^\(.\{4\}\).*/\1/')"
keys Enter
see "柳江区测试村小学 joined the district." "the school joins the district"
keys D
see "柳江区测试村小学 is in district" "D shows the school's district"
see "柳江区测试村小学" "the district lists the new member"

keys b /
text "测试村"
keys Enter e
see "Edit school 柳江区测试村小学" "e opens the school's form"
keys Tab Tab Tab Tab Tab Tab Tab Tab C-u
text "48"
keys Enter
see "School 柳江区测试村小学 saved." "the edit is saved"
see "Students 48" "the detail shows the new figure"

keys q q q
quits "the console quits cleanly"
