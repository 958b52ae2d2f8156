//! Bootstrap intervals for the figures of an evaluation.
//!
//! An interval is the percentile bootstrap: the labelled sentences are
//! drawn with replacement, as many as there are, [`RESAMPLES`] times; each
//! draw's precision, recall, F1, Pearson and Spearman are computed as
//! [`crate::tune::eval::evaluate`] computes them, and the 95% interval runs
//! from the 25th to the 975th of the 1,000 sorted values. The draws come
//! from a small generator of our own ([`Rng`], SplitMix64) seeded with
//! [`SEED`] unless told otherwise, so the same labels, predictions and seed
//! give the same interval on every machine.
//!
//! Sentences, not articles, are resampled: the labelled files are samples
//! of sentences (the news labels are drawn at random from 2,225 articles,
//! and most other files do not say which article a sentence came from),
//! and the bootstrap must redraw the units that were drawn. Where many
//! sentences of one document are labelled together the interval is
//! somewhat too narrow.
//!
//! Only the predictions are resampled, never the text: a draw is a count
//! of how often each sentence was drawn, and each figure a weighted sum
//! over the sentences (the ranks of Spearman's rho from one sort done
//! beforehand), so a draw costs a pass over the sentences.

use crate::tune::eval::{Evaluation, GoldSentence, Prediction, pearson_weighted};

/// Draws per interval.
pub const RESAMPLES: usize = 1000;
/// The seed used unless another is given.
pub const SEED: u64 = 1;
/// The share of the draws an interval covers.
pub const LEVEL: f64 = 0.95;

/// A small seeded generator (SplitMix64, Steele et al. 2014): the same
/// seed gives the same numbers on every platform and in every version.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (greater than 0), by multiplying up rather than
    /// by a remainder, which favours small numbers less.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Shuffles `items` (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A range of plausible values of a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower end.
    pub low: f64,
    /// The upper end.
    pub high: f64,
}

impl Interval {
    /// The percentile interval of `values` at [`LEVEL`] (sorted here).
    pub fn of(mut values: Vec<f64>) -> Interval {
        if values.is_empty() {
            return Interval {
                low: f64::NAN,
                high: f64::NAN,
            };
        }
        values.sort_by(f64::total_cmp);
        // The draws left out at each end: 25 of 1,000 at 95%.
        let tail = ((1.0 - LEVEL) / 2.0 * values.len() as f64).round() as usize;
        let last = values.len() - 1;
        Interval {
            low: values[tail.saturating_sub(1)],
            high: values[last - tail],
        }
    }
}

/// The figures of one draw.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figures {
    /// Precision of the uncertain class.
    pub precision: f64,
    /// Recall of the uncertain class.
    pub recall: f64,
    /// F1 of the uncertain class.
    pub f1: f64,
    /// Pearson correlation of certainty with the truth.
    pub pearson: f64,
    /// Spearman rank correlation of certainty with the truth.
    pub spearman: f64,
}

/// The intervals of the five figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intervals {
    /// Of precision.
    pub precision: Interval,
    /// Of recall.
    pub recall: Interval,
    /// Of F1.
    pub f1: Interval,
    /// Of Pearson's r.
    pub pearson: Interval,
    /// Of Spearman's rho.
    pub spearman: Interval,
}

impl Intervals {
    /// The intervals of a list of draws.
    pub fn of(draws: &[Figures]) -> Intervals {
        Intervals::of_each(|figure| Interval::of(draws.iter().map(|d| figure.of_draw(d)).collect()))
    }

    /// The intervals `interval` gives each figure.
    pub fn of_each(interval: impl Fn(Figure) -> Interval) -> Intervals {
        Intervals {
            precision: interval(Figure::Precision),
            recall: interval(Figure::Recall),
            f1: interval(Figure::F1),
            pearson: interval(Figure::Pearson),
            spearman: interval(Figure::Spearman),
        }
    }
}

/// One of the figures of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Precision of the uncertain class.
    Precision,
    /// Recall of the uncertain class.
    Recall,
    /// F1 of the uncertain class.
    F1,
    /// Pearson's r of certainty with the truth.
    Pearson,
    /// Spearman's rho of certainty with the truth.
    Spearman,
}

