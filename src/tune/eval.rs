//! Evaluation against labelled sentences.
//!
//! A gold file has one sentence per line, `label<TAB>sentence`: a label of
//! 1 marks an uncertain sentence and 0 a certain one, or (with ratings) a
//! human certainty rating such as 1 to 6. A first line whose label is not
//! a number is a header and is skipped. Each sentence is scored as it is,
//! as one sentence, like `hedgescore score --lines`.
//!
//! A gold file may instead name its sentences by reference, for text that
//! may not be copied (news articles under copyright): a header line
//! `article<TAB>sentence<TAB>fingerprint<TAB>label`, a line
//! `# articles: FOLDER` (relative to the gold file's folder), then one row
//! per labelled sentence: the article's path under FOLDER, the sentence's
//! number as `hedgescore score --level sentence` gives it, the sentence's
//! [`fingerprint`] and the label. Articles are split with the scorer's
//! splitter, as `score` splits them. The sentence is looked up by its
//! fingerprint, so a change in the splitter that moves other sentences
//! does not mislabel this one; one that changes this sentence is an error
//! naming the row. Other lines starting with `#` are comments.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::report::Article;
use crate::scoring::{ScoredText, Scorer};
use crate::text::sentences::SentenceSplitter;
use crate::text::whitespace::fold_whitespace;

/// The header line of a gold file of sentence references.
pub const REFERENCE_HEADER: &str = "article\tsentence\tfingerprint\tlabel";

/// The line of a reference file that names the articles' folder.
const ARTICLES_DIRECTIVE: &str = "# articles:";

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// The 1-based line in the gold file.
    pub line: u64,
    /// 0 or 1, or a rating.
    pub label: f64,
    /// The sentence.
    pub text: String,
}

/// Reads a gold file, of sentences or of references to them (see the
/// module docs), splitting referenced articles with `splitter`. A
/// malformed line is an error naming the file and line.
pub fn read_gold(path: &Path, splitter: &SentenceSplitter) -> Result<Vec<GoldSentence>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(Some(path), e))?;
    let text = String::from_utf8_lossy(&bytes);
    let first = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end_matches('\r'))
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'));
    if first == Some(REFERENCE_HEADER) {
        return read_references(path, &text, splitter);
    }
    parse_gold(path, &text)
}

