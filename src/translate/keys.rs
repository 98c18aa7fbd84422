//! Keys of the translation dictionaries and lexicons: how English terms are normalised for
//! look-up. Plain `std` (and the std-only `script::is_han`): the build script compiles the
//! shipped briefing lexicon with these same functions (`build/lexicon.rs`).

use crate::script::is_han;

/// The lookup key of English text: its runs of letters and digits (full-width forms folded),
/// joined by one space, each lowercased unless it is an acronym: two or more characters, a
/// letter, and no lowercase letter (`WHO`, `US`, `G20`). So `U.S.` → `u s`,
/// `nuclear-contaminated water` → `nuclear contaminated water`, `Ren'ai` → `ren ai`.
/// `scripts/dictionaries/prepare.py` (`en_key`) writes the dictionary's keys the same way.
pub(crate) fn normalize_en(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric() && !is_han(c)
        };
        if word_char {
            run.push(c);
        } else {
            push_run(&mut key, &mut run);
        }
    }
    push_run(&mut key, &mut run);
    key
}

/// Appends a run of letters and digits to a key, lowercased unless it is an acronym.
fn push_run(key: &mut String, run: &mut String) {
    if run.is_empty() {
        return;
    }
    if !key.is_empty() {
        key.push(' ');
    }
    let acronym = run.chars().nth(1).is_some()
        && run.chars().any(char::is_alphabetic)
        && !run.chars().any(char::is_lowercase);
    if acronym {
        key.push_str(run);
    } else if run.is_ascii() {
        key.extend(run.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        key.extend(run.chars().flat_map(char::to_lowercase));
    }
    run.clear();
}
