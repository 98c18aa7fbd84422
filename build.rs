//! Build script: compiles committed data into OUT_DIR, which the binary embeds: the translation
//! dictionaries (`data/dictionaries/*.tsv.gz`, see `build/dictionaries.rs`) and the briefing
//! lexicon (`build/lexicon.rs`) into finite-state maps, the shipped segmentation vocabulary
//! (`data/segmentation/briefing-words.txt`, with the frequencies jieba gives its words; see
//! `build/words.rs`) into a finite-state map, and the traditional-to-simplified character table
//! (`data/script/t2s.tsv`) into a Rust table (see `build/t2s.rs`), and the pinyin readings of Han
//! characters, from the `pinyin` crate, into tables of integers (see `build/pinyin.rs`). It
//! reads files of this repository and build dependencies only: no network. On Linux it also
//! links the binary at a fixed address (see `link_at_a_fixed_address`).

use std::env;
use std::path::PathBuf;

#[path = "build/dictionaries.rs"]
mod dictionaries;
#[path = "src/script/han.rs"]
mod han;
#[path = "src/translate/keys.rs"]
mod keys;
#[path = "build/lexicon.rs"]
mod lexicon;
#[path = "build/pinyin.rs"]
mod readings;
#[path = "build/t2s.rs"]
mod t2s;
#[path = "build/words.rs"]
mod words;

/// The crate's `script::is_han`, which `keys.rs` and the lexicon reach by that path.
mod script {
    pub(crate) use crate::han::is_han;
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    link_at_a_fixed_address();
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    dictionaries::build(&manifest_dir, &out);
    lexicon::build(&manifest_dir, &out);
    readings::build(&out);
    t2s::build(&manifest_dir, &out);
    words::build(&manifest_dir, &out);
}

/// On Linux the binary is linked at a fixed address (`-no-pie`). A position-independent
/// executable has about 30,000 addresses rewritten by the loader at every start, and the
/// 650 kB of tables that hold them are copied page by page (about 190 page faults): a third of
/// a cold query that finds nothing, a tenth of a typical one (BENCHMARKS.md). Shared
/// libraries, stack and heap stay at random addresses. Packagers whose policy requires a
/// position-independent executable set `BRIEFSEARCH_PIE=1`.
fn link_at_a_fixed_address() {
    println!("cargo::rerun-if-env-changed=BRIEFSEARCH_PIE");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux && env::var_os("BRIEFSEARCH_PIE").is_none_or(|v| v.is_empty() || v == "0") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
