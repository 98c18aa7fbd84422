//! Build script: compiles jieba's dictionary into a finite-state transducer (word → frequency)
//! embedded in the binary, so that a query can be segmented exactly as jieba segments it
//! without loading the 349,000-word dictionary (about 100 ms and 35 MB) in every process.
//!
//! The dictionary is the one jieba-rs itself embeds: its `src/data/dict.txt`, found through
//! `cargo metadata` (or `BRIEFSEARCH_JIEBA_DICT`). If it cannot be found, an empty transducer is
//! written and queries fall back to loading jieba in full: slower, same results.
//!
//! It also compiles the translation dictionaries (`build/dictionaries.rs`).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "build/dictionaries.rs"]
mod dictionaries;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=BRIEFSEARCH_JIEBA_DICT");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    dictionaries::build(&manifest_dir, &out);
    let (entries, total) = match dictionary_path().and_then(|p| read_dictionary(&p)) {
        Some(found) => found,
        None => {
            println!(
                "cargo::warning=jieba's dictionary was not found: Chinese queries will load jieba in full"
            );
            (Vec::new(), 0)
        }
    };
    let mut builder = fst::MapBuilder::memory();
    for (word, freq) in &entries {
        builder
            .insert(word, *freq)
            .expect("keys are sorted and distinct");
    }
    let bytes = builder.into_inner().expect("fst builds in memory");
    fs::write(out.join("jieba_dict.fst"), bytes).expect("OUT_DIR is writable");
    fs::write(
        out.join("jieba_dict_total.rs"),
        format!("/// Sum of the frequencies of jieba's dictionary ({} words).\npub const TOTAL_FREQ: u64 = {total};\n", entries.len()),
    )
    .expect("OUT_DIR is writable");
}

/// Where jieba-rs keeps its dictionary: `BRIEFSEARCH_JIEBA_DICT`, else jieba-rs's package as
/// `cargo metadata` reports it (offline first), else the registry's copy of the locked version.
fn dictionary_path() -> Option<PathBuf> {
    if let Ok(path) = env::var("BRIEFSEARCH_JIEBA_DICT") {
        return Some(PathBuf::from(path));
    }
    let found = [true, false]
        .into_iter()
        .find_map(package_dir_from_metadata)
        .or_else(package_dir_in_registry)?;
    let path = found.join("src").join("data").join("dict.txt");
    println!("cargo::rerun-if-changed={}", path.display());
    path.is_file().then_some(path)
}

fn package_dir_from_metadata(offline: bool) -> Option<PathBuf> {
    let cargo = env::var("CARGO").ok()?;
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").ok()?;
    let target = env::var("TARGET").ok()?;
    let mut command = Command::new(cargo);
    command
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            &target,
        ])
        .current_dir(&manifest_dir);
    if offline {
        command.arg("--offline");
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let package = metadata["packages"]
        .as_array()?
        .iter()
        .find(|p| p["name"] == "jieba-rs")?;
    Some(
        Path::new(package["manifest_path"].as_str()?)
            .parent()?
            .to_path_buf(),
    )
}

/// `$CARGO_HOME/registry/src/*/jieba-rs-VERSION`, VERSION from Cargo.lock.
fn package_dir_in_registry() -> Option<PathBuf> {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").ok()?);
    let lock = fs::read_to_string(manifest_dir.join("Cargo.lock")).ok()?;
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"jieba-rs\""))?
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))?
        .trim_end_matches('"')
        .to_string();
    let home = env::var("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|_| env::var("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok()?;
    fs::read_dir(home.join("registry").join("src"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join(format!("jieba-rs-{version}")))
        .find(|p| p.is_dir())
}

/// The dictionary's words with their frequencies, sorted, and the sum of all frequencies
/// (duplicate words: the last line wins, as when jieba loads it, and all count in the sum).
fn read_dictionary(path: &Path) -> Option<(Vec<(String, u64)>, u64)> {
    let text = fs::read_to_string(path).ok()?;
    let mut words = std::collections::BTreeMap::new();
    let mut total = 0u64;
    for line in text.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u64 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        total += freq;
        words.insert(word.to_string(), freq);
    }
    (!words.is_empty()).then(|| (words.into_iter().collect(), total))
}
