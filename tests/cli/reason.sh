#!/bin/sh
# reason.sh: an exchange's note. `exchange reject|cancel --reason TEXT` adds the reason to the
# note on a line of its own, in the same write as the status; a reason with a control
# character is refused and nothing is written; other actions take no reason. The note shows
# in `exchange list --wide` and its CSV, and the exchanges CSV exports and imports it,
# multi-line, identically. The audit log records the change of the note. A version-4
# database gains the column, empty.
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

county() {
	"$BIN" --db "$1" init >/dev/null 2>&1 || notok "init $1"
	for _e in schools districts members teachers; do
		"$BIN" --db "$1" import $_e $_e.csv >/dev/null 2>&1 || notok "import $_e into $1"
	done
}
added() { sed -n 's/^exchange \([0-9]*\):.*/\1/p' "$T/out"; }
# status DB ID: the exchange's status, from the CSV list (its 14th column)
status() {
	"$BIN" --db "$1" exchange list --format csv 2>/dev/null | awk -F, -v id="$2" '$1 == id { print $14 }'
}
# note_of DB ID: the exchange's note as the aligned wide list shows it (line breaks as \n),
# from its last column
note_of() {
	"$BIN" --db "$1" exchange list --wide 2>/dev/null |
		awk -v id="$2" '$1 == id && $2 ~ /^T[0-9]/ { sub(/^.*[0-9]  +/, ""); print }'
}

county x.db

# reject with a reason
run --db x.db exchange add T01 4500000002 --start 2026-09-01
a=$(added)
run --db x.db exchange reject "$a" --reason "  接收学校名额已满  "
expect_rc 0 "reject with a reason"
expect_out "^exchange $a: rejected$" "the exchange is rejected"
is "$(status x.db "$a")" rejected "the status is rejected"
is "$(note_of x.db "$a")" "接收学校名额已满" "the reason, trimmed, is the note (list --wide)"
run --db x.db exchange list --wide
expect_out '^id +staff_no .* subsidy_year +note$' "--wide has the note column last"
LANGUAGE=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 XUEQU_LANG=zh \
	"$BIN" --db x.db exchange list --wide >zh.out 2>&1
grep -qE '备注 *$' zh.out && grep -q '接收学校名额已满' zh.out &&
	ok "in Chinese the column is 备注" || notok "in Chinese the column is 备注"
run --db x.db exchange list
if grep -q '接收学校名额已满' "$T/out"; then notok "the narrow list leaves the note out"; else
	ok "the narrow list leaves the note out"; fi

# a reason is added on a line of its own after an existing note; cancel takes one too
cat >ex.csv <<'CSV'
staff_no,from_school_code,to_school_code,kind,reason,start_date,status,note
T02,4500000001,4500000003,rotation,adjustment,2026-09-01,approved,"第一行
第二行"
CSV
run --db x.db import exchanges ex.csv
expect_rc 0 "an exchange with a multi-line note imports"
b=$("$BIN" --db x.db exchange list --format csv | awk -F, '$2 == "T02" { print $1 }')
is "$(note_of x.db "$b")" '第一行\n第二行' "the imported note keeps its line break"
run --db x.db exchange cancel "$b" --reason "本人身体原因"
expect_rc 0 "cancel with a reason"
is "$(status x.db "$b")" cancelled "the exchange is cancelled"
is "$(note_of x.db "$b")" '第一行\n第二行\n本人身体原因' "the reason is a new line after the note"

# a reason with a control character is refused, and nothing is written
run --db x.db exchange add T03 4500000001 --start 2026-09-01
c=$(added)
run --db x.db exchange reject "$c" --reason "$(printf 'bad\033[31mred')"
expect_rc 1 "a reason with a control character is refused"
expect_err "U\+001B" "the refusal names the character"
is "$(status x.db "$c")" proposed "the refused rejection left the exchange proposed"
is "$(note_of x.db "$c")" "" "and its note empty"
run --db x.db exchange reject "$c" --reason "$(printf 'two\nlines')"
expect_rc 1 "a reason holding a line break is refused (it takes one line)"
is "$(status x.db "$c")" proposed "still proposed"
# only reject and cancel take a reason
run --db x.db exchange approve "$c" --reason "x"
expect_rc 2 "approve --reason is a misuse"
expect_err "does not go with exchange approve" "the misuse is said"
# an empty reason adds nothing
run --db x.db exchange reject "$c" --reason "   "
expect_rc 0 "reject with a blank reason"
is "$(note_of x.db "$c")" "" "a blank reason adds nothing to the note"

