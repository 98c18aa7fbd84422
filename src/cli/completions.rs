//! `briefsearch completions` and `briefsearch man`: shell completions and a man page, both
//! generated from the same clap definitions as the command line itself.

use std::io::{self, Write};

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Outcome};

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub(super) fn completions(args: CompletionsArgs) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut Cli::command(), "briefsearch", &mut out);
    out.flush()?;
    Ok(Outcome::Found)
}

/// The man page of briefsearch, or of one of its subcommands (`briefsearch-query(1)`).
pub(super) fn man(subcommand: Option<clap::Command>) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    let command = match subcommand {
        Some(sub) => {
            let name = format!("briefsearch-{}", sub.get_name());
            sub.name(name).version(env!("CARGO_PKG_VERSION"))
        }
        None => Cli::command(),
    };
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(Outcome::Found)
}
