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

/// What a run measured with [`run_measured`] did.
#[cfg(unix)]
pub struct Measured {
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Its peak resident memory, in MiB.
    pub peak_mib: u64,
}

/// The most data a measured run may allocate: past it, an allocation
/// fails and the run aborts, instead of a run whose memory grows without
/// bound taking the machine's.
#[cfg(unix)]
const MEASURED_DATA_LIMIT: u64 = 2 << 30;

/// Runs the binary with `args`, writing what `feed` writes to its standard
/// input from another thread (a write error after the run ended is no
/// error), and measures its peak resident memory.
#[cfg(unix)]
pub fn run_measured(
    args: &[&str],
    feed: impl FnOnce(&mut dyn Write) -> std::io::Result<()> + Send + 'static,
) -> Measured {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let mut command = hedgescore();
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe, as pre_exec requires.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEASURED_DATA_LIMIT as libc::rlim_t,
                rlim_max: MEASURED_DATA_LIMIT as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_DATA, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // Reaped with wait4 below, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = feed(&mut input);
    });
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        bytes
    });
    let mut err = child.stderr.take().unwrap();
    let mut stderr = Vec::new();
    let _ = err.read_to_end(&mut stderr);
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waits for our own child, with valid pointers to locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    feeder.join().unwrap();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        code,
        stdout: reader.join().unwrap(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        // Linux gives ru_maxrss in KiB.
        peak_mib: usage.ru_maxrss as u64 / 1024,
    }
}

/// Writes `total` bytes to `out`: `unit` over and over, cut at the end.
pub fn write_repeated(out: &mut dyn Write, unit: &[u8], total: usize) -> std::io::Result<()> {
    let block = unit.repeat((1 << 16) / unit.len().max(1) + 1);
    let mut left = total;
    while left > 0 {
        let n = left.min(block.len());
        out.write_all(&block[..n])?;
        left -= n;
    }
    Ok(())
}
