//! The scoring run: inputs in, rows out, in flat memory and on every core.
//!
//! Three stages, each a small type:
//!
//! 1. `PieceReader` reads the inputs in order (folders listed as it goes)
//!    and cuts them into pieces of at most about [`PIECE_BYTES`]: a whole
//!    article when it is smaller (the usual case), otherwise cuts between
//!    sentences (at a paragraph break where there is one), so that no
//!    input is ever held whole; in `--lines` mode a piece is a run of
//!    whole lines.
//! 2. `Worker` scores a piece and renders its rows to bytes: sentence rows,
//!    or the article's row when the piece is a whole article; otherwise a
//!    partial article report.
//! 3. `Assembler` takes the finished pieces in input order, merges the
//!    partial reports of an article cut into pieces, and writes.
//!
//! With one thread the stages run in turn on the calling thread; with more,
//! each worker thread (the calling thread is one of them) reads its next
//! batch of pieces itself (one at a time, under a lock: the reader is
//! sequential), scores it, and hands it to the assembler (under a second
//! lock), which writes whatever is ready. A fixed number of tickets bounds
//! the batches in
//! flight, so memory stays flat however large the input, and output order
//! is input order whatever the thread count.

use std::collections::BTreeMap;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use crate::error::{Error, ErrorKind, Result};
use crate::input::Source;
use crate::input::table::{Columns, InputFormat, TableReader};
use crate::output::{Carried, Format, Level, ReportWriter, RowContext, RowRenderer};
use crate::report::{Article, ArticleReport, ReportBuilder};
use crate::scoring::{ScoredText, Scorer};
use crate::text::sentences::SentenceSplitter;
use crate::text::utf8::{Repairs, Start};

/// The size at which an input is cut into pieces.
pub const PIECE_BYTES: usize = 1 << 20;
/// Bytes checked for a NUL to recognise a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;
/// The size of one read: most articles fit.
const READ_BYTES: usize = 64 * 1024;
/// Batches in flight per worker thread.
const BATCHES_PER_WORKER: usize = 4;
/// A batch is sent on once its pieces hold this many bytes...
const BATCH_BYTES: usize = 256 * 1024;
/// ... or this many pieces.
const BATCH_EVENTS: usize = 256;

/// How inputs are read and rows written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Output format.
    pub format: Format,
    /// Article or sentence rows.
    pub level: Level,
    /// Each input line is one sentence, scored as is (implies sentence rows).
    pub lines: bool,
    /// Worker threads; 1 runs everything on the calling thread.
    pub threads: usize,
    /// Flush the output after every piece (for use as a streaming filter).
    pub flush_each_piece: bool,
    /// The size at which inputs are cut into pieces ([`PIECE_BYTES`]).
    pub piece_bytes: usize,
    /// How inputs are read; `None` guesses from each file's extension
    /// (standard input is then text).
    pub input_format: Option<InputFormat>,
    /// The text and id columns of table inputs.
    pub columns: Columns,
    /// CSV for Excel: a byte order mark and CRLF line ends.
    pub excel: bool,
}

