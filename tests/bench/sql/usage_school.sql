-- The figures of `xuequ facility usage --term 2026-2027/1 --by school` as one query, for the
-- side-by-side timing of `make bench`: each school's rooms, the hours they are open over the
-- term's days (under the county's calendar and the school's own days), taught in them by the
-- timetable, booked in them by other schools, and its own bookings in others' rooms. It reads
-- the forms of the data the benchmark has: opening hours as "mon-fri 16:00-18:00; sat
-- 08:00-12:00" (else the school's day under its bell times), weekly recurrences with BYDAY,
-- INTERVAL and UNTIL, make-up days, and dates cancelled or moved.
WITH RECURSIVE
tm AS (SELECT id, first_day AS f, last_day AS l, days FROM term WHERE name = '2026-2027/1'),
dy(d) AS (SELECT f FROM tm UNION ALL SELECT date(d, '+1 day') FROM dy, tm WHERE d < tm.l),
wk(w) AS (VALUES (1), (2), (3), (4), (5), (6), (7)),
-- each day's weekday (1 is Monday) under the county's calendar, 0 on a day off
cwd AS (SELECT dy.d, CASE WHEN c.kind IS NULL THEN (CAST(strftime('%w', dy.d) AS INTEGER) + 6) % 7 + 1
          WHEN c.kind = 'makeup' THEN c.as_weekday ELSE 0 END AS wd
        FROM dy LEFT JOIN calendar c ON c.day = dy.d AND c.school_id IS NULL),
-- a school's own days
sday AS (SELECT c.school_id, c.day AS d, CASE WHEN c.kind = 'makeup' THEN c.as_weekday ELSE 0 END AS wd,
           c.kind, c.as_weekday FROM calendar c WHERE c.school_id IS NOT NULL),
-- the days of each weekday in the term, a school's own days' changes to them
ccount AS (SELECT wd, count(*) AS n FROM cwd WHERE wd > 0 GROUP BY wd),
sadj AS (SELECT school_id, wd, sum(n) AS n FROM (
           SELECT s.school_id, s.wd, 1 AS n FROM sday s JOIN cwd c ON c.d = s.d WHERE s.wd > 0
           UNION ALL SELECT s.school_id, c.wd, -1 FROM sday s JOIN cwd c ON c.d = s.d WHERE c.wd > 0)
         GROUP BY school_id, wd),
-- each room's opening hours by weekday
spec AS (SELECT r.id AS room_id, r.school_id, coalesce((SELECT h.hours FROM room_hours h, tm WHERE h.room_id = r.id
           AND h.term_id = tm.id), nullif(r.hours, '')) AS hours, r.open_from, r.open_to FROM room r),
split(room_id, item, rest) AS (
  SELECT room_id, NULL, hours || ';' FROM spec WHERE hours IS NOT NULL
  UNION ALL SELECT room_id, trim(substr(rest, 1, instr(rest, ';') - 1)), substr(rest, instr(rest, ';') + 1)
  FROM split WHERE rest <> ''),
item AS (SELECT room_id, (instr('mon tue wed thu fri sat sun', lower(substr(item, 1, 3))) + 3) / 4 AS a,
           CASE WHEN substr(item, 4, 1) = '-' THEN (instr('mon tue wed thu fri sat sun', lower(substr(item, 5, 3))) + 3) / 4
             ELSE (instr('mon tue wed thu fri sat sun', lower(substr(item, 1, 3))) + 3) / 4 END AS b,
           substr(item, instr(item, ' ') + 1) AS t FROM split WHERE item <> '' AND lower(substr(item, instr(item, ' ') + 1)) <> 'closed'),
bells AS (SELECT b.school_id, min(b.start) AS f, max(b.end) AS t FROM bell b, tm WHERE b.term_id = tm.id GROUP BY b.school_id),
rh AS (
  SELECT i.room_id, wk.w AS wd, CAST(substr(i.t, 1, 2) AS INTEGER) * 60 + CAST(substr(i.t, 4, 2) AS INTEGER) AS f,
    CAST(substr(i.t, 7, 2) AS INTEGER) * 60 + CAST(substr(i.t, 10, 2) AS INTEGER) AS t
  FROM item i JOIN wk ON wk.w BETWEEN i.a AND i.b
  UNION ALL
  SELECT s.room_id, wk.w, CAST(substr(s.open_from, 1, 2) AS INTEGER) * 60 + CAST(substr(s.open_from, 4, 2) AS INTEGER),
    CAST(substr(s.open_to, 1, 2) AS INTEGER) * 60 + CAST(substr(s.open_to, 4, 2) AS INTEGER)
  FROM spec s, wk WHERE s.hours IS NULL AND s.open_from IS NOT NULL AND s.open_to > s.open_from
  UNION ALL
  SELECT s.room_id, wk.w, CAST(substr(coalesce(o.f, d.f), 1, 2) AS INTEGER) * 60 + CAST(substr(coalesce(o.f, d.f), 4, 2) AS INTEGER),
    CAST(substr(coalesce(o.t, d.t), 1, 2) AS INTEGER) * 60 + CAST(substr(coalesce(o.t, d.t), 4, 2) AS INTEGER)
  FROM spec s JOIN tm JOIN wk ON wk.w <= tm.days LEFT JOIN bells o ON o.school_id = s.school_id
    LEFT JOIN bells d ON d.school_id IS NULL
  WHERE s.hours IS NULL AND (s.open_from IS NULL OR NOT s.open_to > s.open_from) AND coalesce(o.f, d.f) IS NOT NULL),
