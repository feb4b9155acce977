#!/usr/bin/env python3
"""scale.py: K copies of a county's exported CSV files, for benchmarks at province size.

Usage: scale.py K IN_DIR OUT_DIR
       scale.py bookings K CITY_DB DB

IN_DIR holds schools.csv, teachers.csv, districts.csv, members.csv and exchanges.csv as
`xuequ export` writes them, and may hold the rooms and the term (facilities.csv,
calendar.csv, terms.csv, bells.csv, subjects.csv, classes.csv, courses.csv, lessons.csv,
teacher_rules.csv); OUT_DIR gets the same files holding K copies: copy k > 0 has its school
codes' first two digits moved up by k, its staff numbers and district names suffixed, its
course numbers moved up by k * 100000, and every reference between the files follows. What
belongs to the whole county (the term, the subjects, the county's calendar days and default
bell times) is written once.

Bookings have no CSV form: `scale.py bookings K CITY_DB DB` copies the city's bookings and
their changed dates K times into DB, which holds the K copies of the city's schools and rooms
made from OUT_DIR, each copy's bookings on the same copy's rooms and schools. It writes
through SQLite directly (with the audit trigger's functions), for benchmarks only."""
import csv
import datetime
import getpass
import json
import os
import sqlite3
import sys


def code(c, k):
    return c if k == 0 or not c else "%02d%s" % ((int(c[:2]) + k) % 100, c[2:])


def staff(s, k):
    return s if k == 0 or not s else "%s-%d" % (s, k)


def staffs(s, k):
    return s if k == 0 or not s else ";".join(staff(x, k) for x in s.split(";"))


def name(n, k):
    return n if k == 0 or not n else "%s(%d)" % (n, k)


def course(c, k):
    return c if k == 0 or not c else str(int(c) + 100000 * k)


def once(_v, _k):
    return None


RULES = {
    "schools.csv": {"code": code, "name": name, "short_name": name},
    "teachers.csv": {"staff_no": staff, "school_code": code},
    "districts.csv": {"name": name, "lead_school_code": code},
    "members.csv": {"district_name": name, "school_code": code},
    "exchanges.csv": {"staff_no": staff, "from_school_code": code, "to_school_code": code},
}
# optional files: a row whose ONCE column is empty belongs to the county and is written once
MORE = {
    "facilities.csv": ({"school_code": code}, None),
    "calendar.csv": ({"school_code": code}, "school_code"),
    "terms.csv": ({}, "*"),
    "bells.csv": ({"school_code": code}, "school_code"),
    "subjects.csv": ({}, "*"),
    "classes.csv": ({"school_code": code}, None),
    "courses.csv": ({"course": course, "school_code": code, "teachers": staffs}, None),
    "lessons.csv": ({"course": course, "teacher": staffs, "school": code}, None),
    "teacher_rules.csv": ({"staff_no": staff}, None),
}


def copy_csv(src, dst, fname, rules, once_col, k_max):
    with open(os.path.join(src, fname), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0].keys()) if rows else []
    with open(os.path.join(dst, fname), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for k in range(k_max):
            for r in rows:
                if k and (once_col == "*" or (once_col and not r.get(once_col))):
                    continue
                w.writerow({c: (rules[c](v, k) if c in rules else v) for c, v in r.items()})


def audit_functions(con):
    def at(jd):
        t = datetime.datetime(2000, 1, 1, 12) + datetime.timedelta(days=jd - 2451545.0)
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

    def obj(*a):
        return json.dumps({a[i]: a[i + 1] for i in range(0, len(a), 2)}, ensure_ascii=False,
                          separators=(",", ":"))

    con.create_function("xq_at", 1, at)
    con.create_function("xq_json", -1, obj)
    con.create_function("xq_login", 0, getpass.getuser)  # the operator init made
    con.create_function("xq_sudo", 0, lambda: None)
    con.create_function("xq_origin", 0, lambda: None)


def copy_bookings(k_max, city_db, db):
    src = sqlite3.connect("file:%s?mode=ro" % city_db, uri=True)
    con = sqlite3.connect(db)
    audit_functions(con)
    school = dict(con.execute("SELECT code, id FROM school"))
    room = {(s, n): i for i, s, n in con.execute(
        "SELECT r.id, s.code, r.name FROM room r JOIN school s ON s.id = r.school_id")}
    books = src.execute(
        "SELECT b.id, o.code, r.name, s.code, b.first_day, b.last_day, b.start, b.end, b.rrule, b.purpose, "
        "b.contact, b.status, b.reason, b.requested_by, b.requested_at, b.decided_by, b.decided_at FROM booking b "
        "JOIN room r ON r.id = b.room_id JOIN school o ON o.id = r.school_id JOIN school s ON s.id = b.school_id "
        "ORDER BY b.id").fetchall()
    changes = src.execute("SELECT booking_id, day, kind, new_day, start, end, status, note FROM booking_change "
                          "ORDER BY id").fetchall()
    with con:
        for k in range(k_max):
            ids = {}
            for b in books:
                cur = con.execute(
                    "INSERT INTO booking (room_id, school_id, first_day, last_day, start, end, rrule, purpose, "
                    "contact, status, reason, requested_by, requested_at, decided_by, decided_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (room[(code(b[1], k), b[2])], school[code(b[3], k)]) + tuple(b[4:]))
                ids[b[0]] = cur.lastrowid
            for c in changes:
                con.execute("INSERT INTO booking_change (booking_id, day, kind, new_day, start, end, status, note) "
                            "VALUES (?,?,?,?,?,?,?,?)", (ids[c[0]],) + tuple(c[1:]))
    src.close()
    con.close()


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "bookings":
        k_max = int(sys.argv[2])
        if not 1 <= k_max <= 60:
            sys.exit("scale.py: K must lie between 1 and 60")
        copy_bookings(k_max, sys.argv[3], sys.argv[4])
        return
    if len(sys.argv) != 4:
        sys.exit("usage: scale.py K IN_DIR OUT_DIR | scale.py bookings K CITY_DB DB")
    k_max, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    if not 1 <= k_max <= 60:
        sys.exit("scale.py: K must lie between 1 and 60")
    os.makedirs(dst, exist_ok=True)
    for fname, rules in RULES.items():
        copy_csv(src, dst, fname, rules, None, k_max)
    for fname, (rules, once_col) in MORE.items():
        if os.path.exists(os.path.join(src, fname)):
            copy_csv(src, dst, fname, rules, once_col, k_max)


if __name__ == "__main__":
    main()
