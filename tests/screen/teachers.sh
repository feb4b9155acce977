#!/bin/sh
# Teachers in the console at 80×24, in English and Chinese: the whole county's list and a
# school's, search by pinyin initials and staff number, the filter (subject, backbone
# level, school), editing a teacher through the form with every field, adding and
# deleting one, exemptions with their dates, and the teacher's exchanges.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
# a school of our own, in a district, with three teachers; one of them on an exchange
printf 'code,name,short_name,level,town,location\n2145099991,柳江区拼音测试小学,拼音小学,primary,拉堡镇,urban\n' >"$T/s.csv"
printf 'district_name,school_code,role,from_date,to_date\n%s,2145099991,member,2020-09-01,\n' \
	"$MEMBER_DISTRICT" >"$T/m.csv"
cat >"$T/t.csv" <<'CSV'
staff_no,name,gender,birth_date,school_code,subjects,title,education,backbone_level,pe_art,employment,post,post_since,joined_school_on
P0000001,王芳,F,1990-01-02,2145099991,语文,一级教师,bachelor,none,0,in_post,teacher,,2020-09-01
P0000002,张伟,M,1985-05-06,2145099991,数学,二级教师,bachelor,county,0,in_post,teacher,,2018-09-01
P0000003,李明,M,1980-07-08,2145099991,英语,高级教师,master,city,0,in_post,teacher,,2010-09-01
CSV
{ "$BIN" --db "$T/d.db" import schools "$T/s.csv" &&
	"$BIN" --db "$T/d.db" import members "$T/m.csv" &&
	"$BIN" --db "$T/d.db" import teachers "$T/t.csv" &&
	"$BIN" --db "$T/d.db" exchange add P0000003 "$MEMBER_CODE" --year 2026-2027 --kind support; } \
	>/dev/null 2>"$T/setup.err" || { notok "setting up the teachers"; sed 's/^/#   /' "$T/setup.err"; }
"$BIN" --db "$T/d.db" export teachers >"$T/teachers.csv"
nteachers=$(($(wc -l <"$T/teachers.csv") - 1))
# teaching 语文 and backbone teachers of the city level or higher
nfilter=$(awk -F, 'NR > 1 && $6 ~ /语文/ && ($9 == "city" || $9 == "province" || $9 == "national")' \
	"$T/teachers.csv" | wc -l | tr -d ' ')
[ "$nfilter" -gt 0 ] && ok "the demo has backbone teachers of 语文 to filter" ||
	notok "the demo has backbone teachers of 语文 to filter"

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys T
see "Teachers 1/$nteachers" "T in the districts pane lists every teacher"

keys f
see "Filter teachers" "f opens the teachers' filter"
keys Tab
text "语文"
keys Tab Space
text "city"
keys Enter Enter
see "Teachers 1/$nfilter · sorted by name · subject 语文 · backbone city+" \
	"the filter by subject and backbone level counts what the database holds"
keys F
see "/$nteachers · sorted by name" "F shows every teacher again"
gone "subject 语文" "F clears the subject filter"

keys f Space
text "2145099991"
keys Enter Enter
see "/3 · sorted by name · 拼音小学" "the filter by school shows its three teachers"
keys /
text "P0000002"
keys Enter
line_has "张伟 (P0000002)" "male" "/ finds a teacher by staff number"
keys /
text "wf"
keys Enter
line_has "王芳 (P0000001)" "female" "/wf finds 王芳 by the pinyin initials"
keys /
text "P0000003"
keys Enter
line_has "李明 (P0000003)" "male" "/ finds another teacher by staff number"
line_has "Exchanges (1):" "" "the detail counts the teacher's exchanges"
line_has "2026-2027 support" "拼音测试小学 →" "the detail shows the teacher's exchange"

keys / C-u
text "wf"
keys Enter e
see "Edit teacher 王芳" "e opens the teacher's form"
see "PE/art specialist" "the form holds every field"
keys Tab Tab Tab Tab Tab Tab C-u
text "高级教师"
keys Enter
see "Teacher 王芳 saved." "the edit is saved"
line_has "title 高级教师" "" "the detail shows the new title"
"$BIN" --db "$T/d.db" export teachers | grep -q '^P0000001,王芳,.*,高级教师,' &&
	ok "the database holds the new title" || notok "the database holds the new title"

