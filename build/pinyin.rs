//! Build-time half of the pinyin readings of Han characters (`src/script/pinyin.rs`): asks the
//! `pinyin` crate (a build dependency only) for the usual reading and every reading of each
//! character, without tones, and writes them to OUT_DIR as tables of integers and one string.
//! Linked as the crate's own tables of string slices, the readings cost every process a
//! relocation per entry when it starts (some 40,000, and a page fault per 4 KiB of them);
//! integers need none.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use ::pinyin::{ToPinyin, ToPinyinMulti};

pub fn build(out: &Path) {
    println!("cargo::rerun-if-changed=build/pinyin.rs");
    let mut text = String::new();
    let mut at: HashMap<&'static str, u16> = HashMap::new();
    let mut spans: Vec<(u16, u8)> = Vec::new();
    let mut id = |reading: &'static str| -> u16 {
        *at.entry(reading).or_insert_with(|| {
            spans.push((text.len() as u16, reading.len() as u8));
            text.push_str(reading);
            (spans.len() - 1) as u16
        })
    };
    // Per character: its code point, its usual reading (u16::MAX: none), and where its
    // readings start in LISTS and how many there are.
    let mut chars: Vec<(u32, u16, u32, u8)> = Vec::new();
    let mut lists: Vec<u16> = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let usual = c.to_pinyin().map(|p| p.plain());
        let mut all: Vec<&'static str> = Vec::new();
        if let Some(multi) = c.to_pinyin_multi() {
            for p in multi {
                if !all.contains(&p.plain()) {
                    all.push(p.plain());
                }
            }
        }
        if usual.is_none() && all.is_empty() {
            continue;
        }
        let start = lists.len() as u32;
        lists.extend(all.iter().map(|&r| id(r)));
        chars.push((
            c as u32,
            usual.map_or(u16::MAX, &mut id),
            start,
            all.len() as u8,
        ));
    }
    assert!(text.len() < usize::from(u16::MAX) && chars.len() > 20_000);
    let mut rust = String::new();
    writeln!(rust, "/// Every reading, one after another.").ok();
    writeln!(rust, "const TEXT: &str = {text:?};").ok();
    writeln!(rust, "/// Each reading's offset and length in TEXT.").ok();
    writeln!(
        rust,
        "static SPANS: [(u16, u8); {}] = {spans:?};",
        spans.len()
    )
    .ok();
    writeln!(rust, "/// Readings of the characters, as indexes of SPANS.").ok();
    writeln!(rust, "static LISTS: [u16; {}] = {lists:?};", lists.len()).ok();
    writeln!(
        rust,
        "/// By code point: the usual reading (u16::MAX: none), then the start and length of \
         the character's readings in LISTS."
    )
    .ok();
    writeln!(
        rust,
        "static CHARS: [(u32, u16, u32, u8); {}] = {chars:?};",
        chars.len()
    )
    .ok();
    fs::write(out.join("pinyin.rs"), rust).expect("OUT_DIR is writable");
}
