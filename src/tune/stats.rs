//! Lexicon statistics for tuning: how each entry fares on labelled data,
//! and which frequent words of uncertain sentences no entry covers.
//!
//! Entries come out worst first (most certain sentences matched beyond the
//! uncertain ones), then the gaps, biggest first. Gaps are the cue words
//! annotators marked (from a `NAME.cues.tsv` file beside `NAME.tsv`, whose
//! rows are `sentence_id<TAB>cue_text<TAB>cue_type` with 1-based line
//! numbers) that no entry matched, and the words and phrases of missed
//! uncertain sentences that are much more frequent in uncertain sentences
//! than in others.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lexicon::{Category, Lexicon};
use crate::matching::is_word_char;
use crate::output::csv::{CsvLine, Dialect, push_record};
use crate::output::weight_text;
use crate::scoring::{ScoredText, Scorer};
use crate::text::sentences::SentenceSplitter;
use crate::tune::eval::{GoldSentence, looks_like_ratings, read_gold};

/// What a row of the statistics table is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatKind {
    /// A lexicon entry.
    Entry,
    /// A cue annotators marked that no entry matched.
    Annotated,
    /// A frequent phrase of missed uncertain sentences.
    Phrase,
}

impl StatKind {
    /// The name in the `kind` column: `entry`, `annotated` or `phrase`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatKind::Entry => "entry",
            StatKind::Annotated => "annotated",
            StatKind::Phrase => "phrase",
        }
    }
}

impl fmt::Display for StatKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the statistics table.
#[derive(Debug, Clone, PartialEq)]
pub struct StatRow {
    /// What the row is about.
    pub kind: StatKind,
    /// The cue or phrase.
    pub cue: String,
    /// The entry's category (`None` for gaps).
    pub category: Option<Category>,
    /// The entry's weight (`None` for gaps).
    pub weight: Option<f64>,
    /// Sentences it occurs in (for entries: where it counted; for neutral
    /// entries, which never count, where they matched).
    pub sentences: usize,
    /// Of those, labelled uncertain.
    pub uncertain: usize,
    /// Of those, labelled certain.
    pub certain: usize,
    /// For gaps: uncertain sentences it occurs in that the scorer missed.
    pub missed: usize,
    /// Where the entry was read (empty for gaps).
    pub source: String,
}

impl StatRow {
    /// Share of its sentences that are uncertain.
    pub fn precision(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.uncertain as f64 / self.sentences as f64
        }
    }
}

/// The columns of the statistics table.
pub const STAT_COLUMNS: [&str; 11] = [
    "kind",
    "cue",
    "category",
    "weight",
    "sentences",
    "uncertain",
    "certain",
    "precision",
    "missed",
    "source",
    "note",
];

/// How often a phrase must occur in missed sentences to be listed as a gap.
pub const MIN_GAP_COUNT: usize = 3;
/// The longest phrase, in words, considered as a gap.
pub const MAX_GAP_WORDS: usize = 3;

/// A gold file with its optional cue annotations.
struct GoldFile {
    sentences: Vec<GoldSentence>,
    /// Line → annotated cue texts.
    cues: HashMap<u64, Vec<String>>,
}

fn cue_file_for(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}.cues.tsv"))
}

fn read_cue_annotations(path: &Path) -> Result<HashMap<u64, Vec<String>>> {
    let mut cues: HashMap<u64, Vec<String>> = HashMap::new();
    let bytes = std::fs::read(path).map_err(|e| Error::io(Some(path), e))?;
    for (index, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(id), Some(cue)) = (fields.next(), fields.next()) else {
            continue;
        };
        match id.trim().parse::<u64>() {
            Ok(id) => cues.entry(id).or_default().push(cue.trim().to_lowercase()),
            Err(_) if index == 0 => continue,
            Err(_) => {
                return Err(Error::input(
                    Some(path),
                    Some(index as u64 + 1),
                    format!("sentence_id {id:?} is not a number"),
                ));
            }
        }
    }
    Ok(cues)
}

fn read_gold_file(path: &Path, splitter: &SentenceSplitter) -> Result<GoldFile> {
    let sentences = read_gold(path, splitter)?;
    let cue_path = cue_file_for(path);
    let cues = if cue_path.is_file() {
        read_cue_annotations(&cue_path)?
    } else {
        HashMap::new()
    };
    Ok(GoldFile { sentences, cues })
}

/// Whether each gold sentence is uncertain: label ≥ 0.5 for 0/1 labels; a
/// rating below the middle of the scale for ratings.
fn gold_uncertain(sentences: &[GoldSentence]) -> Vec<bool> {
    if looks_like_ratings(sentences) {
        let (lo, hi) = sentences.iter().fold((f64::MAX, f64::MIN), |(lo, hi), g| {
            (lo.min(g.label), hi.max(g.label))
        });
        let middle = (lo + hi) / 2.0;
        sentences.iter().map(|g| g.label < middle).collect()
    } else {
        sentences.iter().map(|g| g.label >= 0.5).collect()
    }
}

