//! Index: where passages live on disk, and the only way to open that place.
//!
//! [`open`] and [`open_or_create_with`] register the analyzer and check the recorded schema and
//! analyzer versions and the fingerprint of the user's word list (`words.txt`, which changes
//! how Chinese is cut), so that no code path can search or write an index with the wrong
//! tokenizers. The writer and the record of indexed files are in [`writer`] and [`manifest`].

pub(crate) mod aliases;
pub(crate) mod directory;
pub(crate) mod document;
pub(crate) mod manifest;
pub(crate) mod schema;
pub(crate) mod state;
pub(crate) mod writer;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::analyze::wordlist::{self, WordList};
use crate::analyze::{ANALYZER_VERSION, Analyzer, AnalyzerOptions};
pub(crate) use schema::Fields;

/// File, inside the index folder, that records what built the index.
const META_FILE: &str = "briefsearch.json";

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Meta {
    schema_version: u32,
    analyzer_version: u32,
    /// The analysis variant the index was built with (the default one, but for experiments).
    #[serde(default)]
    analyzer: AnalyzerOptions,
    /// Fingerprint of the user's word list the index was built with (empty: none).
    #[serde(default)]
    words: String,
    created_by: String,
}

impl Meta {
    fn current(analyzer: AnalyzerOptions, words: &WordList) -> Meta {
        Meta {
            schema_version: schema::SCHEMA_VERSION,
            analyzer_version: ANALYZER_VERSION,
            analyzer,
            words: words.fingerprint(),
            created_by: format!("briefsearch {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// An opened index with its fields and analyzer.
pub(crate) struct Opened {
    pub index: Index,
    pub fields: Fields,
    pub analyzer: Analyzer,
    pub dir: PathBuf,
}

/// Opens an existing index for searching (a read-only folder will do).
pub(crate) fn open(dir: &Path) -> Result<Opened> {
    let (options, words) = check_exists(dir)?;
    let directory = directory::IndexDirectory::for_search(dir)
        .with_context(|| format!("cannot open the index at {}", dir.display()))?;
    let mut index = Index::open(directory)
        .with_context(|| format!("cannot open the index at {}", dir.display()))?;
    // Segments are searched in parallel, one thread per core: a large index has several.
    if index.searchable_segment_ids().map_or(0, |s| s.len()) > 1 {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 {
            index
                .set_multithread_executor(cores.min(8))
                .context("cannot start the search threads")?;
        }
    }
    finish_opening(
        index,
        dir,
        Analyzer::for_queries_with(words).with_options(options),
    )
}

/// Opens an existing index for writing.
fn open_for_writing(dir: &Path) -> Result<Opened> {
    let (options, words) = check_exists(dir)?;
    let directory = directory::IndexDirectory::for_writing(dir)
        .with_context(|| format!("cannot open the index at {}", dir.display()))?;
    let index = Index::open(directory)
        .with_context(|| format!("cannot open the index at {}", dir.display()))?;
    finish_opening(
        index,
        dir,
        Analyzer::with_words(words).with_options(options),
    )
}

/// Fails with a helpful message unless `dir` holds an index of this version; returns the
/// analyzer options and the word list it was built with.
fn check_exists(dir: &Path) -> Result<(AnalyzerOptions, WordList)> {
    if !dir.join("meta.json").is_file() {
        if dir.exists() {
            bail!(
                "{} is not a briefsearch index (no meta.json); build one with `briefsearch index --index {} PATH`",
                dir.display(),
                dir.display()
            );
        }
        bail!(
            "no index at {}: build one with `briefsearch index PATH` (or point --index / BRIEFSEARCH_INDEX at it)",
            dir.display()
        );
    }
    check_versions(dir)
}

/// Opens the index in `dir` for writing, creating it (and the folder) when absent; a new index
/// is built with the analysis variant `options` (an existing one keeps its own).
pub(crate) fn open_or_create_with(dir: &Path, options: AnalyzerOptions) -> Result<Opened> {
    if dir.join("meta.json").is_file() {
        return open_for_writing(dir);
    }
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
    let words = WordList::load(dir)?;
    let (schema, _) = schema::build();
    let directory = directory::IndexDirectory::for_writing(dir)
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    let index = Index::create(directory, schema, tantivy::IndexSettings::default())
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    let meta = serde_json::to_string_pretty(&Meta::current(options, &words))
        .context("cannot encode the index metadata")?;
    fs::write(dir.join(META_FILE), meta + "\n")
        .with_context(|| format!("cannot write {}", dir.join(META_FILE).display()))?;
    finish_opening(
        index,
        dir,
        Analyzer::with_words(words).with_options(options),
    )
}

/// The fingerprint of the word list the index in `dir` was built with, if there is an index.
pub(crate) fn recorded_words(dir: &Path) -> Result<Option<String>> {
    let path = dir.join(META_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let meta: Meta = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is damaged: re-index with `briefsearch index --rebuild`",
            path.display()
        )
    })?;
    Ok(Some(meta.words))
}

/// Registers the analyzer (the one place every path that opens an index goes through) and
/// finds the fields.
fn finish_opening(index: Index, dir: &Path, analyzer: Analyzer) -> Result<Opened> {
    analyzer.register(index.tokenizers());
    let fields = schema::fields_of(&index.schema()).with_context(|| {
        format!(
            "the index at {} has an unexpected schema: re-index with `briefsearch index --rebuild`",
            dir.display()
        )
    })?;
    Ok(Opened {
        index,
        fields,
        analyzer,
        dir: dir.to_path_buf(),
    })
}

fn check_versions(dir: &Path) -> Result<(AnalyzerOptions, WordList)> {
    let path = dir.join(META_FILE);
    let text = fs::read_to_string(&path)
        .with_context(|| format!("{} is missing: the index at {} was not built by briefsearch; re-index with `briefsearch index --rebuild`", path.display(), dir.display()))?;
    let meta: Meta = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is damaged: re-index with `briefsearch index --rebuild`",
            path.display()
        )
    })?;
    let words = WordList::load(dir)?;
    let current = Meta::current(meta.analyzer, &words);
    if meta.schema_version != current.schema_version
        || meta.analyzer_version != current.analyzer_version
    {
        bail!(
            "the index at {} was built with schema version {} and analyzer version {}; this briefsearch uses {} and {}: re-index with `briefsearch index --rebuild`",
            dir.display(),
            meta.schema_version,
            meta.analyzer_version,
            current.schema_version,
            current.analyzer_version
        );
    }
    if meta.words != current.words {
        bail!(
            "the word list {} is not the one the index at {} was built with, and Chinese must be cut alike to be found: re-index with `briefsearch index --rebuild PATH` (or restore the list)",
            dir.join(wordlist::FILE).display(),
            dir.display()
        );
    }
    Ok((meta.analyzer, words))
}

