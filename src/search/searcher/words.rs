//! A query's words and what they stand for: synonyms and translations, prefixes and fuzzy
//! words looked up in the index, and advice on words the index may spell otherwise.

use super::*;

/// The synonym groups shipped with briefsearch.
pub(super) const SHIPPED_SYNONYMS: &str = include_str!("../../../data/synonyms.txt");

/// The shipped groups, split once per process (both cores may ask at once). The list is
/// part of the build: a test checks that it is valid and that this split gives the groups
/// that the checking parser gives, so queries do not check it again.
static SHIPPED_GROUPS: std::sync::LazyLock<Vec<Vec<String>>> =
    std::sync::LazyLock::new(|| groups_of(SHIPPED_SYNONYMS));

/// The groups of a valid list: one per line that is not blank or a comment, its names split
/// at `=` and trimmed.
fn groups_of(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            line.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_start_matches('\u{feff}')
        })
        .filter(|line| !line.is_empty())
        .map(|line| line.split('=').map(|n| n.trim().to_string()).collect())
        .collect()
}

impl Searcher {
    /// The synonym groups: the list shipped with briefsearch, then the index's own.
    pub(super) fn synonym_groups(&self) -> Result<&[Vec<String>]> {
        if let Some(groups) = self.synonyms.get() {
            return Ok(groups);
        }
        let own = Aliases::load_file(&self.dir, SYNONYMS_FILE)?;
        if own.groups().is_empty() {
            return Ok(&SHIPPED_GROUPS);
        }
        let groups: Vec<Vec<String>> = SHIPPED_GROUPS.iter().chain(own.groups()).cloned().collect();
        Ok(self.synonyms.get_or_init(|| groups))
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
        let prepared = self.prepare_as(query, &filters, &super::prepare::counting(), expansion)?;
        let n = self
            .searcher
            .search(&prepared.query, &Count)
            .context("search failed")?;
        Ok((n > 0).then_some((other, n)))
    }

    /// `node` with its words grouped with their equivalents, as `expansion` asks.
    pub(super) fn expand(&self, node: Node, expansion: Expansion) -> Result<Node> {
        let synonyms = if expansion.synonyms {
            let groups = self.synonym_groups()?;
            let mut keys = self.synonym_keys.lock().unwrap_or_else(|e| e.into_inner());
            let mut key_of = |name: &str| {
                keys.entry(name.to_string())
                    .or_insert_with(|| synonym_key(&self.opened.analyzer, name))
                    .clone()
            };
            Some(Synonyms::for_query(groups, &mut key_of, &node))
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
    pub(super) fn lexicon(&self) -> Lexicon<'_> {
        Lexicon {
            searcher: &self.searcher,
            fields: &self.opened.fields,
            analyzer: &self.opened.analyzer,
            index: self,
        }
    }

    /// The words of the index `lookup` stands for (looked up once per searcher).
    pub(super) fn look_up(&self, lookup: &Lookup) -> Result<Arc<Found>> {
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
    pub(super) fn resolve(&self, node: Node, notices: &mut Vec<String>) -> Result<Node> {
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
                notices.extend(found_notice(
                    &found,
                    &typed,
                    "no word of the index begins so",
                    "begin so; only the {} most frequent are searched (type more of the word to narrow it)",
                ));
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
                notices.extend(found_notice(
                    &found,
                    &typed,
                    "no word of the index is spelled so or nearly so",
                    "are spelled nearly so; only the {} closest are searched",
                ));
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
        for (unit, spelled) in self.rare_units(prepared) {
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

    /// Whether [`Searcher::advice`] may suggest anything: a unit of the query is a word that
    /// few passages hold.
    pub(crate) fn may_advise(&self, prepared: &Prepared) -> bool {
        self.rare_units(prepared).next().is_some()
    }

    /// The units of the query that may be misspelt and whose word few passages hold, with
    /// the unit as typed.
    fn rare_units<'p>(
        &self,
        prepared: &'p Prepared,
    ) -> impl Iterator<Item = (&'p UnitAnalysis, &'p String)> {
        prepared.built.analysis.iter().filter_map(|unit| {
            let spelled = unit.spelled.as_ref()?;
            // The word's own count is enough to know it is frequent (for Chinese, the whole
            // unit as one word); only a rare one is counted as the unit matches, sub-words
            // included.
            let word = if spelled.chars().all(crate::script::is_han) {
                spelled.as_str()
            } else {
                unit.words.first().map_or("", String::as_str)
            };
            let term = Term::from_field_text(self.opened.fields.text, word);
            (self.searcher.doc_freq(&term).unwrap_or(0) < lexicon::FEW_PASSAGES)
                .then_some((unit, spelled))
        })
    }

    /// [`Searcher::advice`] for `query` alone.
    pub(crate) fn advise(&self, query: &str) -> Result<Advice> {
        let prepared = self.prepare(query, &Filters::default())?;
        self.advice(&prepared)
    }
}

/// What to tell the user about the words a prefix or fuzzy word `typed` stands for: `none`
/// when the index has none, `capped` (after "N words of the index", with `{}` for the number
/// kept) when there were more than the cap.
fn found_notice(found: &Found, typed: &str, none: &str, capped: &str) -> Option<String> {
    if found.words.is_empty() {
        Some(format!("{typed}: {none}"))
    } else if found.total > found.words.len() {
        let capped = capped.replacen("{}", &found.words.len().to_string(), 1);
        Some(format!(
            "{typed}: {} words of the index {capped}",
            found.total
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_shipped_synonyms_are_valid_and_split_as_the_checking_parser_reads_them() {
        let checked = Aliases::parse(SHIPPED_SYNONYMS, Path::new("data/synonyms.txt"))
            .expect("the shipped list is valid");
        assert!(checked.groups().len() > 50);
        assert_eq!(groups_of(SHIPPED_SYNONYMS), checked.groups());
        let with_comments = "# a comment\n\u{feff}A = B # and another\n\n  C=D = E  \n";
        let checked = Aliases::parse(with_comments, Path::new("t")).expect("valid");
        assert_eq!(groups_of(with_comments), checked.groups());
    }
}
