//! The everyday command line as a new user meets it: the table in an
//! 80-column terminal, the progress line, the format taken from `-o`, a
//! run that waits for standard input, and help that points at nothing the
//! user does not have.

mod common;

use std::process::{Command, Stdio};

use common::{TempDir, hedgescore, run, stderr, stdout};

const ARTICLE: &str = "date 2024-03-01\nOfficials say the bridge could reopen in May, \
though engineers are not yet convinced. It is open to walkers. Some analysts \
suggest repairs might cost about 2 million pounds, possibly more.";

/// Runs `hedgescore ARGS` in a pseudo-terminal (`script`), feeding it
/// `stdin`; `None` where `script` is not there.
fn in_terminal(args: &str, stdin: &[u8]) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_hedgescore");
    let mut child = Command::new("script")
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .env("COLUMNS", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    use std::io::Write;
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn regression_the_table_fits_an_80_column_terminal() {
    let dir = TempDir::new("table-80");
    let long = dir.write(
        "a-rather-long-folder-name/with-another-inside/belarus-border-2022-06-06.txt",
        ARTICLE.repeat(3),
    );
    for level in ["article", "sentence"] {
        let out = hedgescore()
            .args(["score", "--level", level])
            .arg(&long)
            .env_remove("COLUMNS")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.lines().count() > 2, "{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{level}: {line:?}");
        }
        // Nothing is lost to the width at sentence level: the text wraps.
        if level == "sentence" {
            let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                words.contains("though engineers are not yet convinced"),
                "{text}"
            );
        }
    }
}

#[test]
fn a_wider_terminal_gets_a_wider_table() {
    let dir = TempDir::new("table-wide");
    let input = dir.write("a.txt", ARTICLE.repeat(3));
    let out = hedgescore()
        .args(["score", "--level", "sentence"])
        .arg(&input)
        .env("COLUMNS", "120")
        .output()
        .unwrap();
    let widest = stdout(&out).lines().map(|l| l.chars().count()).max();
    assert!(widest > Some(80) && widest <= Some(120), "{widest:?}");
}

#[test]
fn regression_a_quick_run_shows_no_progress_line() {
    let dir = TempDir::new("progress-quick");
    let paths: Vec<String> = (1..=3)
        .map(|i| {
            let path = dir.write(&format!("{i}.txt"), format!("It may rain {i}."));
            path.display().to_string()
        })
        .collect();
    let Some(out) = in_terminal(&format!("score {}", paths.join(" ")), b"") else {
        common::skip("no `script` to run hedgescore in a terminal");
        return;
    };
    assert!(!out.contains("inputs,"), "{out}");
    assert!(out.starts_with("article"), "{out}");
}

#[test]
fn regression_waiting_on_a_terminal_says_it_reads_standard_input() {
    let Some(out) = in_terminal("score", b"It may rain.\n\x04") else {
        common::skip("no `script` to run hedgescore in a terminal");
        return;
    };
    assert!(out.contains("reading standard input"), "{out}");
    assert!(out.contains("Ctrl-D"), "{out}");
    // Piped input needs no such word.
    let piped = run(&["score"], b"It may rain.\n");
    assert!(!stderr(&piped).contains("reading standard input"));
}

#[test]
fn regression_the_output_format_follows_the_extension_of_o() {
    let dir = TempDir::new("format-extension");
    let input = dir.write("a.txt", ARTICLE);
    let cases = [
        ("out.csv", "article,date,status"),
        ("out.json", "[\n{\"article\""),
        ("out.jsonl", "{\"article\""),
        ("report.html", "<!doctype html>"),
        ("out.txt", "article "),
        ("out.unknown", "article "),
    ];
    for (name, start) in cases {
        let target = dir.0.join(name);
        let out = hedgescore()
            .args(["score", "-o"])
            .arg(&target)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let written = std::fs::read_to_string(&target).unwrap();
        assert!(written.starts_with(start), "{name}: {written}");
    }
    let out = hedgescore()
        .args(["score", "--format", "csv", "-o"])
        .arg(dir.0.join("report.html"))
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("contradicts"), "{}", stderr(&out));
}

#[test]
fn regression_lexicon_list_and_check_take_no_scoring_constants() {
    for command in ["list", "check"] {
        for flag in ["--alpha", "--neutral", "--threshold"] {
            let out = run(&["lexicon", command, flag, "0.5"], b"");
            assert_eq!(out.status.code(), Some(2), "{command} {flag}");
        }
    }
}

#[test]
fn help_lists_the_packs_and_points_at_nothing_outside_the_install() {
    let subcommands: &[&[&str]] = &[
        &[],
        &["score"],
        &["eval"],
        &["explain"],
        &["lexicon"],
        &["lexicon", "check"],
        &["lexicon", "list"],
        &["lexicon", "stats"],
        &["lexicon", "fit"],
    ];
    for subcommand in subcommands {
        let mut args = subcommand.to_vec();
        args.push("--help");
        let out = run(&args, b"");
        let help = stdout(&out);
        assert!(!help.contains("../shared"), "{args:?}");
        if subcommand == &["score"] {
            for pack in ["science", "weasel", "reviews"] {
                assert!(help.contains(&format!("{pack}: ")), "{pack}");
            }
        }
    }
}

#[test]
fn regression_weight_0_switches_an_entry_off_everywhere() {
    let dir = TempDir::new("weight-0");
    let lexicon = dir.write("off.tsv", "cue\tweight\tcategory\nmay\t0\tmodal\n");
    let input = dir.write("a.txt", "It may rain. It might rain.");
    let lexicon = lexicon.to_str().unwrap();
    let input = input.to_str().unwrap();
    let out = run(
        &["score", "--format", "json", "--lexicon", lexicon, input],
        b"",
    );
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let row = &rows[0];
    assert_eq!(row["hedges"], 1, "{row}");
    assert_eq!(row["by_category"]["modal"], 1, "{row}");
    let top = row["top_cues"].to_string();
    assert!(top.contains("might") && !top.contains("may"), "{top}");
    let out = run(
        &[
            "score",
            "--level",
            "sentence",
            "--format",
            "csv",
            "--lexicon",
            lexicon,
            input,
        ],
        b"",
    );
    assert!(!stdout(&out).contains("may("), "{}", stdout(&out));
}

#[test]
fn regression_explain_and_sentence_rows_place_a_sentence_at_the_same_bytes() {
    let dir = TempDir::new("explain-offsets");
    let input = dir.write(
        "dated.txt",
        "\u{feff}date 2024-01-01\nIt rains. It may rain today in the hills.\n",
    );
    let rows = run(
        &[
            "score",
            "--level",
            "sentence",
            "--format",
            "csv",
            input.to_str().unwrap(),
        ],
        b"",
    );
    let spans: Vec<String> = stdout(&rows)
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            format!("bytes {}..{}", fields[3], fields[4])
        })
        .collect();
    let text = std::fs::read(&input).unwrap();
    let explained = run(&["explain"], &text);
    for span in &spans {
        assert!(
            stdout(&explained).contains(span.as_str()),
            "{span}: {}",
            stdout(&explained)
        );
    }
    assert_eq!(spans.len(), 2);
}
