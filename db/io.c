/* io.c: CSV import and export. One table of columns per entity drives both ways: header
 * names (English or Chinese), parsing and checking each cell, formatting for export. */
#include "db/io.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "db/district.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/school.h"
#include "db/teacher.h"
#include "db/room.h"
#include "db/booking.h"
#include "db/timetable.h"

enum col_type {
	C_TEXT,	    /* char[size] */
	C_CODE,	    /* the record's own school code */
	C_DATE,	    /* char[DATE_LEN] */
	C_ENUM,	    /* int index of items */
	C_ENUM_NULL, /* int index of items, -1 when empty */
	C_YEAR,	    /* school year "2025-2026" */
	C_LONG,	    /* long, -1 when empty */
	C_LONG0,    /* long, required, default 0 */
	C_DOUBLE,   /* double, NAN when empty */
	C_BOOL,	    /* bool, 0|1 */
	C_GENDER,   /* char 'M'|'F' */
	C_SCHOOL,   /* school code -> code at off, id at off2 */
	C_DISTRICT, /* district name -> name at off, id at off2 */
	C_TEACHER,  /* staff number -> staff_no at off, id at off2 */
	C_AGREEMENT_START, /* an activity's agreement start date (resolved with the codes) */
	C_TERM,	    /* term name -> name at off, id at off2 */
	C_CLOCK,    /* a clock time HH:MM, char[6] */
};

struct col {
	const char *name, *zh;
	enum col_type type;
	size_t off, off2, size;
	const struct enum_item *items;
	double min, max;
	bool required; /* a new row needs it */
	bool key;      /* part of the natural key */
	bool match;    /* read with the key: the entity's find may use it */
};

/* An activity as a row: the agreement is named by its schools and start date. */
struct activity_rec {
	struct activity a;
	char supporting_code[CODE_LEN], supported_code[CODE_LEN], agreement_start[DATE_LEN];
	int64_t supporting_id, supported_id;
};

struct entity {
	const char *name;
	size_t size;
	const struct col *cols;
	int ncols;
	void (*init)(void *rec);
	/* the stored record with rec's natural key: XQ_OK and *out filled, or XQ_NOTFOUND */
	int (*find)(struct db *db, const void *rec, void *out);
	int (*insert)(struct db *db, void *rec, char *msg);
	int (*update)(struct db *db, void *rec, char *msg);
	/* calls fn for every stored row, in natural-key order */
	int (*each)(struct db *db, int (*fn)(void *ctx, const void *rec), void *ctx);
	/* rows whose natural key may repeat, in a file and stored (NULL: none): whether rec is
	 * one, adding to key what tells such rows apart; and the stored row that the nth (from
	 * 0) such row of a file with that key matches */
	bool (*repeats)(const void *rec, struct strbuf *key);
	int (*find_nth)(struct db *db, const void *rec, int nth, void *out);
	/* what an empty cell of a row read means where that is a value (NULL: none), so that
	 * a row saying what is stored is unchanged */
	void (*settle)(void *rec);
};

#define F(t, f) offsetof(struct t, f), 0, sizeof(((struct t *)0)->f)

static const struct col school_cols[] = {
	{"code", "学校代码", C_CODE, F(school, code), NULL, 0, 0, true, true},
	{"name", "学校名称", C_TEXT, F(school, name), NULL, 0, 0, true, false},
	{"short_name", "学校简称", C_TEXT, F(school, short_name), NULL, 0, 0, false, false},
	{"level", "学段", C_ENUM, offsetof(struct school, level), 0, 0, level_items, 0, 0, true, false},
	{"town", "乡镇", C_TEXT, F(school, town), NULL, 0, 0, false, false},
	{"location", "城乡类型", C_ENUM, offsetof(struct school, location), 0, 0, location_items, 0, 0, true, false},
	{"lat", "纬度", C_DOUBLE, offsetof(struct school, lat), 0, 0, NULL, -90, 90, false, false},
	{"lon", "经度", C_DOUBLE, offsetof(struct school, lon), 0, 0, NULL, -180, 180, false, false},
	{"students", "学生数", C_LONG, offsetof(struct school, students), 0, 0, NULL, 0, 100000, false, false},
	{"classes", "班级数", C_LONG, offsetof(struct school, classes), 0, 0, NULL, 0, 2000, false, false},
	{"staff_quota", "编制数", C_LONG, offsetof(struct school, staff_quota), 0, 0, NULL, 0, 10000, false, false},
	{"teaching_area_m2", "教学及辅助用房面积", C_DOUBLE, offsetof(struct school, teaching_area_m2), 0, 0, NULL, 0, 1e7, false, false},
	{"sports_area_m2", "体育运动场馆面积", C_DOUBLE, offsetof(struct school, sports_area_m2), 0, 0, NULL, 0, 1e7, false, false},
	{"equipment_value_yuan", "教学仪器设备值", C_DOUBLE, offsetof(struct school, equipment_value_yuan), 0, 0, NULL, 0, 1e10, false, false},
	{"multimedia_rooms", "网络多媒体教室数", C_LONG, offsetof(struct school, multimedia_rooms), 0, 0, NULL, 0, 10000, false, false},
	{"music_rooms", "音乐专用教室数", C_LONG, offsetof(struct school, music_rooms), 0, 0, NULL, 0, 1000, false, false},
	{"art_rooms", "美术专用教室数", C_LONG, offsetof(struct school, art_rooms), 0, 0, NULL, 0, 1000, false, false},
	{"hardship", "艰苦程度", C_LONG0, offsetof(struct school, hardship), 0, 0, NULL, 0, 3, false, false},
	{"students_primary", "小学段学生数", C_LONG, offsetof(struct school, students_primary), 0, 0, NULL, 0, 100000, false, false},
	{"students_junior", "初中段学生数", C_LONG, offsetof(struct school, students_junior), 0, 0, NULL, 0, 100000, false, false},
};

static const struct col district_cols[] = {
	{"name", "学区名称", C_TEXT, F(district, name), NULL, 0, 0, true, true},
	{"form", "组建形式", C_ENUM, offsetof(struct district, form), 0, 0, form_items, 0, 0, true, false},
	{"lead_school_code", "牵头学校代码", C_SCHOOL, offsetof(struct district, lead_school_code),
		offsetof(struct district, lead_school_id), CODE_LEN, NULL, 0, 0, false, false},
	{"established_on", "成立日期", C_DATE, F(district, established_on), NULL, 0, 0, false, false},
	{"note", "备注", C_TEXT, F(district, note), NULL, 0, 0, false, false},
};

static const struct col member_cols[] = {
	{"district_name", "学区名称", C_DISTRICT, offsetof(struct member, district_name),
		offsetof(struct member, district_id), NAME_LEN, NULL, 0, 0, true, true},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct member, school_code),
		offsetof(struct member, school_id), CODE_LEN, NULL, 0, 0, true, true},
	{"role", "角色", C_ENUM, offsetof(struct member, role), 0, 0, role_items, 0, 0, false, false},
	{"from_date", "加入日期", C_DATE, F(member, from_date), NULL, 0, 0, true, true},
	{"to_date", "退出日期", C_DATE, F(member, to_date), NULL, 0, 0, false, false},
};

static const struct col agreement_cols[] = {
	{"supporting_school_code", "帮扶学校代码", C_SCHOOL, offsetof(struct agreement, supporting_code),
		offsetof(struct agreement, supporting_id), CODE_LEN, NULL, 0, 0, true, true},
	{"supported_school_code", "受援学校代码", C_SCHOOL, offsetof(struct agreement, supported_code),
		offsetof(struct agreement, supported_id), CODE_LEN, NULL, 0, 0, true, true},
	{"start_date", "开始日期", C_DATE, F(agreement, start_date), NULL, 0, 0, true, true},
	{"end_date", "结束日期", C_DATE, F(agreement, end_date), NULL, 0, 0, false, false},
	{"goals", "帮扶目标", C_TEXT, F(agreement, goals), NULL, 0, 0, false, false},
};

static const struct col activity_cols[] = {
	{"supporting_school_code", "帮扶学校代码", C_SCHOOL, offsetof(struct activity_rec, supporting_code),
		offsetof(struct activity_rec, supporting_id), CODE_LEN, NULL, 0, 0, true, true},
	{"supported_school_code", "受援学校代码", C_SCHOOL, offsetof(struct activity_rec, supported_code),
		offsetof(struct activity_rec, supported_id), CODE_LEN, NULL, 0, 0, true, true},
	{"agreement_start_date", "协议开始日期", C_AGREEMENT_START, offsetof(struct activity_rec, agreement_start),
		0, DATE_LEN, NULL, 0, 0, true, true},
	{"date", "活动日期", C_DATE, offsetof(struct activity_rec, a.date), 0, DATE_LEN, NULL, 0, 0, true, true},
	{"kind", "活动类型", C_ENUM, offsetof(struct activity_rec, a.kind), 0, 0, activity_kind_items, 0, 0, true, true},
	{"note", "备注", C_TEXT, offsetof(struct activity_rec, a.note), 0, TEXT_LEN, NULL, 0, 0, false, true},
};

