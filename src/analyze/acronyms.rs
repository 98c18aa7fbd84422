//! Acronyms that must not be taken for the English word they spell: `US`, `U.S.` and `USA` are
//! the United States, not the pronoun "us"; `IT` is not "it", `WHO` not "who", `AI` not the
//! name Ai.
//!
//! Such a word is indexed and searched as a token of its own, written in capitals (`US`), which
//! no other token can be: every other word token is lower-cased. Case decides, as a reader
//! decides: `US` and `U.S.` are the acronym, `us` and `Us` the word. Dots mark an acronym
//! whatever the case (`u.s.` too). Capitals alone do not, where the text around is in capitals
//! too (a heading, or shouting: `LET US KNOW`): there a word is an acronym only with its dots.
//!
//! A query typed in lower case means the word; where the lower-case spelling is no English word
//! (`usa`, `un`, `eu`, `ai`) it also finds the acronym (see [`for_lower_case`]).

/// Each acronym: the token it is indexed as, then every spelling (capitals, without dots) that
/// stands for it; and whether its lower-case spelling is an English word.
const ACRONYMS: &[(&str, &[&str], bool)] = &[
    ("US", &["US", "USA"], true),
    ("UN", &["UN"], false),
    ("EU", &["EU"], false),
    ("IT", &["IT"], true),
    ("WHO", &["WHO"], true),
    ("AI", &["AI"], false),
];

/// The acronym token for `letters` (the letters of a word, without dots, in capitals), if it
/// is one of the acronyms.
pub(super) fn token_for(letters: &str) -> Option<&'static str> {
    ACRONYMS
        .iter()
        .find(|(_, spellings, _)| spellings.contains(&letters))
        .map(|&(token, _, _)| token)
}

/// For a query word typed in lower case, the acronym it also stands for, when its spelling is
/// no English word of its own (`usa` → `US`, `eu` → `EU`; `us` → none: that is the pronoun).
pub(crate) fn for_lower_case(typed: &str) -> Option<&'static str> {
    if typed.is_empty() || typed.chars().any(|c| !c.is_ascii_lowercase()) {
        return None;
    }
    let upper = typed.to_ascii_uppercase();
    ACRONYMS
        .iter()
        .find(|(_, spellings, _)| spellings.contains(&upper.as_str()))
        .and_then(|&(token, spellings, word)| {
            // `us` is a word; `usa` (another spelling of the same acronym) is not.
            let is_word = word && spellings.first() == Some(&upper.as_str());
            (!is_word).then_some(token)
        })
}

/// A word written in capitals: two or more letters, none in lower case.
pub(super) fn is_capitals(word: &[char]) -> bool {
    word.len() >= 2 && word.iter().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Longest spelling, in characters: longer capital words need no look-up.
pub(super) const MAX_LETTERS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_spellings_give_one_token() {
        assert_eq!(token_for("US"), Some("US"));
        assert_eq!(token_for("USA"), Some("US"));
        assert_eq!(token_for("WHO"), Some("WHO"));
        assert_eq!(token_for("NATO"), None);
        assert!(
            ACRONYMS
                .iter()
                .flat_map(|a| a.1.iter())
                .all(|s| s.chars().count() <= MAX_LETTERS)
        );
    }

    #[test]
    fn test_lower_case_means_the_word_unless_there_is_none() {
        assert_eq!(for_lower_case("us"), None);
        assert_eq!(for_lower_case("it"), None);
        assert_eq!(for_lower_case("who"), None);
        assert_eq!(for_lower_case("usa"), Some("US"));
        assert_eq!(for_lower_case("eu"), Some("EU"));
        assert_eq!(for_lower_case("ai"), Some("AI"));
        assert_eq!(for_lower_case("un"), Some("UN"));
        assert_eq!(for_lower_case("Ai"), None);
        assert_eq!(for_lower_case("nato"), None);
    }
}
