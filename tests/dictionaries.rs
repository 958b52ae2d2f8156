//! Dictionaries researchers already have (LIWC `.dic` and `.dicx`), the
//! categories of their own they bring, and the LIWC-style measures, run
//! through the real binary. The dictionaries here are made up for the
//! tests.

mod common;

use common::{TempDir, hedgescore, stdout};

/// A made-up dictionary in the LIWC 2007/2015 form: a wildcard, a phrase,
/// a word in two categories and a negation category.
const DIC: &str = "%\n1\ttentat\n2\tcertitude\n3\tnegate\n4\tcogproc\n%\n\
perhaps\t1\t4\nhope*\t1\nkind of\t1\nsure\t2\ndefinite*\t2\nnot\t3\n";

/// One article: tentat "Perhaps", "hoped", "kind of"; certitude "sure"
/// twice and "definitely"; negate "not"; cogproc "Perhaps". 23 words in 4
/// sentences.
const TEXT: &str = "Perhaps it will rain. I am sure it will, and I hoped so. \
It is kind of definitely wet. It is not sure.\n";

/// Scores `TEXT` with the dictionary and `flags`, as CSV article rows.
fn score_with_dictionary(dir: &TempDir, flags: &[&str]) -> (Vec<String>, Vec<String>) {
    let dic = dir.write("mine.dic", DIC);
    let text = dir.write("a.txt", TEXT);
    let out = hedgescore()
        .args([
            "score",
            "--format",
            "csv",
            "--no-default-lexicon",
            "--lexicon",
        ])
        .arg(&dic)
        .args(flags)
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    let mut lines = text.lines();
    let split = |line: &str| -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        record.iter().map(str::to_string).collect()
    };
    let header = split(lines.next().unwrap());
    let row = split(lines.next().unwrap());
    assert_eq!(lines.next(), None);
    (header, row)
}

fn cell<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header.iter().position(|h| h == name);
    &row[i.unwrap_or_else(|| panic!("no column {name} in {header:?}"))]
}

#[test]
fn a_liwc_dictionary_with_custom_categories_counts_and_scores_them() {
    let dir = TempDir::new("dic-declared");
    let flags = [
        "--category",
        "tentat=hedge:1",
        "--category",
        "certitude=booster:2",
        "--category",
        "negate=negator",
    ];
    let (header, row) = score_with_dictionary(&dir, &flags);
    // The built-in columns first, then the dictionary's, in its order.
    let counts: Vec<&str> = header[13..header.len() - 2]
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        counts,
        [
            "modal",
            "verb",
            "adjective",
            "adverb",
            "approximator",
            "vague_source",
            "conditional",
            "booster",
            "tentat",
            "certitude",
            "negate",
            "cogproc"
        ]
    );
    let get = |name| cell(&header, &row, name);
    // (column, value): cogproc counts "Perhaps" (filed under two) and
    // moves nothing; "not sure" turns a certitude cue into a hedge.
    let expected = [
        ("tentat", "3"),
        ("certitude", "3"),
        ("negate", "1"),
        ("cogproc", "1"),
        ("hedges", "4"),
        ("boosters", "2"),
        ("uncertain_sentences", "2"),
        ("least_certain", "It is not sure."),
    ];
    for (name, value) in expected {
        assert_eq!(get(name), value, "{name}");
    }
}

#[test]
fn an_undeclared_dictionary_category_is_counted_and_moves_nothing() {
    let dir = TempDir::new("dic-undeclared");
    let (header, row) = score_with_dictionary(&dir, &[]);
    let get = |name| cell(&header, &row, name);
    for (name, value) in [
        ("tentat", "3"),
        ("certitude", "3"),
        ("negate", "1"),
        ("hedges", "0"),
        ("boosters", "0"),
        ("certainty", "0.7500"),
    ] {
        assert_eq!(get(name), value, "{name}");
    }
}

