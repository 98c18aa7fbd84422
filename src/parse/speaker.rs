//! Speaker labels: the "Name, Title:" / "中新社记者：" / "MS. JEAN-PIERRE:" / "Q" that opens a turn.
//!
//! [`detect`] looks at the start of one paragraph and says who speaks, in which capacity, and
//! where the speech starts. It decides from the label alone; whether a *weak* label (a bare
//! name such as "Wu Haiping:" or "毛宁：") is accepted is up to the caller, which sees the
//! whole transcript (see `turns`).

use std::sync::LazyLock;

use regex::Regex;

use crate::analyze::script::is_han;

/// In what capacity someone speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// A reporter: their turns are questions.
    Reporter,
    /// An official: answers, or remarks when no question precedes.
    Official,
    /// A host or moderator: remarks.
    Moderator,
    /// An unnamed answer ("A:", "答：").
    Answer,
}

/// How sure the label is by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A bare name: accepted only if the transcript confirms it.
    Weak,
    /// A title, an honorific, a reporter's outlet, a capitalised WH-style label, Q/A.
    Strong,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub name: Option<String>,
    pub role: Option<String>,
    pub outlet: Option<String>,
    pub party: Party,
    pub strength: Strength,
}

/// A label found at the start of a paragraph and the speech after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected<'a> {
    pub label: Label,
    pub rest: &'a str,
}

/// Longest English label considered ("Wu Haiping, Director of the … of Customs" fits).
const MAX_LABEL_CHARS_EN: usize = 200;
/// Longest Chinese label considered ("国家知识产权局知识产权保护司司长张立新" fits).
const MAX_LABEL_CHARS_ZH: usize = 40;

static QUESTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Q|问)(?:\s*[:：.]|\s+|\s*[—–-]|\s*\(|$)").expect("valid regex")
});
static ANSWER_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:A|答)\s*[:：]").expect("valid regex"));
static REPORTER_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a |the )?(?:reporter|journalist|correspondent)s? (?:from|of|with|at) (?:the )?(.+)$").expect("valid regex")
});
static OUTLET_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)(?:'s|’s)? (?:reporter|journalist|correspondent)(?: (.+))?$")
        .expect("valid regex")
});

const HONORIFICS: &[&str] = &[
    "mr", "ms", "mrs", "miss", "mx", "dr", "madam", "madame", "sir",
];

/// Job titles: they make a label strong, and a name-part prefix of them is the role.
const TITLES: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "secretary",
    "minister",
    "director",
    "director-general",
    "deputy",
    "vice",
    "ambassador",
    "premier",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "professor",
    "prof",
    "general",
    "admiral",
    "commissioner",
    "governor",
    "mayor",
    "senator",
    "representative",
    "chief",
    "senior",
    "assistant",
    "acting",
    "administrator",
    "advisor",
    "adviser",
    "counselor",
    "counsellor",
    "councilor",
    "councillor",
    "head",
    "officer",
    "official",
    "manager",
    "envoy",
    "coordinator",
    "consul",
    "inspector",
    "auditor",
    "researcher",
    "fellow",
    "dean",
    "economist",
    "analyst",
    "engineer",
    "expert",
    "member",
    "leader",
    "commander",
    "captain",
    "colonel",
    "major",
    "lieutenant",
    "sergeant",
    "surgeon",
    "attorney",
    "judge",
    "justice",
    "congressman",
    "congresswoman",
    "press",
    "executive",
    "ceo",
    "founder",
    "partner",
    "principal",
    "superintendent",
    "undersecretary",
    "under",
    "associate",
    "special",
    "national",
    "security",
    "the",
    "first",
    "lady",
    "white",
    "house",
    "staff",
    "aide",
    "cabinet",
    "nsc",
    "prime",
];

