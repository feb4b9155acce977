/* demo_names.c: what the demo generator draws on: the counties and towns of 柳州市, village
 * names and note texts; and what it makes of them: teachers (names weighted for the
 * region, subjects, titles, education, posts), exemptions, school figures, and agreement
 * terms with their activities. */
#define XQ_DEMO_TABLES
#include "demo.h"

#include <stddef.h>
#include <string.h>

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* 柳江区, placed by hand: 拉堡 is the seat, 基隆 the development zone next to it. */
static const struct demo_town liujiang[] = {
	{"拉堡镇", "拉堡", DT_SEAT, 0, 0},	  {"基隆开发区", "基隆", DT_ZONE, 3, -4},
	{"进德镇", "进德", DT_TOWN, -15, 11},	  {"穿山镇", "穿山", DT_TOWN, 18, -8},
	{"百朋镇", "百朋", DT_TOWN, -5, -25},	  {"三都镇", "三都", DT_TOWN, 23, -17},
	{"里高镇", "里高", DT_TOWN, 9, -31},	  {"成团镇", "成团", DT_TOWN, -25, 4},
	{"土博镇", "土博", DT_TOWN, -22, -19},	  {"里雍镇", "里雍", DT_TOWN, 27, 3},
};
static const struct demo_town liucheng[] = {
	{"大埔镇", "大埔", DT_SEAT, 0, 0},	{"龙头镇", "龙头", DT_TOWN, 0, 0},
	{"太平镇", "太平", DT_TOWN, 0, 0},	{"沙埔镇", "沙埔", DT_TOWN, 0, 0},
	{"东泉镇", "东泉", DT_TOWN, 0, 0},	{"凤山镇", "凤山", DT_TOWN, 0, 0},
	{"六塘镇", "六塘", DT_TOWN, 0, 0},	{"冲脉镇", "冲脉", DT_TOWN, 0, 0},
	{"寨隆镇", "寨隆", DT_TOWN, 0, 0},	{"马山镇", "马山", DT_TOWN, 0, 0},
	{"古砦仫佬族乡", "古砦", DT_TOWN, 0, 0}, {"社冲乡", "社冲", DT_TOWN, 0, 0},
};
static const struct demo_town luzhai[] = {
	{"鹿寨镇", "鹿寨", DT_SEAT, 0, 0}, {"中渡镇", "中渡", DT_TOWN, 0, 0},
	{"寨沙镇", "寨沙", DT_TOWN, 0, 0}, {"平山镇", "平山", DT_TOWN, 0, 0},
	{"黄冕镇", "黄冕", DT_TOWN, 0, 0}, {"四排镇", "四排", DT_TOWN, 0, 0},
	{"江口乡", "江口", DT_TOWN, 0, 0}, {"拉沟乡", "拉沟", DT_TOWN, 0, 0},
	{"导江乡", "导江", DT_TOWN, 0, 0},
};
static const struct demo_town rongan[] = {
	{"长安镇", "长安", DT_SEAT, 0, 0}, {"浮石镇", "浮石", DT_TOWN, 0, 0},
	{"泗顶镇", "泗顶", DT_TOWN, 0, 0}, {"板榄镇", "板榄", DT_TOWN, 0, 0},
	{"大将镇", "大将", DT_TOWN, 0, 0}, {"大良镇", "大良", DT_TOWN, 0, 0},
	{"雅瑶乡", "雅瑶", DT_TOWN, 0, 0}, {"大坡乡", "大坡", DT_TOWN, 0, 0},
	{"东起乡", "东起", DT_TOWN, 0, 0}, {"沙子乡", "沙子", DT_TOWN, 0, 0},
	{"桥板乡", "桥板", DT_TOWN, 0, 0}, {"潭头乡", "潭头", DT_TOWN, 0, 0},
};
static const struct demo_town rongshui[] = {
	{"融水镇", "融水", DT_SEAT, 0, 0},	    {"和睦镇", "和睦", DT_TOWN, 0, 0},
	{"三防镇", "三防", DT_TOWN, 0, 0},	    {"怀宝镇", "怀宝", DT_TOWN, 0, 0},
	{"洞头镇", "洞头", DT_TOWN, 0, 0},	    {"大浪镇", "大浪", DT_TOWN, 0, 0},
	{"永乐镇", "永乐", DT_TOWN, 0, 0},	    {"四荣乡", "四荣", DT_TOWN, 0, 0},
	{"香粉乡", "香粉", DT_TOWN, 0, 0},	    {"安太乡", "安太", DT_TOWN, 0, 0},
	{"汪洞乡", "汪洞", DT_TOWN, 0, 0},	    {"杆洞乡", "杆洞", DT_TOWN, 0, 0},
	{"同练瑶族乡", "同练", DT_TOWN, 0, 0}, {"滚贝侗族乡", "滚贝", DT_TOWN, 0, 0},
	{"红水乡", "红水", DT_TOWN, 0, 0},	    {"拱洞乡", "拱洞", DT_TOWN, 0, 0},
	{"大年乡", "大年", DT_TOWN, 0, 0},	    {"良寨乡", "良寨", DT_TOWN, 0, 0},
	{"安陲乡", "安陲", DT_TOWN, 0, 0},	    {"白云乡", "白云", DT_TOWN, 0, 0},
};
static const struct demo_town sanjiang[] = {
	{"古宜镇", "古宜", DT_SEAT, 0, 0},	    {"斗江镇", "斗江", DT_TOWN, 0, 0},
	{"丹洲镇", "丹洲", DT_TOWN, 0, 0},	    {"独峒镇", "独峒", DT_TOWN, 0, 0},
	{"八江镇", "八江", DT_TOWN, 0, 0},	    {"林溪镇", "林溪", DT_TOWN, 0, 0},
	{"老堡乡", "老堡", DT_TOWN, 0, 0},	    {"高基瑶族乡", "高基", DT_TOWN, 0, 0},
	{"和平乡", "和平", DT_TOWN, 0, 0},	    {"程村乡", "程村", DT_TOWN, 0, 0},
	{"洋溪乡", "洋溪", DT_TOWN, 0, 0},	    {"良口乡", "良口", DT_TOWN, 0, 0},
	{"同乐苗族乡", "同乐", DT_TOWN, 0, 0}, {"富禄苗族乡", "富禄", DT_TOWN, 0, 0},
	{"梅林乡", "梅林", DT_TOWN, 0, 0},
};
static const struct demo_town chengzhong[] = {
	{"城中街道", "城中", DT_STREET, 0, 0}, {"公园街道", "公园", DT_STREET, 0, 0},
	{"中南街道", "中南", DT_STREET, 0, 0}, {"水上街道", "水上", DT_STREET, 0, 0},
	{"潭中街道", "潭中", DT_STREET, 0, 0}, {"河东街道", "河东", DT_STREET, 0, 0},
	{"静兰街道", "静兰", DT_STREET, 0, 0},
};
static const struct demo_town yufeng[] = {
	{"天马街道", "天马", DT_STREET, 0, 0},     {"驾鹤街道", "驾鹤", DT_STREET, 0, 0},
	{"箭盘山街道", "箭盘山", DT_STREET, 0, 0}, {"五里亭街道", "五里亭", DT_STREET, 0, 0},
	{"荣军街道", "荣军", DT_STREET, 0, 0},     {"麒麟街道", "麒麟", DT_STREET, 0, 0},
	{"阳和街道", "阳和", DT_STREET, 0, 0},     {"洛埠镇", "洛埠", DT_TOWN, 0, 0},
	{"白沙镇", "白沙", DT_TOWN, 0, 0},
};
static const struct demo_town liunan[] = {
	{"河西街道", "河西", DT_STREET, 0, 0}, {"南站街道", "南站", DT_STREET, 0, 0},
	{"鹅山街道", "鹅山", DT_STREET, 0, 0}, {"柳南街道", "柳南", DT_STREET, 0, 0},
	{"柳石街道", "柳石", DT_STREET, 0, 0}, {"银山街道", "银山", DT_STREET, 0, 0},
	{"潭西街道", "潭西", DT_STREET, 0, 0}, {"南环街道", "南环", DT_STREET, 0, 0},
	{"太阳村镇", "太阳村", DT_TOWN, 0, 0}, {"洛满镇", "洛满", DT_TOWN, 0, 0},
	{"流山镇", "流山", DT_TOWN, 0, 0},
};
static const struct demo_town liubei[] = {
	{"解放街道", "解放", DT_STREET, 0, 0}, {"雅儒街道", "雅儒", DT_STREET, 0, 0},
	{"胜利街道", "胜利", DT_STREET, 0, 0}, {"钢城街道", "钢城", DT_STREET, 0, 0},
	{"锦绣街道", "锦绣", DT_STREET, 0, 0}, {"白露街道", "白露", DT_STREET, 0, 0},
	{"跃进街道", "跃进", DT_STREET, 0, 0}, {"柳长街道", "柳长", DT_STREET, 0, 0},
	{"石碑坪镇", "石碑坪", DT_TOWN, 0, 0}, {"沙塘镇", "沙塘", DT_TOWN, 0, 0},
	{"长塘镇", "长塘", DT_TOWN, 0, 0},
};

