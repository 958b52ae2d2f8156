//! The `hedgescore` command: a thin layer that turns flags into a
//! [`hedgescore::Scorer`] and writers, reports problems and picks the exit
//! code (0 all scored, 1 some input failed, 2 usage or lexicon error).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};

use hedgescore::input;
use hedgescore::input::table::{Columns, InputFormat};
use hedgescore::output::{Format, Level, ReportWriter};
use hedgescore::run::{self, RunOptions, RunSummary};
use hedgescore::tune::eval::{self, GoldSentence, Prediction};
use hedgescore::tune::stats::{self, STAT_COLUMNS};
use hedgescore::{Error, ErrorKind, Lexicon, ScoreParams, ScoredText, Scorer};

/// Exit code when every input was scored.
const EXIT_OK: u8 = 0;
/// Exit code when some input could not be read or had to be repaired.
const EXIT_INPUT_FAILED: u8 = 1;
/// Exit code for a usage error, a bad lexicon or an output that failed.
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "hedgescore",
    version,
    about = "Measure hedging and uncertainty in English text",
    long_about = "Finds the language of uncertainty (\"some speculating\", \"it is also possible\", \
\"could\", \"approximately\") and of certainty (\"is convinced\", \"clearly\"), gives each sentence \
a certainty between 0 and 1, and rolls the scores up into a report per article.\n\n\
Exit status: 0 when every input was scored, 1 when some input failed or had to be repaired \
(the others are still scored), 2 for a usage error, a bad lexicon or output that could not be written."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score articles: files, folders (recursively) or standard input.
    #[command(after_help = "Examples:\n  \
hedgescore score article.txt\n  \
hedgescore score --level sentence --format csv articles/ > sentences.csv\n  \
cat article.txt | hedgescore score --format json\n  \
hedgescore score --lines --format csv sentences.txt\n  \
hedgescore score --format csv --excel --id-column id articles.csv > scores.csv\n  \
hedgescore score --input-format jsonl --format jsonl < articles.jsonl")]
    Score(ScoreArgs),
    /// Measure accuracy against labelled sentences (label<TAB>sentence).
    #[command(after_help = "Examples:\n  \
hedgescore eval ../shared/data/labeled/bioscope-abstracts.tsv\n  \
hedgescore eval --errors 10 ../shared/data/labeled/wikipedia-weasel-train.tsv\n  \
hedgescore eval --ratings ../shared/data/labeled/science-certainty-ratings.tsv\n  \
hedgescore eval tests/news-labels.tsv   # sentences named by reference into ../shared's articles")]
    Eval(EvalArgs),
    /// Show why each sentence scored what it did: its cues, by category,
    /// and the arithmetic of its score (colour on a terminal; NO_COLOR is respected).
    #[command(after_help = "Examples:\n  \
hedgescore explain \"It is not clear whether the drug could help.\"\n  \
hedgescore explain < article.txt")]
    Explain(ExplainArgs),
    /// Tools for tuning and checking lexicons.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  hedgescore completions bash > /etc/bash_completion.d/hedgescore"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  hedgescore man > hedgescore.1 && man ./hedgescore.1")]
    Man,
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Check lexicon files (the effective lexicon: default, packs and
    /// --lexicon additions): duplicates, conflicting weights, entries that
    /// can never match, rules that do nothing. Exits 2 on errors.
    #[command(after_help = "Examples:\n  \
hedgescore lexicon check\n  \
hedgescore lexicon check --no-default-lexicon --lexicon my-lexicon/")]
    Check(CheckArgs),
    /// Print the effective lexicon as a lexicon file: the start of your own copy.
    /// Its last lines name the word lists of the rules; --words prints one.
    #[command(after_help = "Examples:\n  \
hedgescore lexicon list --pack science > my-lexicon/lexicon.tsv\n  \
hedgescore lexicon list --words reporting-verbs > my-lexicon/reporting-verbs.txt")]
    List(ListArgs),
    /// For every entry, how it fares on labelled data, worst first; then the
    /// frequent words of uncertain sentences that no entry covers.
    #[command(after_help = "Example:\n  \
hedgescore lexicon stats ../shared/data/labeled/bioscope-abstracts.tsv > stats.tsv")]
    Stats(StatsArgs),
}