/// Lower-case words of a sentence.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(is_word_char(c) || c == '\''))
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

/// The distinct phrases of up to [`MAX_GAP_WORDS`] words of a sentence.
fn phrases(words: &[String]) -> HashSet<String> {
    let mut out = HashSet::new();
    for n in 1..=MAX_GAP_WORDS {
        for window in words.windows(n) {
            out.insert(window.join(" "));
        }
    }
    out
}

/// Computes the statistics table over the gold files.
pub fn lexicon_stats(scorer: &Scorer, paths: &[PathBuf]) -> Result<Vec<StatRow>> {
    let mut tally = Tally::new(scorer.lexicon().len());
    let mut files = Vec::new();
    for path in paths {
        let file = read_gold_file(path, scorer.splitter())?;
        let uncertain = gold_uncertain(&file.sentences);
        tally.add_file(scorer, &file, &uncertain);
        files.push((file, uncertain));
    }
    let mut rows = entry_rows(scorer.lexicon(), &tally.entries);
    rows.extend(gap_rows(tally, &files));
    Ok(rows)
}

/// What the gold sentences showed, before it becomes rows.
struct Tally {
    /// Per entry: (uncertain, certain) sentences it counted in.
    entries: Vec<(usize, usize)>,
    /// Annotated cue → sentences where no entry covered it.
    annotated: HashMap<String, usize>,
    /// Phrase → missed uncertain sentences it occurs in.
    missed_phrases: HashMap<String, usize>,
}

impl Tally {
    fn new(entries: usize) -> Tally {
        Tally {
            entries: vec![(0, 0); entries],
            annotated: HashMap::new(),
            missed_phrases: HashMap::new(),
        }
    }

    fn add_file(&mut self, scorer: &Scorer, file: &GoldFile, uncertain: &[bool]) {
        let mut scored = ScoredText::default();
        for (g, &is_uncertain) in file.sentences.iter().zip(uncertain) {
            scorer.score_as_sentence(&g.text, &mut scored);
            self.count_entries(scorer.lexicon(), &scored, is_uncertain);
            let annotated = file.cues.get(&g.line).into_iter().flatten();
            self.count_annotated(&g.text, annotated, &scored);
            if is_uncertain && !scored.sentences[0].uncertain {
                for phrase in phrases(&words(&g.text)) {
                    *self.missed_phrases.entry(phrase).or_default() += 1;
                }
            }
        }
    }

