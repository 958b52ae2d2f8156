//! Groups of articles: rows that sum the articles sharing a value of some
//! carried columns, the folder they came from, or the period of their date,
//! each with 95% confidence intervals; and a whole-run row of every article.
//!
//! A [`Grouper`] sees every article's report once, in input order, and
//! keeps one [`Tally`] of running sums per group: memory grows with the
//! number of groups, never with the number of articles. Its
//! [`GroupTable`] is what the output formats write ([`interval`] says how
//! the intervals are made, and why).
//!
//! ```
//! use hedgescore::groups::{GroupSpec, Grouper};
//! use hedgescore::date::Period;
//! use hedgescore::{Article, ArticleReport, Category, ScoredText, Scorer};
//!
//! let scorer = Scorer::english();
//! let spec = GroupSpec { keys: vec![], period: Some(Period::Month) };
//! let mut grouper = Grouper::new(spec, Category::COUNTED);
//! for (name, text) in [("a", "date 2024-01-05 It may rain."), ("b", "date 2024-02-01 It rains.")] {
//!     let article = Article::new(name, text);
//!     let mut scored = ScoredText::default();
//!     scorer.score_text(article.body(), &mut scored);
//!     let report = ArticleReport::new(&scorer, &article, &scored);
//!     grouper.add(&report, &[], &[], name).unwrap();
//! }
//! let table = grouper.finish();
//! let labels: Vec<&str> = table.groups.iter().map(|g| g.label.as_str()).collect();
//! assert_eq!(labels, ["2024-01", "2024-02"]);
//! assert_eq!(table.all.tally.articles, 2);
//! ```

pub mod interval;
mod key;
mod tally;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::date::{Date, Period};
use crate::error::{Error, Result};
use crate::lexicon::Category;
use crate::report::ArticleReport;
pub use interval::Estimate;
pub use key::{KeyValue, MISSING, NO_DATE};
pub use tally::{Figures, Tally};

/// The name that groups articles by the folder of their input.
pub const FOLDER: &str = "folder";

/// The column of a group row that holds the period.
pub const PERIOD_COLUMN: &str = "period";

/// What articles are grouped by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupSpec {
    /// Carried columns (by their output name) or [`FOLDER`], in order.
    pub keys: Vec<String>,
    /// The period of the article's date, if any.
    pub period: Option<Period>,
}

impl GroupSpec {
    /// True when it makes more than the whole-run group.
    pub fn groups(&self) -> bool {
        !self.keys.is_empty() || self.period.is_some()
    }

    /// The names of the key columns of group rows: the keys as given, then
    /// [`PERIOD_COLUMN`]. A key named like one of a group row's own
    /// columns (`own`) is written `input_` and its name.
    pub fn column_names(&self, own: &[String]) -> Vec<String> {
        let keys = self.keys.iter().map(|key| {
            if own.contains(key) {
                format!("input_{key}")
            } else {
                key.clone()
            }
        });
        let period = self.period.map(|_| PERIOD_COLUMN.to_string());
        keys.chain(period).collect()
    }
}

/// Where a key's value comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    Carried(usize),
    Folder,
}

/// One group: its key, its name and its sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// One value per key column (the period last).
    pub key: Vec<KeyValue>,
    /// The key's values joined for people: `Outlet A · 2024-03`; `all` for
    /// the whole run.
    pub label: String,
    /// The sums of its articles.
    pub tally: Tally,
}

/// The groups of a run, in the order of their keys, and the whole run.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTable {
    /// The spec the groups were made by.
    pub spec: GroupSpec,
    /// The categories each tally counts, in order.
    pub categories: Arc<[Category]>,
    /// The groups, sorted by key.
    pub groups: Vec<Group>,
    /// Every article as one group.
    pub all: Group,
}

/// The label of the whole-run group.
pub const ALL: &str = "all";

/// Adds articles to their groups.
#[derive(Debug)]
pub struct Grouper {
    spec: GroupSpec,
    categories: Arc<[Category]>,
    /// Where each key comes from, found at the first article.
    sources: Option<Vec<Source>>,
    groups: BTreeMap<Vec<KeyValue>, Tally>,
    all: Tally,
    /// Dates that name no day of the calendar (`2023-02-30`), with the first.
    bad_dates: (u64, Option<(String, String)>),
}

impl Grouper {
    /// A grouper by `spec`, counting `categories` cues.
    pub fn new(spec: GroupSpec, categories: &[Category]) -> Grouper {
        Grouper {
            spec,
            categories: categories.into(),
            sources: None,
            groups: BTreeMap::new(),
            all: Tally::new(categories.len()),
            bad_dates: (0, None),
        }
    }

