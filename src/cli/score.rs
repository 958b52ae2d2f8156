//! `hedgescore score`: inputs in, rows out.

use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, ValueEnum};

use hedgescore::Error;
use hedgescore::date::Period;
use hedgescore::groups::GroupSpec;
use hedgescore::input::{self, FileId, table::Columns, table::InputFormat};
use hedgescore::output::{
    self, Dialect, Format, HtmlReport, Level, Printer, ReportWriter, TEXT_WIDTH, TextTable,
};
use hedgescore::run::{self, RunOptions, RunSummary};

use super::messages::{EXIT_INPUT_FAILED, EXIT_OK, Outcome, say, warn};
use super::progress::ProgressBar;
use super::scorer_flags::LexiconArgs;
use super::sink::OutputSink;

/// The title of the HTML report.
const HTML_TITLE: &str = "hedgescore report";

#[derive(Args)]
pub struct ScoreArgs {
    /// Files or folders to score; `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// One row per article, per sentence, or per group of articles (with
    /// --group-by or --period; alone, one row for the whole run)
    /// [default: article, or group with --group-by or --period].
    #[arg(long, value_enum)]
    level: Option<LevelArg>,
    /// Group articles by a column carried from table inputs (as the output
    /// names it), or by `folder`, each input's folder; repeatable, each
    /// group a combination. Gives group rows with 95% intervals, and the
    /// HTML report's corpus view.
    #[arg(long = "group-by", value_name = "COLUMN")]
    group_by: Vec<String>,
    /// Group articles by the period of their date; articles without one
    /// form the group `no date`.
    #[arg(long, value_enum, value_name = "PERIOD")]
    period: Option<PeriodArg>,
    /// The column of table inputs that holds each article's date (an ISO
    /// date or date-time) [default: date, if there is one].
    #[arg(long, value_name = "NAME")]
    date_column: Option<String>,
    /// Output format [default: from the extension of -o FILE (.csv, .json,
    /// .jsonl, .html, .htm, .xlsx; .txt is text), else text]. xlsx is an
    /// Excel workbook: to a file, or to standard output redirected to a
    /// file or pipe, never to a terminal.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Treat each input line as one sentence, scored as is, one row per line.
    #[arg(long)]
    lines: bool,
    /// Write to FILE (replaced only when the run completes) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress bar (it is shown only when stderr is a terminal).
    #[arg(long, short)]
    quiet: bool,
    /// How inputs are read [default: from the file extension: .csv, .tsv,
    /// .jsonl, .xlsx (and .xlsm, .xlsb, .xls, .ods), anything else text;
    /// standard input is text]. A table row is one article; its other
    /// columns are carried into the output row.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormatArg>,
    /// The column (or JSON field) of table inputs that holds the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_column: String,
    /// The column (or JSON field) of table inputs that names each article
    /// [default: FILE:LINE].
    #[arg(long, value_name = "NAME")]
    id_column: Option<String>,
    /// The sheet of workbook inputs to read [default: the first worksheet].
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The HTML report shows this many articles in full, least certain
    /// first; the others are in its summary table only.
    #[arg(long, value_name = "N", default_value_t = 200)]
    html_articles: usize,
    /// CSV for Excel: a UTF-8 byte order mark and CRLF line ends.
    #[arg(long)]
    excel: bool,
    /// Add measures to article rows: `liwc` adds words per sentence, the
    /// percentage of words the lexicon covers and each category as a
    /// percentage of words, as LIWC reports them (see docs/GUIDE.md).
    #[arg(long, value_enum, value_name = "SET")]
    measures: Option<MeasuresArg>,
    /// Write CSV text cells as they are. By default a text that begins with
    /// =, +, -, @, a tab or a carriage return (and is not a plain number)
    /// gets a leading apostrophe, so that a spreadsheet shows it as text
    /// and never runs it as a formula.
    #[arg(long)]
    raw_cells: bool,
    /// Worker threads [default: all cores]; 0 means all cores, and more
    /// than there are cores is cut to the cores, with a note. Output order
    /// never depends on it.
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    Text,
    Csv,
    Tsv,
    Jsonl,
    /// A workbook: Excel (.xlsx, .xlsm, .xlsb, .xls) or OpenDocument (.ods).
    #[value(alias = "xls", alias = "ods")]
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum MeasuresArg {
    Liwc,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum LevelArg {
    Article,
    Sentence,
    Group,
}

#[derive(Clone, Copy, ValueEnum)]
enum PeriodArg {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl From<PeriodArg> for Period {
    fn from(period: PeriodArg) -> Period {
        match period {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Csv,
    Json,
    Jsonl,
    Html,
    Xlsx,
}

impl ScoreArgs {
    /// The inputs named, standard input when none is.
    fn paths(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        }
    }

    /// How the run reads, and the format's printer, from the flags.
    fn run_options(&self, paths: &[PathBuf]) -> Result<(RunOptions, Box<dyn Printer>), Error> {
        let format = self.format()?;
        if format == Format::Html && self.lines {
            return Err(Error::usage(
                "--format html reports articles; it does not go with --lines",
            ));
        }
        let (level, grouping) = self.level_and_grouping(format)?;
        let liwc_measures = self.measures.is_some();
        if liwc_measures
            && (level != Level::Article || matches!(format, Format::Text | Format::Html))
        {
            return Err(Error::usage(
                "--measures adds columns to article rows: use it with --level article and a format that writes every column (csv, json, jsonl, xlsx)",
            ));
        }
        let threads = usable_threads(self.threads);
        let dialect = if self.excel {
            Dialect::EXCEL
        } else {
            Dialect::CSV
        };
        let dialect = if self.raw_cells {
            dialect.raw()
        } else {
            dialect
        };
        let options = RunOptions {
            lines: self.lines,
            input_format: self.input_format.map(|f| match f {
                InputFormatArg::Text => InputFormat::Text,
                InputFormatArg::Csv => InputFormat::Csv,
                InputFormatArg::Tsv => InputFormat::Tsv,
                InputFormatArg::Jsonl => InputFormat::Jsonl,
                InputFormatArg::Xlsx => InputFormat::Workbook,
            }),
            columns: Columns {
                text: self.text_column.clone(),
                id: self.id_column.clone(),
                sheet: self.sheet.clone(),
                date: self.date_column.clone(),
            },
            grouping,
            // Standard input may be a pipe from a cluster job that waits for
            // each answer: pass rows on as soon as they are scored.
            flush_each_piece: paths.iter().any(|p| p.as_os_str() == "-"),
            liwc_measures,
            ..RunOptions::new(threads)
        };
        let printer: Box<dyn Printer> = match format {
            Format::Text => Box::new(TextTable::new(level).width(text_width())),
            Format::Html => Box::new(HtmlReport::new(HTML_TITLE).with_articles(self.html_articles)),
            _ => output::printer(format, level, dialect),
        };
        Ok((options, printer))
    }

    /// The rows' level and the groups asked for: grouping flags make group
    /// rows (in HTML, the corpus view), which no other level can be mixed
    /// with, and `--level group` alone makes the whole-run row.
    fn level_and_grouping(&self, format: Format) -> Result<(Level, Option<GroupSpec>), Error> {
        let spec = GroupSpec {
            keys: self.group_by.clone(),
            period: self.period.map(Period::from),
        };
        let grouped = spec.groups() || self.level == Some(LevelArg::Group);
        let level = match (self.lines, self.level) {
            (true, Some(LevelArg::Group)) => {
                return Err(Error::usage("--lines scores lines; it makes no group rows"));
            }
            (true, _) if spec.groups() => {
                return Err(Error::usage(
                    "--group-by and --period group articles; they do not go with --lines",
                ));
            }
            (true, _) | (false, Some(LevelArg::Sentence)) => Level::Sentence,
            (false, Some(LevelArg::Article)) => Level::Article,
            (false, Some(LevelArg::Group)) => Level::Group,
            (false, None) if spec.groups() => Level::Group,
            (false, None) => Level::Article,
        };
        if spec.groups() && level != Level::Group && format != Format::Html {
            return Err(Error::usage(
                "--group-by and --period make group rows, which do not mix with article or \
                 sentence rows: leave out --level (or give --level group), and score again for the other rows",
            ));
        }
        Ok((level, grouped.then_some(spec)))
    }

    /// The output format: as asked, else as the `-o` file's extension
    /// says, else text. A format that contradicts the extension is a
    /// usage error: `-o report.html --format csv` is a slip either way.
    fn format(&self) -> Result<Format, Error> {
        let asked = self.format.map(|f| match f {
            FormatArg::Text => Format::Text,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
        });
        let implied = self.output.as_deref().and_then(format_of_extension);
        match (asked, implied) {
            (Some(asked), Some(implied)) if asked != implied => Err(Error::usage(format!(
                "--format {} contradicts the extension of -o {}; give one or make them agree",
                format_name(asked),
                self.output.as_deref().unwrap_or(Path::new("")).display()
            ))),
            (Some(Format::Xlsx), _) if self.output.is_none() && std::io::stdout().is_terminal() => {
                Err(Error::usage(
                    "an .xlsx workbook is binary and would garble the terminal; write it with -o FILE.xlsx (or redirect standard output to a file or pipe)",
                ))
            }
            (Some(format), _) | (None, Some(format)) => Ok(format),
            (None, None) => Ok(Format::Text),
        }
    }
}

/// The format a file's extension names, if it names one.
fn format_of_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" => Some(Format::Csv),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "html" | "htm" => Some(Format::Html),
        "xlsx" => Some(Format::Xlsx),
        "txt" => Some(Format::Text),
        _ => None,
    }
}

/// A format as `--format` names it.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Html => "html",
        Format::Xlsx => "xlsx",
    }
}