/// Titles that are a speaker by themselves (Moderator:, 主持人：).
const GENERIC_ROLES: &[(&str, Party)] = &[
    ("moderator", Party::Moderator),
    ("host", Party::Moderator),
    ("presenter", Party::Moderator),
    ("chair", Party::Moderator),
    ("operator", Party::Moderator),
    ("master of ceremonies", Party::Moderator),
    ("mc", Party::Moderator),
    ("emcee", Party::Moderator),
    ("interpreter", Party::Official),
    ("translator", Party::Official),
    ("aide", Party::Official),
    ("white house aide", Party::Official),
    ("participant", Party::Official),
    ("the president", Party::Official),
    ("the vice president", Party::Official),
    ("the first lady", Party::Official),
];

/// Words that start sentences or headings, never names.
const NOT_NAMES: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "we",
    "i",
    "you",
    "she",
    "they",
    "our",
    "my",
    "his",
    "her",
    "their",
    "its",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "finally",
    "last",
    "next",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "here",
    "there",
    "and",
    "but",
    "so",
    "also",
    "note",
    "notes",
    "update",
    "summary",
    "background",
    "answer",
    "example",
    "examples",
    "result",
    "results",
    "conclusion",
    "key",
    "points",
    "point",
    "step",
    "part",
    "chapter",
    "section",
    "topic",
    "subject",
    "date",
    "time",
    "location",
    "venue",
    "title",
    "source",
    "editor",
    "photo",
    "transcript",
    "end",
    "re",
    "ps",
    "attention",
    "warning",
    "important",
    "please",
    "thank",
    "thanks",
    "question",
    "questions",
    "in",
    "on",
    "at",
    "for",
    "as",
    "if",
    "when",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "yes",
    "no",
    "well",
    "okay",
    "ok",
    "all",
    "some",
    "one",
    "two",
    "three",
    "new",
    "more",
    "other",
    "another",
    "correction",
    "clarification",
    "headline",
    "dateline",
    "agenda",
    "schedule",
    "contact",
    "email",
    "phone",
    "tel",
    "fax",
    "address",
    "website",
    "url",
];

const NAME_PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "bin", "binti", "al", "der", "la", "le", "du", "dos", "del", "y",
    "di",
];

const OUTLET_WORDS: &[&str] = &[
    "agency",
    "news",
    "daily",
    "times",
    "post",
    "tv",
    "television",
    "radio",
    "press",
    "broadcasting",
    "journal",
    "network",
    "media",
    "herald",
    "tribune",
    "gazette",
    "weekly",
    "magazine",
    "channel",
    "wire",
    "shimbun",
    "group",
    "review",
    "observer",
    "telegraph",
    "guardian",
    "economist",
    "newspaper",
    "paper",
    "online",
    "net",
    "report",
    "reports",
    "global",
    "today",
    "monitor",
    "standard",
    "broadcaster",
];

const KNOWN_OUTLETS: &[&str] = &[
    "afp",
    "reuters",
    "bloomberg",
    "cctv",
    "cgtn",
    "xinhua",
    "ap",
    "cnn",
    "bbc",
    "nhk",
    "efe",
    "tass",
    "kyodo",
    "yonhap",
    "nikkei",
    "sputnik",
    "ria novosti",
    "al jazeera",
    "prensa latina",
    "dpa",
    "ansa",
    "abc",
    "nbc",
    "cbs",
    "fox",
    "politico",
    "axios",
    "npr",
    "pbs",
    "rtv",
    "rt",
    "kbs",
    "mbc",
    "sbs",
    "tbs",
    "phoenix",
    "caixin",
    "yicai",
    "the paper",
    "bernama",
    "antara",
    "anadolu",
];

