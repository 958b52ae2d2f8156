//! Tests that run the real `hedgescore` binary.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::{TempDir, hedgescore, jsonl_rows, run, stderr, stdout};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn csv_header(text: &str) -> Vec<String> {
    csv::Reader::from_reader(text.as_bytes())
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn scores_the_sample_article_as_csv_with_stable_columns() {
    let out = run(
        &["score", "--format", "csv", &fixture("sample-article.txt")],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header = csv_header(&text);
    for column in [
        "article",
        "date",
        "sentences",
        "words",
        "uncertain_sentences",
        "uncertain_share",
        "certainty",
    ] {
        assert!(
            header.contains(&column.to_string()),
            "missing {column}: {header:?}"
        );
    }
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), 1);
    let get = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(get("date"), "2025-03-14");
    assert_eq!(get("sentences"), "10");
    let uncertain: usize = get("uncertain_sentences").parse().unwrap();
    assert!(
        (4..=7).contains(&uncertain),
        "uncertain sentences: {uncertain}"
    );
}

#[test]
fn sentence_rows_have_the_documented_columns_and_labels() {
    let out = run(
        &[
            "score",
            "--level",
            "sentence",
            "--format",
            "csv",
            &fixture("sample-article.txt"),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header = csv_header(&text);
    for column in [
        "article",
        "sentence",
        "certainty",
        "label",
        "hedges",
        "boosters",
        "cues",
        "text",
    ] {
        assert!(header.contains(&column.to_string()), "missing {column}");
    }
    let rows = csv_rows(&text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let label_of = |needle: &str| {
        rows.iter()
            .find(|r| r[col("text")].contains(needle))
            .unwrap_or_else(|| panic!("no sentence with {needle:?}"))[col("label")]
        .to_string()
    };
    assert_eq!(label_of("could reopen"), "uncertain");
    assert_eq!(label_of("Some residents speculate"), "uncertain");
    assert_eq!(label_of("approximately 2.4 million"), "uncertain");
    assert_eq!(label_of("Shopkeepers can see"), "certain");
    // Offsets point into the file.
    let file = std::fs::read_to_string(fixture("sample-article.txt")).unwrap();
    let first = &rows[0];
    let (start, end): (usize, usize) = (
        first[col("start")].parse().unwrap(),
        first[col("end")].parse().unwrap(),
    );
    assert!(file[start..end].starts_with("Harbour officials"));
}

#[test]
fn reads_standard_input_and_writes_json() {
    let out = run(
        &["score", "--format", "json"],
        b"The results may be wrong. They are right.",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["article"], "-");
    assert_eq!(rows[0]["sentences"], 2);
    assert_eq!(rows[0]["uncertain_sentences"], 1);
}

#[test]
fn lines_mode_gives_one_row_per_line_in_order_even_for_empty_lines() {
    let out = run(
        &["score", "--lines", "--format", "jsonl"],
        b"It might rain.\n\nIt rains. It pours.\r\nPerhaps.",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = jsonl_rows(&out);
    let labels: Vec<&str> = rows.iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["uncertain", "certain", "certain", "uncertain"]);
    let numbers: Vec<u64> = rows
        .iter()
        .map(|r| r["sentence"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(rows[2]["text"], "It rains. It pours.");
}

#[test]
fn folders_are_scored_recursively_in_name_order_and_bad_files_do_not_stop_the_run() {
    let dir = TempDir::new("folder");
    dir.write("b/second.txt", "It is certain.");
    dir.write("a.txt", "It may be.");
    dir.write("c-latin1.txt", b"Caf\xe9 may open.".as_slice());
    dir.write("d-binary.bin", b"\x00\x01\x02binary".as_slice());
    dir.write(".hidden.txt", "Not scored.");
    let out = run(&["score", "--format", "csv", dir.0.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1), "some input failed");
    let err = stderr(&out);
    assert!(
        err.contains("c-latin1.txt") && err.contains("not valid UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("d-binary.bin") && err.contains("binary"),
        "{err}"
    );
    let rows = csv_rows(&stdout(&out));
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            Path::new(&r[0])
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["a.txt", "second.txt", "c-latin1.txt"]);
}

#[test]
fn a_missing_file_is_named_and_the_others_are_scored() {
    let out = run(
        &[
            "score",
            "--format",
            "csv",
            "/nonexistent/file.txt",
            &fixture("sample-article.txt"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent/file.txt"),
        "{}",
        stderr(&out)
    );
    assert_eq!(csv_rows(&stdout(&out)).len(), 1);
}

#[test]
fn a_malformed_lexicon_is_an_error_naming_file_and_line() {
    let dir = TempDir::new("lexicon");
    let lexicon = dir.write(
        "mine.tsv",
        "cue\tweight\tcategory\nperchance\t1\tadverb\nmaybe 1 adverb\n",
    );
    let out = run(
        &[
            "score",
            "--lexicon",
            lexicon.to_str().unwrap(),
            &fixture("sample-article.txt"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("mine.tsv:3:"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing is scored with a half-read lexicon"
    );
}

#[test]
fn a_user_lexicon_adds_to_or_replaces_the_default() {
    let dir = TempDir::new("userlex");
    let lexicon = dir.write("mine.tsv", "cue\tweight\tcategory\nperchance\t1\tadverb\n");
    let lex = lexicon.to_str().unwrap();
    let added = run(
        &["score", "--lines", "--format", "csv", "--lexicon", lex],
        b"Perchance.\nIt might.\n",
    );
    let labels: Vec<String> = csv_rows(&stdout(&added))
        .iter()
        .map(|r| r[6].to_string())
        .collect();
    assert_eq!(labels, ["uncertain", "uncertain"]);
    let replaced = run(
        &[
            "score",
            "--lines",
            "--format",
            "csv",
            "--no-default-lexicon",
            "--lexicon",
            lex,
        ],
        b"Perchance.\nIt might.\n",
    );
    let labels: Vec<String> = csv_rows(&stdout(&replaced))
        .iter()
        .map(|r| r[6].to_string())
        .collect();
    assert_eq!(labels, ["uncertain", "certain"]);
}

#[test]
fn output_file_is_written_whole_and_replaced_only_on_success() {
    let dir = TempDir::new("output");
    let target = dir.write("out.csv", "old good contents\n");
    let out = run(
        &[
            "score",
            "--format",
            "csv",
            "-o",
            target.to_str().unwrap(),
            &fixture("sample-article.txt"),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("article,"), "{written}");
    // A lexicon error leaves the old file alone and no temporary file behind.
    let bad = dir.write("bad.tsv", "nonsense\n");
    let out = run(
        &[
            "score",
            "--lexicon",
            bad.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
            &fixture("sample-article.txt"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

/// Ctrl-C or a kill ends the process without running destructors: the
/// temporary file of `-o` is removed by a signal handler all the same,
/// the old target is left as it was, and the process dies of the signal,
/// which a shell reports as 128 + its number (130 for SIGINT).
#[test]
fn output_file_is_left_alone_and_no_temporary_file_remains_on_a_signal() {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    let dir = TempDir::new("signal");
    let target = dir.write("out.csv", "old good contents\n");
    let signals = [
        ("INT", 2),
        ("TERM", 15),
        ("HUP", 1),
        ("QUIT", 3),
        ("USR1", 10),
        ("USR2", 12),
        ("ALRM", 14),
        ("XCPU", 24),
        ("XFSZ", 25),
    ];
    for (name, number) in signals {
        let mut child = hedgescore()
            .args(["score", "--lines", "--format", "csv", "-o"])
            .arg(&target)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Input that never ends: the run waits on the pipe with the rows
        // so far in its temporary file (standard input is flushed row by row).
        let mut input = child.stdin.take().unwrap();
        input.write_all(b"It may rain.\n").unwrap();
        input.flush().unwrap();
        // Named after the target and the process, with a random part.
        let prefix = format!(".out.csv.hedgescore-{}-", child.id());
        let temp = || {
            std::fs::read_dir(&dir.0)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    p.file_name()
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .starts_with(&prefix)
                })
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !temp().is_some_and(|t| std::fs::metadata(t).is_ok_and(|m| m.len() > 0)) {
            assert!(
                std::time::Instant::now() < deadline,
                "SIG{name}: no rows in a temporary file"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let kill = std::process::Command::new("sh")
            .args(["-c", &format!("kill -{name} {}", child.id())])
            .status()
            .unwrap();
        assert!(kill.success());
        let out = child.wait_with_output().unwrap();
        drop(input);
        assert_eq!(temp(), None, "SIG{name}: a temporary file was left behind");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "old good contents\n",
            "SIG{name}"
        );
        assert_eq!(
            out.status.signal(),
            Some(number),
            "SIG{name}: {:?} {}",
            out.status,
            stderr(&out)
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["out.csv"]);
}

#[test]
fn broken_pipe_exits_quietly() {
    let dir = TempDir::new("pipe");
    let big: String = "It may rain today.\n".repeat(200_000);
    let input = dir.write("big.txt", &big);
    let mut child = hedgescore()
        .args([
            "score",
            "--lines",
            "--format",
            "csv",
            input.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn eval_reports_precision_recall_and_f1() {
    let dir = TempDir::new("eval");
    let gold = dir.write(
        "gold.tsv",
        "1\tThe protein may bind DNA.\n0\tThe protein binds DNA.\n1\tIt is unclear why.\n0\tCells divide.\n",
    );
    let out = run(&["eval", "--format", "json", gold.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(figures[0]["true_positives"], 2);
    assert_eq!(figures[0]["false_positives"], 0);
    assert_eq!(figures[0]["f1"], 1.0);
    let bad = dir.write("bad.tsv", "1\tA.\nmaybe\tB.\n");
    let out = run(&["eval", bad.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.tsv:2:"), "{}", stderr(&out));
}

/// A gold file of `n` labelled sentences: hedged ones labelled 1, with a
/// few labels the default lexicon gets wrong.
fn mixed_gold(n: usize) -> String {
    (0..n)
        .map(|i| match i % 5 {
            0 => format!("1\tThe protein may bind site {i}.\n"),
            1 => format!("1\tSite {i} is bound.\n"),
            2 => format!("0\tIt might rain on day {i}.\n"),
            _ => format!("0\tThe protein binds site {i}.\n"),
        })
        .collect()
}

#[test]
fn eval_gives_every_figure_a_seeded_interval_in_every_format() {
    let dir = TempDir::new("evalintervals");
    let gold = dir.write("gold.tsv", mixed_gold(100));
    let gold = gold.to_str().unwrap();
    let out = run(&["eval", "--format", "json", gold], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let row = &serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0];
    for figure in ["precision", "recall", "f1", "pearson", "spearman"] {
        let value = row[figure].as_f64().unwrap();
        let pair = row[format!("{figure}_interval")].as_array().unwrap();
        let (low, high) = (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
        assert!(
            low <= value && value <= high && low < high,
            "{figure}: {row}"
        );
    }
    let csv = |seed: &str| {
        stdout(&run(
            &["eval", "--format", "csv", "--seed", seed, gold],
            b"",
        ))
    };
    let table = csv("1");
    let rows = csv_rows(&table);
    let header = csv_header(&table);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let figure = |name: &str| rows[0][at(name)].parse::<f64>().unwrap();
    let (low, f1, high) = (figure("f1_low"), figure("f1"), figure("f1_high"));
    assert!(low < f1 && f1 < high, "{table}");
    assert_eq!(table, csv("1"), "the same seed gives the same intervals");
    assert_ne!(table, csv("2"));
    let text = stdout(&run(&["eval", gold], b""));
    assert!(text.contains("  F1        0.5000  ["), "{text}");
    assert!(
        text.ends_with(
            "[95% intervals: percentile bootstrap, 1000 draws of the sentences, seed 1]\n"
        ),
        "{text}"
    );
}

#[test]
fn eval_of_ratings_gives_intervals_of_the_correlations_only() {
    let dir = TempDir::new("evalratings");
    let rows: String = (0..60)
        .map(|i| match i % 3 {
            0 => format!("2\tThe drug might help patient {i}.\n"),
            1 => format!("5\tThe drug helped patient {i}.\n"),
            _ => format!("4\tPatient {i} went home.\n"),
        })
        .collect();
    let gold = dir.write("ratings.tsv", rows);
    let out = run(&["eval", "--format", "json", gold.to_str().unwrap()], b"");
    let row = &serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0];
    assert_eq!(row["f1_interval"], serde_json::Value::Null);
    assert_eq!(row["spearman_interval"].as_array().unwrap().len(), 2);
    let out = run(&["eval", "--format", "csv", gold.to_str().unwrap()], b"");
    let table = stdout(&out);
    let header = csv_header(&table);
    let row = &csv_rows(&table)[0];
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&row[at("f1_low")], "");
    assert!(!row[at("spearman_low")].is_empty(), "{table}");
}

#[test]
fn lexicon_stats_lists_entries_then_gaps_as_tsv() {
    let dir = TempDir::new("stats");
    let gold = dir.write(
        "gold.tsv",
        "1\tThe protein may bind DNA.\n0\tThe results may be shown in May.\n1\tPerchance it binds.\n1\tPerchance not.\n1\tPerchance so.\n",
    );
    let out = run(&["lexicon", "stats", gold.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("kind\tcue\tcategory\tweight")
    );
    assert!(text.contains("entry\tmay\tmodal"), "{text}");
    assert!(text.contains("phrase\tperchance\t"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["score", "--format", "xml"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["score", "--pack", "nonexistent"], b"x");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nonexistent"));
}

#[test]
fn csv_input_carries_other_columns_and_keeps_one_row_per_input_row() {
    let dir = TempDir::new("csvin");
    let input = dir.write(
        "articles.csv",
        "\u{feff}id,text,outlet,certainty\r\na1,\"The bridge could reopen.\nIt is open.\",Gazette,high\r\na2,,Herald,low\r\na3,\"Officials, clearly, agree.\",\"Post, The\",x\r\n",
    );
    let out = run(
        &[
            "score",
            "--format",
            "csv",
            "--id-column",
            "id",
            input.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header = csv_header(&text);
    assert_eq!(header.last().map(String::as_str), Some("input_certainty"));
    assert!(header.contains(&"outlet".to_string()));
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), 3, "one row per input row");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("article")], "a1");
    assert_eq!(&rows[0][col("sentences")], "2");
    assert_eq!(&rows[0][col("uncertain_sentences")], "1");
    assert_eq!(&rows[1][col("status")], "empty text");
    assert_eq!(&rows[1][col("outlet")], "Herald");
    assert_eq!(&rows[2][col("outlet")], "Post, The");
    assert_eq!(&rows[2][col("boosters")], "1");
}

#[test]
fn csv_without_the_text_column_is_named_and_other_inputs_go_on() {
    let dir = TempDir::new("csvbad");
    let bad = dir.write("bad.csv", "body,outlet\nx,y\n");
    let good = dir.write("good.txt", "It may rain.");
    let out = run(
        &[
            "score",
            "--format",
            "csv",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad.csv:1:") && err.contains("--text-column"),
        "{err}"
    );
    assert_eq!(csv_rows(&stdout(&out)).len(), 1);
}

#[test]
fn jsonl_streaming_filter_gives_one_line_per_input_line_with_fields_carried() {
    let input = b"{\"id\":7,\"text\":\"Some experts say it may fail.\"}\nnot json\n{\"id\":9}\n{\"id\":10,\"text\":\"It works.\"}\n";
    let out = run(
        &[
            "score",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--threads",
            "2",
        ],
        input,
    );
    // The bad line is reported (named by its line) and counted as a failure.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("standard input:2: error: "),
        "{}",
        stderr(&out)
    );
    let rows = jsonl_rows(&out);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["id"], 7);
    assert_eq!(rows[0]["uncertain_sentences"], 1);
    assert!(rows[1]["status"].as_str().unwrap().starts_with("error: "));
    assert_eq!(rows[1]["article"], "-:2");
    assert_eq!(rows[2]["status"], "missing text");
    assert_eq!(rows[3]["status"], "ok");
}

#[test]
fn excel_csv_has_a_bom_and_crlf() {
    let out = run(&["score", "--format", "csv", "--excel"], b"It may rain.");
    assert!(out.status.success());
    assert!(out.stdout.starts_with("\u{feff}article,".as_bytes()));
    let text = stdout(&out);
    assert_eq!(text.matches("\r\n").count(), 2, "{text:?}");
    assert_eq!(text.matches('\n').count(), 2);
}

#[test]
fn scoring_constants_out_of_range_are_usage_errors_in_every_subcommand() {
    let dir = TempDir::new("constants");
    let gold = dir.write("gold.tsv", "1\tIt may rain.\n0\tIt rains.\n");
    let gold = gold.to_str().unwrap();
    // (`lexicon check` and `list` score nothing and take no constants.)
    let subcommands: [&[&str]; 4] = [
        &["score"],
        &["eval", gold],
        &["explain", "It may rain."],
        &["lexicon", "stats", gold],
    ];
    // (flag, bad values, the allowed range the message must state)
    let table: [(&str, &[&str], &str); 3] = [
        ("--neutral", &["nan", "inf", "-0.1", "1.5"], "from 0 to 1"),
        (
            "--alpha",
            &["nan", "inf", "-inf", "0", "-2"],
            "greater than 0",
        ),
        ("--threshold", &["nan", "inf", "-1", "0"], "greater than 0"),
    ];
    for subcommand in subcommands {
        for (flag, values, range) in table {
            for value in values {
                // `--flag=-inf`: a value that does not look like a number
                // after a space is taken for a flag of its own.
                let pair = format!("{flag}={value}");
                let mut args = subcommand.to_vec();
                args.push(&pair);
                let out = run(&args, b"It may rain.");
                let err = stderr(&out);
                assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
                assert!(
                    err.contains(flag) && err.contains(range),
                    "{args:?}: the message names neither the flag nor its range: {err}"
                );
                assert!(out.stdout.is_empty(), "{args:?}");
            }
        }
    }
    // A negative number after a space is a value, so its message too names the range.
    let out = run(&["score", "--alpha", "-2"], b"It may rain.");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("greater than 0"), "{}", stderr(&out));
    // The limits themselves are allowed.
    for (flag, value) in [
        ("--neutral", "0"),
        ("--neutral", "1"),
        ("--alpha", "1e-9"),
        ("--threshold", "0.25"),
    ] {
        let out = run(&["score", flag, value], b"It may rain.");
        assert!(out.status.success(), "{flag} {value}: {}", stderr(&out));
    }
}

/// A gold file with two false positives, one false negative and a hit.
const GOLD_WITH_ERRORS: &str = "0\tIt might rain or it could snow.\n0\tThe protein may bind DNA.\n1\tThe protein binds DNA.\n1\tIt is unclear why.\n";

#[test]
fn eval_errors_in_json_are_data_in_the_one_document() {
    let dir = TempDir::new("evalerrors");
    let gold = dir.write("gold.tsv", GOLD_WITH_ERRORS);
    let out = run(
        &[
            "eval",
            "--format",
            "json",
            "--errors",
            "1",
            gold.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(&out)));
    let file = &figures[0];
    assert_eq!(file["false_positives"], 2);
    // The worst only (--errors 1): the least certain false positive.
    let positives = file["worst_false_positives"].as_array().unwrap();
    assert_eq!(positives.len(), 1, "{file}");
    assert_eq!(positives[0]["line"], 1);
    assert_eq!(positives[0]["text"], "It might rain or it could snow.");
    let certainty = positives[0]["certainty"].as_f64().unwrap();
    assert!(certainty < 0.5, "{certainty}");
    let cues: Vec<&str> = positives[0]["cues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(cues, ["might", "could"]);
    assert_eq!(positives[0]["cues"][0]["category"], "modal");
    let negatives = file["worst_false_negatives"].as_array().unwrap();
    assert_eq!(negatives.len(), 1);
    assert_eq!(negatives[0]["text"], "The protein binds DNA.");
    assert_eq!(negatives[0]["cues"], serde_json::json!([]));
    // Without --errors the figures are all there is.
    let out = run(&["eval", "--format", "json", gold.to_str().unwrap()], b"");
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(figures[0].get("worst_false_positives").is_none());
}

#[test]
fn eval_errors_with_csv_is_a_usage_error_and_text_lists_them() {
    let dir = TempDir::new("evalerrorscsv");
    let gold = dir.write("gold.tsv", GOLD_WITH_ERRORS);
    let gold = gold.to_str().unwrap();
    let out = run(&["eval", "--format", "csv", "--errors", "1", gold], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("--errors") && err.contains("--format json"),
        "{err}"
    );
    let out = run(&["eval", "--errors", "1", gold], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("  false positives (2):\n    line 1 certainty"),
        "{text}"
    );
    assert!(
        text.contains("  false negatives (1):\n    line 3 certainty"),
        "{text}"
    );
}

#[test]
fn a_link_to_a_sibling_folder_is_skipped_with_a_note_and_no_failure() {
    let dir = TempDir::new("siblinglink");
    let tree = dir.0.join("tree");
    dir.write("tree/2022/a.txt", "It may rain.");
    std::os::unix::fs::symlink("2022", tree.join("latest")).unwrap();
    let out = run(&["score", "--format", "csv", tree.to_str().unwrap()], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let rows = csv_rows(&stdout(&out));
    assert_eq!(rows.len(), 1, "scored once: {rows:?}");
    assert!(rows[0][0].ends_with("tree/2022/a.txt"), "{rows:?}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    let (link, first) = (tree.join("latest"), tree.join("2022"));
    assert!(
        lines[0].contains(link.to_str().unwrap()) && lines[0].contains(first.to_str().unwrap()),
        "the note names both paths: {err}"
    );
    assert!(!lines[0].contains("loop"), "{err}");
}

/// The keys of a JSON object, in order and with repeats (a map keeps only
/// the last of two keys of one name, which would hide the clash).
fn json_keys(object: &str) -> Vec<String> {
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                        keys.push(key);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(Visitor)
        }
    }
    serde_json::from_str::<Keys>(object).unwrap().0
}

/// Review finding: a carried column named like a JSON-only key
/// (`by_category`) gave the row two keys of that name, and `article` beside
/// `input_article` were both carried as `input_article`, losing one value
/// and warning that a column of the run's own first input was dropped.
#[test]
fn regression_carried_columns_never_share_a_name_with_ours_or_each_other() {
    let dir = TempDir::new("clash");
    // The carried columns' output names and values.
    type Carried = &'static [(&'static str, &'static str)];
    // (header, row, carried)
    let cases: &[(&str, &str, Carried)] = &[
        (
            "text,by_category",
            "It may rain.,x",
            &[("input_by_category", "x")],
        ),
        (
            "text,article,input_article",
            "It may rain.,x,y",
            &[("input_article_2", "x"), ("input_article", "y")],
        ),
        (
            "text,input_article,article",
            "It may rain.,y,x",
            &[("input_article", "y"), ("input_article_2", "x")],
        ),
        (
            "text,src,src",
            "It may rain.,a,b",
            &[("src", "a"), ("src_2", "b")],
        ),
        (
            "text,cues,start",
            "It may rain.,c,s",
            &[("input_cues", "c"), ("input_start", "s")],
        ),
    ];
    for (header, row, carried) in cases {
        let file = dir.write("in.csv", format!("{header}\n{row}\n"));
        let file = file.to_str().unwrap();
        for level in ["article", "sentence"] {
            for format in ["json", "jsonl"] {
                let out = run(&["score", "--level", level, "--format", format, file], b"");
                assert!(
                    out.status.success(),
                    "{header} {level} {format}: {}",
                    stderr(&out)
                );
                let text = stdout(&out);
                let object = text
                    .lines()
                    .find(|l| l.starts_with('{'))
                    .unwrap_or_else(|| panic!("{header}: no row in {text}"));
                let keys = json_keys(object.trim_end_matches(','));
                let unique: std::collections::HashSet<&String> = keys.iter().collect();
                assert_eq!(
                    unique.len(),
                    keys.len(),
                    "{header} {level} {format}: {keys:?}"
                );
                let value: serde_json::Value =
                    serde_json::from_str(object.trim_end_matches(',')).unwrap();
                for (name, expected) in *carried {
                    assert_eq!(
                        value[name], *expected,
                        "{header} {level} {format}: {object}"
                    );
                }
            }
            let out = run(&["score", "--level", level, "--format", "csv", file], b"");
            assert!(
                out.status.success(),
                "{header} {level} csv: {}",
                stderr(&out)
            );
            let header_out = csv_header(&stdout(&out));
            let unique: std::collections::HashSet<&String> = header_out.iter().collect();
            assert_eq!(
                unique.len(),
                header_out.len(),
                "{header} {level}: {header_out:?}"
            );
            let rows = csv_rows(&stdout(&out));
            for (name, expected) in *carried {
                let at = header_out.iter().position(|h| h == name).unwrap();
                assert_eq!(&rows[0][at], *expected, "{header} {level} csv");
            }
        }
    }
}

#[test]
fn a_later_table_fills_the_runs_columns_by_their_input_names() {
    let dir = TempDir::new("later");
    let first = dir.write("a.csv", "text,article,src\nIt may rain.,a1,wire\n");
    let second = dir.write("b.csv", "src,extra,text,article\npaper,e,It rains.,b1\n");
    let out = run(
        &[
            "score",
            "--format",
            "jsonl",
            first.to_str().unwrap(),
            second.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("b.csv:2: columns extra are not carried"),
        "{}",
        stderr(&out)
    );
    let rows = jsonl_rows(&out);
    assert_eq!(
        (&rows[0]["input_article"], &rows[0]["src"]),
        (&"a1".into(), &"wire".into())
    );
    assert_eq!(
        (&rows[1]["input_article"], &rows[1]["src"]),
        (&"b1".into(), &"paper".into())
    );
    assert!(rows[1].get("extra").is_none());
}

/// Review finding: a table row's text skipped the `date YYYY-MM-DD` header
/// step of file and standard-input text: no date, and the line scored.
#[test]
fn regression_a_table_rows_date_header_is_read_as_a_files_is() {
    let dir = TempDir::new("tabledate");
    let text = "date 2022-06-06\nOfficials said the border may close. Troops are massing.\n";
    let file = dir.write("a.txt", text);
    let csv_text = text.replace('"', "\"\"");
    let csv = dir.write("b.csv", format!("text,date\n\"{csv_text}\",2021-01-01\n"));
    let object = serde_json::json!({"text": text, "date": "2021-01-01"});
    let jsonl = dir.write("c.jsonl", format!("{object}\n"));
    let paths = [&file, &csv, &jsonl].map(|p| p.to_str().unwrap().to_string());
    // Each on its own: a run's carried columns are those of its first input.
    let score = |level: &str| {
        let mut rows = Vec::new();
        for path in &paths {
            let out = run(&["score", "--format", "jsonl", "--level", level, path], b"");
            assert!(out.status.success(), "{}", stderr(&out));
            rows.extend(jsonl_rows(&out));
        }
        rows
    };
    let rows = score("article");
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["date"], "2022-06-06", "{row}");
        assert_eq!(row["words"], rows[0]["words"], "{row}");
        assert_eq!(row["sentences"], 2, "{row}");
    }
    // The table's own date column is carried beside the header's date.
    assert_eq!(rows[1]["input_date"], "2021-01-01");
    assert_eq!(rows[2]["input_date"], "2021-01-01");
    let rows = score("sentence");
    assert_eq!(rows.len(), 6);
    for row in &rows {
        assert_eq!(row["date"], "2022-06-06", "{row}");
        assert!(!row["text"].as_str().unwrap().contains("2022"), "{row}");
    }
    // Offsets count in the text the row came from, header included.
    let start = text.find("Officials").unwrap();
    for row in rows.iter().step_by(2) {
        assert_eq!(row["start"], start, "{row}");
    }
}

/// Review finding: a blank line of JSON lines input got a row of its own,
/// with a status (`empty line`) the README did not list. A blank line
/// between records is no record, so it gets no row, as in CSV; the rows
/// keep the numbers of the lines they came from.
#[test]
fn regression_blank_lines_of_json_lines_input_get_no_row() {
    let input = b"\n{\"id\":1,\"text\":\"It may rain.\"}\n\n  \r\n{\"id\":2,\"text\":\"\"}\n\n";
    for threads in ["1", "2"] {
        let args = [
            "score",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--threads",
            threads,
        ];
        let out = run(&args, input);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let rows = jsonl_rows(&out);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(
            (&rows[0]["article"], &rows[0]["id"]),
            (&"-:2".into(), &1.into())
        );
        assert_eq!(rows[0]["status"], "ok");
        assert_eq!(
            (&rows[1]["article"], &rows[1]["id"]),
            (&"-:5".into(), &2.into())
        );
        assert_eq!(rows[1]["status"], "empty text");
    }
}

#[test]
fn regression_threads_beyond_the_cores_are_cut_to_them_and_zero_means_all() {
    let started = std::time::Instant::now();
    for threads in ["100000000", "4294967296", &usize::MAX.to_string(), "0"] {
        let out = run(&["score", "--threads", threads], b"It may rain.\n");
        assert_eq!(out.status.code(), Some(0), "{threads}: {}", stderr(&out));
        assert!(stdout(&out).contains("1/1"), "{threads}: {}", stdout(&out));
        if threads != "0" {
            assert!(
                stderr(&out).contains("cores here; using"),
                "{}",
                stderr(&out)
            );
        }
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
