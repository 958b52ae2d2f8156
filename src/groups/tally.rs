//! A group's running sums: what its row and its charts need, added one
//! article at a time and never holding an article.

use super::interval::{Estimate, MeanSums, RatioSums, Transform};
use crate::lexicon::Category;
use crate::report::{ArticleReport, CERTAINTY_BINS};

/// The sums of the articles of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Articles, with or without text.
    pub articles: u64,
    /// Sentences.
    pub sentences: u64,
    /// Words.
    pub words: u64,
    /// Sentences labelled uncertain.
    pub uncertain_sentences: u64,
    /// Cues that lowered certainty.
    pub hedges: u64,
    /// Cues that raised certainty.
    pub boosters: u64,
    /// Cues by category, in the order of the categories the tally was made for.
    pub by_category: Vec<u64>,
    /// Sentences by certainty, in [`CERTAINTY_BINS`] equal bins from 0 to 1.
    pub certainty_bins: [u64; CERTAINTY_BINS],
    /// Uncertain sentences over sentences, per article.
    share: RatioSums,
    /// Hedges over words, per article.
    hedge_rate: RatioSums,
    /// Article certainties (of the articles with sentences).
    certainty: MeanSums,
}

/// A group's figures, as its row shows them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// The pooled share of uncertain sentences, from 0 to 1.
    pub uncertain_share: Estimate,
    /// The mean article certainty.
    pub certainty: Estimate,
    /// Hedges per 1,000 words.
    pub hedges_per_1000_words: Estimate,
}

impl Tally {
    /// An empty tally counting `categories` cues.
    pub fn new(categories: usize) -> Tally {
        Tally {
            articles: 0,
            sentences: 0,
            words: 0,
            uncertain_sentences: 0,
            hedges: 0,
            boosters: 0,
            by_category: vec![0; categories],
            certainty_bins: [0; CERTAINTY_BINS],
            share: RatioSums::default(),
            hedge_rate: RatioSums::default(),
            certainty: MeanSums::default(),
        }
    }

    /// Adds an article; its cues are counted under `categories`.
    pub fn add(&mut self, report: &ArticleReport, categories: &[Category]) {
        self.articles += 1;
        self.sentences += report.sentences as u64;
        self.words += report.words as u64;
        self.uncertain_sentences += report.uncertain_sentences as u64;
        self.hedges += report.hedges as u64;
        self.boosters += report.boosters as u64;
        for (sum, category) in self.by_category.iter_mut().zip(categories) {
            *sum += report.category_count(*category) as u64;
        }
        for (sum, n) in self.certainty_bins.iter_mut().zip(report.certainty_bins) {
            *sum += u64::from(n);
        }
        // An article without sentences is no draw of a sentence, and one
        // without words no draw of a word: neither is a cluster.
        if report.sentences > 0 {
            let uncertain = report.uncertain_sentences as f64;
            self.share.add(uncertain, report.sentences as f64);
        }
        if report.words > 0 {
            self.hedge_rate
                .add(report.hedges as f64, report.words as f64);
        }
        if let Some(certainty) = report.certainty {
            self.certainty.add(certainty);
        }
    }

    /// Adds another group's articles.
    pub fn merge(&mut self, other: &Tally) {
        self.articles += other.articles;
        self.sentences += other.sentences;
        self.words += other.words;
        self.uncertain_sentences += other.uncertain_sentences;
        self.hedges += other.hedges;
        self.boosters += other.boosters;
        for (sum, n) in self.by_category.iter_mut().zip(&other.by_category) {
            *sum += n;
        }
        for (sum, n) in self.certainty_bins.iter_mut().zip(other.certainty_bins) {
            *sum += n;
        }
        self.share.merge(&other.share);
        self.hedge_rate.merge(&other.hedge_rate);
        self.certainty.merge(&other.certainty);
    }

    /// The estimates, with their intervals.
    pub fn figures(&self) -> Figures {
        Figures {
            uncertain_share: self.share.estimate(1.0, Transform::Logit),
            certainty: self.certainty.estimate((0.0, 1.0)),
            hedges_per_1000_words: self.hedge_rate.estimate(1000.0, Transform::Log),
        }
    }

    /// `count` per 1,000 of the group's words; 0 without words.
    pub fn per_1000_words(&self, count: u64) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            1000.0 * count as f64 / self.words as f64
        }
    }
}
