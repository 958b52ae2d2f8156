//! The arguments of a scoring call, read from Python: texts, ids and
//! dates, each checked where it stands so that a bad value is named by
//! its position.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyString};

/// One text to score with what its rows say about it.
#[derive(Debug)]
pub struct Input {
    /// The text; `None` for a missing value (None, NaN, pandas.NA).
    pub text: Option<String>,
    /// The `article` column.
    pub id: String,
    /// The date given for it, which replaces a `date` header.
    pub date: Option<String>,
}

/// Reads the texts, with their ids (their positions when none are
/// given) and dates. Every sequence is indexed from 0 in messages.
pub fn inputs(
    texts: &Bound<'_, PyAny>,
    ids: Option<&Bound<'_, PyAny>>,
    dates: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Input>> {
    let texts = read_all(texts, "texts", text)?;
    let ids = match ids {
        Some(ids) => same_length(read_all(ids, "ids", id)?, "ids", texts.len())?,
        None => (0..texts.len()).map(|i| i.to_string()).collect(),
    };
    let dates = match dates {
        Some(dates) => same_length(read_all(dates, "dates", date)?, "dates", texts.len())?,
        None => vec![None; texts.len()],
    };
    Ok(texts
        .into_iter()
        .zip(ids)
        .zip(dates)
        .map(|((text, id), date)| Input { text, id, date })
        .collect())
}

/// Reads gold sentences: every text a string, every label a number.
pub fn gold(texts: &Bound<'_, PyAny>, labels: &Bound<'_, PyAny>) -> PyResult<Vec<(String, f64)>> {
    let texts = read_all(texts, "gold_texts", |item, at| match text(item, at)? {
        Some(text) => Ok(text),
        None => Err(PyTypeError::new_err(format!(
            "{at} is missing: every gold sentence needs its text"
        ))),
    })?;
    let labels = same_length(
        read_all(labels, "gold_labels", label)?,
        "gold_labels",
        texts.len(),
    )?;
    Ok(texts.into_iter().zip(labels).collect())
}

/// Reads every item of a sequence (not a string) with `read`, which is
/// told the item's place as `name[i]`.
fn read_all<T>(
    sequence: &Bound<'_, PyAny>,
    name: &str,
    read: impl Fn(&Bound<'_, PyAny>, &str) -> PyResult<T>,
) -> PyResult<Vec<T>> {
    if sequence.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{name} is one string; give a list (or Series) of them, such as [text]"
        )));
    }
    let mut items = Vec::with_capacity(sequence.len().unwrap_or(0));
    for (i, item) in sequence.try_iter()?.enumerate() {
        items.push(read(&item?, &format!("{name}[{i}]"))?);
    }
    Ok(items)
}

fn same_length<T>(items: Vec<T>, name: &str, texts: usize) -> PyResult<Vec<T>> {
    if items.len() == texts {
        Ok(items)
    } else {
        Err(PyValueError::new_err(format!(
            "{name} has {} items and the texts {texts}; give one for each text",
            items.len()
        )))
    }
}

/// A text, or `None` for a missing value.
fn text(item: &Bound<'_, PyAny>, at: &str) -> PyResult<Option<String>> {
    if let Ok(text) = item.cast::<PyString>() {
        // A lone surrogate cannot be UTF-8: it is replaced, as invalid
        // UTF-8 is in a file.
        return Ok(Some(text.to_string_lossy().into_owned()));
    }
    if is_missing(item)? {
        return Ok(None);
    }
    Err(PyTypeError::new_err(format!(
        "{at} is {}, not a string (None or NaN gives a row with the status 'missing text')",
        type_name(item)?
    )))
}

/// An id: a string, or an integer written in decimal.
fn id(item: &Bound<'_, PyAny>, at: &str) -> PyResult<String> {
    if let Ok(id) = item.cast::<PyString>() {
        return Ok(id.to_string_lossy().into_owned());
    }
    if item.is_instance_of::<PyInt>() && !item.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(item.str()?.to_string_lossy().into_owned());
    }
    Err(PyTypeError::new_err(format!(
        "{at} is {}, not a string or an integer",
        type_name(item)?
    )))
}

/// A date: `YYYY-MM-DD` (a longer ISO date-time gives its date), a
/// `datetime.date` or `datetime.datetime` (a pandas Timestamp is one), or
/// a missing value for none.
fn date(item: &Bound<'_, PyAny>, at: &str) -> PyResult<Option<String>> {
    if let Ok(text) = item.cast::<PyString>() {
        let text = text.to_string_lossy();
        return match iso_date(&text) {
            Some(date) => Ok(Some(date.to_string())),
            None => Err(PyValueError::new_err(format!(
                "{at} is {text:?}, not a date as YYYY-MM-DD"
            ))),
        };
    }
    if is_missing(item)? {
        return Ok(None);
    }
    let datetime = item.py().import("datetime")?;
    if item.is_instance(&datetime.getattr("date")?)? {
        let iso = item.call_method0("isoformat")?.cast_into::<PyString>()?;
        return Ok(iso_date(&iso.to_string_lossy()).map(str::to_string));
    }
    Err(PyTypeError::new_err(format!(
        "{at} is {}, not a date (a string YYYY-MM-DD, a datetime.date or None)",
        type_name(item)?
    )))
}

/// The date a string starts with, if it is a date or an ISO date-time.
fn iso_date(text: &str) -> Option<&str> {
    let date = text.get(..10)?;
    let rest = &text[10..];
    let ends = rest.is_empty() || rest.starts_with(['T', ' ']);
    (hedgescore::report::is_iso_date(date) && ends).then_some(date)
}

/// A label: a number (an int, a float, a bool), not NaN.
fn label(item: &Bound<'_, PyAny>, at: &str) -> PyResult<f64> {
    let number = item.extract::<f64>().map_err(|_| {
        let name = type_name(item).unwrap_or_else(|_| "a value".to_string());
        PyTypeError::new_err(format!("{at} is {name}, not a number"))
    })?;
    if number.is_finite() {
        Ok(number)
    } else {
        Err(PyValueError::new_err(format!(
            "{at} is {number}, not a finite number"
        )))
    }
}

/// True for the values pandas and numpy use for a missing value: None,
/// NaN, pandas.NA and pandas.NaT.
fn is_missing(item: &Bound<'_, PyAny>) -> PyResult<bool> {
    if item.is_none() {
        return Ok(true);
    }
    if let Ok(number) = item.cast::<PyFloat>() {
        return Ok(number.value().is_nan());
    }
    let name = item.get_type().name()?;
    Ok(name == "NAType" || name == "NaTType")
}

/// The type of a value as a message names it: `an int`, `a float`.
fn type_name(item: &Bound<'_, PyAny>) -> PyResult<String> {
    let name = item.get_type().name()?.to_string();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Ok(format!("{article} {name}"))
}
