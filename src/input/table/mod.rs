//! Table input: CSV, TSV, JSON lines and workbooks (Excel, OpenDocument;
//! see [`workbook`](super::workbook)), one article per row.
//!
//! Researchers keep articles in spreadsheets and exports. Each row is one
//! article: its text comes from the text column (`text` unless told), its
//! identifier from the id column if there is one, and every other column is
//! carried through unchanged into the output row so the scores can be joined
//! back. A row whose text is missing, empty or unreadable still yields a
//! record, with a status saying why, so the output has one row per input row.

use std::collections::{HashSet, VecDeque};
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::jsonl::{Keys, Members};
use super::limits::{Limits, MAX_COLUMNS, size};
use super::quote_watch::QuoteWatch;
use super::workbook::{SheetReader, SheetRow, WorkbookSource};
use crate::error::{Error, Result};

mod jsonl_rows;

pub use jsonl_rows::jsonl_keys;
use jsonl_rows::{JsonlFields, JsonlReading, next_jsonl_record};

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: the whole input is one article.
    Text,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per line.
    Jsonl,
    /// A sheet of a workbook (Excel or OpenDocument) with a header row.
    Workbook,
}

/// The formats of table inputs: one article per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per line.
    Jsonl,
    /// A sheet of a workbook (Excel or OpenDocument) with a header row.
    Workbook,
}

impl InputFormat {
    /// The format a file's extension suggests (`.csv`, `.tsv`/`.tab`,
    /// `.jsonl`/`.ndjson`, `.xlsx`/`.xlsm`/`.xlsb`/`.xls`/`.ods`); anything
    /// else is text.
    pub fn from_path(path: &Path) -> InputFormat {
        // Compared in place: this runs once per input file.
        let Some(ext) = path.extension() else {
            return InputFormat::Text;
        };
        let is = |name: &str| ext.as_encoded_bytes().eq_ignore_ascii_case(name.as_bytes());
        if is("csv") {
            InputFormat::Csv
        } else if is("tsv") || is("tab") {
            InputFormat::Tsv
        } else if is("jsonl") || is("ndjson") {
            InputFormat::Jsonl
        } else if ["xlsx", "xlsm", "xlsb", "xls", "ods"].into_iter().any(is) {
            InputFormat::Workbook
        } else {
            InputFormat::Text
        }
    }

    /// The table format, or `None` for text.
    pub fn table(self) -> Option<TableFormat> {
        match self {
            InputFormat::Text => None,
            InputFormat::Csv => Some(TableFormat::Csv),
            InputFormat::Tsv => Some(TableFormat::Tsv),
            InputFormat::Jsonl => Some(TableFormat::Jsonl),
            InputFormat::Workbook => Some(TableFormat::Workbook),
        }
    }
}

/// Where a table's articles are: which columns hold what, and for a
/// workbook which sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The column holding the article text.
    pub text: String,
    /// The column holding the article identifier, if any.
    pub id: Option<String>,
    /// The sheet of a workbook input; the first worksheet if none.
    pub sheet: Option<String>,
    /// The column holding the article's date, when named; otherwise a
    /// column named [`DATE_COLUMN`], if the table has one. A `date` header
    /// in the row's text comes first. The column is carried as well, as
    /// it was written.
    pub date: Option<String>,
}

/// The column a table's dates are read from unless another is named.
pub const DATE_COLUMN: &str = "date";

impl Default for Columns {
    fn default() -> Columns {
        Columns {
            text: "text".to_string(),
            id: None,
            sheet: None,
            date: None,
        }
    }
}

/// Why a row has no text to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoText {
    /// The row has no text column (a short row, an object without the
    /// field, or the field null).
    Missing,
    /// The text is empty or only white space.
    Empty,
    /// The row could not be read (a malformed CSV record, a line that is
    /// no JSON object); the message says why.
    Unreadable(String),
}

impl NoText {
    /// Why a row's text cannot be scored, if it cannot: no text at all is
    /// missing, white space only is empty.
    pub fn of(text: Option<&str>) -> Option<NoText> {
        match text {
            None => Some(NoText::Missing),
            Some(t) if t.trim().is_empty() => Some(NoText::Empty),
            Some(_) => None,
        }
    }

    /// True when the row could not be read: a problem to report, not only
    /// a row without text.
    pub fn is_error(&self) -> bool {
        matches!(self, NoText::Unreadable(_))
    }
}

impl std::fmt::Display for NoText {
    /// As the `status` column shows it: `missing text`, `empty text`, or
    /// `error: ` and the message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoText::Missing => f.write_str("missing text"),
            NoText::Empty => f.write_str("empty text"),
            NoText::Unreadable(message) => write!(f, "error: {message}"),
        }
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The 1-based line of the row in the file (its first line, for a CSV
    /// field that spans lines; `\r\n`, `\r` and `\n` each end a line).
    pub line: u64,
    /// The identifier from the id column.
    pub id: Option<String>,
    /// The text, or why the row has none to score.
    pub text: std::result::Result<String, NoText>,
    /// The other columns, in the order of [`TableReader::carried_columns`].
    pub carried: Vec<Value>,
    /// Problems to report with the row (invalid UTF-8 repaired, a JSON
    /// key written twice or not carried).
    pub warning: Option<String>,
    /// True when invalid UTF-8 in the row was replaced with U+FFFD.
    pub repaired: bool,
}

impl Record {
    /// Why the row has no text to score, as the `status` column shows it;
    /// `None` when it has text.
    pub fn status(&self) -> Option<String> {
        self.text.as_ref().err().map(NoText::to_string)
    }
}

/// Reads the records of one table input.
pub struct TableReader {
    rows: Rows,
    /// The names of the carried columns.
    carried: Vec<String>,
    /// Records read ahead to find the first JSON object.
    read_ahead: VecDeque<Result<Record>>,
    /// A problem with the header and the header's line, reported with the
    /// first row (problems are reported per row), or alone in a table
    /// without rows.
    header_warning: Option<(u64, String)>,
}

/// How many JSON lines are read ahead, at most, to find the first object
/// and with it the carried fields.
const JSONL_READ_AHEAD: usize = 100;

enum Rows {
    Delimited {
        records: csv::ByteRecordsIntoIter<QuoteWatch>,
        /// Where the text, the id and the carried columns are in a record.
        text: usize,
        id: Option<usize>,
        carried: Vec<usize>,
    },
    Workbook {
        sheet: SheetReader,
        /// Where the text, the id and the carried columns are in a row.
        text: usize,
        id: Option<usize>,
        carried: Vec<usize>,
    },
    Jsonl {
        lines: std::io::BufReader<Box<dyn Read + Send>>,
        line: u64,
        buffer: Vec<u8>,
        /// The longest line read; a longer one is read past.
        max_line: usize,
        columns: Columns,
        /// The carried fields, once fixed, and the keys met besides.
        fields: JsonlFields,
    },
}

