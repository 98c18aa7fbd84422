//! The searcher: an opened index, and the way from a query string and filters to ranked hits,
//! counts and source files.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::{Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};
use tantivy::{SegmentOrdinal, Term};

use super::hit::{Duplicate, Explanation, Via};
use super::lexicon::{self, Found, Lexicon};
use super::passage::StoredPassage;
use super::query;
use super::query::build::{self, Built, Matching, RankOptions};
use super::query::expand::{Expander, Synonyms};
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

/// What to search for and how many hits to return.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
    pub sort: Sort,
    /// Group hits by briefing, keeping at most this many passages of each.
    pub per_briefing: Option<usize>,
    /// Also count every matching passage (costs a pass over all matches).
    pub count_total: bool,
    /// Ranked by score, follow the passages that match the query as typed with those that
    /// have some of its words.
    pub fill: bool,
    /// Find each hit's counterpart in a parallel version of its briefing.
    pub counterparts: bool,
    /// Say how the query was analysed and each hit scored.
    pub explain: bool,
    /// Ranked by score (and not grouped), fold each passage into a higher-ranked
    /// near-duplicate, so that `limit` counts distinct hits.
    pub collapse: bool,
}

/// Hits and, when asked for, the number of passages that matched in all.
#[derive(Debug)]
pub(crate) struct Results {
    pub hits: Vec<Hit>,
    pub total: Option<usize>,
    /// With `--explain`: how the query was analysed, unit by unit.
    pub analysis: Option<Vec<UnitSummary>>,
    /// What to tell the user about the query (on stderr): capped prefixes, words the index
    /// may spell otherwise.
    pub advice: Advice,
}

/// What to tell the user about a query: notices about its prefixes and fuzzy words, and words
/// of the index its rare words may be misspellings of.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Advice {
    pub notices: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}

/// Words of the index that a typed word may be a misspelling of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Suggestion {
    /// As typed.
    pub typed: String,
    /// The passages it is in.
    pub passages: u64,
    /// Closest first, as a user would type them.
    pub words: Vec<String>,
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = match self.words.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        };
        write!(f, "{}: did you mean {words}?", self.typed)
    }
}

/// One unit of the query as analysed (`--explain`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitSummary {
    pub typed: String,
    pub words: Vec<String>,
    pub bigrams: Vec<String>,
    pub alternatives: Vec<Alternative>,
    /// The words of the index a prefix or fuzzy word stands for (`None`: another unit).
    pub variants: Option<Vec<Variant>>,
}

/// A query the user must fix: the message says what and where.
#[derive(Debug)]
pub(crate) struct BadQuery {
    pub query: String,
    pub error: SyntaxError,
}

impl fmt::Display for BadQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let column = self.error.column(&self.query);
        write!(f, "bad query: {} at column {column}", self.error.message)?;
        if self.query.chars().count() <= 120 && !self.query.chars().any(char::is_control) {
            let pad: usize = self.query.chars().take(column - 1).map(display_width).sum();
            write!(f, "\n  {}\n  {}^", self.query, " ".repeat(pad))?;
        }
        Ok(())
    }
}

impl std::error::Error for BadQuery {}

