//! Lists a user installs in an index folder (the word list, speaker aliases, synonyms, the
//! lexicon): read and checked first, then written beside the installed one and renamed over
//! it, so that a reader sees the old list or the new one and a bad list changes nothing.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Reads the list in `source` (`what` names it in errors: "the word list"), checks it with
/// `parse`, and installs its text in the index folder `dir` as `file`.
pub(crate) fn install<T>(
    source: &Path,
    dir: &Path,
    file: &str,
    what: &str,
    parse: impl FnOnce(&str) -> Result<T>,
) -> Result<T> {
    let text = fs::read_to_string(source)
        .with_context(|| format!("cannot read {what} {}", source.display()))?;
    let list = parse(&text)?;
    let target = dir.join(file);
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
    let tmp = dir.join(format!("{file}.tmp"));
    fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| fs::rename(&tmp, &target))
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(list)
}