/// Chinese job-title endings: the name follows the last of them ("…新闻发言人寿小丽").
const ZH_TITLES: &[&str] = &[
    "发言人",
    "司长",
    "局长",
    "主任",
    "部长",
    "主席",
    "处长",
    "秘书长",
    "大使",
    "院长",
    "负责人",
    "总经理",
    "董事长",
    "书记",
    "委员",
    "专员",
    "总工程师",
    "总经济师",
    "总监",
    "所长",
    "署长",
    "厅长",
    "省长",
    "市长",
    "区长",
    "县长",
    "行长",
    "会长",
    "理事长",
    "教授",
    "研究员",
    "专家",
    "组长",
    "总裁",
    "参赞",
    "领事",
    "参事",
    "巡视员",
    "督察长",
    "干部",
    "代表",
    "首席",
    "经理",
    "队长",
    "馆长",
    "校长",
    "总编辑",
    "主编",
    "司令员",
    "政委",
    "总师",
    "科长",
    "站长",
    "关长",
    "总领事",
    "特使",
    "特别代表",
    "助理",
    "顾问",
    "部长助理",
    "主持人",
];

/// Common Chinese surnames: a bare two-to-four character label that starts with one may be a name.
const ZH_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

/// The label at the start of `paragraph`, if it has one.
pub fn detect(paragraph: &str) -> Option<Detected<'_>> {
    let p = paragraph.trim_start();
    if let Some(m) = QUESTION_MARK.find(p) {
        let rest = p[m.end()..].trim_start_matches([' ', '\t', '—', '–', '-']);
        return Some(Detected {
            label: Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Reporter,
                strength: Strength::Strong,
            },
            rest: rest.trim(),
        });
    }
    if let Some(m) = ANSWER_MARK.find(p) {
        return Some(Detected {
            label: Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Answer,
                strength: Strength::Strong,
            },
            rest: p[m.end()..].trim(),
        });
    }
    let (colon, colon_len) = p
        .char_indices()
        .take(MAX_LABEL_CHARS_EN + 1)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let raw = p[..colon].trim();
    let rest = p[colon + colon_len..].trim();
    let label = if raw.chars().any(is_han) {
        classify_chinese(raw)?
    } else {
        classify_english(raw)?
    };
    Some(Detected { label, rest })
}

fn classify_chinese(raw: &str) -> Option<Label> {
    let label: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if label.chars().count() > MAX_LABEL_CHARS_ZH
        || label
            .chars()
            .any(|c| !(is_han(c) || c.is_ascii_alphanumeric() || "、·•《》“”\"".contains(c)))
    {
        return None;
    }
    let strong = |name: Option<String>, role: Option<String>, outlet: Option<String>, party| {
        Some(Label {
            name,
            role,
            outlet,
            party,
            strength: Strength::Strong,
        })
    };
    match label.as_str() {
        "问" | "提问" | "记者问" | "记者提问" | "记者" => {
            return strong(None, None, None, Party::Reporter);
        }
        "答" => return strong(None, None, None, Party::Answer),
        "主持人" | "主持" => {
            return strong(Some("主持人".into()), None, None, Party::Moderator);
        }
        _ => {}
    }
    if let Some(at) = label.rfind("记者") {
        let outlet = label[..at]
            .trim_matches(['《', '》', '“', '”', '"'])
            .trim_end_matches('的');
        let after = label[at + "记者".len()..]
            .trim_end_matches("提问")
            .trim_end_matches('问');
        let name = is_han_name(after).then(|| after.to_string());
        let outlet = (!outlet.is_empty()).then(|| outlet.replace(['《', '》'], ""));
        return strong(name, None, outlet, Party::Reporter);
    }
    let title_end = ZH_TITLES
        .iter()
        .filter_map(|t| label.rfind(t).map(|at| at + t.len()))
        .max();
    if let Some(end) = title_end {
        // "外交部发言人汪文斌宣布：" introduces what the spokesperson announces.
        let name = ["宣布", "表示", "指出", "说", "介绍", "回答"]
            .iter()
            .fold(&label[end..], |n, verb| n.strip_suffix(verb).unwrap_or(n))
            .trim_end_matches("先生")
            .trim_end_matches("女士");
        if name.is_empty() && end < label.len() {
            // "习近平主席指出：" quotes someone inside a speech; it opens no turn.
            return None;
        }
        if name.is_empty() {
            return strong(Some(label.clone()), None, None, Party::Official);
        }
        if is_han_name(name) {
            return strong(
                Some(name.to_string()),
                Some(label[..end].to_string()),
                None,
                Party::Official,
            );
        }
        return None;
    }
    let bare = label.trim_end_matches("先生").trim_end_matches("女士");
    if is_han_name(bare) && starts_with_surname(bare) {
        return Some(Label {
            name: Some(bare.to_string()),
            role: None,
            outlet: None,
            party: Party::Official,
            strength: Strength::Weak,
        });
    }
    None
}

