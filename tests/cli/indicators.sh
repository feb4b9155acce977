#!/bin/sh
# xuequ indicators on a small hand-made county: every school's seven values, the pass rule
# and each indicator's CV are worked out here by an awk reading of the same CSV files,
# independently of the program, by school and by county, with both CV formulas and with
# exchanged teachers counted at home and at the receiving school.
. "$TOP/tests/cli/lib.sh"
db="$T/i.db"
"$BIN" --db "$db" init >/dev/null || { notok "init"; exit 1; }
D=2026-03-01

# 01 passes 7 of 7; 02 misses sports ground at exactly 85 % (1275 m² for 200: 6.375 of 7.5)
# and passes; 03 misses it at 80 % and fails; 04 is a teaching point of 30 pupils (left out
# of the CV); 05 a nine-year school of 600 + 300 pupils; 06 a junior school.
cat >"$T/schools.csv" <<'CSV'
code,name,level,location,students,students_primary,students_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms
4500000001,城区第一小学,primary,urban,400,,,1800,3000,800000,10
4500000002,江口镇中心小学,primary,town,200,,,900,1275,400000,5
4500000003,大村小学,primary,rural,200,,,960,1200,410000,5
4500000004,山背教学点,teaching_point,rural,30,,,200,400,30000,0
4500000005,江口九年一贯制学校,nine_year,town,900,600,300,4650,8000,2000000,22
4500000006,城区第一中学,junior,urban,500,,,2900,5100,1250000,12
CSV

# teachers SCHOOL N EDUCATION BACKBONE PE_ART PREFIX: N teachers of one kind
teachers() {
	_i=1
	while [ "$_i" -le "$2" ]; do
		echo "$6$_i,教师$6$_i,M,$1,语文,$3,in_post,teacher,,2015-09-01,$4,$5"
		_i=$((_i + 1))
	done
}
{
	echo "staff_no,name,gender,school_code,subjects,education,employment,post,post_since,joined_school_on,backbone_level,pe_art"
	teachers 4500000001 9 bachelor none 0 A
	teachers 4500000001 4 junior_college county 0 B
	teachers 4500000001 4 junior_college none 1 C
	teachers 4500000001 2 secondary none 0 D
	teachers 4500000002 9 bachelor none 0 E
	teachers 4500000002 2 bachelor city 0 F
	teachers 4500000002 2 junior_college none 1 G
	teachers 4500000003 9 junior_college none 0 H
	teachers 4500000003 3 bachelor county 0 I
	teachers 4500000003 2 junior_college none 1 J
	teachers 4500000004 2 junior_college none 0 K
	teachers 4500000005 31 bachelor none 0 L
	teachers 4500000005 5 bachelor province 0 M
	teachers 4500000005 4 bachelor none 1 N
	teachers 4500000006 25 bachelor none 0 O
	teachers 4500000006 3 junior_college none 0 P
	teachers 4500000006 5 master county 0 Q
	teachers 4500000006 5 bachelor none 1 R
} >"$T/teachers.csv"

# On the date: I1 (county backbone) rotates from 03 to 01; C1 (PE/art) teaches half the week
# at the teaching point. Not on the date: I2's exchange is only proposed, I3's ended before,
# O1's starts after.
cat >"$T/exchanges.csv" <<'CSV'
staff_no,from_school_code,to_school_code,kind,reason,year,start_date,end_date,status,week_share,evaluation
I1,4500000003,4500000001,rotation,mandatory,2025-2026,2025-09-01,2027-08-31,active,,
C1,4500000001,4500000004,parttime,voluntary,2025-2026,2025-09-01,2026-07-15,active,0.5,
I2,4500000003,4500000005,rotation,voluntary,2025-2026,2026-02-01,2027-08-31,proposed,,
I3,4500000003,4500000006,support,voluntary,2024-2025,2024-09-01,2025-08-31,completed,,qualified
O1,4500000006,4500000003,support,voluntary,2026-2027,2026-09-01,2028-08-31,approved,,
CSV
run --db "$db" policy set allow_cross_district=true max_out_ratio=1
expect_rc 0 "exchanges between any schools of the test county"
for e in schools teachers exchanges; do
	run --db "$db" import $e "$T/$e.csv"
	expect_rc 0 "import $e"
