//! The fitted lexicon as a plain lexicon file, and the check that it gives
//! what the fit computed.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::lexicon::{Category, Cue, Lexicon, WordList};
use crate::output::csv::{Dialect, push_record};
use crate::output::weight_text;
use crate::scoring::Scorer;
use crate::tune::eval::predict;

use super::model::is_weighted;
use super::search::Goal;
use super::{Fit, Summary};

/// Where a fitted file came from, for its header.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// The command line that made it.
    pub command: String,
    /// The day, YYYY-MM-DD.
    pub date: String,
    /// True when the fit started from the built-in default lexicon: the
    /// file then holds only what differs from it, and is used with it.
    pub default_lexicon: bool,
    /// The scoring flags that differ from the defaults (the file gives
    /// the fit's figures under them only).
    pub scoring_flags: String,
}

/// The fitted lexicon as a lexicon file: a header of at most ten comment
/// lines (data, date, command, method, figures, use), then every entry
/// but the base lexicon's (the default's, or none) that the fit left as
/// they were, with a note saying what the fit changed. Read on the base,
/// the file gives the fitted lexicon, also where it is kept as a pack
/// folder beside the files the fit started from. An entry fitted to 0 is
/// written as a neutral entry: it still blocks the cues inside it, and
/// counts for nothing (one with `full_before_group` keeps its category,
/// since before a group it still counts in full).
pub fn lexicon_file(fit: &Fit, summary: &Summary, provenance: &Provenance) -> String {
    let mut out = header(fit, summary, provenance);
    let mut rows = entry_rows(fit, provenance.default_lexicon);
    rows.sort();
    // A cue starting with '#' would read as a comment in the first column.
    let order: [usize; 5] = if rows.iter().any(|(_, text, _)| text.starts_with('#')) {
        [1, 2, 0, 3, 4]
    } else {
        [0, 1, 2, 3, 4]
    };
    let names = ["cue", "weight", "category", "rules", "note"];
    let mut table = Vec::new();
    let mut line = |fields: [&str; 5]| {
        push_record(
            order.map(|k| one_line(fields[k])),
            Dialect::LEXICON,
            &mut table,
        )
    };
    line(names);
    for (_, _, fields) in &rows {
        line(fields.each_ref().map(String::as_str));
    }
    out.push_str(&String::from_utf8(table).expect("fields are text"));
    out
}

/// The entries to write, each as (category, cue, its five fields: cue,
/// weight, category, rules, note).
fn entry_rows(fit: &Fit, default_lexicon: bool) -> Vec<(Category, String, [String; 5])> {
    let by_key = |lexicon: &Lexicon| -> HashMap<(String, bool), Cue> {
        (lexicon.iter())
            .map(|c| ((c.text.clone(), c.prefix), c.clone()))
            .collect()
    };
    let base = by_key(&base_lexicon(default_lexicon));
    let start = by_key(&fit.start);
    let mut rows = Vec::new();
    for cue in fit.lexicon.iter() {
        let written = as_written(cue);
        let key = (cue.text.clone(), cue.prefix);
        // Left out: the base's own entries, unchanged. An entry a pack or
        // a file of the start set is kept even where it equals the base's,
        // so that the file read after that pack or file still wins.
        let unchanged = base.get(&key).is_some_and(|b| {
            same_entry(b, &written) && start.get(&key).is_some_and(|s| s.source == b.source)
        });
        if unchanged {
            continue;
        }
        let note = match start.get(&key) {
            None => "proposed by the fit".to_string(),
            Some(old) if old.weight != cue.weight => {
                format!("fitted; was {} {}", old.category, weight_text(old.weight))
            }
            Some(_) => String::new(),
        };
        let fields = [
            written.display_text(),
            weight_text(written.weight),
            written.categories_field(),
            written.rules.to_field(),
            note,
        ];
        rows.push((written.category, written.display_text(), fields));
    }
    rows
}

/// The header lines of a fitted file.
fn header(fit: &Fit, summary: &Summary, provenance: &Provenance) -> String {
    let goal = fit.labelled.goal;
    let n = fit.labelled.gold.len();
    [
        format!(
            "Fitted by hedgescore lexicon fit on {}",
            data_line(fit, &provenance.date)
        ),
        format!("Command: {}", one_line(&provenance.command)),
        format!("Method: {}", method(fit)),
        format!(
            "Cross-validated, with 95% bootstrap intervals: {}",
            figures_line(goal, summary)
        ),
        format!(
            "Fitted on all {n} sentences: {} (what hedgescore eval with this file gives).",
            plain_figures(goal, &summary.fitted)
        ),
        format!("Use: {}", use_line(fit, provenance)),
        format!(
            "Entries: {} weights changed{}; the note says what each was.",
            fit.changes().len(),
            kept(fit)
        ),
    ]
    .iter()
    .map(|line| format!("# {line}\n"))
    .collect()
}

