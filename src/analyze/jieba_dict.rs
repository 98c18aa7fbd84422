//! Written by `scripts/jieba-dict.sh` with jieba's dictionary: do not edit.

/// The jieba-rs release whose dictionary `data/jieba/dict.fst` holds.
#[cfg(test)]
pub(crate) const JIEBA_VERSION: &str = "0.11.0";
/// Words in the dictionary.
#[cfg(test)]
pub(crate) const WORDS: usize = 349045;
/// Sum of the frequencies of the dictionary's words.
pub(crate) const TOTAL_FREQ: u64 = 60101964;
