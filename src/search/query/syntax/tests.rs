use super::*;

fn word(t: &str) -> Node {
    Node::Word {
        field: None,
        text: t.into(),
    }
}

#[test]
fn test_words_are_a_conjunction_and_or_binds_looser() {
    assert_eq!(
        parse("a b").expect("ok"),
        Node::And(vec![word("a"), word("b")])
    );
    assert_eq!(
        parse("a b OR c").expect("ok"),
        Node::Or(vec![Node::And(vec![word("a"), word("b")]), word("c")])
    );
    assert_eq!(
        parse("a AND b").expect("ok"),
        Node::And(vec![
            Node::Required(Box::new(word("a"))),
            Node::Required(Box::new(word("b")))
        ])
    );
    assert_eq!(
        parse("+a").expect("ok"),
        Node::Required(Box::new(word("a")))
    );
    assert_eq!(
        parse("a -b AND c").expect("ok"),
        Node::And(vec![
            word("a"),
            Node::Not(Box::new(word("b"))),
            Node::Required(Box::new(word("c")))
        ])
    );
}

#[test]
fn test_negation_phrases_fields_and_groups() {
    assert_eq!(
        parse("RCEP -tariff NOT \"bonded park\"").expect("ok"),
        Node::And(vec![
            word("RCEP"),
            Node::Not(Box::new(word("tariff"))),
            Node::Not(Box::new(Node::Phrase {
                field: None,
                text: "bonded park".into()
            })),
        ])
    );
    assert_eq!(
        parse("speaker:\"Wu Haiping\"").expect("ok"),
        Node::Phrase {
            field: Some(QueryField::Speaker),
            text: "Wu Haiping".into()
        }
    );
    assert_eq!(
        parse("title:(customs OR 海关)").expect("ok"),
        Node::Or(vec![
            Node::Word {
                field: Some(QueryField::Title),
                text: "customs".into()
            },
            Node::Word {
                field: Some(QueryField::Title),
                text: "海关".into()
            },
        ])
    );
    assert_eq!(parse("*").expect("ok"), Node::All);
    assert_eq!(
        parse("“海外仓监管”").expect("ok"),
        Node::Phrase {
            field: None,
            text: "海外仓监管".into()
        }
    );
}

#[test]
fn test_colons_that_are_not_fields_stay_in_words() {
    assert_eq!(parse("10:40").expect("ok"), word("10:40"));
    assert_eq!(parse("COVID-19").expect("ok"), word("COVID-19"));
}

#[test]
fn test_prefixes_and_fuzzy_words() {
    assert_eq!(
        parse("Taiw*").expect("ok"),
        Node::Prefix {
            field: None,
            text: "Taiw".into()
        }
    );
    assert_eq!(
        parse("title:台＊").expect("ok"),
        Node::Prefix {
            field: Some(QueryField::Title),
            text: "台".into()
        }
    );
    assert_eq!(
        parse("Fukushma~ China's~1 新将～2").expect("ok"),
        Node::And(vec![
            Node::Fuzzy {
                field: None,
                text: "Fukushma".into(),
                distance: None
            },
            Node::Fuzzy {
                field: None,
                text: "China's".into(),
                distance: Some(1)
            },
            Node::Fuzzy {
                field: None,
                text: "新将".into(),
                distance: Some(2)
            },
        ])
    );
    // A range or a lone operator stays a word.
    assert_eq!(parse("10~20").expect("ok"), word("10~20"));
    assert_eq!(parse("~").expect("ok"), word("~"));
    assert_eq!(parse("*").expect("ok"), Node::All);
}

#[test]
fn test_bad_prefixes_and_fuzzy_words() {
    let err = |q: &str| parse(q).expect_err(q);
    assert!(err("word~3").message.contains("1 or 2 edits"));
    assert!(err("word~0").message.contains("1 or 2 edits"));
    assert_eq!(err("a Ta*iw").position, 2);
    assert!(err("*Taiw").message.contains("end of a word"));
    assert!(err("COVID-19*").message.contains("one word"));
    assert!(err("RCEP关税~").message.contains("one word"));
    assert!(err("Taiw*~").message.contains("one word"));
}

#[test]
fn test_errors_say_what_and_where() {
    let err = |q: &str| parse(q).expect_err(q);
    let e = err("RCEP \"bonded logistics");
    assert_eq!(
        (e.message.as_str(), e.column("RCEP \"bonded logistics")),
        ("unclosed quote", 6)
    );
    assert!(err("(a OR b").message.contains("unbalanced '('"));
    assert!(err("a OR b)").message.contains("unbalanced ')'"));
    assert!(err("foo:bar").message.contains("unknown field 'foo:'"));
    assert!(err("").message.contains("empty query"));
    assert!(err("   ").message.contains("empty query"));
    assert!(err("a OR").message.contains("ends where"));
    assert!(err("OR a").message.contains("AND / OR"));
    assert!(err("a\u{1b}[31m").message.contains("control character"));
    assert!(
        err(&"a ".repeat(MAX_QUERY_BYTES))
            .message
            .contains("longer than")
    );
    assert!(err(&"(".repeat(100)).message.contains("nested too deeply"));
    assert!(err("title: x").message.contains("needs a word"));
    assert!(err("()").message.contains("empty parentheses"));
}
