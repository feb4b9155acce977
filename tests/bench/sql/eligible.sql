-- The figures of `xuequ exchange eligible --year 2026-2027` (reference date 2026-09-01, six
-- years at the school, the default age limits) as one query: the rule and the columns the
-- report prints, for the side-by-side timing of `make bench`.
SELECT t.staff_no, t.name, s.code, s.name, t.backbone_level,
  CAST(strftime('%Y', '2026-09-01') AS INTEGER) - CAST(strftime('%Y', t.joined_school_on) AS INTEGER)
    - (strftime('%m-%d', '2026-09-01') < strftime('%m-%d', t.joined_school_on)) AS years,
  CASE
    WHEN t.employment <> 'in_post' THEN 'not_in_post'
    WHEN t.post <> 'teacher' THEN 'not_teacher'
    WHEN t.joined_school_on IS NULL THEN 'unknown'
    WHEN CAST(strftime('%Y', '2026-09-01') AS INTEGER) - CAST(strftime('%Y', t.joined_school_on) AS INTEGER)
      - (strftime('%m-%d', '2026-09-01') < strftime('%m-%d', t.joined_school_on)) < 6 THEN 'too_few_years'
    WHEN t.birth_date IS NOT NULL AND CAST(strftime('%Y', '2026-09-01') AS INTEGER) - CAST(strftime('%Y', t.birth_date) AS INTEGER)
      - (strftime('%m-%d', '2026-09-01') < strftime('%m-%d', t.birth_date)) > CASE t.gender WHEN 'F' THEN 50 ELSE 55 END THEN 'over_age'
    WHEN EXISTS (SELECT 1 FROM exemption e WHERE e.teacher_id = t.id AND e.start_date <= '2027-08-31'
      AND coalesce(e.end_date, '9999-12-31') >= '2026-09-01') THEN 'exempt'
    WHEN EXISTS (SELECT 1 FROM exchange x WHERE x.teacher_id = t.id AND x.status IN ('approved','active','extended')
      AND x.start_date < '2026-09-01' AND x.end_date >= '2026-09-01') THEN 'on_exchange'
    ELSE 'yes' END AS eligible
FROM teacher t JOIN school s ON s.id = t.school_id
ORDER BY t.staff_no;
