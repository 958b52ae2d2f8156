//! The library's one error type.
//!
//! Every error carries what the user needs to find the problem: the path of
//! the file and, for lexicons and CSV, the line. The binary adds nothing but
//! the exit code, which it takes from the error's [`ErrorKind`].

use std::fmt;
use std::path::{Path, PathBuf};

/// How messages name standard input.
const STANDARD_INPUT: &str = "standard input";

/// What went wrong, in broad strokes; the binary maps kinds to exit codes
/// (in `cli::messages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request itself cannot be carried out: flags that contradict each
    /// other, an unknown pack, an empty lexicon.
    Usage,
    /// A file or stream could not be read or written.
    Io,
    /// A lexicon file is malformed.
    Lexicon,
    /// An input file (CSV, TSV, labelled data) is malformed.
    InputFormat,
    /// No failure, but worth telling: an input left out on purpose, such
    /// as a folder reached a second time through a symbolic link.
    Notice,
}

/// An error with the file (and line) it concerns.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<u64>,
    message: String,
    source: Option<std::io::Error>,
    /// The error concerns standard input (which has no path).
    standard_input: bool,
}

impl Error {
    /// An I/O error on `path` (or on a stream when `path` is `None`).
    pub fn io(path: Option<&Path>, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io,
            path: path.map(Path::to_path_buf),
            line: None,
            message: source.to_string(),
            source: Some(source),
            standard_input: false,
        }
    }

    /// A malformed lexicon line.
    pub fn lexicon(path: &Path, line: u64, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Lexicon,
            path: Some(path.to_path_buf()),
            line: Some(line),
            message: message.into(),
            source: None,
            standard_input: false,
        }
    }

    /// A malformed input file, with the line when it is known.
    pub fn input(path: Option<&Path>, line: Option<u64>, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InputFormat,
            path: path.map(Path::to_path_buf),
            line,
            message: message.into(),
            source: None,
            standard_input: false,
        }
    }

    /// A usage error: what was asked cannot be done as asked; the message
    /// says what to do instead.
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage,
            path: None,
            line: None,
            message: message.into(),
            source: None,
            standard_input: false,
        }
    }

    /// A notice about `path` (see [`ErrorKind::Notice`]).
    pub fn notice(path: &Path, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Notice,
            path: Some(path.to_path_buf()),
            line: None,
            message: message.into(),
            source: None,
            standard_input: false,
        }
    }

    /// A notice about an input, with the line when it is known, or about
    /// the run when `path` is `None`.
    pub fn note(path: Option<&Path>, line: Option<u64>, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Notice,
            path: path.map(Path::to_path_buf),
            line,
            message: message.into(),
            source: None,
            standard_input: false,
        }
    }

    /// Marks an error about an input without a path as one about standard
    /// input, so that its message names it.
    pub fn on_standard_input(mut self) -> Error {
        self.standard_input = self.path.is_none();
        self
    }

    /// The broad kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error concerns, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line the error concerns, if any.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// True when the error is a closed pipe on output: the reader went away,
    /// which is not a failure of ours (`hedgescore … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        self.source
            .as_ref()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match &self.path {
            Some(path) => Some(path_name(path).into_owned()),
            None if self.standard_input => Some(STANDARD_INPUT.to_string()),
            None => None,
        };
        match (name, self.line) {
            (Some(name), Some(line)) => write!(f, "{}:{}: {}", name, line, self.message),
            (Some(name), None) => write!(f, "{}: {}", name, self.message),
            (None, Some(line)) => write!(f, "line {}: {}", line, self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Error {
        Error::io(None, source)
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// A path as text: as it is when it is UTF-8, else with each byte that
/// is not written `\xNN`, so that two names differing only in such bytes
/// stay different (a lossy conversion makes both U+FFFD).
pub fn path_name(path: &Path) -> std::borrow::Cow<'_, str> {
    use std::os::unix::ffi::OsStrExt;
    if let Some(name) = path.to_str() {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut name = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        name.push_str(chunk.valid());
        for byte in chunk.invalid() {
            name.push_str(&format!("\\x{byte:02x}"));
        }
    }
    std::borrow::Cow::Owned(name)
}
