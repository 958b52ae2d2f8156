//! `hedgescore eval`: accuracy against labelled sentences, as text, CSV
//! or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use hedgescore::output::csv::{CsvLine, Dialect, push_record};
use hedgescore::tune::bootstrap::{self, Bootstrap, Interval, Intervals, Sample};
use hedgescore::tune::eval::{self, Evaluation, GoldSentence, Mistakes, Prediction};
use hedgescore::tune::figures::figures_json;
use hedgescore::{ScoredText, Scorer};

use super::messages::{EXIT_OK, Outcome, usage};
use super::scorer_flags::LexiconArgs;

#[derive(Args)]
pub struct EvalArgs {
    /// Labelled files: label<TAB>sentence per line, or sentence references (article<TAB>sentence<TAB>fingerprint<TAB>label, see docs/GUIDE.md).
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
    /// Seed of the bootstrap that draws the 95% intervals (1,000 draws of
    /// the sentences): the same seed gives the same intervals.
    #[arg(long, value_name = "N", default_value_t = bootstrap::SEED)]
    seed: u64,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum EvalFormat {
    Text,
    Csv,
    Json,
}

/// The columns of the CSV table of figures, one row per file; each
/// figure's 95% interval follows in the last ten (empty for precision,
/// recall and F1 of ratings).
const CSV_COLUMNS: [&str; 22] = [
    "file",
    "sentences",
    "uncertain_gold",
    "true_positives",
    "false_positives",
    "false_negatives",
    "true_negatives",
    "precision",
    "recall",
    "f1",
    "pearson",
    "spearman",
    "precision_low",
    "precision_high",
    "recall_low",
    "recall_high",
    "f1_low",
    "f1_high",
    "pearson_low",
    "pearson_high",
    "spearman_low",
    "spearman_high",
];

/// One labelled file, scored.
struct FileResult<'a> {
    name: String,
    gold: &'a [GoldSentence],
    ratings: bool,
    evaluation: Evaluation,
    intervals: Intervals,
    /// The N worst of each kind of mistake, when asked for (not for ratings).
    mistakes: Option<(usize, Mistakes<'a>)>,
}

/// Runs `hedgescore eval`.
pub fn run(args: EvalArgs) -> Outcome {
    if args.errors.is_some() && args.format == EvalFormat::Csv {
        // The CSV output is one table of figures, one row per file: a
        // program reading it has no place for sentences.
        return Err(usage(
            "--errors lists sentences, which the CSV table of figures has no column for; use --format json (the lists are data in each file's object) or --format text",
        ));
    }
    let scorer = args.lexicon.scorer()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == EvalFormat::Csv {
        let mut header = Vec::new();
        push_record(CSV_COLUMNS, Dialect::CSV, &mut header);
        out.write_all(&header)?;
    }
    let mut json_rows = Vec::new();
    let bootstrap = Bootstrap {
        seed: args.seed,
        ..Bootstrap::default()
    };
    for path in &args.gold {
        let gold = eval::read_gold(path, scorer.splitter())?;
        let ratings = args.ratings || eval::looks_like_ratings(&gold);
        let predictions = eval::predict(&scorer, &gold);
        let result = FileResult {
            name: path.display().to_string(),
            gold: &gold,
            ratings,
            evaluation: eval::evaluate(&gold, &predictions, ratings),
            intervals: bootstrap.intervals(&Sample::new(&gold, &predictions, ratings)),
            // Ratings have no false positives or negatives to list.
            mistakes: args
                .errors
                .filter(|_| !ratings)
                .map(|n| (n, eval::mistakes(&gold, &predictions))),
        };
        match args.format {
            EvalFormat::Text => write_text(&mut out, &scorer, result)?,
            EvalFormat::Csv => write_csv_row(&mut out, &result)?,
            EvalFormat::Json => json_rows.push(json_row(&scorer, &result)),
        }
    }
    match args.format {
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json_rows).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        EvalFormat::Text => writeln!(out, "{}", interval_note(&bootstrap))?,
        EvalFormat::Csv => {}
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// What the text output's intervals are.
fn interval_note(bootstrap: &Bootstrap) -> String {
    format!(
        "[95% intervals: percentile bootstrap, {} draws of the sentences, seed {}]",
        bootstrap.resamples, bootstrap.seed
    )
}

fn write_text(out: &mut impl Write, scorer: &Scorer, result: FileResult) -> std::io::Result<()> {
    let (e, i) = (&result.evaluation, &result.intervals);
    writeln!(out, "{}", result.name)?;
    if result.ratings {
        writeln!(out, "  sentences {}", e.sentences)?;
    } else {
        writeln!(
            out,
            "  sentences {}  uncertain {}  tp {}  fp {}  fn {}  tn {}",
            e.sentences,
            e.true_positives + e.false_negatives,
            e.true_positives,
            e.false_positives,
            e.false_negatives,
            e.true_negatives,
        )?;
        write_figure(out, "precision", e.precision(), i.precision)?;
        write_figure(out, "recall", e.recall(), i.recall)?;
        write_figure(out, "F1", e.f1(), i.f1)?;
    }
    write_figure(out, "pearson", e.pearson, i.pearson)?;
    write_figure(out, "spearman", e.spearman, i.spearman)?;
    if let Some((n, mistakes)) = result.mistakes {
        write_mistakes(out, scorer, result.gold, mistakes, n)?;
    }
    Ok(())
}

/// One figure of the text output with its interval.
fn write_figure(
    out: &mut impl Write,
    name: &str,
    figure: f64,
    interval: Interval,
) -> std::io::Result<()> {
    writeln!(
        out,
        "  {name:<9} {figure:.4}  [{:.4}, {:.4}]",
        interval.low, interval.high
    )
}

fn write_csv_row(out: &mut impl Write, result: &FileResult) -> std::io::Result<()> {
    let (e, i) = (&result.evaluation, &result.intervals);
    let mut row = Vec::new();
    let mut line = CsvLine::new(&mut row, Dialect::CSV);
    line.text(&result.name)
        .uint(e.sentences)
        .uint(e.true_positives + e.false_negatives)
        .uint(e.true_positives)
        .uint(e.false_positives)
        .uint(e.false_negatives)
        .uint(e.true_negatives)
        .fixed(e.precision())
        .fixed(e.recall())
        .fixed(e.f1())
        .fixed(e.pearson)
        .fixed(e.spearman);
    for (interval, of_classes) in [
        (i.precision, true),
        (i.recall, true),
        (i.f1, true),
        (i.pearson, false),
        (i.spearman, false),
    ] {
        if of_classes && result.ratings {
            line.text("").text("");
        } else {
            line.fixed(interval.low).fixed(interval.high);
        }
    }
    line.end();
    out.write_all(&row)
}

fn json_row(scorer: &Scorer, result: &FileResult) -> serde_json::Value {
    let mut row = serde_json::Map::new();
    row.insert("file".into(), result.name.clone().into());
    row.extend(figures_json(
        &result.evaluation,
        &result.intervals,
        result.ratings,
    ));
    let mut row = serde_json::Value::Object(row);
    if let Some((n, mistakes)) = &result.mistakes {
        let list = |predictions: &[&Prediction]| {
            mistakes_json(
                scorer,
                result.gold,
                &predictions[..predictions.len().min(*n)],
            )
        };
        row["worst_false_positives"] = list(&mistakes.false_positives);
        row["worst_false_negatives"] = list(&mistakes.false_negatives);
    }
    // Keys in alphabetical order, whatever order serde_json's map keeps.
    row.sort_all_objects();
    row
}

/// Prints the `n` worst false positives (most confidently uncertain
/// certain sentences) and false negatives (most confidently certain
/// uncertain ones), after the count of each.
fn write_mistakes(
    out: &mut impl Write,
    scorer: &Scorer,
    gold: &[GoldSentence],
    mistakes: Mistakes,
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
