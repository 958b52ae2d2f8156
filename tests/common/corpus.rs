//! A made-up corpus with known differences in hedging, for the tests of
//! groups, periods and intervals: articles from three outlets over the six
//! months of 2024's first half, written from templates of our own.
//!
//! Each article draws its own chance of a hedged sentence around its
//! outlet's and month's rate (uniform on `[0, 2·rate]`, so articles differ
//! as real ones do and sentences cluster), a length of 4 to 14 sentences,
//! and each sentence from the hedged or the plain templates. With the
//! corpus lexicon (`tests/fixtures/corpus-lexicon.tsv`, cues without
//! context rules) a sentence scores the same wherever it stands, so the
//! true values of every group follow from the templates' own scores
//! ([`Truth`]): what a group's figures estimate, and its intervals should
//! cover.

use std::fmt::Write as _;

use hedgescore::tune::bootstrap::Rng;
use hedgescore::{Article, ArticleReport, ScoreParams, ScoredText, Scorer};

/// The corpus lexicon.
pub const LEXICON: &str = include_str!("../fixtures/corpus-lexicon.tsv");

/// The outlets, least hedging first.
pub const OUTLETS: [&str; 3] = ["Ledger", "Beacon", "Courier"];

/// The months, as `--period month` names them.
pub const MONTHS: [&str; 6] = [
    "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
];

/// The chance of a hedged sentence at each outlet in January, and how much
/// it rises each month after.
const RATES: [(f64, f64); 3] = [(0.10, 0.0), (0.22, 0.02), (0.40, -0.01)];

/// Sentences of an article, fewest and most.
const SENTENCES: (usize, usize) = (4, 14);

const SUBJECTS: [&str; 6] = [
    "council",
    "water board",
    "transport authority",
    "school trust",
    "harbour office",
    "county archive",
];
const OBJECTS: [&str; 6] = [
    "bridge repairs",
    "new library",
    "bus route",
    "flood barrier",
    "market square",
    "cycle lane",
];

/// Sentences with no hedge (one has a booster).
const PLAIN: [&str; 8] = [
    "The {s} approved the {o} on Monday.",
    "The {s} opened the {o} to the public.",
    "Work on the {o} finished ahead of schedule.",
    "The {s} published its annual figures.",
    "Residents attended a meeting on the {o}.",
    "The {s} hired twelve new staff.",
    "Traffic returned to the {o} this morning.",
    "The {s} clearly supports the {o}.",
];

/// Sentences with one or two hedges.
const HEDGED: [&str; 8] = [
    "The {s} could delay the {o} until spring.",
    "Officials suggest the {o} may cost more than planned.",
    "The {o} might reopen next month.",
    "Perhaps the {s} will revise its plans.",
    "The {s} appears to favour the {o}.",
    "It is possible that the {o} will be cancelled.",
    "The {s} may possibly review the {o}.",
    "Some residents think the {o} could fail.",
];

/// The scorer of the corpus lexicon.
pub fn scorer() -> Scorer {
    let mut lexicon = hedgescore::Lexicon::new();
    lexicon.add_text("corpus-lexicon.tsv", LEXICON).unwrap();
    Scorer::new(lexicon, ScoreParams::default()).unwrap()
}

/// One made-up article.
#[derive(Debug, Clone)]
pub struct FixtureArticle {
    pub id: String,
    pub outlet: &'static str,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub text: String,
}

/// The chance of a hedged sentence at outlet `o` in month `m` (from 0).
pub fn rate(o: usize, m: usize) -> f64 {
    RATES[o].0 + RATES[o].1 * m as f64
}

/// `per_cell` articles for each outlet and month, drawn with `seed`, in
/// the order of a newsroom's archive (by month, outlets interleaved).
pub fn articles(seed: u64, per_cell: usize) -> Vec<FixtureArticle> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (m, month) in MONTHS.iter().enumerate() {
        for i in 0..per_cell {
            for (o, outlet) in OUTLETS.iter().enumerate() {
                let day = 1 + rng.below(28);
                out.push(FixtureArticle {
                    id: format!("{}-{month}-{i:03}", outlet.to_lowercase()),
                    outlet,
                    date: format!("{month}-{day:02}"),
                    text: article_text(&mut rng, rate(o, m)),
                });
            }
        }
    }
    out
}

/// An article's text: its own chance of hedging around `rate`.
fn article_text(rng: &mut Rng, rate: f64) -> String {
    let own_rate = 2.0 * rate * uniform(rng);
    let (fewest, most) = SENTENCES;
    let n = fewest + rng.below(most - fewest + 1);
    let mut text = String::new();
    for i in 0..n {
        let templates = if uniform(rng) < own_rate {
            &HEDGED
        } else {
            &PLAIN
        };
        let template = templates[rng.below(templates.len())];
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&fill(
            template,
            rng.below(SUBJECTS.len()),
            rng.below(OBJECTS.len()),
        ));
    }
    text
}

