#!/bin/sh
# Exchange reports and transitions on a small hand-made county, answers worked out here.
. "$TOP/tests/cli/lib.sh"
db="$T/x.db"
"$BIN" --db "$db" init >/dev/null || { notok "init"; exit 1; }

cat >"$T/schools.csv" <<'CSV'
code,name,level,location,lat,lon,students,staff_quota,hardship
4500000001,城区实验小学,primary,urban,24.30,109.40,1200,40,0
4500000002,江口镇中心小学,primary,town,24.30,109.50,600,40,1
4500000003,江口镇大村小学,primary,rural,24.40,109.50,200,12,3
4500000004,远山学校,primary,rural,24.00,109.00,150,10,3
CSV
cat >"$T/districts.csv" <<'CSV'
name,form,lead_school_code,established_on
江口学区,pairing,4500000001,2020-01-01
CSV
cat >"$T/members.csv" <<'CSV'
district_name,school_code,role,from_date
江口学区,4500000001,lead,2020-01-01
江口学区,4500000002,member,2020-01-01
江口学区,4500000003,member,2020-01-01
CSV
# Year 2026-2027, reference date 2026-09-01, six years at the school needed.
#  T01 joined 2020-09-01: exactly six years: eligible
#  T02 joined 2020-09-02: one day short: not
#  T03 maternity ending 2026-08-31, the day before the year: eligible
#  T04 illness from 2026-09-01: exempt
#  T05 substitute: not in post
#  T06 principal: not a teacher
#  T07..T10 joined 2015: eligible (T07 county backbone)
#  T11 on an exchange that began 2025-09-01 and runs to 2027-08-31: not eligible
#  T12 exchange approved to start 2026-09-01: eligible, and exchanged in the year
# Eligible: T01 T03 T07 T08 T09 T10 T12 = 7; exchanged 1; backbone exchanged 0.
cat >"$T/teachers.csv" <<'CSV'
staff_no,name,gender,school_code,subjects,education,employment,post,post_since,joined_school_on,backbone_level
T01,甲一,F,4500000001,语文,bachelor,in_post,teacher,,2020-09-01,none
T02,乙二,M,4500000001,数学,bachelor,in_post,teacher,,2020-09-02,none
T03,丙三,F,4500000001,语文,bachelor,in_post,teacher,,2010-01-01,none
T04,丁四,M,4500000001,数学,bachelor,in_post,teacher,,2010-01-01,none
T05,戊五,M,4500000001,语文,bachelor,substitute,teacher,,2010-01-01,none
T06,己六,M,4500000001,数学,master,in_post,principal,2018-09-01,2010-01-01,none
T07,庚七,F,4500000001,语文,bachelor,in_post,teacher,,2015-03-01,county
T08,辛八,F,4500000002,数学,bachelor,in_post,teacher,,2015-03-01,none
T09,壬九,F,4500000002,语文,bachelor,in_post,teacher,,2015-03-01,none
T10,癸十,M,4500000002,数学,bachelor,in_post,teacher,,2015-03-01,none
T11,子十一,M,4500000002,语文,bachelor,in_post,teacher,,2012-03-01,none
T12,丑十二,F,4500000001,数学,bachelor,in_post,teacher,,2012-03-01,none
CSV
cat >"$T/exemptions.csv" <<'CSV'
staff_no,kind,start_date,end_date
T03,maternity,2025-09-01,2026-08-31
T04,illness,2026-09-01,2026-12-31
CSV
cat >"$T/exchanges.csv" <<'CSV'
staff_no,from_school_code,to_school_code,kind,reason,year,start_date,end_date,status
T11,4500000002,4500000003,rotation,mandatory,2025-2026,2025-09-01,2027-08-31,active
T12,4500000001,4500000002,support,voluntary,2026-2027,2026-09-01,2028-08-31,approved
CSV
for e in schools districts members teachers exemptions exchanges; do
	run --db "$db" import $e "$T/$e.csv"
	expect_rc 0 "import $e"
done

run --db "$db" exchange eligible --year 2026-2027 --format csv
expect_rc 0 "eligible report"
got=$(tail -n +2 "$T/out" | cut -d, -f1 | sort | tr '\n' ' ')
is "$got" "T01 T03 T07 T08 T09 T10 T12 " "eligible teachers are exactly the hand count"

