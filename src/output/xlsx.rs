//! Excel workbooks (`.xlsx`): rows as typed cells of one worksheet, for
//! people who read results in a spreadsheet. Numbers are number cells,
//! dates date cells and text string cells, which a spreadsheet never runs
//! as a formula, so text needs no guard here (compare [`CsvLine`]'s).
//!
//! A workbook is written in order, cell by cell, by one writer: the
//! printer renders each row's cells ([`ArticleRow::visit`],
//! [`SentenceRow::visit`](super::SentenceRow::visit)) on any thread into a
//! compact typed form of its own, and the document writes them into the
//! worksheet. The worksheet is written in constant memory: each row goes
//! to a temporary file as it is written, and the workbook is compressed
//! into the output at the end; nothing reaches the output before then, so
//! a run that fails leaves none of it half written.
//!
//! [`CsvLine`]: super::csv::CsvLine

use std::io::{self, Write};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde_json::Value;

use super::columns::{ArticleRow, Cell, CellSink, GroupRow, Level, Schema, ScoredPiece};
use super::cues::push_top_cues;
use super::number::round;
use super::printer::{Document, Needs, Printer, Scratch};
use crate::text::whitespace::fold_pieces;

/// Rows in a worksheet, the header included: Excel's limit.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;
/// Characters (UTF-16 units) in a cell: Excel's limit. A longer text is
/// cut there, ending with an ellipsis.
pub const XLSX_MAX_CELL_CHARS: usize = 32_767;
/// What ends a text cut to fit a cell.
const CUT_MARK: char = '…';
/// The widest a column is made, in characters; its text is still whole.
const MAX_COLUMN_WIDTH: usize = 60;
/// The narrowest a column is made, in characters.
const MIN_COLUMN_WIDTH: usize = 6;
/// The number format of fractions: the places CSV writes.
const FRACTION_FORMAT: &str = "0.0000";

/// Rows as an Excel workbook of one worksheet.
#[derive(Debug, Clone, Copy)]
pub struct XlsxRows {
    level: Level,
}

impl XlsxRows {
    /// A workbook of `level` rows.
    pub fn new(level: Level) -> XlsxRows {
        XlsxRows { level }
    }
}

impl Printer for XlsxRows {
    fn needs(&self) -> Needs {
        Needs::of_level(self.level)
    }

    fn piece(&self, scratch: &mut Scratch, piece: &ScoredPiece, out: &mut Vec<u8>) {
        if self.level == Level::Sentence {
            for row in piece.sentence_rows() {
                let mut cells = TypedCells {
                    out,
                    field: &mut scratch.field,
                };
                row.visit(&mut cells);
                out.push(Tag::EndRow as u8);
            }
        }
    }

    fn article(&self, scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>) {
        if self.level == Level::Article {
            let mut cells = TypedCells {
                out,
                field: &mut scratch.field,
            };
            row.visit(&mut cells);
            out.push(Tag::EndRow as u8);
        }
    }

    fn group(&self, scratch: &mut Scratch, row: &GroupRow, out: &mut Vec<u8>) {
        if self.level == Level::Group {
            let mut cells = TypedCells {
                out,
                field: &mut scratch.field,
            };
            row.visit(&mut cells);
            out.push(Tag::EndRow as u8);
        }
    }

    fn document(&self) -> Box<dyn Document> {
        Box::new(XlsxDocument {
            level: self.level,
            sheet: None,
        })
    }
}

/// The kinds of cell in the rendered form: a tag byte, then the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Tag {
    Blank,
    /// A length (u32) and UTF-8 text.
    Text,
    /// A length (u32) and an ISO 8601 date, with or without a time.
    Date,
    /// A whole number (u64).
    Whole,
    /// A fraction (f64), shown with the places CSV writes.
    Fraction,
    /// A number carried from the input (f64), shown as it is.
    Number,
    /// A byte, 0 or 1.
    Bool,
    EndRow,
}

/// A cell read back from the rendered form.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Typed<'a> {
    Blank,
    Text(&'a str),
    Date(&'a str),
    Whole(u64),
    Fraction(f64),
    Number(f64),
    Bool(bool),
    EndRow,
}

/// A row's cells in the rendered form.
struct TypedCells<'o> {
    out: &'o mut Vec<u8>,
    /// Where a text is built before it is written.
    field: &'o mut String,
}

