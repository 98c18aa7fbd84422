use super::*;
use crate::index::schema;
use crate::search::query::syntax::parse;

fn built(q: &str) -> Built {
    let (_, fields) = schema::build();
    build(
        &parse(q).expect("parses"),
        &fields,
        &Analyzer::new(),
        &RankOptions::default(),
    )
    .expect("builds")
}

#[test]
fn test_unspaced_chinese_is_a_conjunction_of_words() {
    let b = built("跨境电商出口");
    let debug = format!("{:?}", b.matching);
    assert!(debug.contains("Must"), "{debug}");
    assert!(b.highlight.inner.len() >= 2, "{:?}", b.highlight);
    assert!(
        b.highlight
            .inner
            .iter()
            .all(|h| "跨境电商出口".contains(h.as_str()))
    );
}

#[test]
fn test_a_chinese_word_is_found_inside_words_and_folded() {
    let b = built("臺灣");
    assert_eq!(b.highlight.inner, ["台湾"]);
    let debug = format!("{:?}", b.matching);
    assert!(debug.contains("_台湾"), "{debug}");
}

#[test]
fn test_lower_case_words_that_spell_an_acronym() {
    let debug = format!("{:?}", built("eu").matching);
    assert!(
        debug.contains("\"EU\"") && debug.contains("\"eu\""),
        "{debug}"
    );
    let debug = format!("{:?}", built("us").matching);
    assert!(!debug.contains("\"US\""), "{debug}");
    let debug = format!("{:?}", built("U.S.").matching);
    assert!(
        debug.contains("\"US\"") && !debug.contains("\"us\""),
        "{debug}"
    );
}

#[test]
fn test_quoted_chinese_stays_one_phrase() {
    let b = built("\"海外仓监管\"");
    assert_eq!(b.highlight.han, ["海外仓监管"]);
    assert!(format!("{:?}", b.matching).contains("PhraseQuery"));
}

#[test]
fn test_english_words_are_stemmed_and_negations_not_highlighted() {
    let b = built("stabilizing -tariffs");
    assert_eq!(b.highlight.sequences, [["stabil"]]);
    assert!(!b.match_all);
}

#[test]
fn test_a_lone_chinese_character_joins_its_neighbour() {
    let b = built("促消费");
    assert_eq!(b.highlight.han, ["促消费"]);
}

fn variants(typed: &str, terms: &[&str]) -> Node {
    Node::Variants {
        field: None,
        as_typed: false,
        typed: typed.into(),
        words: terms
            .iter()
            .map(|t| Variant {
                term: t.to_string(),
                surface: t.to_string(),
                passages: 1,
            })
            .collect(),
    }
}

fn built_node(node: &Node) -> Built {
    let (_, fields) = schema::build();
    build(node, &fields, &Analyzer::new(), &RankOptions::default()).expect("builds")
}

#[test]
fn test_a_prefix_is_one_unit_of_its_words() {
    let node = Node::And(vec![
        variants("Taiw*", &["taiwan", "taiwanes"]),
        Node::Word {
            field: None,
            text: "trade".into(),
        },
    ]);
    let b = built_node(&node);
    assert_eq!(b.analysis.len(), 2);
    assert_eq!(b.analysis[0].typed, "Taiw*");
    assert_eq!(b.analysis[0].words, ["taiwan", "taiwanes"]);
    assert_eq!(
        b.analysis[0].variants.as_ref().map(Vec::len),
        Some(2),
        "the words it stands for are shown"
    );
    assert_eq!(b.highlight.sequences, [["taiwan"], ["taiwanes"], ["trade"]]);
    let debug = format!("{:?}", b.matching);
    assert!(debug.contains("DisjunctionMaxQuery"), "{debug}");
    assert!(!b.relaxed, "both units are required by default");
}

#[test]
fn test_units_keep_how_they_were_typed_for_suggestions() {
    let b = built("Fukushma eu \"bonded park\" 海关总属");
    let typed: Vec<(Option<&str>, &[String])> = b
        .analysis
        .iter()
        .map(|u| (u.spelled.as_deref(), u.around.as_slice()))
        .collect();
    assert_eq!(
        typed,
        [
            (Some("Fukushma"), &[][..]),
            (None, &[][..]),
            (None, &[][..]),
            (Some("海关"), &["海关总属".to_string()][..]),
            (Some("总属"), &["海关总属".to_string()][..]),
        ]
    );
}

#[test]
fn test_chinese_words_of_a_fuzzy_word_are_found_inside_words() {
    let node = Node::Variants {
        field: None,
        typed: "乌克栏~".into(),
        words: vec![Variant {
            term: "乌克兰".into(),
            surface: "乌克兰".into(),
            passages: 1,
        }],
        as_typed: true,
    };
    let b = built_node(&node);
    assert_eq!(b.highlight.inner, ["乌克兰"]);
    let debug = format!("{:?}", b.matching);
    assert!(
        debug.contains("_乌克") && debug.contains("_克兰"),
        "{debug}"
    );
    // A prefix's words are words alone.
    let b = built_node(&variants("乌克*", &["乌克兰"]));
    assert!(!format!("{:?}", b.matching).contains("_乌克"));
    assert_eq!(b.highlight.sequences, [["乌克兰"]]);
}

#[test]
fn test_a_prefix_of_no_word_matches_nothing_but_builds() {
    let b = built_node(&variants("Taiwx*", &[]));
    assert!(format!("{:?}", b.matching).contains("EmptyQuery"));
    assert!(b.highlight.sequences.is_empty());
    assert_eq!(
        b.analysis[0].variants.as_deref(),
        Some(&[][..]),
        "--explain shows it stands for nothing"
    );
}

#[test]
fn test_unresolved_prefix_and_fuzzy_words_are_the_word_itself() {
    // Without an index to look words up in (fuzzing, `compile`).
    assert_eq!(built("Taiwan*").highlight.sequences, [["taiwan"]]);
    assert_eq!(built("tarif~").highlight.sequences, [["tarif"]]);
}

#[test]
fn test_star_matches_all_and_punctuation_alone_is_empty() {
    assert!(built("*").match_all);
    let (_, fields) = schema::build();
    assert!(
        build(
            &parse("，。").expect("parses"),
            &fields,
            &Analyzer::new(),
            &RankOptions::default()
        )
        .is_err()
    );
}
