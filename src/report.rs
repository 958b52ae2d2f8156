//! Articles and the per-article report that rolls sentence scores up.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::lexicon::Category;
use crate::scoring::{Effect, ScoredText, Scorer, Sentence};
use crate::text::whitespace::fold_whitespace;

/// An article: its identifier, the date it declares (if any) and its text.
///
/// Articles of the reference news collection begin with a line
/// `date YYYY-MM-DD`; that is read as the article's date, not as text.
///
/// ```
/// let article = hedgescore::Article::new("a.txt", " date 2022-06-06 Belarus has been massing forces.");
/// assert_eq!(article.date(), Some("2022-06-06"));
/// assert_eq!(article.body(), "Belarus has been massing forces.");
/// ```
#[derive(Debug, Clone)]
pub struct Article<'a> {
    id: &'a str,
    text: &'a str,
    date: Option<Range<usize>>,
    body_start: usize,
}

impl<'a> Article<'a> {
    /// Reads the date header, if there is one.
    pub fn new(id: &'a str, text: &'a str) -> Article<'a> {
        let lead = text.len()
            - text
                .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
                .len();
        let rest = &text[lead..];
        let mut article = Article {
            id,
            text,
            date: None,
            body_start: lead,
        };
        if let Some(after) = rest.strip_prefix("date ")
            && let Some(date) = after.get(..10)
            && is_iso_date(date)
            && after[10..].chars().next().is_none_or(char::is_whitespace)
        {
            let date_start = lead + 5;
            article.date = Some(date_start..date_start + 10);
            let body = &text[date_start + 10..];
            article.body_start = text.len() - body.trim_start().len();
        }
        article
    }

    /// The identifier (a path, or a row number for table input).
    pub fn id(&self) -> &'a str {
        self.id
    }

    /// The date header's date, as written.
    pub fn date(&self) -> Option<&'a str> {
        self.date.clone().map(|r| &self.text[r])
    }

    /// The text after the date header.
    pub fn body(&self) -> &'a str {
        &self.text[self.body_start..]
    }

    /// Where the body starts in the whole text, in bytes.
    pub fn body_offset(&self) -> usize {
        self.body_start
    }
}

/// True for a date as the header writes it: `YYYY-MM-DD`, digits and
/// dashes (the calendar is not checked).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// How many cues a report lists as the most frequent.
pub const TOP_CUES: usize = 5;

/// How many equal bins from 0 to 1 a report counts sentence certainties in
/// ([`ArticleReport::certainty_bins`]), for histograms of a corpus.
pub const CERTAINTY_BINS: usize = 20;

/// The bin of a certainty: `[0, 0.05)` is bin 0, `[0.95, 1]` the last.
pub fn certainty_bin(certainty: f64) -> usize {
    ((certainty * CERTAINTY_BINS as f64) as usize).min(CERTAINTY_BINS - 1)
}

/// The per-article roll-up of sentence scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleReport {
    /// The article's identifier.
    pub id: String,
    /// The article's date header, if any.
    pub date: Option<String>,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of words (white-space separated tokens with a letter or digit).
    pub words: usize,
    /// Sentences labelled uncertain.
    pub uncertain_sentences: usize,
    /// Number of cues that lowered certainty.
    pub hedges: usize,
    /// Number of cues that raised certainty.
    pub boosters: usize,
    /// Mean sentence certainty; `None` for an article with no sentences.
    pub certainty: Option<f64>,
    /// Lowest sentence certainty; `None` for an article with no sentences.
    pub min_certainty: Option<f64>,
    /// Cues that counted, by lexicon category, in [`Category::ALL`] order.
    pub by_category: Vec<(Category, usize)>,
    /// The most frequent cues (lower case) with their counts, most frequent first.
    pub top_cues: Vec<(String, usize)>,
    /// The least certain sentence's text, white space folded.
    pub least_certain: Option<String>,
    /// Sentences by certainty, in [`CERTAINTY_BINS`] bins ([`certainty_bin`]).
    pub certainty_bins: [u32; CERTAINTY_BINS],
}

impl ArticleReport {
    /// Builds the report of an article from its scored body.
    pub fn new(scorer: &Scorer, article: &Article, scored: &ScoredText) -> ArticleReport {
        let mut builder = ReportBuilder::default();
        builder.add(scorer, article.body(), scored);
        builder.finish(article.id(), article.date())
    }

    /// Share of sentences labelled uncertain; 0 for an empty article.
    pub fn uncertain_share(&self) -> f64 {
        ratio(self.uncertain_sentences as f64, self.sentences as f64)
    }

