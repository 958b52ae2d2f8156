//! Where `score` writes: standard output, or the file given with `-o`.
//!
//! A regular file is written to a temporary file beside it, created
//! exclusively under an unpredictable name, and renamed over it only when
//! the run completes: a failed or interrupted run never leaves a truncated
//! file over a good one. The replaced file keeps its mode and, where
//! permitted, its owner; a symbolic link is followed and its target
//! replaced. Anything that is not a regular file (a device, a FIFO,
//! `/dev/stdout`) is written in place, as it cannot be replaced. A file
//! with hard links is replaced in place too, at the end of the run, so the
//! links stay; the user is told that this is not atomic.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use hedgescore::Error;
use tempfile::TempPath;

use super::messages::warn;
use super::progress::ProgressBar;

/// How standard output is named in messages.
const STANDARD_OUTPUT: &str = "standard output";
/// The part of a temporary file's name after the target's: the process id
/// goes after it, so a sweep can tell a dead run's leftovers.
const TEMP_INFIX: &str = ".hedgescore-";
const TEMP_SUFFIX: &str = ".tmp";
/// Symbolic links followed to find the target before giving up (Linux's
/// own limit).
const MAX_LINKS: usize = 40;
/// Where the process id cannot be checked, a temporary file older than
/// this is taken as a dead run's.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// The output of a run.
pub struct OutputSink {
    inner: std::io::BufWriter<Destination>,
    finish: Finish,
}

/// What is written to, with the name its errors carry: a full disk must
/// say which file it could not write.
struct Destination {
    out: Box<dyn Write + Send>,
    name: String,
    /// A progress line on the same terminal, taken off before each write.
    progress: Option<Arc<ProgressBar>>,
}

/// What [`OutputSink::commit`] does once the rows are written.
enum Finish {
    /// Standard output or a file written in place: flush it.
    Flush,
    /// Replace `target` by the temporary file.
    Replace(Box<Replacement>),
}

/// A temporary file waiting to replace its target.
struct Replacement {
    pending: PendingFile,
    target: PathBuf,
    /// The target before the run, if it was a regular file.
    old: Option<std::fs::Metadata>,
}

/// The temporary file of a run, shared with the thread that removes it
/// if a signal ends the process: a killed process runs no destructors.
/// Whoever takes it holds the lock until done with the file, so a signal
/// during the rename finds nothing to remove.
type PendingFile = Arc<Mutex<Option<TempPath>>>;

fn lock(pending: &PendingFile) -> MutexGuard<'_, Option<TempPath>> {
    pending.lock().unwrap_or_else(|e| e.into_inner())
}

impl OutputSink {
    /// Standard output when `target` is `None`, else the file `target`.
    pub fn open(target: Option<&Path>) -> Result<OutputSink, Error> {
        let Some(path) = target else {
            return stdout_sink();
        };
        if path.file_name().is_none() {
            return Err(Error::usage(format!(
                "{}: the output path names no file",
                path.display()
            )));
        }
        let target = follow_links(path)?;
        match std::fs::metadata(&target) {
            Ok(meta) if !meta.is_file() || is_special_path(&target) => in_place(&target),
            Ok(meta) => replace(target, Some(meta)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => replace(target, None),
            Err(e) => Err(Error::io(Some(&target), e)),
        }
    }

    /// Takes `progress`'s line off the terminal before each write, when
    /// this is standard output on a terminal (where the line is too).
    pub fn clear_progress(&mut self, progress: &Arc<ProgressBar>) {
        if self.inner.get_ref().name == STANDARD_OUTPUT && std::io::stdout().is_terminal() {
            self.inner.get_mut().progress = Some(progress.clone());
        }
    }

    /// Flushes and, for a file to replace, renames the temporary file into
    /// place (or copies it into a file with hard links).
    pub fn commit(mut self) -> Result<(), Error> {
        // Write errors name the output already (see `Destination`).
        self.inner.flush().map_err(|e| Error::io(None, e))?;
        match std::mem::replace(&mut self.finish, Finish::Flush) {
            Finish::Flush => Ok(()),
            Finish::Replace(replacement) => replacement.commit(),
        }
    }
}

/// Standard output. A closed one cannot be told from `/dev/null` opened
/// for reading and writing, as Rust's runtime puts that in its place
/// before `main`, and Python's `subprocess.DEVNULL` opens it the same way.
fn stdout_sink() -> Result<OutputSink, Error> {
    Ok(sink(
        Box::new(std::io::stdout()),
        STANDARD_OUTPUT,
        Finish::Flush,
    ))
}

fn sink(out: Box<dyn Write + Send>, name: &str, finish: Finish) -> OutputSink {
    let name = name.to_string();
    OutputSink {
        inner: std::io::BufWriter::with_capacity(
            1 << 16,
            Destination {
                out,
                name,
                progress: None,
            },
        ),
        finish,
    }
}

/// Paths that name a stream rather than a file, such as `/dev/stdout`,
/// which lead to a file only while this process has it open.
fn is_special_path(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// `path` with symbolic links followed to what they name (which need not
/// exist yet: a dangling link's target is created).
fn follow_links(path: &Path) -> Result<PathBuf, Error> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_special_path(&current) {
            // `/proc/self/fd/1` and its kin are opened, never resolved.
            return Ok(current);
        }
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|e| Error::io(Some(path), e))?;
                current = match current.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::usage(format!(
        "{}: more than {MAX_LINKS} symbolic links lead from it (a loop?)",
        path.display()
    )))
}

