//! The word lists of the rules and the splitter, replaced through
//! `--lexicon`, listed and checked, run through the real binary.

mod common;

use common::{TempDir, run, stderr, stdout};

/// The labels of the sentence rows of `text` scored with `args` added.
fn labels(args: &[&str], text: &str) -> Vec<(String, String)> {
    let mut all = vec!["score", "--level", "sentence", "--format", "jsonl"];
    all.extend_from_slice(args);
    let out = run(&all, text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    common::jsonl_rows(&out)
        .iter()
        .map(|row| {
            let text = row["text"].as_str().unwrap().to_string();
            (text, row["label"].as_str().unwrap().to_string())
        })
        .collect()
}

const REPORTED: &str = "The firm wrote that the plant would close.";

#[test]
fn a_reporting_verb_list_in_a_lexicon_folder_replaces_the_built_in_one() {
    let dir = TempDir::new("reporting-verbs");
    dir.write("mine/reporting-verbs.txt", "# my verbs\nwrote\n");
    let folder = dir.0.join("mine");
    let folder = folder.to_str().unwrap();
    let uncertain = [(REPORTED.to_string(), "uncertain".to_string())];
    let certain = [(REPORTED.to_string(), "certain".to_string())];
    assert_eq!(labels(&[], REPORTED), uncertain);
    assert_eq!(labels(&["--lexicon", folder], REPORTED), certain);
    // The list replaces the built-in one: "said" no longer reports.
    let said = "He said the plant would close.";
    assert_eq!(labels(&[], said)[0].1, "certain");
    assert_eq!(labels(&["--lexicon", folder], said)[0].1, "uncertain");
    // A word list named directly, and after --no-default-lexicon.
    let file = dir.0.join("mine/reporting-verbs.txt");
    let file = file.to_str().unwrap();
    assert_eq!(labels(&["--lexicon", file], REPORTED), certain);
    let cues = dir.write(
        "cues.tsv",
        "cue\tweight\tcategory\trules\nwould\t1\tmodal\tnot_reported\n",
    );
    let cues = cues.to_str().unwrap();
    let alone = ["--no-default-lexicon", "--lexicon", cues];
    assert_eq!(labels(&alone, said)[0].1, "certain");
    assert_eq!(
        labels(&[&alone[..], &["--lexicon", file]].concat(), REPORTED),
        certain
    );
}

const TITLE: &str = "It may rain in Zz. Smith's field. It will.";

#[test]
fn an_abbreviation_list_changes_where_sentences_end() {
    let dir = TempDir::new("abbreviations");
    let list = dir.write("abbreviations.txt", "zz\tprepositive\n");
    let list = list.to_str().unwrap();
    let split = |args: &[&str]| -> Vec<String> {
        labels(args, TITLE)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    };
    assert_eq!(
        split(&[]),
        ["It may rain in Zz.", "Smith's field.", "It will."]
    );
    assert_eq!(
        split(&["--lexicon", list]),
        ["It may rain in Zz. Smith's field.", "It will."]
    );
    let out = run(&["explain", "--lexicon", list, TITLE], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Zz. Smith's field."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn eval_finds_referenced_sentences_as_the_lexicons_splitter_cuts_them() {
    let dir = TempDir::new("eval-references");
    dir.write("articles/a.txt", TITLE);
    let list = dir.write("abbreviations.txt", "zz\tprepositive\n");
    let sentence = "It may rain in Zz. Smith's field.";
    let print = hedgescore::tune::eval::fingerprint(sentence);
    let gold = dir.write(
        "gold.tsv",
        format!(
            "# articles: articles\narticle\tsentence\tfingerprint\tlabel\na.txt\t1\t{print}\t1\n"
        ),
    );
    let gold = gold.to_str().unwrap();
    let out = run(&["eval", gold], b"");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("is not in the article"),
        "{}",
        stderr(&out)
    );
    let out = run(&["eval", "--lexicon", list.to_str().unwrap(), gold], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("sentences 1"), "{}", stdout(&out));
}

#[test]
fn a_listed_word_list_saved_in_a_folder_reads_back_as_the_same_list() {
    let dir = TempDir::new("list-words");
    let out = run(&["lexicon", "list", "--words", "person-words"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(listed.lines().any(|l| l == "citizens"), "{listed}");
    dir.write("mine/person-words.txt", &listed);
    let folder = dir.0.join("mine");
    let folder = folder.to_str().unwrap();
    let again = run(
        &[
            "lexicon",
            "list",
            "--lexicon",
            folder,
            "--words",
            "person-words.txt",
        ],
        b"",
    );
    assert_eq!(stdout(&again), listed);
    let names = stdout(&run(&["lexicon", "list", "--lexicon", folder], b""));
    let line = names
        .lines()
        .find(|l| l.starts_with("# person-words: "))
        .unwrap();
    assert!(
        line.contains("39 entries from ") && line.contains("mine"),
        "{line}"
    );
    let text = "Residents can park here. Smoking can kill.";
    assert_eq!(labels(&["--lexicon", folder], text), labels(&[], text));
}

#[test]
fn lexicon_check_names_the_bad_entries_of_a_word_list() {
    let dir = TempDir::new("check-words");
    dir.write("mine/person-words.txt", "# people\nwe\nour citizens\nWe\n");
    dir.write("mine/notes.txt", "not a word list: ignored\n");
    let folder = dir.0.join("mine");
    let out = run(
        &["lexicon", "check", "--lexicon", folder.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("person-words.txt:3: error: our citizens: "),
        "{text}"
    );
    assert!(
        text.contains("person-words.txt:4: warning: We: listed again (first at line 2)"),
        "{text}"
    );
}

#[test]
fn a_folder_needs_a_lexicon_file_or_a_word_list() {
    let dir = TempDir::new("empty-folder");
    dir.write("mine/notes.txt", "nothing here\n");
    let folder = dir.0.join("mine");
    let out = run(
        &["score", "--lexicon", folder.to_str().unwrap()],
        b"It may rain.",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no word lists (such as reporting-verbs.txt)"),
        "{}",
        stderr(&out)
    );
    let out = run(&["lexicon", "list", "--words", "verbs"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("reporting-verbs"), "{}", stderr(&out));
}

/// Every lexicon and word-list file under `lexicons/`, in any folder.
fn lexicon_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            lexicon_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "tsv" || e == "txt") {
            found.push(path);
        }
    }
}

/// The comment lines before a file's first entry (or header row): what a
/// reader sees before the data when the file opens in a spreadsheet.
fn header_lines(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
        .filter(|line| !line.trim().is_empty())
        .collect()
}

#[test]
fn every_lexicon_file_opens_with_a_header_of_at_most_ten_lines() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    let mut files = Vec::new();
    lexicon_files(&root, &mut files);
    assert!(files.len() > 20, "found only {files:?}");
    let mut bad = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let header = header_lines(&text);
        if header.is_empty() || header.len() > 10 || !text.starts_with('#') {
            bad.push(format!("{}: {} header lines", file.display(), header.len()));
        }
    }
    assert!(
        bad.is_empty(),
        "a lexicon file opens with 1 to 10 comment lines saying what it holds and how to edit it; \
         the rationale of single entries goes in the note column or docs/LEXICON.md:\n{}",
        bad.join("\n")
    );
}

#[test]
fn a_header_counts_comment_lines_up_to_the_first_entry() {
    assert_eq!(header_lines("# a\n\n# b\ncue\tweight\n# c\n").len(), 2);
    assert!(header_lines("cue\tweight\n# later\n").is_empty());
    let long = "# x\n".repeat(11) + "said\n";
    assert_eq!(header_lines(&long).len(), 11);
}
