//! A regular file whose size changes while it is read (truncated, or
//! written to by another program) would be scored on whatever part was
//! read and reported `ok`. The file's size is taken when it is opened and
//! again at the end of the read, both from the open file (two `fstat`
//! calls per file), and a difference from the bytes read is reported.

use std::fs::File;
use std::io::Read;

/// A file being read, watched for a change of size.
pub struct SizeWatch {
    file: File,
    /// The size when opened; `None` for what is not a regular file (a
    /// FIFO, a device), whose size means nothing.
    at_open: Option<u64>,
    read: u64,
}

/// How a file's size changed while it was read: the error a
/// [`SizeWatch`] returns at the end of such a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeChanged {
    /// Its size when opened.
    pub at_open: u64,
    /// The bytes read.
    pub read: u64,
    /// Its size at the end of the read.
    pub at_end: u64,
}

impl std::fmt::Display for SizeChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "changed size while it was read ({} bytes when opened, {} read, {} at the end); \
             its scores are of the bytes read, which may be neither version of it",
            self.at_open, self.read, self.at_end
        )
    }
}

impl std::error::Error for SizeChanged {}

impl SizeChanged {
    /// The change an I/O error reports, if it is one.
    pub fn of(error: &std::io::Error) -> Option<&SizeChanged> {
        error.get_ref()?.downcast_ref::<SizeChanged>()
    }
}

impl SizeWatch {
    /// Watches `file`, taking its size now.
    pub fn new(file: File) -> SizeWatch {
        let at_open = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        SizeWatch {
            file,
            at_open,
            read: 0,
        }
    }

    /// At the end of the file: a [`SizeChanged`] error if its size now,
    /// or when it was opened, is not what was read. Reported once.
    fn check_at_end(&mut self) -> std::io::Result<()> {
        let Some(at_open) = self.at_open.take() else {
            return Ok(());
        };
        let at_end = self.file.metadata()?.len();
        if at_open == self.read && at_end == self.read {
            return Ok(());
        }
        let read = self.read;
        Err(std::io::Error::other(SizeChanged {
            at_open,
            read,
            at_end,
        }))
    }
}

impl Read for SizeWatch {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.read += n as u64;
        if n == 0 && !buf.is_empty() {
            self.check_at_end()?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(name: &str, bytes: usize) -> std::path::PathBuf {
        let path =
            std::env::temp_dir().join(format!("hedgescore-size-{}-{name}", std::process::id()));
        std::fs::write(&path, vec![b'a'; bytes]).unwrap();
        path
    }

    #[test]
    fn a_file_read_whole_is_quiet() {
        let path = file_of("whole", 5000);
        let mut watch = SizeWatch::new(File::open(&path).unwrap());
        let mut all = Vec::new();
        watch.read_to_end(&mut all).unwrap();
        assert_eq!(all.len(), 5000);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_file_truncated_or_grown_while_read_is_reported_once() {
        for (name, new_size) in [("shrunk", 1000), ("grown", 9000)] {
            let path = file_of(name, 5000);
            let mut watch = SizeWatch::new(File::open(&path).unwrap());
            let mut buf = vec![0; 3000];
            watch.read_exact(&mut buf).unwrap();
            let writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            writer.set_len(new_size).unwrap();
            let mut rest = Vec::new();
            let error = watch.read_to_end(&mut rest).unwrap_err();
            let change = SizeChanged::of(&error).expect("a size change");
            assert_eq!(change.at_open, 5000, "{name}");
            assert_eq!(change.at_end, new_size, "{name}");
            assert_eq!(watch.read(&mut buf).unwrap(), 0, "{name}: reported once");
            std::fs::remove_file(path).unwrap();
        }
    }
}