/* 柳江区 first: the county scale is that county alone. */
const struct demo_county demo_counties[] = {
	{"柳江区", "柳江", "06", 24255800, 109334500, false, true, liujiang, N(liujiang)},
	{"柳城县", "柳城", "22", 24650300, 109244700, false, false, liucheng, N(liucheng)},
	{"鹿寨县", "鹿寨", "23", 24473000, 109752000, false, false, luzhai, N(luzhai)},
	{"融安县", "融安", "24", 25224600, 109397500, false, false, rongan, N(rongan)},
	{"融水苗族自治县", "融水", "25", 25066000, 109256400, false, false, rongshui,
	 N(rongshui)},
	{"三江侗族自治县", "三江", "26", 25783400, 109604600, false, false, sanjiang,
	 N(sanjiang)},
	{"城中区", "城中", "02", 24312500, 109412000, true, false, chengzhong, N(chengzhong)},
	{"鱼峰区", "鱼峰", "03", 24304000, 109453000, true, false, yufeng, N(yufeng)},
	{"柳南区", "柳南", "04", 24295000, 109385000, true, false, liunan, N(liunan)},
	{"柳北区", "柳北", "05", 24364000, 109402000, true, false, liubei, N(liubei)},
};
const int demo_ncounties = N(demo_counties);

