//! What a run is asked to do ([`RunOptions`]) and what it did
//! ([`RunSummary`]).

use crate::groups::GroupSpec;
use crate::input::Limits;
use crate::input::table::{Columns, InputFormat};

/// The size at which an input is cut into pieces.
pub const PIECE_BYTES: usize = 1 << 20;

/// The most sentences (or lines) of a piece whose sentences the format
/// shows: each renders a row of some hundred bytes (an HTML sentence
/// some four hundred), so a piece of very short sentences renders many
/// times its size; this keeps a piece's rows to a few megabytes.
pub const PIECE_SENTENCES: usize = 16_384;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Each input line is one sentence, scored as is (implies sentence rows).
    pub lines: bool,
    /// Worker threads; 1 runs everything on the calling thread.
    pub threads: usize,
    /// Flush the output after every piece (for use as a streaming filter).
    pub flush_each_piece: bool,
    /// The size at which inputs are cut into pieces ([`PIECE_BYTES`]).
    pub piece_bytes: usize,
    /// The most sentences a piece holds when the format shows sentences
    /// ([`PIECE_SENTENCES`]).
    pub piece_sentences: usize,
    /// How inputs are read; `None` guesses from each file's extension
    /// (standard input is then text).
    pub input_format: Option<InputFormat>,
    /// The text, id and date columns of table inputs.
    pub columns: Columns,
    /// The longest line (`--lines`) and table row read whole.
    pub limits: Limits,
    /// Article rows hold the LIWC-style measures
    /// ([`Schema::liwc_measures`](crate::output::Schema::liwc_measures)).
    pub liwc_measures: bool,
    /// Group rows after the last article, by this spec (the whole run
    /// alone for an empty spec); none unless given.
    pub grouping: Option<GroupSpec>,
}

impl RunOptions {
    /// Options for a run on `threads` threads, with the other settings at
    /// their defaults.
    pub fn new(threads: usize) -> RunOptions {
        RunOptions {
            lines: false,
            threads,
            flush_each_piece: false,
            piece_bytes: PIECE_BYTES,
            piece_sentences: PIECE_SENTENCES,
            input_format: None,
            columns: Columns::default(),
            limits: Limits::default(),
            liwc_measures: false,
            grouping: None,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Inputs read to their end (a table once, at its end).
    pub scored: usize,
    /// Table rows written (the articles of tables).
    pub rows: usize,
    /// Inputs with a problem: unreadable, binary, or repaired (invalid
    /// UTF-8), and problems listing folders (a missing path, an unreadable
    /// folder, a symbolic-link loop, a FIFO inside a folder); not notices.
    pub failed: usize,
    /// The inputs that ended on their problem, before their last rows: the
    /// failed ones but the repaired (which are also `scored`), and notices.
    pub unfinished: usize,
    /// Bytes of text scored so far.
    pub bytes: u64,
}

impl RunSummary {
    /// Inputs done, each once: scored, or ended on a problem.
    pub fn inputs_done(&self) -> usize {
        self.scored + self.unfinished
    }
}
