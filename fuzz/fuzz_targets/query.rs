//! Fuzz target: any text as a query: parsed and built, or refused with a position inside it.
#![no_main]

use std::sync::LazyLock;

use briefsearch::analyze::Analyzer;
use briefsearch::index::schema;
use briefsearch::search::query::{build, syntax};
use libfuzzer_sys::fuzz_target;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);

fuzz_target!(|query: &str| {
    let (_, fields) = schema::build();
    match syntax::parse(query) {
        Ok(node) => {
            let _ = build::build(&node, &fields, &ANALYZER, &Default::default());
        }
        Err(e) => assert!(e.position <= query.len() && e.column(query) >= 1),
    }
});
