use super::*;
use std::time::Instant;

#[test]
#[ignore = "a measurement; run alone in a fresh process"]
fn test_fresh_process_lookup_cost() {
    let start = Instant::now();
    let d = Dictionary::new().expect("the built-in dictionaries open");
    let opened = start.elapsed();
    let en = d.en_to_zh("export");
    let zh = d.zh_to_en("出口");
    let phrase = d.longest_phrase(Lang::En, &["south", "china", "sea"], 0);
    let total = start.elapsed();
    assert!(!en.is_empty() && !zh.is_empty() && phrase.is_some());
    eprintln!("open (incl. lexicon parse): {opened:?}; open + 3 lookups: {total:?}");
    assert!(total.as_millis() < 50, "{total:?}");
}
