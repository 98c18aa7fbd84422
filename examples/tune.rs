//! Compares analysis and ranking variants side by side on the judged query set, and writes the
//! table that the defaults were chosen by.
//!
//! ```sh
//! cargo run --release --example tune -- --out tests/relevance/TUNING.md
//! ```
//!
//! Each analysis variant (stemming, stop words, jieba's search-mode sub-words) needs its own
//! index: one is built per variant, in a temporary folder, from `corpus/` and
//! `tests/relevance/briefings/`. Ranking variants (which Chinese fields match, the boosts, how
//! many of the typed words must match) run on the default index. Every variant runs the same
//! search path as `briefsearch query`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use briefsearch::{
    AnalyzerOptions, Averages, Evaluation, JudgedSet, Matching, RankOptions, Searcher,
};

const SETS: [(&str, &str); 2] = [
    (
        "tests/relevance/queries-en.tsv",
        "tests/relevance/judgments-en.tsv",
    ),
    (
        "tests/relevance/queries-zh.tsv",
        "tests/relevance/judgments-zh.tsv",
    ),
];
const BEGIN: &str = "<!-- tables: written by examples/tune.rs -->";
const END: &str = "<!-- end of tables -->";
const CORPUS: [&str; 2] = ["corpus", "tests/relevance/briefings"];

fn main() -> Result<()> {
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            other => anyhow::bail!("unknown argument {other} (usage: tune [--out FILE])"),
        }
    }
    let pairs: Vec<(&Path, &Path)> = SETS
        .iter()
        .map(|(q, j)| (Path::new(q), Path::new(j)))
        .collect();
    let set = JudgedSet::load(&pairs)?;
    let scratch = tempfile::tempdir()?;

    let base = RankOptions::default();
    let analysis: Vec<(&str, AnalyzerOptions)> = vec![
        ("defaults", AnalyzerOptions::default()),
        (
            "no English stemming",
            AnalyzerOptions {
                stem: false,
                ..AnalyzerOptions::default()
            },
        ),
        (
            "English stop words dropped",
            AnalyzerOptions {
                stop_words: true,
                ..AnalyzerOptions::default()
            },
        ),
        (
            "jieba search-mode sub-words",
            AnalyzerOptions {
                subwords: true,
                ..AnalyzerOptions::default()
            },
        ),
    ];
    let ranking: Vec<(&str, RankOptions)> = vec![
        (
            "first-cut defaults (every word; context boost 0.2)",
            RankOptions {
                matching: Matching::All,
                fill: None,
                context_boost: 0.2,
                title_boost: 0.3,
                ..base
            },
        ),
        (
            "Chinese: jieba words only",
            RankOptions {
                bigrams: false,
                ..base
            },
        ),
        (
            "Chinese: bigrams only",
            RankOptions {
                words: false,
                ..base
            },
        ),
        (
            "bigram weight 0.25",
            RankOptions {
                bigram_boost: 0.25,
                ..base
            },
        ),
        (
            "bigram weight 1.0",
            RankOptions {
                bigram_boost: 1.0,
                ..base
            },
        ),
        (
            "no title boost",
            RankOptions {
                title_boost: 0.0,
                ..base
            },
        ),
        (
            "title boost 0.1",
            RankOptions {
                title_boost: 0.1,
                ..base
            },
        ),
        (
            "title boost 1.0",
            RankOptions {
                title_boost: 1.0,
                ..base
            },
        ),
        (
            "no question-context boost",
            RankOptions {
                context_boost: 0.0,
                ..base
            },
        ),
        (
            "question-context boost 0.2",
            RankOptions {
                context_boost: 0.2,
                ..base
            },
        ),
        (
            "question-context boost 0.5",
            RankOptions {
                context_boost: 0.5,
                ..base
            },
        ),
        (
            "question-context boost 2.0",
            RankOptions {
                context_boost: 2.0,
                ..base
            },
        ),
        (
            "proximity boost 0.5",
            RankOptions {
                proximity_boost: 0.5,
                ..base
            },
        ),
        (
            "proximity boost 1.0",
            RankOptions {
                proximity_boost: 1.0,
                ..base
            },
        ),
        (
            "proximity boost 1.0, slop 1",
            RankOptions {
                proximity_boost: 1.0,
                proximity_slop: 1,
                ..base
            },
        ),
        (
            "no length prior",
            RankOptions {
                length_prior: false,
                ..base
            },
        ),
        (
            "every word only (no fill)",
            RankOptions { fill: None, ..base },
        ),
        (
            "all but one, then any",
            RankOptions {
                matching: Matching::AllButOne,
                ..base
            },
        ),
        (
            "two thirds, then any",
            RankOptions {
                matching: Matching::TwoThirds,
                ..base
            },
        ),
        (
            "any word (one tier)",
            RankOptions {
                matching: Matching::Any,
                fill: None,
                ..base
            },
        ),
    ];

    let mut rows: Vec<(String, Evaluation)> = Vec::new();
    for (i, (name, options)) in analysis.iter().enumerate() {
        let dir = scratch.path().join(format!("index-{i}"));
        build_index(&dir, *options)?;
        let searcher = Searcher::open(&dir)?;
        rows.push((
            name.to_string(),
            briefsearch::evaluate(&searcher, &set, &base)?,
        ));
        eprintln!("{name}: done");
        if i == 0 {
            for (name, ranking) in &ranking {
                rows.push((
                    name.to_string(),
                    briefsearch::evaluate(&searcher, &set, ranking)?,
                ));
                eprintln!("{name}: done");
            }
        }
    }

    let table = render(&rows, &set);
    match out {
        Some(path) => {
            // A file with the markers keeps its prose: only the tables between them change.
            let old = fs::read_to_string(&path).unwrap_or_default();
            let text = match (old.find(BEGIN), old.find(END)) {
                (Some(b), Some(e)) if b < e => {
                    format!("{}{BEGIN}\n{table}{}", &old[..b], &old[e..])
                }
                _ => table,
            };
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?
        }
        None => print!("{table}"),
    }
    Ok(())
}

