//! A date as people type it for `--since` and `--until`: a day, a month or a year in the
//! spellings they use (`2023-04-01`, `2023/4/1`, `April 2023`, `2023年4月`), or a period
//! counted from today (`last year`, `this month`, `last 30 days`). Each is a [`Period`] of
//! whole days: `--since` takes its first day, `--until` its last.
//!
//! Parsing only: today's date is given by the caller (the command line reads the clock), so
//! the same text always means the same days in tests.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use super::{Date, days_in_month};

/// A span of whole days, both ends included: a year, a month, a day, or a span counted back
/// from today.
///
/// `--since 2023` means from 2023-01-01, `--until 2023-02` means up to 2023-02-28.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    first: Date,
    last: Date,
}

/// The accepted forms, as error messages list them.
pub(crate) const FORMS: &str = concat!(
    "  2023, 2023-04, 2023-04-01   (also 2023-4-1, 2023/04/01, 2023/4, 2023.4.1)\n",
    "  April 2023, Apr 2023, April 1 2023, 1 April 2023\n",
    "  2023年, 2023年4月, 2023年4月1日\n",
    "  today, yesterday, this week|month|year, last week|month|year,\n",
    "  last N days|weeks|months|years, as in last 30 days (ending today, today included)"
);

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})(?:([-/.])(\d{1,2})(?:([-/.])(\d{1,2}))?)?$").expect("valid regex")
});
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?$")
        .expect("valid regex")
});
/// `April 2023`, `Apr. 1, 2023`.
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z]+)\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})$").expect("valid regex")
});
/// `1 April 2023`.
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$").expect("valid regex")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(today)|(yesterday)|(this|last)\s+(week|month|year)|(?:last|past)\s+(\d{1,6})\s+(day|week|month|year)s?)$")
        .expect("valid regex")
});

/// A unit of a relative period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn of(word: &str) -> Unit {
        match word {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            _ => Unit::Year,
        }
    }
}

impl Period {
    pub(crate) fn first_day(self) -> Date {
        self.first
    }

    pub(crate) fn last_day(self) -> Date {
        self.last
    }

    /// Parses `s` in any of the [`FORMS`]; `today` is asked for only by the relative forms.
    pub(crate) fn parse(
        s: &str,
        today: impl FnOnce() -> Result<Date, String>,
    ) -> Result<Period, String> {
        let text = normalise(s);
        let invalid = || format!("'{}' is not a valid date", s.trim());
        let number = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
        if let Some(c) = NUMERIC.captures(&text) {
            let separators: Vec<&str> = [c.get(2), c.get(4)]
                .into_iter()
                .flatten()
                .map(|m| m.as_str())
                .collect();
            if separators.windows(2).any(|w| w[0] != w[1]) {
                return Err(not_a_date(s));
            }
            return calendar(number(c.get(1)), number(c.get(3)), number(c.get(5)))
                .ok_or_else(invalid);
        }
        if let Some(c) = CJK.captures(&text) {
            return calendar(number(c.get(1)), number(c.get(2)), number(c.get(3)))
                .ok_or_else(invalid);
        }
        if let Some(c) = MONTH_FIRST.captures(&text) {
            let month = month_number(&c[1]).ok_or_else(|| not_a_date(s))?;
            return calendar(number(c.get(3)), Some(month), number(c.get(2))).ok_or_else(invalid);
        }
        if let Some(c) = DAY_FIRST.captures(&text) {
            let month = month_number(&c[2]).ok_or_else(|| not_a_date(s))?;
            return calendar(number(c.get(3)), Some(month), number(c.get(1))).ok_or_else(invalid);
        }
        let Some(c) = RELATIVE.captures(&text) else {
            return Err(not_a_date(s));
        };
        let today = today()?;
        let out_of_range = || format!("'{}' reaches outside the years 1900–2199", s.trim());
        if c.get(1).is_some() {
            return Ok(Period::day(today));
        }
        if c.get(2).is_some() {
            return today.add_days(-1).map(Period::day).ok_or_else(out_of_range);
        }
        if let (Some(which), Some(unit)) = (c.get(3), c.get(4)) {
            let this = calendar_unit(today, Unit::of(unit.as_str()));
            return match which.as_str() {
                "this" => Ok(this),
                _ => this
                    .first
                    .add_days(-1)
                    .map(|day| calendar_unit(day, Unit::of(unit.as_str())))
                    .ok_or_else(out_of_range),
            };
        }
        let n = number(c.get(5)).filter(|&n| n > 0).ok_or_else(|| {
            format!(
                "'{}': count at least one day, week, month or year",
                s.trim()
            )
        })?;
        let unit = c.get(6).map_or(Unit::Day, |u| Unit::of(u.as_str()));
        ending_today(today, n, unit).ok_or_else(out_of_range)
    }

