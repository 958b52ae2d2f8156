//! The progress line on stderr, shown only when stderr is a terminal.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hedgescore::input;
use hedgescore::run::RunSummary;

use super::messages::say;

/// A one-line progress report on stderr: inputs done, table rows scored
/// (once there are any), MB/s and time left (estimated from the sizes of
/// the input files).
pub struct ProgressBar {
    inputs: usize,
    total_bytes: u64,
    started: Instant,
    last_drawn: Mutex<Option<Instant>>,
}

/// How often the progress line is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(200);
/// How long a run goes before its progress line is shown: a quick run
/// needs none, and its output would only flicker past it.
const SHOW_AFTER: Duration = Duration::from_secs(1);

impl ProgressBar {
    /// A progress line for the inputs `paths` name. Walks them once more,
    /// to know the inputs and bytes to come (only when the line is shown,
    /// on a terminal), without holding their paths; problems are reported
    /// by the run itself, which counts each as an input done, as here.
    pub fn new(paths: &[PathBuf]) -> ProgressBar {
        let (mut inputs, mut total_bytes) = (0, 0);
        for listed in input::Inputs::new(paths.to_vec()) {
            inputs += 1;
            if let Ok(source) = listed
                && let Some(meta) = source.path().and_then(|p| std::fs::metadata(p).ok())
            {
                total_bytes += meta.len();
            }
        }
        ProgressBar {
            inputs,
            total_bytes,
            started: Instant::now(),
            last_drawn: Mutex::new(None),
        }
    }

    /// Redraws the line for `summary`, at most every [`PROGRESS_EVERY`],
    /// once the run has gone on for [`SHOW_AFTER`].
    pub fn update(&self, summary: &RunSummary) {
        let now = Instant::now();
        let mut last = self.last_drawn.lock().unwrap_or_else(|e| e.into_inner());
        if now - self.started < SHOW_AFTER || last.is_some_and(|t| now - t < PROGRESS_EVERY) {
            return;
        }
        *last = Some(now);
        say(format_args!(
            "\r\x1b[K{}",
            self.line(summary, now - self.started)
        ));
    }

    /// What the line says `elapsed` into the run: inputs done of all,
    /// table rows scored, the rate and the time left.
    fn line(&self, summary: &RunSummary, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64().max(1e-3);
        let rate = summary.bytes as f64 / seconds;
        let left = if rate > 0.0 && self.total_bytes > summary.bytes {
            format!(
                ", {:.0} s left",
                (self.total_bytes - summary.bytes) as f64 / rate
            )
        } else {
            String::new()
        };
        // A table is one input, done at its end: its rows show progress
        // within it.
        let rows = match summary.rows {
            0 => String::new(),
            1 => ", 1 table row".to_string(),
            rows => format!(", {rows} table rows"),
        };
        format!(
            "{}/{} inputs{}, {:.1} MB/s{}",
            summary.inputs_done(),
            self.inputs,
            rows,
            rate / 1e6,
            left
        )
    }

    /// Takes the line off the terminal, if it is shown, before something
    /// else is written there; the next update draws it again.
    pub fn clear(&self) {
        let mut last = self.last_drawn.lock().unwrap_or_else(|e| e.into_inner());
        if last.take().is_some() {
            say(format_args!("\r\x1b[K"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hedgescore::Scorer;
    use hedgescore::output::{CsvRows, Dialect, Level, ReportWriter};
    use hedgescore::run::{self, RunOptions};

    /// A folder of inputs written for a test, removed when dropped.
    struct TempInputs(PathBuf);

    impl TempInputs {
        fn new(name: &str, files: &[(&str, &[u8])]) -> TempInputs {
            let dir =
                std::env::temp_dir().join(format!("hedgescore-main-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (file, bytes) in files {
                std::fs::write(dir.join(file), bytes).unwrap();
            }
            TempInputs(dir)
        }
    }

    impl Drop for TempInputs {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_progress_line_counts_each_input_once() {
        // A repaired input (a Latin-1 byte), a good one and a missing one:
        // three inputs, each done once, two of them failed.
        let inputs = TempInputs::new(
            "progress",
            &[
                ("a-latin1.txt", b"It m\xe0y rain. Prices could fall."),
                ("b-good.txt", b"It rains."),
            ],
        );
        let paths = vec![
            inputs.0.join("a-latin1.txt"),
            inputs.0.join("b-good.txt"),
            inputs.0.join("c-missing.txt"),
        ];
        let bar = ProgressBar::new(&paths);
        let printer = CsvRows::new(Level::Article, Dialect::CSV);
        let writer = ReportWriter::new(Vec::new(), Box::new(printer));
        let (summary, _) = run::run_inputs(
            &Scorer::english(),
            input::Inputs::new(paths),
            RunOptions::new(1),
            writer,
            &|_| {},
            None,
        )
        .unwrap();
        assert_eq!(summary.failed, 2, "{summary:?}");
        let line = bar.line(&summary, Duration::from_secs(1));
        assert!(line.starts_with("3/3 inputs, "), "{line}");
    }

    #[test]
    fn the_progress_line_counts_a_table_as_one_input_and_shows_its_rows() {
        // A table of three rows (one with a problem) and a text file: two
        // inputs, and the rows apart.
        let inputs = TempInputs::new(
            "progress-table",
            &[
                ("a-rows.csv", b"text\nIt may rain.\nIt rains.\n\"a\"b\n"),
                ("b-good.txt", b"It rains."),
            ],
        );
        let paths = vec![inputs.0.join("a-rows.csv"), inputs.0.join("b-good.txt")];
        let bar = ProgressBar::new(&paths);
        for threads in [1, 2] {
            let lines = Mutex::new(Vec::new());
            let show = |s: &RunSummary| {
                let line = bar.line(s, Duration::from_secs(1));
                lines.lock().unwrap().push(line);
            };
            let printer = CsvRows::new(Level::Article, Dialect::CSV);
            let writer = ReportWriter::new(Vec::new(), Box::new(printer));
            let (summary, _) = run::run_inputs(
                &Scorer::english(),
                input::Inputs::new(paths.clone()),
                RunOptions::new(threads),
                writer,
                &|_| {},
                Some(&show),
            )
            .unwrap();
            let line = bar.line(&summary, Duration::from_secs(1));
            assert!(line.starts_with("2/2 inputs, 3 table rows, "), "{line}");
            let lines = lines.into_inner().unwrap();
            // While the table's rows are written it is not yet done.
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with("0/2 inputs, 3 table rows, ")),
                "{lines:?}"
            );
            assert!(
                lines
                    .iter()
                    .all(|l| !l.starts_with("3/") && !l.starts_with("4/")),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn the_progress_line_shows_the_rate_and_the_time_left() {
        let bar = ProgressBar {
            inputs: 10,
            total_bytes: 6_000_000,
            started: Instant::now(),
            last_drawn: Mutex::new(None),
        };
        let summary = RunSummary {
            scored: 4,
            bytes: 2_000_000,
            ..RunSummary::default()
        };
        assert_eq!(
            bar.line(&summary, Duration::from_secs(1)),
            "4/10 inputs, 2.0 MB/s, 2 s left"
        );
        let done = RunSummary {
            scored: 10,
            bytes: 6_000_000,
            ..RunSummary::default()
        };
        assert_eq!(
            bar.line(&done, Duration::from_secs(2)),
            "10/10 inputs, 3.0 MB/s"
        );
    }
}
