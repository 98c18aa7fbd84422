//! One outlet, many spellings: `AFP`, `法新社`, `法新社记者`, `Agence France-Presse` are one outlet.
//!
//! The table ships with the binary (`data/outlets.tsv`, compiled in) and an aliases list can
//! extend it ([`Outlets::add_group`]). Lookup is by a key that ignores what differs between
//! spellings of one name and never between two names: case, spaces and punctuation, book-title
//! marks, a leading "The", a trailing 记者/記者 or "reporter", traditional characters. The
//! outlet as a transcript writes it is kept by the parser; this module only names the outlet
//! it stands for.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::script::traditional;

const TABLE: &str = include_str!("../data/outlets.tsv");

/// Canonical outlets and the keys of all their names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outlets {
    names: Vec<String>,
    by_key: HashMap<String, usize>,
}

static BUILTIN: LazyLock<Outlets> =
    LazyLock::new(|| Outlets::from_tsv(TABLE).unwrap_or_else(|e| panic!("data/outlets.tsv: {e}")));

impl Outlets {
    /// The table shipped with briefsearch (`data/outlets.tsv`).
    pub(crate) fn builtin() -> &'static Outlets {
        &BUILTIN
    }

    /// Reads a table: `canonical<TAB>English names<TAB>Chinese names`, names separated by `|`,
    /// `#` comments. Two outlets sharing a name is an error, with the line.
    pub(crate) fn from_tsv(text: &str) -> Result<Outlets, String> {
        let mut outlets = Outlets::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut columns = line.split('\t');
            let canonical = columns.next().unwrap_or("").trim();
            if canonical.is_empty() {
                return Err(format!("line {}: no canonical name", n + 1));
            }
            let id = outlets.names.len();
            outlets.names.push(canonical.to_string());
            let names = std::iter::once(canonical).chain(columns.flat_map(|c| c.split('|')));
            for name in names.map(str::trim).filter(|s| !s.is_empty()) {
                let key = key(name);
                match outlets.by_key.get(&key) {
                    Some(&other) if other != id => {
                        return Err(format!(
                            "line {}: '{name}' already names {}",
                            n + 1,
                            outlets.names[other]
                        ));
                    }
                    _ => {
                        outlets.by_key.insert(key, id);
                    }
                }
            }
        }
        Ok(outlets)
    }

    /// The canonical name of the outlet `written` stands for, if the table knows it.
    pub(crate) fn canonical(&self, written: &str) -> Option<&str> {
        self.by_key
            .get(&key(written))
            .map(|&id| self.names[id].as_str())
    }

    /// Adds names for one outlet (a line of an aliases list): they join the outlet that one of
    /// them already names, else the first becomes a new canonical outlet.
    pub(crate) fn add_group<S: AsRef<str>>(&mut self, names: &[S]) {
        let known = names
            .iter()
            .find_map(|n| self.by_key.get(&key(n.as_ref())).copied());
        let id = match (known, names.first()) {
            (Some(id), _) => id,
            (None, Some(first)) => {
                self.names.push(first.as_ref().trim().to_string());
                self.names.len() - 1
            }
            (None, None) => return,
        };
        for name in names {
            self.by_key.entry(key(name.as_ref())).or_insert(id);
        }
    }

    /// How many outlets the table holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// The name of the outlet `written` stands for: the table's canonical name, else the outlet as
/// written without a trailing 记者.
pub(crate) fn canonical_or_written(written: &str) -> String {
    Outlets::builtin()
        .canonical(written)
        .unwrap_or_else(|| without_reporter(written))
        .to_string()
}

/// An outlet as written, without the 记者/記者 ("reporter") that follows it in Chinese labels:
/// "法新社记者" → "法新社". The word names the person, never the outlet.
pub(crate) fn without_reporter(outlet: &str) -> &str {
    let mut s = outlet.trim();
    for suffix in ["记者", "記者"] {
        if let Some(rest) = s.strip_suffix(suffix)
            && !rest.trim().is_empty()
        {
            s = rest.trim_end();
        }
    }
    s
}

