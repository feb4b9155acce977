#!/bin/sh
# import.sh: CSV import. Every bad file is refused with exit 1, "xuequ: FILE:LINE: ..." on
# stderr and the database unchanged; good files in their many shapes are accepted.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"

# The base: the demo county plus a few known schools, teachers, districts and members.
"$BIN" --db base.db init --demo >/dev/null || notok "init --demo for the import tests"
for e in schools teachers districts members; do
	f="$D/$e.csv"
	[ "$e" = schools ] && f="$D/schools_zh.csv"
	[ "$e" = teachers ] && f="$D/teachers_zh.csv"
	run --db base.db import "$e" "$f"
	expect_rc 0 "base: import $e"
done
S1=2145990001 S2=2145990002
dump_all base.db before.txt

# bad NAME ENTITY FILE LINE PATTERN: import FILE, which must be refused naming LINE (none
# when empty) with a message matching PATTERN, leaving the database as it was.
bad() {
	run --db base.db import "$2" "$3"
	expect_rc 1 "$1: exit 1"
	if [ -n "$4" ]; then
		expect_err "^xuequ: $3:$4: $5" "$1: names line $4"
	else
		expect_err "^xuequ: $3: $5" "$1: says why"
	fi
	expect_err "^xuequ: $3: [0-9]+ problems?; nothing was imported" "$1: says nothing was imported"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$1: nothing on stdout"
	dump_all base.db after.txt
	same before.txt after.txt "$1: the database is unchanged"
}

TH='staff_no,name,gender,school_code,education,birth_date'
printf '%s\nZ1000001,张三,M,%s,bachelor,1990-01-01\nZ1000002,李四,F,2145999999,bachelor,1991-02-03\n' \
	"$TH" $S1 >unknown-school.csv
bad "unknown school code" teachers unknown-school.csv 3 'school_code: unknown school code 2145999999'

printf '%s\nZ1000001,张三,M,%s,bachelor,1990-01-01\nZ1000002,李四,F,%s,bachelor,2026-02-30\n' \
	"$TH" $S1 $S1 >bad-date.csv
bad "bad date" teachers bad-date.csv 3 "birth_date: '2026-02-30' is not a date"

printf 'staff_no,name,gender,school_code,education,joined_school_on\nZ1000001,张三,M,%s,bachelor,2026-13-01\n' \
	$S1 >bad-month.csv
bad "bad month" teachers bad-month.csv 2 "joined_school_on: '2026-13-01' is not a date"

printf '%s\nZ1000001,张三,M,%s,bachelor,\nZ1000002,李四,F,%s,bachelor,\nZ1000001,王五,F,%s,master,\n' \
	"$TH" $S1 $S1 $S2 >dup-staff.csv
bad "duplicate staff number" teachers dup-staff.csv 4 'duplicate of line 2'

printf '%s\nZ0000001,韦丽华,F,%s,bachelor,\nZ0000001,韦丽华,F,%s,master,\n' "$TH" $S1 $S1 >dup-existing.csv
bad "an existing staff number twice" teachers dup-existing.csv 3 'duplicate of line 2'

SH='code,name,level,location,students,hardship'
printf '%s\n2145991001,甲小学,primary,urban,100,0\n2145991002,乙小学,primary,urban,100,0\n2145991001,丙小学,primary,rural,90,1\n' \
	"$SH" >dup-school.csv
bad "duplicate school code" schools dup-school.csv 4 'duplicate of line 2'

printf '%s\n2145991001,甲小学,primary,urban,100,0\n2145991002,乙小学,primary,urban,-5,0\n' "$SH" >students.csv
bad "students -5" schools students.csv 3 'students: -5 is out of range'

printf '%s\n2145991001,甲小学,primary,urban,100,4\n' "$SH" >hardship.csv
bad "hardship 4" schools hardship.csv 2 'hardship: 4 is out of range'

printf 'code,name,level,location,lat,lon\n2145991001,甲小学,primary,urban,200,109.3\n' >lat.csv
bad "lat 200" schools lat.csv 2 'lat: 200 is out of range'

printf 'code,students\n%s,many\n' $S1 >not-number.csv
bad "students not a number" schools not-number.csv 2 "students: 'many' is not a whole number"

