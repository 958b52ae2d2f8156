//! Output formats: CSV for spreadsheets, JSON and JSON lines for programs,
//! and a plain table for people.
//!
//! Numbers are written with a fixed precision ([`DECIMALS`] places, a point
//! as the decimal separator, whatever the locale), so that outputs compare
//! byte for byte and open the same way in every spreadsheet.

pub mod csv;
pub mod html;
mod number;

use std::collections::HashSet;
use std::io::Write;

use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::lexicon::Category;
use crate::report::ArticleReport;
use crate::scoring::{Effect, ScoredText, Scorer, Sentence};
use crate::text::utf8::Repairs;
use crate::text::whitespace::{fold_pieces, fold_whitespace};
use csv::{CsvLine, Dialect};
use number::{push_uint_str, push_weight, round};

pub use csv::csv_field;
pub use number::DECIMALS;

/// How rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned table for reading in a terminal.
    Text,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON array of row objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// One self-contained HTML report (see [`crate::output::html`]).
    Html,
}

/// Whether rows are articles or sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One row per article.
    Article,
    /// One row per sentence.
    Sentence,
}

/// The columns of article rows, in order (CSV header and JSON keys).
pub const ARTICLE_COLUMNS: [&str; 23] = [
    "article",
    "date",
    "status",
    "sentences",
    "words",
    "uncertain_sentences",
    "uncertain_share",
    "certainty",
    "min_certainty",
    "hedges",
    "boosters",
    "hedges_per_1000_words",
    "boosters_per_1000_words",
    "modal",
    "verb",
    "adjective",
    "adverb",
    "approximator",
    "vague_source",
    "conditional",
    "booster",
    "top_cues",
    "least_certain",
];

/// The columns of sentence rows, in order.
pub const SENTENCE_COLUMNS: [&str; 13] = [
    "article",
    "date",
    "sentence",
    "start",
    "end",
    "certainty",
    "label",
    "hedges",
    "boosters",
    "hedge_weight",
    "booster_weight",
    "cues",
    "text",
];

/// Keys of JSON rows that are not CSV columns: the category counts, which
/// CSV spreads over columns of their own.
const JSON_ONLY_KEYS: [&str; 1] = ["by_category"];

/// True when `name` is a column or key of hedgescore's own rows, at either
/// level and in any format.
fn is_own_column(name: &str) -> bool {
    ARTICLE_COLUMNS
        .iter()
        .chain(&SENTENCE_COLUMNS)
        .chain(&JSON_ONLY_KEYS)
        .any(|own| *own == name)
}

/// The output names of carried input columns, in their order: a name that
/// is one of ours gets an `input_` prefix, and a name still taken (by
/// another input column, or by an earlier column of the same name) a
/// number, `input_article_2`, so that no row has two columns or keys of one
/// name. A name that clashes with nothing is kept whatever the order of
/// the columns, so an input's own `input_article` stays that.
pub fn carried_names(input: &[String]) -> Vec<String> {
    let mut taken = HashSet::new();
    let kept: Vec<bool> = input
        .iter()
        .map(|name| !is_own_column(name) && taken.insert(name.clone()))
        .collect();
    input
        .iter()
        .zip(kept)
        .map(|(name, kept)| {
            if kept {
                return name.clone();
            }
            let base = if is_own_column(name) {
                format!("input_{name}")
            } else {
                name.clone()
            };
            let mut candidate = base.clone();
            for n in 2.. {
                if !is_own_column(&candidate) && !taken.contains(&candidate) {
                    break;
                }
                candidate = format!("{base}_{n}");
            }
            taken.insert(candidate.clone());
            candidate
        })
        .collect()
}

/// A cue as written in output.
#[derive(Debug, Serialize)]
struct CueOut<'a> {
    text: String,
    cue: String,
    category: &'a str,
    weight: f64,
    effect: &'a str,
    negated: bool,
    start: usize,
    end: usize,
}

/// A cue of `text` as written in output, with its offsets mapped by
/// `input_offset` from bytes of `text` to bytes of the input.
fn cue_out<'a>(
    scorer: &'a Scorer,
    text: &str,
    input_offset: impl Fn(usize) -> usize,
    cue: &crate::scoring::CueMatch,
) -> CueOut<'a> {
    let entry = scorer.lexicon().cue(cue.cue);
    CueOut {
        text: fold_whitespace(&text[cue.span.clone()]),
        cue: entry.display_text(),
        category: entry.category.as_str(),
        weight: cue.weight,
        effect: effect_name(cue.effect),
        negated: cue.negated(),
        start: input_offset(cue.span.start),
        end: input_offset(cue.span.end),
    }
}

