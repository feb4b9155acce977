#!/bin/sh
# History at 80×24, in English and Chinese: `H` on a record shows who changed what and
# when, field by field before and after; `u` undoes a change by a new change that is
# itself in the history; an undo is refused where a later change stands in the way, and
# for an operator whose role cannot change data; `:history` lists the county's changes.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
cat >"$T/t.csv" <<CSV
staff_no,name,gender,birth_date,school_code,subjects,title,education,backbone_level,pe_art,employment,post,post_since,joined_school_on
P0000001,王芳,F,1990-01-02,$MEMBER_CODE,语文,一级教师,bachelor,none,0,in_post,teacher,,2020-09-01
CSV
"$BIN" --db "$T/d.db" import teachers "$T/t.csv" >/dev/null 2>"$T/setup.err" ||
	{ notok "adding the teacher"; sed 's/^/#   /' "$T/setup.err"; }
title() { "$BIN" --db "$T/d.db" export teachers | awk -F, '$1 == "P0000001" { print $7 }'; }
changes() { "$BIN" --db "$T/d.db" history --limit 100000 --format csv | tail -n +2 | wc -l | tr -d ' '; }

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys :
text "teachers"
keys Enter
see "Teachers 1/" ":teachers shows the teachers"
keys /
text "P0000001"
keys Enter e
see "Edit teacher 王芳" "the teacher's form opens"
keys Tab Tab Tab Tab Tab Tab C-u
text "高级教师"
keys Enter
see "Teacher 王芳 saved." "the teacher is changed"
keys H
see "History of teacher 王芳 · 1/2" "H shows the teacher's two changes"
line_has "changed" "Title" "the newest change names the field it changed"
line_has "Title: 一级教师 → 高级教师" "" "the detail shows the title before and after"
line_has "changed teacher 王芳 · by " "UTC" "the detail says who changed it and when"
keys j
line_has "Full name: 王芳" "" "the first change shows the fields the teacher was added with"
keys k
n0=$(changes)
keys u
see "(changed teacher 王芳)? (y/n)" "u asks before undoing"
keys y
see "undone by change #" "the change is undone"
see "History of teacher 王芳 · 1/3" "the undo is itself in the teacher's history"
line_has "Title: 高级教师 → 一级教师" "" "the undo restores the title"
is "$(title)" "一级教师" "the database holds the restored title"
is "$(changes)" "$((n0 + 1))" "the undo is one new change in the audit log"

keys j
line_has "Title: 一级教师 → 高级教师" "" "the change already undone is selected"
keys u y
see "a later change of the same teacher" "an undo is refused where a later change stands in the way"
see "stands in the way" "the refusal is shown in full"
is "$(title)" "一级教师" "the refused undo changes nothing"
is "$(changes)" "$((n0 + 1))" "the refused undo writes nothing"

keys q
line_has "title 一级教师" "" "the teacher's detail shows the restored title"
keys :
text "history"
keys Enter
see "Recent changes in the county · 1/" ":history lists the county's recent changes"
line_has "changed teacher" "王芳" "the newest change in the county is the undo"
keys Enter
see "History of teacher 王芳" "Enter on a change shows its record's history"
keys q q q b H
see "History of school" "H in the school browser shows the school's history"
keys q q H
see "History of district" "H in the district list shows the district's history"
keys q q
quits "the console quits cleanly (English)"

# Chinese, and a viewer whose undo the database refuses
start 80 24 "$(conf zh)"
see "学区 1/" "the console starts in Chinese"
keys :
text "history"
keys Enter
see "全县最近的修改 · 1/" ":history in Chinese"
line_has "职称：高级教师 → 一级教师" "" "the undo's fields before and after, in Chinese"
keys q q
quits "the console quits cleanly (Chinese)"

me=$(id -un)
"$BIN" --db "$T/d.db" operator add boss admin >/dev/null &&
	"$BIN" --db "$T/d.db" operator add "$me" viewer >/dev/null ||
	notok "making $me a viewer"
n0=$(changes)
start 80 24 "$(conf zh)"
see "只读" "the console runs as a viewer"
keys :
text "history"
keys Enter
see "全县最近的修改 · 1/" ":history for a viewer"
keys j j u y
see "权限不足" "a viewer's undo is refused by the database"
is "$(changes)" "$n0" "the refused undo writes nothing"
is "$(title)" "一级教师" "the refused undo changes nothing"
keys q q
quits "the console quits cleanly (viewer)"
