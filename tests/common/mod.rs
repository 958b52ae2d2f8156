//! Helpers shared by the tests that run the real binary.

#![allow(dead_code)] // Each test crate uses its own subset.

pub mod corpus;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new empty folder named after the test and this process.
    pub fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("hedgescore-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes a file (creating its folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Says that the calling test cannot run here, and why, where `cargo test`
/// shows it whatever the outcome: libtest captures `eprintln!` and shows it
/// only for a failure, but not writes to the process's standard error.
/// Libtest names each test's thread after the test.
pub fn skip(reason: impl std::fmt::Display) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// The binary under test.
pub fn hedgescore() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hedgescore"))
}

/// Runs the binary with `args`, feeding it `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = hedgescore()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A command that fails early closes its input; that is not our error.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard output parsed as JSON lines, one value a line.
pub fn jsonl_rows(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
