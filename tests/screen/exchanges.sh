#!/bin/sh
# The Exchanges pane on the demo county in school year 2026-2027, in Chinese at 80×24 and
# in English at 160×50 (and each briefly at the other size): the quota gauges agree with
# `xuequ exchange quota`; a proposal of the plan is accepted, approved, started and
# completed as 不合格 (extended); a start refused for a proposed exchange says why; the
# teacher picker shows why a teacher is not eligible, and an exchange is added through it;
# the quotas by school and by district agree with the command line; a resize to 60×15 and
# back keeps the selection; and the console quits cleanly.
. "$TOP/tests/cli/lib.sh"

. "$TOP/tests/screen/lib.sh"

make_demo
Y=2026-2027
D="$T/d.db"
# this walk through a year starts from none: the demo county without its exchanges
for e in schools districts members agreements activities teachers exemptions; do
	"$BIN" --db "$D" export $e >"$T/demo-$e.csv"
done
rm -f "$D" "$D-wal" "$D-shm"
"$BIN" --db "$D" init >/dev/null
for e in schools districts members agreements activities teachers exemptions; do
	"$BIN" --db "$D" import $e "$T/demo-$e.csv" >/dev/null || notok "the demo without exchanges: $e"
done

# quota FIELD [SCOPE]: a figure of the county's (or the first row's of SCOPE) quota now
quota() {
	"$BIN" --db "$D" exchange quota --year $Y --by "${2:-county}" --format csv |
		awk -F, -v f="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			NR == 2 { print $c[f]; exit }'
}
# gauge_zh N / gauge_en N: what a gauge says of N still missing
gauge_zh() { if [ "$1" = 0 ]; then echo "✓ 达标"; else echo "✗ 还差 $1 人"; fi; }
gauge_en() { if [ "$1" = 0 ]; then echo "✓ met"; else echo "✗ $1 more needed"; fi; }
# plan_row FIELD N: a field of the plan's N-th proposal, as the command line plans now
plan_row() {
	"$BIN" --db "$D" exchange plan --year $Y --format csv 2>/dev/null |
		awk -F, -v f="$1" -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			NR == n + 1 { print $c[f]; exit }'
}
# status_of STAFF_NO: status and evaluation of the teacher's exchange
status_of() {
	"$BIN" --db "$D" exchange list --year $Y --format csv |
		awk -F, -v s="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			$c["staff_no"] == s { print $c["status"] "/" $c["evaluation"] }'
}

"$BIN" --db "$D" exchange eligible --year $Y --all --format csv >"$T/elig.csv"
# a principal: not eligible as a teacher (no comma in the reason, so plain CSV)
NOT_STAFF=$(awk -F, 'NR > 1 && $8 == 0 && $5 == "principal" { print $1; exit }' "$T/elig.csv")
NOT_NAME=$(awk -F, -v s="$NOT_STAFF" '$1 == s { print $2 }' "$T/elig.csv")
NOT_WHY=$(awk -F, -v s="$NOT_STAFF" '$1 == s { print $9 }' "$T/elig.csv")
# an eligible teacher at a district's member school, not in the plan's first proposals,
# and another member school of the same district to send them to
PLAN1=$(plan_row staff_no 1)
PLAN2=$(plan_row staff_no 2)
awk -F, -v a="$PLAN1" -v b="$PLAN2" 'NR == FNR { d[$1] = $2; next }
	FNR > 1 && $8 == 1 && ($3 in d) && $1 != a && $1 != b { print $1 "," $3 "," d[$3] }' \
	"$T/current" "$T/elig.csv" >"$T/movable"
# (and another such teacher, whom another session proposes while the console is open)
while IFS=, read -r staff home district; do
	to=$(awk -F, -v d="$district" -v h="$home" '$2 == d && $1 != h { print $1; exit }' "$T/current")
	if [ -n "$to" ] && [ -z "$ADD_STAFF" ]; then
		ADD_STAFF=$staff ADD_TO=$to
	elif [ -n "$to" ]; then
		EXT_STAFF=$staff EXT_TO=$to
		break
	fi
