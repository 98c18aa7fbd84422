//! Passages and briefings looked up by id: where a passage is, its text, a briefing's
//! passages in reading order, and the source files of a query's matches.

use super::*;

impl Searcher {
    /// Where the passage `id` is in the index.
    pub(super) fn address_of(&self, id: &str) -> Result<Option<tantivy::DocAddress>> {
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

    /// The text of the passage with id `id`, if the index holds it.
    pub(crate) fn passage_text(&self, id: &str) -> Result<Option<String>> {
        self.address_of(id)?
            .map(|addr| {
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

    /// Every passage of the briefing `id`, in reading order (empty if there is no such briefing).
    pub(crate) fn briefing_passages(&self, id: &str) -> Result<Vec<StoredPassage>> {
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields().briefing_id, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let mut passages = Vec::new();
        for segment in collect::matches(self.tantivy(), &query)? {
            for doc in segment.docs {
                let addr = tantivy::DocAddress::new(segment.segment, doc);
                passages.push(StoredPassage::read(self.tantivy(), self.fields(), addr)?);
            }
        }
        passages.sort_by_key(|p| p.ordinal);
        Ok(passages)
    }
}
