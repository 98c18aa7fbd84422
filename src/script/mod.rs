//! Character classes and normalisation shared by the tokenizers.
//!
//! Only per-character decisions live here; how characters group into tokens is the tokenizers'
//! business. [`traditional`] reads traditional characters as simplified ones.

pub(crate) mod traditional;

/// True for Han ideographs (CJK Unified Ideographs and their extensions, compatibility
/// ideographs, and the ideographic zero 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{3007}')
}

/// Folds full-width ASCII forms (ＲＣＥＰ, ２０２３, ％) to ASCII and curly apostrophes to `'`,
/// so that text typed on a Chinese keyboard matches text typed on any other.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        _ => c,
    }
}

/// A character that can be part of a Latin-script (or digit) word after folding.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_fold_full_width_forms() {
        let folded: String = "ＲＣＥＰ　２０２３％’".chars().map(fold).collect();
        assert_eq!(folded, "RCEP 2023%'");
    }

    #[test]
    fn test_han_classes() {
        assert!(is_han('稳'));
        assert!(is_han('〇'));
        assert!(!is_han('，'));
        assert!(!is_han('R'));
        assert!(!is_word_char('稳'));
        assert!(is_word_char('é'));
    }
}
