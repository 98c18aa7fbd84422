//! Synonym groups: equivalent names found by the analysed words of any of them, and which
//! groups a query's typed text could name at all.

use std::collections::HashMap;

use crate::analyze::Analyzer;
use crate::script::{fold_str, is_han, is_word_char};
use crate::search::query::syntax::Node;

/// Groups of equivalent names, found by the analysed words of any of their names.
#[derive(Debug, Default)]
pub(crate) struct Synonyms {
    /// Each group's names, with their analysed words (joined by a space).
    groups: Vec<Vec<(String, String)>>,
    /// Analysed words of a name → its group.
    by_key: HashMap<String, usize>,
}

impl Synonyms {
    /// The groups, keyed by their names as `analyzer` cuts them; a name in two groups joins
    /// them (a user's line extends the shipped one).
    #[cfg(test)]
    pub(crate) fn new(groups: &[Vec<String>], analyzer: &Analyzer) -> Synonyms {
        Synonyms::keyed(groups, &mut |name| key(analyzer, name))
    }

    /// As [`Synonyms::new`], each name's analysed words given by `key_of`.
    fn keyed(groups: &[Vec<String>], key_of: &mut dyn FnMut(&str) -> String) -> Synonyms {
        let mut out = Synonyms::default();
        for group in groups {
            let keys: Vec<String> = group.iter().map(|n| key_of(n)).collect();
            let id = match keys.iter().find_map(|k| out.by_key.get(k).copied()) {
                Some(id) => id,
                None => {
                    out.groups.push(Vec::new());
                    out.groups.len() - 1
                }
            };
            for (name, key) in group.iter().zip(keys) {
                if key.is_empty() || out.by_key.contains_key(&key) {
                    continue;
                }
                out.by_key.insert(key.clone(), id);
                out.groups[id].push((name.clone(), key));
            }
        }
        out
    }

    /// As [`Synonyms::new`], with only the groups that have a name that the words of `query`
    /// could name: analysing every name of every group costs more than the search itself, and
    /// a name whose words the query does not even begin (`republic of korea` needs words
    /// starting `rep`, `of` and `kor`) cannot match after analysis either (stemming and
    /// folding keep a word's first three letters).
    /// `key_of` gives a name's analysed words (the searcher keeps them: a query is expanded
    /// for each of its tiers and languages).
    pub(crate) fn for_query(
        groups: &[Vec<String>],
        key_of: &mut dyn FnMut(&str) -> String,
        query: &Node,
    ) -> Synonyms {
        let mut texts = Vec::new();
        texts_of(query, &mut texts);
        let typed = Surface::of(&texts.join(" "));
        let wanted: Vec<Vec<String>> = groups
            .iter()
            .filter(|group| group.iter().any(|name| typed.could_name(name)))
            .cloned()
            .collect();
        Synonyms::keyed(&wanted, key_of)
    }

    /// The other names of the group that `key` (analysed words) names.
    pub(super) fn others(&self, key: &str) -> Option<Vec<&str>> {
        let &id = self.by_key.get(key)?;
        Some(
            self.groups[id]
                .iter()
                .filter(|(_, k)| k != key)
                .map(|(name, _)| name.as_str())
                .collect(),
        )
    }
}

/// The typed text of a query's words and phrases.
fn texts_of(node: &Node, out: &mut Vec<String>) {
    match node {
        // Prefixes and fuzzy words are never expanded.
        Node::All | Node::Prefix { .. } | Node::Fuzzy { .. } | Node::Variants { .. } => {}
        Node::Word { text, .. } | Node::Phrase { text, .. } => out.push(text.clone()),
        Node::Group { typed, .. } => out.push(typed.clone()),
        Node::And(nodes) | Node::Or(nodes) => nodes.iter().for_each(|n| texts_of(n, out)),
        Node::Not(n) | Node::Required(n) => texts_of(n, out),
    }
}

/// Typed text reduced to what survives analysis at the start of each word: lower-case folded
/// Latin words and the Han characters.
struct Surface {
    words: Vec<String>,
    han: String,
}

impl Surface {
    fn of(text: &str) -> Surface {
        let folded = fold_str(text).to_lowercase();
        Surface {
            words: folded
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
            han: folded.chars().filter(|&c| is_han(c)).collect(),
        }
    }

    /// Whether the text could hold `name` once both are analysed: each Latin word of the name
    /// begins (its first three letters) some typed word, and its Han text is in the typed Han
    /// text, character by character.
    fn could_name(&self, name: &str) -> bool {
        // Most names are ASCII, which folding leaves alone: compared in place, without
        // building their surface (the check runs on every name of every group, per query).
        if name.is_ascii() {
            return name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| {
                    let start = &w.as_bytes()[..w.len().min(3)];
                    self.words.iter().any(|t| {
                        t.len() >= start.len()
                            && t.as_bytes()[..start.len()].eq_ignore_ascii_case(start)
                    })
                });
        }
        self.could_name_surface(&Surface::of(name))
    }

    /// [`Surface::could_name`] for a name's own surface.
    fn could_name_surface(&self, name: &Surface) -> bool {
        let latin = name.words.iter().all(|w| {
            let start: String = w.chars().take(3).collect();
            self.words.iter().any(|t| t.starts_with(&start))
        });
        latin && name.han.chars().all(|c| self.han.contains(c))
    }
}

/// The analysed words of `text`, joined by a space.
pub(crate) fn key(analyzer: &Analyzer, text: &str) -> String {
    analyzer
        .words(text)
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_ascii_names_are_checked_as_their_surface_would_be() {
        let names: Vec<&str> = include_str!("../../../../data/synonyms.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split('='))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .chain([
                "U.S.",
                "Côte d'Ivoire",
                "G-20",
                "x",
                "ＲＣＥＰ",
                "RCEP 协定",
            ])
            .collect();
        assert!(names.len() > 300, "{}", names.len());
        for typed in [
            "Republic of Korea sanctions",
            "rok",
            "U.S. sanctions",
            "ＲＣＥＰ 关税",
            "Democratic Republic",
            "hong kong sar",
            "",
        ] {
            let surface = Surface::of(typed);
            for name in &names {
                assert_eq!(
                    surface.could_name(name),
                    surface.could_name_surface(&Surface::of(name)),
                    "{typed:?} / {name:?}"
                );
            }
        }
    }
}
