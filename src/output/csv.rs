//! CSV: the one CSV and TSV writer, and the CSV output format. Every table
//! hedgescore writes goes through [`CsvLine`]: score rows ([`CsvRows`]),
//! eval figures, lexicon listings and statistics. A [`Dialect`] holds the
//! settings (delimiter, line end, quoting, byte order mark) in one place.
//!
//! Fields are written straight into a byte buffer, with RFC 4180 quoting
//! where a field needs it (a delimiter, a quote or a line break), as the
//! csv crate's writer quotes. Every text cell passes through
//! [`CsvLine::text`] or [`CsvLine::folded`], where the formula guard is
//! kept (see [`Dialect::formula_guard`]). Fields are written into memory;
//! the CSV document writes only to the writer it is handed.

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
    /// True when a text field that a spreadsheet would take for a formula
    /// is written with a leading apostrophe, as OWASP advises against CSV
    /// injection: one that begins with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return, unless it is a plain decimal number (`-3`, `+0.5`,
    /// `1e-4`, which a spreadsheet reads as that number) or how a run names
    /// standard input (`-`, and `-:LINE` for its table rows). Numbers the writer is handed as
    /// numbers ([`CsvLine::uint`], [`CsvLine::fixed`], [`CsvLine::display`])
    /// are never guarded: a negative weight stays a number.
    pub formula_guard: bool,
}

