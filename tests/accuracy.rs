//! The accuracy guard: scores the labelled sets of ../shared/data/labeled,
//! and our news labels (tests/news-labels.tsv, over ../shared's BBC
//! articles), with the default lexicon and fails when any figure drops more than
//! `TOLERANCE` below the one recorded in tests/accuracy.tsv. The recorded
//! figures are those of docs/VALIDATION.md; after a deliberate change,
//! update both (the failure message prints the new figures).

mod common;

use std::path::{Path, PathBuf};

use hedgescore::Scorer;
use hedgescore::tune::eval::{evaluate, looks_like_ratings, predict, read_gold};

/// How far a figure may fall below the recorded one before the guard fails.
const TOLERANCE: f64 = 0.01;

fn labeled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/labeled")
}

/// (file, metric, recorded figure, pack) rows of tests/accuracy.tsv.
fn recorded() -> Vec<(String, String, f64, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() >= 3, "tests/accuracy.tsv: malformed line {line:?}");
            let figure = f[2]
                .parse()
                .unwrap_or_else(|_| panic!("bad figure in {line:?}"));
            let pack = f.get(3).copied().unwrap_or("").to_string();
            (f[0].to_string(), f[1].to_string(), figure, pack)
        })
        .collect()
}

fn scorer_for(pack: &str) -> Scorer {
    let mut lexicon = hedgescore::Lexicon::english();
    if !pack.is_empty() {
        lexicon.extend(hedgescore::Lexicon::builtin(pack).expect("recorded pack exists"));
    }
    Scorer::new(lexicon, Default::default()).unwrap()
}

#[test]
fn accuracy_does_not_drop_below_the_recorded_figures() {
    let dir = labeled_dir();
    if !dir.is_dir() {
        common::skip(format!("{} not found", dir.display()));
        return;
    }
    let mut failures = Vec::new();
    let mut report = String::new();
    for (file, metric, figure, pack) in recorded() {
        // A file with a folder in its name is the project's own (the news
        // labels, which name sentences of ../shared's articles).
        let path = if file.contains('/') {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(&file)
        } else {
            dir.join(&file)
        };
        let scorer = scorer_for(&pack);
        let gold = read_gold(&path, scorer.splitter()).unwrap_or_else(|e| panic!("{e}"));
        let e = evaluate(&gold, &predict(&scorer, &gold), looks_like_ratings(&gold));
        let measured = match metric.as_str() {
            "f1" => e.f1(),
            "precision" => e.precision(),
            "recall" => e.recall(),
            "spearman" => e.spearman,
            "pearson" => e.pearson,
            other => panic!("unknown metric {other:?} in tests/accuracy.tsv"),
        };
        report.push_str(&format!("{file}\t{metric}\t{measured:.4}\t{pack}\n"));
        if measured < figure - TOLERANCE {
            failures.push(format!(
                "{file} {metric}: {measured:.4}, recorded {figure:.4}"
            ));
        }
    }
    eprintln!("measured:\n{report}");
    assert!(
        failures.is_empty(),
        "accuracy dropped:\n{}",
        failures.join("\n")
    );
}

/// The news label files name their articles relative to the `# articles:`
/// folder, itself relative to the file, so they are read wherever the
/// checkout is.
#[test]
fn news_labels_name_articles_relative_to_their_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("news-labels") && name.ends_with(".tsv")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("article\t"))
            .collect();
        assert!(rows.len() >= 600, "{}", path.display());
        for row in &rows {
            let article = row.split('\t').next().unwrap();
            assert!(
                Path::new(article).is_relative(),
                "{}: {row}",
                path.display()
            );
        }
        if !labeled_dir().is_dir() {
            common::skip(format!(
                "the read of {}: ../shared not found",
                path.display()
            ));
            continue;
        }
        let gold = read_gold(&path, Scorer::english().splitter()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gold.len(), rows.len(), "{}", path.display());
    }
}