/// The cues of `text` as the `cues` of a JSON sentence row, for other
/// JSON output (`eval --errors`).
pub fn cues_json(scorer: &Scorer, text: &str, cues: &[crate::scoring::CueMatch]) -> Value {
    Value::Array(
        cues.iter()
            .map(|c| {
                serde_json::to_value(cue_out(scorer, text, |at| at, c)).expect("a cue serialises")
            })
            .collect(),
    )
}

#[derive(Debug, Serialize)]
struct SentenceOut<'a> {
    article: &'a str,
    date: Option<&'a str>,
    sentence: usize,
    start: usize,
    end: usize,
    certainty: f64,
    label: &'a str,
    hedges: usize,
    boosters: usize,
    hedge_weight: f64,
    booster_weight: f64,
    cues: Vec<CueOut<'a>>,
    text: String,
    #[serde(flatten)]
    carried: &'a Carried,
}

#[derive(Debug, Serialize)]
struct TopCueOut<'a> {
    cue: &'a str,
    count: usize,
}

#[derive(Debug, Serialize)]
struct ArticleOut<'a> {
    article: &'a str,
    date: Option<&'a str>,
    status: &'a str,
    sentences: usize,
    words: usize,
    uncertain_sentences: usize,
    uncertain_share: f64,
    certainty: Option<f64>,
    min_certainty: Option<f64>,
    hedges: usize,
    boosters: usize,
    hedges_per_1000_words: f64,
    boosters_per_1000_words: f64,
    by_category: serde_json::Map<String, serde_json::Value>,
    top_cues: Vec<TopCueOut<'a>>,
    least_certain: Option<&'a str>,
    #[serde(flatten)]
    carried: &'a Carried,
}

/// The label of a sentence.
pub fn label(sentence: &Sentence) -> &'static str {
    if sentence.uncertain {
        "uncertain"
    } else {
        "certain"
    }
}

/// The status of an article row: `ok`, or `empty` for an article with no text.
pub fn status(report: &ArticleReport) -> &'static str {
    if report.sentences == 0 { "empty" } else { "ok" }
}

/// Columns carried unchanged from an input row into its output rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Carried {
    /// The column names, shared by every row of a run.
    pub columns: Arc<[String]>,
    /// The values, one per column.
    pub values: Vec<Value>,
}

impl Serialize for Carried {
    /// As the entries of the row object, after hedgescore's own.
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (name, value) in self.columns.iter().zip(&self.values) {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A carried value as a CSV or table field.
fn carried_field(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::Null => "".into(),
        Value::String(s) => s.as_str().into(),
        other => other.to_string().into(),
    }
}

/// What a sentence row says about the article it comes from.
#[derive(Debug, Clone, Copy)]
pub struct RowContext<'a> {
    /// The article's identifier.
    pub article: &'a str,
    /// The article's date header, if any.
    pub date: Option<&'a str>,
    /// Where the scored text starts in the article's text, in bytes.
    pub offset: usize,
    /// Where invalid UTF-8 in the article was repaired, so that the offsets
    /// written are bytes of the input.
    pub repairs: &'a Repairs,
    /// Columns carried from the input row.
    pub carried: &'a Carried,
}

impl RowContext<'_> {
    /// The offset in the input of byte `at` of the scored text.
    #[inline]
    pub fn input_offset(&self, at: usize) -> usize {
        self.repairs.input_offset(self.offset + at)
    }
}

/// Renders rows to bytes. Each worker thread keeps one, and the bytes are
/// written in input order by a [`ReportWriter`]; rendering needs nothing
/// from the rows before it.
pub struct RowRenderer {
    format: Format,
    /// Reused buffer for the cues field.
    cues: String,
    /// CSV settings: CRLF line ends for Excel.
    dialect: Dialect,
}

impl RowRenderer {
    /// A renderer of rows in `format` (the caller picks the level by the
    /// method it calls).
    pub fn new(format: Format) -> RowRenderer {
        RowRenderer {
            format,
            cues: String::new(),
            dialect: Dialect::CSV,
        }
    }

    /// With `excel`, CSV lines end in CRLF, as Excel expects.
    pub fn excel(mut self, excel: bool) -> RowRenderer {
        self.dialect = if excel { Dialect::EXCEL } else { Dialect::CSV };
        self
    }

