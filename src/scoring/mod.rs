//! Sentence scores: from cue matches and context rules to a certainty.
//!
//! # The formula
//! Each cue that counts in a sentence adds its lexicon weight to the
//! sentence's hedge sum `H` (every category but boosters) or to its booster
//! sum `B`. Context rules decide whether a cue counts and which way:
//! a negator up to [`ScoreParams::negation_window`] words before a booster
//! turns it into a hedge ("not certain"), and before a hedge marked
//! `negation_flips` turns it into a booster ("no doubt"); a cue marked
//! `before_number` counts only before a quantity (not a laboratory
//! measurement such as "3-fold" or "50 kDa"); one marked `not_month` is
//! skipped when it is the month May; one marked `not_reported` is skipped
//! in reported speech after a verb of saying ("said it would close"); one
//! marked `not_after_person` is skipped right after a word for a person
//! ("we can", "citizens can": an ability or a permission); one marked
//! `not_after_modal` is skipped under a modal or the infinitive "to"
//! ("may prove", "to confirm": a verb of proof that proves nothing): right
//! after "to", "to be" or "to have", or after a modal with at most two
//! words between, each "be", "have", "been" or an adverb in "-ly" (so a
//! negator between stops it: "could not confirm" is a negated booster,
//! a hedge).
//! `full_before_group` counts at [`FULL_WEIGHT`] before a noun for a group
//! of people ("some economists", "many Anglicans": a claim pinned on no
//! one in particular), at its own weight elsewhere ("some genes").
//!
//! With `x = B − H`, the sentence's certainty is
//!
//! ```text
//! s = x / sqrt(x² + alpha)                 (in (−1, 1): diminishing returns)
//! certainty = neutral + s · (1 − neutral)   when x ≥ 0
//! certainty = neutral + s · neutral         when x < 0
//! ```
//!
//! so a sentence with no cues scores `neutral`, hedges pull it toward 0 and
//! boosters toward 1, each extra cue by less. A sentence is labelled
//! `uncertain` when `H ≥ uncertain_at` and `B ≤ H`: a cue of weight 1 is
//! enough alone, a weaker cue needs company, and only boosters that weigh
//! more than the hedges make the sentence certain.

use std::ops::Range;

use crate::error::Result;
use crate::lexicon::{Category, Cue, Lexicon, WordListName};
use crate::matching::{CueMatcher, MatchScratch, RawMatch};
use crate::text::sentences::SentenceSplitter;

mod rules;

use rules::{RuleWords, is_month_may, negator_reaches};

/// The certainty of a sentence with no cues.
pub const NEUTRAL_CERTAINTY: f64 = 0.75;
/// How fast certainty saturates: larger values need more cue weight to move it.
pub const SATURATION_ALPHA: f64 = 4.0;
/// The hedge weight at which a sentence is labelled uncertain (unless its
/// boosters weigh more).
pub const UNCERTAIN_AT: f64 = 1.0;
/// How many words before a cue a negator reaches.
pub const NEGATION_WINDOW: usize = 3;
/// The weight of a whole hedge, which alone labels a sentence uncertain
/// at the default threshold: what a cue marked `full_before_group` weighs
/// before a group of people, like the lexicon's "some critics".
pub const FULL_WEIGHT: f64 = 1.0;

/// The tunable constants of the scoring formula (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreParams {
    /// Certainty of a sentence with no cues, in [0, 1].
    pub neutral: f64,
    /// Saturation constant, greater than 0.
    pub alpha: f64,
    /// Hedge weight from which a sentence is labelled uncertain, unless its
    /// boosters weigh more.
    pub uncertain_at: f64,
    /// Words before a cue that a negator reaches.
    pub negation_window: usize,
}

impl Default for ScoreParams {
    fn default() -> ScoreParams {
        ScoreParams {
            neutral: NEUTRAL_CERTAINTY,
            alpha: SATURATION_ALPHA,
            uncertain_at: UNCERTAIN_AT,
            negation_window: NEGATION_WINDOW,
        }
    }
}

