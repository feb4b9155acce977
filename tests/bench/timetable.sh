#!/bin/sh
# tests/bench/timetable.sh: a term's timetable on generated district instances (fet-bench,
# sizes small/medium/large, profiles basic/school/full): xuequ's whole job, import of the
# .fet file, solve, export of the lessons, timed as one (with each step's share) and its peak
# memory; the placement checked by fet-bench's own validator; fet-cl on the same file in the
# same sitting, its wall time and peak memory, and the ratio fet-cl time / xuequ time. Then
# what the second core brings: the same solve from the same import with --jobs 1 and
# --jobs 2 by turns, the best of a few runs of each, the whole command's time and the
# search's own.
# Run by `make bench`; BIN is xuequ; needs python3, fet-bench (FET_BENCH, default
# ../shared/fet-bench: skipped without it) and fet-cl when on PATH (or FET_CL).
# TT_SIZES, TT_PROFILES, TT_SEED (a list), TT_LIMIT (xuequ's, 60 s), TT_FET_LIMIT (600 s);
# TT_CORES=0 leaves out the --jobs 1 / --jobs 2 comparison (left out on one core),
# TT_CORES_RUNS its runs of each (3); TT_RUNS (3): an instance whose fet-cl run took under
# TT_RUNS_UNDER seconds (30) is run again by both, from a fresh import, and each side's
# best whole time kept (a run of a second or two moves by half on a shared machine);
# BENCH_KEEP keeps the work files. Exits 0 when a solve fails: the row shows it.
# shellcheck disable=SC2046,SC2059 # splitting "seconds KiB" pairs, one row format: meant
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/bench/tt_lib.sh"
SIZES=${TT_SIZES:-small medium large}
PROFILES=${TT_PROFILES:-basic school full}
SEEDS=${TT_SEED:-7}
XQ_LIMIT=${TT_LIMIT:-60}
FET_LIMIT=${TT_FET_LIMIT:-600}

tt_fet_bench timetable || exit 0
tt_fet_tools timetable || exit 1
tt_workdir timetable
cores=$(nproc 2>/dev/null || echo 1)
compare_cores=""
[ "${TT_CORES:-1}" != 0 ] && [ "$cores" -ge 2 ] && compare_cores=1

# note TEXT: a line under the instance's row
note() { echo "$*" >>"$d/notes"; }

# calc EXPR: awk arithmetic, printed with 2 decimals; mib KIB: in MiB
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
mib() { awk "BEGIN { printf \"%.1f\", $1 / 1024 }"; }

# second_core: the instance's solve from its import on one thread, then on two, TT_CORES_RUNS
# times (default 3) by turns, the best of each kept (the machine may be shared); a line with
# both whole commands' seconds, the search's own (the solve line's) and the ratios
second_core() {
	b1=""; b2=""; o1=""; o2=""
	run=0
	while [ $run -lt "${TT_CORES_RUNS:-3}" ]; do
		run=$((run + 1))
		for j in 1 2; do
			cp "$d/imported.db" "$d/jobs.db"
			timed "$d/jobs$j.out" "$BIN" --db "$d/jobs.db" timetable solve --time-limit "$XQ_LIMIT" --jobs $j
			[ $rc = 0 ] || echo "    --jobs $j: exit $rc: $(tail -n 1 "$d/jobs$j.out")"
			own=$(grep "^$TERM_ID: .* lessons placed" "$d/jobs$j.out" | tail -n 1 | sed -n 's/.*; \([0-9.]*\) s$/\1/p')
			if [ $j = 1 ]; then
				b1=$(least "$b1" "$secs"); o1=$(least "$o1" "${own:-0}")
			else
				b2=$(least "$b2" "$secs"); o2=$(least "$o2" "${own:-0}")
			fi
		done
	done
	echo "    second core (best of ${TT_CORES_RUNS:-3}): solve $b1 s with --jobs 1, $b2 s with --jobs 2:" \
		"$(ratio_of "$b1" "$b2"); the search $o1 s and $o2 s: $(ratio_of "$o1" "$o2")"
}

# least A B: the smaller of two numbers, A may be empty
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }

