//! The summary table of the HTML report: one row per article, some of the
//! schema's columns picked by name ([`SUMMARY`]). Its layout is fixed, so
//! it fits the page at any width: long text is cut to one line with an
//! ellipsis (the whole sentence in the cell's title), and a narrow page
//! hides the less needed columns (the stylesheet).
//!
//! A row is rendered in two parts: its cells from the second on, by a
//! worker ([`summary_cells`]); its opening and the article's name at the
//! end of the run ([`row_start`]), when it is known whether the article's
//! section is on the page to link to.

use super::markup::{escape, plural, put, section_id};
use crate::output::columns::{ArticleRow, Cell, NamedCells};

/// Characters of the least certain sentence written into its cell, which
/// shows what fits on one line.
const QUOTE_CHARS: usize = 90;

/// Characters of it in the cell's title, shown on hover.
const TITLE_CHARS: usize = 600;

/// One column of the summary table after the article's name.
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
    Date,
    Count,
    /// A share as a whole percentage.
    Percent,
    /// A fraction with this many places.
    Places(usize),
    /// Cues with their counts, `could ×2`.
    TopCues,
    /// A sentence, cut at [`QUOTE_CHARS`].
    Quote,
}

impl Show {
    /// The cell's class; numbers are `n` (right-aligned), as are their headings.
    fn class(self) -> &'static str {
        match self {
            Show::Date => "date",
            Show::Count | Show::Percent | Show::Places(_) => "n",
            Show::TopCues => "cues",
            Show::Quote => "quote",
        }
    }
}

const fn column(
    name: &'static str,
    heading: &'static str,
    title: &'static str,
    show: Show,
) -> Column {
    Column {
        name,
        heading,
        title: Some(title),
        show,
    }
}

/// The columns of the summary table after the article's name; the
/// stylesheet sizes them by position.
const SUMMARY: &[Column] = &[
    Column {
        name: "date",
        heading: "date",
        title: None,
        show: Show::Date,
    },
    column(
        "sentences",
        "sentences",
        "sentences in the article",
        Show::Count,
    ),
    column(
        "uncertain_share",
        "uncertain",
        "share of sentences labelled uncertain",
        Show::Percent,
    ),
    column(
        "certainty",
        "certainty",
        "mean sentence certainty, 0 to 1",
        Show::Places(3),
    ),
    column(
        "min_certainty",
        "lowest",
        "lowest sentence certainty",
        Show::Places(3),
    ),
    column(
        "hedges_per_1000_words",
        "hedges /1k",
        "hedges per 1,000 words",
        Show::Places(1),
    ),
    column(
        "top_cues",
        "top cues",
        "the most frequent cues",
        Show::TopCues,
    ),
    column(
        "least_certain",
        "least certain sentence",
        "hover over a sentence to read it whole",
        Show::Quote,
    ),
];

/// Totals of the articles in the table.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Totals {
    pub(super) articles: usize,
    pub(super) sentences: usize,
    pub(super) uncertain: usize,
    /// Articles with a date: with none, the date column is hidden.
    pub(super) dated: usize,
}

impl Totals {
    /// Adds an article's row.
    pub(super) fn add(&mut self, row: &ArticleRow) {
        self.articles += 1;
        self.sentences += row.report.sentences;
        self.uncertain += row.report.uncertain_sentences;
        self.dated += usize::from(row.report.date.is_some());
    }
}

/// The table's heading, its note and its opening, with the column headings.
pub(super) fn table_start(totals: Totals, note: &str, out: &mut Vec<u8>) {
    let Totals {
        articles,
        sentences,
        uncertain,
        dated,
    } = totals;
    put(
        out,
        format_args!(
            "<section class=\"summary\" id=\"summary\">\n<h2>Summary: {articles} article{ap}, \
             {sentences} sentence{sp}, {uncertain} uncertain</h2>\n<p class=\"note\">{note}</p>\n\
             <table{undated}>\n<thead><tr><th scope=\"col\">article</th>",
            ap = plural(articles),
            sp = plural(sentences),
            undated = if dated == 0 { " class=\"undated\"" } else { "" },
        ),
    );
    for column in SUMMARY {
        out.extend_from_slice(b"<th scope=\"col\"");
        if column.show.class() == "n" {
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
    out.extend_from_slice(b"</tbody>\n</table>\n</section>\n");
}

/// A row's opening and its first cell, the article's name: a link to its
/// section when the page shows it (the row then has an id, which a long
/// article's section links back to).
pub(super) fn row_start(number: u64, name: &str, linked: bool, out: &mut Vec<u8>) {
    if linked {
        let id = section_id(number, name);
        put(
            out,
            format_args!("<tr id=\"{id}-summary\"><td class=\"article\"><a href=\"#{id}\">"),
        );
        escape(name, out);
        out.extend_from_slice(b"</a></td>");
    } else {
        out.extend_from_slice(b"<tr><td class=\"article\"><span>");
        escape(name, out);
        out.extend_from_slice(b"</span></td>");
    }
}

/// An article's cells after its name, and the row's end.
pub(super) fn summary_cells(row: &ArticleRow, out: &mut Vec<u8>) {
    let mut cells = NamedCells::default();
    row.visit(&mut cells);
    for column in SUMMARY {
        let cell = cells.get(column.name);
        put(out, format_args!("<td class=\"{}\"", column.show.class()));
        if column.show != Show::Quote {
            out.push(b'>');
        }
        show(column.show, cell, out);
        out.extend_from_slice(b"</td>");
    }
    out.extend_from_slice(b"</tr>\n");
}

/// Writes a cell's value as the column shows it.
fn show(how: Show, cell: Cell, out: &mut Vec<u8>) {
    match (how, cell) {
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

/// A sentence in the cell's title, to [`TITLE_CHARS`], for the cell
/// shows only what fits on one line; its text cut to [`QUOTE_CHARS`].
/// Ends the cell's opening tag.
fn quote(sentence: &str, out: &mut Vec<u8>) {
    let cut = |n: usize, out: &mut Vec<u8>| {
        let shown: String = sentence.chars().take(n).collect();
        escape(&shown, out);
        if shown.len() < sentence.len() {
            out.extend_from_slice("…".as_bytes());
        }
    };
    out.extend_from_slice(b" title=\"");
    cut(TITLE_CHARS, out);
    out.extend_from_slice(b"\">");
    cut(QUOTE_CHARS, out);
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
