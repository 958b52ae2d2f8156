//! Cue matching: one Aho-Corasick automaton for every cue of a lexicon.
//!
//! The automaton holds the cues in lower case and reads the text with its
//! ASCII letters as lower case (so matching is ASCII case-insensitive),
//! and it knows nothing of words, so this module adds
//! what it lacks: a cue counts only when it stands as whole
//! words (checked Unicode-aware around each match), a prefix cue runs on to
//! the end of its word, and where cues overlap the leftmost, then longest,
//! wins ("it is also possible" over "possible").
//!
//! The automaton searches leftmost-longest. When its match fails the word
//! check, a shorter cue at the same place may still pass ("about" where
//! "about a" meets "about an hour"); every such cue is a prefix of the
//! failed one, so each pattern keeps a link to its longest prefix that is
//! also a pattern, and the links are tried in turn. When none passes, the
//! search goes on from the next byte.
//!
//! The search loop is our own. For lexicons of ordinary size the crate
//! builds a DFA and the matcher copies its transitions into a table of its
//! own, half the size (see `TableDfa`), and walks that. For very large
//! lexicons it walks the crate's NFA through the [`Automaton`] trait, the
//! loop the crate runs inside `find`, without what that generic loop
//! carries for every byte (checks for anchored searches and prefilters,
//! the search input read from memory): on news text the crate's `find`
//! took about 19 instructions a byte, this loop 13.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{Anchored, MatchKind, dfa};

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
    /// Length in bytes, with a run of white space in the text counting as
    /// the one space between the pattern's words.
    len: usize,
    /// True when the pattern has more than one word.
    spaced: bool,
    /// The pattern to try when this one fails the word check at a place:
    /// the same text as a prefix cue, else the longest proper prefix that
    /// is a pattern.
    fallback: Option<usize>,
}

/// The automaton, in the form chosen for the lexicon's size: our compact
/// copy of the crate's DFA, or one of the crate's NFAs, searched through
/// the [`Automaton`] trait.
#[derive(Debug, Clone)]
enum Engine {
    /// A full DFA in our own table: two look-ups per byte (its class,
    /// then the next state); for lexicons of ordinary size.
    Table(Box<TableDfa>),
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
}