static const struct col teacher_cols[] = {
	{"staff_no", "工号", C_TEXT, F(teacher, staff_no), NULL, 0, 0, true, true},
	{"name", "姓名", C_TEXT, F(teacher, name), NULL, 0, 0, true, false},
	{"gender", "性别", C_GENDER, offsetof(struct teacher, gender), 0, 0, NULL, 0, 0, true, false},
	{"birth_date", "出生日期", C_DATE, F(teacher, birth_date), NULL, 0, 0, false, false},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct teacher, school_code),
		offsetof(struct teacher, school_id), CODE_LEN, NULL, 0, 0, true, false},
	{"subjects", "任教学科", C_TEXT, F(teacher, subjects), NULL, 0, 0, false, false},
	{"title", "职称", C_TEXT, F(teacher, title), NULL, 0, 0, false, false},
	{"education", "最高学历", C_ENUM, offsetof(struct teacher, education), 0, 0, education_items, 0, 0, true, false},
	{"backbone_level", "骨干教师级别", C_ENUM, offsetof(struct teacher, backbone), 0, 0, backbone_items, 0, 0, false, false},
	{"pe_art", "体育艺术教师", C_BOOL, offsetof(struct teacher, pe_art), 0, 0, NULL, 0, 0, false, false},
	{"employment", "用工类型", C_ENUM, offsetof(struct teacher, employment), 0, 0, employment_items, 0, 0, false, false},
	{"post", "岗位", C_ENUM, offsetof(struct teacher, post), 0, 0, post_items, 0, 0, false, false},
	{"post_since", "任现职时间", C_DATE, F(teacher, post_since), NULL, 0, 0, false, false},
	{"joined_school_on", "调入本校时间", C_DATE, F(teacher, joined_school_on), NULL, 0, 0, false, false},
};

static const struct col exemption_cols[] = {
	{"staff_no", "工号", C_TEACHER, offsetof(struct exemption, staff_no),
		offsetof(struct exemption, teacher_id), STAFFNO_LEN, NULL, 0, 0, true, true},
	{"kind", "类别", C_ENUM, offsetof(struct exemption, kind), 0, 0, exemption_kind_items, 0, 0, true, true},
	{"start_date", "开始日期", C_DATE, F(exemption, start_date), NULL, 0, 0, true, true},
	{"end_date", "结束日期", C_DATE, F(exemption, end_date), NULL, 0, 0, false, false},
	{"note", "备注", C_TEXT, F(exemption, note), NULL, 0, 0, false, false},
};

static const struct col exchange_cols[] = {
	{"staff_no", "工号", C_TEACHER, offsetof(struct exchange, staff_no),
		offsetof(struct exchange, teacher_id), STAFFNO_LEN, NULL, 0, 0, true, true},
	{"from_school_code", "派出学校代码", C_SCHOOL, offsetof(struct exchange, from_code),
		offsetof(struct exchange, from_school_id), CODE_LEN, NULL, 0, 0, true, false},
	{"to_school_code", "接收学校代码", C_SCHOOL, offsetof(struct exchange, to_code),
		offsetof(struct exchange, to_school_id), CODE_LEN, NULL, 0, 0, true, false, true},
	{"kind", "交流方式", C_ENUM, offsetof(struct exchange, kind), 0, 0, exchange_kind_items, 0, 0, true, false},
	{"reason", "交流类型", C_ENUM, offsetof(struct exchange, reason), 0, 0, exchange_reason_items, 0, 0, false, false},
	{"year", "学年", C_YEAR, F(exchange, year), NULL, 0, 0, false, false},
	{"start_date", "开始日期", C_DATE, F(exchange, start_date), NULL, 0, 0, true, true},
	{"end_date", "结束日期", C_DATE, F(exchange, end_date), NULL, 0, 0, false, false},
	{"week_share", "每周占比", C_DOUBLE, offsetof(struct exchange, week_share), 0, 0, NULL, 0, 1, false, false},
	{"status", "状态", C_ENUM, offsetof(struct exchange, status), 0, 0, exchange_status_items, 0, 0, false, false, true},
	{"evaluation", "考核结果", C_ENUM_NULL, offsetof(struct exchange, evaluation), 0, 0, evaluation_items, 0, 0, false, false},
	{"subsidy_month", "每月补助", C_DOUBLE, offsetof(struct exchange, subsidy_month), 0, 0, NULL, 0, 1e6, false, false},
	{"note", "备注", C_TEXT, F(exchange, note), NULL, 0, 0, false, false},
};

/* Entity operations */

static void init_school(void *r) { school_init(r); }
static void init_teacher(void *r) { teacher_init(r); }
static const struct col term_cols[] = {
	{"name", "学期", C_TEXT, F(term, name), NULL, 0, 0, true, true},
	{"first_day", "开始日期", C_DATE, F(term, first_day), NULL, 0, 0, true, false},
	{"last_day", "结束日期", C_DATE, F(term, last_day), NULL, 0, 0, true, false},
	{"days", "每周天数", C_LONG0, offsetof(struct term, days), 0, 0, NULL, 1, 20, true, false},
	{"periods", "每天节数", C_LONG0, offsetof(struct term, periods), 0, 0, NULL, 1, 30, true, false},
	{"day_names", "日名称", C_TEXT, F(term, day_names), NULL, 0, 0, false, false},
	{"period_names", "节名称", C_TEXT, F(term, period_names), NULL, 0, 0, false, false},
};

static const struct col bell_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct bell, term), offsetof(struct bell, term_id), TERM_LEN, NULL, 0, 0,
		true, true},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct bell, school_code), offsetof(struct bell, school_id),
		CODE_LEN, NULL, 0, 0, false, true},
	{"period", "节次", C_LONG0, offsetof(struct bell, period), 0, 0, NULL, 1, 30, true, true},
	{"start", "开始时间", C_CLOCK, F(bell, start), NULL, 0, 0, true, false},
	{"end", "结束时间", C_CLOCK, F(bell, end), NULL, 0, 0, true, false},
};

static const struct col travel_cols[] = {
	{"from_code", "出发学校代码", C_SCHOOL, offsetof(struct travel, from_code), offsetof(struct travel, from_id),
		CODE_LEN, NULL, 0, 0, true, true},
	{"to_code", "到达学校代码", C_SCHOOL, offsetof(struct travel, to_code), offsetof(struct travel, to_id),
		CODE_LEN, NULL, 0, 0, true, true},
	{"minutes", "分钟", C_LONG0, offsetof(struct travel, minutes), 0, 0, NULL, 0, 600, true, false},
	{"note", "备注", C_TEXT, F(travel, note), NULL, 0, 0, false, false},
};

static const struct col subject_cols[] = {
	{"code", "科目代码", C_TEXT, F(subject, code), NULL, 0, 0, true, true},
	{"name", "科目名称", C_TEXT, F(subject, name), NULL, 0, 0, true, false},
	{"room_kind", "教室类型", C_ENUM_NULL, offsetof(struct subject, room_kind), 0, 0, room_kind_items, 0, 0,
		false, false},
};

static const struct col class_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct tclass, term), offsetof(struct tclass, term_id), TERM_LEN, NULL, 0, 0,
		true, true},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct tclass, school_code), offsetof(struct tclass, school_id),
		CODE_LEN, NULL, 0, 0, true, true},
	{"name", "班级", C_TEXT, F(tclass, name), NULL, 0, 0, true, true},
	{"grade", "年级", C_TEXT, F(tclass, grade), NULL, 0, 0, true, false},
	{"students", "学生数", C_LONG, offsetof(struct tclass, students), 0, 0, NULL, 0, 100000, false, false},
	{"home_room", "教室", C_TEXT, F(tclass, home_room), NULL, 0, 0, false, false},
};

static const struct col course_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct course_rec, term), offsetof(struct course_rec, term_id), TERM_LEN,
		NULL, 0, 0, true, true},
	{"course", "课程编号", C_LONG0, offsetof(struct course_rec, number), 0, 0, NULL, 1, 2147483647, true, true},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct course_rec, school_code),
		offsetof(struct course_rec, school_id), CODE_LEN, NULL, 0, 0, true, false},
	{"subject", "科目代码", C_TEXT, F(course_rec, subject), NULL, 0, 0, true, false},
	{"students", "班级", C_TEXT, F(course_rec, students), NULL, 0, 0, true, false},
	{"teachers", "教师工号", C_TEXT, F(course_rec, teachers), NULL, 0, 0, false, false},
	{"lessons", "每周节数", C_LONG0, offsetof(struct course_rec, lessons), 0, 0, NULL, 1, 60, true, false},
	{"length", "连堂节数", C_LONG0, offsetof(struct course_rec, length), 0, 0, NULL, 1, 30, false, false},
	{"different_days", "分日", C_BOOL, offsetof(struct course_rec, different_days), 0, 0, NULL, 0, 0, false, false},
	{"rooms", "教室", C_TEXT, F(course_rec, rooms), NULL, 0, 0, false, false},
	{"preferred_rooms", "优先教室", C_TEXT, F(course_rec, preferred_rooms), NULL, 0, 0, false, false},
	{"room_kind", "教室类型", C_ENUM_NULL, offsetof(struct course_rec, room_kind), 0, 0, room_kind_items, 0, 0,
		false, false},
	{"note", "备注", C_TEXT, F(course_rec, note), NULL, 0, 0, false, false},
};

