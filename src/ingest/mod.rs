//! Ingest: from paths on disk (or JSON Lines on stdin) to an up-to-date index.
//!
//! Walks the given files and folders, hashes each file, leaves unchanged ones alone, parses
//! new and changed ones and replaces their briefings, and reports what happened. A file that
//! cannot be read or parsed is skipped with its reason, and whatever the index already holds
//! for it is kept. Printing is the caller's business: events and the report are data.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use xxhash_rust::xxh3::xxh3_64;

use crate::analyze::AnalyzerOptions;
use crate::briefing::{Briefing, Kind};
use crate::index::writer::Writer;
use crate::parse::{self, Format, Record};
use discover::discover;

mod discover;

/// Commit after this many changed files, so that a crash loses at most that much work.
pub(crate) const COMMIT_EVERY_FILES: usize = 500;
/// …or after this many bytes of changed files, whichever comes first.
pub(crate) const COMMIT_EVERY_BYTES: u64 = 64 * 1024 * 1024;
/// Files larger than this are skipped: no transcript is this long, and reading one whole
/// would make memory grow with the input.
pub(crate) const MAX_FILE_BYTES: u64 = 32_000_000;

/// Key prefix of briefings read from stdin: they have no file, so `--prune` leaves them.
const STDIN_KEY: &str = "stdin:";

#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Remove briefings whose files no longer exist.
    pub prune: bool,
    /// Commit after this many new or changed files…
    pub commit_every_files: usize,
    /// …or this many bytes of them.
    pub commit_every_bytes: u64,
    /// Skip files larger than this.
    pub max_file_bytes: u64,
    /// Set (by a Ctrl-C handler) to stop after the current file, committing what was done.
    pub interrupted: Arc<AtomicBool>,
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
    /// (file, note) of files indexed with a caveat.
    pub warnings: Vec<(String, String)>,
    pub passages: usize,
    /// Briefings in the index after the run.
    pub briefings: usize,
    /// Commits made (each one atomic).
    pub commits: usize,
    /// The run was interrupted; what it did before is committed.
    pub interrupted: bool,
    pub elapsed: Duration,
}

/// Something worth telling the user while the run goes on.
pub(crate) enum Event<'a> {
    Skipped { file: &'a str, reason: &'a str },
    Warning { file: &'a str, note: &'a str },
    Removed { id: &'a str, file: &'a str },
    Progress { done: usize, total: usize },
}

/// A file to index.
struct Input {
    path: PathBuf,
    /// The briefing id this file gets if it is new: its path under the folder it was found in.
    wanted_id: String,
    format: Option<Format>,
}

/// Indexes `paths` into the index in `dir`, created with the analysis variant `options` if it
/// does not exist, with the default ingest options (for comparing analysis variants).
pub fn index_with(dir: &Path, paths: &[PathBuf], options: AnalyzerOptions) -> Result<Report> {
    let mut writer = Writer::open_with(dir, false, || {}, options)?;
    let report = run(&mut writer, paths, dir, &Options::default(), |_| {})?;
    writer.finish_now()?;
    Ok(report)
}

