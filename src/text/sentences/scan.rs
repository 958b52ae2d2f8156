//! The one forward pass that finds sentence boundaries.

use std::ops::Range;

use super::SentenceSplitter;
use super::chars::*;
use super::markers::*;
use super::{Class, MAX_ABBREVIATION, MAX_DOMAIN_ENDING, MAX_WORD, SHORT_LINE, shape};

/// The punctuation run at a candidate boundary.
#[derive(Debug, Default)]
pub(super) struct Cluster {
    /// End of the run and of any closing quotes and brackets after it.
    end: usize,
    /// Periods, counting "…" as three.
    dots: usize,
    /// A "?" or "!" is in the run.
    question: bool,
    /// An unambiguous sentence end ("。") is in the run.
    strong: bool,
    /// The periods are spaced (". . .").
    spaced: bool,
}

/// The verdict at a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    No,
    After,
    /// "compounds. . . . The": the sentence ends at its own period and the
    /// ellipsis opens the next one.
    AfterFirstDot,
}

pub(super) fn cut_if(yes: bool) -> Cut {
    if yes { Cut::After } else { Cut::No }
}

/// The state of one pass over a text.
pub(super) struct Scan<'a> {
    splitter: &'a SentenceSplitter,
    text: &'a str,
    bytes: &'a [u8],
    out: &'a mut Vec<Range<usize>>,
    /// Start of the open sentence.
    start: Option<usize>,
    /// Where the open sentence's words begin, after a leading bullet.
    content: usize,
    /// The list marker the open sentence begins with.
    marker: Option<Marker>,
    /// Start of the current word.
    word: usize,
    /// End of the last non-white-space character.
    end: usize,
    /// Start of the current line.
    line: usize,
    /// The URL test of the current token holds up to here.
    url_until: usize,
    url: bool,
}

impl<'a> Scan<'a> {
    pub(super) fn new(
        splitter: &'a SentenceSplitter,
        text: &'a str,
        out: &'a mut Vec<Range<usize>>,
    ) -> Self {
        Scan {
            splitter,
            text,
            bytes: text.as_bytes(),
            out,
            start: None,
            content: 0,
            marker: None,
            word: 0,
            end: 0,
            line: 0,
            url_until: 0,
            url: false,
        }
    }

    pub(super) fn run(self) {
        self.run_with(true);
    }

    /// Scans the text; `skip` allows the fast skipping of ordinary text
    /// (always on except in the test that checks it against the per-byte
    /// scan).
    pub(super) fn run_with(mut self, skip: bool) {
        let len = self.bytes.len();
        let mut i = 0;
        while i < len {
            // Inside a sentence that is not a list item, spaces and ordinary
            // ASCII need no decision: jump to the next byte that may need
            // one and catch up on `word` and `end` there. Outside a
            // sentence, and while a list marker is open (every word start
            // may be the next item), go byte by byte.
            if skip && self.start.is_some() && self.marker.is_none() {
                let next = next_stop(self.bytes, i);
                self.skipped(i, next);
                if next == len {
                    break;
                }
                if next > i && self.bytes[next - 1] == b' ' && is_bullet(self.char_at(next).0) {
                    // A bullet after spaces starts a list item: the
                    // per-byte scan ends the sentence in `whitespace`
                    // (`item_starts`), at the spaces skipped here.
                    self.emit();
                }
                i = next;
            }
            i = self.step(i);
        }
        self.emit();
    }

    /// Catches up on the stretch `from..to` that the scan skipped, which
    /// holds only spaces and ordinary ASCII (any other white space stops
    /// the skip and goes through `whitespace`): the current word starts
    /// after its last space, and the sentence so far ends after its last
    /// other byte, as the per-byte scan would have recorded them. Both
    /// searches run backwards, so they cost about one word.
    pub(super) fn skipped(&mut self, from: usize, to: usize) {
        let stretch = &self.bytes[from..to];
        if let Some(k) = stretch.iter().rposition(|&b| b != b' ') {
            self.end = from + k + 1;
        }
        if let Some(k) = stretch.iter().rposition(|&b| b == b' ') {
            self.word = from + k + 1;
        }
    }

