//! Chinese surnames: which characters start a personal name, and how a surname is read when
//! its character has several readings (曾 is Zeng as a surname, ceng elsewhere).
//!
//! Only the data and its lookups live here; building the romanised name is `names`' business.

/// Two-character surnames, tried before the single ones (欧阳 Ouyang, not 欧 Ou + 阳).
const COMPOUND: &[(&str, &str)] = &[
    ("欧阳", "ouyang"),
    ("司马", "sima"),
    ("诸葛", "zhuge"),
    ("上官", "shangguan"),
    ("东方", "dongfang"),
    ("皇甫", "huangfu"),
    ("令狐", "linghu"),
    ("慕容", "murong"),
    ("司徒", "situ"),
    ("公孙", "gongsun"),
    ("夏侯", "xiahou"),
    ("尉迟", "yuchi"),
    ("长孙", "zhangsun"),
    ("宇文", "yuwen"),
    ("澹台", "tantai"),
    ("端木", "duanmu"),
    ("万俟", "moqi"),
    ("轩辕", "xuanyuan"),
    ("呼延", "huyan"),
    ("闻人", "wenren"),
    ("申屠", "shentu"),
    ("西门", "ximen"),
    ("南宫", "nangong"),
    ("独孤", "dugu"),
    ("钟离", "zhongli"),
    ("单于", "chanyu"),
];

/// Surnames whose character reads otherwise in ordinary words: the surname reading.
const POLYPHONIC: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('区', "ou"),
    ('仇', "qiu"),
    ('查', "zha"),
    ('朴', "piao"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('秘', "bi"),
    ('召', "shao"),
    ('种', "chong"),
    ('繁', "po"),
    ('句', "gou"),
    ('员', "yun"),
    ('宿', "su"),
    ('薄', "bo"),
    ('长', "chang"),
    ('重', "chong"),
    ('尉', "wei"),
    ('隗', "wei"),
    ('谌', "chen"),
    ('沈', "shen"),
    ('任', "ren"),
    ('曲', "qu"),
    ('折', "she"),
    ('车', "che"),
    ('柏', "bai"),
    ('藏', "zang"),
    ('那', "na"),
    ('华', "hua"),
    ('葛', "ge"),
    ('殷', "yin"),
    ('莘', "shen"),
    ('牟', "mou"),
    ('阚', "kan"),
    ('都', "du"),
    ('和', "he"),
    ('石', "shi"),
    ('卜', "bu"),
    ('吕', "lü"),
    ('呂', "lü"),
    ('闭', "bi"),
    ('佴', "nai"),
    ('乜', "nie"),
];

/// Common single-character surnames (with the polyphonic ones above, they cover nearly every
/// name met in briefings). Traditional forms of the most common are included.
const SINGLE: &str = "\
王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭肖田董袁潘于蒋蔡余杜叶程苏魏\
丁姚卢姜崔钟谭陆汪范金廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严\
武戴莫孔向汤常温康施文牛樊邢安齐易乔伍庞颜倪庄聂章鲁岳詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮\
柯纪梅童凌毕季裴霍涂成苗谷盛翁冉骆蓝路游辛靳管柴蒙鲍喻祁蒲房滕屈饶艾尤阳时穆农司卓古吉简项\
连芦麦褚娄窦戚岑景党宫费冷晏席卫米宗瞿桂全佟应臧闵苟邬边卞姬师栾隋商刁沙荣巫寇桑郎甄丛仲虞\
敖巩明佘池麻苑迟邝官封谈匡鞠惠荆冀郁胥南班储原栗燕楚鄢劳奚皮粟冼蔺楼盘满闻位厉伊仝郜海花权\
强帅屠豆练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮普阙浦戈伏鹿邸雍辜羊乌母裘亓\
修邰赫杭况鲜印逯隆茹诸战慕危玉银亢嵩汲邴宓\
陳張劉黃趙吳孫許鄭謝馮鄧蕭葉蘇盧鍾譚陸賈韋鄒龍錢龔湯聶嚴楊顏賴蔣鄺魯";

/// The surname a Chinese name starts with, as (its characters' count, its reading if the
/// characters have a surname reading of their own), or `None` when the name does not start
/// with a known surname.
pub(super) fn surname(name: &str) -> Option<(usize, Option<&'static str>)> {
    if let Some((_, reading)) = COMPOUND.iter().find(|(s, _)| name.starts_with(s)) {
        return Some((2, Some(reading)));
    }
    let first = name.chars().next()?;
    if let Some((_, reading)) = POLYPHONIC.iter().find(|(c, _)| *c == first) {
        return Some((1, Some(reading)));
    }
    SINGLE.contains(first).then_some((1, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_surnames_compound_polyphonic_and_common() {
        assert_eq!(surname("欧阳修"), Some((2, Some("ouyang"))));
        assert_eq!(surname("曾庆红"), Some((1, Some("zeng"))));
        assert_eq!(surname("单霁翔"), Some((1, Some("shan"))));
        assert_eq!(surname("毛宁"), Some((1, None)));
        assert_eq!(surname("主持人"), None, "a role, not a name");
    }

    #[test]
    fn test_no_surname_is_listed_twice() {
        let mut seen = std::collections::HashSet::new();
        for c in SINGLE.chars() {
            assert!(seen.insert(c), "{c} twice in SINGLE");
            assert!(
                !POLYPHONIC.iter().any(|(p, _)| *p == c),
                "{c} in SINGLE and POLYPHONIC"
            );
        }
    }
}
