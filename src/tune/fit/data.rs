//! The labels a fit is given, read and checked: 0/1 labels or ratings,
//! both classes, enough sentences.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text::sentences::SentenceSplitter;
use crate::tune::eval::{GoldSentence, read_gold};

use super::search::Goal;

/// The fewest sentences a fit accepts: fewer give folds too small to
/// measure anything.
pub const MIN_SENTENCES: usize = 50;

/// The labelled sentences of one or more gold files.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The files, as given.
    pub paths: Vec<PathBuf>,
    /// Their sentences, file after file.
    pub gold: Vec<GoldSentence>,
    /// F1 for 0/1 labels, Spearman for ratings.
    pub goal: Goal,
}

impl Labelled {
    /// Reads and checks gold files for a fit with `folds` folds. Labels are
    /// ratings when `ratings` says so or (as `eval` decides) when some label
    /// is neither 0 nor 1. Each problem is a message naming the file: a
    /// label that is not 0 or 1 in a file of 0/1 labels, ratings of fewer
    /// than three values, a mix of the two kinds, one class only, fewer
    /// than [`MIN_SENTENCES`] sentences, or a class smaller than `folds`.
    /// Articles named by reference are split with `splitter` (the scorer's).
    pub fn read(
        paths: &[PathBuf],
        ratings: bool,
        folds: usize,
        splitter: &SentenceSplitter,
    ) -> Result<Labelled> {
        let mut gold = Vec::new();
        let mut goal: Option<(Goal, &Path)> = None;
        for path in paths {
            let file = read_gold(path, splitter)?;
            let file_goal = goal_of(path, &file, ratings)?;
            match goal {
                Some((first, first_path)) if first != file_goal => {
                    return Err(Error::input(
                        Some(path),
                        None,
                        format!(
                            "holds {} but {} holds {}; fit one kind at a time",
                            kind(file_goal),
                            first_path.display(),
                            kind(first)
                        ),
                    ));
                }
                _ => goal = Some((file_goal, path)),
            }
            gold.extend(file);
        }
        let Some((goal, _)) = goal else {
            return Err(Error::usage("give at least one labelled file"));
        };
        let labelled = Labelled {
            paths: paths.to_vec(),
            gold,
            goal,
        };
        labelled.check_size(folds)?;
        Ok(labelled)
    }

    /// Enough sentences, and of each class enough for every fold.
    fn check_size(&self, folds: usize) -> Result<()> {
        let n = self.gold.len();
        if n < MIN_SENTENCES {
            return Err(self.error(format!(
                "{n} labelled sentences{}; a fit needs at least {MIN_SENTENCES}",
                if self.paths.len() > 1 { " in all" } else { "" }
            )));
        }
        if self.goal == Goal::Spearman {
            return Ok(());
        }
        let uncertain = self.gold.iter().filter(|g| g.label == 1.0).count();
        for (count, label, name) in [(uncertain, 1, "uncertain"), (n - uncertain, 0, "certain")] {
            if count == 0 {
                return Err(self.error(format!(
                    "no sentence is labelled {label} ({name}); a fit needs both uncertain (1) and certain (0) sentences"
                )));
            }
            if count < folds {
                return Err(self.error(format!(
                    "only {count} sentences are labelled {label} ({name}); with {folds} folds a fit needs at least {folds} of each class"
                )));
            }
        }
        Ok(())
    }

    /// An error about all the files together.
    fn error(&self, message: String) -> Error {
        match &self.paths[..] {
            [one] => Error::input(Some(one), None, message),
            many => {
                let names: Vec<String> = many.iter().map(|p| p.display().to_string()).collect();
                Error::input(None, None, format!("{}: {message}", names.join(", ")))
            }
        }
    }
}

