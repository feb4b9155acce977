#!/bin/sh
# tests/bench/scale.sh: the county's jobs at city scale and on copies of the city 3 and 10
# times larger (a province's compulsory-education teachers): fresh import of the teachers,
# the plan, the reports (the rooms' use among them: the city's rooms, term and bookings
# copied too); wall time and peak memory, with the growth from one scale to the next and the
# ratio to the same figures as SQL. Each job runs at the three scales by turns, its SQL
# beside it (first in every other round), SCALE_REPS times (5), and the fastest of each is
# kept: this machine's runs vary by a third and more, only ever slower, often for seconds.
# Run by `make bench`; BIN is xuequ; python3 makes the copies.
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-scale.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XUEQU_CONFIG="$T/empty.conf" XUEQU_TODAY=2026-09-01 LC_ALL=C.UTF-8
: >"$XUEQU_CONFIG"
command -v python3 >/dev/null || { echo "scale: python3 is needed" >&2; exit 1; }

# time_once CMD...: secs and kib of one run; the wall time from the clock in nanoseconds
# (time(1)'s own step, 10 ms, is as long as a city's reports)
time_once() {
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || { echo "FAILED: $*" >&2; cat "$T/err" >&2; }
	t1=$(date +%s%N)
	secs=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc -l)
	kib=$(tail -n 1 "$T/time")
}

# keep_best KEY: the fastest run of KEY so far ("seconds KiB" in $T/best.KEY)
keep_best() {
	f="$T/best.$1"
	if [ ! -f "$f" ] || [ "$(echo "$secs < $(cut -d ' ' -f 1 "$f")" | bc)" = 1 ]; then
		echo "$secs $kib" >"$f"
	fi
}

# sql_of JOB: the file of the same figures as one query in the sqlite3 shell, if the bench has it
sql_of() {
	case $1 in
	"exchange eligible"*) echo eligible ;;
	"exchange quota"*) echo quota_school ;;
	"export teachers") echo export_teachers ;;
	"indicators"*) echo indicators ;;
	"facility usage"*) echo usage_school ;;
	check) echo check ;;
	esac
}

"$BIN" --db "$T/city.db" init --demo=city >/dev/null
mkdir -p "$T/x1"
ROOMS="facilities calendar terms bells subjects classes courses lessons teacher_rules"
for e in schools teachers districts members exchanges $ROOMS; do
	"$BIN" --db "$T/city.db" export "$e" -o "$T/x1/$e.csv" --force
done
SCALES="1 3 10"
REPS=${SCALE_REPS:-5}
JOBS="import teachers
exchange plan --year 2026-2027
exchange quota --year 2026-2027 --by school
exchange eligible --year 2026-2027
export teachers
indicators --level primary --by school
facility usage --term 2026-2027/1 --by school
check"

# each scale's county: its schools, districts and members (the teachers come with the first job)
for k in $SCALES; do
	[ $k = 1 ] || python3 "$TOP/tests/bench/scale.py" $k "$T/x1" "$T/x$k"
	db="$T/s$k.db"
	"$BIN" --db "$db" init >/dev/null
	for e in schools districts members; do
		"$BIN" --db "$db" import "$e" "$T/x$k/$e.csv" >/dev/null || exit 1
	done
	cp "$db" "$T/base$k.db"
done

# each job REPS times at every scale by turns, its SQL beside it: a stretch of this shared
# machine's slowness falls on all of them, not on one scale or on one side of a ratio
echo "$JOBS" | while IFS= read -r job; do
	key=$(echo "$job" | tr ' /' __)
	sql=$(sql_of "$job")
	rep=0
	while [ $rep -lt $REPS ]; do
		rep=$((rep + 1))
		for k in $SCALES; do
			db="$T/s$k.db"
			# the side that runs first reads the file the other scales' runs left cold: xuequ
			# in odd rounds, the SQL in even ones
			sides="xq sql"
			[ $((rep % 2)) = 0 ] && sides="sql xq"
			for side in $sides; do
				case $side.$job in
				sql.*)	[ -n "$sql" ] || continue
					time_once sh -c "sqlite3 -csv '$db' <'$TOP/tests/bench/sql/$sql.sql'"
					keep_best "$key.$k.sql"
					continue ;;
				"xq.import teachers")
					time_once sh -c "cp '$T/base$k.db' '$db' && '$BIN' --db '$db' import teachers '$T/x$k/teachers.csv'" ;;
				*)	time_once "$BIN" --db "$db" $job ;;
				esac
				keep_best "$key.$k"
			done
		done
	done
	[ "$job" = "import teachers" ] || continue
	for k in $SCALES; do
		db="$T/s$k.db"
		"$BIN" --db "$db" import exchanges "$T/x$k/exchanges.csv" >/dev/null || exit 1
		# the rooms, the term and its lessons, and the bookings (which have no CSV)
		for e in $ROOMS; do
			"$BIN" --db "$db" import "$e" "$T/x$k/$e.csv" >/dev/null || exit 1
		done
		python3 "$TOP/tests/bench/scale.py" bookings $k "$T/city.db" "$db" || exit 1
	done
done || exit 1

printf "%-6s %-44s %9s %10s %7s %9s %8s\n" scale job seconds peak_MiB growth sql_s vs_sql
prev=""
for k in $SCALES; do
	echo "$JOBS" | while IFS= read -r job; do
		key=$(echo "$job" | tr ' /' __)
		set -- $(cat "$T/best.$key.$k")
		growth=""
		[ -n "$prev" ] && growth=$(printf '%.2fx' "$(echo "$1 / $(cut -d ' ' -f 1 "$T/best.$key.$prev")" | bc -l)")
		sql=""; ratio=""
		if [ -f "$T/best.$key.$k.sql" ]; then
			sql=$(cut -d ' ' -f 1 "$T/best.$key.$k.sql")
			ratio=$(printf '%.2fx' "$(echo "$1 / $sql" | bc -l)")
		fi
		[ -n "$sql" ] && sql=$(printf '%.3f' "$sql")
		printf "%-6s %-44s %9.3f %10.1f %7s %9s %8s\n" "${k}x" "$job" "$1" "$(echo "$2/1024" | bc -l)" \
			"$growth" "$sql" "$ratio"
	done
	prev=$k
done
