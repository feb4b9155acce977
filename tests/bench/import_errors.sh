#!/bin/sh
# tests/bench/import_errors.sh: peak memory (and wall time) of importing files made only of
# bad rows, four problems a row: the problems are streamed and capped, so memory follows
# the size of the file, not the number of problems. Sizes in MB: $BENCH_BAD_MB (default
# "19 200"). Run by tests/bench/run; BIN is xuequ.
set -u
: "${BIN:=$(pwd)/xuequ}"
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XUEQU_CONFIG="$T/empty.conf" XUEQU_TODAY=2026-09-01 LC_ALL=C.UTF-8
: >"$XUEQU_CONFIG"
db="$T/bad.db"
"$BIN" --db "$db" init >/dev/null || exit 1
printf 'code,name,level,location\n4500000001,城区实验小学,primary,urban\n' >"$T/s.csv"
"$BIN" --db "$db" import schools "$T/s.csv" >/dev/null || exit 1

echo "importing files of bad rows (4 problems a row): peak memory is VmHWM (time -f %M)"
printf '%8s %10s %12s %9s %10s %s\n' file_MB rows problems seconds peak_MiB shown
for mb in ${BENCH_BAD_MB:-19 200}; do
	f="$T/bad-$mb.csv"
	# gender, school, education and birth date all wrong
	awk -v bytes=$((mb * 1024 * 1024)) 'BEGIN {
		print "staff_no,name,gender,school_code,education,birth_date"
		for (i = 1; n < bytes; i++) {
			s = sprintf("E%08d,某某,X,9999999999,none,2020-13-01", i)
			print s
			n += length(s) + 1
		}
	}' >"$f"
	rows=$(($(wc -l <"$f") - 1))
	/usr/bin/time -f '%e %M' -o "$T/time" "$BIN" --db "$db" import teachers "$f" >/dev/null 2>"$T/err"
	read -r s kib <<EOT
$(tail -1 "$T/time")
EOT
	problems=$(tail -1 "$T/err" | sed -n 's/.*: \([0-9]*\) problems; nothing was imported$/\1/p')
	shown=$(grep -c "^xuequ: $f:[0-9]" "$T/err")
	printf '%8s %10s %12s %9s %10.1f %s\n' "$mb" "$rows" "${problems:-?}" "$s" \
		"$(echo "$kib/1024" | bc -l)" "$shown"
	rm -f "$f"
done
