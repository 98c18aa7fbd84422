//! `briefsearch facets`: how many matching passages per speaker, outlet, kind, language, year,
//! month or briefing.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;

use super::Outcome;
use super::args::{DimensionArg, FilterArgs, Format, FormatArgs, MatchArgs, explain_empty};
use crate::output;
use crate::search::Searcher;
use crate::search::facets;

#[derive(Debug, Args)]
pub(crate) struct FacetsArgs {
    /// Query whose matching passages are counted; every passage when absent.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// What to count by.
    #[arg(long, value_enum, value_name = "DIMENSION")]
    pub by: DimensionArg,

    /// Show at most N values (most first).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub matching: MatchArgs,

    #[command(flatten)]
    pub format: FormatArgs,
}

pub(super) fn run(index_dir: &Path, args: FacetsArgs) -> Result<Outcome> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let style = args
        .format
        .resolve("facets", &[Format::Text, Format::Json, Format::Tsv])?;
    let mut searcher = Searcher::open(index_dir)?;
    searcher.set_expansion(args.matching.expansion(false));
    let filters = args.filters.resolve(&searcher)?;
    let query = args.query.as_deref().unwrap_or("*");
    let facets = facets::count(&searcher, query, &filters, args.by.into())?;
    let mut out = io::stdout().lock();
    output::facets::print(&mut out, style, &facets, args.limit)?;
    out.flush()?;
    if facets.total == 0 {
        explain_empty(&searcher, query, &filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
