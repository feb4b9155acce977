#!/bin/sh
# Keys rebound in the [keys] section (the help follows them, bad names are reported),
# Esc never quits from the top level, and colours: on by default, off with NO_COLOR or
# color = never.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
cat >"$T/keys.conf" <<'EOF'
[ui]
language = en
[keys]
districts.schools = B
list.down = J Down
districts.edit = NoSuchKey
bogus.action = x
EOF

start 80 24 "$T/keys.conf" --trace-timing "$T/trace"
see "[keys] bogus.action: no such action" "an unknown action in [keys] is reported"
keys J
see "Districts 2/" "a rebound key moves the list"
keys b
see "b does nothing here" "the old key no longer opens the browser"
keys B
see "Schools 1/" "the new key opens the school browser"
keys q '?'
line_has "│ B " "Browse all schools" "the help shows the rebound key"
keys q e
see "Edit district" "a key spec with a bad name keeps the default key"
keys Escape Escape
# (the list is behind the form: a wait first for the trace's line of the second Esc, which
# the console writes once it has handled the key and lived on)
i=0
until grep -q '^Esc districts ' "$T/trace" 2>/dev/null; do
	[ $i -ge $((WAIT * 10)) ] && { notok "the second Esc reaches the list"; break; }
	sleep 0.1
	i=$((i + 1))
done
see "Districts 2/" "Esc on the top level does not quit"
keys q
quits "q quits"

# colours: on by default, off with NO_COLOR and with color = never
has_colour() { tm capture-pane -e -p -t xq | grep -q "$(printf '\033')\\[[0-9;]*[34][0-7]m"; }
start 80 24 "$(conf en)"
see "Districts 1/" "the console starts in colour"
if has_colour; then ok "selection and accents are coloured"; else notok "selection and accents are coloured"; fi
keys q
quits "q quits"

START_ENV=NO_COLOR=1
start 80 24 "$(conf en)"
START_ENV=
see "Districts 1/" "the console starts with NO_COLOR"
if has_colour; then notok "NO_COLOR leaves no colour"; else ok "NO_COLOR leaves no colour"; fi
keys q
quits "q quits"

printf '[ui]\nlanguage = en\ncolor = never\n' >"$T/never.conf"
start 80 24 "$T/never.conf"
see "Districts 1/" "the console starts with color = never"
if has_colour; then notok "color = never leaves no colour"; else ok "color = never leaves no colour"; fi
keys q
quits "q quits"
