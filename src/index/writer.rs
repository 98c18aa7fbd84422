//! Writing passages: replace a file's briefings, remove them, commit.
//!
//! One writer per index at a time: Tantivy's lock file makes a second one fail at once, and
//! that failure is reported as such. Nothing is visible to searchers until [`Writer::commit`],
//! which is atomic.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, TantivyError, Term};

use super::document::{self, SourceInfo};
use super::manifest::{Entry, Manifest};
use super::{Opened, open_or_create};
use crate::briefing::Briefing;

/// Memory for Tantivy's indexing buffers, shared by its threads.
const WRITER_BUDGET_BYTES: usize = 192 * 1024 * 1024;
const WRITER_THREADS: usize = 2;

pub struct Writer {
    opened: Opened,
    writer: IndexWriter,
    manifest: Manifest,
}

impl Writer {
    /// Opens (or creates) the index in `dir` for writing.
    pub fn open(dir: &Path) -> Result<Writer> {
        let opened = open_or_create(dir)?;
        let writer = opened
            .index
            .writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET_BYTES)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => anyhow!(
                    "another briefsearch process is writing to the index at {}; wait for it to finish",
                    dir.display()
                ),
                other => anyhow!(other).context(format!("cannot write to the index at {}", dir.display())),
            })?;
        let reader = opened.index.reader().context("cannot read the index")?;
        let manifest = Manifest::load(&reader.searcher())?;
        Ok(Writer {
            opened,
            writer,
            manifest,
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Replaces whatever the index holds for the file `source_key` by `briefings` (with their
    /// ids); returns the number of passages written.
    pub fn replace(
        &mut self,
        source_key: &str,
        source: &str,
        content_hash: u64,
        briefings: &[(String, &Briefing)],
    ) -> Result<usize> {
        self.delete(source_key);
        let mut count = 0;
        for (id, briefing) in briefings {
            let info = SourceInfo {
                briefing_id: id,
                source,
                source_key,
                content_hash,
            };
            for doc in document::documents(&self.opened.fields, briefing, &info) {
                self.writer
                    .add_document(doc)
                    .context("cannot add a passage to the index")?;
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
    pub fn remove(&mut self, source_key: &str) -> Vec<String> {
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
    pub fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .with_context(|| format!("cannot commit the index at {}", self.opened.dir.display()))?;
        Ok(())
    }

    /// Waits for background merges to finish and releases the lock.
    pub fn finish(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("index merge failed")
    }
}
