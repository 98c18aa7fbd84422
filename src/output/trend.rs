//! Trends as a terminal chart (one line per bucket, a bar for the passages, and the counts),
//! JSON Lines (`schema/trend.schema.json`) or TSV. The SVG chart is [`super::svg`]'s.

use std::io::{self, Write};

use serde::Serialize;

use super::table::bar;
use super::tsv::TsvWriter;
use super::{Style, json, plural};
use crate::search::trend::Trend;

/// One line of `trend --json`.
#[derive(Serialize)]
struct TrendLine<'a> {
    by: &'static str,
    label: &'a str,
    start: &'a str,
    passages: usize,
    briefings: usize,
}

/// `trend`: every bucket of the range.
pub(crate) fn print(out: &mut impl Write, style: Style, trend: &Trend) -> io::Result<()> {
    let by = trend.by.as_str();
    match style {
        Style::Json => {
            for b in &trend.buckets {
                let line = TrendLine {
                    by,
                    label: &b.label,
                    start: &b.start,
                    passages: b.passages,
                    briefings: b.briefings,
                };
                json::line(out, &line)?;
            }
        }
        Style::Tsv => {
            let header = [by, "start", "passages", "briefings"];
            let mut w = TsvWriter::new(&mut *out, header.iter().map(|s| s.to_string()).collect());
            for b in &trend.buckets {
                w.row(&serde_json::json!({by: b.label, "start": b.start, "passages": b.passages, "briefings": b.briefings}))?;
            }
            w.finish()?;
        }
        Style::Text { .. } | Style::Markdown => chart(out, trend)?,
    }
    Ok(())
}

/// Width of the longest bar, in cells.
const BAR_WIDTH: usize = 40;

/// The terminal chart.
fn chart(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
    let max = trend.buckets.iter().map(|b| b.passages).max().unwrap_or(0);
    let label_width = trend
        .buckets
        .iter()
        .map(|b| b.label.len())
        .max()
        .unwrap_or(4);
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

fn undated(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
    match trend.undated {
        0 => Ok(()),
        1 => writeln!(out, "(1 matching passage has no date)"),
        n => writeln!(out, "({n} matching passages have no date)"),
    }
}
