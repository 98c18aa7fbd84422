//! Writing passages: replace a file's briefings, remove them, commit.
//!
//! One writer per index at a time: Tantivy's lock file makes a second one fail at once, and
//! that failure is reported as such. Nothing is visible to searchers until [`Writer::commit`],
//! which is atomic.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use tantivy::directory::error::LockError;
use tantivy::indexer::LogMergePolicy;
use tantivy::{IndexWriter, TantivyError, Term};

use super::document::{self, SourceInfo};
use super::manifest::{Entry, Manifest};
use super::{Opened, open_or_create_with};
use crate::analyze::AnalyzerOptions;
use crate::briefing::Briefing;

/// Memory for Tantivy's indexing buffers, shared by its threads.
const WRITER_BUDGET_BYTES: usize = 192 * 1024 * 1024;
const WRITER_THREADS: usize = 2;
/// Segments this large are not merged again. A merge copies the stored passages of each
/// segment it merges through memory, a segment at a time, so this bounds the memory of
/// merging whatever the size of the archive (about 150 MB of stored text at most); an archive
/// of a million passages ends with a handful of segments.
const MAX_DOCS_BEFORE_MERGE: usize = 300_000;
/// Below this much free space, a write error is reported as a full disk.
const LOW_DISK_BYTES: u64 = 16 * 1024 * 1024;

pub(crate) struct Writer {
    opened: Opened,
    writer: IndexWriter,
    manifest: Manifest,
}

impl Writer {
    /// Opens (or creates) the index in `dir` for writing. If another process is writing to
    /// it, fails at once, or with `wait` calls `on_wait` once and waits for it to finish.
    pub(crate) fn open(dir: &Path, wait: bool, on_wait: impl FnMut()) -> Result<Writer> {
        Writer::open_with(dir, wait, on_wait, AnalyzerOptions::default())
    }

    /// Like [`Writer::open`]; a new index is built with the analysis variant `options`.
    pub(crate) fn open_with(
        dir: &Path,
        wait: bool,
        mut on_wait: impl FnMut(),
        options: AnalyzerOptions,
    ) -> Result<Writer> {
        let opened = open_or_create_with(dir, options)?;
        let mut waited = false;
        let writer = loop {
            match opened
                .index
                .writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET_BYTES)
            {
                Ok(writer) => break writer,
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) if wait => {
                    if !waited {
                        on_wait();
                        waited = true;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => bail!(
                    "another briefsearch process is writing to the index at {}; wait for it to finish, or use --wait",
                    dir.display()
                ),
                Err(other) => {
                    return Err(anyhow!(other)
                        .context(format!("cannot write to the index at {}", dir.display())));
                }
            }
        };
        let mut policy = LogMergePolicy::default();
        policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
        writer.set_merge_policy(Box::new(policy));
        let reader = opened.index.reader().context("cannot read the index")?;
        let manifest = Manifest::load(&reader.searcher())?;
        Ok(Writer {
            opened,
            writer,
            manifest,
        })
    }

    /// Deletes every briefing; like every change, visible only at the next commit, so a
    /// rebuild replaces the old content atomically with the first batch of new content.
    pub(crate) fn clear(&mut self) -> Result<()> {
        self.writer
            .delete_all_documents()
            .context("cannot clear the index")?;
        self.manifest = Manifest::default();
        Ok(())
    }

