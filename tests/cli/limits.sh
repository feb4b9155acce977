#!/bin/sh
# limits.sh: xuequ at the edges. A bad import shows its first 100 problems and counts the
# rest; a long dry run does not hold up other writers; a full disk or a file size limit met
# during an import or a backup leaves the database as it was and says so plainly; the
# console ends when its terminal goes away without a SIGHUP.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
db="$T/l.db"
"$BIN" --db "$db" init >/dev/null || { notok "init"; exit 1; }
printf 'code,name,level,location\n4500000001,城区实验小学,primary,urban\n' >schools.csv
run --db "$db" import schools schools.csv
expect_rc 0 "import a school"
# teachers N FILE: N new teachers of that school
teachers() {
	awk -v n="$1" 'BEGIN { print "staff_no,name,gender,school_code,education,birth_date"
		for (i = 1; i <= n; i++) printf "B%06d,教师,F,4500000001,bachelor,1990-01-01\n", i }' >"$2"
}

# ---- problems shown and counted ----
awk 'BEGIN { print "staff_no,name,gender,school_code,education,birth_date"
	for (i = 1; i <= 250; i++) printf "Q%d,某,M,4500000001,bachelor,2020-13-%02d\n", i, i % 28 + 1 }' >bad.csv
run --db "$db" import teachers bad.csv
expect_rc 1 "a file of 250 bad rows: exit 1"
is "$(grep -c '^xuequ: bad.csv:[0-9]*: birth_date: ' "$T/err")" 100 "the first 100 problems are shown"
is "$(grep '^xuequ: bad.csv:[0-9]*:' "$T/err" | head -1 | cut -d: -f3)" 2 "the first shown is line 2"
is "$(grep '^xuequ: bad.csv:[0-9]*:' "$T/err" | tail -1 | cut -d: -f3)" 101 "the last shown is line 101"
expect_err '^xuequ: bad.csv: … and 150 more problems not shown$' "the rest are counted"
expect_err '^xuequ: bad.csv: 250 problems; nothing was imported$' "the total is counted"
is "$(rows "$db" teachers)" 0 "nothing was imported"
# a duplicate key is named at its own line, in the order of the file
printf 'staff_no,name,gender,school_code,education\nD1,甲,M,4500000001,bachelor\nD1,乙,M,4500000001,bachelor\nD2,丙,M,4500000001,doctorate\n' >dup.csv
run --db "$db" import teachers dup.csv
expect_rc 1 "a duplicate key: exit 1"
is "$(sed -n 1p "$T/err")" "xuequ: dup.csv:3: duplicate of line 2 (same key)" \
	"the duplicate comes first, at its line"
expect_err '^xuequ: dup.csv:4: education: ' "the problems after it are found too"

# ---- a dry run does not hold up writers ----
# While a dry run of many rows works, other sessions' one-row writes succeed, and the dry
# run is still at work after them; it writes nothing. When a run was over too soon to say,
# it is done again with twice the rows.
n=20000 tries=0 verdict=""
while [ -z "$verdict" ] && [ $tries -lt 3 ]; do
	tries=$((tries + 1))
	teachers $n big.csv
	before=$(rows "$db" schools)
	"$BIN" --db "$db" import --dry-run teachers big.csv >dry.out 2>dry.err &
	pid=$!
	# bounded wait until the dry run has the database open (so it is past reading the file)
	i=0
	while [ $i -lt 200 ] && ! ls -l /proc/$pid/fd 2>/dev/null | grep -q "$db"; do
		sleep 0.05
		i=$((i + 1))
	done
	writes=0
	for k in 1 2 3; do
		printf 'code,name,level,location\n45000001%02d,新学校%d,primary,rural\n' $((tries * 10 + k)) $k >one.csv
		"$BIN" --db "$db" import schools one.csv >/dev/null 2>write.err && writes=$((writes + 1))
	done
	if kill -0 $pid 2>/dev/null; then verdict=during; fi
	wait $pid
	dry_rc=$?
	if [ -z "$verdict" ] && [ $writes -lt 3 ]; then verdict=refused; fi
	n=$((n * 2))
done
is "$verdict" during "three one-row writes succeed while a dry run of $((n / 2)) rows is at work"
is "$writes" 3 "none of the writes was refused"
is "$dry_rc" 0 "the dry run succeeds"
grep -q "^dry run, nothing written: teachers: $((n / 2)) rows" dry.out && ok "the dry run checked every row" ||
	notok "the dry run checked every row"
is "$(rows "$db" teachers)" 0 "the dry run wrote nothing"
is "$(rows "$db" schools)" $((before + 3)) "the writes made during it are kept"

