# tests/cli/lib.sh: helpers for command-line tests. Each check prints one TAP line.
# Sourced by tests/cli/*.sh and tests/screen/*.sh; BIN is the xuequ binary.
: "${BIN:=$(pwd)/xuequ}"
: "${TOP:=$(pwd)}"
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XUEQU_CONFIG="$T/none.conf"   # no user config leaks into tests
export XUEQU_TODAY=2026-09-01
export LC_ALL=C.UTF-8
unset XDG_CONFIG_HOME

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