done

# hand STAGE RECEIVING PLAIN BY: the report worked out from the CSV files
hand() {
	awk -F, -v stage="$1" -v recv="$2" -v plain="$3" -v by="$4" -v D="$D" -v JW=1.1 '
	BEGIN {
		split("qualified_teachers_per100 backbone_per100 pe_art_per100 teaching_area_per_student sports_area_per_student equipment_per_student multimedia_per100", CODE, " ")
		split(stage ? "5.3 1.0 0.9 5.8 10.2 2500 2.4" : "4.2 1.0 0.9 4.5 7.5 2000 2.3", THR, " ")
		split("100 100 100 1 1 1 100", PER, " ")
		LIMIT = stage ? 0.45 : 0.50
	}
	FNR == 1 { f++; next }
	f == 1 { ns++; sc[ns] = $1; nm[$1] = $2; lv[$1] = $3; st[$1] = $5; sp[$1] = $6; sj[$1] = $7
		ta[$1] = $8; sa[$1] = $9; eq[$1] = $10; mm[$1] = $11; next }
	f == 2 { nt++; tn[nt] = $1; home[$1] = $4; ed[$1] = $6; bb[$1] = $11; pe[$1] = $12; next }
	f == 3 && recv && $9 != "proposed" && $7 <= D && $8 >= D {
		sh = $10 == "" ? 1 : $10; away[$1] += sh; nx++; xs[nx] = $1; xto[nx] = $3; xsh[nx] = sh }
	function add(s, t, w) {
		if (ed[t] != "secondary") jc[s] += w
		if (ed[t] == "bachelor" || ed[t] == "master" || ed[t] == "doctor") ba[s] += w
		if (bb[t] != "none") bbc[s] += w
		if (pe[t] == 1) pec[s] += w
	}
	END {
		for (i = 1; i <= nt; i++) add(home[tn[i]], tn[i], 1 - away[tn[i]])
		for (i = 1; i <= nx; i++) add(xto[i], xs[i], xsh[i])
		n = 0
		for (i = 1; i <= ns; i++) {
			s = sc[i]; two = lv[s] == "nine_year" || lv[s] == "twelve_year"
			if (two) p = stage ? sj[s] : sp[s]
			else if (lv[s] == "junior") p = stage ? st[s] : 0
			else p = stage ? 0 : st[s]
			if (p <= 0) continue
			share = 1
			if (two) { wp = sp[s]; wj = JW * sj[s]; share = (stage ? wj : wp) / (wp + wj) }
			h[1] = stage ? ba[s] : jc[s]; h[2] = bbc[s]; h[3] = pec[s]
			h[4] = ta[s]; h[5] = sa[s]; h[6] = eq[s]; h[7] = mm[s]
			met = 0; low = 99; good = 1; line = s "," nm[s] "," lv[s] "," p
			incv = !(lv[s] == "teaching_point" && p < 50)
			if (incv) n++
			for (k = 1; k <= 7; k++) {
				v = h[k] * share * PER[k] / p; t = THR[k] + 0; e = 1e-9 * (t > 1 ? t : 1)
				if (v >= t - e) met++
				else if (v < 0.85 * t - e) good = 0
				if (v / t < low) low = v / t
				line = line sprintf(",%.2f", v)
				if (incv) { X[k, n] = v; W[k, n] = p }
			}
			if (met < 6) good = 0
			if (by == "school") printf "%s,%d,%.3f,%d\n", line, met, low, good
		}
		if (by != "county") exit
		for (k = 1; k <= 7; k++) {
			sw = 0; sx = 0
			for (i = 1; i <= n; i++) { w = plain ? 1 : W[k, i]; sw += w; sx += w * X[k, i] }
			m = sx / sw; ss = 0
			for (i = 1; i <= n; i++) { w = plain ? 1 : W[k, i]; ss += w * (X[k, i] - m) ^ 2 }
			cv = sqrt(ss / sw) / m
			printf "%s,%s,%d,%.3f,%.2f,%d,%s\n", CODE[k], stage ? "junior" : "primary", n, cv,
				LIMIT, cv <= LIMIT, plain ? "plain" : "weighted"
		}
	}' "$T/schools.csv" "$T/teachers.csv" "$T/exchanges.csv"
}

