//! The plain table for people: a few of each row's columns, aligned, for
//! reading in a terminal. The columns shown are picked from the schema by
//! name ([`ARTICLE_VIEW`], [`SENTENCE_VIEW`], [`GROUP_VIEW`]), each with its heading,
//! width and way of showing its value. Rows are rendered into memory; the
//! document writes only to the writer it is handed.

use std::io::{self, Write};

use super::columns::{ArticleRow, Cell, GroupRow, Level, NamedCells, Schema, ScoredPiece};
use super::printer::{Document, Needs, Printer, Scratch};
use crate::text::visible::visible_line;
use crate::text::whitespace::fold_whitespace;

/// Rows as an aligned table that fits the width it is given (80
/// characters unless told otherwise): a line of columns per row, then,
/// indented, the row's text (an article's least certain sentence, cut to
/// the width; a sentence and its cues, wrapped to it).
#[derive(Debug, Clone, Copy)]
pub struct TextTable {
    level: Level,
    width: usize,
}

/// The width of a table unless told otherwise: a classic terminal's.
pub const TEXT_WIDTH: usize = 80;

/// How far the text under a row is indented.
const INDENT: &str = "    ";

impl TextTable {
    /// A table of `level` rows, [`TEXT_WIDTH`] characters wide.
    pub fn new(level: Level) -> TextTable {
        TextTable {
            level,
            width: TEXT_WIDTH,
        }
    }

    /// The same table `width` characters wide (at least [`TEXT_WIDTH`]:
    /// the columns need that; a wider table gives the name and the text
    /// the room).
    pub fn width(self, width: usize) -> TextTable {
        TextTable {
            width: width.max(TEXT_WIDTH),
            ..self
        }
    }

    fn view(&self) -> &'static [Column] {
        match self.level {
            Level::Article => ARTICLE_VIEW,
            Level::Sentence => SENTENCE_VIEW,
            Level::Group => GROUP_VIEW,
        }
    }

    /// The width of the first column, which takes what the others leave.
    fn first_width(&self) -> usize {
        let others: usize = self.view()[1..].iter().map(|c| c.width + 1).sum();
        self.width - 1 - others
    }

    /// One row: its line of columns, then its text below.
    fn row(&self, cells: &NamedCells, out: &mut Vec<u8>) {
        let first = self.first_width();
        line(self.view(), first, |column| show(cells, column, first), out);
        let text = match self.level {
            Level::Article => shorten(
                &plain(cells.get("least_certain")),
                self.width - INDENT.len(),
            ),
            Level::Sentence => with_cues(cells),
            Level::Group => String::new(),
        };
        if !text.is_empty() && text != "-" {
            wrap(&text, self.width, out);
        }
    }
}

/// One column of the table.
struct Column {
    heading: &'static str,
    /// The schema's column shown.
    name: &'static str,
    /// Characters, padded to (the first column's is what the rest leave).
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
    /// As a count out of the named column's: `3/21`.
    OutOf(&'static str),
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

/// The columns of article rows; the least certain sentence goes below.
const ARTICLE_VIEW: &[Column] = &[
    column("article", "article", 0, Align::Left, Show::Tail),
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
    column("lowest", "min_certainty", 6, Align::Right, Show::Plain),
];

/// The columns of sentence rows; the sentence and its cues go below.
const SENTENCE_VIEW: &[Column] = &[
    column("article", "article", 0, Align::Left, Show::Tail),
    column("#", "sentence", 6, Align::Right, Show::Plain),
    column("certainty", "certainty", 9, Align::Right, Show::Plain),
    column("label", "label", 9, Align::Left, Show::Plain),
];

/// The columns of group rows: each figure with its 95% interval.
const GROUP_VIEW: &[Column] = &[
    column("group", "group", 0, Align::Left, Show::Tail),
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
    // The last column: a wider value runs over the line's end, not into
    // another column.
    column(
        "hedges /1k words",
        "hedges_per_1000_words",
        15,
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
                self.row(&cells, out);
            }
        }
    }

    fn article(&self, _scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>) {
        if self.level == Level::Article {
            let mut cells = NamedCells::default();
            row.visit(&mut cells);
            self.row(&cells, out);
        }
    }

    fn group(&self, _scratch: &mut Scratch, row: &GroupRow, out: &mut Vec<u8>) {
        if self.level == Level::Group {
            let mut cells = NamedCells::default();
            row.visit(&mut cells);
            self.row(&cells, out);
        }
    }

    fn document(&self) -> Box<dyn Document> {
        Box::new(*self)
    }
}

