//! The column schema: the one list of what article and sentence rows hold,
//! in order. A row hands its cells, typed ([`Cell`]), to a [`CellSink`],
//! one per format: CSV writes them as fields, JSON as keys, the text table
//! and the HTML summary pick the columns they show by name. A column added
//! in [`ArticleRow::visit`] or [`SentenceRow::visit`] reaches every format,
//! header included: the names of a header are those an empty row visits.
//!
//! Nothing here formats or writes a value; the formats do.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;

use crate::groups::{Estimate, Group, KeyValue};
use crate::lexicon::{Category, Lexicon};
use crate::report::{ArticleReport, ReportBuilder};
use crate::scoring::{CueMatch, Effect, Scorer, Sentence};
use crate::text::utf8::Repairs;

/// Whether rows are articles, sentences or groups of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One row per article.
    Article,
    /// One row per sentence.
    Sentence,
    /// One row per group of articles, and one for the whole run.
    Group,
}

/// One value of a row, typed, for a format to write its own way.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text, written as it is.
    Text(&'a str),
    /// Text whose white space runs are written as single spaces.
    Folded(&'a str),
    /// A date, `YYYY-MM-DD`.
    Date(&'a str),
    /// A whole number.
    Count(usize),
    /// A fraction (written with [`DECIMALS`](super::DECIMALS) places).
    Number(f64),
    /// No value: an empty field, JSON `null`.
    Missing,
    /// A value carried from the input row as it was read.
    Value(&'a Value),
    /// The most frequent cues with their counts.
    TopCues(&'a [(String, usize)]),
    /// A sentence's cues.
    Cues(CueList<'a>),
}

/// The cues of one sentence, with what writing them needs.
#[derive(Debug, Clone, Copy)]
pub struct CueList<'a> {
    /// The lexicon the cues index.
    pub lexicon: &'a Lexicon,
    /// The scored text the cues' spans are in.
    pub text: &'a str,
    /// The cues.
    pub cues: &'a [CueMatch],
    /// Maps offsets in `text` to offsets in the input.
    pub context: RowContext<'a>,
}

/// Takes a row's cells in column order.
pub trait CellSink<'r> {
    /// The next cell, in the column `name`.
    fn cell(&mut self, name: &'r str, cell: Cell<'r>);

    /// The cells up to [`end_group`](CellSink::end_group) belong together
    /// under `name` (JSON writes them as one object); flat by default.
    fn begin_group(&mut self, _name: &'static str) {}

    /// Ends the group begun last.
    fn end_group(&mut self) {}
}

/// The columns of one run: the categories counted, from the scorer, the
/// measures asked for, and the columns carried from its first input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// The categories with a count column in article rows, in order.
    pub categories: Arc<[Category]>,
    /// Article rows hold the LIWC-style measures: words per sentence, the
    /// words the lexicon covers, and each category as a percentage of
    /// words.
    pub liwc_measures: bool,
    /// The output names of the carried columns.
    pub carried: Arc<[String]>,
    /// The key columns of group rows ([`GroupSpec::column_names`](crate::groups::GroupSpec::column_names)).
    pub group_keys: Arc<[String]>,
}

impl Schema {
    /// The schema of a run whose scorer counts `categories`, before any
    /// carried column is known.
    pub fn new(categories: &[Category]) -> Schema {
        Schema {
            categories: categories.into(),
            liwc_measures: false,
            carried: Arc::from(Vec::new()),
            group_keys: Arc::from(Vec::new()),
        }
    }

    /// The schema of a run whose scorer has `lexicon`: a count column for
    /// each category it counts ([`Lexicon::counted_categories`]), and the
    /// LIWC-style measures if asked for. A category named like another
    /// column (`words`, or `dictionary_words` with the measures) is an
    /// error, since a row cannot hold two columns of one name.
    pub fn for_lexicon(lexicon: &Lexicon, liwc_measures: bool) -> Result<Schema, String> {
        let schema = Schema {
            liwc_measures,
            ..Schema::new(&lexicon.counted_categories())
        };
        let mut seen = HashSet::new();
        for name in schema.names(Level::Article) {
            if !seen.insert(name.clone()) {
                return Err(format!(
                    "the category {name:?} has the name of another column of article rows; rename it in the dictionary or lexicon"
                ));
            }
        }
        Ok(schema)
    }

    /// The column names of rows at `level`, carried columns last, as a
    /// CSV header has them (a group's columns in its place).
    pub fn names(&self, level: Level) -> Vec<String> {
        self.empty_row_names(level).names
    }

    /// The names an empty row visits: its columns.
    fn empty_row_names(&self, level: Level) -> Names {
        let carried = Carried {
            columns: self.carried.clone(),
            values: vec![Value::Null; self.carried.len()],
        };
        let mut names = Names::default();
        match level {
            Level::Article => ArticleRow {
                report: &ReportBuilder::default().finish("", None),
                status: None,
                carried: &carried,
                categories: &self.categories,
                liwc_measures: self.liwc_measures,
                number: 0,
                input: "",
            }
            .visit(&mut names),
            Level::Group => GroupRow {
                group: &Group {
                    key: vec![KeyValue::Missing; self.group_keys.len()],
                    label: String::new(),
                    tally: crate::groups::Tally::new(self.categories.len()),
                },
                columns: &self.group_keys,
                categories: &self.categories,
            }
            .visit(&mut names),
            Level::Sentence => SentenceRow {
                lexicon: &Lexicon::new(),
                context: RowContext {
                    article: "",
                    date: None,
                    offset: 0,
                    repairs: &Repairs::default(),
                    carried: &carried,
                },
                text: "",
                sentence: &Sentence {
                    span: 0..0,
                    cues: 0..0,
                    hedge: 0.0,
                    boost: 0.0,
                    certainty: 0.0,
                    uncertain: false,
                },
                cues: &[],
                number: 0,
            }
            .visit(&mut names),
        }
        names
    }

    /// The output names of carried input columns, in their order: a name
    /// that is one of ours gets an `input_` prefix, and a name still taken
    /// (by another input column, or by an earlier column of the same name)
    /// a number, `input_article_2`, so that no row has two columns or keys
    /// of one name. A name that clashes with nothing is kept whatever the
    /// order of the columns, so an input's own `input_article` stays that.
    pub fn carried_names(&self, input: &[String]) -> Vec<String> {
        let own = self.own_names();
        let is_own = |name: &str| own.contains(name);
        let mut taken = HashSet::new();
        let kept: Vec<bool> = input
            .iter()
            .map(|name| !is_own(name) && taken.insert(name.clone()))
            .collect();
        // The next number to try for each base: a name repeated 40,000
        // times is numbered in linear time, not by trying 2, 3, ... anew.
        let mut next: HashMap<String, usize> = HashMap::new();
        input
            .iter()
            .zip(kept)
            .map(|(name, kept)| {
                if kept {
                    return name.clone();
                }
                let base = if is_own(name) {
                    format!("input_{name}")
                } else {
                    name.clone()
                };
                let n = next.entry(base.clone()).or_insert(2);
                let mut candidate = base.clone();
                while is_own(&candidate) || taken.contains(&candidate) {
                    candidate = format!("{base}_{n}");
                    *n += 1;
                }
                taken.insert(candidate.clone());
                candidate
            })
            .collect()
    }

    /// Every column and key of our own rows, at either level and in any
    /// format (a group's name is a JSON key).
    fn own_names(&self) -> HashSet<String> {
        let own = Schema {
            carried: Arc::from(Vec::new()),
            ..self.clone()
        };
        [Level::Article, Level::Sentence]
            .into_iter()
            .flat_map(|level| {
                let names = own.empty_row_names(level);
                let groups = names.groups.into_iter().map(str::to_string);
                names.names.into_iter().chain(groups)
            })
            .collect()
    }
}

/// The names a sink is handed, with the groups they come in.
#[derive(Default)]
struct Names {
    names: Vec<String>,
    groups: Vec<&'static str>,
}

impl<'r> CellSink<'r> for Names {
    fn cell(&mut self, name: &'r str, _cell: Cell<'r>) {
        self.names.push(name.to_string());
    }

    fn begin_group(&mut self, name: &'static str) {
        self.groups.push(name);
    }
}

/// A row's cells, collected to pick some of them by name (for the formats
/// that show a few columns).
#[derive(Debug, Default)]
pub struct NamedCells<'r> {
    cells: Vec<(&'r str, Cell<'r>)>,
}

impl<'r> CellSink<'r> for NamedCells<'r> {
    fn cell(&mut self, name: &'r str, cell: Cell<'r>) {
        self.cells.push((name, cell));
    }
}

impl<'r> NamedCells<'r> {
    /// The cell of the column `name`; missing if the row has none.
    pub fn get(&self, name: &str) -> Cell<'r> {
        self.cells
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(Cell::Missing, |(_, cell)| *cell)
    }
}