impl TypedCells<'_> {
    fn text(&mut self, tag: Tag, text: &str) {
        if text.is_empty() {
            self.out.push(Tag::Blank as u8);
            return;
        }
        let text = fitted(text);
        self.out.push(tag as u8);
        let len = u32::try_from(text.len()).expect("a fitted cell is short");
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(text.as_bytes());
    }

    fn built(&mut self, build: impl FnOnce(&mut String)) {
        let mut field = std::mem::take(self.field);
        field.clear();
        build(&mut field);
        self.text(Tag::Text, &field);
        *self.field = field;
    }

    fn number(&mut self, tag: Tag, x: f64) {
        self.out.push(tag as u8);
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.out.push(Tag::Blank as u8),
            Value::Bool(b) => self.out.extend_from_slice(&[Tag::Bool as u8, u8::from(*b)]),
            Value::Number(n) => {
                let text = n.to_string();
                match lossless_number(&text) {
                    Some(x) => self.number(Tag::Number, x),
                    None => self.text(Tag::Text, &text),
                }
            }
            Value::String(s) if is_iso_date_time(s) => self.text(Tag::Date, s),
            Value::String(s) => match lossless_number(s) {
                Some(x) => self.number(Tag::Number, x),
                None => self.text(Tag::Text, s),
            },
            other => self.text(Tag::Text, &other.to_string()),
        }
    }
}

impl<'r> CellSink<'r> for TypedCells<'_> {
    fn cell(&mut self, _name: &'r str, cell: Cell<'r>) {
        match cell {
            Cell::Text(text) => self.text(Tag::Text, text),
            Cell::Folded(text) => self.built(|field| fold_pieces(text, |p| field.push_str(p))),
            Cell::Date(date) => self.text(Tag::Date, date),
            Cell::Count(n) => {
                self.out.push(Tag::Whole as u8);
                self.out.extend_from_slice(&(n as u64).to_le_bytes());
            }
            Cell::Number(x) => self.number(Tag::Fraction, round(x)),
            Cell::Missing => self.out.push(Tag::Blank as u8),
            Cell::Value(value) => self.value(value),
            Cell::TopCues(top_cues) => self.built(|field| push_top_cues(top_cues, field)),
            Cell::Cues(cues) => self.built(|field| cues.push_field(field)),
        }
    }
}

/// `text` cut to fit a cell, if it is longer, ending with [`CUT_MARK`].
fn fitted(text: &str) -> std::borrow::Cow<'_, str> {
    // A UTF-16 unit takes at least one UTF-8 byte: shorter texts fit.
    if text.len() <= XLSX_MAX_CELL_CHARS || text.encode_utf16().count() <= XLSX_MAX_CELL_CHARS {
        return text.into();
    }
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > XLSX_MAX_CELL_CHARS - CUT_MARK.len_utf16() {
            return format!("{}{CUT_MARK}", &text[..at]).into();
        }
    }
    text.into()
}

/// The number a carried text is, when the number shows as that same text
/// (`-3`, `2019`, `0.25`): a table read from CSV carries text, which a
/// spreadsheet would read as numbers. A text that would change stays text:
/// `007`, `2.50`, `+1`, `1e5`, an identifier of twenty digits.
fn lossless_number(s: &str) -> Option<f64> {
    let first = *s.as_bytes().first()?;
    if !(first.is_ascii_digit() || first == b'-') {
        return None;
    }
    let x: f64 = s.parse().ok()?;
    (x.is_finite() && x.to_string() == s).then_some(x)
}

/// True for `YYYY-MM-DD`, alone or with a time `Thh:mm:ss` (or a space
/// for the `T`): a carried text a spreadsheet shows as a date with no
/// loss.
fn is_iso_date_time(s: &str) -> bool {
    let shape = |pattern: &[u8]| {
        s.len() == pattern.len()
            && s.bytes().zip(pattern).all(|(b, p)| match p {
                b'9' => b.is_ascii_digit(),
                b'T' => b == b'T' || b == b' ',
                _ => b == *p,
            })
    };
    shape(b"9999-99-99") || shape(b"9999-99-99T99:99:99")
}

