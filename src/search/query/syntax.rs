//! The query language: words, "quoted phrases", AND / OR / NOT, + and -, parentheses,
//! `field:` prefixes, `*`, prefixes (`Taiw*`) and fuzzy words (`Fukushma~`, `~1`, `~2`).
//!
//! Parsing gives a syntax tree with the byte position of each part, and errors that say what
//! is wrong and where. Nothing here knows about analysis or the index.

pub(crate) use super::lex::QueryField;
pub use super::lex::SyntaxError;
use super::lex::{Tok, lex};
use crate::script::{fold, is_han, is_word_char};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `*`: every passage.
    All,
    /// An unquoted word (which analysis may still split: 跨境电商出口, COVID-19).
    Word {
        field: Option<QueryField>,
        text: String,
    },
    /// A quoted phrase.
    Phrase {
        field: Option<QueryField>,
        text: String,
    },
    /// `Taiw*`: any word of the index that begins with `text` (one word, as typed, without
    /// the `*`).
    Prefix {
        field: Option<QueryField>,
        text: String,
    },
    /// `Fukushma~`, `~1`, `~2`: any word of the index spelled nearly so (`distance` edits at
    /// most; `None`: by the word's length).
    Fuzzy {
        field: Option<QueryField>,
        text: String,
        distance: Option<u8>,
    },
    /// A prefix or fuzzy word resolved against the index: the words it stands for, as one unit
    /// of the query (made by the searcher, never by parsing).
    Variants {
        field: Option<QueryField>,
        /// As typed, with its operator (`Taiw*`).
        typed: String,
        words: Vec<Variant>,
        /// Each word is matched as a typed word is, Chinese inside longer words too (fuzzy
        /// words); else as a word alone (prefixes, which are of words).
        as_typed: bool,
    },
    /// Words typed one after another (how many must match is the ranking's choice).
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// Must match: `+word`, or either side of an explicit `AND`.
    Required(Box<Node>),
    /// Words as typed, or any of their equivalents: one unit of the query (made by
    /// query expansion, never by parsing).
    Group {
        typed: String,
        alternatives: Vec<Alternative>,
    },
}

/// An equivalent of typed words: other words that say the same, searched as a phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Alternative {
    pub text: String,
    /// Relative to the typed words' 1.
    pub weight: f32,
    pub equivalence: Equivalence,
}

/// A word of the index that a prefix or fuzzy word stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Variant {
    /// The term of the word field (a stem for English, a word for Chinese).
    pub term: String,
    /// The word as written in the text (lower-cased), its most frequent form for the term.
    pub surface: String,
    /// How many passages hold the term.
    pub passages: u64,
}

/// Why an alternative says the same as the typed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Equivalence {
    /// Another name of the same thing (the synonym lists).
    Synonym,
    /// A translation into the other language (`--cross`).
    Translation,
}

/// Longest query accepted, in bytes.
pub(crate) const MAX_QUERY_BYTES: usize = 10_000;
/// Deepest nesting of parentheses accepted.
const MAX_DEPTH: usize = 32;

struct Parser {
    toks: Vec<(usize, Tok)>,
    next: usize,
    end: usize,
    depth: usize,
}

/// Parses `query` into a syntax tree.
pub(crate) fn parse(query: &str) -> Result<Node, SyntaxError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(SyntaxError::at(
            MAX_QUERY_BYTES,
            format!("query is longer than {MAX_QUERY_BYTES} bytes"),
        ));
    }
    if let Some((at, c)) = query
        .char_indices()
        .find(|&(_, c)| c.is_control() && !c.is_whitespace())
    {
        return Err(SyntaxError::at(
            at,
            format!("control character U+{:04X} in query", c as u32),
        ));
    }
    let toks = lex(query)?;
    if toks.is_empty() {
        return Err(SyntaxError::at(
            0,
            "empty query: give words to search for, or * for every passage",
        ));
    }
    let mut parser = Parser {
        toks,
        next: 0,
        end: query.len(),
        depth: 0,
    };
    let node = parser.or_expr()?;
    if let Some((at, tok)) = parser.toks.get(parser.next) {
        let message = match tok {
            Tok::Close => "unbalanced ')'".to_string(),
            _ => "unexpected input".to_string(),
        };
        return Err(SyntaxError::at(*at, message));
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.next).map(|(_, t)| t)
    }

    fn position(&self) -> usize {
        self.toks.get(self.next).map_or(self.end, |(at, _)| *at)
    }

    fn or_expr(&mut self) -> Result<Node, SyntaxError> {
        let mut alternatives = vec![self.and_expr()?];
        while self.peek() == Some(&Tok::Or) {
            self.next += 1;
            alternatives.push(self.and_expr()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        })
    }

    fn and_expr(&mut self) -> Result<Node, SyntaxError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                None | Some(Tok::Or) | Some(Tok::Close) => break,
                Some(Tok::And) => {
                    self.next += 1;
                    let right = self.unary()?;
                    if let Some(left) = parts.pop() {
                        parts.push(required(left));
                    }
                    parts.push(required(right));
                }
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        match self.peek() {
            Some(Tok::Not) | Some(Tok::Minus) => {
                self.next += 1;
                Ok(Node::Not(Box::new(self.unary()?)))
            }
            Some(Tok::Plus) => {
                self.next += 1;
                Ok(required(self.primary(None)?))
            }
            _ => self.primary(None),
        }
    }

    fn primary(&mut self, field: Option<QueryField>) -> Result<Node, SyntaxError> {
        let at = self.position();
        let Some((_, tok)) = self.toks.get(self.next).cloned() else {
            return Err(SyntaxError::at(
                at,
                "query ends where a word, phrase or group was expected",
            ));
        };
        self.next += 1;
        match tok {
            Tok::Word(text) => word(field, text, at),
            Tok::Phrase(text) => Ok(Node::Phrase { field, text }),
            Tok::Star if field.is_none() => Ok(Node::All),
            Tok::Field(inner) if field.is_none() => self.primary(Some(inner)),
            Tok::Open => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(SyntaxError::at(at, "parentheses nested too deeply"));
                }
                if self.peek() == Some(&Tok::Close) {
                    return Err(SyntaxError::at(at, "empty parentheses"));
                }
                let inner = self.or_expr()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(SyntaxError::at(at, "unbalanced '(': no matching ')'"));
                }
                self.next += 1;
                self.depth -= 1;
                Ok(match field {
                    Some(f) => with_field(inner, f),
                    None => inner,
                })
            }
            Tok::Close => Err(SyntaxError::at(at, "unbalanced ')'")),
            Tok::And | Tok::Or => Err(SyntaxError::at(at, "AND / OR needs a term on both sides")),
            _ => Err(SyntaxError::at(at, "unexpected input")),
        }
    }
}

