#!/bin/sh
# tests/bench/keys_scale.sh: the Exchanges pane's heavy keys at county, city and 10x city
# (ten copies of the city made by tests/bench/scale.py, a province's teachers). The console
# runs in a private tmux server with --trace-timing, whose line for each key holds the time
# to the finished screen and the put-off work after it (gauges, counts) until the console is
# idle again; the figure here is their sum. It opens Exchanges, scrolls, sorts, opens the
# teacher picker, the quota view and the plan view, waits while another session writes (a
# policy, then a teacher, which the Exchanges list shows), visits every pane, and prints per
# kind of key the median, the 99th percentile and the worst, and the peak memory (VmHWM).
# `make bench` runs it; KS_SCALES picks the scales.
# Targets at city scale: every key under 10 ms at p99; the picker, quota and plan under 50 ms;
# peak memory under 30 MB. At 10x: no key over 100 ms.
BIN=${BIN:-$(pwd)/xuequ}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/xuequ-keys.XXXXXX")
SOCK="xqkeys$$"
: "${KS_SCALES:=county city 10x}"
export LC_ALL=C.UTF-8 XUEQU_LOCALEDIR="${XUEQU_LOCALEDIR:-$TOP/build/locale}" XUEQU_TODAY=2026-09-01
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; [ -n "$BENCH_KEEP" ] || rm -rf "$T"' EXIT
printf '[ui]\nlanguage = zh\n' >"$T/zh.conf"
export XUEQU_CONFIG="$T/zh.conf"
command -v tmux >/dev/null || { echo "bench: tmux is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 1; }
tm() { tmux -L "$SOCK" "$@"; }
lines() { wc -l <"$1" 2>/dev/null || echo 0; }

# traced N: waits (bounded, 10 s) until the trace has more than N lines
traced() {
	w=0
	while [ "$(lines "$trace")" -le "$1" ] && [ $w -lt 1000 ]; do
		sleep 0.01
		w=$((w + 1))
	done
}
# key K...: sends each key and waits until the console has traced it and is idle again
key() {
	for k in "$@"; do
		n=$(lines "$trace")
		tm send-keys -t k "$k"
		traced "$n"
	done
}
# keyed K NAME: sends K and waits (bounded, 60 s) until the long read NAME it starts has
# its result on the screen (a "ready NAME" line in the trace)
keyed() {
	c=$(grep -c "^ready $2 " "$trace")
	key "$1"
	w=0
	while [ "$(grep -c "^ready $2 " "$trace")" -le "$c" ] && [ $w -lt 6000 ]; do
		sleep 0.01
		w=$((w + 1))
	done
}
repeat() { # N KEY
	r=0
	while [ $r -lt "$1" ]; do key "$2"; r=$((r + 1)); done
}
# shown TEXT: waits (bounded, 20 s) until the screen shows TEXT
shown() {
	w=0
	while ! tm capture-pane -p -t k | grep -qF "$1" && [ $w -lt 2000 ]; do
		sleep 0.01
		w=$((w + 1))
	done
}

# the databases: the demo county and city; 10x from ten copies of the city's CSV files
make_db() {
	case $1 in
	county|city) "$BIN" --db "$T/$1.db" init --demo="$1" >/dev/null ;;
	10x)
		[ -f "$T/city.db" ] || make_db city
		mkdir -p "$T/x1"
		for e in schools teachers districts members exchanges; do
			"$BIN" --db "$T/city.db" export "$e" -o "$T/x1/$e.csv" --force || exit 1
		done
		python3 "$TOP/tests/bench/scale.py" 10 "$T/x1" "$T/x10" || exit 1
		"$BIN" --db "$T/10x.db" init >/dev/null
		for e in schools districts members teachers exchanges; do
			"$BIN" --db "$T/10x.db" import "$e" "$T/x10/$e.csv" >/dev/null || exit 1
		done ;;
	esac
}

