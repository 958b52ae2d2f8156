//! What passes between the stages of a run: a piece of an input on its
//! way to a worker ([`ReadEvent`]), and what the worker made of it on its
//! way to the assembler ([`Done`]). Types only; no I/O.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Error;
use crate::input::table::NoText;
use crate::output::Carried;
use crate::report::{ArticleReport, ReportBuilder};
use crate::text::utf8::Repairs;

/// Where a piece belongs: its input, its article and its place in the
/// run's order. A piece and its scored result share it.
#[derive(Debug)]
pub(super) struct Origin {
    /// Position in the run, for putting results back in order.
    pub(super) seq: u64,
    /// The number of the piece's article in the run, from 1.
    pub(super) article: u64,
    /// The article's name, shared by its pieces (a table row's id).
    pub(super) name: Arc<str>,
    /// The input's name: the file, the table a row is from, `-`.
    pub(super) input: Arc<str>,
    /// The article's date: a table row's date column, or the date header
    /// once the opening has been read.
    pub(super) date: Option<Arc<str>>,
    /// A table row's date that is not a date, to count and report once.
    pub(super) bad_date: Option<Box<Error>>,
    /// Columns carried from a table row (nulls for other inputs).
    pub(super) carried: Carried,
    /// How much of its input the piece is.
    pub(super) extent: Extent,
    /// Problems to report with this piece (invalid UTF-8 repaired, a line
    /// cut at the longest scored, a table row's problems); mostly none.
    pub(super) warnings: Vec<Error>,
    /// True when invalid UTF-8 in the piece was replaced: its article's
    /// status is then `repaired`.
    pub(super) repaired: bool,
}

/// How much of its input a piece is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Extent {
    /// A whole input: a file or standard input, done when it is written.
    Whole,
    /// A table row, a whole article: its table is done only at the
    /// table's end. `Some` says why the row has no text to score.
    Row(Option<NoText>),
    /// Part of an input cut into pieces; `last` for its last part.
    Part {
        /// True for the input's last part.
        last: bool,
        /// True when the input is a table row too long for one piece.
        row: bool,
    },
}

impl Extent {
    /// True when the piece is a whole article.
    pub(super) fn whole(&self) -> bool {
        !matches!(self, Extent::Part { .. })
    }

    /// True when the piece ends its article.
    pub(super) fn last(&self) -> bool {
        !matches!(self, Extent::Part { last: false, .. })
    }

    /// Why a table row has no text to score, if it has none.
    pub(super) fn no_text(&self) -> Option<&NoText> {
        match self {
            Extent::Row(no_text) => no_text.as_ref(),
            _ => None,
        }
    }
}

/// A piece of one input, ready to score.
#[derive(Debug)]
pub(super) struct Piece {
    pub(super) origin: Origin,
    pub(super) text: PieceText,
    /// Number of the first sentence or line in this piece.
    pub(super) first_number: usize,
    /// Its sentences or lines, when the reader counted them (0 if not).
    pub(super) counted: usize,
}

/// What a sentence's row weighs beside its text when work is passed
/// between threads in batches: a batch of many short sentences renders
/// far more than its bytes.
const ROW_WEIGHT: usize = 32;

impl Piece {
    /// Bytes of text in the piece, decoded or not.
    pub(super) fn len(&self) -> usize {
        match &self.text {
            PieceText::Undecoded { bytes, .. } => bytes.len(),
            PieceText::Row(text) => text.len(),
            PieceText::Decoded(text) => text.text.len(),
        }
    }

    /// Its weight in a batch: its bytes, and its rows where counted.
    pub(super) fn weight(&self) -> usize {
        self.len() + ROW_WEIGHT * self.counted
    }
}

/// A piece's text, as the reader hands it on.
#[derive(Debug)]
pub(super) enum PieceText {
    /// A whole input's bytes, decoded by the worker that scores them
    /// rather than in the reader's lock; its opening is still on.
    Undecoded {
        bytes: Vec<u8>,
        /// For the message if they are not valid UTF-8.
        path: Option<PathBuf>,
    },
    /// A table row's text, its opening still on.
    Row(String),
    /// A part of an input cut into pieces, decoded by the reader (which
    /// must, to cut it between sentences), its opening taken off.
    Decoded(Text),
}

/// Text ready to score.
#[derive(Debug, Default)]
pub(super) struct Text {
    pub(super) text: String,
    /// Where `text` starts in the input's text (as decoded), in bytes.
    pub(super) offset: usize,
    /// How far into a line of the input `text` starts (a piece cut at a
    /// sentence start), for splitting it as the whole input would be.
    pub(super) line_before: usize,
    /// Where invalid UTF-8 in the text was repaired, to give offsets in
    /// the input's bytes.
    pub(super) repairs: Repairs,
    /// The text's sentences, when the reader split it already (to cut the
    /// input or to number the next piece's sentences): splitting is the
    /// costliest step of reading, so the worker does not split it again.
    pub(super) sentences: Option<Vec<Range<usize>>>,
}

/// A problem with an input, passed on from the reader to the writer.
#[derive(Debug)]
pub(super) struct Problem {
    pub(super) seq: u64,
    pub(super) error: Error,
    /// True when the input produced nothing.
    pub(super) fatal_for_input: bool,
}

/// What the reader yields: a piece, a problem with an input, or the end
/// of a table (with its place in the run's order), which its last row
/// cannot say, as it is read before the table's end is.
#[derive(Debug)]
pub(super) enum ReadEvent {
    Piece(Piece),
    Problem(Problem),
    TableEnd(u64),
}

/// What reading an open input gave.
pub(super) enum Step {
    /// An event; the input goes on.
    Event(ReadEvent),
    /// The input's last event.
    Ended(ReadEvent),
    /// Nothing yet: a pipe has not sent the rest of a line.
    Again,
}

/// What a worker made of a read event.
#[derive(Debug)]
pub(super) enum Done {
    Scored(Box<Scored>),
    Problem(Problem),
    TableEnd(u64),
}

impl Done {
    /// Its place in the run's order.
    pub(super) fn seq(&self) -> u64 {
        match self {
            Done::Scored(scored) => scored.origin.seq,
            Done::Problem(problem) => problem.seq,
            Done::TableEnd(seq) => *seq,
        }
    }
}

/// A scored piece: what it shows, rendered (sentence rows, an HTML
/// section), and what it gives its article's row.
#[derive(Debug)]
pub(super) struct Scored {
    pub(super) origin: Origin,
    pub(super) rows: Vec<u8>,
    pub(super) article: ArticlePart,
    /// Bytes of text scored.
    pub(super) bytes: usize,
}

/// What a scored piece gives its article's row.
#[derive(Debug)]
pub(super) enum ArticlePart {
    /// Nothing: the format has no article rows, or lines are scored.
    None,
    /// A part of a long article's report, merged by the assembler.
    Part(ReportBuilder),
    /// A whole article's report and its row, rendered by the worker.
    Whole { report: ArticleReport, row: Vec<u8> },
}

/// The `status` of an article row when it is not the report's own: why a
/// table row has no text, or `repaired` for an article whose invalid
/// UTF-8 was replaced.
pub(super) fn article_status(origin: &Origin) -> Option<String> {
    match origin.extent.no_text() {
        Some(no_text) => Some(no_text.to_string()),
        None => origin.repaired.then(|| "repaired".to_string()),
    }
}
