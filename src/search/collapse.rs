//! Near-duplicates folded together: ranked by score, a passage whose near-duplicate ranks
//! higher is not a hit of its own but one of that hit's duplicates ("+2 more like this").
//!
//! Going down the ranking, each passage is compared with the hits kept so far, in rank order,
//! and joins the first it is a near-duplicate of (`analyze::fingerprint`: the fingerprints
//! share a band, then the texts' shingles are compared); otherwise it is a new hit. The hits
//! are therefore exactly those of the full ranking, found in a prefix of it: the prefix grows
//! until it holds enough hits. A hit's duplicates are then completed beyond the prefix with
//! one search: the passages that match the query and share a fingerprint band with a hit.
//! Nothing here changes a score, a count or a facet.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use tantivy::DocAddress;
use tantivy::query::{BooleanQuery, Occur, Query, QueryClone, TermSetQuery};

use super::passage::StoredPassage;
use super::rank::Scored;
use super::hit::Duplicate;
use super::{Prepared, Searcher, Sort, collect};
use crate::analyze::fingerprint::{Fingerprint, Shingles};
use crate::index::schema::name;

/// A hit with the near-duplicates folded into it.
#[derive(Debug)]
pub(super) struct Folded {
    pub hit: Scored,
    print: Fingerprint,
    members: Vec<DocAddress>,
}

/// Passages read for comparison, each once per search.
struct Texts<'a> {
    searcher: &'a Searcher,
    read: HashMap<DocAddress, (Duplicate, Option<Shingles>)>,
}

impl Texts<'_> {
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
}

impl Searcher {
    /// The best `wanted` hits by score with their near-duplicates folded in, and for each,
    /// the passages folded into it in date order.
    pub(super) fn top_distinct(
        &self,
        prepared: &Prepared,
        wanted: usize,
    ) -> Result<Vec<(Scored, Vec<Duplicate>)>> {
        let mut texts = Texts {
            searcher: self,
            read: HashMap::new(),
        };
        // Duplicates are a few percent of the passages: twice the hits wanted is usually
        // enough, and the ranking is exact for any prefix length.
        let mut n = (wanted * 2).max(20);
        let (mut folded, seen) = loop {
            let ranked = self.top(prepared, Sort::Score, n)?;
            let folded = self.fold(&ranked, &mut texts)?;
            if folded.len() >= wanted || ranked.len() < n {
                let seen: HashSet<DocAddress> = ranked.iter().map(|s| s.addr).collect();
                break (folded, seen);
            }
            n *= 2;
        };
        folded.truncate(wanted);
        self.fold_beyond(prepared, &mut folded, &seen, &mut texts)?;
        folded
            .into_iter()
            .map(|f| {
                let mut duplicates = f
                    .members
                    .iter()
                    .map(|&addr| Ok(texts.get(addr)?.0.clone()))
                    .collect::<Result<Vec<Duplicate>>>()?;
                duplicates.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
                Ok((f.hit, duplicates))
            })
            .collect()
    }

    /// The ranked passages as hits, each passage folded into the first earlier hit it is a
    /// near-duplicate of.
    fn fold(&self, ranked: &[Scored], texts: &mut Texts) -> Result<Vec<Folded>> {
        let mut folded: Vec<Folded> = Vec::new();
        for scored in ranked {
            let print = self.fingerprint(scored.addr);
            let mut home = None;
            for (i, hit) in folded.iter().enumerate() {
                if print.may_match(hit.print) && texts.near(hit.hit.addr, scored.addr)? {
                    home = Some(i);
                    break;
                }
            }
            match home {
                Some(i) => folded[i].members.push(scored.addr),
                None => folded.push(Folded {
                    hit: *scored,
                    print,
                    members: Vec::new(),
                }),
            }
        }
        Ok(folded)
    }

    /// Folds into `folded` the near-duplicates that rank below the prefix `seen`: passages
    /// that match the query (in either tier) and share a fingerprint band with a hit.
    fn fold_beyond(
        &self,
        prepared: &Prepared,
        folded: &mut [Folded],
        seen: &HashSet<DocAddress>,
        texts: &mut Texts,
    ) -> Result<()> {
        let field = self.fields().fingerprint_bands;
        let terms: Vec<tantivy::Term> = folded
            .iter()
            .filter_map(|f| f.print.band_keys())
            .flatten()
            .map(|key| tantivy::Term::from_field_u64(field, key))
            .collect();
        if terms.is_empty() {
            return Ok(());
        }
        let matching: Box<dyn Query> = match &prepared.fill {
            Some(fill) => Box::new(BooleanQuery::new(vec![
                (Occur::Should, prepared.query.box_clone()),
                (Occur::Should, fill.box_clone()),
            ])),
            None => prepared.query.box_clone(),
        };
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(TermSetQuery::new(terms)) as Box<dyn Query>),
            (Occur::Must, matching),
        ]);
        for segment in collect::matches(&self.searcher, &query)? {
            for doc in segment.docs {
                let addr = DocAddress::new(segment.segment, doc);
                if seen.contains(&addr) {
                    continue;
                }
                let print = self.fingerprint(addr);
                for hit in folded.iter_mut() {
                    if print.may_match(hit.print) && texts.near(hit.hit.addr, addr)? {
                        hit.members.push(addr);
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// A passage's near-duplicate fingerprint (none if unreadable).
    fn fingerprint(&self, addr: DocAddress) -> Fingerprint {
        Fingerprint(
            self.searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64(name::FINGERPRINT)
                .ok()
                .and_then(|c| c.first(addr.doc_id))
                .unwrap_or(0),
        )
    }
}
