//! Workbook input: Excel (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) and
//! OpenDocument (`.ods`) spreadsheets, read with calamine. One sheet is
//! read (the first worksheet, or the one named), as a table: its first
//! row with a value names the columns, and every later row with a value is
//! a row of the table, named by its row number in the sheet.
//!
//! A cell's value is what the spreadsheet shows, never its formula: a
//! number stays a number, a date becomes ISO 8601 text (`2024-01-02`, with
//! `T10:30:00` when it has a time), a boolean stays one, an error cell is
//! its code (`#DIV/0!`). A header cell without a name is named by its
//! column's letters (`C`); a cell outside the header's columns is not read.
//!
//! An `.xlsx` sheet is read as a stream, a row at a time, so memory stays
//! flat whatever its size; the other formats are read whole by calamine.
//! The reading runs on a thread of its own, which owns the workbook and
//! hands rows over a bounded channel.

use std::io::{Read, Seek};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, Dimensions, Reader, SheetType, Sheets};
use serde_json::Value;

/// Rows read ahead of the run, at most.
const ROWS_AHEAD: usize = 256;

/// Where a workbook is read from.
#[derive(Debug)]
pub enum WorkbookSource {
    /// A file, whose extension says its kind (else each kind is tried).
    File(PathBuf),
    /// A whole workbook in memory (from standard input).
    Bytes(Vec<u8>),
}

/// One row of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// Its row number in the sheet, from 1.
    pub line: u64,
    /// Its values, one per header column (trailing empty cells left off).
    pub cells: Vec<Value>,
}

/// A sheet being read: its name and header, then its rows.
#[derive(Debug)]
pub struct SheetReader {
    /// The sheet's name.
    pub name: String,
    /// The column names, from its first row with a value.
    pub header: Vec<String>,
    /// The header's row number in the sheet, from 1.
    pub header_line: u64,
    rows: Receiver<Message>,
}

#[derive(Debug)]
enum Message {
    Header {
        sheet: String,
        names: Vec<String>,
        line: u64,
    },
    Row(SheetRow),
    /// The sheet cannot be read (on): the message says why, naming it.
    Failed(String),
}

impl SheetReader {
    /// Opens the sheet named `wanted` (the first worksheet if `None`) and
    /// reads its header. The error is a message for the user.
    pub fn open(source: WorkbookSource, wanted: Option<&str>) -> Result<SheetReader, String> {
        let (send, rows) = sync_channel(ROWS_AHEAD);
        let wanted = wanted.map(str::to_string);
        std::thread::Builder::new()
            .name("workbook reader".to_string())
            .spawn(move || {
                if let Err(message) = read_workbook(source, wanted.as_deref(), &send) {
                    // The run may have stopped reading: no one to tell.
                    let _ = send.send(Message::Failed(message));
                }
            })
            .map_err(|e| format!("could not start reading the workbook: {e}"))?;
        match rows.recv() {
            Ok(Message::Header { sheet, names, line }) => Ok(SheetReader {
                name: sheet,
                header: names,
                header_line: line,
                rows,
            }),
            Ok(Message::Failed(message)) => Err(message),
            Ok(Message::Row(_)) => unreachable!("the header comes first"),
            Err(_) => Err("could not be read as a workbook".to_string()),
        }
    }

    /// The next row; `None` after the last. An error ends the sheet.
    pub fn next_row(&mut self) -> Option<Result<SheetRow, String>> {
        match self.rows.recv().ok()? {
            Message::Row(row) => Some(Ok(row)),
            Message::Failed(message) => Some(Err(message)),
            Message::Header { .. } => unreachable!("one header, first"),
        }
    }
}

/// Opens the workbook and sends its sheet's header and rows.
fn read_workbook(
    source: WorkbookSource,
    wanted: Option<&str>,
    send: &SyncSender<Message>,
) -> Result<(), String> {
    match source {
        WorkbookSource::File(path) => {
            let book = calamine::open_workbook_auto(&path)
                .map_err(|e| open_problem(&e, || std::fs::read(&path).unwrap_or_default()))?;
            read_book(book, wanted, send)
        }
        WorkbookSource::Bytes(bytes) => {
            let book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone()))
                .map_err(|e| open_problem(&e, || bytes))?;
            read_book(book, wanted, send)
        }
    }
}