impl CueMatcher {
    /// Builds the automaton for every entry of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Result<CueMatcher> {
        CueMatcher::build(lexicon, EngineChoice::BySize)
    }

    /// Builds the matcher with the engine `choice` asks for.
    fn build(lexicon: &Lexicon, choice: EngineChoice) -> Result<CueMatcher> {
        let entries = pattern_entries(lexicon);
        // No prefilter: the search loop below does not use one (and with
        // cues beginning with nearly every letter it could skip little).
        // Cues in lower case, matched against text in lower case (see
        // `search_bytes`): ASCII case-insensitive, like the cues' spelling.
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(entries.iter().map(|(text, _)| text.to_ascii_lowercase()))
            .map_err(too_large)?;
        let engine = match choice {
            EngineChoice::BySize if is_small(&entries) => table_engine(nfa, &entries)?,
            EngineChoice::BySize | EngineChoice::ContiguousNfa => {
                match contiguous::Builder::new().build_from_noncontiguous(&nfa) {
                    Ok(contiguous) => Engine::Nfa(contiguous),
                    Err(_) => Engine::LargeNfa(nfa),
                }
            }
            EngineChoice::NoncontiguousNfa => Engine::LargeNfa(nfa),
        };
        Ok(CueMatcher {
            engine,
            patterns: entries.into_iter().map(|(_, p)| p).collect(),
        })
    }

    /// Appends the whole-word, leftmost-longest cue matches in `text` to
    /// `out`, in order and without overlaps. `scratch` is reused between
    /// calls to avoid allocating; its contents do not matter.
    pub fn find_into(&self, text: &str, scratch: &mut MatchScratch, out: &mut Vec<RawMatch>) {
        match &self.engine {
            Engine::Table(table) => {
                let mut at = 0;
                while let Some((end, pattern)) = table.leftmost_longest(text.as_bytes(), at) {
                    let start = self.start_of(text, end, pattern);
                    at = self.take(text, start, pattern, out);
                }
            }
            Engine::Nfa(automaton) => self.find_with(automaton, text, out, &mut scratch.haystack),
            Engine::LargeNfa(automaton) => {
                self.find_with(automaton, text, out, &mut scratch.haystack)
            }
        }
    }

    /// Records the match of `pattern` at `start` if it (or a pattern along
    /// its fallback links) passes the word check; returns where the search
    /// goes on: after the match, else at the next byte.
    fn take(&self, text: &str, start: usize, pattern: usize, out: &mut Vec<RawMatch>) -> usize {
        match self.accept(text, start, pattern) {
            Some((cue, end)) => {
                out.push(RawMatch {
                    cue,
                    span: start..end,
                });
                end
            }
            None => start + 1,
        }
    }

    /// `find_into` for one kind of automaton: the leftmost-longest match
    /// from `at`; if it passes the word check, the next search starts at its
    /// end, else at the next byte.
    fn find_with<A: Automaton>(
        &self,
        automaton: &A,
        text: &str,
        out: &mut Vec<RawMatch>,
        buffer: &mut Vec<u8>,
    ) {
        // Cannot fail: every engine supports unanchored searches.
        let Ok(start_state) = automaton.start_state(Anchored::No) else {
            return;
        };
        let haystack = search_bytes(text, buffer);
        let mut at = 0;
        while let Some((end, pattern)) = leftmost_longest(automaton, start_state, haystack, at) {
            let start = self.start_of(text, end, pattern);
            at = self.take(text, start, pattern, out);
        }
    }

    /// Where the match of `pattern` that ends at `end` starts: its length
    /// back, counting each run of white space as one byte.
    fn start_of(&self, text: &str, end: usize, pattern: usize) -> usize {
        let p = &self.patterns[pattern];
        if !p.spaced {
            return end - p.len;
        }
        let bytes = text.as_bytes();
        let mut start = end;
        for _ in 0..p.len {
            start -= 1;
            if is_space(bytes[start]) {
                while start > 0 && is_space(bytes[start - 1]) {
                    start -= 1;
                }
            }
        }
        start
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
            let end = if p.spaced {
                end_of(text.as_bytes(), start, p.len)
            } else {
                start + p.len
            };
            // A blank line ends a sentence (and may end a piece of the
            // input): no phrase runs across one.
            if p.spaced && crosses_paragraph(&text.as_bytes()[start..end]) {
                next = p.fallback;
                continue;
            }
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

/// The error of a lexicon too large for the automaton.
fn too_large(e: aho_corasick::BuildError) -> Error {
    Error::input(
        None,
        None,
        format!("the lexicon is too large to build a matcher: {e}"),
    )
}

/// True when the entries make a DFA that is small and quick to build: a
/// full DFA is the fastest to search, but its build time grows steeply
/// with very many or very long cues (a 10,000-word phrase), where a
/// contiguous NFA or, if even that cannot hold them, the NFA as built,
/// the crate's own choices, serve instead.
fn is_small(entries: &[(String, Pattern)]) -> bool {
    let longest = entries
        .iter()
        .map(|(text, _)| text.len())
        .max()
        .unwrap_or(0);
    entries.len() <= DFA_MAX_PATTERNS && longest <= DFA_MAX_PATTERN_BYTES
}

/// The compact table of the entries' DFA (the crate's DFA is quick to
/// build; its transitions are copied into the table), or a contiguous
/// NFA where the table cannot hold them.
fn table_engine(nfa: noncontiguous::NFA, entries: &[(String, Pattern)]) -> Result<Engine> {
    let dfa = dfa::Builder::new()
        .build_from_noncontiguous(&nfa)
        .map_err(too_large)?;
    Ok(match TableDfa::new(&dfa, entries) {
        Some(table) => Engine::Table(Box::new(table)),
        None => Engine::Nfa(
            contiguous::Builder::new()
                .build_from_noncontiguous(&nfa)
                .map_err(too_large)?,
        ),
    })
}

/// The leftmost-longest match in `haystack` from `at`, as (end, pattern):
/// the crate's unanchored search loop without a prefilter. In leftmost
/// mode the automaton dies once the match it has seen can grow no longer.
/// A space after a space is passed over, so that a run of white space
/// (two spaces, a Windows line break) joins a phrase's words as one space
/// does, as in the table engine.
fn leftmost_longest<A: Automaton>(
    automaton: &A,
    start_state: StateID,
    haystack: &[u8],
    at: usize,
) -> Option<(usize, usize)> {
    // No pattern is empty, so the start state is no match.
    let mut state = start_state;
    let mut found = None;
    let mut end = at;
    let mut after_space = false;
    while let Some(&byte) = haystack.get(end) {
        end += 1;
        let space = byte == b' ';
        if space && after_space {
            continue;
        }
        after_space = space;
        state = automaton.next_state(Anchored::No, state, byte);
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                found = Some((end, automaton.match_pattern(state, 0).as_usize()));
            }
        }
    }
    found
}