# xq_run [again]: xuequ's whole job on the instance from a fresh term: import (a copy kept
# in imported.db for second_core), solve, export; each timed and summed, the peak the
# largest. Sets s_imp, s_sol, s_exp, s_xq, k_max, mib_xq, solve_rc and solve_line (again:
# again_line, and only the times; the first run's files are kept)
xq_run() {
	if [ -n "${1:-}" ]; then
		r="$d/again"; mkdir -p "$r"
		tt_new_term "$r/x.db" >"$r/setup.out" 2>&1 || { solve_rc=1; again_line=""; return; }
		xdb="$r/x.db"
	else
		r="$d"; xdb="$db"
	fi
	timed "$r/import.out" "$BIN" --db "$xdb" timetable import-fet "$d/inst/instance.fet" --create
	s_imp=$secs; k_max=$kib
	[ $rc = 0 ] || [ -n "${1:-}" ] || note "import-fet: exit $rc: $(tail -n 1 "$r/import.out")"
	[ -n "${1:-}" ] || [ -z "$compare_cores" ] || cp "$xdb" "$d/imported.db"
	timed "$r/solve.out" "$BIN" --db "$xdb" timetable solve --time-limit "$XQ_LIMIT"
	s_sol=$secs; [ "$kib" -gt "$k_max" ] && k_max=$kib
	solve_rc=$rc
	line=$(grep "^$TERM_ID: .* lessons placed" "$r/solve.out" | tail -n 1 | sed 's/; [0-9.]* s$//')
	if [ -n "${1:-}" ]; then
		again_line=$line
	else
		solve_line=$line; first_line=$line
		[ $rc = 0 ] || note "solve: exit $rc: ${solve_line:-$(tail -n 1 "$r/solve.out")}"
	fi
	rm -f "$r/lessons.csv"
	timed "$r/export.out" "$BIN" --db "$xdb" export lessons -o "$r/lessons.csv" --force
	s_exp=$secs; [ "$kib" -gt "$k_max" ] && k_max=$kib
	[ $rc = 0 ] || [ -n "${1:-}" ] || note "export lessons: exit $rc: $(tail -n 1 "$r/export.out")"
	s_xq=$(calc "$s_imp + $s_sol + $s_exp")
	mib_xq=$(mib "$k_max")
	[ -z "${1:-}" ] || rm -rf "$r"
}

if [ -n "$have_fet" ]; then
	fetv="fet-cl $(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import fetrun; print(fetrun.fet_version())' "$FB"), limit $FET_LIMIT s"
else
	fetv="no $FET on PATH: fet-cl not run"
