//! Rows as Python objects, from the column schema's typed cells: a dict
//! per row with the JSON output's keys and values ([`DictRow`]), or one
//! list per column with the CSV's columns for a DataFrame ([`Columns`]).
//! The cells come from the library's `ArticleRow::visit` and
//! `SentenceRow::visit`, so a column added there reaches Python too.

use hedgescore::output::{Cell, CellSink, round, top_cues_field, top_cues_json};
use hedgescore::text::whitespace::fold_whitespace;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::py_json;

/// A cell as the JSON output writes it: numbers rounded as printed, cues
/// and top cues as lists of dicts.
fn json_value<'py>(py: Python<'py>, cell: Cell) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::TopCues(top) => {
            let list = PyList::empty(py);
            for cue in top_cues_json(top) {
                list.append(py_json::serialized_to_py(py, &cue)?)?;
            }
            list.into_any()
        }
        Cell::Cues(cues) => {
            let list = PyList::empty(py);
            for cue in cues.json() {
                list.append(py_json::serialized_to_py(py, &cue)?)?;
            }
            list.into_any()
        }
        other => scalar(py, other)?,
    })
}

/// A cell as the CSV writes it, typed: cues and top cues as their text
/// fields.
fn table_value<'py>(py: Python<'py>, cell: Cell) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::TopCues(top) => top_cues_field(top).into_pyobject(py)?.into_any(),
        Cell::Cues(cues) => cues.field().into_pyobject(py)?.into_any(),
        other => scalar(py, other)?,
    })
}

/// A cell that is one value.
fn scalar<'py>(py: Python<'py>, cell: Cell) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::Text(text) | Cell::Date(text) => text.into_pyobject(py)?.into_any(),
        Cell::Folded(text) => fold_whitespace(text).into_pyobject(py)?.into_any(),
        Cell::Count(n) => n.into_pyobject(py)?.into_any(),
        Cell::Number(x) => round(x).into_pyobject(py)?.into_any(),
        Cell::Missing => py.None().into_bound(py),
        Cell::Value(value) => py_json::to_py(py, value)?,
        Cell::TopCues(_) | Cell::Cues(_) => unreachable!("lists are handled by the caller"),
    })
}

/// Takes rows' cells, row after row.
pub trait RowSink: for<'r> CellSink<'r> {
    /// Ends a row, made from the text at `text` in the input; an error
    /// met in making it comes back here.
    fn end_row(&mut self, text: usize) -> PyResult<()>;
}

/// Collects rows as dicts with the JSON output's keys: a group of cells
/// (the category counts) becomes one dict, its keys in order as JSON
/// writes them.
pub struct DictRows<'py> {
    py: Python<'py>,
    rows: Bound<'py, PyList>,
    row: Bound<'py, PyDict>,
    group: Option<Group<'py>>,
    error: Option<PyErr>,
}

/// A group's name and its cells, gathered until the group ends.
type Group<'py> = (&'static str, Vec<(String, Bound<'py, PyAny>)>);

impl<'py> DictRows<'py> {
    pub fn new(py: Python<'py>) -> DictRows<'py> {
        DictRows {
            py,
            rows: PyList::empty(py),
            row: PyDict::new(py),
            group: None,
            error: None,
        }
    }

    /// The rows.
    pub fn finish(self) -> Bound<'py, PyList> {
        self.rows
    }

    fn try_cell(&mut self, name: &str, cell: Cell) -> PyResult<()> {
        let value = json_value(self.py, cell)?;
        match &mut self.group {
            Some((_, cells)) => cells.push((name.to_string(), value)),
            None => self.row.set_item(name, value)?,
        }
        Ok(())
    }

    fn try_end_group(&mut self) -> PyResult<()> {
        let Some((name, mut cells)) = self.group.take() else {
            return Ok(());
        };
        cells.sort_by(|a, b| a.0.cmp(&b.0));
        let group = PyDict::new(self.py);
        for (key, value) in cells {
            group.set_item(key, value)?;
        }
        self.row.set_item(name, group)
    }

    fn keep(&mut self, result: PyResult<()>) {
        if let Err(error) = result {
            self.error.get_or_insert(error);
        }
    }
}

impl RowSink for DictRows<'_> {
    fn end_row(&mut self, _text: usize) -> PyResult<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let row = std::mem::replace(&mut self.row, PyDict::new(self.py));
        self.rows.append(row)
    }
}

