//! The searcher: an opened index, and the way from a query string and filters to ranked hits,
//! counts and source files.

mod passages;
mod people;
mod prepare;
mod run;
mod types;
mod words;

use super::collapse::shared::{self, SharedBands};
use super::hit::{Duplicate, Explanation, Via};
use super::lexicon::reversed::{self, Reversed};
use super::lexicon::{self, Found, Lexicon};
use super::partial::Partial;
use super::passage::StoredPassage;
use super::query;
use super::query::build::{self, Built, Matching, RankOptions, UnitAnalysis};
use super::query::expand::{Expander, Synonyms, synonym_key};
use super::query::syntax::{self, Alternative, Node, SyntaxError, Variant};
use super::rank::{self, Scored, Tier};
use super::{Filter, Filters, Hit, collect, snippet, vocabulary};
use crate::briefing::Lang;
use crate::index::aliases::{Aliases, SYNONYMS_FILE};
use crate::index::document::STDIN_SOURCE;
use crate::index::schema::name;
use crate::index::schema::name_key;
use crate::index::{self, Fields, Opened};
use crate::names;
use crate::outlets::{Outlets, without_reporter};
use crate::translate::dictionary::Dictionary;
use anyhow::{Context, Result};
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{SegmentOrdinal, Term};

pub(crate) use prepare::Prepared;
pub(in crate::search) use run::Plan;
pub(crate) use types::{Advice, BadQuery, Request, Results, Suggestion, UnitSummary};

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Sort {
    /// Most relevant first (the default; `*` is listed by date).
    #[default]
    Score,
    /// Oldest first.
    Date,
    /// Newest briefing first, each briefing's passages in reading order.
    DateDesc,
}

/// An index opened for searching.
pub struct Searcher {
    opened: Opened,
    pub(super) searcher: tantivy::Searcher,
    aliases: Aliases,
    /// The alias list with the index's Chinese speakers linked to the Latin forms of their
    /// names; built on first use, as only commands that name or list speakers need it.
    names: OnceLock<Aliases>,
    /// The outlet table, extended by the alias list.
    outlets: OnceLock<Outlets>,
    /// Parallel briefings found so far, by date.
    pub(super) parallel: super::parallel::Cache,
    /// Which equivalents queries are expanded with.
    expansion: Expansion,
    /// The synonym groups (shipped and the index's own), made on first use.
    synonyms: OnceLock<Vec<Vec<String>>>,
    /// The analysed words of synonym names analysed so far, by name.
    synonym_keys: Mutex<HashMap<String, String>>,
    /// The dictionaries of `--cross`, opened on first use.
    dictionary: OnceLock<std::result::Result<Dictionary, String>>,
    /// Per segment: the passage length and reading-order columns, opened on first use
    /// (opening a column reads its block index: once, not once per hit).
    pub(super) rank_columns: Vec<OnceLock<rank::RankColumns>>,
    /// The key of the index as it is (`index::state`), made on first use.
    state_key: OnceLock<String>,
    /// The index's Chinese words backwards, if recorded for the index as it is (read on
    /// first use, by spelling suggestions).
    reversed: OnceLock<Option<Reversed>>,
    /// The fingerprint bands held by more than one passage, if recorded for the index as it
    /// is (read on first use, by near-duplicate folding).
    shared_bands: OnceLock<Option<SharedBands>>,
    /// Prefixes and fuzzy words looked up so far (a query is prepared several times).
    looked_up: Mutex<HashMap<Lookup, Arc<Found>>>,
    dir: PathBuf,
}

/// A prefix or fuzzy word to look up in the index's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Lookup {
    Prefix(String),
    Fuzzy(String, Option<u8>),
}

/// What a query's words are expanded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expansion {
    /// Other names of the same thing (`ROK` = `South Korea`).
    pub synonyms: bool,
    /// Translations into the other language (`--cross`).
    pub cross: bool,
}

impl Default for Expansion {
    fn default() -> Expansion {
        Expansion {
            synonyms: true,
            cross: false,
        }
    }
}

impl Searcher {
    pub fn open(dir: &Path) -> Result<Searcher> {
        let opened = index::open(dir)?;
        // One snapshot of the index for the searcher's life: nothing to watch for commits
        // (Tantivy's default policy starts a thread that polls meta.json).
        let reader = opened
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("cannot read the index at {}", dir.display()))?;
        let searcher = reader.searcher();
        let segments = searcher.segment_readers().len();
        let aliases = Aliases::load(dir)?;
        Ok(Searcher {
            opened,
            searcher,
            aliases,
            names: OnceLock::new(),
            outlets: OnceLock::new(),
            parallel: super::parallel::Cache::default(),
            expansion: Expansion::default(),
            synonyms: OnceLock::new(),
            synonym_keys: Mutex::new(HashMap::new()),
            dictionary: OnceLock::new(),
            rank_columns: (0..segments).map(|_| OnceLock::new()).collect(),
            state_key: OnceLock::new(),
            reversed: OnceLock::new(),
            shared_bands: OnceLock::new(),
            looked_up: Mutex::new(HashMap::new()),
            dir: dir.to_path_buf(),
        })
    }

    /// Expands the queries of this searcher with `expansion`.
    pub(crate) fn set_expansion(&mut self, expansion: Expansion) {
        self.expansion = expansion;
    }

    /// The analyzer of the index's text.
    pub(crate) fn analyzer(&self) -> &crate::analyze::Analyzer {
        &self.opened.analyzer
    }

    /// The dictionaries of cross-lingual search.
    pub(crate) fn dictionary(&self) -> Result<&Dictionary> {
        self.dictionary
            .get_or_init(|| Dictionary::for_index(&self.dir).map_err(|e| format!("{e:#}")))
            .as_ref()
            .map_err(|e| anyhow::anyhow!("the translation dictionaries cannot be read: {e}"))
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.opened.fields
    }

    /// The index folder.
    pub(crate) fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// The key of the index as it is, which records made at indexing are checked against.
    pub(crate) fn state_key(&self) -> &str {
        self.state_key
            .get_or_init(|| crate::index::state::key(&self.searcher, &self.dir))
    }

    /// The index's Chinese words backwards, if indexing recorded them for the index as it is.
    pub(crate) fn reversed_words(&self) -> Option<&Reversed> {
        self.reversed
            .get_or_init(|| reversed::read(self.state_key(), &self.dir))
            .as_ref()
    }

    /// The fingerprint bands held by more than one passage, if indexing recorded them for the
    /// index as it is.
    pub(crate) fn shared_bands(&self) -> Option<&SharedBands> {
        self.shared_bands
            .get_or_init(|| shared::read(&self.dir, self.state_key()))
            .as_ref()
    }

    pub(crate) fn tantivy(&self) -> &tantivy::Searcher {
        &self.searcher
    }
}