    fn json_row<T: Serialize>(&self, row: &T, out: &mut Vec<u8>) {
        if self.format == Format::Json {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut *out, row).expect("JSON into memory");
        if self.format == Format::Jsonl {
            out.push(b'\n');
        }
    }

    /// Renders one article row. `status` replaces the computed status (for
    /// a table row with no text to score).
    pub fn render_article(
        &mut self,
        report: &ArticleReport,
        status_override: Option<&str>,
        carried: &Carried,
        out: &mut Vec<u8>,
    ) {
        let status = status_override.unwrap_or(status(report));
        match self.format {
            // HTML has no article rows: its summary table is written by crate::output::html.
            Format::Html => {}
            Format::Csv => {
                self.cues.clear();
                for (i, (cue, n)) in report.top_cues.iter().enumerate() {
                    if i > 0 {
                        self.cues.push_str("; ");
                    }
                    self.cues.push_str(cue);
                    self.cues.push(':');
                    push_uint_str(*n as u64, &mut self.cues);
                }
                let mut line = CsvLine::new(out, self.dialect);
                line.text(&report.id)
                    .text(report.date.as_deref().unwrap_or_default())
                    .text(status)
                    .uint(report.sentences)
                    .uint(report.words)
                    .uint(report.uncertain_sentences)
                    .fixed(report.uncertain_share());
                match report.certainty {
                    Some(c) => line.fixed(c),
                    None => line.text(""),
                };
                match report.min_certainty {
                    Some(c) => line.fixed(c),
                    None => line.text(""),
                };
                line.uint(report.hedges)
                    .uint(report.boosters)
                    .fixed(report.hedges_per_1000_words())
                    .fixed(report.boosters_per_1000_words());
                for &category in Category::COUNTED {
                    line.uint(report.category_count(category));
                }
                line.text(&self.cues)
                    .text(report.least_certain.as_deref().unwrap_or_default());
                for value in &carried.values {
                    line.text(&carried_field(value));
                }
                line.end();
            }
            Format::Json | Format::Jsonl => {
                let row = ArticleOut {
                    article: &report.id,
                    date: report.date.as_deref(),
                    status,
                    sentences: report.sentences,
                    words: report.words,
                    uncertain_sentences: report.uncertain_sentences,
                    uncertain_share: round(report.uncertain_share()),
                    certainty: report.certainty.map(round),
                    min_certainty: report.min_certainty.map(round),
                    hedges: report.hedges,
                    boosters: report.boosters,
                    hedges_per_1000_words: round(report.hedges_per_1000_words()),
                    boosters_per_1000_words: round(report.boosters_per_1000_words()),
                    by_category: Category::COUNTED
                        .iter()
                        .map(|c| (c.as_str().to_string(), report.category_count(*c).into()))
                        .collect(),
                    top_cues: report
                        .top_cues
                        .iter()
                        .map(|(cue, count)| TopCueOut { cue, count: *count })
                        .collect(),
                    least_certain: report.least_certain.as_deref(),
                    carried,
                };
                self.json_row(&row, out);
            }
            Format::Text => {
                let line = format!(
                    "{:<28} {:<10} {:>5} {:>6} {:>9} {:>9} {:>9}  {}\n",
                    shorten_start(&report.id, 28),
                    report.date.as_deref().unwrap_or("-"),
                    report.sentences,
                    report.words,
                    format!("{}/{}", report.uncertain_sentences, report.sentences),
                    report.certainty.map_or("-".into(), |c| format!("{c:.3}")),
                    report
                        .min_certainty
                        .map_or("-".into(), |c| format!("{c:.3}")),
                    shorten(report.least_certain.as_deref().unwrap_or(""), 80),
                );
                out.extend_from_slice(line.as_bytes());
            }
        }
    }