    fn day(d: Date) -> Period {
        Period { first: d, last: d }
    }
}

/// Without a today, relative forms are refused (judged query sets need fixed dates).
impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Period, String> {
        Period::parse(s, || {
            Err(format!(
                "'{}' is counted from today; give a fixed date here",
                s.trim()
            ))
        })
    }
}

fn not_a_date(s: &str) -> String {
    format!("'{}' is not a date; use one of:\n{FORMS}", s.trim())
}

/// Lower case, full-width digits and spaces folded, spaces collapsed.
fn normalise(s: &str) -> String {
    let folded: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A year, a month of it, or a day of that, if it exists.
fn calendar(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> Option<Period> {
    let year = i32::try_from(year?).ok()?;
    match (month, day) {
        (None, _) => Some(Period {
            first: Date::new(year, 1, 1)?,
            last: Date::new(year, 12, 31)?,
        }),
        (Some(m), None) => Some(Period {
            first: Date::new(year, m, 1)?,
            last: Date::new(year, m, days_in_month(year, m))?,
        }),
        (Some(m), Some(d)) => Date::new(year, m, d).map(Period::day),
    }
}

/// January = 1; full English names and their usual abbreviations.
fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|name| *name == word || (word.len() == 3 && name.starts_with(word)))
        .map(|i| i as u32 + 1)
}

/// The calendar week (ISO: Monday to Sunday), month or year holding `d`.
fn calendar_unit(d: Date, unit: Unit) -> Period {
    let whole = match unit {
        Unit::Day => Some(Period::day(d)),
        Unit::Week => {
            // 1970-01-01 was a Thursday: Monday = 0.
            let weekday = (d.days_since_epoch() + 3).rem_euclid(7);
            d.add_days(-weekday).and_then(|monday| {
                Some(Period {
                    first: monday,
                    last: monday.add_days(6)?,
                })
            })
        }
        Unit::Month => calendar(u32::try_from(d.year()).ok(), Some(d.month()), None),
        Unit::Year => calendar(u32::try_from(d.year()).ok(), None, None),
    };
    whole.unwrap_or(Period::day(d))
}

