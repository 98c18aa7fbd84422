//! One person, one name within a briefing.
//!
//! Transcripts spell a speaker's label differently now and then: case (`MR. KIRBY:` beside
//! `Mr. Kirby:`), slips of the keyboard (`MR. SULLIAN:` among thirty `MR. SULLIVAN:`,
//! `SECRETARY BUTTITGIEG:`), a broken honorific (`M. PSAKI:`), a title typed wrong
//! (`ACTING ADMINISTRATION SLAVITT:` beside `ACTING ADMINISTRATOR SLAVITT:`). Each variant
//! is folded into the form the briefing itself confirms: the one its title gives, else the one
//! it uses at least twice as often.
//!
//! Folding is per briefing, where the evidence is: one transcript holds both spellings, and
//! its title names its speakers. Across an archive, two people may have names one letter
//! apart, so variants that never meet in one briefing are left for `speakers` to show.

use std::collections::HashMap;

use crate::briefing::Turn;

/// Shortest name (in letters) that a one-letter difference may fold: "Rice" and "Price" are
/// two people, "Sullian" is Sullivan.
const MIN_EDIT_LETTERS: usize = 6;

/// Gives every speaker of `turns` the one name the briefing confirms for them.
pub(crate) fn fold_names(turns: &mut [Turn], title: &str) {
    let counts = name_counts(turns);
    if counts.is_empty() {
        return;
    }
    let mut map: HashMap<String, String> = case_variants(&counts);
    let folded = |name: &str, map: &HashMap<String, String>| {
        map.get(name).cloned().unwrap_or_else(|| name.to_string())
    };
    let mut merged: HashMap<String, usize> = HashMap::new();
    for (name, count) in &counts {
        *merged.entry(folded(name, &map)).or_default() += count;
    }
    let title_lower = title.to_lowercase();
    let in_title = |name: &str| contains_words(&title_lower, &name.to_lowercase());
    let title_words = title_names(title);
    let mut by_count: Vec<(&String, usize)> = merged.iter().map(|(n, c)| (n, *c)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for &(name, count) in by_count.iter().rev() {
        let better = |other: &str, other_count: usize| {
            (in_title(other) && !in_title(name)) || other_count >= 2 * count
        };
        let target = by_count
            .iter()
            .filter(|(other, _)| *other != name)
            .find(|(other, other_count)| better(other, *other_count) && is_variant(name, other))
            .map(|(other, _)| (*other).clone())
            .or_else(|| {
                (!in_title(name))
                    .then(|| {
                        title_words
                            .iter()
                            .find(|w| one_edit_apart(name, w))
                            .cloned()
                    })
                    .flatten()
            });
        if let Some(target) = target {
            for (original, _) in counts.iter() {
                if folded(original, &map) == *name {
                    map.insert(original.clone(), target.clone());
                }
            }
            map.insert(name.clone(), target);
        }
    }
    for turn in turns.iter_mut() {
        if let Some(name) = &turn.speaker
            && let Some(canonical) = map.get(name)
            && canonical != name
        {
            turn.speaker = Some(canonical.clone());
        }
    }
}

/// How many turns each named official or moderator speaks (reporters' names are not folded).
fn name_counts(turns: &[Turn]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for turn in turns {
        if let (Some(name), None) = (&turn.speaker, &turn.outlet) {
            *counts.entry(name.clone()).or_default() += 1;
        }
    }
    counts
}

/// Names that differ only by case fold into the most used form, readable capitals first.
fn case_variants(counts: &HashMap<String, usize>) -> HashMap<String, String> {
    let mut groups: HashMap<String, Vec<(&String, usize)>> = HashMap::new();
    for (name, count) in counts {
        groups
            .entry(name.to_lowercase())
            .or_default()
            .push((name, *count));
    }
    let mut map = HashMap::new();
    for group in groups.values().filter(|g| g.len() > 1) {
        let best = group
            .iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(has_lower(a.0).cmp(&has_lower(b.0)))
                    .then(b.0.cmp(a.0))
            })
            .map(|(n, _)| (*n).clone());
        if let Some(best) = best {
            for (name, _) in group {
                map.insert((*name).clone(), best.clone());
            }
        }
    }
    map
}

