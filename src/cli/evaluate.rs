//! `briefsearch evaluate`: ranking quality on a judged query set (MRR@10, nDCG@10, recall@10,
//! precision@5),
//! so that an archive owner can judge their own queries and see how well they are served.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use super::Outcome;
use super::args::{Format, FormatArgs};
use crate::evaluate::{self, Averages, JudgedSet};
use crate::output::json;
use crate::search::Searcher;
use crate::search::query::build::RankOptions;

#[derive(Debug, Args)]
pub struct EvaluateArgs {
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

pub fn run(index_dir: &Path, args: EvaluateArgs) -> Result<Outcome> {
    let format = args
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
    if format == Format::Json {
        json::line(&mut out, &result)?;
        return Ok(Outcome::Found);
    }
    let row = |out: &mut dyn Write, name: &str, a: &Averages| {
        writeln!(
            out,
            "{name:<18} {:>7} {:>7.3} {:>8.3} {:>9.3} {:>5.3}",
            a.queries, a.mrr, a.ndcg, a.recall, a.precision
        )
    };
    writeln!(
        out,
        "{:<18} {:>7} {:>7} {:>8} {:>9} {:>5}",
        "", "queries", "MRR@10", "nDCG@10", "recall@10", "P@5"
    )?;
    row(&mut out, "all", &result.overall)?;
    for (lang, a) in &result.by_lang {
        row(&mut out, &format!("lang {lang}"), a)?;
    }
    for (kind, a) in &result.by_type {
        row(&mut out, &format!("type {kind}"), a)?;
    }
    if args.per_query {
        writeln!(out)?;
        for q in &result.queries {
            writeln!(
                out,
                "{:<6} {:>5.2} {:>5.2} {:>5.2} {:>5.2}  {} ({})",
                q.id, q.rr, q.ndcg, q.recall, q.precision, q.query, q.kind
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}
