//! Fuzz target: the analyzer's tokens are well formed for any text, and the query analyzer
//! (which segments Chinese without loading the full dictionary) gives exactly the same tokens.
#![no_main]

use std::sync::LazyLock;

use briefsearch::Analyzer;
use libfuzzer_sys::fuzz_target;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);
static QUERY: LazyLock<Analyzer> = LazyLock::new(Analyzer::for_queries);

fuzz_target!(|text: &str| {
    assert_eq!(QUERY.words(text), ANALYZER.words(text));
    for tokens in [ANALYZER.words(text), ANALYZER.bigrams(text)] {
        let mut last = None;
        for t in &tokens {
            assert!(!t.text.is_empty());
            assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            assert!(last.is_none_or(|p| t.position > p));
            last = Some(t.position);
        }
    }
});
