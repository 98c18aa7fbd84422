//! Search: from a query string and filters to ranked, attributed hits, counts and
//! summaries. Returns data; printing is `output`'s business.
//!
//! Ranking is BM25 over the passage text (words, and CJK bigrams for sub-words), plus small
//! boosts for matches in the briefing title and, for answers, in the question asked (see
//! [`query::build`]), times a length prior that discounts one-line passages. Filters never
//! change a score. `*` alone lists passages in date order.

pub mod collect;
pub mod facets;
pub mod filter;
pub mod hit;
pub mod query;
pub mod show;
pub mod snippet;
pub mod speakers;
pub mod stats;
pub mod trend;
pub mod vocabulary;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use anyhow::{Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query};
use tantivy::{DocAddress, DocSet, Order, TERMINATED};

use crate::index::aliases::Aliases;
use crate::index::{self, Fields, Opened};
pub use filter::{Filter, Filters};
pub use hit::{HIT_FIELDS, Hit, StoredPassage};
use query::build::{self, Built, RankOptions};
use query::syntax::{self, Node, QueryField, SyntaxError};

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// Most relevant first (the default; `*` is listed by date).
    #[default]
    Score,
    /// Oldest first.
    Date,
    /// Newest first.
    #[value(name = "-date")]
    DateDesc,
}

/// What to search for and how many hits to return.
#[derive(Debug, Clone)]
pub struct Request {
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
}

/// Hits and, when asked for, the number of passages that matched in all.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: Option<usize>,
}

