//! Build-time half of the translation dictionaries (`src/translate/dictionary.rs`): turns the
//! committed `data/dictionaries/{en-zh,zh-en}.tsv.gz` into a finite-state map (key → offset)
//! and a blob of candidate lists in OUT_DIR, which the binary embeds. Reads committed files
//! only; the files themselves are made by `scripts/dictionaries/prepare.py`.
//!
//! Blob record: the candidates joined by TAB, ended by LF. Identical lists share one record,
//! and a `key<TAB>=target` line of the input points its key at the target's record. For
//! Chinese, those references (traditional headword → simplified) are also kept as a map of
//! their own, `zh_en_refs.{fst,blob}`, so that a traditional word finds the lexicon's entry for
//! its simplified form.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::Path;

/// The dictionaries, as (input file, stem of the output files, whether to keep references).
const DICTIONARIES: [(&str, &str, bool); 2] = [
    ("en-zh.tsv.gz", "en_zh", false),
    ("zh-en.tsv.gz", "zh_en", true),
];

pub fn build(manifest_dir: &Path, out: &Path) {
    println!("cargo::rerun-if-changed=build/dictionaries.rs");
    for (file, stem, keep_references) in DICTIONARIES {
        let path = manifest_dir.join("data").join("dictionaries").join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = read_gzip(&path);
        let (map, blob, references) = compile(&text, file);
        fs::write(out.join(format!("{stem}.fst")), map).expect("OUT_DIR is writable");
        fs::write(out.join(format!("{stem}.blob")), blob).expect("OUT_DIR is writable");
        if keep_references {
            let (map, blob) = references;
            fs::write(out.join(format!("{stem}_refs.fst")), map).expect("OUT_DIR is writable");
            fs::write(out.join(format!("{stem}_refs.blob")), blob).expect("OUT_DIR is writable");
        }
    }
}

fn read_gzip(path: &Path) -> String {
    let file = fs::File::open(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the file is part of the repository; scripts/dictionaries/prepare.py remakes it)",
            path.display()
        )
    });
    let mut text = String::new();
    libflate::gzip::Decoder::new(file)
        .and_then(|mut d| d.read_to_string(&mut text))
        .unwrap_or_else(|e| panic!("{}: not a gzip file of UTF-8 text: {e}", path.display()));
    text
}

type MapAndBlob = (Vec<u8>, Vec<u8>);

/// The key → record map and its blob, and the key → referenced key map and its blob.
fn compile(text: &str, file: &str) -> (Vec<u8>, Vec<u8>, MapAndBlob) {
    let mut blob = Vec::new();
    let mut records: HashMap<&str, u64> = HashMap::new();
    let mut keys: Vec<(&str, u64)> = Vec::new();
    let mut references: Vec<(&str, &str)> = Vec::new();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once('\t') else {
            continue;
        };
        if let Some(target) = rest.strip_prefix('=') {
            references.push((key, target));
            continue;
        }
        let offset = *records.entry(rest).or_insert_with(|| {
            let at = blob.len() as u64;
            blob.extend_from_slice(rest.as_bytes());
            blob.push(b'\n');
            at
        });
        keys.push((key, offset));
    }
    let direct: HashMap<&str, u64> = keys.iter().copied().collect();
    let mut targets = Vec::new();
    let mut target_keys = Vec::new();
    for (key, target) in references {
        match direct.get(target) {
            Some(&offset) => {
                keys.push((key, offset));
                target_keys.push((key, targets.len() as u64));
                targets.extend_from_slice(target.as_bytes());
                targets.push(b'\n');
            }
            None => println!("cargo::warning={file}: {key} refers to {target}, which has no entry"),
        }
    }
    (map_of(keys), blob, (map_of(target_keys), targets))
}

fn map_of(mut keys: Vec<(&str, u64)>) -> Vec<u8> {
    keys.sort_unstable();
    keys.dedup_by(|a, b| a.0 == b.0);
    let mut builder = fst::MapBuilder::memory();
    for (key, offset) in keys {
        builder
            .insert(key, offset)
            .expect("keys are sorted and distinct");
    }
    builder.into_inner().expect("fst builds in memory")
}
