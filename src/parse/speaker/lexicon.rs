//! Word lists the speaker-label rules consult: honorifics, job titles, outlets, surnames.
//!
//! Data only; the rules that use them are in `english` and `chinese`.

use super::Party;

#[rustfmt::skip]
pub(super) const HONORIFICS: &[&str] = &[
    "mr", "ms", "mrs", "miss", "mx", "dr", "madam", "madame", "sir",
];

/// Job titles: they make a label strong, and a name-part prefix of them is the role.
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "spokesperson", "spokesman", "spokeswoman", "secretary", "minister", "director",
    "director-general", "deputy", "vice", "ambassador", "premier", "president", "chairman",
    "chairwoman", "chair", "chairperson", "professor", "prof", "general", "admiral", "commissioner",
    "governor", "mayor", "senator", "representative", "chief", "senior", "assistant", "acting",
    "administrator", "advisor", "adviser", "counselor", "counsellor", "councilor", "councillor",
    "head", "officer", "official", "manager", "envoy", "coordinator", "consul", "inspector",
    "auditor", "researcher", "fellow", "dean", "economist", "analyst", "engineer", "expert",
    "member", "leader", "commander", "captain", "colonel", "major", "lieutenant", "sergeant",
    "surgeon", "attorney", "judge", "justice", "congressman", "congresswoman", "press", "executive",
    "ceo", "founder", "partner", "principal", "superintendent", "undersecretary", "under",
    "associate", "special", "national", "security", "the", "first", "lady", "white", "house",
    "staff", "aide", "cabinet", "nsc", "prime",
];

/// Titles that are a speaker by themselves (Moderator:, 主持人：).
#[rustfmt::skip]
pub(super) const GENERIC_ROLES: &[(&str, Party)] = &[
    ("moderator", Party::Moderator), ("host", Party::Moderator), ("presenter", Party::Moderator),
    ("chair", Party::Moderator), ("operator", Party::Moderator),
    ("master of ceremonies", Party::Moderator), ("mc", Party::Moderator),
    ("emcee", Party::Moderator), ("interpreter", Party::Official), ("translator", Party::Official),
    ("aide", Party::Official), ("white house aide", Party::Official),
    ("participant", Party::Official), ("the president", Party::Official),
    ("the vice president", Party::Official), ("the first lady", Party::Official),
];

/// Words that start sentences or headings, never names.
#[rustfmt::skip]
pub(super) const NOT_NAMES: &[&str] = &[
    "the", "this", "that", "these", "those", "it", "we", "i", "you", "she", "they", "our", "my",
    "his", "her", "their", "its", "first", "second", "third", "fourth", "fifth", "finally", "last",
    "next", "today", "yesterday", "tomorrow", "now", "here", "there", "and", "but", "so", "also",
    "note", "notes", "update", "summary", "background", "answer", "example", "examples", "result",
    "results", "conclusion", "key", "points", "point", "step", "part", "chapter", "section",
    "topic", "subject", "date", "time", "location", "venue", "title", "source", "editor", "photo",
    "transcript", "end", "re", "ps", "attention", "warning", "important", "please", "thank",
    "thanks", "question", "questions", "in", "on", "at", "for", "as", "if", "when", "what", "why",
    "how", "who", "where", "which", "yes", "no", "well", "okay", "ok", "all", "some", "one", "two",
    "three", "new", "more", "other", "another", "correction", "clarification", "headline",
    "dateline", "agenda", "schedule", "contact", "email", "phone", "tel", "fax", "address",
    "website", "url", "look", "listen", "again", "lastly", "thus", "additionally", "interestingly",
    "fundamentally", "meanwhile", "however", "moreover", "furthermore", "importantly",
    "specifically", "instead", "indeed", "overall", "ultimately", "obviously", "clearly",
    "frankly", "honestly", "remember", "bottom", "reminder", "announcement", "announcements",
];

#[rustfmt::skip]
pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "bin", "binti", "al", "der", "la", "le", "du", "dos", "del", "y",
    "di",
];

#[rustfmt::skip]
pub(super) const OUTLET_WORDS: &[&str] = &[
    "agency", "news", "daily", "times", "post", "tv", "television", "radio", "press",
    "broadcasting", "journal", "network", "media", "herald", "tribune", "gazette", "weekly",
    "magazine", "channel", "wire", "shimbun", "group", "review", "observer", "telegraph",
    "guardian", "economist", "newspaper", "paper", "online", "net", "report", "reports", "global",
    "today", "monitor", "standard", "broadcaster",
];

#[rustfmt::skip]
pub(super) const KNOWN_OUTLETS: &[&str] = &[
    "afp", "reuters", "bloomberg", "cctv", "cgtn", "xinhua", "ap", "cnn", "bbc", "nhk", "efe",
    "tass", "kyodo", "yonhap", "nikkei", "sputnik", "ria novosti", "al jazeera", "prensa latina",
    "dpa", "ansa", "abc", "nbc", "cbs", "fox", "politico", "axios", "npr", "pbs", "rtv", "rt",
    "kbs", "mbc", "sbs", "tbs", "phoenix", "caixin", "yicai", "the paper", "bernama", "antara",
    "anadolu",
];

/// Chinese job-title endings: the name follows the last of them ("…新闻发言人寿小丽").
#[rustfmt::skip]
pub(super) const ZH_TITLES: &[&str] = &[
    "发言人", "司长", "局长", "主任", "部长", "主席", "处长", "秘书长", "大使", "院长", "负责人", "总经理", "董事长", "书记", "委员",
    "专员", "总工程师", "总经济师", "总监", "所长", "署长", "厅长", "省长", "市长", "区长", "县长", "行长", "会长", "理事长", "教授",
    "研究员", "专家", "组长", "总裁", "参赞", "领事", "参事", "巡视员", "督察长", "干部", "代表", "首席", "经理", "队长", "馆长",
    "校长", "总编辑", "主编", "司令员", "政委", "总师", "科长", "站长", "关长", "总领事", "特使", "特别代表", "助理", "顾问", "部长助理",
    "主持人", "长官", "主委", "次长", "政务官",
];

/// Common Chinese surnames: a bare two-to-four character label that starts with one may be a name.
pub(super) const ZH_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";
