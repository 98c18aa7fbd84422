//! Fuzz target: any text as an HTML page.
#![no_main]

use briefsearch::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse(data, "fuzz.html", Some(Format::Html)) {
        for record in parsed.records {
            let _ = record.briefing.passages();
        }
    }
});
