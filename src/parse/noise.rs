//! Web-page noise in transcripts: photo captions, credits, footers, time stamps, stage notes.
//!
//! Every rule here is conservative: it matches a whole short paragraph of a known shape, never
//! a long one, because dropping real speech is worse than keeping a stray credit line. Each
//! rule is tested in both directions.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::dates;

/// Why a paragraph is not speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noise {
    /// "Press conference venue (photographed by Liu Jian)", "发布会现场（摄影：张伟）".
    Caption,
    /// "Editor/Dai Jun", "责任编辑：王小川", "【纠错】".
    Credit,
    /// "Copyright …", "版权所有 …", breadcrumbs, "打印本页 关闭窗口".
    Footer,
    /// "10:40 A.M. EST", "END 11:45 A.M. EST".
    Timestamp,
    /// A paragraph that is only a stage note: "(Laughter.)", "(Cross-talk.)".
    StageNote,
    /// A paragraph that is only a date: "2023年9月5日".
    Dateline,
}

impl Noise {
    /// Credits and footers mark the end of the transcript on scraped pages.
    pub(crate) fn ends_transcript(self) -> bool {
        matches!(self, Noise::Credit | Noise::Footer)
    }
}

static CAPTION_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[(\[]\s*(?:photographed by|photo by|photos by|photo:|photo credit:|photographer:|picture by|image:|pictured:)\s*[^()\[\]]{1,60}[)\]]\s*$").expect("valid regex")
});
static CAPTION_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]\s*(?:(?:摄影|图片|图|供图|摄)\s*[：:/／]?\s*[^（）()]{1,30}|[^（）()]{1,30}\s*摄)\s*[）)]\s*$").expect("valid regex")
});
static CREDIT_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:source|producer|reviewer|editor|editors|art editor|proofreader|photographer|photo editor|executive editor|chief editor|responsible editor|editor in charge|copy editor|translator|compiler|designer|layout|video|camera|planner|coordinator)\s*[/／:：]\s*\S").expect("valid regex")
});
static CREDIT_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【\[]?\s*(?:来源|责任编辑|编辑|审核|审校|校对|摄影|图片|出品|监制|制作|策划|统筹|终审|主编|值班编辑|视频|设计|翻译|供稿|初审|复审|责编)\s*[：:/／]\s*\S").expect("valid regex")
});
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*[【\[][^【】\[\]]{1,24}[】\]]\s*)+$").expect("valid regex")
});
static SITE_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:打印本页|关闭窗口|返回顶部|上一篇|下一篇|分享到|相关新闻|扫一扫|字号[：:]|【打印】|【关闭】|联系我们|网站地图|Print\b|Close\b|Back to top|Share\b|Related\b|Contact us\b|Sitemap\b|Site map\b)").expect("valid regex")
});
/// A site's address block: "Address: No. 2, Chaoyangmen Nandajie …", "Tel: 86-10-…", "地址：…".
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:address|tel|telephone|fax|e-?mail|postcode|zip code|地址|电话|传真|邮编|邮箱)\s*[:：]\s*\S|(?:ICP备|公网安备|网站标识码)").expect("valid regex")
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright|©|\(c\)\s*\d{4})|all rights reserved|版权所有")
        .expect("valid regex")
});
static COMPANY_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|\(c\)|\b\d{4}\b|\b(?:co|ltd|inc|llc|corp|corporation|company|group|limited)\b|all rights").expect("valid regex")
});
/// "Updated: June 3, 2027 19:30", "发布时间：2027-06-03 19:30": when the page was published.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last updated|updated|published|posted|release time|发布时间|更新时间|发布日期)\s*[:：]?\s*").expect("valid regex")
});
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}(?::\d{2})?\b").expect("valid regex"));
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:END\.?\s*)?(?:\d{1,2}:\d{2}\s*[AaPp]\.?\s*[Mm]\.?(?:\s+[A-Z]{2,4})?)?$")
        .expect("valid regex")
});
static STAGE_NOTE_PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[(（\[][^()（）\[\]]{1,100}[)）\]]\s*)+$").expect("valid regex")
});
static STAGE_NOTE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    let note = r"(?:laughter|laughs?|laughing|applause|cross-?talk(?: (?:by|from) reporters)?|inaudibles?|unintelligible|coughs?|sighs?|pause|off[- ]mic|audio (?:break|drops)|technical difficulties|speaks in [a-z]+)";
    Regex::new(&format!(
        r"(?i)\s*[(\[]{note}(?:(?:,| and) {note})*\.?[)\]]"
    ))
    .expect("valid regex")
});