printf '%s\n2145991001,甲小学,foo,urban,100,0\n' "$SH" >level.csv
bad "level foo" schools level.csv 2 "level: 'foo' is not one of primary"

printf 'code,name,level,location\n21459910,甲小学,primary,urban\n' >short-code.csv
bad "a school code of 8 digits" schools short-code.csv 2 "code: '21459910' is not a national school code"

printf 'code,name,level,location,colour\n2145991001,甲小学,primary,urban,red\n' >unknown-column.csv
bad "unknown column" schools unknown-column.csv 1 "colour: unknown column 'colour'"

printf 'code,name,level,location,code\n2145991001,甲小学,primary,urban,2145991001\n' >twice-column.csv
bad "a column twice" schools twice-column.csv 1 'code: column code appears twice'

printf 'name,level,location\n甲小学,primary,urban\n' >no-key.csv
bad "missing key column" schools no-key.csv 1 'code: the key column code'

printf 'code,students\n2145991001,100\n' >new-incomplete.csv
bad "a new row without its required columns" schools new-incomplete.csv 2 'name: a new row needs the column name'

printf '%s\n2145991001,甲小学,primary,urban,100,0\n2145991002,乙小学,primary,urban,100\n' "$SH" >fields.csv
bad "wrong number of fields" schools fields.csv 3 '5 fields, the header has 6'

printf '%s\n2145991001,甲小学,primary,urban,100,0\n2145991002,"乙小学,primary,urban,100,0\n2145991003,丙小学,primary,urban,100,0\n' \
	"$SH" >quote.csv
bad "unterminated quote" schools quote.csv 3 'unterminated quoted field'

printf '%s\n2145991001,"甲小学"x,primary,urban,100,0\n' "$SH" >after-quote.csv
bad "text after a closing quote" schools after-quote.csv 2 'text after closing quote'

printf '%s\n2145991001,甲小学,primary,urban,100,0\n2145991002,\377\376\375,primary,urban,100,0\n' \
	"$SH" >bad-bytes.csv
bad "bytes neither UTF-8 nor GB18030" schools bad-bytes.csv 3 'invalid byte sequence'

: >empty.csv
bad "empty file" schools empty.csv '' 'the file is empty'

printf 'district_name,school_code,role,from_date,to_date\n柳江区测试镇学区联盟,%s,member,2026-01-01,\n' \
	$S2 >two-districts.csv
bad "a school in two districts at once" members two-districts.csv 2 '.*is in another district'

printf 'district_name,school_code,role,from_date,to_date\n柳江区测试镇学区联盟,2145990005,member,2026-01-01,\n柳江区测试城乡帮扶学区,2145990005,member,2026-02-01,\n' \
	>two-districts-in-file.csv
bad "a school in two districts in one file" members two-districts-in-file.csv 3 '.*is in another district'

printf 'district_name,school_code,role,from_date,to_date\n没有这个学区,%s,member,2026-01-01,\n' $S2 >no-district.csv
bad "unknown district" members no-district.csv 2 'district_name: unknown district 没有这个学区'

printf 'supporting_school_code,supported_school_code,start_date,end_date,goals\n%s,%s,2026-01-01,2027-12-31,自己\n' \
	$S1 $S1 >self-agreement.csv
bad "an agreement of a school with itself" agreements self-agreement.csv 2 '.*cannot support itself'

printf 'staff_no,kind,start_date,end_date,note\nZ9999999,illness,2026-01-01,,\n' >no-teacher.csv
bad "exemption of an unknown staff number" exemptions no-teacher.csv 2 'staff_no: unknown staff number Z9999999'

printf 'staff_no,kind,start_date,end_date,note\nZ0000001,holiday,2026-01-01,,\n' >bad-kind.csv
bad "exemption of an unknown kind" exemptions bad-kind.csv 2 "kind: 'holiday' is not one of"

run --db base.db import schools nosuch.csv
expect_rc 1 "a missing file: exit 1"
expect_err '^xuequ: nosuch.csv' "a missing file: names it"
mkdir adir.csv
run --db base.db import schools adir.csv
expect_rc 1 "a directory as the file: exit 1"
dump_all base.db after.txt
same before.txt after.txt "missing files: the database is unchanged"

