//! The searcher: an opened index, and the way from a query string and filters to ranked hits,
//! counts and source files.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use anyhow::{Context, Result};
use tantivy::SegmentOrdinal;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};

use super::passage::StoredPassage;
use super::query;
use super::query::build::{self, Built, RankOptions};
use super::query::syntax::{self, SyntaxError};
use super::rank::Scored;
use super::{Filter, Filters, Hit, collect};
use crate::index::aliases::Aliases;
use crate::index::schema::name;
use crate::index::{self, Fields, Opened};

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Sort {
    /// Most relevant first (the default; `*` is listed by date).
    #[default]
    Score,
    /// Oldest first.
    Date,
    /// Newest first.
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
    /// Ranked by score (and not grouped), fold each passage into a higher-ranked
    /// near-duplicate, so that `limit` counts distinct hits.
    pub collapse: bool,
}

/// Hits and, when asked for, the number of passages that matched in all.
#[derive(Debug)]
pub(crate) struct Results {
    pub hits: Vec<Hit>,
    pub total: Option<usize>,
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
    /// Passages that match fewer of the words, and not `query`: ranked after its matches.
    pub fill: Option<BooleanQuery>,
    /// Whether to discount short passages.
    pub length_prior: bool,
}

/// An index opened for searching.
pub struct Searcher {
    opened: Opened,
    pub(super) searcher: tantivy::Searcher,
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
    pub(crate) fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.opened.fields
    }

    pub(crate) fn tantivy(&self) -> &tantivy::Searcher {
        &self.searcher
    }

    /// Parses `query` and combines it with `filters`, ranking as by default.
    pub(crate) fn prepare(&self, query: &str, filters: &Filters) -> Result<Prepared> {
        self.prepare_with(query, filters, &RankOptions::default())
    }

    /// Parses `query` and combines it with `filters`, ranking with `ranking`.
    pub(crate) fn prepare_with(
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
        let node = query::aliases::with_aliases(node, &self.aliases);
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
            if request.collapse && sort == Sort::Score {
                let page: Vec<_> = self
                    .top_distinct(&prepared, request.offset + limit)?
                    .into_iter()
                    .skip(request.offset)
                    .collect();
                let (scored, duplicates): (Vec<Scored>, Vec<_>) = page.into_iter().unzip();
                let mut hits = self.hits(
                    &prepared,
                    scored,
                    request.offset,
                    request.snippet_chars,
                    |_| None,
                )?;
                for (hit, duplicates) in hits.iter_mut().zip(duplicates) {
                    hit.duplicates = duplicates;
                }
                return Ok(Results { hits, total });
            }
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
        let mut page = wanted_groups * per * 4;
        let groups = loop {
            let scored = self.top(&prepared, sort, page)?;
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
                self.hits(&prepared, members, rank_base, request.snippet_chars, |_| {
                    Some(g + 1)
                })?;
            hits.append(&mut group_hits);
        }
        Ok(Results { hits, total })
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
                hit.partial = !scored.exact;
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
        let prepared = self.prepare_with(&request.query, &request.filters, ranking)?;
        let sort = if prepared.built.match_all {
            Sort::Date
        } else {
            request.sort
        };
        let wanted = request.offset + request.limit.max(1);
        let ranked: Vec<(Scored, Vec<String>)> = if request.collapse && sort == Sort::Score {
            self.top_distinct(&prepared, wanted)?
                .into_iter()
                .map(|(s, d)| (s, d.into_iter().map(|d| d.id).collect()))
                .collect()
        } else {
            self.top(&prepared, sort, wanted)?
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

    /// The distinct source files of all passages matching `query` with `filters`, sorted.
    pub(crate) fn sources(&self, query: &str, filters: &Filters) -> Result<Vec<String>> {
        let prepared = self.prepare(query, filters)?;
        let mut out = BTreeSet::new();
        for segment in collect::matches(&self.searcher, &prepared.query)? {
            let reader = self.searcher.segment_reader(segment.segment);
            let mut sources = collect::StrValues::open(reader, name::SOURCE)?;
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
