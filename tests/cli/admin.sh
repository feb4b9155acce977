#!/bin/sh
# admin.sh: check, backup (also while another process writes) and operators.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"

# ---- check ----
"$BIN" --db demo.db init --demo >/dev/null || notok "init --demo for the admin tests"
run --db demo.db check
expect_rc 0 "check on the demo county: exit 0"
expect_out '^demo.db: ok$' "check on the demo county: ok"

"$BIN" --db c.db init >/dev/null
"$BIN" --db c.db import schools "$D/schools_zh.csv" >/dev/null
run --db c.db check
expect_rc 0 "check on a few schools: ok"
# a lead school that is not a member: the import is allowed, check reports the district
printf 'name,form,lead_school_code,established_on,note\n柳江区检查学区,group,2145990002,2022-09-01,\n' >lead.csv
run --db c.db import districts lead.csv
expect_rc 0 "a district whose lead school is not a member: imported"
run --db c.db check
expect_rc 1 "check of a lead school that is not a member: exit 1"
expect_out '柳江区检查学区' "check of a lead school that is not a member: names the district"
expect_out '柳江区测试镇中心小学' "check of a lead school that is not a member: names the school"
expect_err '^xuequ: c.db: 1 problem' "check of a lead school that is not a member: counts on stderr"
printf 'district_name,school_code,role,from_date,to_date\n柳江区检查学区,2145990002,lead,2022-09-01,\n' >lead-member.csv
run --db c.db import members lead-member.csv
expect_rc 0 "the lead school joins its district"
run --db c.db check
expect_rc 0 "check after the lead joins: ok again"
# classes more than students
printf 'code,students,classes\n2145990005,3,6\n' >classes.csv
run --db c.db import schools classes.csv
run --db c.db check
expect_rc 1 "check of more classes than students: exit 1"
expect_out '柳江区测试镇乙村教学点' "check of more classes than students: names the school"
printf 'code,students,classes\n2145990005,12,2\n' >classes.csv
"$BIN" --db c.db import schools classes.csv >/dev/null
run --db c.db check
expect_rc 0 "check after the fix: ok"

# ---- backup ----
run --db demo.db backup bk.db
expect_rc 0 "backup: exit 0"
expect_out 'bk.db' "backup: names the copy"
dump_all demo.db src.txt
dump_all bk.db bk.txt
same src.txt bk.txt "backup: the copy exports the same"
"$BIN" --db demo.db check 2>/dev/null | sed 's/^.*: ok$/ok/' >check-demo.out
"$BIN" --db bk.db check 2>/dev/null | sed 's/^.*: ok$/ok/' >check-bk.out
same check-demo.out check-bk.out "backup: check finds on the copy what it finds in the source"
sum=$(cksum <bk.db)
run --db demo.db backup bk.db
expect_rc 1 "backup over an existing file: exit 1"
expect_err 'bk.db exists already.*--force' "backup over an existing file: says to use --force"
is "$(cksum <bk.db)" "$sum" "backup over an existing file: untouched"
run --db demo.db backup --force bk.db
expect_rc 0 "backup --force: exit 0"
ls bk.db.tmp-* >/dev/null 2>&1 && notok "backup: no temporary file left" || ok "backup: no temporary file left"
run --db demo.db backup missing-dir/bk.db
expect_rc 1 "backup into a missing directory: exit 1"

# a backup while another process imports in a loop
"$BIN" --db demo.db check 2>/dev/null | sed 's/^.*: ok$/ok/' >check-src.out
CODE=$("$BIN" --db demo.db export schools | awk -F, 'NR == 2 { print $1 }')
(
	i=0
	while [ ! -f stop ] && [ $i -lt 300 ]; do
		printf 'code,students\n%s,%d\n' "$CODE" $((500 + i)) >loop.csv
		if "$BIN" --db demo.db import schools loop.csv >/dev/null 2>>loop.err; then
			echo $((500 + i)) >last
		else
			echo "import $i failed" >>loop.err
		fi
		[ $i -eq 0 ] && : >started
		i=$((i + 1))
	done
) &
loop=$!
n=0
while [ ! -f started ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
[ -f started ] && ok "the import loop runs" || notok "the import loop runs"
for k in 1 2 3; do
	run --db demo.db backup "live$k.db"
	expect_rc 0 "backup $k during imports: exit 0"
done
: >stop
wait $loop
if [ -s loop.err ]; then
	notok "the imports beside the backups all succeeded"
	sed 's/^/#   /' loop.err | head -5
else
	ok "the imports beside the backups all succeeded"
fi
for k in 1 2 3; do
	"$BIN" --db "live$k.db" check 2>/dev/null | sed 's/^.*: ok$/ok/' >check-live.out
	same check-src.out check-live.out "backup $k during imports: check finds what it finds in the source"
	grep -qE '^(integrity|foreign key):' check-live.out && notok "backup $k during imports: a sound database" ||
		ok "backup $k during imports: a sound database"
	s=$("$BIN" --db "live$k.db" export schools | awk -F, -v c="$CODE" '$1 == c { print $9 }')
	between 500 799 "${s:-0}" "backup $k during imports: holds one of the loop's values"
	is "$(rows "live$k.db" teachers)" "$(rows demo.db teachers)" "backup $k during imports: every teacher"
done
is "$("$BIN" --db demo.db export schools | awk -F, -v c="$CODE" '$1 == c { print $9 }')" "$(cat last)" \
	"the last import of the loop is in the source"

# ---- operators ----
me=$(id -un)
run --db c.db operator list
expect_rc 0 "operator list: exit 0"
expect_out "^$me +admin +all" "the creator of a database is its admin"
run --db c.db operator
expect_rc 0 "operator alone lists"
expect_out "^$me +admin" "operator alone lists the admin"
run --db c.db operator add someone viewer
expect_rc 0 "operator add someone viewer: exit 0"
run --db c.db operator list
expect_out '^someone +viewer +all' "someone is listed as a viewer"
run --db c.db operator add someone inspector
expect_rc 0 "operator add of an existing login changes the role"
run --db c.db operator list
expect_out '^someone +inspector' "someone is now an inspector"
run --db c.db operator add x district_admin
expect_rc 1 "a district admin without --district: refused"
expect_err 'district' "a district admin without --district: says why"
run --db c.db operator list
if grep -q '^x ' "$T/out"; then notok "a refused operator is not added"; else ok "a refused operator is not added"; fi
run --db c.db operator add x district_admin --district 柳江区检查学区
expect_rc 0 "a district admin with --district: exit 0"
run --db c.db operator list
expect_out '^x +district_admin +district 柳江区检查学区' "a district admin's scope is listed"
run --db c.db operator add y district_admin --district 没有的学区
expect_rc 1 "a district admin of an unknown district: refused"
run --db c.db operator add y superuser
expect_rc 2 "a bad role: exit 2"
expect_err 'role' "a bad role: says which roles there are"
expect_err '^usage: xuequ operator' "a bad role: shows the usage"
run --db c.db operator add y
expect_rc 2 "operator add without a role: exit 2"
run --db c.db operator frob
expect_rc 2 "an unknown operator subcommand: exit 2"
run --db c.db operator remove someone
expect_rc 0 "operator remove: exit 0"
run --db c.db operator list
if grep -q '^someone ' "$T/out"; then notok "a removed operator is gone"; else ok "a removed operator is gone"; fi
run --db c.db operator remove nobody
expect_rc 1 "removing an unknown operator: exit 1"
run --db c.db operator remove "$me"
expect_rc 1 "removing yourself: refused"
run --db c.db operator list
expect_out "^$me +admin" "the admin is still there"
