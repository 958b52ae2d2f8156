//! The native scorer: built once from the command line's choices, it
//! scores lists of texts on every core with the GIL released and hands
//! back rows as Python objects.

use std::path::PathBuf;
use std::sync::Arc;

use hedgescore::input::table::NoText;
use hedgescore::output::{ArticleRow, Carried, Level, Place, RowContext, Schema, ScoredPiece};
use hedgescore::report::ReportBuilder;
use hedgescore::text::utf8::Repairs;
use hedgescore::{Article, ArticleReport, ScoreParams, ScoredText, Scorer, ScorerOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::{guard, to_py};
use crate::inputs::{Input, inputs};
use crate::parallel::map_ordered;
use crate::rows::{Columns, DictRows, Kinds, RowSink};

/// A scorer built once; `hedgescore.Scorer` wraps it.
#[pyclass(frozen, module = "hedgescore._hedgescore")]
pub struct NativeScorer {
    scorer: Arc<Scorer>,
    threads: usize,
    schema: Schema,
}

/// A text ready to score, as the command line takes a table row: its
/// opening (a byte order mark, a `date YYYY-MM-DD` header) off.
struct Prepared<'a> {
    body: &'a str,
    /// Where the body starts in the text, in bytes.
    offset: usize,
    /// The date given, or else the header's.
    date: Option<&'a str>,
    /// Why the text cannot be scored, if it cannot.
    no_text: Option<NoText>,
}

impl<'a> Prepared<'a> {
    fn new(input: &'a Input) -> Prepared<'a> {
        let no_text = NoText::of(input.text.as_deref());
        let text = if no_text.is_some() {
            ""
        } else {
            input.text.as_deref().unwrap_or("")
        };
        let article = Article::new("", text);
        Prepared {
            body: article.body(),
            offset: article.body_offset(),
            date: input.date.as_deref().or(article.date()),
            no_text,
        }
    }
}

/// Column names, one list of values per column, and each row's text's
/// position.
type ColumnsOut<'py> = (Vec<String>, Vec<Bound<'py, PyList>>, Vec<usize>);

/// What an article row needs, made without the GIL.
struct ArticleResult {
    report: ArticleReport,
    status: Option<String>,
}

#[pymethods]
impl NativeScorer {
    #[new]
    #[pyo3(signature = (lexicons, packs, no_default_lexicon, neutral, alpha, threshold, threads))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        lexicons: Vec<PathBuf>,
        packs: Vec<String>,
        no_default_lexicon: bool,
        neutral: Option<f64>,
        alpha: Option<f64>,
        threshold: Option<f64>,
        threads: Option<usize>,
    ) -> PyResult<NativeScorer> {
        guard(|| {
            let defaults = ScoreParams::default();
            let options = ScorerOptions {
                default_lexicon: !no_default_lexicon,
                packs,
                lexicons,
                categories: Vec::new(),
                params: ScoreParams {
                    neutral: neutral.unwrap_or(defaults.neutral),
                    alpha: alpha.unwrap_or(defaults.alpha),
                    uncertain_at: threshold.unwrap_or(defaults.uncertain_at),
                    ..defaults
                },
            };
            let scorer = py.detach(|| options.build()).map_err(to_py)?;
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            // The scorer's categories, the built-in ones and a dictionary's
            // own, in the command line's order.
            let schema =
                Schema::for_lexicon(scorer.lexicon(), false).map_err(PyValueError::new_err)?;
            Ok(NativeScorer {
                scorer: Arc::new(scorer),
                threads: threads.filter(|&n| n > 0).unwrap_or(cores),
                schema,
            })
        })
    }

    /// The threads a call scores on.
    #[getter]
    fn threads(&self) -> usize {
        self.threads
    }

    /// The scoring constants: neutral, alpha, threshold, negation_window.
    fn constants<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        crate::explain::constants(py, self.scorer.params())
    }

    /// Rows of `level` ("article" or "sentence") as dicts with the JSON
    /// output's fields.
    #[pyo3(signature = (level, texts, ids=None, dates=None))]
    fn rows<'py>(
        &self,
        py: Python<'py>,
        level: &str,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        dates: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(|| {
            let level = parse_level(level)?;
            let inputs = inputs(texts, ids, dates)?;
            let mut rows = DictRows::new(py);
            self.each_row(py, level, &inputs, &mut rows)?;
            Ok(rows.finish())
        })
    }

    /// Rows of `level` as columns, the CSV's: the column names, one list
    /// of values per column, and for each row the position of its text.
    #[pyo3(signature = (level, texts, ids=None, dates=None))]
    fn columns<'py>(
        &self,
        py: Python<'py>,
        level: &str,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        dates: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<ColumnsOut<'py>> {
        guard(|| {
            let level = parse_level(level)?;
            let inputs = inputs(texts, ids, dates)?;
            let mut columns = Columns::new(py, self.schema.names(level));
            self.each_row(py, level, &inputs, &mut columns)?;
            Ok(columns.finish())
        })
    }

    /// The columns of `level` rows with the kind of value each holds:
    /// `text`, `date`, `count` or `number`.
    fn kinds(&self, py: Python<'_>, level: &str) -> PyResult<Vec<(String, &'static str)>> {
        guard(|| {
            // The first row of a text with a date and an uncertain first
            // sentence has a value in every column.
            let input = Input {
                text: Some("It may rain. It rains.".to_string()),
                id: "kinds".to_string(),
                date: Some("2000-01-01".to_string()),
            };
            let mut kinds = Kinds::default();
            self.each_row(py, parse_level(level)?, &[input], &mut kinds)?;
            Ok(kinds.first_row())
        })
    }

    /// Why each sentence of `text` scored what it did: the command line's
    /// text and the same as data.
    fn explain<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyDict>> {
        guard(|| crate::explain::explain(py, &self.scorer, text))
    }

    /// The figures of `hedgescore eval` for gold sentences and labels.
    #[pyo3(signature = (texts, labels, ratings, seed))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        labels: &Bound<'py, PyAny>,
        ratings: Option<bool>,
        seed: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| crate::evaluate::evaluate(py, &self.scorer, texts, labels, ratings, seed))
    }
}

