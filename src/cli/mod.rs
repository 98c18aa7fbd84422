//! The command line: clap definitions, one file per subcommand, and the options they share
//! ([`args`]).
//!
//! Options are parsed into types here (dates, languages, formats, paths); library code never
//! sees raw flag strings. Each subcommand returns an [`Outcome`] that `main` maps to an exit
//! status.

mod args;
mod completions;
mod evaluate;
mod facets;
mod index;
mod inspect;
mod licenses;
mod query;
mod show;
mod speakers;
mod stats;
mod trend;

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{CommandFactory, Parser, Subcommand};

/// Where the index lives when neither `--index` nor `BRIEFSEARCH_INDEX` says.
pub(crate) const DEFAULT_INDEX_DIR: &str = ".briefsearch";

const EXAMPLES: &str = "\
Examples:
  briefsearch index corpus/                                   # build or update ./.briefsearch
  briefsearch query RCEP                                      # ranked passages, best first
  briefsearch query '\"bonded logistics park\"' --since 2023
  briefsearch query 稳外贸 --lang zh --kind answer --speaker 林桥
  briefsearch query '*' --speaker 'Lin Qiao' --limit 100       # all of one speaker, by date
  briefsearch show 'corpus/en/2023-04-18-scio-customs-foreign-trade.txt#9' --context 1
  briefsearch facets 'intellectual property' --by outlet      # which outlets asked
  briefsearch trend RCEP --by month --svg rcep.svg

Pipelines:
  briefsearch query tariffs --json | jq -r .speaker | sort | uniq -c | sort -rn
  briefsearch query 知识产权 --kind question --json | jq -r '.outlet_id // empty' | sort | uniq -c
  briefsearch query RCEP -l -0 | xargs -0 grep -c RCEP
  briefsearch query RCEP --format tsv --fields date,speaker,id | sort | cut -f2 | uniq -c
  printf 'q1\\tRCEP\\nq2\\t稳外贸\\n' | briefsearch query --batch --limit 3 | jq -r '[.query_id, .id] | @tsv'

Exit status: 0 when something matched, 1 when nothing did, 2 on error.";

/// `--version`: the version, and where the licences of the built-in data are.
const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\nBuilt-in data: jieba's dictionary (MIT), OpenCC's character table (Apache-2.0), ECDICT (MIT),",
    "\nCC-CEDICT (CC BY-SA 4.0); `briefsearch licenses` prints their notices."
);

/// Search archives of press-briefing transcripts, in English and Chinese.
#[derive(Debug, Parser)]
#[command(name = "briefsearch", version, long_version = LONG_VERSION, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Index folder [default: .briefsearch in the current folder]
    #[arg(long, global = true, env = "BRIEFSEARCH_INDEX", value_name = "DIR")]
    pub(crate) index: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Index transcripts: files, folders walked recursively, or JSON Lines from stdin (-).
    Index(index::IndexArgs),
    /// Search the index and print ranked passages.
    Query(query::QueryArgs),
    /// Count matching passages by speaker, outlet, kind, language, year, month or briefing.
    Facets(facets::FacetsArgs),
    /// Matching passages and briefings over time: a chart, TSV, JSON or SVG.
    Trend(trend::TrendArgs),
    /// Print a passage in its context, or a whole cleaned transcript.
    Show(show::ShowArgs),
    /// List speakers with their roles, outlets, passage counts and dates.
    Speakers(speakers::SpeakersArgs),
    /// What the index holds: briefings, passages, languages, dates, size, versions.
    Stats(stats::StatsArgs),
    /// Show how a transcript file is understood (title, date, turns), without indexing it.
    Inspect(inspect::InspectArgs),
    /// Measure ranking quality on a judged query set (MRR@10, nDCG@10, recall@10).
    Evaluate(evaluate::EvaluateArgs),
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
    /// Print the sources and licences of the data built into briefsearch.
    Licenses,
    /// Print the man page (of briefsearch, or of one subcommand) in roff.
    Man {
        /// A subcommand, for its own page.
        subcommand: Option<String>,
    },
}

/// How a successful command ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something matched (or the command did its work): exit 0.
    Found,
    /// Nothing matched: exit 1.
    NotFound,
    /// Stopped by Ctrl-C after committing what was done: exit 130.
    Interrupted,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let index_dir = cli
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR));
    match cli.command {
        Command::Index(args) => index::run(&index_dir, args),
        Command::Query(args) => query::run(&index_dir, args),
        Command::Facets(args) => facets::run(&index_dir, args),
        Command::Trend(args) => trend::run(&index_dir, args),
        Command::Show(args) => show::run(&index_dir, args),
        Command::Speakers(args) => speakers::run(&index_dir, args),
        Command::Stats(args) => stats::run(&index_dir, args),
        Command::Inspect(args) => inspect::run(args),
        Command::Evaluate(args) => evaluate::run(&index_dir, args),
        Command::Completions(args) => completions::completions(args),
        Command::Licenses => licenses::run(),
        Command::Man { subcommand: None } => completions::man(None),
        Command::Man {
            subcommand: Some(name),
        } => match Cli::command().find_subcommand(&name) {
            Some(sub) => completions::man(Some(sub.clone())),
            None => bail!("no subcommand '{name}'"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
