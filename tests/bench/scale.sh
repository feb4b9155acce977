#!/bin/sh
# tests/bench/scale.sh: the county's jobs at city scale and on copies of the city 3 and 10
# times larger (a province's compulsory-education teachers): fresh import of the teachers,
# the plan, the reports (the rooms' use among them: the city's rooms, term and bookings
# copied too); wall time (best of 5 at city, of 3 at 3x and 10x: the growth from 3x to 10x
# compares like with like) and peak memory, with the growth from one scale to the next.
# Run by `make bench`; BIN is xuequ; python3 makes the copies.
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-scale.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XUEQU_CONFIG="$T/empty.conf" XUEQU_TODAY=2026-09-01 LC_ALL=C.UTF-8
: >"$XUEQU_CONFIG"
command -v python3 >/dev/null || { echo "scale: python3 is needed" >&2; exit 1; }

# time_of N CMD...: "seconds peak_MiB" of the fastest of N runs; the wall time from the
# clock in nanoseconds (time(1)'s own step, 10 ms, is as long as a city's reports)
time_of() {
	n=$1; shift
	best=""
	i=0
	while [ $i -lt "$n" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || { echo "FAILED: $*" >&2; cat "$T/err" >&2; }
		t1=$(date +%s%N)
		s=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc -l)
		kib=$(tail -n 1 "$T/time")
		if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then best=$s; mem=$kib; fi
		i=$((i + 1))
	done
	printf '%.3f %.1f\n' "$best" "$(echo "$mem/1024" | bc -l)"
}

"$BIN" --db "$T/city.db" init --demo=city >/dev/null
mkdir -p "$T/x1"
ROOMS="facilities calendar terms bells subjects classes courses lessons teacher_rules"
for e in schools teachers districts members exchanges $ROOMS; do
	"$BIN" --db "$T/city.db" export "$e" -o "$T/x1/$e.csv" --force
done
printf "%-6s %-44s %9s %10s %7s %9s %8s\n" scale job seconds peak_MiB growth sql_s vs_sql
for k in 1 3 10; do
	[ $k = 1 ] || python3 "$TOP/tests/bench/scale.py" $k "$T/x1" "$T/x$k"
	db="$T/s$k.db"
	"$BIN" --db "$db" init >/dev/null
	for e in schools districts members; do
		"$BIN" --db "$db" import "$e" "$T/x$k/$e.csv" >/dev/null || exit 1
	done
	cp "$db" "$T/base.db"
	reps=5; [ $k != 1 ] && reps=3
	for job in "import teachers" "exchange plan --year 2026-2027" "exchange quota --year 2026-2027 --by school" \
		"exchange eligible --year 2026-2027" "export teachers" "indicators --level primary --by school" \
		"facility usage --term 2026-2027/1 --by school" "check"; do
		case $job in
		"import teachers")
			set -- $(time_of $reps sh -c "cp '$T/base.db' '$db' && '$BIN' --db '$db' import teachers '$T/x$k/teachers.csv'")
			"$BIN" --db "$db" import exchanges "$T/x$k/exchanges.csv" >/dev/null || exit 1
			# the rooms, the term and its lessons, and the bookings (which have no CSV)
			for e in $ROOMS; do
				"$BIN" --db "$db" import "$e" "$T/x$k/$e.csv" >/dev/null || exit 1
			done
			python3 "$TOP/tests/bench/scale.py" bookings $k "$T/city.db" "$db" || exit 1 ;;
		*)	set -- $(time_of $reps "$BIN" --db "$db" $job) ;;
		esac
		key=$(echo "$job" | tr ' /' __)
		prev=$(cat "$T/last.$key" 2>/dev/null)
		growth=""
		[ -n "$prev" ] && growth=$(printf '%.2fx' "$(echo "$1 / $prev" | bc -l)")
		echo "$1" >"$T/last.$key"
		# the same figures as one query in the sqlite3 shell, where the bench has it
		sql=""; ratio=""
		case $job in
		"exchange eligible"*) sql=eligible ;;
		"exchange quota"*) sql=quota_school ;;
		"export teachers") sql=export_teachers ;;
		"indicators"*) sql=indicators ;;
		"facility usage"*) sql=usage_school ;;
		check) sql=check ;;
		esac
		if [ -n "$sql" ]; then
			set -- "$1" "$2" $(time_of $reps sh -c "sqlite3 -csv '$db' <'$TOP/tests/bench/sql/$sql.sql'")
			ratio=$(printf '%.2fx' "$(echo "$1 / $3" | bc -l)")
		fi
		printf "%-6s %-44s %9s %10s %7s %9s %8s\n" "${k}x" "$job" "$1" "$2" "$growth" "${3:-}" "$ratio"
	done
done