impl NativeScorer {
    /// Scores `inputs` with the GIL released, then hands each row's cells
    /// to `sink`, in order.
    fn each_row(
        &self,
        py: Python<'_>,
        level: Level,
        inputs: &[Input],
        sink: &mut impl RowSink,
    ) -> PyResult<()> {
        match level {
            Level::Article => self.article_rows(py, inputs, sink),
            Level::Sentence => self.sentence_rows(py, inputs, sink),
            Level::Group => Err(PyValueError::new_err(
                "group rows are not made here: group the article frame in pandas",
            )),
        }
    }

    fn article_rows(
        &self,
        py: Python<'_>,
        inputs: &[Input],
        sink: &mut impl RowSink,
    ) -> PyResult<()> {
        let scorer = &*self.scorer;
        let results = py.detach(|| {
            map_ordered(inputs, self.threads, |scored: &mut ScoredText, input| {
                score_article(scorer, scored, input)
            })
        });
        let carried = Carried::default();
        for (n, result) in results.iter().enumerate() {
            let row = ArticleRow {
                report: &result.report,
                status: result.status.as_deref(),
                carried: &carried,
                categories: &self.schema.categories,
                liwc_measures: false,
                number: n as u64 + 1,
                // Texts given from Python come from no file.
                input: "",
            };
            row.visit(sink);
            sink.end_row(n)?;
        }
        Ok(())
    }

    fn sentence_rows(
        &self,
        py: Python<'_>,
        inputs: &[Input],
        sink: &mut impl RowSink,
    ) -> PyResult<()> {
        let scorer = &*self.scorer;
        let results = py.detach(|| {
            map_ordered(inputs, self.threads, |_: &mut (), input| {
                let mut scored = ScoredText::default();
                scorer.score_text(Prepared::new(input).body, &mut scored);
                scored
            })
        });
        let (carried, repairs) = (Carried::default(), Repairs::default());
        for (n, (input, scored)) in inputs.iter().zip(&results).enumerate() {
            let prepared = Prepared::new(input);
            let piece = ScoredPiece {
                scorer,
                context: RowContext {
                    article: &input.id,
                    date: prepared.date,
                    offset: prepared.offset,
                    repairs: &repairs,
                    carried: &carried,
                },
                text: prepared.body,
                scored,
                place: Place {
                    article: n as u64 + 1,
                    first_sentence: 1,
                    whole: true,
                },
            };
            for row in piece.sentence_rows() {
                row.visit(sink);
                sink.end_row(n)?;
            }
        }
        Ok(())
    }
}

/// Scores one text as the command line scores a table row: a row with no
/// text scores empty, with its status.
fn score_article(scorer: &Scorer, scored: &mut ScoredText, input: &Input) -> ArticleResult {
    let prepared = Prepared::new(input);
    scorer.score_text(prepared.body, scored);
    let mut builder = ReportBuilder::default();
    builder.add(scorer, prepared.body, scored);
    ArticleResult {
        report: builder.finish(&input.id, prepared.date),
        status: prepared.no_text.map(|why| why.to_string()),
    }
}

fn parse_level(level: &str) -> PyResult<Level> {
    match level {
        "article" => Ok(Level::Article),
        "sentence" => Ok(Level::Sentence),
        _ => Err(PyValueError::new_err(format!(
            "level is 'article' or 'sentence', not {level:?}"
        ))),
    }
}
