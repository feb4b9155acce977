#!/bin/sh
# baddata.sh: bad data that must not pass. Control characters, bidirectional controls and
# line breaks are refused on import, naming line, field and code point; what the database
# holds anyway (written around the binary) is printed escaped by every table and message;
# files that are neither UTF-8 nor likely GB18030 are refused, --encoding forces one.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

ESC=$(printf '\033')

# no_raw_controls FILE NAME: FILE holds no ESC, BEL, CSI (C2 9B) or RLO (E2 80 AE) byte
no_raw_controls() {
	if LC_ALL=C grep -q "$ESC" "$1" || LC_ALL=C grep -q "$(printf '\007')" "$1" ||
		LC_ALL=C grep -q "$(printf '\302\233')" "$1" ||
		LC_ALL=C grep -q "$(printf '\342\200\256')" "$1"; then
		notok "$2 (raw control bytes)"; od -c "$1" | head -5 | sed 's/^/#   /'
	else ok "$2"; fi
}
# has_fixed FILE TEXT NAME: FILE contains TEXT literally
has_fixed() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else
		notok "$3 (lacks '$2')"; head -5 "$1" | sed 's/^/#   /'; fi
}

# A small county: two schools in one district, one teacher.
"$BIN" --db c.db init >/dev/null || notok "init"
printf 'code,name,level,location\n2145991001,甲小学,primary,urban\n2145991002,乙小学,primary,rural\n' >s.csv
printf 'name,form,note\n城关学区,group,"第一行\r\n第二行"\n' >d.csv
printf 'district_name,school_code,role,from_date\n城关学区,2145991001,lead,2020-01-01\n城关学区,2145991002,member,2020-01-01\n' >m.csv
printf 'staff_no,name,gender,school_code,education,joined_school_on\nZ1,王芳,F,2145991001,bachelor,2010-09-01\n' >t.csv
for e in s:schools d:districts m:members t:teachers; do
	run --db c.db import "${e#*:}" "${e%%:*}.csv"
	expect_rc 0 "base: import ${e#*:}"
done

# A multi-line field keeps its line break; CRLF inside it is stored as LF.
"$BIN" --db c.db export districts >d.out
if grep -q "$(printf '\r')" d.out; then notok "a note's CRLF is stored as LF"; else
	ok "a note's CRLF is stored as LF"; fi
has_fixed d.out "$(printf '"第一行\n第二行"')" "a note keeps its line break"

dump_all c.db before.txt

# refused NAME ENTITY FILE LINE PATTERN: the import is refused naming LINE and PATTERN, and
# the database is unchanged.
refused() {
	run --db c.db import "$2" "$3"
	expect_rc 1 "$1: exit 1"
	expect_err "^xuequ: $3:$4: $5" "$1: names line $4 and the character"
	no_raw_controls "$T/err" "$1: the message shows the character escaped"
	dump_all c.db after.txt
	same before.txt after.txt "$1: the database is unchanged"
}

SH='code,name,level,location'
printf '%s\n2145991003,丙\033[2J小学,primary,urban\n' "$SH" >esc.csv
refused "ESC in a name" schools esc.csv 2 'name holds U\+001B, a control character, at character 2'
printf '%s\n2145991003,丙小学,primary,urban\n2145991004,丁\033]52;c;aGk=\007小学,primary,urban\n' "$SH" >osc.csv
refused "OSC 52 in a name" schools osc.csv 3 'name holds U\+001B, a control character, at character 2'
printf '%s\n2145991003,丙\302\233小学,primary,urban\n' "$SH" >c1.csv
refused "C1 CSI in a name" schools c1.csv 2 'name holds U\+009B, a control character'
printf '%s\n2145991003,丙\342\200\256学小,primary,urban\n' "$SH" >rlo.csv
refused "RLO in a name" schools rlo.csv 2 'name holds U\+202E, a bidirectional control, at character 2'
printf '%s\n2145991003,丙\342\201\246小学,primary,urban\n' "$SH" >lri.csv
refused "LRI in a name" schools lri.csv 2 'name holds U\+2066, a bidirectional control'
printf '%s\n2145991003,"丙\n小学",primary,urban\n' "$SH" >lf.csv
refused "LF in a name" schools lf.csv 2 'name holds U\+000A, a line break, at character 2; the field is one line'
printf '%s\n2145991003,"丙\r小学",primary,urban\n' "$SH" >cr.csv
# (the CSV reader turns a line end inside quotes, CR included, into LF)
refused "CR in a name" schools cr.csv 2 'name holds U\+000A, a line break'
printf '%s\n2145991003,丙\342\200\250小学,primary,urban\n' "$SH" >ls.csv
refused "U+2028 in a name" schools ls.csv 2 'name holds U\+2028, a line break'
printf '%s\n2145991003,丙\302\205小学,primary,urban\n' "$SH" >nel.csv
refused "U+0085 in a name" schools nel.csv 2 'name holds U\+0085, a line break'
printf '%s\n2145991003,丙\t小学,primary,urban\n' "$SH" >tab.csv
refused "TAB in a name" schools tab.csv 2 'name holds U\+0009, a tab, at character 2; the field is one line'
printf 'staff_no,name,gender,school_code,education,title\nZ2,李四,M,2145991001,bachelor,一级\033[31m教师\n' >title.csv
refused "ESC in a teacher's title" teachers title.csv 2 'title holds U\+001B'
printf 'name,form,note\n西山学区,group,"备注\033[2J"\n' >note.csv
refused "ESC in a note" districts note.csv 2 'note holds U\+001B, a control character'
printf 'name,form,note\n西山学区,group,"备注\342\200\250第二行"\n' >note2.csv
refused "U+2028 in a note" districts note2.csv 2 'note holds U\+2028, a line break other than LF'
printf 'name,form,note\n西山学区,group,"一\t二\n三"\n' >note3.csv
run --db c.db import districts note3.csv
expect_rc 0 "a note takes TAB and LF"
# a message quoting a cell of the file shows it escaped
printf 'staff_no,name,gender,school_code,education\nZ2,李四,M,21459\033[2J,bachelor\n' >ref.csv
run --db c.db import teachers ref.csv
expect_rc 1 "an unknown school code holding ESC: exit 1"
has_fixed "$T/err" 'unknown school code 21459\x1b[2J' "an unknown school code is quoted escaped"
no_raw_controls "$T/err" "an unknown school code: no raw ESC on stderr"

