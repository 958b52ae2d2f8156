//! hedgescore measures hedging and uncertainty in English text.
//!
//! It finds the language of uncertainty ("some speculating", "it is also
//! possible", "could", "approximately") and of certainty ("is convinced",
//! "clearly") with a plain-file lexicon of cues, gives each sentence a
//! certainty between 0 and 1, and rolls sentence scores up into a report
//! per article.
//!
//! Text flows one way:
//!
//! 1. [`Article`] reads the optional `date YYYY-MM-DD` header;
//! 2. [`Scorer::score_text`] splits the body into sentences
//!    ([`text::sentences::SentenceSplitter`]), finds every cue with one automaton
//!    pass ([`matching::CueMatcher`]), applies the context rules and scores
//!    each sentence ([`scoring`]) into a [`ScoredText`];
//! 3. [`ArticleReport`] rolls the sentences up;
//! 4. [`output`] writes rows as CSV, JSON, JSON lines or a table.
//!
//! ```
//! use hedgescore::{Article, ArticleReport, Scorer, ScoredText};
//!
//! let scorer = Scorer::english();
//! let article = Article::new("example", "Officials say the bridge could reopen in May. It is open.");
//! let mut scored = ScoredText::default();
//! scorer.score_text(article.body(), &mut scored);
//! let report = ArticleReport::new(&scorer, &article, &scored);
//! assert_eq!(report.sentences, 2);
//! assert_eq!(report.uncertain_sentences, 1);
//! ```
//!
//! The lexicon format is described in [`lexicon`], the scoring formula in
//! [`scoring`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod date;
pub mod error;
pub mod groups;
pub mod input;
pub mod lexicon;
pub mod matching;
pub mod output;
pub mod report;
pub mod run;
pub mod scoring;
pub mod setup;
pub mod text;
pub mod tune;

pub use error::{Error, ErrorKind, Result};
pub use lexicon::{Category, Cue, Lexicon};
pub use report::{Article, ArticleReport};
pub use scoring::{CueMatch, Effect, ScoreParams, ScoredText, Scorer, Sentence};
pub use setup::ScorerOptions;
