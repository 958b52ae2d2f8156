//! A text input read in pieces of at most about a piece's size, so that
//! no input is ever held whole: a file, standard input, or the text of a
//! table row too long for one piece. A binary file is recognised by a NUL
//! near its start and skipped. In `--lines` mode a piece is a run of
//! whole lines, and a line longer than the longest scored is cut there,
//! the rest of it read and dropped.

use std::collections::VecDeque;
use std::io::Read;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::cut::{Cut, article_cut, cut_sentence, line_count, line_cut};
use super::decode::Parts;
use super::ledger::Ledger;
use super::piece::{Extent, Origin, Piece, PieceText, ReadEvent, Step, Text};
use super::read::Settings;
use crate::error::{Error, Result};
use crate::input::limits::size;
use crate::input::size_watch::{SizeChanged, SizeWatch};
use crate::input::walk::path_name;
use crate::input::{BINARY_SNIFF_BYTES, Source, not_text};
use crate::output::Carried;
use crate::text::sentences::{SentenceSplitter, line_before_after};

/// A text input being read.
pub(super) struct TextInput {
    name: Arc<str>,
    path: Option<PathBuf>,
    reader: Box<dyn Read + Send>,
    /// Bytes read but not yet handed out.
    pending: Vec<u8>,
    eof: bool,
    /// Pieces handed out so far.
    pieces: usize,
    /// Sentences or lines handed out so far.
    numbered: usize,
    /// Decodes the pieces after the first.
    parts: Parts,
    pub(super) interactive: bool,
    /// Where the unfinished last line of `pending` starts (lines mode).
    line_start: usize,
    /// Reading past the rest of a line longer than the longest scored.
    dropping_line: bool,
    /// Where lines were cut short in `pending` (lines mode), with the
    /// bytes of the input dropped there (their rest and line end): a
    /// piece ends at such a place, and the next starts that many input
    /// bytes on.
    dropped: VecDeque<(usize, usize)>,
    /// Problems to report with the next piece.
    warnings: Vec<Error>,
    /// For the text of a table row: the row it is (boxed: rare, and a
    /// reader's inputs take turns in one enum).
    row: Option<Box<Row>>,
    /// Sentences found ahead of the last cut, all whole, where they are
    /// in the input's bytes (`pending` starts at `cut_before`).
    ahead: VecDeque<Range<usize>>,
    /// The bytes cut off before `pending`.
    cut_before: usize,
    /// How far into a line `pending` begins (as the splitter measures).
    line_before: usize,
    /// The most sentences (or lines) a piece holds when the format
    /// renders a row for each: the rows rendered from one piece stay
    /// small, however short its sentences.
    max_sentences: usize,
}

/// A table row with text to score.
pub(super) struct RowText {
    /// Its id, or its file and line.
    pub(super) name: Arc<str>,
    pub(super) text: String,
    /// Its table's name.
    pub(super) input: Arc<str>,
    /// Its date column's date, and a date that is not one, to report.
    pub(super) date: Option<Arc<str>>,
    pub(super) bad_date: Option<Box<Error>>,
    /// True when its invalid UTF-8 was replaced.
    pub(super) repaired: bool,
    pub(super) carried: Carried,
    /// Its problems, to report with its first piece.
    pub(super) warnings: Vec<Error>,
}

/// The table row whose text an input is.
struct Row {
    /// Its line in its table.
    line: u64,
    input: Arc<str>,
    date: Option<Arc<str>>,
    bad_date: Option<Box<Error>>,
    carried: Carried,
    repaired: bool,
}

impl TextInput {
    pub(super) fn open(source: Source, settings: &Settings<'_>) -> Result<TextInput> {
        // The input's name is made once, straight from its path, and the
        // path is kept rather than copied: this runs in the reader's lock,
        // once per file.
        let (reader, interactive, name, path): (Box<dyn Read + Send>, bool, Arc<str>, _) =
            match source {
                Source::Stdin => (Box::new(std::io::stdin()), true, Arc::from("-"), None),
                Source::File(path) => {
                    // No stat first: a folder fails at the first read
                    // (EISDIR), which `fill` reports, and a stat per file
                    // shows in runs over archives of small files.
                    let file = std::fs::File::open(&path).map_err(|e| Error::io(Some(&path), e))?;
                    let name = Arc::from(path_name(&path).as_ref());
                    (Box::new(SizeWatch::new(file)), false, name, Some(path))
                }
            };
        Ok(TextInput {
            max_sentences: settings.piece_sentences,
            ..TextInput::new(name, path, reader, interactive)
        })
    }

