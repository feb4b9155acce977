#!/bin/sh
# inspection.sh: checklist templates (list, show, import all or nothing, export and the
# byte-identical round trip, versions), inspections (add, list, show, score, submit, close,
# the total and verdict worked out here from the template's weights), rectifications (add,
# done, verify only by a later passing inspection, the overdue list first) and the refusals
# by role, team and status.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
me=$(id -un)
DIST=柳江区测试城乡帮扶学区
S1=2145990001
S2=2145990002

"$BIN" --db c.db init >/dev/null 2>&1
for e in schools districts members; do "$BIN" --db c.db import $e "$D/$e.csv" >/dev/null 2>&1; done

# ---- templates ----
run --db c.db template list --format csv
expect_rc 0 "template list: exit 0"
is "$(head -1 "$T/out")" "id,name,version,target,pass_rule,pass_total,items,used" "template list: the header"
expect_out '^1,国家优质均衡资源配置指标\(学校\),1,school,indicators,,7,0$' "the national template ships: 7 indicator items"
expect_out '^2,学区考核,1,district,total,60,9,0$' "the district assessment ships: 9 items, passes at 60"
run --db c.db template show 学区考核
expect_rc 0 "template show by name: exit 0"
expect_out '^学区考核, version 1: for a district, passes by total 60' "template show: the template's line"
expect_out '^ +3 +教师交流 +measured +交流轮岗.* +>= 10 % +15 +1$' "template show: the exchange quota is a veto item"
run --db c.db template show 1 --format csv
expect_rc 0 "template show by id: exit 0"
is "$(awk -F, 'NR > 1 && $3 == "indicator"' "$T/out" | wc -l | tr -d ' ')" 7 "the national template: seven indicator items"
expect_out 'multimedia_per100 \(policy\)' "an indicator item's threshold comes from the policy"
run --db c.db template show 没有的表
expect_rc 1 "template show of an unknown template: exit 1"
expect_err 'no template' "template show of an unknown template: says so"
run --db c.db template show
expect_rc 2 "template show without a template: exit 2"
run --db c.db template frob
expect_rc 2 "template frob: exit 2"
run --db c.db template list --dry-run
expect_rc 2 "template list --dry-run: exit 2"

# the round trip: export, import into another database, export again: the same bytes
run --db c.db template export 学区考核 -o district.csv
expect_rc 0 "template export -o: exit 0"
is "$(head -1 district.csv)" "template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto" \
	"template export: the header"
"$BIN" --db c.db template export 1 >national.csv 2>/dev/null
cat >own.csv <<'CSV'
template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto
"安全自查, 秋季",school,total,4.5,安全,消防通道畅通,yesno,,,,,,2,1
"安全自查, 秋季",school,total,4.5,安全,校车数,measured,,<=,3,辆,,1.5,0
"安全自查, 秋季",school,total,4.5,管理,"制度""落实""情况",score,5,,,,,2.5,0
CSV
"$BIN" --db r1.db init >/dev/null 2>&1
run --db r1.db template import own.csv
expect_rc 0 "template import: exit 0"
expect_out '^imported 安全自查, 秋季 version 1 \(3 items\), id 3$' "template import: names the new version"
run --db r1.db template export "安全自查, 秋季"
same own.csv "$T/out" "own template: import then export gives the same bytes"
printf '\357\273\277' >bom.csv
cat district.csv >>bom.csv
run --db r1.db template import bom.csv
expect_out 'imported 学区考核 version 2' "importing an existing name makes a new version (a UTF-8 mark skipped)"
run --db r1.db template export 学区考核 --version 2
same district.csv "$T/out" "the district assessment: the round trip is byte-identical"
run --db r1.db template export 学区考核 --version 1
same district.csv "$T/out" "version 1 stays as it was"
run --db r1.db template import national.csv
run --db r1.db template export 国家优质均衡资源配置指标\(学校\)
same national.csv "$T/out" "the national template: the round trip is byte-identical"
run --db r1.db template export 学区考核 -o district.csv
expect_rc 1 "template export onto an existing file without --force: exit 1"
run --db r1.db template export 学区考核 -o district.csv --force
expect_rc 0 "template export --force: exit 0"

