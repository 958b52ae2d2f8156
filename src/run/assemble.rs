//! Ordering and assembly: finished pieces come back from the workers in
//! any order and leave in input order; the parts of an article cut into
//! pieces are merged into its report, whose row is written after its last
//! part. Counts what the run did. The one stage that writes, one piece at
//! a time.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use super::options::RunSummary;
use super::piece::{ArticlePart, Done, Extent, Origin, Problem, Scored, article_status};
use crate::error::{Error, ErrorKind, Result};
use crate::groups::Grouper;
use crate::output::{ArticleRow, GroupRow, Printer, ReportWriter, Schema, Scratch};
use crate::report::{ArticleReport, ReportBuilder};

/// Puts finished pieces back in order and writes them.
pub(super) struct Assembler<'a, W: Write + Send> {
    writer: ReportWriter<W>,
    printer: &'a dyn Printer,
    scratch: Scratch,
    schema: &'a Schema,
    /// The report of the article being read in parts, so far.
    report: Option<ReportBuilder>,
    /// Pieces that came before their turn.
    waiting: BTreeMap<u64, Done>,
    /// The last sequence number written.
    next: u64,
    summary: RunSummary,
    flush_each_piece: bool,
    on_problem: &'a (dyn Fn(&Error) + Sync),
    on_progress: Option<&'a (dyn Fn(&RunSummary) + Sync)>,
    /// The groups the articles are summed into, when the run groups them.
    grouper: Option<Grouper>,
    /// Table dates that are not dates: how many, and the first.
    bad_dates: (u64, Option<Box<Error>>),
    /// True when a part of the article being put together was repaired.
    repaired: bool,
}

/// What the assembler reports to, and how often it flushes.
pub(super) struct Reporting<'a> {
    pub(super) flush_each_piece: bool,
    pub(super) on_problem: &'a (dyn Fn(&Error) + Sync),
    pub(super) on_progress: Option<&'a (dyn Fn(&RunSummary) + Sync)>,
}

