#!/bin/sh
# races.sh: writes that race must keep the rules. Two `exchange add` for one teacher with
# overlapping dates, started at the same moment in two processes, 200 times: never both
# accepted. Two admins demoting or removing each other at once, 100 times: never no admin
# left (needs two logins: throwaway users, so root; skipped with a note otherwise). The
# database refuses what the program would, even when written to directly.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
db="$T/r.db"
"$BIN" --db "$db" init >/dev/null || { notok "init"; exit 1; }

cat >schools.csv <<'CSV'
code,name,level,location,lat,lon
4500000001,城区实验小学,primary,urban,24.30,109.40
4500000002,江口镇中心小学,primary,town,24.30,109.50
CSV
printf 'name,form,lead_school_code,established_on\n江口学区,pairing,4500000001,2020-01-01\n' >districts.csv
printf 'district_name,school_code,role,from_date\n江口学区,4500000001,lead,2020-01-01\n江口学区,4500000002,member,2020-01-01\n' >members.csv
TRIES=200
{
	echo staff_no,name,gender,school_code,education,joined_school_on
	i=1
	while [ $i -le $TRIES ]; do
		printf 'R%03d,教师%d,F,4500000001,bachelor,2010-01-01\n' $i $i
		i=$((i + 1))
	done
} >teachers.csv
for e in schools districts members teachers; do
	run --db "$db" import $e $e.csv
	expect_rc 0 "import $e"
done

# ---- two adds for one teacher at once ----
# Each try: R<i> proposed from 2026-09-01 and, in another process at the same moment, from
# 2026-09-02 (both for the default two-year term, so they overlap). Ten tries run at once.
mkdir rc
i=1
while [ $i -le $TRIES ]; do
	j=0
	while [ $j -lt 10 ] && [ $i -le $TRIES ]; do
		s=$(printf 'R%03d' $i)
		( "$BIN" --db "$db" exchange add $s 4500000002 --start 2026-09-01 >/dev/null 2>rc/$i.a.err
		  echo $? >rc/$i.a ) &
		( "$BIN" --db "$db" exchange add $s 4500000002 --start 2026-09-02 >/dev/null 2>rc/$i.b.err
		  echo $? >rc/$i.b ) &
		i=$((i + 1))
		j=$((j + 1))
	done
	wait
done
double=0 none=0 i=1
while [ $i -le $TRIES ]; do
	n=0
	[ "$(cat rc/$i.a)" = 0 ] && n=$((n + 1))
	[ "$(cat rc/$i.b)" = 0 ] && n=$((n + 1))
	[ $n -eq 2 ] && double=$((double + 1))
	[ $n -eq 0 ] && none=$((none + 1))
	i=$((i + 1))
