//! The query language's tokens: words, quoted phrases (ASCII, curly and corner quotes),
//! parentheses (ASCII or full-width), operators, `+`/`-` signs and `field:` prefixes, each
//! with its byte position for error messages.

use std::fmt;
use std::iter::Peekable;
use std::str::CharIndices;

/// Fields a query can name with `field:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryField {
    Title,
    Speaker,
}

impl QueryField {
    pub(crate) const NAMES: &'static str = "title, speaker";

    fn parse(name: &str) -> Option<QueryField> {
        match name.to_ascii_lowercase().as_str() {
            "title" => Some(QueryField::Title),
            "speaker" => Some(QueryField::Speaker),
            _ => None,
        }
    }
}

/// A query that could not be parsed: what is wrong and at which byte of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub position: usize,
}

impl SyntaxError {
    pub(super) fn at(position: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            position,
        }
    }

    /// The column (1-based, in characters) of the error in `query`.
    pub fn column(&self, query: &str) -> usize {
        query[..self.position.min(query.len())].chars().count() + 1
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
    Star,
    Field(QueryField),
    Word(String),
    Phrase(String),
}

type Chars<'q> = Peekable<CharIndices<'q>>;

pub(super) fn lex(query: &str) -> Result<Vec<(usize, Tok)>, SyntaxError> {
    let mut toks = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let tok = match c {
            '(' | '（' => {
                chars.next();
                Tok::Open
            }
            ')' | '）' => {
                chars.next();
                Tok::Close
            }
            '"' | '“' | '”' | '「' => phrase(&mut chars, at, c)?,
            '+' | '-' if toks.last().is_none_or(|(_, t)| !matches!(t, Tok::Field(_))) => {
                sign(&mut chars, at, c)?
            }
            _ => word_or_field(&mut chars, at)?,
        };
        toks.push((at, tok));
    }
    Ok(toks)
}

/// A phrase from the opening quote `open` at `at` to its closing quote.
fn phrase(chars: &mut Chars, at: usize, open: char) -> Result<Tok, SyntaxError> {
    chars.next();
    let close: &[char] = match open {
        '“' => &['”', '"'],
        '「' => &['」'],
        _ => &['"', '”'],
    };
    let mut text = String::new();
    for (_, c) in chars.by_ref() {
        if close.contains(&c) {
            return Ok(Tok::Phrase(text));
        }
        text.push(c);
    }
    Err(SyntaxError::at(at, "unclosed quote"))
}

/// `+` or `-`, which must stand right before what it marks.
fn sign(chars: &mut Chars, at: usize, c: char) -> Result<Tok, SyntaxError> {
    chars.next();
    let next_is_term = chars.peek().is_some_and(|&(_, n)| !n.is_whitespace());
    if !next_is_term {
        return Err(SyntaxError::at(
            at,
            format!("'{c}' must be followed by a word, phrase or group"),
        ));
    }
    Ok(if c == '+' { Tok::Plus } else { Tok::Minus })
}

/// A word, an operator, `*`, or a `field:` prefix.
fn word_or_field(chars: &mut Chars, at: usize) -> Result<Tok, SyntaxError> {
    let mut word = String::new();
    while let Some(&(_, c)) = chars.peek() {
        if c.is_whitespace() || "()（）\"“”「".contains(c) {
            break;
        }
        if c == ':' && !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
        {
            break;
        }
        word.push(c);
        chars.next();
    }
    if let Some(&(colon, ':')) = chars.peek() {
        chars.next();
        let field = QueryField::parse(&word).ok_or_else(|| {
            SyntaxError::at(
                at,
                format!("unknown field '{word}:' (fields are {})", QueryField::NAMES),
            )
        })?;
        if chars.peek().is_none_or(|&(_, c)| c.is_whitespace()) {
            return Err(SyntaxError::at(
                colon,
                format!("'{word}:' needs a word, phrase or group after it"),
            ));
        }
        return Ok(Tok::Field(field));
    }
    Ok(match word.as_str() {
        "AND" | "&&" => Tok::And,
        "OR" | "||" => Tok::Or,
        "NOT" => Tok::Not,
        "*" => Tok::Star,
        _ => Tok::Word(word),
    })
}