/// One article's row.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRow<'a> {
    /// The article's report.
    pub report: &'a ArticleReport,
    /// The status, when it is not the report's own ([`status`]): why a
    /// table row has no text to score.
    pub status: Option<&'a str>,
    /// Columns carried from the input row.
    pub carried: &'a Carried,
    /// The categories with a count column ([`Schema::categories`]).
    pub categories: &'a [Category],
    /// The row holds the LIWC-style measures ([`Schema::liwc_measures`]).
    pub liwc_measures: bool,
    /// The article's number in the run, from 1.
    pub number: u64,
    /// The name of the input it came from: a file as named, a table's
    /// file for a table row, `-` for standard input.
    pub input: &'a str,
}

impl ArticleRow<'_> {
    /// Hands the row's cells to `sink`, in column order: the schema of
    /// article rows.
    pub fn visit<'r>(&'r self, sink: &mut impl CellSink<'r>) {
        let r = self.report;
        sink.cell("article", Cell::Text(&r.id));
        sink.cell("date", r.date.as_deref().map_or(Cell::Missing, Cell::Date));
        sink.cell("status", Cell::Text(self.status.unwrap_or(status(r))));
        sink.cell("sentences", Cell::Count(r.sentences));
        sink.cell("words", Cell::Count(r.words));
        sink.cell("uncertain_sentences", Cell::Count(r.uncertain_sentences));
        sink.cell("uncertain_share", Cell::Number(r.uncertain_share()));
        sink.cell("certainty", r.certainty.map_or(Cell::Missing, Cell::Number));
        let lowest = r.min_certainty.map_or(Cell::Missing, Cell::Number);
        sink.cell("min_certainty", lowest);
        sink.cell("hedges", Cell::Count(r.hedges));
        sink.cell("boosters", Cell::Count(r.boosters));
        let hedges = Cell::Number(r.hedges_per_1000_words());
        sink.cell("hedges_per_1000_words", hedges);
        let boosters = Cell::Number(r.boosters_per_1000_words());
        sink.cell("boosters_per_1000_words", boosters);
        sink.begin_group("by_category");
        for &category in self.categories {
            let count = Cell::Count(r.category_count(category));
            sink.cell(category.as_str(), count);
        }
        sink.end_group();
        if self.liwc_measures {
            self.visit_measures(sink);
        }
        sink.cell("top_cues", Cell::TopCues(&r.top_cues));
        let least_certain = r.least_certain.as_deref();
        sink.cell(
            "least_certain",
            least_certain.map_or(Cell::Missing, Cell::Text),
        );
        self.carried.visit(sink);
    }
}