    /// The text of a table row on `line`, read in pieces as a file's is,
    /// each carrying the row's columns; `warnings` go with the first. A
    /// piece holds at most `max_sentences` sentences.
    pub(super) fn row(
        row: RowText,
        path: Option<PathBuf>,
        line: u64,
        max_sentences: usize,
    ) -> TextInput {
        let RowText {
            name,
            text,
            input,
            date,
            bad_date,
            repaired,
            carried,
            warnings,
        } = row;
        let reader = Box::new(std::io::Cursor::new(text.into_bytes()));
        let row = Row {
            line,
            input,
            date,
            bad_date,
            carried,
            repaired,
        };
        TextInput {
            warnings,
            row: Some(Box::new(row)),
            max_sentences,
            ..TextInput::new(name, path, reader, false)
        }
    }

    fn new(
        name: Arc<str>,
        path: Option<PathBuf>,
        reader: Box<dyn Read + Send>,
        interactive: bool,
    ) -> TextInput {
        TextInput {
            name,
            path,
            reader,
            pending: Vec::new(),
            eof: false,
            pieces: 0,
            numbered: 0,
            parts: Parts::default(),
            interactive,
            line_start: 0,
            dropping_line: false,
            dropped: VecDeque::new(),
            warnings: Vec::new(),
            row: None,
            ahead: VecDeque::new(),
            cut_before: 0,
            line_before: 0,
            max_sentences: usize::MAX,
        }
    }

    /// Reads on and cuts the next piece.
    pub(super) fn next(
        &mut self,
        settings: &Settings<'_>,
        ledger: &mut Ledger,
        read_buffer: &mut [u8],
    ) -> Step {
        if let Err(e) = self.fill(settings, read_buffer) {
            let error = Error::io(self.path.as_deref(), e);
            return Step::Ended(ledger.problem(error, self.pieces == 0));
        }
        if self.pieces == 0 && self.row.is_none() {
            let sniff = &self.pending[..self.pending.len().min(BINARY_SNIFF_BYTES)];
            if let Some(message) = not_text(sniff) {
                let error = Error::input(self.path.as_deref(), None, message);
                return Step::Ended(ledger.problem(error, true));
            }
        }
        self.skip_dropped();
        let Some(cut) = self.cut(settings) else {
            return Step::Again;
        };
        // A piece that is all of the buffer takes the buffer itself; one
        // that is part of it is copied out at its size and the buffer
        // stays for the rest.
        let raw = if cut.at == self.pending.len() {
            std::mem::take(&mut self.pending)
        } else {
            let raw = self.pending[..cut.at].to_vec();
            self.pending.drain(..cut.at);
            raw
        };
        self.line_start = self.line_start.saturating_sub(cut.at);
        for (at, _) in &mut self.dropped {
            *at -= cut.at;
        }
        self.cut_before += cut.at;
        let line_before = line_before_after(&raw, self.line_before);
        let last = self.eof && self.pending.is_empty();
        let piece = self.piece(raw, cut.sentences, last, settings, ledger);
        self.line_before = line_before;
        match last {
            true => Step::Ended(ReadEvent::Piece(piece)),
            false => Step::Event(ReadEvent::Piece(piece)),
        }
    }

    /// Skips the input bytes dropped before the next piece (the rest of a
    /// line cut short, once it has all been read), for its offsets.
    fn skip_dropped(&mut self) {
        while let Some(&(0, bytes)) = self.dropped.front() {
            if self.dropping_line && self.dropped.len() == 1 {
                return;
            }
            self.dropped.pop_front();
            self.parts.skip(bytes);
        }
    }

