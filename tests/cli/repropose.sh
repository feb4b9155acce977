#!/bin/sh
# repropose.sh: a teacher whose exchange was rejected or cancelled may be proposed again for
# the same start date; two live exchanges of one teacher never share a start date (the
# overlap rule, and the database's own index); exports with such rows import back
# identically and a second import changes nothing; a database made at schema version 4 is
# upgraded, keeps its rows and their audit history, and passes `check`.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
have_sqlite=$(command -v sqlite3 || true)

cat >schools.csv <<'CSV'
code,name,level,location,lat,lon,students,staff_quota,hardship
4500000001,城区实验小学,primary,urban,24.30,109.40,1200,40,0
4500000002,江口镇中心小学,primary,town,24.30,109.50,600,40,1
4500000003,江口镇大村小学,primary,rural,24.40,109.50,200,12,3
CSV
cat >districts.csv <<'CSV'
name,form,lead_school_code,established_on
江口学区,pairing,4500000001,2020-01-01
CSV
cat >members.csv <<'CSV'
district_name,school_code,role,from_date
江口学区,4500000001,lead,2020-01-01
江口学区,4500000002,member,2020-01-01
江口学区,4500000003,member,2020-01-01
CSV
cat >teachers.csv <<'CSV'
staff_no,name,gender,school_code,subjects,education,employment,post,post_since,joined_school_on,backbone_level
T01,甲一,F,4500000001,语文,bachelor,in_post,teacher,,2012-09-01,none
T02,乙二,M,4500000001,数学,bachelor,in_post,teacher,,2012-09-01,none
T03,丙三,F,4500000002,语文,bachelor,in_post,teacher,,2012-09-01,county
CSV

# county DB: a database with the schools, the district and the teachers
county() {
	"$BIN" --db "$1" init >/dev/null 2>&1 || notok "init $1"
	for _e in schools districts members teachers; do
		"$BIN" --db "$1" import $_e $_e.csv >/dev/null 2>&1 || notok "import $_e into $1"
	done
}
# added: the id of the exchange the last `exchange add` wrote
added() { sed -n 's/^exchange \([0-9]*\):.*/\1/p' "$T/out"; }
# statuses DB STAFF_NO: the statuses of the teacher's exchanges, in id order
statuses() {
	"$BIN" --db "$1" exchange list --format csv 2>/dev/null |
		awk -F, -v s="$2" '$2 == s { print $1, $14 }' | sort -n | cut -d' ' -f2 | tr '\n' ' '
}

county x.db

# reject, then propose the same teacher, school and start date again
run --db x.db exchange add T01 4500000002 --start 2026-09-01
expect_rc 0 "T01 proposed"
first=$(added)
run --db x.db exchange reject "$first"
expect_rc 0 "T01's proposal rejected"
run --db x.db exchange add T01 4500000002 --start 2026-09-01
expect_rc 0 "after a rejection the teacher is proposed again for the same start date"
expect_no_err "the new proposal: no error"
again=$(added)
[ -n "$again" ] && [ "$again" != "$first" ] && ok "the new proposal is a new exchange" ||
	notok "the new proposal is a new exchange (ids '$first' and '$again')"
is "$(statuses x.db T01)" "rejected proposed " "the rejected exchange stays beside the new proposal"

# cancel, then propose again
run --db x.db exchange add T02 4500000003 --start 2026-09-01
id=$(added)
run --db x.db exchange approve "$id"
expect_rc 0 "T02 approved"
run --db x.db exchange cancel "$id"
expect_rc 0 "T02's exchange cancelled"
run --db x.db exchange add T02 4500000003 --start 2026-09-01
expect_rc 0 "after a cancellation the teacher is proposed again for the same start date"
is "$(statuses x.db T02)" "cancelled proposed " "the cancelled exchange stays beside the new proposal"

# a second live proposal for the same start date is refused, by the overlap rule
run --db x.db exchange add T01 4500000003 --start 2026-09-01
expect_rc 1 "a second live proposal with the same start date is refused"
expect_err "^xuequ: overlaps exchange #$again to 4500000002, 2026-09-01\.\.2028-08-31 \(proposed\)$" \
	"the refusal names the live exchange it overlaps"
is "$(statuses x.db T01)" "rejected proposed " "the refused proposal wrote nothing"
# two part-time ones may share days, but not a start date
run --db x.db exchange add T03 4500000001 --start 2026-09-01 --kind parttime --share 0.5
expect_rc 0 "T03 part-time at half a week"
part=$(added)
run --db x.db exchange add T03 4500000001 --start 2026-09-01 --kind itinerant --share 0.25
expect_rc 1 "a second part-time exchange to the same school starting the same day is refused"
expect_err "starts on 2026-09-01, the same day as exchange #$part \(proposed\) to the same school" \
	"the refusal says it starts the same day as the other one"
