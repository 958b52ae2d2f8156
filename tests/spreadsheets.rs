//! Spreadsheets: the formula guard of CSV output, Excel workbooks in and
//! out, and bad workbooks.

mod common;

use common::{TempDir, jsonl_rows, run, stderr, stdout};

/// Texts a spreadsheet would run as formulas if written as they are.
const HOSTILE_ID: &str = "=HYPERLINK(\"http://x\",\"click\")";

/// A CSV table whose id, text and carried cells begin as formulas, with a
/// carried number that must stay a number.
fn hostile_table() -> String {
    let mut table = String::from("id,text,note,score\n");
    table.push_str(&format!("\"{}\",", HOSTILE_ID.replace('"', "\"\"")));
    table.push_str("\"\t=1+2 is what it may cost.\",@cmd,-3\n");
    table.push_str("+cmd,\"It rains. -- It may pour.\",-,+0.5\n");
    table
}

/// True when a spreadsheet could take `field` for a formula.
fn begins_as_formula(field: &str) -> bool {
    let number = field.parse::<f64>().is_ok() && !field.contains(char::is_alphabetic);
    match field.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => field != "-" && !number,
        _ => false,
    }
}

fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn no_csv_cell_begins_as_a_formula_and_hostile_texts_survive_after_an_apostrophe() {
    let table = hostile_table();
    for level in ["article", "sentence"] {
        let args = [
            "score",
            "--format",
            "csv",
            "--id-column",
            "id",
            "--input-format",
            "csv",
        ];
        let out = run(&[&args[..], &["--level", level]].concat(), table.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        for record in csv_records(&text) {
            for field in &record {
                assert!(!begins_as_formula(field), "{level}: {field:?} in {text}");
            }
        }
        let fields: Vec<String> = csv_records(&text)
            .iter()
            .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
        for kept in [
            format!("'{HOSTILE_ID}"),
            "'@cmd".into(),
            "-3".into(),
            "+0.5".into(),
            "-".into(),
            "'+cmd".into(),
        ] {
            assert!(fields.contains(&kept), "{level}: no {kept:?} in {text}");
        }
        if level == "sentence" {
            // The tab was folded away, then the guard went before the `=`.
            assert!(fields.contains(&"'=1+2 is what it may cost.".to_string()));
            assert!(fields.contains(&"'-- It may pour.".to_string()), "{text}");
        }
    }
}

#[test]
fn raw_cells_and_json_keep_every_text_as_it_is() {
    let table = hostile_table();
    let args = [
        "score",
        "--id-column",
        "id",
        "--input-format",
        "csv",
        "--level",
        "sentence",
    ];
    let out = run(
        &[&args[..], &["--format", "csv", "--raw-cells"]].concat(),
        table.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let fields: Vec<String> = csv_records(&text)
        .iter()
        .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for raw in [HOSTILE_ID, "@cmd", "=1+2 is what it may cost.", "+cmd"] {
        assert!(fields.iter().any(|f| f == raw), "no {raw:?} in {text}");
    }
    let out = run(
        &[&args[..], &["--format", "jsonl"]].concat(),
        table.as_bytes(),
    );
    let rows = jsonl_rows(&out);
    assert_eq!(rows[0]["article"], HOSTILE_ID);
    assert_eq!(rows[0]["note"], "@cmd");
    assert_eq!(rows[0]["text"], "=1+2 is what it may cost.");
}

/// A lexicon file is read back by hedgescore, not by a spreadsheet: its
/// listing keeps cues that begin as formulas, and reads back the same;
/// the statistics table, which people open in spreadsheets, guards them.
#[test]
fn a_lexicon_listing_round_trips_cues_that_begin_as_formulas() {
    let dir = TempDir::new("guard-lexicon");
    let lexicon = dir.write(
        "mine.tsv",
        "cue\tweight\tcategory\n-ish\t1\tapproximator\n=maybe\t0.5\tmodal\n@perhaps\t1\tadverb\n",
    );
    let list = |lexicon: &std::path::Path| {
        let lexicon = lexicon.to_str().unwrap();
        let out = run(
            &[
                "lexicon",
                "list",
                "--no-default-lexicon",
                "--lexicon",
                lexicon,
            ],
            b"",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let first = list(&lexicon);
    let entries = |listing: &str| -> Vec<String> {
        listing
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').take(3).collect::<Vec<_>>().join("\t"))
            .collect()
    };
    assert!(
        entries(&first).contains(&"=maybe\t0.5\tmodal".to_string()),
        "{first}"
    );
    let again = list(&dir.write("listed.tsv", &first));
    assert_eq!(entries(&again), entries(&first));

    let gold = dir.write("gold.tsv", "1\tIt is =maybe so.\n0\tIt is so.\n");
    let out = run(
        &[
            "lexicon",
            "stats",
            "--no-default-lexicon",
            "--lexicon",
            lexicon.to_str().unwrap(),
            gold.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stats = stdout(&out);
    assert!(stats.contains("\t'=maybe\t"), "{stats}");
    for line in stats.lines() {
        for field in line.split('\t') {
            assert!(!begins_as_formula(field), "{field:?} in {stats}");
        }
    }
}

/// The rows of the first sheet of the workbook at `path`.
fn workbook_rows(path: &std::path::Path) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn xlsx_output_has_typed_cells_at_both_levels() {
    use calamine::Data;
    let dir = TempDir::new("xlsx-out");
    let input = dir.write("in.csv", hostile_table());
    for (level, columns) in [("article", 25), ("sentence", 15)] {
        let out = dir.0.join(format!("{level}.xlsx"));
        let args = [
            "score",
            "--format",
            "xlsx",
            "--id-column",
            "id",
            "--level",
            level,
        ];
        let path_args = [input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        let run = run(&[&args[..], &path_args].concat(), b"");
        assert!(run.status.success(), "{}", stderr(&run));
        let rows = workbook_rows(&out);
        assert_eq!(rows[0].len(), columns, "{:?}", rows[0]);
        assert_eq!(rows[0][0], Data::String("article".into()));
        // Text is text, whatever it begins with: no apostrophe, no formula.
        assert_eq!(rows[1][0], Data::String(HOSTILE_ID.into()));
        let last = rows[1].len() - 1;
        // The carried "-3" was CSV text; as a number it shows the same.
        assert_eq!(rows[1][last], Data::Float(-3.0));
        assert!(rows[1].contains(&Data::String("@cmd".into())));
        let certainty = if level == "article" { 7 } else { 5 };
        assert!(matches!(rows[1][certainty], Data::Float(x) if (0.0..=1.0).contains(&x)));
        assert!(matches!(rows[1][3], Data::Float(_)), "{:?}", rows[1][3]);
    }
}

/// Dates are date cells; `-o FILE.xlsx` alone asks for a workbook.
#[test]
fn xlsx_dates_are_dates() {
    let dir = TempDir::new("xlsx-dates");
    let input = dir.write("a.txt", "date 2024-03-05\nIt may rain.");
    let out = dir.0.join("a.xlsx");
    let run = run(
        &[
            "score",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let rows = workbook_rows(&out);
    let calamine::Data::DateTime(date) = &rows[1][1] else {
        panic!("{:?}", rows[1][1]);
    };
    let (year, month, day, ..) = date.to_ymd_hms_milli();
    assert_eq!((year, month, day), (2024, 3, 5));
}

#[test]
fn xlsx_goes_into_a_pipe_but_never_to_a_terminal() {
    let out = run(&["score", "--format", "xlsx"], b"It may rain.");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK"), "not a zip file");
    // `script` gives the command a terminal for its output.
    let exe = env!("CARGO_BIN_EXE_hedgescore");
    let script = std::process::Command::new("script")
        .args(["-qec", &format!("{exe} score --format xlsx"), "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output();
    match script {
        Err(e) => common::skip(format!("no `script` to give a terminal ({e})")),
        Ok(out) => {
            let shown = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(2), "{shown}");
            assert!(shown.contains("-o FILE.xlsx"), "{shown}");
            assert!(!shown.contains("PK"), "{shown}");
        }
    }
}

/// A worksheet holds 1,048,576 rows: one more is an error naming the limit
/// and the formats without one, and the file already there is left whole.
#[test]
fn xlsx_above_the_row_limit_is_an_error_and_nothing_is_half_written() {
    let dir = TempDir::new("xlsx-limit");
    let lines = dir.write(
        "lines.txt",
        "a\n".repeat(hedgescore::output::XLSX_MAX_ROWS as usize),
    );
    let out = dir.write("out.xlsx", "the previous run's workbook");
    let run = run(
        &[
            "score",
            "--lines",
            "--format",
            "xlsx",
            "-j2",
            lines.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(run.status.code(), Some(2));
    let message = stderr(&run);
    assert!(message.contains("1,048,576 rows"), "{message}");
    assert!(
        message.contains("--format csv") && message.contains("--format jsonl"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the previous run's workbook"
    );
    let mut left: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["lines.txt", "out.xlsx"]);
}

/// A workbook as another program writes one: a header, text, numbers,
/// a date, a boolean, an empty row, a row without text, a second sheet.
fn articles_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet().set_name("Articles").unwrap();
    for (col, name) in ["id", "text", "year", "published", "checked"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "a1").unwrap();
    sheet
        .write_string(1, 1, "The bridge could reopen in May.")
        .unwrap();
    sheet.write_number(1, 2, 2019).unwrap();
    let day = ExcelDateTime::from_ymd(2024, 1, 2).unwrap();
    sheet.write_datetime_with_format(1, 3, day, &date).unwrap();
    sheet.write_boolean(1, 4, true).unwrap();
    sheet.write_string(3, 0, "a3").unwrap();
    sheet.write_string(3, 1, HOSTILE_ID).unwrap();
    sheet.write_number(3, 2, 2020.5).unwrap();
    sheet.write_string(4, 0, "a4").unwrap();
    let other = book.add_worksheet().set_name("Other").unwrap();
    other.write_string(0, 0, "text").unwrap();
    other.write_string(1, 0, "It may rain.").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_from_another_program_goes_in_with_its_columns_carried() {
    let dir = TempDir::new("xlsx-in");
    let book = dir.write("articles.xlsx", articles_workbook());
    let book = book.to_str().unwrap();
    let out = run(
        &["score", "--format", "jsonl", "--id-column", "id", book],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = jsonl_rows(&out);
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["article"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "a3", "a4"], "the empty row is no row");
    assert_eq!(rows[0]["uncertain_sentences"], 1);
    assert_eq!(rows[0]["year"], 2019);
    assert_eq!(rows[0]["published"], "2024-01-02");
    assert_eq!(rows[0]["checked"], true);
    assert_eq!(rows[1]["least_certain"], HOSTILE_ID);
    assert_eq!(rows[1]["year"], 2020.5);
    assert_eq!(rows[2]["status"], "missing text");

    let out = run(
        &["score", "--format", "jsonl", "--sheet", "Other", book],
        b"",
    );
    let rows = jsonl_rows(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0]["article"],
        format!("{book}:2"),
        "named by its row in the sheet"
    );

    // From standard input, named as a workbook.
    let bytes = std::fs::read(book).unwrap();
    let out = run(
        &[
            "score",
            "--format",
            "jsonl",
            "--input-format",
            "xlsx",
            "--id-column",
            "id",
        ],
        &bytes,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(jsonl_rows(&out).len(), 3);
}

/// A compound file (the container Excel encrypts an `.xlsx` in) holding
/// the streams of a password-protected workbook, both empty: a header
/// sector, one FAT sector and one directory sector.
fn encrypted_workbook() -> Vec<u8> {
    const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut file = vec![0u8; 512 * 3];
    let put = |file: &mut [u8], at: usize, bytes: &[u8]| {
        file[at..at + bytes.len()].copy_from_slice(bytes)
    };
    put(
        &mut file,
        0,
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    );
    put(
        &mut file,
        0x18,
        &[0x3E, 0x00, 0x03, 0x00, 0xFE, 0xFF, 0x09, 0x00, 0x06, 0x00],
    );
    put(&mut file, 0x2C, &1u32.to_le_bytes()); // FAT sectors
    put(&mut file, 0x30, &1u32.to_le_bytes()); // first directory sector
    put(&mut file, 0x38, &4096u32.to_le_bytes()); // mini stream cutoff
    put(&mut file, 0x3C, &END_OF_CHAIN.to_le_bytes()); // no mini FAT
    put(&mut file, 0x44, &END_OF_CHAIN.to_le_bytes()); // no DIFAT sectors
    put(&mut file, 0x4C, &0u32.to_le_bytes()); // the FAT is sector 0
    for i in 1..109 {
        put(&mut file, 0x4C + 4 * i, &FREE.to_le_bytes());
    }
    let fat = 512;
    put(&mut file, fat, &0xFFFF_FFFDu32.to_le_bytes()); // sector 0: the FAT
    put(&mut file, fat + 4, &END_OF_CHAIN.to_le_bytes()); // sector 1: directory
    for i in 2..128 {
        put(&mut file, fat + 4 * i, &FREE.to_le_bytes());
    }
    let directory = 1024;
    // (name, type: 5 root, 2 stream; right sibling; child)
    let entries = [
        ("Root Entry", 5u8, FREE, 1u32),
        ("EncryptionInfo", 2, 2, FREE),
        ("EncryptedPackage", 2, FREE, FREE),
    ];
    for (i, (name, kind, right, child)) in entries.into_iter().enumerate() {
        let at = directory + 128 * i;
        let utf16: Vec<u8> = name
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        put(&mut file, at, &utf16);
        put(&mut file, at + 0x40, &(utf16.len() as u16).to_le_bytes());
        put(&mut file, at + 0x42, &[kind, 1]);
        put(&mut file, at + 0x44, &FREE.to_le_bytes());
        put(&mut file, at + 0x48, &right.to_le_bytes());
        put(&mut file, at + 0x4C, &child.to_le_bytes());
        put(&mut file, at + 0x74, &END_OF_CHAIN.to_le_bytes());
    }
    file
}

/// Each bad workbook is a problem naming the file (and the sheet, when it
/// has one to name); the other inputs are still scored.
#[test]
fn bad_workbooks_are_named_and_the_other_inputs_are_scored() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = TempDir::new("xlsx-bad");
    let good = articles_workbook();
    let empty = Workbook::new().save_to_buffer().unwrap();
    let mut merged = Workbook::new();
    let sheet = merged.add_worksheet().set_name("Survey").unwrap();
    sheet
        .merge_range(0, 0, 0, 1, "text", &Format::new())
        .unwrap();
    sheet.write_string(1, 0, "It may rain.").unwrap();
    let merged = merged.save_to_buffer().unwrap();
    // (what, file, bytes, extra flags, what the message must say)
    type Case<'a> = (&'a str, &'a str, Vec<u8>, &'a [&'a str], &'a [&'a str]);
    let table: [Case; 6] = [
        (
            "corrupt",
            "cut.xlsx",
            good[..good.len() / 2].to_vec(),
            &[],
            &["could not be read as a workbook", "damaged"],
        ),
        (
            "password",
            "locked.xlsx",
            encrypted_workbook(),
            &[],
            &["password-protected"],
        ),
        (
            "empty",
            "empty.xlsx",
            empty,
            &[],
            &["sheet \"Sheet1\" is empty", "no header row"],
        ),
        (
            "merged header",
            "merged.xlsx",
            merged,
            &[],
            &["sheet \"Survey\"", "merged cells (A1:B1)", "unmerge"],
        ),
        (
            "no such sheet",
            "sheets.xlsx",
            good.clone(),
            &["--sheet", "Data"],
            &["no sheet \"Data\"", "\"Articles\", \"Other\"", "--sheet"],
        ),
        (
            "no text column",
            "columns.xlsx",
            good,
            &["--text-column", "body"],
            &["sheet \"Articles\"", "no text column \"body\""],
        ),
    ];
    // Both column names, so that it is scored whichever is asked for.
    let other = dir.write("other.csv", "text,body\nIt may pour.,It may pour.\n");
    for (what, name, bytes, flags, said) in table {
        let bad = dir.write(name, bytes);
        let paths = [bad.to_str().unwrap(), other.to_str().unwrap()];
        let out = run(
            &[&["score", "--format", "jsonl"], flags, &paths[..]].concat(),
            b"",
        );
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{what}: {message}");
        assert!(
            message.contains(&bad.display().to_string()),
            "{what}: {message}"
        );
        for part in said {
            assert!(message.contains(part), "{what}: no {part:?} in {message}");
        }
        let rows = jsonl_rows(&out);
        assert_eq!(rows.len(), 1, "{what}: the other input is scored");
        assert_eq!(rows[0]["least_certain"], "It may pour.", "{what}");
    }
}

/// True when `program` with `args` runs and succeeds.
fn runs(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The check with real programs (tests/spreadsheet/check.sh): LibreOffice
/// opens every CSV and TSV we write without a single formula, an .xlsx
/// written by openpyxl goes in, and openpyxl and LibreOffice read our
/// .xlsx back with the right types.
#[test]
fn libreoffice_and_openpyxl_read_our_files_without_formulas() {
    if !runs("soffice", &["--version"]) {
        common::skip("no LibreOffice (soffice); .ci/run installs libreoffice-calc");
        return;
    }
    if !runs("python3", &["-c", "import openpyxl"]) {
        common::skip("no openpyxl for python3; .ci/run installs it");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/spreadsheet/check.sh");
    let out = std::process::Command::new("bash")
        .args([script, env!("CARGO_BIN_EXE_hedgescore")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