/* Weighted for the Zhuang country around 柳州: 韦 覃 莫 蓝 are common. */
static const struct demo_weighted surnames[] = {
	{"韦", 90}, {"覃", 55}, {"黄", 60}, {"李", 55}, {"梁", 35}, {"莫", 35}, {"蓝", 20},
	{"王", 35}, {"张", 35}, {"刘", 30}, {"陈", 40}, {"杨", 30}, {"赵", 12}, {"周", 15},
	{"吴", 18}, {"廖", 18}, {"罗", 18}, {"潘", 15}, {"蒙", 12}, {"黎", 10}, {"谢", 10},
	{"何", 12}, {"唐", 12}, {"邓", 10}, {"卢", 12}, {"陆", 10}, {"蒋", 8}, {"龙", 10},
	{"曾", 8}, {"农", 6}, {"银", 4}, {"甘", 6}, {"石", 8}, {"欧阳", 3}, {"谭", 8},
	{"胡", 8}, {"朱", 8}, {"林", 8}, {"钟", 6}, {"冯", 6}, {"苏", 6}, {"叶", 4},
	{"孙", 6}, {"马", 5}, {"徐", 5}, {"高", 5}, {"郭", 5}, {"许", 4}, {"邱", 4},
	{"秦", 4}, {"贺", 3}, {"凌", 3}, {"吕", 4}, {"闭", 3}, {"全", 2},
};

static const char given_m[] = "伟强军勇杰涛斌超明刚平辉鹏华飞鑫波宁健俊峰磊东林文海志宏建国"
			    "永庆成振荣德家金卫光晓春锋新兴锦福坤盛旭毅宇浩然航博泽凯阳晨"
			    "忠义仁勤贵才松柏江山元良胜利发展树清";
static const char given_f[] = "芳丽敏静艳娟霞燕玲婷琳红梅兰萍莉雪洁琴慧颖倩璐媛瑶佳欣怡月秀"
			    "英华凤桂春翠丹妮娜蓉莎露薇晶莹思雨诗梦琼珍美玉云霜菊晓";

const char *const demo_villages[] = {
	"龙怀", "古都", "板塘", "六合", "北尚", "新安", "里团", "福塘", "三合", "大桥",
	"长富", "塘头", "平坡", "拉留", "洛江", "古禄", "百鹤", "那六", "江头", "甘棠",
	"进步", "思贤", "龙田", "牛岭", "鸡鸣", "大田", "高岭", "板六", "古龙", "里兰",
	"岩口", "马鞍", "山脚", "新圩", "勒马", "北江", "那堪", "凤凰", "羊角", "洞口",
	"白石", "红岭", "岭南", "石门", "沙岭", "黄岭", "木洞", "水口", "独山", "龙江",
	"三门", "双龙", "九龙", "里仁", "陈屯", "古益", "板桥", "拉旺", "那马", "弄江",
	"坡头", "六甲", "洞井", "塘北", "马头", "东江", "上汶", "下汶", "中团", "洛西",
	"拉浪", "拉勒", "伏虎", "龙兴", "乐安", "桥头", "古木", "那贡", "仁义", "龙岩",
	"三岔", "福龙", "永福", "大塘", "小塘", "新华", "光明", "团结", "东风", "红星",
	"民主", "文笔", "尚文", "百乐", "甫上", "沙井", "石龙", "龙口", "高田", "平安",
	"安宁", "河口", "良田", "黄泥", "竹山", "杉木", "茶山", "枫木", "梅花", "荷塘",
	"莲花", "雷塘", "岜岭", "那排", "弄团", "古沙", "六朗", "北岸", "南岸", "上龙",
};
const int demo_nvillages = N(demo_villages);

static const struct demo_weighted subj_primary[] = {
	{"语文", 34}, {"数学", 28}, {"英语", 9}, {"科学", 5},    {"道德与法治", 4},
	{"体育", 8},  {"音乐", 5},  {"美术", 4}, {"信息技术", 3},
};
static const struct demo_weighted subj_junior[] = {
	{"语文", 15}, {"数学", 15}, {"英语", 13}, {"物理", 8},	 {"化学", 6},
	{"生物", 6},  {"历史", 6},  {"地理", 6},  {"道德与法治", 7}, {"体育", 8},
	{"音乐", 3},  {"美术", 3},  {"信息技术", 4},
};

