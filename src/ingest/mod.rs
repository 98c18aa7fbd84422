//! Ingest: from paths on disk (or JSON Lines on stdin) to an up-to-date index.
//!
//! Walks the given files and folders ([`discover`]), reads, hashes and parses them in parallel
//! ([`files`]), leaves unchanged ones alone, replaces the briefings of new and changed ones
//! and commits at intervals ([`session`]), and reports what happened. A file that cannot be
//! read or parsed is skipped with its reason, and whatever the index already holds for it is
//! kept. Printing is the caller's business: events and the report are data.

mod discover;
mod files;
mod session;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::Result;

use crate::analyze::AnalyzerOptions;
use crate::index::writer::Writer;
use discover::discover;
use session::Session;

/// Commit after this many changed files, so that a crash loses at most that much work.
pub(crate) const COMMIT_EVERY_FILES: usize = 500;
/// …or after this many bytes of changed files, whichever comes first.
pub(crate) const COMMIT_EVERY_BYTES: u64 = 64 * 1024 * 1024;
/// Files larger than this are skipped: no transcript is this long, and reading one whole
/// would make memory grow with the input.
pub(crate) const MAX_FILE_BYTES: u64 = 32_000_000;

#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Remove briefings whose files no longer exist.
    pub(crate) prune: bool,
    /// Commit after this many new or changed files…
    pub(crate) commit_every_files: usize,
    /// …or this many bytes of them.
    pub(crate) commit_every_bytes: u64,
    /// Skip files larger than this.
    pub(crate) max_file_bytes: u64,
    /// Set (by a Ctrl-C handler) to stop after the current file, committing what was done.
    pub(crate) interrupted: Arc<AtomicBool>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            prune: false,
            commit_every_files: COMMIT_EVERY_FILES,
            commit_every_bytes: COMMIT_EVERY_BYTES,
            max_file_bytes: MAX_FILE_BYTES,
            interrupted: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// What an ingest run did. "Files" counts each record read from stdin as one.
#[derive(Debug, Default)]
pub struct Report {
    pub seen: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// (briefing id, file) of briefings removed by `--prune`.
    pub removed: Vec<(String, String)>,
    /// (file, reason) of files or records that were not indexed.
    pub skipped: Vec<(String, String)>,
    pub passages: usize,
    /// Briefings in the index after the run.
    pub briefings: usize,
    /// The run was interrupted; what it did before is committed.
    pub interrupted: bool,
}

/// Something worth telling the user while the run goes on.
pub(crate) enum Event<'a> {
    Skipped {
        file: &'a str,
        reason: &'a str,
    },
    Warning {
        file: &'a str,
        note: &'a str,
    },
    Removed {
        id: &'a str,
        file: &'a str,
    },
    /// A folder holds no file that looks like a transcript.
    NothingFound {
        folder: &'a str,
    },
    Progress {
        done: usize,
        total: usize,
    },
}

/// Indexes `paths` into the index in `dir`, created with the analysis variant `options` if it
/// does not exist, with the default ingest options (for comparing analysis variants).
pub fn index_with(dir: &Path, paths: &[PathBuf], options: AnalyzerOptions) -> Result<Report> {
    let mut writer = Writer::open_with(dir, false, || {}, options)?;
    let report = run(&mut writer, paths, dir, &Options::default(), |_| {})?;
    writer.finish_now()?;
    Ok(report)
}

/// Indexes `paths` (files, folders, or `-` for JSON Lines on stdin) into `writer`. Paths
/// that do not exist are the caller's to report: they are passed over here.
pub(crate) fn run(
    writer: &mut Writer,
    paths: &[PathBuf],
    index_dir: &Path,
    options: &Options,
    on_event: impl FnMut(Event),
) -> Result<Report> {
    let index_dir = fs::canonicalize(index_dir).unwrap_or_else(|_| index_dir.to_path_buf());
    let read_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.exists())
        .cloned()
        .collect();
    let mut session = Session::new(writer, options, on_event);
    let inputs = discover(&files, &index_dir, &mut session);
    session.files(&inputs)?;
    if !session.interrupted() {
        if read_stdin {
            session.stdin()?;
        }
        if options.prune {
            session.prune();
        }
    }
    session.finish()
}