impl Document for TextTable {
    /// The headings, and under them what the indented lines hold.
    fn start(&mut self, _schema: &Schema, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut header = Vec::new();
        let first = self.first_width();
        line(self.view(), first, |c| c.heading.to_string(), &mut header);
        let below = match self.level {
            Level::Article => "least certain sentence",
            Level::Sentence => "text  [cues]",
            Level::Group => "",
        };
        wrap(below, self.width, &mut header);
        out.write_all(&header)
    }
}

/// One line of the table: each column's text, padded to its width (the
/// first column to `first`) and separated by a space.
fn line(view: &[Column], first: usize, text: impl Fn(&Column) -> String, out: &mut Vec<u8>) {
    let mut line = String::new();
    for (i, column) in view.iter().enumerate() {
        let text = text(column);
        let width = if i == 0 { first } else { column.width };
        if i > 0 {
            line.push(' ');
        }
        match column.align {
            Align::Left => line.push_str(&format!("{text:<width$}")),
            Align::Right => line.push_str(&format!("{text:>width$}")),
        }
    }
    out.extend_from_slice(line.trim_end().as_bytes());
    out.push(b'\n');
}

/// The column's value in a row as the table shows it, the first column
/// `first` characters wide.
fn show(cells: &NamedCells, column: &Column, first: usize) -> String {
    let cell = cells.get(column.name);
    match column.show {
        Show::Plain => plain(cell),
        Show::Tail => shorten_start(&plain(cell), first),
        Show::OutOf(total) => format!("{}/{}", plain(cell), plain(cells.get(total))),
        Show::Interval(low, high, factor, places) => {
            let number = |cell| match cell {
                Cell::Number(x) => Some(format!("{:.places$}", factor * x)),
                _ => None,
            };
            let ends = (number(cells.get(low)), number(cells.get(high)));
            match (number(cell), ends) {
                (Some(x), (Some(low), Some(high))) => format!("{x} ({low}–{high})"),
                (Some(x), _) => x,
                _ => "-".to_string(),
            }
        }
    }
}

/// A sentence row's text, then its cues in brackets, if any.
fn with_cues(cells: &NamedCells) -> String {
    let text = plain(cells.get("text"));
    match cells.get("cues") {
        Cell::Cues(list) if !list.cues.is_empty() => {
            let mut field = String::new();
            list.push_field(&mut field);
            format!("{text}  [{}]", visible_line(&field))
        }
        _ => text,
    }
}

/// `text` in indented lines no longer than `width` characters, broken
/// between words (a word longer than a line has a line of its own).
fn wrap(text: &str, width: usize, out: &mut Vec<u8>) {
    let room = width - INDENT.len();
    let mut line = String::new();
    let mut chars = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if chars > 0 && chars + 1 + len > room {
            push_indented(&line, out);
            line.clear();
            chars = 0;
        }
        if chars > 0 {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += len;
    }
    if chars > 0 {
        push_indented(&line, out);
    }
}

fn push_indented(line: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(INDENT.as_bytes());
    out.extend_from_slice(line.as_bytes());
    out.push(b'\n');
}

/// A cell's value as text: a fraction with three places, a missing value
/// as `-`.
/// Control characters are shown escaped: a table is read on a terminal.
fn plain(cell: Cell) -> String {
    match cell {
        Cell::Text(text) | Cell::Date(text) => visible_line(text).into_owned(),
        Cell::Folded(text) => visible_line(&fold_whitespace(text)).into_owned(),
        Cell::Count(n) => n.to_string(),
        Cell::Number(x) => format!("{x:.3}"),
        Cell::Missing => "-".to_string(),
        Cell::Value(value) => visible_line(&value.to_string()).into_owned(),
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
            let below: &[&str] = match level {
                Level::Article => &["least_certain"],
                Level::Sentence => &["text", "cues"],
                Level::Group => &[],
            };
            for name in below {
                assert!(names.iter().any(|n| n == name), "{name} ({level:?})");
            }
            for column in view {
                let others = match column.show {
                    Show::OutOf(name) => vec![name],
                    Show::Interval(low, high, ..) => vec![low, high],
                    _ => vec![],
                };
                for name in std::iter::once(column.name).chain(others) {
                    assert!(names.iter().any(|n| n == name), "{name} ({level:?})");
                }
            }
        }
    }

    #[test]
    fn wrapping_table() {
        // (text, width, lines)
        let table: &[(&str, usize, &[&str])] = &[
            ("a b c", 80, &["    a b c"]),
            ("", 80, &[]),
            ("aaaa bbbb cccc", 13, &["    aaaa bbbb", "    cccc"]),
            ("aaaaaaaaaaaa b", 8, &["    aaaaaaaaaaaa", "    b"]),
            ("é é é", 8, &["    é é", "    é"]),
        ];
        for (text, width, lines) in table {
            let mut out = Vec::new();
            wrap(text, *width, &mut out);
            let got: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
            assert_eq!(got, *lines, "{text:?} at {width}");
        }
    }
}
