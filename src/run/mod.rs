//! The scoring run: inputs in, rows out, in flat memory and on every core.
//!
//! Bytes flow one way through small parts, each with one job:
//!
//! 1. `read`: what to read and reading it. The inputs in order (folders
//!    listed as they go), each opened as text or as a table; text is read
//!    in pieces of at most about [`PIECE_BYTES`], so that no input is ever
//!    held whole: a whole article when it is smaller (the usual case),
//!    otherwise parts cut between sentences (`cut`) and decoded
//!    (`decode`) as they are read; in `--lines` mode a piece is a run of
//!    whole lines. A table's rows are pieces of their own (`rows`).
//! 2. `worker`: decodes a whole input, scores the piece and renders what
//!    it shows through the format's printer; the row of an article it
//!    holds whole, too.
//! 3. `assemble`: takes the finished pieces in input order, merges the
//!    reports of an article cut into pieces, and writes.
//!
//! With one thread the stages run in turn on the calling thread; with
//! more, `parallel` runs them on every thread. What passes between the
//! stages is in `piece`; `ledger` keeps the run's order and columns.

mod assemble;
mod cut;
mod decode;
mod ledger;
mod options;
mod parallel;
mod piece;
mod read;
mod rows;
mod text_input;
mod worker;

use std::io::Write;

use crate::error::{Error, Result};
use crate::groups::Grouper;
use crate::input::Source;
use crate::output::{Level, ReportWriter, Schema};
use crate::scoring::Scorer;
use assemble::{Assembler, Reporting};
pub use options::{PIECE_BYTES, PIECE_SENTENCES, RunOptions, RunSummary};
use read::PieceReader;
use worker::Worker;

/// Scores `sources` and writes their rows through `writer`, in input order.
/// Problems with single inputs go to `on_problem` and the run goes on;
/// an error is returned only when the output fails. `on_progress`, when
/// given, sees the running totals after every piece written.
///
/// ```
/// use hedgescore::input::Source;
/// use hedgescore::output::{CsvRows, Dialect, Level, ReportWriter};
/// use hedgescore::run::{RunOptions, run};
///
/// let dir = std::env::temp_dir().join(format!("hedgescore-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("a.txt");
/// std::fs::write(&file, "It may rain. It rains.").unwrap();
/// let options = RunOptions::new(2);
/// let printer = CsvRows::new(Level::Sentence, Dialect::CSV);
/// let writer = ReportWriter::new(Vec::new(), Box::new(printer));
/// let (summary, out) = run(&hedgescore::Scorer::english(), &[Source::File(file)], options, writer, &|e| eprintln!("{e}"), None).unwrap();
/// assert_eq!(summary.scored, 1);
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn run<W: Write + Send>(
    scorer: &Scorer,
    sources: &[Source],
    options: RunOptions,
    writer: ReportWriter<W>,
    on_problem: &(dyn Fn(&Error) + Sync),
    on_progress: Option<&(dyn Fn(&RunSummary) + Sync)>,
) -> Result<(RunSummary, W)> {
    let inputs = sources.iter().cloned().map(Ok);
    run_inputs(scorer, inputs, options, writer, on_problem, on_progress)
}