/* class, subject, teacher and school are the course's, for reading: an import leaves them */
static const struct col lesson_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct lesson_rec, term), offsetof(struct lesson_rec, term_id), TERM_LEN,
		NULL, 0, 0, true, true},
	{"course", "课程编号", C_LONG0, offsetof(struct lesson_rec, course), 0, 0, NULL, 1, 2147483647, true, true},
	{"seq", "序号", C_LONG0, offsetof(struct lesson_rec, seq), 0, 0, NULL, 1, 60, true, true},
	{"fet_id", "FET编号", C_LONG, offsetof(struct lesson_rec, fet_id), 0, 0, NULL, 0, 2147483647, false, false},
	{"class", "班级", C_TEXT, F(lesson_rec, classes), NULL, 0, 0, false, false},
	{"subject", "科目代码", C_TEXT, F(lesson_rec, subject), NULL, 0, 0, false, false},
	{"teacher", "教师工号", C_TEXT, F(lesson_rec, teachers), NULL, 0, 0, false, false},
	{"school", "学校代码", C_TEXT, F(lesson_rec, school), NULL, 0, 0, false, false},
	{"day", "星期", C_LONG, offsetof(struct lesson_rec, day), 0, 0, NULL, 1, 20, false, false},
	{"period", "节次", C_LONG, offsetof(struct lesson_rec, period), 0, 0, NULL, 1, 30, false, false},
	{"room", "教室", C_TEXT, F(lesson_rec, room), NULL, 0, 0, false, false},
	{"locked", "锁定", C_BOOL, offsetof(struct lesson_rec, locked), 0, 0, NULL, 0, 0, false, false},
};

static const struct col group_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct group_rec, term), offsetof(struct group_rec, term_id), TERM_LEN,
		NULL, 0, 0, true, true},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct group_rec, school_code),
		offsetof(struct group_rec, school_id), CODE_LEN, NULL, 0, 0, true, true},
	{"class", "班级", C_TEXT, F(group_rec, class_name), NULL, 0, 0, true, true},
	{"name", "分组", C_TEXT, F(group_rec, name), NULL, 0, 0, true, true},
	{"parent", "上级分组", C_TEXT, F(group_rec, parent), NULL, 0, 0, false, false},
	{"students", "学生数", C_LONG, offsetof(struct group_rec, students), 0, 0, NULL, 0, 100000, false, false},
};

static const struct col unavailable_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct unavailable_rec, term), offsetof(struct unavailable_rec, term_id),
		TERM_LEN, NULL, 0, 0, true, true},
	{"kind", "类别", C_ENUM, offsetof(struct unavailable_rec, kind), 0, 0, unavailable_kind_items, 0, 0, true, true},
	{"who", "对象", C_TEXT, F(unavailable_rec, who), NULL, 0, 0, true, true},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct unavailable_rec, school_code),
		offsetof(struct unavailable_rec, school_id), CODE_LEN, NULL, 0, 0, false, true},
	{"day", "星期", C_LONG0, offsetof(struct unavailable_rec, day), 0, 0, NULL, 1, 20, true, true},
	{"period", "节次", C_LONG0, offsetof(struct unavailable_rec, period), 0, 0, NULL, 1, 30, true, true},
	{"weight", "权重", C_DOUBLE, offsetof(struct unavailable_rec, weight), 0, 0, NULL, 0, 100, false, false},
};

static const struct col teacher_rule_cols[] = {
	{"term", "学期", C_TERM, offsetof(struct teacher_rule_rec, term), offsetof(struct teacher_rule_rec, term_id),
		TERM_LEN, NULL, 0, 0, true, true},
	{"staff_no", "工号", C_TEACHER, offsetof(struct teacher_rule_rec, staff_no),
		offsetof(struct teacher_rule_rec, teacher_id), STAFFNO_LEN, NULL, 0, 0, true, true},
	{"min_travel", "最少路程分钟", C_LONG, offsetof(struct teacher_rule_rec, min_travel), 0, 0, NULL, 0, 600, false,
		false},
	{"max_changes", "每天最多换校", C_LONG, offsetof(struct teacher_rule_rec, max_changes), 0, 0, NULL, 0, 20, false,
		false},
	{"max_days", "每周最多天数", C_LONG, offsetof(struct teacher_rule_rec, max_days), 0, 0, NULL, 0, 20, false, false},
	{"max_gaps", "每周最多空节", C_LONG, offsetof(struct teacher_rule_rec, max_gaps), 0, 0, NULL, 0, 600, false,
		false},
	{"min_gap_periods", "换校最少空节", C_LONG, offsetof(struct teacher_rule_rec, min_gap_periods), 0, 0, NULL, 0, 30,
		false, false},
};

static const struct col facility_cols[] = {
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct room_rec, school_code), offsetof(struct room_rec, school_id),
		CODE_LEN, NULL, 0, 0, true, true},
	{"name", "名称", C_TEXT, F(room_rec, name), NULL, 0, 0, true, true},
	{"kind", "类型", C_ENUM, offsetof(struct room_rec, kind), 0, 0, room_kind_items, 0, 0, true, false},
	{"capacity", "容量", C_LONG, offsetof(struct room_rec, capacity), 0, 0, NULL, 0, 100000, false, false},
	{"shareable", "对外开放", C_BOOL, offsetof(struct room_rec, shareable), 0, 0, NULL, 0, 0, false, false},
	{"open_from", "开放时间", C_CLOCK, F(room_rec, open_from), NULL, 0, 0, false, false},
	{"open_to", "关闭时间", C_CLOCK, F(room_rec, open_to), NULL, 0, 0, false, false},
	{"equipment", "设备", C_TEXT, F(room_rec, equipment), NULL, 0, 0, false, false},
	{"uses", "用途", C_TEXT, F(room_rec, uses), NULL, 0, 0, false, false},
	{"hours", "开放时段", C_TEXT, F(room_rec, hours), NULL, 0, 0, false, false},
};

static const struct col calendar_cols[] = {
	{"date", "日期", C_DATE, F(cal_rec, day), NULL, 0, 0, true, true},
	{"kind", "类型", C_ENUM, offsetof(struct cal_rec, kind), 0, 0, cal_kind_items, 0, 0, true, false},
	{"as_weekday", "按星期", C_LONG, offsetof(struct cal_rec, as_weekday), 0, 0, NULL, 1, 7, false, false},
	{"note", "备注", C_TEXT, F(cal_rec, note), NULL, 0, 0, false, false},
	{"school_code", "学校代码", C_SCHOOL, offsetof(struct cal_rec, school_code), offsetof(struct cal_rec, school_id),
		CODE_LEN, NULL, 0, 0, false, true},
};

static void init_zero(void *r) { (void)r; }
static void init_cal(void *r) { ((struct cal_rec *)r)->as_weekday = -1; }
static int find_cal(struct db *db, const void *r, void *out)
{
	const struct cal_rec *c = r;
	return db_cal_find(db, c->day, c->school_id, out);
}
static int ins_cal(struct db *db, void *r, char *msg) { return db_cal_insert(db, r, msg); }
static int upd_cal(struct db *db, void *r, char *msg) { return db_cal_update(db, r, msg); }
static void init_room(void *r) { ((struct room_rec *)r)->capacity = -1; }
static int find_room(struct db *db, const void *r, void *out)
{
	const struct room_rec *x = r;
	return db_room_find(db, x->school_id, x->name, out);
}
static int ins_room(struct db *db, void *r, char *msg) { return db_room_insert(db, r, msg); }
static int upd_room(struct db *db, void *r, char *msg) { return db_room_update(db, r, msg); }
static void init_group(void *r) { ((struct group_rec *)r)->students = -1; }
static void init_rule(void *r)
{
	struct teacher_rule_rec *x = r;
	x->min_travel = x->max_changes = x->max_days = x->max_gaps = x->min_gap_periods = -1;
}
static int find_group(struct db *db, const void *r, void *out) { return db_group_find(db, r, out); }
static int find_unavailable(struct db *db, const void *r, void *out) { return db_unavailable_find(db, r, out); }
static int find_rule(struct db *db, const void *r, void *out)
{
	const struct teacher_rule_rec *x = r;
	return db_teacher_rule_find(db, x->term_id, x->teacher_id, out);
}
static int ins_group(struct db *db, void *r, char *msg) { return db_group_insert(db, r, msg); }
static int upd_group(struct db *db, void *r, char *msg) { return db_group_update(db, r, msg); }
static int ins_unavailable(struct db *db, void *r, char *msg) { return db_unavailable_insert(db, r, msg); }
/* every column of an unavailable slot but its weight is its key */
static int upd_unavailable(struct db *db, void *r, char *msg) { return db_unavailable_update(db, r, msg); }
static void init_unavailable(void *r) { ((struct unavailable_rec *)r)->weight = NAN; }
/* no weight: not available (100) */
static void settle_unavailable(void *r)
{
	struct unavailable_rec *u = r;
	if (isnan(u->weight))
		u->weight = 100;
}
static int ins_rule(struct db *db, void *r, char *msg) { return db_teacher_rule_insert(db, r, msg); }
static int upd_rule(struct db *db, void *r, char *msg) { return db_teacher_rule_update(db, r, msg); }
static void init_course(void *r)
{
	struct course_rec *c = r;
	c->length = 1;
	c->room_kind = -1;
}
static void init_lesson(void *r)
{
	struct lesson_rec *l = r;
	l->fet_id = l->day = l->period = -1;
}
static int find_course(struct db *db, const void *r, void *out)
{
	const struct course_rec *c = r;
	return db_course_find(db, c->term_id, c->number, out);
}
static int find_lesson(struct db *db, const void *r, void *out)
{
	const struct lesson_rec *l = r;
	return db_lesson_find(db, l->term_id, l->course, l->seq, out);
}
static int ins_course(struct db *db, void *r, char *msg) { return db_course_insert(db, r, msg); }
static int upd_course(struct db *db, void *r, char *msg) { return db_course_update(db, r, msg); }
static int ins_lesson(struct db *db, void *r, char *msg) { return db_lesson_update(db, r, msg); }
static int upd_lesson(struct db *db, void *r, char *msg) { return db_lesson_update(db, r, msg); }
static void init_subject(void *r) { ((struct subject *)r)->room_kind = -1; }
static void init_class(void *r) { ((struct tclass *)r)->students = -1; }

