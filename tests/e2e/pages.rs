//! End-to-end: a page of hits is the beginning of a longer page. Ranking goes through tiers
//! and levels, folds near-duplicates and merges two languages ranked apart; none of it may
//! depend on how many hits are asked for.

use std::path::Path;

use crate::common::{bin, corpus_index, run, str_field};

/// The ids of the first `limit` hits of `query`, each with its count of near-duplicates.
fn page(index: &Path, query: &str, limit: usize) -> Vec<(String, u64)> {
    let mut cmd = bin();
    cmd.args(["query", "--json", "--limit", &limit.to_string(), "--index"])
        .arg(index)
        .arg(query);
    let r = run(cmd);
    assert!(r.code <= 1, "{query}: {}", r.stderr);
    r.hits()
        .iter()
        .map(|h| {
            let duplicates = h["duplicates"].as_u64().unwrap_or(0);
            (str_field(h, "id").to_string(), duplicates)
        })
        .collect()
}

/// The first `short` hits of `query`, for each of `shorts`, are the first of `long` hits.
fn assert_pages_agree(index: &Path, query: &str, shorts: &[usize], long: usize) {
    let longer = page(index, query, long);
    assert!(!longer.is_empty(), "{query}: no hit");
    for &short in shorts {
        let first = page(index, query, short);
        assert_eq!(
            first,
            longer[..first.len().min(longer.len())],
            "{query}: the first {short} hits differ from the first of {long}"
        );
    }
}

#[test]
fn test_a_page_is_the_beginning_of_a_longer_page() {
    // Words of one language with no passage holding all of them (the partial levels), and
    // words of both scripts (each language ranked apart, then merged).
    for query in [
        "customs exporters clearance tariff relief floods",
        "海关 出口 企业 政策 便利",
        "customs 海关 exporters 出口",
        "intellectual property 知识产权 protection enforcement",
    ] {
        assert_pages_agree(corpus_index(), query, &[2, 5, 7], 12);
    }
}

#[test]
fn test_a_page_is_the_beginning_of_a_longer_page_on_the_real_archives() {
    let Some(archive) = crate::real::archive("pages::real") else {
        return;
    };
    for query in [
        "10家 美国企业 管控名单",
        "US naval blockade Iran Beijing steps",
        "export controls chips OR 芯片 出口管制",
        "台湾问题",
    ] {
        assert_pages_agree(&archive.index, query, &[3, 7, 10], 30);
    }
}
