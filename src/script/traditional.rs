//! Traditional Chinese read like simplified, for matching labels, titles and outlet names.
//!
//! Transcripts from Taiwan and Hong Kong write `發言人梁文傑：`, `記者：`, `問：`; the label
//! rules are written once, in simplified characters, and see the folded text. Only matching is
//! folded: names, roles and outlets keep the characters the transcript wrote. Every pair maps a
//! three-byte character to a three-byte character, so a byte offset found in the folded text
//! is the same offset in the original.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Traditional → simplified, for the characters of labels, job titles, outlet names and
/// common surnames. Characters whose traditional form is also an ordinary simplified
/// character with another use (乾, 著, 於, 後 as a surname…) are left out on purpose.
#[rustfmt::skip]
const PAIRS: &[(char, char)] = &[
    ('發', '发'), ('記', '记'), ('問', '问'), ('會', '会'), ('長', '长'), ('處', '处'), ('員', '员'),
    ('總', '总'), ('經', '经'), ('書', '书'), ('專', '专'), ('導', '导'), ('務', '务'), ('關', '关'),
    ('廳', '厅'), ('區', '区'), ('縣', '县'), ('館', '馆'), ('領', '领'), ('參', '参'), ('贊', '赞'),
    ('顧', '顾'), ('組', '组'), ('隊', '队'), ('師', '师'), ('編', '编'), ('輯', '辑'), ('監', '监'),
    ('議', '议'), ('東', '东'), ('華', '华'), ('國', '国'), ('報', '报'), ('視', '视'), ('衛', '卫'),
    ('電', '电'), ('臺', '台'), ('聞', '闻'), ('廣', '广'), ('網', '网'), ('雜', '杂'), ('誌', '志'),
    ('際', '际'), ('濟', '济'), ('財', '财'), ('團', '团'), ('體', '体'), ('聯', '联'), ('眾', '众'),
    ('觀', '观'), ('點', '点'), ('評', '评'), ('論', '论'), ('訊', '讯'), ('傳', '传'), ('灣', '湾'),
    ('陸', '陆'), ('蘭', '兰'), ('門', '门'), ('興', '兴'), ('鳳', '凤'), ('亞', '亚'), ('歐', '欧'),
    ('羅', '罗'), ('韓', '韩'), ('紐', '纽'), ('約', '约'), ('時', '时'), ('郵', '邮'), ('爾', '尔'),
    ('盧', '卢'), ('達', '达'), ('倫', '伦'), ('義', '义'), ('葉', '叶'), ('蘇', '苏'), ('鄭', '郑'),
    ('謝', '谢'), ('馮', '冯'), ('鄧', '邓'), ('蕭', '萧'), ('呂', '吕'), ('鍾', '钟'), ('譚', '谭'),
    ('賈', '贾'), ('韋', '韦'), ('鄒', '邹'), ('龍', '龙'), ('錢', '钱'), ('龔', '龚'), ('湯', '汤'),
    ('聶', '聂'), ('嚴', '严'), ('陳', '陈'), ('張', '张'), ('劉', '刘'), ('黃', '黄'), ('楊', '杨'),
    ('趙', '赵'), ('吳', '吴'), ('孫', '孙'), ('馬', '马'), ('許', '许'), ('閻', '阎'), ('顏', '颜'),
    ('賴', '赖'), ('蔣', '蒋'), ('鄺', '邝'), ('魯', '鲁'), ('傑', '杰'), ('偉', '伟'), ('強', '强'),
    ('軍', '军'), ('輝', '辉'), ('榮', '荣'), ('鵬', '鹏'), ('劍', '剑'), ('寧', '宁'), ('濤', '涛'),
    ('潔', '洁'), ('麗', '丽'), ('紅', '红'), ('藍', '蓝'), ('鄉', '乡'), ('鎮', '镇'), ('莊', '庄'),
    ('運', '运'), ('農', '农'), ('貿', '贸'), ('產', '产'), ('業', '业'), ('職', '职'), ('應', '应'),
    ('黨', '党'), ('對', '对'), ('說', '说'), ('請', '请'), ('題', '题'), ('為', '为'), ('與', '与'),
    ('從', '从'), ('們', '们'), ('還', '还'), ('進', '进'), ('現', '现'), ('實', '实'), ('將', '将'),
    ('兩', '两'), ('變', '变'), ('機', '机'), ('構', '构'), ('環', '环'), ('護', '护'), ('醫', '医'),
    ('療', '疗'), ('藥', '药'), ('學', '学'), ('數', '数'), ('據', '据'), ('證', '证'), ('險', '险'),
    ('稅', '税'), ('銀', '银'), ('鐵', '铁'), ('車', '车'), ('飛', '飞'), ('戰', '战'), ('級', '级'),
    ('設', '设'), ('計', '计'), ('劃', '划'), ('辦', '办'), ('決', '决'), ('邊', '边'), ('島', '岛'),
    ('峽', '峡'), ('諮', '咨'), ('詢', '询'), ('訪', '访'), ('預', '预'), ('補', '补'), ('續', '续'),
    ('號', '号'), ('佈', '布'), ('談', '谈'), ('話', '话'), ('稱', '称'), ('講', '讲'), ('蘋', '苹'),
    ('聲', '声'), ('訴', '诉'), ('調', '调'), ('檢', '检'),
];

/// [`PAIRS`] sorted by the traditional character, for binary search.
static SORTED: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut pairs = PAIRS.to_vec();
    pairs.sort_unstable();
    pairs
});

fn simplified(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    SORTED
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| SORTED[i].1)
}

/// `text` with traditional characters folded to simplified (same byte offsets).
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| simplified(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(simplified).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_folding_keeps_byte_offsets() {
        for (t, s) in PAIRS {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t} → {s}");
            assert_ne!(t, s);
        }
        let mut traditional: Vec<char> = PAIRS.iter().map(|p| p.0).collect();
        traditional.sort_unstable();
        traditional.dedup();
        assert_eq!(traditional.len(), PAIRS.len(), "each character once");
        let text = "發言人梁文傑：記者問";
        assert_eq!(fold(text), "发言人梁文杰：记者问");
        assert_eq!(fold(text).len(), text.len());
    }

    #[test]
    fn test_simplified_text_is_borrowed_unchanged() {
        assert!(matches!(
            fold("外交部发言人毛宁：Reuters"),
            Cow::Borrowed(_)
        ));
    }
}
