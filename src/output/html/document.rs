//! The page as a run writes it, in bounded memory: the header at once;
//! then, while articles come, the sections of the least certain ones kept
//! (at most [`Budget::articles`] of them and [`Budget::bytes`] of markup)
//! and every article's summary row spilled to a temporary file; at the
//! end the corpus view, the summary table read back (linking the articles
//! shown) and the sections kept, least certain first. Memory holds the
//! kept sections and the article being read, never the whole run; the
//! page's size follows what it shows.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};

use super::corpus;
use super::markup::{plural, put};
use super::section::SECTION_SENTENCES;
use super::summary::{self, Totals};
use crate::groups::GroupTable;
use crate::output::columns::{ArticleRow, Schema};
use crate::output::printer::Document;

/// How much of the run the page shows in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Articles shown in full, least certain first.
    pub articles: usize,
    /// Bytes of their sections, at most: fewer articles are shown when
    /// theirs are long.
    pub bytes: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            articles: 200,
            bytes: 4 << 20,
        }
    }
}

/// The page, while a run writes it.
pub(super) struct HtmlDocument {
    title: String,
    budget: Budget,
    totals: Totals,
    /// The sections of the article being read.
    pending: Vec<u8>,
    /// The sections kept so far; the most certain on top, to go first.
    kept: BinaryHeap<Kept>,
    kept_bytes: usize,
    /// Every article's summary row, in input order.
    rows: Option<Spill>,
    groups: Option<GroupTable>,
}

impl HtmlDocument {
    pub(super) fn new(title: &str, budget: Budget) -> HtmlDocument {
        HtmlDocument {
            title: title.to_string(),
            budget,
            totals: Totals::default(),
            pending: Vec::new(),
            kept: BinaryHeap::new(),
            kept_bytes: 0,
            rows: None,
            groups: None,
        }
    }

    /// Keeps the article's sections if they are among the least certain
    /// that fit the budget.
    fn keep(&mut self, row: &ArticleRow) {
        let mut section = std::mem::take(&mut self.pending);
        if section.is_empty() || self.budget.articles == 0 {
            return;
        }
        if row.report.sentences > SECTION_SENTENCES {
            put(
                &mut section,
                format_args!(
                    "<p class=\"more\">The first {SECTION_SENTENCES} of its {} sentences are shown; \
                     its row in the summary has the whole article's figures.</p>\n",
                    row.report.sentences
                ),
            );
        }
        self.kept_bytes += section.len();
        self.kept.push(Kept {
            certainty: row.report.certainty.unwrap_or(f64::INFINITY),
            number: row.number,
            section,
        });
        while self.kept.len() > self.budget.articles
            || (self.kept_bytes > self.budget.bytes && self.kept.len() > 1)
        {
            let dropped = self.kept.pop().expect("not empty");
            self.kept_bytes -= dropped.section.len();
        }
    }

    /// What the summary says of the articles shown.
    fn note(&self) -> String {
        let (shown, all) = (self.kept.len(), self.totals.articles);
        if shown == all {
            return "Every article is shown in full below, least certain first.".to_string();
        }
        let limit = if shown < self.budget.articles {
            format!(
                "as many as fit the page's {} MB for them",
                self.budget.bytes >> 20
            )
        } else {
            format!("--html-articles {}", self.budget.articles)
        };
        format!(
            "The {shown} least certain of the {all} articles are shown in full below ({limit}); \
             the other {} are in this table only.",
            all - shown
        )
    }

    /// The kept sections, least certain first, and the numbers of their articles.
    fn sections(&mut self) -> (Vec<Kept>, HashSet<u64>) {
        let sections = std::mem::take(&mut self.kept).into_sorted_vec();
        let numbers = sections.iter().map(|k| k.number).collect();
        (sections, numbers)
    }
}

impl Document for HtmlDocument {
    fn start(&mut self, _schema: &Schema, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut start = Vec::new();
        super::document_start(&self.title, &mut start);
        out.write_all(&start)
    }

