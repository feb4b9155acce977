#!/usr/bin/env python3
"""scale.py: K copies of a county's exported CSV files, for benchmarks at province size.

Usage: scale.py K IN_DIR OUT_DIR
IN_DIR holds schools.csv, teachers.csv, districts.csv, members.csv and exchanges.csv as
`xuequ export` writes them; OUT_DIR gets the same files holding K copies: copy k > 0 has its
school codes' first two digits moved up by k, its staff numbers and district names suffixed,
and every reference between the files follows."""
import csv
import os
import sys


def code(c, k):
    return c if k == 0 or not c else "%02d%s" % ((int(c[:2]) + k) % 100, c[2:])


def staff(s, k):
    return s if k == 0 or not s else "%s-%d" % (s, k)


def name(n, k):
    return n if k == 0 or not n else "%s(%d)" % (n, k)


RULES = {
    "schools.csv": {"code": code, "name": name, "short_name": name},
    "teachers.csv": {"staff_no": staff, "school_code": code},
    "districts.csv": {"name": name, "lead_school_code": code},
    "members.csv": {"district_name": name, "school_code": code},
    "exchanges.csv": {"staff_no": staff, "from_school_code": code, "to_school_code": code},
}


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: scale.py K IN_DIR OUT_DIR")
    k_max, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    if not 1 <= k_max <= 60:
        sys.exit("scale.py: K must lie between 1 and 60")
    os.makedirs(dst, exist_ok=True)
    for fname, rules in RULES.items():
        with open(os.path.join(src, fname), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
            fields = list(rows[0].keys()) if rows else []
        with open(os.path.join(dst, fname), "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for k in range(k_max):
                for r in rows:
                    w.writerow({c: (rules[c](v, k) if c in rules else v) for c, v in r.items()})


if __name__ == "__main__":
    main()
