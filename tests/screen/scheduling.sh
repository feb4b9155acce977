#!/bin/sh
# The Scheduling pane at 80×24: the terms with their week and lessons placed; a timetable
# that breaks a rule is marked without colour and the violation is said in words below;
# another session's correction shows at once, marked clean.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/screen/lib.sh"

make_demo
export XUEQU_TODAY=2026-06-01
x() { "$BIN" --db "$T/d.db" "$@" >/dev/null 2>&1 || notok "setup: $*"; }
TEACHER=$("$BIN" --db "$T/d.db" export teachers | awk -F, -v s="$MEMBER_CODE" '$5 == s { print $1; exit }')
x term add 2025-2026/2 --first 2026-03-02 --last 2026-07-10 --periods 6
printf 'term,school_code,period,start,end\n' >"$T/bells.csv"
for p in 1 2 3 4 5 6; do printf '2025-2026/2,,%d,%02d:00,%02d:40\n' $p $((7 + p)) $((7 + p)) >>"$T/bells.csv"; done
x import bells "$T/bells.csv"
printf 'code,name\nCHN,语文\nMAT,数学\n' >"$T/subjects.csv"
x import subjects "$T/subjects.csv"
printf 'term,school_code,name,grade,students\n2025-2026/2,%s,三年级1班,3,40\n' "$MEMBER_CODE" >"$T/classes.csv"
x import classes "$T/classes.csv"
printf 'term,course,school_code,subject,students,teachers,lessons\n2025-2026/2,1,%s,CHN,三年级1班,%s,2\n2025-2026/2,2,%s,MAT,三年级1班,,1\n' \
	"$MEMBER_CODE" "$TEACHER" "$MEMBER_CODE" >"$T/courses.csv"
x import courses "$T/courses.csv"
printf 'term,course,seq,day,period\n2025-2026/2,1,1,1,1\n2025-2026/2,2,1,1,1\n' >"$T/lessons.csv"
x import lessons "$T/lessons.csv"

start 80 24 "$(conf en)"
see "Districts 1/" "the console starts"
keys 3
see "Terms 1/2" "3 shows the Scheduling pane with its terms, the demo's autumn term first"
keys j
see "S and R: at most 10 s, seed 0," "the last line says how S and R run"
line_has "2025-2026/2" "2/3" "the term's lessons placed of all"
line_has "2025-2026/2" "✗ 1" "a broken rule is marked without colour"
see "has 语文 三年级1班 and 数学 三年级1班 at once: day 1, period 1" "the violation in words"
printf 'term,course,seq,day,period\n2025-2026/2,2,1,1,2\n' >"$T/fix.csv"
x import lessons "$T/fix.csv"
line_has "2025-2026/2" "✓" "another session's correction shows, marked clean"
see "no hard violation" "the detail says so"
keys S
see "2025-2026/2: 3 of 3 lessons placed in" "S solves the selected term and says what it did"
line_has "2025-2026/2" "3/3" "every lesson placed, shown in the list"
line_has "2025-2026/2" "✓" "and no rule broken"
is "$("$BIN" --db "$T/d.db" timetable check --term 2025-2026/2 >/dev/null 2>&1; echo $?)" 0 "the solved timetable is written"
printf 'term,kind,who,school_code,day,period\n' >"$T/away.csv"
for d in 1 2 3 4 5; do printf '2025-2026/2,teacher,%s,,%d,1\n' "$TEACHER" $d >>"$T/away.csv"; done
x import unavailable "$T/away.csv"
line_has "2025-2026/2" "✗" "the teacher away at the first period breaks a rule"
keys R
see "lessons moved (at least" "R repairs and says how many lessons moved against the least"
line_has "2025-2026/2" "✓" "repaired"
printf 'term,kind,who,school_code,day,period\n' >"$T/gone.csv"
for d in 1 2 3 4 5; do for p in 2 3 4 5 6; do printf '2025-2026/2,teacher,%s,,%d,%d\n' "$TEACHER" $d $p >>"$T/gone.csv"; done; done
x import unavailable "$T/gone.csv"
keys S
see "1 of 3 lessons placed in" "S with the teacher away all week: the rest placed"
see "has 2 periods of lessons" "and the count that proves it, in words"
see "and 0 periods free in the week" "its free periods"
keys O
see "How the solver runs" "O opens how the solver runs"
keys C-u
text 0
keys Enter
see "from 1 to 86400, please" "a time limit of 0 s is refused, named"
keys C-u
text 5
keys Tab C-u
text 3
keys Tab C-u
text 1
keys Tab Right Enter
see "S and R: at most 5 s, seed 3, threads 1, filling FET's order" "the form's values show on the last line"
# s_as_command TAG R-NAME S-NAME OPTION...: R first (its message is not S's, so the S message
# waited for is the new one), a backup, S; the pane's timetable (TAG.csv) against timetable
# solve --seed 3 --jobs 1 --time-limit 5 OPTION... on the backup
s_as_command() {
	tag=$1 rname=$2 sname=$3
	shift 3
	keys R
	see "lessons moved (at least" "$rname"
	"$BIN" --db "$T/d.db" backup "$T/$tag.db" >/dev/null 2>&1 || notok "setup: backup"
	keys S
	see "1 of 3 lessons placed in" "$sname"
	"$BIN" --db "$T/d.db" export lessons -o "$T/$tag.csv" >/dev/null 2>&1 || notok "export after the pane's solve"
	"$BIN" --db "$T/$tag.db" timetable solve --term 2025-2026/2 --seed 3 --jobs 1 --time-limit 5 "$@" >/dev/null 2>&1
	"$BIN" --db "$T/$tag.db" export lessons -o "$T/$tag-cli.csv" >/dev/null 2>&1 || notok "export after the command's solve"
	is "$(cmp -s "$T/$tag.csv" "$T/$tag-cli.csv"; echo $?)" 0 "the same timetable as timetable solve --seed 3 --jobs 1 $*"
}
s_as_command pane "R with them, for a message other than S's" "S runs with them" --fill fet
is "$(grep -c '^2025-2026/2,' "$T/pane.csv")" 3 "the term's three lessons exported"
keys O
see "How the solver runs" "O again"
keys Escape
wait_gone "How the solver runs" || notok "Esc closes the form" # (the last line behind it says the same)
see "S and R: at most 5 s, seed 3, threads 1" "Esc leaves them as they were"
# S begun greedy: the form's second choice, on the last line
keys O
see "How the solver runs" "O for the second way S begins"
keys Tab Tab Tab Tab Right Enter
see "S (greedy) and R: at most 5 s, seed 3" "greedy shows on the last line"
# S begun as FET does: the form's last choice, on the last line, and S then gives what
# timetable solve --start fet gives
keys O
see "How the solver runs" "O once more"
keys Tab Tab Tab Tab Right Enter
see "S (as FET) and R: at most 5 s, seed 3" "the way S begins shows on the last line"
s_as_command pane2 "R first (a repair never begins as FET does), for a message of its own" \
	"S begun as FET does: the rest placed" --fill fet --start fet
keys q
quits "the console quits"
