//! The scorer's arithmetic with the weights left open: which entries count
//! in each sentence, and which way, is fixed by the text and the context
//! rules, so a sentence's sums under any weights are a few additions.

use crate::lexicon::{Category, Lexicon};
use crate::scoring::{Effect, FULL_WEIGHT, ScoreParams, ScoredText, Scorer};

/// The weight every entry has while the design is found: no real weight
/// is so small, and it is not 0, which switches an entry off.
const PROBE_WEIGHT: f64 = 1e-9;

/// One cue that counted in a sentence, whatever its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// The lexicon entry.
    pub entry: usize,
    /// It raised certainty (a booster, or a hedge turned by a negator).
    pub boost: bool,
    /// `full_before_group` applied: it weighs at least [`FULL_WEIGHT`].
    pub group: bool,
}

impl Term {
    /// The weight it adds, as the scorer computes it.
    fn weight(&self, weights: &[f64]) -> f64 {
        if self.group {
            weights[self.entry].max(FULL_WEIGHT)
        } else {
            weights[self.entry]
        }
    }
}

/// The terms of every sentence, and where each entry counts.
#[derive(Debug, Clone)]
pub struct Design {
    terms: Vec<Term>,
    /// Sentence `i`'s terms are `terms[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    /// Per entry, the sentences it counts in, ascending.
    by_entry: Vec<Vec<usize>>,
}

impl Design {
    /// Scores each text as one sentence (as `eval` does) and records its
    /// terms. Whether a cue counts and which way does not depend on
    /// weights, but for weight 0 (an entry switched off counts nowhere) and
    /// `full_before_group`: so it is found by scoring with every entry at
    /// a weight far below any real one: where the rule applied, an entry
    /// weighs [`FULL_WEIGHT`].
    pub fn new(lexicon: &Lexicon, params: ScoreParams, texts: &[&str]) -> crate::Result<Design> {
        let mut probe = lexicon.clone();
        for index in 0..lexicon.len() {
            probe.set_weight(index, PROBE_WEIGHT);
        }
        let scorer = Scorer::new(probe, params)?;
        let mut design = Design {
            terms: Vec::new(),
            starts: vec![0],
            by_entry: vec![Vec::new(); lexicon.len()],
        };
        let mut scored = ScoredText::default();
        for (i, text) in texts.iter().enumerate() {
            scorer.score_as_sentence(text, &mut scored);
            for m in &scored.cues {
                let group = m.weight >= FULL_WEIGHT;
                design.terms.push(Term {
                    entry: m.cue,
                    boost: m.effect == Effect::Boost,
                    group,
                });
                if design.by_entry[m.cue].last() != Some(&i) {
                    design.by_entry[m.cue].push(i);
                }
            }
            design.starts.push(design.terms.len());
        }
        Ok(design)
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of entries.
    pub fn entries(&self) -> usize {
        self.by_entry.len()
    }

    /// The sentences entry `entry` counts in, ascending.
    pub fn sentences_of(&self, entry: usize) -> &[usize] {
        &self.by_entry[entry]
    }

    /// Sentence `i`'s hedge and booster sums under `weights`, added in the
    /// order the scorer adds them, so that they are the scorer's to the
    /// last bit.
    pub fn sums(&self, i: usize, weights: &[f64]) -> (f64, f64) {
        let (mut hedge, mut boost) = (0.0, 0.0);
        for term in &self.terms[self.starts[i]..self.starts[i + 1]] {
            if term.boost {
                boost += term.weight(weights);
            } else {
                hedge += term.weight(weights);
            }
        }
        (hedge, boost)
    }
}

/// The weights of a lexicon's entries, by index.
pub fn weights_of(lexicon: &Lexicon) -> Vec<f64> {
    lexicon.iter().map(|cue| cue.weight).collect()
}

/// True for the entries whose weight counts (not negators or neutral entries).
pub fn is_weighted(category: Category) -> bool {
    !matches!(category, Category::Negator | Category::Neutral)
}

/// What the scorer says of a sentence with sums `(hedge, boost)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// Its certainty.
    pub certainty: f64,
    /// Labelled uncertain.
    pub uncertain: bool,
}

impl Verdict {
    /// The verdict of the scoring formula.
    pub fn of(params: &ScoreParams, (hedge, boost): (f64, f64)) -> Verdict {
        Verdict {
            certainty: params.certainty(hedge, boost),
            uncertain: params.is_uncertain(hedge, boost),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences that exercise each context rule of the default lexicon.
    const TEXTS: [&str; 10] = [
        "The drug may help, but it is not clear why.",
        "There is no doubt that it works.",
        "Some economists say about 300 jobs could go.",
        "Some genes are clearly expressed in May.",
        "He said it would close, and we can confirm that.",
        "It could not be confirmed; it may prove useful.",
        "Officials reportedly believe it is likely.",
        "Not only did it rain, it poured.",
        "If the deal goes ahead, many analysts expect cuts.",
        "Nothing here.",
    ];

    #[test]
    fn sums_are_the_scorers_under_any_weights() {
        let lexicon = Lexicon::english();
        let params = ScoreParams::default();
        let design = Design::new(&lexicon, params, &TEXTS).unwrap();
        let mut weights = weights_of(&lexicon);
        let mut rng = crate::tune::bootstrap::Rng::new(11);
        for round in 0..20 {
            let mut changed = lexicon.clone();
            if round > 0 {
                for (index, w) in weights.iter_mut().enumerate() {
                    // Tenths too: their sums depend on the order of addition.
                    *w = if round % 2 == 0 {
                        rng.below(9) as f64 / 4.0
                    } else {
                        rng.below(21) as f64 / 10.0
                    };
                    changed.set_weight(index, *w);
                }
            }
            let scorer = Scorer::new(changed, params).unwrap();
            let mut scored = ScoredText::default();
            for (i, text) in TEXTS.iter().enumerate() {
                scorer.score_as_sentence(text, &mut scored);
                let s = &scored.sentences[0];
                assert_eq!(design.sums(i, &weights), (s.hedge, s.boost), "{text}");
            }
        }
    }
}
