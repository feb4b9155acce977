#!/bin/sh
# tests/bench/tt_repair.sh: repair after a change, on a generated district (fet-bench,
# profile school unless TT_REPAIR_PROFILE, size large unless TT_REPAIR_SIZE): the term
# solved, then one in twenty of the shared teachers away on the first day (of those a day
# away leaves a timetable for); `timetable repair` from there: the lessons it moved against
# the least it says had to move, its whole time, and whether xuequ's checker finds the
# result clean. Run by `make bench`; BIN is xuequ; FET_BENCH is fet-bench.
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/bench/tt_lib.sh"
tt_fet_bench tt_repair || exit 0
tt_workdir tt_repair
SIZE=${TT_REPAIR_SIZE:-large}
db="$T/r.db"
python3 "$FB/bench.py" gen --size "$SIZE" --seed "${TT_SEED:-7}" --profile "${TT_REPAIR_PROFILE:-school}" -o "$T/inst" >/dev/null 2>&1 || {
	echo "tt_repair: the instance could not be made"
	exit 1
}
tt_new_term "$db" >/dev/null || exit 1
"$BIN" --db "$db" timetable import-fet "$T/inst/instance.fet" --create >/dev/null || exit 1
"$BIN" --db "$db" timetable solve --seed 1 >/dev/null || { echo "tt_repair: the first solve failed"; exit 1; }
# the shared teachers are those with an exchange; one in twenty of them away on day 1,
# among those who can be: a teacher of a course with a lesson on every day of the week,
# each on a different day, cannot miss a day (the count says so at once, and no repair
# can place it), so those are passed over
"$BIN" --db "$db" export exchanges -o "$T/x.csv" --force >/dev/null
"$BIN" --db "$db" export courses -o "$T/c.csv" --force >/dev/null
days=$("$BIN" --db "$db" export terms | awk -F, 'NR == 2 { print $4 }')
awk -F, -v days="$days" 'NR > 1 && $9 == 1 && $7 >= days {
	n = split($6, t, /[^A-Za-z0-9_-]+/)
	for (i = 1; i <= n; i++) if (t[i] != "") print t[i]
}' "$T/c.csv" | sort -u >"$T/bound"
tail -n +2 "$T/x.csv" | cut -d, -f1 | sort -u >"$T/shared"
n=$(wc -l <"$T/shared")
k=$(((n + 19) / 20))
comm -23 "$T/shared" "$T/bound" >"$T/free"
{
	echo "term,kind,who,school_code,day,period"
	head -n "$k" "$T/free" | while read -r s; do
		p=1
		while [ $p -le 7 ]; do
			echo "$TERM_ID,teacher,$s,,1,$p"
			p=$((p + 1))
		done
	done
} >"$T/away.csv"
"$BIN" --db "$db" import unavailable "$T/away.csv" >/dev/null || exit 1
before=$("$BIN" --db "$db" timetable check 2>&1 | tail -1)
timed "$T/out" "$BIN" --db "$db" timetable repair --seed 1 --time-limit "${TT_REPAIR_LIMIT:-10}"
moved=$(sed -n 's/.*: \([0-9]*\) lessons moved (at least \([0-9]*\) had to).*/\1 \2/p' "$T/out")
after=$("$BIN" --db "$db" timetable check 2>&1 | tail -1)
set -- $moved
echo "repair ($SIZE, $k of $n shared teachers away on day 1, of the $(wc -l <"$T/free") who can be): before: $before"
grep '^not placed\|^  ' "$T/out" | head -6
printf 'moved %s lessons, at least %s had to (%.2fx); %s s whole process, %.0f MiB; after: %s\n' \
	"${1:-?}" "${2:-?}" "$(echo "${1:-0} / (${2:-0} + 0.000001)" | bc -l)" "$secs" "$(echo "${kib:-0} / 1024" | bc -l)" "$after"