/// The white space that joins a phrase's words: the bytes the search
/// reads as a space.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// A text byte as the automaton reads it: white space as a space, ASCII
/// letters in lower case (the table engine folds through its byte classes,
/// the NFA engines through [`search_bytes`]).
fn searched_byte(byte: u8) -> u8 {
    if is_space(byte) {
        b' '
    } else {
        byte.to_ascii_lowercase()
    }
}

/// True when `bytes` hold a paragraph break: a run of white space with two
/// line breaks (a Windows "\r\n" is one).
fn crosses_paragraph(bytes: &[u8]) -> bool {
    let mut breaks = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => breaks += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => breaks += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => breaks = 0,
        }
        if breaks >= 2 {
            return true;
        }
    }
    false
}

/// Where a match of `len` bytes that starts at `start` ends, each run of
/// white space counting as one byte.
fn end_of(bytes: &[u8], start: usize, len: usize) -> usize {
    let mut end = start;
    for _ in 0..len {
        if end >= bytes.len() {
            break;
        }
        if is_space(bytes[end]) {
            while end + 1 < bytes.len() && is_space(bytes[end + 1]) {
                end += 1;
            }
        }
        end += 1;
    }
    end
}

/// The automaton as a compact table of its transitions, for lexicons of
/// ordinary size. The crate's own DFA of the default lexicon takes 1 MB,
/// more than the processor's second-level cache, and the search waits on
/// it at every byte; here every byte that no cue holds shares one class
/// (digits, most punctuation, bytes of other scripts) and each capital
/// shares its small letter's, which halves the table and made
/// article-level runs about 6% faster. The transitions are the
/// crate's, copied state by state; only their layout is ours.
#[derive(Debug, Clone)]
struct TableDfa {
    /// Each byte's class, with ASCII capitals as their small letters and
    /// tabs and line breaks as spaces, as `search_bytes` turns them.
    classes: [u8; 256],
    /// The length of a state's row: the number of classes.
    row_len: u32,
    /// The next state for state `s` and class `c` at `s + c`: states are
    /// numbered by the offsets of their rows, so a step is one addition.
    next: Vec<u32>,
    /// The state a search begins in.
    start: u32,
    /// States up to this one are the dead state (0: the match seen can
    /// grow no longer) and the match states, so that one comparison per
    /// byte tells whether anything but a plain step happened.
    last_match: u32,
    /// The pattern each match state reports, by row number less one.
    matches: Vec<usize>,
}