impl RunOptions {
    /// Options for `format` and `level` rows, on `threads` threads, with
    /// the other settings at their defaults.
    pub fn new(format: Format, level: Level, threads: usize) -> RunOptions {
        RunOptions {
            format,
            level,
            lines: false,
            threads,
            flush_each_piece: false,
            piece_bytes: PIECE_BYTES,
            input_format: None,
            columns: Columns::default(),
            excel: false,
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

/// A piece of one input, ready to score.
#[derive(Debug)]
struct Piece {
    /// Position in the run, for putting results back in order.
    seq: u64,
    /// The number of the piece's article in the run, from 1 (HTML ids).
    article: u64,
    /// A problem to report with this piece (invalid UTF-8 repaired); boxed,
    /// as it is rare and as large as the rest of a piece's fixed part.
    warning: Option<Box<Error>>,
    /// The input's name, shared by its pieces.
    name: Arc<str>,
    /// The article's date header (from its first piece).
    date: Option<Arc<str>>,
    /// The text to score (empty while `undecoded`).
    text: String,
    /// A whole input's bytes, decoded by the worker that scores them
    /// rather than in the reader's lock (see [`Piece::decoded`]).
    undecoded: Option<Undecoded>,
    /// True while the text (or the undecoded bytes) still begins with the
    /// input's opening, which the worker takes off ([`take_header`]).
    header: bool,
    /// Where `text` starts in the input's text (as decoded), in bytes.
    offset: usize,
    /// Where invalid UTF-8 in the text was repaired, to give offsets in the
    /// input's bytes.
    repairs: Repairs,
    /// The text's sentences, when the reader split it already (to cut the
    /// input or to number the next piece's sentences): splitting is the
    /// costliest step of reading, so the worker does not split it again.
    sentences: Option<Vec<Range<usize>>>,
    /// Number of the first sentence or line in this piece.
    first_number: usize,
    /// True for the input's last piece.
    last: bool,
    /// True when this piece is the whole input (its first and last).
    whole: bool,
    /// True for a table row: its table is done only at the table's end.
    table_row: bool,
    /// Columns carried from a table row (empty for other inputs).
    carried: Carried,
    /// Why a table row has no text to score.
    status: Option<String>,
}

/// The bytes of a whole input, not yet decoded.
#[derive(Debug)]
struct Undecoded {
    bytes: Vec<u8>,
    /// For the message if they are not valid UTF-8.
    path: Option<std::path::PathBuf>,
}

impl Piece {
    /// The piece ready to score, with what the reader left to the worker
    /// done: the bytes decoded as UTF-8 (bad bytes replaced and reported),
    /// and the opening taken off the text, whose date the piece takes.
    fn decoded(mut self, lines: bool) -> Piece {
        if let Some(undecoded) = self.undecoded.take() {
            let (text, repairs) = crate::text::utf8::decode(undecoded.bytes, Start::default());
            self.warning = repairs
                .first_bad_byte()
                .map(|at| Box::new(utf8_warning(undecoded.path.as_deref(), at)));
            self.text = text;
            self.repairs = repairs;
        }
        if std::mem::take(&mut self.header) {
            let header = take_header(&mut self.text, lines);
            self.offset += header.len;
            self.date = header.date;
        }
        self
    }

    /// Bytes of text in the piece, decoded or not.
    fn len(&self) -> usize {
        self.text.len() + self.undecoded.as_ref().map_or(0, |u| u.bytes.len())
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
fn utf8_warning(path: Option<&std::path::Path>, at: usize) -> Error {
    Error::input(
        path,
        None,
        format!(
            "is not valid UTF-8 (first bad byte at offset {at}); scored with the bad bytes replaced by U+FFFD"
        ),
    )
}

/// A problem with an input, passed on from the reader to the writer.
#[derive(Debug)]
struct Problem {
    seq: u64,
    error: Error,
    /// True when the input produced nothing.
    fatal_for_input: bool,
}

/// What the reader yields: a piece, a problem with an input, or the end
/// of a table (with its place in the run's order), which its last row
/// cannot say, as it is read before the table's end is.
#[derive(Debug)]
enum ReadEvent {
    Piece(Piece),
    Problem(Problem),
    TableEnd(u64),
}

/// A finished piece.
#[derive(Debug)]
enum Done {
    Scored(Box<ScoredPiece>),
    Problem(Problem),
    TableEnd(u64),
}

/// A scored piece: rows rendered by the worker (sentence rows, an HTML
/// section, or the article row of a piece that is a whole article), and
/// the piece's part of its article's report when the assembler still needs
/// one (an article cut into pieces, the HTML summary).
#[derive(Debug)]
struct ScoredPiece {
    seq: u64,
    article: u64,
    rows: Vec<u8>,
    report: Option<ReportBuilder>,
    name: Arc<str>,
    date: Option<Arc<str>>,
    last: bool,
    table_row: bool,
    warning: Option<Error>,
    bytes: usize,
    carried: Carried,
    status: Option<String>,
}

impl Done {
    fn seq(&self) -> u64 {
        match self {
            Done::Scored(piece) => piece.seq,
            Done::Problem(problem) => problem.seq,
            Done::TableEnd(seq) => *seq,
        }
    }
}

/// Reads inputs in order and cuts them into pieces.
struct PieceReader<'a> {
    sources: Box<dyn Iterator<Item = Result<Source>> + Send + 'a>,
    piece_bytes: usize,
    lines: bool,
    count_sentences: bool,
    seq: u64,
    /// Articles begun so far: table rows and other inputs.
    articles: u64,
    current: Option<OpenInput>,
    table: Option<OpenTable>,
    input_format: Option<InputFormat>,
    columns: Columns,
    /// The carried columns of the run's output, fixed by its first piece.
    run_columns: Option<RunColumns>,
    /// Where every read lands before it is copied to the pending bytes.
    read_buffer: Vec<u8>,
    /// The scorer's splitter, which finds where to cut a large input.
    splitter: &'a SentenceSplitter,
}

/// The carried columns of a run, fixed by its first input.
struct RunColumns {
    /// As named in the output.
    names: Arc<[String]>,
    /// As named in the input, to find them in the run's later tables.
    sources: Vec<String>,
}

/// A table input being read.
struct OpenTable {
    name: String,
    path: Option<std::path::PathBuf>,
    reader: TableReader,
    /// For each of the run's carried columns, its place in this table.
    places: Option<Vec<Option<usize>>>,
}

/// An input being read.
struct OpenInput {
    name: Arc<str>,
    path: Option<std::path::PathBuf>,
    reader: Box<dyn Read + Send>,
    /// Bytes read but not yet handed out.
    pending: Vec<u8>,
    eof: bool,
    /// Where the next piece starts in the input's text.
    start: Start,
    /// Sentences or lines handed out so far.
    numbered: usize,
    pieces: usize,
    date: Option<Arc<str>>,
    warned_utf8: bool,
    interactive: bool,
}

impl<'a> PieceReader<'a> {
    /// A reader of `sources`. With `lines`, pieces are runs of whole lines;
    /// with `count_sentences`, pieces after an input's first are numbered
    /// by the sentences before them (needed only for sentence rows).
    fn new(
        sources: impl Iterator<Item = Result<Source>> + Send + 'a,
        options: &RunOptions,
        splitter: &'a SentenceSplitter,
    ) -> PieceReader<'a> {
        let piece_bytes = options.piece_bytes.max(1);
        PieceReader {
            sources: Box::new(sources),
            piece_bytes,
            lines: options.lines,
            // Sentence rows and HTML sections number sentences across pieces.
            count_sentences: !options.lines
                && (options.level == Level::Sentence || options.format == Format::Html),
            seq: 0,
            articles: 0,
            current: None,
            table: None,
            input_format: options.input_format,
            columns: options.columns.clone(),
            run_columns: None,
            read_buffer: vec![0; READ_BYTES],
            splitter,
        }
    }

    /// The run's carried columns, fixed the first time they are asked for:
    /// those of the first input if it is a table, else none, renamed where
    /// they clash ([`carried_names`](crate::output::carried_names)).
    fn run_columns(&mut self, first: &[String]) -> &RunColumns {
        self.run_columns.get_or_insert_with(|| RunColumns {
            names: crate::output::carried_names(first).into(),
            sources: first.to_vec(),
        })
    }

    fn format_of(&self, source: &Source) -> InputFormat {
        match (self.input_format, source) {
            (Some(format), _) => format,
            (None, Source::Stdin) => InputFormat::Text,
            (None, Source::File(path)) => InputFormat::from_path(path),
        }
    }

    fn open_table(&self, source: &Source, format: InputFormat) -> Result<OpenTable> {
        let reader: Box<dyn Read + Send> = match source {
            Source::Stdin => Box::new(std::io::stdin()),
            Source::File(path) => {
                Box::new(std::fs::File::open(path).map_err(|e| Error::io(Some(path), e))?)
            }
        };
        Ok(OpenTable {
            name: source.name(),
            path: source.path().map(|p| p.to_path_buf()),
            reader: TableReader::new(reader, format, &self.columns, source.path())?,
            places: None,
        })
    }

    /// The next row of the open table as a piece, or `None` at its end.
    fn next_table_event(&mut self) -> Option<ReadEvent> {
        let table = self.table.as_mut()?;
        let record = match table.reader.next_record(table.path.as_deref()) {
            None => {
                self.table = None;
                return Some(ReadEvent::TableEnd(self.next_seq()));
            }
            Some(Err(error)) => {
                self.table = None;
                return Some(self.problem(error, false));
            }
            Some(Ok(record)) => record,
        };
        let table_columns = self
            .table
            .as_ref()
            .expect("an open table")
            .reader
            .carried_columns()
            .to_vec();
        let run_columns = self.run_columns(&table_columns);
        let (columns, sources) = (run_columns.names.clone(), run_columns.sources.clone());
        let seq = self.next_seq();
        self.articles += 1;
        let table = self.table.as_mut().expect("an open table");
        let name: Arc<str> = match &record.id {
            Some(id) => Arc::from(id.as_str()),
            None => Arc::from(format!("{}:{}", table.name, record.line)),
        };
        // Each of the run's columns takes the table's first unused column of
        // its input name: for the run's first table that is the column at
        // its own place (an output name may differ from it, and two input
        // columns may share one), for a later table the column of the same
        // name; a later table's other columns have nowhere to go.
        let mut problems: Vec<String> = Vec::new();
        let places = table.places.get_or_insert_with(|| {
            let mut used = vec![false; table_columns.len()];
            let places: Vec<Option<usize>> = sources
                .iter()
                .map(|source| {
                    let place = (0..table_columns.len())
                        .find(|&i| !used[i] && table_columns[i] == *source)?;
                    used[place] = true;
                    Some(place)
                })
                .collect();
            let dropped: Vec<&str> = table_columns
                .iter()
                .zip(&used)
                .filter(|(_, used)| !**used)
                .map(|(c, _)| c.as_str())
                .collect();
            if !dropped.is_empty() {
                problems.push(format!(
                    "columns {} are not carried: the run's columns come from its first input; score this table on its own to keep them",
                    dropped.join(", ")
                ));
            }
            places
        });
        let values = places
            .iter()
            .map(|place| {
                place
                    .and_then(|i| record.carried.get(i).cloned())
                    .unwrap_or(serde_json::Value::Null)
            })
            .collect();
        problems.extend(record.warning);
        if let Some(status) = record
            .status
            .as_deref()
            .filter(|s| s.starts_with("error: "))
        {
            problems.push(status.to_string());
        }
        let warning = (!problems.is_empty()).then(|| {
            // Without a path this is standard input, which the writer names.
            Box::new(Error::input(
                table.path.as_deref(),
                Some(record.line),
                problems.join("; "),
            ))
        });
        Some(ReadEvent::Piece(Piece {
            seq,
            article: self.articles,
            warning,
            name,
            date: None,
            text: record.text.unwrap_or_default(),
            undecoded: None,
            header: true,
            offset: 0,
            // Offsets of a table row count in its text as read.
            repairs: Repairs::default(),
            sentences: None,
            first_number: 1,
            last: true,
            whole: true,
            table_row: true,
            carried: Carried { columns, values },
            status: record.status,
        }))
    }

    /// True while the input being read is standard input, whose reader may
    /// be waiting for each answer.
    fn streaming(&self) -> bool {
        self.current.as_ref().is_some_and(|input| input.interactive)
            || self
                .table
                .as_ref()
                .is_some_and(|table| table.path.is_none())
    }

    /// A problem with an input, in its place in the run's order;
    /// `fatal_for_input` when the input produced nothing.
    fn problem(&mut self, error: Error, fatal_for_input: bool) -> ReadEvent {
        ReadEvent::Problem(Problem {
            seq: self.next_seq(),
            error,
            fatal_for_input,
        })
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn open(source: Source) -> Result<OpenInput> {
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
        Ok(OpenInput {
            name,
            path,
            reader,
            pending: Vec::new(),
            eof: false,
            start: Start::default(),
            numbered: 0,
            pieces: 0,
            date: None,
            warned_utf8: false,
            interactive,
        })
    }

    /// Reads until a piece can be cut (or the input ends) into `pending`.
    fn fill(&mut self) -> std::io::Result<()> {
        let input = self.current.as_mut().expect("an open input");
        // In lines mode a piece ends at a line end, so a line longer than a
        // piece is read on to its end (or the input's).
        let mut need_line_end = self.lines && memchr::memchr(b'\n', &input.pending).is_none();
        while !input.eof && (input.pending.len() < self.piece_bytes || need_line_end) {
            let start = input.pending.len();
            // Up to the piece's size; past it only to finish a long line.
            let want = match self.piece_bytes.checked_sub(start) {
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
            let limit = want.min(self.read_buffer.len());
            let result = input
                .reader
                .read(&mut self.read_buffer[..limit])
                .inspect(|&n| input.pending.extend_from_slice(&self.read_buffer[..n]));
            match result {
                Ok(0) => input.eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                    return Err(std::io::Error::other("is a folder, not a file"));
                }
                Err(e) => return Err(e),
            }
            if self.lines && memchr::memchr(b'\n', &input.pending[start..]).is_some() {
                need_line_end = false;
                if input.interactive {
                    break;
                }
            }
        }
        Ok(())
    }

    /// The next event, or `None` when every input is done.
    fn next_event(&mut self) -> Option<ReadEvent> {
        loop {
            if self.table.is_some() {
                match self.next_table_event() {
                    Some(event) => return Some(event),
                    None => continue,
                }
            }
            if self.current.is_none() {
                let source = match self.sources.next()? {
                    Ok(source) => source,
                    // A folder that could not be listed, a missing path.
                    Err(error) => return Some(self.problem(error, true)),
                };
                let format = self.format_of(&source);
                if format != InputFormat::Text {
                    match self.open_table(&source, format) {
                        Ok(table) => self.table = Some(table),
                        Err(error) => {
                            return Some(self.problem(error, true));
                        }
                    }
                    continue;
                }
                match PieceReader::open(source) {
                    Ok(input) => self.current = Some(input),
                    Err(error) => {
                        return Some(self.problem(error, true));
                    }
                }
            }
            if let Err(e) = self.fill() {
                let input = self.current.take().expect("an open input");
                let fatal = input.pieces == 0;
                return Some(self.problem(Error::io(input.path.as_deref(), e), fatal));
            }
            let input = self.current.as_mut().expect("an open input");
            if input.pieces == 0 {
                let sniff = &input.pending[..input.pending.len().min(BINARY_SNIFF_BYTES)];
                if let Some(at) = memchr::memchr(0, sniff) {
                    let input = self.current.take().expect("an open input");
                    let error = Error::input(
                        input.path.as_deref(),
                        None,
                        format!("looks like a binary file (a NUL byte at offset {at}); skipped"),
                    );
                    return Some(self.problem(error, true));
                }
            }
            let cut = if self.lines && (!input.eof || input.pending.len() > self.piece_bytes) {
                // The last line end within a piece's size; after a line
                // longer than a piece (which `fill` reads to its end), that
                // line's end, so the lines read after it wait for the next
                // piece.
                let within = &input.pending[..input.pending.len().min(self.piece_bytes)];
                let at = match memchr::memrchr(b'\n', within)
                    .or_else(|| memchr::memchr(b'\n', &input.pending))
                {
                    Some(at) => at + 1,
                    None if input.eof => input.pending.len(),
                    // Only a pipe that has not sent the rest of a line yet
                    // gets here: wait for more.
                    None => continue,
                };
                Cut {
                    at,
                    sentences: None,
                }
            } else if input.eof {
                Cut {
                    at: input.pending.len(),
                    sentences: None,
                }
            } else {
                article_cut(&input.pending, self.splitter)
            };
            let seq = self.next_seq();
            let columns = self.run_columns(&[]).names.clone();
            let input = self.current.as_mut().expect("an open input");
            // A piece that is all of the buffer takes the buffer itself;
            // one that is part of it is copied out at its size and the
            // buffer stays for the rest.
            let raw = if cut.at == input.pending.len() {
                std::mem::take(&mut input.pending)
            } else {
                let raw = input.pending[..cut.at].to_vec();
                input.pending.drain(..cut.at);
                raw
            };
            let last = input.eof && input.pending.is_empty();
            let whole = input.pieces == 0 && last;
            if input.pieces == 0 {
                self.articles += 1;
            }
            let mut piece = Piece {
                seq,
                article: self.articles,
                warning: None,
                name: input.name.clone(),
                date: None,
                text: String::new(),
                undecoded: None,
                header: false,
                offset: 0,
                repairs: Repairs::default(),
                sentences: None,
                first_number: 1,
                last,
                whole,
                table_row: false,
                carried: Carried {
                    values: vec![serde_json::Value::Null; columns.len()],
                    columns,
                },
                status: None,
            };
            if whole {
                // A whole input (the usual case): the worker decodes it and
                // reads its header, outside this lock.
                piece.undecoded = Some(Undecoded {
                    bytes: raw,
                    path: input.path.take(),
                });
                piece.header = true;
            } else {
                let count_sentences = (self.count_sentences && !last).then_some(self.splitter);
                input.decode_piece(&mut piece, raw, cut.sentences, self.lines, count_sentences);
            }
            input.pieces += 1;
            if last {
                self.current = None;
            }
            return Some(ReadEvent::Piece(piece));
        }
    }
}

impl OpenInput {
    /// Decodes the raw bytes of a piece (not the whole input) into it, and
    /// numbers it. `sentences` are those of `raw`, if the cut found them;
    /// with a splitter in `count_sentences` the piece's sentences are
    /// counted, for numbering the next piece's, and the piece keeps them so
    /// the worker does not split its text again.
    fn decode_piece(
        &mut self,
        piece: &mut Piece,
        raw: Vec<u8>,
        mut sentences: Option<Vec<Range<usize>>>,
        lines: bool,
        count_sentences: Option<&SentenceSplitter>,
    ) {
        let (mut text, repairs) = crate::text::utf8::decode(raw, self.start);
        self.start = repairs.next_start(self.start, text.len());
        piece.offset = self.start.text - text.len();
        if self.pieces == 0 {
            let header = take_header(&mut text, lines);
            self.date = header.date;
            piece.offset += header.len;
            if header.len > 0 {
                // Found before the opening was taken off the text.
                sentences = None;
            }
        }
        if let Some(at) = repairs.first_bad_byte()
            && !self.warned_utf8
        {
            self.warned_utf8 = true;
            piece.warning = Some(Box::new(utf8_warning(self.path.as_deref(), at)));
        }
        piece.first_number = self.numbered + 1;
        if lines {
            self.numbered += line_count(&text);
        } else if let Some(splitter) = count_sentences {
            let sentences = sentences.get_or_insert_with(|| splitter.split(&text));
            self.numbered += sentences.len();
        }
        piece.date = self.date.clone();
        piece.text = text;
        piece.repairs = repairs;
        piece.sentences = sentences;
    }
}

impl Iterator for PieceReader<'_> {
    type Item = ReadEvent;

    fn next(&mut self) -> Option<ReadEvent> {
        self.next_event()
    }
}

/// Where to cut a buffer of article text, and the sentences before the cut
/// when finding it took splitting them.
struct Cut {
    at: usize,
    sentences: Option<Vec<Range<usize>>>,
}

/// Where to cut a buffer of article text that goes on, so that the pieces
/// split into sentences as the whole would: after the last paragraph break
/// (a blank line always ends a sentence), else at the start of the last
/// sentence the splitter finds (the one that may run on), else after the
/// last line break or space, else at the last character boundary. Always
/// at an ASCII byte or a character start, so no UTF-8 sequence is cut.
fn article_cut(buffer: &[u8], splitter: &SentenceSplitter) -> Cut {
    let paragraph = buffer
        .windows(2)
        .rposition(|w| w == b"\n\n" || w == b"\r\r")
        .map(|at| at + 2)
        .or_else(|| {
            buffer
                .windows(3)
                .rposition(|w| w == b"\n\r\n")
                .map(|at| at + 3)
        });
    let last_sentence = || {
        let valid = match std::str::from_utf8(buffer) {
            Ok(text) => text,
            // Only a character cut at the end of the buffer; invalid bytes
            // inside leave the cut to the fallbacks.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&buffer[..e.valid_up_to()]).expect("valid prefix")
            }
            Err(_) => return None,
        };
        let mut sentences = splitter.split(valid);
        let last = sentences.pop().filter(|_| !sentences.is_empty())?;
        Some(Cut {
            at: last.start,
            sentences: Some(sentences),
        })
    };
    let line = || buffer.iter().rposition(|&b| b == b'\n').map(|at| at + 1);
    let space = || {
        buffer
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map(|at| at + 1)
    };
    let boundary = || {
        buffer
            .iter()
            .rposition(|&b| (b as i8) >= -0x40)
            .filter(|&at| at > 0)
    };
    let cut = |at| Cut {
        at,
        sentences: None,
    };
    match paragraph {
        Some(at) => cut(at),
        None => last_sentence().unwrap_or_else(|| {
            cut(line()
                .or_else(space)
                .or_else(boundary)
                .unwrap_or(buffer.len()))
        }),
    }
}

/// Lines in a run of whole lines (a last line without a newline counts).
fn line_count(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// Scores pieces; each thread keeps its own, with its buffers.
struct Worker<'a> {
    scorer: &'a Scorer,
    options: &'a RunOptions,
    renderer: RowRenderer,
    scored: ScoredText,
}

impl<'a> Worker<'a> {
    /// A worker for one thread.
    fn new(scorer: &'a Scorer, options: &'a RunOptions) -> Worker<'a> {
        Worker {
            scorer,
            options,
            renderer: RowRenderer::new(options.format).excel(options.excel),
            scored: ScoredText::default(),
        }
    }

    fn process(&mut self, event: ReadEvent) -> Done {
        let piece = match event {
            ReadEvent::Piece(piece) => piece.decoded(self.options.lines),
            ReadEvent::Problem(problem) => return Done::Problem(problem),
            ReadEvent::TableEnd(seq) => return Done::TableEnd(seq),
        };
        let context = RowContext {
            article: &piece.name,
            date: piece.date.as_deref(),
            offset: piece.offset,
            repairs: &piece.repairs,
            carried: &piece.carried,
        };
        let html = self.options.format == Format::Html;
        // Room for the rows made once: sentence rows (and HTML) run to
        // about twice their text (CSV 1.9 times), an article row to a few
        // hundred bytes. Grown from empty, the buffer was copied some ten
        // times per piece, which cost 3% of a sentence-level run on one
        // thread and 8% on two.
        let mut rows = Vec::with_capacity(if self.options.level == Level::Sentence || html {
            2 * piece.text.len() + 256
        } else {
            512
        });
        let mut report = None;
        if self.options.lines {
            let mut line_offset = 0;
            for (i, line) in piece.text.split_inclusive('\n').enumerate() {
                let text = line.trim_end_matches(['\n', '\r']);
                self.scorer.score_as_sentence(text, &mut self.scored);
                let context = RowContext {
                    offset: piece.offset + line_offset,
                    ..context
                };
                self.renderer.render_sentences(
                    self.scorer,
                    context,
                    text,
                    &self.scored,
                    piece.first_number + i,
                    &mut rows,
                );
                line_offset += line.len();
            }
        } else {
            match &piece.sentences {
                Some(sentences) => {
                    self.scorer
                        .score_split_text(&piece.text, sentences, &mut self.scored)
                }
                None => self.scorer.score_text(&piece.text, &mut self.scored),
            }
            if self.options.level == Level::Article || html {
                let mut builder = ReportBuilder::default();
                builder.add(self.scorer, &piece.text, &self.scored);
                report = Some(builder);
            }
            if html {
                crate::output::html::article_section(
                    self.scorer,
                    context,
                    &piece.text,
                    &self.scored,
                    crate::output::html::Place {
                        article: piece.article,
                        first_sentence: piece.first_number,
                        whole: piece.whole,
                    },
                    &mut rows,
                );
            } else if self.options.level == Level::Sentence {
                self.renderer.render_sentences(
                    self.scorer,
                    context,
                    &piece.text,
                    &self.scored,
                    piece.first_number,
                    &mut rows,
                );
            }
        }
        if !html
            && piece.whole
            && let Some(builder) = report.take()
        {
            // A whole article's row is rendered here rather than by the
            // assembler, which runs under a lock: finishing the report
            // (sorting its cues) is work that scales with threads.
            let report = builder.finish(&piece.name, piece.date.as_deref());
            self.renderer.render_article(
                &report,
                piece.status.as_deref(),
                &piece.carried,
                &mut rows,
            );
        }
        let bytes = piece.text.len();
        Done::Scored(Box::new(ScoredPiece {
            seq: piece.seq,
            article: piece.article,
            rows,
            report,
            name: piece.name,
            date: piece.date,
            last: piece.last,
            table_row: piece.table_row,
            warning: piece.warning.map(|warning| *warning),
            bytes,
            carried: piece.carried,
            status: piece.status,
        }))
    }
}

/// Puts finished pieces back in order and writes them.
struct Assembler<'a, W: Write> {
    writer: ReportWriter<W>,
    renderer: RowRenderer,
    report: Option<ReportBuilder>,
    /// True for HTML output, whose article reports make the summary table.
    html: bool,
    /// Each with its article's number in the run.
    html_reports: Vec<(u64, ArticleReport)>,
    waiting: BTreeMap<u64, Done>,
    next: u64,
    summary: RunSummary,
    flush_each_piece: bool,
    on_problem: &'a (dyn Fn(&Error) + Sync),
    on_progress: Option<&'a (dyn Fn(&RunSummary) + Sync)>,
}

