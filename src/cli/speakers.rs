//! `briefsearch speakers`: who speaks in the archive, in which roles, how much, and when.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{CountingArgs, explain_empty};
use crate::output;
use crate::search::speakers;

#[derive(Debug, Args)]
pub(crate) struct SpeakersArgs {
    /// Only count passages matching this query.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Show at most N speakers (most passages first).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    #[command(flatten)]
    pub common: CountingArgs,
}

pub(super) fn run(index_dir: &Path, args: SpeakersArgs) -> Result<Outcome> {
    let (style, searcher, filters) = args.common.open("speakers", index_dir)?;
    let query = args.query.as_deref().unwrap_or("*");
    let mut all = speakers::speakers(&searcher, query, &filters)?;
    let total = all.len();
    all.truncate(args.limit.unwrap_or(usize::MAX));
    let mut out = io::stdout().lock();
    output::speakers::print(&mut out, style, &all, total)?;
    out.flush()?;
    if total == 0 {
        explain_empty(&searcher, query, &filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
