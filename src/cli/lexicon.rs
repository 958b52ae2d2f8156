//! `hedgescore lexicon check|list|stats`: tools for tuning and checking
//! lexicons.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use hedgescore::lexicon::WordListName;
use hedgescore::tune::{check, stats};

use super::fit::FitArgs;
use super::messages::{EXIT_FATAL, EXIT_OK, Outcome};
use super::scorer_flags::{LexiconArgs, LexiconChoice};

#[derive(Subcommand)]
pub enum LexiconCommand {
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
hedgescore lexicon stats my-labels.tsv > stats.tsv")]
    Stats(StatsArgs),
    /// Fit the lexicon's weights (and, with --propose, new entries) to your
    /// labelled sentences; report cross-validated figures before and after
    /// with 95% intervals; write the fitted lexicon as a file for --lexicon.
    #[command(after_help = "Examples:\n  \
hedgescore lexicon fit my-labels.tsv -o my-lexicon.tsv\n  \
hedgescore eval --lexicon my-lexicon.tsv my-labels.tsv   # the figures the fit reported\n  \
hedgescore lexicon fit --pack weasel --propose wiki-labels.tsv -o weasel.tsv\n\n\
Method: coordinate search on F1 (on Spearman's rho for ratings) over the weights 0, 0.25, 0.5, \
0.75, 1, 1.5, 2, 2.5, 3 and a common scale of all weights (the threshold), with the scorer's own \
rules and formula; the figures are those of held-out folds (docs/LEXICON.md shows the packs rebuilt).")]
    Fit(FitArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    lexicon: LexiconChoice,
}

#[derive(Args)]
pub struct ListArgs {
    /// Print this word list instead (such as reporting-verbs or
    /// abbreviations), as read; saved as NAME.txt in a --lexicon folder it
    /// replaces the list.
    #[arg(long, value_name = "NAME")]
    words: Option<WordListName>,
    #[command(flatten)]
    lexicon: LexiconChoice,
}

#[derive(Args)]
pub struct StatsArgs {
    /// Labelled files: label<TAB>sentence per line, or sentence references (see eval); a NAME.cues.tsv beside one is read too.
    #[arg(value_name = "GOLD", required = true)]
    gold: Vec<PathBuf>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Runs a `hedgescore lexicon` subcommand.
pub fn run(command: LexiconCommand) -> Outcome {
    match command {
        LexiconCommand::Check(args) => run_check(args),
        LexiconCommand::List(args) => run_list(args),
        LexiconCommand::Stats(args) => run_stats(args),
        LexiconCommand::Fit(args) => super::fit::run(args),
    }
}

fn run_check(args: CheckArgs) -> Outcome {
    let scorer = args.lexicon.scorer()?;
    let findings = check::check_lexicon(scorer.lexicon());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for finding in &findings {
        writeln!(out, "{finding}")?;
    }
    writeln!(
        out,
        "{} entries checked: {} findings",
        scorer.lexicon().len(),
        findings.len()
    )?;
    out.flush()?;
    Ok(if check::has_errors(&findings) {
        EXIT_FATAL
    } else {
        EXIT_OK
    })
}

fn run_list(args: ListArgs) -> Outcome {
    let scorer = args.lexicon.scorer()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.words {
        Some(name) => check::write_word_list(scorer.lexicon(), name, &mut out)?,
        None => check::write_lexicon_tsv(scorer.lexicon(), &mut out)?,
    }
    Ok(EXIT_OK)
}

fn run_stats(args: StatsArgs) -> Outcome {
    let scorer = args.lexicon.scorer()?;
    let rows = stats::lexicon_stats(&scorer, &args.gold)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    stats::write_stats_tsv(&rows, &mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}
