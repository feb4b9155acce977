#!/bin/sh
# The demo county's quota for 2026-2027 against a count made here, independently of the
# program's rules: from the exported teachers and exemptions, with the default policy
# (six years at the school on 2026-09-01, in post, teachers only, no exemption reaching
# into 2026-09-01 .. 2027-08-31, not away on an exchange begun before the year; this year's
# approved exchanges count as exchanged).
. "$TOP/tests/cli/lib.sh"
db="$T/d.db"
"$BIN" --db "$db" init --demo >/dev/null || { notok "init --demo"; exit 1; }
"$BIN" --db "$db" export teachers -o "$T/t.csv"
"$BIN" --db "$db" export exemptions -o "$T/e.csv"
"$BIN" --db "$db" export exchanges -o "$T/x.csv"
[ "$(wc -l <"$T/x.csv" | tr -d ' ')" -gt 20 ] && ok "the demo county has a history of exchanges" ||
	notok "the demo county has a history of exchanges"

# teachers: staff_no,name,gender,birth_date,school_code,subjects,title,education,
# backbone_level,pe_art,employment,post,post_since,joined_school_on (no field holds a comma)
# exchanges: staff_no,from,to,kind,reason,year,start_date,end_date,week_share,status,...
count=$(awk -F, '
	FILENAME ~ /x.csv$/ { if (FNR > 1 && $10 ~ /^(approved|active|extended)$/ && $7 < "2026-09-01" && $8 >= "2026-09-01") exempt[$1] = 1; next }
	NR == FNR { if (FNR > 1 && $3 <= "2027-08-31" && ($4 == "" || $4 >= "2026-09-01")) exempt[$1] = 1; next }
	FNR == 1 { next }
	$11 == "in_post" && $12 == "teacher" && $14 != "" && $14 <= "2020-09-01" && !($1 in exempt) { n++ }
	END { print n + 0 }' "$T/e.csv" "$T/x.csv" "$T/t.csv")
# this year's exchanges that count, and their backbone teachers
exchanged=$(awk -F, 'FNR > 1 && $6 == "2026-2027" && $10 ~ /^(approved|active|completed|extended)$/' "$T/x.csv" | wc -l | tr -d ' ')
bb=$(awk -F, '
	FILENAME ~ /x.csv$/ { if (FNR > 1 && $6 == "2026-2027" && $10 ~ /^(approved|active|completed|extended)$/) x[$1] = 1; next }
	FNR > 1 && ($1 in x) && $9 != "none" { n++ }
	END { print n + 0 }' "$T/x.csv" "$T/t.csv")
[ "$exchanged" -gt 0 ] && ok "the demo has approved exchanges this year ($exchanged)" ||
	notok "the demo has approved exchanges this year ($exchanged)"
[ "$count" -gt 100 ] && ok "the count finds eligible teachers ($count)" || notok "the count finds eligible teachers ($count)"

run --db "$db" exchange quota --year 2026-2027 --format csv
row=$(sed -n 2p "$T/out")
is "$(echo "$row" | cut -d, -f3)" "$count" "eligible equals the count made here"
# missing = ceil(0.10 x eligible) - exchanged; backbone: ceil(0.2 x the total once the
# missing are exchanged) - the backbone teachers exchanged
need=$(( (count + 9) / 10 ))
missing=$(( need - exchanged ))
backbone=$(( (need + 4) / 5 - bb ))
[ "$backbone" -lt 0 ] && backbone=0
is "$(echo "$row" | cut -d, -f4)" "$exchanged" "exchanged equals the approved exchanges of the year"
is "$(echo "$row" | cut -d, -f10)" "$missing" "missing is ceil(10% of eligible) less the exchanged"
is "$(echo "$row" | cut -d, -f11)" "$backbone" "missing backbone is ceil(20% of the total) less those exchanged"

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