static const char *const second_subject[][3] = {
	{"语文", "道德与法治", "美术"},	{"数学", "科学", "信息技术"},
	{"英语", "信息技术", "音乐"},	{"科学", "数学", "信息技术"},
	{"道德与法治", "语文", "历史"}, {"体育", "科学", "道德与法治"},
	{"音乐", "美术", "道德与法治"}, {"美术", "音乐", "信息技术"},
	{"信息技术", "数学", "科学"},	{"物理", "化学", "信息技术"},
	{"化学", "生物", "物理"},	{"生物", "地理", "化学"},
	{"历史", "道德与法治", "地理"}, {"地理", "生物", "历史"},
};

/* A fitting second subject for a first one, or NULL. */
static const char *second_subject_of(const char *first, unsigned pick)
{
	for (int i = 0; i < N(second_subject); i++)
		if (strcmp(second_subject[i][0], first) == 0)
			return second_subject[i][1 + pick % 2];
	return NULL;
}

static const char *const titles[] = {"未定职级", "二级教师", "一级教师", "高级教师", "正高级教师"};

static const char *const goals[] = {
	"受援学校语文、数学学科质量三年内达到全区平均水平",
	"共建学科教研组,每学期联合教研不少于4次",
	"培养校级骨干教师2至3名",
	"完善教学常规管理制度,规范备课、上课、作业、辅导、评价",
	"共享体育、艺术课程资源,开齐开足音体美课程",
	"建立青年教师师徒结对机制,每年结对不少于3对",
	"推进课堂教学改革,提高课堂教学效率",
	"加强班主任队伍建设,提升德育工作水平",
	"开展“一校一特色”校园文化建设",
	"提升教师信息技术应用能力,共享优质数字教育资源",
	"每学期互派教师跟班学习不少于2人次",
	"受援学校学生体质健康测试合格率达到95%以上",
};

/* Per activity kind: {A} supporting and {B} supported short name, {S} subject, {N} a
 * small number, {T} a topic. */
static const char *const activity_notes[7][3] = {
	{"{A}骨干教师到{B}作“{T}”专题讲座", "{A}校长到{B}作“{T}”专题讲座,全体教师参加",
	 "{A}名师工作室成员为{B}教师讲授“{T}”"},
	{"{A}{S}教研组到{B}巡回指导,随堂听课{N}节并逐节评课",
	 "{A}教导处到{B}检查教学常规,指导{S}备课与作业设计",
	 "{A}学科带头人到{B}巡回指导{S}课堂教学"},
	{"{A}管理团队到{B}现场诊断教学常规管理,提出整改建议",
	 "{A}专家组到{B}现场诊断{S}课堂教学,听课{N}节",
	 "{A}到{B}现场诊断校本教研与课后服务工作"},
	{"{A}与{B}{S}组联合开展同课异构与案例研磨", "{A}与{B}联合教研:{S}课例研磨{N}节",
	 "{B}{S}教师到{A}参加案例研磨,围绕“{T}”磨课"},
	{"{B}教师{N}人到{A}跨校体验,观摩{S}课堂教学",
	 "{B}行政人员到{A}跨校体验学校管理与校园文化建设", "{A}与{B}学生开展跨校研学交流活动"},
	{"{B}青年教师{N}人到{A}跟班学习两周", "{B}{S}教师到{A}跟班学习一个月",
	 "{B}中层干部到{A}跟岗学习学校管理"},
	{"{A}与{B}签订师徒结对协议{N}对", "{A}{S}骨干教师与{B}青年教师师徒结对{N}对",
	 "{A}与{B}师徒结对中期汇报,徒弟上汇报课{N}节"},
};

static const char *const topics[] = {
	"新课标下的大单元教学设计", "“双减”背景下的作业设计", "课堂提问的有效性",
	"班主任工作与家校沟通",	    "整本书阅读教学",		"数学核心素养的培养",
	"信息技术与学科教学融合",   "乡村小规模学校复式教学",	"劳动教育课程实施",
	"心理健康教育与学生关爱",
};

static const char *const exemption_notes[4][3] = {
	{"长期病休,有二级以上医院证明", "腰椎间盘突出术后康复", "残疾,经鉴定不宜交流"},
	{"孕期及产假", "产假及哺乳期", "哺乳期,子女未满一周岁"},
	{"配偶长期患病需照料", "子女患重病需陪护", "父母年迈多病,家中无其他照料人"},
	{"借调区教育局工作,经批准暂缓交流", "脱产参加学历进修,经批准", "对口支援外县支教,经批准"},
};