/// [`run`] over inputs listed as they are needed, such as the files below
/// a folder from [`Inputs`](crate::input::Inputs): a folder of any size is
/// scored in flat memory, and scoring begins before the listing ends. An
/// `Err` input is a problem reported in its place (like an unreadable
/// file).
pub fn run_inputs<W: Write + Send>(
    scorer: &Scorer,
    inputs: impl Iterator<Item = Result<Source>> + Send,
    options: RunOptions,
    mut writer: ReportWriter<W>,
    on_problem: &(dyn Fn(&Error) + Sync),
    on_progress: Option<&(dyn Fn(&RunSummary) + Sync)>,
) -> Result<(RunSummary, W)> {
    let printer = writer.printer();
    let printer = &*printer;
    let mut schema =
        Schema::for_lexicon(scorer.lexicon(), options.liwc_measures).map_err(Error::usage)?;
    if let Some(spec) = &options.grouping {
        let own = schema.names(Level::Group);
        schema.group_keys = spec.column_names(&own).into();
    }
    writer.set_schema(schema.clone());
    let grouper = options
        .grouping
        .clone()
        .map(|spec| Grouper::new(spec, &schema.categories));
    let needs = printer.needs();
    let mut reader = PieceReader::new(inputs, &options, needs, &schema, scorer.splitter());
    let reporting = Reporting {
        flush_each_piece: options.flush_each_piece,
        on_problem,
        on_progress,
    };
    let mut assembler = Assembler::new(writer, printer, &schema, reporting, grouper);
    if options.threads <= 1 {
        let mut worker = Worker::new(scorer, printer, &options, &schema);
        for event in reader.by_ref() {
            assembler.accept(worker.process(event))?;
        }
    } else {
        parallel::run_parallel(
            scorer,
            printer,
            &options,
            &schema,
            &mut reader,
            &mut assembler,
        )?;
    }
    assembler.finish()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::output::{CsvRows, Dialect, Level};

    fn csv_writer() -> ReportWriter<Vec<u8>> {
        let printer = CsvRows::new(Level::Article, Dialect::CSV);
        ReportWriter::new(Vec::new(), Box::new(printer))
    }

    #[test]
    fn a_listing_problem_is_reported_in_its_place_and_counted() {
        let dir = std::env::temp_dir().join(format!("hedgescore-listing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
        std::fs::write(&a, "It may rain.").unwrap();
        std::fs::write(&b, "It rains.").unwrap();
        for threads in [1, 2] {
            let problem = Error::input(Some(&dir.join("gone")), None, "could not be listed");
            let inputs = vec![
                Ok(Source::File(a.clone())),
                Err(problem),
                Ok(Source::File(b.clone())),
            ];
            let options = RunOptions::new(threads);
            let writer = csv_writer();
            let seen = Mutex::new(Vec::new());
            let on_problem = |e: &Error| seen.lock().unwrap().push(e.to_string());
            let (summary, out) = run_inputs(
                &Scorer::english(),
                inputs.into_iter(),
                options,
                writer,
                &on_problem,
                None,
            )
            .unwrap();
            assert_eq!((summary.scored, summary.failed), (2, 1));
            assert_eq!(summary.inputs_done(), 3);
            assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3);
            let seen = seen.into_inner().unwrap();
            assert!(seen.len() == 1 && seen[0].contains("gone"), "{seen:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_table_is_one_input_done_after_its_last_row() {
        let dir =
            std::env::temp_dir().join(format!("hedgescore-table-done-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (rows, empty, text) = (dir.join("a.csv"), dir.join("b.tsv"), dir.join("c.txt"));
        std::fs::write(&rows, "text\nIt may rain.\nIt rains.\nIt pours.\n").unwrap();
        std::fs::write(&empty, "text\tn\n").unwrap();
        std::fs::write(&text, "It may rain.").unwrap();
        for threads in [1, 2] {
            let options = RunOptions::new(threads);
            let writer = csv_writer();
            let seen = Mutex::new(Vec::new());
            let on_progress = |s: &RunSummary| seen.lock().unwrap().push(s.inputs_done());
            let (summary, _) = run_inputs(
                &Scorer::english(),
                [rows.clone(), empty.clone(), text.clone()]
                    .into_iter()
                    .map(|p| Ok(Source::File(p))),
                options,
                writer,
                &|e| panic!("{e}"),
                Some(&on_progress),
            )
            .unwrap();
            assert_eq!((summary.scored, summary.failed), (3, 0), "{summary:?}");
            assert_eq!(summary.inputs_done(), 3);
            // After each of the first table's three rows, no input is done.
            let seen = seen.into_inner().unwrap();
            assert_eq!(seen[..3], [0, 0, 0], "{seen:?}");
            assert_eq!(seen.last(), Some(&3), "{seen:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