    /// Where to cut the bytes read; `None` to wait for more.
    fn cut(&mut self, settings: &Settings<'_>) -> Option<Cut> {
        let whole = |at| Cut {
            at,
            sentences: None,
        };
        if let Some(cut) = self.cut_ahead() {
            return Some(cut);
        }
        self.ahead.clear();
        let cut = if let Some(&(at, _)) = self.dropped.front() {
            // A line cut short ends a piece.
            whole(line_cut(&self.pending[..at], settings.piece_bytes, true)?)
        } else if settings.lines && (!self.eof || self.pending.len() > settings.piece_bytes) {
            line_cut(&self.pending, settings.piece_bytes, self.eof).map(whole)?
        } else if self.eof {
            whole(self.pending.len())
        } else {
            article_cut(&self.pending, settings.splitter, self.line_before)
        };
        if !settings.sentence_rows {
            return Some(cut);
        }
        if settings.lines {
            let bytes = &self.pending[..cut.at];
            return Some(lines_within(bytes, self.max_sentences).map_or(cut, whole));
        }
        Some(self.sentences_within(cut, settings.splitter))
    }

    /// A cut after as many sentences as a piece holds, when the sentences
    /// found ahead by an earlier cut hold more (so a long run of short
    /// sentences is split once, not once per piece).
    fn cut_ahead(&mut self) -> Option<Cut> {
        let max = self.max_sentences.max(1);
        if self.ahead.len() <= max {
            return None;
        }
        let base = self.cut_before;
        let ahead = &self.ahead;
        let k = cut_sentence(&self.pending, |k| ahead[k].start - base, ahead.len(), max)?;
        let at = self.ahead[k].start - base;
        let sentences = self.ahead.drain(..k);
        let sentences = sentences.map(|s| s.start - base..s.end - base).collect();
        Some(Cut {
            at,
            sentences: Some(sentences),
        })
    }

    /// `cut`, moved earlier where the text before it holds more than a
    /// piece's sentences: to the start of the first sentence past them,
    /// the sentences after kept for the next cuts. Splits only when the
    /// cheap bound ([`SentenceSplitter::max_sentences`]) allows more.
    fn sentences_within(&mut self, cut: Cut, splitter: &SentenceSplitter) -> Cut {
        let max = self.max_sentences.max(1);
        let bytes = &self.pending[..cut.at];
        let few = match &cut.sentences {
            Some(sentences) => sentences.len() <= max,
            None => bytes.len() <= max || SentenceSplitter::max_sentences(bytes) <= max,
        };
        if few {
            return cut;
        }
        let (mut sentences, whole) = match cut.sentences {
            Some(sentences) => (sentences, true),
            None => {
                let valid = valid_prefix(bytes);
                let sentences = splitter.split_within_line(valid, self.line_before);
                (sentences, valid.len() == bytes.len())
            }
        };
        // Of text cut short (at invalid UTF-8), the last may run on.
        let known = sentences.len() - usize::from(!whole && !sentences.is_empty());
        if known <= max {
            return Cut {
                at: cut.at,
                sentences: whole.then_some(sentences),
            };
        }
        let Some(k) = cut_sentence(bytes, |k| sentences[k].start, known, max) else {
            return Cut {
                at: cut.at,
                sentences: whole.then_some(sentences),
            };
        };
        let at = sentences[k].start;
        // The last sentence may run on past the cut: it is split again.
        let base = self.cut_before;
        let after = sentences[k..known].iter();
        self.ahead = after.map(|s| s.start + base..s.end + base).collect();
        sentences.truncate(k);
        Cut {
            at,
            sentences: Some(sentences),
        }
    }