done <"$T/movable"
ADD_NAME=$(awk -F, -v s="$ADD_STAFF" '$1 == s { print $2 }' "$T/elig.csv")
EXT_NAME=$(awk -F, -v s="$EXT_STAFF" '$1 == s { print $2 }' "$T/elig.csv")
ADD_TO_NAME=$(awk -F, -v c="$ADD_TO" '$1 == c { print $2 }' "$T/schools.csv")

# ---- Chinese, 80×24 ----
start 80 24 "$(conf zh)"
see "1 学区" "the console starts in Chinese"
keys 2
see "$Y 学年 · 符合交流条件 $(quota eligible) 人" "2 shows the year's gauges with the eligible count"
line_has "已交流 [" "$(gauge_zh "$(quota missing)")" "the exchange gauge says how many are missing"
line_has "骨干   [" "$(gauge_zh "$(quota missing_backbone)")" "the backbone gauge says how many are missing"
see "没有符合条件的交流记录" "the year has no exchanges yet"

NAME1=$(plan_row name 1)
NPLAN=$("$BIN" --db "$D" exchange plan --year $Y --format csv 2>/dev/null | awk 'END { print NR - 1 }')
keys p
see "$Y 学年交流方案：$NPLAN 条建议" "p shows the plan's proposals"
see "交流指标 ✓ 达标 · 骨干指标 ✓ 达标" "the plan meets both quotas"
line_has "$PLAN1" "$NAME1" "the first proposal is the command line's"
keys Enter
see "已采纳：$NAME1" "Enter accepts the proposal"
see "已采纳 1/$NPLAN 条" "the plan counts it as accepted"
line_has "$PLAN1" "✓ 拟交流" "the proposal shows it is written"
keys q
see "待批准 1 项" "back in the list, one exchange awaits approval"
line_has "$PLAN1" "拟交流" "the accepted proposal is in the list as proposed"
is "$(status_of "$PLAN1")" "proposed/" "it is stored as proposed"

keys T
see "未执行：不能开始" "starting a proposed exchange is refused"
keys A y
see "$NAME1 的交流已批准" "A approves it"
line_has "$PLAN1" "已批准" "the list shows it approved"
keys T y
line_has "$PLAN1" "进行中" "T starts it"
keys C
see "$NAME1 的考核结果" "C asks for the evaluation"
text "不合格"
keys Enter y
see "$NAME1 的交流已延期" "不合格 extends the exchange"
line_has "$PLAN1" "已延期" "the list shows it extended"
see "状态：已延期 · 考核 不合格" "the detail shows status and evaluation"
is "$(status_of "$PLAN1")" "extended/unqualified" "it is stored as extended and unqualified"
line_has "已交流 [" "$(gauge_zh "$(quota missing)")" "the gauge follows the exchange"

keys a
see "$Y 学年交流教师 · 符合条件的教师" "a opens the teacher picker on eligible teachers"
keys Tab
# (the picker's hint names 全部教师 before Tab too: its title first)
wait_for "学年交流教师 · 全部教师" || notok "Tab shows every teacher (title)"
see "全部教师" "Tab shows every teacher"
text "$NOT_STAFF"
see "$NOT_NAME：不符合交流条件（校级领导）" "the picker says why a principal is not eligible"
keys Escape
gone "交流教师" "Esc closes the picker"
keys a
text "$ADD_STAFF"
line_has "$ADD_STAFF" "✓ 符合条件" "an eligible teacher is found by staff number"
keys Enter
see "新建交流：$ADD_NAME（$ADD_STAFF）" "Enter opens the exchange form"
keys Space
text "$ADD_TO"
keys Enter
see "$ADD_TO_NAME ($ADD_TO)" "the receiving school is picked from a list"
keys Enter
see "已登记 $ADD_NAME 的拟交流" "the exchange is added as proposed"
is "$(status_of "$ADD_STAFF")" "proposed/" "it is stored"
see "待批准 1 项" "one exchange awaits approval again"
# the picker's rows are read ahead while the pane is idle: a write, ours or another
# session's, has them read again
keys a Tab
text "$ADD_STAFF"
line_has "$ADD_STAFF" "✗ 正在交流" "the picker opened again knows the exchange just added"
keys Escape

