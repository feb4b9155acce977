#!/bin/sh
# Daily use at 80×24 as PuTTY and tmux send keys (issue 13): Home and End as escape
# sequences, bracketed paste, Ctrl-C in a form, q at the top, hints and help only for what
# a view can do, "nothing was done", long messages in full and :messages, a form's error
# going when fixed, the teacher picker (first match after Backspace, pinyin initials, no
# teacher with an exchange offered as eligible), a school's delete refused before the
# question, the build tree's catalogues, 200 and 60 columns, tagging with t and ;, every
# change asking first, help search, C-d and C-u, the backbone gauge and the plan's gap.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
# PuTTY's and xterm's terminal type: its terminfo has other Home and End keys than the
# sequences tested here
START_ENV="TERM=xterm-256color"
ESC=$(printf '\033')
raw() { tm send-keys -t xq -l "$1"; } # bytes as the terminal sends them
semi() { tm send-keys -t xq -l '\;'; } # tmux takes a bare ; as a command separator
paste() { printf '%b' "$1" >"$T/paste"; tm load-buffer "$T/paste"; tm paste-buffer -p -t xq; }
ndistricts() { "$BIN" --db "$T/d.db" export districts | awk -F, 'NR > 1 && NF >= 4' | wc -l; } # (a note's second line has no comma)

# the year the console opens on, its plan written as proposed exchanges
Y=$(date +%Y | awk -v m="$(date +%m)" '{ y = m + 0 >= 9 ? $1 : $1 - 1; print y "-" y + 1 }')
"$BIN" --db "$T/d.db" exchange plan --year "$Y" >"$T/plan.txt" 2>&1
GAP=$(sed -n 's/.*gap \([0-9.]*\) km.*/\1/p' "$T/plan.txt")
"$BIN" --db "$T/d.db" exchange plan --year "$Y" --apply >/dev/null 2>&1
NEX=$("$BIN" --db "$T/d.db" exchange list --year "$Y" --format csv | tail -n +2 | wc -l | tr -d ' ')
[ "$NEX" -gt 20 ] && ok "the plan wrote $NEX proposed exchanges" || notok "the plan wrote proposed exchanges ($NEX)"
# staff numbers of the list's first rows (the console's order is the command line's)
EX1=$("$BIN" --db "$T/d.db" exchange list --year "$Y" --format csv | awk -F, 'NR == 2 { print $2 }')
EX2=$("$BIN" --db "$T/d.db" exchange list --year "$Y" --format csv | awk -F, 'NR == 3 { print $2 }')
EX3=$("$BIN" --db "$T/d.db" exchange list --year "$Y" --format csv | awk -F, 'NR == 4 { print $2 }')
EX5=$("$BIN" --db "$T/d.db" exchange list --year "$Y" --format csv | awk -F, 'NR == 6 { print $2 }')
status_of() { "$BIN" --db "$T/d.db" exchange list --year "$Y" --format csv | awk -F, -v s="$1" '$2 == s { print $14 }' | head -1; }
# a teacher whose pinyin initials are gx and who comes first in staff order
printf 'staff_no,name,gender,birth_date,school_code,subjects,title,education,backbone_level,pe_art,employment,post,post_since,joined_school_on\n' >"$T/gx.csv"
SC=$(tail -n +2 "$T/schools.csv" | head -1 | cut -d, -f1)
printf 'T0000001,郭晓,F,1985-01-01,%s,语文,一级教师,bachelor,none,0,in_post,teacher,,2012-07-06\n' "$SC" >>"$T/gx.csv"
"$BIN" --db "$T/d.db" import teachers "$T/gx.csv" >/dev/null || notok "importing a teacher"
# the last eligible teacher in staff order with no exchange in the year
"$BIN" --db "$T/d.db" exchange list --year "$Y" | awk 'NR > 1 { print $2 }' >"$T/busy"
LAST_ELIG=$("$BIN" --db "$T/d.db" exchange eligible --year "$Y" |
	awk 'NR == FNR { busy[$1] = 1; next } FNR > 1 && $0 ~ / 1 *$/ && !($1 in busy) { s = $1 } END { print s }' "$T/busy" -)
