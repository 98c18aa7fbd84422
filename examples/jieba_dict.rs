//! Compiles jieba's dictionary (`dict.txt` of the jieba-rs package) into the transducer that
//! query-time segmentation reads (`data/jieba/dict.fst`, word → frequency) and the Rust file
//! that records its version and total frequency (`src/analyze/jieba_dict.rs`). Run by
//! `scripts/jieba-dict.sh`, which finds the dictionary; the outputs are committed, so that a
//! build needs neither the network nor another crate's files.
//!
//! ```sh
//! cargo run --release --example jieba_dict -- DICT_TXT JIEBA_VERSION
//! ```

use std::collections::BTreeMap;
use std::fs;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dict, version] = args.as_slice() else {
        bail!("usage: jieba_dict DICT_TXT JIEBA_VERSION");
    };
    let text = fs::read_to_string(dict).with_context(|| format!("cannot read {dict}"))?;
    // Duplicate words: the last line wins, as when jieba loads it, and all count in the sum.
    let mut words = BTreeMap::new();
    let mut total = 0u64;
    for line in text.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u64 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        total += freq;
        words.insert(word.to_string(), freq);
    }
    if words.is_empty() || total == 0 {
        bail!("{dict} holds no words");
    }
    let mut builder = fst::MapBuilder::memory();
    for (word, freq) in &words {
        builder.insert(word, *freq)?;
    }
    fs::write("data/jieba/dict.fst", builder.into_inner()?)?;
    fs::write(
        "src/analyze/jieba_dict.rs",
        format!(
            "//! Written by `scripts/jieba-dict.sh` with jieba's dictionary: do not edit.\n\n\
             /// The jieba-rs release whose dictionary `data/jieba/dict.fst` holds.\n\
             #[cfg(test)]\n\
             pub(crate) const JIEBA_VERSION: &str = \"{version}\";\n\
             /// Words in the dictionary.\n\
             #[cfg(test)]\n\
             pub(crate) const WORDS: usize = {};\n\
             /// Sum of the frequencies of the dictionary's words.\n\
             pub(crate) const TOTAL_FREQ: u64 = {total};\n",
            words.len()
        ),
    )?;
    println!("{} words, total frequency {total}", words.len());
    Ok(())
}
