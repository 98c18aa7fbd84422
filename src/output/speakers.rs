//! The speakers of an archive as an aligned table, JSON Lines (`schema/speaker.schema.json`)
//! or TSV.

use std::io::{self, Write};

use super::sanitize::for_terminal;
use super::tsv::TsvWriter;
use super::{Style, json, plural, table};
use crate::search::speakers::SpeakerSummary;

/// Columns of TSV output.
const TSV_FIELDS: [&str; 10] = [
    "speaker",
    "roles",
    "outlets",
    "passages",
    "briefings",
    "first_date",
    "last_date",
    "aliases",
    "similar_to",
    "other_script",
];

/// `speakers`: the listed speakers, then (in text) how many of `total` were left out.
pub(crate) fn print(
    out: &mut impl Write,
    style: Style,
    speakers: &[SpeakerSummary],
    total: usize,
) -> io::Result<()> {
    match style {
        Style::Json => {
            for s in speakers {
                json::line(out, s)?;
            }
        }
        Style::Tsv => {
            let mut w = TsvWriter::new(
                &mut *out,
                TSV_FIELDS.iter().map(|s| s.to_string()).collect(),
            );
            for s in speakers {
                let mut row = serde_json::to_value(s).map_err(io::Error::other)?;
                row["roles"] = s.roles.join("; ").into();
                row["outlets"] = s.outlets.join("; ").into();
                row["aliases"] = s.aliases.join("; ").into();
                row["other_script"] = s.other_script.join("; ").into();
                w.row(&row)?;
            }
            w.finish()?;
        }
        Style::Text { .. } | Style::Markdown => text(out, speakers, total)?,
    }
    Ok(())
}

/// The speaker's name, with its form in the other script: `毛宁 (Mao Ning)`.
fn name(s: &SpeakerSummary) -> String {
    match s.other_script.first() {
        Some(other) => format!("{} ({other})", s.speaker),
        None => s.speaker.clone(),
    }
}

fn text(out: &mut impl Write, speakers: &[SpeakerSummary], total: usize) -> io::Result<()> {
    let name_w = speakers
        .iter()
        .map(|s| table::width(&for_terminal(&name(s))))
        .max()
        .unwrap_or(7)
        .clamp(7, 30);
    writeln!(
        out,
        "{}  passages  briefings  first       last        role / outlet",
        table::pad("speaker", name_w)
    )?;
    for s in speakers {
        let mut what: Vec<String> = Vec::new();
        if let Some(like) = &s.similar_to {
            what.push(format!("a slip for {like}?"));
        }
        if !s.aliases.is_empty() {
            what.push(format!("also {}", s.aliases.join(", ")));
        }
        let given = what.len();
        what.extend(s.roles.iter().take(2).cloned());
        what.extend(s.outlets.iter().take(2).cloned());
        if s.roles.len() + s.outlets.len() + given > what.len() {
            what.push("…".into());
        }
        writeln!(
            out,
            "{}  {:>8}  {:>9}  {:<10}  {:<10}  {}",
            // A longer name is shown whole (it is what --speaker takes), past the column.
            table::pad_or_overflow(&for_terminal(&name(s)), name_w),
            s.passages,
            s.briefings,
            s.first_date.as_deref().unwrap_or("-"),
            s.last_date.as_deref().unwrap_or("-"),
            for_terminal(table::pad(&what.join("; "), 60).trim_end())
        )?;
    }
    if total > speakers.len() {
        let more = plural(total - speakers.len(), "more speaker", "more speakers");
        writeln!(out, "… and {more} (--limit)")?;
    }
    Ok(())
}
