//! Trends as a terminal chart (one line per bucket, a bar for the passages, and the counts),
//! JSON Lines (`schema/trend.schema.json`) or TSV. The SVG chart is [`super::svg`]'s.
//!
//! With a rate (`trend --per 1000`), bars show matching passages per thousand passages of each
//! period, and JSON and TSV add the period's passages and the rate, so that a thin month of
//! the archive does not read as a drop.

use std::io::{self, Write};

use serde::Serialize;

use super::table::bar;
use super::tsv::TsvWriter;
use super::{Style, json, plural, round4};
use crate::search::trend::{Bucket, Trend};

/// One line of `trend --json`.
#[derive(Serialize)]
struct TrendLine<'a> {
    by: &'static str,
    label: &'a str,
    start: &'a str,
    passages: usize,
    briefings: usize,
    /// With `--per`: all passages of the period (under the filters)…
    #[serde(skip_serializing_if = "Option::is_none")]
    period_passages: Option<usize>,
    /// …the N of "per N passages"…
    #[serde(skip_serializing_if = "Option::is_none")]
    per: Option<u32>,
    /// …and the rate (null when the period has no passage at all).
    #[serde(skip_serializing_if = "Option::is_none")]
    rate: Option<Option<f64>>,
}

/// `trend`: every bucket of the range; with `per`, rates per `per` passages of each period.
pub(crate) fn print(
    out: &mut impl Write,
    style: Style,
    trend: &Trend,
    per: Option<u32>,
) -> io::Result<()> {
    let by = trend.by.as_str();
    let rate = |b: &Bucket| per.map(|n| b.rate(n).map(round4));
    match style {
        Style::Json => {
            for b in &trend.buckets {
                let line = TrendLine {
                    by,
                    label: &b.label,
                    start: &b.start,
                    passages: b.passages,
                    briefings: b.briefings,
                    period_passages: per.and(b.period_passages),
                    per,
                    rate: rate(b),
                };
                json::line(out, &line)?;
            }
        }
        Style::Tsv => {
            let mut header = vec![by, "start", "passages", "briefings"];
            if per.is_some() {
                header.extend(["period_passages", "rate"]);
            }
            let mut w = TsvWriter::new(&mut *out, header.iter().map(|s| s.to_string()).collect());
            for b in &trend.buckets {
                w.row(&serde_json::json!({by: b.label, "start": b.start, "passages": b.passages,
                    "briefings": b.briefings, "period_passages": b.period_passages, "rate": rate(b).flatten()}))?;
            }
            w.finish()?;
        }
        Style::Text { .. } | Style::Markdown => match per {
            Some(n) => rate_chart(out, trend, n)?,
            None => chart(out, trend)?,
        },
    }
    Ok(())
}

/// Width of the longest bar, in cells.
const BAR_WIDTH: usize = 40;

fn label_width(trend: &Trend) -> usize {
    trend
        .buckets
        .iter()
        .map(|b| b.label.len())
        .max()
        .unwrap_or(4)
}

/// The terminal chart.
fn chart(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
    let max = trend.buckets.iter().map(|b| b.passages).max().unwrap_or(0);
    let label_width = label_width(trend);
    let count_width = max.to_string().len();
    for b in &trend.buckets {
        let bar = bar(b.passages, max, BAR_WIDTH);
        let counts = if b.passages == 0 {
            String::new()
        } else {
            format!(
                " {:>count_width$} {}, {}",
                b.passages,
                if b.passages == 1 {
                    "passage"
                } else {
                    "passages"
                },
                plural(b.briefings, "briefing", "briefings")
            )
        };
        writeln!(out, "{:<label_width$}  {bar:<BAR_WIDTH$}{counts}", b.label)?;
    }
    undated(out, trend)
}

/// The terminal chart of rates: bars per `per` passages of each period.
fn rate_chart(out: &mut impl Write, trend: &Trend, per: u32) -> io::Result<()> {
    // Bars in thousandths of the largest rate, so that `bar` can work in whole numbers.
    let rates: Vec<Option<f64>> = trend.buckets.iter().map(|b| b.rate(per)).collect();
    let max = rates.iter().flatten().copied().fold(0.0, f64::max);
    let scaled = |r: f64| {
        if max > 0.0 {
            (r / max * 1000.0).round() as usize
        } else {
            0
        }
    };
    let label_width = label_width(trend);
    for (b, rate) in trend.buckets.iter().zip(&rates) {
        let (bar, counts) = match (rate, b.period_passages) {
            (Some(r), Some(all)) if b.passages > 0 => (
                bar(scaled(*r), 1000, BAR_WIDTH),
                format!(
                    " {r:.1} per {per} passages ({} of {all}), {}",
                    b.passages,
                    plural(b.briefings, "briefing", "briefings")
                ),
            ),
            (None, _) => (String::new(), " (no passages in this period)".to_string()),
            _ => (String::new(), String::new()),
        };
        writeln!(out, "{:<label_width$}  {bar:<BAR_WIDTH$}{counts}", b.label)?;
    }
    undated(out, trend)
}

fn undated(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
    match trend.undated {
        0 => Ok(()),
        1 => writeln!(out, "(1 matching passage has no date)"),
        n => writeln!(out, "({n} matching passages have no date)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::trend::Interval;

    fn sample() -> Trend {
        let bucket = |label: &str, passages, briefings, all| Bucket {
            label: label.into(),
            start: format!("{label}-01"),
            passages,
            briefings,
            period_passages: Some(all),
        };
        Trend {
            by: Interval::Month,
            buckets: vec![
                bucket("2023-01", 10, 2, 1000),
                bucket("2023-02", 1, 1, 50),
                bucket("2023-03", 0, 0, 0),
            ],
            undated: 1,
        }
    }

    fn text(per: Option<u32>) -> String {
        let mut out = Vec::new();
        print(&mut out, Style::Text { color: false }, &sample(), per).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn test_counts_are_singular_or_plural() {
        let text = text(None);
        assert!(text.contains("10 passages, 2 briefings"), "{text}");
        assert!(text.contains(" 1 passage, 1 briefing\n"), "{text}");
        assert!(text.contains("(1 matching passage has no date)"), "{text}");
    }

    #[test]
    fn test_rates_make_a_thin_month_the_highest_bar() {
        let text = text(Some(1000));
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].contains("10.0 per 1000 passages (10 of 1000), 2 briefings"),
            "{text}"
        );
        assert!(
            lines[1].contains("20.0 per 1000 passages (1 of 50), 1 briefing"),
            "{text}"
        );
        assert_eq!(lines[1].matches('█').count(), BAR_WIDTH);
        assert_eq!(lines[0].matches('█').count(), BAR_WIDTH / 2);
        assert!(lines[2].contains("no passages in this period"), "{text}");
    }

    #[test]
    fn test_json_adds_rate_fields_only_when_asked() {
        let mut out = Vec::new();
        print(&mut out, Style::Json, &sample(), None).expect("write");
        assert!(!String::from_utf8_lossy(&out).contains("rate"));
        let mut out = Vec::new();
        print(&mut out, Style::Json, &sample(), Some(1000)).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(lines[1]["rate"], 20.0);
        assert_eq!(lines[1]["period_passages"], 50);
        assert_eq!(lines[1]["per"], 1000);
        assert!(lines[2]["rate"].is_null());
    }
}
