//! The `hedgescore` command: parses the flags and hands each subcommand to
//! its module in `cli/`, which turns them into a [`hedgescore::Scorer`] and
//! writers; `cli::messages` reports failures and picks the exit status.

use std::process::ExitCode;

use clap::Parser;

mod cli;

use cli::args::{Cli, Command};

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Score(args) => cli::score::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Lexicon(command) => cli::lexicon::run(command),
        Command::Completions { shell } => cli::generate::completions(shell),
        Command::Man => cli::generate::man(),
    };
    cli::messages::exit(outcome)
}
