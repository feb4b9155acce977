#!/bin/sh
# Operators at 80×24: an administrator lists them, adds one, changes a role and scope and
# removes one; for anyone else the list is read-only and the changes are refused, in
# English and Chinese.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
me=$(id -un)
ops() { "$BIN" --db "$T/d.db" operator list; }

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys :
text "operators"
keys Enter
see "Operators · 1 · you are $me, admin" ":operators shows the operators and who you are"
line_has "$me" "the whole county" "the administrator is listed with a county-wide scope"
keys a
see "New operator" "a opens the operator form"
text "zhangsan"
keys Enter
see "Operator zhangsan is viewer." "the new operator is added (a viewer unless chosen)"
line_has "zhangsan" "viewer" "the list shows the new operator"
ops | grep -q '^zhangsan  *viewer' && ok "the database holds the new operator" ||
	notok "the database holds the new operator"

keys /
text "zhangsan"
keys Enter e
see "Role and scope of zhangsan" "e opens the role and scope"
keys Space
text "district"
keys Enter Tab Space
text "$(printf '%s\n' "$MEMBER_DISTRICT" | sed 's/^\(.\{4\}\).*/\1/')"
keys Enter Enter
see "Operator zhangsan is district admin." "the role and scope are changed"
line_has "zhangsan" "district $MEMBER_DISTRICT" "the list shows the district scope"
ops | grep -q "^zhangsan  *district_admin  *district $MEMBER_DISTRICT" &&
	ok "the database holds the new role and scope" || notok "the database holds the new role and scope"

keys H
see "History of operator zhangsan · 1/2" "H shows the operator's history"
line_has "Role: viewer → district admin" "" "the history shows the role before and after"
keys q d
see "Remove operator zhangsan (district admin)? (y/n)" "d asks before removing"
keys y
see "Operator zhangsan removed." "the operator is removed"
gone "zhangsan  " "the list no longer shows the operator"
ops | grep -q '^zhangsan' && notok "the database no longer holds the operator" ||
	ok "the database no longer holds the operator"
keys q q
quits "the console quits cleanly (administrator)"

# another admin, and this login a viewer
"$BIN" --db "$T/d.db" operator add boss admin >/dev/null &&
	"$BIN" --db "$T/d.db" operator add "$me" viewer >/dev/null || notok "making $me a viewer"
ops >"$T/ops.before"
for lang in en zh; do
	start 80 24 "$(conf "$lang")"
	keys :
	text "operators"
	keys Enter
	if [ "$lang" = en ]; then
		see "you are $me, viewer" "the viewer sees the operators"
		see "Read-only: only an administrator may add, change or remove operators." \
			"the list says it is read-only for a viewer"
		keys a
		see "Refused: only an administrator may change operators." \
			"a viewer's add is refused before a form is filled"
		gone "New operator" "no form opens for a viewer"
		keys /
		text "boss"
		keys Enter
		gone "Refused:" "a search clears the message"
		keys d
		see "Refused: only an administrator" "a viewer's remove is refused"
		gone "(y/n)" "nothing is asked of a viewer"
	else
		see "你是 $me，只读" "the viewer sees the operators in Chinese"
		see "只读：只有管理员才能添加、修改或移除操作员。" "the list says it is read-only, in Chinese"
		keys e
		see "未执行：只有管理员可以修改操作员。" "a viewer's change is refused, in Chinese"
	fi
	keys q q
	quits "the console quits cleanly (viewer, $lang)"
done
ops >"$T/ops.after"
same "$T/ops.before" "$T/ops.after" "a viewer changed no operator"
