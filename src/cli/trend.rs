//! `briefsearch trend`: matching passages and briefings over time, as a terminal chart, TSV,
//! JSON Lines, or an SVG chart for reports.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::Outcome;
use super::args::{CountingArgs, IntervalArg, explain_empty};
use crate::output::{self, svg};
use crate::search::trend::{self, Interval};

#[derive(Debug, Args)]
pub(crate) struct TrendArgs {
    /// Query whose matching passages are counted (`*` for all).
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Width of a bucket.
    #[arg(long, value_enum, default_value_t = IntervalArg::Month, value_name = "INTERVAL")]
    pub by: IntervalArg,

    /// Also write the chart as SVG to FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,

    /// Rates instead of counts: matching passages per N passages of each period (those that
    /// pass the filters), so that a thin month of the archive does not read as a drop.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub per: Option<u32>,

    #[command(flatten)]
    pub common: CountingArgs,
}

pub(super) fn run(index_dir: &Path, args: TrendArgs) -> Result<Outcome> {
    let (style, searcher, filters) = args.common.open("trend", index_dir)?;
    let by = Interval::from(args.by);
    let trend = trend::trend(&searcher, &args.query, &filters, by, args.per.is_some())?;
    let mut out = io::stdout().lock();
    output::trend::print(&mut out, style, &trend, args.per)?;
    out.flush()?;
    if let Some(path) = &args.svg {
        let passages: usize = trend.buckets.iter().map(|b| b.passages).sum();
        let title = match (args.query.trim(), args.per) {
            ("*", _) => format!("Briefing passages per {}", by.as_str()),
            (q, None) => format!("“{q}”: matching passages per {}", by.as_str()),
            (q, Some(n)) => format!(
                "“{q}”: matching passages per {n} passages of each {}",
                by.as_str()
            ),
        };
        let range = match (trend.buckets.first(), trend.buckets.last()) {
            (Some(a), Some(b)) => format!("{} to {}", a.label, b.label),
            _ => "no matches".to_string(),
        };
        let filters_note: Vec<String> = filters
            .active()
            .into_iter()
            .map(|f| filters.describe(f))
            .collect();
        let filters_note = if filters_note.is_empty() {
            String::new()
        } else {
            format!(" · {}", filters_note.join(" "))
        };
        let subtitle = format!(
            "{}, {range}{filters_note} · briefsearch",
            output::plural(passages, "passage", "passages")
        );
        fs::write(path, svg::trend(&trend, args.per, &title, &subtitle))
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    if trend.buckets.iter().all(|b| b.passages == 0) && trend.undated == 0 {
        explain_empty(&searcher, &args.query, &filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
