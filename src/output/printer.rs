//! The trait every output format implements, in two halves: a
//! [`Printer`] renders rows to bytes, from any worker thread and with
//! nothing from the rows before; a [`Document`] frames the rendered rows
//! in input order (a header, JSON brackets, an HTML page with its summary
//! table). A run calls these and never names a format.
//!
//! A format that cannot take pre-rendered bytes (a spreadsheet writer,
//! which writes typed cells in order) renders the cells of its rows
//! ([`ArticleRow::visit`], [`SentenceRow::visit`](super::SentenceRow::visit))
//! in a form of its own, and its document writes them. A document sees
//! every article's row in input order ([`Document::article`]); the rows
//! that sum articles (per group, per period) come after the last article
//! ([`Printer::group`], [`Document::groups`]).

use std::io::{self, Write};

use super::columns::{ArticleRow, GroupRow, Level, Schema, ScoredPiece};
use crate::groups::GroupTable;

/// What a format needs from a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// It renders something per sentence (sentence rows, an HTML
    /// section), numbered across the pieces of an article.
    pub sentences: bool,
    /// It renders a row per article, from the article's report.
    pub articles: bool,
}

impl Needs {
    /// What rows of `level` need.
    pub fn of_level(level: Level) -> Needs {
        Needs {
            sentences: level == Level::Sentence,
            // Group rows sum the articles' reports.
            articles: level != Level::Sentence,
        }
    }
}

/// Buffers a format reuses from row to row; one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    /// A field built before it is written (cues, top cues).
    pub(super) field: String,
}

/// Renders rows of one format to bytes.
pub trait Printer: Send + Sync {
    /// What the run must hand this format.
    fn needs(&self) -> Needs;

    /// Renders what a scored piece of an article shows: its sentence rows,
    /// or its HTML section; nothing for a format of article rows.
    fn piece(&self, scratch: &mut Scratch, piece: &ScoredPiece, out: &mut Vec<u8>);

    /// Renders an article's row (for HTML, its row of the summary table);
    /// nothing for a format of group rows.
    fn article(&self, scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>);

    /// Renders a group's row, when the run groups its articles; nothing
    /// for a format of article or sentence rows. Every format decides (no
    /// default), so that a new format cannot drop group rows unawares.
    fn group(&self, scratch: &mut Scratch, row: &GroupRow, out: &mut Vec<u8>);

    /// A document to frame one output's rows.
    fn document(&self) -> Box<dyn Document>;
}

/// Frames rendered rows, taken in input order. The output is `Send`: a
/// document may hand it to a writer that works on threads of its own (the
/// workbook writer compresses there).
pub trait Document: Send {
    /// Writes what comes before the rows: a header of `schema`'s columns.
    fn start(&mut self, schema: &Schema, out: &mut (dyn Write + Send)) -> io::Result<()>;

    /// Writes rows rendered by [`Printer::piece`].
    fn rows(&mut self, rows: &[u8], out: &mut (dyn Write + Send)) -> io::Result<()> {
        out.write_all(rows)
    }

    /// Writes an article's row, rendered by [`Printer::article`] from `row`.
    fn article(
        &mut self,
        _row: &ArticleRow,
        rendered: &[u8],
        out: &mut (dyn Write + Send),
    ) -> io::Result<()> {
        self.rows(rendered, out)
    }

    /// Writes the groups' rows, rendered by [`Printer::group`] from
    /// `table`, after the last article and before [`end`](Document::end).
    fn groups(
        &mut self,
        _table: &GroupTable,
        rendered: &[u8],
        out: &mut (dyn Write + Send),
    ) -> io::Result<()> {
        self.rows(rendered, out)
    }

    /// Writes what comes after the rows.
    fn end(&mut self, _out: &mut (dyn Write + Send)) -> io::Result<()> {
        Ok(())
    }
}