impl TableDfa {
    /// The table for the crate's `dfa`, whose patterns are `entries`;
    /// `None` if the table would not fit 4-byte state numbers.
    fn new(dfa: &dfa::DFA, entries: &[(String, Pattern)]) -> Option<TableDfa> {
        let (class_of_byte, representative) = byte_classes(entries)?;
        let mut classes = [0u8; 256];
        for (byte, class) in (0..=255u8).zip(classes.iter_mut()) {
            *class = class_of_byte[usize::from(searched_byte(byte))];
        }
        // Rows as long as the classes, not rounded up to a power of two:
        // one class more than 32 would double the table.
        let row_len = representative.len();
        let found = reachable_states(dfa, &representative)?;
        // The ids share their low zero bits (the crate's rows are a power
        // of two long); without them they index a short vector.
        let zeros = found
            .iter()
            .fold(0, |bits, s| bits | s.as_usize())
            .trailing_zeros();
        let short_id = |state: StateID| state.as_usize() >> zeros;
        let ids = found.iter().map(|&s| short_id(s)).max().unwrap_or(0) + 1;
        let mut index_of = vec![0u32; ids];

        // Our numbering: the dead state 0, then the match states, then the
        // rest (the start among them); each number is its row's offset.
        let matching: Vec<StateID> = found.iter().copied().filter(|&s| dfa.is_match(s)).collect();
        let plain = found
            .iter()
            .copied()
            .filter(|&s| !dfa.is_dead(s) && !dfa.is_match(s));
        let order: Vec<StateID> = matching.iter().copied().chain(plain).collect();
        for (row, &state) in order.iter().enumerate() {
            index_of[short_id(state)] = u32::try_from((row + 1) * row_len).ok()?;
        }
        let mut next = vec![0u32; (order.len() + 1) * row_len];
        for (row, &state) in order.iter().enumerate() {
            let slots = &mut next[(row + 1) * row_len..][..row_len];
            for (slot, &byte) in slots.iter_mut().zip(&representative) {
                *slot = index_of[short_id(dfa.next_state(Anchored::No, state, byte))];
            }
        }
        let matches = matching
            .iter()
            .map(|&state| dfa.match_pattern(state, 0).as_usize())
            .collect();
        let start = index_of[short_id(found[0])];
        let space = usize::from(class_of_byte[usize::from(b' ')]);
        join_space_runs(&mut next, row_len, space, start)?;
        Some(TableDfa {
            classes,
            row_len: u32::try_from(row_len).ok()?,
            next,
            start,
            last_match: u32::try_from(matching.len() * row_len).ok()?,
            matches,
        })
    }

    /// The leftmost-longest match in `haystack` from `at`, as (end,
    /// pattern). The text is searched as it is: each byte's class is
    /// looked up on the way, which does not wait on the state before it
    /// and so costs less than a lower-cased copy of the text.
    fn leftmost_longest(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut state = self.start;
        let mut found = None;
        for (i, &byte) in haystack[at..].iter().enumerate() {
            let class = u32::from(self.classes[usize::from(byte)]);
            state = self.next[(state + class) as usize];
            if state <= self.last_match {
                if state == 0 {
                    break;
                }
                // A division, but only where a cue ends.
                found = Some((
                    at + i + 1,
                    self.matches[(state / self.row_len) as usize - 1],
                ));
            }
        }
        found
    }
}

/// The byte classes of a table: 0 for bytes in no cue, one more for each
/// byte in a cue; with the byte that stands for each class (an ASCII
/// capital, in no cue as cues are in lower case, for class 0).
fn byte_classes(entries: &[(String, Pattern)]) -> Option<([u8; 256], Vec<u8>)> {
    let mut class_of_byte = [0u8; 256];
    let mut representative = vec![0u8];
    for (text, _) in entries {
        for byte in text.to_ascii_lowercase().bytes() {
            if class_of_byte[usize::from(byte)] == 0 {
                class_of_byte[usize::from(byte)] = u8::try_from(representative.len()).ok()?;
                representative.push(byte);
            }
        }
    }
    representative[0] = (b'A'..=b'Z').find(|&b| class_of_byte[usize::from(b)] == 0)?;
    Some((class_of_byte, representative))
}

/// Every state of `dfa` reachable from the start, breadth first, the
/// start first. The crate's state ids are offsets into its own table, so a
/// bit per id marks the states seen.
fn reachable_states(dfa: &dfa::DFA, representative: &[u8]) -> Option<Vec<StateID>> {
    let mut seen: Vec<u64> = Vec::new();
    let mut found: Vec<StateID> = Vec::new();
    let mut visit = |state: StateID, found: &mut Vec<StateID>| {
        let id = state.as_usize();
        if id / 64 >= seen.len() {
            seen.resize(id / 64 + 1, 0);
        }
        if seen[id / 64] & (1 << (id % 64)) == 0 {
            seen[id / 64] |= 1 << (id % 64);
            found.push(state);
        }
    };
    visit(dfa.start_state(Anchored::No).ok()?, &mut found);
    let mut visited = 0;
    while let Some(&state) = found.get(visited) {
        for &byte in representative {
            visit(dfa.next_state(Anchored::No, state, byte), &mut found);
        }
        visited += 1;
    }
    Some(found)
}