/// Indexes `paths` (files, folders, or `-` for JSON Lines on stdin) into `writer`.
pub(crate) fn run(
    writer: &mut Writer,
    paths: &[PathBuf],
    index_dir: &Path,
    options: &Options,
    mut on_event: impl FnMut(Event),
) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    let index_dir = fs::canonicalize(index_dir).unwrap_or_else(|_| index_dir.to_path_buf());
    let read_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let inputs = discover(&files, &index_dir, &mut report, &mut on_event);
    let total = inputs.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_PARSE_THREADS);
    let mut seen_keys = HashSet::new();
    let (mut uncommitted_files, mut uncommitted_bytes) = (0usize, 0u64);
    let mut done = 0;
    'chunks: for chunk in chunks(&inputs, options.max_file_bytes) {
        // Files are read and parsed in parallel, a chunk at a time, and applied in order, so
        // that commits fall on the same files whatever the timing.
        let prepared = prepare_chunk(chunk, writer.manifest(), options, workers);
        for (input, prepared) in chunk.iter().zip(prepared) {
            if options.interrupted.load(Ordering::SeqCst) {
                report.interrupted = true;
                break 'chunks;
            }
            on_event(Event::Progress { done, total });
            done += 1;
            report.seen += 1;
            let shown = input.path.display().to_string();
            let (key, hash, parsed, size) = match prepared {
                Prepared::Skipped { key, reason } => {
                    seen_keys.extend(key);
                    skip(&mut report, &mut on_event, &shown, reason);
                    continue;
                }
                Prepared::Unchanged { key } => {
                    seen_keys.insert(key);
                    report.unchanged += 1;
                    continue;
                }
                Prepared::Parsed {
                    key,
                    hash,
                    parsed,
                    size,
                } => (key, hash, parsed, size),
            };
            seen_keys.insert(key.clone());
            for rejected in &parsed.rejected {
                let place = format!("{shown}:{}", rejected.line);
                skip(
                    &mut report,
                    &mut on_event,
                    &place,
                    format!("invalid JSON: {}", rejected.message),
                );
            }
            if parsed.records.is_empty() {
                if parsed.rejected.is_empty() {
                    skip(
                        &mut report,
                        &mut on_event,
                        &shown,
                        "no briefing in the file".into(),
                    );
                }
                continue;
            }
            let known = writer.manifest().get(&key).is_some();
            let single = parsed.records.len() == 1;
            let mut ids: Vec<String> = Vec::with_capacity(parsed.records.len());
            for record in &parsed.records {
                let wanted = match (&record.id, single) {
                    (Some(id), _) => id.clone(),
                    (None, true) => writer
                        .manifest()
                        .existing_id(&key)
                        .unwrap_or(&input.wanted_id)
                        .to_string(),
                    (None, false) => format!("{}:{}", input.wanted_id, record.line),
                };
                ids.push(writer.manifest().id_for(&key, &wanted, &ids));
                warn_if_no_speakers(&mut report, &mut on_event, &shown, &record.briefing);
            }
            let items: Vec<(String, &Briefing)> = ids
                .into_iter()
                .zip(parsed.records.iter().map(|r| &r.briefing))
                .collect();
            report.passages += writer.replace(&key, &shown, hash, &items)?;
            if known {
                report.changed += 1;
            } else {
                report.new += 1;
            }
            uncommitted_files += 1;
            uncommitted_bytes += size;
            if uncommitted_files >= options.commit_every_files
                || uncommitted_bytes >= options.commit_every_bytes
            {
                writer.commit()?;
                report.commits += 1;
                (uncommitted_files, uncommitted_bytes) = (0, 0);
            }
        }
    }
    on_event(Event::Progress { done: total, total });
    if report.interrupted {
        writer.commit()?;
        report.commits += 1;
        report.briefings = writer.manifest().briefings();
        report.elapsed = started.elapsed();
        return Ok(report);
    }
    if read_stdin {
        ingest_stdin(writer, &mut report, &mut on_event)?;
    }
    if options.prune {
        prune(writer, &seen_keys, &mut report, &mut on_event);
    }
    writer.commit()?;
    report.commits += 1;
    report.briefings = writer.manifest().briefings();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Parsing threads at most (tantivy's own indexing threads work beside them).
const MAX_PARSE_THREADS: usize = 4;
/// A chunk holds at most this many files…
const CHUNK_FILES: usize = 64;
/// …and about this many bytes of them, so memory stays bounded.
const CHUNK_BYTES: u64 = 24 * 1024 * 1024;

/// A file read and parsed, or why not.
enum Prepared {
    Skipped {
        key: Option<String>,
        reason: String,
    },
    Unchanged {
        key: String,
    },
    Parsed {
        key: String,
        hash: u64,
        parsed: parse::Parsed,
        size: u64,
    },
}

/// Consecutive runs of inputs of bounded count and size.
fn chunks(inputs: &[Input], max_file_bytes: u64) -> Vec<&[Input]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        bytes += fs::metadata(&input.path).map_or(0, |m| m.len().min(max_file_bytes));
        if i + 1 - start >= CHUNK_FILES || bytes >= CHUNK_BYTES {
            out.push(&inputs[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// Reads, hashes and parses the files of a chunk on `workers` threads, results in order.
fn prepare_chunk(
    chunk: &[Input],
    manifest: &crate::index::manifest::Manifest,
    options: &Options,
    workers: usize,
) -> Vec<Prepared> {
    if workers <= 1 || chunk.len() <= 1 {
        return chunk
            .iter()
            .map(|input| prepare(input, manifest, options))
            .collect();
    }
    let per = chunk.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per)
            .map(|part| {
                let handle = scope.spawn(move || {
                    part.iter()
                        .map(|input| prepare(input, manifest, options))
                        .collect::<Vec<_>>()
                });
                (part, handle)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                // A parser bug must cost its files, never the run or the order of results.
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|_| Prepared::Skipped {
                            key: None,
                            reason: "internal error while parsing this file (please report it)"
                                .into(),
                        })
                        .collect()
                })
            })
            .collect()
    })
}

