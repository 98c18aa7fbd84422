//! From lines to paragraphs.
//!
//! Scraped text puts one paragraph on a line, with blank lines between; Markdown exports wrap
//! paragraphs at about 72 columns. A block of lines (between blank lines) whose lines are all
//! short is taken as wrapped and joined; otherwise each line is a paragraph. A line that may
//! open a speaker turn or is noise starts a new paragraph, so a label inside a wrapped block
//! can open its own turn; whether it does is decided with the whole transcript in view, and a
//! line split off for a label that is refused is joined back (see [`Paragraph::continues`]).

use super::speaker::{self, Shape};

/// A paragraph of source text and the line (1-based) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    pub text: String,
    pub line: usize,
    /// A Markdown heading (`# …`) or HTML `<h1>`…`<h6>`.
    pub heading: bool,
    /// Set entirely in bold (`<strong>`, `<b>`, Markdown `**`): how web pages mark questions.
    pub emphasized: bool,
    /// A wrapped line split from the paragraph before only because it may start with a label:
    /// if no label opens there, it is the same paragraph.
    pub continues: bool,
}

/// Lines at most this long (in characters) may be the wrapped lines of one paragraph.
const WRAP_WIDTH: usize = 100;

/// Splits `body` into paragraphs; `first_line` is the line number of its first line.
/// With `markdown`, headings are marked and inline Markdown (emphasis, escapes, links) is removed.
pub(crate) fn split(body: &str, first_line: usize, markdown: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let mut line = line.replace('\u{a0}', " ");
        let (mut opens_bold, mut closes_bold) = (false, false);
        if markdown {
            let t = line.trim();
            opens_bold = t.starts_with("**") || t.starts_with("__");
            closes_bold = t.len() > 2 && (t.ends_with("**") || t.ends_with("__"));
            line = strip_inline_markdown(&line);
        }
        if line.trim().is_empty() {
            flush(&mut block, &mut out, markdown);
        } else {
            block.push(Line {
                number: first_line + i,
                text: line.trim_end().to_string(),
                opens_bold,
                closes_bold,
            });
        }
    }
    flush(&mut block, &mut out, markdown);
    out
}

/// One line of source text, with whether it opens or closes Markdown bold.
struct Line {
    number: usize,
    text: String,
    opens_bold: bool,
    closes_bold: bool,
}

fn flush(block: &mut Vec<Line>, out: &mut Vec<Paragraph>, markdown: bool) {
    if block.is_empty() {
        return;
    }
    let wrapped = block.len() > 1 && block.iter().all(|l| l.text.chars().count() <= WRAP_WIDTH);
    let mut current: Option<Paragraph> = None;
    let mut bold = false;
    for Line {
        number: line_no,
        text: line,
        opens_bold,
        closes_bold,
    } in block.drain(..)
    {
        let heading = markdown && line.trim_start().starts_with('#');
        let text = if heading {
            line.trim_start().trim_start_matches('#').trim().to_string()
        } else {
            line.trim().to_string()
        };
        let fresh = !wrapped || heading || current.as_ref().is_none_or(|c| c.heading);
        let may_open_turn = speaker::candidate(&text).is_some_and(|c| c.shape != Shape::Sentence);
        let starts_new = fresh || may_open_turn || super::noise::classify(&text).is_some();
        match (&mut current, starts_new) {
            (Some(paragraph), false) => {
                join_line(&mut paragraph.text, &text);
            }
            _ => {
                if let Some(done) = current.take() {
                    out.push(done);
                }
                bold = opens_bold;
                current = Some(Paragraph {
                    text,
                    line: line_no,
                    heading,
                    emphasized: false,
                    continues: !fresh && may_open_turn,
                });
            }
        }
        // A paragraph is in bold when its first line opens the bold and its last closes it.
        if let Some(paragraph) = current.as_mut() {
            paragraph.emphasized = bold && closes_bold;
        }
    }
    out.extend(current);
}

/// Joins a wrapped line: with a space between Latin words, without one between Han characters.
pub(crate) fn join_line(paragraph: &mut String, line: &str) {
    let last = paragraph.chars().next_back();
    let next = line.chars().next();
    let cjk = |c: Option<char>| {
        c.is_some_and(|c| {
            crate::script::is_han(c)
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        })
    };
    if !(cjk(last) && cjk(next)) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Removes Markdown emphasis (`**`, `__`), backslash escapes and link targets.
fn strip_inline_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(chars.next());
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            '_' if chars.peek() == Some(&'_') => {
                chars.next();
            }
            ']' if chars.peek() == Some(&'(') => {
                out.push(']');
                let rest: String = chars.clone().collect();
                if let Some(close) = rest.find(')').filter(|&close| !rest[..close].contains(' ')) {
                    for _ in 0..rest[..=close].chars().count() {
                        chars.next();
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str, markdown: bool) -> Vec<String> {
        split(body, 1, markdown)
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn test_blank_lines_separate_paragraphs_with_line_numbers() {
        let p = split("First paragraph.\n\n\nSecond one.\n", 5, false);
        assert_eq!(
            p.iter()
                .map(|p| (p.text.as_str(), p.line))
                .collect::<Vec<_>>(),
            [("First paragraph.", 5), ("Second one.", 8)]
        );
    }

    #[test]
    fn test_wrapped_lines_are_joined() {
        let body = "MS. HALVERSON:  Good afternoon, everyone.  We have a lot\nto get through today, so let me start with the\nhurricane package.\n";
        assert_eq!(
            texts(body, true),
            [
                "MS. HALVERSON:  Good afternoon, everyone.  We have a lot to get through today, so let me start with the hurricane package."
            ]
        );
    }

    #[test]
    fn test_a_label_inside_a_wrapped_block_starts_a_new_paragraph() {
        let body = "and that is all.\nQ    Thanks.  On tariffs --\nMS. HALVERSON:  Go ahead.\n";
        assert_eq!(
            texts(body, true),
            [
                "and that is all.",
                "Q    Thanks.  On tariffs --",
                "MS. HALVERSON:  Go ahead."
            ]
        );
    }

    #[test]
    fn test_long_lines_are_paragraphs_each() {
        let long = "x".repeat(150);
        let body = format!("中新社记者：\n{long}\n{long}\n");
        assert_eq!(texts(&body, false).len(), 3);
    }

    #[test]
    fn test_chinese_wrapped_lines_join_without_a_space() {
        assert_eq!(
            texts("我们将继续推进\n稳外贸工作。\n", false),
            ["我们将继续推进稳外贸工作。"]
        );
    }

    #[test]
    fn test_markdown_headings_emphasis_escapes_and_links() {
        let p = split(
            "# 生态环境部例行新闻发布会\n\nSo**,** \\[senior official\\] said [this](https://x.org/a).\n",
            1,
            true,
        );
        assert!(p[0].heading);
        assert_eq!(p[0].text, "生态环境部例行新闻发布会");
        assert_eq!(p[1].text, "So, [senior official] said [this].");
    }
}
