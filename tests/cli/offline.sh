#!/bin/sh
# offline.sh: offline packs — take (by inspection and by school; what a pack holds and
# leaves on the server; the server marks the inspections taken), work on the pack with the
# same commands (scores, school figures, county-wide actions refused), and merge back in
# every combination: laptop only, server only, the same change on both sides, both on one
# field, both on different fields of one row, a row deleted on one side and changed on the
# other, rows made on both sides; without --prefer nothing is written; --prefer server keeps
# the pack's values in the audit log, --prefer pack the server's; a second merge changes
# nothing; two packs merge in either order with the same result; and the refusals (another
# database, older and newer schemas, a truncated or altered file, a schema with a trigger).
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
D="$TOP/tests/cli/data"
me=$(id -un)
S1=2145990001
S2=2145990002
have_sqlite=$(command -v sqlite3)

sql() { sqlite3 -batch "$1" "$2"; }
# value DB INSPECTION ITEM: the stored value of a result ("" when none)
value() { sql "$1" "SELECT printf('%g', r.value) FROM result r JOIN template_item i ON i.id = r.item_id WHERE r.inspection_id = $2 AND i.position = $3"; }

"$BIN" --db c.db init >/dev/null 2>&1
for e in schools districts members teachers; do "$BIN" --db c.db import $e "$D/$e.csv" >/dev/null 2>&1; done
cat >own.csv <<'CSV'
template,target,pass_rule,pass_total,section,item,kind,max,comparator,threshold,unit,indicator,weight,veto
安全自查,school,total,3,安全,消防通道畅通,yesno,,,,,,1,0
安全自查,school,total,3,安全,灭火器数,measured,,>=,4,个,,1,0
安全自查,school,total,3,管理,制度落实,score,5,,,,,1,0
安全自查,school,total,3,管理,安全演练,yesno,,,,,,1,0
安全自查,school,total,3,管理,台账,score,5,,,,,1,0
CSV
"$BIN" --db c.db template import own.csv >/dev/null 2>&1
"$BIN" --db c.db inspection add --template 安全自查 --school $S1 --date 2026-09-10 --team "$me" >/dev/null 2>&1
"$BIN" --db c.db inspection add --template 安全自查 --school $S2 --date 2026-09-11 --team "$me" >/dev/null 2>&1
# scored on the server before the take: items 1, 2 and 4
"$BIN" --db c.db inspection score 1 1 是 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 2 2 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 4 是 >/dev/null 2>&1
is "$(value c.db 1 2)" 2 "setup: item 2 scored on the server"

# ---- take ----
run --db c.db take --inspection 1 -o a.xqp
expect_rc 0 "take --inspection: exit 0"
expect_out '^took pack 1 \(inspections 1\) to a.xqp: rows made there take ids from 1099511627776$' \
	"take: names the pack, what it holds and its range of ids"
[ -f a.xqp ] && ok "take: the pack is written" || notok "take: the pack is written"
ls a.xqp.tmp-* >/dev/null 2>&1 && notok "take: no temporary file left" || ok "take: no temporary file left"
run --db c.db inspection show 1
expect_out "^taken offline: $me [0-9-]+ \(pack 1\)$" "the server shows the inspection taken, by whom and when"
run --db c.db inspection show 2
if grep -q 'taken offline' "$T/out"; then notok "an inspection not taken is not marked"; else ok "an inspection not taken is not marked"; fi
run --db c.db take --inspection 1 -o a.xqp
expect_rc 1 "take onto an existing file: exit 1"
expect_err 'exists already' "take onto an existing file: says so"
run --db c.db take --inspection 99 -o x.xqp
expect_rc 1 "take of an unknown inspection: exit 1"
expect_err 'no inspection 99' "take of an unknown inspection: names it"
[ -f x.xqp ] && notok "a refused take writes no file" || ok "a refused take writes no file"
run --db c.db take --inspection 1
expect_rc 2 "take without -o: exit 2"
run --db c.db take --inspection 1 --school $S1 -o y.xqp
expect_rc 2 "take of inspections and schools at once: exit 2"
run --db c.db take --inspection 1,x -o y.xqp
expect_rc 2 "take of a bad id list: exit 2"
run --db c.db take --school 2145999999 -o y.xqp
expect_rc 1 "take of an unknown school: exit 1"
expect_err 'no school with code 2145999999' "take of an unknown school: names it"

