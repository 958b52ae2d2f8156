//! `hedgescore completions` and `hedgescore man`: text generated from the
//! flags' own definitions, so help, completions and manual never disagree
//! (the manual's page is made in `manual`).

use std::io::Write;

use clap::CommandFactory;

use super::args::Cli;
use super::messages::{EXIT_OK, Outcome};

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hedgescore", &mut script);
    write_stdout(&script)
}

/// Prints the manual page (roff).
pub fn man() -> Outcome {
    write_stdout(super::manual::page().as_bytes())
}

/// Writes generated text to standard output through the one error path
/// (generators that write straight to stdout panic on a closed pipe or a
/// full disk).
fn write_stdout(bytes: &[u8]) -> Outcome {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(EXIT_OK)
}