/// A sentence's fingerprint: FNV-1a (64 bits) of its text with white space
/// folded, as 16 hexadecimal digits. It names a sentence in a reference
/// file without copying its text.
pub fn fingerprint(sentence: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in fold_whitespace(sentence).as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The sentences of one article: (fingerprint, text with white space
/// folded), split as `hedgescore score` splits an article.
fn article_sentences(
    path: &Path,
    splitter: &SentenceSplitter,
) -> std::io::Result<Vec<(String, String)>> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let body = Article::new("", &text).body();
    Ok(splitter
        .split(body)
        .into_iter()
        .map(|span| {
            (
                fingerprint(&body[span.clone()]),
                fold_whitespace(&body[span]),
            )
        })
        .collect())
}

/// Reads a gold file of sentence references (see the module docs).
fn read_references(
    path: &Path,
    text: &str,
    splitter: &SentenceSplitter,
) -> Result<Vec<GoldSentence>> {
    let mut folder: Option<PathBuf> = None;
    let mut articles = ArticleCache::default();
    let mut gold = Vec::new();
    let mut header_seen = false;
    for (index, line) in text.lines().enumerate() {
        let line_no = index as u64 + 1;
        let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
        if let Some(dir) = line.strip_prefix(ARTICLES_DIRECTIVE) {
            folder = Some(articles_folder(path, line_no, dir)?);
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let Some(dir) = &folder else {
            return Err(Error::input(
                Some(path),
                Some(line_no),
                format!(
                    "a reference comes before the '{ARTICLES_DIRECTIVE} FOLDER' line that says where the articles are"
                ),
            ));
        };
        let reference = Reference::parse(line)
            .map_err(|message| Error::input(Some(path), Some(line_no), message))?;
        let text = articles
            .sentence(dir, &reference, splitter)
            .map_err(|message| Error::input(Some(path), Some(line_no), message))?;
        gold.push(GoldSentence {
            line: line_no,
            label: reference.label,
            text,
        });
    }
    Ok(gold)
}

/// The folder a `# articles: FOLDER` line names, relative to the gold
/// file's folder; an error when it is not there.
fn articles_folder(path: &Path, line_no: u64, dir: &str) -> Result<PathBuf> {
    let base = path.parent().unwrap_or(Path::new("."));
    let dir = base.join(dir.trim());
    if !dir.is_dir() {
        return Err(Error::input(
            Some(path),
            Some(line_no),
            format!("the articles folder {} is not there", dir.display()),
        ));
    }
    Ok(dir)
}

/// One row of a reference file.
struct Reference<'a> {
    article: &'a str,
    number: &'a str,
    print: &'a str,
    label: f64,
}

impl<'a> Reference<'a> {
    /// Parses a row; the error is the message for its line.
    fn parse(line: &'a str) -> std::result::Result<Reference<'a>, String> {
        let fields: Vec<&str> = line.split('\t').collect();
        let [article, number, print, label] = fields[..] else {
            return Err(format!(
                "expected 4 tab-separated fields ({REFERENCE_HEADER}), found {}",
                fields.len()
            ));
        };
        let label = label
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|l| l.is_finite())
            .ok_or_else(|| format!("label {label:?} is not a number"))?;
        Ok(Reference {
            article,
            number,
            print,
            label,
        })
    }
}

/// The articles a reference file named so far, each split once.
#[derive(Default)]
struct ArticleCache(HashMap<String, Vec<(String, String)>>);

impl ArticleCache {
    /// The text of the sentence `reference` names in an article under
    /// `dir`; the error is the message for its line.
    fn sentence(
        &mut self,
        dir: &Path,
        reference: &Reference,
        splitter: &SentenceSplitter,
    ) -> std::result::Result<String, String> {
        let article = reference.article;
        if !self.0.contains_key(article) {
            let file = dir.join(article);
            let sentences = article_sentences(&file, splitter)
                .map_err(|e| format!("cannot read the article {}: {e}", file.display()))?;
            self.0.insert(article.to_string(), sentences);
        }
        let sentences = &self.0[article];
        let print = reference.print;
        // The numbered sentence first, then any with the same fingerprint.
        let hinted = reference
            .number
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| sentences.get(i))
            .filter(|(p, _)| p == print);
        match hinted.or_else(|| sentences.iter().find(|(p, _)| p == print)) {
            Some((_, sentence)) => Ok(sentence.clone()),
            None => Err(format!(
                "sentence {} of {article} (fingerprint {print}) is not in the article as it is split now: the article or the sentence splitter changed",
                reference.number
            )),
        }
    }
}

/// Parses gold text (see the module docs); `path` names it in messages.
pub fn parse_gold(path: &Path, text: &str) -> Result<Vec<GoldSentence>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut gold = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index as u64 + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((label, sentence)) = line.split_once('\t') else {
            return Err(Error::input(
                Some(path),
                Some(line_no),
                "expected label<TAB>sentence, found no tab",
            ));
        };
        match label.trim().parse::<f64>() {
            Ok(label) if label.is_finite() => gold.push(GoldSentence {
                line: line_no,
                label,
                text: sentence.to_string(),
            }),
            _ if line_no == 1 => continue,
            _ => {
                return Err(Error::input(
                    Some(path),
                    Some(line_no),
                    format!("label {label:?} is not a number"),
                ));
            }
        }
    }
    Ok(gold)
}

/// A scored gold sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Index into the gold sentences.
    pub index: usize,
    /// The certainty given.
    pub certainty: f64,
    /// True when labelled uncertain.
    pub uncertain: bool,
}

/// The figures of one evaluation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// Sentences scored.
    pub sentences: usize,
    /// Uncertain sentences labelled uncertain.
    pub true_positives: usize,
    /// Certain sentences labelled uncertain.
    pub false_positives: usize,
    /// Uncertain sentences labelled certain.
    pub false_negatives: usize,
    /// Certain sentences labelled certain.
    pub true_negatives: usize,
    /// Pearson correlation of certainty with the gold labels.
    pub pearson: f64,
    /// Spearman rank correlation of certainty with the gold labels.
    pub spearman: f64,
}

impl Evaluation {
    /// Precision of the uncertain class.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall of the uncertain class.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// F1 of the uncertain class.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 { a as f64 / b as f64 } else { 0.0 }
}

/// Scores every gold sentence.
pub fn predict(scorer: &Scorer, gold: &[GoldSentence]) -> Vec<Prediction> {
    let mut scored = ScoredText::default();
    gold.iter()
        .enumerate()
        .map(|(index, g)| {
            scorer.score_as_sentence(&g.text, &mut scored);
            let s = &scored.sentences[0];
            Prediction {
                index,
                certainty: s.certainty,
                uncertain: s.uncertain,
            }
        })
        .collect()
}

