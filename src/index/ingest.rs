//! Ingest: from paths on disk to an up-to-date index.
//!
//! Walks the given files and folders, hashes each file, leaves unchanged ones alone, parses
//! new and changed ones and replaces their passages, and reports what happened. A file that
//! cannot be read or parsed is skipped with its reason; whatever the index already holds for
//! it is kept. Printing is the caller's business: events and the report are data.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_64;

use super::document::SourceInfo;
use super::writer::Writer;
use crate::parse::{self, Format};

/// Extensions of files that a folder walk picks up (files named on the command line are
/// always read). Files without an extension are read too: many archives save pages so.
const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown"];

/// Commit after this many changed files, so that a crash loses at most that much work.
pub const COMMIT_EVERY_FILES: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Remove briefings whose files no longer exist.
    pub prune: bool,
}

/// What an ingest run did.
#[derive(Debug, Default)]
pub struct Report {
    pub seen: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// (briefing id, file) of briefings removed by `--prune`.
    pub removed: Vec<(String, String)>,
    /// (file, reason) of files that were not indexed.
    pub skipped: Vec<(String, String)>,
    pub passages: usize,
    /// Briefings in the index after the run.
    pub briefings: usize,
    pub elapsed: Duration,
}

/// Something worth telling the user while the run goes on.
pub enum Event<'a> {
    Skipped { file: &'a str, reason: &'a str },
    Removed { id: &'a str, file: &'a str },
    Progress { done: usize, total: usize },
}

/// A file to index and the root it was found under (which names its briefing id).
struct Input {
    path: PathBuf,
    /// The briefing id this file gets if it is new: its path under the root it was found in.
    wanted_id: String,
}

/// Indexes `paths` (files or folders) into `writer`, skipping the index folder itself.
pub fn run(
    writer: &mut Writer,
    paths: &[PathBuf],
    index_dir: &Path,
    options: &Options,
    mut on_event: impl FnMut(Event),
) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    let index_dir = fs::canonicalize(index_dir).unwrap_or_else(|_| index_dir.to_path_buf());
    let inputs = discover(paths, &index_dir, &mut report, &mut on_event);
    let total = inputs.len();
    let mut seen_keys = HashSet::new();
    let mut uncommitted = 0;
    for (done, input) in inputs.into_iter().enumerate() {
        on_event(Event::Progress { done, total });
        report.seen += 1;
        let shown = input.path.display().to_string();
        let skip = |report: &mut Report, on_event: &mut dyn FnMut(Event), reason: String| {
            on_event(Event::Skipped {
                file: &shown,
                reason: &reason,
            });
            report.skipped.push((shown.clone(), reason));
        };
        let key = match fs::canonicalize(&input.path) {
            Ok(k) => k.to_string_lossy().into_owned(),
            Err(e) => {
                skip(
                    &mut report,
                    &mut on_event,
                    format!("cannot resolve path: {e}"),
                );
                continue;
            }
        };
        seen_keys.insert(key.clone());
        let bytes = match fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => {
                skip(&mut report, &mut on_event, format!("cannot read: {e}"));
                continue;
            }
        };
        let hash = xxh3_64(&bytes);
        let known = writer.manifest().get(&key).map(|e| e.content_hash);
        if known == Some(hash) {
            report.unchanged += 1;
            continue;
        }
        let parsed = parse::decode(&bytes).and_then(|text| {
            let name = input
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            parse::parse_text(text, &name, Format::of_path(&input.path))
        });
        let briefing = match parsed {
            Ok(b) => b,
            Err(e) => {
                skip(&mut report, &mut on_event, e.to_string());
                continue;
            }
        };
        let id = writer.manifest().id_for(&key, &input.wanted_id);
        let source = SourceInfo {
            briefing_id: &id,
            source: &shown,
            source_key: &key,
            content_hash: hash,
        };
        report.passages += writer.replace(&source, &briefing)?;
        if known.is_some() {
            report.changed += 1;
        } else {
            report.new += 1;
        }
        uncommitted += 1;
        if uncommitted >= COMMIT_EVERY_FILES {
            writer.commit()?;
            uncommitted = 0;
        }
    }
    on_event(Event::Progress { done: total, total });
    if options.prune {
        let gone: Vec<String> = writer
            .manifest()
            .keys()
            .into_iter()
            .filter(|k| !seen_keys.contains(*k) && !Path::new(k).exists())
            .map(str::to_string)
            .collect();
        for key in gone {
            if let Some(id) = writer.remove(&key) {
                on_event(Event::Removed {
                    id: &id,
                    file: &key,
                });
                report.removed.push((id, key));
            }
        }
    }
    writer.commit()?;
    report.briefings = writer.manifest().len();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Every file to index under `paths`, in a stable order; problems become skipped entries.
fn discover(
    paths: &[PathBuf],
    index_dir: &Path,
    report: &mut Report,
    on_event: &mut impl FnMut(Event),
) -> Vec<Input> {
    let mut inputs = Vec::new();
    for root in paths {
        if root.is_file() {
            let wanted_id = root.file_name().map_or_else(
                || root.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            inputs.push(Input {
                path: root.clone(),
                wanted_id,
            });
            continue;
        }
        let root_name = fs::canonicalize(root)
            .ok()
            .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let file = e
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                    let reason = match e.loop_ancestor() {
                        Some(a) => format!("symbolic link loop back to {}", a.display()),
                        None => e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| format!("cannot read: {io}")),
                    };
                    on_event(Event::Skipped {
                        file: &file,
                        reason: &reason,
                    });
                    report.skipped.push((file, reason));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            if fs::canonicalize(path).is_ok_and(|c| c.starts_with(index_dir))
                || !is_transcript_name(path)
            {
                continue;
            }
            let relative = path.strip_prefix(root).unwrap_or(path);
            let relative = relative.to_string_lossy().replace('\\', "/");
            let wanted_id = if root_name.is_empty() {
                relative
            } else {
                format!("{root_name}/{relative}")
            };
            inputs.push(Input {
                path: path.to_path_buf(),
                wanted_id,
            });
        }
    }
    inputs
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Documentation that sits beside transcripts in archives (a README, a LICENSE) is not a
/// transcript; a folder walk leaves it out.
const DOCUMENTATION_STEMS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "notice",
    "authors",
    "contributing",
];

fn is_transcript_name(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if DOCUMENTATION_STEMS.contains(&stem.as_str()) {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => TRANSCRIPT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
    }
}