/// Removes every file of the index in `dir`, keeping the folder: for `--rebuild` of an index
/// this version cannot open. `meta.json` goes first, so that an interrupted removal leaves "no
/// index" rather than an index whose files are half gone. (An index this version can open is
/// rebuilt through the writer instead, atomically: see `Writer::clear`.)
pub(crate) fn remove(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let meta = dir.join("meta.json");
    if !meta.is_file() && fs::read_dir(dir)?.next().is_some() {
        bail!(
            "refusing to empty {}: it is not a briefsearch index",
            dir.display()
        );
    }
    if meta.is_file() {
        fs::remove_file(&meta).with_context(|| format!("cannot remove {}", meta.display()))?;
    }
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        // The alias, synonym and word lists are configuration, not content: a rebuild keeps them.
        if path.file_name().is_some_and(|n| {
            n == aliases::FILE
                || n == aliases::SYNONYMS_FILE
                || n == wordlist::FILE
                || n == crate::translate::lexicon::FILE
        }) {
            continue;
        }
        if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        }
        .with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_missing_index_names_the_folder_and_the_fix() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = open(&dir.path().join("nope")).err().expect("no index");
        let message = format!("{err:#}");
        assert!(
            message.contains("no index at") && message.contains("briefsearch index"),
            "{message}"
        );
    }

    #[test]
    fn test_version_mismatch_asks_for_a_reindex() {
        let dir = tempfile::tempdir().expect("tempdir");
        open_or_create_with(dir.path(), AnalyzerOptions::default()).expect("created");
        let meta = r#"{"schema_version": 0, "analyzer_version": 1, "created_by": "old"}"#;
        fs::write(dir.path().join(META_FILE), meta).expect("write");
        let message = format!("{:#}", open(dir.path()).err().expect("refused"));
        assert!(message.contains("re-index"), "{message}");
    }

    #[test]
    fn test_a_changed_word_list_asks_for_a_rebuild() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(wordlist::FILE), "仁爱礁\n").expect("write");
        open_or_create_with(dir.path(), AnalyzerOptions::default()).expect("created");
        assert!(open(dir.path()).is_ok());
        assert_eq!(
            recorded_words(dir.path()).expect("meta"),
            Some(WordList::load(dir.path()).expect("list").fingerprint())
        );
        fs::write(dir.path().join(wordlist::FILE), "仁爱礁\n美济礁\n").expect("write");
        let message = format!("{:#}", open(dir.path()).err().expect("refused"));
        assert!(message.contains("--rebuild"), "{message}");
        remove(dir.path()).expect("removed");
        assert!(dir.path().join(wordlist::FILE).is_file(), "kept");
    }

    #[test]
    fn test_reopening_keeps_the_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        open_or_create_with(dir.path(), AnalyzerOptions::default()).expect("created");
        let opened = open_or_create_with(dir.path(), AnalyzerOptions::default()).expect("reopened");
        assert_eq!(opened.index.schema(), schema::build().0);
    }
}
