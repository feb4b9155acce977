#!/bin/sh
# tests/bench/corpus.sh: the real school timetables that Debian's fet-data installs, each
# into a fresh term: import-fet (a file with a hard rule of a kind xuequ does not enforce is
# refused, and counted), import and solve timed together; the solved term written back with
# every lesson locked (export-fet --locked) and fet-cl asked to confirm it ("Simulation
# successful"); fet-cl on the original file for its time, and the ratio fet-cl time / xuequ
# time; then the counts and the median ratio over the files both solved. Where fet-cl solves
# a file xuequ does not, fet-cl's timetable is put under xuequ's rules the other way round.
# Run by `make bench`; BIN is xuequ; needs fet-data (skipped without it), fet-cl when on PATH
# (or FET_CL). CORPUS_FILES: paths, or parts of the corpus's paths, one word each; else
# CORPUS_MAX (40) files, smallest first, none over 2 MB. CORPUS_LIMIT (xuequ's, 60 s),
# CORPUS_FET_LIMIT (fet-cl on the original, 120 s), CORPUS_FET_UNSOLVED_LIMIT (fet-cl on
# a file xuequ did not solve, 600 s: whether fet-cl solves it in ten minutes, which a file
# xuequ leaves must not), CORPUS_UNSOLVED_LIMIT (xuequ again on such a file that fet-cl
# solves, from the same import: as long, 600 s; 0 leaves it out), CORPUS_CONFIRM_LIMIT
# (60 s); BENCH_KEEP keeps the work files.
# shellcheck disable=SC2046,SC2059 # splitting "seconds KiB" pairs, one row format: meant
set -u
: "${BIN:=$(pwd)/xuequ}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/bench/tt_lib.sh"
MAX=${CORPUS_MAX:-40}
XQ_LIMIT=${CORPUS_LIMIT:-60}
FET_LIMIT=${CORPUS_FET_LIMIT:-120}
FET_UNSOLVED_LIMIT=${CORPUS_FET_UNSOLVED_LIMIT:-600}
XQ_UNSOLVED_LIMIT=${CORPUS_UNSOLVED_LIMIT:-$FET_UNSOLVED_LIMIT}
CONFIRM_LIMIT=${CORPUS_CONFIRM_LIMIT:-60}
FET=${FET_CL:-fet-cl}
EX=/usr/share/doc/fet-data/examples

if ! command -v dpkg >/dev/null || ! dpkg -L fet-data >/dev/null 2>&1; then
	echo "corpus: Debian package fet-data is not installed: corpus benchmark skipped"
	exit 0
fi
tt_workdir corpus
have_fet=""
command -v "$FET" >/dev/null && have_fet=1
have_timeout=""
command -v timeout >/dev/null && have_timeout=1

# fet FILE OUTDIR LIMIT: fet-cl as fet-bench runs it (its README's invocation, FET seed 1);
# sets secs, kib, rc and fst (complete, timeout or error:RC); output in OUTDIR.out
fet() {
	o=$2.out; lim=$3
	rm -rf "$2"; mkdir -p "$2"
	set -- "$FET" --inputfile="$1" --outputdir="$2" --timelimitseconds="$3" \
		--htmllevel=0 --writetimetableconflicts=true --writetimetablesstatistics=false \
		--writetimetablesxml=true --writetimetablesdayshorizontal=false --writetimetablesdaysvertical=false \
		--writetimetablestimehorizontal=false --writetimetablestimevertical=false --exportcsv=false \
		--language=en_US --verbose=false \
		--randomseeds10=695339060 --randomseeds11=2012430483 --randomseeds12=4199276135 \
		--randomseeds20=2700411763 --randomseeds21=2433405916 --randomseeds22=4010510559
	# a fet-cl that hangs past its own limit is stopped
	[ -z "$have_timeout" ] || set -- timeout -k 10 $((lim + 120)) "$@"
	timed "$o" "$@" </dev/null
	if [ $rc = 0 ] && grep -q 'Simulation successful' "$o"; then fst=complete
	elif [ $rc = 0 ] && grep -q 'Time exceeded' "$o"; then fst=timeout
	else fst="error:$rc"
	fi
}

# solve_in LIMIT: xuequ's solve of $db; sets s_sol, s_xq (with the import's s_imp),
# solve_rc, counts (empty when no count line), placed, hard, ok (yes: all placed, none broken)
solve_in() {
	timed "$d/solve.out" "$BIN" --db "$db" timetable solve --time-limit "$1"
	solve_rc=$rc; s_sol=$secs
	s_xq=$(awk -v a="$s_imp" -v b="$secs" 'BEGIN { printf "%.2f", a + b }')
	counts=$(sed -n 's/^[^ ]*: \([0-9]*\) of \([0-9]*\) lessons placed.*; \([0-9]*\) hard violations.*/\1 \2 \3/p' "$d/solve.out" | tail -n 1)
	placed="-"; hard="-"; ok=no
	[ -n "$counts" ] || return 0
	set -- $counts
	placed="$1/$2"; hard=$3
	[ "$1" = "$2" ] && [ "$3" = 0 ] && [ $solve_rc = 0 ] && ok=yes
	return 0
}

