//! Cue matching: one Aho-Corasick automaton for every cue of a lexicon.
//!
//! The automaton is ASCII case-insensitive and knows nothing of words, so
//! this module adds what it lacks: a cue counts only when it stands as whole
//! words (checked Unicode-aware around each match), a prefix cue runs on to
//! the end of its word, and where cues overlap the leftmost, then longest,
//! wins ("it is also possible" over "possible").
//!
//! The automaton searches leftmost-longest, the fast mode. When its match
//! fails the word check, a shorter cue at the same place may still pass
//! ("about" where "about a" meets "about an hour"); every such cue is a
//! prefix of the failed one, so each pattern keeps a link to its longest
//! prefix that is also a pattern, and the links are tried in turn.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// Lexicons with up to this many patterns are compiled to a full DFA.
const DFA_MAX_PATTERNS: usize = 5_000;
/// ... and when no pattern is longer than this.
const DFA_MAX_PATTERN_BYTES: usize = 256;

/// A cue found in text, before context rules: the lexicon entry and the byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Index of the entry in the lexicon.
    pub cue: usize,
    /// Byte span in the text searched; for a prefix cue, the whole word.
    pub span: Range<usize>,
}

/// What the matcher knows of one automaton pattern.
#[derive(Debug, Clone)]
struct Pattern {
    /// Index of the lexicon entry.
    cue: usize,
    /// True for a prefix cue.
    prefix: bool,
    /// Length in bytes.
    len: usize,
    /// The pattern to try when this one fails the word check at a place:
    /// the same text as a prefix cue, else the longest proper prefix that
    /// is a pattern.
    fallback: Option<usize>,
}

/// Finds the cues of a lexicon in text.
#[derive(Debug, Clone)]
pub struct CueMatcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl CueMatcher {
    /// Builds the automaton for every entry of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Result<CueMatcher> {
        // Whole cues first: at equal length the automaton prefers the
        // pattern added first, and a whole cue is the more specific.
        let mut entries: Vec<(String, Pattern)> = Vec::with_capacity(lexicon.len());
        for prefix_pass in [false, true] {
            for (index, cue) in lexicon.iter().enumerate() {
                if cue.prefix != prefix_pass {
                    continue;
                }
                for variant in spelling_variants(&cue.text) {
                    let pattern = Pattern {
                        cue: index,
                        prefix: cue.prefix,
                        len: variant.len(),
                        fallback: None,
                    };
                    entries.push((variant, pattern));
                }
            }
        }
        link_fallbacks(&mut entries);
        // A full DFA is the fastest to search and, for a lexicon of the
        // default's size, small and quick to build; for very many or very
        // long cues (its build time grows steeply with a 10,000-word phrase)
        // the crate chooses.
        let longest = entries
            .iter()
            .map(|(text, _)| text.len())
            .max()
            .unwrap_or(0);
        let kind = (entries.len() <= DFA_MAX_PATTERNS && longest <= DFA_MAX_PATTERN_BYTES)
            .then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(kind)
            .build(entries.iter().map(|(text, _)| text))
            .map_err(|e| {
                Error::input(
                    None,
                    None,
                    format!("the lexicon is too large to build a matcher: {e}"),
                )
            })?;
        Ok(CueMatcher {
            automaton,
            patterns: entries.into_iter().map(|(_, p)| p).collect(),
        })
    }

    /// Appends the whole-word, leftmost-longest cue matches in `text` to
    /// `out`, in order and without overlaps. `scratch` is reused between
    /// calls to avoid allocating; its contents do not matter.
    pub fn find_into(&self, text: &str, scratch: &mut MatchScratch, out: &mut Vec<RawMatch>) {
        let haystack = fold_whitespace(text, &mut scratch.haystack);
        let mut at = 0;
        while at < haystack.len() {
            let input = Input::new(haystack).span(at..haystack.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            let start = m.start();
            match self.accept(text, start, m.pattern().as_usize()) {
                Some((cue, end)) => {
                    out.push(RawMatch {
                        cue,
                        span: start..end,
                    });
                    at = end;
                }
                None => at = start + 1,
            }
        }
    }

    /// The first pattern along the fallback links from `pattern` that stands
    /// as whole words at `start`, as (lexicon index, end).
    fn accept(&self, text: &str, start: usize, pattern: usize) -> Option<(usize, usize)> {
        if !starts_word(text, start) {
            return None;
        }
        let mut next = Some(pattern);
        while let Some(id) = next {
            let p = &self.patterns[id];
            let end = start + p.len;
            if p.prefix {
                return Some((p.cue, word_end(text, end)));
            }
            if ends_word(text, end) {
                return Some((p.cue, end));
            }
            next = p.fallback;
        }
        None
    }

    /// The whole-word, leftmost-longest cue matches in `text`.
    pub fn find(&self, text: &str) -> Vec<RawMatch> {
        let mut out = Vec::new();
        self.find_into(text, &mut MatchScratch::default(), &mut out);
        out
    }
}

/// Links each pattern to the pattern to try when it fails the word check.
/// Looks up only the prefixes whose length is the length of some pattern,
/// so a 10,000-word phrase or 100,000 short cues cost little at start-up.
fn link_fallbacks(entries: &mut [(String, Pattern)]) {
    let mut whole: HashMap<String, usize> = HashMap::new();
    let mut prefix: HashMap<String, usize> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::new();
    for (id, (text, pattern)) in entries.iter().enumerate() {
        let key = text.to_ascii_lowercase();
        lengths.push(key.len());
        let map = if pattern.prefix {
            &mut prefix
        } else {
            &mut whole
        };
        map.entry(key).or_insert(id);
    }
    lengths.sort_unstable();
    lengths.dedup();
    for (text, pattern) in entries.iter_mut() {
        let key = text.to_ascii_lowercase();
        let same_text_prefix = (!pattern.prefix)
            .then(|| prefix.get(&key).copied())
            .flatten();
        let shorter = || {
            lengths
                .iter()
                .rev()
                .filter(|&&len| len > 0 && len < key.len() && key.is_char_boundary(len))
                .find_map(|&len| {
                    // A whole cue before a prefix cue of the same text.
                    whole
                        .get(&key[..len])
                        .or_else(|| prefix.get(&key[..len]))
                        .copied()
                })
        };
        pattern.fallback = same_text_prefix.or_else(shorter);
    }
}

/// Buffers reused between searches.
#[derive(Debug, Default, Clone)]
pub struct MatchScratch {
    haystack: Vec<u8>,
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
            "prefix cue when the whole cue fails its boundary",
            &["suggest*\t1\tverb", "suggest\t0.5\tverb"],
            "suggestion suggest",
            &["suggestion", "suggest"],
        ),
        (
            "chain of shorter cues",
            &[
                "no\t1\tnegator",
                "no doubt\t1\tbooster",
                "no doubt that\t1\tbooster",
            ],
            "no doubts no doubt thats",
            &["no", "no doubt"],
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
