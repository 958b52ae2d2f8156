//! Fitting a lexicon to a user's labels (`hedgescore lexicon fit`).
//!
//! # The method
//! The fit starts from a lexicon (the default, packs, the user's files)
//! and changes only weights, the one thing a lexicon file can say that the
//! rules do not decide. Which entries count in a sentence, and which way
//! (a negated booster hedges, a negated `negation_flips` hedge boosts, a
//! neutral entry blocks the cues inside it, each rule skips what it skips),
//! does not depend on weights, so each labelled sentence is scored once and
//! kept as its list of terms ([`model::Design`]); under any weights its
//! hedge and booster sums are then a few additions, made in the scorer's
//! order so that they equal the scorer's to the bit, and the certainty
//! formula and the uncertain label follow as the scorer computes them. The
//! fit raises what the scorer actually does, not a stand-in.
//!
//! The search ([`search`]) is coordinate ascent: each entry in turn takes
//! the weight of the grid 0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3 that gives the best F1 on the
//! training sentences (Spearman's rho for ratings), and all weights are
//! scaled together by the factor that does (the threshold, moved the only
//! way a lexicon file can carry it). A move is kept only when it sets at
//! least `min_net` more sentences right than it sets wrong, which leaves
//! rarely seen entries where they were, the fit's only regularisation.
//! Passes repeat until none moves. An entry fitted to 0 is written as a
//! neutral entry: it still blocks the cues inside it, and counts for
//! nothing (unless `full_before_group` gives it full weight before a group).
//!
//! Cross-validation: the sentences are dealt into `folds` folds, shuffled
//! by a seeded generator and stratified by label; each fold is predicted
//! by weights fitted on the others, and the figures "after" are those of
//! the pooled held-out predictions, "before" those of the starting
//! lexicon on the same sentences, both with bootstrap intervals from the
//! same draws (so the change has one too). The lexicon written is fitted
//! on all the sentences.
//!
//! With proposals, the phrases `hedgescore lexicon stats` lists as gaps
//! (annotated cues no entry matched, phrases frequent in missed uncertain
//! sentences) are tried one at a time, best first, as new entries of
//! weight 1; one is kept when it raises the cross-validated score by the
//! same margin. The choice is made on the same folds that report the
//! score, so with proposals the "after" figure leans optimistic.

pub mod data;
pub mod model;
mod propose;
pub mod search;
pub mod write;

use std::path::PathBuf;

use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::scoring::ScoreParams;
use crate::tune::bootstrap::{Bootstrap, Figure, Interval, Intervals, Sample};
use crate::tune::eval::{Evaluation, Prediction, evaluate};

pub use data::Labelled;
use model::{Design, Verdict, is_weighted, weights_of};
pub use search::Goal;
use search::Problem;

/// Folds unless told otherwise.
pub const FOLDS: usize = 5;
/// The seed unless told otherwise.
pub const SEED: u64 = 1;
/// How many more sentences a move must set right than wrong, unless told
/// otherwise.
pub const MIN_NET: usize = 2;

/// How to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    /// Folds of the cross-validation, at least 2.
    pub folds: usize,
    /// Seed of the fold shuffle and of the bootstrap.
    pub seed: u64,
    /// See [`search::Problem::min_net`].
    pub min_net: usize,
    /// Try new entries from the gaps `lexicon stats` finds.
    pub propose: bool,
}

impl Default for FitOptions {
    fn default() -> FitOptions {
        FitOptions {
            folds: FOLDS,
            seed: SEED,
            min_net: MIN_NET,
            propose: false,
        }
    }
}

/// A finished fit.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The labels fitted.
    pub labelled: Labelled,
    /// The lexicon fitted from.
    pub start: Lexicon,
    /// The fitted lexicon (on all sentences; with the proposals kept).
    pub lexicon: Lexicon,
    /// The scoring constants.
    pub params: ScoreParams,
    /// The starting lexicon's predictions.
    pub before: Vec<Prediction>,
    /// The held-out predictions of the cross-validation.
    pub cross_validated: Vec<Prediction>,
    /// The fitted lexicon's predictions (on the sentences it was fitted to).
    pub fitted: Vec<Prediction>,
    /// Proposed entries tried.
    pub proposals_tried: usize,
    /// Proposed entries kept (their cue text).
    pub proposals_kept: Vec<String>,
    /// The options used.
    pub options: FitOptions,
}