impl Figure {
    /// The figures of 0/1 labels, as reports list them.
    pub const OF_CLASSES: [Figure; 3] = [Figure::Precision, Figure::Recall, Figure::F1];
    /// The figures of ratings, as reports list them.
    pub const OF_RATINGS: [Figure; 2] = [Figure::Spearman, Figure::Pearson];

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Figure::Precision => "precision",
            Figure::Recall => "recall",
            Figure::F1 => "F1",
            Figure::Pearson => "pearson",
            Figure::Spearman => "spearman",
        }
    }

    /// Its value in an evaluation.
    pub fn of(self, e: &Evaluation) -> f64 {
        match self {
            Figure::Precision => e.precision(),
            Figure::Recall => e.recall(),
            Figure::F1 => e.f1(),
            Figure::Pearson => e.pearson,
            Figure::Spearman => e.spearman,
        }
    }

    /// Its value in a draw.
    pub fn of_draw(self, f: &Figures) -> f64 {
        match self {
            Figure::Precision => f.precision,
            Figure::Recall => f.recall,
            Figure::F1 => f.f1,
            Figure::Pearson => f.pearson,
            Figure::Spearman => f.spearman,
        }
    }

    /// Its interval.
    pub fn interval(self, i: &Intervals) -> Interval {
        match self {
            Figure::Precision => i.precision,
            Figure::Recall => i.recall,
            Figure::F1 => i.f1,
            Figure::Pearson => i.pearson,
            Figure::Spearman => i.spearman,
        }
    }
}

/// The predictions of one evaluation, ready to be redrawn: per sentence,
/// whether gold and prediction say uncertain, and the certainty and the
/// truth it is correlated with (as in `evaluate`: the rating, or 1 for a
/// certain sentence and 0 for an uncertain one).
#[derive(Debug, Clone)]
pub struct Sample {
    gold_uncertain: Vec<bool>,
    predicted: Vec<bool>,
    certainty: Vec<f64>,
    truth: Vec<f64>,
    /// Tie groups of certainty and of truth, in ascending order.
    certainty_ties: TieGroups,
    truth_ties: TieGroups,
}

impl Sample {
    /// The sample of `predictions` of `gold`.
    pub fn new(gold: &[GoldSentence], predictions: &[Prediction], ratings: bool) -> Sample {
        let labels: Vec<f64> = predictions.iter().map(|p| gold[p.index].label).collect();
        let certainty: Vec<f64> = predictions.iter().map(|p| p.certainty).collect();
        let predicted: Vec<bool> = predictions.iter().map(|p| p.uncertain).collect();
        Sample::from_parts(&labels, certainty, predicted, ratings)
    }

    /// The sample of parallel lists of labels, certainties and predicted
    /// labels (uncertain or not).
    pub fn from_parts(
        labels: &[f64],
        certainty: Vec<f64>,
        predicted: Vec<bool>,
        ratings: bool,
    ) -> Sample {
        let gold_uncertain: Vec<bool> = labels.iter().map(|&l| l >= 0.5).collect();
        let truth: Vec<f64> = if ratings {
            labels.to_vec()
        } else {
            gold_uncertain
                .iter()
                .map(|&u| if u { 0.0 } else { 1.0 })
                .collect()
        };
        Sample {
            certainty_ties: TieGroups::of(&certainty),
            truth_ties: TieGroups::of(&truth),
            gold_uncertain,
            predicted,
            certainty,
            truth,
        }
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.certainty.len()
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.certainty.is_empty()
    }

    /// The figures of a draw that took sentence `i` `counts[i]` times.
    pub fn figures(&self, counts: &[u32]) -> Figures {
        let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
        for (i, &c) in counts.iter().enumerate() {
            let c = u64::from(c);
            match (self.gold_uncertain[i], self.predicted[i]) {
                (true, true) => tp += c,
                (false, true) => fp += c,
                (true, false) => fn_ += c,
                (false, false) => {}
            }
        }
        let ratio = |a: u64, b: u64| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        let certainty_ranks = self.certainty_ties.draw_ranks(counts);
        let truth_ranks = self.truth_ties.draw_ranks(counts);
        Figures {
            precision,
            recall,
            f1,
            pearson: pearson_weighted(&self.certainty, &self.truth, counts),
            spearman: pearson_weighted(&certainty_ranks, &truth_ranks, counts),
        }
    }
}

/// The indices of some values in ascending order, grouped by equal value.
#[derive(Debug, Clone)]
struct TieGroups {
    /// The indices, in ascending order of their values.
    order: Vec<usize>,
    /// Where each group ends in `order`.
    ends: Vec<usize>,
}

impl TieGroups {
    fn of(values: &[f64]) -> TieGroups {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        let mut ends: Vec<usize> = (1..order.len())
            .filter(|&k| values[order[k]] != values[order[k - 1]])
            .collect();
        ends.push(order.len());
        TieGroups { order, ends }
    }

    /// Each sentence's rank in a draw (ties share their mean rank, as in
    /// [`crate::tune::eval::ranks`]); a sentence drawn twice ties with
    /// itself.
    fn draw_ranks(&self, counts: &[u32]) -> Vec<f64> {
        let mut ranks = vec![0.0; counts.len()];
        let (mut start, mut before) = (0, 0u64);
        for &end in &self.ends {
            let group = &self.order[start..end];
            let size: u64 = group.iter().map(|&i| u64::from(counts[i])).sum();
            let mean_rank = before as f64 + (size as f64 + 1.0) / 2.0;
            for &i in group {
                ranks[i] = mean_rank;
            }
            (start, before) = (end, before + size);
        }
        ranks
    }
}

