//! Text before it is scored: decoding bytes as UTF-8 with offsets kept,
//! white space folding, sentence splitting, and the form of word-list files.
//! No module here knows about cues or scores.

pub mod sentences;
pub mod utf8;
pub mod visible;
pub mod whitespace;
pub mod word_count;
pub mod word_list;
