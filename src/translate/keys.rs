//! Keys of the translation dictionaries and lexicons: how English terms are normalised for
//! look-up, and which characters are Chinese. Plain `std` only: the build script compiles the
//! shipped briefing lexicon with these same functions (`build/lexicon.rs`).

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
            c.is_alphanumeric() && !is_cjk(c)
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

/// Han ideographs: the ranges of `script::is_han`, repeated here because the build script
/// compiles this file on its own (a test checks that the two agree).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_is_cjk_agrees_with_the_script_module() {
        for c in (0..=0x3FFFF).filter_map(char::from_u32) {
            assert_eq!(is_cjk(c), crate::script::is_han(c), "{c:?}");
        }
    }
}
