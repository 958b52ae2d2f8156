//! Output formats: CSV and Excel workbooks for spreadsheets, JSON and JSON
//! lines for programs, a plain table for people, and a self-contained HTML
//! report. One type per format ([`CsvRows`], [`XlsxRows`], [`JsonRows`],
//! [`TextTable`], [`HtmlReport`]), each a [`Printer`] that renders rows and
//! a [`Document`] that frames them; a run calls the trait and never names
//! a format.
//!
//! Every tabular format takes its columns from one schema ([`columns`]):
//! a row hands its cells, typed, to the format, so that a column added to
//! [`ArticleRow`] or [`SentenceRow`] reaches CSV, JSON and the headers at
//! once. Numbers are written with a fixed precision ([`DECIMALS`] places,
//! a point as the decimal separator, whatever the locale), so that outputs
//! compare byte for byte and open the same way in every spreadsheet.
//!
//! Rendering never does I/O: rows are rendered to bytes (on any thread),
//! and a [`ReportWriter`] writes them in order.
//!
//! Rows of one text, without a run: score it, then hand the printer the
//! scored text (its sentence rows) or the article's report (its row).
//!
//! ```
//! use hedgescore::output::{
//!     ArticleRow, Carried, JsonRows, Level, Place, Printer, RowContext, Schema, Scratch,
//!     ScoredPiece,
//! };
//! use hedgescore::text::utf8::Repairs;
//! use hedgescore::{Article, ArticleReport, Category, ScoredText, Scorer};
//!
//! let scorer = Scorer::english();
//! let article = Article::new("a", "The bridge could reopen in May. It is open.");
//! let mut scored = ScoredText::default();
//! scorer.score_text(article.body(), &mut scored);
//! let (carried, repairs) = (Carried::default(), Repairs::default());
//! let context = RowContext {
//!     article: article.id(),
//!     date: article.date(),
//!     offset: article.body_offset(),
//!     repairs: &repairs,
//!     carried: &carried,
//! };
//! let place = Place { article: 1, first_sentence: 1, whole: true };
//! let piece = ScoredPiece { scorer: &scorer, context, text: article.body(), scored: &scored, place };
//! let (mut scratch, mut rows) = (Scratch::default(), Vec::new());
//! JsonRows::lines(Level::Sentence).piece(&mut scratch, &piece, &mut rows);
//! assert_eq!(String::from_utf8(rows).unwrap().lines().count(), 2);
//!
//! let report = ArticleReport::new(&scorer, &article, &scored);
//! let schema = Schema::new(Category::COUNTED);
//! let row = ArticleRow {
//!     report: &report,
//!     status: None,
//!     carried: &carried,
//!     categories: &schema.categories,
//!     liwc_measures: false,
//!     number: 1,
//!     input: "a",
//! };
//! let mut out = Vec::new();
//! JsonRows::lines(Level::Article).article(&mut scratch, &row, &mut out);
//! assert!(String::from_utf8(out).unwrap().contains("\"uncertain_sentences\":1"));
//! ```

pub mod columns;
pub mod csv;
mod cues;
pub mod html;
mod json;
mod number;
mod printer;
mod text;
mod writer;
mod xlsx;

pub use columns::{
    ArticleRow, Carried, Cell, CellSink, CueList, GroupRow, Level, NamedCells, Place, RowContext,
    Schema, ScoredPiece, SentenceRow, label, status,
};
pub use csv::{CsvRows, Dialect, csv_field};
pub use cues::{CueOut, TopCueOut, cues_field, cues_json, top_cues_field, top_cues_json};
pub use html::HtmlReport;
pub use json::JsonRows;
pub use number::{DECIMALS, fixed_text, round, weight_text};
pub use printer::{Document, Needs, Printer, Scratch};
pub use text::{TEXT_WIDTH, TextTable};
pub use writer::ReportWriter;
pub use xlsx::{XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS, XlsxRows};

/// The output formats, as a command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned table for reading in a terminal ([`TextTable`]).
    Text,
    /// Comma-separated values with a header row ([`CsvRows`]).
    Csv,
    /// One JSON array of row objects ([`JsonRows::array`]).
    Json,
    /// One JSON object per line ([`JsonRows::lines`]).
    Jsonl,
    /// One self-contained HTML report ([`HtmlReport`]).
    Html,
    /// An Excel workbook of one worksheet ([`XlsxRows`]).
    Xlsx,
}

/// The printer of `format` for `level` rows; `dialect` is CSV's.
pub fn printer(format: Format, level: Level, dialect: Dialect) -> Box<dyn Printer> {
    match format {
        Format::Text => Box::new(TextTable::new(level)),
        Format::Csv => Box::new(CsvRows::new(level, dialect)),
        Format::Json => Box::new(JsonRows::array(level)),
        Format::Jsonl => Box::new(JsonRows::lines(level)),
        Format::Html => Box::new(HtmlReport::new("hedgescore report")),
        Format::Xlsx => Box::new(XlsxRows::new(level)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ArticleReport;
    use crate::scoring::{ScoredText, Scorer};
    use crate::text::utf8::Repairs;

    /// The clash check knows every key a row can have: every key of a JSON
    /// row is one of the schema's own names.
    #[test]
    fn every_json_key_is_an_own_column() {
        let scorer = Scorer::english();
        let schema = Schema::new(crate::lexicon::Category::COUNTED);
        let mut scored = ScoredText::default();
        let text = "It may rain.";
        scorer.score_text(text, &mut scored);
        let article = crate::report::Article::new("a", text);
        let report = ArticleReport::new(&scorer, &article, &scored);
        let carried = Carried::default();
        let context = RowContext {
            article: "a",
            date: None,
            offset: 0,
            repairs: &Repairs::default(),
            carried: &carried,
        };
        let printer = JsonRows::lines(Level::Sentence);
        let (mut rows, mut scratch) = (Vec::new(), Scratch::default());
        let row = ArticleRow {
            report: &report,
            status: None,
            carried: &carried,
            categories: &schema.categories,
            liwc_measures: false,
            number: 1,
            input: "a",
        };
        printer.article(&mut scratch, &row, &mut rows);
        let place = Place {
            article: 1,
            first_sentence: 1,
            whole: true,
        };
        let piece = ScoredPiece {
            scorer: &scorer,
            context,
            text,
            scored: &scored,
            place,
        };
        printer.piece(&mut scratch, &piece, &mut rows);
        for row in String::from_utf8(rows).unwrap().lines() {
            let row: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(row).unwrap();
            for key in row.keys() {
                let input = [key.clone()];
                assert_ne!(
                    schema.carried_names(&input),
                    input,
                    "{key} is not an own column"
                );
            }
        }
    }
}
