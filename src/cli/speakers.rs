//! `briefsearch speakers`: who speaks in the archive, in which roles, how much, and when.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{FilterArgs, Format, FormatArgs, explain_empty};
use crate::output::sanitize::for_terminal;
use crate::output::{json, table, tsv::TsvWriter};
use crate::search::Searcher;
use crate::search::speakers;

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Only count passages matching this query.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Show at most N speakers (most passages first).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub format: FormatArgs,
}

pub fn run(index_dir: &Path, args: SpeakersArgs) -> Result<Outcome> {
    let format = args
        .format
        .resolve("speakers", &[Format::Text, Format::Json, Format::Tsv])?;
    let searcher = Searcher::open(index_dir)?;
    let filters = args.filters.resolve(&searcher)?;
    let query = args.query.as_deref().unwrap_or("*");
    let mut all = speakers::speakers(&searcher, query, &filters)?;
    let total = all.len();
    all.truncate(args.limit.unwrap_or(usize::MAX));
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            for s in &all {
                json::line(&mut out, s)?;
            }
        }
        Format::Tsv => {
            let fields = [
                "speaker",
                "roles",
                "outlets",
                "passages",
                "briefings",
                "first_date",
                "last_date",
            ];
            let mut w = TsvWriter::new(&mut out, fields.iter().map(|s| s.to_string()).collect());
            for s in &all {
                let mut row = serde_json::to_value(s)?;
                row["roles"] = s.roles.join("; ").into();
                row["outlets"] = s.outlets.join("; ").into();
                w.row(&row)?;
            }
            w.finish()?;
        }
        _ => {
            let name_w = all
                .iter()
                .map(|s| table::width(&for_terminal(&s.speaker)))
                .max()
                .unwrap_or(7)
                .clamp(7, 30);
            writeln!(
                out,
                "{}  passages  briefings  first       last        role / outlet",
                table::pad("speaker", name_w)
            )?;
            for s in &all {
                let mut what: Vec<String> = s.roles.iter().take(2).cloned().collect();
                what.extend(s.outlets.iter().take(2).cloned());
                if s.roles.len() + s.outlets.len() > what.len() {
                    what.push("…".into());
                }
                writeln!(
                    out,
                    "{}  {:>8}  {:>9}  {:<10}  {:<10}  {}",
                    table::pad(&for_terminal(&s.speaker), name_w),
                    s.passages,
                    s.briefings,
                    s.first_date.as_deref().unwrap_or("-"),
                    s.last_date.as_deref().unwrap_or("-"),
                    for_terminal(table::pad(&what.join("; "), 60).trim_end())
                )?;
            }
            if total > all.len() {
                writeln!(out, "… and {} more speakers (--limit)", total - all.len())?;
            }
        }
    }
    out.flush()?;
    if total == 0 {
        explain_empty(&searcher, query, &filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