/// What one file's labels are, or the message for a file that is neither
/// 0/1 labels nor ratings.
fn goal_of(path: &Path, gold: &[GoldSentence], ratings: bool) -> Result<Goal> {
    if gold.is_empty() {
        return Err(Error::input(
            Some(path),
            None,
            "holds no labelled sentences (label<TAB>sentence per line)",
        ));
    }
    let binary = |g: &&GoldSentence| g.label == 0.0 || g.label == 1.0;
    let others: Vec<&GoldSentence> = gold.iter().filter(|g| !binary(g)).collect();
    if !ratings && others.is_empty() {
        return Ok(Goal::F1);
    }
    // A few stray labels among 0s and 1s are typing slips, not ratings.
    if !ratings && others.len() * 10 < gold.len() {
        let slip = others[0];
        return Err(Error::input(
            Some(path),
            Some(slip.line),
            format!(
                "label {} is not 0 or 1 (1 marks an uncertain sentence, 0 a certain one); if the file holds ratings, give --ratings",
                slip.label
            ),
        ));
    }
    let mut values: Vec<f64> = gold.iter().map(|g| g.label).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    if values.len() < 3 {
        let shown: Vec<String> = values.iter().map(f64::to_string).collect();
        return Err(Error::input(
            Some(path),
            None,
            format!(
                "ratings need at least three different values (such as 1 to 6), but the labels are only {}; for 0/1 labels leave out --ratings",
                shown.join(" and ")
            ),
        ));
    }
    Ok(Goal::Spearman)
}

fn kind(goal: Goal) -> &'static str {
    match goal {
        Goal::F1 => "0/1 labels",
        Goal::Spearman => "ratings",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` (name, contents) to a fresh folder and reads them.
    fn read(name: &str, files: &[(&str, String)], ratings: bool) -> Result<Labelled> {
        let dir =
            std::env::temp_dir().join(format!("hedgescore-fitdata-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(file, text)| {
                let path = dir.join(file);
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let result = Labelled::read(&paths, ratings, 5, SentenceSplitter::english());
        std::fs::remove_dir_all(&dir).unwrap();
        result
    }

    fn lines(labels: impl IntoIterator<Item = f64>) -> String {
        labels
            .into_iter()
            .enumerate()
            .map(|(i, l)| format!("{l}\tSentence {i}.\n"))
            .collect()
    }

    #[test]
    fn bad_labels_get_a_message_naming_the_file() {
        let alternate = |n: usize| lines((0..n).map(|i| (i % 2) as f64));
        let mut slip = alternate(60);
        slip.push_str("2\tA slip.\n");
        // (case, files, --ratings, message)
        type Case<'a> = (&'a str, Vec<(&'a str, String)>, bool, &'a str);
        let table: &[Case] = &[
            (
                "slip",
                vec![("a.tsv", slip)],
                false,
                "a.tsv:61: label 2 is not 0 or 1",
            ),
            (
                "few",
                vec![("a.tsv", alternate(49))],
                false,
                "a.tsv: 49 labelled sentences; a fit needs at least 50",
            ),
            (
                "few in all",
                vec![("a.tsv", alternate(20)), ("b.tsv", alternate(20))],
                false,
                "b.tsv: 40 labelled sentences in all",
            ),
            (
                "one class",
                vec![("a.tsv", lines((0..60).map(|_| 0.0)))],
                false,
                "a.tsv: no sentence is labelled 1 (uncertain)",
            ),
            (
                "small class",
                vec![("a.tsv", lines((0..60).map(|i| f64::from(i < 3))))],
                false,
                "a.tsv: only 3 sentences are labelled 1 (uncertain); with 5 folds",
            ),
            (
                "two ratings",
                vec![("a.tsv", lines((0..60).map(|i| f64::from(i % 2) + 2.0)))],
                false,
                "a.tsv: ratings need at least three different values (such as 1 to 6), but the labels are only 2 and 3",
            ),
            (
                "forced ratings",
                vec![("a.tsv", alternate(60))],
                true,
                "a.tsv: ratings need at least three",
            ),
            (
                "mixed",
                vec![
                    ("a.tsv", alternate(60)),
                    ("b.tsv", lines((0..60).map(|i| f64::from(i % 6) + 1.0))),
                ],
                false,
                "b.tsv: holds ratings but",
            ),
            (
                "empty",
                vec![("a.tsv", String::new())],
                false,
                "a.tsv: holds no labelled sentences",
            ),
        ];
        for (name, files, ratings, expected) in table {
            let err = read(&name.replace(' ', "-"), files, *ratings)
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{name}: {err}");
        }
    }

    #[test]
    fn labels_and_ratings_are_told_apart() {
        let ok = read(
            "ok",
            &[("a.tsv", lines((0..60).map(|i| f64::from(i % 3 == 0))))],
            false,
        )
        .unwrap();
        assert_eq!((ok.goal, ok.gold.len()), (Goal::F1, 60));
        let rated = read(
            "rated",
            &[("r.tsv", lines((0..60).map(|i| f64::from(i % 6) + 1.0)))],
            false,
        )
        .unwrap();
        assert_eq!(rated.goal, Goal::Spearman);
    }
}
