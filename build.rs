//! Build script: compiles the committed translation dictionaries
//! (`data/dictionaries/*.tsv.gz`, see `build/dictionaries.rs`), the briefing lexicon
//! (`build/lexicon.rs`) and the shipped segmentation
//! vocabulary (`data/segmentation/briefing-words.txt`, see `build/words.rs`) into finite-state
//! maps in OUT_DIR, which the binary embeds. It reads files of this repository only: no network, no
//! other crate's files.

use std::env;
use std::path::PathBuf;

#[path = "build/dictionaries.rs"]
mod dictionaries;
#[path = "src/translate/keys.rs"]
mod keys;
#[path = "build/lexicon.rs"]
mod lexicon;
#[path = "build/words.rs"]
mod words;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    dictionaries::build(&manifest_dir, &out);
    lexicon::build(&manifest_dir, &out);
    words::build(&manifest_dir, &out);
}