const char *const demo_district_notes[4] = {
	"以{A}为龙头校组建教育集团,集团校长联席会统一决策,实行资源配置、师资调配、"
	"教学管理、教学研究、学校招生、质量评价“六统一”。",
	"以{A}为帮扶学校,结对帮扶{B}的受援学校,签订帮扶协议;镇中心小学同时辐射本镇村小学、"
	"教学点。",
	"以{A}为牵头学校的学区联盟,体育场馆、图书馆、实验室在学区内开放共享,实行联合教研。",
	"{A}对{B}的村小学、教学点实行一体化管理,统一课程实施、教学研究与质量评价。",
};

/* Replaces {A} {B} {S} {N} {T} in a template by vals[0..4]. */
void demo_subst(char *out, size_t size, const char *tmpl, const char *const vals[5])
{
	struct strbuf b;
	sb_init(&b);
	for (const char *p = tmpl; *p; p++) {
		const char *k = p[0] == '{' && p[1] && p[2] == '}' ? strchr("ABSNT", p[1]) : NULL;
		if (k && *k) {
			sb_adds(&b, vals[k - "ABSNT"] ? vals[k - "ABSNT"] : "");
			p += 2;
		} else {
			sb_addc(&b, *p);
		}
	}
	xq_copy(out, size, b.s ? b.s : "");
	sb_free(&b);
}

static void given_char(struct strbuf *b, const char *pool, struct rng *r)
{
	long n = (long)strlen(pool) / 3;
	sb_add(b, pool + 3 * rnd(r, 0, n - 1), 3);
}

static void person_name(struct teacher *t, struct rng *r)
{
	struct strbuf b;
	sb_init(&b);
	sb_adds(&b, surnames[pick_weighted(r, surnames, N(surnames))].s);
	const char *pool = t->gender == 'F' ? given_f : given_m;
	given_char(&b, pool, r);
	if (!chance(r, 250)) {
		if (t->gender == 'F' && chance(r, 40))
			sb_add(&b, b.s + b.len - 3, 3); /* 婷婷 */
		else
			given_char(&b, pool, r);
	}
	xq_copy(t->name, sizeof t->name, b.s);
	sb_free(&b);
}

/* One teacher of school s, aged between 23 and 59 on the as-of date. */
static void make_teacher(const struct school *s, long opened, struct rng *r, struct teacher *t,
			 int *age)
{
	int lv = s->level, loc = s->location;
	bool rural = loc == LOC_RURAL;
	teacher_init(t);
	xq_copy(t->school_code, sizeof t->school_code, s->code);
	int female = lv == LEVEL_JUNIOR ? 560 : rural ? 520 : 680;
	t->gender = chance(r, female) ? 'F' : 'M';
	person_name(t, r);
	int a = 23 + (int)rnd(r, 0, 18) + (int)rnd(r, 0, 18);
	if (rural && chance(r, 300))
		a = 35 + (int)rnd(r, 0, 24);
	*age = a;
	put_date(t->birth_date, ymd(2026 - a, 9, 1) - rnd(r, 0, 364));

	/* subjects */
	bool junior = lv == LEVEL_JUNIOR || (lv == LEVEL_NINE_YEAR && chance(r, 450));
	const struct demo_weighted *subj = junior ? subj_junior : subj_primary;
	const char *first =
		subj[pick_weighted(r, subj, junior ? N(subj_junior) : N(subj_primary))].s;
	bool tp = s->level == LEVEL_TEACHING_POINT;
	int second = tp ? 650 : rural ? 400 : loc == LOC_TOWN ? 200 : junior ? 80 : 120;
	const char *s2 = NULL;
	if (chance(r, second))
		s2 = second_subject_of(first, (unsigned)rnd(r, 0, 1));
	if (s2 && !junior && strcmp(s2, "历史") == 0)
		s2 = "语文";
	const char *s3 = NULL;
	if (s2 && tp && chance(r, 300))
		s3 = strcmp(first, "道德与法治") && strcmp(s2, "道德与法治") ? "道德与法治"
									       : "科学";
	snprintf(t->subjects, sizeof t->subjects, "%s%s%s%s%s", first, s2 ? ";" : "",
		 s2 ? s2 : "", s3 ? ";" : "", s3 ? s3 : "");
	t->pe_art = !strcmp(first, "体育") || !strcmp(first, "音乐") || !strcmp(first, "美术");

	/* education: some secondary among older village teachers, a few masters */
	long e = rnd(r, 0, 999);
	int sec = rural ? 220 : loc == LOC_TOWN ? 80 : 20, jc = rural ? 100 : 0;
	if (a >= 45)
		t->education = e < sec ? EDU_SECONDARY : e < 520 + jc ? EDU_JUNIOR_COLLEGE
								   : EDU_BACHELOR;
	else if (a >= 35)
		t->education = e < (rural ? 30 : 0) ? EDU_SECONDARY
			       : e < 380 + jc	   ? EDU_JUNIOR_COLLEGE
			       : e < 990	   ? EDU_BACHELOR
						   : EDU_MASTER;
	else
		t->education = e < (rural ? 300 : 150)		   ? EDU_JUNIOR_COLLEGE
			       : e < (loc == LOC_URBAN ? 940 : 980) ? EDU_BACHELOR
								    : EDU_MASTER;

	/* employment: special posts and substitutes in the countryside */
	long em = rnd(r, 0, 999);
	if (rural && a <= 33 && em < 300)
		t->employment = EMP_SPECIAL_POST;
	else if (loc == LOC_TOWN && a <= 30 && em < 80)
		t->employment = EMP_SPECIAL_POST;
	else if (em >= 990 - (rural ? 40 : loc == LOC_TOWN ? 10 : 0))
		t->employment = EMP_SUBSTITUTE;
	else if (em >= 985 - (rural ? 40 : loc == LOC_TOWN ? 10 : 0))
		t->employment = EMP_OTHER;

	/* title by age */
	long ti = rnd(r, 0, 999);
	int title = a <= 25   ? (ti < 600 ? 0 : 1)
		    : a <= 30 ? (ti < 100 ? 0 : ti < 750 ? 1 : 2)
		    : a <= 35 ? (ti < 400 ? 1 : ti < 970 ? 2 : 3)
		    : a <= 40 ? (ti < 200 ? 1 : ti < 850 ? 2 : 3)
		    : a <= 50 ? (ti < 100 ? 1 : ti < 650 ? 2 : 3)
			      : (ti < 500 ? 2 : ti < 980 || loc != LOC_URBAN ? 3 : 4);
	if (t->employment == EMP_SUBSTITUTE || t->employment == EMP_OTHER)
		title = title > 1 ? 1 : title;
	if (t->employment == EMP_SPECIAL_POST && title > 1)
		title = 1;
	xq_copy(t->title, sizeof t->title, titles[title]);

	/* backbone teachers: more in the towns and the city */
	int bb = tp ? 30 : rural ? 60 : loc == LOC_TOWN ? 115 : 150;
	if (a >= 28 && title >= 1 && t->employment == EMP_IN_POST && chance(r, bb)) {
		long l = rnd(r, 0, 999);
		t->backbone = l < 700 ? BB_COUNTY : l < 920 ? BB_CITY : l < 990 || loc != LOC_URBAN
									? BB_PROVINCE
									: BB_NATIONAL;
	}

	/* years at this school: about half six or more; many joined on 1 September */
	int k = chance(r, 500) ? (int)rnd(r, 0, 5) : (int)rnd(r, 6, 20);
	int maxk = a - (t->education == EDU_SECONDARY ? 19 : 22);
	if (t->employment == EMP_SPECIAL_POST && k > 3)
		k = (int)rnd(r, 0, 3);
	if (k > maxk)
		k = maxk < 0 ? 0 : maxk;
	long joined;
	if (chance(r, 600))
		joined = ymd(2026 - k, 9, 1);
	else if (k == 6 && chance(r, 300))
		joined = ymd(2020, 9, 2); /* a day short of six years */
	else
		joined = ymd(2026 - k, 9, 1) - rnd(r, 0, 364);
	if (joined < opened)
		joined = opened;
	put_date(t->joined_school_on, joined);
}

