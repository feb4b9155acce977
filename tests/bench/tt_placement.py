#!/usr/bin/env python3
"""tests/bench/tt_placement.py: xuequ's lessons CSV as a fet-bench placement JSON.

  tt_placement.py INSTANCE.json LESSONS.csv OUT.json

LESSONS.csv is `xuequ export lessons` of a term imported from the instance's .fet file
(columns term,course,seq,fet_id,class,subject,teacher,school,day,period,room,locked; day and
period from 1, room the FET room name, which is the instance's room id). OUT.json is a
`district-timetable-placement/v1` object: one assignment per placed lesson, lesson = fet_id,
day and period from 0. Lessons without a day or a period are left out (unplaced), as are rows
without a fet_id; both are counted on stderr. Python 3 standard library only.
"""

import csv
import json
import sys

NEEDED = ("fet_id", "day", "period", "room")


def convert(inst, rows):
    """(placement dict, rows without fet_id, rows unplaced) from the CSV's dict rows."""
    assignments = []
    no_id = unplaced = 0
    for r in rows:
        fid = (r.get("fet_id") or "").strip()
        if not fid:
            no_id += 1
            continue
        day = (r.get("day") or "").strip()
        per = (r.get("period") or "").strip()
        if not day or not per:
            unplaced += 1
            continue
        room = (r.get("room") or "").strip()
        assignments.append({"lesson": int(fid), "day": int(day) - 1, "period": int(per) - 1,
                            "room": room or None})
    pl = {"schema": "district-timetable-placement/v1", "instance": inst.get("name", ""),
          "solver": {"name": "xuequ"}, "assignments": assignments}
    return pl, no_id, unplaced


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: tt_placement.py INSTANCE.json LESSONS.csv OUT.json\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        inst = json.load(f)
    with open(argv[2], encoding="utf-8", newline="") as f:
        rd = csv.DictReader(f)
        missing = [c for c in NEEDED if c not in (rd.fieldnames or [])]
        if missing:
            sys.stderr.write("tt_placement: %s: no column %s\n" % (argv[2], ", ".join(missing)))
            return 1
        try:
            pl, no_id, unplaced = convert(inst, rd)
        except ValueError as e:
            sys.stderr.write("tt_placement: %s line %d: %s\n" % (argv[2], rd.line_num, e))
            return 1
    with open(argv[3], "w", encoding="utf-8") as f:
        json.dump(pl, f, ensure_ascii=False)
    if no_id or unplaced:
        sys.stderr.write("tt_placement: %d placed, %d unplaced, %d without fet_id\n"
                         % (len(pl["assignments"]), unplaced, no_id))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
