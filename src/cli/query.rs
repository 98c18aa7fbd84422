//! `briefsearch query`: search and print ranked passages, in text, JSON Lines or TSV; or
//! count them, or list their files; or run a batch of queries from stdin.

use std::io::{self, BufRead, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::args::{FilterArgs, Format, FormatArgs, MatchArgs, SortArg, explain_empty};
use super::{Outcome, footer};
use crate::output::json::{self, HIT_FIELDS};
use crate::output::sanitize::for_terminal;
use crate::output::{self, HitPrinter, Style, text::TextPrinter, tsv::TsvWriter};
use crate::search::facets::{self, Dimension};
use crate::search::{Advice, Filters, Request, Searcher, UnitSummary};

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
    /// fields, prefixes (Taiw*) and words spelled nearly so (Fukushma~, ~1, ~2); `*` alone
    /// matches every passage (listed in date order).
    #[arg(value_name = "QUERY", required_unless_present = "batch")]
    pub query: Option<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub matching: MatchArgs,

    /// Also search the other language: each word or phrase is translated (briefing lexicon,
    /// then the general dictionaries) and its translations searched with it; and a passage
    /// whose version in the query's language matches the query is found through it. Hits in
    /// the other language are marked (JSON: `via: "translation"` or `"counterpart"`).
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

    /// Under the hits, also count all matching passages by speaker and by month (the 10 most
    /// frequent of each); in JSON, as lines of schema/facet.schema.json after the hits.
    #[arg(long, conflicts_with_all = ["count", "files", "batch"])]
    pub facets: bool,

    /// Under each hit of text output, show the same passage in the other language, when the
    /// index holds the English and the Chinese version of its briefing.
    #[arg(long)]
    pub parallel: bool,

    /// Read queries from stdin, one per line (or ID<TAB>QUERY), and print JSON Lines (or TSV
    /// with --tsv) whose hits carry the query id; a query without hits prints
    /// {"query_id": ID, "hits": 0} (in TSV, a row with only its query_id).
    #[arg(long)]
    pub batch: bool,

    /// Show near-duplicate passages as hits of their own. Without it, a passage whose
    /// near-duplicate ranks higher is folded into that hit ("+N more like this").
    #[arg(long)]
    pub all: bool,

    /// Say how the query was analysed (its units: words, sub-word bigrams, segmentation,
    /// synonyms and translations with their weights, the words a prefix or fuzzy word stands
    /// for) and each hit's score by part.
    #[arg(long)]
    pub explain: bool,
}

/// The arguments that can be refused before the index is opened.
fn check(args: &QueryArgs) -> Result<()> {
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
    Ok(())
}

