# tests/cli/lib.sh: helpers for command-line tests. Each check prints one TAP line.
# Sourced by tests/cli/*.sh and tests/screen/*.sh; BIN is the xuequ binary.
: "${BIN:=$(pwd)/xuequ}"
: "${TOP:=$(pwd)}"
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
: >"$T/empty.conf"
export XUEQU_CONFIG="$T/empty.conf"  # no user config leaks into tests
export XUEQU_TODAY=2026-09-01
export LC_ALL=C.UTF-8
export XDG_CONFIG_HOME="$T/no-personal-config"  # nor the tester's own personal file

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# run CMD...: runs xuequ, keeping stdout in $T/out, stderr in $T/err, status in $rc.
run() { "$BIN" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# expect_rc N NAME
expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok "$2"; else
		notok "$2 (exit $rc, wanted $1)"; sed 's/^/#   /' "$T/err" | head -5; fi
}
# expect_out PATTERN NAME / expect_err PATTERN NAME: grep -E in stdout / stderr
expect_out() {
	if grep -qE -- "$1" "$T/out"; then ok "$2"; else
		notok "$2 (stdout lacks /$1/)"; head -5 "$T/out" | sed 's/^/#   /'; fi
}
expect_err() {
	if grep -qE -- "$1" "$T/err"; then ok "$2"; else
		notok "$2 (stderr lacks /$1/)"; head -5 "$T/err" | sed 's/^/#   /'; fi
}
# same FILE1 FILE2 NAME
same() {
	if cmp -s "$1" "$2"; then ok "$3"; else notok "$3"; diff "$1" "$2" | head -10 | sed 's/^/#   /'; fi
}
# is A B NAME
is() {
	if [ "$1" = "$2" ]; then ok "$3"; else notok "$3 (got '$1', wanted '$2')"; fi
}

# Helpers added for the command-line tests.

# dump_all DB FILE: every entity's export of DB, one after the other, into FILE.
dump_all() {
	: >"$2"
	for _e in schools districts members agreements activities teachers exemptions; do
		echo "## $_e" >>"$2"
		"$BIN" --db "$1" export "$_e" >>"$2" 2>&1
	done
}
# rows DB ENTITY: the number of data rows ENTITY exports from DB (the header not counted).
rows() {
	"$BIN" --db "$1" export "$2" 2>/dev/null | awk 'NR > 1' | wc -l | tr -d ' '
}
# expect_no_err NAME: stderr is empty
expect_no_err() {
	if [ ! -s "$T/err" ]; then ok "$1"; else
		notok "$1 (stderr not empty)"; head -5 "$T/err" | sed 's/^/#   /'; fi
}
# between LOW HIGH VALUE NAME
between() {
	if [ "$3" -ge "$1" ] 2>/dev/null && [ "$3" -le "$2" ]; then ok "$4"; else
		notok "$4 (got '$3', wanted $1 to $2)"; fi
}
