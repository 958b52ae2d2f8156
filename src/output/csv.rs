//! CSV: the one CSV and TSV writer, and the CSV output format. Every table
//! hedgescore writes goes through [`CsvLine`]: score rows ([`CsvRows`]),
//! eval figures, lexicon listings and statistics. A [`Dialect`] holds the
//! settings (delimiter, line end, quoting, byte order mark) in one place.
//!
//! Fields are written straight into a byte buffer, with RFC 4180 quoting
//! where a field needs it (a delimiter, a quote or a line break), as the
//! csv crate's writer quotes. Every text cell passes through
//! [`CsvLine::text`] or [`CsvLine::folded`]: the one place for a per-cell
//! rule such as a formula guard. Fields are written into memory; the CSV
//! document writes only to the writer it is handed.

use std::fmt;
use std::io::{self, Write};

use serde_json::Value;

use super::columns::{ArticleRow, Cell, CellSink, GroupRow, Level, Schema, ScoredPiece};
use super::cues::push_top_cues;
use super::number::{push_fixed, push_uint};
use super::printer::{Document, Needs, Printer, Scratch};
use crate::text::whitespace::push_folded;

/// How fields are quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// Quoted when a field holds the delimiter, a quote or a line break.
    Necessary,
    /// Never quoted: for formats without quoting, whose fields are known
    /// to hold no delimiter or line break (lexicon files).
    Never,
}

/// The settings of one kind of CSV or TSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// Between fields.
    pub delimiter: u8,
    /// After every record.
    pub line_end: &'static [u8],
    /// When fields are quoted.
    pub quoting: Quoting,
    /// True when a document starts with a UTF-8 byte order mark.
    pub bom: bool,
}

impl Dialect {
    /// Comma-separated, lines ending in `\n`.
    pub const CSV: Dialect = Dialect {
        delimiter: b',',
        line_end: b"\n",
        quoting: Quoting::Necessary,
        bom: false,
    };
    /// CSV for Excel: a byte order mark, so that Excel reads UTF-8, and
    /// lines ending in CRLF.
    pub const EXCEL: Dialect = Dialect {
        line_end: b"\r\n",
        bom: true,
        ..Dialect::CSV
    };
    /// Tab-separated, quoted like CSV where needed.
    pub const TSV: Dialect = Dialect {
        delimiter: b'\t',
        ..Dialect::CSV
    };
    /// Tab-separated and never quoted: the lexicon file format, which has
    /// no quoting (a field can hold no tab or line break).
    pub const LEXICON: Dialect = Dialect {
        quoting: Quoting::Never,
        ..Dialect::TSV
    };

    /// True when `field` must be quoted.
    #[inline]
    fn needs_quotes(&self, field: &[u8]) -> bool {
        self.quoting == Quoting::Necessary
            && (memchr::memchr3(self.delimiter, b'"', b'\n', field).is_some()
                || memchr::memchr(b'\r', field).is_some())
    }
}

/// One record written field by field straight into a buffer.
pub struct CsvLine<'a> {
    out: &'a mut Vec<u8>,
    dialect: Dialect,
    fields: usize,
}

