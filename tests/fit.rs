//! `hedgescore lexicon fit`, run as a user would: the file it writes, what
//! eval says with that file, and the messages for bad labels.

mod common;

use std::path::Path;

use common::{TempDir, hedgescore, run, stderr, stdout};

/// 100 sentences labelled in a scheme where "may" states a permission,
/// not a possibility: the default lexicon calls those uncertain.
fn permission_gold() -> String {
    (0..100)
        .map(|i| match i % 5 {
            0 => format!("0\tVisitors may park in bay {i}.\n"),
            1 => format!("1\tIt might rain on day {i}.\n"),
            2 => format!("1\tPerhaps bay {i} is closed.\n"),
            _ => format!("0\tBay {i} is open.\n"),
        })
        .collect()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A figure printed as `NAME 0.1234` in `text`.
fn figure(text: &str, name: &str) -> f64 {
    let at = text
        .find(&format!("{name} "))
        .unwrap_or_else(|| panic!("{name} in {text}"));
    let value = text[at + name.len() + 1..]
        .split([',', ' ', '\n'])
        .next()
        .unwrap();
    value
        .parse()
        .unwrap_or_else(|_| panic!("{name} {value:?} in {text}"))
}

#[test]
fn the_fitted_file_reads_back_and_gives_the_figures_the_fit_reported() {
    let dir = TempDir::new("fit");
    let gold = dir.write("permission.tsv", permission_gold());
    let out_file = dir.0.join("mine.tsv");
    let out = run(&["lexicon", "fit", path(&gold), "-o", path(&out_file)], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    // Before: "may" makes 20 false positives; after, it counts for nothing.
    assert!(report.contains("  F1         0.8000 ["), "{report}");
    let fitted_line = report
        .lines()
        .find(|l| l.starts_with("fitted on all 100 sentences"))
        .unwrap();
    assert_eq!(figure(fitted_line, "F1"), 1.0, "{report}");
    // Every weight under 1 does; the least change is kept.
    assert!(
        report.contains("weights changed: 1 (may 2.5 -> 0.75)"),
        "{report}"
    );

    let file = std::fs::read_to_string(&out_file).unwrap();
    let comments = file.lines().take_while(|l| l.starts_with('#')).count();
    assert!((1..=10).contains(&comments), "{file}");
    for part in [
        "permission.tsv",
        "hedgescore lexicon fit",
        "F1 0.8000 [",
        "-> 1.0000 [",
    ] {
        assert!(file.contains(part), "{part} in {file}");
    }
    assert!(
        file.contains("\nmay\t0.75\tmodal\tnot_month\tfitted; was modal 2.5\n"),
        "{file}"
    );

    // The figures again, from eval with the file, and with the file as a pack folder.
    let pack = dir.write("pack/mine.tsv", &file);
    for lexicon in [path(&out_file), path(pack.parent().unwrap())] {
        let out = run(
            &[
                "eval",
                "--format",
                "json",
                "--lexicon",
                lexicon,
                path(&gold),
            ],
            b"",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let row = &serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0];
        assert_eq!(row["f1"], 1.0, "{row}");
        assert_eq!(row["false_positives"], 0, "{row}");
    }
    let out = run(&["lexicon", "check", "--lexicon", path(&out_file)], b"");
    assert!(!stdout(&out).contains("error"), "{}", stdout(&out));
}

#[test]
fn the_same_seed_gives_the_same_file() {
    let dir = TempDir::new("fitseed");
    let gold = dir.write("gold.tsv", permission_gold());
    let fit = |name: &str, seed: &str| {
        let file = dir.0.join(name);
        let out = hedgescore()
            .args([
                "lexicon",
                "fit",
                "--seed",
                seed,
                path(&gold),
                "-o",
                path(&file),
            ])
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(file).unwrap()
    };
    let first = fit("a.tsv", "7");
    assert!(
        first.starts_with("# Fitted by hedgescore lexicon fit on 2026-01-01 to "),
        "{first}"
    );
    let again = fit("b.tsv", "7");
    // The command line names its own output file.
    assert_eq!(first.replace("a.tsv", "b.tsv"), again);
}

#[test]
fn bad_labels_are_named_and_nothing_is_written() {
    let dir = TempDir::new("fitbad");
    let alternate = |n: usize| -> String {
        (0..n)
            .map(|i| format!("{}\tSentence {i} may be.\n", i % 2))
            .collect()
    };
    let table: &[(&str, String, &str)] = &[
        (
            "slip.tsv",
            format!("{}2\tA slip.\n", alternate(60)),
            "slip.tsv:61: label 2 is not 0 or 1",
        ),
        (
            "one-class.tsv",
            "0\tA sentence.\n".repeat(60),
            "one-class.tsv: no sentence is labelled 1 (uncertain)",
        ),
        (
            "small.tsv",
            alternate(49),
            "small.tsv: 49 labelled sentences; a fit needs at least 50",
        ),
        (
            "words.tsv",
            "yes\tA.\nno\tB.\n".to_string(),
            "words.tsv:2: label \"no\" is not a number",
        ),
    ];
    let target = dir.write("out.tsv", "my own lexicon\n");
    for (name, text, message) in table {
        let gold = dir.write(name, text);
        let out = run(&["lexicon", "fit", path(&gold), "-o", path(&target)], b"");
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "my own lexicon\n",
            "{name}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // -o naming a labelled file would replace the labels with a lexicon.
    let gold = dir.write("gold.tsv", permission_gold());
    let out = run(&["lexicon", "fit", path(&gold), "-o", path(&gold)], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is one of the labelled files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&gold).unwrap(), permission_gold());
    let out = run(
        &[
            "lexicon",
            "fit",
            "--folds",
            "1",
            path(&target),
            "-o",
            path(&target),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 2 to 100"), "{}", stderr(&out));
}

#[test]
fn ratings_are_fitted_for_rank_correlation() {
    let dir = TempDir::new("fitratings");
    // "could" marks the least certain findings here; "may" means nothing.
    let gold: String = (0..90)
        .map(|i| match i % 3 {
            0 => format!("2\tThe drug could help patient {i}.\n"),
            1 => format!("5\tThe drug may be given to patient {i}.\n"),
            _ => format!("4\tPatient {i} went home.\n"),
        })
        .collect();
    let gold = dir.write("ratings.tsv", gold);
    let out_file = dir.0.join("rated.tsv");
    let out = run(&["lexicon", "fit", path(&gold), "-o", path(&out_file)], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("90 rated sentences"), "{report}");
    let fitted_line = report
        .lines()
        .find(|l| l.starts_with("fitted on all"))
        .unwrap();
    let out = run(
        &[
            "eval",
            "--format",
            "json",
            "--lexicon",
            path(&out_file),
            path(&gold),
        ],
        b"",
    );
    let row = &serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0];
    let spearman = row["spearman"].as_f64().unwrap();
    assert_eq!(
        format!("{spearman:.4}"),
        format!("{:.4}", figure(fitted_line, "spearman"))
    );
    // "may" now weighs nothing: its findings tie with the plain ones.
    assert!(spearman > 0.85, "{report}");
}

#[test]
fn proposals_add_an_entry_only_where_it_helps() {
    let dir = TempDir::new("fitpropose");
    // "mayhaps" hedges; the sentences around it occur as often unhedged.
    let gold: String = (0..120)
        .map(|i| match i % 4 {
            0 => format!("1\tMayhaps bay {i} is shut.\n"),
            1 => format!("0\tBay {} is shut.\n", i - 1),
            2 => format!("1\tIt might rain on day {i}.\n"),
            _ => format!("0\tDay {i} is dry.\n"),
        })
        .collect();
    let gold = dir.write("gold.tsv", gold);
    let out_file = dir.0.join("proposed.tsv");
    let out = run(
        &[
            "lexicon",
            "fit",
            "--propose",
            path(&gold),
            "-o",
            path(&out_file),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("kept (mayhaps)"), "{report}");
    let file = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        file.contains("\nmayhaps\t1\tvague_source\t\tproposed by the fit\n"),
        "{file}"
    );
    let out = run(
        &[
            "eval",
            "--format",
            "json",
            "--lexicon",
            path(&out_file),
            path(&gold),
        ],
        b"",
    );
    let row = &serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0];
    assert_eq!(row["f1"], 1.0, "{row}");
}

/// A fitted pack is what the command in its header makes from its
/// training labels: when the default lexicon or the fit changes, this
/// says to rebuild the pack (docs/LEXICON.md, "Rebuilding the packs").
#[test]
fn the_reviews_pack_is_what_its_rebuild_command_makes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("../shared/data/labeled").is_dir() {
        common::skip("../shared not found");
        return;
    }
    let pack = std::fs::read_to_string(root.join("lexicons/reviews/reviews.tsv")).unwrap();
    let command = pack
        .lines()
        .find_map(|l| l.strip_prefix("# Command: hedgescore "))
        .unwrap();
    let dir = TempDir::new("fitpack");
    let rebuilt = dir.0.join("reviews.tsv");
    let mut args: Vec<&str> = command.split(' ').collect();
    let output = args.iter().position(|&a| a == "-o").unwrap() + 1;
    args[output] = path(&rebuilt);
    let out = hedgescore().args(&args).current_dir(root).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // All but the date and the output's name.
    let body = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("# Fitted by") && !l.starts_with("# Command:"))
            .map(str::to_string)
            .collect()
    };
    assert!(
        body(&pack) == body(&std::fs::read_to_string(&rebuilt).unwrap()),
        "lexicons/reviews/reviews.tsv is not what its command makes now; rebuild it with\n  hedgescore {command}\nand record its new figure in tests/accuracy.tsv"
    );
}

