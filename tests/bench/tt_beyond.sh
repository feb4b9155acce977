#!/bin/sh
# tests/bench/tt_beyond.sh: district timetables with what a FET file cannot say: every
# school its own bell times (start, lesson length, a noon break of its own), travel minutes
# for each pair of schools, and shared teachers at three schools (two school changes a day).
# Instances from fet-bench's generator (classes with compact days, lessons of a course on
# different days), grown until the solver no longer places every lesson with xuequ's own
# checker finding nothing, with 10 s and with 60 s; prints each size's result and the largest
# reached with each limit. Run by `make bench`; BIN is xuequ; FET_BENCH is fet-bench.
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/bench/tt_lib.sh"
tt_fet_bench tt_beyond || exit 0
tt_workdir tt_beyond
SEED=${TT_SEED:-7}
# schools x classes a school
SIZES=${TT_BEYOND_SIZES:-"10x18 24x30 50x40 80x40 120x40"}

# make N: one instance in $T/N.db (imported, bells and travel set); its lessons on stdout
make_one() {
	size=$1 schools=${1%x*} classes=${1#*x}
	dir="$T/$size"
	python3 "$FB/bench.py" gen --schools "$schools" --classes-per-school "$classes" --seed "$SEED" \
		--shared-teachers $((schools * 2)) --max-changes-per-day "${TT_BEYOND_CHANGES:-2}" --spread --compact -o "$dir" >/dev/null 2>&1 ||
		return 1
	db="$T/$size.db"
	tt_new_term "$db" >/dev/null &&
		"$BIN" --db "$db" timetable import-fet "$dir/instance.fet" --create >"$T/import.out" 2>&1 || return 1
	# bell times: school k starts at 07:40 + 10 min * (k mod 4), lessons of 40 or 45 min,
	# 10 min between, and after the fourth period a noon break of 90 to 150 min
	"$BIN" --db "$db" export schools -o "$T/schools.csv" --force >/dev/null 2>&1
	tail -n +2 "$T/schools.csv" | cut -d, -f1 | sort >"$T/codes"
	{
		echo "term,school_code,period,start,end"
		k=0
		while read -r code; do
			t=$((460 + 10 * (k % 4))) len=$((40 + 5 * (k % 2))) noon=$((90 + 30 * (k % 3)))
			p=1
			while [ $p -le 7 ]; do
				e=$((t + len))
				printf '%s,%s,%d,%02d:%02d,%02d:%02d\n' "$TERM_ID" "$code" $p $((t / 60)) $((t % 60)) \
					$((e / 60)) $((e % 60))
				if [ $p -eq 4 ]; then t=$((e + noon)); else t=$((e + 10)); fi
				p=$((p + 1))
			done
			k=$((k + 1))
		done <"$T/codes"
	} >"$T/bells.csv"
	"$BIN" --db "$db" import bells "$T/bells.csv" >/dev/null || return 1
	# travel minutes for every pair: 10 to 59, not a straight line's
	{
		echo "from_code,to_code,minutes,note"
		i=0
		while read -r a; do
			j=0
			while read -r b; do
				[ $j -gt $i ] && printf '%s,%s,%d,\n' "$a" "$b" $((10 + (i * 7 + j * 13) % 50))
				j=$((j + 1))
			done <"$T/codes"
			i=$((i + 1))
		done <"$T/codes"
	} >"$T/travel.csv"
	"$BIN" --db "$db" import travel "$T/travel.csv" >/dev/null || return 1
	sed -n 's/.* \([0-9]*\) lessons (.*/\1/p' "$T/import.out"
}

printf "%-9s %8s %8s %12s %-16s %12s %-16s\n" size lessons 3-school "10 s" result "60 s" result
best10="" best60=""
for size in $SIZES; do
	lessons=$(make_one "$size") || { echo "$size: the instance could not be made"; cat "$T/import.out" 2>/dev/null; break; }
	db="$T/$size.db"
	three=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT teacher_id FROM exchange WHERE status = 'approved'
		GROUP BY teacher_id HAVING count(*) >= 2)" 2>/dev/null || echo "?")
	cp "$db" "$T/base.db"
	r10="" r60="" s10="" s60=""
	for limit in 10 60; do
		cp "$T/base.db" "$db"
		timed "$T/solve.out" "$BIN" --db "$db" timetable solve --time-limit $limit --seed 1
		s=$secs
		"$BIN" --db "$db" timetable check >"$T/check.out" 2>&1
		placed=$(sed -n 's/.*: \([0-9]*\) of \([0-9]*\) lessons placed.*/\1\/\2/p' "$T/solve.out" | tail -1)
		if tail -1 "$T/check.out" | grep -q 'no hard violation' && [ "${placed%/*}" = "${placed#*/}" ]; then
			res="all,0-violations"
			[ $limit = 10 ] && best10=$size
			[ $limit = 60 ] && best60=$size
		else
			res="placed-$placed"
		fi
		if [ $limit = 10 ]; then s10=$s r10=$res; else s60=$s r60=$res; fi
	done
	printf "%-9s %8s %8s %12s %-16s %12s %-16s\n" "$size" "$lessons" "$three" "$s10 s" "$r10" "$s60 s" "$r60"
	[ "$best60" = "$size" ] || break
done
echo "largest solved with 10 s: ${best10:-none}; with 60 s: ${best60:-none} (schools x classes a school)"