"$BIN" --db "$D" exchange quota --year $Y --by school --format csv >"$T/qs.csv"
QS_NAME=$(awk -F, 'NR == 2 { print $2 }' "$T/qs.csv")
QS_FIGS=$(awk -F, 'NR == 2 { printf "%8d %9d %8d %7d %10d", $3, $4, $7, $10, $11 }' "$T/qs.csv")
keys Q
see "$Y 学年交流指标，按派出学校" "Q opens the quotas by school"
line_has "$QS_NAME" "$QS_FIGS" "a school's figures are the command line's"
keys b
see "$Y 学年交流指标，按学区" "b shows them by district"
keys q
see "待批准 1 项" "q goes back to the list"
# another session asks more exchanges of every school: the gauges count again, and the
# quotas by school counted with them are the new ones
"$BIN" --db "$D" policy set exchange.min_ratio=0.3 >/dev/null || notok "another session sets the policy"
line_has "已交流 [" "$(gauge_zh "$(quota missing)")" "the gauge follows another session's policy"
"$BIN" --db "$D" exchange quota --year $Y --by school --format csv >"$T/qs.csv"
QS_FIGS2=$(awk -F, 'NR == 2 { printf "%8d %9d %8d %7d %10d", $3, $4, $7, $10, $11 }' "$T/qs.csv")
[ "$QS_FIGS2" != "$QS_FIGS" ] || notok "the new policy changes the first school's figures"
keys Q
line_has "$QS_NAME" "$QS_FIGS2" "the quotas by school follow another session's policy"
keys q
# and the plan, made ahead while the pane was idle, is made again for it
NPLAN2=$("$BIN" --db "$D" exchange plan --year $Y --format csv 2>/dev/null | awk 'END { print NR - 1 }')
[ "$NPLAN2" != "$NPLAN" ] || notok "the new policy changes the plan"
keys p
see "$Y 学年交流方案：$NPLAN2 条建议" "the plan follows another session's policy"
keys q
"$BIN" --db "$D" policy set exchange.min_ratio=0.1 >/dev/null || notok "the policy set back"
line_has "已交流 [" "$(gauge_zh "$(quota missing)")" "the gauge follows the policy set back"

see " $ADD_NAME ($ADD_STAFF)" "the added exchange is selected"
# (until the console draws again the pane shows the old picture: cut to 60×15 it keeps the
# detail only without the tab line at the top, so a wait first for the tab line; padded to
# 80×24 it is 60 columns wide, so a wait first for a line wider)
resize 60 15
wait_for " 1 学区 " || notok "60×15: the console draws again"
see " $ADD_NAME ($ADD_STAFF)" "60×15 keeps the selection"
resize 80 24
wait_wider 60 || notok "80×24: the console draws again"
see " $ADD_NAME ($ADD_STAFF)" "back at 80×24 the selection is kept"
see "/2 · $Y" "the list holds both exchanges"
keys q
quits "q quits the Chinese console cleanly"

# ---- Chinese, 160×50: side by side ----
# the list's order: sending school code, then staff number
P1_CODE=$(awk -F, -v s="$PLAN1" '$1 == s { print $3 }' "$T/elig.csv")
ADD_CODE=$(awk -F, -v s="$ADD_STAFF" '$1 == s { print $3 }' "$T/elig.csv")
if [ "$(awk -v a="$P1_CODE$PLAN1" -v b="$ADD_CODE$ADD_STAFF" 'BEGIN { print (a < b) }')" = 1 ]; then
	FIRST_NAME=$NAME1 FIRST_STAFF=$PLAN1
