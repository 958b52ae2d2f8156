//! What to read and reading it: the run's inputs in order (folders listed
//! as they come), each opened as text or as a table ([`rows`](super::rows)),
//! a text input read in pieces of at most about a piece's size, so that no
//! input is ever held whole. A binary file is recognised by a NUL near its
//! start and skipped. Cutting ([`cut`](super::cut)) and decoding
//! ([`decode`](super::decode)) are done on the bytes read here; this is
//! the one module that reads an input.

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use super::cut::{Cut, article_cut, line_count, line_cut};
use super::decode::Parts;
use super::ledger::Ledger;
use super::options::RunOptions;
use super::piece::{Extent, Origin, Piece, PieceText, ReadEvent, Step, Text};
use super::rows::OpenTable;
use crate::error::{Error, Result};
use crate::input::Source;
use crate::input::table::{Columns, InputFormat};
use crate::output::{Carried, Needs, Schema};
use crate::text::sentences::SentenceSplitter;

/// Bytes checked for a NUL to recognise a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;
/// The size of one read: most articles fit.
const READ_BYTES: usize = 64 * 1024;

/// How inputs are read and cut.
struct Settings<'a> {
    piece_bytes: usize,
    /// Pieces are runs of whole lines, each line a sentence.
    lines: bool,
    /// Pieces after an input's first are numbered by the sentences before
    /// them (for formats that show sentences).
    count_sentences: bool,
    input_format: Option<InputFormat>,
    columns: Columns,
    /// The scorer's splitter, which finds where to cut a large input.
    splitter: &'a SentenceSplitter,
}

/// Reads inputs in order and cuts them into pieces.
pub(super) struct PieceReader<'a> {
    sources: Box<dyn Iterator<Item = Result<Source>> + Send + 'a>,
    settings: Settings<'a>,
    ledger: Ledger,
    reading: Reading,
    /// Where every read lands before it is copied to the pending bytes.
    read_buffer: Vec<u8>,
}

/// The input being read.
enum Reading {
    /// None: the next source is opened.
    Next,
    Text(TextInput),
    /// Boxed: a table reader is three times the size of a text input.
    Table(Box<OpenTable>),
}

impl<'a> PieceReader<'a> {
    /// A reader of `sources` for a format with `needs`, in a run whose own
    /// columns are `schema`'s, cutting large inputs between the sentences
    /// `splitter` finds.
    pub(super) fn new(
        sources: impl Iterator<Item = Result<Source>> + Send + 'a,
        options: &RunOptions,
        needs: Needs,
        schema: &Schema,
        splitter: &'a SentenceSplitter,
    ) -> PieceReader<'a> {
        PieceReader {
            sources: Box::new(sources),
            settings: Settings {
                piece_bytes: options.piece_bytes.max(1),
                lines: options.lines,
                count_sentences: !options.lines && needs.sentences,
                input_format: options.input_format,
                columns: options.columns.clone(),
                splitter,
            },
            ledger: Ledger::new(schema),
            reading: Reading::Next,
            read_buffer: vec![0; READ_BYTES],
        }
    }

    /// The next event, or `None` when every input is done.
    pub(super) fn next_event(&mut self) -> Option<ReadEvent> {
        loop {
            if let Reading::Next = self.reading {
                match self.sources.next()?.and_then(|source| self.open(source)) {
                    Ok(reading) => self.reading = reading,
                    // A folder that could not be listed, a missing path, a
                    // file or table that could not be opened.
                    Err(error) => return Some(self.ledger.problem(error, true)),
                }
            }
            let step = match &mut self.reading {
                Reading::Next => Step::Again,
                Reading::Table(table) => table.next(&mut self.ledger),
                Reading::Text(input) => {
                    input.next(&self.settings, &mut self.ledger, &mut self.read_buffer)
                }
            };
            match step {
                Step::Event(event) => return Some(event),
                Step::Ended(event) => {
                    self.reading = Reading::Next;
                    return Some(event);
                }
                Step::Again => {}
            }
        }
    }

    /// Opens `source` as text or as a table, by the run's input format or
    /// else its extension (standard input is then text).
    fn open(&self, source: Source) -> Result<Reading> {
        let format = match (self.settings.input_format, &source) {
            (Some(format), _) => format,
            (None, Source::Stdin) => InputFormat::Text,
            (None, Source::File(path)) => InputFormat::from_path(path),
        };
        Ok(match format.table() {
            Some(format) => Reading::Table(Box::new(OpenTable::open(
                &source,
                format,
                &self.settings.columns,
            )?)),
            None => Reading::Text(TextInput::open(source)?),
        })
    }

    /// True while the input being read is standard input, whose reader may
    /// be waiting for each answer.
    pub(super) fn streaming(&self) -> bool {
        match &self.reading {
            Reading::Next => false,
            Reading::Text(input) => input.interactive,
            Reading::Table(table) => table.streaming(),
        }
    }
}

impl Iterator for PieceReader<'_> {
    type Item = ReadEvent;

    fn next(&mut self) -> Option<ReadEvent> {
        self.next_event()
    }
}

