//! The coordinate search: each entry's weight in turn is set to the value
//! of [`GRID`] that scores best on the training sentences, and all weights
//! together are scaled by the factor of [`SCALES`] that does (the
//! threshold, which a lexicon file cannot carry, moved the only way the
//! file can: a sentence is uncertain when its hedges reach the threshold,
//! so scaling every weight by `s` is dividing the threshold by `s`). A
//! move is kept only when it raises the score and is carried by enough
//! sentences (see [`Problem::min_net`]); passes repeat until none moves.

use crate::scoring::ScoreParams;
use crate::tune::eval::{pearson, ranks};

use super::model::{Design, Verdict};

/// The weights an entry may take: our weight scale, where 1 is a hedge
/// that alone makes a sentence uncertain, 0 an entry that counts for
/// nothing, and a weight above 1 lowers the graded certainty further and
/// outweighs more boosters (the default's "might" weighs 3).
pub const GRID: [f64; 9] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0];
/// The factors all weights are scaled by together (the threshold divided
/// by them); scaled weights are rounded to [`STEP`].
pub const SCALES: [f64; 4] = [0.5, 0.8, 1.25, 2.0];
/// Scaled weights are multiples of this.
pub const STEP: f64 = 0.05;
/// At most this many rounds of (scale, every entry).
pub const MAX_PASSES: usize = 20;

/// What the fit raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// F1 of the uncertain class, for 0/1 labels.
    F1,
    /// Spearman's rank correlation of certainty with ratings.
    Spearman,
}

/// The data and the rules of one fit.
#[derive(Debug, Clone, Copy)]
pub struct Problem<'a> {
    /// Where each entry counts.
    pub design: &'a Design,
    /// Each sentence's label (0/1, or a rating).
    pub labels: &'a [f64],
    /// The scoring constants.
    pub params: ScoreParams,
    /// What to raise.
    pub goal: Goal,
    /// Per entry: whether its weight may move (not negators or neutral
    /// entries).
    pub movable: &'a [bool],
    /// A move must set right this many more training sentences than it
    /// sets wrong (for ratings: raise Spearman's rho by this many times
    /// 1/n), which keeps the weights of rarely seen entries where they
    /// were.
    pub min_net: usize,
}

impl Problem<'_> {
    /// The weights fitted on the sentences `train`, starting from `start`.
    pub fn fit(&self, start: &[f64], train: &[usize]) -> Vec<f64> {
        let mut state = State::new(self, start, train);
        for _ in 0..MAX_PASSES {
            let mut moved = state.scale_step();
            for entry in 0..self.design.entries() {
                moved |= self.movable[entry] && state.entry_step(entry);
            }
            if !moved {
                break;
            }
        }
        state.weights
    }

    /// The verdict on sentence `i` under `weights`.
    pub fn verdict(&self, i: usize, weights: &[f64]) -> Verdict {
        Verdict::of(&self.params, self.design.sums(i, weights))
    }

    fn gold_uncertain(&self, i: usize) -> bool {
        self.labels[i] >= 0.5
    }
}

/// A fit under way.
struct State<'a> {
    problem: &'a Problem<'a>,
    train: &'a [usize],
    in_train: Vec<bool>,
    weights: Vec<f64>,
    /// Per sentence (those of `train` kept current).
    verdicts: Vec<Verdict>,
    /// For ratings: the ranks of the training labels, in `train` order,
    /// and each sentence's place in `train`.
    label_ranks: Vec<f64>,
    place: Vec<usize>,
    /// For 0/1 labels: (true positives, false positives, false negatives).
    confusion: (i64, i64, i64),
    score: f64,
}

/// Verdicts a move would change: (sentence, new verdict).
type Changes = Vec<(usize, Verdict)>;

/// A move under consideration: where to (a weight, or all weights), its
/// trial and the verdicts it changes.
struct Move<T> {
    to: T,
    trial: Trial,
    changed: Changes,
}

/// A trial's score and how many more sentences it set right than wrong.
#[derive(Debug, Clone, Copy)]
struct Trial {
    score: f64,
    net: i64,
}