# confirm: the solved term, every lesson locked, given to fet-cl; sets conf (yes/no) and
# conf_st (fet-cl's end: complete, timeout or error:RC)
confirm() {
	conf=no; conf_st=-
	if "$BIN" --db "$db" timetable export-fet "$d/locked.fet" --locked --force >"$d/export.out" 2>&1; then
		fet "$d/locked.fet" "$d/confirm" "$CONFIRM_LIMIT"
		conf_st=$fst
		[ "$fst" = complete ] && { conf=yes; confirmed=$((confirmed + 1)); }
	fi
	return 0
}

# reverse: fet-cl's own timetable of a file xuequ did not solve (its data-and-timetable file:
# every activity held to fet-cl's start and room by a rule) imported into a fresh term and
# placed there: whether xuequ's rules let fet-cl's timetable stand. When they do not, the two
# read a rule differently, and no search of xuequ's could have solved the file.
reverse() {
	rev="$d/orig/timetables/orig/orig_data_and_timetable.fet"
	if [ ! -f "$rev" ]; then
		echo "    fet-cl's timetable under xuequ's rules: fet-cl wrote none"
		return 0
	fi
	rdb="$d/reverse.db"
	if ! tt_new_term "$rdb" >"$d/reverse.out" 2>&1 ||
		! "$BIN" --db "$rdb" timetable import-fet "$rev" --create >"$d/reverse.out" 2>&1; then
		echo "    fet-cl's timetable under xuequ's rules: not imported: $(tail -n 1 "$d/reverse.out")"
		return 0
	fi
	"$BIN" --db "$rdb" timetable solve --jobs 1 --time-limit "$CONFIRM_LIMIT" >"$d/reverse.out" 2>&1
	line=$(sed -n 's/^[^ ]*: \([0-9]* of [0-9]* lessons placed.*\)/\1/p' "$d/reverse.out" | tail -n 1)
	echo "    fet-cl's timetable under xuequ's rules: ${line:-$(tail -n 1 "$d/reverse.out")}"
	case $line in
	*" 0 hard violations"*) ;;
	*) "$BIN" --db "$rdb" timetable check 2>&1 | head -n 3 | sed 's/^/      /' ;;
	esac
	rm -f "$rdb"
	return 0
}

# the files: named, or the smallest CORPUS_MAX up to 2 MB
dpkg -L fet-data | grep '\.fet$' | while IFS= read -r f; do
	[ -f "$f" ] && printf '%s\t%s\n' "$(wc -c <"$f" | tr -d ' ')" "$f"
done | sort -t "$(printf '\t')" -k1,1n -k2,2 >"$T/all"
if [ -n "${CORPUS_FILES:-}" ]; then
	: >"$T/list"
	for w in $CORPUS_FILES; do
		if [ -f "$w" ]; then echo "$w" >>"$T/list"
		else cut -f2 "$T/all" | grep -F -- "$w" >>"$T/list" || echo "corpus: no file matches $w" >&2
		fi
	done
else
	awk -F '\t' -v max="$MAX" '$1 <= 2097152 && n < max { print $2; n++ }' "$T/all" >"$T/list"
fi
nfiles=$(wc -l <"$T/list" | tr -d ' ')
if [ -n "$have_fet" ]; then
	fetv="$FET, limit $FET_LIMIT s ($FET_UNSOLVED_LIMIT s where xuequ does not solve; confirm $CONFIRM_LIMIT s)"
else
	fetv="no $FET on PATH: fet-cl not run"
