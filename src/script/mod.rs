//! Character classes and normalisation shared by the tokenizers.
//!
//! Only per-character decisions live here; how characters group into tokens is the tokenizers'
//! business. Folding is character for character, so that a token's offsets always point into
//! the original text and snippets show it as written. [`traditional`] is the narrower folding
//! that label rules read transcripts with (no character that is also a simplified one in use).

pub(crate) mod pinyin;
pub(crate) mod traditional;

/// OpenCC's traditional-to-simplified character table, compiled by `build.rs` from
/// `data/script/t2s.tsv`: `T2S`, pairs sorted by the traditional character, and the
/// `OPENCC_VERSION` it was written from.
mod t2s {
    include!(concat!(env!("OUT_DIR"), "/t2s.rs"));
}

mod han;
pub(crate) use han::is_han;

/// The form a character is indexed and searched by: full-width ASCII forms (ＲＣＥＰ, ２０２３,
/// ％) become ASCII (what NFKC does to them) and curly apostrophes `'`, so that text typed on a
/// Chinese keyboard matches text typed on any other; traditional Han characters become their
/// simplified form (OpenCC's character table: 臺灣 → 台湾), so that either script finds both.
/// Folding twice changes nothing.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        c if is_han(c) => simplified(c),
        _ => c,
    }
}

/// The simplified form of a Han character (itself if it has no other).
fn simplified(c: char) -> char {
    t2s::T2S
        .binary_search_by_key(&c, |&(traditional, _)| traditional)
        .map_or(c, |i| t2s::T2S[i].1)
}

/// `text` folded character by character (see [`fold`]).
pub(crate) fn fold_str(text: &str) -> String {
    text.chars().map(fold).collect()
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
    fn test_traditional_characters_fold_to_simplified_and_folding_is_stable() {
        assert_eq!(fold_str("臺灣關於發展"), "台湾关于发展");
        assert_eq!(fold_str("台湾 著名"), "台湾 著名");
        for &(traditional, simple) in t2s::T2S {
            assert_eq!(fold(traditional), simple);
            assert_eq!(fold(simple), simple, "{traditional} → {simple} → again");
        }
        assert!(t2s::T2S.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
    }

    /// The committed table is OpenCC's: each traditional character converts, alone, to what
    /// the table says. After upgrading ferrous-opencc, run `scripts/opencc-t2s.sh`.
    #[test]
    fn test_the_table_is_opencc_character_conversion() {
        use ferrous_opencc::{OpenCC, config::BuiltinConfig};
        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
            .expect("Cargo.lock");
        let locked = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"ferrous-opencc\""))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
            .map(|v| v.trim_end_matches('"'))
            .expect("ferrous-opencc in Cargo.lock");
        assert_eq!(
            locked,
            t2s::OPENCC_VERSION,
            "data/script/t2s.tsv is from ferrous-opencc {}: run scripts/opencc-t2s.sh",
            t2s::OPENCC_VERSION
        );
        let opencc = OpenCC::from_config(BuiltinConfig::T2s).expect("OpenCC t2s");
        let mut differ = Vec::new();
        for &(traditional, simple) in t2s::T2S {
            let converted = opencc.convert(&traditional.to_string());
            // A chain (A → B → C) is followed to its end here; OpenCC takes one step.
            if converted != simple.to_string() && fold_str(&converted) != simple.to_string() {
                differ.push((traditional, simple, converted));
            }
        }
        assert!(differ.is_empty(), "{differ:?}");
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