impl<W: Write> Assembler<'_, W> {
    /// Takes a finished piece; writes it and any that were waiting for it,
    /// returning the sequence numbers written (none while it must wait).
    fn accept(&mut self, done: Done) -> Result<std::ops::Range<u64>> {
        let first = self.next + 1;
        // Pieces mostly come in order: the next one is written at once.
        if done.seq() == first {
            self.next += 1;
            self.write(done)?;
        } else {
            self.waiting.insert(done.seq(), done);
        }
        while let Some(done) = self.waiting.remove(&(self.next + 1)) {
            self.next += 1;
            self.write(done)?;
        }
        Ok(first..self.next + 1)
    }

    fn write(&mut self, done: Done) -> Result<()> {
        match done {
            Done::Problem(Problem {
                error,
                fatal_for_input,
                ..
            }) => {
                // A notice (a folder already scored, skipped) is no failure.
                self.summary.failed += usize::from(error.kind() != ErrorKind::Notice);
                // Every input has a path but standard input.
                (self.on_problem)(&error.on_standard_input());
                // Done, a failure or a notice: the progress line counts it.
                self.summary.unfinished += 1;
                if !fatal_for_input {
                    // A read error after some pieces: the article's partial
                    // report is dropped rather than passed off as whole.
                    self.report = None;
                }
            }
            Done::TableEnd(_) => self.summary.scored += 1,
            Done::Scored(piece) => {
                let piece = *piece;
                self.writer.set_carried_columns(&piece.carried.columns);
                self.warn(piece.warning);
                self.summary.bytes += piece.bytes as u64;
                self.writer.write_rendered(&piece.rows)?;
                if let Some(report) = piece.report {
                    match &mut self.report {
                        Some(builder) => builder.merge(report),
                        None => self.report = Some(report),
                    }
                }
                if piece.last {
                    if piece.table_row {
                        self.summary.rows += 1;
                    } else {
                        self.summary.scored += 1;
                    }
                    if let Some(builder) = self.report.take() {
                        let report = builder.finish(&piece.name, piece.date.as_deref());
                        self.finish_article(
                            piece.article,
                            report,
                            piece.status.as_deref(),
                            &piece.carried,
                        )?;
                    }
                }
            }
        }
        if self.flush_each_piece {
            self.writer.flush()?;
        }
        if let Some(progress) = self.on_progress {
            progress(&self.summary);
        }
        Ok(())
    }

    /// Writes an article's row, or keeps its report for the HTML summary.
    fn finish_article(
        &mut self,
        article: u64,
        report: ArticleReport,
        status: Option<&str>,
        carried: &Carried,
    ) -> Result<()> {
        if self.html {
            self.html_reports.push((article, report));
            return Ok(());
        }
        let mut row = Vec::new();
        self.renderer
            .render_article(&report, status, carried, &mut row);
        self.writer.write_rendered(&row)
    }

    fn warn(&mut self, warning: Option<Error>) {
        if let Some(error) = warning {
            // Every input has a path but standard input.
            (self.on_problem)(&error.on_standard_input());
            self.summary.failed += 1;
        }
    }
}

