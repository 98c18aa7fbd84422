//! `briefsearch licenses`: the sources and licences of the data built into the binary.

use std::io::{self, Write};

use super::Outcome;
use crate::translate::dictionary::NOTICES as DICTIONARIES;

/// The data in the binary besides the dictionaries of cross-lingual search.
const ANALYSIS: &str = "\
Data used to analyse Chinese text:
- jieba's dictionary (word segmentation), from the crate jieba-rs 0.11.0, MIT License;
  https://github.com/messense/jieba-rs, compiled into data/jieba/dict.fst.
- OpenCC's traditional-to-simplified character table (TSCharacters), Apache License 2.0;
  https://github.com/BYVoid/OpenCC, from the crate ferrous-opencc 0.4.0, written into
  data/script/t2s.tsv.
- The briefing vocabulary (data/segmentation/briefing-words.txt), the synonym list
  (data/synonyms.txt) and the outlet table (data/outlets.tsv), written for briefsearch.";

/// Prints the notices.
pub(crate) fn run() -> anyhow::Result<Outcome> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "briefsearch {} carries data under these licences.\n\n{DICTIONARIES}\n\n{ANALYSIS}",
        env!("CARGO_PKG_VERSION")
    )?;
    Ok(Outcome::Found)
}