    /// Renders one row per sentence of `scored`, the scores of `text`.
    /// `first_number` is the 1-based number of its first sentence.
    pub fn render_sentences(
        &mut self,
        scorer: &Scorer,
        context: RowContext,
        text: &str,
        scored: &ScoredText,
        first_number: usize,
        out: &mut Vec<u8>,
    ) {
        for (i, sentence) in scored.sentences.iter().enumerate() {
            let cues = scored.cues_of(sentence);
            let count = |effect| cues.iter().filter(|c| c.effect == effect).count();
            let sentence_text = || fold_whitespace(&text[sentence.span.clone()]);
            let number = first_number + i;
            match self.format {
                // HTML sections are written by crate::output::html.
                Format::Html => {}
                Format::Csv => {
                    self.cues.clear();
                    push_cues(scorer, text, cues, &mut self.cues);
                    let mut line = CsvLine::new(out, self.dialect);
                    line.text(context.article)
                        .text(context.date.unwrap_or_default())
                        .uint(number)
                        .uint(context.input_offset(sentence.span.start))
                        .uint(context.input_offset(sentence.span.end))
                        .fixed(sentence.certainty)
                        .text(label(sentence))
                        .uint(count(Effect::Hedge))
                        .uint(count(Effect::Boost))
                        .fixed(sentence.hedge)
                        .fixed(sentence.boost)
                        .text(&self.cues)
                        .folded(&text[sentence.span.clone()]);
                    for value in &context.carried.values {
                        line.text(&carried_field(value));
                    }
                    line.end();
                }
                Format::Json | Format::Jsonl => {
                    let row = SentenceOut {
                        article: context.article,
                        date: context.date,
                        sentence: number,
                        start: context.input_offset(sentence.span.start),
                        end: context.input_offset(sentence.span.end),
                        certainty: round(sentence.certainty),
                        label: label(sentence),
                        hedges: count(Effect::Hedge),
                        boosters: count(Effect::Boost),
                        hedge_weight: round(sentence.hedge),
                        booster_weight: round(sentence.boost),
                        cues: cues
                            .iter()
                            .map(|c| cue_out(scorer, text, |at| context.input_offset(at), c))
                            .collect(),
                        text: sentence_text(),
                        carried: context.carried,
                    };
                    self.json_row(&row, out);
                }
                Format::Text => {
                    let cues = cues_field(scorer, text, cues);
                    let line = format!(
                        "{:<28} {:>4} {:>9.3} {:<9}  {}{}\n",
                        shorten_start(context.article, 28),
                        number,
                        sentence.certainty,
                        label(sentence),
                        sentence_text(),
                        if cues.is_empty() {
                            String::new()
                        } else {
                            format!("  [{cues}]")
                        }
                    );
                    out.extend_from_slice(line.as_bytes());
                }
            }
        }
    }
}

/// Writes rendered rows in order, with the header, JSON brackets and
/// separators around them.
pub struct ReportWriter<W: Write> {
    format: Format,
    level: Level,
    out: W,
    carried: Arc<[String]>,
    excel: bool,
    started: bool,
    /// True until the first JSON row, whose leading comma is dropped.
    first_json_row: bool,
}

impl<W: Write> ReportWriter<W> {
    /// A writer of `level` rows in `format` to `out`.
    pub fn new(out: W, format: Format, level: Level) -> ReportWriter<W> {
        ReportWriter {
            format,
            level,
            out,
            carried: Arc::from(Vec::new()),
            excel: false,
            started: false,
            first_json_row: true,
        }
    }

    /// With `excel`, CSV starts with a UTF-8 byte order mark and its lines
    /// end in CRLF, so Excel opens it with the right encoding.
    pub fn excel(mut self, excel: bool) -> ReportWriter<W> {
        self.excel = excel;
        self
    }

    /// Names the carried columns, appended to the CSV header. Takes effect
    /// only before the first row.
    pub fn set_carried_columns(&mut self, columns: &Arc<[String]>) {
        if !self.started {
            self.carried = columns.clone();
        }
    }

    fn start(&mut self) -> Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let columns: &[&str] = match self.level {
            Level::Article => &ARTICLE_COLUMNS,
            Level::Sentence => &SENTENCE_COLUMNS,
        };
        let header = match self.format {
            Format::Csv => {
                let dialect = if self.excel {
                    Dialect::EXCEL
                } else {
                    Dialect::CSV
                };
                let mut header = Vec::new();
                if dialect.bom {
                    header.extend_from_slice("\u{feff}".as_bytes());
                }
                let names = columns
                    .iter()
                    .copied()
                    .chain(self.carried.iter().map(String::as_str));
                csv::push_record(names, dialect, &mut header);
                header
            }
            Format::Json => b"[".to_vec(),
            Format::Jsonl => Vec::new(),
            Format::Html => {
                let mut start = Vec::new();
                crate::output::html::document_start("hedgescore report", &mut start);
                start
            }
            Format::Text => match self.level {
                Level::Article => format!(
                    "{:<28} {:<10} {:>5} {:>6} {:>9} {:>9} {:>9}  {}\n",
                    "article",
                    "date",
                    "sent",
                    "words",
                    "uncertain",
                    "certainty",
                    "lowest",
                    "least certain sentence"
                ),
                Level::Sentence => format!(
                    "{:<28} {:>4} {:>9} {:<9}  {}\n",
                    "article", "#", "certainty", "label", "text  [cues]"
                ),
            }
            .into_bytes(),
        };
        self.out.write_all(&header).map_err(io_error)
    }

    /// Writes rows rendered by a [`RowRenderer`] of the same format and level.
    pub fn write_rendered(&mut self, rows: &[u8]) -> Result<()> {
        self.start()?;
        let mut rows = rows;
        if self.format == Format::Json && self.first_json_row && !rows.is_empty() {
            rows = rows.strip_prefix(b",").unwrap_or(rows);
            self.first_json_row = false;
        }
        self.out.write_all(rows).map_err(io_error)
    }

    /// Flushes written rows to the output (for streaming).
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(io_error)
    }

    /// Ends the output (the header if there were no rows, the closing
    /// bracket of a JSON array) and flushes it, reporting any error.
    pub fn finish(mut self) -> Result<W> {
        self.start()?;
        if self.format == Format::Json {
            self.out.write_all(b"\n]\n").map_err(io_error)?;
        }
        self.out.flush().map_err(io_error)?;
        Ok(self.out)
    }
}

