//! The summary table of the HTML report: one row per article, some of the
//! schema's columns picked by name ([`SUMMARY`]), each article's name
//! linking to its section. It is written after the sections, as it needs
//! every article, but shown first (see the report's stylesheet).

use super::markup::{escape, plural, put, section_id};
use crate::output::columns::{ArticleRow, Cell, NamedCells};

/// Characters of the least certain sentence shown in the summary table;
/// the whole sentence is in the cell's title.
const SUMMARY_SENTENCE_CHARS: usize = 160;

/// One column of the summary table.
struct Column {
    /// The schema's column shown.
    name: &'static str,
    heading: &'static str,
    /// The heading's tooltip.
    title: Option<&'static str>,
    show: Show,
}

/// How a value is shown, and with it the cell's class.
#[derive(Clone, Copy, PartialEq)]
enum Show {
    /// The article's name, linking to its section.
    Link,
    Date,
    Count,
    /// A share as a whole percentage.
    Percent,
    /// A fraction with this many places.
    Places(usize),
    /// Cues with their counts, `could ×2`.
    TopCues,
    /// A sentence, cut at [`SUMMARY_SENTENCE_CHARS`].
    Quote,
}

impl Show {
    /// The cell's class, and whether the heading is numeric too.
    fn class(self) -> (&'static str, bool) {
        match self {
            Show::Link => ("article", false),
            Show::Date => ("date", false),
            Show::Count | Show::Percent | Show::Places(_) => ("n", true),
            Show::TopCues => ("cues", false),
            Show::Quote => ("quote", false),
        }
    }
}

const fn column(name: &'static str, heading: &'static str, show: Show) -> Column {
    Column {
        name,
        heading,
        title: None,
        show,
    }
}

/// The columns of the summary table.
const SUMMARY: &[Column] = &[
    column("article", "article", Show::Link),
    column("date", "date", Show::Date),
    column("sentences", "sentences", Show::Count),
    column("words", "words", Show::Count),
    column("uncertain_sentences", "uncertain", Show::Count),
    column("uncertain_share", "share", Show::Percent),
    column("certainty", "certainty", Show::Places(3)),
    column("min_certainty", "lowest", Show::Places(3)),
    Column {
        title: Some("hedges per 1,000 words"),
        ..column("hedges_per_1000_words", "hedges /1k", Show::Places(1))
    },
    Column {
        title: Some("boosters per 1,000 words"),
        ..column("boosters_per_1000_words", "boosters /1k", Show::Places(1))
    },
    column("top_cues", "top cues", Show::TopCues),
    column("least_certain", "least certain sentence", Show::Quote),
];

/// Totals of the articles in the table, for its caption.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Totals {
    pub(super) articles: usize,
    pub(super) sentences: usize,
    pub(super) uncertain: usize,
}

impl Totals {
    /// Adds an article's row.
    pub(super) fn add(&mut self, row: &ArticleRow) {
        self.articles += 1;
        self.sentences += row.report.sentences;
        self.uncertain += row.report.uncertain_sentences;
    }
}

/// The table's opening, caption and headings.
pub(super) fn table_start(totals: Totals, out: &mut Vec<u8>) {
    let Totals {
        articles,
        sentences,
        uncertain,
    } = totals;
    put(
        out,
        format_args!(
            "<section class=\"summary\" id=\"summary\">\n<div class=\"table-wrap\">\n<table>\n\
             <caption>Summary: {articles} article{ap}, {sentences} sentence{sp}, {uncertain} uncertain</caption>\n\
             <thead><tr>",
            ap = plural(articles),
            sp = plural(sentences),
        ),
    );
    for column in SUMMARY {
        out.extend_from_slice(b"<th scope=\"col\"");
        if column.show.class().1 {
            out.extend_from_slice(b" class=\"n\"");
        }
        if let Some(title) = column.title {
            put(out, format_args!(" title=\"{title}\""));
        }
        put(out, format_args!(">{}</th>", column.heading));
    }
    out.extend_from_slice(b"</tr></thead>\n<tbody>\n");
}

/// The table's end.
pub(super) fn table_end(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</tbody>\n</table>\n</div>\n</section>\n");
}

/// One article's row.
pub(super) fn summary_row(row: &ArticleRow, out: &mut Vec<u8>) {
    let id = section_id(row.number, &row.report.id);
    put(out, format_args!("<tr id=\"{id}-summary\">"));
    let mut cells = NamedCells::default();
    row.visit(&mut cells);
    for column in SUMMARY {
        let cell = cells.get(column.name);
        put(out, format_args!("<td class=\"{}\"", column.show.class().0));
        if column.show != Show::Quote {
            out.push(b'>');
        }
        show(column.show, cell, &id, out);
        out.extend_from_slice(b"</td>");
    }
    out.extend_from_slice(b"</tr>\n");
}

/// Writes a cell's value as the column shows it.
fn show(how: Show, cell: Cell, id: &str, out: &mut Vec<u8>) {
    match (how, cell) {
        (Show::Link, Cell::Text(name)) => {
            put(out, format_args!("<a href=\"#{id}\">"));
            escape(name, out);
            out.extend_from_slice(b"</a>");
        }
        (Show::Date, Cell::Date(date)) => escape(date, out),
        (Show::Count, Cell::Count(n)) => put(out, format_args!("{n}")),
        (Show::Percent, Cell::Number(x)) => put(out, format_args!("{:.0}%", 100.0 * x)),
        (Show::Places(places), Cell::Number(x)) => put(out, format_args!("{x:.places$}")),
        (Show::TopCues, Cell::TopCues(top_cues)) => {
            for (i, (cue, count)) in top_cues.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                escape(cue, out);
                put(out, format_args!("&nbsp;×{count}"));
            }
        }
        (Show::Quote, Cell::Text(sentence)) => quote(sentence, out),
        (Show::Quote, _) => out.push(b'>'),
        _ => out.extend_from_slice("–".as_bytes()),
    }
}

/// A sentence cut to [`SUMMARY_SENTENCE_CHARS`], whole in the cell's
/// title; ends the cell's opening tag.
fn quote(sentence: &str, out: &mut Vec<u8>) {
    let shown: String = sentence.chars().take(SUMMARY_SENTENCE_CHARS).collect();
    if shown.len() < sentence.len() {
        out.extend_from_slice(b" title=\"");
        escape(sentence, out);
        out.extend_from_slice(b"\">");
        escape(&shown, out);
        out.extend_from_slice("…".as_bytes());
    } else {
        out.push(b'>');
        escape(sentence, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Category;
    use crate::output::columns::{Level, Schema};

    /// Columns are picked by name: a name the schema lacks would show as
    /// missing in every row.
    #[test]
    fn every_column_shown_is_in_the_schema() {
        let names = Schema::new(Category::COUNTED).names(Level::Article);
        for column in SUMMARY {
            assert!(names.iter().any(|n| n == column.name), "{}", column.name);
        }
    }
}
