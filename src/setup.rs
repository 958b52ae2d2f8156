//! A scorer from a user's choices: the default lexicon or none, built-in
//! packs, lexicon files and the scoring constants. The command line and the
//! Python binding build their scorers here, so both give the same messages.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::scoring::{ScoreParams, Scorer};

/// What a scorer is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorerOptions {
    /// Start from the built-in English lexicon (else from nothing).
    pub default_lexicon: bool,
    /// Built-in packs added in order (see [`Lexicon::builtin_packs`]).
    pub packs: Vec<String>,
    /// Lexicon files or folders added after the packs; later entries
    /// replace earlier ones of the same cue.
    pub lexicons: Vec<PathBuf>,
    /// The scoring constants.
    pub params: ScoreParams,
}

impl Default for ScorerOptions {
    fn default() -> ScorerOptions {
        ScorerOptions {
            default_lexicon: true,
            packs: Vec::new(),
            lexicons: Vec::new(),
            params: ScoreParams::default(),
        }
    }
}

impl ScorerOptions {
    /// Builds the scorer. A constant out of its range, an unknown pack or
    /// an empty lexicon is a usage error; a bad lexicon file an error naming its file and line.
    ///
    /// ```
    /// use hedgescore::ScorerOptions;
    ///
    /// let options = ScorerOptions { packs: vec!["science".into()], ..ScorerOptions::default() };
    /// assert!(options.build().is_ok());
    /// let unknown = ScorerOptions { packs: vec!["poetry".into()], ..ScorerOptions::default() };
    /// assert!(unknown.build().unwrap_err().to_string().contains("no built-in pack"));
    /// let mut odd = ScorerOptions::default();
    /// odd.params.neutral = 2.0;
    /// assert_eq!(odd.build().unwrap_err().to_string(), "neutral must be a number from 0 to 1, not 2");
    /// ```
    pub fn build(&self) -> Result<Scorer> {
        self.check_constants()?;
        let mut lexicon = if self.default_lexicon {
            Lexicon::english()
        } else {
            Lexicon::new()
        };
        for pack in &self.packs {
            let Some(extra) = Lexicon::builtin(pack) else {
                return Err(Error::usage(format!(
                    "there is no built-in pack {pack:?}; the packs are: {}",
                    Lexicon::builtin_packs().join(", ")
                )));
            };
            lexicon.extend(extra);
        }
        for path in &self.lexicons {
            lexicon.add_path(path)?;
        }
        if lexicon.is_empty() {
            return Err(Error::usage(
                "the lexicon is empty: give --lexicon PATH with --no-default-lexicon",
            ));
        }
        Scorer::new(lexicon, self.params)
    }

    /// A usage error naming the first constant out of its range (the
    /// command line's flag parsers catch these before; other callers,
    /// such as the Python binding, pass them through).
    fn check_constants(&self) -> Result<()> {
        let p = &self.params;
        let checks = [
            (
                "neutral",
                p.neutral,
                is_unit_interval(p.neutral),
                UNIT_INTERVAL,
            ),
            ("alpha", p.alpha, is_positive(p.alpha), POSITIVE),
            (
                "threshold",
                p.uncertain_at,
                is_positive(p.uncertain_at),
                POSITIVE,
            ),
        ];
        match checks.into_iter().find(|(_, _, ok, _)| !ok) {
            Some((name, value, _, range)) => {
                Err(Error::usage(format!("{name} must be {range}, not {value}")))
            }
            None => Ok(()),
        }
    }
}

/// What `neutral` may be.
pub const UNIT_INTERVAL: &str = "a number from 0 to 1";
/// What `alpha` and `threshold` may be.
pub const POSITIVE: &str = "a finite number greater than 0";

/// True for a number from 0 to 1 (the range of `neutral`).
pub fn is_unit_interval(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

/// True for a finite number greater than 0 (the range of `alpha` and
/// `threshold`). Infinity parses as a number but makes every certainty the
/// same or none uncertain.
pub fn is_positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}
