//! JSON Lines: one object per hit, as documented in `schema/hit.schema.json`.
//!
//! The schema is a contract for scripts: fields may be added, never renamed or removed.

use std::io::{self, Write};

use crate::search::Hit;

pub struct JsonPrinter<W: Write> {
    out: W,
}

impl<W: Write> JsonPrinter<W> {
    pub fn new(out: W) -> JsonPrinter<W> {
        JsonPrinter { out }
    }

    pub fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, hit)?;
        self.out.write_all(b"\n")
    }

    pub fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
