//! Where `score` writes: standard output, or a file given with `-o` that
//! is replaced only when the run completes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use hedgescore::Error;

/// Where output goes: standard output, or a temporary file beside the
/// target that replaces it only when the run completes, so a failed run
/// never leaves a truncated file over a good one.
pub struct OutputSink {
    inner: std::io::BufWriter<Box<dyn Write + Send>>,
    /// For a file: the temporary file until it is renamed or removed, and
    /// the target.
    target: Option<(PendingFile, PathBuf)>,
}

/// The temporary file of a run, shared with the thread that removes it
/// if a signal ends the process: a killed process runs no destructors.
/// Whoever takes the name holds the lock until done with the file, so a
/// signal during the rename finds nothing to remove.
type PendingFile = Arc<Mutex<Option<PathBuf>>>;

fn lock(pending: &PendingFile) -> MutexGuard<'_, Option<PathBuf>> {
    pending.lock().unwrap_or_else(|e| e.into_inner())
}

/// Watches for SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed):
/// on the first, removes the pending temporary file, then ends the process
/// by that signal, as its default action would have (a shell reports it
/// as 128 + its number, 130 for Ctrl-C, and a script that ran us stops).
fn remove_on_signal(pending: PendingFile) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the process ends: no rename after the removal.
            let temp = lock(&pending);
            if let Some(temp) = temp.as_ref() {
                let _ = std::fs::remove_file(temp);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            // Not reached: the default action of these signals ends us.
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

impl OutputSink {
    pub fn open(target: Option<&Path>) -> Result<OutputSink, Error> {
        match target {
            None => Ok(OutputSink {
                inner: std::io::BufWriter::with_capacity(1 << 16, Box::new(std::io::stdout())),
                target: None,
            }),
            Some(path) => {
                let name = path.file_name().ok_or_else(|| {
                    Error::input(Some(path), None, "the output path names no file")
                })?;
                let temp = path.with_file_name(format!(
                    ".{}.hedgescore-{}.tmp",
                    name.to_string_lossy(),
                    std::process::id()
                ));
                let pending = PendingFile::default();
                remove_on_signal(pending.clone()).map_err(|e| Error::io(Some(path), e))?;
                // Created under the lock: a signal meanwhile waits for the
                // name, so the file cannot outlive the process unnamed.
                let file = {
                    let mut name = lock(&pending);
                    let file =
                        std::fs::File::create(&temp).map_err(|e| Error::io(Some(path), e))?;
                    *name = Some(temp);
                    file
                };
                Ok(OutputSink {
                    inner: std::io::BufWriter::with_capacity(1 << 16, Box::new(file)),
                    target: Some((pending, path.to_path_buf())),
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    pub fn commit(mut self) -> Result<(), Error> {
        let flushed = self.inner.flush();
        match self.target.take() {
            None => flushed.map_err(|e| Error::io(None, e)),
            Some((pending, path)) => {
                let mut name = lock(&pending);
                let Some(temp) = name.take() else {
                    unreachable!("the temporary file is named until commit or drop")
                };
                if let Err(e) = flushed {
                    let _ = std::fs::remove_file(&temp);
                    return Err(Error::io(Some(&path), e));
                }
                std::fs::rename(&temp, &path).map_err(|e| {
                    let _ = std::fs::remove_file(&temp);
                    Error::io(Some(&path), e)
                })
            }
        }
    }
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
        // A run that ends without commit (an error) leaves no temporary file.
        if let Some((pending, _)) = &self.target
            && let Some(temp) = lock(pending).take()
        {
            let _ = std::fs::remove_file(temp);
        }
    }
}