fn prepare(
    input: &Input,
    manifest: &crate::index::manifest::Manifest,
    options: &Options,
) -> Prepared {
    let key = match fs::canonicalize(&input.path) {
        Ok(k) => k.to_string_lossy().into_owned(),
        Err(e) => {
            return Prepared::Skipped {
                key: None,
                reason: format!("cannot resolve path: {e}"),
            };
        }
    };
    if let Ok(m) = fs::metadata(&input.path)
        && m.len() > options.max_file_bytes
    {
        let reason = format!(
            "too large ({:.1} MB; the limit is {:.1} MB, see --max-file-size)",
            m.len() as f64 / 1e6,
            options.max_file_bytes as f64 / 1e6
        );
        return Prepared::Skipped {
            key: Some(key),
            reason,
        };
    }
    let bytes = match fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => {
            return Prepared::Skipped {
                key: Some(key),
                reason: format!("cannot read: {e}"),
            };
        }
    };
    let hash = xxh3_64(&bytes);
    if manifest.get(&key).map(|e| e.content_hash) == Some(hash) {
        return Prepared::Unchanged { key };
    }
    let name = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match parse::parse(&bytes, &name, input.format) {
        Ok(parsed) => Prepared::Parsed {
            key,
            hash,
            parsed,
            size: bytes.len() as u64,
        },
        Err(e) => Prepared::Skipped {
            key: Some(key),
            reason: e.to_string(),
        },
    }
}

fn skip(report: &mut Report, on_event: &mut impl FnMut(Event), file: &str, reason: String) {
    on_event(Event::Skipped {
        file,
        reason: &reason,
    });
    report.skipped.push((file.to_string(), reason));
}

fn warn_if_no_speakers(
    report: &mut Report,
    on_event: &mut impl FnMut(Event),
    file: &str,
    briefing: &Briefing,
) {
    if briefing.turns.iter().all(|t| t.kind == Kind::Narration) {
        let note = "no speaker labels found; indexed as narration".to_string();
        on_event(Event::Warning { file, note: &note });
        report.warnings.push((file.to_string(), note));
    }
}

/// JSON Lines from stdin: each record is its own unit, keyed by its id.
fn ingest_stdin(
    writer: &mut Writer,
    report: &mut Report,
    on_event: &mut impl FnMut(Event),
) -> Result<()> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read JSON Lines from stdin (is it UTF-8?)")?;
    let lines: Vec<&str> = text.lines().collect();
    for result in parse::json::parse_lines(&text) {
        report.seen += 1;
        let record: Record = match result {
            Ok(r) => r,
            Err(e) => {
                skip(
                    report,
                    on_event,
                    &format!("stdin:{}", e.line),
                    format!("invalid JSON: {}", e.message),
                );
                continue;
            }
        };
        let id = record.id.clone().unwrap_or_default();
        let key = format!("{STDIN_KEY}{id}");
        let hash = xxh3_64(
            lines
                .get(record.line - 1)
                .map_or(&b""[..], |l| l.as_bytes()),
        );
        let known = writer.manifest().get(&key).map(|e| e.content_hash);
        if known == Some(hash) {
            report.unchanged += 1;
            continue;
        }
        let id = writer.manifest().id_for(&key, &id, &[]);
        warn_if_no_speakers(
            report,
            on_event,
            &format!("stdin:{}", record.line),
            &record.briefing,
        );
        report.passages += writer.replace(&key, "(stdin)", hash, &[(id, &record.briefing)])?;
        if known.is_some() {
            report.changed += 1;
        } else {
            report.new += 1;
        }
    }
    Ok(())
}

fn prune(
    writer: &mut Writer,
    seen: &HashSet<String>,
    report: &mut Report,
    on_event: &mut impl FnMut(Event),
) {
    let gone: Vec<String> = writer
        .manifest()
        .keys()
        .into_iter()
        .filter(|k| !k.starts_with(STDIN_KEY) && !seen.contains(*k) && !Path::new(k).exists())
        .map(str::to_string)
        .collect();
    for key in gone {
        for id in writer.remove(&key) {
            on_event(Event::Removed {
                id: &id,
                file: &key,
            });
            report.removed.push((id, key.clone()));
        }
    }
}
