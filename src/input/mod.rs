//! What to read: the files and folders a run names ([`walk`]), and table
//! inputs (CSV, TSV, JSON lines, workbooks) turned into records
//! ([`table`], [`workbook`]).

mod jsonl;
pub mod limits;
mod quote_watch;
pub mod size_watch;
pub mod table;
pub mod walk;
pub mod workbook;

pub use limits::Limits;
pub use walk::{FileId, Inputs, Source};

/// Bytes at the start of an input checked for a NUL, which text never
/// holds, to recognise a binary file.
pub const BINARY_SNIFF_BYTES: usize = 8192;

/// The message for a binary input, with the offset of its first NUL.
pub fn binary_message(at: usize) -> String {
    format!("looks like a binary file (a NUL byte at offset {at}); skipped")
}