    /// Hedges per 1,000 words.
    pub fn hedges_per_1000_words(&self) -> f64 {
        ratio(1000.0 * self.hedges as f64, self.words as f64)
    }

    /// Boosters per 1,000 words.
    pub fn boosters_per_1000_words(&self) -> f64 {
        ratio(1000.0 * self.boosters as f64, self.words as f64)
    }

    /// The number of cues of a category that counted.
    pub fn category_count(&self, category: Category) -> usize {
        self.by_category
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(0, |(_, n)| *n)
    }
}

/// Accumulates an article report from scored pieces of its text, so that
/// an article of any size is reported without holding it whole. Pieces are
/// added, or builders merged, in text order.
#[derive(Debug, Clone, Default)]
pub struct ReportBuilder {
    sentences: usize,
    words: usize,
    uncertain_sentences: usize,
    hedges: usize,
    boosters: usize,
    certainty_sum: f64,
    certainty_bins: [u32; CERTAINTY_BINS],
    least_certain: Option<(f64, String)>,
    by_category: Vec<(Category, usize)>,
    cue_counts: HashMap<String, usize, BuildHasherDefault<CueHasher>>,
}

/// FNV-1a, for the cue-count map: its keys are a few short cue words,
/// hashed once per cue found, where the standard SipHash (built to resist
/// chosen keys, which cannot hurt a per-article count) cost several times
/// as much.
#[derive(Debug, Clone, Copy)]
struct CueHasher(u64);

impl Default for CueHasher {
    fn default() -> CueHasher {
        CueHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for CueHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl ReportBuilder {
    /// Adds the sentences of `scored`, the scores of `text`.
    pub fn add(&mut self, scorer: &Scorer, text: &str, scored: &ScoredText) {
        self.words += count_words(text);
        for cue in &scored.cues {
            match cue.effect {
                Effect::Hedge => self.hedges += 1,
                Effect::Boost => self.boosters += 1,
            }
            let category = scorer.lexicon().cue(cue.cue).category;
            match self.by_category.iter_mut().find(|(c, _)| *c == category) {
                Some((_, n)) => *n += 1,
                None => self.by_category.push((category, 1)),
            }
            // Counted under the folded, lower-cased text; the lookup by the
            // text as matched saves that work when it is already in that form.
            let matched = &text[cue.span.clone()];
            match self.cue_counts.get_mut(matched) {
                Some(n) => *n += 1,
                None => {
                    if self.cue_counts.is_empty() {
                        // Room for an article's usual few distinct cues at
                        // once, rather than growing the map three times.
                        self.cue_counts.reserve(16);
                    }
                    *self.cue_counts.entry(cue_key(matched)).or_default() += 1;
                }
            }
        }
        let mut least = None;
        for sentence in &scored.sentences {
            self.sentences += 1;
            self.uncertain_sentences += sentence.uncertain as usize;
            self.certainty_sum += sentence.certainty;
            self.certainty_bins[certainty_bin(sentence.certainty)] += 1;
            if least.is_none_or(|l: &Sentence| sentence.certainty < l.certainty) {
                least = Some(sentence);
            }
        }
        // Folded once per piece, not at every new minimum along the way.
        if let Some(least) = least
            && self
                .least_certain
                .as_ref()
                .is_none_or(|(c, _)| least.certainty < *c)
        {
            let text = fold_whitespace(&text[least.span.clone()]);
            self.least_certain = Some((least.certainty, text));
        }
    }

    /// Adds the pieces another builder saw, which come after this one's.
    pub fn merge(&mut self, other: ReportBuilder) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.uncertain_sentences += other.uncertain_sentences;
        self.hedges += other.hedges;
        self.boosters += other.boosters;
        self.certainty_sum += other.certainty_sum;
        for (mine, n) in self.certainty_bins.iter_mut().zip(other.certainty_bins) {
            *mine += n;
        }
        if let Some((c, text)) = other.least_certain
            && self
                .least_certain
                .as_ref()
                .is_none_or(|(mine, _)| c < *mine)
        {
            self.least_certain = Some((c, text));
        }
        for (category, n) in other.by_category {
            match self.by_category.iter_mut().find(|(c, _)| *c == category) {
                Some((_, mine)) => *mine += n,
                None => self.by_category.push((category, n)),
            }
        }
        for (cue, n) in other.cue_counts {
            *self.cue_counts.entry(cue).or_default() += n;
        }
    }

    /// The report.
    pub fn finish(mut self, id: &str, date: Option<&str>) -> ArticleReport {
        // Keys are already folded and lower-cased (see `add`).
        let mut top_cues: Vec<(String, usize)> = self.cue_counts.into_iter().collect();
        top_cues.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top_cues.truncate(TOP_CUES);
        self.by_category.sort();
        let n = self.sentences;
        ArticleReport {
            id: id.to_string(),
            date: date.map(str::to_string),
            sentences: n,
            words: self.words,
            uncertain_sentences: self.uncertain_sentences,
            hedges: self.hedges,
            boosters: self.boosters,
            certainty: (n > 0).then(|| self.certainty_sum / n as f64),
            min_certainty: self.least_certain.as_ref().map(|(c, _)| *c),
            by_category: self.by_category,
            top_cues,
            least_certain: self.least_certain.map(|(_, text)| text),
            certainty_bins: self.certainty_bins,
        }
    }
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator
    } else {
        0.0
    }
}