    /// Finds the keys among the run's carried columns, `names`, once: a
    /// key that is neither a carried column nor [`FOLDER`] is a usage
    /// error. [`add`](Grouper::add) calls it at the first article; a run
    /// calls it before it writes anything.
    pub fn columns(&mut self, names: &[String]) -> Result<()> {
        if self.sources.is_none() {
            self.sources = Some(resolve(&self.spec.keys, names)?);
        }
        Ok(())
    }

    /// Adds an article of the input `input`, with carried columns named
    /// `names` holding `values` (the run's columns, the same for every
    /// article).
    pub fn add(
        &mut self,
        report: &ArticleReport,
        names: &[String],
        values: &[Value],
        input: &str,
    ) -> Result<()> {
        self.columns(names)?;
        self.all.add(report, &self.categories);
        if !self.spec.groups() {
            return Ok(());
        }
        let sources = self.sources.as_deref().unwrap_or_default();
        let mut key: Vec<KeyValue> = sources
            .iter()
            .map(|source| match *source {
                Source::Carried(i) => KeyValue::of(values.get(i).unwrap_or(&Value::Null)),
                Source::Folder => KeyValue::Value(Value::String(folder(input))),
            })
            .collect();
        if let Some(period) = self.spec.period {
            key.push(self.period_key(report, period));
        }
        let categories = self.categories.len();
        self.groups
            .entry(key)
            .or_insert_with(|| Tally::new(categories))
            .add(report, &self.categories);
        Ok(())
    }

    fn period_key(&mut self, report: &ArticleReport, period: Period) -> KeyValue {
        let Some(text) = report.date.as_deref() else {
            return KeyValue::NoDate;
        };
        match Date::parse(text) {
            Some(date) => KeyValue::Period(date.period(period)),
            None => {
                self.bad_dates.0 += 1;
                self.bad_dates
                    .1
                    .get_or_insert_with(|| (report.id.clone(), text.to_string()));
                KeyValue::NoDate
            }
        }
    }

    /// Dates that name no day of the calendar, put in the no-date group:
    /// how many, and the first (its article and its text).
    pub fn bad_dates(&self) -> (u64, Option<&(String, String)>) {
        (self.bad_dates.0, self.bad_dates.1.as_ref())
    }

    /// The groups, sorted by key, and the whole run.
    pub fn finish(self) -> GroupTable {
        let groups = self
            .groups
            .into_iter()
            .map(|(key, tally)| Group {
                label: label(&key),
                key,
                tally,
            })
            .collect();
        let width = self.spec.keys.len() + usize::from(self.spec.period.is_some());
        GroupTable {
            spec: self.spec,
            categories: self.categories,
            groups,
            all: Group {
                key: vec![KeyValue::Missing; width],
                label: ALL.to_string(),
                tally: self.all,
            },
        }
    }
}

/// Where each key's values come from, among carried columns `names`: the
/// column of that name, or of that name renamed (`input_date` for `date`),
/// or else the folder for [`FOLDER`].
fn resolve(keys: &[String], names: &[String]) -> Result<Vec<Source>> {
    keys.iter()
        .map(|key| {
            let renamed = format!("input_{key}");
            let place = names
                .iter()
                .position(|n| n == key)
                .or_else(|| names.iter().position(|n| *n == renamed));
            match place {
                Some(i) => Ok(Source::Carried(i)),
                None if key == FOLDER => Ok(Source::Folder),
                None => Err(unknown_key(key, names)),
            }
        })
        .collect()
}

fn unknown_key(key: &str, names: &[String]) -> Error {
    let known = if names.is_empty() {
        "the inputs have no columns to group by (only tables do: CSV, TSV, JSON lines)".to_string()
    } else {
        format!("the columns are: {}", names.join(", "))
    };
    Error::usage(format!(
        "--group-by {key}: there is no column {key}; {known}; `{FOLDER}` groups by each input's folder"
    ))
}

/// The folder of an input, as named: `.` for a file named without one,
/// `-` for standard input.
fn folder(input: &str) -> String {
    if input == "-" {
        return input.to_string();
    }
    match Path::new(input).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_string_lossy().into_owned(),
        _ => ".".to_string(),
    }
}

fn label(key: &[KeyValue]) -> String {
    key.iter()
        .map(KeyValue::label)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests;
