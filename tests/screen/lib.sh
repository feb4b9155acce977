# tests/screen/lib.sh: drive the real console in a private tmux server and look at the
# screen. Sourced by tests/screen/*.sh after tests/cli/lib.sh (TAP helpers, $T, $BIN).
# Every wait is bounded: the screen is polled until it shows what is expected.

: "${XUEQU_LOCALEDIR:=$TOP/build/locale}"
export XUEQU_LOCALEDIR
# Each console gets a tmux server of its own: a server whose last session was just killed
# may still be exiting, and a new session asked of it then fails.
SOCK_BASE="xq$$"
NSTART=0
SOCK="$SOCK_BASE-0"
SOCKS=""
WAIT=${SCREEN_WAIT:-15} # seconds a screen may take (sanitizer builds are slow)

# The panel library keeps its bottom pseudo-panel for the life of the process.
printf 'leak:new_panel\n' >"$T/lsan.supp"
export LSAN_OPTIONS="suppressions=$T/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

tm() { tmux -L "$SOCK" "$@"; }
trap 'for s in $SOCKS; do tmux -L "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT

# A demo county database, and names from it that the tests use.
make_demo() {
	"$BIN" --db "$T/d.db" init --demo >/dev/null 2>"$T/init.err" || {
		notok "creating the demo county"; sed 's/^/#   /' "$T/init.err"; exit 1; }
	"$BIN" --db "$T/d.db" export schools >"$T/schools.csv"
	"$BIN" --db "$T/d.db" export members >"$T/members.csv"
	"$BIN" --db "$T/d.db" export districts >"$T/districts.csv"
	# the first district in the list's order (names by pinyin, as the export has them)
	FIRST_DISTRICT=$(tail -n +2 "$T/districts.csv" | cut -d, -f1 | head -1)
	# a current member school, its district, and a school in no district
	awk -F, 'NR > 1 && $5 == "" { print $2 "," $1 }' "$T/members.csv" >"$T/current"
	MEMBER_CODE=$(head -1 "$T/current" | cut -d, -f1)
	MEMBER_DISTRICT=$(head -1 "$T/current" | cut -d, -f2)
	MEMBER_NAME=$(awk -F, -v c="$MEMBER_CODE" '$1 == c { print $2 }' "$T/schools.csv")
	FREE_CODE=$(awk -F, 'NR == FNR { m[$1] = 1; next } FNR > 1 && !($1 in m) { print $1; exit }' \
		"$T/current" "$T/schools.csv")
	FREE_NAME=$(awk -F, -v c="$FREE_CODE" '$1 == c { print $2 }' "$T/schools.csv")
	FREE2_CODE=$(awk -F, 'NR == FNR { m[$1] = 1; next } FNR > 1 && !($1 in m) { n++; if (n == 2) { print $1; exit } }' \
		"$T/current" "$T/schools.csv")
	FREE2_NAME=$(awk -F, -v c="$FREE2_CODE" '$1 == c { print $2 }' "$T/schools.csv")
}

# conf LANG: a configuration file with [ui] language = LANG; prints its path.
conf() {
	printf '[ui]\nlanguage = %s\n' "$1" >"$T/$1.conf"
	echo "$T/$1.conf"
}

# start COLS ROWS CONFIG [ARGS...]: the console on $T/d.db in a new tmux session;
# $START_ENV (e.g. NO_COLOR=1) is put before the command.
start() {
	cols=$1 rows=$2 cfg=$3
	shift 3
	NSTART=$((NSTART + 1))
	SOCK="$SOCK_BASE-$NSTART"
	SOCKS="$SOCKS $SOCK"
	rm -f "$T/rc"
	: >"$T/stderr"
	tm -f /dev/null new-session -d -s xq -x "$cols" -y "$rows" \
		"${START_ENV:-} XUEQU_CONFIG='$cfg' '$BIN' --db '$T/d.db' $* 2>'$T/stderr'; echo \$? >'$T/rc'; sleep 60"
	tm set-option -t xq status off >/dev/null
}

screen() { tm capture-pane -p -t xq; }
keys() { tm send-keys -t xq "$@"; }
text() { tm send-keys -t xq -l "$1"; }
resize() { tm resize-window -t xq -x "$1" -y "$2"; }

# screen_until CMD...: true once CMD holds of the screen, read afresh into $T/screen every
# tenth of a second, WAIT seconds at most.
screen_until() {
	i=0
	while [ $i -lt $((WAIT * 10)) ]; do
		screen >"$T/screen" 2>/dev/null
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

shows() { grep -qF -- "$1" "$T/screen"; }
lacks() { ! shows "$1"; }
wider() { [ "$(wc -L <"$T/screen" | tr -d " ")" -gt "$1" ]; }

# wait_for PATTERN: true once the screen shows PATTERN (fixed string).
wait_for() { screen_until shows "$1"; }

# wait_gone PATTERN: true once the screen no longer shows PATTERN (fixed string). No TAP
# line: before a wait for text the screen may show already (a message an earlier step left,
# a form the keys close), it makes that wait one for the new screen.
wait_gone() { screen_until lacks "$1"; }

# wait_wider COLS: true once a line of the screen is wider than COLS columns. No TAP line:
# after the window grows the pane keeps the old, narrower picture until the console draws
# the new one, and a wait for text the old one shows would return at once.
wait_wider() { screen_until wider "$1"; }

# see PATTERN NAME: one TAP line; on failure the screen follows as comments.
see() {
	if wait_for "$1"; then ok "$2"; else
		notok "$2 (screen lacks '$1')"; sed 's/^/#   |/' "$T/screen"; fi
}

# gone PATTERN NAME: the screen no longer shows PATTERN.
gone() {
	i=0
	while [ $i -lt $((WAIT * 10)) ]; do
		screen >"$T/screen"
		grep -qF -- "$1" "$T/screen" || { ok "$2"; return; }
		sleep 0.1
		i=$((i + 1))
	done
	notok "$2 (screen still shows '$1')"
	sed 's/^/#   |/' "$T/screen"
}

# line_has A B NAME: one line of the screen shows both A and B.
line_has() {
	i=0
	while [ $i -lt $((WAIT * 10)) ]; do
		screen >"$T/screen"
		if grep -F -- "$1" "$T/screen" | grep -qF -- "$2"; then ok "$3"; return; fi
		sleep 0.1
		i=$((i + 1))
	done
	notok "$3 (no line with '$1' and '$2')"
	sed 's/^/#   |/' "$T/screen"
}

# quits NAME: the console has ended with status 0 and nothing on stderr.
quits() {
	i=0
	while [ ! -s "$T/rc" ] && [ $i -lt $((WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	rc=$(cat "$T/rc" 2>/dev/null)
	if [ "$rc" = 0 ] && [ ! -s "$T/stderr" ]; then ok "$1"; else
		notok "$1 (exit '$rc')"; sed 's/^/#   /' "$T/stderr" | head -20; fi
	tm kill-session -t xq 2>/dev/null
}
