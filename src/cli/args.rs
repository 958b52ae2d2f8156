//! The command line as typed: the subcommands and the flags they share.
//! Each subcommand's own flags live in its module (`score`, `eval`, ...).

use clap::{Parser, Subcommand};

use super::eval::EvalArgs;
use super::explain::ExplainArgs;
use super::lexicon::LexiconCommand;
use super::score::ScoreArgs;

#[derive(Parser)]
#[command(
    name = "hedgescore",
    version,
    about = "Measure hedging and uncertainty in English text",
    long_about = "Finds the language of uncertainty (\"some speculating\", \"it is also possible\", \
\"could\", \"approximately\") and of certainty (\"is convinced\", \"clearly\"), gives each sentence \
a certainty between 0 and 1, and rolls the scores up into a report per article.\n\n\
Exit status: 0 when every input was scored, 1 when some input failed or had to be repaired \
(the others are still scored), 2 for a usage error, a bad lexicon or output that could not be written."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Score articles: files, folders (recursively) or standard input.
    #[command(after_help = "Examples:\n  \
hedgescore score article.txt\n  \
hedgescore score --level sentence --format csv articles/ > sentences.csv\n  \
cat article.txt | hedgescore score --format json\n  \
hedgescore score --lines --format csv sentences.txt\n  \
hedgescore score --format csv --excel --id-column id articles.csv > scores.csv\n  \
hedgescore score --input-format jsonl --format jsonl < articles.jsonl")]
    Score(ScoreArgs),
    /// Measure accuracy against labelled sentences (label<TAB>sentence).
    #[command(after_help = "Examples:\n  \
hedgescore eval my-labels.tsv              # label<TAB>sentence, 1 = uncertain\n  \
hedgescore eval --errors 10 my-labels.tsv  # and the 10 worst mistakes each way\n  \
hedgescore eval --format csv a.tsv b.tsv   # one row of figures per file\n  \
hedgescore eval --ratings ratings.tsv      # certainty ratings (such as 1 to 6)")]
    Eval(EvalArgs),
    /// Show why each sentence scored what it did: its cues, by category,
    /// and the arithmetic of its score (colour on a terminal; NO_COLOR is respected).
    #[command(after_help = "Examples:\n  \
hedgescore explain \"It is not clear whether the drug could help.\"\n  \
hedgescore explain < article.txt")]
    Explain(ExplainArgs),
    /// Tools for tuning and checking lexicons.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  hedgescore completions bash > /etc/bash_completion.d/hedgescore"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  hedgescore man > hedgescore.1 && man ./hedgescore.1")]
    Man,
}