/// The key a matched cue is counted under: its text with white space
/// folded, in lower case. Most cues are plain ASCII words and phrases,
/// which need only the lower-casing.
fn cue_key(matched: &str) -> String {
    // Byte tests only: a substring search (`contains("  ")`) cost as much
    // as the rest of the key where the compiler did not inline it.
    let bytes = matched.as_bytes();
    let plain = bytes.iter().all(|&b| b.is_ascii_graphic() || b == b' ')
        && !bytes.windows(2).any(|pair| pair == b"  ")
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ');
    if plain {
        matched.to_ascii_lowercase()
    } else {
        fold_whitespace(matched).to_lowercase()
    }
}

/// Counts white-space separated tokens that hold a letter or a digit.
/// It runs over every byte of every article, so it works on 64 bytes at a
/// time: bit masks of the spaces and of the letters, and one addition that
/// carries each space's mark across the punctuation after it to the first
/// letter or space that follows; a letter so marked starts a counted word.
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    // True when the next letter starts a word not yet counted (as after a
    // space, and at the start of the text).
    let mut uncounted = true;
    let mut count_block = |spaces: u64, letters: u64, in_block: u64| {
        let punctuation = !(spaces | letters) & in_block;
        let marks = (spaces << 1) | u64::from(uncounted);
        let first_after_mark = punctuation.wrapping_add(marks) & !punctuation;
        words += (first_after_mark & letters).count_ones() as usize;
        let relevant = spaces | letters;
        if relevant != 0 {
            let last = 63 - relevant.leading_zeros();
            uncounted = (spaces >> last) & 1 == 1;
        }
    };
    let mut blocks = text.as_bytes().chunks_exact(64);
    for block in &mut blocks {
        let (spaces, letters) = class_masks(block.try_into().expect("64 bytes"));
        count_block(spaces, letters, u64::MAX);
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // Padding is punctuation: neither a space nor a letter.
        let mut block = [b'.'; 64];
        block[..rest.len()].copy_from_slice(rest);
        let (spaces, letters) = class_masks(&block);
        count_block(spaces, letters, u64::MAX >> (64 - rest.len()));
    }
    words
}

/// The white-space and letter masks of a block, bit `i` for byte `i`.
/// Written as comparisons into byte arrays, then packed eight bytes at a
/// time, so the compiler can use vector instructions; a table lookup per
/// byte could not be vectorised and cost twice as much.
#[inline(always)]
fn class_masks(block: &[u8; 64]) -> (u64, u64) {
    let mut spaces = [0u8; 64];
    let mut letters = [0u8; 64];
    for ((b, space), letter) in block.iter().zip(&mut spaces).zip(&mut letters) {
        *space = u8::from(is_space_byte(*b));
        *letter = u8::from(is_letter_byte(*b));
    }
    (pack_flags(&spaces), pack_flags(&letters))
}

/// ASCII white space as [`u8::is_ascii_whitespace`] has it: space, tab,
/// line feed, form feed, carriage return (not vertical tab).
#[inline(always)]
fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0C | b'\r')
}

/// An ASCII letter or digit, or the first byte of a character of a script
/// with letters. A non-ASCII character is judged by its first byte: those
/// that start U+0080–U+00BF (0xC2: no-break space, «, °), U+2000–U+2FFF
/// (0xE2: dashes, curly quotes, ellipsis, symbols) and the emoji planes
/// (0xF0) are not letters; the other scripts' lead bytes are. (Range tests
/// as one wrapping subtraction and compare each.)
#[inline(always)]
fn is_letter_byte(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
        || b.wrapping_sub(b'0') < 10
        || b.wrapping_sub(0xC3) <= 0xE1 - 0xC3
        || b.wrapping_sub(0xE3) <= 0xEF - 0xE3
        || b.wrapping_sub(0xF1) <= 0xF4 - 0xF1
}

