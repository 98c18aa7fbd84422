//! Fuzz target: any text as a query: parsed and built, or refused with a position inside it.
#![no_main]

use std::sync::LazyLock;

use briefsearch::Analyzer;
use libfuzzer_sys::fuzz_target;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);

fuzz_target!(|query: &str| {
    if let Err(e) = briefsearch::compile(query, &ANALYZER) {
        assert!(e.position <= query.len() && e.column(query) >= 1);
    }
});
