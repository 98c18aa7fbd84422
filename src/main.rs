//! The `briefsearch` binary: parse the command line, run it, map the result to an exit status.
//!
//! 0: something matched (or the command did its work); 1: nothing matched; 2: an error, with
//! its message on stderr; 130: indexing stopped by Ctrl-C, after committing what it had done.
//! A closed stdout (`| head -1`) ends quietly with status 0.

use std::io;
use std::process::ExitCode;

use briefsearch::{Cli, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::parse_args() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match briefsearch::run(cli) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound) => ExitCode::from(1),
        Ok(Outcome::Interrupted) => ExitCode::from(130),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefsearch: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether `e` is a write to a closed stdout, directly or through JSON serialisation (which
/// wraps the I/O error in its own).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}
