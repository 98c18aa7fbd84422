//! Phrases matched once per process.
//!
//! A ranked search runs its query several times (the passages that hold every word, the
//! answers found through their question, the levels with fewer words; once per language when
//! the query has both), and a query often holds the same phrase several times (a Chinese word
//! as a phrase of its bigrams; a synonym's name of several words in each tier). A phrase is
//! costly where its words are frequent and its matches rare: finding the next match reads the
//! positions of every passage that holds all its words. So the matches of a phrase in a
//! segment, with their scores, are found once and kept: the next scorer of the same phrase
//! (same terms, same boost, same view of the index) reads them from memory. The scores are Tantivy's own (the
//! phrase's scorer computes them), and the scorer reports the estimates Tantivy's does, so
//! that intersections and unions run in the same order: the results do not change.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, PhraseQuery, Query, Scorer, TermQuery, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// A phrase whose scorer's estimate (Tantivy's: the passages holding all its words, divided by
/// ten per word) is above this is not kept: reading all its matches could cost more than the
/// few that an intersection with rarer words visits.
const MAX_ESTIMATE: u32 = 50_000;

/// Matches kept in all, at most, before the cache is emptied (a long `--batch` run).
const MAX_KEPT: usize = 2_000_000;

/// A term for one word, a phrase (its matches kept) for several.
pub(super) fn sequence(field: Field, words: &[&str]) -> Box<dyn Query> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    if terms.len() == 1 {
        Box::new(TermQuery::new(
            terms[0].clone(),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(CachedPhrase::new(terms))
    }
}

/// A phrase query whose matches are kept per segment (see the module).
#[derive(Clone, Debug)]
pub(crate) struct CachedPhrase {
    inner: PhraseQuery,
}

impl CachedPhrase {
    pub(crate) fn new(terms: Vec<Term>) -> CachedPhrase {
        CachedPhrase {
            inner: PhraseQuery::new(terms),
        }
    }
}

impl Query for CachedPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Scores depend on the statistics of the whole index as the searcher sees it (its
        // segments and their deletions): matches kept under another view are not reused.
        // Briefsearch scores with the searcher's own statistics.
        let view = match enable_scoring {
            EnableScoring::Enabled { searcher, .. } => {
                let mut hasher = DefaultHasher::new();
                for reader in searcher.segment_readers() {
                    (reader.segment_id(), reader.num_deleted_docs()).hash(&mut hasher);
                }
                Some(hasher.finish())
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(CachedWeight {
            inner: self.inner.weight(enable_scoring)?,
            terms: self.inner.phrase_terms(),
            view,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    segment: SegmentId,
    terms: Vec<Term>,
    boost: u32,
    /// The index as the scoring searcher saw it (none: scoring disabled).
    view: Option<u64>,
}

/// The matches of a phrase in a segment, in document order, with the estimates of its scorer.
struct Matches {
    docs: Vec<(DocId, Score)>,
    size_hint: u32,
    cost: u64,
}

#[derive(Default)]
struct Cache {
    matches: HashMap<Key, Arc<Matches>>,
    kept: usize,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Cache::default()))
}

struct CachedWeight {
    inner: Box<dyn Weight>,
    terms: Vec<Term>,
    view: Option<u64>,
}

impl Weight for CachedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let key = Key {
            segment: reader.segment_id(),
            terms: self.terms.clone(),
            boost: boost.to_bits(),
            view: self.view,
        };
        let kept = cache()
            .lock()
            .ok()
            .and_then(|c| c.matches.get(&key).cloned());
        if let Some(matches) = kept {
            return Ok(Box::new(KeptScorer { matches, at: 0 }));
        }
        let mut scorer = self.inner.scorer(reader, boost)?;
        let (size_hint, cost) = (scorer.size_hint(), scorer.cost());
        if size_hint > MAX_ESTIMATE {
            return Ok(scorer);
        }
        let mut docs = Vec::new();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            docs.push((doc, scorer.score()));
            doc = scorer.advance();
        }
        let matches = Arc::new(Matches {
            docs,
            size_hint,
            cost,
        });
        if let Ok(mut c) = cache().lock() {
            if c.kept + matches.docs.len() > MAX_KEPT {
                *c = Cache::default();
            }
            c.kept += matches.docs.len();
            c.matches.insert(key, Arc::clone(&matches));
        }
        Ok(Box::new(KeptScorer { matches, at: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

/// Kept matches, read in order.
struct KeptScorer {
    matches: Arc<Matches>,
    at: usize,
}

impl DocSet for KeptScorer {
    fn advance(&mut self) -> DocId {
        if self.at < self.matches.docs.len() {
            self.at += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = &self.matches.docs[self.at..];
        self.at += rest.partition_point(|&(doc, _)| doc < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.matches
            .docs
            .get(self.at)
            .map_or(TERMINATED, |&(d, _)| d)
    }

    fn size_hint(&self) -> u32 {
        self.matches.size_hint
    }

    fn cost(&self) -> u64 {
        self.matches.cost
    }
}

impl Scorer for KeptScorer {
    fn score(&mut self) -> Score {
        self.matches.docs.get(self.at).map_or(0.0, |&(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, doc};

    #[test]
    fn test_kept_phrase_matches_and_scores_as_the_phrase() {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for line in [
            "the united states and the states united",
            "united states",
            "states of the union",
            "a united front of states",
            "united states united states",
        ] {
            writer.add_document(doc!(text => line)).expect("add");
        }
        writer.commit().expect("commit");
        let terms = |words: &[&str]| -> Vec<Term> {
            words
                .iter()
                .map(|w| Term::from_field_text(text, w))
                .collect()
        };
        let check = |searcher: &tantivy::Searcher| {
            let phrases: [&[&str]; 3] = [
                &["united", "states"],
                &["states", "united"],
                &["of", "states"],
            ];
            for words in phrases {
                let plain = PhraseQuery::new(terms(words));
                let kept = CachedPhrase::new(terms(words));
                let top = TopDocs::with_limit(10).order_by_score();
                let expected = searcher.search(&plain, &top).expect("search");
                // Twice: found, then read from the cache.
                for _ in 0..2 {
                    assert_eq!(searcher.search(&kept, &top).expect("search"), expected);
                    assert_eq!(
                        searcher.search(&kept, &Count).expect("count"),
                        searcher.search(&plain, &Count).expect("count")
                    );
                }
            }
        };
        check(&index.reader().expect("reader").searcher());
        // A new segment changes every phrase's statistics, hence the first segment's scores.
        writer
            .add_document(doc!(text => "united states of america"))
            .expect("add");
        writer.commit().expect("commit");
        check(&index.reader().expect("reader").searcher());
    }
}
