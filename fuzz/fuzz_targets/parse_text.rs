//! Fuzz target: any bytes as a plain-text or Markdown transcript (decoding included).
#![no_main]

use briefsearch::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [None, Some(Format::Text), Some(Format::Markdown)] {
        if let Ok(parsed) = parse(data, "2024-01-02-fuzz.txt", format) {
            for record in parsed.records {
                for p in record.briefing.passages() {
                    assert!(!p.text.is_empty());
                }
            }
        }
    }
});
