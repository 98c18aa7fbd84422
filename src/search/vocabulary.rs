//! The values a field holds in the index (speakers, outlets), for checking what users type
//! and suggesting what they meant.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use tantivy::schema::Field;

/// Every distinct value of a raw (`STRING`) field.
pub(crate) fn values(searcher: &tantivy::Searcher, field: Field) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for reader in searcher.segment_readers() {
        let inverted = reader
            .inverted_index(field)
            .context("cannot read the term dictionary")?;
        let mut stream = inverted
            .terms()
            .stream()
            .context("cannot read the term dictionary")?;
        while let Some((key, _)) = stream.next() {
            if let Ok(value) = std::str::from_utf8(key) {
                out.insert(value.to_string());
            }
        }
    }
    Ok(out)
}

/// The values closest to `wanted` (case-insensitive), best first: those that contain it or
/// that it contains, then those spelled nearly alike.
pub(crate) fn suggest<'v>(
    wanted: &str,
    values: impl IntoIterator<Item = &'v String>,
) -> Vec<String> {
    let wanted = wanted.trim().to_lowercase();
    let mut scored: Vec<(f64, &String)> = values
        .into_iter()
        .filter_map(|v| {
            let lower = v.to_lowercase();
            let contains =
                !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower));
            let similarity = strsim::jaro_winkler(&wanted, &lower);
            let score = if contains {
                1.0 + similarity
            } else {
                similarity
            };
            (score >= 0.8).then_some((score, v))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, v)| v.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_suggestions_for_typos_and_partial_names() {
        let names: Vec<String> = ["Wu Haiping", "Lin Qiao", "Jean-Pierre", "毛宁", "华春莹"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(suggest("Wu Haipin", &names), ["Wu Haiping"]);
        assert_eq!(suggest("haiping", &names), ["Wu Haiping"]);
        assert_eq!(suggest("jean pierre", &names), ["Jean-Pierre"]);
        assert_eq!(suggest("毛", &names), ["毛宁"]);
        assert!(suggest("Zzyzx", &names).is_empty());
    }
}
