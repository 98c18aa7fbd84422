//! Speaker aliases: names that stand for the same person, in either script
//! (`吴海平 = Wu Haiping`), so that `--speaker` and `speaker:` match all of them.
//!
//! The list is part of the index's configuration: `aliases.txt` in the index folder, set by
//! `briefsearch index --aliases FILE` or edited by hand. It is read by every query, so a change
//! takes effect at once, without re-indexing. Format, one group per line:
//!
//! ```text
//! # comments and blank lines are ignored
//! 吴海平 = Wu Haiping
//! 毛宁 = Mao Ning = Spokesperson Mao
//! ```
//!
//! Beside the list, names can be *linked* across scripts ([`Aliases::link`]): the searcher
//! links each Chinese speaker of the index to the Latin-script forms of their name (毛宁 ↔ Mao
//! Ning), so that `--speaker` and `speaker:` find either from the other. A link is weaker than
//! a line of the list: a romanisation may be shared by two people (王毅 and 王义 are both Wang
//! Yi), so linked names are found together but counted apart, and links are not followed
//! further than one step.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::schema::name_key;

/// The file name of the list in the index folder.
pub(crate) const FILE: &str = "aliases.txt";
/// The file name, in the index folder, of the user's synonym list (`index --synonyms`): the
/// same format, groups of equivalent names, extending the list shipped with briefsearch.
pub(crate) const SYNONYMS_FILE: &str = "synonyms.txt";

/// Groups of names for one speaker each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Aliases {
    groups: Vec<Vec<String>>,
    /// A name's key (as speakers are compared: trimmed, lower case) → its group.
    group_of: HashMap<String, usize>,
    /// A name's link key ([`link_key`]) → its names in the other script.
    links: HashMap<String, Vec<String>>,
}