/// The sentences a scorer got wrong, worst first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mistakes<'a> {
    /// Certain sentences labelled uncertain, least certain first.
    pub false_positives: Vec<&'a Prediction>,
    /// Uncertain sentences labelled certain, most certain first.
    pub false_negatives: Vec<&'a Prediction>,
}

/// The false positives and false negatives among `predictions` (0/1
/// labels: 0.5 or more is uncertain), each list worst first.
pub fn mistakes<'a>(gold: &[GoldSentence], predictions: &'a [Prediction]) -> Mistakes<'a> {
    let mut false_positives: Vec<&Prediction> = predictions
        .iter()
        .filter(|p| p.uncertain && gold[p.index].label < 0.5)
        .collect();
    false_positives.sort_by(|a, b| a.certainty.total_cmp(&b.certainty));
    let mut false_negatives: Vec<&Prediction> = predictions
        .iter()
        .filter(|p| !p.uncertain && gold[p.index].label >= 0.5)
        .collect();
    false_negatives.sort_by(|a, b| b.certainty.total_cmp(&a.certainty));
    Mistakes {
        false_positives,
        false_negatives,
    }
}

/// Compares predictions with the gold labels. With `ratings`, labels are
/// ratings and only the correlations are meaningful; otherwise a label of
/// 0.5 or more is uncertain, and the correlations are of certainty with
/// certain = 1 (the label flipped), so that higher is better either way.
pub fn evaluate(gold: &[GoldSentence], predictions: &[Prediction], ratings: bool) -> Evaluation {
    let mut e = Evaluation {
        sentences: predictions.len(),
        ..Evaluation::default()
    };
    let mut certainty = Vec::with_capacity(predictions.len());
    let mut truth = Vec::with_capacity(predictions.len());
    for p in predictions {
        let label = gold[p.index].label;
        certainty.push(p.certainty);
        if ratings {
            truth.push(label);
            continue;
        }
        let gold_uncertain = label >= 0.5;
        truth.push(if gold_uncertain { 0.0 } else { 1.0 });
        match (gold_uncertain, p.uncertain) {
            (true, true) => e.true_positives += 1,
            (false, true) => e.false_positives += 1,
            (true, false) => e.false_negatives += 1,
            (false, false) => e.true_negatives += 1,
        }
    }
    e.pearson = pearson(&certainty, &truth);
    e.spearman = pearson(&ranks(&certainty), &ranks(&truth));
    e
}

/// Pearson's correlation; 0 when either side is constant.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    if n < 2.0 {
        return 0.0;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Pearson's correlation with each pair `(x[i], y[i])` counted
