//! From a query string and filters to the Tantivy queries that rank it: the query as typed,
//! through the question, and the levels of passages with fewer of its words.

use super::*;

/// A parsed query with its filters, ready to run.
pub(crate) struct Prepared {
    pub built: Arc<Built>,
    /// The passages that match the query as typed (every word, unless marked optional).
    pub query: BooleanQuery,
    /// Answers that match with the words of the question they reply to, and not `query`:
    /// ranked after its matches.
    pub through_question: Option<BooleanQuery>,
    /// Passages that match fewer of the words, and none of the above, level by level (more of
    /// the words first): ranked last.
    pub partial: Option<Partial>,
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

impl Prepared {
    /// The same query with one more filter, as preparing it with that filter added last
    /// would build it (filters are the last clauses of each tier, and score nothing).
    pub(super) fn also_filtered(&self, filter: Box<dyn Query>) -> Prepared {
        let with = |q: &BooleanQuery| {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = q
                .clauses()
                .iter()
                .map(|(occur, q)| (*occur, q.box_clone()))
                .collect();
            clauses.push((Occur::Must, filter.box_clone()));
            BooleanQuery::new(clauses)
        };
        Prepared {
            built: Arc::clone(&self.built),
            query: with(&self.query),
            through_question: self.through_question.as_ref().map(with),
            partial: self.partial.as_ref().map(|p| Partial {
                query: with(&p.query),
                levels: p
                    .levels
                    .iter()
                    .map(|l| l.as_ref().map(|q| q.box_clone()))
                    .collect(),
            }),
            fill_any: self.fill_any.as_ref().map(with),
            length_prior: self.length_prior,
            lang: self.lang,
            level_discount: self.level_discount,
            notices: self.notices.clone(),
        }
    }
}

/// What the tiers of a ranked query are built from.
struct Tiers<'a> {
    fields: &'a Fields,
    analyzer: &'a crate::analyze::Analyzer,
    filters: &'a Filters,
    node: &'a Node,
    ranking: &'a RankOptions,
}

impl Tiers<'_> {
    /// `clauses` with `built`'s boosts and the filters.
    fn with_filters(
        &self,
        mut clauses: Vec<(Occur, Box<dyn Query>)>,
        built: &Built,
    ) -> BooleanQuery {
        if let Some(boosts) = &built.boosts {
            clauses.push((Occur::Should, boosts.box_clone()));
        }
        clauses.extend(
            self.filters
                .clauses(self.fields)
                .into_iter()
                .map(|q| (Occur::Must, q)),
        );
        BooleanQuery::new(clauses)
    }

    /// The query built with `matching` in place of the ranking's own.
    fn built_as(&self, matching: Matching) -> Option<Built> {
        let options = RankOptions {
            matching,
            ..*self.ranking
        };
        build::build(self.node, self.fields, self.analyzer, &options).ok()
    }

    /// Passages with fewer of the words, in levels: those that lack one word before those
    /// that have half of them, before those that have any (see [`Partial`]). Also what any
    /// of them matches (see [`Prepared::fill_any`]).
    fn fill(&self, built: &Built) -> (Option<Partial>, Option<BooleanQuery>) {
        let Some(loosest) = self.ranking.fill.filter(|_| !built.match_all) else {
            return (None, None);
        };
        // Every partial hit holds at least one of the words in its own text: an answer whose
        // question alone has them belongs to the question tier or to none.
        let Some(loosest_built) = self.built_as(loosest) else {
            return (None, None);
        };
        let own = loosest_built.matching.box_clone();
        // Built once: it is also the last level's.
        let mut loosest_built = Some(loosest_built);
        let levels = if self.ranking.fill_levels {
            vec![Matching::AllButOne, Matching::Half, loosest]
        } else {
            vec![loosest]
        };
        let mut memberships: Vec<Option<Box<dyn Query>>> = Vec::new();
        let mut last = None;
        for level in levels {
            if level == self.ranking.matching {
                continue;
            }
            let built = match level == loosest {
                true => loosest_built.take().or_else(|| self.built_as(level)),
                false => self.built_as(level),
            };
            let Some(relaxed) = built.filter(|relaxed| relaxed.relaxed) else {
                continue;
            };
            // A word counts where the passage holds it, or (for an answer) where its
            // question does. The loosest level's query holds every passage with one of the
            // words in its own text.
            memberships.push((level != loosest).then(|| {
                relaxed
                    .through_question
                    .as_ref()
                    .unwrap_or(&relaxed.matching)
                    .box_clone()
            }));
            last = Some(relaxed);
        }
        let Some(relaxed) = last else {
            return (None, None);
        };
        // A hit scores as in the tiers above: its own words, then title and question boosts.
        let mut clauses = vec![
            (Occur::Must, own.box_clone()),
            (Occur::MustNot, built.matching.box_clone()),
        ];
        if let Some(via) = &built.through_question {
            clauses.push((Occur::MustNot, via.box_clone()));
        }
        let partial = Partial {
            query: self.with_filters(clauses, &relaxed),
            levels: memberships,
        };
        // What any partial hit matches: its own words, or its question's.
        let mut any = vec![(Occur::Should, own.box_clone())];
        any.extend(
            relaxed
                .through_question
                .iter()
                .map(|v| (Occur::Should, v.box_clone())),
        );
        let any: Box<dyn Query> = Box::new(BooleanQuery::new(any));
        let fill_any = Some(self.with_filters(vec![(Occur::Must, any)], &relaxed));
        // Answers that hold none of the words themselves but whose question holds some are
        // not ranked: each level requires a word of the passage's own.
        (Some(partial), fill_any)
    }
}