impl ArticleRow<'_> {
    /// The LIWC-style measures: words per sentence, the percentage of
    /// words the lexicon's cues cover, and each category's.
    fn visit_measures<'r>(&'r self, sink: &mut impl CellSink<'r>) {
        let r = self.report;
        sink.cell("words_per_sentence", Cell::Number(r.words_per_sentence()));
        sink.cell("dictionary_words_pct", Cell::Number(r.cue_word_percent()));
        for &category in self.categories {
            let percent = Cell::Number(r.category_percent(category));
            sink.cell(category.percent_column(), percent);
        }
    }
}

/// One sentence's row.
#[derive(Debug, Clone, Copy)]
pub struct SentenceRow<'a> {
    /// The lexicon the cues index.
    pub lexicon: &'a Lexicon,
    /// The article the sentence is from.
    pub context: RowContext<'a>,
    /// The scored text the sentence's span is in.
    pub text: &'a str,
    /// The sentence.
    pub sentence: &'a Sentence,
    /// Its cues.
    pub cues: &'a [CueMatch],
    /// Its number in its article, from 1.
    pub number: usize,
}

impl SentenceRow<'_> {
    /// Hands the row's cells to `sink`, in column order: the schema of
    /// sentence rows.
    pub fn visit<'r>(&'r self, sink: &mut impl CellSink<'r>) {
        let (sentence, context) = (self.sentence, &self.context);
        let count = |effect| self.cues.iter().filter(|c| c.effect == effect).count();
        sink.cell("article", Cell::Text(context.article));
        sink.cell("date", context.date.map_or(Cell::Missing, Cell::Date));
        sink.cell("sentence", Cell::Count(self.number));
        let span = &sentence.span;
        sink.cell("start", Cell::Count(context.input_offset(span.start)));
        sink.cell("end", Cell::Count(context.input_offset(span.end)));
        sink.cell("certainty", Cell::Number(sentence.certainty));
        sink.cell("label", Cell::Text(label(sentence)));
        sink.cell("hedges", Cell::Count(count(Effect::Hedge)));
        sink.cell("boosters", Cell::Count(count(Effect::Boost)));
        sink.cell("hedge_weight", Cell::Number(sentence.hedge));
        sink.cell("booster_weight", Cell::Number(sentence.boost));
        let cues = CueList {
            lexicon: self.lexicon,
            text: self.text,
            cues: self.cues,
            context: self.context,
        };
        sink.cell("cues", Cell::Cues(cues));
        sink.cell("text", Cell::Folded(&self.text[span.clone()]));
        context.carried.visit(sink);
    }
}

