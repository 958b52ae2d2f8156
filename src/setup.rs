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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::CategoryEffect;

    #[test]
    fn a_category_flag_wins_over_a_categories_file_and_lets_files_use_it() {
        let dir = std::env::temp_dir().join(format!("hedgescore-setup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let categories = dir.join("categories.tsv");
        std::fs::write(
            &categories,
            "category\teffect\tweight\nsetup_t\tbooster\t3\n",
        )
        .unwrap();
        // A lexicon file that uses a category only the flag declares.
        let own = dir.join("own.tsv");
        std::fs::write(&own, "cue\tweight\tcategory\nmaybe\t1\tsetup_u\n").unwrap();
        let dic = dir.join("d.dic");
        std::fs::write(&dic, "%\n1\tsetup_t\n%\nperhaps\t1\n").unwrap();
        let options = ScorerOptions {
            default_lexicon: false,
            lexicons: vec![categories, own, dic],
            categories: ["setup_t=hedge:0.5", "setup_u=hedge"]
                .iter()
                .map(|d| d.parse().unwrap())
                .collect(),
            ..ScorerOptions::default()
        };
        let scorer = options.build().unwrap();
        let lexicon = scorer.lexicon();
        let perhaps = lexicon.iter().find(|c| c.text == "perhaps").unwrap();
        assert_eq!(lexicon.effect(perhaps.category), CategoryEffect::Hedge);
        assert_eq!(perhaps.weight, 0.5);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
