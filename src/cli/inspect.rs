//! `briefsearch inspect`: how a transcript is understood, to check a new archive's shape
//! before indexing it, or to convert it to the JSON form (`--json`).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::Outcome;
use crate::briefing::Kind;
use crate::output::sanitize::for_terminal;
use crate::parse::{self, Format, Record};

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Transcript files (text, Markdown, HTML, JSON).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print each briefing in the JSON form (schema/briefing.schema.json), one per line:
    /// the input of `briefsearch index -`.
    #[arg(long)]
    pub json: bool,
}

pub(super) fn run(args: InspectArgs) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    for path in &args.files {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = parse::parse(&bytes, &name, Format::of_path(path))
            .with_context(|| path.display().to_string())?;
        for rejected in &parsed.rejected {
            eprintln!(
                "{}:{}: invalid JSON: {}",
                path.display(),
                rejected.line,
                rejected.message
            );
        }
        for record in &parsed.records {
            if args.json {
                let id = record.id.clone().unwrap_or_else(|| name.clone());
                serde_json::to_writer(
                    &mut out,
                    &parse::json::to_json(Some(&id), &record.briefing),
                )?;
                writeln!(out)?;
            } else {
                print_briefing(&mut out, path, record)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn print_briefing(out: &mut impl Write, path: &Path, record: &Record) -> io::Result<()> {
    let briefing = &record.briefing;
    writeln!(out, "file:  {}", path.display())?;
    if let Some(id) = &record.id {
        writeln!(out, "id:    {}", for_terminal(id))?;
    }
    writeln!(out, "title: {}", for_terminal(&briefing.title))?;
    writeln!(
        out,
        "date:  {}",
        briefing
            .date
            .map_or("(none)".to_string(), |d| d.to_string())
    )?;
    writeln!(out, "lang:  {}", briefing.lang)?;
    for p in briefing.passages() {
        let who = match (p.speaker, p.outlet, p.kind) {
            (Some(s), _, _) => s.to_string(),
            (None, Some(o), _) => format!("Reporter, {o}"),
            (None, None, Kind::Narration) => "—".to_string(),
            (None, None, _) => "Reporter".to_string(),
        };
        let text: String = p.text.chars().take(90).collect();
        let more = if p.text.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        writeln!(
            out,
            "  #{:<3} t{:<2} {:<9} {}: {}{more}",
            p.ordinal,
            p.turn,
            p.kind.as_str(),
            for_terminal(&who),
            for_terminal(&text)
        )?;
    }
    writeln!(out)
}