/// Scores `sources` and writes their rows through `writer`, in input order.
/// Problems with single inputs go to `on_problem` and the run goes on;
/// an error is returned only when the output fails. `on_progress`, when
/// given, sees the running totals after every piece written.
///
/// ```
/// use hedgescore::input::Source;
/// use hedgescore::output::{Format, Level, ReportWriter};
/// use hedgescore::run::{RunOptions, run};
///
/// let dir = std::env::temp_dir().join(format!("hedgescore-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("a.txt");
/// std::fs::write(&file, "It may rain. It rains.").unwrap();
/// let options = RunOptions::new(Format::Csv, Level::Sentence, 2);
/// let writer = ReportWriter::new(Vec::new(), options.format, options.level);
/// let (summary, out) = run(&hedgescore::Scorer::english(), &[Source::File(file)], options, writer, &|e| eprintln!("{e}"), None).unwrap();
/// assert_eq!(summary.scored, 1);
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn run<W: Write + Send>(
    scorer: &Scorer,
    sources: &[Source],
    options: RunOptions,
    writer: ReportWriter<W>,
    on_problem: &(dyn Fn(&Error) + Sync),
    on_progress: Option<&(dyn Fn(&RunSummary) + Sync)>,
) -> Result<(RunSummary, W)> {
    let inputs = sources.iter().cloned().map(Ok);
    run_inputs(scorer, inputs, options, writer, on_problem, on_progress)
}

