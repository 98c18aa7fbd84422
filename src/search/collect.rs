//! Visiting every matching passage, for counts (facets, trends, speakers, files).
//!
//! Collects matching document ids segment by segment, without scoring, so that callers can
//! read fast-field columns once per segment rather than stored documents one by one.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema::name;
use anyhow::{Context, Result};

/// The matching documents of one segment.
pub(crate) struct SegmentMatches {
    pub segment: SegmentOrdinal,
    pub docs: Vec<DocId>,
}

struct MatchCollector;

struct SegmentMatchCollector {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
}

impl Collector for MatchCollector {
    type Fruit = Vec<SegmentMatches>;
    type Child = SegmentMatchCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatchCollector> {
        Ok(SegmentMatchCollector {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentMatches>) -> tantivy::Result<Vec<SegmentMatches>> {
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentMatchCollector {
    type Fruit = SegmentMatches;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs.push(doc);
    }

    fn harvest(self) -> SegmentMatches {
        SegmentMatches {
            segment: self.segment,
            docs: self.docs,
        }
    }
}

/// Every document matching `query`, grouped by segment.
pub(crate) fn matches(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
) -> Result<Vec<SegmentMatches>> {
    searcher
        .search(query, &MatchCollector)
        .context("search failed")
}

/// Reads a string fast field of the documents of one segment.
pub(crate) struct StrValues {
    column: Option<tantivy::columnar::StrColumn>,
    buffer: String,
    /// Strings already looked up, by ordinal: a lookup decodes a dictionary block, and a
    /// column has far fewer distinct values than documents.
    known: HashMap<u64, Option<String>>,
}

impl StrValues {
    pub(crate) fn open(reader: &SegmentReader, field: &str) -> Result<StrValues> {
        let column = reader
            .fast_fields()
            .str(field)
            .with_context(|| format!("cannot read the {field} column"))?;
        Ok(StrValues {
            column,
            buffer: String::new(),
            known: HashMap::new(),
        })
    }

    /// The term ordinal of the document's value (stable within the segment), if it has one.
    pub(crate) fn ord(&self, doc: DocId) -> Option<u64> {
        self.column.as_ref()?.ords().first(doc)
    }

    /// The string of a term ordinal.
    pub(crate) fn text_of(&mut self, ord: u64) -> Option<String> {
        if let Some(known) = self.known.get(&ord) {
            return known.clone();
        }
        let column = self.column.as_ref()?;
        self.buffer.clear();
        let text = column
            .ord_to_str(ord, &mut self.buffer)
            .ok()?
            .then(|| self.buffer.clone());
        self.known.insert(ord, text.clone());
        text
    }

    /// The document's value.
    pub(crate) fn get(&mut self, doc: DocId) -> Option<String> {
        let ord = self.ord(doc)?;
        self.text_of(ord)
    }
}

/// Reads the date fast field, as days since 1970-01-01.
pub(crate) struct DayValues {
    column: tantivy::columnar::Column<tantivy::DateTime>,
}

impl DayValues {
    pub(crate) fn open(reader: &SegmentReader) -> Result<DayValues> {
        let column = reader
            .fast_fields()
            .date(name::DATE)
            .context("cannot read the date column")?;
        Ok(DayValues { column })
    }

    pub(crate) fn get(&self, doc: DocId) -> Option<i64> {
        self.column
            .first(doc)
            .map(|d| d.into_timestamp_secs().div_euclid(86_400))
    }
}