/// What kind of noise `paragraph` is, if it is noise at all.
pub(crate) fn classify(paragraph: &str) -> Option<Noise> {
    let p = paragraph.trim();
    let chars = p.chars().count();
    if p.is_empty() {
        return None;
    }
    if TIMESTAMP.is_match(p) {
        return Some(Noise::Timestamp);
    }
    if chars <= 200 && (CAPTION_EN.is_match(p) || CAPTION_ZH.is_match(p)) {
        return Some(Noise::Caption);
    }
    if chars <= 60 && p.starts_with("图为") {
        return Some(Noise::Caption);
    }
    if chars <= 100 && is_credit(p) {
        return Some(Noise::Credit);
    }
    if chars <= 200 && is_footer(p) {
        return Some(Noise::Footer);
    }
    if chars <= 120 && STAGE_NOTE_PARAGRAPH.is_match(p) {
        return Some(Noise::StageNote);
    }
    if dates::is_only_a_date(p) || is_publication_stamp(p) {
        return Some(Noise::Dateline);
    }
    None
}

/// Whether a paragraph on a page's tail (after the transcript's credits) is site left-over:
/// short, and not a sentence of speech.
pub(crate) fn is_site_leftover(paragraph: &str) -> bool {
    let p = paragraph.trim();
    p.chars().count() <= 200
}

fn is_publication_stamp(p: &str) -> bool {
    let Some(m) = PUBLISHED.find(p).filter(|_| p.chars().count() <= 60) else {
        return false;
    };
    dates::is_only_a_date(&CLOCK.replace_all(&p[m.end()..], ""))
}

fn is_credit(p: &str) -> bool {
    if BRACKETED.is_match(p) {
        return true;
    }
    let value_is_short = |value: &str| {
        let value = value.trim();
        value.split_whitespace().count() <= 8
            && !value.ends_with(['?', '？', '。', '!', '！'])
            && !value.contains(['，', '。'])
    };
    // Both patterns end with the first character of the value.
    let value_start = |end: usize| p[..end].char_indices().last().map_or(0, |(i, _)| i);
    [&*CREDIT_EN, &*CREDIT_ZH]
        .iter()
        .find_map(|re| re.find(p))
        .is_some_and(|m| value_is_short(&p[value_start(m.end())..]))
}

fn is_footer(p: &str) -> bool {
    if SITE_CHROME.is_match(p) || (p.chars().count() <= 120 && CONTACT.is_match(p)) {
        return true;
    }
    if COPYRIGHT.is_match(p) {
        let starts_as_notice = p.starts_with('©')
            || p.contains("版权所有")
            || p.to_lowercase().contains("all rights reserved");
        return starts_as_notice
            || (COMPANY_MARK.is_match(p) && p.split_whitespace().count() <= 16);
    }
    is_breadcrumb(p)
}

fn is_breadcrumb(p: &str) -> bool {
    let separators = p.matches(['»', '›']).count() + p.matches(" > ").count();
    separators >= 1 && !p.ends_with(['。', '？', '！', '?', '!'])
}