/// The `n` days, weeks, months or years ending with `today` (today included): `last 30 days`
/// from 2024-03-30 is 2024-03-01 to 2024-03-30; `last 1 month` from 2024-03-30 starts on
/// 2024-03-01, the day after 2024-02-29 (the 30th of a month that has none).
fn ending_today(today: Date, n: u32, unit: Unit) -> Option<Period> {
    let first = match unit {
        Unit::Day => today.add_days(1 - i64::from(n))?,
        Unit::Week => today.add_days(1 - 7 * i64::from(n))?,
        Unit::Month | Unit::Year => {
            let months = i64::from(n) * if unit == Unit::Year { 12 } else { 1 };
            let index = i64::from(today.year()) * 12 + i64::from(today.month()) - 1 - months;
            let year = i32::try_from(index.div_euclid(12)).ok()?;
            let month = u32::try_from(index.rem_euclid(12) + 1).ok()?;
            let day = today.day().min(days_in_month(year, month));
            Date::new(year, month, day)?.add_days(1)?
        }
    };
    Some(Period { first, last: today })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Result<Date, String> {
        Ok(Date::new(2024, 3, 30).expect("valid"))
    }

    /// The first and last day of `s`, parsed on 2024-03-30 (a Saturday).
    fn span(s: &str) -> (String, String) {
        let p = Period::parse(s, today).unwrap_or_else(|e| panic!("{s}: {e}"));
        (p.first_day().to_string(), p.last_day().to_string())
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn test_period_covers_whole_year_month_or_day() {
        assert_eq!(span("2023"), pair("2023-01-01", "2023-12-31"));
        assert_eq!(span("2024-02"), pair("2024-02-01", "2024-02-29"));
        assert_eq!(span("2023-04-23"), pair("2023-04-23", "2023-04-23"));
    }

    #[test]
    fn test_numeric_dates_with_slashes_dots_and_single_digits() {
        for s in [
            "2023/04/01",
            "2023-4-1",
            "2023/4/1",
            "2023.4.1",
            "2023-04-01",
            " 2023-04-01 ",
        ] {
            assert_eq!(span(s), pair("2023-04-01", "2023-04-01"), "{s}");
        }
        assert_eq!(span("2023/4"), pair("2023-04-01", "2023-04-30"));
    }

    #[test]
    fn test_english_month_names_full_and_abbreviated() {
        for s in ["April 2023", "Apr 2023", "apr. 2023", "APRIL 2023"] {
            assert_eq!(span(s), pair("2023-04-01", "2023-04-30"), "{s}");
        }
        for s in [
            "April 1, 2023",
            "Apr 1 2023",
            "1 April 2023",
            "1st April 2023",
        ] {
            assert_eq!(span(s), pair("2023-04-01", "2023-04-01"), "{s}");
        }
        assert_eq!(span("Sept 2023"), pair("2023-09-01", "2023-09-30"));
        assert_eq!(span("May 2023"), pair("2023-05-01", "2023-05-31"));
    }

    #[test]
    fn test_chinese_year_month_day() {
        assert_eq!(span("2023年"), pair("2023-01-01", "2023-12-31"));
        assert_eq!(span("2023年4月"), pair("2023-04-01", "2023-04-30"));
        assert_eq!(span("2023年4月1日"), pair("2023-04-01", "2023-04-01"));
        assert_eq!(span("２０２３年４月１日"), pair("2023-04-01", "2023-04-01"));
    }

    #[test]
    fn test_relative_periods_are_counted_from_today() {
        assert_eq!(span("today"), pair("2024-03-30", "2024-03-30"));
        assert_eq!(span("yesterday"), pair("2024-03-29", "2024-03-29"));
        assert_eq!(span("this year"), pair("2024-01-01", "2024-12-31"));
        assert_eq!(span("last year"), pair("2023-01-01", "2023-12-31"));
        assert_eq!(span("this month"), pair("2024-03-01", "2024-03-31"));
        assert_eq!(span("last month"), pair("2024-02-01", "2024-02-29"));
        // 2024-03-30 is a Saturday: its ISO week runs from Monday 25 to Sunday 31.
        assert_eq!(span("this week"), pair("2024-03-25", "2024-03-31"));
        assert_eq!(span("last week"), pair("2024-03-18", "2024-03-24"));
        assert_eq!(span("last 30 days"), pair("2024-03-01", "2024-03-30"));
        assert_eq!(span("Last 1 day"), pair("2024-03-30", "2024-03-30"));
        assert_eq!(span("past 2 weeks"), pair("2024-03-17", "2024-03-30"));
        assert_eq!(span("last 1 month"), pair("2024-03-01", "2024-03-30"));
        assert_eq!(span("last 3 months"), pair("2023-12-31", "2024-03-30"));
        assert_eq!(span("last 2 years"), pair("2022-03-31", "2024-03-30"));
    }

    #[test]
    fn test_last_month_in_january_is_december_of_the_year_before() {
        let jan = || Ok(Date::new(2024, 1, 15).expect("valid"));
        let p = Period::parse("last month", jan).expect("parses");
        assert_eq!(p.first_day().to_string(), "2023-12-01");
        assert_eq!(p.last_day().to_string(), "2023-12-31");
    }

    #[test]
    fn test_absolute_dates_never_ask_for_today() {
        let never = || -> Result<Date, String> { panic!("today was asked for") };
        assert!(Period::parse("April 2023", never).is_ok());
    }

    #[test]
    fn test_period_rejects_malformed_input_with_the_list_of_forms() {
        for bad in [
            "23",
            "2023-04/05",
            "april",
            "next year",
            "last 0 days",
            "Foo 2023",
            "",
        ] {
            let err = Period::parse(bad, today).expect_err(bad);
            assert!(err.contains(bad.trim()), "{err}");
        }
        let err = Period::parse("april", today).expect_err("no year");
        assert!(
            err.contains("2023年4月") && err.contains("last 30 days"),
            "{err}"
        );
    }

    #[test]
    fn test_impossible_days_are_not_valid_dates() {
        for bad in [
            "2023-02-30",
            "2023-13",
            "April 31 2023",
            "2023年2月30日",
            "1850",
        ] {
            let err = Period::parse(bad, today).expect_err(bad);
            assert!(err.contains("not a valid date"), "{bad}: {err}");
        }
    }

    #[test]
    fn test_fixed_dates_only_without_a_today() {
        assert!("2023-04".parse::<Period>().is_ok());
        let err = "last year".parse::<Period>().expect_err("relative");
        assert!(err.contains("counted from today"), "{err}");
    }
}