impl ScoreParams {
    /// The certainty for hedge sum `hedge` and booster sum `boost`.
    pub fn certainty(&self, hedge: f64, boost: f64) -> f64 {
        let x = boost - hedge;
        // hypot keeps x² from overflowing; an infinite or undefined sum
        // saturates rather than turning the score into NaN. Most sentences
        // have no cues (or hedges and boosters that cancel), and hypot is
        // slow, so x = 0 (s = 0) goes first.
        let s = if x == 0.0 {
            0.0
        } else if x.is_finite() {
            x / x.hypot(self.alpha.sqrt())
        } else if x.is_nan() {
            0.0
        } else {
            x.signum()
        };
        let room = if x >= 0.0 {
            1.0 - self.neutral
        } else {
            self.neutral
        };
        (self.neutral + s * room).clamp(0.0, 1.0)
    }

    /// True when the sums make a sentence uncertain: its hedges reach the
    /// threshold and its boosters do not outweigh them. A booster in one
    /// clause does not settle a hedge in another ("we show that X may
    /// bind Y", "of course it is probably legal"); the annotated corpora
    /// count such sentences uncertain, and an equal or weaker booster
    /// only raises the graded certainty.
    pub fn is_uncertain(&self, hedge: f64, boost: f64) -> bool {
        hedge >= self.uncertain_at && hedge >= boost
    }
}

/// Which way a cue moved its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Lowered certainty.
    Hedge,
    /// Raised certainty.
    Boost,
}

/// A cue that counted in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    /// Index of the entry in the scorer's lexicon.
    pub cue: usize,
    /// Byte span in the scored text.
    pub span: Range<usize>,
    /// The direction it moved the sentence, after negation.
    pub effect: Effect,
    /// The byte span of the negator before it that changed or confirmed
    /// its effect, if one did.
    pub negated_by: Option<Range<usize>>,
    /// The weight it added.
    pub weight: f64,
}

impl CueMatch {
    /// True when a negator changed or confirmed its effect.
    pub fn negated(&self) -> bool {
        self.negated_by.is_some()
    }
}

/// A scored sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Byte span in the scored text.
    pub span: Range<usize>,
    /// The sentence's cues: a range into [`ScoredText::cues`].
    pub cues: Range<usize>,
    /// Sum of the weights of its hedges.
    pub hedge: f64,
    /// Sum of the weights of its boosters.
    pub boost: f64,
    /// Certainty in [0, 1].
    pub certainty: f64,
    /// True when labelled uncertain.
    pub uncertain: bool,
}

/// The sentences and cues of one scored text. Reuse one value across texts
/// to avoid allocating per text.
#[derive(Debug, Clone, Default)]
pub struct ScoredText {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Every cue that counted, in order; each sentence owns a range of them.
    pub cues: Vec<CueMatch>,
    spans: Vec<Range<usize>>,
    raw: Vec<RawMatch>,
    scratch: MatchScratch,
}

impl ScoredText {
    /// The cues of one of this text's sentences.
    pub fn cues_of(&self, sentence: &Sentence) -> &[CueMatch] {
        &self.cues[sentence.cues.clone()]
    }

    /// Every match of the lexicon in the text, in order, before the
    /// context rules: negators, neutral entries and the cues a rule
    /// skipped too (the matcher's own output, kept for reuse; a match
    /// that runs past a sentence end belongs to no sentence).
    pub fn raw_matches(&self) -> &[RawMatch] {
        &self.raw
    }

    fn clear(&mut self) {
        self.sentences.clear();
        self.cues.clear();
        self.spans.clear();
        self.raw.clear();
    }
}