impl TableReader {
    /// Opens a table. For CSV and TSV the header is read now: a table
    /// without the text column is an error naming the columns it has.
    /// For JSON lines the carried fields are those of the first object.
    /// A row longer than `limits` allow is read past, with an error row;
    /// a header with too many columns, and binary input (a NUL byte near
    /// the start, as for text), are errors.
    pub fn new(
        reader: Box<dyn Read + Send>,
        format: TableFormat,
        columns: &Columns,
        path: Option<&Path>,
        limits: &Limits,
    ) -> Result<TableReader> {
        // A workbook is binary by nature.
        let reader = match format {
            TableFormat::Workbook => reader,
            _ => refuse_binary(reader, path)?,
        };
        match format {
            TableFormat::Csv => TableReader::delimited(reader, b',', columns, path, limits),
            TableFormat::Tsv => TableReader::delimited(reader, b'\t', columns, path, limits),
            TableFormat::Jsonl => Ok(TableReader::jsonl(reader, columns, path, limits)),
            TableFormat::Workbook => {
                // A workbook is a zip or compound file, read from its end
                // and in any order: one from a stream is read whole first.
                let mut bytes = Vec::new();
                let mut reader = reader;
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io(path, e))?;
                TableReader::workbook(WorkbookSource::Bytes(bytes), columns, path)
            }
        }
    }

    /// Opens sheet `columns.sheet` of a workbook (its first worksheet if
    /// none) and reads its header: a bad workbook, a missing sheet, an
    /// empty one or a header without the text column is an error naming
    /// the file and the sheet.
    pub fn workbook(
        source: WorkbookSource,
        columns: &Columns,
        path: Option<&Path>,
    ) -> Result<TableReader> {
        let sheet = SheetReader::open(source, columns.sheet.as_deref())
            .map_err(|message| Error::input(path, None, message))?;
        let header = Header {
            names: sheet.header.clone(),
            line: sheet.header_line,
            warning: None,
            place: format!("sheet {:?}: ", sheet.name),
        };
        let (text, id) = header.places(columns, path)?;
        let carried: Vec<usize> = (0..header.names.len())
            .filter(|i| *i != text && Some(*i) != id)
            .collect();
        Ok(TableReader {
            carried: carried.iter().map(|&i| header.names[i].clone()).collect(),
            rows: Rows::Workbook {
                sheet,
                text,
                id,
                carried,
            },
            read_ahead: Default::default(),
            header_warning: None,
        })
    }

    fn jsonl(
        reader: Box<dyn Read + Send>,
        columns: &Columns,
        path: Option<&Path>,
        limits: &Limits,
    ) -> TableReader {
        let fields = JsonlFields::from_first_object();
        TableReader::jsonl_with(reader, columns, limits, (fields, Vec::new()))
            .with_jsonl_fields(path)
    }

    /// Opens JSON lines whose objects' keys are known beforehand (read by
    /// [`jsonl_keys`] from a file that can be read twice): each is a
    /// carried field, in the order first met, and no row loses a value.
    pub fn jsonl_with_keys(
        reader: Box<dyn Read + Send>,
        columns: &Columns,
        path: Option<&Path>,
        limits: &Limits,
        keys: &[String],
    ) -> Result<TableReader> {
        let reader = refuse_binary(reader, path)?;
        let fields = JsonlFields::from_keys(keys, columns);
        Ok(TableReader::jsonl_with(reader, columns, limits, fields))
    }

    fn jsonl_with(
        reader: Box<dyn Read + Send>,
        columns: &Columns,
        limits: &Limits,
        (fields, carried): (JsonlFields, Vec<String>),
    ) -> TableReader {
        TableReader {
            rows: Rows::Jsonl {
                lines: std::io::BufReader::new(reader),
                line: 0,
                buffer: Vec::new(),
                max_line: limits.row_bytes,
                columns: columns.clone(),
                fields,
            },
            carried,
            read_ahead: Default::default(),
            header_warning: None,
        }
    }

    fn delimited(
        reader: Box<dyn Read + Send>,
        delimiter: u8,
        columns: &Columns,
        path: Option<&Path>,
        limits: &Limits,
    ) -> Result<TableReader> {
        // The csv reader strips a UTF-8 byte order mark and accepts CRLF.
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(QuoteWatch::new(reader, delimiter, limits.row_bytes));
        let header = read_header(&mut csv, path, limits)?;
        let (text, id) = header.places(columns, path)?;
        let carried: Vec<usize> = (0..header.names.len())
            .filter(|i| *i != text && Some(*i) != id)
            .collect();
        Ok(TableReader {
            carried: carried.iter().map(|&i| header.names[i].clone()).collect(),
            rows: Rows::Delimited {
                records: csv.into_byte_records(),
                text,
                id,
                carried,
            },
            read_ahead: Default::default(),
            header_warning: header.warning,
        })
    }

    /// The names of the carried columns. For JSON lines they are known
    /// after the first record.
    pub fn carried_columns(&self) -> &[String] {
        &self.carried
    }

    /// Reads ahead to the first JSON object, so that the carried fields are
    /// known before the first row is handed out (a bad first line must not
    /// lose them); the rows read ahead get a value for every field.
    fn with_jsonl_fields(mut self, path: Option<&Path>) -> TableReader {
        while matches!(
            &self.rows,
            Rows::Jsonl { fields, .. } if !fields.fixed
        ) && self.read_ahead.len() < JSONL_READ_AHEAD
        {
            match self.read_record(path) {
                Some(record) => self.read_ahead.push_back(record),
                None => break,
            }
        }
        let width = self.carried.len();
        for record in self.read_ahead.iter_mut().flatten() {
            record.carried.resize(width, Value::Null);
        }
        self
    }

    /// The next record; `None` at the end. An I/O error ends the table, and
    /// so does a problem with the header of a table without rows (which
    /// has no row to report it with).
    pub fn next_record(&mut self, path: Option<&Path>) -> Option<Result<Record>> {
        match self.read_ahead.pop_front() {
            Some(record) => Some(record),
            None => self.read_record(path),
        }
    }

    fn read_record(&mut self, path: Option<&Path>) -> Option<Result<Record>> {
        match &mut self.rows {
            Rows::Delimited {
                records,
                text,
                id,
                carried,
            } => {
                let Some(record) = records.next() else {
                    return self
                        .header_warning
                        .take()
                        .map(|(line, warning)| Err(Error::input(path, Some(line), warning)));
                };
                let places = Places {
                    text: *text,
                    id: *id,
                    carried,
                };
                let header_warning = self.header_warning.take().map(|(_, warning)| warning);
                Some(delimited_record(
                    records,
                    record,
                    &places,
                    header_warning,
                    path,
                ))
            }
            Rows::Workbook {
                sheet,
                text,
                id,
                carried,
            } => {
                let places = Places {
                    text: *text,
                    id: *id,
                    carried,
                };
                Some(match sheet.next_row()? {
                    Ok(row) => Ok(sheet_record(row, &places)),
                    Err(message) => Err(Error::input(path, None, message)),
                })
            }
            Rows::Jsonl {
                lines,
                line,
                buffer,
                max_line,
                columns,
                fields,
            } => {
                let reading = JsonlReading {
                    lines,
                    line,
                    buffer,
                    max_line: *max_line,
                    columns,
                    fields,
                };
                next_jsonl_record(reading, &mut self.carried, path)
            }
        }
    }
}

