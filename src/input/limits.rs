//! The bounds that keep a run's memory flat whatever an input holds: a
//! text input is read in pieces and never held whole, but a line scored
//! as one sentence (`--lines`) and a table row are units that cannot be
//! cut, so each has a longest size. Past it the input is reported with
//! its file, line and the limit, and the run goes on.

/// The largest units a run reads whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest line scored in `--lines` mode, in bytes: a longer
    /// line is scored on its first this many bytes (cut at a character
    /// boundary) and the rest of it is read and dropped.
    pub line_bytes: usize,
    /// The longest table row (a CSV or TSV record, a JSON line), in bytes:
    /// a longer row is read past and gets a row with an error status.
    pub row_bytes: usize,
    /// The most columns a CSV or TSV table may have; a header with more
    /// is an error.
    pub columns: usize,
}

/// The longest `--lines` line: a sentence of a megabyte is far beyond
/// any real one, and its row (the text, every cue) stays small.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The longest table row: a book of about 1.3 million words fits; the
/// row's text is scored in pieces like a text file's, so memory grows
/// with this limit, not with the input.
pub const MAX_ROW_BYTES: usize = 8 << 20;

/// The most columns of a table: four times what a spreadsheet holds
/// (16,384), and each row's values are bounded by [`MAX_ROW_BYTES`].
pub const MAX_COLUMNS: usize = 65_536;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            line_bytes: MAX_LINE_BYTES,
            row_bytes: MAX_ROW_BYTES,
            columns: MAX_COLUMNS,
        }
    }
}

/// `bytes` as the limit messages name it: mebibytes when whole, else bytes.
pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_named_in_mebibytes_when_whole() {
        assert_eq!(size(MAX_ROW_BYTES), "8 MiB");
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size((1 << 20) + 1), "1048577 bytes");
    }
}
