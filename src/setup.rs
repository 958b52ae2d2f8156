//! A scorer from a user's choices: the default lexicon or none, built-in
//! packs, lexicon files and dictionaries, category declarations and the
//! scoring constants. The command line and the
//! Python binding build their scorers here, so both give the same messages.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::lexicon::{CategoryDef, Lexicon};
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
    /// Category declarations (`--category`), which win over those of
    /// categories files.
    pub categories: Vec<CategoryDef>,
    /// The scoring constants.
    pub params: ScoreParams,
}

impl Default for ScorerOptions {
    fn default() -> ScorerOptions {
        ScorerOptions {
            default_lexicon: true,
            packs: Vec::new(),
            lexicons: Vec::new(),
            categories: Vec::new(),
            params: ScoreParams::default(),
        }
    }
}

impl ScorerOptions {
    /// Builds the scorer. An unknown pack or an empty lexicon is a usage
    /// error; a bad lexicon file an error naming its file and line.
    ///
    /// ```
    /// use hedgescore::ScorerOptions;
    ///
    /// let options = ScorerOptions { packs: vec!["science".into()], ..ScorerOptions::default() };
    /// assert!(options.build().is_ok());
    /// let unknown = ScorerOptions { packs: vec!["poetry".into()], ..ScorerOptions::default() };
    /// assert!(unknown.build().unwrap_err().to_string().contains("no built-in pack"));
    /// ```
    pub fn build(&self) -> Result<Scorer> {
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
        // Declared before the files, so that lexicon files may use the
        // categories, and again after, so that they win over the
        // declarations of categories files.
        let declare = |lexicon: &mut Lexicon| {
            for def in &self.categories {
                lexicon.declare(*def);
            }
        };
        declare(&mut lexicon);
        for path in &self.lexicons {
            lexicon.add_path(path)?;
        }
        declare(&mut lexicon);
        if lexicon.is_empty() {
            return Err(Error::usage(
                "the lexicon is empty: give --lexicon PATH with --no-default-lexicon",
            ));
        }
        Scorer::new(lexicon, self.params)
    }
}
