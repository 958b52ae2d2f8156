//! `-o FILE` and standard output against whatever the path is: devices,
//! FIFOs, links, files of other modes and owners, planted links, leftovers
//! of killed runs, closed and full outputs.

#![cfg(unix)]

mod common;

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{TempDir, hedgescore, stderr, stdout};

const ARTICLE: &str = "It may rain. It rains.";

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Runs `hedgescore score --format csv -o OUT INPUT`.
fn score_into(out: &Path, input: &Path) -> std::process::Output {
    hedgescore()
        .args(["score", "--format", "csv", "-o"])
        .arg(out)
        .arg(input)
        .output()
        .unwrap()
}

/// The rows for ARTICLE, as `score --format csv` writes them.
fn expected_rows(input: &Path) -> String {
    let out = hedgescore()
        .args(["score", "--format", "csv"])
        .arg(input)
        .output()
        .unwrap();
    stdout(&out)
}

#[test]
fn regression_output_to_a_fifo_writes_into_it_and_it_stays_a_fifo() {
    let dir = TempDir::new("out-fifo");
    let input = dir.write("a.txt", ARTICLE);
    let fifo = dir.0.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = score_into(&fifo, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Checked before waiting for the reader, which waits forever for a
    // writer if the FIFO was replaced.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(reader.join().unwrap(), expected_rows(&input));
}

#[test]
fn regression_output_to_a_device_writes_into_it_and_it_stays_a_device() {
    if !is_root() {
        common::skip("making a device node needs root");
        return;
    }
    let dir = TempDir::new("out-device");
    let input = dir.write("a.txt", ARTICLE);
    let null = dir.0.join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    if !made.success() {
        common::skip("mknod is not allowed here");
        return;
    }
    let out = score_into(&null, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::metadata(&null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn regression_output_through_a_link_to_standard_output_prints() {
    let dir = TempDir::new("out-stdout-link");
    let input = dir.write("a.txt", ARTICLE);
    let link = dir.0.join("out");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let out = score_into(&link, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected_rows(&input));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let out = score_into(Path::new("/dev/stdout"), &input);
    assert_eq!(stdout(&out), expected_rows(&input));
}

#[test]
fn regression_a_symbolic_link_is_followed_and_its_target_replaced() {
    let dir = TempDir::new("out-symlink");
    let input = dir.write("a.txt", ARTICLE);
    let real = dir.write("real.csv", "old\n");
    let link = dir.0.join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let dangling = dir.0.join("dangling.csv");
    std::os::unix::fs::symlink("new.csv", &dangling).unwrap();
    for (link, target) in [(&link, real), (&dangling, dir.0.join("new.csv"))] {
        let out = score_into(link, &input);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let kind = std::fs::symlink_metadata(link).unwrap().file_type();
        assert!(kind.is_symlink(), "{link:?} was replaced");
        assert_eq!(
            std::fs::read_to_string(target).unwrap(),
            expected_rows(&input)
        );
    }
}

#[test]
fn regression_a_replaced_file_keeps_its_mode_and_owner() {
    let dir = TempDir::new("out-mode");
    let input = dir.write("a.txt", ARTICLE);
    let target = dir.write("out.csv", "old\n");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let other = 65534;
    if is_root() {
        std::os::unix::fs::chown(&target, Some(other), Some(other)).unwrap();
    }
    let out = score_into(&target, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let meta = std::fs::metadata(&target).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o600);
    if is_root() {
        assert_eq!((meta.uid(), meta.gid()), (other, other));
    }
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        expected_rows(&input)
    );
}

#[test]
fn a_new_output_file_is_made_as_any_new_file_is() {
    let dir = TempDir::new("out-new");
    let input = dir.write("a.txt", ARTICLE);
    let target = dir.0.join("new.csv");
    let out = score_into(&target, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // As `touch` makes it, under the same umask.
    let touched = dir.0.join("touched");
    Command::new("touch").arg(&touched).status().unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o777;
    assert_eq!(mode(&target), mode(&touched));
}

#[test]
fn regression_a_file_with_hard_links_keeps_them() {
    let dir = TempDir::new("out-hardlink");
    let input = dir.write("a.txt", ARTICLE);
    let target = dir.write("out.csv", "old\n");
    let twin = dir.0.join("twin.csv");
    std::fs::hard_link(&target, &twin).unwrap();
    let out = score_into(&target, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("hard links"), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&target).unwrap().nlink(), 2);
    assert_eq!(
        std::fs::read_to_string(&twin).unwrap(),
        expected_rows(&input)
    );
}

/// A link planted where the temporary file would be made must not redirect
/// the write: the shell's `exec` keeps its process id, which a name made
/// from the id alone would be predictable from.
#[test]
fn regression_a_planted_link_does_not_redirect_the_temporary_file() {
    let dir = TempDir::new("out-planted");
    let input = dir.write("a.txt", ARTICLE);
    let victim = dir.write("victim", "untouched\n");
    let script = format!(
        "ln -s {victim} .out.csv.hedgescore-$$.tmp && exec {bin} score --format csv -o out.csv {input}",
        victim = victim.display(),
        bin = env!("CARGO_BIN_EXE_hedgescore"),
        input = input.display(),
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched\n");
    assert_eq!(
        std::fs::read_to_string(dir.0.join("out.csv")).unwrap(),
        expected_rows(&input)
    );
}

#[test]
fn stale_temporary_files_of_dead_runs_are_swept() {
    let dir = TempDir::new("out-sweep");
    let input = dir.write("a.txt", ARTICLE);
    // No process has an id this large (Linux's limit is 2^22).
    let dead = dir.write(".out.csv.hedgescore-999999999-AbCdEfGh.tmp", "left");
    // Process 1 is alive: its file may be a run in progress.
    let alive = dir.write(".out.csv.hedgescore-1-AbCdEfGh.tmp", "busy");
    let other = dir.write(".other.csv.hedgescore-999999999-AbCdEfGh.tmp", "left");
    let out = score_into(&dir.0.join("out.csv"), &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!dead.exists());
    assert!(alive.exists());
    assert!(other.exists(), "only the target's own leftovers are swept");
}

/// Python's `subprocess.DEVNULL` opens `/dev/null` for reading and
/// writing, as Rust's runtime does in place of a closed standard output:
/// the two cannot be told apart, and a caller that discards our output
/// must not get an error for it.
#[test]
fn regression_standard_output_on_dev_null_opened_read_write_is_not_an_error() {
    let dir = TempDir::new("out-devnull-rw");
    let input = dir.write("a.txt", ARTICLE);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "exec {} score {} 1<>/dev/null",
            env!("CARGO_BIN_EXE_hedgescore"),
            input.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn regression_a_closed_standard_error_does_not_panic() {
    let dir = TempDir::new("err-closed");
    let bad: String = (0..2000).map(|i| format!("not json {i}\n")).collect();
    let input = dir.write("warn.jsonl", bad);
    let mut child = hedgescore()
        .args(["score", "--format", "jsonl"])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader of standard error leaves at once, like `2>&1 | head -3`.
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "panicked");
}

#[test]
fn regression_a_full_disk_names_the_output() {
    if !Path::new("/dev/full").exists() {
        common::skip("no /dev/full");
        return;
    }
    let dir = TempDir::new("out-full");
    let input = dir.write("a.txt", ARTICLE.repeat(20_000));
    let out = score_into(Path::new("/dev/full"), &input);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/dev/full: "), "{}", stderr(&out));
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "exec {} score --level sentence {} > /dev/full",
            env!("CARGO_BIN_EXE_hedgescore"),
            input.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("standard output: "),
        "{}",
        stderr(&out)
    );
}

/// Standard output redirected into the folder being scored: the file it
/// writes is listed too, and read back it grew without end.
#[test]
fn regression_output_redirected_into_the_scored_folder_is_not_read_back() {
    let dir = TempDir::new("out-feedback");
    dir.write("a.txt", ARTICLE);
    let out = Command::new("timeout")
        .args(["20", "sh", "-c"])
        .arg(format!(
            "exec {} score --level sentence --format csv . > zz.csv",
            env!("CARGO_BIN_EXE_hedgescore")
        ))
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("this run's output"),
        "{}",
        stderr(&out)
    );
    let rows = std::fs::read_to_string(dir.0.join("zz.csv")).unwrap();
    assert_eq!(rows.lines().count(), 3, "{rows}");
}

#[test]
fn regression_an_output_file_in_the_scored_folder_is_not_scored_next_time() {
    let dir = TempDir::new("out-rerun");
    dir.write("a.txt", ARTICLE);
    let target = dir.0.join("scores.csv");
    for _ in 0..2 {
        let out = score_into(&target, &dir.0);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let rows = std::fs::read_to_string(&target).unwrap();
    assert_eq!(rows.lines().count(), 2, "{rows}");
}

#[test]
fn regression_an_output_file_named_as_an_input_is_a_usage_error() {
    let dir = TempDir::new("out-is-input");
    // No extension, which would name a format of its own.
    let input = dir.write("article", ARTICLE);
    let out = score_into(&input, &input);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is also an input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), ARTICLE);
}