# all or nothing, with line numbers
"$BIN" --db r1.db template list --format csv >before.csv
sed 's/,yesno,/,maybe,/' own.csv >bad.csv
run --db r1.db template import bad.csv
expect_rc 1 "a bad kind: exit 1"
expect_err 'line 2: kind .maybe. is not one of yesno\|score\|measured\|indicator' "a bad kind: names the line and the kinds"
{ cat own.csv; echo '其他表,school,total,,甲,数量,measured,,>=,,个,,1,0'; } >bad2.csv
run --db r1.db template import bad2.csv
expect_rc 1 "a measured item without a threshold: exit 1"
expect_err 'line 5: a measured item needs a threshold' "a measured item without a threshold: names the line"
printf 'template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto\n坏,district,total,,甲,多媒体,indicator,,,,,multimedia_per100,1,0\n' >bad3.csv
run --db r1.db template import bad3.csv
expect_rc 1 "an indicator item of a district template: exit 1"
expect_err 'indicator items need a school target' "an indicator item of a district template: says why"
sed 's/,score,5,/,score,,/' own.csv >bad4.csv
run --db r1.db template import bad4.csv
expect_err 'line 4: a score item, and only a score item, has a max' "a score item without max: refused"
printf 'name,kind\nx,yesno\n' >bad5.csv
run --db r1.db template import bad5.csv
expect_err 'line 1: the header is not template,' "a wrong header: refused"
run --db r1.db template import own.csv --dry-run
expect_rc 0 "template import --dry-run: exit 0"
expect_out 'nothing written' "template import --dry-run: says nothing was written"
"$BIN" --db r1.db template list --format csv >after.csv
same before.csv after.csv "refused imports and a dry run add no template"

# ---- inspections ----
run --db c.db inspection add --template 学区考核 --school $S1 --date 2026-05-10 --team "$me"
expect_rc 1 "a district's template for a school: exit 1"
expect_err 'is for a district' "a district's template for a school: says so"
run --db c.db inspection add --template 学区考核 --district $DIST --date 2026-05-10
expect_rc 2 "inspection add without --team: exit 2"
run --db c.db inspection add --template 学区考核 --district $DIST --date 2026-05-10 --team nobody
expect_rc 1 "a team member who is no operator: exit 1"
expect_err 'nobody is not an operator who may inspect' "a team member who is no operator: named"
run --db c.db inspection add --template 学区考核 --district $DIST --date 2026-13-10 --team "$me"
expect_rc 1 "a bad date: exit 1"
run --db c.db inspection add --template 学区考核 --district $DIST --date 2026-05-10 --team "$me"
expect_rc 0 "inspection add: exit 0"
is "$(cat "$T/out")" 1 "inspection add prints the new id"
run --db c.db inspection add --template 1 --school $S1 --date 2026-05-10 --team "$me"
expect_rc 1 "the national template without --stage: exit 1"
expect_err 'stage' "the national template without --stage: asks for it"

# scoring: the values, and the total worked out here from the exported weights
set -- 1 3 12 25 否 8 是 5 6
i=0
scored=0
for v in "$@"; do
	i=$((i + 1))
	run --db c.db inspection score 1 $i "$v" --note "第$i条"
	[ "$rc" -eq 0 ] && scored=$((scored + 1))