/// Most edits a fuzzy word (`word~N`) may be away from the words it finds.
pub(crate) const MAX_EDITS: u8 = 2;

/// A typed word: a plain word, a prefix (`word*`) or a fuzzy word (`word~`, `word~1`,
/// `word~2`); full-width `＊` and `～` are the same operators. A `~` followed by anything but
/// one digit (`10~20`) is part of the word.
fn word(field: Option<QueryField>, text: String, at: usize) -> Result<Node, SyntaxError> {
    let folded: String = text.chars().map(fold).collect();
    let end = at + text.len();
    if let Some((base, edits)) = folded.rsplit_once('~')
        && !base.is_empty()
        && (edits.is_empty() || (edits.len() == 1 && edits.as_bytes()[0].is_ascii_digit()))
    {
        let distance = match edits.parse::<u8>() {
            Ok(d) if (1..=MAX_EDITS).contains(&d) => Some(d),
            Ok(_) => {
                return Err(SyntaxError::at(
                    end - 1,
                    "a fuzzy word allows 1 or 2 edits: word~, word~1 or word~2",
                ));
            }
            Err(_) => None,
        };
        let base = one_word(base, at, "~")?;
        return Ok(Node::Fuzzy {
            field,
            text: base,
            distance,
        });
    }
    if let Some(base) = folded.strip_suffix('*')
        && !base.is_empty()
    {
        let base = one_word(base, at, "*")?;
        return Ok(Node::Prefix { field, text: base });
    }
    if folded.contains('*') {
        return Err(SyntaxError::at(
            at,
            "'*' stands only at the end of a word (Taiw*), or alone",
        ));
    }
    Ok(Node::Word { field, text })
}

/// The word before a `*` or `~`, which must be one word: Latin letters and digits (with
/// apostrophes inside), or Chinese characters.
fn one_word(base: &str, at: usize, operator: &str) -> Result<String, SyntaxError> {
    let latin = base.chars().all(|c| is_word_char(c) || c == '\'')
        && base.starts_with(is_word_char)
        && base.ends_with(is_word_char);
    let han = base.chars().all(is_han);
    if latin || han {
        Ok(base.to_string())
    } else {
        Err(SyntaxError::at(
            at,
            format!(
                "'{operator}' applies to one word of letters and digits, or of Chinese characters: '{base}{operator}'"
            ),
        ))
    }
}

/// `node` made mandatory (a negation stays a negation).
fn required(node: Node) -> Node {
    match node {
        Node::Not(_) | Node::Required(_) => node,
        other => Node::Required(Box::new(other)),
    }
}

fn with_field(node: Node, field: QueryField) -> Node {
    match node {
        Node::Word { text, .. } => Node::Word {
            field: Some(field),
            text,
        },
        Node::Phrase { text, .. } => Node::Phrase {
            field: Some(field),
            text,
        },
        Node::Prefix { text, .. } => Node::Prefix {
            field: Some(field),
            text,
        },
        Node::Fuzzy { text, distance, .. } => Node::Fuzzy {
            field: Some(field),
            text,
            distance,
        },
        Node::And(v) => Node::And(v.into_iter().map(|n| with_field(n, field)).collect()),
        Node::Or(v) => Node::Or(v.into_iter().map(|n| with_field(n, field)).collect()),
        Node::Not(n) => Node::Not(Box::new(with_field(*n, field))),
        Node::Required(n) => Node::Required(Box::new(with_field(*n, field))),
        other @ (Node::All | Node::Group { .. } | Node::Variants { .. }) => other,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
