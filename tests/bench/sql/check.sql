-- The figures of `xuequ check` as SQL in the sqlite3 shell: the integrity and foreign-key
-- checks and the data's rules (db/admin.c), for the side-by-side timing of `make bench`.
PRAGMA integrity_check;
PRAGMA foreign_key_check;
SELECT d.name, s.name FROM district d JOIN school s ON s.id = d.lead_school_id WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.district_id = d.id AND m.school_id = d.lead_school_id AND m.to_date IS NULL AND m.role = 'lead');
SELECT d.name, s.name FROM member m JOIN district d ON d.id = m.district_id JOIN school s ON s.id = m.school_id WHERE m.role = 'lead' AND m.to_date IS NULL AND d.lead_school_id IS NOT m.school_id;
SELECT d.name FROM district d WHERE d.lead_school_id IS NULL AND EXISTS (SELECT 1 FROM member m WHERE m.district_id = d.id AND m.to_date IS NULL);
SELECT s.name, d1.name, d2.name FROM member a JOIN member b ON a.school_id = b.school_id AND a.id < b.id AND a.from_date < coalesce(b.to_date, '9999-12-31') AND b.from_date < coalesce(a.to_date, '9999-12-31') JOIN school s ON s.id = a.school_id JOIN district d1 ON d1.id = a.district_id JOIN district d2 ON d2.id = b.district_id;
SELECT name FROM school WHERE (lat IS NULL) <> (lon IS NULL);
SELECT name, classes, students FROM school WHERE classes > 0 AND students >= 0 AND classes > students;
SELECT staff_no, name FROM teacher WHERE birth_date IS NOT NULL AND joined_school_on IS NOT NULL AND joined_school_on < date(birth_date, '+16 years');
SELECT staff_no, name, post FROM teacher WHERE post <> 'teacher' AND post_since IS NULL;
SELECT x.date, sa.name, sb.name FROM activity x JOIN agreement a ON a.id = x.agreement_id JOIN school sa ON sa.id = a.supporting_id JOIN school sb ON sb.id = a.supported_id WHERE x.date < a.start_date OR (a.end_date IS NOT NULL AND x.date > a.end_date);
SELECT code, name FROM school WHERE code GLOB '00000[0-9][0-9][0-9][0-9][0-9]';
SELECT staff_no, name FROM teacher WHERE staff_no GLOB 'FET[0-9][0-9][0-9][0-9][0-9][0-9]';