done
is "$scored" 9 "inspection score: nine items scored"
# points: yes/no weight*value, score weight*value/max, measured weight when it passes
want=$(awk -F, -v vals="1 3 12 25 0 8 1 5 6" 'BEGIN { split(vals, v, " ") }
	NR > 1 { n++; x = v[n]; w = $13
		if ($7 == "yesno") p = w * x
		else if ($7 == "score") p = w * x / $8
		else if ($9 == ">=") p = (x >= $10) ? w : 0
		t += p; m += w }
	END { printf "%g/%g", t, m }' district.csv)
is "$want" "69.5/100" "the hand count: 10 + 0 + 15 + 10 + 0 + 8 + 15 + 2.5 + 9"
run --db c.db inspection show 1
expect_rc 0 "inspection show: exit 0"
expect_out "total $want; failed 3 \(veto 0\); verdict: pass" "inspection show: the total and verdict as counted here"
expect_out '^ +2 +教研共同体 +每学期学区集体备课次数 +3 +>= 4 +no +0 +第2条$' "inspection show: a failed measured item with its note"
expect_out '^inspection 1 of 柳江区测试城乡帮扶学区 on 2026-05-10, 学区考核 version 1: in_progress$' "the first score starts the inspection"
run --db c.db inspection score 1 6 11
expect_rc 1 "a score above the maximum: exit 1"
expect_err 'from 0 to 10' "a score above the maximum: names the range"
run --db c.db inspection score 1 1 maybe
expect_rc 2 "a yes/no item given maybe: exit 2"
run --db c.db inspection score 1 1 2
expect_rc 1 "a yes/no item given 2: exit 1"
run --db c.db inspection score 1 10 1
expect_rc 1 "no item 10: exit 1"
expect_err 'items 1 to 9' "no item 10: says which there are"
run --db c.db inspection list --format csv
is "$(head -1 "$T/out")" "id,date,target,template,version,status,team,total,verdict" "inspection list: the header"
expect_out "^1,2026-05-10,$DIST,学区考核,1,in_progress,$me,$want,pass$" "inspection list: the row"
run --db c.db inspection close 1
expect_rc 1 "closing an inspection in progress: exit 1"
run --db c.db inspection submit 1
expect_rc 0 "inspection submit: exit 0"
run --db c.db inspection score 1 2 4
expect_rc 1 "scoring a submitted inspection: exit 1"
expect_err 'no longer change' "scoring a submitted inspection: says why"
run --db c.db template list --format csv
expect_out '^2,学区考核,1,district,total,60,9,1$' "the template version is used once"
run --db c.db inspection close 1
expect_rc 0 "inspection close: exit 0"
run --db c.db inspection list --status closed --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 1 "inspection list --status closed: one"
run --db c.db inspection list --status nonsense
expect_rc 2 "inspection list --status nonsense: exit 2"
run --db c.db inspection close 1
expect_rc 1 "closing twice: exit 1"

# a second inspection: the veto item fails
"$BIN" --db c.db inspection add --template 学区考核 --district $DIST --date 2026-06-10 --team "$me" >/dev/null 2>&1
run --db c.db inspection submit 2
expect_rc 1 "submitting a planned inspection: exit 1"
for i in 1 2 3 4 5 6 7 8 9; do "$BIN" --db c.db inspection score 2 $i 1 >/dev/null 2>&1; done
run --db c.db inspection score 2 3 8
run --db c.db inspection score 2 6 10
run --db c.db inspection score 2 8 10
run --db c.db inspection score 2 9 10
run --db c.db inspection show 2
expect_out 'verdict: veto$' "a failed veto item fails the inspection whatever the total"
run --db c.db inspection submit 2
expect_rc 0 "the second inspection submitted"

# indicator items: an override needs a note (the computed value is the indicators' business)
run --db c.db inspection add --template 1 --school $S1 --date 2026-05-12 --team "$me" --stage primary
expect_rc 0 "the national template with --stage: exit 0"
run --db c.db inspection score 3 7 2.5
expect_rc 1 "overriding an indicator without a note: exit 1"
expect_err 'needs a note' "overriding an indicator without a note: says so"
run --db c.db inspection score 3 7 2.5 --note 新建两间多媒体教室
expect_rc 0 "overriding an indicator with a note: exit 0"
run --db c.db inspection show 3 --format csv
expect_out '^7,资源配置,每百名学生拥有网络多媒体教室数,2.5,2.3,yes,0,0,新建两间多媒体教室$' \
	"the override, the policy's threshold 2.3, the computed value (no multimedia rooms) and the note"

# ---- rectifications ----
run --db c.db rectification add 1 1 --person 王主任 --deadline 2026-07-01 --school $S2
expect_rc 1 "a passed item: exit 1"
expect_err 'nothing to rectify' "a passed item: says so"
run --db c.db rectification add 1 2 --person 王主任 --deadline 2026-07-01
expect_rc 1 "a district's inspection without --school: exit 1"
run --db c.db rectification add 1 2 --person 王主任 --deadline 2026-07-01 --school 2145990003
expect_rc 1 "an owner outside the district: exit 1"
run --db c.db rectification add 1 2 --deadline 2026-07-01 --school $S2
expect_rc 2 "rectification add without --person: exit 2"
run --db c.db rectification add 3 1 --person 李 --deadline 2026-07-01
expect_rc 1 "from an inspection in progress: exit 1"
run --db c.db rectification add 1 2 --person 王主任 --deadline 2026-05-10 --school $S2
expect_rc 1 "a deadline not after the inspection: exit 1"
expect_err 'not after the inspection' "a deadline not after the inspection: says so"
run --db c.db rectification add 1 2 --person 王主任 --deadline 2026-12-01 --school $S2
expect_rc 0 "rectification add: exit 0"
is "$(cat "$T/out")" 1 "rectification add prints the id"
run --db c.db rectification add 1 8 --person 赵老师 --deadline 2026-07-01 --school $S2
is "$(cat "$T/out")" 2 "a second rectification"
run --db c.db rectification list --format csv
is "$(head -1 "$T/out")" "id,school_code,school,inspection,item,text,person,deadline,status,overdue,reported_on,verified_by" \
	"rectification list: the header"
is "$(awk -F, 'NR > 1 { printf "%s:%s ", $1, $10 }' "$T/out")" "2:1 1:0 " "the overdue one (today 2026-09-01) comes first"
run --db c.db rectification list --overdue --format csv
is "$(awk -F, 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" "2 " "--overdue lists only the overdue one"
run --db c.db rectification done 1 --note 已开展集体备课
expect_rc 0 "rectification done: exit 0"
run --db c.db rectification done 1
expect_rc 1 "reporting twice: exit 1"
run --db c.db rectification list --format csv
expect_out '^1,2145990002,.*,reported,0,2026-09-01,$' "reported on today"
run --db c.db rectification verify 1
expect_rc 2 "verify without --by: exit 2"
run --db c.db rectification verify 1 --by 1
expect_rc 1 "verify by the same inspection: exit 1"
expect_err 'not later' "verify by the same inspection: says why"
run --db c.db rectification verify 1 --by 3
expect_rc 1 "verify by an inspection of another target: exit 1"
run --db c.db rectification verify 1 --by 2
expect_rc 1 "verify by a later inspection that failed the item again: exit 1"
expect_err 'failed again' "verify by a failed re-inspection: says so"
"$BIN" --db c.db inspection add --template 学区考核 --district $DIST --date 2026-10-10 --team "$me" >/dev/null 2>&1
run --db c.db rectification verify 1 --by 4
expect_rc 1 "verify by a planned inspection: exit 1"
for i in 1 2 3 4 5 6 7 8 9; do "$BIN" --db c.db inspection score 4 $i 10 >/dev/null 2>&1; done
for i in 1 5 7; do "$BIN" --db c.db inspection score 4 $i 是 >/dev/null 2>&1; done
"$BIN" --db c.db inspection score 4 4 30 >/dev/null 2>&1
"$BIN" --db c.db inspection submit 4 >/dev/null 2>&1
run --db c.db rectification verify 1 --by 4
expect_rc 0 "verify by a later passing inspection: exit 0"
run --db c.db rectification list --format csv
expect_out '^1,2145990002,.*,verified,0,2026-09-01,4$' "verified by inspection 4"
is "$(awk -F, 'END { print $1 }' "$T/out")" 1 "the verified one comes last"
run --db c.db rectification verify 1 --by 4
expect_rc 1 "verifying twice: exit 1"
run --db c.db rectification list --school $S1 --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 0 "rectification list --school: none for the lead school"
run --db c.db rectification frob
expect_rc 2 "rectification frob: exit 2"
run --db c.db rectification list --by 3
expect_rc 2 "rectification list --by: exit 2"

# ---- roles ----
cp c.db inspector.db
"$BIN" --db inspector.db inspection add --template 学区考核 --district $DIST --date 2026-11-01 --team "$me" >/dev/null 2>&1
"$BIN" --db inspector.db inspection add --template 学区考核 --district $DIST --date 2026-11-02 --team boss >/dev/null 2>&1
"$BIN" --db inspector.db operator add boss admin >/dev/null 2>&1
"$BIN" --db inspector.db inspection add --template 学区考核 --district $DIST --date 2026-11-02 --team boss >/dev/null 2>&1
run --db inspector.db operator add "$me" inspector
expect_rc 0 "the creator made an inspector (another admin remains)"
run --db inspector.db inspection score 5 1 是
expect_rc 0 "an inspector on the team scores"
run --db inspector.db inspection score 6 1 是
expect_rc 1 "an inspector not on the team: exit 1"
expect_err 'not on the team' "an inspector not on the team: says so"
run --db inspector.db inspection add --template 学区考核 --district $DIST --date 2026-11-03 --team "$me"
expect_rc 1 "an inspector plans no inspection"
expect_err 'permission denied' "an inspector plans no inspection: permission denied"
run --db inspector.db inspection close 4
expect_rc 1 "an inspector closes no inspection"
run --db inspector.db template import own.csv
expect_rc 1 "an inspector imports no template"
run --db inspector.db rectification add 2 2 --person 王 --deadline 2026-12-01 --school $S2
expect_rc 1 "an inspector adds no rectification"
run --db inspector.db rectification done 2
expect_rc 1 "an inspector reports no rectification done"
cp c.db viewer.db
"$BIN" --db viewer.db inspection add --template 学区考核 --district $DIST --date 2026-11-01 --team "$me" >/dev/null 2>&1
"$BIN" --db viewer.db operator add boss admin >/dev/null 2>&1
run --db viewer.db operator add "$me" viewer
expect_rc 0 "the creator made a viewer"
run --db viewer.db inspection score 5 2 4
expect_rc 1 "a viewer scores nothing, even on the team"
expect_err 'may not score' "a viewer scores nothing: says so"
run --db viewer.db inspection list
expect_rc 0 "a viewer lists inspections"

run --db c.db check
expect_rc 0 "xuequ check: clean after all of it"
run --db c.db history --table rectification --id 1 --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" 3 "a rectification's add, done and verify are audited"