# all or nothing: good rows before and after a bad one are not written; every bad row is named
printf '%s\n2145991001,甲小学,primary,urban,100,0\n2145991002,乙小学,primary,urban,-1,0\n2145991003,丙小学,primary,urban,100,0\n2145991004,丁小学,junior,moon,100,0\n' \
	"$SH" >two-bad.csv
bad "good rows around bad ones" schools two-bad.csv 3 'students'
expect_err '^xuequ: two-bad.csv:5: location' "good rows around bad ones: the second bad line is named too"
expect_err '2 problems' "good rows around bad ones: counts the problems"

printf 'code,students\n%s,100\n' $S1 | { "$BIN" --db base.db import schools - >/dev/null 2>&1; } # a good one
dump_all base.db before.txt
printf '%s\n2145991001,甲小学,primary,urban,-7,0\n' "$SH" | "$BIN" --db base.db import schools - >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "bad standard input: exit 1"
expect_err '^xuequ: <stdin>:2: students' "bad standard input: named <stdin> with its line"
dump_all base.db after.txt
same before.txt after.txt "bad standard input: the database is unchanged"

# ---- good files, on a fresh database ----
"$BIN" --db good.db init >/dev/null
run --db good.db import schools "$D/schools_zh.csv"
expect_rc 0 "Chinese headers: exit 0"
expect_out '5 rows \(UTF-8\): 5 added, 0 updated, 0 unchanged' "Chinese headers: the report"
"$BIN" --db good.db export schools >schools.out
same schools.out "$D/schools.csv" "Chinese headers and values: stored as the English export says"
run --db good.db import teachers "$D/teachers_zh.csv"
expect_rc 0 "teachers with Chinese headers and 男/女, 是/否: exit 0"
"$BIN" --db good.db export teachers >teachers.out
same teachers.out "$D/teachers.csv" "teachers with Chinese headers: stored as the English export says"

# header only
printf 'code,name,level,location\n' >header-only.csv
run --db good.db import schools header-only.csv
expect_rc 0 "header only: exit 0"
expect_out '0 rows' "header only: 0 rows"

# columns in any order
"$BIN" --db o.db init >/dev/null
awk -F, 'BEGIN { OFS = "," } { print $18, $9, $1, $6, $4, $2, $3, $5, $7, $8, $10, $11, $12, $13, $14, $15, $16, $17 }' \
	"$D/schools.csv" >shuffled.csv
run --db o.db import schools shuffled.csv
expect_rc 0 "columns in any order: exit 0"
"$BIN" --db o.db export schools >o.out
same o.out "$D/schools.csv" "columns in any order: the same data"

# GB18030 (what Chinese Excel writes)
iconv -f UTF-8 -t GB18030 "$D/schools_zh.csv" >gb.csv
cmp -s gb.csv "$D/schools_zh.csv" && notok "the GB18030 fixture differs from UTF-8" || ok "the GB18030 fixture differs from UTF-8"
"$BIN" --db gb.db init >/dev/null
run --db gb.db import schools gb.csv
expect_rc 0 "GB18030 file: exit 0"
expect_out '\(GB18030\)' "GB18030 file: the report names the encoding"
"$BIN" --db gb.db export schools >gb.out
same gb.out "$D/schools.csv" "GB18030 file: the same data as UTF-8"
iconv -f UTF-8 -t GB18030 "$D/teachers_zh.csv" >gbt.csv
run --db gb.db import teachers gbt.csv
expect_rc 0 "GB18030 teachers: exit 0"
"$BIN" --db gb.db export teachers >gbt.out
same gbt.out "$D/teachers.csv" "GB18030 teachers: the same data as UTF-8"

# UTF-8 with BOM, and CRLF line ends
"$BIN" --db bom.db init >/dev/null
{ printf '\357\273\277'; cat "$D/schools_zh.csv"; } >bom.csv
run --db bom.db import schools bom.csv
expect_rc 0 "UTF-8 with BOM: exit 0"
expect_out 'BOM' "UTF-8 with BOM: the report says so"
"$BIN" --db bom.db export schools >bom.out
same bom.out "$D/schools.csv" "UTF-8 with BOM: the first column is still code"
"$BIN" --db crlf.db init >/dev/null
awk '{ printf "%s\r\n", $0 }' "$D/schools_zh.csv" >crlf.csv
run --db crlf.db import schools crlf.csv
expect_rc 0 "CRLF line ends: exit 0"
"$BIN" --db crlf.db export schools >crlf.out
same crlf.out "$D/schools.csv" "CRLF line ends: no CR in the data"
{ printf '\357\273\277'; awk '{ printf "%s\r\n", $0 }' "$D/teachers_zh.csv"; } >bomcrlf.csv
run --db crlf.db import teachers bomcrlf.csv
expect_rc 0 "BOM and CRLF together: exit 0"