/// `counts[i]` times (a bootstrap draw); 0 when either side is constant.
pub fn pearson_weighted(x: &[f64], y: &[f64], counts: &[u32]) -> f64 {
    let n: f64 = counts.iter().map(|&c| f64::from(c)).sum();
    if n < 2.0 {
        return 0.0;
    }
    let (mut sx, mut sy) = (0.0, 0.0);
    for ((a, b), &c) in x.iter().zip(y).zip(counts) {
        sx += f64::from(c) * a;
        sy += f64::from(c) * b;
    }
    let (mx, my) = (sx / n, sy / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for ((a, b), &c) in x.iter().zip(y).zip(counts) {
        let c = f64::from(c);
        sxy += c * (a - mx) * (b - my);
        sxx += c * (a - mx) * (a - mx);
        syy += c * (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Fractional ranks (ties share their mean rank), as Spearman's rho needs.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = mean_rank;
        }
        i = j + 1;
    }
    ranks
}

/// True when the labels look like ratings rather than 0/1.
pub fn looks_like_ratings(gold: &[GoldSentence]) -> bool {
    gold.iter().any(|g| g.label != 0.0 && g.label != 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_find_sentences_by_fingerprint_and_name_bad_rows() {
        let dir = std::env::temp_dir().join(format!("hedgescore-refs-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("news/politics")).unwrap();
        std::fs::write(
            dir.join("news/politics/1.txt"),
            "Talks resume today.\n\nThe deal may  collapse. Officials said so.",
        )
        .unwrap();
        let print = fingerprint("The deal may\ncollapse.");
        assert_eq!(print, fingerprint("The deal may collapse."));
        let file = dir.join("labels.tsv");
        let write = |rows: &str| {
            std::fs::write(
                &file,
                format!("# our labels\n{REFERENCE_HEADER}\n# articles: news\n{rows}"),
            )
            .unwrap();
        };
        // The number is only a hint: a wrong one still finds the sentence.
        write(&format!(
            "politics/1.txt\t2\t{print}\t1\npolitics/1.txt\t9\t{}\t0\n",
            fingerprint("Officials said so.")
        ));
        let gold = read_gold(&file, SentenceSplitter::english()).unwrap();
        let found: Vec<(u64, f64, &str)> = gold
            .iter()
            .map(|g| (g.line, g.label, g.text.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (4, 1.0, "The deal may collapse."),
                (5, 0.0, "Officials said so.")
            ]
        );

        write("politics/1.txt\t2\t0000000000000000\t1\n");
        let err = read_gold(&file, SentenceSplitter::english())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("labels.tsv:4:") && err.contains("splitter changed"),
            "{err}"
        );
        write("politics/2.txt\t1\t0000000000000000\t1\n");
        let err = read_gold(&file, SentenceSplitter::english())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("labels.tsv:4:") && err.contains("cannot read"),
            "{err}"
        );
        write(&format!("politics/1.txt\t2\t{print}\n"));
        let err = read_gold(&file, SentenceSplitter::english())
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected 4 tab-separated fields"), "{err}");
        std::fs::write(
            &file,
            format!("{REFERENCE_HEADER}\npolitics/1.txt\t2\t{print}\t1\n"),
        )
        .unwrap();
        let err = read_gold(&file, SentenceSplitter::english())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("labels.tsv:2:") && err.contains("# articles:"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn gold_parsing_skips_a_header_and_names_bad_lines() {
        let gold =
            parse_gold(Path::new("g.tsv"), "rating\tsentence\n5.0\tA.\n\n1\tB.\r\n").unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(
            (gold[1].line, gold[1].label, gold[1].text.as_str()),
            (4, 1.0, "B.")
        );
        let err = parse_gold(Path::new("g.tsv"), "1\tA.\nx\tB.\n").unwrap_err();
        assert_eq!(err.to_string(), "g.tsv:2: label \"x\" is not a number");
        let err = parse_gold(Path::new("g.tsv"), "1 A.\n").unwrap_err();
        assert_eq!(err.line(), Some(1));
    }

    /// Gold sentences without text, one per label, on lines 1, 2, ...
    fn gold_of(labels: &[f64]) -> Vec<GoldSentence> {
        labels
            .iter()
            .enumerate()
            .map(|(i, &label)| GoldSentence {
                line: i as u64 + 1,
                label,
                text: String::new(),
            })
            .collect()
    }

    #[test]
    fn confusion_counts_and_f1() {
        let gold = gold_of(&[1.0, 1.0, 0.0, 0.0]);
        let predicted = [true, false, true, false];
        let predictions: Vec<Prediction> = predicted
            .iter()
            .enumerate()
            .map(|(index, &uncertain)| Prediction {
                index,
                certainty: if uncertain { 0.2 } else { 0.8 },
                uncertain,
            })
            .collect();
        let e = evaluate(&gold, &predictions, false);
        assert_eq!(
            (
                e.true_positives,
                e.false_positives,
                e.false_negatives,
                e.true_negatives
            ),
            (1, 1, 1, 1)
        );
        assert_eq!((e.precision(), e.recall(), e.f1()), (0.5, 0.5, 0.5));
    }

    #[test]
    fn mistakes_come_worst_first() {
        let gold = gold_of(&[0.0, 0.0, 1.0, 1.0, 0.0]);
        // (certainty, labelled uncertain)
        let predictions: Vec<Prediction> = [
            (0.4, true),
            (0.1, true),
            (0.8, false),
            (0.9, false),
            (0.9, false),
        ]
        .iter()
        .enumerate()
        .map(|(index, &(certainty, uncertain))| Prediction {
            index,
            certainty,
            uncertain,
        })
        .collect();
        let found = mistakes(&gold, &predictions);
        let indices = |list: &[&Prediction]| list.iter().map(|p| p.index).collect::<Vec<_>>();
        assert_eq!(indices(&found.false_positives), [1, 0]);
        assert_eq!(indices(&found.false_negatives), [3, 2]);
    }

    #[test]
    fn correlations() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 30.0]), vec![1.5, 3.0, 1.5, 4.0]);
    }
}
