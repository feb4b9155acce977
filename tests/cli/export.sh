#!/bin/sh
# export.sh: CSV export: English and Chinese headers, encodings, -o with and without
# --force, and the same bytes every time.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"

"$BIN" --db x.db init --demo >/dev/null || notok "init --demo for the export tests"

# headers
run --db x.db export schools
expect_rc 0 "export schools: exit 0"
is "$(head -1 "$T/out")" \
	"code,name,short_name,level,town,location,lat,lon,students,classes,staff_quota,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,music_rooms,art_rooms,hardship,students_primary,students_junior" \
	"schools: the English header"
expect_no_err "export: nothing on stderr"
run --db x.db export teachers
is "$(head -1 "$T/out")" \
	"staff_no,name,gender,birth_date,school_code,subjects,title,education,backbone_level,pe_art,employment,post,post_since,joined_school_on" \
	"teachers: the English header"
run --db x.db export exemptions
is "$(head -1 "$T/out")" "staff_no,kind,start_date,end_date,note" "exemptions: the English header"
run --db x.db export districts
is "$(head -1 "$T/out")" "name,form,lead_school_code,established_on,note" "districts: the English header"
run --db x.db export members
is "$(head -1 "$T/out")" "district_name,school_code,role,from_date,to_date" "members: the English header"
run --db x.db export agreements
is "$(head -1 "$T/out")" "supporting_school_code,supported_school_code,start_date,end_date,goals" \
	"agreements: the English header"
run --db x.db export schools --headers en
expect_rc 0 "--headers en: exit 0"

"$BIN" --db x.db export schools >en.csv
run --db x.db export schools --headers zh
expect_rc 0 "--headers zh: exit 0"
cp "$T/out" zh.csv
head -1 zh.csv | grep -q '^学校代码,学校名称,' && ok "--headers zh: Chinese headers" ||
	notok "--headers zh: Chinese headers"
head -1 zh.csv | grep -q '[a-z]' && notok "--headers zh: no English left in the header" ||
	ok "--headers zh: no English left in the header"
awk 'NR > 1' en.csv >en.body
awk 'NR > 1' zh.csv >zh.body
is "$(wc -l <zh.body)" "$(wc -l <en.body)" "--headers zh: the same rows"
cut -d, -f1-3 zh.body >zh.keys
cut -d, -f1-3 en.body >en.keys
same en.keys zh.keys "--headers zh: codes and names as they are"
grep -q ',初中,' zh.body && ! grep -q ',junior,' zh.body && ok "--headers zh: levels in Chinese" ||
	notok "--headers zh: levels in Chinese"
run --db x.db export teachers --headers=zh
head -1 "$T/out" | grep -q '^工号,姓名,性别,' && ok "--headers=zh: teachers in Chinese" ||
	notok "--headers=zh: teachers in Chinese"

# a Chinese export imports back
"$BIN" --db y.db init >/dev/null
run --db y.db import schools zh.csv
expect_rc 0 "a --headers zh export imports: exit 0"
"$BIN" --db y.db export schools >y.csv
same y.csv en.csv "a --headers zh export imports: the same data"

# encodings
run --db x.db export schools --encoding gb18030
expect_rc 0 "--encoding gb18030: exit 0"
cp "$T/out" gb.csv
cmp -s gb.csv en.csv && notok "--encoding gb18030: not UTF-8" || ok "--encoding gb18030: not UTF-8"
iconv -f GB18030 -t UTF-8 gb.csv >gb-back.csv
same gb-back.csv en.csv "--encoding gb18030: converts back to the UTF-8 export"
"$BIN" --db x.db export teachers --encoding gb18030 --headers zh | iconv -f GB18030 -t UTF-8 >gbt.csv
"$BIN" --db x.db export teachers --headers zh >t-zh.csv
same gbt.csv t-zh.csv "--encoding gb18030 --headers zh: converts back"
"$BIN" --db g.db init >/dev/null
run --db g.db import schools gb.csv
expect_out '\(GB18030\)' "a GB18030 export imports as GB18030"
"$BIN" --db g.db export schools >g.csv
same g.csv en.csv "a GB18030 export imports: the same data"
run --db x.db export schools --encoding utf-8-bom
expect_rc 0 "--encoding utf-8-bom: exit 0"
is "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' \n')" "efbbbf" "--encoding utf-8-bom: starts with a BOM"
tail -c +4 "$T/out" >nobom.csv
same nobom.csv en.csv "--encoding utf-8-bom: the UTF-8 export after it"
run --db x.db export schools --encoding utf-8
expect_rc 0 "--encoding utf-8: exit 0"
cp "$T/out" u.csv
same u.csv en.csv "--encoding utf-8: the plain export"

