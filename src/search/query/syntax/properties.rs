use super::*;
use crate::analyze::Analyzer;
use crate::index::schema;
use proptest::prelude::*;

fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,8}",
        "[\u{4E00}-\u{9FA5}]{1,6}",
        Just("AND".to_string()),
        Just("OR".to_string()),
        Just("NOT".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\"".to_string()),
        Just("*".to_string()),
        Just("~".to_string()),
        Just("~2".to_string()),
        Just("title:".to_string()),
        Just("speaker:".to_string()),
        "[+-]",
        "[ \t]{1,2}",
        "[，。：“”（）]",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..25).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_query_parses_or_fails_with_a_position_inside_it(q in query_text()) {
        static ANALYZER: std::sync::LazyLock<Analyzer> = std::sync::LazyLock::new(Analyzer::new);
        let (_, fields) = schema::build();
        match parse(&q) {
            Ok(node) => {
                let _ = crate::search::query::build::build(&node, &fields, &ANALYZER, &Default::default());
            }
            Err(e) => {
                prop_assert!(e.position <= q.len());
                prop_assert!(!e.message.is_empty());
                prop_assert!(e.column(&q) >= 1);
            }
        }
    }
}