/// Scores text: splits it into sentences, finds cues, applies the context
/// rules and computes certainties. Build it once and share it across threads.
/// Its sentence splitter and the rules' word lists come from the lexicon's
/// word lists ([`Lexicon::word_list`]).
///
/// ```
/// use hedgescore::{Scorer, ScoredText};
/// let scorer = Scorer::english();
/// let mut scored = ScoredText::default();
/// scorer.score_text("The drug might help. It works.", &mut scored);
/// assert_eq!(scored.sentences.len(), 2);
/// assert!(scored.sentences[0].uncertain);
/// assert!(!scored.sentences[1].uncertain);
/// ```
#[derive(Debug, Clone)]
pub struct Scorer {
    lexicon: Lexicon,
    matcher: CueMatcher,
    params: ScoreParams,
    splitter: SentenceSplitter,
    words: RuleWords,
}

impl Scorer {
    /// A scorer for `lexicon` with the given constants.
    pub fn new(lexicon: Lexicon, params: ScoreParams) -> Result<Scorer> {
        let matcher = CueMatcher::new(&lexicon)?;
        let list = |name| lexicon.word_list(name).text();
        let splitter = SentenceSplitter::from_lists(
            list(WordListName::Abbreviations),
            list(WordListName::SentenceStarters),
            list(WordListName::DomainEndings),
        );
        let words = RuleWords::new(&lexicon);
        Ok(Scorer {
            lexicon,
            matcher,
            params,
            splitter,
            words,
        })
    }

    /// A scorer with the built-in English lexicon and default constants.
    pub fn english() -> Scorer {
        Scorer::new(Lexicon::english(), ScoreParams::default())
            .expect("the built-in lexicon builds a matcher (tested)")
    }

    /// The lexicon the scorer matches.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The scoring constants.
    pub fn params(&self) -> &ScoreParams {
        &self.params
    }

    /// The sentence splitter, built from the lexicon's word lists: split
    /// text with it for [`Scorer::score_split_text`].
    pub fn splitter(&self) -> &SentenceSplitter {
        &self.splitter
    }

    /// Splits `text` into sentences and scores each; the result replaces
    /// what `out` held.
    pub fn score_text(&self, text: &str, out: &mut ScoredText) {
        let mut spans = std::mem::take(&mut out.spans);
        spans.clear();
        self.splitter.split_into(text, &mut spans);
        self.score_split_text(text, &spans, out);
        out.spans = spans;
    }

    /// Scores `text` as split into `sentences` (in order and disjoint, as
    /// [`Scorer::splitter`] gives them), for a caller that split it
    /// already; the result replaces what `out` held.
    pub fn score_split_text(&self, text: &str, sentences: &[Range<usize>], out: &mut ScoredText) {
        out.clear();
        self.matcher.find_into(text, &mut out.scratch, &mut out.raw);
        let raw = std::mem::take(&mut out.raw);
        let mut next_raw = 0;
        for span in sentences {
            while next_raw < raw.len() && raw[next_raw].span.start < span.start {
                next_raw += 1;
            }
            let first = next_raw;
            while next_raw < raw.len() && raw[next_raw].span.start < span.end {
                next_raw += 1;
            }
            // A match that runs past the sentence end belongs to no sentence.
            let inside = raw[first..next_raw]
                .iter()
                .filter(|m| m.span.end <= span.end);
            self.push_sentence(text, span.clone(), inside, out);
        }
        out.raw = raw;
    }

    /// Scores `text` as one sentence, as it is (for one-sentence-per-line
    /// data); the result replaces what `out` held.
    pub fn score_as_sentence(&self, text: &str, out: &mut ScoredText) {
        out.clear();
        let trimmed = text.trim();
        let start = text.len() - text.trim_start().len();
        let span = start..start + trimmed.len();
        self.matcher.find_into(text, &mut out.scratch, &mut out.raw);
        let raw = std::mem::take(&mut out.raw);
        self.push_sentence(text, span, raw.iter(), out);
        out.raw = raw;
    }

