use super::*;

fn scored(score: f32, doc: u32, tier: Tier) -> Scored {
    Scored {
        score,
        key: score,
        addr: DocAddress::new(0, doc),
        tier,
        via_counterpart: false,
    }
}

#[test]
fn test_counterparts_rank_by_their_match_relative_to_the_best() {
    let direct = vec![
        scored(8.0, 1, Tier::Exact),
        scored(4.0, 2, Tier::Exact),
        scored(3.0, 3, Tier::Partial),
    ];
    let reached = |score: f32, doc: u32, tier: Tier| Scored {
        via_counterpart: true,
        ..scored(score, doc, tier)
    };
    let ranked = with_counterparts(
        direct.clone(),
        vec![
            reached(20.0, 2, Tier::Exact),
            reached(15.0, 9, Tier::Exact),
            reached(1.0, 3, Tier::Partial),
            reached(30.0, 7, Tier::Partial),
        ],
        10,
    );
    let docs: Vec<u32> = ranked.iter().map(|s| s.addr.doc_id).collect();
    // 2: 0.5 + 1.0; 1: 1.0; 9: 0.75; then the partial ones: 7: 1.5, 3: 0.375 + 0.05.
    assert_eq!(docs, [2, 1, 9, 7, 3]);
    assert!(!ranked[0].via_counterpart, "found by the translation too");
    assert!(ranked[2].via_counterpart);
    assert!(
        (ranked[0].score - 12.0).abs() < 1e-4,
        "on the scale of the direct best"
    );
    assert_eq!(with_counterparts(direct.clone(), vec![], 10).len(), 3);
    assert_eq!(
        with_counterparts(direct, vec![reached(1.0, 9, Tier::Exact)], 2).len(),
        2
    );
}

#[test]
fn test_two_languages_interleave_by_relative_score_tier_by_tier() {
    let en = vec![
        scored(12.0, 1, Tier::Exact),
        scored(11.0, 2, Tier::Exact),
        scored(3.0, 3, Tier::Partial),
    ];
    let zh = vec![
        scored(30.0, 11, Tier::Exact),
        scored(10.0, 12, Tier::Exact),
        scored(20.0, 13, Tier::Partial),
    ];
    let docs: Vec<u32> = interleave(vec![en, zh], 6)
        .iter()
        .map(|s| s.addr.doc_id)
        .collect();
    // 1.0 (en), 1.0 (zh), 0.92 (en), 0.33 (zh); then the partial tier by score.
    assert_eq!(docs, [1, 11, 2, 12, 13, 3]);
}

#[test]
fn test_partial_passages_interleave_as_their_lists_ranked_them_whatever_the_lengths() {
    // Each list ranks its partial passages by score discounted by level (one with fewer
    // of the words comes after a lower score with more of them).
    let partial = |score: f32, key: f32, doc: u32| Scored {
        key,
        ..scored(score, doc, Tier::Partial)
    };
    let en = vec![
        partial(10.0, 10.0, 1),
        partial(30.0, 9.0, 2),
        partial(8.0, 8.0, 3),
    ];
    let zh = vec![partial(9.5, 9.5, 11), partial(25.0, 7.5, 12)];
    let docs = |lists: Vec<Vec<Scored>>, n: usize| -> Vec<u32> {
        interleave(lists, n).iter().map(|s| s.addr.doc_id).collect()
    };
    assert_eq!(docs(vec![en.clone(), zh.clone()], 5), [1, 11, 2, 3, 12]);
    // Lists cut shorter (as a smaller page ranks them) give a prefix of the same order.
    assert_eq!(docs(vec![en[..2].to_vec(), zh[..1].to_vec()], 2), [1, 11]);
}

#[test]
fn test_newest_first_keeps_passages_of_a_briefing_in_reading_order() {
    let key = |day: u64, briefing: u64, passage: u64| (day << 40) | (briefing << 16) | passage;
    let mut orders = [
        key(10, 7, 1),
        key(10, 7, 2),
        key(11, 3, 5),
        key(11, 3, 1),
        key(10, 9, 1),
    ];
    orders.sort_by_key(|&o| std::cmp::Reverse(newest_first_key(o)));
    assert_eq!(
        orders,
        [
            key(11, 3, 1),
            key(11, 3, 5),
            key(10, 9, 1),
            key(10, 7, 1),
            key(10, 7, 2)
        ]
    );
}

#[test]
fn test_length_prior_discounts_only_short_passages() {
    assert_eq!(length_prior(160), 1.0);
    assert_eq!(length_prior(5_000), 1.0);
    assert!(length_prior(20) < length_prior(80));
    assert!(length_prior(80) < 1.0);
    assert!(length_prior(0) > 0.0);
}