#[derive(Args, Clone)]
struct LexiconArgs {
    /// Add a lexicon file, or a folder of .tsv files; later entries replace
    /// earlier ones of the same cue. Repeatable.
    #[arg(long = "lexicon", value_name = "PATH")]
    lexicons: Vec<PathBuf>,
    /// Start from an empty lexicon instead of the built-in English one.
    #[arg(long)]
    no_default_lexicon: bool,
    /// Add a built-in domain pack (see the README). Repeatable.
    #[arg(long = "pack", value_name = "NAME")]
    packs: Vec<String>,
    /// Certainty of a sentence with no cues, from 0 to 1.
    #[arg(long, value_name = "X", default_value_t = hedgescore::scoring::NEUTRAL_CERTAINTY,
          value_parser = unit_interval, allow_negative_numbers = true)]
    neutral: f64,
    /// Saturation constant of the certainty formula, greater than 0 (larger: slower to move).
    #[arg(long, value_name = "X", default_value_t = hedgescore::scoring::SATURATION_ALPHA,
          value_parser = positive, allow_negative_numbers = true)]
    alpha: f64,
    /// Hedge weight from which a sentence is labelled uncertain, unless its
    /// boosters weigh more; greater than 0.
    #[arg(long, value_name = "X", default_value_t = hedgescore::scoring::UNCERTAIN_AT,
          value_parser = positive, allow_negative_numbers = true)]
    threshold: f64,
}

/// Parses a scoring constant from 0 to 1.
fn unit_interval(text: &str) -> Result<f64, String> {
    finite_constant(text, |x| (0.0..=1.0).contains(&x), "a number from 0 to 1")
}

/// Parses a scoring constant greater than 0.
fn positive(text: &str) -> Result<f64, String> {
    finite_constant(text, |x| x > 0.0, "a finite number greater than 0")
}

/// Parses a finite number that `allowed` accepts; otherwise the message
/// says what is allowed (clap names the flag). Infinity and NaN parse as
/// numbers but make every certainty the same or none uncertain.
fn finite_constant(text: &str, allowed: fn(f64) -> bool, range: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && allowed(x) => Ok(x),
        _ => Err(format!("must be {range}")),
    }
}

#[derive(Args)]
struct ScoreArgs {
    /// Files or folders to score; `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// One row per article or per sentence.
    #[arg(long, value_enum, default_value_t = LevelArg::Article)]
    level: LevelArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
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
    /// .jsonl, anything else text; standard input is text]. A table row is
    /// one article; its other columns are carried into the output row.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormatArg>,
    /// The column (or JSON field) of table inputs that holds the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_column: String,
    /// The column (or JSON field) of table inputs that names each article
    /// [default: FILE:LINE].
    #[arg(long, value_name = "NAME")]
    id_column: Option<String>,
    /// CSV for Excel: a UTF-8 byte order mark and CRLF line ends.
    #[arg(long)]
    excel: bool,
    /// Worker threads [default: all cores]. Output order never depends on it.
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args)]
struct EvalArgs {
    /// Labelled files: label<TAB>sentence per line, or sentence references (article<TAB>sentence<TAB>fingerprint<TAB>label, see the README).
    #[arg(value_name = "GOLD", required = true)]
    gold: Vec<PathBuf>,
    /// Labels are certainty ratings (for example 1 to 6), not 0/1; detected when absent.
    #[arg(long)]
    ratings: bool,
    /// Output format of the figures.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    format: EvalFormat,
    /// Also list the N worst false positives and false negatives with their
    /// cues: after each file's figures, or in JSON in each file's object
    /// (`worst_false_positives`, `worst_false_negatives`); not with --format csv.
    #[arg(long, value_name = "N")]
    errors: Option<usize>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args)]
