//! Build-time half of the shipped briefing lexicon (`src/translate/lexicon.rs`): reads
//! `data/dictionaries/briefing-lexicon.tsv` and writes both directions (normalised English key →
//! Chinese terms, Chinese term → English renderings) as finite-state maps with a blob of
//! records in OUT_DIR, as `build/dictionaries.rs` does for the general dictionaries. English
//! keys are made by the same `normalize_en` as at run time (`src/translate/keys.rs`). A query
//! then reads the lexicon without parsing it. A unit test checks the result against the file as
//! parsed at run time.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::keys::normalize_en;
use crate::script::is_han;

pub fn build(manifest_dir: &Path, out: &Path) {
    println!("cargo::rerun-if-changed=build/lexicon.rs");
    println!("cargo::rerun-if-changed=src/translate/keys.rs");
    let path = manifest_dir.join("data/dictionaries/briefing-lexicon.tsv");
    println!("cargo::rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (part of the repository)", path.display()));
    let mut en_zh: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut zh_en: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // For names: the Chinese terms of each rendering's name key (`names::key`: `Mao Ning`,
    // `MAO Ning` and `Maoning` alike), in file order.
    let mut by_name_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t').map(str::trim);
        let zh = fields.next().unwrap_or_default();
        let en: Vec<&str> = fields.filter(|f| !f.is_empty()).collect();
        let bad = !zh.chars().any(is_han)
            || en.is_empty()
            || en
                .iter()
                .any(|e| e.chars().any(is_han) || normalize_en(e).is_empty());
        assert!(
            !bad,
            "{}:{}: not `中文<TAB>English<TAB>...`: {line:?}",
            path.display(),
            n + 1
        );
        let renderings = zh_en.entry(zh.to_string()).or_default();
        for e in en {
            push_new(renderings, e);
            push_new(by_name_key.entry(name_key(e)).or_default(), zh);
            let key = normalize_en(e);
            // As `Lexicon::insert`: a multi-word key with capitals is also found in lowercase.
            let lower = key.to_lowercase();
            if lower != key && key.contains(' ') {
                push_new(en_zh.entry(lower).or_default(), zh);
            }
            push_new(en_zh.entry(key).or_default(), zh);
        }
    }
    for (map, stem) in [
        (&en_zh, "lexicon_en_zh"),
        (&zh_en, "lexicon_zh_en"),
        (&by_name_key, "lexicon_names"),
    ] {
        let (fst, blob) = compile(map);
        fs::write(out.join(format!("{stem}.fst")), fst).expect("OUT_DIR is writable");
        fs::write(out.join(format!("{stem}.blob")), blob).expect("OUT_DIR is writable");
    }
}

/// As `names::key`: lower-case letters and digits only, ü as u.
fn name_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ü' { 'u' } else { c })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn push_new(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// Key → offset of its record (the values joined by TAB, ended by LF) in the blob.
fn compile(map: &BTreeMap<String, Vec<String>>) -> (Vec<u8>, Vec<u8>) {
    let mut blob = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, values) in map {
        builder
            .insert(key, blob.len() as u64)
            .expect("keys are sorted and distinct");
        blob.extend_from_slice(values.join("\t").as_bytes());
        blob.push(b'\n');
    }
    (builder.into_inner().expect("fst builds in memory"), blob)
}
