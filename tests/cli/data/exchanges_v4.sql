-- exchanges_v4.sql: a database made by xuequ at schema version 4, when an exchange table
-- still had UNIQUE (teacher_id, start_date), for the upgrade tests (tests/cli/repropose.sh,
-- tests/unit/test_repropose.c). Made with that version by: init; import of three schools, a
-- district with its members and three teachers (T01 T02 T03); exchange add T01 (id 1) then
-- reject; exchange add T02 (id 2) then cancel; exchange add T03 (id 3) then approve, all
-- starting 2026-09-01; then sqlite3 .dump. Load it with sqlite3 FILE < exchanges_v4.sql.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE school (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 10 AND code NOT GLOB '*[^0-9]*'),
  name TEXT NOT NULL CHECK (name <> ''),
  short_name TEXT,
  level TEXT NOT NULL CHECK (level IN ('primary','junior','nine_year','twelve_year','teaching_point')),
  town TEXT,
  location TEXT NOT NULL CHECK (location IN ('urban','town','rural')),
  lat REAL CHECK (lat BETWEEN -90 AND 90),
  lon REAL CHECK (lon BETWEEN -180 AND 180),
  students INTEGER CHECK (students >= 0),
  classes INTEGER CHECK (classes >= 0),
  staff_quota INTEGER CHECK (staff_quota >= 0),
  teaching_area_m2 REAL CHECK (teaching_area_m2 >= 0),
  sports_area_m2 REAL CHECK (sports_area_m2 >= 0),
  equipment_value_yuan REAL CHECK (equipment_value_yuan >= 0),
  multimedia_rooms INTEGER CHECK (multimedia_rooms >= 0),
  music_rooms INTEGER CHECK (music_rooms >= 0),
  art_rooms INTEGER CHECK (art_rooms >= 0),
  hardship INTEGER NOT NULL DEFAULT 0 CHECK (hardship BETWEEN 0 AND 3)
);
INSERT INTO school VALUES(1,1,'4500000001','城区实验小学',NULL,'primary',NULL,'urban',24.300000000000000709,109.40000000000000568,1200,NULL,40,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO school VALUES(2,1,'4500000002','江口镇中心小学',NULL,'primary',NULL,'town',24.300000000000000709,109.5,600,NULL,40,NULL,NULL,NULL,NULL,NULL,NULL,1);
INSERT INTO school VALUES(3,1,'4500000003','江口镇大村小学',NULL,'primary',NULL,'rural',24.399999999999998578,109.5,200,NULL,12,NULL,NULL,NULL,NULL,NULL,NULL,3);
CREATE TABLE district (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  form TEXT NOT NULL CHECK (form IN ('group','pairing','alliance','integrated')),
  lead_school_id INTEGER REFERENCES school(id) ON DELETE RESTRICT,
  established_on TEXT CHECK (established_on IS NULL OR (established_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(established_on) = established_on)),
  note TEXT
);
INSERT INTO district VALUES(1,3,'江口学区','pairing',1,'2020-01-01',NULL);
CREATE TABLE member (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
  role TEXT NOT NULL CHECK (role IN ('lead','member')),
  from_date TEXT NOT NULL CHECK (from_date IS NULL OR (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(from_date) = from_date)),
  to_date TEXT CHECK ((to_date IS NULL OR (to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(to_date) = to_date)) AND (to_date IS NULL OR to_date >= from_date)),
  UNIQUE (district_id, school_id, from_date)
);
INSERT INTO member VALUES(1,2,1,1,'lead','2020-01-01',NULL);
INSERT INTO member VALUES(2,1,1,2,'member','2020-01-01',NULL);
INSERT INTO member VALUES(3,1,1,3,'member','2020-01-01',NULL);
CREATE TABLE agreement (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  supporting_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
  supported_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
  start_date TEXT NOT NULL CHECK (start_date IS NULL OR (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(start_date) = start_date)),
  end_date TEXT CHECK ((end_date IS NULL OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(end_date) = end_date)) AND (end_date IS NULL OR end_date >= start_date)),
  goals TEXT,
  CHECK (supporting_id <> supported_id),
  UNIQUE (supporting_id, supported_id, start_date)
);
CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
  date TEXT NOT NULL CHECK (date IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) = date)),
  kind TEXT NOT NULL CHECK (kind IN ('lecture','guidance','diagnosis','case_study','visit','shadowing','mentoring','other')),
  note TEXT
);
CREATE TABLE teacher (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  staff_no TEXT NOT NULL UNIQUE CHECK (staff_no <> ''),
  name TEXT NOT NULL CHECK (name <> ''),
  gender TEXT NOT NULL CHECK (gender IN ('M','F')),
  birth_date TEXT CHECK (birth_date IS NULL OR (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(birth_date) = birth_date)),
  school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
  subjects TEXT,
  title TEXT,
  education TEXT NOT NULL CHECK (education IN ('secondary','junior_college','bachelor','master','doctor')),
  backbone_level TEXT NOT NULL DEFAULT 'none' CHECK (backbone_level IN ('none','county','city','province','national')),
  pe_art INTEGER NOT NULL DEFAULT 0 CHECK (pe_art IN (0,1)),
  employment TEXT NOT NULL CHECK (employment IN ('in_post','special_post','substitute','other')),
  post TEXT NOT NULL DEFAULT 'teacher' CHECK (post IN ('teacher','principal','vice_principal')),
  post_since TEXT CHECK (post_since IS NULL OR (post_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(post_since) = post_since)),
  joined_school_on TEXT CHECK (joined_school_on IS NULL OR (joined_school_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(joined_school_on) = joined_school_on))
);
INSERT INTO teacher VALUES(1,1,'T01','甲一','F',NULL,1,'语文',NULL,'bachelor','none',0,'in_post','teacher',NULL,'2012-09-01');
INSERT INTO teacher VALUES(2,1,'T02','乙二','M',NULL,1,'数学',NULL,'bachelor','none',0,'in_post','teacher',NULL,'2012-09-01');
INSERT INTO teacher VALUES(3,1,'T03','丙三','F',NULL,2,'语文',NULL,'bachelor','county',0,'in_post','teacher',NULL,'2012-09-01');
CREATE TABLE exemption (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('illness','maternity','family','other')),
  start_date TEXT NOT NULL CHECK (start_date IS NULL OR (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(start_date) = start_date)),
  end_date TEXT CHECK ((end_date IS NULL OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(end_date) = end_date)) AND (end_date IS NULL OR end_date >= start_date)),
  note TEXT,
  UNIQUE (teacher_id, kind, start_date)
);
CREATE TABLE operator (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  login TEXT NOT NULL UNIQUE CHECK (login <> ''),
  role TEXT NOT NULL CHECK (role IN ('admin','district_admin','inspector','viewer')),
  district_id INTEGER REFERENCES district(id) ON DELETE SET NULL,
  school_id INTEGER REFERENCES school(id) ON DELETE SET NULL
);
INSERT INTO operator VALUES(1,1,'root','admin',NULL,NULL);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  login TEXT NOT NULL,
  sudo_user TEXT,
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  before TEXT,
  after TEXT
);
INSERT INTO audit VALUES(1,'2026-12-03T08:08:21.666Z','root',NULL,'operator',1,'insert',NULL,'{"id":1,"rev":1,"login":"root","role":"admin","district_id":null,"school_id":null}');
INSERT INTO audit VALUES(2,'2026-12-03T08:08:21.678Z','root',NULL,'school',1,'insert',NULL,'{"id":1,"rev":1,"code":"4500000001","name":"城区实验小学","short_name":null,"level":"primary","town":null,"location":"urban","lat":24.3,"lon":109.4,"students":1200,"classes":null,"staff_quota":40,"teaching_area_m2":null,"sports_area_m2":null,"equipment_value_yuan":null,"multimedia_rooms":null,"music_rooms":null,"art_rooms":null,"hardship":0}');
INSERT INTO audit VALUES(3,'2026-12-03T08:08:21.679Z','root',NULL,'school',2,'insert',NULL,'{"id":2,"rev":1,"code":"4500000002","name":"江口镇中心小学","short_name":null,"level":"primary","town":null,"location":"town","lat":24.3,"lon":109.5,"students":600,"classes":null,"staff_quota":40,"teaching_area_m2":null,"sports_area_m2":null,"equipment_value_yuan":null,"multimedia_rooms":null,"music_rooms":null,"art_rooms":null,"hardship":1}');
INSERT INTO audit VALUES(4,'2026-12-03T08:08:21.679Z','root',NULL,'school',3,'insert',NULL,'{"id":3,"rev":1,"code":"4500000003","name":"江口镇大村小学","short_name":null,"level":"primary","town":null,"location":"rural","lat":24.4,"lon":109.5,"students":200,"classes":null,"staff_quota":12,"teaching_area_m2":null,"sports_area_m2":null,"equipment_value_yuan":null,"multimedia_rooms":null,"music_rooms":null,"art_rooms":null,"hardship":3}');
INSERT INTO audit VALUES(5,'2026-12-03T08:08:21.688Z','root',NULL,'district',1,'insert',NULL,'{"id":1,"rev":1,"name":"江口学区","form":"pairing","lead_school_id":null,"established_on":"2020-01-01","note":null}');
INSERT INTO audit VALUES(6,'2026-12-03T08:08:21.688Z','root',NULL,'district',1,'update','{"id":1,"rev":1,"name":"江口学区","form":"pairing","lead_school_id":null,"established_on":"2020-01-01","note":null}','{"id":1,"rev":2,"name":"江口学区","form":"pairing","lead_school_id":1,"established_on":"2020-01-01","note":null}');
INSERT INTO audit VALUES(7,'2026-12-03T08:08:21.696Z','root',NULL,'member',1,'insert',NULL,'{"id":1,"rev":1,"district_id":1,"school_id":1,"role":"member","from_date":"2020-01-01","to_date":null}');
INSERT INTO audit VALUES(8,'2026-12-03T08:08:21.696Z','root',NULL,'member',1,'update','{"id":1,"rev":1,"district_id":1,"school_id":1,"role":"member","from_date":"2020-01-01","to_date":null}','{"id":1,"rev":2,"district_id":1,"school_id":1,"role":"lead","from_date":"2020-01-01","to_date":null}');
INSERT INTO audit VALUES(9,'2026-12-03T08:08:21.696Z','root',NULL,'district',1,'update','{"id":1,"rev":2,"name":"江口学区","form":"pairing","lead_school_id":1,"established_on":"2020-01-01","note":null}','{"id":1,"rev":3,"name":"江口学区","form":"pairing","lead_school_id":1,"established_on":"2020-01-01","note":null}');
INSERT INTO audit VALUES(10,'2026-12-03T08:08:21.696Z','root',NULL,'member',2,'insert',NULL,'{"id":2,"rev":1,"district_id":1,"school_id":2,"role":"member","from_date":"2020-01-01","to_date":null}');
INSERT INTO audit VALUES(11,'2026-12-03T08:08:21.696Z','root',NULL,'member',3,'insert',NULL,'{"id":3,"rev":1,"district_id":1,"school_id":3,"role":"member","from_date":"2020-01-01","to_date":null}');
INSERT INTO audit VALUES(12,'2026-12-03T08:08:21.716Z','root',NULL,'teacher',1,'insert',NULL,'{"id":1,"rev":1,"staff_no":"T01","name":"甲一","gender":"F","birth_date":null,"school_id":1,"subjects":"语文","title":null,"education":"bachelor","backbone_level":"none","pe_art":0,"employment":"in_post","post":"teacher","post_since":null,"joined_school_on":"2012-09-01"}');
INSERT INTO audit VALUES(13,'2026-12-03T08:08:21.716Z','root',NULL,'teacher',2,'insert',NULL,'{"id":2,"rev":1,"staff_no":"T02","name":"乙二","gender":"M","birth_date":null,"school_id":1,"subjects":"数学","title":null,"education":"bachelor","backbone_level":"none","pe_art":0,"employment":"in_post","post":"teacher","post_since":null,"joined_school_on":"2012-09-01"}');
INSERT INTO audit VALUES(14,'2026-12-03T08:08:21.717Z','root',NULL,'teacher',3,'insert',NULL,'{"id":3,"rev":1,"staff_no":"T03","name":"丙三","gender":"F","birth_date":null,"school_id":2,"subjects":"语文","title":null,"education":"bachelor","backbone_level":"county","pe_art":0,"employment":"in_post","post":"teacher","post_since":null,"joined_school_on":"2012-09-01"}');
INSERT INTO audit VALUES(15,'2026-12-03T08:08:21.725Z','root',NULL,'exchange',1,'insert',NULL,'{"id":1,"rev":1,"teacher_id":1,"from_school_id":1,"to_school_id":2,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"proposed","evaluation":null,"subsidy_month":500.0}');
INSERT INTO audit VALUES(16,'2026-12-03T08:08:21.733Z','root',NULL,'exchange',1,'update','{"id":1,"rev":1,"teacher_id":1,"from_school_id":1,"to_school_id":2,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"proposed","evaluation":null,"subsidy_month":500.0}','{"id":1,"rev":2,"teacher_id":1,"from_school_id":1,"to_school_id":2,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"rejected","evaluation":null,"subsidy_month":500.0}');
INSERT INTO audit VALUES(17,'2026-12-03T08:08:21.745Z','root',NULL,'exchange',2,'insert',NULL,'{"id":2,"rev":1,"teacher_id":2,"from_school_id":1,"to_school_id":3,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"proposed","evaluation":null,"subsidy_month":700.0}');
INSERT INTO audit VALUES(18,'2026-12-03T08:08:21.754Z','root',NULL,'exchange',2,'update','{"id":2,"rev":1,"teacher_id":2,"from_school_id":1,"to_school_id":3,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"proposed","evaluation":null,"subsidy_month":700.0}','{"id":2,"rev":2,"teacher_id":2,"from_school_id":1,"to_school_id":3,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"cancelled","evaluation":null,"subsidy_month":700.0}');
INSERT INTO audit VALUES(19,'2026-12-03T08:08:21.766Z','root',NULL,'exchange',3,'insert',NULL,'{"id":3,"rev":1,"teacher_id":3,"from_school_id":2,"to_school_id":1,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"proposed","evaluation":null,"subsidy_month":400.0}');
INSERT INTO audit VALUES(20,'2026-12-03T08:08:21.775Z','root',NULL,'exchange',3,'update','{"id":3,"rev":1,"teacher_id":3,"from_school_id":2,"to_school_id":1,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"proposed","evaluation":null,"subsidy_month":400.0}','{"id":3,"rev":2,"teacher_id":3,"from_school_id":2,"to_school_id":1,"kind":"rotation","reason":"adjustment","year":"2026-2027","start_date":"2026-09-01","end_date":"2028-08-31","week_share":null,"status":"approved","evaluation":null,"subsidy_month":400.0}');
CREATE TABLE exchange (
  id INTEGER PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE RESTRICT,
  from_school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
  to_school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL CHECK (kind IN ('rotation','support','itinerant','parttime')),
  reason TEXT NOT NULL CHECK (reason IN ('adjustment','mandatory','upward','voluntary')),
  year TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]' AND
    CAST(substr(year, 6) AS INTEGER) = CAST(substr(year, 1, 4) AS INTEGER) + 1),
  start_date TEXT NOT NULL CHECK (start_date IS NULL OR (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(start_date) = start_date)),
  end_date TEXT NOT NULL CHECK ((end_date IS NULL OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(end_date) = end_date)) AND end_date >= start_date),
  week_share REAL CHECK (week_share IS NULL OR (week_share > 0 AND week_share <= 1)),
  status TEXT NOT NULL CHECK (status IN ('proposed','approved','active','completed','rejected','cancelled','extended')),
  evaluation TEXT CHECK (evaluation IS NULL OR evaluation IN ('excellent','qualified','unqualified')),
  subsidy_month REAL CHECK (subsidy_month IS NULL OR subsidy_month >= 0),
  CHECK (from_school_id <> to_school_id),
  UNIQUE (teacher_id, start_date)
);
INSERT INTO exchange VALUES(1,2,1,1,2,'rotation','adjustment','2026-2027','2026-09-01','2028-08-31',NULL,'rejected',NULL,500.0);
INSERT INTO exchange VALUES(2,2,2,1,3,'rotation','adjustment','2026-2027','2026-09-01','2028-08-31',NULL,'cancelled',NULL,700.0);
INSERT INTO exchange VALUES(3,2,3,2,1,'rotation','adjustment','2026-2027','2026-09-01','2028-08-31',NULL,'approved',NULL,400.0);
CREATE TABLE policy (
  key TEXT PRIMARY KEY CHECK (key GLOB '[a-z]*.[a-z]*'),
  id INTEGER NOT NULL UNIQUE,
  rev INTEGER NOT NULL DEFAULT 1,
  value TEXT NOT NULL
);
INSERT INTO policy VALUES('exchange.reference_date',1,1,'09-01');
INSERT INTO policy VALUES('exchange.min_years_at_school',2,1,'6');
INSERT INTO policy VALUES('exchange.max_age_male',3,1,'0');
INSERT INTO policy VALUES('exchange.max_age_female',4,1,'0');
INSERT INTO policy VALUES('exchange.min_ratio',5,1,'0.1');
INSERT INTO policy VALUES('exchange.backbone_min_ratio',6,1,'0.2');
INSERT INTO policy VALUES('exchange.backbone_base',7,1,'exchanged');
INSERT INTO policy VALUES('exchange.principal_rotate_years',8,1,'5');
INSERT INTO policy VALUES('exchange.principal_min_years',9,1,'3');
INSERT INTO policy VALUES('exchange.term_years',10,1,'2');
INSERT INTO policy VALUES('exchange.allow_cross_district',11,1,'false');
INSERT INTO policy VALUES('exchange.max_out_ratio',12,1,'0.15');
INSERT INTO policy VALUES('exchange.subsidy_km',13,1,'10, 30, 60');
INSERT INTO policy VALUES('exchange.subsidy_yuan',14,1,'200, 400, 600, 800');
INSERT INTO policy VALUES('exchange.subsidy_hardship_yuan',15,1,'0, 100, 200, 300');
INSERT INTO policy VALUES('indicators.teachers_above_degree_primary',16,1,'4.2');
INSERT INTO policy VALUES('indicators.teachers_above_degree_junior',17,1,'5.3');
INSERT INTO policy VALUES('indicators.backbone_teachers_primary',18,1,'1');
INSERT INTO policy VALUES('indicators.backbone_teachers_junior',19,1,'1');
INSERT INTO policy VALUES('indicators.pe_art_teachers_primary',20,1,'0.9');
INSERT INTO policy VALUES('indicators.pe_art_teachers_junior',21,1,'0.9');
INSERT INTO policy VALUES('indicators.teaching_area_primary',22,1,'4.5');
INSERT INTO policy VALUES('indicators.teaching_area_junior',23,1,'5.8');
INSERT INTO policy VALUES('indicators.sports_area_primary',24,1,'7.5');
INSERT INTO policy VALUES('indicators.sports_area_junior',25,1,'10.2');
INSERT INTO policy VALUES('indicators.equipment_value_primary',26,1,'2000');
INSERT INTO policy VALUES('indicators.equipment_value_junior',27,1,'2500');
INSERT INTO policy VALUES('indicators.multimedia_rooms_primary',28,1,'2.3');
INSERT INTO policy VALUES('indicators.multimedia_rooms_junior',29,1,'2.4');
INSERT INTO policy VALUES('indicators.min_indicators_met',30,1,'6');
INSERT INTO policy VALUES('indicators.seventh_min_share',31,1,'0.85');
INSERT INTO policy VALUES('indicators.cv_max_primary',32,1,'0.5');
INSERT INTO policy VALUES('indicators.cv_max_junior',33,1,'0.45');
CREATE INDEX school_name ON school(name);
CREATE INDEX school_town ON school(town, name);
CREATE INDEX member_school ON member(school_id, from_date);
CREATE UNIQUE INDEX member_one_current ON member(school_id) WHERE to_date IS NULL;
CREATE TRIGGER member_no_overlap_insert BEFORE INSERT ON member
WHEN EXISTS (SELECT 1 FROM member m WHERE m.school_id = NEW.school_id
  AND m.from_date < coalesce(NEW.to_date, '9999-12-31')
  AND coalesce(m.to_date, '9999-12-31') > NEW.from_date)
