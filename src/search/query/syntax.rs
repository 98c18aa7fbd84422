//! The query language: words, "quoted phrases", AND / OR / NOT, + and -, parentheses,
//! `field:` prefixes and `*`.
//!
//! Parsing gives a syntax tree with the byte position of each part, and errors that say what
//! is wrong and where. Nothing here knows about analysis or the index.

pub(crate) use super::lex::QueryField;
pub use super::lex::SyntaxError;
use super::lex::{Tok, lex};

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
            Tok::Word(text) => Ok(Node::Word { field, text }),
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
        Node::And(v) => Node::And(v.into_iter().map(|n| with_field(n, field)).collect()),
        Node::Or(v) => Node::Or(v.into_iter().map(|n| with_field(n, field)).collect()),
        Node::Not(n) => Node::Not(Box::new(with_field(*n, field))),
        Node::Required(n) => Node::Required(Box::new(with_field(*n, field))),
        other @ (Node::All | Node::Group { .. }) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Node {
        Node::Word {
            field: None,
            text: t.into(),
        }
    }

    #[test]
    fn test_words_are_a_conjunction_and_or_binds_looser() {
        assert_eq!(
            parse("a b").expect("ok"),
            Node::And(vec![word("a"), word("b")])
        );
        assert_eq!(
            parse("a b OR c").expect("ok"),
            Node::Or(vec![Node::And(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(
            parse("a AND b").expect("ok"),
            Node::And(vec![
                Node::Required(Box::new(word("a"))),
                Node::Required(Box::new(word("b")))
            ])
        );
        assert_eq!(
            parse("+a").expect("ok"),
            Node::Required(Box::new(word("a")))
        );
        assert_eq!(
            parse("a -b AND c").expect("ok"),
            Node::And(vec![
                word("a"),
                Node::Not(Box::new(word("b"))),
                Node::Required(Box::new(word("c")))
            ])
        );
    }

    #[test]
    fn test_negation_phrases_fields_and_groups() {
        assert_eq!(
            parse("RCEP -tariff NOT \"bonded park\"").expect("ok"),
            Node::And(vec![
                word("RCEP"),
                Node::Not(Box::new(word("tariff"))),
                Node::Not(Box::new(Node::Phrase {
                    field: None,
                    text: "bonded park".into()
                })),
            ])
        );
        assert_eq!(
            parse("speaker:\"Wu Haiping\"").expect("ok"),
            Node::Phrase {
                field: Some(QueryField::Speaker),
                text: "Wu Haiping".into()
            }
        );
        assert_eq!(
            parse("title:(customs OR 海关)").expect("ok"),
            Node::Or(vec![
                Node::Word {
                    field: Some(QueryField::Title),
                    text: "customs".into()
                },
                Node::Word {
                    field: Some(QueryField::Title),
                    text: "海关".into()
                },
            ])
        );
        assert_eq!(parse("*").expect("ok"), Node::All);
        assert_eq!(
            parse("“海外仓监管”").expect("ok"),
            Node::Phrase {
                field: None,
                text: "海外仓监管".into()
            }
        );
    }

    #[test]
    fn test_colons_that_are_not_fields_stay_in_words() {
        assert_eq!(parse("10:40").expect("ok"), word("10:40"));
        assert_eq!(parse("COVID-19").expect("ok"), word("COVID-19"));
    }

    #[test]
    fn test_errors_say_what_and_where() {
        let err = |q: &str| parse(q).expect_err(q);
        let e = err("RCEP \"bonded logistics");
        assert_eq!(
            (e.message.as_str(), e.column("RCEP \"bonded logistics")),
            ("unclosed quote", 6)
        );
        assert!(err("(a OR b").message.contains("unbalanced '('"));
        assert!(err("a OR b)").message.contains("unbalanced ')'"));
        assert!(err("foo:bar").message.contains("unknown field 'foo:'"));
        assert!(err("").message.contains("empty query"));
        assert!(err("   ").message.contains("empty query"));
        assert!(err("a OR").message.contains("ends where"));
        assert!(err("OR a").message.contains("AND / OR"));
        assert!(err("a\u{1b}[31m").message.contains("control character"));
        assert!(
            err(&"a ".repeat(MAX_QUERY_BYTES))
                .message
                .contains("longer than")
        );
        assert!(err(&"(".repeat(100)).message.contains("nested too deeply"));
        assert!(err("title: x").message.contains("needs a word"));
        assert!(err("()").message.contains("empty parentheses"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::index::schema;
    use proptest::prelude::*;

    fn query_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z]{1,8}",
            "[\u{4E00}-\u{9FA5}]{1,6}",
            Just("AND".to_string()),
            Just("OR".to_string()),
            Just("NOT".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("\"".to_string()),
            Just("*".to_string()),
            Just("title:".to_string()),
            Just("speaker:".to_string()),
            "[+-]",
            "[ \t]{1,2}",
            "[，。：“”（）]",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(piece, 0..25).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_query_parses_or_fails_with_a_position_inside_it(q in query_text()) {
            static ANALYZER: std::sync::LazyLock<Analyzer> = std::sync::LazyLock::new(Analyzer::new);
            let (_, fields) = schema::build();
            match parse(&q) {
                Ok(node) => {
                    let _ = crate::search::query::build::build(&node, &fields, &ANALYZER, &Default::default());
                }
                Err(e) => {
                    prop_assert!(e.position <= q.len());
                    prop_assert!(!e.message.is_empty());
                    prop_assert!(e.column(&q) >= 1);
                }
            }
        }
    }
}