    pub(crate) fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Replaces whatever the index holds for the file `source_key` by `briefings` (with their
    /// ids); returns the number of passages written.
    pub(crate) fn replace(
        &mut self,
        source_key: &str,
        source: &str,
        content_hash: u64,
        briefings: &[(String, &Briefing)],
    ) -> Result<usize> {
        // A delete costs a term query at the next commit: only files the index holds need one.
        if self.manifest.get(source_key).is_some() {
            self.delete(source_key);
        }
        let mut count = 0;
        for (id, briefing) in briefings {
            let info = SourceInfo {
                briefing_id: id,
                source,
                source_key,
                content_hash,
            };
            for doc in document::documents(&self.opened.fields, briefing, &info) {
                if let Err(e) = self.writer.add_document(doc) {
                    return Err(
                        self.explain(anyhow!(e).context("cannot add a passage to the index"))
                    );
                }
                count += 1;
            }
        }
        self.manifest.insert(
            source_key.to_string(),
            Entry {
                content_hash,
                briefing_ids: briefings.iter().map(|(id, _)| id.clone()).collect(),
            },
        );
        Ok(count)
    }

    /// Removes the briefings of `source_key`; returns their ids.
    pub(crate) fn remove(&mut self, source_key: &str) -> Vec<String> {
        self.delete(source_key);
        self.manifest
            .remove(source_key)
            .map(|e| e.briefing_ids)
            .unwrap_or_default()
    }

    fn delete(&mut self, source_key: &str) {
        self.writer.delete_term(Term::from_field_text(
            self.opened.fields.source_key,
            source_key,
        ));
    }

    /// Makes every change so far durable and visible, atomically.
    pub(crate) fn commit(&mut self) -> Result<()> {
        if let Err(e) = self.writer.commit() {
            let e = anyhow!(e).context(format!(
                "cannot commit the index at {}",
                self.opened.dir.display()
            ));
            return Err(self.explain(e));
        }
        Ok(())
    }

    /// Tantivy reports a failed indexing thread without its cause; the usual cause is a full
    /// disk, which is worth saying plainly.
    fn explain(&self, error: anyhow::Error) -> anyhow::Error {
        match fs4::available_space(&self.opened.dir) {
            Ok(free) if free < LOW_DISK_BYTES => error.context(format!(
                "the disk holding {} is full ({} KB free); the index keeps its last commit",
                self.opened.dir.display(),
                free / 1024
            )),
            _ => error.context("the index keeps its last commit"),
        }
    }

    /// Waits for background merges to finish, tidies up small segments, and releases the
    /// lock. Everything is committed before the tidying, so its failure (say, a full disk)
    /// loses nothing: it is returned as a note, not an error.
    pub(crate) fn finish(self) -> Result<Option<anyhow::Error>> {
        self.writer
            .wait_merging_threads()
            .context("index merge failed")?;
        Ok(tidy(&self.opened.index).err().map(|e| {
            e.context(format!(
                "the small segments of {} were not merged; the index is complete",
                self.opened.dir.display()
            ))
        }))
    }

    /// Like [`Writer::finish`] without tidying up: after an interruption, stop soon.
    pub(crate) fn finish_now(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("index merge failed")
    }
}

/// Fewer segments make every query faster: each one is opened and searched on its own. The
/// merge policy leaves up to seven segments of each size behind; when a run ends with
/// [`TIDY_SEGMENTS`] or more segments below the merge cap, they are merged into one. Memory
/// stays bounded (a merge reads its segments one at a time, each below the cap), and a run
/// that changed nothing merges nothing.
fn tidy(index: &tantivy::Index) -> Result<()> {
    let small: Vec<tantivy::index::SegmentId> = index
        .searchable_segment_metas()
        .context("cannot list the index segments")?
        .iter()
        .filter(|m| (m.max_doc() as usize) < MAX_DOCS_BEFORE_MERGE)
        .map(|m| m.id())
        .collect();
    if small.len() < TIDY_SEGMENTS {
        return Ok(());
    }
    // Another process may have taken the lock in between: then it tidies up, not this one.
    let mut writer = match index.writer_with_num_threads::<tantivy::TantivyDocument>(1, 15_000_000)
    {
        Ok(writer) => writer,
        Err(TantivyError::LockFailure(LockError::LockBusy, _)) => return Ok(()),
        Err(e) => return Err(anyhow!(e)),
    };
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    writer
        .merge(&small)
        .wait()
        .context("cannot merge the index segments")?;
    writer.wait_merging_threads().context("index merge failed")
}

/// See [`tidy`].
const TIDY_SEGMENTS: usize = 4;
