#!/bin/sh
# policy.sh: the county's policy in the database — `policy show|set`, seeding by init from
# the configuration (--config, XUEQU_CONFIG) and by the upgrade of an older database,
# validation with the file's rules and between keys, one transaction, the admin role, the
# audit log, and quota reports that follow the database's policy, not a user's file.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

# value KEY: the stored value of KEY in the last `policy show --format csv` output
value() { sed -n "s/^$1,\(\"[^\"]*\"\|[^,]*\),.*/\1/p" "$T/out" | tr -d '"'; }
show_csv() { run --db "$1" policy show --format csv; }
have_sqlite=$(command -v sqlite3 || true)
sql() { sqlite3 "$@"; }

# init seeds the policy from the configuration's values
printf '[exchange]\nmin_ratio = 0.3\nsubsidy_km = 5, 15\nsubsidy_yuan = 100, 200, 300\n' >seed.conf
XUEQU_CONFIG=seed.conf "$BIN" --db env.db init >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "init with XUEQU_CONFIG: exit 0"
show_csv env.db
expect_rc 0 "policy show --format csv: exit 0"
is "$(head -1 "$T/out")" "key,value,default,changed" "policy show --format csv: the header"
is "$(value exchange.min_ratio)" 0.3 "init seeds min_ratio from XUEQU_CONFIG"
is "$(value exchange.subsidy_km)" "5, 15" "init seeds subsidy_km from XUEQU_CONFIG"
is "$(value exchange.backbone_min_ratio)" 0.2 "keys the file lacks are seeded with the defaults"
is "$(awk -F, '$1 == "exchange.min_ratio" { print $4 }' "$T/out")" 1 "csv: a seeded value differs from the default"
is "$(awk -F, '$1 == "exchange.term_years" { print $4 }' "$T/out")" 0 "csv: a default value does not"
run --db seeded.db --config seed.conf init
expect_rc 0 "init --config: exit 0"
show_csv seeded.db
is "$(value exchange.min_ratio)" 0.3 "init seeds min_ratio from --config"
run --db plain.db init
show_csv plain.db
is "$(value exchange.min_ratio)" 0.1 "init without a policy in the file: the defaults"
is "$(awk -F, 'NR > 1 && $1 !~ /^(exchange|indicators|timetable)\./' "$T/out" | wc -l | tr -d ' ')" 0 \
	"every key is section.key of [exchange], [indicators] or [timetable]"
for k in exchange.reference_date exchange.subsidy_hardship_yuan indicators.cv_max_junior \
	indicators.teachers_above_degree_primary indicators.min_indicators_met; do
	grep -q "^$k," "$T/out" && ok "policy show lists $k" || notok "policy show lists $k"
done

# the aligned table: 80 columns, the default only where the value differs
run --db env.db policy show
expect_rc 0 "policy show: exit 0"
expect_out '^key +value +default$' "policy show: the header"
expect_out '^exchange\.min_ratio +0\.3 +0\.1$' "policy show: a changed value names the default"
expect_out '^exchange\.term_years +2 *$' "policy show: a default value names none"
is "$(awk '{ if (length($0) > 80) n++ } END { print n + 0 }' "$T/out")" 0 "policy show: fits 80 columns"

# a user's configuration no longer changes a database's policy or its reports
init_demo() { "$BIN" --db "$1" init --demo >/dev/null 2>&1; }
init_demo q.db
run --db q.db exchange quota --year 2026-2027 --format csv
cp "$T/out" quota.before
expect_out ',0\.1000,' "quota: the default min_ratio"
printf '[exchange]\nmin_ratio = 0.5\nbackbone_min_ratio = 0.6\n' >user.conf
run --db q.db --config user.conf exchange quota --year 2026-2027 --format csv
expect_rc 0 "quota with a user's config: exit 0"
same quota.before "$T/out" "quota: a user's [exchange] values change nothing"
run --db q.db policy set min_ratio=0.25
expect_rc 0 "policy set min_ratio=0.25: exit 0"
expect_out '^exchange\.min_ratio = 0\.25$' "policy set: prints the stored value"
run --db q.db exchange quota --year 2026-2027 --format csv
expect_out ',0\.2500,' "quota: follows the database's min_ratio"
if cmp -s quota.before "$T/out"; then notok "quota: the report changed with the policy"; else
	ok "quota: the report changed with the policy"; fi
before_missing=$(awk -F, 'NR == 2 { print $10 }' quota.before)
after_missing=$(awk -F, 'NR == 2 { print $10 }' "$T/out")
[ "$after_missing" -gt "$before_missing" ] 2>/dev/null && ok "quota: more exchanges missing at 25%" ||
	notok "quota: more exchanges missing at 25% ($before_missing, $after_missing)"

# set: full and bare keys, several at once, the stored spelling
run --db plain.db policy set exchange.allow_cross_district=YES indicators.cv_max_junior=0.40 \
	term_years=3
