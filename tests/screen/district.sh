#!/bin/sh
# Building a district in Chinese at 80×24, all by keyboard: a new district with a Chinese
# name and a lead school picked from a list, members added, a school already in another
# district refused by name, an agreement and an activity, another session's change
# appearing, an edit of a row changed meanwhile refused naming who and when, a delete
# that asks, and quitting.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
prefix() { printf '%s\n' "$1" | sed 's/^\(.\{6\}\).*/\1/'; }
ndistricts=$(($(wc -l <"$T/districts.csv") - 1))
login=$(id -un)

start 80 24 "$(conf zh)"
see "1 学区" "the tab line speaks Chinese"
see "学区 1/$ndistricts" "the district list is shown"
see "按 ? 查看按键" "the status line greets in Chinese"

keys a
see "新建学区" "a opens the new district form"
text "城南学区"
keys Tab Right Tab Space
see "查找：" "Space on the lead school opens the school picker"
text "$FREE_NAME"
keys Enter
see "$FREE_NAME ($FREE_CODE)" "the picked school fills the field"
keys Enter
see "已添加学区 城南学区" "Enter saves the district"
see "/$((ndistricts + 1)) · 按名称排序" "the list has one district more"
line_has "城南学区 · 城乡帮扶" "牵头学校 $FREE_NAME" "the detail shows its form and lead school"

keys m
see "为 城南学区 添加成员学校" "m opens the member form"
keys Space
text "$FREE2_NAME"
keys Enter Enter
see "$FREE2_NAME 已加入学区 城南学区" "a member school is added"
see "成员学校（2）" "the detail lists both member schools"

keys m Space
text "$MEMBER_NAME"
keys Enter Enter
see "已属于学区 $(prefix "$MEMBER_DISTRICT")" "a school in another district is refused, naming it"
see "为 城南学区 添加成员学校" "the form stays open with the input"
keys Escape
see "放弃所做的修改？(y/n)" "Esc on a changed form asks"
keys y
gone "为 城南学区 添加成员学校" "y discards the form"

keys r
see "新建帮扶协议" "r opens the agreement form"
line_has "帮扶学校" "$FREE_NAME" "the lead school supports by default"
line_has "受援学校" "$FREE2_NAME" "the member under the cursor is supported"
keys Enter
see "已登记帮扶协议" "the agreement is recorded"
line_has "→ $(prefix "$FREE2_NAME")" "$XUEQU_TODAY" "the detail lists it"

keys l
see "帮扶活动：" "l opens the activity form"
keys Tab Right Tab
text "送教下乡，听课评课"
keys Enter
see "已记录活动" "the activity is logged"
see "巡回指导  送教下乡" "the detail shows the activity"

# another session changes the district's note
today=$XUEQU_TODAY
printf 'name,form,lead_school_code,established_on,note\n城南学区,pairing,%s,%s,另一会话写的备注\n' \
	"$FREE_CODE" "$today" >"$T/change1.csv"
"$BIN" --db "$T/d.db" import districts "$T/change1.csv" >/dev/null 2>&1
see "另一会话修改了数据" "the status line says the data changed"
# the new agreement sorts after 里高's (by pinyin) and keeps the detail scrolled down: back
# on the list, away and back again shows the detail's top
keys Escape
see "a 添加" "Esc moves the focus back to the list"
keys j
see "学区 2/" "j moves to the next district"
keys k
see "备注：另一会话写的备注" "another session's change appears by itself"

# an edit of a row changed meanwhile is refused and keeps the input
keys Escape e
see "编辑学区 城南学区" "e opens the edit form"
keys Tab Tab Tab Tab C-u
text "我的备注"
printf 'name,form,lead_school_code,established_on,note\n城南学区,pairing,%s,%s,第二次修改\n' \
	"$FREE_CODE" "$today" >"$T/change2.csv"
"$BIN" --db "$T/d.db" import districts "$T/change2.csv" >/dev/null 2>&1
keys Enter
see "未保存" "saving a row changed meanwhile is refused"
see "$login 于" "the refusal names who changed it"
see "我的备注" "the form keeps the user's input"
keys Escape y
gone "编辑学区" "the form closes"

keys d
see "删除学区 城南学区" "d asks before deleting"
keys n
see "未做任何更改" "n keeps the district"
keys d y
see "已删除学区 城南学区" "y deletes it"
see "/$ndistricts · 按名称排序" "the list is back to the demo's districts"

keys q
quits "q on the top level quits cleanly"
