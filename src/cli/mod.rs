//! The `hedgescore` command line: flags in, a configured run out. One
//! module per subcommand, each with its flags and a `run` (`fit` is
//! `lexicon fit`'s); `messages`
//! decides what the user sees on failure and the exit status; `progress`
//! and `sink` serve `score`.

pub mod args;
pub mod eval;
pub mod explain;
pub mod fit;
pub mod generate;
pub mod lexicon;
pub mod manual;
pub mod messages;
pub mod progress;
pub mod score;
pub mod scorer_flags;
pub mod sink;
