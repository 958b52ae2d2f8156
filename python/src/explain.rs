//! `explain` for Python: the command line's text (for `repr`) and the
//! same explanation as data, both from the library's explain module.

use hedgescore::tune::explain::{ExplainedCue, ExplainedSentence, explain_at, explain_sentences};
use hedgescore::{Article, ScoreParams, Scorer};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// The explanation of `text` as a dict: `rendered` (what `hedgescore
/// explain` prints, without colour), `constants` and `sentences`, whose
/// offsets are UTF-8 bytes of `text` (a date header included), as
/// `explain` and `score --level sentence` give them.
pub fn explain<'py>(py: Python<'py>, scorer: &Scorer, text: &str) -> PyResult<Bound<'py, PyDict>> {
    let article = Article::new("-", text);
    let (body, offset) = (article.body(), article.body_offset());
    let (rendered, sentences) = py.detach(|| {
        (
            explain_at(scorer, body, offset, false),
            explain_sentences(scorer, body, offset),
        )
    });
    let dict = PyDict::new(py);
    dict.set_item("rendered", rendered)?;
    dict.set_item("constants", constants(py, scorer.params())?)?;
    let list = PyList::empty(py);
    for sentence in &sentences {
        list.append(sentence_dict(py, sentence)?)?;
    }
    dict.set_item("sentences", list)?;
    Ok(dict)
}

/// The scoring constants as a dict.
pub fn constants<'py>(py: Python<'py>, p: &ScoreParams) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("neutral", p.neutral)?;
    dict.set_item("alpha", p.alpha)?;
    dict.set_item("threshold", p.uncertain_at)?;
    dict.set_item("negation_window", p.negation_window)?;
    Ok(dict)
}

fn sentence_dict<'py>(py: Python<'py>, s: &ExplainedSentence) -> PyResult<Bound<'py, PyDict>> {
    let a = &s.arithmetic;
    let dict = PyDict::new(py);
    dict.set_item("sentence", s.number)?;
    dict.set_item("start", s.span.start)?;
    dict.set_item("end", s.span.end)?;
    dict.set_item("text", &s.text)?;
    let cues = PyList::empty(py);
    for cue in &s.cues {
        cues.append(cue_dict(py, cue)?)?;
    }
    dict.set_item("cues", cues)?;
    dict.set_item("hedge", a.hedge)?;
    dict.set_item("boost", a.boost)?;
    dict.set_item("x", a.x)?;
    dict.set_item("s", a.s)?;
    dict.set_item("certainty", a.certainty)?;
    dict.set_item("label", if a.uncertain { "uncertain" } else { "certain" })?;
    dict.set_item("reason", &a.reason)?;
    Ok(dict)
}

fn cue_dict<'py>(py: Python<'py>, cue: &ExplainedCue) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("text", &cue.text)?;
    dict.set_item("start", cue.span.start)?;
    dict.set_item("end", cue.span.end)?;
    dict.set_item("category", cue.category.as_str())?;
    dict.set_item("weight", cue.weight)?;
    dict.set_item("counted", cue.counted)?;
    dict.set_item("effect", &cue.effect)?;
    Ok(dict)
}
