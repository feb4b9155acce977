/* types.c: enumeration tables (keys, Chinese and English labels) and record defaults. */
#include "types.h"

#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const struct enum_item level_items[] = {
	{"primary", "小学", "primary"},
	{"junior", "初中", "junior"},
	{"nine_year", "九年一贯制", "nine-year"},
	{"twelve_year", "十二年一贯制", "twelve-year"},
	{"teaching_point", "教学点", "teaching point"},
	{NULL, NULL, NULL},
};
const struct enum_item location_items[] = {
	{"urban", "城区", "urban", "城市"},
	{"town", "镇区", "town"},
	{"rural", "乡村", "rural", "农村"},
	{NULL, NULL, NULL},
};
const struct enum_item form_items[] = {
	{"group", "集团化办学", "education group"},
	{"pairing", "城乡帮扶", "pairing"},
	{"alliance", "学区联盟", "alliance"},
	{"integrated", "一体化管理", "integrated"},
	{NULL, NULL, NULL},
};
const struct enum_item role_items[] = {
	{"lead", "牵头学校", "lead"},
	{"member", "成员学校", "member"},
	{NULL, NULL, NULL},
};
const struct enum_item education_items[] = {
	{"secondary", "中专及以下", "secondary"},
	{"junior_college", "大专", "junior college"},
	{"bachelor", "本科", "bachelor"},
	{"master", "硕士", "master"},
	{"doctor", "博士", "doctor"},
	{NULL, NULL, NULL},
};
const struct enum_item backbone_items[] = {
	{"none", "无", "none"},
	{"county", "县级", "county"},
	{"city", "市级", "city"},
	{"province", "省级", "province"},
	{"national", "国家级", "national"},
	{NULL, NULL, NULL},
};
const struct enum_item employment_items[] = {
	{"in_post", "在编在岗", "in post"},
	{"special_post", "特岗教师", "special post"},
	{"substitute", "代课教师", "substitute"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};
const struct enum_item post_items[] = {
	{"teacher", "教师", "teacher"},
	{"principal", "校长", "principal"},
	{"vice_principal", "副校长", "vice-principal"},
	{NULL, NULL, NULL},
};
const struct enum_item exemption_kind_items[] = {
	{"illness", "长期病休或残疾", "long illness or disability"},
	{"maternity", "孕期产期哺乳期", "pregnancy, maternity or nursing"},
	{"family", "家庭特殊困难", "family hardship"},
	{"other", "其他经批准", "other approved"},
	{NULL, NULL, NULL},
};
/* The kinds of rooms (the room table's CHECK, the same order). */
const struct enum_item room_kind_items[] = {
	{"classroom", "普通教室", "classroom"},
	{"multimedia", "多媒体教室", "multimedia room"},
	{"playground", "操场", "playground"},
	{"gym", "体育馆", "gym"},
	{"music", "音乐室", "music room"},
	{"art", "美术室", "art room"},
	{"computer", "计算机教室", "computer room"},
	{"science", "科学实验室", "science lab"},
	{"library", "图书室", "library"},
	{"meeting", "会议室", "meeting room"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};
const struct enum_item activity_kind_items[] = {
	{"lecture", "专题讲座", "lecture"},
	{"guidance", "巡回指导", "visiting guidance"},
	{"diagnosis", "现场诊断", "on-site diagnosis"},
	{"case_study", "案例研磨", "lesson study"},
	{"visit", "跨校体验", "cross-school visit"},
	{"shadowing", "跟班学习", "shadowing"},
	{"mentoring", "师徒结对", "mentor pairing"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};
const struct enum_item op_role_items[] = {
	{"admin", "管理员", "admin"},
	{"district_admin", "学区管理员", "district admin"},
	{"inspector", "督学", "inspector"},
	{"viewer", "只读", "viewer"},
	{NULL, NULL, NULL},
};
const struct enum_item gender_items[] = {
	{"M", "男", "male"},
	{"F", "女", "female"},
	{NULL, NULL, NULL},
};

int enum_parse(const struct enum_item *items, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; items[i].key; i++)
		if (strcasecmp(items[i].key, s) == 0 || strcmp(items[i].zh, s) == 0 ||
		    strcasecmp(items[i].en, s) == 0 || (items[i].alias && strcmp(items[i].alias, s) == 0))
			return i;
	return -1;
}

int enum_count(const struct enum_item *items)
{
	int n = 0;
	while (items[n].key)
		n++;
	return n;
}

const char *enum_key(const struct enum_item *items, int v)
{
	return v >= 0 && v < enum_count(items) ? items[v].key : "?";
}

const char *enum_zh(const struct enum_item *items, int v)
{
	return v >= 0 && v < enum_count(items) ? items[v].zh : "?";
}

const char *enum_en(const struct enum_item *items, int v)
{
	return v >= 0 && v < enum_count(items) ? items[v].en : "?";
}

const char *enum_keys_joined(const struct enum_item *items)
{
	static _Thread_local char buf[256];
	size_t o = 0;
	buf[0] = '\0';
	for (int i = 0; items[i].key; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? "|" : "", items[i].key);
	return buf;
}

const char *enum_zh_joined(const struct enum_item *items)
{
	static _Thread_local char buf[512];
	size_t o = 0;
	buf[0] = '\0';
	for (int i = 0; items[i].key && o < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? "|" : "", items[i].zh);
	return buf;
}

void school_init(struct school *s)
{
	memset(s, 0, sizeof *s);
	s->lat = s->lon = NAN;
	s->students = s->classes = s->staff_quota = -1;
	s->teaching_area_m2 = s->sports_area_m2 = s->equipment_value_yuan = NAN;
	s->multimedia_rooms = s->music_rooms = s->art_rooms = -1;
	s->students_primary = s->students_junior = -1;
	s->hardship = 0;
}

void teacher_init(struct teacher *t)
{
	memset(t, 0, sizeof *t);
	t->gender = 'M';
	t->employment = EMP_IN_POST;
	t->post = POST_TEACHER;
}

const char *enum_word(const struct enum_item *items, int v)
{
	return i18n_is_zh() ? enum_zh(items, v) : enum_en(items, v);
}