/// [`run`] over inputs listed as they are needed, such as the files below
/// a folder from [`Inputs`](crate::input::Inputs): a folder of any size is
/// scored in flat memory, and scoring begins before the listing ends. An
/// `Err` input is a problem reported in its place (like an unreadable
/// file).
pub fn run_inputs<W: Write + Send>(
    scorer: &Scorer,
    inputs: impl Iterator<Item = Result<Source>> + Send,
    options: RunOptions,
    writer: ReportWriter<W>,
    on_problem: &(dyn Fn(&Error) + Sync),
    on_progress: Option<&(dyn Fn(&RunSummary) + Sync)>,
) -> Result<(RunSummary, W)> {
    let mut reader = PieceReader::new(inputs, &options, scorer.splitter());
    let mut assembler = Assembler {
        writer,
        renderer: RowRenderer::new(options.format).excel(options.excel),
        report: None,
        html: options.format == Format::Html,
        html_reports: Vec::new(),
        waiting: BTreeMap::new(),
        next: 0,
        summary: RunSummary::default(),
        flush_each_piece: options.flush_each_piece,
        on_problem,
        on_progress,
    };
    if options.threads <= 1 {
        let mut worker = Worker::new(scorer, &options);
        for event in reader.by_ref() {
            assembler.accept(worker.process(event))?;
        }
    } else {
        run_parallel(scorer, &options, &mut reader, &mut assembler)?;
    }
    if assembler.html {
        let mut end = Vec::new();
        crate::output::html::summary_table(&assembler.html_reports, &mut end);
        crate::output::html::document_end(&mut end);
        assembler.writer.write_rendered(&end)?;
    }
    let summary = assembler.summary;
    let out = assembler.writer.finish()?;
    Ok((summary, out))
}

