//! The lexicon toolkit: tools that score text to judge a lexicon. They sit
//! above the engine, which never imports them.
//!
//! - [`eval`]: accuracy against labelled sentences, with [`bootstrap`]
//!   intervals;
//! - [`figures`]: an evaluation's figures with their intervals, as data;
//! - [`explain`]: why a sentence scored what it did;
//! - [`check`]: problems in lexicon files;
//! - [`fit`]: a lexicon's weights fitted to labelled sentences;
//! - [`stats`]: how each entry fares on labelled data.

pub mod bootstrap;
pub mod check;
pub mod eval;
pub mod explain;
pub mod figures;
pub mod fit;
pub mod stats;
