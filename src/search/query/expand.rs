//! Query expansion: typed words that name something with other names (synonyms, spelling
//! variants) or that the other language writes otherwise (translations, with `--cross`)
//! become one [`Node::Group`]: the words as typed, or any of their equivalents, matched as one
//! unit of the query.
//!
//! Expansion works on the syntax tree before it is built. The unquoted words of a conjunction
//! are cut into pieces the way analysis cuts them (jieba words for Chinese), and the longest
//! run of pieces that a synonym group or the dictionary knows is taken first, across typed
//! words (`Republic of Korea`, `South China Sea`, `一个中国原则`). Quoted phrases, fields and
//! everything under `NOT` stay exactly as typed.

mod synonyms;

use super::syntax::{Alternative, Equivalence, Node};
use crate::analyze::Analyzer;
use crate::briefing::Lang;
use crate::script::is_han;
use crate::translate::dictionary::Dictionary;
pub(crate) use synonyms::{Synonyms, key as synonym_key};

/// Longest run of pieces a synonym can span.
const MAX_SYNONYM_PIECES: usize = 8;
/// Most translations kept for one term (the most frequent in the index).
const MAX_TRANSLATIONS: usize = 6;

/// What to expand a query with.
pub(crate) struct Expander<'a> {
    pub(crate) analyzer: &'a Analyzer,
    pub(crate) synonyms: Option<&'a Synonyms>,
    /// With `--cross`: the dictionary, to add each term's translations.
    pub(crate) dictionary: Option<&'a Dictionary>,
    /// How many passages hold a text (its analysed words), to weight and keep equivalents.
    pub(crate) frequency: &'a dyn Fn(&str) -> u64,
}

/// A piece of typed text: one analysed word, where it stands in its typed word.
#[derive(Debug)]
struct Piece {
    /// Which typed word (of the run) it comes from.
    node: usize,
    /// Byte range in that word's text.
    from: usize,
    to: usize,
    /// The analysed form.
    key: String,
}

impl Expander<'_> {
    /// `node` with its expandable words grouped with their equivalents.
    pub(crate) fn expand(&self, node: Node) -> Node {
        match node {
            Node::And(children) => Node::And(self.conjunction(children)),
            Node::Or(children) => Node::Or(children.into_iter().map(|c| self.expand(c)).collect()),
            Node::Required(inner) => Node::Required(Box::new(self.expand(*inner))),
            word @ Node::Word { field: None, .. } => {
                let mut out = self.conjunction(vec![word]);
                if out.len() == 1 {
                    out.remove(0)
                } else {
                    Node::And(out)
                }
            }
            other => other,
        }
    }

    /// The children of a conjunction, runs of unquoted words expanded.
    fn conjunction(&self, children: Vec<Node>) -> Vec<Node> {
        let mut out = Vec::new();
        let mut run: Vec<String> = Vec::new();
        for child in children {
            match child {
                Node::Word { field: None, text } => run.push(text),
                other => {
                    out.extend(self.run(std::mem::take(&mut run)));
                    out.push(self.expand(other));
                }
            }
        }
        out.extend(self.run(run));
        out
    }

    /// A run of unquoted words typed one after another, expanded.
    fn run(&self, words: Vec<String>) -> Vec<Node> {
        if words.is_empty() {
            return Vec::new();
        }
        let pieces: Vec<Piece> = words
            .iter()
            .enumerate()
            .flat_map(|(node, text)| {
                self.analyzer.words(text).into_iter().map(move |t| Piece {
                    node,
                    from: t.offset_from,
                    to: t.offset_to,
                    key: t.text,
                })
            })
            .collect();
        let mut groups: Vec<(usize, usize, Vec<Alternative>)> = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            match self.longest(&words, &pieces, i) {
                Some((len, alternatives)) => {
                    groups.push((i, i + len, alternatives));
                    i += len;
                }
                None => i += 1,
            }
        }
        if groups.is_empty() {
            return words
                .into_iter()
                .map(|text| Node::Word { field: None, text })
                .collect();
        }
        assemble(&words, &pieces, groups)
    }

    /// The longest run of pieces from `start` that has equivalents, and them.
    fn longest(
        &self,
        words: &[String],
        pieces: &[Piece],
        start: usize,
    ) -> Option<(usize, Vec<Alternative>)> {
        let mut found: Option<(usize, Vec<Alternative>)> = None;
        if let Some(synonyms) = self.synonyms {
            let end = pieces.len().min(start + MAX_SYNONYM_PIECES);
            for stop in (start + 1..=end).rev() {
                let key: Vec<&str> = pieces[start..stop].iter().map(|p| p.key.as_str()).collect();
                if let Some(others) = synonyms.others(&key.join(" ")) {
                    let alternatives = others
                        .into_iter()
                        .filter(|o| (self.frequency)(o) > 0)
                        .map(|o| Alternative {
                            text: o.to_string(),
                            weight: 1.0,
                            equivalence: Equivalence::Synonym,
                        })
                        .collect::<Vec<_>>();
                    found = Some((stop - start, alternatives));
                    break;
                }
            }
        }
        if let Some(dictionary) = self.dictionary {
            let surfaces: Vec<&str> = pieces
                .iter()
                .map(|p| &words[p.node][p.from..p.to])
                .collect();
            let lang = if surfaces[start].chars().any(is_han) {
                Lang::Zh
            } else {
                Lang::En
            };
            // A run of one script only.
            let same = surfaces[start..]
                .iter()
                .take_while(|s| s.chars().any(is_han) == (lang == Lang::Zh))
                .count();
            if let Some(m) = dictionary.longest_phrase(lang, &surfaces[start..start + same], 0)
                && found.as_ref().is_none_or(|(len, _)| m.tokens >= *len)
            {
                let mut alternatives = match found.take() {
                    Some((len, alts)) if len == m.tokens => alts,
                    _ => Vec::new(),
                };
                alternatives.extend(self.translations(&m.translation.candidates));
                found = Some((m.tokens, alternatives));
            }
        }
        if found.is_none() {
            let surface = &words[pieces[start].node][pieces[start].from..pieces[start].to];
            let variants: Vec<Alternative> = spellings(surface)
                .into_iter()
                .filter(|v| (self.frequency)(v) > 0)
                .map(|text| Alternative {
                    text,
                    weight: 1.0,
                    equivalence: Equivalence::Synonym,
                })
                .collect();
            found = Some((1, variants));
        }
        found.filter(|(_, alternatives)| !alternatives.is_empty())
    }

    /// The candidates the index holds, weighted by how often each occurs relative to the most
    /// frequent: a dictionary's rare senses count for little.
    fn translations(&self, candidates: &[&str]) -> Vec<Alternative> {
        let mut counted: Vec<(&str, u64)> = candidates
            .iter()
            .map(|c| (*c, (self.frequency)(c)))
            .filter(|(_, n)| *n > 0)
            .collect();
        counted.sort_by_key(|c| std::cmp::Reverse(c.1));
        counted.truncate(MAX_TRANSLATIONS);
        let most = counted.first().map_or(1, |(_, n)| *n) as f32;
        counted
            .into_iter()
            .map(|(text, n)| Alternative {
                text: text.to_string(),
                weight: (n as f32 / most).sqrt(),
                equivalence: Equivalence::Translation,
            })
            .collect()
    }
}

