//! The plain table for people: a few of each row's columns, aligned, for
//! reading in a terminal. The columns shown are picked from the schema by
//! name ([`ARTICLE_VIEW`], [`SENTENCE_VIEW`]), each with its heading,
//! width and way of showing its value. Rows are rendered into memory; the
//! document writes only to the writer it is handed.

use std::io::{self, Write};

use super::columns::{ArticleRow, Cell, GroupRow, Level, NamedCells, Schema, ScoredPiece};
use super::printer::{Document, Needs, Printer, Scratch};
use crate::text::whitespace::fold_whitespace;

/// Rows as an aligned table.
#[derive(Debug, Clone, Copy)]
pub struct TextTable {
    level: Level,
}

impl TextTable {
    /// A table of `level` rows.
    pub fn new(level: Level) -> TextTable {
        TextTable { level }
    }

    fn view(&self) -> &'static [Column] {
        match self.level {
            Level::Article => ARTICLE_VIEW,
            Level::Sentence => SENTENCE_VIEW,
            Level::Group => GROUP_VIEW,
        }
    }
}

/// One column of the table.
struct Column {
    heading: &'static str,
    /// The schema's column shown.
    name: &'static str,
    /// Characters, padded to; the last column is not padded.
    width: usize,
    align: Align,
    show: Show,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// How a value is shown.
#[derive(Clone, Copy)]
enum Show {
    /// As it is; a fraction with three places, a missing value as `-`.
    Plain,
    /// Its last characters, up to the width (the file name of a path).
    Tail,
    /// Its first characters, up to this many; nothing when missing.
    Head(usize),
    /// As a count out of the named column's: `3/21`.
    OutOf(&'static str),
    /// The text, then the named cues column's cues in brackets, if any.
    WithCues(&'static str),
    /// A figure and its interval, `12.1 (8.3–15.9)`: the columns of the
    /// interval's ends, a factor and the decimal places.
    Interval(&'static str, &'static str, f64, usize),
}

const fn column(
    heading: &'static str,
    name: &'static str,
    width: usize,
    align: Align,
    show: Show,
) -> Column {
    Column {
        heading,
        name,
        width,
        align,
        show,
    }
}

/// The columns of article rows.
const ARTICLE_VIEW: &[Column] = &[
    column("article", "article", 28, Align::Left, Show::Tail),
    column("date", "date", 10, Align::Left, Show::Plain),
    column("sent", "sentences", 5, Align::Right, Show::Plain),
    column("words", "words", 6, Align::Right, Show::Plain),
    column(
        "uncertain",
        "uncertain_sentences",
        9,
        Align::Right,
        Show::OutOf("sentences"),
    ),
    column("certainty", "certainty", 9, Align::Right, Show::Plain),
    column("lowest", "min_certainty", 9, Align::Right, Show::Plain),
    column(
        "least certain sentence",
        "least_certain",
        0,
        Align::Left,
        Show::Head(80),
    ),
];

/// The columns of sentence rows.
const SENTENCE_VIEW: &[Column] = &[
    column("article", "article", 28, Align::Left, Show::Tail),
    column("#", "sentence", 4, Align::Right, Show::Plain),
    column("certainty", "certainty", 9, Align::Right, Show::Plain),
    column("label", "label", 9, Align::Left, Show::Plain),
    column(
        "text  [cues]",
        "text",
        0,
        Align::Left,
        Show::WithCues("cues"),
    ),
];

/// The columns of group rows: each figure with its 95% interval.
const GROUP_VIEW: &[Column] = &[
    column("group", "group", 18, Align::Left, Show::Tail),
    column("articles", "articles", 8, Align::Right, Show::Plain),
    column(
        "uncertain %",
        "uncertain_share",
        16,
        Align::Right,
        Show::Interval("uncertain_share_low", "uncertain_share_high", 100.0, 1),
    ),
    column(
        "certainty",
        "certainty",
        19,
        Align::Right,
        Show::Interval("certainty_low", "certainty_high", 1.0, 3),
    ),
    column(
        "hedges /1k words",
        "hedges_per_1000_words",
        0,
        Align::Left,
        Show::Interval(
            "hedges_per_1000_words_low",
            "hedges_per_1000_words_high",
            1.0,
            1,
        ),
    ),
];

impl Printer for TextTable {
    fn needs(&self) -> Needs {
        Needs::of_level(self.level)
    }

    fn piece(&self, _scratch: &mut Scratch, piece: &ScoredPiece, out: &mut Vec<u8>) {
        if self.level == Level::Sentence {
            for row in piece.sentence_rows() {
                let mut cells = NamedCells::default();
                row.visit(&mut cells);
                line(self.view(), |column| show(&cells, column), out);
            }
        }
    }

    fn article(&self, _scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>) {
        if self.level == Level::Article {
            let mut cells = NamedCells::default();
            row.visit(&mut cells);
            line(self.view(), |column| show(&cells, column), out);
        }
    }

    fn group(&self, _scratch: &mut Scratch, row: &GroupRow, out: &mut Vec<u8>) {
        if self.level == Level::Group {
            let mut cells = NamedCells::default();
            row.visit(&mut cells);
            line(self.view(), |column| show(&cells, column), out);
        }
    }

    fn document(&self) -> Box<dyn Document> {
        Box::new(*self)
    }
}

impl Document for TextTable {
    /// The headings.
    fn start(&mut self, _schema: &Schema, out: &mut dyn Write) -> io::Result<()> {
        let mut header = Vec::new();
        line(
            self.view(),
            |column| column.heading.to_string(),
            &mut header,
        );
        out.write_all(&header)
    }
}

/// One line of the table: each column's text, padded to its width and
/// separated by a space, two before the last.
fn line(view: &[Column], text: impl Fn(&Column) -> String, out: &mut Vec<u8>) {
    let mut line = String::new();
    for (i, column) in view.iter().enumerate() {
        let text = text(column);
        if i + 1 == view.len() {
            line.push_str("  ");
            line.push_str(&text);
        } else {
            if i > 0 {
                line.push(' ');
            }
            let width = column.width;
            match column.align {
                Align::Left => line.push_str(&format!("{text:<width$}")),
                Align::Right => line.push_str(&format!("{text:>width$}")),
            }
        }
    }
    line.push('\n');
    out.extend_from_slice(line.as_bytes());
}

/// The column's value in a row as the table shows it.
fn show(cells: &NamedCells, column: &Column) -> String {
    let cell = cells.get(column.name);
    match column.show {
        Show::Plain => plain(cell),
        Show::Tail => shorten_start(&plain(cell), column.width),
        Show::Head(width) => match cell {
            Cell::Missing => String::new(),
            cell => shorten(&plain(cell), width),
        },
        Show::OutOf(total) => format!("{}/{}", plain(cell), plain(cells.get(total))),
        Show::WithCues(cues) => match cells.get(cues) {
            Cell::Cues(list) if !list.cues.is_empty() => {
                let mut field = String::new();
                list.push_field(&mut field);
                format!("{}  [{field}]", plain(cell))
            }
            _ => plain(cell),
        },
        Show::Interval(low, high, factor, places) => {
            let number = |cell| match cell {
                Cell::Number(x) => Some(format!("{:.places$}", factor * x)),
                _ => None,
            };
            match (
                number(cell),
                number(cells.get(low)),
                number(cells.get(high)),
            ) {
                (Some(x), Some(low), Some(high)) => format!("{x} ({low}–{high})"),
                (Some(x), _, _) => x,
                _ => "-".to_string(),
            }
        }
    }
}

/// A cell's value as text: a fraction with three places, a missing value
/// as `-`.
fn plain(cell: Cell) -> String {
    match cell {
        Cell::Text(text) | Cell::Date(text) => text.to_string(),
        Cell::Folded(text) => fold_whitespace(text),
        Cell::Count(n) => n.to_string(),
        Cell::Number(x) => format!("{x:.3}"),
        Cell::Missing => "-".to_string(),
        Cell::Value(value) => value.to_string(),
        Cell::TopCues(_) | Cell::Cues(_) => String::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Category;

    /// Columns are picked by name: a name the schema lacks would show as
    /// missing in every row.
    #[test]
    fn every_column_shown_is_in_the_schema() {
        let schema = Schema::new(Category::COUNTED);
        for (view, level) in [
            (ARTICLE_VIEW, Level::Article),
            (SENTENCE_VIEW, Level::Sentence),
            (GROUP_VIEW, Level::Group),
        ] {
            let names = schema.names(level);
            for column in view {
                let others = match column.show {
                    Show::OutOf(name) | Show::WithCues(name) => vec![name],
                    Show::Interval(low, high, ..) => vec![low, high],
                    _ => vec![],
                };
                for name in std::iter::once(column.name).chain(others) {
                    assert!(names.iter().any(|n| n == name), "{name} ({level:?})");
                }
            }
        }
    }
}
