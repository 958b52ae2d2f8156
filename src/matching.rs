//! Cue matching: one Aho-Corasick automaton for every cue of a lexicon.
//!
//! The automaton is ASCII case-insensitive and knows nothing of words, so
//! this module adds what it lacks: a cue counts only when it stands as whole
//! words (checked Unicode-aware around each match), a prefix cue runs on to
//! the end of its word, and where cues overlap the leftmost, then longest,
//! wins ("it is also possible" over "possible").
//!
//! A cue can only count where it starts a word (or where its first
//! character is not a word character itself, as in "'s"), so the automaton
//! is not run over the whole text. Bit masks of the ASCII word characters,
//! 64 bytes at a time, give the places where a word starts; at each whose
//! byte can begin a pattern (a table of the state after each first byte)
//! the automaton runs anchored, walked state by state through the
//! [`Automaton`] trait, until it dies. That skips the raw matches inside
//! words ("may" in "dismay") that an unanchored search finds and throws
//! away, and the walks read about 60% of the bytes. The walk is a chain of
//! dependent table look-ups, so reading fewer bytes is what makes it fast:
//! on news text it takes about 55% of the time of the crate's own search,
//! for about as many instructions. Tabs, newlines and carriage returns are
//! read as spaces on the way, so a phrase matches across a line break.
//!
//! The automaton matches leftmost-longest. When the longest pattern at a
//! place fails the word check, a shorter cue at the same place may still
//! pass ("about" where "about a" meets "about an hour"); every such cue is
//! a prefix of the failed one, so each pattern keeps a link to its longest
//! prefix that is also a pattern, and the links are tried in turn.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{Anchored, MatchKind, StartKind, dfa};

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

/// The automaton, in the form chosen for the lexicon's size. Each is built
/// for anchored searches only and walked through the [`Automaton`] trait.
#[derive(Debug, Clone)]
enum Engine {
    /// A full DFA: one table look-up per byte; for lexicons of ordinary size.
    Dfa(dfa::DFA),
    /// For very many or very long cues, whose DFA would be slow to build.
    Nfa(contiguous::NFA),
    /// When even the contiguous NFA cannot hold the lexicon.
    LargeNfa(noncontiguous::NFA),
}

/// Which engine to build: by the lexicon's size, or (for tests) one of the
/// NFAs whatever the size.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(test), allow(dead_code))]
enum EngineChoice {
    BySize,
    ContiguousNfa,
    NoncontiguousNfa,
}

/// Finds the cues of a lexicon in text.
#[derive(Debug, Clone)]
pub struct CueMatcher {
    engine: Engine,
    patterns: Vec<Pattern>,
    /// For every byte value, the automaton's state after reading it first:
    /// the dead state where no pattern begins with the byte.
    first_states: [StateID; 256],
    /// Whether some pattern begins with a byte that is not an ASCII word
    /// character (punctuation, or a non-ASCII character).
    nonword_starts: bool,
}