    /// The per-byte scan: handles the character at `i`; returns where
    /// scanning goes on.
    pub(super) fn step(&mut self, i: usize) -> usize {
        let b = self.bytes[i];
        if b < 0x80 {
            match b {
                b' ' | b'\t'..=b'\r' => self.whitespace(i),
                b'.' | b'?' | b'!' => {
                    self.open(i);
                    self.terminator(i)
                }
                _ => {
                    self.open(i);
                    // Ordinary ASCII needs no decision.
                    let rest = &self.bytes[i + 1..];
                    let end = i
                        + 1
                        + rest
                            .iter()
                            .position(|&b| !is_plain(b))
                            .unwrap_or(rest.len());
                    self.end = end;
                    end
                }
            }
        } else {
            let (c, n) = self.char_at(i);
            if c.is_whitespace() {
                self.whitespace(i)
            } else {
                self.open(i);
                if is_terminal(c) {
                    self.terminator(i)
                } else {
                    self.end = i + n;
                    i + n
                }
            }
        }
    }

    /// The character at `i` (always a char boundary) and its length.
    pub(super) fn char_at(&self, i: usize) -> (char, usize) {
        match self.bytes.get(i) {
            Some(&b) if b < 0x80 => (char::from(b), 1),
            _ => match self.text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => (char::REPLACEMENT_CHARACTER, 1),
            },
        }
    }

    /// The character at `i`, or a space past the end.
    pub(super) fn peek(&self, i: usize) -> char {
        if i < self.bytes.len() {
            self.char_at(i).0
        } else {
            ' '
        }
    }

    /// Opens a sentence at `i` unless one is open.
    pub(super) fn open(&mut self, i: usize) {
        if self.start.is_some() {
            return;
        }
        self.start = Some(i);
        self.word = i;
        self.content = self.after_bullet(i);
        self.marker = parse_marker(self.bytes, self.content);
    }

    /// Closes the open sentence at the last non-white-space character.
    pub(super) fn emit(&mut self) {
        if let Some(start) = self.start.take()
            && self.end > start
        {
            self.out.push(start..self.end);
        }
    }

    /// Where the words begin after a bullet at `i` ("• 9. The", "- item").
    pub(super) fn after_bullet(&self, i: usize) -> usize {
        let (c, n) = self.char_at(i);
        let dash = matches!(c, '-' | '*') && matches!(self.bytes.get(i + 1), Some(b' ' | b'\t'));
        if !(dash || is_bullet(c)) {
            return i;
        }
        let mut k = i + n;
        while matches!(self.bytes.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        k
    }

    /// Skips white space from `k`; returns where it ends and how many line
    /// breaks it holds (a paragraph or page separator counts two).
    pub(super) fn skip_space(&self, mut k: usize) -> (usize, u32) {
        let mut breaks = 0;
        while let Some(&b) = self.bytes.get(k) {
            match b {
                b'\n' | 0x0b => breaks += 1,
                b'\r' => {
                    breaks += 1;
                    if self.bytes.get(k + 1) == Some(&b'\n') {
                        k += 1;
                    }
                }
                0x0c => breaks += 2,
                b' ' | b'\t' => {}
                0..0x80 => break,
                _ => {
                    let (c, n) = self.char_at(k);
                    if !c.is_whitespace() {
                        break;
                    }
                    breaks += match c {
                        '\u{2029}' => 2,
                        '\u{85}' | '\u{2028}' => 1,
                        _ => 0,
                    };
                    k += n;
                    continue;
                }
            }
            k += 1;
        }
        (k, breaks)
    }

    /// Handles the white space at `i`; returns where it ends.
    pub(super) fn whitespace(&mut self, i: usize) -> usize {
        let (j, breaks) = self.skip_space(i);
        if self.start.is_some()
            && j < self.bytes.len()
            && (breaks >= 2 || self.item_starts(j, breaks) || (breaks == 1 && self.short_lines(j)))
        {
            self.emit();
        }
        // A line is measured from its first word: after a line break, and
        // at the start of the text (a piece of an input may begin with a
        // space), so that the cut of an input does not change its lines.
        if breaks > 0 || i == self.line {
            self.line = j;
        }
        self.word = j;
        j
    }

    /// Whether a list item starts at `j`, after white space with `breaks`
    /// line breaks.
    pub(super) fn item_starts(&self, j: usize, breaks: u32) -> bool {
        let c = self.peek(j);
        if is_bullet(c) {
            return true;
        }
        if breaks > 0 && self.after_bullet(j) > j {
            return true;
        }
        if breaks == 0 && self.marker.is_none() {
            return false;
        }
        match parse_marker(self.bytes, j) {
            Some(m) => breaks > 0 || self.marker.is_some_and(|prev| m.follows(prev)),
            None => false,
        }
    }

    /// Whether the line just ended and the one starting at `j` are both
    /// short and unpunctuated: items of a list, not one wrapped sentence.
    pub(super) fn short_lines(&self, j: usize) -> bool {
        let length = self.end.saturating_sub(self.line);
        if length == 0 || length > SHORT_LINE {
            return false;
        }
        let last = self
            .text
            .get(..self.end)
            .and_then(|s| s.chars().next_back());
        if last.is_none_or(continues) {
            return false;
        }
        let limit = (j + SHORT_LINE + 1).min(self.bytes.len());
        let stop = self.bytes[j..limit]
            .iter()
            .position(|b| matches!(b, b'\n' | b'\r'));
        let e = match stop {
            Some(p) => j + p,
            None if limit == self.bytes.len() => limit,
            None => return false,
        };
        let next = self.text.get(j..e).unwrap_or("").trim_end();
        let next = next.trim_end_matches(is_closer);
        next.chars().next_back().is_some_and(|c| !continues(c))
    }

    /// Handles the punctuation at `i`; returns where scanning goes on.
    pub(super) fn terminator(&mut self, i: usize) -> usize {
        let cluster = self.cluster(i);
        self.end = cluster.end;
        match self.decide(i, &cluster) {
            Cut::No => {}
            Cut::After => self.emit(),
            Cut::AfterFirstDot => {
                self.end = i + 1;
                self.emit();
                return i + 1;
            }
        }
        cluster.end
    }

    /// Reads the punctuation run at `i` and the closers after it.
    pub(super) fn cluster(&self, i: usize) -> Cluster {
        let mut cluster = Cluster::default();
        let len = self.bytes.len();
        let mut k = i;
        while k < len {
            let (c, n) = self.char_at(k);
            match c {
                '.' => cluster.dots += 1,
                '…' => cluster.dots += 3,
                c if is_question(c) => cluster.question = true,
                c if is_strong(c) => cluster.strong = true,
                ' ' if cluster.dots > 0
                    && self.bytes.get(k + 1) == Some(&b'.')
                    && !self.peek(k + 2).is_alphanumeric() =>
                {
                    cluster.spaced = true;
                }
                _ => break,
            }
            k += n;
        }
        while k < len {
            let (c, n) = self.char_at(k);
            if !is_closer(c) {
                break;
            }
            k += n;
        }
        cluster.end = k;
        cluster
    }

    /// Whether the punctuation at `i` ends the open sentence.
    pub(super) fn decide(&mut self, i: usize, cluster: &Cluster) -> Cut {
        let len = self.bytes.len();
        if cluster.strong || cluster.end >= len {
            return Cut::After;
        }
        if !self.peek(cluster.end).is_whitespace() {
            return self.decide_joined(i, cluster);
        }
        let (j, breaks) = self.skip_space(cluster.end);
        if j >= len || breaks >= 2 {
            return Cut::After;
        }
        if i > 0 && matches!(self.bytes[i - 1], b'[' | b'(') {
            // "[...]" marks an omission, not an end.
            return Cut::No;
        }
        let m = self.skip_openers(j);
        let c = self.peek(m);
        if cluster.question {
            return cut_if(!c.is_lowercase());
        }
        if cluster.dots >= 3 {
            return self.decide_ellipsis(i, cluster, c);
        }
        if self.marker.is_some() && self.word <= self.content {
            // The period of the list marker "1." itself.
            return Cut::No;
        }
        let Some(word) = self.word_before(i) else {
            return cut_if(!c.is_lowercase());
        };
        let class = match self.splitter.classify(word) {
            Class::Number if c.is_ascii_digit() => return Cut::No,
            Class::Number => shape(word),
            class => class,
        };
        match class {
            Class::Prepositive => cut_if(!c.is_alphanumeric()),
            Class::Ambiguous if c.is_lowercase() || c.is_ascii_digit() => Cut::No,
            Class::Ambiguous if c.is_uppercase() => cut_if(self.starter_at(m)),
            _ => cut_if(!c.is_lowercase()),
        }
    }

    /// An ellipsis followed by white space and `c`.
    pub(super) fn decide_ellipsis(&self, i: usize, cluster: &Cluster, c: char) -> Cut {
        if c.is_lowercase() {
            Cut::No
        } else if cluster.dots >= 4 && cluster.spaced && self.bytes[i] == b'.' && self.attached(i) {
            Cut::AfterFirstDot
        } else {
            // A spaced three-dot ellipsis marks an omission inside a sentence.
            cut_if(cluster.dots >= 4 || !cluster.spaced)
        }
    }

    /// Punctuation with no white space after it: "world.Today", "3.14",
    /// "U.S.A", "www.example.com".
    pub(super) fn decide_joined(&mut self, i: usize, cluster: &Cluster) -> Cut {
        if cluster.dots >= 3 {
            return Cut::No;
        }
        let (c, n) = self.char_at(cluster.end);
        // A capitalised word, not a version or variant letter ("Zafi.D",
        // "ASP.NET").
        let capitalised = c.is_uppercase() && self.peek(cluster.end + n).is_lowercase();
        if !capitalised || self.in_url(i) || self.domain_ending_at(cluster.end) {
            return Cut::No;
        }
        if cluster.question {
            return Cut::After;
        }
        match self.word_before(i) {
            None => Cut::After,
            Some(word) => cut_if(
                self.splitter.classify(word) == Class::Ordinary
                    && word.chars().any(|c| c.is_lowercase() || c.is_numeric()),
            ),
        }
    }

    /// Whether the word at `k` is a domain ending such as "Com".
    pub(super) fn domain_ending_at(&self, k: usize) -> bool {
        let rest = &self.bytes[k..];
        let letters = rest
            .iter()
            .take(MAX_DOMAIN_ENDING)
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let word = &rest[..letters];
        !self.peek(k + letters).is_alphanumeric()
            && self
                .splitter
                .domain_endings
                .iter()
                .any(|d| d.eq_ignore_ascii_case(word))
    }

    /// The word before `i` without its opening quotes and brackets, or
    /// `None` when it is too long to be anything but an ordinary word.
    pub(super) fn word_before(&self, i: usize) -> Option<&'a str> {
        if i.saturating_sub(self.word) > MAX_WORD {
            return None;
        }
        let word = self.text.get(self.word..i)?;
        Some(word.trim_start_matches(|c| is_opener(c) || is_bullet(c)))
    }

    /// Whether the character before `i` is part of a word.
    pub(super) fn attached(&self, i: usize) -> bool {
        let before = self.text.get(..i).and_then(|s| s.chars().next_back());
        before.is_some_and(|c| !c.is_whitespace())
    }

    pub(super) fn skip_openers(&self, mut k: usize) -> usize {
        while k < self.bytes.len() {
            let (c, n) = self.char_at(k);
            if !is_opener(c) {
                break;
            }
            k += n;
        }
        k
    }

    /// Whether the word at `m` is one that usually opens a sentence.
    pub(super) fn starter_at(&self, m: usize) -> bool {
        let letters = self.bytes[m..]
            .iter()
            .take(MAX_ABBREVIATION + 1)
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if letters == 0 || letters > MAX_ABBREVIATION || self.peek(m + letters).is_alphabetic() {
            return false;
        }
        let mut key = [0u8; MAX_ABBREVIATION];
        for (k, b) in key.iter_mut().zip(&self.bytes[m..m + letters]) {
            *k = b.to_ascii_lowercase();
        }
        let key = &key[..letters];
        self.splitter
            .starters
            .binary_search_by(|s| (**s).cmp(key))
            .is_ok()
    }

    /// Whether the token holding `i` is a URL or an e-mail address; worked
    /// out once per token.
    pub(super) fn in_url(&mut self, i: usize) -> bool {
        if i >= self.url_until {
            let rest = &self.bytes[i..];
            let stop = rest
                .iter()
                .position(|b| matches!(b, b' ' | b'\t'..=b'\r'))
                .map_or(self.bytes.len(), |p| i + p);
            let token = self.text.get(self.word..stop).unwrap_or("");
            let bare = token.trim_start_matches(is_opener);
            self.url = token.contains('@')
                || token.contains("://")
                || bare
                    .get(..4)
                    .is_some_and(|s| s.eq_ignore_ascii_case("www."));
            self.url_until = stop;
        }
        self.url
    }
}