/// The width of the text table: the terminal's when standard output is
/// one, else `COLUMNS` when set, else 80.
fn text_width() -> usize {
    let stdout = std::io::stdout();
    if stdout.is_terminal()
        && let Some((terminal_size::Width(width), _)) = terminal_size::terminal_size_of(&stdout)
    {
        return usize::from(width);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(TEXT_WIDTH)
}

/// The worker threads for `--threads asked`: all cores for none or 0,
/// and never more than the cores, since the run's threads only score (each
/// reads under one lock), so more than the cores cannot be used.
fn usable_threads(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    match asked {
        None | Some(0) => cores,
        Some(n) if n > cores => {
            say(format_args!(
                "hedgescore: note: --threads {n} is more than the {cores} cores here; using {cores}\n"
            ));
            cores
        }
        Some(n) => n,
    }
}

/// The files this run writes, which it must never read: standard output
/// when it is a regular file (`> out.csv` in the folder scored), and the
/// `-o` file when it exists (the previous run's output).
fn own_outputs(output: Option<&Path>) -> Vec<FileId> {
    let stdout = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .and_then(|fd| std::fs::File::from(fd).metadata().ok())
        .filter(|meta| meta.is_file())
        .and_then(|meta| FileId::of(&meta));
    let file = output.and_then(|path| FileId::of_path(path).ok().flatten());
    stdout.into_iter().chain(file).collect()
}

/// An `-o` file named as an input would be replaced by its own scores.
fn refuse_output_as_input(
    output: Option<&Path>,
    inputs: &[PathBuf],
    own: &[FileId],
) -> Result<(), Error> {
    let Some(output) = output else { return Ok(()) };
    for input in inputs {
        let id = FileId::of_path(input).ok().flatten();
        if id.is_some_and(|id| own.contains(&id))
            && std::fs::metadata(input).is_ok_and(|m| m.is_file())
        {
            return Err(Error::usage(format!(
                "the output {} is also an input; write the output to another file",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Runs `hedgescore score`.
pub fn run(args: ScoreArgs) -> Outcome {
    let scorer = args.lexicon.scorer()?;
    let paths = args.paths();
    let (options, printer) = args.run_options(&paths)?;
    let own_outputs = own_outputs(args.output.as_deref());
    refuse_output_as_input(args.output.as_deref(), &paths, &own_outputs)?;
    let mut sink = OutputSink::open(args.output.as_deref())?;
    let progress = (!args.quiet && std::io::stderr().is_terminal())
        .then(|| Arc::new(ProgressBar::new(&paths)));
    if let Some(bar) = &progress {
        sink.clear_progress(bar);
    }
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        say(format_args!(
            "hedgescore: reading standard input: type or paste text, then Ctrl-D to end it (Ctrl-Z and Enter on Windows); or give files: hedgescore score FILE...\n"
        ));
    }
    let show = |s: &RunSummary| {
        if let Some(bar) = &progress {
            bar.update(s);
        }
    };
    let warn_clear = |e: &Error| {
        if let Some(bar) = &progress {
            bar.clear();
        }
        warn(e);
    };
    // Folders are listed as the run goes, so a tree of any depth and size
    // is scored holding one folder's listing per level, not every path;
    // problems listing them come in their place.
    let (summary, sink) = run::run_inputs(
        &scorer,
        input::Inputs::new(paths).excluding(own_outputs),
        options,
        ReportWriter::new(sink, printer),
        &warn_clear,
        progress
            .as_ref()
            .map(|_| &show as &(dyn Fn(&RunSummary) + Sync)),
    )?;
    if let Some(bar) = &progress {
        bar.clear();
    }
    sink.commit()?;
    Ok(if summary.failed > 0 {
        EXIT_INPUT_FAILED
    } else {
        EXIT_OK
    })
}