/// The lookup key of a name: the same for every spelling of it that the table need not list.
fn key(name: &str) -> String {
    let folded = traditional::fold(name);
    let lower: String = folded
        .chars()
        .map(|c| match c {
            // Full-width letters and digits are their ASCII forms.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut s = without_reporter(lower.trim()).to_string();
    for suffix in [" reporter", " journalist", " correspondent"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
        }
    }
    let s = s.strip_prefix("the ").unwrap_or(&s);
    s.replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(s: &str) -> Option<&'static str> {
        Outlets::builtin().canonical(s)
    }

    #[test]
    fn test_the_table_is_large_and_consistent() {
        assert!(
            Outlets::builtin().len() >= 60,
            "{}",
            Outlets::builtin().len()
        );
    }

    #[test]
    fn test_every_spelling_maps_to_one_outlet() {
        for (written, id) in [
            ("AFP", "AFP"),
            ("法新社", "AFP"),
            ("法新社记者", "AFP"),
            ("Agence France-Presse", "AFP"),
            ("agence france presse", "AFP"),
            ("Reuters", "Reuters"),
            ("路透社", "Reuters"),
            ("路透社记者", "Reuters"),
            ("Bloomberg", "Bloomberg"),
            ("彭博社", "Bloomberg"),
            ("CCTV", "CCTV"),
            ("央视", "CCTV"),
            ("总台央视", "CCTV"),
            ("总台央视记者", "CCTV"),
            ("《环球时报》记者", "Global Times"),
            ("《环球时报》 记者", "Global Times"),
            ("The Globe and Mail", "The Globe and Mail"),
            ("Globe & Mail", "The Globe and Mail"),
            ("加拿大环球邮报", "The Globe and Mail"),
            ("PTI", "Press Trust of India"),
            ("NOS", "NOS"),
            ("TV Asahi", "TV Asahi"),
            ("Xinhua News Agency", "Xinhua News Agency"),
            ("新華社記者", "Xinhua News Agency"),
            ("ＡＦＰ", "AFP"),
            ("Shenzhen TV reporter", "Shenzhen TV"),
        ] {
            assert_eq!(canonical(written), Some(id), "{written}");
        }
        assert_eq!(canonical("Harbourline Weekly"), None);
        assert_eq!(canonical("记者"), None);
    }

    #[test]
    fn test_different_outlets_with_similar_names_stay_apart() {
        assert_eq!(canonical("环球时报"), Some("Global Times"));
        assert_eq!(canonical("环球报"), Some("O Globo"));
        assert_eq!(canonical("ABC News"), Some("ABC News"));
        assert_eq!(canonical("ABC"), Some("ABC (Australia)"));
    }

    #[test]
    fn test_a_table_naming_one_outlet_twice_is_refused_with_its_line() {
        let err = Outlets::from_tsv("AFP\tAgence France-Presse\n# x\nOther\tAFP\n")
            .expect_err("duplicate");
        assert!(err.starts_with("line 3:"), "{err}");
    }

    #[test]
    fn test_an_aliases_group_extends_the_table() {
        let mut outlets = Outlets::builtin().clone();
        outlets.add_group(&["AFP", "AFP TV"]);
        assert_eq!(outlets.canonical("afp tv"), Some("AFP"));
        outlets.add_group(&["Harbourline Weekly", "港湾线周刊"]);
        assert_eq!(
            outlets.canonical("港湾线周刊记者"),
            Some("Harbourline Weekly")
        );
    }

    #[test]
    fn test_the_word_reporter_is_never_part_of_an_outlet() {
        assert_eq!(without_reporter("法新社记者"), "法新社");
        assert_eq!(without_reporter("《北京日報》記者"), "《北京日報》");
        assert_eq!(without_reporter("记者"), "记者");
        assert_eq!(without_reporter("Reuters"), "Reuters");
    }
}
