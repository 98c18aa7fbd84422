//! Ranking metrics over graded judgments (2 = the answer, 1 = related, 0 = not relevant).

use std::collections::HashMap;

/// 1 / rank of the first answer (grade 2) in `ranked`, 0 if none.
pub(crate) fn reciprocal_rank(ranked: &[String], grades: &HashMap<&str, u8>) -> f64 {
    ranked
        .iter()
        .position(|id| grades.get(id.as_str()) == Some(&2))
        .map_or(0.0, |i| 1.0 / (i as f64 + 1.0))
}

/// Normalised discounted cumulative gain at `k`, gain 2^grade − 1.
pub(crate) fn ndcg(ranked: &[String], grades: &HashMap<&str, u8>, k: usize) -> f64 {
    let gain = |g: u8| f64::from((1u32 << g) - 1);
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, id)| {
            gain(grades.get(id.as_str()).copied().unwrap_or(0)) / (i as f64 + 2.0).log2()
        })
        .sum();
    let mut ideal: Vec<u8> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| gain(g) / (i as f64 + 2.0).log2())
        .sum();
    if idcg == 0.0 { 0.0 } else { dcg / idcg }
}

/// Precision at `k`: the share of the first `k` hits judged relevant (grade ≥ 1), out of
/// `min(k, relevant passages)` so that a query with few relevant passages can score 1.
pub(crate) fn precision(ranked: &[String], grades: &HashMap<&str, u8>, k: usize) -> f64 {
    let relevant = grades.values().filter(|&&g| g > 0).count().min(k);
    if relevant == 0 {
        return 0.0;
    }
    ranked
        .iter()
        .take(k)
        .filter(|id| grades.get(id.as_str()).is_some_and(|&g| g > 0))
        .count() as f64
        / relevant as f64
}

/// Share of the relevant passages (grade ≥ 1) found in `ranked`.
pub(crate) fn recall(ranked: &[String], grades: &HashMap<&str, u8>) -> f64 {
    let relevant = grades.values().filter(|&&g| g > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    ranked
        .iter()
        .filter(|id| grades.get(id.as_str()).is_some_and(|&g| g > 0))
        .count() as f64
        / relevant as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn test_metrics_on_a_worked_example() {
        let grades: HashMap<&str, u8> = [("a", 2), ("b", 1), ("c", 2)].into_iter().collect();
        let ranked = ids(&["x", "a", "b", "y"]);
        assert_eq!(reciprocal_rank(&ranked, &grades), 0.5);
        assert!((recall(&ranked, &grades) - 2.0 / 3.0).abs() < 1e-12);
        // DCG = 3/log2(3) + 1/log2(4); ideal = 3/log2(2) + 3/log2(3) + 1/log2(4)
        let dcg = 3.0 / 3f64.log2() + 0.5;
        let idcg = 3.0 + 3.0 / 3f64.log2() + 0.5;
        assert!((ndcg(&ranked, &grades, 10) - dcg / idcg).abs() < 1e-12);
        assert_eq!(ndcg(&ids(&["a", "c", "b"]), &grades, 10), 1.0);
        assert_eq!(reciprocal_rank(&ids(&["y"]), &grades), 0.0);
        // Two of the first two are relevant out of min(2, 3): 0.5; all three in the top 5: 1.
        assert_eq!(precision(&ranked, &grades, 2), 0.5);
        assert_eq!(precision(&ids(&["a", "y", "b", "c"]), &grades, 5), 1.0);
        assert_eq!(precision(&ranked, &HashMap::new(), 5), 0.0);
    }
}