/// Ranking options that build only what counting the matches of a query needs: the query as
/// typed, without the tiers of passages that match otherwise and without the boosts, which
/// change scores, not matches.
pub(super) fn counting() -> RankOptions {
    RankOptions {
        fill: None,
        through_question: false,
        title_boost: 0.0,
        context_boost: 0.0,
        ..RankOptions::default()
    }
}

impl Searcher {
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
    pub(super) fn prepare_as(
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
        let (node, filters) = self.with_names(node, filters)?;
        let node = self.expand(node, expansion)?;
        let mut notices = Vec::new();
        let node = self.resolve(node, &mut notices)?;
        let built = build::build(&node, &self.opened.fields, &self.opened.analyzer, ranking)
            .map_err(|_| BadQuery {
                query: query.to_string(),
                error: SyntaxError {
                    message: "no searchable words in query (only punctuation?)".into(),
                    position: 0,
                },
            })?;
        let tiers = Tiers {
            fields: &self.opened.fields,
            analyzer: &self.opened.analyzer,
            filters: &filters,
            node: &node,
            ranking,
        };
        let query = tiers.with_filters(vec![(Occur::Must, built.matching.box_clone())], &built);
        let through_question = built.through_question.as_ref().map(|via| {
            tiers.with_filters(
                vec![
                    (Occur::Must, via.box_clone()),
                    (Occur::MustNot, built.matching.box_clone()),
                ],
                &built,
            )
        });
        let (partial, fill_any) = tiers.fill(&built);
        Ok(Prepared {
            built: Arc::new(built),
            query,
            through_question,
            partial,
            fill_any,
            length_prior: ranking.length_prior,
            lang: typed_lang,
            level_discount: ranking.level_discount,
            notices,
        })
    }

    /// `node` and `filters` with each speaker standing for all their names, and outlets for
    /// their canonical ids.
    fn with_names(&self, node: Node, filters: &Filters) -> Result<(Node, Filters)> {
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
        let filters = Filters {
            speakers: crate::index::aliases::expand(&filters.speakers, names_of),
            ..scope
        };
        Ok((node, filters))
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
}