impl CueMatcher {
    /// Builds the automaton for every entry of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Result<CueMatcher> {
        CueMatcher::build(lexicon, EngineChoice::BySize)
    }

    /// Builds the matcher with the engine `choice` asks for.
    fn build(lexicon: &Lexicon, choice: EngineChoice) -> Result<CueMatcher> {
        let entries = pattern_entries(lexicon);
        let too_large = |e: aho_corasick::BuildError| {
            Error::input(
                None,
                None,
                format!("the lexicon is too large to build a matcher: {e}"),
            )
        };
        // No prefilter: anchored walks do not use one.
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(entries.iter().map(|(text, _)| text))
            .map_err(too_large)?;
        // A full DFA is the fastest to walk and, for a lexicon of the
        // default's size, small and quick to build; for very many or very
        // long cues (its build time grows steeply with a 10,000-word phrase)
        // a contiguous NFA or, if even that cannot hold them, the NFA as
        // built, the crate's own choices.
        let longest = entries
            .iter()
            .map(|(text, _)| text.len())
            .max()
            .unwrap_or(0);
        let small = entries.len() <= DFA_MAX_PATTERNS && longest <= DFA_MAX_PATTERN_BYTES;
        let engine = match choice {
            EngineChoice::BySize if small => Engine::Dfa(
                dfa::Builder::new()
                    .start_kind(StartKind::Anchored)
                    .build_from_noncontiguous(&nfa)
                    .map_err(too_large)?,
            ),
            EngineChoice::BySize | EngineChoice::ContiguousNfa => {
                match contiguous::Builder::new().build_from_noncontiguous(&nfa) {
                    Ok(contiguous) => Engine::Nfa(contiguous),
                    Err(_) => Engine::LargeNfa(nfa),
                }
            }
            EngineChoice::NoncontiguousNfa => Engine::LargeNfa(nfa),
        };
        let first_states = match &engine {
            Engine::Dfa(automaton) => first_states(automaton),
            Engine::Nfa(automaton) => first_states(automaton),
            Engine::LargeNfa(automaton) => first_states(automaton),
        }
        .map_err(|e| Error::input(None, None, format!("cannot search the lexicon: {e}")))?;
        let nonword_starts = (0..=255u8).any(|b| {
            let state = first_states[usize::from(b)];
            !is_ascii_word(b) && !engine_is_dead(&engine, state)
        });
        Ok(CueMatcher {
            engine,
            first_states,
            nonword_starts,
            patterns: entries.into_iter().map(|(_, p)| p).collect(),
        })
    }

    /// Appends the whole-word, leftmost-longest cue matches in `text` to
    /// `out`, in order and without overlaps. `scratch` is reused between
    /// calls to avoid allocating; its contents do not matter.
    pub fn find_into(&self, text: &str, scratch: &mut MatchScratch, out: &mut Vec<RawMatch>) {
        let _ = scratch;
        match &self.engine {
            Engine::Dfa(automaton) => self.find_with(automaton, text, out),
            Engine::Nfa(automaton) => self.find_with(automaton, text, out),
            Engine::LargeNfa(automaton) => self.find_with(automaton, text, out),
        }
    }

    /// `find_into` for one kind of automaton: visits the places where a cue
    /// may start, in order, and keeps the first cue accepted at each,
    /// going on after its end.
    fn find_with<A: Automaton>(&self, automaton: &A, text: &str, out: &mut Vec<RawMatch>) {
        let bytes = text.as_bytes();
        // Where the last match ended: no cue starts before.
        let mut next = 0;
        // Whether the byte before the block is an ASCII word character.
        let mut after_word = false;
        for (block_start, block) in (0..).step_by(64).zip(bytes.chunks(64)) {
            let word = ascii_word_mask(block);
            // The places where a cue may start: ASCII word characters after
            // a byte that is not one and, when some cue begins with a
            // non-word character, every other byte. Where the byte before
            // is part of a non-ASCII character, the exact check decides.
            let word_starts = word & !((word << 1) | u64::from(after_word));
            let others = if self.nonword_starts {
                !word & (u64::MAX >> (64 - block.len()))
            } else {
                0
            };
            after_word = word >> (block.len() - 1) & 1 == 1;
            let mut candidates = word_starts | others;
            while candidates != 0 {
                let offset = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let at = block_start + offset;
                let state = self.first_states[usize::from(block[offset])];
                if at < next || automaton.is_dead(state) {
                    continue;
                }
                let exact_check =
                    (others >> offset) & 1 == 1 || at > 0 && !bytes[at - 1].is_ascii();
                if exact_check && !starts_word(text, at) {
                    continue;
                }
                if let Some((cue, end)) = longest_at(automaton, state, bytes, at)
                    .and_then(|pattern| self.accept(text, at, pattern))
                {
                    out.push(RawMatch { cue, span: at..end });
                    next = end;
                }
            }
        }
    }

    /// The first pattern along the fallback links from `pattern` that stands
    /// as whole words at `start`, as (lexicon index, end).
    fn accept(&self, text: &str, start: usize, pattern: usize) -> Option<(usize, usize)> {
        debug_assert!(starts_word(text, start));
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

/// The longest pattern that matches `bytes` from `at`, read with tabs,
/// newlines and carriage returns as spaces, given the state after the
/// first byte: the anchored search of the crate's own search loop, without
/// its per-call set-up.
fn longest_at<A: Automaton>(
    automaton: &A,
    mut state: StateID,
    bytes: &[u8],
    at: usize,
) -> Option<usize> {
    let mut longest = None;
    let mut end = at + 1;
    loop {
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                // A match state also carries the matches of its suffixes
                // (for unanchored searches); only one starting at `at` counts.
                let pattern = automaton.match_pattern(state, 0);
                if end - automaton.pattern_len(pattern) == at {
                    longest = Some(pattern.as_usize());
                }
            }
        }
        let Some(&byte) = bytes.get(end) else {
            break;
        };
        state = automaton.next_state(Anchored::Yes, state, FOLD_WHITESPACE[usize::from(byte)]);
        end += 1;
    }
    longest
}