/// One group's row.
#[derive(Debug, Clone, Copy)]
pub struct GroupRow<'a> {
    /// The group.
    pub group: &'a Group,
    /// The names of its key columns ([`Schema::group_keys`]).
    pub columns: &'a [String],
    /// The categories with a rate column ([`Schema::categories`]).
    pub categories: &'a [Category],
}

impl GroupRow<'_> {
    /// Hands the row's cells to `sink`, in column order: the schema of
    /// group rows. Each figure with an interval is followed by its ends,
    /// `_low` and `_high`.
    pub fn visit<'r>(&'r self, sink: &mut impl CellSink<'r>) {
        let (group, tally) = (self.group, &self.group.tally);
        let figures = tally.figures();
        sink.cell("group", Cell::Text(&group.label));
        for (name, value) in self.columns.iter().zip(&group.key) {
            sink.cell(name, key_cell(value));
        }
        let count = |n: u64| Cell::Count(n as usize);
        sink.cell("articles", count(tally.articles));
        sink.cell("sentences", count(tally.sentences));
        sink.cell("words", count(tally.words));
        sink.cell("uncertain_sentences", count(tally.uncertain_sentences));
        let share = [
            "uncertain_share",
            "uncertain_share_low",
            "uncertain_share_high",
        ];
        estimate_cells(share, figures.uncertain_share, sink);
        let certainty = ["certainty", "certainty_low", "certainty_high"];
        estimate_cells(certainty, figures.certainty, sink);
        sink.cell("hedges", count(tally.hedges));
        sink.cell("boosters", count(tally.boosters));
        let hedges = [
            "hedges_per_1000_words",
            "hedges_per_1000_words_low",
            "hedges_per_1000_words_high",
        ];
        estimate_cells(hedges, figures.hedges_per_1000_words, sink);
        let boosters = Cell::Number(tally.per_1000_words(tally.boosters));
        sink.cell("boosters_per_1000_words", boosters);
        for (&category, &n) in self.categories.iter().zip(&tally.by_category) {
            sink.cell(
                category.rate_column(),
                Cell::Number(tally.per_1000_words(n)),
            );
        }
    }
}

/// An estimate's cells: its value, then its interval's ends.
fn estimate_cells<'r>(names: [&'static str; 3], estimate: Estimate, sink: &mut impl CellSink<'r>) {
    let number = |x: Option<f64>| x.map_or(Cell::Missing, Cell::Number);
    let (low, high) = estimate.interval.unzip();
    sink.cell(names[0], number(estimate.value));
    sink.cell(names[1], number(low));
    sink.cell(names[2], number(high));
}

fn key_cell(value: &KeyValue) -> Cell<'_> {
    match value {
        KeyValue::Value(value) => Cell::Value(value),
        KeyValue::Period(key) => Cell::Text(key),
        KeyValue::Missing => Cell::Missing,
        KeyValue::NoDate => Cell::Text(crate::groups::NO_DATE),
    }
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

impl Carried {
    /// About how many bytes the values take when written.
    pub fn weight(&self) -> usize {
        self.values
            .iter()
            .map(|value| match value {
                Value::String(s) => s.len(),
                _ => 16,
            })
            .sum()
    }