run --db "$db" exchange eligible --year 2026-2027 --all --format csv
for pair in T02:0 T04:0 T05:0 T06:0 T11:0 T01:1; do
	s=${pair%:*} want=${pair#*:}
	got=$(grep "^$s," "$T/out" | cut -d, -f8)
	is "$got" "$want" "--all: $s eligible=$want"
done
grep '^T02,' "$T/out" | grep -q 'years' && ok "T02's reason mentions years" || notok "T02's reason mentions years"
grep '^T04,' "$T/out" | grep -qi 'exempt' && ok "T04's reason is the exemption" || notok "T04's reason is the exemption"

run --db "$db" exchange quota --year 2026-2027 --format csv
expect_rc 0 "quota report"
is "$(head -1 "$T/out")" "scope,name,eligible,exchanged,ratio,min_ratio,backbone_exchanged,backbone_ratio,backbone_min_ratio,missing,missing_backbone,ok" "quota CSV columns"
# 1/7 = 0.1429 >= 0.10: nothing missing; backbone 0 of 1 exchanged < 0.20: one backbone needed
is "$(sed -n 2p "$T/out")" "county,,7,1,0.1429,0.1000,0,0.0000,0.2000,0,1,0" "county quota row"

run --db "$db" exchange quota --year 2026-2027 --by school --format csv
is "$(grep -c '^school,' "$T/out")" "2" "one row per school with eligible teachers or exchanges"
grep -q '^school,城区实验小学,4,1,' "$T/out" && ok "the sending school counts its exchange" || notok "the sending school counts its exchange"

# Subsidies in 2026-2027, by the sending school. T12: 城区实验小学 → 江口镇中心小学, 0.1° of
# longitude at 24.3°N ≈ 10.1 km: tier 10–30 km 400 + hardship 1 100 = 500 a month, 12 months
# = 6000. T11: 江口镇中心小学 → 大村小学, 0.1° of latitude ≈ 11.1 km: 400 + hardship 3 300 =
# 700 a month, its second year = 8400.
run --db "$db" exchange subsidy --year 2026-2027 --by school --format csv
expect_rc 0 "subsidy report"
grep -q '^school,4500000001,城区实验小学,1,6000.00,0$' "$T/out" && ok "subsidy of T12's exchange" || notok "subsidy of T12's exchange"
grep -q '^school,4500000002,江口镇中心小学,1,8400.00,0$' "$T/out" && ok "subsidy of T11's running exchange" || notok "subsidy of T11's running exchange"
run --db "$db" exchange subsidy --year 2026-2027
expect_out "subsidies in 2026-2027: 14400.00 yuan" "the county's subsidies for the year"

# Transitions: propose T07 (backbone) and follow it to evaluation.
run --db "$db" exchange add T07 4500000003 --year 2026-2027 --kind rotation --reason upward
expect_rc 0 "add an exchange"
id=$(sed -n 's/^exchange \([0-9]*\):.*/\1/p' "$T/out")
run --db "$db" exchange start "$id"
expect_rc 1 "cannot start a proposed exchange"
expect_err "approve" "the refusal says to approve first"
run --db "$db" exchange approve "$id"
expect_rc 0 "approve"
# 城区实验小学 has 8 teachers: max_out_ratio 0.15 allows 1 away; with T12 that makes 2
expect_err "warning: exchange $id: 4500000001 will have 2 teachers away at once, more than max_out_ratio allows \(1\)" \
	"approving past max_out_ratio warns, naming the school and the numbers"
run --db "$db" exchange quota --year 2026-2027 --format csv
is "$(sed -n 2p "$T/out")" "county,,7,2,0.2857,0.1000,1,0.5000,0.2000,0,0,1" "quota met once the backbone teacher is approved"
run --db "$db" exchange start "$id"
expect_rc 0 "start"
run --db "$db" exchange complete "$id"
expect_rc 2 "complete needs an evaluation"
run --db "$db" exchange complete "$id" --evaluation unqualified
expect_rc 0 "complete with unqualified"
expect_out "extended until 2029-08-31" "unqualified extends the term by a year"

# Refusals
run --db "$db" exchange add T08 4500000004 --year 2026-2027
expect_rc 1 "a school outside the district is refused"
run --db "$db" exchange add T12 4500000003 --start 2027-01-01
expect_rc 1 "an overlapping exchange of one teacher is refused"
run --db "$db" exchange add T01 4500000001 --year 2026-2027
expect_rc 1 "an exchange to the home school is refused"
run --db "$db" exchange quota --year 2026
expect_rc 2 "a malformed year is misuse"
run --db "$db" exchange quota
expect_rc 2 "quota needs --year"
run --db "$db" exchange list --apply
expect_rc 2 "an option of another subcommand is misuse"

# Plan: from a fresh copy without T07's exchange, the plan must meet both quotas. The lead
# school has 8 teachers, one away (T12): max_out_ratio 0.3 leaves room for one more, and
# the village school, with no teachers for a staffing quota of 12, is short in both subjects.
printf '[exchange]\nmax_out_ratio = 0.3\n' >"$T/plan.conf"
export XUEQU_CONFIG="$T/plan.conf"
"$BIN" --db "$T/p.db" init >/dev/null
for e in schools districts members teachers exemptions exchanges; do
	"$BIN" --db "$T/p.db" import $e "$T/$e.csv" >/dev/null 2>&1
done
run --db "$T/p.db" exchange plan --year 2026-2027
expect_rc 0 "plan"
expect_out "backbone quota met" "the plan meets the backbone quota"
run --db "$T/p.db" exchange list --status proposed --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" "0" "plan without --apply writes nothing"
run --db "$T/p.db" exchange plan --year 2026-2027 --apply
expect_rc 0 "plan --apply"
run --db "$T/p.db" exchange list --status proposed --format csv
grep -q ',T07,' "$T/out" && ok "the backbone teacher T07 is proposed" || notok "the backbone teacher T07 is proposed"

export XUEQU_CONFIG="$T/empty.conf"

# Export → import → export of exchanges is identical.
"$BIN" --db "$db" export exchanges -o "$T/x1.csv"
"$BIN" --db "$T/y.db" init >/dev/null
for e in schools districts members teachers exemptions; do "$BIN" --db "$T/y.db" import $e "$T/$e.csv" >/dev/null 2>&1; done
run --db "$T/y.db" import exchanges "$T/x1.csv"
expect_rc 0 "exchanges import into an empty county"
"$BIN" --db "$T/y.db" export exchanges -o "$T/x2.csv"
same "$T/x1.csv" "$T/x2.csv" "exchanges round trip"
