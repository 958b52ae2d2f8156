//! Articles and the per-article report that rolls sentence scores up.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::lexicon::Category;
use crate::scoring::{Effect, ScoredText, Scorer, Sentence};
use crate::text::whitespace::fold_whitespace;
pub use crate::text::word_count::count_words;

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
    /// Cues that counted, by category, in category order (each category
    /// with any): an entry of several categories counts in each.
    pub by_category: Vec<(Category, CategoryTally)>,
    /// The words of the cues that counted, each cue once (a phrase of two
    /// words two): the words the lexicon covers.
    pub cue_words: usize,
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
        self.tally(category).cues
    }

    /// The words of a category's cues as a percentage of the article's
    /// words, as LIWC reports a category; 0 for an article with no words.
    pub fn category_percent(&self, category: Category) -> f64 {
        ratio(100.0 * self.tally(category).words as f64, self.words as f64)
    }

    /// The words of the cues that counted as a percentage of the article's
    /// words: how much of the text the lexicon covers (LIWC's "dictionary
    /// words").
    pub fn cue_word_percent(&self) -> f64 {
        ratio(100.0 * self.cue_words as f64, self.words as f64)
    }

    /// Words per sentence; 0 for an article with no sentences.
    pub fn words_per_sentence(&self) -> f64 {
        ratio(self.words as f64, self.sentences as f64)
    }

    fn tally(&self, category: Category) -> CategoryTally {
        self.by_category
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(CategoryTally::default(), |(_, t)| *t)
    }
}

/// What counted in one category of an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CategoryTally {
    /// Cues that counted.
    pub cues: usize,
    /// Their words (a phrase of two words two).
    pub words: usize,
}

impl CategoryTally {
    fn add(&mut self, other: CategoryTally) {
        self.cues += other.cues;
        self.words += other.words;
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
    /// By category number ([`Category::index`]): the built-in ones in
    /// place, without an allocation per article, ...
    builtin: [CategoryTally; Category::ALL.len()],
    /// ... and the others after them, numbered from the first of them.
    own: Vec<CategoryTally>,
    cue_words: usize,
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
                Effect::Neutral => {}
            }
            let words = scorer.cue_words(cue.cue);
            self.cue_words += words;
            for &category in scorer.lexicon().cue(cue.cue).categories() {
                self.tally(category).add(CategoryTally { cues: 1, words });
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

    /// The tally of a category, made when first needed.
    fn tally(&mut self, category: Category) -> &mut CategoryTally {
        let Some(own) = category.index().checked_sub(self.builtin.len()) else {
            return &mut self.builtin[category.index()];
        };
        if own >= self.own.len() {
            self.own.resize(own + 1, CategoryTally::default());
        }
        &mut self.own[own]
    }

    /// Every tally with its category number, in order.
    fn tallies(&self) -> impl Iterator<Item = (usize, CategoryTally)> + '_ {
        self.builtin.iter().chain(&self.own).copied().enumerate()
    }

