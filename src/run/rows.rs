//! Table inputs as pieces: each row is one whole article, its other
//! columns carried under the run's names. The run's columns are those of
//! its first table; a later table's columns go where their names match.
//! Reads only through the table reader ([`TableReader`]).

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use super::ledger::Ledger;
use super::piece::{Extent, Origin, Piece, PieceText, ReadEvent, Step};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::input::Source;
use crate::input::table::{Columns, DATE_COLUMN, Record, TableFormat, TableReader};
use crate::input::workbook::WorkbookSource;
use crate::output::Carried;

/// A table input being read.
pub(super) struct OpenTable {
    name: Arc<str>,
    path: Option<PathBuf>,
    reader: TableReader,
    /// For each of the run's carried columns, its place in this table;
    /// found at the first row.
    places: Option<Vec<Option<usize>>>,
    /// The date column named by `--date-column`, if one is.
    date_column: Option<String>,
    /// The date column's place among this table's carried columns; found
    /// at the first row.
    date_place: Option<Option<usize>>,
}

impl OpenTable {
    /// Opens `source` as a table of `format`, reading its header.
    pub(super) fn open(
        source: &Source,
        format: TableFormat,
        columns: &Columns,
    ) -> Result<OpenTable> {
        let reader = match (source, format) {
            (Source::File(path), TableFormat::Workbook) => {
                let workbook = WorkbookSource::File(path.clone());
                TableReader::workbook(workbook, columns, Some(path))?
            }
            (Source::File(path), _) => {
                let file = std::fs::File::open(path).map_err(|e| Error::io(Some(path), e))?;
                TableReader::new(Box::new(file), format, columns, Some(path))?
            }
            (Source::Stdin, _) => {
                TableReader::new(Box::new(std::io::stdin()), format, columns, None)?
            }
        };
        Ok(OpenTable {
            name: Arc::from(source.name()),
            path: source.path().map(|p| p.to_path_buf()),
            reader,
            places: None,
            date_column: columns.date.clone(),
            date_place: None,
        })
    }

    /// True for a table on standard input, whose reader may be waiting
    /// for each answer.
    pub(super) fn streaming(&self) -> bool {
        self.path.is_none()
    }

    /// The next row as a piece; the table's end or an error that ends it.
    pub(super) fn next(&mut self, ledger: &mut Ledger) -> Step {
        let record = match self.reader.next_record(self.path.as_deref()) {
            None => return Step::Ended(ReadEvent::TableEnd(ledger.next_seq())),
            Some(Err(error)) => return Step::Ended(ledger.problem(error, false)),
            Some(Ok(record)) => record,
        };
        let mut problems = Vec::new();
        let carried = self.carried(ledger, &record, &mut problems);
        let (date, bad_date) = self.date(&record, &mut problems);
        let seq = ledger.next_seq();
        let article = ledger.begin_article();
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
        let warning = (!problems.is_empty()).then(|| {
            // Without a path this is standard input, which the writer names.
            Box::new(Error::input(
                self.path.as_deref(),
                Some(record.line),
                problems.join("; "),
            ))
        });
        let origin = Origin {
            seq,
            article,
            name,
            input: self.name.clone(),
            date,
            bad_date,
            carried,
            extent: Extent::Row(no_text),
            warning,
        };
        Step::Event(ReadEvent::Piece(Piece {
            origin,
            text: PieceText::Row(text),
            first_number: 1,
        }))
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
                    columns.join(", ")
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
    let mut used = vec![false; table.len()];
    let places = sources
        .iter()
        .map(|source| {
            let place = (0..table.len()).find(|&i| !used[i] && table[i] == *source)?;
            used[place] = true;
            Some(place)
        })
        .collect();
    let dropped: Vec<&str> = table
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(c, _)| c.as_str())
        .collect();
    if !dropped.is_empty() {
        problems.push(format!(
            "columns {} are not carried: the run's columns come from its first input; score this table on its own to keep them",
            dropped.join(", ")
        ));
    }
    places
}
