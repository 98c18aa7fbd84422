//! `briefsearch query`: search and print ranked passages, in text, JSON Lines or TSV; or
//! count them, or list their files; or run a batch of queries from stdin.

use std::io::{self, BufRead, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::Outcome;
use super::args::{FilterArgs, Format, FormatArgs, MatchArgs, SortArg, explain_empty};
use crate::briefing::Lang;
use crate::output::json::HIT_FIELDS;
use crate::output::{self, HitPrinter, Style, text::TextPrinter, tsv::TsvWriter};
use crate::search::facets::{self, Dimension};
use crate::search::hit::Via;
use crate::search::{Filters, Request, Results, Searcher, UnitSummary};

/// Fields of TSV output when `--fields` does not say.
const DEFAULT_TSV_FIELDS: &[&str] = &[
    "rank", "score", "date", "speaker", "outlet", "kind", "id", "snippet",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Grouping {
    /// The best passages of each briefing (up to 3), briefings ranked by their best passage.
    Briefing,
}

#[derive(Debug, Args)]
pub(crate) struct QueryArgs {
    /// Words, "quoted phrases", AND / OR / NOT, +word / -word, (groups), title: and speaker:
    /// fields; `*` alone matches every passage (listed in date order).
    #[arg(value_name = "QUERY", required_unless_present = "batch")]
    pub query: Option<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub matching: MatchArgs,

    /// Also search the other language: each word or phrase is translated (briefing lexicon,
    /// then the general dictionaries) and its translations searched with it; hits in the
    /// other language are marked (JSON: `via: "translation"`).
    #[arg(short = 'x', long)]
    pub cross: bool,

    /// Number of hits to show (with --group: number of briefings).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Skip the first N hits.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Score, value_name = "ORDER", allow_hyphen_values = true)]
    pub sort: SortArg,

    /// Group hits: the best passages per briefing instead of a flat list.
    #[arg(long, value_enum, value_name = "BY")]
    pub group: Option<Grouping>,

    #[command(flatten)]
    pub format: FormatArgs,

    /// Fields of TSV and JSON output, comma-separated (see schema/hit.schema.json).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<String>,

    /// Longest snippet, in characters.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub snippet_chars: usize,

    /// Only passages that match the query as typed. Without it, ranked results go on with
    /// passages that have some of the words, after all of those.
    #[arg(long)]
    pub strict: bool,

    /// Print only the number of passages that match the query as typed.
    #[arg(long, conflicts_with_all = ["files", "batch"])]
    pub count: bool,

    /// Print only the distinct source files of matching passages, one per line.
    #[arg(short = 'l', long, conflicts_with = "batch")]
    pub files: bool,

    /// With --files: separate file names with NUL (for `xargs -0`).
    #[arg(short = '0', long = "null", requires = "files")]
    pub null: bool,

    /// Under text output, also count the hits by speaker and by month.
    #[arg(long)]
    pub facets: bool,

    /// Read queries from stdin, one per line (or ID<TAB>QUERY), and print JSON Lines whose
    /// hits carry the query id.
    #[arg(long)]
    pub batch: bool,

    /// Show near-duplicate passages as hits of their own. Without it, a passage whose
    /// near-duplicate ranks higher is folded into that hit ("+N more like this").
    #[arg(long)]
    pub all: bool,

    /// Say how the query was analysed (its units: words, sub-word bigrams, segmentation,
    /// synonyms and translations with their weights) and each hit's score by part.
    #[arg(long)]
    pub explain: bool,
}

pub(super) fn run(index_dir: &Path, args: QueryArgs) -> Result<Outcome> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    if let Some(bad) = args
        .fields
        .iter()
        .find(|f| !HIT_FIELDS.contains(&f.as_str()))
    {
        bail!(
            "unknown field '{bad}' in --fields (fields are {})",
            HIT_FIELDS.join(", ")
        );
    }
    let mut searcher = Searcher::open(index_dir)?;
    searcher.set_expansion(args.matching.expansion(args.cross));
    let filters = args.filters.resolve(&searcher)?;
    if args.batch {
        return batch(&searcher, &args, filters);
    }
    let query = args.query.clone().unwrap_or_default();
    let mut stdout = io::stdout().lock();
    if args.count {
        let n = searcher.count(&query, &filters)?;
        writeln!(stdout, "{n}")?;
        return Ok(if n > 0 {
            Outcome::Found
        } else {
            Outcome::NotFound
        });
    }
    if args.files {
        return list_files(&mut stdout, &searcher, &query, &filters, args.null);
    }
    let style = args
        .format
        .resolve("query", &[Format::Text, Format::Json, Format::Tsv])?;
    let text = matches!(style, Style::Text { .. });
    let request = request(&args, query.clone(), filters.clone(), text);
    let results = searcher.search(&request)?;
    if let (Some(units), Style::Text { color }) = (&results.analysis, style) {
        output::text::analysis(&mut stdout, units, color)?;
    }
    let units = results.analysis.clone().unwrap_or_default();
    let mut printer = printer(&mut stdout, style, &args, units);
    for hit in &results.hits {
        printer.hit(hit)?;
    }
    printer.finish()?;
    drop(printer);
    if text {
        if args.facets && !results.hits.is_empty() {
            print_facets(&mut stdout, &searcher, &query, &filters)?;
        }
        if let Some(summary) = summary(&results, args.offset) {
            let _ = writeln!(io::stderr(), "\n{summary}");
        }
        if let Some((lang, n)) = searcher.other_language(&query, &filters)? {
            let language = if lang == Lang::Zh {
                "Chinese"
            } else {
                "English"
            };
            let _ = writeln!(
                io::stderr(),
                "{n} passage{} in {language} match{} the query's translation: add --cross (-x) to search them too",
                if n == 1 { "" } else { "s" },
                if n == 1 { "es" } else { "" }
            );
        }
    }
    if results.hits.is_empty() {
        explain_empty(&searcher, &query, &filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}

/// `-l`: the distinct files of the matching passages, one per line (or NUL-terminated).
fn list_files(
    out: &mut impl Write,
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
    null: bool,
) -> Result<Outcome> {
    let sources = searcher.sources(query, filters)?;
    for source in &sources {
        out.write_all(source.as_bytes())?;
        out.write_all(if null { b"\0" } else { b"\n" })?;
    }
    out.flush()?;
    if sources.is_empty() {
        explain_empty(searcher, query, filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}

/// Which hits were shown, of how many matching passages (text output, on stderr).
fn summary(results: &Results, offset: usize) -> Option<String> {
    let total = results.total.filter(|_| !results.hits.is_empty())?;
    let first = offset + 1;
    let last = offset + results.hits.len();
    let through_question = results.hits.iter().any(|h| h.via == Some(Via::Question));
    let partial = results.hits.iter().any(|h| h.partial);
    let mut line = if !through_question && !partial {
        format!("{first}–{last} of {total} matching passages")
    } else {
        let mut tiers = vec![format!(
            "{total} passage{} with every word",
            if total == 1 { "" } else { "s" }
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
    let folded: usize = results.hits.iter().map(|h| h.duplicates.len()).sum();
    if folded > 0 {
        line.push_str(&format!(
            "; {folded} near-duplicate{} folded into these (--all shows each)",
            if folded == 1 { "" } else { "s" }
        ));
    }
    Some(line)
}

fn request(args: &QueryArgs, query: String, filters: Filters, count_total: bool) -> Request {
    Request {
        query,
        filters,
        limit: args.limit,
        offset: args.offset,
        snippet_chars: args.snippet_chars.max(20),
        sort: args.sort.into(),
        per_briefing: args.group.map(|_| 3),
        count_total,
        // Groups rank briefings by their best passages: with every word, as counts do.
        fill: !args.strict && args.group.is_none(),
        collapse: !args.all,
        explain: args.explain,
    }
}

fn printer<'w, W: Write>(
    out: &'w mut W,
    style: Style,
    args: &QueryArgs,
    units: Vec<UnitSummary>,
) -> HitPrinter<&'w mut W> {
    let fields = (!args.fields.is_empty()).then(|| args.fields.clone());
    match style {
        Style::Json => HitPrinter::Json(out, fields, units),
        Style::Tsv => HitPrinter::Tsv(TsvWriter::new(
            out,
            fields.unwrap_or_else(|| DEFAULT_TSV_FIELDS.iter().map(|s| s.to_string()).collect()),
        )),
        Style::Text { color } => HitPrinter::Text(TextPrinter::new(out, color)),
        Style::Markdown => HitPrinter::Text(TextPrinter::new(out, false)),
    }
}

/// Speaker and month counts of all matching passages, under the hits.
fn print_facets(
    out: &mut impl Write,
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
) -> Result<()> {
    for by in [Dimension::Speaker, Dimension::Month] {
        let facets = facets::count(searcher, query, filters, by)?;
        writeln!(out)?;
        let rest = output::facets::text(out, &facets, 10)?;
        if rest > 0 {
            writeln!(out, "… and {rest} more")?;
        }
    }
    Ok(())
}

/// `--batch`: one query per stdin line, the index and analyzer opened once.
fn batch(searcher: &Searcher, args: &QueryArgs, filters: Filters) -> Result<Outcome> {
    let stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    let fields = (!args.fields.is_empty()).then(|| {
        let mut f = args.fields.clone();
        if !f.iter().any(|f| f == "query_id") {
            f.insert(0, "query_id".to_string());
        }
        f
    });
    let (mut found, mut failed) = (false, 0usize);
    for (n, line) in stdin.lines().enumerate() {
        let line = line.context("cannot read queries from stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let (id, query) = match line.split_once('\t') {
            Some((id, query)) => (id.to_string(), query.to_string()),
            None => ((n + 1).to_string(), line.clone()),
        };
        let results = match searcher.search(&request(args, query, filters.clone(), false)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("briefsearch: line {}: {e:#}", n + 1);
                failed += 1;
                continue;
            }
        };
        let units = results.analysis.clone().unwrap_or_default();
        let mut printer = HitPrinter::Json(&mut stdout, fields.clone(), units);
        for mut hit in results.hits {
            hit.query_id = Some(id.clone());
            printer.hit(&hit)?;
            found = true;
        }
    }
    stdout.flush()?;
    if failed > 0 {
        bail!(
            "{failed} quer{} in the batch could not be run",
            if failed == 1 { "y" } else { "ies" }
        );
    }
    Ok(if found {
        Outcome::Found
    } else {
        Outcome::NotFound
    })
}
