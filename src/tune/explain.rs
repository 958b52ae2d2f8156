//! Why a sentence scored what it did: `hedgescore explain`.
//!
//! [`explain`] scores text with a [`Scorer`] and shows, for each sentence,
//! its cues marked in the text and the arithmetic of the formula in
//! [`crate::scoring`], with the scorer's own sums and constants and its
//! [`ScoreParams::certainty`](crate::ScoreParams::certainty) and
//! [`ScoreParams::is_uncertain`](crate::ScoreParams::is_uncertain), so
//! every number shown is the one the scorer computed.
//!
//! ```
//! let scorer = hedgescore::Scorer::english();
//! let shown = hedgescore::tune::explain::explain(&scorer, "It might rain.", false);
//! assert!(shown.contains("It [might] rain."));
//! assert!(shown.contains("label = uncertain"));
//! ```

use std::fmt::Write as _;
use std::ops::Range;

use crate::lexicon::{Category, CategoryEffect, Cue, Lexicon};
use crate::matching::RawMatch;
use crate::output::{DECIMALS, fixed_text, weight_text};
use crate::scoring::{CueMatch, Effect, ScoredText, Scorer, Sentence};
use crate::text::visible::visible_line;
use crate::text::whitespace::{fold_pieces_between, fold_whitespace};

/// ANSI: reset every attribute.
const RESET: &str = "\x1b[0m";
/// ANSI: bold, for headings.
const BOLD: &str = "\x1b[1m";

/// The ANSI colour (SGR parameter) a category is shown in: hedges yellow,
/// approximators, vague sources and conditionals set apart, boosters
/// green, negators red, neutral ones dim (a category of the user's own by
/// its effect).
fn category_color(lexicon: &Lexicon, category: Category) -> &'static str {
    match category {
        Category::Approximator => "36",
        Category::VagueSource => "35",
        Category::Conditional => "34",
        _ => match lexicon.effect(category) {
            CategoryEffect::Hedge => "33",
            CategoryEffect::Booster => "32",
            CategoryEffect::Negator => "31",
            CategoryEffect::Neutral => "2",
        },
    }
}

/// Renders each sentence of `text` with its cues marked and the arithmetic
/// of its score.
///
/// With `color`, cues are underlined and coloured by category with ANSI
/// escapes; without, they are put in `[brackets]` with a line of carets
/// underneath (`~` under a negator that negated a cue). Then come the cues
/// with category, weight and effect (naming the negator that negated one),
/// the cues found but skipped by a rule, the neutral entries that matched,
/// the sums `H` and `B`, `x = B − H`, `s = x / sqrt(x² + alpha)`, the
/// certainty and the label with the threshold, with [`DECIMALS`] places.
/// Sentences are placed by their bytes in `text`.
pub fn explain(scorer: &Scorer, text: &str, color: bool) -> String {
    explain_at(scorer, text, 0, color)
}

/// [`explain`] of `text` that starts `offset` bytes into its input (after
/// a date line), so that sentences are placed by their bytes in the
/// input, as `score --level sentence` places them.
pub fn explain_at(scorer: &Scorer, text: &str, offset: usize, color: bool) -> String {
    let mut scored = ScoredText::default();
    scorer.score_text(text, &mut scored);
    let p = scorer.params();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "constants: neutral {}, alpha {}, threshold {}, negation window {} words",
        p.neutral, p.alpha, p.uncertain_at, p.negation_window
    );
    if scored.sentences.is_empty() {
        out.push_str("\nno sentences\n");
    }
    for_each_view(scorer, text, &scored, offset, color, |number, view| {
        out.push('\n');
        view.write(number, &mut out);
    });
    out
}