fn is_han_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n) && s.chars().all(|c| is_han(c) || c == '·')
}

fn starts_with_surname(name: &str) -> bool {
    name.chars().next().is_some_and(|c| ZH_SURNAMES.contains(c))
        || [
            "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯",
            "令狐",
        ]
        .iter()
        .any(|s| name.starts_with(s))
}

fn classify_english(raw: &str) -> Option<Label> {
    if raw.is_empty() || raw.chars().any(|c| "?!;\"“”()[]{}<>|/\\=+*#@".contains(c)) {
        return None;
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.len() > 30 || words.iter().any(|w| w.contains('.') && !is_dotted_word(w)) {
        return None;
    }
    let lower = raw.to_lowercase();
    if let Some(&(_, party)) = GENERIC_ROLES.iter().find(|(role, _)| *role == lower) {
        return Some(Label {
            name: Some(readable_case(raw)),
            role: None,
            outlet: None,
            party,
            strength: Strength::Strong,
        });
    }
    if let Some(label) = reporter_label(raw) {
        return Some(label);
    }
    if raw.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
        return capitals_label(&words);
    }
    mixed_case_label(raw)
}

fn is_dotted_word(w: &str) -> bool {
    let bare = w.trim_end_matches([',', '.']).to_lowercase();
    HONORIFICS.contains(&bare.as_str())
        || [
            "jr", "sr", "st", "prof", "gen", "adm", "sen", "rep", "gov", "amb",
        ]
        .contains(&bare.as_str())
        || w.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

fn reporter_label(raw: &str) -> Option<Label> {
    let reporter = |outlet: Option<String>, name: Option<String>| Label {
        name,
        role: None,
        outlet,
        party: Party::Reporter,
        strength: Strength::Strong,
    };
    let lower = raw.to_lowercase();
    if [
        "reporter",
        "journalist",
        "correspondent",
        "question",
        "questioner",
        "audience member",
    ]
    .contains(&lower.as_str())
    {
        return Some(reporter(None, None));
    }
    if let Some(c) = REPORTER_FROM.captures(raw) {
        let outlet = c[1].trim();
        return looks_like_outlet_name(outlet).then(|| reporter(Some(outlet.to_string()), None));
    }
    if let Some(c) = OUTLET_REPORTER.captures(raw) {
        let outlet = c[1].trim();
        let name = c.get(2).map(|m| m.as_str().trim());
        if !looks_like_outlet_name(outlet) || name.is_some_and(|n| !looks_like_name(n)) {
            return None;
        }
        return Some(reporter(Some(outlet.to_string()), name.map(str::to_string)));
    }
    if KNOWN_OUTLETS.contains(&lower.as_str()) {
        return Some(reporter(Some(raw.to_string()), None));
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if words.len() <= 6 && OUTLET_WORDS.contains(&last.as_str()) && looks_like_outlet_name(raw) {
        return Some(reporter(Some(raw.to_string()), None));
    }
    None
}

fn looks_like_outlet_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let first = words[0].to_lowercase();
    if [
        "a", "an", "our", "your", "this", "that", "my", "his", "her", "their", "i", "we",
    ]
    .contains(&first.as_str())
        || (first == "the" && words.len() == 1)
    {
        return false;
    }
    words.iter().all(|w| {
        let l = w.to_lowercase();
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || ["of", "the", "and", "for", "de", "&", "on"].contains(&l.as_str())
    })
}

fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let l = w.trim_end_matches('.').to_lowercase();
            (w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&l.as_str()))
                || NAME_PARTICLES.contains(&l.as_str())
        })
}

