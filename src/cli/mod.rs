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
mod footer;
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
  briefsearch query 跨境电商 --lang zh --kind answer --speaker 林桥
  briefsearch query RCEP --since 'April 2023' --until 2024年3月   # dates as people write them
  briefsearch query '*' --speaker 'Lin Qiao' --limit 100       # all of one speaker, by date
  briefsearch show 'corpus/en/2023-04-18-scio-customs-foreign-trade.txt#9' --context 1
  briefsearch facets 'intellectual property' --by outlet --kind question   # which outlets asked
  briefsearch trend RCEP --by month --svg rcep.svg
  briefsearch trend RCEP --by year --per 1000                 # per 1000 passages of each year

Pipelines:
  briefsearch query tariffs --json | jq -r '.speaker // empty' | sort | uniq -c | sort -rn
  briefsearch query 知识产权 --kind question --json | jq -r '.outlet_id // empty' | sort | uniq -c
  briefsearch query RCEP -l -0 | xargs -0 grep -c RCEP
  briefsearch query RCEP --kind answer --tsv --fields speaker | tail -n +2 | sort | uniq -c
  printf 'q1\\tRCEP\\nq2\\t稳外贸\\n' | briefsearch query --batch | jq -r '[.query_id, .id] | @tsv'

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

impl Cli {
    /// Parses the command line of this process. A query that starts with `-` is read by clap
    /// as an option; its error then says how to pass such a query instead of clap's tip,
    /// which names the first letter only (`-t` for `-tariff`).
    pub fn parse_args() -> Result<Cli, clap::Error> {
        Cli::try_parse().map_err(|e| leading_dash_tip(e, &std::env::args().collect::<Vec<_>>()))
    }
}

/// Subcommands whose first value is a query.
const QUERY_COMMANDS: &[&str] = &["query", "facets", "trend", "speakers"];

/// For an unknown option that is really a query starting with `-` (`query -tariff`), names
/// the whole word and tells the two ways out.
fn leading_dash_tip(mut e: clap::Error, args: &[String]) -> clap::Error {
    use clap::builder::StyledStr;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return e;
    }
    let Some(ContextValue::String(invalid)) = e.get(ContextKind::InvalidArg) else {
        return e;
    };
    let Some(command) = args
        .iter()
        .skip(1)
        .find(|a| QUERY_COMMANDS.contains(&a.as_str()))
    else {
        return e;
    };
    if invalid.starts_with("--") {
        return e;
    }
    let Some(word) = args
        .iter()
        .skip(1)
        .find(|a| a.starts_with(invalid.as_str()) && !a.starts_with("--"))
        .cloned()
    else {
        return e;
    };
    let rest = word.trim_start_matches('-');
    // `query RCEP -tariff`: the word belongs to the query typed before it.
    let without: Vec<&String> = args.iter().filter(|a| **a != word).collect();
    let typed_before = Cli::try_parse_from(without)
        .ok()
        .and_then(|cli| cli.command.query().map(str::to_string));
    let tips = match typed_before {
        Some(query) => vec![format!(
            "a query of several words is one argument: quote it whole, as in briefsearch {command} {}",
            shell_quoted(&format!("{query} {word}"))
        )],
        None => vec![
            format!(
                "a query that starts with '-' goes last, after `--`: briefsearch {command} [OPTIONS] -- {}",
                shell_quoted(&word)
            ),
            format!(
                "'-{rest}' alone means every passage without '{rest}'; to find passages without it among those with another word, start with that word: 'RCEP -{rest}'"
            ),
        ],
    };
    e.insert(ContextKind::InvalidArg, ContextValue::String(word.clone()));
    e.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(tips.into_iter().map(StyledStr::from).collect()),
    );
    e
}

/// `s` quoted for a POSIX shell: in single quotes, a single quote as `'\''`.
fn shell_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Command {
    /// The query of a command that takes one, as typed.
    fn query(&self) -> Option<&str> {
        match self {
            Command::Query(a) => a.query.as_deref(),
            Command::Facets(a) => a.query.as_deref(),
            Command::Trend(a) => Some(&a.query),
            Command::Speakers(a) => a.query.as_deref(),
            _ => None,
        }
    }
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

    /// The error message for a command line that clap refuses, with the tip added.
    fn tip_for(args: &[&str], why: &str) -> String {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let e = Cli::try_parse_from(&args).expect_err(why);
        leading_dash_tip(e, &args).to_string()
    }

    #[test]
    fn test_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn test_a_query_starting_with_a_dash_gets_a_tip_about_queries() {
        let message = tip_for(
            &["briefsearch", "query", "-tariff"],
            "-tariff is read as an option",
        );
        assert!(
            message.contains("unexpected argument '-tariff'"),
            "{message}"
        );
        assert!(
            message.contains("briefsearch query [OPTIONS] -- '-tariff'"),
            "{message}"
        );
        assert!(!message.contains("'-- -t'"), "{message}");
    }

    #[test]
    fn test_a_dash_word_after_a_query_is_told_to_join_it() {
        let message = tip_for(
            &["briefsearch", "facets", "RCEP", "-tariff", "--by", "year"],
            "-tariff is read as an option",
        );
        assert!(
            message.contains("quote it whole, as in briefsearch facets 'RCEP -tariff'"),
            "{message}"
        );
        assert!(!message.contains("after `--`"), "{message}");
        assert_eq!(shell_quoted("China's -tariff"), "'China'\\''s -tariff'");
    }

    #[test]
    fn test_a_mistyped_long_option_keeps_the_usual_error() {
        let message = tip_for(&["briefsearch", "query", "RCEP", "--jsn"], "unknown option");
        assert!(message.contains("'--jsn'"), "{message}");
        assert!(!message.contains("starts with '-'"), "{message}");
    }
}
