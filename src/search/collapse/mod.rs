//! Near-duplicates folded together: ranked by score, a passage whose near-duplicate ranks
//! higher is not a hit of its own but one of that hit's duplicates ("+2 more like this").
//!
//! Going down the ranking, each passage is compared with the hits kept so far, in rank order,
//! and joins the first it is a near-duplicate of (`analyze::fingerprint`: the fingerprints
//! share a band and the sketches agree, then the texts' shingles are compared); otherwise it
//! is a new hit. The hits are therefore exactly those of the full ranking, found in a prefix
//! of it: the prefix grows until it holds enough hits. A hit's duplicates are then completed
//! beyond the prefix: the passages that share a fingerprint band with a hit (read from the
//! band's postings) and match the query in any tier (as typed, through the question, with
//! some of the words). Nothing here changes a score, a count or a facet.

use std::collections::{BTreeSet, HashMap, HashSet};

use anyhow::{Context, Result};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, QueryClone, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, SegmentOrdinal, TERMINATED, Term};

use super::hit::Duplicate;
use super::passage::StoredPassage;
use super::rank::Scored;
use super::searcher::Plan;
use super::{Prepared, Searcher};
use crate::analyze::fingerprint::{Fingerprint, Shingles, Sketch};
use crate::index::schema::name;

pub(crate) mod shared;

/// A query matching more than one passage in this many reads a candidate's text before it
/// checks that the candidate matches (see `fold_beyond`).
const TEXT_FIRST: u64 = 20;

/// A hit with the near-duplicates folded into it.
#[derive(Debug)]
struct Folded {
    hit: Scored,
    print: Print,
    members: Vec<DocAddress>,
}

/// What is compared first of two passages: the fingerprint and the length in bytes (then
/// the sketch, read only for the pairs that pass these).
#[derive(Debug, Clone, Copy)]
struct Print {
    addr: DocAddress,
    fingerprint: Fingerprint,
    length: u64,
}

impl Print {
    /// Whether the fingerprints share a band and neither passage is twice as long as the
    /// other (near-duplicates share 70% of their shingles).
    fn close(self, other: Print) -> bool {
        self.fingerprint.may_match(other.fingerprint) && lengths_close(self.length, other.length)
    }
}

/// Whether neither length is twice the other.
fn lengths_close(a: u64, b: u64) -> bool {
    a.min(b) * 2 >= a.max(b)
}

/// What one search reads about passages, each thing once: fast-field columns per segment,
/// and the stored passages compared by text.
struct Passages<'a> {
    searcher: &'a Searcher,
    columns: HashMap<SegmentOrdinal, Columns>,
    sketches: HashMap<DocAddress, Option<Sketch>>,
    read: HashMap<DocAddress, (Duplicate, Option<Shingles>)>,
}

/// A segment's fast-field columns of fingerprints, sketches and lengths (none if unreadable).
struct Columns {
    fingerprint: [Option<Column<u64>>; 2],
    sketch: Option<Column<u64>>,
    length: Option<Column<u64>>,
}