impl<'r> CellSink<'r> for DictRows<'_> {
    fn cell(&mut self, name: &'r str, cell: Cell<'r>) {
        let result = self.try_cell(name, cell);
        self.keep(result);
    }

    fn begin_group(&mut self, name: &'static str) {
        self.group = Some((name, Vec::new()));
    }

    fn end_group(&mut self) {
        let result = self.try_end_group();
        self.keep(result);
    }
}

/// Collects rows as columns, one Python list per column in the CSV's
/// order (a group's cells are columns of their own, as in the CSV).
pub struct Columns<'py> {
    py: Python<'py>,
    names: Vec<String>,
    lists: Vec<Bound<'py, PyList>>,
    /// The column the next cell goes in.
    at: usize,
    /// For each row, the position of its text in the input.
    texts: Vec<usize>,
    error: Option<PyErr>,
}

impl<'py> Columns<'py> {
    /// Empty columns named `names` (the schema's, in order).
    pub fn new(py: Python<'py>, names: Vec<String>) -> Columns<'py> {
        let lists = names.iter().map(|_| PyList::empty(py)).collect();
        Columns {
            py,
            names,
            lists,
            at: 0,
            texts: Vec::new(),
            error: None,
        }
    }

    /// The names, the columns and each row's text's position.
    pub fn finish(self) -> (Vec<String>, Vec<Bound<'py, PyList>>, Vec<usize>) {
        (self.names, self.lists, self.texts)
    }

    fn try_cell(&mut self, name: &str, cell: Cell) -> PyResult<()> {
        let Some(list) = self
            .lists
            .get(self.at)
            .filter(|_| self.names[self.at] == name)
        else {
            return Err(crate::errors::InternalError::new_err(format!(
                "hedgescore: internal error (a bug, please report it): the column {name} is not in the schema's place {}",
                self.at
            )));
        };
        list.append(table_value(self.py, cell)?)?;
        self.at += 1;
        Ok(())
    }
}

impl RowSink for Columns<'_> {
    fn end_row(&mut self, text: usize) -> PyResult<()> {
        self.at = 0;
        self.texts.push(text);
        match self.error.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl<'r> CellSink<'r> for Columns<'_> {
    fn cell(&mut self, name: &'r str, cell: Cell<'r>) {
        if self.error.is_none()
            && let Err(error) = self.try_cell(name, cell)
        {
            self.error = Some(error);
        }
    }
}

/// What kind of value each column holds, for its DataFrame type:
/// `text`, `date`, `count` or `number` (`missing` where the row had none).
#[derive(Default)]
pub struct Kinds {
    kinds: Vec<(String, &'static str)>,
    /// True once the first row ended: the kinds are its.
    done: bool,
}

impl Kinds {
    /// The columns and kinds of the first row.
    pub fn first_row(self) -> Vec<(String, &'static str)> {
        self.kinds
    }
}

impl RowSink for Kinds {
    fn end_row(&mut self, _text: usize) -> PyResult<()> {
        self.done = true;
        Ok(())
    }
}

impl<'r> CellSink<'r> for Kinds {
    fn cell(&mut self, name: &'r str, cell: Cell<'r>) {
        if self.done {
            return;
        }
        let kind = match cell {
            Cell::Count(_) => "count",
            Cell::Number(_) => "number",
            Cell::Date(_) => "date",
            Cell::Missing => "missing",
            _ => "text",
        };
        self.kinds.push((name.to_string(), kind));
    }
}
