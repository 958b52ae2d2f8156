//! Decoding: an input's bytes to UTF-8 text, bad bytes replaced (and
//! reported once per input), and the opening of an input taken off its
//! text: a byte order mark and the `date YYYY-MM-DD` header. Works on the
//! bytes it is handed; never reads.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::piece::{Origin, PieceText, Text};
use crate::error::Error;
use crate::report::Article;
use crate::text::utf8::{Repairs, Start, decode};

/// A piece's text ready to score: what the reader left to the worker
/// done, outside the reader's lock. A whole input's bytes are decoded
/// (bad bytes replaced and reported in `origin`); a whole input or a
/// table row has its opening taken off, and `origin` takes its date.
pub(super) fn ready(text: PieceText, origin: &mut Origin, lines: bool) -> Text {
    let (mut text, repairs) = match text {
        PieceText::Decoded(text) => return text,
        PieceText::Row(text) => (text, Repairs::default()),
        PieceText::Undecoded { bytes, path } => {
            let (text, repairs) = decode(bytes, Start::default());
            if let Some(at) = repairs.first_bad_byte() {
                origin.warnings.push(utf8_warning(path.as_deref(), at));
                origin.repaired = true;
            }
            (text, repairs)
        }
    };
    let header = take_header(&mut text, lines);
    // The text's own header comes first; a table row's date column else
    // (and a bad one then does not matter).
    if header.date.is_some() {
        origin.date = header.date;
        origin.bad_date = None;
    }
    Text {
        text,
        offset: header.len,
        line_before: 0,
        repairs,
        sentences: None,
    }
}

/// Decodes the parts of one input cut into pieces, in order: where each
/// starts in the input's text, the opening taken off the first (whose
/// date every part takes), bad bytes reported once.
#[derive(Debug, Default)]
pub(super) struct Parts {
    /// Where the next part starts in the input's text.
    start: Start,
    /// Parts decoded so far.
    parts: usize,
    /// The date of the input's header.
    date: Option<Arc<str>>,
    warned_utf8: bool,
}

impl Parts {
    /// Skips `bytes` of the input that are dropped between two parts (the
    /// rest of a line too long to score), so the offsets of the parts
    /// after stay those of the input.
    pub(super) fn skip(&mut self, bytes: usize) {
        self.start.text += bytes;
    }

    /// Decodes the next part's raw bytes. `sentences` are those of `raw`,
    /// if the cut found them; they are dropped when the opening taken off
    /// moves the text. A problem to report comes back with the text.
    pub(super) fn decode(
        &mut self,
        raw: Vec<u8>,
        mut sentences: Option<Vec<Range<usize>>>,
        lines: bool,
        path: Option<&Path>,
    ) -> (Text, Option<Arc<str>>, Option<Error>) {
        let (mut text, repairs) = decode(raw, self.start);
        self.start = repairs.next_start(self.start, text.len());
        let mut offset = self.start.text - text.len();
        if self.parts == 0 {
            let header = take_header(&mut text, lines);
            self.date = header.date;
            offset += header.len;
            if header.len > 0 {
                // Found before the opening was taken off the text.
                sentences = None;
            }
        }
        self.parts += 1;
        let mut warning = None;
        if let Some(at) = repairs.first_bad_byte()
            && !self.warned_utf8
        {
            self.warned_utf8 = true;
            warning = Some(utf8_warning(path, at));
        }
        let text = Text {
            text,
            offset,
            line_before: 0,
            repairs,
            sentences,
        };
        (text, self.date.clone(), warning)
    }
}

/// What [`take_header`] took off the start of an input's text.
struct Header {
    /// Its length in bytes.
    len: usize,
    /// The date of the article's header.
    date: Option<Arc<str>>,
}

/// Takes an input's opening off the start of its text: a byte order mark
/// and, unless `lines`, the article's `date YYYY-MM-DD` header. The one
/// step for the text of a file, of standard input and of a table row.
fn take_header(text: &mut String, lines: bool) -> Header {
    let mut len = 0;
    if text.starts_with('\u{feff}') {
        len += '\u{feff}'.len_utf8();
    }
    let mut date = None;
    if !lines {
        let article = Article::new("", &text[len..]);
        date = article.date().map(Arc::from);
        len += article.body_offset();
    }
    text.drain(..len);
    Header { len, date }
}

/// The message for an input that is not valid UTF-8 from byte `at`.
fn utf8_warning(path: Option<&Path>, at: usize) -> Error {
    Error::input(
        path,
        None,
        format!(
            "is not valid UTF-8 (first bad byte at offset {at}); scored with the bad bytes replaced by U+FFFD"
        ),
    )
}