impl<'a> CsvLine<'a> {
    /// A record appended to `out`.
    pub fn new(out: &'a mut Vec<u8>, dialect: Dialect) -> CsvLine<'a> {
        CsvLine {
            out,
            dialect,
            fields: 0,
        }
    }

    fn separate(&mut self) {
        if self.fields > 0 {
            self.out.push(self.dialect.delimiter);
        }
        self.fields += 1;
    }

    /// A text field, quoted if it needs to be.
    #[inline]
    pub fn text(&mut self, field: &str) -> &mut Self {
        self.separate();
        let bytes = field.as_bytes();
        if self.dialect.needs_quotes(bytes) {
            push_quoted(bytes, self.out);
        } else {
            self.out.extend_from_slice(bytes);
        }
        self
    }

    /// A text field with its white space runs folded to single spaces.
    pub fn folded(&mut self, field: &str) -> &mut Self {
        self.separate();
        let start = self.out.len();
        push_folded(field, self.out);
        // Folding leaves no line break (nor a tab): only the delimiter or a
        // quote can need quoting, found in one pass.
        let folded = &self.out[start..];
        if self.dialect.quoting == Quoting::Necessary
            && memchr::memchr2(self.dialect.delimiter, b'"', folded).is_some()
        {
            let folded = self.out.split_off(start);
            push_quoted(&folded, self.out);
        }
        self
    }

    /// A field as `Display` writes it, quoted if it needs to be.
    pub fn display(&mut self, field: impl fmt::Display) -> &mut Self {
        use std::io::Write as _;
        self.separate();
        let start = self.out.len();
        write!(self.out, "{field}").expect("writing to memory cannot fail");
        self.quote_from(start);
        self
    }

    /// Quotes the field written from `start`, if it needs it.
    fn quote_from(&mut self, start: usize) {
        if self.dialect.needs_quotes(&self.out[start..]) {
            let field = self.out.split_off(start);
            push_quoted(&field, self.out);
        }
    }

    /// A whole number.
    #[inline]
    pub fn uint(&mut self, n: usize) -> &mut Self {
        self.separate();
        push_uint(n as u64, self.out);
        self
    }

    /// A fraction, with a fixed number of decimal places.
    #[inline]
    pub fn fixed(&mut self, x: f64) -> &mut Self {
        self.separate();
        push_fixed(x, self.out);
        self
    }

    /// Ends the record.
    pub fn end(&mut self) {
        self.out.extend_from_slice(self.dialect.line_end);
    }
}

/// Appends one record of text fields.
pub fn push_record<I, T>(fields: I, dialect: Dialect, out: &mut Vec<u8>)
where
    I: IntoIterator<Item = T>,
    T: AsRef<str>,
{
    let mut line = CsvLine::new(out, dialect);
    for field in fields {
        line.text(field.as_ref());
    }
    line.end();
}

/// A field as CSV writes it: quoted (with quotes doubled) when it holds a
/// comma, a quote or a line break.
pub fn csv_field(field: &str) -> String {
    let mut out = Vec::with_capacity(field.len() + 2);
    CsvLine::new(&mut out, Dialect::CSV).text(field);
    String::from_utf8(out).expect("CSV quoting keeps UTF-8")
}

/// `field` in double quotes, with its own quotes doubled.
fn push_quoted(field: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    let mut from = 0;
    for quote in memchr::memchr_iter(b'"', field) {
        out.extend_from_slice(&field[from..=quote]);
        out.push(b'"');
        from = quote + 1;
    }
    out.extend_from_slice(&field[from..]);
    out.push(b'"');
}

/// Rows as CSV: a header of the columns, then a line per row.
#[derive(Debug, Clone, Copy)]
pub struct CsvRows {
    level: Level,
    dialect: Dialect,
}

impl CsvRows {
    /// CSV of `level` rows in `dialect`.
    pub fn new(level: Level, dialect: Dialect) -> CsvRows {
        CsvRows { level, dialect }
    }
}

impl Printer for CsvRows {
    fn needs(&self) -> Needs {
        Needs::of_level(self.level)
    }

    fn piece(&self, scratch: &mut Scratch, piece: &ScoredPiece, out: &mut Vec<u8>) {
        if self.level == Level::Sentence {
            for row in piece.sentence_rows() {
                let mut cells = CsvCells::new(out, self.dialect, &mut scratch.field);
                row.visit(&mut cells);
                cells.line.end();
            }
        }
    }

    fn article(&self, scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>) {
        if self.level == Level::Article {
            let mut cells = CsvCells::new(out, self.dialect, &mut scratch.field);
            row.visit(&mut cells);
            cells.line.end();
        }
    }

    fn group(&self, scratch: &mut Scratch, row: &GroupRow, out: &mut Vec<u8>) {
        if self.level == Level::Group {
            let mut cells = CsvCells::new(out, self.dialect, &mut scratch.field);
            row.visit(&mut cells);
            cells.line.end();
        }
    }