static int find_term(struct db *db, const void *r, void *out)
{
	return db_term_find(db, ((const struct term *)r)->name, out);
}
static int find_bell(struct db *db, const void *r, void *out)
{
	const struct bell *b = r;
	return db_bell_find(db, b->term_id, b->school_id, b->period, out);
}
static int find_travel(struct db *db, const void *r, void *out)
{
	const struct travel *t = r;
	return db_travel_find(db, t->from_id, t->to_id, out);
}
static int find_subject(struct db *db, const void *r, void *out)
{
	return db_subject_find(db, ((const struct subject *)r)->code, out);
}
static int find_class(struct db *db, const void *r, void *out)
{
	const struct tclass *c = r;
	return db_class_find(db, c->term_id, c->school_id, c->name, out);
}
static int ins_term(struct db *db, void *r, char *msg) { return db_term_insert(db, r, msg); }
static int upd_term(struct db *db, void *r, char *msg) { return db_term_update(db, r, msg); }
static int ins_bell(struct db *db, void *r, char *msg) { return db_bell_insert(db, r, msg); }
static int upd_bell(struct db *db, void *r, char *msg) { return db_bell_update(db, r, msg); }
static int ins_travel(struct db *db, void *r, char *msg) { return db_travel_insert(db, r, msg); }
static int upd_travel(struct db *db, void *r, char *msg) { return db_travel_update(db, r, msg); }
static int ins_subject(struct db *db, void *r, char *msg) { return db_subject_insert(db, r, msg); }
static int upd_subject(struct db *db, void *r, char *msg) { return db_subject_update(db, r, msg); }
static int ins_class(struct db *db, void *r, char *msg) { return db_class_insert(db, r, msg); }
static int upd_class(struct db *db, void *r, char *msg) { return db_class_update(db, r, msg); }

static int each_term(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct term *rows;
	int n;
	char msg[XQ_MSG_MAX];
	int rc = db_term_list(db, &rows, &n, msg);
	/* oldest first, as a file lists them */
	for (int i = n - 1; i >= 0 && rc == XQ_OK; i--)
		rc = fn(ctx, &rows[i]);
	free(rows);
	return rc;
}
static void init_exchange(void *r) { exchange_init(r); }
static void init_member(void *r) { ((struct member *)r)->role = ROLE_MEMBER; }

static int find_school(struct db *db, const void *r, void *out)
{
	return db_school_by_code(db, ((const struct school *)r)->code, out);
}
static int find_district(struct db *db, const void *r, void *out)
{
	return db_district_by_name(db, ((const struct district *)r)->name, out);
}
static int find_member(struct db *db, const void *r, void *out)
{
	const struct member *m = r;
	return db_member_find(db, m->district_id, m->school_id, m->from_date, out);
}
static int find_agreement(struct db *db, const void *r, void *out)
{
	const struct agreement *a = r;
	return db_agreement_find(db, a->supporting_id, a->supported_id, a->start_date, out);
}
static int find_teacher(struct db *db, const void *r, void *out)
{
	return db_teacher_by_staff_no(db, ((const struct teacher *)r)->staff_no, out);
}
static int find_exemption(struct db *db, const void *r, void *out)
{
	const struct exemption *e = r;
	return db_exemption_find(db, e->teacher_id, e->kind, e->start_date, out);
}

/* Activities have no update: every column is part of the key. */
static int find_activity(struct db *db, const void *r, void *out)
{
	const struct activity_rec *ar = r;
	struct activity *rows;
	int n;
	if (db_activity_list(db, ar->a.agreement_id, &rows, &n) != XQ_OK)
		return XQ_ERR;
	int rc = XQ_NOTFOUND;
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].date, ar->a.date) == 0 && rows[i].kind == ar->a.kind &&
		    strcmp(rows[i].note, ar->a.note) == 0) {
			struct activity_rec *o = out;
			*o = *ar;
			o->a = rows[i];
			rc = XQ_OK;
			break;
		}
	free(rows);
	return rc;
}

/* The natural key (staff number, start date) names the live exchange, with the receiving
 * school where the teacher has two from that date (itinerant at two other schools); a
 * rejected or cancelled one also by its receiving school and status, and those may repeat. */
static int find_exchange(struct db *db, const void *r, void *out)
{
	const struct exchange *e = r;
	return db_exchange_find(db, e->teacher_id, e->start_date, e->to_school_id, out);
}
static bool exchange_repeats(const void *r, struct strbuf *key)
{
	const struct exchange *e = r;
	if (e->status != EXS_REJECTED && e->status != EXS_CANCELLED)
		return false;
	sb_printf(key, "%s\x1f%s\x1f", e->to_code, enum_key(exchange_status_items, e->status));
	return true;
}
static int find_exchange_nth(struct db *db, const void *r, int nth, void *out)
{
	const struct exchange *e = r;
	return db_exchange_find_dead(db, e->teacher_id, e->start_date, e->to_school_id, e->status,
		nth, out);
}
static int ins_exchange(struct db *db, void *r, char *msg)
{
	return db_exchange_insert(db, r, db_exchange_policy(db), msg);
}
static int upd_exchange(struct db *db, void *r, char *msg)
{
	return db_exchange_update(db, r, db_exchange_policy(db), msg);
}

static int ins_school(struct db *db, void *r, char *msg) { return db_school_insert(db, r, msg); }
static int upd_school(struct db *db, void *r, char *msg) { return db_school_update(db, r, msg); }
static int ins_teacher(struct db *db, void *r, char *msg) { return db_teacher_insert(db, r, msg); }
static int upd_teacher(struct db *db, void *r, char *msg) { return db_teacher_update(db, r, msg); }
static int ins_exemption(struct db *db, void *r, char *msg) { return db_exemption_insert(db, r, msg); }
static int upd_exemption(struct db *db, void *r, char *msg) { return db_exemption_update(db, r, msg); }
static int ins_agreement(struct db *db, void *r, char *msg) { return db_agreement_insert(db, r, msg); }
static int upd_agreement(struct db *db, void *r, char *msg) { return db_agreement_update(db, r, msg); }

static int ins_district(struct db *db, void *r, char *msg)
{
	/* the lead school is recorded as given; its membership comes with the members */
	struct district *d = r;
	int64_t lead = d->lead_school_id;
	d->lead_school_id = 0;
	if (db_district_insert(db, d, msg) != XQ_OK)
		return XQ_ERR;
	d->lead_school_id = lead;
	return lead ? db_district_update_lead(db, d, msg) : XQ_OK;
}

static int upd_district(struct db *db, void *r, char *msg)
{
	struct district *d = r;
	if (db_district_update(db, d, msg) != XQ_OK)
		return XQ_ERR;
	return db_district_update_lead(db, d, msg);
}

static int ins_member(struct db *db, void *r, char *msg) { return db_member_add(db, r, msg); }

static int upd_member(struct db *db, void *r, char *msg)
{
	return db_member_update(db, r, msg);
}

static int ins_activity(struct db *db, void *r, char *msg)
{
	return db_activity_insert(db, &((struct activity_rec *)r)->a, msg);
}

static int upd_activity(struct db *db, void *r, char *msg)
{
	/* only the note can differ: replace the row */
	struct activity_rec *ar = r;
	if (db_activity_delete(db, ar->a.id, ar->a.rev, msg) != XQ_OK)
		return XQ_ERR;
	return db_activity_insert(db, &ar->a, msg);
}

