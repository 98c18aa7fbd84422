//! The command line: clap definitions, resolved into configuration, one file per subcommand.
//!
//! Options are parsed into types here (dates, languages, paths); library code never sees raw
//! flag strings. Each subcommand returns an [`Outcome`] that `main` maps to an exit status.

mod index;
mod inspect;
mod query;

use std::env;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};

/// Where the index lives when neither `--index` nor `BRIEFSEARCH_INDEX` says.
pub const DEFAULT_INDEX_DIR: &str = ".briefsearch";

const EXAMPLES: &str = "\
Examples:
  briefsearch index corpus/
  briefsearch query RCEP
  briefsearch query '\"bonded logistics park\"' --since 2023
  briefsearch query '稳外贸' --lang zh --speaker 林桥
  briefsearch query '*' --speaker 'Lin Qiao' --limit 100        # all of one speaker, by date
  briefsearch query 'intellectual property' --json | jq -r '.outlet // empty' | sort | uniq -c
  briefsearch query tariffs --json --limit 1000 | jq -r .source | sort -u | xargs wc -l

Exit status: 0 when something matched, 1 when nothing did, 2 on error.";

/// Search archives of press-briefing transcripts, in English and Chinese.
#[derive(Debug, Parser)]
#[command(name = "briefsearch", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Index folder [default: .briefsearch in the current folder]
    #[arg(long, global = true, env = "BRIEFSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index transcripts: files, or folders walked recursively.
    Index(index::IndexArgs),
    /// Search the index and print ranked passages.
    Query(query::QueryArgs),
    /// Show how a transcript file is understood (title, date, turns), without indexing it.
    Inspect(inspect::InspectArgs),
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
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
}

impl Cli {
    fn index_dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR))
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let index_dir = cli.index_dir();
    match cli.command {
        Command::Index(args) => index::run(&index_dir, args),
        Command::Query(args) => query::run(&index_dir, args),
        Command::Inspect(args) => inspect::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn test_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
