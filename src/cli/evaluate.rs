//! `briefsearch evaluate`: ranking quality on a judged query set (MRR@10, nDCG@10, recall@10,
//! precision@5),
//! so that an archive owner can judge their own queries and see how well they are served.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{Format, FormatArgs};
use crate::evaluate::{self, JudgedSet};
use crate::output;
use crate::search::Searcher;
use crate::search::query::build::RankOptions;

#[derive(Debug, Args)]
pub(crate) struct EvaluateArgs {
    /// Pairs of files: queries (TSV with a header: id, lang, type, query[, speaker, since,
    /// until]) then their judgments (TSV with a header: query, passage, grade (2 = the answer,
    /// 1 = related)[, anchor words of the passage]). Several pairs are merged.
    #[arg(value_name = "QUERIES JUDGMENTS", num_args = 2.., required = true)]
    pub files: Vec<PathBuf>,

    /// Also list every query with its scores.
    #[arg(long)]
    pub per_query: bool,

    #[command(flatten)]
    pub format: FormatArgs,
}

pub(super) fn run(index_dir: &Path, args: EvaluateArgs) -> Result<Outcome> {
    let style = args
        .format
        .resolve("evaluate", &[Format::Text, Format::Json])?;
    let searcher = Searcher::open(index_dir)?;
    if !args.files.len().is_multiple_of(2) {
        anyhow::bail!("give files in pairs: QUERIES JUDGMENTS [QUERIES JUDGMENTS …]");
    }
    let pairs: Vec<(&Path, &Path)> = args
        .files
        .chunks(2)
        .map(|p| (p[0].as_path(), p[1].as_path()))
        .collect();
    let set = JudgedSet::load(&pairs)?;
    let result = evaluate::evaluate(&searcher, &set, &RankOptions::default())?;
    let mut out = io::stdout().lock();
    output::evaluation::print(&mut out, style, &result, args.per_query)?;
    out.flush()?;
    Ok(Outcome::Found)
}