#[test]
fn liwc_measures_are_percentages_of_words() {
    let dir = TempDir::new("dic-measures");
    let flags = ["--category", "tentat=hedge", "--measures", "liwc"];
    let (header, row) = score_with_dictionary(&dir, &flags);
    let get = |name| cell(&header, &row, name);
    // 23 words, 4 sentences; tentat 4 words ("kind of" is two), certitude
    // 3, negate 1, cogproc 1 ("Perhaps", also tentat): 8 words covered.
    let expected = [
        ("words", "23"),
        ("words_per_sentence", "5.7500"),
        ("tentat_pct", "17.3913"),
        ("certitude_pct", "13.0435"),
        ("negate_pct", "4.3478"),
        ("cogproc_pct", "4.3478"),
        ("modal_pct", "0.0000"),
        ("dictionary_words_pct", "34.7826"),
        ("hedges_per_1000_words", "130.4348"),
    ];
    for (name, value) in expected {
        assert_eq!(get(name), value, "{name}");
    }
    let measures = header.iter().position(|h| h == "words_per_sentence");
    let counts_end = header.iter().position(|h| h == "cogproc");
    assert_eq!(measures, counts_end.map(|i| i + 1), "{header:?}");
}

#[test]
fn a_dicx_dictionary_and_a_categories_file_in_a_folder() {
    let dir = TempDir::new("dicx-folder");
    dir.write(
        "lex/words.dicx",
        "DicTerm,tentat,certitude\nperhaps,X,\n\"kind of\",X,\ndefinite*,,X\n",
    );
    // Named to sort after the dictionary: categories files are read first.
    dir.write(
        "lex/zz-categories.tsv",
        "# effects of my categories\ncategory\teffect\tweight\ntentat\thedge\t0.5\ncertitude\tbooster\t\n",
    );
    // A lexicon file may use the declared categories.
    dir.write("lex/extra.tsv", "cue\tweight\tcategory\nmaybe\t2\ttentat\n");
    let text = dir.write("a.txt", "Perhaps maybe it is definitely so.\n");
    let out = hedgescore()
        .args(["explain", "--no-default-lexicon", "--lexicon"])
        .arg(dir.0.join("lex"))
        .stdin(std::fs::File::open(&text).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let shown = stdout(&out);
    for line in [
        "Perhaps     tentat     0.5     hedge",
        "maybe       tentat     2       hedge",
        "definitely  certitude  1       boost",
    ] {
        assert!(shown.contains(line), "{line:?} in\n{shown}");
    }
}

#[test]
fn wildcards_match_words_that_start_with_them() {
    // (text, words the dictionary's `hope*` and `definite*` match)
    let table: &[(&str, &[&str])] = &[
        (
            "hope hopes hoped hopeful",
            &["hope", "hopes", "hoped", "hopeful"],
        ),
        ("Hopefully, HOPE!", &["Hopefully", "HOPE"]),
        ("hop ahope shope", &[]),
        (
            "definite definitely indefinite",
            &["definite", "definitely"],
        ),
        ("hope-less", &["hope"]),
    ];
    let dir = TempDir::new("dic-wildcards");
    let dic = dir.write("mine.dic", DIC);
    for (text, matched) in table {
        let out = hedgescore()
            .args(["score", "--level", "sentence", "--format", "jsonl"])
            .args(["--no-default-lexicon", "--lexicon"])
            .arg(&dic)
            .args(["--lines", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(text.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        let row: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        let found: Vec<&str> = row["cues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(found, *matched, "{text:?}");
    }
}

#[test]
fn malformed_dictionary_lines_are_errors_naming_file_and_line() {
    // (file name, contents, the line named, a phrase of the message)
    let table: &[(&str, &str, &str, &str)] = &[
        (
            "a.dic",
            "%\n1\ttentat\n%\nperhaps\t9\n",
            ":4:",
            "not in the table",
        ),
        ("b.dic", "1\ttentat\n", ":1:", "begins with a line"),
        (
            "c.dic",
            "%\n1\ttentat\n%\nok\t1\nlike\t(02 134)1/5\n",
            ":5:",
            "conditional",
        ),
        ("d.dic", "%\n1\ttentat\nperhaps\t1\n", ":3:", "closing '%'"),
        ("d2.dic", "%\n1\ttentat\n", ":2:", "never closed"),
        ("e.dicx", "DicTerm,tentat\nperhaps,0.7\n", ":2:", "weighted"),
        (
            "f.tsv",
            "cue\tweight\tcategory\nperhaps\t1\ttentat\n",
            ":2:",
            "unknown category",
        ),
        (
            "g.tsv",
            "category\teffect\ntentat\tsometimes\n",
            ":2:",
            "unknown effect",
        ),
    ];
    let dir = TempDir::new("dic-malformed");
    for (name, contents, line, phrase) in table {
        let path = dir.write(name, contents);
        let out = hedgescore()
            .args(["score", "--lexicon"])
            .arg(&path)
            .arg("-")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        let named = format!("{}{line}", path.display());
        assert!(err.contains(&named), "{name}: {named} in {err}");
        assert!(err.contains(phrase), "{name}: {phrase} in {err}");
    }
}

#[test]
fn usage_errors_of_categories_and_measures() {
    let dir = TempDir::new("dic-usage");
    let clash = dir.write("clash.dic", "%\n1\twords\n%\nperhaps\t1\n");
    let text = dir.write("a.txt", TEXT);
    // (arguments, a phrase of the message)
    let table: &[(Vec<&str>, &str)] = &[
        (
            vec![
                "score",
                "--format",
                "csv",
                "--lexicon",
                clash.to_str().unwrap(),
            ],
            "has the name of another column",
        ),
        (vec!["score", "--category", "modal=booster"], "built-in"),
        (vec!["score", "--category", "tentat"], "NAME=EFFECT"),
        (
            vec![
                "score",
                "--measures",
                "liwc",
                "--level",
                "sentence",
                "--format",
                "csv",
            ],
            "--measures",
        ),
        (
            vec!["score", "--measures", "liwc", "--format", "text"],
            "--measures",
        ),
    ];
    for (args, phrase) in table {
        let out = hedgescore().args(args).arg(&text).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(phrase), "{args:?}: {phrase} in {err}");
    }
}

#[test]
fn a_listing_and_its_categories_read_back_into_the_same_entries() {
    let dir = TempDir::new("dic-list");
    let dic = dir.write("mine.dic", DIC);
    let list = |lexicons: &[&std::path::Path], extra: &[&str]| {
        let mut command = hedgescore();
        command.args(["lexicon", "list", "--no-default-lexicon"]);
        for path in lexicons {
            command.arg("--lexicon").arg(path);
        }
        let out = command
            .args(["--category", "tentat=hedge:0.5"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        stdout(&out)
    };
    let entries = list(&[&dic], &[]);
    let categories = list(&[&dic], &["--categories"]);
    assert!(
        categories.contains("tentat\thedge\t0.5\tdeclared\n"),
        "{categories}"
    );
    assert!(
        entries.contains("perhaps\t0.5\ttentat,cogproc\t"),
        "{entries}"
    );
    let listed = dir.write("listed.tsv", &entries);
    let declared = dir.write("categories.tsv", &categories);
    // Without the note column, which says where each entry was read.
    let fields = |listing: &str| -> Vec<String> {
        (listing.lines())
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').take(4).collect::<Vec<_>>().join("\t"))
            .collect()
    };
    assert_eq!(fields(&list(&[&declared, &listed], &[])), fields(&entries));
}

#[test]
fn an_own_category_never_takes_a_class_of_the_html_style() {
    let dir = TempDir::new("dic-html");
    let dic = dir.write("f.dic", "%\n1\tflipped\n%\nflipped\t1\n");
    let text = dir.write("a.txt", "It is flipped, maybe.\n");
    let out = hedgescore()
        .args(["score", "--format", "html", "--lexicon"])
        .arg(&dic)
        .arg(&text)
        .output()
        .unwrap();
    let page = stdout(&out);
    assert!(page.contains("<mark class=\"cue own-flipped\""), "{page}");
    assert!(page.contains("<mark class=\"cue adverb\""), "{page}");
}
