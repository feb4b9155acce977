-- The counts behind `xuequ exchange quota --year 2026-2027 --by school` as one query:
-- eligible teachers per home school, and teachers exchanged in the year (backbone apart)
-- per sending school, for the side-by-side timing of `make bench`.
WITH elig AS (
  SELECT t.school_id, count(*) AS n FROM teacher t
  WHERE t.employment = 'in_post' AND t.post = 'teacher' AND t.joined_school_on IS NOT NULL
    AND CAST(strftime('%Y', '2026-09-01') AS INTEGER) - CAST(strftime('%Y', t.joined_school_on) AS INTEGER)
      - (strftime('%m-%d', '2026-09-01') < strftime('%m-%d', t.joined_school_on)) >= 6
    AND NOT (t.birth_date IS NOT NULL AND CAST(strftime('%Y', '2026-09-01') AS INTEGER) - CAST(strftime('%Y', t.birth_date) AS INTEGER)
      - (strftime('%m-%d', '2026-09-01') < strftime('%m-%d', t.birth_date)) > CASE t.gender WHEN 'F' THEN 50 ELSE 55 END)
    AND NOT EXISTS (SELECT 1 FROM exemption e WHERE e.teacher_id = t.id AND e.start_date <= '2027-08-31'
      AND coalesce(e.end_date, '9999-12-31') >= '2026-09-01')
    AND NOT EXISTS (SELECT 1 FROM exchange x WHERE x.teacher_id = t.id AND x.status IN ('approved','active','extended')
      AND x.start_date < '2026-09-01' AND x.end_date >= '2026-09-01')
  GROUP BY t.school_id),
moved AS (
  SELECT x.from_school_id AS school_id, count(DISTINCT x.teacher_id) AS n,
    count(DISTINCT CASE WHEN t.backbone_level IN ('county','city','province','national') THEN x.teacher_id END) AS bb
  FROM exchange x JOIN teacher t ON t.id = x.teacher_id
  WHERE x.status IN ('approved','active','completed','extended') AND x.start_date BETWEEN '2026-09-01' AND '2027-08-31'
  GROUP BY x.from_school_id)
SELECT s.code, s.name, coalesce(elig.n, 0), coalesce(moved.n, 0), coalesce(moved.bb, 0),
  max(0, CAST(ceil(0.10 * coalesce(elig.n, 0)) AS INTEGER) - coalesce(moved.n, 0))
FROM school s LEFT JOIN elig ON elig.school_id = s.id LEFT JOIN moved ON moved.school_id = s.id
ORDER BY s.code;
