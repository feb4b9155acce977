#!/bin/sh
# basics.sh: misuse and its exit status 2, help and version, init, and opening databases
# that are missing or are not databases.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

# misuse: exit 2, "xuequ: " on stderr, and a usage line
misuse() { # NAME ARGS...
	_name=$1; shift
	run "$@"
	expect_rc 2 "$_name: exit 2"
	expect_err '^xuequ: ' "$_name: says xuequ: on stderr"
	expect_err '^usage: xuequ' "$_name: shows a usage line"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_name: nothing on stdout"
}
misuse "unknown command" --db x.db frobnicate
misuse "unknown global option" --frob
misuse "unknown import option" --db x.db import schools a.csv --bogus
misuse "unknown export option" --db x.db export schools --bogus
misuse "unknown init option" --db x.db init --bogus
misuse "import without arguments" --db x.db import
misuse "import without a file" --db x.db import schools
misuse "export without an entity" --db x.db export
misuse "export with two entities" --db x.db export schools teachers
misuse "backup without a file" --db x.db backup
misuse "check with an argument" --db x.db check extra
misuse "init with an argument" --db x.db init extra
misuse "import of an unknown entity" --db x.db import widgets a.csv
expect_err 'unknown entity .widgets.' "unknown entity is named"
expect_err 'schools districts members agreements activities teachers exemptions' \
	"unknown entity: the known ones are listed"
misuse "export of an unknown entity" --db x.db export widgets
misuse "bad --headers" --db x.db export schools --headers fr
expect_err "'fr'" "bad --headers: the value is named"
misuse "--headers without a value" --db x.db export schools --headers
misuse "bad --encoding" --db x.db export schools --encoding latin1
expect_err "'latin1'" "bad --encoding: the value is named"
misuse "bad --demo" --db x.db init --demo=town
expect_err "'town'" "bad --demo: the value is named"
[ ! -e x.db ] && ok "misuse created no database" || notok "misuse created no database"

# the console needs a terminal
run --db x.db </dev/null
expect_rc 2 "no command without a terminal: exit 2"
expect_err 'xuequ help' "no command without a terminal: says how to get started"

# help and version
run help
expect_rc 0 "help: exit 0"
expect_out '^usage: xuequ' "help: usage line"
for c in init import export check backup config operator version help; do
	grep -qE "^  $c " "$T/out" && ok "help lists $c" || notok "help lists $c"
done
expect_out 'schools districts members agreements activities teachers exemptions' "help lists the entities"
run --help
expect_rc 0 "--help: exit 0"
expect_out '^usage: xuequ' "--help: usage line"
run help import
expect_rc 0 "help import: exit 0"
expect_out '^usage: xuequ import ENTITY FILE' "help import: the import usage"
run help nosuchcommand
expect_rc 2 "help of an unknown command: exit 2"
expect_err '^xuequ: ' "help of an unknown command: says why"
run version
expect_rc 0 "version: exit 0"
expect_out '^xuequ [0-9]' "version: prints the version"
run --version
expect_rc 0 "--version: exit 0"

# init
run --db new.db init
expect_rc 0 "init: exit 0"
expect_out 'created new.db' "init: says what it created"
[ -f new.db ] && ok "init: the file exists" || notok "init: the file exists"
is "$(rows new.db schools)" 0 "init: no schools"
run --db new.db check
expect_rc 0 "init: check is ok on a new database"
ls new.db.new-* >/dev/null 2>&1 && notok "init: no temporary file left" || ok "init: no temporary file left"

printf 'code,name,level,location\n2145000001,甲小学,primary,urban\n' >one.csv
run --db new.db import schools one.csv
expect_rc 0 "import into the new database"
sum1=$(cksum <new.db)
run --db new.db init
expect_rc 1 "init on an existing file: exit 1"
expect_err 'exists already.*--force' "init on an existing file: says to use --force"
is "$(cksum <new.db)" "$sum1" "init on an existing file: the file is untouched"
is "$(rows new.db schools)" 1 "init on an existing file: the data is still there"
run --db new.db init --demo
expect_rc 1 "init --demo on an existing file: exit 1"
is "$(cksum <new.db)" "$sum1" "init --demo on an existing file: the file is untouched"
run --db new.db init --force
expect_rc 0 "init --force: exit 0"
is "$(rows new.db schools)" 0 "init --force: replaces the database with an empty one"

run --db missing-dir/x.db init
expect_rc 1 "init in a missing directory: exit 1"
expect_err '^xuequ: ' "init in a missing directory: says why"

# the demo county
run --db demo.db init --demo
expect_rc 0 "init --demo: exit 0"
expect_out 'demo county' "init --demo: says it made a demo county"
between 35 45 "$(rows demo.db schools)" "demo: about 40 schools"
between 1300 1800 "$(rows demo.db teachers)" "demo: 1,300 to 1,800 teachers"
between 3 12 "$(rows demo.db districts)" "demo: several districts"
between 1 1000 "$(rows demo.db agreements)" "demo: agreements"
between 1 1000 "$(rows demo.db exemptions)" "demo: exemptions"
"$BIN" --db demo.db export districts >districts.csv
grep -q '拉堡小学教育集团' districts.csv && ok "demo: the 拉堡 education group" || notok "demo: the 拉堡 education group"
run --db demo2.db init --demo=county
expect_rc 0 "init --demo=county: exit 0"
dump_all demo.db d1.txt
dump_all demo2.db d2.txt
same d1.txt d2.txt "demo: the same data every time"

# missing databases and files that are not databases
for cmd in "export schools" "check" "import schools one.csv" "backup b.db" "operator list"; do
	run --db nope.db $cmd
	expect_rc 1 "$cmd on a missing database: exit 1"
	expect_err "nope.db.*init" "$cmd on a missing database: says how to create one"
	[ ! -e nope.db ] && ok "$cmd on a missing database: creates nothing" ||
		{ notok "$cmd on a missing database: creates nothing"; rm -f nope.db; }
done
printf 'hello, this is text\n' >text.db
sum2=$(cksum <text.db)
run --db text.db export schools
expect_rc 1 "a text file as database: exit 1"
expect_err 'text.db.*not a xuequ database' "a text file as database: refused"
run --db text.db import schools one.csv
expect_rc 1 "import into a text file: exit 1"
is "$(cksum <text.db)" "$sum2" "a text file as database: untouched"
head -c 4096 /dev/zero | tr '\0' 'x' >junk.db
run --db junk.db check
expect_rc 1 "a junk file as database: check exits 1"
mkdir dir.db
run --db dir.db check
expect_rc 1 "a directory as database: exit 1"
expect_err 'dir.db' "a directory as database: names it"
