//! `briefsearch stats`: what the index holds.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{Format, FormatArgs};
use crate::output::json;
use crate::output::sanitize::for_terminal;
use crate::search::{Searcher, stats};

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

pub fn run(index_dir: &Path, args: StatsArgs) -> Result<Outcome> {
    let format = args
        .format
        .resolve("stats", &[Format::Text, Format::Json])?;
    let searcher = Searcher::open(index_dir)?;
    let s = stats::stats(&searcher, index_dir)?;
    let mut out = io::stdout().lock();
    if format == Format::Json {
        json::line(&mut out, &s)?;
    } else {
        let pairs = |m: &std::collections::BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(out, "index:      {}", for_terminal(&s.index))?;
        writeln!(
            out,
            "briefings:  {} ({})",
            s.briefings,
            pairs(&s.briefings_by_language)
        )?;
        writeln!(out, "passages:   {} ({})", s.passages, pairs(&s.languages))?;
        writeln!(out, "kinds:      {}", pairs(&s.kinds))?;
        writeln!(out, "speakers:   {}", s.speakers)?;
        writeln!(
            out,
            "dates:      {} to {}",
            s.first_date.as_deref().unwrap_or("-"),
            s.last_date.as_deref().unwrap_or("-")
        )?;
        writeln!(
            out,
            "size:       {:.1} MB on disk, {} segments",
            s.size_bytes as f64 / 1e6,
            s.segments
        )?;
        writeln!(
            out,
            "versions:   schema {}, analyzer {}",
            s.schema_version, s.analyzer_version
        )?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}