/// One sentence as [`explain`] shows it, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedSentence {
    /// Its number in the text, from 1.
    pub number: usize,
    /// Its bytes in the input.
    pub span: Range<usize>,
    /// Its text, white space folded.
    pub text: String,
    /// The cues that counted, then those a rule skipped and the neutral
    /// entries that matched, as the cue table lists them.
    pub cues: Vec<ExplainedCue>,
    /// The sums, the formula's steps, the certainty and the label.
    pub arithmetic: Arithmetic,
}

/// One row of a sentence's cue table.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedCue {
    /// The cue as found in the text, white space folded.
    pub text: String,
    /// Its bytes (in the input, in [`ExplainedSentence::cues`]).
    pub span: Range<usize>,
    /// Its lexicon category.
    pub category: Category,
    /// The weight it counted with (or its entry's, if it did not count).
    pub weight: f64,
    /// True when it counted in the sums.
    pub counted: bool,
    /// What it did: its effect, with a flip and the negator; or why it
    /// did not count.
    pub effect: String,
}

/// The arithmetic of a sentence's score, with the scorer's own numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Arithmetic {
    /// H: the sum of the hedge weights.
    pub hedge: f64,
    /// B: the sum of the booster weights.
    pub boost: f64,
    /// x = B − H.
    pub x: f64,
    /// s = x / sqrt(x² + alpha).
    pub s: f64,
    /// The certainty, from the scorer's formula.
    pub certainty: f64,
    /// The label, from the scorer's rule.
    pub uncertain: bool,
    /// Why the label: the sum that decided it, against the threshold.
    pub reason: String,
}

/// Each sentence of `text` explained, as data: what [`explain_at`] shows.
/// `text` starts `offset` bytes into its input (after a date line), and
/// the spans are bytes of the input.
///
/// ```
/// let scorer = hedgescore::Scorer::english();
/// let sentences = hedgescore::tune::explain::explain_sentences(&scorer, "It might rain.", 0);
/// assert_eq!(sentences[0].cues[0].text, "might");
/// assert_eq!(sentences[0].cues[0].span, 3..8);
/// assert!(sentences[0].arithmetic.uncertain);
/// ```
pub fn explain_sentences(scorer: &Scorer, text: &str, offset: usize) -> Vec<ExplainedSentence> {
    let mut scored = ScoredText::default();
    scorer.score_text(text, &mut scored);
    let mut sentences = Vec::with_capacity(scored.sentences.len());
    for_each_view(scorer, text, &scored, offset, false, |number, view| {
        sentences.push(view.explained(number));
    });
    sentences
}

/// Calls `f` with each sentence's number and view.
fn for_each_view(
    scorer: &Scorer,
    text: &str,
    scored: &ScoredText,
    offset: usize,
    color: bool,
    mut f: impl FnMut(usize, &SentenceView),
) {
    for (index, sentence) in scored.sentences.iter().enumerate() {
        let inside: Vec<&RawMatch> = scored
            .raw_matches()
            .iter()
            .filter(|m| m.span.start >= sentence.span.start && m.span.end <= sentence.span.end)
            .collect();
        let view = SentenceView {
            scorer,
            text,
            sentence,
            cues: scored.cues_of(sentence),
            raw: &inside,
            offset,
            color,
        };
        f(index + 1, &view);
    }
}

/// One sentence and what is needed to explain it.
struct SentenceView<'a> {
    scorer: &'a Scorer,
    text: &'a str,
    sentence: &'a Sentence,
    cues: &'a [CueMatch],
    /// Every match of the lexicon inside the sentence, before the rules.
    raw: &'a [&'a RawMatch],
    /// Where `text` starts in the input, in bytes.
    offset: usize,
    color: bool,
}

/// A span to mark in the sentence, and how.
struct Mark {
    span: Range<usize>,
    category: Category,
    underline: char,
}

