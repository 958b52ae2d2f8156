//! Cue matching: one Aho-Corasick automaton for every cue of a lexicon.
//!
//! The automaton is ASCII case-insensitive and knows nothing of words, so
//! this module adds what it lacks: a cue counts only when it stands as whole
//! words (checked Unicode-aware around each match), a prefix cue runs on to
//! the end of its word, and where cues overlap the leftmost, then longest,
//! wins ("it is also possible" over "possible"). Because a longer cue can fail
//! its word check where a shorter one at the same place passes ("about a"
//! before "about an hour"), the automaton reports every overlapping match and
//! the choice is made here, after the checks.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// A cue found in text, before context rules: the lexicon entry and the byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Index of the entry in the lexicon.
    pub cue: usize,
    /// Byte span in the text searched; for a prefix cue, the whole word.
    pub span: Range<usize>,
}

/// Finds the cues of a lexicon in text.
#[derive(Debug, Clone)]
pub struct CueMatcher {
    automaton: AhoCorasick,
    /// Pattern index → (lexicon index, is prefix cue).
    patterns: Vec<(usize, bool)>,
}

impl CueMatcher {
    /// Builds the automaton for every entry of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Result<CueMatcher> {
        let mut texts: Vec<String> = Vec::with_capacity(lexicon.len());
        let mut patterns = Vec::with_capacity(lexicon.len());
        for (index, cue) in lexicon.iter().enumerate() {
            for variant in spelling_variants(&cue.text) {
                texts.push(variant);
                patterns.push((index, cue.prefix));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&texts)
            .map_err(|e| {
                Error::input(
                    None,
                    None,
                    format!("the lexicon is too large to build a matcher: {e}"),
                )
            })?;
        Ok(CueMatcher {
            automaton,
            patterns,
        })
    }

    /// Appends the whole-word, leftmost-longest cue matches in `text` to
    /// `out`, in order and without overlaps. `scratch` is reused between
    /// calls to avoid allocating; its contents do not matter.
    pub fn find_into(&self, text: &str, scratch: &mut MatchScratch, out: &mut Vec<RawMatch>) {
        let haystack = fold_whitespace(text, &mut scratch.haystack);
        let candidates = &mut scratch.candidates;
        candidates.clear();
        for m in self.automaton.find_overlapping_iter(haystack) {
            let (cue, prefix) = self.patterns[m.pattern().as_usize()];
            if !starts_word(text, m.start()) {
                continue;
            }
            let end = if prefix {
                word_end(text, m.end())
            } else if ends_word(text, m.end()) {
                m.end()
            } else {
                continue;
            };
            candidates.push((m.start(), end, prefix, cue));
        }
        // Leftmost first; at one start the longest; at equal length a whole
        // cue before a prefix cue.
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut taken_to = 0;
        for &(start, end, _, cue) in candidates.iter() {
            if start >= taken_to {
                out.push(RawMatch {
                    cue,
                    span: start..end,
                });
                taken_to = end;
            }
        }
    }

    /// The whole-word, leftmost-longest cue matches in `text`.
    pub fn find(&self, text: &str) -> Vec<RawMatch> {
        let mut out = Vec::new();
        self.find_into(text, &mut MatchScratch::default(), &mut out);
        out
    }
}

/// Buffers reused between searches.
#[derive(Debug, Default, Clone)]
pub struct MatchScratch {
    haystack: Vec<u8>,
    candidates: Vec<(usize, usize, bool, usize)>,
}

/// The spellings a cue is searched under: as written, and with a straight
/// apostrophe also as a curly one, the way news text often prints it.
fn spelling_variants(text: &str) -> Vec<String> {
    let mut variants = vec![text.to_string()];
    if text.contains('\'') {
        variants.push(text.replace('\'', "\u{2019}"));
    }
    variants
}

/// Text bytes with tabs, newlines and carriage returns turned into spaces,
/// so that a phrase cue matches across a line break. Offsets are unchanged.
fn fold_whitespace<'a>(text: &'a str, buffer: &'a mut Vec<u8>) -> &'a [u8] {
    let bytes = text.as_bytes();
    if !bytes.iter().any(|&b| matches!(b, b'\n' | b'\r' | b'\t')) {
        return bytes;
    }
    buffer.clear();
    buffer.extend(bytes.iter().map(|&b| match b {
        b'\n' | b'\r' | b'\t' => b' ',
        other => other,
    }));
    buffer
}