static int each_school(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct school_query q;
	school_query_init(&q);
	q.sort = SCHOOL_SORT_CODE;
	struct school_row *rows = xmalloc(256 * sizeof *rows);
	int rc = XQ_OK;
	for (long off = 0;; off += 256) {
		int n = db_school_page(db, &q, off, 256, rows);
		if (n < 0) {
			rc = XQ_ERR;
			break;
		}
		for (int i = 0; i < n && rc == XQ_OK; i++)
			rc = fn(ctx, &rows[i].s);
		if (n < 256 || rc != XQ_OK)
			break;
	}
	free(rows);
	return rc;
}

struct each_ctx {
	int (*fn)(void *, const void *);
	void *ctx;
};

static int each_teacher_row(void *c, const struct teacher_row *r)
{
	const struct each_ctx *e = c;
	return e->fn(e->ctx, &r->t);
}

/* The teachers by staff number, streamed from one query. */
static int each_teacher(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct teacher_query q;
	teacher_query_init(&q);
	q.sort = TEACHER_SORT_STAFF_NO;
	struct each_ctx e = {fn, ctx};
	return db_teacher_each(db, &q, each_teacher_row, &e);
}

static int each_district_row(struct db *db, struct district_row **rows, long *n)
{
	struct district_query q;
	district_query_init(&q);
	*n = db_district_count(db, &q);
	if (*n < 0)
		return XQ_ERR;
	*rows = xmalloc((size_t)(*n + 1) * sizeof **rows);
	*n = db_district_page(db, &q, 0, (int)*n, *rows);
	return *n < 0 ? XQ_ERR : XQ_OK;
}

static int each_district(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct district_row *rows;
	long n;
	int rc = each_district_row(db, &rows, &n);
	for (long i = 0; i < n && rc == XQ_OK; i++)
		rc = fn(ctx, &rows[i].d);
	free(rows);
	return rc;
}

static int each_member(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct district_row *rows;
	long n;
	int rc = each_district_row(db, &rows, &n);
	for (long i = 0; i < n && rc == XQ_OK; i++) {
		struct member_row *m;
		int nm;
		rc = db_member_list(db, rows[i].d.id, false, &m, &nm);
		for (int k = 0; k < nm && rc == XQ_OK; k++)
			rc = fn(ctx, &m[k].m);
		free(m);
	}
	free(rows);
	return rc;
}

static int each_agreement(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct agreement_row *rows;
	int n;
	int rc = db_agreement_list(db, 0, &rows, &n);
	for (int i = 0; i < n && rc == XQ_OK; i++)
		rc = fn(ctx, &rows[i].a);
	free(rows);
	return rc;
}

static int each_activity(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct agreement_row *rows;
	int n;
	int rc = db_agreement_list(db, 0, &rows, &n);
	for (int i = 0; i < n && rc == XQ_OK; i++) {
		struct activity *acts;
		int na;
		rc = db_activity_list(db, rows[i].a.id, &acts, &na);
		for (int k = 0; k < na && rc == XQ_OK; k++) {
			struct activity_rec ar;
			memset(&ar, 0, sizeof ar);
			ar.a = acts[k];
			memcpy(ar.supporting_code, rows[i].a.supporting_code, CODE_LEN);
			memcpy(ar.supported_code, rows[i].a.supported_code, CODE_LEN);
			memcpy(ar.agreement_start, rows[i].a.start_date, DATE_LEN);
			rc = fn(ctx, &ar);
		}
		free(acts);
	}
	free(rows);
	return rc;
}

static int each_exemption(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct exemption *rows;
	int n;
	int rc = db_exemption_list(db, 0, &rows, &n);
	for (int i = 0; i < n && rc == XQ_OK; i++)
		rc = fn(ctx, &rows[i]);
	free(rows);
	return rc;
}

static int each_exchange(struct db *db, int (*fn)(void *, const void *), void *ctx)
{
	struct exchange_query q;
	exchange_query_init(&q);
	long n = db_exchange_count(db, &q);
	if (n < 0)
		return XQ_ERR;
	struct exchange_row *rows = xcalloc((size_t)n + 1, sizeof *rows);
	int got = db_exchange_page(db, &q, 0, (int)n, rows);
	int rc = got < 0 ? XQ_ERR : XQ_OK;
	for (int i = 0; i < got && rc == XQ_OK; i++)
		rc = fn(ctx, &rows[i].e);
	free(rows);
	return rc;
}

#define ENTITY(n, t, cols, init, f, ins, upd, each) \
	{n, sizeof(t), cols, (int)XQ_NELEM(cols), init, f, ins, upd, each, NULL, NULL, NULL}
#define ENTITY_REPEATING(n, t, cols, init, f, ins, upd, each, rep, nth) \
	{n, sizeof(t), cols, (int)XQ_NELEM(cols), init, f, ins, upd, each, rep, nth, NULL}

static const struct entity entities[] = {
	ENTITY("schools", struct school, school_cols, init_school, find_school, ins_school, upd_school, each_school),
	ENTITY("districts", struct district, district_cols, init_zero, find_district, ins_district, upd_district, each_district),
	ENTITY("members", struct member, member_cols, init_member, find_member, ins_member, upd_member, each_member),
	ENTITY("agreements", struct agreement, agreement_cols, init_zero, find_agreement, ins_agreement, upd_agreement, each_agreement),
	ENTITY("activities", struct activity_rec, activity_cols, init_zero, find_activity, ins_activity, upd_activity, each_activity),
	ENTITY("teachers", struct teacher, teacher_cols, init_teacher, find_teacher, ins_teacher, upd_teacher, each_teacher),
	ENTITY("exemptions", struct exemption, exemption_cols, init_zero, find_exemption, ins_exemption, upd_exemption, each_exemption),
	ENTITY_REPEATING("exchanges", struct exchange, exchange_cols, init_exchange, find_exchange,
		ins_exchange, upd_exchange, each_exchange, exchange_repeats, find_exchange_nth),
	ENTITY("facilities", struct room_rec, facility_cols, init_room, find_room, ins_room, upd_room, db_room_each),
	ENTITY("calendar", struct cal_rec, calendar_cols, init_cal, find_cal, ins_cal, upd_cal, db_cal_each),
	ENTITY("terms", struct term, term_cols, init_zero, find_term, ins_term, upd_term, each_term),
	ENTITY("bells", struct bell, bell_cols, init_zero, find_bell, ins_bell, upd_bell, db_bell_each),
	ENTITY("travel", struct travel, travel_cols, init_zero, find_travel, ins_travel, upd_travel, db_travel_each),
	ENTITY("subjects", struct subject, subject_cols, init_subject, find_subject, ins_subject, upd_subject,
		db_subject_each),
	ENTITY("classes", struct tclass, class_cols, init_class, find_class, ins_class, upd_class, db_class_each),
	ENTITY("groups", struct group_rec, group_cols, init_group, find_group, ins_group, upd_group, db_group_each),
	{"unavailable", sizeof(struct unavailable_rec), unavailable_cols, (int)XQ_NELEM(unavailable_cols), init_unavailable,
		find_unavailable, ins_unavailable, upd_unavailable, db_unavailable_each, NULL, NULL, settle_unavailable},
	ENTITY("teacher_rules", struct teacher_rule_rec, teacher_rule_cols, init_rule, find_rule, ins_rule, upd_rule,
		db_teacher_rule_each),
	ENTITY("courses", struct course_rec, course_cols, init_course, find_course, ins_course, upd_course,
		db_course_each),
	ENTITY("lessons", struct lesson_rec, lesson_cols, init_lesson, find_lesson, ins_lesson, upd_lesson,
		db_lesson_each),
};

const char *const io_entity_names[] = {"schools", "districts", "members", "agreements", "activities",
	"teachers", "exemptions", "exchanges", "facilities", "calendar", "terms", "bells", "travel", "subjects", "classes", "groups",
	"unavailable", "teacher_rules", "courses", "lessons", NULL};

static const struct entity *entity_of(const char *name)
{
	for (size_t i = 0; i < XQ_NELEM(entities); i++)
		if (strcmp(entities[i].name, name) == 0)
			return &entities[i];
	return NULL;
}

bool io_entity_known(const char *name)
{
	return entity_of(name) != NULL;
}

void io_entity_columns(const char *name, bool zh, struct strbuf *out)
{
	const struct entity *e = entity_of(name);
	for (int i = 0; e && i < e->ncols; i++)
		sb_printf(out, "%s%s", i ? " " : "", zh ? e->cols[i].zh : e->cols[i].name);
}

/* Formatting a cell for export (and for comparing a row with what is stored); zh: the
 * Chinese label of every enumerated value. */
/* v in decimal, as "%ld" (some tens of thousands a lessons' export) */
static void long_text(long v, char *out, size_t size)
{
	char digits[24];
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	size_t k = sizeof digits;
	digits[--k] = '\0';
	do
		digits[--k] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		digits[--k] = '-';
	xq_copy(out, size, digits + k);
}