# a note that would grow past 1023 bytes with the reason is refused
long=$(awk 'BEGIN { for (i = 0; i < 1020; i++) printf "a" }')
printf 'staff_no,from_school_code,to_school_code,kind,reason,start_date,status,note\nT01,4500000001,4500000003,rotation,adjustment,2027-09-01,proposed,%s\n' "$long" >long.csv
run --db x.db import exchanges long.csv
expect_rc 0 "an exchange with a 1020-byte note imports"
d=$("$BIN" --db x.db exchange list --format csv | awk -F, '$2 == "T01" && $11 == "2027-09-01" { print $1 }')
run --db x.db exchange reject "$d" --reason "太长了"
expect_rc 1 "a reason that makes the note too long is refused"
expect_err "longer than 1023 bytes" "the refusal says how long a note may be"
is "$(status x.db "$d")" proposed "the exchange stays proposed"

# the CSV list and the export carry the note as stored, multi-line
"$BIN" --db x.db exchange list --format csv >list.csv
head -1 list.csv | grep -q ',subsidy_year,note$' && ok "the CSV list's header ends with note" ||
	notok "the CSV list's header ends with note"
grep -q '^第二行$' list.csv && grep -q '^本人身体原因"$' list.csv &&
	ok "the CSV list keeps the note's line breaks" || notok "the CSV list keeps the note's line breaks"
run --db x.db export exchanges -o out.csv
expect_rc 0 "export exchanges"
head -1 out.csv | grep -q ',subsidy_month,note$' && ok "the export's header ends with note" ||
	notok "the export's header ends with note"
grep -q ',"第一行$' out.csv && grep -q '^第二行$' out.csv && grep -q '^本人身体原因"$' out.csv &&
	ok "the export holds the multi-line note" || notok "the export holds the multi-line note"
grep -q ',接收学校名额已满$' out.csv && ok "the export holds the rejection's reason" ||
	notok "the export holds the rejection's reason"
run --db x.db export exchanges --headers zh -o zh.csv
expect_rc 0 "export exchanges with Chinese headers"
head -1 zh.csv | grep -q ',备注$' && ok "the Chinese header is 备注" || notok "the Chinese header is 备注"

# round trip: imported into another county, exported again, byte for byte
county y.db
run --db y.db import exchanges out.csv
expect_rc 0 "the export imports into another database"
"$BIN" --db y.db export exchanges -o back.csv
same out.csv back.csv "exported again it is the same file"
run --db y.db import exchanges zh.csv
expect_rc 0 "the Chinese export imports back"
expect_out '0 added, 0 updated, [0-9]+ unchanged' "and changes nothing"
# a changed note is an update
sed 's/接收学校名额已满/名额已满，明年再议/' out.csv >changed.csv
run --db y.db import exchanges changed.csv
expect_rc 0 "a changed note imports"
expect_out '1 updated' "it updates the one exchange"
run --db y.db exchange list --wide
expect_out '名额已满，明年再议$' "the list shows the new note"
# a note with a control character does not import
printf 'staff_no,from_school_code,to_school_code,kind,reason,start_date,status,note\nT02,4500000001,4500000002,rotation,adjustment,2028-09-01,proposed,a\033b\n' >bad.csv
run --db y.db import exchanges bad.csv
expect_rc 1 "a note holding ESC is refused on import"
expect_err "U\+001B" "the refusal names the character"

# the audit log records the note's change with the status
run --db x.db history --table exchange --id "$a" --format csv
expect_rc 0 "the history of the rejected exchange"
grep -q '^[0-9]*,[^,]*,[^,]*,changed,exchange,'"$a"',.*,"status, note",$' "$T/out" &&
	ok "the audit log records the change of status and note" ||
	notok "the audit log records the change of status and note"
if [ -n "$have_sqlite" ]; then
	is "$(sqlite3 x.db "SELECT json_extract(before, '\$.note') IS NULL AND json_extract(after, '\$.note') = '接收学校名额已满' FROM audit WHERE tbl = 'exchange' AND row_id = $a AND op = 'update'")" 1 \
		"the audit record holds the note before (none) and after"
	# the database's own check refuses a note too long, whatever the program did
	sqlite3 x.db "UPDATE exchange SET note = '$long$long' WHERE id = $a" 2>/dev/null &&
		notok "the schema refuses a note of 2040 bytes" || ok "the schema refuses a note of 2040 bytes"

	# a version-4 database gains the column, empty, and reject --reason works on it
	me=$(id -un)
	sed "s/'root'/'$me'/g" "$TOP/tests/cli/data/exchanges_v4.sql" | sqlite3 old.db
	chmod 600 old.db
	run --db old.db check
	expect_rc 0 "the version-4 database is upgraded"
	is "$(sqlite3 old.db "SELECT count(*) FROM exchange WHERE note IS NULL")" \
		"$(sqlite3 old.db "SELECT count(*) FROM exchange")" "its exchanges have no note"
	run --db old.db exchange reject 3 --reason "升级后驳回"
	expect_rc 1 "an approved exchange is not rejected (the rules still apply)"
	run --db old.db exchange cancel 3 --reason "升级后取消"
	expect_rc 0 "an upgraded exchange is cancelled with a reason"
	is "$(sqlite3 old.db "SELECT note FROM exchange WHERE id = 3")" "升级后取消" "the reason is stored"
fi
