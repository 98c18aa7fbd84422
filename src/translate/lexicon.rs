//! Lexicon files: curated Chinese ↔ English terms that take priority over the general
//! dictionaries (the shipped briefing lexicon, and any file a user adds in the same format).
//!
//! The format, one concept per line:
//!
//! ```text
//! # a comment
//! 仁爱礁<TAB>Ren'ai Jiao<TAB>Second Thomas Shoal
//! ```
//!
//! The first field is the Chinese term, the others its English renderings, preferred first.
//! A Chinese term on several lines collects the renderings of all of them, in file order; an
//! English rendering on several lines translates back to all their Chinese terms.
//!
//! This file parses and merges lexicons; it does not decide when a lexicon wins over a general
//! dictionary (that is `dictionary.rs`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::keys::normalize_en;
use crate::script::is_han;

/// Parsed lexicon entries in both directions, keys as the dictionary looks them up.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Normalised English phrase → Chinese terms.
    pub(crate) en_zh: BTreeMap<String, Vec<String>>,
    /// Chinese term → English renderings, as written.
    pub(crate) zh_en: BTreeMap<String, Vec<String>>,
}

/// The file name, in the index folder, of the user's lexicon (`index --lexicon`).
pub(crate) const FILE: &str = "lexicon.tsv";

impl Lexicon {
    /// Parses lexicon text; `origin` names it in errors (`origin:line: ...`).
    pub(crate) fn parse(text: &str, origin: &str) -> Result<Lexicon> {
        let mut lexicon = Lexicon::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (zh, en) =
                parse_line(line).with_context(|| format!("{origin}:{}: {line:?}", index + 1))?;
            lexicon.insert(zh, en);
        }
        Ok(lexicon)
    }

    /// Checks the lexicon `source` and installs it in the index folder `dir` as [`FILE`]
    /// (written beside, then renamed: a bad list leaves the installed one alone).
    pub(crate) fn install(source: &Path, dir: &Path) -> Result<Lexicon> {
        crate::list_file::install(source, dir, FILE, "the lexicon", |text| {
            Lexicon::parse(text, &source.display().to_string())
        })
    }

    /// Reads and parses a lexicon file.
    pub(crate) fn read(path: &Path) -> Result<Lexicon> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the lexicon {}", path.display()))?;
        Lexicon::parse(&text, &path.display().to_string())
    }

    /// Adds a Chinese term with its English renderings and their normalised keys.
    fn insert(&mut self, zh: &str, en: Vec<(&str, String)>) {
        let renderings = self.zh_en.entry(zh.to_string()).or_default();
        for (e, key) in en {
            push_new(renderings, e);
            // A multi-word term with an acronym (`UN Security Council`) is also found in
            // lowercase, as a lowercasing tokenizer gives it; a lone acronym is not (`US` is
            // not `us`: see `Dictionary::translate`).
            let lower = key.to_lowercase();
            if lower != key && key.contains(' ') {
                push_new(self.en_zh.entry(lower).or_default(), zh);
            }
            if !key.is_empty() {
                push_new(self.en_zh.entry(key).or_default(), zh);
            }
        }
    }

    /// Puts `other`'s entries before this lexicon's own: a user's lexicon comes first.
    pub(crate) fn prepend(&mut self, other: Lexicon) {
        let mut merged = other;
        for (map, mine) in [
            (&mut merged.en_zh, std::mem::take(&mut self.en_zh)),
            (&mut merged.zh_en, std::mem::take(&mut self.zh_en)),
        ] {
            for (key, values) in mine {
                let list = map.entry(key).or_default();
                for v in &values {
                    push_new(list, v);
                }
            }
        }
        *self = merged;
    }

    pub(crate) fn len(&self) -> usize {
        self.zh_en.len()
    }
}

/// `zh<TAB>en<TAB>en2...` → (zh, [(en, its key), ...]), fields trimmed, empty fields ignored.
fn parse_line(line: &str) -> Result<(&str, Vec<(&str, String)>)> {
    let mut fields = line.split('\t').map(str::trim);
    let zh = fields.next().unwrap_or_default();
    let en: Vec<&str> = fields.filter(|f| !f.is_empty()).collect();
    if !zh.chars().any(is_han) {
        bail!("the first field must be a Chinese term (expected `中文<TAB>English<TAB>...`)");
    }
    if en.is_empty() {
        bail!("no English rendering after the Chinese term (fields are separated by TAB)");
    }
    if let Some(bad) = en.iter().find(|e| e.chars().any(is_han)) {
        bail!("English rendering {bad:?} has Chinese characters (one Chinese term per line)");
    }
    let keyed: Vec<(&str, String)> = en.into_iter().map(|e| (e, normalize_en(e))).collect();
    if let Some((bad, _)) = keyed.iter().find(|(_, key)| key.is_empty()) {
        bail!("English rendering {bad:?} has no letter or digit");
    }
    Ok((zh, keyed))
}

fn push_new(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_lexicon_line_maps_both_directions() {
        let lexicon =
            Lexicon::parse("# places\n仁爱礁\tRen'ai Jiao\tSecond Thomas Shoal\n", "t").unwrap();
        assert_eq!(
            lexicon.zh_en["仁爱礁"],
            ["Ren'ai Jiao", "Second Thomas Shoal"]
        );
        assert_eq!(lexicon.en_zh["second thomas shoal"], ["仁爱礁"]);
        assert_eq!(lexicon.en_zh["ren ai jiao"], ["仁爱礁"]);
    }

    #[test]
    fn test_lexicon_repeated_terms_collect_in_file_order() {
        let text = "美国\tUnited States\tU.S.\n美方\tU.S. side\tUnited States\n美国\tAmerica\n";
        let lexicon = Lexicon::parse(text, "t").unwrap();
        assert_eq!(lexicon.zh_en["美国"], ["United States", "U.S.", "America"]);
        assert_eq!(lexicon.en_zh["united states"], ["美国", "美方"]);
    }

    #[test]
    fn test_lexicon_malformed_line_names_file_and_line() {
        let text = "# ok\n毛宁\tMao Ning\nMao Ning\t毛宁\n";
        let error = Lexicon::parse(text, "my.tsv").unwrap_err();
        let message = format!("{error:#}");
        assert!(message.starts_with("my.tsv:3: "), "{message}");
        assert!(message.contains("Chinese term"), "{message}");
        let error = Lexicon::parse("毛宁 Mao Ning\n", "my.tsv").unwrap_err();
        assert!(format!("{error:#}").contains("my.tsv:1: "));
        assert!(format!("{error:#}").contains("TAB"));
    }

    #[test]
    fn test_lexicon_prepend_puts_user_entries_first() {
        let mut shipped = Lexicon::parse("南海\tSouth China Sea\n", "shipped").unwrap();
        let user = Lexicon::parse("南海\tNanhai\n", "user").unwrap();
        shipped.prepend(user);
        assert_eq!(shipped.zh_en["南海"], ["Nanhai", "South China Sea"]);
        assert_eq!(shipped.en_zh["south china sea"], ["南海"]);
    }

    #[test]
    fn test_lexicon_read_missing_file_names_it() {
        let error = Lexicon::read(Path::new("no/such/lexicon.tsv")).unwrap_err();
        assert!(format!("{error:#}").contains("no/such/lexicon.tsv"));
    }
}
