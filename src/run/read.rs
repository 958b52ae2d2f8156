//! What to read: the run's inputs in order (folders listed as they come),
//! each opened as text ([`text_input`](super::text_input)) or as a table
//! ([`rows`](super::rows)), and read in turn into pieces. Cutting
//! ([`cut`](super::cut)) and decoding ([`decode`](super::decode)) are done
//! on the bytes those read; no other part of the run reads an input.

use super::ledger::Ledger;
use super::options::RunOptions;
use super::piece::{ReadEvent, Step};
use super::rows::OpenTable;
use super::text_input::TextInput;
use crate::error::Result;
use crate::input::table::{Columns, InputFormat};
use crate::input::{Limits, Source};
use crate::output::{Needs, Schema};
use crate::text::sentences::SentenceSplitter;

/// The size of one read: most articles fit.
const READ_BYTES: usize = 64 * 1024;

/// How inputs are read and cut.
pub(super) struct Settings<'a> {
    pub(super) piece_bytes: usize,
    /// Pieces are runs of whole lines, each line a sentence.
    pub(super) lines: bool,
    /// Pieces after an input's first are numbered by the sentences before
    /// them (for formats that show sentences).
    pub(super) count_sentences: bool,
    /// The format renders a row for each sentence (or line).
    pub(super) sentence_rows: bool,
    /// The most sentences a piece holds then.
    pub(super) piece_sentences: usize,
    input_format: Option<InputFormat>,
    pub(super) columns: Columns,
    /// The longest line and table row read whole.
    pub(super) limits: Limits,
    /// The scorer's splitter, which finds where to cut a large input.
    pub(super) splitter: &'a SentenceSplitter,
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

/// The input being read. A text input is kept unboxed, as boxing it
/// would cost an allocation per file; the reader holds one at a time.
#[allow(clippy::large_enum_variant)]
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
                sentence_rows: needs.sentences,
                piece_sentences: options.piece_sentences.max(1),
                input_format: options.input_format,
                columns: options.columns.clone(),
                limits: options.limits,
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
                Reading::Table(table) => {
                    table.next(&self.settings, &mut self.ledger, &mut self.read_buffer)
                }
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
            Some(format) => {
                Reading::Table(Box::new(OpenTable::open(&source, format, &self.settings)?))
            }
            None => Reading::Text(TextInput::open(source, &self.settings)?),
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
        // Tests run in parallel and may read with the same options.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "hedgescore-pieces-{}-{call}-{}-{}-{:?}",
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
    /// Review finding (#19 item 11): a file truncated while it was read
    /// was scored on its first part and reported `ok`.
    #[test]
    fn a_file_that_changes_size_while_read_is_reported_with_its_last_piece() {
        for (kind, level) in [("text", Level::Article), ("csv", Level::Article)] {
            let dir = std::env::temp_dir().join(format!(
                "hedgescore-truncated-{}-{kind}",
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("input.{kind}"));
            let row = "It may rain in the hills today, the forecast says.\n";
            let body = match kind {
                "csv" => format!("text\n{}", row.repeat(400)),
                _ => row.repeat(400),
            };
            std::fs::write(&file, &body).unwrap();
            let options = RunOptions {
                piece_bytes: 1000,
                ..RunOptions::new(1)
            };
            let schema = Schema::new(Category::COUNTED);
            let mut reader = PieceReader::new(
                std::iter::once(Ok(Source::File(file.clone()))),
                &options,
                Needs::of_level(level),
                &schema,
                SentenceSplitter::english(),
            );
            assert!(reader.next().is_some());
            let writer = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
            writer.set_len(1500).unwrap();
            let mut reported = Vec::new();
            for event in reader {
                match event {
                    ReadEvent::Piece(piece) => {
                        reported.extend(piece.origin.warnings.iter().map(|e| e.to_string()))
                    }
                    ReadEvent::Problem(problem) => reported.push(problem.error.to_string()),
                    ReadEvent::TableEnd(_) => {}
                }
            }
            std::fs::remove_dir_all(&dir).unwrap();
            assert!(
                reported
                    .iter()
                    .any(|m| m.contains("input.") && m.contains("changed size while it was read")),
                "{kind}: {reported:?}"
            );
        }
    }

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