expect_rc 0 "policy set of three keys: exit 0"
show_csv plain.db
is "$(value exchange.allow_cross_district)" true "a boolean is stored as the file spells it"
is "$(value indicators.cv_max_junior)" 0.4 "a full section.key is set"
is "$(value exchange.term_years)" 3 "a bare key is set"

# bad values: exit 1 naming key and value; nothing changes, not even the good keys given
show_csv plain.db
cp "$T/out" policy.before
bad_set() { # NAME KEY=VALUE... (the last checks the message)
	name=$1
	shift
	run --db plain.db policy set "$@"
	expect_rc 1 "$name: exit 1"
	show_csv plain.db
	same policy.before "$T/out" "$name: the policy is unchanged"
}
bad_set "min_ratio=1.5" min_ratio=0.3 min_ratio=1.5
run --db plain.db policy set term_years=4 min_ratio=1.5
expect_err '^xuequ: .*min_ratio.*1\.5' "min_ratio=1.5: names the key and the value"
bad_set "term_years=abc" term_years=abc
run --db plain.db policy set term_years=abc
expect_err 'term_years.*abc' "term_years=abc: names the key and the value"
bad_set "backbone_base=everyone" backbone_base=everyone
run --db plain.db policy set backbone_base=everyone
expect_err 'backbone_base.*everyone' "backbone_base=everyone: names the key and the value"
bad_set "reference_date=02-30" reference_date=02-30
bad_set "subsidy_km descending" subsidy_km=30,10
bad_set "an empty value" min_ratio=
bad_set "subsidy_hardship_yuan with three values" subsidy_hardship_yuan=1,2,3

# rules between keys: the whole resulting policy is checked
bad_set "subsidy_km without subsidy_yuan" subsidy_km=5,10
run --db plain.db policy set subsidy_km=5,10
expect_err 'subsidy_yuan needs 3 values' "subsidy_km alone: subsidy_yuan must have one more value"
run --db plain.db policy set subsidy_km=5,10 subsidy_yuan=100,200,300
expect_rc 0 "subsidy_km with subsidy_yuan together: exit 0"
show_csv plain.db
is "$(value exchange.subsidy_yuan)" "100, 200, 300" "subsidy_yuan stored with subsidy_km"
cp "$T/out" policy.before
bad_set "principal_min_years above principal_rotate_years" principal_min_years=6
run --db plain.db policy set principal_min_years=6
expect_err 'principal_min_years \(6\) exceeds principal_rotate_years \(5\)' \
	"principal_min_years=6: the rule is named"
run --db plain.db policy set principal_rotate_years=8 principal_min_years=6
expect_rc 0 "both principal keys together: exit 0"

# misuse: exit 2
for args in "policy" "policy frob" "policy set" "policy set min_ratio" "policy set =1" \
	"policy set no_such_key=1" "policy set exchange.cv_max_junior=1" "policy show extra" \
	"policy show --format xml" "policy set --format csv min_ratio=0.2" "policy --bogus show"; do
	# shellcheck disable=SC2086
	run --db plain.db $args
	expect_rc 2 "$args: exit 2"
done
run --db plain.db policy set no_such_key=1
expect_err "no_such_key" "an unknown key is named"