# check STAGE RECEIVING PLAIN BY NAME: the CSV report equals the hand count
check() {
	level=primary
	[ "$1" = 1 ] && level=junior
	run --db "$db" indicators --level $level --date $D --by "$4" --format csv
	expect_rc 0 "$5: exit 0"
	tail -n +2 "$T/out" >"$T/got"
	hand "$1" "$2" "$3" "$4" >"$T/want"
	if [ -s "$T/want" ]; then same "$T/want" "$T/got" "$5: as the hand count"; else notok "$5: hand count empty"; fi
}

check 0 0 0 school "primary by school"
check 1 0 0 school "junior by school"
check 0 0 0 county "primary by county, weighted"
check 1 0 0 county "junior by county, weighted"

run --db "$db" indicators --level primary --date $D --format csv
is "$(head -1 "$T/out")" "school_code,name,level,pupils,qualified_teachers_per100,backbone_per100,pe_art_per100,teaching_area_per_student,sports_area_per_student,equipment_per_student,multimedia_per100,met,lowest_ratio,ok" "by school: the columns"
is "$(grep '^4500000002,' "$T/out" | cut -d, -f12-)" "6,0.850,1" "exactly 85 % of one threshold passes"
is "$(grep '^4500000003,' "$T/out" | cut -d, -f12-)" "6,0.800,0" "80 % of one threshold fails"
is "$(grep '^4500000005,' "$T/out" | cut -d, -f4,8)" "600,5.00" "nine-year school: 600 primary pupils, 4650 m² × 600/930"
is "$(grep -c '^4500000006,' "$T/out")" "0" "a junior school is not among the primary ones"
run --db "$db" indicators --level junior --date $D --format csv
is "$(grep '^4500000005,' "$T/out" | cut -d, -f4,8)" "300,5.50" "nine-year school: 300 junior pupils, 4650 m² × 330/930"
run --db "$db" indicators --level primary --date $D --by county --format csv
is "$(head -1 "$T/out")" "indicator,level,schools,cv,limit,ok,formula" "by county: the columns"
is "$(cut -d, -f3 "$T/out" | sort -u | grep -v schools)" "4" "the teaching point of 30 pupils is left out of the CV"

# the aligned table: names the formula, lists the teaching point apart, the missing amounts
run --db "$db" indicators --level primary --date $D
expect_rc 0 "table: exit 0"
expect_out "weighted by pupils" "table: names the weighted formula"
expect_out "teaching points under 50 pupils.*山背教学点 \(30\)" "table: the teaching point listed apart"
expect_out "4500000003 大村小学: 300 m² of sports ground" "table: 03 lacks (7.5 - 6.0) × 200 m²"
expect_out "4500000004 山背教学点: 1 more backbone teachers," "table: the teaching point lacks 1.0 × 0.3 → 1 backbone teacher"
expect_out " 30000 yuan of equipment" "table: and (2000 - 1000) × 30 yuan of equipment"
wide=$(wc -L <"$T/out" | tr -d ' ')
[ "$wide" -le 80 ] || awk 'length($0) > 80' "$T/out" | sed 's/^/#   /' 
between 1 80 "$wide" "table: fits 80 columns"
printf '[ui]\nlanguage = zh\n' >"$T/zh.conf"
run --config "$T/zh.conf" --db "$db" indicators --level primary --date $D
expect_out "缺口：" "Chinese table: the missing amounts"
expect_out "体育运动场馆还差 300 平方米" "Chinese table: 03 lacks 300 m² of sports ground"
wide=$(wc -L <"$T/out" | tr -d ' ')
between 1 80 "$wide" "Chinese table: fits 80 columns"
run --db "$db" indicators --level junior --by county --date $D
expect_out "^backbone_per100 +junior" "county table: one row per indicator"

