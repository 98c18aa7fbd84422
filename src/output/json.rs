//! JSON Lines: one object per line. Each command's objects are described in `schema/`; the
//! schemas are contracts for scripts: fields may be added, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `value` as one line of JSON.
pub fn line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