/// Packs 64 flags of 0 or 1 into a mask, bit `i` for flag `i`: each eight
/// flags are one multiplication that gathers their low bits into the top
/// byte (flag `j` lands on bit 56 + j, and no two products overlap).
#[inline(always)]
fn pack_flags(flags: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        mask |= (word.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain byte-by-byte count, the reference for the block version.
    fn count_words_simply(text: &str) -> usize {
        text.split_ascii_whitespace()
            .filter(|w| w.bytes().any(is_letter_byte))
            .count()
    }

    #[test]
    fn block_word_count_matches_the_simple_count() {
        let pieces = [
            "a", " ", "—", "-", "x1", "\n", "..", "é", "🙂", "可能", "\t", "(", "ok)", "\u{b}",
            "\u{c}", "\r", "\u{a0}", "Z", "_", "9",
        ];
        let mut state = 12345u64;
        for _ in 0..3000 {
            let mut text = String::new();
            let len = (state % 150) as usize;
            for _ in 0..len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(count_words(&text), count_words_simply(&text), "{text:?}");
        }
    }

    #[test]
    fn cue_keys_are_folded_and_lower_case() {
        for (matched, key) in [
            ("May", "may"),
            ("It Is Possible", "it is possible"),
            ("it\nis  possible", "it is possible"),
            ("Don\u{2019}t Know", "don\u{2019}t know"),
            ("ÉVIDEMMENT", "évidemment"),
        ] {
            assert_eq!(cue_key(matched), key, "{matched:?}");
        }
    }

    #[test]
    fn word_count_table() {
        let table: &[(&str, usize)] = &[
            ("", 0),
            ("one", 1),
            ("  two words ", 2),
            ("a - b — c", 3),
            ("line\nbreak\ttab", 3),
            ("Минск 可能 🙂", 2),
            ("“Yes” – «non» café…", 3),
            ("15,000 troops.", 2),
            ("... !!", 0),
        ];
        for (text, words) in table {
            assert_eq!(count_words(text), *words, "{text:?}");
        }
    }

    #[test]
    fn date_header_table() {
        // (text, date, body)
        let table: &[(&str, Option<&str>, &str)] = &[
            ("date 2022-06-06 Text.", Some("2022-06-06"), "Text."),
            (" date 2022-06-06\n\nText.", Some("2022-06-06"), "Text."),
            ("\u{feff}date 2022-06-06 Text.", Some("2022-06-06"), "Text."),
            ("date 2022-06-06", Some("2022-06-06"), ""),
            ("date 2022-6-6 Text.", None, "date 2022-6-6 Text."),
            ("date 2022-06-061 Text.", None, "date 2022-06-061 Text."),
            (
                "The date 2022-06-06 was set.",
                None,
                "The date 2022-06-06 was set.",
            ),
            ("", None, ""),
        ];
        for (text, date, body) in table {
            let article = Article::new("x", text);
            assert_eq!(article.date(), *date, "{text:?}");
            assert_eq!(article.body(), *body, "{text:?}");
        }
    }

    #[test]
    fn report_rolls_up_sentences() {
        let scorer = Scorer::english();
        let text = "date 2020-01-02 The drug might possibly help. It works. It clearly works.";
        let article = Article::new("a", text);
        let mut scored = ScoredText::default();
        scorer.score_text(article.body(), &mut scored);
        let report = ArticleReport::new(&scorer, &article, &scored);
        assert_eq!(report.date.as_deref(), Some("2020-01-02"));
        assert_eq!(report.sentences, 3);
        assert_eq!(report.words, 10);
        assert_eq!(report.uncertain_sentences, 1);
        assert!((report.uncertain_share() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(report.hedges, 2);
        assert_eq!(report.boosters, 1);
        assert_eq!(report.hedges_per_1000_words(), 200.0);
        assert_eq!(
            report.least_certain.as_deref(),
            Some("The drug might possibly help.")
        );
        assert!(report.min_certainty.unwrap() < report.certainty.unwrap());
    }

    #[test]
    fn empty_article_has_no_certainty() {
        let scorer = Scorer::english();
        let article = Article::new("e", "   ");
        let mut scored = ScoredText::default();
        scorer.score_text(article.body(), &mut scored);
        let report = ArticleReport::new(&scorer, &article, &scored);
        assert_eq!(report.sentences, 0);
        assert_eq!(report.certainty, None);
        assert_eq!(report.uncertain_share(), 0.0);
    }
}