# An exchange, through the binary.
run --db c.db exchange add Z1 2145991002 --start 2026-09-01
expect_rc 0 "exchange add"
run --db c.db operator add bob viewer --district 城关学区
expect_rc 0 "operator add"
run --db c.db operator add "eve$ESC[2J" viewer
expect_rc 1 "operator add of a login holding ESC: exit 1"
has_fixed "$T/err" "'eve\x1b[2J' is not a login name" "operator add: the login is refused, shown escaped"
run --db c.db check
expect_rc 0 "check: no findings before anything is planted"

# Names with ESC [2J, OSC 52 and RLO planted around the binary: the audit triggers, which
# need the binary's functions, are dropped first.
EVIL="'王' || char(27) || '[2J' || char(27) || ']52;c;aGk=' || char(7) || '芳' || char(8238)"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "ok - # SKIP sqlite3 is needed to plant bad rows"
else
	sqlite3 c.db "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%xq%'" >drop.sql
	sqlite3 c.db <drop.sql
	sqlite3 c.db "UPDATE teacher SET name = $EVIL WHERE staff_no = 'Z1';
		UPDATE school SET name = $EVIL || char(155) || '2J', lat = 24.0 WHERE code = '2145991002';
		UPDATE operator SET login = 'bob' || char(27) || '[2J' WHERE login = 'bob';
		UPDATE district SET name = '城关' || char(27) || '[2J' WHERE name = '城关学区';" ||
		notok "planting bad names"
	is "$(sqlite3 c.db "SELECT instr(name, char(27)) > 0 FROM teacher WHERE staff_no = 'Z1'")" 1 \
		"the bad name is stored"

	run --db c.db exchange list --wide
	expect_rc 0 "exchange list with bad names: exit 0"
	no_raw_controls "$T/out" "exchange list: no raw control bytes"
	has_fixed "$T/out" '王\x1b[2J\x1b]52;c;aGk=\x07芳<U+202E>' "exchange list: the teacher's name escaped"
	has_fixed "$T/out" '<U+009B>2J' "exchange list: a C1 control escaped"
	run --db c.db exchange list
	no_raw_controls "$T/out" "exchange list at 80 columns: no raw control bytes"

	run --db c.db exchange list --format csv
	expect_rc 0 "exchange list --format csv to a file: exit 0"
	if LC_ALL=C grep -q "王${ESC}\[2J" "$T/out"; then ok "--format csv to a file keeps the bytes as stored"; else
		notok "--format csv to a file keeps the bytes as stored"; fi
	if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
		script -qec "'$BIN' --db c.db exchange list --format csv" /dev/null >tty.out 2>&1
		no_raw_controls tty.out "--format csv to a terminal: no raw control bytes"
		has_fixed tty.out '王\x1b[2J' "--format csv to a terminal: escaped"
		script -qec "'$BIN' --db c.db exchange list" /dev/null >tty2.out 2>&1
		no_raw_controls tty2.out "exchange list to a terminal: no raw control bytes"
	else
		echo "ok - # SKIP script(1) cannot give the command a terminal"
	fi
	"$BIN" --db c.db export teachers >t.out
	if LC_ALL=C grep -q "$ESC" t.out; then ok "export keeps the bytes as stored"; else
		notok "export keeps the bytes as stored"; fi

	run --db c.db operator list
	expect_rc 0 "operator list: exit 0"
	no_raw_controls "$T/out" "operator list: no raw control bytes"
	has_fixed "$T/out" 'bob\x1b[2J' "operator list: the login escaped"
	has_fixed "$T/out" 'district 城关\x1b[2J' "operator list: no scope of a raw district name"

	run --db c.db check
	expect_rc 1 "check finds the planted names: exit 1"
	no_raw_controls "$T/out" "check: findings without raw control bytes"
	has_fixed "$T/out" '王\x1b[2J' "check: a finding names the school escaped"
	has_fixed "$T/out" 'teacher Z1: name holds U+001B, a control character, at character 2' \
		"check: reports a stored name holding ESC"
	has_fixed "$T/out" 'school 2145991002: name holds U+001B' "check: reports a school's name"
	has_fixed "$T/out" 'operator bob\x1b[2J: login holds U+001B' "check: reports an operator's login"
	no_raw_controls "$T/err" "check: messages without raw control bytes"

	run --db c.db exchange approve 1
	no_raw_controls "$T/out" "exchange approve: no raw control bytes"
	no_raw_controls "$T/err" "exchange approve: messages without raw control bytes"

	run --db c.db exchange add "Z9$ESC[2J" 2145991002 --start 2027-09-01
	expect_rc 1 "exchange add of an unknown staff number: exit 1"
	has_fixed "$T/err" 'Z9\x1b[2J' "an error quoting an argument shows it escaped"
	no_raw_controls "$T/err" "an error quoting an argument: no raw ESC"