/// `text` without inline stage notes such as "(Laughter.)" or "[inaudible]".
pub(crate) fn strip_stage_notes(text: &str) -> Cow<'_, str> {
    if !STAGE_NOTE_INLINE.is_match(text) {
        return Cow::Borrowed(text);
    }
    let stripped = STAGE_NOTE_INLINE.replace_all(text, "");
    Cow::Owned(stripped.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_photo_captions_are_noise() {
        for caption in [
            "Press conference podium (photographed by Liu Jian)",
            "Wu Haiping (photographed by Xu Xiang)",
            "Spokesperson He Yun (Photo by Qiu Shanhe)",
            "Southern Daily reporter’s question (photographed by Liu Jian)",
            "发布会现场（摄影：邱山河）",
            "林桥（邱山河 摄）",
            "图为发布会现场。",
        ] {
            assert_eq!(classify(caption), Some(Noise::Caption), "{caption}");
        }
    }

    #[test]
    fn test_speech_that_mentions_photographs_is_kept() {
        let speech = "As the satellite images photographed by our partners show, port congestion has eased, and \
                      shipping schedules are returning to normal across the region.";
        assert_eq!(classify(speech), None);
        assert_eq!(
            classify(
                "We looked at the pictures (as photographed by the team) and then we decided."
            ),
            None
        );
        assert_eq!(
            classify("这些照片（摄影作品）展示了……但我们还要继续努力推进各项工作。"),
            None
        );
    }

    #[test]
    fn test_credits_and_footers_are_noise() {
        for (line, kind) in [
            ("Source/Guoxin Network", Noise::Credit),
            ("Producer/Tao Yong", Noise::Credit),
            ("Reviewer/Sun Weiru, Lei Xu", Noise::Credit),
            ("Art Editor/Wei Hao", Noise::Credit),
            ("Editor: Fang Jiayi", Noise::Credit),
            ("来源：国新网", Noise::Credit),
            ("责任编辑：王小川", Noise::Credit),
            ("【纠错】 【责任编辑：王小川】", Noise::Credit),
            (
                "Copyright Fujian Quanzhou Zhongtai IMP.And EXP.CO.,LTD",
                Noise::Footer,
            ),
            ("Copyright © Harbourline News Digest", Noise::Footer),
            ("版权所有 港湾线贸易有限公司", Noise::Footer),
            (
                "Harbourline Trading Co., Ltd » State Council Briefing on Trade",
                Noise::Footer,
            ),
            ("打印本页 关闭窗口", Noise::Footer),
            (
                "Contact us Address: No. 2, Harbour Road, Beijing, 100000 Tel: 86-10-00000000",
                Noise::Footer,
            ),
            ("Copyright©2026 Ministry of Examples", Noise::Footer),
            (
                "Copyright © Ministry of Examples. All rights reserved.",
                Noise::Footer,
            ),
            ("Address: No. 2, Harbour Road, Beijing", Noise::Footer),
            ("地址：北京市示例区示例路2号 邮编：100000", Noise::Footer),
            ("京ICP备00000000号", Noise::Footer),
        ] {
            assert_eq!(classify(line), Some(kind), "{line}");
        }
    }

    #[test]
    fn test_speech_that_looks_like_a_credit_is_kept() {
        for speech in [
            "Source of growth: exports of electrical goods rose faster than anything else this year, and we expect more.",
            "Copyright protection is a priority for the office this year.",
            "Copyright Office officials said the new rules would take effect in May.",
            "出口增长的主要来源是机电产品和劳动密集型产品。",
            "来源地规则是RCEP协定的重要内容，我们将加强对企业的指导，帮助企业用好原产地累积规则。",
            "The following are some factual records:",
            "Address the root causes first: that is what we have said all along, and we will keep saying it to every party.",
            "Contacts between the two militaries will continue, and we hope for progress.",
        ] {
            assert_eq!(classify(speech), None, "{speech}");
        }
    }

    #[test]
    fn test_timestamps_stage_notes_and_datelines() {
        assert_eq!(classify("10:40 A.M. EST"), Some(Noise::Timestamp));
        assert_eq!(classify("END 11:45 A.M. EST"), Some(Noise::Timestamp));
        assert_eq!(classify("END"), Some(Noise::Timestamp));
        assert_eq!(classify("(Laughter.)"), Some(Noise::StageNote));
        assert_eq!(classify("(Cross-talk.)"), Some(Noise::StageNote));
        assert_eq!(classify("2023年9月5日"), Some(Noise::Dateline));
        assert_eq!(
            classify("Updated: June 3, 2027 19:30"),
            Some(Noise::Dateline)
        );
        assert_eq!(
            classify("发布时间：2027年6月3日 19:30"),
            Some(Noise::Dateline)
        );
        assert_eq!(classify("Updated: the figures are new."), None);
        assert_eq!(classify("At 10:40 we will start."), None);
    }

    #[test]
    fn test_inline_stage_notes_are_stripped() {
        assert_eq!(
            strip_stage_notes("That's a good one. (Laughter.) Next."),
            "That's a good one. Next."
        );
        assert_eq!(
            strip_stage_notes("What about the [inaudible] deal?"),
            "What about the deal?"
        );
        assert_eq!(strip_stage_notes("(Inaudible.)"), "");
        assert_eq!(
            strip_stage_notes("Okay. (Laughter and applause.) Next."),
            "Okay. Next."
        );
        assert_eq!(
            strip_stage_notes("the global (inaudibles) banks"),
            "the global banks"
        );
        assert_eq!(
            strip_stage_notes("The (senior official) said"),
            "The (senior official) said"
        );
    }
}
