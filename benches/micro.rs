//! Micro-benchmarks of the analyzer and the parsers, to catch regressions:
//! `cargo bench --bench micro`. Whole-program speed is measured by `benches/run.sh`.

use std::hint::black_box;
use std::path::Path;
use std::sync::LazyLock;

use briefsearch::Analyzer;
use briefsearch::{Format, parse};

fn main() {
    divan::main();
}

fn corpus_file(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
    .expect("corpus file")
}

static ENGLISH: LazyLock<String> =
    LazyLock::new(|| corpus_file("en/2023-04-18-scio-customs-foreign-trade.txt"));
static CHINESE: LazyLock<String> =
    LazyLock::new(|| corpus_file("zh/2023-04-18-国新办-海关稳外贸.txt"));
static INDEXING: LazyLock<Analyzer> = LazyLock::new(|| {
    let a = Analyzer::new();
    a.words("预热");
    a
});
static QUERYING: LazyLock<Analyzer> = LazyLock::new(Analyzer::for_queries);

#[divan::bench]
fn words_english(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(ENGLISH.len()))
        .bench(|| INDEXING.words(black_box(&ENGLISH)));
}

#[divan::bench]
fn words_chinese(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(CHINESE.len()))
        .bench(|| INDEXING.words(black_box(&CHINESE)));
}

#[divan::bench]
fn bigrams_chinese(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(CHINESE.len()))
        .bench(|| INDEXING.bigrams(black_box(&CHINESE)));
}

#[divan::bench]
fn query_words_chinese(bencher: divan::Bencher) {
    bencher.bench(|| QUERYING.words(black_box("跨境电商出口 海外仓监管 知识产权")));
}

#[divan::bench]
fn parse_plain_text(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(ENGLISH.len()))
        .bench(|| {
            parse(
                black_box(ENGLISH.as_bytes()),
                "2023-04-18.txt",
                Some(Format::Text),
            )
        });
}

#[divan::bench]
fn parse_markdown(bencher: divan::Bencher) {
    let text = corpus_file("en/2024-02-14-press-briefing-halverson.md");
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(black_box(text.as_bytes()), "x.md", Some(Format::Markdown)));
}

#[divan::bench]
fn parse_html_page(bencher: divan::Bencher) {
    let body: String = CHINESE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{l}</p>"))
        .collect();
    let page = format!(
        "<html><head><meta name=\"ArticleTitle\" content=\"t\"></head><body><div id=\"News_Body_Txt_A\">{body}</div></body></html>"
    );
    bencher
        .counter(divan::counter::BytesCount::new(page.len()))
        .bench(|| parse(black_box(page.as_bytes()), "page", Some(Format::Html)));
}
