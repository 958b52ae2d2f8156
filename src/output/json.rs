//! JSON: rows as objects, either one JSON array of them or one object per
//! line (JSON lines). Keys are the schema's column names; a group of
//! columns (the category counts) is one object, its keys in alphabetical
//! order. Numbers are rounded to the precision CSV shows. Rows are
//! rendered into memory; the document writes only to the writer it is
//! handed.

use std::io::{self, Write};

use super::columns::{ArticleRow, Cell, CellSink, GroupRow, Level, Schema, ScoredPiece};
use super::cues::top_cues_json;
use super::number::round;
use super::printer::{Document, Needs, Printer, Scratch};
use crate::text::whitespace::fold_whitespace;

/// Rows as JSON objects: a JSON array of them, or JSON lines.
#[derive(Debug, Clone, Copy)]
pub struct JsonRows {
    level: Level,
    /// One object per line instead of one array.
    lines: bool,
}

impl JsonRows {
    /// One JSON array of `level` rows.
    pub fn array(level: Level) -> JsonRows {
        JsonRows {
            level,
            lines: false,
        }
    }

    /// JSON lines: one object of a `level` row per line.
    pub fn lines(level: Level) -> JsonRows {
        JsonRows { level, lines: true }
    }

    /// Writes one row: in an array each row starts with a separator (the
    /// document drops the first), in JSON lines each ends its line.
    fn row<'r>(&self, out: &mut Vec<u8>, visit: impl FnOnce(&mut JsonObject<'_, 'r>)) {
        if !self.lines {
            out.extend_from_slice(b",\n");
        }
        let mut object = JsonObject::new(out);
        visit(&mut object);
        object.end();
        if self.lines {
            out.push(b'\n');
        }
    }
}

impl Printer for JsonRows {
    fn needs(&self) -> Needs {
        Needs::of_level(self.level)
    }

    fn piece(&self, _scratch: &mut Scratch, piece: &ScoredPiece, out: &mut Vec<u8>) {
        if self.level == Level::Sentence {
            for row in piece.sentence_rows() {
                self.row(out, |object| row.visit(object));
            }
        }
    }

    fn article(&self, _scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>) {
        if self.level == Level::Article {
            self.row(out, |object| row.visit(object));
        }
    }

    fn group(&self, _scratch: &mut Scratch, row: &GroupRow, out: &mut Vec<u8>) {
        if self.level == Level::Group {
            self.row(out, |object| row.visit(object));
        }
    }

    fn document(&self) -> Box<dyn Document> {
        Box::new(JsonDocument {
            array: !self.lines,
            first_row: true,
        })
    }
}

/// The brackets of a JSON array, or nothing for JSON lines.
struct JsonDocument {
    array: bool,
    /// True until the first row, whose leading separator is dropped.
    first_row: bool,
}

impl Document for JsonDocument {
    fn start(&mut self, _schema: &Schema, out: &mut (dyn Write + Send)) -> io::Result<()> {
        if self.array {
            out.write_all(b"[")?;
        }
        Ok(())
    }

    fn rows(&mut self, mut rows: &[u8], out: &mut (dyn Write + Send)) -> io::Result<()> {
        if self.array && self.first_row && !rows.is_empty() {
            rows = rows.strip_prefix(b",").unwrap_or(rows);
            self.first_row = false;
        }
        out.write_all(rows)
    }

    fn end(&mut self, out: &mut (dyn Write + Send)) -> io::Result<()> {
        if self.array {
            out.write_all(b"\n]\n")?;
        }
        Ok(())
    }
}

/// A row's cells as the entries of one JSON object.
struct JsonObject<'o, 'r> {
    out: &'o mut Vec<u8>,
    first: bool,
    /// The entries of the group being read, written at its end.
    group: Option<Vec<(&'r str, Cell<'r>)>>,
}

impl<'o> JsonObject<'o, '_> {
    fn new(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        JsonObject {
            out,
            first: true,
            group: None,
        }
    }

    fn key(&mut self, name: &str) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        json(self.out, name);
        self.out.push(b':');
    }

    fn end(self) {
        self.out.push(b'}');
    }
}

impl<'r> CellSink<'r> for JsonObject<'_, 'r> {
    fn cell(&mut self, name: &'r str, cell: Cell<'r>) {
        match &mut self.group {
            Some(group) => group.push((name, cell)),
            None => {
                self.key(name);
                value(self.out, cell);
            }
        }
    }

    fn begin_group(&mut self, name: &'static str) {
        self.key(name);
        self.group = Some(Vec::new());
    }

    fn end_group(&mut self) {
        let mut group = self.group.take().unwrap_or_default();
        // A JSON map's keys in order, as a serde_json map writes them.
        group.sort_by_key(|(name, _)| *name);
        let mut object = JsonObject::new(self.out);
        for (name, cell) in group {
            object.cell(name, cell);
        }
        object.end();
    }
}

/// Writes a cell as a JSON value.
fn value(out: &mut Vec<u8>, cell: Cell) {
    match cell {
        Cell::Text(text) | Cell::Date(text) => json(out, text),
        Cell::Folded(text) => json(out, &fold_whitespace(text)),
        Cell::Count(n) => json(out, &n),
        Cell::Number(x) => json(out, &round(x)),
        Cell::Missing => out.extend_from_slice(b"null"),
        Cell::Value(value) => json(out, value),
        Cell::TopCues(top_cues) => array(out, top_cues_json(top_cues)),
        Cell::Cues(cues) => array(out, cues.json()),
    }
}

fn array<T: serde::Serialize>(out: &mut Vec<u8>, items: impl Iterator<Item = T>) {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json(out, &item);
    }
    out.push(b']');
}

fn json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("JSON into memory");
}
