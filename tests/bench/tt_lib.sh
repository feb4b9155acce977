# tests/bench/tt_lib.sh: what the timetable benchmarks share, sourced by timetable.sh,
# corpus.sh, tt_beyond.sh, tt_repair.sh and tt_infeasible.sh (set TOP and BIN first).
TERM_ID=2026-2027/1

# tt_workdir NAME: a work directory in T (kept when BENCH_KEEP is set, said so), and an
# empty configuration for xuequ
tt_workdir() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-$1.XXXXXX")
	if [ -n "${BENCH_KEEP:-}" ]; then
		echo "$1: work files kept in $T"
	else
		trap 'rm -rf "$T"' EXIT
	fi
	trap 'exit 130' INT HUP TERM
	export XUEQU_CONFIG="$T/empty.conf" XUEQU_TODAY=2026-09-01 LC_ALL=C.UTF-8
	: >"$XUEQU_CONFIG"
}

# tt_fet_bench NAME: fet-bench's directory in FB (FET_BENCH, default ../shared/fet-bench);
# false, having said the benchmark is skipped, when it is not there
tt_fet_bench() {
	FB=${FET_BENCH:-$TOP/../shared/fet-bench}
	if [ ! -f "$FB/bench.py" ]; then
		echo "$1: no fet-bench at $FB (set FET_BENCH): skipped"
		return 1
	fi
	FB=$(cd "$FB" && pwd)
}

# tt_new_term DB: a fresh database with the term the instances are imported into
tt_new_term() {
	rm -f "$1"
	"$BIN" --db "$1" init && "$BIN" --db "$1" term add "$TERM_ID" --first 2026-09-01 --last 2027-01-20
}

# ratio_of A B: A / B as "2.5x" (B at least 0.01 s)
ratio_of() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b < 0.01) b = 0.01; r = a / b
		if (r >= 10) printf "%.0fx", r; else if (r >= 1) printf "%.1fx", r; else printf "%.2gx", r }'
}

# timed OUT CMD...: runs CMD, its output to OUT; sets secs, kib (peak memory), rc
timed() {
	out=$1
	shift
	/usr/bin/time -f '%e %M' -o "$T/time" "$@" >"$out" 2>&1
	rc=$?
	# on failure time(1) writes "Command exited with non-zero status N" first
	set -- $(tail -n 1 "$T/time")
	secs=${1:-0}
	kib=${2:-0}
}

# tt_fet_tools NAME: python3 (needed: false, having said so, without it), fet-cl (FET_CL,
# default fet-cl; have_fet set when it is there) and timeout (killer set when it is there)
tt_fet_tools() {
	command -v python3 >/dev/null || { echo "$1: python3 is needed" >&2; return 1; }
	FET=${FET_CL:-fet-cl}
	have_fet=""
	command -v "$FET" >/dev/null && have_fet=1
	killer=""
	command -v timeout >/dev/null && killer=1
	return 0
}

# tt_fet_run FILE DIR LIMIT SEED: fet-cl on FILE as fet-bench's fetrun.py runs it (FB), its
# output in DIR/fet.out and its files in DIR/fet-out; sets secs, kib, rc and st_fet
# (complete, timeout or error:RC). A fet-cl that hangs past its own limit is stopped.
tt_fet_run() {
	fet_dir=$2; fet_lim=$3
	python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import fetrun
print("\n".join(fetrun.fet_command(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))))' \
		"$FB" "$1" "$fet_dir/fet-out" "$fet_lim" "$4" >"$fet_dir/fet.cmd"
	mkdir -p "$fet_dir/fet-out"
	[ -s "$fet_dir/fet.cmd" ] || echo "$FET" >"$fet_dir/fet.cmd"
	set -f; fet_ifs=$IFS; IFS='
'
	# shellcheck disable=SC2046 # one argument a line
	set -- $(cat "$fet_dir/fet.cmd")
	IFS=$fet_ifs; set +f
	[ -z "$killer" ] || set -- timeout -k 10 $((fet_lim + 120)) "$@"
	timed "$fet_dir/fet.out" "$@" </dev/null
	if [ $rc = 0 ] && grep -q 'Simulation successful' "$fet_dir/fet.out"; then st_fet=complete
	elif [ $rc = 0 ] && grep -q 'Time exceeded' "$fet_dir/fet.out"; then st_fet=timeout
	else st_fet="error:$rc"
	fi
}