    /// The piece of `raw`, the bytes cut; `sentences` are theirs if the
    /// cut found them.
    fn piece(
        &mut self,
        raw: Vec<u8>,
        sentences: Option<Vec<std::ops::Range<usize>>>,
        last: bool,
        settings: &Settings<'_>,
        ledger: &mut Ledger,
    ) -> Piece {
        let first = self.pieces == 0;
        let mut origin = self.origin(ledger);
        if first && last {
            // A whole input (the usual case): the worker decodes it and
            // reads its header, outside the reader's lock.
            if self.row.is_some() {
                origin.extent = Extent::Row(None);
            }
            let bytes = raw;
            let path = self.path.take();
            let text = PieceText::Undecoded { bytes, path };
            return Piece {
                origin,
                text,
                first_number: 1,
                counted: 0,
            };
        }
        let path = self.path.as_deref();
        let (mut text, date, warning) = self.parts.decode(raw, sentences, settings.lines, path);
        // The text's own date header comes first; a table row's date else.
        if date.is_some() {
            (origin.date, origin.bad_date) = (date, None);
        }
        origin.repaired |= warning.is_some();
        origin.warnings.extend(warning);
        let row = self.row.is_some();
        origin.extent = Extent::Part { last, row };
        text.line_before = self.line_before;
        let first_number = self.number(&mut text, settings, last);
        let counted = match &text.sentences {
            Some(sentences) => sentences.len(),
            None => self.numbered + 1 - first_number,
        };
        Piece {
            origin,
            text: PieceText::Decoded(text),
            first_number,
            counted,
        }
    }

    /// Where the next piece belongs: its place in the run, its article
    /// (begun by the input's first piece) and what it carries.
    fn origin(&mut self, ledger: &mut Ledger) -> Origin {
        let seq = ledger.next_seq();
        let first = self.pieces == 0;
        let (input, date, bad_date) = match &mut self.row {
            Some(row) => (
                row.input.clone(),
                row.date.clone(),
                row.bad_date.take().filter(|_| first),
            ),
            None => (self.name.clone(), None, None),
        };
        let carried = match &self.row {
            Some(row) => row.carried.clone(),
            None => {
                let columns = ledger.columns(&[]).names.clone();
                Carried {
                    values: vec![serde_json::Value::Null; columns.len()],
                    columns,
                }
            }
        };
        let article = match self.pieces {
            0 => ledger.begin_article(),
            _ => ledger.article(),
        };
        self.pieces += 1;
        Origin {
            seq,
            article,
            name: self.name.clone(),
            input,
            date,
            bad_date,
            carried,
            extent: Extent::Whole,
            warnings: std::mem::take(&mut self.warnings),
            repaired: self.row.as_ref().is_some_and(|row| row.repaired),
        }
    }

    /// The number of the piece's first sentence or line, with the piece's
    /// counted for the next piece's: lines always, sentences when the
    /// format shows them (the piece then keeps them, so the worker does
    /// not split its text again).
    fn number(&mut self, text: &mut Text, settings: &Settings<'_>, last: bool) -> usize {
        let first_number = self.numbered + 1;
        if settings.lines {
            self.numbered += line_count(&text.text);
        } else if settings.count_sentences && !last {
            let split = || {
                settings
                    .splitter
                    .split_within_line(&text.text, self.line_before)
            };
            let sentences = text.sentences.get_or_insert_with(split);
            self.numbered += sentences.len();
        }
        first_number
    }