/// The day and the data: "2026-01-01 to gold.tsv (600 sentences, 163 uncertain)."
fn data_line(fit: &Fit, date: &str) -> String {
    let gold = &fit.labelled.gold;
    let files: Vec<String> = fit
        .paths()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let uncertain = gold.iter().filter(|g| g.label >= 0.5).count();
    let counts = match fit.labelled.goal {
        Goal::F1 => format!("{} sentences, {uncertain} uncertain", gold.len()),
        Goal::Spearman => format!("{} rated sentences", gold.len()),
    };
    format!("{date} to {} ({counts}).", files.join(", "))
}

/// How to use the file: the scoring flags of the fit, the file on the
/// default or alone, and the word lists the fit used that it cannot hold.
fn use_line(fit: &Fit, provenance: &Provenance) -> String {
    let with = if provenance.default_lexicon {
        "--lexicon THIS_FILE (it adds to and overrides the default lexicon), or keep it as a pack folder"
    } else {
        "--no-default-lexicon --lexicon THIS_FILE (it holds the whole lexicon)"
    };
    let flags = if provenance.scoring_flags.is_empty() {
        String::new()
    } else {
        format!(" {}", provenance.scoring_flags)
    };
    let lists: Vec<String> = own_word_lists(fit, provenance.default_lexicon)
        .iter()
        .map(|l| format!("{} ({})", l.name().as_str(), l.source()))
        .collect();
    let lists = if lists.is_empty() {
        String::new()
    } else {
        // A lexicon file holds entries only.
        format!(", with the word lists the fit used: {}", lists.join(", "))
    };
    format!("hedgescore score{flags} {with}{lists}.")
}

/// "; 2 of 30 proposed entries kept", with proposals.
fn kept(fit: &Fit) -> String {
    if fit.options.propose {
        format!(
            "; {} of {} proposed entries kept",
            fit.proposals_kept.len(),
            fit.proposals_tried
        )
    } else {
        String::new()
    }
}

fn method(fit: &Fit) -> String {
    let goal = match fit.labelled.goal {
        Goal::F1 => "F1",
        Goal::Spearman => "Spearman's rho",
    };
    format!(
        "coordinate search on {goal} over the weights 0-3 and a common scale, a move kept when it sets at least {} more sentences right than wrong; {} folds, seed {}.",
        fit.options.min_net, fit.options.folds, fit.options.seed
    )
}

/// Before → after, with intervals, of the figures the goal is about.
pub fn figures_line(goal: Goal, s: &Summary) -> String {
    let pairs: Vec<String> = Summary::figures(goal)
        .iter()
        .map(|&figure| {
            let (bi, ai) = (
                figure.interval(&s.before_intervals),
                figure.interval(&s.after_intervals),
            );
            format!(
                "{} {:.4} [{:.4}, {:.4}] -> {:.4} [{:.4}, {:.4}]",
                figure.name(),
                figure.of(&s.before),
                bi.low,
                bi.high,
                figure.of(&s.after),
                ai.low,
                ai.high
            )
        })
        .collect();
    pairs.join("; ")
}

/// The figures of an evaluation, without intervals.
pub fn plain_figures(goal: Goal, e: &crate::tune::eval::Evaluation) -> String {
    let figures: Vec<String> = Summary::figures(goal)
        .iter()
        .map(|f| format!("{} {:.4}", f.name(), f.of(e)))
        .collect();
    figures.join(", ")
}

fn one_line(text: &str) -> String {
    text.replace(char::is_control, " ")
}

/// The entry as the file writes it: fitted to 0, a neutral entry, unless
/// `full_before_group` still gives it full weight before a group.
fn as_written(cue: &Cue) -> Cue {
    let mut written = cue.clone();
    if is_weighted(cue.category) && cue.weight == 0.0 && !cue.rules.full_before_group {
        written.set_category(Category::Neutral);
        written.rules = Default::default();
    }
    written
}

fn same_entry(a: &Cue, b: &Cue) -> bool {
    a.weight == b.weight && a.category == b.category && a.rules == b.rules
}

/// The rule word lists of the start lexicon that differ from the base's
/// (from a `--lexicon` folder or a pack): the file cannot hold them, so
/// its header names them.
fn own_word_lists(fit: &Fit, default_lexicon: bool) -> Vec<&WordList> {
    let base = base_lexicon(default_lexicon);
    fit.start
        .word_lists()
        .filter(|l| base.word_list(l.name()).text() != l.text())
        .collect()
}

fn base_lexicon(default_lexicon: bool) -> Lexicon {
    if default_lexicon {
        Lexicon::english()
    } else {
        Lexicon::new()
    }
}

