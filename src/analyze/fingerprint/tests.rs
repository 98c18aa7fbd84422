//! Unit tests of near-duplicate fingerprints and sketches.

use super::*;

const ANSWER: &str = "We have made our position clear on many occasions. The United States \
    should stop politicising and weaponising trade and technology issues, and stop \
    disrupting the stability of global industrial and supply chains. We will follow the \
    developments closely and firmly safeguard our rights and interests.";

const ANSWER_ZH: &str = "中方已多次就美国对华芯片出口管制表明立场。美方应当停止将经贸科技问题\
    政治化、工具化、武器化，停止扰乱全球产供链稳定。中方将密切关注有关动向，坚定维护自身权益。";

fn fingerprint(text: &str) -> Fingerprint {
    prints(text).fingerprint
}

fn similarity(a: &str, b: &str) -> f64 {
    let a = Shingles::of(a).expect("long enough");
    let b = Shingles::of(b).expect("long enough");
    a.similarity(&b)
}

#[test]
fn test_identical_texts_are_near_duplicates_and_share_every_band() {
    assert_eq!(similarity(ANSWER, ANSWER), 1.0);
    assert_eq!(fingerprint(ANSWER), fingerprint(ANSWER));
    assert_ne!(fingerprint(ANSWER), Fingerprint::default());
    assert!(fingerprint(ANSWER).may_match(fingerprint(ANSWER)));
}

#[test]
fn test_spacing_punctuation_case_and_full_width_forms_do_not_count() {
    let respaced = ANSWER
        .replace(". ", ".  ")
        .replace(',', " ,")
        .to_uppercase();
    assert_eq!(similarity(ANSWER, &respaced), 1.0);
    assert_eq!(fingerprint(ANSWER), fingerprint(&respaced));
    assert_eq!(
        fingerprint("Ｔｈｅ ＵＳ and China met in 2023, the talks were frank and long"),
        fingerprint("The US and China met in 2023 — the talks were frank and long.")
    );
}

#[test]
fn test_a_changed_date_or_number_keeps_a_near_duplicate() {
    let dated = |date: &str, n: &str| {
        format!("On {date}, the Ministry answered {n} questions on export controls. {ANSWER}")
    };
    let a = dated("October 16", "12");
    let b = dated("November 17", "14");
    let s = similarity(&a, &b);
    assert!((NEAR_DUPLICATE..1.0).contains(&s), "{s}");
    assert!(fingerprint(&a).may_match(fingerprint(&b)));
    let zh_a = format!("2023年10月16日，{ANSWER_ZH}");
    let zh_b = format!("2023年11月17日，{ANSWER_ZH}");
    let s = similarity(&zh_a, &zh_b);
    assert!((NEAR_DUPLICATE..1.0).contains(&s), "{s}");
}

#[test]
fn test_different_texts_are_not_near_duplicates() {
    let other = "The President will travel to Michigan on Thursday to visit a factory that \
        builds electric vehicle batteries and to speak about jobs in the region.";
    assert!(similarity(ANSWER, other) < 0.05);
    assert!(!fingerprint(ANSWER).may_match(fingerprint(other)));
    let other_zh = "关于你提到的具体访问，建议向主管部门询问。中美就各层级对话与交往保持着沟通。";
    assert!(similarity(ANSWER_ZH, other_zh) < 0.05);
}

#[test]
fn test_the_same_formula_with_other_substance_is_not_a_near_duplicate() {
    // One name at the end of a short sentence is a different passage.
    let a = "Thank you. I will now turn things over to Doctor Fauci for the update.";
    let b = "Thank you. I will now turn things over to Doctor Murthy for the update.";
    assert!(similarity(a, b) < NEAR_DUPLICATE, "{}", similarity(a, b));
    // Two changed words in a short Chinese answer.
    let c =
        "我注意到有关报道。台湾是中国的一部分，中方坚决反对建交国同台湾进行任何形式的官方往来。";
    let d = "我注意到有关报道。香港是中国的一部分，中方坚决反对外国同香港进行任何形式的官方往来。";
    assert!(similarity(c, d) < NEAR_DUPLICATE, "{}", similarity(c, d));
}

#[test]
fn test_short_passages_get_no_fingerprint() {
    for short in [
        "Thank you.",
        "谢谢。",
        "Go ahead, Zeke.",
        "我目前没有可以发布的消息。",
    ] {
        assert_eq!(fingerprint(short), Fingerprint::default(), "{short}");
        assert!(Shingles::of(short).is_none(), "{short}");
        assert!(!fingerprint(short).may_match(fingerprint(short)));
        assert_eq!(Fingerprint::default().band_keys(), None);
    }
    // Eight words, or sixteen Han characters, are enough.
    assert_ne!(
        fingerprint("one two three four five six seven eight"),
        Fingerprint::default()
    );
    assert_eq!(
        fingerprint("one two three four five six seven"),
        Fingerprint::default()
    );
    assert_ne!(
        fingerprint("中美就各层级对话与交往保持着沟通。"),
        Fingerprint::default()
    );
}