fn uniform(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn fill(template: &str, s: usize, o: usize) -> String {
    let sentence = template
        .replace("{s}", SUBJECTS[s])
        .replace("{o}", OBJECTS[o]);
    // A template may open with its object.
    let mut chars = sentence.chars();
    let first = chars.next().unwrap().to_uppercase().to_string();
    first + chars.as_str()
}

/// The corpus as CSV: `id,outlet,date,text`.
pub fn csv(articles: &[FixtureArticle]) -> String {
    let mut out = String::from("id,outlet,date,text\n");
    for a in articles {
        writeln!(out, "{},{},{},\"{}\"", a.id, a.outlet, a.date, a.text).unwrap();
    }
    out
}

/// The corpus as JSON lines, with the same fields.
pub fn jsonl(articles: &[FixtureArticle]) -> String {
    let mut out = String::new();
    for a in articles {
        let row =
            serde_json::json!({"id": a.id, "outlet": a.outlet, "date": a.date, "text": a.text});
        writeln!(out, "{row}").unwrap();
    }
    out
}

/// The mean figures of one kind of template sentence, over its templates
/// and every filling (each drawn equally often).
#[derive(Debug, Clone, Copy, Default)]
struct Kind {
    uncertain: f64,
    certainty: f64,
    hedges: f64,
    words: f64,
}

/// What each group's figures estimate, from the templates' scores.
#[derive(Debug, Clone, Copy)]
pub struct Truth {
    hedged: Kind,
    plain: Kind,
}

/// A group's true figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrueFigures {
    pub uncertain_share: f64,
    pub certainty: f64,
    pub hedges_per_1000_words: f64,
}

impl Truth {
    /// Scores every filling of every template, each as an article of one
    /// sentence.
    pub fn new(scorer: &Scorer) -> Truth {
        Truth {
            hedged: kind(scorer, &HEDGED),
            plain: kind(scorer, &PLAIN),
        }
    }

    /// The true figures of articles drawn at `rates`, equally many at each:
    /// the expected uncertain sentences and hedges over the expected
    /// sentences and words, and the mean of the expected article certainty.
    pub fn figures(&self, rates: &[f64]) -> TrueFigures {
        let (h, p) = (self.hedged, self.plain);
        let mix = |r: f64, f: fn(&Kind) -> f64| r * f(&h) + (1.0 - r) * f(&p);
        let n = rates.len() as f64;
        let sum = |f: fn(&Kind) -> f64| rates.iter().map(|&r| mix(r, f)).sum::<f64>();
        TrueFigures {
            uncertain_share: sum(|k| k.uncertain) / n,
            certainty: sum(|k| k.certainty) / n,
            hedges_per_1000_words: 1000.0 * sum(|k| k.hedges) / sum(|k| k.words),
        }
    }

    /// The true figures of outlet `o` in month `m`.
    pub fn cell(&self, o: usize, m: usize) -> TrueFigures {
        self.figures(&[rate(o, m)])
    }

    /// The true figures of outlet `o` over the six months.
    pub fn outlet(&self, o: usize) -> TrueFigures {
        let rates: Vec<f64> = (0..MONTHS.len()).map(|m| rate(o, m)).collect();
        self.figures(&rates)
    }
}

fn kind(scorer: &Scorer, templates: &[&str]) -> Kind {
    let mut sum = Kind::default();
    let mut n = 0.0;
    let mut scored = ScoredText::default();
    for template in templates {
        for s in 0..SUBJECTS.len() {
            for o in 0..OBJECTS.len() {
                let text = fill(template, s, o);
                let article = Article::new("t", &text);
                scorer.score_text(article.body(), &mut scored);
                let report = ArticleReport::new(scorer, &article, &scored);
                assert_eq!(report.sentences, 1, "{text}");
                sum.uncertain += report.uncertain_sentences as f64;
                sum.certainty += report.certainty.unwrap();
                sum.hedges += report.hedges as f64;
                sum.words += report.words as f64;
                n += 1.0;
            }
        }
    }
    Kind {
        uncertain: sum.uncertain / n,
        certainty: sum.certainty / n,
        hedges: sum.hedges / n,
        words: sum.words / n,
    }
}

/// A million-row input for memory checks: `rows` short articles as JSON
/// lines, each with an outlet and a date, written to `path` in blocks.
pub fn write_many(path: &std::path::Path, rows: usize) {
    use std::io::Write;
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut rng = Rng::new(7);
    for i in 0..rows {
        let o = i % OUTLETS.len();
        let m = (i / OUTLETS.len()) % MONTHS.len();
        let hedged = uniform(&mut rng) < rate(o, m);
        let templates = if hedged { &HEDGED } else { &PLAIN };
        let text = fill(
            templates[i % templates.len()],
            i % SUBJECTS.len(),
            i % OBJECTS.len(),
        );
        writeln!(
            file,
            "{{\"id\":\"a{i}\",\"outlet\":\"{}\",\"date\":\"{}-{:02}\",\"text\":\"{text}\"}}",
            OUTLETS[o],
            MONTHS[m],
            1 + i % 28
        )
        .unwrap();
    }
    file.flush().unwrap();
}
