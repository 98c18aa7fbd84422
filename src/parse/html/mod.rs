//! Web pages: the transcript, not the page.
//!
//! Title, date and address come from the page's meta tags (`ArticleTitle`, `PubDate`,
//! `og:title`, `article:published_time`, …) or its `<title>`/`<h1>`. The speech comes from the
//! element that holds it: a known container (`News_Body_Txt_A`, `<article>`, `<main>`…), else
//! the element whose paragraphs hold the most text. Scripts, styles, navigation, forms, images
//! and other page furniture are never read. Paragraph structure follows `<p>`, `<br>` and the
//! other block elements; a paragraph set wholly in `<strong>` is marked, since sites set
//! questions in bold.

mod body;

use scraper::{ElementRef, Html, Node};

use super::paragraphs::Paragraph;

/// What a page yields before turns are built.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source_url: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The page is a list of links (a site's index of articles), with this many links.
    pub listing: Option<usize>,
}

const TITLE_META: &[&str] = &[
    "articletitle",
    "og:title",
    "twitter:title",
    "dc.title",
    "title",
];
const DATE_META: &[&str] = &[
    "pubdate",
    "article:published_time",
    "publishdate",
    "publish_date",
    "dc.date",
    "date",
    "og:published_time",
    "firstpublishedtime",
    "published_time",
];
const URL_META: &[&str] = &["url", "og:url"];

/// Deepest element nesting read. HTML parsers spend time proportional to the depth of open
/// elements on every tag, so a page nested 100,000 deep (real ones are nested tens deep)
/// would take minutes; it is refused instead.
pub(crate) const MAX_DEPTH: usize = 1000;

/// Elements that never hold others, or that close themselves when the next one opens.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "!doctype", "!--",
];

/// The deepest nesting of open elements in `html`, by a quick scan of its tags (an estimate:
/// close tags that do not match are not checked).
pub(crate) fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = if closing { start + 1 } else { start };
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(bytes.len(), |p| name_start + p);
        let name = html
            .get(name_start..name_end)
            .unwrap_or("")
            .to_ascii_lowercase();
        let tag_end = bytes[name_end..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| name_end + p);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if !name.is_empty()
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && !NOT_NESTING.contains(&name.as_str())
        {
            if closing {
                depth = depth.saturating_sub(1);
            } else if !self_closing {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        i = (tag_end + 1).min(bytes.len());
        if i >= bytes.len() {
            break;
        }
    }
    deepest
}

/// Extracts title, date and the paragraphs of speech from an HTML page.
pub(crate) fn extract(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let title = meta(&doc, TITLE_META)
        .map(|t| strip_markup(&t))
        .or_else(|| first_text(&doc, "h1"))
        .or_else(|| first_text(&doc, "title").map(|t| strip_site_name(&t)));
    let date = meta(&doc, DATE_META).or_else(|| visible_date(&doc));
    let source_url = meta(&doc, URL_META).or_else(|| canonical_link(&doc));
    let root = body::body(&doc);
    let paragraphs = root.map(body::paragraphs_of).unwrap_or_default();
    let listing = root.and_then(body::listing_links);
    Page {
        title,
        date,
        source_url,
        paragraphs,
        listing,
    }
}

/// Whether text that has no telling extension is an HTML page.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<head")
        || head.contains("<body")
        || (head.starts_with('<')
            && (head.contains("<meta") || head.contains("<div") || head.contains("<p")))
}

fn meta(doc: &Html, names: &[&str]) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        if el.name() != "meta" {
            continue;
        }
        let key = el
            .attr("name")
            .or_else(|| el.attr("property"))
            .or_else(|| el.attr("itemprop"));
        let (Some(key), Some(content)) = (key, el.attr("content")) else {
            continue;
        };
        let key = key.to_ascii_lowercase();
        if let Some(rank) = names.iter().position(|n| *n == key) {
            let content = clean(content);
            if !content.is_empty() {
                found.push((rank, content));
            }
        }
    }
    found
        .into_iter()
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, c)| c)
}

/// A publication date shown on the page: `<time datetime>`, or an element whose class or id
/// says time or date (`<p class="time">2022-01-16 21:55</p>`).
fn visible_date(doc: &Html) -> Option<String> {
    let elements = || doc.tree.nodes().filter_map(ElementRef::wrap);
    if let Some(dt) = elements().find_map(|el| {
        (el.value().name() == "time")
            .then(|| el.value().attr("datetime"))
            .flatten()
    }) {
        return Some(dt.to_string());
    }
    elements()
        .filter(|el| {
            let v = el.value();
            v.classes().chain(v.id()).any(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("time") || c.contains("date")
            })
        })
        .map(|el| clean(&el.text().collect::<String>()))
        .find(|t| !t.is_empty() && t.chars().count() <= 60 && super::dates::find(t).is_some())
}

fn canonical_link(doc: &Html) -> Option<String> {
    doc.tree.nodes().find_map(|node| match node.value() {
        Node::Element(el)
            if el.name() == "link"
                && el
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            el.attr("href").map(str::to_string)
        }
        _ => None,
    })
}