fi

# Encodings
"$BIN" --db enc.db init >/dev/null
dump_all enc.db enc-before.txt
printf 'code,name,level,location\n2145991011,M\374ller Schule,primary,urban\n' >latin1.csv
run --db enc.db import schools latin1.csv
expect_rc 1 "a Latin-1 file: exit 1"
expect_err '^xuequ: latin1.csv:2: neither UTF-8 nor likely GB18030: found bytes FC 6C' \
	"a Latin-1 file: names the line and the bytes"
expect_err 'encodings tried: UTF-8, GB18030' "a Latin-1 file: lists the encodings tried"
dump_all enc.db enc-after.txt
same enc-before.txt enc-after.txt "a Latin-1 file: the database is unchanged"

run --db enc.db import --encoding latin1 schools latin1.csv
expect_rc 0 "--encoding latin1: exit 0"
expect_out '\(latin1\)' "--encoding latin1: the summary names it"
"$BIN" --db enc.db export schools >enc.out
has_fixed enc.out '2145991011,Müller Schule,' "--encoding latin1 reads Müller"

run --db enc.db import --encoding no-such-thing schools latin1.csv
expect_rc 2 "an unknown --encoding: exit 2"
expect_err "unknown encoding 'no-such-thing'" "an unknown --encoding: says so"
run --db enc.db import schools latin1.csv --encoding
expect_rc 2 "--encoding without a name: exit 2"

dump_all enc.db enc-before.txt
TH='staff_no,name,gender,school_code,education,subjects'
{
	printf '%s\nZ1,张三丰,M,2145991011,bachelor,语文\nZ2,李四光,F,2145991011,bachelor,数学\nZ3,' "$TH"
	printf '王芳' | iconv -f UTF-8 -t GBK
	printf ',F,2145991011,bachelor,英语\nZ4,赵六,M,2145991011,master,物理\n'
} >mixed.csv
run --db enc.db import teachers mixed.csv
expect_rc 1 "UTF-8 with one GBK name: exit 1"
expect_err '^xuequ: mixed.csv:4: not UTF-8: found bytes CD F5 B7 BC \("王芳" in GB18030\); the rest of the file is UTF-8' \
	"UTF-8 with one GBK name: refused at that line, naming what was found"
dump_all enc.db enc-after.txt
same enc-before.txt enc-after.txt "UTF-8 with one GBK name: the database is unchanged"

grep -v '^Z3,' mixed.csv | iconv -f UTF-8 -t GBK >gbk.csv
run --db enc.db import teachers gbk.csv
expect_rc 0 "a GBK file: exit 0"
expect_out '\(GB18030\)' "a GBK file: read as GB18030"
"$BIN" --db enc.db export teachers >enc.out
has_fixed enc.out 'Z2,李四光,F,' "a GBK file: names read right"