/// The header of a CSV or TSV table.
struct Header {
    names: Vec<String>,
    /// Its line (after any blank lines the csv reader skips).
    line: u64,
    /// A problem to report with the first row, with the header's line.
    warning: Option<(u64, String)>,
    /// What goes before a message about it: a workbook's sheet.
    place: String,
}

/// Reads the header: a quote never closed in it is an error (the whole
/// file would be read into it).
fn read_header(
    csv: &mut csv::Reader<QuoteWatch>,
    path: Option<&Path>,
    limits: &Limits,
) -> Result<Header> {
    let fields = csv.byte_headers().map_err(|e| csv_error(path, e))?.len();
    // An empty file has no header line; its (missing) header is line 1.
    let facts = csv.get_mut().record_from(0);
    let line = facts.map_or(1, |facts| facts.line);
    if facts.is_some_and(|facts| facts.too_long) {
        let message = format!(
            "the header is longer than {}, the longest row hedgescore reads; is this a table?",
            size(limits.row_bytes)
        );
        return Err(Error::input(path, Some(line), message));
    }
    if fields > limits.columns {
        let message = format!(
            "the header has {fields} columns, more than the {} hedgescore reads",
            limits.columns
        );
        return Err(Error::input(path, Some(line), message));
    }
    let names = csv
        .byte_headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(|field| String::from_utf8_lossy(field).into_owned())
        .collect::<Vec<_>>();
    let header_end = csv.position().byte();
    let warning = csv
        .get_mut()
        .text_after_quote_before(header_end)
        .then(|| (line, format!("the header on line {line} has text after its closing quote, which was read into the column's name; check its quotes")));
    if csv.get_ref().open_at_end {
        return Err(Error::input(
            path,
            Some(line),
            "a quoted field in the header is never closed, so the whole file was read into the header; check its quotes",
        ));
    }
    Ok(Header {
        names,
        line,
        warning,
        place: String::new(),
    })
}

impl Header {
    /// Where the text and the id columns are: a missing one is an error
    /// naming the columns the header has.
    fn places(&self, columns: &Columns, path: Option<&Path>) -> Result<(usize, Option<usize>)> {
        let find = |name: &str| self.names.iter().position(|h| h == name);
        let Some(text) = find(&columns.text) else {
            return Err(Error::input(
                path,
                Some(self.line),
                format!(
                    "{}the header has no text column {:?} (it has {}); name the column with --text-column",
                    self.place,
                    columns.text,
                    column_list(&self.names, true),
                ),
            ));
        };
        let id = match &columns.id {
            None => None,
            Some(id) => Some(find(id).ok_or_else(|| {
                Error::input(
                    path,
                    Some(self.line),
                    format!("{}the header has no id column {id:?}", self.place),
                )
            })?),
        };
        Ok((text, id))
    }
}

/// The longest list of column names a message shows, in characters.
const COLUMN_LIST_CHARS: usize = 200;

/// Column names for a message, quoted if `quote`: the first ones up to
/// `COLUMN_LIST_CHARS` (200) characters, then how many there are, so that a header of
/// 50 MB is not echoed whole.
pub fn column_list(names: &[String], quote: bool) -> String {
    let mut list = String::new();
    for (i, name) in names.iter().enumerate() {
        let quoted = if quote {
            format!("{name:?}")
        } else {
            name.clone()
        };
        let sep = if i == 0 { "" } else { ", " };
        if list.chars().count() + sep.len() + quoted.chars().count() > COLUMN_LIST_CHARS {
            let shown: String = format!("{list}{sep}{quoted}")
                .chars()
                .take(COLUMN_LIST_CHARS)
                .collect();
            return format!("{shown}… ({} columns)", names.len());
        }
        list.push_str(sep);
        list.push_str(&quoted);
    }
    list
}

/// Where the columns of a CSV or TSV record are.
struct Places<'a> {
    text: usize,
    id: Option<usize>,
    carried: &'a [usize],
}

/// The record the csv reader just read, with the problems the quote
/// watch found in it (and the header's, for the first).
fn delimited_record(
    records: &mut csv::ByteRecordsIntoIter<QuoteWatch>,
    record: csv::Result<csv::ByteRecord>,
    places: &Places,
    header_warning: Option<String>,
    path: Option<&Path>,
) -> Result<Record> {
    // The file's end is read with its last record, so a quote
    // open at the end belongs to the record just read.
    let open_quote = records.reader().get_ref().open_at_end;
    // The watch reads ahead of the csv reader: the bytes after
    // a closing quote that belong to this record are those
    // before the reader's position, the start of the next.
    let end = records.reader().position().byte();
    let watch = records.reader_mut().get_mut();
    let after_quote = watch.text_after_quote_before(end);
    let from = match &record {
        Ok(record) => record.position(),
        Err(e) => e.position(),
    };
    let facts = from.and_then(|from| watch.record_from(from.byte()));
    let line = facts.map_or(0, |facts| facts.line);
    let record = match record {
        Ok(record) => record,
        Err(e) => {
            return match e.kind() {
                csv::ErrorKind::Io(_) => Err(csv_error(path, e)),
                _ => Ok(problem_record(line, places.carried.len(), csv_message(&e))),
            };
        }
    };
    let mut record = if facts.is_some_and(|facts| facts.too_long) {
        let message = row_too_long(watch.max_record());
        problem_record(line, places.carried.len(), message)
    } else {
        fields_record(&record, places, line)
    };
    let problems = [
        header_warning,
        after_quote.then(|| "a quoted field in the row that starts on this line has text after its closing quote, which was read into the field as it is; check its quotes (a quote inside a quoted field is written twice)".to_string()),
        open_quote.then(|| "a quoted field in the row that starts on this line is never closed, so the rest of the file was read into it; check its quotes".to_string()),
    ];
    for problem in problems.into_iter().flatten() {
        record.warning = Some(match record.warning.take() {
            Some(other) => format!("{other}; {problem}"),
            None => problem,
        });
    }
    Ok(record)
}