fn first_text(doc: &Html, tag: &str) -> Option<String> {
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .find(|el| el.value().name() == tag)
        .map(|el| clean(&el.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// "2022年6月30日外交部发言人…_中华人民共和国外交部" → the part before the site name.
fn strip_site_name(title: &str) -> String {
    for sep in ["_", " - ", " | ", " – ", "—"] {
        if let Some((head, _)) = title.rsplit_once(sep)
            && head.chars().count() >= 4
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// Titles in meta tags sometimes carry escaped markup ("…70国&lt;br&gt;在…").
fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    clean(&out)
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<meta charset="utf-8"><title>发言人表态_中华人民共和国外交部</title>
<meta name="ArticleTitle" content="2024年3月12日外交部发言人周岚主持例行记者会">
<meta name="PubDate" content="2024-03-12">
<meta name="Url" content="https://example.org/t20240312.shtml">
<style>.x{color:red}</style><script>var menu = "外交部长";</script>
</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/en">English</a></li></ul></div>
<div id="News_Body_Txt_A"><div class="trs_editor_view">
<p style="text-align:center"><img src="1.jpg" alt="发言人"></p>
<p>　　<strong>中新社记者：中方对此有何评论？</strong></p>
<p>　　周岚：我们注意到有关报道。<br>中方的立场是一贯的。</p>
<p><b>问：请问中方如何看待？</b></p>
</div></div>
<div class="popup"><p>您即将离开外交部门户网站，跳转到其他网站，<br> 是否继续访问？</p></div>
</body></html>"#;

    #[test]
    fn test_meta_tags_give_title_date_and_address() {
        let page = extract(PAGE);
        assert_eq!(
            page.title.as_deref(),
            Some("2024年3月12日外交部发言人周岚主持例行记者会")
        );
        assert_eq!(page.date.as_deref(), Some("2024-03-12"));
        assert_eq!(
            page.source_url.as_deref(),
            Some("https://example.org/t20240312.shtml")
        );
    }

    #[test]
    fn test_only_the_body_with_its_paragraphs_and_emphasis() {
        let page = extract(PAGE);
        let got: Vec<(&str, bool)> = page
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.emphasized))
            .collect();
        assert_eq!(
            got,
            [
                ("中新社记者：中方对此有何评论？", true),
                ("周岚：我们注意到有关报道。", false),
                ("中方的立场是一贯的。", false),
                ("问：请问中方如何看待？", true),
            ]
        );
    }

    #[test]
    fn test_without_a_known_container_the_densest_element_wins() {
        let html = "<html><body><div><a href='/'>Home</a> <a href='/news'>News</a></div>\
                    <div><p>MR. KIRBY: Good afternoon, everybody.</p><p>Q Thanks, John.</p></div>\
                    <footer><p>Copyright 2024 The White House</p></footer></body></html>";
        let page = extract(html);
        let texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["MR. KIRBY: Good afternoon, everybody.", "Q Thanks, John."]
        );
    }

    #[test]
    fn test_date_shown_on_the_page_when_no_meta_gives_it() {
        let page = extract(
            r#"<html><body><h1>答记者问</h1><p class="time"><span>2022-01-16 21:55</span></p></body></html>"#,
        );
        assert_eq!(page.date.as_deref(), Some("2022-01-16 21:55"));
    }

    #[test]
    fn test_markup_in_a_meta_title_is_dropped() {
        let page = extract(
            r#"<html><head><meta name="ArticleTitle" content="代表70国&lt;br&gt;在联合国发言"></head></html>"#,
        );
        assert_eq!(page.title.as_deref(), Some("代表70国在联合国发言"));
    }

    #[test]
    fn test_title_from_title_tag_without_the_site_name() {
        let page = extract(
            "<html><head><title>Press Briefing on Trade - Example Ministry</title></head><body><p>x</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Press Briefing on Trade"));
    }

    #[test]
    fn test_a_page_of_links_is_a_listing() {
        let items: String = (1..=12)
            .map(|i| format!("<li><a href=\"/t{i}.html\">Regular Press Conference {i}</a> <span>2026-07-{i:02}</span></li>"))
            .collect();
        let page = extract(&format!(
            "<html><head><title>Press Conferences</title></head><body><div class=\"list\"><ul>{items}</ul></div></body></html>"
        ));
        assert_eq!(page.listing, Some(12));
        assert_eq!(extract(PAGE).listing, None);
    }

    #[test]
    fn test_nesting_depth_estimate() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(nesting_depth(&format!("{}x", "<div>".repeat(5000))), 5000);
        assert_eq!(nesting_depth("<div/><span></span><!-- <div> -->"), 1);
        assert!(nesting_depth(PAGE) < 10);
    }

    #[test]
    fn test_html_is_recognised_without_an_extension() {
        assert!(looks_like_html("\n<!DOCTYPE html><html>"));
        assert!(looks_like_html("<html lang=zh>"));
        assert!(!looks_like_html("Title\n\nMS. PSAKI: Hi."));
    }
}