/// Fits `start`'s weights (and, with proposals, new entries) to `labelled`.
pub fn fit(
    start: &Lexicon,
    params: ScoreParams,
    labelled: Labelled,
    options: &FitOptions,
) -> Result<Fit> {
    let texts: Vec<&str> = labelled.gold.iter().map(|g| g.text.as_str()).collect();
    let labels: Vec<f64> = labelled.gold.iter().map(|g| g.label).collect();
    let folds = assign_folds(&labels, options.folds, options.seed);
    let setup = Setup {
        params,
        labels: &labels,
        folds: &folds,
        options,
        goal: labelled.goal,
    };
    let first = setup.candidate(start.clone(), &texts)?;
    let before = predictions(&first.start_verdicts(&setup));
    let (current, tried, kept) = if options.propose {
        setup.propose(first, &labelled.paths, &texts)?
    } else {
        (first, 0, Vec::new())
    };
    let (lexicon, fitted) = current.fit_all(&setup);
    Ok(Fit {
        cross_validated: predictions(&current.held_out),
        fitted: predictions(&fitted),
        before,
        start: start.clone(),
        lexicon,
        params,
        proposals_tried: tried,
        proposals_kept: kept,
        options: options.clone(),
        labelled,
    })
}

/// What every candidate lexicon is fitted and judged with.
struct Setup<'a> {
    params: ScoreParams,
    labels: &'a [f64],
    folds: &'a [usize],
    options: &'a FitOptions,
    goal: Goal,
}

/// A lexicon with its design and its cross-validated predictions.
struct Candidate {
    lexicon: Lexicon,
    design: Design,
    weights: Vec<f64>,
    movable: Vec<bool>,
    held_out: Vec<Verdict>,
    score: f64,
}

impl Setup<'_> {
    /// Scores the sentences with `lexicon` and cross-validates its fit.
    fn candidate(&self, lexicon: Lexicon, texts: &[&str]) -> Result<Candidate> {
        let design = Design::new(&lexicon, self.params, texts)?;
        let movable = lexicon.iter().map(|c| is_weighted(c.category)).collect();
        let mut candidate = Candidate {
            weights: weights_of(&lexicon),
            lexicon,
            design,
            movable,
            held_out: Vec::new(),
            score: 0.0,
        };
        candidate.held_out = self.cross_validate(&candidate);
        candidate.score = search::score(self.goal, self.labels, &candidate.held_out);
        Ok(candidate)
    }

    /// The held-out verdict on every sentence.
    fn cross_validate(&self, candidate: &Candidate) -> Vec<Verdict> {
        let problem = candidate.problem(self);
        let mut held_out = vec![
            Verdict {
                certainty: 0.0,
                uncertain: false
            };
            self.labels.len()
        ];
        for fold in 0..self.options.folds {
            let train: Vec<usize> = (0..self.labels.len())
                .filter(|&i| self.folds[i] != fold)
                .collect();
            let weights = problem.fit(&candidate.weights, &train);
            for (i, verdict) in held_out.iter_mut().enumerate() {
                if self.folds[i] == fold {
                    *verdict = problem.verdict(i, &weights);
                }
            }
        }
        held_out
    }

    /// Tries the gaps of `current`'s lexicon on the gold files as new
    /// entries, best first, keeping each that is worth it; returns the
    /// lexicon with those kept, how many were tried, and the kept ones.
    fn propose(
        &self,
        mut current: Candidate,
        paths: &[PathBuf],
        texts: &[&str],
    ) -> Result<(Candidate, usize, Vec<String>)> {
        let (mut tried, mut kept) = (0, Vec::new());
        for phrase in propose::candidates(&current.lexicon, self.params, paths)? {
            let Some(lexicon) = propose::with_entry(&current.lexicon, &phrase) else {
                continue;
            };
            tried += 1;
            let trial = self.candidate(lexicon, texts)?;
            if self.better(&trial, &current) {
                kept.push(phrase);
                current = trial;
            }
        }
        Ok((current, tried, kept))
    }

    /// True when `trial` is worth keeping over `current` (see
    /// [`search::worth_it`]).
    fn better(&self, trial: &Candidate, current: &Candidate) -> bool {
        let net = (trial.held_out.iter().zip(&current.held_out))
            .zip(self.labels)
            .map(|((t, c), &label)| {
                let gold = label >= 0.5;
                i64::from(t.uncertain == gold) - i64::from(c.uncertain == gold)
            })
            .sum();
        search::worth_it(
            self.goal,
            self.options.min_net,
            self.labels.len(),
            current.score,
            trial.score,
            net,
        )
    }
}

impl Candidate {
    fn problem<'a>(&'a self, setup: &'a Setup) -> Problem<'a> {
        Problem {
            design: &self.design,
            labels: setup.labels,
            params: setup.params,
            goal: setup.goal,
            movable: &self.movable,
            min_net: setup.options.min_net,
        }
    }

    /// The verdicts of the unfitted weights.
    fn start_verdicts(&self, setup: &Setup) -> Vec<Verdict> {
        let problem = self.problem(setup);
        (0..self.design.len())
            .map(|i| problem.verdict(i, &self.weights))
            .collect()
    }