impl SentenceView<'_> {
    fn entry(&self, index: usize) -> &Cue {
        self.scorer.lexicon().cue(index)
    }

    /// The sentence as data, its spans and its cues' in the input's bytes.
    fn explained(&self, number: usize) -> ExplainedSentence {
        let span = &self.sentence.span;
        let mut cues = self.cue_rows();
        for cue in &mut cues {
            cue.span = self.offset + cue.span.start..self.offset + cue.span.end;
        }
        ExplainedSentence {
            number,
            text: fold_whitespace(&self.text[span.clone()]),
            span: self.offset + span.start..self.offset + span.end,
            cues,
            arithmetic: self.arithmetic(),
        }
    }

    fn write(&self, number: usize, out: &mut String) {
        let span = &self.sentence.span;
        let heading = format!(
            "sentence {number} (bytes {}..{})",
            self.offset + span.start,
            self.offset + span.end
        );
        if self.color {
            let _ = writeln!(out, "{BOLD}{heading}{RESET}");
        } else {
            let _ = writeln!(out, "{heading}");
        }
        self.write_marked(out);
        self.write_cues(out);
        self.write_arithmetic(out);
    }

    /// The sentence with its counted cues, and the negators that negated
    /// them, marked.
    fn write_marked(&self, out: &mut String) {
        let mut marks: Vec<Mark> = Vec::new();
        for cue in self.cues {
            marks.push(Mark {
                span: cue.span.clone(),
                category: self.entry(cue.cue).category,
                underline: '^',
            });
            if let Some(negator) = cue
                .negated_by
                .as_ref()
                .filter(|&n| !marks.iter().any(|m| m.span == *n))
            {
                marks.push(Mark {
                    span: negator.clone(),
                    category: Category::Negator,
                    underline: '~',
                });
            }
        }
        marks.sort_by_key(|m| m.span.start);
        let (mut line, mut under) = (String::from("  "), String::from("  "));
        let mut at = self.sentence.span.start;
        for mark in &marks {
            fold_pieces_between(&self.text[at..mark.span.start], |piece| {
                let piece = visible_line(piece);
                line.push_str(&piece);
                under.extend(std::iter::repeat_n(' ', piece.chars().count()));
            });
            let shown = visible_line(&fold_whitespace(&self.text[mark.span.clone()])).into_owned();
            if self.color {
                let color = category_color(self.scorer.lexicon(), mark.category);
                let _ = write!(line, "\x1b[4;{color}m{shown}{RESET}");
            } else {
                let _ = write!(line, "[{shown}]");
                under.push(' ');
                under.extend(std::iter::repeat_n(mark.underline, shown.chars().count()));
                under.push(' ');
            }
            at = mark.span.end;
        }
        fold_pieces_between(&self.text[at..self.sentence.span.end], |piece| {
            line.push_str(&visible_line(piece));
        });
        out.push_str(line.trim_end());
        out.push('\n');
        if !self.color && !marks.is_empty() {
            out.push_str(under.trim_end());
            out.push('\n');
        }
    }

    /// One row per counted cue, then the cues skipped by a rule and the
    /// neutral entries that matched.
    fn cue_rows(&self) -> Vec<ExplainedCue> {
        let mut rows = Vec::new();
        for cue in self.cues {
            let entry = self.entry(cue.cue);
            rows.push(ExplainedCue {
                text: fold_whitespace(&self.text[cue.span.clone()]),
                span: cue.span.clone(),
                category: entry.category,
                weight: cue.weight,
                counted: true,
                effect: self.effect(cue, entry),
            });
        }
        for m in self.raw {
            let entry = self.entry(m.cue);
            let counted = self.cues.iter().any(|c| c.span == m.span);
            let note = match entry.category {
                Category::Negator => continue,
                Category::Neutral => "none (neutral: only blocks the cues inside it)".to_string(),
                _ if counted => continue,
                _ => skip_reason(entry),
            };
            rows.push(ExplainedCue {
                text: fold_whitespace(&self.text[m.span.clone()]),
                span: m.span.clone(),
                category: entry.category,
                weight: entry.weight,
                counted: false,
                effect: note,
            });
        }
        rows
    }

    /// The cue table.
    fn write_cues(&self, out: &mut String) {
        // Shown on a terminal: the cues' text made visible.
        let mut rows = self.cue_rows();
        for row in &mut rows {
            row.text = visible_line(&row.text).into_owned();
            row.effect = visible_line(&row.effect).into_owned();
        }
        if rows.is_empty() {
            out.push_str("  no cues\n");
            return;
        }
        let weights: Vec<String> = rows.iter().map(|r| weight_text(r.weight)).collect();
        let cue_width = rows
            .iter()
            .map(|r| r.text.chars().count())
            .max()
            .unwrap_or(0)
            .max(3);
        let category_width = rows
            .iter()
            .map(|r| r.category.as_str().len())
            .max()
            .unwrap_or(0)
            .max(8);
        let weight_width = weights.iter().map(String::len).max().unwrap_or(0).max(6);
        let _ = writeln!(
            out,
            "  {:cue_width$}  {:category_width$}  {:weight_width$}  effect",
            "cue", "category", "weight"
        );
        for (row, weight) in rows.iter().zip(&weights) {
            let (cue, category) = (&row.text, row.category);
            let pad = cue_width - cue.chars().count();
            let name = if self.color {
                let color = category_color(self.scorer.lexicon(), category);
                format!("\x1b[{color}m{cue}{RESET}")
            } else {
                cue.clone()
            };
            let _ = writeln!(
                out,
                "  {name}{:pad$}  {:category_width$}  {weight:weight_width$}  {}",
                "",
                visible_line(category.as_str()),
                row.effect
            );
        }
    }

    /// The effect of a counted cue, with the flip and the negator.
    fn effect(&self, cue: &CueMatch, entry: &Cue) -> String {
        let mut effect = match cue.effect {
            Effect::Hedge => "hedge",
            Effect::Boost => "boost",
            Effect::Neutral => "none (counted in its category)",
        }
        .to_string();
        if cue.weight != entry.weight && cue.effect != Effect::Neutral {
            effect.push_str(" (full weight before a group of people: full_before_group)");
        }
        let Some(negator) = &cue.negated_by else {
            return effect;
        };
        let negator = fold_whitespace(&self.text[negator.clone()]);
        let booster = self.scorer.lexicon().effect(entry.category) == CategoryEffect::Booster;
        let how = match (booster, cue.effect) {
            (true, Effect::Hedge) => "booster turned hedge",
            (_, Effect::Boost) => "hedge turned booster (negation_flips)",
            _ => "a negated hedge still hedges",
        };
        format!("{effect} (negated by '{negator}': {how})")
    }

    /// The sums, the formula's steps, the certainty and the label.
    fn arithmetic(&self) -> Arithmetic {
        let s = self.sentence;
        let p = self.scorer.params();
        let d = DECIMALS;
        // x and s are shown so that the formula can be followed by hand; the
        // certainty and the label come from the scorer's own functions.
        let x = s.boost - s.hedge;
        let (h, b, t) = (s.hedge, s.boost, p.uncertain_at);
        let uncertain = p.is_uncertain(h, b);
        let reason = if uncertain {
            format!("H = {h:.d$} ≥ threshold {t}, B = {b:.d$} ≤ H")
        } else if h < t {
            format!("H = {h:.d$} < threshold {t}")
        } else {
            format!("B = {b:.d$} > H = {h:.d$}")
        };
        Arithmetic {
            hedge: h,
            boost: b,
            x,
            s: x / (x * x + p.alpha).sqrt(),
            certainty: p.certainty(h, b),
            uncertain,
            reason,
        }
    }

    /// The sums and the formula, with the scorer's numbers.
    fn write_arithmetic(&self, out: &mut String) {
        let a = self.arithmetic();
        let p = self.scorer.params();
        let d = DECIMALS;
        let terms = |effect: Effect| {
            let weights: Vec<String> = self
                .cues
                .iter()
                .filter(|c| c.effect == effect)
                .map(|c| weight_text(c.weight))
                .collect();
            if weights.is_empty() {
                String::new()
            } else {
                format!("{} = ", weights.join(" + "))
            }
        };
        let f = fixed_text;
        let _ = writeln!(out, "  H = {}{}", terms(Effect::Hedge), f(a.hedge));
        let _ = writeln!(out, "  B = {}{}", terms(Effect::Boost), f(a.boost));
        let (x, squashed) = (a.x, a.s);
        let _ = writeln!(out, "  x = B − H = {}", f(x));
        let _ = writeln!(
            out,
            "  s = x / sqrt(x² + alpha) = {} / sqrt({} + {}) = {}",
            f(x),
            f(x * x),
            p.alpha,
            f(squashed)
        );
        let (room_formula, room) = if x >= 0.0 {
            ("(1 − neutral)", 1.0 - p.neutral)
        } else {
            ("neutral", p.neutral)
        };
        let _ = writeln!(
            out,
            "  certainty = neutral + s · {room_formula} = {} + ({}) · {room:.d$} = {:.d$}",
            p.neutral,
            f(squashed),
            a.certainty
        );
        let label = if a.uncertain { "uncertain" } else { "certain" };
        let _ = writeln!(out, "  label = {label} ({})", a.reason);
    }
}

