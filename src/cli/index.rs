//! `briefsearch index`: add files to the index, replacing changed ones.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use super::Outcome;
use crate::index::ingest::{self, Event, Options};
use crate::index::{self, writer::Writer};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Transcript files, or folders to walk recursively (.txt, .md and files without extension).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Remove briefings whose files no longer exist.
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
    if let Some(missing) = args.paths.iter().find(|p| !p.exists()) {
        bail!("{}: no such file or folder", missing.display());
    }
    if args.rebuild {
        index::remove(index_dir)?;
    }
    let mut writer = Writer::open(index_dir)?;
    let stderr = std::io::stderr();
    let verbose_progress = stderr.is_terminal();
    let report = ingest::run(
        &mut writer,
        &args.paths,
        index_dir,
        &Options { prune: args.prune },
        |event| {
            let mut err = stderr.lock();
            // Messages on stderr are best effort: a closed stderr must not stop indexing.
            let _ = match event {
                Event::Skipped { file, reason } => writeln!(err, "skipped {file}: {reason}"),
                Event::Removed { id, file } => writeln!(err, "removed {id} ({file})"),
                Event::Progress { done, total } if verbose_progress && total > 0 => {
                    write!(err, "\rindexing {done}/{total}")
                }
                Event::Progress { .. } => Ok(()),
            };
        },
    )?;
    writer.finish()?;
    if verbose_progress {
        eprint!("\r\x1b[K");
    }
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