impl<'a> State<'a> {
    fn new(problem: &'a Problem<'a>, start: &[f64], train: &'a [usize]) -> State<'a> {
        let mut in_train = vec![false; problem.labels.len()];
        let mut place = vec![usize::MAX; problem.labels.len()];
        let mut verdicts = vec![
            Verdict {
                certainty: 0.0,
                uncertain: false
            };
            problem.labels.len()
        ];
        for (k, &i) in train.iter().enumerate() {
            in_train[i] = true;
            place[i] = k;
            verdicts[i] = problem.verdict(i, start);
        }
        let labels: Vec<f64> = train.iter().map(|&i| problem.labels[i]).collect();
        let mut state = State {
            problem,
            train,
            in_train,
            weights: start.to_vec(),
            verdicts,
            label_ranks: ranks(&labels),
            place,
            confusion: (0, 0, 0),
            score: 0.0,
        };
        state.confusion = state.count_confusion();
        state.score = state.score_of(&[]);
        state
    }

    /// The score with the verdicts `changed` (sentence, verdict) put in
    /// place of the current ones.
    fn score_of(&self, changed: &[(usize, Verdict)]) -> f64 {
        match self.problem.goal {
            Goal::F1 => {
                let (tp, fp, fn_) = self.confusion_with(changed);
                f1(tp, fp, fn_)
            }
            Goal::Spearman => {
                let mut certainty: Vec<f64> = self
                    .train
                    .iter()
                    .map(|&i| self.verdicts[i].certainty)
                    .collect();
                for &(i, new) in changed {
                    certainty[self.place[i]] = new.certainty;
                }
                pearson(&ranks(&certainty), &self.label_ranks)
            }
        }
    }

    /// The confusion counts of the training sentences.
    fn count_confusion(&self) -> (i64, i64, i64) {
        let mut counts = (0, 0, 0);
        for &i in self.train {
            add(
                &mut counts,
                self.problem.gold_uncertain(i),
                self.verdicts[i],
                1,
            );
        }
        counts
    }

    /// The confusion counts with the verdicts `changed` in place.
    fn confusion_with(&self, changed: &[(usize, Verdict)]) -> (i64, i64, i64) {
        let mut counts = self.confusion;
        for &(i, new) in changed {
            let gold = self.problem.gold_uncertain(i);
            add(&mut counts, gold, self.verdicts[i], -1);
            add(&mut counts, gold, new, 1);
        }
        counts
    }

    /// The trial of the verdicts `changed`.
    fn trial(&self, changed: &[(usize, Verdict)]) -> Trial {
        let net = changed
            .iter()
            .map(|&(i, new)| {
                let gold = self.problem.gold_uncertain(i);
                let right = |v: Verdict| i64::from(v.uncertain == gold);
                right(new) - right(self.verdicts[i])
            })
            .sum();
        Trial {
            score: self.score_of(changed),
            net,
        }
    }

    /// True when a trial is worth a move.
    fn worth_it(&self, trial: Trial) -> bool {
        worth_it(
            self.problem.goal,
            self.problem.min_net,
            self.train.len(),
            self.score,
            trial.score,
            trial.net,
        )
    }

    /// Moves entry `entry` to its best weight on the grid, if that is
    /// worth it; true when it moved.
    fn entry_step(&mut self, entry: usize) -> bool {
        let affected: Vec<usize> = (self.problem.design.sentences_of(entry).iter())
            .copied()
            .filter(|&i| self.in_train[i])
            .collect();
        if affected.is_empty() {
            return false;
        }
        let current = self.weights[entry];
        let mut best: Option<Move<f64>> = None;
        for weight in GRID.into_iter().filter(|&w| w != current) {
            self.weights[entry] = weight;
            let changed: Changes = affected
                .iter()
                .map(|&i| (i, self.problem.verdict(i, &self.weights)))
                .collect();
            let trial = self.trial(&changed);
            // Of equal scores, the least change.
            let better = best.as_ref().is_none_or(|b| {
                trial.score > b.trial.score
                    || (trial.score == b.trial.score
                        && (weight - current).abs() < (b.to - current).abs())
            });
            if self.worth_it(trial) && better {
                best = Some(Move {
                    to: weight,
                    trial,
                    changed,
                });
            }
        }
        self.weights[entry] = current;
        let Some(best) = best else {
            return false;
        };
        self.weights[entry] = best.to;
        self.apply(best.trial, &best.changed);
        true
    }

    /// Scales every movable weight by the best factor of [`SCALES`], if
    /// that is worth it; true when they moved.
    fn scale_step(&mut self) -> bool {
        let mut best: Option<Move<Vec<f64>>> = None;
        for factor in SCALES {
            let weights = self.scaled(factor);
            let changed: Changes = self
                .train
                .iter()
                .map(|&i| (i, self.problem.verdict(i, &weights)))
                .collect();
            let trial = self.trial(&changed);
            let better = best.as_ref().is_none_or(|b| trial.score > b.trial.score);
            if weights != self.weights && self.worth_it(trial) && better {
                best = Some(Move {
                    to: weights,
                    trial,
                    changed,
                });
            }
        }
        let Some(best) = best else {
            return false;
        };
        self.weights = best.to;
        self.apply(best.trial, &best.changed);
        true
    }

    /// The movable weights times `factor`, rounded to [`STEP`].
    fn scaled(&self, factor: f64) -> Vec<f64> {
        let steps = 1.0 / STEP;
        (self.weights.iter().zip(self.problem.movable))
            .map(|(&w, &movable)| {
                if movable {
                    (w * factor * steps)
                        .round()
                        .min(crate::lexicon::MAX_WEIGHT * steps)
                        / steps
                } else {
                    w
                }
            })
            .collect()
    }

    fn apply(&mut self, trial: Trial, changed: &[(usize, Verdict)]) {
        self.confusion = self.confusion_with(changed);
        for &(i, verdict) in changed {
            self.verdicts[i] = verdict;
        }
        self.score = trial.score;
    }
}

/// True when a change from score `old` to `new` on `n` sentences, which
/// set `net` more sentences right than wrong, is worth making: it raises
/// the score and, for 0/1 labels, `net` is at least `min_net`; for
/// ratings, rho rises by at least `min_net / n`.
pub fn worth_it(goal: Goal, min_net: usize, n: usize, old: f64, new: f64, net: i64) -> bool {
    let min_net = min_net as f64;
    new > old
        && match goal {
            Goal::F1 => net as f64 >= min_net,
            Goal::Spearman => new - old >= min_net / n.max(1) as f64,
        }
}

/// The score of verdicts on every sentence.
pub fn score(goal: Goal, labels: &[f64], verdicts: &[Verdict]) -> f64 {
    match goal {
        Goal::F1 => {
            let mut counts = (0, 0, 0);
            for (&label, &verdict) in labels.iter().zip(verdicts) {
                add(&mut counts, label >= 0.5, verdict, 1);
            }
            f1(counts.0, counts.1, counts.2)
        }
        Goal::Spearman => {
            let certainty: Vec<f64> = verdicts.iter().map(|v| v.certainty).collect();
            pearson(&ranks(&certainty), &ranks(labels))
        }
    }
}

/// Adds `sign` to the count of a sentence's cell of the confusion counts
/// (true positives, false positives, false negatives).
fn add(counts: &mut (i64, i64, i64), gold: bool, verdict: Verdict, sign: i64) {
    match (gold, verdict.uncertain) {
        (true, true) => counts.0 += sign,
        (false, true) => counts.1 += sign,
        (true, false) => counts.2 += sign,
        (false, false) => {}
    }
}

/// F1 from the confusion counts.
pub fn f1(tp: i64, fp: i64, fn_: i64) -> f64 {
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tune::fit::model::{is_weighted, weights_of};

    /// The lexicon's "may" weights and the sentences' verdicts after a fit
    /// with `min_net` of sentences (text, label).
    fn fit_may(sentences: &[(&str, f64)], min_net: usize, goal: Goal) -> (f64, Vec<bool>) {
        let lexicon = Lexicon::english();
        let texts: Vec<&str> = sentences.iter().map(|s| s.0).collect();
        let labels: Vec<f64> = sentences.iter().map(|s| s.1).collect();
        let params = ScoreParams::default();
        let design = Design::new(&lexicon, params, &texts).unwrap();
        let movable: Vec<bool> = lexicon.iter().map(|c| is_weighted(c.category)).collect();
        let problem = Problem {
            design: &design,
            labels: &labels,
            params,
            goal,
            movable: &movable,
            min_net,
        };
        let all: Vec<usize> = (0..texts.len()).collect();
        let weights = problem.fit(&weights_of(&lexicon), &all);
        let may = lexicon.iter().position(|c| c.text == "may").unwrap();
        let verdicts = all
            .iter()
            .map(|&i| problem.verdict(i, &weights).uncertain)
            .collect();
        (weights[may], verdicts)
    }

    #[test]
    fn a_weight_moves_only_when_enough_sentences_carry_the_move() {
        let one = [
            ("Visitors may park here.", 0.0),
            ("It might rain.", 1.0),
            ("The bay is open.", 0.0),
        ];
        assert_eq!(fit_may(&one, 2, Goal::F1).0, 2.5);
        let (may, verdicts) = fit_may(&one, 1, Goal::F1);
        assert!(may < 1.0, "{may}");
        assert_eq!(verdicts, [false, true, false]);
        let two = [one[0], ("You may park there.", 0.0), one[1], one[2]];
        assert!(fit_may(&two, 2, Goal::F1).0 < 1.0);
    }

    #[test]
    fn ratings_move_weights_toward_the_rank_order() {
        // "may" findings are rated as sure as plain ones; "might" ones less.
        let rated: Vec<(String, f64)> = (0..30)
            .map(|i| match i % 3 {
                0 => (format!("The drug may be given on day {i}."), 5.0),
                1 => (format!("The drug might help on day {i}."), 2.0),
                _ => (format!("The drug helped on day {i}."), 5.0),
            })
            .collect();
        let rated: Vec<(&str, f64)> = rated.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(fit_may(&rated, 2, Goal::Spearman).0, 0.0);
    }

    #[test]
    fn worth_it_needs_a_higher_score_and_enough_sentences() {
        assert!(worth_it(Goal::F1, 2, 100, 0.5, 0.6, 2));
        assert!(!worth_it(Goal::F1, 2, 100, 0.5, 0.6, 1));
        assert!(!worth_it(Goal::F1, 0, 100, 0.5, 0.5, 3));
        assert!(worth_it(Goal::Spearman, 2, 100, 0.5, 0.53, 0));
        assert!(!worth_it(Goal::Spearman, 2, 100, 0.5, 0.51, 0));
    }
}
