//! `evaluate` for Python: the figures of `hedgescore eval` with their
//! bootstrap intervals, for sentences and labels held in Python.

use hedgescore::Scorer;
use hedgescore::tune::bootstrap::{Bootstrap, Sample};
use hedgescore::tune::eval::{self, GoldSentence};
use hedgescore::tune::figures::figures_json;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The figures as a dict with the keys of `hedgescore eval --format
/// json` (less `file`). `ratings` of `None` detects ratings as `eval`
/// does.
pub fn evaluate<'py>(
    py: Python<'py>,
    scorer: &Scorer,
    texts: &Bound<'py, PyAny>,
    labels: &Bound<'py, PyAny>,
    ratings: Option<bool>,
    seed: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let gold: Vec<GoldSentence> = crate::inputs::gold(texts, labels)?
        .into_iter()
        .enumerate()
        .map(|(i, (text, label))| GoldSentence {
            line: i as u64 + 1,
            label,
            text,
        })
        .collect();
    if gold.is_empty() {
        return Err(PyValueError::new_err(
            "there are no gold sentences to evaluate",
        ));
    }
    let figures = py.detach(|| {
        let ratings = ratings.unwrap_or_else(|| eval::looks_like_ratings(&gold));
        let predictions = eval::predict(scorer, &gold);
        let evaluation = eval::evaluate(&gold, &predictions, ratings);
        let bootstrap = Bootstrap {
            seed,
            ..Bootstrap::default()
        };
        let intervals = bootstrap.intervals(&Sample::new(&gold, &predictions, ratings));
        figures_json(&evaluation, &intervals, ratings)
    });
    crate::py_json::to_py(py, &serde_json::Value::Object(figures))
}