/// Reads `file` back as a user would (on the default lexicon, or alone),
/// scores every labelled sentence with it and checks that each certainty
/// and label is the one the fit computed; an error otherwise, so that a
/// file that would not give the figures reported is never written.
pub fn verify(fit: &Fit, file: &str, default_lexicon: bool) -> Result<()> {
    let mut lexicon = base_lexicon(default_lexicon);
    lexicon.add_text("the fitted lexicon", file)?;
    for list in own_word_lists(fit, default_lexicon) {
        lexicon.set_word_list(list.clone());
    }
    let scorer = Scorer::new(lexicon, fit.params)?;
    let again = predict(&scorer, &fit.labelled.gold);
    let differs = again.iter().zip(&fit.fitted).find(|(a, b)| {
        a.uncertain != b.uncertain || a.certainty.to_bits() != b.certainty.to_bits()
    });
    match differs {
        None => Ok(()),
        Some((a, _)) => Err(Error::input(
            None,
            None,
            format!(
                "the fitted lexicon, read back, scores the sentence on line {} otherwise than the fit did; nothing was written (this is a bug in hedgescore: please report it)",
                fit.labelled.gold[a.index].line
            ),
        )),
    }
}

/// The date `YYYY-MM-DD` of a time in seconds since 1970 (UTC).
pub fn date_of(seconds: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = (seconds / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::ScoreParams;
    use crate::tune::bootstrap::Bootstrap;
    use crate::tune::eval::GoldSentence;
    use crate::tune::fit::{FitOptions, Labelled, fit};

    #[test]
    fn an_entry_fitted_to_zero_is_written_neutral_unless_a_group_rule_keeps_it() {
        let mut lexicon = Lexicon::new();
        let rows = "cue\tweight\tcategory\trules\nmay\t0\tmodal\tnot_month\nsome\t0\tvague_source\tfull_before_group\nnot\t1\tnegator\nmany\t0.5\tvague_source\tfull_before_group\n";
        lexicon.add_text("t.tsv", rows).unwrap();
        let written: Vec<(Category, String)> = lexicon
            .iter()
            .map(|c| {
                let w = as_written(c);
                (w.category, w.rules.to_field())
            })
            .collect();
        let group = "full_before_group".to_string();
        assert_eq!(
            written,
            [
                (Category::Neutral, String::new()),
                (Category::VagueSource, group.clone()),
                (Category::Negator, String::new()),
                (Category::VagueSource, group),
            ]
        );
    }

    /// A fit that changes nothing: the default already labels these right.
    fn fit_on_a_pack() -> (Fit, Summary) {
        let mut start = Lexicon::english();
        let pack =
            "cue\tweight\tcategory\trules\nmay\t2.5\tmodal\tnot_month\nperchance\t1\tadverb\t\n";
        start.add_text("pack.tsv", pack).unwrap();
        let gold = (0..60)
            .map(|i| GoldSentence {
                line: i + 1,
                label: (i % 2) as f64,
                text: if i % 2 == 1 {
                    format!("It might rain on day {i}.")
                } else {
                    format!("Bay {i} is open.")
                },
            })
            .collect();
        let labelled = Labelled {
            paths: vec!["gold.tsv".into()],
            gold,
            goal: Goal::F1,
        };
        let fitted = fit(
            &start,
            ScoreParams::default(),
            labelled,
            &FitOptions::default(),
        )
        .unwrap();
        let summary = fitted.summary(&Bootstrap::default());
        (fitted, summary)
    }

    #[test]
    fn the_file_keeps_the_start_files_entries_and_checks_out() {
        let (fitted, summary) = fit_on_a_pack();
        assert!(fitted.changes().is_empty());
        let provenance = Provenance {
            command: "hedgescore lexicon fit gold.tsv -o x.tsv".to_string(),
            date: "2026-01-01".to_string(),
            default_lexicon: true,
            scoring_flags: String::new(),
        };
        let file = lexicon_file(&fitted, &summary, &provenance);
        let entries: Vec<&str> = file.lines().filter(|l| !l.starts_with('#')).collect();
        // "may" equals the default's but came from the pack, so it stays
        // ahead of whatever the default says.
        assert_eq!(
            entries,
            [
                "cue\tweight\tcategory\trules\tnote",
                "may\t2.5\tmodal\tnot_month\t",
                "perchance\t1\tadverb\t\t"
            ]
        );
        assert!(file.starts_with("# Fitted by hedgescore lexicon fit on 2026-01-01 to gold.tsv (60 sentences, 30 uncertain).\n"));
        verify(&fitted, &file, true).unwrap();
        let tampered = format!("{file}might\t0.5\tmodal\t\t\n");
        let err = verify(&fitted, &tampered, true).unwrap_err().to_string();
        assert!(
            err.contains("line 2") && err.contains("nothing was written"),
            "{err}"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_767_225_599), "2025-12-31");
        assert_eq!(date_of(1_767_225_600), "2026-01-01");
    }
}