# quoted fields with commas, quotes and line breaks
run --db good.db import districts "$D/districts.csv"
expect_rc 0 "quoted note with comma, quotes and newline: exit 0"
"$BIN" --db good.db export districts >districts.out
same districts.out "$D/districts.csv" "quoted note: exported exactly as written"
"$BIN" --db good.db export districts --headers zh | awk 'NR > 1' | sed -e 's/,集团化办学,/,group,/' \
	-e 's/,城乡帮扶,/,pairing,/' -e 's/,学区联盟,/,alliance,/' -e 's/,一体化管理,/,integrated,/' >districts-zh.body
awk 'NR > 1' "$D/districts.csv" >districts.body
same districts-zh.body districts.body "quoted note: the same under Chinese headers"
printf 'name,form,note\r\n柳江区测试CRLF学区,group,"第一行\r\n第二行"\r\n' >crlf-note.csv
run --db good.db import districts crlf-note.csv
expect_rc 0 "a line break inside a quoted note of a CRLF file: exit 0"
"$BIN" --db good.db export districts | grep -q '第二行' &&
	ok "a line break inside a quoted note of a CRLF file: stored" ||
	notok "a line break inside a quoted note of a CRLF file: stored"

# updates by natural key
run --db good.db import members "$D/members.csv"
expect_rc 0 "members: exit 0"
run --db good.db import schools "$D/schools_zh.csv"
expect_rc 0 "the same file again: exit 0"
expect_out '0 added, 0 updated, 5 unchanged' "the same file again: all unchanged"
sed 's/^2145990003,\(.*\),900,18,/2145990003,\1,950,19,/' "$D/schools_zh.csv" >changed.csv
run --db good.db import schools changed.csv
expect_rc 0 "one row changed: exit 0"
expect_out '0 added, 1 updated, 4 unchanged' "one row changed: 1 updated, 4 unchanged"
"$BIN" --db good.db export schools | grep -q '^2145990003,.*,950,19,' && ok "one row changed: stored" ||
	notok "one row changed: stored"

# a file with only code and students changes only students
"$BIN" --db good.db export schools >s-before.csv
printf 'code,students\n2145990002,654\n2145990004,80\n' >students-only.csv
run --db good.db import schools students-only.csv
expect_rc 0 "only code and students: exit 0"
expect_out '0 added, 1 updated, 1 unchanged' "only code and students: 1 updated, 1 unchanged"
"$BIN" --db good.db export schools >s-after.csv
awk -F, 'BEGIN { OFS = "," } $1 == "2145990002" { $9 = 654 } { print }' s-before.csv >s-expected.csv
same s-after.csv s-expected.csv "only code and students: every other field kept"

# --dry-run
dump_all good.db before.txt
printf 'code,students\n2145990002,700\n2145990005,12\n' >dry.csv
printf 'code,name,level,location\n2145991009,新小学,primary,rural\n' >dry-new.csv
run --db good.db import schools dry.csv --dry-run
expect_rc 0 "--dry-run: exit 0"
expect_out 'dry run' "--dry-run: says it is a dry run"
expect_out '1 updated, 1 unchanged' "--dry-run: says what would change"
run --db good.db import --dry-run schools dry-new.csv
expect_rc 0 "--dry-run before the entity: exit 0"
expect_out '1 added' "--dry-run: says what would be added"
run --db good.db import -n schools dry-new.csv
expect_rc 0 "-n: exit 0"
dump_all good.db after.txt
same before.txt after.txt "--dry-run: nothing written"
run --db good.db import schools two-bad.csv --dry-run
expect_rc 1 "--dry-run of a bad file: exit 1"
expect_err '^xuequ: two-bad.csv:3: students' "--dry-run of a bad file: names the line"

# standard input
printf 'code,name,level,location,students\n2145991010,标准输入小学,primary,rural,33\n' |
	"$BIN" --db good.db import schools - >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "standard input: exit 0"
