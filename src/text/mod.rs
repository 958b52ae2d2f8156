//! Text before it is scored: decoding bytes as UTF-8 with offsets kept,
//! white space folding, and sentence splitting. No module here knows about
//! cues or scores.

pub mod sentences;
pub mod utf8;
pub mod whitespace;
