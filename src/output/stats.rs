//! What an index holds, as aligned lines for people or one JSON object
//! (`schema/stats.schema.json`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::sanitize::for_terminal;
use super::{Style, json, plural};
use crate::search::stats::Stats;

pub(crate) fn print(out: &mut impl Write, style: Style, s: &Stats) -> io::Result<()> {
    if style == Style::Json {
        return json::line(out, s);
    }
    let pairs = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "index:      {}", for_terminal(&s.index))?;
    writeln!(
        out,
        "briefings:  {} ({})",
        s.briefings,
        pairs(&s.briefings_by_language)
    )?;
    writeln!(out, "passages:   {} ({})", s.passages, pairs(&s.languages))?;
    writeln!(out, "kinds:      {}", pairs(&s.kinds))?;
    writeln!(out, "speakers:   {}", s.speakers)?;
    writeln!(
        out,
        "dates:      {} to {}",
        s.first_date.as_deref().unwrap_or("-"),
        s.last_date.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "size:       {:.1} MB on disk, {}",
        s.size_bytes as f64 / 1e6,
        plural(s.segments, "segment", "segments")
    )?;
    writeln!(
        out,
        "versions:   schema {}, analyzer {}",
        s.schema_version, s.analyzer_version
    )?;
    let records = [
        (s.records.parallel, "parallel versions"),
        (s.records.reversed_words, "Chinese words backwards"),
        (s.records.shared_bands, "shared bands"),
    ];
    let list = |current: bool| {
        records
            .iter()
            .filter(|(c, _)| *c == current)
            .map(|(_, name)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (list(true), list(false)) {
        (current, missing) if missing.is_empty() => writeln!(out, "records:    {current}"),
        (current, missing) if current.is_empty() => writeln!(
            out,
            "records:    none of the index as it is ({missing}): `briefsearch index` makes them"
        ),
        (current, missing) => writeln!(
            out,
            "records:    {current}; not of the index as it is: {missing} (`briefsearch index` makes them)"
        ),
    }
}
