//! Running a request: ranking (with counterparts across languages and near-duplicates),
//! grouping by briefing, and the hits with their snippets and explanations.

use super::*;

/// A request's queries, ready to rank.
pub(in crate::search) struct Plan {
    pub(in crate::search) prepared: Prepared,
    /// The same query for each language, when the two are ranked apart.
    per_language: Vec<Prepared>,
    pub(in crate::search) sort: Sort,
    /// With `--cross`: the query untranslated, in the language it is written in, whose
    /// matches lead to their counterparts in the other language (see [`Searcher::ranked`]).
    source: Option<Prepared>,
}

impl Plan {
    /// Whether the query also reaches passages through their counterparts (`--cross`).
    pub(in crate::search) fn crosses(&self) -> bool {
        self.source.is_some()
    }
}

impl Searcher {
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
        // Suggestions for rare words look through the lexicon: on another core meanwhile.
        let (hits, advice) = std::thread::scope(|scope| {
            let advice = self
                .may_advise(prepared)
                .then(|| scope.spawn(|| self.advice(prepared)));
            let hits = self.hits_of(request, &plan);
            let advice = match advice {
                Some(thread) => crate::search::joined(thread),
                None => self.advice(prepared),
            };
            (hits, advice)
        });
        let mut hits = hits?;
        let advice = advice?;
        let analysis = self.explain(request, prepared, &mut hits)?;
        Ok(Results {
            hits,
            total,
            analysis,
            advice,
        })
    }

    /// The hits of `request`, with their counterparts when it asks for them.
    fn hits_of(&self, request: &Request, plan: &Plan) -> Result<Vec<Hit>> {
        let mut hits = match request.per_briefing {
            None => self.flat_hits(request, plan)?,
            Some(per) => self.grouped_hits(request, plan, per)?,
        };
        if request.counterparts {
            self.add_counterparts(&mut hits)?;
        }
        Ok(hits)
    }

    /// The page of hits `request` asks for, ranked, near-duplicates folded (as it asks).
    fn flat_hits(&self, request: &Request, plan: &Plan) -> Result<Vec<Hit>> {
        let wanted = request.offset + request.limit.max(1);
        let (page, duplicates): (Vec<Scored>, Vec<Vec<Duplicate>>) =
            if request.collapse && plan.sort == Sort::Score {
                self.top_distinct(plan, wanted)?
                    .into_iter()
                    .skip(request.offset)
                    .unzip()
            } else {
                self.ranked(plan, wanted)?
                    .into_iter()
                    .skip(request.offset)
                    .map(|s| (s, Vec::new()))
                    .unzip()
            };
        let mut hits = self.hits(
            &plan.prepared,
            page,
            request.offset,
            request.snippet_chars,
            |_| None,
        )?;
        for (hit, duplicates) in hits.iter_mut().zip(duplicates) {
            hit.duplicates = duplicates;
        }
        Ok(hits)
    }

    /// The best `per` passages of each briefing on the page `request` asks for, briefings
    /// ranked by their best passage: ranked passages are read until enough briefings are
    /// filled.
    fn grouped_hits(&self, request: &Request, plan: &Plan, per: usize) -> Result<Vec<Hit>> {
        let limit = request.limit.max(1);
        let wanted_groups = request.offset + limit;
        let mut page = wanted_groups * per * 4;
        let groups = loop {
            let scored = self.ranked(plan, page)?;
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
            let mut group_hits = self.hits(
                &plan.prepared,
                members,
                rank_base,
                request.snippet_chars,
                |_| Some(g + 1),
            )?;
            hits.append(&mut group_hits);
        }
        Ok(hits)
    }

    /// With `request.explain`: each hit's score by part, and the query's units.
    pub(super) fn explain(
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

    /// How `request` is ranked: its prepared query, and one per language when the query has
    /// words in both scripts and no language is asked for (each language is then ranked on its
    /// own and the two lists interleaved: BM25 scores of the two languages are not comparable).
    pub(super) fn plan(&self, request: &Request, ranking: &RankOptions) -> Result<Plan> {
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
            // The lang filter is the last of the filters, and the request has none.
            [Lang::En, Lang::Zh]
                .into_iter()
                .map(|lang| {
                    let only = Filters {
                        lang: Some(lang),
                        ..Filters::default()
                    };
                    let filter = only.clauses(&self.opened.fields).into_iter().next();
                    filter.map(|f| prepared.also_filtered(f))
                })
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default()
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
    pub(in crate::search) fn ranked(&self, plan: &Plan, n: usize) -> Result<Vec<Scored>> {
        let direct = if plan.per_language.is_empty() {
            self.top(&plan.prepared, plan.sort, n)?
        } else {
            // The two languages are ranked apart: each on a core of its own.
            let lists = std::thread::scope(|scope| {
                let ranking: Vec<_> = plan
                    .per_language
                    .iter()
                    .map(|p| scope.spawn(move || self.top(p, plan.sort, n)))
                    .collect();
                ranking
                    .into_iter()
                    .map(crate::search::joined)
                    .collect::<Result<Vec<_>>>()
            })?;
            rank::interleave(lists, n)
        };
        let Some(source) = &plan.source else {
            return Ok(direct);
        };
        let mut reached = Vec::new();
        for found in self.top(source, Sort::Score, n)? {
            let passage = StoredPassage::read(&self.searcher, &self.opened.fields, found.addr)?;
            let Some(other) = crate::search::parallel::counterpart(self, &passage)? else {
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

    pub(super) fn add_counterparts(&self, hits: &mut [Hit]) -> Result<()> {
        for hit in hits {
            hit.counterpart = crate::search::parallel::counterpart(self, &hit.passage)?;
        }
        Ok(())
    }

    /// Ranked passages in groups of one briefing (at most `per` each), groups in the order of
    /// their best passage.
    pub(super) fn group_by_briefing(
        &self,
        scored: &[Scored],
        per: usize,
    ) -> Result<Vec<Vec<Scored>>> {
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

    pub(super) fn hits(
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
}
