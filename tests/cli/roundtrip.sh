#!/bin/sh
# roundtrip.sh: on the demo county, every entity exported, imported into a fresh empty
# database in dependency order and exported again gives byte-identical files.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

ENTITIES="schools districts members agreements activities teachers exemptions"

run --db src.db init --demo
expect_rc 0 "init --demo"
run --db dst.db init
expect_rc 0 "init an empty database"
run --db src.db check
expect_rc 0 "check is ok on the demo county"
expect_out 'src.db: ok' "check says ok on the demo county"

for e in $ENTITIES; do
	"$BIN" --db src.db export "$e" >"a-$e.csv"
	n=$(awk 'NR > 1' "a-$e.csv" | wc -l)
	[ "$n" -gt 0 ] && ok "$e: the demo has rows" || notok "$e: the demo has rows"
	run --db dst.db import "$e" "a-$e.csv"
	expect_rc 0 "$e: imported into the empty database"
	expect_out '0 updated, 0 unchanged' "$e: every row added"
	"$BIN" --db dst.db export "$e" >"b-$e.csv"
	same "a-$e.csv" "b-$e.csv" "$e: export, import, export gives identical files"
done

run --db dst.db check
expect_rc 0 "check is ok on the copy"
expect_out 'dst.db: ok' "check says ok on the copy"

# importing the same files again changes nothing
dump_all dst.db before.txt
for e in $ENTITIES; do
	run --db dst.db import "$e" "a-$e.csv"
	expect_rc 0 "$e: imported a second time"
	expect_out ' 0 added, 0 updated, [0-9]+ unchanged' "$e: the second time all unchanged"
done
dump_all dst.db after.txt
same before.txt after.txt "a second import leaves the data as it was"

# Chinese headers and GB18030 go round as well
run --db zh.db init
for e in $ENTITIES; do
	"$BIN" --db src.db export "$e" --headers zh --encoding gb18030 >"z-$e.csv"
	run --db zh.db import "$e" "z-$e.csv"
	expect_rc 0 "$e: a GB18030 export with Chinese headers imports"
	"$BIN" --db zh.db export "$e" >"c-$e.csv"
	same "a-$e.csv" "c-$e.csv" "$e: the same data through Chinese headers and GB18030"
done