# -o
run --db x.db export schools -o out.csv
expect_rc 0 "-o: exit 0"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "-o: nothing on stdout"
same out.csv en.csv "-o: the file holds the export"
sum=$(cksum <out.csv)
run --db x.db export teachers -o out.csv
expect_rc 1 "-o over an existing file: exit 1"
expect_err 'out.csv exists already.*--force' "-o over an existing file: says to use --force"
is "$(cksum <out.csv)" "$sum" "-o over an existing file: untouched"
run --db x.db export teachers -o out.csv --force
expect_rc 0 "-o --force: exit 0"
"$BIN" --db x.db export teachers >t.csv
same out.csv t.csv "-o --force: replaced"
run --db x.db export schools --output=out2.csv
expect_rc 0 "--output=FILE: exit 0"
same out2.csv en.csv "--output=FILE: the export"
ls out.csv.tmp-* out2.csv.tmp-* >/dev/null 2>&1 && notok "-o: no temporary file left" ||
	ok "-o: no temporary file left"
run --db x.db export schools -o missing-dir/out.csv
expect_rc 1 "-o into a missing directory: exit 1"
expect_err 'missing-dir/out.csv' "-o into a missing directory: names the file"
# a large export is written piece by piece (a few hundred KiB at a time): the byte order
# mark only at the start, every row once, in every encoding
"$BIN" --db city.db init --demo=city >/dev/null
"$BIN" --db city.db export teachers >big.csv
[ "$(wc -c <big.csv)" -gt 600000 ] && ok "teachers: more than two pieces" ||
	notok "teachers: more than two pieces ($(wc -c <big.csv) bytes)"
for enc in utf-16le utf-16be gb18030 utf-8-bom; do
	run --db city.db export teachers --encoding "$enc" -o "big.$enc" --force
	expect_rc 0 "--encoding $enc in pieces: exit 0"
	case $enc in
	utf-8-bom) from=UTF-8 ;;
	*) from=$(echo "$enc" | tr a-z A-Z) ;;
	esac
	iconv -f "$from" -t UTF-8 "big.$enc" | sed '1s/^\xEF\xBB\xBF//' >big.back
	same big.back big.csv "--encoding $enc in pieces: reads back as the plain export"
done
# a write that fails half-way leaves neither the file nor its temporary one
(trap '' XFSZ; ulimit -f 64; "$BIN" --db city.db export teachers -o cut.csv) >/dev/null 2>"$T/err"
rc=$?
expect_rc 1 "a write that fails half-way: exit 1"
expect_err "cut.csv: " "a write that fails half-way: names the file"
[ ! -e cut.csv ] && ! ls cut.csv.tmp-* >/dev/null 2>&1 && ok "a write that fails half-way: nothing left" ||
	notok "a write that fails half-way: nothing left"

# the same bytes every time
for e in schools districts members agreements activities teachers exemptions; do
	"$BIN" --db x.db export "$e" >a1.csv
	"$BIN" --db x.db export "$e" >a2.csv
	same a1.csv a2.csv "$e: identical across runs"
	[ "$(wc -l <a1.csv)" -gt 1 ] && ok "$e: the demo has rows" || notok "$e: the demo has rows"
done
# sorted by natural key
awk -F, 'NR > 1 { print $1 }' en.csv >codes
sort codes >codes.sorted
same codes codes.sorted "schools: sorted by code"
awk -F, 'NR > 1 { print $1 }' t.csv >staff
LC_ALL=C sort staff >staff.sorted
same staff staff.sorted "teachers: sorted by staff number"

# an empty database exports only the header
"$BIN" --db empty.db init >/dev/null
run --db empty.db export teachers
expect_rc 0 "an empty table: exit 0"
is "$(wc -l <"$T/out" | tr -d ' ')" 1 "an empty table: only the header"

# export does not change the database
dump_all x.db d1.txt
"$BIN" --db x.db export teachers --encoding gb18030 >/dev/null
dump_all x.db d2.txt
same d1.txt d2.txt "export changes nothing"
