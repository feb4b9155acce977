#!/bin/sh
# Bad data in the console at 80×24: a school whose stored name holds ESC [2J, an OSC 52
# sequence and a right-to-left override is drawn with them made visible (the screen is not
# cleared), and the school form refuses a name holding a bidirectional control, naming the
# code point.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "ok - # SKIP sqlite3 is needed to plant a bad name"
	exit 0
fi
# planted around the binary: the audit triggers, which need its functions, go first
sqlite3 "$T/d.db" "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%xq%'" >"$T/drop.sql"
sqlite3 "$T/d.db" <"$T/drop.sql"
sqlite3 "$T/d.db" "UPDATE school SET name = '坏名' || char(27) || '[2J' || char(27) || ']52;c;aGk=' || char(7) || '校' || char(8238) || 'x' WHERE code = '$FREE_CODE'" ||
	notok "planting a bad name"

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys b
see "Schools 1/" "b opens the school browser"
keys /
text "坏名"
keys Enter
line_has "$FREE_CODE" '坏名\x1b[2J\x1b]52;c' "the stored name is drawn with ESC made visible"
see 'Schools 1/' "the screen was not cleared by the name"
screen >"$T/shot"
if grep -qF '<U+202E>' "$T/shot" || grep -qF '\x07' "$T/shot"; then
	ok "BEL or the override is shown as text"
else
	notok "BEL or the override is shown as text"; sed 's/^/#   |/' "$T/shot"
fi
if LC_ALL=C grep -q "$(printf '\342\200\256')" "$T/shot"; then
	notok "no raw right-to-left override on the screen"
else ok "no raw right-to-left override on the screen"; fi

keys a
see "New school" "a opens the school form"
text "2145099991"
keys Tab
text "$(printf '测\342\200\256试')"
keys Tab Tab Space
see "Find:" "Space on the level opens a list of levels"
text "teaching"
keys Enter
see "< teaching point >" "the level is picked"
keys Enter
see "U+202E" "a name holding U+202E is refused, naming the code point"
see "bidirectional" "the refusal says what the character is"
keys Escape
