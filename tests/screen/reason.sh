#!/bin/sh
# reason.sh: in the console at 80×24 under TERM=xterm-256color, in Chinese and in English,
# the reason typed when rejecting an exchange (R) is stored in its note, and so is the one
# reason given to the tagged exchanges (; R); the exchange's detail shows the note; the
# edit form has the note as a multi-line field (C-j starts a line) and saves it; Esc at the
# reason prompt writes nothing.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
D="$T/d.db"
START_ENV="TERM=xterm-256color"
semi() { tm send-keys -t xq -l '\;'; } # tmux takes a bare ; as a command separator
# the school year the console opens on: its proposed exchanges come from the demo
Y=$(date +%Y | awk -v m="$(date +%m)" '{ y = m + 0 >= 9 ? $1 : $1 - 1; print y "-" y + 1 }')
"$BIN" --db "$D" exchange list --year "$Y" --format csv |
	awk -F, '$14 == "proposed" { print $1 "," $2 "," $3 }' >"$T/proposed"
n=$(wc -l <"$T/proposed" | tr -d ' ')
[ "$n" -ge 6 ] && ok "the demo has $n proposed exchanges in $Y" || notok "the demo has proposed exchanges in $Y ($n)"
# pick N: field F (1 id, 2 staff number, 3 name) of the Nth proposed exchange
pick() { sed -n "$1p" "$T/proposed" | cut -d, -f"$2"; }
# find STAFF: the list's search (/) selects the teacher's exchange: the detail names them
find() {
	keys / C-u
	text "$1"
	wait_for "($1)" || notok "the search finds $1"
	keys Enter
}
status_of() { "$BIN" --db "$D" exchange list --format csv | awk -F, -v id="$1" '$1 == id { print $14 }'; }
# note_of ID: the note as stored, its line breaks as "|"
note_of() {
	"$BIN" --db "$D" export exchanges >"$T/ex.csv"
	"$BIN" --db "$D" exchange list --wide --format csv | awk -F, -v id="$1" '$1 == id { print $2 "," $11 }' >"$T/key"
	key=$(cat "$T/key")
	# the export's rows start with staff number; the note is the last field, maybe quoted
	# over several lines
	awk -v k="${key%%,*}" -v s="${key#*,}" '
		inq { line = line "|" $0; if ($0 ~ /"$/) { inq = 0; emit() } ; next }
		function emit() { if (hit) { sub(/^.*,"/, "", line); sub(/"$/, "", line); print line; hit = 0 } }
		{ hit = (index($0, k ",") == 1 && index($0, "," s ",") > 0) }
		hit && /,"[^"]*$/ { line = $0; inq = 1; next }
		hit { n = split($0, f, ","); print f[n]; hit = 0 }
	' "$T/ex.csv"
}

nth=0
for lang in zh en; do
	if [ $lang = zh ]; then
		L_TITLE="$Y 学年" L_REASON="原因：" L_REJECTED="已驳回" L_NOTE="备注：" L_NOTHING="未做任何更改。"
		L_EDIT="交流" L_EDITF="编辑 " L_TAGGED="条交流已驳回：" L_T1="已标记 1 条" L_T2="已标记 2 条" R1="接收学校距离太远" R2="名额已满" R3="本学年不再安排"
	else
		L_TITLE="School year $Y" L_REASON="Reason:" L_REJECTED="rejected" L_NOTE="Note:" L_NOTHING="Nothing was done."
		L_EDIT="exchange" L_EDITF="Edit the exchange of " L_TAGGED="exchanges rejected: " L_T1="1 tagged" L_T2="2 tagged" R1="too far from home" R2="quota full" R3="not this year"
	fi
	A_ID=$(pick $((nth + 1)) 1) A_STAFF=$(pick $((nth + 1)) 2) A_NAME=$(pick $((nth + 1)) 3)
	B_ID=$(pick $((nth + 2)) 1) B_STAFF=$(pick $((nth + 2)) 2)
	C_ID=$(pick $((nth + 3)) 1) C_STAFF=$(pick $((nth + 3)) 2)
	nth=$((nth + 3))
	WIDE_STAFF=$A_STAFF

	start 80 24 "$(conf $lang)"
	keys 2
	see "$L_TITLE" "$lang: 2 shows the exchanges"
	# Esc at the reason prompt writes nothing
	find "$A_STAFF"
	line_has "$A_NAME" "($A_STAFF)" "$lang: the search finds the exchange"
	keys R
	see "$L_REASON" "$lang: R asks for the reason"
	text "$R1"
	keys Escape
	see "$L_NOTHING" "$lang: Esc at the reason writes nothing"
	is "$(status_of "$A_ID")" proposed "$lang: still proposed after Esc"
	is "$(note_of "$A_ID")" "" "$lang: and no note"
	# the reason typed is stored and shown in the detail
	keys R
	see "$L_REASON" "$lang: R asks again"
	text "$R1"
	keys Enter
	wait_gone "$L_REASON" || notok "$lang: Enter answers the prompt" # (the prompt shows the reason typed)
	see "$R1" "$lang: the message gives the reason"
	is "$(status_of "$A_ID")" rejected "$lang: the exchange is rejected"
	is "$(note_of "$A_ID")" "$R1" "$lang: the reason is its note"
	line_has "$L_NOTE" "$R1" "$lang: the detail shows the note at 80×24"

	# the edit form has the note, multi-line: a second line, saved with Enter
	keys e
	wait_for "$L_EDITF$A_NAME" || notok "$lang: e opens the edit form" # (the detail shows the note too)
	see "$R1" "$lang: the edit form shows the note"
	keys Tab Tab Tab Tab Tab Tab
	keys End C-j
	text "$R2"
	see "$R2" "$lang: a second line is typed into the note"
	if grep "$R1" "$T/screen" | grep -q "$R2"; then
		notok "$lang: the note's two lines are on two lines"; else ok "$lang: the note's two lines are on two lines"; fi
	keys Enter
	gone "C-j" "$lang: Enter saves the form"
	is "$(note_of "$A_ID")" "$R1|$R2" "$lang: the note is stored with its line break"
	line_has "$L_NOTE" "$R1 $R2" "$lang: the stacked detail shows the note on one line"

	# tagged: one reason for all
	find "$B_STAFF"
	keys t
	see "$L_T1" "$lang: t tags one"
	find "$C_STAFF"
	keys t
	see "$L_T2" "$lang: t tags another"
	semi
	keys R
	see "$L_REASON" "$lang: ; R asks for one reason"
	text "$R3"
	keys Enter
	see "2 $L_TAGGED$R3" "$lang: the two tagged are rejected with the reason"
	is "$(status_of "$B_ID")/$(status_of "$C_ID")" "rejected/rejected" "$lang: both are stored rejected"
	is "$(note_of "$B_ID")/$(note_of "$C_ID")" "$R3/$R3" "$lang: both notes hold the reason"
	keys q
	quits "$lang: the console quits cleanly"
done

# 120 columns: the detail beside the list shows each line of the note on its own line
start 120 30 "$(conf en)"
keys 2
see "School year $Y" "wide: 2 shows the exchanges"
find "$WIDE_STAFF"
see "Note: too far from home" "wide: the note's first line"
line_has "      quota full" "" "wide: its second line below, indented"
keys q
quits "wide: the console quits cleanly"
