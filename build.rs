//! Build script: compiles the committed translation dictionaries
//! (`data/dictionaries/*.tsv.gz`) into finite-state maps in OUT_DIR, which the binary embeds
//! (see `build/dictionaries.rs`), and the traditional-to-simplified character table
//! (`data/script/t2s.tsv`) into a Rust table (see `build/t2s.rs`). It reads files of this
//! repository only: no network, no other crate's files.

use std::env;
use std::path::PathBuf;

#[path = "build/dictionaries.rs"]
mod dictionaries;
#[path = "build/t2s.rs"]
mod t2s;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    dictionaries::build(&manifest_dir, &out);
    t2s::build(&manifest_dir, &out);
}
