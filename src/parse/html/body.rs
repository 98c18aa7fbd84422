//! Where a page keeps its transcript, and the transcript's paragraphs.
//!
//! The container is found by known ids and classes, then `<article>`/`<main>`, then text
//! density. Paragraphs follow block elements and `<br>`; page furniture is never read.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::parse::paragraphs::{Paragraph, join_line};

/// Ids of elements known to hold the text on government and news sites, best first.
const BODY_IDS: &[&str] = &[
    "news_body_txt_a",
    "zoom",
    "articlecontent",
    "article-content",
    "article_content",
    "content_text",
    "text",
    "content",
    "article",
    "main-content",
];
/// Classes of such elements.
const BODY_CLASSES: &[&str] = &[
    "trs_editor",
    "trs_editor_view",
    "article-content",
    "article_content",
    "news-content",
    "news_content",
    "post-content",
    "entry-content",
    "article-body",
    "content-text",
];

/// Elements whose content is never speech.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "option",
    "iframe",
    "img",
    "svg",
    "video",
    "audio",
    "object",
    "embed",
    "input",
    "textarea",
    "figcaption",
    "canvas",
    "map",
    "head",
    "title",
    "meta",
    "link",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "pre",
    "hr",
    "figure",
    "center",
];

/// The element that holds the transcript.
pub(super) fn body(doc: &Html) -> Option<ElementRef<'_>> {
    let elements: Vec<ElementRef> = doc.tree.nodes().filter_map(ElementRef::wrap).collect();
    let has_text =
        |el: &ElementRef| el.text().map(|t| t.trim().chars().count()).sum::<usize>() >= 20;
    for id in BODY_IDS {
        if let Some(el) = elements
            .iter()
            .find(|el| el.value().id().is_some_and(|v| v.eq_ignore_ascii_case(id)) && has_text(el))
        {
            return Some(*el);
        }
    }
    for class in BODY_CLASSES {
        if let Some(el) = elements
            .iter()
            .find(|el| el.value().classes().any(|c| c.eq_ignore_ascii_case(class)) && has_text(el))
        {
            return Some(*el);
        }
    }
    for tag in ["article", "main"] {
        if let Some(el) = elements
            .iter()
            .filter(|el| el.value().name() == tag)
            .max_by_key(|el| paragraph_text_len(el))
            .filter(|el| paragraph_text_len(el) > 0)
        {
            return Some(*el);
        }
    }
    // Text density: the element whose own paragraphs hold the most text.
    elements
        .iter()
        .filter(|el| matches!(el.value().name(), "div" | "section" | "td" | "body"))
        .max_by_key(|el| paragraph_text_len(el))
        .filter(|el| paragraph_text_len(el) > 0)
        .copied()
        .or_else(|| {
            elements
                .iter()
                .find(|el| el.value().name() == "body")
                .copied()
        })
}

/// Characters of text in the `<p>` children of `el`.
fn paragraph_text_len(el: &ElementRef) -> usize {
    el.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| c.value().name() == "p")
        .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
        .sum()
}

#[derive(Default)]
struct Builder {
    out: Vec<Paragraph>,
    text: String,
    chars: usize,
    bold_chars: usize,
    heading: bool,
}

impl Builder {
    fn push_text(&mut self, raw: &str, bold: bool) {
        let mut collapsed = String::with_capacity(raw.len());
        for piece in raw.split(|c: char| c.is_whitespace()) {
            if piece.is_empty() {
                continue;
            }
            if collapsed.is_empty() {
                collapsed.push_str(piece);
            } else {
                join_line(&mut collapsed, piece);
            }
        }
        if collapsed.is_empty() {
            if !raw.is_empty() && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            return;
        }
        let visible = collapsed.chars().count();
        self.chars += visible;
        if bold {
            self.bold_chars += visible;
        }
        let leading_space = raw.starts_with(char::is_whitespace);
        if self.text.is_empty() {
            self.text.push_str(&collapsed);
        } else if leading_space || self.text.ends_with(' ') {
            let trimmed = self.text.trim_end().to_string();
            self.text = trimmed;
            join_line(&mut self.text, &collapsed);
        } else {
            self.text.push_str(&collapsed);
        }
        if raw.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
    }

    fn flush(&mut self) {
        let text = self.text.trim().to_string();
        if !text.is_empty() {
            self.out.push(Paragraph {
                text,
                line: 0,
                heading: self.heading,
                emphasized: self.chars > 0 && self.bold_chars * 10 >= self.chars * 9,
                continues: false,
            });
        }
        self.text.clear();
        self.chars = 0;
        self.bold_chars = 0;
        self.heading = false;
    }
}

/// Pages whose text is mostly links are a site's lists of articles, not transcripts.
const MIN_LISTING_LINKS: usize = 10;

/// The number of links under `root` when it is a list of links (at least
/// [`MIN_LISTING_LINKS`], holding 60% or more of its visible text), else `None`.
pub(super) fn listing_links(root: ElementRef) -> Option<usize> {
    let (mut links, mut link_chars, mut all_chars) = (0usize, 0usize, 0usize);
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if skip_depth > 0 || SKIPPED.contains(&el.name()) {
                        skip_depth += 1;
                    } else if el.name() == "a" {
                        link_depth += 1;
                        let text: usize = ElementRef::wrap(node)
                            .map_or(0, |a| a.text().map(|t| t.trim().chars().count()).sum());
                        if link_depth == 1 && text > 0 {
                            links += 1;
                        }
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    let n = t.trim().chars().count();
                    all_chars += n;
                    if link_depth > 0 {
                        link_chars += n;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if el.name() == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                }
            }
        }
    }
    (links >= MIN_LISTING_LINKS && link_chars * 10 >= all_chars * 6).then_some(links)
}

/// The paragraphs of text under `root`.
pub(super) fn paragraphs_of(root: ElementRef) -> Vec<Paragraph> {
    let mut b = Builder::default();
    let mut skip_depth = 0usize;
    let mut bold_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIPPED.contains(&name) {
                        skip_depth += 1;
                        continue;
                    }
                    if BLOCKS.contains(&name) || name == "br" {
                        b.flush();
                    }
                    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                        b.heading = true;
                    }
                    if matches!(name, "strong" | "b") {
                        bold_depth += 1;
                    }
                }
                Node::Text(t) if skip_depth == 0 => b.push_text(t, bold_depth > 0),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if matches!(name, "strong" | "b") {
                        bold_depth = bold_depth.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        b.flush();
                    }
                }
            }
        }
    }
    b.flush();
    b.out
}