fn display_width(c: char) -> usize {
    if crate::script::is_han(c)
        || ('\u{3000}'..='\u{30FF}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// A parsed query with its filters, ready to run.
pub(crate) struct Prepared {
    pub built: Built,
    /// The passages that match the query as typed (every word, unless marked optional).
    pub query: BooleanQuery,
    /// Answers that match with the words of the question they reply to, and not `query`:
    /// ranked after its matches.
    pub through_question: Option<BooleanQuery>,
    /// Passages that match fewer of the words, and none of the above, level by level (more of
    /// the words first): ranked last.
    pub fill: Vec<BooleanQuery>,
    /// What any passage of `fill` matches, without the levels' exclusions (cheaper to test a
    /// passage against than their union).
    pub fill_any: Option<BooleanQuery>,
    /// Whether to discount short passages.
    pub length_prior: bool,
    /// The language the query is typed in (by script).
    pub lang: Lang,
    /// What the scores of each level of `fill` are multiplied by, relative to the level above.
    pub level_discount: f32,
    /// Notices about the query's prefixes and fuzzy words (a cap reached, no word found).
    pub notices: Vec<String>,
}

/// The synonym groups shipped with briefsearch.
const SHIPPED_SYNONYMS: &str = include_str!("../../data/synonyms.txt");

/// A request's queries, ready to rank.
pub(super) struct Plan {
    pub(super) prepared: Prepared,
    /// The same query for each language, when the two are ranked apart.
    per_language: Vec<Prepared>,
    pub(super) sort: Sort,
    /// With `--cross`: the query untranslated, in the language it is written in, whose
    /// matches lead to their counterparts in the other language (see [`Searcher::ranked`]).
    source: Option<Prepared>,
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
    /// The dictionaries of `--cross`, opened on first use.
    dictionary: OnceLock<std::result::Result<Dictionary, String>>,
    /// Per segment: the passage length and reading-order columns, opened on first use
    /// (opening a column reads its block index: once, not once per hit).
    pub(super) rank_columns: Vec<OnceLock<rank::RankColumns>>,
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
        let reader = opened
            .index
            .reader()
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
            dictionary: OnceLock::new(),
            rank_columns: (0..segments).map(|_| OnceLock::new()).collect(),
            looked_up: Mutex::new(HashMap::new()),
            dir: dir.to_path_buf(),
        })
    }

    /// Expands the queries of this searcher with `expansion`.
    pub(crate) fn set_expansion(&mut self, expansion: Expansion) {
        self.expansion = expansion;
    }

    /// The synonym groups: the list shipped with briefsearch, then the index's own.
    fn synonym_groups(&self) -> Result<&[Vec<String>]> {
        if let Some(groups) = self.synonyms.get() {
            return Ok(groups);
        }
        let shipped = Aliases::parse(SHIPPED_SYNONYMS, Path::new("data/synonyms.txt"))?;
        let own = Aliases::load_file(&self.dir, SYNONYMS_FILE)?;
        let groups: Vec<Vec<String>> = shipped
            .groups()
            .iter()
            .chain(own.groups())
            .cloned()
            .collect();
        Ok(self.synonyms.get_or_init(|| groups))
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

    /// How many passages hold every word of `text` at most (the rarest word's count).
    pub(crate) fn frequency(&self, text: &str) -> u64 {
        self.opened
            .analyzer
            .words(text)
            .iter()
            .map(|t| {
                let term = Term::from_field_text(self.opened.fields.text, &t.text);
                self.searcher.doc_freq(&term).unwrap_or(0)
            })
            .min()
            .unwrap_or(0)
    }

    /// When the query is not translated: how many passages of the other language its
    /// translation would find (with the same filters), and which language that is.
    pub(crate) fn other_language(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<Option<(Lang, usize)>> {
        let typed = Lang::detect([query]);
        let other = match typed {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        };
        if self.expansion.cross || filters.lang == Some(typed) {
            return Ok(None);
        }
        let filters = Filters {
            lang: Some(other),
            ..filters.clone()
        };
        let expansion = Expansion {
            cross: true,
            ..self.expansion
        };
        let prepared = self.prepare_as(query, &filters, &counting(), expansion)?;
        let n = self
            .searcher
            .search(&prepared.query, &Count)
            .context("search failed")?;
        Ok((n > 0).then_some((other, n)))
    }

    /// `node` with its words grouped with their equivalents, as `expansion` asks.
    fn expand(&self, node: Node, expansion: Expansion) -> Result<Node> {
        let synonyms = if expansion.synonyms {
            let groups = self.synonym_groups()?;
            Some(Synonyms::for_query(groups, &self.opened.analyzer, &node))
        } else {
            None
        };
        let dictionary = if expansion.cross {
            Some(self.dictionary()?)
        } else {
            None
        };
        if synonyms.is_none() && dictionary.is_none() {
            return Ok(node);
        }
        let frequency = |text: &str| self.frequency(text);
        let expander = Expander {
            analyzer: &self.opened.analyzer,
            synonyms: synonyms.as_ref(),
            dictionary,
            frequency: &frequency,
        };
        Ok(expander.expand(node))
    }

    /// The index's vocabulary.
    fn lexicon(&self) -> Lexicon<'_> {
        Lexicon {
            searcher: &self.searcher,
            fields: &self.opened.fields,
            analyzer: &self.opened.analyzer,
        }
    }

    /// The words of the index `lookup` stands for (looked up once per searcher).
    fn look_up(&self, lookup: &Lookup) -> Result<Arc<Found>> {
        if let Ok(cache) = self.looked_up.lock()
            && let Some(found) = cache.get(lookup)
        {
            return Ok(Arc::clone(found));
        }
        let found = Arc::new(match lookup {
            Lookup::Prefix(text) => self.lexicon().prefix(text)?,
            Lookup::Fuzzy(text, distance) => self.lexicon().fuzzy(text, *distance)?,
        });
        if let Ok(mut cache) = self.looked_up.lock() {
            cache.insert(lookup.clone(), Arc::clone(&found));
        }
        Ok(found)
    }

    /// `node` with each prefix and fuzzy word replaced by the words of the index it stands
    /// for; what the user should know about them is added to `notices`.
    fn resolve(&self, node: Node, notices: &mut Vec<String>) -> Result<Node> {
        let all = |children: Vec<Node>, notices: &mut Vec<String>| {
            children
                .into_iter()
                .map(|c| self.resolve(c, notices))
                .collect::<Result<Vec<_>>>()
        };
        Ok(match node {
            Node::Prefix { field, text } => {
                let found = self.look_up(&Lookup::Prefix(text.clone()))?;
                let typed = format!("{text}*");
                if found.words.is_empty() {
                    notices.push(format!("{typed}: no word of the index begins so"));
                } else if found.total > found.words.len() {
                    notices.push(format!(
                        "{typed}: {} words of the index begin so; only the {} most frequent are searched (type more of the word to narrow it)",
                        found.total,
                        found.words.len()
                    ));
                }
                Node::Variants {
                    field,
                    typed,
                    words: found.words.clone(),
                    as_typed: false,
                }
            }
            Node::Fuzzy {
                field,
                text,
                distance,
            } => {
                let found = self.look_up(&Lookup::Fuzzy(text.clone(), distance))?;
                let typed = match distance {
                    Some(d) => format!("{text}~{d}"),
                    None => format!("{text}~"),
                };
                if found.words.is_empty() {
                    notices.push(format!(
                        "{typed}: no word of the index is spelled so or nearly so"
                    ));
                } else if found.total > found.words.len() {
                    notices.push(format!(
                        "{typed}: {} words of the index are spelled nearly so; only the {} closest are searched",
                        found.total,
                        found.words.len()
                    ));
                }
                Node::Variants {
                    field,
                    typed,
                    words: found.words.clone(),
                    as_typed: true,
                }
            }
            Node::And(children) => Node::And(all(children, notices)?),
            Node::Or(children) => Node::Or(all(children, notices)?),
            Node::Not(inner) => Node::Not(Box::new(self.resolve(*inner, notices)?)),
            Node::Required(inner) => Node::Required(Box::new(self.resolve(*inner, notices)?)),
            other => other,
        })
    }

    /// What to tell the user about `prepared`: its notices, and for each word of the query in
    /// fewer than [`lexicon::FEW_PASSAGES`] passages, the words of the index it may be a
    /// misspelling of.
    pub(crate) fn advice(&self, prepared: &Prepared) -> Result<Advice> {
        let mut suggestions = Vec::new();
        for unit in &prepared.built.analysis {
            let Some(spelled) = &unit.spelled else {
                continue;
            };
            // The word's own count is enough to know it is frequent (for Chinese, the whole
            // unit as one word); only a rare one is counted as the unit matches, sub-words
            // included.
            let word = if spelled.chars().all(crate::script::is_han) {
                spelled.as_str()
            } else {
                unit.words.first().map_or("", String::as_str)
            };
            let term = Term::from_field_text(self.opened.fields.text, word);
            if self.searcher.doc_freq(&term).unwrap_or(0) >= lexicon::FEW_PASSAGES {
                continue;
            }
            let passages = self
                .searcher
                .search(unit.query.as_ref(), &Count)
                .context("search failed")? as u64;
            if passages >= lexicon::FEW_PASSAGES {
                continue;
            }
            // The widest Chinese with a suggestion, else the unit alone.
            for typed in unit.around.iter().chain([spelled]) {
                let words = self.lexicon().suggest(typed, passages)?;
                if !words.is_empty() {
                    suggestions.push(Suggestion {
                        typed: typed.clone(),
                        passages,
                        words,
                    });
                    break;
                }
            }
        }
        Ok(Advice {
            notices: prepared.notices.clone(),
            suggestions,
        })
    }

    /// [`Searcher::advice`] for `query` alone.
    pub(crate) fn advise(&self, query: &str) -> Result<Advice> {
        let prepared = self.prepare(query, &Filters::default())?;
        self.advice(&prepared)
    }

    /// The outlet a name stands for: the same for every spelling of one outlet.
    pub(crate) fn outlet(&self, name: &str) -> String {
        self.outlets()
            .canonical(name)
            .map_or_else(|| without_reporter(name).trim().to_string(), str::to_string)
    }

    /// The outlet table, extended by the alias list (made on first use).
    fn outlets(&self) -> &Outlets {
        self.outlets.get_or_init(|| {
            let mut outlets = Outlets::builtin().clone();
            for group in self.aliases.groups() {
                outlets.add_group(group);
            }
            outlets
        })
    }

    /// The outlets the index holds (`outlet_id` values) that `name` stands for.
    pub(crate) fn outlet_ids(&self, name: &str) -> Result<Vec<String>> {
        let wanted = name_key(&self.outlet(name));
        Ok(
            vocabulary::values(&self.searcher, self.opened.fields.outlet_id)?
                .into_iter()
                .filter(|id| name_key(&self.outlet(id)) == wanted)
                .collect(),
        )
    }

    /// The name a speaker is counted under: the first name of their alias group, else as is.
    pub(crate) fn speaker(&self, name: &str) -> String {
        self.aliases
            .first_of(name)
            .unwrap_or_else(|| name.to_string())
    }

    /// The index's speaker aliases (`aliases.txt`), with each Chinese speaker linked to the
    /// Latin-script forms of their name (see [`Aliases::link`]).
    pub(crate) fn aliases(&self) -> Result<&Aliases> {
        if let Some(names) = self.names.get() {
            return Ok(names);
        }
        let linked = self.link_scripts()?;
        Ok(self.names.get_or_init(|| linked))
    }

    /// The names that a speaker name given in a query or `--speaker` stands for among the
    /// passages that `scope` lets through: the names of its speaker in the alias list; and,
    /// only when those passages hold no speaker of these names, the speaker's names in the
    /// other script (毛宁 for `Mao Ning`, `Lin Jian` for 林剑). A name the passages hold names
    /// that speaker alone: linked names are not aliases.
    fn speaker_names(&self, name: &str, scope: &Filters) -> Result<Vec<String>> {
        let own = self.aliases.names(name);
        let linked = self.aliases()?.names(name);
        if linked.len() == own.len() {
            return Ok(own);
        }
        let with_own = Filters {
            speakers: own.clone(),
            ..scope.clone()
        };
        let clauses = with_own
            .clauses(&self.opened.fields)
            .into_iter()
            .map(|q| (Occur::Must, q))
            .collect();
        let held = self.searcher.search(&BooleanQuery::new(clauses), &Count)?;
        Ok(if held > 0 { own } else { linked })
    }

    /// Links each Chinese speaker of the index to their name in Latin script (the lexicon's
    /// rendering or pinyin) and to the Latin-script speakers of the index who are written so;
    /// and each Latin-script speaker the lexicon knows to their Chinese name.
    fn link_scripts(&self) -> Result<Aliases> {
        let mut aliases = self.aliases.clone();
        let speakers = vocabulary::values(&self.searcher, self.opened.fields.speaker)?;
        let (chinese, latin): (Vec<&String>, Vec<&String>) =
            speakers.iter().partition(|s| names::is_chinese(s));
        let mut latin_by_key: HashMap<String, Vec<&String>> = HashMap::new();
        for name in &latin {
            latin_by_key.entry(names::key(name)).or_default().push(name);
        }
        for han in chinese {
            let Some(romanised) = names::romanise(han) else {
                continue;
            };
            aliases.link(han, &romanised.display, &romanised.keys);
            for key in &romanised.keys {
                for name in latin_by_key.get(key).into_iter().flatten() {
                    aliases.link(han, name, &[]);
                }
            }
        }
        for name in latin {
            for han in names::lexicon_chinese(name) {
                aliases.link(han, name, &[]);
            }
        }
        Ok(aliases)
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.opened.fields
    }

    pub(crate) fn tantivy(&self) -> &tantivy::Searcher {
        &self.searcher
    }

    /// Parses `query` and combines it with `filters`: the passages that match it as typed, for
    /// counting and listing them (a ranked search also builds the tiers after those; see
    /// [`Searcher::search`]).
    pub(crate) fn prepare(&self, query: &str, filters: &Filters) -> Result<Prepared> {
        self.prepare_with(query, filters, &counting())
    }

    /// Parses `query` and combines it with `filters`, ranking with `ranking`.
    pub(crate) fn prepare_with(
        &self,
        query: &str,
        filters: &Filters,
        ranking: &RankOptions,
    ) -> Result<Prepared> {
        self.prepare_as(query, filters, ranking, self.expansion)
    }

    /// Like [`Searcher::prepare_with`], with the query expanded by `expansion`.
    fn prepare_as(
        &self,
        query: &str,
        filters: &Filters,
        ranking: &RankOptions,
        expansion: Expansion,
    ) -> Result<Prepared> {
        let typed_lang = Lang::detect([query]);
        let node = syntax::parse(query).map_err(|error| BadQuery {
            query: query.to_string(),
            error,
        })?;
        let mut outlets = Vec::new();
        for name in &filters.outlets {
            outlets.extend(self.outlet_ids(name)?);
        }
        // An outlet the index does not hold still filters (to nothing).
        if outlets.is_empty() {
            outlets.clone_from(&filters.outlets);
        }
        // A speaker stands for all their names, in the query and in the filter.
        let scope = Filters {
            speakers: Vec::new(),
            outlets,
            ..filters.clone()
        };
        let mut names: HashMap<String, Vec<String>> = HashMap::new();
        for name in filters
            .speakers
            .iter()
            .chain(&query::aliases::speaker_names(&node))
        {
            if !names.contains_key(name) {
                names.insert(name.clone(), self.speaker_names(name, &scope)?);
            }
        }
        let names_of = |name: &str| {
            names
                .get(name)
                .cloned()
                .unwrap_or_else(|| vec![name.to_string()])
        };
        let node = query::aliases::with_aliases(node, &names_of);
        let node = self.expand(node, expansion)?;
        let mut notices = Vec::new();
        let node = self.resolve(node, &mut notices)?;
        let filters = &Filters {
            speakers: crate::index::aliases::expand(&filters.speakers, names_of),
            ..scope
        };
        let built = build::build(&node, &self.opened.fields, &self.opened.analyzer, ranking)
            .map_err(|_| BadQuery {
                query: query.to_string(),
                error: SyntaxError {
                    message: "no searchable words in query (only punctuation?)".into(),
                    position: 0,
                },
            })?;
        let with_filters = |mut clauses: Vec<(Occur, Box<dyn Query>)>, built: &Built| {
            if let Some(boosts) = &built.boosts {
                clauses.push((Occur::Should, boosts.box_clone()));
            }
            clauses.extend(
                filters
                    .clauses(&self.opened.fields)
                    .into_iter()
                    .map(|q| (Occur::Must, q)),
            );
            BooleanQuery::new(clauses)
        };
        let query = with_filters(vec![(Occur::Must, built.matching.box_clone())], &built);
        let through_question = built.through_question.as_ref().map(|via| {
            with_filters(
                vec![
                    (Occur::Must, via.box_clone()),
                    (Occur::MustNot, built.matching.box_clone()),
                ],
                &built,
            )
        });
        // Passages with fewer of the words, in levels: those that lack one word before those
        // that have half of them, before those that have any; each level leaves out the ones
        // above it.
        let mut fill: Vec<BooleanQuery> = Vec::new();
        let mut fill_any = None;
        if let Some(loosest) = ranking.fill.filter(|_| !built.match_all) {
            let mut above: Vec<Box<dyn Query>> = vec![built.matching.box_clone()];
            if let Some(via) = &built.through_question {
                above.push(via.box_clone());
            }
            let levels = if ranking.fill_levels {
                vec![Matching::AllButOne, Matching::Half, loosest]
            } else {
                vec![loosest]
            };
            // Every partial hit holds at least one of the words in its own text: an answer whose
            // question alone has them belongs to the question tier or to none.
            let own = build::build(
                &node,
                &self.opened.fields,
                &self.opened.analyzer,
                &RankOptions {
                    matching: loosest,
                    ..*ranking
                },
            )
            .ok()
            .map(|b| b.matching);
            let mut last = None;
            for level in levels {
                if level == ranking.matching {
                    continue;
                }
                let loose = RankOptions {
                    matching: level,
                    ..*ranking
                };
                let Some(relaxed) =
                    build::build(&node, &self.opened.fields, &self.opened.analyzer, &loose)
                        .ok()
                        .filter(|relaxed| relaxed.relaxed)
                else {
                    continue;
                };
                // A word counts where the passage holds it, or (for an answer) where its
                // question does.
                let level_query = relaxed
                    .through_question
                    .as_ref()
                    .unwrap_or(&relaxed.matching)
                    .box_clone();
                // The level and the words of the passage itself decide the match; a hit scores
                // as in the tier above: its own words, then title and question boosts.
                let mut clauses = vec![(Occur::Must, unscored(&level_query))];
                clauses.push(match &own {
                    // Every word the passage holds scores, whatever the level.
                    Some(own) => (Occur::Must, own.box_clone()),
                    None => (Occur::Should, relaxed.matching.box_clone()),
                });
                clauses.extend(above.iter().map(|q| (Occur::MustNot, q.box_clone())));
                fill.push(with_filters(clauses, &relaxed));
                above.push(level_query);
                last = Some(relaxed);
            }
            // Last, the answers that hold none of the words themselves but whose question
            // holds some of them.
            if let (Some(relaxed), Some(own)) = (&last, &own) {
                let mut any = vec![(Occur::Should, own.box_clone())];
                any.extend(
                    relaxed
                        .through_question
                        .iter()
                        .map(|v| (Occur::Should, v.box_clone())),
                );
                let any: Box<dyn Query> = Box::new(BooleanQuery::new(any));
                fill_any = Some(with_filters(vec![(Occur::Must, any)], relaxed));
            }
            if let (Some(relaxed), Some(own)) = (last, own)
                && let Some(via) = &relaxed.through_question
            {
                let mut clauses = vec![(Occur::Must, unscored(via))];
                above.push(own);
                clauses.extend(above.iter().map(|q| (Occur::MustNot, q.box_clone())));
                fill.push(with_filters(clauses, &relaxed));
            }
        }
        Ok(Prepared {
            built,
            query,
            through_question,
            fill,
            fill_any,
            length_prior: ranking.length_prior,
            lang: typed_lang,
            level_discount: ranking.level_discount,
            notices,
        })
    }

    /// Number of passages matching `query` with `filters`.
    pub(crate) fn count(&self, query: &str, filters: &Filters) -> Result<usize> {
        let prepared = self.prepare(query, filters)?;
        self.searcher
            .search(&prepared.query, &Count)
            .context("search failed")
    }

    /// When `filters` leave no hit: how many the query matches without them, and which single
    /// filters, removed, would bring hits back.
    pub(crate) fn why_empty(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<Option<(usize, Vec<Filter>)>> {
        if filters.is_empty() {
            return Ok(None);
        }
        let unfiltered = self.count(query, &Filters::default())?;
        if unfiltered == 0 {
            return Ok(None);
        }
        let mut culprits = Vec::new();
        for filter in filters.active() {
            if self.count(query, &filters.without(filter))? > 0 {
                culprits.push(filter);
            }
        }
        Ok(Some((unfiltered, culprits)))
    }

    /// Runs `request`.
    pub(crate) fn search(&self, request: &Request) -> Result<Results> {
        let defaults = RankOptions::default();
        let ranking = RankOptions {
            fill: defaults.fill.filter(|_| request.fill),
            through_question: defaults.through_question && request.fill,
            ..defaults
        };
        let plan = self.plan(request, &ranking)?;
        let prepared = &plan.prepared;
        let limit = request.limit.max(1);
        // Counting every match costs a pass over all of them; only text output shows it.
        let total = if request.count_total {
            Some(
                self.searcher
                    .search(&prepared.query, &Count)
                    .context("search failed")?,
            )
        } else {
            None
        };
        let Some(per) = request.per_briefing else {
            let wanted = request.offset + limit;
            let (page, duplicates): (Vec<Scored>, Vec<Vec<Duplicate>>) =
                if request.collapse && plan.sort == Sort::Score {
                    self.top_distinct(&plan, wanted)?
                        .into_iter()
                        .skip(request.offset)
                        .unzip()
                } else {
                    self.ranked(&plan, wanted)?
                        .into_iter()
                        .skip(request.offset)
                        .map(|s| (s, Vec::new()))
                        .unzip()
                };
            let mut hits = self.hits(
                prepared,
                page,
                request.offset,
                request.snippet_chars,
                |_| None,
            )?;
            for (hit, duplicates) in hits.iter_mut().zip(duplicates) {
                hit.duplicates = duplicates;
            }
            if request.counterparts {
                self.add_counterparts(&mut hits)?;
            }
            let analysis = self.explain(request, prepared, &mut hits)?;
            let advice = self.advice(prepared)?;
            return Ok(Results {
                hits,
                total,
                analysis,
                advice,
            });
        };
        // Best passages per briefing: read ranked passages until enough briefings are filled.
        let wanted_groups = request.offset + limit;
        let mut page = wanted_groups * per * 4;
        let groups = loop {
            let scored = self.ranked(&plan, page)?;
            let groups = self.group_by_briefing(&scored, per)?;
            if groups.len() >= wanted_groups || scored.len() < page {
                break groups;
            }
            page *= 4;
        };
        let mut hits = Vec::new();
        for (g, members) in groups
            .into_iter()
            .enumerate()
            .skip(request.offset)
            .take(limit)
        {
            let rank_base = hits.len();
            let mut group_hits =
                self.hits(prepared, members, rank_base, request.snippet_chars, |_| {
                    Some(g + 1)
                })?;
            hits.append(&mut group_hits);
        }
        if request.counterparts {
            self.add_counterparts(&mut hits)?;
        }
        let analysis = self.explain(request, prepared, &mut hits)?;
        let advice = self.advice(prepared)?;
        Ok(Results {
            hits,
            total,
            analysis,
            advice,
        })
    }

    /// With `request.explain`: each hit's score by part, and the query's units.
    fn explain(
        &self,
        request: &Request,
        prepared: &Prepared,
        hits: &mut [Hit],
    ) -> Result<Option<Vec<UnitSummary>>> {
        if !request.explain {
            return Ok(None);
        }
        let built = &prepared.built;
        for hit in hits.iter_mut() {
            let Some(addr) = self.address_of(&hit.passage.id)? else {
                continue;
            };
            let units = built
                .analysis
                .iter()
                .map(|u| Ok((u.typed.clone(), self.score_at(u.query.as_ref(), addr)?)))
                .collect::<Result<Vec<_>>>()?;
            let boosts = built
                .boost_parts
                .iter()
                .map(|(name, q)| Ok((*name, self.score_at(q.as_ref(), addr)?)))
                .collect::<Result<Vec<_>>>()?;
            hit.explain = Some(Explanation {
                units,
                boosts,
                length_prior: self.prior_at(prepared.length_prior, addr),
            });
        }
        Ok(Some(
            built
                .analysis
                .iter()
                .map(|u| UnitSummary {
                    typed: u.typed.clone(),
                    words: u.words.clone(),
                    bigrams: u.bigrams.clone(),
                    alternatives: u.alternatives.clone(),
                    variants: u.variants.clone(),
                })
                .collect(),
        ))
    }

    /// Where the passage `id` is in the index.
    fn address_of(&self, id: &str) -> Result<Option<tantivy::DocAddress>> {
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(self.opened.fields.id, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let found = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("search failed")?;
        Ok(found.first().map(|&(_, addr)| addr))
    }

    /// How `request` is ranked: its prepared query, and one per language when the query has
    /// words in both scripts and no language is asked for (each language is then ranked on its
    /// own and the two lists interleaved: BM25 scores of the two languages are not comparable).
    fn plan(&self, request: &Request, ranking: &RankOptions) -> Result<Plan> {
        let prepared = self.prepare_with(&request.query, &request.filters, ranking)?;
        let sort = match request.sort {
            Sort::Score if prepared.built.match_all => Sort::Date,
            other => other,
        };
        let both_scripts = prepared.built.highlight.scripts() == (true, true);
        let per_language = if ranking.balance_languages
            && sort == Sort::Score
            && request.filters.lang.is_none()
            && both_scripts
        {
            [Lang::En, Lang::Zh]
                .into_iter()
                .map(|lang| {
                    let filters = Filters {
                        lang: Some(lang),
                        ..request.filters.clone()
                    };
                    self.prepare_with(&request.query, &filters, ranking)
                })
                .collect::<Result<Vec<_>>>()?
        } else {
            Vec::new()
        };
        // Across languages, the passages of the other language are also reached through the
        // query's matches in its own language, when they are versions of each other.
        let typed = prepared.lang;
        let source =
            if self.expansion.cross && sort == Sort::Score && request.filters.lang != Some(typed) {
                let filters = Filters {
                    lang: Some(typed),
                    ..request.filters.clone()
                };
                let expansion = Expansion {
                    cross: false,
                    ..self.expansion
                };
                Some(self.prepare_as(&request.query, &filters, ranking, expansion)?)
            } else {
                None
            };
        Ok(Plan {
            prepared,
            per_language,
            sort,
            source,
        })
    }

    /// The `n` best passages of `plan`. With `--cross`, the passages that match the query's
    /// translation are ranked with the counterparts of the passages that match it as typed
    /// (see [`rank::with_counterparts`]).
    pub(super) fn ranked(&self, plan: &Plan, n: usize) -> Result<Vec<Scored>> {
        let direct = if plan.per_language.is_empty() {
            self.top(&plan.prepared, plan.sort, n)?
        } else {
            let lists = plan
                .per_language
                .iter()
                .map(|p| self.top(p, plan.sort, n))
                .collect::<Result<Vec<_>>>()?;
            rank::interleave(lists, n)
        };
        let Some(source) = &plan.source else {
            return Ok(direct);
        };
        let mut reached = Vec::new();
        for found in self.top(source, Sort::Score, n)? {
            let passage = StoredPassage::read(&self.searcher, &self.opened.fields, found.addr)?;
            let Some(other) = super::parallel::counterpart(self, &passage)? else {
                continue;
            };
            if let Some(addr) = self.address_of(&other.id)?
                && !reached.iter().any(|r: &Scored| r.addr == addr)
            {
                reached.push(Scored {
                    addr,
                    via_counterpart: true,
                    ..found
                });
            }
        }
        Ok(rank::with_counterparts(direct, reached, n))
    }

    fn add_counterparts(&self, hits: &mut [Hit]) -> Result<()> {
        for hit in hits {
            hit.counterpart = super::parallel::counterpart(self, &hit.passage)?;
        }
        Ok(())
    }

    /// Ranked passages in groups of one briefing (at most `per` each), groups in the order of
    /// their best passage.
    fn group_by_briefing(&self, scored: &[Scored], per: usize) -> Result<Vec<Vec<Scored>>> {
        let mut groups: Vec<Vec<Scored>> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        // One column per segment; a column remembers the ids it has decoded.
        let mut columns: HashMap<SegmentOrdinal, collect::StrValues> = HashMap::new();
        for hit in scored {
            let segment = hit.addr.segment_ord;
            let ids = match columns.entry(segment) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(collect::StrValues::open(
                    self.searcher.segment_reader(segment),
                    name::BRIEFING_ID,
                )?),
            };
            let Some(id) = ids.get(hit.addr.doc_id) else {
                groups.push(vec![*hit]);
                continue;
            };
            match group_of.entry(id) {
                Entry::Occupied(g) => {
                    let members = &mut groups[*g.get()];
                    if members.len() < per {
                        members.push(*hit);
                    }
                }
                Entry::Vacant(g) => {
                    g.insert(groups.len());
                    groups.push(vec![*hit]);
                }
            }
        }
        Ok(groups)
    }

    fn hits(
        &self,
        prepared: &Prepared,
        scored: Vec<Scored>,
        rank_base: usize,
        snippet_chars: usize,
        group: impl Fn(usize) -> Option<usize>,
    ) -> Result<Vec<Hit>> {
        scored
            .into_iter()
            .enumerate()
            .map(|(i, scored)| {
                let passage =
                    StoredPassage::read(&self.searcher, &self.opened.fields, scored.addr)?;
                let mut hit = Hit::new(
                    rank_base + i + 1,
                    scored.score,
                    passage,
                    &prepared.built.highlight,
                    &self.opened.analyzer,
                    snippet_chars,
                );
                hit.group = group(i);
                hit.partial = scored.tier == Tier::Partial;
                if scored.via_counterpart {
                    hit.via = Some(Via::Counterpart);
                } else if self.expansion.cross && hit.passage.lang != prepared.lang {
                    hit.via = Some(Via::Translation);
                }
                if scored.tier == Tier::Question && !scored.via_counterpart {
                    hit.via = Some(Via::Question);
                    // The words are in the question: show where.
                    let question = match &hit.passage.question_id {
                        Some(id) => self.passage_text(id)?,
                        None => None,
                    };
                    hit.question_snippet = question.map(|text| {
                        let wanted = &prepared.built.highlight;
                        let ranges = snippet::highlights(&text, wanted, &self.opened.analyzer);
                        snippet::snippet(&text, &ranges, snippet_chars)
                    });
                }
                Ok(hit)
            })
            .collect()
    }

    /// The ids of the best passages for `request`, ranked with `ranking` (for evaluation):
    /// each rank's passage, then (with `request.collapse`) the near-duplicates folded into it.
    pub(crate) fn search_ranked(
        &self,
        request: &Request,
        ranking: &RankOptions,
    ) -> Result<Vec<Vec<String>>> {
        let plan = self.plan(request, ranking)?;
        let wanted = request.offset + request.limit.max(1);
        let ranked: Vec<(Scored, Vec<String>)> = if request.collapse && plan.sort == Sort::Score {
            self.top_distinct(&plan, wanted)?
                .into_iter()
                .map(|(s, d)| (s, d.into_iter().map(|d| d.id).collect()))
                .collect()
        } else {
            self.ranked(&plan, wanted)?
                .into_iter()
                .map(|s| (s, Vec::new()))
                .collect()
        };
        ranked
            .into_iter()
            .skip(request.offset)
            .map(|(hit, duplicates)| {
                let id = StoredPassage::read(&self.searcher, &self.opened.fields, hit.addr)?.id;
                Ok(std::iter::once(id).chain(duplicates).collect())
            })
            .collect()
    }

    /// The text of the passage with id `id`, if the index holds it.
    pub(crate) fn passage_text(&self, id: &str) -> Result<Option<String>> {
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(self.opened.fields.id, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let found = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("search failed")?;
        found
            .first()
            .map(|&(_, addr)| {
                StoredPassage::read(&self.searcher, &self.opened.fields, addr).map(|p| p.text)
            })
            .transpose()
    }

    /// The distinct source files of all passages matching `query` with `filters`, sorted; for
    /// briefings read from stdin, which have no file, their briefing ids.
    pub(crate) fn sources(&self, query: &str, filters: &Filters) -> Result<Vec<String>> {
        let prepared = self.prepare(query, filters)?;
        let mut out = BTreeSet::new();
        for segment in collect::matches(&self.searcher, &prepared.query)? {
            let reader = self.searcher.segment_reader(segment.segment);
            let mut sources = collect::StrValues::open(reader, name::SOURCE)?;
            let mut ids = collect::StrValues::open(reader, name::BRIEFING_ID)?;
            let ords: BTreeSet<u64> = segment
                .docs
                .iter()
                .filter_map(|&d| sources.ord(d))
                .collect();
            let stdin_ord = ords
                .iter()
                .copied()
                .find(|&o| sources.text_of(o).as_deref() == Some(STDIN_SOURCE));
            out.extend(
                ords.into_iter()
                    .filter(|&o| Some(o) != stdin_ord)
                    .filter_map(|o| sources.text_of(o)),
            );
            if let Some(stdin_ord) = stdin_ord {
                let briefings: BTreeSet<u64> = segment
                    .docs
                    .iter()
                    .filter(|&&d| sources.ord(d) == Some(stdin_ord))
                    .filter_map(|&d| ids.ord(d))
                    .collect();
                out.extend(briefings.into_iter().filter_map(|o| ids.text_of(o)));
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// Ranking options that build only what counting the matches of a query needs: the query as
/// typed, without the tiers of passages that match otherwise and without the boosts, which
/// change scores, not matches.
fn counting() -> RankOptions {
    RankOptions {
        fill: None,
        through_question: false,
        title_boost: 0.0,
        context_boost: 0.0,
        ..RankOptions::default()
    }
}

/// `query` as a condition that adds nothing to the score.
fn unscored(query: &dyn Query) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query.box_clone(), 0.0))
}
