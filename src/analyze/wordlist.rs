//! Words added to jieba's dictionary: the briefing vocabulary compiled into briefsearch
//! (`data/segmentation/briefing-words.txt`: countries, country pairs, places, organisations,
//! office titles, set phrases, names) and the user's own list (`words.txt` in the index folder,
//! installed by `briefsearch index --words FILE`).
//!
//! Index and query must cut Chinese alike, so both add the same words. The user's list is part
//! of the index: the index records its fingerprint, and an index built with another list is
//! refused until it is rebuilt (see `index::check_versions`). Format, one word per line:
//!
//! ```text
//! # comments and blank lines are ignored
//! 仁爱礁
//! 中美元首 3000      # a frequency on jieba's scale (optional)
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
#[cfg(test)]
use std::sync::LazyLock;

use anyhow::{Context, Result, bail};
use xxhash_rust::xxh3::xxh3_64;

use crate::script::{fold_str, is_han};

/// The file name of the user's list in the index folder.
pub(crate) const FILE: &str = "words.txt";

/// Frequency of a word listed without one, unless jieba already knows it as more frequent:
/// enough to keep the word whole against the characters around it (jieba's dictionary sums to
/// about 60 million; 外交部 is 7,223, 美元 5,382).
pub(crate) const DEFAULT_FREQ: u64 = 2000;

/// Longest word accepted, in characters.
const MAX_CHARS: usize = 24;

/// The shipped list as parsed at run time; briefsearch itself reads it as compiled by
/// `build/words.rs`, and tests check that the two agree.
#[cfg(test)]
static SHIPPED: LazyLock<WordList> = LazyLock::new(|| {
    WordList::parse(
        include_str!("../../data/segmentation/briefing-words.txt"),
        Path::new("briefing-words.txt"),
    )
    // Checked by a test; should it ever fail, segmentation falls back to jieba's words alone.
    .unwrap_or_default()
});

/// Words with an optional frequency, folded to the form text is segmented in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WordList {
    words: BTreeMap<String, Option<u64>>,
}