fi
echo "timetable: fet-bench instances, seed $SEEDS; xuequ --time-limit $XQ_LIMIT (default --jobs); $fetv; $cores cores"
fmt='%-6s %-7s %4s %7s %8s %-22s %7s %13s %5s %9s %8s %-9s %7s\n'
printf "$fmt" size profile seed lessons xuequ_s "(import+solve+export)" xq_MiB placed/total viol fet-cl_s fet_MiB fet-cl ratio
bad=0
runs=0
for seed in $SEEDS; do
for prof in $PROFILES; do
for size in $SIZES; do
	runs=$((runs + 1))
	d="$T/$prof-$size-$seed"
	mkdir -p "$d"
	: >"$d/notes"
	if ! python3 "$FB/bench.py" gen --size "$size" --seed "$seed" --profile "$prof" -o "$d/inst" >"$d/gen.out" 2>&1; then
		printf "$fmt" "$size" "$prof" "$seed" - - "gen failed" - - - - - - -
		sed 's/^/    /' "$d/gen.out"
		bad=$((bad + 1))
		continue
	fi
	lessons=$(sed -n 's/.* \([0-9][0-9]*\) lessons$/\1/p' "$d/gen.out")
	db="$d/x.db"
	if ! tt_new_term "$db" >"$d/setup.out" 2>&1; then
		printf "$fmt" "$size" "$prof" "$seed" "$lessons" - "setup failed" - - - - - - -
		sed 's/^/    /' "$d/setup.out"
		bad=$((bad + 1))
		continue
	fi

	xq_run

	# the placement, checked by fet-bench's validator
	placed="-"; viol="-"
	if [ -s "$d/lessons.csv" ] &&
		python3 "$TOP/tests/bench/tt_placement.py" "$d/inst/instance.json" "$d/lessons.csv" "$d/placement.json" 2>"$d/conv.out"; then
		python3 "$FB/bench.py" validate "$d/inst/instance.json" "$d/placement.json" --details 50 >"$d/valid.out" 2>&1
		line=$(head -n 1 "$d/valid.out")
		case $line in
		"placed "*)
			set -- $(echo "$line" | sed 's/^placed \([0-9]*\/[0-9]*\), violations \([0-9]*\).*/\1 \2/')
			placed=$1; viol=$2
			if [ "$viol" != 0 ]; then
				note "validator: $line"
				sed 1d "$d/valid.out" | grep -v '^ *unplaced:' | head -n 5 >>"$d/notes"
				[ $solve_rc != 0 ] || note "xuequ said: $solve_line"
			fi ;;
		*)	note "validator failed: $line" ;;
		esac
	else
		note "no placement: $(cat "$d/conv.out" 2>/dev/null)"
	fi
	[ "$viol" = 0 ] && [ $solve_rc = 0 ] || bad=$((bad + 1))

	# fet-cl on the same file, the exact invocation of fet-bench's fetrun.py
	s_fet="-"; mib_fet="-"; st_fet="-"; ratio="-"; best_of=""
	if [ -n "$have_fet" ]; then
		tt_fet_run "$d/inst/instance.fet" "$d" "$FET_LIMIT" "$seed"
		s_fet=$secs; mib_fet=$(mib "$kib")
		case $st_fet in error*) note "fet-cl: exit $rc: $(tail -n 1 "$d/fet.out")" ;; esac
		# a short instance again, by turns, each side's best kept
		run=1
		if [ "$st_fet" = complete ] && [ $solve_rc = 0 ] &&
			awk -v s="$s_fet" -v u="${TT_RUNS_UNDER:-30}" 'BEGIN { exit !(s < u) }'; then
			while [ $run -lt "${TT_RUNS:-3}" ]; do
				run=$((run + 1))
				keep="$s_xq $s_imp $s_sol $s_exp $k_max"
				xq_run again
				set -- $keep
				# a run that ended otherwise than the first (validated) is not timed
				if [ $solve_rc != 0 ] || [ "$again_line" != "$first_line" ]; then
					note "run $run: the solve ended otherwise: ${again_line:-exit $solve_rc}"
					s_xq=$1; s_imp=$2; s_sol=$3; s_exp=$4; solve_rc=0
				elif awk -v a="$s_xq" -v b="$1" 'BEGIN { exit !(a + 0 >= b + 0) }'; then
					s_xq=$1; s_imp=$2; s_sol=$3; s_exp=$4
				fi
				k_max=$5; mib_xq=$(mib "$k_max")
				fet_best=$s_fet
				tt_fet_run "$d/inst/instance.fet" "$d" "$FET_LIMIT" "$seed"
				if [ "$st_fet" = complete ]; then s_fet=$(least "$fet_best" "$secs")
				else note "fet-cl run $run: $st_fet"; s_fet=$fet_best
				fi
				st_fet=complete
			done
			best_of=1
		fi
		ratio=$(ratio_of "$s_fet" "$s_xq")
		[ -n "${BENCH_KEEP:-}" ] || rm -rf "$d/fet-out"
	fi
	printf "$fmt" "$size" "$prof" "$seed" "$lessons" "$s_xq" "($s_imp+$s_sol+$s_exp)" "$mib_xq" "$placed" "$viol" \
		"$s_fet" "$mib_fet" "$st_fet" "$ratio"
	[ -z "$best_of" ] || note "times the best of $run runs each"
	sed 's/^/    /' "$d/notes"
	[ -z "$compare_cores" ] || second_core
	[ -n "${BENCH_KEEP:-}" ] || rm -f "$db" "$d/lessons.csv" "$d/imported.db" "$d/jobs.db"
done
done
done
[ $bad = 0 ] || echo "timetable: $bad of $runs instances not placed in full without violations"
exit 0