fn read_book<RS: Read + Seek>(
    mut book: Sheets<RS>,
    wanted: Option<&str>,
    send: &SyncSender<Message>,
) -> Result<(), String> {
    let name = choose_sheet(&book, wanted)?;
    let merged = merged_cells(&mut book, &name);
    let mut rows = RowBuilder::new(send, name.clone(), merged);
    let unreadable = |e: &dyn std::fmt::Display| {
        format!("sheet {name:?} could not be read ({e}); the workbook may be damaged")
    };
    if let Sheets::Xlsx(xlsx) = &mut book {
        let mut cells = xlsx
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(&e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
            let (row, col) = cell.get_position();
            rows.cell(row, col, &Data::from(cell.get_value().clone()))?;
        }
    } else {
        let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        for (row, col, value) in range.used_cells() {
            rows.cell(top + row as u32, left + col as u32, value)?;
        }
    }
    rows.finish()
}

/// The name of the sheet to read: `wanted`, which must exist, or the
/// first worksheet.
fn choose_sheet<RS: Read + Seek>(
    book: &Sheets<RS>,
    wanted: Option<&str>,
) -> Result<String, String> {
    let sheets = book.sheets_metadata();
    let listed = || {
        let names: Vec<String> = sheets.iter().map(|s| format!("{:?}", s.name)).collect();
        names.join(", ")
    };
    match wanted {
        Some(wanted) if sheets.iter().any(|s| s.name == wanted) => Ok(wanted.to_string()),
        Some(wanted) => Err(format!(
            "has no sheet {wanted:?} (its sheets: {}); name one of them with --sheet",
            listed()
        )),
        None => sheets
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .ok_or_else(|| format!("has no worksheet to read (its sheets: {})", listed())),
    }
}

/// The merged cells of sheet `name`, where the format tells them.
fn merged_cells<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        // OpenDocument and binary workbooks leave a merge's other cells
        // empty, which names their columns by their letters.
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    }
}

/// What the user is told when a workbook cannot be opened; `bytes` gives
/// the file, to recognise an encrypted one.
fn open_problem(error: &calamine::Error, bytes: impl FnOnce() -> Vec<u8>) -> String {
    use calamine::{Error, OdsError, XlsError};
    const PASSWORD: &str = "is password-protected; save a copy without the password (or export the sheet to CSV) and score that";
    match error {
        Error::Xls(XlsError::Password) | Error::Ods(OdsError::Password) => PASSWORD.to_string(),
        _ if is_encrypted_package(&bytes()) => PASSWORD.to_string(),
        other => format!(
            "could not be read as a workbook ({other}); it may be damaged or cut short, or not a spreadsheet: open and save it again, or export the sheet to CSV"
        ),
    }
}

/// True for an encrypted Office file: a compound file (the container of
/// `.xls`) holding an `EncryptedPackage` stream, which is how Excel saves
/// an `.xlsx` with a password.
fn is_encrypted_package(bytes: &[u8]) -> bool {
    const COMPOUND_FILE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.starts_with(COMPOUND_FILE) && memchr::memmem::find(bytes, &name).is_some()
}

/// Gathers cells, which come in row order, into rows: the first is the
/// header, the others are sent as they are finished.
struct RowBuilder<'s> {
    send: &'s SyncSender<Message>,
    sheet: String,
    merged: Vec<Dimensions>,
    /// The row being gathered, with its cells by column.
    row: Option<(u32, Vec<(u32, Value)>)>,
    /// The header's first column and width, once it is read.
    columns: Option<(u32, usize)>,
}

impl<'s> RowBuilder<'s> {
    fn new(send: &'s SyncSender<Message>, sheet: String, merged: Vec<Dimensions>) -> Self {
        RowBuilder {
            send,
            sheet,
            merged,
            row: None,
            columns: None,
        }
    }

    /// Takes the cell at `row`, `col` (from 0).
    fn cell(&mut self, row: u32, col: u32, value: &Data) -> Result<(), String> {
        let value = cell_value(value);
        if value.is_null() {
            return Ok(());
        }
        if self.row.as_ref().is_some_and(|(r, _)| *r != row) {
            self.end_row()?;
        }
        self.row
            .get_or_insert_with(|| (row, Vec::new()))
            .1
            .push((col, value));
        Ok(())
    }

    /// Sends the row gathered: the header first, then rows.
    fn end_row(&mut self) -> Result<(), String> {
        let Some((row, cells)) = self.row.take() else {
            return Ok(());
        };
        let line = u64::from(row) + 1;
        let message = match self.columns {
            None => self.header(row, &cells)?,
            Some((first, width)) => {
                let mut values = vec![Value::Null; width];
                for (col, value) in cells {
                    if let Some(slot) = col
                        .checked_sub(first)
                        .and_then(|i| values.get_mut(i as usize))
                    {
                        *slot = value;
                    }
                }
                while values.last().is_some_and(Value::is_null) {
                    values.pop();
                }
                Message::Row(SheetRow {
                    line,
                    cells: values,
                })
            }
        };
        // A closed channel: the run stopped reading, so this thread stops.
        self.send.send(message).map_err(|_| String::new())
    }