BEGIN SELECT RAISE(ABORT, 'a school is in at most one district at a time'); END;
CREATE TRIGGER member_no_overlap_update BEFORE UPDATE OF school_id, from_date, to_date ON member
WHEN EXISTS (SELECT 1 FROM member m WHERE m.school_id = NEW.school_id AND m.id <> NEW.id
  AND m.from_date < coalesce(NEW.to_date, '9999-12-31')
  AND coalesce(m.to_date, '9999-12-31') > NEW.from_date)
BEGIN SELECT RAISE(ABORT, 'a school is in at most one district at a time'); END;
CREATE INDEX agreement_supported ON agreement(supported_id);
CREATE INDEX activity_agreement ON activity(agreement_id, date);
CREATE INDEX teacher_school ON teacher(school_id, backbone_level);
CREATE INDEX teacher_name ON teacher(name);
CREATE INDEX audit_row ON audit(tbl, row_id, id);
CREATE TRIGGER audit_school_insert AFTER INSERT ON school BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'school', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'code', NEW.code, 'name', NEW.name, 'short_name', NEW.short_name, 'level', NEW.level, 'town', NEW.town, 'location', NEW.location, 'lat', NEW.lat, 'lon', NEW.lon, 'students', NEW.students, 'classes', NEW.classes, 'staff_quota', NEW.staff_quota, 'teaching_area_m2', NEW.teaching_area_m2, 'sports_area_m2', NEW.sports_area_m2, 'equipment_value_yuan', NEW.equipment_value_yuan, 'multimedia_rooms', NEW.multimedia_rooms, 'music_rooms', NEW.music_rooms, 'art_rooms', NEW.art_rooms, 'hardship', NEW.hardship));
END;
CREATE TRIGGER audit_school_update AFTER UPDATE ON school BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'school', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'code', OLD.code, 'name', OLD.name, 'short_name', OLD.short_name, 'level', OLD.level, 'town', OLD.town, 'location', OLD.location, 'lat', OLD.lat, 'lon', OLD.lon, 'students', OLD.students, 'classes', OLD.classes, 'staff_quota', OLD.staff_quota, 'teaching_area_m2', OLD.teaching_area_m2, 'sports_area_m2', OLD.sports_area_m2, 'equipment_value_yuan', OLD.equipment_value_yuan, 'multimedia_rooms', OLD.multimedia_rooms, 'music_rooms', OLD.music_rooms, 'art_rooms', OLD.art_rooms, 'hardship', OLD.hardship), json_object('id', NEW.id, 'rev', NEW.rev, 'code', NEW.code, 'name', NEW.name, 'short_name', NEW.short_name, 'level', NEW.level, 'town', NEW.town, 'location', NEW.location, 'lat', NEW.lat, 'lon', NEW.lon, 'students', NEW.students, 'classes', NEW.classes, 'staff_quota', NEW.staff_quota, 'teaching_area_m2', NEW.teaching_area_m2, 'sports_area_m2', NEW.sports_area_m2, 'equipment_value_yuan', NEW.equipment_value_yuan, 'multimedia_rooms', NEW.multimedia_rooms, 'music_rooms', NEW.music_rooms, 'art_rooms', NEW.art_rooms, 'hardship', NEW.hardship));
END;
CREATE TRIGGER audit_school_delete AFTER DELETE ON school BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'school', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'code', OLD.code, 'name', OLD.name, 'short_name', OLD.short_name, 'level', OLD.level, 'town', OLD.town, 'location', OLD.location, 'lat', OLD.lat, 'lon', OLD.lon, 'students', OLD.students, 'classes', OLD.classes, 'staff_quota', OLD.staff_quota, 'teaching_area_m2', OLD.teaching_area_m2, 'sports_area_m2', OLD.sports_area_m2, 'equipment_value_yuan', OLD.equipment_value_yuan, 'multimedia_rooms', OLD.multimedia_rooms, 'music_rooms', OLD.music_rooms, 'art_rooms', OLD.art_rooms, 'hardship', OLD.hardship), NULL);
END;
CREATE TRIGGER audit_district_insert AFTER INSERT ON district BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'district', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'name', NEW.name, 'form', NEW.form, 'lead_school_id', NEW.lead_school_id, 'established_on', NEW.established_on, 'note', NEW.note));
END;
CREATE TRIGGER audit_district_update AFTER UPDATE ON district BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'district', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'name', OLD.name, 'form', OLD.form, 'lead_school_id', OLD.lead_school_id, 'established_on', OLD.established_on, 'note', OLD.note), json_object('id', NEW.id, 'rev', NEW.rev, 'name', NEW.name, 'form', NEW.form, 'lead_school_id', NEW.lead_school_id, 'established_on', NEW.established_on, 'note', NEW.note));
END;
CREATE TRIGGER audit_district_delete AFTER DELETE ON district BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'district', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'name', OLD.name, 'form', OLD.form, 'lead_school_id', OLD.lead_school_id, 'established_on', OLD.established_on, 'note', OLD.note), NULL);
END;
CREATE TRIGGER audit_member_insert AFTER INSERT ON member BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'member', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'district_id', NEW.district_id, 'school_id', NEW.school_id, 'role', NEW.role, 'from_date', NEW.from_date, 'to_date', NEW.to_date));
END;
CREATE TRIGGER audit_member_update AFTER UPDATE ON member BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'member', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'district_id', OLD.district_id, 'school_id', OLD.school_id, 'role', OLD.role, 'from_date', OLD.from_date, 'to_date', OLD.to_date), json_object('id', NEW.id, 'rev', NEW.rev, 'district_id', NEW.district_id, 'school_id', NEW.school_id, 'role', NEW.role, 'from_date', NEW.from_date, 'to_date', NEW.to_date));
END;
CREATE TRIGGER audit_member_delete AFTER DELETE ON member BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'member', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'district_id', OLD.district_id, 'school_id', OLD.school_id, 'role', OLD.role, 'from_date', OLD.from_date, 'to_date', OLD.to_date), NULL);
END;
CREATE TRIGGER audit_agreement_insert AFTER INSERT ON agreement BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'agreement', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'supporting_id', NEW.supporting_id, 'supported_id', NEW.supported_id, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'goals', NEW.goals));
END;
CREATE TRIGGER audit_agreement_update AFTER UPDATE ON agreement BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'agreement', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'supporting_id', OLD.supporting_id, 'supported_id', OLD.supported_id, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'goals', OLD.goals), json_object('id', NEW.id, 'rev', NEW.rev, 'supporting_id', NEW.supporting_id, 'supported_id', NEW.supported_id, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'goals', NEW.goals));
END;
CREATE TRIGGER audit_agreement_delete AFTER DELETE ON agreement BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'agreement', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'supporting_id', OLD.supporting_id, 'supported_id', OLD.supported_id, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'goals', OLD.goals), NULL);
END;
CREATE TRIGGER audit_activity_insert AFTER INSERT ON activity BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'activity', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'agreement_id', NEW.agreement_id, 'date', NEW.date, 'kind', NEW.kind, 'note', NEW.note));
END;
CREATE TRIGGER audit_activity_update AFTER UPDATE ON activity BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'activity', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'agreement_id', OLD.agreement_id, 'date', OLD.date, 'kind', OLD.kind, 'note', OLD.note), json_object('id', NEW.id, 'rev', NEW.rev, 'agreement_id', NEW.agreement_id, 'date', NEW.date, 'kind', NEW.kind, 'note', NEW.note));
END;
CREATE TRIGGER audit_activity_delete AFTER DELETE ON activity BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'activity', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'agreement_id', OLD.agreement_id, 'date', OLD.date, 'kind', OLD.kind, 'note', OLD.note), NULL);
END;
CREATE TRIGGER audit_teacher_insert AFTER INSERT ON teacher BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'teacher', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'staff_no', NEW.staff_no, 'name', NEW.name, 'gender', NEW.gender, 'birth_date', NEW.birth_date, 'school_id', NEW.school_id, 'subjects', NEW.subjects, 'title', NEW.title, 'education', NEW.education, 'backbone_level', NEW.backbone_level, 'pe_art', NEW.pe_art, 'employment', NEW.employment, 'post', NEW.post, 'post_since', NEW.post_since, 'joined_school_on', NEW.joined_school_on));
END;
CREATE TRIGGER audit_teacher_update AFTER UPDATE ON teacher BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'teacher', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'staff_no', OLD.staff_no, 'name', OLD.name, 'gender', OLD.gender, 'birth_date', OLD.birth_date, 'school_id', OLD.school_id, 'subjects', OLD.subjects, 'title', OLD.title, 'education', OLD.education, 'backbone_level', OLD.backbone_level, 'pe_art', OLD.pe_art, 'employment', OLD.employment, 'post', OLD.post, 'post_since', OLD.post_since, 'joined_school_on', OLD.joined_school_on), json_object('id', NEW.id, 'rev', NEW.rev, 'staff_no', NEW.staff_no, 'name', NEW.name, 'gender', NEW.gender, 'birth_date', NEW.birth_date, 'school_id', NEW.school_id, 'subjects', NEW.subjects, 'title', NEW.title, 'education', NEW.education, 'backbone_level', NEW.backbone_level, 'pe_art', NEW.pe_art, 'employment', NEW.employment, 'post', NEW.post, 'post_since', NEW.post_since, 'joined_school_on', NEW.joined_school_on));
END;
CREATE TRIGGER audit_teacher_delete AFTER DELETE ON teacher BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'teacher', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'staff_no', OLD.staff_no, 'name', OLD.name, 'gender', OLD.gender, 'birth_date', OLD.birth_date, 'school_id', OLD.school_id, 'subjects', OLD.subjects, 'title', OLD.title, 'education', OLD.education, 'backbone_level', OLD.backbone_level, 'pe_art', OLD.pe_art, 'employment', OLD.employment, 'post', OLD.post, 'post_since', OLD.post_since, 'joined_school_on', OLD.joined_school_on), NULL);
END;
CREATE TRIGGER audit_exemption_insert AFTER INSERT ON exemption BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'exemption', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'teacher_id', NEW.teacher_id, 'kind', NEW.kind, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'note', NEW.note));
END;
CREATE TRIGGER audit_exemption_update AFTER UPDATE ON exemption BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'exemption', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'teacher_id', OLD.teacher_id, 'kind', OLD.kind, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'note', OLD.note), json_object('id', NEW.id, 'rev', NEW.rev, 'teacher_id', NEW.teacher_id, 'kind', NEW.kind, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'note', NEW.note));
END;
CREATE TRIGGER audit_exemption_delete AFTER DELETE ON exemption BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'exemption', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'teacher_id', OLD.teacher_id, 'kind', OLD.kind, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'note', OLD.note), NULL);
END;
CREATE TRIGGER audit_operator_insert AFTER INSERT ON operator BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'operator', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'login', NEW.login, 'role', NEW.role, 'district_id', NEW.district_id, 'school_id', NEW.school_id));
END;
CREATE TRIGGER audit_operator_update AFTER UPDATE ON operator BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'operator', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'login', OLD.login, 'role', OLD.role, 'district_id', OLD.district_id, 'school_id', OLD.school_id), json_object('id', NEW.id, 'rev', NEW.rev, 'login', NEW.login, 'role', NEW.role, 'district_id', NEW.district_id, 'school_id', NEW.school_id));
END;
CREATE TRIGGER audit_operator_delete AFTER DELETE ON operator BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'operator', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'login', OLD.login, 'role', OLD.role, 'district_id', OLD.district_id, 'school_id', OLD.school_id), NULL);
END;
CREATE INDEX exchange_year ON exchange(year, status);
CREATE INDEX exchange_from ON exchange(from_school_id);
CREATE INDEX exchange_to ON exchange(to_school_id);
CREATE TRIGGER audit_exchange_insert AFTER INSERT ON exchange BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'exchange', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'teacher_id', NEW.teacher_id, 'from_school_id', NEW.from_school_id, 'to_school_id', NEW.to_school_id, 'kind', NEW.kind, 'reason', NEW.reason, 'year', NEW.year, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'week_share', NEW.week_share, 'status', NEW.status, 'evaluation', NEW.evaluation, 'subsidy_month', NEW.subsidy_month));
END;
CREATE TRIGGER audit_exchange_update AFTER UPDATE ON exchange BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'exchange', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'teacher_id', OLD.teacher_id, 'from_school_id', OLD.from_school_id, 'to_school_id', OLD.to_school_id, 'kind', OLD.kind, 'reason', OLD.reason, 'year', OLD.year, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'week_share', OLD.week_share, 'status', OLD.status, 'evaluation', OLD.evaluation, 'subsidy_month', OLD.subsidy_month), json_object('id', NEW.id, 'rev', NEW.rev, 'teacher_id', NEW.teacher_id, 'from_school_id', NEW.from_school_id, 'to_school_id', NEW.to_school_id, 'kind', NEW.kind, 'reason', NEW.reason, 'year', NEW.year, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'week_share', NEW.week_share, 'status', NEW.status, 'evaluation', NEW.evaluation, 'subsidy_month', NEW.subsidy_month));
END;
CREATE TRIGGER audit_exchange_delete AFTER DELETE ON exchange BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'exchange', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'teacher_id', OLD.teacher_id, 'from_school_id', OLD.from_school_id, 'to_school_id', OLD.to_school_id, 'kind', OLD.kind, 'reason', OLD.reason, 'year', OLD.year, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'week_share', OLD.week_share, 'status', OLD.status, 'evaluation', OLD.evaluation, 'subsidy_month', OLD.subsidy_month), NULL);
END;
CREATE TRIGGER policy_keep_key BEFORE UPDATE OF key, id ON policy
BEGIN SELECT RAISE(ABORT, 'a policy key and its id do not change'); END;
CREATE TRIGGER policy_keep_row BEFORE DELETE ON policy
BEGIN SELECT RAISE(ABORT, 'a policy key is not removed; set its value instead'); END;
CREATE TRIGGER audit_policy_insert AFTER INSERT ON policy BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'policy', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'rev', NEW.rev, 'key', NEW.key, 'value', NEW.value));
END;
CREATE TRIGGER audit_policy_update AFTER UPDATE ON policy BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'policy', OLD.id, 'update', json_object('id', OLD.id, 'rev', OLD.rev, 'key', OLD.key, 'value', OLD.value), json_object('id', NEW.id, 'rev', NEW.rev, 'key', NEW.key, 'value', NEW.value));
END;
CREATE TRIGGER audit_policy_delete AFTER DELETE ON policy BEGIN
  INSERT INTO audit (at, login, sudo_user, tbl, row_id, op, before, after)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), xq_login(), xq_sudo(), 'policy', OLD.id, 'delete', json_object('id', OLD.id, 'rev', OLD.rev, 'key', OLD.key, 'value', OLD.value), NULL);
