//! One ingest run against a writer: applies parsed files in order, gives briefings their
//! ids, commits at intervals, reads JSON Lines from stdin, prunes, and keeps the report.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::Ordering;

use anyhow::{Context, Result};
use xxhash_rust::xxh3::xxh3_64;

use super::files::{Input, Prepared, chunks, prepare_chunk};
use super::{Event, Options, Report};
use crate::briefing::{Briefing, Kind};
use crate::index::document::STDIN_SOURCE;
use crate::index::manifest::Manifest;
use crate::index::writer::Writer;
use crate::parse::{self, Record};

/// Key prefix of briefings read from stdin: they have no file, so `--prune` leaves them.
const STDIN_KEY: &str = "stdin:";

/// Parsing threads at most (tantivy's own indexing threads work beside them).
const MAX_PARSE_THREADS: usize = 4;

/// When to commit: after so many changed files or so many bytes of them, whichever first.
#[derive(Debug)]
struct CommitPolicy {
    every_files: usize,
    every_bytes: u64,
    files: usize,
    bytes: u64,
}

impl CommitPolicy {
    fn new(options: &Options) -> CommitPolicy {
        CommitPolicy {
            every_files: options.commit_every_files,
            every_bytes: options.commit_every_bytes,
            files: 0,
            bytes: 0,
        }
    }

    /// Counts a changed file of `bytes`; true when a commit is due (and the count restarts).
    fn changed(&mut self, bytes: u64) -> bool {
        self.files += 1;
        self.bytes += bytes;
        let due = self.files >= self.every_files || self.bytes >= self.every_bytes;
        if due {
            (self.files, self.bytes) = (0, 0);
        }
        due
    }
}

pub(super) struct Session<'w, 'o, E: FnMut(Event)> {
    writer: &'w mut Writer,
    options: &'o Options,
    on_event: E,
    report: Report,
    policy: CommitPolicy,
    /// Files met in this run (kept by `--prune`).
    seen_keys: HashSet<String>,
}

impl<'w, 'o, E: FnMut(Event)> Session<'w, 'o, E> {
    pub(super) fn new(writer: &'w mut Writer, options: &'o Options, on_event: E) -> Self {
        Session {
            writer,
            options,
            on_event,
            report: Report::default(),
            policy: CommitPolicy::new(options),
            seen_keys: HashSet::new(),
        }
    }

    pub(super) fn interrupted(&self) -> bool {
        self.report.interrupted
    }

    /// Tells that `file` (or a record of it) was not indexed, and why.
    pub(super) fn skip(&mut self, file: &str, reason: String) {
        (self.on_event)(Event::Skipped {
            file,
            reason: &reason,
        });
        self.report.skipped.push((file.to_string(), reason));
    }

    /// Tells that the folder `folder` holds no file to index.
    pub(super) fn nothing_in(&mut self, folder: &str) {
        (self.on_event)(Event::NothingFound { folder });
    }

    /// The number of files and records skipped so far.
    pub(super) fn skipped(&self) -> usize {
        self.report.skipped.len()
    }

    fn warn_if_no_speakers(&mut self, file: &str, briefing: &Briefing) {
        if briefing.turns.iter().all(|t| t.kind == Kind::Narration) {
            let note = "no speaker labels found; indexed as narration";
            (self.on_event)(Event::Warning { file, note });
        }
    }

