//! `briefsearch query`: search and print ranked passages.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;

use super::{ColorChoice, Outcome};
use crate::briefing::Lang;
use crate::date::Period;
use crate::output::{Printer, json::JsonPrinter, text::TextPrinter};
use crate::search::{Filters, Request, Searcher};

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Words, "quoted phrases", AND / OR / NOT, +word / -word, (groups), title: and speaker:
    /// fields; `*` alone matches every passage (listed in date order).
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Only passages by this speaker (canonical name, any case); repeat for any of several.
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only briefings on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub since: Option<Period>,

    /// Only briefings on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub until: Option<Period>,

    /// Only briefings in this language.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,

    /// Number of hits to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Skip the first N hits.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Print JSON Lines (one object per hit; see schema/hit.schema.json).
    #[arg(long)]
    pub json: bool,

    /// Longest snippet, in characters.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub snippet_chars: usize,

    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(index_dir: &Path, args: QueryArgs) -> Result<Outcome> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since.first_day() > until.last_day()
    {
        bail!(
            "--since {} is after --until {}",
            since.first_day(),
            until.last_day()
        );
    }
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let searcher = Searcher::open(index_dir)?;
    let request = Request {
        query: args.query.clone(),
        filters: Filters {
            speakers: args.speaker.clone(),
            since: args.since.map(Period::first_day),
            until: args.until.map(Period::last_day),
            lang: args.lang,
        },
        limit: args.limit,
        offset: args.offset,
        snippet_chars: args.snippet_chars.max(20),
    };
    let results = searcher.search(&request)?;
    let stdout = io::stdout().lock();
    let mut printer = if args.json {
        Printer::Json(JsonPrinter::new(stdout))
    } else {
        Printer::Text(TextPrinter::new(stdout, args.color.enabled()))
    };
    for hit in &results.hits {
        printer.hit(hit)?;
    }
    printer.finish()?;
    if !args.json && results.total > 0 {
        let first = args.offset + 1;
        let last = args.offset + results.hits.len();
        let _ = writeln!(
            io::stderr(),
            "\n{first}–{last} of {} matching passages",
            results.total
        );
    }
    Ok(if results.hits.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