done
is "$double" 0 "$TRIES simultaneous pairs of overlapping adds: none accepted twice"
is "$none" 0 "$TRIES simultaneous pairs of overlapping adds: one of each pair accepted"
refused=$(cat rc/*.err | grep -c 'overlaps exchange')
is "$refused" "$TRIES" "each refused add says which exchange it overlaps"
"$BIN" --db "$db" export exchanges >x.csv
is "$(tail -n +2 x.csv | wc -l | tr -d ' ')" "$TRIES" "the database holds one exchange per teacher"
is "$(tail -n +2 x.csv | cut -d, -f1 | sort | uniq -d | wc -l | tr -d ' ')" 0 \
	"no teacher has two exchanges"

# ---- the database enforces the overlap rule by itself ----
# A raw connection (sqlite3, no xuequ behind it) on a copy whose audit triggers are dropped
# (they call functions only xuequ defines): an overlapping exchange is still refused.
expect_sql() { if grep -q "$1" sql.err; then ok "$2"; else notok "$2"; sed 's/^/#   /' sql.err; fi; }
# raw_copy SRC DST TABLE: DST is SRC without TABLE's audit triggers
raw_copy() {
	cp "$1" "$2"
	sqlite3 "$2" "DROP TRIGGER audit_$3_insert; DROP TRIGGER audit_$3_update; DROP TRIGGER audit_$3_delete;"
}
if command -v sqlite3 >/dev/null 2>&1; then
	raw_copy "$db" raw.db exchange
	ins() { # STATUS KIND SHARE START END: insert one more exchange of R001's teacher
		sqlite3 raw.db "INSERT INTO exchange (teacher_id, from_school_id, to_school_id, kind,
			reason, year, start_date, end_date, week_share, status) SELECT teacher_id,
			from_school_id, to_school_id, '$2', 'voluntary', year, '$4', '$5', $3, '$1'
			FROM exchange WHERE teacher_id = (SELECT id FROM teacher WHERE staff_no = 'R001')
			LIMIT 1" >/dev/null 2>sql.err
	}
	ins approved support NULL 2027-01-01 2027-06-30
	expect_sql 'overlaps another one' "a direct insert of an overlapping exchange is refused by the database"
	ins cancelled support NULL 2027-01-01 2027-06-30
	is "$(wc -c <sql.err | tr -d ' ')" 0 "a cancelled one does not count, as in the program"
	ins proposed support NULL 2030-01-01 2030-06-30
	is "$(wc -c <sql.err | tr -d ' ')" 0 "one after the others is accepted"
	ins proposed itinerant 0.5 2031-01-01 2031-06-30
	ins proposed parttime 0.5 2031-03-01 2031-08-30
	is "$(wc -c <sql.err | tr -d ' ')" 0 "two part-time ones sharing days, shares adding up to 1: accepted"
	ins proposed parttime 0.25 2031-06-01 2031-06-30
	expect_sql 'overlaps another one' "a third one taking the shares over 1: refused by the database"
	sqlite3 raw.db "UPDATE exchange SET end_date = '2031-01-15' WHERE start_date = '2030-01-01'" 2>sql.err
	expect_sql 'overlaps another one' "a direct update stretching one over another: refused"
else
	ok "direct writes # SKIP sqlite3 is not installed"
fi

# A change of status is checked in its transaction too: completing R001's exchange as
# unqualified extends it by a year, over the teacher's next exchange.
run --db "$db" exchange add R001 4500000002 --start 2028-09-05
expect_rc 0 "a later exchange after the term is accepted"
run --db "$db" exchange list --format csv
id=$(awk -F, 'NR > 1 && $0 ~ /R001/ && $0 ~ /2026-09-0[12]/ { print $1; exit }' "$T/out")
run --db "$db" exchange approve "$id"
run --db "$db" exchange start "$id"
run --db "$db" exchange complete "$id" --evaluation unqualified
expect_rc 1 "extending an exchange over the teacher's next one is refused"
expect_err 'overlaps exchange' "the refusal names the next exchange"

# ---- two admins demoting each other at once ----
ADMIN_TRIES=100
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null 2>&1 || ! command -v setpriv >/dev/null 2>&1; then
	ok "admins demoting each other # SKIP needs root, useradd and setpriv for two throwaway logins"
	exit 0
fi
ua="xqra$$" ub="xqrb$$"
users=""
cleanup_users() { for u in $users; do userdel "$u" 2>/dev/null; done; }
trap 'cleanup_users; rm -rf "$T"' EXIT
for u in $ua $ub; do
	if useradd -M -N -s /bin/sh "$u" 2>useradd.err; then users="$users $u"; fi
done
if [ "$(echo $users | wc -w)" -ne 2 ]; then
	ok "admins demoting each other # SKIP could not create throwaway users ($(head -1 useradd.err))"
	exit 0
fi
chmod 711 "$T"
chmod 644 "$XUEQU_CONFIG"
mkdir -m 1777 "$T/shared"
# as USER DB ARGS...: xuequ run by USER on DB
as() { u=$1 d=$2; shift 2; setpriv --reuid="$u" --regid="$(id -g "$u")" --clear-groups "$BIN" --db "$d" "$@"; }
# admin_race DB N: N tries on DB, each $ua and $ub demoting (even) or removing (odd) each
# other at once; then whoever is still admin makes the other admin again. Writes
# "tries-with-no-admin tries-with-both-done" into DB.count.
admin_race() {
	d=$1 none=0 both=0 k=1
	(umask 0; as $ua "$d" init >/dev/null) || notok "init as $ua"
	chmod 666 "$d"
	as $ua "$d" operator add $ub admin >/dev/null
	while [ $k -le "$2" ]; do
		if [ $((k % 2)) = 0 ]; then
			( as $ua "$d" operator add $ub viewer >/dev/null 2>&1; echo $? >"$d.a" ) &
			( as $ub "$d" operator add $ua viewer >/dev/null 2>&1; echo $? >"$d.b" ) &
		else
			( as $ua "$d" operator remove $ub >/dev/null 2>&1; echo $? >"$d.a" ) &
			( as $ub "$d" operator remove $ua >/dev/null 2>&1; echo $? >"$d.b" ) &
		fi
		wait
		as $ua "$d" operator list >"$d.ops" 2>/dev/null || as $ub "$d" operator list >"$d.ops" 2>/dev/null
		[ "$(awk '$2 == "admin"' "$d.ops" | wc -l)" -eq 0 ] && none=$((none + 1))
		[ "$(cat "$d.a")" = 0 ] && [ "$(cat "$d.b")" = 0 ] && both=$((both + 1))
		if awk '$2 == "admin" { print $1 }' "$d.ops" | grep -qx $ua; then
			as $ua "$d" operator add $ub admin >/dev/null 2>&1
		else
			as $ub "$d" operator add $ua admin >/dev/null 2>&1
		fi
		k=$((k + 1))
	done
	echo "$none $both" >"$d.count"
}
adb="$T/shared/a.db"
(umask 0; as $ua "$adb" init >/dev/null) || notok "init as $ua"
chmod 666 "$adb"
as $ua "$adb" operator add $ub admin >/dev/null
as $ua "$adb" operator list >ops
is "$(grep -c ' admin ' ops)" 2 "two admins to begin with"
# four databases at once, a quarter of the tries each
for n in 1 2 3 4; do admin_race "$T/shared/race$n.db" $((ADMIN_TRIES / 4)) & done
wait
none=$(cat "$T"/shared/race*.db.count | awk '{ s += $1 } END { print s }')
both=$(cat "$T"/shared/race*.db.count | awk '{ s += $2 } END { print s }')
is "$(cat "$T"/shared/race*.db.count | wc -l | tr -d ' ')" 4 "the four runs of the admin race finished"
is "$none" 0 "$ADMIN_TRIES times two admins demoted or removed each other at once: never none left"
is "$both" 0 "$ADMIN_TRIES times two admins demoted or removed each other at once: never both done"

# the database keeps its last admin by itself
as $ua "$adb" operator add $ub viewer >/dev/null 2>&1
as $ua "$adb" operator list >ops 2>/dev/null
last=$(awk '$2 == "admin" { print $1 }' ops)
if command -v sqlite3 >/dev/null 2>&1; then
	raw_copy "$adb" raw.db operator
	sqlite3 raw.db "UPDATE operator SET role = 'viewer' WHERE login = '$last'" 2>sql.err
	expect_sql 'last admin' "a direct demotion of the last admin is refused by the database"
	sqlite3 raw.db "DELETE FROM operator WHERE login = '$last'" 2>sql.err
	expect_sql 'last admin' "a direct removal of the last admin is refused by the database"
	sqlite3 raw.db "INSERT INTO operator (login, role) VALUES ('another', 'admin');
		UPDATE operator SET role = 'viewer' WHERE login = '$last'" 2>sql.err
	is "$(wc -c <sql.err | tr -d ' ')" 0 "with another admin, the demotion is allowed"
fi