-- how many days of each weekday a room is open, and for how long
rday AS (SELECT rh.room_id, rh.wd, rh.f, rh.t, c.n + coalesce(a.n, 0) AS n
         FROM rh JOIN spec s ON s.room_id = rh.room_id JOIN ccount c ON c.wd = rh.wd
         LEFT JOIN sadj a ON a.school_id = s.school_id AND a.wd = rh.wd),
openh AS (SELECT room_id, sum(n * (t - f)) / 60.0 AS h FROM rday GROUP BY room_id),
-- the timetable's lessons in each room, at the school's clock times
les AS (SELECT l.room_id, l.day AS wd,
          (SELECT start FROM bell WHERE term_id = c.term_id AND period = l.period AND (school_id = r.school_id OR school_id IS NULL)
            ORDER BY school_id IS NULL LIMIT 1) AS s,
          (SELECT end FROM bell WHERE term_id = c.term_id AND period = l.period + c.length - 1 AND (school_id = r.school_id
            OR school_id IS NULL) ORDER BY school_id IS NULL LIMIT 1) AS e
        FROM lesson l JOIN course c ON c.id = l.course_id JOIN tm ON tm.id = c.term_id JOIN room r ON r.id = l.room_id
        WHERE l.day IS NOT NULL AND l.day <= tm.days),
lmin AS (SELECT room_id, wd, CAST(substr(s, 1, 2) AS INTEGER) * 60 + CAST(substr(s, 4, 2) AS INTEGER) AS s,
           CAST(substr(e, 1, 2) AS INTEGER) * 60 + CAST(substr(e, 4, 2) AS INTEGER) AS e, s IS NULL OR e IS NULL OR e <= s AS whole FROM les),
tth AS (SELECT r.room_id, sum(r.n * CASE WHEN l.whole THEN r.t - r.f ELSE max(0, min(l.e, r.t) - max(l.s, r.f)) END) / 60.0 AS h
        FROM lmin l JOIN rday r ON r.room_id = l.room_id AND r.wd = l.wd GROUP BY r.room_id),
-- the live bookings' dates: a recurrence's, a day off left out
bk AS (SELECT b.id, b.room_id, b.school_id, r.school_id AS owner, b.first_day, b.last_day, b.status,
         CAST(substr(b.start, 1, 2) AS INTEGER) * 60 + CAST(substr(b.start, 4, 2) AS INTEGER) AS s,
         CAST(substr(b.end, 1, 2) AS INTEGER) * 60 + CAST(substr(b.end, 4, 2) AS INTEGER) AS e,
         nullif(b.rrule, '') AS rrule,
         CASE WHEN instr(b.rrule, 'UNTIL=') THEN substr(b.rrule, instr(b.rrule, 'UNTIL=') + 6, 4) || '-' ||
           substr(b.rrule, instr(b.rrule, 'UNTIL=') + 10, 2) || '-' || substr(b.rrule, instr(b.rrule, 'UNTIL=') + 12, 2) END AS until,
         CASE WHEN instr(b.rrule, 'INTERVAL=') THEN CAST(substr(b.rrule, instr(b.rrule, 'INTERVAL=') + 9) AS INTEGER) ELSE 1 END AS iv,
         CASE WHEN instr(b.rrule, 'BYDAY=') THEN substr(b.rrule, instr(b.rrule, 'BYDAY=') + 6) END AS byday
       FROM booking b JOIN room r ON r.id = b.room_id WHERE b.status IN ('approved', 'requested')),