/// A sheet's row as a table row: a value is text as JSON lines has it.
fn sheet_record(row: SheetRow, places: &Places) -> Record {
    let text_of = |value: &Value| match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    let cell = |i: usize| row.cells.get(i).unwrap_or(&Value::Null);
    Record {
        line: row.line,
        id: places.id.and_then(|i| text_of(cell(i))),
        text: text_to_score(text_of(cell(places.text))),
        carried: places.carried.iter().map(|&i| cell(i).clone()).collect(),
        warning: None,
        repaired: false,
    }
}

/// A CSV or TSV record's fields as a row.
fn fields_record(record: &csv::ByteRecord, places: &Places, line: u64) -> Record {
    let mut warning = None;
    let mut field = |i: usize| {
        record.get(i).map(|bytes| {
            let (text, bad) = decode_field(bytes);
            warning = warning.take().or(bad);
            text.into_owned()
        })
    };
    let id = places.id.and_then(&mut field);
    let text = field(places.text);
    let carried = places
        .carried
        .iter()
        .map(|&i| Value::String(field(i).unwrap_or_default()))
        .collect();
    Record {
        line,
        id,
        text: text_to_score(text),
        carried,
        repaired: warning.is_some(),
        warning,
    }
}

fn refuse_binary(
    mut reader: Box<dyn Read + Send>,
    path: Option<&Path>,
) -> Result<Box<dyn Read + Send>> {
    let mut head = vec![0; super::BINARY_SNIFF_BYTES];
    let n = loop {
        match reader.read(&mut head) {
            Ok(n) => break n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path, e)),
        }
    };
    head.truncate(n);
    if let Some(message) = super::not_text(&head) {
        return Err(Error::input(path, None, message));
    }
    Ok(Box::new(std::io::Cursor::new(head).chain(reader)))
}

/// The status of a row longer than `max` bytes.
fn row_too_long(max: usize) -> String {
    format!(
        "the row is longer than {}, the longest row hedgescore reads; it was read past and not scored",
        size(max)
    )
}

/// Decodes a field or line, replacing invalid UTF-8, with a warning then.
fn decode_field(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<String>) {
    let text = String::from_utf8_lossy(bytes);
    let warning = matches!(text, std::borrow::Cow::Owned(_))
        .then(|| "is not valid UTF-8; scored with the bad bytes replaced by U+FFFD".to_string());
    (text, warning)
}

/// The text of a row, or why it has none to score.
fn text_to_score(text: Option<String>) -> std::result::Result<String, NoText> {
    match NoText::of(text.as_deref()) {
        Some(why) => Err(why),
        None => Ok(text.unwrap_or_default()),
    }
}

/// A row that could not be read, and why.
fn problem_record(line: u64, carried: usize, message: String) -> Record {
    Record {
        line,
        id: None,
        text: Err(NoText::Unreadable(message)),
        carried: vec![Value::Null; carried],
        warning: None,
        repaired: false,
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    }
}

