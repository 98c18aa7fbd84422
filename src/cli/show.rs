//! `briefsearch show`: a passage in its context, or a whole cleaned transcript.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{Format, FormatArgs};
use crate::output;
use crate::search::Searcher;
use crate::search::show;

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// A passage id (BRIEFING_ID#N, as in query results), a briefing id, or the path of an
    /// indexed file (the `source` of JSON output).
    #[arg(value_name = "ID")]
    pub id: String,

    /// With a passage id: also show N passages before and after it.
    #[arg(long, short = 'C', default_value_t = 0, value_name = "N")]
    pub context: usize,

    /// Also show the other language's version of the briefing, when the index holds it:
    /// side by side in text (turn after turn on a narrow terminal), both in JSON and Markdown.
    #[arg(long)]
    pub parallel: bool,

    #[command(flatten)]
    pub format: FormatArgs,
}

pub(super) fn run(index_dir: &Path, args: ShowArgs) -> Result<Outcome> {
    let style = args
        .format
        .resolve("show", &[Format::Text, Format::Json, Format::Md])?;
    let searcher = Searcher::open(index_dir)?;
    let shown = show::show(&searcher, &args.id, args.context, args.parallel)?;
    if args.parallel && shown.parallel.is_none() {
        eprintln!("briefsearch: the index holds no version of this briefing in the other language");
    }
    let mut out = io::stdout().lock();
    output::transcript::print(&mut out, style, &shown)?;
    out.flush()?;
    Ok(Outcome::Found)
}