fn run_parallel<W: Write + Send>(
    scorer: &Scorer,
    options: &RunOptions,
    reader: &mut PieceReader<'_>,
    assembler: &mut Assembler<'_, W>,
) -> Result<()> {
    let in_flight = options.threads * BATCHES_PER_WORKER;
    // Tickets bound the batches between the reader and the output: a
    // worker takes one per batch it reads, and one comes back once the
    // batch is written. A batch holds at most about a piece's bytes, so
    // memory stays flat.
    let (ticket_back, tickets) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        ticket_back
            .send(())
            .expect("the channel holds every ticket");
    }
    let stop = AtomicBool::new(false);
    // The workers read their own batches, one at a time under this lock,
    // rather than waiting on a reading thread: on few cores a thread that
    // only reads competes with the workers for them, and the workers starve
    // whenever it is not running.
    let source = Mutex::new(BatchSource {
        reader,
        tickets,
        finished: false,
        stop: &stop,
    });
    // ... and write their own batches, in order, under this one: the
    // calling thread is one of the workers, so the run uses as many threads
    // as it was given, with no thread of its own for the output (which,
    // woken for every batch, took turns on the cores with the workers).
    let output = Mutex::new(Output {
        assembler,
        batch_ends: HashSet::new(),
        failed: None,
    });
    let work = || {
        let mut worker = Worker::new(scorer, options);
        loop {
            // Hold the lock only to read a batch, not to score it.
            let batch = source.lock().expect("no worker panics").next_batch();
            let Some(batch) = batch else { break };
            let done: Vec<Done> = batch.into_iter().map(|e| worker.process(e)).collect();
            let mut output = output.lock().expect("no worker panics");
            if output.failed.is_some() {
                break;
            }
            if let Err(error) = output.write(done, &ticket_back) {
                output.failed = Some(error);
                // A worker may be waiting for a ticket: wake it to stop.
                stop.store(true, Ordering::Relaxed);
                while ticket_back.try_send(()).is_ok() {}
                break;
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..options.threads {
            scope.spawn(work);
        }
        work();
    });
    match output.into_inner().expect("no worker panics").failed {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The workers' shared way to the output: finished batches go in, rows
/// come out in input order.
struct Output<'r, 'a, W: Write> {
    assembler: &'r mut Assembler<'a, W>,
    /// The sequence numbers that end a batch: writing one frees a ticket.
    batch_ends: HashSet<u64>,
    /// The first output error; the run stops on it.
    failed: Option<Error>,
}

impl<W: Write> Output<'_, '_, W> {
    /// Takes a finished batch and writes what is ready: it, and any batches
    /// that were waiting for it.
    fn write(&mut self, batch: Vec<Done>, ticket_back: &SyncSender<()>) -> Result<()> {
        if let Some(last) = batch.last() {
            self.batch_ends.insert(last.seq());
        }
        for done in batch {
            for seq in self.assembler.accept(done)? {
                if self.batch_ends.remove(&seq) {
                    // Never blocks: no more tickets come back than went out.
                    let _ = ticket_back.send(());
                }
            }
        }
        Ok(())
    }
}

/// The workers' shared way to their next batch.
struct BatchSource<'r, 'a> {
    reader: &'r mut PieceReader<'a>,
    tickets: Receiver<()>,
    /// Set once the reader is done, so no worker waits for a ticket after.
    finished: bool,
    /// Set when the output fails: no more batches.
    stop: &'r AtomicBool,
}

impl BatchSource<'_, '_> {
    /// Reads the next batch, once a ticket allows it: many small articles
    /// travel together, so the cost of passing work between threads is
    /// paid per batch, not per article. Standard input is passed on event
    /// by event, so a streaming filter answers as soon as it can. `None`
    /// when the inputs are done or the writer has stopped.
    fn next_batch(&mut self) -> Option<Vec<ReadEvent>> {
        if self.finished {
            return None;
        }
        self.tickets.recv().ok()?;
        if self.stop.load(Ordering::Relaxed) {
            self.finished = true;
            return None;
        }
        let mut batch = Vec::new();
        let mut bytes = 0;
        loop {
            let Some(event) = self.reader.next_event() else {
                self.finished = true;
                break;
            };
            if let ReadEvent::Piece(piece) = &event {
                bytes += piece.len();
            }
            batch.push(event);
            if bytes >= BATCH_BYTES || batch.len() >= BATCH_EVENTS || self.reader.streaming() {
                break;
            }
        }
        (!batch.is_empty()).then_some(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_are_safe() {
        let cut = |buffer: &[u8]| article_cut(buffer, SentenceSplitter::english()).at;
        assert_eq!(cut(b"a.\n\nb. c"), 4);
        assert_eq!(cut(b"a.\r\n\r\nb. c"), 6);
        assert_eq!(
            cut(b"It rains all day long in the hills. It could well\npour"),
            36
        );
        assert_eq!(cut(b"a\nb"), 2);
        assert_eq!(cut(b"a b"), 2);
        assert_eq!(cut("aé".as_bytes()), 1);
        assert_eq!(line_count(""), 0);
        assert_eq!(line_count("a\nb"), 2);
        assert_eq!(line_count("a\n\n"), 2);
    }

    /// Pieces of one input: their texts, read from `text` in a file.
    fn pieces(text: &str, piece_bytes: usize, lines: bool) -> Vec<String> {
        let options = RunOptions {
            piece_bytes,
            lines,
            ..RunOptions::new(Format::Csv, Level::Sentence, 1)
        };
        read_pieces(text, &options)
            .into_iter()
            .map(|piece| piece.text)
            .collect()
    }

    /// Pieces of one input, ready to score, read from `text` in a file.
    fn read_pieces(text: &str, options: &RunOptions) -> Vec<Piece> {
        let dir = std::env::temp_dir().join(format!(
            "hedgescore-pieces-{}-{}-{}-{:?}",
            std::process::id(),
            options.piece_bytes,
            options.lines,
            options.level,
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("input.txt");
        std::fs::write(&file, text).unwrap();
        let reader = PieceReader::new(
            std::iter::once(Ok(Source::File(file))),
            options,
            SentenceSplitter::english(),
        );
        let pieces = reader
            .map(|event| match event {
                ReadEvent::Piece(piece) => piece.decoded(options.lines),
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
                    ..RunOptions::new(Format::Csv, level, 1)
                };
                let pieces = read_pieces(text, &options);
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
    fn a_listing_problem_is_reported_in_its_place_and_counted() {
        let dir = std::env::temp_dir().join(format!("hedgescore-listing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
        std::fs::write(&a, "It may rain.").unwrap();
        std::fs::write(&b, "It rains.").unwrap();
        for threads in [1, 2] {
            let problem = Error::input(Some(&dir.join("gone")), None, "could not be listed");
            let inputs = vec![
                Ok(Source::File(a.clone())),
                Err(problem),
                Ok(Source::File(b.clone())),
            ];
            let options = RunOptions::new(Format::Csv, Level::Article, threads);
            let writer = ReportWriter::new(Vec::new(), options.format, options.level);
            let seen = Mutex::new(Vec::new());
            let on_problem = |e: &Error| seen.lock().unwrap().push(e.to_string());
            let (summary, out) = run_inputs(
                &Scorer::english(),
                inputs.into_iter(),
                options,
                writer,
                &on_problem,
                None,
            )
            .unwrap();
            assert_eq!((summary.scored, summary.failed), (2, 1));
            assert_eq!(summary.inputs_done(), 3);
            assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3);
            let seen = seen.into_inner().unwrap();
            assert!(seen.len() == 1 && seen[0].contains("gone"), "{seen:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_table_is_one_input_done_after_its_last_row() {
        let dir =
            std::env::temp_dir().join(format!("hedgescore-table-done-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (rows, empty, text) = (dir.join("a.csv"), dir.join("b.tsv"), dir.join("c.txt"));
        std::fs::write(&rows, "text\nIt may rain.\nIt rains.\nIt pours.\n").unwrap();
        std::fs::write(&empty, "text\tn\n").unwrap();
        std::fs::write(&text, "It may rain.").unwrap();
        for threads in [1, 2] {
            let options = RunOptions::new(Format::Csv, Level::Article, threads);
            let writer = ReportWriter::new(Vec::new(), options.format, options.level);
            let seen = Mutex::new(Vec::new());
            let on_progress = |s: &RunSummary| seen.lock().unwrap().push(s.inputs_done());
            let (summary, _) = run_inputs(
                &Scorer::english(),
                [rows.clone(), empty.clone(), text.clone()]
                    .into_iter()
                    .map(|p| Ok(Source::File(p))),
                options,
                writer,
                &|e| panic!("{e}"),
                Some(&on_progress),
            )
            .unwrap();
            assert_eq!((summary.scored, summary.failed), (3, 0), "{summary:?}");
            assert_eq!(summary.inputs_done(), 3);
            // After each of the first table's three rows, no input is done.
            let seen = seen.into_inner().unwrap();
            assert_eq!(seen[..3], [0, 0, 0], "{seen:?}");
            assert_eq!(seen.last(), Some(&3), "{seen:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
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