fn build_index(dir: &Path, options: AnalyzerOptions) -> Result<()> {
    let paths: Vec<PathBuf> = CORPUS.iter().map(PathBuf::from).collect();
    let report = briefsearch::index_with(dir, &paths, options)?;
    anyhow::ensure!(report.skipped.is_empty(), "skipped: {:?}", report.skipped);
    Ok(())
}

fn render(rows: &[(String, Evaluation)], set: &JudgedSet) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Variant | MRR@10 | nDCG@10 | recall@10 | P@5 | en nDCG | zh nDCG | mixed nDCG | en recall | zh recall"
    );
    let _ = writeln!(s, "---|---|---|---|---|---|---|---|---|---");
    let get = |e: &Evaluation, lang: &str| e.by_lang.get(lang).cloned().unwrap_or_default();
    for (name, e) in rows {
        let (en, zh, mixed) = (get(e, "en"), get(e, "zh"), get(e, "mixed"));
        let _ = writeln!(
            s,
            "{name} | {} | {} | {} | {} | {} | {} | {} | {} | {}",
            f3(e.overall.mrr),
            f3(e.overall.ndcg),
            f3(e.overall.recall),
            f3(e.overall.precision),
            f3(en.ndcg),
            f3(zh.ndcg),
            f3(mixed.ndcg),
            f3(en.recall),
            f3(zh.recall)
        );
    }
    let kinds: Vec<&String> = rows
        .first()
        .map(|(_, e)| e.by_type.keys().collect())
        .unwrap_or_default();
    type Metric = fn(&Averages) -> f64;
    let metrics: [(&str, Metric); 2] = [("nDCG@10", |a| a.ndcg), ("P@5", |a| a.precision)];
    for (metric, value) in metrics {
        let _ = writeln!(s, "\n{metric} by query type:\n");
        let _ = writeln!(
            s,
            "Variant | {}",
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(s, "---{}", "|---".repeat(kinds.len()));
        for (name, e) in rows {
            let cells: Vec<String> = kinds
                .iter()
                .map(|k| f3(e.by_type.get(*k).map_or(0.0, value)))
                .collect();
            let _ = writeln!(s, "{name} | {}", cells.join(" | "));
        }
    }
    let _ = writeln!(s, "\n{} queries.", set.queries.len());
    s
}

/// Three decimals, without a sign on zero.
fn f3(x: f64) -> String {
    format!("{:.3}", x + 0.0)
}
