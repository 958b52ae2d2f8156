//! The command line as typed: the subcommands and the flags they share.
//! Each subcommand's own flags live in its module (`score`, `eval`, ...).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use hedgescore::lexicon::CategoryDef;
use hedgescore::{Error, ScoreParams, Scorer, ScorerOptions};

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
hedgescore eval ../shared/data/labeled/bioscope-abstracts.tsv\n  \
hedgescore eval --errors 10 ../shared/data/labeled/wikipedia-weasel-train.tsv\n  \
hedgescore eval --ratings ../shared/data/labeled/science-certainty-ratings.tsv\n  \
hedgescore eval tests/news-labels.tsv   # sentences named by reference into ../shared's articles")]
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

/// The flags that choose the lexicon and the scoring constants, shared by
/// every subcommand that scores.
#[derive(Args, Clone)]
pub struct LexiconArgs {
    /// Add a lexicon file, a LIWC dictionary (.dic, .dicx), a categories
    /// file, or a folder of them; later entries replace earlier ones of the
    /// same cue. Repeatable.
    #[arg(long = "lexicon", value_name = "PATH")]
    lexicons: Vec<PathBuf>,
    /// Declare a category's effect (hedge, booster, neutral or negator)
    /// and the weight of its dictionary entries [default weight: 1], e.g.
    /// tentat=hedge:1; wins over categories files. Repeatable.
    #[arg(long = "category", value_name = "NAME=EFFECT[:WEIGHT]")]
    categories: Vec<CategoryDef>,
    /// Start from an empty lexicon instead of the built-in English one.
    #[arg(long)]
    no_default_lexicon: bool,
    /// Add a built-in domain pack (see the README). Repeatable.
    #[arg(long = "pack", value_name = "NAME")]
    packs: Vec<String>,
    /// Certainty of a sentence with no cues, from 0 to 1.
    #[arg(long, value_name = "X", default_value_t = hedgescore::scoring::NEUTRAL_CERTAINTY,
          value_parser = unit_interval, allow_negative_numbers = true)]
    neutral: f64,
    /// Saturation constant of the certainty formula, greater than 0 (larger: slower to move).
    #[arg(long, value_name = "X", default_value_t = hedgescore::scoring::SATURATION_ALPHA,
          value_parser = positive, allow_negative_numbers = true)]
    alpha: f64,
    /// Hedge weight from which a sentence is labelled uncertain, unless its
    /// boosters weigh more; greater than 0.
    #[arg(long, value_name = "X", default_value_t = hedgescore::scoring::UNCERTAIN_AT,
          value_parser = positive, allow_negative_numbers = true)]
    threshold: f64,
}

impl LexiconArgs {
    /// True unless --no-default-lexicon was given.
    pub fn default_lexicon(&self) -> bool {
        !self.no_default_lexicon
    }

    /// The scoring-constant flags that differ from their defaults, as
    /// typed on a command line ("--threshold 0.8"), or nothing.
    pub fn scoring_flags(&self) -> String {
        let defaults = ScoreParams::default();
        [
            ("--neutral", self.neutral, defaults.neutral),
            ("--alpha", self.alpha, defaults.alpha),
            ("--threshold", self.threshold, defaults.uncertain_at),
        ]
        .iter()
        .filter(|(_, value, default)| value != default)
        .map(|(flag, value, _)| format!("{flag} {value}"))
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// The scorer these flags describe.
    pub fn scorer(&self) -> Result<Scorer, Error> {
        ScorerOptions {
            default_lexicon: !self.no_default_lexicon,
            packs: self.packs.clone(),
            lexicons: self.lexicons.clone(),
            categories: self.categories.clone(),
            params: ScoreParams {
                neutral: self.neutral,
                alpha: self.alpha,
                uncertain_at: self.threshold,
                ..ScoreParams::default()
            },
        }
        .build()
    }
}

/// Parses a scoring constant from 0 to 1.
fn unit_interval(text: &str) -> Result<f64, String> {
    finite_constant(text, |x| (0.0..=1.0).contains(&x), "a number from 0 to 1")
}

/// Parses a scoring constant greater than 0.
fn positive(text: &str) -> Result<f64, String> {
    finite_constant(text, |x| x > 0.0, "a finite number greater than 0")
}

/// Parses a finite number that `allowed` accepts; otherwise the message
/// says what is allowed (clap names the flag). Infinity and NaN parse as
/// numbers but make every certainty the same or none uncertain.
fn finite_constant(text: &str, allowed: fn(f64) -> bool, range: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && allowed(x) => Ok(x),
        _ => Err(format!("must be {range}")),
    }
}