/// A lexicon file holds no rule word lists: a fit that started from a
/// folder with one names it in the header, and the file with that folder
/// gives the figures reported.
#[test]
fn word_lists_of_the_start_are_named_in_the_header() {
    let dir = TempDir::new("fitlists");
    // Here "announced" reports nothing: "would" after it is a hedge.
    dir.write("mine/reporting-verbs.txt", "said\ntold\n");
    dir.write(
        "mine/extra.tsv",
        "cue\tweight\tcategory\nperchance\t1\tadverb\n",
    );
    let gold: String = (0..100)
        .map(|i| match i % 4 {
            0 => format!("1\tThe firm announced it would close plant {i}.\n"),
            1 => format!("0\tThe firm said it would close plant {i}.\n"),
            2 => format!("1\tPerchance plant {i} closes.\n"),
            _ => format!("0\tPlant {i} is open.\n"),
        })
        .collect();
    let gold = dir.write("gold.tsv", gold);
    let mine = dir.0.join("mine");
    let out_file = dir.0.join("fitted.tsv");
    let out = run(
        &[
            "lexicon",
            "fit",
            "--lexicon",
            path(&mine),
            path(&gold),
            "-o",
            path(&out_file),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read_to_string(&out_file).unwrap();
    let use_line = file.lines().find(|l| l.starts_with("# Use:")).unwrap();
    assert!(
        use_line.contains("with the word lists the fit used: reporting-verbs (")
            && use_line.contains("reporting-verbs.txt)"),
        "{use_line}"
    );
    let fitted = figure(
        stdout(&out)
            .lines()
            .find(|l| l.starts_with("fitted on all"))
            .unwrap(),
        "F1",
    );
    let out = run(
        &[
            "eval",
            "--format",
            "json",
            "--lexicon",
            path(&mine),
            "--lexicon",
            path(&out_file),
            path(&gold),
        ],
        b"",
    );
    let row = &serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0];
    assert_eq!(
        format!("{:.4}", row["f1"].as_f64().unwrap()),
        format!("{fitted:.4}")
    );
}