    /// The header message of `cells`, the first row, or why it cannot be one.
    fn header(&mut self, row: u32, cells: &[(u32, Value)]) -> Result<Message, String> {
        let line = u64::from(row) + 1;
        if let Some(merge) = self
            .merged
            .iter()
            .find(|m| m.start.0 <= row && row <= m.end.0 && m.start.1 != m.end.1)
        {
            return Err(format!(
                "sheet {:?}: the header on row {line} has merged cells ({}:{}); unmerge them so that each column has a name of its own",
                self.sheet,
                cell_name(merge.start),
                cell_name(merge.end)
            ));
        }
        let first = cells[0].0;
        let last = cells[cells.len() - 1].0;
        let mut names: Vec<String> = (first..=last).map(column_letters).collect();
        for (col, value) in cells {
            names[(col - first) as usize] = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
        }
        self.columns = Some((first, names.len()));
        Ok(Message::Header {
            sheet: self.sheet.clone(),
            names,
            line,
        })
    }

    /// Sends the last row; a sheet without any is an error.
    fn finish(mut self) -> Result<(), String> {
        self.end_row()?;
        if self.columns.is_none() {
            return Err(format!(
                "sheet {:?} is empty: it has no header row naming the columns",
                self.sheet
            ));
        }
        Ok(())
    }
}

/// A cell's value as a table value: numbers, booleans and text as they
/// are, a date as ISO 8601 text, an error as its code; empty as null.
fn cell_value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Null,
        Data::String(s) => Value::String(s.clone()),
        Data::Int(n) => Value::from(*n),
        Data::Float(x) => float_value(*x),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_duration() => float_value(dt.as_f64()),
        Data::DateTime(dt) => Value::String(iso_date_time(dt.to_ymd_hms_milli())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::String(s.clone()),
        Data::Error(e) => Value::String(e.to_string()),
    }
}

/// A number, whole when it is one (spreadsheets keep every number as a
/// float: a year 2019 is written `2019`, not `2019.0`).
fn float_value(x: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if x.fract() == 0.0 && x.abs() < EXACT {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// `YYYY-MM-DD`, with `Thh:mm:ss` when the time is not midnight.
fn iso_date_time(
    (year, month, day, hour, minute, second, _milli): (u16, u8, u8, u8, u8, u8, u16),
) -> String {
    let date = format!("{year:04}-{month:02}-{day:02}");
    if (hour, minute, second) == (0, 0, 0) {
        date
    } else {
        format!("{date}T{hour:02}:{minute:02}:{second:02}")
    }
}

/// The letters of column `col` (from 0): A, B, …, Z, AA, AB, ….
fn column_letters(col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A cell's name, such as `B1`, from its row and column (from 0).
fn cell_name((row, col): (u32, u32)) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_table() {
        for (col, letters) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letters(col), letters);
        }
    }

    #[test]
    fn cell_values_table() {
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let day = ExcelDateTime::new(45293.0, ExcelDateTimeType::DateTime, false);
        let moment = ExcelDateTime::new(45293.4375, ExcelDateTimeType::DateTime, false);
        let table = [
            (Data::Empty, Value::Null),
            (Data::String("=1+2".into()), Value::from("=1+2")),
            (Data::Int(-3), Value::from(-3)),
            (Data::Float(2019.0), Value::from(2019)),
            (Data::Float(0.25), Value::from(0.25)),
            (Data::Bool(true), Value::Bool(true)),
            (Data::DateTime(day), Value::from("2024-01-02")),
            (Data::DateTime(moment), Value::from("2024-01-02T10:30:00")),
            (Data::Error(CellErrorType::Div0), Value::from("#DIV/0!")),
        ];
        for (data, value) in table {
            assert_eq!(cell_value(&data), value, "{data:?}");
        }
    }

    #[test]
    fn an_encrypted_package_is_recognised_by_its_stream_name() {
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let compound = [
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
            &[0; 100],
            &name,
        ]
        .concat();
        assert!(is_encrypted_package(&compound));
        assert!(!is_encrypted_package(&compound[..108]));
        assert!(!is_encrypted_package(
            &[b"PK\x03\x04".as_slice(), &name].concat()
        ));
    }
}
