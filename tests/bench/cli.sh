#!/bin/sh
# tests/bench/cli.sh: command-line jobs on generated county- and city-scale databases:
# wall time (best of 3) and peak memory of each. Run by `make bench`; BIN is xuequ.
set -u
: "${BIN:=$(pwd)/xuequ}"
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XUEQU_CONFIG="$T/empty.conf" XUEQU_TODAY=2026-09-01 LC_ALL=C.UTF-8
: >"$XUEQU_CONFIG"

# best of 3: prints "seconds peak_kib" of the fastest run
measure() {
	best=""
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$T/time" "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; }
		read -r s kib <<EOF
$(tail -n 1 "$T/time")
EOF
		if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then best=$s; mem=$kib; fi
	done
	echo "$best $mem"
}

printf '%-8s %-34s %9s %10s\n' scale job seconds peak_MiB
for scale in county city; do
	db="$T/$scale.db"
	set -- $(measure sh -c "rm -f '$db'; '$BIN' --db '$db' init --demo=$scale")
	printf '%-8s %-34s %9s %10.1f\n' $scale "init --demo (generate and load)" "$1" "$(echo "$2/1024" | bc -l)"
	"$BIN" --db "$db" export schools -o "$T/schools.csv" --force
	"$BIN" --db "$db" export teachers -o "$T/teachers.csv" --force
	# a county with its schools only, to import the teachers into
	rm -f "$T/base.db"
	"$BIN" --db "$T/base.db" init >/dev/null && "$BIN" --db "$T/base.db" import schools "$T/schools.csv" >/dev/null
	set -- $(measure sh -c "cp '$T/base.db' '$T/new.db' && '$BIN' --db '$T/new.db' import teachers '$T/teachers.csv'")
	printf '%-8s %-34s %9s %10.1f\n' $scale "import teachers (all new)" "$1" "$(echo "$2/1024" | bc -l)"
	for job in "export teachers" "export schools" "check" "exchange quota --year 2026-2027" \
		"exchange quota --year 2026-2027 --by school" "exchange eligible --year 2026-2027" \
		"exchange plan --year 2026-2027" "import teachers $T/teachers.csv"; do
		set -- $(measure "$BIN" --db "$db" $job)
		printf '%-8s %-34s %9s %10.1f\n' $scale "$(echo "$job" | sed "s|$T/||; s|import teachers.*|import teachers (unchanged)|")" \
			"$1" "$(echo "$2/1024" | bc -l)"
	done
done