run --db x.db exchange add T03 4500000003 --start 2026-09-01 --kind itinerant --share 0.25
expect_rc 0 "to a third school from the same day: a teacher at three schools"
run --db x.db exchange reject "$(added)"
run --db x.db exchange add T03 4500000003 --start 2026-09-02 --kind itinerant --share 0.25
expect_rc 0 "starting a day later, the shares of the week still fit"
run --db x.db exchange reject "$(added)"
# rejecting again and proposing a third time works as well
run --db x.db exchange reject "$again"
run --db x.db exchange add T01 4500000002 --start 2026-09-01
expect_rc 0 "a third proposal after a second rejection"
is "$(statuses x.db T01)" "rejected rejected proposed " "both rejections are kept"
run --db x.db check
expect_rc 0 "check is ok with repeated rejected exchanges"

# the database itself keeps one live exchange per teacher, start date and receiving school
if [ -n "$have_sqlite" ]; then
	cp x.db raw.db
	# the audit triggers call xuequ's functions, and the overlap triggers would refuse first:
	# without them only the index is left to refuse
	sqlite3 raw.db "DROP TRIGGER audit_exchange_insert; DROP TRIGGER exchange_no_overlap_insert"
	t01=$(sqlite3 raw.db "SELECT id FROM teacher WHERE staff_no = 'T01'")
	to=$(sqlite3 raw.db "SELECT to_school_id FROM exchange WHERE teacher_id = $t01 AND
		status NOT IN ('rejected','cancelled')")
	ins="INSERT INTO exchange (teacher_id, from_school_id, to_school_id, kind, reason, year,
		start_date, end_date, status) VALUES ($t01, 1, $to, 'rotation', 'voluntary', '2026-2027',
		'2026-09-01', '2027-08-31'"
	if sqlite3 raw.db "$ins, 'rejected')" 2>err; then ok "the database takes another rejected one"
	else notok "the database takes another rejected one"; sed 's/^/#   /' err; fi
	if sqlite3 raw.db "$ins, 'approved')" 2>err; then notok "the database refuses a second live one"
	else ok "the database refuses a second live one"; fi
	grep -q 'UNIQUE constraint failed: exchange.teacher_id, exchange.start_date, exchange.to_school_id' err &&
		ok "the index refuses it" || notok "the index refuses it"
	is "$(sqlite3 raw.db "SELECT count(*) FROM exchange WHERE teacher_id = $t01 AND
		status NOT IN ('rejected','cancelled')")" 1 "one live exchange of T01 stays"
else
	ok "the database refuses a second live one # SKIP no sqlite3"
fi

# export → import into an empty county → export: the same bytes
"$BIN" --db x.db export exchanges -o a.csv
is "$(grep -c ',rejected,' a.csv)" 4 "the export holds the rejected exchanges"
is "$(grep -c '^T01,4500000001,4500000002,rotation,adjustment,2026-2027,2026-09-01,2028-08-31,,rejected,,' a.csv)" 2 \
	"two rejected rows alike but for their ids"
county y.db
run --db y.db import exchanges a.csv
expect_rc 0 "the export imports into an empty county"
expect_out "$(awk 'NR > 1' a.csv | wc -l | tr -d ' ') added, 0 updated, 0 unchanged" "every row is added"
"$BIN" --db y.db export exchanges -o b.csv
same a.csv b.csv "export, import into an empty county, export: identical files"
run --db y.db check
expect_rc 0 "check is ok on the copy"
# the same file into the same databases again changes nothing
for d in x.db y.db; do
	"$BIN" --db $d exchange list --format csv >before.csv
	run --db $d import exchanges a.csv
	expect_rc 0 "$d: the export imported again"
	expect_out ' 0 added, 0 updated, [0-9]+ unchanged' "$d: a second import changes nothing"
	"$BIN" --db $d exchange list --format csv >after.csv
	same before.csv after.csv "$d: the exchanges are as they were"
done
# Chinese headers go round as well
"$BIN" --db x.db export exchanges --headers zh -o z.csv
run --db y.db import exchanges z.csv
expect_out ' 0 added, 0 updated, [0-9]+ unchanged' "with Chinese headers: nothing changes"

# a live row still has one natural key in a file; rejected ones may repeat theirs
{ head -1 a.csv; grep ',proposed,' a.csv | head -1; grep ',proposed,' a.csv | head -1; } >dup.csv
run --db y.db import exchanges dup.csv
expect_rc 1 "two live rows with one teacher and start date in a file are refused"
expect_err 'dup.csv:3: duplicate of line 2 \(same key\)' "the second one is named a duplicate"
# a file saying a rejection happened after the new proposal: rows matched by their status
county z.db
{ head -1 a.csv; grep '^T01,.*,proposed,' a.csv; grep '^T01,.*,rejected,' a.csv; } >order.csv
run --db z.db import exchanges order.csv
expect_rc 0 "a live row before the rejected ones imports"
expect_out '3 added, 0 updated, 0 unchanged' "each row is its own exchange"
is "$(statuses z.db T01)" "proposed rejected rejected " "the live one stays live"
# a rejection to another school of a live exchange's teacher and start date is history
{ head -1 a.csv; grep '^T01,.*,proposed,' a.csv |
	sed 's/,4500000002,rotation,/,4500000003,rotation,/; s/,proposed,/,rejected,/'; } >other.csv
run --db z.db import exchanges other.csv
expect_rc 0 "a rejected row to another school imports"
expect_out '1 added, 0 updated, 0 unchanged' "it is added, the live one is left alone"
is "$(statuses z.db T01)" "proposed rejected rejected rejected " "the live one is still live"

# a database made at schema version 4, with a rejected and a cancelled exchange, upgraded
if [ -n "$have_sqlite" ]; then
	me=$(id -un)
	# the fixture was made by root, its first operator: the tester takes that place
	sed "s/'root'/'$me'/g" "$TOP/tests/cli/data/exchanges_v4.sql" | sqlite3 old.db
	chmod 600 old.db
	is "$(sqlite3 old.db 'PRAGMA user_version')" 4 "a version-4 database made"
	sqlite3 old.db "SELECT sql FROM sqlite_schema WHERE name = 'exchange'" | grep -q 'UNIQUE (teacher_id, start_date)' &&
		ok "its exchange table has the old UNIQUE" || notok "its exchange table has the old UNIQUE"
	audits=$(sqlite3 old.db "SELECT count(*) FROM audit")
	run --db old.db check
	expect_rc 0 "check upgrades it and passes"
	expect_out 'old.db: ok' "check says ok after the upgrade"
	latest=$("$BIN" version | sed -n 's/.*(schema \([0-9]*\)).*/\1/p')
	is "$(sqlite3 old.db 'PRAGMA user_version')" "$latest" "the database is at the latest version"
	is "$(sqlite3 old.db "SELECT group_concat(id || ':' || status, ' ') FROM (SELECT id, status FROM exchange ORDER BY id)")" \
		"1:rejected 2:cancelled 3:approved" "the exchanges keep their ids and statuses"
	is "$(sqlite3 old.db "SELECT count(*) FROM audit")" "$audits" "the upgrade writes no audit record"
	is "$(sqlite3 old.db "SELECT group_concat(row_id || ':' || op, ' ') FROM (SELECT row_id, op FROM audit WHERE tbl = 'exchange' ORDER BY id)")" \
		"1:insert 1:update 2:insert 2:update 3:insert 3:update" "the exchanges' audit history is kept"
	# the schema is the fresh one, object for object
	county fresh.db
	q="SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
	sqlite3 old.db "$q" >old.schema
	sqlite3 fresh.db "$q" >fresh.schema
	same fresh.schema old.schema "the upgraded schema is the same text as a fresh one"
	run --db old.db exchange add T01 4500000002 --start 2026-09-01
	expect_rc 0 "after the upgrade the rejected teacher is proposed again"
	run --db old.db exchange add T02 4500000003 --start 2026-09-01
	expect_rc 0 "after the upgrade the cancelled teacher is proposed again"
	run --db old.db exchange add T03 4500000003 --start 2026-09-01
	expect_rc 1 "after the upgrade a second live exchange is still refused"
	run --db old.db exchange add T03 4500000003 --start 2026-09-01 --kind parttime --share 0.1
	expect_rc 1 "after the upgrade a live one starting the same day is refused"
	run --db old.db check
	expect_rc 0 "check is ok after the new proposals"
	audit_new=$(sqlite3 old.db "SELECT count(*) FROM audit WHERE tbl = 'exchange' AND op = 'insert'")
	is "$audit_new" 5 "the new proposals are audited by the rebuilt table's triggers"
else
	ok "upgrade of a version-4 database # SKIP no sqlite3"
fi

# The plan does not propose again a teacher whose proposal for the year was rejected: the
# administrator decided against that move (a proposal by hand still can).
"$BIN" --db plan.db init --demo >/dev/null 2>&1
ids=$("$BIN" --db plan.db exchange list --year 2026-2027 --status proposed --format csv | tail -n +2 | cut -d, -f1)
# shellcheck disable=SC2086
"$BIN" --db plan.db exchange reject $ids >/dev/null 2>&1
"$BIN" --db plan.db exchange list --year 2026-2027 --status rejected --format csv | tail -n +2 |
	cut -d, -f2 | sort >rejected.txt
is "$(wc -l <rejected.txt | tr -d ' ')" "$(echo "$ids" | wc -l | tr -d ' ')" "the demo's proposals are rejected"
run --db plan.db exchange plan --year 2026-2027 --format csv
expect_rc 0 "plan after the rejections"
grep -E '^T[0-9]+,' "$T/out" | cut -d, -f1 | sort >planned.txt
is "$(comm -12 rejected.txt planned.txt | wc -l | tr -d ' ')" 0 "the plan proposes none of the rejected teachers again"
[ -s planned.txt ] && ok "the plan still proposes other teachers" || notok "the plan still proposes other teachers"
again=$("$BIN" --db plan.db exchange list --year 2026-2027 --status rejected --format csv |
	awk -F, 'NR == 2 { print $2 " " $6 }')
# shellcheck disable=SC2086
run --db plan.db exchange add $again --year 2026-2027
expect_rc 0 "a rejected teacher can still be proposed by hand"