fn csv_error(path: Option<&Path>, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, io),
        other => Error::input(path, line, format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        format: TableFormat,
        data: &str,
        columns: &Columns,
    ) -> Result<(Vec<String>, Vec<Record>)> {
        read_from(
            Box::new(std::io::Cursor::new(data.as_bytes().to_vec())),
            format,
            columns,
        )
    }

    fn read_from(
        reader: Box<dyn Read + Send>,
        format: TableFormat,
        columns: &Columns,
    ) -> Result<(Vec<String>, Vec<Record>)> {
        let mut table = TableReader::new(reader, format, columns, None, &Limits::default())?;
        let mut records = Vec::new();
        while let Some(record) = table.next_record(None) {
            records.push(record?);
        }
        Ok((table.carried_columns().to_vec(), records))
    }

    #[test]
    fn csv_with_bom_crlf_quoted_newlines_and_carried_columns() {
        let data = "\u{feff}id,text,source\r\n1,\"It may rain.\nOr not.\",bbc\r\n2,,cnn\r\n3,\"Plain, \"\"quoted\"\".\",x\r\n";
        let columns = Columns {
            id: Some("id".into()),
            ..Columns::default()
        };
        let (carried, records) = read(TableFormat::Csv, data, &columns).unwrap();
        assert_eq!(carried, ["source"]);
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].id.as_deref(), Some("1"));
        assert_eq!(
            records[0].text.as_deref().ok(),
            Some("It may rain.\nOr not.")
        );
        assert_eq!(records[0].carried, [Value::String("bbc".into())]);
        assert_eq!(records[1].status().as_deref(), Some("empty text"));
        assert_eq!(records[2].text.as_deref().ok(), Some("Plain, \"quoted\"."));
        assert_eq!(records[2].line, 5);
    }

    /// (what, format, data, the line each row starts on)
    const ROW_LINES: &[(&str, TableFormat, &str, &[u64])] = &[
        (
            "LF",
            TableFormat::Csv,
            "text,n\nIt may rain.,1\n\"Two\nlines could.\",2\nPlain.,3\n",
            &[2, 3, 5],
        ),
        (
            "CRLF",
            TableFormat::Csv,
            "text,n\r\nIt may rain.,1\r\n\"Two\r\nlines could.\",2\r\nPlain.,3\r\n",
            &[2, 3, 5],
        ),
        (
            "CR only",
            TableFormat::Csv,
            "text,n\rIt may rain.,1\r\"Two\rlines could.\",2\rPlain.,3\r",
            &[2, 3, 5],
        ),
        (
            "mixed line ends",
            TableFormat::Csv,
            "text\r\na\nb\rc\r\n\rd\n",
            &[2, 3, 4, 6],
        ),
        (
            "blank lines between rows and before the header",
            TableFormat::Csv,
            "\r\ntext\n\nIt may.\r\n\r\n\nIt rains.\n",
            &[4, 7],
        ),
        (
            "a byte order mark, CRLF, the last row without a line end",
            TableFormat::Csv,
            "\u{feff}text\r\na\r\nb",
            &[2, 3],
        ),
        (
            "TSV, CRLF inside a quoted field",
            TableFormat::Tsv,
            "text\tn\r\n\"a\r\nb\"\t1\r\nc\t2\r\n",
            &[2, 4],
        ),
        (
            "a lone CR inside a quoted field",
            TableFormat::Csv,
            "text\n\"a\r\"\nb\n",
            &[2, 4],
        ),
        (
            "empty quoted fields and a row of delimiters",
            TableFormat::Csv,
            "text,n\r\n\"\"\r\n,\r\nx,1\r\n",
            &[2, 3, 4],
        ),
    ];

    #[test]
    fn rows_are_named_by_the_line_they_start_on_whatever_the_line_ends() {
        for &(what, format, data, lines) in ROW_LINES {
            for at_most in [1, 2, 3, data.len()] {
                let trickle = Trickle {
                    bytes: std::io::Cursor::new(data.as_bytes().to_vec()),
                    at_most,
                };
                let (_, records) = read_from(Box::new(trickle), format, &Columns::default())
                    .unwrap_or_else(|e| panic!("{what} {at_most}: {e}"));
                let found: Vec<u64> = records.iter().map(|r| r.line).collect();
                assert_eq!(found, lines, "{what}, {at_most} bytes a read");
            }
        }
    }

    #[test]
    fn ragged_rows_and_missing_columns() {
        let (_, records) = read(
            TableFormat::Tsv,
            "text\tsource\nshort\nok\tx\textra\n",
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(records[0].text.as_deref().ok(), Some("short"));
        assert_eq!(records[0].carried, [Value::String(String::new())]);
        assert_eq!(records[1].carried, [Value::String("x".into())]);
        let err = read(TableFormat::Csv, "body,source\nx,y\n", &Columns::default())
            .err()
            .unwrap();
        assert!(err.to_string().contains("no text column \"text\""), "{err}");
        assert_eq!(err.line(), Some(1));
        // The csv reader skips blank lines before the header too.
        let err = read(TableFormat::Csv, "\r\n\r\nbody\nx\n", &Columns::default())
            .err()
            .unwrap();
        assert_eq!(err.line(), Some(3));
    }

    #[test]
    fn an_unterminated_quote_is_read_to_the_end_and_reported_on_its_line() {
        let (_, records) = read(
            TableFormat::Csv,
            "text\nfine\n\"never closed\nmore\n",
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].warning, None);
        assert_eq!(
            records[1].text.as_deref().ok(),
            Some("never closed\nmore\n")
        );
        assert_eq!(records[1].line, 3);
        let warning = records[1].warning.as_deref().unwrap_or_default();
        assert!(warning.contains("never closed"), "{warning}");
        let (_, records) = read(
            TableFormat::Csv,
            "text\r\nfine\r\n\"never closed\r\nmore\r\n",
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(records[1].line, 3);
        // Quotes that are closed, doubled, inside a field, across lines,
        // in TSV, or a file without a last line end: no warning.
        for (format, data) in [
            (TableFormat::Csv, "text\n\"a, \"\"b\"\"\nc\"\nd\"e\"\n"),
            (TableFormat::Csv, "text,n\n\"x\",1\r\n\"y\"\"\",2"),
            (TableFormat::Csv, "text\n\"\"\n\"\"\"\"\n"),
            (TableFormat::Tsv, "text\tn\n\"a\tb\"\t1\nsaid \"so\t2\n"),
        ] {
            let (_, records) = read(format, data, &Columns::default()).unwrap();
            assert!(
                records.iter().all(|r| r.warning.is_none()),
                "{data:?}: {records:?}"
            );
        }
        let (_, records) = read(
            TableFormat::Tsv,
            "text\tn\n\"open\t1\nrest\t2\n",
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(records.len(), 1);
        assert!(records[0].warning.is_some());
    }

    #[test]
    fn a_quote_never_closed_in_the_header_is_an_error_on_line_1() {
        let err = read(
            TableFormat::Csv,
            "text,\"n\nIt may rain.,1\n",
            &Columns::default(),
        )
        .err()
        .unwrap();
        assert_eq!(err.line(), Some(1));
        assert!(err.to_string().contains("never closed"), "{err}");
        // After a byte order mark the first field may be quoted.
        let (_, records) = read(
            TableFormat::Csv,
            "\u{feff}\"note\n\",text\nx,It may rain.\ny,It rains.",
            &Columns::default(),
        )
        .unwrap();
        assert!(records.iter().all(|r| r.warning.is_none()), "{records:?}");
    }

    /// Hands out its bytes a few at a time, so that quotes, line ends and
    /// a byte order mark fall on the edges of reads (as from a pipe).
    struct Trickle {
        bytes: std::io::Cursor<Vec<u8>>,
        at_most: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.at_most);
            self.bytes.read(&mut buf[..n])
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_whatever_the_reads() {
        for data in [
            "\u{feff}text\nIt may rain.\n",
            "\u{feff}\"text\"\r\n\"It may rain.\"",
        ] {
            for at_most in 1..=5 {
                let trickle = Trickle {
                    bytes: std::io::Cursor::new(data.as_bytes().to_vec()),
                    at_most,
                };
                let (_, records) =
                    read_from(Box::new(trickle), TableFormat::Csv, &Columns::default())
                        .unwrap_or_else(|e| panic!("{data:?}, {at_most} bytes a read: {e}"));
                assert_eq!(records.len(), 1, "{data:?}, {at_most} bytes a read");
                assert_eq!(records[0].text.as_deref().ok(), Some("It may rain."));
                assert_eq!(records[0].line, 2);
                assert_eq!(records[0].warning, None);
            }
        }
        // Only the first mark is stripped (as the csv reader does): a
        // second is part of the first column's name.
        let (carried, _) = read(
            TableFormat::Csv,
            "\u{feff}\u{feff}a,text\nx,y\n",
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(carried, ["\u{feff}a"]);
    }

    /// Which rows (1 for the first after the header) are warned of text
    /// after a closing quote. (Each names the line its row starts on.)
    fn rows_with_text_after_a_quote(records: &[Record]) -> Vec<usize> {
        (1..=records.len())
            .filter(|&row| {
                records[row - 1]
                    .warning
                    .as_deref()
                    .is_some_and(|w| w.contains("after its closing quote"))
            })
            .collect()
    }

    /// (what, format, data, the rows warned: 1 for the first after the header)
    const TEXT_AFTER_A_CLOSING_QUOTE: &[(&str, TableFormat, &str, &[usize])] = &[
        (
            "inner quotes not doubled",
            TableFormat::Csv,
            "text,n\n\"He said \"hi\" to me\",1\nfine,2\n",
            &[1],
        ),
        (
            "a quote closed by the next row's quote",
            TableFormat::Csv,
            "text\n\"open\nmore\n\"next\nlast\n",
            &[1],
        ),
        (
            "a space after the quote",
            TableFormat::Csv,
            "text,n\n\"a\" ,1\n",
            &[1],
        ),
        (
            "late in a field over lines",
            TableFormat::Csv,
            "text\nok\n\"one\ntwo\"x\n",
            &[2],
        ),
        (
            "two rows, CRLF, the last without a line end",
            TableFormat::Csv,
            "text\r\n\"a\"b\r\nok\r\n\"c\"d",
            &[1, 3],
        ),
        (
            "after a byte order mark",
            TableFormat::Csv,
            "\u{feff}text\n\"a\"b\n",
            &[1],
        ),
        ("TSV", TableFormat::Tsv, "text\tn\n\"a\"b\t1\nc\t2\n", &[1]),
        (
            "doubled quotes are quotes",
            TableFormat::Csv,
            "text,n\n\"x\"\"y\",1\n\"z\"\"\",2\n\"\"\"\"\n",
            &[],
        ),
        (
            "quotes inside an unquoted field",
            TableFormat::Csv,
            "text\nsaid \"so\" it\n",
            &[],
        ),
        (
            "a delimiter or line end after the quote",
            TableFormat::Tsv,
            "text\tn\n\"a\tb\"\t1\n\"c\"\r\n",
            &[],
        ),
    ];

    #[test]
    fn text_after_a_closing_quote_is_reported_on_its_row() {
        for &(what, format, data, warned) in TEXT_AFTER_A_CLOSING_QUOTE {
            let (_, whole) = read(format, data, &Columns::default()).unwrap();
            assert_eq!(rows_with_text_after_a_quote(&whole), warned, "{what}");
            for at_most in [1, 2, 3] {
                let trickle = Trickle {
                    bytes: std::io::Cursor::new(data.as_bytes().to_vec()),
                    at_most,
                };
                let (_, records) = read_from(Box::new(trickle), format, &Columns::default())
                    .unwrap_or_else(|e| panic!("{what} {at_most}: {e}"));
                assert_eq!(records, whole, "{what}, {at_most} bytes a read");
            }
        }
        // The row is still read as the csv reader reads it.
        let (_, records) = read(
            TableFormat::Csv,
            TEXT_AFTER_A_CLOSING_QUOTE[0].2,
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(
            records[0].text.as_deref().ok(),
            Some("He said hi\" to me\"")
        );
        assert_eq!(records[0].line, 2);
        assert_eq!(records[0].status(), None);
        assert_eq!(records[1].warning, None);
    }

    #[test]
    fn text_after_a_closing_quote_in_the_header_is_reported_with_the_first_row() {
        let (carried, records) = read(
            TableFormat::Csv,
            "\"source\" ,text\nbbc,It rains.\ncnn,It may rain.\n",
            &Columns::default(),
        )
        .unwrap();
        assert_eq!(carried, ["source "]);
        let warning = records[0].warning.as_deref().unwrap_or_default();
        assert!(warning.contains("header"), "{warning}");
        assert!(warning.contains("after its closing quote"), "{warning}");
        assert_eq!(records[1].warning, None);
    }

    #[test]
    fn a_header_problem_in_a_table_without_rows_is_an_error_on_the_header_line() {
        for (data, line) in [
            ("\"te\"xt\n", 1),
            ("\"te\"xt", 1),
            ("\r\n\"te\"xt,n\r\n\r\n", 2),
        ] {
            let reader: Box<dyn Read + Send> =
                Box::new(std::io::Cursor::new(data.as_bytes().to_vec()));
            let mut table = TableReader::new(
                reader,
                TableFormat::Csv,
                &Columns::default(),
                None,
                &Limits::default(),
            )
            .unwrap_or_else(|e| panic!("{data:?}: {e}"));
            let err = match table.next_record(None) {
                Some(Err(err)) => err,
                other => panic!("{data:?}: {other:?}"),
            };
            assert_eq!(err.line(), Some(line), "{data:?}");
            let message = err.to_string();
            assert!(message.contains("header"), "{message}");
            assert!(message.contains("after its closing quote"), "{message}");
            assert!(table.next_record(None).is_none(), "{data:?}");
        }
    }

    /// The csv crate itself as the oracle: the input ends inside a quoted
    /// field exactly when a line added after a line end is swallowed.
    fn csv_ends_in_open_quote(data: &[u8], delimiter: u8) -> bool {
        let mut with_sentinel = data.to_vec();
        with_sentinel.extend_from_slice(b"\nZZ_SENTINEL\n");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(&with_sentinel[..]);
        let last = reader.byte_records().last().unwrap().unwrap();
        !(last.len() == 1 && &last[0] == b"ZZ_SENTINEL")
    }

    /// Where text follows a closing quote, read one byte at a time as
    /// csv-core reads (the reference for the watch's jumps and reads).
    fn text_after_quote_offsets(data: &[u8], delimiter: u8) -> Vec<u64> {
        let bom = "\u{feff}".as_bytes();
        let skip = if data.starts_with(bom) { bom.len() } else { 0 };
        let mut offsets = Vec::new();
        let (mut field_start, mut quoted, mut closed) = (true, false, false);
        for (i, &byte) in data.iter().enumerate().skip(skip) {
            let ends_field = byte == delimiter || byte == b'\n' || byte == b'\r';
            if quoted {
                closed = byte == b'"';
                quoted = !closed;
            } else if closed && byte == b'"' {
                (quoted, closed) = (true, false);
            } else {
                if closed && !ends_field {
                    offsets.push(i as u64);
                }
                quoted = field_start && byte == b'"';
                field_start = ends_field;
                closed = false;
            }
        }
        offsets
    }

    /// The rows that hold the bytes at `offsets` (0 for the header), by
    /// where the csv crate starts each row.
    fn rows_of(data: &[u8], delimiter: u8, offsets: &[u64]) -> Vec<usize> {
        let starts: Vec<u64> = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(data)
            .byte_records()
            .map(|r| r.unwrap().position().unwrap().byte())
            .collect();
        offsets
            .iter()
            .map(|&at| starts.iter().filter(|&&start| start <= at).count() - 1)
            .collect()
    }

    /// The line each row after the header starts on, counted over the
    /// whole data: a row starts at the first byte that is no line end at or
    /// after where the csv crate starts reading it, and `\r\n`, a lone
    /// `\r` and `\n` each end a line.
    fn row_lines(data: &[u8], delimiter: u8) -> Vec<u64> {
        let is_line_end = |b: &u8| *b == b'\n' || *b == b'\r';
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(data)
            .byte_records()
            .skip(1)
            .map(|r| {
                let from = r.unwrap().position().unwrap().byte() as usize;
                let start = from + data[from..].iter().take_while(|b| is_line_end(b)).count();
                let line_ends = (0..start)
                    .filter(|&i| {
                        data[i] == b'\n' || (data[i] == b'\r' && data.get(i + 1) != Some(&b'\n'))
                    })
                    .count();
                1 + line_ends as u64
            })
            .collect()
    }

    /// A generated table for the proptests: an optional byte order mark,
    /// `header` with its commas as the delimiter, `line_end`, then `body`;
    /// comma-separated, or tab-separated with `tsv`.
    fn generated_table(
        tsv: bool,
        bom: bool,
        header: &str,
        line_end: &[u8],
        body: &[u8],
    ) -> (TableFormat, u8, Vec<u8>) {
        let (format, delimiter) = if tsv {
            (TableFormat::Tsv, b'\t')
        } else {
            (TableFormat::Csv, b',')
        };
        let mut data = Vec::new();
        if bom {
            data.extend_from_slice("\u{feff}".as_bytes());
        }
        data.extend_from_slice(
            header
                .replace(',', &char::from(delimiter).to_string())
                .as_bytes(),
        );
        data.extend_from_slice(line_end);
        data.extend_from_slice(body);
        (format, delimiter, data)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Each row is named by the line it starts on, whatever the line
        /// ends, quotes and sizes of the reads.
        #[test]
        fn row_lines_agree_with_a_count_over_the_whole_data(
            tsv in proptest::bool::ANY,
            bom in proptest::bool::ANY,
            header in proptest::sample::select(vec!["text", "\"text\"", "\"n\r\n\",text", "\r\ntext"]),
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'"', b',', b'\t', b'\n', b'\r', b'\r', b'\n']),
                0..24,
            ),
            at_most in 1..8usize,
        ) {
            let (format, delimiter, data) = generated_table(tsv, bom, header, b"\r\n", &body);
            let trickle = Trickle {
                bytes: std::io::Cursor::new(data.clone()),
                at_most,
            };
            let (_, records) = read_from(Box::new(trickle), format, &Columns::default()).unwrap();
            let lines: Vec<u64> = records.iter().map(|r| r.line).collect();
            proptest::prop_assert_eq!(
                lines,
                row_lines(&data, delimiter),
                "{:?}",
                String::from_utf8_lossy(&data)
            );
        }

        /// A row longer than the longest read is read past and only it:
        /// the rows are those read without a limit, on the same lines,
        /// those too long with an error, the rest as they were.
        #[test]
        fn a_row_limit_changes_only_the_rows_too_long(
            tsv in proptest::bool::ANY,
            header in proptest::sample::select(vec!["text", "\"text\"", "n,text"]),
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b'"', b',', b'\t', b'\n', b'\r']),
                0..40,
            ),
            row_bytes in 1..12usize,
            at_most in 1..9usize,
        ) {
            let (format, _, data) = generated_table(tsv, false, header, b"\n", &body);
            let data = String::from_utf8(data).unwrap();
            let whole = read_limited(format, &data, usize::MAX, data.len().max(1));
            let limited = read_limited(format, &data, row_bytes, at_most);
            let (whole, limited) = match (whole, limited) {
                (Ok(whole), Ok(limited)) => (whole, limited),
                // A header too long is an error of its own.
                (_, Err(e)) => {
                    proptest::prop_assert!(e.to_string().contains("header"), "{}", e);
                    return Ok(());
                }
                (Err(e), Ok(_)) => return Err(proptest::test_runner::TestCaseError::fail(e.to_string())),
            };
            proptest::prop_assert_eq!(whole.len(), limited.len(), "{:?}", data);
            for (w, l) in whole.iter().zip(&limited) {
                proptest::prop_assert_eq!(w.line, l.line, "{:?}", data);
                let too_long = l.status().is_some_and(|s| s.contains("longer than"));
                if !too_long {
                    proptest::prop_assert_eq!(&w.text, &l.text, "{:?}", data);
                }
            }
        }

        /// The warning appears exactly when the csv crate reads to the end
        /// of the file inside a quoted field.
        #[test]
        fn the_quote_warning_agrees_with_the_csv_crate(
            tsv in proptest::bool::ANY,
            bom in proptest::bool::ANY,
            header in proptest::sample::select(vec!["text", "\"text\"", "\"n\n\",text"]),
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'"', b',', b'\t', b'\n', b'\r']),
                0..16,
            ),
        ) {
            let (format, delimiter, data) = generated_table(tsv, bom, header, b"\n", &body);
            let expected = csv_ends_in_open_quote(&data, delimiter);
            let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(data.clone()));
            let mut table = TableReader::new(reader, format, &Columns::default(), None, &Limits::default()).unwrap();
            let mut records = 0;
            let mut warned = false;
            while let Some(record) = table.next_record(None) {
                records += 1;
                warned |= record
                    .unwrap()
                    .warning
                    .as_deref()
                    .is_some_and(|w| w.contains("never closed"));
            }
            if records > 0 {
                proptest::prop_assert_eq!(warned, expected, "{:?}", String::from_utf8_lossy(&data));
            }
        }

        /// Text after a closing quote is warned of on the rows that a
        /// byte-by-byte reading finds it in (the header's on the first
        /// row), whatever the sizes of the reads.
        #[test]
        fn the_text_after_a_quote_warning_agrees_with_a_byte_by_byte_reading(
            tsv in proptest::bool::ANY,
            bom in proptest::bool::ANY,
            header in proptest::sample::select(vec!["text", "\"te\"xt", "\"n\n\"a,text"]),
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'"', b',', b'\t', b'\n', b'\r']),
                0..16,
            ),
            at_most in 1..8usize,
        ) {
            let (format, delimiter, data) = generated_table(tsv, bom, header, b"\n", &body);
            let trickle = Trickle {
                bytes: std::io::Cursor::new(data.clone()),
                at_most,
            };
            let rows = rows_of(&data, delimiter, &text_after_quote_offsets(&data, delimiter));
            let (_, records) = match read_from(Box::new(trickle), format, &Columns::default()) {
                Ok(read) => read,
                // A table without rows reports its header's problem alone.
                Err(e) => {
                    proptest::prop_assert!(rows.contains(&0), "{e}");
                    proptest::prop_assert!(e.to_string().contains("after its closing quote"), "{e}");
                    return Ok(());
                }
            };
            let mut expected: Vec<usize> = rows.into_iter().map(|row| row.max(1)).collect();
            expected.dedup();
            proptest::prop_assert_eq!(
                rows_with_text_after_a_quote(&records),
                expected,
                "{:?}",
                String::from_utf8_lossy(&data)
            );
        }
    }

    /// Records of `data` read with rows of at most `row_bytes`, `at_most`
    /// bytes a read.
    fn read_limited(
        format: TableFormat,
        data: &str,
        row_bytes: usize,
        at_most: usize,
    ) -> Result<Vec<Record>> {
        let trickle = Trickle {
            bytes: std::io::Cursor::new(data.as_bytes().to_vec()),
            at_most,
        };
        let limits = Limits {
            row_bytes,
            ..Limits::default()
        };
        let mut table = TableReader::new(
            Box::new(trickle),
            format,
            &Columns::default(),
            None,
            &limits,
        )?;
        let mut records = Vec::new();
        while let Some(record) = table.next_record(None) {
            records.push(record?);
        }
        Ok(records)
    }

    /// (what, format, data, per row: its line and its text, `None` when it
    /// is too long); rows of at most 8 bytes.
    type RowCase = (
        &'static str,
        TableFormat,
        &'static str,
        &'static [(u64, Option<&'static str>)],
    );
    const TOO_LONG_ROWS: &[RowCase] = &[
        (
            "an unquoted line",
            TableFormat::Csv,
            "text\nabcdefghijk\nok\n",
            &[(2, None), (3, Some("ok"))],
        ),
        (
            "exactly the longest, then one more",
            TableFormat::Csv,
            "text\n12345678\n123456789\nok",
            &[(2, Some("12345678")), (3, None), (4, Some("ok"))],
        ),
        (
            "a quoted field over lines, CRLF",
            TableFormat::Csv,
            "text,n\r\n\"abcdefghij\r\nklmnopq\r\nrs\",1\r\nok,2\r\n",
            &[(2, None), (5, Some("ok"))],
        ),
        (
            "the last row, without a line end",
            TableFormat::Tsv,
            "text\nok\nabcdefghijklmnop",
            &[(2, Some("ok")), (3, None)],
        ),
        (
            "a quote never closed",
            TableFormat::Csv,
            "text\nok\n\"abcdefghijklmnopqrstuvwxyz\nmore\nrows\n",
            &[(2, Some("ok")), (3, None)],
        ),
        (
            "a JSON line",
            TableFormat::Jsonl,
            "{\"text\":\"abcdefghij\"}\n{\"text\":\"ok\"}\n",
            &[(1, None), (2, None)],
        ),
    ];

    #[test]
    fn rows_longer_than_the_longest_are_read_past_with_an_error_on_their_line() {
        for &(what, format, data, rows) in TOO_LONG_ROWS {
            for at_most in [1, 3, 7, data.len()] {
                let records = read_limited(format, data, 8, at_most)
                    .unwrap_or_else(|e| panic!("{what}, {at_most} a read: {e}"));
                let found: Vec<(u64, Option<&str>)> = records
                    .iter()
                    .map(|r| (r.line, r.text.as_deref().ok()))
                    .collect();
                assert_eq!(found, rows, "{what}, {at_most} bytes a read");
                for record in records.iter().filter(|r| r.text.is_err()) {
                    let status = record.status().unwrap_or_default();
                    assert!(status.contains("longer than 8 bytes"), "{what}: {status}");
                }
            }
        }
        // A JSON line of 8 bytes is read; one of 9 is not.
        let records = read_limited(TableFormat::Jsonl, "{\"a\":12}\n{\"a\":123}\n", 8, 64).unwrap();
        assert_eq!(records[0].status().as_deref(), Some("missing text"));
        assert!(records[1].status().unwrap().contains("longer than"));
    }

    #[test]
    fn a_header_longer_than_a_row_or_with_too_many_columns_is_an_error() {
        let err = read_limited(TableFormat::Csv, "abcdefghijklmnop,text\nok\n", 8, 64)
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("the header is longer than"),
            "{err}"
        );
        assert_eq!(err.line(), Some(1));
        let limits = Limits {
            columns: 3,
            ..Limits::default()
        };
        let reader = Box::new(std::io::Cursor::new(b"a,b,c,text\nx,y,z,w\n".to_vec()));
        let err = TableReader::new(reader, TableFormat::Csv, &Columns::default(), None, &limits)
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("4 columns, more than the 3"),
            "{err}"
        );
    }

    /// Review finding (#19 item 14): a missing text column echoed a whole
    /// 50 MB header.
    #[test]
    fn a_missing_text_column_names_at_most_200_characters_of_the_header() {
        let header: Vec<String> = (0..20_000).map(|i| format!("column{i}")).collect();
        let data = format!("{}\n", header.join(","));
        let err = read(TableFormat::Csv, &data, &Columns::default()).unwrap_err();
        let message = err.to_string();
        assert!(message.len() < 400, "{} bytes", message.len());
        assert!(message.contains("\"column0\", \"column1\""), "{message}");
        assert!(message.contains("… (20000 columns)"), "{message}");
        let short = ["a".to_string(), "b".to_string()];
        assert_eq!(column_list(&short, true), "\"a\", \"b\"");
        assert_eq!(column_list(&short, false), "a, b");
    }

    #[test]
    fn jsonl_rows_with_bad_lines() {
        let data =
            "{\"text\":\"It may.\",\"n\":1}\nnot json\n{\"n\":3}\n[1]\n{\"text\":\"\",\"n\":5}\n";
        let (carried, records) = read(TableFormat::Jsonl, data, &Columns::default()).unwrap();
        assert_eq!(carried, ["n"]);
        let statuses: Vec<Option<String>> = records.iter().map(Record::status).collect();
        let statuses: Vec<Option<&str>> = statuses.iter().map(Option::as_deref).collect();
        assert_eq!(statuses[0], None);
        assert!(statuses[1].unwrap().starts_with("error: "));
        assert_eq!(statuses[2], Some("missing text"));
        assert_eq!(
            statuses[3],
            Some("error: not a JSON object (each line must be one {...} object)")
        );
        assert_eq!(statuses[4], Some("empty text"));
        assert_eq!(records[2].carried, [Value::from(3)]);
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(InputFormat::from_path(Path::new("a.CSV")), InputFormat::Csv);
        assert_eq!(InputFormat::from_path(Path::new("a.tsv")), InputFormat::Tsv);
        assert_eq!(
            InputFormat::from_path(Path::new("a.jsonl")),
            InputFormat::Jsonl
        );
        assert_eq!(
            InputFormat::from_path(Path::new("a.txt")),
            InputFormat::Text
        );
        assert_eq!(InputFormat::Text.table(), None);
        assert_eq!(InputFormat::Tsv.table(), Some(TableFormat::Tsv));
    }
}
