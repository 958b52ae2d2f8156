//! Output formats: CSV for spreadsheets, JSON and JSON lines for programs,
//! and a plain table for people.
//!
//! Numbers are written with a fixed precision ([`DECIMALS`] places, a point
//! as the decimal separator, whatever the locale), so that outputs compare
//! byte for byte and open the same way in every spreadsheet.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::lexicon::Category;
use crate::report::{Article, ArticleReport, fold_whitespace};
use crate::scoring::{Effect, ScoredText, Scorer, Sentence};

/// Decimal places of every fractional number in the output.
pub const DECIMALS: usize = 4;

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
}

/// Whether rows are articles or sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One row per article.
    Article,
    /// One row per sentence.
    Sentence,
}

/// The categories that get a count column in article rows: those a cue
/// can count in (negators and neutral entries never do).
const COUNTED_CATEGORIES: [Category; 8] = [
    Category::Modal,
    Category::Verb,
    Category::Adjective,
    Category::Adverb,
    Category::Approximator,
    Category::VagueSource,
    Category::Conditional,
    Category::Booster,
];

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

fn number(x: f64) -> String {
    format!("{x:.DECIMALS$}")
}

fn optional_number(x: Option<f64>) -> String {
    x.map(number).unwrap_or_default()
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
}

/// Rounds to the output precision so JSON shows the same figures as CSV.
fn round(x: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS as i32);
    (x * scale).round() / scale
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

/// Writes article or sentence rows in one format.
pub struct ReportWriter<W: Write> {
    format: Format,
    level: Level,
    csv: Option<csv::Writer<W>>,
    out: Option<W>,
    rows: usize,
}

impl<W: Write> ReportWriter<W> {
    /// A writer of `level` rows in `format` to `out`.
    pub fn new(out: W, format: Format, level: Level) -> ReportWriter<W> {
        let (csv, out) = match format {
            Format::Csv => (Some(csv::Writer::from_writer(out)), None),
            _ => (None, Some(out)),
        };
        ReportWriter {
            format,
            level,
            csv,
            out,
            rows: 0,
        }
    }

    /// The row level this writer was made for.
    pub fn level(&self) -> Level {
        self.level
    }

    fn header(&mut self) -> Result<()> {
        let columns: &[&str] = match self.level {
            Level::Article => &ARTICLE_COLUMNS,
            Level::Sentence => &SENTENCE_COLUMNS,
        };
        match self.format {
            Format::Csv => self.csv_writer().write_record(columns).map_err(csv_error),
            Format::Json => self.raw().write_all(b"[\n").map_err(io_error),
            Format::Text => {
                let line = match self.level {
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
                };
                self.raw().write_all(line.as_bytes()).map_err(io_error)
            }
            Format::Jsonl => Ok(()),
        }
    }

    fn begin_row(&mut self) -> Result<()> {
        if self.rows == 0 {
            self.header()?;
        } else if self.format == Format::Json {
            self.raw().write_all(b",\n").map_err(io_error)?;
        }
        self.rows += 1;
        Ok(())
    }

    fn raw(&mut self) -> &mut W {
        self.out
            .as_mut()
            .expect("non-CSV formats keep the raw writer")
    }

    fn csv_writer(&mut self) -> &mut csv::Writer<W> {
        self.csv
            .as_mut()
            .expect("the CSV format keeps a CSV writer")
    }

    fn json_row<T: Serialize>(&mut self, row: &T) -> Result<()> {
        let out = self.raw();
        serde_json::to_writer(&mut *out, row).map_err(|e| io_error(e.into()))?;
        if self.format == Format::Jsonl {
            self.raw().write_all(b"\n").map_err(io_error)?;
        }
        Ok(())
    }