    /// Reads until a piece can be cut (or the input ends) into `pending`.
    fn fill(&mut self, settings: &Settings<'_>, read_buffer: &mut [u8]) -> std::io::Result<()> {
        // In lines mode a piece ends at a line end, so a line longer than a
        // piece is read on to its end (or the input's).
        let lines = settings.lines;
        let mut need_line_end =
            lines && self.dropped.is_empty() && memchr::memchr(b'\n', &self.pending).is_none();
        while !self.eof && (self.pending.len() < settings.piece_bytes || need_line_end) {
            let start = self.pending.len();
            // Up to the piece's size; past it only to finish a long line.
            let want = match settings.piece_bytes.checked_sub(start) {
                Some(rest) if rest > 0 => rest,
                _ => read_buffer.len(),
            };
            // Read through the one reused buffer and copied out: the
            // pending bytes of a small file are allocated at its size. (Room
            // made in them for a whole read cost an allocation of 64 KB per
            // file, which with two threads the allocator kept handing back
            // to the system and faulting in again: eight times the page
            // faults of one thread.) A pipe gives what has arrived, so a
            // filter can answer line by line instead of waiting for a piece.
            let limit = want.min(read_buffer.len());
            let line_ended = match self.reader.read(&mut read_buffer[..limit]) {
                Ok(0) => {
                    self.eof = true;
                    false
                }
                Ok(n) => self.take(&read_buffer[..n], settings),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // Reported with the last piece, which is scored as read.
                Err(e) if SizeChanged::of(&e).is_some() => {
                    let error = Error::input(self.path.as_deref(), None, e.to_string());
                    self.warnings.push(error);
                    self.eof = true;
                    false
                }
                Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                    return Err(std::io::Error::other("is a folder, not a file"));
                }
                Err(e) => return Err(e),
            };
            if line_ended {
                need_line_end = false;
                if self.interactive {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Takes the bytes of a read into `pending`; in lines mode, drops what
    /// a line has beyond the longest scored, and its line end. True if a
    /// line ended (or was cut short) in them.
    fn take(&mut self, mut bytes: &[u8], settings: &Settings<'_>) -> bool {
        if !settings.lines {
            self.pending.extend_from_slice(bytes);
            return false;
        }
        let max = settings.limits.line_bytes;
        let mut line_ended = false;
        while !bytes.is_empty() {
            if self.dropping_line {
                bytes = self.drop_line(bytes);
                continue;
            }
            let room = max.saturating_sub(self.pending.len() - self.line_start);
            match memchr::memchr(b'\n', bytes) {
                Some(end) if end <= room => {
                    self.pending.extend_from_slice(&bytes[..=end]);
                    self.line_start = self.pending.len();
                    line_ended = true;
                    bytes = &bytes[end + 1..];
                }
                _ if bytes.len() <= room => {
                    self.pending.extend_from_slice(bytes);
                    bytes = &[];
                }
                _ => {
                    self.pending.extend_from_slice(&bytes[..room]);
                    let back = self.cut_long_line(bytes[room], max);
                    line_ended = true;
                    bytes = &bytes[room..];
                    self.dropped.back_mut().expect("just cut").1 += back;
                }
            }
        }
        line_ended
    }

    /// Drops the bytes of a line cut short up to its line end, counted
    /// as dropped; what follows its end.
    fn drop_line<'b>(&mut self, bytes: &'b [u8]) -> &'b [u8] {
        let (count, rest) = match memchr::memchr(b'\n', bytes) {
            Some(end) => {
                self.dropping_line = false;
                (end + 1, &bytes[end + 1..])
            }
            None => (bytes.len(), &[][..]),
        };
        self.dropped.back_mut().expect("dropping a line").1 += count;
        rest
    }

    /// Ends the unfinished line in `pending`, `max` bytes long, at a
    /// character boundary (`next` is the byte after it), and drops the
    /// rest of it as it comes, with a warning naming it. The bytes taken
    /// back off `pending` to end at a boundary.
    fn cut_long_line(&mut self, next: u8, max: usize) -> usize {
        let is_continuation = |b: u8| (b as i8) < -0x40;
        let full = self.pending.len();
        if is_continuation(next) {
            // Back to the start of the character cut, at most four bytes.
            let mut end = full;
            let floor = self.line_start.max(end.saturating_sub(4));
            while end > floor && is_continuation(self.pending[end - 1]) {
                end -= 1;
            }
            self.pending
                .truncate(end.saturating_sub(1).max(self.line_start));
        }
        self.dropping_line = true;
        let before = memchr::memchr_iter(b'\n', &self.pending[..self.line_start]).count();
        let number = self.numbered + before + self.dropped.len() + 1;
        self.dropped.push_back((self.pending.len(), 0));
        self.line_start = self.pending.len();
        let (line, what) = match &self.row {
            Some(row) => (row.line, format!("line {number} of the row's text is")),
            None => (number as u64, "the line is".to_string()),
        };
        let message = format!(
            "{what} longer than {}, the longest line --lines scores; scored on its first {}",
            size(max),
            size(max)
        );
        let warning = Error::input(self.path.as_deref(), Some(line), message);
        self.warnings.push(warning);
        full - self.pending.len()
    }
}

/// Where to cut a run of whole lines so that it holds at most `max`;
/// `None` when it does.
fn lines_within(bytes: &[u8], max: usize) -> Option<usize> {
    if bytes.len() <= max {
        return None;
    }
    let end = memchr::memchr_iter(b'\n', bytes).nth(max.max(1) - 1)?;
    (end + 1 < bytes.len()).then_some(end + 1)
}

/// The longest prefix of `bytes` that is valid UTF-8.
fn valid_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}
