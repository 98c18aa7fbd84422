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

use std::collections::HashMap;
use std::fs;
use std::io::Write;
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
        let text = fs::read_to_string(source)
            .with_context(|| format!("cannot read the list {}", source.display()))?;
        let aliases = Aliases::parse(&text, source)?;
        let target = dir.join(file);
        let tmp = dir.join(format!("{file}.tmp"));
        fs::File::create(&tmp)
            .and_then(|mut f| {
                f.write_all(text.as_bytes())?;
                f.sync_all()
            })
            .and_then(|()| fs::rename(&tmp, &target))
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(aliases)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub(crate) fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// Every name of `name`'s group (itself first), or `name` alone.
    pub(crate) fn names(&self, name: &str) -> Vec<String> {
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

    /// Every name of each of `names`, without repeats.
    pub(crate) fn expand(&self, names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            for n in self.names(name) {
                if !out.iter().any(|o| name_key(o) == name_key(&n)) {
                    out.push(n);
                }
            }
        }
        out
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
            a.expand(&["吴海平".into(), "Wu Haiping".into(), "x".into()]),
            vec!["吴海平", "Wu Haiping", "x"]
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