# the other formula and the other place of exchanged teachers, from the policy
run --db "$db" policy set cv=plain
expect_rc 0 "policy set cv=plain"
check 0 0 1 county "primary by county, plain"
check 1 0 1 county "junior by county, plain"
run --db "$db" indicators --level primary --date $D
expect_out "plain" "table: names the plain formula"
run --db "$db" policy set count_exchanged_at=receiving
expect_rc 0 "policy set count_exchanged_at=receiving"
check 0 1 1 school "primary by school, exchanged teachers at the receiving school"
check 0 1 1 county "primary by county, exchanged teachers at the receiving school"
run --db "$db" indicators --level primary --date $D --format csv
is "$(grep '^4500000001,' "$T/out" | cut -d, -f6,7)" "1.25,0.88" "receiving: 01 gains a backbone teacher and loses half a PE teacher"
run --db "$db" indicators --level primary --date 2026-08-01 --format csv
is "$(grep '^4500000001,' "$T/out" | cut -d, -f6,7)" "1.25,1.00" "receiving: on 2026-08-01 the rotation still runs, the part-time exchange is over"
run --db "$db" indicators --level primary --date 2027-09-01 --format csv
is "$(grep '^4500000001,' "$T/out" | cut -d, -f6,7)" "1.00,1.00" "receiving: both exchanges over by 2027-09-01"

# misuse
run --db "$db" indicators
expect_rc 2 "no --level: exit 2"
run --db "$db" indicators --level middle
expect_rc 2 "--level middle: exit 2"
run --db "$db" indicators --level primary --date 2026-02-30
expect_rc 2 "--date 2026-02-30: exit 2"
run --db "$db" indicators --level primary --by town
expect_rc 2 "--by town: exit 2"

# pupils by stage: read back, added up, for two-stage schools only
run --db "$db" export schools
is "$(grep '^4500000005,' "$T/out" | awk -F, '{print $(NF-1) "," $NF}')" "600,300" "export: students_primary and students_junior read back"
expect_out "students_primary,students_junior$" "export: the new columns"
run --db "$db" export schools --headers zh
expect_out "小学段学生数,初中段学生数" "export: the Chinese headers"
printf 'code,name,level,location,students,students_primary,students_junior\n4500000007,坏学校,nine_year,rural,100,60,30\n' >"$T/bad.csv"
run --db "$db" import schools "$T/bad.csv"
expect_rc 1 "import: a split that does not add up is refused"
expect_err "do not add up" "import: says why"
printf 'code,name,level,location,students,students_primary,students_junior\n4500000008,坏学校,primary,rural,100,100,\n' >"$T/bad.csv"
run --db "$db" import schools "$T/bad.csv"
expect_rc 1 "import: a primary school with pupils by stage is refused"
run --db "$db" check
expect_rc 0 "check: clean"

# the demo county sits around the thresholds: some schools pass, some fail by one, some
# fail outright; its nine-year schools have their pupils by stage
demo="$T/demo.db"
"$BIN" --db "$demo" init --demo >/dev/null || notok "init --demo"
run --db "$demo" indicators --level primary --date $D --format csv
passed=$(awk -F, 'NR > 1 && $14 == 1' "$T/out" | wc -l | tr -d ' ')
by_one=$(awk -F, 'NR > 1 && $12 == 6 && $14 == 0' "$T/out" | wc -l | tr -d ' ')
outright=$(awk -F, 'NR > 1 && $12 <= 5' "$T/out" | wc -l | tr -d ' ')
between 1 1000 "$passed" "demo: some primary schools pass"
between 1 1000 "$by_one" "demo: some fail by one indicator"
between 1 1000 "$outright" "demo: some fail outright"
is "$(awk -F, 'NR > 1 && $3 == "nine_year"' "$T/out" | wc -l | tr -d ' ')" \
	"$("$BIN" --db "$demo" export schools | awk -F, 'NR > 1 && $4 == "nine_year" && $(NF-1) > 0' | wc -l | tr -d ' ')" \
	"demo: every nine-year school has its primary pupils"
run --db "$demo" indicators --level junior --by county --format csv
is "$(awk 'NR > 1' "$T/out" | wc -l | tr -d ' ')" "7" "demo: seven CVs for the junior schools"
run --db "$demo" check
expect_rc 0 "demo: check clean"
