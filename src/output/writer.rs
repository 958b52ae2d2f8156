//! Writes rendered rows to an output in order, framed by the format's
//! [`Document`]. The one place output bytes reach a writer; it reports
//! every write error, the last flush's included.

use std::io::Write;
use std::sync::Arc;

use super::columns::{ArticleRow, Schema};
use super::printer::{Document, Printer};
use crate::error::{Error, Result};
use crate::groups::GroupTable;

/// Writes rendered rows in order, with what the format puts around them.
pub struct ReportWriter<W: Write + Send> {
    out: W,
    printer: Arc<dyn Printer>,
    document: Box<dyn Document>,
    schema: Schema,
    started: bool,
}

impl<W: Write + Send> ReportWriter<W> {
    /// A writer of the rows `printer` renders, to `out`.
    pub fn new(out: W, printer: Box<dyn Printer>) -> ReportWriter<W> {
        let document = printer.document();
        ReportWriter {
            out,
            printer: Arc::from(printer),
            document,
            schema: Schema::default(),
            started: false,
        }
    }

    /// The format's printer, to render rows with.
    pub fn printer(&self) -> Arc<dyn Printer> {
        self.printer.clone()
    }

    /// Sets the columns. Takes effect only before the first row.
    pub fn set_schema(&mut self, schema: Schema) {
        if !self.started {
            self.schema = schema;
        }
    }

    /// The columns.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Names the carried columns. Takes effect only before the first row.
    pub fn set_carried_columns(&mut self, columns: &Arc<[String]>) {
        if !self.started {
            self.schema.carried = columns.clone();
        }
    }

    fn start(&mut self) -> Result<()> {
        if !self.started {
            self.started = true;
            self.document
                .start(&self.schema, &mut self.out)
                .map_err(io_error)?;
        }
        Ok(())
    }

    /// Writes rows rendered by the printer's [`Printer::piece`].
    pub fn write_rows(&mut self, rows: &[u8]) -> Result<()> {
        self.start()?;
        self.document.rows(rows, &mut self.out).map_err(io_error)
    }

    /// Writes an article's row, rendered by the printer's
    /// [`Printer::article`] from `row`.
    pub fn write_article(&mut self, row: &ArticleRow, rendered: &[u8]) -> Result<()> {
        self.start()?;
        self.document
            .article(row, rendered, &mut self.out)
            .map_err(io_error)
    }

    /// Writes the groups' rows, rendered by the printer's
    /// [`Printer::group`](super::Printer::group) from `table`, after the
    /// last article.
    pub fn write_groups(&mut self, table: &GroupTable, rendered: &[u8]) -> Result<()> {
        self.start()?;
        self.document
            .groups(table, rendered, &mut self.out)
            .map_err(io_error)
    }

    /// Flushes written rows to the output (for streaming).
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(io_error)
    }

    /// Ends the output (the header if there were no rows, what the format
    /// writes after its rows) and flushes it, reporting any error.
    pub fn finish(mut self) -> Result<W> {
        self.start()?;
        self.document.end(&mut self.out).map_err(io_error)?;
        self.out.flush().map_err(io_error)?;
        Ok(self.out)
    }
}

fn io_error(e: std::io::Error) -> Error {
    Error::io(None, e)
}