    /// The lexicon fitted on every sentence, and its verdicts.
    fn fit_all(&self, setup: &Setup) -> (Lexicon, Vec<Verdict>) {
        let problem = self.problem(setup);
        let all: Vec<usize> = (0..setup.labels.len()).collect();
        let weights = problem.fit(&self.weights, &all);
        let mut lexicon = self.lexicon.clone();
        for (index, &w) in weights.iter().enumerate() {
            lexicon.set_weight(index, w);
        }
        let verdicts = all.iter().map(|&i| problem.verdict(i, &weights)).collect();
        (lexicon, verdicts)
    }
}

/// Verdicts as eval's predictions.
fn predictions(verdicts: &[Verdict]) -> Vec<Prediction> {
    verdicts
        .iter()
        .enumerate()
        .map(|(index, v)| Prediction {
            index,
            certainty: v.certainty,
            uncertain: v.uncertain,
        })
        .collect()
}

/// Each sentence's fold: the sentences shuffled by a generator seeded with
/// `seed`, then put in order of label (a stable sort keeps the shuffle
/// within a label), then dealt out in turn, so that each fold gets its
/// share of every label.
pub fn assign_folds(labels: &[f64], folds: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    crate::tune::bootstrap::Rng::new(seed).shuffle(&mut order);
    order.sort_by(|&a, &b| labels[a].total_cmp(&labels[b]));
    let mut fold = vec![0; labels.len()];
    for (k, &i) in order.iter().enumerate() {
        fold[i] = k % folds;
    }
    fold
}

/// The figures of a fit, before and after, each with its interval.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The starting lexicon's figures on all sentences.
    pub before: Evaluation,
    /// Their intervals.
    pub before_intervals: Intervals,
    /// The cross-validated figures of the fit.
    pub after: Evaluation,
    /// Their intervals.
    pub after_intervals: Intervals,
    /// Intervals of the change (after − before), from the same draws.
    pub change: Intervals,
    /// The fitted lexicon's figures on the sentences it was fitted to.
    pub fitted: Evaluation,
}

impl Summary {
    /// The figures the goal is about (precision, recall, F1; or Spearman
    /// and Pearson), as reports list them.
    pub fn figures(goal: Goal) -> &'static [Figure] {
        match goal {
            Goal::F1 => &Figure::OF_CLASSES,
            Goal::Spearman => &Figure::OF_RATINGS,
        }
    }
}

impl Fit {
    /// The figures, with intervals drawn by `bootstrap`.
    pub fn summary(&self, bootstrap: &Bootstrap) -> Summary {
        let gold = &self.labelled.gold;
        let ratings = self.labelled.goal == Goal::Spearman;
        let before = Sample::new(gold, &self.before, ratings);
        let after = Sample::new(gold, &self.cross_validated, ratings);
        let draws = bootstrap.draws(&[&before, &after]);
        let of = |k: usize| Intervals::of(&draws.iter().map(|d| d[k]).collect::<Vec<_>>());
        let change = Intervals::of_each(|figure| {
            Interval::of(
                draws
                    .iter()
                    .map(|d| figure.of_draw(&d[1]) - figure.of_draw(&d[0]))
                    .collect(),
            )
        });
        Summary {
            before: evaluate(gold, &self.before, ratings),
            before_intervals: of(0),
            after: evaluate(gold, &self.cross_validated, ratings),
            after_intervals: of(1),
            change,
            fitted: evaluate(gold, &self.fitted, ratings),
        }
    }

    /// The entries whose weight the fit changed: (cue, before, after).
    pub fn changes(&self) -> Vec<(String, f64, f64)> {
        let start: std::collections::HashMap<(&str, bool), f64> = (self.start.iter())
            .map(|c| ((c.text.as_str(), c.prefix), c.weight))
            .collect();
        self.lexicon
            .iter()
            .filter_map(|cue| {
                let before = *start.get(&(cue.text.as_str(), cue.prefix))?;
                (before != cue.weight).then(|| (cue.display_text(), before, cue.weight))
            })
            .collect()
    }

    /// The gold files.
    pub fn paths(&self) -> &[PathBuf] {
        &self.labelled.paths
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_seeded_and_share_out_each_label() {
        let labels: Vec<f64> = (0..103).map(|i| f64::from(i % 4 == 0)).collect();
        let folds = assign_folds(&labels, 5, 1);
        assert_eq!(folds, assign_folds(&labels, 5, 1));
        assert_ne!(folds, assign_folds(&labels, 5, 2));
        for label in [0.0, 1.0] {
            let mut per_fold = [0usize; 5];
            for (i, &fold) in folds.iter().enumerate() {
                if labels[i] == label {
                    per_fold[fold] += 1;
                }
            }
            let (min, max) = (
                per_fold.iter().min().unwrap(),
                per_fold.iter().max().unwrap(),
            );
            assert!(max - min <= 1, "label {label}: {per_fold:?}");
        }
    }
}
