//! Finding the date of a briefing in its text or file name.
//!
//! Recognised spellings: "April 23, 2023" (and "Apr. 23, 2023", "23 April 2023"),
//! "2023年4月23日", "2023-04-23" (also with `/` or `.`), and in file names "20230423".

use std::sync::LazyLock;

use regex::Regex;

use crate::date::Date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .expect("valid regex")
});
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]").expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[^\d]|$)")
        .expect("valid regex")
});
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)").expect("valid regex")
});

/// The first date written in `text`, in any recognised spelling (earliest position wins).
pub(crate) fn find(text: &str) -> Option<Date> {
    let mut found: Vec<(usize, Date)> = Vec::new();
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        if let Some(d) = month_date(&c[3], &c[1], &c[2]) {
            found.push((c.get(0).map_or(0, |m| m.start()), d));
            break;
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let Some(d) = month_date(&c[3], &c[2], &c[1]) {
            found.push((c.get(0).map_or(0, |m| m.start()), d));
            break;
        }
    }
    for c in CHINESE.captures_iter(text) {
        if let Some(d) = numeric_date(&c[1], &c[2], &c[3]) {
            found.push((c.get(0).map_or(0, |m| m.start()), d));
            break;
        }
    }
    for c in NUMERIC.captures_iter(text) {
        if c[2] != c[4] {
            continue;
        }
        if let Some(d) = numeric_date(&c[1], &c[3], &c[5]) {
            found.push((c.get(1).map_or(0, |m| m.start()), d));
            break;
        }
    }
    found.into_iter().min_by_key(|&(at, _)| at).map(|(_, d)| d)
}

/// A date in a file name: any spelling [`find`] knows, or `YYYYMMDD`.
pub(crate) fn find_in_file_name(name: &str) -> Option<Date> {
    find(name).or_else(|| {
        COMPACT
            .captures_iter(name)
            .find_map(|c| numeric_date(&c[1], &c[2], &c[3]))
    })
}

/// Whether the whole of `text` is one date and nothing else (a dateline paragraph).
pub(crate) fn is_only_a_date(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR, &*CHINESE, &*NUMERIC]
        .iter()
        .any(|re| {
            re.find(t).is_some_and(|m| {
                let rest = format!("{}{}", &t[..m.start()], &t[m.end()..]);
                rest.trim_matches(|c: char| {
                    c.is_whitespace()
                        || c.is_ascii_punctuation()
                        || "（）上午下午晚上星期一二三四五六日天".contains(c)
                })
                .is_empty()
            })
        })
}

fn month_date(year: &str, month: &str, day: &str) -> Option<Date> {
    let month = month.to_ascii_lowercase();
    let m = MONTHS.iter().position(|&name| month.starts_with(name))? as u32 + 1;
    Date::new(year.parse().ok()?, m, day.parse().ok()?)
}

fn numeric_date(year: &str, month: &str, day: &str) -> Option<Date> {
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<String> {
        find(text).map(|d| d.to_string())
    }

    #[test]
    fn test_english_dates_in_running_text() {
        assert_eq!(
            found("On the morning of April 23, 2023, the State Council"),
            Some("2023-04-23".into())
        );
        assert_eq!(found("briefing of Apr. 3, 2023"), Some("2023-04-03".into()));
        assert_eq!(
            found("held on 9 June 2022 in Beijing"),
            Some("2022-06-09".into())
        );
        assert_eq!(found("September 1st, 2021"), Some("2021-09-01".into()));
    }

    #[test]
    fn test_chinese_and_numeric_dates() {
        assert_eq!(
            found("2023年4月23日上午，国务院新闻办公室"),
            Some("2023-04-23".into())
        );
        assert_eq!(
            found("发布时间：2023-04-23 10:00"),
            Some("2023-04-23".into())
        );
        assert_eq!(found("2023/4/23"), Some("2023-04-23".into()));
    }

    #[test]
    fn test_first_date_wins_and_impossible_dates_are_skipped() {
        assert_eq!(
            found("February 30, 2023 then March 2, 2023"),
            Some("2023-03-02".into())
        );
        assert_eq!(
            found("2023年9月5日，回顾2022年1月1日"),
            Some("2023-09-05".into())
        );
        assert_eq!(found("no date here, just 2023 and 12:30"), None);
    }

    #[test]
    fn test_dates_in_file_names() {
        assert_eq!(
            find_in_file_name("2023-04-18-scio-customs.txt").map(|d| d.to_string()),
            Some("2023-04-18".into())
        );
        assert_eq!(
            find_in_file_name("briefing_20220609.txt").map(|d| d.to_string()),
            Some("2022-06-09".into())
        );
        assert_eq!(find_in_file_name("12345678.txt"), None);
    }

    #[test]
    fn test_dateline_paragraphs() {
        assert!(is_only_a_date("2023年9月5日"));
        assert!(is_only_a_date("April 18, 2023"));
        assert!(is_only_a_date("2026-07-28"));
        assert!(!is_only_a_date(
            "On April 18, 2023, the office held a briefing."
        ));
    }
}