impl WordList {
    /// The briefing vocabulary compiled into briefsearch.
    #[cfg(test)]
    pub(crate) fn shipped() -> &'static WordList {
        &SHIPPED
    }

    /// Parses a list; `origin` names it in errors, with the line. A word listed twice keeps
    /// its last frequency.
    pub(crate) fn parse(text: &str, origin: &Path) -> Result<WordList> {
        let mut words = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.split('#').next().unwrap_or("");
            let line = line.trim().trim_start_matches('\u{feff}');
            if line.is_empty() {
                continue;
            }
            let mut fields = line.split_whitespace();
            let word = fields.next().unwrap_or_default();
            let freq = fields.next();
            if fields.next().is_some() {
                bail!(
                    "{}:{n}: expected a word and optionally its frequency (`仁爱礁 2000`), found {line:?}",
                    origin.display()
                );
            }
            if !word.chars().all(is_han) || word.chars().count() > MAX_CHARS {
                bail!(
                    "{}:{n}: {word:?} is not a Chinese word of at most {MAX_CHARS} characters (only Han characters are segmented)",
                    origin.display()
                );
            }
            let freq = match freq {
                None => None,
                Some(f) => match f.parse::<u64>() {
                    Ok(f) if (1..=1_000_000_000).contains(&f) => Some(f),
                    _ => bail!(
                        "{}:{n}: the frequency of {word} must be a whole number from 1 to 1000000000, found {f:?}",
                        origin.display()
                    ),
                },
            };
            words.insert(fold_str(word), freq);
        }
        Ok(WordList { words })
    }

    /// The user's list of the index in `dir`; empty if it has none.
    pub(crate) fn load(dir: &Path) -> Result<WordList> {
        let path = dir.join(FILE);
        match fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
                WordList::parse(&text, &path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(WordList::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Reads and checks the list in `source`.
    pub(crate) fn read(source: &Path) -> Result<WordList> {
        let text = fs::read_to_string(source)
            .with_context(|| format!("cannot read the word list {}", source.display()))?;
        WordList::parse(&text, source)
    }

    /// Checks the list in `source` and installs it in the index folder `dir` (atomically: a
    /// reader sees the old list or the new one).
    pub(crate) fn install(source: &Path, dir: &Path) -> Result<WordList> {
        crate::list_file::install(source, dir, FILE, "the word list", |text| {
            WordList::parse(text, source)
        })
    }

    /// The words with their frequency if given, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, Option<u64>)> {
        self.words.iter().map(|(w, f)| (w.as_str(), *f))
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// What the index records of the list: empty for no list, else a hash of its words and
    /// frequencies (comments and order do not count).
    pub(crate) fn fingerprint(&self) -> String {
        if self.words.is_empty() {
            return String::new();
        }
        let mut canonical = String::new();
        for (word, freq) in &self.words {
            canonical.push_str(word);
            canonical.push('\t');
            if let Some(f) = freq {
                canonical.push_str(&f.to_string());
            }
            canonical.push('\n');
        }
        format!("{:016x}", xxh3_64(canonical.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<WordList> {
        WordList::parse(text, Path::new("words.txt"))
    }

    #[test]
    fn test_the_shipped_list_parses_and_is_large() {
        let text = include_str!("../../data/segmentation/briefing-words.txt");
        let list = WordList::parse(text, Path::new("briefing-words.txt")).expect("valid list");
        assert!(list.len() >= 500, "{}", list.len());
        assert_eq!(WordList::shipped(), &list);
        for word in [
            "中美",
            "元首",
            "两国元首",
            "仁爱礁",
            "上合组织",
            "一个中国",
            "毛宁",
        ] {
            assert!(list.words.contains_key(word), "{word}");
        }
    }

    #[test]
    fn test_words_frequencies_comments_and_folding() {
        let list = parse("# mine\n\n仁爱礁\n中美元首 3000 # a pair\n\u{feff}臺灣海峽\n")
            .expect("valid list");
        let words: Vec<(&str, Option<u64>)> = list.iter().collect();
        assert_eq!(
            words,
            [
                ("中美元首", Some(3000)),
                ("仁爱礁", None),
                ("台湾海峡", None)
            ]
        );
        assert_eq!(
            list.fingerprint(),
            parse("台湾海峡\n仁爱礁\n中美元首 3000")
                .expect("valid")
                .fingerprint()
        );
        assert_ne!(
            list.fingerprint(),
            parse("仁爱礁").expect("valid").fingerprint()
        );
        assert_eq!(WordList::default().fingerprint(), "");
    }

    #[test]
    fn test_errors_name_the_file_and_line() {
        let e = parse("仁爱礁\nRCEP\n").expect_err("not Han");
        assert!(e.to_string().starts_with("words.txt:2:"), "{e}");
        let e = parse("仁爱礁 many\n").expect_err("bad frequency");
        assert!(e.to_string().starts_with("words.txt:1:"), "{e}");
        let e = parse("仁爱礁 10 20\n").expect_err("three fields");
        assert!(e.to_string().starts_with("words.txt:1:"), "{e}");
        let e = parse("仁爱礁 0\n").expect_err("zero");
        assert!(e.to_string().contains("frequency"), "{e}");
    }

    #[test]
    fn test_install_checks_the_list_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(WordList::load(dir.path()).expect("no list").is_empty());
        let source = dir.path().join("mine.txt");
        fs::write(&source, "仁爱礁\n").expect("write");
        WordList::install(&source, dir.path()).expect("installed");
        assert_eq!(WordList::load(dir.path()).expect("list").len(), 1);
        fs::write(&source, "RCEP\n").expect("write");
        assert!(WordList::install(&source, dir.path()).is_err());
        assert_eq!(WordList::load(dir.path()).expect("list").len(), 1);
    }
}