/// "MS. JEAN-PIERRE", "SECRETARY MAYORKAS", "SENIOR ADMINISTRATION OFFICIAL", "MODERATOR".
fn capitals_label(words: &[&str]) -> Option<Label> {
    if words.len() > 7 {
        return None;
    }
    let first = words[0].trim_end_matches('.').to_lowercase();
    let honorific = HONORIFICS.contains(&first.as_str());
    let rest: &[&str] = if honorific { &words[1..] } else { words };
    if rest.is_empty() {
        return None;
    }
    let lower: Vec<String> = rest
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if rest.len() == 1 && !honorific && NOT_NAMES.contains(&lower[0].as_str()) {
        return None;
    }
    let titled = lower
        .iter()
        .take_while(|w| TITLES.contains(&w.as_str()))
        .count();
    let name_has_title = lower[titled..].iter().any(|w| TITLES.contains(&w.as_str()));
    let (role, name) = if honorific
        || titled == 0
        || titled == rest.len()
        || name_has_title
        || lower[titled - 1] == "the"
    {
        (None, readable_case(&rest.join(" ")))
    } else {
        (
            Some(readable_case(&rest[..titled].join(" "))),
            readable_case(&rest[titled..].join(" ")),
        )
    };
    let strong =
        honorific || words.len() >= 2 || lower.iter().any(|w| TITLES.contains(&w.as_str()));
    Some(Label {
        name: Some(name),
        role,
        outlet: None,
        party: Party::Official,
        strength: if strong {
            Strength::Strong
        } else {
            Strength::Weak
        },
    })
}

/// "Wu Haiping, Director of …", "Spokesperson Wang Wenbin", "Ms. Halverson", "Wu Haiping".
fn mixed_case_label(raw: &str) -> Option<Label> {
    let (name_part, role_part) = match raw.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r.trim())),
        None => (raw, None),
    };
    let mut words: Vec<&str> = name_part.split_whitespace().collect();
    let honorific = words
        .first()
        .is_some_and(|w| HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str()));
    if honorific {
        words.remove(0);
    }
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let last_title = lower
        .iter()
        .rposition(|w| TITLES.contains(&w.as_str()) && w != "the");
    let (title_words, name_words) = match last_title {
        Some(t) if t + 1 < words.len() => (&words[..=t], &words[t + 1..]),
        _ => (&words[..0], &words[..]),
    };
    let name = name_words.join(" ");
    if !looks_like_name(&name) {
        return None;
    }
    let prefix_role = (!title_words.is_empty()).then(|| title_words.join(" "));
    let role = match role_part {
        Some(r) if is_role(r) => Some(match &prefix_role {
            Some(p) => format!("{p}, {r}"),
            None => r.to_string(),
        }),
        Some(_) => return None,
        None => prefix_role,
    };
    let strong = honorific || role.is_some();
    if name_words.len() == 1 && !strong {
        return None;
    }
    Some(Label {
        name: Some(name),
        role,
        outlet: None,
        party: Party::Official,
        strength: if strong {
            Strength::Strong
        } else {
            Strength::Weak
        },
    })
}

fn is_role(role: &str) -> bool {
    let words: Vec<String> = role
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    !words.is_empty()
        && words.len() <= 30
        && !["i", "we", "you", "he", "she", "they", "it", "i'm", "we're"]
            .contains(&words[0].as_str())
        && words
            .iter()
            .any(|w| TITLES.contains(&w.as_str()) && w != "the" && w != "white" && w != "house")
}

