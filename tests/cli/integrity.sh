#!/bin/sh
# integrity.sh: `check` finds a schema or an audit log that was changed behind xuequ's back
# (the file opened with another SQLite program): dropped audit triggers, removed constraints,
# added triggers, deleted audit records, changes by logins that are not operators.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

"$BIN" --db base.db init --demo >/dev/null 2>&1
run --db base.db check
expect_rc 0 "the demo county checks clean"

# fresh COPY: a copy of the clean database, for one kind of tampering
fresh() { rm -f "$1"*; cp base.db "$1"; }

fresh t1.db
sqlite3 t1.db "DROP TRIGGER audit_teacher_update"
run --db t1.db check
expect_rc 1 "a dropped audit trigger: exit 1"
expect_out 'audit trigger audit_teacher_update is missing' "a dropped audit trigger is named"
expect_err '1 problem found' "a dropped audit trigger is the only finding"

fresh t2.db
sqlite3 t2.db "CREATE TRIGGER quiet AFTER UPDATE ON teacher BEGIN SELECT 1; END"
run --db t2.db check
expect_rc 1 "an added trigger: exit 1"
expect_out 'trigger quiet is not part of' "an added trigger is named"

# a CHECK constraint taken out by rewriting the stored schema
fresh t3.db
sqlite3 t3.db "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (gender IN (''M'',''F''))', '') WHERE name = 'teacher'; PRAGMA writable_schema = OFF;" 2>/dev/null
is "$(sqlite3 t3.db "SELECT instr(sql, 'gender IN') FROM sqlite_schema WHERE name = 'teacher'")" "0" "(the constraint was removed)"
run --db t3.db check
expect_rc 1 "a removed constraint: exit 1"
expect_out 'table teacher differs from its definition' "a removed constraint names its table"

fresh t4.db
sqlite3 t4.db "DELETE FROM audit WHERE id BETWEEN 50 AND 59" 2>/dev/null ||
	sqlite3 t4.db "DROP TRIGGER IF EXISTS append_only_audit_delete; DELETE FROM audit WHERE id BETWEEN 50 AND 59"
run --db t4.db check
expect_rc 1 "deleted audit records: exit 1"
expect_out 'records 50 to 59 are missing' "deleted audit records are found by their ids"

fresh t5.db
sqlite3 t5.db "DELETE FROM audit" 2>/dev/null ||
	sqlite3 t5.db "DROP TRIGGER IF EXISTS append_only_audit_delete; DELETE FROM audit"
run --db t5.db check
expect_rc 1 "an emptied audit log: exit 1"
expect_out 'teacher rows have no audit record' "an emptied audit log: teachers without history"
expect_out 'school rows have no audit record' "an emptied audit log: schools without history"

# a change recorded under a login that never was an operator
fresh t6.db
sqlite3 t6.db "INSERT INTO audit (at, login, tbl, row_id, op, before, after) VALUES ('2026-01-01T00:00:00.000Z', 'mallory', 'school', 1, 'update', '{}', '{}')" 2>/dev/null ||
	sqlite3 t6.db "INSERT INTO audit (at, login, tbl, row_id, op, before, after) VALUES ('2026-01-01T00:00:00.000Z', 'mallory', 'school', 1, 'update', '{}', '{}')"
run --db t6.db check
expect_rc 1 "a change by a non-operator: exit 1"
expect_out "1 change by 'mallory', who is not an operator" "a change by a non-operator names the login"

# a removed operator's past changes are not findings
"$BIN" --db base.db operator add someone viewer >/dev/null 2>&1
"$BIN" --db base.db operator remove someone >/dev/null 2>&1
run --db base.db check
expect_rc 0 "operators added and removed: still clean"