/// A query the user must fix: the message says what and where.
#[derive(Debug)]
pub struct BadQuery {
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
    if crate::analyze::script::is_han(c)
        || ('\u{3000}'..='\u{30FF}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// Passages shorter than this (in bytes) are discounted: BM25 favours short texts, and a
/// one-line "The Inflation Reduction Act." should not outrank an answer that explains it.
const SHORT_PASSAGE_BYTES: f32 = 160.0;

/// Multiplier in (0, 1] applied to a passage's score, by its length.
fn length_prior(bytes: u64) -> f32 {
    (bytes as f32 / SHORT_PASSAGE_BYTES)
        .clamp(0.05, 1.0)
        .powf(0.3)
}

/// `node` with each `speaker:NAME` (word or phrase) that names a speaker of the alias list
/// replaced by: any of that speaker's names, as phrases, required.
fn with_aliases(node: Node, aliases: &Aliases) -> Node {
    if aliases.is_empty() {
        return node;
    }
    let all = |children: Vec<Node>| {
        children
            .into_iter()
            .map(|c| with_aliases(c, aliases))
            .collect()
    };
    match node {
        Node::Word {
            field: Some(QueryField::Speaker),
            ref text,
        }
        | Node::Phrase {
            field: Some(QueryField::Speaker),
            ref text,
        } => {
            let names = aliases.names(text);
            if names.len() < 2 {
                return node;
            }
            Node::Required(Box::new(Node::Or(
                names
                    .into_iter()
                    .map(|text| Node::Phrase {
                        field: Some(QueryField::Speaker),
                        text,
                    })
                    .collect(),
            )))
        }
        Node::And(children) => Node::And(all(children)),
        Node::Or(children) => Node::Or(all(children)),
        Node::Not(inner) => Node::Not(Box::new(with_aliases(*inner, aliases))),
        Node::Required(inner) => Node::Required(Box::new(with_aliases(*inner, aliases))),
        other => other,
    }
}

/// A parsed query with its filters, ready to run.
pub struct Prepared {
    pub built: Built,
    /// The passages that match the query as typed (every word, unless marked optional).
    pub query: BooleanQuery,
    /// Passages that match fewer of the words, and not `query`: ranked after its matches.
    pub fill: Option<BooleanQuery>,
    /// Whether to discount short passages.
    pub length_prior: bool,
}

/// A ranked passage.
#[derive(Debug, Clone, Copy)]
struct Scored {
    score: f32,
    addr: DocAddress,
    /// It matches the query as typed (rather than fewer of its words).
    exact: bool,
}

/// An index opened for searching.
pub struct Searcher {
    opened: Opened,
    searcher: tantivy::Searcher,
    aliases: Aliases,
}

impl Searcher {
    pub fn open(dir: &Path) -> Result<Searcher> {
        let opened = index::open(dir)?;
        let reader = opened
            .index
            .reader()
            .with_context(|| format!("cannot read the index at {}", dir.display()))?;
        let searcher = reader.searcher();
        let aliases = Aliases::load(dir)?;
        Ok(Searcher {
            opened,
            searcher,
            aliases,
        })
    }

    /// The index's speaker aliases (`aliases.txt`).
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    pub fn fields(&self) -> &Fields {
        &self.opened.fields
    }

    pub fn tantivy(&self) -> &tantivy::Searcher {
        &self.searcher
    }

    pub fn opened(&self) -> &Opened {
        &self.opened
    }

    /// Parses `query` and combines it with `filters`, ranking as by default.
    pub fn prepare(&self, query: &str, filters: &Filters) -> Result<Prepared> {
        self.prepare_with(query, filters, &RankOptions::default())
    }

    /// Parses `query` and combines it with `filters`, ranking with `ranking`.
    pub fn prepare_with(
        &self,
        query: &str,
        filters: &Filters,
        ranking: &RankOptions,
    ) -> Result<Prepared> {
        let node = syntax::parse(query).map_err(|error| BadQuery {
            query: query.to_string(),
            error,
        })?;
        // A speaker stands for all their names, in the query and in the filter.
        let node = with_aliases(node, &self.aliases);
        let filters = &Filters {
            speakers: self.aliases.expand(&filters.speakers),
            ..filters.clone()
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
        let fill = match ranking.fill {
            Some(looser) if !built.match_all && looser != ranking.matching => {
                let loose = RankOptions {
                    matching: looser,
                    ..*ranking
                };
                build::build(&node, &self.opened.fields, &self.opened.analyzer, &loose)
                    .ok()
                    .filter(|relaxed| relaxed.relaxed)
                    .map(|relaxed| {
                        with_filters(
                            vec![
                                (Occur::Must, relaxed.matching.box_clone()),
                                (Occur::MustNot, built.matching.box_clone()),
                            ],
                            &relaxed,
                        )
                    })
            }
            _ => None,
        };
        Ok(Prepared {
            built,
            query,
            fill,
            length_prior: ranking.length_prior,
        })
    }

    /// Number of passages matching `query` with `filters`.
    pub fn count(&self, query: &str, filters: &Filters) -> Result<usize> {
        let prepared = self.prepare(query, filters)?;
        self.searcher
            .search(&prepared.query, &Count)
            .context("search failed")
    }

    /// When `filters` leave no hit: how many the query matches without them, and which single
    /// filters, removed, would bring hits back.
    pub fn why_empty(
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
    pub fn search(&self, request: &Request) -> Result<Results> {
        let defaults = RankOptions::default();
        let ranking = RankOptions {
            fill: defaults.fill.filter(|_| request.fill),
            ..defaults
        };
        let prepared = self.prepare_with(&request.query, &request.filters, &ranking)?;
        let sort = match request.sort {
            Sort::Score if prepared.built.match_all => Sort::Date,
            other => other,
        };
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
            let scored = self.top(&prepared, sort, request.offset + limit)?;
            let page: Vec<Scored> = scored.into_iter().skip(request.offset).collect();
            let hits = self.hits(
                &prepared,
                page,
                request.offset,
                request.snippet_chars,
                |_| None,
            )?;
            return Ok(Results { hits, total });
        };
        // Best passages per briefing: read ranked passages until enough briefings are filled.
        let wanted_groups = request.offset + limit;
        let mut groups: Vec<(String, Vec<Scored>)> = Vec::new();
        let mut page = wanted_groups * per * 4;
        loop {
            let scored = self.top(&prepared, sort, page)?;
            groups.clear();
            for hit in &scored {
                let id = self.briefing_id_of(hit.addr)?;
                match groups.iter_mut().find(|(g, _)| *g == id) {
                    Some((_, members)) if members.len() < per => members.push(*hit),
                    Some(_) => {}
                    None => groups.push((id, vec![*hit])),
                }
            }
            if groups.len() >= wanted_groups || scored.len() < page {
                break;
            }
            page *= 4;
        }
        let mut hits = Vec::new();
        for (g, (_, members)) in groups
            .into_iter()
            .enumerate()
            .skip(request.offset)
            .take(limit)
        {
            let rank_base = hits.len();
            let mut group_hits =
                self.hits(&prepared, members, rank_base, request.snippet_chars, |_| {
                    Some(g + 1)
                })?;
            hits.append(&mut group_hits);
        }
        Ok(Results { hits, total })
    }

    fn briefing_id_of(&self, addr: DocAddress) -> Result<String> {
        let reader = self.searcher.segment_reader(addr.segment_ord);
        let mut ids = collect::StrValues::open(reader, "briefing_id")?;
        Ok(ids.get(addr.doc_id).unwrap_or_default())
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
                hit.partial = !scored.exact;
                Ok(hit)
            })
            .collect()
    }

    /// The `n` best passages in `sort` order, with their scores (0 when the query is `*`). By
    /// score, the passages that match the query as typed come first, then (if the ranking
    /// fills) those that match fewer of its words.
    fn top(&self, prepared: &Prepared, sort: Sort, n: usize) -> Result<Vec<Scored>> {
        let n = n.max(1);
        if sort != Sort::Score {
            let order = if sort == Sort::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let collector = TopDocs::with_limit(n).order_by_fast_field::<u64>("order", order);
            let top = self
                .searcher
                .search(&prepared.query, &collector)
                .context("search failed")?;
            let addrs: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
            let scores = if prepared.built.match_all {
                vec![0.0; addrs.len()]
            } else {
                self.scores(prepared, &addrs)?
            };
            return Ok(scores
                .into_iter()
                .zip(addrs)
                .map(|(score, addr)| Scored {
                    score,
                    addr,
                    exact: true,
                })
                .collect());
        }
        let mut ranked: Vec<Scored> = self
            .top_by_score(&prepared.query, prepared.length_prior, n)?
            .into_iter()
            .map(|(score, addr)| Scored {
                score,
                addr,
                exact: true,
            })
            .collect();
        if let Some(fill) = prepared.fill.as_ref().filter(|_| ranked.len() < n) {
            let more = self.top_by_score(fill, prepared.length_prior, n - ranked.len())?;
            ranked.extend(more.into_iter().map(|(score, addr)| Scored {
                score,
                addr,
                exact: false,
            }));
        }
        Ok(ranked)
    }

    /// The best `n` passages matching `query` by score.
    ///
    /// The ranking is BM25 times a length prior of at most 1. Tantivy finds the best
    /// plain BM25 scores quickly (block-max WAND skips most matches), so the best `n` by final
    /// score are found among the best `m` by BM25, for `m` grown until the `m`-th BM25 score
    /// is below the `n`-th final score: no passage further down can overtake. Exact, and a
    /// small fraction of the work of scoring every match.
    fn top_by_score(
        &self,
        query: &BooleanQuery,
        length_prior: bool,
        n: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let mut m = (n * 4).max(40);
        loop {
            let plain = self
                .searcher
                .search(query, &TopDocs::with_limit(m).order_by_score())
                .context("search failed")?;
            let mut ranked: Vec<(f32, DocAddress)> = plain
                .iter()
                .map(|&(score, addr)| (score * self.prior(length_prior, addr), addr))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let exhausted = plain.len() < m;
            let safe = match (ranked.get(n - 1), plain.last()) {
                (Some(nth_final), Some(last_plain)) => last_plain.0 < nth_final.0,
                _ => false,
            };
            if exhausted || safe {
                ranked.truncate(n);
                return Ok(ranked);
            }
            m *= 4;
        }
    }

    /// The length prior of a passage, if the ranking uses one.
    fn prior(&self, discount: bool, addr: DocAddress) -> f32 {
        if discount {
            length_prior(self.length(addr))
        } else {
            1.0
        }
    }

    /// A passage's length in bytes (for the length prior).
    fn length(&self, addr: DocAddress) -> u64 {
        self.searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64("length")
            .ok()
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(u64::MAX)
    }

    /// The relevance score of each passage in `addrs` (for results sorted by date).
    fn scores(&self, prepared: &Prepared, addrs: &[DocAddress]) -> Result<Vec<f32>> {
        let weight = prepared
            .query
            .weight(EnableScoring::enabled_from_searcher(&self.searcher))
            .context("cannot score the query")?;
        addrs
            .iter()
            .map(|addr| {
                let reader = self.searcher.segment_reader(addr.segment_ord);
                let mut scorer = weight
                    .scorer(reader, 1.0)
                    .context("cannot score the query")?;
                if scorer.seek(addr.doc_id) != addr.doc_id || scorer.doc() == TERMINATED {
                    return Ok(0.0);
                }
                Ok(scorer.score() * self.prior(prepared.length_prior, *addr))
            })
            .collect()
    }

    /// The ids of the best passages for `request`, ranked with `ranking` (for evaluation).
    pub fn search_ranked(&self, request: &Request, ranking: &RankOptions) -> Result<Vec<String>> {
        let prepared = self.prepare_with(&request.query, &request.filters, ranking)?;
        let sort = if prepared.built.match_all {
            Sort::Date
        } else {
            request.sort
        };
        self.top(&prepared, sort, request.offset + request.limit.max(1))?
            .into_iter()
            .skip(request.offset)
            .map(|hit| Ok(StoredPassage::read(&self.searcher, &self.opened.fields, hit.addr)?.id))
            .collect()
    }

    /// The text of the passage with id `id`, if the index holds it.
    pub fn passage_text(&self, id: &str) -> Result<Option<String>> {
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

    /// The distinct source files of all passages matching `query` with `filters`, sorted.
    pub fn sources(&self, query: &str, filters: &Filters) -> Result<Vec<String>> {
        let prepared = self.prepare(query, filters)?;
        let mut out = BTreeSet::new();
        for segment in collect::matches(&self.searcher, &prepared.query)? {
            let reader = self.searcher.segment_reader(segment.segment);
            let mut sources = collect::StrValues::open(reader, "source")?;
            let ords: BTreeSet<u64> = segment
                .docs
                .iter()
                .filter_map(|&d| sources.ord(d))
                .collect();
            out.extend(ords.into_iter().filter_map(|o| sources.text_of(o)));
        }
        Ok(out.into_iter().collect())
    }
}