pub(super) fn run(index_dir: &Path, args: QueryArgs) -> Result<Outcome> {
    check(&args)?;
    // Kept to the end of the process, which follows: freeing what a search has read (the
    // index's readers, the segmenter's tables, cached matches) costs more than the exit does.
    let mut opened = Searcher::open(index_dir)?;
    opened.set_expansion(args.matching.expansion(args.cross));
    let searcher: &Searcher = Box::leak(Box::new(opened));
    let filters = args.filters.resolve(searcher)?;
    if args.batch {
        return batch(searcher, &args, filters);
    }
    let query = args.query.clone().unwrap_or_default();
    let mut stdout = io::stdout().lock();
    if args.count {
        let n = searcher.count(&query, &filters)?;
        writeln!(stdout, "{n}")?;
        stdout.flush()?;
        tell(&searcher.advise(&query)?);
        if n == 0 {
            explain_empty(searcher, &query, &filters)?;
            return Ok(Outcome::NotFound);
        }
        return Ok(Outcome::Found);
    }
    if args.files {
        return list_files(&mut stdout, searcher, &query, &filters, args.null);
    }
    let style = args
        .format
        .resolve("query", &[Format::Text, Format::Json, Format::Tsv])?;
    let text = matches!(style, Style::Text { .. });
    if args.facets && style == Style::Tsv {
        bail!(
            "--facets prints under text or JSON hits, not in TSV (one table per output); for counts in TSV use `briefsearch facets QUERY --by speaker --tsv`"
        );
    }
    let mut request = request(&args, query.clone(), filters.clone(), text);
    request.counterparts = match style {
        Style::Text { .. } | Style::Markdown => args.parallel,
        Style::Json => wants_counterpart(&args.fields, true),
        Style::Tsv => wants_counterpart(&args.fields, false),
    };
    let (results, other_language) = footer::search_with_hint(searcher, &request, text);
    let results = results?;
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
    if args.facets && !results.hits.is_empty() {
        print_facets(&mut stdout, style, searcher, &query, &filters)?;
    }
    if let Some(other_language) = other_language {
        footer::text_footer(&results, args.offset, other_language)?;
    }
    tell(&results.advice);
    if results.hits.is_empty() {
        // People are told that nothing matched; scripts have the exit status.
        if text {
            say_empty(searcher, &query, &filters)?;
        } else {
            explain_empty(searcher, &query, &filters)?;
        }
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}

/// On stderr: the notices about the query's prefixes and fuzzy words, and the words its rare
/// words may be misspellings of ("Fukushma: did you mean Fukushima?").
fn tell(advice: &Advice) {
    let mut stderr = io::stderr().lock();
    for notice in &advice.notices {
        let _ = writeln!(stderr, "{}", for_terminal(notice));
    }
    for suggestion in &advice.suggestions {
        let _ = writeln!(stderr, "{}", for_terminal(&suggestion.to_string()));
    }
}

/// On stderr (text output): that nothing matched, and which filters are to blame if any.
fn say_empty(searcher: &Searcher, query: &str, filters: &Filters) -> Result<()> {
    if !explain_empty(searcher, query, filters)? {
        eprintln!("briefsearch: no passage matches the query");
    }
    Ok(())
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
    tell(&searcher.advise(query)?);
    if sources.is_empty() {
        explain_empty(searcher, query, filters)?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}

/// Whether `--fields` (or, when it is not given, the default fields) has `counterpart`, which
/// costs a look at the briefings of the hits' dates.
fn wants_counterpart(fields: &[String], by_default: bool) -> bool {
    if fields.is_empty() {
        by_default
    } else {
        fields.iter().any(|f| f == "counterpart")
    }
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
        counterparts: false,
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

/// How many values of each dimension `--facets` shows.
const FACET_VALUES: usize = 10;

/// Speaker and month counts of all matching passages, under the hits: tables in text, facet
/// lines (`schema/facet.schema.json`, told from hits by their `by` field) in JSON.
fn print_facets(
    out: &mut impl Write,
    style: Style,
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
) -> Result<()> {
    for by in [Dimension::Speaker, Dimension::Month] {
        let facets = facets::count(searcher, query, filters, by)?;
        if style == Style::Json {
            output::facets::print(out, style, &facets, FACET_VALUES)?;
            continue;
        }
        writeln!(out)?;
        let rest = output::facets::text(out, &facets, FACET_VALUES)?;
        if rest > 0 {
            writeln!(out, "… and {rest} more")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `--batch`: one query per stdin line, the index and analyzer opened once. Every query
/// leaves a trace in the output: its hits, or one record saying it had none (or failed), so
/// that a script can tell a query without hits from a query that was never run.
fn batch(searcher: &Searcher, args: &QueryArgs, filters: Filters) -> Result<Outcome> {
    let style = args
        .format
        .resolve("query --batch", &[Format::Json, Format::Tsv])?;
    let stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    let with_query_id = |mut fields: Vec<String>| {
        if !fields.iter().any(|f| f == "query_id") {
            fields.insert(0, "query_id".to_string());
        }
        fields
    };
    let mut printer = match style {
        Style::Tsv => {
            let fields = if args.fields.is_empty() {
                DEFAULT_TSV_FIELDS.iter().map(|s| s.to_string()).collect()
            } else {
                args.fields.clone()
            };
            HitPrinter::Tsv(TsvWriter::new(&mut stdout, with_query_id(fields)))
        }
        _ => HitPrinter::Json(
            &mut stdout,
            (!args.fields.is_empty()).then(|| with_query_id(args.fields.clone())),
            Vec::new(),
        ),
    };
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
        let mut request = request(args, query, filters.clone(), false);
        request.counterparts = wants_counterpart(&args.fields, true);
        let results = match searcher.search(&request) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("briefsearch: line {}: {e:#}", n + 1);
                printer.record(&json::failed_query(&id, &format!("{e:#}")))?;
                failed += 1;
                continue;
            }
        };
        if results.hits.is_empty() {
            printer.record(&json::no_hits(&id))?;
        }
        // With --explain, each query's units go with its own hits.
        if let HitPrinter::Json(_, _, units) = &mut printer {
            *units = results.analysis.clone().unwrap_or_default();
        }
        for mut hit in results.hits {
            hit.query_id = Some(id.clone());
            printer.hit(&hit)?;
            found = true;
        }
    }
    printer.finish()?;
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
