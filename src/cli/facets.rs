//! `briefsearch facets`: how many matching passages per speaker, outlet, kind, language, year,
//! month or briefing.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;

use super::Outcome;
use super::args::{CountingArgs, DimensionArg, explain_empty};
use crate::output;
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
    pub common: CountingArgs,
}

pub(super) fn run(index_dir: &Path, args: FacetsArgs) -> Result<Outcome> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let (style, searcher, filters) = args.common.open("facets", index_dir)?;
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