# the audit log: who changed which key from what to what
if [ -n "$have_sqlite" ]; then
	line=$(sql plain.db "SELECT login, op, json_extract(before, '\$.value'), json_extract(after, '\$.value')
		FROM audit WHERE tbl = 'policy' AND json_extract(after, '\$.key') = 'exchange.term_years'")
	is "$line" "$(id -un)|update|2|3" "the audit log records the change of term_years"
	n=$(sql plain.db "SELECT count(*) FROM audit WHERE tbl = 'policy'")
	is "$n" 7 "the audit log: one row per value changed, none for refused sets"
	run --db plain.db policy set term_years=3
	expect_rc 0 "setting the same value again: exit 0"
	is "$(sql plain.db "SELECT count(*) FROM audit WHERE tbl = 'policy'")" 7 \
		"setting the same value writes no audit row"
	is "$(sql plain.db "SELECT rev FROM policy WHERE key = 'exchange.term_years'")" 2 \
		"a change raises the row's revision"
	run --db plain.db check
	expect_rc 0 "check: a database with a changed policy is fine"
else
	ok "the audit log records the change # SKIP no sqlite3"
fi

# a viewer may read the policy but not change it
me=$(id -un)
run --db plain.db operator add someone-else admin
expect_rc 0 "another admin added"
run --db plain.db operator add "$me" viewer
expect_rc 0 "the test's own login made a viewer"
show_csv plain.db
cp "$T/out" policy.viewer
expect_rc 0 "a viewer: policy show works"
run --db plain.db policy set min_ratio=0.5
expect_rc 1 "a viewer: policy set exit 1"
expect_err "^xuequ: permission denied: $me has the role viewer; only an admin may change the county's policy" \
	"a viewer: the refusal says who and why"
show_csv plain.db
same policy.viewer "$T/out" "a viewer: the policy is unchanged"

# upgrading a version-2 database: migration 3 seeds the policy from the configuration
if [ -n "$have_sqlite" ]; then
	"$BIN" --db old.db init >/dev/null 2>&1
	"$BIN" --db old.db import schools "$TOP/tests/cli/data/schools.csv" >/dev/null 2>&1
	schools=$(rows old.db schools)
	sql old.db "DROP TABLE policy; DROP TRIGGER IF EXISTS audit_policy_insert;
		DROP TRIGGER IF EXISTS audit_policy_update; DROP TRIGGER IF EXISTS audit_policy_delete;
		DROP TRIGGER exchange_no_overlap_insert; DROP TRIGGER exchange_no_overlap_update;
		DROP TRIGGER operator_keep_admin_update; DROP TRIGGER operator_keep_admin_delete;
		DROP TRIGGER append_only_audit_update; DROP TRIGGER append_only_audit_delete;
		DROP TABLE day_rule; DROP TABLE lesson_rule_lesson; DROP TABLE lesson_rule; DROP TABLE group_member; DROP TABLE quota; DROP TABLE booking_change; DROP TABLE booking; DROP TABLE calendar; DROP TABLE room_hours; DROP TABLE rectification; DROP TABLE result; DROP TABLE inspection; DROP TABLE template_item; DROP TABLE template_section; DROP TABLE template; DROP TABLE room; DROP INDEX exchange_teacher; DROP TABLE pack_inspection; DROP TABLE pack; DROP TABLE lesson; DROP TABLE teacher_rule; DROP TABLE unavailable; DROP TABLE course_room; DROP TABLE course_teacher; DROP TABLE course_students; DROP TABLE course; DROP TABLE class_group; DROP TABLE class; DROP TABLE subject; DROP TABLE travel; DROP TABLE bell; DROP TABLE term; 
		PRAGMA user_version = 2;"
	is "$(sql old.db 'PRAGMA user_version')" 2 "a version-2 database made"
	printf '[exchange]\nmin_ratio = 0.35\nterm_years = 4\n[indicators]\ncv_max_primary = 0.6\n' >old.conf
	run --db old.db --config old.conf policy show --format csv
	expect_rc 0 "upgrade: exit 0"
	is "$(value exchange.min_ratio)" 0.35 "upgrade: min_ratio seeded from the configuration"
	is "$(value exchange.term_years)" 4 "upgrade: term_years seeded from the configuration"
	is "$(value indicators.cv_max_primary)" 0.6 "upgrade: an indicator seeded from the configuration"
	is "$(value exchange.backbone_min_ratio)" 0.2 "upgrade: the others are the defaults"
	latest=$("$BIN" version | sed -n 's/.*(schema \([0-9]*\)).*/\1/p')
	is "$(sql old.db 'PRAGMA user_version')" "$latest" "upgrade: the database is at the latest version"
	is "$(rows old.db schools)" "$schools" "upgrade: the data stay"
	run --db old.db --config user.conf policy show --format csv
	is "$(value exchange.min_ratio)" 0.35 "after the upgrade a config no longer changes it"
	# the policy table refuses removing or renaming a key (its own triggers, without the
	# audit triggers that need xuequ's functions)
	sql old.db "DROP TRIGGER audit_policy_update; DROP TRIGGER audit_policy_delete"
	if sql old.db "DELETE FROM policy WHERE key = 'exchange.min_ratio'" 2>/dev/null; then
		notok "the database refuses removing a policy key"
	else ok "the database refuses removing a policy key"; fi
	if sql old.db "UPDATE policy SET key = 'exchange.nothing' WHERE key = 'exchange.min_ratio'" 2>/dev/null; then
		notok "the database refuses renaming a policy key"
	else ok "the database refuses renaming a policy key"; fi
	# a value the rules refuse, written past xuequ: a warning, the default is used
	sql old.db "UPDATE policy SET value = 'lots' WHERE key = 'exchange.min_ratio'"
	run --db old.db exchange quota --year 2026-2027 --format csv
	expect_rc 0 "a bad stored value: commands still run"
	expect_err '^xuequ: warning: .*min_ratio.*lots' "a bad stored value: a warning names it"
	expect_out ',0\.1000,' "a bad stored value: the default is used"
	run --db old.db policy set min_ratio=0.2
	expect_rc 0 "a bad stored value: an admin sets it right"
	run --db old.db policy show
	expect_no_err "a bad stored value: no warning once set right"
else
	ok "upgrade of a version-2 database # SKIP no sqlite3"
fi

# help lists the command
run help policy
expect_rc 0 "help policy: exit 0"
expect_out 'policy show' "help policy: the usage"