# what the pack holds
run pack info a.xqp
expect_rc 0 "pack info: exit 0"
expect_out '^for: +inspections 1$' "pack info: what it was taken for"
expect_out '^sealed: +yes' "pack info: sealed"
expect_out '^changes: none$' "pack info: no changes yet"
if [ -n "$have_sqlite" ]; then
	is "$(sql a.xqp 'SELECT count(*) FROM school')" 1 "the pack holds the inspected school only"
	is "$(sql a.xqp "SELECT count(*) FROM teacher WHERE birth_date IS NOT NULL")" 0 "birth dates stay on the server"
	is "$(sql a.xqp 'SELECT count(*) FROM inspection')" 1 "the pack holds the inspection taken"
	is "$(sql a.xqp 'SELECT count(*) FROM result')" 3 "the pack holds its results"
	is "$(sql a.xqp 'SELECT count(*) FROM audit')" 0 "the pack's audit log starts empty"
	is "$(sql a.xqp 'PRAGMA journal_mode')" delete "a pack is one file (no write-ahead log)"
fi

# ---- on the laptop ----
run --db a.xqp inspection show 1
expect_rc 0 "the pack opens as a database"
expect_err 'working on offline pack 1 \(inspections 1\)' "commands say they work on a pack, and of what"
run --db a.xqp exchange plan --year 2026-2027
expect_rc 1 "the exchange plan on a pack: exit 1"
expect_err 'needs the whole county.*offline pack' "the exchange plan on a pack: says why"
run --db a.xqp report --county -o county.txt
expect_rc 1 "the county report on a pack: exit 1"
expect_err 'needs the whole county' "the county report on a pack: says why"
run --db a.xqp take --inspection 1 -o b.xqp
expect_rc 1 "a pack is not taken from a pack"
# before any work, the take itself is not a change
run --db c.db merge a.xqp --dry-run
expect_out 'dry run: 0 changes would be applied' "an untouched pack has nothing to merge"

cp a.xqp untouched.xqp
"$BIN" --db a.xqp inspection score 1 1 否 >/dev/null 2>&1      # the same change as the server's
"$BIN" --db a.xqp inspection score 1 2 5 >/dev/null 2>&1       # both on one field
"$BIN" --db a.xqp inspection score 1 3 4 >/dev/null 2>&1       # laptop only, a new row
"$BIN" --db a.xqp inspection score 1 4 否 --note 改了 >/dev/null 2>&1 # deleted on the server
"$BIN" --db a.xqp inspection score 1 5 4 >/dev/null 2>&1       # made on both sides
printf 'code,name,level,location,classes\n%s,柳江区测试第一小学,primary,urban,30\n' $S1 >laptop.csv
run --db a.xqp import schools laptop.csv
expect_rc 0 "a school's figures imported on the pack"
is "$(value a.xqp 1 3)" 4 "the pack keeps a score"
if [ -n "$have_sqlite" ]; then
	is "$(sql a.xqp "SELECT min(id) >= 1099511627776 FROM result WHERE id > 100")" 1 \
		"rows made on the pack take ids from its range"
fi
run pack info a.xqp
expect_out '^changes: [0-9]+$' "pack info: lists the changes"
expect_out 'update school [0-9]+ 2145990001 .*: classes' "pack info: a school's changed field"
expect_out '^  insert inspection 1 item 3$' "pack info: a new row"

# meanwhile, on the server
"$BIN" --db c.db inspection score 1 1 否 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 2 3 >/dev/null 2>&1
"$BIN" --db c.db inspection score 1 5 2 >/dev/null 2>&1
printf 'code,name,level,location,students\n%s,柳江区测试第一小学,primary,urban,1300\n' $S1 >server.csv
"$BIN" --db c.db import schools server.csv >/dev/null 2>&1
printf 'code,name,level,location,students\n%s,柳江区测试镇中心小学,primary,town,640\n' $S2 >server2.csv
"$BIN" --db c.db import schools server2.csv >/dev/null 2>&1
item4=$(sql c.db "SELECT a.id FROM audit a WHERE a.tbl = 'result' AND a.op = 'insert' AND json_extract(a.after, '\$.item_id') = (SELECT id FROM template_item WHERE position = 4 AND template_id = (SELECT max(id) FROM template))")
"$BIN" --db c.db undo "$item4" >/dev/null 2>&1
is "$(value c.db 1 4)" "" "setup: item 4's result deleted on the server"
"$BIN" --db c.db backup c2.db >/dev/null 2>&1
"$BIN" --db c.db backup c3.db >/dev/null 2>&1
"$BIN" --db c.db export schools >schools.before
audits=$(sql c.db 'SELECT count(*) FROM audit')