else
	FIRST_NAME=$ADD_NAME FIRST_STAFF=$ADD_STAFF
fi
start 160 50 "$(conf zh)"
keys 2
see "$Y 学年 · 符合交流条件 $(quota eligible) 人 · 待批准 1 项 · 按 y 切换学年" "160×50: the gauges in one line each"
line_has "交流 1/2" "$FIRST_NAME ($FIRST_STAFF)" "160×50: list and detail side by side"
see "派出学校：" "160×50: the detail names each school on its line"
keys :
text q
keys Enter
quits "the wide Chinese console quits cleanly"

# ---- English, 160×50 ----
NAME2=$(plan_row name 1)
STAFF2=$(plan_row staff_no 1)
start 160 50 "$(conf en)"
keys 2
see "School year $Y · eligible $(quota eligible) · 1 proposed awaiting approval" "English: the gauges"
line_has "Exchanged [" "$(gauge_en "$(quota missing)")" "English: the exchange gauge's missing figure"
line_has "Backbone  [" "$(gauge_en "$(quota missing_backbone)")" "English: the backbone gauge's missing figure"
keys p
see "Plan for $Y:" "English: p plans"
line_has "$STAFF2" "$NAME2" "English: the first proposal is the command line's"
keys Enter
see "Accepted: $NAME2" "English: Enter accepts it"
keys q
line_has "$STAFF2" "proposed" "English: it is in the list, proposed"
keys C
see "Refused: cannot complete an exchange that is proposed" "English: a refused change says why"
keys A y T y C
see "Evaluation of $NAME2" "English: approve, start, then the evaluation is asked"
text "unqualified"
keys Enter y
line_has "$STAFF2" "extended" "English: unqualified extends it"
see "Status: extended · evaluation unqualified" "English: the detail shows it"
line_has "Exchanged [" "$(gauge_en "$(quota missing)")" "English: the gauge follows"

keys a Tab
text "$NOT_STAFF"
line_has "$NOT_NAME: not eligible" "$NOT_WHY" "English: the picker shows the reason in full"
keys Escape
keys /
text "$ADD_STAFF"
keys Enter
see "$ADD_NAME ($ADD_STAFF)" "/ finds an exchange by staff number"
keys X
see "Cancel the exchange of $ADD_NAME to" "X asks before cancelling"
keys n
see "Nothing was done." "n keeps it"
is "$(status_of "$ADD_STAFF")" "proposed/" "it is still proposed"

keys Q
see "Quotas of $Y by sending school" "English: the quotas by school"
see "BB target" "160×50: every column of the quota report"
keys q
keys y
wait_for "Find:" || notok "y opens the year picker (no search field)" # (the list says School year too)
see "School year" "y opens the year picker"
text "2025-2026"
keys Enter
see "School year 2025-2026 · eligible" "the gauges follow the year picked"
see "No exchange matches" "2025-2026 has no exchanges"
keys q
quits "q quits the English console cleanly"

