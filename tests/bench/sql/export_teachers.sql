-- `xuequ export teachers` as one query, for the side-by-side timing of `make bench`.
SELECT t.staff_no, t.name, t.gender, t.birth_date, s.code, t.subjects, t.title, t.education,
  t.backbone_level, t.pe_art, t.employment, t.post, t.post_since, t.joined_school_on
FROM teacher t JOIN school s ON s.id = t.school_id ORDER BY t.staff_no;
