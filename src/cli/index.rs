//! `briefsearch index`: add files to the index, replacing changed ones.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Outcome;
use crate::index::ingest::{self, Event, Options};
use crate::index::{self, writer::Writer};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders (walked recursively: .txt, .md, .html, .json, .jsonl and files without
    /// extension); `-` reads briefings as JSON Lines from stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Remove briefings whose files no longer exist, and list them.
    #[arg(long)]
    pub prune: bool,

    /// Start from an empty index.
    #[arg(long)]
    pub rebuild: bool,

    /// Exit with status 2 if any file is skipped.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(index_dir: &Path, args: IndexArgs) -> Result<Outcome> {
    if let Some(missing) = args
        .paths
        .iter()
        .find(|p| p.as_os_str() != "-" && !p.exists())
    {
        bail!("{}: no such file or folder", missing.display());
    }
    if args.rebuild {
        index::remove(index_dir)?;
    }
    let mut writer = Writer::open(index_dir)?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} indexing {pos}/{len} files {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = ingest::run(
        &mut writer,
        &args.paths,
        index_dir,
        &Options { prune: args.prune },
        |event| match event {
            Event::Skipped { file, reason } => {
                progress.suspend(|| eprintln!("skipped {file}: {reason}"))
            }
            Event::Warning { file, note } => progress.suspend(|| eprintln!("note: {file}: {note}")),
            Event::Removed { id, file } => progress.suspend(|| eprintln!("removed {id} ({file})")),
            Event::Progress { done, total } => {
                progress.set_length(total as u64);
                progress.set_position(done as u64);
            }
        },
    )?;
    progress.finish_and_clear();
    writer.finish()?;
    eprintln!(
        "{} files: {} new, {} changed, {} unchanged, {} removed, {} skipped; {} passages written; the index holds {} briefings ({:.1}s)",
        report.seen,
        report.new,
        report.changed,
        report.unchanged,
        report.removed.len(),
        report.skipped.len(),
        report.passages,
        report.briefings,
        report.elapsed.as_secs_f64()
    );
    if args.strict && !report.skipped.is_empty() {
        bail!("{} file(s) skipped (--strict)", report.skipped.len());
    }
    Ok(Outcome::Found)
}