# one backbone teacher's exchange approved, below in the list: 1 of 1 exchanged is a
# backbone teacher (100%, over the 20% target) while more backbone teachers are needed
"$BIN" --db "$T/d.db" export teachers | awk -F, 'NR > 1 && $9 != "none" { print $1 }' >"$T/bb"
BB_ID=$("$BIN" --db "$T/d.db" exchange list --year "$Y" |
	awk 'NR == FNR { bb[$1] = 1; next } FNR > 8 && ($2 in bb) { print $1; exit }' "$T/bb" -)
"$BIN" --db "$T/d.db" exchange approve "$BB_ID" >/dev/null 2>&1
"$BIN" --db "$T/d.db" exchange list --year "$Y" | grep -q "^$BB_ID .*approved" &&
	ok "a backbone teacher's exchange is approved" || notok "a backbone teacher's exchange is approved ($BB_ID)"
# a school with teachers (cannot be deleted)
BUSY_CODE=$SC
BUSY_NAME=$(awk -F, -v c="$SC" '$1 == c { print $2 }' "$T/schools.csv")

for lang in en zh; do
	ND=$(ndistricts | tr -d ' ')
	if [ $lang = en ]; then
		L_DIST="Districts 1/" L_DIST_END="Districts $ND/$ND" L_NEWD="New district" L_QUIT="q quit"
		L_ASKQ="Quit and lose what the form holds?" L_NOTHING="Nothing was done."
		L_FILTER="f filter" L_REQ="required" L_FIX="Please correct the marked fields."
		L_QUOTAS="Quotas of" L_PLAN="Plan for" L_MSGBOX="Message" L_MSGS="Messages of this session"
		L_REFUSED="Refused: cannot delete" L_YN="(y/n)" L_TAGGED="tagged" L_APPROVED="exchanges approved"
		L_REJECTED="exchanges rejected" L_SHORTEST="This plan is the shortest possible"
		L_ATMOST="at most" L_GAPWORD="gap " L_EXCH="Exchanges 1/" L_HELPFILTER="Filter the list"
		L_HAS="has an exchange in $Y" L_NOMATCH="No teacher matches" L_BB="Backbone  ["
		L_APPROVE_Q="Approve the exchange of" L_SCHOOLS="Schools 1/" L_HELPKEY="? help" L_FIND="Find: "
	else
		L_DIST="学区 1/" L_DIST_END="学区 $ND/$ND" L_NEWD="新建学区" L_QUIT="q 退出"
		L_ASKQ="退出并丢弃表单中未保存的内容？" L_NOTHING="未做任何更改。"
		L_FILTER="f 筛选" L_REQ="必填" L_FIX="请更正标出的栏目。"
		L_QUOTAS="学年交流指标" L_PLAN="学年交流方案" L_MSGBOX="消息" L_MSGS="本次会话的消息"
		L_REFUSED="未执行：无法删除" L_YN="(y/n)" L_TAGGED="已标记" L_APPROVED="条交流已批准"
		L_REJECTED="条交流已退回" L_SHORTEST="本方案已是最短方案" L_ATMOST="至多" L_GAPWORD="差距"
		L_EXCH="交流 1/" L_HELPFILTER="筛选列表" L_HAS="学年已有交流" L_NOMATCH="没有符合的教师"
		L_BB="骨干" L_APPROVE_Q="的交流？(y/n)" L_SCHOOLS="学校 1/" L_HELPKEY="? 帮助" L_FIND="查找： "
	fi
	CFG=$(conf $lang)

	# Home and End as PuTTY (ESC [1~ ESC [4~), xterm (ESC [H ESC [F) and vt100 (ESC O H/F) send them
	start 80 24 "$CFG"
	see "$L_DIST" "$lang: the console starts"
	raw "$ESC[4~"
	see "$L_DIST_END" "$lang: End (ESC [4~) goes to the last district"
	raw "$ESC[1~"
	see "$L_DIST" "$lang: Home (ESC [1~) goes back to the first"
	raw "${ESC}OF"
	see "$L_DIST_END" "$lang: End (ESC O F) goes to the last district"
	raw "$ESC[H"
	see "$L_DIST" "$lang: Home (ESC [H) goes back to the first"
	gone "4~" "$lang: no stray characters of the sequences"
	keys a
	see "$L_NEWD" "$lang: a opens the district form"
	text "abc"
	raw "$ESC[1~"
	text "X"
	raw "$ESC[4~"
	text "Y"
	raw "${ESC}OH"
	text "<"
	raw "$ESC[F"
	text ">"
	see "<XabcY>" "$lang: Home and End move the cursor in a form field"
	gone "1~" "$lang: the sequences leave nothing in the field"
	keys Escape y
	wait_gone "<XabcY>" || notok "$lang: Esc y closes the form" # (its title is the next form's)

	# bracketed paste: a pasted newline never saves the form
	keys a
	see "$L_NEWD" "$lang: a opens the district form again"
	before=$(ndistricts)
	paste "Pasted $lang\\n"
	text "!" # typed after the paste: in the same field when the newline pressed nothing
	see "Pasted $lang !" "$lang: the pasted text is in the field, its newline a space"
	see "$L_NEWD" "$lang: the pasted newline did not save the form"
	is "$(ndistricts)" "$before" "$lang: no district was created by the paste"

	# Ctrl-C in a half-filled form asks; n keeps the form
	keys C-c
	see "$L_ASKQ" "$lang: Ctrl-C in a half-filled form asks"
	keys n
	see "$L_NOTHING" "$lang: n says that nothing was done"
	see "$L_NEWD" "$lang: the form stays open"

	# an error goes when its field is fixed
	keys Escape y
	wait_gone "Pasted $lang !" || notok "$lang: Esc y closes the form" # (its title is the next form's)
	keys a
	see "$L_NEWD" "$lang: a fresh district form"
	keys Enter
	see "$L_REQ" "$lang: an empty name is marked required"
	see "$L_FIX" "$lang: the form asks for corrections"
	text "Z"
	gone "$L_FIX" "$lang: the form's error goes when the field is fixed"
	keys C-c
	see "$L_ASKQ" "$lang: Ctrl-C asks again"
	keys y
	quits "$lang: y quits from the form"

	# a note takes several lines: C-j starts a new one, Enter still saves
	start 80 24 "$CFG"
	keys a
	see "$L_NEWD" "$lang: the district form for a note"
	text "Note $lang"
	keys Tab Right Right Tab Tab Tab
	text "first line"
	keys C-j
	text "second line"
	see "C-j" "$lang: the form's border offers C-j on a note"
	see "second line" "$lang: the note's second line"
	if grep "first line" "$T/screen" | grep -q "second line"; then
		notok "$lang: the two lines of the note are on two lines"; else ok "$lang: the two lines of the note are on two lines"; fi
	keys Enter
	gone "$L_NEWD" "$lang: Enter saves the form with its note"
	if "$BIN" --db "$T/d.db" export districts | grep -q '"first line$'; then
		ok "$lang: the note is stored with its line break"; else notok "$lang: the note is stored with its line break"; fi
	keys q
	quits "$lang: q quits"

	# q at the top quits at once, as its hint says
	start 80 24 "$CFG"
	see "$L_QUIT" "$lang: the hint says q quits at the top"
	keys C-c
	quits "$lang: Ctrl-C with nothing typed quits at once"
	start 80 24 "$CFG"
	see "$L_DIST" "$lang: the console starts again"
	keys q
	quits "$lang: q at the top quits"

	# the build tree's own catalogues, without XUEQU_LOCALEDIR
	if [ $lang = zh ]; then
		START_ENV="env -u XUEQU_LOCALEDIR TERM=xterm-256color"
		start 80 24 "$CFG"
		START_ENV="TERM=xterm-256color"
		see "1 学区" "zh: the build tree's binary finds its catalogues"
		keys q
		quits "zh: q quits"
	fi

	# exchanges: hints, C-d and C-u, tagging, asking first
	start 80 24 "$CFG"
	keys 2
	see "$L_EXCH$NEX" "$lang: the exchange list holds the plan's exchanges"
	resize 160 24 # room for every hint
	see "$L_FILTER" "$lang: the exchange list offers f filter"
	resize 80 24
	# (a key typed before the console has drawn itself at 80 columns may be taken at 160, where
	# half a page is more rows: the hints' right end, cut off the old picture, first)
	wait_for "$L_HELPKEY" || notok "$lang: the list drawn at 80 columns"
	keys C-d
	gone "$L_EXCH$NEX" "$lang: C-d moves half a page down"
	keys C-u
	see "$L_EXCH$NEX" "$lang: C-u moves back up"
	keys q
	quits "$lang: q quits"

	start 80 24 "$CFG"
	keys 2
	see "$L_EXCH$NEX" "$lang: the exchanges again"
	keys Q
	see "$L_QUOTAS" "$lang: Q shows the quotas"
	resize 160 24
	# (until the console draws again the pane shows the 80 columns' picture, and the hints
	# it lacks: a wait for a line wider first; at 80 columns, for the hints' right end)
	wait_wider 80 || notok "$lang: the quotas drawn at 160 columns"
	see "$L_QUOTAS" "$lang: the quotas at 160 columns"
	gone "$L_FILTER" "$lang: the quota view offers no f filter"
	resize 80 24
	keys '?'
	see "C-d" "$lang: the help lists C-d"
	if grep -qF "$L_HELPFILTER" "$T/screen"; then notok "$lang: the quota view's help has no filter"; else ok "$lang: the quota view's help has no filter"; fi
	gone ":messages" "$lang: :messages is further down the help"
	keys /
	text "messages"
	see ":messages" "$lang: / in the help finds :messages"
	keys Enter q q
	keys q
	quits "$lang: q quits"

	start 80 24 "$CFG"
	keys 2
	see "$L_EXCH$NEX" "$lang: the exchanges once more"
	keys p
	see "$L_PLAN" "$lang: p shows the plan"
	resize 160 24
	wait_wider 80 || notok "$lang: the plan drawn at 160 columns"
	see "$L_PLAN" "$lang: the plan at 160 columns"
	gone "$L_FILTER" "$lang: the plan view offers no f filter"
	resize 80 24
	wait_for "$L_HELPKEY" || notok "$lang: the plan drawn at 80 columns"
	if [ "$GAP" = "0.0" ]; then see "$L_SHORTEST" "$lang: a plan without gap is said to be the shortest"
	else see "$L_ATMOST" "$lang: the plan's gap is said in words"; fi
	gone "$L_GAPWORD" "$lang: no bare gap figure"
	keys q

	# approve asks first; n leaves it proposed (the fifth row: the first ones change below)
	keys j j j j A
	see "$L_APPROVE_Q" "$lang: A asks before approving"
	keys n
	see "$L_NOTHING" "$lang: n says that nothing was done"
	is "$(status_of "$EX5")" "proposed" "$lang: the exchange is still proposed"
	keys g

	if [ $lang = en ]; then
		# tag two, approve them together
		keys t t
		see "2 $L_TAGGED" "$lang: t tags two exchanges"
		line_has "*$EX1" "proposed" "$lang: a tagged row is marked"
		semi
		keys A
		see "$L_YN" "$lang: ; A asks first"
		keys y
		see "2 $L_APPROVED" "$lang: ; A approves the tagged exchanges"
		is "$(status_of "$EX1")/$(status_of "$EX2")/$(status_of "$EX3")" "approved/approved/proposed" \
			"$lang: the two tagged are approved, the next is not"
		# tag a proposed one, reject it with a reason
		keys g j j t
		semi
		keys R
		text "too far away"
		keys Enter
		see "1 $L_REJECTED: too far away" "$lang: ; R rejects the tagged with one reason"
		is "$(status_of "$EX3")" "rejected" "$lang: it is stored rejected"
	else
		# the tagged one refused stays tagged; a long message opens in full
		keys t
		semi
		keys R
		keys Enter
		# (; left a message box of its own: the refusal's words, beyond the status line's end)
		wait_for "请改为" || notok "$lang: R on an approved exchange is refused"
		see "$L_MSGBOX" "$lang: a long refusal opens in full"
		keys ':'
		text "messages"
		keys Enter
		see "$L_MSGS" "$lang: :messages shows the session's messages"
		keys q
	fi
	keys q
	quits "$lang: q quits"

	# the backbone gauge: not met never reads as a full bar
	start 80 24 "$CFG"
	keys 2
	line_has "$L_BB" "✗" "$lang: the backbone quota is not met"
	if grep -F "[##########]" "$T/screen" | grep -qF "✗"; then
		notok "$lang: a quota not met never shows a full bar"; else ok "$lang: a quota not met never shows a full bar"; fi

	# the teacher picker
	keys a
	see "T0000001" "$lang: the picker opens on the first eligible teacher"
	text "gx"
	wait_for "${L_FIND}gx" || notok "$lang: the picker takes gx" # (郭晓 is the first row before it too)
	see "郭晓" "$lang: pinyin initials find a teacher"
	keys C-u
	text "$LAST_ELIG"
	see "$LAST_ELIG" "$lang: the staff number finds the last eligible teacher"
	gone "T0000001" "$lang: only it is shown"
	keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	see "T0000001" "$lang: after Backspace the first match is in sight again"
	keys C-u
	text "$EX2"
	see "$L_NOMATCH" "$lang: a teacher with an exchange is not offered as eligible"
	keys Tab
	see "$L_HAS" "$lang: every teacher: it says the teacher has an exchange"
	keys Escape q
	quits "$lang: q quits"

	# a school that cannot be deleted is refused before the question
	start 80 24 "$CFG"
	keys ':'
	text "schools"
	keys Enter
	see "$L_SCHOOLS" "$lang: the school browser"
	keys /
	text "$BUSY_CODE"
	keys Enter d
	see "$L_REFUSED" "$lang: deleting a school with teachers is refused at once"
	if grep -qF "$L_YN" "$T/screen"; then notok "$lang: no are-you-sure first"; else ok "$lang: no are-you-sure first"; fi
	keys q q
	quits "$lang: q q quits"