run() {
	scale=$1
	db="$T/$scale.db"
	[ -f "$db" ] || make_db "$scale"
	trace="$T/$scale.trace"
	rm -f "$trace"
	tm -f /dev/null new-session -d -s k -x 120 -y 40 "exec '$BIN' --db '$db' --trace-timing '$trace'"
	i=0
	while ! grep -q '^first-screen' "$trace" 2>/dev/null && [ $i -lt 3000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	pid=$(tm display-message -p -t k '#{pane_pid}')

	keyed 2 gauges; repeat 20 j; repeat 5 NPage; key g
	repeat 4 s
	keyed a teachers; repeat 10 Down; key l i; repeat 2 BSpace; key Escape
	keyed Q quotas; repeat 5 j; keyed b quotas; keyed b quotas; key q
	keyed p plan; repeat 5 j; key q
	# another session writes: the console reads again when idle
	c=$(grep -c "^ready gauges " "$trace")
	"$BIN" --db "$db" policy set exchange.min_ratio=0.12 >/dev/null || exit 1
	w=0
	while [ "$(grep -c "^ready gauges " "$trace")" -le "$c" ] && [ $w -lt 6000 ]; do
		sleep 0.01
		w=$((w + 1))
	done
	repeat 10 j
	# and a write the Exchanges list shows: one teacher's row changed (the list read again)
	"$BIN" --db "$db" export teachers 2>/dev/null | awk -F, -v OFS=, 'NR == 1 { print; next }
		{ $NF = $NF == "2023-09-01" ? "2022-09-01" : "2023-09-01"; print; exit }' >"$T/one.csv"
	c=$(grep -c "^ready gauges " "$trace")
	r=$(grep -c "^reload " "$trace")
	"$BIN" --db "$db" import teachers "$T/one.csv" >/dev/null || exit 1
	w=0
	while { [ "$(grep -c "^reload " "$trace")" -le "$r" ] ||
		[ "$(grep -c "^ready gauges " "$trace")" -le "$c" ]; } && [ $w -lt 6000 ]; do
		sleep 0.01
		w=$((w + 1))
	done
	repeat 10 j
	key 1; keyed 3 terms; keyed 4 rooms; key 5 1 2
	repeat 10 j
	hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	tm send-keys -t k : q Enter
	i=0
	while tm has-session -t k 2>/dev/null && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	tm kill-session -t k 2>/dev/null
	[ -n "$KS_TRACE" ] && cp "$trace" "$KS_TRACE.$scale"

	awk -v scale="$scale" -v hwm="${hwm:-0}" '
	function kind(k, pane) {
		if (k == "s") return "sort"
		if (k == "a" && pane == "exchanges") return "picker"
		if (k == "Q") return "quota"
		if (k == "p" && pane == "exchanges") return "plan"
		return "other"
	}
	function add(c, t) { n[c]++; v[c, n[c]] = t }
	$1 == "first-screen" { first = $2 / 1000; next }
	$1 == ":" { stop = 1 }
	stop { next }
	$1 == "ready" { add("ready " $2, $3 / 1000); next }
	{
		t = ($(NF - 1) + $NF) / 1000
		if ($1 == "reload") add("reload", t); else add(kind($1, $2), t)
		add("all", t)
		if (t > worst) { worst = t; ww = $1 " in " $2 }
	}
	function stat(c, q,   i, j, t, m, r) {
		m = n[c]
		if (!m) return "-"
		for (i = 1; i <= m; i++) s[i] = v[c, i]
		for (i = 2; i <= m; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
		r = int(q * m + 0.999999); if (r < 1) r = 1; if (r > m) r = m
		return sprintf("%.1f", s[r])
	}
	END {
		printf "%-7s %8.1f", scale, first
		split("all sort picker quota plan reload", kinds, " ")
		for (i = 1; i <= 6; i++) printf " %6s %6s", stat(kinds[i], 0.5), stat(kinds[i], 0.99)
		printf " %7.1f %7.1f  (%s)\n", worst, hwm / 1024, ww
		printf "        results on screen (ms, from the key, longest):"
		split("gauges teachers teachers-ahead quotas plan plan-ahead terms rooms", jobs, " ")
		for (i = 1; i <= 7; i++) printf "  %s %s", jobs[i], stat("ready " jobs[i], 1)
		printf "\n"
	}' "$trace"
}

echo "key to idle again, in ms (--trace-timing, put-off work included; the long reads run on"
echo "a thread of their own and their results come after: 'results on screen'); memory is VmHWM in MB"
printf '%-7s %8s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %7s %7s\n' scale first \
	all50 all99 sort50 sort99 pick50 pick99 quota50 quota99 plan50 plan99 reld50 reld99 worst peak
for s in $KS_SCALES; do run "$s"; done
echo "targets at city: all99 < 10, picker, quota and plan < 50, peak < 30; at 10x: worst < 100"