impl<'a, W: Write + Send> Assembler<'a, W> {
    /// An assembler writing through `writer`, rendering the rows of
    /// articles cut into pieces with `printer`.
    pub(super) fn new(
        writer: ReportWriter<W>,
        printer: &'a dyn Printer,
        schema: &'a Schema,
        reporting: Reporting<'a>,
        grouper: Option<Grouper>,
    ) -> Assembler<'a, W> {
        Assembler {
            writer,
            printer,
            scratch: Scratch::default(),
            schema,
            report: None,
            waiting: BTreeMap::new(),
            next: 0,
            summary: RunSummary::default(),
            flush_each_piece: reporting.flush_each_piece,
            on_problem: reporting.on_problem,
            on_progress: reporting.on_progress,
            grouper,
            bad_dates: (0, None),
            repaired: false,
        }
    }

    /// Takes a finished piece; writes it and any that were waiting for it,
    /// returning the sequence numbers written (none while it must wait).
    pub(super) fn accept(&mut self, done: Done) -> Result<Range<u64>> {
        let first = self.next + 1;
        // Pieces mostly come in order: the next one is written at once.
        if done.seq() == first {
            self.next += 1;
            self.write(done)?;
        } else {
            self.waiting.insert(done.seq(), done);
        }
        while let Some(done) = self.waiting.remove(&(self.next + 1)) {
            self.next += 1;
            self.write(done)?;
        }
        Ok(first..self.next + 1)
    }

    /// Writes the group rows, if the run groups its articles, and ends
    /// the output; what the run did, and the output.
    pub(super) fn finish(mut self) -> Result<(RunSummary, W)> {
        if let Some(grouper) = self.grouper.take() {
            let (bad, first) = grouper.bad_dates();
            if let Some((article, date)) = first {
                let message = format!("{article}: the date {date} is not a day of the calendar");
                self.count_bad_dates(bad, Error::note(None, None, message));
            }
            let table = grouper.finish();
            let columns = self.writer.schema().group_keys.clone();
            let mut rendered = Vec::new();
            for group in table.groups.iter().chain([&table.all]) {
                let row = GroupRow {
                    group,
                    columns: &columns,
                    categories: &self.schema.categories,
                };
                self.printer.group(&mut self.scratch, &row, &mut rendered);
            }
            self.writer.write_groups(&table, &rendered)?;
        }
        self.report_bad_dates();
        let summary = self.summary;
        Ok((summary, self.writer.finish()?))
    }

    fn count_bad_dates(&mut self, count: u64, first: Error) {
        self.bad_dates.0 += count;
        self.bad_dates.1.get_or_insert_with(|| Box::new(first));
    }

    /// Says once how many articles had a date that is not one.
    fn report_bad_dates(&mut self) {
        let (count, Some(first)) = (self.bad_dates.0, self.bad_dates.1.take()) else {
            return;
        };
        let (articles, have) = if count == 1 {
            ("article", "has")
        } else {
            ("articles", "have")
        };
        let message = format!(
            "{count} {articles} had a date that does not parse and so {have} no date \
             (with --period, the group `no date`); the first: {first}"
        );
        (self.on_problem)(&Error::note(None, None, message));
    }

    fn write(&mut self, done: Done) -> Result<()> {
        match done {
            Done::Problem(problem) => self.problem(problem),
            Done::TableEnd(_) => self.summary.scored += 1,
            Done::Scored(scored) => self.scored(*scored)?,
        }
        if self.flush_each_piece {
            self.writer.flush()?;
        }
        if let Some(progress) = self.on_progress {
            progress(&self.summary);
        }
        Ok(())
    }

    fn problem(&mut self, problem: Problem) {
        let Problem {
            error,
            fatal_for_input,
            ..
        } = problem;
        // A notice (a folder already scored, skipped) is no failure.
        self.summary.failed += usize::from(error.kind() != ErrorKind::Notice);
        // Every input has a path but standard input.
        (self.on_problem)(&error.on_standard_input());
        // Done, a failure or a notice: the progress line counts it.
        self.summary.unfinished += 1;
        if !fatal_for_input {
            // A read error after some pieces: the article's partial
            // report is dropped rather than passed off as whole.
            self.report = None;
            self.repaired = false;
        }
    }

    fn scored(&mut self, scored: Scored) -> Result<()> {
        let Scored {
            mut origin,
            rows,
            article,
            bytes,
        } = scored;
        self.writer.set_carried_columns(&origin.carried.columns);
        if let Some(grouper) = &mut self.grouper {
            // Before anything is written: an unknown key ends the run.
            grouper.columns(&origin.carried.columns)?;
        }
        if let Some(note) = origin.bad_date.take() {
            self.count_bad_dates(1, *note);
        }
        if !origin.warnings.is_empty() {
            self.summary.failed += 1;
        }
        for error in std::mem::take(&mut origin.warnings) {
            // Every input has a path but standard input.
            (self.on_problem)(&error.on_standard_input());
        }
        self.summary.bytes += bytes as u64;
        self.writer.write_rows(&rows)?;
        match article {
            ArticlePart::None => {}
            ArticlePart::Whole { report, row } => self.write_article(&origin, &report, &row)?,
            ArticlePart::Part(part) => {
                self.repaired |= origin.repaired;
                match &mut self.report {
                    Some(builder) => builder.merge(part),
                    None => self.report = Some(part),
                }
            }
        }
        if origin.extent.last() {
            match origin.extent {
                Extent::Row(_) | Extent::Part { row: true, .. } => self.summary.rows += 1,
                _ => self.summary.scored += 1,
            }
            if let Some(builder) = self.report.take() {
                self.finish_article(&origin, builder)?;
            }
        }
        Ok(())
    }

    /// Writes an article's row, rendered by a worker.
    fn write_article(&mut self, origin: &Origin, report: &ArticleReport, row: &[u8]) -> Result<()> {
        let status = article_status(origin);
        let article = self.article_row(origin, report, status.as_deref());
        self.group(&article)?;
        self.writer.write_article(&article, row)
    }

    /// Adds an article to its group, if the run groups its articles.
    fn group(&mut self, row: &ArticleRow) -> Result<()> {
        match &mut self.grouper {
            Some(grouper) => {
                let carried = row.carried;
                grouper.add(row.report, &carried.columns, &carried.values, row.input)
            }
            None => Ok(()),
        }
    }

    /// Renders and writes the row of an article read in parts, from its
    /// report so far, after its last part (`origin`). An input cut into
    /// parts is never a table row, so its status is its report's, or
    /// `repaired`.
    fn finish_article(&mut self, origin: &Origin, builder: ReportBuilder) -> Result<()> {
        let report = builder.finish(&origin.name, origin.date.as_deref());
        let status = std::mem::take(&mut self.repaired).then_some("repaired");
        let article = self.article_row(origin, &report, status);
        self.group(&article)?;
        let mut row = Vec::new();
        self.printer.article(&mut self.scratch, &article, &mut row);
        self.writer.write_article(&article, &row)
    }

    fn article_row<'r>(
        &self,
        origin: &'r Origin,
        report: &'r ArticleReport,
        status: Option<&'r str>,
    ) -> ArticleRow<'r>
    where
        'a: 'r,
    {
        ArticleRow {
            report,
            status,
            carried: &origin.carried,
            categories: &self.schema.categories,
            liwc_measures: self.schema.liwc_measures,
            number: origin.article,
            input: &origin.input,
        }
    }
}