/// A text input being read: a file or standard input.
struct TextInput {
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
    interactive: bool,
}

impl TextInput {
    fn open(source: Source) -> Result<TextInput> {
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
                    let name = match path.to_str() {
                        Some(name) => Arc::from(name),
                        None => Arc::from(path.to_string_lossy().as_ref()),
                    };
                    (Box::new(file), false, name, Some(path))
                }
            };
        Ok(TextInput {
            name,
            path,
            reader,
            pending: Vec::new(),
            eof: false,
            pieces: 0,
            numbered: 0,
            parts: Parts::default(),
            interactive,
        })
    }

    /// Reads on and cuts the next piece.
    fn next(
        &mut self,
        settings: &Settings<'_>,
        ledger: &mut Ledger,
        read_buffer: &mut [u8],
    ) -> Step {
        if let Err(e) = self.fill(settings, read_buffer) {
            let error = Error::io(self.path.as_deref(), e);
            return Step::Ended(ledger.problem(error, self.pieces == 0));
        }
        if self.pieces == 0 {
            let sniff = &self.pending[..self.pending.len().min(BINARY_SNIFF_BYTES)];
            if let Some(at) = memchr::memchr(0, sniff) {
                let error = Error::input(
                    self.path.as_deref(),
                    None,
                    format!("looks like a binary file (a NUL byte at offset {at}); skipped"),
                );
                return Step::Ended(ledger.problem(error, true));
            }
        }
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
        let last = self.eof && self.pending.is_empty();
        let piece = self.piece(raw, cut.sentences, last, settings, ledger);
        match last {
            true => Step::Ended(ReadEvent::Piece(piece)),
            false => Step::Event(ReadEvent::Piece(piece)),
        }
    }

    /// Where to cut the bytes read; `None` to wait for more.
    fn cut(&self, settings: &Settings<'_>) -> Option<Cut> {
        let whole = |at| Cut {
            at,
            sentences: None,
        };
        if settings.lines && (!self.eof || self.pending.len() > settings.piece_bytes) {
            line_cut(&self.pending, settings.piece_bytes, self.eof).map(whole)
        } else if self.eof {
            Some(whole(self.pending.len()))
        } else {
            Some(article_cut(&self.pending, settings.splitter))
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
        let seq = ledger.next_seq();
        let columns = ledger.columns(&[]).names.clone();
        let carried = Carried {
            values: vec![serde_json::Value::Null; columns.len()],
            columns,
        };
        let first = self.pieces == 0;
        self.pieces += 1;
        let article = if first {
            ledger.begin_article()
        } else {
            ledger.article()
        };
        let mut origin = Origin {
            seq,
            article,
            name: self.name.clone(),
            input: self.name.clone(),
            date: None,
            bad_date: None,
            carried,
            extent: Extent::Whole,
            warning: None,
        };
        if first && last {
            // A whole input (the usual case): the worker decodes it and
            // reads its header, outside the reader's lock.
            let bytes = raw;
            let path = self.path.take();
            let text = PieceText::Undecoded { bytes, path };
            return Piece {
                origin,
                text,
                first_number: 1,
            };
        }
        let path = self.path.as_deref();
        let (mut text, date, warning) = self.parts.decode(raw, sentences, settings.lines, path);
        (origin.date, origin.warning) = (date, warning);
        origin.extent = Extent::Part { last };
        let first_number = self.number(&mut text, settings, last);
        Piece {
            origin,
            text: PieceText::Decoded(text),
            first_number,
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
            let sentences = text
                .sentences
                .get_or_insert_with(|| settings.splitter.split(&text.text));
            self.numbered += sentences.len();
        }
        first_number
    }

    /// Reads until a piece can be cut (or the input ends) into `pending`.
    fn fill(&mut self, settings: &Settings<'_>, read_buffer: &mut [u8]) -> std::io::Result<()> {
        // In lines mode a piece ends at a line end, so a line longer than a
        // piece is read on to its end (or the input's).
        let lines = settings.lines;
        let mut need_line_end = lines && memchr::memchr(b'\n', &self.pending).is_none();
        while !self.eof && (self.pending.len() < settings.piece_bytes || need_line_end) {
            let start = self.pending.len();
            // Up to the piece's size; past it only to finish a long line.
            let want = match settings.piece_bytes.checked_sub(start) {
                Some(rest) if rest > 0 => rest,
                _ => READ_BYTES,
            };
            // Read through the one reused buffer and copied out: the
            // pending bytes of a small file are allocated at its size. (Room
            // made in them for a whole read cost an allocation of 64 KB per
            // file, which with two threads the allocator kept handing back
            // to the system and faulting in again: eight times the page
            // faults of one thread.) A pipe gives what has arrived, so a
            // filter can answer line by line instead of waiting for a piece.
            let limit = want.min(read_buffer.len());
            match self.reader.read(&mut read_buffer[..limit]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.pending.extend_from_slice(&read_buffer[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                    return Err(std::io::Error::other("is a folder, not a file"));
                }
                Err(e) => return Err(e),
            }
            if lines && memchr::memchr(b'\n', &self.pending[start..]).is_some() {
                need_line_end = false;
                if self.interactive {
                    break;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;
    use crate::lexicon::Category;
    use crate::output::Level;
    use crate::run::decode;

    /// Pieces of one input: their texts, read from `text` in a file.
    fn pieces(text: &str, piece_bytes: usize, lines: bool) -> Vec<String> {
        let options = RunOptions {
            piece_bytes,
            lines,
            ..RunOptions::new(1)
        };
        read_pieces(text, &options, Level::Sentence)
            .into_iter()
            .map(|piece| piece.text)
            .collect()
    }

    /// A piece, ready to score.
    struct ReadyPiece {
        text: String,
        sentences: Option<Vec<Range<usize>>>,
        first_number: usize,
    }

    /// Pieces of one input, ready to score, read from `text` in a file.
    fn read_pieces(text: &str, options: &RunOptions, level: Level) -> Vec<ReadyPiece> {
        let dir = std::env::temp_dir().join(format!(
            "hedgescore-pieces-{}-{}-{}-{:?}",
            std::process::id(),
            options.piece_bytes,
            options.lines,
            level,
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("input.txt");
        std::fs::write(&file, text).unwrap();
        let schema = Schema::new(Category::COUNTED);
        let needs = Needs::of_level(level);
        let reader = PieceReader::new(
            std::iter::once(Ok(Source::File(file))),
            options,
            needs,
            &schema,
            SentenceSplitter::english(),
        );
        let pieces = reader
            .map(|event| match event {
                ReadEvent::Piece(mut piece) => {
                    let text = decode::ready(piece.text, &mut piece.origin, options.lines);
                    ReadyPiece {
                        text: text.text,
                        sentences: text.sentences,
                        first_number: piece.first_number,
                    }
                }
                ReadEvent::Problem(problem) => panic!("{}", problem.error),
                ReadEvent::TableEnd(_) => panic!("a text input read as a table"),
            })
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        pieces
    }

    /// Splitting is the reader's costliest step: a piece takes the
    /// sentences the reader found in cutting or numbering it, which are the
    /// ones the worker would find, so the worker does not split it again.
    #[test]
    fn pieces_take_the_sentences_the_reader_found() {
        // Hard-wrapped with no paragraph break, so each cut splits the text
        // to find the last sentence's start; with paragraph breaks, no cut
        // needs to split.
        let wrapped = "It may rain in the hills today,\nthe forecast says. ".repeat(300);
        let paragraphs = "It may rain in the hills today. It could pour.\n\n".repeat(300);
        // The opening taken off the first piece moves its sentences.
        let dated = format!("\u{feff}date 2024-01-02\n{wrapped}");
        for (text, cut_splits) in [(&wrapped, true), (&paragraphs, false), (&dated, true)] {
            for level in [Level::Article, Level::Sentence] {
                let options = RunOptions {
                    piece_bytes: 1000,
                    ..RunOptions::new(1)
                };
                let pieces = read_pieces(text, &options, level);
                assert!(pieces.len() > 10);
                let mut first_number = 1;
                for (i, piece) in pieces.iter().enumerate() {
                    let split = SentenceSplitter::english().split(&piece.text);
                    if let Some(sentences) = &piece.sentences {
                        assert_eq!(*sentences, split, "{level:?} piece {i}");
                    }
                    // Sentence rows are numbered across pieces, so every
                    // piece that has one after it is split in the reader.
                    let last = i + 1 == pieces.len();
                    let split_in_reader = !last && (level == Level::Sentence || cut_splits);
                    if i > 0 || text != &dated {
                        assert_eq!(
                            piece.sentences.is_some(),
                            split_in_reader,
                            "{level:?} piece {i}"
                        );
                    }
                    if level == Level::Sentence {
                        assert_eq!(piece.first_number, first_number, "piece {i}");
                    }
                    first_number += split.len();
                }
            }
        }
    }

    #[test]
    fn pieces_stay_within_their_size_and_lose_nothing() {
        let sentence = "It may rain in the hills today, the forecast says. ";
        let mut text = String::new();
        for paragraph in 0..400 {
            for _ in 0..(paragraph % 7 + 1) {
                text.push_str(sentence);
            }
            text.push_str(if paragraph % 3 == 0 { "\n\n" } else { "\n" });
        }
        for piece_bytes in [100, 1000, 4096, 70_000] {
            let cut = pieces(&text, piece_bytes, false);
            assert!(cut.len() > 1 || text.len() <= piece_bytes);
            for piece in &cut {
                assert!(
                    piece.len() <= piece_bytes,
                    "{} > {piece_bytes}",
                    piece.len()
                );
            }
            assert_eq!(cut.concat(), text);
            // In lines mode a piece is whole lines; only a line longer than
            // a piece makes one longer, and then it is that line alone.
            let cut = pieces(&text, piece_bytes, true);
            for piece in &cut {
                assert!(piece.ends_with('\n'));
                assert!(piece.len() <= piece_bytes || piece.lines().count() == 1);
            }
            assert_eq!(cut.concat(), text);
        }
    }
}
