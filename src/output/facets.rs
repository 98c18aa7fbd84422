//! Facet counts as text (an aligned table with bars), JSON Lines (`schema/facet.schema.json`)
//! or TSV.

use std::io::{self, Write};

use serde::Serialize;

use super::tsv::TsvWriter;
use super::{Style, json, plural, round4, table};
use crate::search::facets::Facets;

/// One line of `facets --json`.
#[derive(Serialize)]
struct FacetLine<'a> {
    by: &'static str,
    value: Option<&'a str>,
    count: usize,
    share: f64,
    /// For outlets: the canonical outlet (the hits' `outlet_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
}

/// `facets`: the `limit` most frequent values, then (in text) how many more there are and the
/// number of matching passages.
pub(crate) fn print(
    out: &mut impl Write,
    style: Style,
    facets: &Facets,
    limit: usize,
) -> io::Result<()> {
    let shown = &facets.counts[..facets.counts.len().min(limit)];
    let by = facets.by.as_str();
    let share = |n: usize| {
        round4(if facets.total > 0 {
            n as f64 / facets.total as f64
        } else {
            0.0
        })
    };
    match style {
        Style::Json => {
            for c in shown {
                let line = FacetLine {
                    by,
                    value: c.value.as_deref(),
                    count: c.count,
                    share: share(c.count),
                    id: c.id.as_deref(),
                };
                json::line(out, &line)?;
            }
        }
        Style::Tsv => {
            let mut w = TsvWriter::new(&mut *out, vec![by.into(), "count".into(), "share".into()]);
            for c in shown {
                w.row(
                    &serde_json::json!({by: c.value, "count": c.count, "share": share(c.count)}),
                )?;
            }
            w.finish()?;
        }
        Style::Text { .. } | Style::Markdown => {
            let rest = text(out, facets, limit)?;
            if rest > 0 {
                let more = plural(rest, "more value", "more values");
                writeln!(out, "… and {more} (--limit)")?;
            }
            let total = plural(facets.total, "matching passage", "matching passages");
            writeln!(out, "{total}")?;
        }
    }
    Ok(())
}

/// The table of the `limit` most frequent values, under a heading naming the dimension;
/// returns how many values were left out.
pub(crate) fn text(out: &mut impl Write, facets: &Facets, limit: usize) -> io::Result<usize> {
    let rows: Vec<(String, usize)> = facets
        .counts
        .iter()
        .take(limit)
        .map(|c| (c.value.clone().unwrap_or_else(|| "(none)".into()), c.count))
        .collect();
    table::counts(out, facets.by.as_str(), &rows, facets.total)?;
    Ok(facets.counts.len() - rows.len())
}