/// For every byte value, the state after reading it from the anchored
/// start.
fn first_states<A: Automaton>(
    automaton: &A,
) -> std::result::Result<[StateID; 256], aho_corasick::MatchError> {
    let start = automaton.start_state(Anchored::Yes)?;
    // No pattern is empty: the start state is no match.
    debug_assert!(!automaton.is_match(start));
    Ok(std::array::from_fn(|byte| {
        automaton.next_state(Anchored::Yes, start, FOLD_WHITESPACE[byte])
    }))
}

/// Whether `state` is the dead state of the engine.
fn engine_is_dead(engine: &Engine, state: StateID) -> bool {
    match engine {
        Engine::Dfa(automaton) => automaton.is_dead(state),
        Engine::Nfa(automaton) => automaton.is_dead(state),
        Engine::LargeNfa(automaton) => automaton.is_dead(state),
    }
}

/// Every byte as the automaton reads it: tabs, newlines and carriage
/// returns as spaces.
const FOLD_WHITESPACE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match i as u8 {
            b'\n' | b'\r' | b'\t' => b' ',
            other => other,
        };
        i += 1;
    }
    table
};

/// True for an ASCII letter, digit or underscore: the word characters
/// [`ascii_word_mask`] marks.
fn is_ascii_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Bit `i` set when `block[i]` is an ASCII word character; at most 64
/// bytes. Every byte of the text passes through here, so it works on eight
/// bytes at a time (see [`ascii_word_bits`]).
fn ascii_word_mask(block: &[u8]) -> u64 {
    let chunks = block.chunks_exact(8);
    let rest = chunks.remainder();
    let mut mask = 0;
    let mut shift = 0;
    for chunk in chunks {
        let eight: [u8; 8] = chunk.try_into().unwrap_or_default();
        mask |= ascii_word_bits(u64::from_le_bytes(eight)) << shift;
        shift += 8;
    }
    if !rest.is_empty() {
        // Zero bytes, which are no word characters, fill the last chunk.
        let mut eight = [0u8; 8];
        eight[..rest.len()].copy_from_slice(rest);
        mask |= ascii_word_bits(u64::from_le_bytes(eight)) << shift;
    }
    mask
}