# ---- merge without a decision: nothing written ----
run --db c.db merge a.xqp
expect_rc 1 "merge with conflicts and no --prefer: exit 1"
expect_out 'nothing was written: 3 conflicts are undecided' "merge: counts the undecided conflicts"
expect_out '\-\-prefer server or \-\-prefer pack' "merge: says how to decide"
expect_out '^conflict: inspection 1 item 2 · value \(changed on both sides\): undecided$' "conflict: both on one field, named"
expect_out '^  when taken: 2$' "conflict: the value when taken"
expect_out "^  server: 3  \\($me 20" "conflict: the server's value, who and when"
expect_out "^  pack: +5  \\($me 20.* on the laptop\\)$" "conflict: the pack's value, who and when on the laptop"
expect_out '^conflict: inspection 1 item 4 \(changed in the pack, deleted on the server\)' "conflict: a row deleted on the server"
expect_out '^conflict: inspection 1 item 5 · value \(made on both sides\)' "conflict: a row made on both sides"
if grep -q 'item 1 · value' "$T/out"; then notok "the same change on both sides is no conflict"; else ok "the same change on both sides is no conflict"; fi
if grep -q 'classes\|students' "$T/out" | grep -q conflict; then notok "different fields of one row are no conflict"; else ok "different fields of one row are no conflict"; fi
is "$(sql c.db 'SELECT count(*) FROM audit')" "$audits" "an undecided merge writes nothing"
is "$(value c.db 1 3)" "" "an undecided merge applies nothing"
run --db c.db merge a.xqp --dry-run --prefer pack
expect_rc 0 "merge --dry-run: exit 0"
expect_out '^dry run: ' "merge --dry-run: says it is one"
is "$(sql c.db 'SELECT count(*) FROM audit')" "$audits" "a dry run writes nothing"

# ---- --prefer server ----
run --db c.db merge a.xqp --prefer server
expect_rc 0 "merge --prefer server: exit 0"
expect_out '^merged: [0-9]+ changes applied' "merge: says what it applied"
is "$(value c.db 1 3)" 4 "laptop only: applied"
is "$(value c.db 1 1)" 0 "the same change on both sides: as both made it"
is "$(value c.db 1 2)" 3 "--prefer server: the server's value stays"
is "$(value c.db 1 4)" "" "--prefer server: the row deleted on the server stays deleted"
is "$(value c.db 1 5)" 2 "--prefer server: the server's row made on both sides stays"
is "$(sql c.db "SELECT students || ' ' || classes FROM school WHERE code = '$S1'")" "1300 30" \
	"both on different fields of one row: both kept"
is "$(sql c.db "SELECT students FROM school WHERE code = '$S2'")" 640 "server only: untouched"
is "$(sql c.db "SELECT count(*) FROM audit WHERE tbl = 'result' AND op = 'update' AND origin LIKE 'pack 1 %not kept%' AND json_extract(before, '\$.value') = 5 AND json_extract(after, '\$.value') = 3")" 1 \
	"--prefer server: the pack's value not kept is in the audit log"
is "$(sql c.db "SELECT count(*) FROM audit WHERE tbl = 'result' AND op = 'delete' AND origin LIKE 'pack 1 %not kept%' AND json_extract(before, '\$.note') = '改了'")" 1 \
	"--prefer server: the pack's row not kept is in the audit log"
is "$(sql c.db "SELECT count(*) FROM audit WHERE tbl = 'result' AND op = 'insert' AND origin LIKE 'pack 1 %: $me 20%' AND row_id >= 1099511627776")" 1 \
	"the audit names the pack, the laptop's operator and the time on the laptop"
run --db c.db history --table school --format csv
expect_out "pack 1 [0-9a-f]{8}: $me 20" "history shows where a change came from"
run --db c.db inspection show 1
if grep -q 'taken offline' "$T/out"; then notok "a merged pack no longer marks the inspection"; else ok "a merged pack no longer marks the inspection"; fi