static void format_cell(const struct col *c, const void *rec, bool zh, char *out, size_t size)
{
	const char *p = (const char *)rec + c->off;
	switch (c->type) {
	case C_TEXT:
	case C_CODE:
	case C_DATE:
	case C_SCHOOL:
	case C_DISTRICT:
	case C_TEACHER:
	case C_AGREEMENT_START:
	case C_TERM:
	case C_CLOCK:
		xq_copy(out, size, p);
		break;
	case C_ENUM:
		xq_copy(out, size, (zh ? enum_zh : enum_key)(c->items, *(const int *)p));
		break;
	case C_ENUM_NULL:
		xq_copy(out, size, *(const int *)p < 0 ? "" : (zh ? enum_zh : enum_key)(c->items, *(const int *)p));
		break;
	case C_YEAR:
		xq_copy(out, size, p);
		break;
	case C_LONG:
	case C_LONG0: {
		long v = *(const long *)p;
		if (v < 0 && c->type == C_LONG)
			out[0] = '\0';
		else
			long_text(v, out, size);
		break;
	}
	case C_DOUBLE: {
		double v = *(const double *)p;
		if (isnan(v))
			out[0] = '\0';
		else
			snprintf(out, size, "%.15g", v);
		break;
	}
	case C_BOOL:
		xq_copy(out, size, *(const bool *)p ? (zh ? "是" : "1") : (zh ? "否" : "0"));
		break;
	case C_GENDER:
		if (zh)
			xq_copy(out, size, *p == 'F' ? "女" : "男");
		else
			snprintf(out, size, "%c", *p);
		break;
	}
}

/* Parsing a cell into rec; resolves references through db. */
static int parse_cell(struct db *db, const struct col *c, const char *v, void *rec, char *msg)
{
	char *p = (char *)rec + c->off;
	if (!utf8_valid(v, strlen(v))) {
		xq_msg(msg, "%s", _("not valid UTF-8"));
		return XQ_ERR;
	}
	if (!*v && c->required && c->type != C_TEXT) {
		xq_msg(msg, "%s", _("a value is required"));
		return XQ_ERR;
	}
	switch (c->type) {
	case C_TEXT:
		if (!xq_copy(p, c->size, v)) {
			xq_msg(msg, _("too long (at most %zu bytes)"), c->size - 1);
			return XQ_ERR;
		}
		return XQ_OK;
	case C_CODE:
		if (!school_code_valid(v)) {
			xq_msg(msg, _("'%s' is not a national school code (10 digits)"), v);
			return XQ_ERR;
		}
		xq_copy(p, c->size, v);
		return XQ_OK;
	case C_DATE:
	case C_AGREEMENT_START:
		if (*v && !date_valid(v)) {
			xq_msg(msg, _("'%s' is not a date (YYYY-MM-DD)"), v);
			return XQ_ERR;
		}
		xq_copy(p, c->size, v);
		return XQ_OK;
	case C_ENUM: {
		if (!*v)
			return XQ_OK; /* no value: the default for a new row, the stored one otherwise */
		int i = enum_parse(c->items, v);
		if (i < 0) {
			xq_msg(msg, _("'%s' is not one of %s (in Chinese %s)"), v, enum_keys_joined(c->items),
				enum_zh_joined(c->items));
			return XQ_ERR;
		}
		*(int *)p = i;
		return XQ_OK;
	}
	case C_ENUM_NULL: {
		int i = *v ? enum_parse(c->items, v) : -1;
		if (*v && i < 0) {
			xq_msg(msg, _("'%s' is not one of %s (in Chinese %s), or empty"), v,
				enum_keys_joined(c->items), enum_zh_joined(c->items));
			return XQ_ERR;
		}
		*(int *)p = i;
		return XQ_OK;
	}
	case C_YEAR: {
		int first;
		if (*v && !exchange_year_parse(v, &first)) {
			xq_msg(msg, _("'%s' is not a school year (YYYY-YYYY)"), v);
			return XQ_ERR;
		}
		xq_copy(p, c->size, v);
		return XQ_OK;
	}
	case C_LONG:
	case C_LONG0: {
		long n;
		if (!*v) {
			*(long *)p = c->type == C_LONG ? -1 : 0;
			return XQ_OK;
		}
		if (!parse_long(v, &n)) {
			xq_msg(msg, _("'%s' is not a whole number"), v);
			return XQ_ERR;
		}
		if (n < c->min || n > c->max) {
			xq_msg(msg, _("%ld is out of range (%g to %g)"), n, c->min, c->max);
			return XQ_ERR;
		}
		*(long *)p = n;
		return XQ_OK;
	}
	case C_DOUBLE: {
		double d;
		if (!*v) {
			*(double *)p = NAN;
			return XQ_OK;
		}
		if (!parse_double(v, &d)) {
			xq_msg(msg, _("'%s' is not a number"), v);
			return XQ_ERR;
		}
		if (d < c->min || d > c->max) {
			xq_msg(msg, _("%s is out of range (%g to %g)"), v, c->min, c->max);
			return XQ_ERR;
		}
		*(double *)p = d;
		return XQ_OK;
	}
	case C_BOOL:
		if (!*v || strcmp(v, "0") == 0 || strcmp(v, "否") == 0)
			*(bool *)p = false;
		else if (strcmp(v, "1") == 0 || strcmp(v, "是") == 0)
			*(bool *)p = true;
		else {
			xq_msg(msg, _("'%s' is not 0 or 1 (是/否)"), v);
			return XQ_ERR;
		}
		return XQ_OK;
	case C_GENDER: {
		int g = enum_parse(gender_items, v);
		if (g < 0) {
			xq_msg(msg, _("'%s' is not M or F (男/女)"), v);
			return XQ_ERR;
		}
		*p = g == 0 ? 'M' : 'F';
		return XQ_OK;
	}
	case C_SCHOOL: {
		int64_t *id = (int64_t *)((char *)rec + c->off2);
		if (!*v) {
			*id = 0;
			p[0] = '\0';
			return XQ_OK;
		}
		/* the id alone: every row of a county's teachers names its school */
		*id = db_lookup_text(db, "SELECT id FROM school WHERE code = ?", v);
		if (*id <= 0) {
			xq_msg(msg, _("unknown school code %s"), v);
			return XQ_ERR;
		}
		xq_copy(p, c->size, v);
		return XQ_OK;
	}
	case C_DISTRICT: {
		struct district d;
		if (db_district_by_name(db, v, &d) != XQ_OK) {
			xq_msg(msg, _("unknown district %s"), v);
			return XQ_ERR;
		}
		*(int64_t *)((char *)rec + c->off2) = d.id;
		xq_copy(p, c->size, v);
		return XQ_OK;
	}
	case C_TERM: {
		struct term t;
		if (db_term_find(db, v, &t) != XQ_OK) {
			xq_msg(msg, _("unknown term %s (xuequ term list shows them)"), v);
			return XQ_ERR;
		}
		*(int64_t *)((char *)rec + c->off2) = t.id;
		xq_copy(p, c->size, v);
		return XQ_OK;
	}
	case C_CLOCK:
		if (*v && clock_parse(v) < 0) {
			xq_msg(msg, _("'%s' is not a clock time (HH:MM)"), v);
			return XQ_ERR;
		}
		xq_copy(p, 6, v);
		return XQ_OK;
	case C_TEACHER: {
		struct teacher t;
		if (db_teacher_by_staff_no(db, v, &t) != XQ_OK) {
			xq_msg(msg, _("unknown staff number %s"), v);
			return XQ_ERR;
		}
		*(int64_t *)((char *)rec + c->off2) = t.id;
		xq_copy(p, c->size, v);
		return XQ_OK;
	}
	}
	return XQ_ERR;
}

