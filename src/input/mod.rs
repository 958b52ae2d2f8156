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

/// Why an input whose first bytes are `head` is not read as text, if it
/// is not: it is binary (a NUL byte), or text in UTF-16 or UTF-32 by its
/// byte order mark (named as such, with how to convert it; such text
/// holds no NUL byte when it has no ASCII).
pub fn not_text(head: &[u8]) -> Option<String> {
    if let Some(encoding) = wide_encoding(head) {
        return Some(format!(
            "is {encoding} text (by its byte order mark), and hedgescore reads UTF-8; \
             skipped (convert it: iconv -f {} -t UTF-8 FILE > FILE.utf8)",
            &encoding[..6]
        ));
    }
    let at = memchr::memchr(0, head)?;
    Some(format!(
        "looks like a binary file (a NUL byte at offset {at}); skipped"
    ))
}

/// The encoding a byte order mark names, for UTF-16 and UTF-32.
fn wide_encoding(head: &[u8]) -> Option<&'static str> {
    // UTF-32's little-endian mark begins with UTF-16's: it goes first.
    let marks: [(&[u8], &str); 4] = [
        (&[0xff, 0xfe, 0, 0], "UTF-32LE"),
        (&[0, 0, 0xfe, 0xff], "UTF-32BE"),
        (&[0xff, 0xfe], "UTF-16LE"),
        (&[0xfe, 0xff], "UTF-16BE"),
    ];
    marks
        .iter()
        .find(|(mark, _)| head.starts_with(mark))
        .map(|(_, encoding)| *encoding)
}
