//! Who presides over a briefing, as its title says: "外交部发言人汪文斌就…答记者问",
//! "2024年3月12日外交部发言人周岚主持例行记者会", "Foreign Ministry Spokesperson Lin Jian's
//! Regular Press Conference on July 28, 2026".
//!
//! Titles in traditional characters are read like simplified ones; the name is returned as the
//! title writes it.

use std::sync::LazyLock;

use regex::Regex;

use crate::script::traditional;

static SPOKESPERSON_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"发言人([\p{Han}&&[^就在答宣表介主应]]\p{Han}{1,2}?)(?:就|主持|答|在|表示|应约|宣布|介绍)",
    )
    .expect("valid regex")
});
/// The host of a regular press conference: "2024年3月12日外交部发言人周岚主持例行记者会".
static HOST_ZH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"发言人(\p{Han}{2,3}?)主持").expect("valid regex"));
static HOST_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Spokes(?:person|man|woman) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:'s|’s)? (?:Regular )?Press Conference").expect("valid regex")
});
/// An unnamed spokesperson in a title: "外交部发言人就…发表谈话" → "外交部发言人".
static UNNAMED_SPOKESPERSON_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{0,12}?发言人)(?:就|宣布|介绍|表示|答)").expect("valid regex")
});
static SPOKESPERSON_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Spokes(?:person|man|woman) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)").expect("valid regex")
});

/// The spokesperson a title names ("外交部发言人汪文斌就…答记者问", "Spokesperson Zhou Lan's …"),
/// or the unnamed spokesperson it speaks of ("外交部发言人").
pub(crate) fn spokesperson(title: &str) -> Option<String> {
    let folded = traditional::fold(title);
    [
        &*SPOKESPERSON_ZH,
        &*SPOKESPERSON_EN,
        &*UNNAMED_SPOKESPERSON_ZH,
    ]
    .iter()
    .find_map(|re| re.captures(&folded))
    .and_then(|c| c.get(1))
    .map(|m| title[m.range()].to_string())
}

/// The host of a regular press conference, whose unlabelled opening announcements are theirs.
pub(crate) fn host(title: &str) -> Option<String> {
    let folded = traditional::fold(title);
    [&*HOST_ZH, &*HOST_EN]
        .iter()
        .find_map(|re| re.captures(&folded))
        .and_then(|c| c.get(1))
        .map(|m| title[m.range()].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_spokesperson_and_host_from_titles() {
        assert_eq!(
            spokesperson("外交部发言人汪文斌就某问题答记者问").as_deref(),
            Some("汪文斌")
        );
        assert_eq!(
            spokesperson("外交部发言人就美国宣布对古巴实施制裁答记者问").as_deref(),
            Some("外交部发言人")
        );
        assert_eq!(
            host("2024年3月12日外交部发言人周岚主持例行记者会").as_deref(),
            Some("周岚")
        );
        let en =
            "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on July 28, 2026";
        assert_eq!(host(en).as_deref(), Some("Lin Jian"));
        assert_eq!(spokesperson(en).as_deref(), Some("Lin Jian"));
        assert_eq!(host("国务院新闻办公室举行发布会"), None);
    }

    #[test]
    fn test_traditional_titles_name_the_spokesperson_as_written() {
        assert_eq!(
            host("大陸委員會發言人梁文傑主持例行記者會").as_deref(),
            Some("梁文傑")
        );
    }
}