/// Why a cue found in the text did not count: one of its rules.
fn skip_reason(entry: &Cue) -> String {
    // An entry of weight 0 counts nowhere, whichever rule also skipped it.
    if entry.weight == 0.0 {
        return "skipped: weight 0 switches the entry off".to_string();
    }
    let r = entry.rules;
    let skips = [
        (
            r.before_number,
            "no quantity follows, or a lab measurement (before_number)",
        ),
        (r.not_month, "the month May (not_month)"),
        (
            r.not_reported,
            "reported speech after a verb of saying (not_reported)",
        ),
        (
            r.not_after_person,
            "right after a person, an ability or a permission (not_after_person)",
        ),
        (
            r.not_after_modal,
            "under a modal (right before, or be/have/been/-ly between) or \"to\" (right before, or \"to be\"/\"to have\"), not asserted (not_after_modal)",
        ),
    ];
    // One skip rule names the reason; with several, which one fired is
    // not known here.
    let mut set = skips.iter().filter(|(on, _)| *on);
    match (set.next(), set.next()) {
        (Some((_, why)), None) => format!("skipped: {why}"),
        _ => format!("skipped by its rules ({})", r.to_field()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lexicon, ScoreParams};

    fn scorer() -> Scorer {
        let mut lexicon = Lexicon::new();
        lexicon
            .add_text(
                "test.tsv",
                "cue\tweight\tcategory\trules\n\
                 certain\t1\tbooster\t\n\
                 could\t1\tmodal\t\n\
                 doubt\t1\tverb\tnegation_flips\n\
                 about\t0.5\tapproximator\tbefore_number\n\
                 not\t1\tnegator\t\n\
                 no\t1\tnegator\t\n\
                 could not\t0\tneutral\t\n\
                 would\t1\tmodal\tnot_reported\n\
                 can\t0.2\tmodal\tnot_after_person\n\
                 some\t0.5\tvague_source\tfull_before_group\n",
            )
            .unwrap();
        Scorer::new(lexicon, ScoreParams::default()).unwrap()
    }

    #[test]
    fn negated_booster_is_explained_line_by_line() {
        let shown = explain(&scorer(), "It is not certain that it could work.", false);
        let expected = [
            "sentence 1 (bytes 0..37)",
            "  It is [not] [certain] that it [could] work.",
            "         ~~~   ^^^^^^^           ^^^^^",
            "  cue      category  weight  effect",
            "  certain  booster   1       hedge (negated by 'not': booster turned hedge)",
            "  could    modal     1       hedge",
            "  H = 1 + 1 = 2.0000",
            "  B = 0.0000",
            "  x = B − H = -2.0000",
            "  s = x / sqrt(x² + alpha) = -2.0000 / sqrt(4.0000 + 4) = -0.7071",
            "  certainty = neutral + s · neutral = 0.75 + (-0.7071) · 0.7500 = 0.2197",
            "  label = uncertain (H = 2.0000 ≥ threshold 1, B = 0.0000 ≤ H)",
        ];
        let lines: Vec<&str> = shown.lines().skip(2).collect();
        assert_eq!(lines, expected, "\n{shown}");
    }

    #[test]
    fn skipped_flipped_and_neutral_cues_are_listed() {
        let text = "We talked about it.  There is no doubt;\nit could not fail.";
        let shown = explain(&scorer(), text, false);
        for part in [
            "  about  approximator  0.5     skipped: no quantity follows, or a lab measurement (before_number)",
            "  doubt      verb      1       boost (negated by 'no': hedge turned booster (negation_flips))",
            "  could not  neutral   0       none (neutral: only blocks the cues inside it)",
            "  There is [no] [doubt]; it could not fail.",
            "  label = certain (H = 0.0000 < threshold 1)",
        ] {
            assert!(shown.contains(part), "missing {part:?} in\n{shown}");
        }
        let shown = explain(&scorer(), "They said it would rain.", false);
        for part in [
            "  would  modal     1       skipped: reported speech after a verb of saying (not_reported)",
            "  label = certain (H = 0.0000 < threshold 1)",
        ] {
            assert!(shown.contains(part), "missing {part:?} in\n{shown}");
        }
        let shown = explain(&scorer(), "We can swim.", false);
        let part = "skipped: right after a person, an ability or a permission (not_after_person)";
        assert!(shown.contains(part), "missing {part:?} in\n{shown}");
        let shown = explain(&scorer(), "Some economists doubt it.", false);
        let part = "  Some   vague_source  1       hedge (full weight before a group of people: full_before_group)";
        assert!(shown.contains(part), "missing {part:?} in\n{shown}");
    }

    #[test]
    fn an_entry_of_weight_0_is_shown_switched_off() {
        let mut lexicon = Lexicon::new();
        let tsv = "cue\tweight\tcategory\trules\nperhaps\t0\tadverb\t\nmay\t0\tmodal\tnot_month\n";
        lexicon.add_text("test.tsv", tsv).unwrap();
        let scorer = Scorer::new(lexicon, ScoreParams::default()).unwrap();
        let shown = explain(&scorer, "Perhaps it may rain.", false);
        for part in [
            "Perhaps  adverb    0       skipped: weight 0 switches the entry off",
            "may      modal     0       skipped: weight 0 switches the entry off",
        ] {
            assert!(shown.contains(part), "missing {part:?} in\n{shown}");
        }
    }

    #[test]
    fn the_label_line_names_the_sum_that_decided_it() {
        for (text, line) in [
            (
                "It could be certain.",
                "  label = uncertain (H = 1.0000 ≥ threshold 1, B = 1.0000 ≤ H)",
            ),
            (
                "It is certain, certain, and could be.",
                "  label = certain (B = 2.0000 > H = 1.0000)",
            ),
        ] {
            let shown = explain(&scorer(), text, false);
            assert!(shown.contains(line), "missing {line:?} in\n{shown}");
        }
    }

    #[test]
    fn colour_underlines_without_brackets() {
        let shown = explain(&scorer(), "It could work.", true);
        assert!(shown.contains("It \x1b[4;33mcould\x1b[0m work."), "{shown}");
        assert!(!shown.contains("[could]"));
        assert!(!shown.contains('^'));
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(explain(&scorer(), "  ", false).ends_with("no sentences\n"));
    }
}
