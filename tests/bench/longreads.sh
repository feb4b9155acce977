#!/bin/sh
# tests/bench/longreads.sh: the teacher picker's walk and the plan at city scale, each on a
# thread of its own over a read-only connection as the console runs them, timed apart from
# the console (tests/bench/longreads.c): the median and least time over LR_REPS runs (7)
# and the median of the page faults, which vary far less between runs on a shared machine
# than the times do. LR_DB names a database to read instead of a fresh demo city.
BIN=${BIN:-$(pwd)/xuequ}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
LONGREADS=${LONGREADS:-$TOP/build/bench/longreads}
[ -x "$LONGREADS" ] || { echo "bench: $LONGREADS is missing (make build/bench/longreads)" >&2; exit 1; }
export XUEQU_TODAY=2026-09-01 LC_ALL=C.UTF-8
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-longreads.XXXXXX")
trap 'rm -rf "$T"' EXIT
db=${LR_DB:-}
if [ -z "$db" ]; then
	db=$T/city.db
	"$BIN" --db "$db" init --demo=city >/dev/null || exit 1
fi
echo "long reads of the Exchanges pane on a thread of their own, year 2026-2027 (${LR_DB:-demo city}):"
"$LONGREADS" "$db" 2026-2027 "${LR_REPS:-7}"
