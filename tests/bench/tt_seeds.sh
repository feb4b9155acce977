#!/bin/sh
# tests/bench/tt_seeds.sh: how far a solve's time spreads from seed to seed, on fet-data
# files where it spreads most. Each file imported once; then, from a copy of that import,
# `timetable solve --jobs 1` from each seed with each way of beginning (--start greedy, and
# --start fet), and the default race of two threads (--jobs 2), each its time to every lesson
# placed with no hard rule broken (the solve's own seconds), or "-" when its time limit came
# first. Per file and way: the seeds solved, the fastest, the median (over all seeds, an
# unsolved one counted as the limit) and the slowest. A race from seed N begins greedy from
# N and as FET from N + 1, and ends when the one done first by the solver's work clock is
# (the same seed, the same timetable), which may be later by the wall than either alone. A
# search whose times spread far, a few seeds quick and a few never done, is one that
# restarts would help. Run by `make bench`; BIN is xuequ; needs fet-data (skipped
# without it). SEEDS_FILES: paths, or parts of the corpus's paths, one word each (default
# FGPS.fet, dgspro200809.fet and Brazil-more-difficult.fet); SEEDS_N seeds from 1 (4);
# SEEDS_LIMIT seconds a solve may take (30); BENCH_KEEP keeps the work files.
# shellcheck disable=SC2059 # one row format: meant
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/bench/tt_lib.sh"
FILES=${SEEDS_FILES:-FGPS.fet dgspro200809.fet Brazil-more-difficult.fet}
N=${SEEDS_N:-4}
LIMIT=${SEEDS_LIMIT:-30}

case $N in '' | *[!0-9]* | 0 | 0*) echo "tt_seeds: SEEDS_N is a number of seeds from 1, not '$N'" >&2; exit 2 ;; esac
case $LIMIT in '' | *[!0-9]* | 0 | 0*) echo "tt_seeds: SEEDS_LIMIT is whole seconds from 1, not '$LIMIT'" >&2; exit 2 ;; esac
if ! command -v dpkg >/dev/null || ! dpkg -L fet-data >/dev/null 2>&1; then
	echo "tt_seeds: Debian package fet-data is not installed: skipped"
	exit 0
fi
tt_workdir tt_seeds
dpkg -L fet-data | grep '\.fet$' >"$T/all"

echo "tt_seeds: seeds 1 to $N, xuequ --time-limit $LIMIT; seconds to solved, - when not"
fmt='%-28s %-14s %7s %7s %7s %7s  %s\n'
printf "$fmt" file way solved fastest median slowest "by seed"
for w in $FILES; do
	if [ -f "$w" ]; then f=$w
	else f=$(grep -F -- "$w" "$T/all" | head -n 1)
	fi
	if [ -z "$f" ] || [ ! -f "$f" ]; then
		echo "tt_seeds: no file matches $w" >&2
		continue
	fi
	name=$(basename "$f")
	base="$T/base.db"
	if ! tt_new_term "$base" >"$T/setup.out" 2>&1 ||
		! "$BIN" --db "$base" timetable import-fet "$f" --create >"$T/import.out" 2>&1; then
		echo "$name: not imported: $(tail -n 1 "$T/import.out")"
		continue
	fi
	for way in greedy fet race; do
		: >"$T/times"
		row=""
		s=1
		while [ "$s" -le "$N" ]; do
			db="$T/s.db"
			rm -f "$db" "$db-wal" "$db-shm"
			cp "$base" "$db"
			case $way in
			race) set -- --jobs 2 ;;
			*) set -- --jobs 1 --start "$way" ;;
			esac
			timed "$T/solve.out" "$BIN" --db "$db" timetable solve --seed "$s" --time-limit "$LIMIT" "$@"
			if [ "$rc" = 0 ] && grep -q ' 0 hard violations' "$T/solve.out"; then
				t=$(sed -n 's/^[^ ]*: .* lessons placed.*; \([0-9.]*\) s$/\1/p' "$T/solve.out" | tail -n 1)
				echo "${t:-$secs} 1" >>"$T/times"
				row="$row ${t:-$secs}"
			else
				echo "$LIMIT 0" >>"$T/times"
				row="$row -"
			fi
			s=$((s + 1))
		done
		sort -n "$T/times" | awk -v fmt="$fmt" -v name="$name" -v way="$way" -v row="$row" '
			BEGIN { fast = -1; slow = -1 }
			{ t[NR] = $1; ok += $2; if ($2 && (fast < 0 || $1 + 0 < fast)) fast = $1 + 0; if ($2 && $1 + 0 > slow) slow = $1 + 0 }
			END {
				med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
				printf fmt, substr(name, 1, 28), way, ok "/" NR, fast < 0 ? "-" : sprintf("%.2f", fast),
					sprintf("%.2f", med), ok < NR ? "-" : sprintf("%.2f", slow), row
			}'
	done
	rm -f "$base" "$base-wal" "$base-shm"
done
exit 0
