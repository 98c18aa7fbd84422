//! `briefsearch facets`: how many matching passages per speaker, outlet, kind, language, year,
//! month or briefing.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use super::Outcome;
use super::args::{FilterArgs, Format, FormatArgs, explain_empty};
use crate::output::{json, table, tsv::TsvWriter};
use crate::search::Searcher;
use crate::search::facets::{self, Dimension};

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Query whose matching passages are counted; every passage when absent.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// What to count by.
    #[arg(long, value_enum, value_name = "DIMENSION")]
    pub by: Dimension,

    /// Show at most N values (most first).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// One line of `facets --json` (`schema/facet.schema.json`).
#[derive(Serialize)]
struct FacetLine<'a> {
    by: &'static str,
    value: Option<&'a str>,
    count: usize,
    share: f64,
}

pub fn run(index_dir: &Path, args: FacetsArgs) -> Result<Outcome> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let format = args
        .format
        .resolve("facets", &[Format::Text, Format::Json, Format::Tsv])?;
    let searcher = Searcher::open(index_dir)?;
    let filters = args.filters.resolve(&searcher)?;
    let query = args.query.as_deref().unwrap_or("*");
    let facets = facets::count(&searcher, query, &filters, args.by)?;
    let shown = &facets.counts[..facets.counts.len().min(args.limit)];
    let share = |n: usize| {
        if facets.total > 0 {
            n as f64 / facets.total as f64
        } else {
            0.0
        }
    };
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            for c in shown {
                let line = FacetLine {
                    by: args.by.as_str(),
                    value: c.value.as_deref(),
                    count: c.count,
                    share: (share(c.count) * 10_000.0).round() / 10_000.0,
                };
                json::line(&mut out, &line)?;
            }
        }
        Format::Tsv => {
            let mut w = TsvWriter::new(
                &mut out,
                vec![args.by.as_str().into(), "count".into(), "share".into()],
            );
            for c in shown {
                let row = serde_json::json!({args.by.as_str(): c.value, "count": c.count, "share": (share(c.count) * 10_000.0).round() / 10_000.0});
                w.row(&row)?;
            }
            w.finish()?;
        }
        _ => {
            let rows: Vec<(String, usize)> = shown
                .iter()
                .map(|c| (c.value.clone().unwrap_or_else(|| "(none)".into()), c.count))
                .collect();
            table::counts(&mut out, args.by.as_str(), &rows, facets.total)?;
            if facets.counts.len() > shown.len() {
                writeln!(
                    out,
                    "… and {} more values (--limit)",
                    facets.counts.len() - shown.len()
                )?;
            }
            writeln!(out, "{} matching passages", facets.total)?;
        }
    }
    out.flush()?;
    if facets.total == 0 {
        explain_empty(&searcher, query, &filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
