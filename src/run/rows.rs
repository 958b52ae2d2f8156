//! Table inputs as pieces: each row is one whole article, its other
//! columns carried under the run's names. The run's columns are those of
//! its first table; a later table's columns go where their names match.
//! Reads only through the table reader ([`TableReader`]).

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::ledger::Ledger;
use super::piece::{Extent, Origin, Piece, PieceText, ReadEvent, Step};
use super::read::Settings;
use super::text_input::{RowText, TextInput};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::input::Source;
use crate::input::size_watch::SizeWatch;
use crate::input::table::{
    DATE_COLUMN, NoText, Record, TableFormat, TableReader, column_list, jsonl_keys,
};
use crate::input::workbook::WorkbookSource;
use crate::output::Carried;
use crate::text::sentences::SentenceSplitter;

/// What a sentence's row weighs without the row's name and carried
/// columns, which it repeats, as [`PIECE_SENTENCES`](super::PIECE_SENTENCES)
/// assumes.
const SENTENCE_ROW_BYTES: usize = 512;

/// A table input being read.
pub(super) struct OpenTable {
    name: Arc<str>,
    path: Option<PathBuf>,
    reader: TableReader,
    /// For each of the run's carried columns, its place in this table;
    /// found at the first row.
    places: Option<Vec<Option<usize>>>,
    /// The text of a row too long for one piece, being read in pieces.
    parts: Option<TextInput>,
    /// The date column named by `--date-column`, if one is.
    date_column: Option<String>,
    /// The date column's place among this table's carried columns; found
    /// at the first row.
    date_place: Option<Option<usize>>,
}

/// Opens a JSON-lines file. A regular file is read twice: first for the
/// keys of all its objects, which become its carried fields, so that a
/// key first met after the first object is carried too. A file that
/// cannot be read twice (a FIFO, a device) is read once, its carried
/// fields those of its first object.
fn open_jsonl(path: &Path, settings: &Settings<'_>) -> Result<TableReader> {
    let (columns, limits) = (&settings.columns, &settings.limits);
    let open = || std::fs::File::open(path).map_err(|e| Error::io(Some(path), e));
    let file = open()?;
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    if !regular {
        return TableReader::new(
            Box::new(SizeWatch::new(file)),
            TableFormat::Jsonl,
            columns,
            Some(path),
            limits,
        );
    }
    let keys = jsonl_keys(Box::new(file), limits).map_err(|e| Error::io(Some(path), e))?;
    let file = Box::new(SizeWatch::new(open()?));
    TableReader::jsonl_with_keys(file, columns, Some(path), limits, &keys)
}

impl OpenTable {
    /// Opens `source` as a table of `format`, reading its header.
    pub(super) fn open(
        source: &Source,
        format: TableFormat,
        settings: &Settings<'_>,
    ) -> Result<OpenTable> {
        let (columns, limits) = (&settings.columns, &settings.limits);
        let reader = match (source, format) {
            (Source::File(path), TableFormat::Workbook) => {
                let workbook = WorkbookSource::File(path.clone());
                TableReader::workbook(workbook, columns, Some(path))?
            }
            (Source::File(path), TableFormat::Jsonl) => open_jsonl(path, settings)?,
            (Source::File(path), _) => {
                let file = std::fs::File::open(path).map_err(|e| Error::io(Some(path), e))?;
                let file = Box::new(SizeWatch::new(file));
                TableReader::new(file, format, columns, Some(path), limits)?
            }
            (Source::Stdin, _) => {
                TableReader::new(Box::new(std::io::stdin()), format, columns, None, limits)?
            }
        };
        Ok(OpenTable {
            name: Arc::from(source.name()),
            path: source.path().map(|p| p.to_path_buf()),
            reader,
            places: None,
            parts: None,
            date_column: columns.date.clone(),
            date_place: None,
        })
    }

    /// True for a table on standard input, whose reader may be waiting
    /// for each answer.
    pub(super) fn streaming(&self) -> bool {
        self.path.is_none()
    }

    /// The next row as a piece (or the next piece of a long row's text);
    /// the table's end or an error that ends it.
    pub(super) fn next(
        &mut self,
        settings: &Settings<'_>,
        ledger: &mut Ledger,
        read_buffer: &mut [u8],
    ) -> Step {
        if let Some(parts) = &mut self.parts {
            return match parts.next(settings, ledger, read_buffer) {
                // The row's last piece; the table goes on.
                Step::Ended(event) => {
                    self.parts = None;
                    Step::Event(event)
                }
                step => step,
            };
        }
        let record = match self.reader.next_record(self.path.as_deref()) {
            None => return Step::Ended(ReadEvent::TableEnd(ledger.next_seq())),
            Some(Err(error)) => return Step::Ended(ledger.problem(error, false)),
            Some(Ok(record)) => record,
        };
        let line = record.line;
        let (row, no_text) = self.row(ledger, record);
        let max_sentences = row_sentences(settings, &row.name, &row.carried);
        if in_parts(&row.text, settings, max_sentences) {
            let path = self.path.clone();
            self.parts = Some(TextInput::row(row, path, line, max_sentences));
            return self.next(settings, ledger, read_buffer);
        }
        let origin = Origin {
            seq: ledger.next_seq(),
            article: ledger.begin_article(),
            name: row.name,
            input: row.input,
            date: row.date,
            bad_date: row.bad_date,
            carried: row.carried,
            extent: Extent::Row(no_text),
            warnings: row.warnings,
            repaired: row.repaired,
        };
        Step::Event(ReadEvent::Piece(Piece {
            origin,
            text: PieceText::Row(row.text),
            first_number: 1,
            counted: 0,
        }))
    }