    fn rows(&mut self, rows: &[u8], _out: &mut (dyn Write + Send)) -> io::Result<()> {
        self.pending.extend_from_slice(rows);
        Ok(())
    }

    fn article(
        &mut self,
        row: &ArticleRow,
        rendered: &[u8],
        _out: &mut (dyn Write + Send),
    ) -> io::Result<()> {
        self.totals.add(row);
        if self.rows.is_none() {
            self.rows = Some(Spill::new()?);
        }
        let rows = self.rows.as_mut().expect("just made");
        rows.push(row.number, &row.report.id, rendered)?;
        self.keep(row);
        Ok(())
    }

    fn groups(
        &mut self,
        table: &GroupTable,
        _rendered: &[u8],
        _out: &mut (dyn Write + Send),
    ) -> io::Result<()> {
        self.groups = Some(table.clone());
        Ok(())
    }

    fn end(&mut self, out: &mut (dyn Write + Send)) -> io::Result<()> {
        if let Some(groups) = &self.groups {
            let mut view = Vec::new();
            corpus::corpus_view(groups, &mut view);
            out.write_all(&view)?;
        }
        let note = self.note();
        let (sections, shown) = self.sections();
        let mut start = Vec::new();
        summary::table_start(self.totals, &note, &mut start);
        out.write_all(&start)?;
        if let Some(rows) = self.rows.take() {
            rows.replay(&shown, out)?;
        }
        let mut end = Vec::new();
        summary::table_end(&mut end);
        if !sections.is_empty() {
            let n = sections.len();
            put(
                &mut end,
                format_args!(
                    "<h2 id=\"articles\">The {n} least certain article{}</h2>\n",
                    plural(n)
                ),
            );
        }
        out.write_all(&end)?;
        for kept in &sections {
            out.write_all(&kept.section)?;
        }
        let mut end = Vec::new();
        super::document_end(&mut end);
        out.write_all(&end)
    }
}

/// An article's sections, kept to be shown.
struct Kept {
    /// The article's certainty; with no sentences, infinite (shown last).
    certainty: f64,
    number: u64,
    section: Vec<u8>,
}

impl Ord for Kept {
    /// Less certain first, then earlier.
    fn cmp(&self, other: &Kept) -> Ordering {
        self.certainty
            .total_cmp(&other.certainty)
            .then(self.number.cmp(&other.number))
    }
}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Kept) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Kept {}

/// The summary's rows in a temporary file (removed when closed), in input
/// order: each the article's number, its name and its rendered cells.
struct Spill {
    file: BufWriter<std::fs::File>,
}

impl Spill {
    fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: BufWriter::new(tempfile::tempfile()?),
        })
    }

    fn push(&mut self, number: u64, name: &str, cells: &[u8]) -> io::Result<()> {
        self.file.write_all(&number.to_le_bytes())?;
        for part in [name.as_bytes(), cells] {
            self.file.write_all(&(part.len() as u64).to_le_bytes())?;
            self.file.write_all(part)?;
        }
        Ok(())
    }

    /// Writes the rows to `out`, linking the articles in `shown`.
    fn replay(self, shown: &HashSet<u64>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let mut reader = BufReader::new(file);
        let mut row = Vec::new();
        let (mut name, mut cells) = (Vec::new(), Vec::new());
        while !reader.fill_buf()?.is_empty() {
            let number = read_u64(&mut reader)?;
            read_part(&mut reader, &mut name)?;
            read_part(&mut reader, &mut cells)?;
            row.clear();
            let name = String::from_utf8_lossy(&name);
            summary::row_start(number, &name, shown.contains(&number), &mut row);
            row.extend_from_slice(&cells);
            out.write_all(&row)?;
        }
        Ok(())
    }
}

fn read_u64(reader: &mut impl Read) -> io::Result<u64> {
    let mut bytes = [0; 8];
    reader.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

fn read_part(reader: &mut impl Read, part: &mut Vec<u8>) -> io::Result<()> {
    let len = read_u64(reader)? as usize;
    part.clear();
    part.resize(len, 0);
    reader.read_exact(part)
}