# an edit of a teacher someone changed meanwhile is refused, and the input kept
keys e
see "Edit teacher 王芳" "the form opens again"
"$BIN" --db "$T/d.db" export teachers | awk -F, 'NR == 1 || $1 == "P0000001"' |
	sed 's/,高级教师,/,正高级教师,/' >"$T/t2.csv"
"$BIN" --db "$T/d.db" import teachers "$T/t2.csv" >/dev/null 2>&1 || notok "changing the teacher meanwhile"
keys Tab Tab Tab Tab Tab C-u
text "语文;书法"
keys Enter
see "Not saved:" "the stale edit is refused"
see "语文;书法" "the input is kept"
keys Escape
see "(y/n)" "leaving the changed form asks"
keys y
line_has "title 正高级教师" "" "the detail shows the other session's title"
"$BIN" --db "$T/d.db" export teachers | grep -q '^P0000001,王芳,.*,语文,正高级教师,' &&
	ok "the other session's change stands" || notok "the other session's change stands"

keys x
see "Exemptions of 王芳 (P0000001) · 0" "x opens the teacher's exemptions"
keys a
see "New exemption of 王芳" "a opens the exemption form"
keys Space
text "family"
keys Enter Tab C-u
text "2026-03-01"
keys Tab
text "2026-12-31"
keys Enter
see "Exemption of 王芳 added." "the exemption is added"
line_has "2026-03-01" "2026-12-31" "the exemption is listed with its dates"
keys e Tab Tab Tab
text "照顾老人"
keys Enter
see "The exemption of 王芳 is saved." "the exemption is edited"
line_has "2026-03-01" "照顾老人" "the list shows the edit"
keys q
see "Exemptions (1):" "the teacher's detail counts the exemption"
"$BIN" --db "$T/d.db" export exemptions | grep -q '^P0000001,family,2026-03-01,2026-12-31,照顾老人' &&
	ok "the database holds the exemption" || notok "the database holds the exemption"
keys x d
see "Delete the exemption of 王芳" "d asks before deleting an exemption"
keys y
see "The exemption of 王芳 is deleted." "the exemption is deleted"
see "No exemptions" "the list is empty again"
keys 2 /
text "P0000003"
keys Enter H
see "History of exchange 李明 2026-09-01 · 1/1" "H on an exchange shows its history"
line_has "Teacher: 李明 (P0000003)" "" "the exchange's history shows its teacher by name"
keys q 1 q q q
quits "the console quits cleanly (English)"

# Chinese: a school's teachers from the school browser; adding and deleting a teacher
start 80 24 "$(conf zh)"
see "学区 1/" "the console starts in Chinese"
keys b /
text "2145099991"
keys Enter T
see "教师 1/3 · 按名称排序 · 拼音小学" "T in the school browser lists the school's teachers"
keys /
text "P0000002"
keys Enter
line_has "张伟（P0000002）" "男" "/ finds a teacher by staff number in Chinese"
keys /
text "wf"
keys Enter
line_has "王芳（P0000001）" "女" "/wf finds 王芳 in Chinese too"
keys a
see "新教师" "a opens the form of a new teacher"
text "P0000009"
keys Tab
text "赵新"
keys Enter
see "已添加教师 赵新。" "the teacher is added in the filtered school"
see "教师 4/4" "the school has four teachers"
"$BIN" --db "$T/d.db" export teachers | grep -q '^P0000009,赵新,M,,2145099991,' &&
	ok "the database holds the new teacher" || notok "the database holds the new teacher"
keys d
see "删除教师 赵新（P0000009）？" "d asks before deleting a teacher"
keys y
see "教师 赵新 已删除。" "the teacher is deleted"
see "/3 · 按名称排序 · 拼音小学" "the school has three teachers again"
keys q q q
quits "the console quits cleanly (Chinese)"