/// Makes a run of white space join a phrase's words as one space does: a
/// state entered by a space (its text ends in one, halfway through a
/// phrase) stays where it is on another space, where the crate's DFA,
/// whose patterns hold no two spaces running, would start over. The
/// table's search then costs nothing more per byte. Every transition into
/// a state reads the same class, the last byte of the state's text (the
/// start and the dead state aside), so the states entered by a space are
/// the targets of the space column. (Marking every entry of the table
/// instead cost a millisecond of start-up.)
fn join_space_runs(next: &mut [u32], row_len: usize, space: usize, start: u32) -> Option<()> {
    if space == 0 {
        return Some(());
    }
    let rows = next.len() / row_len;
    let mut entered_by_space = vec![false; rows];
    for row in next.chunks_exact(row_len) {
        entered_by_space[row[space] as usize / row_len] = true;
    }
    for (row, &entered) in entered_by_space.iter().enumerate().skip(1) {
        let state = row * row_len;
        if entered && state != start as usize {
            next[state + space] = u32::try_from(state).ok()?;
        }
    }
    Some(())
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
                    spaced: variant.contains(' '),
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

/// Buffers reused between searches.
#[derive(Debug, Default, Clone)]
pub struct MatchScratch {
    haystack: Vec<u8>,
}

/// The spellings a cue is searched under: as written; with its clitics
/// split off as a treebank tokeniser splits them ("could n't", "it 's"),
/// the form of tokenised corpora; and each of those with a straight
/// apostrophe also as a curly one, the way news text often prints it.
fn spelling_variants(text: &str) -> Vec<String> {
    let mut variants = vec![text.to_string()];
    if text.contains('\'') {
        let split = split_clitics(text);
        if split != text {
            variants.push(split);
        }
        for i in 0..variants.len() {
            let curly = variants[i].replace('\'', "\u{2019}");
            variants.push(curly);
        }
    }
    variants
}

/// Clitics a treebank tokeniser writes as words of their own: "n't" takes
/// the "n" with it ("ca n't", "do n't"), the others start at the
/// apostrophe ("it 's", "I 'm", "we 've").
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// `text` with a space before every clitic that ends a word: "couldn't
/// say" becomes "could n't say", "it's" "it 's". A clitic inside a word
/// ("o'clock") or at its start ("'tis") stays.
fn split_clitics(text: &str) -> String {
    let mut split = String::with_capacity(text.len() + 4);
    let mut rest = text;
    while !rest.is_empty() {
        let after_letter = split.chars().next_back().is_some_and(char::is_alphabetic);
        let clitic = CLITICS.iter().find(|c| {
            rest.len() >= c.len()
                && rest.is_char_boundary(c.len())
                && rest[..c.len()].eq_ignore_ascii_case(c)
                && !rest[c.len()..].starts_with(char::is_alphabetic)
        });
        match clitic {
            Some(c) if after_letter => {
                split.push(' ');
                split.push_str(&rest[..c.len()]);
                rest = &rest[c.len()..];
            }
            _ => {
                let ch = rest.chars().next().unwrap_or_default();
                split.push(ch);
                rest = &rest[ch.len_utf8()..];
            }
        }
    }
    split
}

/// Text bytes as the NFA engines search them (the table engine folds the
/// same way through its byte classes): tabs, newlines and carriage
/// returns turned into spaces, so that a phrase cue matches across a line
/// break (the search passes over a space after a space, so any run of
/// them joins a phrase's words), and ASCII letters in lower case, as the
/// automaton holds its cues.
/// (A case-insensitive automaton was four times the size: its byte classes
/// are ranges of bytes, so each letter took two, and at 2 MB its table
/// missed the processor's caches on most steps.) Offsets are unchanged.
fn search_bytes<'a>(text: &str, buffer: &'a mut Vec<u8>) -> &'a [u8] {
    buffer.clear();
    buffer.extend(text.bytes().map(searched_byte));
    buffer
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
    use std::path::Path;

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
            "phrase across a Windows line break",
            &["according to some\t1\tvague_source"],
            "According to\r\nsome, it rains.",
            &["According to\r\nsome"],
        ),
        (
            "phrase across runs of spaces and tabs",
            &["may well\t1\tmodal", "no doubt that\t1\tbooster"],
            "It may  well rain; no \t doubt \n that",
            &["may  well", "no \t doubt \n that"],
        ),
        (
            "no phrase across a paragraph break",
            &["may\t1\tmodal", "may well\t1\tmodal"],
            "It may\n\nwell. It may \r\n \r\n well. It may\r\nwell.",
            &["may", "may", "may\r\nwell"],
        ),
        (
            "a run of white space before a shorter cue",
            &["may\t1\tmodal", "may well be\t1\tmodal"],
            "It may   well rain, it may  well.",
            &["may", "may"],
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
            "contraction as a whole, and split as a treebank splits it",
            &["n't\t1\tnegator", "don't\t1\tnegator", "can't\t1\tnegator"],
            "I don't. do n't, ca n't. He did n't",
            &["don't", "do n't", "ca n't", "n't"],
        ),
        (
            "cue written with a curly apostrophe",
            &["it’s unclear\t1\tadjective"],
            "It's unclear. It’s unclear. It 's unclear",
            &["It's unclear", "It’s unclear", "It 's unclear"],
        ),
        (
            "clitics split from their word",
            &["it's possible\t1\tadjective", "i'm sure\t1\tbooster"],
            "It 's possible. I 'm sure. I’m sure. It ’s possible",
            &["It 's possible", "I 'm sure", "I’m sure", "It ’s possible"],
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
    fn clitics_split_as_a_treebank_splits_them() {
        for (cue, split) in [
            ("couldn't", "could n't"),
            ("can't say", "ca n't say"),
            ("won't", "wo n't"),
            ("it's possible", "it 's possible"),
            ("I'm sure we'll", "I 'm sure we 'll"),
            ("IT'S", "IT 'S"),
            ("o'clock", "o'clock"),
            ("'tis", "'tis"),
            ("n't", "n't"),
            ("don’t", "don’t"),
        ] {
            assert_eq!(split_clitics(cue), split, "{cue}");
        }
    }

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
        // The word check is the matcher's own: this reference differs only
        // in how it searches (the crate's `find`, a restart per match).
        let matcher = CueMatcher::new(lexicon).unwrap();
        let accept = |start: usize, pattern: usize| matcher.accept(text, start, pattern);
        // White space folded, each run to one space (the matcher joins a
        // phrase's words across any run), case kept: the crate matches
        // case-insensitively. `place` gives each folded byte's place in the
        // text, and `folded` each text byte's place in the fold.
        let mut haystack = Vec::new();
        let mut place = Vec::new();
        let mut folded = Vec::new();
        for (i, b) in text.bytes().enumerate() {
            let space = is_space(b);
            folded.push(haystack.len());
            if space && haystack.last() == Some(&b' ') {
                continue;
            }
            haystack.push(if space { b' ' } else { b });
            place.push(i);
        }
        folded.push(haystack.len());
        let mut out = Vec::new();
        let mut at = 0;
        while at < haystack.len() {
            let input = Input::new(&haystack).span(at..haystack.len());
            let Some(m) = automaton.find(input) else {
                break;
            };
            let start = place[m.start()];
            match accept(start, m.pattern().as_usize()) {
                Some((cue, end)) => {
                    out.push(RawMatch {
                        cue,
                        span: start..end,
                    });
                    at = folded[end];
                }
                None => at = folded[start + 1],
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

    /// Checks every engine against [`reference_find`] for a lexicon of
    /// `cues`; small lexicons must get the compact table.
    fn every_engine_finds_what_the_reference_finds(
        cues: &[&str],
        text: &str,
    ) -> std::result::Result<(), proptest::test_runner::TestCaseError> {
        let mut tsv = String::from("cue\tweight\tcategory\n");
        for cue in cues {
            tsv.push_str(&format!("{cue}\t1\tmodal\n"));
        }
        let mut lexicon = Lexicon::new();
        lexicon.add_text("test.tsv", &tsv).unwrap();
        let expected = reference_find(&lexicon, text);
        for choice in [
            EngineChoice::BySize,
            EngineChoice::ContiguousNfa,
            EngineChoice::NoncontiguousNfa,
        ] {
            let matcher = CueMatcher::build(&lexicon, choice).unwrap();
            if matches!(choice, EngineChoice::BySize) {
                // Small lexicons get the compact table, not a fallback.
                prop_assert!(matches!(matcher.engine, Engine::Table(_)));
            }
            prop_assert_eq!(&matcher.find(text), &expected, "{:?}", choice);
        }
        Ok(())
    }

    /// Texts of cue words joined by runs of white space of every kind.
    fn spaced_phrases() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("may"),
            Just("be"),
            Just("it"),
            Just("is"),
            Just("possible"),
            Just("no"),
            Just("doubt"),
            Just("that"),
            Just("a"),
            Just("b"),
            Just("about"),
            Just(" "),
            Just("  "),
            Just("\r\n"),
            Just("\t"),
            Just(" \n "),
            Just("\n\n"),
            Just(","),
        ];
        proptest::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Phrases across runs of white space, in every engine.
        #[test]
        fn phrases_across_white_space_as_the_reference(
            cues in small_lexicon(),
            text in spaced_phrases(),
        ) {
            every_engine_finds_what_the_reference_finds(&cues, &text)?;
        }

        /// Every engine finds exactly what the crate's own search loop finds.
        #[test]
        fn same_matches_as_the_reference(cues in small_lexicon(), text in fragments()) {
            every_engine_finds_what_the_reference_finds(&cues, &text)?;
        }
    }

    #[test]
    fn default_lexicon_searches_the_compact_table() {
        let matcher = CueMatcher::new(&Lexicon::english()).unwrap();
        let Engine::Table(table) = &matcher.engine else {
            panic!("the default lexicon should get the compact table");
        };
        // Every byte outside the cues shares a class with the others, so a
        // row holds about 30 classes (the crate's DFA had about 40).
        assert!(table.row_len <= 40, "row length {}", table.row_len);
        assert_eq!(
            table.classes[usize::from(b'A')],
            table.classes[usize::from(b'a')]
        );
        assert_eq!(
            table.classes[usize::from(b'\n')],
            table.classes[usize::from(b' ')]
        );
        assert_eq!(
            table.classes[usize::from(b'7')],
            table.classes[usize::from(b'!')]
        );
    }

    #[test]
    fn every_built_in_lexicon_finds_with_the_table_what_the_nfa_finds() {
        // The built-in lexicons, alone and together (the `weasel` pack
        // brings the byte classes past 32), over our own texts as written,
        // in capitals, with curly apostrophes, and over every character
        // below U+0800.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for file in [
            "README.md",
            "docs/LEXICON.md",
            "docs/VALIDATION.md",
            "tests/fixtures/sample-article.txt",
        ] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            texts.push(text.to_uppercase());
            texts.push(text.replace('\'', "\u{2019}"));
            texts.push(text);
        }
        texts.push((1u32..0x800).filter_map(char::from_u32).collect());
        let mut lexicons = vec![Lexicon::english()];
        let mut all = Lexicon::english();
        for pack in Lexicon::builtin_packs() {
            let lexicon = Lexicon::builtin(pack).unwrap();
            all.extend(lexicon.clone());
            lexicons.push(lexicon);
        }
        lexicons.push(all);
        for lexicon in &lexicons {
            let table = CueMatcher::build(lexicon, EngineChoice::BySize).unwrap();
            assert!(matches!(table.engine, Engine::Table(_)));
            let nfa = CueMatcher::build(lexicon, EngineChoice::ContiguousNfa).unwrap();
            for text in &texts {
                assert_eq!(table.find(text), nfa.find(text));
            }
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