/// "JEAN-PIERRE" → "Jean-Pierre", "MCDONOUGH" → "McDonough", "O'ROURKE" → "O'Rourke".
pub fn readable_case(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.iter().any(|c| c.is_lowercase()) {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(s.len());
    let mut start_of_word = true;
    let mut word = String::new();
    for c in s.chars() {
        if c.is_alphabetic() {
            if start_of_word {
                out.extend(c.to_uppercase());
                word.clear();
            } else {
                out.extend(c.to_lowercase());
            }
            word.extend(c.to_lowercase());
            start_of_word = false;
            if word == "mc" {
                start_of_word = true;
            }
        } else {
            start_of_word = true;
            out.push(if c.is_whitespace() { ' ' } else { c });
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    type Found = (
        Option<String>,
        Option<String>,
        Option<String>,
        Party,
        Strength,
        String,
    );

    fn label(p: &str) -> Option<Found> {
        detect(p).map(|d| {
            (
                d.label.name,
                d.label.role,
                d.label.outlet,
                d.label.party,
                d.label.strength,
                d.rest.to_string(),
            )
        })
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn test_official_with_title_on_its_own_line() {
        assert_eq!(
            label(
                "Wu Haiping, Director of the Comprehensive Business Department of the General Administration of Customs:"
            ),
            Some((
                s("Wu Haiping"),
                s(
                    "Director of the Comprehensive Business Department of the General Administration of Customs"
                ),
                None,
                Party::Official,
                Strength::Strong,
                String::new()
            ))
        );
    }

    #[test]
    fn test_bare_name_is_weak_and_keeps_inline_speech() {
        assert_eq!(
            label("Wu Haiping: Thank you for your question."),
            Some((
                s("Wu Haiping"),
                None,
                None,
                Party::Official,
                Strength::Weak,
                "Thank you for your question.".into()
            ))
        );
    }

    #[test]
    fn test_reporters_carry_their_outlet() {
        let outlet = |p: &str| label(p).map(|l| (l.2, l.3));
        assert_eq!(
            outlet("Reporter from China News Agency:"),
            Some((s("China News Agency"), Party::Reporter))
        );
        assert_eq!(
            outlet("Southern Daily reporter:"),
            Some((s("Southern Daily"), Party::Reporter))
        );
        assert_eq!(outlet("Southern Daily reporter’s question:"), None);
        assert_eq!(
            outlet("The Paper reporter:"),
            Some((s("The Paper"), Party::Reporter))
        );
        assert_eq!(
            outlet("AFP: Will China respond?"),
            Some((s("AFP"), Party::Reporter))
        );
        assert_eq!(
            outlet("Global Times: Thank you."),
            Some((s("Global Times"), Party::Reporter))
        );
        assert_eq!(outlet("中新社记者："), Some((s("中新社"), Party::Reporter)));
        assert_eq!(
            outlet("总台央视记者：请问……"),
            Some((s("总台央视"), Party::Reporter))
        );
        assert_eq!(
            outlet("21世纪经济报道记者："),
            Some((s("21世纪经济报道"), Party::Reporter))
        );
    }

    #[test]
    fn test_white_house_capitals() {
        let who = |p: &str| label(p).map(|l| (l.0, l.1, l.4));
        assert_eq!(
            who("MS. JEAN-PIERRE:  Good afternoon."),
            Some((s("Jean-Pierre"), None, Strength::Strong))
        );
        assert_eq!(
            who("MR. KIRBY: Thanks."),
            Some((s("Kirby"), None, Strength::Strong))
        );
        assert_eq!(
            who("SECRETARY MAYORKAS: Thank you."),
            Some((s("Mayorkas"), s("Secretary"), Strength::Strong))
        );
        assert_eq!(
            who("ACTING ADMINISTRATOR SLAVITT: Yes."),
            Some((s("Slavitt"), s("Acting Administrator"), Strength::Strong))
        );
        assert_eq!(
            who("SENIOR ADMINISTRATION OFFICIAL:  So,"),
            Some((s("Senior Administration Official"), None, Strength::Strong))
        );
        assert_eq!(
            who("THE PRESIDENT: Folks,"),
            Some((s("The President"), None, Strength::Strong))
        );
        assert_eq!(
            who("MODERATOR: Next."),
            Some((s("Moderator"), None, Strength::Strong))
        );
        assert_eq!(
            label("MODERATOR: Next.").map(|l| l.3),
            Some(Party::Moderator)
        );
        assert_eq!(who("NOTE: this is not a speaker"), None);
    }

    #[test]
    fn test_q_and_a_marks() {
        let mark = |p: &str| label(p).map(|l| (l.3, l.5));
        assert_eq!(
            mark("Q    Thank you, Karine."),
            Some((Party::Reporter, "Thank you, Karine.".into()))
        );
        assert_eq!(
            mark("Q: And the tariffs?"),
            Some((Party::Reporter, "And the tariffs?".into()))
        );
        assert_eq!(
            mark("Q    — on the deal"),
            Some((Party::Reporter, "on the deal".into()))
        );
        assert_eq!(
            mark("A: We will."),
            Some((Party::Answer, "We will.".into()))
        );
        assert_eq!(
            mark("问：中方对此有何评论？"),
            Some((Party::Reporter, "中方对此有何评论？".into()))
        );
        assert_eq!(
            mark("答：中方的立场是一贯的。"),
            Some((Party::Answer, "中方的立场是一贯的。".into()))
        );
        assert_eq!(mark("Quite right: we agree."), None);
    }

    #[test]
    fn test_titles_before_the_name_become_the_role() {
        let who = |p: &str| label(p).map(|l| (l.0, l.1, l.4));
        assert_eq!(
            who("Spokesperson Wang Wenbin:"),
            Some((s("Wang Wenbin"), s("Spokesperson"), Strength::Strong))
        );
        assert_eq!(
            who("Foreign Ministry Spokesperson Wang Wenbin: Good afternoon."),
            Some((
                s("Wang Wenbin"),
                s("Foreign Ministry Spokesperson"),
                Strength::Strong
            ))
        );
        assert_eq!(
            who("Ms. Halverson: Thanks."),
            Some((s("Halverson"), None, Strength::Strong))
        );
        assert_eq!(
            who("Moderator:"),
            Some((s("Moderator"), None, Strength::Strong))
        );
    }

    #[test]
    fn test_chinese_officials() {
        let who = |p: &str| label(p).map(|l| (l.0, l.1, l.3, l.4));
        assert_eq!(
            who("海关总署口岸监管司副司长林桥："),
            Some((
                s("林桥"),
                s("海关总署口岸监管司副司长"),
                Party::Official,
                Strength::Strong
            ))
        );
        assert_eq!(
            who("商务部新闻发言人贺云：大家好。"),
            Some((
                s("贺云"),
                s("商务部新闻发言人"),
                Party::Official,
                Strength::Strong
            ))
        );
        assert_eq!(
            who("毛宁：应国家主席邀请"),
            Some((s("毛宁"), None, Party::Official, Strength::Weak))
        );
        assert_eq!(
            who("外交部发言人汪文斌宣布："),
            Some((
                s("汪文斌"),
                s("外交部发言人"),
                Party::Official,
                Strength::Strong
            ))
        );
        assert_eq!(
            who("主持人：请提问。"),
            Some((s("主持人"), None, Party::Moderator, Strength::Strong))
        );
    }

    #[test]
    fn test_sentences_ending_in_a_colon_are_not_labels() {
        for p in [
            "The following are some factual records:",
            "At present, we mainly focus on the following aspects of service work:",
            "Our work this year focuses on the following three aspects:",
            "Last night, the President laid out four key goals for the path ahead:",
            "The first goal: protect against and treat COVID.",
            "Today, I'm joined by:",
            "Key Points: exports rose.",
            "In 2023: a record year.",
            "10:40 A.M. EST",
            "今年，我们重点做好以下三方面工作：",
            "一是：加强监管。",
            "他说：我们会继续努力。",
            "习近平主席指出：",
            "王毅部长表示：",
            "具体来说：",
        ] {
            assert_eq!(label(p), None, "{p}");
        }
    }

    #[test]
    fn test_readable_case() {
        assert_eq!(readable_case("JEAN-PIERRE"), "Jean-Pierre");
        assert_eq!(readable_case("MCDONOUGH"), "McDonough");
        assert_eq!(readable_case("O'ROURKE"), "O'Rourke");
        assert_eq!(readable_case("Wu Haiping"), "Wu Haiping");
    }
}