/// Bit `i` (of 8) set when byte `i` of `eight` (little-endian) is an ASCII
/// word character. Each byte is compared with the ranges a–z (after setting
/// the lower-case bit), 0–9 and `_` by adding a constant to its low seven
/// bits so that the high bit tells the outcome; no addition carries into
/// the next byte. A byte with the high bit set is not ASCII.
fn ascii_word_bits(eight: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let low7 = eight & !HIGH;
    // High bit set where lo <= byte <= hi, for 0 < lo <= hi < 0x80.
    let in_range = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7F - hi))
    };
    let letter = in_range(low7 | (ONES * 0x20), b'a', b'z');
    let digit = in_range(low7, b'0', b'9');
    // High bit set where the byte equals '_' (the xor is zero).
    let underscore = !((low7 ^ (ONES * u64::from(b'_'))) + ONES * 0x7F);
    let word = (letter | digit | underscore) & !eight & HIGH;
    // Gather the eight high bits into the low byte.
    (word >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The automaton's patterns in order, with what the matcher knows of each.
fn pattern_entries(lexicon: &Lexicon) -> Vec<(String, Pattern)> {
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
    entries
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

/// Buffers reused between searches. The search needs none at present; the
/// type stays so that callers keep one ready should it need some again.
#[derive(Debug, Default, Clone)]
pub struct MatchScratch {}

/// The spellings a cue is searched under: as written, and with a straight
/// apostrophe also as a curly one, the way news text often prints it.
fn spelling_variants(text: &str) -> Vec<String> {
    let mut variants = vec![text.to_string()];
    if text.contains('\'') {
        variants.push(text.replace('\'', "\u{2019}"));
    }
    variants
}

/// True for characters that continue a word: letters, digits, the
/// underscore and combining marks (so "cafe\u{301}" is one word).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // The common case, without the Unicode tables.
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || is_combining_mark(c)
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
    use proptest::prelude::*;

    /// The old search's copy of the text: bytes with tabs, newlines and carriage returns turned into spaces,
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

    /// The search as it was before the matcher drove the automaton itself:
    /// the crate's `find` from each place, restarting one byte on when a
    /// match fails the word check. The reference for the differential test.
    fn reference_find(lexicon: &Lexicon, text: &str) -> Vec<RawMatch> {
        use aho_corasick::{AhoCorasickBuilder, Input};
        let entries = pattern_entries(lexicon);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(entries.iter().map(|(text, _)| text))
            .unwrap();
        let accept = |start: usize, pattern: usize| {
            if !starts_word(text, start) {
                return None;
            }
            let mut next = Some(pattern);
            while let Some(id) = next {
                let p = &entries[id].1;
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
        };
        let mut buffer = Vec::new();
        let haystack = fold_whitespace(text, &mut buffer);
        let mut out = Vec::new();
        let mut at = 0;
        while at < haystack.len() {
            let input = Input::new(haystack).span(at..haystack.len());
            let Some(m) = automaton.find(input) else {
                break;
            };
            match accept(m.start(), m.pattern().as_usize()) {
                Some((cue, end)) => {
                    out.push(RawMatch {
                        cue,
                        span: m.start()..end,
                    });
                    at = end;
                }
                None => at = m.start() + 1,
            }
        }
        out
    }

    /// Small lexicons: prefix cues, phrases, cues that are prefixes of
    /// others, cues beginning with punctuation or a non-ASCII letter.
    fn small_lexicon() -> impl Strategy<Value = Vec<&'static str>> {
        let cue = prop_oneof![
            Just("may"),
            Just("may be"),
            Just("maybe"),
            Just("may*"),
            Just("it is"),
            Just("it is possible"),
            Just("possib*"),
            Just("possible"),
            Just("about"),
            Just("about a"),
            Just("a"),
            Just("a*"),
            Just("a b"),
            Just("n't"),
            Just("'s"),
            Just("don't"),
            Just("ca n't"),
            Just("-ish"),
            Just("café"),
            Just("naïve*"),
            Just("éa"),
            Just("мы"),
            Just("no doubt"),
            Just("no doubt that"),
            Just("x_1"),
        ];
        proptest::collection::vec(cue, 1..8)
    }

    /// Texts glued together from cue fragments, word characters, non-ASCII
    /// letters, combining marks, white space and punctuation.
    fn fragments() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("may"),
            Just("MAY"),
            Just("be"),
            Just("it"),
            Just("is"),
            Just("possib"),
            Just("possible"),
            Just("about"),
            Just("a"),
            Just("A"),
            Just("b"),
            Just("n't"),
            Just("'s"),
            Just("’s"),
            Just("don"),
            Just("ca"),
            Just("café"),
            Just("cafe\u{301}"),
            Just("naïve"),
            Just("é"),
            Just("мы"),
            Just("可能"),
            Just("no"),
            Just("doubt"),
            Just("that"),
            Just("x"),
            Just("_"),
            Just("1"),
            Just("-"),
            Just("ish"),
            Just("\u{301}"),
            Just("🙂"),
            Just(" "),
            Just(" "),
            Just("\n"),
            Just("\t"),
            Just("\r\n"),
            Just("."),
            Just(","),
            Just("'"),
            Just("’"),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Every engine finds exactly what the crate's own search loop finds.
        #[test]
        fn same_matches_as_the_reference(cues in small_lexicon(), text in fragments()) {
            let mut tsv = String::from("cue\tweight\tcategory\n");
            for cue in &cues {
                tsv.push_str(&format!("{cue}\t1\tmodal\n"));
            }
            let mut lexicon = Lexicon::new();
            lexicon.add_text("test.tsv", &tsv).unwrap();
            let expected = reference_find(&lexicon, &text);
            for choice in [
                EngineChoice::BySize,
                EngineChoice::ContiguousNfa,
                EngineChoice::NoncontiguousNfa,
            ] {
                let matcher = CueMatcher::build(&lexicon, choice).unwrap();
                prop_assert_eq!(&matcher.find(&text), &expected, "{:?}", choice);
            }
        }
    }

    #[test]
    fn word_mask_marks_each_byte_value_in_each_place() {
        for byte in 0..=255u8 {
            for place in 0..64 {
                let mut block = [b'.'; 64];
                block[place] = byte;
                let expected = u64::from(is_ascii_word(byte)) << place;
                assert_eq!(ascii_word_mask(&block), expected, "{byte:#x} at {place}");
                assert_eq!(
                    ascii_word_mask(&block[..=place]),
                    expected,
                    "{byte:#x} at the end"
                );
            }
        }
    }

    proptest! {
        /// The eight-bytes-at-a-time mask against the byte-by-byte one.
        #[test]
        fn word_mask_as_byte_by_byte(block in proptest::collection::vec(any::<u8>(), 0..=64)) {
            let simple = block
                .iter()
                .enumerate()
                .fold(0u64, |mask, (i, &b)| mask | u64::from(is_ascii_word(b)) << i);
            prop_assert_eq!(ascii_word_mask(&block), simple);
        }
    }

    #[test]
    fn ascii_word_chars_as_in_unicode() {
        for c in (0u8..0x80).map(char::from) {
            let unicode = c.is_alphanumeric() || c == '_' || is_combining_mark(c);
            assert_eq!(is_word_char(c), unicode, "{c:?}");
        }
    }

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
