//! What text hits say under them, on stderr: which were shown of how many, and how many
//! passages of the other language the query's translation finds (the hint, counted on another
//! core while the hits are ranked).

use std::io::{self, Write};

use anyhow::Result;

use crate::briefing::Lang;
use crate::output::plural;
use crate::search::hit::Via;
use crate::search::{Request, Results, Searcher};

/// The other language and how many of its passages the query's translation finds, if any.
pub(super) type Hint = Option<(Lang, usize)>;

/// The hits of `request`, and with `hint` what the footer of text hits says of the other
/// language: it does not depend on the hits, so it is counted on another core meanwhile.
pub(super) fn search_with_hint(
    searcher: &Searcher,
    request: &Request,
    hint: bool,
) -> (Result<Results>, Option<Result<Hint>>) {
    std::thread::scope(|scope| {
        let other =
            hint.then(|| scope.spawn(|| searcher.other_language(&request.query, &request.filters)));
        let results = searcher.search(request);
        let other = other.map(crate::search::joined);
        (results, other)
    })
}

/// Under text hits, on stderr: how many matched, and how many passages of the other language
/// the query's translation would find.
pub(super) fn text_footer(
    results: &Results,
    offset: usize,
    other_language: Result<Hint>,
) -> Result<()> {
    if let Some(summary) = summary(results, offset) {
        let _ = writeln!(io::stderr(), "\n{summary}");
    }
    if let Some((lang, n)) = other_language? {
        let language = if lang == Lang::Zh {
            "Chinese"
        } else {
            "English"
        };
        let _ = writeln!(
            io::stderr(),
            "{} in {language} match{} the query's translation: add --cross (-x) to search them too",
            plural(n, "passage", "passages"),
            if n == 1 { "es" } else { "" }
        );
    }
    Ok(())
}

/// Which hits were shown, of how many matching passages (text output, on stderr).
fn summary(results: &Results, offset: usize) -> Option<String> {
    let total = results.total.filter(|_| !results.hits.is_empty())?;
    let first = offset + 1;
    let last = offset + results.hits.len();
    let through_question = results.hits.iter().any(|h| h.via == Some(Via::Question));
    let partial = results.hits.iter().any(|h| h.partial);
    let mut line = if !through_question && !partial {
        format!(
            "{first}–{last} of {}",
            plural(total, "matching passage", "matching passages")
        )
    } else {
        let mut tiers = vec![format!(
            "{} with every word",
            plural(total, "passage", "passages")
        )];
        if through_question {
            tiers.push("answers to questions with them".into());
        }
        if partial {
            tiers.push("passages with some of them".into());
        }
        let strict = if tiers.len() == 2 { "former" } else { "first" };
        format!(
            "{first}–{last}: {} (--strict: only the {strict})",
            tiers.join(", then ")
        )
    };
    line.push_str(&through_counterpart(results));
    let folded: usize = results.hits.iter().map(|h| h.duplicates.len()).sum();
    if folded > 0 {
        line.push_str(&format!(
            "; {} folded into these (--all shows each)",
            plural(folded, "near-duplicate", "near-duplicates")
        ));
    }
    Some(line)
}

/// With `--cross`, how many of the hits shown were reached through their counterpart (they
/// are not counted among the matching passages).
fn through_counterpart(results: &Results) -> String {
    match results
        .hits
        .iter()
        .filter(|h| h.via == Some(Via::Counterpart))
        .count()
    {
        0 => String::new(),
        1 => " (1 shown reached through its counterpart, not counted)".into(),
        n => format!(" ({n} shown reached through their counterpart, not counted)"),
    }
}