/// Reads the next cell of the rendered form, moving `bytes` past it.
fn next_cell<'a>(bytes: &mut &'a [u8]) -> Typed<'a> {
    let (&tag, rest) = bytes
        .split_first()
        .expect("a rendered row ends with its end");
    *bytes = rest;
    let mut take = |n: usize| {
        let (taken, rest) = bytes.split_at(n);
        *bytes = rest;
        taken
    };
    let mut eight = || <[u8; 8]>::try_from(take(8)).expect("eight bytes");
    match tag {
        t if t == Tag::Blank as u8 => Typed::Blank,
        t if t == Tag::Whole as u8 => Typed::Whole(u64::from_le_bytes(eight())),
        t if t == Tag::Fraction as u8 => Typed::Fraction(f64::from_le_bytes(eight())),
        t if t == Tag::Number as u8 => Typed::Number(f64::from_le_bytes(eight())),
        t if t == Tag::Bool as u8 => Typed::Bool(take(1)[0] == 1),
        t if t == Tag::EndRow as u8 => Typed::EndRow,
        t => {
            let len = u32::from_le_bytes(take(4).try_into().expect("four bytes"));
            let text = std::str::from_utf8(take(len as usize)).expect("rendered from a str");
            if t == Tag::Date as u8 {
                Typed::Date(text)
            } else {
                Typed::Text(text)
            }
        }
    }
}

/// A workbook being written.
struct XlsxDocument {
    level: Level,
    /// Made at the start, when the document can fail.
    sheet: Option<Sheet>,
}

/// The worksheet, where its next row goes and how wide its columns are.
struct Sheet {
    workbook: Workbook,
    formats: Formats,
    next_row: u32,
    /// Rows the sheet holds, the header included.
    max_rows: u32,
    widths: Vec<usize>,
}

struct Formats {
    header: Format,
    date: Format,
    date_time: Format,
    fraction: Format,
}

impl Sheet {
    fn new(level: Level, names: &[String]) -> Result<Sheet, XlsxError> {
        let mut workbook = Workbook::new();
        let formats = Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            date_time: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            fraction: Format::new().set_num_format(FRACTION_FORMAT),
        };
        let worksheet = workbook.add_worksheet_with_constant_memory()?;
        worksheet.set_name(match level {
            Level::Article => "articles",
            Level::Sentence => "sentences",
            Level::Group => "groups",
        })?;
        worksheet.set_freeze_panes(1, 0)?;
        for (col, name) in names.iter().enumerate() {
            worksheet.write_string_with_format(0, column(col)?, name, &formats.header)?;
        }
        // Bold header names are a little wider than their characters.
        let widths = names.iter().map(|n| n.chars().count() + 2).collect();
        Ok(Sheet {
            workbook,
            formats,
            next_row: 1,
            max_rows: XLSX_MAX_ROWS,
            widths,
        })
    }

    fn worksheet(&mut self) -> &mut Worksheet {
        self.workbook
            .worksheet_from_index(0)
            .expect("the sheet made at the start")
    }

    /// Writes the rows of the rendered form `rows`.
    fn write_rows(&mut self, mut rows: &[u8]) -> Result<(), XlsxError> {
        let mut col = 0;
        while !rows.is_empty() {
            if self.next_row >= self.max_rows {
                return Err(XlsxError::RowColumnLimitError);
            }
            match next_cell(&mut rows) {
                Typed::EndRow => {
                    self.next_row += 1;
                    col = 0;
                }
                cell => {
                    self.write_cell(col, cell)?;
                    col += 1;
                }
            }
        }
        Ok(())
    }

    fn write_cell(&mut self, col: usize, cell: Typed) -> Result<(), XlsxError> {
        let (row, c) = (self.next_row, column(col)?);
        if let Some(widest) = self.widths.get_mut(col) {
            *widest = (*widest).max(display_width(cell));
        }
        let formats = &self.formats;
        let sheet = self.workbook.worksheet_from_index(0)?;
        match cell {
            Typed::Blank | Typed::EndRow => return Ok(()),
            Typed::Text(text) => sheet.write_string(row, c, text),
            Typed::Date(text) => match ExcelDateTime::parse_from_str(text) {
                Ok(date) if text.len() == "yyyy-mm-dd".len() => {
                    sheet.write_datetime_with_format(row, c, date, &formats.date)
                }
                Ok(date) => sheet.write_datetime_with_format(row, c, date, &formats.date_time),
                Err(_) => sheet.write_string(row, c, text),
            },
            Typed::Whole(n) => sheet.write_number(row, c, n as f64),
            Typed::Fraction(x) => sheet.write_number_with_format(row, c, x, &formats.fraction),
            Typed::Number(x) => sheet.write_number(row, c, x),
            Typed::Bool(b) => sheet.write_boolean(row, c, b),
        }?;
        Ok(())
    }

    /// Sets the column widths and a filter on the header, then writes the
    /// workbook to `out`.
    fn finish(mut self, out: &mut (dyn Write + Send)) -> Result<(), XlsxError> {
        let widths = std::mem::take(&mut self.widths);
        let last_row = self.next_row - 1;
        let worksheet = self.worksheet();
        for (col, width) in widths.iter().enumerate() {
            let width = (*width).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
            worksheet.set_column_width(column(col)?, width as f64)?;
        }
        if !widths.is_empty() {
            worksheet.autofilter(0, 0, last_row, column(widths.len() - 1)?)?;
        }
        self.workbook.save_to_writer(out)
    }
}

