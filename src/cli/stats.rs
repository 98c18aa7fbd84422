//! `briefsearch stats`: what the index holds.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{Format, FormatArgs};
use crate::output;
use crate::search::{Searcher, stats};

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

pub(super) fn run(index_dir: &Path, args: StatsArgs) -> Result<Outcome> {
    let style = args
        .format
        .resolve("stats", &[Format::Text, Format::Json])?;
    let searcher = Searcher::open(index_dir)?;
    let s = stats::stats(&searcher, index_dir)?;
    let mut out = io::stdout().lock();
    output::stats::print(&mut out, style, &s)?;
    out.flush()?;
    Ok(Outcome::Found)
}