    fn document(&self) -> Box<dyn Document> {
        Box::new(*self)
    }
}

impl Document for CsvRows {
    /// A byte order mark if the dialect has one, and the header.
    fn start(&mut self, schema: &Schema, out: &mut dyn Write) -> io::Result<()> {
        let mut header = Vec::new();
        if self.dialect.bom {
            header.extend_from_slice("\u{feff}".as_bytes());
        }
        push_record(schema.names(self.level), self.dialect, &mut header);
        out.write_all(&header)
    }
}

/// A row's cells as the fields of one CSV line.
struct CsvCells<'o> {
    line: CsvLine<'o>,
    /// Where a field is built before it is written.
    field: &'o mut String,
}

impl<'o> CsvCells<'o> {
    fn new(out: &'o mut Vec<u8>, dialect: Dialect, field: &'o mut String) -> CsvCells<'o> {
        CsvCells {
            line: CsvLine::new(out, dialect),
            field,
        }
    }
}

impl<'r> CellSink<'r> for CsvCells<'_> {
    // Inlined into each row's visit, where the cell's kind is known, so a
    // field costs what a direct call of the line's method does.
    #[inline(always)]
    fn cell(&mut self, _name: &'r str, cell: Cell<'r>) {
        match cell {
            Cell::Text(text) | Cell::Date(text) => self.line.text(text),
            Cell::Folded(text) => self.line.folded(text),
            Cell::Count(n) => self.line.uint(n),
            Cell::Number(x) => self.line.fixed(x),
            Cell::Missing => self.line.text(""),
            Cell::Value(value) => self.line.text(&carried_field(value)),
            Cell::TopCues(top_cues) => {
                self.field.clear();
                push_top_cues(top_cues, self.field);
                self.line.text(self.field)
            }
            Cell::Cues(cues) => {
                self.field.clear();
                cues.push_field(self.field);
                self.line.text(self.field)
            }
        };
    }
}

/// A carried value as a CSV field.
fn carried_field(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::Null => "".into(),
        Value::String(s) => s.as_str().into(),
        other => other.to_string().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed_and_text_is_folded() {
        let mut out = Vec::new();
        CsvLine::new(&mut out, Dialect::CSV)
            .text("plain")
            .text("a,b")
            .text("say \"hi\"")
            .folded("two\n  lines,\tand \"quotes\"")
            .uint(42)
            .end();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two lines, and \"\"quotes\"\"\",42\n"
        );
    }

    /// The csv crate's writer as the reference: the same quoting for every
    /// dialect that quotes, whatever the field holds.
    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let fields = [
            "",
            "plain",
            "a,b",
            "a\tb",
            "say \"hi\"",
            "a\nb",
            "a\rb",
            "#x",
            " lead",
            "é,\"",
        ];
        for (dialect, delimiter) in [(Dialect::CSV, b','), (Dialect::TSV, b'\t')] {
            let mut ours = Vec::new();
            push_record(fields, dialect, &mut ours);
            let mut theirs = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(Vec::new());
            theirs.write_record(fields).unwrap();
            assert_eq!(ours, theirs.into_inner().unwrap(), "{dialect:?}");
        }
    }

    #[test]
    fn dialects_table() {
        // (dialect, fields, record)
        let table: &[(Dialect, &[&str], &str)] = &[
            (Dialect::CSV, &["a", "b c"], "a,b c\n"),
            (Dialect::EXCEL, &["a", "b,c"], "a,\"b,c\"\r\n"),
            (Dialect::TSV, &["a,b", "c\td"], "a,b\t\"c\td\"\n"),
            (Dialect::LEXICON, &["say \"so\"", "1"], "say \"so\"\t1\n"),
        ];
        for (dialect, fields, record) in table {
            let mut out = Vec::new();
            push_record(fields.iter(), *dialect, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), *record, "{dialect:?}");
        }
        let mut out = Vec::new();
        CsvLine::new(&mut out, Dialect::TSV)
            .display(0.5)
            .display(format_args!("{:.3}", 2.0 / 3.0))
            .display("a\tb")
            .end();
        assert_eq!(String::from_utf8(out).unwrap(), "0.5\t0.667\t\"a\tb\"\n");
    }
}