impl Dialect {
    /// Comma-separated, lines ending in `\n`.
    pub const CSV: Dialect = Dialect {
        delimiter: b',',
        line_end: b"\n",
        quoting: Quoting::Necessary,
        bom: false,
        formula_guard: true,
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
    /// no quoting (a field can hold no tab or line break). It has no
    /// formula guard either: a lexicon file is read back by hedgescore,
    /// and an apostrophe would become part of the cue.
    pub const LEXICON: Dialect = Dialect {
        quoting: Quoting::Never,
        formula_guard: false,
        ..Dialect::TSV
    };

    /// This dialect without the formula guard: every text as it is.
    pub const fn raw(self) -> Dialect {
        Dialect {
            formula_guard: false,
            ..self
        }
    }

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

    /// A text field, guarded and quoted if it needs to be.
    // Inlined into each row's visit: a call per field showed in profiles.
    #[inline(always)]
    pub fn text(&mut self, field: &str) -> &mut Self {
        self.separate();
        let bytes = field.as_bytes();
        if self.dialect.formula_guard && looks_like_formula(bytes) {
            self.guarded(bytes);
        } else if self.dialect.needs_quotes(bytes) {
            push_quoted(bytes, self.out);
        } else {
            self.out.extend_from_slice(bytes);
        }
        self
    }

    /// `field` after the guard's apostrophe, quoted if it needs to be.
    #[cold]
    fn guarded(&mut self, field: &[u8]) {
        let start = self.out.len();
        self.out.push(GUARD);
        self.out.extend_from_slice(field);
        self.quote_from(start);
    }

    /// A text field with its white space runs folded to single spaces.
    pub fn folded(&mut self, field: &str) -> &mut Self {
        self.separate();
        let start = self.out.len();
        push_folded(field, self.out);
        // Guarded after folding: a tab before an `=` is folded away.
        if self.dialect.formula_guard && looks_like_formula(&self.out[start..]) {
            self.out.insert(start, GUARD);
        }
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

    /// A field as `Display` writes it, quoted if it needs to be: for
    /// numbers and names of our own, never guarded.
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

/// What the formula guard puts before a field.
const GUARD: u8 = b'\'';

/// True when a spreadsheet could take `field` for a formula (see
/// [`Dialect::formula_guard`]).
#[inline(always)]
fn looks_like_formula(field: &[u8]) -> bool {
    match field.first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !names_standard_input(field) && !is_plain_number(field),
        _ => false,
    }
}

/// True for how a run names standard input: `-`, and `-:LINE` for a
/// table row read from it. Neither is a formula a spreadsheet could run.
fn names_standard_input(field: &[u8]) -> bool {
    match field.strip_prefix(b"-") {
        Some([]) => true,
        Some([b':', line @ ..]) => !line.is_empty() && line.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// True for a decimal number with an optional sign and exponent, such as
/// `-3`, `+0.5`, `-.5` or `1.5e-3`: what a spreadsheet reads as a number.
fn is_plain_number(field: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = field
        .strip_prefix(b"+")
        .or_else(|| field.strip_prefix(b"-"))
        .unwrap_or(field);
    let whole = digits(rest);
    rest = &rest[whole..];
    let mut fraction = 0;
    if let Some(after) = rest.strip_prefix(b".") {
        fraction = digits(after);
        rest = &after[fraction..];
    }
    if whole + fraction == 0 {
        return false;
    }
    if let Some(after) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = after
            .strip_prefix(b"+")
            .or_else(|| after.strip_prefix(b"-"))
            .unwrap_or(after);
        return !exponent.is_empty() && digits(exponent) == exponent.len();
    }
    rest.is_empty()
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
    fn start(&mut self, schema: &Schema, out: &mut (dyn Write + Send)) -> io::Result<()> {
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

    #[test]
    fn formula_guard_table() {
        // (dialect, field, folded, written)
        let table: &[(Dialect, &str, bool, &str)] = &[
            (Dialect::CSV, "=1+2", false, "'=1+2"),
            (Dialect::CSV, "+cmd", false, "'+cmd"),
            (Dialect::CSV, "-x", false, "'-x"),
            (Dialect::CSV, "@SUM(A1:A2)", false, "'@SUM(A1:A2)"),
            (Dialect::CSV, "\t=1", false, "'\t=1"),
            (Dialect::CSV, "\r=1", false, "\"'\r=1\""),
            (Dialect::CSV, "=a,b", false, "\"'=a,b\""),
            (
                Dialect::CSV,
                "=HYPERLINK(\"http://x\",\"click\")",
                false,
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"",
            ),
            (Dialect::TSV, "\t=1", false, "\"'\t=1\""),
            (Dialect::CSV, "\t=1+2 and  more", true, "'=1+2 and more"),
            (
                Dialect::CSV,
                "\n -- a note, said",
                true,
                "\"'-- a note, said\"",
            ),
            (Dialect::CSV, "a=1", false, "a=1"),
            (Dialect::CSV, "-3", false, "-3"),
            (Dialect::CSV, "+0.5", false, "+0.5"),
            (Dialect::CSV, "-1.5e-3", false, "-1.5e-3"),
            (Dialect::CSV, "-", false, "-"),
            (Dialect::CSV, "-:2", false, "-:2"),
            (Dialect::CSV, "-:2+1", false, "'-:2+1"),
            (Dialect::CSV, "-:", false, "'-:"),
            (Dialect::CSV, "-1-1", false, "'-1-1"),
            (Dialect::CSV, "", false, ""),
            (Dialect::CSV.raw(), "=1+2", false, "=1+2"),
            (Dialect::EXCEL.raw(), "\t=1", true, "=1"),
            (Dialect::LEXICON, "-ish", false, "-ish"),
        ];
        for (dialect, field, folded, written) in table {
            let mut out = Vec::new();
            let mut line = CsvLine::new(&mut out, *dialect);
            if *folded {
                line.folded(field);
            } else {
                line.text(field);
            }
            assert_eq!(
                String::from_utf8(out).unwrap(),
                *written,
                "{field:?} {dialect:?}"
            );
        }
    }

    #[test]
    fn numbers_are_never_guarded() {
        let mut out = Vec::new();
        CsvLine::new(&mut out, Dialect::CSV)
            .fixed(-2.25)
            .display(-0.5)
            .uint(3)
            .end();
        assert_eq!(String::from_utf8(out).unwrap(), "-2.2500,-0.5,3\n");
    }

    #[test]
    fn plain_numbers_table() {
        let table: &[(&str, bool)] = &[
            ("1", true),
            ("-3", true),
            ("+0.5", true),
            ("-.5", true),
            ("2.", true),
            ("1e5", true),
            ("-1.5E+3", true),
            ("1e", false),
            ("e5", false),
            (".", false),
            ("-", false),
            ("+", false),
            ("1.2.3", false),
            ("--1", false),
            ("- 1", false),
            ("1,5", false),
            ("-1+1", false),
            ("0x1F", false),
        ];
        for (field, number) in table {
            assert_eq!(is_plain_number(field.as_bytes()), *number, "{field:?}");
        }
    }

    proptest::proptest! {
        /// Whatever the text, no guarded field read back begins as a
        /// formula, and taking the apostrophe off gives the text back.
        #[test]
        fn no_guarded_field_begins_as_a_formula(
            text in "[=+@\\-\t\r\n ,\"a1.e]{0,12}",
            folded in proptest::bool::ANY,
        ) {
            let mut out = Vec::new();
            let mut line = CsvLine::new(&mut out, Dialect::CSV);
            if folded { line.folded(&text) } else { line.text(&text) };
            // A second field, so that an empty first is no blank line.
            line.text("end").end();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(out.as_slice());
            let record = reader.records().next().unwrap().unwrap();
            let field = &record[0];
            proptest::prop_assert!(
                !looks_like_formula(field.as_bytes()),
                "{field:?}"
            );
            let expected = if folded {
                crate::text::whitespace::fold_whitespace(&text)
            } else {
                text.clone()
            };
            let unguarded = match field.strip_prefix('\'') {
                Some(rest) if looks_like_formula(rest.as_bytes()) => rest,
                _ => field,
            };
            proptest::prop_assert_eq!(unguarded, expected.as_str());
        }
    }
}