    /// Reads, parses and applies `inputs` in order, a chunk at a time; stops after the current
    /// file when interrupted.
    pub(super) fn files(&mut self, inputs: &[Input]) -> Result<()> {
        let total = inputs.len();
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_PARSE_THREADS);
        let mut done = 0;
        for chunk in chunks(inputs, self.options.max_file_bytes) {
            let prepared = prepare_chunk(chunk, self.writer.manifest(), self.options, workers);
            for (input, prepared) in chunk.iter().zip(prepared) {
                if self.options.interrupted.load(Ordering::SeqCst) {
                    self.report.interrupted = true;
                    return Ok(());
                }
                (self.on_event)(Event::Progress { done, total });
                done += 1;
                self.apply(input, prepared)?;
            }
        }
        (self.on_event)(Event::Progress { done: total, total });
        Ok(())
    }

    /// One file's outcome: skipped, unchanged, or its briefings written in place of the old.
    fn apply(&mut self, input: &Input, prepared: Prepared) -> Result<()> {
        self.report.seen += 1;
        let shown = input.path.display().to_string();
        let (key, hash, parsed, size) = match prepared {
            Prepared::Skipped { key, reason } => {
                self.seen_keys.extend(key);
                self.skip(&shown, reason);
                return Ok(());
            }
            Prepared::Unchanged { key } => {
                self.seen_keys.insert(key);
                self.report.unchanged += 1;
                return Ok(());
            }
            Prepared::Parsed {
                key,
                hash,
                parsed,
                size,
            } => (key, hash, parsed, size),
        };
        self.seen_keys.insert(key.clone());
        for rejected in &parsed.rejected {
            let place = format!("{shown}:{}", rejected.line);
            self.skip(&place, format!("invalid JSON: {}", rejected.message));
        }
        if parsed.records.is_empty() {
            if parsed.rejected.is_empty() {
                self.skip(&shown, "no briefing in the file".into());
            }
            return Ok(());
        }
        let known = self.writer.manifest().get(&key).is_some();
        let ids = ids_for(
            self.writer.manifest(),
            &key,
            &parsed.records,
            &input.wanted_id,
        );
        for record in &parsed.records {
            self.warn_if_no_speakers(&shown, &record.briefing);
        }
        let items: Vec<(String, &Briefing)> = ids
            .into_iter()
            .zip(parsed.records.iter().map(|r| &r.briefing))
            .collect();
        self.report.passages += self.writer.replace(&key, &shown, hash, &items)?;
        if known {
            self.report.changed += 1;
        } else {
            self.report.new += 1;
        }
        if self.policy.changed(size) {
            self.writer.commit()?;
        }
        Ok(())
    }

    /// JSON Lines from stdin: each record is its own unit, keyed by its id.
    pub(super) fn stdin(&mut self) -> Result<()> {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read JSON Lines from stdin (is it UTF-8?)")?;
        // A JSON list (a whole archive in another form) would fail line by line: say it once.
        if text.trim_start().starts_with('[')
            && let Some(found) = parse::json::other_form(&text)
        {
            self.report.seen += 1;
            self.skip(
                "stdin",
                format!(
                    "JSON in another form: {found}, not JSON Lines of briefings as in schema/briefing.schema.json; convert it first (the README's section Inputs has a `jq` line for such a list)"
                ),
            );
            return Ok(());
        }
        let lines: Vec<&str> = text.lines().collect();
        for result in parse::json::parse_lines(&text) {
            self.report.seen += 1;
            let record: Record = match result {
                Ok(r) => r,
                Err(e) => {
                    let place = format!("stdin:{}", e.line);
                    self.skip(&place, format!("invalid JSON: {}", e.message));
                    continue;
                }
            };
            let id = record.id.clone().unwrap_or_default();
            let key = format!("{STDIN_KEY}{id}");
            let line = lines.get(record.line - 1).copied().unwrap_or_default();
            let hash = xxh3_64(line.as_bytes());
            let known = self.writer.manifest().get(&key).map(|e| e.content_hash);
            if known == Some(hash) {
                self.report.unchanged += 1;
                continue;
            }
            let id = self.writer.manifest().id_for(&key, &id, &[]);
            self.warn_if_no_speakers(&format!("stdin:{}", record.line), &record.briefing);
            self.report.passages +=
                self.writer
                    .replace(&key, STDIN_SOURCE, hash, &[(id, &record.briefing)])?;
            if known.is_some() {
                self.report.changed += 1;
            } else {
                self.report.new += 1;
            }
        }
        Ok(())
    }

    /// Removes the briefings of files that are gone (neither met in this run nor on disk).
    pub(super) fn prune(&mut self) {
        let gone: Vec<String> = self
            .writer
            .manifest()
            .keys()
            .into_iter()
            .filter(|k| {
                !k.starts_with(STDIN_KEY) && !self.seen_keys.contains(*k) && !Path::new(k).exists()
            })
            .map(str::to_string)
            .collect();
        for key in gone {
            for id in self.writer.remove(&key) {
                (self.on_event)(Event::Removed {
                    id: &id,
                    file: &key,
                });
                self.report.removed.push((id, key.clone()));
            }
        }
    }

    /// Commits what is left (also after an interruption) and completes the report.
    pub(super) fn finish(mut self) -> Result<Report> {
        self.writer.commit()?;
        self.report.briefings = self.writer.manifest().briefings();
        Ok(self.report)
    }
}

/// The ids of the briefings of one file: a record's own id, else for a file of one briefing
/// the id it had before (or its wanted id), else the wanted id and the record's line; each
/// made unique in the index and within the file.
fn ids_for(manifest: &Manifest, key: &str, records: &[Record], wanted_id: &str) -> Vec<String> {
    let single = records.len() == 1;
    let mut ids: Vec<String> = Vec::with_capacity(records.len());
    for record in records {
        let wanted = match (&record.id, single) {
            (Some(id), _) => id.clone(),
            (None, true) => manifest.existing_id(key).unwrap_or(wanted_id).to_string(),
            (None, false) => format!("{wanted_id}:{}", record.line),
        };
        ids.push(manifest.id_for(key, &wanted, &ids));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Lang;
    use crate::index::manifest::Entry;

    fn record(id: Option<&str>, line: usize) -> Record {
        Record {
            id: id.map(str::to_string),
            line,
            briefing: Briefing {
                title: "t".into(),
                date: None,
                lang: Lang::En,
                source_url: None,
                turns: vec![],
            },
        }
    }

    #[test]
    fn test_commit_is_due_after_so_many_files_or_bytes() {
        let mut policy = CommitPolicy::new(&Options {
            commit_every_files: 3,
            commit_every_bytes: 100,
            ..Options::default()
        });
        assert!(!policy.changed(10));
        assert!(!policy.changed(10));
        assert!(policy.changed(10), "the third file");
        assert!(!policy.changed(50), "counting starts again");
        assert!(policy.changed(60), "110 bytes");
    }

    #[test]
    fn test_ids_of_one_file_keep_their_old_id_or_take_the_wanted_one() {
        let mut manifest = Manifest::default();
        let old = ids_for(&manifest, "/a/x.txt", &[record(None, 1)], "a/x.txt");
        assert_eq!(old, ["a/x.txt"]);
        manifest.insert(
            "/a/x.txt".into(),
            Entry {
                content_hash: 1,
                briefing_ids: vec!["renamed".into()],
            },
        );
        let again = ids_for(&manifest, "/a/x.txt", &[record(None, 1)], "a/x.txt");
        assert_eq!(again, ["renamed"], "a changed file keeps its id");
    }

    #[test]
    fn test_ids_of_many_records_come_from_the_records_or_their_lines() {
        let manifest = Manifest::default();
        let records = [
            record(Some("r1"), 1),
            record(None, 2),
            record(Some("r1"), 3),
        ];
        let ids = ids_for(&manifest, "/a/b.jsonl", &records, "a/b.jsonl");
        assert_eq!(ids[0], "r1");
        assert_eq!(ids[1], "a/b.jsonl:2");
        assert_ne!(ids[2], "r1", "ids within one file are made unique");
    }
}
