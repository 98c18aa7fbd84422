//! Trend charts in the terminal: one line per bucket, a bar for the passages, and the counts.

use std::io::{self, Write};

use super::table::bar;
use crate::search::trend::Trend;

/// Width of the longest bar, in cells.
const BAR_WIDTH: usize = 40;

pub fn trend(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
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
                " {:>count_width$} passages, {} briefing{}",
                b.passages,
                b.briefings,
                if b.briefings == 1 { "" } else { "s" }
            )
        };
        writeln!(out, "{:<label_width$}  {bar:<BAR_WIDTH$}{counts}", b.label)?;
    }
    if trend.undated > 0 {
        writeln!(out, "({} matching passages have no date)", trend.undated)?;
    }
    Ok(())
}
