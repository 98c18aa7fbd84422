//! The Han ideograph ranges, std-only: the crate reads them as `script::is_han`, and the build
//! script compiles this file into a `script` module of its own, so there is one copy of them.

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
