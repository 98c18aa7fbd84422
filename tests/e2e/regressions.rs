//! Replays the inputs in `tests/regressions/` through the checks of the fuzz targets (see
//! `fuzz/fuzz_targets/`), so that a bug the fuzzers found stays fixed.

use std::fs;
use std::path::Path;

use briefsearch::Analyzer;
use briefsearch::{Format, parse};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fs::read(e.path()).expect("readable"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn check_passages(data: &[u8], format: Option<Format>) {
    if let Ok(parsed) = parse(data, "2024-01-02-regression.txt", format) {
        for record in parsed.records {
            for p in record.briefing.passages() {
                assert!(!p.text.is_empty());
            }
        }
    }
}

#[test]
fn test_parser_regressions() {
    for (name, data) in inputs("parse_text") {
        eprintln!("parse_text/{name}");
        for format in [None, Some(Format::Text), Some(Format::Markdown)] {
            check_passages(&data, format);
        }
    }
    for (name, data) in inputs("parse_html") {
        eprintln!("parse_html/{name}");
        check_passages(&data, Some(Format::Html));
    }
    for (name, data) in inputs("parse_json") {
        eprintln!("parse_json/{name}");
        check_passages(&data, Some(Format::Json));
        check_passages(&data, Some(Format::JsonLines));
    }
}

#[test]
fn test_deeply_nested_page_is_refused_before_parsing() {
    // Parsing it took half a minute (the HTML parser's work grows with the depth of open
    // elements at every tag); it is refused by a linear scan instead.
    let page = format!(
        "<html><body>{}<p>毛宁：很深。</p></body></html>",
        "<div>".repeat(50_000)
    );
    let refused = parse(page.as_bytes(), "deep.html", Some(Format::Html));
    assert!(
        matches!(
            refused,
            Err(briefsearch::ParseError::TooDeep { depth: 50_002 })
        ),
        "{refused:?}"
    );
}

#[test]
fn test_analyzer_and_query_regressions() {
    let analyzer = Analyzer::new();
    for (name, data) in inputs("analyze") {
        eprintln!("analyze/{name}");
        let text = String::from_utf8_lossy(&data);
        for tokens in [analyzer.words(&text), analyzer.bigrams(&text)] {
            for t in &tokens {
                assert!(!t.text.is_empty() && t.offset_to <= text.len());
                assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            }
        }
    }
    for (name, data) in inputs("query") {
        eprintln!("query/{name}");
        let query = String::from_utf8_lossy(&data);
        if let Err(e) = briefsearch::compile(&query, &analyzer) {
            assert!(e.position <= query.len() && e.column(&query) >= 1);
        }
    }
}