# ---- a full disk or a file size limit ----
dump_all "$db" before.txt
# limited KIB CMD...: CMD under a file size limit, writes past it failing with EFBIG (the
# signal ignored); ulimit -f counts 512-byte blocks in POSIX sh
limited() {
	kib=$1
	shift
	(trap '' XFSZ; ulimit -f $((kib * 2)) 2>/dev/null; exec "$@") >"$T/out" 2>"$T/err"
	rc=$?
}
teachers 20000 mid.csv
limited 512 "$BIN" --db "$db" import teachers mid.csv
expect_rc 1 "an import past a file size limit: exit 1"
expect_err "cannot write the database .*(full|size limit|too large)" "it says the database could not be written, and why"
expect_err 'nothing was imported' "it says nothing was imported"
dump_all "$db" after.txt
same before.txt after.txt "the database is as it was"
run --db "$db" check
expect_rc 0 "check finds nothing wrong after it"

# a backup larger than the limit
"$BIN" --db "$db" import teachers mid.csv >/dev/null || notok "import for the backup"
dump_all "$db" before.txt
limited 256 "$BIN" --db "$db" backup "$T/copy.db"
expect_rc 1 "a backup past a file size limit: exit 1"
expect_err '^xuequ: backup failed: cannot write .*copy.db: File too large; the database is unchanged' \
	"it says plainly why the backup failed"
is "$(ls "$T" | grep -c '^copy.db')" 0 "no half-written backup is left"
dump_all "$db" after.txt
same before.txt after.txt "the database is as it was"

# on a really full filesystem: a small tmpfs, when this test may mount one
mkdir small
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m xuequ-test "$T/small" 2>/dev/null; then
	trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT
	run --db "$db" backup "$T/small/copy.db"
	expect_rc 1 "a backup onto a full filesystem: exit 1"
	expect_err 'backup failed: cannot write .*: No space left on device; the database is unchanged' \
		"it says the disk is full"
	is "$(ls "$T/small" | wc -l | tr -d ' ')" 0 "nothing is left on the full filesystem"
	# a database made on a disk too small for it: refused, nothing left half-made
	run --db "$T/small/s.db" init
	expect_rc 1 "init on a disk too small for the database: exit 1"
	expect_err 'disk is full' "init on a disk too small: says the disk is full"
	is "$(ls "$T/small" | wc -l | tr -d ' ')" 0 "init on a disk too small: nothing left"
	umount "$T/small"
	mount -t tmpfs -o size=2m xuequ-test "$T/small"
	"$BIN" --db "$T/small/s.db" init >/dev/null && "$BIN" --db "$T/small/s.db" import schools schools.csv >/dev/null
	dump_all "$T/small/s.db" before.txt
	run --db "$T/small/s.db" import teachers mid.csv
	expect_rc 1 "an import into a database on a full filesystem: exit 1"
	expect_err 'cannot write the database: the disk is full' "it says the disk is full"
	expect_err 'nothing was imported' "it says nothing was imported"
	dump_all "$T/small/s.db" after.txt
	same before.txt after.txt "that database is as it was"
	umount "$T/small"
else
	ok "a full filesystem # SKIP cannot mount a small tmpfs here (needs root)"
fi

# ---- the console loses its terminal without a SIGHUP ----
# The console runs in a session of its own (setsid), so killing the tmux server closes its
# terminal without a SIGHUP reaching it. It must end, closing the database (the last
# connection to close removes the -wal file).
if ! command -v tmux >/dev/null 2>&1 || ! command -v setsid >/dev/null 2>&1; then
	ok "the console without its terminal # SKIP needs tmux and setsid"
	exit 0
fi
SOCK="xqlim$$"
"$BIN" --db "$T/tty.db" init >/dev/null
tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 80 -y 24 \
	"exec setsid -w sh -c 'echo \$\$ >\"$T/console.pid\"; exec \"$BIN\" --db \"$T/tty.db\"'"
i=0
while [ $i -lt 100 ] && [ ! -e "$T/tty.db-wal" ]; do sleep 0.1; i=$((i + 1)); done
pid=$(cat "$T/console.pid" 2>/dev/null)
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then ok "the console runs"; else notok "the console runs"; fi
tmux -L "$SOCK" kill-server
i=0
while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	notok "the console ends when its terminal is gone"
	kill "$pid" 2>/dev/null
else
	ok "the console ends when its terminal is gone"
fi
if [ -e "$T/tty.db-wal" ]; then notok "it closed the database"; else ok "it closed the database"; fi