impl<'a> Passages<'a> {
    fn new(searcher: &'a Searcher) -> Passages<'a> {
        Passages {
            searcher,
            columns: HashMap::new(),
            sketches: HashMap::new(),
            read: HashMap::new(),
        }
    }

    /// A segment's columns, opened on first use.
    fn columns(&mut self, segment: SegmentOrdinal) -> &Columns {
        let searcher = &self.searcher.searcher;
        self.columns.entry(segment).or_insert_with(|| {
            let fast = searcher.segment_reader(segment).fast_fields();
            Columns {
                fingerprint: [
                    fast.u64(name::FINGERPRINT).ok(),
                    fast.u64(name::FINGERPRINT_2).ok(),
                ],
                sketch: fast.u64(name::SKETCH).ok(),
                length: fast.u64(name::LENGTH).ok(),
            }
        })
    }

    /// A passage's fingerprint (none if unreadable) and length.
    fn print(&mut self, addr: DocAddress) -> Print {
        let length = self.length(addr);
        self.print_of_length(addr, length)
    }

    /// [`Passages::print`] of a passage whose length is already read.
    fn print_of_length(&mut self, addr: DocAddress, length: u64) -> Print {
        let columns = self.columns(addr.segment_ord);
        let value = |c: &Option<Column<u64>>| c.as_ref().and_then(|c| c.first(addr.doc_id));
        Print {
            addr,
            fingerprint: Fingerprint(
                columns
                    .fingerprint
                    .each_ref()
                    .map(|c| value(c).unwrap_or(0)),
            ),
            length,
        }
    }

    /// A passage's length in bytes (0 if unreadable): the smallest column, read before the
    /// others.
    fn length(&mut self, addr: DocAddress) -> u64 {
        let columns = self.columns(addr.segment_ord);
        columns
            .length
            .as_ref()
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(0)
    }

    /// A passage's sketch (none if unreadable): the largest column, so read only for the
    /// pairs whose fingerprint and length are close, and once.
    fn sketch(&mut self, addr: DocAddress) -> Option<Sketch> {
        if let Some(&sketch) = self.sketches.get(&addr) {
            return sketch;
        }
        let sketch = self
            .columns(addr.segment_ord)
            .sketch
            .as_ref()
            .and_then(|c| {
                let mut sketch = Sketch::default();
                let mut values = c.values_for_doc(addr.doc_id);
                for word in &mut sketch.0 {
                    *word = values.next()?;
                }
                values.next().is_none().then_some(sketch)
            });
        self.sketches.insert(addr, sketch);
        sketch
    }

    /// Whether the two passages may be near-duplicates, without reading their text: their
    /// prints are close and their sketches agree. Most passages that share a band through a
    /// common formula are told apart here.
    fn may_match(&mut self, a: Print, b: Print) -> bool {
        a.close(b)
            && match (self.sketch(a.addr), self.sketch(b.addr)) {
                (Some(a), Some(b)) => a.may_match(b),
                _ => true,
            }
    }

    fn get(&mut self, addr: DocAddress) -> Result<&(Duplicate, Option<Shingles>)> {
        if !self.read.contains_key(&addr) {
            let p = StoredPassage::read(&self.searcher.searcher, self.searcher.fields(), addr)?;
            let shingles = Shingles::of(&p.text);
            let duplicate = Duplicate {
                id: p.id,
                date: p.date,
            };
            self.read.insert(addr, (duplicate, shingles));
        }
        self.read.get(&addr).context("passage just read")
    }

    /// Whether the passages at `a` and `b` are near-duplicates, by their text.
    fn near(&mut self, a: DocAddress, b: DocAddress) -> Result<bool> {
        self.get(a)?;
        self.get(b)?;
        let shingles = |addr| self.read.get(&addr).and_then(|(_, s)| s.as_ref());
        Ok(match (shingles(a), shingles(b)) {
            (Some(a), Some(b)) => a.near_duplicate(b),
            _ => false,
        })
    }

    /// The first hit of `folded` (in rank order) that `addr` is a near-duplicate of.
    fn home(&mut self, folded: &[Folded], addr: DocAddress) -> Result<Option<usize>> {
        let print = self.print(addr);
        for (i, hit) in folded.iter().enumerate() {
            if self.may_match(print, hit.print) && self.near(hit.hit.addr, addr)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }
}

impl Searcher {
    /// The best `wanted` hits by score with their near-duplicates folded in, and for each,
    /// the passages folded into it in date order.
    pub(super) fn top_distinct(
        &self,
        plan: &Plan,
        wanted: usize,
    ) -> Result<Vec<(Scored, Vec<Duplicate>)>> {
        let mut passages = Passages::new(self);
        // Near-duplicates are a few percent of the passages: a prefix of twice the page is
        // usually enough (ranking it costs about as much as the page, and a second ranking
        // would cost as much again). The ranking is exact for any prefix length, except with
        // `--cross`, whose merge with the counterparts' list depends on the lengths of both:
        // there the prefix starts at the page, as it always has.
        let mut n = if plan.crosses() { wanted } else { wanted * 2 };
        let (mut folded, seen) = loop {
            let ranked = self.ranked(plan, n)?;
            let folded = fold(&ranked, &mut passages)?;
            if folded.len() >= wanted || ranked.len() < n {
                let seen: HashSet<DocAddress> = ranked.iter().map(|s| s.addr).collect();
                break (folded, seen);
            }
            n *= 2;
        };
        folded.truncate(wanted);
        self.fold_beyond(&plan.prepared, &mut folded, &seen, &mut passages)?;
        folded
            .into_iter()
            .map(|f| {
                let mut duplicates = f
                    .members
                    .iter()
                    .map(|&addr| Ok(passages.get(addr)?.0.clone()))
                    .collect::<Result<Vec<Duplicate>>>()?;
                duplicates.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
                Ok((f.hit, duplicates))
            })
            .collect()
    }

    /// Folds into `folded` its near-duplicates that rank below the prefix `seen`: passages
    /// that share a fingerprint band with a hit and match the query in either tier.
    fn fold_beyond(
        &self,
        prepared: &Prepared,
        folded: &mut [Folded],
        seen: &HashSet<DocAddress>,
        passages: &mut Passages,
    ) -> Result<()> {
        let candidates = self.band_candidates(folded, seen, passages)?;
        if candidates.is_empty() {
            return Ok(());
        }
        let matching = self.matching(prepared)?;
        let mut scorers = HashMap::new();
        for addr in candidates {
            let scorer = match scorers.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    matching
                        .scorer(self.searcher.segment_reader(addr.segment_ord), 1.0)
                        .context("cannot run the query")?,
                ),
            };
            // Moving a union of the query's words to a passage reads all their postings on
            // the way; when they are frequent, reading the passage's text first costs less
            // (most candidates share a band by chance).
            let max_doc = self.searcher.segment_reader(addr.segment_ord).max_doc();
            let text_first = u64::from(scorer.size_hint()) * TEXT_FIRST > u64::from(max_doc);
            let home = if text_first {
                passages.home(folded, addr)?
            } else {
                None
            };
            if text_first && home.is_none() {
                continue;
            }
            // Candidates come in document order, so one scorer per segment moves forward.
            if scorer.doc() > addr.doc_id || scorer.seek(addr.doc_id) != addr.doc_id {
                continue;
            }
            let home = match home {
                Some(i) => Some(i),
                None => passages.home(folded, addr)?,
            };
            if let Some(i) = home {
                folded[i].members.push(addr);
            }
        }
        Ok(())
    }