    /// Adds the pieces another builder saw, which come after this one's.
    pub fn merge(&mut self, other: ReportBuilder) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.uncertain_sentences += other.uncertain_sentences;
        self.hedges += other.hedges;
        self.boosters += other.boosters;
        self.certainty_sum += other.certainty_sum;
        self.cue_words += other.cue_words;
        for (index, tally) in other.tallies() {
            self.tally(Category::from_index(index)).add(tally);
        }
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
        for (cue, n) in other.cue_counts {
            *self.cue_counts.entry(cue).or_default() += n;
        }
    }

    /// The report.
    pub fn finish(self, id: &str, date: Option<&str>) -> ArticleReport {
        let by_category = (self.tallies())
            .filter(|(_, tally)| tally.cues > 0)
            .map(|(index, tally)| (Category::from_index(index), tally))
            .collect();
        // Keys are already folded and lower-cased (see `add`).
        let mut top_cues: Vec<(String, usize)> = self.cue_counts.into_iter().collect();
        top_cues.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top_cues.truncate(TOP_CUES);
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
            by_category,
            cue_words: self.cue_words,
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A scorer of the made-up dictionary `entries` (`.dic` lines after
    /// the table of `tentat` 1, `certitude` 2 and `cogproc` 3), with tentat
    /// a hedge.
    fn dictionary_scorer(entries: &str) -> Scorer {
        let mut lexicon = crate::Lexicon::new();
        let dic = format!("%\n1\ttentat\n2\tcertitude\n3\tcogproc\n%\n{entries}");
        lexicon.add_text("mine.dic", &dic).unwrap();
        lexicon.declare("tentat=hedge".parse().unwrap());
        Scorer::new(lexicon, crate::ScoreParams::default()).unwrap()
    }

    #[test]
    fn liwc_measures_table() {
        let entries = "perhaps\t1\t3\nkind of\t1\nsure*\t2\n";
        // (text, words, words per sentence, tentat %, certitude %,
        // cogproc %, words covered %)
        let table: &[(&str, usize, f64, f64, f64, f64, f64)] = &[
            ("", 0, 0.0, 0.0, 0.0, 0.0, 0.0),
            ("It rains.", 2, 2.0, 0.0, 0.0, 0.0, 0.0),
            (
                "Perhaps. It rains.",
                3,
                1.5,
                100.0 / 3.0,
                0.0,
                100.0 / 3.0,
                100.0 / 3.0,
            ),
            // A phrase counts its words, across a line break too.
            ("It is kind\nof wet.", 5, 5.0, 40.0, 0.0, 0.0, 40.0),
            // A wildcard counts the one word it matches.
            (
                "Surely, surely not.",
                3,
                3.0,
                0.0,
                200.0 / 3.0,
                0.0,
                200.0 / 3.0,
            ),
            ("Perhaps kind of sure.", 4, 4.0, 75.0, 25.0, 25.0, 100.0),
        ];
        let scorer = dictionary_scorer(entries);
        let tentat = Category::named("tentat").unwrap();
        let certitude = Category::named("certitude").unwrap();
        let cogproc = Category::named("cogproc").unwrap();
        for &(text, words, per_sentence, t, c, g, covered) in table {
            let article = Article::new("a", text);
            let mut scored = ScoredText::default();
            scorer.score_text(article.body(), &mut scored);
            let report = ArticleReport::new(&scorer, &article, &scored);
            assert_eq!(report.words, words, "{text:?}");
            let got = [
                report.words_per_sentence(),
                report.category_percent(tentat),
                report.category_percent(certitude),
                report.category_percent(cogproc),
                report.cue_word_percent(),
            ];
            let expected = [per_sentence, t, c, g, covered];
            for (got, expected) in got.iter().zip(expected) {
                assert!(
                    (got - expected).abs() < 1e-9,
                    "{text:?}: {got:?} {expected:?}"
                );
            }
        }
    }

    #[test]
    fn an_entry_of_several_categories_counts_in_each_and_merges_by_category() {
        let scorer = dictionary_scorer("perhaps\t1\t3\nsure\t2\n");
        let (first, second) = ("Perhaps it is sure.", " Perhaps not.");
        let mut builder = ReportBuilder::default();
        let mut other = ReportBuilder::default();
        let mut scored = ScoredText::default();
        scorer.score_text(first, &mut scored);
        builder.add(&scorer, first, &scored);
        scorer.score_text(second, &mut scored);
        other.add(&scorer, second, &scored);
        builder.merge(other);
        let report = builder.finish("a", None);
        // Sorted by name: category numbers depend on the order tests first
        // name them.
        let mut counts: Vec<(&str, usize, usize)> = report
            .by_category
            .iter()
            .map(|(c, t)| (c.as_str(), t.cues, t.words))
            .collect();
        counts.sort();
        assert_eq!(
            counts,
            [("certitude", 1, 1), ("cogproc", 2, 2), ("tentat", 2, 2)]
        );
        assert_eq!(
            (report.hedges, report.boosters, report.cue_words),
            (2, 0, 3)
        );
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
