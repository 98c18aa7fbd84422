//! Build-time half of the shipped segmentation vocabulary (`src/analyze/segmenter.rs`): reads
//! `data/segmentation/briefing-words.txt` and jieba's dictionary (`data/jieba/dict.fst`), gives
//! each word the frequency jieba will get for it (its own, else the higher of jieba's and
//! [`DEFAULT_FREQ`]), and writes them as a finite-state map, with the change they make to the
//! dictionary's total frequency and the longest word, to OUT_DIR. A query then needs no parsing
//! and no look-up to know them. A unit test checks the result against the list as parsed at
//! run time (`analyze::wordlist`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// As `analyze::wordlist::DEFAULT_FREQ` (checked by the test named above).
const DEFAULT_FREQ: u64 = 2000;

pub fn build(manifest_dir: &Path, out: &Path) {
    println!("cargo::rerun-if-changed=build/words.rs");
    let list = manifest_dir.join("data/segmentation/briefing-words.txt");
    let dict = manifest_dir.join("data/jieba/dict.fst");
    for path in [&list, &dict] {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    let text = fs::read_to_string(&list)
        .unwrap_or_else(|e| panic!("{}: {e} (part of the repository)", list.display()));
    let bytes = fs::read(&dict)
        .unwrap_or_else(|e| panic!("{}: {e} (part of the repository)", dict.display()));
    let dictionary = fst::Map::new(bytes)
        .unwrap_or_else(|e| panic!("{}: not a transducer: {e}", dict.display()));
    let mut words: BTreeMap<&str, u64> = BTreeMap::new();
    let mut delta: i64 = 0;
    let mut max_chars = 0;
    for (word, freq) in parse(&text, &list) {
        let known = dictionary.get(word).unwrap_or(0);
        let freq = freq.unwrap_or_else(|| known.max(DEFAULT_FREQ));
        // A word listed twice keeps its last frequency.
        let before = words.insert(word, freq).unwrap_or(known);
        delta += freq as i64 - before as i64;
        max_chars = max_chars.max(word.chars().count());
    }
    let mut builder = fst::MapBuilder::memory();
    for (word, freq) in &words {
        builder
            .insert(word, *freq)
            .expect("words are sorted and distinct");
    }
    let map = builder.into_inner().expect("fst builds in memory");
    fs::write(out.join("briefing_words.fst"), map).expect("OUT_DIR is writable");
    let constants = format!(
        "/// Change the shipped words make to jieba's total frequency.\n\
         const SHIPPED_TOTAL_CHANGE: i64 = {delta};\n\
         /// Longest shipped word, in characters.\n\
         const SHIPPED_MAX_CHARS: usize = {max_chars};\n"
    );
    fs::write(out.join("briefing_words.rs"), constants).expect("OUT_DIR is writable");
}

/// The words and optional frequencies of the list, as `WordList::parse` reads them (comments
/// after `#`, blank lines skipped, a byte-order mark ignored).
fn parse<'a>(text: &'a str, path: &Path) -> Vec<(&'a str, Option<u64>)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let mut fields = line.split_whitespace();
        let word = fields.next().unwrap_or_default();
        let freq = fields.next().map(|f| {
            f.parse::<u64>()
                .unwrap_or_else(|_| panic!("{}:{}: bad frequency {f:?}", path.display(), n + 1))
        });
        assert!(
            fields.next().is_none(),
            "{}:{}: expected a word and optionally its frequency",
            path.display(),
            n + 1
        );
        out.push((word, freq));
    }
    out
}