    /// The passages below the prefix `seen` that share a fingerprint band with a hit of
    /// `folded` and may be its near-duplicate by their fingerprint and length (fast fields).
    fn band_candidates(
        &self,
        folded: &[Folded],
        seen: &HashSet<DocAddress>,
        passages: &mut Passages,
    ) -> Result<BTreeSet<DocAddress>> {
        let field = self.fields().fingerprint_bands;
        // A band that no other passage holds brings no candidate (when indexing recorded
        // which bands are shared, see `shared`).
        let shared = self.shared_bands();
        let terms: Vec<Term> = folded
            .iter()
            .filter_map(|f| f.print.fingerprint.band_keys())
            .flatten()
            .filter(|&key| shared.is_none_or(|s| s.contains(key)))
            .map(|key| Term::from_field_u64(field, key))
            .collect();
        if terms.is_empty() {
            return Ok(BTreeSet::new());
        }
        // Candidates first, by fast fields: most passages sharing a band do so by chance.
        let mut candidates: BTreeSet<DocAddress> = BTreeSet::new();
        for (ord, reader) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = reader
                .inverted_index(field)
                .context("cannot read the index")?;
            for term in &terms {
                let Some(mut postings) = inverted
                    .read_postings(term, IndexRecordOption::Basic)
                    .context("cannot read the index")?
                else {
                    continue;
                };
                while postings.doc() != TERMINATED {
                    let addr = DocAddress::new(ord as SegmentOrdinal, postings.doc());
                    if !seen.contains(&addr) && !candidates.contains(&addr) {
                        // The length first: about half the candidates are told apart by it,
                        // without reading their fingerprints.
                        let length = passages.length(addr);
                        if folded.iter().any(|f| lengths_close(length, f.print.length)) {
                            let print = passages.print_of_length(addr, length);
                            if folded.iter().any(|f| passages.may_match(print, f.print)) {
                                candidates.insert(addr);
                            }
                        }
                    }
                    postings.advance();
                }
            }
        }
        Ok(candidates)
    }

    /// What a passage must match to be in the ranking: the query, or (unless strict) through
    /// its question or with some of its words. Not scored.
    fn matching(&self, prepared: &Prepared) -> Result<Box<dyn Weight>> {
        // The loosest tier holds the others: alone, it is one union fewer to move through.
        if let Some(any) = &prepared.fill_any {
            return any
                .weight(EnableScoring::disabled_from_searcher(&self.searcher))
                .context("cannot run the query");
        }
        let tiers: Vec<(Occur, Box<dyn Query>)> = std::iter::once(&prepared.query)
            .chain(prepared.through_question.as_ref())
            .chain(prepared.fill_any.as_ref())
            .map(|q| (Occur::Should, q.box_clone()))
            .collect();
        BooleanQuery::new(tiers)
            .weight(EnableScoring::disabled_from_searcher(&self.searcher))
            .context("cannot run the query")
    }
}

/// The ranked passages as hits, each passage folded into the first earlier hit it is a
/// near-duplicate of.
fn fold(ranked: &[Scored], passages: &mut Passages) -> Result<Vec<Folded>> {
    let mut folded: Vec<Folded> = Vec::new();
    for scored in ranked {
        match passages.home(&folded, scored.addr)? {
            Some(i) => folded[i].members.push(scored.addr),
            None => folded.push(Folded {
                hit: *scored,
                print: passages.print(scored.addr),
                members: Vec::new(),
            }),
        }
    }
    Ok(folded)
}