/// British and American spellings of an English word (`labour` and `labor`, `defence` and
/// `defense`, `organise` and `organize`, `travelled` and `traveled`): the word's other
/// spellings by the regular correspondences, to be kept only where the index holds them.
fn spellings(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 5 || !lower.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    // (British, American) endings, longest first; a word may carry an inflection after them.
    const ENDINGS: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("our", "or"),
        ("ours", "ors"),
        ("oured", "ored"),
        ("ouring", "oring"),
        ("ence", "ense"),
        ("ences", "enses"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("ogue", "og"),
        ("ogues", "ogs"),
        ("lled", "led"),
        ("lling", "ling"),
    ];
    // What must come before an ending for the correspondence to hold: British doubles the l
    // of an unstressed -el/-al (travel, signal: not fill or roll), and -or is -our after a
    // consonant (labor, color: not floor).
    let fits = |stem: &str, ending: &str| match ending {
        "lled" | "lling" | "led" | "ling" => {
            stem.len() >= 4 && (stem.ends_with('e') || stem.ends_with('a'))
        }
        "or" | "ors" | "ored" | "oring" => stem.len() >= 3 && !stem.ends_with('o'),
        _ => stem.len() >= 2,
    };
    let mut out = Vec::new();
    for (british, american) in ENDINGS {
        for (from, to) in [(british, american), (american, british)] {
            if let Some(stem) = lower.strip_suffix(from)
                && fits(stem, from)
            {
                let variant = format!("{stem}{to}");
                if !out.contains(&variant) && variant != lower {
                    out.push(variant);
                }
            }
        }
    }
    out
}

/// The nodes of a run of typed words with `groups` (piece ranges and their equivalents): each
/// group becomes a [`Node::Group`] of the text it spans; the rest of each typed word stays.
fn assemble(
    words: &[String],
    pieces: &[Piece],
    groups: Vec<(usize, usize, Vec<Alternative>)>,
) -> Vec<Node> {
    let mut out = Vec::new();
    let mut next_piece = 0;
    let plain = |from: usize, to: usize, out: &mut Vec<Node>| {
        // Pieces from..to, kept as the typed words they come from.
        let mut i = from;
        while i < to {
            let node = pieces[i].node;
            let j = last_of_word(pieces, i, to);
            let whole = (i == 0 || pieces[i - 1].node != node)
                && (j + 1 == pieces.len() || pieces[j + 1].node != node);
            let text = if whole {
                words[node].clone()
            } else {
                words[node][pieces[i].from..pieces[j].to].to_string()
            };
            out.push(Node::Word { field: None, text });
            i = j + 1;
        }
    };
    for (from, to, alternatives) in groups {
        plain(next_piece, from, &mut out);
        let typed = span_text(words, pieces, from, to);
        out.push(Node::Group {
            typed,
            alternatives,
        });
        next_piece = to;
    }
    plain(next_piece, pieces.len(), &mut out);
    out
}

/// The typed text of pieces `from..to`: within one typed word as typed, across words joined
/// by a space.
fn span_text(words: &[String], pieces: &[Piece], from: usize, to: usize) -> String {
    let mut text = String::new();
    let mut i = from;
    while i < to {
        let node = pieces[i].node;
        let j = last_of_word(pieces, i, to);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&words[node][pieces[i].from..pieces[j].to]);
        i = j + 1;
    }
    text
}

/// The last piece before `to` of the run, from piece `i` on, that comes from one typed word.
fn last_of_word(pieces: &[Piece], i: usize, to: usize) -> usize {
    let node = pieces[i].node;
    let mut j = i;
    while j + 1 < to && pieces[j + 1].node == node {
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests;