impl Aliases {
    /// Parses a list; `origin` names it in errors, with the line.
    pub(crate) fn parse(text: &str, origin: &Path) -> Result<Aliases> {
        let mut aliases = Aliases::default();
        let mut line_of_group: Vec<usize> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.split('#').next().unwrap_or("").trim();
            let line = line.trim_start_matches('\u{feff}');
            if line.is_empty() {
                continue;
            }
            let names: Vec<String> = line.split('=').map(|s| s.trim().to_string()).collect();
            if names.len() < 2 || names.iter().any(String::is_empty) {
                bail!(
                    "{}:{n}: expected names separated by '=' (for example `吴海平 = Wu Haiping`), found {line:?}",
                    origin.display()
                );
            }
            let group = aliases.groups.len();
            let mut kept: Vec<String> = Vec::new();
            for name in names {
                let key = name_key(&name);
                match aliases.group_of.get(&key) {
                    Some(&g) if g == group => continue,
                    Some(&g) => bail!(
                        "{}:{n}: '{name}' is already on line {}; put all the names of one speaker (or thing) on one line",
                        origin.display(),
                        line_of_group[g]
                    ),
                    None => {
                        aliases.group_of.insert(key, group);
                        kept.push(name);
                    }
                }
            }
            aliases.groups.push(kept);
            line_of_group.push(n);
        }
        Ok(aliases)
    }

    /// The list of the index in `dir`; empty if it has none.
    pub(crate) fn load(dir: &Path) -> Result<Aliases> {
        Aliases::load_file(dir, FILE)
    }

    /// The list kept as `file` in the index folder `dir` (the alias list, the synonym list);
    /// empty if there is none.
    pub(crate) fn load_file(dir: &Path, file: &str) -> Result<Aliases> {
        let path = dir.join(file);
        match fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
                Aliases::parse(&text, &path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Aliases::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Reads and checks the list in `source`, then installs it in the index folder `dir`
    /// (atomically: a reader sees the old list or the new one).
    pub(crate) fn install(source: &Path, dir: &Path) -> Result<Aliases> {
        Aliases::install_as(source, dir, FILE)
    }

    /// Like [`Aliases::install`], as `file` of the index folder.
    pub(crate) fn install_as(source: &Path, dir: &Path, file: &str) -> Result<Aliases> {
        crate::list_file::install(source, dir, file, "the list", |text| {
            Aliases::parse(text, source)
        })
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.links.is_empty()
    }

    /// Links `name` to `other`, its form in the other script, both ways; `keys` are further
    /// spellings under which `other` finds `name` (for a Chinese name, the keys of all its
    /// readings: `Wenbin Wang` finds 汪文斌 too).
    pub(crate) fn link(&mut self, name: &str, other: &str, keys: &[String]) {
        let mut add = |key: String, to: &str| {
            let list = self.links.entry(key).or_default();
            if !list.iter().any(|n| name_key(n) == name_key(to)) {
                list.push(to.trim().to_string());
            }
        };
        add(link_key(name), other);
        add(link_key(other), name);
        // A Latin-script name is also found by other spellings of it (`Wang Wen-bin`).
        if !crate::names::is_chinese(other) {
            add(link_key(other), other);
        }
        for key in keys {
            add(key.clone(), name);
        }
    }

    /// The names linked to `name` in the other script (see [`Aliases::link`]).
    pub(crate) fn linked(&self, name: &str) -> &[String] {
        self.links.get(&link_key(name)).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// Every name of `name`'s group (itself first), or `name` alone; then the names linked to
    /// any of them in the other script, with their own groups. A Latin-script name also gets
    /// the other Latin-script names of the Chinese names it is linked to (`Wei Zeng`: 曾蔚, and
    /// so `Zeng Wei`); a Chinese name does not get the other Chinese names of its pinyin
    /// (王毅: `Wang Yi`, not 王义).
    pub(crate) fn names(&self, name: &str) -> Vec<String> {
        let mut out = self.group(name);
        let add = |names: Vec<String>, out: &mut Vec<String>| {
            for n in names {
                if !out.iter().any(|o| name_key(o) == name_key(&n)) {
                    out.push(n);
                }
            }
        };
        let latin = !crate::names::is_chinese(name);
        for n in out.clone() {
            for linked in self.linked(&n) {
                add(self.group(linked), &mut out);
                if latin && crate::names::is_chinese(linked) {
                    for further in self.linked(linked) {
                        if !crate::names::is_chinese(further) {
                            add(self.group(further), &mut out);
                        }
                    }
                }
            }
        }
        out
    }

    /// Every name of `name`'s group in the list (itself first), or `name` alone.
    fn group(&self, name: &str) -> Vec<String> {
        match self.group_of.get(&name_key(name)) {
            Some(&g) => {
                let mut out = vec![name.trim().to_string()];
                out.extend(
                    self.groups[g]
                        .iter()
                        .filter(|n| name_key(n) != name_key(name))
                        .cloned(),
                );
                out
            }
            None => vec![name.to_string()],
        }
    }

    /// The first name of `name`'s group, if it has one.
    pub(crate) fn first_of(&self, name: &str) -> Option<String> {
        let &g = self.group_of.get(&name_key(name))?;
        self.groups[g].first().cloned()
    }
}

/// Every name of each of `names` (as `names_of` gives them), without repeats.
pub(crate) fn expand(names: &[String], names_of: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        for n in names_of(name) {
            if !out.iter().any(|o| name_key(o) == name_key(&n)) {
                out.push(n);
            }
        }
    }
    out
}

/// How linked names are looked up: a Latin-script name by its letters alone (`Wang Wen-bin`
/// is `Wang Wenbin`), a Chinese one as speakers are compared.
fn link_key(name: &str) -> String {
    if crate::names::is_chinese(name) {
        name_key(name)
    } else {
        crate::names::key(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Aliases> {
        Aliases::parse(text, Path::new("aliases.txt"))
    }

    #[test]
    fn test_groups_comments_and_case() {
        let a = parse("# officials\n\n吴海平 = Wu Haiping\n毛宁=Mao Ning = MAO NING # same\n")
            .expect("valid list");
        assert_eq!(a.groups().len(), 2);
        assert_eq!(a.names("wu haiping"), vec!["wu haiping", "吴海平"]);
        assert_eq!(a.names("毛宁"), vec!["毛宁", "Mao Ning"]);
        assert_eq!(a.names("Lin Jian"), vec!["Lin Jian"]);
        assert_eq!(
            expand(
                &["吴海平".into(), "Wu Haiping".into(), "x".into()],
                |n| a.names(n)
            ),
            vec!["吴海平", "Wu Haiping", "x"]
        );
    }

    #[test]
    fn test_linked_names_find_each_other_one_step_only() {
        let mut a = parse("毛宁 = Spokesperson Mao\n").expect("valid list");
        a.link("毛宁", "Mao Ning", &["ningmao".to_string()]);
        a.link("王毅", "Wang Yi", &[]);
        a.link("王义", "Wang Yi", &[]);
        assert_eq!(
            a.names("Mao Ning"),
            ["Mao Ning", "毛宁", "Spokesperson Mao"]
        );
        assert_eq!(
            a.names("mao-ning"),
            ["mao-ning", "毛宁", "Spokesperson Mao", "Mao Ning"],
            "another spelling finds the linked name and the spelling the index holds"
        );
        assert_eq!(
            a.names("Ning Mao"),
            ["Ning Mao", "毛宁", "Spokesperson Mao", "Mao Ning"]
        );
        assert_eq!(a.names("毛宁"), ["毛宁", "Spokesperson Mao", "Mao Ning"]);
        assert_eq!(a.names("Wang Yi"), ["Wang Yi", "王毅", "王义"]);
        assert_eq!(a.names("王毅"), ["王毅", "Wang Yi"], "not on to 王义");
        assert_eq!(
            a.first_of("Mao Ning"),
            None,
            "linked names are counted apart"
        );
    }

    #[test]
    fn test_errors_name_the_file_and_line() {
        let e = parse("吴海平 = Wu Haiping\nWu Haiping\n").expect_err("no '='");
        assert!(e.to_string().starts_with("aliases.txt:2:"), "{e}");
        let e = parse("a = \n").expect_err("empty name");
        assert!(e.to_string().starts_with("aliases.txt:1:"), "{e}");
        let e = parse("a = b\nc = A\n").expect_err("a name in two groups");
        assert!(e.to_string().contains("aliases.txt:2:"), "{e}");
        assert!(e.to_string().contains("line 1"), "{e}");
    }

    #[test]
    fn test_a_missing_list_is_empty_and_install_is_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(Aliases::load(dir.path()).expect("no list").is_empty());
        let source = dir.path().join("mine.txt");
        fs::write(&source, "吴海平 = Wu Haiping\n").expect("write");
        Aliases::install(&source, dir.path()).expect("installed");
        assert_eq!(
            Aliases::load(dir.path()).expect("list").names("吴海平"),
            vec!["吴海平", "Wu Haiping"]
        );
        fs::write(&source, "broken\n").expect("write");
        assert!(Aliases::install(&source, dir.path()).is_err());
        assert_eq!(Aliases::load(dir.path()).expect("list").groups().len(), 1);
    }
}
