//! Build-time half of the traditional-to-simplified character table (`src/script/mod.rs`):
//! turns the committed `data/script/t2s.tsv` (written by `scripts/opencc-t2s.sh`) into a
//! sorted static slice in OUT_DIR, which the binary includes and searches by bisection.
//!
//! The file: comment lines starting with `#`, one of them `# ferrous-opencc VERSION` (the
//! release the table was written from, which a unit test checks against Cargo.lock); then one
//! pair a line, a traditional character, TAB, its simplified form, sorted by the former.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const VERSION_PREFIX: &str = "# ferrous-opencc ";

pub fn build(manifest_dir: &Path, out: &Path) {
    println!("cargo::rerun-if-changed=build/t2s.rs");
    let path = manifest_dir.join("data").join("script").join("t2s.tsv");
    println!("cargo::rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read it as UTF-8: {e}", path.display()));
    let code = compile(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fs::write(out.join("t2s.rs"), code).expect("OUT_DIR is writable");
}

/// The Rust items of the table, or what is wrong with the file.
fn compile(text: &str) -> Result<String, String> {
    let mut version = None;
    let mut pairs: Vec<(char, char)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            if let Some(v) = line.strip_prefix(VERSION_PREFIX) {
                version = Some(v.trim().to_string());
            }
            continue;
        }
        let pair = line
            .split_once('\t')
            .and_then(|(from, to)| Some((single(from)?, single(to)?)))
            .ok_or_else(|| format!("line {}: not two characters separated by TAB", n + 1))?;
        if pairs.last().is_some_and(|last| last.0 >= pair.0) {
            return Err(format!("line {}: not sorted by the first character", n + 1));
        }
        pairs.push(pair);
    }
    let version = version.ok_or_else(|| format!("no `{VERSION_PREFIX}…` line"))?;
    let mut code = String::new();
    code.push_str("/// The ferrous-opencc release whose dictionary the table was written from.\n");
    code.push_str("#[cfg(test)]\n");
    let _ = writeln!(code, "pub(super) const OPENCC_VERSION: &str = {version:?};");
    code.push_str(
        "\n/// Traditional characters and their simplified form, sorted by the former.\n",
    );
    code.push_str("pub(super) static T2S: &[(char, char)] = &[\n");
    for (from, to) in pairs {
        let _ = writeln!(code, "    ({from:?}, {to:?}),");
    }
    code.push_str("];\n");
    Ok(code)
}

/// The one character of `s`, if it is one.
fn single(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}