END;
CREATE TRIGGER exchange_no_overlap_insert BEFORE INSERT ON exchange
WHEN NEW.status NOT IN ('rejected','cancelled') AND (EXISTS (SELECT 1 FROM exchange o WHERE o.teacher_id = NEW.teacher_id AND o.status NOT IN ('rejected','cancelled') AND o.start_date <= coalesce(NEW.end_date, '9999-12-31') AND NEW.start_date <= coalesce(o.end_date, '9999-12-31') AND NOT (NEW.kind IN ('itinerant','parttime') AND o.kind IN ('itinerant','parttime'))) OR (NEW.kind IN ('itinerant','parttime') AND (CASE WHEN NEW.week_share > 0 THEN NEW.week_share ELSE 1 END) + (SELECT total((CASE WHEN o.week_share > 0 THEN o.week_share ELSE 1 END)) FROM exchange o WHERE o.teacher_id = NEW.teacher_id AND o.status NOT IN ('rejected','cancelled') AND o.start_date <= coalesce(NEW.end_date, '9999-12-31') AND NEW.start_date <= coalesce(o.end_date, '9999-12-31') AND o.kind IN ('itinerant','parttime')) > 1 + 1e-9))
BEGIN SELECT RAISE(ABORT, 'an exchange of this teacher overlaps another one'); END;
CREATE TRIGGER exchange_no_overlap_update BEFORE UPDATE OF teacher_id, kind, start_date, end_date, week_share, status ON exchange
WHEN NEW.status NOT IN ('rejected','cancelled') AND (EXISTS (SELECT 1 FROM exchange o WHERE o.teacher_id = NEW.teacher_id AND o.id <> NEW.id AND o.status NOT IN ('rejected','cancelled') AND o.start_date <= coalesce(NEW.end_date, '9999-12-31') AND NEW.start_date <= coalesce(o.end_date, '9999-12-31') AND NOT (NEW.kind IN ('itinerant','parttime') AND o.kind IN ('itinerant','parttime'))) OR (NEW.kind IN ('itinerant','parttime') AND (CASE WHEN NEW.week_share > 0 THEN NEW.week_share ELSE 1 END) + (SELECT total((CASE WHEN o.week_share > 0 THEN o.week_share ELSE 1 END)) FROM exchange o WHERE o.teacher_id = NEW.teacher_id AND o.id <> NEW.id AND o.status NOT IN ('rejected','cancelled') AND o.start_date <= coalesce(NEW.end_date, '9999-12-31') AND NEW.start_date <= coalesce(o.end_date, '9999-12-31') AND o.kind IN ('itinerant','parttime')) > 1 + 1e-9))
BEGIN SELECT RAISE(ABORT, 'an exchange of this teacher overlaps another one'); END;
CREATE TRIGGER operator_keep_admin_update BEFORE UPDATE OF role ON operator
WHEN OLD.role = 'admin' AND NOT EXISTS (SELECT 1 FROM operator a WHERE a.role = 'admin' AND a.id <> OLD.id)
AND NEW.role <> 'admin'
BEGIN SELECT RAISE(ABORT, 'the last admin cannot be demoted or removed'); END;
CREATE TRIGGER operator_keep_admin_delete BEFORE DELETE ON operator
WHEN OLD.role = 'admin' AND NOT EXISTS (SELECT 1 FROM operator a WHERE a.role = 'admin' AND a.id <> OLD.id)
BEGIN SELECT RAISE(ABORT, 'the last admin cannot be demoted or removed'); END;
CREATE TRIGGER append_only_audit_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;
CREATE TRIGGER append_only_audit_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;
COMMIT;
PRAGMA user_version = 4;