static int pick_leader(struct teacher *ts, const int *age, long n, int min_age, struct rng *r)
{
	for (int tries = 0; tries < 50; tries++) {
		long i = rnd(r, 0, n - 1);
		if (ts[i].post == POST_TEACHER && age[i] >= min_age)
			return (int)i;
	}
	for (long i = 0; i < n; i++)
		if (ts[i].post == POST_TEACHER)
			return (int)i;
	return 0;
}

static void make_leader(struct teacher *t, int age, int post, long opened, struct rng *r)
{
	t->post = post;
	t->employment = EMP_IN_POST;
	if (t->education == EDU_SECONDARY)
		t->education = EDU_JUNIOR_COLLEGE;
	if (strcmp(t->title, titles[0]) == 0 || strcmp(t->title, titles[1]) == 0)
		xq_copy(t->title, sizeof t->title, titles[2]);
	int y = (int)rnd(r, 1, 9); /* years in the post, not before 22 years of age */
	if (y > age - 22)
		y = age - 22 < 1 ? 1 : age - 22;
	long since = ymd(2026 - y, 9, 1) - (chance(r, 700) ? 0 : rnd(r, 1, 200));
	if (since < opened)
		since = opened;
	put_date(t->post_since, since);
	if (date_days(t->joined_school_on) > since || chance(r, 400))
		put_date(t->joined_school_on, since); /* came with the post */
}

void demo_staff(const struct school *s, long opened, struct rng *r, long n, struct teacher *ts,
		int *age)
{
	for (long i = 0; i < n; i++)
		make_teacher(s, opened, r, &ts[i], &age[i]);
	int p = pick_leader(ts, age, n, 38, r);
	make_leader(&ts[p], age[p], POST_PRINCIPAL, opened, r);
	for (int v = 0; v < (n >= 40 ? 2 : n >= 3 ? 1 : 0); v++) {
		p = pick_leader(ts, age, n, 32, r);
		make_leader(&ts[p], age[p], POST_VICE_PRINCIPAL, opened, r);
	}
}

