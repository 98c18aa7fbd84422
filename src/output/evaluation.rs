//! Ranking quality as a table for people (overall, per language, per type, and with
//! `--per-query` every query), or one JSON object (`schema/evaluation.schema.json`).

use std::io::{self, Write};

use super::{Style, json};
use crate::evaluate::{Averages, Evaluation};

pub(crate) fn print(
    out: &mut impl Write,
    style: Style,
    result: &Evaluation,
    per_query: bool,
) -> io::Result<()> {
    if style == Style::Json {
        return json::line(out, result);
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
    row(out, "all", &result.overall)?;
    for (lang, a) in &result.by_lang {
        row(out, &format!("lang {lang}"), a)?;
    }
    for (kind, a) in &result.by_type {
        row(out, &format!("type {kind}"), a)?;
    }
    if per_query {
        writeln!(out)?;
        for q in &result.queries {
            writeln!(
                out,
                "{:<6} {:>5.2} {:>5.2} {:>5.2} {:>5.2}  {} ({})",
                q.id, q.rr, q.ndcg, q.recall, q.precision, q.query, q.kind
            )?;
        }
    }
    Ok(())
}