raw AS (SELECT bk.id, dy.d FROM bk JOIN dy ON dy.d BETWEEN bk.first_day AND bk.last_day
        WHERE (bk.rrule IS NULL AND dy.d = bk.first_day)
          OR (bk.rrule IS NOT NULL AND (bk.until IS NULL OR dy.d <= bk.until)
            AND instr(coalesce(bk.byday, substr('MOTUWETHFRSASU', (CAST(strftime('%w', bk.first_day) AS INTEGER) + 6) % 7 * 2 + 1, 2)),
              substr('MOTUWETHFRSASU', (CAST(strftime('%w', dy.d) AS INTEGER) + 6) % 7 * 2 + 1, 2))
            AND CAST((julianday(dy.d) - julianday(bk.first_day, '-' || ((CAST(strftime('%w', bk.first_day) AS INTEGER) + 6) % 7) || ' days')) AS INTEGER) / 7 % bk.iv = 0)),
occ AS (
  SELECT bk.id, raw.d, bk.s, bk.e, bk.status AS st FROM raw JOIN bk ON bk.id = raw.id JOIN cwd ON cwd.d = raw.d
    LEFT JOIN sday o ON o.school_id = bk.owner AND o.d = raw.d
  WHERE coalesce(o.wd, cwd.wd) > 0 AND NOT EXISTS (SELECT 1 FROM booking_change x WHERE x.booking_id = bk.id AND x.day = raw.d)
  UNION ALL
  -- a make-up day runs the dates of the weekday it stands for
  SELECT bk.id, m.d, bk.s, bk.e, bk.status FROM bk JOIN (
      SELECT c.day AS d, c.school_id, c.as_weekday FROM calendar c WHERE c.kind = 'makeup') m
    ON (m.school_id = bk.owner OR (m.school_id IS NULL AND NOT EXISTS (SELECT 1 FROM sday o WHERE o.school_id = bk.owner AND o.d = m.d)))
  WHERE bk.rrule IS NOT NULL AND m.d BETWEEN bk.first_day AND bk.last_day
    AND NOT EXISTS (SELECT 1 FROM raw WHERE raw.id = bk.id AND raw.d = m.d)
    AND EXISTS (SELECT 1 FROM raw WHERE raw.id = bk.id AND raw.d = date(m.d, (m.as_weekday - (CAST(strftime('%w', m.d) AS INTEGER) + 6) % 7 - 1) || ' days'))
    AND NOT EXISTS (SELECT 1 FROM booking_change x WHERE x.booking_id = bk.id AND x.day = m.d)
  UNION ALL
  SELECT bk.id, x.new_day, CAST(substr(x.start, 1, 2) AS INTEGER) * 60 + CAST(substr(x.start, 4, 2) AS INTEGER),
    CAST(substr(x.end, 1, 2) AS INTEGER) * 60 + CAST(substr(x.end, 4, 2) AS INTEGER), coalesce(x.status, 'requested')
  FROM booking_change x JOIN bk ON bk.id = x.booking_id WHERE x.kind = 'moved'),
took AS (SELECT bk.room_id, bk.school_id, bk.owner, occ.d, occ.s, occ.e FROM occ JOIN bk ON bk.id = occ.id, tm
         WHERE occ.st = 'approved' AND occ.d BETWEEN tm.f AND tm.l),
-- booked hours within the room's hours of the day
bkh AS (SELECT t.room_id, sum(max(0, min(t.e, h.t) - max(t.s, h.f))) / 60.0 AS h
        FROM took t JOIN cwd ON cwd.d = t.d LEFT JOIN sday o ON o.school_id = t.owner AND o.d = t.d
        JOIN rh h ON h.room_id = t.room_id AND h.wd = coalesce(o.wd, cwd.wd) GROUP BY t.room_id),
borrowed AS (SELECT school_id, sum(e - s) / 60.0 AS h FROM took WHERE school_id <> owner GROUP BY school_id),
rooms AS (SELECT s.code || ' ' || s.name AS name, count(*) AS n, sum(coalesce(o.h, 0)) AS open,
            sum(min(coalesce(t.h, 0), coalesce(o.h, 0))) AS tt, sum(coalesce(b.h, 0)) AS booked
          FROM room r JOIN school s ON s.id = r.school_id LEFT JOIN openh o ON o.room_id = r.id
          LEFT JOIN tth t ON t.room_id = r.id LEFT JOIN bkh b ON b.room_id = r.id GROUP BY r.school_id)
SELECT name, sum(n), printf('%.1f', sum(open)), printf('%.1f', sum(tt)), printf('%.1f', sum(booked)), printf('%.1f', sum(bor))
FROM (SELECT name, n, open, tt, booked, 0 AS bor FROM rooms
      UNION ALL SELECT s.code || ' ' || s.name, 0, 0, 0, 0, b.h FROM borrowed b JOIN school s ON s.id = b.school_id)
GROUP BY name ORDER BY name;