fn has_lower(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// A slip for `other`: one letter apart, a stray initial before it ("S. Psaki"), or a
/// mistyped title before it ("Administration Slavitt").
fn is_variant(name: &str, other: &str) -> bool {
    if one_edit_apart(name, other) {
        return true;
    }
    let Some(prefix) = name.strip_suffix(other) else {
        return false;
    };
    !other.contains(' ')
        && prefix.ends_with(' ')
        && !prefix.trim().is_empty()
        && prefix
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == ' ')
}

fn one_edit_apart(a: &str, b: &str) -> bool {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    letters(a) >= MIN_EDIT_LETTERS
        && letters(b) >= MIN_EDIT_LETTERS
        && strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase()) == 1
}

/// Whether `haystack` holds `words` as whole words (both lower case).
fn contains_words(haystack: &str, words: &str) -> bool {
    haystack.match_indices(words).any(|(at, m)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + m.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Capitalised words of a title, which names its speakers: "… Olivia Dalton and FEMA
/// Administrator Deanne Criswell …" → Olivia, Dalton, Administrator, Deanne, Criswell.
fn title_names(title: &str) -> Vec<String> {
    title
        .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && has_lower(w))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Kind;

    fn answer(name: &str) -> Turn {
        Turn {
            speaker: Some(name.to_string()),
            role: None,
            outlet: None,
            kind: Kind::Answer,
            paragraphs: vec!["x".into()],
            answers: None,
        }
    }

    fn fold(names: &[&str], title: &str) -> Vec<String> {
        let mut turns: Vec<Turn> = names.iter().map(|n| answer(n)).collect();
        fold_names(&mut turns, title);
        turns.into_iter().filter_map(|t| t.speaker).collect()
    }

    #[test]
    fn test_case_variants_fold_into_one_name() {
        assert_eq!(
            fold(&["Kirby", "KIRBY", "Kirby", "Jean-Pierre"], ""),
            ["Kirby", "Kirby", "Kirby", "Jean-Pierre"]
        );
    }

    #[test]
    fn test_a_rare_slip_folds_into_the_frequent_spelling() {
        let names = ["Sullivan", "Sullivan", "Sullian", "Sullivan", "Jean-Pierre"];
        assert_eq!(
            fold(&names, ""),
            [
                "Sullivan",
                "Sullivan",
                "Sullivan",
                "Sullivan",
                "Jean-Pierre"
            ]
        );
    }

    #[test]
    fn test_the_title_decides_between_two_spellings() {
        let names = ["Berstein", "Bernstein", "Berstein", "Berstein", "Bernstein"];
        assert!(
            fold(
                &names,
                "Press Briefing by Press Secretary and Chair Jared Bernstein"
            )
            .iter()
            .all(|n| n == "Bernstein")
        );
        assert_eq!(
            fold(&["Daloton", "Jean-Pierre"], "Press Gaggle by Olivia Dalton"),
            ["Dalton", "Jean-Pierre"]
        );
    }

    #[test]
    fn test_stray_initials_and_mistyped_titles_fold() {
        let mut turns: Vec<Turn> = [
            "Psaki",
            "Psaki",
            "S. Psaki",
            "Slavitt",
            "Slavitt",
            "Administration Slavitt",
        ]
        .iter()
        .map(|n| answer(n))
        .collect();
        fold_names(&mut turns, "");
        let names: Vec<&str> = turns.iter().filter_map(|t| t.speaker.as_deref()).collect();
        assert_eq!(
            names,
            ["Psaki", "Psaki", "Psaki", "Slavitt", "Slavitt", "Slavitt"]
        );
    }

    #[test]
    fn test_different_people_stay_apart() {
        assert_eq!(
            fold(&["Rice", "Price", "Price"], ""),
            ["Rice", "Price", "Price"]
        );
        assert_eq!(
            fold(
                &["Sullivan", "Sullivan", "Sullivan", "Jacobson"],
                "Briefing by Sullivan"
            ),
            ["Sullivan", "Sullivan", "Sullivan", "Jacobson"]
        );
        assert_eq!(
            fold(&["毛宁", "毛宁", "毛宇"], ""),
            ["毛宁", "毛宁", "毛宇"]
        );
    }
}
