//! Output: results for people (text, coloured on a terminal) and for pipelines (JSON Lines,
//! TSV, SVG). Search code hands data over and never prints.
//!
//! Errors writing to stdout (a closed pipe) are returned, not printed: `main` treats a broken
//! pipe as a quiet end. Every string from the corpus that reaches a terminal goes through
//! [`sanitize::for_terminal`].

pub(crate) mod evaluation;
pub(crate) mod facets;
pub(crate) mod json;
pub(crate) mod parallel;
pub(crate) mod sanitize;
pub(crate) mod speakers;
pub(crate) mod stats;
pub(crate) mod svg;
pub(crate) mod table;
pub(crate) mod text;
pub(crate) mod transcript;
pub(crate) mod trend;
pub(crate) mod tsv;

use std::io::{self, Write};

use crate::search::{Hit, UnitSummary};

/// How a command's results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// For people; coloured when `color`.
    Text {
        color: bool,
    },
    /// JSON Lines, or one JSON object.
    Json,
    /// A header line, then one row per record.
    Tsv,
    Markdown,
}

/// How hits are written.
pub(crate) enum HitPrinter<W: Write> {
    Text(text::TextPrinter<W>),
    /// JSON Lines; with `Some(fields)`, only those fields. With `--explain`, the query's units
    /// go with each hit.
    Json(W, Option<Vec<String>>, Vec<UnitSummary>),
    Tsv(tsv::TsvWriter<W>),
}

impl<W: Write> HitPrinter<W> {
    pub(crate) fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        match self {
            HitPrinter::Text(p) => p.hit(hit),
            HitPrinter::Json(out, fields, units) => {
                let value = json::hit_with(hit, units)?;
                let value = match fields {
                    Some(f) => tsv::select(value, f),
                    None => value,
                };
                json::line(out, &value)
            }
            HitPrinter::Tsv(w) => w.row(&json::hit(hit)?),
        }
    }

    /// A record that is not a hit (`query --batch`: a query without hits, or one that
    /// failed): a JSON line as it is, a TSV row of the fields it has. Not shown in text.
    pub(crate) fn record(&mut self, record: &serde_json::Value) -> io::Result<()> {
        match self {
            HitPrinter::Text(_) => Ok(()),
            HitPrinter::Json(out, ..) => json::line(out, record),
            HitPrinter::Tsv(w) => w.row(record),
        }
    }

    pub(crate) fn finish(&mut self) -> io::Result<()> {
        match self {
            HitPrinter::Text(p) => p.finish(),
            HitPrinter::Json(out, ..) => out.flush(),
            HitPrinter::Tsv(w) => w.finish(),
        }
    }
}

/// `n` and a noun in the right number: "1 file", "2 files".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `x` rounded to 4 decimals: scores and shares in JSON and TSV.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