/// How intervals are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    /// Draws per interval.
    pub resamples: usize,
    /// The generator's seed.
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Bootstrap {
        Bootstrap {
            resamples: RESAMPLES,
            seed: SEED,
        }
    }
}

impl Bootstrap {
    /// The figures of each draw for samples of the same sentences (the
    /// same draw for each, so that a difference between them has an
    /// interval too): `draws[d][s]` is draw `d` of sample `s`.
    pub fn draws(&self, samples: &[&Sample]) -> Vec<Vec<Figures>> {
        let n = samples.first().map_or(0, |s| s.len());
        assert!(
            samples.iter().all(|s| s.len() == n),
            "samples of the same sentences"
        );
        let mut rng = Rng::new(self.seed);
        let mut counts = vec![0u32; n];
        (0..self.resamples)
            .map(|_| {
                counts.fill(0);
                for _ in 0..n {
                    counts[rng.below(n)] += 1;
                }
                samples.iter().map(|s| s.figures(&counts)).collect()
            })
            .collect()
    }

    /// The intervals of one sample's figures.
    pub fn intervals(&self, sample: &Sample) -> Intervals {
        let draws: Vec<Figures> = self
            .draws(&[sample])
            .into_iter()
            .map(|mut d| d.remove(0))
            .collect();
        Intervals::of(&draws)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tune::eval::evaluate;

    fn gold_of(labels: &[f64]) -> Vec<GoldSentence> {
        labels
            .iter()
            .enumerate()
            .map(|(i, &label)| GoldSentence {
                line: i as u64 + 1,
                label,
                text: String::new(),
            })
            .collect()
    }

    /// Predictions with certainties that tie now and then.
    fn predictions(n: usize, rng: &mut Rng) -> Vec<Prediction> {
        (0..n)
            .map(|index| {
                let certainty = rng.below(7) as f64 / 6.0;
                Prediction {
                    index,
                    certainty,
                    uncertain: certainty < 0.5,
                }
            })
            .collect()
    }

    #[test]
    fn a_draw_by_counts_equals_evaluating_the_drawn_sentences() {
        let mut rng = Rng::new(7);
        for ratings in [false, true] {
            let labels: Vec<f64> = (0..60)
                .map(|_| {
                    if ratings {
                        1.0 + rng.below(6) as f64
                    } else {
                        rng.below(2) as f64
                    }
                })
                .collect();
            let gold = gold_of(&labels);
            let predicted = predictions(labels.len(), &mut rng);
            let sample = Sample::new(&gold, &predicted, ratings);
            let mut counts = vec![0u32; labels.len()];
            let mut drawn = Vec::new();
            for _ in 0..labels.len() {
                let i = rng.below(labels.len());
                counts[i] += 1;
                drawn.push(predicted[i].clone());
            }
            let by_counts = sample.figures(&counts);
            let e = evaluate(&gold, &drawn, ratings);
            let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
            assert!(close(by_counts.pearson, e.pearson), "{by_counts:?} {e:?}");
            assert!(close(by_counts.spearman, e.spearman), "{by_counts:?} {e:?}");
            if !ratings {
                assert!(close(by_counts.precision, e.precision()));
                assert!(close(by_counts.recall, e.recall()));
                assert!(close(by_counts.f1, e.f1()));
            }
        }
    }

    #[test]
    fn intervals_are_seeded_and_hold_the_figure() {
        let mut rng = Rng::new(3);
        let labels: Vec<f64> = (0..200).map(|_| rng.below(2) as f64).collect();
        let gold = gold_of(&labels);
        let predicted = predictions(labels.len(), &mut rng);
        let sample = Sample::new(&gold, &predicted, false);
        let e = evaluate(&gold, &predicted, false);
        let bootstrap = Bootstrap::default();
        let a = bootstrap.intervals(&sample);
        assert_eq!(a, bootstrap.intervals(&sample));
        for (figure, interval) in [
            (e.precision(), a.precision),
            (e.recall(), a.recall),
            (e.f1(), a.f1),
            (e.pearson, a.pearson),
            (e.spearman, a.spearman),
        ] {
            assert!(
                interval.low < figure && figure < interval.high,
                "{figure} {interval:?}"
            );
        }
        let other = Bootstrap {
            seed: 2,
            ..Bootstrap::default()
        };
        assert_ne!(a, other.intervals(&sample));
    }

    #[test]
    fn percentile_ends_and_generator_are_fixed() {
        let values: Vec<f64> = (1..=1000).map(f64::from).rev().collect();
        assert_eq!(
            Interval::of(values),
            Interval {
                low: 25.0,
                high: 975.0
            }
        );
        // SplitMix64's published first output for seed 0.
        assert_eq!(Rng::new(0).next_u64(), 0xe220_a839_7b1d_cdaf);
        let mut rng = Rng::new(1);
        let mut items: Vec<usize> = (0..10).collect();
        rng.shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(items, sorted);
    }
}