done

# 200 columns: a status in the list keeps its distance from the border
"$BIN" --db "$T/d.db" exchange cancel "$("$BIN" --db "$T/d.db" exchange list --year "$Y" | awk 'NR == 5 { print $1 }')" >/dev/null 2>&1
start 200 50 "$(conf en)"
keys 2
see "cancelled" "200 columns: a cancelled exchange is listed"
see "A approve" "200 columns: the whole screen is drawn (its last line too)"
# (the border is x where the terminal draws lines with the alternate character set)
if grep -qE "(cancelled|proposed|approved|rejected)[│x]" "$T/screen"; then notok "200 columns: the status does not run into the border"
else ok "200 columns: the status does not run into the border"; fi
keys q
quits "q quits"

# 60 columns: a long label keeps a space before its value
start 60 24 "$(conf en)"
keys ':'
text "schools"
keys Enter e
see "Teaching rooms" "60 columns: the school form"
see "Esc cancel" "60 columns: the whole form is drawn (its bottom border too)"
if grep -qE "(²|…)[0-9]" "$T/screen"; then notok "60 columns: labels do not run into values"
else ok "60 columns: labels do not run into values"; fi
keys Escape q q
quits "q quits"

# * tags every proposed exchange the list shows, ; A approves them all
NPROP=$("$BIN" --db "$T/d.db" exchange list --year "$Y" --status proposed --format csv | tail -n +2 | wc -l | tr -d ' ')
start 80 24 "$(conf en)"
keys 2
see "Exchanges 1/" "the exchanges, for tagging every proposal"
text "*"
see "$NPROP exchanges tagged" "* tags the $NPROP proposed exchanges"
semi
keys A
see "(y/n)" "; A asks first"
keys y
see "$NPROP exchanges approved" "; A approves every one of them"
is "$("$BIN" --db "$T/d.db" exchange list --year "$Y" --status proposed | awk 'NR > 1 && $2 ~ /^T/' | wc -l | tr -d ' ')" "0" \
	"no proposed exchange is left in the year"
keys q
quits "q quits"