#[test]
fn test_chinese_uses_character_shingles_and_english_word_shingles() {
    // A Chinese passage differing in one character out of 60 stays a near-duplicate; with
    // word shingles (no words to speak of) it could not be measured at all.
    let changed = ANSWER_ZH.replacen("密切", "继续", 1);
    let s = similarity(ANSWER_ZH, &changed);
    assert!((NEAR_DUPLICATE..1.0).contains(&s), "{s}");
    // The English answer and its Chinese counterpart share nothing.
    assert_eq!(similarity(ANSWER, ANSWER_ZH), 0.0);
}

#[test]
fn test_traditional_and_simplified_characters_are_one() {
    let traditional = "中方已多次就美國對華芯片出口管制表明立場。美方應當停止將經貿科技問題\
        政治化、工具化、武器化，停止擾亂全球產供鏈穩定。中方將密切關注有關動向，堅定維護自身權益。";
    assert_eq!(similarity(ANSWER_ZH, traditional), 1.0);
    assert_eq!(fingerprint(ANSWER_ZH), fingerprint(traditional));
}

#[test]
fn test_sketch_agreements_count_equal_bytes() {
    let a = Sketch([0x0102_0304_0506_0708, 0, u64::MAX, 0x8000_0000_0000_0080]);
    assert_eq!(a.agreements(a), 32);
    let b = Sketch([0x0102_0304_0506_0709, 1, 0, 0x0000_0000_0000_0080]);
    // 7 + 7 + 0 + 7 bytes equal.
    assert_eq!(b.agreements(a), 21);
    assert_eq!(Sketch([0x8080; 4]).agreements(Sketch([0x0080; 4])), 28);
    assert!(a.may_match(b));
    assert!(!Sketch([u64::MAX; 4]).may_match(Sketch::default()));
}

#[test]
fn test_sketches_of_near_duplicates_agree_and_of_unrelated_texts_do_not() {
    // Pairs of 60-word texts, the second with 0 to 9 words changed (similarity from 1 down
    // to about 0.5), and unrelated pairs that share a common formula (a few percent of
    // their shingles).
    let mut random = Random(0x5EED_0001);
    let (mut near, mut below_threshold, mut formula) = (0, 0, 0);
    for _ in 0..600 {
        let (a, b) = random.edited_pair(|r| r.below(10));
        let (pa, pb) = (prints(&a).sketch, prints(&b).sketch);
        if similarity(&a, &b) >= NEAR_DUPLICATE {
            near += 1;
            assert!(pa.may_match(pb), "{} agreements", pa.agreements(pb));
        } else {
            below_threshold += 1;
        }
        let formula_text = |random: &mut Random| {
            let own: Vec<String> = (0..50)
                .map(|_| format!("w{}", random.below(100_000)))
                .collect();
            format!("we have made our position clear {}", own.join(" "))
        };
        let (c, d) = (formula_text(&mut random), formula_text(&mut random));
        if prints(&c).sketch.may_match(prints(&d).sketch) {
            formula += 1;
        }
    }
    assert!(
        near > 200 && below_threshold > 50,
        "{near} {below_threshold}"
    );
    assert!(formula <= 3, "{formula} of 600 unrelated pairs agree");
}

#[test]
fn test_band_keys_are_tagged_by_band() {
    let keys = fingerprint(ANSWER).band_keys().expect("fingerprinted");
    for (b, key) in keys.iter().enumerate() {
        assert_eq!(key >> 32, b as u64);
    }
}

/// A small generator of pseudo-random numbers (xorshift), so that the test is the same
/// on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    /// A text of 60 words and a copy with `changes` of them (drawn after the text) replaced.
    fn edited_pair(&mut self, changes: fn(&mut Random) -> u64) -> (String, String) {
        let mut words: Vec<String> = (0..60).map(|_| format!("w{}", self.below(5000))).collect();
        let a = words.join(" ");
        for _ in 0..changes(self) {
            let at = self.below(60) as usize;
            words[at] = format!("x{}", self.below(5000));
        }
        (a, words.join(" "))
    }
}

#[test]
fn test_bands_share_as_often_as_minhash_says() {
    // Pairs of 60-word texts, the second with 1 to 12 words changed: each pair shares a
    // band with probability 1 - (1 - J²)⁴ for its similarity J, if the eight functions
    // behave as independent permutations.
    let mut random = Random(0x9E37_79B9);
    let (mut expected, mut variance, mut shared) = (0.0, 0.0, 0.0);
    for _ in 0..400 {
        let (a, b) = random.edited_pair(|r| r.below(12) + 1);
        let j = similarity(&a, &b);
        let p = 1.0 - (1.0 - j * j).powi(4);
        expected += p;
        variance += p * (1.0 - p);
        if fingerprint(&a).may_match(fingerprint(&b)) {
            shared += 1.0;
        }
    }
    let spread = 4.0 * f64::sqrt(variance) + 2.0;
    assert!(
        (shared - expected).abs() <= spread,
        "shared {shared}, expected {expected:.1} ± {spread:.1}"
    );
    // Unrelated texts share a band by chance only (4 bands of 32 bits: 1 in 2^30).
    let mut chance = 0;
    for _ in 0..2000 {
        let text = |random: &mut Random| {
            (0..30)
                .map(|_| format!("w{}", random.below(100_000)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (a, b) = (text(&mut random), text(&mut random));
        if fingerprint(&a).may_match(fingerprint(&b)) {
            chance += 1;
        }
    }
    assert_eq!(chance, 0, "{chance} of 2000 unrelated pairs share a band");
}