    /// Hands the values to `sink`, after a row's own cells.
    fn visit<'r>(&'r self, sink: &mut impl CellSink<'r>) {
        for (name, value) in self.columns.iter().zip(&self.values) {
            sink.cell(name, Cell::Value(value));
        }
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

/// Where a scored piece's sentences sit in the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The article's number in the run, from 1, the same for every
    /// piece of a long article: names may repeat (a table's id column,
    /// a file given twice), numbers do not.
    pub article: u64,
    /// The number of the piece's first sentence in its article, from 1.
    pub first_sentence: usize,
    /// True when the piece holds its whole article; false for each part
    /// of an article long enough to be scored in pieces, whose figures are
    /// the part's, not the article's.
    pub whole: bool,
}

/// A scored piece of an article (the whole article, or a part of a long
/// one), as the formats see it.
#[derive(Debug, Clone, Copy)]
pub struct ScoredPiece<'a> {
    /// The scorer that scored it.
    pub scorer: &'a Scorer,
    /// The article it is from.
    pub context: RowContext<'a>,
    /// The scored text.
    pub text: &'a str,
    /// Its scores.
    pub scored: &'a crate::scoring::ScoredText,
    /// Where it sits in the run.
    pub place: Place,
}

impl<'a> ScoredPiece<'a> {
    /// The rows of its sentences, numbered from its place's first.
    pub fn sentence_rows(self) -> impl Iterator<Item = SentenceRow<'a>> {
        let lexicon = self.scorer.lexicon();
        self.scored
            .sentences
            .iter()
            .enumerate()
            .map(move |(i, sentence)| SentenceRow {
                lexicon,
                context: self.context,
                text: self.text,
                sentence,
                cues: self.scored.cues_of(sentence),
                number: self.place.first_sentence + i,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        Schema::new(Category::COUNTED)
    }

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
            assert_eq!(schema().carried_names(&input), *expected, "{input:?}");
        }
    }

    #[test]
    fn names_are_the_columns_in_order_with_the_carried_last() {
        let schema = Schema {
            carried: Arc::from(vec!["outlet".to_string()]),
            ..schema()
        };
        assert_eq!(
            schema.names(Level::Sentence).join(","),
            "article,date,sentence,start,end,certainty,label,hedges,boosters,\
             hedge_weight,booster_weight,cues,text,outlet"
        );
        assert_eq!(
            schema.names(Level::Article).join(","),
            "article,date,status,sentences,words,uncertain_sentences,uncertain_share,\
             certainty,min_certainty,hedges,boosters,hedges_per_1000_words,\
             boosters_per_1000_words,modal,verb,adjective,adverb,approximator,\
             vague_source,conditional,booster,top_cues,least_certain,outlet"
        );
    }

    #[test]
    fn the_default_lexicon_counts_the_eight_built_in_categories() {
        let schema = Schema::for_lexicon(&Lexicon::english(), false).unwrap();
        assert_eq!(schema, Schema::new(Category::COUNTED));
    }

    #[test]
    fn a_dictionary_adds_its_categories_and_the_measures_a_percentage_each() {
        let mut lexicon = Lexicon::english();
        lexicon
            .add_text(
                "mine.dic",
                "%\n1\tcolumns_a\n2\tcolumns_b\n%\nperhaps\t1\t2\n",
            )
            .unwrap();
        let names = |measures| {
            let schema = Schema::for_lexicon(&lexicon, measures).unwrap();
            let names = schema.names(Level::Article);
            let from = names.iter().position(|n| n == "booster").unwrap();
            names[from..].join(",")
        };
        assert_eq!(
            names(false),
            "booster,columns_a,columns_b,top_cues,least_certain"
        );
        assert_eq!(
            names(true),
            "booster,columns_a,columns_b,words_per_sentence,dictionary_words_pct,modal_pct,\
             verb_pct,adjective_pct,adverb_pct,approximator_pct,vague_source_pct,\
             conditional_pct,booster_pct,columns_a_pct,columns_b_pct,top_cues,least_certain"
        );
    }

    #[test]
    fn a_category_named_like_another_column_is_an_error() {
        // (category, with the measures: an error?)
        let table = [
            ("words", false, true),
            ("certainty", false, true),
            ("dictionary_words", false, false),
            ("dictionary_words", true, true),
            ("words_per", true, false),
        ];
        for (name, measures, clash) in table {
            let mut lexicon = Lexicon::new();
            let dic = format!("%\n1\t{name}\n%\nperhaps\t1\n");
            lexicon.add_text("mine.dic", &dic).unwrap();
            let result = Schema::for_lexicon(&lexicon, measures);
            assert_eq!(result.is_err(), clash, "{name} {measures}: {result:?}");
        }
    }
}