struct ListArgs {
    /// Print this word list instead (such as reporting-verbs or
    /// abbreviations), as read; saved as NAME.txt in a --lexicon folder it
    /// replaces the list.
    #[arg(long, value_name = "NAME")]
    words: Option<hedgescore::lexicon::WordListName>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args)]
struct ExplainArgs {
    /// The text to explain; standard input when absent.
    text: Option<String>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args)]
struct StatsArgs {
    /// Labelled files: label<TAB>sentence per line, or sentence references (see eval); a NAME.cues.tsv beside one is read too.
    #[arg(value_name = "GOLD", required = true)]
    gold: Vec<PathBuf>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    Text,
    Csv,
    Tsv,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Article,
    Sentence,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Csv,
    Json,
    Jsonl,
    Html,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum EvalFormat {
    Text,
    Csv,
    Json,
}

/// How a command ended.
enum Failure {
    /// A usage, lexicon or output error: nothing useful was done.
    Fatal(Error),
    /// The reader of our output went away: stop quietly.
    BrokenPipe,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        if e.is_broken_pipe() {
            Failure::BrokenPipe
        } else {
            Failure::Fatal(e)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => run_score(args),
        Command::Eval(args) => run_eval(args),
        Command::Lexicon(LexiconCommand::Stats(args)) => run_stats(args),
        Command::Lexicon(LexiconCommand::Check(args)) => run_check(args),
        Command::Lexicon(LexiconCommand::List(args)) => run_list(args),
        Command::Explain(args) => run_explain(args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "hedgescore", &mut script);
            write_stdout(&script)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| Failure::from(Error::io(None, e)))
                .and_then(|()| write_stdout(&page))
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::from(EXIT_OK),
        Err(Failure::Fatal(e)) => {
            eprintln!("hedgescore: error: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Writes generated text to standard output through the one error path
/// (generators write straight to stdout panic on a closed pipe or a full disk).
fn write_stdout(bytes: &[u8]) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::from(Error::io(None, e)))?;
    Ok(EXIT_OK)
}

/// Builds the scorer the lexicon flags describe.
fn build_scorer(args: &LexiconArgs) -> Result<Scorer, Error> {
    let mut lexicon = if args.no_default_lexicon {
        Lexicon::new()
    } else {
        Lexicon::english()
    };
    for pack in &args.packs {
        let Some(extra) = Lexicon::builtin(pack) else {
            return Err(Error::input(
                None,
                None,
                format!(
                    "there is no built-in pack {pack:?}; the packs are: {}",
                    Lexicon::builtin_packs().join(", ")
                ),
            ));
        };
        lexicon.extend(extra);
    }
    for path in &args.lexicons {
        lexicon.add_path(path)?;
    }
    if lexicon.is_empty() {
        return Err(Error::input(
            None,
            None,
            "the lexicon is empty: give --lexicon PATH with --no-default-lexicon",
        ));
    }
    let params = ScoreParams {
        neutral: args.neutral,
        alpha: args.alpha,
        uncertain_at: args.threshold,
        ..ScoreParams::default()
    };
    Scorer::new(lexicon, params)
}

/// Reports a problem with one input, or a notice; the run goes on.
fn warn(e: &Error) {
    if e.kind() == ErrorKind::Notice {
        eprintln!("hedgescore: note: {e}");
    } else {
        eprintln!("hedgescore: {e}");
    }
}

fn run_score(args: ScoreArgs) -> Result<u8, Failure> {
    let scorer = build_scorer(&args.lexicon)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Html => Format::Html,
    };
    if format == Format::Html && args.lines {
        return Err(Failure::Fatal(Error::input(
            None,
            None,
            "--format html reports articles; it does not go with --lines",
        )));
    }
    let level = match (args.lines, args.level) {
        (true, _) | (false, LevelArg::Sentence) => Level::Sentence,
        (false, LevelArg::Article) => Level::Article,
    };
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let input_format = args.input_format.map(|f| match f {
        InputFormatArg::Text => InputFormat::Text,
        InputFormatArg::Csv => InputFormat::Csv,
        InputFormatArg::Tsv => InputFormat::Tsv,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
    });
    let options = RunOptions {
        lines: args.lines,
        input_format,
        columns: Columns {
            text: args.text_column.clone(),
            id: args.id_column.clone(),
        },
        excel: args.excel,
        // Standard input may be a pipe from a cluster job that waits for
        // each answer: pass rows on as soon as they are scored.
        flush_each_piece: paths.iter().any(|p| p.as_os_str() == "-"),
        ..RunOptions::new(format, level, threads.max(1))
    };
    let sink = OutputSink::open(args.output.as_deref())?;
    let writer = ReportWriter::new(sink, format, level).excel(args.excel);
    let progress =
        (!args.quiet && std::io::stderr().is_terminal()).then(|| ProgressBar::new(&paths));
    let show = |s: &RunSummary| {
        if let Some(bar) = &progress {
            bar.update(s);
        }
    };
    let quiet_warn = |e: &Error| {
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
        input::Inputs::new(paths),
        options,
        writer,
        &quiet_warn,
        progress
            .as_ref()
            .map(|_| &show as &(dyn Fn(&RunSummary) + Sync)),
    )?;
    if let Some(bar) = &progress {
        bar.clear();
    }
    sink.commit()?;
    let failed = summary.failed > 0;
    Ok(if failed { EXIT_INPUT_FAILED } else { EXIT_OK })
}

/// A one-line progress report on stderr: inputs done, table rows scored
/// (once there are any), MB/s and time left (estimated from the sizes of
/// the input files).
struct ProgressBar {
    inputs: usize,
    total_bytes: u64,
    started: Instant,
    last_drawn: Mutex<Option<Instant>>,
}

/// How often the progress line is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(200);

impl ProgressBar {
    /// A progress line for the inputs `paths` name. Walks them once more,
    /// to know the inputs and bytes to come (only when the line is shown,
    /// on a terminal), without holding their paths; problems are reported
    /// by the run itself, which counts each as an input done, as here.
    fn new(paths: &[PathBuf]) -> ProgressBar {
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

    fn update(&self, summary: &RunSummary) {
        let now = Instant::now();
        let mut last = self.last_drawn.lock().unwrap_or_else(|e| e.into_inner());
        if last.is_some_and(|t| now - t < PROGRESS_EVERY) {
            return;
        }
        *last = Some(now);
        eprint!("\r\x1b[K{}", self.line(summary, now - self.started));
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

    fn clear(&self) {
        if self
            .last_drawn
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            eprint!("\r\x1b[K");
        }
    }
}

/// Where output goes: standard output, or a temporary file beside the
/// target that replaces it only when the run completes, so a failed run
/// never leaves a truncated file over a good one.
struct OutputSink {
    inner: std::io::BufWriter<Box<dyn Write + Send>>,
    /// For a file: the temporary file until it is renamed or removed, and
    /// the target.
    target: Option<(PendingFile, PathBuf)>,
}

/// The temporary file of a run, shared with the thread that removes it
/// if a signal ends the process: a killed process runs no destructors.
/// Whoever takes the name holds the lock until done with the file, so a
/// signal during the rename finds nothing to remove.
type PendingFile = Arc<Mutex<Option<PathBuf>>>;

fn lock(pending: &PendingFile) -> MutexGuard<'_, Option<PathBuf>> {
    pending.lock().unwrap_or_else(|e| e.into_inner())
}

/// Watches for SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed):
/// on the first, removes the pending temporary file, then ends the process
/// by that signal, as its default action would have (a shell reports it
/// as 128 + its number, 130 for Ctrl-C, and a script that ran us stops).
fn remove_on_signal(pending: PendingFile) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the process ends: no rename after the removal.
            let temp = lock(&pending);
            if let Some(temp) = temp.as_ref() {
                let _ = std::fs::remove_file(temp);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            // Not reached: the default action of these signals ends us.
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

impl OutputSink {
    fn open(target: Option<&Path>) -> Result<OutputSink, Error> {
        match target {
            None => Ok(OutputSink {
                inner: std::io::BufWriter::with_capacity(1 << 16, Box::new(std::io::stdout())),
                target: None,
            }),
            Some(path) => {
                let name = path.file_name().ok_or_else(|| {
                    Error::input(Some(path), None, "the output path names no file")
                })?;
                let temp = path.with_file_name(format!(
                    ".{}.hedgescore-{}.tmp",
                    name.to_string_lossy(),
                    std::process::id()
                ));
                let pending = PendingFile::default();
                remove_on_signal(pending.clone()).map_err(|e| Error::io(Some(path), e))?;
                // Created under the lock: a signal meanwhile waits for the
                // name, so the file cannot outlive the process unnamed.
                let file = {
                    let mut name = lock(&pending);
                    let file =
                        std::fs::File::create(&temp).map_err(|e| Error::io(Some(path), e))?;
                    *name = Some(temp);
                    file
                };
                Ok(OutputSink {
                    inner: std::io::BufWriter::with_capacity(1 << 16, Box::new(file)),
                    target: Some((pending, path.to_path_buf())),
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    fn commit(mut self) -> Result<(), Error> {
        let flushed = self.inner.flush();
        match self.target.take() {
            None => flushed.map_err(|e| Error::io(None, e)),
            Some((pending, path)) => {
                let mut name = lock(&pending);
                let Some(temp) = name.take() else {
                    unreachable!("the temporary file is named until commit or drop")
                };
                if let Err(e) = flushed {
                    let _ = std::fs::remove_file(&temp);
                    return Err(Error::io(Some(&path), e));
                }
                std::fs::rename(&temp, &path).map_err(|e| {
                    let _ = std::fs::remove_file(&temp);
                    Error::io(Some(&path), e)
                })
            }
        }
    }
}

impl Write for OutputSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for OutputSink {
    fn drop(&mut self) {
        // A run that ends without commit (an error) leaves no temporary file.
        if let Some((pending, _)) = &self.target
            && let Some(temp) = lock(pending).take()
        {
            let _ = std::fs::remove_file(temp);
        }
    }
}

fn run_eval(args: EvalArgs) -> Result<u8, Failure> {
    if args.errors.is_some() && args.format == EvalFormat::Csv {
        // The CSV output is one table of figures, one row per file: a
        // program reading it has no place for sentences.
        return Err(Failure::Fatal(Error::input(
            None,
            None,
            "--errors lists sentences, which the CSV table of figures has no column for; use --format json (the lists are data in each file's object) or --format text",
        )));
    }
    let scorer = build_scorer(&args.lexicon)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| Failure::from(Error::io(None, e));
    if args.format == EvalFormat::Csv {
        writeln!(out, "file,sentences,uncertain_gold,true_positives,false_positives,false_negatives,true_negatives,precision,recall,f1,pearson,spearman").map_err(io)?;
    }
    let mut json_rows = Vec::new();
    for path in &args.gold {
        let gold = eval::read_gold(path, scorer.splitter())?;
        let ratings = args.ratings || eval::looks_like_ratings(&gold);
        let predictions = eval::predict(&scorer, &gold);
        let e = eval::evaluate(&gold, &predictions, ratings);
        let name = path.display().to_string();
        let uncertain_gold = e.true_positives + e.false_negatives;
        // Ratings have no false positives or negatives to list.
        let mistakes = args
            .errors
            .filter(|_| !ratings)
            .map(|n| (n, eval::mistakes(&gold, &predictions)));
        match args.format {
            EvalFormat::Text => {
                writeln!(out, "{name}").map_err(io)?;
                if ratings {
                    writeln!(
                        out,
                        "  sentences {}  pearson {:.4}  spearman {:.4}",
                        e.sentences, e.pearson, e.spearman
                    )
                    .map_err(io)?;
                } else {
                    writeln!(
                        out,
                        "  sentences {}  uncertain {}  precision {:.4}  recall {:.4}  F1 {:.4}\n  tp {}  fp {}  fn {}  tn {}  spearman {:.4}",
                        e.sentences, uncertain_gold, e.precision(), e.recall(), e.f1(),
                        e.true_positives, e.false_positives, e.false_negatives, e.true_negatives, e.spearman
                    )
                    .map_err(io)?;
                }
            }
            EvalFormat::Csv => writeln!(
                out,
                "{},{},{},{},{},{},{},{:.4},{:.4},{:.4},{:.4},{:.4}",
                hedgescore::output::csv_field(&name),
                e.sentences,
                uncertain_gold,
                e.true_positives,
                e.false_positives,
                e.false_negatives,
                e.true_negatives,
                e.precision(),
                e.recall(),
                e.f1(),
                e.pearson,
                e.spearman
            )
            .map_err(io)?,
            EvalFormat::Json => {
                let mut row = serde_json::json!({
                    "file": name,
                    "ratings": ratings,
                    "sentences": e.sentences,
                    "uncertain_gold": uncertain_gold,
                    "true_positives": e.true_positives,
                    "false_positives": e.false_positives,
                    "false_negatives": e.false_negatives,
                    "true_negatives": e.true_negatives,
                    "precision": e.precision(),
                    "recall": e.recall(),
                    "f1": e.f1(),
                    "pearson": e.pearson,
                    "spearman": e.spearman,
                });
                if let Some((n, mistakes)) = &mistakes {
                    let list = |predictions: &[&Prediction]| {
                        mistakes_json(&scorer, &gold, &predictions[..predictions.len().min(*n)])
                    };
                    row["worst_false_positives"] = list(&mistakes.false_positives);
                    row["worst_false_negatives"] = list(&mistakes.false_negatives);
                }
                json_rows.push(row);
            }
        }
        if let Some((n, mistakes)) = mistakes
            && args.format == EvalFormat::Text
        {
            write_mistakes(&mut out, &scorer, &gold, mistakes, n).map_err(io)?;
        }
    }
    if args.format == EvalFormat::Json {
        serde_json::to_writer_pretty(&mut out, &json_rows).map_err(|e| io(e.into()))?;
        writeln!(out).map_err(io)?;
    }
    out.flush().map_err(io)?;
    Ok(EXIT_OK)
}

/// Prints the `n` worst false positives (most confidently uncertain
/// certain sentences) and false negatives (most confidently certain
/// uncertain ones), after the count of each.
fn write_mistakes(
    out: &mut impl Write,
    scorer: &Scorer,
    gold: &[GoldSentence],
    mistakes: eval::Mistakes,
    n: usize,
) -> std::io::Result<()> {
    let mut scored = ScoredText::default();
    for (title, list) in [
        ("false positives", mistakes.false_positives),
        ("false negatives", mistakes.false_negatives),
    ] {
        writeln!(out, "  {title} ({}):", list.len())?;
        for p in list.into_iter().take(n) {
            let g = &gold[p.index];
            scorer.score_as_sentence(&g.text, &mut scored);
            let cues = hedgescore::output::cues_field(scorer, &g.text, &scored.cues);
            writeln!(
                out,
                "    line {} certainty {:.3} [{}] {}",
                g.line, p.certainty, cues, g.text
            )?;
        }
    }
    Ok(())
}

/// Mistaken sentences as JSON: line, certainty, cues (as in sentence
/// rows) and text.
fn mistakes_json(
    scorer: &Scorer,
    gold: &[GoldSentence],
    predictions: &[&Prediction],
) -> serde_json::Value {
    let mut scored = ScoredText::default();
    predictions
        .iter()
        .map(|p| {
            let g = &gold[p.index];
            scorer.score_as_sentence(&g.text, &mut scored);
            serde_json::json!({
                "line": g.line,
                "certainty": p.certainty,
                "cues": hedgescore::output::cues_json(scorer, &g.text, &scored.cues),
                "text": g.text,
            })
        })
        .collect()
}

fn run_check(args: CheckArgs) -> Result<u8, Failure> {
    let scorer = build_scorer(&args.lexicon)?;
    let findings = hedgescore::tune::check::check_lexicon(scorer.lexicon());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| Failure::from(Error::io(None, e));
    for finding in &findings {
        writeln!(out, "{finding}").map_err(io)?;
    }
    writeln!(
        out,
        "{} entries checked: {} findings",
        scorer.lexicon().len(),
        findings.len()
    )
    .map_err(io)?;
    out.flush().map_err(io)?;
    Ok(if hedgescore::tune::check::has_errors(&findings) {
        EXIT_USAGE
    } else {
        EXIT_OK
    })
}

fn run_list(args: ListArgs) -> Result<u8, Failure> {
    let scorer = build_scorer(&args.lexicon)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.words {
        Some(name) => hedgescore::tune::check::write_word_list(scorer.lexicon(), name, &mut out),
        None => hedgescore::tune::check::write_lexicon_tsv(scorer.lexicon(), &mut out),
    }
    .map_err(|e| Failure::from(Error::io(None, e)))?;
    Ok(EXIT_OK)
}

fn run_explain(args: ExplainArgs) -> Result<u8, Failure> {
    let scorer = build_scorer(&args.lexicon)?;
    let text = match args.text {
        Some(text) => text,
        None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| Failure::from(Error::io(None, e)))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let article = hedgescore::Article::new("-", &text);
    let explained = hedgescore::tune::explain::explain(&scorer, article.body(), color);
    let mut out = std::io::stdout().lock();
    out.write_all(explained.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::from(Error::io(None, e)))?;
    Ok(EXIT_OK)
}

fn run_stats(args: StatsArgs) -> Result<u8, Failure> {
    let scorer = build_scorer(&args.lexicon)?;
    let rows = stats::lexicon_stats(&scorer, &args.gold)?;
    let stdout = std::io::stdout();
    let mut out = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(std::io::BufWriter::new(stdout.lock()));
    let csv_failure = |e: csv::Error| -> Failure {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(None, io).into(),
            other => Error::input(None, None, format!("{other:?}")).into(),
        }
    };
    out.write_record(STAT_COLUMNS).map_err(csv_failure)?;
    for row in &rows {
        out.write_record([
            row.kind.to_string(),
            row.cue.clone(),
            row.category.clone(),
            row.weight.map(|w| w.to_string()).unwrap_or_default(),
            row.sentences.to_string(),
            row.uncertain.to_string(),
            row.certain.to_string(),
            format!("{:.3}", row.precision()),
            row.missed.to_string(),
            row.source.clone(),
            stats::note(row).to_string(),
        ])
        .map_err(csv_failure)?;
    }
    out.flush().map_err(|e| Failure::from(Error::io(None, e)))?;
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let writer = ReportWriter::new(Vec::new(), Format::Csv, Level::Article);
        let (summary, _) = run::run_inputs(
            &Scorer::english(),
            input::Inputs::new(paths),
            RunOptions::new(Format::Csv, Level::Article, 1),
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
            let writer = ReportWriter::new(Vec::new(), Format::Csv, Level::Article);
            let (summary, _) = run::run_inputs(
                &Scorer::english(),
                input::Inputs::new(paths.clone()),
                RunOptions::new(Format::Csv, Level::Article, threads),
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
