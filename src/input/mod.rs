//! What to read: the files and folders a run names ([`walk`]), and table
//! inputs (CSV, TSV, JSON lines) turned into records ([`table`]).

pub mod table;
pub mod walk;

pub use walk::{FileId, Inputs, Source};