    fn push_sentence<'a>(
        &self,
        text: &str,
        span: Range<usize>,
        matches: impl Iterator<Item = &'a RawMatch>,
        out: &mut ScoredText,
    ) {
        let first_cue = out.cues.len();
        let (mut hedge, mut boost) = (0.0, 0.0);
        let mut last_negator: Option<&Range<usize>> = None;
        for m in matches {
            let cue = self.lexicon.cue(m.cue);
            match cue.category {
                Category::Negator => {
                    last_negator = Some(&m.span);
                    continue;
                }
                Category::Neutral => continue,
                _ => {}
            }
            if self.rule_skips(cue, text, &span, &m.span) {
                continue;
            }
            let weight = if cue.rules.full_before_group
                && self.words.group_follows(&text[m.span.end..span.end])
            {
                cue.weight.max(FULL_WEIGHT)
            } else {
                cue.weight
            };
            if weight == 0.0 {
                // Weight 0 switches an entry off: it still blocks the
                // shorter cues inside it, and counts nowhere.
                continue;
            }
            let negated_by = last_negator.filter(|negator| {
                negator_reaches(
                    &text[negator.end..m.span.start],
                    self.params.negation_window,
                )
            });
            let effect = match (cue.category, negated_by.is_some()) {
                (Category::Booster, false) => Effect::Boost,
                (Category::Booster, true) => Effect::Hedge,
                (_, true) if cue.rules.negation_flips => Effect::Boost,
                _ => Effect::Hedge,
            };
            match effect {
                Effect::Hedge => hedge += weight,
                Effect::Boost => boost += weight,
            }
            out.cues.push(CueMatch {
                cue: m.cue,
                span: m.span.clone(),
                effect,
                negated_by: negated_by.cloned(),
                weight,
            });
        }
        out.sentences.push(Sentence {
            span,
            cues: first_cue..out.cues.len(),
            hedge,
            boost,
            certainty: self.params.certainty(hedge, boost),
            uncertain: self.params.is_uncertain(hedge, boost),
        });
    }

    /// True when a context rule of `cue` keeps its match at `at` in the
    /// sentence `sentence` of `text` from counting.
    fn rule_skips(
        &self,
        cue: &Cue,
        text: &str,
        sentence: &Range<usize>,
        at: &Range<usize>,
    ) -> bool {
        let (words, rules) = (&self.words, &cue.rules);
        let before = &text[sentence.start..at.start];
        (rules.before_number && !words.quantity_follows(&text[at.end..sentence.end]))
            || (rules.not_month && is_month_may(text, sentence, at))
            || (rules.not_reported && words.is_reported(before))
            || (rules.not_after_person && words.follows_person(before))
            || (rules.not_after_modal && words.follows_modal(before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::WordList;

    fn scorer(rows: &[&str]) -> Scorer {
        let mut text = String::from("cue\tweight\tcategory\trules\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        let mut lexicon = Lexicon::new();
        lexicon.add_text("test.tsv", &text).unwrap();
        Scorer::new(lexicon, ScoreParams::default()).unwrap()
    }

    fn rules_lexicon() -> Scorer {
        scorer(&[
            "may\t1\tmodal\tnot_month",
            "about\t1\tapproximator\tbefore_number",
            "certain\t1\tbooster\t",
            "clear\t1\tbooster\t",
            "doubt\t1\tverb\tnegation_flips",
            "likely\t1\tadjective\t",
            "not\t1\tnegator\t",
            "no\t1\tnegator\t",
            "not only\t0\tneutral\t",
            "would\t1\tmodal\tnot_reported",
            "can\t0.25\tmodal\tnot_after_person",
            "confirm\t0.25\tbooster\tnot_after_modal",
            "prove\t0.5\tbooster\tnot_after_modal",
            "demonstrated\t0.25\tbooster\tnot_after_modal",
        ])
    }

    /// (name, sentence, expected (cue text, effect) list)
    type RuleCase = (
        &'static str,
        &'static str,
        &'static [(&'static str, Effect)],
    );

    const RULES: &[RuleCase] = &[
        ("modal", "It may rain", &[("may", Effect::Hedge)]),
        ("month mid-sentence", "It rained in May", &[]),
        ("month with a day", "May 5 was wet", &[]),
        ("modal first word", "May I ask", &[("May", Effect::Hedge)]),
        ("shouted modal", "It MAY rain", &[("MAY", Effect::Hedge)]),
        (
            "about a number",
            "about 300 people",
            &[("about", Effect::Hedge)],
        ),
        (
            "about a money sum",
            "about $2.5m",
            &[("about", Effect::Hedge)],
        ),
        (
            "about a dozen",
            "about a dozen",
            &[("about", Effect::Hedge)],
        ),
        (
            "about hyphenated number",
            "about twenty-five",
            &[("about", Effect::Hedge)],
        ),
        ("about a topic", "talked about it", &[]),
        ("about a fold change", "about 3-fold higher", &[]),
        ("about a length", "about 2.3 kb.", &[]),
        ("about a mass", "about 50 kDa", &[]),
        (
            "about a time span (news uses \"min\" too)",
            "about 30 min later",
            &[("about", Effect::Hedge)],
        ),
        (
            "about a clock time",
            "at about 7pm",
            &[("about", Effect::Hedge)],
        ),
        (
            "about rainfall",
            "about 50mm of rain",
            &[("about", Effect::Hedge)],
        ),
        (
            "about a share",
            "about 40% of them",
            &[("about", Effect::Hedge)],
        ),
        (
            "about a count in minutes",
            "about 30 minutes",
            &[("about", Effect::Hedge)],
        ),
        ("about at the end", "what it is about", &[]),
        (
            "negated booster",
            "it is not certain",
            &[("certain", Effect::Hedge)],
        ),
        (
            "no longer clear",
            "it is no longer clear",
            &[("clear", Effect::Hedge)],
        ),
        (
            "negator too far",
            "not that we were ever certain",
            &[("certain", Effect::Boost)],
        ),
        (
            "negator before a comma",
            "not, certain",
            &[("certain", Effect::Boost)],
        ),
        ("no doubt", "there is no doubt", &[("doubt", Effect::Boost)]),
        ("plain doubt", "we doubt it", &[("doubt", Effect::Hedge)]),
        (
            "negated hedge stays",
            "not likely",
            &[("likely", Effect::Hedge)],
        ),
        (
            "neutral blocks",
            "not only certain",
            &[("certain", Effect::Boost)],
        ),
        (
            "hypothetical would",
            "It would be a disaster",
            &[("would", Effect::Hedge)],
        ),
        ("reported future", "He said the plant would close", &[]),
        (
            "present-tense say: a conditional",
            "Critics say the law would favour big firms",
            &[("would", Effect::Hedge)],
        ),
        (
            "reporting verb inside a condition",
            "If they decided to sell it would lose the grant",
            &[("would", Effect::Hedge)],
        ),
        (
            "reported with that",
            "She announced that the firm would soon move",
            &[],
        ),
        ("reported, commas", "But, he said, it would struggle", &[]),
        ("reported, pronoun", "They told us we would wait", &[]),
        (
            "verb too far",
            "He said that after the long and costly legal battle over the old site it would close",
            &[("would", Effect::Hedge)],
        ),
        (
            "reported across an aside in brackets",
            "He said the price index (CPI) would rise",
            &[],
        ),
        (
            "reported by a verb in single quotes",
            "Blair 'said he would stand down'",
            &[],
        ),
        (
            "reported ten words on",
            "It said on Thursday that games giants Electronic Arts and Vivendi would back it",
            &[],
        ),
        (
            "a cue inside an aside",
            "He said the plan (which would cost more) was fine",
            &[("would", Effect::Hedge)],
        ),
        (
            "a bracket never opened",
            "He said 1) it would rain",
            &[("would", Effect::Hedge)],
        ),
        (
            "an aside too long to pass over",
            "He said (and he said it to the committee twice in a long speech on Monday night in the hall) it would rain",
            &[("would", Effect::Hedge)],
        ),
        (
            "embedded question",
            "He did not say when it would open",
            &[("would", Effect::Hedge)],
        ),
        (
            "direct speech",
            "He said: it would be a disaster",
            &[("would", Effect::Hedge)],
        ),
        (
            "reporting verb after",
            "It would close, he said",
            &[("would", Effect::Hedge)],
        ),
        (
            "possibility can",
            "Rain can flood it",
            &[("can", Effect::Hedge)],
        ),
        ("ability can after a pronoun", "We can see it", &[]),
        (
            "permission can after a person",
            "Residents can park here",
            &[],
        ),
        (
            "person word before a comma",
            "Ask people, can it wait",
            &[("can", Effect::Hedge)],
        ),
        (
            "can opening a question",
            "Can it wait",
            &[("Can", Effect::Hedge)],
        ),
        (
            "proof asserted",
            "The tests confirm the fault",
            &[("confirm", Effect::Boost)],
        ),
        ("proof to come", "More tests are needed to confirm it", &[]),
        ("proof under a modal", "The plan might prove costly", &[]),
        (
            "one word between",
            "It can be demonstrated",
            &[("can", Effect::Hedge)],
        ),
        (
            "two bridge words between",
            "It will have been demonstrated",
            &[],
        ),
        (
            "an -ly adverb between",
            "The test will clearly prove it",
            &[],
        ),
        (
            "modal too far",
            "It will then be demonstrated",
            &[("demonstrated", Effect::Boost)],
        ),
        ("infinitive to be", "It has yet to be demonstrated", &[]),
        (
            "infinitive before a quotation",
            "It has to \"prove\" it",
            &[],
        ),
        (
            "to as a preposition",
            "Those close to me prove it daily",
            &[("prove", Effect::Boost)],
        ),
        (
            "to before a number",
            "It rose to 500 demonstrated cases",
            &[("demonstrated", Effect::Boost)],
        ),
        (
            "negated under a modal",
            "It can not confirm it",
            &[("can", Effect::Hedge), ("confirm", Effect::Hedge)],
        ),
        (
            "negator before the infinitive",
            "It chose not to confirm it",
            &[],
        ),
        (
            "negator between modal and cue",
            "It will not prove it",
            &[("prove", Effect::Hedge)],
        ),
        (
            "modal before a comma",
            "We can, we prove",
            &[("prove", Effect::Boost)],
        ),
    ];

    #[test]
    fn context_rules_table() {
        let scorer = rules_lexicon();
        let mut scored = ScoredText::default();
        for (name, text, expected) in RULES {
            scorer.score_as_sentence(text, &mut scored);
            let found: Vec<(&str, Effect)> = scored
                .cues
                .iter()
                .map(|c| (&text[c.span.clone()], c.effect))
                .collect();
            assert_eq!(&found, expected, "case: {name}");
        }
    }

    #[test]
    fn full_before_group_weighs_a_group_of_people_fully() {
        let scorer = scorer(&["some\t0.5\tvague_source\tfull_before_group"]);
        let mut scored = ScoredText::default();
        // (sentence, weight of "some")
        let table = [
            ("Some economists doubt it", 1.0),
            ("some musicians left", 1.0),
            ("Some Anglicans objected", 1.0),
            ("some jazz artists stayed", 1.0),
            ("some local Republicans voted", 1.0),
            ("some genes", 0.5),
            ("some plans failed", 0.5),
            ("some Ets proteins", 0.5),
            ("some agonists bind", 0.5),
            ("some lists were lost", 0.5),
            ("some plot twists", 0.5),
            ("some, economists", 0.5),
            ("some of the economists", 0.5),
        ];
        for (text, weight) in table {
            scorer.score_as_sentence(text, &mut scored);
            assert_eq!(scored.cues[0].weight, weight, "case: {text}");
            assert_eq!(scored.sentences[0].hedge, weight, "case: {text}");
        }
    }

    #[test]
    fn certainty_is_neutral_without_cues_and_moves_with_diminishing_returns() {
        let p = ScoreParams::default();
        assert_eq!(p.certainty(0.0, 0.0), NEUTRAL_CERTAINTY);
        let one = p.certainty(1.0, 0.0);
        let two = p.certainty(2.0, 0.0);
        let three = p.certainty(3.0, 0.0);
        assert!(one < NEUTRAL_CERTAINTY && two < one && three < two);
        assert!(one - two > two - three, "diminishing returns");
        assert!(p.certainty(0.0, 1.0) > NEUTRAL_CERTAINTY);
        assert!(p.certainty(0.0, 1e9) <= 1.0 && p.certainty(1e9, 0.0) >= 0.0);
        assert!(p.is_uncertain(1.0, 0.0) && !p.is_uncertain(0.5, 0.0));
    }

    #[test]
    fn a_hedge_stays_uncertain_unless_boosters_outweigh_it() {
        let p = ScoreParams::default();
        // (hedge sum, booster sum, uncertain)
        let table = [
            (1.0, 0.0, true),
            (1.0, 0.5, true),
            (1.0, 1.0, true),
            (1.0, 1.5, false),
            (2.5, 2.0, true),
            (0.75, 0.0, false),
            (0.5, 0.5, false),
            (0.0, 1.0, false),
        ];
        for (hedge, boost, uncertain) in table {
            assert_eq!(
                p.is_uncertain(hedge, boost),
                uncertain,
                "H {hedge}, B {boost}"
            );
        }
    }

    #[test]
    fn cues_belong_to_their_sentence() {
        let scorer = rules_lexicon();
        let mut scored = ScoredText::default();
        let text = "It may rain. It is certain. Plain.";
        scorer.score_text(text, &mut scored);
        assert_eq!(scored.sentences.len(), 3);
        let cues: Vec<Vec<&str>> = scored
            .sentences
            .iter()
            .map(|s| {
                scored
                    .cues_of(s)
                    .iter()
                    .map(|c| &text[c.span.clone()])
                    .collect()
            })
            .collect();
        assert_eq!(cues, vec![vec!["may"], vec!["certain"], vec![]]);
        assert!(scored.sentences[0].uncertain);
        assert!(scored.sentences[1].certainty > scored.sentences[2].certainty);
    }

    #[test]
    fn a_negated_cue_names_its_negator() {
        let scorer = rules_lexicon();
        let mut scored = ScoredText::default();
        // (sentence, cue, its negator)
        let table = [
            ("It is not certain", "certain", Some("not")),
            ("no, not certain", "certain", Some("not")),
            ("There is no doubt", "doubt", Some("no")),
            ("It is certain", "certain", None),
            ("not that we were ever certain", "certain", None),
        ];
        for (text, cue, negator) in table {
            scorer.score_as_sentence(text, &mut scored);
            let found = scored.cues.iter().find(|c| &text[c.span.clone()] == cue);
            let found = found.unwrap_or_else(|| panic!("no {cue} in {text:?}"));
            let by = found.negated_by.clone().map(|span| &text[span]);
            assert_eq!(by, negator, "case: {text}");
            assert_eq!(found.negated(), negator.is_some(), "case: {text}");
        }
    }

    #[test]
    fn the_scorer_splits_with_the_lexicons_word_lists() {
        assert_eq!(Scorer::english().splitter(), SentenceSplitter::english());
        let text = "It may rain in Zz. Smith's field. It will.";
        let mut scored = ScoredText::default();
        Scorer::english().score_text(text, &mut scored);
        assert_eq!(scored.sentences.len(), 3);
        let mut lexicon = Lexicon::english();
        let titles = "# titles\nzz\tprepositive\n";
        lexicon.set_word_list(WordList::new(WordListName::Abbreviations, "a.txt", titles));
        let scorer = Scorer::new(lexicon, ScoreParams::default()).unwrap();
        scorer.score_text(text, &mut scored);
        let sentences: Vec<&str> = scored
            .sentences
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect();
        assert_eq!(sentences, ["It may rain in Zz. Smith's field.", "It will."]);
    }

    #[test]
    fn negation_does_not_cross_sentences() {
        let scorer = rules_lexicon();
        let mut scored = ScoredText::default();
        scorer.score_text("I said no. Certain it is.", &mut scored);
        assert_eq!(scored.cues[0].effect, Effect::Boost);
    }
}
