//! Cues as the outputs write them: a field of text for CSV and the text
//! table (`could(modal 1); not certain(booster→hedge 1)`), objects for
//! JSON, and the top cues of an article (`could:2; may:1`). Writes into
//! memory; never does I/O.

use serde::Serialize;
use serde_json::Value;

use super::columns::CueList;
use super::number::{push_uint_str, push_weight};
use crate::lexicon::{Category, Lexicon};
use crate::scoring::{CueMatch, Effect, Scorer};
use crate::text::whitespace::{fold_pieces, fold_whitespace};

/// A cue as written in JSON output: serialise it for its fields.
#[derive(Debug, Serialize)]
pub struct CueOut<'a> {
    text: String,
    cue: String,
    category: &'a str,
    weight: f64,
    effect: &'a str,
    negated: bool,
    start: usize,
    end: usize,
}

/// A cue of `text` as written in JSON output, with its offsets mapped by
/// `input_offset` from bytes of `text` to bytes of the input.
pub(super) fn cue_out<'a>(
    lexicon: &'a Lexicon,
    text: &str,
    input_offset: impl Fn(usize) -> usize,
    cue: &CueMatch,
) -> CueOut<'a> {
    let entry = lexicon.cue(cue.cue);
    CueOut {
        text: fold_whitespace(&text[cue.span.clone()]),
        cue: entry.display_text(),
        category: entry.category.as_str(),
        weight: cue.weight,
        effect: effect_name(cue.effect),
        negated: cue.negated(),
        start: input_offset(cue.span.start),
        end: input_offset(cue.span.end),
    }
}

impl CueList<'_> {
    /// The cues as JSON objects, with their offsets in the input.
    pub fn json(&self) -> impl Iterator<Item = CueOut<'_>> {
        self.cues.iter().map(|c| {
            cue_out(
                self.lexicon,
                self.text,
                |at| self.context.input_offset(at),
                c,
            )
        })
    }

    /// The cues as one field (see [`cues_field`]), appended to `field`.
    pub(super) fn push_field(&self, field: &mut String) {
        push_cues(self.lexicon, self.text, self.cues, field);
    }

    /// The cues as one field, as CSV writes them (see [`cues_field`]).
    pub fn field(&self) -> String {
        let mut field = String::new();
        self.push_field(&mut field);
        field
    }
}

/// The cues of `text` as the `cues` of a JSON sentence row, for other
/// JSON output (`eval --errors`).
pub fn cues_json(scorer: &Scorer, text: &str, cues: &[CueMatch]) -> Value {
    Value::Array(
        cues.iter()
            .map(|c| {
                serde_json::to_value(cue_out(scorer.lexicon(), text, |at| at, c))
                    .expect("a cue serialises")
            })
            .collect(),
    )
}

fn effect_name(effect: Effect) -> &'static str {
    match effect {
        Effect::Hedge => "hedge",
        Effect::Boost => "boost",
    }
}

/// Cues as one field: `text(category weight)` joined by `; `, with the
/// flip shown for a negated cue, e.g.
/// `could(modal 1); not certain(booster→hedge 1)`.
pub fn cues_field(scorer: &Scorer, body: &str, cues: &[CueMatch]) -> String {
    let mut field = String::new();
    push_cues(scorer.lexicon(), body, cues, &mut field);
    field
}

fn push_cues(lexicon: &Lexicon, body: &str, cues: &[CueMatch], field: &mut String) {
    for cue in cues {
        if !field.is_empty() {
            field.push_str("; ");
        }
        let entry = lexicon.cue(cue.cue);
        let flipped = match (entry.category, cue.effect) {
            (Category::Booster, Effect::Hedge) => "→hedge",
            (c, Effect::Boost) if c != Category::Booster => "→booster",
            _ => "",
        };
        fold_pieces(&body[cue.span.clone()], |piece| field.push_str(piece));
        field.push('(');
        field.push_str(entry.category.as_str());
        field.push_str(flipped);
        field.push(' ');
        push_weight(cue.weight, field);
        field.push(')');
    }
}

/// The most frequent cues as one field, `cue:count` joined by `; `,
/// appended to `field`.
pub(super) fn push_top_cues(top_cues: &[(String, usize)], field: &mut String) {
    for (i, (cue, n)) in top_cues.iter().enumerate() {
        if i > 0 {
            field.push_str("; ");
        }
        field.push_str(cue);
        field.push(':');
        push_uint_str(*n as u64, field);
    }
}

/// The most frequent cues as one field, as CSV writes them: `cue:count`
/// joined by `; `.
pub fn top_cues_field(top_cues: &[(String, usize)]) -> String {
    let mut field = String::new();
    push_top_cues(top_cues, &mut field);
    field
}

/// A top cue as written in JSON output: serialise it for its fields.
#[derive(Debug, Serialize)]
pub struct TopCueOut<'a> {
    cue: &'a str,
    count: usize,
}

/// The most frequent cues as JSON objects.
pub fn top_cues_json(top_cues: &[(String, usize)]) -> impl Iterator<Item = TopCueOut<'_>> {
    top_cues
        .iter()
        .map(|(cue, count)| TopCueOut { cue, count: *count })
}
