use super::*;
use crate::search::query::syntax::parse;

fn synonyms(analyzer: &Analyzer) -> Synonyms {
    let groups: Vec<Vec<String>> = [
        "ROK = South Korea = Republic of Korea",
        "UN = United Nations",
        "美国 = 美方",
    ]
    .iter()
    .map(|l| l.split('=').map(|s| s.trim().to_string()).collect())
    .collect();
    Synonyms::new(&groups, analyzer)
}

/// `query` expanded with the test synonyms, no dictionary, and `frequency`.
fn expanded_with(query: &str, frequency: &dyn Fn(&str) -> u64) -> Node {
    let analyzer = Analyzer::for_queries();
    let synonyms = synonyms(&analyzer);
    let expander = Expander {
        analyzer: &analyzer,
        synonyms: Some(&synonyms),
        dictionary: None,
        frequency,
    };
    expander.expand(parse(query).expect("parses"))
}

/// `query` expanded as if the index held every equivalent.
fn expanded(query: &str) -> Node {
    expanded_with(query, &|_| 1)
}

fn group(typed: &str, others: &[&str]) -> Node {
    Node::Group {
        typed: typed.into(),
        alternatives: others
            .iter()
            .map(|o| Alternative {
                text: o.to_string(),
                weight: 1.0,
                equivalence: Equivalence::Synonym,
            })
            .collect(),
    }
}

fn word(text: &str) -> Node {
    Node::Word {
        field: None,
        text: text.into(),
    }
}

#[test]
fn test_a_name_typed_as_several_words_is_one_group() {
    assert_eq!(
        expanded("republic of korea trade"),
        Node::And(vec![
            group("republic of korea", &["ROK", "South Korea"]),
            word("trade")
        ])
    );
    assert_eq!(
        expanded("ROK"),
        group("ROK", &["South Korea", "Republic of Korea"])
    );
}

#[test]
fn test_chinese_words_are_found_inside_what_was_typed() {
    assert_eq!(
        expanded("美国制裁"),
        Node::And(vec![group("美国", &["美方"]), word("制裁")])
    );
}

#[test]
fn test_phrases_fields_and_negations_stay_as_typed() {
    for q in ["\"South Korea\"", "title:ROK", "trade -ROK"] {
        let typed = parse(q).expect("parses");
        assert_eq!(expanded(q), typed, "{q}");
    }
}

#[test]
fn test_equivalents_the_index_lacks_are_left_out() {
    let in_index = |t: &str| u64::from(t == "South Korea");
    assert_eq!(
        expanded_with("ROK", &in_index),
        group("ROK", &["South Korea"])
    );
    assert_eq!(
        expanded_with("UN", &in_index),
        word("UN"),
        "no equivalent in the index: no group"
    );
}

#[test]
fn test_british_and_american_spellings() {
    assert!(spellings("labour").contains(&"labor".to_string()));
    assert!(spellings("labor").contains(&"labour".to_string()));
    assert!(spellings("defence").contains(&"defense".to_string()));
    assert!(spellings("organised").contains(&"organized".to_string()));
    assert!(spellings("travelled").contains(&"traveled".to_string()));
    assert!(spellings("centre").contains(&"center".to_string()));
    assert!(spellings("for").is_empty() && spellings("US").is_empty());
    for word in ["filled", "floor", "rolled"] {
        assert!(spellings(word).is_empty(), "{word}: {:?}", spellings(word));
    }
}

#[test]
fn test_translations_weighted_by_frequency() {
    let analyzer = Analyzer::for_queries();
    let dictionary = Dictionary::new().expect("dictionary");
    let expander = Expander {
        analyzer: &analyzer,
        synonyms: None,
        dictionary: Some(&dictionary),
        frequency: &|t| if t == "关税" { 100 } else { 1 },
    };
    let Node::Group { alternatives, .. } = expander.expand(parse("tariffs").expect("parses"))
    else {
        panic!("tariffs is translated");
    };
    assert_eq!(alternatives[0].text, "关税");
    assert_eq!(alternatives[0].weight, 1.0);
    assert!(alternatives[1..].iter().all(|a| a.weight < 0.2));
}