/// About how many characters wide `cell` shows, up to the widest column.
fn display_width(cell: Typed) -> usize {
    match cell {
        Typed::Blank | Typed::EndRow => 0,
        Typed::Text(text) => text.chars().take(MAX_COLUMN_WIDTH).count(),
        Typed::Date(text) => text.len(),
        Typed::Whole(n) => n.checked_ilog10().unwrap_or(0) as usize + 1,
        Typed::Fraction(x) => (x.abs().max(1.0).log10() as usize) + 7,
        Typed::Number(x) => format!("{x}").len().min(MAX_COLUMN_WIDTH),
        Typed::Bool(_) => 5,
    }
}

/// A column index as the worksheet numbers columns.
fn column(col: usize) -> Result<u16, XlsxError> {
    u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)
}

impl Document for XlsxDocument {
    fn start(&mut self, schema: &Schema, _out: &mut (dyn Write + Send)) -> io::Result<()> {
        let sheet = Sheet::new(self.level, &schema.names(self.level)).map_err(io_error)?;
        self.sheet = Some(sheet);
        Ok(())
    }

    fn rows(&mut self, rows: &[u8], _out: &mut (dyn Write + Send)) -> io::Result<()> {
        let sheet = self.sheet.as_mut().expect("rows come after the start");
        sheet.write_rows(rows).map_err(|e| match e {
            XlsxError::RowColumnLimitError => too_many_rows(),
            other => io_error(other),
        })
    }

    fn end(&mut self, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let sheet = self.sheet.take().expect("the end comes after the start");
        sheet.finish(out).map_err(io_error)
    }
}

/// The error of a run with more rows than a worksheet holds.
fn too_many_rows() -> io::Error {
    io::Error::other(format!(
        "the rows do not fit in an .xlsx worksheet, which holds at most {} rows, the header included; \
         write CSV (--format csv) or JSON lines (--format jsonl) instead, or score fewer inputs at a time",
        thousands(XLSX_MAX_ROWS)
    ))
}