    /// Writes one article row.
    pub fn write_article(&mut self, report: &ArticleReport) -> Result<()> {
        self.begin_row()?;
        match self.format {
            Format::Csv => {
                let mut record: Vec<String> = vec![
                    report.id.clone(),
                    report.date.clone().unwrap_or_default(),
                    status(report).to_string(),
                    report.sentences.to_string(),
                    report.words.to_string(),
                    report.uncertain_sentences.to_string(),
                    number(report.uncertain_share()),
                    optional_number(report.certainty),
                    optional_number(report.min_certainty),
                    report.hedges.to_string(),
                    report.boosters.to_string(),
                    number(report.hedges_per_1000_words()),
                    number(report.boosters_per_1000_words()),
                ];
                record.extend(
                    COUNTED_CATEGORIES
                        .iter()
                        .map(|c| report.category_count(*c).to_string()),
                );
                record.push(top_cues_field(report));
                record.push(report.least_certain.clone().unwrap_or_default());
                self.csv_writer().write_record(&record).map_err(csv_error)
            }
            Format::Json | Format::Jsonl => {
                let row = ArticleOut {
                    article: &report.id,
                    date: report.date.as_deref(),
                    status: status(report),
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
                    by_category: COUNTED_CATEGORIES
                        .iter()
                        .map(|c| (c.as_str().to_string(), report.category_count(*c).into()))
                        .collect(),
                    top_cues: report
                        .top_cues
                        .iter()
                        .map(|(cue, count)| TopCueOut { cue, count: *count })
                        .collect(),
                    least_certain: report.least_certain.as_deref(),
                };
                self.json_row(&row)
            }
            Format::Text => {
                let line = format!(
                    "{:<28} {:<10} {:>5} {:>6} {:>9} {:>9} {:>9}  {}\n",
                    shorten(&report.id, 28),
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
                self.raw().write_all(line.as_bytes()).map_err(io_error)
            }
        }
    }

    /// Writes one row per sentence of a scored article. `first_number` is
    /// the 1-based number of its first sentence (line numbers in `--lines`
    /// mode).
    pub fn write_sentences(
        &mut self,
        scorer: &Scorer,
        article: &Article,
        scored: &ScoredText,
        first_number: usize,
    ) -> Result<()> {
        let body = article.body();
        let offset = article.body_offset();
        for (i, sentence) in scored.sentences.iter().enumerate() {
            self.begin_row()?;
            let cues = scored.cues_of(sentence);
            let count = |effect| cues.iter().filter(|c| c.effect == effect).count();
            let text = fold_whitespace(&body[sentence.span.clone()]);
            let number = first_number + i;
            match self.format {
                Format::Csv => {
                    let record = [
                        article.id().to_string(),
                        article.date().unwrap_or_default().to_string(),
                        number.to_string(),
                        (offset + sentence.span.start).to_string(),
                        (offset + sentence.span.end).to_string(),
                        self::number(sentence.certainty),
                        label(sentence).to_string(),
                        count(Effect::Hedge).to_string(),
                        count(Effect::Boost).to_string(),
                        self::number(sentence.hedge),
                        self::number(sentence.boost),
                        cues_field(scorer, body, cues),
                        text,
                    ];
                    self.csv_writer().write_record(&record).map_err(csv_error)?;
                }
                Format::Json | Format::Jsonl => {
                    let row = SentenceOut {
                        article: article.id(),
                        date: article.date(),
                        sentence: number,
                        start: offset + sentence.span.start,
                        end: offset + sentence.span.end,
                        certainty: round(sentence.certainty),
                        label: label(sentence),
                        hedges: count(Effect::Hedge),
                        boosters: count(Effect::Boost),
                        hedge_weight: round(sentence.hedge),
                        booster_weight: round(sentence.boost),
                        cues: cues
                            .iter()
                            .map(|c| {
                                let entry = scorer.lexicon().cue(c.cue);
                                CueOut {
                                    text: fold_whitespace(&body[c.span.clone()]),
                                    cue: entry.display_text(),
                                    category: entry.category.as_str(),
                                    weight: c.weight,
                                    effect: effect_name(c.effect),
                                    negated: c.negated,
                                    start: offset + c.span.start,
                                    end: offset + c.span.end,
                                }
                            })
                            .collect(),
                        text,
                    };
                    self.json_row(&row)?;
                }
                Format::Text => {
                    let cues = cues_field(scorer, body, cues);
                    let line = format!(
                        "{:<28} {:>4} {:>9.3} {:<9}  {}{}\n",
                        shorten(article.id(), 28),
                        number,
                        sentence.certainty,
                        label(sentence),
                        text,
                        if cues.is_empty() {
                            String::new()
                        } else {
                            format!("  [{cues}]")
                        }
                    );
                    self.raw().write_all(line.as_bytes()).map_err(io_error)?;
                }
            }
        }
        Ok(())
    }

    /// Flushes buffered rows without closing the output (for streaming).
    pub fn flush(&mut self) -> Result<()> {
        match &mut self.csv {
            Some(csv) => csv.flush().map_err(io_error),
            None => self.raw().flush().map_err(io_error),
        }
    }

    /// Ends the output (closing a JSON array, writing the CSV header when
    /// there were no rows) and flushes it; errors are reported, not lost.
    pub fn finish(mut self) -> Result<W> {
        if self.rows == 0 && self.format != Format::Jsonl {
            self.header()?;
        }
        if self.format == Format::Json {
            self.raw().write_all(b"\n]\n").map_err(io_error)?;
        }
        match self.csv.take() {
            Some(csv) => csv.into_inner().map_err(|e| io_error(e.into_error())),
            None => {
                let mut out = self.out.take().expect("raw writer");
                out.flush().map_err(io_error)?;
                Ok(out)
            }
        }
    }
}

fn effect_name(effect: Effect) -> &'static str {
    match effect {
        Effect::Hedge => "hedge",
        Effect::Boost => "boost",
    }
}

/// Cues as one field: `text(category weight)` joined by `; `, with `not `
/// before a negated one, e.g. `could(modal 1); not certain(booster→hedge 1)`.
pub fn cues_field(scorer: &Scorer, body: &str, cues: &[crate::scoring::CueMatch]) -> String {
    let mut field = String::new();
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
        field.push_str(&format!(
            "{}({}{} {})",
            fold_whitespace(&body[cue.span.clone()]),
            entry.category,
            flipped,
            cue.weight
        ));
    }
    field
}

fn top_cues_field(report: &ArticleReport) -> String {
    report
        .top_cues
        .iter()
        .map(|(cue, n)| format!("{cue}:{n}"))
        .collect::<Vec<_>>()
        .join("; ")
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

fn io_error(e: std::io::Error) -> Error {
    Error::io(None, e)
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        other => Error::input(None, None, format!("CSV output: {other:?}")),
    }
}