# ---- English, 80×24 ----
start 80 24 "$(conf en)" --trace-timing "$T/trace"
# readies NAME N: waits (bounded) until the trace has N lines "ready NAME ..."
readies() {
	i=0
	while [ "$(grep -c "^ready $1 " "$T/trace" 2>/dev/null)" -lt "$2" ] && [ $i -lt $((WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(grep -c "^ready $1 " "$T/trace" 2>/dev/null)" -ge "$2" ]
}
# reloads N: waits (bounded) until the trace has N lines "reload ...": another session's
# writes read again while the console was idle
reloads() {
	i=0
	while [ "$(grep -c "^reload " "$T/trace" 2>/dev/null)" -lt "$1" ] && [ $i -lt $((WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(grep -c "^reload " "$T/trace" 2>/dev/null)" -ge "$1" ]
}
keys 2
see "School year $Y · eligible $(quota eligible)" "80×24 in English: the gauges"
"$BIN" --db "$D" exchange quota --year $Y --by school --format csv >"$T/qs.csv"
QS_NAME=$(awk -F, 'NR == 2 { print $2 }' "$T/qs.csv")
QS_FIGS=$(awk -F, 'NR == 2 { printf "%8d %9d %8d %7d %10d", $3, $4, $7, $10, $11 }' "$T/qs.csv")
keys Q
see "Quotas of $Y by sending school" "80×24: the quotas by school open"
line_has "$QS_NAME" "$QS_FIGS" "80×24: a school's figures are the command line's"
keys b
see "Quotas of $Y by district" "b switches to the districts"
see "(no district)" "the districts' rows come"
keys q
# another session's writes: the gauges count again (on the work's thread) and the
# Districts pane, out of sight, shows its change when shown again
see "(target 10%)" "the gauges' target before"
"$BIN" --db "$D" policy set exchange.min_ratio=0.12 >/dev/null || notok "policy set"
see "(target 12%)" "another session's policy: the gauges count again"
# the plan, made ahead while the pane was idle, is made again for the new policy, and
# p shows that one as it opens
readies plan-ahead 2 || notok "the plan is made ahead again after another session's write"
NPLAN12=$("$BIN" --db "$D" exchange plan --year $Y --format csv 2>/dev/null | awk 'END { print NR - 1 }')
keys p
see "Plan for $Y: $NPLAN12 proposals" "p shows the plan made ahead for another session's policy"
readies plan 1 && [ "$(awk '$1 == "ready" && $2 == "plan" { print $4 }' "$T/trace")" = 0 ] &&
	ok "the plan view took the plan made ahead" || notok "the plan view took the plan made ahead"
keys q
wait_gone "Plan for $Y" || notok "q leaves the plan"
RELOADS=$(grep -c '^reload ' "$T/trace")
"$BIN" --db "$D" export districts | awk -F, -v OFS=, 'NR == 1 { print "name,form,lead_school_code,established_on,note"; next }
	NR == 2 { print $1, $2, $3, $4, "NOTE-OF-ANOTHER-SESSION"; exit }' >"$T/dnote.csv"
"$BIN" --db "$D" import districts "$T/dnote.csv" >/dev/null 2>&1 || notok "import the district's note"
# (the policy's change above left the same message: a wait first for this write's reload)
reloads $((RELOADS + 1)) || notok "the console reads another session's write again"
see "changed in another session" "the status line says the data changed"
keys 1
see "Note: NOTE-OF-ANOTHER-SESSION" "the Districts pane, out of sight then, shows the change"
# the teacher picker's rows, read ahead while Exchanges was idle, read again after another
# session proposes an exchange
keys 2
wait_for "proposed awaiting approval" || notok "2 shows the exchanges again"
sleep 1
NX=$(screen | sed -n 's/.*Exchanges [0-9]*\/\([0-9]*\).*/\1/p' | head -n 1)
# (the count before is on the screen: the wait is for one more)
NP=$(screen | sed -n 's/.* \([0-9][0-9]*\) proposed awaiting approval.*/\1/p' | head -n 1)
[ -n "$NP" ] || notok "the proposals awaiting approval counted before"
"$BIN" --db "$D" exchange add "$EXT_STAFF" "$EXT_TO" --year $Y >/dev/null || notok "another session proposes $EXT_STAFF"
see "$((${NP:-0} + 1)) proposed awaiting approval" "another session's proposal is counted"
see "/$((NX + 1))" "the list reads again for another session's exchange (${NX:-?} before)"
keys a Tab
text "$EXT_STAFF"
line_has "$EXT_STAFF" "✗ has an exchan" "the picker knows the exchange another session proposed"
keys Escape
gone "Teacher to exchange" "Esc closes the picker"
keys q
quits "the 80×24 English console quits cleanly"
