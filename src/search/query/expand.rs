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

use std::collections::HashMap;

use super::syntax::{Alternative, Equivalence, Node};
use crate::analyze::Analyzer;
use crate::briefing::Lang;
use crate::script::{fold_str, is_han, is_word_char};
use crate::translate::dictionary::Dictionary;

/// Longest run of pieces a synonym can span.
const MAX_SYNONYM_PIECES: usize = 8;
/// Most translations kept for one term (the most frequent in the index).
const MAX_TRANSLATIONS: usize = 6;

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
    pub(crate) fn new(groups: &[Vec<String>], analyzer: &Analyzer) -> Synonyms {
        let mut out = Synonyms::default();
        for group in groups {
            let keys: Vec<String> = group.iter().map(|n| key(analyzer, n)).collect();
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
    pub(crate) fn for_query(groups: &[Vec<String>], analyzer: &Analyzer, query: &Node) -> Synonyms {
        let mut texts = Vec::new();
        texts_of(query, &mut texts);
        let typed = Surface::of(&texts.join(" "));
        let wanted: Vec<Vec<String>> = groups
            .iter()
            .filter(|group| group.iter().any(|name| typed.could_name(name)))
            .cloned()
            .collect();
        Synonyms::new(&wanted, analyzer)
    }

    /// The other names of the group that `key` (analysed words) names.
    fn others(&self, key: &str) -> Option<Vec<&str>> {
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
        let name = Surface::of(name);
        let latin = name.words.iter().all(|w| {
            let start: String = w.chars().take(3).collect();
            self.words.iter().any(|t| t.starts_with(&start))
        });
        latin && name.han.chars().all(|c| self.han.contains(c))
    }
}

/// The analysed words of `text`, joined by a space.
fn key(analyzer: &Analyzer, text: &str) -> String {
    analyzer
        .words(text)
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

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
            let mut j = i;
            while j + 1 < to && pieces[j + 1].node == node {
                j += 1;
            }
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
        let mut j = i;
        while j + 1 < to && pieces[j + 1].node == node {
            j += 1;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&words[node][pieces[i].from..pieces[j].to]);
        i = j + 1;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::syntax::parse;

    fn synonyms(analyzer: &Analyzer) -> Synonyms {
        let groups: Vec<Vec<String>> = [
            "ROK = South Korea = Republic of Korea",
            "UN = United Nations",
            "美国 = 美方",
        ]
        .iter()
        .map(|l| l.split('=').map(|s| s.trim().to_string()).collect())
        .collect();
        Synonyms::new(&groups, analyzer)
    }

    fn expanded(query: &str) -> Node {
        let analyzer = Analyzer::for_queries();
        let synonyms = synonyms(&analyzer);
        let expander = Expander {
            analyzer: &analyzer,
            synonyms: Some(&synonyms),
            dictionary: None,
            frequency: &|_| 1,
        };
        expander.expand(parse(query).expect("parses"))
    }

    fn group(typed: &str, others: &[&str]) -> Node {
        Node::Group {
            typed: typed.into(),
            alternatives: others
                .iter()
                .map(|o| Alternative {
                    text: o.to_string(),
                    weight: 1.0,
                    equivalence: Equivalence::Synonym,
                })
                .collect(),
        }
    }

    fn word(text: &str) -> Node {
        Node::Word {
            field: None,
            text: text.into(),
        }
    }

    #[test]
    fn test_a_name_typed_as_several_words_is_one_group() {
        assert_eq!(
            expanded("republic of korea trade"),
            Node::And(vec![
                group("republic of korea", &["ROK", "South Korea"]),
                word("trade")
            ])
        );
        assert_eq!(
            expanded("ROK"),
            group("ROK", &["South Korea", "Republic of Korea"])
        );
    }

    #[test]
    fn test_chinese_words_are_found_inside_what_was_typed() {
        assert_eq!(
            expanded("美国制裁"),
            Node::And(vec![group("美国", &["美方"]), word("制裁")])
        );
    }

    #[test]
    fn test_phrases_fields_and_negations_stay_as_typed() {
        for q in ["\"South Korea\"", "title:ROK", "trade -ROK"] {
            let typed = parse(q).expect("parses");
            assert_eq!(expanded(q), typed, "{q}");
        }
    }

    #[test]
    fn test_equivalents_the_index_lacks_are_left_out() {
        let analyzer = Analyzer::for_queries();
        let synonyms = synonyms(&analyzer);
        let expander = Expander {
            analyzer: &analyzer,
            synonyms: Some(&synonyms),
            dictionary: None,
            frequency: &|t| u64::from(t == "South Korea"),
        };
        assert_eq!(
            expander.expand(parse("ROK").expect("parses")),
            group("ROK", &["South Korea"])
        );
        assert_eq!(
            expander.expand(parse("UN").expect("parses")),
            word("UN"),
            "no equivalent in the index: no group"
        );
    }

    #[test]
    fn test_british_and_american_spellings() {
        assert!(spellings("labour").contains(&"labor".to_string()));
        assert!(spellings("labor").contains(&"labour".to_string()));
        assert!(spellings("defence").contains(&"defense".to_string()));
        assert!(spellings("organised").contains(&"organized".to_string()));
        assert!(spellings("travelled").contains(&"traveled".to_string()));
        assert!(spellings("centre").contains(&"center".to_string()));
        assert!(spellings("for").is_empty() && spellings("US").is_empty());
        for word in ["filled", "floor", "rolled"] {
            assert!(spellings(word).is_empty(), "{word}: {:?}", spellings(word));
        }
    }

    #[test]
    fn test_translations_weighted_by_frequency() {
        let analyzer = Analyzer::for_queries();
        let dictionary = Dictionary::new().expect("dictionary");
        let expander = Expander {
            analyzer: &analyzer,
            synonyms: None,
            dictionary: Some(&dictionary),
            frequency: &|t| if t == "关税" { 100 } else { 1 },
        };
        let Node::Group { alternatives, .. } = expander.expand(parse("tariffs").expect("parses"))
        else {
            panic!("tariffs is translated");
        };
        assert_eq!(alternatives[0].text, "关税");
        assert_eq!(alternatives[0].weight, 1.0);
        assert!(alternatives[1..].iter().all(|a| a.weight < 0.2));
    }
}