static void add_error(struct io_report *rep, long line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Where the problems of the import under way go (set by db_import_stream). */
static void (*error_sink)(void *ctx, const struct io_error *e);
static void *error_ctx;

/* Counts a problem, keeps it while fewer than IO_ERRORS_KEPT are kept, and passes it on. */
static void add_error(struct io_report *rep, long line, const char *column, const char *fmt, ...)
{
	struct io_error one, *e = &one;
	if (rep->nerrors < IO_ERRORS_KEPT) {
		if (rep->nerrors == rep->errors_cap) {
			rep->errors_cap = rep->errors_cap ? rep->errors_cap * 2 : 16;
			rep->errors = xrealloc(rep->errors, (size_t)rep->errors_cap * sizeof *rep->errors);
		}
		e = &rep->errors[rep->nerrors++];
	}
	rep->total_errors++;
	e->line = line;
	xq_copy(e->column, sizeof e->column, column ? column : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	if (error_sink)
		error_sink(error_ctx, e);
}

void io_report_free(struct io_report *rep)
{
	free(rep->errors);
	memset(rep, 0, sizeof *rep);
}

/* A refused write whose message starts "column: …" names the column as the file does. */
static void write_error(struct io_report *rep, const struct entity *e, char *const *head_of, long line,
	const char *msg)
{
	for (int c = 0; c < e->ncols; c++) {
		size_t k = strlen(e->cols[c].name);
		if (strncmp(msg, e->cols[c].name, k) == 0 && msg[k] == ':' && msg[k + 1] == ' ') {
			add_error(rep, line, head_of[c], "%s", msg + k + 2);
			return;
		}
	}
	add_error(rep, line, NULL, "%s", msg);
}

/* Which column of the entity a header cell names, by English name or Chinese label. */
static int header_column(const struct entity *e, const char *h)
{
	char buf[128];
	xq_copy(buf, sizeof buf, h);
	char *t = str_trim(buf);
	for (int i = 0; i < e->ncols; i++)
		if (strcasecmp(t, e->cols[i].name) == 0 || strcmp(t, e->cols[i].zh) == 0)
			return i;
	return -1;
}

/* The natural key of a parsed row as text, to find duplicates within a file. */
static void row_key(const struct entity *e, const void *rec, struct strbuf *b)
{
	for (int i = 0; i < e->ncols; i++)
		if (e->cols[i].key) {
			char cell[TEXT_LEN];
			format_cell(&e->cols[i], rec, false, cell, sizeof cell);
			sb_adds(b, cell);
			sb_addc(b, '\x1f');
		}
}

/* An activity's agreement, found from its schools and start date. */
static int resolve_activity(struct db *db, struct activity_rec *ar, char *msg)
{
	struct agreement a;
	if (db_agreement_find(db, ar->supporting_id, ar->supported_id, ar->agreement_start, &a) != XQ_OK) {
		xq_msg(msg, _("no agreement %s → %s starting %s"), ar->supporting_code, ar->supported_code,
			ar->agreement_start);
		return XQ_ERR;
	}
	ar->a.agreement_id = a.id;
	return XQ_OK;
}

/* The natural keys of the file's rows so far sit in a temporary table of the connection
 * (on disk when large, not in the program's memory): the line of an earlier row with this
 * key, 0 when none; the key is recorded for line otherwise. -1 on a database error. */
static long seen_before(struct db *db, const char *key, long line, char *msg)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT line FROM temp.import_seen WHERE key = ?", msg);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	long earlier = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_errmsg(db, msg);
		return -1;
	}
	if (earlier > 0)
		return earlier;
	st = db_stmt(db, "INSERT INTO temp.import_seen (key, line) VALUES (?, ?)", msg);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, line);
	return db_exec_stmt(db, st, msg) == XQ_OK ? 0 : -1;
}

static int import_rows(struct db *db, const struct entity *e, const char *entity, const char *bytes,
	size_t len, const char *encoding, bool dry_run, struct io_report *rep);

int db_import(struct db *db, const char *entity, const char *bytes, size_t len, bool dry_run,
	struct io_report *rep)
{
	return db_import_stream(db, entity, bytes, len, NULL, dry_run, rep, NULL, NULL);
}

int db_import_as(struct db *db, const char *entity, const char *bytes, size_t len,
	const char *encoding, bool dry_run, struct io_report *rep)
{
	return db_import_stream(db, entity, bytes, len, encoding, dry_run, rep, NULL, NULL);
}

int db_import_stream(struct db *db, const char *entity, const char *bytes, size_t len,
	const char *encoding, bool dry_run, struct io_report *rep,
	void (*on_error)(void *ctx, const struct io_error *e), void *ctx)
{
	memset(rep, 0, sizeof *rep);
	error_sink = on_error;
	error_ctx = ctx;
	const struct entity *e = entity_of(entity);
	int rc = XQ_ERR;
	char msg[XQ_MSG_MAX];
	struct db *snap = NULL;
	if (!e)
		add_error(rep, 0, NULL, _("unknown entity '%s'"), entity);
	else if (dry_run && db_snapshot(db, &snap, msg) != XQ_OK)
		add_error(rep, 0, NULL, "%s", msg);
	else
		rc = import_rows(snap ? snap : db, e, entity, bytes, len, encoding, dry_run, rep);
	db_close(snap);
	error_sink = NULL;
	error_ctx = NULL;
	return rc;
}

/* A county's first import of its teachers: each row would go into every index of the
 * table at its own place, and a province's hundreds of thousands of rows make that cost
 * more a row the more there are. When the file holds at least BULK_ROWS rows and no fewer
 * than the table, the table's indexes that keep nothing unique are dropped in the import's
 * transaction and made again, one sort each, before it commits (a failed import keeps
 * them as they were). Their statements go into again. */
#define BULK_ROWS 10000
static const struct {
	const char *entity, *table, *count;
} bulk_tables[] = {
	{"teachers", "teacher", "SELECT count(*) FROM teacher"},
};

static bool bulk_indexes_drop(struct db *db, const struct entity *e, const char *text, size_t len,
	struct strbuf *again)
{
	size_t b = 0;
	while (b < XQ_NELEM(bulk_tables) && strcmp(bulk_tables[b].entity, e->name) != 0)
		b++;
	if (b == XQ_NELEM(bulk_tables))
		return false;
	long lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + len - p))) != NULL; p++)
		lines++;
	if (lines < BULK_ROWS || lines < (long)db_lookup_id(db, bulk_tables[b].count, 0))
		return false;
	sqlite3_stmt *st = db_stmt(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
				       "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'", NULL);
	if (!st)
		return false;
	bind_text(st, 1, bulk_tables[b].table);
	struct strbuf drop;
	sb_init(&drop);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *d = sqlite3_mprintf("DROP INDEX \"%w\";", (const char *)sqlite3_column_text(st, 0));
		sb_adds(&drop, d);
		sb_addc(&drop, '\0');
		sqlite3_free(d);
		sb_adds(&drop, (const char *)sqlite3_column_text(st, 1));
		sb_addc(&drop, '\0');
	}
	db_done(st);
	/* each dropped one is made again; one that cannot be dropped stays as it is */
	for (size_t at = 0; at < drop.len;) {
		const char *d = drop.s + at, *make = d + strlen(d) + 1;
		if (db_exec(db, d, NULL) == XQ_OK)
			sb_printf(again, "%s;", make);
		at = (size_t)(make - drop.s) + strlen(make) + 1;
	}
	sb_free(&drop);
	return again->len > 0;
}