/// Writes straight into `target`, which cannot be replaced.
fn in_place(target: &Path) -> Result<OutputSink, Error> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| Error::io(Some(target), e))?;
    let name = target.display().to_string();
    Ok(sink(Box::new(file), &name, Finish::Flush))
}

/// Writes into a new temporary file beside `target`, to replace it at the
/// end; where no file can be made there, writes `target` in place and
/// says why.
fn replace(target: PathBuf, old: Option<std::fs::Metadata>) -> Result<OutputSink, Error> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    sweep_stale(&dir, &name);
    let pending = PendingFile::default();
    remove_on_signal(pending.clone()).map_err(|e| Error::io(Some(&target), e))?;
    // Created under the lock: a signal meanwhile waits for the name, so the
    // file cannot outlive the process unnamed.
    let mut slot = lock(&pending);
    let file = match temp_file(&dir, &name) {
        Ok(file) => file,
        Err(e) => {
            drop(slot);
            warn(&Error::notice(
                &target,
                format!(
                    "no temporary file could be made beside it ({e}), so it is written in place: a failed run leaves it incomplete"
                ),
            ));
            return in_place_created(&target);
        }
    };
    let (file, path) = file.into_parts();
    *slot = Some(path);
    drop(slot);
    let display = target.display().to_string();
    let replacement = Replacement {
        pending,
        target,
        old,
    };
    Ok(sink(
        Box::new(file),
        &display,
        Finish::Replace(Box::new(replacement)),
    ))
}

/// `target` opened for writing in place, created or truncated.
fn in_place_created(target: &Path) -> Result<OutputSink, Error> {
    let file = std::fs::File::create(target).map_err(|e| Error::io(Some(target), e))?;
    let name = target.display().to_string();
    Ok(sink(Box::new(file), &name, Finish::Flush))
}

/// A new file in `dir` named after the target `name` and this process,
/// created exclusively (an existing file or link of that name is never
/// opened) with an unpredictable part, readable as a new file would be.
fn temp_file(dir: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!(".{name}{TEMP_INFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The umask applies, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

impl Replacement {
    fn commit(self) -> Result<(), Error> {
        let mut slot = lock(&self.pending);
        let temp = slot
            .take()
            .expect("the temporary file is there until commit");
        if let Some(old) = &self.old {
            keep_mode_and_owner(&temp, old);
            if links(old) > 1 {
                return copy_into(&temp, &self.target, links(old));
            }
        }
        temp.persist(&self.target)
            .map_err(|e| Error::io(Some(&self.target), e.error))
    }
}

/// The number of hard links of a file.
fn links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Gives the new file the old one's permissions and, where permitted, its
/// owner and group (as root, or a group the user is in).
fn keep_mode_and_owner(temp: &Path, old: &std::fs::Metadata) {
    let _ = std::fs::set_permissions(temp, old.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if std::os::unix::fs::chown(temp, Some(old.uid()), Some(old.gid())).is_err() {
            let _ = std::os::unix::fs::chown(temp, None, Some(old.gid()));
        }
    }
}

/// Copies the finished temporary file into `target` in place, which keeps
/// its hard links, and says so: readers may see it half-written meanwhile.
fn copy_into(temp: &Path, target: &Path, links: u64) -> Result<(), Error> {
    warn(&Error::notice(
        target,
        format!(
            "has {links} hard links, so it is rewritten in place to keep them rather than replaced at once"
        ),
    ));
    let mut from = std::fs::File::open(temp).map_err(|e| Error::io(Some(target), e))?;
    let mut to = std::fs::File::create(target).map_err(|e| Error::io(Some(target), e))?;
    std::io::copy(&mut from, &mut to).map_err(|e| Error::io(Some(target), e))?;
    to.flush().map_err(|e| Error::io(Some(target), e))
}

/// Removes the temporary files of earlier runs for the same target whose
/// process is gone: a SIGKILL leaves them, as nothing runs after it.
fn sweep_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}{TEMP_INFIX}");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && is_stale(pid, &entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// True when the run that made a temporary file is over: its process is
/// gone where that can be checked (`/proc`), else the file is old.
fn is_stale(pid: u32, entry: &std::fs::DirEntry) -> bool {
    if Path::new("/proc/self").exists() {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// Watches for the signals that end a process by default and can be
/// caught: Ctrl-C, `kill`, a closed terminal, Ctrl-\, a scheduler's
/// SIGUSR1/2 and SIGALRM, and `ulimit`'s SIGXCPU and SIGXFSZ. On the first,
/// removes the pending temporary file, then ends the process by that
/// signal, as its default action would have (a shell reports it as 128 +
/// its number, 130 for Ctrl-C, and a script that ran us stops).
fn remove_on_signal(pending: PendingFile) -> std::io::Result<()> {
    use signal_hook::consts::*;
    let signals = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ,
    ];
    let mut signals = signal_hook::iterator::Signals::new(signals)?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the process ends: no rename after the removal.
            let mut temp = lock(&pending);
            if let Some(temp) = temp.take() {
                let _ = temp.close();
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            // Not reached: the default action of these signals ends us.
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(progress) = &self.progress {
            progress.clear();
        }
        self.out.write(buf).map_err(|e| named(e, &self.name))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush().map_err(|e| named(e, &self.name))
    }
}

/// An I/O error whose message names what was being written.
fn named(e: std::io::Error, name: &str) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{name}: {e}"))
}

impl Write for OutputSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for OutputSink {
    fn drop(&mut self) {
        // A run that ends without commit (an error) leaves no temporary
        // file: dropping the path removes it.
        if let Finish::Replace(replacement) = &self.finish {
            lock(&replacement.pending).take();
        }
    }
}
