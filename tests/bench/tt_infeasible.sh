#!/bin/sh
# tests/bench/tt_infeasible.sh: district timetables that cannot be made whole, made by
# fet-bench as its README tells: shared teachers who may never change school in a day with
# every course's lessons on different days (`--spread --max-changes-per-day 0`), and
# district research afternoons on classes filled to 35 periods (`--research --class-load
# 35`). For each size: xuequ's solve with a time limit (TT_INFEASIBLE_LIMIT, 10 s): its whole
# time, lessons placed, what a count proved at once, lessons left out (each told with the
# rules in its way); fet-cl on the same file with the same limit, in the same sitting, and
# how it ended. Run by `make bench`; BIN is xuequ; needs python3, fet-bench (FET_BENCH:
# skipped without it), fet-cl when on PATH (or FET_CL). TT_INFEASIBLE_SIZES (small medium),
# TT_SEED (7); BENCH_KEEP keeps the work files.
# shellcheck disable=SC2059 # one row format: meant
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/bench/tt_lib.sh"
SIZES=${TT_INFEASIBLE_SIZES:-small medium}
LIMIT=${TT_INFEASIBLE_LIMIT:-10}
SEED=${TT_SEED:-7}

tt_fet_bench tt_infeasible || exit 0
tt_fet_tools tt_infeasible || exit 1
tt_workdir tt_infeasible

echo "tt_infeasible: fet-bench seed $SEED; time limit $LIMIT s for both (xuequ default --jobs)"
fmt='%-6s %-9s %7s %8s %13s %6s %4s %8s %-9s %s\n'
printf "$fmt" size kind lessons xuequ_s placed/total proved out fet-cl_s fet-cl fet-cl_placed
for size in $SIZES; do
	for kind in spread research; do
		case $kind in
		spread) knobs="--spread --max-changes-per-day 0" ;;
		research) knobs="--research --class-load 35" ;;
		esac
		d="$T/$kind-$size"
		mkdir -p "$d"
		# shellcheck disable=SC2086 # the knobs are words
		if ! python3 "$FB/bench.py" gen --size "$size" --seed "$SEED" $knobs -o "$d/inst" >"$d/gen.out" 2>&1; then
			printf "$fmt" "$size" "$kind" - - "gen failed" - - - - -
			sed 's/^/    /' "$d/gen.out"
			continue
		fi
		db="$d/x.db"
		if ! tt_new_term "$db" >"$d/setup.out" 2>&1 ||
			! "$BIN" --db "$db" timetable import-fet "$d/inst/instance.fet" --create >"$d/import.out" 2>&1; then
			printf "$fmt" "$size" "$kind" - - "import failed" - - - - -
			tail -n 2 "$d/import.out" "$d/setup.out" 2>/dev/null | sed 's/^/    /'
			continue
		fi
		timed "$d/solve.out" "$BIN" --db "$db" timetable solve --time-limit "$LIMIT"
		s_xq=$secs
		line=$(grep "^$TERM_ID: .* lessons placed" "$d/solve.out" | tail -n 1)
		placed=$(echo "$line" | sed -n 's/^[^ ]*: \([0-9]*\) of \([0-9]*\) lessons placed.*/\1\/\2/p')
		total=${placed#*/}
		proved=$(grep -c '^cannot all be placed: ' "$d/solve.out")
		left=$(grep -c "^not placed: " "$d/solve.out")
		s_fet="-"; st_fet="-"; fet_placed="-"
		if [ -n "$have_fet" ]; then
			tt_fet_run "$d/inst/instance.fet" "$d" "$LIMIT" "$SEED"
			s_fet=$secs
			# the most activities fet-cl placed, from its log ("FET reached N activities placed")
			n=$(sed -n 's/.*FET reached \([0-9]*\) activities placed.*/\1/p' "$d/fet-out/logs/max_placed_activities.txt" 2>/dev/null | tail -n 1)
			[ -z "$n" ] || fet_placed="$n/$total"
		fi
		printf "$fmt" "$size" "$kind" "$total" "$s_xq" "${placed:--}" "$proved" "$left" "$s_fet" "$st_fet" "$fet_placed"
		grep '^cannot all be placed: ' "$d/solve.out" | head -n 2 | sed 's/^/    /'
		grep -A 3 '^not placed: ' "$d/solve.out" | grep -v '^--$' | head -n 4 | sed 's/^/    /'
		[ -n "${BENCH_KEEP:-}" ] || rm -rf "$db" "$d/fet-out"
	done
done
exit 0
