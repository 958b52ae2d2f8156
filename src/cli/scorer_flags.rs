//! The flags that choose the lexicon and the scoring constants, shared by
//! every subcommand that scores.

use std::path::PathBuf;

use clap::Args;

use hedgescore::{Error, Lexicon, ScoreParams, Scorer, ScorerOptions, setup};

/// The flags that choose the lexicon, alone for the subcommands that do
/// not score (`lexicon list`, `lexicon check`).
#[derive(Args, Clone)]
pub struct LexiconChoice {
    /// Add a lexicon file (.tsv), or a folder of lexicon files and word
    /// lists (docs/LEXICON.md); later entries replace earlier ones of the
    /// same cue. Repeatable.
    #[arg(long = "lexicon", value_name = "PATH")]
    lexicons: Vec<PathBuf>,
    /// Start from an empty lexicon instead of the built-in English one.
    #[arg(long)]
    no_default_lexicon: bool,
    /// Add a built-in domain pack. Repeatable.
    #[arg(long = "pack", value_name = "NAME", long_help = pack_help())]
    packs: Vec<String>,
}

/// The flags that choose the lexicon and the scoring constants, for every
/// subcommand that scores.
#[derive(Args, Clone)]
pub struct LexiconArgs {
    #[command(flatten)]
    choice: LexiconChoice,
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

/// The `--pack` help: one line on each built-in pack.
fn pack_help() -> String {
    let mut help = String::from(
        "Add a built-in domain pack to the lexicon; its entries override the default's. Repeatable. The packs:",
    );
    for (name, description) in Lexicon::builtin_pack_descriptions() {
        help.push_str(&format!("\n  {name}: {description}"));
    }
    help
}

impl LexiconChoice {
    /// The scorer of this lexicon with the scoring constants `params`.
    pub fn scorer_with(&self, params: ScoreParams) -> Result<Scorer, Error> {
        ScorerOptions {
            default_lexicon: !self.no_default_lexicon,
            packs: self.packs.clone(),
            lexicons: self.lexicons.clone(),
            params,
        }
        .build()
    }

    /// The scorer of this lexicon with the default constants.
    pub fn scorer(&self) -> Result<Scorer, Error> {
        self.scorer_with(ScoreParams::default())
    }
}

impl LexiconArgs {
    /// True unless --no-default-lexicon was given.
    pub fn default_lexicon(&self) -> bool {
        !self.choice.no_default_lexicon
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
        self.choice.scorer_with(ScoreParams {
            neutral: self.neutral,
            alpha: self.alpha,
            uncertain_at: self.threshold,
            ..ScoreParams::default()
        })
    }
}

/// Parses a scoring constant from 0 to 1.
fn unit_interval(text: &str) -> Result<f64, String> {
    constant(text, setup::is_unit_interval, setup::UNIT_INTERVAL)
}

/// Parses a scoring constant greater than 0.
fn positive(text: &str) -> Result<f64, String> {
    constant(text, setup::is_positive, setup::POSITIVE)
}

/// Parses a number that `allowed` accepts; otherwise the message says
/// what is allowed (clap names the flag). NaN parses as a number but is
/// in no range.
fn constant(text: &str, allowed: fn(f64) -> bool, range: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && allowed(x) => Ok(x),
        _ => Err(format!("must be {range}")),
    }
}