fn effect_name(effect: Effect) -> &'static str {
    match effect {
        Effect::Hedge => "hedge",
        Effect::Boost => "boost",
    }
}

/// Cues as one field: `text(category weight)` joined by `; `, with the
/// flip shown for a negated cue, e.g.
/// `could(modal 1); not certain(booster→hedge 1)`.
pub fn cues_field(scorer: &Scorer, body: &str, cues: &[crate::scoring::CueMatch]) -> String {
    let mut field = String::new();
    push_cues(scorer, body, cues, &mut field);
    field
}

fn push_cues(scorer: &Scorer, body: &str, cues: &[crate::scoring::CueMatch], field: &mut String) {
    for cue in cues {
        if !field.is_empty() {
            field.push_str("; ");
        }
        let entry = scorer.lexicon().cue(cue.cue);
        let flipped = match (entry.category, cue.effect) {
            (Category::Booster, Effect::Hedge) => "→hedge",
            (c, Effect::Boost) if c != Category::Booster => "→booster",
            _ => "",
        };
        fold_pieces(&body[cue.span.clone()], |piece| field.push_str(piece));
        field.push('(');
        field.push_str(entry.category.as_str());
        field.push_str(flipped);
        field.push(' ');
        push_weight(cue.weight, field);
        field.push(')');
    }
}

/// Cuts text to `width` characters, marking the cut with "…".
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Cuts text to `width` characters from the start, keeping its end (the
/// file name of a path), marking the cut with "…".
fn shorten_start(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_string();
    }
    let mut cut = String::from('…');
    cut.extend(text.chars().skip(count - width + 1));
    cut
}

fn io_error(e: std::io::Error) -> Error {
    Error::io(None, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_names_table() {
        // (input columns, output names)
        let table: &[(&[&str], &[&str])] = &[
            (&["outlet", "year"], &["outlet", "year"]),
            (&["date", "cues"], &["input_date", "input_cues"]),
            (&["by_category"], &["input_by_category"]),
            (
                &["article", "input_article"],
                &["input_article_2", "input_article"],
            ),
            (
                &["input_article", "article"],
                &["input_article", "input_article_2"],
            ),
            (&["src", "src", "src_2"], &["src", "src_3", "src_2"]),
            (
                &["article", "article"],
                &["input_article", "input_article_2"],
            ),
        ];
        for (input, expected) in table {
            let input: Vec<String> = input.iter().map(|s| s.to_string()).collect();
            assert_eq!(carried_names(&input), *expected, "{input:?}");
        }
    }

    /// The clash check knows every key a row can have: a new field in a
    /// row struct must be added to the columns or to `JSON_ONLY_KEYS`.
    #[test]
    fn every_json_key_is_an_own_column() {
        let scorer = Scorer::english();
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
        let mut renderer = RowRenderer::new(Format::Jsonl);
        let mut rows = Vec::new();
        renderer.render_article(&report, None, &carried, &mut rows);
        renderer.render_sentences(&scorer, context, text, &scored, 1, &mut rows);
        for row in String::from_utf8(rows).unwrap().lines() {
            let row: serde_json::Map<String, Value> = serde_json::from_str(row).unwrap();
            for key in row.keys() {
                assert!(is_own_column(key), "{key} is not an own column");
            }
        }
    }
}