    /// Counts the sentence once for each entry that counted in it.
    fn count_entries(&mut self, lexicon: &Lexicon, scored: &ScoredText, is_uncertain: bool) {
        // Neutral entries never count in a sentence, so they are
        // found among the matches before the rules.
        let neutral = scored
            .raw_matches()
            .iter()
            .map(|m| m.cue)
            .filter(|&cue| lexicon.cue(cue).category == Category::Neutral);
        let mut seen = HashSet::new();
        for cue in scored.cues.iter().map(|c| c.cue).chain(neutral) {
            if seen.insert(cue) {
                let counts = &mut self.entries[cue];
                if is_uncertain {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
        }
    }

    /// Counts the annotated cues of a sentence that no cue covered.
    fn count_annotated<'a>(
        &mut self,
        text: &str,
        annotated: impl Iterator<Item = &'a String>,
        scored: &ScoredText,
    ) {
        let lower = text.to_lowercase();
        for cue in annotated {
            let covered = find_word(&lower, cue).is_some_and(|at| {
                scored
                    .cues
                    .iter()
                    .any(|c| c.span.start < at + cue.len() && at < c.span.end)
            });
            if !covered && lower.len() == text.len() {
                *self.annotated.entry(cue.clone()).or_default() += 1;
            }
        }
    }
}

/// The rows of the entries (negators left out), worst first.
fn entry_rows(lexicon: &Lexicon, counts: &[(usize, usize)]) -> Vec<StatRow> {
    let mut rows: Vec<StatRow> = lexicon
        .iter()
        .zip(counts)
        .filter(|(cue, _)| cue.category != Category::Negator)
        .map(|(cue, &(unc, cer))| StatRow {
            kind: StatKind::Entry,
            cue: cue.display_text(),
            category: Some(cue.category),
            weight: Some(cue.weight),
            sentences: unc + cer,
            uncertain: unc,
            certain: cer,
            missed: 0,
            source: format!("{}:{}", cue.source.file, cue.source.line),
        })
        .collect();
    // Neutral entries, which count for nothing, come after the others,
    // the most matched first: the certain sentences they match are no
    // fault of theirs.
    let neutral = |r: &StatRow| r.category == Some(Category::Neutral);
    rows.sort_by(|a, b| {
        let net = |r: &StatRow| r.certain as i64 - r.uncertain as i64;
        let order = if neutral(a) {
            std::cmp::Ordering::Equal
        } else {
            net(b)
                .cmp(&net(a))
                .then(a.precision().total_cmp(&b.precision()))
        };
        neutral(a)
            .cmp(&neutral(b))
            .then(order)
            .then(b.sentences.cmp(&a.sentences))
            .then(a.cue.cmp(&b.cue))
    });
    rows
}

/// The gap rows, biggest first: annotated cues no entry matched, and the
/// phrases of missed uncertain sentences clearly more frequent in
/// uncertain sentences than the base rate.
fn gap_rows(tally: Tally, files: &[(GoldFile, Vec<bool>)]) -> Vec<StatRow> {
    let mut gaps: HashMap<String, StatRow> = HashMap::new();
    for (cue, n) in tally.annotated.into_iter().filter(|(_, n)| *n >= 1) {
        gaps.insert(cue.clone(), gap_row(StatKind::Annotated, cue, n));
    }
    for (phrase, n) in tally.missed_phrases {
        if n >= MIN_GAP_COUNT && !gaps.contains_key(&phrase) {
            gaps.insert(phrase.clone(), gap_row(StatKind::Phrase, phrase, n));
        }
    }
    let base_rate = count_gaps(&mut gaps, files);
    // Annotated cues are kept regardless.
    let threshold = (2.0 * base_rate).clamp(0.5, 0.9);
    let mut rows: Vec<StatRow> = gaps
        .into_values()
        .filter(|row| row.kind == StatKind::Annotated || row.precision() >= threshold)
        .collect();
    rows.sort_by(|a, b| {
        (b.missed as f64 * b.precision())
            .total_cmp(&(a.missed as f64 * a.precision()))
            .then(a.cue.cmp(&b.cue))
    });
    rows
}

/// Counts the sentences each gap occurs in, by label; returns the share
/// of all sentences that are uncertain.
fn count_gaps(gaps: &mut HashMap<String, StatRow>, files: &[(GoldFile, Vec<bool>)]) -> f64 {
    let (mut total, mut total_uncertain) = (0usize, 0usize);
    for (file, uncertain) in files {
        for (g, &is_uncertain) in file.sentences.iter().zip(uncertain) {
            total += 1;
            total_uncertain += is_uncertain as usize;
            for phrase in phrases(&words(&g.text)) {
                if let Some(row) = gaps.get_mut(&phrase) {
                    row.sentences += 1;
                    if is_uncertain {
                        row.uncertain += 1;
                    } else {
                        row.certain += 1;
                    }
                }
            }
        }
    }
    if total > 0 {
        total_uncertain as f64 / total as f64
    } else {
        0.0
    }
}

fn gap_row(kind: StatKind, cue: String, missed: usize) -> StatRow {
    StatRow {
        kind,
        cue,
        category: None,
        weight: None,
        sentences: 0,
        uncertain: 0,
        certain: 0,
        missed,
        source: String::new(),
    }
}

/// The byte offset of `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let end = at + word.len();
        let before = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before && after {
            return Some(at);
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A short note for a row, for the `note` column.
pub fn note(row: &StatRow) -> &'static str {
    match row.kind {
        StatKind::Entry if row.sentences == 0 => "never matched",
        StatKind::Entry if row.category == Some(Category::Neutral) => {
            "neutral: counts for nothing, blocks the cues inside it"
        }
        StatKind::Entry if row.precision() < 0.5 => "matches more certain than uncertain sentences",
        StatKind::Entry => "",
        StatKind::Annotated => "annotators marked it; no entry matched",
        StatKind::Phrase => "frequent in missed uncertain sentences",
    }
}

/// Writes the statistics table as TSV: the header [`STAT_COLUMNS`], then
/// one line per row.
pub fn write_stats_tsv(rows: &[StatRow], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut tsv = Vec::new();
    push_record(STAT_COLUMNS, Dialect::TSV, &mut tsv);
    for row in rows {
        let mut line = CsvLine::new(&mut tsv, Dialect::TSV);
        let category = row.category.map_or("", Category::as_str);
        line.text(row.kind.as_str()).text(&row.cue).text(category);
        match row.weight {
            Some(weight) => line.text(&weight_text(weight)),
            None => line.text(""),
        };
        line.uint(row.sentences)
            .uint(row.uncertain)
            .uint(row.certain)
            .display(format_args!("{:.3}", row.precision()))
            .uint(row.missed)
            .text(&row.source)
            .text(note(row))
            .end();
    }
    out.write_all(&tsv)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_word_find() {
        assert_eq!(find_word("may maybe may", "may"), Some(0));
        assert_eq!(find_word("maybe may", "may"), Some(6));
        assert_eq!(find_word("maybe", "may"), None);
    }

    #[test]
    fn stats_rank_entries_and_find_gaps() {
        let dir = std::env::temp_dir().join(format!("hedgescore-tuning-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let gold = dir.join("g.tsv");
        std::fs::write(
            &gold,
            "1\tIt may rain.\n0\tIt may be May.\n1\tPerchance it rains.\n1\tPerchance not.\n1\tPerchance so.\n0\tIt rains.\n0\tIt rains again.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("g.cues.tsv"),
            "sentence_id\tcue_text\tcue_type\n3\tperchance\tspeculation\n",
        )
        .unwrap();
        let mut lexicon = crate::Lexicon::new();
        lexicon
            .add_text(
                "t.tsv",
                "cue\tweight\tcategory\nmay\t1\tmodal\nrains\t1\tverb\n",
            )
            .unwrap();
        let scorer = Scorer::new(lexicon, Default::default()).unwrap();
        let rows = lexicon_stats(&scorer, &[gold]).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let first = &rows[0];
        assert_eq!(
            (first.cue.as_str(), first.certain, first.uncertain),
            ("rains", 2, 1)
        );
        let may = rows.iter().find(|r| r.cue == "may").unwrap();
        assert_eq!((may.uncertain, may.certain), (1, 1));
        let gap = rows.iter().find(|r| r.cue == "perchance").unwrap();
        assert_eq!(gap.kind.as_str(), "annotated");
        assert_eq!((gap.sentences, gap.uncertain), (3, 3));
    }

    /// The csv crate's TSV writer as the reference for every field.
    #[test]
    fn the_tsv_is_what_the_csv_crate_writes() {
        let row = |kind, cue: &str, weight| StatRow {
            kind,
            cue: cue.to_string(),
            category: Some(Category::Modal),
            weight,
            sentences: 3,
            uncertain: 2,
            certain: 1,
            missed: 0,
            source: "a.tsv:2".to_string(),
        };
        let rows = [
            row(StatKind::Entry, "may", Some(1.0)),
            row(StatKind::Entry, "say \"so\"", Some(0.25)),
            row(StatKind::Phrase, "a\tb", None),
        ];
        let mut ours = Vec::new();
        write_stats_tsv(&rows, &mut ours).unwrap();
        let mut theirs = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .from_writer(Vec::new());
        theirs.write_record(STAT_COLUMNS).unwrap();
        for row in &rows {
            theirs
                .write_record([
                    row.kind.to_string(),
                    row.cue.clone(),
                    row.category.map_or(String::new(), |c| c.to_string()),
                    row.weight.map(|w| w.to_string()).unwrap_or_default(),
                    row.sentences.to_string(),
                    row.uncertain.to_string(),
                    row.certain.to_string(),
                    format!("{:.3}", row.precision()),
                    row.missed.to_string(),
                    row.source.clone(),
                    note(row).to_string(),
                ])
                .unwrap();
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs.into_inner().unwrap()).unwrap()
        );
    }

    #[test]
    fn neutral_entries_count_the_sentences_they_matched() {
        let dir = std::env::temp_dir().join(format!("hedgescore-neutral-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let gold = dir.join("g.tsv");
        std::fs::write(
            &gold,
            "1\tNot only may it rain, not only.\n0\tNot only does it rain.\n0\tIt rains only here.\n1\tIt may rain.\n",
        )
        .unwrap();
        let mut lexicon = crate::Lexicon::new();
        lexicon
            .add_text(
                "t.tsv",
                "cue\tweight\tcategory\nmay\t1\tmodal\nonly\t1\tadverb\nnot only\t0\tneutral\nas soon as possible\t0\tneutral\nnot\t1\tnegator\n",
            )
            .unwrap();
        let scorer = Scorer::new(lexicon, Default::default()).unwrap();
        let rows = lexicon_stats(&scorer, &[gold]).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let row = |cue: &str| rows.iter().find(|r| r.cue == cue).unwrap();
        // Once per sentence, however often it matched there.
        let not_only = row("not only");
        assert_eq!(
            (not_only.sentences, not_only.uncertain, not_only.certain),
            (2, 1, 1)
        );
        assert_eq!(
            note(not_only),
            "neutral: counts for nothing, blocks the cues inside it"
        );
        assert_eq!(note(row("as soon as possible")), "never matched");
        // What it blocked is not counted for the cue inside it.
        assert_eq!((row("only").sentences, row("only").certain), (1, 1));
        // After the entries that count, the most matched first.
        let kinds: Vec<&str> = rows.iter().map(|r| r.cue.as_str()).collect();
        assert_eq!(
            kinds[..4],
            ["only", "may", "not only", "as soon as possible"]
        );
    }
}
