//! Output: hits for people (text, coloured on a terminal) and for pipelines (JSON Lines).
//!
//! A [`Printer`] is chosen once from the resolved options; search code hands it hits and
//! never prints. Errors writing to stdout (a closed pipe) are returned, not printed: `main`
//! treats a broken pipe as a quiet end.

pub mod json;
pub mod sanitize;
pub mod text;

use std::io::{self, Write};

use crate::search::Hit;

/// How hits are written.
pub enum Printer<W: Write> {
    Text(text::TextPrinter<W>),
    Json(json::JsonPrinter<W>),
}

impl<W: Write> Printer<W> {
    pub fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        match self {
            Printer::Text(p) => p.hit(hit),
            Printer::Json(p) => p.hit(hit),
        }
    }

    pub fn finish(&mut self) -> io::Result<()> {
        match self {
            Printer::Text(p) => p.finish(),
            Printer::Json(p) => p.finish(),
        }
    }
}
