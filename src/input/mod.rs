//! What to read: the files and folders a run names ([`walk`]), and table
//! inputs (CSV, TSV, JSON lines, workbooks) turned into records
//! ([`table`], [`workbook`]).

mod quote_watch;
pub mod table;
pub mod walk;
pub mod workbook;

pub use walk::{FileId, Inputs, Source};
