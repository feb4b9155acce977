#!/bin/sh
# The demo county's quota for 2026-2027 against a count made here, independently of the
# program's rules: from the exported teachers and exemptions, with the default policy
# (six years at the school on 2026-09-01, in post, teachers only, no exemption reaching
# into 2026-09-01 .. 2027-08-31; the demo has no exchanges yet).
. "$TOP/tests/cli/lib.sh"
db="$T/d.db"
"$BIN" --db "$db" init --demo >/dev/null || { notok "init --demo"; exit 1; }
"$BIN" --db "$db" export teachers -o "$T/t.csv"
"$BIN" --db "$db" export exemptions -o "$T/e.csv"
"$BIN" --db "$db" export exchanges -o "$T/x.csv"
is "$(wc -l <"$T/x.csv" | tr -d ' ')" "1" "the demo county has no exchanges yet"

# teachers: staff_no,name,gender,birth_date,school_code,subjects,title,education,
# backbone_level,pe_art,employment,post,post_since,joined_school_on (no field holds a comma)
count=$(awk -F, '
	NR == FNR { if (FNR > 1 && $3 <= "2027-08-31" && ($4 == "" || $4 >= "2026-09-01")) exempt[$1] = 1; next }
	FNR == 1 { next }
	$11 == "in_post" && $12 == "teacher" && $14 != "" && $14 <= "2020-09-01" && !($1 in exempt) { n++ }
	END { print n + 0 }' "$T/e.csv" "$T/t.csv")
[ "$count" -gt 100 ] && ok "the count finds eligible teachers ($count)" || notok "the count finds eligible teachers ($count)"

run --db "$db" exchange quota --year 2026-2027 --format csv
row=$(sed -n 2p "$T/out")
is "$(echo "$row" | cut -d, -f3)" "$count" "eligible equals the count made here"
# nothing exchanged: missing = ceil(0.10 x eligible); backbone (against the exchanged):
# the least x with x >= 0.20 x max(missing, x), i.e. ceil(0.2 x missing)
missing=$(( (count + 9) / 10 ))
backbone=$(( (missing + 4) / 5 ))
is "$(echo "$row" | cut -d, -f10)" "$missing" "missing is ceil(10% of eligible)"
is "$(echo "$row" | cut -d, -f11)" "$backbone" "missing backbone is ceil(20% of the missing)"

# the districts and the schools add up to the county
run --db "$db" exchange quota --year 2026-2027 --by district --format csv
is "$(tail -n +2 "$T/out" | awk -F, '{ s += $3 } END { print s + 0 }')" "$count" "districts add up to the county"
run --db "$db" exchange quota --year 2026-2027 --by school --format csv
is "$(tail -n +2 "$T/out" | awk -F, '{ s += $3 } END { print s + 0 }')" "$count" "schools add up to the county"

# the eligible list holds exactly those teachers
run --db "$db" exchange eligible --year 2026-2027 --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" "$count" "the eligible list holds that many teachers"

# a plan meets both quotas on the demo county
run --db "$db" exchange plan --year 2026-2027
expect_out "quota met, backbone quota met" "the plan meets both quotas on the demo county"