# a second merge of the same pack
audits=$(sql c.db 'SELECT count(*) FROM audit')
run --db c.db merge a.xqp --prefer pack
expect_rc 0 "a second merge: exit 0"
expect_out '^already merged at .* by '"$me"': nothing to change$' "a second merge: says it was merged"
is "$(sql c.db 'SELECT count(*) FROM audit')" "$audits" "a second merge writes nothing"

# ---- --prefer pack, on a copy of the server as it was ----
run --db c2.db merge a.xqp --prefer pack
expect_rc 0 "merge --prefer pack: exit 0"
is "$(value c2.db 1 2)" 5 "--prefer pack: the pack's value"
is "$(value c2.db 1 4)" 0 "--prefer pack: the row deleted on the server made again, as the pack has it"
is "$(value c2.db 1 5)" 4 "--prefer pack: the pack's value of a row made on both sides"
is "$(value c2.db 1 3)" 4 "--prefer pack: laptop only, applied"
is "$(sql c2.db "SELECT count(*) FROM audit WHERE tbl = 'result' AND op = 'update' AND origin LIKE 'pack 1 %' AND json_extract(before, '\$.value') = 3 AND json_extract(after, '\$.value') = 5")" 1 \
	"--prefer pack: the server's value replaced is in the audit log"

# ---- two packs of one school, merged in either order ----
"$BIN" --db c3.db inspection add --template 安全自查 --school $S2 --date 2026-10-01 --team "$me" >/dev/null 2>&1
"$BIN" --db c3.db take --inspection 3 -o p.xqp >/dev/null 2>&1
"$BIN" --db c3.db take --school $S2 -o q.xqp >/dev/null 2>&1
run --db c3.db inspection show 3
expect_out "^taken offline: $me .*\\(pack [0-9]+\\); $me .*\\(pack [0-9]+\\)$" "two teams' takes of one inspection are both shown"
"$BIN" --db p.xqp inspection score 3 1 是 >/dev/null 2>&1
"$BIN" --db p.xqp inspection score 3 2 7 >/dev/null 2>&1
"$BIN" --db q.xqp inspection score 3 3 5 >/dev/null 2>&1
"$BIN" --db q.xqp inspection score 3 2 6 >/dev/null 2>&1
if [ -n "$have_sqlite" ]; then
	is "$(sql q.xqp "SELECT count(*) FROM result WHERE id >= (SELECT id_base FROM pack_origin) AND id < (SELECT id_base FROM pack_origin) + 1099511627776")" 2 \
		"the second pack's rows take ids from its own range"
fi
"$BIN" --db c3.db backup c4.db >/dev/null 2>&1
"$BIN" --db c3.db merge p.xqp --prefer pack >/dev/null 2>&1
"$BIN" --db c3.db merge q.xqp --prefer pack >/dev/null 2>&1
"$BIN" --db c4.db merge q.xqp --prefer pack >/dev/null 2>&1
"$BIN" --db c4.db merge p.xqp --prefer pack >/dev/null 2>&1
is "$(value c3.db 3 1)/$(value c3.db 3 3)" "$(value c4.db 3 1)/$(value c4.db 3 3)" \
	"two packs in either order: the same result"
is "$(value c3.db 3 1)/$(value c3.db 3 3)" "1/5" "two packs: both teams' scores"
run --db c3.db merge p.xqp
expect_out 'already merged' "either pack: merged once"

# a submitted inspection and a new rectification come back as scores do
"$BIN" --db c3.db inspection add --template 安全自查 --school $S1 --date 2026-10-02 --team "$me" >/dev/null 2>&1
insp=$(sql c3.db 'SELECT max(id) FROM inspection')
"$BIN" --db c3.db take --inspection "$insp" -o r.xqp >/dev/null 2>&1
i=0
for v in 否 5 4 是 3; do
	i=$((i + 1))
	"$BIN" --db r.xqp inspection score "$insp" $i "$v" >/dev/null 2>&1
done
run --db r.xqp inspection submit "$insp"
expect_rc 0 "an inspection submitted on the pack"
run --db r.xqp rectification add "$insp" 1 --person 张校长 --deadline 2026-12-31
expect_rc 0 "a rectification made on the pack"
run --db c3.db merge r.xqp
expect_rc 0 "the pack's inspection merged: exit 0"
is "$(sql c3.db "SELECT status FROM inspection WHERE id = $insp")" submitted "the inspection is submitted on the server"
is "$(sql c3.db "SELECT person || ' ' || deadline || ' ' || (id >= 1099511627776) FROM rectification WHERE inspection_id = $insp")" \
	"张校长 2026-12-31 1" "the rectification made on the pack is on the server, its id from the pack's range"