bool demo_exemption(struct rng *r, const struct teacher *t, int age, struct exemption *e)
{
	if (t->post != POST_TEACHER || !chance(r, 50))
		return false;
	memset(e, 0, sizeof *e);
	xq_copy(e->staff_no, sizeof e->staff_no, t->staff_no);
	long k = rnd(r, 0, 999), start, end;
	if (t->gender == 'F' && age >= 24 && age <= 40)
		e->kind = k < 550 ? EXM_MATERNITY : k < 750 ? EXM_ILLNESS : k < 900 ? EXM_FAMILY
										     : EXM_OTHER;
	else
		e->kind = k < 400 ? EXM_ILLNESS : k < 800 ? EXM_FAMILY : EXM_OTHER;
	switch (e->kind) {
	case EXM_MATERNITY:
		start = rnd(r, ymd(2025, 3, 1), ymd(2026, 12, 31));
		end = start + rnd(r, 300, 420);
		break;
	case EXM_ILLNESS:
		start = rnd(r, ymd(2025, 1, 1), ymd(2026, 10, 31));
		end = start + rnd(r, 90, 540);
		break;
	case EXM_FAMILY: {
		static const int span[][2] = {{2025, 9}, {2026, 9}, {2026, 3}};
		int s = (int)rnd(r, 0, 2);
		start = ymd(span[s][0], span[s][1], 1);
		end = add_years(start, 1) - 1;
		break;
	}
	default:
		start = rnd(r, ymd(2025, 9, 1), ymd(2026, 9, 1));
		end = start + rnd(r, 180, 365);
		break;
	}
	if (e->kind != EXM_FAMILY && chance(r, 150)) { /* just over before the as-of date */
		end = date_days(DEMO_AS_OF) - rnd(r, 1, 10);
		start = end - rnd(r, 90, 365);
	}
	put_date(e->start_date, start);
	put_date(e->end_date, end);
	xq_copy(e->note, sizeof e->note, exemption_notes[e->kind][rnd(r, 0, 2)]);
	return true;
}

/* Size, rooms, areas and equipment of a school whose level and location are set, around
 * the national high-quality-balance lines; returns the number of teachers it has. */
long demo_figures(struct school *s, long lo, long hi, struct rng *r)
{
	int lv = s->level, loc = s->location;
	bool tp = lv == LEVEL_TEACHING_POINT, village = lv == LEVEL_PRIMARY && loc == LOC_RURAL;
	bool v9 = lv == LEVEL_NINE_YEAR && loc == LOC_RURAL;
	long n = rnd(r, lo, hi);
	if ((loc == LOC_TOWN || village) && chance(r, 120))
		n += n * rnd(r, 20, 40) / 100; /* a few bigger ones */
	s->students = n;
	bool small = tp || village || v9;
	long c;
	if (tp)
		c = (n + 10) / rnd(r, 16, 22);
	else if (village)
		c = n / rnd(r, 30, 42) + 1;
	else if (lv == LEVEL_NINE_YEAR)
		c = n / rnd(r, 38, 46) + 1;
	else
		c = (n + 44) / rnd(r, lv == LEVEL_JUNIOR ? 45 : 40, lv == LEVEL_JUNIOR ? 50 : 45);
	long cmin = tp ? 1 : village ? 6 : lv == LEVEL_NINE_YEAR ? 9 : 1;
	s->classes = c < cmin ? cmin : tp && c > 4 ? 4 : c;

	long quota = lv == LEVEL_JUNIOR ? (n * 2 + 13) / 27 : lv == LEVEL_NINE_YEAR ? (n + 8) / 16
									      : (n * 10 + 95) / 190;
	if (small && quota < s->classes * 3 / 2)
		quota = s->classes * 3 / 2;
	s->staff_quota = quota < 2 ? 2 : quota;

	/* teachers on the payroll: urban schools run short, small schools need more */
	long t = loc == LOC_URBAN  ? n * 10 / rnd(r, 180, 205)
		 : loc == LOC_TOWN ? n * 10 / rnd(r, 165, 185)
		 : v9	   ? n * 10 / rnd(r, 140, 160)
		 : village ? n * 10 / rnd(r, 140, 170)
				    : s->classes + rnd(r, 0, 1);
	if (village && t < s->classes + 1)
		t = s->classes + 1;
	long teachers = t < 2 ? 2 : t > 4 && tp ? 4 : t;

	/* per student: teaching rooms and sports grounds in tenths of m², equipment in yuan */
	long ta, sp, eq;
	if (lv == LEVEL_JUNIOR) {
		ta = loc == LOC_URBAN ? rnd(r, 50, 68) : rnd(r, 48, 72);
		sp = loc == LOC_URBAN ? rnd(r, 70, 115) : rnd(r, 85, 140);
		eq = loc == LOC_URBAN ? rnd(r, 2400, 3600) : rnd(r, 1900, 3000);
	} else if (lv == LEVEL_NINE_YEAR) {
		ta = rnd(r, 45, 65);
		sp = rnd(r, 75, 130);
		eq = loc == LOC_URBAN ? rnd(r, 2200, 3200) : rnd(r, 1800, 2800);
	} else if (tp) {
		ta = rnd(r, 50, 90);
		sp = rnd(r, 90, 200);
		eq = rnd(r, 900, 2000);
	} else {
		bool u = loc == LOC_URBAN, tw = loc == LOC_TOWN;
		ta = u ? rnd(r, 38, 55) : tw ? rnd(r, 40, 58) : rnd(r, 42, 66);
		sp = u ? rnd(r, 45, 85) : tw ? rnd(r, 65, 120) : rnd(r, 80, 160);
		eq = loc == LOC_URBAN	? rnd(r, 2000, 3200)
		     : loc == LOC_TOWN ? rnd(r, 1600, 2600)
				       : rnd(r, 1200, 2300);
	}
	s->teaching_area_m2 = (double)(n * ta / 10);
	s->sports_area_m2 = (double)(n * sp / 10);
	s->equipment_value_yuan = (double)((n * eq + 50) / 100 * 100);
	long mm = (n * rnd(r, 18, 30) + 500) / 1000;
	s->multimedia_rooms = tp ? rnd(r, 0, 1) : mm < 1 ? 1 : mm;
	s->music_rooms = loc == LOC_URBAN ? rnd(r, 2, 3) : loc == LOC_TOWN ? rnd(r, 1, 2)
			 : tp	  ? 0
					  : rnd(r, 0, 1);
	s->art_rooms = loc == LOC_URBAN ? rnd(r, 2, 3) : loc == LOC_TOWN ? rnd(r, 1, 2)
		       : tp	? 0
					: rnd(r, 0, 1);
	s->hardship = loc == LOC_URBAN ? 0 : loc == LOC_TOWN ? 1 : tp ? 3
							 : chance(r, 300) ? 3 : 2;
	return teachers;
}

