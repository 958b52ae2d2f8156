//! The scoring run: any file, cut into small pieces, scores without error,
//! gives the same output on one thread as on two, and one article row per
//! file at article level.
//!
//! The first input byte picks the piece size (16..=4096 bytes); the rest is
//! the file's contents.
#![no_main]

use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use libfuzzer_sys::fuzz_target;

use hedgescore::input::Source;
use hedgescore::output::{JsonRows, Level, ReportWriter};
use hedgescore::run::{RunOptions, RunSummary, run};
use hedgescore::{Error, Scorer};

static SCORER: LazyLock<Scorer> = LazyLock::new(Scorer::english);

/// One temporary file per fuzzing process, overwritten by each run.
static FILE: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("hedgescore-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the temporary folder");
    dir.join("input.txt")
});

fn score(options: &RunOptions, level: Level) -> (RunSummary, String, Vec<String>) {
    let problems = Mutex::new(Vec::new());
    let on_problem = |e: &Error| problems.lock().unwrap().push(e.to_string());
    let writer = ReportWriter::new(Vec::new(), Box::new(JsonRows::lines(level)));
    let sources = [Source::File(FILE.clone())];
    let (summary, out) = run(&SCORER, &sources, options.clone(), writer, &on_problem, None)
        .unwrap_or_else(|e| panic!("run failed with {options:?}: {e}"));
    let out = String::from_utf8(out).expect("JSONL output is UTF-8");
    (summary, out, problems.into_inner().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, contents)) = data.split_first() else {
        return;
    };
    let piece_bytes = 16 + usize::from(first) * 4080 / 255;
    std::fs::write(&*FILE, contents).expect("write the temporary file");
    let has_nul = contents.contains(&0);
    // Known bug (reported to the lead): in `lines` mode a line longer than
    // `piece_bytes` makes `PieceReader::next_event` loop for ever. Setting
    // HEDGESCORE_FUZZ_SKIP_LONG_LINES=1 skips `lines` mode for such inputs
    // so the rest can be fuzzed until it is fixed.
    let longest_line = contents.split(|&b| b == b'\n').map(<[u8]>::len).max().unwrap_or(0);
    let skip_lines = longest_line >= piece_bytes
        && std::env::var_os("HEDGESCORE_FUZZ_SKIP_LONG_LINES").is_some_and(|v| v == "1");

    for lines in [false, true] {
        if lines && skip_lines {
            continue;
        }
        for level in [Level::Article, Level::Sentence] {
            let mut outputs = Vec::new();
            for threads in [1, 2] {
                let options = RunOptions {
                    piece_bytes,
                    lines,
                    ..RunOptions::new(threads)
                };
                let (summary, out, problems) = score(&options, level);
                let binary = problems.iter().any(|p| p.contains("binary"));
                assert!(
                    has_nul || !binary,
                    "a file with no NUL byte was called binary: {problems:?}"
                );
                // A UTF-16 or UTF-32 byte order mark: named and skipped, as binary is.
                let wide = problems.iter().any(|p| p.contains("(by its byte order mark)"));
                let binary = binary || wide;
                let mut rows = 0;
                for line in out.lines() {
                    let row: serde_json::Value = serde_json::from_str(line)
                        .unwrap_or_else(|e| panic!("bad JSONL line {line:?} with {options:?}: {e}"));
                    assert!(row.is_object(), "JSONL row {line:?} is not an object");
                    rows += 1;
                }
                if level == Level::Article && !lines {
                    let expected = usize::from(!binary);
                    assert_eq!(
                        rows, expected,
                        "{rows} article rows for one file with {options:?} (problems {problems:?}):\n{out}"
                    );
                }
                if binary {
                    assert_eq!(rows, 0, "rows for a skipped binary file with {options:?}");
                }
                assert_eq!(summary.scored, usize::from(!binary), "scored count with {options:?}");
                outputs.push((summary, out, problems));
            }
            assert_eq!(
                outputs[0], outputs[1],
                "1 and 2 threads disagree (lines {lines}, level {level:?}, piece_bytes {piece_bytes})"
            );
        }
    }
});
