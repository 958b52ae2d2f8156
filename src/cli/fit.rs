//! `hedgescore lexicon fit`: a lexicon's weights fitted to labelled
//! sentences, written as a lexicon file.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use hedgescore::input::FileId;
use hedgescore::tune::bootstrap::{Bootstrap, Interval};
use hedgescore::tune::fit::write::{self, Provenance};
use hedgescore::tune::fit::{self, Fit, FitOptions, Goal, Labelled, Summary};

use super::messages::{EXIT_OK, Failure, Outcome, usage};
use super::scorer_flags::LexiconArgs;
use super::sink::OutputSink;

#[derive(Args)]
pub struct FitArgs {
    /// Labelled files: label<TAB>sentence per line (1 uncertain, 0
    /// certain; or ratings such as 1 to 6), or sentence references (see
    /// eval); at least 50 sentences in all, of both classes. Fitted together.
    #[arg(value_name = "GOLD", required = true)]
    gold: Vec<PathBuf>,
    /// Where to write the fitted lexicon. The file is replaced only when
    /// the fit succeeds and its figures check out; nothing is written otherwise.
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    output: PathBuf,
    /// Labels are certainty ratings (for example 1 to 6), not 0/1: fit
    /// Spearman's rank correlation instead of F1. Detected when absent, as eval does.
    #[arg(long)]
    ratings: bool,
    /// Folds of the cross-validation that reports the figures before and after.
    #[arg(long, value_name = "K", default_value_t = fit::FOLDS,
          value_parser = folds)]
    folds: usize,
    /// Seed of the fold shuffle and of the bootstrap intervals: the same
    /// input, lexicon and seed give the same lexicon and figures.
    #[arg(long, value_name = "N", default_value_t = fit::SEED)]
    seed: u64,
    /// A weight moves only when the move sets at least N more training
    /// sentences right than wrong (for ratings: raises Spearman's rho by at
    /// least N/sentences). Larger: fewer, safer changes.
    #[arg(long, value_name = "N", default_value_t = fit::MIN_NET)]
    min_net: usize,
    /// Also try new entries: the gaps `lexicon stats` lists (annotated cues
    /// no entry matched, phrases frequent in missed uncertain sentences), up
    /// to 30, each kept only when it raises the cross-validated score.
    #[arg(long)]
    propose: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Runs `hedgescore lexicon fit`.
pub fn run(args: FitArgs) -> Outcome {
    refuse_to_replace_labels(&args)?;
    let scorer = args.lexicon.scorer()?;
    let options = FitOptions {
        folds: args.folds,
        seed: args.seed,
        min_net: args.min_net,
        propose: args.propose,
    };
    let labelled = Labelled::read(&args.gold, args.ratings, options.folds, scorer.splitter())?;
    let fitted = fit::fit(scorer.lexicon(), *scorer.params(), labelled, &options)?;
    let bootstrap = Bootstrap {
        seed: args.seed,
        ..Bootstrap::default()
    };
    let summary = fitted.summary(&bootstrap);
    let provenance = Provenance {
        command: command_line(),
        date: today(),
        default_lexicon: args.lexicon.default_lexicon(),
        scoring_flags: args.lexicon.scoring_flags(),
    };
    let file = write::lexicon_file(&fitted, &summary, &provenance);
    write::verify(&fitted, &file, provenance.default_lexicon)?;
    let mut sink = OutputSink::open(Some(&args.output))?;
    sink.write_all(file.as_bytes())
        .map_err(|e| hedgescore::Error::io(Some(&args.output), e))?;
    sink.commit()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    report(&mut out, &fitted, &summary, &bootstrap, &args.output)?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// A usage error when -o names one of the labelled files (however it is
/// reached), which the fitted lexicon would replace.
fn refuse_to_replace_labels(args: &FitArgs) -> Result<(), Failure> {
    let Ok(Some(output)) = FileId::of_path(&args.output) else {
        return Ok(());
    };
    match (args.gold.iter()).find(|gold| FileId::of_path(gold).ok().flatten() == Some(output)) {
        Some(gold) => Err(usage(format!(
            "-o {} is one of the labelled files ({}); the fitted lexicon would replace the labels: name another file",
            args.output.display(),
            gold.display()
        ))),
        None => Ok(()),
    }
}

/// Parses --folds: 2 to 100.
fn folds(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(k) if (2..=100).contains(&k) => Ok(k),
        _ => Err("must be a whole number from 2 to 100".to_string()),
    }
}

/// The figures for the terminal.
fn report(
    out: &mut impl Write,
    fitted: &Fit,
    summary: &Summary,
    bootstrap: &Bootstrap,
    output: &std::path::Path,
) -> std::io::Result<()> {
    let gold = &fitted.labelled.gold;
    let goal = fitted.labelled.goal;
    let uncertain = gold.iter().filter(|g| g.label >= 0.5).count();
    let files: Vec<String> = fitted
        .paths()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    match goal {
        Goal::F1 => writeln!(
            out,
            "{}: {} sentences, {uncertain} uncertain",
            files.join(", "),
            gold.len()
        )?,
        Goal::Spearman => writeln!(out, "{}: {} rated sentences", files.join(", "), gold.len())?,
    }
    writeln!(
        out,
        "cross-validated ({} folds, seed {}), 95% intervals ({} bootstrap draws of the sentences):",
        fitted.options.folds, fitted.options.seed, bootstrap.resamples
    )?;
    writeln!(out, "  {:<10} {:<26} {:<26} change", "", "before", "after")?;
    for &figure in Summary::figures(goal) {
        let (before, after) = (figure.of(&summary.before), figure.of(&summary.after));
        let change = figure.interval(&summary.change);
        writeln!(
            out,
            "  {:<10} {:<26} {:<26} {:+.4} [{:+.4}, {:+.4}]",
            figure.name(),
            with_interval(before, figure.interval(&summary.before_intervals)),
            with_interval(after, figure.interval(&summary.after_intervals)),
            after - before,
            change.low,
            change.high
        )?;
    }
    writeln!(
        out,
        "fitted on all {} sentences: {} (hedgescore eval with the file gives these)",
        gold.len(),
        write::plain_figures(goal, &summary.fitted)
    )?;
    write_changes(out, fitted)?;
    writeln!(out, "wrote {}", output.display())
}

fn with_interval(figure: f64, interval: Interval) -> String {
    format!("{figure:.4} [{:.4}, {:.4}]", interval.low, interval.high)
}

/// The weights the fit changed and the entries it added.
fn write_changes(out: &mut impl Write, fitted: &Fit) -> std::io::Result<()> {
    let changes = fitted.changes();
    let shown: Vec<String> = changes
        .iter()
        .map(|(cue, before, after)| format!("{cue} {before} -> {after}"))
        .collect();
    writeln!(out, "weights changed: {}{}", changes.len(), list(&shown))?;
    if fitted.options.propose {
        writeln!(
            out,
            "proposed entries: {} tried, {} kept{}",
            fitted.proposals_tried,
            fitted.proposals_kept.len(),
            list(&fitted.proposals_kept)
        )?;
    }
    Ok(())
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(" ({})", items.join(", "))
    }
}

/// The command line as typed, for the file's header.
fn command_line() -> String {
    let mut words = vec!["hedgescore".to_string()];
    words.extend(std::env::args().skip(1).map(|word| {
        if !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+".contains(c))
        {
            word
        } else {
            format!("'{}'", word.replace('\'', r"'\''"))
        }
    }));
    words.join(" ")
}

/// Today's date, or that of SOURCE_DATE_EPOCH when it is set (for a file
/// rebuilt byte for byte).
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    write::date_of(seconds)
}
