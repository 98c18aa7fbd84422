use tantivy_fst::Automaton;

use super::han::same_sound;
use super::*;

/// Runs `pattern` over a sorted list of words, as over a term dictionary.
fn matching(pattern: &[Allowed], words: &[&str]) -> Vec<String> {
    let automaton = HanPattern(pattern);
    words
        .iter()
        .filter(|w| {
            let mut state = automaton.start();
            for &b in w.as_bytes() {
                state = automaton.accept(&state, b);
                if !automaton.can_match(&state) {
                    return false;
                }
            }
            automaton.is_match(&state)
        })
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn test_han_patterns_match_whole_words_by_position() {
    let sound: Vec<Allowed> = "新将"
        .chars()
        .map(|c| {
            let mut set = same_sound(c);
            set.push(c);
            Allowed::of(set)
        })
        .collect();
    let words = ["新疆", "新将", "心疼", "新疆人", "新", "xinjiang", "信江"];
    assert_eq!(matching(&sound, &words), ["新疆", "新将", "信江"]);
    let one = [
        Allowed::AnyHan,
        Allowed::of(vec!['警']),
        Allowed::of(vec!['局']),
    ];
    assert_eq!(
        matching(&one, &["海警局", "公警局", "a警局", "海警", "警局"]),
        ["海警局", "公警局"]
    );
}

#[test]
fn test_same_sound_reads_every_reading_and_folds() {
    assert!(same_sound('将').contains(&'疆'));
    assert!(same_sound('疆').contains(&'将'));
    // 行 reads xing and hang.
    let hang = same_sound('行');
    assert!(hang.contains(&'航') && hang.contains(&'型'));
    // A traditional character reads as its simplified form.
    assert!(same_sound('灣').contains(&'弯'));
    assert!(!same_sound('新').contains(&'新'));
}

#[test]
fn test_auto_distance_and_case() {
    assert_eq!(auto_distance("us"), 0);
    assert_eq!(auto_distance("rcep"), 1);
    assert_eq!(auto_distance("fukushma"), 2);
    assert_eq!(like_typed("fukushima", "Fukushma"), "Fukushima");
    assert_eq!(like_typed("rcep", "RCPE"), "RCEP");
    assert_eq!(like_typed("tariff", "tarrif"), "tariff");
}

#[test]
fn test_successor_bounds_a_prefix() {
    assert_eq!(successor(b"taiw"), Some(b"taix".to_vec()));
    assert_eq!(successor(&[0x61, 0xFF]), Some(vec![0x62]));
    assert_eq!(successor(&[0xFF]), None);
}