/// `n` with commas between groups of three digits.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn io_error(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(format!("could not write the workbook: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rendered form of `cells`, one row.
    fn rendered(cells: &[Cell]) -> Vec<u8> {
        let (mut out, mut field) = (Vec::new(), String::new());
        let mut sink = TypedCells {
            out: &mut out,
            field: &mut field,
        };
        for cell in cells {
            sink.cell("x", *cell);
        }
        out.push(Tag::EndRow as u8);
        out
    }

    fn read_back(mut bytes: &[u8]) -> Vec<Typed<'_>> {
        let mut cells = Vec::new();
        while !bytes.is_empty() {
            cells.push(next_cell(&mut bytes));
        }
        cells
    }

    #[test]
    fn cells_are_rendered_typed_and_read_back_table() {
        let values = [
            Value::Null,
            Value::Bool(true),
            serde_json::json!(-3),
            serde_json::json!(12345678901234567890u64),
            Value::String("-3".into()),
            Value::String("007".into()),
            Value::String("2024-02-29".into()),
            Value::String("2024-02-29T10:30:00".into()),
            Value::String("=1+2".into()),
            serde_json::json!(["a", 1]),
        ];
        let mut cells = vec![
            Cell::Text("=HYPERLINK(\"x\")"),
            Cell::Text(""),
            Cell::Folded("\t=1+2  may\n be"),
            Cell::Date("2024-01-02"),
            Cell::Count(42),
            Cell::Number(0.123456),
            Cell::Missing,
        ];
        cells.extend(values.iter().map(Cell::Value));
        let expected = [
            Typed::Text("=HYPERLINK(\"x\")"),
            Typed::Blank,
            Typed::Text("=1+2 may be"),
            Typed::Date("2024-01-02"),
            Typed::Whole(42),
            Typed::Fraction(0.1235),
            Typed::Blank,
            Typed::Blank,
            Typed::Bool(true),
            Typed::Number(-3.0),
            Typed::Text("12345678901234567890"),
            Typed::Number(-3.0),
            Typed::Text("007"),
            Typed::Date("2024-02-29"),
            Typed::Date("2024-02-29T10:30:00"),
            Typed::Text("=1+2"),
            Typed::Text("[\"a\",1]"),
            Typed::EndRow,
        ];
        assert_eq!(read_back(&rendered(&cells)), expected);
    }

    #[test]
    fn lossless_numbers_table() {
        let table: &[(&str, Option<f64>)] = &[
            ("-3", Some(-3.0)),
            ("2019", Some(2019.0)),
            ("0.25", Some(0.25)),
            ("007", None),
            ("2.50", None),
            ("+1", None),
            ("1e5", None),
            (".5", None),
            ("12345678901234567890", None),
            ("NaN", None),
            ("inf", None),
            ("", None),
            ("-", None),
        ];
        for (text, number) in table {
            assert_eq!(lossless_number(text), *number, "{text:?}");
        }
    }

    #[test]
    fn iso_dates_table() {
        let table = [
            ("2024-01-02", true),
            ("2024-01-02T03:04:05", true),
            ("2024-01-02 03:04:05", true),
            ("2024-1-02", false),
            ("2024-01-02T03:04", false),
            ("02/01/2024", false),
            ("2024-01-02Z", false),
        ];
        for (text, date) in table {
            assert_eq!(is_iso_date_time(text), date, "{text:?}");
        }
    }

    #[test]
    fn a_text_longer_than_a_cell_is_cut_to_fit_with_a_mark() {
        for unit in ["a", "é", "😀"] {
            let long = unit.repeat(XLSX_MAX_CELL_CHARS + 1);
            let cut = fitted(&long);
            assert!(cut.ends_with(CUT_MARK), "{unit}");
            let units: usize = cut.chars().map(char::len_utf16).sum();
            assert!(units <= XLSX_MAX_CELL_CHARS, "{unit}: {units}");
            assert!(units > XLSX_MAX_CELL_CHARS - 3, "{unit}: {units}");
        }
        for fits in [
            "a".repeat(XLSX_MAX_CELL_CHARS),
            "é".repeat(XLSX_MAX_CELL_CHARS),
        ] {
            assert_eq!(fitted(&fits), fits);
        }
    }

    #[test]
    fn thousands_table() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1_048_576, "1,048,576"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn a_row_past_the_sheet_limit_is_an_error() {
        let names = ["a".to_string()];
        let mut sheet = Sheet::new(Level::Article, &names).unwrap();
        sheet.max_rows = 3;
        let row = rendered(&[Cell::Count(1)]);
        sheet
            .write_rows(&[row.clone(), row.clone()].concat())
            .unwrap();
        let error = sheet.write_rows(&row).unwrap_err();
        assert!(matches!(error, XlsxError::RowColumnLimitError), "{error}");
        let message = too_many_rows().to_string();
        assert!(message.contains("1,048,576 rows"), "{message}");
        assert!(message.contains("--format csv") && message.contains("--format jsonl"));
    }

    #[test]
    fn a_workbook_reads_back_with_its_types() {
        use calamine::{Data, Reader, Xlsx};
        let names: Vec<String> = ["text", "n", "x", "day", "flag", "long"]
            .map(String::from)
            .into();
        let mut sheet = Sheet::new(Level::Sentence, &names).unwrap();
        let long = "é".repeat(XLSX_MAX_CELL_CHARS + 10);
        let row = rendered(&[
            Cell::Text("=1+2"),
            Cell::Count(7),
            Cell::Number(0.5),
            Cell::Date("2024-01-02"),
            Cell::Value(&Value::Bool(false)),
            Cell::Text(&long),
        ]);
        sheet.write_rows(&row).unwrap();
        let mut out = Vec::new();
        sheet.finish(&mut out).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(out)).unwrap();
        assert_eq!(book.sheet_names(), ["sentences"]);
        let range = book.worksheet_range("sentences").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows[0][0], Data::String("text".into()));
        assert_eq!(rows[1][0], Data::String("=1+2".into()));
        assert_eq!(rows[1][1], Data::Float(7.0));
        assert_eq!(rows[1][2], Data::Float(0.5));
        assert!(matches!(rows[1][3], Data::DateTime(_)), "{:?}", rows[1][3]);
        assert_eq!(rows[1][4], Data::Bool(false));
        let Data::String(cut) = &rows[1][5] else {
            panic!("{:?}", rows[1][5]);
        };
        assert_eq!(cut.chars().count(), XLSX_MAX_CELL_CHARS);
    }
}