run --db c3.db rectification list --format csv
expect_out '张校长' "the merged rectification is listed"

# ---- roles: the merge writes as the operator does ----
"$BIN" --db c3.db backup v.db >/dev/null 2>&1
"$BIN" --db v.db inspection add --template 安全自查 --school $S2 --date 2026-10-03 --team "$me" >/dev/null 2>&1
vi=$(sql v.db 'SELECT max(id) FROM inspection')
"$BIN" --db v.db take --inspection "$vi" -o v.xqp >/dev/null 2>&1
"$BIN" --db v.xqp inspection score "$vi" 1 是 >/dev/null 2>&1
"$BIN" --db v.db operator add boss admin >/dev/null 2>&1
"$BIN" --db v.db operator add "$me" viewer >/dev/null 2>&1
run --db v.db take --inspection "$vi" -o w.xqp
expect_rc 1 "a viewer takes no pack: exit 1"
expect_err 'permission denied' "a viewer takes no pack: says so"
audits=$(sql v.db 'SELECT count(*) FROM audit')
run --db v.db merge v.xqp --prefer pack
expect_rc 1 "a viewer's merge: exit 1"
expect_err 'permission denied' "a viewer's merge: refused as their own change would be"
is "$(sql v.db 'SELECT count(*) FROM audit')" "$audits" "a refused merge writes nothing"
is "$(value v.db "$vi" 1)" "" "a refused merge applies nothing"

# ---- refusals ----
"$BIN" --db other.db init >/dev/null 2>&1
run --db other.db merge untouched.xqp
expect_rc 1 "a pack of another database: exit 1"
expect_err 'taken from another database' "a pack of another database: says so"
head -c 40000 untouched.xqp >cut.xqp
run --db c.db merge cut.xqp
expect_rc 1 "a truncated pack: exit 1"
expect_err 'truncated' "a truncated pack: says so"
printf 'not a database at all, just text\n' >text.xqp
run --db c.db merge text.xqp
expect_rc 1 "a file that is no pack: exit 1"
run --db c.db merge missing.xqp
expect_rc 1 "a missing pack: exit 1"
run --db c.db merge
expect_rc 2 "merge without a pack: exit 2"
run --db c.db merge untouched.xqp --prefer laptop
expect_rc 2 "merge --prefer of neither side: exit 2"
if [ -n "$have_sqlite" ]; then
	cp untouched.xqp trig.xqp
	sql trig.xqp "CREATE TRIGGER evil AFTER INSERT ON school BEGIN DELETE FROM teacher; END;"
	run --db c3.db merge trig.xqp
	expect_rc 1 "a pack with a trigger of its own: exit 1"
	expect_err "schema is not the one this xuequ writes \\(trigger evil" "a pack with a trigger of its own: names it"
	cp untouched.xqp old.xqp
	sql old.xqp "PRAGMA user_version = 9"
	run --db c3.db merge old.xqp
	expect_rc 1 "a pack of an older schema: exit 1"
	expect_err 'schema version 9, older' "a pack of an older schema: says so"
	cp untouched.xqp new.xqp
	sql new.xqp "PRAGMA user_version = 99"
	run --db c3.db merge new.xqp
	expect_rc 1 "a pack of a newer schema: exit 1"
	expect_err 'schema version 99, newer' "a pack of a newer schema: says so"
	cp untouched.xqp altered.xqp
	sql altered.xqp "UPDATE pack_origin SET taken_by = 'someone'"
	run --db c3.db merge altered.xqp
	expect_rc 1 "a pack altered outside xuequ: exit 1"
	expect_err 'altered after xuequ last wrote it' "a pack altered outside xuequ: says so"
	run pack info altered.xqp
	expect_out '^sealed: +NO' "pack info: an altered pack is not sealed"
	cp untouched.xqp base.xqp
	sql base.xqp "UPDATE pack_base SET image = zeroblob(100)"
	run --db c3.db merge base.xqp
	expect_rc 1 "a pack whose snapshot was replaced: exit 1"
	expect_err 'altered' "a pack whose snapshot was replaced: says so"
fi
is "$(value c3.db 3 2)" 6 "refused packs changed nothing"
run --db c.db check
expect_rc 0 "xuequ check: clean after all merges"