    /// A record as a row: its name (its id, or the table and line), its
    /// text (empty, with why, when it has none), its carried columns, and
    /// its problems as one warning.
    fn row(&mut self, ledger: &mut Ledger, record: Record) -> (RowText, Option<NoText>) {
        let mut problems = Vec::new();
        let carried = self.carried(ledger, &record, &mut problems);
        let (date, bad_date) = self.date(&record, &mut problems);
        let name: Arc<str> = match &record.id {
            Some(id) => Arc::from(id.as_str()),
            None => Arc::from(format!("{}:{}", self.name, record.line)),
        };
        problems.extend(record.warning);
        let (text, no_text) = match record.text {
            Ok(text) => (text, None),
            Err(no_text) => {
                if no_text.is_error() {
                    problems.push(no_text.to_string());
                }
                (String::new(), Some(no_text))
            }
        };
        // Without a path this is standard input, which the writer names.
        let warnings: Vec<Error> = (!problems.is_empty())
            .then(|| Error::input(self.path.as_deref(), Some(record.line), problems.join("; ")))
            .into_iter()
            .collect();
        let row = RowText {
            name,
            text,
            input: self.name.clone(),
            date,
            bad_date,
            repaired: record.repaired,
            carried,
            warnings,
        };
        (row, no_text)
    }

    /// The row's date from the table's date column, when it holds an ISO
    /// date or date-time; otherwise a notice to count. At the first row,
    /// finds the column, with a problem if the one named is not there.
    fn date(
        &mut self,
        record: &Record,
        problems: &mut Vec<String>,
    ) -> (Option<Arc<str>>, Option<Box<Error>>) {
        let columns = self.reader.carried_columns();
        let named = self.date_column.as_deref();
        let place = *self.date_place.get_or_insert_with(|| {
            let wanted = named.unwrap_or(DATE_COLUMN);
            let place = columns.iter().position(|c| c == wanted);
            if place.is_none() && named.is_some() {
                problems.push(format!(
                    "there is no date column {wanted:?} (the columns are {}); the articles have no date",
                    column_list(columns, false)
                ));
            }
            place
        });
        let value = place.and_then(|i| record.carried.get(i));
        let text = match value {
            None | Some(Value::Null) => return (None, None),
            Some(Value::String(s)) if s.trim().is_empty() => return (None, None),
            Some(Value::String(s)) => s.as_str(),
            Some(_) => "",
        };
        match Date::parse(text) {
            Some(date) => (Some(Arc::from(date.to_string())), None),
            None => {
                let value = value.map(Value::to_string).unwrap_or_default();
                let message =
                    format!("the date {value} is not an ISO date (YYYY-MM-DD) or date-time");
                let note = Error::note(self.path.as_deref(), Some(record.line), message);
                (None, Some(Box::new(note)))
            }
        }
    }

    /// The row's values of the run's carried columns. At the first row,
    /// finds where they are in this table, with a problem naming the
    /// columns that have nowhere to go.
    fn carried(
        &mut self,
        ledger: &mut Ledger,
        record: &Record,
        problems: &mut Vec<String>,
    ) -> Carried {
        let table_columns = self.reader.carried_columns();
        let run_columns = ledger.columns(table_columns);
        let places = self
            .places
            .get_or_insert_with(|| places(table_columns, &run_columns.sources, problems));
        let values = places
            .iter()
            .map(|place| {
                place
                    .and_then(|i| record.carried.get(i).cloned())
                    .unwrap_or(serde_json::Value::Null)
            })
            .collect();
        Carried {
            columns: run_columns.names.clone(),
            values,
        }
    }
}

/// Where each of the run's columns (named `sources` in its first input)
/// is among a table's: the table's first unused column of its input name.
/// For the run's first table that is the column at its own place (an
/// output name may differ from it, and two input columns may share one),
/// for a later table the column of the same name; a later table's other
/// columns have nowhere to go, which is a problem to report.
fn places(table: &[String], sources: &[String], problems: &mut Vec<String>) -> Vec<Option<usize>> {
    // Each name's places in the table, first first: linear in the columns
    // however often a name repeats.
    let mut unused: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, name) in table.iter().enumerate() {
        unused.entry(name.as_str()).or_default().push_back(i);
    }
    let mut used = vec![false; table.len()];
    let places = sources
        .iter()
        .map(|source| {
            let place = unused.get_mut(source.as_str())?.pop_front()?;
            used[place] = true;
            Some(place)
        })
        .collect();
    let dropped: Vec<String> = table
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(c, _)| c.clone())
        .collect();
    if !dropped.is_empty() {
        problems.push(format!(
            "columns {} are not carried: the run's columns come from its first input; score this table on its own to keep them",
            column_list(&dropped, false)
        ));
    }
    places
}

/// The most sentences of a piece of a row named `name` carrying
/// `carried`: as a file's when they are small, fewer when they are large,
/// as each sentence's row repeats them.
fn row_sentences(settings: &Settings<'_>, name: &str, carried: &Carried) -> usize {
    let row = SENTENCE_ROW_BYTES + name.len() + carried.weight();
    (settings.piece_sentences.saturating_mul(SENTENCE_ROW_BYTES) / row).max(1)
}

/// Whether a row's text is read in pieces, as a file's is: when it is
/// larger than a piece, or may hold more than `max_sentences` sentences
/// whose rows the format renders.
fn in_parts(text: &str, settings: &Settings<'_>, max_sentences: usize) -> bool {
    text.len() > settings.piece_bytes
        || (settings.sentence_rows
            && text.len() > max_sentences
            && SentenceSplitter::max_sentences(text.as_bytes()) > max_sentences)
}