static const char *const note_subjects[] = {"语文", "数学", "英语", "科学", "体育", "音乐", "美术"};

int demo_agreement(struct rng *r, const char *a, const char *b, struct agreement *ag,
		   struct activity act[6])
{
	static const int starts[][2] = {{2023, 9}, {2024, 3}, {2024, 9}, {2024, 9},
					{2025, 3}, {2025, 9}, {2025, 9}, {2026, 3}};
	int p = (int)rnd(r, 0, 7);
	long start = weekday(ymd(starts[p][0], starts[p][1], 1) + rnd(r, 0, 20));
	int years = starts[p][0] == 2023 ? 3 : (int)rnd(r, 2, 3);
	long end = add_years(start, years) - 1, asof = date_days(DEMO_AS_OF);
	put_date(ag->start_date, start);
	put_date(ag->end_date, end);
	int goal[3], ngoal = (int)rnd(r, 2, 3);
	for (int i = 0; i < ngoal; i++) {
		bool again;
		do {
			goal[i] = (int)rnd(r, 0, N(goals) - 1);
			again = false;
			for (int j = 0; j < i; j++)
				again |= goal[j] == goal[i];
		} while (again);
	}
	snprintf(ag->goals, sizeof ag->goals, "%s帮扶%s:%s;%s%s%s。", a, b, goals[goal[0]],
		 goals[goal[1]], ngoal > 2 ? ";" : "", ngoal > 2 ? goals[goal[2]] : "");

	/* activities between the start (after a fortnight) and the day before the as-of date */
	long lo = start + 14, hi = end < asof - 1 ? end : asof - 1, day[6];
	int n = (int)rnd(r, 2, 6), prev = -1;
	if (hi - lo < 60)
		n = 2;
	for (int i = 0; i < n; i++) {
		day[i] = hi > lo ? weekday(rnd(r, lo, hi)) : lo;
		if (day[i] > hi || day[i] < start)
			day[i] = hi > start ? hi : start;
		for (int j = i; j > 0 && day[j] < day[j - 1]; j--) {
			long t = day[j];
			day[j] = day[j - 1];
			day[j - 1] = t;
		}
	}
	for (int i = 0; i < n; i++) {
		memset(&act[i], 0, sizeof act[i]);
		put_date(act[i].date, day[i]);
		do
			act[i].kind = (int)rnd(r, ACT_LECTURE, ACT_MENTORING);
		while (act[i].kind == prev);
		prev = act[i].kind;
		char num[24];
		snprintf(num, sizeof num, "%ld", rnd(r, 2, 8));
		const char *vals[5] = {a, b, note_subjects[rnd(r, 0, N(note_subjects) - 1)], num,
				       topics[rnd(r, 0, N(topics) - 1)]};
		const char *tmpl = activity_notes[act[i].kind][rnd(r, 0, 2)];
		demo_subst(act[i].note, sizeof act[i].note, tmpl, vals);
	}
	return n;
}