/// True for characters that continue a word: letters, digits, the
/// underscore and combining marks (so "cafe\u{301}" is one word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// The main blocks of Unicode combining marks; std has no table for them.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// True when a match starting at `start` begins a word (or begins with a
/// non-word character, like "n't", which needs no boundary).
fn starts_word(text: &str, start: usize) -> bool {
    if !text.is_char_boundary(start) {
        return false;
    }
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    }
}

/// True when a match ending at `end` ends a word.
fn ends_word(text: &str, end: usize) -> bool {
    if !text.is_char_boundary(end) {
        return false;
    }
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)),
        _ => true,
    }
}

/// The end of the word that continues at `from`.
fn word_end(text: &str, from: usize) -> usize {
    if !text.is_char_boundary(from) {
        // A prefix cue ended inside a character only if the cue itself ends
        // in a partial character, which normalised cues cannot.
        return from;
    }
    text[from..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(rows: &[&str]) -> (Lexicon, CueMatcher) {
        let mut text = String::from("cue\tweight\tcategory\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        let mut lexicon = Lexicon::new();
        lexicon.add_text("test.tsv", &text).unwrap();
        let matcher = CueMatcher::new(&lexicon).unwrap();
        (lexicon, matcher)
    }

    /// (name, lexicon rows, text, expected matched substrings)
    type MatchCase = (
        &'static str,
        &'static [&'static str],
        &'static str,
        &'static [&'static str],
    );

    const TABLE: &[MatchCase] = &[
        ("single word", &["may\t1\tmodal"], "It may rain.", &["may"]),
        ("case", &["may\t1\tmodal"], "MAY it? May.", &["MAY", "May"]),
        (
            "inside a word",
            &["may\t1\tmodal"],
            "Mayor dismay maybe",
            &[],
        ),
        (
            "hyphen is a boundary",
            &["likely\t1\tadjective"],
            "un-likely",
            &["likely"],
        ),
        ("digit joins a word", &["may\t1\tmodal"], "may2 2may", &[]),
        (
            "underscore joins a word",
            &["may\t1\tmodal"],
            "_may may_",
            &[],
        ),
        (
            "longest wins",
            &[
                "possible\t1\tadjective",
                "it is also possible\t1\tadjective",
            ],
            "It is also possible they left.",
            &["It is also possible"],
        ),
        (
            "phrase across a line break",
            &["it is also possible\t1\tadjective"],
            "it is\nalso possible",
            &["it is\nalso possible"],
        ),
        (
            "shorter cue when the longer fails its boundary",
            &["about\t1\tapproximator", "about a\t1\tapproximator"],
            "about an hour",
            &["about"],
        ),
        (
            "prefix cue",
            &["speculat*\t1\tverb"],
            "Speculation, speculated; speculat.",
            &["Speculation", "speculated", "speculat"],
        ),
        (
            "prefix needs a word start",
            &["speculat*\t1\tverb"],
            "unspeculative",
            &[],
        ),
        (
            "whole cue beats prefix at equal length",
            &["suggest*\t1\tverb", "suggests\t0.5\tverb"],
            "suggests",
            &["suggests"],
        ),
        (
            "unicode letters are word characters",
            &["may\t1\tmodal"],
            "émay mayé may",
            &["may"],
        ),
        (
            "combining mark joins a word",
            &["cafe\t1\tverb"],
            "cafe\u{301} cafe",
            &["cafe"],
        ),
        (
            "emoji is a boundary",
            &["likely\t1\tadjective"],
            "🙂likely🙂",
            &["likely"],
        ),
        (
            "cyrillic neighbours",
            &["may\t1\tmodal"],
            "мыmay may",
            &["may"],
        ),
        (
            "contraction as a whole",
            &["n't\t1\tnegator", "don't\t1\tnegator"],
            "I don't. do n't",
            &["don't", "n't"],
        ),
        (
            "curly apostrophe",
            &["don't\t1\tnegator"],
            "I don’t",
            &["don’t"],
        ),
        (
            "overlapping phrases: leftmost first",
            &["no doubt\t1\tbooster", "doubt that\t1\tverb"],
            "no doubt that",
            &["no doubt"],
        ),
    ];

    #[test]
    fn matching_table() {
        for (name, rows, text, expected) in TABLE {
            let (_, matcher) = matcher(rows);
            let found: Vec<&str> = matcher
                .find(text)
                .iter()
                .map(|m| &text[m.span.clone()])
                .collect();
            assert_eq!(&found, expected, "case: {name}");
        }
    }
}
