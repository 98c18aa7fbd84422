//! Fuzz target: any bytes as a JSON briefing and as JSON Lines.
#![no_main]

use briefsearch::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Json, Format::JsonLines] {
        if let Ok(parsed) = parse(data, "fuzz.json", Some(format)) {
            for record in parsed.records {
                let _ = record.briefing.passages();
            }
        }
    }
});