expect_out '1 added' "standard input: 1 added"
"$BIN" --db good.db export schools | grep -q '^2145991010,标准输入小学,' && ok "standard input: stored" ||
	notok "standard input: stored"

# rows without the optional columns start empty, whatever was read before
run --db good.db import members "$D/members.csv"
printf 'district_name,school_code,from_date\n柳江区测试镇学区联盟,2145990005,2026-01-01\n' >member-short.csv
run --db good.db import members member-short.csv
expect_rc 0 "a member without role and to_date columns: exit 0"
"$BIN" --db good.db export members | grep -q '^柳江区测试镇学区联盟,2145990005,member,2026-01-01,$' &&
	ok "a member without role and to_date columns: a current member" ||
	notok "a member without role and to_date columns: a current member"
printf 'district_name,school_code,role,from_date,to_date\n柳江区测试城乡帮扶学区,2145990003,,2026-02-01,\n' >member-empty-role.csv
run --db good.db import members member-empty-role.csv
expect_rc 0 "a member with an empty role: exit 0"
"$BIN" --db good.db export members | grep -q '^柳江区测试城乡帮扶学区,2145990003,member,2026-02-01,$' &&
	ok "a member with an empty role: an ordinary member" ||
	notok "a member with an empty role: an ordinary member"
"$BIN" --db good.db export districts | grep -q '^柳江区测试城乡帮扶学区,pairing,2145990001,' &&
	ok "a member with an empty role: the district keeps its lead" ||
	notok "a member with an empty role: the district keeps its lead"
printf 'staff_no,kind,start_date,end_date,note\nZ0000001,maternity,2025-12-01,2027-01-31,产假及哺乳期\n' >ex1.csv
run --db good.db import exemptions ex1.csv
expect_rc 0 "an exemption: exit 0"
printf 'staff_no,kind,start_date\nZ0000001,maternity,2025-12-01\nZ0000002,illness,2026-03-01\n' >ex2.csv
run --db good.db import exemptions ex2.csv
expect_rc 0 "a new exemption after an existing one: exit 0"
expect_out '1 added, 0 updated, 1 unchanged' "a new exemption after an existing one: 1 added, 1 unchanged"
"$BIN" --db good.db export exemptions | grep '^Z0000002,' >ex2.out
printf 'Z0000002,illness,2026-03-01,,\n' >ex2.want
same ex2.out ex2.want "a new exemption after an existing one: takes nothing from it"

# A first import of many teachers (10,000 rows or more, no fewer than the table holds) makes
# the table's indexes again at its end: the same indexes afterwards, the rows found by them;
# a failed one leaves them as they were.
"$BIN" --db bulk.db init >/dev/null 2>&1
"$BIN" --db bulk.db import schools "$D/schools.csv" >/dev/null 2>&1
idx() { sqlite3 "$1" "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'teacher' AND type = 'index' ORDER BY name"; }
idx bulk.db >idx.before
awk 'BEGIN { print "staff_no,name,gender,birth_date,school_code,subjects,title,education,backbone_level,pe_art,employment,post,post_since,joined_school_on"
	for (i = 1; i <= 10050; i++)
		printf "B%06d,教师%d,%s,1985-03-12,%s,语文,一级教师,bachelor,none,0,in_post,teacher,,2015-09-01\n", i, i % 977,
			i % 2 ? "F" : "M", i % 3 ? "2145990001" : "2145990002" }' >bulk.csv
awk 'NR == 5000 { sub(/in_post/, "nowhere") } 1' bulk.csv >bulkbad.csv
run --db bulk.db import teachers bulkbad.csv
expect_rc 1 "a large import with one bad row: exit 1"
idx bulk.db >idx.after
same idx.after idx.before "a large import refused: the table's indexes as they were"
run --db bulk.db import teachers bulk.csv
expect_rc 0 "a large first import: exit 0"
expect_out '10050 added' "a large first import: every row"
idx bulk.db >idx.after
same idx.after idx.before "a large first import: the same indexes afterwards"
is "$(sqlite3 bulk.db 'PRAGMA integrity_check')" ok "a large first import: the indexes hold every row"
is "$(sqlite3 bulk.db "SELECT count(*) FROM teacher INDEXED BY teacher_name WHERE name = '教师5'")" 11 \
	"a large first import: a name found through its index"