fi
echo "corpus: $nfiles of $(wc -l <"$T/all" | tr -d ' ') fet-data files; xuequ --time-limit $XQ_LIMIT; $fetv"
fmt='%5s %8s %13s %5s %-7s %9s %-9s %-9s %8s  %s\n'
printf "$fmt" acts xuequ_s placed hard solved fet-cl_s fet-cl confirmed ratio file
n=0; imported=0; refused=0; failed=0; solved=0; solved_again=0; confirmed=0
: >"$T/ratios"
: >"$T/missed"
while IFS= read -r f; do
	n=$((n + 1))
	name=${f#"$EX"/}
	d="$T/$n"
	mkdir -p "$d"
	acts=$(grep -c '<Activity>' "$f")
	db="$d/x.db"
	if ! tt_new_term "$db" >"$d/setup.out" 2>&1; then
		printf "$fmt" "$acts" - - - - - - - - "$name"
		sed 's/^/    setup failed: /' "$d/setup.out"
		failed=$((failed + 1))
		continue
	fi
	timed "$d/import.out" "$BIN" --db "$db" timetable import-fet "$f" --create
	s_imp=$secs
	if [ $rc != 0 ]; then
		line=$(head -n 1 "$d/import.out")
		line=${line#xuequ: }; line=${line#"$f"}; line=${line#:}
		case $line in [0-9]*) line="line $line" ;; esac
		if [ $rc = 1 ]; then
			refused=$((refused + 1)); what=refused
		else
			failed=$((failed + 1)); what="FAILED (exit $rc)"
		fi
		printf "$fmt" "$acts" - - - "$what" - - - - "$name"
		echo "    $what: ${line# }"
		continue
	fi
	imported=$((imported + 1))
	[ -z "$have_fet" ] || cp "$db" "$d/imported.db"
	solve_in "$XQ_LIMIT"
	[ $ok = yes ] && solved=$((solved + 1))

	s_fet="-"; fst="-"; conf="-"; ratio="-"; again=""
	if [ -n "$have_fet" ]; then
		[ $ok = no ] || confirm
		cp "$f" "$d/orig.fet"
		# a file xuequ leaves: does fet-cl solve it in its longer limit?
		if [ $ok = yes ]; then lim=$FET_LIMIT; else lim=$FET_UNSOLVED_LIMIT; fi
		fet "$d/orig.fet" "$d/orig" "$lim"
		s_fet=$secs; fet_st=$fst
		# it does: xuequ as long on it, from the same import
		if [ $ok = no ] && [ "$fet_st" = complete ] && [ "$XQ_UNSOLVED_LIMIT" != 0 ]; then
			again="not solved in $XQ_LIMIT s ($placed placed, $hard hard violations);"
			cp "$d/imported.db" "$db"
			solve_in "$XQ_UNSOLVED_LIMIT"
			if [ $ok = yes ]; then
				again="$again solved in $s_sol s with $XQ_UNSOLVED_LIMIT s"
				solved=$((solved + 1)); solved_again=$((solved_again + 1))
				confirm
			else
				again="$again with $XQ_UNSOLVED_LIMIT s: $placed placed, $hard hard violations"
			fi
		fi
		fst=$fet_st
		[ $ok = yes ] || [ "$fst" != complete ] || echo "$name (fet-cl $s_fet s)" >>"$T/missed"
		[ $ok = yes ] || [ "$fst" != complete ] || reverse >"$d/reverse.txt"
		case $fst in error*) ;;
		*) ratio=$(ratio_of "$s_fet" "$s_xq") ;;
		esac
		if [ $ok = yes ] && [ "$fst" = complete ]; then
			awk -v f="$s_fet" -v x="$s_xq" 'BEGIN { if (x < 0.01) x = 0.01; print f / x }' >>"$T/ratios"
		fi
		[ -n "${BENCH_KEEP:-}" ] || rm -rf "$d/orig" "$d/confirm" "$d/imported.db"
	fi
	printf "$fmt" "$acts" "$s_xq" "$placed" "$hard" "$ok" "$s_fet" "$fst" "$conf" "$ratio" "$name"
	[ -z "$again" ] || echo "    xuequ: $again"
	[ ! -s "$d/reverse.txt" ] || cat "$d/reverse.txt"
	if [ $solve_rc != 0 ] && [ -z "$counts" ]; then
		echo "    solve: exit $solve_rc: $(tail -n 1 "$d/solve.out")"
	fi
	# a solve that keeps looking for a better week for soft rules may use its whole time
	soft=$(sed -n 's/^[^ ]*: soft rules not kept: \([1-9][0-9]* times\)$/\1/p' "$d/solve.out" | tail -n 1)
	score=$(sed -n 's/^[^ ]*: .* lessons placed.*; soft score \([0-9.]*\); .*/\1/p' "$d/solve.out" | tail -n 1)
	[ -z "$soft" ] || echo "    xuequ: soft rules not kept $soft, soft score $score"
	case $fst in error*) echo "    fet-cl: $(grep -v '^ *$' "$d/orig.out" | tail -n 1)" ;; esac
	if [ "$conf" = no ]; then
		if [ -s "$d/confirm.out" ]; then
			echo "    fet-cl on the locked export: $conf_st: $(grep -v '^ *$' "$d/confirm.out" | tail -n 1)"
		else
			echo "    export-fet --locked: $(tail -n 1 "$d/export.out")"
		fi
	fi
	[ -n "${BENCH_KEEP:-}" ] || rm -f "$db"
done <"$T/list"

med=$(sort -n "$T/ratios" | awk '{ v[NR] = $1 } END {
	if (NR == 0) print "-"
	else if (NR % 2) print v[(NR + 1) / 2]
	else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
[ "$med" = - ] || med=$(ratio_of "$med" 1)
again_note=""
[ "$XQ_UNSOLVED_LIMIT" = 0 ] || [ -z "$have_fet" ] || again_note=" ($solved_again of them in $XQ_UNSOLVED_LIMIT s, not in $XQ_LIMIT)"
echo "corpus: $n files: $imported imported, $refused refused, $failed failed; $solved solved$again_note, $confirmed confirmed by fet-cl; median fet-cl/xuequ time over the $(wc -l <"$T/ratios" | tr -d ' ') both solved: $med"
if [ -n "$have_fet" ]; then
	echo "corpus: solved by fet-cl, not by xuequ: $(wc -l <"$T/missed" | tr -d ' ')"
	sed 's/^/    /' "$T/missed"
fi
exit 0