/* The import itself: all rows in one transaction, committed unless dry_run or a problem. */
static int import_rows_tx(struct db *db, const struct entity *e, const char *entity, const char *bytes,
	size_t len, const char *encoding, bool dry_run, struct io_report *rep)
{
	char msg[XQ_MSG_MAX];
	size_t ulen;
	char *text;
	if (encoding) {
		text = enc_to_utf8_as(bytes, len, encoding, &ulen, msg);
		xq_copy(rep->encoding_name, sizeof rep->encoding_name, encoding);
	} else {
		text = enc_to_utf8(bytes, len, &ulen, &rep->encoding, msg);
		xq_copy(rep->encoding_name, sizeof rep->encoding_name, enc_name(rep->encoding));
	}
	if (!text) {
		long line = 0;
		sscanf(msg, "line %ld:", &line);
		const char *m = strchr(msg, ':') && line ? strchr(msg, ':') + 2 : msg;
		add_error(rep, line, NULL, "%s", m);
		return XQ_ERR;
	}
	struct csv_reader *r = csv_open(text, ulen);
	struct csv_record rec;
	int got = csv_next(r, &rec, msg);
	if (got <= 0) {
		add_error(rep, got < 0 ? 1 : 0, NULL, "%s",
			got < 0 ? msg : _("the file is empty: a header row is required"));
		csv_close(r);
		free(text);
		return XQ_ERR;
	}
	/* header */
	int ncols = (int)rec.n;
	int *map = xcalloc((size_t)ncols, sizeof *map);
	bool present[32] = {0};
	/* errors name a column as the file's header does */
	char *head_of[32] = {0};
	for (int i = 0; i < ncols; i++) {
		map[i] = header_column(e, rec.fields[i]);
		if (map[i] >= 0 && !head_of[map[i]]) {
			char h[128];
			xq_copy(h, sizeof h, rec.fields[i]);
			head_of[map[i]] = xstrdup(str_trim(h));
		}
		if (map[i] < 0) {
			struct strbuf cols;
			sb_init(&cols);
			io_entity_columns(entity, false, &cols);
			add_error(rep, rec.line, rec.fields[i], _("unknown column '%s' for %s (columns: %s)"),
				rec.fields[i], entity, cols.s);
			sb_free(&cols);
		} else if (present[map[i]])
			add_error(rep, rec.line, rec.fields[i], _("column %s appears twice"), e->cols[map[i]].name);
		else
			present[map[i]] = true;
	}
	for (int c = 0; c < e->ncols; c++)
		if (e->cols[c].key && e->cols[c].required && !present[c])
			add_error(rep, rec.line, e->cols[c].name, _("the key column %s (%s) is missing"),
				e->cols[c].name, e->cols[c].zh);
	for (int c = 0; c < e->ncols; c++)
		if (!head_of[c])
			head_of[c] = xstrdup(e->cols[c].name);
	if (rep->total_errors ||
	    db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_seen (key TEXT PRIMARY KEY, "
			"line INTEGER NOT NULL); DELETE FROM temp.import_seen", msg) != XQ_OK ||
	    db_begin(db, msg) != XQ_OK) {
		if (!rep->total_errors)
			add_error(rep, 0, NULL, "%s", msg);
		for (int c = 0; c < e->ncols; c++)
			free(head_of[c]);
		free(map);
		csv_close(r);
		free(text);
		return XQ_ERR;
	}
	void *row = xmalloc(e->size), *old = xmalloc(e->size);
	bool stopped = false;
	struct strbuf indexes;
	sb_init(&indexes);
	bool bulk = !dry_run && bulk_indexes_drop(db, e, text, ulen, &indexes);
	while (!stopped && (got = csv_next(r, &rec, msg)) > 0) {
		rep->rows++;
		if ((int)rec.n != ncols) {
			add_error(rep, rec.line, NULL, _("%zu fields, the header has %d"), rec.n, ncols);
			continue;
		}
		long before = rep->total_errors;
		/* parse the key columns first, to find the stored row */
		memset(row, 0, e->size);
		e->init(row);
		for (int i = 0; i < ncols; i++) {
			const struct col *c = &e->cols[map[i]];
			if (!c->key && !c->match)
				continue;
			if (parse_cell(db, c, rec.fields[i], row, msg) != XQ_OK)
				add_error(rep, rec.line, head_of[map[i]], "%s", msg);
			else if (c->required && c->type == C_TEXT && !rec.fields[i][0])
				add_error(rep, rec.line, head_of[map[i]], "%s", _("a value is required"));
		}
		if (rep->total_errors > before)
			continue;
		if (e->find == find_activity && resolve_activity(db, row, msg) != XQ_OK) {
			add_error(rep, rec.line, head_of[2], "%s", msg); /* agreement_start_date */
			continue;
		}
		/* the same natural key twice in one file; rows that may repeat theirs are counted
		 * instead, and the nth such row matches the nth stored one */
		struct strbuf key;
		sb_init(&key);
		row_key(e, row, &key);
		bool repeats = e->repeats && e->repeats(row, &key);
		size_t base = key.len;
		int nth = 0;
		long earlier;
		while ((earlier = seen_before(db, key.s, rec.line, msg)) > 0 && repeats) {
			key.len = base;
			sb_printf(&key, "#%d", ++nth);
		}
		sb_free(&key);
		if (earlier < 0) {
			add_error(rep, rec.line, NULL, "%s", msg);
			stopped = true;
			continue;
		}
		if (earlier > 0) {
			add_error(rep, rec.line, NULL, _("duplicate of line %ld (same key)"), earlier);
			continue;
		}

		bool exists = (repeats ? e->find_nth(db, row, nth, old) : e->find(db, row, old)) == XQ_OK;
		if (exists)
			memcpy(row, old, e->size);
		else
			for (int c = 0; c < e->ncols; c++)
				if (e->cols[c].required && !present[c]) {
					add_error(rep, rec.line, e->cols[c].name,
						_("a new row needs the column %s (%s)"), e->cols[c].name, e->cols[c].zh);
				}
		if (rep->total_errors > before)
			continue;
		for (int i = 0; i < ncols; i++) {
			const struct col *c = &e->cols[map[i]];
			if (c->key)
				continue;
			if (parse_cell(db, c, rec.fields[i], row, msg) != XQ_OK)
				add_error(rep, rec.line, head_of[map[i]], "%s", msg);
			else if (c->required && c->type == C_TEXT && !rec.fields[i][0])
				add_error(rep, rec.line, head_of[map[i]], "%s", _("a value is required"));
		}
		if (rep->total_errors > before)
			continue;
		if (e->settle)
			e->settle(row);
		if (exists) {
			bool same = true;
			for (int c = 0; c < e->ncols && same; c++) {
				char a[TEXT_LEN], b[TEXT_LEN];
				format_cell(&e->cols[c], row, false, a, sizeof a);
				format_cell(&e->cols[c], old, false, b, sizeof b);
				same = strcmp(a, b) == 0;
			}
			if (same) {
				rep->unchanged++;
				continue;
			}
			if (e->update(db, row, msg) != XQ_OK)
				write_error(rep, e, head_of, rec.line, msg);
			else
				rep->updated++;
		} else if (e->insert(db, row, msg) != XQ_OK)
			write_error(rep, e, head_of, rec.line, msg);
		else
			rep->added++;
		/* a full disk or an I/O error: the rows after this one would meet it again,
		 * or SQLite has ended the transaction; either way nothing of this import stays */
		int code = rep->total_errors > before ? sqlite3_errcode(db->h) & 0xff : SQLITE_OK;
		if (code == SQLITE_FULL || code == SQLITE_IOERR) {
			stopped = true;
		} else if (sqlite3_get_autocommit(db->h)) {
			add_error(rep, rec.line, NULL, "%s",
				_("the import stopped here: the database could not be written"));
			stopped = true;
		}
	}
	if (got < 0) {
		long line = 0;
		sscanf(msg, "line %ld:", &line);
		add_error(rep, line, NULL, "%s", strchr(msg, ':') ? strchr(msg, ':') + 2 : msg);
	}
	db_exec(db, "DELETE FROM temp.import_seen", NULL);
	free(row);
	free(old);
	for (int c = 0; c < e->ncols; c++)
		free(head_of[c]);
	free(map);
	csv_close(r);
	free(text);

	if (bulk && !rep->total_errors && db_exec(db, indexes.s, msg) != XQ_OK)
		add_error(rep, 0, NULL, "%s", msg);
	sb_free(&indexes);
	if (rep->total_errors || dry_run) {
		db_rollback(db);
		return rep->total_errors ? XQ_ERR : XQ_OK;
	}
	if (db_commit(db, msg) != XQ_OK) {
		add_error(rep, 0, NULL, "%s", msg);
		return XQ_ERR;
	}
	return XQ_OK;
}

/* A county's import touches every page of its table and indexes in one transaction: a
 * larger page cache for it keeps those pages from going to and from the log, and the
 * usual cache comes back afterwards. */
static int import_rows(struct db *db, const struct entity *e, const char *entity, const char *bytes,
	size_t len, const char *encoding, bool dry_run, struct io_report *rep)
{
	char m[XQ_MSG_MAX];
	db_exec(db, "PRAGMA cache_size = -262144", m);
	int rc = import_rows_tx(db, e, entity, bytes, len, encoding, dry_run, rep);
	db_exec(db, "PRAGMA cache_size = -32768", m);
	return rc;
}

struct export_ctx {
	const struct entity *e;
	struct strbuf out;
	bool zh;
	int (*put)(void *ctx, const char *data, size_t len, char *msg);
	void *ctx;
	char *msg;
};

/* Hands what is written so far (whole rows) to put. */
static int export_flush(struct export_ctx *x)
{
	if (!x->out.len)
		return XQ_OK;
	int rc = x->put(x->ctx, x->out.s, x->out.len, x->msg);
	x->out.len = 0;
	return rc;
}

static int export_row(void *ctx, const void *rec)
{
	struct export_ctx *x = ctx;
	char cells[32][TEXT_LEN];
	const char *fields[32];
	for (int i = 0; i < x->e->ncols; i++) {
		format_cell(&x->e->cols[i], rec, x->zh, cells[i], sizeof cells[i]);
		fields[i] = cells[i];
	}
	csv_row(&x->out, fields, (size_t)x->e->ncols);
	return x->out.len >= (256u << 10) ? export_flush(x) : XQ_OK;
}

int db_export_each(struct db *db, const char *entity, bool zh_headers,
	int (*put)(void *ctx, const char *data, size_t len, char *msg), void *ctx, char *msg)
{
	const struct entity *e = entity_of(entity);
	if (!e) {
		xq_msg(msg, _("unknown entity '%s'"), entity);
		return XQ_ERR;
	}
	struct export_ctx x = {e, {NULL, 0, 0}, zh_headers, put, ctx, msg};
	sb_init(&x.out);
	const char *head[32];
	for (int i = 0; i < e->ncols; i++)
		head[i] = zh_headers ? e->cols[i].zh : e->cols[i].name;
	csv_row(&x.out, head, (size_t)e->ncols);
	/* one read transaction: a consistent snapshot while others write */
	if (db_exec(db, "BEGIN", msg) != XQ_OK) {
		sb_free(&x.out);
		return XQ_ERR;
	}
	msg[0] = '\0';
	int rc = e->each(db, export_row, &x);
	db_exec(db, "COMMIT", NULL);
	if (rc == XQ_OK)
		rc = export_flush(&x);
	else if (!msg[0])
		xq_msg(msg, _("reading %s failed"), entity);
	sb_free(&x.out);
	return rc;
}

static int put_sb(void *ctx, const char *data, size_t len, char *msg)
{
	(void)msg;
	sb_add(ctx, data, len);
	return XQ_OK;
}

int db_export(struct db *db, const char *entity, bool zh_headers, struct strbuf *out, char *msg)
{
	return db_export_each(db, entity, zh_headers, put_sb, out, msg);
}
